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
    header = {"format": cache.FORMAT, "digest": digest, "version": cache.code_version(), "length": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
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
