"""Editions: official consolidated lists reconciled with the fold of the instruments (mini registry)."""

from __future__ import annotations

from pathlib import Path

from domain import errors_of
from schedlib.editions import editions_of_list
from schedlib.loader import read_registry
from schedlib.registry import Registry

EDITION = "editions/aa/consolidation.2013.yaml"


def test_mini_edition_is_read_and_reconciles(mini: Path) -> None:
    assert errors_of(mini) == []
    reg = Registry.from_path(mini, cache=False)
    ed = reg.editions["aa.consolidation.2013"]
    assert str(ed.date) == "2013-01-01"
    assert [e.substance for e in ed.lists[0].entries] == ["alpha", "gamma"]
    data, _ = read_registry(mini)
    assert data is not None
    assert [e.id for e in editions_of_list(data, "aa.drugs")] == ["aa.consolidation.2013"]
    assert editions_of_list(data, "aa.drugs-2") == ()


def test_dropping_an_instrument_is_an_edition_error_at_its_line(mini: Path) -> None:
    # Without the temporary control (and its extension), gamma is no longer on aa.drugs on 2013-01-01.
    (mini / "instruments/aa/2012-01-01.temp-gamma.yaml").unlink()
    (mini / "instruments/aa/2013-06-01.extend-gamma.yaml").unlink()
    errors = errors_of(mini)
    assert [str(e) for e in errors] == [
        f"{EDITION}:10: edition 'aa.consolidation.2013' lists 'gamma' on aa.drugs, but the instruments folded to "
        "2013-01-01 do not; encode the instrument that lists it (or an in-force-by edition instrument), "
        "or record a cited exception"
    ]


def test_the_day_counts(mini: Path) -> None:
    # On 2012-01-01 gamma is listed (temporary control in force that day); on 2011-12-31 it is not.
    p = mini / EDITION
    p.write_text(p.read_text().replace("2013-01-01", "2012-01-01"))
    assert errors_of(mini) == []
    p.write_text(p.read_text().replace("2012-01-01", "2011-12-31"))
    assert [e.message.split(",")[0] for e in errors_of(mini)] == ["edition 'aa.consolidation.2013' lists 'gamma' on aa.drugs"]


def test_a_cited_exception_explains_a_difference(mini: Path) -> None:
    p = mini / EDITION
    text = p.read_text().replace('      - {substance: gamma, name_as_listed: "Gamma", entry: "2"}\n', "")
    assert errors_of(mini) == []  # the file is unchanged so far
    p.write_text(text)
    assert ["'gamma' is on aa.drugs" in e.message for e in errors_of(mini)] == [True]
    p.write_text(
        text.replace(
            "note:",
            "exceptions:\n  - {list: aa.drugs, substance: gamma, kind: other, text: temporary controls are printed apart,"
            " sources: [{source: aa.gazette, locator: p. 2}]}\nnote:",
        )
    )
    assert errors_of(mini) == []


def test_after_a_transfer_the_edition_must_follow(mini: Path) -> None:
    # On 2016-06-01 alpha is on aa.drugs-2 (transferred on 2016-01-01), gamma has expired, delta is a class member.
    p = mini / EDITION
    p.write_text(
        p.read_text()
        .replace("2013-01-01", "2016-06-01")
        .replace("  - list: aa.drugs\n", "  - list: aa.drugs-2\n")
        .replace('      - {substance: gamma, name_as_listed: "Gamma", entry: "2"}\n', "")
    )
    assert errors_of(mini) == []
    p.write_text(p.read_text().replace("  - list: aa.drugs-2\n", "  - list: aa.drugs\n"))
    messages = [e.message for e in errors_of(mini)]
    assert len(messages) == 1 and "lists 'alpha' on aa.drugs, but" in messages[0]


def test_edition_of_another_jurisdiction_cannot_state_a_list(mini: Path) -> None:
    p = mini / EDITION
    p.write_text(p.read_text().replace("  - list: aa.drugs\n", "  - list: bb.drugs\n"))
    messages = [e.message for e in errors_of(mini)]
    assert "edition of AA cannot state list 'bb.drugs' of another jurisdiction" in messages


def test_a_list_stated_twice_and_an_entry_listed_twice(mini: Path) -> None:
    p = mini / EDITION
    text = p.read_text()
    p.write_text(
        text.replace('      - {substance: gamma, name_as_listed: "Gamma", entry: "2"}\n', "      - {substance: alpha}\n")
    )
    assert any("'alpha' is listed twice on aa.drugs" in e.message for e in errors_of(mini))
    p.write_text(text.replace("note:", "  - list: aa.drugs\n    entries: []\nnote:"))
    assert any("list 'aa.drugs' is stated twice" in e.message for e in errors_of(mini))


def test_coverage_backed_by_an_edition(mini: Path) -> None:
    p = mini / "lists/aa.yaml"
    p.write_text(
        p.read_text().replace(
            "complete_from: 2000-01-01\n      note",
            "complete_from: 2013-01-01\n      edition: aa.consolidation.2013\n      note",
            1,
        )
    )
    assert errors_of(mini) == []
    reg = Registry.from_path(mini, cache=False)
    assert reg.lists["aa.drugs"].coverage.edition == "aa.consolidation.2013"


def test_list_page_names_the_editions_it_was_reconciled_against(mini: Path) -> None:
    import datetime as dt

    from schedlib.site import registry_pages

    p = mini / "lists/aa.yaml"
    p.write_text(
        p.read_text().replace(
            "complete_from: 2000-01-01\n      note",
            "complete_from: 2013-01-01\n      edition: aa.consolidation.2013\n      note",
            1,
        )
    )
    reg = Registry.from_path(mini, cache=False)
    pages = registry_pages(reg, today=dt.date(2020, 1, 1), matrix_days=[dt.date(2012, 1, 1)])
    drugs = pages["registry/lists/aa.drugs.md"]
    assert "**Reconciled against**" in drugs
    assert "stating the law of 2013-01-01 (`aa.consolidation.2013`, 2 entries) — backs the coverage" in drugs
    assert "Reconciled against" not in pages["registry/lists/aa.drugs-2.md"]


def test_a_derivative_covered_by_a_listing_is_named_in_the_error(mini: Path) -> None:
    p = mini / EDITION
    p.write_text(p.read_text().replace("note:", "  - list: aa.drugs-2\n    entries: []\nnote:"))
    assert errors_of(mini) == []
    p.write_text(
        p.read_text()
        .replace('      - {substance: gamma, name_as_listed: "Gamma", entry: "2"}\n', "")
        .replace(
            '      - {substance: alpha, name_as_listed: "Alpha", entry: "1"}\n',
            '      - {substance: alpha, name_as_listed: "Alpha", entry: "1"}\n      - {substance: beta}\n      - {substance: gamma}\n',
        )
    )
    messages = [e.message for e in errors_of(mini)]
    assert len(messages) == 1, messages
    assert (
        "lists 'beta' on aa.drugs, but the instruments folded to 2013-01-01 do not (they hold it only as covered by"
        in messages[0]
    )
    assert "the listing of alpha, which editions do not compare)" in messages[0]
