"""Hostile input: each file is refused at FILE:LINE, within bounded time and memory, and the rest
of the registry still reports its own errors.

The heavy cases (billion laughs, deep nesting, a 50 MB file) run in a child process under an
address-space limit and a wall-clock timeout, so a regression shows as a clean failure, not a
hung or swapping test run.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MINI, errors_of
from schedlib.errors import InvalidDateError
from schedlib.registry import Registry

LIMIT_BYTES = 1536 * 1024 * 1024  # 1.5 GiB address space for the child
TIMEOUT_S = 60




def _bounded_validate(root: Path) -> list[dict[str, object]]:
    """Validate ``root`` in a child process with limited memory and time; return its errors."""
    code = textwrap.dedent(
        f"""
        import json, sys
        from schedlib.loader import read_registry
        data, errors = read_registry({str(root)!r})
        json.dump([{{"path": e.path, "line": e.line, "message": e.message}} for e in errors], sys.stdout)
        """
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))

    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT_S, preexec_fn=limit, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: list[dict[str, object]] = json.loads(proc.stdout)
    return result


BILLION_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    + ["id: x", "name: X"]
)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("billion-laughs", BILLION_LAUGHS.encode(), "anchor &a is not allowed"),
        ("deep-nesting", b"id: x\nname: " + b"[" * 20000 + b"]" * 20000 + b"\n", "YAML"),
        ("deep-mapping", b"id: x\nnote:\n" + b"".join(b"  " * i + b"k:\n" for i in range(1, 3000)), ""),
    ],
)
def test_heavy_yaml_is_refused_within_bounds(mini: Path, name: str, content: bytes, needle: str) -> None:
    (mini / "substances" / f"{name}.yaml").write_bytes(content)
    errors = _bounded_validate(mini)
    mine = [e for e in errors if e["path"] == f"substances/{name}.yaml"]
    assert mine, errors
    assert all(int(str(e["line"])) >= 1 for e in mine)
    assert needle in " ".join(str(e["message"]) for e in mine)


def test_fifty_megabyte_file_is_refused_within_bounds(mini: Path) -> None:
    big = mini / "substances" / "big.yaml"
    with big.open("wb") as fh:
        fh.write(b"id: big\nname: Big\nsynonyms:\n")
        row = b"  - {name: '" + b"x" * 200 + b"'}\n"
        for _ in range((50 * 1024 * 1024) // len(row)):
            fh.write(row)
        fh.write(b"flavour: unknown\n")
    errors = _bounded_validate(mini)
    mine = [e for e in errors if e["path"] == "substances/big.yaml"]
    assert any("unknown field 'flavour'" in str(e["message"]) for e in mine), mine


@pytest.mark.parametrize(
    ("name", "content", "line", "needle"),
    [
        ("tabs", b"id: t\nname:\tTab\n\tfamilies: [x]\n", 3, "YAML syntax"),
        ("long-line", b"id: l\nname: " + b"y" * 200_000 + b"\nflavour: 1\n", 3, "unknown field 'flavour'"),
        ("crlf", b"id: c\r\nname: C\r\nflavour: 1\r\n", 3, "unknown field 'flavour'"),
        ("bom-error", b"\xef\xbb\xbfid: b\nname: B\nflavour: 1\n", 3, "unknown field 'flavour'"),
        ("nul", b"id: n\nname: N\x00\n", 2, "NUL byte"),
        ("non-utf8", b"id: u\nname: caf\xe9\n", 2, "not UTF-8"),
        ("python-name", b"id: p\nname: !!python/name:os.system\n", 2, "is not allowed"),
        ("merge-key", b"id: m\n<<: {name: M}\n", 2, "merge keys"),
        ("yes", b"id: yy\nname: yes\n", 2, "read as a boolean"),
        ("y-id", b"id: y\nname: Y\n", 1, "read as a boolean"),
        ("On", b"id: o\nname: On\n", 2, "read as a boolean"),
    ],
)
def test_bad_bytes_at_file_and_line(mini: Path, name: str, content: bytes, line: int, needle: str) -> None:
    (mini / "substances" / f"{name}.yaml").write_bytes(content)
    errors = errors_of(mini)
    mine = [e for e in errors if e.path == f"substances/{name}.yaml"]
    assert any(needle in e.message and e.line == line for e in mine), [str(e) for e in mine]


@pytest.mark.parametrize(
    ("effective", "needle"),
    [
        ("2019-5-1", "not an ISO date"),
        ("20190501", "expected YYYY-MM-DD"),
        ("2019-02-29", "not a real calendar date"),
        ("0000-01-01", "year 0"),
        ("2019-13-01", "not a real calendar date"),
        ("'2019-05-01T00:00:00'", "not an ISO date"),
        ("2019", "quote dates written as numbers"),
        ("'2019'", "at least to the month"),
        ("unknown", "at least to the month"),
    ],
)
def test_bad_dates(mini: Path, effective: str, needle: str) -> None:
    p = mini / "instruments" / "aa" / "2010-01-01.add-alpha.yaml"
    p.write_text(p.read_text().replace("  effective: 2010-01-01", f"  effective: {effective}"))
    errors = errors_of(mini)
    assert any(needle in e.message and e.path.endswith("add-alpha.yaml") and e.line == 7 for e in errors), [
        str(e) for e in errors
    ]


def test_year_9999_is_a_date(mini: Path) -> None:
    p = mini / "instruments" / "aa" / "2012-01-01.temp-gamma.yaml"
    p.write_text(p.read_text().replace("expires: 2014-01-01", "expires: 9999-12-30"))
    p2 = mini / "instruments" / "aa" / "2013-06-01.extend-gamma.yaml"
    p2.unlink()
    assert errors_of(mini) == []


def test_the_last_representable_day_is_reserved_for_no_end(mini: Path) -> None:
    """9999-12-31 means "no end" inside the engine: as a registry date or a question it would be misread."""
    p = mini / "instruments" / "aa" / "2012-01-01.temp-gamma.yaml"
    p.write_text(p.read_text().replace("expires: 2014-01-01", "expires: 9999-12-31"))
    assert any("is reserved" in e.message and e.path.endswith("temp-gamma.yaml") for e in errors_of(mini))
    reg = Registry.from_path(MINI, cache=False)
    with pytest.raises(InvalidDateError, match="last day it answers for is 9999-12-30"):
        reg.status("alpha", "AA", "9999-12-31")
    assert reg.status("alpha", "AA", "9999-12-30").controlled


def test_reference_in_wrong_case_is_an_error_with_suggestion(mini: Path) -> None:
    p = mini / "instruments" / "aa" / "2010-01-01.add-alpha.yaml"
    original = p.read_text()
    p.write_text(original.replace("list: aa.drugs", "list: AA.drugs"))
    messages = [e.message for e in errors_of(mini)]
    assert any("unknown list 'AA.drugs'; did you mean 'aa.drugs'" in m for m in messages), messages
    p.write_text(original.replace("substance: alpha", "substance: Alpha"))
    messages = [e.message for e in errors_of(mini)]
    assert any("ids are lower case: write 'alpha'" in m for m in messages), messages


def test_confusable_names_do_not_resolve_silently(mini: Path) -> None:
    from schedlib.registry import Registry

    reg = Registry.from_path(mini)
    # Cyrillic 'а' (U+0430) in place of Latin 'a': a different name, refused with a suggestion
    from schedlib.errors import UnknownSubstanceError

    with pytest.raises(UnknownSubstanceError) as info:
        reg.find("\u0430lpha")
    assert "Alpha" in info.value.suggestions
    # full-width letters are the same text after NFKC normalisation
    assert reg.find("ＡＬＰＨＡ").id == "alpha"


def test_one_bad_file_does_not_hide_the_others(mini: Path) -> None:
    (mini / "substances" / "laughs.yaml").write_text(BILLION_LAUGHS)
    (mini / "substances" / "bad-cas.yaml").write_text("id: bad-cas\nname: Bad\nidentifiers: {cas: [50-00-1]}\n")
    p = mini / "instruments" / "aa" / "2010-01-01.add-alpha.yaml"
    p.write_text(p.read_text().replace("substance: alpha", "substance: alphaa"))
    paths = {e.path for e in errors_of(mini)}
    assert {"substances/laughs.yaml", "substances/bad-cas.yaml", "instruments/aa/2010-01-01.add-alpha.yaml"} <= paths


def test_loader_imports_nothing_from_the_data(mini: Path) -> None:
    """A registry naming modules (python tags, import-looking strings) makes the loader import nothing new."""
    (mini / "substances" / "evil.yaml").write_text("id: evil\nname: !!python/module:antigravity\n")
    (mini / "substances" / "evil2.yaml").write_text("id: evil2\nname: __import__('this')\n")
    code = textwrap.dedent(
        f"""
        import sys
        from schedlib.loader import read_registry
        from schedlib.engine import compile_registry
        before = set(sys.modules)
        data, errors = read_registry({str(mini)!r})
        new = sorted(set(sys.modules) - before)
        assert "antigravity" not in sys.modules and "this" not in sys.modules, new
        print(len(errors))
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.strip()) >= 1
