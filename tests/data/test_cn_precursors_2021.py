"""China's precursor catalogue: the six substances of 国办函〔2021〕58号 (shared/sources/cn/FACTS.md, section 5).

The letter is dated 2021-05-28 and was published on 2021-06-07 (trade press); no source read states its date of
entry into force, so the registry encodes the publication date with confidence ``unverified``. Both sides of that
date are pinned, and the caveat must reach the answer.
"""

import pytest

from domain import assert_controlled, assert_not_controlled, reg

INSTRUMENT = "cn.2021-06-07.mapa-etc-6"
DAY = "2021-06-07"

# (substance, category list)
SIX = [
    ("benzyl-cyanide", "cn.precursors.category-iii"),
    ("gamma-butyrolactone", "cn.precursors.category-iii"),
    ("mapa", "cn.precursors.category-ii"),
    ("apaa", "cn.precursors.category-ii"),
    ("pmk-glycidic-acid", "cn.precursors.category-ii"),
    ("pmk-methyl-glycidate", "cn.precursors.category-ii"),
]


@pytest.mark.parametrize(("name", "list_id"), SIX)
def test_controlled_from_the_letter_and_not_the_day_before(name: str, list_id: str) -> None:
    # the catalogue's coverage names these six, so the day before is a certain "later", not "not-covered"
    assert_controlled(name, "CN", from_=DAY, in_list=list_id, reason="listed", before="later", regime="precursor")


@pytest.mark.parametrize("name", ["benzyl cyanide", "GBL"])
def test_common_names_resolve_and_are_controlled(name: str) -> None:
    assert_controlled(name, "CN", from_=DAY, reason="listed", before="later")


@pytest.mark.parametrize(("name", "list_id"), SIX)
def test_still_controlled_today_on_one_category_only(name: str, list_id: str) -> None:
    st = reg().status(name, "CN", "2026-01-01", regime="precursor")
    assert st.controlled, st.explanation
    assert st.lists == (list_id,)


def test_unverified_date_is_a_caveat_of_the_answer() -> None:
    r = reg()
    assert r.instruments[INSTRUMENT].dates.effective.confidence == "unverified"
    st = r.status("benzyl-cyanide", "CN", DAY)
    assert any("unverified" in c and INSTRUMENT in c for c in st.caveats), st.caveats


def test_drug_lists_do_not_hold_gbl() -> None:
    # a precursor, not a drug, in China: the drug lists (complete from 2014/2015) say "never"
    assert_not_controlled("gamma-butyrolactone", "CN", "2022-01-01", reason="never", regime="drug")


def test_pmk_methyl_glycidate_is_not_double_counted_by_the_2024_ester_class() -> None:
    # the 2024 "PMK glycidic acid esters" entry is a class without members: the methyl ester's start stays 2021
    r = reg()
    assert not r.classes["cn.pmk-glycidic-acid-esters"].members
    st = r.status("pmk-methyl-glycidate", "CN", "2024-09-01", regime="precursor")
    assert st.reason == "listed" and st.since is not None and st.since.isoformat() == DAY
