"""Law is data: no substance, list or instrument id and no date appears as a value in src/ (docstrings and help texts aside)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import schedlib

SRC = Path(schedlib.__file__).parent
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _values(tree: ast.AST) -> list[str]:
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_registry_ids_or_dates_in_code() -> None:
    reg = schedlib.load()
    ids = set(reg.substances) | set(reg.lists) | set(reg.instruments) | set(reg.classes) | set(reg.sources)
    found = []
    for path in SRC.glob("*.py"):
        for value in _values(ast.parse(path.read_text(encoding="utf-8"))):
            if value in ids or DATE.match(value):
                found.append(f"{path.name}: {value!r}")
    assert not found, found
