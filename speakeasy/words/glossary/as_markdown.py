"""The jargon buster in Markdown: text that shows exactly as written, with no emphasis, links or HTML of its own."""

from __future__ import annotations

import re

from .blocks import Block, Bullets, Heading, Jump, Para, flat, one_line

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LIST_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def _md(text: str) -> str:
    """Text that Markdown shows exactly as written: no emphasis, links, HTML, headings or lists."""
    text = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _md_block(block: Block) -> str | None:
    """One block in Markdown, or None for blocks Markdown leaves out."""
    match block:
        case Heading(level, text):
            return f"{'#' * level} {_md(text)}"
        case Para(parts):
            return " ".join(f"**{_md(text)}**" if bold else _md(text) for text, bold in parts)
        case Bullets(items):
            return "\n".join(f"- {_md(item)}" for item in items)
        case Jump(links):
            return "Go to: " + ", ".join(f"[{_md(text)}](#{anchor})" for text, anchor in links)
    return None


def markdown_text(blocks: list[Block]) -> str:
    """The blocks as one Markdown text."""
    parts = (_md_block(block) for block in flat(blocks))
    return "\n\n".join(part for part in parts if part is not None) + "\n"
