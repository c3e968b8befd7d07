"""One small formatter for text on a terminal: plain strings, with colour only where it is wanted.

Colour is never the only way meaning is shown (levels are named in words,
and flagged words are marked with ``^`` below them), so leaving it out loses
nothing.  :func:`wants_colour` decides, in this order:

1. ``--color always`` or ``--color never``;
2. ``NO_COLOR`` set to anything but the empty string: no colour
   (https://no-color.org);
3. ``FORCE_COLOR`` set to anything but the empty string: colour, even into a pipe;
4. ``TERM=dumb``: no colour;
5. otherwise colour only when the stream is a terminal.

Text that comes from a document or a pack may hold control characters (an
escape code planted in a file could move the cursor or change the title of
the terminal).  :func:`safe` shows each of them as "�", one character for one,
so the marks under a line still line up.  A tab becomes one space, for the
same reason.
"""

from __future__ import annotations

import os
import re
from typing import TextIO

#: SGR codes for the styles speakeasy uses.
_CODES = {
    "bold": "1",
    "dim": "2",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "cyan": "36",
}

#: C0 controls but newline, DEL, and the C1 controls (which some terminals read as escape codes).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def wants_colour(stream: TextIO, color: str = "auto") -> bool:
    """Should text written to ``stream`` be coloured?  ``color`` is ``auto``, ``always`` or ``never``."""
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def safe(text: str) -> str:
    """``text`` with each control character shown as "�" and each tab as a space (one character for one)."""
    if "\t" in text:
        text = text.replace("\t", " ")
    return _CONTROL.sub("\ufffd", text)


def sgr(style: str) -> str:
    """The escape code that starts ``style`` ("bold red", "cyan underline"), or "" for no style."""
    codes = [_CODES[word] for word in style.split()]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


class Painter:
    """Writes lines to a stream, each made of parts in styles, coloured when :func:`wants_colour` says so.

    >>> import io
    >>> out = io.StringIO()
    >>> p = Painter(out, "never")
    >>> p.line(("error", "bold red"), (": a message", ""))
    >>> out.getvalue()
    'error: a message\\n'
    """

    __slots__ = ("stream", "colour", "_codes")

    def __init__(self, stream: TextIO, color: str = "auto") -> None:
        self.stream = stream
        self.colour = wants_colour(stream, color)
        self._codes: dict[str, str] = {}

    def paint(self, text: str, style: str = "") -> str:
        """``text``, made :func:`safe`, in ``style`` (nothing added without colour, for no style or no text)."""
        text = safe(text)
        if not self.colour or not style or not text:
            return text
        code = self._codes.get(style)
        if code is None:
            code = self._codes[style] = sgr(style)
        return f"{code}{text}\x1b[0m"

    def line(self, *parts: tuple[str, str]) -> None:
        """Write one line made of (text, style) parts."""
        if not self.colour:
            # (safe() works a character at a time, so once over the whole line is the same as once a part)
            self.stream.write(safe("".join(text for text, _ in parts)) + "\n")
            return
        self.stream.write("".join(self.paint(text, style) for text, style in parts) + "\n")

    def text(self, text: str, style: str = "") -> None:
        """Write one line of ``text`` in one style (an empty ``text`` writes an empty line)."""
        self.stream.write(self.paint(text, style) + "\n")

    def flush(self) -> None:
        """Send what was written on (after each file, so a person sees each file's findings as it is checked,
        and a stream that cannot be written fails while speakeasy can still say so in words)."""
        self.stream.flush()
