"""Publish wordlists as an accessible "jargon buster": Markdown, HTML or Word.

``speakeasy words glossary`` turns one or more wordlists into a document that
forum members can read, print and share.  For each word it gives the term,
what to say instead, why, and who agreed it; at the end it says who made the
list and where the words came from, with the licences that ask for credit
(GOV.UK's Open Government Licence among them).

The content is worked out once, as a short list of format-neutral blocks
(headings, paragraphs, bullet lists, words), and each format only decides how
to write a block.  So the three formats always say the same thing.

Accessibility choices, for every format:

* real headings: the title, one heading per starting letter, one per word;
  a word that is jargon only as one part of speech says so in its heading,
  in words: "impact (as a verb)", so two entries for one term are told apart
  without anything else on the page;
* plain words for each part of speech are a list, each item starting with
  the part in words: "As a noun: effect", "As a verb: affect or change";
* "Say instead:", "Why:" and "Credit:" as words, never shown by colour alone,
  and proposed words labelled "(proposed, not yet agreed)" in their heading;
* no tables and no pictures;
* HTML: one self-contained page (no scripts, fonts or other files), a skip
  link, a list of letters to jump to, dark text on white, lines of about
  70 characters and a clear focus outline;
* Word: Arial, left aligned, 12 point (18 point for large print), with the
  language set to English (UK) so screen readers pronounce it right.

The package: what the document holds (``content.py``), the document as
blocks (``blocks.py``), and each format's writer (``as_markdown.py``,
``as_html.py``, ``as_word.py``).
"""

from __future__ import annotations

import datetime as _dt

from ...packs import Wordlist
from .as_html import html_page
from .as_markdown import markdown_text
from .as_word import FONT, HEADING_SCALE, word_document  # noqa: F401 - (the names the module had, found here too)
from .blocks import (  # noqa: F401
    CREDITS_ANCHOR,
    CREDITS_HEADING,
    LICENCE_NAMES,
    OGL_ATTRIBUTION,
    Back,
    Block,
    Bullets,
    Heading,
    Jump,
    Para,
    document_blocks,
)
from .content import OTHER_HEADING, PROPOSED_LABEL, Glossary, Letter, Word, build  # noqa: F401

#: The formats :func:`render` can write.
FORMATS = ("md", "html", "docx")


def default_filename(fmt: str) -> str:
    """The file name to save a glossary in ``fmt`` under: ``jargon-buster.html``."""
    _check_format(fmt)
    return f"jargon-buster.{fmt}"


def render(
    wordlists: list[Wordlist],
    fmt: str,
    *,
    large_print: bool = False,
    title: str | None = None,
    include_proposed: bool = False,
    date: _dt.date | None = None,
) -> bytes:
    """The jargon buster for ``wordlists`` as a file in ``fmt`` ("md", "html" or "docx").

    Only agreed words are shown, unless ``include_proposed`` (then proposed
    words are shown too, labelled).  Retired words never are.  Words from
    several lists are merged into one A to Z list; when two lists have the
    same term (for the same part of speech), the first list's entry is kept;
    a term with an entry for each part of speech is shown once for each.  ``large_print`` makes the
    HTML and Word text bigger (Markdown has no sizes).  ``date`` is the date
    shown as the day the document was made (today unless given).

    Raises :class:`ValueError` for an unknown format.
    """
    _check_format(fmt)
    glossary = build(wordlists, title=title, include_proposed=include_proposed, date=date)
    blocks = list(document_blocks(glossary, fmt))
    if fmt == "md":
        return markdown_text(blocks).encode("utf-8")
    if fmt == "html":
        return html_page(glossary.title, blocks, large_print).encode("utf-8")
    return word_document(glossary, blocks, large_print)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"A jargon buster cannot be written as '{fmt}'. Use md, html or docx.")
