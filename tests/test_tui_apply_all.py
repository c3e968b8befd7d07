"""`speakeasy review`: "use in all places" for a word found again and again (issue 15).

The person sees every place before and after, and nothing changes until they
say yes. Each place gets its own form and capital letters ("Utilise" gets
"Use", "utilised" gets "used"). Driven with Textual's pilot, and once in a
real terminal (tmux).

These are changes a person makes in review, so the word list needs no
`fix: safe`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.anyio

from speakeasy.tui.app import ReviewApp  # noqa: E402
from speakeasy.tui.screens import ApplyAllScreen, HelpScreen  # noqa: E402
from speakeasy.tui.session import ReviewSession  # noqa: E402

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: utilise
    use: use
    why: Formal.
  - term: facilitate
    use: help
    why: Formal.
  - term: commence
    use: [start, begin]
    why: Formal.
"""

TEXT = """\
# Rota

We will utilise the rota. Utilise it well.

Staff utilised the old one, and we commence soon. We facilitate the meeting.

The team is utilising a new plan.
"""

ALL_CHANGED = """\
# Rota

We will use the rota. Use it well.

Staff used the old one, and we commence soon. We facilitate the meeting.

The team is using a new plan.
"""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS)


@pytest.fixture
def md(tmp_path: Path) -> Path:
    p = tmp_path / "rota.md"
    p.write_text(TEXT, encoding="utf-8")
    return p


async def started(app: ReviewApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.session is not None, app.load_error


def detail(app: ReviewApp) -> str:
    return str(app.query_one("#detail").render())


def notes(app: ReviewApp) -> list[str]:
    return [n.message for n in app._notifications]


@pytest.mark.slow
async def test_all_places_are_shown_first_and_changed_only_on_yes(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.current is not None and app.current.match == "utilise"
        assert " a  Use 'use' for 'utilise' in all 4 places (you see each change first)" in detail(app)
        await pilot.press("a")
        assert isinstance(app.screen, ApplyAllScreen)
        assert str(app.screen.query_one("#apply-all-question").render()) == (
            "Change 'utilise' in all 4 places? Each place keeps its own form and capital letters.")
        preview = str(app.screen.query_one("#apply-all-preview").render())
        assert preview.splitlines() == [
            "1. line 3",
            "   before: We will [utilise] the rota. Utilise it well.",
            "   after:  We will [use] the rota. Utilise it well.",
            "2. line 3",
            "   before: We will utilise the rota. [Utilise] it well.",
            "   after:  We will utilise the rota. [Use] it well.",
            "3. line 5",
            "   before: Staff [utilised] the old one, and we commence soon....",
            "   after:  Staff [used] the old one, and we commence soon....",
            "4. line 7",
            "   before: The team is [utilising] a new plan.",
            "   after:  The team is [using] a new plan.",
        ]
        # no: nothing changes
        await pilot.press("n")
        assert not isinstance(app.screen, ApplyAllScreen)
        assert app.session.text == TEXT and not app.session.dirty
        await pilot.press("a", "escape")
        assert app.session.text == TEXT
        # yes: every place, each in its own form; the other words are left alone
        await pilot.press("a", "y")
        await pilot.pause()
        assert app.session.text == ALL_CHANGED
        assert [f.match for f in app.shown] == ["commence", "facilitate"]
        assert "Changed 4 places. Press u to undo them all." in notes(app)
        assert md.read_text(encoding="utf-8") == TEXT  # written only on save
        # one undo takes back all four
        await pilot.press("u")
        assert app.session.text == TEXT
        assert app.current is not None and app.current.match == "utilise"
        assert notes(app)[-1] == "Undone: 'utilise' -> 'use' in 4 places"
        # the buttons work too
        await pilot.press("a")
        await pilot.click("#yes")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
    assert md.read_text(encoding="utf-8") == ALL_CHANGED


async def test_places_skipped_or_already_changed_are_left_out(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("n", "s")  # skip 'Utilise'
        await pilot.press("e")  # the next place, 'utilised', is changed by hand
        app.screen.query_one("#answer").value = "relied on"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p", "p")
        assert app.current is not None and app.current.match == "utilise"
        await pilot.press("a")
        assert isinstance(app.screen, ApplyAllScreen)
        assert "all 2 places" in str(app.screen.query_one("#apply-all-question").render())
        await pilot.press("y")
        await pilot.pause()
    assert app.session.text == (TEXT.replace("will utilise", "will use").replace("utilised", "relied on")
                                .replace("utilising", "using"))


async def test_a_word_with_several_alternatives_or_one_place_is_not_changed_everywhere(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        while app.current is not None and app.current.match != "commence":
            await pilot.press("n")
        assert "in all" not in detail(app)
        await pilot.press("a")
        assert not isinstance(app.screen, ApplyAllScreen)
        assert notes(app)[-1] == "'commence' has more than one plain alternative: choose one with its number key."
        await pilot.press("n")
        assert app.current is not None and app.current.match == "facilitate"
        assert "in all" not in detail(app)
        await pilot.press("a")
        assert not isinstance(app.screen, ApplyAllScreen)
        assert notes(app)[-1] == "'facilitate' is the only place left with this word. Press 1 to use 'help'."
        assert app.session.text == TEXT


async def test_the_key_can_be_moved_and_help_lists_it(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset, keymap={"review.apply-all": "A"})
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert " A  Use 'use' for 'utilise' in all 4 places" in detail(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "A  Use in all places" in app.screen.plain_text()
        await pilot.press("escape", "A", "y")
        await pilot.pause()
        assert app.session.text == ALL_CHANGED


async def test_a_web_page_is_read_only(tmp_path: Path, ruleset) -> None:
    page = tmp_path / "rota.html"
    page.write_text("<main><p>We utilise the rota. We utilise the van.</p></main>\n", encoding="utf-8")
    app = ReviewApp(str(page), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert "in all" not in detail(app)
        await pilot.press("a")
        assert not isinstance(app.screen, ApplyAllScreen)
        assert notes(app)[-1] == "speakeasy cannot write changes to web pages. Change the file yourself, then check it again."


async def test_a_word_file_keeps_its_formatting(tmp_path: Path, ruleset) -> None:
    docx = pytest.importorskip("docx")
    path = tmp_path / "rota.docx"
    d = docx.Document()
    p = d.add_paragraph("We will ")
    p.add_run("utilise").bold = True
    p.add_run(" the rota.")
    d.add_paragraph("Utilise it well.")
    d.save(str(path))
    before = path.read_bytes()
    app = ReviewApp(str(path), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        preview = str(app.screen.query_one("#apply-all-preview").render())
        assert "   after:  [Use] it well." in preview
        assert "line" not in preview  # a Word file has no lines to speak of
        await pilot.press("y", "w", "c")
        await pilot.pause()
    assert path.read_bytes() == before
    fixed = docx.Document(str(tmp_path / "rota.fixed.docx"))
    assert [(r.text, r.bold) for r in fixed.paragraphs[0].runs] == [("We will ", None), ("use", True),
                                                                    (" the rota.", None)]
    assert fixed.paragraphs[1].text == "Use it well."


def test_the_session_groups_by_word_list_entry(md: Path, ruleset) -> None:
    s = ReviewSession(str(md), ruleset)
    first = s.findings[0]
    assert [f.match for f in s.same_term(first)] == ["utilise", "Utilise", "utilised", "utilising"]
    facilitate = next(f for f in s.findings if f.match == "facilitate")
    assert [f.match for f in s.same_term(facilitate)] == ["facilitate"]
    commence = next(f for f in s.findings if f.match == "commence")
    assert s.same_term(commence) == []  # two alternatives: a person chooses each time
    assert s.apply_all(s.same_term(first)) == 4
    assert s.text == ALL_CHANGED
    assert s.undo() == "'utilise' -> 'use' in 4 places"
    assert s.text == TEXT


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_use_in_all_places_in_a_real_terminal(tmp_path: Path, md: Path) -> None:
    (tmp_path / ".speakeasy.yaml").write_text("packs: []\nwordlists: [words.yaml]\n", encoding="utf-8")
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    name = f"speakeasy-apply-all-{int(time.time() * 1000)}"
    cmd = f"cd {tmp_path} && NO_COLOR=1 {sys.executable} -m speakeasy review rota.md; sleep 2"
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", cmd], check=True)

    def screen() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout

    def wait_for(text: str, present: bool = True) -> str:
        shown = ""
        for _ in range(100):
            time.sleep(0.2)
            shown = screen()
            if (text in shown) == present:
                break
        return shown

    try:
        shown = wait_for("in all 4 places")
        assert "in all 4 places" in shown, shown
        subprocess.run(["tmux", "send-keys", "-t", name, "a"], check=True)
        shown = wait_for("Change them all (y)")
        # on an 80 by 24 screen: the whole question, the first places, the brackets and the keys
        for line in ("Change 'utilise' in all 4 places? Each place keeps its own form and",
                     "capital letters.", "1. line 3", "before: We will [utilise] the rota. Utilise it well.",
                     "after:  We will [use] the rota. Utilise it well.", "The changed words are in [brackets].",
                     "Change them all (y)", "Cancel (n or Escape)"):
            assert line in shown, shown
        # the rest of the places scroll into view
        subprocess.run(["tmux", "send-keys", "-t", name, "End"], check=True)
        shown = wait_for("after:  The team is [using] a new plan.")
        assert "4. line 7" in shown and "before: The team is [utilising] a new plan." in shown, shown
        subprocess.run(["tmux", "send-keys", "-t", name, "y"], check=True)
        shown = wait_for("Change them all (y)", present=False)
        assert "We will [utilise]" not in shown, shown
        subprocess.run(["tmux", "send-keys", "-t", name, "w"], check=True)
        for _ in range(50):
            time.sleep(0.2)
            if md.read_text(encoding="utf-8") == ALL_CHANGED:
                break
        subprocess.run(["tmux", "send-keys", "-t", name, "q"], check=True)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    assert md.read_text(encoding="utf-8") == ALL_CHANGED
    assert (tmp_path / "rota.md.bak").read_text(encoding="utf-8") == TEXT  # not in git: the old text is kept
