"""Every page of the forum, as each role sees it, with the forms' error messages shown too (for the page tests)."""

from __future__ import annotations

from typing import Any, Iterator

from forum_kit import WORD, Forum, first_id, send


def every_page(forum: Forum) -> Iterator[tuple[str, str]]:
    """(name, HTML) of each page: as a visitor, a member and a maintainer, and the forms with their problems."""
    forum.wordlist.write_text("title: Our words\nlicence: CC-BY-4.0\nwords:\n  - term: zzz placeholder\n"
                              "    use: [plain words]\n    why: It is here to test.\n    added_by: Test\n",
                              encoding="utf-8")
    anon, mo, mx = forum.client(), forum.client("mo"), forum.client("max")
    pid = first_id(send(mo, "/propose", WORD).headers["location"])
    send(mo, f"/proposals/{pid}/comment", {"comment": "I had to ask what it was."})
    send(mo, f"/proposals/{pid}/vote", {"choice": "for"})
    send(mx, "/meetings", {"held_on": "2026-11-30", "present": "Ann Smith\nBo Jones", "group": "Carers forum"})
    pid2 = first_id(send(mo, "/propose", {**WORD, "term": "quadruple lock", "use": "four checks",
                                          "examples": ""}).headers["location"])
    send(mx, f"/proposals/{pid2}/agree", {"meeting": "1"})

    def get(client: Any, path: str, **params: str) -> str:
        r = client.get(path, params=params)
        assert r.status_code in (200, 404), (path, r.status_code)
        return r.text

    yield "start", get(anon, "/")
    yield "words", get(anon, "/words")
    yield "search", get(anon, "/words", q="signpost")
    yield "word", get(anon, "/words/social-care/signpost")
    yield "our word", get(mo, "/words/our-words/zzz placeholder")
    yield "our word, maintainer", get(mx, "/words/our-words/zzz placeholder")
    yield "retire, problem", send(mx, "/retire/our-words/zzz placeholder", {"reason": ""}).text
    yield "judge, no documents", get(mo, "/judge")
    yield "proposals", get(anon, "/proposals")
    yield "proposal, visitor", get(anon, f"/proposals/{pid}")
    yield "proposal, member", get(mo, f"/proposals/{pid}")
    yield "proposal, maintainer", get(mx, f"/proposals/{pid}")
    yield "log in", get(anon, "/login")
    yield "log in, wrong", send(anon, "/login", {"username": "mo", "password": "not right at all"}).text
    yield "display", get(anon, "/display")
    yield "propose", get(mo, "/propose")
    yield "propose, problem", send(mo, "/propose", {**WORD, "use": "carer passport"}).text
    yield "propose a change", get(mo, "/propose", change="our-words/zzz placeholder")
    yield "change a proposal", get(mo, f"/proposals/{pid}/edit")
    yield "conflict", send(mo, f"/proposals/{pid}/edit", {**WORD, "version": "0"}).text
    yield "comment, problem", send(mo, f"/proposals/{pid}/comment", {"comment": " "}).text
    yield "meetings", get(mx, "/meetings")
    yield "meetings, problem", send(mx, "/meetings", {"held_on": "soon", "present": ""}).text
    yield "publish", get(mx, "/publish")
    yield "invite", get(mx, "/invite")
    yield "invitation made", send(mx, "/invite", {"role": "member", "note": "Ann"}).text
    yield "join, used", get(anon, "/join/not-a-code")
    yield "not found", get(anon, "/no-such-page")
    yield "not allowed", send(mo, "/publish", {}).text
