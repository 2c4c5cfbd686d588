"""Fold instruments into dated control intervals.

Every action of every instrument is applied in order of effective date. The
result is, per substance, a sorted tuple of half-open :class:`Interval` objects
``[start, end)`` on one list each, with the instruments that made them. Class
rules and derivative clauses are expanded into intervals of their curated
members. Queries (:mod:`schedlib.registry`) read these intervals only.

An ``in-force-by`` action (evidence that a substance was on a list by a day, start
unknown) makes an interval whose start is a lower bound (``since_exact`` false), unless
a dated instrument already put the substance on that list by then.

The fold also checks what only a fold can see: removing something not listed,
extending a temporary control that has already expired, contradicting
instruments on one day, an expiry before the effective date.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from . import models as m
from .errors import RegistryError
from .index import FOREVER, Index, Interval
from .loader import Located, RegistryData

__all__ = ["FOREVER", "Index", "Interval", "compile_registry"]

Basis = Literal["listed", "temporary", "class", "derivative"]
EndKind = Literal["open", "removed", "expired", "transferred", "superseded"]
"""How an interval ended. ``superseded``: a temporary control replaced by a permanent listing on the
same list (control continues; no event)."""


@dataclass(slots=True)
class _Grant:
    subject: str
    is_class: bool
    list_id: str
    start: _dt.date
    end: _dt.date
    instrument: str
    temporary: bool
    entry: str | None = None
    covers: tuple[m.Cover, ...] = ()
    extended_by: list[str] = field(default_factory=list)
    ended_by: str | None = None
    end_kind: EndKind = "open"
    moved_from: str | None = None
    moved_to: str | None = None
    expiry_unknown: bool = False
    caveats: list[str] = field(default_factory=list)
    lower_bound: bool = False
    start_window: _dt.date | None = None
    end_window: _dt.date | None = None
    precision: str = "day"


def _effective(inst: m.Instrument) -> _dt.date:
    d = inst.dates.effective.date.earliest()
    assert d is not None  # the model refuses unknown effective dates
    return d


def _window_end(inst: m.Instrument) -> _dt.date | None:
    """The first day after the window of an effective date known only to the month (None when known to the day)."""
    d = inst.dates.effective.date
    if d.precision != "month":
        return None
    return _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def _instrument_caveats(inst: m.Instrument) -> list[str]:
    out: list[str] = []
    eff = inst.dates.effective
    conf = eff.confidence or inst.confidence
    if eff.date.precision == "month":
        out.append(f"{inst.id}: effective date known only to the month ({eff.date}); every day of that month is uncertain")
    if conf in ("unverified", "secondary", "computed"):
        note = f" ({eff.note})" if eff.note else ""
        out.append(f"{inst.id}: effective date {eff.date} is {conf}{note}")
    return out


_PHASE = {"extend": 0, "remove": 1, "transfer": 1, "add": 2, "temporary": 2, "in-force-by": 3}
"""Order of actions on one day: evidence of a state (``in-force-by``) comes after the acts of that day."""


def compile_registry(data: RegistryData) -> tuple[Index, list[RegistryError]]:
    """Fold all instruments of ``data``; return the index and the errors found."""
    errors: list[RegistryError] = []

    def err(loc: Located, message: str, *sub: str | int) -> None:
        errors.append(RegistryError(loc.path, loc.line(*sub), message))

    steps: list[tuple[_dt.date, int, str, int]] = []
    for iid, inst in data.instruments.items():
        eff = _effective(inst)
        for ai, action in enumerate(inst.actions):
            steps.append((eff, _PHASE[action.type], iid, ai))
    steps.sort()

    # Same-day contradictions first: one instrument adds what another removes on the same day.
    day_ops: dict[tuple[_dt.date, str, bool, str], dict[str, list[tuple[str, int, int, tuple[str | int, ...]]]]] = defaultdict(
        lambda: {"add": [], "remove": []}
    )
    for eff, _phase, iid, ai in steps:
        action = data.instruments[iid].actions[ai]
        if isinstance(action, m.ExtendAction):
            continue
        for i, (subject, is_class) in enumerate(
            [(e.substance, False) for e in action.substances] + [(c, True) for c in action.classes]
        ):
            sub: tuple[str | int, ...] = (
                ("actions", ai, "substances", i) if not is_class else ("actions", ai, "classes", i - len(action.substances))
            )
            if isinstance(action, m.TransferAction):
                day_ops[(eff, action.from_list, is_class, subject)]["remove"].append((iid, ai, i, sub))
                day_ops[(eff, action.to_list, is_class, subject)]["add"].append((iid, ai, i, sub))
            elif isinstance(action, m.RemoveAction):
                day_ops[(eff, action.list, is_class, subject)]["remove"].append((iid, ai, i, sub))
            else:
                day_ops[(eff, action.list, is_class, subject)]["add"].append((iid, ai, i, sub))
    contradicted: set[tuple[str, int, int]] = set()
    for (eff, lid, _is_class, subject), ops in day_ops.items():
        adders = {o[0] for o in ops["add"]}
        removers = {o[0] for o in ops["remove"]}
        if adders and removers and adders != removers:
            for polarity, other in (("add", removers), ("remove", adders)):
                for iid, ai, i, sub in ops[polarity]:
                    contradicted.add((iid, ai, i))
                    verb = "adds" if polarity == "add" else "removes"
                    prep = "to" if polarity == "add" else "from"
                    err(
                        data.locate("instrument", iid),
                        f"contradiction on {eff}: this instrument {verb} {subject!r} {prep} "
                        f"{lid} while {sorted(other - {iid})[0]!r} "
                        f"{'removes' if polarity == 'add' else 'adds'} it on the same day",
                        *sub,
                    )

    grants: dict[tuple[str, bool, str], list[_Grant]] = defaultdict(list)
    by_instrument: dict[str, list[_Grant]] = defaultdict(list)

    def covering(key: tuple[str, bool, str], on: _dt.date) -> list[_Grant]:
        return [g for g in grants[key] if g.start <= on < g.end]

    for eff, _phase, iid, ai in steps:
        inst = data.instruments[iid]
        action = inst.actions[ai]
        loc = data.locate("instrument", iid)
        caveats = _instrument_caveats(inst)
        if isinstance(action, m.ExtendAction):
            _extend(data, action, iid, eff, ai, loc, by_instrument, err)
            continue
        targets: list[tuple[str, bool, str | None, tuple[m.Cover, ...], tuple[str | int, ...]]] = []
        for i, e in enumerate(action.substances):
            targets.append((e.substance, False, e.entry, e.covers, ("actions", ai, "substances", i)))
        for i, c in enumerate(action.classes):
            targets.append((c, True, None, (), ("actions", ai, "classes", i)))
        for ti, (subject, is_class, entry, covers, sub) in enumerate(targets):
            if (iid, ai, ti) in contradicted:
                continue
            if isinstance(action, (m.RemoveAction, m.TransferAction)):
                src = action.list if isinstance(action, m.RemoveAction) else action.from_list
                key = (subject, is_class, src)
                live = covering(key, eff)
                if not live:
                    err(
                        loc,
                        f"{subject!r} is not on {src} on {eff}; nothing to "
                        f"{'remove' if isinstance(action, m.RemoveAction) else 'transfer'}",
                        *sub,
                    )
                    continue
                for g in live:
                    g.end = eff
                    g.ended_by = iid
                    g.expiry_unknown = False
                    if isinstance(action, m.RemoveAction):
                        g.end_kind = "removed"
                        g.end_window = _window_end(inst)
                    else:
                        g.end_kind = "transferred"
                        g.moved_to = action.to_list
                if isinstance(action, m.TransferAction):
                    dest = (subject, is_class, action.to_list)
                    if any(not g.temporary for g in covering(dest, eff)):
                        err(loc, f"{subject!r} is already on {action.to_list} on {eff}", *sub)
                        continue
                    carried = tuple(c for g in live for c in g.covers)
                    new = _Grant(
                        subject,
                        is_class,
                        action.to_list,
                        eff,
                        FOREVER,
                        iid,
                        False,
                        entry=entry,
                        covers=covers or carried,
                        moved_from=src,
                        caveats=list(caveats),
                    )
                    grants[dest].append(new)
                    by_instrument[iid].append(new)
                continue
            assert isinstance(action, (m.AddAction, m.TemporaryAction, m.InForceByAction))
            key = (subject, is_class, action.list)
            live = covering(key, eff)
            if isinstance(action, m.InForceByAction):
                if live:
                    continue  # already on the list by a dated instrument (or earlier evidence): nothing to add
                new = _Grant(
                    subject,
                    is_class,
                    action.list,
                    eff,
                    FOREVER,
                    iid,
                    False,
                    entry=entry,
                    covers=covers,
                    caveats=list(caveats),
                    lower_bound=True,
                )
            elif isinstance(action, m.TemporaryAction):
                if action.expires <= eff:
                    err(loc, f"expiry {action.expires} is not after the effective date {eff}", "actions", ai, "expires")
                    continue
                if any(not g.temporary for g in live):
                    first = next(g for g in live if not g.temporary)
                    err(
                        loc,
                        f"{subject!r} is already permanently on {action.list} since {first.start} "
                        f"({first.instrument}); a temporary control adds nothing",
                        *sub,
                    )
                    continue
                new = _Grant(
                    subject,
                    is_class,
                    action.list,
                    eff,
                    action.expires,
                    iid,
                    True,
                    entry=entry,
                    covers=covers,
                    caveats=list(caveats),
                )
            else:
                permanent = [g for g in live if not g.temporary]
                if permanent:
                    err(
                        loc,
                        f"{subject!r} is already on {action.list} since {permanent[0].start} ({permanent[0].instrument})",
                        *sub,
                    )
                    continue
                new = _Grant(
                    subject, is_class, action.list, eff, FOREVER, iid, False, entry=entry, covers=covers, caveats=list(caveats)
                )
            window = _window_end(inst)
            if window is not None:
                new.start_window = window
                new.precision = "month"
            if not new.temporary and not new.lower_bound:
                # a permanent listing replaces a temporary control on the same list (in force, or expiring that
                # very day): control continues, so no expiry is reported
                for g in grants[key]:
                    if g.temporary and g.start <= eff <= g.end and g.ended_by is None:
                        g.end = eff
                        g.end_kind = "superseded"
                        g.ended_by = iid
                        g.expiry_unknown = False
            grants[key].append(new)
            by_instrument[iid].append(new)

    for key, gs in grants.items():
        for g in gs:
            if g.expiry_unknown:
                loc = data.locate("instrument", g.extended_by[-1] if g.extended_by else g.instrument)
                err(
                    loc,
                    f"the last extension of {g.instrument!r} for {key[0]!r} has an unknown expiry; "
                    "add the extension that follows it, or the expiry",
                    "actions",
                )
            if g.end_kind == "open" and g.end != FOREVER:
                g.end_kind = "expired"

    index = _build_index(data, grants)
    from .incorporation import incorporate  # here, not at the top: it reads the index this module builds

    index, found = incorporate(data, index)
    errors.extend(found)
    from .editions import check_editions  # here, not at the top: editions reads the index this module builds

    errors.extend(check_editions(data, index))
    return index, errors


def _extend(
    data: RegistryData,
    action: m.ExtendAction,
    iid: str,
    eff: _dt.date,
    ai: int,
    loc: Located,
    by_instrument: dict[str, list[_Grant]],
    report: Callable[..., None],
) -> None:
    if action.of not in data.instruments:
        return
    wanted_s = set(action.substances)
    wanted_c = set(action.classes)
    targets = [
        g
        for g in by_instrument.get(action.of, [])
        if g.temporary
        and (
            (not wanted_s and not wanted_c)
            or (g.is_class and g.subject in wanted_c)
            or (not g.is_class and g.subject in wanted_s)
        )
    ]
    if not targets:
        report(
            loc,
            f"instrument {action.of!r} has no temporary control in force to extend"
            + (f" for {sorted(wanted_s | wanted_c)}" if wanted_s or wanted_c else ""),
            "actions",
            ai,
            "of",
        )
        return
    found = {g.subject for g in targets}
    for missing in sorted((wanted_s | wanted_c) - found):
        report(loc, f"{action.of!r} made no temporary control of {missing!r}", "actions", ai)
    inst = data.instruments[iid]
    for g in targets:
        if g.ended_by is not None:
            continue  # already removed or transferred: nothing left to extend
        if eff > g.end and not g.expiry_unknown:
            report(
                loc,
                f"extension effective {eff} comes after the temporary control of {g.subject!r} "
                f"by {action.of!r} expired on {g.end}; a lapsed control needs a new temporary action",
                "actions",
                ai,
            )
            continue
        if action.expires == "unknown":
            g.end = FOREVER
            g.expiry_unknown = True
            g.caveats.append(
                f"{iid}: the expiry set by this extension was not read; control is taken as continuing until the next extension"
            )
        else:
            if action.expires <= eff:
                report(
                    loc,
                    f"new expiry {action.expires} is not after the extension's effective date {eff}",
                    "actions",
                    ai,
                    "expires",
                )
                continue
            if not g.expiry_unknown and action.expires < g.end:
                report(
                    loc,
                    f"extension moves the expiry of {g.subject!r} earlier ({g.end} -> {action.expires})",
                    "actions",
                    ai,
                    "expires",
                )
                continue
            g.end = action.expires
            g.expiry_unknown = False
        g.extended_by.append(iid)
        g.caveats.extend(c for c in _instrument_caveats(inst) if c not in g.caveats)


def _build_index(data: RegistryData, grants: dict[tuple[str, bool, str], list[_Grant]]) -> Index:
    by_sub: dict[str, list[Interval]] = defaultdict(list)
    class_iv: dict[str, list[Interval]] = defaultdict(list)
    lists = data.lists
    for (subject, is_class, lid), gs in grants.items():
        cl = lists[lid]
        for g in gs:
            if g.end <= g.start:
                continue  # removed on the day it started: never in force
            base = Interval(
                substance=subject,
                list_id=lid,
                jurisdiction=cl.jurisdiction,
                regime=cl.regime,
                start=g.start,
                end=g.end,
                basis="temporary" if g.temporary else "listed",
                instrument=g.instrument,
                extended_by=tuple(g.extended_by),
                end_kind=g.end_kind,
                ended_by=g.ended_by,
                moved_from=g.moved_from,
                moved_to=g.moved_to,
                entry=g.entry,
                caveats=tuple(g.caveats),
                since_exact=not g.lower_bound,
                start_precision=g.precision,
                start_certain=g.start_window if g.start_window is not None and g.start_window > g.start else None,
                end_certain=g.end_window if g.end_window is not None and g.end_window > g.end else None,
            )
            if is_class:
                class_iv[subject].append(base)
                rule = data.classes[subject]
                yields = any(x.kind == "listed-by-name" for x in rule.exclusions)
                for mem in rule.members:
                    by_sub[mem.substance].append(_derived(base, mem.substance, "class", subject, None, yields))
                continue
            by_sub[subject].append(base)
            for cov in g.covers:
                by_sub[cov.substance].append(_derived(base, cov.substance, "derivative", subject, cov.relation, True))
    by_jur: dict[str, set[str]] = defaultdict(set)
    out: dict[str, tuple[Interval, ...]] = {}
    for sid, ivs in by_sub.items():
        ivs.sort(key=lambda iv: (iv.start, iv.end, iv.list_id, iv.instrument))
        out[sid] = tuple(ivs)
        for iv in ivs:
            by_jur[iv.jurisdiction].add(sid)
    return Index(
        by_substance=out,
        by_jurisdiction={j: frozenset(s) for j, s in by_jur.items()},
        class_intervals={c: tuple(sorted(v, key=lambda iv: iv.start)) for c, v in class_iv.items()},
    )


def _derived(base: Interval, substance: str, basis: Basis, via: str, note: str | None, yields: bool) -> Interval:
    return Interval(
        substance=substance,
        list_id=base.list_id,
        jurisdiction=base.jurisdiction,
        regime=base.regime,
        start=base.start,
        end=base.end,
        basis=basis,
        instrument=base.instrument,
        extended_by=base.extended_by,
        end_kind=base.end_kind,
        ended_by=base.ended_by,
        moved_from=base.moved_from,
        moved_to=base.moved_to,
        via=via,
        via_note=note,
        yields_to_named=yields,
        caveats=base.caveats,
        since_exact=base.since_exact,
        start_precision=base.start_precision,
        start_certain=base.start_certain,
        end_certain=base.end_certain,
    )
