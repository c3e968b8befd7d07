"""LibreOffice Impress .odp, read slide by slide in reading order (see :mod:`speakeasy.readers.slides`).

The slides are the ``draw:page`` elements of ``office:presentation``; on
each, the shapes are read in the order they are kept, which is the order
Impress's Navigator shows and screen readers follow.  A frame in the
``title`` class is the slide's title; its paragraphs are headings of level 1.
Groups (``draw:g``) are read shape by shape where they are.  The speaker
notes are the ``notes`` frame of ``presentation:notes``.

Paragraphs, lists, tables and the text inside them are read exactly as the
OpenDocument text reader reads them (:mod:`speakeasy.readers.odt`, which
this reader builds on), so fixes go into the runs the same way.  Slide
numbers and dates (frames of the ``page-number`` and ``date-time`` classes)
are not read.
"""

from __future__ import annotations

from typing import Any

from ...errors import InputError
from ...model import Document, Feature
from ..odt import (
    DRAW, DRAW_G, DRAW_NAME, DRAW_OBJECTS, FRAME, H, IMAGE, LIST, OFFICE, P, SVG, SVG_DESC, SVG_TITLE, TBL, TEXT,
    TEXT_BOX, _OdtReader, _size, _t,
)
from ..office.common import Ctx, Native, Tables
from .shapes import Box, SlideRecord, alt_text, where

PRESENTATION = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
PAGE = _t(DRAW, "page")
NOTES = _t(PRESENTATION, "notes")
CLASS = _t(PRESENTATION, "class")
#: Frames whose text the program makes.
_MADE = {"page-number", "date-time", "header", "page"}
#: Features of the text reader that are said in Word's terms: slides have their own checks.
_KEEP = {"slide": "slide", "slide-image": "slide-image", "slide-table": "slide-table", "table": "slide-table",
         "image": "slide-image", "hyperlink": "slide-link"}


class OdpReader(_OdtReader):
    MIMETYPE = "application/vnd.oasis.opendocument.presentation"
    NOT_THIS = ("this is not an OpenDocument presentation (it is '{mime}'); speakeasy reads presentations "
                "(.odp) here. If it is a text document, rename it to end in .odt.")
    NOT_CODE = "not-odp"

    def __init__(self, path: str, data: bytes) -> None:
        super().__init__(path, data, False, "odp")
        self.in_title = False
        self._hidden_styles: set[str] = set()

    def heading_level(self, p: Any, ctx: Ctx, title_level: int) -> int:
        """On a slide only the title is a heading."""
        return 1 if self.in_title else 0

    def read(self) -> Document:
        self.check_package()
        content, _styles = self.load_styles()
        self._hidden_styles = _hidden_page_styles(content)
        pres = content.find(f"{_t(OFFICE, 'body')}/{_t(OFFICE, 'presentation')}")
        if pres is None:
            raise self.pkg.damaged("content.xml holds no presentation")
        number = 0
        for page in pres:
            if page.tag != PAGE:
                continue
            number += 1
            out = self.out
            rec = SlideRecord(number, hidden=page.get(_t(DRAW, "style-name")) in self._hidden_styles,
                              start=out.pos, first_block=len(out.blocks), first_feature=len(out.features))
            self.shapes(page, rec, Tables())
            notes = page.find(NOTES)
            if notes is not None:
                for frame in notes.iter(FRAME):
                    if frame.get(CLASS) in _MADE:
                        continue
                    for box in frame:
                        if box.tag == TEXT_BOX:
                            self.blocks(box, Ctx("notes", f"slide {number}, notes", "content.xml", Tables()))
            rec.finish(out)
        self.out.features = [Feature(_KEEP[f.kind], f.start, f.end, f.data) for f in self.out.features
                             if f.kind in _KEEP]
        native = Native(self.path, "odp", self.pkg.data, self.pkg.parsed, [], TEXT)
        return self.out.document(self.path, "odp", native)

    def shapes(self, container: Any, rec: SlideRecord, tables: Tables) -> None:
        for el in container:
            tag = el.tag
            if tag == NOTES or not isinstance(tag, str):
                continue
            if tag == DRAW_G:
                self.shapes(el, rec, tables)
            elif tag == FRAME:
                self.frame(el, rec, tables)
            elif tag.startswith(f"{{{DRAW}}}") and any(c.tag in (P, H, LIST) for c in el):
                self.text_shape(el, rec, "text")

    def frame(self, el: Any, rec: SlideRecord, tables: Tables) -> None:
        cls = el.get(CLASS)
        if cls in _MADE:
            return
        role = "title" if cls == "title" else "text"
        tbl = el.find(TBL)
        if tbl is not None:
            first = len(self.out.blocks)
            self.table(tbl, Ctx("slide", f"slide {rec.number}", "content.xml", tables))
            self.out.features[-1].data.update({**where(rec.number, f"slide {rec.number}"),
                                               "location": f"slide {rec.number}"})
            rec.shape(el.get(DRAW_NAME), "table", _texts(self, first), _box(el))
            return
        box = el.find(TEXT_BOX)
        if box is not None:
            self.text_shape(box, rec, role, el)
            return
        if any(c.tag == IMAGE or c.tag in DRAW_OBJECTS for c in el):
            desc, title = el.find(SVG_DESC), el.find(SVG_TITLE)
            alt = alt_text("".join(desc.itertext()) if desc is not None else None,
                           "".join(title.itertext()) if title is not None else None)
            at = self.out.pos
            self.out.feature("slide-image", at, at, {"alt": alt, "name": el.get(DRAW_NAME), "decorative": False},
                             where(rec.number, f"slide {rec.number}"), False)
            rec.shape(el.get(DRAW_NAME), "picture", alt or "", _box(el))

    def text_shape(self, holder: Any, rec: SlideRecord, role: str, frame: Any = None) -> None:
        """Read the paragraphs of a text box (or of a shape with text), as the title or as text."""
        shape = frame if frame is not None else holder
        first = len(self.out.blocks)
        self.in_title = role == "title"
        try:
            self.blocks(holder, Ctx("slide", f"slide {rec.number}, {role}", "content.xml", Tables()))
        finally:
            self.in_title = False
        name = shape.get(DRAW_NAME)
        for block in self.out.blocks[first:]:
            if name and block.locator is not None:
                block.locator["shape"] = name
        rec.shape(name, role, _texts(self, first), _box(shape))


def _texts(reader: OdpReader, first: int) -> str:
    return " ".join(b.text for b in reader.out.blocks[first:])


def _box(el: Any) -> Box | None:
    """Where a shape is, in points, from ``svg:x``, ``svg:y``, ``svg:width`` and ``svg:height``."""
    x, y = el.get(_t(SVG, "x")), el.get(_t(SVG, "y"))
    if x is None or y is None:
        return None
    left, top = _size(x, -1.0), _size(y, -1.0)
    width, height = _size(el.get(_t(SVG, "width")), 0.0), _size(el.get(_t(SVG, "height")), 0.0)
    if left < 0 or top < 0:
        return None
    return Box(left, top, left + width, top + height)


def _hidden_page_styles(content: Any) -> set[str]:
    """The names of the slide styles that hide a slide (``presentation:visibility="hidden"``)."""
    out = set()
    for style in content.iter(_t(STYLE, "style")):
        if style.get(_t(STYLE, "family")) != "drawing-page":
            continue
        for props in style:
            if props.get(_t(PRESENTATION, "visibility")) == "hidden":
                out.add(style.get(_t(STYLE, "name")) or "")
    return out


def parse(path: str, data: bytes, include_comments: bool = False) -> Document:
    """Read an .odp file's bytes into a :class:`Document` (see the module notes)."""
    reader = OdpReader(path, data)
    try:
        return reader.read()
    except InputError:
        raise
    except RecursionError:
        raise reader.pkg.damaged("its shapes are nested too deeply to read") from None
