"""Many threads loading and querying at once get one registry and the same answers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import schedlib

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def test_threads_share_one_registry_and_agree() -> None:
    def work(i: int) -> tuple[int, bool, str, int]:
        reg = schedlib.load(MINI)
        st = reg.status("gamma", "AA", "2014-06-01")
        gap = reg.gap("AA", "BB", "2016-06-01")
        return id(reg), st.controlled, st.reason, len(gap)

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(work, range(200)))
    assert len({r[0] for r in results}) == 1
    assert {r[1:] for r in results} == {(True, "listed", 3)}


def test_threads_filling_the_kept_answers_at_once_agree_with_one_thread() -> None:
    """Kept answers (one per stretch) and kept gap sets are filled by many threads at once, from empty."""
    import datetime as dt
    import random

    from schedlib.registry import Registry

    base = schedlib.load()
    rng = random.Random(3)
    sids = sorted(base.substances)
    queries = [
        (rng.choice(sids), rng.choice(["CN", "US", "UN", "CA"]), dt.date(1980, 1, 1) + dt.timedelta(days=rng.randrange(17000)))
        for _ in range(3000)
    ]
    gap_days = [dt.date(1990, 1, 1) + dt.timedelta(days=37 * k) for k in range(300)]  # more stretches than are kept

    def fresh() -> Registry:
        return Registry(base._data, base._index, base._names)

    alone = fresh()
    expected = [alone.status(*q).to_dict() for q in queries]
    expected_gaps = [sorted(alone.gap("US", "CN", d).ids()) for d in gap_days]

    shared = fresh()
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: shared.status(*q).to_dict(), queries))
        got_gaps = list(pool.map(lambda d: sorted(shared.gap("US", "CN", d).ids()), gap_days))
    assert got == expected
    assert got_gaps == expected_gaps
