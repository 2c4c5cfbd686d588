"""China's 2025 restructuring of its drug lists (best-supported date 2025-07-28, unverified).

The Supplementary List (cn.nps-supplementary) and the 2013 medical lists end; the Non-medical List (cn.non-medical:
396 named entries + 3 classes) and the 2025 medical editions (narcotic drugs 32 entries; psychotropic substances
Category I 18, Category II 78) take over by transfer, so nothing carried over has a gap in control. Counts are those
of the MPS release as transcribed (231 + 91 + 74 = 396 and 3 classes) and of the OverdriveLab transcription of the
medical lists. Sources: shared/sources/cn/overdrive-wiki/drug_scheduling_2025.md, FACTS.md sections 0, 3a, 4, 6.
"""

import datetime as dt

import pytest

from domain import assert_controlled, assert_not_controlled, reg

CN = "CN"
DAY = dt.date(2025, 7, 28)
BEFORE = DAY - dt.timedelta(days=1)

SUPP = "cn.nps-supplementary"
NARC = "cn.narcotic-drugs"
CAT_I = "cn.psychotropic-substances.category-i"
CAT_II = "cn.psychotropic-substances.category-ii"
NM = "cn.non-medical"
NARC25 = "cn.narcotic-drugs-2025"
P1 = "cn.psychotropic-substances-2025.category-i"
P2 = "cn.psychotropic-substances-2025.category-ii"

NM_INST = "cn.2025-07-28.non-medical-list"
MED_INST = "cn.2025-07-28.medical-lists-2025"

CLASSES = ("cn.fentanyl-related-substances", "cn.synthetic-cannabinoids", "cn.nitazenes")
NEW_CAT_II = ("carisoprodol", "cebranopadol", "serdexmethylphenidate", "valiloxybate", "zuranolone")
REMOVED = ("paracetamol-hydrocodone-tablets", "suvorexant")


def listed(list_id: str, on: dt.date) -> set[str]:
    return {s.substance.id for s in reg().controlled(CN, on, in_list=list_id) if s.reason == "listed"}


def transfers(inst: str) -> list:
    return [a for a in reg().instruments[inst].actions if a.type == "transfer"]


def transferred_substances() -> list[tuple[str, str, str]]:
    """(substance, from_list, to_list) of every substance transfer of the two instruments."""
    out = []
    for inst in (NM_INST, MED_INST):
        for a in transfers(inst):
            out.extend((e.substance, a.from_list, a.to_list) for e in a.substances)
    return out


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("inst", [NM_INST, MED_INST])
def test_effective_date_is_the_best_supported_one(inst: str) -> None:
    i = reg().instruments[inst]
    assert str(i.dates.effective.date) == "2025-07-28"
    assert i.dates.effective.confidence == "unverified"
    assert i.dates.effective.note


def test_medical_announcement_number() -> None:
    assert reg().instruments[MED_INST].number == "2025年第55号"


# ----------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("list_id", "before", "on"),
    [
        (NARC, 123, 0),
        (CAT_I, 70, 0),
        (CAT_II, 97, 0),
        (SUPP, 232, 0),
        (NM, 0, 396),
        (NARC25, 0, 32),
        (P1, 0, 18),
        # 78 entries; tramadol compound preparations are recorded under the tramadol entry (no. 68)
        (P2, 0, 79),
    ],
)
def test_listed_counts_across_the_date(list_id: str, before: int, on: int) -> None:
    assert len(listed(list_id, BEFORE)) == before
    assert len(listed(list_id, DAY)) == on


@pytest.mark.parametrize(("list_id", "entries"), [(NM, 396), (NARC25, 32), (P1, 18), (P2, 78)])
def test_entry_numbers_of_the_new_lists(list_id: str, entries: int) -> None:
    nums = []
    for inst in (NM_INST, MED_INST):
        for a in reg().instruments[inst].actions:
            target = a.to_list if a.type == "transfer" else getattr(a, "list", None)
            if target == list_id and a.type in ("transfer", "add"):
                nums.extend(e.entry for e in a.substances)
    assert None not in nums
    assert {int(n) for n in nums} == set(range(1, entries + 1))
    dupes = sorted({n for n in nums if nums.count(n) > 1})
    assert dupes == (["68"] if list_id == P2 else [])


def test_non_medical_list_composition() -> None:
    by_source: dict[str, int] = {}
    for a in transfers(NM_INST):
        if a.to_list == NM:
            by_source[a.from_list] = by_source.get(a.from_list, 0) + len(a.substances)
    # 231 supplementary + 91 narcotic + 74 psychotropic (52 Category I + 22 Category II)
    assert by_source == {SUPP: 231, NARC: 91, CAT_I: 52, CAT_II: 22}


def test_medical_lists_composition() -> None:
    by_pair: dict[tuple[str, str], int] = {}
    for a in transfers(MED_INST):
        by_pair[(a.from_list, a.to_list)] = by_pair.get((a.from_list, a.to_list), 0) + len(a.substances)
    assert by_pair == {(NARC, NARC25): 32, (CAT_I, P1): 18, (CAT_II, P2): 73, (SUPP, P2): 1}


# ----------------------------------------------------------------------------- continuity


def test_every_carried_over_substance_has_no_gap() -> None:
    r = reg()
    moved = transferred_substances()
    assert len(moved) == 231 + 91 + 74 + 32 + 18 + 73 + 1
    for sid, _src, dest in moved:
        prev = r.status(sid, CN, BEFORE)
        now = r.status(sid, CN, DAY)
        assert prev.controlled, f"{sid} not controlled on {BEFORE}"
        assert now.controlled, f"{sid} not controlled on {DAY}"
        assert now.since == prev.since, f"{sid}: since {prev.since} became {now.since}"
        assert dest in now.lists, f"{sid} on {DAY}: lists {now.lists}, expected {dest}"


def test_moved_from_the_2013_lists_to_the_non_medical_list() -> None:
    r = reg()
    moved = [(s, src) for s, src, dest in transferred_substances() if dest == NM and src in (NARC, CAT_I, CAT_II)]
    assert len(moved) == 91 + 74
    for sid, src in moved:
        prev = r.status(sid, CN, BEFORE)
        now = r.status(sid, CN, DAY)
        assert src in prev.lists and prev.controlled
        assert now.controlled and now.lists == (NM,) and now.reason == "listed"
        assert now.since == prev.since
        events = [e for e in r.history(sid, CN) if e.date == DAY]
        assert [(e.kind, e.from_list, e.list) for e in events] == [("moved", src, NM)]


def test_old_lists_are_empty_from_the_date() -> None:
    for lid in (SUPP, NARC, CAT_I, CAT_II):
        assert reg().controlled(CN, DAY, in_list=lid) == ()


@pytest.mark.parametrize(
    ("name", "old_list", "new_list", "since"),
    [
        ("carfentanil", SUPP, NM, "2017-03-01"),
        ("acetylfentanyl", SUPP, NM, "2015-10-01"),
        ("brorphine", SUPP, NM, "2024-07-01"),
        ("HHC", SUPP, NM, "2025-07-01"),
        ("alpha-methylfentanyl", NARC, NM, "2014-01-01"),
        ("3-methylfentanyl", NARC, NM, "2014-01-01"),
        ("heroin", NARC, NM, "2014-01-01"),
        ("cannabis", NARC, NM, "2014-01-01"),
        ("mdma", CAT_I, NM, "2014-01-01"),
        ("DOET", CAT_I, NM, "2014-01-01"),
        ("tetrahydrocannabinol", CAT_I, NM, "2014-01-01"),
        ("benzfetamine", CAT_II, NM, "2014-01-01"),
        ("fentanyl", NARC, NARC25, "2014-01-01"),
        ("sufentanil", NARC, NARC25, "2014-01-01"),
        ("tegileridine", NARC, NARC25, "2023-10-01"),
        ("ketamine", CAT_I, P1, "2014-01-01"),
        ("oxycodone-compound-oral-solids-over-5-mg", CAT_I, P1, "2019-09-01"),
        ("diazepam", CAT_II, P2, "2014-01-01"),
        ("dextromethorphan", CAT_II, P2, "2024-07-01"),
        ("tramadol-compound-preparations", CAT_II, P2, "2023-07-01"),
    ],
)
def test_samples_move_without_gap(name: str, old_list: str, new_list: str, since: str) -> None:
    r = reg()
    prev = r.status(name, CN, BEFORE)
    now = r.status(name, CN, DAY)
    assert old_list in prev.lists
    assert new_list in now.lists and old_list not in now.lists
    assert str(prev.since) == since and str(now.since) == since
    assert any(c.instrument in (NM_INST, MED_INST) for c in now.citations)


def test_midazolam_stays_on_both_categories() -> None:
    r = reg()
    prev = r.status("midazolam", CN, BEFORE)
    now = r.status("midazolam", CN, DAY)
    assert set(prev.lists) == {CAT_I, CAT_II}
    assert set(now.lists) == {P1, P2}
    assert now.since == prev.since


# ----------------------------------------------------------------------------- classes


def test_classes_transferred_to_the_non_medical_list() -> None:
    r = reg()
    moved = [c for a in transfers(NM_INST) if a.from_list == SUPP and a.to_list == NM for c in a.classes]
    assert sorted(moved) == sorted(CLASSES)
    for cid in CLASSES:
        for mem in r.classes[cid].members:
            prev = r.status(mem.substance, CN, BEFORE)
            now = r.status(mem.substance, CN, DAY)
            if not prev.controlled:  # e.g. a member controlled only from a later date
                continue
            assert now.controlled and now.since == prev.since, mem.substance
            if SUPP in prev.lists:
                assert NM in now.lists, mem.substance


# ----------------------------------------------------------------------------- moves, additions, removals


def test_etizolam_moves_from_supplementary_to_category_ii() -> None:
    assert_controlled("etizolam", CN, from_="2021-07-01", in_list=SUPP, reason="listed")
    r = reg()
    now = r.status("etizolam", CN, DAY)
    assert now.lists == (P2,)
    assert str(now.since) == "2021-07-01"
    events = r.history("etizolam", CN)
    assert [(e.date, e.kind) for e in events] == [(dt.date(2021, 7, 1), "added"), (DAY, "moved")]
    added, moved = events
    assert added.citation.instrument == "cn.2021-07-01.synthetic-cannabinoids-18"
    assert moved.from_list == SUPP and moved.list == P2
    assert moved.citation.instrument == MED_INST
    # both statements are cited: the MPS release (moved out of the non-medical side) and the Category II table
    locators = [s.locator or "" for s in moved.citation.sources if s.id == "cn.community.overdrive-wiki.2025-lists"]
    assert len(locators) == 2
    assert all("etizolam" in loc for loc in locators)
    assert moved.note == "entry 30"


@pytest.mark.parametrize("name", NEW_CAT_II)
def test_new_category_ii_entries(name: str) -> None:
    assert_controlled(name, CN, from_=DAY, in_list=P2, reason="listed")


@pytest.mark.parametrize(("name", "since"), [("suvorexant", "2023-07-01"), ("paracetamol-hydrocodone-tablets", "2014-01-01")])
def test_removed_entries(name: str, since: str) -> None:
    assert_controlled(name, CN, from_=since, until=DAY, in_list=CAT_II)
    assert_not_controlled(name, CN, DAY, reason="removed")


def test_tramadol_compound_preparations_folded_into_tramadol() -> None:
    r = reg()
    comp = [e for e in r.history("tramadol-compound-preparations", CN) if e.date == DAY]
    tram = [e for e in r.history("tramadol", CN) if e.date == DAY]
    assert [(e.kind, e.list, e.note) for e in comp] == [("moved", P2, "entry 68")]
    assert [(e.kind, e.list, e.note) for e in tram] == [("moved", P2, "entry 68")]


def test_diff_reports_only_real_changes() -> None:
    d = reg().diff(CN, BEFORE, DAY)
    assert sorted(s.id for s in d.added) == sorted(NEW_CAT_II)
    assert sorted(s.id for s in d.removed) == sorted(REMOVED)
    kinds: dict[str, int] = {}
    for e in d.events:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    assert kinds.get("added") == 5
    assert kinds.get("removed") == 2
    assert kinds.get("moved", 0) >= 231 + 91 + 74 + 32 + 18 + 73 + 1


# ----------------------------------------------------------------------------- lineage and names


@pytest.mark.parametrize(
    ("list_id", "predecessors"),
    [
        (NM, (SUPP, NARC, CAT_I, CAT_II)),
        (NARC25, (NARC,)),
        (P1, (CAT_I,)),
        (P2, (CAT_II,)),
    ],
)
def test_lineage_of_new_lists(list_id: str, predecessors: tuple[str, ...]) -> None:
    before, after = reg().lineage(list_id)
    assert before == predecessors
    assert after == ()


@pytest.mark.parametrize(
    ("list_id", "successors"),
    [
        (SUPP, (NM,)),
        (NARC, (NM, NARC25)),
        (CAT_I, (NM, P1)),
        (CAT_II, (NM, P2)),
    ],
)
def test_old_lists_name_their_successors(list_id: str, successors: tuple[str, ...]) -> None:
    assert reg().lineage(list_id)[1] == successors


@pytest.mark.parametrize(
    ("name", "sid"),
    [
        ("卡立普多", "carisoprodol"),
        ("舒拉诺龙", "zuranolone"),
        ("N-苄基甲基苯丙胺", "benzfetamine"),
        ("1-(4-乙基-2,5-二甲氧基苯基)-2-丙胺", "doet"),
        ("醋美沙朵", "acetylmethadol"),
        ("Δ3-己基四氢大麻酚", "parahexyl"),
    ],
)
def test_2025_names_find_the_substance(name: str, sid: str) -> None:
    assert reg().find(name).id == sid
