"""Mexico: General Health Law arts. 234 and 245 (fr. I to V) and the federal precursors law (LFCPQ) art. 4.

Read from the Chamber of Deputies' consolidated texts (LGS last amended DOF 2024-06-07 and DOF 2026-01-15, LFCPQ
last amended DOF 2023-05-03), which reproduce the acuerdos of the Consejo de Salubridad General and the amending
decrees with their transitory articles. Three editions are reconciled by ``schedlib validate``; the tests pin
every dated effective date on both sides, the lower bounds read from the consolidation's amendment notes, the
2026 moves between groups of art. 245 and the counts against the editions.
"""

from __future__ import annotations

import datetime as dt

import pytest

import schedlib
from domain import assert_controlled, cited, errors_of, reg

MX = "MX"
ART_234 = "mx.lgs.estupefacientes"
GROUP = {n: f"mx.lgs.psicotropicos.{n}" for n in ("i", "ii", "iii", "iv", "v")}
PQ_I = "mx.precursores.art-4-i"
PQ_II = "mx.precursores.art-4-ii"
LGS_2024 = "mx.lgs.consolidation.2024-06-07"
LGS_2026 = "mx.lgs.consolidation.2026-01-16"
LFCPQ_2023 = "mx.lfcpq.consolidation.2023-05-03"
LGS_2017 = "mx.lgs.consolidation.2017-03-10"
LGS_2020 = "mx.lgs.consolidation.2020-09-09"
LFCPQ_2020 = "mx.lfcpq.consolidation.2020-05-20"
LFCPQ_2021 = "mx.lfcpq.consolidation.2021-05-22"


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _cites(sub: str, day: dt.date) -> set[str]:
    return cited(sub, MX, day)


# (instrument, effective date, substances it adds); every dated MX instrument that adds substances.
PINS: list[tuple[str, str, list[str]]] = [
    ("mx.1997-12-26.lfcpq", "1998-03-26", ["ephedrine", "pseudoephedrine", "acetic-anhydride", "piperidina"]),
    ("mx.2009-11-23.phenylacetic-acid-methylamine", "2009-11-24", ["methylamine", "hydriodic-acid", "red-phosphorus"]),
    ("mx.2015-10-28.nitroethane-etc", "2016-01-26", ["nitroethane", "nitrometano", "benzaldehyde", "benzyl-chloride"]),
    ("mx.2017-06-19.lgs-cannabis", "2017-06-20", ["tetrahydrocannabinol"]),
    ("mx.2017-07-18.npp-anpp", "2017-07-19", ["npp", "4-anpp"]),
    ("mx.2018-12-24.apaan", "2018-12-25", ["apaan"]),
    ("mx.2021-05-13.4-ap-etc", "2021-05-14", ["4-ap", "propionic-anhydride", "propionyl-chloride"]),
    ("mx.2026-01-15.lgs-arts-234-245", "2026-01-16",
     ["carfentanil", "ocfentanil", "furanylfentanyl", "acetylfentanyl", "3-methylfentanyl", "norfentanyl", "nitazeno"]),
    ("mx.2026-01-15.lgs-art-245-deferred", "2026-07-14",
     ["gamma-hydroxybutyrate", "gamma-butyrolactone", "anfebutamona", "nicergolina", "dihidroergocristina"]),
]

CASES = [(iid, day, sub) for iid, day, subs in PINS for sub in subs]


@pytest.mark.parametrize(("iid", "day", "sub"), CASES, ids=[f"{i}:{s}" for i, _, s in CASES])
def test_effective_date_both_sides(iid: str, day: str, sub: str) -> None:
    d = _d(day)
    assert reg().instruments[iid].dates.effective.date.earliest() == d, iid
    assert iid not in _cites(sub, d - dt.timedelta(days=1)), f"{iid} already cited for {sub} on the day before {day}"
    assert iid in _cites(sub, d), f"{iid} not cited for {sub} on {day}"


def test_every_mx_instrument_that_adds_is_pinned() -> None:
    from schedlib import models as m

    adding = {
        iid for iid, inst in reg().instruments.items()
        if inst.jurisdiction == MX
        and any(isinstance(a, (m.AddAction, m.TransferAction)) and a.substances for a in inst.actions)
    }
    assert adding - {p[0] for p in PINS} == set()


# ------------------------------------------------------------------ the seed's questions


def test_fentanyl_2020_controlled_as_a_narcotic_drug() -> None:
    st = reg().status("fentanyl", MX, "2020-01-01")
    assert st.controlled is True and st.lists == (ART_234,)
    assert st.since == _d("1988-02-18") and st.since_exact is False, "a lower bound from the consolidation's note"
    assert "mx.1988-02-18.lgs-art-234-in-force-by" in {c.instrument for c in st.citations}


def test_heroin_controlled() -> None:
    for day in ("2010-01-01", "2024-06-07", "2026-07-14"):
        st = reg().status("heroin", MX, day)
        assert st.controlled is True and ART_234 in st.lists, day


def test_in_force_by_lower_bounds() -> None:
    """The day each fraction's text was last replaced before 2024: the day before, the registry cannot tell."""
    for sub, lid, day in [
        ("fentanyl", ART_234, "1988-02-18"),
        ("alprazolam", GROUP["iii"], "2014-01-08"),
        ("lysergide", GROUP["i"], "2014-01-08"),
        ("metamfetamine", GROUP["ii"], "2014-01-08"),
        ("barbital", GROUP["iv"], "2014-01-08"),
    ]:
        assert_controlled(sub, MX, from_=day, in_list=lid, reason="listed", before="not-covered")
        assert reg().status(sub, MX, day).since_exact is False, sub


def test_acuerdos_make_precursors_narcotic_drugs_too() -> None:
    """NPP and ANPP (2017) and 4-AP (2021) are narcotic drugs of art. 234 as well as precursors of the LFCPQ."""
    r = reg()
    assert r.status("npp", MX, "2017-07-19").lists == (ART_234, PQ_I)
    assert r.status("4-ap", MX, "2021-05-14").lists == (ART_234, PQ_I)
    assert r.status("phenylacetic-acid", MX, "2009-11-24").lists == (GROUP["ii"], PQ_I)
    assert r.status("nitroethane", MX, "2016-01-26").lists == (GROUP["v"], PQ_I)


def test_phenylacetic_acid_moves_from_fraction_ii_to_fraction_i() -> None:
    r = reg()
    assert r.status("phenylacetic-acid", MX, "2009-11-23").lists == (PQ_II,)
    assert r.status("phenylacetic-acid", MX, "2009-11-24").lists == (GROUP["ii"], PQ_I)
    assert r.status("phenylacetic-acid", MX, "2009-11-24").since == _d("1998-03-26")


def test_thc_leaves_group_i_in_2017() -> None:
    """The 2017 decree: tetrahydrocannabinol from group I to group II (over 1%) and group IV (1% or less)."""
    r = reg()
    assert r.status("tetrahydrocannabinol", MX, "2017-06-19").lists == (GROUP["i"],)
    assert r.status("tetrahydrocannabinol", MX, "2017-06-20").lists == (GROUP["ii"], GROUP["iv"])


# ------------------------------------------------------------------ the 2026 decree


def test_2026_removals_from_group_iv() -> None:
    r = reg()
    for sub in ("caffeine", "carbamazepina", "sertralina", "valproico"):
        assert r.status(sub, MX, "2026-01-15").lists == (GROUP["iv"],), sub
        st = r.status(sub, MX, "2026-01-16")
        assert st.controlled is False and st.reason == "removed", sub


@pytest.mark.parametrize(("sub", "old", "new"), [
    ("tramadol", "iv", "iii"), ("cathine", "iv", "ii"), ("pseudoephedrine", "iii", "ii"),
])
def test_2026_moves_between_groups_take_effect_on_the_deferred_day(sub: str, old: str, new: str) -> None:
    r = reg()
    before = r.status(sub, MX, "2026-07-13")
    after = r.status(sub, MX, "2026-07-14")
    assert GROUP[old] in before.lists and GROUP[new] not in before.lists
    assert GROUP[new] in after.lists and GROUP[old] not in after.lists
    assert before.controlled and after.controlled


def test_fentanyl_analogues_of_2026() -> None:
    assert_controlled("carfentanil", MX, from_="2026-01-16", in_list=ART_234, before="later")
    # despropionylfentanyl is ANPP, a narcotic drug since the 2017 acuerdo
    assert reg().status("4-anpp", MX, "2026-01-16").since == _d("2017-07-19")


# ------------------------------------------------------------------ editions and counts


def test_seven_editions_reconciled() -> None:
    eds = {e.id: e for e in reg().editions.values() if e.jurisdiction == MX}
    assert set(eds) == {LGS_2017, LGS_2020, LGS_2024, LGS_2026, LFCPQ_2020, LFCPQ_2021, LFCPQ_2023}
    assert errors_of(schedlib.bundled_registry_path()) == []


def test_complete_from_the_earliest_editions() -> None:
    r = reg()
    for lid in (ART_234, GROUP["i"], GROUP["ii"], GROUP["iii"], GROUP["iv"]):
        assert str(r.lists[lid].coverage.complete_from) == "2017-03-10" and r.lists[lid].coverage.edition == LGS_2017
    for lid in (PQ_I, PQ_II):
        assert str(r.lists[lid].coverage.complete_from) == "2020-05-20" and r.lists[lid].coverage.edition == LFCPQ_2020


def test_negative_answers_have_reasons_once_complete() -> None:
    """From the earliest edition on, a fentanyl analogue Mexico listed only in 2026 is not controlled (later),
    and the day before the earliest edition the registry cannot tell."""
    r = reg()
    st = r.status("carfentanil", MX, "2023-06-21")
    assert st.controlled is False and st.reason == "later" and st.next_change == _d("2026-01-16")
    assert r.status("carfentanil", MX, "2017-03-09").reason == "not-covered"


def test_counts_stated() -> None:
    r = reg()
    counts = {el.list: len(el.entries) for el in r.editions[LGS_2024].lists}
    assert counts == {ART_234: 110, GROUP["i"]: 28, GROUP["ii"]: 15, GROUP["iii"]: 63, GROUP["iv"]: 68}
    counts = {el.list: len(el.entries) for el in r.editions[LGS_2026].lists}
    assert counts == {ART_234: 134, GROUP["i"]: 28, GROUP["ii"]: 20, GROUP["iii"]: 64, GROUP["iv"]: 62}
    counts = {el.list: len(el.entries) for el in r.editions[LFCPQ_2023].lists}
    assert counts == {PQ_I: 25, PQ_II: 12}
    assert {el.list: len(el.entries) for el in r.editions[LFCPQ_2020].lists} == {PQ_I: 22, PQ_II: 12}
    assert {el.list: len(el.entries) for el in r.editions[LGS_2017].lists} == {
        ART_234: 110, GROUP["i"]: 28, GROUP["ii"]: 14, GROUP["iii"]: 63, GROUP["iv"]: 67}
    assert {el.list: len(el.entries) for el in r.editions[LGS_2020].lists} == {
        el.list: len(el.entries) for el in r.editions[LGS_2024].lists}


# What the lists hold beyond the printed text: chemicals the Consejo de Salubridad General placed there by acuerdo
# (cited exceptions in the editions).
BY_ACUERDO = {
    ART_234: {"npp", "4-ap", "propionic-anhydride", "propionyl-chloride"},
    GROUP["ii"]: {"phenylacetic-acid", "methylamine"},
}


@pytest.mark.parametrize("lid", [ART_234, GROUP["i"], GROUP["ii"], GROUP["iii"], GROUP["iv"], PQ_I, PQ_II])
def test_lists_today_equal_the_latest_edition(lid: str) -> None:
    """After the last encoded change (2026-07-14), each list holds the latest edition's entries, plus the
    acuerdos' chemicals that the article does not print."""
    r = reg()
    stating = [e for e in r.editions.values() if any(el.list == lid for el in e.lists)]
    latest = max(stating, key=lambda e: e.date)
    printed = {en.substance for en in next(el for el in latest.lists if el.list == lid).entries}
    held = {s.substance.id for s in r.controlled(MX, "2026-07-14", in_list=lid)}
    assert held == printed | BY_ACUERDO.get(lid, set())
    cl = r.lists[lid]
    assert cl.coverage.edition is not None and cl.coverage.complete_from is not None


def test_group_v_is_not_complete() -> None:
    cl = reg().lists[GROUP["v"]]
    assert cl.coverage.complete_from is None
    assert {s.substance.id for s in reg().controlled(MX, "2026-07-14", in_list=GROUP["v"])} == {
        "nitroethane", "nitrometano", "benzaldehyde", "benzyl-chloride"}
