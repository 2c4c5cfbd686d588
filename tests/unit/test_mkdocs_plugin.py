"""The mkdocs plugin renders cited answers, escapes registry text, and fails the build on bad queries."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

mkdocs = pytest.importorskip("mkdocs", reason="mkdocs is in the docs extra")
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, PluginError  # noqa: E402

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _site(tmp_path: Path, page: str, registry: Path | None = None) -> Path:
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURES / "mkdocs-site", site)
    reg = registry or FIXTURES / "mini"
    (site / "mkdocs.yml").write_text(f"site_name: t\nplugins:\n  - schedlib:\n      registry: {reg}\n")
    (site / "docs" / "index.md").write_text(page, encoding="utf-8")
    return site


def _build(site: Path) -> str:
    cfg = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "out"))
    build(cfg)
    return (site / "out" / "index.html").read_text(encoding="utf-8")


def test_answers_render_with_citations_and_stamp(tmp_path: Path) -> None:
    html = _build(_site(tmp_path, (FIXTURES / "mkdocs-site" / "docs" / "index.md").read_text()))
    assert html.count('class="schedlib-citations"') == 4
    assert "Adds alpha" in html and "registry 2000.1" in html
    assert "moved" in html and "expired" in html


def test_registry_text_is_escaped(tmp_path: Path) -> None:
    reg = tmp_path / "reg"
    shutil.copytree(FIXTURES / "mini", reg)
    p = reg / "instruments" / "aa" / "2010-01-01.add-alpha.yaml"
    p.write_text(p.read_text().replace("title: Adds alpha", 'title: "Adds <script>alert(1)</script> alpha"'))
    html = _build(_site(tmp_path, "```schedlib\nstatus alpha --in AA --on 2011-01-01\n```\n", reg))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("status gamm --in AA --on 2011-01-01", "suggestions: Gamma"),
        ("status alpha --in AA --on 2011-02-30", "not a real calendar date"),
        ("frobnicate alpha", "query must start with"),
    ],
)
def test_bad_query_fails_build_with_page_and_line(
    tmp_path: Path, query: str, needle: str, caplog: pytest.LogCaptureFixture
) -> None:
    site = _site(tmp_path, f"# Title\n\nText.\n\n```schedlib\n{query}\n```\n")
    with pytest.raises((PluginError, Abort)) as info:
        _build(site)
    message = str(info.value) + "\n" + caplog.text
    assert "index.md:5" in message and needle in message


def test_answers_sit_in_the_themes_scroll_container_with_constant_columns_in_the_caption(tmp_path: Path) -> None:
    html = _build(_site(tmp_path, "```schedlib\ncontrolled AA --on 2011-01-01\n```\n"))
    tables = re.findall(
        r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table class="schedlib">(.*?)</table>', html, re.S
    )
    assert tables, html
    head = re.findall(r"<th>(.*?)</th>", tables[0])
    assert "Jurisdiction" not in head and "On" not in head
    assert "<caption>Jurisdiction: AA; On: 2011-01-01</caption>" in tables[0]


def test_answer_markup_is_not_read_as_markdown(tmp_path: Path) -> None:
    """The answer's HTML is put in after Markdown ran: registry text with Markdown in it stays text."""
    reg = tmp_path / "reg"
    shutil.copytree(FIXTURES / "mini", reg)
    p = reg / "instruments" / "aa" / "2010-01-01.add-alpha.yaml"
    p.write_text(p.read_text().replace("title: Adds alpha", 'title: "Adds *alpha* [1,2,4](x.md) _b_"'))
    html = _build(_site(tmp_path, "```schedlib\nstatus alpha --in AA --on 2011-01-01\n```\n", reg))
    assert "Adds *alpha* [1,2,4](x.md) _b_" in html
    assert "<em>alpha</em>" not in html and 'href="x.md"' not in html and "schedlib-answer-slot" not in html


def test_lang_is_a_language_and_the_digest_is_whole() -> None:
    from schedlib.mkdocs_plugin import present

    digest = "ab" * 32
    html = present(f'<span lang="cn">(标题)</span><p>digest <code>{digest[:16]}</code>.</p>', digest, {"CN": "zh"})
    assert 'lang="zh"' in html and 'lang="cn"' not in html
    assert f"<code>{digest}</code>" in html


def test_a_column_that_varies_stays() -> None:
    from schedlib.mkdocs_plugin import present

    table = (
        '<table class="schedlib"><thead><tr><th>Substance</th><th>Jurisdiction</th><th>On</th></tr></thead>'
        "<tbody><tr><td>a</td><td>AA</td><td>2011-01-01</td></tr><tr><td>b</td><td>BB</td><td>2011-01-01</td></tr></tbody></table>"
    )
    out = present(table, "", {})
    assert "<th>Jurisdiction</th>" in out and "<td>BB</td>" in out
    assert "<th>On</th>" not in out and "<caption>On: 2011-01-01</caption>" in out


# ---------------------------------------------------------------------------- every query, every place


def _site_with(tmp_path: Path, page: str) -> Path:
    """A site whose Markdown has admonitions, as most mkdocs sites do."""
    site = _site(tmp_path, page)
    cfg = site / "mkdocs.yml"
    cfg.write_text(cfg.read_text() + "markdown_extensions:\n  - admonition\n")
    return site


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        ("first alpha beta --in AA,BB", "First control known to the registry"),
        ("coverage AA --on 2011-01-01", "Coverage of the lists of AA on 2011-01-01"),
        ("status alpha --in AA,BB --on 2011-01-01", "Alpha in AA, BB on 2011-01-01"),
        ("status alpha --in AA --on=2011-01-01", "since 2010-01-01"),
        ("controlled AA --on 2011-01-01 --in-list aa.drugs", "Controlled in AA on 2011-01-01"),
        ("find alpha", "<td>Id</td><td>alpha</td>"),
    ],
)
def test_the_command_lines_queries_render(tmp_path: Path, query: str, needle: str) -> None:
    html = _build(_site(tmp_path, f"```schedlib\n{query}\n```\n"))
    assert needle in html, html
    assert "schedlib-answer-" not in html.replace("schedlib-answer\"", "")


def test_a_block_in_an_admonition_or_a_list_item_is_rendered_in_place(tmp_path: Path) -> None:
    page = (
        "# T\n\n!!! note \"Checked\"\n\n    Text.\n\n    ```schedlib\n    status alpha --in AA --on 2011-01-01\n    ```\n\n"
        "1. First step.\n\n    ```schedlib\n    history gamma --in AA\n    ```\n\n2. Second step.\n"
    )
    html = _build(_site_with(tmp_path, page))
    assert html.count('class="schedlib-answer"') == 2, html
    note = html.split('class="admonition note"')[1].split("</div>\n")[0]
    assert 'class="schedlib-answer"' in note  # inside the admonition
    item = html.split("<li>")[1].split("</li>")[0]
    assert "History of Gamma in AA" in item  # inside the list item
    assert "```schedlib" not in html and "status alpha --in AA" not in html


@pytest.mark.parametrize(
    ("page", "line", "needle"),
    [
        ("# T\n\n```schedlib\nstatus alpha --in AA --on 2011-01-01 --json\n```\n", 3, "--json"),
        ("# T\n\n```schedlib\nfirst --in AA\n```\n", 3, "at least one name"),
        ("# T\n\nText.\n\n> ```schedlib\n> status alpha --in AA --on 2011-01-01\n> ```\n", 5, "must start its line"),
        ("# T\n\n```{.schedlib title=x}\nstatus alpha --in AA --on 2011-01-01\n```\n", 3, "plain `schedlib`"),
        ("# T\n\n```schedlib\nstatus alpha --in AA --on 2011-01-01\n", 3, "not closed"),
    ],
)
def test_an_unsupported_form_is_a_build_error_with_page_and_line(
    tmp_path: Path, page: str, line: int, needle: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises((PluginError, Abort)) as info:
        _build(_site_with(tmp_path, page))
    message = str(info.value) + "\n" + caplog.text
    assert f"index.md:{line}" in message and needle in message, message
