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
