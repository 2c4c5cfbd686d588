"""EU drugs by reference: Framework Decision 2004/757/JHA makes every substance of the UN 1961 and 1971 schedules a
"drug" (list eu.fd-2004-757.un-conventions), from its compliance date 2006-05-12 (Art. 9(1)) or from the UN placement,
whichever is later."""

import datetime as dt

from domain import assert_controlled, reg

FD_LIST = "eu.fd-2004-757.un-conventions"
FD = "eu.2004-10-25.fd-2004-757"
UN_LISTS = [f"un.{c}.schedule-{s}" for c in ("1961", "1971") for s in ("i", "ii", "iii", "iv")]


def test_the_list_incorporates_all_eight_un_schedules():
    cl = reg()._data.lists[FD_LIST]
    assert sorted(i.list for i in cl.incorporates) == sorted(UN_LISTS)
    assert {i.from_ for i in cl.incorporates} == {dt.date(2006, 5, 12)} and {i.by for i in cl.incorporates} == {FD}


def test_a_1971_substance_from_the_compliance_date():
    assert_controlled("mdma", "EU", from_="2006-05-12", in_list=FD_LIST, reason="listed")
    st = reg().status("mdma", "EU", "2006-05-12")
    assert [c.instrument for c in st.citations] == [FD, "un.1988-10-12.1971-revised-schedules"]


def test_a_later_un_placement_from_its_own_day():
    # carfentanil: CND vote of 2018-03-14 (the registry's day for it; the communication date was not found)
    assert_controlled("carfentanil", "EU", from_="2018-03-14", in_list=FD_LIST, reason="listed")
    st = reg().status("carfentanil", "EU", "2018-03-14")
    assert {c.instrument for c in st.citations} == {"un.2018-03-14.cnd-61-carfentanil", FD}


def test_every_un_listed_substance_is_an_eu_drug():
    # On a few days, whatever the UN lists hold (heroin and cocaine once UN 1961 is complete), the EU list holds too.
    r = reg()
    for day in (dt.date(2006, 5, 12), dt.date(2015, 1, 1), dt.date(2020, 1, 1), dt.date(2025, 6, 1)):
        on_un = {
            iv.substance for ivs in r._index.by_substance.values() for iv in ivs if iv.list_id in UN_LISTS and iv.covers(day)
        }
        on_eu = {iv.substance for ivs in r._index.by_substance.values() for iv in ivs if iv.list_id == FD_LIST and iv.covers(day)}
        assert on_un and on_eu == on_un, (day, sorted(on_un ^ on_eu)[:5])
        for sid in sorted(on_un)[:: max(1, len(on_un) // 10)]:
            st = r.status(sid, "EU", day)
            assert st.controlled and FD_LIST in st.lists and FD in {c.instrument for c in st.citations}, sid


def test_before_the_compliance_date_the_un_schedules_are_not_eu_law():
    st = reg().status("lsd", "EU", "2006-05-11")
    assert not st.controlled and FD_LIST not in st.lists


def test_heroin_and_cocaine_are_eu_drugs_in_2020():
    for name in ("heroin", "cocaine"):
        st = reg().status(name, "EU", "2020-01-01")
        assert st.controlled and st.lists == (FD_LIST,), st.explanation
        assert FD in {c.instrument for c in st.citations}
        assert any(c.instrument.startswith("un.") for c in st.citations)
