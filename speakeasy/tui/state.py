"""The state of a review: the text and everything chosen so far, and how a change of the text moves it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ..model import Edit, Finding
from ..writers.common import apply_text_edits


@dataclass
class State:
    """Everything the user has chosen so far.  Copied before each step, for undo."""

    #: the current text (for Word: the text read, with the chosen replacements)
    text: str
    #: (rule, start, end) in the current text of findings skipped this session
    skipped: frozenset[tuple[str, int, int]] = frozenset()
    #: words to add to ``keep:`` on save
    keep: tuple[str, ...] = ()
    #: entries to add to the ignore file on save
    ignores: tuple[dict[str, Any], ...] = ()
    #: Word only: (start, end, replacement, match) in the text as first read
    docx_edits: tuple[tuple[int, int, str, str], ...] = ()


@dataclass
class Step:
    label: str
    before: State


@dataclass
class Scores:
    document: dict[str, float] = field(default_factory=dict)
    paragraph: dict[str, float] = field(default_factory=dict)


def _shift(pos: int, a: int, b: int, length: int) -> int:
    """Where ``pos`` goes when ``text[a:b]`` is replaced by ``length`` characters."""
    if pos <= a:
        return pos
    if pos >= b:
        return pos + length - (b - a)
    return a


def edited(state: State, a: int, b: int, replacement: str, **changes: Any) -> State:
    """``state`` after replacing ``text[a:b]`` by ``replacement``, with skipped places moved along."""
    n = len(replacement)
    skipped = frozenset(
        (r, _shift(s, a, b, n), _shift(e, a, b, n))
        for r, s, e in state.skipped
        if not (s < b and a < e)
    )
    text = apply_text_edits(state.text, [Edit(a, b, replacement, False)])
    return dataclasses.replace(state, text=text, skipped=skipped, **changes)


def line_around(text: str, offset: int) -> str:
    """The line of ``text`` that ``offset`` is on, without the spaces around it."""
    a = text.rfind("\n", 0, offset) + 1
    b = text.find("\n", offset)
    return text[a : b if b != -1 else len(text)].strip()


def preview_words(text: str, finding: Finding, width: int = 70) -> tuple[str, str]:
    """(before, after): the words around ``finding`` in ``text`` before and after its edit, changed words in [brackets]."""
    assert finding.edit is not None
    a = text.rfind("\n", 0, finding.start) + 1
    b = text.find("\n", finding.end)
    b = len(text) if b == -1 else b
    left = " ".join(text[a:finding.start].split())
    right = " ".join(text[finding.end:b].split())
    budget = max(20, width - len(finding.match))
    left_room = max(budget // 2, budget - len(right))
    right_room = max(budget // 2, budget - len(left))
    if len(left) > left_room:  # cut at a space, so no word is shown in half
        cut = left[-left_room:]
        left = "..." + (cut.split(" ", 1)[1] if " " in cut else cut)
    if len(right) > right_room:
        cut = right[:right_room + 1]
        right = (cut.rsplit(" ", 1)[0] if " " in cut else cut[:right_room]) + "..."
    sep_l = " " if text[finding.start - 1:finding.start].isspace() and left else ""
    sep_r = " " if text[finding.end:finding.end + 1].isspace() and right else ""
    before = f"{left}{sep_l}[{' '.join(finding.match.split())}]{sep_r}{right}"
    after = f"{left}{sep_l}[{finding.edit.replacement}]{sep_r}{right}"
    return before, after
