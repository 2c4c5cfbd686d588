"""Rendering of answers: HTML for documentation pages, and text that fits a terminal.

HTML: every string taken from the registry is HTML-escaped. Each rendering is a
table, numbered citation footnotes, and a line stating the registry version
and digest.

Text (:func:`output_width`, :func:`fit`, :func:`text_table`): the command line
writes its answers as logical lines and fits them to the output's width here,
so that the full program and the warm path of ``schedlib status`` wrap alike.
Width is measured in terminal columns (a Chinese character takes two). Prose
wraps at spaces (and between Chinese characters) with a hanging indent; a word
longer than the width is broken, except an address (``http://``, ``https://``),
which is never broken: it moves to a line of its own, and is longer than the
width only when the address alone is. Tables keep to the width by moving columns
that hold one value in every row above the table, then wrapping long cells, and
when even that cannot fit, by printing each row as a block of ``column: value``
lines.

This module imports nothing at load time that the warm path avoids (no
``typing``, ``re`` or answer types): the HTML part imports what it needs when called.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (the warm path imports this module)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from .answers import Citation, Diff, Event, FirstControl, Gap, ListCoverage, Status
    from .registry import Registry

__all__ = [
    "ANSWER_CSS",
    "QUERY_KINDS",
    "display_width",
    "fit",
    "output_width",
    "render_query",
    "text_table",
    "wrap",
]

DEFAULT_WIDTH = 80
"""The width when ``COLUMNS`` is not set and the output is not a terminal (a pipe or a file)."""


def escape(text: str, quote: bool = True) -> str:
    """:func:`html.escape`, imported when first needed."""
    from html import escape as _escape

    return _escape(text, quote)


# ---------------------------------------------------------------------------- text that fits


def output_width(stream: object = None, environ: dict[str, str] | None = None) -> int:
    """The width answers are fitted to: ``COLUMNS`` when set to a positive number; else the width of
    the terminal ``stream`` is; else :data:`DEFAULT_WIDTH` (80), so that a pipe or a file gets lines
    of a readable length too. 0 means no limit (``COLUMNS=0``)."""
    import os

    env = os.environ if environ is None else environ
    text = env.get("COLUMNS", "").strip()
    if text.isdigit():
        return int(text)
    isatty = getattr(stream, "isatty", None)
    fileno = getattr(stream, "fileno", None)
    try:
        if isatty is not None and fileno is not None and isatty():
            columns = os.get_terminal_size(fileno()).columns
            if columns > 0:
                return columns
    except (OSError, ValueError, AttributeError):
        pass
    return DEFAULT_WIDTH


def _char_width(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\u2060\ufeff\xad":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide East Asian characters take two, combining marks none)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(c) for c in text)


def _is_wide(ch: str) -> bool:
    return ch >= "\u1100" and _char_width(ch) == 2


def _is_url(token: str) -> bool:
    return token.lstrip("<(").startswith(("http://", "https://"))


def _tokens(text: str) -> list[tuple[str, bool]]:
    """(token, preceded by a space) for each word of ``text``; each wide character is a word of its own,
    so that Chinese text may break between any two characters."""
    out: list[tuple[str, bool]] = []
    for n, word in enumerate(text.split(" ")):
        if not word:
            continue
        space = n > 0
        if word.isascii() or _is_url(word):
            out.append((word, space))
            continue
        run = ""
        for ch in word:
            if _is_wide(ch):
                if run:
                    out.append((run, space))
                    run, space = "", False
                out.append((ch, space))
                space = False
            else:
                run += ch
        if run:
            out.append((run, space))
    return out


def _break(word: str, room: int) -> tuple[str, str]:
    """The longest head of ``word`` that takes at most ``room`` columns (at least one character), and the rest."""
    used = 0
    for i, ch in enumerate(word):
        used += _char_width(ch) if not ch.isascii() else 1
        if used > room:
            if not i:
                return word[:1], word[1:]
            hyphen = word.rfind("-", 0, i)  # after a hyphen, if that keeps more than half the room
            cut = hyphen + 1 if hyphen + 1 > i // 2 else i
            return word[:cut], word[cut:]
    return word, ""


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """``text`` as lines of at most ``width`` columns: the first starts with ``indent``, the next with
    ``hang`` (default: ``indent``). An address is never broken: it goes on a line of its own when it
    does not fit after the text before it. ``width`` 0 means no limit."""
    hang = indent if hang is None else hang
    if width <= 0 or display_width(indent) + display_width(text) <= width:
        return [indent + text]
    lines: list[str] = []
    cur, used, empty = indent, display_width(indent), True

    def newline() -> None:
        nonlocal cur, used, empty
        lines.append(cur.rstrip())
        cur, used, empty = hang, display_width(hang), True

    for tok, space in _tokens(text):
        tw = display_width(tok)
        sep = " " if space and not empty else ""
        if used + len(sep) + tw <= width:
            cur, used, empty = cur + sep + tok, used + len(sep) + tw, False
            continue
        if not empty:
            newline()
        if used + tw <= width:
            cur, used, empty = cur + tok, used + tw, False
            continue
        if _is_url(tok):  # never broken: as little indent as lets it fit, else none; alone on its line
            cur = " " * max(0, min(used, width - tw)) + tok
            used, empty = display_width(cur), False
            newline()
            continue
        rest = tok
        while rest:
            head, rest = _break(rest, max(1, width - used))
            cur, used, empty = cur + head, used + display_width(head), False
            if rest:
                newline()
    if not empty or not lines:
        lines.append(cur.rstrip())
    return lines


def _hang(line: str, indent: int) -> int:
    """Where a wrapped line's continuation starts: after a citation number ``[n] ``, else two columns in."""
    rest = line[indent:]
    if rest.startswith("["):
        close = rest.find("] ")
        if close > 1 and rest[1:close].isdigit():
            return indent + close + 2
    return indent + 2


def fit(text: str, width: int) -> str:
    """Every line of ``text`` wrapped to ``width`` columns (0: unchanged), with a hanging indent."""
    if width <= 0:
        return text
    out: list[str] = []
    for line in text.split("\n"):
        if (len(line) <= width and line.isascii()) or display_width(line) <= width:
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        hang = min(_hang(line, indent), max(0, width // 3))
        out.extend(wrap(line[indent:], width, " " * min(indent, width // 3), " " * hang))
    return "\n".join(out)


_GAP = 2  # spaces between table columns


def _pad(cell: str, width: int) -> str:
    return cell + " " * max(0, width - display_width(cell))


def text_table(rows: Sequence[Sequence[str]], width: int = 0, min_column: int = 8) -> list[str]:
    """A table (``rows[0]`` is the header) as lines of at most ``width`` columns (0: no limit).

    When the table is wider: columns that hold one value in every row (two rows or more) move to a
    line above it (``header: value``); then the widest columns wrap their cells, down to
    ``min_column`` columns each; when even that is too wide, each row becomes a block of
    ``header: value`` lines.
    """
    if not rows:
        return []
    head, body = list(rows[0]), [list(r) for r in rows[1:]]
    keep = [i for i in range(len(head)) if not body or any(r[i] for r in body)]  # no empty columns
    natural = {i: max(display_width(r[i]) for r in [head, *body]) for i in keep}

    def total(cols: list[int], widths: dict[int, int]) -> int:
        return sum(widths[i] for i in cols) + _GAP * (len(cols) - 1)

    lines: list[str] = []
    if width > 0 and total(keep, natural) > width and len(body) >= 2:
        constant = [i for i in keep if len({r[i] for r in body}) == 1 and i != keep[0]]
        if constant:
            lines += wrap("; ".join(f"{head[i]}: {body[0][i]}" for i in constant), width, "", "  ")
            lines.append("")
            keep = [i for i in keep if i not in constant]
    widths = dict(natural)
    if width > 0 and total(keep, widths) > width:
        floor = {i: min(natural[i], max(min_column, min(_longest_word([head, *body], i), 2 * min_column))) for i in keep}
        while total(keep, widths) > width:
            i = max(keep, key=lambda k: (widths[k] - floor[k], widths[k]))
            if widths[i] <= floor[i]:
                break
            widths[i] -= 1
        if total(keep, widths) > width:
            return lines + _records(head, body, keep, width)
    for n, row in enumerate([head, *body]):
        cells = [wrap(row[i], widths[i]) if display_width(row[i]) > widths[i] else [row[i]] for i in keep]
        for k in range(max(len(c) for c in cells)):
            parts = [_pad(c[k] if k < len(c) else "", widths[i]) for c, i in zip(cells, keep, strict=True)]
            lines.append((" " * _GAP).join(parts).rstrip())
        if n == 0:
            lines.append((" " * _GAP).join("-" * widths[i] for i in keep))
    return lines


def _longest_word(rows: Sequence[Sequence[str]], i: int) -> int:
    """The widest word of column ``i`` (a column narrower than that breaks words)."""
    return max((display_width(w) for r in rows for w in r[i].split(" ")), default=0)


def _records(head: list[str], body: list[list[str]], keep: list[int], width: int) -> list[str]:
    """Each row as a block: its first cell, then ``header: value`` for the others."""
    lines: list[str] = []
    for n, row in enumerate(body):
        if n:
            lines.append("")
        lines += wrap(row[keep[0]], width, "", "  ")
        for i in keep[1:]:
            if row[i]:
                lines += wrap(f"{head[i]}: {row[i]}", width, "  ", "    ")
    return lines


def write_table(rows: Sequence[Sequence[str]], out: TextIO, width: int = 0) -> None:
    """:func:`text_table`, written to ``out``."""
    for line in text_table(rows, width):
        out.write(line + "\n")


# ---------------------------------------------------------------------------- HTML

ANSWER_CSS = (
    "table.schedlib{border-collapse:collapse;margin:.5em 0;font-size:.85em}"
    "table.schedlib th,table.schedlib td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
    "table.schedlib th{background:#f3f3f3}"
    ".schedlib-stamp{font-size:.8em;color:#555}"
    "ol.schedlib-citations{font-size:.85em}"
)
"""A small stylesheet for rendered answers (the mkdocs plugin adds it once per page)."""

QUERY_KINDS = ("status", "gap", "history", "diff", "controlled", "coverage", "first", "find")


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
            from .citations import address_of

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
    if d.in_force_by:
        cap += f" {len(d.in_force_by)} more known to be in force by {d.end}, start unknown (not counted as newly controlled)."
    return render_events(d.events, reg, prefix, cap)


def _flag(args: list[str], name: str, required: bool = True, aliases: tuple[str, ...] = ()) -> str | None:
    """Take ``NAME VALUE`` or ``NAME=VALUE`` (or an alias) out of ``args``; its value, or None."""
    from .errors import InvalidQueryError

    for flag in (name, *aliases):
        for i, arg in enumerate(args):
            if arg == flag:
                if i + 1 >= len(args) or args[i + 1].startswith("--"):
                    raise InvalidQueryError(f"{flag} needs a value")
                value = args[i + 1]
                del args[i : i + 2]
                return value
            if arg.startswith(flag + "="):
                del args[i]
                return arg[len(flag) + 1 :]
    if required:
        raise InvalidQueryError(f"missing {name}")
    return None


def _today(on: str | None) -> str:
    """``--on`` as the command line reads it: a date, or today for ``today`` or no ``--on``."""
    import datetime as dt

    return dt.date.today().isoformat() if on is None or on.strip().lower() == "today" else on


def render_query(query: str, reg: Registry, prefix: str = "cite") -> str:
    """Answer a one-line query written like the command line (without ``schedlib``) and render it as HTML.

    Every query of the command line, in its text form (without ``--json``, ``--cite``, ``--brief``
    or ``--width``, which are refused): ``status NAME --in J[,J] [--on DATE]``,
    ``gap --controlled-in X --not-in Y [--on DATE] [--family F]``, ``controlled J [--on DATE]
    [--family F] [--in-list L]``, ``coverage J [--on DATE]``, ``history NAME [--in J]``,
    ``diff J START END``, ``first NAME [NAME ...] --in J,J`` and ``find NAME``; each accepts
    ``--regime R`` where the command line does. ``--on`` defaults to today, as on the command line.
    """
    import shlex

    from .errors import InvalidQueryError

    try:
        args = shlex.split(query)
    except ValueError as exc:
        raise InvalidQueryError(f"cannot read query {query!r}: {exc}") from None
    if not args or args[0] not in QUERY_KINDS:
        raise InvalidQueryError(f"query must start with one of {', '.join(QUERY_KINDS)}: {query!r}")
    kind, rest = args[0], args[1:]
    for flag in ("--json", "--cite", "--brief", "--width"):
        if any(a == flag or a.startswith(flag + "=") for a in rest):
            raise InvalidQueryError(f"{flag} is a form of the command line's output, not of a page: drop it ({query!r})")
    regime = _flag(rest, "--regime", required=False) if kind not in ("history", "find") else None
    if kind == "status":
        j, on = _flag(rest, "--in"), _today(_flag(rest, "--on", required=False))
        _only(rest, 1, query)
        resolved = reg.resolve(rest[0])
        codes = reg._jurisdictions(j or "", "--in")
        sts = [reg.status(resolved.substance, code, on, regime=regime) for code in codes]  # type: ignore[arg-type]
        if len(sts) == 1 and resolved.note is None:
            return render_status(sts[0], reg, prefix)
        caption = resolved.note or f"{resolved.substance.name} in {', '.join(codes)} on {on}."
        return render_statuses(sts, reg, prefix, caption)
    if kind == "gap":
        x, y = _flag(rest, "--controlled-in"), _flag(rest, "--not-in")
        on = _today(_flag(rest, "--on", required=False))
        fam = _flag(rest, "--family", required=False)
        _only(rest, 0, query)
        return render_gap(reg.gap(x or "", y or "", on, regime=regime, family=fam), reg, prefix)  # type: ignore[arg-type]
    if kind == "history":
        j = _flag(rest, "--in", required=False)
        _only(rest, 1, query)
        sub = reg.find(rest[0])
        where = f" in {j}" if j else ""
        return render_events(reg.history(sub, j), reg, prefix, f"History of {sub.name}{where}.")
    if kind == "diff":
        _only(rest, 3, query)
        return render_diff(reg.diff(rest[0], rest[1], rest[2], regime=regime), reg, prefix)  # type: ignore[arg-type]
    if kind == "first":
        js = _flag(rest, "--in")
        if not rest:
            raise InvalidQueryError(f"first needs at least one name: {query!r}")
        rows = [reg.first_controlled(name, js or "", regime=regime) for name in rest]  # type: ignore[arg-type]
        return render_first(rows, reg, prefix)
    if kind == "find":
        _only(rest, 1, query)
        return render_find(reg, rest[0])
    on = _today(_flag(rest, "--on", required=False))
    if kind == "coverage":
        _only(rest, 1, query)
        return render_coverage(reg.coverage(rest[0], on, regime=regime), reg)  # type: ignore[arg-type]
    fam = _flag(rest, "--family", required=False)
    lst = _flag(rest, "--in-list", required=False, aliases=("--list",))
    _only(rest, 1, query)
    controlled = reg.controlled(rest[0], on, regime=regime, family=fam, in_list=lst)  # type: ignore[arg-type]
    caption = f"Controlled in {rest[0].upper()} on {on}: {len(controlled)} substance(s)."
    covs = reg.coverage(rest[0], on, regime=regime)  # type: ignore[arg-type]
    partial = [
        c.list_id
        for c in covs
        if (lst is None or c.list_id == lst)
        and (regime is not None or c.regime != "export")
        and not (c.complete and c.families is None and c.substances is None)
    ]
    if partial:
        caption += f" The registry's data is incomplete that day for {len(partial)} list(s): other substances may be controlled."
    return render_statuses(controlled, reg, prefix, caption)


def render_first(rows: Sequence[Sequence[FirstControl]], reg: Registry, prefix: str) -> str:
    """When each jurisdiction first controlled each substance: a date (``≥`` a lower bound) and its citation."""
    notes = _Notes(prefix)
    js = [fc.jurisdiction for fc in rows[0]] if rows else []
    body = []
    for row in rows:
        cells = [escape(row[0].substance.name)]
        for fc in row:
            if fc.since is None:
                cells.append(escape(fc.status.reason if fc.status is not None else ""))
            else:
                cited = notes.ref(fc.status.citations[:1]) if fc.status is not None else ""
                cells.append(("" if fc.exact else "≥ ") + str(fc.since) + cited)
        body.append(cells)
    caption = "First control known to the registry (≥: controlled at least since; earlier control possible)."
    return f"<p>{caption}</p>" + _table(["Substance", *map(escape, js)], body) + notes.html() + _stamp(reg)


def render_find(reg: Registry, name: str) -> str:
    """A substance's names and identifiers, each name with its source."""
    resolved = reg.resolve(name)
    s = resolved.substance
    ident = s.identifiers
    rows = [
        [label, escape(value)]
        for label, value in (
            ("Id", s.id),
            ("CAS RN", ", ".join(ident.cas)),
            ("InChIKey", ident.inchikey or ""),
            ("UNII", ident.unii or ""),
            ("DEA code", str(ident.dea_code or "")),
            ("PubChem CID", str(ident.pubchem_cid or "")),
            ("SMILES", ident.smiles or ""),
        )
        if value
    ]
    for syn in s.synonyms:
        cited = f"; {syn.source.source}" if syn.source else ""
        rows.append(["Also", f'<span lang="{escape(syn.lang)}">{escape(syn.name)}</span> ({escape(syn.lang)}, {escape(syn.kind)}{escape(cited)})'])
    note = f"<p>{escape(resolved.note)}</p>" if resolved.note else ""
    return note + f"<p>{escape(s.name)}</p>" + _table(["Field", "Value"], rows) + _stamp(reg)


def render_coverage(covs: Sequence[ListCoverage], reg: Registry) -> str:
    rows = []
    for c in covs:
        scope = "all substances"
        if c.families is not None or c.substances is not None:
            scope = "only " + " and ".join(
                p
                for p in (", ".join(c.families or ()), f"{len(c.substances or ())} named substance(s)" if c.substances else "")
                if p
            )
        rows.append(
            [escape(c.list_id), escape(c.regime), "yes" if c.complete else "no", str(c.complete_from or "never"), escape(scope)]
        )
    j = covs[0].jurisdiction if covs else ""
    on = covs[0].on if covs else ""
    return (
        f"<p>Coverage of the lists of {escape(j)} on {on}.</p>"
        + _table(["List", "Regime", "Complete", "From", "Scope"], rows)
        + _stamp(reg)
    )


def _only(rest: list[str], n: int, query: str) -> None:
    from .errors import InvalidQueryError

    if len(rest) != n:
        raise InvalidQueryError(f"expected {n} positional argument(s), got {rest!r} in {query!r}")
