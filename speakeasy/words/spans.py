"""Where each entry of a wordlist, and each of its keys, is in the file's text.

The file is parsed with the (safe) YAML parser, and the places of its nodes
are kept as offsets into the text, so that an edit can splice new text in
and leave every other byte as it was (:mod:`speakeasy.words.store`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .values import as_words, parts_of


@dataclass
class KeySpan:
    """Where a key and its value are: offsets into the text."""

    start: int  # the first character of the key
    line_start: int  # the start of the key's line
    end: int  # the end of the value's last line (before its newline)
    first: bool  # the key is on the same line as the entry's '-'


@dataclass
class EntrySpan:
    """Where one entry is in the text."""

    term: str
    status: str | None
    line: int  # 1-based line of its '-'
    lead: int  # start of the comment lines just above it (or of its '-' line)
    start: int  # start of its '-' line
    end: int  # end of its last line (before the newline)
    keys: dict[str, KeySpan] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts of speech the entry is for (``as``, else the keys of ``use``); empty: any."""
        return parts_of(self.values)

    def describe(self) -> str:
        """The entry in words, for messages: "as a verb (line 12)", or "line 12"."""
        parts = as_words(self.parts)
        return f"{parts} (line {self.line})" if parts else f"line {self.line}"


def line_starts(text: str) -> list[int]:
    """The offset where each line starts (after each ``\n``)."""
    return [0, *(m.end() for m in _NEWLINE.finditer(text))]


_NEWLINE = re.compile("\n")


def content_end(node: yaml.Node, text: str, starts: list[int]) -> int:
    """The offset just after the last character of a node's content."""
    if isinstance(node, yaml.MappingNode) and node.flow_style is not True and node.value:
        return content_end(node.value[-1][1], text, starts)
    if isinstance(node, yaml.SequenceNode) and node.flow_style is not True and node.value:
        return content_end(node.value[-1], text, starts)
    mark = node.end_mark
    end = starts[mark.line] + mark.column if mark.line < len(starts) else len(text)
    # (as len(text[:end].rstrip()), without copying the text: this is done for every key of every entry)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def line_end(text: str, offset: int) -> int:
    """The end of the line at ``offset``, before its line break (``\n`` or ``\r\n``)."""
    nl = text.find("\n", offset)
    if nl < 0:
        return len(text)
    return nl - 1 if nl > offset and text[nl - 1] == "\r" else nl


def scalar_value(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [scalar_value(n) for n in node.value]
    if isinstance(node, yaml.MappingNode):
        return {str(getattr(k, "value", "")): scalar_value(v) for k, v in node.value}
    return None


def shift(entry: EntrySpan, chars: int, lines: int) -> None:
    """Move an entry's place by ``chars`` characters and ``lines`` lines (text was put in before it)."""
    entry.line += lines
    entry.lead += chars
    entry.start += chars
    entry.end += chars
    for key in entry.keys.values():
        key.start += chars
        key.line_start += chars
        key.end += chars


def read_entries(items: list[yaml.Node], text: str,
                 starts: list[int]) -> tuple[list[EntrySpan], list[bool], list[int]]:
    """The place of each entry (each mapping among a list's ``items``), with the comment lines just above it.

    Also, for the file's layout: for each entry after the first, whether a blank line is
    between it and the one before; and the column of the '-' of each list inside an entry.
    ``starts`` are the text's :func:`line_starts`.
    """
    entries: list[EntrySpan] = []
    prev_end = None
    gaps: list[bool] = []
    item_cols: list[int] = []
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            continue
        first_line = item.start_mark.line
        start = starts[first_line]
        end = content_end(item, text, starts)
        end = line_end(text, end)
        lead = start
        # Comment lines right above the entry belong to it.
        line = first_line - 1
        while line >= 0 and (prev_end is None or starts[line] > prev_end):
            content = text[starts[line]:line_end(text, starts[line])].strip()
            if not content.startswith("#"):
                break
            lead = starts[line]
            line -= 1
        if prev_end is not None:
            gaps.append(text[prev_end:lead].count("\n") >= 2)
        span = EntrySpan(term="", status=None, line=first_line + 1, lead=lead, start=start, end=end)
        for i, (k, v) in enumerate(item.value):
            if not isinstance(k, yaml.ScalarNode):
                continue
            k_start = starts[k.start_mark.line] + k.start_mark.column
            v_end = line_end(text, content_end(v, text, starts))
            span.keys[k.value] = KeySpan(k_start, starts[k.start_mark.line], v_end,
                                         k.start_mark.line == first_line)
            span.values[k.value] = scalar_value(v)
            if isinstance(v, yaml.SequenceNode) and v.flow_style is not True and v.value:
                item_cols.append(v.value[0].start_mark.column - 2)
        span.term = str(span.values.get("term", ""))
        status = span.values.get("status")
        span.status = str(status) if status is not None else None
        entries.append(span)
        prev_end = end
    return entries, gaps, item_cols
