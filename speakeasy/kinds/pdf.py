"""``pdf-feature``: accessibility checks on the PDF file itself.

The checks work from the features the PDF reader records (see
:mod:`speakeasy.readers.pdf`); other readers record none, so these rules
never fire on Word, web, Markdown or text files.

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
``image-alt``
    A figure in a tagged PDF with no alternative text (``/Alt``).  In an
    untagged PDF no image can have alternative text; the ``tagged`` check
    says so once.

Every message says how to mend the document the PDF was made from, since a
PDF is nearly always made again rather than edited.

The rule examples are PDFs, written in a tiny markup that
:func:`build_pdf` turns into a real PDF.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Any, Iterator

from ..model import Feature, Finding
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

CHECKS = ("scanned", "tagged", "title", "language", "image-alt")

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
    "image-alt": (
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
    "image-alt": ("page",),
}


@register
class PdfFeature(Kind):
    name = "pdf-feature"
    summary = (
        "Flags accessibility problems in PDF files: scans with no text, no tags, no title, no language, "
        "and pictures with no alt text."
    )
    options = (
        Field("check", "text", "Which check the rule runs (see docs/accessibility.md).", required=True,
              choices=CHECKS),
    )
    default_message = "{match}"

    #: The rule examples are PDFs, written in the markup of :func:`build_pdf`.
    example_format = "pdf"

    @classmethod
    def build_example(cls, text: str) -> bytes:
        return build_pdf(text)

    def setup(self) -> None:
        self.check_name = self.option("check")

    def finding(self, analysis: "Analysis", start: int, end: int, **kw: Any) -> Finding:  # type: ignore[override]
        feature: Feature = kw.pop("feature")
        where: str = kw.pop("where")
        f = super().finding(analysis, start, end, **kw)
        f.location = where
        f.extra["feature"] = {"kind": feature.kind, **feature.data}
        return f

    @classmethod
    def message_placeholders(cls, options: dict[str, Any] | None = None) -> tuple[str, ...]:
        return PLACEHOLDERS.get(str((options or {}).get("check")), ())

    def message_for(self, key: str, **values: Any) -> str:
        return self.render(self.rule.message or MESSAGES[key], **values)

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        document = next((f for f in analysis.document.features if f.kind == "pdf-document"), None)
        if document is None:
            return iter(())
        return getattr(self, "_" + self.check_name.replace("-", "_"))(analysis, document)

    def _scanned(self, analysis: "Analysis", doc: Feature) -> Iterator[Finding]:
        pages = list(doc.data.get("image_only_pages") or [])
        if not doc.data.get("text_pages"):
            yield self.finding(analysis, 0, 0, feature=doc, where="the whole PDF",
                               message=self.message_for("scanned"))
        elif pages:
            named = _pages(pages)
            yield self.finding(analysis, 0, 0, feature=doc, where=named[0].lower() + named[1:],
                               message=self.message_for("scanned-pages", pages=named + (" has" if len(pages) == 1
                                                                                          else " have"),
                                                        them="it" if len(pages) == 1 else "them"))

    def _tagged(self, analysis: "Analysis", doc: Feature) -> Iterator[Finding]:
        if not doc.data.get("tagged") and doc.data.get("text_pages"):
            yield self.finding(analysis, 0, 0, feature=doc, where="the whole PDF", message=self.message_for("tagged"))

    def _title(self, analysis: "Analysis", doc: Feature) -> Iterator[Finding]:
        if not str(doc.data.get("title") or "").strip():
            yield self.finding(analysis, 0, 0, feature=doc, where="the whole PDF", message=self.message_for("title"))

    def _language(self, analysis: "Analysis", doc: Feature) -> Iterator[Finding]:
        if not str(doc.data.get("lang") or "").strip():
            yield self.finding(analysis, 0, 0, feature=doc, where="the whole PDF",
                               message=self.message_for("language"))

    def _image_alt(self, analysis: "Analysis", doc: Feature) -> Iterator[Finding]:
        for f in analysis.document.features:
            if f.kind == "pdf-image" and not f.data.get("has_alt"):
                page = f.data.get("page", 1)
                yield self.finding(analysis, f.start, f.end, feature=f, where=f"page {page}",
                                   message=self.message_for("image-alt", page=page))


def _pages(pages: list[int]) -> str:
    """"Page 3", "Pages 3 and 4", "Pages 2, 5 and 7"."""
    if len(pages) == 1:
        return f"Page {pages[0]}"
    return "Pages " + ", ".join(map(str, pages[:-1])) + f" and {pages[-1]}"


# -- a tiny PDF writer, for rule examples and tests ----------------------------------------------

_PAGE_W, _PAGE_H = 595, 842  # A4, in points


def build_pdf(text: str) -> bytes:
    """Build a small, real PDF from the markup used in rule examples.

    The first line may be ``<pdf ...>`` with what the file has: ``title="..."``,
    ``lang="en-GB"`` and ``tagged``.  What is not named is missing: ``<pdf>``
    alone makes an untagged PDF with no title and no language.  With no
    ``<pdf>`` line at all the PDF has everything (``title="Example"``,
    ``lang="en-GB"``, tagged).  Then one block per line, all on page 1:

    * ``# text`` .. ``###### text``: a heading (``/H1``.. in a tagged PDF), in bigger letters;
    * ``<img>``: a picture with no alt text; ``<img alt="A blue square">``: with alt text;
    * ``<scan>``: a page of its own that is only a picture of a page (no text);
    * anything else: a paragraph, in 12 pt Helvetica.
    """
    import re

    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, lang, tagged = "Example", "en-GB", True
    if lines and lines[0].startswith("<pdf"):
        head = lines.pop(0)
        found = dict(re.findall(r'(\w+)="([^"]*)"', head))
        title, lang = found.get("title"), found.get("lang")
        tagged = bool(re.search(r"\btagged\b", re.sub(r'"[^"]*"', "", head)))
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(content: bytes, extra: str = "") -> int:
        packed = zlib.compress(content)
        return add(f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
                   + packed + b"\nendstream")

    catalog = add(b"")  # filled in last
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pixel = stream(b"\x80", "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                   "/BitsPerComponent 8 ")
    resources = f"<< /Font << /F1 {font} 0 R /F2 {bold} 0 R >> /XObject << /Im1 {pixel} 0 R >> >>"
    # (structure type, alt or None, marked-content id) for page 1, in order
    elements: list[tuple[str, str | None, int]] = []
    content: list[str] = []
    y = _PAGE_H - 72
    scans = 0
    for line in lines:
        if line == "<scan>":
            scans += 1
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        image = re.match(r"^<img(?:\s+alt=\"([^\"]*)\")?\s*>$", line)
        mcid = len(elements)
        if image:
            kind, alt = "Figure", image.group(1)
            body = f"q 100 0 0 100 72 {y - 100} cm /Im1 Do Q"
            y -= 116
        else:
            kind, alt = (f"H{len(heading.group(1))}", None) if heading else ("P", None)
            words = heading.group(2) if heading else line
            size = 18 if heading else 12
            body = f"BT /{'F2' if heading else 'F1'} {size} Tf 72 {y} Td ({_pdf_string(words)}) Tj ET"
            y -= size + 10
        elements.append((kind, alt, mcid))
        content.append(f"/{kind} <</MCID {mcid}>> BDC {body} EMC" if tagged else body)
    page_ids = []
    first = stream("\n".join(content).encode("latin-1"))
    page_ids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] "
                        f"/Resources {resources} /Contents {first} 0 R"
                        f"{' /StructParents 0' if tagged else ''} >>".encode()))
    for _ in range(scans):
        scan = stream(f"q {_PAGE_W - 100} 0 0 {_PAGE_H - 100} 50 50 cm /Im1 Do Q".encode())
        page_ids.append(add(f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {_PAGE_W} {_PAGE_H}] "
                            f"/Resources {resources} /Contents {scan} 0 R >>".encode()))
    objects[pages_id - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{p} 0 R' for p in page_ids)}] "
                             f"/Count {len(page_ids)} >>").encode()
    extra = ""
    if tagged:
        root = add(b"")
        document = add(b"")
        kids = []
        for kind, alt, mcid in elements:
            alt_entry = f" /Alt ({_pdf_string(alt)})" if alt is not None else ""
            kids.append(add(f"<< /Type /StructElem /S /{kind} /P {document} 0 R /Pg {page_ids[0]} 0 R "
                            f"/K {mcid}{alt_entry} >>".encode()))
        refs = " ".join(f"{k} 0 R" for k in kids)
        objects[document - 1] = f"<< /Type /StructElem /S /Document /P {root} 0 R /K [{refs}] >>".encode()
        parents = add(f"<< /Nums [0 [{refs}]] >>".encode())
        objects[root - 1] = (f"<< /Type /StructTreeRoot /K {document} 0 R /ParentTree {parents} 0 R "
                             f"/ParentTreeNextKey 1 >>").encode()
        extra += f" /StructTreeRoot {root} 0 R /MarkInfo << /Marked true >>"
    if lang:
        extra += f" /Lang ({_pdf_string(lang)})"
    if title:
        extra += " /ViewerPreferences << /DisplayDocTitle true >>"
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R{extra} >>".encode()
    info = add(f"<< /Producer (speakeasy build_pdf){f' /Title ({_pdf_string(title)})' if title else ''} >>".encode())
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _pdf_string(text: str) -> str:
    """Text as the inside of a PDF literal string, in the WinAnsi letters Helvetica has."""
    safe = text.encode("cp1252", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
