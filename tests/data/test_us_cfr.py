"""US history from the CFR annual edition of 2015: 21 CFR 1308.11-1308.15 as revised as of April 1, 2015.

The edition (registry/editions/us/cfr.2015.yaml) states Schedules I-V in full; ``schedlib validate`` reconciles
it with the instruments folded to 2015-04-01. These tests pin its counts, the exceptions it records, the dates the
reconciliation added (the Designer Anabolic Steroid Control Act of 2014, the anabolic steroids of 21 CFR 1300.01
in force by 2015-04-01, the isomer coverage of ethylone and 4F-MDMB-BINACA, noroxymorphone under the opiate
clause), and the coverage the edition backs: complete from 2015-04-01, so US negatives from then on are certain.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import schedlib
from domain import assert_controlled, assert_not_controlled, reg
from schedlib.engine import compile_registry
from schedlib.loader import read_registry

EDITION_ID = "us.cfr.2015"
EDITION = "editions/us/cfr.2015.yaml"
DAY = dt.date(2015, 4, 1)
SCHEDULES = [f"us.csa.schedule-{n}" for n in ("i", "ii", "iii", "iv", "v")]
CHEMICAL_LISTS = {"us.list-i": 30, "us.list-ii": 11}

# Entries the edition prints per schedule (Schedule III: its 28 named entries and the 64 anabolic steroids of
# 21 CFR 1300.01 that 1308.13(f)(1) refers to), and what the instruments hold explicitly on that day.
ENTRIES = {SCHEDULES[0]: 174, SCHEDULES[1]: 62, SCHEDULES[2]: 92, SCHEDULES[3]: 74, SCHEDULES[4]: 10}
HELD = {SCHEDULES[0]: 174, SCHEDULES[1]: 66, SCHEDULES[2]: 122, SCHEDULES[3]: 74, SCHEDULES[4]: 10}
# Held by the instruments, not named by the edition: generic clauses (granularity) and steroids the 2014 act named
# before the CFR's list of 1300.01 caught up (other).
EXCEPTIONS = {
    SCHEDULES[1]: {"18f-fp-cit", "6beta-naltrexol", "samidorphan", "noroxymorphone"},
    SCHEDULES[2]: {"aprobarbital", "butalbital", "butobarbital", "secbutabarbital", "talbutal", "thiamylal",
                   "thiopental", "vinbarbital"},
}
DASCA = "us.2014-12-18.designer-anabolic-steroid-control-act"


def _explicit(list_id: str, day: dt.date) -> set[str]:
    r = reg()
    return {
        sid for sid, ivs in r._index.by_substance.items()
        for iv in ivs
        if iv.list_id == list_id and iv.basis in ("listed", "temporary") and iv.start <= day < iv.end
    }


def test_the_2015_edition_states_schedules_i_to_v() -> None:
    ed = reg().editions[EDITION_ID]
    assert ed.date == DAY and ed.jurisdiction == "US"
    assert {el.list: len(el.entries) for el in ed.lists} == ENTRIES | CHEMICAL_LISTS


@pytest.mark.parametrize("list_id", sorted(CHEMICAL_LISTS))
def test_lists_i_and_ii_of_2015_match_the_instruments_exactly(list_id: str) -> None:
    ed = reg().editions[EDITION_ID]
    entries = {e.substance for el in ed.lists if el.list == list_id for e in el.entries}
    assert _explicit(list_id, DAY) == entries
    assert len(entries) == CHEMICAL_LISTS[list_id]
    assert not [x for x in ed.exceptions if x.list == list_id]
    cov = reg().lists[list_id].coverage
    assert cov.complete_from == DAY and cov.edition == EDITION_ID


@pytest.mark.parametrize("list_id", SCHEDULES)
def test_counts_on_the_edition_date_equal_the_edition(list_id: str) -> None:
    ed = reg().editions[EDITION_ID]
    entries = {e.substance for el in ed.lists if el.list == list_id for e in el.entries}
    held = _explicit(list_id, DAY)
    assert len(held) == HELD[list_id]
    assert entries <= held, sorted(entries - held)
    extra = held - entries
    excepted = {x.substance for x in ed.exceptions if x.list == list_id}
    assert extra == excepted
    if list_id == SCHEDULES[2]:
        dasca = {s.substance for a in reg().instruments[DASCA].actions for s in a.substances}  # type: ignore[union-attr]
        assert len(dasca) == 22
        assert extra == EXCEPTIONS[list_id] | dasca
    else:
        assert extra == EXCEPTIONS.get(list_id, set())


ASCA_2004 = "us.2005-01-20.anabolic-steroid-control-act-2004"
STEROIDS_1300_01 = "us.2015-04-01.cfr-anabolic-steroids"


def test_testosterone_is_schedule_iii_in_2020_in_force_by_the_2004_act() -> None:
    st = reg().status("testosterone", "US", "2020-01-01")
    assert st.controlled and "us.csa.schedule-iii" in st.lists
    assert st.since_exact is False  # in force by 2005-01-20; the 1990 act's placement (1991) was not read
    assert [c.instrument for c in st.citations] == [ASCA_2004]
    assert_controlled("testosterone", "US", from_="2005-01-20", in_list="us.csa.schedule-iii", before="not-covered")


@pytest.mark.parametrize("name", ["nandrolone", "stanozolol", "trenbolone", "oxandrolone", "4-androstenedione"])
def test_anabolic_steroids_of_1300_01_are_in_force_by_the_2004_act(name: str) -> None:
    assert_controlled(name, "US", from_="2005-01-20", in_list="us.csa.schedule-iii", before="not-covered")
    assert reg().status(name, "US", DAY).since_exact is False


def test_the_2004_act_holds_the_59_steroids_of_1300_01_that_no_later_instrument_added() -> None:
    r = reg()
    act = {s.substance for a in r.instruments[ASCA_2004].actions for s in a.substances}  # type: ignore[union-attr]
    cfr = {s.substance for a in r.instruments[STEROIDS_1300_01].actions for s in a.substances}  # type: ignore[union-attr]
    assert len(act) == 59 and act == cfr  # 70 FR 74653: the act names 59 substances
    later = {"boldione", "desoxymethyltestosterone", "19-nor-4-9-10-androstadienedione", "methasterone", "prostanozol"}
    edition = {e.substance for el in r.editions[EDITION_ID].lists if el.list == SCHEDULES[2] for e in el.entries}
    assert later <= edition and not later & act
    assert {e for e in edition if r.status(e, "US", "2005-01-20").controlled} >= act
    ins = r.instruments[ASCA_2004]
    assert ins.confidence == "computed"
    assert str(ins.dates.effective.date) == "2005-01-20" and ins.dates.effective.confidence == "official"  # type: ignore[union-attr]
    for sid in later:  # dated by their own rules, after the act
        assert r.status(sid, "US", "2005-01-20").controlled is not True
    # clauses (i)-(vii) of 21 U.S.C. 802(41)(A) as the 2004 act words them (the part of the act that was read)
    read = {"3beta-17beta-dihydroxy-5alpha-androstane", "3alpha-17beta-dihydroxy-5alpha-androstane",
            "5alpha-androstan-3-17-dione", "1-androstenediol-3beta-17beta-dihydroxy-5alpha-androst-1-ene",
            "1-androstenediol-3alpha-17beta-dihydroxy-5alpha-androst-1-ene", "4-androstenediol", "5-androstenediol",
            "1-androstenedione", "4-androstenedione", "5-androstenedione", "bolasterone", "boldenone", "calusterone"}
    assert read <= act


@pytest.mark.parametrize(
    "name", ["5alpha-androstan-3-6-17-trione", "6-bromo-androstan-3-17-dione", "estra-4-9-11-triene-3-17-dione",
             "3-2-c-pyrazole-androst-4-en-17beta-ol"],
)
def test_the_designer_anabolic_steroid_control_act_places_steroids_from_2014_12_18(name: str) -> None:
    assert_controlled(name, "US", from_="2014-12-18", in_list="us.csa.schedule-iii", before="not-covered")
    st = reg().status(name, "US", "2014-12-18")
    assert DASCA in {c.instrument for c in st.citations}


def test_isomers_dea_listed_by_name_later_are_controlled_from_their_parent() -> None:
    assert_controlled("ethylone", "US", from_="2014-03-07", in_list="us.csa.schedule-i", before="not-covered")
    assert_controlled("4f-mdmb-binaca", "US", from_="2017-04-10", in_list="us.csa.schedule-i", before="later")
    assert reg().status("ethylone", "US", "2020-06-08").reason == "listed"
    assert reg().status("4f-mdmb-binaca", "US", "2021-06-22").reason == "listed"
    st = reg().status("noroxymorphone", "US", DAY)
    assert st.controlled and "us.csa.schedule-ii" in st.lists


@pytest.mark.parametrize("list_id", SCHEDULES)
def test_the_edition_backs_coverage_from_2015_04_01(list_id: str) -> None:
    cov = reg().lists[list_id].coverage
    assert cov.complete_from == DAY and cov.edition == EDITION_ID


def test_negative_answers_are_certain_from_the_edition_date() -> None:
    assert_not_controlled("kratom", "US", "2015-04-01", reason="never")
    assert_not_controlled("kratom", "US", "2015-03-31", reason="not-covered")
    assert_not_controlled("eluxadoline", "US", "2015-06-01", reason="later")
    assert_controlled("eluxadoline", "US", from_="2015-12-17", before="later")


def test_cn_not_us_gap_of_2018_has_no_not_covered_answer() -> None:
    g = reg().gap("CN", ["US"], "2018-06-01")
    assert len(g.entries) > 50
    for e in g.entries:
        st = e.absences["US"]
        assert not st.controlled
        assert st.reason in ("later", "never", "removed", "expired"), (e.substance.id, st.reason)


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    shutil.copytree(schedlib.bundled_registry_path(), root)
    return root


def test_dropping_an_exception_is_an_edition_error(registry_copy: Path) -> None:
    ed = registry_copy / EDITION
    lines = ed.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if "substance: thiopental," not in ln]
    assert len(kept) == len(lines) - 1
    ed.write_text("".join(kept), encoding="utf-8")
    data, errors = read_registry(registry_copy)
    assert data is not None and not errors
    _, errors = compile_registry(data)
    assert [e.message for e in errors] == [
        "'thiopental' is on us.csa.schedule-iii on 2015-04-01 by instrument 'us.1971-05-01.controlled-substances-act', "
        f"but edition '{EDITION_ID}' does not list it; add it to the edition, correct the instruments, "
        "or record a cited exception"
    ]


# Issue 15: FR documents first known only from a denied source, now read in copies of the Federal Register.

def test_dipentylone_is_listed_by_name_from_2025_08_08_after_control_as_an_isomer_from_2018() -> None:
    assert_controlled("dipentylone", "US", from_="2018-08-31", in_list="us.csa.schedule-i", before="later")
    assert reg().status("dipentylone", "US", "2025-08-07").reason == "class"
    st = reg().status("dipentylone", "US", "2025-08-08")
    assert st.reason == "listed" and [c.instrument for c in st.citations] == ["us.2025-08-08.dipentylone"]
    ins = reg().instruments["us.2025-08-08.dipentylone"]
    assert ins.confidence == "official" and ins.number == "90 FR 38396 (FR Doc 2025-15177)"


def test_the_cumyl_pegaclone_extension_takes_effect_when_the_2023_order_would_have_ended() -> None:
    ext = "us.2025-12-11.cumyl-pegaclone-extension"
    before = reg().status("cumyl-pegaclone", "US", "2025-12-11")
    on = reg().status("cumyl-pegaclone", "US", "2025-12-12")
    assert before.controlled and ext not in {c.instrument for c in before.citations}
    assert on.controlled and ext in {c.instrument for c in on.citations}
    assert_not_controlled("cumyl-pegaclone", "US", "2026-12-12", reason="expired")
    ins = reg().instruments[ext]
    assert ins.dates.effective is not None and str(ins.dates.effective.date) == "2025-12-12"
    assert ins.dates.effective.confidence == "official"


@pytest.mark.parametrize("doc", ["2022-11740", "2025-22540", "2025-22960"])
def test_fr_documents_not_found_again_stay_unverified(doc: str) -> None:
    src = reg().sources[f"us.fr.{doc}"]
    assert src.note is not None and "unverified" in src.note and "Searched again" in src.note


def test_methamphetamine_racemate_is_covered_by_the_methamphetamine_listings() -> None:
    # 21 U.S.C. 812(c) Schedule II(c) and III(a)(3) list methamphetamine "including its salts, isomers, and salts of
    # isomers", as 21 CFR 1308.12(d)(2) does in 2015; the racemate (甲基苯丙胺 in the 2025 Chinese list, CAS RN
    # 7632-10-2) is a mixture of those isomers. It used to answer "never" in the US.
    assert reg().find("甲基苯丙胺").id == "metamfetamine-racemate"
    assert_controlled("甲基苯丙胺", "US", from_="1971-05-01", in_list="us.csa.schedule-ii", reason="class", before="not-covered")
    st = reg().status("甲基苯丙胺", "US", "2024-01-01")
    assert st.controlled and st.lists == ("us.csa.schedule-ii",) and st.via == "metamfetamine"
    assert "isomers" in st.explanation and "Metamfetamine" in st.explanation
    assert reg().status("metamfetamine-racemate", "US", "1971-07-06").lists == ("us.csa.schedule-ii", "us.csa.schedule-iii")
    assert reg().status("metamfetamine-racemate", "US", "1971-07-07").lists == ("us.csa.schedule-ii",)


@pytest.mark.parametrize(
    ("substance", "parent", "lists_1971_05_01"),
    [
        ("dexamfetamine", "amfetamine", ("us.csa.schedule-iii",)),
        ("levamfetamine", "amfetamine", ("us.csa.schedule-iii",)),
        ("levomethamfetamine", "metamfetamine", ("us.csa.schedule-ii", "us.csa.schedule-iii")),
    ],
)
def test_the_isomers_of_amphetamine_and_methamphetamine_are_covered(substance: str, parent: str, lists_1971_05_01: tuple[str, ...]) -> None:
    # 812(c) III(a)(1) "Amphetamine, its salts, optical isomers, and salts of its optical isomers" and II(c)/III(a)(3)
    # "methamphetamine, including its salts, isomers, and salts of isomers" (21 CFR 1308.12(d)(1)-(2) in 2015): these
    # three answered a false "never" in the US (dexamfetamine sat in the CN-not-US gap of 2018-06-01)
    assert_controlled(substance, "US", from_="1971-05-01", reason="class", before="not-covered")
    assert reg().status(substance, "US", "1971-05-01").lists == lists_1971_05_01
    st = reg().status(substance, "US", "2018-06-01")
    assert st.controlled and st.lists == ("us.csa.schedule-ii",) and st.via == parent
    assert substance not in {e.substance.id for e in reg().gap("CN", "US", "2018-06-01").certain}
