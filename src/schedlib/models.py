"""The registry's schema: what each YAML file may say.

Every model is frozen and forbids unknown keys. These models are used to read
and validate the registry and to export its JSON Schema; queries run on the
compiled index (`schedlib.engine`), not on these objects.

File kinds (all under ``registry/``):

* ``registry.yaml`` — `RegistryInfo` (name, version).
* ``families.yaml`` — `FamiliesFile`.
* ``jurisdictions.yaml`` — `JurisdictionsFile`.
* ``lists/<jurisdiction>.yaml`` — `ListsFile` (control lists of one jurisdiction).
* ``substances/**/<id>.yaml`` — one [`Substance`][schedlib.models.Substance] per file.
* ``sources/**/<id>.yaml`` — one [`Source`][schedlib.models.Source] per file.
* ``classes/**/<id>.yaml`` — one [`ClassRule`][schedlib.models.ClassRule] per file.
* ``instruments/<jurisdiction>/**/<id>.yaml`` — one [`Instrument`][schedlib.models.Instrument] per file.
* ``editions/<jurisdiction>/**/<id>.yaml`` — one `Edition` per file (checked by `schedlib.editions`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .dates import PartialDate, parse_date, parse_partial

__all__ = [
    "FILE_KINDS",
    "Action",
    "AddAction",
    "Candidate",
    "ClassRule",
    "Confidence",
    "ControlList",
    "Coverage",
    "DateFact",
    "Edition",
    "EditionEntry",
    "EditionException",
    "EditionList",
    "Entry",
    "Exclusion",
    "ExtendAction",
    "FamiliesFile",
    "Family",
    "Identifiers",
    "InForceByAction",
    "Instrument",
    "InstrumentDates",
    "Jurisdiction",
    "JurisdictionsFile",
    "ListsFile",
    "Member",
    "Regime",
    "RegistryInfo",
    "RemoveAction",
    "Source",
    "SourceRef",
    "Substance",
    "Synonym",
    "TemporaryAction",
    "TransferAction",
    "cas_is_valid",
    "json_schemas",
]

_ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
_PARTIAL = r"^(\d{4}(-\d{2}(-\d{2})?)?|unknown)$"


def _day(value: object) -> _dt.date:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date YYYY-MM-DD in quotes or plain, got {value!r}")
    return parse_date(value)


Day = Annotated[
    _dt.date,
    PlainValidator(_day),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "pattern": _ISO_DAY, "format": "date"}),
]
"""A calendar date, written ``YYYY-MM-DD`` (ISO 8601) and nothing else."""

Partial = Annotated[
    PartialDate,
    PlainValidator(lambda v: parse_partial(v)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": _PARTIAL}),
]
"""A date that may be known only to the month (``YYYY-MM``), the year, or ``unknown``."""

_ID = re.compile(r"[a-z0-9][a-z0-9.+_-]{0,119}")


def _id(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected an id (lower-case text), got {value!r}")
    if _ID.fullmatch(value):
        return value
    if _ID.fullmatch(value.lower()):
        raise ValueError(f"ids are lower case: write {value.lower()!r}, not {value!r}")
    raise ValueError(f"{value!r} is not an id: use lower-case letters, digits and . + _ - (at most 120 characters)")


Id = Annotated[
    str, PlainValidator(_id), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9][a-z0-9.+_-]*$", "maxLength": 120})
]
"""A stable lower-case identifier: letters, digits, ``.``, ``+``, ``_``, ``-``."""


def _jurisdiction_code(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}", value):
        raise ValueError(f"jurisdiction must be a code such as UN, EU, CN (ISO 3166-1 alpha-2), got {value!r}")
    if value != value.upper():
        raise ValueError(f"jurisdiction codes are upper case: write {value.upper()!r}, not {value!r}")
    return value


JurisdictionCode = Annotated[
    str, PlainValidator(_jurisdiction_code), WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2,3}$"})
]
"""``UN``, ``EU`` or an ISO 3166-1 alpha-2 code, upper case."""

Text = Annotated[str, Field(min_length=1, max_length=20_000)]

Regime = Literal["drug", "precursor", "export"]
"""``drug``: narcotic/psychotropic control; ``precursor``: chemical precursors;
``export``: export-licensing measures that name destinations."""

Confidence = Literal["official", "secondary", "unverified", "computed"]
"""How a fact was established.

``official``: read in the official text (or a faithful copy of it);
``secondary``: read in a source that is not the legal text (labelled by its medium);
``unverified``: not confirmed; the note says what is missing;
``computed``: derived by a stated rule from other facts (e.g. 180 days after).
"""

Medium = Literal[
    "official-publication",
    "official-copy",
    "official-statement",
    "reprint",
    "state-media",
    "un-agency",
    "news",
    "trade-press",
    "community-transcription",
    "legal-database",
    "scholarly",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)


# --------------------------------------------------------------------------- registry-wide


class RegistryInfo(_Model):
    """``registry.yaml``: the registry's name and release.

    ``as_of`` is the day up to which the sources were checked: the registry states the law
    known on that day, and an answer for a later day is a projection of it (a scheduled
    expiry may be extended, a new act may have been made). Without it, no answer is marked
    as a projection.
    """

    name: Text
    version: Annotated[str, Field(pattern=r"^\d{4}\.\d+(\.\d+)?$")]
    description: Text
    as_of: Day | None = None
    license: Text | None = None


class Family(_Model):
    """A chemical family, used to group substances (``fentanyl``, ``fentanyl-precursor`` …).

    ``regime`` says which kind of list members of the family belong on (``drug`` or
    ``precursor``). A negative answer for a substance whose families all have a regime
    needs complete coverage only of the lists of those regimes: the registry does not
    claim to know whether a precursor list names carfentanil, but it need not.
    """

    id: Id
    name: Text
    description: Text
    regime: Literal["drug", "precursor"] | None = None


class FamiliesFile(_Model):
    families: tuple[Family, ...]


class Jurisdiction(_Model):
    """Who makes the law: ``UN``, ``EU``, or a state."""

    id: JurisdictionCode
    name: Text
    name_local: Text | None = None
    names: tuple[Text, ...] = ()
    """Other names people type for it (``China``, ``USA``, ``Mexique``); matched ignoring case."""
    kind: Literal["international", "supranational", "state"]
    note: Text | None = None


class JurisdictionsFile(_Model):
    jurisdictions: tuple[Jurisdiction, ...]


class Coverage(_Model):
    """What the registry knows completely about a list.

    From ``complete_from`` on, the registry holds every entry of the list for the
    ``families`` named and the ``substances`` named (or for all substances when
    neither is given). Before that date, or for other substances, a substance
    absent from the list answers ``not-covered`` rather than ``never`` or ``later``.
    ``substances`` is for a claim about specific chemicals only (e.g. "every
    fentanyl precursor China scheduled is encoded, with its date").
    ``edition`` names the `Edition` that backs ``complete_from``: an official
    consolidated list that states this list in full and that ``schedlib validate``
    reconciles with the instruments (``complete_from`` may not precede its date).
    """

    complete_from: Day | None
    families: tuple[Id, ...] | None = None
    substances: tuple[Id, ...] | None = None
    edition: Id | None = None
    note: Text


class Incorporation(_Model):
    """Another list made part of this one by reference, from a day on.

    A law may define its list as "the substances of that other list" (the EU's "drug" is any
    substance of the UN 1961 and 1971 schedules, Framework Decision 2004/757/JHA art. 1(1)(a)).
    The engine gives this list an interval for every interval of ``list``, clipped to start no
    earlier than ``from``; each is cited to the act that put the substance on ``list`` and to
    ``by``, the instrument that incorporates (which needs no actions of its own).
    """

    list: str
    from_: Annotated[Day, Field(alias="from")]
    by: Id
    note: Text | None = None


class ControlList(_Model):
    """One list a jurisdiction keeps (a schedule, a table, a catalogue category).

    ``notice`` is shown with every status that rests on this list (e.g. that exports of 1988
    Convention Table I chemicals fall under the international pre-export notification system).
    ``established`` is the day the list came into being (e.g. a list created by a restructuring):
    before it, the list held nothing, so it never makes an answer "not covered".
    ``incorporates`` names lists whose contents are part of this one by reference (see
    `Incorporation`).
    """

    id: Annotated[str, Field(pattern=r"^[a-z]{2,3}\.[a-z0-9.+_-]+$")]
    jurisdiction: JurisdictionCode
    name: Text
    name_local: Text | None = None
    regime: Regime
    legal_basis: Text | None = None
    established: Day | None = None
    coverage: Coverage
    replaces: tuple[str, ...] = ()
    incorporates: tuple[Incorporation, ...] = ()
    notice: Text | None = None
    note: Text | None = None
    _successors: tuple[str, ...] = PrivateAttr(default=())

    @property
    def predecessors(self) -> tuple[str, ...]:
        """Lists this one replaced (the ``replaces`` field)."""
        return self.replaces

    @property
    def successors(self) -> tuple[str, ...]:
        """Lists that replaced this one (computed by the registry from their ``replaces``)."""
        return self._successors


class ListsFile(_Model):
    lists: tuple[ControlList, ...]


# --------------------------------------------------------------------------- sources


class Source(_Model):
    """A citable document that supports facts in the registry.

    ``kind: primary`` is the official publication (or a faithful copy of it);
    ``kind: secondary`` is anything else and must say its ``medium``.

    ``url`` is the official publisher's address of the document. When the text was
    read from a copy elsewhere (a mirror, an archive, a repository), that copy's
    address goes in ``read_via``; ``copy_of`` names the official document a copy
    reproduces (e.g. ``83 FR 5188``) when no official address is at hand. The
    source policy (``registry/publishers.yaml``, checked by ``schedlib validate``)
    says which addresses may appear where.
    """

    id: Id
    kind: Literal["primary", "secondary"]
    medium: Medium
    issuer: Text
    title: Text
    title_en: Text | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] = "en"
    number: Text | None = None
    date: Partial | None = None
    url: Text | None = None
    archived_url: Text | None = None
    read_via: Text | None = None
    copy_of: Text | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _medium_matches_kind(self) -> Source:
        official = {"official-publication", "official-copy"}
        if self.kind == "primary" and self.medium not in official:
            raise ValueError(
                f"a primary source must have medium official-publication or official-copy, not {self.medium!r};"
                " label it kind: secondary"
            )
        if self.kind == "secondary" and self.medium in official:
            raise ValueError(f"medium {self.medium!r} is official; use kind: primary")
        return self


class SourceRef(_Model):
    """A pointer to a :class:`Source`, with where in it the fact is (``locator``)."""

    source: Id
    locator: Text | None = None


# --------------------------------------------------------------------------- substances

_CAS = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")
_INCHIKEY = re.compile(r"^[A-Z]{14}-[A-Z]{8}[SN][A-Z]-[A-Z]$")
_UNII = re.compile(r"^[A-Z0-9]{10}$")


def cas_is_valid(cas: str) -> bool:
    """True if ``cas`` is a CAS Registry Number with a correct check digit."""
    m = _CAS.match(cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


class Identifiers(_Model):
    """Identifiers of one substance. Every value is checked for form (CAS: check digit)."""

    cas: tuple[str, ...] = ()
    salt_cas: tuple[str, ...] = ()
    """CAS RNs of salts (a hydrochloride, a citrate, …) that a cited source gives; a query by one is
    answered for this substance and says so (lists control salts with their base)."""
    inchikey: str | None = None
    smiles: Text | None = None
    pubchem_cid: Annotated[int, Field(gt=0)] | None = None
    unii: str | None = None
    dea_code: Annotated[str, Field(pattern=r"^\d{4}$")] | None = None

    @field_validator("cas", "salt_cas")
    @classmethod
    def _cas(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for cas in value:
            if not _CAS.match(cas):
                raise ValueError(f"CAS RN {cas!r} is not of the form NNNNNNN-NN-N")
            if not cas_is_valid(cas):
                raise ValueError(f"CAS RN {cas!r} has a wrong check digit")
        if len(set(value)) != len(value):
            raise ValueError("the same CAS RN is given twice")
        return value

    @field_validator("inchikey")
    @classmethod
    def _inchikey(cls, value: str | None) -> str | None:
        if value is not None and not _INCHIKEY.match(value):
            raise ValueError(f"InChIKey {value!r} is malformed (expected 14-10-1 upper-case letters)")
        return value

    @field_validator("unii")
    @classmethod
    def _unii(cls, value: str | None) -> str | None:
        if value is not None and not _UNII.match(value):
            raise ValueError(f"UNII {value!r} is malformed (expected 10 upper-case letters or digits)")
        return value


class Synonym(_Model):
    """Another name of a substance, in any language (BCP 47 tag in ``lang``)."""

    name: Text
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] = "en"
    kind: Literal["common", "systematic", "abbreviation", "as-listed", "trade", "code"] = "common"
    source: SourceRef | None = None
    """Where the name was read (trade names, INN variants and names in other languages carry one)."""


class Substance(_Model):
    """One chemical entity (or botanical material), shared across jurisdictions."""

    id: Id
    name: Text
    synonyms: tuple[Synonym, ...] = ()
    identifiers: Identifiers = Identifiers()
    families: tuple[Id, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    note: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        """The substance as JSON-ready data (the same keys as its YAML file), like the answers' ``to_dict()``."""
        return self.model_dump(mode="json")


# --------------------------------------------------------------------------- class rules


class Exclusion(_Model):
    """Something the class rule leaves out.

    ``listed-by-name``: substances listed by name in the same jurisdiction are
    controlled under that listing, not as class members (the US "not otherwise
    scheduled"; China's carve-out for substances already on its lists). The
    engine applies it. ``other`` exclusions are recorded and reported.
    """

    kind: Literal["listed-by-name", "other"]
    text: Text


class Candidate(_Model):
    """A substance the rule's text may reach although no source places it within the rule.

    The engine answers ``class-possible`` for it while the rule is in force (it never answers
    "controlled" from a candidate). ``note`` says which words of the heading leave it open.
    """

    substance: Id
    note: Text


class Member(_Model):
    """A substance that a cited source places within a class rule."""

    substance: Id
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    note: Text | None = None


SubstituentKind = Literal[
    "alkyl",
    "alkenyl",
    "alkoxy",
    "hydroxy",
    "halo",
    "haloalkyl",
    "amino",
    "nitro",
    "ester",
    "ether",
    "aryl",
    "cyclic",
    "other",
]
"""Kinds of substituent a reading's check may list. ``aryl``: a group with an aromatic ring (a hydroxyphenyl
is an aryl group, not a hydroxy group); ``cyclic``: a group with a non-aromatic ring."""


class ReadingCheck(_Model):
    """One modification the definition lists, as a named structural check.

    ``part`` says which part of the molecule differs from the reference substance;
    ``kinds`` (for substituent checks) lists the substituent kinds the definition names;
    a substituent of another kind makes the answer unclear rather than guessed.
    """

    id: Annotated[str, Field(min_length=1, max_length=40)]
    part: Literal["acyl", "aryl", "piperidine", "amine", "amine-ring", "amine-linker"]
    item: Text
    text: Text
    kinds: tuple[SubstituentKind, ...] | None = None


class Reading(_Model):
    """A versioned, machine-checkable interpretation of a class rule's definition (see ``schedlib.chem``)."""

    version: Annotated[str, Field(pattern=r"^v\d+$")]
    status: Literal["experimental", "reviewed"]
    summary: Text
    core: Text
    core_name: Text
    reference_name: Text
    reference: dict[Literal["acyl", "aryl", "amine", "amine-ring"], str]
    amine_must_be: Literal["not-hydrogen", "ethyl-linked-monocycle"]
    modifications: Annotated[tuple[ReadingCheck, ...], Field(min_length=1)]
    limits: Text


class ClassRule(_Model):
    """A generic (class-wide) control, brought into force by instruments that add it to a list.

    ``readings`` hold versioned structural interpretations of the definition (optional; used by
    ``schedlib.classify`` with the ``chem`` extra). ``candidates`` are substances outside ``family``
    that the definition may still reach; a rule with candidates and no family may cover only them.
    """

    id: Id
    jurisdiction: JurisdictionCode
    name: Text
    name_local: Text | None = None
    family: Id | None = None
    reference_substance: Id | None = None
    definition: Text
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    exclusions: tuple[Exclusion, ...] = ()
    members: tuple[Member, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    readings: tuple[Reading, ...] = ()
    note: Text | None = None


# --------------------------------------------------------------------------- instruments


class DateFact(_Model):
    """A date with how it is known."""

    date: Partial
    confidence: Confidence | None = None
    note: Text | None = None


def _date_fact(value: Any) -> Any:
    if isinstance(value, (dict, DateFact)):
        return value
    return {"date": value}


DateField = Annotated[DateFact, Field(json_schema_extra={"description": "a date string or {date, confidence, note}"})]


class InstrumentDates(_Model):
    """The dates of an instrument, kept apart. Only ``effective`` is required."""

    signed: DateField | None = None
    published: DateField | None = None
    effective: DateField

    @field_validator("signed", "published", "effective", mode="before")
    @classmethod
    def _short(cls, value: Any) -> Any:
        return _date_fact(value)

    @field_validator("effective")
    @classmethod
    def _effective_known(cls, value: DateFact) -> DateFact:
        if value.date.precision not in ("day", "month"):
            raise ValueError(
                "the effective date must be known at least to the month; if the instrument's own date was not"
                " read, give the best-supported date with confidence: unverified and a note"
            )
        return value


class Cover(_Model):
    """A substance covered by a listing's scope without being named (e.g. a carbamate of 4-AP)."""

    substance: Id
    relation: Text
    note: Text | None = None


class Entry(_Model):
    """A substance named by an action, as the instrument lists it."""

    substance: Id
    entry: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    name_as_listed: Text | None = None
    scope: Text | None = None
    covers: tuple[Cover, ...] = ()
    note: Text | None = None


class _Targets(_Model):
    substances: tuple[Entry, ...] = ()
    classes: tuple[Id, ...] = ()
    note: Text | None = None

    @model_validator(mode="after")
    def _something(self) -> _Targets:
        if not self.substances and not self.classes:
            raise ValueError("an action must name at least one substance or class")
        return self


class AddAction(_Targets):
    """Add substances or classes to a list, from the instrument's effective date on."""

    type: Literal["add"]
    list: str


class RemoveAction(_Targets):
    """Remove substances or classes from a list on the effective date."""

    type: Literal["remove"]
    list: str


class InForceByAction(_Targets):
    """State that the substances or classes were on ``list`` by the instrument's effective date.

    Evidence, not an act: a consolidated list, a snapshot or a statement shows that control
    was in force by that day, but not when it began. The start is a lower bound
    (``since_exact`` false): shown as "in force by D (start unknown)", never as an addition,
    never counted by ``diff``. Where the substance is already on ``list`` that day by a dated
    instrument, the action adds nothing. Use it in instruments of ``kind: list-edition``.
    """

    type: Literal["in-force-by"]
    list: str


class TransferAction(_Targets):
    """Move substances or classes from one list to another on the same day: no gap in control."""

    type: Literal["transfer"]
    from_list: str
    to_list: str


class TemporaryAction(_Targets):
    """Control until ``expires`` (exclusive: the first day no longer controlled), unless extended."""

    type: Literal["temporary"]
    list: str
    expires: Day


class ExtendAction(_Model):
    """Move the expiry of an earlier temporary control (instrument ``of``).

    ``expires`` is the new first day without control, or ``unknown`` when the
    extending text was not read; an unknown expiry must be followed by another
    extension of the same control, so the engine never invents an end.
    Without ``substances``/``classes`` the extension applies to everything the
    temporary control named.
    """

    type: Literal["extend"]
    of: Id
    expires: Day | Literal["unknown"]
    substances: tuple[Id, ...] = ()
    classes: tuple[Id, ...] = ()
    note: Text | None = None


Action = Annotated[
    AddAction | RemoveAction | TransferAction | TemporaryAction | ExtendAction | InForceByAction,
    Field(discriminator="type"),
]


class Instrument(_Model):
    """One legal act: what people cite. One file per instrument."""

    id: Id
    jurisdiction: JurisdictionCode
    kind: Literal[
        "statute",
        "regulation",
        "final-rule",
        "interim-rule",
        "temporary-order",
        "order",
        "decision",
        "announcement",
        "notice",
        "list-edition",
        "other",
    ]
    title: Text
    title_en: Text | None = None
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")] = "en"
    number: Text | None = None
    issuer: Annotated[tuple[Text, ...], Field(min_length=1)]
    url: Text | None = None
    dates: InstrumentDates
    confidence: Confidence
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]
    actions: tuple[Action, ...]
    """At least one, unless a list's ``incorporates`` names this instrument as ``by`` (checked at compile)."""
    note: Text | None = None


# --------------------------------------------------------------------------- editions


class EditionEntry(_Model):
    """One entry of a list as an edition publishes it."""

    substance: Id
    name_as_listed: Text | None = None
    entry: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    note: Text | None = None


class EditionList(_Model):
    """One list an edition states in full: every entry, none left out."""

    list: str
    entries: tuple[EditionEntry, ...]
    note: Text | None = None


class EditionException(_Model):
    """A documented, cited difference between an edition and the fold of the instruments.

    ``erratum``: the edition is wrong (a slip of the publisher); ``granularity``: the edition
    lists salts, isomers or preparations apart, or groups what the registry keeps apart;
    ``other``: anything else, explained in ``text``.
    """

    list: str
    substance: Id
    kind: Literal["erratum", "granularity", "other"]
    text: Text
    sources: Annotated[tuple[SourceRef, ...], Field(min_length=1)]


class Edition(_Model):
    """A consolidated list as an official body published it, stating the law of one day.

    ``schedlib validate`` folds the instruments to ``date`` and compares each list of the
    edition both ways (explicit listings only, not members of class rules); a difference
    that no exception explains is an error at the edition's FILE:LINE.
    """

    id: Id
    jurisdiction: JurisdictionCode
    title: Text
    date: Day
    source: SourceRef
    lists: Annotated[tuple[EditionList, ...], Field(min_length=1)]
    exceptions: tuple[EditionException, ...] = ()
    note: Text | None = None


FILE_KINDS: dict[str, type[BaseModel]] = {
    "registry": RegistryInfo,
    "families": FamiliesFile,
    "jurisdictions": JurisdictionsFile,
    "lists": ListsFile,
    "substance": Substance,
    "source": Source,
    "class-rule": ClassRule,
    "instrument": Instrument,
    "edition": Edition,
}
"""Each kind of registry file and the model that defines it."""


def json_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema (draft 2020-12) of every registry file kind, keyed by kind."""
    out: dict[str, dict[str, Any]] = {}
    for kind, model in FILE_KINDS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://schedlib.invalid/schema/{kind}.json"
        out[kind] = schema
    return out
