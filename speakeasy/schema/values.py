"""Validating Python values (a change to a rule given in settings or by a program) with the YAML messages."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any, Mapping

from ..hints import closest, did_you_mean
from .fields import Field, Schema, describe_type
from .scalars import INVALID, check_scalar, not_scalar_hint
from .words import (
    MAPPING_WORDS,
    bare_noun,
    guess_choice,
    lower_first,
    one_of,
    scalar_words,
    shortened,
)


def check_value(value: Any, spec: Field) -> tuple[Any, list[tuple[str, str | None]]]:
    """Check a Python value as the value of ``spec``: (the value to keep, [(problem, hint)...]).

    The value is checked as it is, not written out as YAML and read again, and
    the messages are those a YAML file with this value would get (only the
    line and column are missing: the caller knows where the value came from).
    The value to keep is only meaningful when there are no problems.
    """
    problems: list[tuple[str, str | None]] = []
    got = _PythonChecker(problems).value(value, spec)
    return got, problems


def _written(value: Any) -> str:
    """How YAML writes a plain value (as ``yaml.safe_dump`` does): ``True`` -> ``true``, ``1e17`` -> ``1.0e+17``."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value).lower()
        return text.replace("e", ".0e", 1) if "." not in text and "e" in text else text
    if isinstance(value, _dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def _is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, bool, int, float, _dt.date))


def _value_words(value: Any) -> str:
    """What a Python value is, in the words :func:`node_kind` uses for the same value in YAML."""
    if isinstance(value, Mapping):
        return MAPPING_WORDS
    if _is_list(value):
        return "a list"
    if _is_scalar(value):
        return scalar_words(value, _written(value))
    return f"a Python {type(value).__name__}"


def _items(mapping: Mapping[Any, Any]) -> list[tuple[Any, Any]]:
    """The items of a mapping in the order of their keys, as changes to rules have always been read
    (keys of different types, which cannot be sorted, in the order given)."""
    try:
        return sorted(mapping.items(), key=lambda kv: kv[0])
    except TypeError:
        return list(mapping.items())


def _plain_value(value: Any) -> Any:
    """A Python value as :meth:`Validator.plain` gives it from YAML: keys as written, tuples as lists."""
    if isinstance(value, Mapping):
        return {_written(k): _plain_value(v) for k, v in _items(value)}
    if _is_list(value):
        return [_plain_value(v) for v in value]
    return value


@dataclass
class _PythonChecker:
    """:meth:`Validator.value`, for Python values: the same checks and the same messages."""

    problems: list[tuple[str, str | None]]

    def error(self, message: str, hint: str | None = None) -> Any:
        self.problems.append((message, hint))
        return INVALID

    def value(self, value: Any, spec: Field) -> Any:
        t = spec.type
        name = f"`{spec.name}`"
        if t in ("mapping", "any-mapping"):
            if not isinstance(value, Mapping):
                return self.error(f"{name} should be {describe_type('mapping')}, but it is {_value_words(value)}.",
                                  "Put each `key: value` on its own line under it, indented with spaces.")
            if t == "mapping" and spec.schema is not None:
                return self.mapping(value, spec.schema)
            return _plain_value(value)
        if t == "mappings":
            if value is None:
                return self.error(f"{name} is empty.", "Add the entries on the lines under it, each starting with '- '.")
            if not _is_list(value):
                return self.error(f"{name} should be {describe_type('mappings')}, but it is {_value_words(value)}.",
                                  "Start each entry on its own line with '- '.")
            assert spec.schema is not None
            return [self.mapping(item, spec.schema) for item in value]
        if t == "alternatives":
            if not isinstance(value, Mapping):
                return self.value(value, Field(spec.name, "text-or-texts", spec.doc, spec.required))
            if not value:
                return self.error(f"{name} is empty.", "Write something after the colon.")
            out_by: dict[str, list[str]] = {}
            for key, item in _items(value):
                key = _written(key) if _is_scalar(key) else str(key)
                if key not in spec.choices:
                    hint = did_you_mean(guess_choice(key, spec),
                                        f"Write the plain words for each part of speech under {one_of(spec.choices)}.")
                    self.error(f"'{shortened(key)}' under {name} is not a part of speech speakeasy knows. "
                               f"Use {one_of(spec.choices)}.", hint)
                    continue
                got = self.value(item, Field(f"{spec.name}: {key}", "text-or-texts", spec.doc, True))
                if got is not INVALID:
                    out_by[key] = got
            return out_by if out_by else INVALID
        if t in ("texts", "regexes", "text-or-texts"):
            if value is None:
                hint = ("Write something after the colon." if spec.required
                        else "Write something after the colon, or remove the line.")
                return self.error(f"{name} is empty.", hint)
            if _is_scalar(value):
                value = [value]  # be kind: one text where a list was expected is a list of one
            if not _is_list(value):
                return self.error(f"{name} should be {describe_type(t)}, but it is {_value_words(value)}.",
                                  "Start each item on its own line with '- '.")
            out = []
            for item in value:
                v = self.scalar(item, "regex" if t == "regexes" else "text", spec)
                if v is not INVALID:
                    out.append(v)
            if not value and t == "text-or-texts" and spec.required:
                return self.error(f"{name} is an empty list.", "Give at least one.")
            return out
        return self.scalar(value, t, spec)

    def scalar(self, value: Any, t: str, spec: Field) -> Any:
        if not _is_scalar(value):
            # YAML writes an empty list or mapping in brackets, and a full one on lines of its own
            hint = not_scalar_hint(t, spec, _is_list(value), not value) if _is_list(value) or isinstance(
                value, Mapping) else None
            return self.error(f"`{spec.name}` should be {describe_type(t)}, but it is {_value_words(value)}.", hint)
        got, problem = check_scalar(value, _written(value), t, spec)
        if problem is not None:
            self.error(*problem)
        return got

    def mapping(self, value: Any, schema: Schema) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            self.error(f"{schema.what[0].upper() + schema.what[1:]} should be {describe_type('mapping')}, "
                       f"but this is {_value_words(value)}.")
            return {}
        noun = bare_noun(schema.what)
        result: dict[str, Any] = {}
        bad: set[str] = set()
        guessed: set[str] = set()
        seen: set[str] = set()
        for raw, item in _items(value):
            if not _is_scalar(raw):
                self.error("This key is not a plain word.", "Write keys as plain words, like `term:`.")
                continue
            key = _written(raw)
            seen.add(key)
            spec = schema.field(key)
            if spec is None:
                allowed = schema.names()
                guess = closest(key, allowed, loose=True)
                self.error(f"`{key}` is not a key speakeasy knows in {schema.what}.",
                           did_you_mean(guess, f"The keys you can use are: {', '.join(allowed)}.", quote="`"))
                if guess:
                    guessed.add(guess)
                continue
            got = self.value(item, spec)
            if got is INVALID:
                bad.add(key)
            else:
                result[key] = got
        for spec in schema.fields:
            if spec.required and spec.name not in seen and spec.name not in guessed:
                self.error(f"This {noun} has no `{spec.name}`.", f"Add `{spec.name}:` with {lower_first(spec.doc)}.")
        result["__pos__"] = {}  # a Python value has no lines and columns
        result["__bad__"] = bad
        result["__line__"] = None
        result["__column__"] = None
        return result
