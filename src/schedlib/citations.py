"""Citations of answers and instruments, as plain text, Markdown, BibTeX and CSL-JSON.

``cite(answer)`` cites every instrument behind an answer and, last, the
registry itself (version and digest), so that a report can be checked later
against the same data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from .answers import Citation, Diff, Event, Gap, Status
from .errors import InvalidQueryError

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["Style", "address_of", "citations_of", "cite"]

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
