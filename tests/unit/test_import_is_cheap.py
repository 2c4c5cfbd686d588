"""`import schedlib` parses nothing and imports neither pydantic nor yaml: the first query does."""

from __future__ import annotations

import subprocess
import sys


def test_import_schedlib_is_cheap() -> None:
    code = "import sys, schedlib; print(sorted(m for m in ('pydantic', 'yaml', 'schedlib.registry') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]", out
