"""Properties of the fold, on random registries built in memory.

A random registry is a set of consistent per-substance timelines (add, remove,
transfer, temporary with extensions, derivative cover, class membership) cut
into instruments at random. The properties:

* the order in which instruments are read does not matter;
* the state on a date depends only on instruments in force by then;
* ``gap(X, Y, d)`` is the set difference of ``controlled(X, d)`` and ``controlled(Y, d)``;
* add-then-remove: controlled on the add date, not on the remove date, and
  the answer agrees with a slow reference that folds every action for every query.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schedlib import models as m
from schedlib.engine import compile_registry
from schedlib.loader import RegistryData
from schedlib.registry import Registry

BASE = dt.date(2000, 1, 1)
SUBSTANCES = [f"s{i}" for i in range(6)]
LISTS = {"AA": ["aa.one", "aa.two"], "BB": ["bb.one"], "CC": ["cc.one"]}


def _day(n: int) -> dt.date:
    return BASE + dt.timedelta(days=n)


def _base_data() -> RegistryData:
    data = RegistryData(
        root=Path("."),
        info=m.RegistryInfo(name="random", version="2000.1", description="random"),
        digest="0" * 64,
    )
    data.families["f"] = m.Family(id="f", name="F", description="F")
    for j in LISTS:
        data.jurisdictions[j] = m.Jurisdiction(id=j, name=j, kind="state")
        for lid in LISTS[j]:
            data.lists[lid] = m.ControlList(
                id=lid,
                jurisdiction=j,
                name=lid,
                regime="drug",
                coverage=m.Coverage(complete_from=BASE, note="complete"),
            )
    for sid in SUBSTANCES:
        data.substances[sid] = m.Substance(id=sid, name=sid.upper(), families=("f",))
    data.sources["src"] = m.Source(id="src", kind="primary", medium="official-publication", issuer="x", title="x")
    data.classes["aa.cls"] = m.ClassRule(
        id="aa.cls",
        jurisdiction="AA",
        name="cls",
        definition="d",
        sources=(m.SourceRef(source="src"),),
        exclusions=(m.Exclusion(kind="listed-by-name", text="named first"),),
        members=(m.Member(substance="s5", sources=(m.SourceRef(source="src"),)),),
    )
    return data


def _instrument(iid: str, j: str, day: dt.date, actions: list[dict[str, Any]]) -> m.Instrument:
    return m.Instrument.model_validate(
        {
            "id": iid,
            "jurisdiction": j,
            "kind": "regulation",
            "title": iid,
            "issuer": ["x"],
            "dates": {"effective": day.isoformat()},
            "confidence": "official",
            "sources": [{"source": "src"}],
            "actions": actions,
        }
    )


Timeline = list[tuple[int, str, dict[str, Any]]]  # (day, jurisdiction, action)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    """Consistent actions: per (jurisdiction, subject), alternating on/off spells on one list at a time."""
    out: Timeline = []
    subjects: list[tuple[str, bool]] = [(s, False) for s in SUBSTANCES[:5]] + [("aa.cls", True)]
    for j, lists in LISTS.items():
        for subject, is_class in subjects:
            if is_class and j != "AA":
                continue
            day = draw(st.integers(0, 400))
            for _ in range(draw(st.integers(0, 3))):
                lid = draw(st.sampled_from(lists))
                key = "classes" if is_class else "substances"
                ref: Any = [subject] if is_class else [{"substance": subject}]
                if draw(st.booleans()):  # temporary, maybe extended
                    length = draw(st.integers(1, 300))
                    out.append((day, j, {"type": "temporary", "list": lid, key: ref, "expires": _day(day + length).isoformat()}))
                    end = day + length
                    if draw(st.booleans()):
                        ext_day = draw(st.integers(day + 1, end))
                        end = end + draw(st.integers(1, 300))
                        out.append(
                            (ext_day, j, {"type": "extend", "of": None, "expires": _day(end).isoformat(), "_of": len(out) - 1})
                        )
                    day = end + draw(st.integers(1, 200))
                else:
                    out.append((day, j, {"type": "add", "list": lid, key: ref}))
                    stay = draw(st.integers(1, 500))
                    other = [x for x in lists if x != lid]
                    if other and draw(st.booleans()):
                        out.append((day + stay, j, {"type": "transfer", "from_list": lid, "to_list": other[0], key: ref}))
                        out.append((day + stay + draw(st.integers(1, 300)), j, {"type": "remove", "list": other[0], key: ref}))
                    else:
                        out.append((day + stay, j, {"type": "remove", "list": lid, key: ref}))
                    day = out[-1][0] + draw(st.integers(1, 200))
    return out


def _registry(tl: Timeline, seed: int, upto: int | None = None) -> Registry:
    """Cut the timeline into instruments (one per action, ids shuffled by ``seed``) and compile."""
    data = _base_data()
    order = list(range(len(tl)))
    random.Random(seed).shuffle(order)
    ids = {i: f"{tl[i][1].lower()}.{_day(tl[i][0]).isoformat()}.a{i}" for i in range(len(tl))}
    for i in order:
        day, j, action = tl[i]
        if upto is not None and day > upto:
            continue
        action = dict(action)
        if action["type"] == "extend":
            action["of"] = ids[action.pop("_of")]
        data.instruments[ids[i]] = _instrument(ids[i], j, _day(day), [action])
        data.where[("instrument", ids[i])] = data.locate("instrument", ids[i])
    index, errors = compile_registry(data)
    assert errors == [], [str(e) for e in errors]
    return Registry(data, index)


def _state(reg: Registry, j: str, day: dt.date) -> dict[str, tuple[str, ...]]:
    return {s.substance.id: s.lists for s in reg.controlled(j, day)}


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DAYS = st.integers(0, 2500)


@SETTINGS
@given(timelines(), st.integers(0, 2**16), st.integers(0, 2**16), DAYS)
def test_order_of_instruments_does_not_matter(tl: Timeline, seed1: int, seed2: int, day: int) -> None:
    a, b = _registry(tl, seed1), _registry(tl, seed2)
    for j in LISTS:
        assert _state(a, j, _day(day)) == _state(b, j, _day(day))
    for sid in SUBSTANCES:
        assert [(e.date, e.kind, e.list) for e in a.history(sid)] == [(e.date, e.kind, e.list) for e in b.history(sid)]


@SETTINGS
@given(timelines(), DAYS)
def test_state_depends_only_on_instruments_in_force(tl: Timeline, day: int) -> None:
    full = _registry(tl, 0)
    upto = _registry(tl, 0, upto=day)
    for j in LISTS:
        assert _state(full, j, _day(day)) == _state(upto, j, _day(day))


@SETTINGS
@given(timelines(), DAYS)
def test_gap_is_set_difference(tl: Timeline, day: int) -> None:
    reg = _registry(tl, 1)
    d = _day(day)
    for x, y in (("AA", "BB"), ("BB", "AA")):
        expected = set(_state(reg, x, d)) - set(_state(reg, y, d))
        gap = reg.gap(x, y, d)
        assert gap.ids() == expected
        assert all(not e.absent.controlled and e.present.controlled for e in gap)


@SETTINGS
@given(timelines(), DAYS)
def test_gap_against_several_is_intersection(tl: Timeline, day: int) -> None:
    reg = _registry(tl, 3)
    d = _day(day)
    both = reg.gap("AA", ["BB", "CC"], d)
    assert both.ids() == reg.gap("AA", "BB", d).ids() & reg.gap("AA", "CC", d).ids()
    assert reg.gap("AA", "BB,CC", d).ids() == both.ids()
    assert all(set(e.absences) == {"BB", "CC"} for e in both)
    assert reg.gap(["AA", "BB"], "CC", d).ids() == reg.gap("AA", "CC", d).ids() & reg.gap("BB", "CC", d).ids()


def _reference(tl: Timeline, sid: str, j: str, day: int) -> bool:
    """Slow and obvious: replay every action up to ``day`` for one (jurisdiction, substance)."""
    on: dict[str, int | None] = {}  # list -> expiry day (None = open)
    members = {"s5"}
    for _i, (d, jj, a) in sorted(enumerate(tl), key=lambda t: (t[1][0], t[0])):
        if jj != j or d > day:
            continue
        names = [x["substance"] for x in a.get("substances", [])] + [c for c in a.get("classes", [])]
        if a["type"] == "extend":
            src = tl[a["_of"]][2]
            names = [x["substance"] for x in src.get("substances", [])] + list(src.get("classes", []))
            if sid in names or (members & {sid} and "aa.cls" in names):
                on[src["list"]] = (dt.date.fromisoformat(a["expires"]) - BASE).days
            continue
        hit = sid in names or (sid in members and "aa.cls" in names)
        if not hit:
            continue
        if a["type"] == "add":
            on[a["list"]] = None
        elif a["type"] == "temporary":
            on[a["list"]] = (dt.date.fromisoformat(a["expires"]) - BASE).days
        elif a["type"] == "remove":
            on.pop(a["list"], None)
        elif a["type"] == "transfer":
            on.pop(a["from_list"], None)
            on[a["to_list"]] = None
    return any(exp is None or day < exp for exp in on.values())


@SETTINGS
@given(timelines(), DAYS)
def test_engine_agrees_with_slow_reference(tl: Timeline, day: int) -> None:
    reg = _registry(tl, 2)
    for j in LISTS:
        for sid in SUBSTANCES:
            st = reg.status(sid, j, _day(day))
            # the reference knows listings only: where it says no, a class rule in force may still cover (None)
            assert (st.controlled is True) == _reference(tl, sid, j, day), (sid, j, day)
            assert st.controlled is not None or st.reason == "class-possible", (sid, j, day, st.reason)


def test_add_then_remove_edges() -> None:
    tl: Timeline = [
        (10, "AA", {"type": "add", "list": "aa.one", "substances": [{"substance": "s0"}]}),
        (20, "AA", {"type": "remove", "list": "aa.one", "substances": [{"substance": "s0"}]}),
    ]
    reg = _registry(tl, 0)
    assert not reg.status("s0", "AA", _day(9)).controlled
    assert reg.status("s0", "AA", _day(9)).reason == "later"
    assert reg.status("s0", "AA", _day(10)).controlled
    assert reg.status("s0", "AA", _day(19)).controlled
    after = reg.status("s0", "AA", _day(20))
    assert not after.controlled and after.reason == "removed" and after.ended_on == _day(20)
    assert reg.status("s0", "BB", _day(15)).reason == "never"
