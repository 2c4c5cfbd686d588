"""Answers are kept per stretch (the days between two changes): each must equal the answer worked out afresh."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import schedlib
from schedlib.answers import DAY_MARK, Status
from schedlib.registry import Registry, _regimes

REG = schedlib.load()
SIDS = sorted(REG.substances)
JS = sorted(REG.jurisdictions)


def _fresh(reg: Registry, sid: str, j: str, day: dt.date, regime: str | None) -> Status:
    return Status.of(reg._status_body(reg.substances[sid], j, day, _regimes(regime), regime), day)


def _edges(reg: Registry, sid: str, j: str) -> list[dt.date]:
    out = []
    for d in reg._days_of(sid, j, _regimes(None)):
        out += [d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)]
    return out


@settings(max_examples=500, deadline=None)
@given(
    sid=st.sampled_from(SIDS),
    j=st.sampled_from(JS),
    day=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 30))
    | st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2030, 12, 31)),
    regime=st.sampled_from([None, "drug", "precursor", "export"]),
)
def test_kept_answer_equals_a_fresh_one(sid: str, j: str, day: dt.date, regime: str | None) -> None:
    assert REG.status(sid, j, day, regime=regime) == _fresh(REG, sid, j, day, regime)  # type: ignore[arg-type]


def test_every_stretch_edge_of_the_fentanyl_family_everywhere() -> None:
    reg = Registry.from_path(schedlib.bundled_registry_path())  # a registry of its own: nothing kept yet
    checked = 0
    for sid, sub in reg.substances.items():
        if "fentanyl" not in sub.families and "fentanyl-precursor" not in sub.families:
            continue
        for j in JS:
            for day in _edges(reg, sid, j):
                assert reg.status(sid, j, day) == _fresh(reg, sid, j, day, None), (sid, j, day)
                checked += 1
    assert checked > 1000


def test_answers_across_a_stretch_differ_only_in_the_day() -> None:
    a = REG.status("carfentanil", "CN", "2017-03-01")
    b = REG.status("carfentanil", "CN", "2018-03-01")
    assert a._body is b._body
    assert a.explanation.replace("2017-03-01 (", "X (") == b.explanation.replace("2018-03-01 (", "X (")
    assert (a.on, b.on) == (dt.date(2017, 3, 1), dt.date(2018, 3, 1))
    assert a != b and a == REG.status("carfentanil", "CN", dt.date(2017, 3, 1))
    assert hash(a) == hash(REG.status("carfentanil", "CN", dt.date(2017, 3, 1)))


def test_status_is_read_only_and_readable() -> None:
    st_ = REG.status("carfentanil", "CN", "2017-03-01")
    with pytest.raises(AttributeError):
        st_.on = dt.date(2000, 1, 1)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        st_.controlled = False  # type: ignore[misc]
    assert "carfentanil" in repr(st_) and "2017-03-01" in repr(st_)
    assert DAY_MARK not in st_.explanation and DAY_MARK not in repr(st_)
    assert st_.to_dict()["on"] == "2017-03-01" and bool(st_) is True
