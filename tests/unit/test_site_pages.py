"""Pages generated from the registry for the documentation site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from schedlib.registry import Registry
from schedlib.site import md_text, registry_pages

markdown = pytest.importorskip("markdown", reason="markdown comes with mkdocs (the docs extra)")

MINI = Path(__file__).parent.parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parents[2]

# Names that Markdown, its extensions or autorefs would read as markup if they were not escaped.
HOSTILE = [
    "benzo[f][1,2,4]triazolo[4,3-a][1,4]diazepine",
    "1-(5-fluoropentyl)-N-(naphthalen-1-yl)[x](y)indole",
    "*not emphasis* and _not either_ and **nor this**",
    "`not code` \\ back\\slash",
    "<b>not bold</b> | not a cell & not an entity &amp;",
    "# not a heading {: .not-a-class } ~~no~~ ==no== ^no^",
    "[[not a wiki link]] ![not an image](x.png) <https://not.a.link>",
    "卡芬太尼 (中文) — 'quotes' \"double\"",
]


def _site_markdown() -> markdown.Markdown:
    """A Markdown converter with the extensions the site's mkdocs.yml enables (those that read text)."""
    return markdown.Markdown(extensions=["tables", "toc", "admonition", "attr_list", "md_in_html"])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _text_and_tags(html: str) -> tuple[str, list[str]]:
    p = _Text()
    p.feed(html)
    return " ".join("".join(p.parts).split()), p.tags


def _body(page: str) -> str:
    """A generated page without its YAML front matter."""
    assert page.startswith("---\n")
    return page.split("\n---\n", 1)[1]


def _hostile_registry(tmp_path: Path) -> Path:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    synonyms = "".join(f"  - {{name: {_yaml(n)}, lang: en, kind: common}}\n" for n in HOSTILE[1:])
    (root / "substances" / "alpha.yaml").write_text(
        f"id: alpha\nname: {_yaml(HOSTILE[0])}\nfamilies: [test-family]\nsynonyms:\n{synonyms}", encoding="utf-8"
    )
    return root


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_one_page_per_record_with_stamp() -> None:
    reg = Registry.from_path(MINI)
    pages = registry_pages(reg, today=dt.date(2020, 1, 1), matrix_days=[dt.date(2012, 1, 1)])
    for sid in reg.substances:
        assert f"registry/substances/{sid}.md" in pages
    for key in (
        "registry/lists/aa.drugs.md",
        "registry/instruments/aa.2010-01-01.add-alpha.md",
        "registry/classes/aa.family-class.md",
        "registry/jurisdictions/AA.md",
        "registry/matrix.md",
        "registry/index.md",
    ):
        assert key in pages
    assert all(reg.digest in text for text in pages.values())
    alpha = pages["registry/substances/alpha.md"]
    assert 'class="sl-timeline"' in alpha and "moved" in alpha
    # list ids in the history are links to the lists' pages
    assert "[`aa.drugs`](../lists/aa.drugs.md) → [`aa.drugs-2`](../lists/aa.drugs-2.md)" in alpha
    assert "registry/substances/alpha.yaml" in alpha


def _history_rows(page: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a substance page's history table, as text."""
    section = page.split("## History", 1)[1].split("</div>", 1)[0]
    lines = [ln for ln in section.splitlines() if ln.startswith("|") and not ln.startswith("|---")]
    cells = [[c.strip() for c in ln.strip("|").split(" | ")] for ln in lines]
    return cells[0], cells[1:]


def test_history_puts_the_citation_second_and_a_shared_jurisdiction_above() -> None:
    """On a phone the first columns are in view: the instrument (the citation) comes right after the date,
    and a jurisdiction that every row shares is said once above the table rather than in a column."""
    reg = Registry.from_path(MINI)
    page = registry_pages(reg, today=dt.date(2020, 1, 1))["registry/substances/alpha.md"]
    head, rows = _history_rows(page)
    assert head == ["date", "instrument", "event", "list", "detail"]
    assert rows[0][0] == "2010-01-01" and "(../instruments/aa.2010-01-01.add-alpha.md)" in rows[0][1]
    assert '<p class="sl-caption">Every event below is in AA.</p>' in page


def test_history_keeps_the_jurisdiction_column_when_rows_differ() -> None:
    from schedlib.site import _history_block

    events = list(Registry.from_path(MINI).history("alpha"))
    events[1] = dataclasses.replace(events[1], jurisdiction="BB")
    block = "\n".join(_history_block(events))
    head, rows = _history_rows("## History\n" + block)
    assert head == ["date", "instrument", "J", "event", "list", "detail"]
    assert [r[2] for r in rows] == ["AA", "BB"]
    assert "sl-caption" not in block


def test_registry_text_is_escaped_in_pages(tmp_path: Path) -> None:
    root = tmp_path / "r"
    shutil.copytree(MINI, root)
    (root / "substances" / "alpha.yaml").write_text('id: alpha\nname: "<b>Alpha</b> | x"\nfamilies: [test-family]\n')
    pages = registry_pages(Registry.from_path(root), today=dt.date(2020, 1, 1))
    text = pages["registry/substances/alpha.md"]
    assert "<b>Alpha</b>" not in text and "&#60;b&#62;Alpha&#60;&#47;b&#62; &#124; x" in text
    assert 'title: "&lt;b&gt;Alpha&lt;/b&gt; | x"' in text  # the title is HTML in the theme's navigation


@pytest.mark.parametrize("name", HOSTILE)
def test_md_text_shows_any_text_verbatim(name: str) -> None:
    out = _site_markdown().convert(f"# {md_text(name)}\n\n| a | b |\n|---|---|\n| {md_text(name)} | [{md_text(name)}](x.md) |\n")
    text, tags = _text_and_tags(out)
    assert text.count(" ".join(name.split())) == 3, out
    assert tags.count("a") == 1 and not {"em", "strong", "code", "b", "img", "del", "mark", "sup"} & set(tags), out


def test_every_name_of_every_substance_appears_verbatim(tmp_path: Path) -> None:
    """All pages of a registry whose names are full of Markdown: each name is in its page's text as written."""
    reg = Registry.from_path(_hostile_registry(tmp_path))
    pages = registry_pages(reg, today=dt.date(2020, 1, 1), matrix_days=[dt.date(2012, 1, 1)])
    for sid, s in reg.substances.items():
        page_html = _site_markdown().convert(_body(pages[f"registry/substances/{sid}.md"]))
        text, tags = _text_and_tags(page_html)
        for name in [s.name, *(n.name for n in s.synonyms)]:
            assert " ".join(name.split()) in text, (sid, name)
        assert not {"em", "strong", "img", "b"} & set(tags), sid
        # the only links are the registry's own: lists, instruments, substances
        hrefs = re.findall(r'href="([^"]+)"', page_html)
        assert all(h.startswith(("../lists/", "../instruments/", "../substances/", "#")) for h in hrefs), hrefs
    # the name is the page's title (HTML, for the theme's navigation) and its names are search tags, as written
    yaml = pytest.importorskip("yaml")
    front = pages["registry/substances/alpha.md"].split("\n---\n", 1)[0].removeprefix("---\n")
    meta = yaml.safe_load(front)
    assert html.unescape(meta["title"]) == HOSTILE[0] and "<" not in meta["title"]
    assert set(HOSTILE[1:]) <= set(meta["tags"])
    # the same names on the list, instrument, matrix and by-initial pages
    for key in ("registry/lists/aa.drugs.md", "registry/instruments/aa.2010-01-01.add-alpha.md", "registry/matrix.md"):
        text, _ = _text_and_tags(_site_markdown().convert(_body(pages[key])))
        assert HOSTILE[0] in text, key


def test_not_covered_reads_the_same_everywhere() -> None:
    reg = Registry.from_path(MINI)
    pages = registry_pages(reg, today=dt.date(2020, 1, 1), matrix_days=[dt.date(2012, 1, 1)])
    joined = "\n".join(pages.values())
    assert "not-covered" not in joined.replace("`not-covered`", "")
    assert "✘ not-covered" not in joined
    matrix = pages["registry/matrix.md"]
    legend = matrix.index("**Legend**")
    assert legend < matrix.index("| substance |"), "the legend comes before the first table"
    assert "? not covered" in matrix[legend:]


def test_tables_and_timelines_are_left_out_of_the_search_index() -> None:
    reg = Registry.from_path(MINI)
    pages = registry_pages(reg, today=dt.date(2020, 1, 1))
    alpha = _body(pages["registry/substances/alpha.md"])
    for heading in re.findall(r"^## .*$", alpha, re.M):
        assert heading.endswith("{ data-search-exclude }"), heading
    out = _site_markdown().convert(alpha)
    assert re.search(r"<h2 [^>]*data-search-exclude", out), out


def test_overview_is_split_by_initial() -> None:
    reg = Registry.from_path(MINI)
    pages = registry_pages(reg, today=dt.date(2020, 1, 1))
    index = pages["registry/index.md"]
    assert "(substances/" not in index, "the overview links pages by initial, not every substance"
    by_initial = {k: v for k, v in pages.items() if k.startswith("registry/names/")}
    assert by_initial
    for sid in reg.substances:
        holders = [k for k, v in by_initial.items() if f"(../substances/{sid}.md)" in v]
        assert len(holders) == 1, (sid, holders)
        assert f"names/{Path(holders[0]).name}" in index


def test_docs_hooks_and_nav() -> None:
    """The site's configuration: hooks not published, no web fonts, a navigation in four parts."""
    yaml = pytest.importorskip("yaml")

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert "hooks/" in cfg["exclude_docs"]
    assert cfg["theme"]["font"] is False
    assert "content.code.copy" in cfg["theme"]["features"]
    parts = [next(iter(item)) for item in cfg["nav"]]
    assert parts[1:5] == ["Tutorial", "How-to guides", "Reference", "Explanation"]
    assert "site_url" in cfg and "repo_url" in cfg


def test_the_api_page_names_every_field_of_an_answer() -> None:
    from schedlib.answers import Status

    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    status_line = api.split("- `Status`:", 1)[1].split("\n- ", 1)[0]
    fields = [f for f in Status.__annotations__ if not f.startswith("_")] + ["explanation"]
    missing = [f for f in fields if f"`{f}`" not in status_line]
    assert not missing, f"docs/api.md omits Status fields {missing}"
