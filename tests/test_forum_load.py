"""50 members at once on the loopback address: each logs in, reads, searches, comments and votes.  No errors.

Bounded: 50 members, 9 requests each, one run, on 127.0.0.1 only, with a time limit.
"""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest

from forum_browser import Server
from forum_kit import PASSWORD, WORD, Forum, first_id, send

pytestmark = pytest.mark.slow
MEMBERS = 50


def test_fifty_members_at_once(tmp_path: Path) -> None:
    from speakeasy.forum.accounts import create_user
    from speakeasy.forum.models import Comment, Vote

    forum = Forum(tmp_path)
    pid = first_id(send(forum.client("mo"), "/propose", WORD).headers["location"])
    with forum.factory() as db:
        for n in range(MEMBERS):
            create_user(db, f"member{n}", f"Member {n}", PASSWORD)
        db.commit()
    server = Server(forum.app)
    problems: list[str] = []
    times: list[float] = []
    start = threading.Barrier(MEMBERS)

    def member(n: int) -> None:
        try:
            visit(n)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, with whose it was
            problems.append(f"member{n}: {exc!r}")

    def visit(n: int) -> None:
        with httpx.Client(base_url=server.url, timeout=60, follow_redirects=False) as c:
            def step(method: str, path: str, ok: int, **kw: object) -> httpx.Response:
                t = time.perf_counter()
                r = c.request(method, path, **kw)  # type: ignore[arg-type]
                times.append(time.perf_counter() - t)
                if r.status_code != ok:
                    problems.append(f"member{n} {method} {path}: {r.status_code} {r.text[:200]}")
                return r

            def post(path: str, data: dict[str, str], ok: int = 303) -> httpx.Response:
                return step("POST", path, ok, data={"csrftoken": c.cookies.get("csrftoken") or "", **data})

            start.wait(60)
            step("GET", "/login", 200)
            post("/login", {"username": f"member{n}", "password": PASSWORD})
            step("GET", "/", 200)
            step("GET", "/words", 200, params={"q": "care"})
            step("GET", "/words/social-care/signpost", 200)
            step("GET", f"/proposals/{pid}", 200)
            post(f"/proposals/{pid}/comment", {"comment": f"Comment from member {n}."})
            post(f"/proposals/{pid}/vote", {"choice": "for" if n % 3 else "against"})
            page = step("GET", f"/proposals/{pid}", 200).text
            if f"Comment from member {n}." not in page:
                problems.append(f"member{n}: their comment is not on the page")

    threads = [threading.Thread(target=member, args=(n,)) for n in range(MEMBERS)]
    began = time.perf_counter()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(240)
    finally:
        server.stop()
    took = time.perf_counter() - began
    assert not any(t.is_alive() for t in threads), "some members were still waiting after 4 minutes"
    assert not problems, "\n".join(problems[:20])
    assert len(times) == MEMBERS * 9
    with forum.factory() as db:
        assert db.query(Comment).count() == MEMBERS
        votes = db.query(Vote).all()
        assert len(votes) == MEMBERS
        assert sum(v.choice == "for" for v in votes) == len([n for n in range(MEMBERS) if n % 3])
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"{MEMBERS} members, {len(times)} requests in {took:.1f} s; median {statistics.median(times) * 1000:.0f} ms, "
          f"95th percentile {p95 * 1000:.0f} ms")
