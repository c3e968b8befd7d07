"""How a problem is said: every problem of a file in one error, and the everyday words for values and choices."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from ..errors import ConfigError, UserDataError
from ..hints import closest
from .fields import Field


def shortened(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


MAPPING_WORDS = "a set of `key: value` lines"


def scalar_words(value: Any, written: str) -> str:
    """What a value is, in everyday words, given how it is written in YAML (``written``)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{written}' (which means true or false)"
    if isinstance(value, (int, float)):
        return f"the number {written}"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"'{written}'"
    return f"the text '{shortened(value)}'"


class DataErrors(ConfigError):
    """Every problem found in one or more files, in file and line order."""

    def __init__(self, errors: list[UserDataError]) -> None:
        order: dict[str, int] = {}
        for e in errors:
            order.setdefault(e.path, len(order))
        self.errors = sorted(errors, key=lambda e: (order[e.path], e.line or 0, e.column or 0))
        super().__init__(self.errors[0].message if self.errors else "no errors")

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)


def bare_noun(what: str) -> str:
    """"a wordlist entry" -> "wordlist entry", for "This wordlist entry has no `why`."."""
    for article in ("a ", "an ", "the "):
        if what.startswith(article):
            return what[len(article):]
    return what


def lower_first(text: str) -> str:
    """"The word to avoid." -> "the word to avoid" (but "SPDX id" stays as it is)."""
    text = text.rstrip(".")
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def one_of(choices: Iterable[str]) -> str:
    items = list(choices)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def guess_choice(value: str, spec: Field) -> str | None:
    """The choice someone probably meant: 'aproved' -> 'agreed' (via 'approved')."""
    return closest(value.lower(), spec.choices, synonyms=dict(spec.synonyms))


def quoted_pattern(pattern: str, limit: int = 60) -> str:
    """A pattern as a message quotes it: in full when short, else its start."""
    return f"'{pattern}'" if len(pattern) <= limit else f"'{pattern[: limit - 3]}...' ({len(pattern):,} characters)"
