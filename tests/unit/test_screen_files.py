"""Screening files as people have them: delimiters, encodings, headers, bad rows, exit codes.

Encoding cases run the real ``schedlib`` entry point in a subprocess, as a user's shell would.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schedlib.cli import main
from schedlib.registry import Registry
from schedlib.screening import ScreenInputError, read_table, screen

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini() -> Registry:
    return Registry.from_path(MINI)


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "schedlib", *args], capture_output=True, text=True, encoding="utf-8", env=env, timeout=300
    )


def test_an_unbalanced_quote_is_one_bad_row_not_the_rest_of_the_file(mini: Registry) -> None:
    data = b'name\nalpha\n"gamma\nalpha\n'
    t = read_table(data, "ship.csv")
    assert [(r.line, r.name, r.problem is not None) for r in t.rows] == [(2, "alpha", False), (3, "", True), (4, "alpha", False)]
    rep = screen(mini, data, "AA", "2013-01-01")
    assert rep.unresolved_lines == (3,)
    assert [r["controlled"] for r in rep.rows] == [True, None, True]
    assert "quote" in rep.rows[1]["error"] and rep.rows[1]["reason"] is None


@pytest.mark.parametrize(("sep", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiters_are_detected(mini: Registry, sep: str, name: str) -> None:
    data = f"id{sep}name{sep}qty\n1{sep}alpha{sep}3\n2{sep}gamma{sep}4\n".encode()
    rep = screen(mini, data, "AA", "2013-01-01")
    assert rep.table.delimiter == sep, name
    assert [r["substance_id"] for r in rep.rows] == ["alpha", "gamma"]
    assert [r["line"] for r in rep.rows] == [2, 3]


def test_line_numbers_without_a_header(mini: Registry) -> None:
    rep = screen(mini, b"alpha\n\nnope\n", "AA", "2013-01-01")
    assert rep.table.header is None
    assert [(r["line"], r["error"] is None) for r in rep.rows] == [(1, True), (3, False)]


def test_a_header_without_a_name_column_is_an_error_unless_column_is_given(mini: Registry) -> None:
    data = b"product,qty\nalpha,1\n"
    rep = screen(mini, b"product,qty\nwidget,1\n" + b"", "AA", "2013-01-01", column="product")
    assert rep.rows[0]["error"] is not None
    with pytest.raises(ScreenInputError, match="header without a 'name' column"):
        screen(mini, b"product,qty\nwidget,1\n", "AA", "2013-01-01")
    rep = screen(mini, data, "AA", "2013-01-01", column="Product")
    assert rep.table.column == "product" and rep.rows[0]["substance_id"] == "alpha"
    with pytest.raises(ScreenInputError, match="no column 'substance'"):
        screen(mini, data, "AA", "2013-01-01", column="substance")


def test_json_rows_use_null_and_arrays(mini: Registry, tmp_path: Path) -> None:
    src = tmp_path / "n.csv"
    src.write_text("name\nalpha\nalpah\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--registry", str(MINI), "screen", str(src), "--in", "AA", "--on", "2013-01-01", "--format", "json"], out=out, err=err)
    assert code == 3
    data = json.loads(out.getvalue())
    ok, bad = data["results"]
    assert isinstance(ok["lists"], list) and ok["via"] is None and ok["next_change"] is None
    assert bad["controlled"] is None and bad["reason"] is None and bad["substance_id"] is None
    assert bad["suggestions"] == ["Alpha"]
    assert data["names"] == 2 and data["unresolved"] == 1
    assert "1 of 2 name(s)" in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    args = ["--registry", str(MINI), "screen", str(src), "--in", "AA,BB", "--on", "2013-01-01", "--allow-unresolved"]
    assert main(args, out=out, err=err) == 0
    assert "1 of 2 name(s)" in err.getvalue()  # names, not output rows (4 rows for 2 jurisdictions)


def test_csv_reads_back_with_dictreader(tmp_path: Path) -> None:
    src = tmp_path / "n.csv"
    src.write_text("alpha\n", encoding="utf-8")
    out = io.StringIO()
    main(["--registry", str(MINI), "screen", str(src), "--in", "AA", "--on", "2013-01-01"], out=out, err=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 and rows[0]["controlled"] == "True" and rows[0]["registry_version"] == "2000.1"


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    src = tmp_path / "many.csv"
    src.write_text("name\n" + "alpha\n" * 1500, encoding="utf-8")
    err = io.StringIO()
    main(["--registry", str(MINI), "screen", str(src), "--in", "AA", "--on", "2013-01-01"], out=io.StringIO(), err=err)
    assert "screening" not in err.getvalue()


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("gbk", "name\n芬太尼\n卡芬太尼\n羟考酮\n"),
        ("utf-16", "name;cas\nfentanyl;\n;39742-60-4\n"),
        ("latin-1", "name,note\nfentanyl,entrepôt à Genève\ncocaine hydrochloride,caféine\n"),
    ],
)
def test_files_in_other_encodings_through_the_command(tmp_path: Path, encoding: str, text: str) -> None:
    src = tmp_path / f"ship-{encoding}.csv"
    src.write_bytes(text.encode(encoding))
    p = _cli(tmp_path, "screen", str(src), "--in", "US", "--on", "2024-01-01", "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["unresolved"] == 0
    assert all(r["controlled"] is True for r in data["results"])


def test_an_unreadable_file_is_named_in_the_error(tmp_path: Path) -> None:
    src = tmp_path / "broken.csv"
    src.write_bytes(b"\xff\xfename\n\x00\xd8")  # a UTF-16 BOM, then an unpaired surrogate
    p = _cli(tmp_path, "screen", str(src), "--in", "US", "--on", "2024-01-01")
    assert p.returncode == 2
    assert "broken.csv" in p.stderr and "Traceback" not in p.stderr


def test_the_python_api() -> None:
    import schedlib

    report = schedlib.screen(b"name;qty\nfentanyl citrate;2\nSublimaze;1\nfentanil;1\n", "US,China", "2024-01-01")
    assert report.table.delimiter == ";"
    assert [r["substance_id"] for r in report.rows] == ["fentanyl", "fentanyl", "fentanyl", "fentanyl", None, None]
    assert report.rows[0]["answered_as"].startswith("fentanyl citrate: answered as Fentanyl")
    assert report.unresolved_lines == (4,) and report.names == 3


def test_a_cas_column_answers_where_the_name_is_empty_or_unknown() -> None:
    import schedlib

    data = "Item;Product name;CAS\n1;;39742-60-4\n2;N-Phenethyl-4-piperidinone (tech.);39742-60-4\n3;Xanax;39742-60-4\n"
    with pytest.raises(ScreenInputError, match="--column 'Product name'"):
        schedlib.screen(data.encode(), "US", "2024-01-01")
    rep = schedlib.screen(data.encode(), "US", "2024-01-01", column="Product name")
    assert rep.table.cas_column == "CAS"
    by_line = {r["line"]: r for r in rep.rows}
    assert by_line[2]["substance_id"] == "npp" and by_line[2]["answered_as"] is None
    assert by_line[3]["substance_id"] == "npp" and "by its CAS RN 39742-60-4" in by_line[3]["answered_as"]
    assert by_line[4]["substance_id"] is None and "check the row" in by_line[4]["error"]  # Xanax is not NPP


def test_an_unknown_cas_number_gets_no_look_alike_suggestions() -> None:
    import schedlib

    with pytest.raises(schedlib.UnknownSubstanceError) as info:
        schedlib.find("67-64-9")
    assert info.value.suggestions == ()


def test_the_messy_file_in_the_docs_prints_what_the_docs_say(tmp_path: Path) -> None:
    page = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    section = page.split("## Screening a file", 1)[1]
    blocks = section.split("```text\n")[1:]
    data, session = blocks[0].split("```", 1)[0], blocks[1].split("```", 1)[0]
    (tmp_path / "shipment.csv").write_bytes(data.encode("latin-1"))
    commands = [ln for ln in session.splitlines() if ln.startswith("$ schedlib")]
    expected = session.split(commands[1] + "\n", 1)[1].split("$ echo")[0]
    argv = [a.strip('"') for a in commands[1][len("$ schedlib ") :].replace('"Product name"', "Product_name").split()]
    argv = [a.replace("Product_name", "Product name") for a in argv]
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code = main(argv, out=out, err=err)
        first_err = io.StringIO()
        first_code = main(commands[0][len("$ schedlib ") :].split(), out=io.StringIO(), err=first_err)
    finally:
        os.chdir(cwd)
    assert code == 3 and err.getvalue() == expected
    assert first_code == 2 and first_err.getvalue().strip() == session.splitlines()[1]
    rows = list(csv.DictReader((tmp_path / "screened.csv").open(encoding="utf-8")))
    assert [r["substance_id"] for r in rows if r["jurisdiction"] == "US"] == ["fentanyl", "", "acetone", "npp", "alprazolam", ""]
