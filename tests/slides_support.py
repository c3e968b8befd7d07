"""Build small .pptx and .odp packages with hand-written XML, for the slide reader tests.

The fixtures in ``tests/data/slides`` are made by LibreOffice; these helpers
make the odd files a test needs (fields, hidden slides, hostile parts),
which no office suite writes on request.
"""

from __future__ import annotations

import io
import zipfile

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R
NS = f'xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"'


def sp(text: str, *, name: str = "Text", ph: str | None = None, at: tuple[int, int] | None = (1, 1)) -> str:
    """A shape with one paragraph (``text`` may hold runs written as XML), at ``at`` inches, or none."""
    ph_xml = f'<p:ph type="{ph}"/>' if ph else ""
    xfrm = (f'<a:xfrm><a:off x="{at[0] * 914400}" y="{at[1] * 914400}"/><a:ext cx="4572000" cy="914400"/></a:xfrm>'
            if at else "")
    body = text if text.startswith("<a:p>") else f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="{name}"/><p:cNvSpPr/><p:nvPr>{ph_xml}</p:nvPr></p:nvSpPr>'
            f'<p:spPr>{xfrm}</p:spPr><p:txBody><a:bodyPr/>{body}</p:txBody></p:sp>')


def slide_xml(shapes: str, show: bool = True) -> str:
    shown = "" if show else ' show="0"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld {NS}{shown}><p:cSld><p:spTree>'
            f'<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f"{shapes}</p:spTree></p:cSld></p:sld>")


def pptx_bytes(slides: list[str], *, notes: dict[int, str] | None = None, hidden: set[int] = frozenset(),
               extra: dict[str, bytes | str] | None = None, raw_slides: dict[int, str] | None = None) -> bytes:
    """A .pptx with one slide for each entry of ``slides`` (the shapes' XML), notes by slide number."""
    notes = notes or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{RT}/officeDocument" Target="ppt/presentation.xml"/>'
                   "</Relationships>")
        ids = "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(len(slides)))
        z.writestr("ppt/presentation.xml", f'<p:presentation {NS}><p:sldIdLst>{ids}</p:sldIdLst></p:presentation>')
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{RT}/slide" Target="slides/slide{i + 1}.xml"/>'
                       for i in range(len(slides)))
        z.writestr("ppt/_rels/presentation.xml.rels",
                   f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
                   "</Relationships>")
        for i, shapes in enumerate(slides, 1):
            xml = (raw_slides or {}).get(i) or slide_xml(shapes, show=i not in hidden)
            z.writestr(f"ppt/slides/slide{i}.xml", xml)
            if i in notes:
                z.writestr(f"ppt/slides/_rels/slide{i}.xml.rels",
                           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                           f'<Relationship Id="rIdN" Type="{RT}/notesSlide" Target="../notesSlides/notes{i}.xml"/>'
                           "</Relationships>")
                z.writestr(f"ppt/notesSlides/notes{i}.xml",
                           f'<p:notes {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/>'
                           f"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{notes[i]}</p:spTree></p:cSld></p:notes>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return out.getvalue()


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')


def odp_bytes(pages: str, *, automatic: str = "", content: str | None = None,
              mimetype: str = "application/vnd.oasis.opendocument.presentation") -> bytes:
    """An .odp whose ``office:presentation`` holds ``pages`` (``draw:page`` elements)."""
    xml = content or (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NS}>'
                      f"<office:automatic-styles>{automatic}</office:automatic-styles>"
                      f"<office:body><office:presentation>{pages}</office:presentation></office:body>"
                      "</office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", xml, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
