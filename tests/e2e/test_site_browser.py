"""The documentation site, opened in headless Chromium at a desktop (1280 px) and a phone (390 px) width.

For the home page, a substance page, a list page, the claims page and the API reference: the content is
in the rendered page, nothing is wider than a phone's screen, and a screenshot of each is written to
``$SCHEDLIB_SCREENSHOTS`` (default: a temporary directory) for a person to look at. The search finds the
right page first for a Chinese name, a Chinese name that is part of longer ones, and a CAS RN.
Skips with a reason where Chromium or mkdocs is missing.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from sitekit import Browser

pytest.importorskip("mkdocs", reason="mkdocs is in the docs extra")
pytestmark = pytest.mark.browser

PAGES = {
    "": ["schedlib answers, with citations", "Getting started"],
    "registry/substances/carfentanil/": ["Carfentanil", "卡芬太尼", "2017-03-01", "cn.nps-supplementary", "Timeline"],
    "registry/lists/cn.non-medical/": ["Coverage", "Members on", "Carfentanil"],
    "claims/": ["Controlled", "Answer from schedlib registry"],
    "reference/": ["schedlib", "Registry", "-> Registry", "Raises:"],
}

# What a page's text must not show: reST markup (roles, and "::" before a literal block) that the API
# reference rendered raw before its docstrings were written for mkdocstrings (Google style, Markdown).
REST_ROLE = re.compile(r":(?:class|meth|attr|func|data|mod|exc|ref):`|\w::$", re.M)


def _overflow(browser: Browser) -> list[str]:
    """The page's width beyond the viewport, and the elements sticking out of it (none when all fits)."""
    return list(
        browser.js(
            """(() => {
              const w = document.documentElement.clientWidth, out = [];
              if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth + ' > ' + w);
              for (const el of document.querySelectorAll('article *')) {
                if (el.closest('.md-typeset__scrollwrap, pre, .md-typeset__table, .highlight')) continue;
                const r = el.getBoundingClientRect();
                if (r.width && r.right > w + 1) out.push(el.tagName + '.' + el.className + ' ends at ' + Math.round(r.right));
                if (out.length > 5) break;
              }
              return out;
            })()"""
        )
    )


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_and_fits(browser: Browser, site_url: str, shots: Path, path: str, width: int) -> None:
    browser.open(f"{site_url}/{path}", width)
    text = browser.js("document.body.innerText")
    for needle in PAGES[path]:
        assert needle in text, f"{path or 'home'} at {width} px: {needle!r} not on the page"
    assert not REST_ROLE.search(text), f"{path or 'home'}: raw reST {REST_ROLE.search(text)}"
    if width == 390:
        assert _overflow(browser) == [], f"{path or 'home'} is wider than a phone"
    browser.screenshot(shots / f"{(path.strip('/') or 'home').replace('/', '_')}-{width}.png")
    assert not browser.js('[...document.querySelectorAll(\'link[href^="http"],script[src^="http"]\')].length')


def test_timeline_text_is_readable_on_a_phone(browser: Browser, site_url: str) -> None:
    browser.open(f"{site_url}/registry/substances/carfentanil/", 390)
    sizes = browser.js(
        "[...document.querySelectorAll('.sl-timeline .sl-tl-label, .sl-timeline .sl-tl-year')]"
        ".filter(e => e.offsetParent).map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 11, sizes
    widths = browser.js("[...document.querySelectorAll('.sl-timeline .sl-tl-track')].map(e => e.getBoundingClientRect().width)")
    assert widths and min(widths) > 300, "a phone shows each bar across the screen's width"


def test_long_tables_filter_and_sort(browser: Browser, site_url: str) -> None:
    browser.open(f"{site_url}/registry/lists/cn.non-medical/", 1280)
    rows = "document.querySelectorAll('.sl-filter table tbody tr:not([hidden])').length"
    total = browser.js(rows)
    assert total > 100
    browser.js(
        "(() => { const b = document.querySelector('.sl-filter-box'); b.value = 'carfentanil';"
        " b.dispatchEvent(new Event('input')); return true })()"
    )
    assert 0 < browser.js(rows) < total
    browser.js("document.querySelector('.sl-filter table th').click()")
    first = browser.js("document.querySelector('.sl-filter table th').getAttribute('aria-sort')")
    assert first == "ascending"


def _search(browser: Browser, query: str) -> list[str]:
    browser.js(
        "(() => { const i = document.querySelector('input.md-search__input'); i.focus(); i.value = "
        + json.dumps(query)
        + "; i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));"
        " return true })()"
    )
    deadline = time.monotonic() + 20
    hrefs: list[str] = []
    while time.monotonic() < deadline:
        hrefs = browser.js("[...document.querySelectorAll('.md-search-result__item > a')].map(a => a.pathname)")
        if hrefs:
            time.sleep(0.5)  # let the list settle
            return list(browser.js("[...document.querySelectorAll('.md-search-result__item > a')].map(a => a.pathname)"))
        time.sleep(0.2)
    return hrefs


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("卡芬太尼", "/registry/substances/carfentanil/"),
        ("芬太尼", "/registry/substances/fentanyl/"),
        ("59708-52-0", "/registry/substances/carfentanil/"),
    ],
)
def test_search_finds_the_right_page_first(browser: Browser, site_url: str, query: str, first: str) -> None:
    browser.open(f"{site_url}/", 1280)
    results = _search(browser, query)
    assert results, f"no result for {query}"
    assert results[0] == first, (query, results[:5])


# The navigation's "Registry" section: whether it is expanded, and which of its links are highlighted (the
# colour of a link the theme marks active is the typeset link colour; others keep the default text colour).
_NAV_STATE = """(() => {
  const a = [...document.querySelectorAll('.md-sidebar--primary a.md-nav__link')]
    .find(a => a.pathname.endsWith('/registry/') && a.closest('.md-nav__container'));
  if (!a) return null;
  const li = a.closest('li.md-nav__item--nested'), toggle = li.querySelector(':scope > input.md-nav__toggle');
  const plain = getComputedStyle(document.querySelector('.md-sidebar--primary .md-nav__link:not(.md-nav__link--active)')).color;
  const lit = [...li.querySelectorAll('a.md-nav__link')].filter(x => getComputedStyle(x).color !== plain).map(x => x.pathname);
  return {expanded: toggle.checked, active: li.classList.contains('md-nav__item--active'), lit};
})()"""


@pytest.mark.parametrize(
    "path",
    [
        "registry/substances/carfentanil/",
        "registry/lists/cn.non-medical/",
        "registry/instruments/un.1982-02-08.1961-schedules/",
        "registry/classes/cn.fentanyl-related-substances/",
        "registry/jurisdictions/CN/",
        "registry/names/c/",
    ],
)
def test_generated_pages_highlight_the_registry_overview_in_the_navigation(browser: Browser, site_url: str, path: str) -> None:
    """A generated page is not in the navigation (there are 1,300); the reader still sees where they are:
    the "Registry" section is expanded and its overview link is the one highlighted."""
    browser.open(f"{site_url}/{path}", 1280)
    state = browser.js(_NAV_STATE)
    assert state is not None, "no Registry section with an overview link in the navigation"
    assert state["expanded"] and state["active"], (path, state)
    assert [p.rstrip("/").rsplit("/", 1)[-1] for p in state["lit"]] == ["registry"], (path, state)


def test_pages_in_the_navigation_highlight_only_themselves(browser: Browser, site_url: str) -> None:
    """On the matrix page (inside the Registry section) the matrix link is highlighted, not the overview."""
    browser.open(f"{site_url}/registry/matrix/", 1280)
    state = browser.js(_NAV_STATE)
    assert state["expanded"], state
    assert [p.rstrip("/").rsplit("/", 1)[-1] for p in state["lit"]] == ["matrix"], state
    browser.open(f"{site_url}/getting-started/", 1280)
    assert browser.js(_NAV_STATE)["lit"] == []


def test_history_keeps_the_citation_in_view_on_a_phone(browser: Browser, site_url: str) -> None:
    """At 390 px a substance's history shows each row's date and instrument without scrolling sideways."""
    browser.open(f"{site_url}/registry/substances/carfentanil/", 390)
    cells = browser.js(
        """(() => {
          const w = document.documentElement.clientWidth;
          const t = document.querySelector('.sl-history table');
          const heads = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
          const col = heads.indexOf('instrument');
          return {heads, w, rights: [...t.querySelectorAll('tbody tr')].map(tr => tr.children[col].getBoundingClientRect().right)};
        })()"""
    )
    assert cells["heads"][:2] == ["date", "instrument"], cells["heads"]
    assert cells["rights"] and max(cells["rights"]) <= cells["w"], cells
