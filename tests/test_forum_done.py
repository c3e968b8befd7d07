"""The issue's "done when", as a new user would do it: make the first maintainer and serve the forum with the
commands, invite a member, who proposes a word; agree it at a meeting, publish it, and `speakeasy check` flags it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import ROOT
from forum_browser import free_port

pytestmark = pytest.mark.slow


def _form(c: httpx.Client, path: str, data: dict[str, str]) -> httpx.Response:
    return c.post(path, data={"csrftoken": c.cookies.get("csrftoken") or "", **data})


def test_a_new_user_from_the_first_command_to_a_flagged_word(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "SPEAKEASY_CACHE_DIR": str(tmp_path / "cache")}
    (tmp_path / ".speakeasy.yaml").write_text("wordlists: [our-words.yaml]\n", encoding="utf-8")
    speakeasy = [sys.executable, "-m", "speakeasy"]
    run = dict(cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    made = subprocess.run([*speakeasy, "forum", "add-maintainer", "sam", "--full-name", "Sam Lee",
                           "--password-stdin"], input="sam's long password\n", **run)  # type: ignore[call-overload]
    assert made.returncode == 0, made.stderr
    port = free_port()
    server = subprocess.Popen([*speakeasy, "forum", "serve", "--port", str(port), "--name", "Carers forum"],
                              cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(url + "/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        with httpx.Client(base_url=url, timeout=60) as sam, httpx.Client(base_url=url, timeout=60) as ann:
            sam.get("/login")
            assert _form(sam, "/login", {"username": "sam", "password": "sam's long password"}).status_code == 303
            page = _form(sam, "/invite", {"role": "member", "note": "Ann"}).text
            link = re.search(r'<code id="link">([^<]+)</code>', page).group(1)
            assert link.startswith(url + "/join/")
            ann.get(link)
            r = _form(ann, link.removeprefix(url), {"username": "ann", "name": "Ann Smith",
                                                    "password": "ann's long password", "again": "ann's long password"})
            assert r.status_code == 303
            r = _form(ann, "/propose", {"term": "carer passport", "use": "a card that says you are a carer",
                                        "why": "Many people do not know what this means."})
            assert r.status_code == 303, r.text
            pid = re.search(r"/proposals/(\d+)", r.headers["location"]).group(1)
            assert _form(ann, f"/proposals/{pid}/comment", {"comment": "We should ask the carers group."}
                         ).status_code == 303
            assert _form(sam, "/meetings", {"held_on": "2026-12-07", "present": "Sam Lee\nAnn Smith",
                                            "group": "Carers forum"}).status_code == 303
            assert _form(sam, f"/proposals/{pid}/agree", {"meeting": "1"}).status_code == 303
            assert "Published:" in _form(sam, "/publish", {}).text
    finally:
        server.terminate()
        server.communicate(timeout=30)
    doc = tmp_path / "leaflet.md"
    doc.write_text("Ask us for a carer passport.\n", encoding="utf-8")
    checked = subprocess.run([*speakeasy, "check", "leaflet.md"], **run)  # type: ignore[call-overload]
    assert checked.returncode == 0  # a warning does not fail the check by default
    assert "leaflet.md:1:12: warning [local.our-words]" in checked.stdout
    assert "Use: a card that says you are a carer  (agreed by Carers forum, December 2026)" in checked.stdout
    text = (tmp_path / "our-words.yaml").read_text(encoding="utf-8")
    assert "added_by: Ann Smith" in text and "agreed_by: Carers forum" in text and "agreed: 2026-12-07" in text
