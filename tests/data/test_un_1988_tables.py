"""UN 1988 Convention, Tables I and II: in force from the Convention's entry into force (1990-11-11), not its
adoption (1988-12-20); the Tables as adopted are reconciled as an edition on that day."""

import datetime as dt

import pytest

from domain import assert_controlled, reg

T1 = "un.1988.table-i"
T2 = "un.1988.table-ii"
ADOPTED = "un.1988-12-20.1988-convention-tables"
IN_FORCE = dt.date(1990, 11, 11)

AS_ADOPTED = [
    (T1, ["ephedrine", "ergometrine", "ergotamine", "lysergic-acid", "phenylacetone", "pseudoephedrine"]),
    (T2, ["acetone", "anthranilic-acid", "ethyl-ether", "hexahydropyridine"]),
]


@pytest.mark.parametrize("lst,sid", [(lst, s) for lst, subs in AS_ADOPTED for s in subs])
def test_tables_in_force_with_the_convention(lst, sid):
    assert_controlled(sid, "UN", from_=IN_FORCE, in_list=lst, reason="listed", before="later", regime="precursor")
    st = reg().status(sid, "UN", IN_FORCE, regime="precursor")
    assert ADOPTED in {c.instrument for c in st.citations}


def test_ephedrine_before_entry_into_force_is_listed_only_later():
    r = reg()
    for day in ("1989-06-01", "1990-11-10"):
        st = r.status("ephedrine", "UN", day)
        assert not st.controlled and st.reason == "later" and st.next_change == IN_FORCE, st.explanation
    assert r.status("ephedrine", "UN", "1990-11-11").controlled


def test_the_1990_edition_is_the_fold_except_its_two_documented_entries():
    r = reg()
    ed = r._data.editions["un.1988-convention-tables.1990"]
    assert ed.date == IN_FORCE
    excepted = {(x.list, x.substance) for x in ed.exceptions}
    assert excepted == {(T2, "acetic-anhydride"), (T2, "phenylacetic-acid")}
    for el in ed.lists:
        stated = {e.substance for e in el.entries}
        folded = {
            iv.substance
            for ivs in r._index.by_substance.values()
            for iv in ivs
            if iv.list_id == el.list and iv.covers(IN_FORCE) and iv.basis == "listed"
        }
        assert folded == stated - {s for lst, s in excepted if lst == el.list}, el.list
    assert (len(ed.lists[0].entries), len(ed.lists[1].entries)) == (6, 6)
