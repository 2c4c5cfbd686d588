"""mkdocs hook: facts quoted in the guides come from the registry at build time.

* ``changelog.md`` is replaced by the repository's ``CHANGELOG.md``;
* ``{{ registry.version }}``, ``{{ registry.digest }}`` and ``{{ registry.count.KIND }}`` (KIND:
  substances, instruments, lists, sources, classes, jurisdictions) are replaced by their values.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import schedlib

_ROOT = Path(__file__).resolve().parents[2]
_TOKEN = re.compile(r"\{\{\s*registry\.(version|digest|count\.(\w+))\s*\}\}")


def _cli_reference() -> str:
    import argparse

    from schedlib.cli import build_parser

    parser = build_parser()
    parts = ["```text", parser.format_help().rstrip(), "```"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                parts += [f"## schedlib {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_path == "changelog.md":
        return (_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    if "{{ cli.reference }}" in markdown:
        markdown = markdown.replace("{{ cli.reference }}", _cli_reference())
    if "{{" not in markdown:
        return markdown
    reg = schedlib.load()

    def value(m: re.Match[str]) -> str:
        if m.group(1) == "version":
            return reg.version
        if m.group(1) == "digest":
            return reg.digest
        kind = m.group(2)
        mapping = getattr(reg, kind, None)
        if mapping is None:
            raise ValueError(f"{page.file.src_path}: unknown registry count {kind!r}")
        return str(len(mapping))

    return _TOKEN.sub(value, markdown)
