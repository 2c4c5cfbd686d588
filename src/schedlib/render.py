"""HTML rendering of answers, for documentation pages.

Every string taken from the registry is HTML-escaped. Each rendering is a
table, numbered citation footnotes, and a line stating the registry version
and digest.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from .answers import Citation, Diff, Event, Gap, Status
from .citations import address_of
from .errors import InvalidQueryError

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["ANSWER_CSS", "QUERY_KINDS", "render_query"]

ANSWER_CSS = (
    "table.schedlib{border-collapse:collapse;margin:.5em 0;font-size:.85em}"
    "table.schedlib th,table.schedlib td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
    "table.schedlib th{background:#f3f3f3}"
    ".schedlib-stamp{font-size:.8em;color:#555}"
    "ol.schedlib-citations{font-size:.85em}"
)
"""A small stylesheet for rendered answers (the mkdocs plugin adds it once per page)."""

QUERY_KINDS = ("status", "gap", "history", "diff", "controlled")


class _Notes:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.items: list[Citation] = []

    def ref(self, cits: Sequence[Citation]) -> str:
        out = []
        for c in cits:
            idx = next((i for i, x in enumerate(self.items) if x.instrument == c.instrument), None)
            if idx is None:
                self.items.append(c)
                idx = len(self.items) - 1
            out.append(f'<sup><a href="#{self.prefix}-{idx + 1}">[{idx + 1}]</a></sup>')
        return "".join(out)

    def html(self) -> str:
        if not self.items:
            return ""
        rows = []
        for i, c in enumerate(self.items):
            title = escape(c.title_en or c.title)
            orig = (
                f' <span lang="{escape(c.jurisdiction.lower())}">({escape(c.title)})</span>'
                if c.title_en and c.title_en != c.title
                else ""
            )
            num = f"{escape(c.number)}, " if c.number else ""
            address = address_of(c)
            link = f' <a href="{escape(address)}">{escape(address)}</a>' if address else ""
            second = " <em>Known from secondary sources.</em>" if c.kind == "secondary" else ""
            rows.append(
                f'<li id="{self.prefix}-{i + 1}">{num}{title}{orig}; effective {escape(c.effective)} '
                f"({escape(c.effective_confidence)}).{link}{second}</li>"
            )
        return '<ol class="schedlib-citations">' + "".join(rows) + "</ol>"


def _stamp(reg: Registry) -> str:
    return (
        f'<p class="schedlib-stamp">Answer from schedlib registry {escape(reg.version)}, '
        f"digest <code>{escape(reg.digest[:16])}</code>.</p>"
    )


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="schedlib"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def _status_row(st: Status, notes: _Notes) -> list[str]:
    detail = ""
    if st.controlled:
        detail = (f"since {st.since}" if st.since_exact else f"in force by {st.since} (start unknown)") + (
            f" (via {escape(st.via)})" if st.via else ""
        )
    elif st.reason == "later":
        detail = f"from {st.next_change}"
    elif st.reason in ("removed", "expired"):
        detail = f"on {st.ended_on}"
    elif st.reason == "not-covered":
        detail = "incomplete data: " + escape(", ".join(st.uncovered_lists))
    elif st.reason == "class-possible":
        detail = f"class rule in force may cover it: {escape(st.via or '')}"
    elif st.reason == "uncertain":
        detail = f"inside the window of an imprecise date; certain from {st.next_change}"
    if st.projected:
        detail += " (projected)"
    return [
        escape(st.substance.name),
        escape(st.jurisdiction),
        str(st.on),
        "controlled" if st.controlled else ("unknown" if st.controlled is None else "not controlled"),
        escape(st.reason),
        escape(", ".join(st.lists)),
        detail,
        notes.ref(st.citations),
    ]


def render_status(st: Status, reg: Registry, prefix: str) -> str:
    notes = _Notes(prefix)
    table = _table(["Substance", "Jurisdiction", "On", "Status", "Reason", "Lists", "Detail", "Cited"], [_status_row(st, notes)])
    return table + notes.html() + _stamp(reg)


def render_statuses(sts: Sequence[Status], reg: Registry, prefix: str, caption: str) -> str:
    notes = _Notes(prefix)
    rows = [_status_row(st, notes) for st in sts]
    head = ["Substance", "Jurisdiction", "On", "Status", "Reason", "Lists", "Detail", "Cited"]
    return f"<p>{escape(caption)}</p>" + _table(head, rows) + notes.html() + _stamp(reg)


def render_gap(g: Gap, reg: Registry, prefix: str) -> str:
    notes = _Notes(prefix)
    xs, ys = escape(" and ".join(g.controlled_in)), escape(", ".join(g.not_in))
    head = ["Substance", f"{escape(g.controlled_in[0])} lists", "Since", "Cited", "Reason absent", "Detail", "Cited"]
    tables = []
    for title, group in (
        (f"Not controlled in {ys}", g.certain),
        (f"Unknown in {ys} (the registry cannot say)", g.unknown),
    ):
        rows = []
        for e in group:
            absent = [_status_row(e.absences[y], notes) for y in g.not_in]
            rows.append(
                [
                    escape(e.substance.name),
                    escape(", ".join(e.present.lists)),
                    str(e.present.since or ""),
                    notes.ref(e.present.citations),
                    "; ".join(f"{escape(y)}: {a[4]}" for y, a in zip(g.not_in, absent, strict=True)),
                    "; ".join(a[6] for a in absent if a[6]),
                    notes.ref([c for y in g.not_in for c in e.absences[y].citations]),
                ]
            )
        tables.append(f"<p>{title}: {len(rows)}</p>" + (_table(head, rows) if rows else ""))
    cap = (
        f"Controlled in {xs} but not known to be controlled in {ys} on {g.on}: {len(g)} substance(s) "
        f"(not controlled: {len(g.certain)}; unknown: {len(g.unknown)})."
    )
    if not g.entries:
        cap += f" Every substance controlled in {xs} on that date is also controlled in {ys}."
        tables = []
    return f"<p>{cap}</p>" + "".join(tables) + notes.html() + _stamp(reg)


def render_events(events: Sequence[Event], reg: Registry, prefix: str, caption: str) -> str:
    notes = _Notes(prefix)
    rows = []
    for e in events:
        lst = f"{escape(e.from_list or '')} → {escape(e.list)}" if e.kind == "moved" else escape(e.list)
        detail = escape(e.note) + (f"; expires {e.expires}" if e.expires else "")
        rows.append(
            [
                str(e.date),
                escape(e.jurisdiction),
                escape(e.substance.name),
                "in force by (start unknown)" if e.kind == "in-force-by" else escape(e.kind),
                lst,
                detail,
                notes.ref([e.citation]),
            ]
        )
    table = (
        _table(["Date", "Jurisdiction", "Substance", "Event", "List", "Detail", "Cited"], rows)
        if rows
        else "<p>No dated changes.</p>"
    )
    return f"<p>{escape(caption)}</p>" + table + notes.html() + _stamp(reg)


def render_diff(d: Diff, reg: Registry, prefix: str) -> str:
    cap = (
        f"{d.jurisdiction}, after {d.start} up to {d.end}: {len(d.added)} newly controlled, "
        f"{len(d.removed)} no longer controlled."
    )
    return render_events(d.events, reg, prefix, cap)


def _flag(args: list[str], name: str, required: bool = True) -> str | None:
    if name in args:
        i = args.index(name)
        if i + 1 >= len(args):
            raise InvalidQueryError(f"{name} needs a value")
        value = args[i + 1]
        del args[i : i + 2]
        return value
    if required:
        raise InvalidQueryError(f"missing {name}")
    return None


def render_query(query: str, reg: Registry, prefix: str = "cite") -> str:
    """Answer a one-line query written like the command line (without ``schedlib``) and render it as HTML.

    ``status NAME --in J --on DATE``, ``gap --controlled-in X --not-in Y --on DATE [--family F]``,
    ``history NAME [--in J]``, ``diff J START END``, ``controlled J --on DATE [--family F] [--list L]``;
    each accepts ``--regime R``.
    """
    try:
        args = shlex.split(query)
    except ValueError as exc:
        raise InvalidQueryError(f"cannot read query {query!r}: {exc}") from None
    if not args or args[0] not in QUERY_KINDS:
        raise InvalidQueryError(f"query must start with one of {', '.join(QUERY_KINDS)}: {query!r}")
    kind, rest = args[0], args[1:]
    regime = _flag(rest, "--regime", required=False)
    if kind == "status":
        j, on = _flag(rest, "--in"), _flag(rest, "--on")
        _only(rest, 1, query)
        return render_status(reg.status(rest[0], j or "", on or "", regime=regime), reg, prefix)  # type: ignore[arg-type]
    if kind == "gap":
        x, y, on = _flag(rest, "--controlled-in"), _flag(rest, "--not-in"), _flag(rest, "--on")
        fam = _flag(rest, "--family", required=False)
        _only(rest, 0, query)
        return render_gap(reg.gap(x or "", y or "", on or "", regime=regime, family=fam), reg, prefix)  # type: ignore[arg-type]
    if kind == "history":
        j = _flag(rest, "--in", required=False)
        _only(rest, 1, query)
        sub = reg.find(rest[0])
        where = f" in {j}" if j else ""
        return render_events(reg.history(sub, j), reg, prefix, f"History of {sub.name}{where}.")
    if kind == "diff":
        _only(rest, 3, query)
        return render_diff(reg.diff(rest[0], rest[1], rest[2], regime=regime), reg, prefix)  # type: ignore[arg-type]
    on = _flag(rest, "--on")
    fam = _flag(rest, "--family", required=False)
    lst = _flag(rest, "--list", required=False)
    _only(rest, 1, query)
    sts = reg.controlled(rest[0], on or "", regime=regime, family=fam, in_list=lst)  # type: ignore[arg-type]
    return render_statuses(sts, reg, prefix, f"Controlled in {rest[0].upper()} on {on}: {len(sts)} substance(s).")


def _only(rest: list[str], n: int, query: str) -> None:
    if len(rest) != n:
        raise InvalidQueryError(f"expected {n} positional argument(s), got {rest!r} in {query!r}")
