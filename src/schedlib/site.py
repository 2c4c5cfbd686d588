"""Pages generated from the registry for a documentation site.

:func:`registry_pages` returns ``{path: markdown}`` for one page per
jurisdiction, control list, substance, instrument and class rule, a matrix of
who controls what, and an index. Substance and list pages carry an SVG
timeline made here (no JavaScript). All registry text is HTML-escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from .engine import FOREVER, Interval

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["registry_pages", "timeline_svg"]

_COLOURS = {"listed": "#1f6feb", "temporary": "#d29922", "class": "#8250df", "derivative": "#2da44e"}


def _md(text: str) -> str:
    """Escape text for a Markdown table cell (HTML-escaped, pipes protected)."""
    return escape(text).replace("|", "&#124;").replace("\n", " ")


def timeline_svg(rows: Sequence[tuple[str, Sequence[Interval]]], today: dt.date, title: str) -> str:
    """An SVG with one row per label and one bar per interval (colour = basis)."""
    starts = [iv.start for _, ivs in rows for iv in ivs]
    if not starts:
        return ""
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(today.year + 1, 1, 1)
    span = (last - first).days or 1
    label_w, width, row_h = 210, 900, 26
    plot_w = width - label_w - 10
    height = row_h * len(rows) + 40

    def x(d: dt.date) -> float:
        d = min(max(d, first), last)
        return label_w + plot_w * (d - first).days / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" style="max-width:{width}px" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
    ]
    for year in range(first.year, last.year + 1, max(1, (last.year - first.year) // 12 or 1)):
        xx = x(dt.date(year, 1, 1))
        parts.append(f'<line x1="{xx:.1f}" y1="14" x2="{xx:.1f}" y2="{height - 20}" stroke="#ddd"/>')
        parts.append(f'<text x="{xx:.1f}" y="{height - 6}" text-anchor="middle" fill="#555">{year}</text>')
    tx = x(today)
    parts.append(f'<line x1="{tx:.1f}" y1="10" x2="{tx:.1f}" y2="{height - 20}" stroke="#cf222e" stroke-dasharray="3,3"/>')
    for i, (label, ivs) in enumerate(rows):
        y = 16 + i * row_h
        parts.append(f'<text x="4" y="{y + 13}" fill="#111">{escape(label[:30])}</text>')
        for iv in ivs:
            end = today if iv.end == FOREVER else iv.end
            x0, x1 = x(iv.start), x(end)
            colour = _COLOURS.get(iv.basis, "#888")
            tip = f"{iv.list_id}: {iv.start} – {'' if iv.end == FOREVER else iv.end} ({iv.basis}; {iv.instrument})"
            parts.append(
                f'<rect x="{x0:.1f}" y="{y + 2}" width="{max(x1 - x0, 1.5):.1f}" height="{row_h - 6}" '
                f'fill="{colour}" opacity="0.85"><title>{escape(tip)}</title></rect>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _legend() -> str:
    items = " ".join(
        f'<span style="display:inline-block;width:10px;height:10px;background:{c}"></span> {b}' for b, c in _COLOURS.items()
    )
    return f"<p>{items}; dashed line: today.</p>"


def _stamp(reg: Registry) -> str:
    return f"\n\n---\nGenerated from schedlib registry {escape(reg.version)}, digest `{reg.digest}`.\n"


def _status_cell(reg: Registry, sid: str, j: str, day: dt.date) -> str:
    st = reg.status(sid, j, day)
    if st.controlled:
        return "✔ " + ("listed" if st.reason == "listed" else f"class ({_md(st.via or '')})") + f" since {st.since}"
    if st.controlled is None:
        return f"? unknown: {st.reason}" + (f" ({_md(st.via)})" if st.via else "")
    detail = {
        "later": f" (from {st.next_change})",
        "removed": f" (on {st.ended_on})",
        "expired": f" (on {st.ended_on})",
    }.get(st.reason, "")
    return f"✘ {st.reason}{detail}"


def _substance_page(reg: Registry, sid: str, today: dt.date) -> str:
    s = reg.substances[sid]
    loc = reg._data.locate("substance", sid)
    lines = [f"# {_md(s.name)}", "", f"Registry id `{sid}`; defined in `registry/{loc.path}`.", ""]
    if s.families:
        lines.append("Families: " + ", ".join(f"`{f}`" for f in s.families) + "\n")
    if s.synonyms:
        lines += ["## Names", "", "| name | language | kind |", "|---|---|---|"]
        lines += [f"| {_md(n.name)} | {n.lang} | {n.kind} |" for n in s.synonyms]
        lines.append("")
    ident = s.identifiers
    pairs = [
        ("CAS RN", ", ".join(ident.cas)),
        ("InChIKey", ident.inchikey),
        ("UNII", ident.unii),
        ("DEA code", ident.dea_code),
        ("PubChem CID", str(ident.pubchem_cid) if ident.pubchem_cid else None),
    ]
    known = [(k, v) for k, v in pairs if v]
    if known:
        lines += (
            ["## Identifiers", "", "| identifier | value |", "|---|---|"] + [f"| {k} | {_md(v or '')} |" for k, v in known] + [""]
        )
    if s.note:
        lines += [f"> {_md(s.note)}", ""]
    lines += [f"## Status on {today}", "", "| jurisdiction | status |", "|---|---|"]
    lines += [f"| {j} | {_status_cell(reg, sid, j, today)} |" for j in sorted(reg.jurisdictions)]
    ivs = reg._index.by_substance.get(sid, ())
    rows = [(j, [iv for iv in ivs if iv.jurisdiction == j]) for j in sorted(reg.jurisdictions)]
    rows = [r for r in rows if r[1]]
    if rows:
        lines += ["", "## Timeline", "", timeline_svg(rows, today, f"Control of {s.name}"), _legend(), ""]
    events = reg.history(sid)
    if events:
        lines += ["## History", "", "| date | J | event | list | detail | instrument |", "|---|---|---|---|---|---|"]
        for e in events:
            lst = f"{e.from_list} → {e.list}" if e.kind == "moved" else e.list
            detail = e.note + (f"; expires {e.expires}" if e.expires else "")
            cite = e.citation
            inst = f"[{_md(cite.number or cite.title_en or cite.title)}](../instruments/{cite.instrument}.md)"
            mark = " (secondary source)" if cite.kind == "secondary" else ""
            lines.append(f"| {e.date} | {e.jurisdiction} | {e.kind} | `{lst}` | {_md(detail)} | {inst}{mark} |")
    return "\n".join(lines) + _stamp(reg)


def _list_page(reg: Registry, lid: str, today: dt.date) -> str:
    cl = reg.lists[lid]
    prev, nxt = reg.lineage(lid)
    cov = cl.coverage
    lines = [
        f"# {_md(cl.name)}",
        "",
        f"List id `{lid}`, {cl.jurisdiction}, regime `{cl.regime}`."
        + (f" Local name: {_md(cl.name_local)}." if cl.name_local else ""),
        "",
    ]
    if cl.legal_basis:
        lines += [f"Legal basis: {_md(cl.legal_basis)}", ""]
    fams = ", ".join(cov.families) if cov.families else "all substances"
    lines += [f"**Coverage**: complete from {cov.complete_from or 'no date (incomplete)'} for {fams}. {_md(cov.note)}", ""]
    if prev or nxt:
        lines += [
            "**Lineage**: replaces "
            + (", ".join(f"[`{p}`]({p}.md)" for p in prev) or "nothing")
            + "; replaced by "
            + (", ".join(f"[`{n}`]({n}.md)" for n in nxt) or "nothing")
            + ".",
            "",
        ]
    members = reg.controlled(cl.jurisdiction, today, regime=cl.regime, in_list=lid)
    lines += [f"## Members on {today} ({len(members)})", "", "| substance | reason | since |", "|---|---|---|"]
    for st in members:
        via = f" ({_md(st.via)})" if st.via else ""
        lines.append(f"| [{_md(st.substance.name)}](../substances/{st.substance.id}.md) | {st.reason}{via} | {st.since} |")
    ivs = [
        iv
        for sid in reg._index.by_jurisdiction.get(cl.jurisdiction, ())
        for iv in reg._index.by_substance[sid]
        if iv.list_id == lid
    ]
    by_sub: dict[str, list[Interval]] = {}
    for iv in ivs:
        by_sub.setdefault(iv.substance, []).append(iv)
    rows = sorted(((reg.substances[s].name, v) for s, v in by_sub.items()), key=lambda r: (min(iv.start for iv in r[1]), r[0]))
    if rows:
        lines += ["", "## Timeline", "", timeline_svg(rows, today, f"Entries of {cl.name}"), _legend(), ""]
    return "\n".join(lines) + _stamp(reg)


def _instrument_page(reg: Registry, iid: str) -> str:
    inst = reg.instruments[iid]
    cit = reg.cite_instrument(iid)
    loc = reg._data.locate("instrument", iid)
    lines = [f"# {_md(inst.title_en or inst.title)}", ""]
    if inst.title_en:
        lines += [f"Original title: {_md(inst.title)}", ""]
    lines += [
        "| field | value |",
        "|---|---|",
        f"| id | `{iid}` |",
        f"| jurisdiction | {inst.jurisdiction} |",
        f"| kind | {inst.kind} |",
        f"| number | {_md(inst.number or '—')} |",
        f"| issuer | {_md('; '.join(inst.issuer))} |",
        f"| signed | {cit.signed or '—'} |",
        f"| published | {cit.published or '—'} |",
        f"| effective | {cit.effective} ({cit.effective_confidence}) |",
        f"| confidence | {inst.confidence} |",
        f"| citation | {cit.kind} |",
        f"| file | `registry/{loc.path}` |",
        "",
    ]
    if inst.note:
        lines += [f"> {_md(inst.note)}", ""]
    lines += ["## Actions", ""]
    for a in inst.actions:
        if a.type == "extend":
            lines.append(f"- **extend** [`{a.of}`]({a.of}.md) to {a.expires}")
            continue
        where = f"`{a.from_list}` → `{a.to_list}`" if a.type == "transfer" else f"`{getattr(a, 'list', '')}`"
        extra = f" until {a.expires}" if a.type == "temporary" else ""
        names = [
            f"[{_md(reg.substances[e.substance].name)}](../substances/{e.substance}.md)"
            + (f" (entry {e.entry})" if e.entry else "")
            for e in a.substances
        ]
        names += [f"class [`{c}`](../classes/{c}.md)" for c in a.classes]
        lines.append(f"- **{a.type}** {where}{extra}: " + ", ".join(names))
    lines += ["", "## Sources", ""]
    for s in cit.sources:
        link = f" <{s.url}>" if s.url else ""
        lines.append(f"- {_md(s.title)} — {s.kind}, {s.medium}{'; ' + _md(s.locator) if s.locator else ''}{link}")
    return "\n".join(lines) + _stamp(reg)


def _class_page(reg: Registry, cid: str) -> str:
    rule = reg.classes[cid]
    lines = [
        f"# {_md(rule.name)}",
        "",
        f"Class id `{cid}`, {rule.jurisdiction}." + (f" Local name: {_md(rule.name_local)}." if rule.name_local else ""),
        "",
    ]
    lines += ["## Definition (paraphrase)", "", _md(rule.definition), ""]
    ivs = reg._index.class_intervals.get(cid, ())
    if ivs:
        lines += ["## In force", ""] + [
            f"- `{iv.list_id}` from {iv.start}"
            + ("" if iv.end == FOREVER else f" to {iv.end}")
            + f" ([`{iv.instrument}`](../instruments/{iv.instrument}.md))"
            for iv in ivs
        ]
        lines.append("")
    if rule.exclusions:
        lines += ["## Exclusions", ""] + [f"- {x.kind}: {_md(x.text)}" for x in rule.exclusions] + [""]
    lines += [f"## Curated members ({len(rule.members)})", "", "| substance | source | note |", "|---|---|---|"]
    for mem in rule.members:
        src = "; ".join(_md(reg.sources[r.source].title) + (f", {_md(r.locator)}" if r.locator else "") for r in mem.sources)
        lines.append(
            f"| [{_md(reg.substances[mem.substance].name)}](../substances/{mem.substance}.md) | {src} | {_md(mem.note or '')} |"
        )
    return "\n".join(lines) + _stamp(reg)


def _matrix_page(reg: Registry, days: Sequence[dt.date], families: Sequence[str]) -> str:
    js = sorted(reg.jurisdictions)
    lines = [
        "# Who controls what",
        "",
        "Substances of the families " + ", ".join(f"`{f}`" for f in families) + ", per jurisdiction, on several dates.",
        "",
    ]
    subs = sorted(
        (s for s in reg.substances.values() if set(families) & set(s.families)),
        key=lambda s: s.name.casefold(),
    )
    for day in days:
        lines += [f"## On {day}", "", "| substance | " + " | ".join(js) + " |", "|---|" + "---|" * len(js)]
        for s in subs:
            cells = []
            for j in js:
                st = reg.status(s.id, j, day)
                cells.append(
                    "✔"
                    if st.controlled and st.reason == "listed"
                    else (
                        "✔ class"
                        if st.controlled
                        else ("?" if st.reason == "not-covered" else f"? {st.reason}")
                        if st.controlled is None
                        else {"never": "✘"}.get(st.reason, f"✘ {st.reason}")
                    )
                )
            lines.append(f"| [{_md(s.name)}](substances/{s.id}.md) | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(
        "✔ listed by name; ✔ class: within a class rule or a listing's scope; "
        "✘: not controlled (with reason); ?: unknown (not covered by the registry's data; ? class-possible: a class rule "
        "in force may cover it; ? uncertain: inside the window of an imprecise date)."
    )
    return "\n".join(lines) + _stamp(reg)


def registry_pages(
    reg: Registry,
    today: dt.date | None = None,
    matrix_days: Sequence[dt.date] = (),
    matrix_families: Sequence[str] = (),
) -> dict[str, str]:
    """Markdown pages, keyed by path under the docs directory (``registry/...``).

    The "who controls what" matrix covers the substances of ``matrix_families`` (all
    substances when empty) on each of ``matrix_days`` and today.
    """
    today = today or dt.date.today()
    pages: dict[str, str] = {}
    for sid in reg.substances:
        pages[f"registry/substances/{sid}.md"] = _substance_page(reg, sid, today)
    for lid in reg.lists:
        pages[f"registry/lists/{lid}.md"] = _list_page(reg, lid, today)
    for iid in reg.instruments:
        pages[f"registry/instruments/{iid}.md"] = _instrument_page(reg, iid)
    for cid in reg.classes:
        pages[f"registry/classes/{cid}.md"] = _class_page(reg, cid)
    for j, jur in reg.jurisdictions.items():
        lists = reg.lists_of(j)
        lines = [
            f"# {_md(jur.name)}",
            "",
            _md(jur.note or ""),
            "",
            "| list | regime | coverage | members today |",
            "|---|---|---|---|",
        ]
        for cl in lists:
            n = len(reg.controlled(j, today, regime=cl.regime, in_list=cl.id))
            cov = f"complete from {cl.coverage.complete_from}" if cl.coverage.complete_from else "incomplete"
            lines.append(f"| [{_md(cl.name)}](../lists/{cl.id}.md) | {cl.regime} | {cov} | {n} |")
        insts = sorted((i for i in reg.instruments.values() if i.jurisdiction == j), key=lambda i: str(i.dates.effective.date))
        lines += ["", f"## Instruments ({len(insts)})", ""]
        lines += [f"- {i.dates.effective.date}: [{_md(i.title_en or i.title)}](../instruments/{i.id}.md)" for i in insts]
        pages[f"registry/jurisdictions/{j}.md"] = "\n".join(lines) + _stamp(reg)
    pages["registry/matrix.md"] = _matrix_page(reg, [*matrix_days, today], tuple(matrix_families) or tuple(reg.families))
    idx = [
        "# The registry",
        "",
        f"Registry {escape(reg.version)}: {len(reg.substances)} substances, {len(reg.instruments)} instruments, "
        f"{len(reg.lists)} control lists, {len(reg.classes)} class rules, {len(reg.sources)} sources.",
        "",
        "- [Who controls what (matrix)](matrix.md)",
        "",
        "## Jurisdictions",
        "",
    ]
    idx += [f"- [{_md(jur.name)}](jurisdictions/{j}.md)" for j, jur in sorted(reg.jurisdictions.items())]
    idx += ["", "## Class rules", ""] + [
        f"- [{_md(c.name)}](classes/{cid}.md) ({c.jurisdiction})" for cid, c in sorted(reg.classes.items())
    ]
    idx += ["", "## Substances", ""] + [
        f"- [{_md(s.name)}](substances/{s.id}.md)" for s in sorted(reg.substances.values(), key=lambda s: s.name.casefold())
    ]
    pages["registry/index.md"] = "\n".join(idx) + _stamp(reg)
    return pages
