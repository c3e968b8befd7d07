"""PowerPoint .pptx, read slide by slide in reading order (see :mod:`speakeasy.readers.slides`).

The presentation part lists the slides in the order they are shown
(``p:sldIdLst``).  On each slide the shapes of ``p:spTree`` are read in the
order they are kept, which is the order PowerPoint's Reading Order pane
shows and screen readers follow; a group's shapes are read where the group
is, in their own order.  Text is in ``a:t`` elements, one per run, so a fix
changes only the runs that hold the flagged words (the same writer as for
Word files).  Line breaks (``a:br``) read as one space, and fields
(``a:fld``: slide numbers, dates) are read but never changed.

Where a shape is comes from its ``a:xfrm``, or, for a placeholder that does
not say, from the placeholder it takes after on the slide's layout or
master.  Inside a group, positions are turned from the group's own
coordinates into the slide's.

Why not python-pptx: it opens the zip itself and reads every part whole
(pictures too), with none of the limits of
:class:`~speakeasy.readers.ooxml_safe.Package`, and it writes the whole
package again when it saves.  This reader reads only the parts it needs,
through the same checks as the Word reader, and the writer changes only the
slides whose words changed.  It is about as fast (300 slides, 1,800
paragraphs: 0.53 s, python-pptx 0.66 s).  python-pptx builds the test and
example files (:mod:`speakeasy.testing.slides`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import InputError
from ...model import BlockKind, Document
from ..office.common import Builder, Ctx, Native, Para, Tables, block_kind_and_locator
from ..ooxml_safe import Package
from . import drawingml as dml
from .drawingml import Transform
from .shapes import Box, SlideRecord, alt_text, where

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships")
#: Placeholders whose text the program makes (slide numbers, dates, the slide's picture on a notes page).
_MADE = {"sldNum", "dt", "sldImg", "hdr"}
_TITLES = {"title", "ctrTitle"}
#: graphicFrame contents that are pictures for a reader of the slide: charts, diagrams (SmartArt), objects.
_PICTURE_URIS = ("chart", "diagram", "ole", "picture")


class PptxReader:
    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.pkg = Package(path, data, "pptx")
        self.out = Builder(path, self.pkg.limits)
        self._pindex: dict[str, dict[Any, int]] = {}
        self._rels: dict[str, dict[str, Any]] = {}

    # -- parts ----------------------------------------------------------------------------

    def main_part(self) -> str:
        pkg = self.pkg
        if pkg.has("mimetype") and not pkg.has("ppt/presentation.xml"):
            raise pkg.error("this is an OpenDocument file, not a PowerPoint .pptx file; "
                            "rename it to end in .odp and try again.", "not-pptx")
        if pkg.has("word/document.xml") and not pkg.has("ppt/presentation.xml"):
            raise pkg.error("this is a Word .docx file, not a PowerPoint .pptx file; "
                            "rename it to end in .docx and try again.", "not-pptx")
        for rel in pkg.rels("").values() if pkg.has("_rels/.rels") else ():
            if rel.type.endswith("/officeDocument") and not rel.external and pkg.has(rel.target):
                return pkg.find(rel.target) or rel.target
        if pkg.has("ppt/presentation.xml"):
            return pkg.find("ppt/presentation.xml") or "ppt/presentation.xml"
        raise pkg.damaged("ppt/presentation.xml is missing")

    def rels_of(self, part: str) -> dict[str, Any]:
        found = self._rels.get(part)
        if found is None:
            found = self._rels[part] = self.pkg.rels(part)
        return found

    def related(self, part: str, suffix: str) -> str | None:
        for rel in self.rels_of(part).values():
            if rel.type.endswith(suffix) and not rel.external and self.pkg.has(rel.target):
                return self.pkg.find(rel.target)
        return None

    def paragraph_index(self, xml_part: str, p: Any) -> int:
        index = self._pindex.get(xml_part)
        if index is None:
            root = self.pkg.parsed[xml_part]
            index = self._pindex[xml_part] = {el: i for i, el in enumerate(root.iter(p.tag))}
        return index.get(p, -1)

    # -- the whole presentation -------------------------------------------------------------

    def read(self) -> Document:
        main = self.main_part()
        root = self.pkg.xml(main)
        if dml.local(root.tag) != "presentation":
            raise self.pkg.damaged(f"{main} is not a PowerPoint presentation part")
        rels = self.rels_of(main)
        number = 0
        for sld in dml.path(root, "sldIdLst") if dml.path(root, "sldIdLst") is not None else ():
            rid = next((sld.get(f"{{{ns}}}id") for ns in R_NAMESPACES if sld.get(f"{{{ns}}}id")), None)
            rel = rels.get(rid) if rid else None
            if rel is None or rel.external or not self.pkg.has(rel.target):
                continue
            number += 1
            self.slide(number, self.pkg.find(rel.target) or rel.target)
        native = Native(self.path, "pptx", self.pkg.data, self.pkg.parsed, [], A_NS)
        return self.out.document(self.path, "pptx", native)

    def slide(self, number: int, part: str) -> None:
        root = self.pkg.xml(part)
        out = self.out
        rec = SlideRecord(number, hidden=(root.get("show") or "1").lower() in ("0", "false"),
                          start=out.pos, first_block=len(out.blocks), first_feature=len(out.features))
        boxes = self.placeholder_boxes(part)
        tree = dml.path(root, "cSld", "spTree")
        if tree is not None:
            self.shapes(tree, part, rec, dml.IDENTITY, Tables(), boxes.get)
        notes = self.related(part, "/notesSlide")
        if notes is not None:
            notes_tree = dml.path(self.pkg.xml(notes), "cSld", "spTree")
            if notes_tree is not None:
                self.notes(notes_tree, notes, rec)
        rec.finish(out)

    def placeholder_boxes(self, slide_part: str) -> dict[tuple[str, str], Box]:
        """Where the layout and master put each placeholder, by ("idx", n) and ("type", t)."""
        boxes: dict[tuple[str, str], Box] = {}
        layout = self.related(slide_part, "/slideLayout")
        master = self.related(layout, "/slideMaster") if layout else None
        for part in (master, layout):  # the layout's own boxes win
            if part is None:
                continue
            tree = dml.path(self.pkg.xml(part), "cSld", "spTree")
            if tree is None:
                continue
            for sp in tree.iter(tree.tag.replace("spTree", "sp")):
                ph = dml.path(sp, "nvSpPr", "nvPr", "ph")
                box = dml.box(dml.path(sp, "spPr", "xfrm"), dml.IDENTITY)
                if ph is None or box is None:
                    continue
                if ph.get("idx"):
                    boxes[("idx", ph.get("idx") or "")] = box
                boxes[("type", _kind_of(ph))] = box
        return boxes

    # -- shapes ------------------------------------------------------------------------------

    def shapes(self, container: Any, part: str, rec: SlideRecord, tf: Transform, tables: Tables,
               inherited: Callable[[tuple[str, str]], Box | None]) -> None:
        for child in container:
            name = dml.local(child.tag)
            if name == "sp":
                self.shape(child, part, rec, tf, inherited)
            elif name == "grpSp":
                self.shapes(child, part, rec, dml.group_transform(child, tf), tables, inherited)
            elif name == "graphicFrame":
                self.graphic_frame(child, part, rec, tf, tables)
            elif name == "pic":
                self.picture(dml.path(child, "nvPicPr", "cNvPr"), rec, dml.box(dml.path(child, "spPr", "xfrm"), tf))
            elif name == "AlternateContent":
                choice = dml.child(child, "Choice")
                if choice is None:
                    choice = dml.child(child, "Fallback")
                if choice is not None:
                    self.shapes(choice, part, rec, tf, tables, inherited)
            # connectors, ink and the like hold no text to read

    def shape(self, sp: Any, part: str, rec: SlideRecord, tf: Transform,
              inherited: Callable[[tuple[str, str]], Box | None]) -> None:
        c_nv = dml.path(sp, "nvSpPr", "cNvPr")
        name = c_nv.get("name") if c_nv is not None else None
        ph = dml.path(sp, "nvSpPr", "nvPr", "ph")
        kind = _kind_of(ph) if ph is not None else None
        if kind in _MADE:
            return
        role = "title" if kind in _TITLES else "text"
        box = dml.box(dml.path(sp, "spPr", "xfrm"), tf)
        if box is None and ph is not None:
            by_index = inherited(("idx", ph.get("idx") or "")) if ph.get("idx") else None
            box = by_index or inherited(("type", kind or ""))
        body = dml.child(sp, "txBody")
        label = f"slide {rec.number}, {role}"
        text = ""
        if body is not None:
            ctx = Ctx("slide", label, part, Tables())
            text = self.text_body(body, ctx, rec, name, 1 if role == "title" else 0)
        rec.shape(name, role, text, box)

    def graphic_frame(self, frame: Any, part: str, rec: SlideRecord, tf: Transform, tables: Tables) -> None:
        c_nv = dml.path(frame, "nvGraphicFramePr", "cNvPr")
        name = c_nv.get("name") if c_nv is not None else None
        box = dml.box(dml.child(frame, "xfrm"), tf)
        data = dml.path(frame, "graphic", "graphicData")
        if data is None:
            return
        tbl = dml.child(data, "tbl")
        if tbl is None:
            uri = data.get("uri") or ""
            if any(word in uri for word in _PICTURE_URIS):
                self.picture(c_nv, rec, box)
            return
        number = tables.next()
        out = self.out
        first, start = len(out.blocks), out.pos
        texts: list[str] = []
        rows = columns = 0
        for tr in tbl:
            if dml.local(tr.tag) != "tr":
                continue
            rows += 1
            col = 1
            for tc in tr:
                if dml.local(tc.tag) != "tc":
                    continue
                span = max(int(dml.number(tc.get("gridSpan")) or 1), 1)
                if not (dml.is_on(tc.get("hMerge")) or dml.is_on(tc.get("vMerge"))):
                    body = dml.child(tc, "txBody")
                    if body is not None:
                        ctx = Ctx("slide", f"slide {rec.number}", part, Tables(), cell=(number, rows, col))
                        texts.append(self.text_body(body, ctx, rec, name, 0))
                col += span
            columns = max(columns, col - 1)
        tbl_pr = dml.child(tbl, "tblPr")
        header_row = tbl_pr is not None and dml.is_on(tbl_pr.get("firstRow"))
        placed = len(out.blocks) > first
        end = out.blocks[-1].end if placed else start
        out.feature("slide-table", start, end, {"rows": rows, "columns": columns, "header_row": header_row,
                                                "table": number, "name": name},
                    where(rec.number, f"slide {rec.number}"), False)
        rec.shape(name, "table", " ".join(texts), box)

    def picture(self, c_nv: Any, rec: SlideRecord, box: Box | None) -> None:
        if c_nv is None:
            return
        decorative = any(dml.is_on(d.get("val")) for d in c_nv.iter("{*}decorative"))
        alt = alt_text(c_nv.get("descr"), c_nv.get("title"))
        name = c_nv.get("name")
        at = self.out.pos
        self.out.feature("slide-image", at, at, {"alt": alt, "name": name, "decorative": decorative},
                         where(rec.number, f"slide {rec.number}"), False)
        if not decorative:  # screen readers skip a decorative picture: it has no place in the reading order
            rec.shape(name, "picture", alt or "", box)

    def notes(self, tree: Any, part: str, rec: SlideRecord) -> None:
        for sp in tree.iter(tree.tag.replace("spTree", "sp")):
            ph = dml.path(sp, "nvSpPr", "nvPr", "ph")
            if ph is not None and _kind_of(ph) in _MADE | {"ftr"}:
                continue
            body = dml.child(sp, "txBody")
            if body is not None:
                c_nv = dml.path(sp, "nvSpPr", "cNvPr")
                ctx = Ctx("notes", f"slide {rec.number}, notes", part, Tables())
                self.text_body(body, ctx, rec, c_nv.get("name") if c_nv is not None else None, 0)

    # -- text --------------------------------------------------------------------------------

    def text_body(self, body: Any, ctx: Ctx, rec: SlideRecord, shape: str | None, level: int) -> str:
        """Make a block of each paragraph of a text body; their text, joined."""
        out = self.out
        texts = []
        for p in body:
            if dml.local(p.tag) != "p":
                continue
            para = Para()
            self.inline(p, para, ctx.xml_part)
            kind, locator = block_kind_and_locator(ctx, level, False, self.paragraph_index(ctx.xml_part, p))
            locator["slide"] = rec.number
            if shape:
                locator["shape"] = shape
            done = out.emit(para, kind, level if kind is BlockKind.HEADING else 0, None, locator, ctx.xml_part, p)
            if done.text:
                texts.append(done.text)
            for a, b, url in para.links:
                s, e = done.to_source(a), done.to_source(b)
                text = " ".join(done.text[s - done.start:e - done.start].split())
                out.feature("slide-link", s, e, {"text": text, "url": url}, locator, done.block is not None)
        return " ".join(texts)

    def inline(self, p: Any, para: Para, part: str) -> None:
        for child in p:
            name = dml.local(child.tag)
            if name == "r":
                t = dml.child(child, "t")
                if t is not None and t.text:
                    start = para.length
                    para.add(t.text, t, "text")
                    link = dml.path(child, "rPr", "hlinkClick")
                    if link is not None:
                        self.link(para, start, self.link_target(link, part))
            elif name == "br":
                para.add(" ", child, "marker")
            elif name == "fld":  # a slide number or a date: the program's text, never changed
                t = dml.child(child, "t")
                if t is not None and t.text:
                    para.add(t.text, t, "marker")
            # a:pPr, a:endParaRPr: nothing to read

    def link(self, para: Para, start: int, url: str | None) -> None:
        """A run that is a link: joined to the link before it when it goes to the same place."""
        links = para.links
        if links and links[-1][1] == start and links[-1][2] == url:
            links[-1] = (links[-1][0], para.length, url)
        else:
            links.append((start, para.length, url))

    def link_target(self, link: Any, part: str) -> str | None:
        rid = next((link.get(f"{{{ns}}}id") for ns in R_NAMESPACES if link.get(f"{{{ns}}}id")), None)
        rel = self.rels_of(part).get(rid) if rid else None
        if rel is not None:
            return rel.target
        return link.get("action") or None


def _kind_of(ph: Any) -> str:
    """A placeholder's type ("body" when it says none, as the standard has it)."""
    return ph.get("type") or "body"


def parse(path: str, data: bytes, include_comments: bool = False) -> Document:
    """Read a .pptx file's bytes into a :class:`Document` (see the module notes).

    ``include_comments`` is taken for the same call as the other office readers; comments on
    slides are not read.
    """
    reader = PptxReader(path, data)
    try:
        return reader.read()
    except InputError:
        raise
    except RecursionError:
        raise reader.pkg.damaged("its shapes are nested too deeply to read") from None
