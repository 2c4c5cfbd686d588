"""The warm path of ``schedlib status``: answers from a precomputed table, without pydantic.

Starting Python, importing pydantic and unpickling the compiled registry costs
about 250 ms; Python alone starts in about 8 ms. For the command people type most
(``schedlib status NAME --in J --on DATE``), the answer for one substance in one
jurisdiction changes only on a few days (a listing, a removal, an expiry, an
extension, a coverage date), so the full command line stores, per (substance,
jurisdiction), the first day of each stretch and the text it prints on that
stretch, with a mark where the queried date goes. A later process finds the
stretch by bisection and prints it, importing only ``os``, ``sys``, ``marshal`` and
``zlib`` (and ``unicodedata`` for a name that is not ASCII).

The table is used only when it is certainly right; otherwise the full program
answers (and rewrites the table):

- it belongs to this registry directory (its real path), this schedlib version, this
  Python and these schedlib source files (their sizes and mtimes), and its checksums
  match (a corrupt or truncated file is ignored);
- every file under the registry still has the size, modification time, status-change
  time (ctime), inode and device it had when the table was built (a file added,
  removed or edited makes it stale, even an edit that keeps size and mtime, since
  restoring an mtime changes the ctime), and no file was modified or changed within
  two seconds before the build (a "racily clean" file could change again within the
  file system's time resolution), as git's index does;
- the command is exactly ``status NAME --in J --on YYYY-MM-DD`` (optionally after
  ``--registry PATH``), the name resolves to exactly one substance and the
  jurisdiction is known. Anything else — ``--json``, ``--regime``, ``--cite``, an
  unknown or ambiguous name, a malformed date — goes to the full program, which
  gives the same answers and error messages as always.

Tests check that the warm path prints byte for byte what the full program prints.
The table holds the text as logical lines; both paths fit it to the output's width with
:func:`schedlib.render.fit` when they print it.
This module must import nothing from schedlib but the package itself, its data module ``_hans``
and :mod:`schedlib.render` (which imports nothing at load time).
"""

import marshal
import os
import sys
import zlib

TYPE_CHECKING = False  # typing is not imported at run time: the warm path avoids every import it can
if TYPE_CHECKING:
    from typing import Any, BinaryIO

FORMAT = 3
MAGIC = b"SCHEDLIB-WARM\n\x00\x01"
DAY_MARK = "\x00DAY\x00"
"""Stands for the queried date in stored text (NUL never occurs in registry text: the loader refuses it)."""
RACY_NS = 2_000_000_000
_NO_END = (9999, 12, 31)  # datetime.date.max, reserved to mean "no end" (dates.parse_date refuses it as a question)

# Characters ignored when matching names: whitespace (exactly the characters for which str.isspace()
# is true, as the regular expression \s matches; a test checks every code point), hyphens and dashes,
# underscore, middle dot, comma, brackets, quotes and primes; and the invisible characters that text copied
# from web pages and spreadsheets carries (zero-width space, joiners, word joiner, byte-order mark, soft hyphen).
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_SQUEEZE = "-\u2010\u2011\u2012\u2013\u2014\u2015_·,()[]'\u2019\u2032"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\xad"
_DROP = dict.fromkeys(map(ord, _WHITESPACE + _SQUEEZE + _INVISIBLE))
_HANS: "dict[int, str] | None" = None  # traditional -> simplified Chinese, read from _hans on the first CJK name


def normalize_name(text: str) -> str:
    """The key names are matched on: NFKC, case-folded, without spaces, hyphens, commas, brackets, quotes,
    invisible characters and accents, Chinese in simplified characters (羥考酮 and 羟考酮 are one key)."""
    if text.isascii():
        return text.lower().translate(_DROP)
    import unicodedata

    key = unicodedata.normalize("NFKC", text).casefold().translate(_DROP)
    if not key.isascii():  # accents do not matter either: acétone, anhidrido propionico, cocaína
        key = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
        key = unicodedata.normalize("NFC", key)
    if any(c >= "\u3400" for c in key):  # CJK and later planes: fold traditional to simplified
        global _HANS
        if _HANS is None:
            from ._hans import PAIRS

            _HANS = {ord(PAIRS[i]): PAIRS[i + 1] for i in range(0, len(PAIRS), 2)}
        key = key.translate(_HANS)
    return key


def cache_dir() -> str | None:
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


def table_path(root: str) -> str | None:
    """Where the table for the registry at (real path) ``root`` is kept, or None if the cache is off."""
    d = cache_dir()
    if d is None:
        return None
    return os.path.join(d, f"warm-{zlib.crc32(root.encode('utf-8', 'surrogateescape')):08x}.bin")


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



# ---------------------------------------------------------------------------- reading


def _read_header(fh: "BinaryIO", root: str) -> "dict[str, Any] | None":
    read = fh.read
    head = read(len(MAGIC) + 8)
    if len(head) != len(MAGIC) + 8 or not head.startswith(MAGIC):
        return None
    n = int.from_bytes(head[len(MAGIC) : len(MAGIC) + 4], "little")
    crc = int.from_bytes(head[len(MAGIC) + 4 :], "little")
    blob = read(n)
    if len(blob) != n or zlib.crc32(blob) != crc:
        return None
    header = marshal.loads(blob)
    if not isinstance(header, dict):
        return None
    if header.get("format") != FORMAT or header.get("version") != code_version() or header.get("root") != root:
        return None
    header["_base"] = len(MAGIC) + 8 + n
    return header


def _iso_day(text: str) -> bool:
    """Is ``text`` exactly YYYY-MM-DD (ASCII digits), a real calendar date from year 1?"""
    if len(text) != 10 or not text.isascii() or text[4] != "-" or text[7] != "-":
        return False
    y, mo, d = text[:4], text[5:7], text[8:]
    if not (y.isdigit() and mo.isdigit() and d.isdigit()):
        return False
    year, month, day = int(y), int(mo), int(d)
    if year < 1 or not 1 <= month <= 12 or day < 1 or (year, month, day) == _NO_END:
        return False
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return day <= (29 if leap else 28)
    return day <= (30 if month in (4, 6, 9, 11) else 31)


def parse_status_argv(argv: list[str]) -> tuple[str | None, str, str, str] | None:
    """(registry, name, jurisdiction, day) for exactly ``[--registry P] status NAME --in J --on D``, else None."""
    args = list(argv)
    registry = None
    if args and args[0] == "--registry" and len(args) >= 2 and not args[1].startswith("-"):
        registry = args[1]
        del args[:2]
    elif args and args[0].startswith("--registry="):
        registry = args[0][len("--registry=") :]
        del args[0]
    if not args or args[0] != "status":
        return None
    name = j = day = None
    rest = args[1:]
    i = 0
    while i < len(rest):
        t = rest[i]
        if t in ("--in", "--on"):
            if i + 1 >= len(rest) or rest[i + 1].startswith("-"):
                return None
            value = rest[i + 1]
            i += 2
        elif t.startswith(("--in=", "--on=")):
            value = t[5:]
            t = t[:4]
            i += 1
        elif t.startswith("-") or name is not None:
            return None
        else:
            name = t
            i += 1
            continue
        if t == "--in":
            if j is not None:
                return None
            j = value
        else:
            if day is not None:
                return None
            day = value
    if name is None or j is None or day is None or not name.strip() or not _iso_day(day):
        return None
    return registry, name, j, day


def answer_status(argv: list[str]) -> str | None:
    """The text ``schedlib status`` prints for ``argv``, from the table; None when the full program must answer."""
    parsed = parse_status_argv(argv)
    if parsed is None:
        return None
    registry, name, j, day = parsed
    root = os.path.realpath(registry if registry is not None else bundled_root())
    path = table_path(root)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            header = _read_header(fh, root)
            if header is None:
                return None
            juris = header["jurisdictions"]
            if j not in juris:
                j = j.strip().upper()
                if j not in juris:
                    return None
            where = header["names"].get(normalize_name(name))
            if where is None:
                return None
            if signature(root)[0] != header["sig"]:
                return None
            offset, length, crc = where
            fh.seek(header["_base"] + offset)
            blob = fh.read(length)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return None
    if len(blob) != length or zlib.crc32(blob) != crc:
        _discard(path)
        return None
    try:
        starts, texts = marshal.loads(zlib.decompress(blob))[j]
        lo, hi = 0, len(starts)  # bisect_right, without importing bisect
        while lo < hi:
            mid = (lo + hi) // 2
            if day < starts[mid]:
                hi = mid
            else:
                lo = mid + 1
        text = texts[lo - 1]
    except (ValueError, EOFError, TypeError, IndexError, KeyError, zlib.error):
        return None
    if not isinstance(text, str):
        return None
    return text.replace(DAY_MARK, day)


# ---------------------------------------------------------------------------- writing


def write_table(
    root: str,
    sig: bytes,
    newest_ns: int,
    digest: str,
    jurisdictions: tuple[str, ...],
    names: dict[str, str],
    stretches: dict[str, dict[str, tuple[list[str], list[str]]]],
) -> str | None:
    """Write the table atomically; return its path, or None if the cache is off, unwritable or the files too fresh.

    ``stretches`` maps a substance id to {jurisdiction: (first days of the stretches as ISO
    strings, the first being ``0001-01-01``; the text printed on each, with :data:`DAY_MARK`)}.
    ``names`` maps every unambiguous name key (:func:`normalize_name`) to its substance id.
    """
    import time

    path = table_path(root)
    if path is None or newest_ns > time.time_ns() - RACY_NS:
        return None
    index: dict[str, tuple[int, int, int]] = {}
    chunks: list[bytes] = []
    offset = 0
    for key in sorted(stretches):
        blob = zlib.compress(marshal.dumps(stretches[key]), 6)
        index[key] = (offset, len(blob), zlib.crc32(blob))
        chunks.append(blob)
        offset += len(blob)
    by_name = {k: index[sid] for k, sid in names.items() if sid in index}  # name key -> where its stretches are
    header = marshal.dumps(
        {
            "format": FORMAT,
            "version": code_version(),
            "root": root,
            "sig": sig,
            "digest": digest,
            "jurisdictions": jurisdictions,
            "names": by_name,
        }
    )
    head = MAGIC + len(header).to_bytes(4, "little") + zlib.crc32(header).to_bytes(4, "little")
    if not atomic_write(path, [head, header, *chunks]):
        return None
    from pathlib import Path

    from .cache import prune

    prune(Path(path).parent)
    return path


def atomic_write(path: str, parts: "list[bytes]") -> bool:
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


def _discard(path: str) -> None:
    """Remove a damaged table, so that the next full run rebuilds it (instead of every lookup in
    its damaged part falling back to the slow path for good)."""
    try:
        os.unlink(path)
    except OSError:  # gone already, or not ours to remove: the table stays unused
        return


def table_is_current(root: str, digest: str, sig: bytes) -> bool:
    """Is there a trustworthy table for the registry at ``root``, built from this digest and from files
    whose :func:`signature` is ``sig``, and as long as its header says? (True when the cache is off:
    there is nothing to refresh.) A truncated table is not current: it is rebuilt."""
    path = table_path(root)
    if path is None:
        return True
    try:
        with open(path, "rb") as fh:
            header = _read_header(fh, root)
            size = os.fstat(fh.fileno()).st_size
        if header is None:
            return False
        end = max((offset + length for offset, length, _ in header["names"].values()), default=0)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return False
    # every stretch a name points to must be in the file (a chunk no name reaches is never read)
    return header.get("digest") == digest and header.get("sig") == sig and size >= header["_base"] + end


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``schedlib`` command: the warm path when it applies, else the full program."""
    args = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show 卡芬太尼 gets \u escapes, not a traceback
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    text = answer_status(args)
    if text is None:
        from .cli import main as full

        return full(args)
    try:
        if sys.stdout is None:  # started with standard output closed (`schedlib ... >&-`)
            raise OSError(9, "standard output is closed")
        from .render import fit, output_width  # the full program fits its text with the same function

        sys.stdout.write(fit(text, output_width(sys.stdout)))
        sys.stdout.flush()
    except BrokenPipeError:  # pragma: no cover - e.g. `schedlib ... | head`
        return 0
    except OSError as exc:  # e.g. > /dev/full: say so in one line, as the full program does, not with a traceback
        _silence_stdout()
        if sys.stderr is not None:
            sys.stderr.write(f"schedlib: error: cannot write the answer: {exc.strerror or exc}\n")
        return 2
    return 0


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of a full or broken
    stream does not print "Exception ignored" after our message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
