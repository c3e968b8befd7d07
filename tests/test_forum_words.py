"""The forum's words: every list, search, one word with its provenance and history, proposing with the checks of
``words add`` (what the member typed is kept), comments, votes, meetings, and two people editing one proposal."""

from __future__ import annotations

import html
import re

from forum_kit import WORD, Forum, first_id, forum, send  # noqa: F401


def test_browse_every_list_and_search(forum: Forum) -> None:
    c = forum.client()
    home = c.get("/").text
    for title in ("Plain English", "Social care jargon", "Mildly formal words"):
        assert title.lower() in home.lower()
    page = c.get("/words", params={"q": "signpost"}).text
    assert "/words/social-care/signpost?line=" in page
    assert "tell you where to get help" in page
    one = c.get("/words", params={"q": "commence", "list": "plain-english"}).text
    assert "commence" in one and "Social care jargon</td>" not in one
    none = c.get("/words", params={"q": "zzzznotaword"}).text
    assert "0 words" in none and "No words found" in none


def test_a_word_shows_its_alternatives_reason_examples_and_provenance(forum: Forum) -> None:
    c = forum.client()
    link = re.search(r'href="(/words/social-care/signpost\?line=\d+)"', c.get("/words", params={"q": "signpost"}).text)
    page = html.unescape(c.get(link.group(1)).text)
    assert "<h1>signpost</h1>" in page
    assert "<h2>Use instead</h2>" in page and "point you to other help" in page
    assert "<h2>Why</h2>" in page
    assert "<h2>Where it came from</h2>" in page and "Agreed on" in page
    assert "<h2>History in the forum</h2>" in page


def test_a_proposal_gets_the_checks_and_messages_of_words_add_and_keeps_what_was_typed(forum: Forum) -> None:
    c = forum.client("mo")
    typed = {**WORD, "use": "carer passport", "notes": "My own note, kept."}
    r = send(c, "/propose", typed)
    assert r.status_code == 400
    page = html.unescape(r.text)
    # the wordlist loader's own message (speakeasy.packs.wordlists.entry_problem)
    assert "'carer passport' is the same as the term, so it is not a plain alternative." in page
    # tied to its box, with the box marked and what was typed still there
    assert re.search(r'<p class="error" id="use-error">', page)
    assert re.search(r'<input id="use" name="use" type="text" value="carer passport"[^>]*'
                     r'aria-describedby="use-help use-error" aria-invalid="true"', page)
    assert "My own note, kept." in page and 'value="a card' not in page
    assert '<a href="#use">' in page  # the summary at the top links to the box
    # an empty reason: the form's message; a word another list has: refused as words add refuses it
    r = send(c, "/propose", {**WORD, "why": ""})
    assert "'Why' is empty. Say why the word is a problem, in plain words." in html.unescape(r.text)
    r = send(c, "/propose", {**WORD, "term": "signpost"})
    assert "speakeasy would flag it twice" in html.unescape(r.text)
    r = send(c, "/propose", {**WORD, "as": "nown"})
    assert r.status_code == 400 and 'id="as-error"' in r.text


def test_discuss_vote_and_agree_at_a_meeting(forum: Forum) -> None:
    mo, meg, mx = forum.client("mo"), forum.client("meg"), forum.client("max")
    pid = first_id(send(mo, "/propose", WORD).headers["location"])
    assert send(meg, f"/proposals/{pid}/comment", {"comment": "Yes, I had to ask what it was."}).status_code == 303
    r = send(meg, f"/proposals/{pid}/comment", {"comment": "   "})
    assert r.status_code == 400 and "Your comment is empty" in r.text
    send(meg, f"/proposals/{pid}/vote", {"choice": "for"})
    send(mo, f"/proposals/{pid}/vote", {"choice": "against"})
    send(mo, f"/proposals/{pid}/vote", {"choice": "for"})  # changed her mind: one vote each
    page = mo.get(f"/proposals/{pid}").text
    assert "2 for, 0 against." in page and "Yes, I had to ask what it was." in page
    assert "2 for, 0 against, 1 comment</li>" in mo.get("/proposals").text
    r = send(mx, "/meetings", {"held_on": "14/03/2026", "present": "Ann", "group": "Carers forum"})
    assert r.status_code == 400 and "should be like 2026-03-14" in r.text and "Carers forum" in r.text
    send(mx, "/meetings", {"held_on": "2026-11-30", "present": "Ann Smith\nBo Jones\n", "group": "Carers forum"})
    assert send(mx, f"/proposals/{pid}/agree", {"meeting": "1"}).status_code == 303
    page = mx.get(f"/proposals/{pid}").text
    assert "Agreed at the meeting on 2026-11-30. There: Ann Smith, Bo Jones." in page
    from speakeasy.forum.models import Proposal

    with forum.factory() as db:
        p = db.get(Proposal, pid)
        assert p.state == "agreed"
        assert p.values["agreed"] == "2026-11-30" and p.values["agreed_by"] == "Carers forum"
        assert p.values["added_by"] == "Mo Member"


def test_two_people_editing_one_proposal_get_a_conflict_message(forum: Forum) -> None:
    mo, mx = forum.client("mo"), forum.client("max")
    pid = first_id(send(mo, "/propose", WORD).headers["location"])
    assert 'name="version" value="1"' in mo.get(f"/proposals/{pid}/edit").text
    assert 'name="version" value="1"' in mx.get(f"/proposals/{pid}/edit").text
    assert send(mx, f"/proposals/{pid}/edit", {**WORD, "why": "The maintainer's reason.", "version": "1"}
                ).status_code == 303
    r = send(mo, f"/proposals/{pid}/edit", {**WORD, "why": "Mo's own reason.", "version": "1"})
    assert r.status_code == 409
    page = html.unescape(r.text)
    assert "Someone else changed this proposal while you were editing it." in page
    assert "Mo's own reason." in page and "The maintainer's reason." in page  # hers kept, theirs shown
    assert 'name="version" value="2"' in page
    assert send(mo, f"/proposals/{pid}/edit", {**WORD, "why": "Mo's own reason.", "version": "2"}
                ).status_code == 303
    assert "Mo&#39;s own reason." in mo.get(f"/proposals/{pid}").text


def test_history_of_a_word(forum: Forum) -> None:
    mo = forum.client("mo")
    pid = first_id(send(mo, "/propose", WORD).headers["location"])
    send(forum.client("max"), f"/proposals/{pid}/close", {"reason": "We use another word."})
    from speakeasy.forum.models import Event

    with forum.factory() as db:
        said = [e.what for e in db.query(Event).order_by(Event.id)]
    assert said == ["Mo Member proposed the word 'carer passport'.",
                    "Max Maintainer closed the proposal: We use another word."]


def test_a_broken_list_is_said_plainly_and_keeps_what_was_typed(forum: Forum) -> None:
    forum.wordlist.write_text("title: Our words\nwords:\n  - term: x\n", encoding="utf-8")
    r = send(forum.client("mo"), "/propose", WORD)
    assert r.status_code == 400
    page = html.unescape(r.text)
    assert ("The list our-words.yaml has a mistake, so no word can be added to it until a maintainer puts it "
            "right:") in page
    assert 'value="carer passport"' in page
