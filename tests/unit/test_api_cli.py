"""The public API and the command line, on the small ``mini`` registry."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

import schedlib
from schedlib.cli import main
from schedlib.registry import Registry

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.from_path(MINI)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--registry", str(MINI), *argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- find


@pytest.mark.parametrize("name", ["gamma", "GAMMA", " Gamma ", "伽马", "50-00-0", "gam-ma"])
def test_find_by_any_name_or_identifier(reg: Registry, name: str) -> None:
    assert reg.find(name).id == "gamma"


def test_unknown_name_has_suggestions(reg: Registry) -> None:
    with pytest.raises(schedlib.UnknownSubstanceError) as info:
        reg.find("gamm")
    assert "Gamma" in info.value.suggestions
    assert isinstance(info.value, LookupError)
    assert "did you mean" in str(info.value)


def test_ambiguous_name(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    (root / "substances" / "delta.yaml").write_text("id: delta\nname: Delta\nsynonyms: [{name: Gamma}]\n")
    r = Registry.from_path(root)
    with pytest.raises(schedlib.AmbiguousNameError) as info:
        r.find("gamma")
    assert info.value.candidates == ("delta", "gamma")


def test_unknown_jurisdiction_and_bad_dates(reg: Registry) -> None:
    with pytest.raises(schedlib.UnknownJurisdictionError) as info:
        reg.status("alpha", "AB", "2011-01-01")
    assert "AA" in info.value.suggestions or "AA" in str(info.value)
    for bad in ("2019-5-1", "20190501", "2019-02-29", "0000-01-01", "tomorrow"):
        with pytest.raises(schedlib.InvalidDateError):
            reg.status("alpha", "AA", bad)
    with pytest.raises(ValueError):
        reg.status("alpha", "AA", dt.datetime(2011, 1, 1))  # type: ignore[arg-type]
    assert reg.status("alpha", "aa", dt.date(2011, 1, 1)).controlled  # codes are case-insensitive in queries


# ---------------------------------------------------------------- status


def test_status_reasons(reg: Registry) -> None:
    later = reg.status("alpha", "AA", "2009-12-31")
    assert (later.controlled, later.reason, later.next_change) == (False, "later", dt.date(2010, 1, 1))
    assert later.citations and later.citations[0].instrument == "aa.2010-01-01.add-alpha"
    listed = reg.status("alpha", "AA", "2010-01-01")
    assert listed.controlled and listed.reason == "listed" and listed.lists == ("aa.drugs",)
    assert listed.since == dt.date(2010, 1, 1) and listed.next_change is None
    assert listed.registry_version == "2000.1" and len(listed.registry_digest) == 64
    moved = reg.status("alpha", "AA", "2016-01-01")
    assert moved.lists == ("aa.drugs-2",) and moved.since == dt.date(2010, 1, 1)  # a transfer leaves no gap


def test_temporary_extension_and_expiry(reg: Registry) -> None:
    st = reg.status("gamma", "AA", "2014-06-01")
    assert st.controlled and st.next_change == dt.date(2015, 1, 1)
    assert {c.role for c in st.citations} == {"temporary", "extended"}
    gone = reg.status("gamma", "AA", "2015-01-01")
    assert (gone.controlled, gone.reason, gone.ended_on) == (False, "expired", dt.date(2015, 1, 1))
    assert gone.citations


def test_derivative_cover_survives_transfer(reg: Registry) -> None:
    st = reg.status("beta", "AA", "2012-01-01")
    assert st.controlled and st.reason == "class" and st.via == "alpha"
    assert reg.status("beta", "AA", "2017-01-01").lists == ("aa.drugs-2",)


def test_class_member(reg: Registry) -> None:
    assert reg.status("delta", "AA", "2015-12-31").reason == "later"
    st = reg.status("delta", "AA", "2016-01-01")
    assert st.controlled and st.reason == "class" and st.via == "aa.family-class" and st.via_sources


def test_not_covered_vs_never(reg: Registry) -> None:
    assert reg.status("alpha", "BB", "2020-01-01").reason == "not-covered"
    assert reg.status("gamma", "AA", "2011-01-01").reason == "later"
    assert reg.status("beta", "AA", "2009-01-01").reason == "later"


def test_export_regime_only_when_asked(reg: Registry) -> None:
    with pytest.raises(schedlib.InvalidQueryError):
        reg.status("alpha", "AA", "2011-01-01", regime="exports")  # type: ignore[arg-type]
    assert reg.status("alpha", "AA", "2011-01-01", regime="export").reason == "never"


def test_controlled_gap_diff_history(reg: Registry) -> None:
    ids = [s.substance.id for s in reg.controlled("AA", "2016-06-01")]
    assert ids == ["alpha", "beta", "delta"]
    assert [s.substance.id for s in reg.controlled("AA", "2016-06-01", in_list="aa.drugs")] == ["delta"]
    with pytest.raises(schedlib.InvalidQueryError):
        reg.controlled("AA", "2016-06-01", in_list="bb.drugs")
    with pytest.raises(schedlib.UnknownListError):
        reg.controlled("AA", "2016-06-01", in_list="aa.drug")
    gap = reg.gap("AA", "BB", "2016-06-01")
    assert len(gap) == 3 and "alpha" in gap and gap.by_reason() == {"not-covered": 3}
    d = reg.diff("AA", "2014-06-01", "2016-06-01")
    assert [s.id for s in d.added] == ["delta"] and [s.id for s in d.removed] == ["gamma"]
    kinds = [(e.substance.id, e.kind) for e in d.events]
    assert ("alpha", "moved") in kinds and ("gamma", "expired") in kinds
    assert not any(e.kind == "removed" and e.substance.id == "alpha" for e in d.events)
    hist = reg.history("alpha")
    assert [(e.kind, e.list, e.from_list) for e in hist] == [("added", "aa.drugs", None), ("moved", "aa.drugs-2", "aa.drugs")]
    with pytest.raises(schedlib.InvalidQueryError):
        reg.diff("AA", "2016-01-01", "2015-01-01")


def test_answers_are_json_serialisable(reg: Registry) -> None:
    for obj in (
        reg.status("alpha", "AA", "2011-01-01"),
        reg.gap("AA", "BB", "2016-06-01"),
        reg.diff("AA", "2009-01-01", "2020-01-01"),
        *reg.history("gamma"),
    ):
        json.dumps(obj.to_dict(), ensure_ascii=False)


def test_lineage_and_readonly_mappings(reg: Registry) -> None:
    assert reg.lineage("aa.drugs") == ((), ())
    with pytest.raises(TypeError):
        reg.substances["x"] = reg.substances["alpha"]  # type: ignore[index]


# ---------------------------------------------------------------- CLI


def test_cli_status_human_and_json() -> None:
    code, out, _ = run("status", "alpha", "--in", "AA", "--on", "2009-12-31")
    assert code == 0 and "NOT CONTROLLED" in out and "2010-01-01" in out and "registry mini 2000.1" in out
    code, out, _ = run("status", "alpha", "--in", "AA", "--on", "2010-01-01", "--json")
    data = json.loads(out)
    assert code == 0 and data["controlled"] is True and data["reason"] == "listed"
    assert data["citations"][0]["instrument"] == "aa.2010-01-01.add-alpha"


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (("status", "gamm", "--in", "AA", "--on", "2011-01-01"), 2, "did you mean"),
        (("status", "alpha", "--in", "ZZ", "--on", "2011-01-01"), 2, "unknown jurisdiction"),
        (("status", "alpha", "--in", "AA", "--on", "2011-13-01"), 2, "not a real calendar date"),
        (("status", "alpha", "--on", "2011-01-01"), 2, "required"),  # --in; --on defaults to today
        (("gap", "--controlled-in", "AA", "--not-in", "BB", "--on", "x"), 2, "not an ISO date"),
        (("controlled", "AA", "--on", "2011-01-01", "--family", "nope"), 2, "unknown family"),
        (("bogus",), 2, "invalid choice"),
    ],
)
def test_cli_user_errors_exit_2_without_traceback(argv: tuple[str, ...], code: int, needle: str) -> None:
    got, out, err = run(*argv)
    assert got == code
    assert needle in err
    assert "Traceback" not in err + out


def test_cli_commands_run() -> None:
    for argv in (
        ("gap", "--controlled-in", "AA", "--not-in", "BB", "--on", "2016-06-01"),
        ("controlled", "AA", "--on", "2016-06-01"),
        ("history", "gamma"),
        ("history", "gamma", "--in", "AA", "--json"),
        ("diff", "AA", "2015-01-01", "2016-06-01"),
        ("find", "伽马"),
        ("find", "50-00-0", "--json"),
    ):
        code, out, err = run(*argv)
        assert code == 0, (argv, err)
        assert out


def test_cli_validate(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(MINI)], out=out, err=err) == 0
    assert "ok:" in out.getvalue()
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    (root / "substances" / "bad.yaml").write_text("id: bad\nname: Bad\nflavour: x\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(root)], out=out, err=err) == 1
    assert "substances/bad.yaml:3: unknown field 'flavour'" in err.getvalue()


def test_bundled_registry_loads_and_is_cached() -> None:
    a = schedlib.load()
    assert a is schedlib.load()
    assert a.version and len(a.digest) == 64


def test_list_lineage_on_the_list_objects(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    p = root / "lists" / "aa.yaml"
    p.write_text(
        p.read_text().replace(
            "    name: Drugs of A, second list\n", "    name: Drugs of A, second list\n    replaces: [aa.drugs]\n"
        )
    )
    r = Registry.from_path(root)
    assert r.lists["aa.drugs-2"].predecessors == ("aa.drugs",)
    assert r.lists["aa.drugs"].successors == ("aa.drugs-2",)
    assert r.lineage("aa.drugs") == ((), ("aa.drugs-2",))


def test_first_controlled(reg: Registry) -> None:
    by_j = {fc.jurisdiction: fc for fc in reg.first_controlled("alpha", "AA,BB")}
    assert by_j["AA"].since == dt.date(2010, 1, 1) and by_j["AA"].exact
    assert by_j["AA"].status.controlled and by_j["AA"].status.citations
    assert by_j["BB"].since is None and by_j["BB"].status.reason == "not-covered"
    code, out, _ = run("first", "alpha", "gamma", "--in", "AA,BB")
    assert code == 0 and "2010-01-01" in out and "2012-01-01" in out and "not-covered" in out
