"""The forum in headless Chromium: axe-core on every page (both themes, larger text), and the main journey by
keyboard alone: log in, propose a word, comment, record a meeting, agree the word and publish it."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from forum_browser import Browser, Server
from forum_kit import PASSWORD, WORD, Forum, first_id, send
from test_report_html import readable

pytestmark = pytest.mark.slow

OUR_LIST = ("title: Our words\nlicence: CC-BY-4.0\nwords:\n  - term: zzz placeholder\n    use: [plain words]\n"
            "    why: It is here to test.\n    added_by: Test\n")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Forum, Server]]:
    from test_forum_judge import documents

    documents(tmp_path / "documents")
    forum = Forum(tmp_path, documents=tmp_path / "documents")
    forum.wordlist.write_text(OUR_LIST, encoding="utf-8")
    server = Server(forum.app)
    try:
        yield forum, server
    finally:
        server.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    b = Browser(tmp_path / "profile")
    try:
        yield b
    finally:
        b.close()


def log_in_by_keyboard(b: Browser, url: str, who: str) -> None:
    b.go(url + "/")
    b.tab_to(lambda f: f["tag"] == "a" and f["text"] == "Log in")
    token = b.mark()
    b.key("Enter")
    b.wait_new_page(token)
    b.tab_to(lambda f: f["id"] == "username")
    b.type(who)
    b.key("Tab")
    assert b.focused()["id"] == "password"
    b.type(PASSWORD)
    token = b.mark()
    b.key("Enter")  # Enter in a box sends its form
    b.wait_new_page(token)
    assert "Logged in as" in b.js("document.body.innerText")


def press(b: Browser, label: str, tag: str = "button") -> None:
    """Tab to the button (or link) with this text and press Enter; wait for the next page."""
    b.tab_to(lambda f: f["tag"] == tag and f["text"] == label)
    token = b.mark()
    b.key("Enter")
    b.wait_new_page(token)


def fill(b: Browser, box: str, text: str) -> None:
    b.tab_to(lambda f: f["id"] == box)
    b.type(text)


def test_the_main_journey_by_keyboard_alone(served: tuple[Forum, Server], browser: Browser) -> None:
    forum, server = served
    b = browser
    log_in_by_keyboard(b, server.url, "mo")
    press(b, "Propose a word", "a")
    fill(b, "term", WORD["term"])
    fill(b, "use", WORD["use"])
    press(b, "Send my proposal")  # no reason given: the problem is shown, and what she typed is kept
    assert b.js("document.title").startswith("Not saved:")
    assert b.js("document.querySelector('#why').getAttribute('aria-describedby')") == "why-help why-error"
    assert b.js("document.querySelector('#term').value") == WORD["term"]
    b.tab_to(lambda f: f["tag"] == "a" and f["href"] == "#why")  # the summary's link takes her to the box
    b.key("Enter")
    assert b.focused()["id"] == "why"
    b.type(WORD["why"])
    press(b, "Send my proposal")
    assert "Your proposal for 'carer passport' is saved." in b.js("document.body.innerText")
    pid = first_id(b.js("location.pathname"))
    b.tab_to(lambda f: f["id"] == "choice")
    b.key("Space")
    press(b, "Vote")
    fill(b, "comment", "I had to ask what it means.")
    press(b, "Add comment")
    assert "Your comment is added." in b.js("document.body.innerText")
    press(b, "Log out")

    log_in_by_keyboard(b, server.url, "max")
    press(b, "Meetings", "a")
    fill(b, "held_on", "2026-11-30")
    fill(b, "group", "Carers forum")
    fill(b, "present", "Ann Smith")
    b.key("Enter")  # a new line in the box
    b.type("Bo Jones")
    press(b, "Record the meeting")
    press(b, "Proposals", "a")
    press(b, "'carer passport'", "a")
    b.tab_to(lambda f: f["id"] == "meeting")
    press(b, "Agree it")
    assert "is agreed" in b.js("document.body.innerText")
    press(b, "Publish", "a")
    press(b, "Publish these words")
    assert "Published:" in b.js("document.body.innerText")

    from speakeasy.forum.models import Proposal
    from speakeasy.packs import load_wordlist

    with forum.factory() as db:
        p = db.get(Proposal, pid)
        assert p.state == "published"
        assert [c.text for c in p.comments] == ["I had to ask what it means."]
        assert [v.choice for v in p.votes] == ["for"]
    entry = next(e for e in load_wordlist(forum.wordlist).entries if e.term == "carer passport")
    assert entry.added_by == "Mo Member" and entry.agreed_by == "Carers forum"


def test_judge_a_pair_by_keyboard_alone(served: tuple[Forum, Server], browser: Browser) -> None:
    forum, server = served
    b = browser
    log_in_by_keyboard(b, server.url, "meg")
    press(b, "Easier to read?", "a")
    assert "Passage A" in b.js("document.body.innerText") and "Passage B" in b.js("document.body.innerText")
    fill(b, "reason", "The second one has shorter sentences.")
    press(b, "Send my answer")  # no choice made: the problem is shown, the reason is kept
    assert b.js("document.querySelector('#reason').value") == "The second one has shorter sentences."
    assert "Choose which passage is easier to read" in b.js("document.body.innerText")
    b.tab_to(lambda f: f["id"] == "easier")  # the first choice of the group
    b.key("ArrowDown")
    assert b.focused()["id"] == "easier-second"
    press(b, "Send my answer")
    assert "Your answer is saved." in b.js("document.body.innerText")
    from speakeasy.forum.models import Judgement

    with forum.factory() as db:
        (j,) = db.query(Judgement).all()
        assert (j.easier, j.reason, j.judge.username) == ("second", "The second one has shorter sentences.", "meg")


def _pages(forum: Forum, url: str) -> list[str]:
    mo = forum.client("mo")
    pid = first_id(send(mo, "/propose", WORD).headers["location"])
    send(mo, f"/proposals/{pid}/comment", {"comment": "Good."})
    return ["/", "/words", "/words?q=signpost", "/words/social-care/signpost", "/words/our-words/zzz placeholder",
            "/proposals", f"/proposals/{pid}", "/propose", "/propose?change=our-words/zzz%20placeholder",
            f"/proposals/{pid}/edit", "/meetings", "/publish", "/invite", "/display", "/join/not-a-code",
            "/no-such-page", "/judge"]


def test_axe_finds_no_problems_on_any_page(served: tuple[Forum, Server], browser: Browser) -> None:
    forum, server = served
    b = browser
    found: list[str] = []

    def check(where: str) -> None:
        violations = b.axe()
        if violations:
            found.append(f"{where}:\n{readable(violations)}")

    b.go(server.url + "/login")
    check("/login")
    log_in_by_keyboard(b, server.url, "max")
    pages = _pages(forum, server.url)
    for path in pages:
        b.go(server.url + path)
        check(path)
    # a form with its problems shown
    b.go(server.url + "/propose")
    fill(b, "term", "carer passport")
    press(b, "Send my proposal")
    check("/propose with problems")
    # the high-contrast theme and the largest text
    b.go(server.url + "/display")
    b.tab_to(lambda f: f["id"] == "theme")  # Tab goes to a group's chosen button; the arrow keys choose
    b.key("ArrowDown")
    assert b.focused()["id"] == "theme-contrast"
    b.tab_to(lambda f: f["id"] == "size")
    b.key("ArrowDown")
    b.key("ArrowDown")
    assert b.focused()["id"] == "size-larger"
    press(b, "Save my choice")
    assert b.js("document.documentElement.className") == "theme-contrast size-larger"
    assert b.js("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert b.js("getComputedStyle(document.documentElement).fontSize") == "24px"
    for path in pages[:8]:
        b.go(server.url + path)
        check(path + " (high contrast, larger text)")
    assert not found, "axe-core found accessibility problems:\n" + "\n".join(found)


def test_every_page_reflows_at_320_pixels(served: tuple[Forum, Server], browser: Browser) -> None:
    """WCAG 1.4.10: at 320 CSS pixels wide (1280 at 400% zoom) nothing needs scrolling sideways, except data tables."""
    forum, server = served
    b = browser
    log_in_by_keyboard(b, server.url, "max")
    pages = _pages(forum, server.url)
    b.send("Emulation.setDeviceMetricsOverride", width=320, height=640, deviceScaleFactor=1, mobile=False)
    check = """(() => { const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll('body *')].filter(e => !e.closest('table'))
          .filter(e => e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '#' + e.id).slice(0, 5); })()"""
    wide = []
    for path in pages:
        b.go(server.url + path)
        over = b.js(check)
        if over:
            wide.append(f"{path}: {over}")
    assert not wide, "parts wider than the screen:\n" + "\n".join(wide)
    b.js("const d = document.createElement('div'); d.id = 'too-wide'; d.style.width = '600px'; "
         "document.querySelector('main').appendChild(d)")
    assert "DIV#too-wide" in b.js(check)  # the check itself sees a part that is too wide


def test_axe_would_see_a_problem(served: tuple[Forum, Server], browser: Browser) -> None:
    """The check works here too: a label taken away is found."""
    forum, server = served
    browser.go(server.url + "/login")
    browser.js("document.querySelector('label[for=username]').remove()")
    ids = {v["id"] for v in browser.axe()}
    assert "label" in ids
