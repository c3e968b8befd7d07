"""What every part of the HTML report shares: escaping, the levels in words, and where plain English ends."""

from __future__ import annotations

import html

from ...model import Level

#: A finding with more words than this (a long sentence, a hard paragraph) is
#: put in square brackets, not highlighted, so the words inside stay readable.
LONG_WORDS = 8
#: Plain score: this and over is plain English (see speakeasy.plainscore).
PLAIN_FROM = 60

LEVEL_WORD = {Level.ERROR: "Error", Level.WARNING: "Warning", Level.SUGGESTION: "Suggestion"}
LEVELS = (Level.ERROR, Level.WARNING, Level.SUGGESTION)

# Characters a page must not contain (C0 controls but tab and line breaks): shown as spaces.
_CONTROLS = {c: " " for c in range(32) if c not in (9, 10, 13)}
_CONTROLS[127] = " "


def esc(text: str) -> str:
    """Text made safe to put in an HTML page, between tags or in a double-quoted attribute."""
    return html.escape(text.translate(_CONTROLS), quote=False).replace('"', "&quot;")


def plain_reading_age() -> int:
    """The reading age of a plain score of :data:`PLAIN_FROM`: the top of plain English."""
    from ...plainscore import reading_age_for

    return reading_age_for(PLAIN_FROM)
