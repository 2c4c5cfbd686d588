"""What the sdist and the wheel carry: everything the tests read, and the licences (issue 14, case 9).

CI also builds the sdist, builds the wheel from it, installs the wheel and runs the whole suite from
the unpacked sdist (``make test-wheel``); these checks fail fast, without a build.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_sdist_carries_what_the_tests_and_the_docs_read() -> None:
    include = set(PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"])
    needed = {"src", "registry", "tests", "docs", "benchmarks", "mkdocs.yml", "README.md", "LICENSE", "LICENSE-DATA", "Makefile"}
    assert needed <= include, sorted(needed - include)
    # every top-level directory that a test names by path is in the sdist
    named = set()
    for test in (ROOT / "tests").rglob("*.py"):
        text = test.read_text(encoding="utf-8")
        named |= set(re.findall(r'(?:ROOT|parents\[2\]|parent\.parent\.parent)\s*/\s*"([A-Za-z0-9_.-]+)"', text))
    always = {"pyproject.toml"}  # every sdist has it
    missing = {n for n in named if not n.startswith(".") and (ROOT / n).exists() and n not in include | always}
    assert not missing, sorted(missing)


def test_the_licences_are_there_and_stated() -> None:
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in code and "Version 2.0, January 2004" in code
    data = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "registry/" in data and "CC0 1.0 Universal" in data
    assert PYPROJECT["project"]["license"] == "Apache-2.0 AND CC0-1.0"
    assert PYPROJECT["project"]["license-files"] == ["LICENSE", "LICENSE-DATA"]


def test_the_citation_file_names_both_licences() -> None:
    # CITATION.cff is read by GitHub and Zenodo: it must not say the data is Apache-2.0 only
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    block = re.search(r"^license:\n((?:  - .+\n)+)", text, re.M)
    assert block, "CITATION.cff lists its licences as a YAML list"
    assert re.findall(r"  - (\S+)", block.group(1)) == ["Apache-2.0", "CC0-1.0"]
