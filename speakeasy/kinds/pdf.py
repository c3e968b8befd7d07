"""The PDF checks of the ``accessibility`` kind (and of ``pdf-feature``): checks on the PDF file itself.

The checks work from the features the PDF reader records (see
:mod:`speakeasy.readers.pdf`); other readers record none, so these checks
never fire on Word, web, Markdown or text files.  Each is the ``pdf``
variant of a check in the vocabulary (:mod:`speakeasy.kinds.features`);
the name ``pdf-feature`` used before is in brackets:

``scanned``
    A PDF (or some of its pages) with no text, only pictures of pages, as a
    scanner makes.  Screen readers cannot read it, and speakeasy cannot
    check its words, so this is one finding for the whole file rather than
    an empty pass.
``tagged``
    A PDF with no tags (no structure tree, or not marked as tagged).  Screen
    readers then cannot tell headings, lists and tables from the rest.
``title``
    A PDF with no title (neither in its document information nor in its
    XMP metadata).
``language``
    A PDF that does not say what language it is in (no ``/Lang``).
``image-alt-text`` (``image-alt``)
    A figure in a tagged PDF with no alternative text (``/Alt``).  In an
    untagged PDF no image can have alternative text; the ``tagged`` check
    says so once.

Every message says how to mend the document the PDF was made from, since a
PDF is nearly always made again rather than edited.

The rule examples of these checks are PDFs, written in a tiny markup that
:func:`speakeasy.testing.build_pdf` turns into a real PDF.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Feature, Finding
from .features import Context, FamilyChecks

MESSAGES = {
    "scanned": (
        "This PDF has no text, only pictures of pages, as a scanner makes. Screen readers cannot read it, "
        "and speakeasy could not check its words. Make the PDF from the document it was typed in, or run "
        "text recognition (OCR) on it and check it again."
    ),
    "scanned-pages": (
        "{pages} no text, only a picture of a page, as a scanner makes. Screen readers cannot read "
        "{them}, and speakeasy could not check {them}. Make the PDF from the document it was typed in, "
        "or run text recognition (OCR) on it."
    ),
    "tagged": (
        "This PDF is not tagged, so screen readers cannot tell its headings, lists and tables from the "
        "rest. Make it again with tags. In Word, choose Save As, PDF, Options, and tick \"Document "
        "structure tags for accessibility\". In LibreOffice, tick \"Tagged PDF\" in the PDF options."
    ),
    "title": (
        "This PDF has no title, so screen readers and browser tabs show its file name instead. Give the "
        "document a title, then make the PDF again: in Word, File, Info, Title; in LibreOffice, File, "
        "Properties, Description, Title."
    ),
    "language": (
        "This PDF does not say what language it is in, so screen readers may read it in the wrong voice. "
        "Set the language of the document, then make the PDF again: in Word, Review, Language; in "
        "LibreOffice, Tools, Language."
    ),
    "image-alt-text": (
        "The picture on page {page} has no alt text, so screen reader users do not know what it shows. Add "
        "alt text to the picture in the document, then make the PDF again."
    ),
}

#: The placeholders each check fills in its message ({pages} and {them}: when only some pages are scans).
PLACEHOLDERS = {
    "scanned": ("pages", "them"),
    "tagged": (),
    "title": (),
    "language": (),
    "image-alt-text": ("page",),
}

_check = FamilyChecks("pdf", MESSAGES, PLACEHOLDERS).check
WHOLE = "the whole PDF"


@_check("scanned", reads={"pdf-document"})
def scanned(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    doc = features[0]
    pages = list(doc.data.get("image_only_pages") or [])
    if not doc.data.get("text_pages"):
        yield ctx.report(doc, start=0, end=0, where=WHOLE)
    elif pages:
        named = _pages(pages)
        yield ctx.report(doc, "scanned-pages", {"pages": named + (" has" if len(pages) == 1 else " have"),
                                                "them": "it" if len(pages) == 1 else "them"},
                         start=0, end=0, where=named[0].lower() + named[1:])


@_check("tagged", reads={"pdf-document"})
def tagged(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    doc = features[0]
    if not doc.data.get("tagged") and doc.data.get("text_pages"):
        yield ctx.report(doc, start=0, end=0, where=WHOLE)


@_check("title", reads={"pdf-document"})
def title(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    doc = features[0]
    if not str(doc.data.get("title") or "").strip():
        yield ctx.report(doc, start=0, end=0, where=WHOLE)


@_check("language", reads={"pdf-document"})
def language(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    doc = features[0]
    if not str(doc.data.get("lang") or "").strip():
        yield ctx.report(doc, start=0, end=0, where=WHOLE)


@_check("image-alt-text", reads={"pdf-image"})
def image_alt_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if not f.data.get("has_alt"):
            page = f.data.get("page", 1)
            yield ctx.report(f, say={"page": page}, where=f"page {page}")


def _pages(pages: list[int]) -> str:
    """"Page 3", "Pages 3 and 4", "Pages 2, 5 and 7"."""
    if len(pages) == 1:
        return f"Page {pages[0]}"
    return "Pages " + ", ".join(map(str, pages[:-1])) + f" and {pages[-1]}"
