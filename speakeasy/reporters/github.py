"""``--format github``: GitHub Actions workflow commands, one per finding.

GitHub shows each line as an annotation on the pull request::

    ::warning file=docs/a.md,line=3,col=9,endLine=3,endColumn=16,title=plain-english.words::Use 'start'...

Errors are ``::error``, warnings ``::warning`` and suggestions ``::notice``.
Word and OpenDocument files have no lines a person can follow, so their
annotations name the file only and say where the words are in the message.
A file that could not be read is an ``::error`` on that file.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable, TextIO

from ..model import Finding, Level, ReadError
from ..readers import has_line_numbers

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FileResult, Tally
    from . import Context

COMMANDS = {Level.SUGGESTION: "notice", Level.WARNING: "warning", Level.ERROR: "error"}


def escape_data(text: str) -> str:
    """Escape a message, as GitHub's toolkit does (``%``, carriage return, line feed)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def finding_line(result: "FileResult", f: Finding) -> str:
    path = (f.path or result.path).replace("\\", "/")
    props: dict[str, object] = {"file": path}
    message = f.message
    if not has_line_numbers(result.format):
        message = f"{f.location}: {message}" if f.location else message
    elif f.line > 0:
        props.update(line=f.line, col=f.column)
        if f.end_line:
            props.update(endLine=f.end_line, endColumn=f.end_column)
    props["title"] = f.rule
    return command(COMMANDS[f.level], props, message)


def error_line(e: ReadError) -> str:
    message = e.message if e.message.startswith(e.path) else f"{e.path}: {e.message}"
    return command("error", {"file": e.path.replace("\\", "/")}, message)


def render_stream(items: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                  context: Context | None = None) -> "Tally":
    """Write one workflow command per finding as each file is checked; return the tally.  Needs no context."""
    from ..model import Tally

    stream = out or sys.stdout
    tally = Tally()
    for item in items:
        if isinstance(item, ReadError):
            tally.errors.append(item)
            stream.write(error_line(item) + "\n")
            continue
        tally.add(item)
        for f in item.findings:
            stream.write(finding_line(item, f) + "\n")
    return tally
