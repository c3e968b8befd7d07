"""The PowerPoint and Impress checks of the ``accessibility`` kind: the ``slides`` family.

The slide readers (:mod:`speakeasy.readers.slides`) record what these read:

``image-alt-text``
    A picture, chart or diagram with no alternative text (and not marked
    as decorative).  Alt text that is only the picture's file name
    ("image1.png"), as programs fill in, counts as none.
``slide-title``
    A slide with no title, or with an empty one.  Screen reader users go
    from slide to slide by their titles, and the titles make the outline.
``reading-order``
    A slide whose reading order is not the order a sighted reader follows:
    the title is not read first, or a shape is read after a shape below it
    (when the two are in the same column, so side-by-side columns are left
    alone).  Known only where the file says where the shapes are.
    Decorative pictures are not in the reading order: screen readers skip them.
``table-header``
    A table with no header row (PowerPoint's "Header Row"), when it has at
    least 2 rows and 2 columns.
``link-text``
    Link text that does not say where the link goes, or that is a web
    address: the same test as for Word files, with PowerPoint's words.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Feature, Finding
from . import document
from .features import Context, FamilyChecks

__all__ = ["CHECKS", "MESSAGES", "PLACEHOLDERS"]

#: The checks for slides.
CHECKS = ("image-alt-text", "slide-title", "reading-order", "table-header", "link-text")

MESSAGES = {
    "image-alt-text": (
        "The picture{name} on slide {slide} has no alt text. In PowerPoint, right-click it, choose View Alt "
        "Text, and say what it shows, or tick Mark as decorative. In Impress, right-click it and choose "
        "Description."
    ),
    "slide-title": (
        "Slide {slide} has no title. Screen reader users find slides by their titles. Give it a layout "
        "with a title, and type one. To hide the title, move it off the slide."
    ),
    "slide-title-empty": (
        "The title of slide {slide} is empty. Screen reader users find slides by their titles. Type a title."
    ),
    "reading-order-title": (
        "On slide {slide}, {first} is read out before the title. In PowerPoint, open Check Accessibility "
        "on the Review tab, then Reading Order, and move the title to the top. In Impress, select the title "
        "and choose Arrange, Send to Back."
    ),
    "reading-order": (
        "On slide {slide}, {later} is above {first}, but screen readers read it after. In PowerPoint, open "
        "Check Accessibility on the Review tab, then Reading Order, and put them in the order they are on "
        "the slide. In Impress, use Arrange to change the order."
    ),
    "table-header": (
        "The table on slide {slide} has no header row. In PowerPoint, click in the table, then tick Header "
        "Row on the Table Design tab."
    ),
    "link-text": (
        "The link text '{match}' does not say where the link goes. In PowerPoint, right-click the link, "
        "choose Edit Link, and change the Text to display."
    ),
    "link-text-url": (
        "This link shows a web address, which screen readers read out letter by letter. In PowerPoint, "
        "right-click it, choose Edit Link, and change the Text to display."
    ),
}

PLACEHOLDERS = {
    "image-alt-text": ("name", "slide"),
    "slide-title": ("slide",),
    "reading-order": ("slide", "first", "later"),
    "table-header": ("slide",),
    "link-text": ("match", "url"),
}

_check = FamilyChecks("slides", MESSAGES, PLACEHOLDERS).check


@_check("image-alt-text", reads={"slide-image"})
def image_alt_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if f.data.get("decorative") or (f.data.get("alt") or "").strip():
            continue
        name = (f.data.get("name") or "").strip()
        yield ctx.report(f, say={"name": f" '{name}'" if name else "", "slide": f.data.get("slide")})


@_check("slide-title", reads={"slide"})
def slide_title(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if (f.data.get("title") or "").strip():
            continue
        key = "slide-title-empty" if f.data.get("title_shape") else "slide-title"
        yield ctx.report(f, key, {"slide": f.data.get("slide")})


@_check("reading-order", reads={"slide"})
def reading_order(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        found = order_problem(list(f.data.get("shapes") or ()))
        if found is not None:
            key, say = found
            yield ctx.report(f, key, {"slide": f.data.get("slide"), "later": "", **say})


@_check("table-header", reads={"slide-table"})
def table_header(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    for f in features:
        if f.data.get("header_row") or (f.data.get("rows") or 0) < 2 or (f.data.get("columns") or 0) < 2:
            continue
        yield ctx.report(f, say={"slide": f.data.get("slide")})


def order_problem(shapes: list[dict[str, Any]]) -> tuple[str, dict[str, str]] | None:
    """The first thing wrong with a slide's reading order, as (message key, what to say), or None.

    ``shapes`` are in reading order, as the readers record them.  The title
    must come first.  Then a shape read after another must not be wholly
    above it while they share a column (they overlap from left to right).
    """
    titles = [i for i, s in enumerate(shapes) if s.get("role") == "title" and s.get("text")]
    if titles and titles[0] > 0:
        return "reading-order-title", {"first": describe(shapes[0])}
    for i, first in enumerate(shapes):
        a = first.get("box")
        if not a:
            continue
        for later in shapes[i + 1:]:
            b = later.get("box")
            if not b:
                continue
            same_column = b[0] < a[2] and a[0] < b[2]
            if same_column and b[3] <= a[1]:
                return "reading-order", {"first": describe(first), "later": describe(later)}
    return None


def describe(shape: dict[str, Any]) -> str:
    """A shape as a message names it: its words, or "the picture 'Logo'"."""
    text = str(shape.get("text") or "")
    if shape.get("role") == "picture":
        name = str(shape.get("name") or "")
        return f"the picture '{name}'" if name else "a picture"
    if shape.get("role") == "table":
        return f"the table '{text}'" if text else "a table"
    return f"'{text}'" if text else f"the shape '{shape.get('name') or ''}'"


@_check("link-text", reads={"slide-link"})
def link_text(ctx: Context, features: list[Feature]) -> Iterator[Finding]:
    """The same test as for Word files (:func:`speakeasy.kinds.document.link_text`), with this family's words."""
    return document.link_text(ctx, features)
