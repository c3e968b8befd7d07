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
from typing import Any, TextIO

__all__ = ["JsonStream", "indented"]


def indented(data: Any, level: int) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, with its lines after the first indented by ``level`` spaces."""
    return json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * level)


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
        """Write one item of the long list."""
        inner = self._pad + "  "
        self.out.write(("\n" if self._count == 0 else ",\n") + inner + indented(item, len(inner)))
        self._count += 1

    def finish(self, document: dict[str, Any]) -> None:
        """Write the rest of ``document`` after the long list, then a line end."""
        head, tail = self._split(document)
        if head != self._head:
            raise ValueError("the document changed before its long list between start() and finish()")
        self.out.write(("\n" + self._pad + "]" if self._count else "]") + tail + "\n")
