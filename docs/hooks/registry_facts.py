"""mkdocs hook: facts quoted in the guides come from the registry and the program at build time.

* ``changelog.md`` is replaced by the repository's ``CHANGELOG.md``;
* ``{{ registry.version }}``, ``{{ registry.digest }}`` and ``{{ registry.count.KIND }}`` (KIND:
  substances, instruments, lists, sources, classes, jurisdictions) are replaced by their values;
* ``{{ cli.reference }}`` is every subcommand's ``--help``; ``{{ cli.summary }}`` is one usage line per
  subcommand with its one-line help (a subcommand added to the parser appears without an edit here);
* ``{{ run: schedlib ARGS }}`` is replaced by the command and what it prints (run in-process, so the
  output shown is the output of this build's program on this build's registry);
* ``<!-- output -->`` after a ```` ```python ```` block runs that block and shows what it printed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
from pathlib import Path
from typing import Any

import schedlib

_ROOT = Path(__file__).resolve().parents[2]
_TOKEN = re.compile(r"\{\{\s*registry\.(version|digest|count\.(\w+))\s*\}\}")
_RUN = re.compile(r"\{\{\s*run:\s*schedlib\s+(.+?)\s*\}\}")
_PY_OUTPUT = re.compile(r"```python\n(.*?)```\n\s*<!-- output -->", re.S)


def _subparsers() -> tuple[argparse.ArgumentParser, dict[str, tuple[argparse.ArgumentParser, str]]]:
    from schedlib.cli import build_parser

    parser = build_parser()
    subs: dict[str, tuple[argparse.ArgumentParser, str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                subs[name] = (sub, helps.get(name, ""))
    return parser, subs


def _cli_reference() -> str:
    parser, subs = _subparsers()
    parts = ["```text", parser.format_help().rstrip(), "```"]
    for name, (sub, _) in subs.items():
        parts += [f"## schedlib {name}", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(parts)


def _cli_summary() -> str:
    _, subs = _subparsers()
    parts = ["| command | what it does | usage |", "|---|---|---|"]
    for name, (sub, text) in subs.items():
        usage = " ".join(sub.format_usage().removeprefix("usage:").split()).replace("|", "\\|")
        parts.append(f"| [{name}](cli-reference.md#schedlib-{name}) | {text} | `{usage}` |")
    return "\n".join(parts)


def _run(m: re.Match[str]) -> str:
    from schedlib.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(shlex.split(m.group(1)), out=out, err=err)
    if code != 0:
        raise ValueError(f"`schedlib {m.group(1)}` exited {code}: {err.getvalue()}")
    return f"$ schedlib {m.group(1)}\n{out.getvalue().rstrip()}"


def _py_output(m: re.Match[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(m.group(1), "<docs>", "exec"), {})
    return f"```python\n{m.group(1)}```\n\nOutput:\n\n```text\n{out.getvalue().rstrip()}\n```"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if page.file.src_path == "changelog.md":
        # The entries stay out of the search index (every section below a release heading: ~58 kB of the
        # index that every page downloads; the page-weight budget); the page is found by its title and releases.
        text = (_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        return re.sub(r"^(#{3,} .*?)[ \t]*$", r"\1 { data-search-exclude }", text, flags=re.M)
    if "{{ cli.reference }}" in markdown:
        markdown = markdown.replace("{{ cli.reference }}", _cli_reference())
    if "{{ cli.summary }}" in markdown:
        markdown = markdown.replace("{{ cli.summary }}", _cli_summary())
    markdown = _RUN.sub(_run, markdown)
    if "<!-- output -->" in markdown:
        markdown = _PY_OUTPUT.sub(_py_output, markdown)
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
