import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parent.parent
_TOOL_LEFTOVERS = {".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "site", ".venv", "__pycache__"}


@pytest.fixture(scope="session", autouse=True)
def _tests_write_nothing_into_the_work_tree() -> object:
    """Tests write only to temporary directories and the cache: a stray file in the work tree fails the run."""
    before = {p.name for p in ROOT.iterdir()}
    yield
    new = {p.name for p in ROOT.iterdir()} - before - _TOOL_LEFTOVERS
    assert not new, f"tests left {sorted(new)} in {ROOT}"
