"""Publishing: agreed words go into the wordlist through the splicing writer of ``words add``, two maintainers
publishing at once both get their words in, and then ``speakeasy check`` flags the word."""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from forum_kit import WORD, Forum, first_id, forum, send  # noqa: F401

OUR_LIST = """\
# Our own words. This comment must stay.
title: Our words
licence: CC-BY-4.0
words:
  - term: zzz placeholder phrase
    use: [a plain phrase]
    why: It is only here so that the list is not empty.
    added_by: Test
"""


def agreed(forum: Forum, word: dict[str, str]) -> int:
    mo, mx = forum.client("mo"), forum.client("max")
    r = send(mo, "/propose", word)
    assert r.status_code == 303, r.text
    pid = first_id(r.headers["location"])
    from speakeasy.forum.models import Meeting

    with forum.factory() as db:
        have = db.query(Meeting).count()
    if not have:
        send(mx, "/meetings", {"held_on": "2026-11-30", "present": "Ann Smith\nBo Jones", "group": "Carers forum"})
    assert send(mx, f"/proposals/{pid}/agree", {"meeting": "1"}).status_code == 303
    return pid


def test_publish_writes_the_word_with_its_provenance_and_keeps_the_file(forum: Forum) -> None:
    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    pid = agreed(forum, WORD)
    r = send(forum.client("max"), "/publish", {})
    assert r.status_code == 200 and "Published: Saved" in r.text or "Published: Added" in r.text
    text = forum.wordlist.read_text(encoding="utf-8")
    assert text.startswith(OUR_LIST.split("words:")[0])  # the comment and the top, byte for byte
    assert "  - term: zzz placeholder phrase" in text
    from speakeasy.packs import load_wordlist

    entry = next(e for e in load_wordlist(forum.wordlist).entries if e.term == "carer passport")
    assert entry.use == ["a card that says you are a carer"]
    assert entry.added_by == "Mo Member" and entry.agreed_by == "Carers forum"
    assert str(entry.agreed) == "2026-11-30" and entry.status == "agreed"
    assert entry.examples == ["Ask us for a carer passport."]
    from speakeasy.forum.models import Proposal

    with forum.factory() as db:
        p = db.get(Proposal, pid)
        assert p.state == "published" and p.published_line == entry.line
    # the word's page now shows it from the file, with its history from the forum
    page = forum.client().get("/words/our-words/carer%20passport").text
    assert "Carers forum" in page and "Max Maintainer published it to our-words.yaml" in page


def test_a_change_to_our_own_word_is_published_in_place(forum: Forum) -> None:
    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    mo = forum.client("mo")
    page = mo.get("/propose", params={"change": "our-words/zzz placeholder phrase"}).text
    assert 'value="a plain phrase"' in page
    r = send(mo, "/propose?change=our-words/zzz%20placeholder%20phrase",
             {"term": "zzz placeholder phrase", "use": "a plain phrase; a simple phrase",
              "why": "It is only here so that the list is not empty."})
    assert r.status_code == 303, r.text
    pid = first_id(r.headers["location"])
    mx = forum.client("max")
    send(mx, "/meetings", {"held_on": "2026-12-01", "present": "Ann"})
    send(mx, f"/proposals/{pid}/agree", {"meeting": "1"})
    send(mx, "/publish", {})
    from speakeasy.packs import load_wordlist

    (entry,) = load_wordlist(forum.wordlist).entries
    assert entry.use == ["a plain phrase", "a simple phrase"]
    assert entry.added_by == "Test" and str(entry.agreed) == "2026-12-01"


def test_a_maintainer_retires_a_word_and_speakeasy_stops_flagging_it(forum: Forum, tmp_path: Path,
                                                                     capsys: Any) -> None:
    from speakeasy.cli import main

    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    doc = tmp_path / "leaflet.md"
    doc.write_text("This is a zzz placeholder phrase.\n", encoding="utf-8")
    check = ["check", str(doc), "--no-config", "--no-cache", "--wordlist", str(forum.wordlist), "--fail-on", "warning"]
    assert main(check) == 1
    mx = forum.client("max")
    assert "Retire this word" not in forum.client("mo").get("/words/our-words/zzz placeholder phrase").text
    r = send(mx, "/retire/our-words/zzz placeholder phrase", {"reason": ""})
    assert r.status_code == 400 and "Say why the forum should stop using this word." in r.text
    r = send(mx, "/retire/our-words/zzz placeholder phrase", {"reason": "Nobody uses it now."})
    assert r.status_code == 303
    pid = first_id(r.headers["location"])
    send(mx, "/meetings", {"held_on": "2026-12-02", "present": "Ann"})
    send(mx, f"/proposals/{pid}/agree", {"meeting": "1"})
    page = send(mx, "/publish", {}).text
    assert "Published:" in page
    text = forum.wordlist.read_text(encoding="utf-8")
    assert "status: retired" in text and "Retired because: Nobody uses it now." in text
    assert "# Our own words. This comment must stay." in text
    capsys.readouterr()
    assert main(check) == 0


def test_two_changes_to_one_word_both_land_and_a_clash_is_refused(forum: Forum) -> None:
    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    mo, meg, mx = forum.client("mo"), forum.client("meg"), forum.client("max")
    where = "/propose?change=our-words/zzz%20placeholder%20phrase"
    word = {"term": "zzz placeholder phrase", "use": "a plain phrase",
            "why": "It is only here so that the list is not empty."}
    ids = [first_id(send(c, where, {**word, **change}).headers["location"]) for c, change in (
        (mo, {"use": "a plain phrase; a simple phrase"}),  # changes Use instead
        (meg, {"why": "It keeps the list from being empty."}),  # changes Why, from the same first version
        (meg, {"use": "words"}),  # changes Use instead too, from the first version
    )]
    send(mx, "/meetings", {"held_on": "2026-12-03", "present": "Ann"})
    for pid in ids:
        send(mx, f"/proposals/{pid}/agree", {"meeting": "1"})
    page = html.unescape(send(mx, "/publish", {}).text)
    from speakeasy.packs import load_wordlist

    (entry,) = load_wordlist(forum.wordlist).entries
    assert entry.use == ["a plain phrase", "a simple phrase"]  # the first change
    assert entry.why == "It keeps the list from being empty."  # the second, which did not undo the first
    assert ("Not published: 'zzz placeholder phrase' was not published: since this change was proposed, someone "
            "changed Use instead in our-words.yaml.") in page
    from speakeasy.forum.models import Proposal

    with forum.factory() as db:
        assert [db.get(Proposal, pid).state for pid in ids] == ["published", "published", "agreed"]


def _slow_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each save waits between reading the list and writing it, so two publishes overlap."""
    from speakeasy.words.store import WordlistFile

    real = WordlistFile.save

    def slow(self: Any) -> bool:
        time.sleep(0.5)
        return real(self)

    monkeypatch.setattr(WordlistFile, "save", slow)


def _publish_at_once(forum: Forum) -> None:
    from speakeasy.forum.models import User
    from speakeasy.forum.publish import publish_agreed

    one = agreed(forum, WORD)
    two = agreed(forum, {**WORD, "term": "quadruple lock", "use": "four checks", "examples": ""})
    with forum.factory() as db:
        mx = db.query(User).filter_by(username="max").one().id
    results: list[Any] = []
    start = threading.Barrier(2)

    def publish(pid: int) -> None:
        start.wait()
        results.extend(publish_agreed(forum.factory, mx, forum.settings.lock_folder(), forum.config, only=pid))

    threads = [threading.Thread(target=publish, args=(pid,)) for pid in (one, two)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert [r.ok for r in results] == [True, True], [r.message for r in results]


@pytest.mark.slow
def test_two_maintainers_publishing_at_once_lose_neither_word(forum: Forum, monkeypatch: pytest.MonkeyPatch) -> None:
    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    _slow_saves(monkeypatch)
    _publish_at_once(forum)
    from speakeasy.packs import load_wordlist

    terms = {e.term for e in load_wordlist(forum.wordlist).entries}
    assert {"carer passport", "quadruple lock", "zzz placeholder phrase"} <= terms


@pytest.mark.slow
def test_without_the_lock_one_word_would_be_lost(forum: Forum, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test above can fail: with the lock taken away, the second write replaces the first."""
    import contextlib

    from speakeasy.forum import publish

    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    _slow_saves(monkeypatch)
    monkeypatch.setattr(publish, "lock_for", lambda *a: contextlib.nullcontext())
    _publish_at_once(forum)
    from speakeasy.packs import load_wordlist

    terms = {e.term for e in load_wordlist(forum.wordlist).entries}
    assert len({"carer passport", "quadruple lock"} & terms) == 1


@pytest.mark.slow
def test_a_published_word_is_flagged_by_speakeasy_check(forum: Forum, tmp_path: Path, capsys: Any) -> None:
    from speakeasy.cli import main

    doc = tmp_path / "leaflet.md"
    doc.write_text("Ask us for a carer passport when you visit.\n", encoding="utf-8")
    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    check = ["check", str(doc), "--no-config", "--no-cache", "--wordlist", str(forum.wordlist), "--fail-on", "warning"]
    assert main(check) == 0  # not flagged before
    assert "carer passport" not in capsys.readouterr().out
    agreed(forum, WORD)
    send(forum.client("max"), "/publish", {})
    assert main(check) == 1
    out = capsys.readouterr().out
    assert "leaflet.md:1:12: warning" in out and "carer passport'" in out
    assert "Use: a card that says you are a carer  (agreed by Carers forum, November 2026)" in out


TWICE = """\
title: Our words
licence: CC-BY-4.0
words:
  - term: impact on
    use: [old words]
    why: The old advice, kept for the record.
    added_by: Test
    status: retired
  - term: impact on
    use: [change]
    why: The advice we give now.
    added_by: Test
"""


def _href(page: str, start: str) -> str:
    import re

    return html.unescape(re.search(rf'(?:href|action)="({re.escape(start)}[^"]*)"', page).group(1))  # type: ignore[union-attr]


def test_a_term_listed_twice_changes_and_retires_the_entry_shown_not_the_first(forum: Forum) -> None:
    from speakeasy.packs import load_wordlist

    forum.wordlist.write_text(TWICE, encoding="utf-8")
    old, new = load_wordlist(forum.wordlist).entries
    assert old.status == "retired" and new.status != "retired"
    mo, mx = forum.client("mo"), forum.client("max")
    assert 'value="change"' in mo.get("/propose", params={"change": "our-words/impact on"}).text  # not retired first
    page = mo.get("/words/our-words/impact on", params={"line": str(new.line)}).text
    link = _href(page, "/propose?")
    assert 'value="change"' in mo.get(link).text
    r = send(mo, link, {"term": "impact on", "use": "change; affect", "why": "The advice we give now."})
    assert r.status_code == 303, r.text
    pid = first_id(r.headers["location"])
    send(mx, "/meetings", {"held_on": "2026-12-01", "present": "Ann"})
    send(mx, f"/proposals/{pid}/agree", {"meeting": "1"})
    assert "Published:" in send(mx, "/publish", {}).text
    old2, new2 = load_wordlist(forum.wordlist).entries
    assert old2.use == ["old words"] and old2.status == "retired"
    assert new2.use == ["change", "affect"]
    page = mx.get("/words/our-words/impact on", params={"line": str(new2.line)}).text
    r = send(mx, _href(page, "/retire/"), {"reason": "Nobody uses it now."})
    assert r.status_code == 303, r.text
    send(mx, f"/proposals/{first_id(r.headers['location'])}/agree", {"meeting": "1"})
    assert "Published:" in send(mx, "/publish", {}).text
    old3, new3 = load_wordlist(forum.wordlist).entries
    assert old3.use == ["old words"] and "Nobody uses it now" not in (old3.notes or "")
    assert new3.status == "retired" and "Retired because: Nobody uses it now." in new3.notes
