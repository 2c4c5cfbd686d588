"""Reconcile editions (official consolidated lists) with the fold of the instruments.

An :class:`~schedlib.models.Edition` states, for one day, every entry of one or more
lists as an official body published them. :func:`check_editions` folds the instruments
to that day and compares each list both ways, counting explicit listings only (listed
and temporary controls, not members of class rules nor substances covered as derivatives).
Every difference is an error at the edition's FILE:LINE naming the substance, unless the
edition records a cited exception for it; an exception that explains no difference is an
error too, so that stale exceptions do not linger.

It also checks what a list's ``coverage.edition`` says: the edition exists, states that
list, and dates from no later than the list's ``complete_from``.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from . import models as m
from .errors import RegistryError
from .loader import Located, RegistryData

if TYPE_CHECKING:
    from .engine import Index

__all__ = ["check_editions", "editions_of_list"]

_EXPLICIT = ("listed", "temporary")


def editions_of_list(data: RegistryData, list_id: str) -> tuple[m.Edition, ...]:
    """The editions that state ``list_id`` in full, oldest first."""
    return tuple(
        sorted((e for e in data.editions.values() if any(el.list == list_id for el in e.lists)), key=lambda e: (e.date, e.id))
    )


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def check_editions(data: RegistryData, index: Index) -> list[RegistryError]:
    """Every error of the editions of ``data`` against the compiled ``index``."""
    errors: list[RegistryError] = []

    def err(loc: Located, message: str, *sub: str | int) -> None:
        errors.append(RegistryError(loc.path, loc.line(*sub), message))

    def need(kind: str, ident: str, known: Mapping[str, Any], loc: Located, *sub: str | int) -> bool:
        if ident in known:
            return True
        err(loc, f"unknown {kind} {ident!r}{_suggest(ident, known)}", *sub)
        return False

    # Explicit listings per list: (substance, interval start, end, instrument).
    by_list: dict[str, list[tuple[str, _dt.date, _dt.date, str]]] = defaultdict(list)
    # Implicit holdings (class members, covered derivatives) only explain an error, they never match an entry.
    implicit: dict[tuple[str, str], list[tuple[_dt.date, _dt.date, str]]] = defaultdict(list)
    for sid, ivs in index.by_substance.items():
        for iv in ivs:
            if iv.basis in _EXPLICIT:
                by_list[iv.list_id].append((sid, iv.start, iv.end, iv.instrument))
            else:
                how = f"a member of class {iv.via}" if iv.basis == "class" else f"covered by the listing of {iv.via}"
                implicit[(iv.list_id, sid)].append((iv.start, iv.end, how))

    for eid in sorted(data.editions):
        ed = data.editions[eid]
        loc = data.locate("edition", eid)
        need("jurisdiction", ed.jurisdiction, data.jurisdictions, loc, "jurisdiction")
        need("source", ed.source.source, data.sources, loc, "source", "source")
        stated: dict[str, int] = {}
        for li, el in enumerate(ed.lists):
            if el.list in stated:
                err(loc, f"list {el.list!r} is stated twice in edition {eid!r} (first at lists[{stated[el.list]}])", "lists", li)
                continue
            stated[el.list] = li
            if (
                need("list", el.list, data.lists, loc, "lists", li, "list")
                and data.lists[el.list].jurisdiction != ed.jurisdiction
            ):
                err(
                    loc,
                    f"edition of {ed.jurisdiction} cannot state list {el.list!r} of another jurisdiction",
                    "lists",
                    li,
                    "list",
                )
        exceptions: dict[tuple[str, str], int] = {}
        for xi, ex in enumerate(ed.exceptions):
            if ex.list not in stated:
                err(loc, f"exception names list {ex.list!r}, which this edition does not state", "exceptions", xi, "list")
            need("substance", ex.substance, data.substances, loc, "exceptions", xi, "substance")
            for ri, ref in enumerate(ex.sources):
                need("source", ref.source, data.sources, loc, "exceptions", xi, "sources", ri, "source")
            if (ex.list, ex.substance) in exceptions:
                err(loc, f"two exceptions for {ex.substance!r} on {ex.list}", "exceptions", xi, "substance")
            exceptions[(ex.list, ex.substance)] = xi
        explained: set[tuple[str, str]] = set()
        for lid, li in stated.items():
            if lid not in data.lists:
                continue
            el = ed.lists[li]
            entries: dict[str, int] = {}
            for ei, entry in enumerate(el.entries):
                if not need("substance", entry.substance, data.substances, loc, "lists", li, "entries", ei, "substance"):
                    continue
                if entry.substance in entries:
                    err(loc, f"{entry.substance!r} is listed twice on {lid} in this edition", "lists", li, "entries", ei)
                    continue
                entries[entry.substance] = ei
            held: dict[str, str] = {}
            for sid, start, end, iid in by_list.get(lid, ()):
                if start <= ed.date < end:
                    held.setdefault(sid, iid)
            for sid, ei in entries.items():
                if sid in held:
                    continue
                if (lid, sid) in exceptions:
                    explained.add((lid, sid))
                    continue
                hows = sorted({how for start, end, how in implicit.get((lid, sid), ()) if start <= ed.date < end})
                held_as = f" (they hold it only as {' and '.join(hows)}, which editions do not compare)" if hows else ""
                err(
                    loc,
                    f"edition {eid!r} lists {sid!r} on {lid}, but the instruments folded to {ed.date} do not{held_as}; "
                    "encode the instrument that lists it (or an in-force-by edition instrument), "
                    "or record a cited exception",
                    "lists",
                    li,
                    "entries",
                    ei,
                    "substance",
                )
            for sid in sorted(set(held) - set(entries)):
                if (lid, sid) in exceptions:
                    explained.add((lid, sid))
                    continue
                err(
                    loc,
                    f"{sid!r} is on {lid} on {ed.date} by instrument {held[sid]!r}, but edition {eid!r} does not list it; "
                    "add it to the edition, correct the instruments, or record a cited exception",
                    "lists",
                    li,
                    "list",
                )
        for (lid, sid), xi in sorted(exceptions.items(), key=lambda kv: kv[1]):
            if (lid, sid) not in explained and lid in stated and sid in data.substances:
                err(
                    loc,
                    f"the exception for {sid!r} on {lid} explains no difference (edition and instruments agree); remove it",
                    "exceptions",
                    xi,
                )

    for lid, cl in data.lists.items():
        eid_ = cl.coverage.edition
        if eid_ is None:
            continue
        loc = data.locate("list", lid)
        if not need("edition", eid_, data.editions, loc, "coverage", "edition"):
            continue
        ed = data.editions[eid_]
        if not any(el.list == lid for el in ed.lists):
            err(loc, f"edition {eid_!r} does not state list {lid!r}, so it cannot back its coverage", "coverage", "edition")
        elif cl.coverage.complete_from is None or cl.coverage.complete_from < ed.date:
            err(
                loc,
                f"coverage.complete_from ({cl.coverage.complete_from}) must not precede the date of edition {eid_!r} "
                f"({ed.date}), which backs it",
                "coverage",
                "complete_from" if cl.coverage.complete_from is not None else "edition",
            )
    return errors
