"""A strict YAML reader for registry files.

PyYAML's C parser (when available) builds the node graph; this module turns it
into plain Python data itself, so that it can refuse what the registry must
never contain:

* duplicate mapping keys;
* anchors and aliases (no sharing, no billion laughs);
* YAML 1.1 implicit booleans other than ``true``/``false`` (``yes``, ``NO``, ``on``…);
* any tag outside the core schema (``!!python/...`` and custom tags);
* bytes that are not UTF-8, NUL bytes, and empty documents;
* nesting deeper than :data:`MAX_DEPTH` (refused at its line, long before the interpreter's
  recursion limit on any Python version).

Timestamps are *not* resolved: dates stay strings and the models check their
ISO form, so ``2019-5-1`` is an error instead of a silently parsed value.

The reader returns the data and a map from each value's path (a tuple of keys
and indexes) to its 1-based line, which the loader uses to place validation
errors at ``FILE:LINE``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # pragma: no branch - depends on the platform's PyYAML build
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


from yaml.resolver import BaseResolver

__all__ = ["MAX_DEPTH", "Path", "YamlProblem", "read_yaml"]

MAX_DEPTH = 32
"""Deepest nesting of mappings and sequences a registry file may use (the schema needs about ten)."""

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_BAD_BOOL = "tag:schedlib,2026:yaml11-bool"


class YamlProblem(Exception):
    """A YAML-level problem at a 1-based ``line``."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


class _Resolver(BaseResolver):
    """Core-schema resolver: no timestamps, only ``true``/``false`` as booleans."""


_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|false)$"), list("tf"))
_Resolver.add_implicit_resolver(
    _BAD_BOOL,
    re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF)$"),
    list("yYnNtTfFoO"),
)
_Resolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789.")
)
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _Loader(_Parser, _Resolver):
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


_MAYBE_ANCHOR = re.compile(r"[&*][^\s,\]}]")


def _line(node: yaml.Node | yaml.Event) -> int:
    mark = node.start_mark
    return int(mark.line) + 1 if mark is not None else 1


def _check_anchors(text: str) -> None:
    """Refuse anchors and aliases, reading events only (nothing is expanded)."""
    if not _MAYBE_ANCHOR.search(text):
        return
    loader = _Loader(text)
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            if isinstance(event, yaml.AliasEvent):
                raise YamlProblem(_line(event), f"alias *{event.anchor} is not allowed; write the value out in full")
            anchor = getattr(event, "anchor", None)
            if anchor:
                raise YamlProblem(_line(event), f"anchor &{anchor} is not allowed; registry files share nothing")
            if isinstance(event, yaml.StreamEndEvent):
                break
    finally:
        loader.dispose()


def read_yaml(data: bytes) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document strictly; return the value and a path-to-line map.

    Raises :class:`YamlProblem` for every refused construct.
    """
    if not data.strip():
        raise YamlProblem(1, "file is empty; write the record or delete the file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblem(line, f"file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\0")
    if nul >= 0:
        raise YamlProblem(text.count("\n", 0, nul) + 1, "NUL byte in file")
    _check_anchors(text)
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else 1
            raise YamlProblem(line, f"YAML syntax: {exc.problem or exc.context}") from None
        except yaml.YAMLError as exc:
            raise YamlProblem(1, f"YAML: {exc}") from None
        except RecursionError:  # the pure-Python composer recurses per level; libyaml stops at 1,000 levels
            raise YamlProblem(1, f"nesting is too deep (a registry file nests at most {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem(1, "file holds no YAML document")
    lines: dict[Path, int] = {}
    value = _build(node, (), lines, set(), 0)
    return value, lines


_KEY_TAGS = frozenset((_STR, _INT, _BAD_BOOL, _BOOL, _NULL, _FLOAT))


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], seen: set[int], depth: int) -> Any:
    """Plain data from a composed node, refusing aliases, foreign tags, duplicate and merge keys.

    Hot path of every registry load: scalars are tested first and each node's line is read once.
    """
    nid = id(node)
    if nid in seen:  # an alias that slipped past the event scan
        raise YamlProblem(_line(node), "aliases are not allowed")
    seen.add(nid)
    tag = node.tag
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        lines[path] = node.start_mark.line + 1
        return node.value
    line = node.start_mark.line + 1
    lines[path] = line
    if depth >= MAX_DEPTH and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        raise YamlProblem(line, f"nested more than {MAX_DEPTH} levels deep; registry records are shallow (about ten levels)")
    depth += 1
    if isinstance(node, yaml.MappingNode):
        if tag != _MAP:
            raise YamlProblem(line, f"tag {tag!r} is not allowed")
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(key_line, "mapping keys must be plain strings")
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge" or key == "<<":
                raise YamlProblem(key_line, "merge keys (<<) are not allowed; write the fields out")
            if key_node.tag not in _KEY_TAGS:
                raise YamlProblem(key_line, f"tag {key_node.tag!r} is not allowed")
            if key in out:
                raise YamlProblem(key_line, f"duplicate key {key!r} (first at line {lines[(*path, key)]})")
            sub = (*path, key)
            out[key] = _build(value_node, sub, lines, seen, depth)
            lines[sub] = key_line  # errors about a field point at its key
        return out
    if isinstance(node, yaml.SequenceNode):
        if tag != _SEQ:
            raise YamlProblem(line, f"tag {tag!r} is not allowed")
        return [_build(item, (*path, i), lines, seen, depth) for i, item in enumerate(node.value)]
    text = node.value
    if tag == _BAD_BOOL:
        raise YamlProblem(
            line,
            f"{text!r} is read as a boolean by some YAML parsers; write true/false, or quote it if it is text",
        )
    if tag == _BOOL:
        return text == "true"
    if tag == _INT:
        return int(text)
    if tag == _FLOAT:
        return float(text)
    if tag == _NULL:
        return None
    raise YamlProblem(line, f"tag {tag!r} is not allowed")
