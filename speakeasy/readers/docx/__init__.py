"""Word .docx (Office Open XML, transitional and strict), read the way a reader of the document sees it.

What is read, in this order (each block is one line of ``Document.source``):

1. headers: for each section, its first-page (when the section has a
   different first page, ``w:titlePg``), default (odd) and even-page (when
   the settings say ``w:evenAndOddHeaders``) header, each distinct header
   part once;
2. the body: paragraphs and headings, list items, tables cell by cell and
   row by row (nested tables too), text boxes and shapes with text right
   after the paragraph that anchors them;
3. footnotes in the order they are referenced, then endnotes;
4. comments, only when asked (``include_comments=True``): they are not
   published text;
5. footers, in the same order as headers.

Inside a paragraph: text split across runs is one word; hyperlink text,
content controls (``w:sdt``), simple fields' runs and complex fields' shown
results (between ``separate`` and ``end``) are read; field instructions,
hidden text (``w:vanish``), deleted text (``w:del``, ``w:moveFrom``) are
not; inserted text (``w:ins``, ``w:moveTo``) is read as if accepted.  Tabs
and line breaks (``w:tab``, ``w:br``, ``w:cr``, ``w:ptab``) become one space
each, so a block never holds a line break and every block character maps
to exactly one place in the XML (see :class:`~speakeasy.readers.office.common.Piece`).

A block's text is the paragraph's text with leading and trailing spaces
trimmed; web addresses and e-mail addresses are masked (spaces) in
``Block.text`` as they are for Markdown, while ``Document.source`` keeps
them.  Paragraphs with no text make no block (and no line).

Not read (yet): equations (``m:oMath``), symbol characters (``w:sym``),
the text of charts and SmartArt diagrams (kept in parts of their own),
embedded documents (``w:altChunk``, OLE objects), and a paragraph mark
deleted as a tracked change does not join its paragraph to the next.

Headings come from outline levels and paragraph styles (``w:outlineLvl``
on the paragraph or, following ``w:basedOn``, its style; or the built-in
"Heading 1".."Heading 9" and "Title" styles), never from bold text.

Blocks: ``HEADING`` (with its level), ``LIST_ITEM`` (``w:numPr`` on the
paragraph or its style), ``TABLE_CELL`` (every paragraph in a cell),
``FOOTNOTE`` (footnotes and endnotes), ``PARAGRAPH`` otherwise.  Each
block's ``locator`` says ``part`` ("body", "header", "footer", "footnote",
"endnote", "comment", "text box"), ``part_label`` for people ("first-page
header", "footnote 2", "text box 1"...), ``xml_part`` (the zip member),
``paragraph`` (the index of its ``w:p`` among all ``w:p`` of that part, in
XML order) and, in tables, ``table`` ("2", or "2.1" for the first table
nested in table 2), ``row`` and ``column`` (1-based; columns count grid
columns, so merged cells keep their place).

Features (``Document.features``, offsets in the source):

* ``heading``: level, text, style (empty headings too: start = end = the
  next block's start);
* ``table``: rows, columns, header_row (first row repeats as a header),
  table, part;
* ``image``: alt (description, else title, else None), name, decorative;
* ``hyperlink``: text, url (the relationship target, ``#anchor``, or a
  HYPERLINK field's target);
* ``run``: a stretch of a paragraph worth checking: in capitals (``w:caps``,
  or 4 or more words typed in capitals), italic, underlined, or in a size
  other than the paragraph's.  text, words, caps, caps_from ("format" or
  "text"), italic, underline, size_pt, hyperlink;
* ``paragraph``: justified, size_pt (the size most of its characters
  have), style (the style's name).

Every feature's data also says where it is, as block locators do: ``part``,
``part_label``, ``xml_part``, ``paragraph`` (for a table: its first
paragraph), ``table``/``row``/``column`` inside a table cell (not for
``table`` features, whose ``table`` is their own number), and ``section``
(the nearest heading above, or None).  A feature whose paragraph (or
table) makes no block, such as an image alone in its paragraph or an empty
heading, has no line of its own: its offsets are where the next block
starts, and ``location`` says in words where it really is ("under
'Keeping people safe', after paragraph 3"), worded as
:meth:`speakeasy.analysis.Analysis.location` words block locations.

Word comments that start with ``speakeasy: ignore RULE -- reason`` become
:class:`~speakeasy.model.Directive` objects with action ``"range"`` over
the commented text (see :func:`speakeasy.directives.comment_directive`).

``Document.native`` is a :class:`~speakeasy.readers.office.common.Native`: the parsed XML parts, and for
every block its ``w:p`` element and its :class:`~speakeasy.readers.office.common.Piece` list, which is what
a fixer needs to change the words in place.
"""

from __future__ import annotations

from ...errors import InputError
from ...model import Document
from .reader import DocxReader


def parse(path: str, data: bytes, include_comments: bool = False) -> Document:
    """Read a .docx file's bytes into a :class:`Document` (see the module notes)."""
    reader = DocxReader(path, data, include_comments)
    try:
        return reader.read()
    except InputError:
        raise
    except RecursionError:
        raise reader.pkg.damaged("its parts are nested too deeply to read") from None
