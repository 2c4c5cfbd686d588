"""China's medical lists: the 2013 editions (in force 2014-01-01) and the change announcements to mid-2024.

Counts are those the sources state: 121 narcotic drugs and 149 psychotropic substances (68 + 81) in the 2013
editions; 123 narcotic + 166 psychotropic in the July 2024 community spreadsheet, whose batch counts are
1 (2015), 3 (2019-09), 1 (2020), 7 (2023-07), 3 (2023-10) and 4 (2024-07). The Category I / II split after
2014 (70 + 97 on 2024-07-01, midazolam on both) follows from the announcements, not from a stated count.
"""

import datetime as dt

import pytest

from domain import assert_controlled, assert_not_controlled, count_controlled, reg

CN = "CN"
NARC = "cn.narcotic-drugs"
CAT_I = "cn.psychotropic-substances.category-i"
CAT_II = "cn.psychotropic-substances.category-ii"

# Entries of the 2013 editions, in list order (entry n = index + 1).
NARCOTIC_2013 = (
    "acetorphine",
    "acetyl-alpha-methylfentanyl",
    "acetylmethadol",
    "alfentanil",
    "allylprodine",
    "alphacetylmethadol",
    "alphameprodine",
    "alphamethadol",
    "alpha-methylfentanyl",
    "alpha-methylthiofentanyl",
    "alphaprodine",
    "anileridine",
    "benzethidine",
    "benzylmorphine",
    "betacetylmethadol",
    "beta-hydroxyfentanyl",
    "beta-hydroxy-3-methylfentanyl",
    "betameprodine",
    "betamethadol",
    "betaprodine",
    "bezitramide",
    "cannabis",
    "clonitazene",
    "coca-leaf",
    "cocaine",
    "codoxime",
    "concentrate-of-poppy-straw",
    "desomorphine",
    "dextromoramide",
    "diampromide",
    "diethylthiambutene",
    "difenoxin",
    "dihydroetorphine",
    "dihydromorphine",
    "dimenoxadol",
    "dimepheptanol",
    "dimethylthiambutene",
    "dioxaphetyl-butyrate",
    "diphenoxylate",
    "dipipanone",
    "drotebanol",
    "ecgonine",
    "ethylmethylthiambutene",
    "etonitazene",
    "etorphine",
    "etoxeridine",
    "fentanyl",
    "furethidine",
    "heroin",
    "hydrocodone",
    "hydromorphinol",
    "hydromorphone",
    "hydroxypethidine",
    "isomethadone",
    "ketobemidone",
    "levomethorphan",
    "levomoramide",
    "levophenacylmorphan",
    "levorphanol",
    "metazocine",
    "methadone",
    "methadone-intermediate",
    "methyldesorphine",
    "methyldihydromorphine",
    "3-methylfentanyl",
    "3-methylthiofentanyl",
    "metopon",
    "moramide-intermediate",
    "morpheridine",
    "morphine",
    "morphine-methobromide",
    "morphine-n-oxide",
    "mppp",
    "myrophine",
    "nicomorphine",
    "noracymethadol",
    "norlevorphanol",
    "normethadone",
    "normorphine",
    "norpipanone",
    "opium",
    "oripavine",
    "oxycodone",
    "oxymorphone",
    "para-fluorofentanyl",
    "pethidine",
    "pethidine-intermediate-a",
    "pethidine-intermediate-b",
    "pethidine-intermediate-c",
    "phenadoxone",
    "phenampromide",
    "phenazocine",
    "pepap",
    "phenomorphan",
    "phenoperidine",
    "piminodine",
    "piritramide",
    "proheptazine",
    "properidine",
    "racemethorphan",
    "racemoramide",
    "racemorphan",
    "remifentanil",
    "sufentanil",
    "thebacon",
    "thebaine",
    "thiofentanyl",
    "tilidine",
    "trimeperidine",
    "acetyldihydrocodeine",
    "codeine",
    "dextropropoxyphene",
    "dihydrocodeine",
    "ethylmorphine",
    "nicocodine",
    "nicodicodine",
    "norcodeine",
    "pholcodine",
    "propiram",
    "bucinnazine",
    "poppy-shell",
)

CATEGORY_I_2013 = (
    "brolamfetamine",
    "cathinone",
    "det",
    "dma",
    "dmhp",
    "dmt",
    "doet",
    "eticyclidine",
    "etryptamine",
    "n-hydroxy-mda",
    "lysergide",
    "n-ethyl-mda",
    "mdma",
    "mescaline",
    "methcathinone",
    "4-methylaminorex",
    "mmda",
    "4-methylthioamfetamine",
    "parahexyl",
    "pma",
    "psilocin",
    "psilocybin",
    "rolicyclidine",
    "stp",
    "tenamfetamine",
    "tenocyclidine",
    "tetrahydrocannabinol",
    "tma",
    "amfetamine",
    "amineptine",
    "2c-b",
    "dexamfetamine",
    "dronabinol",
    "fenetylline",
    "levamfetamine",
    "levomethamfetamine",
    "mecloqualone",
    "metamfetamine",
    "metamfetamine-racemate",
    "methaqualone",
    "methylphenidate",
    "phencyclidine",
    "phenmetrazine",
    "secobarbital",
    "zipeprol",
    "amfepramone",
    "benzylpiperazine",
    "buprenorphine",
    "jwh-073",
    "khat",
    "2c-i",
    "2c-h",
    "dimethylamfetamine",
    "etaqualone",
    "am-694",
    "am-2201",
    "gamma-hydroxybutyrate",
    "ketamine",
    "mazindol",
    "jwh-250",
    "mdpv",
    "4-mec",
    "mephedrone",
    "methylone",
    "modafinil",
    "jwh-018",
    "tapentadol",
    "triazolam",
)

CATEGORY_II_2013 = (
    "amobarbital",
    "butalbital",
    "cathine",
    "cyclobarbital",
    "flunitrazepam",
    "glutethimide",
    "pentazocine",
    "pentobarbital",
    "alprazolam",
    "aminorex",
    "barbital",
    "benzfetamine",
    "bromazepam",
    "brotizolam",
    "butobarbital",
    "camazepam",
    "chlordiazepoxide",
    "clobazam",
    "clonazepam",
    "clorazepate",
    "clotiazepam",
    "cloxazolam",
    "delorazepam",
    "diazepam",
    "estazolam",
    "ethchlorvynol",
    "ethinamate",
    "ethyl-loflazepate",
    "etilamfetamine",
    "fencamfamin",
    "fenproporex",
    "fludiazepam",
    "flurazepam",
    "halazepam",
    "haloxazolam",
    "ketazolam",
    "lefetamine",
    "loprazolam",
    "lorazepam",
    "lormetazepam",
    "medazepam",
    "mefenorex",
    "meprobamate",
    "mesocarb",
    "methylphenobarbital",
    "methyprylon",
    "midazolam",
    "nimetazepam",
    "nitrazepam",
    "nordazepam",
    "oxazepam",
    "oxazolam",
    "pemoline",
    "phendimetrazine",
    "phenobarbital",
    "phentermine",
    "pinazepam",
    "pipradrol",
    "prazepam",
    "pyrovalerone",
    "secbutabarbital",
    "temazepam",
    "tetrazepam",
    "vinylbital",
    "zolpidem",
    "allobarbital",
    "buprenorphine-transdermal-patches",
    "butorphanol",
    "caffeine",
    "caffeine-sodium-benzoate",
    "dexfenfluramine",
    "dezocine",
    "ergotamine-caffeine-tablets",
    "fenfluramine",
    "furfennorex",
    "nalbuphine",
    "paracetamol-hydrocodone-tablets",
    "propylhexedrine",
    "tramadol",
    "zaleplon",
    "zopiclone",
)

# Entries marked "*" (produced and used in China) in the transcriptions.
STARRED = {
    NARC: (
        "cocaine",
        "concentrate-of-poppy-straw",
        "dihydroetorphine",
        "diphenoxylate",
        "fentanyl",
        "hydrocodone",
        "hydromorphone",
        "methadone",
        "morphine",
        "opium",
        "oxycodone",
        "pethidine",
        "remifentanil",
        "sufentanil",
        "thebaine",
        "codeine",
        "dextropropoxyphene",
        "dihydrocodeine",
        "ethylmorphine",
        "pholcodine",
        "bucinnazine",
        "poppy-shell",
    ),
    CAT_I: (
        "methylphenidate",
        "secobarbital",
        "buprenorphine",
        "gamma-hydroxybutyrate",
        "ketamine",
        "mazindol",
        "triazolam",
    ),
    CAT_II: (
        "amobarbital",
        "glutethimide",
        "pentazocine",
        "pentobarbital",
        "alprazolam",
        "barbital",
        "clonazepam",
        "diazepam",
        "estazolam",
        "flurazepam",
        "lorazepam",
        "meprobamate",
        "midazolam",
        "nitrazepam",
        "oxazepam",
        "pemoline",
        "phenobarbital",
        "zolpidem",
        "buprenorphine-transdermal-patches",
        "butorphanol",
        "caffeine",
        "caffeine-sodium-benzoate",
        "dezocine",
        "ergotamine-caffeine-tablets",
        "paracetamol-hydrocodone-tablets",
        "tramadol",
        "zaleplon",
    ),
}

# (substance, list, effective date) of every addition by the change announcements 2015–2024.
ADDITIONS = (
    ("codeine-compound-oral-liquids", CAT_II, "2015-05-01"),  # 2015 No. 10
    ("oxycodone-compound-oral-solids-over-5-mg", CAT_I, "2019-09-01"),  # 2019 No. 63
    ("oxycodone-compound-oral-solids-up-to-5-mg", CAT_II, "2019-09-01"),
    ("buprenorphine-naloxone-oral-solids", CAT_II, "2019-09-01"),
    ("remimazolam", CAT_II, "2020-01-01"),  # 2019 No. 108
    ("oliceridine", NARC, "2023-07-01"),  # 2023 No. 43
    ("suvorexant", CAT_II, "2023-07-01"),
    ("perampanel", CAT_II, "2023-07-01"),
    ("eptazocine", CAT_II, "2023-07-01"),
    ("tramadol-compound-preparations", CAT_II, "2023-07-01"),
    ("hydrocodone-compound-oral-solids-over-5-mg", CAT_I, "2023-07-01"),
    ("hydrocodone-compound-oral-solids-up-to-5-mg", CAT_II, "2023-07-01"),
    ("tegileridine", NARC, "2023-10-01"),  # 2023 No. 120
    ("dimdazenil", CAT_II, "2023-10-01"),
    ("etomidate", CAT_II, "2023-10-01"),
    ("dextromethorphan", CAT_II, "2024-07-01"),  # 2024 No. 54
    ("diphenoxylate-compound-preparations", CAT_II, "2024-07-01"),
    ("nalfurafine", CAT_II, "2024-07-01"),
    ("lorcaserin", CAT_II, "2024-07-01"),
)


def _listed(on: str, lst: str) -> set[str]:
    return {s.substance.id for s in reg().controlled(CN, on, in_list=lst) if s.reason == "listed"}


def _day_before(on: str) -> str:
    return (dt.date.fromisoformat(on) - dt.timedelta(days=1)).isoformat()


def test_2013_edition_counts_on_2014_01_01() -> None:
    assert len(_listed("2014-01-01", NARC)) == 121
    assert len(_listed("2014-01-01", CAT_I)) == 68
    assert len(_listed("2014-01-01", CAT_II)) == 81
    assert len(_listed("2014-01-01", CAT_I) | _listed("2014-01-01", CAT_II)) == 149
    assert count_controlled(CN, "2014-01-01", in_list=NARC) == 121
    assert count_controlled(CN, "2013-12-31", in_list=NARC) == 0


def test_tables_match_the_transcribed_sizes() -> None:
    assert len(NARCOTIC_2013) == len(set(NARCOTIC_2013)) == 121
    assert len(CATEGORY_I_2013) == len(set(CATEGORY_I_2013)) == 68
    assert len(CATEGORY_II_2013) == len(set(CATEGORY_II_2013)) == 81
    assert not set(CATEGORY_I_2013) & set(CATEGORY_II_2013)


@pytest.mark.parametrize(("lst", "table"), [(NARC, NARCOTIC_2013), (CAT_I, CATEGORY_I_2013), (CAT_II, CATEGORY_II_2013)])
def test_every_2013_entry_both_sides_of_2014_01_01(lst: str, table: tuple[str, ...]) -> None:
    r = reg()
    listed = _listed("2014-01-01", lst)
    assert listed == set(table)
    for sid in table:
        before = r.status(sid, CN, "2013-12-31")
        # the registry holds the lists from the 2013 edition (in force 2014-01-01) on, not the earlier editions
        assert not before.controlled and before.reason == "not-covered", (sid, before.reason)
        on = r.status(sid, CN, "2014-01-01")
        assert on.controlled and on.reason == "listed" and lst in on.lists, (sid, on.explanation)


def test_entry_numbers_and_asterisk_notes() -> None:
    r = reg()
    for iid, lst, table in (
        ("cn.2014-01-01.narcotic-drugs-2013", NARC, NARCOTIC_2013),
        ("cn.2014-01-01.psychotropic-substances-2013", CAT_I, CATEGORY_I_2013),
        ("cn.2014-01-01.psychotropic-substances-2013", CAT_II, CATEGORY_II_2013),
    ):
        inst = r.instruments[iid]
        # the edition's entries, in entry order, whether added by it or shown in force by it
        entries = sorted(
            (e for a in inst.actions if getattr(a, "list", None) == lst for e in a.substances),
            key=lambda e: int(e.entry or 0),
        )
        assert [e.substance for e in entries] == list(table)
        assert [e.entry for e in entries] == [str(i) for i in range(1, len(table) + 1)]
        starred = tuple(e.substance for e in entries if e.note and "*" in e.note)
        assert starred == STARRED[lst]
    assert len(STARRED[NARC]) == 22 and len(STARRED[CAT_I]) == 7 and len(STARRED[CAT_II]) == 27


@pytest.mark.parametrize(("sid", "lst", "on"), ADDITIONS)
def test_additions_both_sides(sid: str, lst: str, on: str) -> None:
    assert_controlled(sid, CN, from_=on, in_list=lst, reason="listed", before="later")


def test_modafinil_moves_from_category_i_to_ii_on_2023_10_01() -> None:
    r = reg()
    before = r.status("modafinil", CN, "2023-09-30")
    after = r.status("modafinil", CN, "2023-10-01")
    assert before.controlled and before.lists == (CAT_I,)
    assert after.controlled and after.lists == (CAT_II,)
    assert after.since.isoformat() == "2014-01-01"  # no gap in control


def test_midazolam_api_and_injections_to_category_i_on_2024_07_01() -> None:
    r = reg()
    assert r.status("midazolam", CN, "2024-06-30").lists == (CAT_II,)
    assert r.status("midazolam", CN, "2024-07-01").lists == (CAT_I, CAT_II)
    assert_not_controlled("midazolam", CN, "2013-12-31", reason="not-covered")


@pytest.mark.parametrize(
    ("on", "narc", "psy"),
    [
        ("2014-01-01", 121, 149),
        ("2015-04-30", 121, 149),
        ("2015-05-01", 121, 150),  # + 1 (2015 No. 10)
        ("2019-08-31", 121, 150),
        ("2019-09-01", 121, 153),  # + 3 (2019 No. 63)
        ("2019-12-31", 121, 153),
        ("2020-01-01", 121, 154),  # + 1 (2019 No. 108)
        ("2023-06-30", 121, 154),
        ("2023-07-01", 122, 160),  # + 7 (2023 No. 43): 1 narcotic, 6 psychotropic
        ("2023-09-30", 122, 160),
        ("2023-10-01", 123, 162),  # + 3 (2023 No. 120): 1 narcotic, 2 psychotropic; modafinil moved
        ("2024-06-30", 123, 162),
        ("2024-07-01", 123, 166),  # + 4 (2024 No. 54); midazolam now on both categories
    ],
)
def test_counts_around_each_change(on: str, narc: int, psy: int) -> None:
    assert len(_listed(on, NARC)) == narc
    assert len(_listed(on, CAT_I) | _listed(on, CAT_II)) == psy


def test_category_split_on_2024_07_01() -> None:
    # Not a stated count: 68 - modafinil + 2 oxycodone/hydrocodone bands + midazolam = 70; 81 + 16 = 97.
    assert len(_listed("2024-07-01", CAT_I)) == 70
    assert len(_listed("2024-07-01", CAT_II)) == 97


def test_fentanyl_family_13_on_the_narcotic_list() -> None:
    assert count_controlled(CN, "2014-01-01", family="fentanyl", in_list=NARC) == 13
    assert count_controlled(CN, "2024-07-01", family="fentanyl", in_list=NARC) == 13


def test_fentanyl_family_19_before_the_march_2017_additions() -> None:
    # AP, 2017-02-16: "fentanyl and 18 related compounds" = 13 (2013 narcotic list) + 6 (2015 supplementary list).
    assert count_controlled(CN, "2017-02-28", family="fentanyl") == 19


def test_names_as_listed_find_the_substances() -> None:
    r = reg()
    assert r.find("芬太尼").id == "fentanyl"
    assert r.find("4-MMC").id == "mephedrone"
    assert r.find("罂粟壳").id == "poppy-shell"
    assert r.find("咪达唑仑").id == "midazolam"
