"""Build the compiled index (:mod:`schedlib.index`) from validated schema models and folded intervals.

The only module that reads schema models to make index records: the queries never see a
pydantic object. Identical source references are shared, so the cached index stays small.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import index as ix
from .names import jurisdiction_table, name_table, salt_cas_table

if TYPE_CHECKING:
    from collections.abc import Callable

    from . import models as m
    from .loader import RegistryData

    _Ref = Callable[[m.SourceRef], ix.SourceRef]

__all__ = ["build"]


def build(data: RegistryData, index: ix.Index, names: dict[str, set[str]] | None = None) -> ix.Compiled:
    """The compiled index of ``data`` (validated) and its folded ``index``; ``names`` if already computed."""
    refs: dict[tuple[str, str | None], ix.SourceRef] = {}

    def ref(r: m.SourceRef) -> ix.SourceRef:
        key = (r.source, r.locator)
        got = refs.get(key)
        if got is None:
            got = refs[key] = ix.SourceRef(r.source, r.locator)
        return got

    successors: dict[str, list[str]] = {}
    for lid, cl in data.lists.items():
        for prev in cl.replaces:
            successors.setdefault(prev, []).append(lid)
    info = data.info
    return ix.Compiled(
        root=str(data.root),
        digest=data.digest,
        info=ix.Info(info.name, info.version, info.description, info.as_of, info.license),
        families={k: ix.Family(f.id, f.name, f.regime) for k, f in data.families.items()},
        jurisdictions={k: ix.Jurisdiction(j.id, j.name, j.kind) for k, j in data.jurisdictions.items()},
        lists={k: _list(cl, tuple(sorted(successors.get(k, ())))) for k, cl in data.lists.items()},
        substances={k: _substance(s, ref) for k, s in data.substances.items()},
        sources={
            k: ix.Source(s.id, s.kind, s.medium, s.issuer, s.title, s.title_en, s.url) for k, s in data.sources.items()
        },
        classes={
            k: ix.ClassRule(
                c.id,
                c.jurisdiction,
                c.name,
                c.family,
                tuple(ix.Member(mem.substance, tuple(ref(r) for r in mem.sources)) for mem in c.members),
                tuple(ix.Candidate(cand.substance, cand.note) for cand in c.candidates),
            )
            for k, c in data.classes.items()
        },
        instruments={k: _instrument(i, ref) for k, i in data.instruments.items()},
        index=index,
        names=names if names is not None else name_table(data.substances, data.instruments),
        jurisdiction_names=jurisdiction_table(data.jurisdictions),
        salt_cas=salt_cas_table(data.substances),
    )


def _list(cl: m.ControlList, successors: tuple[str, ...]) -> ix.ControlList:
    cov = cl.coverage
    return ix.ControlList(
        cl.id,
        cl.jurisdiction,
        cl.name,
        cl.regime,
        cl.established,
        ix.Coverage(cov.complete_from, cov.families, cov.substances, cov.edition, cov.note),
        cl.replaces,
        successors,
        cl.notice,
    )


def _substance(s: m.Substance, ref: _Ref) -> ix.Substance:
    i = s.identifiers
    return ix.Substance(
        s.id,
        s.name,
        tuple(ix.Synonym(y.name, y.lang, y.kind, None if y.source is None else ref(y.source)) for y in s.synonyms),
        ix.Identifiers(i.cas, i.salt_cas, i.inchikey, i.smiles, i.pubchem_cid, i.unii, i.dea_code),
        s.families,
        tuple(ref(r) for r in s.sources),
        s.note,
    )


def _instrument(inst: m.Instrument, ref: _Ref) -> ix.Instrument:
    from . import models as m  # loaded already: the models were built before the index

    d = inst.dates
    temporary = next((a.expires for a in inst.actions if isinstance(a, m.TemporaryAction)), None)
    extends = tuple((a.of, a.expires) for a in inst.actions if isinstance(a, m.ExtendAction))
    return ix.Instrument(
        inst.id,
        inst.jurisdiction,
        inst.title,
        inst.title_en,
        inst.number,
        inst.issuer,
        inst.url,
        str(d.signed.date) if d.signed else None,
        str(d.published.date) if d.published else None,
        str(d.effective.date),
        d.effective.date.earliest(),
        d.effective.confidence or inst.confidence,
        inst.confidence,
        tuple(ref(r) for r in inst.sources),
        temporary,
        extends,
    )
