"""What the review screen shows, as rich text: a finding in the list, the document with its findings marked,
the detail of the current finding and the status line.

No Textual here: :class:`~speakeasy.tui.app.ReviewApp` puts these texts in its widgets.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from rich.text import Text

from ..model import Finding, Level
from .session import ReviewSession

LEVEL_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
LEVEL_FILTERS: tuple[tuple[str, Level | None], ...] = (
    ("all levels", None), ("warnings and errors", Level.WARNING), ("errors only", Level.ERROR),
)
_SPACES = re.compile(r"\s+")


def is_word(f: Finding) -> bool:
    """A word or short phrase (marked in the text), not a sentence or paragraph (marked only when chosen)."""
    return bool(f.suggestions) or (not ReviewSession.is_long_sentence(f) and len(f.match.split()) <= 4)


def option_text(f: Finding, session: ReviewSession | None) -> Text:
    """A finding in the list: its line, level and words (or its rule, for a long sentence or markup)."""
    text = Text(f"{f.line:>4} ", style="dim")
    text.append(str(f.level)[0].upper() + " ", style=LEVEL_STYLE[f.level])
    word = " ".join(f.match.split())
    if session is not None and session.read_only:  # the words shown, without markup
        word = " ".join(session.view_text[f.start:f.end].split()) or word
    if ReviewSession.is_long_sentence(f):
        label = f"long sentence ({int(f.value or 0)})"
    elif is_word(f) and (session is None or session.in_view(f)):  # not markup, like <img ...>
        label = word
    else:
        label = f.rule.rpartition(".")[2] + (f" ({f.value:g})" if f.value is not None else "")
    text.append(label[:21])
    text.no_wrap = True
    return text


def status_line(s: ReviewSession, current: Finding | None, index: int, shown: list[Finding],
                level_filter: int, rule_filter: str | None) -> str:
    """The file, where we are, the plain scores, the filters and whether anything is unsaved."""
    sc = s.scores(current)
    parts = [Path(s.path).name]
    parts.append(f"{index + 1 if shown else 0}/{len(shown)}")
    doc = sc.document
    if doc.get("plain_score") is not None:
        parts.append(f"plain score {doc['plain_score']:.0f}")
    if sc.paragraph:
        parts.append(f"paragraph {sc.paragraph['plain_score']:.0f}")
    filt = LEVEL_FILTERS[level_filter][0] if level_filter else ""
    if rule_filter:
        filt = (filt + " " if filt else "") + rule_filter
    if filt:
        parts.append(f"[{filt}]")
    if s.dirty:
        parts.append("* unsaved")
    return " | ".join(parts)


def paragraph_ranges(text: str) -> list[tuple[int, int]]:
    """Where each paragraph (text between blank lines) starts and ends."""
    out = []
    pos = 0
    for chunk in text.split("\n\n"):
        out.append((pos, pos + len(chunk)))
        pos += len(chunk) + 2
    return out


def document_paragraphs(s: ReviewSession, shown: list[Finding], cur: Finding | None) -> list[tuple[Text, bool]]:
    """Each paragraph of the document with its findings marked in [brackets], and whether it holds ``cur``."""
    # a read-only file (a web page) shows the blocks speakeasy read, with the spaces that
    # hide its markup squeezed; the others show their text as it is, paragraph by paragraph
    view = s.view
    text = s.view_text
    ranges = view if view is not None else paragraph_ranges(text)

    def piece(a: int, b: int) -> str:
        return _SPACES.sub(" ", text[a:b]) if view is not None else text[a:b]

    paragraphs = []
    marks = sorted((f for f in shown if is_word(f) or f is cur),
                   key=lambda f: f.start)
    for a, b in ranges:
        if a == b:
            continue
        rendered = Text()
        pos = a
        for f in marks:
            if f.end <= pos or f.start >= b or f.start < pos:
                continue
            rendered.append(piece(pos, f.start))
            style = LEVEL_STYLE[f.level] + " underline"
            if f is cur:
                style = "reverse bold"
            long = not is_word(f)
            end = min(f.end, b)
            rendered.append("[[" if long else "[", style=style)
            rendered.append(piece(f.start, end), style=style)
            rendered.append("]]" if long else "]", style=style)
            pos = end
        rendered.append(piece(pos, b))
        paragraphs.append((rendered, cur is not None and a <= cur.start <= b))
    return paragraphs


def detail_text(s: ReviewSession, f: Finding | None, key_for: Callable[[str], str]) -> Text:
    """What the current finding says, why it matters, what to use instead and where the words came from.

    ``key_for`` gives the key bound to a binding id now (the keymap may have moved it).
    """
    if f is None:
        return Text("Nothing left to review here. Press w to save, q to quit.")
    rule = s.ruleset.get(f.rule)
    out = Text()
    out.append(f"{str(f.level).upper()} ", style=LEVEL_STYLE[f.level])
    out.append(f"{f.rule}  line {f.line}\n", style="bold")
    out.append(f.message + "\n")
    why = (f.origin or {}).get("why") or (rule.why if rule else "")
    if why:
        out.append("Why it matters: ", style="bold")
        out.append(why + "\n")
    if ReviewSession.is_long_sentence(f):
        out.append(f"{int(f.value or 0)} words; the limit is {int(f.threshold or 0)}.\n", style="bold")
        split = f.extra.get("split_after") or []
        if split:
            out.append("You could split it after: " + " / ".join(split) + "\n")
        if s.read_only:
            out.append("speakeasy does not change sentences: rewrite it in the file yourself.\n", style="dim")
        else:
            out.append("speakeasy does not change sentences: press e to rewrite it by hand.\n", style="dim")
    elif f.suggestions and s.read_only:
        # no number keys: speakeasy cannot put them in the file
        out.append("Plain alternatives, to use when you change the file yourself:\n", style="bold")
        for alt in f.suggestions[:9]:
            out.append(f" - {alt}\n")
    elif f.suggestions:
        out.append("Plain alternatives:\n", style="bold")
        for i, alt in enumerate(f.suggestions[:9], 1):
            out.append(f" {i} ", style="reverse")
            out.append(f" {alt}\n")
        same = s.same_term(f)
        if len(same) > 1 and f.edit is not None:
            word = " ".join(f.match.split())
            out.append(f" {key_for('review.apply-all')} ", style="reverse")
            out.append(f" Use '{f.edit.replacement}' for '{word}' in all {len(same)} places "
                       "(you see each change first)\n")
    origin = f.origin or {}
    where = []
    if origin.get("credit"):
        where.append(origin["credit"])
    if origin.get("added_by"):
        where.append(f"added by {origin['added_by']}")
    if origin.get("source"):
        where.append(f"source: {origin['source']}")
    if where:
        out.append("Where from: ", style="bold")
        out.append("; ".join(where) + "\n")
    return out
