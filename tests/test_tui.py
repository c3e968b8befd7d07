"""`speakeasy review`: the Textual app driven with Pilot, and once in a real terminal (tmux)."""

from __future__ import annotations

import re
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

pytest.importorskip("textual")
pytestmark = pytest.mark.anyio

from speakeasy.config import resolve  # noqa: E402
from speakeasy.ruleset import build_ruleset  # noqa: E402
from speakeasy.tui.app import ReviewApp  # noqa: E402
from speakeasy.tui.screens import HelpScreen, QuitScreen, SaveWordScreen, TextScreen  # noqa: E402

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: [start, begin]
    why: Formal words put people off.
    agreed_by: the Changes Forum
    agreed: 2026-03-14
  - term: reablement
    use: [help to get back on your feet, short-term help]
    why: Jargon.
  - term: utilise
    use: use
    why: Formal.
"""

TEXT = "# Plan\n\nWe will commence soon.\n\nWe utilise the reablement team.\n"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS)


@pytest.fixture
def md(tmp_path: Path) -> Path:
    p = tmp_path / "policy.md"
    p.write_text(TEXT, encoding="utf-8")
    return p


async def started(app: ReviewApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.session is not None, app.load_error


def current(app: ReviewApp) -> str:
    assert app.current is not None
    return app.current.match


async def test_navigation_and_detail(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert current(app) == "commence"
        detail = str(app.query_one("#detail").render())
        assert "Formal words put people off." in detail
        assert " 1 " in detail and "start" in detail and " 2 " in detail and "begin" in detail
        assert "the Changes Forum" in detail
        assert "[commence]" in str(app.query_one("#doc .para").render()) or any(
            "[commence]" in str(w.render()) for w in app.query("#doc .para"))
        await pilot.press("n")
        assert current(app) == "utilise"
        await pilot.press("down")
        assert current(app) == "reablement"
        await pilot.press("down")  # the last one: stays
        assert current(app) == "reablement"
        await pilot.press("p")
        assert current(app) == "utilise"
        await pilot.press("up")
        assert current(app) == "commence"


async def test_alternatives_undo_save(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        status_before = str(app.query_one("#status").render())
        await pilot.press("2")
        assert app.session.text == TEXT.replace("commence", "begin")
        assert current(app) == "utilise"  # moved on to the next
        assert "unsaved" in str(app.query_one("#status").render())
        await pilot.press("1")
        await pilot.press("2")
        assert app.session.text == "# Plan\n\nWe will begin soon.\n\nWe use the short-term help team.\n"
        assert app.current is None
        assert md.read_text(encoding="utf-8") == TEXT  # untouched until w
        await pilot.press("u", "u")
        assert app.session.text == TEXT.replace("commence", "begin")
        assert current(app) == "utilise"
        await pilot.press("u")
        assert app.session.text == TEXT
        assert current(app) == "commence"
        assert str(app.query_one("#status").render()) == status_before
        await pilot.press("9")  # there is no alternative 9: nothing changes
        assert app.session.text == TEXT
        await pilot.press("1", "w")
        assert md.read_text(encoding="utf-8") == TEXT.replace("commence", "start")
        assert not app.session.dirty


async def test_edit_by_hand_and_skip(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, TextScreen)
        inp = app.screen.query_one("#answer")
        inp.value = ""
        await pilot.press(*"get going", "enter")  # typed: n, p and the other keys go to the box
        await pilot.pause()
        assert "We will get going soon." in app.session.text
        await pilot.press("s")
        assert current(app) == "reablement"
        assert [f.match for f in app.shown] == ["reablement"]
        await pilot.press("e", "escape")  # cancelled: nothing changes
        assert [f.match for f in app.shown] == ["reablement"]
        await pilot.press("u")
        assert current(app) == "utilise"


async def test_ignore_keep_and_disable(md: Path, ruleset, tmp_path: Path) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("n", "i")
        assert isinstance(app.screen, TextScreen)
        app.screen.query_one("#answer").value = "the team name"
        await pilot.press("enter")
        await pilot.pause()
        assert "<!-- speakeasy-disable-next-line local.words -- the team name -->\nWe utilise" in app.session.text
        assert [f.match for f in app.shown] == ["commence"]
        await pilot.press("k")
        assert app.shown == []
        assert not (tmp_path / ".speakeasy.yaml").exists()
        await pilot.press("u", "u")
        assert app.session.text == TEXT
        await pilot.press("d")
        assert app.session.text.startswith("<!-- speakeasy-disable local.words -->\n\n# Plan")
        assert app.shown == []
        await pilot.press("u", "n", "n", "k", "w")
        assert yaml.safe_load((tmp_path / ".speakeasy.yaml").read_text())["keep"] == ["reablement"]
        assert md.read_text(encoding="utf-8") == TEXT


async def test_quit_asks_when_there_are_unsaved_changes(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("1", "q")
        assert isinstance(app.screen, QuitScreen)
        assert "unsaved changes" in str(app.screen.query_one("#quit-question").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, QuitScreen)
        assert app.return_value is None  # still running
        await pilot.press("q", "y")
        await pilot.pause()
    assert md.read_text(encoding="utf-8") == TEXT.replace("commence", "start")


async def test_quit_without_saving_and_clean_quit(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("1", "q", "n")
        await pilot.pause()
        assert app.return_value == 0  # exit was asked for
    assert md.read_text(encoding="utf-8") == TEXT
    app = ReviewApp(str(md), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_value == 0  # exit was asked for


async def test_help_keymap_filters_and_contrast(md: Path, ruleset) -> None:
    app = ReviewApp(str(md), ruleset=ruleset, keymap={"review.skip": "x", "review.next": "j"}, high_contrast=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.theme == "speakeasy-high-contrast"
        await pilot.press("j")
        assert current(app) == "utilise"
        await pilot.press("x")
        assert current(app) == "reablement"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.plain_text()
        for line in ("x  Skip", "j  Next", "1-9  Use that plain alternative", "u  Undo", "w  Save", "?  Help"):
            assert line in help_text
        await pilot.press("escape")
        await pilot.press("r")  # filter by rule: the only rule
        assert app.rule_filter == "local.words"
        await pilot.press("f", "f")  # errors only: none here
        assert app.shown == [] and app.current is None
        await pilot.press("f")
        assert [f.match for f in app.shown] == ["commence", "reablement"]


async def test_long_sentence_shows_count_limit_and_split(tmp_path: Path) -> None:
    p = tmp_path / "long.md"
    p.write_text("We " + "really " * 30 + "mean it, and we " + "truly " * 20 + "do.\n", encoding="utf-8")
    rs = build_ruleset(resolve({"packs": ["length"]}, no_config=True, cwd=tmp_path))
    app = ReviewApp(str(p), ruleset=rs)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.current is not None and app.current.rule == "length.sentence"
        detail = str(app.query_one("#detail").render())
        assert "words; the limit is" in detail and "You could split it after" in detail
        before = app.session.text
        await pilot.press("1")
        assert app.session.text == before  # no automatic fix
        status = str(app.query_one("#status").render())
        assert re.search(r"plain score \d+ \| paragraph \d+", status), status
        assert "ease" not in status and "grade" not in status  # one number: the plain score


async def test_folder_picker(tmp_path: Path, md: Path, ruleset) -> None:
    (tmp_path / "clean.txt").write_text("All good.\n", encoding="utf-8")
    app = ReviewApp(str(tmp_path), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one("#files")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("3" in label and "policy.md" in label for label in labels)
        assert any("0" in label and "clean.txt" in label for label in labels)
        pick = next(i for i, label in enumerate(labels) if "policy.md" in label)
        options.highlighted = pick
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None and current(app) == "commence"


# ---------------------------------------------------------------------------
# Files speakeasy cannot write: web pages and plugin formats open read only

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Plan</title></head>
<body><nav><a href="/">We utilise menus</a></nav>
<main><h1>Plan</h1>
<p class="lead">We will <strong>commence</strong> soon.</p>
<img src="chart.png">
<p>We utilise the reablement team.</p></main>
<footer>We commence in the footer.</footer></body></html>
"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    return p


def _texts(app: ReviewApp) -> list[str]:
    return [str(w.render()) for w in app.query("#doc .para")]


async def test_a_web_page_opens_read_only(page: Path, make_ruleset) -> None:
    rs = make_ruleset(WORDS, packs=["web-accessibility"])
    app = ReviewApp(str(page), ruleset=rs)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.session.read_only
        # said in words, on a line of its own
        assert str(app.query_one("#read-only").render()) == (
            "Read only: speakeasy cannot write changes to web pages. You can skip, ignore or keep findings.")
        # the text speakeasy read, not the markup; the menu and the footer are not checked
        assert _texts(app) == ["Plan", "We will [commence] soon.", "We [utilise] the [reablement] team."]
        assert current(app) == "commence"
        detail = str(app.query_one("#detail").render())
        assert "Plain alternatives, to use when you change the file yourself:" in detail
        assert " - start" in detail and " - begin" in detail and " 1 " not in detail
        # the image without alt text is listed by its rule, not by its <img> tag
        labels = [str(app.query_one("#findings").get_option_at_index(i).prompt) for i in range(len(app.shown))]
        assert [label.split(maxsplit=2)[2] for label in labels] == ["commence", "image-alt", "utilise", "reablement"]
        # using a plain word or editing is refused, with the reason
        await pilot.press("1")
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, TextScreen)
        notes = [n.message for n in app._notifications]
        assert notes == ["speakeasy cannot write changes to web pages. Change the file yourself, then check it again."] * 2
        assert current(app) == "commence" and app.session.text == PAGE
        # skip and undo still work
        await pilot.press("s")
        assert app.current is not None and app.current.rule == "web-accessibility.image-alt"
        assert _texts(app)[1] == "We will commence soon."
        await pilot.press("u")
        assert current(app) == "commence"
        await pilot.press("w")
        await pilot.pause()
    assert page.read_text(encoding="utf-8") == PAGE


async def test_ignoring_in_a_web_page_goes_to_the_ignore_file_and_check_honours_it(page: Path, tmp_path: Path,
                                                                                 cli) -> None:
    (tmp_path / ".speakeasy.yaml").write_text("packs: []\nwordlists: [words.yaml]\n", encoding="utf-8")
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    rs = build_ruleset(resolve(cwd=tmp_path))
    app = ReviewApp(str(page), ruleset=rs)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.press("i")
        app.screen.query_one("#answer").value = "a quote"
        await pilot.press("enter")
        await pilot.pause()
        assert current(app) == "utilise"
        await pilot.press("k")  # keep 'utilise' for the project
        assert current(app) == "reablement"
        await pilot.press("w")
        await pilot.pause()
    assert page.read_text(encoding="utf-8") == PAGE
    [entry] = yaml.safe_load((tmp_path / ".speakeasy-ignore.yaml").read_text(encoding="utf-8"))
    assert entry == {"file": "page.html", "rule": "local.words", "match": "commence",
                     "context": '<p class="lead">We will <strong>commence</strong> soon.</p>', "reason": "a quote"}
    assert yaml.safe_load((tmp_path / ".speakeasy.yaml").read_text())["keep"] == ["utilise"]
    code, out, err = cli("check", "page.html", "--no-cache", "--format", "json", cwd=tmp_path)
    assert [f["match"] for f in json.loads(out)["files"][0]["findings"]] == ["reablement"]


async def test_a_web_page_reads_the_landmarks_the_settings_ask_for(page: Path, make_ruleset) -> None:
    rs = make_ruleset(WORDS, include_landmarks=["footer"])
    app = ReviewApp(str(page), ruleset=rs)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert _texts(app)[-1] == "We [commence] in the footer."


@pytest.mark.needs_example_plugins
async def test_an_email_opens_read_only_when_the_plugin_is_in_use(tmp_path: Path) -> None:
    if os.environ.get("SPEAKEASY_EXAMPLE_PLUGINS") == "1":  # .ci/run has installed them: never skip
        import speakeasy_email_reader  # noqa: F401
    else:
        pytest.importorskip("speakeasy_email_reader")
    from speakeasy import plugins

    mail = tmp_path / "note.eml"
    mail.write_text("Subject: We will commence\nFrom: Sam <sam@example.org>\n\nWe will facilitate a meeting.\n",
                    encoding="utf-8")
    (tmp_path / ".speakeasy.yaml").write_text("packs: [plain-english]\nplugins: [speakeasy-email-reader]\n")
    try:
        rs = build_ruleset(resolve(cwd=tmp_path))
        app = ReviewApp(str(mail), ruleset=rs)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(app, pilot)
            assert str(app.query_one("#read-only").render()).startswith(
                "Read only: speakeasy cannot write changes to email files.")
            assert _texts(app) == ["We will [commence]", "We will [facilitate] a meeting."]
            await pilot.press("1")
            assert app.session.text == mail.read_text(encoding="utf-8")
        # without the plugin, the file cannot be opened at all, and the screen says so (the path once)
        plugins.reset()
        app = ReviewApp(str(mail), ruleset=build_ruleset(resolve({"packs": []}, no_config=True, cwd=tmp_path)))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.session is None
            status = str(app.query_one("#status").render())
            assert status.startswith(f"speakeasy could not open {mail}: speakeasy cannot review this kind of "
                                     "file. It reads: .docx, ")
            assert ".eml" not in status.split("It reads:")[1]
    finally:
        plugins.reset()


def _word_file(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    p = d.add_paragraph("We will ")
    r = p.add_run("commence")
    r.bold = True
    p.add_run(" the review and offer reablement.")
    d.save(str(path))
    return path


@pytest.mark.slow
async def test_word_save_asks_clean_copy_or_tracked_changes(tmp_path: Path, ruleset) -> None:
    import zipfile

    path = _word_file(tmp_path / "policy.docx")
    before = path.read_bytes()
    fixed, suggestions = tmp_path / "policy.fixed.docx", tmp_path / "policy.suggestions.docx"
    app = ReviewApp(str(path), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert current(app) == "commence"
        await pilot.press("1", "w")
        assert isinstance(app.screen, SaveWordScreen)
        shown = " ".join(str(label.render()) for label in app.screen.query("Label"))
        assert "policy.fixed.docx" in shown and "policy.suggestions.docx" in shown
        await pilot.press("escape")  # cancelled: nothing written, still unsaved
        assert not isinstance(app.screen, SaveWordScreen)
        assert app.session.dirty and not fixed.exists() and not suggestions.exists()
        await pilot.press("w", "t")  # tracked changes
        await pilot.pause()
        assert not isinstance(app.screen, SaveWordScreen)
        assert suggestions.exists() and not fixed.exists() and not app.session.dirty
        with zipfile.ZipFile(suggestions) as z:
            body = z.read("word/document.xml").decode()
            assert 'w:author="speakeasy"' in body and "<w:delText>commence</w:delText>" in body
            assert "commence" in z.read("word/comments.xml").decode()
        await pilot.press("w")
        await pilot.click("#clean")  # the buttons work too
        await pilot.pause()
        assert fixed.exists()
        runs = [(r.text, r.bold) for r in pytest.importorskip("docx").Document(str(fixed)).paragraphs[0].runs]
        assert runs == [("We will ", None), ("start", True), (" the review and offer reablement.", None)]
        # quitting with unsaved changes: y asks which kind of copy, then quits
        await pilot.press("1", "q", "y")  # reablement -> its first alternative
        assert isinstance(app.screen, SaveWordScreen)
        await pilot.press("c")
        await pilot.pause()
        assert app.return_value == 0
    assert path.read_bytes() == before
    text = pytest.importorskip("docx").Document(str(fixed)).paragraphs[0].text
    assert text == "We will start the review and offer help to get back on your feet."


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_review_in_a_real_terminal(tmp_path: Path, md: Path) -> None:
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    name = f"speakeasy-review-{int(time.time() * 1000)}"
    cmd = (f"cd {tmp_path} && {sys.executable} -m speakeasy review policy.md --no-config "
           f"; sleep 2")
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", cmd], check=True)
    try:
        screen = ""
        for _ in range(100):
            time.sleep(0.2)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True,
                                    text=True).stdout
            if "[commence]" in screen:
                break
        assert "[commence]" in screen, screen
        subprocess.run(["tmux", "send-keys", "-t", name, "q"], check=True)
        for _ in range(50):
            time.sleep(0.2)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True,
                                    text=True).stdout
            if "[commence]" not in screen:
                break
        assert "[commence]" not in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    assert md.read_text(encoding="utf-8") == TEXT


async def test_a_long_sentence_in_a_web_page_is_for_the_writer_to_split(tmp_path: Path) -> None:
    p = tmp_path / "long.html"
    p.write_text("<main><p>We " + "really " * 30 + "mean it, and we " + "truly " * 20 + "do.</p></main>\n",
                 encoding="utf-8")
    app = ReviewApp(str(p), ruleset=build_ruleset(resolve({"packs": ["length"]}, no_config=True, cwd=tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert app.current is not None and app.current.rule == "length.sentence"
        detail = str(app.query_one("#detail").render())
        assert "rewrite it in the file yourself" in detail and "press e" not in detail
        assert _texts(app)[0].startswith("[[We really really")
