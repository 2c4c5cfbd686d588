"""The documentation site, built and opened in headless Chromium.

Builds the site from the registry, serves it on localhost, loads the carfentanil
page, a list page and the page with an embedded gap answer, and checks that the
citation, the dates and the figure are in the rendered DOM. Screenshots are
written to ``$SCHEDLIB_SCREENSHOTS`` (default: pytest's tmp dir) for a person to look at.
Skips with a reason where Chromium or mkdocs is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("mkdocs", reason="mkdocs is in the docs extra")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (CI installs the Debian package 'chromium')"),
]
ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [str(Path(os.sys.executable).with_name("mkdocs")), "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        check=True,
        env=env,
        timeout=300,
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _chromium(url: str, profile: Path, *extra: str) -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def _shots(tmp_path: Path) -> Path:
    target = Path(os.environ.get("SCHEDLIB_SCREENSHOTS", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.mark.parametrize(
    ("path", "needles"),
    [
        (
            "registry/substances/carfentanil/",
            ["Carfentanil", "卡芬太尼", "2017-03-01", "cn.nps-supplementary", "<svg", "registry 2026"],
        ),
        ("registry/lists/cn.nps-supplementary/", ["Supplementary List", "Coverage", "<svg", "Carfentanil"]),
        ("citing/", ["schedlib-answer", "Controlled in US but not known to be controlled in CN on 2018-06-01", "schedlib-stamp"]),
    ],
)
def test_pages_render_in_chromium(site: str, path: str, needles: list[str], tmp_path: Path) -> None:
    dom = _chromium(f"{site}/{path}", tmp_path / "profile", "--dump-dom")
    for needle in needles:
        assert needle in dom, f"{path}: {needle!r} not in the rendered page"
    shot = _shots(tmp_path) / (path.strip("/").replace("/", "_") + ".png")
    _chromium(f"{site}/{path}", tmp_path / "profile2", f"--screenshot={shot}", "--window-size=1280,1600", "--hide-scrollbars")
    assert shot.exists() and shot.stat().st_size > 10_000
