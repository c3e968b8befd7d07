"""OpenDocument text (.odt), read the same way as Word files (see :mod:`speakeasy.readers.docx`).

Reading order: headers of the master pages in ``styles.xml`` (first-page,
ordinary, left/even), the body of ``content.xml`` (paragraphs ``text:p``,
headings ``text:h`` with their ``text:outline-level``, lists, tables cell
by cell, frames and shapes with text right after the paragraph that
anchors them), footnotes, endnotes, annotations (only when asked: they are
comments, not published text), footers.

What a reader sees is read: links (``text:a``), fields' shown values
(dates, page numbers...), inserted text of tracked changes.  What they do
not see is not: deleted text (kept in ``text:tracked-changes``), note
citations, hidden text, annotations by default.  White space follows the
OpenDocument rules: runs of spaces, tabs and line breaks in the XML count
as one space (``text:s``, ``text:tab`` and ``text:line-break`` are the
real spaces, tabs and breaks, one source character each).

A paragraph in the "Title" style (or one based on it) is a heading of
level 1, as in Word.  ``Document.native`` is a
:class:`~speakeasy.readers.office.common.Native`; OpenDocument text sits in
elements' ``text`` and ``tail``, which each :class:`~speakeasy.readers.office.common.Piece`
says in its ``slot``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from ..errors import InputError
from ..model import BlockKind, Document
from .office.common import (
    Builder,
    Ctx,
    Emitted,
    Native,
    Para,
    Tables,
    add_comment_directive,
    block_kind_and_locator,
    int_or,
)
from .ooxml_safe import Package

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
XLINK = "http://www.w3.org/1999/xlink"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def _t(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


P, H = _t(TEXT, "p"), _t(TEXT, "h")
SPAN, A, S, TAB, LINE_BREAK = (_t(TEXT, x) for x in ("span", "a", "s", "tab", "line-break"))
LIST, LIST_ITEM, LIST_HEADER = _t(TEXT, "list"), _t(TEXT, "list-item"), _t(TEXT, "list-header")
NOTE, NOTE_BODY, NOTE_CLASS = _t(TEXT, "note"), _t(TEXT, "note-body"), _t(TEXT, "note-class")
STYLE_NAME, OUTLINE_LEVEL, C = _t(TEXT, "style-name"), _t(TEXT, "outline-level"), _t(TEXT, "c")
SECTION, INDEX_BODY, INDEX_TITLE = _t(TEXT, "section"), _t(TEXT, "index-body"), _t(TEXT, "index-title")
NUMBERED_PARAGRAPH = _t(TEXT, "numbered-paragraph")
ANNOTATION, ANNOTATION_END, OFFICE_NAME = _t(OFFICE, "annotation"), _t(OFFICE, "annotation-end"), _t(OFFICE, "name")
TBL, ROW, CELL, COVERED = _t(TABLE, "table"), _t(TABLE, "table-row"), _t(TABLE, "table-cell"), _t(
    TABLE, "covered-table-cell")
HEADER_ROWS = _t(TABLE, "table-header-rows")
ROW_GROUPS = {_t(TABLE, "table-rows"), _t(TABLE, "table-row-group"), HEADER_ROWS}
COLUMN = _t(TABLE, "table-column")
COLUMN_GROUPS = {_t(TABLE, "table-columns"), _t(TABLE, "table-column-group"), _t(TABLE, "table-header-columns")}
ROWS_REPEATED, COLS_REPEATED = _t(TABLE, "number-rows-repeated"), _t(TABLE, "number-columns-repeated")
FRAME, TEXT_BOX, IMAGE, DRAW_A, DRAW_G = (_t(DRAW, x) for x in ("frame", "text-box", "image", "a", "g"))
DRAW_OBJECTS = {_t(DRAW, "object"), _t(DRAW, "object-ole")}
DRAW_NAME = _t(DRAW, "name")
SVG_TITLE, SVG_DESC = _t(SVG, "title"), _t(SVG, "desc")
HREF = _t(XLINK, "href")

#: Inline elements whose content is not shown (or not here).
_SKIP_INLINE = {
    _t(TEXT, "note-citation"), _t(TEXT, "hidden-text"), _t(TEXT, "ruby-text"), _t(TEXT, "change"),
    _t(TEXT, "change-start"), _t(TEXT, "change-end"), _t(TEXT, "bookmark"), _t(TEXT, "bookmark-start"),
    _t(TEXT, "bookmark-end"), _t(TEXT, "reference-mark"), _t(TEXT, "reference-mark-start"),
    _t(TEXT, "reference-mark-end"), _t(TEXT, "toc-mark"), _t(TEXT, "toc-mark-start"), _t(TEXT, "toc-mark-end"),
    _t(TEXT, "alphabetical-index-mark"), _t(TEXT, "alphabetical-index-mark-start"),
    _t(TEXT, "alphabetical-index-mark-end"), _t(TEXT, "user-index-mark"), _t(TEXT, "user-index-mark-start"),
    _t(TEXT, "user-index-mark-end"), _t(TEXT, "soft-page-break"), _t(SVG, "title"), _t(SVG, "desc"),
    _t(OFFICE, "annotation-end"), _t(TEXT, "bibliography-mark"),
}
#: Block-level elements that hold no text a reader sees in place.
_SKIP_BLOCK = {
    _t(TEXT, "tracked-changes"), _t(TEXT, "sequence-decls"), _t(TEXT, "variable-decls"),
    _t(TEXT, "user-field-decls"), _t(TEXT, "dde-connection-decls"), _t(OFFICE, "forms"),
    _t(TEXT, "soft-page-break"), _t(TEXT, "change"), _t(TEXT, "change-start"), _t(TEXT, "change-end"),
    _t(TABLE, "calculation-settings"), _t(TABLE, "content-validations"), _t(TABLE, "label-ranges"),
    _t(TEXT, "table-of-content-source"), _t(TEXT, "alphabetical-index-source"),
    _t(TEXT, "illustration-index-source"), _t(TEXT, "table-index-source"), _t(TEXT, "object-index-source"),
    _t(TEXT, "user-index-source"), _t(TEXT, "bibliography-source"), _t(OFFICE, "annotation"),
    _t(OFFICE, "annotation-end"),
}
_HEADERS = (("header-first", "first-page "), ("header", ""), ("header-left", "even-page "))
_FOOTERS = (("footer-first", "first-page "), ("footer", ""), ("footer-left", "even-page "))
_WS = re.compile(r"[ \t\r\n]+")
_ABNORMAL_WS = re.compile(r"[\t\r\n]|  ")
_DEFAULT_SIZE = 12.0


# ---------------------------------------------------------------------------
# Styles


@dataclass(slots=True)
class _OStyle:
    name: str
    family: str
    parent: str | None
    display: str | None
    text: dict[str, Any]  # italic, underline, caps, size (raw string), hidden
    align: str | None


def _text_props(el: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    v = el.get(_t(FO, "font-style"))
    if v is not None:
        out["i"] = v in ("italic", "oblique")
    v = el.get(_t(STYLE, "text-underline-style"))
    if v is not None:
        out["u"] = v != "none"
    v = el.get(_t(FO, "text-transform"))
    if v is not None:
        out["caps"] = v == "uppercase"
    v = el.get(_t(FO, "font-size"))
    if v is not None:
        out["size"] = v.strip()
    v = el.get(_t(TEXT, "display"))
    if v is not None:
        out["hidden"] = v == "none"
    return out


_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "px": 0.75}
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(pt|in|cm|mm|pc|px|%)\s*$")


def _size(value: str | None, parent: float) -> float:
    if not value:
        return parent
    m = _LENGTH.match(value)
    if not m:
        return parent
    try:
        number = float(m.group(1))
    except ValueError:
        return parent
    unit = m.group(2)
    if unit == "%":
        return round(parent * number / 100, 2)
    return round(number * _UNITS[unit], 2)


class _OdtStyles:
    def __init__(self) -> None:
        self.common: dict[tuple[str, str], _OStyle] = {}
        self.automatic: dict[str, dict[tuple[str, str], _OStyle]] = {}
        self.default_text: dict[str, Any] = {}
        self.default_align: str | None = None
        self._cache: dict[tuple[str, str, str | None], tuple[dict[str, Any], str | None, int, str | None]] = {}

    def load(self, container: Any, into: dict[tuple[str, str], _OStyle]) -> None:
        for el in container:
            if el.tag == _t(STYLE, "style"):
                name = el.get(_t(STYLE, "name")) or ""
                family = el.get(_t(STYLE, "family")) or ""
                text: dict[str, Any] = {}
                align = None
                for c in el:
                    if c.tag == _t(STYLE, "text-properties"):
                        text = _text_props(c)
                    elif c.tag == _t(STYLE, "paragraph-properties"):
                        align = c.get(_t(FO, "text-align"))
                into[(family, name)] = _OStyle(name, family, el.get(_t(STYLE, "parent-style-name")),
                                               el.get(_t(STYLE, "display-name")), text, align)
            elif el.tag == _t(STYLE, "default-style") and el.get(_t(STYLE, "family")) == "paragraph":
                for c in el:
                    if c.tag == _t(STYLE, "text-properties"):
                        self.default_text = _text_props(c)
                    elif c.tag == _t(STYLE, "paragraph-properties"):
                        self.default_align = c.get(_t(FO, "text-align"))

    def chain(self, family: str, name: str | None, part: str) -> list[_OStyle]:
        out: list[_OStyle] = []
        auto = self.automatic.get(part, {})
        seen: set[str] = set()
        first = True
        while name and name not in seen and len(out) < 64:
            seen.add(name)
            st = (auto.get((family, name)) if first else None) or self.common.get((family, name))
            if st is None and not first:
                st = auto.get((family, name))
            if st is None:
                break
            out.append(st)
            name = st.parent
            first = False
        return out

    def paragraph(self, name: str | None, part: str) -> tuple[dict[str, Any], str | None, int, str | None]:
        """(text props with sizes as numbers, alignment, heading level from the Title style, style name)."""
        key = ("paragraph", name or "", part)
        found = self._cache.get(key)
        if found is not None:
            return found
        chain = self.chain("paragraph", name, part)
        props = self.merge(self.default_text, chain, _DEFAULT_SIZE)
        align = next((st.align for st in chain if st.align), self.default_align)
        level = 0
        for st in chain:
            if st.name in ("Title",) or st.display == "Title":
                level = 1
                break
        shown = None
        for st in chain:  # automatic styles (P1...) have no name a person chose
            if part == "" or (st.family, st.name) in self.common:
                shown = st.display or st.name.replace("_20_", " ")
                break
        found = (props, align, level, shown)
        self._cache[key] = found
        return found

    def span(self, name: str | None, part: str, base: dict[str, Any]) -> dict[str, Any]:
        chain = self.chain("text", name, part)
        return self.merge(base, chain, base.get("sz", _DEFAULT_SIZE), keep_base=True)

    @staticmethod
    def merge(base: dict[str, Any], chain: list[_OStyle], size: float, keep_base: bool = False) -> dict[str, Any]:
        out = dict(base)
        if not keep_base:
            size = _size(out.pop("size", None), size)
        for st in reversed(chain):
            for k, v in st.text.items():
                if k == "size":
                    size = _size(v, size)
                else:
                    out[k] = v
        out["sz"] = size
        return out


def _props(rpr: dict[str, Any], link: bool) -> tuple:
    return (rpr.get("i", False), rpr.get("u", False), rpr.get("caps", False), rpr.get("sz", _DEFAULT_SIZE), link)


# ---------------------------------------------------------------------------
# The reader


class _OdtReader:
    #: The package's ``mimetype``, and what to say (and the error code) when it is another.
    MIMETYPE = "application/vnd.oasis.opendocument.text"
    NOT_THIS = "this is not an OpenDocument text file (it is '{mime}'); speakeasy reads text documents (.odt)."
    NOT_CODE = "not-odt"

    def __init__(self, path: str, data: bytes, include_comments: bool, kind: str = "odt") -> None:
        self.path = path
        self.pkg = Package(path, data, kind)
        self.include_comments = include_comments
        self.out = Builder(path, self.pkg.limits)
        self.styles = _OdtStyles()
        self.notes: dict[str, list[tuple[Any, str | None]]] = {"footnote": [], "endnote": []}
        self.annotations: list[tuple[str, Any, str | None]] = []  # (name, element, section)
        self.ranges: dict[str, dict[str, Any]] = {}
        self.text_boxes = 0
        self._pindex: dict[str, dict[Any, int]] = {}
        self._anon = 0

    # -- package ------------------------------------------------------------------------

    def check_package(self) -> None:
        pkg = self.pkg
        if pkg.has("mimetype"):
            mime = pkg.read("mimetype")[:200].decode("ascii", "replace").strip()
            if mime and not mime.startswith(self.MIMETYPE):
                raise pkg.error(self.NOT_THIS.format(mime=mime), self.NOT_CODE)
        if not pkg.has("content.xml"):
            if pkg.has("word/document.xml"):
                raise pkg.error(
                    "this is a Word .docx file, not an OpenDocument file; rename it to end in .docx and try again.",
                    "not-odt",
                )
            raise pkg.damaged("content.xml is missing")
        if pkg.has("META-INF/manifest.xml"):
            manifest = pkg.xml("META-INF/manifest.xml")
            for entry in manifest.iter(_t(MANIFEST, "file-entry")):
                if entry.find(_t(MANIFEST, "encryption-data")) is not None:
                    raise pkg.encrypted()

    def paragraph_index(self, xml_part: str, p: Any) -> int:
        index = self._pindex.get(xml_part)
        if index is None:
            root = self.pkg.parsed[xml_part]
            index = self._pindex[xml_part] = {el: i for i, el in enumerate(root.iter(P, H))}
        return index.get(p, -1)

    def read(self) -> Document:
        self.check_package()
        content, styles = self.load_styles()
        pages = self.master_pages(styles)

        for kinds in (_HEADERS,):
            self.headers(pages, kinds, "header")
        body = content.find(f"{_t(OFFICE, 'body')}/{_t(OFFICE, 'text')}")
        if body is not None:
            ctx = Ctx("body", "body", "content.xml", Tables(), body=True, fixed_section=False)
            self.blocks(body, ctx)
        for kind in ("footnote", "endnote"):
            tables = Tables()
            for number, (note, section) in enumerate(self.notes[kind], 1):
                ctx = Ctx(kind, f"{kind} {number}", "content.xml", tables, note=True, section=section)
                body_el = note.find(NOTE_BODY)
                if body_el is not None:
                    self.blocks(body_el, ctx)
        self.comments()
        self.headers(pages, _FOOTERS, "footer")
        native = Native(self.path, "odt", self.pkg.data, self.pkg.parsed, [], TEXT)
        return self.out.document(self.path, "odt", native)

    def load_styles(self) -> tuple[Any, Any]:
        """The parsed content.xml and styles.xml (None when there is none), with their styles loaded."""
        content = self.pkg.xml("content.xml")
        if content.tag != _t(OFFICE, "document-content"):
            raise self.pkg.damaged("content.xml is not an OpenDocument content part")
        styles = self.pkg.xml("styles.xml") if self.pkg.has("styles.xml") else None
        if styles is not None:
            for el in styles:
                if el.tag == _t(OFFICE, "styles"):
                    self.styles.load(el, self.styles.common)
                elif el.tag == _t(OFFICE, "automatic-styles"):
                    self.styles.load(el, self.styles.automatic.setdefault("styles.xml", {}))
        for el in content:
            if el.tag == _t(OFFICE, "automatic-styles"):
                self.styles.load(el, self.styles.automatic.setdefault("content.xml", {}))
        return content, styles

    def master_pages(self, styles: Any) -> list[Any]:
        if styles is None:
            return []
        masters = styles.find(_t(OFFICE, "master-styles"))
        if masters is None:
            return []
        return [m for m in masters if m.tag == _t(STYLE, "master-page")]

    def headers(self, pages: list[Any], kinds: tuple[tuple[str, str], ...], what: str) -> None:
        found = []
        for page in pages:
            for local, words in kinds:
                el = page.find(_t(STYLE, local))
                if el is None:
                    el = page.find(_t(LOEXT, local))
                if el is None or el.get(_t(STYLE, "display")) == "false" or not len(el):
                    continue
                found.append((page, el, words))
        several = len({id(p) for p, _, _ in found}) > 1
        for page, el, words in found:
            label = f"{words}{what}"
            if several:
                name = page.get(_t(STYLE, "display-name")) or page.get(_t(STYLE, "name")) or ""
                label += f" (page style {name})"
            ctx = Ctx(what, label, "styles.xml", Tables())
            self.blocks(el, ctx)

    def comments(self) -> None:
        for name, ann, _section in self.annotations:
            text = " ".join(" ".join("".join(p.itertext()) for p in ann.iter(P, H)).split())
            add_comment_directive(self.out, text, self.ranges.get(name, {}))
        if not self.include_comments:
            return
        tables = Tables()
        for number, (_name, ann, section) in enumerate(self.annotations, 1):
            ctx = Ctx("comment", f"comment {number}", "content.xml", tables, section=section)
            self.blocks(ann, ctx)

    # -- block level ----------------------------------------------------------------------

    def blocks(self, container: Any, ctx: Ctx, listed: bool = False) -> None:
        for child in container:
            tag = child.tag
            if tag == P or tag == H:
                self.paragraph(child, ctx, listed)
            elif tag == LIST:
                for item in child:
                    if item.tag in (LIST_ITEM, LIST_HEADER):
                        self.blocks(item, ctx, True)
            elif tag == NUMBERED_PARAGRAPH:
                self.blocks(child, ctx, True)
            elif tag == TBL:
                self.table(child, ctx)
            elif tag in _SKIP_BLOCK or not isinstance(tag, str):
                continue
            elif tag.startswith(f"{{{DRAW}}}"):
                # a frame or shape anchored to the page, not inside a paragraph
                para = Para()
                self.shape(child, para)
                section = ctx.section if ctx.fixed_section else self.out.section
                locator = {"part": ctx.part, "part_label": ctx.label, "xml_part": ctx.xml_part,
                           "paragraph": self.paragraph_index(ctx.xml_part, child)}
                if ctx.cell is not None:
                    locator["table"], locator["row"], locator["column"] = ctx.cell
                done = self.out.emit(para, BlockKind.PARAGRAPH, 0, section, locator, ctx.xml_part, child)
                self.out.paragraph_features(para, done, None, False, None, {**locator, "section": section})
                self.after(para, done, ctx)
            elif tag.startswith((f"{{{TEXT}}}", f"{{{TABLE}}}")):
                # sections, indexes (their bodies), and anything else that holds paragraphs
                self.blocks(child, ctx, listed)

    def table(self, tbl: Any, ctx: Ctx) -> None:
        number = ctx.tables.next()
        nested = Tables(prefix=number)
        out = self.out
        first = len(out.blocks)
        start = out.pos
        first_p = next(tbl.iter(P, H), None)
        where = {"part": ctx.part, "part_label": ctx.label, "xml_part": ctx.xml_part,
                 "paragraph": self.paragraph_index(ctx.xml_part, first_p) if first_p is not None else None,
                 "section": ctx.section if ctx.fixed_section else out.section}
        columns = 0
        for el in self._columns(tbl):
            columns += max(int_or(el.get(COLS_REPEATED), 1), 1)
        rows = 0
        header_row = any(c.tag == HEADER_ROWS for c in tbl)
        for row in self.rows(tbl):
            repeated = max(int_or(row.get(ROWS_REPEATED), 1), 1)
            rows += 1
            col = 1
            for cell in row:
                if cell.tag not in (CELL, COVERED):
                    continue
                if cell.tag == CELL:
                    self.blocks(cell, replace(ctx, cell=(number, rows, col), tables=nested, body=False))
                col += max(int_or(cell.get(COLS_REPEATED), 1), 1)
            columns = max(columns, col - 1)
            rows += repeated - 1
        end = out.blocks[-1].end if len(out.blocks) > first else start
        out.feature("table", start, end, {"rows": rows, "columns": columns, "header_row": header_row,
                                          "table": number}, where, len(out.blocks) > first)

    def _columns(self, tbl: Any) -> Iterable[Any]:
        for c in tbl:
            if c.tag == COLUMN:
                yield c
            elif c.tag in COLUMN_GROUPS:
                yield from self._columns(c)

    def rows(self, tbl: Any) -> Iterable[Any]:
        for c in tbl:
            if c.tag == ROW:
                yield c
            elif c.tag in ROW_GROUPS:
                yield from self.rows(c)

    # -- paragraphs -------------------------------------------------------------------------

    def paragraph(self, p: Any, ctx: Ctx, listed: bool) -> None:
        style_name = p.get(STYLE_NAME)
        base, align, title_level, shown_style = self.styles.paragraph(style_name, ctx.xml_part)
        level = self.heading_level(p, ctx, title_level)
        para = Para()
        if not base.get("hidden"):
            self.inline(p, para, base, ctx, _props(base, False))
        out = self.out
        kind, locator = block_kind_and_locator(ctx, level, listed, self.paragraph_index(ctx.xml_part, p))
        section = ctx.section if ctx.fixed_section else out.section
        where = {**locator, "section": section}
        done = out.emit(para, kind, level if kind is BlockKind.HEADING else 0, section, locator, ctx.xml_part, p)
        if level:
            out.feature("heading", done.start, done.start + done.length,
                        {"level": level, "text": " ".join(done.text.split()), "style": shown_style},
                        where, done.block is not None)
            if ctx.body and ctx.cell is None and done.block is not None:
                out.section = " ".join(done.text.split())
        out.paragraph_features(para, done, base.get("sz"), align == "justify", shown_style, where)
        self.after(para, done, ctx)

    def heading_level(self, p: Any, ctx: Ctx, title_level: int) -> int:
        """A paragraph's heading level: a ``text:h``'s outline level, 1 in the Title style, else 0."""
        if p.tag == H:
            return max(int_or(p.get(OUTLINE_LEVEL), 1), 1)
        return title_level

    def after(self, para: Para, done: Emitted, ctx: Ctx) -> None:
        """Marks (notes, annotations) and text boxes of a paragraph that has been placed."""
        section = ctx.section if ctx.fixed_section else self.out.section
        for raw, what, payload in para.marks:
            if what in ("footnote", "endnote"):
                self.notes[what].append((payload, section))
            elif what == "annotation":
                name, el = payload
                self.annotations.append((name, el, section))
                entry = self.ranges.setdefault(name, {})
                entry["start"] = done.to_source(raw)
                entry["ref"] = (done.start, done.start + done.length)
            elif what == "end":
                self.ranges.setdefault(payload, {})["end"] = done.to_source(raw)
        for box in para.boxes:
            self.text_boxes += 1
            box_ctx = Ctx("text box", f"text box {self.text_boxes}", ctx.xml_part, Tables(), note=ctx.note,
                           section=ctx.section, fixed_section=ctx.fixed_section)
            self.blocks(box, box_ctx)

    # -- inside a paragraph ----------------------------------------------------------------------

    def add(self, para: Para, text: str, el: Any, slot: str, props: tuple) -> None:
        """Text from the XML, with OpenDocument white-space collapsing."""
        if not (_ABNORMAL_WS.search(text) or (para.last_ws and text[0] == " ")):
            para.add(text, el, slot, props)
            para.last_ws = text[-1] == " "
            return
        pos = 0
        for m in _WS.finditer(text):
            if m.start() > pos:
                para.add(text[pos : m.start()], el, slot, props, pos)
                para.last_ws = False
            if not para.last_ws:
                para.add(" ", el, slot, props, m.start())
                para.last_ws = True
            pos = m.end()
        if pos < len(text):
            para.add(text[pos:], el, slot, props, pos)
            para.last_ws = False

    def inline(self, el: Any, para: Para, rpr: dict[str, Any], ctx: Ctx, props: tuple) -> None:
        if el.text:
            self.add(para, el.text, el, "text", props)
        for child in el:
            tag = child.tag
            if tag == SPAN:
                inner = self.styles.span(child.get(STYLE_NAME), ctx.xml_part, rpr)
                if not inner.get("hidden"):
                    self.inline(child, para, inner, ctx, _props(inner, bool(para.in_link)))
            elif tag == A:
                start = para.length
                para.in_link += 1
                inner = self.styles.span(child.get(STYLE_NAME), ctx.xml_part, rpr)
                self.inline(child, para, inner, ctx, _props(inner, True))
                para.in_link -= 1
                para.links.append((start, para.length, child.get(HREF)))
            elif tag == S:
                count = max(int_or(child.get(C), 1), 1)
                para.add(" " * count, child, "marker", props)
                para.last_ws = False
            elif tag == TAB or tag == LINE_BREAK:
                para.add(" ", child, "marker", props)
                para.last_ws = False
            elif tag == NOTE:
                kind = child.get(NOTE_CLASS) or "footnote"
                para.mark("endnote" if kind == "endnote" else "footnote", child)
            elif tag == ANNOTATION:
                name = child.get(OFFICE_NAME)
                if not name:
                    self._anon += 1
                    name = f"\x00{self._anon}"
                para.mark("annotation", (name, child))
            elif tag == ANNOTATION_END:
                para.mark("end", child.get(OFFICE_NAME))
            elif tag in _SKIP_INLINE or not isinstance(tag, str):
                pass
            elif tag.startswith(f"{{{DRAW}}}"):
                self.shape(child, para)
            elif tag == _t(TEXT, "ruby"):
                base = child.find(_t(TEXT, "ruby-base"))
                if base is not None:
                    self.inline(base, para, rpr, ctx, props)
            else:
                # fields (dates, page numbers, references...), text:meta and the like show their content
                self.inline(child, para, rpr, ctx, props)
            if child.tail:
                self.add(para, child.tail, child, "tail", props)

    def shape(self, el: Any, para: Para) -> None:
        tag = el.tag
        if tag == FRAME:
            has_image = False
            for c in el:
                if c.tag == TEXT_BOX:
                    para.boxes.append(c)
                elif c.tag == IMAGE or c.tag in DRAW_OBJECTS:
                    has_image = True
            if has_image:
                desc = el.find(SVG_DESC)
                title = el.find(SVG_TITLE)
                alt = ("".join(desc.itertext()).strip() if desc is not None else "") or (
                    "".join(title.itertext()).strip() if title is not None else "") or None
                para.images.append((para.length, {"alt": alt, "name": el.get(DRAW_NAME), "decorative": False}))
        elif tag in (DRAW_A, DRAW_G):
            for c in el:
                if isinstance(c.tag, str) and c.tag.startswith(f"{{{DRAW}}}"):
                    self.shape(c, para)
        elif any(c.tag in (P, H, LIST) for c in el):
            para.boxes.append(el)  # a shape with text in it


def parse(path: str, data: bytes, include_comments: bool = False) -> Document:
    """Read an .odt file's bytes into a :class:`Document` (see the module notes)."""
    reader = _OdtReader(path, data, include_comments)
    try:
        return reader.read()
    except InputError:
        raise
    except RecursionError:
        raise reader.pkg.damaged("its parts are nested too deeply to read") from None
