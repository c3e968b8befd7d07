"""Build small .docx and .odt files for the reader tests, XML written by hand.

python-docx cannot write tracked changes, fields, content controls, text
boxes, footnotes, comments with ranges or the strict namespace, so these
helpers write the package parts directly.  Used by ``tests/test_reader_docx*.py``
and ``tests/test_reader_odt.py``.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from speakeasy.model import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'mc:Ignorable=""'
)
STRICT = {
    W: "http://purl.oclc.org/ooxml/wordprocessingml/main",
    R: "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":
        "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "http://purl.oclc.org/ooxml/drawingml/picture",
}

DEFAULT_STYLES = """
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="PolicyHeading"><w:name w:val="Policy Heading"/>
  <w:basedOn w:val="Heading2"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/>
  <w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Justified"><w:name w:val="Justified"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:jc w:val="both"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small Print"/><w:basedOn w:val="Normal"/>
  <w:rPr><w:sz w:val="16"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hidden"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>
"""


def p(text: str = "", style: str | None = None, ppr: str = "", runs: str | None = None) -> str:
    """A paragraph: one run with ``text`` (or the raw ``runs`` XML)."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    body = runs if runs is not None else (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p>{'<w:pPr>' + props + '</w:pPr>' if props else ''}{body}</w:p>"


def r(text: str, rpr: str = "") -> str:
    return f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def docx_bytes(
    body: str,
    *,
    styles: str | None = DEFAULT_STYLES,
    footnotes: str | None = None,
    endnotes: str | None = None,
    comments: str | None = None,
    headers: list[tuple[str, str]] = (),  # (type, content)
    footers: list[tuple[str, str]] = (),
    links: dict[str, str] | None = None,  # relationship id -> URL
    strict: bool = False,
    extra: dict[str, bytes] | None = None,
    title_page: bool = True,
    even_and_odd: bool = True,
) -> bytes:
    rels = []
    parts: dict[str, str] = {}
    sect = ""
    for what, items in (("header", headers), ("footer", footers)):
        for i, (typ, content) in enumerate(items, 1):
            name = f"{what}{i}.xml"
            rid = f"rId{what}{i}"
            tag = "hdr" if what == "header" else "ftr"
            parts[f"word/{name}"] = f"<w:{tag} {NS}>{content}</w:{tag}>"
            rels.append(f'<Relationship Id="{rid}" Type="{RT}/{what}" Target="{name}"/>')
            sect += f'<w:{what}Reference w:type="{typ}" r:id="{rid}"/>'
    if styles is not None:
        parts["word/styles.xml"] = f"<w:styles {NS}>{styles}</w:styles>"
        rels.append(f'<Relationship Id="rIdStyles" Type="{RT}/styles" Target="styles.xml"/>')
    for name, content, tag in (("footnotes", footnotes, "footnotes"), ("endnotes", endnotes, "endnotes"),
                               ("comments", comments, "comments")):
        if content is not None:
            parts[f"word/{name}.xml"] = f"<w:{tag} {NS}>{content}</w:{tag}>"
            rels.append(f'<Relationship Id="rId{name}" Type="{RT}/{name}" Target="{name}.xml"/>')
    for rid, url in (links or {}).items():
        rels.append(f'<Relationship Id="{rid}" Type="{RT}/hyperlink" Target="{url}" TargetMode="External"/>')
    if sect and "<w:sectPr" not in body:
        body += f"<w:sectPr>{sect}{'<w:titlePg/>' if title_page else ''}</w:sectPr>"
    if even_and_odd:
        parts["word/settings.xml"] = f"<w:settings {NS}><w:evenAndOddHeaders/></w:settings>"
        rels.append(f'<Relationship Id="rIdSettings" Type="{RT}/settings" Target="settings.xml"/>')
    parts["word/document.xml"] = f"<w:document {NS}><w:body>{body}</w:body></w:document>"
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>"
    )
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RT}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    if strict:
        for old, new in STRICT.items():
            parts = {k: v.replace(old, new) for k, v in parts.items()}
        parts = {k: v.replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                              "http://purl.oclc.org/ooxml/officeDocument/relationships/") for k, v in parts.items()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + content)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def read_docx(body: str, include_comments: bool = False, **kwargs: Any) -> Document:
    from speakeasy.readers.docx import parse

    doc = parse("test.docx", docx_bytes(body, **kwargs), include_comments=include_comments)
    check_mapping(doc)
    return doc


# ---------------------------------------------------------------------------
# OpenDocument

ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)


def odt_bytes(body: str, *, automatic: str = "", styles: str = "", masters: str = "",
              manifest_extra: str = "", mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODT_NS}>'
               f"<office:automatic-styles>{automatic}</office:automatic-styles>"
               f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    styles_xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {ODT_NS}>'
                  f"<office:styles>{styles}</office:styles>"
                  f"<office:master-styles>{masters}</office:master-styles></office:document-styles>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
                f"{manifest_extra}</manifest:file-entry>"
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles_xml, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def read_odt(body: str, include_comments: bool = False, **kwargs: Any) -> Document:
    from speakeasy.readers.odt import parse

    doc = parse("test.odt", odt_bytes(body, **kwargs), include_comments=include_comments)
    check_mapping(doc)
    return doc


# ---------------------------------------------------------------------------


def check_mapping(doc: Document) -> None:
    """Every block is one source line; every non-space character maps to its exact XML text."""
    assert doc.source == "\n".join(doc.source[b.start : b.end] for b in doc.blocks)
    assert len(doc.native.blocks) == len(doc.blocks)
    for block, native in zip(doc.blocks, doc.native.blocks):
        assert "\n" not in block.text
        assert len(block.text) == block.end - block.start
        covered = [False] * len(block.text)
        for piece in native.pieces:
            assert 0 <= piece.block_start < piece.block_end <= len(block.text)
            for i in range(piece.block_start, piece.block_end):
                assert not covered[i]
                covered[i] = True
            if not piece.replaceable:
                continue
            held = getattr(piece.element, piece.slot)
            for i in range(piece.block_start, piece.block_end):
                ch = doc.source[block.start + i]
                if not ch.isspace():
                    assert held[piece.element_start + i - piece.block_start] == ch, (block.text, piece)
        assert all(covered), block.text


def lines(doc: Document) -> list[str]:
    return doc.source.split("\n") if doc.source else []


def features(doc: Document, kind: str) -> list[dict[str, Any]]:
    return [dict(f.data, start=f.start, end=f.end) for f in doc.features if f.kind == kind]
