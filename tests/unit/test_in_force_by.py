"""The ``in-force-by`` action: evidence that a substance was on a list by a day, start unknown.

Such a start is a lower bound: answers say "in force by D (start unknown)", history shows no
``added`` event for it, ``diff`` never counts it as newly controlled, and a dated instrument
that already put the substance on the list makes the evidence add nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.unit.test_engine_properties import _base_data, _day, _instrument

from schedlib.engine import compile_registry
from schedlib.registry import Registry


def _reg(*instruments: tuple[str, int, list[dict[str, Any]]]) -> Registry:
    data = _base_data()
    for iid, day, actions in instruments:
        data.instruments[iid] = _instrument(iid, "AA", _day(day), actions)
    index, errors = compile_registry(data)
    assert not errors, errors
    return Registry(data, index)


def _evidence(sid: str = "s0", lst: str = "aa.one") -> dict[str, Any]:
    return {"type": "in-force-by", "list": lst, "substances": [{"substance": sid}]}


def _add(sid: str = "s0", lst: str = "aa.one") -> dict[str, Any]:
    return {"type": "add", "list": lst, "substances": [{"substance": sid}]}


def test_lower_bound_start_is_not_an_addition() -> None:
    r = _reg(("snap", 100, [_evidence()]))
    on = r.status("s0", "AA", _day(100))
    assert on.controlled and on.since == _day(100) and on.since_exact is False
    assert "in force by 2000-04-10 (start unknown)" in on.explanation
    assert on.to_dict()["since_exact"] is False
    before = r.status("s0", "AA", _day(99))
    # control may already have been in force: the registry cannot say "later", nor name a next change
    assert not before.controlled and before.reason == "not-covered" and before.next_change is None
    assert [e.kind for e in r.history("s0", "AA")] == ["in-force-by"]
    d = r.diff("AA", _day(50), _day(150))
    assert d.added == () and d.events == () and [s.id for s in d.in_force_by] == ["s0"]
    (fc,) = r.first_controlled("s0", "AA")
    assert fc.since == _day(100) and fc.exact is False


def test_dated_placement_wins_and_evidence_adds_nothing() -> None:
    r = _reg(("act", 40, [_add()]), ("snap", 100, [_evidence()]))
    on = r.status("s0", "AA", _day(120))
    assert on.controlled and on.since == _day(40) and on.since_exact is True
    assert [e.kind for e in r.history("s0", "AA")] == ["added"]
    assert [iv.instrument for iv in r._index.by_substance["s0"]] == ["act"]
    before = r.status("s0", "AA", _day(39))
    assert not before.controlled and before.reason == "later" and before.next_change == _day(40)


def test_evidence_on_the_day_of_a_dated_placement_adds_nothing() -> None:
    r = _reg(("act", 40, [_add()]), ("snap", 40, [_evidence()]))
    assert r.status("s0", "AA", _day(40)).since_exact is True
    assert [e.kind for e in r.history("s0", "AA")] == ["added"]


def test_removal_ends_a_lower_bound_control() -> None:
    r = _reg(("snap", 100, [_evidence()]), ("rm", 200, [{"type": "remove", "list": "aa.one", "substances": [{"substance": "s0"}]}]))
    assert r.status("s0", "AA", _day(199)).controlled
    after = r.status("s0", "AA", _day(200))
    assert not after.controlled and after.reason == "removed" and after.ended_on == _day(200)
    assert [e.kind for e in r.history("s0", "AA")] == ["in-force-by", "removed"]


def test_transfer_keeps_the_unknown_start() -> None:
    r = _reg(
        ("snap", 100, [_evidence()]),
        ("mv", 200, [{"type": "transfer", "from_list": "aa.one", "to_list": "aa.two", "substances": [{"substance": "s0"}]}]),
    )
    st = r.status("s0", "AA", _day(250))
    assert st.controlled and st.lists == ("aa.two",) and st.since == _day(100) and st.since_exact is False


def test_evidence_for_a_class_marks_its_members() -> None:
    r = _reg(("snap", 100, [{"type": "in-force-by", "list": "aa.one", "classes": ["aa.cls"]}]))
    st = r.status("s5", "AA", _day(100))
    assert st.controlled and st.reason == "class" and st.since_exact is False


# --------------------------------------------------------------------------- the registry's own evidence


def test_un_fentanyl_is_in_force_by_1982_not_added() -> None:
    import schedlib

    r = schedlib.load()
    kinds = [(e.date.isoformat(), e.kind) for e in r.history("fentanyl", "UN")]
    assert ("1982-02-08", "added") not in kinds and ("1982-02-08", "in-force-by") in kinds
    st = r.status("fentanyl", "UN", "1982-02-08")
    assert st.controlled and st.since_exact is False
    assert r.status("fentanyl", "UN", "1982-02-07").reason == "not-covered"


def test_dea_list_of_2025_10_15_is_not_a_wave_of_new_controls() -> None:
    import schedlib

    r = schedlib.load()
    d = r.diff("US", "2025-10-01", "2025-10-31")
    on_dea_list = {e.substance for a in r.instruments["us.2025-10-15.dea-controlled-substances-list"].actions for e in a.substances}  # type: ignore[union-attr]
    assert not on_dea_list & {s.id for s in d.added}
    held_before = {s for s in on_dea_list if r.status(s, "US", "2025-09-30").controlled}
    assert on_dea_list - held_before <= {s.id for s in d.in_force_by}
    assert all(e.kind != "in-force-by" for e in d.events)
    # testosterone: the Anabolic Steroid Control Act of 2004 (in force by 2005-01-20) is earlier evidence, still a lower bound
    st = r.status("testosterone", "US", "2020-01-01")
    assert st.controlled and st.since_exact is False and "us.csa.schedule-iii" in st.lists


def test_cn_2013_editions_date_only_what_unodc_reports_as_new() -> None:
    import schedlib

    r = schedlib.load()
    assert r.status("jwh-018", "CN", "2014-01-01").since_exact is True
    before = r.status("jwh-018", "CN", "2013-12-31")  # the lists' coverage starts with the edition
    assert before.reason == "not-covered" and before.next_change == dt.date(2014, 1, 1)
    assert r.status("fentanyl", "CN", "2014-01-01").since_exact is False
    before = r.status("fentanyl", "CN", "2013-12-31")
    assert before.reason == "not-covered" and before.next_change is None
    assert dt.date(2014, 1, 1) == r.status("fentanyl", "CN", "2020-01-01").since
