"""Read a registry directory strictly and check every cross-reference.

The loader reads every file, collects *every* error (YAML, schema, references,
engine folding) and raises one :class:`RegistryValidationError` listing them all
as ``FILE:LINE: message``. Nothing in the data is executed or imported.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from . import models as m
from .dates import reduce_by_fields
from .errors import RegistryError
from .files import MAX_ERRORS as MAX_ERRORS
from .files import MAX_ERRORS_PER_FILE as MAX_ERRORS_PER_FILE
from .files import MAX_FILE_BYTES as MAX_FILE_BYTES
from .files import MAX_TOTAL_BYTES as MAX_TOTAL_BYTES
from .files import _Errors, digest_of, registry_digest
from .files import read_files as _read_files
from .provenance import PublishersFile, check_policy
from .yamlstrict import Path, YamlProblem, read_yaml

__all__ = ["Located", "RegistryData", "digest_of", "read_registry", "registry_digest"]

T = TypeVar("T", bound=BaseModel)

# Top-level layout: (relative glob, model, one record per file?)
_SINGLE_FILES: dict[str, type[BaseModel]] = {
    "registry.yaml": m.RegistryInfo,
    "families.yaml": m.FamiliesFile,
    "jurisdictions.yaml": m.JurisdictionsFile,
    "publishers.yaml": PublishersFile,
}
_RECORD_DIRS: dict[str, type[BaseModel]] = {
    "substances": m.Substance,
    "sources": m.Source,
    "classes": m.ClassRule,
    "instruments": m.Instrument,
    "editions": m.Edition,
}

_ALL_FIELDS: frozenset[str] = frozenset(
    name for model in vars(m).values() if isinstance(model, type) and issubclass(model, BaseModel) for name in model.model_fields
)


@dataclass(frozen=True, slots=True)
class Located:
    """Where a record lives: its file (relative to the registry root) and line map."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return reduce_by_fields(self)

    path: str
    lines: Mapping[Path, int]
    base: Path = ()

    def line(self, *sub: str | int) -> int:
        """Line of ``sub`` (a path inside the record), or of its nearest known parent."""
        key: Path = self.base + tuple(sub)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def at(self, *sub: str | int) -> Located:
        return Located(self.path, self.lines, self.base + tuple(sub))


@dataclass(slots=True)
class RegistryData:
    """Validated models of a registry, with where each came from."""

    root: FsPath
    info: m.RegistryInfo
    digest: str
    families: dict[str, m.Family] = field(default_factory=dict)
    jurisdictions: dict[str, m.Jurisdiction] = field(default_factory=dict)
    lists: dict[str, m.ControlList] = field(default_factory=dict)
    substances: dict[str, m.Substance] = field(default_factory=dict)
    sources: dict[str, m.Source] = field(default_factory=dict)
    classes: dict[str, m.ClassRule] = field(default_factory=dict)
    instruments: dict[str, m.Instrument] = field(default_factory=dict)
    editions: dict[str, m.Edition] = field(default_factory=dict)
    where: dict[tuple[str, str], Located] = field(default_factory=dict)
    publishers: PublishersFile | None = None
    """The source policy (``publishers.yaml``); None if the registry has none (then no policy is checked)."""
    policy_pending: list[str] = field(default_factory=list)
    """Policy violations in files listed as ``pending`` in ``publishers.yaml``: reported, not failed."""

    def locate(self, kind: str, ident: str) -> Located:
        return self.where.get((kind, ident), Located("?", {}))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # The root is pickled as a string: a pathlib class is named differently on each Python
        # (``pathlib._local.PosixPath`` on 3.13), and the cache's unpickler admits no pathlib class.
        values = tuple(getattr(self, name) for name in self.__dataclass_fields__)
        return _registry_data, (str(self.root), *values[1:])


def _registry_data(root: str, *values: Any) -> RegistryData:
    """Rebuild a pickled :class:`RegistryData` (see ``RegistryData.__reduce__``)."""
    return RegistryData(FsPath(root), *values)



def _follow(data: Any, loc: tuple[int | str, ...]) -> Path:
    """Map a pydantic error location onto the data's own path (skipping union tags)."""
    path: list[str | int] = []
    cur = data
    for part in loc:
        if isinstance(cur, dict) and isinstance(part, str) and part in cur:
            nxt = cur.get(part)
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            nxt = cur[part]
        else:
            continue  # a union tag or a missing key: the error stays at the parent's line
        path.append(part)
        cur = nxt
    return tuple(path)


def _validation_messages(exc: ValidationError, data: Any, lines: Mapping[Path, int]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        path = _follow(data, loc)
        line = 1
        key = path
        while True:
            if key in lines:
                line = lines[key]
                break
            if not key:
                break
            key = key[:-1]
        where = ".".join(
            str(p)
            for p in loc
            if not (isinstance(p, str) and ("[" in p or p in ("add", "remove", "transfer", "temporary", "extend", "in-force-by")))
        )
        etype = err["type"]
        if etype == "extra_forbidden":
            name = str(loc[-1])
            close = difflib.get_close_matches(name, sorted(_ALL_FIELDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            out.append((line, f"unknown field {name!r}{hint}"))
        elif etype == "missing":
            out.append((line, f"missing required field {where!r}"))
        elif etype == "union_tag_invalid":
            out.append((line, f"{where}: action type must be one of add, remove, transfer, temporary, extend, in-force-by"))
        else:
            msg = str(err["msg"]).removeprefix("Value error, ")
            out.append((line, f"{where}: {msg}" if where else msg))
    return out


def parse_bytes(rel: str, data_bytes: bytes, model: type[T], errors: _Errors) -> tuple[T, Located] | None:
    try:
        data, lines = read_yaml(data_bytes)
    except YamlProblem as exc:
        errors.add(rel, exc.line, exc.message)
        return None
    if not isinstance(data, dict):
        errors.add(rel, 1, f"expected a mapping of fields ({model.__name__}), got {type(data).__name__}")
        return None
    try:
        obj = model.model_validate(data)
    except ValidationError as exc:
        for line, msg in _validation_messages(exc, data, lines):
            errors.add(rel, line, msg)
        return None
    return obj, Located(rel, lines)


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    lowered = [k for k in known if k.lower() == name.lower() and k != name]
    close = lowered + [c for c in close if c not in lowered]
    return f"; did you mean {', '.join(repr(c) for c in close[:3])}?" if close else ""


def read_registry(root: str | os.PathLike[str]) -> tuple[RegistryData | None, list[RegistryError]]:
    """Read and check a registry; return the data (None if unusable) and every error found."""
    root = FsPath(root)
    errors = _Errors()
    if not root.is_dir():
        errors.add(str(root), 0, "registry directory does not exist")
        return None, errors.items
    contents = _read_files(root, errors)
    if contents is None:
        return None, errors.items
    info: m.RegistryInfo | None = None
    data = RegistryData(root=root, info=m.RegistryInfo(name="?", version="0000.0", description="?"), digest="")

    def record(kind: str, ident: str, loc: Located, store: dict[str, Any], obj: Any) -> None:
        if ident in store:
            first = data.where[(kind, ident)]
            errors.at(loc, f"duplicate {kind} id {ident!r} (first defined at {first.path}:{first.line()})", "id")
            return
        store[ident] = obj
        data.where[(kind, ident)] = loc

    for rel, raw in contents:
        name = rel.rsplit("/", 1)[-1]
        top = rel.split("/", 1)[0]
        if rel in _SINGLE_FILES:
            parsed = parse_bytes(rel, raw, _SINGLE_FILES[rel], errors)
            if parsed is None:
                continue
            obj, loc = parsed
            if isinstance(obj, m.RegistryInfo):
                info = obj
            elif isinstance(obj, m.FamiliesFile):
                for i, fam in enumerate(obj.families):
                    record("family", fam.id, loc.at("families", i), data.families, fam)
            elif isinstance(obj, m.JurisdictionsFile):
                for i, jur in enumerate(obj.jurisdictions):
                    record("jurisdiction", jur.id, loc.at("jurisdictions", i), data.jurisdictions, jur)
            elif isinstance(obj, PublishersFile):
                data.publishers = obj
                data.where[("policy", "publishers")] = loc
        elif top == "lists" and rel.count("/") == 1:
            parsed_lists = parse_bytes(rel, raw, m.ListsFile, errors)
            if parsed_lists is None:
                continue
            lf, loc = parsed_lists
            for i, cl in enumerate(lf.lists):
                record("list", cl.id, loc.at("lists", i), data.lists, cl)
        elif top in _RECORD_DIRS and "/" in rel:
            model = _RECORD_DIRS[top]
            parsed_rec = parse_bytes(rel, raw, model, errors)
            if parsed_rec is None:
                continue
            rec_model, loc = parsed_rec
            rec: Any = rec_model
            ident = rec.id
            stem = name[: -len(".yaml")]
            if stem != ident and ident.split(".", 1)[-1] != stem:
                errors.at(
                    loc,
                    f"file name {name!r} does not match id {ident!r}; "
                    f"name the file {ident}.yaml or {ident.split('.', 1)[-1]}.yaml",
                    "id",
                )
            kind = top[:-1] if top != "classes" else "class"
            if kind in ("instrument", "edition"):
                parts = rel.split("/")
                if len(parts) < 3 or parts[1].upper() != rec.jurisdiction:
                    errors.at(loc, f"{kind} files live in {top}/{rec.jurisdiction.lower()}/", "jurisdiction")
            record(kind, ident, loc, getattr(data, top), rec)
        else:
            errors.add(
                rel,
                1,
                "unexpected file: registry files go in registry.yaml, families.yaml, jurisdictions.yaml, "
                "publishers.yaml, lists/, substances/, sources/, classes/, instruments/ or editions/",
            )
    if info is None:
        if not any(e.path == "registry.yaml" for e in errors.items):
            errors.add("registry.yaml", 0, "missing: every registry has a registry.yaml with name, version and description")
        return None, errors.items
    data.info = info
    data.digest = registry_digest(contents)
    _check_references(data, errors)
    if data.publishers is not None:
        data.policy_pending = check_policy(
            data, data.publishers, data.locate("policy", "publishers"), contents, errors.add
        )
    return data, errors.items


def _check_references(data: RegistryData, errors: _Errors) -> None:
    suggestions: dict[tuple[str, str], str] = {}  # a hostile file may name one unknown id a million times

    def need(kind: str, ident: str, known: Mapping[str, Any], loc: Located, *sub: str | int) -> bool:
        if ident in known:
            return True
        if not errors.accepting(loc.path):  # only counted: no suggestion needed
            errors.at(loc, "", *sub)
            return False
        hint = suggestions.get((kind, ident))
        if hint is None:
            hint = suggestions[(kind, ident)] = _suggest(ident, known)
        errors.at(loc, f"unknown {kind} {ident!r}{hint}", *sub)
        return False

    def refs(src: Iterable[m.SourceRef], loc: Located, *sub: str | int) -> None:
        for i, ref in enumerate(src):
            need("source", ref.source, data.sources, loc, *sub, i, "source")

    for lid, cl in data.lists.items():
        loc = data.locate("list", lid)
        need("jurisdiction", cl.jurisdiction, data.jurisdictions, loc, "jurisdiction")
        if not lid.startswith(cl.jurisdiction.lower() + "."):
            errors.at(loc, f"list id {lid!r} must start with '{cl.jurisdiction.lower()}.'", "id")
        for i, fam in enumerate(cl.coverage.families or ()):
            need("family", fam, data.families, loc, "coverage", "families", i)
        for i, sid in enumerate(cl.coverage.substances or ()):
            need("substance", sid, data.substances, loc, "coverage", "substances", i)
        for i, prev in enumerate(cl.replaces):
            if need("list", prev, data.lists, loc, "replaces", i) and data.lists[prev].jurisdiction != cl.jurisdiction:
                errors.at(loc, f"list {lid!r} cannot replace {prev!r} of another jurisdiction", "replaces", i)
    _check_lineage_cycles(data, errors)

    for sid, sub in data.substances.items():
        loc = data.locate("substance", sid)
        for i, fam in enumerate(sub.families):
            need("family", fam, data.families, loc, "families", i)
        refs(sub.sources, loc, "sources")
        for i, syn in enumerate(sub.synonyms):
            if syn.source is not None:
                need("source", syn.source.source, data.sources, loc, "synonyms", i, "source", "source")
    seen_ids: dict[tuple[str, str], str] = {}
    seen_where: dict[tuple[str, str], tuple[Located, tuple[str | int, ...]]] = {}
    for sid, sub in data.substances.items():
        loc = data.locate("substance", sid)
        keys: list[tuple[str, str, tuple[str | int, ...]]] = [
            ("CAS RN", c, ("identifiers", "cas", i)) for i, c in enumerate(sub.identifiers.cas)
        ]
        keys += [("CAS RN", c, ("identifiers", "salt_cas", i)) for i, c in enumerate(sub.identifiers.salt_cas)]
        if sub.identifiers.inchikey:
            keys.append(("InChIKey", sub.identifiers.inchikey, ("identifiers", "inchikey")))
        if sub.identifiers.unii:
            keys.append(("UNII", sub.identifiers.unii, ("identifiers", "unii")))
        if sub.identifiers.dea_code:
            keys.append(("DEA code", sub.identifiers.dea_code, ("identifiers", "dea_code")))
        for label, value, sub_path in keys:
            other = seen_ids.get((label, value))
            if other is not None:
                errors.at(loc, f"{label} {value} is also given for substance {other!r}; one chemical, one substance", *sub_path)
                first_loc, first_path = seen_where[(label, value)]
                errors.at(
                    first_loc, f"{label} {value} is also given for substance {sid!r}; one chemical, one substance", *first_path
                )
            else:
                seen_ids[(label, value)] = sid
                seen_where[(label, value)] = (loc, sub_path)

    for cid, rule in data.classes.items():
        loc = data.locate("class", cid)
        need("jurisdiction", rule.jurisdiction, data.jurisdictions, loc, "jurisdiction")
        if rule.family:
            need("family", rule.family, data.families, loc, "family")
        if rule.reference_substance:
            need("substance", rule.reference_substance, data.substances, loc, "reference_substance")
        refs(rule.sources, loc, "sources")
        members_seen: set[str] = set()
        for i, mem in enumerate(rule.members):
            if mem.substance == cid or mem.substance in data.classes:
                errors.at(loc, f"class {cid!r} cannot list a class ({mem.substance!r}) as a member", "members", i, "substance")
                continue
            need("substance", mem.substance, data.substances, loc, "members", i, "substance")
            if mem.substance in members_seen:
                errors.at(loc, f"member {mem.substance!r} is listed twice", "members", i, "substance")
            members_seen.add(mem.substance)
            refs(mem.sources, loc, "members", i, "sources")
        for i, cand in enumerate(rule.candidates):
            need("substance", cand.substance, data.substances, loc, "candidates", i, "substance")
            if cand.substance in members_seen:
                errors.at(loc, f"{cand.substance!r} is both a member and a candidate", "candidates", i, "substance")
            members_seen.add(cand.substance)

    for iid, inst in data.instruments.items():
        loc = data.locate("instrument", iid)
        need("jurisdiction", inst.jurisdiction, data.jurisdictions, loc, "jurisdiction")
        refs(inst.sources, loc, "sources")
        for ai, action in enumerate(inst.actions):
            if isinstance(action, m.ExtendAction):
                if need("instrument", action.of, data.instruments, loc, "actions", ai, "of"):
                    target = data.instruments[action.of]
                    if not any(isinstance(a, m.TemporaryAction) for a in target.actions):
                        errors.at(loc, f"instrument {action.of!r} makes no temporary control to extend", "actions", ai, "of")
                for si, s in enumerate(action.substances):
                    need("substance", s, data.substances, loc, "actions", ai, "substances", si)
                for ci, c in enumerate(action.classes):
                    need("class", c, data.classes, loc, "actions", ai, "classes", ci)
                continue
            list_fields = ["from_list", "to_list"] if isinstance(action, m.TransferAction) else ["list"]
            for lf in list_fields:
                lid = getattr(action, lf)
                if need("list", lid, data.lists, loc, "actions", ai, lf) and data.lists[lid].jurisdiction != inst.jurisdiction:
                    errors.at(
                        loc,
                        f"instrument of {inst.jurisdiction} cannot change list {lid!r} of {data.lists[lid].jurisdiction}",
                        "actions",
                        ai,
                        lf,
                    )
            for si, entry in enumerate(action.substances):
                need("substance", entry.substance, data.substances, loc, "actions", ai, "substances", si, "substance")
                for ci, cov in enumerate(entry.covers):
                    need(
                        "substance",
                        cov.substance,
                        data.substances,
                        loc,
                        "actions",
                        ai,
                        "substances",
                        si,
                        "covers",
                        ci,
                        "substance",
                    )
                if entry.covers and not isinstance(action, (m.AddAction, m.TemporaryAction)):
                    errors.at(
                        loc, "only add and temporary actions can cover derivatives", "actions", ai, "substances", si, "covers"
                    )
            for ci, cid in enumerate(action.classes):
                if need("class", cid, data.classes, loc, "actions", ai, "classes", ci) and (
                    data.classes[cid].jurisdiction != inst.jurisdiction
                ):
                    errors.at(loc, f"class {cid!r} belongs to {data.classes[cid].jurisdiction}", "actions", ai, "classes", ci)
            names = [e.substance for e in action.substances]
            dup = {n for n in names if names.count(n) > 1}
            for n in sorted(dup):
                errors.at(loc, f"substance {n!r} is named twice in one action", "actions", ai, "substances")


def _check_lineage_cycles(data: RegistryData, errors: _Errors) -> None:
    state: dict[str, int] = {}

    def visit(lid: str, trail: list[str]) -> None:
        if state.get(lid) == 2:
            return
        if state.get(lid) == 1:
            cycle = [*trail[trail.index(lid) :], lid]
            errors.at(data.locate("list", lid), "list lineage has a cycle: " + " -> ".join(cycle), "replaces")
            return
        state[lid] = 1
        for prev in data.lists[lid].replaces:
            if prev in data.lists:
                visit(prev, [*trail, lid])
        state[lid] = 2

    for lid in sorted(data.lists):
        visit(lid, [])
