"""Blocks of an untagged PDF, from its layout: lines grouped into paragraphs, headings by size, bold or bookmark."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...model import BlockKind
from .blocks import LIST_START, Draft
from .layout import Line, Page
from .objects import text_of

#: A heading's letters are at least this much bigger than the body text.
_HEADING_RATIO = 1.15


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[ln.size] += len(ln.chars)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def untagged_blocks(pages: list[Page], running: set[tuple[int, int]],
                     skip_marked: set[tuple[int, int]] | None = None) -> list[Draft]:
    """Blocks from the layout: lines grouped into paragraphs, headings by size or bold."""
    body = _body_size(pages)
    heading_sizes = sorted({ln.size for p in pages for ln in p.lines if ln.size >= body * _HEADING_RATIO},
                           reverse=True)
    drafts: list[Draft] = []
    current: Draft | None = None
    prev: Line | None = None
    for p in pages:
        for ln in p.lines:
            if (p.number, ln.id) in running:
                continue
            chars = [c for c in ln.chars
                     if not c[2] and (skip_marked is None or c[1] is None or (p.number, c[1]) not in skip_marked)]
            if not "".join(c for c, _, _ in chars).strip():
                continue
            if len(chars) != len(ln.chars):
                ln = Line(ln.page, ln.id, ln.x0, ln.y0, ln.x1, ln.y1, chars, ln.size, ln.bold, ln.seq)
            text = ln.text.strip()
            kind, level = _line_kind(ln, text, body, heading_sizes)
            if kind is BlockKind.PARAGRAPH and _has_bullet(p, ln):
                kind = BlockKind.LIST_ITEM
            if current is None or _starts_block(prev, ln, kind, current, text):
                current = Draft(kind, p.number, level=level,
                                 guess=("size" if ln.size >= body * _HEADING_RATIO else "bold")
                                 if kind is BlockKind.HEADING else "")
                drafts.append(current)
            current.pieces.append((ln.text, (p.number, ln.id)))
            prev = ln
    return drafts


def outline_headings(pdf: Any, drafts: list[Draft]) -> None:
    """Make the blocks that are the PDF's bookmarks (its outline) headings of the bookmarks' levels.

    Word processors write a document's headings as bookmarks even when the PDF is not tagged, so
    the outline is a better guide to the headings than the look of the letters.  Bookmarks are in
    reading order; each is matched with the next block of the same words (one that looks like a
    heading first, so a table cell with a heading's words is left alone).  Short bold lines that
    are not bookmarks are then not headings.
    """
    try:
        outline = [(max(1, min(6, int(level))), " ".join(text_of(title).lower().split()))
                   for level, title, *_ in pdf.get_outlines()]
    except Exception as exc:  # noqa: BLE001 - no outline, or a damaged one: keep the headings found by their look
        from .budget import OverLimit, ReferenceLoop

        if isinstance(exc, (OverLimit, ReferenceLoop)):
            raise
        return
    if not outline:
        return
    texts = [" ".join("".join(t for t, _ in d.pieces).lower().split()) for d in drafts]
    matched: set[int] = set()
    after = 0
    for level, title in outline:
        found = [i for i in range(after, len(drafts)) if texts[i] == title]
        if not found:
            continue
        i = next((i for i in found if drafts[i].kind is BlockKind.HEADING), found[0])
        drafts[i].kind, drafts[i].level = BlockKind.HEADING, level
        matched.add(i)
        after = i + 1
    for i, d in enumerate(drafts):
        if d.kind is BlockKind.HEADING and d.guess == "bold" and i not in matched:
            d.kind, d.level = BlockKind.PARAGRAPH, 0


def _line_kind(ln: Line, text: str, body: float, heading_sizes: list[float]) -> tuple[BlockKind, int]:
    if ln.size >= body * _HEADING_RATIO and len(text) <= 200:
        return BlockKind.HEADING, min(6, heading_sizes.index(ln.size) + 1 if ln.size in heading_sizes else 1)
    if ln.bold and len(text.split()) <= 12 and not text.endswith((".", ",", ";")):
        return BlockKind.HEADING, min(6, len(heading_sizes) + 1)
    if LIST_START.match(text):
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _has_bullet(page: Page, ln: Line) -> bool:
    """Is there a bullet just left of the line's first letter, drawn on its own?"""
    middle = (ln.y0 + ln.y1) / 2
    return any(y0 <= middle <= y1 and 0 <= ln.x0 - x1 <= 4 * ln.size for x1, y0, y1 in page.bullets)


def _starts_block(prev: Line | None, ln: Line, kind: BlockKind, current: Draft, text: str) -> bool:
    """Does a line start a new block, or go on with the one before?"""
    if prev is None:
        return True
    previous_text = prev.text.rstrip()
    ends_sentence = previous_text.endswith((".", "!", "?", ":"))
    if prev.page != ln.page:
        # A paragraph that goes on over a page break: no full stop before, a small letter after.
        return not (kind is current.kind is BlockKind.PARAGRAPH and not ends_sentence and text[:1].islower())
    if kind is BlockKind.LIST_ITEM:
        return True  # each bullet starts a list item
    if min(prev.x1, ln.x1) - max(prev.x0, ln.x0) <= 0:
        return True  # side by side: another column or table cell
    if (kind is BlockKind.HEADING) != (current.kind is BlockKind.HEADING):
        return True
    if kind is BlockKind.HEADING:
        return abs(prev.size - ln.size) > 0.5 or prev.y0 - ln.y1 > max(prev.height, ln.height)
    if current.kind is BlockKind.LIST_ITEM and ln.x0 < prev.x0 - ln.size / 2:
        return True  # back at the margin after a list
    if ln.y1 > prev.y0 + 0.5 * ln.height:
        return True  # not below the line before
    if prev.y0 - ln.y1 > 0.7 * max(prev.height, ln.height):
        return True  # a gap between paragraphs
    if ends_sentence and ln.x0 > prev.x0 + ln.size:
        return True  # an indented first line
    # A short line that ends a sentence ends its paragraph.
    return ends_sentence and prev.x1 < ln.x1 - 0.15 * max(ln.x1 - ln.x0, 1)


# -- tagged PDFs ----------------------------------------------------------------------------------
