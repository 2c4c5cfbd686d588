"""Pages generated from the registry for a documentation site.

`registry_pages` returns ``{path: markdown}`` for one page per
jurisdiction, control list, substance, instrument and class rule, a matrix of
who controls what, an overview and an index of substances by initial. Substance
and list pages carry a timeline made here in HTML and CSS (no JavaScript).

Registry text never reaches Markdown as Markdown: in Markdown contexts every
punctuation character Markdown could read as markup is written as a numeric
character reference (`md_text`), and in HTML blocks text is HTML-escaped.
The sections holding tables and timelines carry ``data-search-exclude`` on their
heading, so that the search index holds a page's title, its first paragraphs and,
as the page's search ``tags``, its names and identifiers, not every row of every table.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from .engine import FOREVER, Interval

if TYPE_CHECKING:
    from .answers import Event, Status
    from .registry import Registry

__all__ = ["md_text", "registry_pages", "status_text", "timeline_html"]

_BASES = ("listed", "temporary", "class", "derivative")

# Every ASCII character that Markdown, its extensions (tables, attr_list, toc) or autorefs may read as markup.
_MD_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>&~:\"'=^$%@/;")

# A table with more rows than this gets a filter box (the site's table script) and a folded timeline.
_BIG = 30
# A list with more entries than this has no timeline of its own (each entry's is on its substance's page).
_HUGE = 120


def md_text(text: str) -> str:
    """Registry text for a Markdown context (a heading, a table cell, a link text), shown verbatim.

    Punctuation becomes numeric character references, which Markdown passes through
    and the browser shows as the characters; line breaks become spaces.
    """
    return "".join(f"&#{ord(c)};" if c in _MD_SPECIAL else c for c in text.replace("\r", " ").replace("\n", " "))


_md = md_text


def _h(text: str) -> str:
    return escape(text, quote=True)


def _h2(text: str) -> str:
    """A section heading whose section the search index leaves out (its rows are on other pages, or are names in tags)."""
    return f"## {text} {{ data-search-exclude }}"


def _front(title: str, tags: Iterable[str] = (), boost: float | None = None, *, searched: bool = True) -> str:
    """YAML front matter: the page title and the search tags (names, identifiers).

    The theme puts a page's title into the navigation as HTML, so it is HTML-escaped here; tags
    are indexed as text.
    """
    lines = ["---", f"title: {json.dumps(_h(title), ensure_ascii=False)}"]
    if not searched:
        lines.append("search: {exclude: true}")
    tags = [t for t in dict.fromkeys(tags) if t]
    if tags:
        lines.append("tags: [" + ", ".join(json.dumps(t, ensure_ascii=False) for t in tags) + "]")
        lines.append("hide: [tags]")
    if boost is not None:
        lines.append(f"search: {{boost: {boost}}}")
    return "\n".join([*lines, "---", ""]) + "\n"


def _table_block(head: Sequence[str], rows: Sequence[Sequence[str]], extra: str = "") -> list[str]:
    """A Markdown table (cells already escaped) in a block the search index skips.

    Tables longer than ``_BIG`` rows are marked for the site's filter box; every
    table of the block can be sorted by a click on its header.
    """
    kind = ("sl-table sl-filter" if len(rows) > _BIG else "sl-table") + (f" {extra}" if extra else "")
    out = ["", f'<div class="{kind}" markdown>', ""]
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    out += ["", "</div>", ""]
    return out


def _lang(tag: str) -> str:
    return _h(tag)


def timeline_html(rows: Sequence[tuple[str, Sequence[Interval]]], today: dt.date, title: str) -> str:
    """A timeline in HTML and CSS: one row per label, one bar per interval (colour = basis).

    Text is page text (it keeps its size on a phone); below 600 px the labels go above their bars.
    """
    starts = [iv.start for _, ivs in rows for iv in ivs]
    if not starts:
        return ""
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date(today.year + 1, 1, 1)
    span = (last - first).days or 1

    def pct(d: dt.date) -> float:
        d = min(max(d, first), last)
        return 100 * (d - first).days / span

    out = [f'<div class="sl-timeline" role="group" aria-label="{_h(title)}">']
    today_mark = f'<span class="sl-tl-today" style="left:{pct(today):.2f}%"></span>'
    for label, ivs in rows:
        bars = []
        for iv in ivs:
            end = today if iv.end == FOREVER else iv.end
            x0, x1 = pct(iv.start), pct(end)
            tip = f"{iv.start} – {'' if iv.end == FOREVER else iv.end}, {iv.basis}"
            basis = iv.basis if iv.basis in _BASES else "other"
            bars.append(
                f'<span class="sl-tl-bar sl-{basis}" style="left:{x0:.2f}%;width:{max(x1 - x0, 0.3):.2f}%" title="{_h(tip)}"></span>'
            )
        out.append(
            f'<div class="sl-tl-row"><span class="sl-tl-label">{_h(label)}</span>'
            f'<span class="sl-tl-track">{"".join(bars)}{today_mark}</span></div>'
        )
    years = list(range(first.year, last.year + 1, max(1, (last.year - first.year) // 10 or 1)))
    ticks = "".join(
        f'<span class="sl-tl-year{" sl-minor" if i % 2 else ""}" style="left:{pct(dt.date(y, 1, 1)):.2f}%">{y}</span>'
        for i, y in enumerate(years)
    )
    out.append(
        f'<div class="sl-tl-row sl-tl-axis"><span class="sl-tl-label"></span><span class="sl-tl-track">{ticks}</span></div>'
    )
    legend = " ".join(f'<span class="sl-tl-key sl-{b}"></span> {b}' for b in _BASES)
    out.append(f'<p class="sl-tl-legend">{legend}; dashed line: today ({today}).</p></div>')
    return "".join(out)


def _timeline_block(rows: Sequence[tuple[str, Sequence[Interval]]], today: dt.date, title: str) -> list[str]:
    html = timeline_html(rows, today, title)
    if len(rows) > _BIG:
        html = f'<details class="sl-details"><summary>Timeline of the {len(rows)} entries</summary>{html}</details>'
    return ["", html, ""]


def _stamp(reg: Registry) -> str:
    return (
        f"\n\n---\n\n<p class='sl-stamp'>Generated from schedlib registry {_h(reg.version)}, "
        f"digest <code>{_h(reg.digest)}</code> (in full).</p>\n"
    )


def status_text(st: Status) -> str:
    """One status in words, the same on every page: ✔ controlled, ✘ not controlled, ? not covered (HTML-safe)."""
    if st.controlled:
        how = "listed" if st.reason == "listed" else f"class ({_md(st.via or '')})"
        return f"✔ {how} since {st.since}"
    if st.controlled is None:
        if st.reason == "not-covered":
            return "? not covered by the registry's data"
        return f"? unknown: {st.reason}" + (f" ({_md(st.via)})" if st.via else "")
    detail = {
        "later": f" (from {st.next_change})",
        "removed": f" (removed on {st.ended_on})",
        "expired": f" (expired on {st.ended_on})",
    }.get(st.reason, "")
    return f"✘ not controlled{detail}"


def _status_symbol(st: Status) -> str:
    if st.controlled:
        return "✔" if st.reason == "listed" else "✔ class"
    if st.controlled is None:
        return "?" if st.reason == "not-covered" else f"? {st.reason}"
    return "✘" if st.reason == "never" else f"✘ {st.reason}"


_LEGEND = (
    "**Legend**: ✔ listed by name; ✔ class: within a class rule or a listing's scope; "
    "✘ not controlled (with its reason unless never listed); ? not covered: the registry's data for that jurisdiction "
    "do not cover the substance on that day (cannot say); ? class-possible: a class rule in force may cover it; "
    "? uncertain: the day is inside the window of an imprecise date."
)


def _list_link(lid: str, up: str = "../lists/") -> str:
    return f"[`{lid}`]({up}{lid}.md)"


def _history_block(events: Sequence[Event]) -> list[str]:
    """A substance's history as a table whose citation (the instrument) is the second column.

    On a phone the first columns are what a reader sees without scrolling sideways: the date and the
    instrument that says so come first. A jurisdiction shared by every row is said once above the table.
    """
    one = len({e.jurisdiction for e in events}) == 1
    body = []
    for e in events:
        lst = f"{_list_link(e.from_list)} → {_list_link(e.list)}" if e.kind == "moved" and e.from_list else _list_link(e.list)
        detail = e.note + (f"; expires {e.expires}" if e.expires else "")
        cite = e.citation
        inst = f"[{_md(cite.number or cite.title_en or cite.title)}](../instruments/{cite.instrument}.md)"
        mark = " (secondary source)" if cite.kind == "secondary" else ""
        body.append([str(e.date), inst + mark, *([] if one else [e.jurisdiction]), e.kind, lst, _md(detail)])
    head = ["date", "instrument", *([] if one else ["J"]), "event", "list", "detail"]
    caption = ["", f'<p class="sl-caption">Every event below is in {_h(events[0].jurisdiction)}.</p>'] if one else []
    return caption + _table_block(head, body, "sl-history")


def _substance_page(reg: Registry, sid: str, today: dt.date) -> str:
    s = reg.substances[sid]
    loc = reg._data.locate("substance", sid)
    ident = s.identifiers
    tags = [n.name for n in s.synonyms] + [*ident.cas, ident.unii or "", ident.dea_code or ""]
    lines = [_front(s.name, tags, boost=2) + f"# {_md(s.name)}", ""]
    if s.families:  # not searched: a search for "fentanyl" should not list every member of the family
        lines += ["<p data-search-exclude>Families: " + ", ".join(f"<code>{_h(f)}</code>" for f in s.families) + "</p>", ""]
    if s.synonyms:
        lines += [_h2("Names"), "", "| name | language | kind | source |", "|---|---|---|---|"]
        lines += [
            f'| <span lang="{_lang(n.lang)}">{_md(n.name)}</span> | {n.lang} | {n.kind} | '
            + (f"`{n.source.source}`" + (f" ({_md(n.source.locator)})" if n.source.locator else "") if n.source else "")
            + " |"
            for n in s.synonyms
        ]
        lines.append("")
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
            [_h2("Identifiers"), "", "| identifier | value |", "|---|---|"]
            + [f"| {k} | {_md(v or '')} |" for k, v in known]
            + [""]
        )
    if s.note:
        lines += [f"> {_md(s.note)}", ""]
    lines += [_h2(f"Status on {today}")]
    lines += _table_block(
        ["jurisdiction", "status"], [[j, status_text(reg.status(sid, j, today))] for j in sorted(reg.jurisdictions)]
    )
    ivs = reg._index.by_substance.get(sid, ())
    rows = [(j, [iv for iv in ivs if iv.jurisdiction == j]) for j in sorted(reg.jurisdictions)]
    rows = [r for r in rows if r[1]]
    if rows:
        lines += [_h2("Timeline"), *_timeline_block(rows, today, f"Control of {s.name}")]
    events = reg.history(sid)
    if events:
        lines += [_h2("History"), *_history_block(events)]
    lines += ["", f"Registry id `{sid}`, defined in `registry/{loc.path}`."]
    return "\n".join(lines) + _stamp(reg)


def _list_page(reg: Registry, lid: str, today: dt.date) -> str:
    cl = reg.lists[lid]
    prev, nxt = reg.lineage(lid)
    cov = cl.coverage
    tags = [cl.name, cl.name_local or "", lid]
    lines = [
        _front(cl.name, tags) + f"# {_md(cl.name)}",
        "",
        f"List id `{lid}`, {cl.jurisdiction}, regime `{cl.regime}`."
        + (
            f' Local name: <span lang="{_lang(_jurisdiction_lang(reg, cl.jurisdiction))}">{_md(cl.name_local)}</span>.'
            if cl.name_local
            else ""
        ),
        "",
    ]
    if cl.legal_basis:
        lines += [f"Legal basis: {_md(cl.legal_basis)}", ""]
    fams = ", ".join(cov.families) if cov.families else "all substances"
    # coverage notes, editions and lineage stay out of the search index (the page is found by its names and id)
    lines += ["<div data-search-exclude markdown>", ""]
    lines += [f"**Coverage**: complete from {cov.complete_from or 'no date (incomplete)'} for {fams}. {_md(cov.note)}", ""]
    editions = sorted((e for e in reg.editions.values() if any(el.list == lid for el in e.lists)), key=lambda e: e.date)
    if editions:
        lines += ["**Reconciled against** (official consolidations checked by `schedlib validate`):", ""]
        for ed in editions:
            n = next(len(el.entries) for el in ed.lists if el.list == lid)
            backs = " — backs the coverage" if cov.edition == ed.id else ""
            lines.append(f"- {_md(ed.title)}, stating the law of {ed.date} (`{ed.id}`, {n} entries){backs}")
        lines.append("")
    if prev or nxt:
        lines += [
            "**Lineage**: replaces "
            + (", ".join(_list_link(p, "") for p in prev) or "nothing")
            + "; replaced by "
            + (", ".join(_list_link(n, "") for n in nxt) or "nothing")
            + ".",
            "",
        ]
    lines += ["</div>", ""]
    members = reg.controlled(cl.jurisdiction, today, regime=cl.regime, in_list=lid)
    body = [
        [
            f"[{_md(st.substance.name)}](../substances/{st.substance.id}.md)",
            st.reason + (f" ({_md(st.via)})" if st.via else ""),
            str(st.since),
        ]
        for st in members
    ]
    lines += [_h2(f"Members on {today} ({len(members)})"), *_table_block(["substance", "reason", "since"], body)]
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
    if len(rows) > _HUGE:
        lines += [
            "",
            f"Each of the {len(rows)} entries has its timeline on its substance's page (one figure of them all would be too long to read).",
        ]
    elif rows:
        lines += [_h2("Timeline"), *_timeline_block(rows, today, f"Entries of {cl.name}")]
    return "\n".join(lines) + _stamp(reg)


def _jurisdiction_lang(reg: Registry, j: str) -> str:
    """The language most of a jurisdiction's instruments are written in (for ``lang`` attributes)."""
    counts: dict[str, int] = {}
    for inst in reg.instruments.values():
        if inst.jurisdiction == j:
            counts[inst.language] = counts.get(inst.language, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else "en"


def _instrument_page(reg: Registry, iid: str) -> str:
    inst = reg.instruments[iid]
    cit = reg.cite_instrument(iid)
    loc = reg._data.locate("instrument", iid)
    title = inst.title_en or inst.title
    lines = [_front(title, [inst.number or ""]) + f"# {_md(title)}", ""]
    if inst.title_en:
        lines += [f'Original title: <span lang="{_lang(inst.language)}">{_md(inst.title)}</span>', ""]
    lines += [_h2("Record"), ""]
    if inst.note:
        lines += [f"> {_md(inst.note)}", ""]
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
    lines += [_h2("Actions"), "", '<div class="sl-actions" markdown>', ""]
    for a in inst.actions:
        if a.type == "extend":
            lines.append(f"- **extend** [`{a.of}`]({a.of}.md) to {a.expires}")
            continue
        if a.type == "transfer":
            where = f"{_list_link(a.from_list)} → {_list_link(a.to_list)}"
        else:
            where = _list_link(getattr(a, "list", ""))
        extra = f" until {a.expires}" if a.type == "temporary" else ""
        names = [
            f"[{_md(reg.substances[e.substance].name)}](../substances/{e.substance}.md)"
            + (f" (entry {_md(e.entry)})" if e.entry else "")
            for e in a.substances
        ]
        names += [f"class [`{c}`](../classes/{c}.md)" for c in a.classes]
        lines.append(f"- **{a.type}** {where}{extra}: " + ", ".join(names))
    lines += ["", "</div>", "", _h2("Sources"), ""]
    for s in cit.sources:
        link = f" <{s.url}>" if s.url else ""
        lines.append(f"- {_md(s.title)} — {s.kind}, {s.medium}{'; ' + _md(s.locator) if s.locator else ''}{link}")
    return "\n".join(lines) + _stamp(reg)


def _class_page(reg: Registry, cid: str) -> str:
    rule = reg.classes[cid]
    lines = [
        _front(rule.name, [rule.name, rule.name_local or "", cid]) + f"# {_md(rule.name)}",
        "",
        f"Class id `{cid}`, {rule.jurisdiction}."
        + (
            f' Local name: <span lang="{_lang(_jurisdiction_lang(reg, rule.jurisdiction))}">{_md(rule.name_local)}</span>.'
            if rule.name_local
            else ""
        ),
        "",
    ]
    lines += ["## Definition (paraphrase)", "", _md(rule.definition), ""]
    ivs = reg._index.class_intervals.get(cid, ())
    if ivs:
        lines += ["## In force", ""] + [
            f"- {_list_link(iv.list_id)} from {iv.start}"
            + ("" if iv.end == FOREVER else f" to {iv.end}")
            + f" ([`{iv.instrument}`](../instruments/{iv.instrument}.md))"
            for iv in ivs
        ]
        lines.append("")
    if rule.exclusions:
        lines += ["## Exclusions", ""] + [f"- {x.kind}: {_md(x.text)}" for x in rule.exclusions] + [""]
    body = []
    for mem in rule.members:
        src = "; ".join(_md(reg.sources[r.source].title) + (f", {_md(r.locator)}" if r.locator else "") for r in mem.sources)
        body.append([f"[{_md(reg.substances[mem.substance].name)}](../substances/{mem.substance}.md)", src, _md(mem.note or "")])
    lines += [_h2(f"Curated members ({len(rule.members)})"), *_table_block(["substance", "source", "note"], body)]
    if rule.candidates:
        rows = [[f"[{_md(reg.substances[c.substance].name)}](../substances/{c.substance}.md)", _md(c.note)] for c in rule.candidates]
        lines += [
            "",
            _h2(f"Candidates ({len(rule.candidates)})"),
            "The heading may reach these substances; the registry answers *class-possible* for them, never *controlled*.",
            "",
            *_table_block(["substance", "why"], rows),
        ]
    return "\n".join(lines) + _stamp(reg)


def _matrix_page(reg: Registry, days: Sequence[dt.date], families: Sequence[str]) -> str:
    js = sorted(reg.jurisdictions)
    lines = [
        _front("Who controls what") + "# Who controls what",
        "",
        "Substances of the families " + ", ".join(f"`{f}`" for f in families) + ", per jurisdiction, on several dates.",
        "",
        _LEGEND,
        "",
        "On this page: " + ", ".join(f"[{day}](#on-{day})" for day in days) + ".",
        "",
    ]
    subs = sorted((s for s in reg.substances.values() if set(families) & set(s.families)), key=lambda s: s.name.casefold())
    for day in days:
        body = [[f"[{_md(s.name)}](substances/{s.id}.md)", *(_status_symbol(reg.status(s.id, j, day)) for j in js)] for s in subs]
        lines += [_h2(f"On {day}"), *_table_block(["substance", *js], body, "sl-matrix")]
    return "\n".join(lines) + _stamp(reg)


def _initial(name: str) -> str:
    c = name[:1].upper()
    return c if "A" <= c <= "Z" else "0-9" if c.isdigit() else "other"


def _names_pages(reg: Registry) -> dict[str, str]:
    groups: dict[str, list[str]] = {}
    for s in sorted(reg.substances.values(), key=lambda s: s.name.casefold()):
        groups.setdefault(_initial(s.name), []).append(s.id)
    pages: dict[str, str] = {}
    keys = sorted(groups, key=lambda k: (k == "other", k != "0-9", k))
    nav = " · ".join(f"[{k}]({k.lower()}.md)" for k in keys)
    for k in keys:
        body = []
        for sid in groups[k]:
            s = reg.substances[sid]
            other = "; ".join(f'<span lang="{_lang(n.lang)}">{_md(n.name)}</span>' for n in s.synonyms if n.lang != "en")
            body.append([f"[{_md(s.name)}](../substances/{sid}.md)", other, _md(", ".join(s.identifiers.cas))])
        pages[f"registry/names/{k.lower()}.md"] = (
            _front(f"Substances: {k}", searched=False)
            + f"# Substances: {k} ({len(body)})\n\n{nav}\n"
            + "\n".join(_table_block(["substance", "names in other languages", "CAS RN"], body))
            + _stamp(reg)
        )
    overview = ["## Substances by name", "", f"{len(reg.substances)} substances, by initial:", ""]
    overview.append(" · ".join(f"[{k}](names/{k.lower()}.md) ({len(groups[k])})" for k in keys))
    pages["registry/_overview"] = "\n".join(overview)
    return pages


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
        body = []
        for cl in reg.lists_of(j):
            n = len(reg.controlled(j, today, regime=cl.regime, in_list=cl.id))
            cov = f"complete from {cl.coverage.complete_from}" if cl.coverage.complete_from else "incomplete"
            body.append([f"[{_md(cl.name)}](../lists/{cl.id}.md)", cl.regime, cov, str(n)])
        lines = [_front(jur.name) + f"# {_md(jur.name)}", "", _md(jur.note or ""), "", _h2("Lists")]
        lines += _table_block(["list", "regime", "coverage", "members today"], body)
        insts = sorted((i for i in reg.instruments.values() if i.jurisdiction == j), key=lambda i: str(i.dates.effective.date))
        ibody = [[str(i.dates.effective.date), f"[{_md(i.title_en or i.title)}](../instruments/{i.id}.md)"] for i in insts]
        lines += [_h2(f"Instruments ({len(insts)})"), *_table_block(["effective", "instrument"], ibody)]
        pages[f"registry/jurisdictions/{j}.md"] = "\n".join(lines) + _stamp(reg)
    pages["registry/matrix.md"] = _matrix_page(reg, [*matrix_days, today], tuple(matrix_families) or tuple(reg.families))
    names = _names_pages(reg)
    overview = names.pop("registry/_overview")
    pages.update(names)
    idx = [
        _front("The registry") + "# The registry",
        "",
        f"Registry {_md(reg.version)}: {len(reg.substances)} substances, {len(reg.instruments)} instruments, "
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
    idx += ["", overview]
    pages["registry/index.md"] = "\n".join(idx) + _stamp(reg)
    return pages
