"""`speakeasy review` on slides, driven with Textual's Pilot: choose the words, save a copy with its runs kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.anyio

from conftest import ROOT  # noqa: E402
from speakeasy.readers import read_path  # noqa: E402
from speakeasy.tui.app import ReviewApp  # noqa: E402
from speakeasy.tui.screens import SaveWordScreen  # noqa: E402

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: [start, begin]
    why: Formal words put people off.
  - term: signpost
    use: [tell you where to get help, point you to other help]
    why: Jargon.
"""


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["talk.pptx", "talk.odp"])
async def test_review_a_deck_and_save_a_copy(tmp_path: Path, make_ruleset, name: str) -> None:
    path = tmp_path / name
    shutil.copyfile(ROOT / "tests" / "data" / "slides" / name, path)
    before = path.read_bytes()
    app = ReviewApp(str(path), ruleset=make_ruleset(WORDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None, app.load_error
        assert app.current is not None and app.current.match == "commence"
        assert "slide 1, text" in str(app.current.location)
        await pilot.press("2")  # commence -> begin
        assert app.current is not None and app.current.match == "signpost"
        await pilot.press("2", "w")  # signpost -> point you to other help; save (no tracked changes for slides)
        await pilot.pause()
        assert not isinstance(app.screen, SaveWordScreen)
        assert not app.session.dirty
    assert path.read_bytes() == before
    fixed = path.with_name(path.stem + ".fixed" + path.suffix)
    texts = [b.text for b in read_path(fixed).blocks]
    assert texts[1] == "We will begin your reablement soon."
    assert texts[3] == "Say that we will point you to other help people to other services."
