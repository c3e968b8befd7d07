"""One schema for rule packs, wordlists and configuration files.

The schema is declared once here, as data.  It is used to

* validate YAML files strictly, with the file, line and column of every
  problem and a plain-English explanation (``validate``), and
* publish the same rules as JSON Schema for editors (``json_schema``), kept
  in ``docs/schema/`` and checked by a test.

YAML is parsed with the safe loader only (``yaml.compose`` with the C safe
loader when available): a rule pack can never run code.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Mapping

import yaml

from .errors import ConfigError, UserDataError
from .hints import closest, did_you_mean

try:  # libyaml is much faster, and gives the same marks
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Base = yaml.SafeLoader

#: The tag of each plain text value seen (a list of 50,000 words has 200,000 keys, most of them the same
#: few words, and many of its values are the same plain words): see :class:`_Loader`.
_RESOLVED: dict[tuple[str, bool], str] = {}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, remembering which tag each plain value resolves to.

    Resolving a value tries the safe loader's patterns (is it a number, a date, true?) in Python, for each
    value the C parser reads.  The answer depends on the value alone, so it is remembered.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0] and not self.yaml_path_resolvers:
            key = (value, implicit[1])
            tag = _RESOLVED.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < 200_000 and len(value) < 200:
                    _RESOLVED[key] = tag
            return tag
        return super().resolve(kind, value, implicit)


# ---------------------------------------------------------------------------
# Declaring a schema


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


# ---------------------------------------------------------------------------
# Reading YAML with positions


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


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _node_kind(node: yaml.Node) -> str:
    """What a node is, in everyday words: "a list", "the text 'March 2026'"."""
    if isinstance(node, yaml.MappingNode):
        return _MAPPING_WORDS
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _scalar_words(_construct(node), node.value)


_MAPPING_WORDS = "a set of `key: value` lines"


def _scalar_words(value: Any, written: str) -> str:
    """What a value is, in everyday words, given how it is written in YAML (``written``)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{written}' (which means true or false)"
    if isinstance(value, (int, float)):
        return f"the number {written}"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"'{written}'"
    return f"the text '{_short(value)}'"


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_YAML = "tag:yaml.org,2002:"
#: The only tags a speakeasy file may use.  ``value``, ``merge`` and ``yaml``
#: are what PyYAML gives the plain values ``=``, ``<<`` and ``!``; they are
#: read as text.  Anything else (``!!python/...``, ``!!binary``, ``!mine``)
#: is refused before any value is built.
_ALLOWED_TAGS = frozenset(
    _YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value", "merge", "yaml")
)


def _construct(node: yaml.Node) -> Any:
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
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


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
        node = yaml.compose(text, Loader=_Loader)
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
        for event in yaml.parse(text, Loader=_Loader):
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


# ---------------------------------------------------------------------------
# Validating


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


def _noun(what: str) -> str:
    """"a wordlist entry" -> "wordlist entry", for "This wordlist entry has no `why`."."""
    for article in ("a ", "an ", "the "):
        if what.startswith(article):
            return what[len(article):]
    return what


def _lower_first(text: str) -> str:
    """"The word to avoid." -> "the word to avoid" (but "SPDX id" stays as it is)."""
    text = text.rstrip(".")
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower():
        return text[:1].lower() + text[1:]
    return text


def _one_of(choices: Iterable[str]) -> str:
    items = list(choices)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _guess(value: str, spec: Field) -> str | None:
    """The choice someone probably meant: 'aproved' -> 'agreed' (via 'approved')."""
    return closest(value.lower(), spec.choices, synonyms=dict(spec.synonyms))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOOSE_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


@dataclass
class Validator:
    """Validates node trees against schemas, collecting every problem."""

    path: str
    source: str
    errors: list[UserDataError] = field(default_factory=list)

    def error(self, node: yaml.Node | None, message: str, hint: str | None = None) -> None:
        line = column = None
        if node is not None and node.start_mark is not None:
            line = node.start_mark.line + 1
            column = node.start_mark.column + 1
        self.errors.append(UserDataError(self.path, message, line, column, hint, source=self.source))

    # -- entry points --------------------------------------------------------

    def mapping(
        self,
        node: yaml.Node,
        schema: Schema,
        where: str = "",
        extra_check: Callable[[str, yaml.Node], bool] | None = None,
    ) -> dict[str, Any]:
        """Validate a mapping node; return ``{key: value}`` with marks in ``__pos__``.

        ``extra_check(key, value_node)`` is called for keys that are not in
        the schema when the schema is open; it returns True when it accepted
        the key.  ``where`` is kept for callers; messages point at the line
        instead.
        """
        noun = _noun(schema.what)
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node,
                f"{schema.what[0].upper() + schema.what[1:]} should be {describe_type('mapping')}, "
                f"but this is {_node_kind(node)}.",
            )
            return {}
        result: dict[str, Any] = {}
        positions: dict[str, Located] = {}
        seen: dict[str, yaml.Node] = {}
        guessed: set[str] = set()
        bad: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, "This key is not a plain word.", "Write keys as plain words, like `term:`.")
                continue
            key = str(key_node.value)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(
                    key_node,
                    f"This {noun} has `{key}` twice. The first is on line {first}.",
                    "Keep one of them.",
                )
                continue
            seen[key] = key_node
            spec = schema.field(key)
            if spec is None:
                if schema.open and extra_check is not None and extra_check(key, value_node):
                    continue
                guess = self.unknown_key(key_node, key, schema.names(), schema.what)
                if guess:
                    guessed.add(guess)
                continue
            value = self.value(value_node, spec, schema.what)
            if value is _INVALID:
                bad.add(key)
            else:
                result[key] = value
                items = []
                if isinstance(value_node, yaml.SequenceNode):
                    items = [(i.start_mark.line + 1, i.start_mark.column + 1) for i in value_node.value]
                positions[key] = Located(
                    value, value_node.start_mark.line + 1, value_node.start_mark.column + 1, items
                )
        for spec in schema.fields:
            # A key with a typo ("uze") already has its own message: do not
            # also say the right key ("use") is missing.
            if spec.required and spec.name not in seen and spec.name not in guessed:
                self.error(
                    node,
                    f"This {noun} has no `{spec.name}`.",
                    f"Add `{spec.name}:` with {_lower_first(spec.doc)}.",
                )
        result["__pos__"] = positions
        result["__bad__"] = bad
        result["__line__"] = node.start_mark.line + 1
        result["__column__"] = node.start_mark.column + 1
        return result

    def unknown_key(self, key_node: yaml.Node, key: str, allowed: list[str], what: str) -> str | None:
        """Report a key the schema does not have; return the key it is probably a typo of."""
        guess = closest(key, allowed, loose=True)  # loose: a different case, or _ for -
        hint = did_you_mean(guess, f"The keys you can use are: {', '.join(allowed)}.", quote="`")
        self.error(key_node, f"`{key}` is not a key speakeasy knows in {what}.", hint)
        return guess

    # -- values ----------------------------------------------------------------

    def value(self, node: yaml.Node, spec: Field, label: str) -> Any:
        t = spec.type
        name = f"`{spec.name}`"
        if t in ("mapping", "any-mapping"):
            if t == "mapping" and spec.schema is not None:
                if not isinstance(node, yaml.MappingNode):
                    self.error(node, f"{name} should be {describe_type('mapping')}, but it is {_node_kind(node)}.",
                               "Put each `key: value` on its own line under it, indented with spaces.")
                    return _INVALID
                return self.mapping(node, spec.schema, label)
            if not isinstance(node, yaml.MappingNode):
                self.error(node, f"{name} should be {describe_type('mapping')}, but it is {_node_kind(node)}.",
                           "Put each `key: value` on its own line under it, indented with spaces.")
                return _INVALID
            return {str(k.value): self.plain(v) for k, v in node.value}
        if t == "mappings":
            if _is_empty(node):
                self.error(node, f"{name} is empty.", "Add the entries on the lines under it, each starting with '- '.")
                return _INVALID
            if not isinstance(node, yaml.SequenceNode):
                self.error(
                    node,
                    f"{name} should be {describe_type('mappings')}, but it is {_node_kind(node)}.",
                    "Start each entry on its own line with '- '.",
                )
                return _INVALID
            items = []
            assert spec.schema is not None
            fast = _FastMapping.of(spec.schema)
            for i, item in enumerate(node.value, start=1):
                # (a list of 50,000 entries: each plain one is read quickly, and any other the full way)
                got = fast.read(item)
                items.append(got if got is not None else self.mapping(item, spec.schema, f"number {i} in {name}"))
            return items
        if t == "alternatives":
            if not isinstance(node, yaml.MappingNode):
                return self.value(node, Field(spec.name, "text-or-texts", spec.doc, spec.required), label)
            out_by: dict[str, list[str]] = {}
            if not node.value:
                self.error(node, f"{name} is empty.", "Write something after the colon.")
                return _INVALID
            for key_node, value_node in node.value:
                key = str(getattr(key_node, "value", ""))
                if key not in spec.choices:
                    guess = _guess(key, spec)
                    hint = did_you_mean(guess, f"Write the plain words for each part of speech under {_one_of(spec.choices)}.")
                    self.error(key_node, f"'{_short(key)}' under {name} is not a part of speech speakeasy knows. "
                                         f"Use {_one_of(spec.choices)}.", hint)
                    continue
                if key in out_by:
                    self.error(key_node, f"{name} has '{key}' twice.", "Keep one of them.")
                    continue
                got = self.value(value_node, Field(f"{spec.name}: {key}", "text-or-texts", spec.doc, True), label)
                if got is not _INVALID:
                    out_by[key] = got
            return out_by if out_by else _INVALID
        if t in ("texts", "regexes", "text-or-texts"):
            if _is_empty(node):
                hint = ("Write something after the colon." if spec.required
                        else "Write something after the colon, or remove the line.")
                self.error(node, f"{name} is empty.", hint)
                return _INVALID
            if isinstance(node, yaml.ScalarNode):
                # Be kind: one text where a list was expected is a list of one.
                node = yaml.SequenceNode(_YAML + "seq", [node], node.start_mark, node.end_mark)
            if not isinstance(node, yaml.SequenceNode):
                self.error(node, f"{name} should be {describe_type(t)}, but it is {_node_kind(node)}.",
                           "Start each item on its own line with '- '.")
                return _INVALID
            out = []
            for item in node.value:
                v = self.scalar(item, "regex" if t == "regexes" else "text", spec, label)
                if v is not _INVALID:
                    out.append(v)
            if not node.value and t == "text-or-texts" and spec.required:
                self.error(node, f"{name} is an empty list.", "Give at least one.")
                return _INVALID
            return out
        return self.scalar(node, t, spec, label)

    def scalar(self, node: yaml.Node, t: str, spec: Field, label: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            hint = _not_scalar_hint(t, spec, isinstance(node, yaml.SequenceNode), bool(node.flow_style))
            self.error(node, f"`{spec.name}` should be {describe_type(t)}, but it is {_node_kind(node)}.", hint)
            return _INVALID
        got, problem = _check_scalar(_construct(node), node.value, t, spec)
        if problem is not None:
            self.error(node, *problem)
        return got

    def plain(self, node: yaml.Node) -> Any:
        """Construct any node as plain Python data (for free-form mappings)."""
        if isinstance(node, yaml.MappingNode):
            return {str(k.value): self.plain(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(v) for v in node.value]
        return _construct(node)


class _Positions(Mapping[str, Located]):
    """The ``__pos__`` of a mapping read by :class:`_FastMapping`: each key's :class:`Located`, made when asked for.

    The same as :meth:`Validator.mapping` gives, but a long list asks for few of them.
    """

    __slots__ = ("_made", "_node", "_values")

    def __init__(self, node: yaml.MappingNode, values: dict[str, Any]) -> None:
        self._node = node
        self._values = values
        self._made: dict[str, Located] | None = None

    def _all(self) -> dict[str, Located]:
        if self._made is None:
            made = {}
            for key_node, value_node in self._node.value:
                items = []
                if isinstance(value_node, yaml.SequenceNode):
                    items = [(i.start_mark.line + 1, i.start_mark.column + 1) for i in value_node.value]
                made[key_node.value] = Located(self._values[key_node.value], value_node.start_mark.line + 1,
                                               value_node.start_mark.column + 1, items)
            self._made = made
        return self._made

    def __getitem__(self, key: str) -> Located:
        return self._all()[key]

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        if self._made is None:  # (one key, without making the others: the term's, for every entry)
            for key_node, value_node in self._node.value:
                if key_node.value == key:
                    items = []
                    if isinstance(value_node, yaml.SequenceNode):
                        items = [(i.start_mark.line + 1, i.start_mark.column + 1) for i in value_node.value]
                    return Located(self._values[key], value_node.start_mark.line + 1,
                                   value_node.start_mark.column + 1, items)
            return default
        return self._made.get(key, default)

    def __iter__(self) -> Any:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


_STR_TAG = _YAML + "str"


class _FastMapping:
    """Reads a mapping that has nothing wrong with it quickly, as :meth:`Validator.mapping` would.

    Only plain text and lists of text are read here (the keys of a wordlist entry, mostly); anything else,
    or anything :meth:`Validator.mapping` would have a message about, gives None: read it the full way,
    which finds and words the problem.  The result is the same data, with the same ``__line__`` and
    ``__column__``, and ``__pos__`` made when asked for (:class:`_Positions`).
    """

    _made: ClassVar[dict[int, "_FastMapping"]] = {}

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.fields = {f.name: f for f in schema.fields}
        self.required = tuple(f.name for f in schema.fields if f.required)

    @classmethod
    def of(cls, schema: Schema) -> "_FastMapping":
        got = cls._made.get(id(schema))
        if got is None or got.schema is not schema:
            got = cls._made[id(schema)] = cls(schema)
        return got

    def read(self, node: yaml.Node) -> dict[str, Any] | None:
        if type(node) is not yaml.MappingNode:
            return None
        result: dict[str, Any] = {}
        fields = self.fields
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR_TAG:
                return None
            key = key_node.value
            spec = fields.get(key)
            if spec is None or key in result:
                return None
            t = spec.type
            if t == "text":
                value = _plain_text(value_node, spec.choices)
            elif t in ("texts", "text-or-texts", "alternatives"):
                choices = spec.choices if t != "alternatives" else ()
                if type(value_node) is yaml.ScalarNode:
                    one = _plain_text(value_node, choices)
                    value = [one] if one is not None else None
                elif type(value_node) is yaml.SequenceNode and value_node.value:
                    value = [_plain_text(item, choices) for item in value_node.value]
                    if None in value:
                        return None
                else:
                    return None
            else:
                return None
            if value is None:
                return None
            result[key] = value
        for name in self.required:
            if name not in result:
                return None
        values = dict(result)
        result["__pos__"] = _Positions(node, values)
        result["__bad__"] = set()
        mark = node.start_mark
        result["__line__"] = mark.line + 1
        result["__column__"] = mark.column + 1
        return result


def _plain_text(node: yaml.Node, choices: tuple[str, ...]) -> str | None:
    """The text of a scalar that is text (plain or quoted), stripped; None if it is anything else, empty or
    not one of ``choices``: :func:`_check_scalar` would have something to say."""
    if type(node) is not yaml.ScalarNode or node.tag != _STR_TAG:
        return None
    value = node.value.strip()
    if not value or (choices and value not in choices):
        return None
    return value


def _not_scalar_hint(t: str, spec: Field, is_list: bool, flow: bool) -> str | None:
    """The hint for a list or a mapping where one value was expected (``flow``: written in brackets)."""
    if t not in ("text", "regex"):
        return None
    if flow and is_list:
        return "Square brackets [ ] make a list. Put the whole text in quotes instead."
    if flow:
        return "Curly brackets { } make a set of `key: value` lines. Put the whole text in quotes instead."
    return f"Write the text on the same line as `{spec.name}`, after the colon."


def _check_scalar(value: Any, written: str, t: str, spec: Field) -> tuple[Any, tuple[str, str | None] | None]:
    """Check one value (``written`` as in YAML) against a scalar type: (the value to keep, None) or
    (``_INVALID``, (problem, hint)).  Both YAML nodes and Python values are checked here, so the
    messages are the same."""
    name = f"`{spec.name}`"
    if t in ("text", "regex"):
        if value is None:
            hint = ("Write something after the colon." if spec.required
                    else "Write something after the colon, or remove the line.")
            return _INVALID, (f"{name} is empty.", hint)
        if not isinstance(value, str):
            # `no`, `2026-03-14` or `1.0` written as text were meant as text
            value = written
        if not value.strip():
            return _INVALID, (f"{name} is empty.", "Write something, or remove the line.")
        # A folded block (`why: >`) ends with a line break; spaces at the
        # ends are never meant.
        value = value.strip()
        if spec.choices and value not in spec.choices:
            guess = _guess(value, spec)
            return _INVALID, (f"{name} cannot be '{_short(value)}'. Use {_one_of(spec.choices)}.", did_you_mean(guess))
        if t == "regex":
            problem = regex_problem(value)
            if problem is not None:
                from .patterns import pattern_hint

                return _INVALID, (f"The pattern {_quoted_pattern(value)} in {name} does not work: {problem}.",
                                  pattern_hint(problem))
        return value, None
    if t == "level":
        text = "" if value is None else str(written)
        if text not in LEVEL_CHOICES:
            guess = _guess(text, Field(spec.name, "text", "", choices=LEVEL_CHOICES, synonyms=_LEVEL_SYNONYMS))
            shown = "empty" if not text else f"'{_short(text)}'"
            return _INVALID, (f"{name} cannot be {shown}. Use suggestion, warning or error.", did_you_mean(guess))
        return text, None
    if t == "bool":
        if not isinstance(value, bool):
            return _INVALID, (f"{name} should be true or false, but it is {_scalar_words(value, written)}.", None)
        return value, None
    if t in ("int", "number"):
        if isinstance(value, float) and t == "int" and value.is_integer():
            value = int(value)
        ok = isinstance(value, int) and not isinstance(value, bool)
        if t == "number":
            ok = ok or isinstance(value, float)
        if not ok:
            return _INVALID, (f"{name} should be {describe_type(t)}, but it is {_scalar_words(value, written)}.", None)
        if spec.minimum is not None and value < spec.minimum:
            return _INVALID, (f"{name} must be at least {spec.minimum:g}, but it is {value}.", None)
        return value, None
    if t == "date":
        if isinstance(value, _dt.datetime):
            return _INVALID, (f"{name} should be a date without a time, like 2026-03-14.", "Remove the time.")
        if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
            # a date in quotes, like "2026-03-14", is still a date
            try:
                value = _dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if isinstance(value, str) and _LOOSE_DATE.fullmatch(value.strip()):
            return _INVALID, (f"{name} is not a real date: {value.strip()}.", "Check the month and the day.")
        if not isinstance(value, _dt.date):
            return _INVALID, (
                f"{name} should be a date like 2026-03-14, but it is {_scalar_words(value, written)}.",
                "Write the year, then the month, then the day, with '-' between them.",
            )
        return value, None
    raise AssertionError(f"unknown schema type {t}")  # pragma: no cover


# ---------------------------------------------------------------------------
# Validating Python values (a change to a rule given in settings or by a program)


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
    """What a Python value is, in the words :func:`_node_kind` uses for the same value in YAML."""
    if isinstance(value, Mapping):
        return _MAPPING_WORDS
    if _is_list(value):
        return "a list"
    if _is_scalar(value):
        return _scalar_words(value, _written(value))
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
        return _INVALID

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
                    hint = did_you_mean(_guess(key, spec),
                                        f"Write the plain words for each part of speech under {_one_of(spec.choices)}.")
                    self.error(f"'{_short(key)}' under {name} is not a part of speech speakeasy knows. "
                               f"Use {_one_of(spec.choices)}.", hint)
                    continue
                got = self.value(item, Field(f"{spec.name}: {key}", "text-or-texts", spec.doc, True))
                if got is not _INVALID:
                    out_by[key] = got
            return out_by if out_by else _INVALID
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
                if v is not _INVALID:
                    out.append(v)
            if not value and t == "text-or-texts" and spec.required:
                return self.error(f"{name} is an empty list.", "Give at least one.")
            return out
        return self.scalar(value, t, spec)

    def scalar(self, value: Any, t: str, spec: Field) -> Any:
        if not _is_scalar(value):
            # YAML writes an empty list or mapping in brackets, and a full one on lines of its own
            hint = _not_scalar_hint(t, spec, _is_list(value), not value) if _is_list(value) or isinstance(
                value, Mapping) else None
            return self.error(f"`{spec.name}` should be {describe_type(t)}, but it is {_value_words(value)}.", hint)
        got, problem = _check_scalar(value, _written(value), t, spec)
        if problem is not None:
            self.error(*problem)
        return got

    def mapping(self, value: Any, schema: Schema) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            self.error(f"{schema.what[0].upper() + schema.what[1:]} should be {describe_type('mapping')}, "
                       f"but this is {_value_words(value)}.")
            return {}
        noun = _noun(schema.what)
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
            if got is _INVALID:
                bad.add(key)
            else:
                result[key] = got
        for spec in schema.fields:
            if spec.required and spec.name not in seen and spec.name not in guessed:
                self.error(f"This {noun} has no `{spec.name}`.", f"Add `{spec.name}:` with {_lower_first(spec.doc)}.")
        result["__pos__"] = {}  # a Python value has no lines and columns
        result["__bad__"] = bad
        result["__line__"] = None
        result["__column__"] = None
        return result


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and _construct(node) is None


_LEVEL_SYNONYMS = (("warn", "warning"), ("info", "suggestion"), ("hint", "suggestion"), ("note", "suggestion"),
                   ("err", "error"), ("fatal", "error"))

def regex_problem(pattern: str) -> str | None:
    """What is wrong with a pattern from a file, in words, or None if it may be used.

    Not only whether it compiles: a pattern whose counts are too big or whose
    brackets are nested too deep is refused too (see :mod:`speakeasy.patterns`).
    """
    from .patterns import pattern_problem

    return pattern_problem(pattern)


def _quoted_pattern(pattern: str, limit: int = 60) -> str:
    """A pattern as a message quotes it: in full when short, else its start."""
    return f"'{pattern}'" if len(pattern) <= limit else f"'{pattern[: limit - 3]}...' ({len(pattern):,} characters)"


class _Invalid:
    def __repr__(self) -> str:  # pragma: no cover
        return "<invalid>"


_INVALID: Any = _Invalid()


def strip_positions(data: Any) -> Any:
    """Remove the ``__pos__`` bookkeeping keys (for tests and ``config --show``)."""
    if isinstance(data, dict):
        return {k: strip_positions(v) for k, v in data.items() if not k.startswith("__")}
    if isinstance(data, list):
        return [strip_positions(v) for v in data]
    return data


# ---------------------------------------------------------------------------
# JSON Schema export


#: Text as the loader accepts it: anything written on one line that is not
#: empty.  ``version: 1.0`` or ``term: no`` are read as the text written, so a
#: number or true/false is accepted too.
_JSON_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"], "pattern": r"\S"}


def _json_text(spec: Field, regex: bool = False) -> dict[str, Any]:
    if spec.choices:
        return {"type": "string", "enum": list(spec.choices)}
    out = dict(_JSON_TEXT)
    if regex:
        out["format"] = "regex"
    return out


def _json_type(spec: Field) -> dict[str, Any]:
    t = spec.type
    out: dict[str, Any]
    if t in ("text", "regex"):
        out = _json_text(spec, regex=t == "regex")
    elif t in ("texts", "regexes"):
        item = _json_text(spec, regex=t == "regexes")
        out = {"oneOf": [item, {"type": "array", "items": item}]}
    elif t == "text-or-texts":
        item = _json_text(spec)
        array: dict[str, Any] = {"type": "array", "items": item}
        if spec.required:
            array["minItems"] = 1
        out = {"oneOf": [item, array]}
    elif t == "alternatives":
        item = _JSON_TEXT
        listed: dict[str, Any] = {"oneOf": [dict(item), {"type": "array", "items": dict(item), "minItems": 1}]}
        out = {"oneOf": [dict(item), {"type": "array", "items": dict(item), "minItems": 1},
                         {"type": "object", "minProperties": 1, "additionalProperties": False,
                          "properties": {c: listed for c in spec.choices}}]}
    elif t == "bool":
        out = {"type": "boolean"}
    elif t == "int":
        out = {"type": "integer"}
    elif t == "number":
        out = {"type": "number"}
    elif t == "date":
        out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif t == "level":
        out = {"type": "string", "enum": list(LEVEL_CHOICES)}
    elif t == "mapping" and spec.schema is not None:
        out = schema_to_json(spec.schema)
    elif t in ("mapping", "any-mapping"):
        out = {"type": "object"}
    elif t == "mappings" and spec.schema is not None:
        out = {"type": "array", "items": schema_to_json(spec.schema)}
    else:  # pragma: no cover
        raise AssertionError(t)
    if spec.minimum is not None:
        out["minimum"] = spec.minimum
    if spec.default is not None:
        out["default"] = spec.default
    out["description"] = spec.doc
    return out


def schema_to_json(schema: Schema) -> dict[str, Any]:
    props = {f.name: _json_type(f) for f in schema.fields}
    out: dict[str, Any] = {
        "type": "object",
        "description": schema.doc or schema.what,
        "properties": props,
        "additionalProperties": bool(schema.open),
    }
    required = [f.name for f in schema.fields if f.required]
    if required:
        out["required"] = required
    return out
