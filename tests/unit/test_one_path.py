"""One path through the code: the command line prints the API's answers, rendered; no answer tables.

Each command line form is run as a whole process with a warm cache (the compiled index loaded from
the cache directory), and its output must equal, byte for byte, the rendering of the answer that
the Python API gives for the same question in this process.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import schedlib
from schedlib import _hans, cache, cli, names
from schedlib.registry import Registry
from schedlib.render import fit

_OLD_SQUEEZE = re.compile(r"[\s\-\u2010-\u2015_·,()\[\]'\u2019\u2032\u200b-\u200d\u2060\ufeff\xad]+")
_HANS = {_hans.PAIRS[i]: _hans.PAIRS[i + 1] for i in range(0, len(_hans.PAIRS), 2)}


def _old_normalize(text: str) -> str:
    key = _OLD_SQUEEZE.sub("", unicodedata.normalize("NFKC", text).casefold())
    key = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c)))
    return "".join(_HANS.get(c, c) for c in key)


# ---------------------------------------------------------------------------- names


@given(st.text(max_size=30))
def test_name_key_is_the_regex_key(text: str) -> None:
    assert names.normalize_name(text) == _old_normalize(text)


def test_whitespace_table_is_exactly_str_isspace() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert spaces == set(names._WHITESPACE)
    assert all(_OLD_SQUEEZE.fullmatch(ch) for ch in spaces)


def test_name_keys_of_every_bundled_name() -> None:
    reg = schedlib.load()
    for sub in reg.substances.values():
        for name in (sub.name, *(s.name for s in sub.synonyms)):
            assert names.normalize_name(name) == _old_normalize(name), name


# ---------------------------------------------------------------------------- the command line prints the API's answer

Render = Callable[[Registry, io.StringIO], None]

_DAY = "2018-06-01"
_WIDTH = 80
CASES: list[tuple[list[str], Render]] = [
    (
        ["status", "carfentanil", "--in", "CN", "--on", _DAY],
        lambda reg, out: cli._print_status(reg.status("carfentanil", "CN", _DAY), reg, out),
    ),
    (
        ["status", "fentanyl citrate", "--in", "US", "--on", _DAY],
        lambda reg, out: (
            out.write(f"{reg.resolve('fentanyl citrate').note}\n"),
            cli._print_status(reg.status("fentanyl", "US", _DAY), reg, out),
        ),
    ),
    (
        ["status", "carfentanil", "--in", "CN", "--on", _DAY, "--json"],
        lambda reg, out: cli._dump({**reg.status("carfentanil", "CN", _DAY).to_dict(), "answered_as": None}, out),
    ),
    (
        ["gap", "--controlled-in", "US", "--not-in", "CN", "--on", _DAY],
        lambda reg, out: cli._print_gap(reg.gap("US", "CN", _DAY), reg, out, _WIDTH),
    ),
    (
        ["gap", "--controlled-in", "US", "--not-in", "CN", "--on", _DAY, "--json"],
        lambda reg, out: cli._dump(reg.gap("US", "CN", _DAY).to_dict(), out),
    ),
    (
        ["history", "carfentanil"],
        lambda reg, out: cli._print_events(reg.history("carfentanil"), f"History of {reg.find('carfentanil').name}:", reg, out, _WIDTH),
    ),
    (
        ["diff", "US", "2017-01-01", "2019-01-01"],
        lambda reg, out: cli._print_diff(reg.diff("US", "2017-01-01", "2019-01-01"), reg, out, _WIDTH),
    ),
    (
        ["diff", "US", "2017-01-01", "2019-01-01", "--json"],
        lambda reg, out: cli._dump(reg.diff("US", "2017-01-01", "2019-01-01").to_dict(), out),
    ),
    (
        ["first", "carfentanil", "--in", "UN,US,CN"],
        lambda reg, out: cli._print_first([reg.first_controlled("carfentanil", "UN,US,CN")], reg, out, _WIDTH),
    ),
    (
        ["coverage", "US", "--on", _DAY],
        lambda reg, out: cli._print_coverage(reg.coverage("US", _DAY), "US", reg, out, _WIDTH),
    ),
    (
        ["find", "carfentanil", "--json"],
        lambda reg, out: cli._dump(
            {**reg.find("carfentanil").to_dict(), "answered_as": None, "registry_version": reg.version, "registry_digest": reg.digest},
            out,
        ),
    ),
]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a process with a warm cache (the index compiled and cached by a first run)."""
    env = {
        **os.environ,
        "SCHEDLIB_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
        "PYTHONIOENCODING": "utf-8",
        "COLUMNS": str(_WIDTH),
    }
    subprocess.run([sys.executable, "-m", "schedlib", "find", "fentanyl"], env=env, check=True, capture_output=True, timeout=600)
    return env


@pytest.mark.parametrize(("argv", "render"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_the_command_line_prints_the_api_answer_rendered(warm: dict[str, str], argv: list[str], render: Render) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "schedlib", *argv], capture_output=True, text=True, encoding="utf-8", env=warm, timeout=300
    )
    assert done.returncode == 0, done.stderr
    expected = io.StringIO()
    render(schedlib.load(), expected)
    # text answers are fitted to the width (COLUMNS) by the one function every command prints through
    assert done.stdout == (expected.getvalue() if "--json" in argv else fit(expected.getvalue(), _WIDTH))
    if "--json" in argv:
        json.loads(done.stdout)


def test_in_process_main_prints_what_the_process_prints(warm: dict[str, str]) -> None:
    argv = ["history", "fentanyl", "--in", "US"]
    done = subprocess.run([sys.executable, "-m", "schedlib", *argv], capture_output=True, text=True, encoding="utf-8", env=warm)
    out = io.StringIO()
    assert cli.main(argv, out=out, err=io.StringIO()) == 0
    assert done.stdout == out.getvalue() and "History of" in done.stdout


def test_no_answer_table_is_written(warm: dict[str, str]) -> None:
    d = Path(warm["SCHEDLIB_CACHE_DIR"])
    assert list(d.glob("registry-*.cache")) and not list(d.glob("warm-*.bin"))


def test_old_answer_tables_are_pruned(tmp_path: Path) -> None:
    old = tmp_path / "warm-0123abcd.bin"
    old.write_bytes(b"a table of printed answers from before the compiled index")
    assert cache.prune(tmp_path) == [old] and not old.exists()


# ---------------------------------------------------------------------------- the entry point


def test_python_dash_m_uses_the_same_entry(mini: Path, tmp_path: Path) -> None:
    argv = ["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"]
    out = io.StringIO()
    assert cli.main(argv, out=out, err=io.StringIO()) == 0
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "schedlib", *argv], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == out.getvalue()


def test_signature_is_the_same_without_directory_descriptors(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The portable walk (systems without dir_fd, e.g. Windows) sees the same files, sizes and mtimes."""
    with_fd = cache.signature(str(mini))
    monkeypatch.setattr(cache, "_DIR_FD", False)
    assert cache.signature(str(mini)) == with_fd


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_terminal_that_cannot_encode_chinese_gets_escapes_not_a_traceback(extra: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    argv = ["status", "卡芬太尼", "--in", "CN", "--on", "2017-03-01", *extra]
    done = subprocess.run([sys.executable, "-m", "schedlib", *argv], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "\\u" in done.stdout or "CONTROLLED" in done.stdout


def test_editing_schedlib_code_invalidates_every_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer who edits the engine without bumping the version must not get answers of the old code."""
    pkg = tmp_path / "schedlib"
    pkg.mkdir()
    (pkg / "cache.py").write_text("# a\n", encoding="utf-8")
    (pkg / "engine.py").write_text("# b\n", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(pkg / "cache.py"))
    before = cache.code_version()
    assert before == cache.code_version()
    (pkg / "engine.py").write_text("# b, edited\n", encoding="utf-8")
    assert cache.code_version() != before
