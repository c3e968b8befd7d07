"""Markdown, parsed with markdown-it-py (CommonMark, tables, footnotes, front matter).

Each heading, paragraph, list item, table cell, block quote and footnote is
its own block.  Code (fenced, indented and inline), URLs, raw HTML, images
and front matter are never linted: their characters are replaced by spaces
in the block text ("masked"), so every offset still points at the same
character in the source file.

markdown-it gives line ranges for blocks but not positions inside a line, so
the inline tokens are aligned with the source text here, left to right.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from ..model import Block, BlockKind, Document, Directive, DirectiveProblem
from .. import directives as _directives

_URL = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’”]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin)
    return md


class _Aligner:
    """Marks which source characters are prose, walking inline tokens in order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.spans: list[tuple[int, int]] = []  # prose character ranges
        self.entities: list[tuple[int, int, str]] = []  # (start, end, char) to show
        self.html: list[tuple[int, int]] = []

    def find_text(self, content: str, cursor: int, limit: int) -> int:
        """Mark ``content`` as prose from ``cursor``; return the new cursor."""
        if not content:
            return cursor
        src = self.source
        i = src.find(content, cursor, limit)
        if i != -1 and _only_markup(src, cursor, i):
            self.spans.append((i, i + len(content)))
            return i + len(content)
        # Slow path: escapes (\*) and entities (&amp;) change the text.
        p = cursor
        run_start = -1
        for ch in content:
            while p < limit:
                c = src[p]
                if c == ch:
                    if run_start == -1:
                        run_start = p
                    p += 1
                    break
                if c == "\\" and p + 1 < limit and src[p + 1] == ch:
                    if run_start != -1:
                        self.spans.append((run_start, p))
                    run_start = p + 1
                    p += 2
                    break
                if c == "&":
                    m = _ENTITY.match(src, p)
                    if m and html.unescape(m.group(0)) == ch:
                        if run_start != -1:
                            self.spans.append((run_start, p))
                            run_start = -1
                        self.entities.append((p, m.end(), ch))
                        p = m.end()
                        break
                if run_start != -1:
                    self.spans.append((run_start, p))
                    run_start = -1
                p += 1
            else:
                break  # could not align the rest; leave it masked
        if run_start != -1:
            self.spans.append((run_start, p))
        return p

    def skip(self, needle: str, cursor: int, limit: int) -> int:
        if not needle:
            return cursor
        i = self.source.find(needle, cursor, limit)
        return cursor if i == -1 else i + len(needle)

    def skip_link_tail(self, cursor: int, limit: int) -> int:
        """After link text: skip ``](url "title")``, ``][ref]`` or ``]``."""
        src = self.source
        j = src.find("]", cursor, limit)
        if j == -1:
            return cursor
        k = j + 1
        if k < limit and src[k] == "(":
            depth = 0
            quote = ""
            while k < limit:
                c = src[k]
                if quote:
                    if c == quote:
                        quote = ""
                elif c == "\\":
                    k += 1
                elif c in "\"'" and depth >= 1 and src[k - 1] in " \t\n":
                    quote = c
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        return k + 1
                k += 1
            return limit
        if k < limit and src[k] == "[":
            e = src.find("]", k, limit)
            return limit if e == -1 else e + 1
        return k


def _only_markup(src: str, a: int, b: int) -> bool:
    """True if ``src[a:b]`` has no letters or digits (only markup and spaces)."""
    if b - a > 200:
        return False
    for c in src[a:b]:
        if c.isalnum():
            return False
    return True


def parse(path: str, source: str) -> Document:
    md = _parser()
    tokens = md.parse(source)
    line_starts = [0]
    for m in re.finditer("\n", source):
        line_starts.append(m.end())
    n_lines = len(line_starts)

    def offset(line: int) -> int:
        return line_starts[line] if line < n_lines else len(source)

    blocks: list[Block] = []
    found_directives: list[Directive] = []
    problems: list[DirectiveProblem] = []
    section: str | None = None
    stack: list[str] = []
    heading_level = 0
    row_cursor = 0
    table_index = 0
    row_index = 0
    col_index = 0

    for tok in tokens:
        t = tok.type
        if t.endswith("_open") and t not in ("heading_open", "paragraph_open"):
            stack.append(t[:-5])
            if t == "table_open":
                table_index += 1
                row_index = 0
            elif t == "tr_open":
                row_index += 1
                col_index = 0
                if tok.map:
                    row_cursor = offset(tok.map[0])
            elif t in ("th_open", "td_open"):
                col_index += 1
            continue
        if t.endswith("_close") and t not in ("heading_close", "paragraph_close"):
            if stack:
                stack.pop()
            continue
        if t == "heading_open":
            heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            continue
        if t == "heading_close":
            heading_level = 0
            continue
        if t in ("html_block",) and tok.map:
            start = offset(tok.map[0])
            block_src = source[start : offset(tok.map[1])]
            for d in _directives.find_in_html(block_src, start, source):
                (found_directives if isinstance(d, Directive) else problems).append(d)
            continue
        if t != "inline" or not tok.map:
            continue

        # -- an inline run: align it with the source --------------------------------
        in_cell = stack and stack[-1] in ("th", "td")
        region_start = row_cursor if in_cell else offset(tok.map[0])
        region_end = offset(tok.map[1])
        al = _Aligner(source)
        cursor = region_start
        in_autolink = False
        in_image = 0
        for child in tok.children or []:
            ct = child.type
            if ct == "text":
                if in_autolink:
                    cursor = al.skip(child.content, cursor, region_end)
                else:
                    cursor = al.find_text(child.content, cursor, region_end)
            elif ct in ("softbreak", "hardbreak"):
                nl = source.find("\n", cursor, region_end)
                cursor = cursor if nl == -1 else nl + 1
            elif ct == "code_inline":
                open_at = source.find(child.markup, cursor, region_end)
                if open_at != -1:
                    close_at = source.find(child.markup, open_at + len(child.markup), region_end)
                    cursor = region_end if close_at == -1 else close_at + len(child.markup)
            elif ct == "link_open":
                if child.markup == "autolink":
                    in_autolink = True
                    cursor = al.skip("<", cursor, region_end)
            elif ct == "link_close":
                if in_autolink:
                    in_autolink = False
                    cursor = al.skip(">", cursor, region_end)
                else:
                    cursor = al.skip_link_tail(cursor, region_end)
            elif ct == "image":
                at = source.find("![", cursor, region_end)
                if at != -1:
                    cursor = al.skip_link_tail(at + 2, region_end)
            elif ct == "html_inline":
                at = source.find(child.content, cursor, region_end)
                if at != -1:
                    for d in _directives.find_in_html(child.content, at, source):
                        (found_directives if isinstance(d, Directive) else problems).append(d)
                    cursor = at + len(child.content)
            elif ct == "footnote_ref":
                at = source.find("[^", cursor, region_end)
                if at != -1:
                    end = source.find("]", at, region_end)
                    cursor = region_end if end == -1 else end + 1
            elif ct in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
                cursor = al.skip(child.markup, cursor, region_end)
            # other tokens (footnote_anchor...) carry no source text
        if in_cell:
            # the next cell starts after this cell's closing pipe
            bar = source.find("|", cursor, region_end)
            row_cursor = cursor if bar == -1 else bar + 1
        if not al.spans and not al.entities:
            continue
        starts = [s for s, _ in al.spans] + [s for s, _, _ in al.entities]
        ends = [e for _, e in al.spans] + [e for _, e, _ in al.entities]
        start, end = min(starts), max(ends)
        chars = [" "] * (end - start)
        for s, e in al.spans:
            chars[s - start : e - start] = source[s:e]
        for s, e, ch in al.entities:
            chars[s - start] = ch if len(ch) == 1 else " "
        # keep line breaks so positions and soft-wrapped phrases stay true
        for i in range(start, end):
            if source[i] == "\n":
                chars[i - start] = "\n"
        text = "".join(chars)
        # URLs and e-mail addresses written as plain text are not prose
        if "://" in text or "www." in text or "@" in text:
            text = _URL.sub(lambda m: " " * len(m.group(0)), text)
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        text = text[lead:].rstrip()
        start += lead

        if heading_level:
            kind = BlockKind.HEADING
        elif in_cell:
            kind = BlockKind.TABLE_CELL
        elif "footnote" in stack:
            kind = BlockKind.FOOTNOTE
        elif "list_item" in stack:
            kind = BlockKind.LIST_ITEM
        elif "blockquote" in stack:
            kind = BlockKind.BLOCKQUOTE
        else:
            kind = BlockKind.PARAGRAPH
        locator: dict[str, Any] = {}
        if in_cell:
            locator = {"table": table_index, "row": row_index, "column": col_index}
        block = Block(
            text=text,
            start=start,
            kind=kind,
            index=len(blocks),
            heading_level=heading_level,
            section=section,
            locator=locator,
        )
        blocks.append(block)
        if kind is BlockKind.HEADING:
            section = " ".join(text.split())

    blocks.sort(key=lambda b: b.start)
    blocks = [
        Block(b.text, b.start, b.kind, i, b.heading_level, b.section, b.locator) for i, b in enumerate(blocks)
    ]
    return Document(
        path=path,
        source=source,
        format="markdown",
        blocks=blocks,
        directives=found_directives,
        directive_problems=problems,
    )
