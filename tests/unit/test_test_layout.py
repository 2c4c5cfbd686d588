"""The suite can be run folder by folder, in any combination (``pytest tests/unit tests/e2e``).

Each folder has its own ``conftest.py``; pytest imports them all under the one module name ``conftest``,
so a test that imports from ``conftest`` gets whichever folder's file came first. Shared helpers live in
``tests/domain.py`` instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent


def test_no_test_module_imports_a_conftest_by_name() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            if any(name.split(".")[0] == "conftest" for name in names):
                offenders.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert not offenders, "import shared helpers from domain, not conftest: " + ", ".join(offenders)
