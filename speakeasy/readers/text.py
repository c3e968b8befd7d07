"""Plain text: paragraphs split on blank lines; bullet-like lines are their own blocks.

A short line on its own, with no full stop, is taken as a heading (so it is
one sentence and names the section for the lines below it).  A line
underlined with ``===`` or ``---`` is a heading too, and so is a short line
straight above a much longer one or above a bullet ("Who we are" over the
paragraph that follows it, with no blank line between).

Lines are split on ``\\n`` only (a ``\\r`` before it is part of the line
break), the same way line numbers are counted.  URLs and e-mail addresses
are not prose: they are masked (replaced by spaces), as in Markdown.
"""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Document
from .markdown import URL

# "- ", "* ", "• ", "1. ", "1) ", "(a) ", "a) ", "iv. ", "(iv) "
_BULLET = re.compile(
    r"[ \t]*(?:[-*+•‣◦▪–—]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)])[ \t]+(?=\S)"
)
_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*$")
_TERMINAL = ".!?:;,"
#: A heading with the paragraph straight under it has at most this many words...
_HEADING_WORDS = 8
#: ... and is clearly shorter than the line under it.
_HEADING_RATIO = 0.75

Line = tuple[int, int, str]  # (start, end without the line break, content)


def _lines(text: str) -> list[Line]:
    """(start, end-without-line-break, content) for every line."""
    out = []
    pos = 0
    for raw in text.split("\n"):
        content = raw[:-1] if raw.endswith("\r") else raw
        out.append((pos, pos + len(content), content))
        pos += len(raw) + 1
    return out


def parse(path: str, text: str) -> Document:
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in _lines(text):
        if line[2].strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    blocks: list[Block] = []
    section: str | None = None

    def add(parts: list[Line], kind: BlockKind, mask_upto: int = 0, level: int = 0) -> None:
        nonlocal section
        start = parts[0][0] + mask_upto  # the bullet marker is not prose
        end = parts[-1][1]
        chunk = text[start:end]
        if "\r" in chunk:
            chunk = chunk.replace("\r", " ")
        if "://" in chunk or "www." in chunk or "@" in chunk:
            chunk = URL.sub(lambda m: " " * len(m.group(0)), chunk)
        # trim spaces into the offset so blocks start and end at prose
        stripped = chunk.strip()
        if not stripped:
            return
        lead = len(chunk) - len(chunk.lstrip())
        block = Block(
            text=stripped,
            start=start + lead,
            kind=kind,
            index=len(blocks),
            heading_level=level,
            section=section,
        )
        blocks.append(block)
        if kind is BlockKind.HEADING:
            section = " ".join(stripped.split())

    for group in groups:
        # Setext-style underline: "Title\n=====", maybe with the paragraph straight after.
        if len(group) >= 2 and _UNDERLINE.match(group[1][2]) and not _BULLET.match(group[0][2]):
            add(group[:1], BlockKind.HEADING, level=1 if "=" in group[1][2] else 2)
            group = group[2:]
            if not group:
                continue
        # "Heading\nThe paragraph under it." with no blank line between.
        elif len(group) >= 2 and _heading_above(group[0][2], group[1][2]):
            add(group[:1], BlockKind.HEADING, level=2)
            group = group[1:]
        pending: list[Line] = []
        pending_kind = BlockKind.PARAGRAPH
        pending_mask = 0
        for line in group:
            m = _BULLET.match(line[2])
            indented = line[2][:1] in (" ", "\t")
            if m:
                if pending:
                    add(pending, pending_kind, pending_mask)
                pending, pending_kind, pending_mask = [line], BlockKind.LIST_ITEM, m.end()
            elif pending and pending_kind is BlockKind.LIST_ITEM and not indented:
                # a line after a bullet that is not indented starts a new paragraph
                add(pending, pending_kind, pending_mask)
                pending, pending_kind, pending_mask = [line], BlockKind.PARAGRAPH, 0
            else:
                if not pending:
                    pending_kind, pending_mask = BlockKind.PARAGRAPH, 0
                pending.append(line)
        if pending:
            if (
                pending_kind is BlockKind.PARAGRAPH
                and len(group) == 1
                and len(pending) == 1
                and _looks_like_heading(pending[0][2])
            ):
                add(pending, BlockKind.HEADING, level=2)
            else:
                add(pending, pending_kind, pending_mask)
    return Document(path=path, source=text, format="text", blocks=blocks)


def _heading_above(first: str, second: str) -> bool:
    """Is ``first`` a heading written straight above ``second`` (no blank line)?"""
    if not _looks_like_heading(first) or _BULLET.match(first) or first[:1] in (" ", "\t"):
        return False
    if _BULLET.match(second):
        return True
    if not second.lstrip()[:1].isupper():
        return False
    # A wrapped paragraph's first line is about as long as the next one;
    # a heading is short, and shorter than the text under it.
    return len(first.split()) <= _HEADING_WORDS and len(first.strip()) < _HEADING_RATIO * len(second.strip())


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 10:
        return False
    stripped = line.rstrip()
    if stripped[-1] in _TERMINAL or stripped[-1] in "\"')]”’":
        return False
    return stripped[0].isupper() or stripped[0].isdigit()
