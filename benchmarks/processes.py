"""Whole-process benchmarks of the command line and of a fresh ``import schedlib``, run on demand.

Every figure is a ratio to ``python -c pass`` measured in the same run, by the same Python,
interleaved with the commands (median of N runs each, warm cache: each command runs once
before timing). Peak RSS is each process's own (``wait4``). Nothing here is asserted by the
test suite: speed depends on the machine and its load.

    python benchmarks/processes.py [--python PY] [--registry DIR] [-n 7] [--scale 3]

``--scale K`` also writes a synthetic registry K times the bundled one (every substance,
class rule and instrument copied K-1 times under new ids, see :func:`scaled_registry`) and
measures it too.

Targets (issue 20): every CLI query form <= 2x, ``import schedlib; schedlib.status(...)``
<= 3x, peak RSS of ``schedlib status`` <= 1.5x that of ``python -c pass``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NAME = "carfentanil"
FORMS: list[tuple[str, list[str]]] = [
    ("status", ["status", NAME, "--in", "CN", "--on", "2018-06-01"]),
    ("status --json", ["status", NAME, "--in", "CN", "--on", "2018-06-01", "--json"]),
    ("gap", ["gap", "--controlled-in", "US", "--not-in", "CN", "--on", "2018-06-01"]),
    ("history", ["history", NAME]),
    ("diff", ["diff", "US", "2017-01-01", "2019-01-01"]),
    ("find", ["find", NAME]),
    ("first", ["first", NAME, "--in", "UN,US,CN"]),
    ("coverage", ["coverage", "US", "--on", "2018-06-01"]),
]
TARGET_CLI = 2.0
TARGET_IMPORT = 3.0
TARGET_RSS = 1.5


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in kB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss


def measure(jobs: dict[str, list[str]], env: dict[str, str], n: int) -> dict[str, tuple[float, int]]:
    """Median wall time and median peak RSS of each job, the jobs interleaved round by round."""
    for argv in jobs.values():  # warm the cache and the file system
        run_once(argv, env)
    times: dict[str, list[float]] = {k: [] for k in jobs}
    rss: dict[str, list[int]] = {k: [] for k in jobs}
    for _ in range(n):
        for k, argv in jobs.items():
            t, r = run_once(argv, env)
            times[k].append(t)
            rss[k].append(r)
    return {k: (statistics.median(times[k]), int(statistics.median(rss[k]))) for k in jobs}


def scaled_registry(src: Path, dest: Path, k: int) -> Path:
    """A copy of the registry at ``src`` with every substance, class rule and instrument present ``k`` times.

    Copy ``i`` (2..k) renames each id ``X`` of those kinds to ``X-copyI`` in its own file and in
    every reference (substance ids in actions, members and covers; class ids; ``extend.of``), so
    the fold and every query see a registry ``k`` times the size with the same shape. Names get a
    suffix so that they stay unambiguous. Lists, sources and jurisdictions are shared.
    """
    import yaml

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest)
    sub_ids = set()
    for p in (src / "substances").glob("*.yaml"):
        sub_ids.add(yaml.safe_load(p.read_text(encoding="utf-8"))["id"])
    class_ids = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in (src / "classes").glob("*.yaml")}
    inst_files = sorted((src / "instruments").rglob("*.yaml"))
    inst_ids = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in inst_files}

    def rename(obj: object, tag: str, key: str | None = None) -> object:
        if isinstance(obj, dict):
            return {kk: rename(v, tag, kk) for kk, v in obj.items()}
        if isinstance(obj, list):
            return [rename(v, tag, key) for v in obj]
        if isinstance(obj, str):
            if key in ("substance", "substances", "reference_substance") and obj in sub_ids:
                return obj + tag
            if key in ("classes",) and obj in class_ids:
                return obj + tag
            if key in ("of",) and obj in inst_ids:
                return obj + tag
        return obj

    for i in range(2, k + 1):
        tag = f"-copy{i}"
        for p in (src / "substances").glob("*.yaml"):
            doc = yaml.safe_load(p.read_text(encoding="utf-8"))
            doc["id"] += tag
            doc["name"] += f" (copy {i})"
            doc.pop("identifiers", None)  # CAS numbers, InChIKeys ... must stay unique
            doc["synonyms"] = [dict(s, name=f"{s['name']} (copy {i})") for s in doc.get("synonyms", [])]
            (dest / "substances" / f"{p.stem}{tag}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        for p in (src / "classes").glob("*.yaml"):
            doc = rename(yaml.safe_load(p.read_text(encoding="utf-8")), tag)
            assert isinstance(doc, dict)
            doc["id"] += tag
            doc["name"] += f" (copy {i})"
            (dest / "classes" / f"{p.stem}{tag}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        for p in inst_files:
            doc = rename(yaml.safe_load(p.read_text(encoding="utf-8")), tag)
            assert isinstance(doc, dict)
            doc["id"] += tag
            rel = p.relative_to(src)
            (dest / rel.parent / f"{p.stem}{tag}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    editions = dest / "editions"
    if editions.exists():  # an edition lists the originals only: it would disagree with the copies
        shutil.rmtree(editions)
    return dest


def entry_script() -> Path:
    """A script like the one pip writes for the ``schedlib`` command (the entry point named in pyproject.toml)."""
    import re

    spec = re.search(r'^schedlib = "([\w.]+):(\w+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert spec is not None
    path = Path(tempfile.gettempdir()) / f"schedlib-bench-entry-{os.getpid()}.py"
    path.write_text(f"import sys\nfrom {spec[1]} import {spec[2]}\nsys.exit({spec[2]}())\n", encoding="utf-8")
    return path


def report(label: str, python: str, registry: Path | None, n: int) -> list[str]:
    env = dict(os.environ)
    # a cache directory of its own: the shared one keeps a few registries only, so other users evict ours
    env["SCHEDLIB_CACHE_DIR"] = tempfile.mkdtemp(prefix="schedlib-bench-cache-")
    if registry is not None:
        env["SCHEDLIB_REGISTRY"] = str(registry)
    exe = [python, str(entry_script())]
    jobs: dict[str, list[str]] = {"python -c pass": [python, "-c", "pass"]}
    for name, argv in FORMS:
        jobs[name] = [*exe, *argv]
    jobs["import schedlib; status()"] = [
        python,
        "-c",
        f"import schedlib; schedlib.status({NAME!r}, 'CN', '2018-06-01')",
    ]
    got = measure(jobs, env, n)
    base_t, base_rss = got["python -c pass"]
    lines = [f"{label}: python -c pass {base_t * 1000:.1f} ms, {base_rss / 1024:.1f} MB (median of {n})"]
    missed = []
    for k, (t, r) in got.items():
        if k == "python -c pass":
            continue
        ratio = t / base_t
        target = TARGET_IMPORT if k.startswith("import") else TARGET_CLI
        mark = "ok" if ratio <= target else f"MISSED by {ratio / target:.2f}x"
        lines.append(f"  {k:28s} {t * 1000:7.1f} ms  {ratio:5.2f}x (<= {target}: {mark})  rss {r / 1024:5.1f} MB {r / base_rss:4.2f}x")
        if ratio > target:
            missed.append(k)
    st_rss = got["status"][1] / base_rss
    lines.append(f"  peak RSS of status {st_rss:.2f}x python -c pass (<= {TARGET_RSS}: {'ok' if st_rss <= TARGET_RSS else 'MISSED'})")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--registry", type=Path, default=None)
    ap.add_argument("-n", type=int, default=7)
    ap.add_argument("--scale", type=int, default=0, help="also measure a synthetic registry SCALE times the bundled one")
    args = ap.parse_args()
    version = subprocess.run([args.python, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True)
    label = f"Python {version.stdout.strip()}"
    for line in report(f"{label}, bundled registry", args.python, args.registry, args.n):
        print(line, flush=True)
    if args.scale > 1:
        with tempfile.TemporaryDirectory() as tmp:
            big = scaled_registry(args.registry or ROOT / "registry", Path(tmp) / "registry", args.scale)
            for line in report(f"{label}, registry x{args.scale}", args.python, big, args.n):
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
