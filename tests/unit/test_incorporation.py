"""Lists that incorporate other lists by reference (``ControlList.incorporates``).

The incorporating list holds every substance of the incorporated list from the later of the
incorporation's ``from`` day and the day the substance was placed there, until it leaves;
each answer cites both acts; the checks refuse what would make the derivation wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.unit.test_engine_properties import _base_data, _day, _instrument

from schedlib import models as m
from schedlib.engine import compile_registry
from schedlib.loader import RegistryData
from schedlib.registry import Registry


def _data(incorporates: list[dict[str, Any]], *instruments: tuple[str, str, int, list[dict[str, Any]]]) -> RegistryData:
    data = _base_data()
    data.lists["bb.by-reference"] = m.ControlList.model_validate(
        {
            "id": "bb.by-reference",
            "jurisdiction": "BB",
            "name": "by reference",
            "regime": "drug",
            "coverage": {"complete_from": None, "note": "as complete as what it incorporates"},
            "incorporates": incorporates,
        }
    )
    for iid, j, day, actions in instruments:
        data.instruments[iid] = _instrument(iid, j, _day(day), actions)
    return data


def _reg(data: RegistryData) -> Registry:
    index, errors = compile_registry(data)
    assert not errors, errors
    return Registry(data, index)


def _add(sid: str, lst: str = "aa.one") -> dict[str, Any]:
    return {"type": "add", "list": lst, "substances": [{"substance": sid}]}


def _act(iid: str = "bb.act", day: int = 100) -> tuple[str, str, int, list[dict[str, Any]]]:
    return (iid, "BB", day, [])


INC = {"list": "aa.one", "from": _day(100).isoformat(), "by": "bb.act"}


def test_clipped_to_the_incorporation_day_and_cited_to_both_acts() -> None:
    r = _reg(_data([INC], _act(), ("aa.early", "AA", 10, [_add("s0")]), ("aa.late", "AA", 200, [_add("s1")])))
    # placed before the incorporation: on the list from the incorporation's day, which the incorporating act starts
    assert not r.status("s0", "BB", _day(99)).controlled
    on = r.status("s0", "BB", _day(100))
    assert on.controlled and on.since == _day(100) and on.lists == ("bb.by-reference",)
    assert [c.instrument for c in on.citations] == ["bb.act", "aa.early"]
    # placed after: from its own day, started by the act that placed it
    assert not r.status("s1", "BB", _day(199)).controlled
    late = r.status("s1", "BB", _day(200))
    assert late.controlled and late.since == _day(200)
    assert [c.instrument for c in late.citations] == ["aa.late", "bb.act"]
    assert [e.kind for e in r.history("s1", "BB")] == ["added"]


def test_removal_and_transfer_follow_the_incorporated_list() -> None:
    incs = [INC, {**INC, "list": "aa.two"}]
    data = _data(
        incs,
        _act(),
        ("aa.add", "AA", 10, [_add("s0"), _add("s1")]),
        ("aa.remove", "AA", 300, [{"type": "remove", "list": "aa.one", "substances": [{"substance": "s0"}]}]),
        (
            "aa.move",
            "AA",
            250,
            [{"type": "transfer", "from_list": "aa.one", "to_list": "aa.two", "substances": [{"substance": "s1"}]}],
        ),
    )
    r = _reg(data)
    assert r.status("s0", "BB", _day(299)).controlled
    gone = r.status("s0", "BB", _day(300))
    assert not gone.controlled and gone.reason == "removed"
    # moved between two incorporated lists: no gap on the incorporating list
    for d in (249, 250, 400):
        st = r.status("s1", "BB", _day(d))
        assert st.controlled and st.since == _day(100), d


def test_only_the_incorporated_list_counts() -> None:
    r = _reg(_data([INC], _act(), ("aa.other", "AA", 10, [_add("s2", "aa.two")])))
    assert r.status("s2", "AA", _day(150)).controlled
    assert not r.status("s2", "BB", _day(150)).controlled


def test_lower_bound_start_stays_a_lower_bound_unless_clipped() -> None:
    evidence = {"type": "in-force-by", "list": "aa.one", "substances": [{"substance": "s0"}]}
    late = _reg(_data([INC], _act(), ("aa.snap", "AA", 150, [evidence])))
    st = late.status("s0", "BB", _day(150))
    assert st.controlled and st.since_exact is False
    early = _reg(_data([INC], _act(), ("aa.snap", "AA", 50, [evidence])))
    st = early.status("s0", "BB", _day(100))
    # in force on the UN list by day 50, so on the incorporating list from the incorporation's own (dated) day
    assert st.controlled and st.since == _day(100) and st.since_exact is True


def test_chains_are_followed() -> None:
    data = _data([INC], _act(), ("aa.add", "AA", 10, [_add("s0")]))
    data.lists["cc.chain"] = m.ControlList.model_validate(
        {
            "id": "cc.chain",
            "jurisdiction": "CC",
            "name": "chain",
            "regime": "drug",
            "coverage": {"complete_from": None, "note": "n"},
            "incorporates": [{"list": "bb.by-reference", "from": _day(120).isoformat(), "by": "cc.act"}],
        }
    )
    data.instruments["cc.act"] = _instrument("cc.act", "CC", _day(120), [])
    r = _reg(data)
    assert not r.status("s0", "CC", _day(119)).controlled
    assert r.status("s0", "CC", _day(120)).controlled


def _errors(data: RegistryData) -> list[str]:
    return [e.message for e in compile_registry(data)[1]]


def test_refused_references() -> None:
    assert any("unknown list 'aa.none'" in e for e in _errors(_data([{**INC, "list": "aa.none"}], _act())))
    assert any("unknown instrument 'bb.none'" in e for e in _errors(_data([{**INC, "by": "bb.none"}], _act())))
    assert any("cannot incorporate itself" in e for e in _errors(_data([{**INC, "list": "bb.by-reference"}], _act())))
    foreign = _data([{**INC, "by": "aa.act"}], _act(), ("aa.act", "AA", 100, [_add("s0")]))
    assert any("instrument 'aa.act' is of AA" in e for e in _errors(foreign))
    other_regime = _data([INC], _act())
    other_regime.lists["aa.one"] = other_regime.lists["aa.one"].model_copy(update={"regime": "precursor"})
    assert any("regime precursor" in e for e in _errors(other_regime))


def test_cycle_is_an_error() -> None:
    data = _data([{**INC, "list": "cc.one"}], _act())
    data.lists["cc.one"] = data.lists["cc.one"].model_copy(
        update={"incorporates": (m.Incorporation.model_validate({"list": "bb.by-reference", "from": "2000-01-01", "by": "cc.act"}),)}
    )
    data.instruments["cc.act"] = _instrument("cc.act", "CC", dt.date(2000, 1, 1), [])
    assert any("incorporation cycle" in e for e in _errors(data))


def test_an_instrument_without_actions_must_be_named_by_an_incorporation() -> None:
    data = _data([INC], _act(), ("aa.empty", "AA", 10, []))
    assert any("no actions changes nothing" in e for e in _errors(data))
    assert _errors(_data([INC], _act())) == []


def test_completeness_cannot_exceed_what_is_incorporated() -> None:
    def claiming(day: str, source_from: dt.date | None) -> list[str]:
        data = _data([INC], _act())
        data.lists["aa.one"] = data.lists["aa.one"].model_copy(
            update={"coverage": m.Coverage(complete_from=source_from, note="n")}
        )
        data.lists["bb.by-reference"] = data.lists["bb.by-reference"].model_copy(
            update={"coverage": m.Coverage(complete_from=dt.date.fromisoformat(day), note="n")}
        )
        return _errors(data)

    assert any("is never complete" in e for e in claiming("2000-01-01", None))
    assert any("complete only from 2001-01-01" in e for e in claiming("2000-02-01", dt.date(2001, 1, 1)))
    # complete on the incorporation day (the incorporating list holds nothing from it before): fine
    assert claiming("2000-01-01", _day(100)) == []


def test_on_two_incorporated_lists_at_once_is_one_stretch() -> None:
    incs = [INC, {**INC, "list": "aa.two"}]
    r = _reg(_data(incs, _act(), ("aa.both", "AA", 150, [_add("s0"), _add("s0", "aa.two")])))
    assert [e.kind for e in r.history("s0", "BB")] == ["added"]
    assert len([iv for iv in r._index.by_substance["s0"] if iv.list_id == "bb.by-reference"]) == 1
    # leaving one of the two lists leaves the substance on the incorporating list
    data = _data(
        incs,
        _act(),
        ("aa.both", "AA", 150, [_add("s0"), _add("s0", "aa.two")]),
        ("aa.drop", "AA", 200, [{"type": "remove", "list": "aa.two", "substances": [{"substance": "s0"}]}]),
    )
    st = _reg(data).status("s0", "BB", _day(250))
    assert st.controlled and st.since == _day(150)
