"""The jargon buster as a Word document: Arial, left aligned, 12 point (18 for large print), in English (UK)."""

from __future__ import annotations

import datetime as _dt
import io
from typing import TYPE_CHECKING

from .blocks import Block, Bullets, Heading, Para, flat, one_line
from .content import Glossary, fold

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

FONT = "Arial"
#: Heading sizes as multiples of the body size.
HEADING_SCALE = {"Title": 2.0, "Heading 1": 1.5, "Heading 2": 1.25}


def word_document(glossary: Glossary, blocks: list[Block], large_print: bool) -> bytes:
    """The blocks as a Word file, with the glossary's title, date and makers in its properties."""
    from docx import Document

    document = Document()
    _docx_styles(document, 18.0 if large_print else 12.0, large_print)
    props = document.core_properties
    makers = sorted({w.maintained_by for w in glossary.wordlists if w.maintained_by}, key=fold)
    props.title = glossary.title
    props.language = "en-GB"
    props.subject = "Jargon buster"
    props.author = props.last_modified_by = ", ".join(makers) or "speakeasy"
    props.comments = "Made with speakeasy from its wordlists."
    props.keywords = "jargon buster; plain English"
    props.created = props.modified = _dt.datetime.combine(glossary.made, _dt.time())
    props.revision = 1
    styles = {1: "Title", 2: "Heading 1", 3: "Heading 2"}
    for block in flat(blocks):
        match block:
            case Heading(level, text):
                document.add_paragraph(one_line(text), style=styles[level])
            case Para(parts):
                paragraph = document.add_paragraph()
                for index, (text, bold) in enumerate(parts):
                    paragraph.add_run((" " if index else "") + one_line(text)).bold = bold or None
            case Bullets(items):
                for item in items:
                    document.add_paragraph(one_line(item), style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_styles(document: "DocxDocument", size: float, large_print: bool) -> None:
    """Arial everywhere, body ``size`` points, headings in proportion, black, left aligned, en-GB."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    root = styles.element
    # Theme fonts would win over the font named below: take them out.
    for fonts in root.iter(qn("w:rFonts")):
        for key in [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]:
            del fonts.attrib[key]
    r_pr = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(qn("w:lang"), {})
        r_pr.append(lang)
    lang.set(qn("w:val"), "en-GB")

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.line_spacing = 1.5 if large_print else 1.15
    for name, scale in HEADING_SCALE.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size * scale)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.line_spacing = 1.15
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")
