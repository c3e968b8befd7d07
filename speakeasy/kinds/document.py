"""``document-feature``: accessibility checks on Word and OpenDocument files.

Like Word's Accessibility Checker, but in CI.  The checks work from
``Document.features`` (see :class:`speakeasy.model.Feature`), which the Word
and OpenDocument readers fill; the Markdown and text readers record no
features, so these rules never fire on them.

One rule runs one ``check``:

``image-alt-text``
    An image with no alternative text (and not marked as decorative).
``table-header``
    A table with no header row (``w:tblHeader`` in Word, "Repeat heading"
    in LibreOffice).  Tables of one row or one column are left alone: they
    are nearly always boxes for layout, not tables of data.
``heading-levels``
    A heading more than one level deeper than the heading before it
    (Heading 1 then Heading 3).  A document should start at level 1, so a
    first heading of level 2 or deeper is reported too: screen reader users
    who list the headings meet it first.  Word's "Title" style counts as
    level 1 (as the readers record it).  Only headings in the body count;
    empty headings are left to ``empty-heading``.
``empty-heading``
    A paragraph in a heading style with no text.  Screen readers announce
    it as a heading with nothing in it.
``link-text``
    Link text that does not say where the link goes: one of ``vague_links``
    (compared with the whole link text, ignoring case and punctuation), or a
    web address.  A link with no text at all (a linked picture) is left
    alone.
``capitals`` / ``italics`` / ``underline``
    A stretch of more than ``max_words`` words in capitals (typed or made by
    formatting), in italics, or underlined.  Links are meant to be
    underlined, so underlined link text is left alone.
``text-size``
    A paragraph of the body whose text is smaller than ``min_size_pt``.
    Headers, footers, footnotes, endnotes and text boxes are left alone:
    notes are often smaller on purpose.  One finding per paragraph.
``justified``
    A justified paragraph (straight left and right edges).

Why those ``max_words`` defaults:

* capitals, 3 (4 or more words are reported): a word or two in capitals
  ("PLEASE NOTE") is common and easy to read; a phrase or a sentence is
  not.  The readers record text typed in capitals only from 4 words on, so
  a lower setting still only sees formatted capitals of 3 words or fewer.
* italics, 10: the title of a law or a guide in italics ("Care and Support
  Statutory Guidance") is fine; a sentence or a paragraph is hard to read.
* underline, 3: underlined words look like links; a word or two for
  emphasis is a smaller problem than a whole underlined sentence.

Every message says what is wrong and how to fix it in Word.

The rule examples in a pack are about Word features, so they are written
in a tiny markup that :meth:`DocumentFeature.build_example` turns into a
real .docx (see :func:`build_docx`).
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from typing import TYPE_CHECKING, Any, Iterator

from ..model import Feature, Finding
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

CHECKS = (
    "image-alt-text",
    "table-header",
    "heading-levels",
    "empty-heading",
    "link-text",
    "capitals",
    "italics",
    "underline",
    "text-size",
    "justified",
)

#: The longest allowed stretch of words, for the checks that count words.
MAX_WORDS = {"capitals": 3, "italics": 10, "underline": 3}

VAGUE_LINKS = (
    "click here", "here", "read more", "more", "this link", "link", "find out more", "more information",
    "this page", "learn more",
)

#: Link text that is a web address.
_URL_TEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+")

MESSAGES = {
    "image-alt-text": (
        "The image{name} has no alt text. In Word, right-click it, choose Edit Alt Text, and say what it "
        "shows. If it is only decoration, tick Mark as decorative."
    ),
    "table-header": (
        "This table has no header row. In Word, click in the top row, then choose Repeat Header Rows "
        "on the Table Layout tab."
    ),
    "heading-levels": (
        "This heading is level {level}, but the heading before it is level {previous}. In Word, give it "
        "the Heading {expected} style, on the Home tab."
    ),
    "heading-levels-first": (
        "This is the first heading, and it is level {level}. Start with level 1. In Word, give it the "
        "Heading 1 style, on the Home tab."
    ),
    "empty-heading": (
        "This heading is empty. In Word, delete the empty line, or type the words of the heading."
    ),
    "link-text": (
        "The link text '{match}' does not say where the link goes. In Word, right-click the link, "
        "choose Edit Hyperlink, and change the Text to display."
    ),
    "link-text-url": (
        "This link shows a web address, which screen readers read out letter by letter. In Word, "
        "right-click it, choose Edit Hyperlink, and change the Text to display."
    ),
    "capitals": (
        "These {value} words are in capitals, which are hard to read. In Word, select them and press "
        "Shift+F3 to change them to lower case."
    ),
    "capitals-format": (
        "These {value} words are in capitals, which are hard to read. In Word, select them and press "
        "Ctrl+Shift+A to turn off All Caps."
    ),
    "italics": (
        "These {value} words are in italics, which are hard to read. In Word, select them and press "
        "Ctrl+I. Use bold if you need to stress something."
    ),
    "underline": (
        "These {value} words are underlined, so they look like a link. In Word, select them and press "
        "Ctrl+U. Use bold if you need to stress something."
    ),
    "text-size": (
        "This text is {value} pt, which is too small for many people to read. In Word, select it and "
        "set the font size to {threshold} or more, on the Home tab."
    ),
    "justified": (
        "This paragraph is justified, which leaves uneven gaps between words. In Word, click in it and "
        "press Ctrl+L to line it up on the left."
    ),
}

#: The placeholders each check fills in its message (a rule's own `message` is used for all of them).
PLACEHOLDERS = {
    "image-alt-text": ("name",),
    "table-header": (),
    "heading-levels": ("level", "previous", "expected", "match"),
    "empty-heading": ("level",),
    "link-text": ("match", "url"),
    "capitals": ("value", "threshold", "match"),
    "italics": ("value", "threshold", "match"),
    "underline": ("value", "threshold", "match"),
    "text-size": ("value", "threshold"),
    "justified": (),
}


@register
class DocumentFeature(Kind):
    name = "document-feature"
    summary = (
        "Flags accessibility problems in Word and OpenDocument files: missing alt text, tables without "
        "a header row, skipped or empty headings, vague link text, and hard-to-read formatting."
    )
    options = (
        Field("check", "text", "Which check the rule runs (see docs/accessibility.md).", required=True,
              choices=CHECKS),
        Field("min_size_pt", "number", "For `text-size`: the smallest text size allowed, in points.",
              default=12, minimum=1),
        Field("max_words", "int",
              "For `capitals`, `italics` and `underline`: the longest stretch of words allowed "
              "(if you leave it out: 3, 10 and 3).", minimum=0),
        Field("vague_links", "texts",
              "For `link-text`: link texts that do not say where a link goes (any case, ignoring punctuation).",
              default=list(VAGUE_LINKS)),
    )
    default_message = "{match}"

    #: The rule examples are documents: see :meth:`build_example`.
    example_format = "docx"

    @classmethod
    def build_example(cls, text: str) -> bytes:
        """A small .docx made from a rule example's markup (see :func:`build_docx`)."""
        return build_docx(text)

    def setup(self) -> None:
        self.check_name = self.option("check")
        max_words = self.option("max_words")
        self.max_words = MAX_WORDS.get(self.check_name, 0) if max_words is None else max_words
        self.min_size = float(self.option("min_size_pt"))
        self.vague = {_normal(v) for v in self.option("vague_links") or ()}

    def finding(self, analysis: "Analysis", start: int, end: int, **kw: Any) -> Finding:  # type: ignore[override]
        feature = kw.pop("feature", None)
        f = super().finding(analysis, start, end, **kw)
        if feature is not None:
            # what the reader recorded (alt text, image name, link address, size...), for JSON output
            f.extra["feature"] = {"kind": feature.kind, **feature.data}
            where = feature.data.get("location")
            if where:
                # the feature's paragraph made no block (an image alone in its paragraph, an empty
                # heading): its offset is the next block's, so that block's location would be wrong
                f.location = str(where)
                f.extra["locator"] = {k: feature.data[k] for k in _LOCATOR if k in feature.data}
        return f

    @classmethod
    def message_placeholders(cls, options: dict[str, Any] | None = None) -> tuple[str, ...]:
        return PLACEHOLDERS.get(str((options or {}).get("check")), ())

    def message_for(self, key: str, **values: Any) -> str:
        """The rule's own ``message`` if it has one, else the message for ``key``."""
        return self.render(self.rule.message or MESSAGES[key], **values)

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        features = analysis.document.features
        if not features:
            return iter(())
        method = getattr(self, "_" + self.check_name.replace("-", "_"))
        return method(analysis, features)

    # -- the checks ------------------------------------------------------------------------

    def _image_alt_text(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind != "image" or f.data.get("decorative"):
                continue
            if (f.data.get("alt") or "").strip():
                continue
            name = (f.data.get("name") or "").strip()
            yield self.finding(analysis, f.start, f.end, feature=f,
                               message=self.message_for("image-alt-text", name=f" '{name}'" if name else ""))

    def _table_header(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind != "table" or f.data.get("header_row"):
                continue
            if _part(analysis, f) != "body":
                continue
            if (f.data.get("rows") or 0) < 2 or (f.data.get("columns") or 0) < 2:
                continue  # a box for layout, not a table of data
            yield self.finding(analysis, f.start, f.end, feature=f, message=self.message_for("table-header"))

    def _heading_levels(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        previous = 0
        for f in features:
            if f.kind != "heading" or not str(f.data.get("text") or "").strip():
                continue
            if _part(analysis, f) != "body":
                continue
            level = int(f.data.get("level") or 0)
            if level < 1:
                continue
            if level > previous + 1:
                key = "heading-levels" if previous else "heading-levels-first"
                yield self.finding(analysis, f.start, f.end, feature=f, value=level,
                                   message=self.message_for(key, level=level, previous=previous,
                                                            expected=previous + 1, match=f.data.get("text")))
            previous = level

    def _empty_heading(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind != "heading" or str(f.data.get("text") or "").strip():
                continue
            # an empty heading makes no block: the reader's ``location`` says where it is
            yield self.finding(analysis, f.start, f.end, feature=f,
                               message=self.message_for("empty-heading", level=f.data.get("level")))

    def _link_text(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind != "hyperlink":
                continue
            text = " ".join(str(f.data.get("text") or "").split())
            if not text:
                continue  # a linked picture: its alt text is the link text
            if _normal(text) in self.vague:
                key = "link-text"
            elif _URL_TEXT.match(text) or text == (f.data.get("url") or "").strip():
                key = "link-text-url"
            else:
                continue
            yield self.finding(analysis, f.start, f.end, feature=f,
                               message=self.message_for(key, match=text, url=f.data.get("url") or ""))

    def _capitals(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        yield from self._runs(analysis, features, "caps")

    def _italics(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        yield from self._runs(analysis, features, "italic")

    def _underline(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        yield from self._runs(analysis, features, "underline")

    def _runs(self, analysis: "Analysis", features: list[Feature], flag: str) -> Iterator[Finding]:
        found = [f for f in features if f.kind == "run" and f.data.get(flag)
                 and not (flag == "underline" and f.data.get("hyperlink"))
                 and int(f.data.get("words") or 0) > self.max_words]
        # A run in italics with a stretch of capitals inside is recorded twice (the run, and the
        # stretch): report the run only.
        found.sort(key=lambda f: (f.start, -f.end))
        reach = -1
        for f in found:
            if f.end <= reach:
                continue
            reach = f.end
            words = int(f.data.get("words") or 0)
            key = self.check_name
            if flag == "caps" and f.data.get("caps_from") == "format":
                key = "capitals-format"
            yield self.finding(analysis, f.start, f.end, feature=f, value=words, threshold=self.max_words,
                               message=self.message_for(key, value=words, threshold=self.max_words,
                                                        match=analysis.source[f.start:f.end]))

    def _text_size(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind != "paragraph":
                continue
            size = f.data.get("size_pt")
            if size is None or size >= self.min_size or _part(analysis, f) != "body":
                continue
            yield self.finding(analysis, f.start, f.end, feature=f, value=size, threshold=self.min_size,
                               message=self.message_for("text-size", value=_points(size),
                                                        threshold=_points(self.min_size)))

    def _justified(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind == "paragraph" and f.data.get("justified"):
                yield self.finding(analysis, f.start, f.end, feature=f, message=self.message_for("justified"))


def _normal(text: str) -> str:
    """Link text as compared with ``vague_links``: lower case, no punctuation, single spaces."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def _points(size: float) -> str:
    return str(int(size)) if float(size).is_integer() else f"{size:g}"


#: The keys of a feature's data that say where it is (as a block's locator does).
_LOCATOR = ("part", "part_label", "xml_part", "paragraph", "table", "row", "column")


def _part(analysis: "Analysis", feature: Feature) -> str:
    """Which part of the file a feature is in: body, header, footer, footnote, text box...

    The readers record it (``part``); for features without it, the part of
    the block at the feature's offset.
    """
    part = feature.data.get("part")
    if part:
        return str(part)
    bi = analysis.block_index(feature.start)
    if bi is None:
        return "body"
    return str((analysis.blocks[bi].locator or {}).get("part") or "body")


# ---------------------------------------------------------------------------
# Rule examples: a tiny markup, built into a real .docx with python-docx

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


def _png(size: int = 8, rgb: tuple[int, int, int] = (31, 94, 168)) -> bytes:
    """A small square PNG of one colour, made without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * size
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))
