"""JSON made with :func:`json.dumps`, written a piece at a time.

The JSON and SARIF reports each have one long list (the files checked, the
results) and a few fields whose values are known only at the end (the
counts).  :class:`JsonStream` writes exactly the text of
``json.dumps(document, indent=2, ensure_ascii=False)``, but each item of the
long list as it comes, so only the counts are kept in memory::

    out = JsonStream(stream)
    out.start({"tool": tool, "files": out.here})
    for item in items:
        out.add(item)
    out.finish({"tool": tool, "files": out.here, "summary": summary})

``here`` marks where the long list goes.  :meth:`start` writes the text of
the document before it, :meth:`add` one item of it, and :meth:`finish` the
text after it, from the whole document.  Every piece is made by
``json.dumps``; only the list's brackets and commas are written here, as
``json.dumps`` writes them.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any, TextIO

__all__ = ["JsonStream"]


#: The C encoder for strings, without ``\\u`` escapes for letters outside ASCII (``ensure_ascii=False``).
_string = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
_INFINITY = float("inf")


def _float(value: float) -> str:
    """A float as ``json.dumps`` writes it: its ``repr``, and NaN, Infinity and -Infinity as they are."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    """The text of a string, a number, a boolean or None as ``json.dumps`` writes it; None for anything else."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return _float(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return None


#: How many pieces of text :func:`_encode` gathers before it hands them to ``flush``.
_PIECES = 8192


def _encode(value: Any, newline: str, out: list[str], flush: Callable[[list[str]], None] | None = None) -> None:
    """Append the text of ``value`` as ``json.dumps(indent=2, ensure_ascii=False)`` writes it.

    ``newline`` is a line break and the indent of the line ``value`` starts on.
    Anything but dicts, lists, tuples, strings, numbers, booleans and None
    is written by ``json.dumps`` itself (which raises the same errors).
    ``flush``, when given, is called with ``out`` (and must empty it) each
    time an item of a list leaves more than :data:`_PIECES` pieces in it: the
    text of one long file's findings is written as it is made, not held whole.
    """
    if isinstance(value, str):
        out.append(_string(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif type(value) is int:
        out.append(int.__repr__(value))
    elif type(value) is float:
        out.append(_float(value))
    elif type(value) is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        first = True
        add = out.append
        for key, item in value.items():
            name = _string(key) if isinstance(key, str) else _key_text(key)
            kind = type(item)
            # (strings and numbers, most of a report, written here without a call each)
            if kind is str:
                add(("{" if first else ",") + inner + name + ": " + _string(item))
            elif kind is int:
                add(("{" if first else ",") + inner + name + ": " + int.__repr__(item))
            else:
                text = _scalar(item)
                if text is not None:
                    add(("{" if first else ",") + inner + name + ": " + text)
                else:
                    add(("{" if first else ",") + inner + name + ": ")
                    _encode(item, inner, out, flush)
            first = False
        out.append(newline + "}")
    elif type(value) in (list, tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            text = _scalar(item)
            if text is not None:
                out.append(("[" if first else ",") + inner + text)
            else:
                out.append(("[" if first else ",") + inner)
                _encode(item, inner, out, flush)
            first = False
            if flush is not None and len(out) > _PIECES:
                flush(out)
        out.append(newline + "]")
    else:
        out.append(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", newline))


def _key_text(key: Any) -> str:
    """A dict key that is not a string, as ``json.dumps`` writes it (numbers, booleans and None as strings)."""
    return json.dumps({key: 0}, ensure_ascii=False)[1:-4]


class JsonStream:
    """Write one JSON document (indent 2, not ASCII-only) whose one long list comes an item at a time."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        #: put this where the long list goes, in the documents given to :meth:`start` and :meth:`finish`
        self.here = f"@@speakeasy-list-{secrets.token_hex(8)}@@"
        self._head: str | None = None
        self._pad = ""
        self._count = 0

    def _split(self, document: dict[str, Any]) -> tuple[str, str]:
        text = json.dumps(document, indent=2, ensure_ascii=False)
        mark = json.dumps(self.here)
        head, found, tail = text.partition(mark)
        if not found or mark in tail:
            raise ValueError("the document must hold JsonStream.here once, where the long list goes")
        return head, tail

    def start(self, document: dict[str, Any]) -> None:
        """Write the text before the long list (fields after it may be left out: they are not written yet)."""
        head, _ = self._split(document)
        line = head[head.rfind("\n") + 1:]
        self._head = head
        self._pad = line[: len(line) - len(line.lstrip(" "))]
        self.out.write(head + "[")

    def add(self, item: Any) -> None:
        """Write one item of the long list, a few thousand pieces of text at a time."""
        inner = self._pad + "  "
        parts = [("\n" if self._count == 0 else ",\n") + inner]
        _encode(item, "\n" + inner, parts, self._flush)
        self._flush(parts)
        self._count += 1

    def _flush(self, parts: list[str]) -> None:
        self.out.write("".join(parts))
        parts.clear()

    def finish(self, document: dict[str, Any]) -> None:
        """Write the rest of ``document`` after the long list, then a line end."""
        head, tail = self._split(document)
        if head != self._head:
            raise ValueError("the document changed before its long list between start() and finish()")
        self.out.write(("\n" + self._pad + "]" if self._count else "]") + tail + "\n")
