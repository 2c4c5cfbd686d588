"""The on-disk cache: same answers, corrupt or foreign files rebuilt, planted code refused, atomic writes."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from schedlib import cache
from schedlib.loader import digest_of
from schedlib.registry import Registry

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("SCHEDLIB_CACHE_DIR", str(d))
    return d


def _answers(reg: Registry) -> list[object]:
    return [reg.status(s, "AA", d).to_dict() for s in ("alpha", "beta", "gamma", "delta") for d in ("2011-01-01", "2016-06-01")]


def test_cache_hit_gives_the_same_answers(cache_dir: Path) -> None:
    first = Registry.from_path(MINI)
    files = list(cache_dir.glob("registry-*.cache"))
    assert len(files) == 1
    second = Registry.from_path(MINI)
    assert cache.load_cached(first.digest) is not None
    assert _answers(first) == _answers(second) and first.digest == second.digest


@pytest.mark.parametrize("damage", ["truncate", "flip", "foreign", "garbage"])
def test_damaged_cache_is_ignored_and_rebuilt(cache_dir: Path, damage: str) -> None:
    reg = Registry.from_path(MINI)
    path = next(cache_dir.glob("registry-*.cache"))
    blob = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        path.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "foreign":
        path.write_bytes(blob.replace(reg.digest.encode(), b"0" * 64, 1))
    else:
        path.write_bytes(b"not a cache at all")
    assert cache.load_cached(reg.digest) is None
    again = Registry.from_path(MINI)
    assert _answers(again) == _answers(reg)
    assert cache.load_cached(reg.digest) is not None  # rebuilt


def test_planted_pickle_is_refused(cache_dir: Path) -> None:
    import hashlib
    import json

    digest = digest_of(MINI)

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (print, ("pwned",))

    payload = pickle.dumps((Evil(), Evil(), Evil()))
    header = {
        "format": cache.FORMAT,
        "digest": digest,
        "version": cache.code_version(),
        "length": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    cache_dir.mkdir(parents=True)
    (cache_dir / f"registry-{digest[:32]}.cache").write_bytes(cache.MAGIC + json.dumps(header).encode() + b"\n" + payload)
    assert cache.load_cached(digest) is None


def test_a_killed_writer_leaves_nothing_trusted(cache_dir: Path) -> None:
    digest = digest_of(MINI)
    cache_dir.mkdir(parents=True)
    (cache_dir / ".registry-abc.tmp").write_bytes(b"half a file")
    assert cache.load_cached(digest) is None


def test_changed_registry_misses_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    a = Registry.from_path(root)
    (root / "substances" / "epsilon.yaml").write_text("id: epsilon\nname: Epsilon\n")
    b = Registry.from_path(root)
    assert a.digest != b.digest and "epsilon" in b.substances


def test_cache_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SCHEDLIB_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    assert Registry.from_path(MINI).version == "2000.1"


def test_old_cache_files_are_pruned(cache_dir: Path) -> None:
    import os

    cache_dir.mkdir(parents=True)
    for i in range(cache.KEEP["registry-*.cache"] + 5):
        p = cache_dir / f"registry-{i:032x}.cache"
        p.write_bytes(b"x")
        os.utime(p, ns=(i * 10**9, i * 10**9))
    (cache_dir / "unrelated.txt").write_text("kept", encoding="utf-8")
    gone = cache.prune(cache_dir)
    assert len(gone) == 5
    left = sorted(p.name for p in cache_dir.glob("registry-*.cache"))
    assert len(left) == cache.KEEP["registry-*.cache"]
    assert "registry-00000000000000000000000000000000.cache" not in left  # the oldest went first
    assert (cache_dir / "unrelated.txt").exists()


# ---------------------------------------------------------------------------- issue 14


def test_the_cache_names_no_pathlib_class_and_is_used_on_this_python(cache_dir: Path) -> None:
    """Python 3.13 pickles paths as ``pathlib._local.PosixPath``: paths are stored as strings instead."""
    reg = Registry.from_path(MINI)
    for kind in ("registry", "models"):
        blob = next(cache_dir.glob(f"{kind}-*.cache")).read_bytes()
        assert b"pathlib" not in blob, kind
        if kind == "registry":  # the compiled index: plain records, no schema model
            assert b"schedlib.models" not in blob and b"pydantic" not in blob
    hit = cache.load_cached(reg.digest)
    assert hit is not None and Path(hit.root) == MINI and hit.digest == reg.digest
    models = cache.load_models(reg.digest)
    assert models is not None and models.root == MINI  # the root comes back as a path
    assert isinstance(models.root, Path)


def test_the_unpickler_admits_no_pathlib_class() -> None:
    import io

    with pytest.raises(pickle.UnpicklingError, match="refused global"):
        cache._SafeUnpickler(io.BytesIO(pickle.dumps(Path("/etc"))), cache._MODEL_MODULES).load()


def test_the_index_unpickler_admits_no_schema_model() -> None:
    import io

    from schedlib import models as m

    with pytest.raises(pickle.UnpicklingError, match=r"refused global schedlib\.models"):
        cache._SafeUnpickler(io.BytesIO(pickle.dumps(m.Family(id="f", name="F", description="d"))), cache._INDEX_MODULES).load()


def _same_size_same_mtime_edit(path: Path, old: str, new: str) -> None:
    import os

    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `touch -d` would
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def test_an_edit_that_keeps_size_and_mtime_is_not_served_from_the_cache(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the copy is a moment old; the racy rule is tested below
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    before = Registry.from_path(root)
    assert before.status("alpha", "AA", "2010-01-01").controlled is True
    assert list(cache_dir.glob("root-*.bin")), "the digest was not recorded"
    time.sleep(0.05)  # past the file system's clock tick
    _same_size_same_mtime_edit(
        root / "instruments" / "aa" / "2010-01-01.add-alpha.yaml", "effective: 2010-01-01", "effective: 2010-01-02"
    )
    after = Registry.from_path(root)
    assert after.digest != before.digest and after.digest == digest_of(root)
    assert after.status("alpha", "AA", "2010-01-01").controlled is False


def test_no_digest_is_recorded_while_a_file_is_racily_new(cache_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    import os

    for p in root.rglob("*.yaml"):  # old mtimes do not help: the copy's ctime is now
        os.utime(p, ns=(0, 10**18))
    Registry.from_path(root)
    assert not list(cache_dir.glob("root-*.bin"))


def test_an_edit_that_keeps_size_and_mtime_is_seen_by_a_new_process(cache_dir: Path, tmp_path: Path) -> None:
    """The report's case, end to end: each command in its own process, the cache on, the racy rule as shipped."""
    import json
    import os
    import subprocess
    import sys
    import time

    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    time.sleep(cache.RACY_NS / 1e9 + 0.2)  # let the copy age past the racy window, so that records are written
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(cache_dir)}
    status = [sys.executable, "-m", "schedlib", "--registry", str(root), "status", "alpha", "--in", "AA", "--on", "2010-01-01"]
    load = [sys.executable, "-c", f"import schedlib; print(schedlib.load({str(root)!r}).digest)"]

    def run(argv: list[str]) -> str:
        return subprocess.run(argv, capture_output=True, text=True, env=env, check=True, timeout=120).stdout

    first_status, first_json, first_digest = run(status), run([*status, "--json"]), run(load)
    assert run(status) == first_status  # served from the cached index and the recorded digest now
    assert list(cache_dir.glob("registry-*.cache")) and list(cache_dir.glob("root-*.bin"))
    _same_size_same_mtime_edit(
        root / "instruments" / "aa" / "2010-01-01.add-alpha.yaml", "effective: 2010-01-01", "effective: 2010-01-02"
    )
    assert run(load) != first_digest
    assert run(status) != first_status
    assert json.loads(run([*status, "--json"]))["controlled"] != json.loads(first_json)["controlled"]


def test_orphan_temporary_files_are_pruned(cache_dir: Path) -> None:
    import os
    import time

    cache_dir.mkdir(parents=True)
    old = [cache_dir / name for name in (".registry-abc.tmp", ".models-abc.tmp", ".warm-abc.tmp", ".root-abc.tmp")]
    for p in old:
        p.write_bytes(b"half a file")
        past = time.time_ns() - cache.ORPHAN_AGE_NS - 10**9
        os.utime(p, ns=(past, past))
    fresh = cache_dir / ".registry-def.tmp"  # may belong to a writer at work right now
    fresh.write_bytes(b"being written")
    gone = cache.prune(cache_dir)
    assert sorted(gone) == sorted(old)
    assert fresh.exists() and not any(p.exists() for p in old)


def test_a_killed_writer_s_temporary_file_goes_at_the_next_write(cache_dir: Path) -> None:
    import os

    cache_dir.mkdir(parents=True)
    orphan = cache_dir / ".registry-killed.tmp"
    orphan.write_bytes(b"half a file")
    os.utime(orphan, ns=(0, 0))
    Registry.from_path(MINI)  # writes the cache, then prunes
    assert not orphan.exists()
