"""Errors raised by schedlib.

Every error is a :class:`SchedlibError`. Errors caused by the caller (an unknown
name, a bad date) also subclass the matching builtin (``LookupError``,
``ValueError``) so that generic code can catch them. Messages say what was wrong
and what to do next.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "AmbiguousNameError",
    "IndeterminateStatusError",
    "InvalidDateError",
    "InvalidQueryError",
    "RegistryError",
    "RegistryValidationError",
    "SchedlibError",
    "UnknownJurisdictionError",
    "UnknownListError",
    "UnknownSubstanceError",
]


class SchedlibError(Exception):
    """Base class of every error schedlib raises on purpose."""


class UnknownSubstanceError(SchedlibError, LookupError):
    """No substance in the registry has this name or identifier.

    ``suggestions`` holds close matches (display names), best first.
    """

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        hint = (
            "did you mean: " + ", ".join(repr(s) for s in self.suggestions) + "?"
            if self.suggestions
            else "try `schedlib find` with part of the name, a CAS RN or an InChIKey"
        )
        super().__init__(f"unknown substance {name!r}; {hint}")

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


class AmbiguousNameError(SchedlibError, LookupError):
    """A name matches more than one substance; ``candidates`` lists their ids."""

    def __init__(self, name: str, candidates: Sequence[str]) -> None:
        self.name = name
        self.candidates: tuple[str, ...] = tuple(candidates)
        super().__init__(f"{name!r} names more than one substance: {', '.join(self.candidates)}; use one of these ids instead")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownJurisdictionError(SchedlibError, LookupError):
    """The jurisdiction code is not in the registry."""

    def __init__(self, code: str, known: Sequence[str] = (), suggestions: Sequence[str] = ()) -> None:
        self.code = code
        self.known: tuple[str, ...] = tuple(known)
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        hint = ""
        if self.suggestions:
            hint = "; did you mean " + ", ".join(self.suggestions) + "?"
        super().__init__(f"unknown jurisdiction {code!r}{hint} (known: {', '.join(self.known)})")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownListError(SchedlibError, LookupError):
    """The control-list id is not in the registry."""

    def __init__(self, list_id: str, suggestions: Sequence[str] = ()) -> None:
        self.list_id = list_id
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        hint = "; did you mean " + ", ".join(self.suggestions) + "?" if self.suggestions else ""
        super().__init__(f"unknown control list {list_id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class IndeterminateStatusError(SchedlibError, ValueError):
    """``bool()`` of a :class:`~schedlib.answers.Status` whose ``controlled`` is None (the registry cannot say).

    As ``bool(pd.NA)`` in pandas: an unknown answer has no truth value, so that no pipeline
    reads "cannot say" as "not controlled". Test ``status.controlled is None`` (or ``is True``).
    """


class InvalidDateError(SchedlibError, ValueError):
    """A date argument is not a real calendar date in ISO ``YYYY-MM-DD`` form."""


class RegistryError(SchedlibError):
    """A problem in a registry file, located at ``path`` and ``line`` (1-based, or 0 if unknown)."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class RegistryValidationError(RegistryError):
    """The registry has one or more errors; ``errors`` holds every one found, in file order."""

    def __init__(self, errors: Sequence[RegistryError]) -> None:
        self.errors: tuple[RegistryError, ...] = tuple(errors)
        first = self.errors[0]
        RegistryError.__init__(self, first.path, first.line, first.message)
        more = len(self.errors) - 1
        lines = [str(e) for e in self.errors[:20]]
        if len(self.errors) > 20:
            lines.append(f"... and {len(self.errors) - 20} more")
        summary = f"registry has {len(self.errors)} error{'s' if more else ''}:\n" + "\n".join(lines)
        self.args = (summary,)

    def __str__(self) -> str:
        return str(self.args[0])


class InvalidQueryError(SchedlibError, ValueError):
    """A query argument is not one of the accepted values (e.g. an unknown regime or family)."""
