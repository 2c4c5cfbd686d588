"""mkdocs hook: the page "Where the facts come from" is computed from the registry at build time.

Tokens replaced in ``provenance.md``: ``{{ provenance.publishers }}`` (the official publishers and the deny
lists of ``registry/publishers.yaml``), ``{{ provenance.kinds }}`` (per jurisdiction, instruments by the best
kind of source they cite) and ``{{ provenance.secondary }}`` (every instrument that does not cite its official
act at an official address, with what it rests on and why).
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

import schedlib
from schedlib.loader import RegistryData, read_registry
from schedlib.provenance import PublishersFile, instrument_kinds

KINDS = ("official-act", "official-copy", "official-statement", "secondary")
LABELS = {
    "official-act": "official act at an official address",
    "official-copy": "official text read from a copy",
    "official-statement": "official statement (not the act)",
    "secondary": "secondary only",
}


def _data() -> tuple[RegistryData, PublishersFile]:
    data, errors = read_registry(schedlib.bundled_registry_path())
    if data is None or errors or data.publishers is None:
        raise ValueError(f"the registry does not read cleanly: {errors[:3]}")
    return data, data.publishers


def _cell(text: str) -> str:
    return html.escape(" ".join(text.split())).replace("|", "&#124;")


def _publishers(pf: PublishersFile) -> str:
    rows = ["| Jurisdiction | Official publisher | Domains |", "|---|---|---|"]
    for p in pf.publishers:
        rows.append(f"| {p.jurisdiction} | {_cell(p.name)} | {', '.join(f'`{d}`' for d in p.domains)} |")
    out = ["\n".join(rows), "", "**Only as `read_via` of an official document** (document-sharing sites):", ""]
    out += [f"- `{d.domain}`: {_cell(d.reason)}" for d in pf.read_via_only]
    out += ["", "**Never cited:**", ""]
    out += [f"- `{d.domain}`: {_cell(d.reason)}" for d in pf.never]
    return "\n".join(out)


def _kinds(data: RegistryData, pf: PublishersFile) -> str:
    kinds = instrument_kinds(data, pf)
    per: dict[str, Counter[str]] = {}
    for iid, kind in kinds.items():
        per.setdefault(data.instruments[iid].jurisdiction, Counter())[kind] += 1
    head = "| Jurisdiction | Instruments | " + " | ".join(LABELS[k] for k in KINDS) + " | Share citing the official act |"
    rows = [head, "|---|" + "---:|" * (len(KINDS) + 2)]
    for j in sorted(per):
        c = per[j]
        total = sum(c.values())
        share = f"{100 * c['official-act'] / total:.0f} %" if total else "-"
        rows.append(f"| {j} | {total} | " + " | ".join(str(c[k]) for k in KINDS) + f" | {share} |")
    return "\n".join(rows)


def _why(data: RegistryData, iid: str) -> str:
    inst = data.instruments[iid]
    text = inst.note or ""
    for ref in inst.sources:
        src = data.sources.get(ref.source)
        if src is not None and src.note and ("official" in src.note or "not" in src.note):
            text = text or src.note
    text = " ".join(text.split())
    return text[:240] + ("…" if len(text) > 240 else "")


def _secondary(data: RegistryData, pf: PublishersFile) -> str:
    kinds = instrument_kinds(data, pf)
    out: list[str] = []
    for j in sorted({i.jurisdiction for i in data.instruments.values()}):
        ids = sorted(i for i, k in kinds.items() if k != "official-act" and data.instruments[i].jurisdiction == j)
        if not ids:
            continue
        out += [f"### {j}: {len(ids)}", "", "| Instrument | Best source | Sources | Why (from the data) |", "|---|---|---|---|"]
        for iid in ids:
            inst = data.instruments[iid]
            media = ", ".join(sorted({data.sources[r.source].medium for r in inst.sources if r.source in data.sources}))
            out.append(f"| `{iid}` | {LABELS[kinds[iid]]} | {_cell(media)} | {_cell(_why(data, iid))} |")
        out.append("")
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if "{{ provenance." not in markdown:
        return markdown
    data, pf = _data()
    return (
        markdown.replace("{{ provenance.publishers }}", _publishers(pf))
        .replace("{{ provenance.kinds }}", _kinds(data, pf))
        .replace("{{ provenance.secondary }}", _secondary(data, pf))
    )
