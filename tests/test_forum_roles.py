"""Each role (not logged in, member, maintainer) tried against each action of the forum."""

from __future__ import annotations

from typing import Any

import pytest

from forum_kit import WORD, Forum, first_id, forum, send  # noqa: F401

# action -> the lowest role that may do it
ACTIONS = {
    "propose": "member",
    "comment": "member",
    "vote": "member",
    "edit": "member",
    "meeting": "maintainer",
    "agree": "maintainer",
    "close": "maintainer",
    "publish": "maintainer",
    "invite": "maintainer",
    "retire": "maintainer",
    "judge": "member",
}
RANK = {None: 0, "member": 1, "maintainer": 2}
WHO = {None: None, "member": "mo", "maintainer": "max"}


def _setup(forum: Forum) -> tuple[int, int]:
    """A proposal by the member "mo", a recorded meeting, and a word in our own list."""
    forum.wordlist.write_text("title: Our words\nlicence: CC-BY-4.0\nwords:\n  - term: zzz placeholder\n"
                              "    use: [plain words]\n    why: It is here to test.\n    added_by: Test\n",
                              encoding="utf-8")
    mo = forum.client("mo")
    r = send(mo, "/propose", WORD)
    assert r.status_code == 303, r.text
    pid = first_id(r.headers["location"])
    mx = forum.client("max")
    r = send(mx, "/meetings", {"held_on": "2026-11-30", "present": "Max\nMo", "group": "Carers forum"})
    assert r.status_code == 303, r.text
    from speakeasy.forum.models import Passage

    with forum.factory() as db:  # two passages to judge
        db.add_all([Passage(digest="a" * 64, source="a.txt", text="We will help you."),
                    Passage(digest="b" * 64, source="b.txt", text="Assistance will be provided to you.")])
        db.commit()
    return pid, 1


def _do(client: Any, action: str, pid: int, meeting: int) -> Any:
    data = {
        "propose": ("/propose", {**WORD, "term": "quadruple lock", "use": "four checks", "examples": ""}),
        "comment": (f"/proposals/{pid}/comment", {"comment": "I like it."}),
        "vote": (f"/proposals/{pid}/vote", {"choice": "for"}),
        "edit": (f"/proposals/{pid}/edit", {**WORD, "why": "It is a formal word.", "version": "1"}),
        "meeting": ("/meetings", {"held_on": "2026-12-01", "present": "Ann"}),
        "agree": (f"/proposals/{pid}/agree", {"meeting": str(meeting)}),
        "close": (f"/proposals/{pid}/close", {"reason": "Not needed."}),
        "publish": ("/publish", {}),
        "invite": ("/invite", {"role": "member"}),
        "retire": ("/retire/our-words/zzz placeholder", {"reason": "Not needed now."}),
        "judge": ("/judge", {"first": "1", "second": "2", "easier": "first"}),
    }[action]
    return send(client, *data)


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("role", [None, "member", "maintainer"])
def test_each_role_against_each_action(forum: Forum, role: str | None, action: str) -> None:
    pid, meeting = _setup(forum)
    from speakeasy.forum.models import Comment, Event, Invitation, Judgement, Meeting, Proposal, Vote

    def state() -> tuple[Any, ...]:
        with forum.factory() as db:
            p = db.get(Proposal, pid)
            return (db.query(Proposal).count(), db.query(Comment).count(), db.query(Vote).count(),
                    db.query(Meeting).count(), db.query(Invitation).count(), db.query(Event).count(),
                    db.query(Judgement).count(), p.state, p.version)

    before = state()
    client = forum.client(WHO[role])
    r = _do(client, action, pid, meeting)
    allowed = RANK[role] >= RANK[ACTIONS[action]]
    if allowed:
        assert r.status_code in (200, 303), (role, action, r.status_code, r.text[:500])
        if action != "publish":
            assert state() != before, f"{role} could {action}, but nothing changed"
    else:
        assert state() == before, f"{role} could not {action}, yet something changed"
        if role is None:
            assert r.status_code == 303 and r.headers["location"].startswith("/login")
        else:
            assert r.status_code == 403
            assert "Only a maintainer can do this." in r.text


def test_a_member_cannot_change_someone_elses_proposal(forum: Forum) -> None:
    pid, _ = _setup(forum)
    meg = forum.client("meg")
    r = send(meg, f"/proposals/{pid}/edit", {**WORD, "why": "Changed by Meg.", "version": "1"})
    assert r.status_code == 403


def test_a_form_without_its_token_is_refused(forum: Forum) -> None:
    mo = forum.client("mo")
    r = mo.post("/propose", data=WORD)
    assert r.status_code == 403
    assert "Your form was not sent" in r.text
    with forum.factory() as db:
        from speakeasy.forum.models import Proposal

        assert db.query(Proposal).count() == 0


def test_login_attempts_are_limited(forum: Forum) -> None:
    c = forum.client()
    for _ in range(5):
        r = send(c, "/login", {"username": "mo", "password": "wrong password!"})
        assert r.status_code == 400
        assert "not right" in r.text
    r = send(c, "/login", {"username": "mo", "password": "a long enough password"})
    assert r.status_code == 429
    assert "Too many tries" in r.text


def test_passwords_are_hashed_with_argon2(forum: Forum) -> None:
    from speakeasy.forum.models import User

    with forum.factory() as db:
        user = db.query(User).filter_by(username="mo").one()
        assert user.password_hash.startswith("$argon2id$")
        assert "long enough" not in user.password_hash


def test_invitation_makes_a_member_once(forum: Forum) -> None:
    import re

    mx = forum.client("max")
    r = send(mx, "/invite", {"role": "member", "note": "Ann"})
    link = re.search(r'<code id="link">([^<]+)</code>', r.text).group(1)
    path = link.split("127.0.0.1", 1)[1]
    new = forum.client()
    assert new.get(path).status_code == 200
    r = send(new, path, {"username": "ann", "name": "Ann", "password": "short", "again": "short"})
    assert r.status_code == 400
    assert "at least 10" in r.text and 'value="ann"' in r.text  # what she typed is kept
    r = send(new, path, {"username": "ann", "name": "Ann", "password": "ann's long password",
                         "again": "ann's long password"})
    assert r.status_code == 303
    again = forum.client()
    assert again.get(path).status_code == 404  # used
    assert "Logged in as Ann (member)" in new.get("/").text


def test_every_page_refuses_scripts_and_framing(forum: Forum) -> None:
    for r in (forum.client().get("/"), forum.client("mo").post("/propose", data={})):
        assert "script-src 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "same-origin"
    session = forum.client("mo").cookies
    assert session.get("forum_session")


def test_the_session_cookie_is_not_for_scripts(forum: Forum) -> None:
    c = forum.client()
    r = send(c, "/login", {"username": "mo", "password": "a long enough password"})
    cookie = [v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("forum_session=")][0]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()


def test_one_invitation_never_makes_two_accounts(forum: Forum) -> None:
    """Two people send the join form of one link at once: both saw it unused, only the first gets an account."""
    from speakeasy.forum import accounts
    from speakeasy.forum.models import User

    with forum.factory() as db:
        code = accounts.invite(db, accounts.find_user(db, "max"))
        db.commit()
    with forum.factory() as first, forum.factory() as second:
        shown = accounts.open_invitation(second, code)  # the second form was shown while the link was unused
        assert shown is not None
        accounts.accept(first, code, "ann", "Ann", "ann's long password", "ann's long password")
        first.commit()
        with pytest.raises(accounts.AccountProblem, match="has been used"):
            accounts.accept(second, code, "bea", "Bea", "bea's long password", "bea's long password")
        second.rollback()
        del shown
    with forum.factory() as db:
        assert accounts.find_user(db, "ann") is not None and accounts.find_user(db, "bea") is None
        assert db.query(User).count() == 4


def test_a_login_name_taken_at_the_same_moment_is_a_plain_message(forum: Forum,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Two people choose one login name at once: both pass the check, the database refuses the second."""
    from speakeasy.forum import accounts

    with forum.factory() as db:
        code = accounts.invite(db, accounts.find_user(db, "max"))
        db.commit()
    monkeypatch.setattr(accounts, "find_user", lambda db, name: None)  # the check ran before "mo" was saved
    with forum.factory() as db:
        with pytest.raises(accounts.AccountProblem, match="Someone already has the login name 'mo'"):
            accounts.accept(db, code, "mo", "Another Mo", "a long enough password", "a long enough password")
