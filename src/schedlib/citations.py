"""Citations of answers and instruments, as plain text, Markdown, BibTeX and CSL-JSON.

``cite(answer)`` cites every instrument behind an answer and, last, the
registry itself (version and digest), so that a report can be checked later
against the same data.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from .answers import Citation, Diff, Event, Gap, Status
from .errors import InvalidQueryError

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["Style", "address_of", "citation_keys", "citations_of", "cite", "find_instruments"]

Style = Literal["text", "markdown", "bibtex", "csl-json"]
STYLES: tuple[str, ...] = ("text", "markdown", "bibtex", "csl-json")


def citations_of(obj: object, reg: Registry) -> tuple[Citation, ...]:
    """The instrument citations behind an answer (deduplicated, in order of appearance)."""
    found: list[Citation] = []
    if isinstance(obj, Citation):
        found = [obj]
    elif isinstance(obj, Status):
        found = list(obj.citations)
    elif isinstance(obj, Gap):
        for e in obj:
            found += list(e.present.citations) + list(e.absent.citations)
    elif isinstance(obj, Diff):
        found = [e.citation for e in obj.events]
    elif isinstance(obj, Event):
        found = [obj.citation]
    elif isinstance(obj, str):
        if obj not in reg.instruments:
            raise InvalidQueryError(f"no instrument {obj!r} in the registry")
        found = [reg.cite_instrument(obj)]
    elif isinstance(obj, Iterable):
        for item in obj:
            found += list(citations_of(item, reg))
    else:
        raise InvalidQueryError(f"cannot cite a {type(obj).__name__}; pass an answer, a Citation or an instrument id")
    seen: set[str] = set()
    out: list[Citation] = []
    for c in found:
        if c.instrument not in seen:
            seen.add(c.instrument)
            out.append(c)
    return tuple(out)


def _year(c: Citation) -> str:
    for d in (c.published, c.signed, c.effective):
        if d and d[:4].isdigit():
            return d[:4]
    return "n.d."


def _key(c: Citation) -> str:
    return re.sub(r"[^A-Za-z0-9:_-]+", "-", c.instrument).strip("-")


def address_of(c: Citation, any_source: bool = True) -> str | None:
    """The address to cite for an instrument: its own ``url``, else that of its first primary source, else (with
    ``any_source``) that of its first source with an address."""
    if c.url:
        return c.url
    for want_primary in (True, False) if any_source else (True,):
        for s in c.sources:
            if s.url and (s.kind == "primary" or not want_primary):
                return s.url
    return None


def _sources_text(c: Citation, markdown: bool = False) -> str:
    parts = []
    for s in c.sources:
        where = (f"<{s.url}>" if markdown else s.url) if s.url else None
        parts.append(f"{s.title} ({s.medium}{', ' + where if where else ''})")
    return "; ".join(parts)


def _text(c: Citation, markdown: bool = False) -> str:
    issuer = "; ".join(c.issuer)
    parts = [issuer, c.title]
    if c.title_en and c.title_en != c.title:
        parts.append(f"[{c.title_en}]")
    if c.number:
        parts.append(c.number)
    dates = [f"{k} {v}" for k, v in (("signed", c.signed), ("published", c.published)) if v]
    dates.append(f"effective {c.effective}")
    parts.append(", ".join(dates))
    text = ". ".join(p.rstrip(".") for p in parts if p) + "."
    address = address_of(c, any_source=False)
    if address:
        text += f" <{address}>" if markdown else f" {address}"
    if c.kind == "secondary":
        text += f" Official text not seen; known from: {_sources_text(c, markdown)}."
    return text


def _registry_text(reg: Registry) -> str:
    return f"schedlib registry {reg.version} ({reg.info.name}), sha256 {reg.digest}."


def _bib_escape(text: str) -> str:
    return text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}").replace("&", "\\&").replace("%", "\\%")


def _bibtex(c: Citation) -> str:
    fields = {
        "title": _bib_escape(c.title_en or c.title),
        "author": "{" + _bib_escape(" and ".join(c.issuer)) + "}",
        "year": _year(c),
        "number": _bib_escape(c.number) if c.number else None,
        "note": _bib_escape(
            (f"Original title: {c.title}. " if c.title_en and c.title_en != c.title else "")
            + f"Effective {c.effective} ({c.effective_confidence})."
            + (f" Known from secondary sources: {_sources_text(c)}." if c.kind == "secondary" else "")
        ),
        "url": address_of(c),
        "howpublished": _bib_escape(c.jurisdiction),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@misc{{{_key(c)},\n{body}\n}}"


def _registry_bibtex(reg: Registry) -> str:
    return (
        f"@misc{{schedlib-registry-{reg.version},\n"
        f"  title = {{schedlib registry {reg.version}}},\n"
        f"  author = {{{{schedlib developers}}}},\n"
        f"  version = {{{reg.version}}},\n"
        f"  note = {{sha256 {reg.digest}}}\n}}"
    )


def _date_parts(d: str | None) -> dict[str, Any] | None:
    if not d or d == "unknown":
        return None
    return {"date-parts": [[int(x) for x in d.split("-")]]}


def _csl(c: Citation) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": _key(c),
        "type": "legislation",
        "title": c.title_en or c.title,
        "original-title": c.title,
        "authority": "; ".join(c.issuer),
        "jurisdiction": c.jurisdiction,
        "number": c.number,
        "URL": address_of(c),
        "note": f"effective {c.effective} ({c.effective_confidence}); sources: {c.kind}"
        + (f"; known from: {_sources_text(c)}" if c.kind == "secondary" else ""),
    }
    issued = _date_parts(c.published) or _date_parts(c.signed) or _date_parts(c.effective)
    if issued:
        item["issued"] = issued
    return {k: v for k, v in item.items() if v is not None}


def _registry_csl(reg: Registry) -> dict[str, Any]:
    return {
        "id": f"schedlib-registry-{reg.version}",
        "type": "dataset",
        "title": f"schedlib registry {reg.version}",
        "version": reg.version,
        "note": f"sha256 {reg.digest}",
    }


def cite(obj: object, reg: Registry, style: str = "text", include_registry: bool = True) -> str:
    """Format the citations behind ``obj`` (an answer, a :class:`Citation`, or an instrument id)."""
    if style not in STYLES:
        raise InvalidQueryError(f"unknown citation style {style!r}; use one of {', '.join(STYLES)}")
    cits = citations_of(obj, reg)
    if style == "csl-json":
        items = [_csl(c) for c in cits] + ([_registry_csl(reg)] if include_registry else [])
        return json.dumps(items, ensure_ascii=False, indent=2)
    if style == "bibtex":
        entries = [_bibtex(c) for c in cits] + ([_registry_bibtex(reg)] if include_registry else [])
        return "\n\n".join(entries)
    lines = [_text(c, style == "markdown") for c in cits] + ([_registry_text(reg)] if include_registry else [])
    if style == "markdown":
        return "\n".join(f"{i + 1}. {line}" for i, line in enumerate(lines))
    return "\n".join(lines)


# --------------------------------------------------------------------------- finding an instrument by its citation

_KEY_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("FR", re.compile(r"(\d{1,3})\s*(?:F\.?\s?R\.?|Fed\.?\s*Reg\.?)\s*(\d{1,6})\b", re.I)),
    ("FR Doc", re.compile(r"FR\s*Doc\.?\s*(?:No\.?:?\s*)?([A-Z]?\d{1,4}-\d{3,6})", re.I)),
    ("Pub. L.", re.compile(r"(?:Pub\.?\s*L\.?|P\.\s*L\.)\s*(?:No\.?\s*)?(\d{2,3})[-–](\d{1,4})", re.I)),
    ("SOR", re.compile(r"\b(SOR|SI|DORS|TR)\s*/\s*(\d{2,4})-(\d{1,4})", re.I)),
    ("OJ", re.compile(r"\bOJ\s*([LC])\s*(\d{1,4})(?:\s*/\s*\d+)?\s*,\s*(\d{1,2})\.(\d{1,2})\.(\d{4})", re.I)),
    ("EU act", re.compile(r"(?<![/.\w])((?:19|20)\d{2})/(\d{1,4})(?:/(?:EU|EC|EEC|JHA|CFSP))?(?![\d/])", re.I)),
    ("EU act", re.compile(r"\(E[UC]\)\s*(?:No\s*)?((?:19|20)\d{2})/(\d{1,4})", re.I)),
    ("EU act", re.compile(r"\b(\d{1,4})/((?:19|20)\d{2})/(?:EU|EC|EEC|JHA)\b", re.I)),
    ("UN symbol", re.compile(r"\b((?:E|ST)/(?:[A-Z0-9.]+/)*[A-Z0-9.]*\d[A-Z0-9.]*(?:/Add\.\d+)?)", re.I)),
    ("UN symbol", re.compile(r"\b(C\.N\.\d+\.\d{4}\.TREATIES-[IVX]+\.\d+(?:\.[a-z])?)", re.I)),
    ("CN number", re.compile(r"((?:19|20)\d{2})\s*年\s*第\s*(\d{1,4})\s*号")),
    ("CN number", re.compile(r"〔\s*((?:19|20)\d{2})\s*〕\s*(\d{1,4})\s*号")),
)
_CND = re.compile(r"(?:CND\s+)?decisions?\s+((?:\d{1,2}/\d{1,2}(?:\s*(?:,|and)\s*)?)+)", re.I)


def citation_keys(text: str) -> set[tuple[str, str]]:
    """The citation numbers found in ``text``, each as (kind, normalised value): "83 FR 5188" -> ("FR", "83:5188")."""
    keys: set[tuple[str, str]] = set()
    for kind, pat in _KEY_PATTERNS:
        for m in pat.finditer(text):
            groups = [g for g in m.groups() if g is not None]
            if kind == "EU act" and pat.pattern.startswith(r"\b(\d{1,4})/"):
                groups = [groups[1], groups[0]]  # 98/34/EC style: number/year
            if kind == "SOR":
                year = groups[1] if len(groups[1]) == 4 else ("19" + groups[1] if int(groups[1]) > 50 else "20" + groups[1])
                groups = [groups[0].upper(), year, str(int(groups[2]))]
            elif kind == "OJ":
                groups = [groups[0].upper(), str(int(groups[1])), f"{int(groups[2])}.{int(groups[3])}.{groups[4]}"]
            elif kind in ("FR", "Pub. L.", "CN number", "EU act"):
                groups = [str(int(g)) if g.isdigit() else g for g in groups]
            keys.add((kind, ":".join(g.upper() if kind in ("FR Doc", "UN symbol") else g for g in groups)))
    for m in _CND.finditer(text):
        for num in re.findall(r"\d{1,2}/\d{1,2}", m.group(1)):
            a, b = num.split("/")
            keys.add(("CND decision", f"{int(a)}/{int(b)}"))
    return keys


def _instrument_keys(reg: Registry, iid: str) -> set[tuple[str, str]]:
    inst = reg.instruments[iid]
    texts = [inst.number or "", inst.title, inst.title_en or ""]
    for ref in inst.sources:
        src = reg.sources.get(ref.source)
        if ref.locator:
            texts.append(ref.locator)
        if src is not None:
            texts.append(src.number or "")
            if src.kind == "primary":
                texts.append(src.title)
    return citation_keys(" ; ".join(texts))


def _shown(key: tuple[str, str]) -> str:
    """A citation key written back as people write it."""
    kind, value = key
    parts = value.split(":")
    if kind == "FR":
        return f"{parts[0]} FR {parts[1]}"
    if kind == "Pub. L.":
        return f"Pub. L. {parts[0]}-{parts[1]}"
    if kind == "SOR":
        return f"{parts[0]}/{parts[1]}-{parts[2]}"
    if kind == "OJ":
        return f"OJ {parts[0]} {parts[1]}, {parts[2]}"
    if kind == "EU act":
        return f"{parts[0]}/{parts[1]}"
    if kind == "CN number":
        return f"{parts[0]}年第{parts[1]}号"
    if kind == "CND decision":
        return f"CND decision {value}"
    if kind == "FR Doc":
        return f"FR Doc {value}"
    return value


def find_instruments(reg: Registry, citation: str) -> list[str]:
    """Instrument ids whose citation matches ``citation`` ("83 FR 5188", "SOR/2017-278", "CND decision 61/1",
    "OJ L 123, 19.5.2018", "(EU) 2018/1023", "2015年第10号", or an instrument id).

    Raises :class:`InvalidQueryError` when nothing matches, naming the closest citations the registry holds.
    """
    if citation in reg.instruments:
        return [citation]
    wanted = citation_keys(citation)
    if not wanted:
        raise InvalidQueryError(
            f"{citation!r} is not a citation schedlib can read: try an FR citation (83 FR 5188), an FR Doc number, a"
            " public law (Pub. L. 117-43), a SOR number (SOR/2017-278), a CND decision (CND decision 61/1), an OJ"
            " reference (OJ L 123, 19.5.2018), an EU act number ((EU) 2018/1023), a Chinese announcement number"
            " (2015年第10号) or an instrument id"
        )
    index: dict[tuple[str, str], set[str]] = {}
    for iid in reg.instruments:
        for key in _instrument_keys(reg, iid):
            index.setdefault(key, set()).add(iid)
    hits: set[str] | None = None
    for key in wanted:
        found = index.get(key, set())
        hits = found if hits is None else hits & found
    if hits:
        return sorted(hits, key=lambda i: (str(reg.instruments[i].dates.effective.date), i))
    kinds = {k for k, _ in wanted}
    known = {_shown(key): key for key in index if key[0] in kinds}
    close = difflib.get_close_matches(" ".join(_shown(k) for k in sorted(wanted)), sorted(known), n=5, cutoff=0.6)
    hint = f"; closest in the registry: {', '.join(close)}" if close else ""
    raise InvalidQueryError(f"no instrument in the registry cites {citation!r}{hint}")
