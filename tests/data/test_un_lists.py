"""UN lists: the questions of issue 16, answered as the registry can answer them today.

What holds: fentanyl (2000), heroin and cocaine (2020) are controlled in UN, cited to the 1961 consolidation of
1982-02-08 (a lower bound: in force by that day); heroin and cocaine are EU drugs through the Framework Decision.

What does not hold yet, and why (pinned so that a change is a conscious one):
- no Yellow or Green List edition could be read in full, so no UN 1961/1971 list is complete on any day;
- the 1971 decisions on GHB (Schedule IV to II, 2013) and mephedrone (Schedule II, 2015) take effect 180 days after
  the Secretary-General's communication (art. 2(7)), and no communication date was found, so neither is encoded;
- so GHB, mephedrone and ketamine answer "cannot say" (not covered) in UN, never "not controlled".
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain import assert_controlled, reg

UN_DRUG_LISTS = (
    "un.1961.schedule-i",
    "un.1961.schedule-ii",
    "un.1961.schedule-iii",
    "un.1961.schedule-iv",
    "un.1971.schedule-i",
    "un.1971.schedule-ii",
    "un.1971.schedule-iii",
    "un.1971.schedule-iv",
)
CONSOLIDATION_1982 = "un.1982-02-08.1961-schedules"


def test_fentanyl_is_controlled_in_un_in_2000_in_force_by_the_1982_consolidation() -> None:
    assert_controlled("fentanyl", "UN", from_="1982-02-08", before="not-covered", in_list="un.1961.schedule-i")
    st = reg().status("fentanyl", "UN", "2000-01-01")
    assert st.controlled is True and st.lists == ("un.1961.schedule-i",)
    assert st.since_exact is False  # evidence, not an event: in force by 1982-02-08, start unknown
    assert CONSOLIDATION_1982 in {c.instrument for c in st.citations}


@pytest.mark.parametrize("name", ["heroin", "cocaine"])
@pytest.mark.parametrize("jurisdiction", ["UN", "EU"])
def test_heroin_and_cocaine_are_controlled_in_un_and_eu_in_2020_with_citations(name: str, jurisdiction: str) -> None:
    st = reg().status(name, jurisdiction, "2020-01-01")
    assert st.controlled is True, st.explanation
    cited = {c.instrument for c in st.citations}
    assert CONSOLIDATION_1982 in cited, cited  # the EU answer cites the UN act it incorporates, too
    if jurisdiction == "EU":
        assert st.lists == ("eu.fd-2004-757.un-conventions",)


@pytest.mark.parametrize(
    ("name", "day"),
    [("mephedrone", "2016-06-01"), ("gamma-hydroxybutyrate", "2020-01-01"), ("ketamine", "2025-01-01")],
)
def test_substances_on_no_encoded_un_list_answer_cannot_say_not_never(name: str, day: str) -> None:
    st = reg().status(name, "UN", day)
    assert st.controlled is None and st.reason == "not-covered", st.explanation
    assert not st.lists
    assert set(UN_DRUG_LISTS) <= set(st.uncovered_lists)


@pytest.mark.parametrize("name", ["mephedrone", "gamma-hydroxybutyrate", "ketamine"])
def test_no_un_instrument_lists_mephedrone_ghb_or_ketamine(name: str) -> None:
    # GHB and mephedrone wait for the communication dates of their 1971 decisions; ketamine was never scheduled.
    r = reg()
    sid = r.find(name).id
    for iid, inst in r.instruments.items():
        if inst.jurisdiction != "UN":
            continue
        for action in inst.actions:
            ids = {getattr(s, "substance", s) for s in getattr(action, "substances", ())}
            assert sid not in ids, f"{iid} lists {sid}: encode it with its in-force date and update this test"


@pytest.mark.parametrize("list_id", UN_DRUG_LISTS)
def test_a_un_drug_list_claims_completeness_only_with_a_reconciled_edition(list_id: str) -> None:
    cov = reg().lists[list_id].coverage
    if cov.complete_from is None:
        assert cov.edition is None
        return
    assert cov.edition is not None, f"{list_id}: complete_from without an edition that backs it"
    ed = reg().editions[cov.edition]
    assert ed.date <= cov.complete_from and list_id in {el.list for el in ed.lists}


def test_no_un_drug_list_is_complete_today() -> None:
    # No Yellow or Green List edition was readable in full (the stored copies show only their first page), so the
    # counts of today cannot be checked against an edition; the latest reconciled editions are of 1982 and 1988.
    r = reg()
    assert all(r.lists[lid].coverage.complete_from is None for lid in UN_DRUG_LISTS)
    latest = max(ed.date for ed in r.editions.values() if any(el.list in UN_DRUG_LISTS for el in ed.lists))
    assert latest == dt.date(1988, 10, 12)


def test_isotonitazene_vote_day_is_computed_from_the_unodc_closing_statement() -> None:
    inst = reg().instruments["un.2021-04.cnd-64-isotonitazene"]
    signed = inst.dates.signed
    assert signed is not None and str(signed.date) == "2021-04-14" and signed.confidence == "computed"
    assert "un.unodc.speech-2021-04-16" in {s.source for s in inst.sources}
    # The in-force day stays unknown (art. 3(7): on receipt of the communication): the month stands in, uncertain.
    assert inst.dates.effective.date.precision == "month"
