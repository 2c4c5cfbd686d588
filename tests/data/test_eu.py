"""European Union: NPS control measures (Council decisions and the Annex to Framework Decision 2004/757/JHA) and
drug-precursor scheduling (Regulations 273/2004 and 111/2005).

Dates come from shared/sources/eu/ (README, eu-nps-controls.csv, eu-precursors.csv) and a few pages found with the
search tool (recorded as sources). "Controlled in EU" means EU law obliges Member States to control the substance;
the effective date is the national deadline where it was read, otherwise a labelled stand-in. Every effective date
is pinned on both sides.
"""

import datetime as dt

import pytest

from domain import count_controlled, reg

CD = "eu.nps-council-decisions"
AX = "eu.nps-annex"
C1 = "eu.precursors.category-1"
CU = "eu.precursors.category-unverified"
FD = "eu.fd-2004-757.un-conventions"


def _day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# (substance, first day of EU control, list, instrument): every substance the EU sources name.
FIRST_CONTROL = [
    ("4-MTA", "1999-09-16", CD, "eu.1999-09-13.decision-1999-615"),
    ("pmma", "2002-03-06", CD, "eu.2002-02-28.decision-2002-188"),
    ("2c-i", "2004-03-07", CD, "eu.2003-11-27.decision-2003-847"),
    ("2c-t-2", "2004-03-07", CD, "eu.2003-11-27.decision-2003-847"),
    ("2c-t-7", "2004-03-07", CD, "eu.2003-11-27.decision-2003-847"),
    ("TMA-2", "2004-03-07", CD, "eu.2003-11-27.decision-2003-847"),
    ("BZP", "2008-03-07", CD, "eu.2008-03-03.decision-2008-206"),
    ("mephedrone", "2010-12-08", CD, "eu.2010-12-02.decision-2010-759"),
    ("4-methylamphetamine", "2013-03-15", CD, "eu.2013-03-07.decision-2013-129"),
    ("5-IT", "2014-10-13", CD, "eu.2013-10-07.decision-2013-496"),
    ("25I-NBOMe", "2014-09-25", CD, "eu.2014-09-25.impl-decision-2014-688"),
    ("AH-7921", "2014-09-25", CD, "eu.2014-09-25.impl-decision-2014-688"),
    ("MDPV", "2014-09-25", CD, "eu.2014-09-25.impl-decision-2014-688"),
    ("methoxetamine", "2014-09-25", CD, "eu.2014-09-25.impl-decision-2014-688"),
    ("4,4'-DMAR", "2016-10-21", CD, "eu.2015-10-08.impl-decision-2015-1873"),
    ("MT-45", "2016-10-21", CD, "eu.2015-10-08.impl-decision-2015-1873"),
    ("alpha-PVP", "2016-07-03", CD, "eu.2016-06-27.impl-decision-2016-1070"),
    ("MDMB-CHMICA", "2017-03-04", CD, "eu.2017-02-27.impl-decision-2017-369"),
    ("acryloylfentanyl", "2018-09-30", CD, "eu.2017-09-25.impl-decision-2017-1774"),
    ("furanylfentanyl", "2018-11-19", CD, "eu.2017-11-15.impl-decision-2017-2170"),
    ("ADB-CHMINACA", "2018-05-14", CD, "eu.2018-05-14.impl-decision-2018-747"),
    ("CUMYL-4CN-BINACA", "2018-05-23", CD, "eu.2018-05-14.impl-decision-2018-748"),
    # 2019/369 adds these two to the Annex before 2018/1463's national deadline (2019-09-29).
    ("cyclopropylfentanyl", "2019-03-07", AX, "eu.2018-12-13.deleg-directive-2019-369"),
    ("methoxyacetylfentanyl", "2019-03-07", AX, "eu.2018-12-13.deleg-directive-2019-369"),
    ("isotonitazene", "2021-06-03", AX, "eu.2020-09-02.deleg-directive-2020-1687"),
    ("MDMB-4en-PINACA", "2021-05-20", AX, "eu.2021-03-12.deleg-directive-2021-802"),
    ("4F-MDMB-BICA", "2021-05-20", AX, "eu.2021-03-12.deleg-directive-2021-802"),
    ("3-MMC", "2022-08-18", AX, "eu.2022-03-18.deleg-directive-2022-1326"),
    ("3-CMC", "2022-08-18", AX, "eu.2022-03-18.deleg-directive-2022-1326"),
    ("2-MMC", "2026-07-12", AX, "eu.2025-10-14.deleg-directive-2025-2062"),
    ("NEP", "2026-07-12", AX, "eu.2025-10-14.deleg-directive-2025-2062"),
    ("4-BMC", "2026-07-12", AX, "eu.2025-10-14.deleg-directive-2025-2062"),
    # precursors
    ("APAAN", "2013-12-30", C1, "eu.2013-11-20.reg-1258-2013"),
    ("npp", "2018-07-07", C1, "eu.2018-02-26.deleg-reg-2018-729"),
    ("4-anpp", "2018-07-07", C1, "eu.2018-02-26.deleg-reg-2018-729"),
    ("EAPA", "2022-10-03", CU, "eu.2022-03-29.deleg-reg-2022-1518"),
    ("MAMDPA", "2022-10-03", CU, "eu.2022-03-29.deleg-reg-2022-1518"),
    ("4-ap", "2023-02-20", C1, "eu.2022-11-25.deleg-reg-2023-196"),
    ("1-boc-4-ap", "2023-02-20", C1, "eu.2022-11-25.deleg-reg-2023-196"),
    ("norfentanyl", "2023-02-20", C1, "eu.2022-11-25.deleg-reg-2023-196"),
    ("DEPAPD", "2023-02-20", C1, "eu.2022-11-25.deleg-reg-2023-196"),
    ("PMK ethyl glycidate", "2023-02-20", C1, "eu.2022-11-25.deleg-reg-2023-196"),
    ("IMDPAM", "2024-06-03", C1, "eu.2024-02-28.deleg-reg-2024-1331"),
    ("4-piperidone", "2025-07-25", CU, "eu.2025-05-21.deleg-reg-2025-1475"),
    ("1-boc-4-piperidone", "2025-07-25", CU, "eu.2025-05-21.deleg-reg-2025-1475"),
]


@pytest.mark.parametrize("name,day,lst,instrument", FIRST_CONTROL)
def test_first_control(name, day, lst, instrument):
    # On the list from that day. The substance may be controlled in EU earlier through the UN schedules, which
    # Framework Decision 2004/757/JHA incorporates (list eu.fd-2004-757.un-conventions): see test_eu_un_incorporation.
    d = _day(day)
    before = reg().status(name, "EU", d - dt.timedelta(days=1))
    assert lst not in before.lists, f"{name} already on {lst} on {before.on}"
    st = reg().status(name, "EU", d)
    assert st.controlled and lst in st.lists and st.reason == "listed"
    assert instrument in {c.instrument for c in st.citations}


# Moves of the legal basis: (substance, day, lists the day before, lists on the day, instrument acting that day).
ANNEX_2017 = [
    "4-MTA", "pmma", "2c-i", "2c-t-2", "2c-t-7", "TMA-2", "BZP", "mephedrone", "4-methylamphetamine", "5-IT",
    "25I-NBOMe", "AH-7921", "MDPV", "methoxetamine", "4,4'-DMAR", "MT-45", "alpha-PVP", "MDMB-CHMICA",
    "acryloylfentanyl",
]
MOVES = (
    [(n, "2018-11-23", {CD}, {AX}, "eu.2017-11-15.directive-2017-2103") for n in ANNEX_2017]
    + [
        (n, "2019-03-07", {CD}, {AX}, "eu.2018-12-13.deleg-directive-2019-369")
        for n in ("furanylfentanyl", "ADB-CHMINACA", "CUMYL-4CN-BINACA")
    ]
    # the 2015 replacement decisions: same list, new citation, no gap
    + [("4-methylamphetamine", "2015-10-20", {CD}, {CD}, "eu.2015-10-08.impl-decision-2015-1874")]
    + [
        (n, "2015-10-20", {CD}, {CD}, "eu.2015-10-08.impl-decision-2015-1875")
        for n in ("25I-NBOMe", "AH-7921", "MDPV", "methoxetamine")
    ]
    + [("5-IT", "2015-10-20", {CD}, {CD}, "eu.2015-10-08.impl-decision-2015-1876")]
    # 2018/1463's national deadline: the two fentanyls, already in the Annex, also go on the Council-decision list
    + [
        (n, "2019-09-29", {AX}, {AX, CD}, "eu.2018-09-28.impl-decision-2018-1463")
        for n in ("cyclopropylfentanyl", "methoxyacetylfentanyl")
    ]
)


@pytest.mark.parametrize("name,day,before,after,instrument", MOVES)
def test_moves_keep_control(name, day, before, after, instrument):
    r = reg()
    prev = r.status(name, "EU", _day(day) - dt.timedelta(days=1))
    on = r.status(name, "EU", day)
    assert prev.controlled and on.controlled, (prev.explanation, on.explanation)
    # the UN-schedule list that the Framework Decision incorporates is pinned in test_eu_un_incorporation
    assert set(prev.lists) - {FD} == before, prev.lists
    assert set(on.lists) - {FD} == after, on.lists
    assert instrument not in {c.instrument for c in prev.citations}
    assert instrument in {c.instrument for c in on.citations}


def test_replaced_decisions_drop_out_of_the_citation():
    r = reg()
    st = r.status("4-methylamphetamine", "EU", "2015-10-20")
    assert "eu.2013-03-07.decision-2013-129" not in {c.instrument for c in st.citations}
    st = r.status("4-methylamphetamine", "EU", "2015-10-19")
    assert "eu.2013-03-07.decision-2013-129" in {c.instrument for c in st.citations}


def test_counts_the_sources_state():
    r = reg()
    # Recital 3 of Delegated Directive 2019/369: five substances controlled between 2017/2103 and 2018-11-23.
    acts = r.instruments["eu.2018-12-13.deleg-directive-2019-369"].actions
    assert sum(len(a.substances) for a in acts) == 5
    # FAMHP: Delegated Regulation 2023/196 adds five drug precursors.
    acts = r.instruments["eu.2022-11-25.deleg-reg-2023-196"].actions
    assert sum(len(a.substances) for a in acts) == 5
    # The research table covers 32 distinct NPS; all are in the Annex once 2025/2062 applies.
    assert count_controlled("EU", "2026-07-12", in_list=AX) == 32
    assert count_controlled("EU", "2026-07-11", in_list=AX) == 29
    # 19 substances moved into the Annex by Directive 2017/2103.
    assert count_controlled("EU", "2018-11-23", in_list=AX) == 19
    assert count_controlled("EU", "2018-11-22", in_list=AX) == 0
    # Fentanyl precursors scheduled by the EU: 7 from 2025-07-25.
    assert count_controlled("EU", "2025-07-25", family="fentanyl-precursor") == 7
    assert count_controlled("EU", "2025-07-24", family="fentanyl-precursor") == 5


def test_signed_published_effective_in_order():
    checked = 0
    for iid, inst in reg().instruments.items():
        if inst.jurisdiction != "EU":
            continue
        ds = inst.dates
        if ds.signed is None or ds.published is None:
            continue
        if ds.signed.date.precision != "day" or ds.published.date.precision != "day":
            continue
        signed = ds.signed.date.earliest()
        published = ds.published.date.earliest()
        effective = ds.effective.date.earliest()
        assert signed <= published <= effective, (iid, signed, published, effective)
        checked += 1
    assert checked >= 25


def test_every_eu_date_has_a_confidence():
    for iid, inst in reg().instruments.items():
        if inst.jurisdiction != "EU":
            continue
        for f in ("signed", "published", "effective"):
            fact = getattr(inst.dates, f)
            if fact is None or str(fact.date) == "unknown":
                continue
            assert fact.confidence is not None, (iid, f)
        eff = inst.dates.effective
        if eff.confidence in ("unverified", "secondary", "computed"):
            assert eff.note, iid


def test_un_scheduled_substances_without_an_eu_act_are_drugs_through_the_framework_decision():
    # Carfentanil and acetylfentanyl: the EU research found no EU NPS act; they are "drugs" because the Framework
    # Decision incorporates the UN schedules (list FD), cited to the Framework Decision and the UN act.
    for name in ("carfentanil", "acetylfentanyl"):
        st = reg().status(name, "EU", "2020-01-01")
        assert st.controlled and st.lists == (FD,), st.explanation
        assert "eu.2004-10-25.fd-2004-757" in {c.instrument for c in st.citations}


def test_chloroephedrines_in_category_1_by_the_entry_into_force_of_2020_1737():
    # 2020/1737 amends their Category 1 entries: evidence that they were listed by 2020-12-13, start unknown
    r = reg()
    for sid in ("1r-2s-chloroephedrine", "1s-2r-chloroephedrine"):
        st = r.status(sid, "EU", "2020-12-13")
        assert st.controlled and st.lists == (C1,) and st.since_exact is False, st.explanation
        before = r.status(sid, "EU", "2020-12-12")
        assert not before.controlled and before.reason == "not-covered"
        assert [e.kind for e in r.history(sid, "EU")] == ["in-force-by"]
