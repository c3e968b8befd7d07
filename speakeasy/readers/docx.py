"""Word .docx (Office Open XML, transitional and strict), read the way a reader of the document sees it.

What is read, in this order (each block is one line of ``Document.source``):

1. headers: for each section, its first-page (when the section has a
   different first page, ``w:titlePg``), default (odd) and even-page (when
   the settings say ``w:evenAndOddHeaders``) header, each distinct header
   part once;
2. the body: paragraphs and headings, list items, tables cell by cell and
   row by row (nested tables too), text boxes and shapes with text right
   after the paragraph that anchors them;
3. footnotes in the order they are referenced, then endnotes;
4. comments, only when asked (``include_comments=True``): they are not
   published text;
5. footers, in the same order as headers.

Inside a paragraph: text split across runs is one word; hyperlink text,
content controls (``w:sdt``), simple fields' runs and complex fields' shown
results (between ``separate`` and ``end``) are read; field instructions,
hidden text (``w:vanish``), deleted text (``w:del``, ``w:moveFrom``) are
not; inserted text (``w:ins``, ``w:moveTo``) is read as if accepted.  Tabs
and line breaks (``w:tab``, ``w:br``, ``w:cr``, ``w:ptab``) become one space
each, so a block never holds a line break and every block character maps
to exactly one place in the XML (see :class:`~speakeasy.readers.office.common.Piece`).

A block's text is the paragraph's text with leading and trailing spaces
trimmed; web addresses and e-mail addresses are masked (spaces) in
``Block.text`` as they are for Markdown, while ``Document.source`` keeps
them.  Paragraphs with no text make no block (and no line).

Not read (yet): equations (``m:oMath``), symbol characters (``w:sym``),
the text of charts and SmartArt diagrams (kept in parts of their own),
embedded documents (``w:altChunk``, OLE objects), and a paragraph mark
deleted as a tracked change does not join its paragraph to the next.

Headings come from outline levels and paragraph styles (``w:outlineLvl``
on the paragraph or, following ``w:basedOn``, its style; or the built-in
"Heading 1".."Heading 9" and "Title" styles), never from bold text.

Blocks: ``HEADING`` (with its level), ``LIST_ITEM`` (``w:numPr`` on the
paragraph or its style), ``TABLE_CELL`` (every paragraph in a cell),
``FOOTNOTE`` (footnotes and endnotes), ``PARAGRAPH`` otherwise.  Each
block's ``locator`` says ``part`` ("body", "header", "footer", "footnote",
"endnote", "comment", "text box"), ``part_label`` for people ("first-page
header", "footnote 2", "text box 1"...), ``xml_part`` (the zip member),
``paragraph`` (the index of its ``w:p`` among all ``w:p`` of that part, in
XML order) and, in tables, ``table`` ("2", or "2.1" for the first table
nested in table 2), ``row`` and ``column`` (1-based; columns count grid
columns, so merged cells keep their place).

Features (``Document.features``, offsets in the source):

* ``heading``: level, text, style (empty headings too: start = end = the
  next block's start);
* ``table``: rows, columns, header_row (first row repeats as a header),
  table, part;
* ``image``: alt (description, else title, else None), name, decorative;
* ``hyperlink``: text, url (the relationship target, ``#anchor``, or a
  HYPERLINK field's target);
* ``run``: a stretch of a paragraph worth checking: in capitals (``w:caps``,
  or 4 or more words typed in capitals), italic, underlined, or in a size
  other than the paragraph's.  text, words, caps, caps_from ("format" or
  "text"), italic, underline, size_pt, hyperlink;
* ``paragraph``: justified, size_pt (the size most of its characters
  have), style (the style's name).

Every feature's data also says where it is, as block locators do: ``part``,
``part_label``, ``xml_part``, ``paragraph`` (for a table: its first
paragraph), ``table``/``row``/``column`` inside a table cell (not for
``table`` features, whose ``table`` is their own number), and ``section``
(the nearest heading above, or None).  A feature whose paragraph (or
table) makes no block, such as an image alone in its paragraph or an empty
heading, has no line of its own: its offsets are where the next block
starts, and ``location`` says in words where it really is ("under
'Keeping people safe', after paragraph 3"), worded as
:meth:`speakeasy.analysis.Analysis.location` words block locations.

Word comments that start with ``speakeasy: ignore RULE -- reason`` become
:class:`~speakeasy.model.Directive` objects with action ``"range"`` over
the commented text (see :func:`speakeasy.directives.comment_directive`).

``Document.native`` is a :class:`~speakeasy.readers.office.common.Native`: the parsed XML parts, and for
every block its ``w:p`` element and its :class:`~speakeasy.readers.office.common.Piece` list, which is what
a fixer needs to change the words in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from ..errors import InputError
from ..model import BlockKind, Document
from .office.common import (
    WORD,
    BlockNative,
    Builder,
    Ctx,
    Emitted,
    Native,
    Para,
    Piece,
    Tables,
    add_comment_directive,
    block_kind_and_locator,
    int_or,
)
from .ooxml_safe import Package

# The names shared with the OpenDocument reader live in speakeasy.readers.office.common; other code
# imports some of them from here (``from speakeasy.readers.docx import Piece``), so they stay importable.
__all__ = ["WORD", "BlockNative", "Builder", "Emitted", "Native", "Para", "Piece", "add_comment_directive",
           "block_kind_and_locator", "field_hyperlink", "parse"]

# ---------------------------------------------------------------------------
# Namespaces

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"
_WP = ("http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing")
_A = ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main")

_W_TAGS = {
    "document": "document", "body": "body", "p": "p", "r": "r", "t": "t", "tab": "tab", "br": "br", "cr": "cr",
    "ptab": "ptab", "noBreakHyphen": "noBreakHyphen", "delText": "delText", "instrText": "instrText",
    "fldChar": "fldChar", "fldSimple": "fldSimple", "hyperlink": "hyperlink", "sdt": "sdt",
    "sdtContent": "sdtContent", "ins": "ins", "del_": "del", "moveTo": "moveTo", "moveFrom": "moveFrom",
    "smartTag": "smartTag", "customXml": "customXml", "dir": "dir", "bdo": "bdo", "tbl": "tbl", "tr": "tr",
    "tc": "tc", "trPr": "trPr", "tcPr": "tcPr", "gridSpan": "gridSpan", "gridBefore": "gridBefore",
    "vMerge": "vMerge", "tblHeader": "tblHeader", "tblGrid": "tblGrid", "gridCol": "gridCol",
    "cellDel": "cellDel", "pPr": "pPr", "rPr": "rPr", "pStyle": "pStyle", "rStyle": "rStyle",
    "numPr": "numPr", "numId": "numId", "outlineLvl": "outlineLvl", "jc": "jc", "sz": "sz", "caps": "caps",
    "i": "i", "u": "u", "vanish": "vanish", "sectPr": "sectPr", "headerReference": "headerReference",
    "footerReference": "footerReference", "footnote": "footnote", "endnote": "endnote",
    "footnoteReference": "footnoteReference", "endnoteReference": "endnoteReference", "comment": "comment",
    "commentRangeStart": "commentRangeStart", "commentRangeEnd": "commentRangeEnd",
    "commentReference": "commentReference", "txbxContent": "txbxContent", "drawing": "drawing",
    "pict": "pict", "object": "object", "style": "style", "name": "name", "basedOn": "basedOn",
    "docDefaults": "docDefaults", "rPrDefault": "rPrDefault", "pPrDefault": "pPrDefault",
    "val": "val", "id": "id", "type": "type", "styleId": "styleId", "default": "default",
    "fldCharType": "fldCharType", "instr": "instr", "anchor": "anchor", "titlePg": "titlePg",
    "evenAndOddHeaders": "evenAndOddHeaders",
}


class _Names:
    """Clark names ({namespace}local) of the WordprocessingML tags and attributes used here."""

    def __init__(self, w: str, r: str) -> None:
        self.ns = w
        for attr, local in _W_TAGS.items():
            setattr(self, attr, f"{{{w}}}{local}")
        self.rid = f"{{{r}}}id"
        self.rid_other = f"{{{R_STRICT if r == R_TRANSITIONAL else R_TRANSITIONAL}}}id"

    def __getattr__(self, name: str) -> str:  # pragma: no cover - for type checkers only
        raise AttributeError(name)


_NAMES = {W_TRANSITIONAL: _Names(W_TRANSITIONAL, R_TRANSITIONAL), W_STRICT: _Names(W_STRICT, R_STRICT)}
_MC_ALT = f"{{{MC}}}AlternateContent"
_MC_CHOICE = f"{{{MC}}}Choice"
_DOCPR = tuple(f"{{{ns}}}docPr" for ns in _WP)
_GRAPHIC_DATA = tuple(f"{{{ns}}}graphicData" for ns in _A)
_V_IMAGEDATA = f"{{{V}}}imagedata"
_V_TEXTBOX = f"{{{V}}}textbox"
_O_TITLE = f"{{{O}}}title"

# ---------------------------------------------------------------------------
# Small helpers


def _on(el: Any, val: str) -> bool:
    v = el.get(val)
    return v is None or v.strip().lower() not in ("0", "false", "off", "none")


def _half_points(v: str | None) -> float | None:
    if not v:
        return None
    v = v.strip()
    try:
        if v.endswith("pt"):
            return float(v[:-2])
        return int(v) / 2
    except ValueError:
        return None


_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
_HYPERLINK_ARGS = re.compile(r'"([^"]*)"|(\S+)')


def field_hyperlink(instr: str) -> str | None:
    """The target of a ``HYPERLINK "url" \\l "anchor"`` field instruction, or None."""
    tokens = [a if a or b == "" else b for a, b in _HYPERLINK_ARGS.findall(instr)]
    if not tokens or tokens[0].upper() != "HYPERLINK":
        return None
    url = anchor = None
    i = 1
    while i < len(tokens):
        tok = tokens[i]
        if tok.lower() == "\\l" and i + 1 < len(tokens):
            anchor = tokens[i + 1]
            i += 2
            continue
        if tok.startswith("\\"):
            i += 2 if tok.lower() in ("\\o", "\\t") else 1
            continue
        if url is None:
            url = tok
        i += 1
    if anchor:
        return (url or "") + "#" + anchor
    return url


# ---------------------------------------------------------------------------
# Styles


@dataclass(slots=True)
class _Style:
    id: str
    name: str | None
    type: str
    based: str | None
    outline: int | None
    num: str | None
    jc: str | None
    rpr: dict[str, Any]


@dataclass(slots=True)
class _ParaStyle:
    name: str | None
    level: int  # 0: not a heading
    listed: bool
    justified: bool
    rpr: dict[str, Any]  # document defaults + the style chain
    props: tuple  # run props of a run without its own
    size: float | None


_DEFAULT_SIZE = 10.0  # what Word shows when no size is given anywhere


class _Styles:
    def __init__(self, root: Any, n: _Names) -> None:
        self.n = n
        self.by_id: dict[str, _Style] = {}
        self.defaults: dict[str, Any] = {}
        self.default_jc: str | None = None
        self.default_para: str | None = None
        self._para: dict[str | None, _ParaStyle] = {}
        self._char: dict[str | None, dict[str, Any]] = {}
        if root is None:
            return
        for el in root:
            if el.tag == n.style:
                sid = el.get(n.styleId) or ""
                typ = el.get(n.type) or "paragraph"
                name = based = jc = num = None
                outline = None
                rpr: dict[str, Any] = {}
                for c in el:
                    t = c.tag
                    if t == n.name:
                        name = c.get(n.val)
                    elif t == n.basedOn:
                        based = c.get(n.val)
                    elif t == n.rPr:
                        rpr = _rpr(c, n)
                    elif t == n.pPr:
                        for d in c:
                            if d.tag == n.outlineLvl:
                                try:
                                    outline = int(d.get(n.val) or "")
                                except ValueError:
                                    pass
                            elif d.tag == n.numPr:
                                nid = d.find(n.numId)
                                num = nid.get(n.val) if nid is not None else num
                            elif d.tag == n.jc:
                                jc = d.get(n.val)
                self.by_id[sid] = _Style(sid, name, typ, based, outline, num, jc, rpr)
                if typ == "paragraph" and el.get(n.default) in ("1", "true", "on") and self.default_para is None:
                    self.default_para = sid
            elif el.tag == n.docDefaults:
                for d in el.iter(n.rPrDefault, n.pPrDefault):
                    if d.tag == n.rPrDefault:
                        r = d.find(n.rPr)
                        if r is not None:
                            self.defaults = _rpr(r, n)
                    else:
                        p = d.find(n.pPr)
                        jc = p.find(n.jc) if p is not None else None
                        if jc is not None:
                            self.default_jc = jc.get(n.val)

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first."""
        out: list[_Style] = []
        seen: set[str] = set()
        while sid and sid not in seen and len(out) < 64:
            seen.add(sid)
            st = self.by_id.get(sid)
            if st is None:
                break
            out.append(st)
            sid = st.based
        return out

    def para(self, sid: str | None) -> _ParaStyle:
        found = self._para.get(sid)
        if found is not None:
            return found
        chain = self.chain(sid)
        if not chain:  # no style, or one the styles part does not define: Word uses the default
            chain = self.chain(self.default_para)
        level = 0
        for st in chain:
            if st.outline is not None:
                level = st.outline + 1 if 0 <= st.outline <= 8 else 0
                break
            found_level = _is_heading_name(st.id) or _is_heading_name(st.name)
            if found_level:
                level = found_level
                break
        else:
            if sid and sid not in self.by_id:
                level = _is_heading_name(sid)  # "Heading1" with no styles part
        listed = False
        for st in chain:
            if st.num is not None:
                listed = st.num not in ("0", "")
                break
        jc = next((st.jc for st in chain if st.jc), self.default_jc)
        rpr = dict(self.defaults)
        for st in reversed(chain):
            rpr.update(st.rpr)
        name = (chain[0].name or chain[0].id) if chain else sid
        props = _props(rpr, False)
        found = _ParaStyle(name, level, listed, jc in ("both", "distribute"), rpr, props, props[3])
        self._para[sid] = found
        return found

    def char(self, sid: str | None) -> dict[str, Any]:
        found = self._char.get(sid)
        if found is None:
            found = {}
            for st in reversed(self.chain(sid)):
                found.update(st.rpr)
            self._char[sid] = found
        return found


def _is_heading_name(name: str | None) -> int:
    if not name:
        return 0
    m = _HEADING_NAME.match(name.strip())
    if m:
        return int(m.group(1))
    return 1 if name.strip().lower() == "title" else 0


def _rpr(rpr: Any, n: _Names) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in rpr:
        t = c.tag
        if t == n.i:
            out["i"] = _on(c, n.val)
        elif t == n.u:
            v = c.get(n.val)
            out["u"] = v is None or v.strip().lower() != "none"
        elif t == n.caps:
            out["caps"] = _on(c, n.val)
        elif t == n.sz:
            size = _half_points(c.get(n.val))
            if size is not None:
                out["sz"] = size
        elif t == n.vanish:
            out["vanish"] = _on(c, n.val)
        elif t == n.rStyle:
            out["rStyle"] = c.get(n.val)
    return out


def _props(rpr: dict[str, Any], link: bool) -> tuple:
    """(italic, underline, caps, size_pt, in a hyperlink): what run features compare."""
    return (rpr.get("i", False), rpr.get("u", False), rpr.get("caps", False), rpr.get("sz", _DEFAULT_SIZE), link)


# ---------------------------------------------------------------------------
# The reader


class _Field:
    __slots__ = ("instr", "result", "para", "start", "url")

    def __init__(self) -> None:
        self.instr: list[str] = []
        self.result = False
        self.para: Para | None = None
        self.start = 0
        self.url: str | None = None


_HEADER_KINDS = (("first", "first-page "), ("default", ""), ("even", "even-page "))
_SKIP_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


class _DocxReader:
    def __init__(self, path: str, data: bytes, include_comments: bool) -> None:
        self.path = path
        self.pkg = Package(path, data, "docx")
        self.include_comments = include_comments
        self.out = Builder(path, self.pkg.limits)
        self.fields: list[_Field] = []
        self.hidden = 0  # fields in their instruction part: nothing shown
        self.note_refs: dict[str, list[tuple[str, str | None]]] = {"footnote": [], "endnote": []}
        self.comments: dict[str, dict[str, Any]] = {}
        self.comment_order: list[str] = []
        self.text_boxes = 0
        self._pindex: dict[str, dict[Any, int]] = {}
        self.rels: dict[str, Any] = {}
        self.n: _Names = _NAMES[W_TRANSITIONAL]
        self.styles: _Styles

    # -- parts ----------------------------------------------------------------------

    def main_part(self) -> str:
        pkg = self.pkg
        if pkg.has("mimetype") and not pkg.has("word/document.xml"):
            try:
                mime = pkg.read("mimetype")[:100].decode("ascii", "replace")
            except InputError:
                mime = ""
            if "opendocument" in mime:
                raise pkg.error(
                    "this is an OpenDocument file, not a Word .docx file; rename it to end in .odt and try again.",
                    "not-docx",
                )
        for rel in pkg.rels("").values() if pkg.has("_rels/.rels") else ():
            if rel.type.endswith("/officeDocument") and not rel.external and pkg.has(rel.target):
                return pkg.find(rel.target) or rel.target
        if pkg.has("word/document.xml"):
            return pkg.find("word/document.xml") or "word/document.xml"
        raise pkg.damaged("word/document.xml is missing")

    def part(self, name: str) -> Any:
        root = self.pkg.xml(name)
        return root

    def related(self, part: str, suffix: str) -> str | None:
        for rel in self.rels_of(part).values():
            if rel.type.endswith(suffix) and not rel.external and self.pkg.has(rel.target):
                return self.pkg.find(rel.target)
        return None

    def rels_of(self, part: str) -> dict[str, Any]:
        found = self.rels.get(part)
        if found is None:
            found = self.rels[part] = self.pkg.rels(part)
        return found

    def use(self, root: Any) -> None:
        """Switch to the namespace (transitional or strict) a part is written in."""
        ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        self.n = _NAMES.get(ns, self.n)

    def paragraph_index(self, xml_part: str, p: Any) -> int:
        index = self._pindex.get(xml_part)
        if index is None:
            root = self.pkg.parsed[xml_part]
            index = self._pindex[xml_part] = {el: i for i, el in enumerate(root.iter(self.n.p))}
        return index.get(p, -1)

    # -- the whole document --------------------------------------------------------------

    def read(self) -> Document:
        main = self.main_part()
        root = self.part(main)
        self.use(root)
        n = self.n
        if root.tag != n.document:
            raise self.pkg.damaged(f"{main} is not a Word document part")
        body = root.find(n.body)
        styles_part = self.related(main, "/styles")
        styles_root = None
        if styles_part:
            styles_root = self.part(styles_part)
        self.styles = _Styles(styles_root, _NAMES.get(_ns(styles_root), n) if styles_root is not None else n)
        self.use(root)

        sections = []
        if body is not None:
            for sect in body.iter(n.sectPr):
                parent = sect.getparent()
                if parent is not None and parent.tag in (n.pPr, n.body):
                    sections.append(sect)
        headers = self.header_parts(main, sections, "header")
        footers = self.header_parts(main, sections, "footer")

        for xml_part, label in headers:
            self.read_part(xml_part, "header", label)
        self.use(root)
        if body is not None:
            self.reset_fields()
            ctx = Ctx("body", "body", main, Tables(), body=True, fixed_section=False)
            self.blocks(body, ctx)
        for kind in ("footnote", "endnote"):
            self.read_notes(main, kind)
        self.read_comments(main)
        for xml_part, label in footers:
            self.read_part(xml_part, "footer", label)

        native = Native(self.path, "docx", self.pkg.data, self.pkg.parsed, [], n.ns)
        return self.out.document(self.path, "docx", native)

    def header_parts(self, main: str, sections: list[Any], what: str) -> list[tuple[str, str]]:
        n = self.n
        ref_tag = n.headerReference if what == "header" else n.footerReference
        rels = self.rels_of(main)
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for number, sect in enumerate(sections, 1):
            refs = {}
            for ref in sect.iter(ref_tag):
                refs.setdefault(ref.get(n.type) or "default", ref.get(n.rid) or ref.get(n.rid_other))
            title_page = sect.find(n.titlePg)
            shown = {"default"}
            if title_page is not None and _on(title_page, n.val):
                shown.add("first")
            if self.even_and_odd(main):
                shown.add("even")
            for typ, words in _HEADER_KINDS:
                if typ not in shown:
                    continue  # Word does not show it: no different first page / odd and even pages
                rid = refs.get(typ)
                rel = rels.get(rid) if rid else None
                if rel is None or rel.external or not self.pkg.has(rel.target):
                    continue
                target = self.pkg.find(rel.target) or rel.target
                if target in seen:
                    continue
                seen.add(target)
                label = f"{words}{what}" + (f" (section {number})" if number > 1 else "")
                out.append((target, label))
        return out

    def even_and_odd(self, main: str) -> bool:
        """Does the document show different headers on even pages (``w:evenAndOddHeaders``)?"""
        found = self.rels.get("\x00even")
        if found is None:
            found = False
            settings = self.related(main, "/settings")
            if settings is not None:
                root = self.part(settings)
                n = _NAMES.get(_ns(root), self.n)
                flag = root.find(n.evenAndOddHeaders)
                found = flag is not None and _on(flag, n.val)
            self.rels["\x00even"] = found
        return bool(found)

    def read_part(self, xml_part: str, part: str, label: str) -> None:
        root = self.part(xml_part)
        self.use(root)
        self.reset_fields()
        ctx = Ctx(part, label, xml_part, Tables())
        self.blocks(root, ctx)

    def reset_fields(self) -> None:
        self.fields = []
        self.hidden = 0

    def read_notes(self, main: str, kind: str) -> None:
        refs = self.note_refs[kind]
        if not refs:
            return
        xml_part = self.related(main, "/footnotes" if kind == "footnote" else "/endnotes")
        if xml_part is None:
            return
        root = self.part(xml_part)
        self.use(root)
        n = self.n
        tag = n.footnote if kind == "footnote" else n.endnote
        notes = {el.get(n.id): el for el in root if el.tag == tag and (el.get(n.type) or "normal") not in _SKIP_NOTES}
        tables = Tables()
        number = 0
        for note_id, section in refs:
            el = notes.get(note_id)
            if el is None:
                continue
            number += 1
            self.reset_fields()
            ctx = Ctx(kind, f"{kind} {number}", xml_part, tables, note=True, section=section)
            self.blocks(el, ctx)

    def read_comments(self, main: str) -> None:
        xml_part = self.related(main, "/comments")
        if xml_part is None:
            return
        root = self.part(xml_part)
        self.use(root)
        n = self.n
        elements = [el for el in root if el.tag == n.comment]
        by_id = {el.get(n.id): el for el in elements}
        out = self.out
        # directives: every comment, included or not
        for cid, el in by_id.items():
            add_comment_directive(out, _plain_text(el, n), self.comments.get(cid, {}))
        if not self.include_comments:
            return
        order = [c for c in self.comment_order if c in by_id]
        order += [c for c in by_id if c not in set(order)]
        tables = Tables()
        for number, cid in enumerate(order, 1):
            self.reset_fields()
            section = self.comments.get(cid, {}).get("section")
            ctx = Ctx("comment", f"comment {number}", xml_part, tables, section=section)
            self.blocks(by_id[cid], ctx)

    # -- block level ----------------------------------------------------------------------

    def blocks(self, container: Any, ctx: Ctx) -> None:
        n = self.n
        for child in container:
            tag = child.tag
            if tag == n.p:
                self.paragraph(child, ctx)
            elif tag == n.tbl:
                self.table(child, ctx)
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    self.blocks(content, ctx)
            elif tag in (n.customXml, n.ins, n.moveTo, n.smartTag):
                self.blocks(child, ctx)
            elif tag == _MC_ALT:
                choice = child.find(_MC_CHOICE)
                if choice is not None:
                    self.blocks(choice, ctx)
            elif tag == n.commentRangeStart:
                self.comment_at(child.get(n.id), "start", self.out.pos, ctx)
            elif tag == n.commentRangeEnd:
                self.comment_at(child.get(n.id), "end", self.out.pos, ctx)
            # w:del / w:moveFrom (deleted), sectPr, bookmarks, proofing marks: nothing to read

    def comment_at(self, cid: str | None, what: str, pos: Any, ctx: Ctx) -> None:
        if cid is None:
            return
        entry = self.comments.get(cid)
        if entry is None:
            entry = self.comments[cid] = {}
            self.comment_order.append(cid)
        if what == "start":
            entry.setdefault("start", pos)
            entry.setdefault("section", self.section_for(ctx))
        elif what == "end":
            entry["end"] = pos
        else:
            entry.setdefault("ref", pos)
            entry.setdefault("section", self.section_for(ctx))

    def section_for(self, ctx: Ctx) -> str | None:
        return ctx.section if ctx.fixed_section else self.out.section

    def table(self, tbl: Any, ctx: Ctx) -> None:
        n = self.n
        number = ctx.tables.next()
        nested = Tables(prefix=number)
        out = self.out
        first = len(out.blocks)
        start = out.pos
        first_p = next(tbl.iter(n.p), None)
        where = {"part": ctx.part, "part_label": ctx.label, "xml_part": ctx.xml_part,
                 "paragraph": self.paragraph_index(ctx.xml_part, first_p) if first_p is not None else None,
                 "section": self.section_for(ctx)}
        grid = tbl.find(n.tblGrid)
        columns = sum(1 for c in grid if c.tag == n.gridCol) if grid is not None else 0
        rows = 0
        header_row = False
        for tr in self.children(tbl, n.tr):
            trpr = tr.find(n.trPr)
            if trpr is not None and trpr.find(n.del_) is not None:
                continue  # a deleted row (tracked change): gone once accepted
            rows += 1
            col = 1
            if trpr is not None:
                before = trpr.find(n.gridBefore)
                if before is not None:
                    col += int_or(before.get(n.val), 0)
                if rows == 1:
                    head = trpr.find(n.tblHeader)
                    header_row = head is not None and _on(head, n.val)
            for tc in self.children(tr, n.tc):
                tcpr = tc.find(n.tcPr)
                span = 1
                skip = False
                if tcpr is not None:
                    gs = tcpr.find(n.gridSpan)
                    if gs is not None:
                        span = max(int_or(gs.get(n.val), 1), 1)
                    vm = tcpr.find(n.vMerge)
                    if vm is not None and (vm.get(n.val) or "continue") != "restart":
                        skip = True
                    if tcpr.find(n.cellDel) is not None:
                        skip = True
                if not skip:
                    self.blocks(tc, replace(ctx, cell=(number, rows, col), tables=nested, body=False))
                col += span
            columns = max(columns, col - 1)
        end = out.blocks[-1].end if len(out.blocks) > first else start
        out.feature("table", start, end, {"rows": rows, "columns": columns, "header_row": header_row,
                                          "table": number}, where, len(out.blocks) > first)

    def children(self, parent: Any, tag: str) -> Iterable[Any]:
        """The ``tag`` children of a table or row (``w:tr`` or ``w:tc``), also inside content controls,
        custom XML and tracked insertions or moves."""
        n = self.n
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    yield from self.children(content, tag)
            elif child.tag in (n.customXml, n.ins, n.moveTo):
                yield from self.children(child, tag)

    # -- paragraphs ------------------------------------------------------------------------

    def paragraph(self, p: Any, ctx: Ctx) -> None:
        n = self.n
        style_id = None
        direct_outline = None
        direct_list = None
        direct_jc = None
        ppr = p.find(n.pPr)
        if ppr is not None:
            for c in ppr:
                t = c.tag
                if t == n.pStyle:
                    style_id = c.get(n.val)
                elif t == n.outlineLvl:
                    try:
                        direct_outline = int(c.get(n.val) or "")
                    except ValueError:
                        pass
                elif t == n.numPr:
                    nid = c.find(n.numId)
                    direct_list = nid is None or (nid.get(n.val) or "0") != "0"
                elif t == n.jc:
                    direct_jc = c.get(n.val)
        style = self.styles.para(style_id)
        if direct_outline is not None:
            level = direct_outline + 1 if 0 <= direct_outline <= 8 else 0
        else:
            level = style.level
        listed = style.listed if direct_list is None else direct_list
        justified = style.justified if direct_jc is None else direct_jc in ("both", "distribute")

        para = Para()
        self.inline(p, para, style, ctx)

        out = self.out
        kind, locator = block_kind_and_locator(ctx, level, listed, self.paragraph_index(ctx.xml_part, p))
        section = self.section_for(ctx)
        where = {**locator, "section": section}
        done = out.emit(para, kind, level if kind is BlockKind.HEADING else 0, section, locator, ctx.xml_part, p)
        if level:
            out.feature("heading", done.start, done.start + done.length,
                        {"level": level, "text": " ".join(done.text.split()), "style": style.name},
                        where, done.block is not None)
            if ctx.body and ctx.cell is None and done.block is not None:
                out.section = " ".join(done.text.split())
        out.paragraph_features(para, done, style.size, justified, style.name, where)
        self.marks(para, done, ctx)
        for box in para.boxes:
            self.text_boxes += 1
            label = f"text box {self.text_boxes}"
            box_ctx = Ctx("text box", label, ctx.xml_part, Tables(), note=ctx.note, section=ctx.section,
                           fixed_section=ctx.fixed_section)
            self.blocks(box, box_ctx)

    def marks(self, para: Para, done: Emitted, ctx: Ctx) -> None:
        for raw, what, payload in para.marks:
            at = done.to_source(raw)
            if what in ("footnote", "endnote"):
                refs = self.note_refs[what]
                if all(r[0] != payload for r in refs):
                    refs.append((payload, self.section_for(ctx)))
            elif what == "ref":
                self.comment_at(payload, "ref", (done.start, done.start + done.length), ctx)
            else:
                self.comment_at(payload, what, at, ctx)

    # -- inside a paragraph ------------------------------------------------------------------

    def inline(self, el: Any, para: Para, style: _ParaStyle, ctx: Ctx) -> None:
        n = self.n
        for child in el:
            tag = child.tag
            if tag == n.r:
                self.run(child, para, style, ctx)
            elif tag == n.hyperlink:
                start = para.length
                para.in_link += 1
                self.inline(child, para, style, ctx)
                para.in_link -= 1
                para.links.append((start, para.length, self.link_target(child, ctx)))
            elif tag == n.fldSimple:
                start = para.length
                url = field_hyperlink(child.get(n.instr) or "")
                if url:
                    para.in_link += 1
                self.inline(child, para, style, ctx)
                if url:
                    para.in_link -= 1
                    para.links.append((start, para.length, url))
            elif tag in (n.ins, n.moveTo, n.smartTag, n.customXml, n.dir, n.bdo):
                self.inline(child, para, style, ctx)
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    self.inline(content, para, style, ctx)
            elif tag == _MC_ALT:
                choice = child.find(_MC_CHOICE)
                if choice is not None:
                    self.inline(choice, para, style, ctx)
            elif tag == n.commentRangeStart:
                para.mark("start", child.get(n.id))
            elif tag == n.commentRangeEnd:
                para.mark("end", child.get(n.id))
            # w:pPr, w:del, w:moveFrom, bookmarks, maths, proofing marks: nothing shown to read

    def link_target(self, link: Any, ctx: Ctx) -> str | None:
        n = self.n
        url = None
        rid = link.get(n.rid) or link.get(n.rid_other)
        if rid:
            rel = self.rels_of(ctx.xml_part).get(rid)
            if rel is not None:
                url = rel.target
        anchor = link.get(n.anchor)
        if anchor:
            url = (url or "") + "#" + anchor
        return url

    def run(self, r: Any, para: Para, style: _ParaStyle, ctx: Ctx) -> None:
        n = self.n
        rpr = style.rpr
        props = style.props
        rpr_el = r.find(n.rPr)
        if rpr_el is not None:
            direct = _rpr(rpr_el, n)
            if direct:
                rpr = dict(style.rpr)
                cs = direct.get("rStyle")
                if cs:
                    rpr.update(self.styles.char(cs))
                rpr.update(direct)
                props = _props(rpr, False)
        if rpr.get("vanish"):
            return  # hidden text
        if para.in_link:
            props = props[:4] + (True,)
        self.run_content(r, para, props)

    def run_content(self, r: Any, para: Para, props: tuple) -> None:
        n = self.n
        for child in r:
            tag = child.tag
            if tag == n.t:
                text = child.text
                if text and not self.hidden:
                    para.add(text, child, "text", props)
            elif tag in (n.tab, n.br, n.cr, n.ptab):
                if not self.hidden:
                    para.add(" ", child, "marker", props)
            elif tag == n.noBreakHyphen:
                if not self.hidden:
                    para.add("-", child, "marker", props)
            elif tag == n.fldChar:
                self.field_char(child, para)
            elif tag == n.instrText:
                if self.fields and not self.fields[-1].result:
                    self.fields[-1].instr.append(child.text or "")
            elif tag == n.drawing:
                if not self.hidden:
                    self.drawing(child, para)
            elif tag == n.pict or tag == n.object:
                if not self.hidden:
                    self.vml(child, para)
            elif tag == _MC_ALT:
                choice = child.find(_MC_CHOICE)
                if choice is not None:
                    self.run_content(choice, para, props)
            elif tag == n.footnoteReference:
                para.mark("footnote", child.get(n.id))
            elif tag == n.endnoteReference:
                para.mark("endnote", child.get(n.id))
            elif tag == n.commentReference:
                para.mark("ref", child.get(n.id))
            # w:rPr, w:delText, w:sym, w:softHyphen, w:lastRenderedPageBreak...: nothing to read

    def field_char(self, el: Any, para: Para) -> None:
        n = self.n
        kind = el.get(n.fldCharType)
        if kind == "begin":
            self.fields.append(_Field())
            self.hidden += 1
        elif kind == "separate":
            if self.fields and not self.fields[-1].result:
                f = self.fields[-1]
                f.result = True
                self.hidden -= 1
                f.url = field_hyperlink("".join(f.instr))
                f.para = para
                f.start = para.length
                if f.url:
                    para.in_link += 1
        elif kind == "end":
            if self.fields:
                f = self.fields.pop()
                if not f.result:
                    self.hidden -= 1
                elif f.url and f.para is para:
                    para.in_link -= 1
                    para.links.append((f.start, para.length, f.url))
                elif f.url and f.para is not None:
                    f.para.in_link = max(f.para.in_link - 1, 0)

    # -- drawings ------------------------------------------------------------------------------

    def drawing(self, drawing: Any, para: Para) -> None:
        for frame in drawing:  # wp:inline / wp:anchor
            docpr = None
            for tag in _DOCPR:
                docpr = frame.find(tag)
                if docpr is not None:
                    break
            boxes = _outermost(frame, self.n.txbxContent)
            para.boxes.extend(boxes)
            gd = next(frame.iter(*_GRAPHIC_DATA), None)
            uri = (gd.get("uri") or "") if gd is not None else ""
            picture = any(word in uri for word in ("picture", "chart", "diagram")) or next(
                frame.iter("{*}pic"), None) is not None
            if not picture:
                continue
            alt = name = None
            decorative = False
            if docpr is not None:
                alt = (docpr.get("descr") or "").strip() or (docpr.get("title") or "").strip() or None
                name = docpr.get("name")
                for dec in docpr.iter("{*}decorative"):
                    decorative = _on(dec, "val")
            para.images.append((para.length, {"alt": alt, "name": name, "decorative": decorative}))

    def vml(self, pict: Any, para: Para) -> None:
        para.boxes.extend(_outermost(pict, self.n.txbxContent))
        for img in pict.iter(_V_IMAGEDATA):
            shape = img.getparent()
            alt = ((shape.get("alt") if shape is not None else None) or "").strip() or (
                img.get(_O_TITLE) or "").strip() or None
            name = shape.get("id") if shape is not None else None
            para.images.append((para.length, {"alt": alt, "name": name, "decorative": False}))


def _outermost(root: Any, tag: str) -> list[Any]:
    """Elements called ``tag`` under ``root`` that are not inside another one (text boxes in text boxes)."""
    out = []
    for el in root.iter(tag):
        parent = el.getparent()
        inside = False
        while parent is not None and parent is not root:
            if parent.tag == tag:
                inside = True
                break
            parent = parent.getparent()
        if not inside:
            out.append(el)
    # one text box drawn two ways (a shape and its VML fallback) is read once: see mc:AlternateContent
    return out


def _plain_text(el: Any, n: _Names) -> str:
    """The text of a comment: its w:t, without deleted text; paragraphs and tabs as spaces."""
    parts: list[str] = []
    skip = {n.del_, n.moveFrom, n.instrText, n.delText}

    def walk(node: Any) -> None:
        for c in node:
            t = c.tag
            if t in skip:
                continue
            if t == n.t:
                parts.append(c.text or "")
            elif t in (n.tab, n.br, n.cr):
                parts.append(" ")
            elif t == n.p:
                walk(c)
                parts.append(" ")
            elif isinstance(t, str):
                walk(c)

    walk(el)
    return " ".join("".join(parts).split())



def _ns(root: Any) -> str:
    tag = root.tag if root is not None else ""
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def parse(path: str, data: bytes, include_comments: bool = False) -> Document:
    """Read a .docx file's bytes into a :class:`Document` (see the module notes)."""
    reader = _DocxReader(path, data, include_comments)
    try:
        return reader.read()
    except InputError:
        raise
    except RecursionError:
        raise reader.pkg.damaged("its parts are nested too deeply to read") from None

