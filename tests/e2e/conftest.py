"""Fixtures of the site tests: the site built once per session by the Makefile's docs step, served on localhost,
and one headless Chromium (see ``sitekit``)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitekit import CHROMIUM, MKDOCS, ROOT, Browser, QuietHandler, run_docs_step


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built by the Makefile's own docs step (strict: fails on any warning)."""
    if not MKDOCS.exists():
        pytest.skip("mkdocs is in the docs extra")
    venv = tmp_path_factory.mktemp("docs-build")
    result = run_docs_step(ROOT, venv)
    log = (venv / "mkdocs.log").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout + log
    assert not re.search(r"^(WARNING|ERROR)", log, re.M), log
    return venv / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (CI installs the Debian package 'chromium')")
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go, for a person to look at: ``$SCHEDLIB_SCREENSHOTS`` or a temporary directory."""
    target = Path(os.environ.get("SCHEDLIB_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    target.mkdir(parents=True, exist_ok=True)
    return target
