"""Shared fixtures of the unit tests: a fresh copy of the small ``mini`` registry, and its errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from domain import MINI, errors_of

__all__ = ["MINI", "errors_of", "mini"]


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the mini registry."""
    root = tmp_path / "registry"
    shutil.copytree(MINI, root)
    return root
