"""EU drug precursors: Categories 1 and 3 of the Annexes as adopted (2005-08-18), subcategories 2A and 2B
(2013-12-30), the two Category 1 editions read in an Austrian customs reproduction of the Annex to Regulation (EC)
No 111/2005, and the share of EU instruments that cite their official act on EUR-Lex.

Heroin and cocaine as EU drugs in 2020 are pinned in test_eu_un_incorporation.py.
"""

from pathlib import Path

import pytest

from domain import assert_controlled, count_controlled, reg
from schedlib.editions import editions_of_list
from schedlib.loader import read_registry
from schedlib.provenance import official_share

ROOT = Path(__file__).resolve().parents[2]
C1 = "eu.precursors.category-1"
C2A = "eu.precursors.category-2a"
C2B = "eu.precursors.category-2b"
C3 = "eu.precursors.category-3"
REG_273 = "eu.2004-02-11.reg-273-2004"
REG_1258 = "eu.2013-11-20.reg-1258-2013"

# Category 1 of the Annexes as adopted (Austrian reproduction of the 111/2005 Annex, valid 2012-01-01 to 2013-12-29).
ADOPTED_CATEGORY_1 = [
    "phenylacetone",
    "n-acetylanthranilic-acid",
    "isosafrole",
    "3-4-methylenedioxyphenyl-2-propanone",
    "piperonal",
    "safrole",
    "ephedrine",
    "pseudoephedrine",
    "norephedrine",
    "ergometrine",
    "ergotamine",
    "lysergic-acid",
]


@pytest.mark.parametrize("sid", ADOPTED_CATEGORY_1)
def test_category_1_as_adopted_applies_from_2005_08_18(sid):
    # Day before: no EU precursor list covers it yet (the lists start on 2005-08-18), so "not covered", not "never".
    assert_controlled(sid, "EU", from_="2005-08-18", in_list=C1, reason="listed", before="not-covered")
    st = reg().status(sid, "EU", "2005-08-18")
    assert REG_273 in {c.instrument for c in st.citations}


# Category 3 as adopted: secondary statements only (see the instrument's note).
ADOPTED_CATEGORY_3 = ["hydrochloric-acid", "sulfuric-acid", "toluene", "ethyl-ether", "acetone", "methyl-ethyl-ketone"]


@pytest.mark.parametrize("sid", ADOPTED_CATEGORY_3)
def test_category_3_applies_from_2005_08_18(sid):
    assert_controlled(sid, "EU", from_="2005-08-18", in_list=C3, reason="listed", before="not-covered")
    st = reg().status(sid, "EU", "2005-08-18")
    assert st.lists == (C3,)
    assert REG_273 in {c.instrument for c in st.citations}


def test_category_counts_on_the_day_2013_12_30():
    # 12 + APAAN in Category 1; 1 in 2A; 4 in 2B; 6 in Category 3 (23 substances in 2011, per the Home Office, + APAAN).
    counts = {lst: count_controlled("EU", "2013-12-30", in_list=lst) for lst in (C1, C2A, C2B, C3)}
    assert counts == {C1: 13, C2A: 1, C2B: 4, C3: 6}
    # In 2011: 12 + 6 encoded; the five of the undivided Category 2 (23 - 18) are not encoded as a list.
    assert count_controlled("EU", "2011-12-08", in_list=C1) + count_controlled("EU", "2011-12-08", in_list=C3) == 18


@pytest.mark.parametrize(
    "sid,lst",
    [
        ("acetic-anhydride", C2A),
        ("phenylacetic-acid", C2B),
        ("anthranilic-acid", C2B),
        ("hexahydropyridine", C2B),
        ("potassium-permanganate", C2B),
    ],
)
def test_subcategories_2a_and_2b_from_2013_12_30(sid, lst):
    # Before the split they were in the single Category 2, which is not encoded: "not covered" on the day before.
    assert_controlled(sid, "EU", from_="2013-12-30", in_list=lst, reason="listed", before="not-covered")
    st = reg().status(sid, "EU", "2013-12-30")
    assert st.lists == (lst,)
    assert REG_1258 in {c.instrument for c in st.citations}


def test_category_1_counts_equal_each_reconciled_edition():
    data = reg()._data
    editions = editions_of_list(data, C1)
    assert [e.id for e in editions] == ["eu.111-2005-annex-category-1.2012", "eu.111-2005-annex-category-1.2015"]
    for ed in editions:
        (stated,) = [el for el in ed.lists if el.list == C1]
        on_list = {
            iv.substance
            for ivs in reg()._index.by_substance.values()
            for iv in ivs
            if iv.list_id == C1 and iv.basis == "listed" and iv.covers(ed.date)
        }
        assert on_list == {e.substance for e in stated.entries}, ed.id
        assert count_controlled("EU", ed.date.isoformat(), in_list=C1) == len(stated.entries)
    assert count_controlled("EU", "2012-01-01", in_list=C1) == 12
    assert count_controlled("EU", "2015-07-01", in_list=C1) == 13
    # APAAN is the difference between the two editions: in from 2013-12-30 (Regulation 1258/2013).
    assert_controlled("apaan", "EU", from_="2013-12-30", in_list=C1, reason="listed")


def test_no_edition_backs_todays_counts():
    # No consolidated Annex after 2015 could be read in full, so no category's count today is pinned to an edition;
    # categories 2A, 2B, 3 and 4 have none at all.
    data = reg()._data
    as_of = data.info.as_of
    assert as_of is not None
    today = as_of.earliest() if hasattr(as_of, "earliest") else as_of
    assert max(e.date for e in editions_of_list(data, C1)) < today
    for lst in (C2A, C2B, C3, "eu.precursors.category-4"):
        assert editions_of_list(data, lst) == ()


def test_eu_instruments_cite_their_official_act():
    data, errors = read_registry(ROOT / "registry")
    assert errors == [] and data is not None and data.publishers is not None
    official, total = official_share(data, data.publishers)["EU"]
    assert total >= 34 and official / total >= 0.9, (official, total)
