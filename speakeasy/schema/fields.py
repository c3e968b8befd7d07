"""Declaring a schema: the fields of a rule pack, a wordlist or a settings file, and the words for their types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable


@dataclass(frozen=True)
class Field:
    """One key of a mapping.

    ``type`` is one of: ``text`` (a string), ``texts`` (a list of strings),
    ``text-or-texts`` (a string or a list of strings), ``bool``, ``int``,
    ``number``, ``date``, ``regex`` (a string that must compile),
    ``regexes`` (a list of them), ``mapping`` (validated with ``schema``),
    ``mappings`` (a list of mappings, each validated with ``schema``),
    ``any-mapping`` (a free mapping whose values are checked by ``check``),
    ``level`` (suggestion, warning or error), ``alternatives`` (a text, a
    list, or a list for each of the ``choices`` as keys: ``{noun: effect,
    verb: affect}``; the value is then a dict of lists).
    """

    name: str
    type: str
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    schema: "Schema | None" = None
    minimum: float | None = None
    default: Any = None
    #: Words people may write for a choice, to suggest the right one: (("approved", "agreed"),).
    synonyms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Schema:
    """A mapping with known keys.  ``what`` names it for messages: "a wordlist entry"."""

    what: str
    fields: tuple[Field, ...]
    doc: str = ""
    #: Extra keys that are allowed: validated by someone else (kind options).
    open: bool = False

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def extended(self, what: str, extra: Iterable[Field]) -> "Schema":
        return Schema(what, self.fields + tuple(extra), self.doc, open=False)


LEVEL_CHOICES = ("suggestion", "warning", "error")


_TYPE_WORDS = {
    "text": "text",
    "texts": "a list",
    "text-or-texts": "text, or a list",
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "date": "a date like 2026-03-14",
    "regex": "a pattern (a regular expression)",
    "regexes": "a list of patterns (regular expressions)",
    "mapping": "a set of `key: value` lines",
    "mappings": "a list of entries, each starting with '- '",
    "any-mapping": "a set of `key: value` lines",
    "level": "suggestion, warning or error",
    "alternatives": "text, a list, or a list for each part of speech",
}


def describe_type(type_name: str) -> str:
    return _TYPE_WORDS.get(type_name, type_name)
