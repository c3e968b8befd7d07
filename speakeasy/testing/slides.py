"""Real PowerPoint files made from a tiny markup, for the rule examples of the slide checks.

:func:`build_pptx` needs python-pptx (``pip install 'speakeasy-lint[test]'``,
or ``pip install python-pptx``); speakeasy itself reads and fixes slides
without it.
"""

from __future__ import annotations

import io
import re
from typing import Any

from .images import png as _png

__all__ = ["build_pptx"]

_IMG = re.compile(r"^<img(?P<attrs>(?:\s+alt=\"[^\"]*\"|\s+decorative)*)\s*>$")
_ALT = re.compile(r"alt=\"([^\"]*)\"")
_TOP = re.compile(r"^<top=(\d+(?:\.\d+)?)>\s*")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def build_pptx(text: str) -> bytes:
    """Build a small .pptx from the markup used in the slide checks' rule examples.

    Each line is one shape, in reading order.  A line ``---`` starts a new
    slide (the first slide starts by itself).

    * ``# text``: the slide's title (a real title placeholder), read where
      the line is: a title after other lines is read after them.  ``#``
      alone is an empty title.  A slide with no ``#`` line has no title.
    * ``<img>``: a picture with no alt text; ``<img alt="A map">``: with alt
      text; ``<img decorative>``: marked as decorative.
    * ``| a | b |``: a table row; lines of rows next to each other make one
      table.  A first row written ``|= a | b |`` is a header row.
    * ``[text](https://example.org)`` in a line: a real hyperlink.
    * any other line: a text box.  Shapes are placed one under another, an
      inch apart; ``<top=N>`` at the start of a line puts it N inches from
      the top of the slide instead.
    """
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    for lines in _slides(text):
        titled = any(line.startswith("#") for line in lines)
        slide = prs.slides.add_slide(prs.slide_layouts[5 if titled else 6])
        tree = slide.shapes._spTree
        order: list[Any] = []
        y = 1.75
        i = 0
        while i < len(lines):
            line = lines[i]
            top = _TOP.match(line)
            at = y
            if top:
                at = float(top.group(1))
                line = line[top.end():]
            if line.startswith("#"):
                title = slide.shapes.title
                title.text = line.lstrip("#").strip()
                order.append(title._element)
                i += 1
                continue
            if line.startswith("|"):
                rows = []
                while i < len(lines) and lines[i].startswith("|"):
                    rows.append(lines[i])
                    i += 1
                order.append(_table(slide, rows, Inches(at)))
                y = at + 0.5 * len(rows) + 0.5
                continue
            i += 1
            img = _IMG.match(line)
            if img:
                pic = slide.shapes.add_picture(io.BytesIO(_png(16)), Inches(1), Inches(at))
                _alt(pic, img.group("attrs") or "")
                order.append(pic._element)
            else:
                box = slide.shapes.add_textbox(Inches(1), Inches(at), Inches(8), Inches(0.8))
                _text(box.text_frame.paragraphs[0], line)
                order.append(box._element)
            y = at + 1.0
        for el in order:  # the reading order is the order of the lines
            tree.append(el)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _text(paragraph: Any, line: str) -> None:
    """A paragraph's runs: ``[text](url)`` is a link, the rest plain text."""
    at = 0
    for m in _LINK.finditer(line):
        if m.start() > at:
            paragraph.add_run().text = line[at:m.start()]
        run = paragraph.add_run()
        run.text = m.group(1)
        run.hyperlink.address = m.group(2)
        at = m.end()
    if at < len(line) or not line:
        paragraph.add_run().text = line[at:]


def _slides(text: str) -> list[list[str]]:
    slides: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if line == "---":
            slides.append([])
        elif line:
            slides[-1].append(line)
    return [s for s in slides if s] or [[]]


def _alt(pic: Any, attrs: str) -> None:
    from lxml import etree

    c_nv = pic._element.nvPicPr.cNvPr
    found = _ALT.search(attrs)
    c_nv.set("descr", found.group(1) if found else "")
    if "decorative" in attrs:
        ext_lst = etree.SubElement(c_nv, "{http://schemas.openxmlformats.org/drawingml/2006/main}extLst")
        ext = etree.SubElement(ext_lst, "{http://schemas.openxmlformats.org/drawingml/2006/main}ext",
                               uri=_DECORATIVE_EXT)
        etree.SubElement(ext, f"{{{_ADEC}}}decorative", val="1")


def _table(slide: Any, rows: list[str], top: Any) -> Any:
    from pptx.util import Inches

    cells = [[c.strip() for c in row.lstrip("|=").strip().strip("|").split("|")] for row in rows]
    columns = max(len(r) for r in cells)
    frame = slide.shapes.add_table(len(cells), columns, Inches(1), top, Inches(8), Inches(0.5 * len(cells)))
    table = frame.table
    table.first_row = rows[0].startswith("|=")
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return frame._element
