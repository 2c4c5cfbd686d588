"""Helpers of the site tests: the Makefile's docs step, a quiet file server, and a headless Chromium to read pages.

The browser is driven over the DevTools protocol through a pipe (``--remote-debugging-pipe``), with the
standard library only: no driver, no download, no network beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import http.server
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
MKDOCS = Path(sys.executable).with_name("mkdocs")


def makefile_docs_step() -> str:
    """The line of the Makefile's ``test`` target that builds the docs (the step CI runs), as a shell command."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = text.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    lines = [ln.strip() for ln in target.splitlines() if "mkdocs build" in ln]
    assert len(lines) == 1, "the Makefile's test target has one mkdocs line"
    return lines[0]


def run_docs_step(cwd: Path, venv: Path, bin_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the Makefile's docs step in ``cwd``, with the site and the log under ``venv`` (mkdocs from ``bin_dir``)."""
    venv.mkdir(parents=True, exist_ok=True)
    line = makefile_docs_step().replace("$(BIN)", str(bin_dir or MKDOCS.parent)).replace("$(VENV)", str(venv))
    return subprocess.run(["bash", "-c", line], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Browser:
    """Headless Chromium over the DevTools protocol on a pipe (fd 3: commands in, fd 4: events out)."""

    def __init__(self, profile: Path) -> None:
        assert CHROMIUM is not None
        to_child_r, self._w = os.pipe()
        self._r, from_child_w = os.pipe()
        os.set_inheritable(to_child_r, True)
        os.set_inheritable(from_child_w, True)

        def remap() -> None:  # runs in the child: the protocol's pipes must be fds 3 and 4
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--remote-debugging-pipe",
            f"--user-data-dir={profile}",
        ]
        self._proc = subprocess.Popen(
            [CHROMIUM, *flags, "about:blank"],
            preexec_fn=remap,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self._events: list[dict[str, Any]] = []
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")

    def _message(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return dict(json.loads(raw))

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._message(60)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self._events.append(reply)

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._send(method, params, self._session)

    def open(self, url: str, width: int, height: int = 900) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        self._events.clear()
        self.call("Page.navigate", {"url": url})
        deadline = time.monotonic() + 60
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load")
            self._events.append(self._message(60))
        self.js("document.fonts.ready.then(() => true)")

    def js(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.2)
        raise TimeoutError(f"never true: {expression}")

    def screenshot(self, path: Path) -> None:
        height = int(self.js("Math.min(document.documentElement.scrollHeight, 6000)"))
        width = int(self.js("window.innerWidth"))
        data = self.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
            },
        )["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self._send("Browser.close")
        try:
            self._proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._w)
        os.close(self._r)
