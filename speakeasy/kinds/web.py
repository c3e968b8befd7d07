"""``web-feature``: accessibility checks on web pages (``.html``, ``.htm``).

The checks work from the features the web page reader records (see
:mod:`speakeasy.readers.html`): only the page's main content counts, as for
its words.  Other readers record no web features, so these rules never fire
on Word, Markdown or text files (and the Word checks of ``document-feature``
never fire on web pages).

``image-alt``
    An ``<img>`` with no ``alt`` attribute.  ``alt=""`` is right for an
    image that is only decoration, and so is ``role="presentation"``.
``link-text``
    A link whose text (or ``aria-label``) does not say where it goes: one of
    ``vague_links``, the same list as the Word check, compared with the whole
    text, ignoring case and punctuation.
``heading-levels``
    A heading more than one level deeper than the heading before it
    (``<h2>`` then ``<h4>``).  A page's first heading is not checked: many
    pages put their ``<h1>`` outside the main content.
``page-language``
    A page whose ``<html>`` element has no ``lang``.  Parts of pages
    (files without ``<html>`` or a doctype, such as templates) are left alone.

The rule examples are written as HTML: :meth:`WebFeature.build_example`
gives the bytes of the example as a web page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..model import Feature, Finding
from ..schema import Field
from .base import Kind, register
from .document import VAGUE_LINKS, _normal

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

CHECKS = ("image-alt", "link-text", "heading-levels", "page-language")

MESSAGES = {
    "image-alt": (
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
    "page-language": (
        "This page does not say what language it is in. Add lang=\"en\" (or the page's language) to "
        "the <html> tag."
    ),
}

#: The placeholders each check fills in its message.
PLACEHOLDERS = {
    "image-alt": (),
    "link-text": ("match",),
    "heading-levels": ("level", "previous", "expected", "match"),
    "page-language": (),
}


@register
class WebFeature(Kind):
    name = "web-feature"
    summary = (
        "Flags accessibility problems in web pages: images with no alt text, vague link text, skipped "
        "heading levels and a missing page language."
    )
    options = (
        Field("check", "text", "Which check the rule runs (see docs/accessibility.md).", required=True,
              choices=CHECKS),
        Field("vague_links", "texts",
              "For `link-text`: link texts that do not say where a link goes (any case, ignoring punctuation).",
              default=list(VAGUE_LINKS)),
    )
    default_message = "{match}"

    #: The rule examples are web pages, written as HTML.
    example_format = "html"

    @classmethod
    def build_example(cls, text: str) -> bytes:
        return text.encode("utf-8")

    def setup(self) -> None:
        self.check_name = self.option("check")
        self.vague = {_normal(v) for v in self.option("vague_links") or ()}

    def finding(self, analysis: "Analysis", start: int, end: int, **kw: Any) -> Finding:  # type: ignore[override]
        feature: Feature | None = kw.pop("feature", None)
        f = super().finding(analysis, start, end, **kw)
        if feature is not None:
            f.extra["feature"] = {"kind": feature.kind, **feature.data}
        return f

    @classmethod
    def message_placeholders(cls, options: dict[str, Any] | None = None) -> tuple[str, ...]:
        return PLACEHOLDERS.get(str((options or {}).get("check")), ())

    def message_for(self, key: str, **values: Any) -> str:
        return self.render(self.rule.message or MESSAGES[key], **values)

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        features = [f for f in analysis.document.features if f.kind.startswith("web-")]
        if not features:
            return iter(())
        return getattr(self, "_" + self.check_name.replace("-", "_"))(analysis, features)

    def _image_alt(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind == "web-image" and not f.data.get("has_alt") and not f.data.get("decorative"):
                yield self.finding(analysis, f.start, f.end, feature=f, message=self.message_for("image-alt"))

    def _link_text(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind != "web-link":
                continue
            text = str(f.data.get("label") or f.data.get("text") or "")
            if text and _normal(text) in self.vague:
                yield self.finding(analysis, f.start, f.end, feature=f,
                                   message=self.message_for("link-text", match=text))

    def _heading_levels(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        previous = 0
        for f in features:
            if f.kind != "web-heading" or not str(f.data.get("text") or "").strip():
                continue
            level = int(f.data.get("level") or 0)
            if previous and level > previous + 1:
                yield self.finding(analysis, f.start, f.end, feature=f, value=level,
                                   message=self.message_for("heading-levels", level=level, previous=previous,
                                                            expected=previous + 1, match=f.data.get("text")))
            previous = level

    def _page_language(self, analysis: "Analysis", features: list[Feature]) -> Iterator[Finding]:
        for f in features:
            if f.kind == "web-page" and not str(f.data.get("lang") or "").strip():
                yield self.finding(analysis, f.start, f.end, feature=f, message=self.message_for("page-language"))
