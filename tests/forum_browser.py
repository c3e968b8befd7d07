"""The forum served on the loopback address, and headless Chromium driven through its DevTools protocol.

Chromium and axe-core are found as the HTML report's tests find them
(``tests/test_report_html.py``): Chromium on the PATH, axe-core at
``.ci/node/node_modules/axe-core/axe.min.js`` or ``$SPEAKEASY_AXE_JS``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from test_report_html import AXE_TAGS, _axe, _chromium

websocket = pytest.importorskip("websocket", reason="needs websocket-client (in the test extra)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn serving an app on 127.0.0.1 in a thread, stopped by :meth:`stop`."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                break
            time.sleep(0.05)
        assert self.server.started, "the forum did not start"
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


class Browser:
    """One page of headless Chromium, driven by the DevTools protocol."""

    def __init__(self, profile: Path, *flags: str) -> None:
        profile.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1280,900", *flags,
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            pages = [t for t in json.load(r) if t["type"] == "page"]
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == mine:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression: str, wait: bool = False) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=wait)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _loaded(self, before: str | None = None) -> None:
        for _ in range(400):
            try:
                state = self.js("document.readyState + ' ' + location.href + ' ' + (window.__mark || '')")
            except RuntimeError:
                state = None
            if state and state.startswith("complete") and (before is None or not state.endswith(before)):
                return
            time.sleep(0.025)
        raise AssertionError("the page did not load")

    def go(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        time.sleep(0.05)
        self._loaded()

    def mark(self) -> str:
        """Mark this page, so :meth:`wait_new_page` knows when the next one has come."""
        token = f"m{time.monotonic_ns()}"
        self.js(f"window.__mark = {json.dumps(token)}")
        return token

    def wait_new_page(self, token: str) -> None:
        self._loaded(before=token)

    def key(self, name: str, shift: bool = False) -> None:
        codes = {"Tab": 9, "Enter": 13, "Space": 32, "ArrowDown": 40, "ArrowUp": 38}
        text = {"Enter": "\r", "Space": " "}.get(name, "")
        base = {"key": " " if name == "Space" else name, "code": name, "windowsVirtualKeyCode": codes[name],
                "modifiers": 8 if shift else 0}
        self.send("Input.dispatchKeyEvent", type="rawKeyDown" if not text else "keyDown", text=text, **base)
        self.send("Input.dispatchKeyEvent", type="keyUp", **base)

    def type(self, text: str) -> None:
        self.send("Input.insertText", text=text)

    def focused(self) -> dict[str, Any]:
        return self.js("""(() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || '',
                    text: (e.innerText || e.value || '').trim(),
                    type: e.type || '', href: e.getAttribute('href') || '',
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    shadow: s.boxShadow !== 'none'}; })()""")

    def tab_to(self, want: Any, most: int = 60) -> dict[str, Any]:
        """Press Tab until ``want(focused)`` is true; every stop on the way must show where the focus is."""
        for _ in range(most):
            self.key("Tab")
            now = self.focused()
            if now["tag"] not in ("body", "main"):
                assert now["outline"] or now["shadow"], f"no visible focus on {now}"
            if want(now):
                return now
        raise AssertionError(f"Tab never reached the control ({most} presses)")

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the page as it is now."""
        self.js(_axe().read_text(encoding="utf-8"))
        data = self.js(f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(AXE_TAGS)}}}, "
                       "resultTypes: ['violations']}).then(r => r.violations)", wait=True)
        return list(data)

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
