"""One plain value (a text, a number, a date, a choice, a pattern) checked against its field.

Shared by the YAML validator and the checker of Python values, so both give
the same messages.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

from ..hints import did_you_mean
from .fields import LEVEL_CHOICES, Field, describe_type
from .reading import STR_TAG
from .words import guess_choice, one_of, quoted_pattern, scalar_words, shortened

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_LOOSE_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def plain_text(node: yaml.Node, choices: tuple[str, ...]) -> str | None:
    """The text of a scalar that is text (plain or quoted), stripped; None if it is anything else, empty or
    not one of ``choices``: :func:`check_scalar` would have something to say."""
    if type(node) is not yaml.ScalarNode or node.tag != STR_TAG:
        return None
    value = node.value.strip()
    if not value or (choices and value not in choices):
        return None
    return value


def not_scalar_hint(t: str, spec: Field, is_list: bool, flow: bool) -> str | None:
    """The hint for a list or a mapping where one value was expected (``flow``: written in brackets)."""
    if t not in ("text", "regex"):
        return None
    if flow and is_list:
        return "Square brackets [ ] make a list. Put the whole text in quotes instead."
    if flow:
        return "Curly brackets { } make a set of `key: value` lines. Put the whole text in quotes instead."
    return f"Write the text on the same line as `{spec.name}`, after the colon."


def check_scalar(value: Any, written: str, t: str, spec: Field) -> tuple[Any, tuple[str, str | None] | None]:
    """Check one value (``written`` as in YAML) against a scalar type: (the value to keep, None) or
    (``INVALID``, (problem, hint)).  Both YAML nodes and Python values are checked here, so the
    messages are the same."""
    name = f"`{spec.name}`"
    if t in ("text", "regex"):
        if value is None:
            hint = ("Write something after the colon." if spec.required
                    else "Write something after the colon, or remove the line.")
            return INVALID, (f"{name} is empty.", hint)
        if not isinstance(value, str):
            # `no`, `2026-03-14` or `1.0` written as text were meant as text
            value = written
        if not value.strip():
            return INVALID, (f"{name} is empty.", "Write something, or remove the line.")
        # A folded block (`why: >`) ends with a line break; spaces at the
        # ends are never meant.
        value = value.strip()
        if spec.choices and value not in spec.choices:
            guess = guess_choice(value, spec)
            return INVALID, (f"{name} cannot be '{shortened(value)}'. Use {one_of(spec.choices)}.", did_you_mean(guess))
        if t == "regex":
            problem = regex_problem(value)
            if problem is not None:
                from ..patterns import pattern_hint

                return INVALID, (f"The pattern {quoted_pattern(value)} in {name} does not work: {problem}.",
                                  pattern_hint(problem))
        return value, None
    if t == "level":
        text = "" if value is None else str(written)
        if text not in LEVEL_CHOICES:
            guess = guess_choice(text, Field(spec.name, "text", "", choices=LEVEL_CHOICES, synonyms=_LEVEL_SYNONYMS))
            shown = "empty" if not text else f"'{shortened(text)}'"
            return INVALID, (f"{name} cannot be {shown}. Use suggestion, warning or error.", did_you_mean(guess))
        return text, None
    if t == "bool":
        if not isinstance(value, bool):
            return INVALID, (f"{name} should be true or false, but it is {scalar_words(value, written)}.", None)
        return value, None
    if t in ("int", "number"):
        if isinstance(value, float) and t == "int" and value.is_integer():
            value = int(value)
        ok = isinstance(value, int) and not isinstance(value, bool)
        if t == "number":
            ok = ok or isinstance(value, float)
        if not ok:
            return INVALID, (f"{name} should be {describe_type(t)}, but it is {scalar_words(value, written)}.", None)
        if spec.minimum is not None and value < spec.minimum:
            return INVALID, (f"{name} must be at least {spec.minimum:g}, but it is {value}.", None)
        return value, None
    if t == "date":
        if isinstance(value, _dt.datetime):
            return INVALID, (f"{name} should be a date without a time, like 2026-03-14.", "Remove the time.")
        if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
            # a date in quotes, like "2026-03-14", is still a date
            try:
                value = _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, str) and _LOOSE_DATE.fullmatch(value.strip()):
            return INVALID, (f"{name} is not a real date: {value.strip()}.", "Check the month and the day.")
        if not isinstance(value, _dt.date):
            return INVALID, (
                f"{name} should be a date like 2026-03-14, but it is {scalar_words(value, written)}.",
                "Write the year, then the month, then the day, with '-' between them.",
            )
        return value, None
    raise AssertionError(f"unknown schema type {t}")  # pragma: no cover


_LEVEL_SYNONYMS = (("warn", "warning"), ("info", "suggestion"), ("hint", "suggestion"), ("note", "suggestion"),
                   ("err", "error"), ("fatal", "error"))


def regex_problem(pattern: str) -> str | None:
    """What is wrong with a pattern from a file, in words, or None if it may be used.

    Not only whether it compiles: a pattern whose counts are too big or whose
    brackets are nested too deep is refused too (see :mod:`speakeasy.patterns`).
    """
    from ..patterns import pattern_problem

    return pattern_problem(pattern)


class _Invalid:
    def __repr__(self) -> str:  # pragma: no cover
        return "<invalid>"


INVALID: Any = _Invalid()
