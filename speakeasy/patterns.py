"""Patterns (regular expressions) that people write in rule packs and settings.

A pattern comes from a file someone else may have written: a pack in a
repository being checked, or a repository's ``.speakeasy.yaml`` that changes a
shipped rule.  Such a pattern must never hang a run or crash speakeasy.

Two guards, each for what the other cannot do:

* **When the pack loads** (:func:`pattern_problem`, used by the schema for every
  ``regex`` value, so ``speakeasy validate`` reports it too), a pattern is
  refused, with the reason in plain words, if it does not compile, if a number
  in ``{ }`` is too big (``a{4294967296}``), if its brackets are nested too deep
  (3,000 ``(`` in a row), or if its counts multiply to more than
  :data:`MAX_REPEAT` (``(?:a{1000}){1000}``): compiling such a pattern takes
  memory and time that no time limit can stop.

* **When it runs** (:class:`UserPattern`), the pattern is matched with the
  ``regex`` module and a time limit (:data:`TIME_LIMIT` seconds per pattern per
  file).  No check of a pattern's shape can tell every slow pattern from a good
  one (``(a+)+$``, ``(a|a)*$`` and ``(a|aa)+$`` all take for ever on
  ``'aaaa...b'``), so the time limit is what bounds them.  A pattern that runs
  out of time stops the run with :class:`PatternTooSlow` (exit code 2), which
  names the pattern, the rule and its file, and the document.

The ``regex`` module is imported only when a rule has patterns: the shipped
packs have none, so a normal run never pays for it.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .errors import ConfigError

#: The most a pattern may repeat, counting counts inside counts together:
#: ``a{10000}`` is the most, and so is ``(?:a{100}){100}``.  The ``regex``
#: module writes a counted part out that many times when it compiles.
MAX_REPEAT = 10_000
#: The deepest brackets may go inside brackets.
MAX_DEPTH = 100
#: Seconds one pattern may take on one file, for all its matches together.
TIME_LIMIT = 2.0

_WORDS = (
    ("missing ), unterminated subpattern", "a '(' has no ')' to close it"),
    ("unbalanced parenthesis", "a ')' has no '(' before it"),
    ("unterminated character set", "a '[' has no ']' to close it"),
    ("nothing to repeat", "'*', '+', '?' or '{' has nothing before it to repeat"),
    ("multiple repeat", "two of '*', '+' and '?' are next to each other"),
    ("bad escape (end of pattern)", "it ends with a single backslash"),
    ("bad escape", "a backslash is followed by a letter that has no meaning"),
    ("unknown extension", "'(?' is followed by something that has no meaning"),
    ("missing ), unterminated name", "a group name is not closed"),
    ("look-behind requires fixed-width pattern", "a look-behind '(?<=' or '(?<!' must have a fixed length"),
)


def _too_big() -> str:
    return (f"it repeats too much: a number in {{ }} can be at most {MAX_REPEAT:,}, "
            f"and numbers inside each other multiply, so together they can be at most {MAX_REPEAT:,}")


def _too_deep() -> str:
    return f"it has more than {MAX_DEPTH} brackets inside each other"


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with a pattern from a pack or a setting, in words, or None if it may be used.

    Never raises: a pattern that would overflow or recurse is a problem like any other.
    """
    if _depth(pattern) > MAX_DEPTH:
        return _too_deep()
    try:
        re.compile(pattern)
    except re.error as exc:
        where = f" (at character {exc.pos + 1})" if exc.pos is not None else ""
        for start, words in _WORDS:
            if exc.msg.startswith(start):
                return words + where
        return exc.msg + where
    except OverflowError:
        return _too_big()
    except RecursionError:
        return _too_deep()
    size = _size(pattern)
    if size is not None and size > MAX_REPEAT:
        return _too_big()
    try:
        _regex().compile(pattern)
    except RecursionError:
        return _too_deep()
    except (OverflowError, MemoryError):
        return _too_big()
    except Exception as exc:  # noqa: BLE001 - regex.error: written for re, not for the regex module
        return f"speakeasy cannot use it ({exc})"
    return None


def pattern_hint(problem: str) -> str:
    """What to do about a problem :func:`pattern_problem` found."""
    if problem == _too_big():
        return "Use a smaller number, or '+' for 'one or more' and '*' for 'any number'."
    if problem == _too_deep():
        return "Take out the brackets the pattern does not need, or split it into several patterns."
    return "Check the brackets and backslashes. Put the pattern in single quotes."


def _depth(pattern: str) -> int:
    """How deep the brackets go, skipping escaped brackets and those in [ ]."""
    depth = deepest = 0
    i, n = 0, len(pattern)
    in_set = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            if c == "]":
                in_set = False
        elif c == "[":
            in_set = True
            # ']' first in a set (or after '^') is a character, not the end
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth = max(0, depth - 1)
        i += 1
    return deepest


def _size(pattern: str) -> int | None:
    """How many times the compiled pattern writes out its parts: counts inside counts multiply.

    None if Python's own parser cannot be used to tell (it is not public).
    """
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        tree = _parser.parse(pattern)
    except Exception:  # noqa: BLE001 - a private module: never let it stop a pack loading
        return None
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    def size(items: Any) -> int:
        total = 0
        for op, arg in items:
            if op in repeats:
                low, high, sub = arg
                # the part is written out `low` times; a range past it is not
                times = max(1, int(low))
                if high is not c.MAXREPEAT and int(high) > MAX_REPEAT:
                    return MAX_REPEAT + 1
                total += times * size(sub)
            elif op is c.SUBPATTERN:
                total += size(arg[-1])
            elif op is c.BRANCH:
                total += sum(size(branch) for branch in arg[1])
            elif op in (c.ASSERT, c.ASSERT_NOT):
                total += size(arg[1])
            elif op is getattr(c, "ATOMIC_GROUP", None):
                total += size(arg)
            elif op is c.GROUPREF_EXISTS:
                total += size(arg[1]) + (size(arg[2]) if arg[2] else 0)
            else:
                total += 1
            if total > MAX_REPEAT:
                return total
        return total

    try:
        return size(tree)
    except RecursionError:
        return MAX_REPEAT + 1


def _regex() -> Any:
    import regex  # imported only when a rule has patterns (about 15 ms)

    return regex


class PatternTooSlow(ConfigError):
    """A pattern from a pack or a setting ran out of time on a document (exit code 2).

    Takes one text, so it crosses from a ``--jobs`` worker process unchanged.
    """


class UserPattern:
    """A pattern from a pack or a setting, matched with a time limit.

    ``rule`` names the rule and where it came from, for the message when the
    pattern runs out of time: ``the rule 'ours.shouting' (rules/ours.yaml:7)``.
    """

    def __init__(self, pattern: str, *, ignore_case: bool = False, rule: str = "", where: str = "") -> None:
        regex = _regex()
        self.pattern = pattern
        self.rule = rule
        self.where = where
        self._compiled = regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)

    def spans(self, text: str, document: str = "") -> Iterator[tuple[int, int]]:
        """The (start, end) of each match in ``text``; PatternTooSlow past :data:`TIME_LIMIT` seconds."""
        try:
            for m in self._compiled.finditer(text, timeout=TIME_LIMIT):
                yield m.span()
        except TimeoutError:
            raise PatternTooSlow(self.too_slow(document)) from None

    def too_slow(self, document: str) -> str:
        where = f"{self.where}: " if self.where else ""
        rule = f" in the rule '{self.rule}'" if self.rule else ""
        on = f" on {document}" if document else ""
        limit = f"{TIME_LIMIT:g} second" + ("" if TIME_LIMIT == 1 else "s")
        return (f"{where}The pattern '{_shown(self.pattern)}'{rule} took more than {limit}{on}, "
                "so speakeasy stopped. Some patterns take for ever on some text, like '(a+)+$' on a long run "
                "of 'a's. Do not put a repeat inside a repeat ('(a+)+') or repeat a choice whose parts can "
                "match the same text ('(a|a)*'). Read docs/security.md, 'Patterns in packs'.")


def _shown(pattern: str, limit: int = 80) -> str:
    return pattern if len(pattern) <= limit else pattern[: limit - 3] + "..."
