"""Draft blocks of a PDF made into a Document: the text joined across lines, broken words mended.

Both ways of reading a PDF (its structure tree, or its layout) make
:class:`Draft` blocks, pieces of text with the line each came from.
:func:`build_document` joins each block's pieces (a word broken across a
line end with a hyphen is joined again, a compound keeps its hyphen) and
writes the reader's own source, one line per block.  The PDF's comments
become blocks, or ``speakeasy: ignore`` directives for their paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ...directives import comment_directive, is_speakeasy_comment
from ...model import Block, BlockKind, Directive, Document
from ..markdown import URL
from .layout import BULLETS, Page

LIST_START = re.compile(r"^(?:[" + re.escape(BULLETS) + r"]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)])\s+")
_NOTE_LABEL = re.compile(r"^(?:\d{1,3}|[*\u2020\u2021])(?=[A-Z][a-z])")
_WORD_END = re.compile(r"([A-Za-z]+)$")
_WORD_START = re.compile(r"^([a-z][A-Za-z]*)")

#: Prefixes written with a hyphen in compounds (multi-agency, non-urgent, self-assessment).
_HYPHEN_PREFIXES = frozenset(
    "multi non self well cross anti semi ex quasi pseudo mid all half inter-agency".split()
)


@dataclass
class Draft:
    """A block before it has its place in the source."""

    kind: BlockKind
    page: int
    #: pieces of text, each with the line it came from
    pieces: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    level: int = 0
    locator: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    #: for an untagged PDF's heading, what made it one: "size" (big letters) or "bold" (a short bold line)
    guess: str = ""


def build_document(path: str, drafts: list[Draft]) -> Document:
    words = Counter(w.lower() for d in drafts for text, _ in d.pieces for w in re.findall(r"[A-Za-z-]+", text))
    kept = []
    for d in drafts:
        d.text = _join(d.pieces, words)
        if d.kind is BlockKind.LIST_ITEM:
            d.text = LIST_START.sub("", d.text, count=1) if LIST_START.match(d.text) else d.text
        d.text = " ".join(d.text.split())
        # Web and e-mail addresses are not words, as in the other readers: spaces of the same length.
        d.text = URL.sub(lambda m: " " * len(m.group(0)), d.text).strip()
        note = _NOTE_LABEL.match(d.text)
        if note:  # "1Section 10 of the Care Act...": a footnote's number, stuck to its first word
            d.text = d.text[note.end():]
            d.kind = BlockKind.FOOTNOTE if d.kind is BlockKind.PARAGRAPH else d.kind
        if d.text:
            kept.append(d)
    drafts[:] = kept
    blocks: list[Block] = []
    lines: list[str] = []
    offset = 0
    section: str | None = None
    per_page: Counter[int] = Counter()
    for i, d in enumerate(drafts):
        if d.kind is BlockKind.HEADING:
            section = d.text
            number = 0
        else:
            per_page[d.page] += 1
            number = per_page[d.page]
        locator = {"page": d.page, **({"paragraph": number} if number else {}), **d.locator}
        blocks.append(Block(d.text, offset, d.kind, i, d.level if d.kind is BlockKind.HEADING else 0,
                            section if d.kind is not BlockKind.HEADING else None, locator))
        lines.append(d.text)
        offset += len(d.text) + 1
    return Document(path=path, source="\n".join(lines) + ("\n" if lines else ""), format="pdf", blocks=blocks)


def _join(pieces: list[tuple[str, tuple[int, int]]], words: Counter[str]) -> str:
    """Join pieces of text; a piece from a new line starts after a space, or mends a hyphenated word."""
    out = ""
    previous_line: tuple[int, int] | None = None
    for text, line in pieces:
        if previous_line is not None and line != previous_line and out:
            out = _mend(out, text, words)
            if out.endswith("\x00"):
                out = out[:-1]
            elif not out.endswith(" ") and not text.startswith(" "):
                out += " "
        out += text
        previous_line = line
    return out.replace("\u00ad", "")


def _mend(before: str, after: str, words: Counter[str]) -> str:
    """Text before a line break, with a line-end hyphen removed (and a NUL mark) when the word was only broken.

    The hyphen may have a space before it: PDF writers often draw it apart from the word.
    """
    stripped = before.rstrip()
    if stripped.endswith("\u00ad"):  # a soft hyphen (from a tagged PDF's ActualText): always a broken word
        return stripped[:-1].rstrip() + "\x00"
    if not stripped.endswith(("-", "\u2010")):
        return before
    word = stripped[:-1].rstrip()
    left = _WORD_END.search(word)
    right = _WORD_START.match(after.lstrip())
    if not left or not right:
        return stripped + ("\x00" if stripped[:-1] == word else "")  # "3-", or "-" before a capital: keep it
    a, b = left.group(1), right.group(1)
    if hyphen_is_broken_word(a, b, words):
        return word + "\x00"
    return word + "-\x00"


def hyphen_is_broken_word(a: str, b: str, words: Counter[str]) -> bool:
    """Is "a-" at a line end and "b" on the next line one word broken in two (not a compound)?"""
    from ...lexicon import word_zipf

    def zipf(word: str) -> float:
        return word_zipf(word.lower().replace("\u2019", "'"))

    joined, compound = (a + b).lower(), f"{a}-{b}".lower()
    if words[joined] != words[compound]:
        return words[joined] > words[compound]  # the document's own spelling elsewhere
    if a.lower() in _HYPHEN_PREFIXES and zipf(b) >= 3:
        return False
    if zipf(joined) >= 2.5:
        return True
    return not (zipf(a) >= 3 and zipf(b) >= 3)


# -- untagged PDFs --------------------------------------------------------------------------------


def comment_blocks(pages: list[Page]) -> list[Draft]:
    """The comments, as blocks after the text (``include_comments``); speakeasy's own comments are not prose."""
    drafts = []
    for p in pages:
        for _, _, text in p.comments:
            if not is_speakeasy_comment(text):
                number = len(drafts) + 1
                drafts.append(Draft(BlockKind.OTHER, p.number, [(text, (p.number, -number))],
                                     locator={"part": "comment", "part_label": f"comment {number}"}))
    return drafts


def comment_directives(doc: Document, drafts: list[Draft], pages: list[Page]) -> None:
    """A comment saying ``speakeasy: ignore RULE -- reason`` switches the rule off for its paragraph.

    A PDF keeps only where a comment points, not which words it covers, so it covers the whole
    block its point is in (the nearest line of the page).
    """
    owner: dict[tuple[int, int], int] = {}
    for i, d in enumerate(drafts):
        for _, line in d.pieces:
            owner.setdefault(line, i)
    for p in pages:
        for x, y, text in p.comments:
            lines = [ln for ln in p.lines if (p.number, ln.id) in owner]
            if not lines:
                continue
            near = min(lines, key=lambda ln: (0 if ln.y0 <= y <= ln.y1 else min(abs(y - ln.y0), abs(y - ln.y1)),
                                              0 if ln.x0 - 2 <= x <= ln.x1 + 2 else 1))
            block = doc.blocks[owner[(p.number, near.id)]]
            found = comment_directive(text, block.start, block.end)
            if isinstance(found, Directive):
                doc.directives.append(found)
            elif found is not None:
                doc.directive_problems.append(found)
