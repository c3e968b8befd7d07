"""The vocabulary of accessibility checks: one name for each thing a reader of a file can trip over.

Readers record what a document has besides its words as
:class:`speakeasy.model.Feature` objects: images and their alt text,
headings, links, tables, formatting, a web page's language, a PDF's tags.
Each check in :data:`CHECKS` looks at some of those features.  A check may
look at more than one *family* of files, each in its own way, with its own
messages: ``image-alt-text`` finds an image with no alt text in a Word file,
on a web page and in a PDF.  How a check runs on one family is a
:class:`Variant`, and says which features it reads (``reads``), so a check
never runs on a file whose reader records none of them.

The one kind that runs these checks is ``accessibility``
(:mod:`speakeasy.kinds.accessibility`); the variants live with their
family: :mod:`~speakeasy.kinds.document` (Word and OpenDocument),
:mod:`~speakeasy.kinds.web`, :mod:`~speakeasy.kinds.pdf` and :mod:`~speakeasy.kinds.slides`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from ..model import Feature, Finding

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis
    from .accessibility import Accessibility


@dataclass(frozen=True)
class Family:
    """Files whose readers record the same features."""

    name: str
    #: In words, for messages and docs.
    label: str
    #: The format a rule's example is written in, for this family (see :mod:`speakeasy.testing`).
    example_format: str


#: The families, in the order their variants run and are listed.
FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("office", "Word and OpenDocument files", "docx"),
    Family("web", "web pages", "html"),
    Family("pdf", "PDF files", "pdf"),
    Family("slides", "slides", "pptx"),
)}

#: Every check, with what it finds (whatever the file).  The variants say how, for each family.
SUMMARIES: dict[str, str] = {
    "image-alt-text": "An image with no alternative text (alt text).",
    "table-header": "A table with no header row.",
    "heading-levels": "A heading that skips a level, such as a level 3 straight after a level 1.",
    "empty-heading": "A heading with no words in it.",
    "link-text": "Link text that does not say where the link goes, such as \"click here\".",
    "capitals": "A long stretch of words in capitals.",
    "italics": "A long stretch of words in italics.",
    "underline": "A long stretch of underlined words that are not a link.",
    "text-size": "Body text smaller than a size you set.",
    "justified": "A justified paragraph.",
    "language": "A file that does not say what language it is in.",
    "title": "A file with no title.",
    "tagged": "A file with no tags, so screen readers cannot tell its headings and tables from the rest.",
    "scanned": "Pages with no text, only pictures of pages, as a scanner makes.",
    "slide-title": "A slide with no title.",
    "reading-order": "A slide whose shapes are read out in another order than they are seen.",
}

#: Link texts that do not say where a link goes (``vague_links``' default), for every family.
VAGUE_LINKS = (
    "click here", "here", "read more", "more", "this link", "link", "find out more", "more information",
    "this page", "learn more",
)

#: The longest stretch of words allowed by default, for the checks that count words (``max_words``).
MAX_WORDS = {"capitals": 3, "italics": 10, "underline": 3}

_NOT_WORD = re.compile(r"[\W_]+")


def normal_link_text(text: str) -> str:
    """Link text as compared with ``vague_links``: lower case, no punctuation, single spaces."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


#: How a variant finds problems: given its context and the features it reads (in document order).
Find = Callable[["Context", list[Feature]], Iterable[Finding]]


@dataclass(frozen=True)
class Variant:
    """How one check runs on one family of files."""

    check: str
    family: str
    #: The ``Feature.kind`` values it reads.
    reads: frozenset[str]
    find: Find
    #: Its messages, by key (the check's name, or a key of its own such as ``heading-levels-first``).
    messages: Mapping[str, str]
    #: The placeholders it fills in every message (a rule's own `message` may use these).
    placeholders: tuple[str, ...]


@dataclass
class FeatureCheck:
    name: str
    summary: str
    #: family name -> variant, in the order of :data:`FAMILIES`.
    variants: dict[str, Variant] = field(default_factory=dict)

    def families(self) -> tuple[str, ...]:
        return tuple(f for f in FAMILIES if f in self.variants)


#: The vocabulary: every check by name.  The family modules add their variants when imported.
CHECKS: dict[str, FeatureCheck] = {name: FeatureCheck(name, summary) for name, summary in SUMMARIES.items()}


@dataclass(frozen=True)
class FamilyChecks:
    """What one family's module declares its variants with::

        _check = FamilyChecks("web", MESSAGES, PLACEHOLDERS).check

        @_check("image-alt-text", reads={"web-image"})
        def image_alt_text(ctx, features): ...

    ``placeholders`` is keyed by check name; ``messages`` by message key.
    """

    family: str
    messages: Mapping[str, str]
    placeholders: Mapping[str, tuple[str, ...]]

    def check(self, name: str, *, reads: Iterable[str]) -> Callable[[Find], Find]:
        if self.family not in FAMILIES:
            raise ValueError(f"no family called {self.family!r}")
        if name not in CHECKS:
            raise ValueError(f"{name!r} is not in the vocabulary of accessibility checks: add it to SUMMARIES")

        def register(find: Find) -> Find:
            variants = CHECKS[name].variants
            if self.family in variants:
                raise ValueError(f"the check {name!r} already has a variant for {self.family}")
            variants[self.family] = Variant(name, self.family, frozenset(reads), find, self.messages,
                                            tuple(self.placeholders[name]))
            # keep the variants in the order of FAMILIES
            CHECKS[name].variants = {f: variants[f] for f in FAMILIES if f in variants}
            return find

        return register


class Context:
    """What a variant gets: the analysis, the rule's settings, and :meth:`report` to make a finding."""

    def __init__(self, kind: "Accessibility", variant: Variant, analysis: "Analysis") -> None:
        self.kind = kind
        self.variant = variant
        self.analysis = analysis
        #: The rule's settings, as the kind read them: ``max_words``, ``min_size`` (points) and
        #: ``vague`` (the ``vague_links``, as :func:`normal_link_text` makes them).
        self.max_words: int = kind.max_words
        self.min_size: float = kind.min_size
        self.vague: set[str] = kind.vague

    @property
    def source(self) -> str:
        return self.analysis.source

    def report(self, feature: Feature, key: str | None = None, say: Mapping[str, Any] | None = None, *,
               start: int | None = None, end: int | None = None, where: str | None = None,
               value: float | None = None, threshold: float | None = None) -> Finding:
        """A finding on ``feature`` (or ``source[start:end]``), with the message ``key`` filled in from ``say``.

        The rule's own ``message`` wins over the variant's.  ``where`` names the
        place when the finding is about a whole file or page ("the whole PDF");
        otherwise a ``location`` the reader recorded with the feature is used
        (an image alone in its paragraph makes no block, so the block at its
        offset is somewhere else).
        """
        template = self.kind.rule.message or self.variant.messages[key or self.variant.check]
        f = self.kind.finding(self.analysis, feature.start if start is None else start,
                              feature.end if end is None else end,
                              message=self.kind.render(template, **dict(say or {})), value=value,
                              threshold=threshold)
        # what the reader recorded (alt text, image name, link address, size...), for JSON output
        f.extra["feature"] = {"kind": feature.kind, **feature.data}
        if where is not None:
            f.location = where
        elif feature.data.get("location"):
            f.location = str(feature.data["location"])
            f.extra["locator"] = {k: feature.data[k] for k in _LOCATOR if k in feature.data}
        return f


#: The keys of a feature's data that say where it is (as a block's locator does).
_LOCATOR = ("part", "part_label", "xml_part", "paragraph", "table", "row", "column")
