"""On-disk cache of the compiled registry, keyed by the registry digest.

A cache file is served only if its header names the same format, schedlib
version, Python version and registry digest, and the sha256 of its payload
matches; anything else (corrupt, foreign, truncated by a killed process) is
ignored and rebuilt. Files are written to a temporary name and renamed into
place, so a reader never sees half a file. The payload is unpickled by an
unpickler that refuses every class outside schedlib's own data types and a few
standard containers, so a planted file cannot run code.

The directory is ``$SCHEDLIB_CACHE_DIR``, else the platform's user cache directory
(``$XDG_CACHE_HOME/schedlib`` or ``~/.cache/schedlib`` on Linux, ``~/Library/Caches/schedlib``
on macOS, ``%LOCALAPPDATA%\\schedlib\\Cache`` on Windows). ``SCHEDLIB_CACHE_DIR=off`` disables the cache.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import marshal
import pickle
import time
from pathlib import Path
from typing import Any

from ._warm import atomic_write, code_version

__all__ = ["cache_dir", "load_cached", "store"]

MAGIC = b"SCHEDLIB-CACHE\n"
FORMAT = 3
RACY_NS = 2_000_000_000
"""A record of file sizes and mtimes is not written while any file is younger than this (ns)."""

_ALLOWED_MODULES = {"schedlib.models", "schedlib.engine", "schedlib.loader", "schedlib.dates", "schedlib.provenance"}
_ALLOWED_GLOBALS = {
    ("datetime", "date"),
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("pathlib", "Path"),
    ("copyreg", "_reconstructor"),
    ("copyreg", "__newobj__"),
    ("builtins", "object"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "dict"),
    ("builtins", "list"),
    ("builtins", "tuple"),
    ("collections", "defaultdict"),
}


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in _ALLOWED_MODULES or (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused global {module}.{name} in cache file")


def cache_dir() -> Path | None:
    """The cache directory (see :func:`schedlib._warm.cache_dir`), or None if the cache is off."""
    from ._warm import cache_dir as where

    d = where()
    return None if d is None else Path(d)


def _path(digest: str) -> Path | None:
    d = cache_dir()
    return None if d is None else d / f"registry-{digest[:32]}.cache"


def load_cached(digest: str) -> tuple[Any, Any, Any] | None:
    """The cached (RegistryData, Index, name table) for ``digest``, or None if there is no trustworthy file."""
    path = _path(digest)
    if path is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    try:
        if not blob.startswith(MAGIC):
            return None
        end = blob.index(b"\n", len(MAGIC))
        header = json.loads(blob[len(MAGIC) : end])
        payload = blob[end + 1 :]
        if (
            header.get("format") != FORMAT
            or header.get("digest") != digest
            or header.get("version") != code_version()
            or header.get("length") != len(payload)
            or header.get("sha256") != hashlib.sha256(payload).hexdigest()
        ):
            return None
        was_enabled = gc.isenabled()
        gc.disable()  # unpickling builds many objects that are not garbage; the collector halves the speed
        try:
            obj = _SafeUnpickler(io.BytesIO(payload)).load()
        finally:
            if was_enabled:
                gc.enable()
    except Exception:
        return None
    if not (isinstance(obj, tuple) and len(obj) == 3):
        return None
    return obj[0], obj[1], obj[2]


def _record_path(d: Path, root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return d / f"root-{key}.bin"


def known_digest(root: Path, sig: bytes) -> str | None:
    """The digest recorded for ``root`` when its files' signature (:func:`schedlib._warm.signature`) was ``sig``."""
    d = cache_dir()
    if d is None:
        return None
    try:
        rec = marshal.loads(_record_path(d, root).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if (
        isinstance(rec, dict)
        and rec.get("root") == str(root.resolve())
        and rec.get("sig") == sig
        and isinstance(rec.get("digest"), str)
    ):
        return str(rec["digest"])
    return None


def remember_digest(root: Path, sig: bytes, newest_ns: int, digest: str) -> None:
    """Record ``digest`` for ``root`` with its files' signature (written atomically).

    Nothing is recorded while a file is younger than :data:`RACY_NS`: it could change
    again within the file system's time resolution without changing its mtime.
    """
    d = cache_dir()
    if d is None or newest_ns > time.time_ns() - RACY_NS:
        return
    atomic_write(str(_record_path(d, root)), [marshal.dumps({"root": str(root.resolve()), "sig": sig, "digest": digest})])


KEEP = {"registry-*.cache": 8, "root-*.bin": 64, "warm-*.bin": 16}
"""How many files of each kind the cache directory keeps (the most recently written)."""


def prune(d: Path | None = None) -> list[Path]:
    """Delete the oldest cache files beyond :data:`KEEP` of each kind; return what was deleted.

    Every registry version (digest) and every registry directory gets its own file, so without
    pruning the directory would grow with each edit of a registry. A file deleted here is simply
    rebuilt when it is next needed.
    """
    d = d if d is not None else cache_dir()
    if d is None:
        return []
    gone: list[Path] = []
    for pattern, keep in KEEP.items():
        try:
            files = sorted(d.glob(pattern), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        except OSError:
            continue
        for old in files[keep:]:
            try:
                old.unlink()
                gone.append(old)
            except OSError:
                continue
    return gone


def store(digest: str, data: Any, index: Any, names: Any) -> Path | None:
    """Write the compiled registry for ``digest``; return its path, or None if the cache is off or unwritable."""
    path = _path(digest)
    if path is None:
        return None
    payload = pickle.dumps((data, index, names), protocol=pickle.HIGHEST_PROTOCOL)
    header = {
        "format": FORMAT,
        "digest": digest,
        "version": code_version(),
        "length": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    if not atomic_write(str(path), [MAGIC + json.dumps(header).encode() + b"\n", payload]):
        return None
    prune(path.parent)
    return path
