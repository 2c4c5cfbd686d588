"""schedlib: which substances each jurisdiction controls, and when — with citations.

Quick tour:

```python
import schedlib
reg = schedlib.load()                        # the bundled registry (cached, thread-safe)
schedlib.status("carfentanil", "CN", "2017-03-01")
schedlib.gap(controlled_in="US", not_in="CN", on="2018-06-01")
```

Module-level functions answer from the bundled registry; the same methods
exist on [`Registry`][schedlib.registry.Registry] for a registry loaded from a path. Nothing is read
until the first call.
"""

from __future__ import annotations

import _thread
import os

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs the warm command line ~2 ms
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .answers import Diff, Event, Gap, Status
    from .errors import (
        AmbiguousNameError,
        IndeterminateStatusError,
        InvalidDateError,
        InvalidQueryError,
        RegistryError,
        RegistryValidationError,
        SchedlibError,
        UnknownJurisdictionError,
        UnknownListError,
        UnknownSubstanceError,
    )
    from .index import Substance
    from .registry import DateLike, Registry
    from .screening import ScreenReport

__version__ = "0.1.0"

__all__ = [
    "AmbiguousNameError",
    "IndeterminateStatusError",
    "InvalidDateError",
    "InvalidQueryError",
    "Registry",
    "RegistryError",
    "RegistryValidationError",
    "SchedlibError",
    "UnknownJurisdictionError",
    "UnknownListError",
    "UnknownSubstanceError",
    "bundled_registry_path",
    "cite",
    "classify",
    "controlled",
    "coverage",
    "diff",
    "find",
    "first_controlled",
    "gap",
    "history",
    "load",
    "screen",
    "status",
    "status_many",
]

_lock = _thread.allocate_lock()  # threading.Lock, without importing threading
_bundled: Registry | None = None
_by_path: dict[Path, Registry] = {}


def bundled_registry_path() -> Path:
    """Where the bundled registry lives.

    ``SCHEDLIB_REGISTRY`` overrides it; an installed wheel carries it as
    ``schedlib/_registry``; a source checkout uses the top-level ``registry/``.
    """
    from pathlib import Path

    from .files import bundled_root

    return Path(bundled_root())


def load(path: str | os.PathLike[str] | None = None) -> Registry:
    """Load, validate and compile a registry; the bundled one when ``path`` is None.

    Results are cached per path, and loading is thread-safe: concurrent callers
    share one [`Registry`][schedlib.registry.Registry].

    Args:
        path: a registry directory; None for the registry bundled with the package.

    Returns:
        The compiled registry, shared with every other caller of the same path.

    Raises:
        RegistryValidationError: with every problem found (``FILE:LINE: message``).
    """
    global _bundled
    from .registry import Registry

    if path is None:
        if _bundled is not None:
            return _bundled
        with _lock:
            if _bundled is None:
                _bundled = Registry.from_path(bundled_registry_path())
            return _bundled
    from pathlib import Path

    key = Path(path).resolve()
    with _lock:
        reg = _by_path.get(key)
        if reg is None:
            reg = Registry.from_path(key)
            _by_path[key] = reg
        return reg


def find(name: str) -> Substance:
    """Find a substance by id, name or synonym (any language), CAS RN, InChIKey, UNII or DEA code."""
    return load().find(name)


def status(substance: str | Substance, jurisdiction: str, on: DateLike, regime: str | None = None) -> Status:
    """Is ``substance`` controlled in ``jurisdiction`` on ``on``? See [`Registry.status`][schedlib.registry.Registry.status]."""
    return load().status(substance, jurisdiction, on, regime=regime)  # type: ignore[arg-type]


def gap(controlled_in: str, not_in: str, on: DateLike, regime: str | None = None, family: str | None = None) -> Gap:
    """Substances controlled in one jurisdiction and not in another. See [`Registry.gap`][schedlib.registry.Registry.gap]."""
    return load().gap(controlled_in, not_in, on, regime=regime, family=family)  # type: ignore[arg-type]


def controlled(
    jurisdiction: str,
    on: DateLike,
    regime: str | None = None,
    family: str | None = None,
    in_list: str | None = None,
) -> tuple[Status, ...]:
    """Every substance controlled in a jurisdiction on a date. See [`Registry.controlled`][schedlib.registry.Registry.controlled]."""
    return load().controlled(jurisdiction, on, regime=regime, family=family, in_list=in_list)  # type: ignore[arg-type]


def coverage(jurisdiction: str, on: DateLike, regime: str | None = None) -> tuple[Any, ...]:
    """Per control list of a jurisdiction: complete on ``on`` or not, its scope and notes. See :meth:`Registry.coverage`."""
    return load().coverage(jurisdiction, on, regime=regime)  # type: ignore[arg-type]


def diff(jurisdiction: str, start: DateLike, end: DateLike, regime: str | None = None) -> Diff:
    """What changed in a jurisdiction between two dates. See [`Registry.diff`][schedlib.registry.Registry.diff]."""
    return load().diff(jurisdiction, start, end, regime=regime)  # type: ignore[arg-type]


def history(substance: str | Substance, jurisdiction: str | None = None) -> tuple[Event, ...]:
    """Every dated change in a substance's control. See [`Registry.history`][schedlib.registry.Registry.history]."""
    return load().history(substance, jurisdiction)


def first_controlled(substance: str | Substance, jurisdictions: Any, regime: str | None = None) -> tuple[Any, ...]:
    """When each jurisdiction first controlled a substance. See [`Registry.first_controlled`][schedlib.registry.Registry.first_controlled]."""
    return load().first_controlled(substance, jurisdictions, regime=regime)  # type: ignore[arg-type]


def cite(obj: object, style: str = "text", include_registry: bool = True) -> str:
    """Citations behind an answer (or of an instrument id), as text, markdown, bibtex or csl-json."""
    return load().cite(obj, style=style, include_registry=include_registry)


def status_many(names: Any, jurisdictions: Any, on: DateLike, regime: str | None = None) -> list[Any]:
    """Batch status for screening; see [`Registry.status_many`][schedlib.registry.Registry.status_many]."""
    return load().status_many(names, jurisdictions, on, regime=regime)  # type: ignore[arg-type]


def screen(
    source: str | os.PathLike[str] | bytes,
    jurisdictions: str | Any,
    on: DateLike,
    regime: str | None = None,
    column: str | None = None,
    cas_column: str | None = None,
) -> ScreenReport:
    """Screen a file of names or CAS numbers (a path, or its bytes) in several jurisdictions.

    Comma, semicolon and tab separated files in UTF-8, UTF-16, GBK, Latin-1 and other common
    encodings are read; see `schedlib.screening.screen` and `schedlib.screening.ScreenReport`.
    """
    from .screening import screen as run

    return run(load(), source, jurisdictions, on, regime=regime, column=column, cas_column=cas_column)


def classify(structure: str, on: DateLike | None = None, jurisdiction: str | None = None) -> tuple[Any, ...]:
    """Which class rules' structural definitions a molecule falls within (``pip install 'schedlib[chem]'``)."""
    return load().classify(structure, on=on, jurisdiction=jurisdiction)


def __getattr__(name: str) -> Any:
    # The error classes and Registry are imported on first use: the warm command line needs neither.
    if name == "Registry":
        from .registry import Registry

        return Registry
    if name.endswith("Error") and name in __all__:
        from . import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'schedlib' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
