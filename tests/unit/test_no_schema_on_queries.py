"""Queries run on the compiled index: with a warm cache, no query imports pydantic or yaml (issue 20).

Each public query function is called in a fresh process whose cache holds the compiled index,
then the process reports whether ``pydantic`` or ``yaml`` is in ``sys.modules``. The command
line's query forms are checked the same way, through ``python -X importtime`` (which lists every
module the process imported).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_DAY = "2018-06-01"
CALLS = [
    f"schedlib.status('carfentanil', 'CN', {_DAY!r})",
    f"schedlib.status('carfentanil', 'CN', {_DAY!r}).to_dict()",
    f"[e.to_dict() for e in schedlib.gap('US', 'CN', {_DAY!r})]",
    f"schedlib.controlled('CN', {_DAY!r})",
    f"schedlib.coverage('US', {_DAY!r})",
    "schedlib.diff('US', '2017-01-01', '2019-01-01').to_dict()",
    "[e.to_dict() for e in schedlib.history('carfentanil')]",
    "schedlib.first_controlled('carfentanil', 'UN,US,CN')",
    "schedlib.find('fentanyl citrate').to_dict()",
    f"schedlib.status_many(['fentanyl', 'nosuchthing'], ['US', 'CN'], {_DAY!r})",
    f"schedlib.screen(b'name\\nfentanyl\\n50-36-2\\n', 'US,CN', {_DAY!r}).to_dict()",
    "schedlib.load().resolve('盐酸吗啡')",
    "schedlib.load().lists_of('US')",
    f"__import__('schedlib.render').render.render_query('status carfentanil --in CN --on {_DAY}', schedlib.load())",
]
COMMANDS = [
    ["status", "carfentanil", "--in", "CN", "--on", _DAY],
    ["status", "carfentanil", "--in", "CN,US", "--on", _DAY, "--json"],
    ["gap", "--controlled-in", "US", "--not-in", "CN", "--on", _DAY],
    ["gap", "--controlled-in", "US", "--not-in", "CN", "--on", _DAY, "--json"],
    ["controlled", "CN", "--on", _DAY],
    ["history", "carfentanil"],
    ["diff", "US", "2017-01-01", "2019-01-01"],
    ["find", "carfentanil"],
    ["first", "carfentanil", "--in", "UN,US,CN"],
    ["coverage", "US", "--on", _DAY],
]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = {**os.environ, "SCHEDLIB_CACHE_DIR": str(tmp_path_factory.mktemp("cache")), "PYTHONIOENCODING": "utf-8"}
    subprocess.run([sys.executable, "-c", "import schedlib; schedlib.load()"], env=env, check=True, timeout=600)
    assert list(Path(env["SCHEDLIB_CACHE_DIR"]).glob("registry-*.cache"))
    return env


@pytest.mark.parametrize("call", CALLS)
def test_a_query_imports_neither_pydantic_nor_yaml(warm: dict[str, str], call: str) -> None:
    code = f"import sys, schedlib; {call}; print(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=warm, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", call


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_a_command_imports_neither_pydantic_nor_yaml(warm: dict[str, str], argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "schedlib", *argv], capture_output=True, text=True, env=warm, timeout=300
    )
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "schedlib.registry" in imported  # the listing is complete: the query's own modules are in it
    assert not {m for m in imported if m.split(".")[0] in ("pydantic", "yaml")}, argv


def test_asking_for_a_schema_model_still_works(warm: dict[str, str]) -> None:
    code = (
        "import sys, schedlib; r = schedlib.load(); assert 'pydantic' not in sys.modules; "
        "s = r.substances['fentanyl']; print(type(s).__module__, s.to_dict() == r.find('fentanyl').to_dict())"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=warm, timeout=300)
    assert done.stdout.split() == ["schedlib.models", "True"], done.stderr


def test_every_substance_record_says_what_its_model_says() -> None:
    import schedlib

    reg = schedlib.load()
    for sid, model in reg.substances.items():
        assert reg.find(sid).to_dict() == model.to_dict(), sid
