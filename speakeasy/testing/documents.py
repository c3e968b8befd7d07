"""Real example files made from a tiny markup: Word files (:func:`build_docx`), PDFs (:func:`build_pdf`) and slides.

The rule examples of the accessibility checks are about what a file has
besides its words (images, tables, styles, tags), so they are written in a
markup that these functions turn into real files, which speakeasy then
reads as it reads any file.  Tests use them to build the files they need.
Web page examples are HTML already (:data:`EXAMPLE_BUILDERS`).
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any, Callable

from .images import png as _png
from .slides import build_pptx

__all__ = ["BODY_PT", "EXAMPLE_BUILDERS", "SMALL_PT", "build_docx", "build_html", "build_pdf", "build_pptx"]


# ---------------------------------------------------------------------------
# Word files: a tiny markup, built into a real .docx with python-docx


#: Sizes used by :func:`build_docx`.
BODY_PT = 12
SMALL_PT = 9

_INLINE = re.compile(
    r"<img(?P<img>(?:\s+alt=\"[^\"]*\"|\s+decorative)*)\s*>"
    r"|\[(?P<link>[^\]]*)\]\((?P<url>[^)\s]*)\)"
    r"|<(?P<close>/?)(?P<tag>caps|i|u)>"
)
_ALT = re.compile(r"alt=\"([^\"]*)\"")
_HEADING = re.compile(r"^(#{1,9})(?:\s+(.*))?$")
_PREFIX = re.compile(r"^<(small|justify)>\s*")


def build_docx(text: str) -> bytes:
    """Build a small .docx from the markup used in rule examples.

    One paragraph per line (blank lines are skipped).  Body text is 12 pt.

    * ``# text``, ``## text``... ``###### text``: a heading in the real
      "Heading 1".."Heading 6" style.  ``#`` or ``##`` alone: an empty
      heading of that level.
    * ``<img>``: an image without alt text; ``<img alt="A blue square">``:
      with alt text; ``<img decorative>``: marked as decorative.
    * ``[text](https://example.org)``: a real hyperlink.
    * ``<caps>...</caps>``: capitals made by formatting (Word's All Caps);
      ``<i>...</i>``: italics; ``<u>...</u>``: underline.  Capitals typed as
      capitals are just text.
    * ``<small>`` at the start of a line: a 9 pt paragraph;
      ``<justify>``: a justified paragraph (both may be used).
    * ``| a | b |``: a table row; lines of rows next to each other make one
      table.  A first row written ``|= a | b |`` is a header row (Word's
      "Repeat Header Rows", ``w:tblHeader``).
    """
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(BODY_PT)
    lines = [line.strip() for line in text.splitlines()]
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(lines[i])
                i += 1
            _table(document, rows)
            continue
        i += 1
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            paragraph = document.add_paragraph(style=f"Heading {level}")
            _inline(paragraph, heading.group(2) or "")
            continue
        small = justify = False
        while True:
            prefix = _PREFIX.match(line)
            if not prefix:
                break
            small = small or prefix.group(1) == "small"
            justify = justify or prefix.group(1) == "justify"
            line = line[prefix.end():]
        paragraph = document.add_paragraph()
        if justify:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _inline(paragraph, line, Pt(SMALL_PT) if small else None)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document: Any, rows: list[str]) -> None:
    from docx.oxml import OxmlElement

    cells = [[c.strip() for c in row.lstrip("|").lstrip("=").rstrip("|").split("|")] for row in rows]
    columns = max(len(r) for r in cells)
    table = document.add_table(rows=len(cells), cols=columns)
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _inline(paragraph, value)
    if rows[0].startswith("|="):
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)


def _inline(paragraph: Any, text: str, size: Any = None) -> None:
    """Add the runs of one line of markup to a python-docx paragraph."""
    state = {"caps": False, "i": False, "u": False}
    pos = 0

    def add_run(words: str) -> Any:
        run = paragraph.add_run(words)
        run.font.all_caps = state["caps"] or None
        run.font.italic = state["i"] or None
        run.font.underline = state["u"] or None
        if size is not None:
            run.font.size = size
        return run

    for m in _INLINE.finditer(text):
        if m.start() > pos:
            add_run(text[pos:m.start()])
        pos = m.end()
        if m.group("tag"):
            state[m.group("tag")] = not m.group("close")
        elif m.group("url") is not None:
            _link(paragraph, add_run(m.group("link")), m.group("url"))
        else:
            attrs = m.group("img") or ""
            alt = _ALT.search(attrs)
            _image(add_run(""), alt.group(1) if alt else None, "decorative" in attrs)
    if pos < len(text):
        add_run(text[pos:])
    if size is not None:
        # the paragraph mark too, as Word does when a whole paragraph is made smaller
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        p_pr = paragraph._p.get_or_add_pPr()
        r_pr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(int(size.pt * 2)))
        r_pr.append(sz)
        p_pr.append(r_pr)


def _link(paragraph: Any, run: Any, url: str) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run.font.underline = True
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run._r.addprevious(link)
    link.append(run._r)


def _image(run: Any, alt: str | None, decorative: bool) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    run.add_picture(io.BytesIO(_png()), width=Pt(24))
    doc_pr = run._r.xpath(".//wp:docPr")[0]
    if alt:
        doc_pr.set("descr", alt)
    if decorative:
        ext_lst = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", "{C183D7F6-B498-43B3-948B-1728B52AA6E4}")
        from lxml import etree

        mark = etree.SubElement(ext, "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative",
                                nsmap={"adec": "http://schemas.microsoft.com/office/drawing/2017/decorative"})
        mark.set("val", "1")
        ext_lst.append(ext)
        doc_pr.append(ext_lst)


# ---------------------------------------------------------------------------
# PDF files: a tiny PDF writer


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


# ---------------------------------------------------------------------------
# Web pages: the example is the page


def build_html(text: str) -> bytes:
    """A web page's bytes: the example is HTML already."""
    return text.encode("utf-8")


#: format -> what makes a file of it from a rule example's markup.
EXAMPLE_BUILDERS: dict[str, Callable[[str], bytes]] = {"docx": build_docx, "html": build_html, "pdf": build_pdf,
                                                        "pptx": build_pptx}
