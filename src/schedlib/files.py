"""Reading a registry's files as bytes, and its digest: no YAML, no schema.

The loader (:mod:`schedlib.loader`) parses what this module reads; a warm start needs only
:func:`digest_of`, to find the compiled index in the cache.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path as FsPath
from typing import Any

from .errors import RegistryError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TOTAL_BYTES",
    "bundled_root",
    "digest_of",
    "read_files",
    "registry_digest",
    "shown_path",
]

_IGNORED_DIRS = {"schema"}
_IGNORED_FILES = {"README.md", "CHANGELOG.md"}

def bundled_root() -> str:
    """Where the bundled registry lives (see :func:`schedlib.bundled_registry_path`)."""
    env = os.environ.get("SCHEDLIB_REGISTRY")
    if env:
        return env
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "_registry")
    if os.path.isfile(os.path.join(packaged, "registry.yaml")):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "registry")


MAX_FILE_BYTES = 5 * 1024 * 1024
"""Default cap on one registry file (``$SCHEDLIB_MAX_FILE_BYTES`` overrides it); a larger file is refused unread."""
MAX_TOTAL_BYTES = 64 * 1024 * 1024
"""Default cap on all registry files together (``$SCHEDLIB_MAX_TOTAL_BYTES``); a larger registry is refused unread."""
MAX_ERRORS_PER_FILE = 100
"""At most this many errors are listed per file; the rest are counted in one "… and N more" line."""
MAX_ERRORS = 1000
"""At most this many errors are listed in all; the rest are counted in one last "… and N more" line."""


class _Errors:
    """The errors found so far, capped per file and in all so that hostile input cannot flood the output."""

    def __init__(self) -> None:
        self._listed: list[RegistryError] = []
        self._per_file: dict[str, int] = {}
        self._dropped: dict[str, int] = {}
        self._dropped_total = 0

    def accepting(self, path: str) -> bool:
        """Would an error at ``path`` still be listed (not only counted)?"""
        return self._per_file.get(path, 0) < MAX_ERRORS_PER_FILE and len(self._listed) < MAX_ERRORS

    def add(self, path: str, line: int, message: str) -> None:
        listed = self.accepting(path)
        self._per_file[path] = self._per_file.get(path, 0) + 1
        if listed:
            self._listed.append(RegistryError(path, line, message))
        elif len(self._listed) >= MAX_ERRORS:
            self._dropped_total += 1
        else:
            self._dropped[path] = self._dropped.get(path, 0) + 1

    def at(self, loc: Any, message: str, *sub: str | int) -> None:
        self.add(loc.path, loc.line(*sub), message)

    @property
    def items(self) -> list[RegistryError]:
        """Every listed error, then one "… and N more" line per capped file and one for the overall cap."""
        out = list(self._listed)
        for path, n in self._dropped.items():
            out.append(
                RegistryError(
                    path,
                    0,
                    f"… and {n:,} more error{'s' if n > 1 else ''} in this file (the first {MAX_ERRORS_PER_FILE} are listed)",
                )
            )
        if self._dropped_total:
            n = self._dropped_total
            out.append(
                RegistryError(".", 0, f"… and {n:,} more error{'s' if n > 1 else ''} (the first {MAX_ERRORS:,} are listed)")
            )
        return out


def _byte_limit(name: str, default: int, errors: _Errors) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    errors.add("$" + name, 0, f"must be a positive whole number of bytes, not {raw!r}; using the default {default:,}")
    return default


def shown_path(rel: str) -> str:
    """``rel`` as it may appear before ``:LINE:``: characters that are not printable (a newline, a
    bidirectional override such as U+202E, bytes that are not UTF-8) are written as escapes."""
    if rel.isprintable():
        return rel
    out = []
    for ch in rel:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch.isprintable():
            out.append(ch)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode carries it
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


def _bad_name(name: str) -> str | None:
    """Why a file or directory name cannot be used in a registry, or None if it can."""
    if name.isprintable():
        return None
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in name):
        return "name is not valid UTF-8"
    return "name holds a character that cannot be shown on one line (a control, format or separator character)"


def _iter_relpaths(root: FsPath, errors: _Errors) -> list[str]:
    """Registry files under ``root`` as sorted POSIX paths relative to it (strings: pathlib is slow here).

    Names that cannot be shown on one line are errors (shown escaped), and so are links to
    directories (never followed) and directories that cannot be listed.
    """
    out: list[str] = []
    base = str(root)

    def unreadable(exc: OSError) -> None:
        rel = os.path.relpath(exc.filename, base).replace(os.sep, "/") if exc.filename else "."
        errors.add(shown_path(rel), 0, f"cannot list directory: {exc.strerror}")

    for dirpath, dirnames, filenames in os.walk(base, onerror=unreadable):
        rel_dir = os.path.relpath(dirpath, base).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        keep = []
        for d in sorted(dirnames):
            if d.startswith(".") or (not prefix and d in _IGNORED_DIRS):
                continue
            why = _bad_name(d)
            if why is not None:
                errors.add(shown_path(prefix + d), 0, f"{why}; rename the directory (its files are not read)")
            elif os.path.islink(os.path.join(dirpath, d)):
                errors.add(
                    prefix + d, 0, "link to a directory: links to directories are not followed; move the files into the registry"
                )
            else:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if name.startswith(".") or name in _IGNORED_FILES:
                continue
            rel = prefix + name
            why = _bad_name(name)
            if why is not None:
                errors.add(shown_path(rel), 0, f"{why}; rename the file (it is not read)")
                continue
            if name.endswith(".yml"):
                errors.add(rel, 1, "registry files end in .yaml, not .yml; rename the file")
                continue
            if not name.endswith(".yaml"):
                errors.add(rel, 1, "not a registry file (only .yaml files belong here)")
                continue
            out.append(rel)
    return out


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class _Refused(Exception):
    """A registry file that is not read, and why."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _target(root_real: str, base: str, rel: str, cap: int) -> tuple[str, int]:
    """(the path to open, its size) for the registry file ``rel``; raises :class:`_Refused` if it may not be read.

    A symbolic link is followed only to a file inside the registry root (the target of any other
    link is never opened); only regular files no larger than ``cap`` bytes are read.
    """
    path = os.path.join(base, rel)
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise _Refused(f"cannot read file: {exc.strerror}") from None
    if stat.S_ISLNK(st.st_mode):
        target = os.path.realpath(path)
        if target != root_real and not target.startswith(root_real.rstrip(os.sep) + os.sep):
            raise _Refused(
                "symbolic link to a file outside the registry: not followed, its target is not read; copy the file into the registry"
            )
        try:
            st = os.stat(target)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _Refused("symbolic link loop: the link never reaches a file") from None
            if exc.errno == errno.ENOENT:
                raise _Refused("broken symbolic link: its target does not exist") from None
            raise _Refused(f"cannot read the target of this symbolic link: {exc.strerror}") from None
        path = target
    if not stat.S_ISREG(st.st_mode):
        raise _Refused(f"{_kind(st.st_mode)}, not a regular file: only regular files are read")
    if st.st_size > cap:
        raise _Refused(
            f"file is {st.st_size:,} bytes, over the limit of {cap:,} bytes per file (set SCHEDLIB_MAX_FILE_BYTES to raise it)"
        )
    return path, st.st_size


def _read_capped(path: str, cap: int) -> bytes:
    """The bytes of the regular file at ``path`` (never a link, FIFO or device: checked on the open file)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the file became a link after it was checked
            raise _Refused("symbolic link: not followed") from None
        raise _Refused(f"cannot read file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise _Refused(f"{_kind(st.st_mode)}, not a regular file: only regular files are read")
        data = fh.read(cap + 1)
    if len(data) > cap:
        raise _Refused(f"file is over the limit of {cap:,} bytes per file (set SCHEDLIB_MAX_FILE_BYTES to raise it)")
    return data


def read_files(root: FsPath, errors: _Errors) -> list[tuple[str, bytes]] | None:
    """(relative path, bytes) of every registry file that may be read, in path order; every other
    file is an error. Sizes are checked before anything is read: a registry over the total cap is
    refused without reading a file (None)."""
    rels = _iter_relpaths(root, errors)
    base = str(root)
    root_real = os.path.realpath(base)
    file_cap = _byte_limit("SCHEDLIB_MAX_FILE_BYTES", MAX_FILE_BYTES, errors)
    total_cap = _byte_limit("SCHEDLIB_MAX_TOTAL_BYTES", MAX_TOTAL_BYTES, errors)
    targets: list[tuple[str, str]] = []
    total = 0
    for rel in rels:
        try:
            path, size = _target(root_real, base, rel, file_cap)
        except _Refused as exc:
            errors.add(rel, 0, str(exc))
            continue
        total += size
        targets.append((rel, path))
    if total > total_cap:
        errors.add(
            ".",
            0,
            f"the registry's files hold {total:,} bytes, over the limit of {total_cap:,} bytes in all "
            "(set SCHEDLIB_MAX_TOTAL_BYTES to raise it); no file was read",
        )
        return None
    out: list[tuple[str, bytes]] = []
    total = 0
    for rel, path in targets:
        try:
            data = _read_capped(path, file_cap)
        except _Refused as exc:
            errors.add(rel, 0, str(exc))
            continue
        total += len(data)
        if total > total_cap:  # files grew after they were measured
            errors.add(
                rel, 0, f"the registry's files hold over {total_cap:,} bytes in all (set SCHEDLIB_MAX_TOTAL_BYTES to raise it)"
            )
            return out
        out.append((rel, data))
    return out


def digest_of(root: str | os.PathLike[str], remembered: bool = False) -> str:
    """The digest of the registry at ``root`` (the same as ``RegistryData.digest``), reading only bytes.

    Raises :class:`RegistryValidationError` if a file cannot be read safely (a link out of the
    registry, a broken link, a FIFO, a file over the size cap, a name that cannot be shown…).
    With ``remembered``, a digest recorded in the cache directory is reused when no file changed
    since (see :func:`schedlib.cache.known_digest` for what is compared).
    """
    root = FsPath(root)
    if remembered:
        from .cache import known_digest, remember_digest, signature

        try:
            sig, newest = signature(str(root))  # taken first: a file changed meanwhile makes the record stale
        except OSError:
            return digest_of(root)
        known = known_digest(root, sig)
        if known is not None:
            return known
        digest = digest_of(root)
        remember_digest(root, sig, newest, digest)
        return digest
    errors = _Errors()
    contents = read_files(root, errors)
    problems = errors.items
    if problems or contents is None:
        from .errors import RegistryValidationError

        raise RegistryValidationError(problems)
    return registry_digest(contents)


def registry_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """sha256 over (relative POSIX path, content) of every file, in path order."""
    h = hashlib.sha256()
    for rel, data in sorted(files):
        h.update(rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()

