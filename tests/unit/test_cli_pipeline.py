"""The command line in a pipeline: errors as JSON, several jurisdictions, today, first with unknown names."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schedlib.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_errors_under_json_are_json_on_stdout_with_the_same_exit_code() -> None:
    code, out, err = run("status", "fentanil", "--in", "US", "--on", "2024-01-01", "--json")
    assert code == 2 and "unknown substance" in err
    e = json.loads(out)["error"]
    assert e["type"] == "UnknownSubstanceError" and "Fentanyl" in e["suggestions"]
    code, out, _ = run("gap", "--controlled-in", "US", "--not-in", "Atlantis", "--on", "2024-01-01", "--json")
    assert code == 2 and json.loads(out)["error"]["type"] == "UnknownJurisdictionError"
    code, out, _ = run("status", "fentanyl", "--in", "US", "--on", "2024-02-30", "--json")
    assert code == 2 and json.loads(out)["error"]["type"] == "InvalidDateError"


def test_a_huge_name_is_not_echoed_back() -> None:
    code, out, err = run("status", "x" * 100_000, "--in", "US", "--on", "2024-01-01", "--json")
    assert code == 2 and len(err) < 400 and len(out) < 1000


def test_find_json_carries_the_registry_version() -> None:
    code, out, _ = run("find", "Sublimaze", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "fentanyl" and data["registry_version"] and data["registry_digest"]


def test_cite_bibtex_with_json_is_refused() -> None:
    code, out, err = run("status", "fentanyl", "--in", "US", "--on", "2024-01-01", "--cite", "bibtex", "--json")
    assert code == 2 and "--cite bibtex" in err
    assert json.loads(out)["error"]["type"] == "InvalidQueryError"
    code, out, _ = run("status", "fentanyl", "--in", "US", "--on", "2024-01-01", "--cite", "csl-json", "--json")
    assert code == 0 and isinstance(json.loads(out), list | dict)


def test_status_in_several_jurisdictions_and_by_their_names() -> None:
    code, out, _ = run("status", "fentanyl", "--in", "US,China", "--on", "2024-01-01", "--json")
    data = json.loads(out)
    assert code == 0 and [s["jurisdiction"] for s in data["statuses"]] == ["US", "CN"]
    code, text, _ = run("status", "fentanyl", "--in", "usa,mexique", "--on", "2024-01-01")
    assert code == 0 and "in US on 2024-01-01" in text and "in MX on 2024-01-01" in text


def test_status_of_a_salt_says_what_it_answered() -> None:
    code, text, _ = run("status", "fentanyl citrate", "--in", "US", "--on", "2024-01-01")
    assert code == 0 and text.startswith("fentanyl citrate: answered as Fentanyl")
    code, out, _ = run("status", "fentanyl citrate", "--in", "US", "--on", "2024-01-01", "--json")
    assert json.loads(out)["answered_as"].startswith("fentanyl citrate: answered as Fentanyl")


@pytest.mark.parametrize("on", [None, "today", "TODAY"])
def test_on_defaults_to_today_and_says_so(on: str | None) -> None:
    argv = ["status", "fentanyl", "--in", "US"] + ([] if on is None else ["--on", on])
    code, out, _ = run(*argv, "--json")
    assert code == 0 and json.loads(out)["on"] == dt.date.today().isoformat()
    code, text, _ = run(*argv)
    assert f"on {dt.date.today().isoformat()}" in text


def test_first_answers_the_other_names_and_reports_the_unknown_one() -> None:
    code, out, err = run("first", "NPP", "nosuchthing", "4-ANPP", "--in", "US,CN", "--json")
    data = json.loads(out)
    assert code == 2
    assert [row[0]["substance"]["id"] for row in data["results"]] == ["npp", "4-anpp"]
    assert data["errors"][0]["type"] == "UnknownSubstanceError" and "nosuchthing" in err
    code, text, _ = run("first", "NPP", "4-ANPP", "--in", "US,CN", "--cite", "text")
    assert code == 0 and "FR" in text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_no_traceback_when_stdout_is_full_or_closed(tmp_path: Path) -> None:
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(tmp_path / "cache")}
    cmd = [sys.executable, "-m", "schedlib", "status", "fentanyl", "--in", "US", "--on", "2024-01-01"]
    subprocess.run(cmd, capture_output=True, env=env, timeout=300, check=True)  # compiles and caches the index
    for extra in ([], ["--json"]):
        with open("/dev/full", "w") as full:
            p = subprocess.run(cmd + extra, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=300)
        assert p.returncode == 2 and "Traceback" not in p.stderr and "No space left" in p.stderr, p.stderr
        p = subprocess.run(cmd + extra, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, timeout=300,
                           preexec_fn=lambda: os.close(1))
        assert p.returncode == 2 and "Traceback" not in p.stderr and "closed" in p.stderr, p.stderr


def test_substance_to_dict_and_one_name_for_the_list_filter() -> None:
    import schedlib

    d = schedlib.find("fentanyl").to_dict()
    assert d["id"] == "fentanyl" and "437-38-7" in d["identifiers"]["cas"]
    json.dumps(d)
    by_api = schedlib.controlled("US", "2024-01-01", in_list="us.list-i")
    code, out, _ = run("controlled", "US", "--on", "2024-01-01", "--in-list", "us.list-i", "--json")
    assert code == 0 and json.loads(out)["count"] == len(by_api) > 0
    code, out2, _ = run("controlled", "US", "--on", "2024-01-01", "--list", "us.list-i", "--json")
    assert out2 == out


def test_first_with_cite_still_reports_an_unknown_name() -> None:
    code, text, err = run("first", "NPP", "nosuchthing", "--in", "US", "--cite", "text")
    assert code == 2 and "FR" in text and "nosuchthing" in err


def test_find_says_how_it_read_a_salt_and_where_a_name_comes_from() -> None:
    code, text, _ = run("find", "fentanyl citrate")
    assert code == 0 and text.startswith("fentanyl citrate: answered as Fentanyl")
    assert "also: Sublimaze (en, common; us.dea.controlled-substances-2025)" in text
    code, out, _ = run("find", "fentanyl citrate", "--json")
    assert json.loads(out)["answered_as"].startswith("fentanyl citrate: answered as")
