"""Output that fits: the terminal's width, wrapped prose, narrow tables, addresses never broken, --brief.

The width cases run the real entry point (``python -m schedlib``, the warm path included) in a
subprocess, with ``COLUMNS`` as a shell sets it.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import schedlib
from schedlib.cli import main
from schedlib.render import display_width, fit, output_width, text_table, wrap

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, columns: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["SCHEDLIB_CACHE_DIR"] = str(tmp_path / "cache")
    if columns is not None:
        env["COLUMNS"] = columns
    return env


def cli(tmp_path: Path, *argv: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    """``schedlib ARGV`` as a user runs it, output to a pipe."""
    return subprocess.run(
        [sys.executable, "-m", "schedlib", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path, columns),
        check=False,
        cwd=tmp_path,
    )


def too_wide(text: str, width: int) -> list[str]:
    """Lines wider than ``width`` columns, but for an address alone on its line that is itself wider."""
    bad = []
    for line in text.splitlines():
        if display_width(line) <= width:
            continue
        alone = line.strip()
        if " " not in alone and alone.strip("<>").startswith(("http://", "https://")) and display_width(alone) > width:
            continue
        bad.append(line)
    return bad


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------------------- the width


def test_the_width_is_columns_else_the_terminal_else_80() -> None:
    assert output_width(io.StringIO(), {"COLUMNS": "100"}) == 100
    assert output_width(io.StringIO(), {"COLUMNS": "0"}) == 0  # no limit
    assert output_width(io.StringIO(), {}) == 80  # a pipe or a file
    assert output_width(io.StringIO(), {"COLUMNS": "wide"}) == 80


@pytest.mark.parametrize("columns", ["60", "80", "100"])
def test_status_fits_columns_in_a_subprocess_cold_and_cached(tmp_path: Path, columns: str) -> None:
    argv = ("status", "carfentanil", "--in", "CN", "--on", "2017-03-01")
    cold = cli(tmp_path, *argv, columns=columns)  # builds and caches the index
    warm = cli(tmp_path, *argv, columns=columns)  # answers from the cached index
    assert cold.returncode == warm.returncode == 0, cold.stderr + warm.stderr
    assert cold.stdout == warm.stdout
    assert not too_wide(cold.stdout, int(columns)), too_wide(cold.stdout, int(columns))
    assert "Carfentanil in CN on 2017-03-01: CONTROLLED" in cold.stdout
    # the long line of the explanation, once unwrapped, reads as it did
    assert "Carfentanil is controlled in CN on 2017-03-01 (listed; cn.nps-supplementary), since 2017-03-01" in " ".join(
        cold.stdout.split()
    )


def test_no_columns_and_no_terminal_means_80(tmp_path: Path) -> None:
    done = cli(tmp_path, "gap", "--controlled-in", "US", "--not-in", "UN,CN,MX", "--on", "2020-01-01", "--family", "fentanyl")
    assert done.returncode == 0, done.stderr
    assert not too_wide(done.stdout, 80), too_wide(done.stdout, 80)
    assert max(display_width(line) for line in done.stdout.splitlines()) > 60  # the width is used, not a smaller one


def test_columns_0_and_width_0_do_not_wrap(tmp_path: Path) -> None:
    argv = ("status", "MDMB-4en-PINACA", "--in", "CN", "--on", "2022-01-01")
    unwrapped = cli(tmp_path, *argv, columns="0").stdout
    assert max(len(line) for line in unwrapped.splitlines()) > 200
    assert run(*argv, "--width", "0")[1] == unwrapped
    assert run(*argv, "--width", "50")[1] == cli(tmp_path, *argv, columns="50").stdout  # --width wins over COLUMNS


def test_width_must_be_a_number() -> None:
    code, _, err = run("status", "fentanyl", "--in", "US", "--width", "wide")
    assert code == 2 and "not a number of columns" in err


def test_chinese_text_counts_two_columns_a_character(tmp_path: Path) -> None:
    done = cli(tmp_path, "status", "卡芬太尼", "--in", "CN", "--on", "2017-03-01", columns="60")
    assert done.returncode == 0, done.stderr
    assert not too_wide(done.stdout, 60), too_wide(done.stdout, 60)
    title = "关于将卡芬太尼等四种芬太尼类物质列入《非药用类麻醉药品和精神药品管制品种增补目录》的公告"
    assert title in "".join(done.stdout.split())  # broken between characters, none lost
    assert display_width("卡芬太尼") == 8 and display_width("abc") == 3


# ---------------------------------------------------------------------------- make demo


def _demo_commands() -> list[list[str]]:
    """The schedlib commands of the Makefile's demo target, as its recipe runs them."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = text.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = [shlex.split(line.strip())[1:] for line in recipe.splitlines() if line.strip().startswith("$(BIN)/schedlib ")]
    assert len(commands) >= 8, recipe
    return commands


def test_make_demo_fits_100_columns(tmp_path: Path) -> None:
    for _ in range(2):  # cold, then with the warm table the first pass wrote
        for argv in _demo_commands():
            done = cli(tmp_path, *argv, columns="100")
            assert done.returncode == 0, (argv, done.stderr)
            assert done.stdout.strip(), argv
            assert not too_wide(done.stdout, 100), (argv, too_wide(done.stdout, 100))
            assert not too_wide(done.stderr, 100), (argv, done.stderr)


# ---------------------------------------------------------------------------- wrapping


def test_an_address_is_never_broken_and_goes_on_its_own_line() -> None:
    url = "https://www.federalregister.gov/documents/2018/02/06/2018-02319/schedules-of-controlled-substances"
    lines = wrap(f"source (primary, official-copy): Temporary Placement of Fentanyl-Related Substances <{url}>", 60, "    ", "      ")
    assert f"<{url}>" in [line.strip() for line in lines]  # whole, alone on its line
    assert all(display_width(line) <= 60 for line in lines if url not in line)
    short = "https://ecns.cn/2017/02-16/245645.shtml"
    lines = wrap(f"source (secondary, state-media): Report of the NNCC press conference <{short}>", 50, "      ", "        ")
    assert all(display_width(line) <= 50 for line in lines) and any(line.strip() == f"<{short}>" for line in lines)
    # an address that fits only without the indent loses the indent, not its characters
    mid = "https://example.org/" + "a" * 35
    lines = wrap(f"text <{mid}>", 60, "", " " * 10)
    assert lines[-1].strip() == f"<{mid}>" and display_width(lines[-1]) <= 60


def test_a_long_word_is_broken_after_a_hyphen_when_it_can_be() -> None:
    lines = wrap("(4-anilino-N-phenethylpiperidine)", 20)
    assert lines == ["(4-anilino-N-", "phenethylpiperidine)"]


def test_fit_keeps_short_lines_and_hangs_citations() -> None:
    text = "short\n  [12] " + "word " * 30 + "\n      source: " + "x " * 40
    out = fit(text, 40).splitlines()
    assert out[0] == "short"
    assert all(display_width(line) <= 40 for line in out)
    assert out[2].startswith(" " * 7) and not out[2].startswith(" " * 8)  # under the text after "[12] "
    assert fit(text, 0) == text


def test_a_table_lifts_constant_columns_then_wraps_then_falls_back_to_records() -> None:
    rows = [["date", "J", "substance", "list"]] + [
        ["2019-05-01", "CN", f"substance number {i} with a long name", "cn.nps-supplementary"] for i in range(3)
    ]
    wide = text_table(rows, 0)
    assert wide[0].split() == ["date", "J", "substance", "list"] and len(wide) == 5
    narrow = text_table(rows, 50)
    assert narrow[0] == "J: CN; list: cn.nps-supplementary" and narrow[1] == ""
    assert all(display_width(line) <= 50 for line in narrow)
    assert "substance number 2" in " ".join(" ".join(narrow).split())
    tiny = text_table(rows, 20)
    assert all(display_width(line) <= 20 for line in tiny)
    assert "\n  substance:" in "\n".join(tiny) and tiny.count("2019-05-01") == 3  # one block per row


# ---------------------------------------------------------------------------- citations once, --brief


def test_several_jurisdictions_print_their_citations_once_numbered() -> None:
    code, out, _ = run("status", "carfentanil", "--in", "US,CN", "--on", "2018-01-01", "--width", "0")
    assert code == 0
    assert out.count("\nCitations:\n") == 1 and out.count("registry schedlib") == 1
    assert "  [1] " in out and "  [2] " in out
    cn = out.split("Carfentanil in CN")[1].split("\nCitations:")[0]
    assert "cited: [2]" in cn  # numbering runs on across the answers


BRIEF = [
    (("status", "carfentanil", "--in", "US,CN", "--on", "2017-02-28"), 2),
    (("gap", "--controlled-in", "US", "--not-in", "CN", "--on", "2018-06-01", "--family", "fentanyl"), None),
    (("history", "NPP"), None),
    (("first", "NPP", "4-ANPP", "4-AP", "--in", "UN,US,CN,CA,MX"), 3),
    (("diff", "CN", "2019-01-01", "2019-06-01"), None),
    (("controlled", "CN", "--on", "2019-06-01", "--family", "fentanyl-precursor"), None),
]


@pytest.mark.parametrize(("argv", "lines"), BRIEF, ids=[a[0] for a, _ in BRIEF])
def test_brief_is_one_line_per_answer_without_citations(argv: tuple[str, ...], lines: int | None) -> None:
    reg = schedlib.load()
    code, out, _ = run(*argv, "--brief", "--width", "0")
    assert code == 0
    got = out.splitlines()
    if lines is None:
        kind = argv[0]
        if kind == "gap":
            lines = len(reg.gap("US", "CN", "2018-06-01", family="fentanyl"))
        elif kind == "history":
            lines = len(reg.history("NPP"))
        elif kind == "diff":
            lines = len(reg.diff("CN", "2019-01-01", "2019-06-01").events)
        else:
            lines = len(reg.controlled("CN", "2019-06-01", family="fentanyl-precursor"))
    assert len(got) == lines > 0, out
    assert "Citations" not in out and not re.search(r"\[\d+\]", out) and "registry schedlib" not in out
    assert all(line and not line.startswith(" ") for line in got)


def test_brief_answers_say_what_the_full_answer_says() -> None:
    _, out, _ = run("status", "carfentanil", "--in", "US,CN", "--on", "2017-02-28", "--brief", "--width", "0")
    us, cn = out.splitlines()
    assert us.startswith("Carfentanil in US on 2017-02-28: controlled, ") and "us.csa.schedule-ii" in us
    assert cn == "Carfentanil in CN on 2017-02-28: not controlled (listed only later), from 2017-03-01"
    _, out, _ = run("first", "NPP", "--in", "US,CN", "--brief")
    assert out == run("first", "NPP", "--in", "US,CN", "--brief", "--width", "0")[1]  # short: not wrapped
    _, out, _ = run("status", "carfentanil", "--in", "CN", "--on", "2017-02-28", "--brief", "--width", "50")
    assert out.splitlines()[1].startswith("  ")  # a brief line wider than the width wraps, indented
    _, out, _ = run("first", "NPP", "--in", "US,CN", "--brief")
    assert out == "NPP (N-phenethyl-4-piperidone): US ≥ 2007-04-23, CN 2018-02-01\n"


@given(st.text(alphabet="ab-4N 苯胺基哌啶、，《》", max_size=60), st.integers(min_value=4, max_value=40))
def test_wrapping_keeps_every_character_of_mixed_chinese_text(text: str, width: int) -> None:
    # a run of narrow characters before a wide one was written again before every later wide character
    # ("4-苯4-胺4-基…" for "4-苯胺基…") in the citations of make demo
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_chinese_title_with_a_chemical_name_wraps_unchanged() -> None:
    title = "公安部等六部门关于将4-苯胺基-N-苯乙基哌啶、N-苯乙基-4-哌啶酮列入易制毒化学品管理的公告"
    lines = wrap(title, 30)
    assert "".join(lines) == title and all(display_width(line) <= 30 for line in lines)
