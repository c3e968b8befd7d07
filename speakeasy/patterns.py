"""Patterns (regular expressions) that people write in rule packs and settings.

A pattern comes from a file someone else may have written: a pack in a
repository being checked, or a repository's ``.speakeasy.yaml`` that changes a
shipped rule.  Such a pattern must never hang a run or crash speakeasy.

Two guards, each for what the other cannot do:

* **When the pack loads** (:func:`check_pattern`, used by the schema for every
  ``regex`` value, so ``speakeasy validate`` reports it too), a pattern is
  refused, with the reason in plain words, if it does not compile, or if
  compiling it would take memory and time that no time limit can stop: a
  number in ``{ }`` over :data:`MAX_COUNT` (``a{4294967296}``), brackets more
  than :data:`MAX_DEPTH` deep (3,000 ``(`` in a row), more than
  :data:`MAX_LENGTH` characters, or more than :data:`MAX_SIZE` once every
  repeat is counted (``(?:a{1000}){1000}``: the ``regex`` module writes a
  counted part out in full).  So is what the ``regex`` module would read
  differently from Python's own ``re`` (fuzzy matching ``{e<=1}``, and
  classes like ``[[:alpha:]]``), so a pattern means what the guide says.

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
import warnings
from typing import Any, Iterator

from .errors import ConfigError

#: The biggest number allowed in ``{ }``.
MAX_COUNT = 10_000
#: The biggest a pattern may be once every repeat is counted: ``(?:ab){50000}``
#: is 100,000.  The ``regex`` module writes counted parts out in full when it
#: compiles, which at 100,000 takes about a fifth of a second.
MAX_SIZE = 100_000
#: The longest pattern, in characters (compiling takes about 4 microseconds a character).
MAX_LENGTH = 20_000
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


_COUNT = f"a number in {{ }} is over {MAX_COUNT:,}"
_SIZE = f"counting every repeat, it is over {MAX_SIZE:,} characters long"
_LENGTH = f"it is over {MAX_LENGTH:,} characters long"
_DEPTH = f"it has more than {MAX_DEPTH} brackets inside each other"
_FUZZY = "'{' starts fuzzy matching, which speakeasy does not do"
_POSIX = "'[:' in [ ] starts a class like [[:alpha:]], which speakeasy does not read"

_HINTS = {
    _COUNT: "Use a smaller number, or '+' for 'one or more' and '*' for 'any number'.",
    _SIZE: "Use smaller numbers in { }, or '+' for 'one or more' and '*' for 'any number'.",
    _LENGTH: "Split it into several shorter patterns, or list the words in `phrases`.",
    _DEPTH: "Take out the brackets the pattern does not need, or split it into several patterns.",
    _FUZZY: "To match a '{', write '\\{'.",
    _POSIX: "Use \\w for letters and digits, or list the letters, like [a-z].",
}


def check_pattern(pattern: str) -> tuple[str, str] | None:
    """(what is wrong, what to do) with a pattern from a pack or a setting, or None if it may be used.

    Never raises: a pattern that would overflow or recurse is a problem like any other.
    """
    problem = pattern_problem(pattern)
    return None if problem is None else (problem, pattern_hint(problem))


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with a pattern from a pack or a setting, in words, or None if it may be used."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Possible nested set": the problem, if any, is said in words
        return _problem(pattern)


def _problem(pattern: str) -> str | None:
    if len(pattern) > MAX_LENGTH:
        return _LENGTH
    depth, odd = _scan(pattern)
    if depth > MAX_DEPTH:
        return _DEPTH
    try:
        re.compile(pattern)
    except re.error as exc:
        where = f" (at character {exc.pos + 1})" if exc.pos is not None else ""
        for start, words in _WORDS:
            if exc.msg.startswith(start):
                return words + where
        return exc.msg + where
    except OverflowError:
        return _COUNT
    except RecursionError:
        return _DEPTH
    if odd is not None:
        return odd
    too_big = _size_problem(pattern)
    if too_big is not None:
        return too_big
    try:
        _regex().compile(pattern)
    except RecursionError:
        return _DEPTH
    except (OverflowError, MemoryError):
        return _SIZE
    except Exception as exc:  # noqa: BLE001 - regex.error: it compiled with re, so this is rare
        return f"speakeasy cannot use it ({exc})"
    return None


def pattern_hint(problem: str) -> str:
    """What to do about a problem :func:`pattern_problem` found."""
    for known, hint in _HINTS.items():
        if problem.startswith(known):
            return hint
    return "Check the brackets and backslashes. Put the pattern in single quotes."


#: ``{e<=1}``, ``{i<=1,d<=1}``, ``{1<=e<=2}``, ``{2i+2d<=4}``, ``{e}``: the regex module's fuzzy matching
#: (it reads any ``{`` followed by e, i, d or s so, even ``{error}``).
_FUZZY_AT = re.compile(r"\{\s*\d*\s*(?:<=?\s*)?[eids]")


def _scan(pattern: str) -> tuple[int, str | None]:
    """(how deep the brackets go, what the regex module would read differently from re, or None).

    Skips escaped characters, and brackets inside [ ].
    """
    depth = deepest = 0
    odd = None
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
            elif c == "[" and pattern.startswith("[:", i) and odd is None:
                odd = _POSIX + f" (at character {i + 1})"
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
        elif c == "{" and odd is None and _FUZZY_AT.match(pattern, i):
            odd = _FUZZY + f" (at character {i + 1})"
        i += 1
    return deepest, odd


class _Over(Exception):
    """A pattern is over a limit: ``problem`` says which."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _size_problem(pattern: str) -> str | None:
    """A number in { } over MAX_COUNT, or over MAX_SIZE once every repeat is counted; else None.

    Counts inside counts multiply.  Python's own parser reads the pattern; it
    is not public, so if it cannot be used this says nothing (the other
    limits still hold).
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
                if int(low) > MAX_COUNT or (high != c.MAXREPEAT and int(high) > MAX_COUNT):
                    raise _Over(_COUNT)
                # the part is written out `low` times; a range past it is not
                total += max(1, int(low)) * size(sub)
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
            if total > MAX_SIZE:
                raise _Over(_SIZE)
        return total

    try:
        size(tree)
    except _Over as over:
        return over.problem
    except RecursionError:
        return _DEPTH
    return None


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
                "match the same text ('(a|a)*'). Read 'Patterns in packs' in speakeasy help security.")


def _shown(pattern: str, limit: int = 80) -> str:
    return pattern if len(pattern) <= limit else pattern[: limit - 3] + "..."
