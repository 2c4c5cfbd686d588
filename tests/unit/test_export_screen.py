"""Exports (law-as-data tables with a codebook), batch status and the screen command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from schedlib.answers import Status
from schedlib.cli import main
from schedlib.errors import SchedlibError, UnknownSubstanceError
from schedlib.export import CODEBOOK, export
from schedlib.registry import Registry

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.from_path(MINI)


def test_csv_export_has_every_interval_and_a_codebook(reg: Registry, tmp_path: Path) -> None:
    paths = export(reg, "csv", tmp_path)
    assert {p.name for p in paths} == {"intervals.csv", "substances.csv", "instruments.csv", "codebook.json"}
    rows = list(csv.DictReader((tmp_path / "intervals.csv").open(encoding="utf-8")))
    assert list(rows[0]) == list(CODEBOOK["intervals"])
    alpha = [r for r in rows if r["substance_id"] == "alpha"]
    assert [(r["list_id"], r["start"], r["end"], r["end_kind"]) for r in alpha] == [
        ("aa.drugs", "2010-01-01", "2016-01-01", "transferred"),
        ("aa.drugs-2", "2016-01-01", "", "open"),
    ]
    book = json.loads((tmp_path / "codebook.json").read_text())
    assert book["registry"]["version"] == "2000.1"
    instruments = list(csv.DictReader((tmp_path / "instruments.csv").open(encoding="utf-8")))
    assert all(r["file"].startswith("instruments/aa/") for r in instruments)


def test_json_export(reg: Registry, tmp_path: Path) -> None:
    export(reg, "json", tmp_path)
    rows = json.loads((tmp_path / "intervals.json").read_text())
    assert any(r["basis"] == "derivative" and r["via"] == "alpha" for r in rows)


def test_parquet_export_needs_pyarrow(reg: Registry, tmp_path: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(SchedlibError, match="pip install 'schedlib\\[parquet\\]'"):
            export(reg, "parquet", tmp_path)
    else:  # pragma: no cover - only where the extra is installed
        paths = export(reg, "parquet", tmp_path)
        assert (tmp_path / "intervals.parquet") in paths


def test_status_many_keeps_order_and_reports_bad_names(reg: Registry) -> None:
    out = reg.status_many(["alpha", "nope", "伽马"], ["AA", "BB"], "2012-06-01")
    assert len(out) == 6
    # BB's data is incomplete: unknown (None), never False; a bad name gives its error object
    assert [x.controlled if isinstance(x, Status) else "error" for x in out] == [True, None, "error", "error", True, None]
    assert isinstance(out[2], UnknownSubstanceError)


def test_screen_csv(tmp_path: Path) -> None:
    src = tmp_path / "ship.csv"
    src.write_text("id,name\n1,alpha\n2,nope\n3,\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--registry", str(MINI), "screen", str(src), "--in", "AA,BB", "--on", "2012-06-01"], out=out, err=err)
    assert code == 0
    rows = [r for r in csv.DictReader(io.StringIO(out.getvalue())) if not r["line"].startswith("#")]
    assert [(r["name"], r["jurisdiction"], r["controlled"]) for r in rows[:2]] == [
        ("alpha", "AA", "True"),
        ("alpha", "BB", "unknown"),  # BB's data is incomplete: never "False"
    ]
    assert "did you mean" in rows[2]["error"] or rows[2]["error"].startswith("unknown substance")
    assert rows[4]["error"] == "empty name"
    assert "could not be resolved" in err.getvalue()


def test_screen_json_and_missing_file(tmp_path: Path) -> None:
    src = tmp_path / "names.csv"
    src.write_text("gamma\nalpha\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert (
        main(
            ["--registry", str(MINI), "screen", str(src), "--in", "AA", "--on", "2013-01-01", "--format", "json"],
            out=out,
            err=err,
        )
        == 0
    )
    data = json.loads(out.getvalue())
    assert [r["substance_id"] for r in data["results"]] == ["gamma", "alpha"]
    assert (
        main(
            ["--registry", str(MINI), "screen", str(tmp_path / "none.csv"), "--in", "AA", "--on", "2013-01-01"], out=out, err=err
        )
        == 2
    )
