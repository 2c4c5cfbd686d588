"""Dates corrected when the sources were replaced (issue 15): each pinned on both sides."""

from __future__ import annotations

import datetime as dt

from domain import assert_controlled, reg


def _cited(sub: str, j: str, day: str) -> set[str]:
    st = reg().status(sub, j, day)
    return {c.instrument for c in st.citations}


def _day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def test_tfmpp_extension_effective_on_publication() -> None:
    # 68 FR 53289: EFFECTIVE DATES: September 10, 2003 (DEA's booklet had 2003-09-20).
    iid = "us.2003-09-20.tfmpp-etc-extension"
    for sub in ("tfmpp", "benzylpiperazine", "2c-t-7"):
        assert iid not in _cited(sub, "US", "2003-09-09"), sub
        assert iid in _cited(sub, "US", "2003-09-10"), sub
    assert str(reg().instruments[iid].dates.effective.date) == "2003-09-10"


def test_18f_fp_cit_removed_thirty_days_after_publication() -> None:
    # 87 FR 70715 (published 2022-11-21): Effective December 21, 2022.
    st = reg().status("18f-fp-cit", "US", "2022-12-20")
    assert st.controlled and "us.csa.schedule-ii" in st.lists
    after = reg().status("18f-fp-cit", "US", "2022-12-21")
    assert not after.controlled and after.reason == "removed"


def test_n_desethyl_isotonitazene_permanent_from_2026_01_22() -> None:
    # 90 FR 59969 (published 2025-12-23): Effective January 22, 2026; the temporary order covers the days before.
    iid = "us.2025-12-23.n-desethyl-isotonitazene-etonitazepipne"
    for sub in ("n-desethyl-isotonitazene", "etonitazepipne"):
        assert iid not in _cited(sub, "US", "2026-01-21"), sub
        assert reg().status(sub, "US", "2026-01-21").controlled, sub
        assert iid in _cited(sub, "US", "2026-01-22"), sub


def test_dates_read_in_the_official_text() -> None:
    # DATES lines read in copies of the FR text: each effective date pinned on both sides.
    for sub, day in (("ganaxolone", "2022-06-01"), ("daridorexant", "2022-04-07"), ("zuranolone", "2023-10-31")):
        assert_controlled(sub, "US", from_=day)
    for sub in ("protonitazepyne", "metonitazepyne"):
        assert_controlled(sub, "US", from_="2025-08-15", before=("later", "not-covered", "never"))


def test_codeine_oral_liquids_announcement_published_2015_04_03() -> None:
    inst = reg().instruments["cn.2015-05-01.codeine-oral-liquids"]
    assert inst.dates.published is not None and str(inst.dates.published.date) == "2015-04-03"
    assert_controlled("codeine-compound-oral-liquids", "CN", from_="2015-05-01", in_list="cn.psychotropic-substances.category-ii")


def test_metonitazepyne_permanent_from_2026_02_11() -> None:
    # FR Doc 2026-00362 (published 2026-01-12): Effective February 11, 2026; the 2025 temporary order covers the days before.
    iid = "us.2026-01-12.metonitazepyne-protonitazepyne"
    for sub in ("metonitazepyne", "protonitazepyne"):
        assert iid not in _cited(sub, "US", "2026-02-10"), sub
        assert reg().status(sub, "US", "2026-02-10").controlled, sub
        assert iid in _cited(sub, "US", "2026-02-11"), sub


def test_mesocarb_controlled_from_2022_12_22() -> None:
    # Final rule published 2022-11-22 (87 FR 71247); the listing takes effect Dec. 22 (trade press; the DATES line unread).
    assert_controlled("mesocarb", "US", from_="2022-12-22", in_list="us.csa.schedule-i")
