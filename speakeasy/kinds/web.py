"""The web page checks of the ``accessibility`` kind (and of ``web-feature``).

The checks work from the features the web page reader records (see
:mod:`speakeasy.readers.html`): only the page's main content counts, as for
its words.  Other readers record no web features, so these checks never
fire on Word, Markdown or text files.  Each is the ``web`` variant of a
check in the vocabulary (:mod:`speakeasy.kinds.features`); the name
``web-feature`` used before is in brackets:

``image-alt-text`` (``image-alt``)
    An ``<img>`` with no ``alt`` attribute.  ``alt=""`` is right for an
    image that is only decoration, and so is ``role="presentation"``.
``link-text``
    A link whose text (or ``aria-label``) does not say where it goes: one of
    ``vague_links``, the same list as the Word check, compared with the whole
    text, ignoring case and punctuation.  Unlike the Word check, a web
    address as link text is not reported.
``heading-levels``
    A heading more than one level deeper than the heading before it
    (``<h2>`` then ``<h4>``).  Unlike the Word check, a page's first heading
    is not checked: many pages put their ``<h1>`` outside the main content.
``language`` (``page-language``)
    A page whose ``<html>`` element has no ``lang``.  Parts of pages
    (files without ``<html>`` or a doctype, such as templates) are left alone.

The rule examples of these checks are written as HTML.
"""

from __future__ import annotations

from typing import Iterator

from ..model import Feature, Finding
from .features import Context, FamilyChecks, normal_link_text

MESSAGES = {
    "image-alt-text": (
        "This image has no alt attribute. Add alt=\"...\" saying what it shows, or alt=\"\" if it is "
        "only decoration."
    ),
    "link-text": (
        "The link text '{match}' does not say where the link goes. Use words that name the page or "
        "document it opens."
    ),
    "heading-levels": (
        "This heading is level {level}, but the heading before it is level {previous}. Use <h{expected}> "
        "here, or add the missing level."
    ),
    "language": (
        "This page does not say what language it is in. Add lang=\"en\" (or the page's language) to "
        "the <html> tag."
    ),
}

#: The placeholders each check fills in its message.
PLACEHOLDERS = {
    "image-alt-text": (),
    "link-text": ("match",),
    "heading-levels": ("level", "previous", "expected", "match"),
    "language": (),
}

_check = FamilyChecks("web", MESSAGES, PLACEHOLDERS).check


@_check("image-alt-text", reads={"web-image"})
def image_alt_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if not f.data.get("has_alt") and not f.data.get("decorative"):
            yield ctx.report(f)


@_check("link-text", reads={"web-link"})
def link_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        text = str(f.data.get("label") or f.data.get("text") or "")
        if text and normal_link_text(text) in ctx.vague:
            yield ctx.report(f, say={"match": text})


@_check("heading-levels", reads={"web-heading"})
def heading_levels(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    previous = 0
    for f in features:
        if not str(f.data.get("text") or "").strip():
            continue
        level = int(f.data.get("level") or 0)
        if previous and level > previous + 1:
            yield ctx.report(f, say={"level": level, "previous": previous, "expected": previous + 1,
                                     "match": f.data.get("text")}, value=level)
        previous = level


@_check("language", reads={"web-page"})
def language(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if not str(f.data.get("lang") or "").strip():
            yield ctx.report(f)
