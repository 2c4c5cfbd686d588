"""The public claims of the 2015–2019 fentanyl diplomacy (docs/claims.md), as queries with pinned answers."""

from __future__ import annotations

from domain import reg


def _ids(statuses: object) -> set[str]:
    return {s.substance.id for s in statuses}  # type: ignore[attr-defined]


def test_fentanyl_and_18_related_compounds_2017_02_16() -> None:
    assert len(reg().controlled("CN", "2017-02-16", family="fentanyl")) == 19


def test_23_fentanyls_2017_06_19() -> None:
    assert len(reg().controlled("CN", "2017-06-19", family="fentanyl")) == 23


def test_25_fentanyl_analogues_and_two_precursors_2019_04_01() -> None:
    r = reg()
    assert len(r.controlled("CN", "2019-04-01", family="fentanyl")) == 25
    assert _ids(r.controlled("CN", "2019-04-01", family="fentanyl-precursor", regime="precursor")) == {"npp", "4-anpp"}


def test_us_not_cn_closes_with_the_2019_class() -> None:
    r = reg()
    before = r.gap("US", "CN", "2019-04-30", family="fentanyl")
    assert len(before) > 0 and all(e.absent.reason == "later" and str(e.absent.next_change) == "2019-05-01" for e in before)
    assert len(r.gap("US", "CN", "2019-05-01", family="fentanyl")) == 0
    for e in before:
        assert r.status(e.substance, "CN", "2019-05-01").reason == "class"


def test_un_not_cn_npp_4anpp_2017_12_01() -> None:
    gap = reg().gap("UN", "CN", "2017-12-01", family="fentanyl-precursor", regime="precursor")
    assert gap.ids() == {"npp", "4-anpp"}
    assert all(e.absent.reason == "later" and str(e.absent.next_change) == "2018-02-01" for e in gap)


def test_first_control_of_npp_4anpp_4ap() -> None:
    first = {(fc.substance.id, fc.jurisdiction): fc for n in ("NPP", "4-ANPP", "4-AP") for fc in reg().first_controlled(n, "UN,CN")}
    assert str(first[("npp", "UN")].since) == "2017-10-18" and first[("npp", "UN")].exact
    assert str(first[("npp", "CN")].since) == "2018-02-01" and first[("npp", "CN")].exact
    assert str(first[("4-anpp", "CN")].since) == "2018-02-01"
    assert str(first[("4-ap", "CN")].since) == "2024-09-01"
