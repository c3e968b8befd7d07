"""Character offsets to and from the positions the Language Server Protocol uses.

speakeasy counts characters (code points) from the start of the text.  An
LSP position is a line, counted from 0, and a character in that line,
counted in the code units the client and server agreed on: UTF-16 unless
both said otherwise.  So a character outside the Basic Multilingual Plane,
like an emoji, is 2 units in UTF-16, 4 in UTF-8 and 1 in UTF-32.

A line ends at ``\\n``, ``\\r\\n`` or ``\\r``, and at nothing else: the
protocol does not break lines at a form feed or U+2028, as Python's
``str.splitlines`` does.  This module knows nothing of pygls.
"""

from __future__ import annotations

import bisect
import re

__all__ = ["ENCODINGS", "LineIndex"]

_BREAK = re.compile(r"\r\n|\r|\n")
ENCODINGS = ("utf-16", "utf-8", "utf-32")


class LineIndex:
    """The lines of one text, to turn offsets into (line, character) and back."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        #: where each line's text ends (before its line break)
        self.ends: list[int] = []
        for m in _BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def units(self, chars: str) -> int:
        """How many code units ``chars`` takes in the agreed encoding."""
        if self.encoding == "utf-32" or chars.isascii():
            return len(chars)
        if self.encoding == "utf-8":
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars.encode("utf-16-le", "surrogatepass")) // 2

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a character offset, both from 0."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.ends[line])  # inside "\r\n": the end of the line
        return line, self.units(self.text[start:offset])

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position.

        A line past the end is the end of the text; a character past the end
        of its line is the end of that line; a character inside a character
        (half of a UTF-16 pair) is the start of that character.
        """
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        text = self.text[start:end]
        if self.units(text) <= character:
            return end
        if text.isascii() or self.encoding == "utf-32":
            return start + max(0, character)
        used = 0
        for i, ch in enumerate(text):
            width = self.units(ch)
            if used + width > character:
                return start + i
            used += width
        return end  # pragma: no cover - the length test above returns first
