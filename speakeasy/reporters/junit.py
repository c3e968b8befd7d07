"""``--format junit``: JUnit XML, for GitLab and other CI that show test reports.

One ``testcase`` per file checked (its ``classname`` and ``name`` are the
path).  A file with findings at or above ``--fail-on`` has a ``failure``
listing them, one line each; other findings are listed in ``system-out``.
A file that could not be read has an ``error``.

The XML is made with :mod:`xml.etree.ElementTree`, so it is escaped properly.
Test cases are written to a temporary file as they come and copied out at
the end (the counts on ``testsuite`` come first), so memory does not grow
with the number of files.
"""

from __future__ import annotations

import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Iterable, TextIO

from ..model import Finding, Level, ReadError
from ..readers import has_line_numbers
from . import Context

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FileResult, Tally

#: Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MARK = "@@speakeasy-children@@"


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def finding_text(result: "FileResult", f: Finding) -> str:
    where = f"{f.path} ({f.location})" if not has_line_numbers(result.format) else f"{f.path}:{f.line}:{f.column}"
    return f"{where}: {f.level} [{f.rule}] {f.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _xml(el: ET.Element) -> str:
    # us-ascii: anything else becomes a character reference, so the output is
    # right whatever the encoding of the stream it is written to.
    return ET.tostring(el, encoding="us-ascii", xml_declaration=False).decode("ascii")


def testcase(result: "FileResult", fail_on: str) -> tuple[ET.Element, bool]:
    path = clean(result.path)
    case = ET.Element("testcase", {"classname": path, "name": path})
    threshold = None if fail_on == "never" else Level.parse(fail_on)
    failing = [f for f in result.findings if threshold is not None and f.level >= threshold]
    others = [f for f in result.findings if threshold is None or f.level < threshold]
    if failing:
        failure = ET.SubElement(case, "failure", {
            "message": f"{_plural(len(failing), 'finding')} at or above {fail_on}",
            "type": fail_on,
        })
        failure.text = clean("\n".join(finding_text(result, f) for f in failing) + "\n")
    if others:
        out = ET.SubElement(case, "system-out")
        out.text = clean("\n".join(finding_text(result, f) for f in others) + "\n")
    return case, bool(failing)


def error_case(e: ReadError) -> ET.Element:
    path = clean(e.path)
    message = clean(e.message if e.message.startswith(e.path) else f"{e.path}: {e.message}")
    case = ET.Element("testcase", {"classname": path, "name": path})
    error = ET.SubElement(case, "error", {"message": message, "type": clean(e.code)})
    error.text = message
    return case


def _wrapper(tag: str, attrs: dict[str, str]) -> tuple[str, str]:
    el = ET.Element(tag, attrs)
    el.text = _MARK
    start, end = _xml(el).split(_MARK)
    return start, end


def render_stream(items: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                  context: Context | None = None) -> "Tally":
    """Write a JUnit XML report; return the tally.  ``context.fail_on``: the level that makes a file fail."""
    from ..model import Tally

    fail_on = (context or Context()).fail_on
    stream = out or sys.stdout
    tally = Tally()
    failures = 0
    with tempfile.TemporaryFile("w+", encoding="ascii") as spool:
        for item in items:
            if isinstance(item, ReadError):
                tally.errors.append(item)
                spool.write("    " + _xml(error_case(item)) + "\n")
                continue
            tally.add(item)
            case, failed = testcase(item, fail_on)
            failures += failed
            spool.write("    " + _xml(case) + "\n")
        counts = {
            "name": "speakeasy",
            "tests": str(tally.files + len(tally.errors)),
            "failures": str(failures),
            "errors": str(len(tally.errors)),
            "skipped": "0",
        }
        outer_start, outer_end = _wrapper("testsuites", {k: v for k, v in counts.items() if k != "skipped"})
        start, end = _wrapper("testsuite", counts)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        stream.write(outer_start + "\n  " + start + "\n")
        spool.seek(0)
        for line in spool:
            stream.write(line)
        stream.write("  " + end + "\n" + outer_end + "\n")
    return tally
