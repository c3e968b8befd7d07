"""Where a block is, in words a person can follow without line numbers ("under 'Short breaks', paragraph 2")."""

from __future__ import annotations

from typing import Any, Callable

from ..model import Block, BlockKind


def block_location(b: Block, number: int, has_heading: Callable[[], bool]) -> str:
    """Where block ``b`` is, in words: ``number`` is its number among the paragraphs of its section.

    ``has_heading`` says whether the document has a heading at all; it is
    asked only for a block before the first heading.
    """
    loc = b.locator or {}
    if "page" in loc:  # a PDF: the page, and the block's number on the page
        return page_location(b, loc)
    if "part" in loc and loc.get("part") not in (None, "body"):
        # A header, a footer, a note, a text box or a comment: its own name says where.
        desc = str(loc.get("part_label") or loc["part"])
        if b.kind is BlockKind.TABLE_CELL and "row" in loc:
            desc += f", table {loc.get('table', 1)}, row {loc['row']}, column {loc.get('column', 1)}"
        if b.section:
            section = _short(b.section, 50)
            desc += f", under '{section}'"
        return desc
    if b.kind is BlockKind.HEADING:
        text = " ".join(b.text.split())
        short = _short(text, 60)
        desc = f"heading '{short}'"
    elif b.kind is BlockKind.TABLE_CELL and "row" in loc:
        desc = f"table {loc.get('table', 1)}, row {loc['row']}, column {loc.get('column', 1)}"
    else:
        noun = {
            BlockKind.LIST_ITEM: "list item",
            BlockKind.BLOCKQUOTE: "quote",
            BlockKind.FOOTNOTE: "footnote",
        }.get(b.kind, "paragraph")
        desc = f"{noun} {number}"
    if b.kind is not BlockKind.HEADING:
        if b.section:
            section = _short(b.section, 50)
            desc = f"under '{section}', {desc}"
        else:
            desc = f"before the first heading, {desc}" if has_heading() else desc
    return desc


def page_location(b: Block, loc: dict[str, Any]) -> str:
    """"page 4, paragraph 2, under 'Short breaks'", "page 2, table 1, row 3, column 2", "page 1, heading '...'"."""
    desc = f"page {loc['page']}"
    if loc.get("part") not in (None, "body"):  # a comment: its own name says where
        return f"{desc}, {loc.get('part_label') or loc['part']}"
    if b.kind is BlockKind.HEADING:
        text = " ".join(b.text.split())
        return f"{desc}, heading '{_short(text, 60)}'"
    if b.kind is BlockKind.TABLE_CELL and "row" in loc:
        desc += f", table {loc.get('table', 1)}, row {loc['row']}, column {loc.get('column', 1)}"
    else:
        noun = {BlockKind.LIST_ITEM: "list item", BlockKind.FOOTNOTE: "note",
                BlockKind.BLOCKQUOTE: "quote"}.get(b.kind, "paragraph")
        desc += f", {noun} {loc.get('paragraph', 1)}"
    if b.section:
        desc += f", under '{_short(b.section, 50)}'"
    return desc


def _short(text: str, most: int) -> str:
    """Text for a location: cut to ``most`` characters, with "..." when it is cut."""
    return text if len(text) <= most else text[:most - 3] + "..."

