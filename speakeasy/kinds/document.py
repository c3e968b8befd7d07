"""The Word and OpenDocument checks of the ``accessibility`` kind (and of ``document-feature``).

Like Word's Accessibility Checker, but in CI.  The checks work from
``Document.features`` (see :class:`speakeasy.model.Feature`), which the Word
and OpenDocument readers fill; the Markdown and text readers record no
features, so these checks never fire on them.  Each is the ``office``
variant of a check in the vocabulary (:mod:`speakeasy.kinds.features`):

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

The rule examples of these checks are Word files, written in a tiny markup
that :func:`speakeasy.testing.build_docx` turns into a real .docx.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..model import Feature, Finding
from .features import MAX_WORDS, VAGUE_LINKS, Context, FamilyChecks, normal_link_text

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

__all__ = ["CHECKS", "MAX_WORDS", "MESSAGES", "PLACEHOLDERS", "VAGUE_LINKS"]

#: The checks for Word and OpenDocument files: the check names of ``document-feature``.
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

#: Link text that is a web address.
_URL_TEXT = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)

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

_check = FamilyChecks("office", MESSAGES, PLACEHOLDERS).check


@_check("image-alt-text", reads={"image"})
def image_alt_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if f.data.get("decorative") or (f.data.get("alt") or "").strip():
            continue
        name = (f.data.get("name") or "").strip()
        yield ctx.report(f, say={"name": f" '{name}'" if name else ""})


@_check("table-header", reads={"table"})
def table_header(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if f.data.get("header_row") or _part(ctx.analysis, f) != "body":
            continue
        if (f.data.get("rows") or 0) < 2 or (f.data.get("columns") or 0) < 2:
            continue  # a box for layout, not a table of data
        yield ctx.report(f)


@_check("heading-levels", reads={"heading"})
def heading_levels(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    previous = 0
    for f in features:
        if not str(f.data.get("text") or "").strip() or _part(ctx.analysis, f) != "body":
            continue
        level = int(f.data.get("level") or 0)
        if level < 1:
            continue
        if level > previous + 1:
            key = "heading-levels" if previous else "heading-levels-first"
            yield ctx.report(f, key, {"level": level, "previous": previous, "expected": previous + 1,
                                      "match": f.data.get("text")}, value=level)
        previous = level


@_check("empty-heading", reads={"heading"})
def empty_heading(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if not str(f.data.get("text") or "").strip():
            # an empty heading makes no block: the reader's ``location`` says where it is
            yield ctx.report(f, say={"level": f.data.get("level")})


@_check("link-text", reads={"hyperlink"})
def link_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        text = " ".join(str(f.data.get("text") or "").split())
        if not text:
            continue  # a linked picture: its alt text is the link text
        if normal_link_text(text) in ctx.vague:
            key = "link-text"
        elif _URL_TEXT.match(text) or text == (f.data.get("url") or "").strip():
            key = "link-text-url"
        else:
            continue
        yield ctx.report(f, key, {"match": text, "url": f.data.get("url") or ""})


@_check("capitals", reads={"run"})
def capitals(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    return _runs(ctx, features, "caps", "capitals")


@_check("italics", reads={"run"})
def italics(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    return _runs(ctx, features, "italic", "italics")


@_check("underline", reads={"run"})
def underline(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    return _runs(ctx, features, "underline", "underline")


def _runs(ctx: Context, features: list[Feature], flag: str, check: str) -> Iterator[Finding]:
    found = [f for f in features if f.data.get(flag)
             and not (flag == "underline" and f.data.get("hyperlink"))
             and int(f.data.get("words") or 0) > ctx.max_words]
    # A run in italics with a stretch of capitals inside is recorded twice (the run, and the
    # stretch): report the run only.
    found.sort(key=lambda f: (f.start, -f.end))
    reach = -1
    for f in found:
        if f.end <= reach:
            continue
        reach = f.end
        words = int(f.data.get("words") or 0)
        key = "capitals-format" if flag == "caps" and f.data.get("caps_from") == "format" else check
        yield ctx.report(f, key, {"value": words, "threshold": ctx.max_words, "match": ctx.source[f.start:f.end]},
                         value=words, threshold=ctx.max_words)


@_check("text-size", reads={"paragraph"})
def text_size(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        size = f.data.get("size_pt")
        if size is None or size >= ctx.min_size or _part(ctx.analysis, f) != "body":
            continue
        yield ctx.report(f, say={"value": _points(size), "threshold": _points(ctx.min_size)},
                         value=size, threshold=ctx.min_size)


@_check("justified", reads={"paragraph"})
def justified(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if f.data.get("justified"):
            yield ctx.report(f)


def _points(size: float) -> str:
    return str(int(size)) if float(size).is_integer() else f"{size:g}"


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
