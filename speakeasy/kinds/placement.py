"""Where a match sits in a document: in a heading, in the text of a link, or as the text of a link to a glossary."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..model import BlockKind

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis


#: The address of a link that explains a word: a glossary, a list of words, a definition.
_GLOSSARY_URL = re.compile(r"glossar|jargon|definition|words?-we-use|plain-words|what-words-mean", re.IGNORECASE)
#: A Markdown link's end and address, after its text: "](glossary.md#reablement)".
_MD_LINK_TARGET = re.compile(r"\s*\]\(\s*<?([^)\s>]+)")


def glossary_link(analysis: "Analysis", start: int, end: int) -> bool:
    """Is the term the text of a link to its explanation: a glossary, or a page or anchor named after it?

    "[reablement](glossary.md#reablement)", or a Word or web link whose
    address has "glossary" (or "jargon", "definition"...) in it, or ends in
    "#reablement".
    """
    source = analysis.source
    slug = re.sub(r"[^a-z0-9]+", "-", source[start:end].lower()).strip("-")

    def explains(url: str) -> bool:
        tail = url.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower()
        return bool(_GLOSSARY_URL.search(url)) or (bool(slug) and tail.split(".")[0] == slug)

    starts, links, apart = analysis.links()
    if apart:  # only the last link that starts at or before the match can hold it
        k = bisect.bisect_right(starts, start)
        links = links[k - 1:k]
    for feature in links:
        if feature.start <= start and feature.end >= end:
            url = str(feature.data.get("url") or feature.data.get("href") or "")
            if url and explains(url):
                return True
    if analysis.document.format != "markdown":
        return False
    opened = source.rfind("[", max(0, start - 4), start)
    if opened < 0 or source[opened + 1:start].strip():
        return False
    target = _MD_LINK_TARGET.match(source, end)
    return target is not None and explains(target.group(1))


def in_heading(analysis: "Analysis", at: int) -> bool:
    block = analysis.block_index(at)
    return block is not None and analysis.document.blocks[block].kind is BlockKind.HEADING


#: Markdown link text: "[text](url)", "[text][ref]"; the text may not hold brackets.
_MD_LINK_OPEN = re.compile(r"\[[^\[\]\n]*$")
_MD_LINK_CLOSE = re.compile(r"^[^\[\]\n]*\](?:\(|\[)")


def in_link(analysis: "Analysis", start: int, end: int) -> bool:
    """Is ``[start, end)`` in the text of a link (a Markdown link, or a link a reader recorded)?"""
    starts, links, apart = analysis.links()
    if apart:  # the links that start before the end of the match: only the last can reach it
        k = bisect.bisect_left(starts, end)
        links = links[k - 1:k] if k else []
    for feature in links:
        if feature.start < end and feature.end > start:
            return True
    if analysis.document.format != "markdown":
        return False
    source = analysis.source
    return (_MD_LINK_OPEN.search(source, max(0, start - 300), start) is not None
            and _MD_LINK_CLOSE.match(source[end:end + 300]) is not None)
