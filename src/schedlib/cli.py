"""The ``schedlib`` command.

Exit status: 0 on success; 1 when ``validate`` finds errors (or the registry is
broken); 2 for usage errors, unknown names and bad dates (with suggestions).
``--json`` prints the same answer as JSON, keys named as in the Python API.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import InvalidQueryError, RegistryValidationError, SchedlibError

if TYPE_CHECKING:
    from .answers import Citation, Diff, Event, Gap, ListCoverage, Status
    from .registry import Registry

__all__ = ["build_parser", "main"]

_REASON_TEXT = {
    "listed": "listed",
    "class": "covered by a class rule or a listing's scope",
    "never": "never listed",
    "later": "listed only later",
    "removed": "removed",
    "expired": "temporary control expired",
    "not-covered": "not covered by the registry's data",
    "class-possible": "a class rule in force may cover it",
    "uncertain": "inside the window of an imprecise date",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="schedlib",
        description="Which substances each jurisdiction controls, and when — with citations.",
    )
    p.add_argument("--registry", metavar="PATH", help="use the registry at PATH instead of the bundled one")
    p.add_argument("--version", action="store_true", help="print the program and registry versions")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(sp: argparse.ArgumentParser, cite: bool = True, brief: bool = True) -> None:
        sp.add_argument("--json", action="store_true", help="print the answer as JSON")
        sp.add_argument(
            "--width",
            type=_width_arg,
            metavar="N",
            help="fit the text to N columns (default: $COLUMNS, else the terminal's width, else 80; 0: no limit)",
        )
        if brief:
            sp.add_argument("--brief", action="store_true", help="one line per answer, without citations")
        if cite:
            sp.add_argument(
                "--cite",
                metavar="STYLE",
                choices=["text", "markdown", "bibtex", "csl-json"],
                help="print only the citations behind the answer: text, markdown, bibtex or csl-json",
            )

    sp = sub.add_parser("status", help="is a substance controlled in a jurisdiction on a date?")
    sp.add_argument("name", help="substance id, name, synonym, CAS RN, InChIKey, UNII or DEA code")
    sp.add_argument(
        "--in", dest="jurisdiction", required=True, metavar="J[,J]", help="jurisdiction(s), e.g. CN or US,CN or China"
    )
    sp.add_argument("--on", default="today", metavar="DATE", help="ISO date YYYY-MM-DD or 'today' (the default)")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    common(sp)

    sp = sub.add_parser("gap", help="substances controlled in one jurisdiction and not in another")
    sp.add_argument("--controlled-in", required=True, metavar="X[,X]", help="controlled in all of these (comma-separated)")
    sp.add_argument("--not-in", required=True, metavar="Y[,Y]", help="and in none of these (comma-separated), e.g. UN,CN,MX")
    sp.add_argument("--on", default="today", metavar="DATE", help="ISO date YYYY-MM-DD or 'today' (the default)")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    sp.add_argument("--family", metavar="F", help="e.g. fentanyl, fentanyl-precursor")
    common(sp)

    sp = sub.add_parser("controlled", help="every substance controlled in a jurisdiction on a date")
    sp.add_argument("jurisdiction", metavar="J")
    sp.add_argument("--on", default="today", metavar="DATE", help="ISO date YYYY-MM-DD or 'today' (the default)")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    sp.add_argument("--family", metavar="F")
    sp.add_argument(
        "--in-list", "--list", dest="in_list", metavar="LIST", help="only members of this control list (the API's in_list=)"
    )
    common(sp)

    sp = sub.add_parser("coverage", help="per control list of a jurisdiction: is the registry's data complete on a date?")
    sp.add_argument("jurisdiction", metavar="J")
    sp.add_argument("--on", metavar="DATE", help="ISO date YYYY-MM-DD (default: today)")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    sp.add_argument("--json", action="store_true", help="print the answer as JSON")
    sp.add_argument("--width", type=_width_arg, metavar="N", help="fit the text to N columns (0: no limit)")

    sp = sub.add_parser("history", help="every dated change in a substance's control")
    sp.add_argument("name")
    sp.add_argument("--in", dest="jurisdiction", metavar="J")
    common(sp)

    sp = sub.add_parser("diff", help="what changed in a jurisdiction between two dates")
    sp.add_argument("jurisdiction", metavar="J")
    sp.add_argument("start", metavar="START")
    sp.add_argument("end", metavar="END")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    common(sp)

    sp = sub.add_parser("first", help="when each jurisdiction first controlled each substance")
    sp.add_argument("names", nargs="+", metavar="NAME")
    sp.add_argument("--in", dest="jurisdictions", required=True, metavar="J,J", help="comma-separated, e.g. UN,US,CN,CA,MX")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    common(sp)

    sp = sub.add_parser("find", help="look a substance up by any name or identifier")
    sp.add_argument("name")
    common(sp, cite=False, brief=False)

    sp = sub.add_parser("cite", help="cite an instrument, found by its id or its citation (and the registry)")
    sp.add_argument(
        "instrument",
        help="instrument id (cn.2017-03-01.carfentanil-etc) or citation: 83 FR 5188, SOR/2016-294, CND decision 67/7,"
        " OJ L 123, 19.5.2018, (EU) 2022/1326, 2015年第10号",
    )
    sp.add_argument("--style", choices=["text", "markdown", "bibtex", "csl-json"], default="text")

    sp = sub.add_parser("export", help="write the registry as law-as-data tables with a codebook")
    sp.add_argument("--format", choices=["csv", "json", "parquet"], default="csv")
    sp.add_argument("--out", metavar="DIR", default="schedlib-export")

    sp = sub.add_parser("screen", help="check every name of a CSV file against several jurisdictions")
    sp.add_argument(
        "file",
        help="CSV file (comma, semicolon or tab; any common encoding) with a 'name' column, or names in the first "
        "column; '-' for standard input",
    )
    sp.add_argument("--in", dest="jurisdictions", required=True, metavar="J,J", help="comma-separated, e.g. US,CN,CA")
    sp.add_argument("--on", default="today", metavar="DATE", help="ISO date YYYY-MM-DD or 'today' (the default)")
    sp.add_argument("--regime", choices=["drug", "precursor", "export"])
    sp.add_argument("--column", metavar="NAME", help="the column that holds the names (default: 'name')")
    sp.add_argument("--cas-column", metavar="NAME", help="a column of CAS numbers (answers rows whose name is empty or unknown)")
    sp.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    sp.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar (shown only on a terminal)")
    sp.add_argument(
        "--allow-unresolved",
        action="store_true",
        help="exit 0 even when some rows could not be resolved (default: exit 3)",
    )

    sp = sub.add_parser("classify", help="is a structure within a class rule's structural definition? (needs schedlib[chem])")
    sp.add_argument(
        "structure", help="SMILES, a MOL file, or a file of SMILES (one per line, optional name after a space) with --batch"
    )
    sp.add_argument("--in", dest="jurisdiction", metavar="J")
    sp.add_argument("--on", metavar="DATE", help="only class rules in force on DATE (default: all rules, today's status)")
    sp.add_argument("--batch", action="store_true", help="STRUCTURE is a file with one SMILES per line")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("schema", help="write the JSON Schema of every registry file kind")
    sp.add_argument("--out", metavar="DIR", default="registry/schema", help="directory to write (default: registry/schema)")

    sp = sub.add_parser("validate", help="check a registry; print every error as FILE:LINE: message")
    sp.add_argument("path", nargs="?", help="registry directory (default: the bundled registry)")
    common(sp, cite=False, brief=False)
    return p


def _width_arg(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of columns: {text!r} (0 means no limit)")
    return int(text)


def _day(text: str | None) -> str:
    """The day a command answers for: ``--on`` as given, or today's date for ``today`` (the default)."""
    if text is None or text.strip().lower() == "today":
        import datetime as dt

        return dt.date.today().isoformat()
    return text


def _load(args: argparse.Namespace) -> Registry:
    import schedlib

    return schedlib.load(args.registry)


def _stamp(reg: Registry) -> str:
    return f"registry {reg.info.name} {reg.version}, digest {reg.digest[:16]}"


class _Notes:
    """Numbered citation footnotes shared by one output."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def ref(self, c: Citation) -> str:
        for i, seen in enumerate(self.items):
            if seen.instrument == c.instrument:
                return f"[{i + 1}]"
        self.items.append(c)
        return f"[{len(self.items)}]"

    def refs(self, cs: Sequence[Citation]) -> str:
        return "".join(self.ref(c) for c in cs)

    def write(self, out: TextIO) -> None:
        if not self.items:
            return
        out.write("\nCitations:\n")
        for i, c in enumerate(self.items):
            out.write(f"  [{i + 1}] {c.short()}\n")
            if c.number and c.title_en and c.title != c.title_en:
                out.write(f"      {c.title}\n")
            dates = ", ".join(f"{k} {v}" for k, v in (("signed", c.signed), ("published", c.published)) if v)
            if dates:
                out.write(f"      {dates}\n")
            if c.effective_confidence != "official":
                out.write(f"      effective date confidence: {c.effective_confidence}\n")
            if c.url:
                out.write(f"      {c.url}\n")
            for s in c.sources:
                loc = f", {s.locator}" if s.locator else ""
                out.write(f"      source ({s.kind}, {s.medium}): {s.title}{loc}" + (f" <{s.url}>" if s.url else "") + "\n")


def _table(rows: list[list[str]], out: TextIO, width: int = 0) -> None:
    from .render import write_table

    write_table(rows, out, width)


def _status_line(st: Status, as_of: Any = None) -> str:
    if st.controlled is True:
        return "controlled"
    if st.controlled is None:
        return f"unknown ({_REASON_TEXT[st.reason]})"
    if st.reason == "expired" and as_of is not None and st.ended_on is not None and st.ended_on > as_of:
        return "not controlled (temporary control scheduled to expire)"
    return f"not controlled ({_REASON_TEXT[st.reason]})"


def _since_text(st: Status) -> str:
    """``since`` as known: a day, a month, or a lower bound."""
    if st.since is None:
        return ""
    if st.since_kind == "lower-bound":
        return f"in force by {st.since} (start unknown)"
    if st.since_kind == "month":
        return f"{st.since:%Y-%m} (day not known)"
    return str(st.since)


def _print_status(st: Status, reg: Registry, out: TextIO, shared: _Notes | None = None) -> None:
    """One status as logical lines (fitted to the width by the caller); with ``shared`` notes, the
    citations and the registry stamp are left to the caller, printed once after several statuses."""
    notes = shared or _Notes()
    where = st.jurisdiction if st.regime is None else f"{st.jurisdiction} ({st.regime} lists)"
    out.write(f"{st.substance.name} in {where} on {st.on}: {_status_line(st, reg.as_of).upper()}\n")
    if st.projected:
        out.write(f"  projected from the law known on {reg.as_of}\n")
    out.write(f"  reason: {st.reason}\n")
    if st.lists:
        out.write(f"  lists: {', '.join(st.lists)}\n")
    if st.via:
        out.write(f"  via: {st.via}\n")
    if st.since:
        out.write(f"  since: {_since_text(st)}\n" if st.since_exact else f"  in force by: {st.since} (start unknown)\n")
    if st.ended_on:
        out.write(f"  ended on: {st.ended_on}\n")
    out.write(f"  next change: {st.next_change or 'none known'}\n")
    if st.uncovered_lists:
        out.write(f"  incomplete data for: {', '.join(st.uncovered_lists)}\n")
    out.write(f"  {st.explanation}\n")
    if st.citations:
        out.write(f"  cited: {notes.refs(st.citations)}\n")
    for s in st.via_sources:
        out.write(f"  class membership source ({s.kind}): {s.title}" + (f", {s.locator}" if s.locator else "") + "\n")
    for c in st.caveats:
        out.write(f"  caveat: {c}\n")
    for n in st.notices:
        out.write(f"  notice: {n}\n")
    if shared is None:
        notes.write(out)
        out.write(f"\n{_stamp(reg)}\n")


def _absence(st: Status) -> str:
    if st.reason == "class-possible":
        return f"unknown: class-possible ({st.via})"
    if st.reason == "uncertain":
        return f"unknown: uncertain (certain from {st.next_change})"
    if st.reason == "later":
        return f"later (from {st.next_change})"
    if st.reason in ("removed", "expired"):
        return f"{st.reason} (on {st.ended_on})"
    if st.reason == "not-covered":
        lists = st.uncovered_lists
        shown = ", ".join(lists[:2]) + (f" and {len(lists) - 2} more" if len(lists) > 2 else "")
        return f"unknown: not-covered (incomplete: {shown})"
    return st.reason


def _print_gap(g: Gap, reg: Registry, out: TextIO, width: int = 0) -> None:
    notes = _Notes()
    scope = "".join(f", {k} {v}" for k, v in (("regime", g.regime), ("family", g.family)) if v)
    xs, ys = " and ".join(g.controlled_in), ", ".join(g.not_in)
    out.write(f"Controlled in {xs} but not known to be controlled in {ys} on {g.on}{scope}: {len(g)} substance(s)\n")
    if g.entries:
        for y in g.not_in:
            sts = [e.absences[y] for e in g.entries]
            no = [st for st in sts if st.controlled is False]
            unknown = [st for st in sts if st.controlled is None]
            why = sorted({st.reason for st in unknown})
            out.write(
                f"not controlled in {y}: {len(no)}; unknown in {y}: {len(unknown)}"
                + (f" ({', '.join(w.replace('-', ' ') for w in why)})" if why else "")
                + "\n"
            )
        head = ["substance", f"{g.controlled_in[0]} lists", "since", "cited"]
        for y in g.not_in:
            head += [f"{y}", "cited"]
        for title, group in (
            (f"Not controlled in {ys} (certain)", g.certain),
            (f"Unknown in {'at least one of ' if len(g.not_in) > 1 else ''}{ys} (the registry cannot say)", g.unknown),
        ):
            out.write(f"\n{title}: {len(group)}\n")
            if not group:
                continue
            rows = [head]
            for e in group:
                row = [
                    e.substance.name,
                    ", ".join(e.present.lists),
                    _since_text(e.present),
                    notes.refs([c for st in e.presences.values() for c in st.citations]),
                ]
                for y in g.not_in:
                    st = e.absences[y]
                    row += [_absence(st), notes.refs(st.citations)]
                rows.append(row)
            _table(rows, out, width)
    else:
        out.write(f"(none: every substance controlled in {xs} is also controlled in {ys})\n")
    notes.write(out)
    out.write(f"\n{_stamp(reg)}\n")


def _complete(covs: Sequence[ListCoverage]) -> bool:
    """Whether the registry holds every entry of every list, whatever the substance (no list incomplete or scoped)."""
    return all(c.complete and c.families is None and c.substances is None for c in covs)


def _relevant_coverage(reg: Registry, args: argparse.Namespace) -> tuple[ListCoverage, ...]:
    """Coverage of the lists a ``controlled`` query reads (its list, or the lists of its regimes)."""
    covs = reg.coverage(args.jurisdiction, args.on, regime=args.regime)
    if args.in_list:
        return tuple(c for c in covs if c.list_id == args.in_list)
    if args.regime is None:
        return tuple(c for c in covs if c.regime != "export")
    return covs


def _print_coverage(covs: Sequence[ListCoverage], j: str, reg: Registry, out: TextIO, width: int = 0) -> None:
    on = covs[0].on if covs else ""
    out.write(f"Coverage of the lists of {j} on {on}" + ("" if _complete(covs) else ": NOT COMPLETE") + "\n\n")
    rows = [["list", "regime", "complete", "from", "scope"]]
    for c in covs:
        scope = "all substances"
        if c.families is not None or c.substances is not None:
            parts = [
                f"families {', '.join(c.families)}" if c.families else "",
                f"{len(c.substances)} substance(s)" if c.substances else "",
            ]
            scope = "only " + " and ".join(p for p in parts if p)
        rows.append([c.list_id, c.regime, "yes" if c.complete else "no", str(c.complete_from or "never"), scope])
    _table(rows, out, width)
    out.write("\n")
    for c in covs:
        out.write(f"{c.list_id}: {c.note}\n")
    out.write(f"\n{_stamp(reg)}\n")


def _print_controlled(
    sts: Sequence[Status], j: str, on: str, reg: Registry, out: TextIO, covs: Sequence[ListCoverage] = (), width: int = 0
) -> None:
    notes = _Notes()
    out.write(f"Controlled in {j} on {on}: {len(sts)} substance(s)\n")
    if not _complete(covs):
        partial = [c.list_id for c in covs if not _complete((c,))]
        out.write(
            f"warning: the registry's data is incomplete on {on} for {len(partial)} list(s) of {j} "
            f"({', '.join(partial[:3])}{', …' if len(partial) > 3 else ''}): other substances may be controlled; "
            f"see `schedlib coverage {j} --on {on}`\n"
        )
    out.write("\n")
    rows = [["substance", "reason", "lists", "since", "cited"]]
    for st in sts:
        rows.append(
            [
                st.substance.name,
                st.reason + (f" ({st.via})" if st.via else ""),
                ", ".join(st.lists),
                _since_text(st),
                notes.refs(st.citations),
            ]
        )
    _table(rows, out, width)
    notes.write(out)
    out.write(f"\n{_stamp(reg)}\n")


def _event_text(e: Event) -> str:
    """The event column: a lower-bound start is not an event and says so; an expiry after ``as_of`` is scheduled."""
    if e.kind == "in-force-by":
        return "in force by (start unknown)"
    if e.kind == "expired" and e.projected:
        return "scheduled to expire"
    return e.kind


def _print_events(events: Sequence[Event], title: str, reg: Registry, out: TextIO, width: int = 0) -> None:
    notes = _Notes()
    out.write(title + "\n\n")
    if not events:
        out.write("(no dated changes in the registry)\n")
    rows = [["date", "J", "substance", "event", "list", "detail", "cited"]]
    for e in events:
        lst = f"{e.from_list} -> {e.list}" if e.kind == "moved" else e.list
        detail = e.note
        if e.expires:
            detail = (detail + "; " if detail else "") + f"expires {e.expires}"
        rows.append([str(e.date), e.jurisdiction, e.substance.name, _event_text(e), lst, detail, notes.ref(e.citation)])
    if events:
        _table(rows, out, width)
    notes.write(out)
    out.write(f"\n{_stamp(reg)}\n")


def _print_first(results: Sequence[Sequence[Any]], reg: Registry, out: TextIO, width: int = 0) -> None:
    notes = _Notes()
    js = [fc.jurisdiction for fc in results[0]] if results else []
    out.write("First control known to the registry (≥: controlled at least since; earlier control possible)\n\n")
    rows = [["substance", *js]]
    for row in results:
        cells = [row[0].substance.name]
        for fc in row:
            if fc.since is None:
                cells.append(fc.status.reason)
            else:
                cells.append(("" if fc.exact else "≥ ") + str(fc.since) + " " + notes.refs(fc.status.citations[:1]))
        rows.append(cells)
    _table(rows, out, width)
    notes.write(out)
    out.write(f"\n{_stamp(reg)}\n")


def _print_diff(d: Diff, reg: Registry, out: TextIO, width: int = 0) -> None:
    out.write(f"{d.jurisdiction}: changes after {d.start} up to {d.end}\n")
    out.write(f"  newly controlled: {len(d.added)}" + (": " + ", ".join(s.name for s in d.added) if d.added else "") + "\n")
    out.write(
        f"  no longer controlled: {len(d.removed)}" + (": " + ", ".join(s.name for s in d.removed) if d.removed else "") + "\n"
    )
    if d.in_force_by:
        out.write(
            f"  known to be in force by {d.end}, start unknown (not counted as newly controlled): {len(d.in_force_by)}\n"
        )
    _print_events(d.events, "Events:", reg, out, width)


def _brief_status(st: Status, reg: Registry) -> str:
    """``--brief``: one line per answer, no citations."""
    line = f"{st.substance.name} in {st.jurisdiction} on {st.on}: {_status_line(st, reg.as_of)}"
    if st.controlled:
        line += f", {_since_text(st) if st.since_exact else f'in force by {st.since}'}" if st.since else ""
        line += f" ({', '.join(st.lists)}" + (f"; via {st.via})" if st.via else ")")
    elif st.reason in ("later", "uncertain") and st.next_change:
        line += f", {'from' if st.reason == 'later' else 'certain from'} {st.next_change}"
    elif st.reason in ("removed", "expired") and st.ended_on:
        line += f" on {st.ended_on}"
    elif st.reason == "class-possible" and st.via:
        line += f" ({st.via})"
    return line + (" (projected)" if st.projected else "")


def _brief_gap(g: Gap, out: TextIO) -> None:
    for e in g.entries:
        present = "; ".join(f"{x} {', '.join(st.lists)} since {_since_text(st)}" for x, st in e.presences.items())
        absent = "; ".join(f"{y} {_absence(e.absences[y])}" for y in g.not_in)
        out.write(f"{e.substance.name}: {present}; {absent}\n")


def _brief_controlled(st: Status) -> str:
    return f"{st.substance.name}: {', '.join(st.lists)} since {_since_text(st)}" + (f" (via {st.via})" if st.via else "")


def _brief_event(e: Event) -> str:
    lst = f"{e.from_list} -> {e.list}" if e.kind == "moved" else e.list
    return f"{e.date} {e.jurisdiction} {e.substance.name}: {_event_text(e)} {lst}"


def _brief_first(row: Sequence[Any]) -> str:
    cells = [
        f"{fc.jurisdiction} {fc.status.reason if fc.since is None else ('' if fc.exact else '≥ ') + str(fc.since)}"
        for fc in row
    ]
    return f"{row[0].substance.name}: {', '.join(cells)}"


def _dump(obj: Any, out: TextIO) -> None:
    json.dump(obj, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _error_object(exc: BaseException) -> dict[str, Any]:
    """An error as data: its kind, message and any suggestions or candidates (for ``--json``)."""
    return {
        "type": type(exc).__name__,
        "message": str(exc),
        "suggestions": list(getattr(exc, "suggestions", ()) or ()),
        "candidates": list(getattr(exc, "candidates", ()) or ()),
    }


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False)) or (args.command == "screen" and getattr(args, "format", None) == "json")


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.command in ("status", "gap", "controlled", "screen"):
        args.on = _day(args.on)
    if args.command == "validate":
        return _validate(args, out, err)
    if args.command == "schema":
        from .models import json_schemas

        target = Path(args.out)
        target.mkdir(parents=True, exist_ok=True)
        for kind, schema in json_schemas().items():
            (target / f"{kind}.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            out.write(f"wrote {target / (kind + '.json')}\n")
        return 0
    reg = _load(args)
    if args.command == "export":
        from .export import export

        for path in export(reg, args.format, args.out):
            out.write(f"wrote {path}\n")
        return 0
    if args.command == "screen":
        return _screen(args, reg, out, err)
    if args.command == "cite":
        from .citations import find_instruments

        found = find_instruments(reg, args.instrument)
        out.write(reg.cite(found if len(found) > 1 else found[0], style=args.style) + "\n")
        return 0
    if args.command == "classify":
        return _classify(args, reg, out, err)
    if getattr(args, "cite", None):
        if args.json and args.cite != "csl-json":
            raise InvalidQueryError(f"--cite {args.cite} prints citations, not JSON: drop --json, or use --cite csl-json")
        if args.command == "first":
            results, unknown = _first(args, reg)
            out.write(reg.cite([fc.status for row in results for fc in row if fc.status is not None], style=args.cite) + "\n")
            for e in unknown:
                err.write(f"schedlib: error: {e['message']}\n")
            return 2 if unknown else 0
        answer = _answer(args, reg)
        out.write(reg.cite(answer, style=args.cite) + "\n")
        return 0
    from .render import fit, output_width

    width = args.width if getattr(args, "width", None) is not None else output_width(out)
    brief = bool(getattr(args, "brief", False))
    text = io.StringIO()  # the human-readable answer as logical lines, fitted to the width when written
    code = 0
    if args.command == "status":
        resolved = reg.resolve(args.name)
        codes = reg._jurisdictions(args.jurisdiction, "--in")
        statuses = [reg.status(resolved.substance, j, args.on, regime=args.regime) for j in codes]
        if args.json:
            dicts = [{**st.to_dict(), "answered_as": resolved.note} for st in statuses]
            _dump(dicts[0] if len(dicts) == 1 else {"statuses": dicts, "registry_version": reg.version}, out)
        elif brief:
            for st in statuses:
                text.write(_brief_status(st, reg) + "\n")
        else:
            if resolved.note:
                text.write(resolved.note + "\n")
            if len(statuses) == 1:
                _print_status(statuses[0], reg, text)
            else:  # one set of numbered citations and one stamp for all the answers
                notes = _Notes()
                for i, st in enumerate(statuses):
                    if i:
                        text.write("\n")
                    _print_status(st, reg, text, notes)
                notes.write(text)
                text.write(f"\n{_stamp(reg)}\n")
    elif args.command == "gap":
        g = reg.gap(args.controlled_in, args.not_in, args.on, regime=args.regime, family=args.family)
        if args.json:
            _dump(g.to_dict(), out)
        elif brief:
            _brief_gap(g, text)
        else:
            _print_gap(g, reg, text, width)
    elif args.command == "coverage":
        import datetime as _dt

        covs = reg.coverage(args.jurisdiction, args.on or _dt.date.today().isoformat(), regime=args.regime)
        if args.json:
            _dump(
                {
                    "lists": [c.to_dict() for c in covs],
                    "complete": _complete(covs),
                    "registry_version": reg.version,
                    "registry_digest": reg.digest,
                },
                out,
            )
        else:
            _print_coverage(covs, reg._jurisdiction(args.jurisdiction), reg, text, width)
    elif args.command == "controlled":
        sts = reg.controlled(args.jurisdiction, args.on, regime=args.regime, family=args.family, in_list=args.in_list)
        covs = _relevant_coverage(reg, args)
        if args.json:
            _dump(
                {
                    "jurisdiction": args.jurisdiction,
                    "on": args.on,
                    "count": len(sts),
                    "complete": _complete(covs),
                    "incomplete_lists": [c.list_id for c in covs if not _complete((c,))],
                    "statuses": [s.to_dict() for s in sts],
                    "registry_version": reg.version,
                    "registry_digest": reg.digest,
                },
                out,
            )
        elif brief:
            for st in sts:
                text.write(_brief_controlled(st) + "\n")
        else:
            _print_controlled(sts, args.jurisdiction.upper(), args.on, reg, text, covs, width)
    elif args.command == "history":
        events = reg.history(args.name, args.jurisdiction)
        if args.json:
            _dump(
                {
                    "substance": reg.find(args.name).id,
                    "events": [e.to_dict() for e in events],
                    "registry_version": reg.version,
                    "registry_digest": reg.digest,
                },
                out,
            )
        elif brief:
            for ev in events:
                text.write(_brief_event(ev) + "\n")
        else:
            sub = reg.find(args.name)
            where = f" in {args.jurisdiction.upper()}" if args.jurisdiction else ""
            _print_events(events, f"History of {sub.name}{where}:", reg, text, width)
    elif args.command == "diff":
        d = reg.diff(args.jurisdiction, args.start, args.end, regime=args.regime)
        if args.json:
            _dump(d.to_dict(), out)
        elif brief:
            for ev in d.events:
                text.write(_brief_event(ev) + "\n")
        else:
            _print_diff(d, reg, text, width)
    elif args.command == "first":
        results, unknown = _first(args, reg)
        if args.json:
            _dump(
                {
                    "results": [[fc.to_dict() for fc in row] for row in results],
                    "errors": unknown,
                    "registry_version": reg.version,
                    "registry_digest": reg.digest,
                },
                out,
            )
        elif brief:
            for row in results:
                text.write(_brief_first(row) + "\n")
        elif results:
            _print_first(results, reg, text, width)
        for e in unknown:
            err.write(f"schedlib: error: {e['message']}\n")
        if unknown:
            code = 2
    elif args.command == "find":
        resolved = reg.resolve(args.name)
        s = resolved.substance
        if args.json:
            _dump(
                {**s.to_dict(), "answered_as": resolved.note, "registry_version": reg.version, "registry_digest": reg.digest},
                out,
            )
        else:
            if resolved.note:
                text.write(resolved.note + "\n")
            text.write(f"{s.name}  (id: {s.id})\n")
            if s.families:
                text.write(f"  families: {', '.join(s.families)}\n")
            ident = s.identifiers
            for label, value in (
                ("CAS RN", ", ".join(ident.cas)),
                ("InChIKey", ident.inchikey),
                ("UNII", ident.unii),
                ("DEA code", ident.dea_code),
                ("PubChem CID", ident.pubchem_cid),
                ("SMILES", ident.smiles),
            ):
                if value:
                    text.write(f"  {label}: {value}\n")
            for syn in s.synonyms:
                cited = f"; {syn.source.source}" if syn.source else ""
                text.write(f"  also: {syn.name} ({syn.lang}, {syn.kind}{cited})\n")
            text.write(f"\n{_stamp(reg)}\n")
    if text.tell():
        out.write(fit(text.getvalue(), width))
    return code


def _screen(args: argparse.Namespace, reg: Registry, out: TextIO, err: TextIO) -> int:
    import time

    from .screening import screen, write_csv

    show = not args.no_progress and err.isatty()
    t0 = time.monotonic()

    def progress(done: int, total: int) -> None:
        if total >= 1000 and (done % max(1, total // 50) == 0 or done == total):
            err.write(f"\rscreening {done}/{total} [{'#' * int(done / total * 30):<30}] {time.monotonic() - t0:5.1f}s")

    source = sys.stdin.buffer.read() if args.file == "-" else args.file
    report = screen(
        reg,
        source,
        args.jurisdictions,
        _day(args.on),
        regime=args.regime,
        column=args.column,
        cas_column=args.cas_column,
        progress=progress if show else None,
    )
    if show and report.names >= 1000:
        err.write(f"\rscreened {report.names} names in {time.monotonic() - t0:.1f}s" + " " * 30 + "\n")
    target = open(args.output, "w", encoding="utf-8", newline="") if args.output else out  # noqa: SIM115
    try:
        if args.format == "json":
            _dump(report.to_dict(), target)
        else:
            write_csv(report, target)
    finally:
        if target is not out:
            target.close()
    for r in report.rows:
        if r["error"] and r["jurisdiction"] == report.jurisdictions[0]:
            err.write(f"{args.file if args.file != '-' else '<stdin>'}:{r['line']}: {r['error']}\n")
    if report.unresolved:
        err.write(
            f"schedlib: {report.unresolved} of {report.names} name(s) could not be resolved; "
            "see the error and suggestions columns\n"
        )
        return 0 if args.allow_unresolved else 3
    return 0


def _classify(args: argparse.Namespace, reg: Registry, out: TextIO, err: TextIO) -> int:
    import time

    items: list[tuple[str, str]] = []
    if args.batch:
        try:
            text = Path(args.structure).read_text(encoding="utf-8")
        except OSError as exc:
            err.write(f"schedlib: error: cannot read {args.structure}: {exc.strerror}\n")
            return 2
        for line in text.splitlines():
            parts = line.strip().split(None, 1)
            if parts and not parts[0].startswith("#"):
                items.append((parts[0], parts[1] if len(parts) > 1 else parts[0]))
    else:
        structure = args.structure
        p = Path(structure)
        if len(structure) < 255 and p.suffix.lower() in (".mol", ".sdf") and p.is_file():
            structure = p.read_text(encoding="utf-8")
        items.append((structure, args.structure))
    results = []
    t0 = time.monotonic()
    for n, (smiles, label) in enumerate(items):
        try:
            res = reg.classify(smiles, on=args.on, jurisdiction=args.jurisdiction)
            results.append({"input": label, "results": [r.to_dict() for r in res]})
        except SchedlibError as exc:
            if not args.batch:
                raise
            results.append({"input": label, "error": str(exc)})
        if args.batch and len(items) >= 200 and n % 100 == 0:
            err.write(f"\rclassified {n + 1}/{len(items)} ({time.monotonic() - t0:.1f}s)")
    if args.batch and len(items) >= 200:
        err.write("\n")
    if args.json:
        _dump({"registry_version": reg.version, "registry_digest": reg.digest, "items": results}, out)
        return 0
    for item in results:
        out.write(f"{item['input']}\n")
        if "error" in item:
            out.write(f"  error: {item['error']}\n")
            continue
        if not item["results"]:
            out.write("  no class rule is in force for that date and jurisdiction\n")
        for r in item["results"]:
            verdict = {True: "WITHIN", False: "not within", None: "UNCLEAR"}[r["within"]]
            mods = f"; modifications: {', '.join(r['modifications'])}" if r["modifications"] else ""
            reading = f"reading {r['reading']}" if r["reading"] else "no reading"
            out.write(f"  {r['jurisdiction']} {r['rule']} ({reading}): {verdict}{mods}\n")
            out.write(f"    {r['explanation']}\n")
            for c in r["citations"]:
                out.write(f"    cited: {c['number'] or c['title']} (effective {c['effective']})\n")
            if r["status"]:
                st = r["status"]
                out.write(
                    f"    registry substance {r['substance']}: "
                    f"{ {True: 'controlled', False: 'not controlled', None: 'unknown'}[st['controlled']] } ({st['reason']})\n"
                )
    out.write(f"\n{_stamp(reg)}\n")
    return 0


def _first(args: argparse.Namespace, reg: Registry) -> tuple[list[Any], list[dict[str, Any]]]:
    """``first``'s rows for the names that resolve, and an error object for each that does not."""
    from .errors import AmbiguousNameError, UnknownSubstanceError

    results: list[Any] = []
    unknown: list[dict[str, Any]] = []
    for n in args.names:
        try:
            results.append(reg.first_controlled(n, args.jurisdictions, regime=args.regime))
        except (UnknownSubstanceError, AmbiguousNameError) as exc:
            unknown.append(_error_object(exc))
    return results, unknown


def _answer(args: argparse.Namespace, reg: Registry) -> object:
    if args.command == "status":
        sub = reg.find(args.name)
        return [reg.status(sub, j, args.on, regime=args.regime) for j in reg._jurisdictions(args.jurisdiction, "--in")]
    if args.command == "gap":
        return reg.gap(args.controlled_in, args.not_in, args.on, regime=args.regime, family=args.family)
    if args.command == "controlled":
        return reg.controlled(args.jurisdiction, args.on, regime=args.regime, family=args.family, in_list=args.in_list)
    if args.command == "history":
        return reg.history(args.name, args.jurisdiction)
    return reg.diff(args.jurisdiction, args.start, args.end, regime=args.regime)


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import schedlib

    from .engine import compile_registry
    from .loader import read_registry

    path = args.path or args.registry or str(schedlib.bundled_registry_path())
    data, errors = read_registry(path)
    if data is not None and not errors:
        _, errors = compile_registry(data)
    if errors:
        for e in errors:
            err.write(f"{e}\n")
        err.write(f"{len(errors)} error(s) in {path}\n")
        if args.json:
            _dump({"ok": False, "errors": [{"path": e.path, "line": e.line, "message": e.message} for e in errors]}, out)
        return 1
    assert data is not None
    for held in data.policy_pending:
        err.write(f"pending (publishers.yaml): {held}\n")
    if data.policy_pending:
        err.write(f"{len(data.policy_pending)} source-policy violation(s) in files listed as pending\n")
    summary = {
        "ok": True,
        "path": str(path),
        "version": data.info.version,
        "digest": data.digest,
        "counts": {
            "jurisdictions": len(data.jurisdictions),
            "lists": len(data.lists),
            "substances": len(data.substances),
            "sources": len(data.sources),
            "classes": len(data.classes),
            "instruments": len(data.instruments),
            "editions": len(data.editions),
        },
    }
    if args.json:
        _dump(summary, out)
    else:
        c = summary["counts"]
        assert isinstance(c, dict)
        out.write(
            f"ok: {path} — registry {data.info.version}, digest {data.digest[:16]}; "
            + ", ".join(f"{v} {k}" for k, v in c.items())
            + "\n"
        )
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    if out is None or err is None:  # started with a standard stream closed (`schedlib ... >&-`)
        if err is not None:
            err.write("schedlib: error: cannot write the answer: standard output is closed\n")
        return 2
    parser = build_parser()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.version:
        import schedlib

        out.write(f"schedlib {schedlib.__version__}\n")
        try:
            reg = _load(args)
            out.write(f"{_stamp(reg)}\n")
        except SchedlibError as exc:
            err.write(f"schedlib: registry error: {exc}\n")
            return 1
        return 0
    if not args.command:
        parser.print_help(out)
        return 2
    try:
        return _run(args, out, err)
    except RegistryValidationError as exc:
        err.write(f"schedlib: the registry has errors:\n{exc}\n")
        if _wants_json(args):
            _dump({"error": _error_object(exc)}, out)
        return 1
    except SchedlibError as exc:
        err.write(f"schedlib: error: {exc}\n")
        if _wants_json(args):
            _dump({"error": _error_object(exc)}, out)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. `schedlib ... | head`
        return 0
    except OSError as exc:  # a file named on the command line that cannot be read or written
        err.write(f"schedlib: error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 2
    except UnicodeDecodeError as exc:
        err.write(f"schedlib: error: input is not UTF-8 ({exc.reason})\n")
        return 2


def console(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``schedlib`` command: :func:`main` on the standard streams.

    A terminal that cannot show 卡芬太尼 gets ``\\u`` escapes, not a traceback; an answer that cannot
    be written (standard output closed, or full) is said in one line on standard error.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        code = main(sys.argv[1:] if argv is None else argv)
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - e.g. `schedlib ... | head`
        _silence_stdout()
        return 0
    except OSError as exc:  # e.g. > /dev/full
        _silence_stdout()
        if sys.stderr is not None:
            sys.stderr.write(f"schedlib: error: cannot write the answer: {exc.strerror or exc}\n")
        return 2
    return code


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of a full or broken
    stream does not print "Exception ignored" after our message."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(console())
