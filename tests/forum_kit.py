"""Helpers for the forum's tests: a forum on a fresh database, people in each role, and forms sent with their token."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette", reason="the forum's tests need the forum extra: pip install -e '.[test]'")

from starlette.testclient import TestClient  # noqa: E402

from speakeasy.cli import build_parser  # noqa: E402
from speakeasy.forum.accounts import create_user  # noqa: E402
from speakeasy.forum.app import create_app  # noqa: E402
from speakeasy.forum.cli import settings_from  # noqa: E402
from speakeasy.forum.db import open_database  # noqa: E402
from speakeasy.forum.models import MAINTAINER, MEMBER  # noqa: E402

PASSWORD = "a long enough password"

# argon2id still, with small costs so that each login in a test takes milliseconds, not a second
from argon2 import PasswordHasher  # noqa: E402

from speakeasy.forum import accounts  # noqa: E402

accounts._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


class Forum:
    def __init__(self, tmp: Path, wordlist: Path | None = None, database: str = "",
                 documents: Path | None = None) -> None:
        self.tmp = tmp
        self.wordlist = wordlist or tmp / "our-words.yaml"
        argv = ["forum", "serve", "--no-config", "--list", str(self.wordlist), "--data", str(tmp / "data"),
                "--name", "Test forum"]
        if database:
            argv += ["--database", database]
        if documents:
            argv += ["--documents", str(documents)]
        self.settings, self.config = settings_from(build_parser().parse_args(argv))
        self.factory = open_database(self.settings)
        self.app = create_app(self.settings, self.config, self.factory)
        with self.factory() as db:
            create_user(db, "max", "Max Maintainer", PASSWORD, MAINTAINER)
            create_user(db, "mo", "Mo Member", PASSWORD, MEMBER)
            create_user(db, "meg", "Meg Member", PASSWORD, MEMBER)
            db.commit()

    def client(self, who: str | None = None) -> TestClient:
        c = TestClient(self.app, base_url="http://127.0.0.1", follow_redirects=False)
        c.get("/")  # the form token's cookie
        if who:
            r = send(c, "/login", {"username": who, "password": PASSWORD})
            assert r.status_code == 303, r.text
        return c


def send(client: TestClient, path: str, data: dict[str, Any]) -> Any:
    """Post a form as a browser does, with the token from the cookie."""
    token = client.cookies.get("csrftoken")
    assert token, "no form token cookie yet"
    return client.post(path, data={"csrftoken": token, **data})


def first_id(location: str) -> int:
    found = re.search(r"/proposals/(\d+)", location)
    assert found, location
    return int(found.group(1))


WORD = {"term": "carer passport", "use": "a card that says you are a carer", "why": "Many people do not know "
        "what this means.", "examples": "Ask us for a carer passport."}


@pytest.fixture
def forum(tmp_path: Path) -> Forum:
    return Forum(tmp_path)
