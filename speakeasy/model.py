"""The plain data that flows between speakeasy's stages.

reader -> :class:`Document` (blocks with exact source offsets)
analysis -> :class:`Sentence` / :class:`Word` (offsets into the same source)
rules -> :class:`Finding`
engine -> :class:`FileResult` (one document's findings) and :class:`Report` (a run)
reporters / fixer consume findings.

Every offset is a character offset into ``Document.source`` (the decoded file
text with any byte-order mark removed).  Line and column numbers are derived
from offsets in one place, :meth:`Document.position`, so every stage agrees.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field
from typing import Any, Iterator


class Level(enum.IntEnum):
    """How serious a finding is.  Ordered, so ``Level.ERROR > Level.WARNING``."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Level":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(value) from None

    def __str__(self) -> str:  # "warning"
        return self.name.lower()


LEVEL_NAMES = ("suggestion", "warning", "error")


class BlockKind(str, enum.Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    BLOCKQUOTE = "blockquote"
    FOOTNOTE = "footnote"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Block:
    """One block of prose a reader sees as a unit (a paragraph, a heading...).

    ``text`` has exactly the length of ``source[start:end]``.  Characters that
    are not prose (Markdown markup, inline code, URLs, list markers) are
    replaced by spaces, and line breaks are kept, so an offset ``i`` in
    ``text`` is the offset ``start + i`` in the source.
    """

    text: str
    start: int
    kind: BlockKind = BlockKind.PARAGRAPH
    index: int = 0
    heading_level: int = 0
    #: The text of the nearest heading above this block, if any.
    section: str | None = None
    #: Where the block is, for formats without useful line numbers
    #: (e.g. ``{"part": "body", "paragraph": 12}``).  Free-form, JSON-safe.
    locator: dict[str, Any] = field(default_factory=dict)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def paragraph_numbers(blocks: "list[Block]") -> list[int]:
    """Each block's number under its heading, as locations count them: 1, 2, 3 after each heading (0 for the heading)."""
    numbers = []
    count = 0
    for b in blocks:
        if b.kind is BlockKind.HEADING:
            count = 0
            numbers.append(0)
        else:
            count += 1
            numbers.append(count)
    return numbers


@dataclass(frozen=True, slots=True)
class Directive:
    """An in-document instruction such as ``speakeasy-disable``."""

    action: str  # "disable", "enable", "disable-next-line"
    rules: tuple[str, ...]  # empty tuple means every rule
    reason: str | None
    start: int
    end: int
    #: For ``disable-next-line``: the source range the directive covers.
    applies_from: int = 0
    applies_to: int = 0


@dataclass(frozen=True, slots=True)
class DirectiveProblem:
    """A malformed directive: reported as a finding of rule ``speakeasy.directive``."""

    message: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Feature:
    """Something in a document other than its words, for structure and accessibility rules.

    Readers of rich formats (Word, OpenDocument) record what a reader of the
    published document meets besides text: images and their alternative
    text, tables and their header rows, headings and their levels, links and
    their text, formatting such as capitals, italics, underline, small or
    justified text.  ``start``/``end`` are offsets in ``Document.source``
    (where to report it); ``data`` holds the details, JSON-safe.

    Kinds used by the built-in readers: ``image`` (alt, name), ``table``
    (rows, columns, header_row), ``heading`` (level, text), ``hyperlink``
    (text, url), ``run`` (text, words, caps, italic, underline, size_pt),
    ``paragraph`` (justified, size_pt, style).
    """

    kind: str
    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """A document read from a file (or standard input).

    For formats without a text source of their own (Word, OpenDocument),
    ``source`` is made by the reader: one line per block, in reading order,
    so line N is the Nth block and columns are characters in it.  Such
    readers also fill ``native`` with what their writer needs to change the
    file (for example, which runs each block's characters came from).
    """

    path: str
    source: str
    format: str
    blocks: list[Block]
    directives: list[Directive] = field(default_factory=list)
    directive_problems: list[DirectiveProblem] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    native: Any = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)
    #: The blocks' starts, for :meth:`block_at`, with the list they were taken from (not cached on disk).
    _block_starts: tuple[list[Block], int, list[int]] | None = field(default=None, init=False, repr=False,
                                                                       compare=False)

    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            src = self.source
            find = src.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset.

        Columns count characters (not bytes).  A ``\\r`` before ``\\n`` belongs
        to the line it ends, so Windows line endings give the same numbers as
        Unix ones.
        """
        starts = self.line_starts()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def end_position(self, end: int) -> tuple[int, int]:
        """1-based (line, column) of the last character before ``end``.

        ``end_column`` in speakeasy's output is inclusive, as editors show it:
        a finding on "commence" at column 5 ends at column 12.
        """
        if end <= 0:
            return 1, 1
        return self.position(end - 1)

    def line_text(self, line: int) -> str:
        starts = self.line_starts()
        begin = starts[line - 1]
        stop = starts[line] if line < len(starts) else len(self.source)
        return self.source[begin:stop].rstrip("\r\n")

    def block_at(self, offset: int) -> Block | None:
        blocks = self.blocks
        got = self._block_starts
        if got is None or got[0] is not blocks or got[1] != len(blocks):
            # worked out once, not on every call: fix and baseline ask once per finding
            got = self._block_starts = (blocks, len(blocks), [b.start for b in blocks])
        starts = got[2]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None


@dataclass(frozen=True, slots=True)
class Edit:
    """A replacement of ``source[start:end]`` by ``replacement``.

    ``safe`` edits may be applied without asking (one plain alternative and no
    ``unless`` contexts); the others are offered, never applied automatically.
    """

    start: int
    end: int
    replacement: str
    safe: bool


@dataclass(slots=True)
class Finding:
    """One problem found in a document."""

    rule: str
    level: Level
    message: str
    path: str
    start: int
    end: int
    match: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    suggestions: list[str] = field(default_factory=list)
    location: str = ""
    value: float | None = None
    threshold: float | None = None
    edit: Edit | None = None
    #: Where the words behind the finding came from (wordlist entry provenance).
    origin: dict[str, Any] | None = None
    #: Extra machine-readable detail (e.g. the block locator for Word files).
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.level),
            "message": self.message,
            "match": self.match,
            "suggestions": list(self.suggestions),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "offset": self.start,
            "end_offset": self.end,
            "location": self.location,
        }
        if self.value is not None:
            data["value"] = self.value
        if self.threshold is not None:
            data["threshold"] = self.threshold
        data["fix"] = (
            None
            if self.edit is None
            else {
                "replacement": self.edit.replacement,
                "offset": self.edit.start,
                "end_offset": self.edit.end,
                "safe": self.edit.safe,
            }
        )
        if self.origin:
            data["origin"] = dict(self.origin)
        if self.extra:
            data.update({k: v for k, v in self.extra.items() if k not in data})
        return data


@dataclass(frozen=True, slots=True)
class ReadError:
    """A file that could not be read or checked, with a plain-English reason."""

    path: str
    message: str
    code: str = "read-error"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


# -- results ---------------------------------------------------------------------------------------

#: The rule id of a finding about a speakeasy comment in the document that is not right.
DIRECTIVE_RULE = "speakeasy.directive"
#: The rule id of a finding that a rule failed (a bug), so the document was not fully checked.
INTERNAL_RULE = "speakeasy.internal-error"


@dataclass
class FileResult:
    """One document's findings and counts (``stats``: words, sentences, the plain score ...)."""

    path: str
    format: str
    findings: list[Finding]
    stats: dict[str, Any]
    document: Document | None = None


@dataclass
class Report:
    """A whole run: every document's result, and the files that could not be read."""

    files: list[FileResult] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)

    def findings(self) -> Iterator[Finding]:
        for f in self.files:
            yield from f.findings

    def count(self, at_least: Level | None = None) -> int:
        return sum(1 for f in self.findings() if at_least is None or f.level >= at_least)

    @property
    def internal_errors(self) -> int:
        return sum(1 for f in self.findings() if f.rule == INTERNAL_RULE)


@dataclass
class Tally:
    """What a streamed run found, for the summary and the exit code."""

    files: int = 0
    by_level: dict[Level, int] = field(default_factory=lambda: {lvl: 0 for lvl in Level})
    internal_errors: int = 0
    errors: list[ReadError] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.files += 1
        for f in result.findings:
            self.by_level[f.level] += 1
            if f.rule == INTERNAL_RULE:
                self.internal_errors += 1

    def count(self, at_least: Level | None = None) -> int:
        return sum(n for lvl, n in self.by_level.items() if at_least is None or lvl >= at_least)
