"""China's precursor catalogue (易制毒化学品的分类和品种目录): the 2005 annex and the later additions encoded.

Sources: the annex of State Council Decree No. 445 (in force 2005-11-01) as transcribed (LawRefBook) and
reproduced by a company website; Xinhua (2008-07-22) for hydroxylimine; the Supreme People's Court's 2016
interpretation for three chemicals whose listing act was not found (recorded as in force by 2016-04-11).
The six additions of 2021 are pinned in test_cn_precursors_2021.py, the fentanyl precursors in test_cn_supplementary.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain import assert_controlled, count_controlled, reg

ANNEX = "cn.2005-11-01.precursor-regulations-annex"
CAT_I, CAT_II, CAT_III = "cn.precursors.category-i", "cn.precursors.category-ii", "cn.precursors.category-iii"
UNVERIFIED = "cn.precursors.category-unverified"
CATEGORY_LISTS = (CAT_I, CAT_II, CAT_III, UNVERIFIED)

# (substance, annex entry, name as listed) per category, as the annex prints them
ANNEX_I = [
    ("phenylacetone", "1", "1-苯基-2-丙酮"),
    ("3-4-methylenedioxyphenyl-2-propanone", "2", "3,4-亚甲基二氧苯基-2-丙酮"),
    ("piperonal", "3", "胡椒醛"),
    ("safrole", "4", "黄樟素"),
    ("sassafras-oil", "5", "黄樟油"),
    ("isosafrole", "6", "异黄樟素"),
    ("n-acetylanthranilic-acid", "7", "N-乙酰邻氨基苯酸"),
    ("anthranilic-acid", "8", "邻氨基苯甲酸"),
    ("lysergic-acid", "9", "麦角酸*"),
    ("ergotamine", "10", "麦角胺*"),
    ("ergometrine", "11", "麦角新碱*"),
    ("ephedrine", "12", "麻黄素"),
    ("pseudoephedrine", "12", "伪麻黄素"),
    ("racephedrine", "12", "消旋麻黄素"),
    ("norephedrine", "12", "去甲麻黄素"),
    ("n-methylephedrine", "12", "甲基麻黄素"),
    ("ephedra-extract", "12", "麻黄浸膏"),
    ("ephedra-extract-powder", "12", "麻黄浸膏粉"),
]
ANNEX_II = [
    ("phenylacetic-acid", "1", "苯乙酸"),
    ("acetic-anhydride", "2", "醋酸酐"),
    ("chloroform", "3", "三氯甲烷"),
    ("ethyl-ether", "4", "乙醚"),
    ("hexahydropyridine", "5", "哌啶"),
]
ANNEX_III = [
    ("toluene", "1", "甲苯"),
    ("acetone", "2", "丙酮"),
    ("methyl-ethyl-ketone", "3", "甲基乙基酮"),
    ("potassium-permanganate", "4", "高锰酸钾"),
    ("sulfuric-acid", "5", "硫酸"),
    ("hydrochloric-acid", "6", "盐酸"),
]
ANNEX_ALL = [(s, CAT_I) for s, _, _ in ANNEX_I] + [(s, CAT_II) for s, _, _ in ANNEX_II] + [(s, CAT_III) for s, _, _ in ANNEX_III]

# known only to be listed by the 2016 interpretation's effective date; category not read
IN_FORCE_BY_2016 = ["o-chlorophenyl-cyclopentyl-ketone", "2-bromopropiophenone", "apaan"]


def _entries(list_id: str) -> list[tuple[str, str | None, str | None]]:
    ins = reg().instruments[ANNEX]
    return [
        (e.substance, e.entry, e.name_as_listed) for a in ins.actions if getattr(a, "list", None) == list_id for e in a.substances
    ]


@pytest.mark.parametrize(
    ("list_id", "expected", "numbered"), [(CAT_I, ANNEX_I, 12), (CAT_II, ANNEX_II, 5), (CAT_III, ANNEX_III, 6)]
)
def test_annex_as_printed(list_id: str, expected: list[tuple[str, str, str]], numbered: int) -> None:
    # the annex numbers 12 / 5 / 6 entries; entry 12 of Category I names seven ephedrine-type substances
    got = _entries(list_id)
    assert got == expected
    assert len({entry for _, entry, _ in got}) == numbered


def test_annex_in_force_on_its_day() -> None:
    ins = reg().instruments[ANNEX]
    assert ins.dates.effective.date.earliest() == dt.date(2005, 11, 1)
    assert ins.number == "中华人民共和国国务院令第445号"


@pytest.mark.parametrize(("name", "list_id"), ANNEX_ALL)
def test_annex_chemicals_both_sides_of_2005_11_01(name: str, list_id: str) -> None:
    # the catalogue did not exist the day before: a certain "later"
    assert_controlled(name, "CN", from_="2005-11-01", in_list=list_id, reason="listed", before="later", regime="precursor")


@pytest.mark.parametrize(("name", "list_id"), ANNEX_ALL)
def test_annex_chemicals_on_one_category_only_today(name: str, list_id: str) -> None:
    st = reg().status(name, "CN", "2026-01-01", regime="precursor")
    assert st.controlled, st.explanation
    assert st.lists == (list_id,)
    assert st.since == dt.date(2005, 11, 1)


def test_hydroxylimine_category_i_from_2008_08_01() -> None:
    assert_controlled(
        "hydroxylimine", "CN", from_="2008-08-01", in_list=CAT_I, reason="listed", before="later", regime="precursor"
    )
    assert_controlled("羟亚胺", "CN", from_="2008-08-01", in_list=CAT_I, regime="precursor")


@pytest.mark.parametrize("name", IN_FORCE_BY_2016)
def test_known_only_by_2016_answer_not_covered_before(name: str) -> None:
    r = reg()
    on = r.status(name, "CN", "2016-04-11", regime="precursor")
    assert on.controlled, on.explanation
    assert on.lists == (UNVERIFIED,)
    assert on.since_exact is False
    before = r.status(name, "CN", "2016-04-10", regime="precursor")
    assert before.controlled is None and before.reason == "not-covered", before.explanation
    # a date well before is not "later" either: the start is unknown
    assert r.status(name, "CN", "2010-01-01", regime="precursor").reason == "not-covered"


def test_in_force_by_entries_name_what_the_interpretation_prints() -> None:
    ins = reg().instruments["cn.2016-04-11.spc-drug-crimes-interpretation"]
    names = {e.substance: e.name_as_listed for a in ins.actions for e in a.substances}
    assert names == {
        "2-bromopropiophenone": "1-苯基-2-溴-1-丙酮",
        "apaan": "3-氧-2-苯基丁腈",
        "o-chlorophenyl-cyclopentyl-ketone": "邻氯苯基环戊酮",
    }


@pytest.mark.parametrize(
    ("list_id", "count"),
    [
        (CAT_I, 18 + 1),  # annex entries 1-12 (18 named chemicals) + hydroxylimine (2008)
        (CAT_II, 5 + 4 + 4),  # annex + four of 2021 + 4-AP, 1-boc-4-AP, norfentanyl, cannabidiol (2024)
        (CAT_III, 6 + 2),  # annex + benzyl cyanide, GBL (2021)
        (UNVERIFIED, 3 + 2 + 2 + 2),  # by 2016 + NPP, 4-ANPP + BMK/3-oxo-2-phenylbutanoic acid + two piperidones
    ],
)
def test_counts_per_category_today(list_id: str, count: int) -> None:
    day = "2026-01-01"
    assert count_controlled("CN", day, in_list=list_id, regime="precursor") == count


def test_no_substance_on_two_categories_today() -> None:
    seen: dict[str, str] = {}
    for list_id in CATEGORY_LISTS:
        for st in reg().controlled("CN", "2026-01-01", in_list=list_id, regime="precursor"):
            assert st.substance.id not in seen, f"{st.substance.id} on {seen.get(st.substance.id)} and {list_id}"
            seen[st.substance.id] = list_id


def test_every_listed_chemical_is_in_the_coverage() -> None:
    # a listed chemical outside coverage.substances would make its earlier days "not-covered" without saying why
    r = reg()
    for list_id in CATEGORY_LISTS:
        cov = set(r.lists[list_id].coverage.substances or ())
        listed = {
            st.substance.id
            for st in r.controlled("CN", "2026-01-01", in_list=list_id, regime="precursor")
            if st.reason == "listed"
        }
        assert listed <= cov, sorted(listed - cov)


def test_gap_cn_not_us_2018_has_a_reason_for_every_entry() -> None:
    # issue 17: every substance controlled in CN and not in the US on 2018-06-01 has a reason, never "not-covered"
    gap = reg().gap("CN", "US", "2018-06-01")
    assert len(gap) > 0
    for e in gap:
        for j, st in {**e.presences, **e.absences}.items():
            assert st.reason != "not-covered", f"{e.substance.id} in {j}: {st.explanation}"
    ids = {e.substance.id for e in gap}
    # the annex chemicals that the US does not list are among them
    assert {"chloroform", "hydroxylimine", "sassafras-oil"} <= ids
