"""The XML names of a Word file: WordprocessingML in its transitional and strict namespaces, and a few others.

A part may be written in either namespace; :data:`NAMES` gives the Clark
names (``{namespace}local``) of the tags and attributes the reader uses for each.
"""

from __future__ import annotations

from typing import Any

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_TRANSITIONAL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"
_WP = ("http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing")
_A = ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main")

_W_TAGS = {
    "document": "document", "body": "body", "p": "p", "r": "r", "t": "t", "tab": "tab", "br": "br", "cr": "cr",
    "ptab": "ptab", "noBreakHyphen": "noBreakHyphen", "delText": "delText", "instrText": "instrText",
    "fldChar": "fldChar", "fldSimple": "fldSimple", "hyperlink": "hyperlink", "sdt": "sdt",
    "sdtContent": "sdtContent", "ins": "ins", "del_": "del", "moveTo": "moveTo", "moveFrom": "moveFrom",
    "smartTag": "smartTag", "customXml": "customXml", "dir": "dir", "bdo": "bdo", "tbl": "tbl", "tr": "tr",
    "tc": "tc", "trPr": "trPr", "tcPr": "tcPr", "gridSpan": "gridSpan", "gridBefore": "gridBefore",
    "vMerge": "vMerge", "tblHeader": "tblHeader", "tblGrid": "tblGrid", "gridCol": "gridCol",
    "cellDel": "cellDel", "pPr": "pPr", "rPr": "rPr", "pStyle": "pStyle", "rStyle": "rStyle",
    "numPr": "numPr", "numId": "numId", "outlineLvl": "outlineLvl", "jc": "jc", "sz": "sz", "caps": "caps",
    "i": "i", "u": "u", "vanish": "vanish", "sectPr": "sectPr", "headerReference": "headerReference",
    "footerReference": "footerReference", "footnote": "footnote", "endnote": "endnote",
    "footnoteReference": "footnoteReference", "endnoteReference": "endnoteReference", "comment": "comment",
    "commentRangeStart": "commentRangeStart", "commentRangeEnd": "commentRangeEnd",
    "commentReference": "commentReference", "txbxContent": "txbxContent", "drawing": "drawing",
    "pict": "pict", "object": "object", "style": "style", "name": "name", "basedOn": "basedOn",
    "docDefaults": "docDefaults", "rPrDefault": "rPrDefault", "pPrDefault": "pPrDefault",
    "val": "val", "id": "id", "type": "type", "styleId": "styleId", "default": "default",
    "fldCharType": "fldCharType", "instr": "instr", "anchor": "anchor", "titlePg": "titlePg",
    "evenAndOddHeaders": "evenAndOddHeaders",
}


class Names:
    """Clark names ({namespace}local) of the WordprocessingML tags and attributes used here."""

    def __init__(self, w: str, r: str) -> None:
        self.ns = w
        for attr, local in _W_TAGS.items():
            setattr(self, attr, f"{{{w}}}{local}")
        self.rid = f"{{{r}}}id"
        self.rid_other = f"{{{R_STRICT if r == R_TRANSITIONAL else R_TRANSITIONAL}}}id"

    def __getattr__(self, name: str) -> str:  # pragma: no cover - for type checkers only
        raise AttributeError(name)


NAMES = {W_TRANSITIONAL: Names(W_TRANSITIONAL, R_TRANSITIONAL), W_STRICT: Names(W_STRICT, R_STRICT)}
MC_ALT = f"{{{MC}}}AlternateContent"
MC_CHOICE = f"{{{MC}}}Choice"
DOCPR = tuple(f"{{{ns}}}docPr" for ns in _WP)
GRAPHIC_DATA = tuple(f"{{{ns}}}graphicData" for ns in _A)
V_IMAGEDATA = f"{{{V}}}imagedata"
V_TEXTBOX = f"{{{V}}}textbox"
O_TITLE = f"{{{O}}}title"


def is_on(el: Any, val: str) -> bool:
    v = el.get(val)
    return v is None or v.strip().lower() not in ("0", "false", "off", "none")


def namespace_of(root: Any) -> str:
    tag = root.tag if root is not None else ""
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""
