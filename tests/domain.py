"""Assertions in the language of the domain, for data tests.

``assert_controlled("carfentanil", "CN", from_="2017-03-01")`` checks the day
before (not controlled) and the day itself (controlled). Every effective date
the registry encodes should be pinned this way, on both sides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import schedlib
from schedlib.engine import compile_registry
from schedlib.errors import RegistryError
from schedlib.loader import read_registry
from schedlib.registry import Registry

#: The small registry of the unit tests (``tests/fixtures/mini``); copy it before changing it.
MINI = Path(__file__).parent / "fixtures" / "mini"


def _day(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def reg() -> Registry:
    return schedlib.load()


def window(instrument_id: str) -> tuple[dt.date, dt.date]:
    """(first day, first day after) of the window of an instrument's effective date.

    One day for a date known to the day; the whole month for a date known only to the month,
    inside which an answer that rests on the instrument alone is ``uncertain``.
    """
    d = reg().instruments[instrument_id].dates.effective.date
    first = d.earliest()
    assert first is not None
    if d.precision == "month":
        return first, dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, first + dt.timedelta(days=1)


def assert_uncertain_window(name: str, jurisdiction: str, instrument_id: str) -> None:
    """Every day of an imprecise effective date's window answers ``uncertain`` (the day before and after are certain)."""
    r = reg()
    first, after = window(instrument_id)
    day = first
    while day < after:
        st = r.status(name, jurisdiction, day)
        assert st.controlled is None and st.reason == "uncertain", f"{name} in {jurisdiction} on {day}: {st.explanation}"
        day += dt.timedelta(days=1)
    assert r.status(name, jurisdiction, first - dt.timedelta(days=1)).reason != "uncertain"
    assert r.status(name, jurisdiction, after).reason != "uncertain"


def assert_controlled(
    name: str,
    jurisdiction: str,
    *,
    from_: str | dt.date,
    until: str | dt.date | None = None,
    in_list: str | None = None,
    reason: str | None = None,
    before: str | Iterable[str] = ("later", "not-covered", "never", "removed", "expired"),
    regime: str | None = None,
) -> None:
    """Controlled from ``from_`` (not the day before); if ``until`` is given, no longer controlled on it.

    ``in_list`` requires that list among the status's lists on ``from_``; ``reason``
    pins the reason on ``from_`` (``listed`` or ``class``); ``before`` the reasons
    accepted on the day before.
    """
    r = reg()
    start = _day(from_)
    prev = r.status(name, jurisdiction, start - dt.timedelta(days=1), regime=regime)  # type: ignore[arg-type]
    allowed = (before,) if isinstance(before, str) else tuple(before)
    assert not prev.controlled, f"{name} already controlled in {jurisdiction} on {prev.on}: {prev.explanation}"
    assert prev.reason in allowed, f"{name} in {jurisdiction} on {prev.on}: reason {prev.reason}, expected {allowed}"
    on = r.status(name, jurisdiction, start, regime=regime)  # type: ignore[arg-type]
    assert on.controlled, f"{name} not controlled in {jurisdiction} on {start}: {on.explanation}"
    assert on.citations, f"{name} in {jurisdiction} on {start}: controlled without a citation"
    if in_list is not None:
        assert in_list in on.lists, f"{name} in {jurisdiction} on {start}: lists {on.lists}, expected {in_list}"
    if reason is not None:
        assert on.reason == reason, f"{name} in {jurisdiction} on {start}: reason {on.reason}, expected {reason}"
    if until is not None:
        end = _day(until)
        last = r.status(name, jurisdiction, end - dt.timedelta(days=1), regime=regime)  # type: ignore[arg-type]
        assert last.controlled, f"{name} not controlled in {jurisdiction} on {last.on} (day before {end})"
        after = r.status(name, jurisdiction, end, regime=regime)  # type: ignore[arg-type]
        assert not after.controlled, f"{name} still controlled in {jurisdiction} on {end}: {after.explanation}"


def assert_not_controlled(
    name: str, jurisdiction: str, on: str | dt.date, reason: str | None = None, regime: str | None = None
) -> None:
    st = reg().status(name, jurisdiction, _day(on), regime=regime)  # type: ignore[arg-type]
    assert not st.controlled, f"{name} controlled in {jurisdiction} on {on}: {st.explanation}"
    if reason is not None:
        assert st.reason == reason, f"{name} in {jurisdiction} on {on}: reason {st.reason}, expected {reason}"


def count_controlled(
    jurisdiction: str, on: str, *, family: str | None = None, in_list: str | None = None, regime: str | None = None
) -> int:
    return len(reg().controlled(jurisdiction, on, family=family, in_list=in_list, regime=regime))  # type: ignore[arg-type]


def cited(substance: str, jurisdiction: str, on: str | dt.date) -> set[str]:
    """The instruments cited for ``substance`` controlled in ``jurisdiction`` on ``on`` (empty when not controlled)."""
    st = reg().status(substance, jurisdiction, _day(on))
    return {c.instrument for c in st.citations} if st.controlled else set()


def errors_of(root: Path) -> list[RegistryError]:
    """Every error of the registry at ``root``: reading and, if it reads cleanly, folding."""
    data, errors = read_registry(root)
    if data is not None and not errors:
        _, errors = compile_registry(data)
    return errors
