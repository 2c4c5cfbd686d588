"""A mkdocs plugin that embeds cited answers in pages.

Enable it in ``mkdocs.yml``::

    plugins:
      - schedlib              # optional: registry: path/to/registry

and write a fenced block whose language is ``schedlib``, one query per block,
in the words of the command line::

    ```schedlib
    gap --controlled-in US --not-in CN --on 2018-06-01 --family fentanyl
    ```

The block becomes a table with footnoted citations and a line naming the
registry version and digest. A bad query (unknown substance, invalid date)
fails the build with the page, the line and the error's suggestions.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .errors import SchedlibError

__all__ = ["SchedlibPlugin"]

_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")


class _Config(Config):  # type: ignore[no-untyped-call]
    registry = config_options.Optional(config_options.Type(str))


class SchedlibPlugin(BasePlugin[_Config]):  # type: ignore[no-untyped-call]
    """Render ```schedlib fenced blocks as cited answers."""

    def __init__(self) -> None:
        self._reg: Any = None

    def _registry(self) -> Any:
        if self._reg is None:
            import schedlib

            self._reg = schedlib.load(self.config.registry)
        return self._reg

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        if "schedlib" not in markdown:
            return markdown
        from .render import ANSWER_CSS, render_query

        lines = markdown.split("\n")
        out: list[str] = []
        counter = 0
        i = 0
        while i < len(lines):
            m = _FENCE.match(lines[i])
            if not m:
                out.append(lines[i])
                i += 1
                continue
            fence, info = m.group(1), m.group(2).strip()
            close = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            if info != "schedlib":  # any other fenced block, including examples that show a schedlib block
                out.extend(lines[i : j + 1])
                i = j + 1
                continue
            counter += 1
            query = " ".join(" ".join(lines[i + 1 : j]).split())
            try:
                html = render_query(query, self._registry(), prefix=f"schedlib-{counter}")
            except SchedlibError as exc:
                hint = ""
                suggestions = getattr(exc, "suggestions", ())
                if suggestions:
                    hint = f" (suggestions: {', '.join(suggestions)})"
                raise PluginError(f"schedlib: {page.file.src_path}:{i + 1}: {exc}{hint}") from None
            style = f"<style>{ANSWER_CSS}</style>" if counter == 1 else ""
            out.append(f'<div class="schedlib-answer" markdown="0">\n{style}{html}\n</div>')
            i = j + 1
        return "\n".join(out)
