"""The review screen at 80 and 100 columns: the Word save dialog is not cut off, and Skip, Ignore and Keep
are explained on screen and in the ? help.  With Textual's pilot, and once in a real terminal (tmux, 80x24)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.anyio

from textual.geometry import Region  # noqa: E402
from textual.widgets import Label  # noqa: E402

from speakeasy.testing import build_docx  # noqa: E402
from speakeasy.tui.app import ReviewApp  # noqa: E402
from speakeasy.tui.screens import HelpScreen, SaveWordScreen  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: [start, begin]
    why: Formal words put people off.
"""
LONG_NAME = "care-at-home-policy-for-the-council-adult-social-care-and-health-2026"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    path = tmp_path / f"{LONG_NAME}.docx"
    path.write_bytes(build_docx("# Purpose\nStaff will commence each visit by reading the care plan.\n"))
    return path


def visible_lines(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """What a widget shows on screen, line by line, as plain text."""
    w, h = widget.size
    return ["".join(seg.text for seg in strip) for strip in widget.render_lines(Region(0, 0, w, h))]


@pytest.mark.parametrize("width", [80, 100])
async def test_the_save_dialog_fits_and_shows_every_word(make_ruleset, word_file: Path, width: int) -> None:
    app = ReviewApp(str(word_file), ruleset=make_ruleset(WORDS))
    async with app.run_test(size=(width, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("1", "w")
        await pilot.pause()
        assert isinstance(app.screen, SaveWordScreen)
        dialog = app.screen.query_one("#save-dialog")
        inside = dialog.content_region
        assert app.screen.region.contains_region(dialog.region)
        shown = []
        for label in app.screen.query(Label):
            assert inside.contains_region(label.region), (str(label.render()), label.region, inside)
            lines = visible_lines(label)
            assert all(len(line.rstrip()) <= label.size.width for line in lines)
            shown.append(" ".join(line.strip() for line in lines))
        text = "".join(shown).replace(" ", "")
        # every word of every line is on screen, the long file names too (folded, not cut)
        for label in app.screen.query(Label):
            assert str(label.render()).replace(" ", "") in text
        assert f"{LONG_NAME}.fixed.docx" in text and f"{LONG_NAME}.suggestions.docx" in text
        await pilot.press("c")
        await pilot.pause()
        assert (word_file.parent / f"{LONG_NAME}.fixed.docx").exists()


async def test_skip_ignore_and_keep_are_explained_on_screen_and_in_help(make_ruleset, word_file: Path) -> None:
    app = ReviewApp(str(word_file), ruleset=make_ruleset(WORDS), keymap={"review.skip": "x"})
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        hint = app.query_one("#keys-hint")
        assert visible_lines(hint)[0].strip() == (
            "x: skip for now.  i: ignore here, say why.  k: keep the word everywhere.")
        assert app.screen.region.contains_region(hint.region)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-text")
        lines = [line.rstrip() for line in visible_lines(box)]
        assert all(len(line) <= box.size.width for line in lines)
        text = " ".join(" ".join(line.split()) for line in lines)
        assert "x Skip: leave this one for now. Nothing is saved, and it comes back next time." in text
        assert ("i Ignore: leave the words as they are in this place, and say why. Your reason is saved, so it is "
                "not flagged here again.") in text
        assert ("k Keep for project: your project keeps this word. When you save, it is added to keep: in your "
                "settings, and it is not flagged in any file.") in text
        # the descriptions wrap beside their key, not under it
        skip = next(i for i, line in enumerate(lines) if line.strip().startswith("x  Skip"))
        assert lines[skip + 1].startswith(" " * (lines[skip].index("Skip")))


def test_the_explanations_are_plain_english(default_ruleset) -> None:
    from speakeasy.engine import lint_text
    from speakeasy.model import Level
    from speakeasy.tui.app import HELP_TEXT

    app = ReviewApp("x.md", ruleset=default_ruleset)
    for text in [app.keys_hint(), *HELP_TEXT.values()]:
        bad = [f for f in lint_text(text.replace("keep:", "keep"), default_ruleset, "m.txt", "text").findings
               if f.level >= Level.WARNING]
        assert bad == [], (text, [f.message for f in bad])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("width", [80, 100])
def test_save_dialog_in_a_real_terminal(tmp_path: Path, width: int) -> None:
    doc = tmp_path / f"{LONG_NAME}.docx"
    doc.write_bytes(build_docx("# Purpose\nStaff will commence each visit by reading the care plan.\n"))
    name = f"speakeasy-save-{width}-{int(time.time() * 1000)}"
    cmd = (f"cd {tmp_path} && PYTHONPATH={ROOT} {sys.executable} -m speakeasy review {doc.name} --no-config"
           "; sleep 3")
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", "24", cmd], check=True)

    def screen() -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True).stdout

    def wait_for(text: str) -> str:
        shown = ""
        for _ in range(150):
            time.sleep(0.2)
            shown = screen()
            if text in shown.replace("\n", ""):
                break
        return shown

    try:
        shown = wait_for("[commence]")
        assert "[commence]" in shown, shown
        assert "s: skip for now.  i: ignore here, say why.  k: keep the word everywhere." in shown
        subprocess.run(["tmux", "send-keys", "-t", name, "1"], check=True)
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", name, "w"], check=True)
        shown = wait_for("Escape: keep working without saving")
        assert all(len(line) <= width for line in shown.splitlines())
        rows = [line for line in shown.splitlines() if "█" in line]
        inner = "".join(line.split("█")[1].strip() for line in rows if line.count("█") >= 2)
        for words in ("How do you want to save this Word file? The original is not changed.",
                      f"c: a clean copy, with the changes made: {LONG_NAME}.fixed.docx",
                      f"t: a copy with each change as a tracked change and a comment: {LONG_NAME}.suggestions.docx",
                      "Escape: keep working without saving"):
            assert words.replace(" ", "") in inner.replace(" ", ""), shown
        subprocess.run(["tmux", "send-keys", "-t", name, "c"], check=True)
        for _ in range(50):
            time.sleep(0.2)
            if (tmp_path / f"{LONG_NAME}.fixed.docx").exists():
                break
        assert (tmp_path / f"{LONG_NAME}.fixed.docx").exists()
        subprocess.run(["tmux", "send-keys", "-t", name, "q"], check=True)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
