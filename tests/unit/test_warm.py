"""The warm path of ``schedlib status`` (schedlib._warm): same bytes as the full program, or no answer at all."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schedlib
from schedlib import _hans, _warm, cli, render
from schedlib.registry import Registry

BUNDLED = Path(schedlib.bundled_registry_path()).resolve()
_OLD_SQUEEZE = re.compile(r"[\s\-\u2010-\u2015_·,()\[\]'\u2019\u2032\u200b-\u200d\u2060\ufeff\xad]+")
_HANS = {_hans.PAIRS[i]: _hans.PAIRS[i + 1] for i in range(0, len(_hans.PAIRS), 2)}


def _old_normalize(text: str) -> str:
    key = _OLD_SQUEEZE.sub("", unicodedata.normalize("NFKC", text).casefold())
    key = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c)))
    return "".join(_HANS.get(c, c) for c in key)


@pytest.fixture
def warm_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("SCHEDLIB_CACHE_DIR", str(d))
    monkeypatch.setattr(_warm, "RACY_NS", 0)  # test registries are copied a moment ago
    return d


def _full(argv: list[str]) -> tuple[int, str]:
    """What the full program prints (with the cache off, so that it does not rewrite the table each time)."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("SCHEDLIB_CACHE_DIR")
    os.environ["SCHEDLIB_CACHE_DIR"] = "off"
    try:
        code = cli.main(argv, out=out, err=err)
    finally:
        if saved is None:
            del os.environ["SCHEDLIB_CACHE_DIR"]
        else:
            os.environ["SCHEDLIB_CACHE_DIR"] = saved
    return code, out.getvalue()


def _printed(text: str | None) -> str | None:
    """What the warm path prints for the text it found: fitted to the width as the full program fits its own."""
    return None if text is None else render.fit(text, render.output_width(io.StringIO()))


def _build(root: Path) -> Path:
    reg = Registry.from_path(root, cache=False)
    path = cli.refresh_warm_table(reg, str(root))
    assert path is not None, "the warm table was not written"
    return Path(path)


# ---------------------------------------------------------------------------- names


@given(st.text(max_size=30))
def test_name_key_is_the_regex_key(text: str) -> None:
    assert _warm.normalize_name(text) == _old_normalize(text)


def test_whitespace_table_is_exactly_str_isspace() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert spaces == set(_warm._WHITESPACE)
    assert all(_OLD_SQUEEZE.fullmatch(ch) for ch in spaces)


def test_name_keys_of_every_bundled_name() -> None:
    reg = schedlib.load()
    for sub in reg.substances.values():
        for name in (sub.name, *(s.name for s in sub.synonyms)):
            assert _warm.normalize_name(name) == _old_normalize(name), name


# ---------------------------------------------------------------------------- same answers


def _stretch_days(reg: Registry, sid: str, j: str) -> list[dt.date]:
    days = []
    for day, _ in reg._stretches(sid, j, _warm.DAY_MARK):
        days.append(day)
        if day > dt.date.min:
            days.append(day - dt.timedelta(days=1))
        days.append(day + dt.timedelta(days=1))
    return days


def test_mini_every_stretch_edge_is_answered_as_the_full_program_does(mini: Path, warm_cache: Path) -> None:
    _build(mini)
    reg = Registry.from_path(mini, cache=False)
    served = 0
    for sid, sub in reg.substances.items():
        for j in reg.jurisdictions:
            for day in [*_stretch_days(reg, sid, j), dt.date(1, 1, 1), dt.date(9999, 12, 30)]:
                argv = ["--registry", str(mini), "status", sub.name, "--in", j, "--on", day.isoformat()]
                fast = _warm.answer_status(argv)
                if fast is None:  # an ambiguous name, say: the full program answers
                    continue
                served += 1
                assert (0, _printed(fast)) == _full(argv), argv
    assert served > 50


@pytest.fixture(scope="module")
def bundled_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("warm-cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("SCHEDLIB_CACHE_DIR", str(d))
    mp.setattr(_warm, "RACY_NS", 0)
    try:
        _build(BUNDLED)
    finally:
        mp.undo()
    return d


def _in_cache(d: Path) -> pytest.MonkeyPatch:
    mp = pytest.MonkeyPatch()
    mp.setenv("SCHEDLIB_CACHE_DIR", str(d))
    return mp


_REG = schedlib.load()
_SIDS = sorted(_REG.substances)
_JS = sorted(_REG.jurisdictions)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sid=st.sampled_from(_SIDS),
    j=st.sampled_from(_JS),
    day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 30))
    | st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2030, 12, 31)),
    spelling=st.sampled_from(["id", "name", "upper", "zh", "cas"]),
)
def test_bundled_random_queries_match_the_full_program(
    bundled_table: Path, sid: str, j: str, day: dt.date, spelling: str
) -> None:
    sub = _REG.substances[sid]
    name = {
        "id": sid,
        "name": sub.name,
        "upper": sub.name.upper(),
        "zh": next((s.name for s in sub.synonyms if s.lang.startswith("zh")), sub.name),
        "cas": sub.identifiers.cas[0] if sub.identifiers.cas else sid,
    }[spelling]
    argv = ["status", name, "--in", j.lower() if spelling == "upper" else j, "--on", day.isoformat()]
    mp = _in_cache(bundled_table)
    try:
        fast = _warm.answer_status(argv)
        if fast is not None:
            assert (0, _printed(fast)) == _full(argv), argv
        else:  # only names that do not resolve to exactly one substance fall through
            with pytest.raises(schedlib.SchedlibError):
                _REG.find(name)
    finally:
        mp.undo()


def test_bundled_every_stretch_edge_of_the_fentanyl_family(bundled_table: Path) -> None:
    """First day of every stretch and the day before, for the fentanyl family everywhere.

    Compared with what the full program's status command renders (cli.main is compared in
    the tests above; here its two steps are called directly, to keep the test quick).
    """
    mp = _in_cache(bundled_table)
    sig = _warm.signature(str(BUNDLED))
    mp.setattr(_warm, "signature", lambda root: sig)  # the files do not change here: stat them once, not per query
    checked = 0
    try:
        for sid, sub in _REG.substances.items():
            if "fentanyl" not in sub.families:
                continue
            for j in _JS:
                for first, _ in _REG._stretches(sid, j, _warm.DAY_MARK):
                    for day in (first, first - dt.timedelta(days=1)) if first > dt.date.min else (first,):
                        argv = ["status", sid, "--in", j, "--on", day.isoformat()]
                        out = io.StringIO()
                        cli._print_status(_REG.status(sid, j, day), _REG, out)
                        assert _warm.answer_status(argv) == out.getvalue(), argv  # both unfitted (logical lines)
                        checked += 1
    finally:
        mp.undo()
    assert checked > 1000


# ---------------------------------------------------------------------------- never stale, never wrong


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "alpha", "--in", "AA", "--on", "2019-01-01", "--json"],
        ["status", "alpha", "--in", "AA", "--on", "2019-01-01", "--regime", "drug"],
        ["status", "alpha", "--in", "AA", "--on", "2019-01-01", "--cite", "text"],
        ["status", "alpha", "--in", "AA", "--on", "2019-01-01", "extra"],
        ["status", "alpha", "--in", "AA", "--in", "BB", "--on", "2019-01-01"],
        ["status", "alpha", "--in", "AA"],
        ["status", "alpha", "--in", "AA", "--on", "2019-5-1"],
        ["status", "alpha", "--in", "AA", "--on", "20190501"],
        ["status", "alpha", "--in", "AA", "--on", "2019-02-29"],
        ["status", "alpha", "--in", "AA", "--on", "0000-01-01"],
        ["status", "alpha", "--in", "AA", "--on", "２０１９-01-01"],
        ["status", "alpha", "--in", "AA", "--on", " 2019-01-01"],
        ["status", "no-such-substance", "--in", "AA", "--on", "2019-01-01"],
        ["status", "alpha", "--in", "ZZ", "--on", "2019-01-01"],
        ["status", "-h"],
        ["status", "--", "alpha", "--in", "AA", "--on", "2019-01-01"],
        ["gap", "--controlled-in", "AA", "--not-in", "BB", "--on", "2019-01-01"],
        ["--version"],
        [],
    ],
)
def test_anything_else_goes_to_the_full_program(mini: Path, warm_cache: Path, argv: list[str]) -> None:
    _build(mini)
    assert _warm.answer_status(["--registry", str(mini), *argv]) is None


def _served(mini: Path) -> str | None:
    return _warm.answer_status(["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"])


def test_a_table_is_served_when_nothing_changed(mini: Path, warm_cache: Path) -> None:
    _build(mini)
    assert _served(mini) is not None


@pytest.mark.parametrize("change", ["edit", "touch", "add", "remove", "rename"])
def test_a_changed_registry_is_never_served_from_the_table(mini: Path, warm_cache: Path, change: str) -> None:
    _build(mini)
    victim = sorted((mini / "substances").glob("*.yaml"))[-1]
    if change == "edit":
        st_ = victim.stat()
        text = victim.read_text(encoding="utf-8").replace("\n", "\n\n", 1)
        victim.write_text(text, encoding="utf-8")
        os.utime(victim, ns=(st_.st_atime_ns, st_.st_mtime_ns))  # same mtime: the size gives it away
    elif change == "touch":
        os.utime(victim, ns=(0, victim.stat().st_mtime_ns + 1_000_000_000))
    elif change == "add":
        (mini / "substances" / "zz-new.yaml").write_text(victim.read_text(encoding="utf-8"), encoding="utf-8")
    elif change == "remove":
        victim.unlink()
    else:
        victim.rename(victim.with_name("zz-" + victim.name))
    assert _served(mini) is None


@pytest.mark.parametrize("damage", ["flip-header", "flip-blob", "truncate", "garbage", "empty", "other-version"])
def test_a_damaged_table_is_never_served(mini: Path, warm_cache: Path, damage: str) -> None:
    path = _build(mini)
    blob = bytearray(path.read_bytes())
    if damage == "flip-header":
        blob[len(_warm.MAGIC) + 20] ^= 0xFF
    elif damage == "flip-blob":  # inside the first substance's stretches (alpha's)
        base = len(_warm.MAGIC) + 8 + int.from_bytes(blob[len(_warm.MAGIC) : len(_warm.MAGIC) + 4], "little")
        blob[base + 3] ^= 0xFF
    elif damage == "truncate":  # inside alpha's stretches (a blob whose checksum still matches is served)
        base = len(_warm.MAGIC) + 8 + int.from_bytes(blob[len(_warm.MAGIC) : len(_warm.MAGIC) + 4], "little")
        blob = blob[: base + 3]
    elif damage == "garbage":
        blob = bytearray(os.urandom(len(blob)))
    elif damage == "empty":
        blob = bytearray()
    path.write_bytes(bytes(blob))
    if damage == "other-version":
        import schedlib as pkg

        mp = pytest.MonkeyPatch()
        mp.setattr(pkg, "__version__", "0.0.0-other")
        try:
            assert _served(mini) is None
        finally:
            mp.undo()
        return
    assert _served(mini) is None


def test_a_freshly_written_registry_gets_no_table(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHEDLIB_CACHE_DIR", str(tmp_path / "cache"))
    (mini / "substances" / "alpha.yaml").touch()  # modified just now: could change again within the clock's resolution
    reg = Registry.from_path(mini, cache=False)
    assert cli.refresh_warm_table(reg, str(mini)) is None
    assert _served(mini) is None


def test_no_table_when_the_cache_is_off(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCHEDLIB_CACHE_DIR", "off")
    monkeypatch.setattr(_warm, "RACY_NS", 0)
    reg = Registry.from_path(mini, cache=False)
    assert cli.refresh_warm_table(reg, str(mini)) is None
    assert _served(mini) is None


def test_the_full_program_writes_the_table_and_the_next_process_uses_it(mini: Path, warm_cache: Path) -> None:
    argv = ["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"]
    assert _warm.answer_status(argv) is None
    out = io.StringIO()
    assert cli.main(argv, out=out) == 0  # with the cache on: writes the table
    text = out.getvalue()
    assert _printed(_warm.answer_status(argv)) == text
    probe = (
        "import sys\nfrom schedlib import _warm\n"
        f"assert _warm.main({argv!r}) == 0\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'schedlib.registry', 'schedlib.cli', 'argparse') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(warm_cache)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == text
    assert done.stderr.strip() == "[]"


def test_python_dash_m_uses_the_same_entry(mini: Path, warm_cache: Path) -> None:
    argv = ["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"]
    _, text = _full(argv)
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(warm_cache)}
    done = subprocess.run([sys.executable, "-m", "schedlib", *argv], capture_output=True, text=True, env=env, check=True)
    assert done.stdout == text


def test_signature_is_the_same_without_directory_descriptors(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The portable walk (systems without dir_fd, e.g. Windows) sees the same files, sizes and mtimes."""
    with_fd = _warm.signature(str(mini))
    monkeypatch.setattr(_warm, "_DIR_FD", False)
    assert _warm.signature(str(mini)) == with_fd


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
    (pkg / "_warm.py").write_text("# a\n", encoding="utf-8")
    (pkg / "engine.py").write_text("# b\n", encoding="utf-8")
    monkeypatch.setattr(_warm, "__file__", str(pkg / "_warm.py"))
    before = _warm.code_version()
    assert before == _warm.code_version()
    (pkg / "engine.py").write_text("# b, edited\n", encoding="utf-8")
    assert _warm.code_version() != before


def _served_as_the_full_program_would(table_dir: Path, argv: list[str]) -> None:
    """The warm path either leaves ``argv`` to the full program or prints exactly what it would."""
    mp = _in_cache(table_dir)
    try:
        fast = _warm.answer_status(argv)
        if fast is not None:
            assert (0, _printed(fast)) == _full(argv), argv
    finally:
        mp.undo()


_TOKENS = [
    "status", "gap", "--in", "--on", "--json", "--regime", "--registry", "--in=CN", "--on=2019-06-01", "-h", "--",
    "carfentanil", "CARFENTANIL", "卡芬太尼", "59708-52-0", "fentanyl", "nope", "", " ", "\x00", "\udcff", "-x",
    "CN", "cn", " us ", "ZZ", "2019-06-01", "2019-6-1", "2019-02-29", "2020-02-29", "0001-01-01", "9999-12-30",
    "9999-12-31", "0000-01-01", "x" * 500,
]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.sampled_from(_TOKENS), max_size=8))
def test_random_command_lines_never_break_the_warm_path(bundled_table: Path, argv: list[str]) -> None:
    """Any argv: the warm path answers exactly as the full program does, or leaves it to the full program."""
    _served_as_the_full_program_would(bundled_table, argv)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["carfentanil", "CARFENTANIL", "卡芬太尼", "59708-52-0", "NPP", "4-ANPP", "fentanyl", "nope"]),
    j=st.sampled_from(["CN", "cn", "US", "UN", " ca ", "ZZ", ""]),
    day=st.sampled_from(["2017-02-28", "2017-03-01", "2018-02-01", "2019-05-01", "2019-5-1", "9999-12-31", "0001-01-01"]),
    order=st.permutations(range(3)),
    joined=st.booleans(),
)
def test_well_formed_command_lines_in_any_order(
    bundled_table: Path, name: str, j: str, day: str, order: list[int], joined: bool
) -> None:
    parts = [[name], [f"--in={j}"] if joined else ["--in", j], [f"--on={day}"] if joined else ["--on", day]]
    argv = ["status"] + [tok for i in order for tok in parts[i]]
    _served_as_the_full_program_would(bundled_table, argv)


@pytest.mark.parametrize("damage", ["truncate", "flip-blob"])
def test_a_damaged_table_is_rebuilt_by_the_next_full_run(mini: Path, warm_cache: Path, damage: str) -> None:
    path = _build(mini)
    good = path.read_bytes()
    blob = bytearray(good)
    base = len(_warm.MAGIC) + 8 + int.from_bytes(blob[len(_warm.MAGIC) : len(_warm.MAGIC) + 4], "little")
    if damage == "truncate":  # the last stretches are cut off: the first substances are still served
        blob = blob[: base + (len(blob) - base) // 2]
    else:
        blob[base + 3] ^= 0xFF  # inside alpha's stretches
    path.write_bytes(bytes(blob))
    probe = ["--registry", str(mini), "status", "alpha", "--in", "AA", "--on", "2019-01-01"]
    last = ["--registry", str(mini), "status", "delta", "--in", "AA", "--on", "2019-01-01"]
    assert _warm.answer_status(probe if damage == "flip-blob" else last) is None
    out = io.StringIO()
    assert cli.main(probe, out=out) == 0  # the full program answers and rebuilds the table
    assert path.read_bytes() == good
    assert _printed(_warm.answer_status(probe)) == out.getvalue()
    assert _warm.answer_status(last) is not None
