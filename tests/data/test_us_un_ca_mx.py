"""US (federal), UN, Canada and Mexico: fentanyl, its analogues, other synthetic opioids and fentanyl precursors.

Every effective date encoded for these jurisdictions is pinned on both sides. Where a substance was already
controlled the day before (a permanent placement following a temporary order, a named listing following class
control), "both sides" means: the instrument is not among the status's citations the day before and is among
them on the day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain import assert_controlled, assert_not_controlled, assert_uncertain_window, count_controlled, reg, window
from schedlib import models as m


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _cites(sub: str, j: str, day: dt.date) -> set[str]:
    st = reg().status(sub, j, day)
    return {c.instrument for c in st.citations} if st.controlled else set()


# (instrument, effective date, substances it adds or places temporarily)
ADDS: list[tuple[str, str, list[str]]] = [
    # --- US, 1980s (DEA booklet)
    ("us.1980-12-01.sufentanil", "1980-12-01", ["sufentanil"]),
    ("us.1981-09-22.alpha-methylfentanyl", "1981-09-22", ["alpha-methylfentanyl"]),
    ("us.1984-08-24.alfentanil", "1984-08-24", ["alfentanil"]),
    ("us.1985-04-25.3-methylfentanyl-temporary", "1985-04-25", ["3-methylfentanyl"]),
    ("us.1985-11-29.eight-fentanyl-analogues-temporary", "1985-11-29",
     ["benzylfentanyl", "alpha-methylthiofentanyl", "acetyl-alpha-methylfentanyl", "3-methylthiofentanyl",
      "beta-hydroxyfentanyl", "beta-hydroxy-3-methylfentanyl", "thenylfentanyl", "thiofentanyl"]),
    ("us.1986-03-10.para-fluorofentanyl-temporary", "1986-03-10", ["para-fluorofentanyl"]),
    ("us.1986-09-22.3-methylfentanyl", "1986-09-22", ["3-methylfentanyl"]),
    ("us.1987-05-29.six-fentanyl-analogues", "1987-05-29",
     ["thiofentanyl", "para-fluorofentanyl", "beta-hydroxyfentanyl", "acetyl-alpha-methylfentanyl",
      "alpha-methylthiofentanyl", "3-methylthiofentanyl"]),
    ("us.1988-01-08.beta-hydroxy-3-methylfentanyl", "1988-01-08", ["beta-hydroxy-3-methylfentanyl"]),
    ("us.1988-10-28.carfentanil", "1988-10-28", ["carfentanil"]),
    ("us.1991-02-27.propionic-anhydride", "1991-02-27", ["propionic-anhydride"]),
    ("us.1996-11-05.remifentanil", "1996-11-05", ["remifentanil"]),
    ("us.2016-08-26.thiafentanil", "2016-08-26", ["thiafentanil"]),
    ("us.2016-05-15.ah-7921", "2016-05-15", ["ah-7921"]),
    ("us.2018-01-12.mt-45", "2018-01-12", ["mt-45"]),
    # --- US fentanyl analogues
    ("us.2015-07-17.acetyl-fentanyl-temporary", "2015-07-17", ["acetylfentanyl"]),
    ("us.2017-06-07.acetyl-fentanyl", "2017-06-07", ["acetylfentanyl"]),
    ("us.2016-05-12.butyryl-fentanyl-beta-hydroxythiofentanyl-temporary", "2016-05-12", ["butyrylfentanyl", "beta-hydroxythiofentanyl"]),
    ("us.2018-04-20.butyryl-fentanyl-u-47700", "2018-04-20", ["butyrylfentanyl", "u-47700"]),
    ("us.2019-05-08.beta-hydroxythiofentanyl", "2019-05-08", ["beta-hydroxythiofentanyl"]),
    ("us.2016-11-14.u-47700-temporary", "2016-11-14", ["u-47700"]),
    ("us.2016-11-29.furanyl-fentanyl-temporary", "2016-11-29", ["furanylfentanyl"]),
    ("us.2017-05-03.4-fluoroisobutyryl-fentanyl-temporary", "2017-05-03", ["4-fluoroisobutyrylfentanyl"]),
    ("us.2017-07-14.acryl-fentanyl-temporary", "2017-07-14", ["acryloylfentanyl"]),
    ("us.2017-10-26.ortho-fluorofentanyl-etc-temporary", "2017-10-26",
     ["ortho-fluorofentanyl", "tetrahydrofuranylfentanyl", "methoxyacetylfentanyl"]),
    ("us.2018-01-04.cyclopropyl-fentanyl-temporary", "2018-01-04", ["cyclopropylfentanyl"]),
    ("us.2018-02-01.seven-fentanyl-related-substances-temporary", "2018-02-01",
     ["valerylfentanyl", "4-fluorobutyrylfentanyl", "para-methoxybutyrylfentanyl", "para-chloroisobutyrylfentanyl",
      "isobutyrylfentanyl", "cyclopentylfentanyl", "ocfentanil"]),
    ("us.2018-11-29.furanyl-fentanyl-etc", "2018-11-29",
     ["furanylfentanyl", "4-fluoroisobutyrylfentanyl", "acryloylfentanyl", "tetrahydrofuranylfentanyl", "ocfentanil"]),
    ("us.2019-10-25.cyclopropyl-fentanyl-etc", "2019-10-25",
     ["cyclopropylfentanyl", "methoxyacetylfentanyl", "ortho-fluorofentanyl", "4-fluorobutyrylfentanyl"]),
    ("us.2020-11-25.cyclopentyl-fentanyl-etc", "2020-11-25",
     ["cyclopentylfentanyl", "isobutyrylfentanyl", "para-chloroisobutyrylfentanyl", "para-methoxybutyrylfentanyl", "valerylfentanyl"]),
    ("us.2020-10-02.crotonyl-fentanyl", "2020-10-02", ["crotonylfentanyl"]),
    ("us.2021-04-27.ten-fentanyl-related-substances", "2021-04-27",
     ["2-fluoro-ortho-fluorofentanyl", "4-methyl-acetylfentanyl", "beta-prime-phenylfentanyl", "beta-methylfentanyl",
      "ortho-fluorobutyrylfentanyl", "ortho-methylacetylfentanyl", "ortho-methylmethoxyacetylfentanyl", "para-methylfentanyl",
      "phenylfentanyl", "thiofuranylfentanyl"]),
    ("us.2021-05-04.four-fentanyl-related-substances", "2021-05-04",
     ["fentanyl-carbamate", "ortho-fluoroacrylfentanyl", "ortho-fluoroisobutyrylfentanyl", "para-fluorofuranylfentanyl"]),
    ("us.2023-12-07.nine-fentanyl-related-substances", "2023-12-07", ["meta-fluorofentanyl", "meta-fluoroisobutyrylfentanyl"]),
    # --- US nitazenes and other opioids
    ("us.2020-08-20.isotonitazene-temporary", "2020-08-20", ["isotonitazene"]),
    ("us.2021-12-06.isotonitazene", "2021-12-06", ["isotonitazene"]),
    ("us.2021-03-01.brorphine-temporary", "2021-03-01", ["brorphine"]),
    ("us.2023-04-05.brorphine", "2023-04-05", ["brorphine"]),
    ("us.2022-04-12.seven-nitazenes-temporary", "2022-04-12",
     ["butonitazene", "etazene", "flunitazene", "metodesnitazene", "metonitazene", "etonitazepyne", "protonitazene"]),
    ("us.2023-08-18.metonitazene", "2023-08-18", ["metonitazene"]),
    ("us.2024-04-11.etazene-etonitazepyne-protonitazene", "2024-04-11", ["etazene", "etonitazepyne", "protonitazene"]),
    ("us.2024-10-25.butonitazene-flunitazene-metodesnitazene", "2024-10-25", ["butonitazene", "flunitazene", "metodesnitazene"]),
    ("us.2024-04-15.2-methyl-ap-237", "2024-04-15", ["2-methyl-ap-237"]),
    ("us.2024-07-29.n-desethyl-isotonitazene-etonitazepipne-temporary", "2024-07-29", ["n-desethyl-isotonitazene", "etonitazepipne"]),
    ("us.2025-12-23.n-desethyl-isotonitazene-etonitazepipne", "2026-01-22", ["n-desethyl-isotonitazene", "etonitazepipne"]),
    ("us.2025-08-15.metonitazepyne-protonitazepyne-temporary", "2025-08-15", ["metonitazepyne", "protonitazepyne"]),
    ("us.2026-01-12.metonitazepyne-protonitazepyne", "2026-02-11", ["metonitazepyne", "protonitazepyne"]),
    ("us.2025-10-15.seven-benzimidazole-opioids-temporary", "2025-10-15",
     ["ethyleneoxynitazene", "methylenedioxynitazene", "5-methyl-etodesnitazene", "n-desethyl-etonitazene",
      "n-desethyl-protonitazene", "n-n-dimethylamino-etonitazene", "n-pyrrolidino-isotonitazene"]),
    # --- US precursors
    ("us.2007-04-23.npp", "2007-04-23", ["npp"]),
    ("us.2010-08-30.4-anpp", "2010-08-30", ["4-anpp"]),
    ("us.2020-05-18.norfentanyl", "2020-05-18", ["norfentanyl"]),
    ("us.2020-05-15.benzylfentanyl-4-ap", "2020-05-15", ["4-ap", "1-boc-4-ap"]),
    ("us.2022-11-09.1-boc-4-ap", "2022-11-09", ["1-boc-4-ap"]),
    ("us.2023-05-12.4-piperidone", "2023-05-12", ["4-piperidone", "1-boc-4-piperidone"]),
    ("us.2025-10-02.1-boc-4-piperidone", "2025-10-02", ["1-boc-4-piperidone"]),
    # --- UN, 1961 Convention: effective = the encoded vote date (month-only decisions read as from the 1st)
    ("un.2016-03-18.cnd-59-acetylfentanyl", "2016-03-18", ["acetylfentanyl"]),
    ("un.2017-03-16.cnd-60-butyrfentanyl", "2017-03-16", ["butyrylfentanyl"]),
    ("un.2017-03.cnd-60-u-47700", "2017-03-01", ["u-47700"]),
    ("un.2018-03-14.cnd-61-carfentanil", "2018-03-14", ["carfentanil"]),
    ("un.2018-03.cnd-61-five-fentanyl-analogues", "2018-03-01",
     ["ocfentanil", "furanylfentanyl", "acryloylfentanyl", "4-fluoroisobutyrylfentanyl", "tetrahydrofuranylfentanyl"]),
    ("un.2019-03.cnd-62-four-fentanyl-analogues", "2019-03-01",
     ["cyclopropylfentanyl", "methoxyacetylfentanyl", "ortho-fluorofentanyl", "4-fluorobutyrylfentanyl"]),
    ("un.2020-03.cnd-63-crotonylfentanyl", "2020-03-01", ["crotonylfentanyl"]),
    ("un.2021-04.cnd-64-isotonitazene", "2021-04-01", ["isotonitazene"]),
    ("un.2022-03.cnd-65-brorphine-metonitazene", "2022-03-01", ["brorphine", "metonitazene"]),
    ("un.2023-03.cnd-66-four-opioids", "2023-03-01", ["2-methyl-ap-237", "etazene", "etonitazepyne", "protonitazene"]),
    ("un.2024-03-19.cnd-67-butonitazene", "2024-03-19", ["butonitazene"]),
    ("un.2025-03-14.cnd-68-four-nitazenes", "2025-03-14",
     ["protonitazepyne", "metonitazepyne", "etonitazepipne", "n-desethyl-isotonitazene"]),
    # --- UN, 1988 Convention Table I: effective 180 days after the communication
    ("un.2017-10-18.cnd-60-12-13", "2017-10-18", ["4-anpp", "npp"]),
    ("un.2022-11-23.cnd-65-4-6", "2022-11-23", ["4-ap", "1-boc-4-ap", "norfentanyl"]),
    ("un.2024-12-03.cnd-67-6-7", "2024-12-03", ["4-piperidone", "1-boc-4-piperidone"]),
    # --- Canada
    ("ca.2016-11-30.sor-2016-294", "2016-11-30",
     ["propionyl-chloride", "npp", "4-piperidone", "norfentanyl", "1-phenethylpiperidin-4-ylidenephenylamine", "4-ap"]),
    ("ca.2016-11-30.schedule-vi-fentanyl-precursors", "2016-11-30",
     ["propionyl-chloride", "npp", "4-piperidone", "norfentanyl", "1-phenethylpiperidin-4-ylidenephenylamine", "4-ap"]),
    ("ca.2019-05-15.sor-2019-120", "2019-05-15", ["4-anpp", "benzylfentanyl"]),
    ("ca.2019-05-15.sor-2019-121", "2019-05-15", ["4-anpp", "benzylfentanyl"]),
    ("ca.2022-08-31.sor-2022-185", "2022-08-31",
     ["1-boc-4-ap", "4-fluoro-anilino-1-boc-piperidine", "n-4-fluorophenyl-4-piperidinamine", "4-bromo-anilino-1-boc-piperidine"]),
    ("ca.2023-08-30.sor-2023-102", "2023-08-30",
     ["1-boc-4-ap", "4-fluoro-anilino-1-boc-piperidine", "n-4-fluorophenyl-4-piperidinamine", "4-bromo-anilino-1-boc-piperidine"]),
    ("ca.2023-08-30.sor-2023-103", "2023-08-30",
     ["1-boc-4-ap", "4-fluoro-anilino-1-boc-piperidine", "n-4-fluorophenyl-4-piperidinamine", "4-bromo-anilino-1-boc-piperidine"]),
    ("ca.2024-06-05.sor-2024-98-schedule-i", "2024-06-05", ["2-methyl-ap-237"]),
    ("ca.2024-09-03.sor-2024-98-schedule-vi", "2024-09-03", ["1-boc-4-piperidone", "3-methyl-4-piperidone", "1-benzyl-4-piperidone"]),
    ("ca.2024-09-03.sor-2024-100", "2024-09-03", ["1-boc-4-piperidone", "3-methyl-4-piperidone", "1-benzyl-4-piperidone"]),
    # --- Mexico: test_mx.py pins every MX instrument
]

CASES = [(iid, day, sub) for iid, day, subs in ADDS for sub in subs]


@pytest.mark.parametrize(("iid", "day", "sub"), CASES, ids=[f"{i}:{s}" for i, _, s in CASES])
def test_effective_date_both_sides(iid: str, day: str, sub: str) -> None:
    j = iid.split(".", 1)[0].upper()
    assert iid in reg().instruments, f"{iid} not in the registry"
    first, certain = window(iid)  # a date known only to the month: every day of the month is uncertain
    assert first == (_d(day) if len(day) == 10 else _d(day + "-01"))
    assert iid not in _cites(sub, j, first - dt.timedelta(days=1)), f"{iid} already cited for {sub} on the day before {day}"
    if certain - first > dt.timedelta(days=1):
        assert_uncertain_window(sub, j, iid)
    assert iid in _cites(sub, j, certain), f"{iid} not cited for {sub} on {certain}"


def test_every_instrument_of_these_jurisdictions_is_pinned() -> None:
    """Every adding instrument of US/UN/CA/MX is pinned here or in test_us_un_complete.py (the full schedules)."""
    import test_ca
    import test_mx
    import test_us_un_complete

    pinned = (
        {iid for iid, _, _ in ADDS} | {p[0] for p in test_us_un_complete.PINS} | {p[0] for p in test_ca.PINS}
        | {p[0] for p in test_mx.PINS}
    )
    mine = {
        iid for iid, inst in reg().instruments.items()
        if inst.jurisdiction in ("US", "UN", "CA", "MX")
        and any(isinstance(a, (m.AddAction, m.TemporaryAction)) and a.substances for a in inst.actions)
    }
    assert mine - pinned == set(), f"instruments whose dates no test pins: {sorted(mine - pinned)}"


def test_encoded_effective_dates_match_the_table() -> None:
    r = reg()
    for iid, day, _ in ADDS:
        assert r.instruments[iid].dates.effective.date.earliest() == _d(day), iid


# ------------------------------------------------------------------ first control, with the reason on the day before

def test_first_controls_us() -> None:
    assert_controlled("acetylfentanyl", "US", from_="2015-07-17", in_list="us.csa.schedule-i")
    assert_controlled("cyclopropylfentanyl", "US", from_="2018-01-04", in_list="us.csa.schedule-i")
    assert_controlled("u-47700", "US", from_="2016-11-14", in_list="us.csa.schedule-i")
    assert_controlled("carfentanil", "US", from_="1988-10-28", in_list="us.csa.schedule-ii")
    assert_controlled("4-anpp", "US", from_="2010-08-30", in_list="us.csa.schedule-ii")
    assert_controlled("norfentanyl", "US", from_="2020-05-18", in_list="us.csa.schedule-ii")
    assert_controlled("npp", "US", from_="2007-04-23", in_list="us.list-i")
    assert_controlled("4-piperidone", "US", from_="2023-05-12", in_list="us.list-i")
    assert_controlled("1-boc-4-piperidone", "US", from_="2023-05-12", in_list="us.list-i", reason="class")
    st = reg().status("1-boc-4-piperidone", "US", "2025-10-02")
    assert st.reason == "listed" and st.since == _d("2023-05-12")
    assert_controlled("2-methyl-ap-237", "US", from_="2024-04-15", in_list="us.csa.schedule-i")
    assert_controlled("n-pyrrolidino-isotonitazene", "US", from_="2025-10-15", until="2027-10-15")


def test_transfers_us() -> None:
    r = reg()
    for sub, day in (("sufentanil", "1984-05-25"), ("alfentanil", "1987-01-23")):
        d = _d(day)
        assert r.status(sub, "US", d - dt.timedelta(days=1)).lists == ("us.csa.schedule-i",)
        assert r.status(sub, "US", d).lists == ("us.csa.schedule-ii",)


# (substance, first day no longer controlled by that temporary control, controlled again that day?)
EXPIRIES = [
    ("benzylfentanyl", "1986-11-29", False),
    ("thenylfentanyl", "1986-11-29", False),
    ("beta-hydroxy-3-methylfentanyl", "1987-05-29", False),
    ("brorphine", "2023-03-01", False),
    ("alpha-methylthiofentanyl", "1987-05-29", True),
    ("acetylfentanyl", "2017-07-17", True),
    ("ortho-fluorofentanyl", "2019-10-28", True),
    ("cyclopropylfentanyl", "2020-01-04", True),
    ("valerylfentanyl", "2021-02-01", True),
    ("flunitazene", "2025-04-12", True),
]


@pytest.mark.parametrize(("sub", "end", "still"), EXPIRIES)
def test_temporary_expiries(sub: str, end: str, still: bool) -> None:
    r = reg()
    d = _d(end)
    assert r.status(sub, "US", d - dt.timedelta(days=1)).controlled
    after = r.status(sub, "US", d)
    if still:
        assert after.controlled and after.reason == "listed"
    else:
        assert not after.controlled and after.reason == "expired"


def test_gaps_us() -> None:
    assert_controlled("brorphine", "US", from_="2023-04-05", before="expired")
    assert_controlled("beta-hydroxy-3-methylfentanyl", "US", from_="1988-01-08", before="expired")
    assert_not_controlled("benzylfentanyl", "US", "2020-05-14", reason="expired")
    assert_controlled("benzylfentanyl", "US", from_="2020-05-15", in_list="us.list-i", before="expired")


def test_every_temporary_order_ends_is_extended_or_is_made_permanent() -> None:
    r = reg()
    checked = 0
    for iid, inst in r.instruments.items():
        if inst.jurisdiction not in ("US", "CA"):
            continue
        for a in inst.actions:
            if not isinstance(a, m.TemporaryAction):
                continue
            subs = [e.substance for e in a.substances]
            for cid in a.classes:
                subs += [mem.substance for mem in r.classes[cid].members][:1]
            for sub in subs:
                events = r.history(sub, inst.jurisdiction)
                start = inst.dates.effective.date.earliest()
                kinds = {ev.kind for ev in events
                         if ev.date >= start and (ev.kind == "expired" or ev.citation.instrument != iid)}
                assert kinds & {"expired", "extended", "added", "moved"}, f"{iid}: {sub} neither expires, nor is extended, nor is placed permanently"
                checked += 1
    assert checked >= 50


def test_temporary_counts_as_stated() -> None:
    r = reg()
    stated = {
        "us.2018-02-01.seven-fentanyl-related-substances-temporary": 7,
        "us.2022-04-12.seven-nitazenes-temporary": 7,
        "us.2025-10-15.seven-benzimidazole-opioids-temporary": 7,
        "us.2021-04-27.ten-fentanyl-related-substances": 10,
        "us.2021-05-04.four-fentanyl-related-substances": 4,
        "us.1985-11-29.eight-fentanyl-analogues-temporary": 8,
    }
    for iid, n in stated.items():
        inst = r.instruments[iid]
        names = {e.substance for a in inst.actions if isinstance(a, (m.AddAction, m.TemporaryAction)) for e in a.substances}
        assert len(names) == n, iid
        day = inst.dates.effective.date.earliest()
        assert sum(iid in _cites(s, "US", day) for s in names) == n, iid


# ------------------------------------------------------------------ the fentanyl-related-substances class

FRS_MEMBERS_NAMED_LATER = [
    ("para-methylfentanyl", "2021-04-27"),
    ("fentanyl-carbamate", "2021-05-04"),
    ("meta-fluorofentanyl", "2023-12-07"),
    ("crotonylfentanyl", "2020-10-02"),
]


@pytest.mark.parametrize(("sub", "named"), FRS_MEMBERS_NAMED_LATER)
def test_frs_class_member_then_named(sub: str, named: str) -> None:
    assert_controlled(sub, "US", from_="2018-02-06", reason="class", in_list="us.csa.schedule-i")
    d = _d(named)
    assert reg().status(sub, "US", d - dt.timedelta(days=1)).reason == "class"
    st = reg().status(sub, "US", d)
    assert st.reason == "listed" and st.since == _d("2018-02-06")


def test_frs_class_continuous_from_2018_to_today() -> None:
    r = reg()
    # class-only days across every extension of the order, for a member named only in December 2023
    for day in ("2018-02-06", "2020-02-05", "2020-02-06", "2021-05-05", "2021-10-21", "2021-10-22", "2021-12-03",
                "2022-02-18", "2022-12-29", "2023-12-06"):
        st = r.status("meta-fluorofentanyl", "US", day)
        assert st.controlled and st.reason == "class", day
    for day in ("2024-12-31", "2025-03-31", "2025-07-16", "2025-09-30", dt.date.today()):
        st = r.status("meta-fluorofentanyl", "US", day)
        assert st.controlled and st.since == _d("2018-02-06"), day
    # the class becomes permanent by the 2025 HALT Act, before the last extension runs out
    events = [(ev.date, ev.kind, ev.citation.instrument) for ev in r.history("meta-fluorofentanyl", "US")]
    assert (_d("2025-07-16"), "added", "us.2025-07-16.halt-fentanyl-act") in events
    # the permanent class replaces the temporary order: no "expired" on 2025-09-30, when control continues (issue 13)
    assert not [e for e in events if e[1] in ("expired", "removed")]
    assert r.status("meta-fluorofentanyl", "US", "2025-09-30").controlled is True


def test_class_members_listed_before_the_class_are_not_members() -> None:
    members = {mem.substance for mem in reg().classes["us.fentanyl-related-substances"].members}
    assert not members & {"valerylfentanyl", "cyclopropylfentanyl", "ocfentanil", "acetylfentanyl"}


# ------------------------------------------------------------------ US versus China

CN_CLASS_ONLY = ["cyclopropylfentanyl", "methoxyacetylfentanyl", "ortho-fluorofentanyl"]


def test_gap_us_cn_before_the_chinese_class() -> None:
    r = reg()
    gap = r.gap("US", "CN", "2019-04-30")
    ids = {e.substance.id for e in gap.entries}
    for sub in CN_CLASS_ONLY:
        assert sub in ids, f"{sub} not in the US-but-not-CN gap on 2019-04-30"
        st = r.status(sub, "CN", "2019-05-01")
        assert st.controlled and st.reason == "class", f"{sub} in CN on 2019-05-01: {st.reason}"
    after = {e.substance.id for e in r.gap("US", "CN", "2019-05-01").entries}
    assert not after & set(CN_CLASS_ONLY)


# ------------------------------------------------------------------ UN

def test_un_1961_decisions() -> None:
    assert_controlled("acetylfentanyl", "UN", from_="2016-03-18", in_list="un.1961.schedule-iv")
    assert_controlled("carfentanil", "UN", from_="2018-03-14", in_list="un.1961.schedule-iv")
    assert "un.1961.schedule-i" in reg().status("carfentanil", "UN", "2018-03-14").lists
    # decided in April 2021, day not known: every day of April is uncertain, May 1 is certain
    assert_uncertain_window("isotonitazene", "UN", "un.2021-04.cnd-64-isotonitazene")
    assert reg().status("isotonitazene", "UN", "2021-03-31").reason == "not-covered"
    st = reg().status("isotonitazene", "UN", "2021-05-01")
    assert st.controlled is True and st.since_kind == "month" and "un.1961.schedule-i" in st.lists
    r = reg()
    for iid in ("un.2016-03-18.cnd-59-acetylfentanyl", "un.2018-03-14.cnd-61-carfentanil", "un.2024-03-19.cnd-67-butonitazene"):
        d = r.instruments[iid].dates
        assert d.signed is not None and d.signed.date == d.effective.date
        assert d.effective.confidence == "unverified"


def test_un_1988_table_i() -> None:
    assert_controlled("4-ap", "UN", from_="2022-11-23", in_list="un.1988.table-i")
    assert_controlled("1-boc-4-piperidone", "UN", from_="2024-12-03", in_list="un.1988.table-i")
    assert count_controlled("UN", "2024-12-02", family="fentanyl-precursor", in_list="un.1988.table-i") == 5
    assert count_controlled("UN", "2024-12-03", family="fentanyl-precursor", in_list="un.1988.table-i") == 7


# ------------------------------------------------------------------ Canada and Mexico

def test_canada_4_ap_derivatives_move_from_schedule_v_to_schedule_vi() -> None:
    r = reg()
    for sub in ("4-fluoro-anilino-1-boc-piperidine", "n-4-fluorophenyl-4-piperidinamine", "4-bromo-anilino-1-boc-piperidine"):
        assert_controlled(sub, "CA", from_="2022-08-31", in_list="ca.cdsa.schedule-v")
        assert r.status(sub, "CA", "2023-08-29").lists == ("ca.cdsa.schedule-v",)
        assert r.status(sub, "CA", "2023-08-30").lists == ("ca.cdsa.schedule-vi.part-1", "ca.pcr.schedule")
        assert r.status(sub, "CA", "2023-08-30").since == _d("2022-08-31")


def test_canada_anpp_and_2_methyl_ap_237() -> None:
    assert_controlled("4-anpp", "CA", from_="2019-05-15", in_list="ca.cdsa.schedule-i")
    assert "ca.ncr.schedule" in reg().status("4-anpp", "CA", "2019-05-15").lists
    assert_controlled("2-methyl-ap-237", "CA", from_="2024-06-05", in_list="ca.cdsa.schedule-i")
    assert_controlled("3-methyl-4-piperidone", "CA", from_="2024-09-03", in_list="ca.pcr.schedule")
    assert reg().instruments["ca.2024-09-03.sor-2024-100"].dates.effective.confidence == "computed"


def test_mexico() -> None:
    """The acuerdos' own transitory articles (read in the consolidated text): in force the day after publication."""
    assert_controlled("npp", "MX", from_="2017-07-19", in_list="mx.precursores.art-4-i")
    assert_controlled("propionyl-chloride", "MX", from_="2021-05-14", in_list="mx.precursores.art-4-i")
    assert reg().instruments["mx.2021-05-13.4-ap-etc"].dates.effective.confidence == "official"


def test_dea_codes() -> None:
    r = reg()
    for code, sid in (("9801", "fentanyl"), ("9743", "carfentanil"), ("8333", "4-anpp"), ("9098", "brorphine"), ("9855", "2-fluoro-ortho-fluorofentanyl")):
        assert r.find(code).id == sid
