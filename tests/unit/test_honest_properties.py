"""Properties of honest answers (issue 13).

(a) ``reason == "never"`` implies no class rule in force in that jurisdiction could apply to the
    substance's families;
(b) no ``expired`` or ``removed`` event falls on a day the substance is controlled on the same list;
(c) a lower-bound start never appears as an addition or in ``diff``;
(d) inside an imprecise date's window the answer is not True unless another instrument makes it so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.test_engine_properties import _base_data, _registry, timelines

import schedlib
from schedlib.engine import compile_registry
from schedlib.registry import Registry

R = schedlib.load()
SUBSTANCES = sorted(R.substances)
JURISDICTIONS = sorted(R.jurisdictions)
DAYS = st.dates(dt.date(1960, 1, 1), dt.date(2028, 12, 31))


def _rule_could_apply(reg: Registry, cid: str, sid: str, list_regime: str) -> bool:
    """Independent reading of "could apply to the substance's families" (not the engine's code)."""
    rule = reg.classes[cid]
    fams = reg.substances[sid].families
    if rule.family is not None:
        return rule.family in fams
    regimes = [reg.families[f].regime for f in fams]
    if not fams or None in regimes:
        return True
    wanted = "precursor" if list_regime == "export" else list_regime
    return wanted in regimes


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SUBSTANCES), st.sampled_from(JURISDICTIONS), DAYS, st.sampled_from([None, "drug", "precursor", "export"]))
def test_a_never_rules_out_every_class_rule(sid: str, j: str, day: dt.date, regime: Any) -> None:
    status = R.status(sid, j, day, regime=regime)
    if status.reason != "never":
        return
    regimes = {"drug", "precursor"} if regime is None else {regime}
    for cid, rule in R.classes.items():
        if rule.jurisdiction != j:
            continue
        for iv in R._index.class_intervals.get(cid, ()):
            if iv.start <= day < iv.end and iv.regime in regimes:
                assert not _rule_could_apply(R, cid, sid, iv.regime), (sid, j, day, cid)


def test_a_never_on_the_days_class_rules_start() -> None:
    """The same, exhaustively on every day a class rule takes effect, for every substance."""
    for cid, civs in R._index.class_intervals.items():
        j = R.classes[cid].jurisdiction
        for iv in civs:
            for sid in SUBSTANCES:
                st_ = R.status(sid, j, iv.start, regime=iv.regime)  # type: ignore[arg-type]
                if st_.reason == "never":
                    assert not _rule_could_apply(R, cid, sid, iv.regime), (sid, cid)


def test_b_no_end_event_while_controlled_on_the_same_list() -> None:
    for sid in SUBSTANCES:
        for e in R.history(sid):
            if e.kind in ("expired", "removed"):
                lists = R.status(sid, e.jurisdiction, e.date).lists
                assert e.list not in lists, (sid, e.jurisdiction, e.date, e.kind, e.list)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(), st.integers(0, 10**6))
def test_b_on_random_registries(tl: Any, seed: int) -> None:
    reg = _registry(tl, seed)
    for sid in reg.substances:
        for e in reg.history(sid):
            if e.kind in ("expired", "removed"):
                assert e.list not in reg.status(sid, e.jurisdiction, e.date).lists, (sid, e)


def test_c_lower_bound_starts_are_not_events_or_additions() -> None:
    starts: dict[str, set[dt.date]] = {}
    lower: set[tuple[str, str, dt.date]] = set()
    for sid, ivs in R._index.by_substance.items():
        for iv in ivs:
            if not iv.since_exact:
                lower.add((sid, iv.jurisdiction, iv.start))
                starts.setdefault(iv.jurisdiction, set()).add(iv.start)
                kinds = {e.kind for e in R.history(sid, iv.jurisdiction) if e.date == iv.start and e.list == iv.list_id}
                assert kinds <= {"in-force-by", "moved"}, (sid, iv.jurisdiction, iv.start, kinds)
    assert lower, "the registry holds lower bounds (DEA list, UN statements, CN editions)"
    for j, days in starts.items():
        for day in days:
            d = R.diff(j, day - dt.timedelta(days=1), day)
            added = {s.id for s in d.added}
            assert not {sid for sid, jj, dd in lower if jj == j and dd == day} & added, (j, day)
            assert all(e.kind != "in-force-by" for e in d.events)


def _month_registry(month: int, other_day: int | None) -> Registry:
    data = _base_data()
    acts: list[dict[str, Any]] = [
        {
            "id": "vote",
            "jurisdiction": "AA",
            "kind": "decision",
            "title": "vote",
            "issuer": ["x"],
            "dates": {"effective": f"2001-{month:02d}"},
            "confidence": "official",
            "sources": [{"source": "src"}],
            "actions": [{"type": "add", "list": "aa.one", "substances": [{"substance": "s0"}]}],
        }
    ]
    if other_day is not None:
        acts.append(
            {
                "id": "rule",
                "jurisdiction": "AA",
                "kind": "regulation",
                "title": "rule",
                "issuer": ["x"],
                "dates": {"effective": (dt.date(2001, 1, 1) + dt.timedelta(days=other_day)).isoformat()},
                "confidence": "official",
                "sources": [{"source": "src"}],
                "actions": [{"type": "add", "list": "aa.two", "substances": [{"substance": "s0"}]}],
            }
        )
    from schedlib import models as m

    for a in acts:
        data.instruments[a["id"]] = m.Instrument.model_validate(a)
    index, errors = compile_registry(data)
    assert not errors, errors
    return Registry(data, index)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.one_of(st.none(), st.integers(0, 364)))
def test_d_window_days_are_not_true_unless_another_instrument_says_so(month: int, other_day: int | None) -> None:
    reg = _month_registry(month, other_day)
    first = dt.date(2001, month, 1)
    after = dt.date(2001 + (month == 12), month % 12 + 1, 1)
    other = None if other_day is None else dt.date(2001, 1, 1) + dt.timedelta(days=other_day)
    day = first
    while day < after:
        status = reg.status("s0", "AA", day)
        if other is not None and other <= day:
            assert status.controlled is True and status.lists == ("aa.two",), day
        else:
            assert status.controlled is None and status.reason == "uncertain", (day, status.explanation)
        day += dt.timedelta(days=1)
    assert reg.status("s0", "AA", after).controlled is True
    assert reg.status("s0", "AA", first - dt.timedelta(days=1)).controlled is (other is not None and other < first)
