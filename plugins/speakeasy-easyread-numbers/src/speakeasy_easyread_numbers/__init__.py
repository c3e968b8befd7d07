"""Numbers written as words, for Easy Read: 'twenty-one' -> '21'.

The kind ``number-words`` is given to speakeasy through the entry point group
``speakeasy.kinds``; the pack in ``data/rules`` (group ``speakeasy.packs``)
has a rule that uses it.
"""

from __future__ import annotations

import re
from typing import Iterator

from speakeasy.kinds.base import Kind
from speakeasy.schema import Field

__version__ = "0.1.0"

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VALUES = {**UNITS, **TENS, **SCALES}

_WORD = "|".join(sorted(VALUES, key=len, reverse=True))
#: number words joined by spaces or hyphens ("twenty-one", "two hundred and five")
NUMBER = re.compile(
    rf"\b(?:{_WORD})\b(?:(?:[ \t]*-[ \t]*|[ \t]+(?:and[ \t]+)?)(?:{_WORD})\b)*",
    re.IGNORECASE,
)
_TOKEN = re.compile(rf"\b(?:{_WORD}|and)\b", re.IGNORECASE)
#: "one" as a pronoun, not a number: "no one", "this one", "one another"
_ONE_BEFORE = re.compile(r"\b(?:no|each|this|that|which|the|every|any|some|someone's|little|loved)\s+$", re.IGNORECASE)
_ONE_AFTER = re.compile(r"^\s+(?:another|of|who|which|that)\b", re.IGNORECASE)


def _continues(prev: str, nxt: str) -> bool:
    """Can ``nxt`` be part of the same number as ``prev``?"""
    if nxt in SCALES:
        return prev not in SCALES or SCALES[nxt] > SCALES[prev]
    if prev in TENS:
        return 1 <= UNITS.get(nxt, 0) <= 9
    if prev in SCALES:
        return True
    return False


def _value(words: list[str]) -> int:
    total, current = 0, 0
    for w in words:
        if w in SCALES:
            if SCALES[w] == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * SCALES[w]
                current = 0
        else:
            current += VALUES[w]
    return total + current


def numbers(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, value) of every number written in words in ``text``."""
    for m in NUMBER.finditer(text):
        tokens = [(t.start() + m.start(), t.end() + m.start(), t.group(0).lower()) for t in _TOKEN.finditer(m.group(0))]
        group: list[tuple[int, int, str]] = []
        for tok in tokens + [None]:  # type: ignore[list-item]
            if tok is not None and tok[2] == "and":
                if group and group[-1][2] == "hundred":
                    continue
                tok = None  # "two and three": two numbers
            if tok is not None and group and _continues(group[-1][2], tok[2]):
                group.append(tok)
                continue
            if group:
                yield group[0][0], group[-1][1], _value([g[2] for g in group])
            group = [tok] if tok is not None else []


class NumberWordsKind(Kind):
    """Flags numbers written as words; suggests the figures."""

    name = "number-words"
    summary = "Flags numbers written as words ('twenty-one'), and suggests figures ('21'), as Easy Read does."
    options = (
        Field("allow", "texts", "Number words never to flag, like `one` or `zero`.", default=()),
        Field("min_value", "int", "The smallest number to flag (0 flags them all).", default=0, minimum=0),
    )
    default_message = "Write '{match}' as {digits}. Easy Read uses figures for numbers."

    def setup(self) -> None:
        self.allow = {a.lower() for a in self.option("allow") or ()}

    def check(self, analysis):  # type: ignore[no-untyped-def]
        text = analysis.masked
        for start, end, value in numbers(text):
            words = " ".join(text[start:end].split()).lower()
            if "\x1f" in text[start:end] or words in self.allow or value < self.option("min_value"):
                continue
            if words == "one" and (_ONE_BEFORE.search(text[max(0, start - 20):start])
                                   or _ONE_AFTER.match(text[end:end + 12])):
                continue
            digits = f"{value:,}"
            yield self.finding(analysis, start, end, suggestions=[digits], digits=f"'{digits}'")
