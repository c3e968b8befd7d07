"""What ``words suggest`` gives back: suggestions with their example sentences, and what a scan read."""

from __future__ import annotations

from dataclasses import dataclass

from ...model import ReadError


@dataclass
class Example:
    """One use of a suggested term: the file, the line and the sentence around it."""

    path: str
    line: int
    sentence: str


@dataclass
class Suggestion:
    """A word or phrase that may be jargon, for a forum to review."""

    term: str
    reasons: list[str]  # plain words, e.g. "rare in everyday English"
    count: int
    documents: int
    zipf: float
    examples: list[Example]  # at most 2, from different documents when possible


@dataclass
class Scan:
    """What :func:`scan` found, and how many files it read."""

    suggestions: list[Suggestion]
    errors: list[ReadError]
    files_checked: int
