"""mkdocs hook: add one page per jurisdiction, list, substance, instrument and class rule, made at build time.

It also teaches the Chinese word segmenter of the search index (jieba, when installed) every Chinese
name in the registry, so that 卡芬太尼 is one word and a search for 芬太尼 finds fentanyl, not every analogue.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

import schedlib
from schedlib.site import registry_pages

MATRIX_DAYS = (dt.date(2017, 1, 1), dt.date(2018, 6, 1), dt.date(2019, 6, 1))
MATRIX_FAMILIES = ("fentanyl", "fentanyl-precursor")


def chinese_names(reg: Any) -> list[str]:
    """Every name in a ``zh`` language tag, longest first."""
    names = {n.name for s in reg.substances.values() for n in s.synonyms if n.lang.split("-")[0] == "zh"}
    return sorted(names, key=lambda n: (-len(n), n))


def _teach_segmenter(reg: Any) -> None:
    try:
        import jieba
    except ImportError:  # the search then indexes Chinese text unsegmented
        return
    jieba.setLogLevel(60)
    for name in chinese_names(reg):
        if " " not in name:
            jieba.add_word(name, freq=100_000)


def on_files(files: Files, config: Any) -> Files:
    reg = schedlib.load()
    _teach_segmenter(reg)
    for path, content in registry_pages(reg, matrix_days=MATRIX_DAYS, matrix_families=MATRIX_FAMILIES).items():
        files.append(File.generated(config, path, content=content))
    return files


# The generated pages are not in the navigation (1,300 entries would bury it). Each gets the navigation's
# "Registry" section as its parent: mkdocs marks a page's parents active while it renders that page, so
# the theme expands the section and marks it active; the stylesheet then highlights the section's overview
# link when no link inside it is the current page's (see "generated registry pages" in schedlib.css).
REGISTRY_INDEX = "registry/index.md"
GENERATED = (
    "registry/substances/",
    "registry/lists/",
    "registry/instruments/",
    "registry/classes/",
    "registry/jurisdictions/",
    "registry/names/",
)


def on_nav(nav: Navigation, config: Any, files: Files) -> Navigation:
    index = files.get_file_from_path(REGISTRY_INDEX)
    section = index.page.parent if index is not None and index.page is not None else None
    if not isinstance(section, Section):
        return nav
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.parent is None and file.src_uri.startswith(GENERATED) and page not in nav.pages:
            page.parent = section
    return nav


# lunr's query parser splits a query at every character that matches the word separator it was loaded
# with (whitespace and hyphens), tested one character at a time, so that a query for a CAS RN such as
# 59708-52-0 becomes 59708, 52 and 0 although the index holds it whole. The line appended to the theme's
# search worker gives the query parser the character class of ``plugins.search.separator`` (its first
# alternative); the theme then splits each term with the whole separator, as it splits the text it indexes.
_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]\+")


def on_post_build(config: Any) -> None:
    separator = config["plugins"]["material/search"].config.separator or ""
    m = _CLASS.match(separator)
    if m is None:
        return
    fix = f"\n/* schedlib: query terms */lunr.QueryLexer.termSeparator=new RegExp({json.dumps(m.group(0))});\n"
    for worker in (Path(config["site_dir"]) / "assets" / "javascripts" / "workers").glob("search*.js"):
        text = worker.read_text(encoding="utf-8")
        if "schedlib: query terms" not in text:
            worker.write_text(text + fix, encoding="utf-8")
