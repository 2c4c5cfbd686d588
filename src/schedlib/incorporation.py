"""Lists that incorporate other lists by reference.

Some laws do not enumerate their substances but point at another list: the EU's "drug"
is any substance of the UN 1961 and 1971 schedules (Framework Decision 2004/757/JHA,
art. 1(1)(a)). A :class:`~schedlib.models.ControlList` says so in ``incorporates``; this
module gives the incorporating list one interval for every interval of each incorporated
list, clipped to start no earlier than the incorporation's ``from`` day. A derived interval
keeps the basis, end and caveats of the one it copies and is cited both to the act that
put the substance on the incorporated list and to the act that incorporates (``by``): the
act that started it is ``instrument`` (the incorporating act when the start was moved to
``from``), the other is ``cites_also``.

A start moved forward to ``from`` is exact (the incorporating act is dated) even when
the incorporated start was a lower bound. Chains (A incorporates B, which incorporates C)
are followed; a cycle is an error. A ``complete_from`` that the incorporated lists' coverage
cannot back is an error too: a list defined by reference is only as complete as its sources. So is an incorporation of an unknown list or instrument,
one from a list of another regime, and an instrument with no actions that no list names
as ``by`` (it would change nothing).
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict

from . import models as m
from .engine import Index, Interval
from .errors import RegistryError
from .loader import RegistryData

__all__ = ["incorporate"]


def incorporate(data: RegistryData, index: Index) -> tuple[Index, list[RegistryError]]:
    """``index`` with the intervals that incorporations derive, and the errors found."""
    errors: list[RegistryError] = []
    named_by = {inc.by for cl in data.lists.values() for inc in cl.incorporates}
    for iid, inst in data.instruments.items():
        if not inst.actions and iid not in named_by:
            loc = data.locate("instrument", iid)
            errors.append(
                RegistryError(
                    loc.path,
                    loc.line("actions"),
                    "an instrument with no actions changes nothing: add its actions, or name it as 'by' "
                    "of the list incorporation it makes",
                )
            )
    users = {lid: cl for lid, cl in data.lists.items() if cl.incorporates}
    if not users:
        return index, errors

    valid: dict[str, list[m.Incorporation]] = {}
    for lid, cl in users.items():
        loc = data.locate("list", lid)
        ok: list[m.Incorporation] = []
        for i, inc in enumerate(cl.incorporates):
            where = loc.line("incorporates", i)
            if inc.list not in data.lists:
                errors.append(RegistryError(loc.path, where, f"incorporates unknown list {inc.list!r}"))
            elif inc.list == lid:
                errors.append(RegistryError(loc.path, where, "a list cannot incorporate itself"))
            elif data.lists[inc.list].regime != cl.regime:
                errors.append(
                    RegistryError(
                        loc.path,
                        where,
                        f"incorporates {inc.list!r} of regime {data.lists[inc.list].regime}, "
                        f"but this list's regime is {cl.regime}",
                    )
                )
            elif inc.by not in data.instruments:
                errors.append(RegistryError(loc.path, loc.line("incorporates", i, "by"), f"unknown instrument {inc.by!r}"))
            elif data.instruments[inc.by].jurisdiction != cl.jurisdiction:
                errors.append(
                    RegistryError(
                        loc.path,
                        loc.line("incorporates", i, "by"),
                        f"instrument {inc.by!r} is of {data.instruments[inc.by].jurisdiction}, this list of {cl.jurisdiction}",
                    )
                )
            else:
                ok.append(inc)
                claim = _overclaim(cl, inc, data.lists[inc.list])
                if claim:
                    errors.append(RegistryError(loc.path, loc.line("coverage", "complete_from"), claim))
        valid[lid] = ok

    order = _order(valid, data, errors)
    by_list: dict[str, list[Interval]] = defaultdict(list)
    for ivs in index.by_substance.values():
        for iv in ivs:
            by_list[iv.list_id].append(iv)

    added: dict[str, list[Interval]] = defaultdict(list)
    for lid in order:
        cl = data.lists[lid]
        derived: dict[str, list[Interval]] = defaultdict(list)
        for inc in valid[lid]:
            for iv in by_list.get(inc.list, ()):
                new = _clip(iv, lid, cl, inc)
                if new is not None:
                    derived[new.substance].append(new)
        for sid, found in derived.items():
            for new in _coalesce(found):
                by_list[lid].append(new)
                added[sid].append(new)
    if not added:
        return index, errors

    by_substance = dict(index.by_substance)
    by_jurisdiction = {j: set(s) for j, s in index.by_jurisdiction.items()}
    for sid, new_ivs in added.items():
        merged = sorted((*by_substance.get(sid, ()), *new_ivs), key=lambda iv: (iv.start, iv.end, iv.list_id, iv.instrument))
        by_substance[sid] = tuple(merged)
        for iv in new_ivs:
            by_jurisdiction.setdefault(iv.jurisdiction, set()).add(sid)
    return (
        Index(
            by_substance=by_substance,
            by_jurisdiction={j: frozenset(s) for j, s in by_jurisdiction.items()},
            class_intervals=index.class_intervals,
        ),
        errors,
    )


def _clip(iv: Interval, lid: str, cl: m.ControlList, inc: m.Incorporation) -> Interval | None:
    """``iv`` as an interval of ``lid``, from ``inc.from_`` at the earliest; None if it ended before."""
    start: _dt.date = max(iv.start, inc.from_)
    if iv.end <= start:
        return None
    clipped = start != iv.start
    return iv.replace(
        list_id=lid,
        jurisdiction=cl.jurisdiction,
        regime=cl.regime,
        start=start,
        since_exact=True if clipped else iv.since_exact,
        instrument=inc.by if clipped else iv.instrument,
        cites_also=iv.instrument if clipped else inc.by,
        moved_from=None,
        moved_to=None,
        entry=None,
        incorporated_from=iv.list_id,
    )


def _coalesce(ivs: list[Interval]) -> list[Interval]:
    """One interval per stretch of membership: a substance on two incorporated lists at once (e.g. Schedules I and
    IV), or moved from one to another, is on the incorporating list once, from its first start to its last end."""
    out: list[Interval] = []
    last_of: dict[tuple[str, str | None], int] = {}  # (basis, via) -> index in out of the last such interval
    for iv in sorted(ivs, key=lambda iv: (iv.start, iv.end)):
        k = last_of.get((iv.basis, iv.via))
        if k is not None and iv.start <= out[k].end:
            last = out[k]
            if iv.end > last.end:
                out[k] = last.replace(
                    end=iv.end,
                    end_kind=iv.end_kind,
                    ended_by=iv.ended_by,
                    extended_by=tuple(dict.fromkeys((*last.extended_by, *iv.extended_by))),
                    caveats=tuple(dict.fromkeys((*last.caveats, *iv.caveats))),
                )
            continue
        last_of[(iv.basis, iv.via)] = len(out)
        out.append(iv)
    return out


def _overclaim(cl: m.ControlList, inc: m.Incorporation, source: m.ControlList) -> str | None:
    """Why ``cl`` claims more completeness than the list it incorporates can back, or None."""
    mine = cl.coverage.complete_from
    if mine is None:
        return None
    theirs = source.coverage.complete_from
    needed = max(mine, inc.from_)
    if theirs is None or theirs > needed:
        since = "is never complete" if theirs is None else f"is complete only from {theirs}"
        return (
            f"complete_from {mine} claims more than the incorporated list {inc.list!r} can back: it {since}; "
            f"a list defined by reference is only as complete as what it incorporates"
        )
    scoped = source.coverage.families is not None or source.coverage.substances is not None
    if scoped and cl.coverage.families is None and cl.coverage.substances is None:
        return f"complete_from claims every substance, but the incorporated list {inc.list!r} is complete only for some"
    return None


def _order(valid: dict[str, list[m.Incorporation]], data: RegistryData, errors: list[RegistryError]) -> list[str]:
    """Incorporating lists, each after the lists it incorporates; lists on a cycle are left out (an error)."""
    out: list[str] = []
    state: dict[str, int] = {}  # 1: being visited, 2: done

    def visit(lid: str, path: list[str]) -> bool:
        if state.get(lid) == 2:
            return True
        if state.get(lid) == 1:
            cycle = [*path[path.index(lid) :], lid]
            loc = data.locate("list", lid)
            errors.append(RegistryError(loc.path, loc.line("incorporates"), "incorporation cycle: " + " -> ".join(cycle)))
            return False
        state[lid] = 1
        fine = all(visit(inc.list, [*path, lid]) for inc in valid.get(lid, ()) if inc.list in valid)
        state[lid] = 2
        if fine and lid in valid:
            out.append(lid)
        return fine

    for lid in sorted(valid):
        visit(lid, [])
    return out
