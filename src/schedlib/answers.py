"""The answer types: small frozen objects with ``to_dict()`` for JSON.

Every answer carries the registry version and digest it was computed from.
"""

from __future__ import annotations

import datetime as _dt
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .index import Substance

__all__ = [
    "DAY_MARK",
    "Citation",
    "Diff",
    "Event",
    "FirstControl",
    "Gap",
    "GapEntry",
    "ListCoverage",
    "Reason",
    "SourceCitation",
    "Status",
    "StatusBody",
]

Reason = Literal["listed", "class", "never", "later", "removed", "expired", "not-covered", "class-possible", "uncertain"]
"""Why a substance is, or is not, controlled, or why the registry cannot say.

``controlled`` True: ``listed`` (named on a list in force) or ``class`` (covered by a
class rule or by the scope of another substance's listing; ``Status.via`` says which).

``controlled`` False: ``never`` (on no list, the registry's coverage of every relevant
list is complete for that date, and no class rule in force could cover it); ``later``
(controlled only from a later date, ``Status.next_change``); ``removed`` (removed on
``Status.ended_on``); ``expired`` (a temporary control lapsed on ``Status.ended_on``).

``controlled`` None (the registry cannot say): ``not-covered`` (on no list the registry
knows, but its data for some relevant list is incomplete for that date, or control is
known only to be in force by a later day); ``class-possible`` (a class rule in force may
cover the substance and the registry cannot decide; ``Status.via`` names the rule);
``uncertain`` (the day falls inside the window of an effective date known only to the
month).
"""


DAY_MARK = "\x00DAY\x00"
"""Stands for the queried date in an answer's stored explanation (`StatusBody.template`); NUL never occurs
in registry text (the loader refuses it)."""


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def substance_dict(s: Substance) -> dict[str, Any]:
    """The JSON form of a substance inside answers: id, name, families, CAS, Chinese names."""
    return {
        "id": s.id,
        "name": s.name,
        "families": list(s.families),
        "cas": list(s.identifiers.cas),
        "names_zh": [n.name for n in s.synonyms if n.lang.startswith("zh")],
    }


@dataclass(frozen=True, slots=True)
class SourceCitation:
    """A document that supports an instrument or a class membership."""

    id: str
    kind: Literal["primary", "secondary"]
    medium: str
    issuer: str
    title: str
    url: str | None
    locator: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "medium": self.medium,
            "issuer": self.issuer,
            "title": self.title,
            "url": self.url,
            "locator": self.locator,
        }


@dataclass(frozen=True, slots=True)
class Citation:
    """The legal instrument behind (part of) an answer.

    ``kind`` is ``primary`` when at least one of its sources is the official
    text, else ``secondary``. ``confidence`` is the registry's confidence in the
    instrument's facts; ``effective_confidence`` that of its effective date.
    """

    instrument: str
    jurisdiction: str
    title: str
    title_en: str | None
    number: str | None
    issuer: tuple[str, ...]
    url: str | None
    signed: str | None
    published: str | None
    effective: str
    effective_confidence: str
    confidence: str
    kind: Literal["primary", "secondary"]
    sources: tuple[SourceCitation, ...]
    role: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument,
            "jurisdiction": self.jurisdiction,
            "title": self.title,
            "title_en": self.title_en,
            "number": self.number,
            "issuer": list(self.issuer),
            "url": self.url,
            "signed": self.signed,
            "published": self.published,
            "effective": self.effective,
            "effective_confidence": self.effective_confidence,
            "confidence": self.confidence,
            "kind": self.kind,
            "role": self.role,
            "sources": [s.to_dict() for s in self.sources],
        }

    def short(self) -> str:
        """One line: number (or title), English title, effective date."""
        head = self.number or self.title
        title = self.title_en or self.title
        text = head if head == title else f"{head}, {title}"
        mark = "" if self.kind == "primary" else " [secondary source]"
        return f"{text} (effective {self.effective}){mark}"


@dataclass(frozen=True, slots=True)
class StatusBody:
    """Everything a [`Status`][schedlib.answers.Status] says apart from the day it was asked for.

    The answer for a substance in a jurisdiction is the same on every day between two days
    on which something about it changes, so the registry keeps one body per such stretch and
    each [`Status`][schedlib.answers.Status] only adds the day. ``template`` is the explanation with
    `DAY_MARK` where the day goes.
    """

    substance: Substance
    jurisdiction: str
    controlled: bool | None
    reason: Reason
    lists: tuple[str, ...]
    since: _dt.date | None
    next_change: _dt.date | None
    citations: tuple[Citation, ...]
    registry_version: str
    registry_digest: str
    regime: str | None = None
    since_exact: bool = True
    projected: bool = False
    since_kind: str | None = None
    via: str | None = None
    via_sources: tuple[SourceCitation, ...] = ()
    ended_on: _dt.date | None = None
    uncovered_lists: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    template: str = ""


_BODY_FIELDS = tuple(f for f in StatusBody.__dataclass_fields__ if f != "template")


class Status:
    """Whether a substance is controlled in a jurisdiction on a date, and why.

    Read-only. Attributes: ``substance``, ``jurisdiction``, ``on``, ``controlled``, ``reason``,
    ``lists``, ``since``, ``since_exact``, ``next_change``, ``citations``, ``registry_version``,
    ``registry_digest``, ``regime``, ``via``, ``via_sources``, ``ended_on``,
    ``uncovered_lists``, ``caveats``, ``notices``, ``explanation``, ``projected``.

    ``controlled`` is True, False or None (the registry cannot say; ``reason`` says why).
    ``bool(status)`` is ``status.controlled`` when that is True or False, and raises
    :class:`~schedlib.errors.IndeterminateStatusError` when it is None: test
    ``status.controlled is None``. ``since_exact`` is False when ``since`` is a lower bound
    (control was in force by then, start unknown); ``since_kind`` says how ``since`` is known:
    ``exact``, ``month`` (an effective date known only to the month: ``since`` is its first
    day), ``year`` or ``lower-bound`` (None when ``since`` is None). ``projected`` is True when ``on`` is after
    the registry's ``as_of`` day: the answer projects the law known then.
    """

    __slots__ = ("_body", "explanation", "on")

    substance: Substance
    jurisdiction: str
    on: _dt.date
    controlled: bool | None
    reason: Reason
    lists: tuple[str, ...]
    since: _dt.date | None
    next_change: _dt.date | None
    citations: tuple[Citation, ...]
    registry_version: str
    registry_digest: str
    regime: str | None
    since_exact: bool
    projected: bool
    since_kind: str | None
    via: str | None
    via_sources: tuple[SourceCitation, ...]
    ended_on: _dt.date | None
    uncovered_lists: tuple[str, ...]
    caveats: tuple[str, ...]
    notices: tuple[str, ...]
    explanation: str
    _body: StatusBody

    def __init__(
        self,
        substance: Substance,
        jurisdiction: str,
        on: _dt.date,
        controlled: bool | None,
        reason: Reason,
        lists: tuple[str, ...],
        since: _dt.date | None,
        next_change: _dt.date | None,
        citations: tuple[Citation, ...],
        registry_version: str,
        registry_digest: str,
        regime: str | None = None,
        via: str | None = None,
        via_sources: tuple[SourceCitation, ...] = (),
        ended_on: _dt.date | None = None,
        uncovered_lists: tuple[str, ...] = (),
        caveats: tuple[str, ...] = (),
        notices: tuple[str, ...] = (),
        explanation: str = "",
        since_exact: bool = True,
        projected: bool = False,
        since_kind: str | None = None,
    ) -> None:
        body = StatusBody(
            substance=substance,
            jurisdiction=jurisdiction,
            controlled=controlled,
            reason=reason,
            lists=lists,
            since=since,
            next_change=next_change,
            citations=citations,
            registry_version=registry_version,
            registry_digest=registry_digest,
            regime=regime,
            since_exact=since_exact,
            projected=projected,
            since_kind=since_kind,
            via=via,
            via_sources=via_sources,
            ended_on=ended_on,
            uncovered_lists=uncovered_lists,
            caveats=caveats,
            notices=notices,
            template=explanation,
        )
        _set_body(self, body)
        _set_on(self, on)
        _set_explanation(self, explanation)

    @classmethod
    def of(cls, body: StatusBody, on: _dt.date, day_text: str | None = None) -> Status:
        """The answer ``body`` gives on ``on`` (``day_text``, default ``on.isoformat()``, fills the template)."""
        self = object.__new__(cls)
        _set_body(self, body)
        _set_on(self, on)
        _set_explanation(self, body.template.replace(DAY_MARK, on.isoformat() if day_text is None else day_text))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Status is read-only (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Status is read-only (cannot delete {name!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Status):
            return NotImplemented
        return (self.on, self.explanation, self._body) == (other.on, other.explanation, other._body)

    def __hash__(self) -> int:
        return hash((self._body.substance.id, self._body.jurisdiction, self.on, self._body.reason, self._body.lists))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in ("on", *_BODY_FIELDS, "explanation"))
        return f"Status({fields})"

    def __bool__(self) -> bool:
        controlled = self.controlled
        if controlled is None:
            from .errors import IndeterminateStatusError

            raise IndeterminateStatusError(
                f"the registry cannot say whether {self.substance.name} is controlled in {self.jurisdiction} on {self.on}"
                f" ({self.reason}); an unknown answer has no truth value: test `status.controlled is None`"
                " (or `status.controlled is True`) instead of `bool(status)`"
            )
        return controlled

    def to_dict(self) -> dict[str, Any]:
        return {
            "substance": substance_dict(self.substance),
            "jurisdiction": self.jurisdiction,
            "on": self.on.isoformat(),
            "regime": self.regime,
            "controlled": self.controlled,
            "reason": self.reason,
            "lists": list(self.lists),
            "since": _iso(self.since),
            "since_exact": self.since_exact,
            "since_kind": self.since_kind,
            "projected": self.projected,
            "next_change": _iso(self.next_change),
            "ended_on": _iso(self.ended_on),
            "via": self.via,
            "via_sources": [s.to_dict() for s in self.via_sources],
            "uncovered_lists": list(self.uncovered_lists),
            "caveats": list(self.caveats),
            "notices": list(self.notices),
            "explanation": self.explanation,
            "citations": [c.to_dict() for c in self.citations],
            "registry_version": self.registry_version,
            "registry_digest": self.registry_digest,
        }


_set_body = Status.__dict__["_body"].__set__
_set_on = Status.__dict__["on"].__set__
_set_explanation = Status.__dict__["explanation"].__set__
for _name in _BODY_FIELDS:  # read-only views of the body, as fast as plain attributes (C-level getters)
    setattr(Status, _name, property(operator.attrgetter(f"_body.{_name}")))
del _name


class GapEntry:
    """A substance controlled where the gap asks (``present``) and not elsewhere (``absent``).

    ``present``/``absent`` are the statuses in the first jurisdiction of each side;
    ``presences``/``absences`` map every jurisdiction of each side to its status.

    The statuses are worked out when first read, not when the gap is computed: which substances
    are in the gap is decided from the compiled intervals, and a large gap whose entries are only
    counted or listed by name does not pay for thousands of cited answers. Entries are read-only.
    """

    __slots__ = ("_absences", "_ctx", "_presences", "substance")

    substance: Substance
    _ctx: tuple[tuple[str, ...], tuple[str, ...], Callable[[Substance, str], Status]]
    _presences: dict[str, Status]
    _absences: dict[str, Status]

    def __init__(
        self,
        substance: Substance,
        ctx: tuple[tuple[str, ...], tuple[str, ...], Callable[[Substance, str], Status]],
    ) -> None:
        """``ctx`` is (controlled_in, not_in, ``make``); ``make(substance, j)`` answers the status in ``j`` on the gap's day.

        One ``ctx`` is shared by every entry of a gap.
        """
        _set_entry_substance(self, substance)
        _set_entry_ctx(self, ctx)

    @classmethod
    def of(
        cls, substance: Substance, ctx: tuple[tuple[str, ...], tuple[str, ...], Callable[[Substance, str], Status]]
    ) -> GapEntry:
        """Same as ``GapEntry(substance, ctx)``, quicker (a gap may hold thousands of entries)."""
        self = object.__new__(cls)
        _set_entry_substance(self, substance)
        _set_entry_ctx(self, ctx)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"GapEntry is read-only (cannot set {name!r})")

    @property
    def presences(self) -> dict[str, Status]:
        """Status in every jurisdiction of ``controlled_in`` (each controlled)."""
        return self._side("_presences", self._ctx[0])

    @property
    def absences(self) -> dict[str, Status]:
        """Status in every jurisdiction of ``not_in`` (each not controlled, with its reason)."""
        return self._side("_absences", self._ctx[1])

    def _side(self, slot: str, jurisdictions: tuple[str, ...]) -> dict[str, Status]:
        """The statuses in ``jurisdictions`` (one side of the gap), worked out on first read and kept in ``slot``."""
        try:
            got: dict[str, Status] = getattr(self, slot)
        except AttributeError:  # not read yet
            make = self._ctx[2]
            got = {j: make(self.substance, j) for j in jurisdictions}
            object.__setattr__(self, slot, got)
        return dict(got)

    @property
    def present(self) -> Status:
        """Status in the first jurisdiction of ``controlled_in``."""
        return self.presences[self._ctx[0][0]]

    @property
    def absent(self) -> Status:
        """Status in the first jurisdiction of ``not_in``."""
        return self.absences[self._ctx[1][0]]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GapEntry):
            return NotImplemented
        return (self.substance, self.presences, self.absences) == (other.substance, other.presences, other.absences)

    def __hash__(self) -> int:
        return hash((self.substance.id, self._ctx[0], self._ctx[1]))

    def __repr__(self) -> str:
        return f"GapEntry({self.substance.id!r}, controlled_in={self._ctx[0]}, not_in={self._ctx[1]})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "substance": substance_dict(self.substance),
            "present": self.present.to_dict(),
            "absent": self.absent.to_dict(),
            "presences": {j: s.to_dict() for j, s in self.presences.items()},
            "absences": {j: s.to_dict() for j, s in self.absences.items()},
        }


_set_entry_substance = GapEntry.__dict__["substance"].__set__
_set_entry_ctx = GapEntry.__dict__["_ctx"].__set__


@dataclass(frozen=True, slots=True)
class Gap:
    """Substances controlled in every jurisdiction of ``controlled_in`` and in none of ``not_in`` on ``on``.

    "In none of" means not known to be controlled there: each entry's absences are False (not
    controlled, with a reason) or None (the registry cannot say). :attr:`certain` holds the entries
    absent for certain from every jurisdiction of ``not_in``; :attr:`unknown` the others.
    ``len(gap)`` counts both.
    """

    controlled_in: tuple[str, ...]
    not_in: tuple[str, ...]
    on: _dt.date
    entries: tuple[GapEntry, ...]
    registry_version: str
    registry_digest: str
    regime: str | None = None
    family: str | None = None

    def __iter__(self) -> Iterator[GapEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, item: object) -> bool:
        return any(item in (e.substance.id, e.substance.name) for e in self.entries)

    def ids(self) -> frozenset[str]:
        return frozenset(e.substance.id for e in self.entries)

    @property
    def certain(self) -> tuple[GapEntry, ...]:
        """Entries not controlled (``controlled is False``) in every jurisdiction of ``not_in``."""
        return tuple(e for e in self.entries if all(st.controlled is False for st in e.absences.values()))

    @property
    def unknown(self) -> tuple[GapEntry, ...]:
        """Entries whose control the registry cannot say (``controlled is None``) in some jurisdiction of ``not_in``."""
        return tuple(e for e in self.entries if any(st.controlled is None for st in e.absences.values()))

    def by_reason(self, jurisdiction: str | None = None) -> dict[str, int]:
        """Count of entries per reason of absence in ``jurisdiction`` (default: the first of ``not_in``)."""
        j = jurisdiction or self.not_in[0]
        counts: dict[str, int] = {}
        for e in self.entries:
            reason = e.absences[j].reason if j in e.absences else e.absent.reason
            counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "controlled_in": list(self.controlled_in),
            "not_in": list(self.not_in),
            "on": self.on.isoformat(),
            "regime": self.regime,
            "family": self.family,
            "count": len(self.entries),
            "certain_count": len(self.certain),
            "unknown_count": len(self.unknown),
            "by_reason": {j: self.by_reason(j) for j in self.not_in},
            "entries": [e.to_dict() for e in self.entries],
            "registry_version": self.registry_version,
            "registry_digest": self.registry_digest,
        }


@dataclass(frozen=True, slots=True)
class ListCoverage:
    """What the registry knows completely about one control list on one day.

    ``complete`` is True when, on ``on``, the registry holds every entry of the list within its
    scope (``families`` and ``substances``; every substance when both are None); a substance
    outside that scope, or any substance on a day when ``complete`` is False, that is absent from
    the list answers "not covered" (unknown), never "not controlled".
    """

    list_id: str
    jurisdiction: str
    name: str
    regime: str
    on: _dt.date
    complete: bool
    complete_from: _dt.date | None
    established: _dt.date | None
    families: tuple[str, ...] | None
    substances: tuple[str, ...] | None
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_id,
            "jurisdiction": self.jurisdiction,
            "name": self.name,
            "regime": self.regime,
            "on": self.on.isoformat(),
            "complete": self.complete,
            "complete_from": _iso(self.complete_from),
            "established": _iso(self.established),
            "families": None if self.families is None else list(self.families),
            "substances": None if self.substances is None else list(self.substances),
            "note": self.note,
        }


EventKind = Literal["added", "temporary", "extended", "moved", "removed", "expired", "in-force-by"]


@dataclass(frozen=True, slots=True)
class Event:
    """One dated change in a substance's control, with the instrument that made it.

    ``kind`` ``moved`` is a transfer between two lists of one jurisdiction
    (``from_list`` → ``list``): control continues without a gap. ``kind``
    ``in-force-by`` is not a change: evidence (a consolidated list, a snapshot) that
    control was in force by ``date``, start unknown; `Registry.diff` leaves it out.
    ``projected`` is True for an event after the registry's ``as_of`` day (e.g. a scheduled expiry).
    """

    date: _dt.date
    jurisdiction: str
    substance: Substance
    kind: EventKind
    list: str
    basis: str
    citation: Citation
    from_list: str | None = None
    via: str | None = None
    expires: _dt.date | None = None
    note: str = ""
    projected: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "projected": self.projected,
            "jurisdiction": self.jurisdiction,
            "substance": substance_dict(self.substance),
            "kind": self.kind,
            "list": self.list,
            "from_list": self.from_list,
            "basis": self.basis,
            "via": self.via,
            "expires": _iso(self.expires),
            "note": self.note,
            "citation": self.citation.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Diff:
    """What changed in a jurisdiction between ``start`` (exclusive) and ``end`` (inclusive).

    ``added``/``removed`` compare the controlled sets on the two dates;
    ``events`` lists every dated change in between, moves included. ``in_force_by`` holds
    the substances controlled on ``end`` whose control the registry knows only from
    evidence dated in between (start unknown): they are not counted as added.
    """

    jurisdiction: str
    start: _dt.date
    end: _dt.date
    added: tuple[Substance, ...]
    removed: tuple[Substance, ...]
    events: tuple[Event, ...]
    registry_version: str
    registry_digest: str
    regime: str | None = None
    citations: tuple[Citation, ...] = field(default=())
    in_force_by: tuple[Substance, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "regime": self.regime,
            "added": [substance_dict(s) for s in self.added],
            "removed": [substance_dict(s) for s in self.removed],
            "in_force_by": [substance_dict(s) for s in self.in_force_by],
            "events": [e.to_dict() for e in self.events],
            "registry_version": self.registry_version,
            "registry_digest": self.registry_digest,
        }


@dataclass(frozen=True, slots=True)
class FirstControl:
    """When a jurisdiction first controlled a substance, as far as the registry knows.

    ``since`` is the first day of the earliest control the registry holds (None if none);
    ``exact`` is False when the registry's coverage does not reach the day before, so an
    earlier control is possible ("controlled at least since"). ``status`` is the status on
    ``since`` (or today, when never controlled), with its citations.
    """

    substance: Substance
    jurisdiction: str
    since: _dt.date | None
    exact: bool
    status: Status

    def to_dict(self) -> dict[str, Any]:
        return {
            "substance": substance_dict(self.substance),
            "jurisdiction": self.jurisdiction,
            "since": _iso(self.since),
            "exact": self.exact,
            "status": self.status.to_dict(),
        }
