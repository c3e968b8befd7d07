"""`speakeasy review` as it looks, at a fixed terminal size (pytest-textual-snapshot).

The pictures are in ``tests/__snapshots__/test_tui_snapshots/``.  After a change
to the screen that is meant, look at the new pictures and accept them with::

    python -m pytest tests/test_tui_snapshots.py --snapshot-update

They are made deterministic: the example is read with the built-in settings
(no configuration file), the loading worker has finished before the picture is
taken, there is no clock, and no text box blinks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("textual")
pytest.importorskip("pytest_textual_snapshot")

from textual.widgets import Input  # noqa: E402

from speakeasy.config import resolve  # noqa: E402
from speakeasy.ruleset import build_ruleset  # noqa: E402
from speakeasy.tui.app import ReviewApp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "care-at-home-policy.md"
SIZE = (80, 24)


@pytest.fixture(scope="module")
def ruleset():
    # as `speakeasy review examples/care-at-home-policy.md --no-config`
    return build_ruleset(resolve(no_config=True, cwd=ROOT))


@pytest.fixture(autouse=True)
def _colour(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pictures are in colour (the conftest sets NO_COLOR for the other tests)."""
    monkeypatch.delenv("NO_COLOR", raising=False)


async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the document is read and linted and the screen has settled."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.session is not None, app.load_error
    for box in app.query(Input):
        box.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    # the document scrolls to the current finding after a refresh: wait for it
    for _ in range(500):
        if app.document_shown and app.pending_scroll is None:
            break
        await pilot.pause(0.01)
    assert app.document_shown and app.pending_scroll is None
    await pilot.pause()


def pressing(*keys: str):  # type: ignore[no-untyped-def]
    """run_before: wait until loaded, press the keys, and wait for the screen to settle again."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)

    return run


def app(**kw):  # type: ignore[no-untyped-def]
    # follow=False: the document stays at the top, so the picture does not depend on timing
    return ReviewApp(str(EXAMPLE), ruleset=kw.pop("ruleset"), follow=False, **kw)


def test_main_screen(snap_compare, ruleset) -> None:
    assert snap_compare(app(ruleset=ruleset), terminal_size=SIZE, run_before=pressing())


def test_after_two_nexts(snap_compare, ruleset) -> None:
    assert snap_compare(app(ruleset=ruleset), terminal_size=SIZE, run_before=pressing("n", "n"))


def test_help_screen(snap_compare, ruleset) -> None:
    assert snap_compare(app(ruleset=ruleset), terminal_size=SIZE, run_before=pressing("question_mark"))


def test_high_contrast(snap_compare, ruleset) -> None:
    assert snap_compare(app(ruleset=ruleset, high_contrast=True), terminal_size=SIZE, run_before=pressing())
