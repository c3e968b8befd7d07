"""Reading YAML safely, with the line and column of every value.

YAML is parsed with the safe loader only (``yaml.compose`` with the C safe
loader when available): a rule pack can never run code.  A file YAML cannot
read gets a plain-English message that quotes the line, and tags other than
the plain ones are refused before any value is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import UserDataError
from .words import MAPPING_WORDS, DataErrors, scalar_words

try:  # libyaml is much faster, and gives the same marks
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Base = yaml.SafeLoader


#: The tag of each plain text value seen (a list of 50,000 words has 200,000 keys, most of them the same
#: few words, and many of its values are the same plain words): see :class:`Loader`.
_RESOLVED: dict[str, str] = {}


class Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, remembering which tag each plain value resolves to.

    Resolving a value tries the safe loader's patterns (is it a number, a date, true?) in Python, for each
    value the C parser reads.  The answer depends on the value alone, so it is remembered.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and not self.yaml_path_resolvers:
            if not implicit[0]:
                return self.DEFAULT_SCALAR_TAG  # (a quoted value: what the safe loader gives, without its steps)
            # (with no path resolvers, the safe loader's answer for a plain value depends on the value alone)
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < 200_000 and len(value) < 200:
                    _RESOLVED[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


@dataclass
class Located:
    """A value with the position of the YAML node it came from.

    For a list, ``items`` holds the (line, column) of each item, so that a
    message about one item can point at it.
    """

    value: Any
    line: int  # 1-based
    column: int  # 1-based
    items: list[tuple[int, int]] = field(default_factory=list)

    def item(self, index: int) -> tuple[int, int]:
        """The (line, column) of item ``index``, or of the whole value."""
        if 0 <= index < len(self.items):
            return self.items[index]
        return (self.line, self.column)


def node_kind(node: yaml.Node) -> str:
    """What a node is, in everyday words: "a list", "the text 'March 2026'"."""
    if isinstance(node, yaml.MappingNode):
        return MAPPING_WORDS
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return scalar_words(construct(node), node.value)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


YAML_TAG = "tag:yaml.org,2002:"


#: The only tags a speakeasy file may use.  ``value``, ``merge`` and ``yaml``
#: are what PyYAML gives the plain values ``=``, ``<<`` and ``!``; they are
#: read as text.  Anything else (``!!python/...``, ``!!binary``, ``!mine``)
#: is refused before any value is built.
_ALLOWED_TAGS = frozenset(
    YAML_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value", "merge", "yaml")
)


#: The tags the loader gives values written without one.
_IMPLICIT_TAGS = frozenset(tag for found in Loader.yaml_implicit_resolvers.values() for tag, _ in found) | {
    Loader.DEFAULT_SCALAR_TAG, Loader.DEFAULT_SEQUENCE_TAG, Loader.DEFAULT_MAPPING_TAG}


def construct(node: yaml.Node) -> Any:
    """Turn a scalar node into its Python value with the safe constructor.

    Never fails: a value the safe constructor cannot build (``2026-02-30``,
    ``=``) is kept as the text that was written.
    """
    if not isinstance(node, yaml.ScalarNode):
        raise TypeError(node)
    build = _CONSTRUCTOR.yaml_constructors.get(node.tag)
    if build is None or node.tag not in _ALLOWED_TAGS:
        return node.value
    try:
        return build(_CONSTRUCTOR, node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return node.value


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag


def _line_of(source: str, line: int) -> str:
    lines = source.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


_KEY_ONLY = re.compile(r"^\s*(?:-\s+)?[\w.-]+\s*$")


_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?)([\w.-]+):\s+(.*?)\s*$")


def _requote(line: str) -> str | None:
    """The line with its value in quotes that work: `why: "'Commence' is formal."`."""
    m = _KEY_VALUE.match(line)
    if not m:
        return None
    _, key, value = m.groups()
    if len(value) > 2 and value[0] == value[-1] == "'" and '"' not in value and re.search(r"\w'\w", value[1:-1]):
        # 'It's formal.' -> "It's formal."
        return f'{key}: "{value[1:-1]}"'
    if '"' not in value:
        return f'{key}: "{value}"'
    if "'" not in value:
        return f"{key}: '{value}'"
    return None


def _quote_problem(source: str, upto: int) -> tuple[str, int, int, str] | None:
    """Find the last line up to ``upto`` whose quoted value is not closed properly.

    Returns (problem, line, column, hint).  Two mistakes are common:
    a missing closing quote, and more text after the closing quote
    (``why: 'Commence' is formal.``, often an apostrophe in single quotes).
    """
    lines = source.splitlines()
    for number in range(min(upto, len(lines)), 0, -1):
        line = lines[number - 1]
        m = re.match(r"^(\s*(?:-\s+)?(?:[\w.-]+:\s+)?)(['\"])(.*)$", line)
        if not m:
            continue
        lead, quote, rest = m.groups()
        rest = rest.rstrip()
        last = rest.rfind(quote)
        if last >= 0 and re.fullmatch(r"\s*(?:#.*)?", rest[last + 1 :]):
            rest = rest[: last + 1]  # drop a comment after the closing quote
        column = len(lead) + 1
        # Inside single quotes '' is an apostrophe; inside double quotes \" is a quote mark.
        bare = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in bare:
            return (
                "This text starts with a quote mark but has no closing quote mark.",
                number,
                column,
                f"Add {quote} at the end of the text.",
            )
        if bare.count(quote) > 1 or not bare.endswith(quote):
            fixed = _requote(line)
            hint = (
                f"Put the whole text in quotes, like this: {fixed}"
                if fixed
                else "Put the whole text in quotes, and check the quote marks inside it."
            )
            return ("There is more text after the closing quote mark.", number, column, hint)
    return None


def _plain_yaml_problem(exc: yaml.MarkedYAMLError, source: str) -> tuple[str, str | None, Any]:
    """Translate PyYAML's message into plain English, with a fix and the best place to point at.

    Returns (problem, hint, mark).  Both libyaml's and pure-Python PyYAML's
    wordings are recognised.
    """
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line = _line_of(source, mark.line + 1) if mark else ""
    char = line[mark.column] if mark and mark.column < len(line) else ""
    if "end of stream" in problem and "quoted" in context:
        q = "'" if "single" in context else '"'
        if exc.context_mark is not None:
            opened = _line_of(source, exc.context_mark.line + 1)
            q = opened[exc.context_mark.column] if exc.context_mark.column < len(opened) else q
        return (
            "This text starts with a quote mark but has no closing quote mark.",
            f"Add {q} at the end of the text.",
            exc.context_mark or mark,
        )
    if "found another document" in problem or "single document" in context:
        return (
            "This file has a second part, after a line with '---'.",
            "A file can only have one part: remove this '---' line.",
            mark,
        )
    if "unclosed" in context or "flow sequence" in context or "',' or ']'" in problem:
        return ("This list in square brackets [ ] has no closing ']'.",
                "Add ']' at the end of the list. Put items that have commas in quotes.", exc.context_mark or mark)
    if "flow mapping" in context or "',' or '}'" in problem:
        return ("This { has no closing '}'.", "Add '}', or put the whole text in quotes.", exc.context_mark or mark)
    if "could not find expected ':'" in problem:
        at = exc.context_mark or mark
        bare = _line_of(source, at.line + 1).strip() if at else ""
        m = re.match(r"^(-\s+)?([\w.-]+)\s+(\S.*)$", bare)
        if m:
            word = m.group(2)
            return (f"This line has no colon after `{word}`.",
                    f"Write it like this: {word}: {m.group(3)}", at)
        return ("This line has no colon.", "Put a colon and a space after the first word, like `term: commence`.", at)
    if "anchor" in context or "alias" in context or "undefined alias" in problem:
        at = exc.context_mark or mark
        start_line = _line_of(source, at.line + 1) if at else ""
        first = start_line[at.column] if at and at.column < len(start_line) else "*"
        fixed = _requote(start_line)
        hint = f"Put the whole text in quotes, like this: {fixed}" if fixed else "Put the whole text in quotes."
        return (f"A value cannot start with '{first}'.", hint, at)
    if "cannot start any token" in problem:
        if char == "\t":
            return ("This line has a tab in it.", "Use spaces to indent, not tabs.", mark)
        shown = char or (problem.split("'")[1] if "'" in problem else "?")
        fixed = _requote(line)
        hint = f"Put the whole text in quotes, like this: {fixed}" if fixed else "Put the whole text in quotes."
        return (f"A value cannot start with '{shown}'.", hint, mark)
    quoted = _quote_problem(source, mark.line + 1 if mark else 0)
    if quoted is not None:
        text, number, column, hint = quoted
        return (text, hint, yaml.Mark("", 0, number - 1, column - 1, None, None))
    if "mapping values are not allowed" in problem:
        before = line[: mark.column] if mark else ""
        if _KEY_ONLY.match(before):
            word = before.strip().lstrip("- ").strip()
            return ("This line starts further to the right than the line above it.",
                    f"Move `{word}:` to the left, to line up with the line above.", mark)
        fixed = _requote(line)
        hint = f"Put the whole text in quotes, like this: {fixed}" if fixed else "Put the whole text in quotes."
        return ("This text has a colon and a space (': ') in it.", hint, mark)
    if ("expected key" in problem or "expected <block end>" in problem or "block mapping" in context
            or "block sequence" in context or "expected <block mapping start>" in problem):
        return ("The indenting of this line does not line up.",
                "Line it up with the lines above that it belongs with, using spaces.", mark)
    fixed = _requote(line)
    hint = (f"If it is text, put the whole text in quotes, like this: {fixed}" if fixed
            else "Check the quote marks, the colons and the spaces at the start of this line and the line above.")
    return ("speakeasy could not read this line.", hint, mark)


def compose(text: str, path: str) -> yaml.Node | None:
    """Parse YAML text into a node tree (with positions), safely.

    Only the safe loader is used, and any tag that asks for a Python object
    (or any other type than text, numbers, true/false, dates, lists and
    ``key: value`` lines) is refused, so a file can never run code.
    Raises :class:`UserDataError` for a syntax error, and
    :class:`DataErrors` listing every refused tag or alias.
    """
    if "\t" in text:
        # libyaml's message for a tab is cryptic; find the first indenting tab
        # ourselves so the person gets the exact line.
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t") and stripped.strip() and not stripped.strip().startswith("#"):
                raise UserDataError(
                    path,
                    "This line starts with a tab.",
                    number,
                    len(line) - len(stripped) + 1,
                    "Use spaces to indent, not tabs.",
                    source=text,
                )
    try:
        node = yaml.compose(text, Loader=Loader)
        problems = _unsafe_parts(text, path, node)
    except yaml.MarkedYAMLError as exc:
        message, hint, mark = _plain_yaml_problem(exc, text)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise UserDataError(path, message, line, column, hint, source=text) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise UserDataError(path, f"speakeasy could not read this file ({exc}).", source=text) from None
    if problems:
        raise DataErrors(problems)
    return node


def _unsafe_parts(text: str, path: str, node: yaml.Node | None) -> list[UserDataError]:
    """Every alias (``*name``) and every tag speakeasy does not allow, with its place."""
    problems: list[UserDataError] = []
    if "*" in text:
        # An alias repeats an earlier part of the file.  speakeasy's files do
        # not need them, and nested ones can blow up to billions of values.
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent):
                m = event.start_mark
                problems.append(UserDataError(
                    path,
                    f"A value cannot start with '*' ('*{event.anchor}' repeats another part of the file).",
                    m.line + 1, m.column + 1,
                    "Write the value out in full, or put the whole text in quotes.",
                    source=text,
                ))
        if problems:
            return problems
    if "!" not in text and _IMPLICIT_TAGS <= _ALLOWED_TAGS:
        return problems  # no tag written in the file: each is one the safe loader gives a plain value
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if n.tag not in _ALLOWED_TAGS:
            m = n.start_mark
            problems.append(UserDataError(
                path,
                f"speakeasy does not allow '{_shown_tag(n.tag)}'. It never runs code or builds objects from a file.",
                m.line + 1, m.column + 1,
                "Remove the part that starts with '!'. If the text starts with '!', put it in quotes.",
                source=text,
            ))
            continue
        if isinstance(n, yaml.MappingNode):
            for k, v in reversed(n.value):
                stack.extend((v, k))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed(n.value))
    problems.sort(key=lambda e: (e.line or 0, e.column or 0))
    return problems


STR_TAG = YAML_TAG + "str"


def is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and construct(node) is None
