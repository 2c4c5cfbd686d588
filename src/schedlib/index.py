"""The compiled index: what every query reads, in plain slotted objects.

Built once from the validated schema models (:mod:`schedlib.builder`), stored in the cache
(:mod:`schedlib.cache`) and loaded without importing pydantic or PyYAML. It holds, per
substance, the sorted half-open :class:`Interval` objects of its control, and plain records of
the substances, lists, instruments, sources, class rules, families and jurisdictions with the
attributes the queries and the answers read (named as in the schema: ``sub.name``,
``cl.coverage.complete_from`` ...), plus the name tables.

Records are read-only by convention (nothing in schedlib changes one after it is built);
they compare and hash by value and pickle as their class and field values.
This module imports only :mod:`datetime`.
"""

from __future__ import annotations

import datetime as _dt

TYPE_CHECKING = False  # typing is not imported at run time: a warm start avoids every import it can
if TYPE_CHECKING:
    from typing import Any, Literal

    Regime = Literal["drug", "precursor", "export"]
    Basis = Literal["listed", "temporary", "class", "derivative"]
    EndKind = Literal["open", "removed", "expired", "transferred", "superseded"]

__all__ = [
    "FOREVER",
    "ClassRule",
    "Compiled",
    "ControlList",
    "Coverage",
    "Family",
    "Identifiers",
    "Index",
    "Info",
    "Instrument",
    "Interval",
    "Jurisdiction",
    "Member",
    "Source",
    "SourceRef",
    "Substance",
    "Synonym",
]

FOREVER = _dt.date.max
"""End of an interval that no instrument has ended."""


class _Record:
    """A plain record: fields in ``__slots__``, equal and hashed by value, pickled as (class, values)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    """The fields in the order the constructor takes them."""

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return type(self), self._values()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"


class Info(_Record):
    """``registry.yaml``: name, release, description, the day its sources were checked up to, licence."""

    _fields = ("name", "version", "description", "as_of", "license")
    __slots__ = _fields

    def __init__(self, name: str, version: str, description: str, as_of: _dt.date | None, license: str | None) -> None:
        self.name = name
        self.version = version
        self.description = description
        self.as_of = as_of
        self.license = license


class SourceRef(_Record):
    """A source id and where in it (``locator``)."""

    _fields = ("source", "locator")
    __slots__ = _fields

    def __init__(self, source: str, locator: str | None) -> None:
        self.source = source
        self.locator = locator

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "locator": self.locator}


class Identifiers(_Record):
    """A substance's identifiers (CAS RN, salt CAS RNs, InChIKey, SMILES, PubChem CID, UNII, DEA code)."""

    _fields = ("cas", "salt_cas", "inchikey", "smiles", "pubchem_cid", "unii", "dea_code")
    __slots__ = _fields

    def __init__(
        self,
        cas: tuple[str, ...],
        salt_cas: tuple[str, ...],
        inchikey: str | None,
        smiles: str | None,
        pubchem_cid: int | None,
        unii: str | None,
        dea_code: str | None,
    ) -> None:
        self.cas = cas
        self.salt_cas = salt_cas
        self.inchikey = inchikey
        self.smiles = smiles
        self.pubchem_cid = pubchem_cid
        self.unii = unii
        self.dea_code = dea_code

    def to_dict(self) -> dict[str, Any]:
        return {
            "cas": list(self.cas),
            "salt_cas": list(self.salt_cas),
            "inchikey": self.inchikey,
            "smiles": self.smiles,
            "pubchem_cid": self.pubchem_cid,
            "unii": self.unii,
            "dea_code": self.dea_code,
        }


class Synonym(_Record):
    """Another name of a substance: its language, kind and (optionally) the source that gives it."""

    _fields = ("name", "lang", "kind", "source")
    __slots__ = _fields

    def __init__(self, name: str, lang: str, kind: str, source: SourceRef | None) -> None:
        self.name = name
        self.lang = lang
        self.kind = kind
        self.source = source

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lang": self.lang,
            "kind": self.kind,
            "source": None if self.source is None else self.source.to_dict(),
        }


class Substance(_Record):
    """A substance, as answers name it (the schema's ``Substance`` has the same fields)."""

    _fields = ("id", "name", "synonyms", "identifiers", "families", "sources", "note")
    __slots__ = _fields

    def __init__(
        self,
        id: str,
        name: str,
        synonyms: tuple[Synonym, ...],
        identifiers: Identifiers,
        families: tuple[str, ...],
        sources: tuple[SourceRef, ...],
        note: str | None,
    ) -> None:
        self.id = id
        self.name = name
        self.synonyms = synonyms
        self.identifiers = identifiers
        self.families = families
        self.sources = sources
        self.note = note

    def to_dict(self) -> dict[str, Any]:
        """The substance as JSON-ready data (the same keys as its YAML file, as the schema model gives them)."""
        return {
            "id": self.id,
            "name": self.name,
            "synonyms": [s.to_dict() for s in self.synonyms],
            "identifiers": self.identifiers.to_dict(),
            "families": list(self.families),
            "sources": [s.to_dict() for s in self.sources],
            "note": self.note,
        }


class Family(_Record):
    """A chemical family and the regime its members belong to (None when it does not say)."""

    _fields = ("id", "name", "regime")
    __slots__ = _fields

    def __init__(self, id: str, name: str, regime: str | None) -> None:
        self.id = id
        self.name = name
        self.regime = regime


class Jurisdiction(_Record):
    """A jurisdiction's code and name."""

    _fields = ("id", "name", "kind")
    __slots__ = _fields

    def __init__(self, id: str, name: str, kind: str) -> None:
        self.id = id
        self.name = name
        self.kind = kind


class Coverage(_Record):
    """What the registry holds completely of a list: from when, and for which families or substances."""

    _fields = ("complete_from", "families", "substances", "edition", "note")
    __slots__ = _fields

    def __init__(
        self,
        complete_from: _dt.date | None,
        families: tuple[str, ...] | None,
        substances: tuple[str, ...] | None,
        edition: str | None,
        note: str,
    ) -> None:
        self.complete_from = complete_from
        self.families = families
        self.substances = substances
        self.edition = edition
        self.note = note


class ControlList(_Record):
    """A control list: its jurisdiction, regime, coverage, lineage (``replaces``, ``successors``) and notice."""

    _fields = ("id", "jurisdiction", "name", "regime", "established", "coverage", "replaces", "successors", "notice")
    __slots__ = _fields

    def __init__(
        self,
        id: str,
        jurisdiction: str,
        name: str,
        regime: Regime,
        established: _dt.date | None,
        coverage: Coverage,
        replaces: tuple[str, ...],
        successors: tuple[str, ...],
        notice: str | None,
    ) -> None:
        self.id = id
        self.jurisdiction = jurisdiction
        self.name = name
        self.regime = regime
        self.established = established
        self.coverage = coverage
        self.replaces = replaces
        self.successors = successors
        self.notice = notice


class Instrument(_Record):
    """What answers cite of an instrument, and the dates and expiries the queries read.

    ``effective_day`` is the first day of the effective date (its window's first day when it is
    known only to the month); ``temporary_expires`` the expiry of its first temporary control;
    ``extends`` the (extended instrument, new expiry or ``"unknown"``) of its extensions.
    """

    _fields = (
        "id",
        "jurisdiction",
        "title",
        "title_en",
        "number",
        "issuer",
        "url",
        "signed",
        "published",
        "effective",
        "effective_day",
        "effective_confidence",
        "confidence",
        "sources",
        "temporary_expires",
        "extends",
    )
    __slots__ = _fields

    def __init__(
        self,
        id: str,
        jurisdiction: str,
        title: str,
        title_en: str | None,
        number: str | None,
        issuer: tuple[str, ...],
        url: str | None,
        signed: str | None,
        published: str | None,
        effective: str,
        effective_day: _dt.date | None,
        effective_confidence: str,
        confidence: str,
        sources: tuple[SourceRef, ...],
        temporary_expires: _dt.date | None,
        extends: tuple[tuple[str, _dt.date | str], ...],
    ) -> None:
        self.id = id
        self.jurisdiction = jurisdiction
        self.title = title
        self.title_en = title_en
        self.number = number
        self.issuer = issuer
        self.url = url
        self.signed = signed
        self.published = published
        self.effective = effective
        self.effective_day = effective_day
        self.effective_confidence = effective_confidence
        self.confidence = confidence
        self.sources = sources
        self.temporary_expires = temporary_expires
        self.extends = extends


class Source(_Record):
    """What answers cite of a source document."""

    _fields = ("id", "kind", "medium", "issuer", "title", "title_en", "url")
    __slots__ = _fields

    def __init__(self, id: str, kind: str, medium: str, issuer: str, title: str, title_en: str | None, url: str | None) -> None:
        self.id = id
        self.kind = kind
        self.medium = medium
        self.issuer = issuer
        self.title = title
        self.title_en = title_en
        self.url = url


class Member(_Record):
    """A curated member of a class rule and the sources that place it there."""

    _fields = ("substance", "sources")
    __slots__ = _fields

    def __init__(self, substance: str, sources: tuple[SourceRef, ...]) -> None:
        self.substance = substance
        self.sources = sources


class Candidate(_Record):
    """A substance a class rule's text may reach although no source places it within the rule."""

    _fields = ("substance", "note")
    __slots__ = _fields

    def __init__(self, substance: str, note: str) -> None:
        self.substance = substance
        self.note = note


class ClassRule(_Record):
    """A class rule: its jurisdiction, name, family (None: any), curated members and candidates."""

    _fields = ("id", "jurisdiction", "name", "family", "members", "candidates")
    __slots__ = _fields

    def __init__(
        self,
        id: str,
        jurisdiction: str,
        name: str,
        family: str | None,
        members: tuple[Member, ...],
        candidates: tuple[Candidate, ...] = (),
    ) -> None:
        self.id = id
        self.jurisdiction = jurisdiction
        self.name = name
        self.family = family
        self.members = members
        self.candidates = candidates


class Interval(_Record):
    """``substance`` is on ``list_id`` from ``start`` (inclusive) to ``end`` (exclusive).

    ``basis`` is ``listed``, ``temporary``, ``class`` or ``derivative``; ``end_kind`` says how it
    ended: ``open``, ``removed``, ``expired``, ``transferred`` or ``superseded`` (a temporary
    control replaced by a permanent listing on the same list: control continues, no event).
    ``since_exact`` is False when ``start`` is a lower bound (in force by then, start unknown).
    ``incorporated_from``: for a list that incorporates another by reference, the list this
    interval was derived from; ``cites_also`` the second act behind it (see
    :mod:`schedlib.incorporation`). ``start_precision`` is ``day`` or ``month``;
    ``start_certain``/``end_certain`` the first day on which an imprecise start or end is certain.
    """

    _fields = (
        "substance",
        "list_id",
        "jurisdiction",
        "regime",
        "start",
        "end",
        "basis",
        "instrument",
        "extended_by",
        "end_kind",
        "ended_by",
        "moved_from",
        "moved_to",
        "via",
        "via_note",
        "yields_to_named",
        "entry",
        "caveats",
        "since_exact",
        "incorporated_from",
        "cites_also",
        "start_precision",
        "start_certain",
        "end_certain",
    )
    __slots__ = _fields

    def __init__(
        self,
        substance: str,
        list_id: str,
        jurisdiction: str,
        regime: Regime,
        start: _dt.date,
        end: _dt.date,
        basis: Basis,
        instrument: str,
        extended_by: tuple[str, ...] = (),
        end_kind: EndKind = "open",
        ended_by: str | None = None,
        moved_from: str | None = None,
        moved_to: str | None = None,
        via: str | None = None,
        via_note: str | None = None,
        yields_to_named: bool = False,
        entry: str | None = None,
        caveats: tuple[str, ...] = (),
        since_exact: bool = True,
        incorporated_from: str | None = None,
        cites_also: str | None = None,
        start_precision: str = "day",
        start_certain: _dt.date | None = None,
        end_certain: _dt.date | None = None,
    ) -> None:
        self.substance = substance
        self.list_id = list_id
        self.jurisdiction = jurisdiction
        self.regime = regime
        self.start = start
        self.end = end
        self.basis = basis
        self.instrument = instrument
        self.extended_by = extended_by
        self.end_kind = end_kind
        self.ended_by = ended_by
        self.moved_from = moved_from
        self.moved_to = moved_to
        self.via = via
        self.via_note = via_note
        self.yields_to_named = yields_to_named
        self.entry = entry
        self.caveats = caveats
        self.since_exact = since_exact
        self.incorporated_from = incorporated_from
        self.cites_also = cites_also
        self.start_precision = start_precision
        self.start_certain = start_certain
        self.end_certain = end_certain

    def covers(self, on: _dt.date) -> bool:
        return self.start <= on < self.end

    def replace(self, **changes: Any) -> Interval:
        """A copy with ``changes``."""
        values = dict(zip(self._fields, self._values(), strict=True))
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"Interval has no field {sorted(unknown)[0]!r}")
        values.update(changes)
        return Interval(**values)


class Index(_Record):
    """The folded intervals: per substance, per jurisdiction the substances that have any, per class rule."""

    _fields = ("by_substance", "by_jurisdiction", "class_intervals")
    __slots__ = _fields

    def __init__(
        self,
        by_substance: dict[str, tuple[Interval, ...]],
        by_jurisdiction: dict[str, frozenset[str]],
        class_intervals: dict[str, tuple[Interval, ...]],
    ) -> None:
        self.by_substance = by_substance
        self.by_jurisdiction = by_jurisdiction
        self.class_intervals = class_intervals

    def __hash__(self) -> int:  # dicts inside: an index is identified by itself
        return id(self)


class Compiled(_Record):
    """Everything the queries read: the records by id, the intervals and the name tables.

    ``names`` maps a name key (:func:`schedlib.names.normalize_name`) to the ids of the substances
    that have it; ``jurisdiction_names`` a jurisdiction name key to its code; ``salt_cas`` a salt's
    CAS RN to its base substance.
    """

    _fields = (
        "root",
        "digest",
        "info",
        "families",
        "jurisdictions",
        "lists",
        "substances",
        "sources",
        "classes",
        "instruments",
        "index",
        "names",
        "jurisdiction_names",
        "salt_cas",
    )
    __slots__ = _fields

    def __init__(
        self,
        root: str,
        digest: str,
        info: Info,
        families: dict[str, Family],
        jurisdictions: dict[str, Jurisdiction],
        lists: dict[str, ControlList],
        substances: dict[str, Substance],
        sources: dict[str, Source],
        classes: dict[str, ClassRule],
        instruments: dict[str, Instrument],
        index: Index,
        names: dict[str, set[str]],
        jurisdiction_names: dict[str, str],
        salt_cas: dict[str, str],
    ) -> None:
        self.root = root
        self.digest = digest
        self.info = info
        self.families = families
        self.jurisdictions = jurisdictions
        self.lists = lists
        self.substances = substances
        self.sources = sources
        self.classes = classes
        self.instruments = instruments
        self.index = index
        self.names = names
        self.jurisdiction_names = jurisdiction_names
        self.salt_cas = salt_cas

    def __hash__(self) -> int:
        return id(self)
