"""Screening a file of names (or CAS numbers) against several jurisdictions: ``schedlib screen``.

Files come as people have them: comma-, semicolon- or tab-separated; UTF-8, UTF-16, GBK or
Latin-1; with a header or without. :func:`read_table` reads such a file, saying what it found
(encoding, delimiter, header, column) and reporting every row it could not read with its line
(an unbalanced quote is one bad row, not the end of the file). :func:`screen` answers every
row for every jurisdiction and returns a :class:`ScreenReport`: one row per input row and
jurisdiction, with ``None`` (JSON ``null``) where a value is missing and lists as lists.

The encoding of a file that is not UTF-8 is detected with charset-normalizer.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AmbiguousNameError, SchedlibError, UnknownSubstanceError
from .names import Resolved, normalize_name, salt_base

if TYPE_CHECKING:
    from .registry import DateLike, Registry

__all__ = ["FIELDS", "InputRow", "ScreenInputError", "ScreenReport", "Table", "read_table", "screen"]

DELIMITERS = (",", ";", "\t", "|")
NAME_HEADERS = ("name", "names", "substance", "substance name", "chemical", "chemical name")
CAS_HEADERS = ("cas", "cas rn", "cas no", "cas number", "casrn", "cas_rn", "cas_no", "cas-rn", "cas no.")

FIELDS = (
    "line",
    "name",
    "cas",
    "jurisdiction",
    "substance_id",
    "substance",
    "answered_as",
    "on",
    "controlled",
    "reason",
    "lists",
    "since",
    "next_change",
    "via",
    "instrument",
    "citation",
    "error",
    "suggestions",
    "registry_version",
)
"""The columns of every result row, in order (CSV header, JSON keys)."""


class ScreenInputError(SchedlibError, ValueError):
    """The input file cannot be screened at all (no such column, unknown encoding, empty file)."""


@dataclass(frozen=True, slots=True)
class InputRow:
    """One row of the input: its physical line, the name and CAS RN read from it, or why it could not be read."""

    line: int
    name: str
    cas: str = ""
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """What :func:`read_table` found."""

    rows: tuple[InputRow, ...]
    encoding: str
    delimiter: str
    header: tuple[str, ...] | None
    column: str | None
    cas_column: str | None


@dataclass(frozen=True)
class ScreenReport:
    """The answer to a screening: ``rows`` (one dict per input row and jurisdiction, keys :data:`FIELDS`)."""

    rows: tuple[dict[str, Any], ...]
    table: Table
    jurisdictions: tuple[str, ...]
    on: str
    registry_version: str
    registry_digest: str
    unresolved_lines: tuple[int, ...] = field(default=())

    @property
    def names(self) -> int:
        """Input rows screened (each once, whatever the number of jurisdictions)."""
        return len(self.table.rows)

    @property
    def unresolved(self) -> int:
        """Input rows (names, not output rows) that could not be answered."""
        return len(self.unresolved_lines)

    def to_dict(self) -> dict[str, Any]:
        t = self.table
        return {
            "registry_version": self.registry_version,
            "registry_digest": self.registry_digest,
            "on": self.on,
            "jurisdictions": list(self.jurisdictions),
            "input": {
                "encoding": t.encoding,
                "delimiter": t.delimiter,
                "header": list(t.header) if t.header is not None else None,
                "column": t.column,
                "cas_column": t.cas_column,
            },
            "names": self.names,
            "unresolved": self.unresolved,
            "unresolved_lines": list(self.unresolved_lines),
            "results": [dict(r) for r in self.rows],
        }


# ---------------------------------------------------------------------------- reading


def decode(data: bytes, filename: str, score: Callable[[str], int] | None = None) -> tuple[str, str]:
    """(text, encoding name): UTF-8 (with or without BOM) and UTF-16 with a BOM as such, else detected.

    charset-normalizer proposes the encodings under which the bytes read as text; a short list of
    names leaves several (GBK bytes also read as Korean), so ``score`` (how many lines hold a known
    name) chooses among them, charset-normalizer's order breaking ties.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ScreenInputError(f"{filename}: starts as UTF-16 but is not ({exc.reason} at byte {exc.start})") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ScreenInputError(f"{filename}: cannot tell the text encoding; save it as UTF-8 and try again")
    texts = [(str(m), m.encoding) for m in matches]
    if score is None or len(texts) == 1:
        return texts[0]
    scores = [score(t) for t, _ in texts]
    best = max(range(len(texts)), key=lambda i: (scores[i], -i))
    return texts[best]


def _delimiter(lines: Sequence[str]) -> str:
    """The delimiter that splits the first lines into the same number (> 1) of fields; ',' when none does."""
    sample = [ln for ln in lines[:50] if ln.strip()]
    best, best_score = ",", (0, 0)
    for d in DELIMITERS:
        counts = []
        for ln in sample:
            try:
                counts.append(len(next(csv.reader([ln], delimiter=d, strict=True))))
            except (csv.Error, StopIteration):
                continue
        if not counts:
            continue
        top = max(set(counts), key=counts.count)
        score = (counts.count(top), top) if top > 1 else (0, 0)
        if score > best_score:
            best, best_score = d, score
    return best


def _find(header: Sequence[str], wanted: str) -> int | None:
    key = wanted.strip().casefold()
    for i, h in enumerate(header):
        if h.strip().casefold() == key:
            return i
    return None


def read_table(
    data: bytes | str,
    filename: str = "<input>",
    column: str | None = None,
    cas_column: str | None = None,
    is_name: Callable[[str], bool] | None = None,
) -> Table:
    """Read a delimited file into :class:`InputRow` s with their physical line numbers.

    The first row is a header when it holds ``column`` (or ``name``, or a CAS column); with
    ``column`` given, a header without it is an error. A first row of several cells none of
    which ``is_name`` accepts is taken as a header without a name column: an error too (say
    which column holds the names with ``column``). Otherwise the names are in the first
    column of every row, from line 1.
    """
    if isinstance(data, bytes):

        def score(text: str) -> int:
            if is_name is None:
                return 0
            return sum(1 for ln in text.splitlines()[:200] if any(is_name(c.strip()) for c in re.split(r"[,;\t|]", ln)))

        text, encoding = decode(data, filename, score)
    else:
        text, encoding = data, "str"
    lines = text.splitlines()
    if not any(ln.strip() for ln in lines):
        raise ScreenInputError(f"{filename}: the file is empty")
    delim = _delimiter(lines)
    parsed: list[tuple[int, list[str] | None, str | None]] = []
    for n, ln in enumerate(lines, start=1):
        if not ln.strip():
            continue
        try:
            cells = next(csv.reader([ln], delimiter=delim, strict=True))
        except csv.Error as exc:
            parsed.append((n, None, f"cannot read this row ({exc}); is a quote unbalanced?"))
            continue
        parsed.append((n, cells, None))
    first_cells = next((c for _, c, _p in parsed if c is not None), None)
    header: tuple[str, ...] | None = None
    col_i: int | None = 0
    cas_i: int | None = None
    if first_cells is not None:
        wanted_name = _find(first_cells, column) if column else next(
            (i for h in NAME_HEADERS if (i := _find(first_cells, h)) is not None), None
        )
        wanted_cas = _find(first_cells, cas_column) if cas_column else next(
            (i for h in CAS_HEADERS if (i := _find(first_cells, h)) is not None), None
        )
        if column and wanted_name is None:
            raise ScreenInputError(
                f"{filename}: no column {column!r} in the header (columns: {', '.join(repr(c) for c in first_cells)})"
            )
        if cas_column and wanted_cas is None:
            raise ScreenInputError(
                f"{filename}: no column {cas_column!r} in the header (columns: {', '.join(repr(c) for c in first_cells)})"
            )
        namish = [c for c in first_cells if any(w in c.casefold() for w in ("name", "substance", "chemical", "product"))]
        if wanted_name is None and wanted_cas is not None and namish:
            raise ScreenInputError(
                f"{filename}: the header has no 'name' column but has {', '.join(repr(c) for c in namish)}; "
                f"say which column holds the names with --column (e.g. --column {namish[0]!r})"
            )
        if wanted_name is not None or wanted_cas is not None:
            header = tuple(first_cells)
            col_i, cas_i = wanted_name, wanted_cas
        elif len(first_cells) > 1 and is_name is not None and not any(is_name(c) for c in first_cells if c.strip()):
            raise ScreenInputError(
                f"{filename}: line 1 looks like a header without a 'name' column "
                f"(columns: {', '.join(repr(c) for c in first_cells)}); say which column holds the names "
                "with --column NAME (and --cas-column for CAS numbers)"
            )
    rows: list[InputRow] = []
    header_line = next((n for n, c, _ in parsed if c is not None), 0) if header is not None else 0
    for n, maybe, problem in parsed:
        if n == header_line:
            continue
        if maybe is None:
            rows.append(InputRow(n, "", "", problem))
            continue
        cells = maybe
        name = cells[col_i].strip() if col_i is not None and len(cells) > col_i else ""
        cas = cells[cas_i].strip() if cas_i is not None and len(cells) > cas_i else ""
        if not name and not cas:
            rows.append(InputRow(n, "", "", "empty name"))
        else:
            rows.append(InputRow(n, name, cas))
    return Table(
        tuple(rows),
        encoding,
        delim,
        header,
        header[col_i] if header is not None and col_i is not None else None,
        header[cas_i] if header is not None and cas_i is not None else None,
    )


# ---------------------------------------------------------------------------- answering


def _blank(line: int, name: str, cas: str, j: str, version: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(FIELDS)
    row.update(line=line, name=name or None, cas=cas or None, jurisdiction=j, lists=[], suggestions=[], registry_version=version)
    return row


def screen(
    reg: Registry,
    source: str | os.PathLike[str] | bytes,
    jurisdictions: str | Sequence[str],
    on: DateLike,
    regime: str | None = None,
    column: str | None = None,
    cas_column: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ScreenReport:
    """Screen every row of a file (a path, or its bytes) in every jurisdiction on ``on``.

    Every input row gives one result row per jurisdiction. A row that could not be read or
    answered has ``error`` (and ``suggestions``), ``controlled`` and ``reason`` ``None``.
    Raises :class:`ScreenInputError` when the file as a whole cannot be screened.
    """
    from .dates import parse_date

    if isinstance(source, bytes):
        data, filename = source, "<input>"
    else:
        filename = os.fspath(source)
        try:
            data = Path(filename).read_bytes()
        except OSError as exc:
            raise ScreenInputError(f"{filename}: cannot read ({exc.strerror})") from None
    codes = reg._jurisdictions(jurisdictions, "jurisdictions")
    day = parse_date(on, what="on")

    def known(text: str) -> bool:  # a cheap test (no suggestions are computed): is this a name or a salt of one?
        if not text or len(text) > 300:
            return False
        return normalize_name(text) in reg._names or salt_base(text, reg._names, {}) is not None

    table = read_table(data, filename, column, cas_column, known)
    version = reg.version
    out: list[dict[str, Any]] = []
    unresolved: list[int] = []
    memo: dict[tuple[str, str], list[dict[str, Any]]] = {}
    total = len(table.rows)
    for i, row in enumerate(table.rows):
        answers = memo.get((row.name, row.cas)) if row.problem is None else None
        if answers is None:
            answers = _answer(reg, row, codes, day, regime)
            if row.problem is None:
                memo[(row.name, row.cas)] = answers  # shipment lists repeat names: each is answered once
        for a in answers:
            r = _blank(row.line, row.name, row.cas, a["jurisdiction"], version)
            r.update(a)
            out.append(r)
        if answers and answers[0].get("error"):
            unresolved.append(row.line)
        if progress is not None:
            progress(i + 1, total)
    return ScreenReport(tuple(out), table, codes, day.isoformat(), version, reg.digest, tuple(unresolved))


def _answer(reg: Registry, row: InputRow, codes: Sequence[str], day: Any, regime: str | None) -> list[dict[str, Any]]:
    def errors(message: str, suggestions: Sequence[str] = ()) -> list[dict[str, Any]]:
        return [{"jurisdiction": j, "error": message, "suggestions": list(suggestions)} for j in codes]

    if row.problem is not None:
        return errors(row.problem)
    by_cas: Resolved | None = None
    if row.cas:
        with contextlib.suppress(SchedlibError):
            by_cas = reg.resolve(row.cas)
    try:
        resolved = reg.resolve(row.name) if row.name else reg.resolve(row.cas)
        if by_cas is not None and by_cas.substance.id != resolved.substance.id:
            return errors(f"the name is {resolved.substance.name} but CAS RN {row.cas} is {by_cas.substance.name}; check the row")
    except (UnknownSubstanceError, AmbiguousNameError) as exc:
        if by_cas is not None and row.name:  # an unknown name with a known CAS RN: answer by the number, and say so
            resolved = Resolved(row.name, by_cas.substance, f"CAS RN {row.cas} (the name is not known)")
        else:
            sugg = getattr(exc, "suggestions", ()) or getattr(exc, "candidates", ())
            return errors(str(exc), sugg)
    except SchedlibError as exc:
        return errors(str(exc))
    answers = []
    for j in codes:
        st = reg.status(resolved.substance, j, day, regime=regime)  # type: ignore[arg-type]
        first = st.citations[0] if st.citations else None
        answers.append(
            {
                "jurisdiction": st.jurisdiction,
                "substance_id": st.substance.id,
                "substance": st.substance.name,
                "answered_as": resolved.note,
                "on": st.on.isoformat(),
                "controlled": st.controlled,
                "reason": st.reason,
                "lists": list(st.lists),
                "since": st.since.isoformat() if st.since else None,
                "next_change": st.next_change.isoformat() if st.next_change else None,
                "via": st.via,
                "instrument": first.instrument if first else None,
                "citation": first.short() if first else None,
                "error": None,
                "suggestions": [],
            }
        )
    return answers


# ---------------------------------------------------------------------------- writing


def write_csv(report: ScreenReport, target: io.TextIOBase | Any) -> None:
    """Result rows as CSV: lists joined with ``|``, missing values empty, ``controlled`` True, False or unknown."""
    writer = csv.DictWriter(target, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for r in report.rows:
        row = dict(r)
        row["lists"] = "|".join(r["lists"])
        row["suggestions"] = "|".join(r["suggestions"])
        if r["error"] is None:
            row["controlled"] = {True: "True", False: "False", None: "unknown"}[r["controlled"]]
        writer.writerow({k: "" if v is None else v for k, v in row.items()})

