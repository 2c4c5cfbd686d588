"""The benchmark's synthetic registries stay valid and answerable (a guard against bit-rot; no timing here)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

from schedlib.engine import compile_registry
from schedlib.registry import Registry

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"


def _bench_module() -> object:
    spec = importlib.util.spec_from_file_location("schedlib_bench_run", RUN)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    argv = sys.argv
    sys.argv = ["run.py", "--quick"]  # SIZES is read from argv at import
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.argv = argv
    return mod


def test_synthetic_registry_compiles_and_answers() -> None:
    bench = _bench_module()
    data = bench.synthetic(300, n_jurisdictions=4)  # type: ignore[attr-defined]
    index, errors = compile_registry(data)
    assert errors == []
    reg = Registry(data, index)
    day = dt.date(2015, 6, 1)
    gap = reg.gap("AA", "AB", day)
    assert len(gap) > 0
    assert all(e.present.controlled and not e.absent.controlled for e in gap)
    assert {reg.status(sid, "AB", day).reason for sid in list(data.substances)[:50]} <= {
        "listed", "class", "never", "later", "removed", "expired", "not-covered",
    }  # fmt: skip
