"""What the Word (.docx) and OpenDocument (.odt) readers share.

Both readers walk a zip package of XML parts and turn what a reader of the
document sees into a :class:`~speakeasy.model.Document`.  They differ in
the XML they read (:mod:`speakeasy.readers.docx`, :mod:`speakeasy.readers.odt`)
and share everything after it, which lives here:

* :class:`Para` collects one paragraph's text as it is read, with the XML
  text each character comes from;
* :class:`Builder` turns paragraphs into blocks, source lines, features and
  directives in reading order (:meth:`Builder.emit` returns an
  :class:`Emitted`, mapping the paragraph's raw offsets to source offsets),
  and refuses a file over the reader's limits as soon as it goes over;
* :class:`Native` (``Document.native``), :class:`BlockNative` and
  :class:`Piece` map every block character back to its XML element, which
  is what :mod:`speakeasy.writers.docx` needs to fix the words in place;
* :class:`Ctx` and :class:`Tables` say where the paragraphs being read are,
  and :func:`block_kind_and_locator` gives a paragraph its block kind and
  locator from that;
* :func:`add_comment_directive` turns a ``speakeasy: ignore RULE -- reason``
  comment into a :class:`~speakeasy.model.Directive`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ...directives import comment_directive, is_speakeasy_comment
from ...errors import InputError
from ...model import Block, BlockKind, Directive, DirectiveProblem, Document, Feature, paragraph_numbers
from ..markdown import URL
from ..ooxml_safe import Limits, limit_words

__all__ = [
    "WORD", "Tables", "Ctx", "block_kind_and_locator", "Piece", "BlockNative", "Native", "Para", "Emitted",
    "Builder", "add_comment_directive", "int_or",
]


#: A reader's word (same as :data:`speakeasy.analysis.WORD`, without importing spaCy).
WORD = re.compile(r"[^\W_](?:[^\s]*[^\W_])?")
#: Characters that would break a block's line (or look like it): each becomes one space.
_CONTROL = {c: " " for c in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029)}
_CONTROL_RE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")


@dataclass(slots=True)
class Tables:
    """Numbers the tables of one part (or of one table's cells, for nested tables): "1", "2", "2.1"..."""

    prefix: str = ""
    count: int = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.prefix}.{self.count}" if self.prefix else str(self.count)


@dataclass(slots=True)
class Ctx:
    """Where the paragraphs being read are: which part, which table cell, which section."""

    part: str
    label: str
    xml_part: str
    tables: Tables
    note: bool = False
    cell: tuple[str, int, int] | None = None
    body: bool = False  # headings here name the section
    section: str | None = None
    fixed_section: bool = True  # False: use the current section


def block_kind_and_locator(ctx: Ctx, level: int, listed: bool, paragraph: int) -> tuple[BlockKind, dict[str, Any]]:
    """What kind of block a paragraph makes, and its locator (both readers use this)."""
    if ctx.cell is not None:
        kind = BlockKind.TABLE_CELL
    elif ctx.note:
        kind = BlockKind.FOOTNOTE
    elif level:
        kind = BlockKind.HEADING
    elif listed:
        kind = BlockKind.LIST_ITEM
    else:
        kind = BlockKind.PARAGRAPH
    locator: dict[str, Any] = {"part": ctx.part, "part_label": ctx.label, "xml_part": ctx.xml_part,
                               "paragraph": paragraph}
    if ctx.cell is not None:
        locator["table"], locator["row"], locator["column"] = ctx.cell
    return kind, locator


class Piece(NamedTuple):
    """Where block characters ``[block_start, block_end)`` come from.

    ``slot`` says which text of ``element`` holds them:

    * ``"text"``: ``element.text[element_start : element_start + (block_end - block_start)]``
      (a Word ``w:t`` element, or an OpenDocument element's own text);
    * ``"tail"``: the same slice of ``element.tail`` (OpenDocument mixed content: the text
      after a child element);
    * ``"marker"``: not replaceable text: ``element`` is a tab, line break, ``text:s``...
      shown as spaces (or a hyphen for ``w:noBreakHyphen``).  Leave it alone.
    """

    block_start: int
    block_end: int
    element: Any
    element_start: int
    slot: str = "text"

    @property
    def replaceable(self) -> bool:
        return self.slot != "marker"


@dataclass(slots=True)
class BlockNative:
    """Where one block lives in the package."""

    xml_part: str  # the zip member, e.g. "word/document.xml"
    paragraph: Any  # the w:p (or text:p / text:h) lxml element
    pieces: list[Piece]


@dataclass
class Native:
    """What a writer needs to change a Word or OpenDocument file in place.

    * ``path``: the file that was read; ``data``: its bytes (the original zip);
    * ``parts``: the parsed lxml root element of every XML part read, by zip
      member name (edit these in place, then write a new zip with the other
      members copied unchanged);
    * ``blocks``: one :class:`BlockNative` per ``Document.blocks`` entry, in
      the same order: the paragraph element and the pieces mapping every
      block character to its XML text;
    * ``namespace``: the main text namespace (Word transitional or strict,
      or OpenDocument's text namespace).

    :meth:`spans` turns a range of source offsets into the XML text slices it covers.
    """

    path: str
    format: str
    data: bytes
    parts: dict[str, Any]
    blocks: list[BlockNative]
    namespace: str
    block_starts: list[int] = field(default_factory=list)

    def spans(self, start: int, end: int) -> list[tuple[int, Piece, int, int]]:
        """``(block index, piece, from, to)`` for every piece under source ``[start, end)``.

        ``from``/``to`` are offsets in the piece's element text (its ``slot``).
        Markers are included (check ``piece.replaceable``).
        """
        import bisect

        out: list[tuple[int, Piece, int, int]] = []
        i = max(bisect.bisect_right(self.block_starts, start) - 1, 0)
        while i < len(self.blocks) and (i >= len(self.block_starts) or self.block_starts[i] < end):
            base = self.block_starts[i]
            for piece in self.blocks[i].pieces:
                a = max(start - base, piece.block_start)
                b = min(end - base, piece.block_end)
                if a < b:
                    shift = piece.element_start - piece.block_start
                    out.append((i, piece, a + shift, b + shift))
            i += 1
        return out


class Para:
    """The text of one paragraph as it is read, before it becomes a block.

    Offsets here are "raw": into the paragraph's full text, before trimming.
    """

    __slots__ = ("chunks", "pieces", "length", "links", "runs", "marks", "images", "boxes", "last_ws", "in_link")

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pieces: list[tuple[int, int, Any, int, str]] = []
        self.length = 0
        self.links: list[tuple[int, int, str | None]] = []
        self.runs: list[list[Any]] = []  # [start, end, props]
        self.marks: list[tuple[int, str, Any]] = []  # (raw offset, what, payload)
        self.images: list[tuple[int, dict[str, Any]]] = []
        self.boxes: list[Any] = []  # text box contents, read after the paragraph
        self.last_ws = True  # OpenDocument white-space collapsing: at the start of a paragraph
        self.in_link = 0

    def add(self, text: str, element: Any, slot: str, props: Any = None, offset: int = 0) -> None:
        start = self.length
        end = start + len(text)
        self.chunks.append(text)
        self.pieces.append((start, end, element, offset, slot))
        self.length = end
        if props is not None:
            runs = self.runs
            if runs and runs[-1][1] == start and runs[-1][2] == props:
                runs[-1][1] = end
            else:
                runs.append([start, end, props])

    def mark(self, what: str, payload: Any) -> None:
        self.marks.append((self.length, what, payload))


@dataclass(slots=True)
class Emitted:
    """Where a paragraph ended up: ``to_source(raw)`` maps raw offsets to source offsets."""

    block: int | None  # index in Document.blocks, None when the paragraph made no block
    start: int  # the block's start (or, with no block, where the next block starts)
    lead: int
    length: int
    text: str  # the trimmed text (as in the source)

    def to_source(self, raw: int) -> int:
        return self.start + min(max(raw - self.lead, 0), self.length)


class Builder:
    """Collects blocks, source lines, features and directives in reading order.

    With ``path`` and ``limits``, a file whose text goes over
    ``limits.characters`` or ``limits.paragraphs`` is refused as soon as it
    does (an :class:`InputError` naming the limit and the variable that
    raises it), so reading stops there and nothing more is kept.
    """

    def __init__(self, path: str = "", limits: Limits | None = None) -> None:
        self.path = path
        self.limits = limits
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.natives: list[BlockNative] = []
        self.features: list[Feature] = []
        self.directives: list[Directive] = []
        self.problems: list[DirectiveProblem] = []
        self.pos = 0  # where the next block starts
        self.section: str | None = None
        #: Features whose paragraph made no block: (kind, data, blocks before it).
        self.gaps: list[tuple[str, dict[str, Any], int]] = []

    def emit(self, para: Para, kind: BlockKind, level: int, section: str | None, locator: dict[str, Any],
             xml_part: str, element: Any) -> Emitted:
        raw = "".join(para.chunks)
        if _CONTROL_RE.search(raw):
            raw = raw.translate(_CONTROL)
        text = raw.strip()
        if not text:
            return Emitted(None, self.pos, 0, 0, "")
        lead = len(raw) - len(raw.lstrip())
        n = len(text)
        start = self.pos
        shown = URL.sub(_spaces, text) if ("://" in text or "www." in text or "@" in text) else text
        index = len(self.blocks)
        self.blocks.append(Block(text=shown, start=start, kind=kind, index=index, heading_level=level,
                                 section=section, locator=locator))
        pieces: list[Piece] = []
        stop = lead + n
        for a, b, el, es, slot in para.pieces:
            if b <= lead or a >= stop or a == b:
                continue
            a2 = a if a > lead else lead
            b2 = b if b < stop else stop
            pieces.append(Piece(a2 - lead, b2 - lead, el, es + (a2 - a), slot))
        self.natives.append(BlockNative(xml_part, element, pieces))
        self.lines.append(text)
        self.pos = start + n + 1
        if self.limits is not None and (self.pos > self.limits.characters or index >= self.limits.paragraphs):
            raise self.over_limit(index + 1)
        return Emitted(index, start, lead, n, text)

    def over_limit(self, count: int) -> InputError:
        limits = self.limits
        assert limits is not None
        if count > limits.paragraphs:
            what = f"more than {limits.paragraphs:,} paragraphs and table cells"
            var = Limits.SETTINGS["paragraphs"][0]
        else:
            what = f"more than {limits.characters:,} characters of text"
            var = Limits.SETTINGS["characters"][0]
        return InputError(
            self.path,
            f"this file has too much to check: {what}, the limit for one file; speakeasy did not check it. "
            f"Split the document, or {limit_words(var)}.",
            "too-large",
        )

    def feature(self, kind: str, start: int, end: int, data: dict[str, Any],
                where: dict[str, Any] | None = None, placed: bool = True) -> None:
        """Record a feature; ``where`` (part, paragraph, section...) is added to its data.

        ``placed`` is False when the feature's paragraph (or table) made no
        block: :meth:`document` then gives it a ``location`` in words.
        """
        if where:
            data = {**data, **where}
        self.features.append(Feature(kind, start, end, data))
        if not placed and where:
            self.gaps.append((kind, data, len(self.blocks)))

    def paragraph_features(self, para: Para, done: Emitted, base_size: float | None,
                           justified: bool, style: str | None, where: dict[str, Any] | None = None) -> None:
        """``hyperlink``, ``image``, ``run`` and ``paragraph`` features of one paragraph."""
        g = done.to_source
        source_text = done.text
        placed = done.block is not None
        for a, b, url in para.links:
            s, e = g(a), g(b)
            self.feature("hyperlink", s, e, {"text": " ".join(source_text[s - done.start : e - done.start].split()),
                                             "url": url}, where, placed)
        for at, data in para.images:
            s = g(at)
            self.feature("image", s, s, data, where, placed)
        if not placed:
            return
        # the paragraph's size: the size most of its characters have
        sizes: dict[float, int] = {}
        for a, b, props in para.runs:
            if props[3] is not None:
                sizes[props[3]] = sizes.get(props[3], 0) + (b - a)
        size = max(sizes, key=lambda k: (sizes[k], k == base_size)) if sizes else base_size
        for a, b, props in para.runs:
            italic, underline, caps, run_size, link = props
            s, e = g(a), g(b)
            if s >= e:
                continue
            text = source_text[s - done.start : e - done.start]
            words = WORD.findall(text)
            if not words:
                continue
            small = run_size is not None and size is not None and run_size != size
            shouting = [] if caps else _caps_stretches(text)
            whole = len(shouting) == 1 and shouting[0][2] == len(words)
            if caps or italic or underline or small or whole:
                lead = len(text) - len(text.lstrip())
                trimmed = text.strip()
                self.feature("run", s + lead, s + lead + len(trimmed), {
                    "text": trimmed, "words": len(words), "caps": bool(caps or whole),
                    "caps_from": "format" if caps else ("text" if whole else None),
                    "italic": bool(italic), "underline": bool(underline), "size_pt": run_size,
                    "hyperlink": bool(link),
                }, where)
            if shouting and not whole:
                for a2, b2, count in shouting:
                    self.feature("run", s + a2, s + b2, {
                        "text": text[a2:b2], "words": count, "caps": True, "caps_from": "text",
                        "italic": bool(italic), "underline": bool(underline), "size_pt": run_size,
                        "hyperlink": bool(link),
                    }, where)
        self.feature("paragraph", done.start, done.start + done.length,
                     {"justified": justified, "size_pt": size, "style": style}, where)

    def gap_locations(self) -> None:
        """Give each feature whose paragraph made no block a ``location`` in words."""
        if not self.gaps:
            return
        blocks = self.blocks
        numbers = paragraph_numbers(blocks)
        has_heading = any(b.kind is BlockKind.HEADING for b in blocks)
        for kind, data, before in self.gaps:
            data["location"] = _gap_location(kind, data, before, blocks, numbers, has_heading)

    def document(self, path: str, fmt: str, native: Native) -> Document:
        self.gap_locations()
        source = "\n".join(self.lines)
        end = len(source)
        feats = [f if f.end <= end else Feature(f.kind, min(f.start, end), end, f.data) for f in self.features]
        feats.sort(key=lambda f: f.start)
        directives = [d if d.applies_to <= end else replace(d, start=min(d.start, end), end=min(d.end, end),
                                                             applies_from=min(d.applies_from, end), applies_to=end)
                      for d in self.directives]
        problems = [p if p.end <= end else DirectiveProblem(p.message, min(p.start, end), end) for p in self.problems]
        native.blocks = self.natives
        native.block_starts = [b.start for b in self.blocks]
        return Document(path=path, source=source, format=fmt, blocks=self.blocks, directives=directives,
                        directive_problems=problems, features=feats, native=native)


def _short(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 3] + "..."


def _in_body(block: Block) -> bool:
    return (block.locator or {}).get("part", "body") == "body"


def _gap_location(kind: str, data: dict[str, Any], before: int, blocks: list[Block], numbers: list[int],
                  has_heading: bool) -> str:
    """Where a feature with no block of its own is, worded as ``Analysis.location`` words block locations.

    ``before`` is how many blocks come before the feature's paragraph.  In
    a header, a footer, a note, a text box, a comment or a table cell, the
    part (and the cell) say where it is, as they do for blocks.  In the body,
    the paragraph is placed by the blocks around it: "under 'Keeping people
    safe', after paragraph 3", "under 'Logos', before paragraph 1", "after
    heading 'Logos'", "at the end of the document".
    """
    section = data.get("section")
    if kind == "table":
        here = f"table {data.get('table')}"
    elif "row" in data:
        here = f"table {data.get('table', 1)}, row {data['row']}, column {data.get('column', 1)}"
    else:
        here = ""
    if data.get("part", "body") != "body":
        desc = str(data.get("part_label") or data.get("part"))
        if here:
            desc += ", " + here
        if section:
            desc += f", under '{_short(section, 50)}'"
        return desc
    if not here:
        # the nearest blocks of the body on each side (text boxes are read after their paragraph: skip them)
        i = before - 1
        while i >= 0 and not _in_body(blocks[i]):
            i -= 1
        j = before
        while j < len(blocks) and not _in_body(blocks[j]):
            j += 1
        prev = i if i >= 0 else None
        nxt = j if j < len(blocks) else None
        if nxt is None:
            return "at the end of the document"
        if prev is not None and blocks[prev].kind is not BlockKind.HEADING:
            here = "after " + _block_name(blocks[prev], numbers[prev])
        elif blocks[nxt].kind is not BlockKind.HEADING:
            here = "before " + _block_name(blocks[nxt], numbers[nxt])
        elif prev is not None:
            return "after " + _block_name(blocks[prev], 0)
        else:
            return "before " + _block_name(blocks[nxt], 0)
    if section:
        return f"under '{_short(section, 50)}', {here}"
    return f"before the first heading, {here}" if has_heading else here


def _block_name(block: Block, number: int) -> str:
    """A block of the body as a location names it: "paragraph 3", "heading 'Purpose'", "table 2"."""
    if block.kind is BlockKind.HEADING:
        return f"heading '{_short(block.text, 60)}'"
    if block.kind is BlockKind.TABLE_CELL and "table" in (block.locator or {}):
        return f"table {str(block.locator['table']).split('.')[0]}"
    noun = {BlockKind.LIST_ITEM: "list item", BlockKind.BLOCKQUOTE: "quote",
            BlockKind.FOOTNOTE: "footnote"}.get(block.kind, "paragraph")
    return f"{noun} {number}"


def _caps_stretches(text: str, least: int = 4) -> list[tuple[int, int, int]]:
    """(start, end, words) of each stretch of at least ``least`` words written in capitals."""
    out: list[tuple[int, int, int]] = []
    first = last = -1
    count = 0
    for m in WORD.finditer(text):
        w = m.group(0)
        if w.upper() == w and any(c.isalpha() for c in w):
            if count == 0:
                first = m.start()
            last = m.end()
            count += 1
            continue
        if count >= least:
            out.append((first, last, count))
        count = 0
    if count >= least:
        out.append((first, last, count))
    return out


def _spaces(m: "re.Match[str]") -> str:
    return " " * len(m.group(0))


# ---------------------------------------------------------------------------
# Directives in comments: "speakeasy: ignore RULE -- reason"


def add_comment_directive(out: "Builder", text: str, where: dict[str, Any]) -> None:
    """Record what a comment says to speakeasy, if anything, for the text it covers.

    ``where`` holds the source offsets of the comment's range (``start`` and
    ``end``) and of its reference mark (``ref``), as far as they are known.
    """
    if not is_speakeasy_comment(text):
        return
    start, end = where.get("start"), where.get("end")
    if start is None or end is None or end < start:
        start, end = where.get("ref", (out.pos, out.pos))
    found = comment_directive(text, start, end)
    if isinstance(found, Directive):
        out.directives.append(found)
    elif found is not None:
        out.problems.append(found)


# ---------------------------------------------------------------------------
# Small helpers


def int_or(v: str | None, default: int) -> int:
    """``v`` as an integer, or ``default`` when it is missing or not a number."""
    try:
        return int(v or "")
    except ValueError:
        return default
