"""Shared fixtures of the unit tests: a fresh copy of the small ``mini`` registry, and its errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schedlib.engine import compile_registry
from schedlib.errors import RegistryError
from schedlib.loader import read_registry

MINI = Path(__file__).parent.parent / "fixtures" / "mini"


def errors_of(root: Path) -> list[RegistryError]:
    """Every error of the registry at ``root``: reading and, if it reads cleanly, folding."""
    data, errors = read_registry(root)
    if data is not None and not errors:
        _, errors = compile_registry(data)
    return errors


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini registry."""
    root = tmp_path / "registry"
    shutil.copytree(MINI, root)
    return root
