"""The [`Registry`][schedlib.registry.Registry]: a loaded, compiled registry and the questions it answers."""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
import gc
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from . import index as ix
from .answers import (
    DAY_MARK,
    Citation,
    Diff,
    Event,
    FirstControl,
    Gap,
    GapEntry,
    ListCoverage,
    Reason,
    SourceCitation,
    Status,
    StatusBody,
)
from .dates import parse_date
from .errors import (
    AmbiguousNameError,
    InvalidQueryError,
    RegistryError,
    RegistryValidationError,
    SchedlibError,
    UnknownJurisdictionError,
    UnknownListError,
    UnknownSubstanceError,
)
from .index import FOREVER, Compiled, Index, Interval
from .names import Resolved, normalize_name, salt_base

if TYPE_CHECKING:
    from . import models as m
    from .loader import RegistryData

__all__ = ["DateLike", "Registry", "normalize_name"]

DateLike = _dt.date | str
RegimeArg = Literal["drug", "precursor", "export"] | None

_REGIMES = ("drug", "precursor", "export")


_DEFAULT_REGIMES = frozenset(("drug", "precursor"))
_CAS_LIKE = re.compile(r"^\d{2,7}-?\d{2}-?\d$")
_MAX_BODIES = 200_000
"""Answer bodies kept per registry (one per substance, jurisdiction and stretch asked about; oldest dropped first)."""


def _regimes(regime: str | None) -> frozenset[str]:
    if regime is None:
        return _DEFAULT_REGIMES
    if regime not in _REGIMES:
        raise InvalidQueryError(f"unknown regime {regime!r}; use one of {', '.join(_REGIMES)} (or none for drug+precursor)")
    return frozenset((regime,))


class Registry:
    """A validated, compiled registry.

    Build one with [`schedlib.load`][schedlib.load] or [`Registry.from_path`][schedlib.registry.Registry.from_path]. All
    mappings are read-only; all answers are immutable and carry
    [`version`][schedlib.registry.Registry.version] and [`digest`][schedlib.registry.Registry.digest].
    """

    def __init__(self, data: Compiled | RegistryData, index: Index | None = None, names: dict[str, set[str]] | None = None) -> None:
        """A registry answering from a compiled index, or from validated models and their folded ``index``
        (the index is then built from them, see `schedlib.builder`)."""
        models: RegistryData | None = None
        if not isinstance(data, Compiled):
            from .builder import build

            if index is None:
                raise TypeError("Registry(data, index): the folded index of the models is needed")
            models = data
            data = build(models, index, names)
        self._compiled = data
        self._models = models
        self._models_lock = threading.Lock()
        index = data.index
        self._index = index
        self.version: str = data.info.version
        """Registry release string (``registry.yaml``)."""
        self.digest: str = data.digest
        """sha256 of the registry's files (paths and contents); the same on every machine."""
        self.root: Path = Path(data.root)
        self.info: ix.Info = data.info
        """``registry.yaml``: ``name``, ``version``, ``description``, ``as_of``, ``license``."""
        self.as_of: _dt.date | None = data.info.as_of
        """The day up to which the registry's sources were checked (``registry.yaml``); later answers are projections."""
        self._subs = data.substances
        self._lists = data.lists
        self._instruments = data.instruments
        self._jurs = data.jurisdictions
        self._classes = data.classes
        self._sources = data.sources
        self._families = data.families
        self._names: dict[str, set[str]] = data.names
        self._salt_cas: dict[str, str] = data.salt_cas
        self._jurisdiction_names: dict[str, str] = data.jurisdiction_names
        self._successors: dict[str, tuple[str, ...]] = {}  # in the order of the lists (``lineage``)
        for lid, cl in data.lists.items():
            for prev in cl.replaces:
                self._successors[prev] = (*self._successors.get(prev, ()), lid)
        if models is not None:
            self._with_successors(models)
        self._citations: dict[tuple[str, str], Citation] = {}
        by_sj: dict[tuple[str, str], list[Interval]] = {}
        for sid, ivs in index.by_substance.items():
            for iv in ivs:
                by_sj.setdefault((sid, iv.jurisdiction), []).append(iv)
        self._by_sj: dict[tuple[str, str], tuple[Interval, ...]] = {k: tuple(v) for k, v in by_sj.items()}
        self._segments: dict[tuple[str, str, frozenset[str]], tuple[list[_dt.date], list[_dt.date]]] = {}
        self._positive: dict[tuple[int, ...], tuple[Any, ...]] = {}  # keyed by covering intervals and extensions in force
        self._name_keys: dict[str, tuple[str, str]] | None = None
        self._spans_by_j: dict[tuple[str, frozenset[str]], tuple[list[_dt.date], list[Any]]] = {}
        self._controlled_memo: dict[tuple[str, frozenset[str], int], frozenset[str]] = {}
        self._memo_lock = threading.Lock()
        self._answer_days: dict[tuple[str, str, frozenset[str]], list[_dt.date]] = {}
        self._coverage_days: dict[tuple[str, frozenset[str]], set[_dt.date]] = {}
        self._bodies: dict[tuple[tuple[str, str, frozenset[str]], str | None, int], StatusBody] = {}
        self._lists_by_j: dict[tuple[str, frozenset[str]], list[ix.ControlList]] = {}
        self._rules_by_j: dict[tuple[str, frozenset[str]], list[tuple[str, Interval]]] = {}

    # ------------------------------------------------------------------ construction

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], cache: bool = True) -> Registry:
        """Load, validate and compile the registry at ``path``.

        With ``cache`` (the default), a compiled copy keyed by the registry's digest is read from
        and written to the cache directory (see `schedlib.cache`); a corrupt or foreign cache
        file is ignored and rebuilt. Raises [`RegistryValidationError`][schedlib.errors.RegistryValidationError] listing every error found.
        """
        if cache and os.path.isdir(path):
            from .cache import load_cached
            from .files import digest_of

            hit = load_cached(digest_of(path, remembered=True))
            if hit is not None:
                hit.root = str(path)
                return cls(hit)
        from .engine import compile_registry
        from .loader import read_registry

        # Loading builds many small objects that are never garbage: pausing the cyclic collector
        # meanwhile cuts load time by a third or more (measured in benchmarks/run.py).
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            data, errors = read_registry(path)
            if data is None or errors:
                raise RegistryValidationError(errors or [RegistryError(str(path), 0, "registry could not be read")])
            index, fold_errors = compile_registry(data)
            if fold_errors:
                raise RegistryValidationError(fold_errors)
            reg = cls(data, index)
        finally:
            if was_enabled:
                gc.enable()
        if cache:
            from .cache import store

            store(reg._compiled, data)
        return reg

    # ------------------------------------------------------------------ the schema models, on demand

    def _load_models(self) -> RegistryData:
        """The validated models this registry was compiled from: from the cache, else read again from its files."""
        models = self._models
        if models is not None:
            return models
        with self._models_lock:
            if self._models is None:
                from .cache import load_models

                got = load_models(self.digest)
                if got is None:
                    from .loader import read_registry

                    got, errors = read_registry(self.root)
                    if got is None or errors:
                        raise RegistryValidationError(errors or [RegistryError(str(self.root), 0, "registry could not be read")])
                    if got.digest != self.digest:
                        raise RegistryValidationError(
                            [RegistryError(str(self.root), 0, "the registry's files changed since it was loaded; load it again")]
                        )
                got.root = self.root
                self._models = self._with_successors(got)
            return self._models

    def _with_successors(self, models: RegistryData) -> RegistryData:
        """``models`` with each list's ``successors`` (the lists that name it in ``replaces``) set."""
        for lid, succ in self._successors.items():
            if lid in models.lists:
                models.lists[lid]._successors = tuple(sorted(succ))
        return models

    @property
    def _data(self) -> RegistryData:
        return self._load_models()

    @property
    def substances(self) -> Mapping[str, m.Substance]:
        """Substances by id, as validated schema models (read on first use; answers hold index records)."""
        return MappingProxyType(self._load_models().substances)

    @property
    def lists(self) -> Mapping[str, m.ControlList]:
        """Control lists by id (schema models, read on first use)."""
        return MappingProxyType(self._load_models().lists)

    @property
    def instruments(self) -> Mapping[str, m.Instrument]:
        """Instruments by id (schema models, read on first use)."""
        return MappingProxyType(self._load_models().instruments)

    @property
    def jurisdictions(self) -> Mapping[str, m.Jurisdiction]:
        """Jurisdictions by code (schema models, read on first use)."""
        return MappingProxyType(self._load_models().jurisdictions)

    @property
    def classes(self) -> Mapping[str, m.ClassRule]:
        """Class rules by id (schema models, read on first use)."""
        return MappingProxyType(self._load_models().classes)

    @property
    def sources(self) -> Mapping[str, m.Source]:
        """Sources by id (schema models, read on first use)."""
        return MappingProxyType(self._load_models().sources)

    @property
    def families(self) -> Mapping[str, m.Family]:
        """Chemical families by id (schema models, read on first use)."""
        return MappingProxyType(self._load_models().families)

    @property
    def editions(self) -> Mapping[str, m.Edition]:
        """Official consolidated lists (editions) by id, each reconciled with the instruments by validate."""
        return MappingProxyType(self._load_models().editions)

    def __repr__(self) -> str:
        return (
            f"<Registry {self.info.name} {self.version} ({len(self._subs)} substances, "
            f"{len(self._instruments)} instruments) digest {self.digest[:12]}>"
        )

    # ------------------------------------------------------------------ lookups

    def find(self, name: str) -> ix.Substance:
        """Find a substance by id, any name or synonym (any language), CAS RN, InChIKey, UNII or DEA code.

        Matching ignores case, spaces, hyphens, commas and invisible characters, and reads
        traditional Chinese characters as simplified. A salt or hydrate of a known substance
        (``fentanyl citrate``, ``盐酸吗啡``, a salt's CAS RN) finds the base: [`resolve`][schedlib.registry.Registry.resolve]
        says when that happened.

        Args:
            name: an id, a name in any language, or an identifier.

        Returns:
            The one substance that the name or identifier belongs to.

        Raises:
            UnknownSubstanceError: no substance has that name (with ``suggestions``).
            AmbiguousNameError: several substances have it (with ``candidates``).
        """
        return self.resolve(name).substance

    def resolve(self, name: str) -> Resolved:
        """Like `find`, and say how the name was understood (``form`` is set for a salt or hydrate)."""
        if not isinstance(name, str) or not name.strip():
            raise UnknownSubstanceError(str(name), ())
        key = normalize_name(name)
        hits = self._names.get(key)
        if hits is None:
            base = salt_base(name, self._names, self._salt_cas)
            if base is not None:
                return Resolved(name, self._subs[base[0]], base[1])
            raise UnknownSubstanceError(name, self._suggest(key))
        if len(hits) > 1:
            raise AmbiguousNameError(name, sorted(hits))
        return Resolved(name, self._subs[next(iter(hits))])

    def _suggest(self, key: str) -> list[str]:
        if len(key) > 200 or _CAS_LIKE.match(key):  # nothing is that long; a number is not "close" to another
            return []
        close = difflib.get_close_matches(key, list(self._names), n=5, cutoff=0.75)
        if not close and len(key) >= 4:
            close = [k for k in self._names if key in k][:5]
        out: list[str] = []
        for k in close:
            for sid in sorted(self._names[k]):
                name = self._subs[sid].name
                if name not in out:
                    out.append(name)
        return out[:5]

    def _jurisdiction(self, code: str) -> str:
        """A jurisdiction's code from its code or any of its names (``China``, ``usa``, ``Mexique``)."""
        if not isinstance(code, str):
            raise UnknownJurisdictionError(str(code), sorted(self._jurs))
        if code in self._jurs:
            return code
        upper = code.strip().upper()
        if upper in self._jurs:
            return upper
        hit = self._jurisdiction_names.get(normalize_name(code))
        if hit is not None:
            return hit
        close = difflib.get_close_matches(upper, list(self._jurs), n=3) if len(upper) < 100 else []
        raise UnknownJurisdictionError(code, sorted(self._jurs), close)

    def _substance(self, name: str | ix.Substance | m.Substance) -> ix.Substance:
        """The record of a substance named by a string, or given as a record or a schema model (by its id)."""
        if isinstance(name, str):
            return self.find(name)
        sid = getattr(name, "id", None)
        if isinstance(sid, str):
            sub = self._subs.get(sid)
            if sub is None:
                raise UnknownSubstanceError(sid)
            return sub
        return self.find(name)  # type: ignore[arg-type]  # not a name: raises UnknownSubstanceError

    def lineage(self, list_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(predecessors, successors) of a control list."""
        if list_id not in self._lists:
            raise UnknownListError(list_id, difflib.get_close_matches(list_id, list(self._lists), n=3))
        return self._lists[list_id].replaces, self._successors.get(list_id, ())

    def lists_of(self, jurisdiction: str, regime: str | None = None) -> tuple[ix.ControlList, ...]:
        """The control lists of a jurisdiction (optionally of one regime), by id."""
        j = self._jurisdiction(jurisdiction)
        regimes = _regimes(regime) if regime is not None else frozenset(_REGIMES)
        return tuple(
            sorted((cl for cl in self._lists.values() if cl.jurisdiction == j and cl.regime in regimes), key=lambda c: c.id)
        )

    # ------------------------------------------------------------------ citations

    def cite_instrument(self, instrument_id: str, role: str = "") -> Citation:
        """The [`Citation`][schedlib.answers.Citation] of one instrument."""
        cached = self._citations.get((instrument_id, role))
        if cached is not None:
            return cached
        inst = self._instruments[instrument_id]
        sources = tuple(self._source_citation(r) for r in inst.sources)
        cit = Citation(
            instrument=inst.id,
            jurisdiction=inst.jurisdiction,
            title=inst.title,
            title_en=inst.title_en,
            number=inst.number,
            issuer=inst.issuer,
            url=inst.url,
            signed=inst.signed,
            published=inst.published,
            effective=inst.effective,
            effective_confidence=inst.effective_confidence,
            confidence=inst.confidence,
            kind="primary" if any(s.kind == "primary" for s in sources) else "secondary",
            sources=sources,
            role=role,
        )
        self._citations[(instrument_id, role)] = cit
        return cit

    def _source_citation(self, ref: ix.SourceRef) -> SourceCitation:
        src = self._sources[ref.source]
        return SourceCitation(
            id=src.id,
            kind=src.kind,  # type: ignore[arg-type]
            medium=src.medium,
            issuer=src.issuer,
            title=src.title_en or src.title,
            url=src.url,
            locator=ref.locator,
        )

    def _extensions_by(self, iv: Interval, day: _dt.date | None) -> tuple[str, ...]:
        """The extensions of ``iv`` in force by ``day`` (all of them when ``day`` is None): later ones are not cited."""
        if day is None or not iv.extended_by:
            return iv.extended_by
        return tuple(e for e in iv.extended_by if (self._instruments[e].effective_day or day) <= day)

    def _interval_citations(
        self, ivs: Iterable[Interval], ended: bool = False, day: _dt.date | None = None
    ) -> tuple[Citation, ...]:
        out: list[Citation] = []
        seen: set[str] = set()
        for iv in ivs:
            pairs: list[tuple[str, str]] = [(iv.instrument, _start_role(iv))]
            pairs += [(e, "extended") for e in self._extensions_by(iv, day)]
            if iv.cites_also:
                pairs.append((iv.cites_also, "incorporated"))
            if ended and iv.ended_by:
                pairs.append((iv.ended_by, iv.end_kind))
            for iid, role in pairs:
                if iid not in seen:
                    seen.add(iid)
                    out.append(self.cite_instrument(iid, role))
        return tuple(out)

    def _via_sources(self, iv: Interval) -> tuple[SourceCitation, ...]:
        if iv.basis != "class" or iv.via is None:
            return ()
        rule = self._classes[iv.via]
        for mem in rule.members:
            if mem.substance == iv.substance:
                return tuple(self._source_citation(r) for r in mem.sources)
        return ()

    # ------------------------------------------------------------------ status

    def status(
        self,
        substance: str | ix.Substance | m.Substance,
        jurisdiction: str,
        on: DateLike,
        regime: RegimeArg = None,
    ) -> Status:
        """Is ``substance`` controlled in ``jurisdiction`` on ``on``, and why (or why not)?

        ``regime`` narrows to ``drug``, ``precursor`` or ``export`` lists; by
        default drug and precursor lists count and export-licensing lists do not.
        """
        sub = self._substance(substance)
        j = self._jurisdiction(jurisdiction)
        day = parse_date(on, what="on")
        return self._status(sub, j, day, _regimes(regime), regime)

    def _status(self, sub: ix.Substance, j: str, day: _dt.date, regimes: frozenset[str], regime: str | None) -> Status:
        """The answer on ``day``, from the body of its stretch (worked out once per stretch; see `_answer_days`)."""
        sj = (sub.id, j, regimes)
        days = self._answer_days.get(sj)
        if days is None:
            days = self._days_of(sub.id, j, regimes)
            self._answer_days[sj] = days
        key = (sj, regime, bisect.bisect_right(days, day))
        body = self._bodies.get(key)
        if body is None:
            body = self._status_body(sub, j, day, regimes, regime)
            self._keep(self._bodies, key, body, _MAX_BODIES)
        return Status.of(body, day)

    def _keep(self, memo: dict[Any, Any], key: Any, value: Any, cap: int) -> None:
        """Keep ``value`` in ``memo``, dropping the oldest entries beyond ``cap``."""
        with self._memo_lock:
            while len(memo) >= cap:
                del memo[next(iter(memo))]
            memo[key] = value

    def _status_body(self, sub: ix.Substance, j: str, day: _dt.date, regimes: frozenset[str], regime: str | None) -> StatusBody:
        """What the answer on ``day`` says, with `DAY_MARK` for the day in its explanation.

        In order: controlled (a certain interval covers the day); ``uncertain`` (only an interval in the
        window of an imprecise date does); ``class-possible`` (a class rule in force may cover the
        substance); ``not-covered`` before a lower-bound start; then ``removed``/``expired``, ``later``,
        ``not-covered`` and ``never``, which needs every list and class rule ruled out.
        """
        sub = self._subs[sub.id]  # the record, also when a schema model was passed
        ivs = [iv for iv in self._by_sj.get((sub.id, j), ()) if iv.regime in regimes]
        projected = self.as_of is not None and day > self.as_of
        body = partial(
            StatusBody,
            substance=sub,
            jurisdiction=j,
            regime=regime,
            registry_version=self.version,
            registry_digest=self.digest,
            projected=projected,
        )
        tail = f" (projected from the law known on {self.as_of})" if projected else ""
        where = j if regime is None else f"{j} ({regime} lists)"
        covering = [iv for iv in ivs if iv.start <= day < iv.end]
        certain = [iv for iv in covering if iv.start_certain is None or day >= iv.start_certain]
        named = [iv for iv in certain if iv.basis in ("listed", "temporary")]
        effective = named + [iv for iv in certain if iv.basis in ("class", "derivative") and not (iv.yields_to_named and named)]
        if effective:
            since, until, since_exact, precision = self._since(sub.id, j, regimes, day)
            reason: Reason = "listed" if named else "class"
            key = (*map(id, effective), *(len(self._extensions_by(iv, day)) for iv in effective if iv.extended_by))
            parts = self._positive.get(key)
            if parts is None:
                parts = self._positive_parts(effective, named, day)
                self._positive[key] = parts
            lists, caveats, citations, via, via_sources, via_text, notices = parts
            if not since_exact:
                start_text = f"in force by {since} (start unknown)"
            elif precision == "month":
                start_text = f"since {since:%Y-%m} (day not known)"
            else:
                start_text = f"since {since}"
            end_text = ""
            if until:
                scheduled = self.as_of is not None and until > self.as_of
                end_text = f", until {until}" + (" (scheduled)" if scheduled else "")
            expl = f"{sub.name} is controlled in {where} on {DAY_MARK} ({via_text}; {', '.join(lists)}), {start_text}{end_text}"
            return body(
                controlled=True,
                notices=notices,
                reason=reason,
                lists=lists,
                since=since,
                since_exact=since_exact,
                since_kind="lower-bound" if not since_exact else ("exact" if precision == "day" else precision),
                next_change=until,
                citations=citations,
                via=via,
                via_sources=via_sources,
                caveats=caveats,
                template=expl + tail,
            )
        windows = [iv for iv in covering if iv not in certain] + [
            iv for iv in ivs if iv.end <= day and iv.end_certain is not None and day < iv.end_certain
        ]
        if windows:
            settles = min((iv.start_certain or iv.end_certain or day) for iv in windows)
            what = ", ".join(
                sorted({f"{iv.instrument} ({'starts' if iv.start <= day < iv.end else 'ends'} {iv.list_id})" for iv in windows})
            )
            expl = (
                f"{sub.name}: the registry cannot say whether it is controlled in {where} on {DAY_MARK}: the day falls "
                f"inside the window of an effective date known only to the month ({what}); the answer is certain from {settles}"
            )
            return body(
                controlled=None,
                reason="uncertain",
                lists=(),
                since=None,
                next_change=settles,
                citations=self._interval_citations(windows, ended=True),
                caveats=tuple(dict.fromkeys(c for iv in windows for c in iv.caveats)),
                template=expl + tail,
            )
        possible = self._possible_classes(sub, j, day, regimes)
        if possible:
            rule_ivs = [iv for cid in possible for iv in self._index.class_intervals[cid] if iv.start <= day < iv.end]
            names = "; ".join(f"{cid} ({self._classes[cid].name})" for cid in possible)
            expl = (
                f"{sub.name} is on no list of {where} by name on {DAY_MARK}, but a class rule in force there may cover it "
                f"and the registry cannot decide (not a curated member; no structural reading applied): {names}"
            )
            return body(
                controlled=None,
                reason="class-possible",
                lists=(),
                since=None,
                next_change=None,
                via=possible[0],
                citations=self._interval_citations(rule_ivs, day=day),
                template=expl + tail,
            )
        past = [iv for iv in ivs if iv.end <= day]
        future = [iv for iv in ivs if iv.start > day]
        next_start = min((iv.start for iv in future), default=None)
        first = [iv for iv in future if iv.start == next_start]
        first_lists = ", ".join(sorted({iv.list_id for iv in first}))
        if first and not all(iv.since_exact for iv in first):
            # Evidence says control was in force by next_start, not when it began: it may already be.
            gaps = self._uncovered(sub, j, day, regimes)
            expl = (
                f"{sub.name}: the registry holds evidence that it was controlled in {where} by {next_start} "
                f"({first_lists}), start unknown, so it cannot say whether it was controlled on {DAY_MARK}"
            )
            return body(
                controlled=None,
                reason="not-covered",
                lists=(),
                since=None,
                next_change=None,
                citations=self._interval_citations(first),
                uncovered_lists=tuple(sorted(set(gaps) | {iv.list_id for iv in first if not iv.since_exact})),
                caveats=tuple(dict.fromkeys(c for iv in first for c in iv.caveats)),
                template=expl + tail,
            )
        if past:
            last_end = max(iv.end for iv in past)
            last = [iv for iv in past if iv.end == last_end]
            kind: Reason = "expired" if all(iv.end_kind == "expired" for iv in last) else "removed"
            if kind == "expired" and self.as_of is not None and last_end > self.as_of:
                what = f"its temporary control is scheduled to expire on {last_end}"
            elif kind == "expired":
                what = f"its temporary control expired on {last_end}"
            else:
                what = f"removed on {last_end}"
            expl = f"{sub.name} is not controlled in {where} on {DAY_MARK}: {what}"
            if next_start:
                expl += f"; controlled again from {next_start}"
            return body(
                controlled=False,
                reason=kind,
                lists=(),
                since=None,
                next_change=next_start,
                citations=self._interval_citations(last, ended=True),
                ended_on=last_end,
                caveats=tuple(dict.fromkeys(c for iv in last for c in iv.caveats)),
                template=expl + tail,
            )
        if future:
            gaps = self._uncovered(sub, j, day, regimes)
            if gaps:
                expl = (
                    f"{sub.name}: the registry's data for {', '.join(gaps)} is not complete on {DAY_MARK}, so it cannot say "
                    f"whether it was controlled in {where} then; the first control it records starts {next_start} ({first_lists})"
                )
                return body(
                    controlled=None,
                    reason="not-covered",
                    lists=(),
                    since=None,
                    next_change=next_start,
                    citations=self._interval_citations(first),
                    uncovered_lists=gaps,
                    caveats=tuple(dict.fromkeys(c for iv in first for c in iv.caveats)),
                    template=expl + tail,
                )
            when = f"{next_start:%Y-%m} (day not known)" if all(iv.start_certain for iv in first) else str(next_start)
            expl = f"{sub.name} is not controlled in {where} on {DAY_MARK}: listed only later, from {when} ({first_lists})"
            return body(
                controlled=False,
                reason="later",
                lists=(),
                since=None,
                next_change=next_start,
                citations=self._interval_citations(first),
                caveats=tuple(dict.fromkeys(c for iv in first for c in iv.caveats)),
                template=expl + tail,
            )
        uncovered = self._uncovered(sub, j, day, regimes)
        if uncovered:
            expl = (
                f"{sub.name} is on no list of {where} that the registry holds for {DAY_MARK}, but the registry's data for "
                f"{', '.join(uncovered)} is not complete for that date and substance: not covered"
            )
            return body(
                controlled=None,
                reason="not-covered",
                lists=(),
                since=None,
                next_change=None,
                citations=(),
                uncovered_lists=uncovered,
                template=expl + tail,
            )
        return body(
            controlled=False,
            reason="never",
            lists=(),
            since=None,
            next_change=None,
            citations=(),
            template=(
                f"{sub.name} has never been on any list of {where} up to {DAY_MARK}, and no class rule in force there "
                "could cover it (coverage complete for those lists)" + tail
            ),
        )

    def _rules_of(self, j: str, regimes: frozenset[str]) -> list[tuple[str, Interval]]:
        """(class rule id, interval of the rule on a list) for every class rule of ``j`` on a list of ``regimes``."""
        key = (j, regimes)
        got = self._rules_by_j.get(key)
        if got is None:
            got = [
                (cid, iv)
                for cid, civs in sorted(self._index.class_intervals.items())
                if self._classes[cid].jurisdiction == j
                for iv in civs
                if iv.regime in regimes
            ]
            self._rules_by_j[key] = got
        return got

    def _possible_classes(self, sub: ix.Substance, j: str, day: _dt.date, regimes: frozenset[str]) -> tuple[str, ...]:
        """Class rules of ``j`` in force on ``day`` that may cover ``sub`` although it is not a curated member.

        A rule with a ``family`` may cover the members of that family and its ``candidates``; a rule with
        candidates and no family may cover only them; a rule with neither may cover any substance whose
        families allow the rule's list's regime (an export list concerns precursors).
        Structural readings are not applied here (they need the optional chemistry extra).
        """
        out: list[str] = []
        fam_regimes = {self._families[f].regime for f in sub.families}
        for cid, iv in self._rules_of(j, regimes):
            if not (iv.start <= day < iv.end) or cid in out:
                continue
            rule = self._classes[cid]
            if any(mem.substance == sub.id for mem in rule.members):
                continue
            if any(c.substance == sub.id for c in rule.candidates):
                out.append(cid)
                continue
            if rule.family is not None:
                if rule.family not in sub.families:
                    continue
            elif rule.candidates:
                continue
            elif sub.families and None not in fam_regimes:
                wanted = {"precursor"} if iv.regime == "export" else {iv.regime}
                if not wanted & fam_regimes:
                    continue
            out.append(cid)
        return tuple(out)

    def _days_of(self, sid: str, j: str, regimes: frozenset[str]) -> list[_dt.date]:
        """The days on which the answer for ``sid`` in ``j`` can change, sorted.

        An answer depends on the day only through the start and end of the substance's
        intervals (and of the windows of imprecise dates), the days its extensions take
        effect, the ``established`` and coverage ``complete_from`` dates of the jurisdiction's
        lists, the start and end of its class rules, and the day after ``as_of``: between two
        of these days every answer is the same apart from the day it names.
        """
        cov = self._coverage_days.get((j, regimes))
        if cov is None:
            cov = set()
            for cl in self._lists.values():
                if cl.jurisdiction == j and cl.regime in regimes:
                    cov.update(d for d in (cl.established, cl.coverage.complete_from) if d is not None)
            for _cid, iv in self._rules_of(j, regimes):  # a class-possible answer cites the rule's extensions in force
                cov.update(d for d in (iv.start, iv.end, iv.start_certain, iv.end_certain) if d is not None)
                cov.update(
                    d for e in iv.extended_by if (d := self._instruments[e].effective_day) is not None
                )
            if self.as_of is not None and self.as_of < FOREVER:
                cov.add(self.as_of + _dt.timedelta(days=1))
            self._coverage_days[(j, regimes)] = cov
        days = set(cov)
        for iv in self._by_sj.get((sid, j), ()):
            if iv.regime in regimes:
                days.update((iv.start, iv.end))
                days.update(d for d in (iv.start_certain, iv.end_certain) if d is not None)
                days.update(
                    d for e in iv.extended_by if (d := self._instruments[e].effective_day) is not None
                )
        days.discard(_dt.date.min)
        days.discard(FOREVER)
        return sorted(days)

    def _predecessors(self, ivs: Sequence[Interval]) -> list[Interval]:
        """Intervals that transfers carried into ``ivs`` (earliest first): they explain ``since``.

        A transfer from a list to itself re-adopts a control (e.g. after an annulment): the
        replaced instrument is not carried along.
        """
        out: list[Interval] = []
        todo = [iv for iv in ivs if iv.moved_from and iv.moved_from != iv.list_id]
        while todo:
            iv = todo.pop()
            prev = [
                p
                for p in self._by_sj.get((iv.substance, iv.jurisdiction), ())
                if p.list_id == iv.moved_from and p.end == iv.start and p.end_kind == "transferred"
            ]
            out[:0] = prev
            todo.extend(p for p in prev if p.moved_from and p.moved_from != p.list_id)
        return out

    def _is_controlled(self, sid: str, j: str, day: _dt.date, regimes: frozenset[str]) -> bool:
        """Fast yes/no (bisect on merged spans), without building an answer."""
        starts, ends = self._spans(sid, j, regimes)
        i = bisect.bisect_right(starts, day) - 1
        return i >= 0 and day < ends[i]

    def _status_maker(self, day: _dt.date, regimes: frozenset[str], regime: str | None) -> Callable[[ix.Substance, str], Status]:
        return lambda sub, j: self._status(sub, j, day, regimes, regime)

    def _sort_keys(self) -> dict[str, tuple[str, str]]:
        """Substance id -> the key answers are sorted by (name case-folded, id); built once."""
        keys = self._name_keys
        if keys is None:
            keys = {sid: (s.name.casefold(), sid) for sid, s in self._subs.items()}
            self._name_keys = keys
        return keys

    def _controlled_ids(self, j: str, day: _dt.date, regimes: frozenset[str]) -> frozenset[str]:
        """Ids of the substances controlled in ``j`` on ``day``.

        Between two consecutive days on which any control in ``j`` starts or ends the set is the
        same, so it is computed once per such stretch (the last 256 stretches asked are kept),
        from the merged spans of every substance of ``j`` (built once per jurisdiction).
        """
        table = self._spans_by_j.get((j, regimes))
        if table is None:
            rows: list[tuple[str, list[_dt.date], list[_dt.date]]] = []
            found: set[_dt.date] = set()
            for sid in sorted(self._index.by_jurisdiction.get(j, ())):
                starts, ends = self._spans(sid, j, regimes)
                if starts:
                    rows.append((sid, starts, ends))
                    found.update(starts)
                    found.update(ends)
            table = (sorted(found), rows)
            self._spans_by_j[(j, regimes)] = table
        change_days, rows = table
        key = (j, regimes, bisect.bisect_right(change_days, day))
        ids = self._controlled_memo.get(key)
        if ids is None:
            br = bisect.bisect_right
            ids = frozenset(sid for sid, starts, ends in rows if (i := br(starts, day)) and day < ends[i - 1])
            self._keep(self._controlled_memo, key, ids, 256)
        return ids

    def _spans(self, sid: str, j: str, regimes: frozenset[str]) -> tuple[list[_dt.date], list[_dt.date]]:
        """Merged spans of control of ``sid`` in ``j`` (memoised)."""
        key = (sid, j, regimes)
        spans = self._segments.get(key)
        if spans is None:
            ivs = self._by_sj.get((sid, j), ())
            if len(ivs) == 1 and ivs[0].regime in regimes and ivs[0].start_certain is None:  # the common case
                spans = ([ivs[0].start], [ivs[0].end])
            else:
                spans = _merge([iv for iv in ivs if iv.regime in regimes])
            self._segments[key] = spans
        return spans

    def _positive_parts(self, effective: list[Interval], named: list[Interval], day: _dt.date) -> tuple[Any, ...]:
        """What a positive answer says about a set of covering intervals (memoised: it does not depend on the day)."""
        via_iv = None if named else effective[0]
        lists = tuple(sorted({iv.list_id for iv in effective}))
        caveats = tuple(dict.fromkeys(c for iv in effective for c in iv.caveats))
        citations = self._interval_citations([*self._predecessors(effective), *effective], day=day)
        via = via_iv.via if via_iv else None
        if via_iv is not None and via_iv.basis == "derivative":
            parent = self._subs[via_iv.via or ""].name if via_iv.via in self._subs else via_iv.via
            via_text = f"covered as {via_iv.via_note} of {parent}"
        elif via_iv is not None:
            via_text = f"within class {via}"
        else:
            via_text = "listed"
        notices = tuple(dict.fromkeys(n for lid in lists if (n := self._lists[lid].notice)))
        via_sources = self._via_sources(via_iv) if via_iv else ()
        return lists, caveats, citations, via, via_sources, via_text, notices

    def _start_exact(self, sid: str, j: str, regimes: frozenset[str], day: _dt.date) -> bool:
        """Whether the stretch of control containing ``day`` has a known start (not a lower bound)."""
        return self._since(sid, j, regimes, day)[2]

    def _since(self, sid: str, j: str, regimes: frozenset[str], day: _dt.date) -> tuple[_dt.date, _dt.date | None, bool, str]:
        """(since, until, since_exact, precision of since) of the stretch of certain control containing ``day``.

        A stretch that starts when the window of an imprecise date closes started, as far as is
        known, in that window: ``since`` is the window's first day, with precision ``month``.
        """
        start, until = self._segment(sid, j, regimes, day)
        starters = [
            iv
            for iv in self._by_sj.get((sid, j), ())
            if iv.regime in regimes and (iv.start_certain or iv.start) == start and iv.start <= start < iv.end
        ]
        exact = all(iv.since_exact for iv in starters)
        if starters and all(iv.start_certain is not None for iv in starters):
            return min(iv.start for iv in starters), until, exact, "month"
        return start, until, exact, "day"

    def _segment(self, sid: str, j: str, regimes: frozenset[str], day: _dt.date) -> tuple[_dt.date, _dt.date | None]:
        """Start and end of the uninterrupted stretch of control containing ``day`` (bisect on merged spans)."""
        starts, ends = self._spans(sid, j, regimes)
        i = bisect.bisect_right(starts, day) - 1
        end = ends[i]
        return starts[i], (None if end == FOREVER else end)

    def _uncovered(self, sub: ix.Substance, j: str, day: _dt.date, regimes: frozenset[str]) -> tuple[str, ...]:
        """Lists of ``j`` (in ``regimes``) whose coverage does not reach ``sub`` on ``day``.

        Only lists of the regimes that the substance's families belong to count, when every
        family says its regime.
        """
        lists = self._lists_by_j.get((j, regimes))
        if lists is None:
            lists = [cl for cl in self._lists.values() if cl.jurisdiction == j and cl.regime in regimes]
            self._lists_by_j[(j, regimes)] = lists
        if not lists:
            return (f"{j} ({'/'.join(sorted(regimes))} lists: none in the registry)",)
        fam_regimes = {self._families[f].regime for f in sub.families}
        if sub.families and None not in fam_regimes:
            lists = [cl for cl in lists if cl.regime in fam_regimes]
        out = []
        fams = set(sub.families)
        for cl in lists:
            if cl.established is not None and day < cl.established:
                continue  # the list did not exist yet: nothing could be on it
            cov = cl.coverage
            scoped = cov.families is not None or cov.substances is not None
            in_scope = not scoped or bool(fams & set(cov.families or ())) or sub.id in (cov.substances or ())
            ok = cov.complete_from is not None and cov.complete_from <= day and in_scope
            if not ok:
                out.append(cl.id)
        return tuple(sorted(out))

    # ------------------------------------------------------------------ sets

    def controlled(
        self,
        jurisdiction: str,
        on: DateLike,
        regime: RegimeArg = None,
        family: str | None = None,
        in_list: str | None = None,
    ) -> tuple[Status, ...]:
        """Every substance controlled in ``jurisdiction`` on ``on``, as [`Status`][schedlib.answers.Status] objects sorted by name.

        ``family`` keeps members of one chemical family; ``in_list`` keeps those
        on one control list (which must belong to the jurisdiction).
        """
        j = self._jurisdiction(jurisdiction)
        day = parse_date(on, what="on")
        regimes = _regimes(regime)
        self._check_family(family)
        if in_list is not None:
            if in_list not in self._lists:
                raise UnknownListError(in_list, difflib.get_close_matches(in_list, list(self._lists), n=3))
            if self._lists[in_list].jurisdiction != j:
                raise InvalidQueryError(f"list {in_list!r} belongs to {self._lists[in_list].jurisdiction}, not {j}")
            if self._lists[in_list].regime not in regimes:
                regimes = frozenset((self._lists[in_list].regime,))
        out = []
        for sid in self._index.by_jurisdiction.get(j, frozenset()):
            sub = self._subs[sid]
            if family is not None and family not in sub.families:
                continue
            if not self._is_controlled(sid, j, day, regimes):
                continue
            st = self._status(sub, j, day, regimes, regime)
            if st.controlled and (in_list is None or in_list in st.lists):
                out.append(st)
        out.sort(key=lambda s: (s.substance.name.casefold(), s.substance.id))
        return tuple(out)

    def coverage(self, jurisdiction: str, on: DateLike, regime: RegimeArg = None) -> tuple[ListCoverage, ...]:
        """What the registry knows completely about each list of ``jurisdiction`` on ``on``, by list id.

        ``regime`` narrows to one regime; by default every list (export lists included) is shown.
        A list that did not exist yet on ``on`` (``established`` later) is complete: nothing could be on it.
        """
        j = self._jurisdiction(jurisdiction)
        day = parse_date(on, what="on")
        out = []
        for cl in self.lists_of(j, regime):
            cov = cl.coverage
            not_yet = cl.established is not None and day < cl.established
            complete = not_yet or (cov.complete_from is not None and cov.complete_from <= day)
            out.append(
                ListCoverage(
                    list_id=cl.id,
                    jurisdiction=j,
                    name=cl.name,
                    regime=cl.regime,
                    on=day,
                    complete=complete,
                    complete_from=cov.complete_from,
                    established=cl.established,
                    families=cov.families,
                    substances=cov.substances,
                    note=cov.note,
                )
            )
        return tuple(out)

    def _check_family(self, family: str | None) -> None:
        if family is not None and family not in self._families:
            close = difflib.get_close_matches(family, list(self._families), n=3)
            raise InvalidQueryError(
                f"unknown family {family!r}"
                + (f"; did you mean {', '.join(close)}?" if close else "")
                + f" (known: {', '.join(sorted(self._families))})"
            )

    def _jurisdictions(self, codes: str | Sequence[str], what: str) -> tuple[str, ...]:
        items = [c for c in (codes.split(",") if isinstance(codes, str) else codes)]
        out = tuple(dict.fromkeys(self._jurisdiction(c.strip()) for c in items if c.strip()))
        if not out:
            raise InvalidQueryError(f"{what}: name at least one jurisdiction")
        return out

    def gap(
        self,
        controlled_in: str | Sequence[str],
        not_in: str | Sequence[str],
        on: DateLike,
        regime: RegimeArg = None,
        family: str | None = None,
    ) -> Gap:
        """Substances controlled in ``controlled_in`` and in none of ``not_in`` on ``on``, with the reason of each absence.

        Either side may name several jurisdictions (a sequence, or a comma-separated string such as
        ``"UN,CN,MX"``): the substance must be controlled in every jurisdiction of ``controlled_in`` and
        in none of ``not_in``. ``entry.absences`` holds the status in each of ``not_in``.
        """
        xs = self._jurisdictions(controlled_in, "controlled_in")
        ys = self._jurisdictions(not_in, "not_in")
        overlap = set(xs) & set(ys)
        if overlap:
            raise InvalidQueryError(f"{', '.join(sorted(overlap))} is on both sides of the gap")
        day = parse_date(on, what="on")
        regimes = _regimes(regime)
        self._check_family(family)
        ids = set(self._controlled_ids(xs[0], day, regimes))
        for x in xs[1:]:
            ids &= self._controlled_ids(x, day, regimes)
        for y in ys:
            ids -= self._controlled_ids(y, day, regimes)
        subs = self._subs
        if family is not None:
            ids = {sid for sid in ids if family in subs[sid].families}
        ctx = (xs, ys, self._status_maker(day, regimes, regime))
        keys = self._sort_keys()
        make = GapEntry.of
        entries = [make(subs[sid], ctx) for sid in sorted(ids, key=keys.__getitem__)]
        return Gap(
            controlled_in=xs,
            not_in=ys,
            on=day,
            entries=tuple(entries),
            regime=regime,
            family=family,
            registry_version=self.version,
            registry_digest=self.digest,
        )

    # ------------------------------------------------------------------ history and diff

    def history(self, substance: str | ix.Substance | m.Substance, jurisdiction: str | None = None) -> tuple[Event, ...]:
        """Every dated change in the control of ``substance`` (in one jurisdiction, or all), in date order.

        A transfer between two lists is one ``moved`` event, not a removal and an addition.
        """
        sub = self._substance(substance)
        j = self._jurisdiction(jurisdiction) if jurisdiction is not None else None
        return self._events(sub, j)

    def _events(self, sub: ix.Substance, j: str | None, regimes: frozenset[str] | None = None) -> tuple[Event, ...]:
        events: list[tuple[_dt.date, int, Event]] = []
        for iv in self._index.by_substance.get(sub.id, ()):
            if (j is not None and iv.jurisdiction != j) or (regimes is not None and iv.regime not in regimes):
                continue
            role = _start_role(iv)
            kind: Literal["added", "temporary", "moved", "in-force-by"] = "added" if role == "listed" else role
            initial_expiry = self._initial_expiry(iv)
            events.append(
                (
                    iv.start,
                    0,
                    Event(
                        date=iv.start,
                        jurisdiction=iv.jurisdiction,
                        substance=sub,
                        kind=kind,
                        list=iv.list_id,
                        from_list=iv.moved_from,
                        basis=iv.basis,
                        via=iv.via,
                        expires=initial_expiry,
                        citation=self.cite_instrument(iv.instrument, role),
                        note=self._note(iv),
                    ),
                )
            )
            for ext in iv.extended_by:
                inst = self._instruments[ext]
                new_exp = next((expires for of, expires in inst.extends if of == iv.instrument), None)
                day = inst.effective_day or iv.start
                events.append(
                    (
                        day,
                        1,
                        Event(
                            date=day,
                            jurisdiction=iv.jurisdiction,
                            substance=sub,
                            kind="extended",
                            list=iv.list_id,
                            basis=iv.basis,
                            via=iv.via,
                            expires=new_exp if isinstance(new_exp, _dt.date) else None,
                            citation=self.cite_instrument(ext, "extended"),
                            note="" if isinstance(new_exp, _dt.date) else "new expiry not read",
                        ),
                    )
                )
            if iv.end != FOREVER and iv.end_kind in ("removed", "expired"):
                cite_id = (
                    iv.ended_by
                    if iv.end_kind == "removed" and iv.ended_by
                    else (iv.extended_by[-1] if iv.extended_by else iv.instrument)
                )
                events.append(
                    (
                        iv.end,
                        2,
                        Event(
                            date=iv.end,
                            jurisdiction=iv.jurisdiction,
                            substance=sub,
                            kind=iv.end_kind,
                            list=iv.list_id,
                            basis=iv.basis,
                            via=iv.via,
                            citation=self.cite_instrument(cite_id, iv.end_kind),
                            note=self._note(iv),
                            projected=self.as_of is not None and iv.end > self.as_of,
                        ),
                    )
                )
        events.sort(key=lambda t: (t[0], t[1], t[2].jurisdiction, t[2].list))
        return tuple(e for _, _, e in events)

    def _initial_expiry(self, iv: Interval) -> _dt.date | None:
        if iv.basis != "temporary" and not (iv.basis in ("class", "derivative") and iv.extended_by) and iv.end == FOREVER:
            return None
        return self._instruments[iv.instrument].temporary_expires

    def _note(self, iv: Interval) -> str:
        if iv.basis == "class":
            return f"member of class {iv.via}"
        if iv.basis == "derivative":
            return f"covered as {iv.via_note} of {iv.via}"
        return f"entry {iv.entry}" if iv.entry else ""

    def diff(self, jurisdiction: str, start: DateLike, end: DateLike, regime: RegimeArg = None) -> Diff:
        """What changed in ``jurisdiction`` after ``start`` up to and including ``end``.

        ``added``/``removed`` compare the sets of controlled substances on the two
        dates (a substance moved between lists is in neither); ``events`` lists
        each dated change in between.
        """
        j = self._jurisdiction(jurisdiction)
        a = parse_date(start, what="start")
        b = parse_date(end, what="end")
        if b < a:
            raise InvalidQueryError(f"end {b} is before start {a}; swap them")
        regimes = _regimes(regime)
        candidates = self._index.by_jurisdiction.get(j, frozenset())
        before = {sid for sid in candidates if self._is_controlled(sid, j, a, regimes)}
        after = {sid for sid in candidates if self._is_controlled(sid, j, b, regimes)}
        subs = self._subs
        key = lambda sid: (subs[sid].name.casefold(), sid)
        unknown_start = {sid for sid in after - before if not self._start_exact(sid, j, regimes, b)}
        events: list[Event] = []
        for sid in self._index.by_jurisdiction.get(j, frozenset()):
            events.extend(e for e in self._events(subs[sid], j, regimes) if a < e.date <= b and e.kind != "in-force-by")
        events.sort(key=lambda e: (e.date, e.substance.name.casefold(), e.kind))
        return Diff(
            jurisdiction=j,
            start=a,
            end=b,
            added=tuple(subs[s] for s in sorted(after - before - unknown_start, key=key)),
            removed=tuple(subs[s] for s in sorted(before - after, key=key)),
            in_force_by=tuple(subs[s] for s in sorted(unknown_start, key=key)),
            events=tuple(events),
            regime=regime,
            registry_version=self.version,
            registry_digest=self.digest,
        )

    def status_many(
        self,
        names: Iterable[str],
        jurisdictions: Sequence[str],
        on: DateLike,
        regime: RegimeArg = None,
    ) -> list[Status | SchedlibError]:
        """Status of each name in each jurisdiction, for screening: one entry per (name, jurisdiction), in order.

        A name that cannot be resolved gives its error object (with suggestions) in
        place of the statuses, once per jurisdiction, so that one bad line does not stop a batch.
        """
        js = [self._jurisdiction(j) for j in jurisdictions]
        day = parse_date(on, what="on")
        regimes = _regimes(regime)
        out: list[Status | SchedlibError] = []
        cache: dict[str, ix.Substance | SchedlibError] = {}
        for name in names:
            sub = cache.get(name)
            if sub is None:
                try:
                    sub = self.find(name)
                except SchedlibError as exc:
                    sub = exc
                cache[name] = sub
            for j in js:
                out.append(sub if isinstance(sub, SchedlibError) else self._status(sub, j, day, regimes, regime))
        return out

    def classify(self, structure: str, on: DateLike | None = None, jurisdiction: str | None = None) -> tuple[Any, ...]:
        """Structural readings of class rules for a SMILES string or MOL block (needs the ``chem`` extra).

        Returns one `schedlib.chem.Classification` per class rule with a reading (in force on
        ``on`` and in ``jurisdiction`` when given). A hit is "within the structural definition under
        reading vN", never "listed".
        """
        from .chem import classify

        return classify(self, structure, on=on, jurisdiction=jurisdiction)

    def cite(self, obj: object, style: str = "text", include_registry: bool = True) -> str:
        """Citations of the instruments behind ``obj`` and of this registry.

        ``obj`` is an answer (Status, Gap, Diff, Event), a Citation, an instrument id, or an
        iterable of these; ``style`` is ``text``, ``markdown``, ``bibtex`` or ``csl-json``.
        """
        from .citations import cite

        return cite(obj, self, style=style, include_registry=include_registry)

    def first_controlled(
        self, substance: str | ix.Substance | m.Substance, jurisdictions: str | Sequence[str], regime: RegimeArg = None
    ) -> tuple[FirstControl, ...]:
        """When each jurisdiction first controlled ``substance``, as far as the registry knows.

        For a jurisdiction that never did, ``since`` is None and ``status`` is today's (reason
        ``never`` or ``not-covered``). ``exact`` is False where coverage does not reach the day
        before the first known control: the registry then says "controlled at least since".
        """
        sub = self._substance(substance)
        regimes = _regimes(regime)
        out: list[FirstControl] = []
        for j in self._jurisdictions(jurisdictions, "jurisdictions"):
            starts = [iv.start for iv in self._by_sj.get((sub.id, j), ()) if iv.regime in regimes]
            if not starts:
                out.append(FirstControl(sub, j, None, True, self._status(sub, j, _dt.date.today(), regimes, regime)))
                continue
            day = min(starts)
            before = self._status(sub, j, day - _dt.timedelta(days=1), regimes, regime) if day > _dt.date.min else None
            exact = before is not None and before.reason == "later" and self._start_exact(sub.id, j, regimes, day)
            out.append(FirstControl(sub, j, day, exact, self._status(sub, j, day, regimes, regime)))
        return tuple(out)


def _start_role(iv: Interval) -> Literal["moved", "temporary", "listed", "in-force-by"]:
    """How an interval began: by a transfer, a temporary control, a listing (class and cover included),
    or unknown (``in-force-by``: evidence that it was in force by its start)."""
    if iv.moved_from:
        return "moved"
    if not iv.since_exact:
        return "in-force-by"
    return "temporary" if iv.basis == "temporary" else "listed"


def _merge(ivs: Sequence[Interval]) -> tuple[list[_dt.date], list[_dt.date]]:
    """Union of the days of certain control of intervals as sorted, disjoint, non-touching spans (starts, ends).

    An interval whose start is imprecise counts from the first day after its window.
    """
    starts: list[_dt.date] = []
    ends: list[_dt.date] = []
    for s, e in sorted((iv.start_certain or iv.start, iv.end) for iv in ivs if (iv.start_certain or iv.start) < iv.end):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends
