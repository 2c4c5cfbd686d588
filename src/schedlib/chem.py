"""Structural readings of class-wide controls (optional: ``pip install 'schedlib[chem]'``).

A *reading* is a versioned, machine-checkable interpretation of a class rule's
definition, written as data in the class rule's YAML (``readings:``): a core
SMARTS with numbered roles, the reference substance's parts, and one named
check per modification the definition lists. This module evaluates readings
with RDKit. Its answers are interpretations: a hit is "within the structural
definition under reading vN", never "listed".

Roles in the core SMARTS (atom-map numbers): 1 acyl carbonyl carbon, 2 amide
nitrogen, 3 the N-aryl attachment atom, 4 piperidine C4, 5 piperidine N1.
Parts: ``acyl`` (the R of R-C(=O)-), ``aryl`` (the group on the amide N),
``piperidine`` (substituents on the ring carbons), ``amine`` (the group on N1),
``amine-linker`` and ``amine-ring`` (for an N1-CH2-CH2-ring group).
"""

from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InvalidQueryError, SchedlibError

if TYPE_CHECKING:
    from .answers import Status
    from .models import ClassRule, Reading
    from .registry import Registry

__all__ = ["ChemUnavailableError", "Classification", "classify", "rdkit_available"]

INSTALL_HINT = "structural classification needs RDKit: pip install 'schedlib[chem]'"


class ChemUnavailableError(SchedlibError, ImportError):
    """RDKit is not installed; the message says how to install the extra."""


def rdkit_available() -> bool:
    try:
        import rdkit  # noqa: F401
    except ImportError:
        return False
    return True


_CHEM: Any = None


def _rdkit() -> Any:
    global _CHEM
    if _CHEM is not None:
        return _CHEM
    try:
        from rdkit import Chem, RDLogger
    except ImportError:
        raise ChemUnavailableError(INSTALL_HINT) from None
    RDLogger.DisableLog("rdApp.*")  # type: ignore[attr-defined]
    _CHEM = Chem
    return Chem


@dataclass(frozen=True, slots=True)
class Classification:
    """Whether a structure falls within one class rule's structural definition, under one reading.

    ``within`` is True, False, or None when the reading cannot decide (``reason`` says why) or the
    rule has no reading (``reading`` is empty, ``reason`` "no reading of this rule").
    ``modifications`` lists the ids of the definition's modifications the structure shows.
    ``listed_in`` names the lists of the jurisdiction on which the substance is listed by name that
    day (when the structure is a registry substance), whatever the reading says.
    """

    rule: str
    jurisdiction: str
    reading: str
    within: bool | None
    modifications: tuple[str, ...]
    explanation: str
    reason: str = ""
    citations: tuple[Any, ...] = ()
    substance: str | None = None
    status: Status | None = None
    in_force: bool = True
    excluded_by: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    listed_in: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "jurisdiction": self.jurisdiction,
            "reading": self.reading,
            "within": self.within,
            "modifications": list(self.modifications),
            "explanation": self.explanation,
            "reason": self.reason,
            "substance": self.substance,
            "status": self.status.to_dict() if self.status is not None else None,
            "in_force": self.in_force,
            "excluded_by": self.excluded_by,
            "listed_in": list(self.listed_in),
            "details": dict(self.details),
            "citations": [c.to_dict() for c in self.citations],
        }


# ----------------------------------------------------------------------------- structure


def parse_structure(text: str) -> Any:
    """A molecule from SMILES or a MOL block; the largest fragment (salts and solvents dropped), stereo kept."""
    Chem = _rdkit()
    if not isinstance(text, str) or not text.strip():
        raise InvalidQueryError("give a SMILES string or a MOL block")
    mol = Chem.MolFromMolBlock(text) if "\n" in text.strip() or "M  END" in text else Chem.MolFromSmiles(text.strip())
    if mol is None:
        raise InvalidQueryError(f"cannot read structure {text[:80]!r}: not valid SMILES or MOL block")
    frags = Chem.GetMolFrags(mol, asMols=True)
    return max(frags, key=lambda f: f.GetNumHeavyAtoms())


def _branch(mol: Any, start: int, blocked: set[int]) -> set[int]:
    """Atoms reachable from ``start`` without passing through ``blocked``."""
    seen = {start}
    stack = [start]
    while stack:
        a = mol.GetAtomWithIdx(stack.pop())
        for nb in a.GetNeighbors():
            j = nb.GetIdx()
            if j not in seen and j not in blocked:
                seen.add(j)
                stack.append(j)
    return seen


def _fragment_smiles(mol: Any, atoms: set[int], attach_from: int, attach_to: int) -> str:
    """Canonical SMILES of the group ``atoms`` with a dummy atom where it was bonded (``attach_from``)."""
    Chem = _rdkit()
    keep = set(atoms) | {attach_from}
    rw = Chem.RWMol(mol)
    for idx in sorted(set(range(mol.GetNumAtoms())) - keep, reverse=True):
        rw.RemoveAtom(idx)
    new = {old: i for i, old in enumerate(sorted(keep))}
    d = new[attach_from]
    dummy = rw.GetAtomWithIdx(d)
    dummy.SetAtomicNum(0)
    dummy.SetIsAromatic(False)
    dummy.SetFormalCharge(0)
    dummy.SetNoImplicit(True)
    dummy.SetNumExplicitHs(0)
    for b in list(dummy.GetBonds()):
        other = b.GetOtherAtomIdx(d)
        if other != new[attach_to]:
            rw.RemoveBond(d, other)
    frag = rw.GetMol()
    Chem.SanitizeMol(frag, catchErrors=True)
    return str(Chem.MolToSmiles(frag))


@functools.lru_cache(maxsize=256)
def _core(smarts: str) -> Any:
    query = _rdkit().MolFromSmarts(smarts)
    if query is None:
        raise SchedlibError(f"core SMARTS {smarts!r} does not parse")
    return query


@functools.lru_cache(maxsize=256)
def _canon(smiles: str) -> str:
    Chem = _rdkit()
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        raise InvalidQueryError(f"reading reference {smiles!r} is not valid SMILES")
    return str(Chem.MolToSmiles(mol))


def substituent_kind(mol: Any, atoms: set[int], attach: int) -> str:
    """Coarse kind of a substituent group: alkyl, alkenyl, haloalkyl, halo, hydroxy, alkoxy, ester, ether, amino, nitro,
    aryl (any group with an aromatic ring: a hydroxyphenyl is an aryl group, not a hydroxy group), cyclic (any other
    group with a ring) or other. The atom-based kinds describe open-chain groups only."""
    if any(mol.GetAtomWithIdx(i).GetIsAromatic() for i in atoms):
        return "aryl"
    if any(mol.GetAtomWithIdx(i).IsInRing() for i in atoms):
        return "cyclic"
    elems = [mol.GetAtomWithIdx(i).GetSymbol() for i in atoms]
    first = mol.GetAtomWithIdx(attach)
    sym = first.GetSymbol()
    if sym in ("F", "Cl", "Br", "I") and len(atoms) == 1:
        return "halo"
    if sym == "O":
        if len(atoms) == 1:
            return "hydroxy" if first.GetTotalNumHs() == 1 else "other"
        if all(e in ("C", "O") for e in elems) and not any(
            b.GetBondTypeAsDouble() == 2 for i in atoms for b in mol.GetAtomWithIdx(i).GetBonds()
        ):
            return "alkoxy"
        return "other"
    if sym == "N":
        if any(mol.GetAtomWithIdx(i).GetSymbol() == "O" for i in atoms) and first.GetFormalCharge() == 1:
            return "nitro"
        if all(e in ("N", "C") for e in elems) and not any(mol.GetAtomWithIdx(i).GetIsAromatic() for i in atoms):
            return "amino"
        return "other"
    if sym == "C":
        has_halo = any(e in ("F", "Cl", "Br", "I") for e in elems)
        carbonyl_o = [
            i
            for i in atoms
            if mol.GetAtomWithIdx(i).GetSymbol() == "O"
            and any(b.GetBondTypeAsDouble() == 2 for b in mol.GetAtomWithIdx(i).GetBonds())
        ]
        if carbonyl_o and all(e in ("C", "O") for e in elems):
            n_o = elems.count("O")
            return "ester" if n_o >= 2 else "other"
        if all(e == "C" for e in elems):
            if any(mol.GetAtomWithIdx(i).GetIsAromatic() for i in atoms):
                return "other"
            double = any(b.GetBondTypeAsDouble() >= 2 for i in atoms for b in mol.GetAtomWithIdx(i).GetBonds())
            return "alkenyl" if double else "alkyl"
        if has_halo and all(e in ("C", "F", "Cl", "Br", "I") for e in elems):
            return "haloalkyl"
        if all(e in ("C", "O") for e in elems):
            return "ether"
        return "other"
    return "other"


class _Frag:
    """A group of a molecule, compared with a reference group cheaply (size first, SMILES only if needed)."""

    __slots__ = ("_smiles", "atoms", "attach_from", "attach_to", "mol")

    def __init__(self, mol: Any, atoms: set[int], attach_from: int, attach_to: int) -> None:
        self.mol, self.atoms, self.attach_from, self.attach_to = mol, atoms, attach_from, attach_to
        self._smiles: str | None = None

    def smiles(self) -> str:
        if self._smiles is None:
            self._smiles = _fragment_smiles(self.mol, self.atoms, self.attach_from, self.attach_to)
        return self._smiles

    def same_as(self, reference: str) -> bool:
        return len(self.atoms) == _ref_size(reference) and self.smiles() == _canon(reference)


@functools.lru_cache(maxsize=256)
def _ref_size(smiles: str) -> int:
    mol = _rdkit().MolFromSmiles(smiles)
    return sum(1 for a in mol.GetAtoms() if a.GetAtomicNum() > 1 or a.GetAtomicNum() == 1)


@dataclass
class _Parts:
    acyl: _Frag | None  # None = formyl (hydrogen on the carbonyl)
    aryl: _Frag
    aryl_monocyclic_aromatic: bool
    amine: _Frag | None  # None = N1 carries hydrogen only (nor-compound)
    amine_linker_ring: bool  # N1-C-C-ring, ring a monocycle
    amine_ring: _Frag | None
    amine_linker_kinds: tuple[str, ...]
    piperidine_kinds: tuple[str, ...]


def _parts(mol: Any, match: dict[int, int]) -> _Parts:
    ri = mol.GetRingInfo()
    c1, n2, a3, c4, n5 = (match[k] for k in (1, 2, 3, 4, 5))
    ring = next(r for r in ri.AtomRings() if c4 in r and n5 in r)
    ring_set = set(ring)
    # acyl R group
    carbonyl = mol.GetAtomWithIdx(c1)
    o_dbl = [
        nb.GetIdx()
        for nb in carbonyl.GetNeighbors()
        if nb.GetSymbol() == "O" and mol.GetBondBetweenAtoms(c1, nb.GetIdx()).GetBondTypeAsDouble() == 2
    ]
    r_atoms = [nb.GetIdx() for nb in carbonyl.GetNeighbors() if nb.GetIdx() not in (n2, *o_dbl)]
    acyl = _Frag(mol, _branch(mol, r_atoms[0], {c1}), c1, r_atoms[0]) if r_atoms else None
    # aryl group on the amide N
    aryl_atoms = _branch(mol, a3, {n2})
    aryl = _Frag(mol, aryl_atoms, n2, a3)
    a3_rings = [set(r) for r in ri.AtomRings() if a3 in r]
    mono = (
        len(a3_rings) == 1
        and all(mol.GetAtomWithIdx(i).GetIsAromatic() for i in a3_rings[0])
        and all(ri.NumAtomRings(i) == 1 for i in a3_rings[0])
    )
    # group on the piperidine N1
    n1_subs = [nb.GetIdx() for nb in mol.GetAtomWithIdx(n5).GetNeighbors() if nb.GetIdx() not in ring_set]
    amine = None
    linker_ring = False
    amine_ring = None
    linker_kinds: list[str] = []
    if n1_subs:
        s0 = n1_subs[0]
        amine = _Frag(mol, _branch(mol, s0, {n5}), n5, s0)
        a = mol.GetAtomWithIdx(s0)
        if a.GetSymbol() == "C" and not a.IsInRing():
            nxt = [nb.GetIdx() for nb in a.GetNeighbors() if nb.GetIdx() != n5 and nb.GetSymbol() == "C" and not nb.IsInRing()]
            for b_idx in nxt:
                b = mol.GetAtomWithIdx(b_idx)
                ring_nbs = [nb.GetIdx() for nb in b.GetNeighbors() if nb.IsInRing()]
                if len(ring_nbs) == 1:
                    r_idx = ring_nbs[0]
                    r_rings = [set(r) for r in ri.AtomRings() if r_idx in r]
                    if len(r_rings) == 1 and all(ri.NumAtomRings(i) == 1 for i in r_rings[0]):
                        linker_ring = True
                        amine_ring = _Frag(mol, _branch(mol, r_idx, {b_idx}), b_idx, r_idx)
                        for lc, prev in ((s0, n5), (b_idx, s0)):
                            for nb in mol.GetAtomWithIdx(lc).GetNeighbors():
                                j = nb.GetIdx()
                                if j in (prev, b_idx, r_idx, s0) and j != lc:
                                    continue
                                if j == lc:
                                    continue
                                linker_kinds.append(substituent_kind(mol, _branch(mol, j, {lc}), j))
                        break
    # substituents on the piperidine ring carbons (C4's amide N excluded)
    pip_kinds: list[str] = []
    for idx in ring:
        if idx == n5:
            continue
        for nb in mol.GetAtomWithIdx(idx).GetNeighbors():
            j = nb.GetIdx()
            if j in ring_set or (idx == c4 and j == n2):
                continue
            pip_kinds.append(substituent_kind(mol, _branch(mol, j, {idx}), j))
    return _Parts(acyl, aryl, mono, amine, linker_ring, amine_ring, tuple(linker_kinds), tuple(pip_kinds))


def evaluate(reading: Reading, mol: Any, details: bool = False) -> tuple[bool | None, tuple[str, ...], str, dict[str, str]]:
    """Evaluate one reading: (within, modification ids, reason, details of the parts if asked)."""
    core = _core(reading.core)
    matches = mol.GetSubstructMatches(core, uniquify=True, useChirality=False)
    if not matches:
        return False, (), f"no {reading.core_name} core (the scaffold the definition starts from)", {}
    role = {a.GetAtomMapNum(): a.GetIdx() for a in core.GetAtoms() if a.GetAtomMapNum()}
    outcomes = []
    for mt in matches:
        match = {k: mt[v] for k, v in role.items()}
        parts = _parts(mol, match)
        within, mods, reason = _judge(reading, parts)
        info = _details(parts) if details else {}
        outcomes.append((within, mods, reason, info))
    decided = {(o[0], o[1]) for o in outcomes}
    if len(decided) > 1:
        return None, (), "the structure matches the core in more than one way with different outcomes", {}
    return outcomes[0]


def _details(p: _Parts) -> dict[str, str]:
    return {
        "acyl": p.acyl.smiles() if p.acyl else "[H]",
        "aryl": p.aryl.smiles(),
        "amine": p.amine.smiles() if p.amine else "[H]",
    }


def _judge(reading: Reading, p: _Parts) -> tuple[bool | None, tuple[str, ...], str]:
    ref = reading.reference
    if not p.aryl_monocyclic_aromatic:
        return False, (), "the group on the amide nitrogen is not a monocyclic aromatic ring"
    if p.amine is None:
        return False, (), "the piperidine nitrogen carries hydrogen: a nor-compound, not a replacement of phenethyl"
    if reading.amine_must_be == "ethyl-linked-monocycle" and not p.amine_linker_ring:
        return False, (), "the piperidine nitrogen does not carry a two-carbon chain to a monocycle"
    mods: list[str] = []
    unclear: list[str] = []
    for mod in reading.modifications:
        if mod.part == "acyl":
            changed = p.acyl is None or not p.acyl.same_as(ref["acyl"])
        elif mod.part == "aryl":
            changed = not p.aryl.same_as(ref["aryl"])
        elif mod.part == "amine":
            changed = p.amine is not None and not p.amine.same_as(ref["amine"])
        elif mod.part == "amine-ring":
            changed = p.amine_ring is not None and not p.amine_ring.same_as(ref["amine-ring"])
        elif mod.part in ("amine-linker", "piperidine"):
            kinds, where = (
                (p.amine_linker_kinds, "substituent of kind {} on the chain")
                if mod.part == "amine-linker"
                else (p.piperidine_kinds, "piperidine substituent of kind {}")
            )
            changed = bool(kinds)
            bad = sorted({k for k in kinds if mod.kinds and k not in mod.kinds})
            if bad:
                unclear.append(f"{mod.id}: {where.format(', '.join(bad))} is not among the kinds listed")
        else:  # pragma: no cover - the model restricts parts
            raise SchedlibError(f"unknown part {mod.part!r} in reading {reading.version}")
        if changed:
            mods.append(mod.id)
    if unclear:
        return None, tuple(mods), "; ".join(unclear)
    if not mods:
        return False, (), f"identical to the reference substance in every part the definition modifies ({reading.reference_name})"
    return True, tuple(mods), ""


# ----------------------------------------------------------------------------- API


def _in_force(reg: Registry, rule_id: str, on: _dt.date) -> tuple[bool, tuple[str, ...]]:
    ivs = reg._index.class_intervals.get(rule_id, ())
    hit = [iv for iv in ivs if iv.start <= on < iv.end]
    return bool(hit), tuple(iid for iv in hit for iid in (iv.instrument, *reg._extensions_by(iv, on)))


def _match_substance(reg: Registry, mol: Any) -> str | None:
    Chem = _rdkit()
    try:
        key = Chem.MolToInchiKey(mol)
    except Exception:  # pragma: no cover
        return None
    if not key:
        return None
    skeleton = key.split("-")[0]
    for sid, sub in reg.substances.items():
        ik = sub.identifiers.inchikey
        if ik and (ik == key or ik.split("-")[0] == skeleton):
            return sid
    return None


def classify(
    reg: Registry,
    structure: str,
    on: _dt.date | str | None = None,
    jurisdiction: str | None = None,
) -> tuple[Classification, ...]:
    """Classify a structure against every class rule (in force on ``on``, in ``jurisdiction``).

    A rule with a reading is evaluated under its latest reading; a rule in force without one is named
    too, with ``within`` None ("no reading of this rule"), so that no rule that may cover the structure
    goes unmentioned. When ``on`` is None, rules with a reading are shown whether in force today or not.
    """
    from .dates import parse_date

    day = parse_date(on, what="on") if on is not None else _dt.date.today()
    j = reg._jurisdiction(jurisdiction) if jurisdiction is not None else None
    mol = parse_structure(structure)
    sid = _match_substance(reg, mol)
    out: list[Classification] = []
    for rule in sorted(reg.classes.values(), key=lambda r: r.id):
        if j is not None and rule.jurisdiction != j:
            continue
        in_force, inst_ids = _in_force(reg, rule.id, day)
        if not in_force and (on is not None or not rule.readings):
            continue
        status = reg.status(sid, rule.jurisdiction, day) if sid else None
        listed = status.lists if status is not None and status.controlled is True and status.reason == "listed" else ()
        cits = tuple(reg.cite_instrument(i) for i in dict.fromkeys(inst_ids))
        if not rule.readings:
            text = (
                f"{rule.name} ({rule.jurisdiction}): no reading of this rule, so whether the structure is within its "
                "definition is unknown. A person must decide."
            )
            if listed:
                text += f" The substance is listed by name in {rule.jurisdiction} ({', '.join(listed)})."
            out.append(
                Classification(
                    rule=rule.id,
                    jurisdiction=rule.jurisdiction,
                    reading="",
                    within=None,
                    modifications=(),
                    explanation=text,
                    reason="no reading of this rule",
                    citations=cits,
                    substance=sid,
                    status=status,
                    in_force=in_force,
                    listed_in=listed,
                )
            )
            continue
        reading = rule.readings[-1]
        within, mods, reason, details = evaluate(reading, mol, details=True)
        excluded = None
        if within and listed and _yields(rule):
            excluded = f"listed by name ({', '.join(listed)}): controlled under that listing, not as a class member"
        out.append(
            Classification(
                rule=rule.id,
                jurisdiction=rule.jurisdiction,
                reading=reading.version,
                within=within,
                modifications=mods,
                explanation=_explain(rule, reading, within, mods, reason, in_force, day, excluded)
                + (f" The substance is listed by name in {rule.jurisdiction} ({', '.join(listed)})." if listed and not excluded else ""),
                reason=reason,
                citations=cits,
                substance=sid,
                status=status,
                in_force=in_force,
                excluded_by=excluded,
                details=details,
                listed_in=listed,
            )
        )
    return tuple(out)


def _yields(rule: ClassRule) -> bool:
    return any(x.kind == "listed-by-name" for x in rule.exclusions)


def _explain(
    rule: ClassRule,
    reading: Reading,
    within: bool | None,
    mods: tuple[str, ...],
    reason: str,
    in_force: bool,
    day: _dt.date,
    excluded: str | None,
) -> str:
    names = {m.id: f"{m.id} ({m.text})" for m in reading.modifications}
    head = f"{rule.name} ({rule.jurisdiction}), reading {reading.version}: "
    if within is None:
        text = head + f"unclear — {reason}. A person must decide."
    elif within:
        text = (
            head
            + "within the structural definition under reading "
            + reading.version
            + "; modifications shown: "
            + "; ".join(names[m] for m in mods)
            + "."
        )
        if excluded:
            text += f" Not a class member in law: {excluded}."
    else:
        text = head + f"not within the structural definition: {reason}."
    if not in_force:
        text += f" The class rule is not in force on {day}."
    return text + " This is an interpretation of the definition, not a listing."
