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
import os
import pickle
import sys
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .index import Compiled
    from .loader import RegistryData

__all__ = ["cache_dir", "load_cached", "store"]

MAGIC = b"SCHEDLIB-CACHE\n"
FORMAT = 4
RACY_NS = 2_000_000_000
"""A record of file sizes and mtimes is not written while any file is younger than this (ns)."""

_INDEX_MODULES = frozenset(("schedlib.index",))
"""What the compiled index is made of (besides dates and containers): plain records only, so that
loading it imports neither pydantic nor yaml."""
_MODEL_MODULES = frozenset(("schedlib.models", "schedlib.loader", "schedlib.dates", "schedlib.provenance"))
"""What the validated models are made of (read only when someone asks for a schema model)."""
_ALLOWED_GLOBALS = {
    ("datetime", "date"),
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
    def __init__(self, file: io.BytesIO, modules: frozenset[str]) -> None:
        super().__init__(file)
        self._modules = modules

    def find_class(self, module: str, name: str) -> Any:
        if module in self._modules or (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refused global {module}.{name} in cache file")


def cache_dir() -> Path | None:
    """The cache directory (see :func:`cache_path`), or None if the cache is off."""
    d = cache_path()
    return None if d is None else Path(d)


def cache_path() -> str | None:
    """The cache directory, or None when ``SCHEDLIB_CACHE_DIR`` is ``off``.

    ``$SCHEDLIB_CACHE_DIR`` if set; else the platform's user cache directory (as platformdirs
    names it, without importing it): ``$XDG_CACHE_HOME/schedlib`` or ``~/.cache/schedlib`` on
    Linux and other POSIX systems, ``~/Library/Caches/schedlib`` on macOS,
    ``%LOCALAPPDATA%\\schedlib\\Cache`` on Windows.
    """
    env = os.environ.get("SCHEDLIB_CACHE_DIR")
    if env:
        return None if env.lower() in ("off", "0", "no", "false") else env
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
        return os.path.join(base, "schedlib", "Cache")
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~"), "Library", "Caches", "schedlib")
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache"), "schedlib")


def signature(root: str) -> tuple[bytes, int]:
    """(size, mtime, ctime, inode and device of every file under ``root``, the newest mtime or ctime in ns).

    Dot-files and dot-directories are skipped, as the loader skips them. A link is described by
    its target, or by itself when the target cannot be reached. Where the system allows it,
    files are stat'ed relative to an open directory (cheaper than resolving each full path).
    """
    rows: list[tuple[str, int, int, int, int, int]] = []
    newest = 0
    stack = [("", root)]
    stat = os.stat
    by_fd = _DIR_FD
    while stack:
        rel, path = stack.pop()
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY) if by_fd else -1
        try:
            with os.scandir(fd if by_fd else path) as it:
                for e in it:
                    name = e.name
                    if name[0] == ".":
                        continue
                    if e.is_dir(follow_symlinks=False):
                        stack.append((rel + name + "/", os.path.join(path, name)))
                    else:
                        try:
                            st = stat(name, dir_fd=fd) if by_fd else e.stat()
                        except OSError:  # a broken link or a loop: the loader reports it
                            st = stat(name, dir_fd=fd, follow_symlinks=False) if by_fd else e.stat(follow_symlinks=False)
                        m = st.st_mtime_ns
                        c = st.st_ctime_ns
                        if m > newest:
                            newest = m
                        if c > newest:
                            newest = c
                        rows.append((rel + name, st.st_size, m, c, st.st_ino, st.st_dev))
        finally:
            if by_fd:
                os.close(fd)
    rows.sort()
    return marshal.dumps(rows), newest


_DIR_FD = hasattr(os, "O_DIRECTORY") and os.stat in os.supports_dir_fd and os.scandir in os.supports_fd


def code_version() -> str:
    """schedlib's version, Python's, and a fingerprint of schedlib's own source files.

    Caches are keyed by it, so that editing schedlib's code (without changing its version
    number, as a developer does) never serves answers computed by the old code.
    """
    from . import __version__

    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    with os.scandir(here) as it:
        for e in it:
            if e.name.endswith(".py"):
                st = e.stat()
                rows.append((e.name, st.st_size, st.st_mtime_ns))
    rows.sort()
    return f"{__version__}/py{sys.version_info[0]}.{sys.version_info[1]}/{zlib.crc32(marshal.dumps(rows)):08x}"


def atomic_write(path: str, parts: list[bytes]) -> bool:
    """Write ``parts`` to ``path`` through a temporary file in the same directory, synced and renamed
    into place, so that a reader (or a process killed meanwhile) never sees half a file.
    Returns False, leaving nothing behind, if the directory cannot be written."""
    import tempfile

    d = os.path.dirname(path)
    name = os.path.basename(path)
    try:
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="." + name.split("-", 1)[0] + "-", suffix=".tmp", dir=d)
        try:
            with os.fdopen(fd, "wb") as fh:
                for part in parts:
                    fh.write(part)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return False
    return True


def _path(digest: str, kind: str = "registry") -> Path | None:
    d = cache_dir()
    return None if d is None else d / f"{kind}-{digest[:32]}.cache"


def _read(digest: str, kind: str, modules: frozenset[str]) -> Any:
    """The object stored for ``digest`` in the file of ``kind``, or None if there is no trustworthy file."""
    path = _path(digest, kind)
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
            or header.get("kind") != kind
            or header.get("digest") != digest
            or header.get("version") != code_version()
            or header.get("length") != len(payload)
            or header.get("sha256") != hashlib.sha256(payload).hexdigest()
        ):
            return None
        was_enabled = gc.isenabled()
        gc.disable()  # unpickling builds many objects that are not garbage; the collector halves the speed
        try:
            return _SafeUnpickler(io.BytesIO(payload), modules).load()
        finally:
            if was_enabled:
                gc.enable()
    except Exception:
        return None


def load_cached(digest: str) -> Compiled | None:
    """The cached compiled index (:class:`schedlib.index.Compiled`) for ``digest``, or None if there is no trustworthy file."""
    from .index import Compiled

    obj = _read(digest, "registry", _INDEX_MODULES)
    return obj if isinstance(obj, Compiled) and obj.digest == digest else None


def load_models(digest: str) -> RegistryData | None:
    """The cached validated models (:class:`schedlib.loader.RegistryData`) for ``digest``, or None."""
    from .loader import RegistryData

    obj = _read(digest, "models", _MODEL_MODULES)
    return obj if isinstance(obj, RegistryData) and obj.digest == digest else None


def _record_path(d: Path, root: Path) -> Path:
    key = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return d / f"root-{key}.bin"


def known_digest(root: Path, sig: bytes) -> str | None:
    """The digest recorded for ``root`` when its files' signature (:func:`signature`) was ``sig``.

    This is the only place where files are not re-read: the record is trusted only if every file
    has the same size, nanosecond mtime, ctime, inode and device as when the digest was computed,
    and no file had changed within :data:`RACY_NS` before that (see :func:`remember_digest`).
    An edit that keeps size and mtime (``touch -d``) still changes the ctime, which only the
    kernel sets."""
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


KEEP = {"registry-*.cache": 8, "models-*.cache": 8, "root-*.bin": 64, "warm-*.bin": 0}
"""How many files of each kind the cache directory keeps (the most recently written); ``warm-*.bin``
are the answer tables of schedlib 0.1 before the compiled index, no longer read."""
ORPHAN_AGE_NS = 15 * 60 * 1_000_000_000
"""A temporary file (``.registry-*.tmp``, ``.models-*.tmp``, ``.root-*.tmp``) older than this was left by a
writer that was killed: a live writer renames its file into place within seconds."""
_TEMPORARY = (".registry-*.tmp", ".models-*.tmp", ".warm-*.tmp", ".root-*.tmp")


def prune(d: Path | None = None) -> list[Path]:
    """Delete the oldest cache files beyond :data:`KEEP` of each kind, and temporary files left by a
    killed writer (older than :data:`ORPHAN_AGE_NS`); return what was deleted.

    Every registry version (digest) and every registry directory gets its own file, so without
    pruning the directory would grow with each edit of a registry. A file deleted here is simply
    rebuilt when it is next needed.
    """
    d = d if d is not None else cache_dir()
    if d is None:
        return []
    gone: list[Path] = []
    too_old = time.time_ns() - ORPHAN_AGE_NS
    for pattern in _TEMPORARY:
        try:
            orphans = [p for p in d.glob(pattern) if p.lstat().st_mtime_ns < too_old]
        except OSError:
            continue
        for orphan in orphans:
            try:
                orphan.unlink()
                gone.append(orphan)
            except OSError:
                continue
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


def _write(digest: str, kind: str, obj: Any) -> Path | None:
    path = _path(digest, kind)
    if path is None:
        return None
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    header = {
        "format": FORMAT,
        "kind": kind,
        "digest": digest,
        "version": code_version(),
        "length": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    if not atomic_write(str(path), [MAGIC + json.dumps(header).encode() + b"\n", payload]):
        return None
    return path


def store(compiled: Compiled, data: RegistryData | None = None) -> Path | None:
    """Write the compiled index (and, when given, the validated models it was built from) for its digest.

    Returns the index file's path, or None if the cache is off or unwritable. The models go to a file of
    their own: a warm start reads the index only.
    """
    path = _write(compiled.digest, "registry", compiled)
    if path is None:
        return None
    if data is not None:
        _write(compiled.digest, "models", data)
    prune(path.parent)
    return path
