"""Markdown, parsed with markdown-it-py (CommonMark, tables, footnotes, front matter).

Each heading, paragraph, list item, table cell, block quote and footnote is
its own block.  Code (fenced, indented and inline), URLs, raw HTML, images
and front matter are never linted: their characters are replaced by spaces
in the block text ("masked"), so every offset still points at the same
character in the source file.

markdown-it gives line ranges for blocks but not positions inside a line.
Positions are recovered exactly, without guessing:

1. An inline token's ``content`` is the raw Markdown the inline parser saw.
   Each of its lines is the same text as the end of a source line (the
   container markers -- ``>``, list markers, footnote labels, indentation --
   are cut off the front), so a line of content maps to the source by a
   fixed shift.  Table cells are cut out of their row the way markdown-it
   cuts them (unescaped ``|``; ``\\|`` loses its backslash).
2. With markdown-it's ``text_join`` rule switched off, every child token is
   either literal content (text, emphasis markers, raw HTML), or an escape
   or entity with its source spelling in ``markup``.  Walking the children
   left to right with a cursor in ``content`` gives each one's exact place;
   the ends of links and images are found with markdown-it's own helpers.

Prose characters are copied from the source, everything else becomes a
space (line breaks are kept).  The one exception: the first character of an
entity such as ``&amp;`` shows the character it stands for.  Emphasis
markers inside a word (``un*bold*ed``) are kept as they are, so the word is
not split in two.  Every prose span is checked against the source before it
is used: anything that cannot be placed exactly is masked, never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from ..model import Block, BlockKind, Document, Directive, DirectiveProblem
from .. import directives as _directives

# Bare URLs and e-mail addresses in text.  Balanced parentheses may be part of
# a URL (https://en.wikipedia.org/wiki/Care_(law)); a final full stop is not.
URL = re.compile(
    r"(?:https?://|ftp://|www\.)(?:[^\s<>()\[\]]|\([^\s<>()\[\]]*\))*"
    r"(?:[^\s<>()\[\].,;:!?'\"’”]|\([^\s<>()\[\]]*\))"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
#: Where markdown-it's table rule found each row: env key -> {line: (first column, end column)}.
_ROWS = "speakeasy_table_rows"
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_NEWLINE = re.compile("\n")
_LONE_CR = re.compile(r"\r(?!\n)")

#: Characters that start inline markup in CommonMark with the rules we use
#: (escapes, code, emphasis, strikethrough, links, images, footnote
#: references, autolinks, HTML, entities).  Content without any of them is
#: plain text.
_NEEDS_INLINE = re.compile(r"[\\`*_~\[\]!<&]")

_EMPHASIS = frozenset(("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"))
_CONTAINERS = {"footnote_reference": BlockKind.FOOTNOTE, "list_item": BlockKind.LIST_ITEM,
               "blockquote": BlockKind.BLOCKQUOTE}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    # Footnote definitions stay where they are written (so they belong to the
    # section they are in); ^[inline notes] are read as ordinary text.
    md.use(front_matter_plugin).use(footnote_plugin, inline=False, move_to_end=False)
    # Keep escapes and entities as their own tokens: their `markup` is the
    # source spelling, which is what makes exact positions possible.
    md.disable("text_join")
    # Inline parsing is done here, only for the blocks that have inline
    # markup at all (see _NEEDS_INLINE): most paragraphs of a policy are
    # plain prose, and parsing them inline is a large share of the time.
    md.disable("inline")
    # Record where each table row's text starts once container markers
    # (">", list markers, indentation) are cut off: only the parser knows.
    md.block.ruler.at("table", _recording_table_rule(), {"alt": ["paragraph", "reference"]})
    return md


def _recording_table_rule() -> Any:
    from markdown_it.rules_block.table import table as original

    def table(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        ok = original(state, start_line, end_line, silent)
        if ok and not silent:
            rows = state.env.setdefault(_ROWS, {})
            src = state.src
            for line in range(start_line, state.line):
                first = state.bMarks[line] + state.tShift[line]
                line_start = src.rfind("\n", 0, first) + 1
                rows[line] = (first - line_start, state.eMarks[line] - line_start)
        return ok

    return table


@lru_cache(maxsize=64)
def _code_closer(markup: str) -> "re.Pattern[str]":
    """The closing backtick run of a code span: exactly as long as the opener."""
    return re.compile(r"(?<!`)" + re.escape(markup) + r"(?!`)")


def _spaces(m: "re.Match[str]") -> str:
    return " " * len(m.group(0))


def _mask(gap: str) -> str:
    """Spaces for every character of ``gap`` except line breaks."""
    if "\n" not in gap:
        return " " * len(gap)
    return "\n".join(" " * len(part) for part in gap.split("\n"))


def spans_text(src: str, spans: list[tuple[int, int, str | None]]) -> tuple[int, str] | None:
    """A block's text from its prose spans of ``src``, and where it starts.

    Each span is (start, end, shown): ``src[start:end]`` as written, or
    ``shown`` in its place (an entity's character, padded to the same
    length).  Between spans, markup becomes spaces (line breaks stay), so the
    text has the length of the source it covers.  Web and e-mail addresses
    written as plain text are not prose and become spaces too.  Outer
    whitespace is trimmed; None when nothing is left.
    """
    if not spans:
        return None
    start = spans[0][0]
    pieces = []
    pos = start
    for a, b, shown in spans:
        if a > pos:
            pieces.append(_mask(src[pos:a]))
        elif a < pos:  # never expected: overlapping spans
            continue
        pieces.append(src[a:b] if shown is None else shown)
        pos = b
    text = "".join(pieces)
    if "://" in text or "www." in text or "@" in text:
        text = URL.sub(_spaces, text)
    stripped = text.strip()
    if not stripped:
        return None
    return start + len(text) - len(text.lstrip()), stripped


def _skip_space(s: str, pos: int, end: int) -> int:
    while pos < end and s[pos] in " \t\n":
        pos += 1
    return pos


def _link_end(md: Any, state: Any, s: str, label_end: int, image: bool) -> int:
    """Where a link or image whose label ends at ``label_end`` (its ``]``) ends.

    Follows markdown-it's own link and image rules step by step, so the
    answer is the same as the parser's.
    """
    helpers = md.helpers
    end = len(s)
    pos = label_end + 1
    reference = True
    if pos < end and s[pos] == "(":
        reference = False
        pos = _skip_space(s, pos + 1, end)
        if pos >= end:
            return end
        res = helpers.parseLinkDestination(s, pos, end)
        if res.ok:
            # (normalising a link is slow, and only matters for links that
            # look unsafe before it: "javascript:", "data:"...)
            if md.validateLink(res.str) or md.validateLink(md.normalizeLink(res.str)):
                pos = res.pos
        if res.ok or image:
            start = pos
            pos = _skip_space(s, pos, end)
            res = helpers.parseLinkTitle(s, pos, end, None)
            if pos < end and start != pos and res.ok:
                pos = _skip_space(s, res.pos, end)
        if pos >= end or s[pos] != ")":
            if image:
                return end
            reference = True
        pos += 1
    if reference:
        if pos < end and s[pos] == "[":
            close = helpers.parseLinkLabel(state, pos)
            pos = close + 1 if close >= 0 else label_end + 1
        else:
            pos = label_end + 1
    return min(pos, end)


class _Inline:
    """Aligns one inline token's children with the source."""

    __slots__ = ("md", "env", "content", "seg_c", "seg_s", "spans", "comments", "_state")

    def __init__(self, md: Any, env: dict, content: str, seg_c: list[int], seg_s: list[int]) -> None:
        self.md = md
        self.env = env
        self.content = content
        self.seg_c = seg_c  # content offsets where a run that maps to the source begins
        self.seg_s = seg_s  # ... and the source offset of each
        self.spans: list[tuple[int, int, str | None]] = []  # content (start, end, shown or None)
        self.comments: list[tuple[int, int]] = []  # HTML comments in content
        self._state: Any = None

    def state(self) -> Any:
        if self._state is None:
            from markdown_it.rules_inline import StateInline

            self._state = StateInline(self.content, self.md, self.env, [])
        return self._state

    def at(self, piece: str, cursor: int) -> int:
        """Where ``piece`` starts at or after ``cursor`` (normally right there)."""
        c = self.content
        if c.startswith(piece, cursor):
            return cursor
        i = c.find(piece, cursor)
        return -1 if i == -1 else i

    def walk(self, children: list[Any], cursor: int, prose: bool) -> int:
        c = self.content
        link_ends: list[int] = []
        autolink = False
        for child in children:
            ct = child.type
            if autolink:
                if ct == "link_close":
                    autolink = False
                    gt = c.find(">", cursor)
                    cursor = cursor if gt == -1 else gt + 1
                continue
            if ct == "text":
                piece = child.content
                if c.startswith(piece, cursor):
                    i = cursor
                else:
                    i = c.find(piece, cursor)
                    if i == -1:
                        continue
                if prose:
                    self.spans.append((i, i + len(piece), None))
                cursor = i + len(piece)
            elif ct == "softbreak" or ct == "hardbreak":
                nl = c.find("\n", cursor)
                if nl != -1:
                    cursor = nl + 1
            elif ct == "text_special":
                markup = child.markup
                i = self.at(markup, cursor)
                if i == -1:
                    continue
                if prose:
                    if child.info == "entity":
                        ch = child.content
                        shown = ch + " " * (len(markup) - 1) if len(ch) == 1 else " " * len(markup)
                        self.spans.append((i, i + len(markup), shown))
                    elif child.content == markup:  # a backslash before a letter is just text
                        self.spans.append((i, i + len(markup), None))
                    else:  # an escape: the backslash is markup, the character is prose
                        self.spans.append((i + 1, i + len(markup), None))
                cursor = i + len(markup)
            elif ct in _EMPHASIS:
                markup = child.markup
                i = self.at(markup, cursor)
                if i != -1:
                    j = i + len(markup)
                    if prose and 0 < i and j < len(c) and c[i - 1].isalnum() and c[j].isalnum():
                        # inside a word ("un*bold*ed"): a space here would split the word
                        self.spans.append((i, j, None))
                    cursor = j
            elif ct == "code_inline":
                i = self.at(child.markup, cursor)
                if i != -1:
                    m = _code_closer(child.markup).search(c, i + len(child.markup))
                    cursor = m.end() if m else len(c)
            elif ct == "link_open":
                if child.markup == "autolink" or child.markup == "linkify":
                    lt = c.find("<", cursor) if child.markup == "autolink" else -1
                    cursor = cursor if lt == -1 else lt
                    autolink = True
                    continue
                i = self.at("[", cursor)
                if i == -1:
                    link_ends.append(-1)
                    continue
                label_end = self.md.helpers.parseLinkLabel(self.state(), i, True)
                link_ends.append(_link_end(self.md, self.state(), c, label_end, False) if label_end >= 0 else -1)
                cursor = i + 1
            elif ct == "link_close":
                end = link_ends.pop() if link_ends else -1
                if end != -1 and end >= cursor:
                    cursor = end
            elif ct == "image":
                i = self.at("![", cursor)
                if i == -1:
                    continue
                label_end = self.md.helpers.parseLinkLabel(self.state(), i + 1, False)
                if label_end >= 0:
                    cursor = _link_end(self.md, self.state(), c, label_end, True)
            elif ct == "html_inline":
                i = self.at(child.content, cursor)
                if i == -1:
                    continue
                if "<!--" in child.content:
                    for m in _COMMENT.finditer(child.content):
                        self.comments.append((i + m.start(), i + m.end()))
                cursor = i + len(child.content)
            elif ct == "footnote_ref":
                i = self.at("[^", cursor)
                if i != -1:
                    close = c.find("]", i)
                    cursor = len(c) if close == -1 else close + 1
            # anything else carries no source text of its own
        return cursor

    def to_source(self, a: int) -> int:
        k = bisect_right(self.seg_c, a) - 1
        if k < 0:
            k = 0
        return self.seg_s[k] + a - self.seg_c[k]

    def source_spans(self, source: str) -> list[tuple[int, int, str | None]]:
        """The prose spans in source offsets, each checked against the source."""
        content = self.content
        seg_c = self.seg_c
        out: list[tuple[int, int, str | None]] = []
        if len(seg_c) == 1:
            shift = self.seg_s[0] - seg_c[0]
            for a, b, shown in self.spans:
                if source[a + shift : b + shift] == content[a:b]:
                    out.append((a + shift, b + shift, shown))
                # else: it could not be placed; leave it masked rather than guess
            return out
        n = len(seg_c)
        for a, b, shown in self.spans:
            k = bisect_right(seg_c, a)
            if k >= n or seg_c[k] >= b:
                pieces: Any = ((a, b),)
            else:  # crosses a removed backslash (\| in a table cell)
                cuts = [a] + [x for x in seg_c[k:] if x < b] + [b]
                pieces = zip(cuts, cuts[1:])
            for pa, pb in pieces:
                sa = self.to_source(pa)
                sb = sa + (pb - pa)
                if source[sa:sb] == content[pa:pb]:
                    out.append((sa, sb, shown))
        return out


def _line_bounds(source: str, line_starts: list[int], line: int) -> tuple[int, int]:
    """Start and end (before ``\\r\\n`` or ``\\n``) of a 0-based source line."""
    n = len(line_starts)
    if line >= n:
        return len(source), len(source)
    start = line_starts[line]
    end = line_starts[line + 1] - 1 if line + 1 < n else len(source)
    if end > start and source[end - 1] == "\r":
        end -= 1
    return start, end


def _line_segments(
    content: str, source: str, line_starts: list[int], first_line: int, atx: bool
) -> tuple[list[int], list[int]]:
    """Map each line of an inline token's content to its place in the source."""
    seg_c: list[int] = []
    seg_s: list[int] = []
    lines = content.split("\n")
    last = len(lines) - 1
    c = 0
    for k, cl in enumerate(lines):
        stripped = cl.lstrip(" \t")
        lead = len(cl) - len(stripped)
        ls, le = _line_bounds(source, line_starts, first_line + k)
        line = source[ls:le]
        col = -1
        if k < last:
            if line.endswith(stripped):
                col = len(line) - len(stripped)
        else:
            trimmed = line.rstrip()
            if trimmed.endswith(stripped) and not atx:
                col = len(trimmed) - len(stripped)
            elif atx:
                hashes = line.find("#")
                col = line.find(stripped, hashes + 1 if hashes != -1 else 0)
        if col == -1:
            col = line.find(stripped) if stripped else 0
            if col == -1:
                col = 0  # text checks below will mask what cannot be placed
        seg_c.append(c + lead)
        seg_s.append(ls + col)
        c += len(cl) + 1
    return seg_c, seg_s


def _row_cells(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table row, split as markdown-it splits them: (start, end) source ranges.

    ``start`` and ``end`` bound the row's text without its container markers.
    """
    from markdown_it.common.utils import MD_TRIM_CHARS

    line = source[start:end]
    stripped = line.strip(MD_TRIM_CHARS)
    if not stripped:
        return []
    a = start + len(line) - len(line.lstrip(MD_TRIM_CHARS))
    b = a + len(stripped)
    cells: list[tuple[int, int]] = []
    cell_start = a
    bar = source.find("|", a, b)
    while bar != -1:
        if source[bar - 1] != "\\" or bar == a:  # "\\|" is a pipe inside the cell
            cells.append((cell_start, bar))
            cell_start = bar + 1
        bar = source.find("|", bar + 1, b)
    cells.append((cell_start, b))
    if cells and cells[0][0] == cells[0][1]:
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    return cells


def _cell_segments(source: str, cell: tuple[int, int]) -> tuple[list[int], list[int]]:
    """Map a cell's content (trimmed, ``\\|`` -> ``|``) to the source."""
    from markdown_it.common.utils import MD_TRIM_CHARS

    cs, ce = cell
    raw = source[cs:ce]
    t = len(raw) - len(raw.lstrip(MD_TRIM_CHARS))
    seg_c = [0]
    seg_s = [cs + t]
    removed = 0
    j = raw.find("\\|", t)
    while j != -1:
        removed += 1
        seg_c.append(j + 1 - t - removed)
        seg_s.append(cs + j + 1)
        j = raw.find("\\|", j + 2)
    return seg_c, seg_s


def parse(path: str, source: str) -> Document:
    md = _parser()
    env: dict = {}
    # markdown-it reads a lone "\r" as a line break; speakeasy's line numbers
    # do not, so it is read as a space (same length, so offsets still agree).
    parse_src = _LONE_CR.sub(" ", source) if "\r" in source else source
    tokens = md.parse(parse_src, env)
    line_starts = [0]
    line_starts.extend(m.end() for m in _NEWLINE.finditer(source))
    n_lines = len(line_starts)

    def offset(line: int) -> int:
        return line_starts[line] if line < n_lines else len(source)

    blocks: list[Block] = []
    found_directives: list[Directive] = []
    problems: list[DirectiveProblem] = []

    def add_directives(found: Any) -> None:
        for d in found:
            (found_directives if isinstance(d, Directive) else problems).append(d)

    section: str | None = None
    stack: list[str] = []
    heading_level = 0
    atx = False
    row_cells: list[tuple[int, int]] = []
    table_index = row_index = col_index = 0
    in_cell = False

    for tok in tokens:
        t = tok.type
        if t == "inline":
            if not tok.map or not tok.content:
                continue
            content = tok.content
            if in_cell:
                if col_index - 1 >= len(row_cells):
                    continue
                seg_c, seg_s = _cell_segments(parse_src, row_cells[col_index - 1])
            else:
                seg_c, seg_s = _line_segments(content, parse_src, line_starts, tok.map[0], atx)
            il = _Inline(md, env, content, seg_c, seg_s)
            if _NEEDS_INLINE.search(content) is None:
                # Plain prose: the inline parser would give one text token a
                # line (trailing spaces dropped) and a break between lines.
                pos = 0
                for line in content.split("\n"):
                    kept = line.rstrip(" \t")
                    if kept:
                        il.spans.append((pos, pos + len(kept), None))
                    pos += len(line) + 1
            else:
                children: list[Any] = []
                md.inline.parse(content, md, env, children)
                il.walk(children, 0, True)
            for ca, cb in il.comments:
                sa = il.to_source(ca)
                sb = il.to_source(cb - 1) + 1
                found = _directives.parse_comment(content[ca:cb], sa, sb, source)
                if found is not None:
                    add_directives((found,))
            got = spans_text(parse_src, il.source_spans(parse_src))
            if got is None:
                continue
            start, text = got

            locator: dict[str, Any] = {}
            if heading_level:
                kind = BlockKind.HEADING
            elif in_cell:
                kind = BlockKind.TABLE_CELL
                locator = {"table": table_index, "row": row_index, "column": col_index}
            else:
                kind = BlockKind.PARAGRAPH
                for name in reversed(stack):
                    found = _CONTAINERS.get(name)
                    if found is not None:
                        kind = found
                        break
            blocks.append(
                Block(
                    text=text,
                    start=start,
                    kind=kind,
                    index=len(blocks),
                    heading_level=heading_level,
                    section=section,
                    locator=locator,
                )
            )
            if kind is BlockKind.HEADING:
                section = " ".join(text.split())
            continue
        if t == "paragraph_open" or t == "paragraph_close":
            continue
        if t == "heading_open":
            heading_level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            atx = tok.markup.startswith("#")
            continue
        if t == "heading_close":
            heading_level = 0
            atx = False
            continue
        if t.endswith("_open"):
            stack.append(t[:-5])
            if t == "table_open":
                table_index += 1
                row_index = 0
            elif t == "tr_open":
                row_index += 1
                col_index = 0
                row_cells = []
                where = env.get(_ROWS, {}).get(tok.map[0]) if tok.map else None
                if where is not None:
                    ls = offset(tok.map[0])
                    row_cells = _row_cells(parse_src, ls + where[0], ls + where[1])
            elif t == "th_open" or t == "td_open":
                col_index += 1
                in_cell = True
            continue
        if t.endswith("_close"):
            if stack:
                stack.pop()
            if t == "th_close" or t == "td_close":
                in_cell = False
            continue
        if t == "html_block" and tok.map:
            start = offset(tok.map[0])
            block_src = source[start : offset(tok.map[1])]
            if "<!--" in block_src:
                add_directives(_directives.find_in_html(block_src, start, source))

    if any(blocks[i].start < blocks[i - 1].start for i in range(1, len(blocks))):
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
