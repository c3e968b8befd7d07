"""``accessibility``: one kind for every accessibility check, on Word, OpenDocument, web and PDF files.

A rule names one check of the vocabulary (:mod:`speakeasy.kinds.features`)
with ``check:``.  The check runs on every family of files it knows, or on
those the rule names in ``formats:`` (``office`` for Word and OpenDocument,
``web``, ``pdf``), each family in its own way and with its own messages
(:mod:`~speakeasy.kinds.document`, :mod:`~speakeasy.kinds.web`,
:mod:`~speakeasy.kinds.pdf`).

Packs written before there was one kind name ``document-feature``,
``web-feature`` or ``pdf-feature``.  Those names still work, with the check
names they had: each is ``accessibility`` on one family, and
:data:`ALIASES` says which check each old name runs.  A rule keeps its kind
name, so its findings, its `speakeasy rules` line and its JSON are as
before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Mapping

from ..model import Finding
from ..schema import Field
from . import document, pdf, slides, web  # noqa: F401  (their variants join the vocabulary)
from .base import Kind, register
from .features import CHECKS, FAMILIES, MAX_WORDS, VAGUE_LINKS, Context, Variant, normal_link_text

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

#: The kinds of packs written before ``accessibility``: the one family each checks, and its check
#: names (the old name: the vocabulary's name).
ALIASES: dict[str, tuple[str, dict[str, str]]] = {
    "document-feature": ("office", {name: name for name in document.CHECKS}),
    "web-feature": ("web", {"image-alt": "image-alt-text", "link-text": "link-text",
                            "heading-levels": "heading-levels", "page-language": "language"}),
    "pdf-feature": ("pdf", {"scanned": "scanned", "tagged": "tagged", "title": "title", "language": "language",
                            "image-alt": "image-alt-text"}),
}

_MIN_SIZE = Field("min_size_pt", "number", "For `text-size`: the smallest text size allowed, in points.",
                  default=12, minimum=1)
_MAX_WORDS = Field("max_words", "int",
                   "For `capitals`, `italics` and `underline`: the longest stretch of words allowed "
                   "(if you leave it out: 3, 10 and 3).", minimum=0)
_VAGUE_LINKS = Field("vague_links", "texts",
                     "For `link-text`: link texts that do not say where a link goes (any case, ignoring "
                     "punctuation).", default=list(VAGUE_LINKS))


def _check_field(names: Iterable[str], synonyms: tuple[tuple[str, str], ...] = ()) -> Field:
    return Field("check", "text", "Which check the rule runs (read speakeasy help accessibility).", required=True,
                 choices=tuple(names), synonyms=synonyms)


@register
class Accessibility(Kind):
    name = "accessibility"
    summary = (
        "Flags what makes a file hard to use with a screen reader, or hard to read. It checks Word, "
        "OpenDocument, web page, PDF and slide files. It looks at alt text, headings, links, tables, "
        "formatting, slide titles, reading order, and a file's language, title and tags."
    )
    options = (
        _check_field(CHECKS, synonyms=(("image-alt", "image-alt-text"), ("page-language", "language"))),
        Field("formats", "texts",
              "Which files the rule checks: `office` (Word and OpenDocument), `web` (web pages), `pdf` or "
              "`slides` (PowerPoint and Impress; if you leave it out: every one the check knows).",
              choices=tuple(FAMILIES)),
        _MIN_SIZE,
        _MAX_WORDS,
        _VAGUE_LINKS,
    )
    default_message = "{match}"

    #: The families a rule of this kind may check.
    families: ClassVar[tuple[str, ...]] = tuple(FAMILIES)
    #: The check names a rule of this kind may write, each with the vocabulary's name for it.
    check_names: ClassVar[Mapping[str, str]] = {name: name for name in CHECKS}

    # -- which variants a rule runs -----------------------------------------------------------------

    @classmethod
    def variants_for(cls, options: Mapping[str, Any] | None) -> list[Variant]:
        """The variants a rule with these options runs, in the order of the families (none if its check is unknown)."""
        options = options or {}
        check = CHECKS.get(cls.check_names.get(str(options.get("check")), ""))
        if check is None:
            return []
        wanted = options.get("formats") or cls.families
        return [v for family, v in check.variants.items() if family in wanted and family in cls.families]

    @classmethod
    def message_placeholders(cls, options: dict[str, Any] | None = None) -> tuple[str, ...]:
        """The placeholders every variant the rule runs fills in (its `message` is used for all of them).

        Without a check: those any of this kind's checks fills in.
        """
        if not (options or {}).get("check"):
            return tuple(dict.fromkeys(p for name in cls.check_names for v in cls.variants_for({"check": name})
                                       for p in v.placeholders))
        variants = cls.variants_for(options)
        if not variants:
            return ()
        return tuple(p for p in variants[0].placeholders if all(p in v.placeholders for v in variants[1:]))

    @classmethod
    def validate_options(cls, options: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
        """A ``formats`` the rule's check has nothing to look at in is a mistake."""
        check = CHECKS.get(cls.check_names.get(str(options.get("check")), ""))
        if check is None or not options.get("formats"):
            return
        known = check.families()
        for family in options["formats"]:
            if family not in known:
                problem = (f"The check '{options['check']}' has nothing to look at in {FAMILIES[family].label}: "
                           f"it checks {_and(FAMILIES[f].label for f in known)}.")
                yield problem, "formats", f"Take {family} out of `formats`."

    @classmethod
    def example_format_for(cls, options: Mapping[str, Any] | None) -> str | None:
        """The format a rule's examples are written in: that of the first family the rule checks."""
        variants = cls.variants_for(options)
        return FAMILIES[variants[0].family].example_format if variants else None

    # -- checking -----------------------------------------------------------------------------------

    def setup(self) -> None:
        self.variants = self.variants_for(self.rule.options)
        check = self.variants[0].check if self.variants else ""
        max_words = self._setting("max_words")
        self.max_words: int = MAX_WORDS.get(check, 0) if max_words is None else max_words
        self.min_size: float = float(self._setting("min_size_pt"))
        self.vague: set[str] = {normal_link_text(v) for v in self._setting("vague_links") or ()}

    def _setting(self, name: str) -> Any:
        """The rule's setting, or its default (an alias kind has only the settings of its own checks)."""
        if name in self.rule.options:
            return self.rule.options[name]
        return next(o.default for o in Accessibility.options if o.name == name)

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        features = analysis.document.features
        for variant in self.variants:
            read = [f for f in features if f.kind in variant.reads]
            if read:
                yield from variant.find(Context(self, variant, analysis), read)


def _and(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# -- the names packs used before: ``accessibility`` on one family, with its old check names -------------


@register
class DocumentFeature(Accessibility):
    name = "document-feature"
    summary = (
        "Flags accessibility problems in Word and OpenDocument files: missing alt text, tables without "
        "a header row, skipped or empty headings, vague link text, and hard-to-read formatting. The same as "
        "`accessibility` with `formats: [office]`."
    )
    families = (ALIASES[name][0],)
    check_names = ALIASES[name][1]
    options = (_check_field(check_names), _MIN_SIZE, _MAX_WORDS, _VAGUE_LINKS)


@register
class WebFeature(Accessibility):
    name = "web-feature"
    summary = (
        "Flags accessibility problems in web pages: images with no alt text, vague link text, skipped "
        "heading levels and a missing page language. The same as `accessibility` with `formats: [web]`, "
        "where `image-alt` is `image-alt-text` and `page-language` is `language`."
    )
    families = (ALIASES[name][0],)
    check_names = ALIASES[name][1]
    options = (_check_field(check_names), _VAGUE_LINKS)


@register
class PdfFeature(Accessibility):
    name = "pdf-feature"
    summary = (
        "Flags accessibility problems in PDF files: scans with no text, no tags, no title, no language, "
        "and pictures with no alt text. The same as `accessibility` with `formats: [pdf]`, where "
        "`image-alt` is `image-alt-text`."
    )
    families = (ALIASES[name][0],)
    check_names = ALIASES[name][1]
    options = (_check_field(check_names),)
