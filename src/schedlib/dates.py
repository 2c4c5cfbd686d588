"""Calendar dates as the registry and the API accept them.

Only ISO 8601 calendar dates ``YYYY-MM-DD`` are dates. A date known only to the
month (``YYYY-MM``) or the year (``YYYY``), or not known at all (``unknown``),
is a :class:`PartialDate`, which the registry may use where the law's text did
not give the day.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from .errors import InvalidDateError

__all__ = ["PartialDate", "Precision", "parse_date", "parse_partial"]


def reduce_by_fields(obj: Any) -> tuple[Any, tuple[Any, ...]]:
    """``__reduce__`` for frozen slotted dataclasses: rebuilt by calling the class with its field values.

    The default pickling of such classes goes through a Python ``__setstate__`` that looks the
    fields up again for every object; this loads faster (about 6 ms of the ~40 ms it takes to
    load the bundled registry's cache, which holds some 4,800 of these objects).
    """
    cls = type(obj)
    return cls, tuple(getattr(obj, name) for name in cls.__dataclass_fields__)


Precision = Literal["day", "month", "year", "unknown"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


LAST_DAY = _dt.date.max - _dt.timedelta(days=1)
"""The last day a question or a registry date can name: the day after it means "no end"."""


def parse_date(value: object, *, what: str = "date") -> _dt.date:
    """Return ``value`` as a :class:`datetime.date`.

    Accepts a ``date`` (not a ``datetime``) or an ISO ``YYYY-MM-DD`` string.
    Anything else raises :class:`InvalidDateError` naming the expected form.
    """
    if isinstance(value, _dt.datetime):
        raise InvalidDateError(f"{what}: expected a date, got a datetime {value!r}; pass value.date()")
    if isinstance(value, _dt.date):
        if value == _dt.date.max:
            raise InvalidDateError(
                f"{what}: {value} is reserved to mean 'no end'; the last day schedlib answers for is {LAST_DAY}"
            )
        return value
    if not isinstance(value, str):
        raise InvalidDateError(f"{what}: expected an ISO date YYYY-MM-DD, got {value!r}")
    m = _DAY.match(value.strip())
    if not m:
        raise InvalidDateError(f"{what}: {value!r} is not an ISO date; write YYYY-MM-DD, e.g. 2019-05-01")
    year, month, day = (int(g) for g in m.groups())
    if year < 1:
        raise InvalidDateError(f"{what}: {value!r} has year 0; years start at 0001")
    try:
        d = _dt.date(year, month, day)
    except ValueError as exc:
        raise InvalidDateError(f"{what}: {value!r} is not a real calendar date ({exc})") from None
    if d == _dt.date.max:
        raise InvalidDateError(
            f"{what}: {value!r} is reserved: schedlib uses the last representable day to mean 'no end'; "
            f"the last day it answers for is {LAST_DAY}"
        )
    return d


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may be known only to the month or year, or not at all."""

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return reduce_by_fields(self)

    precision: Precision
    year: int = 0
    month: int = 0
    day: int = 0

    @property
    def known(self) -> bool:
        return self.precision != "unknown"

    def earliest(self) -> _dt.date | None:
        """First calendar day the value can mean, or None if unknown."""
        if self.precision == "unknown":
            return None
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def exact(self) -> _dt.date | None:
        """The date if known to the day, else None."""
        if self.precision != "day":
            return None
        return _dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.precision == "unknown":
            return "unknown"
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_partial(value: object, *, what: str = "date") -> PartialDate:
    """Parse ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``unknown``."""
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return PartialDate("day", value.year, value.month, value.day)
    if not isinstance(value, str):
        raise InvalidDateError(
            f"{what}: expected YYYY-MM-DD, YYYY-MM, YYYY or 'unknown', got {value!r}; quote dates written as numbers"
        )
    text = value.strip()
    if text == "unknown":
        return PartialDate("unknown")
    if _DAY.match(text):
        d = parse_date(text, what=what)
        return PartialDate("day", d.year, d.month, d.day)
    m = _MONTH.match(text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if year < 1 or not 1 <= month <= 12:
            raise InvalidDateError(f"{what}: {value!r} is not a real month")
        return PartialDate("month", year, month)
    m = _YEAR.match(text)
    if m:
        year = int(m.group(1))
        if year < 1:
            raise InvalidDateError(f"{what}: {value!r} has year 0")
        return PartialDate("year", year)
    raise InvalidDateError(f"{what}: {value!r} is not an ISO date; write YYYY-MM-DD (or YYYY-MM, YYYY, 'unknown' where allowed)")
