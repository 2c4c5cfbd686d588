"""Benchmarks, run on demand (``make bench``); never part of the test suite's pass/fail.

Every number is printed next to a baseline measured in the same run:

1. Bundled registry
   * cold load from YAML vs PyYAML's C loader alone parsing the same files (target ratio <= 1.5);
   * warm ``status`` and ``gap`` vs the same questions put to SQLite (indexed interval table) and,
     when installed, DuckDB, built from the same intervals (target: schedlib >= 5x faster);
   * ``status_many`` throughput (target >= 100k lookups/s);
   * ``schedlib status ...`` as a whole process vs ``python -c pass`` (target ratio <= 2).
2. Scale: synthetic registries of 1k, 10k and 100k substances in 50 jurisdictions
   (deterministic seed): compile time, status, gap and peak memory (tracemalloc).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import random
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import schedlib
from schedlib import models as m
from schedlib.engine import FOREVER, compile_registry
from schedlib.loader import RegistryData
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


def best_load(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best seconds of one call that builds a large object: the previous result is freed and the
    collector run *before* the timer starts, so neither freeing nor a pending collection is counted."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    return min(times)


def fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds:8.2f} s "


def _rows(reg: Registry) -> list[tuple[str, str, str, int, int, str, str]]:
    return [
        (
            iv.substance,
            iv.jurisdiction,
            iv.regime,
            iv.start.toordinal(),
            (iv.end if iv.end != FOREVER else dt.date.max).toordinal(),
            iv.list_id,
            iv.instrument,
        )
        for ivs in reg._index.by_substance.values()
        for iv in ivs
    ]


def _fill(con: Any, reg: Registry) -> None:
    """The same registry as tables: intervals (with list and instrument), instruments, their sources."""
    con.execute("CREATE TABLE iv (substance TEXT, jurisdiction TEXT, regime TEXT, start INT, stop INT, list TEXT, instrument TEXT)")
    con.executemany("INSERT INTO iv VALUES (?,?,?,?,?,?,?)", _rows(reg))
    con.execute("CREATE TABLE inst (id TEXT PRIMARY KEY, title TEXT, effective TEXT, confidence TEXT)")
    con.executemany(
        "INSERT INTO inst VALUES (?,?,?,?)",
        [(i.id, i.title, str(i.dates.effective.date), i.confidence) for i in reg.instruments.values()],
    )
    con.execute("CREATE TABLE src (id TEXT PRIMARY KEY, kind TEXT, title TEXT, url TEXT)")
    con.executemany("INSERT INTO src VALUES (?,?,?,?)", [(x.id, x.kind, x.title, x.url) for x in reg.sources.values()])
    con.execute("CREATE TABLE inst_src (instrument TEXT, source TEXT, locator TEXT)")
    con.executemany(
        "INSERT INTO inst_src VALUES (?,?,?)",
        [(i.id, r.source, r.locator) for i in reg.instruments.values() for r in i.sources],
    )
    con.execute("CREATE INDEX iv_sj ON iv (substance, jurisdiction, start)")
    con.execute("CREATE INDEX iv_js ON iv (jurisdiction, start)")
    con.execute("CREATE INDEX inst_src_i ON inst_src (instrument)")


CITED_SQL = (
    "SELECT iv.list, iv.start, iv.stop, inst.id, inst.title, inst.effective, inst.confidence, src.kind, src.title, src.url, "
    "inst_src.locator FROM iv JOIN inst ON inst.id = iv.instrument LEFT JOIN inst_src ON inst_src.instrument = inst.id "
    "LEFT JOIN src ON src.id = inst_src.source "
    "WHERE iv.substance=? AND iv.jurisdiction=? AND iv.regime IN ('drug','precursor') AND iv.start<=? AND iv.stop>?"
)
STATUS_SQL = "SELECT 1 FROM iv WHERE substance=? AND jurisdiction=? AND regime IN ('drug','precursor') AND start<=? AND stop>? LIMIT 1"
GAP_SQL = (
    "SELECT DISTINCT substance FROM iv WHERE jurisdiction=? AND regime IN ('drug','precursor') AND start<=? AND stop>? "
    "EXCEPT SELECT DISTINCT substance FROM iv WHERE jurisdiction=? AND regime IN ('drug','precursor') AND start<=? AND stop>?"
)


def bundled() -> None:
    print("== bundled registry ==")
    root = schedlib.bundled_registry_path()
    files = sorted(p for p in root.rglob("*.yaml") if "schema" not in p.parts)
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def parse_only() -> None:
        for p in files:
            yaml.load(p.read_bytes(), Loader=loader)

    t_parse = best(parse_only, repeat=3)
    t_load = best_load(lambda: Registry.from_path(root, cache=False), repeat=3)
    reg = Registry.from_path(root)  # writes the cache
    t_cached = best_load(lambda: Registry.from_path(root), repeat=7)
    print(f"{len(files)} files, {len(reg.substances)} substances, {len(reg.instruments)} instruments")
    print(f"cold load from YAML     {fmt(t_load)}   PyYAML C parse alone {fmt(t_parse)}   ratio {t_load / t_parse:5.2f}  (target <= 1.5)")
    print(f"load from cache         {fmt(t_cached)}   (digest check of every file included; target <= 50 ms)")

    day = dt.date(2019, 6, 1)
    sub = reg.find("carfentanil")
    regimes = frozenset(("drug", "precursor"))
    t_status = best(lambda: reg.status(sub, "CN", day), repeat=5, number=5000)
    t_status_str = best(lambda: reg.status("carfentanil", "CN", "2019-06-01"), repeat=5, number=5000)
    subs_all = list(reg.substances.values())

    def first_time() -> None:  # a fresh Registry: every answer worked out, none kept yet
        fresh = Registry(reg._data, reg._index, reg._names)
        for s in subs_all:
            fresh.status(s, "CN", day)

    t_status_first = best(first_time, repeat=3) / len(subs_all)
    t_bool = best(lambda: reg._is_controlled("carfentanil", "CN", day, regimes), repeat=5, number=20000)
    t_gap = best(lambda: reg.gap("US", "CN", day), repeat=5, number=50)
    t_gap_read = best(lambda: [e.to_dict() for e in reg.gap("US", "CN", day)], repeat=3, number=5)

    con = sqlite3.connect(":memory:")
    _fill(con, reg)
    o = day.toordinal()
    t_sql_status = best(lambda: con.execute(STATUS_SQL, ("carfentanil", "CN", o, o)).fetchone(), repeat=5, number=5000)
    t_sql_cited = best(lambda: con.execute(CITED_SQL, ("carfentanil", "CN", o, o)).fetchall(), repeat=5, number=5000)
    t_sql_gap = best(lambda: con.execute(GAP_SQL, ("US", o, o, "CN", o, o)).fetchall(), repeat=5, number=50)
    print("single questions, each side by side with the same question put to SQLite (indexed tables) and DuckDB:")
    print(f"status, full answer (Status with reasons, citations, caveats) {fmt(t_status)}   (target <= 5 µs)")
    print(f"  the same, name and date given as strings                     {fmt(t_status_str)}")
    print(f"  first question about each substance (nothing kept yet)       {fmt(t_status_first)}")
    print(
        f"  SQLite: covering rows joined to instruments and sources     {fmt(t_sql_cited)}   "
        f"schedlib {t_sql_cited / t_status:5.1f}x faster (target >= 5)"
    )
    print(f"status, yes/no only (merged spans, bisect)                    {fmt(t_bool)}")
    print(
        f"  SQLite: EXISTS-style indexed lookup                         {fmt(t_sql_status)}   "
        f"schedlib {t_sql_status / t_bool:5.1f}x faster (target >= 5)"
    )
    print(f"gap US not CN (~{len(reg.gap('US', 'CN', day))} entries; statuses on first read)        {fmt(t_gap)}   (target <= 1 ms)")
    print(f"gap US not CN, every entry read in full (to_dict)             {fmt(t_gap_read)}")
    print(f"  SQLite: EXCEPT query (ids only)                             {fmt(t_sql_gap)}   schedlib {t_sql_gap / t_gap:5.1f}x faster")
    try:
        import duckdb  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        print("  DuckDB: not installed (pip install duckdb to compare)")
    else:
        dk = duckdb.connect()
        _fill(dk, reg)
        t_dk_status = best(lambda: dk.execute(STATUS_SQL, ["carfentanil", "CN", o, o]).fetchone(), repeat=3, number=200)
        t_dk_cited = best(lambda: dk.execute(CITED_SQL, ["carfentanil", "CN", o, o]).fetchall(), repeat=3, number=100)
        t_dk_gap = best(lambda: dk.execute(GAP_SQL, ["US", o, o, "CN", o, o]).fetchall(), repeat=3, number=20)
        print(f"  DuckDB: cited rows (as SQLite above)                        {fmt(t_dk_cited)}   schedlib {t_dk_cited / t_status:5.1f}x faster")
        print(f"  DuckDB: yes/no lookup                                       {fmt(t_dk_status)}   schedlib {t_dk_status / t_bool:5.1f}x faster")
        print(f"  DuckDB: EXCEPT query (ids only)                             {fmt(t_dk_gap)}   schedlib {t_dk_gap / t_gap:5.1f}x faster")

    names = [s.name for s in list(reg.substances.values())[:200]] * 50
    t_many = best(lambda: reg.status_many(names, ["US", "CN", "CA"], day), repeat=3)
    print(f"status_many             {len(names) * 3 / t_many:12,.0f} lookups/s (target >= 100,000)")

    exe = Path(sys.executable).with_name("schedlib")
    if exe.exists():
        # Processes run as an installed program runs: with byte-code caches (PYTHONDONTWRITEBYTECODE
        # removed), after one warm-up run that writes them and the cached index.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        query = [str(exe), "status", "carfentanil", "--in", "CN", "--on", "2019-06-01"]

        def run(argv: list[str]) -> None:
            subprocess.run(argv, capture_output=True, check=True, env=env)

        run([sys.executable, "-c", "import schedlib.cli"])
        t_first = best(lambda: run([*query, "--regime", "drug"]), repeat=1)  # never served warm
        run(query)
        run(query)
        t_warm = best(lambda: run(query), repeat=15)
        t_json = best(lambda: run([*query, "--json"]), repeat=3)
        t_py = best(lambda: run([sys.executable, "-c", "pass"]), repeat=15)
        print(
            f"schedlib status process, warm cache  {fmt(t_warm)}   python -c pass {fmt(t_py)}   "
            f"ratio {t_warm / t_py:5.2f}  (target <= 2)"
        )
        print(f"  --json                             {fmt(t_json)}   ratio {t_json / t_py:5.1f}")
        print(f"  --regime drug                      {fmt(t_first)}   ratio {t_first / t_py:5.1f}")


def synthetic(n_substances: int, n_jurisdictions: int = 50, seed: int = 7) -> RegistryData:
    """A deterministic synthetic registry: add/remove/transfer/temporary/extend and one class per jurisdiction."""
    rng = random.Random(seed)
    data = RegistryData(root=Path("."), info=m.RegistryInfo(name="synthetic", version="2000.1", description="synthetic"), digest="0" * 64)
    data.families["f"] = m.Family(id="f", name="F", description="F")
    data.sources["src"] = m.Source(id="src", kind="primary", medium="official-publication", issuer="x", title="x")
    codes = [f"{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(n_jurisdictions)]
    for j in codes:
        data.jurisdictions[j] = m.Jurisdiction(id=j, name=j, kind="state")
        for k in ("a", "b"):
            lid = f"{j.lower()}.{k}"
            data.lists[lid] = m.ControlList(id=lid, jurisdiction=j, name=lid, regime="drug", coverage=m.Coverage(complete_from=dt.date(2000, 1, 1), note="c"))
    sids = [f"s{i}" for i in range(n_substances)]
    for sid in sids:
        data.substances[sid] = m.Substance(id=sid, name=sid.upper(), families=("f",))
    ref = (m.SourceRef(source="src"),)
    n_inst = 0

    def inst(j: str, day: dt.date, actions: list[dict[str, Any]]) -> str:
        nonlocal n_inst
        n_inst += 1
        iid = f"{j.lower()}.i{n_inst}"
        data.instruments[iid] = m.Instrument.model_validate(
            {"id": iid, "jurisdiction": j, "kind": "regulation", "title": iid, "issuer": ["x"], "dates": {"effective": day.isoformat()},
             "confidence": "official", "sources": [{"source": "src"}], "actions": actions}
        )
        return iid

    base = dt.date(2005, 1, 1)
    for j in codes:
        members = rng.sample(sids, k=min(20, len(sids)))
        cid = f"{j.lower()}.class"
        data.classes[cid] = m.ClassRule(id=cid, jurisdiction=j, name=cid, definition="d", sources=ref,
                                        exclusions=(m.Exclusion(kind="listed-by-name", text="t"),),
                                        members=tuple(m.Member(substance=s, sources=ref) for s in members))
        inst(j, base + dt.timedelta(days=rng.randrange(6000)), [{"type": "add", "list": f"{j.lower()}.b", "classes": [cid]}])
        chosen = rng.sample(sids, k=max(1, len(sids) // 4))
        batch: list[dict[str, Any]] = []
        for sid in chosen:
            day = base + dt.timedelta(days=rng.randrange(5000))
            kind = rng.random()
            if kind < 0.6:
                inst(j, day, [{"type": "add", "list": f"{j.lower()}.a", "substances": [{"substance": sid}]}])
                if rng.random() < 0.2:
                    inst(j, day + dt.timedelta(days=rng.randrange(1, 2000)), [{"type": "remove", "list": f"{j.lower()}.a", "substances": [{"substance": sid}]}])
                elif rng.random() < 0.2:
                    inst(j, day + dt.timedelta(days=rng.randrange(1, 2000)),
                         [{"type": "transfer", "from_list": f"{j.lower()}.a", "to_list": f"{j.lower()}.b", "substances": [{"substance": sid}]}])
            else:
                exp = day + dt.timedelta(days=730)
                tid = inst(j, day, [{"type": "temporary", "list": f"{j.lower()}.a", "substances": [{"substance": sid}], "expires": exp.isoformat()}])
                if rng.random() < 0.5:
                    inst(j, exp - dt.timedelta(days=10), [{"type": "extend", "of": tid, "expires": (exp + dt.timedelta(days=365)).isoformat()}])
        del batch
    return data


SIZES = tuple(int(x) for x in ("1000,10000,100000" if "--quick" not in sys.argv else "1000,10000").split(","))


def scale() -> None:
    print("\n== scale (synthetic, 50 jurisdictions) ==")
    print(
        f"{'substances':>10} {'intervals':>10} {'compile':>9} {'status':>9} {'gap 1st':>9} {'gap':>9} "
        f"{'gap new':>9} {'gap read':>9} {'+RSS MB':>8} {'MB/1k':>6}"
    )
    for n in SIZES:
        gc.collect()
        t_gen = time.perf_counter()
        data = synthetic(n)
        t_gen = time.perf_counter() - t_gen
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        gc.disable()  # as Registry.from_path does while loading
        t0 = time.perf_counter()
        index, errors = compile_registry(data)
        reg = Registry(data, index)
        t_compile = time.perf_counter() - t0
        gc.enable()
        peak = max(1, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024  # growth of peak RSS, bytes
        assert not errors, errors[:3]
        t_collect = time.perf_counter()
        gc.collect()  # the one pass a program pays once after loading; not counted in the queries below
        t_collect = time.perf_counter() - t_collect
        day = dt.date(2015, 6, 1)
        sids = list(data.substances)[:500]
        subs = [data.substances[s] for s in sids]
        t_first = best(lambda reg=reg, day=day: reg.gap("AA", "AB", day), repeat=1)
        t_status = best(lambda reg=reg, subs=subs, day=day: [reg.status(s, "AB", day) for s in subs], repeat=3) / len(subs)
        t_gap = best(lambda reg=reg, day=day: reg.gap("AA", "AB", day), repeat=3)
        days = iter(dt.date(2016, 1, 1) + dt.timedelta(days=97 * k) for k in range(100))
        t_new = best(lambda reg=reg, days=days: reg.gap("AA", "AB", next(days)), repeat=3)
        t_read = best(lambda reg=reg, day=day: [e.absent.reason for e in reg.gap("AA", "AB", day)], repeat=1)
        n_iv = sum(len(v) for v in index.by_substance.values())
        n_gap = len(reg.gap("AA", "AB", day))
        print(
            f"{n:>10,} {n_iv:>10,} {fmt(t_compile):>9} {fmt(t_status):>9} {fmt(t_first):>9} {fmt(t_gap):>9} "
            f"{fmt(t_new):>9} {fmt(t_read):>9} {peak / 1e6:8.0f} {peak / 1e6 / (n / 1000):6.1f}"
            f"   ({n_gap:,} gap entries; collector pass after load {t_collect:.2f} s; generated in {t_gen:.0f} s)"
        )
        del reg, index, data
    print(
        "compile: fold + index from validated models. status: 500 substances asked three times (answers are kept per\n"
        "stretch, so this is the cost of a question about a known stretch; see the bundled registry for a first question).\n"
        "gap 1st: the first gap after loading (merges every substance's\n"
        "spans in both jurisdictions); gap: again on the same day; gap new: on a day in another stretch (the set of\n"
        "controlled ids is worked out once per stretch between change days); gap read: a gap plus every entry's reason\n"
        "(statuses are built on first read). +RSS: growth of peak RSS during compile. Target at 100k: gap <= 50 ms."
    )


def chem() -> None:
    print("\n== structural readings (chem extra) ==")
    t0 = time.perf_counter()
    try:
        import rdkit  # noqa: F401
    except ImportError:
        print("RDKit not installed: pip install 'schedlib[chem]'")
        return
    t_import = time.perf_counter() - t0
    import csv

    from schedlib.chem import evaluate, parse_structure

    reg = schedlib.load()
    rows = list(csv.DictReader((Path(__file__).resolve().parents[1] / "tests" / "chem" / "expected.csv").open(encoding="utf-8")))
    smiles = [r["smiles"] for r in rows] * 20
    readings = [r.readings[0] for r in reg.classes.values() if r.readings]

    def run() -> None:
        for s in smiles:
            mol = parse_structure(s)
            for reading in readings:
                evaluate(reading, mol)

    t = best(run, repeat=3)
    print(f"import rdkit             {fmt(t_import)}")
    print(f"molecules per second     {len(smiles) / t:10,.0f} (parsing included, {len(readings)} readings each; target >= 2,000)")


def main() -> int:
    bundled()
    chem()
    if "--no-scale" not in sys.argv:
        scale()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
