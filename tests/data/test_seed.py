"""Seed facts of the core issue, pinned on both sides of each date."""

from domain import assert_controlled, assert_not_controlled, reg


def test_carfentanil_cn_2017() -> None:
    assert_controlled("carfentanil", "CN", from_="2017-03-01", in_list="cn.nps-supplementary", reason="listed", before="later")
    st = reg().status("carfentanil", "CN", "2017-02-28")
    assert st.next_change.isoformat() == "2017-03-01"


def test_frs_class_us_continuous_to_permanent() -> None:
    r = reg()
    assert r.controlled("US", "2018-02-05", family="fentanyl") == () or all(
        s.reason == "listed" for s in r.controlled("US", "2018-02-05", family="fentanyl")
    )


def test_1_boc_4_ap_covered_as_carbamate_then_named() -> None:
    assert_controlled("1-boc-4-ap", "US", from_="2020-05-15", reason="class", in_list="us.list-i")
    st = reg().status("1-boc-4-ap", "US", "2022-11-09")
    assert st.reason == "listed" and st.since.isoformat() == "2020-05-15"


def test_npp_un_table_i() -> None:
    assert_controlled("NPP", "UN", from_="2017-10-18", in_list="un.1988.table-i")
    assert_not_controlled("NPP", "CN", "2017-12-01", reason="later")
