"""Plain text: paragraphs split on blank lines; bullet-like lines are their own blocks.

A short line on its own, with no full stop, is taken as a heading (so it is
one sentence and names the section for the lines below it).  A line
underlined with ``===`` or ``---`` is a heading too.
"""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Document

# "- ", "* ", "• ", "1. ", "1) ", "(a) ", "a) ", "iv. ", "(iv) "
_BULLET = re.compile(
    r"[ \t]*(?:[-*+•‣◦▪–—]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)])[ \t]+(?=\S)"
)
_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*\r?$")
_TERMINAL = ".!?:;,"


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end-without-newline, content) for every line."""
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        out.append((pos, pos + len(content), content))
        pos += len(raw)
    return out


def parse(path: str, text: str) -> Document:
    lines = _lines(text)
    groups: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for line in lines:
        if line[2].strip():
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    blocks: list[Block] = []
    section: str | None = None

    def add(parts: list[tuple[int, int, str]], kind: BlockKind, mask_upto: int = 0, level: int = 0) -> None:
        nonlocal section
        start = parts[0][0]
        end = parts[-1][1]
        chunk = list(text[start:end])
        # mask the bullet marker
        for i in range(mask_upto):
            if chunk[i] not in "\r\n":
                chunk[i] = " "
        masked = "".join(chunk).replace("\r", " ")
        # trim leading spaces into the offset so blocks start at prose
        lead = len(masked) - len(masked.lstrip())
        masked = masked[lead:].rstrip()
        if not masked:
            return
        block = Block(
            text=masked,
            start=start + lead,
            kind=kind,
            index=len(blocks),
            heading_level=level,
            section=section,
        )
        blocks.append(block)
        if kind is BlockKind.HEADING:
            section = " ".join(masked.split())

    for group in groups:
        # Setext-style underline: "Title\n=====".
        if len(group) == 2 and _UNDERLINE.match(group[1][2]) and not _BULLET.match(group[0][2]):
            add(group[:1], BlockKind.HEADING, level=1 if "=" in group[1][2] else 2)
            continue
        # "Heading\nThe paragraph under it." with no blank line between.
        if (
            len(group) >= 2
            and _looks_like_heading(group[0][2])
            and not _BULLET.match(group[0][2])
            and group[0][2][:1] not in (" ", "\t")
            and (group[1][2].lstrip()[:1].isupper() or _BULLET.match(group[1][2]))
        ):
            add(group[:1], BlockKind.HEADING, level=2)
            group = group[1:]
        pending: list[tuple[int, int, str]] = []
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


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 10:
        return False
    stripped = line.rstrip()
    if stripped[-1] in _TERMINAL or stripped[-1] in "\"')]”’":
        return False
    return stripped[0].isupper() or stripped[0].isdigit()
