"""A mkdocs plugin that embeds cited answers in pages.

Enable it in ``mkdocs.yml``:

```yaml
plugins:
  - schedlib              # optional: registry: path/to/registry
```

and write a fenced block whose language is ``schedlib``, one query per block,
in the words of the command line:

````markdown
```schedlib
gap --controlled-in US --not-in CN --on 2018-06-01 --family fentanyl
```
````

Every query of the command line is accepted in its text form (``status``, ``gap``, ``controlled``,
``coverage``, ``history``, ``diff``, ``first``, ``find``; see :func:`schedlib.render.render_query`).
A block may sit in the page, in a list item or in an admonition (indented); its answer is put
where it is. A block the plugin cannot render (after a block-quote marker, with other attributes,
not closed, an output form such as ``--json``) fails the build with the page and the line.

The block becomes a table with footnoted citations and a line naming the
registry version and digest. A bad query (unknown substance, invalid date)
fails the build with the page, the line and the error's suggestions.

The answer never passes through Markdown: the block is replaced by a placeholder
before Markdown runs and by the answer's HTML after (registry text cannot turn
into links or emphasis). Each table is put in the theme's scrollable container,
columns that hold one value in every row (jurisdiction, date) move to the
table's caption, ``lang`` attributes carry the language of the jurisdiction's
instruments (not its code), and the registry digest is shown in full.
"""

from __future__ import annotations

import re
import secrets
from html import escape
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .errors import SchedlibError

__all__ = ["SchedlibPlugin"]

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
# A schedlib fence after a block-quote or list marker on the same line: Markdown would not show it as a block.
_QUOTED_BLOCK = re.compile(r"^[ \t]*(?:>|[-*+]|\d+[.)])[ \t>]*(`{3,}|~{3,})[ \t]*schedlib[ \t]*$")
_TABLE = re.compile(r'<table class="schedlib">(.*?)</table>', re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL = re.compile(r"<t([hd])>(.*?)</t\1>", re.S)
_LANG = re.compile(r'lang="([a-z]{2})"')
# Columns that may hold one value in every row of an answer; such a column goes to the caption.
_CONSTANT = ("Jurisdiction", "On")


def _split_constant_columns(table: str) -> str:
    """Move columns named in ``_CONSTANT`` whose body cells all agree into a ``<caption>``."""
    inner = _TABLE.fullmatch(table)
    if inner is None:
        return table
    rows = [[(kind, text) for kind, text in _CELL.findall(r)] for r in _ROW.findall(inner.group(1))]
    if len(rows) < 2 or any(len(r) != len(rows[0]) for r in rows) or any(k != "h" for k, _ in rows[0]):
        return table
    head, body = [t for _, t in rows[0]], [[t for _, t in r] for r in rows[1:]]
    drop = [i for i, h in enumerate(head) if h in _CONSTANT and len({r[i] for r in body}) == 1 and body[0][i]]
    if not drop:
        return table
    caption = "; ".join(f"{head[i]}: {body[0][i]}" for i in drop)
    keep = [i for i in range(len(head)) if i not in drop]
    th = "".join(f"<th>{head[i]}</th>" for i in keep)
    tb = "".join("<tr>" + "".join(f"<td>{r[i]}</td>" for i in keep) + "</tr>" for r in body)
    return f'<table class="schedlib"><caption>{caption}</caption><thead><tr>{th}</tr></thead><tbody>{tb}</tbody></table>'


def present(html: str, digest: str, languages: dict[str, str]) -> str:
    """An answer's HTML made fit for the site (see the module's docstring)."""
    html = _TABLE.sub(
        lambda m: (
            '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
            + _split_constant_columns(m.group(0))
            + "</div></div>"
        ),
        html,
    )
    html = _LANG.sub(lambda m: f'lang="{escape(languages.get(m.group(1).upper(), m.group(1)))}"', html)
    if digest:
        html = re.sub(rf"<code>{re.escape(digest[:16])}</code>", f"<code>{escape(digest)}</code>", html)
    return html


class _Config(Config):  # type: ignore[no-untyped-call]
    registry = config_options.Optional(config_options.Type(str))


class SchedlibPlugin(BasePlugin[_Config]):  # type: ignore[no-untyped-call]
    """Render ```schedlib fenced blocks as cited answers."""

    def __init__(self) -> None:
        self._reg: Any = None
        self._answers: dict[str, str] = {}
        self._languages: dict[str, str] | None = None

    def _registry(self) -> Any:
        if self._reg is None:
            import schedlib

            self._reg = schedlib.load(self.config.registry)
        return self._reg

    def _language_of(self) -> dict[str, str]:
        """Jurisdiction code -> the language most of its instruments are written in."""
        if self._languages is None:
            counts: dict[str, dict[str, int]] = {}
            for inst in self._registry().instruments.values():
                per = counts.setdefault(inst.jurisdiction, {})
                per[inst.language] = per.get(inst.language, 0) + 1
            self._languages = {j: max(c, key=lambda k: c[k]) for j, c in counts.items()}
        return self._languages

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if "schedlib" not in markdown:
            return markdown
        from .render import ANSWER_CSS, render_query

        lines = markdown.split("\n")
        out: list[str] = []
        counter = 0
        i = 0
        where = page.file.src_path
        while i < len(lines):
            m = _FENCE.match(lines[i])
            if not m:
                if _QUOTED_BLOCK.match(lines[i]):  # e.g. inside a block quote: not rendered, so not allowed
                    raise PluginError(
                        f"schedlib: {where}:{i + 1}: a schedlib block must start its line, in the page, a list item or"
                        " an admonition (indented), not after another marker"
                    )
                out.append(lines[i])
                i += 1
                continue
            indent, fence, info = m.group(1), m.group(2), m.group(3).strip()
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            if info.split(None, 1)[:1] != ["schedlib"] and info.lstrip("{.").split(None, 1)[:1] != ["schedlib"]:
                out.extend(lines[i : j + 1])  # any other fenced block, including examples that show a schedlib block
                i = j + 1
                continue
            if info != "schedlib":
                raise PluginError(f"schedlib: {where}:{i + 1}: write the block's language as plain `schedlib`, not {info!r}")
            if j >= len(lines):
                raise PluginError(f"schedlib: {where}:{i + 1}: the schedlib block is not closed")
            counter += 1
            query = " ".join(" ".join(lines[i + 1 : j]).split())
            try:
                html = render_query(query, self._registry(), prefix=f"schedlib-{counter}")
            except SchedlibError as exc:
                hint = ""
                suggestions = getattr(exc, "suggestions", ())
                if suggestions:
                    hint = f" (suggestions: {', '.join(suggestions)})"
                raise PluginError(f"schedlib: {where}:{i + 1}: {exc}{hint}") from None
            style = f"<style>{ANSWER_CSS}</style>" if counter == 1 else ""
            key = f"schedlib-answer-{secrets.token_hex(8)}"
            self._answers[key] = (
                f'<div class="schedlib-answer" data-search-exclude>{style}{present(html, self._registry().digest, self._language_of())}</div>'
            )
            # a paragraph of its own, at the block's indent: it stays in the list item or admonition the block is in
            out += ["", indent + key, ""]
            i = j + 1
        return "\n".join(out)

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Put each answer's HTML where its placeholder is, after Markdown ran."""
        for key in re.findall(r"schedlib-answer-[0-9a-f]{16}", html):
            if key not in self._answers:
                continue
            answer = self._answers.pop(key)
            html, n = re.subn(rf"<p>\s*{key}\s*</p>", lambda _m, a=answer: a, html, count=1)  # type: ignore[misc]
            if not n:
                html = html.replace(key, answer, 1)
        return html
