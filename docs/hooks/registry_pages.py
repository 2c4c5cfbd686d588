"""mkdocs hook: add one page per jurisdiction, list, substance, instrument and class rule, made at build time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs.structure.files import File, Files

import schedlib
from schedlib.site import registry_pages

MATRIX_DAYS = (dt.date(2017, 1, 1), dt.date(2018, 6, 1), dt.date(2019, 6, 1))
MATRIX_FAMILIES = ("fentanyl", "fentanyl-precursor")


def on_files(files: Files, config: Any) -> Files:
    for path, content in registry_pages(schedlib.load(), matrix_days=MATRIX_DAYS, matrix_families=MATRIX_FAMILIES).items():
        files.append(File.generated(config, path, content=content))
    return files
