"""Benchmarks, run on demand (``make bench``); never part of the test suite's pass/fail.

Every number is printed next to a baseline measured in the same run, as a ratio:

* cold load from YAML vs PyYAML's C loader alone parsing the same files;
* warm ``status`` vs a slow reference that scans every interval of the registry;
* ``gap`` vs the same reference computing both controlled sets by scanning.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import schedlib
from schedlib.registry import Registry


def best(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """Best mean seconds per call over ``repeat`` rounds of ``number`` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def main() -> int:
    root = schedlib.bundled_registry_path()
    files = sorted(p for p in root.rglob("*.yaml") if "schema" not in p.parts)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def parse_only() -> None:
        for p in files:
            yaml.load(p.read_bytes(), Loader=loader)

    t_parse = best(parse_only, repeat=3)
    t_load = best(lambda: Registry.from_path(root), repeat=3)
    reg = Registry.from_path(root)
    print(f"registry {reg.version}: {len(files)} files, {len(reg.substances)} substances, {len(reg.instruments)} instruments")
    print(
        f"cold load from YAML      {t_load * 1e3:8.1f} ms   PyYAML C parse alone {t_parse * 1e3:8.1f} ms   ratio {t_load / t_parse:5.2f} (target <= 1.5)"
    )

    day = dt.date(2019, 6, 1)
    sub = reg.find("carfentanil")
    t_status = best(lambda: reg.status(sub, "CN", day), repeat=5, number=2000)
    every = [iv for ivs in reg._index.by_substance.values() for iv in ivs]

    def scan_status() -> bool:
        return any(iv.substance == "carfentanil" and iv.jurisdiction == "CN" and iv.start <= day < iv.end for iv in every)

    t_scan = best(scan_status, repeat=5, number=200)
    print(
        f"status (warm)            {t_status * 1e6:8.1f} µs   full scan {t_scan * 1e6:8.1f} µs   speed-up {t_scan / t_status:6.1f}x (target <= 5 µs)"
    )

    t_gap = best(lambda: reg.gap("US", "CN", day), repeat=5, number=20)

    def scan_gap() -> set[str]:
        us = {iv.substance for iv in every if iv.jurisdiction == "US" and iv.start <= day < iv.end}
        cn = {iv.substance for iv in every if iv.jurisdiction == "CN" and iv.start <= day < iv.end}
        return us - cn

    t_sgap = best(scan_gap, repeat=5, number=20)
    print(
        f"gap US not CN            {t_gap * 1e3:8.3f} ms   bare set scan {t_sgap * 1e3:8.3f} ms   ratio {t_gap / t_sgap:6.1f} (target <= 1 ms)"
    )
    per = statistics.mean([t_status])
    print(f"status calls per second  {1 / per:10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
