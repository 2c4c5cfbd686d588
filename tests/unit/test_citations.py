"""Citations in four styles: CSL-JSON parses, BibTeX has the keys it needs, text and Markdown name the registry."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from schedlib.errors import InvalidQueryError
from schedlib.registry import Registry

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.from_path(MINI)


def test_csl_json_round_trips(reg: Registry) -> None:
    st = reg.status("gamma", "AA", "2014-06-01")
    items = json.loads(reg.cite(st, style="csl-json"))
    assert [i["id"] for i in items] == ["aa-2012-01-01-temp-gamma", "aa-2013-06-01-extend-gamma", "schedlib-registry-2000.1"]
    for item in items:
        assert {"id", "type", "title"} <= set(item)
    assert items[0]["issued"]["date-parts"] == [[2012, 1, 1]]
    assert items[-1]["type"] == "dataset" and reg.digest in items[-1]["note"]


def test_bibtex_has_keys_and_balanced_braces(reg: Registry) -> None:
    bib = reg.cite(reg.status("alpha", "AA", "2011-01-01"), style="bibtex")
    entries = re.findall(r"@misc\{([^,]+),", bib)
    assert entries == ["aa-2010-01-01-add-alpha", "schedlib-registry-2000.1"]
    for field in ("title", "author", "year"):
        assert re.search(rf"^  {field} = \{{", bib, re.M)
    assert bib.count("{") == bib.count("}")


def test_text_and_markdown(reg: Registry) -> None:
    gap = reg.gap("AA", "BB", "2016-06-01")
    text = reg.cite(gap)
    assert "Adds alpha" in text and text.splitlines()[-1].startswith("schedlib registry 2000.1")
    md = reg.cite(gap, style="markdown")
    assert md.splitlines()[0].startswith("1. ")
    assert reg.cite("aa.2010-01-01.add-alpha", include_registry=False).startswith("Ministry of A. Adds alpha.")
    with pytest.raises(InvalidQueryError):
        reg.cite(gap, style="apa")
    with pytest.raises(InvalidQueryError):
        reg.cite("no.such-instrument")


def test_every_style_carries_the_address(reg: Registry) -> None:
    # The mini instrument has no url of its own: its primary source's address is cited.
    st = reg.status("alpha", "AA", "2011-01-01")
    address = "https://gazette.aa.example/2010/1"
    assert address in reg.cite(st)
    assert f"<{address}>" in reg.cite(st, style="markdown")
    assert f"url = {{{address}}}" in reg.cite(st, style="bibtex")
    assert json.loads(reg.cite(st, style="csl-json"))[0]["URL"] == address


def test_secondary_citation_lists_each_source_with_its_address() -> None:
    from schedlib.registry import Registry as R

    real = R.from_path(Path(__file__).resolve().parents[2] / "registry")
    text = real.cite("cn.2019-05-01.fentanyl-class", include_registry=False)
    assert "Official text not seen; known from:" in text
    assert "http://shanghaiinvest.com/cn/viewfile.php?id=13701" in text
    assert "kanguv" not in text


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("83 FR 5188", {("FR", "83:5188")}),
        ("83 Fed. Reg. 5188", {("FR", "83:5188")}),
        ("FR Doc. 2022-25212", {("FR Doc", "2022-25212")}),
        ("Pub. L. 117-43", {("Pub. L.", "117:43")}),
        ("SOR/2017-278", {("SOR", "SOR:2017:278")}),
        ("CND decisions 67/6, 67/7", {("CND decision", "67/6"), ("CND decision", "67/7")}),
        ("OJ L 123, 19.5.2018, p. 4", {("OJ", "L:123:19.5.2018")}),
        ("(EU) 2018/1023", {("EU act", "2018:1023")}),
        ("Council Decision 2008/206/JHA", {("EU act", "2008:206")}),
        ("E/CN.7/2018/10", {("UN symbol", "E/CN.7/2018/10")}),
        ("2015年第10号", {("CN number", "2015:10")}),
        ("公通字〔2015〕27号", {("CN number", "2015:27")}),
        ("carfentanil", set()),
    ],
)
def test_citation_keys(query: str, keys: set[tuple[str, str]]) -> None:
    from schedlib.citations import citation_keys

    assert citation_keys(query) == keys


def test_cite_finds_instruments_by_their_citation() -> None:
    from schedlib.citations import find_instruments

    real = Registry.from_path(Path(__file__).resolve().parents[2] / "registry")
    assert find_instruments(real, "83 FR 5188") == ["us.2018-02-06.frs-temporary-order"]
    assert find_instruments(real, "2015年第10号") == ["cn.2015-05-01.codeine-oral-liquids"]
    assert find_instruments(real, "CND decision 67/7") == ["un.2024-12-03.cnd-67-6-7"]
    assert "ca.2016-11-30.sor-2016-294" in find_instruments(real, "SOR/2016-294")
    with pytest.raises(InvalidQueryError, match=r"closest in the registry: 83 FR 5188"):
        find_instruments(real, "83 FR 5189")
    with pytest.raises(InvalidQueryError, match="not a citation schedlib can read"):
        find_instruments(real, "fentanyl")


def test_cite_command_by_citation(capsys: pytest.CaptureFixture[str]) -> None:
    from schedlib.cli import main

    root = str(Path(__file__).resolve().parents[2] / "registry")
    assert main(["--registry", root, "cite", "83 FR 5188"]) == 0
    out = capsys.readouterr().out
    assert "83 FR 5188" in out and "https://www.federalregister.gov/d/2018-02319" in out
    assert main(["--registry", root, "cite", "83 FR 5189"]) == 2
    assert "83 FR 5188" in capsys.readouterr().err
