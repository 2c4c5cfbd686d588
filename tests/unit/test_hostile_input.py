"""Hostile input: each file is refused at FILE:LINE, within bounded time and memory, and the rest
of the registry still reports its own errors.

The heavy cases (billion laughs, deep nesting, a 50 MB file) run in a child process under an
address-space limit and a wall-clock timeout, so a regression shows as a clean failure, not a
hung or swapping test run.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from domain import MINI, errors_of
from schedlib.errors import InvalidDateError
from schedlib.registry import Registry

LIMIT_BYTES = 1536 * 1024 * 1024  # 1.5 GiB address space for the child
TIMEOUT_S = 60


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def _bounded(argv: list[str], env: dict[str, str] | None = None, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGV`` in a child process with limited memory and time (a hang fails the test, not the run)."""
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit,
        check=False,
        env={**os.environ, **(env or {})},
    )


def _bounded_validate(root: Path, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    """Validate ``root`` in a child process with limited memory and time; return its errors."""
    code = textwrap.dedent(
        f"""
        import json, sys
        from schedlib.loader import read_registry
        data, errors = read_registry({str(root)!r})
        json.dump([{{"path": e.path, "line": e.line, "message": e.message}} for e in errors], sys.stdout)
        """
    )
    proc = _bounded(["-c", code], env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: list[dict[str, object]] = json.loads(proc.stdout)
    return result


def _bounded_cli(args: list[str], cache: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The ``schedlib`` command in a child process with limited memory and time."""
    return _bounded(["-m", "schedlib", *args], {"SCHEDLIB_CACHE_DIR": str(cache), **(env or {})})


def _bounded_load(root: Path, cache: Path) -> dict[str, object]:
    """``schedlib.load(root)`` in a child process: what it raised (type, path, line, message) or its digest."""
    code = textwrap.dedent(
        f"""
        import json, sys, schedlib
        try:
            reg = schedlib.load({str(root)!r})
        except Exception as exc:
            json.dump({{"raised": type(exc).__name__, "registry_error": isinstance(exc, schedlib.RegistryError),
                       "path": getattr(exc, "path", None), "line": getattr(exc, "line", None), "text": str(exc)}}, sys.stdout)
        else:
            json.dump({{"digest": reg.digest}}, sys.stdout)
        """
    )
    proc = _bounded(["-c", code], {"SCHEDLIB_CACHE_DIR": str(cache)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def _one_line(errors: list[dict[str, object]], path: str) -> list[str]:
    return [str(e["message"]) for e in errors if e["path"] == path]


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
        ("deep-mapping", b"id: x\nnote:\n" + b"".join(b" " * i + b"k:\n" for i in range(1, 900)), "nested more than"),
        ("deep-flow-500", b"id: x\nname: X\nnote: " + b"[" * 500 + b"]" * 500 + b"\n", "nested more than"),
        ("deep-flow-990", b"id: x\nname: X\nnote: " + b"[" * 990 + b"]" * 990 + b"\n", "nested more than"),
        ("deep-compact", b"id: x\nname: X\nnote:\n" + b"- " * 995 + b"x\n", "nested more than"),
    ],
)
def test_heavy_yaml_is_refused_within_bounds(mini: Path, name: str, content: bytes, needle: str) -> None:
    (mini / "substances" / f"{name}.yaml").write_bytes(content)
    errors = _bounded_validate(mini)
    mine = [e for e in errors if e["path"] == f"substances/{name}.yaml"]
    assert mine, errors
    assert all(int(str(e["line"])) >= 1 for e in mine)
    assert needle in " ".join(str(e["message"]) for e in mine)


def _big_substance(path: Path, megabytes: int) -> None:
    with path.open("wb") as fh:
        fh.write(b"id: big\nname: Big\nsynonyms:\n")
        row = b"  - {name: '" + b"x" * 200 + b"'}\n"
        for _ in range((megabytes * 1024 * 1024) // len(row)):
            fh.write(row)
        fh.write(b"flavour: unknown\n")


def test_fifty_megabyte_file_is_refused_within_bounds(mini: Path) -> None:
    big = mini / "substances" / "big.yaml"
    _big_substance(big, 50)
    try:
        errors = _bounded_validate(mini)
        mine = [e for e in errors if e["path"] == "substances/big.yaml"]
        assert [e["line"] for e in mine] == [0], mine
        assert "over the limit of 5,242,880 bytes per file" in str(mine[0]["message"])
    finally:
        big.unlink()


def test_the_file_cap_is_configurable(mini: Path) -> None:
    """Raised, the cap lets a larger file be read, and its real error found at its line."""
    _big_substance(mini / "substances" / "big.yaml", 6)
    assert _one_line(_bounded_validate(mini), "substances/big.yaml")[0].startswith("file is ")
    errors = _bounded_validate(mini, {"SCHEDLIB_MAX_FILE_BYTES": str(8 * 1024 * 1024)})
    assert any("unknown field 'flavour'" in m for m in _one_line(errors, "substances/big.yaml")), errors
    errors = _bounded_validate(mini, {"SCHEDLIB_MAX_FILE_BYTES": "5MB"})
    assert any("must be a positive whole number of bytes" in m for m in _one_line(errors, "$SCHEDLIB_MAX_FILE_BYTES"))


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


# ---------------------------------------------------------------------------- hostile trees (issue 14)
# Each case runs the loader, the query path (``schedlib.load``) or the command in a child process
# under a memory and time limit: a regression shows as a failure, not as a hung or swapping run.


def test_a_link_to_a_file_outside_the_registry_is_an_error_and_never_read(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text("id: s3cr3t-token-123\nname: Secret\n", encoding="utf-8")
    (mini / "substances" / "secret.yaml").symlink_to(secret)
    (mini / "substances" / "passwd.yaml").symlink_to("/etc/passwd")
    errors = _bounded_validate(mini)
    assert "s3cr3t-token-123" not in json.dumps(errors)
    for link in ("substances/secret.yaml", "substances/passwd.yaml"):
        messages = _one_line(errors, link)
        assert messages and "outside the registry" in messages[0] and "not read" in messages[0], errors
    # the query path says the same, naming the link, and echoes nothing from the target
    raised = _bounded_load(mini, tmp_path / "cache")
    assert raised["registry_error"] is True and raised["path"] == "substances/passwd.yaml", raised
    assert "s3cr3t-token-123" not in str(raised["text"]) and "root:" not in str(raised["text"])


def test_the_target_of_an_outside_link_is_never_opened(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from schedlib.loader import read_registry

    secret = tmp_path / "secret.yaml"
    secret.write_text("id: s3cr3t-token-123\nname: Secret\n", encoding="utf-8")
    (mini / "substances" / "secret.yaml").symlink_to(secret)
    opened: list[str] = []
    real_open = os.open

    def spy(path: str, *args: object, **kwargs: object) -> int:
        opened.append(os.path.realpath(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    import builtins

    real_builtin_open = builtins.open

    def spy_builtin(file: object, *args: object, **kwargs: object) -> object:
        if isinstance(file, (str, os.PathLike)):
            opened.append(os.path.realpath(file))
        return real_builtin_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", spy_builtin)
    _, errors = read_registry(mini)
    monkeypatch.undo()
    assert str(secret.resolve()) not in opened
    assert any(str(mini.resolve() / "substances" / "alpha.yaml") == p for p in opened)  # the spy saw the reads
    assert [e.path for e in errors] == ["substances/secret.yaml"]


def test_a_link_inside_the_registry_is_followed(mini: Path) -> None:
    (mini / "substances" / "alpha-again.yaml").symlink_to("alpha.yaml")
    errors = _bounded_validate(mini)
    messages = _one_line(errors, "substances/alpha-again.yaml")
    assert any("does not match id 'alpha'" in m for m in messages), errors  # read, as the file it points to


def test_a_link_to_a_directory_is_an_error_not_silently_skipped(mini: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (mini / "substances" / "more").symlink_to(tmp_path / "elsewhere")
    errors = _bounded_validate(mini)
    assert any("links to directories are not followed" in m for m in _one_line(errors, "substances/more")), errors


def test_a_fifo_is_refused_not_waited_on(mini: Path, tmp_path: Path) -> None:
    os.mkfifo(mini / "substances" / "x.yaml")
    errors = _bounded_validate(mini)
    assert _one_line(errors, "substances/x.yaml") == ["a FIFO, not a regular file: only regular files are read"], errors
    for args in (["validate", str(mini)], ["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"]):
        done = _bounded_cli(
            args,
            tmp_path / "cache",
        )
        assert done.returncode == 1, done.stderr
        assert "substances/x.yaml:0: a FIFO, not a regular file" in done.stderr
        assert "Traceback" not in done.stderr


def test_a_link_to_dev_zero_is_refused_in_bounded_memory(mini: Path, tmp_path: Path) -> None:
    (mini / "substances" / "zero.yaml").symlink_to("/dev/zero")
    done = _bounded_cli(["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"], tmp_path / "cache")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "MemoryError" not in done.stderr, done.stderr
    assert "substances/zero.yaml:0: symbolic link to a file outside the registry" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_inside_the_registry_is_refused(mini: Path) -> None:
    import stat

    try:
        os.mknod(mini / "substances" / "zero.yaml", 0o600 | stat.S_IFCHR, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:  # root in a container without CAP_MKNOD
        pytest.skip("this system refuses to make device nodes")
    errors = _bounded_validate(mini)
    assert _one_line(errors, "substances/zero.yaml") == ["a character device, not a regular file: only regular files are read"]


def test_a_hundred_megabytes_of_fentanyl_lines_are_refused_in_bounded_time(mini: Path, tmp_path: Path) -> None:
    """One 100 MB file, and 100 MB in 25 files: refused by the caps before anything is parsed."""
    import time

    line = b"  - test-family\n"
    one = mini / "substances" / "huge.yaml"
    with one.open("wb") as fh:
        fh.write(b"id: huge\nname: Huge\nfamilies:\n")
        fh.write(line * (100 * 1024 * 1024 // len(line)))
    try:
        start = time.monotonic()
        errors = _bounded_validate(mini)
        assert time.monotonic() - start < 20
        assert any("over the limit of 5,242,880 bytes per file" in m for m in _one_line(errors, "substances/huge.yaml")), errors
    finally:
        one.unlink()
    parts = []
    try:
        for i in range(25):
            part = mini / "substances" / f"part-{i:02d}.yaml"
            with part.open("wb") as fh:
                fh.write(f"id: part-{i:02d}\nname: Part {i}\nfamilies:\n".encode())
                fh.write(line * (4 * 1024 * 1024 // len(line)))
            parts.append(part)
        start = time.monotonic()
        errors = _bounded_validate(mini)
        assert time.monotonic() - start < 20
        assert (
            len(errors) == 1
            and errors[0]["path"] == "."
            and "over the limit of 67,108,864 bytes in all" in str(errors[0]["message"])
        )
        assert "no file was read" in str(errors[0]["message"])
    finally:
        for part in parts:
            part.unlink()


def test_error_output_is_capped_with_a_count_of_the_rest(mini: Path, tmp_path: Path) -> None:
    from schedlib.loader import MAX_ERRORS_PER_FILE

    n = 20_000
    (mini / "substances" / "many.yaml").write_bytes(
        b"id: many\nname: Many\nfamilies:\n" + b"".join(b"  - unknown-%d\n" % i for i in range(n))
    )
    done = _bounded_cli(["validate", str(mini)], tmp_path / "cache")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) <= MAX_ERRORS_PER_FILE + 3, len(lines)
    assert f"substances/many.yaml:0: … and {n - MAX_ERRORS_PER_FILE:,} more errors in this file" in done.stderr


def test_errors_over_the_total_cap_are_counted(mini: Path) -> None:
    from schedlib.loader import MAX_ERRORS, MAX_ERRORS_PER_FILE

    files = MAX_ERRORS // MAX_ERRORS_PER_FILE + 3
    for f in range(files):
        body = b"".join(b"  - unknown-%d\n" % i for i in range(MAX_ERRORS_PER_FILE))
        (mini / "substances" / f"many-{f:02d}.yaml").write_bytes(b"id: many-%02d\nname: Many %d\nfamilies:\n" % (f, f) + body)
    errors = _bounded_validate(mini)
    assert len(errors) == MAX_ERRORS + 1
    assert (
        errors[-1]["line"] == 0
        and str(errors[-1]["message"]).startswith("… and ")
        and "(the first 1,000 are listed)" in str(errors[-1]["message"])
    )


@pytest.mark.parametrize("depth", [500, 990])
def test_deep_nesting_is_refused_at_its_line_on_every_python(mini: Path, tmp_path: Path, depth: int) -> None:
    (mini / "substances" / "deep.yaml").write_bytes(b"id: deep\nname: Deep\nnote: " + b"[" * depth + b"]" * depth + b"\n")
    done = _bounded_cli(["validate", str(mini)], tmp_path / "cache")
    assert done.returncode == 1 and "RecursionError" not in done.stderr, done.stderr[-2000:]
    assert "substances/deep.yaml:3: nested more than 32 levels deep" in done.stderr
    raised = _bounded_load(mini, tmp_path / "cache")
    assert raised["registry_error"] is True and raised["path"] == "substances/deep.yaml" and raised["line"] == 3, raised


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (b"\xff\xfe.yaml", "substances/\\xff\\xfe.yaml"),
        (b"new\nline.yaml", "substances/new\\x0aline.yaml"),
        ("\u202egnp.yaml".encode(), "substances/\\u202egnp.yaml"),
    ],
)
def test_file_names_that_break_the_line_are_errors_shown_escaped(mini: Path, tmp_path: Path, raw: bytes, shown: str) -> None:
    with open(os.path.join(os.fsencode(mini / "substances"), raw), "wb") as fh:
        fh.write(b"id: odd\nname: Odd\n")
    for args in (["validate", str(mini)], ["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"]):
        done = _bounded_cli(args, tmp_path / "cache")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
        hits = [line for line in done.stderr.splitlines() if line.startswith(shown + ":0: ")]
        assert hits and "rename the file" in hits[0], done.stderr
        assert "\u202e" not in done.stderr
    raised = _bounded_load(mini, tmp_path / "cache")
    assert raised["registry_error"] is True and raised["path"] == shown, raised


@pytest.mark.parametrize("kind", ["broken", "loop", "dangling-inside"])
@pytest.mark.parametrize("warm", [False, True])
def test_broken_links_and_loops_raise_registry_error_on_the_query_path(mini: Path, tmp_path: Path, kind: str, warm: bool) -> None:
    cache = tmp_path / "cache"
    if warm:  # the registry was loaded and cached before the link appeared
        assert "digest" in _bounded_load(mini, cache)
    link = mini / "substances" / "link.yaml"
    if kind == "broken":
        link.symlink_to(mini / "substances" / "gone.yaml")
    elif kind == "loop":
        link.symlink_to("link.yaml")
    else:
        (mini / "substances" / "twin.yaml").symlink_to("link.yaml")
        link.symlink_to("twin.yaml")
    raised = _bounded_load(mini, cache)
    assert raised.get("registry_error") is True and raised["path"] == "substances/link.yaml", raised
    assert ("loop" if kind != "broken" else "broken symbolic link") in str(raised["text"])
    done = _bounded_cli(["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"], cache)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "substances/link.yaml:0:" in done.stderr, done.stderr
