"""Validating a YAML file's nodes against a schema, collecting every problem with its line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Mapping

import yaml

from ..errors import UserDataError
from ..hints import closest, did_you_mean
from .fields import Field, Schema, describe_type
from .reading import STR_TAG, YAML_TAG, Located, construct, is_empty, node_kind
from .scalars import INVALID, check_scalar, not_scalar_hint, plain_text
from .words import bare_noun, guess_choice, lower_first, one_of, shortened


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
        noun = bare_noun(schema.what)
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node,
                f"{schema.what[0].upper() + schema.what[1:]} should be {describe_type('mapping')}, "
                f"but this is {node_kind(node)}.",
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
            if value is INVALID:
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
                    f"Add `{spec.name}:` with {lower_first(spec.doc)}.",
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
                    self.error(node, f"{name} should be {describe_type('mapping')}, but it is {node_kind(node)}.",
                               "Put each `key: value` on its own line under it, indented with spaces.")
                    return INVALID
                return self.mapping(node, spec.schema, label)
            if not isinstance(node, yaml.MappingNode):
                self.error(node, f"{name} should be {describe_type('mapping')}, but it is {node_kind(node)}.",
                           "Put each `key: value` on its own line under it, indented with spaces.")
                return INVALID
            return {str(k.value): self.plain(v) for k, v in node.value}
        if t == "mappings":
            if is_empty(node):
                self.error(node, f"{name} is empty.", "Add the entries on the lines under it, each starting with '- '.")
                return INVALID
            if not isinstance(node, yaml.SequenceNode):
                self.error(
                    node,
                    f"{name} should be {describe_type('mappings')}, but it is {node_kind(node)}.",
                    "Start each entry on its own line with '- '.",
                )
                return INVALID
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
                return INVALID
            for key_node, value_node in node.value:
                key = str(getattr(key_node, "value", ""))
                if key not in spec.choices:
                    guess = guess_choice(key, spec)
                    hint = did_you_mean(guess, f"Write the plain words for each part of speech under {one_of(spec.choices)}.")
                    self.error(key_node, f"'{shortened(key)}' under {name} is not a part of speech speakeasy knows. "
                                         f"Use {one_of(spec.choices)}.", hint)
                    continue
                if key in out_by:
                    self.error(key_node, f"{name} has '{key}' twice.", "Keep one of them.")
                    continue
                got = self.value(value_node, Field(f"{spec.name}: {key}", "text-or-texts", spec.doc, True), label)
                if got is not INVALID:
                    out_by[key] = got
            return out_by if out_by else INVALID
        if t in ("texts", "regexes", "text-or-texts"):
            if is_empty(node):
                hint = ("Write something after the colon." if spec.required
                        else "Write something after the colon, or remove the line.")
                self.error(node, f"{name} is empty.", hint)
                return INVALID
            if isinstance(node, yaml.ScalarNode):
                # Be kind: one text where a list was expected is a list of one.
                node = yaml.SequenceNode(YAML_TAG + "seq", [node], node.start_mark, node.end_mark)
            if not isinstance(node, yaml.SequenceNode):
                self.error(node, f"{name} should be {describe_type(t)}, but it is {node_kind(node)}.",
                           "Start each item on its own line with '- '.")
                return INVALID
            out = []
            for item in node.value:
                v = self.scalar(item, "regex" if t == "regexes" else "text", spec, label)
                if v is not INVALID:
                    out.append(v)
            if not node.value and t == "text-or-texts" and spec.required:
                self.error(node, f"{name} is an empty list.", "Give at least one.")
                return INVALID
            return out
        return self.scalar(node, t, spec, label)

    def scalar(self, node: yaml.Node, t: str, spec: Field, label: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            hint = not_scalar_hint(t, spec, isinstance(node, yaml.SequenceNode), bool(node.flow_style))
            self.error(node, f"`{spec.name}` should be {describe_type(t)}, but it is {node_kind(node)}.", hint)
            return INVALID
        got, problem = check_scalar(construct(node), node.value, t, spec)
        if problem is not None:
            self.error(node, *problem)
        return got

    def plain(self, node: yaml.Node) -> Any:
        """Construct any node as plain Python data (for free-form mappings)."""
        if isinstance(node, yaml.MappingNode):
            return {str(k.value): self.plain(v) for k, v in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(v) for v in node.value]
        return construct(node)


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
            if type(key_node) is not yaml.ScalarNode or key_node.tag != STR_TAG:
                return None
            key = key_node.value
            spec = fields.get(key)
            if spec is None or key in result:
                return None
            t = spec.type
            if t == "text":
                value = plain_text(value_node, spec.choices)
            elif t in ("texts", "text-or-texts", "alternatives"):
                choices = spec.choices if t != "alternatives" else ()
                if type(value_node) is yaml.ScalarNode:
                    one = plain_text(value_node, choices)
                    value = [one] if one is not None else None
                elif type(value_node) is yaml.SequenceNode and value_node.value:
                    value = [plain_text(item, choices) for item in value_node.value]
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


def strip_positions(data: Any) -> Any:
    """Remove the ``__pos__`` bookkeeping keys (for tests and ``config --show``)."""
    if isinstance(data, dict):
        return {k: strip_positions(v) for k, v in data.items() if not k.startswith("__")}
    if isinstance(data, list):
        return [strip_positions(v) for v in data]
    return data
