"""The mkdocs plugin renders cited answers, escapes registry text, and fails the build on bad queries."""

from __future__ import annotations

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
