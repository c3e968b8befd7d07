"""Inside a Word paragraph: runs of text, hyperlinks, fields, content controls, drawings and text boxes.

:class:`Runs` is the part of the Word reader that reads one paragraph's
children into a :class:`~speakeasy.readers.office.common.Para`: text that
is shown (not hidden, deleted or a field's instruction), the run
properties run features compare, links, images, and the text boxes to read
after the paragraph.  Complex fields (``w:fldChar``) may span paragraphs,
so their state lives on the reader.
"""

from __future__ import annotations

import re
from typing import Any

from ..office.common import Ctx, Para
from .names import DOCPR, GRAPHIC_DATA, MC_ALT, MC_CHOICE, O_TITLE, V_IMAGEDATA, Names, is_on
from .styles import ParaStyle, Styles, read_rpr, run_props

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


class Field:
    """One complex field (``w:fldChar`` begin, separate, end) while it is read: it may span runs and paragraphs."""

    __slots__ = ("instr", "result", "para", "start", "url")

    def __init__(self) -> None:
        self.instr: list[str] = []
        self.result = False
        self.para: Para | None = None
        self.start = 0
        self.url: str | None = None


class Runs:
    """Reads the inside of a paragraph; :class:`~speakeasy.readers.docx.reader.DocxReader` is one."""

    #: the names of the namespace the current part is written in
    n: Names
    styles: Styles
    #: the complex fields open now, innermost last
    fields: list[Field]
    #: how many of them are in their instruction part (nothing shown)
    hidden: int

    def rels_of(self, part: str) -> dict[str, Any]:
        raise NotImplementedError

    def reset_fields(self) -> None:
        self.fields = []
        self.hidden = 0

    def inline(self, el: Any, para: Para, style: ParaStyle, ctx: Ctx) -> None:
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
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
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

    def run(self, r: Any, para: Para, style: ParaStyle, ctx: Ctx) -> None:
        n = self.n
        rpr = style.rpr
        props = style.props
        rpr_el = r.find(n.rPr)
        if rpr_el is not None:
            direct = read_rpr(rpr_el, n)
            if direct:
                rpr = dict(style.rpr)
                cs = direct.get("rStyle")
                if cs:
                    rpr.update(self.styles.char(cs))
                rpr.update(direct)
                props = run_props(rpr, False)
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
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
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
            self.fields.append(Field())
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
            for tag in DOCPR:
                docpr = frame.find(tag)
                if docpr is not None:
                    break
            boxes = _outermost(frame, self.n.txbxContent)
            para.boxes.extend(boxes)
            gd = next(frame.iter(*GRAPHIC_DATA), None)
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
                    decorative = is_on(dec, "val")
            para.images.append((para.length, {"alt": alt, "name": name, "decorative": decorative}))

    def vml(self, pict: Any, para: Para) -> None:
        para.boxes.extend(_outermost(pict, self.n.txbxContent))
        for img in pict.iter(V_IMAGEDATA):
            shape = img.getparent()
            alt = ((shape.get("alt") if shape is not None else None) or "").strip() or (
                img.get(O_TITLE) or "").strip() or None
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
