"""Machine-readable output: ``--format json``.

The schema is versioned (``schema_version``) and documented in
``docs/json-output.md``, with a JSON Schema in ``docs/schema/report.schema.json``.
Fields are only ever added within a major version; a change that removes or
renames a field bumps the major version.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, Iterable, TextIO

from ..version import __version__
from ..model import Level
from . import Context
from .jsonstream import JsonStream

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report, Tally
    from ..model import FileResult, ReadError

SCHEMA_VERSION = "1.0"


def to_data(report: "Report", fail_on: str = "error") -> dict[str, Any]:
    by_level = {str(lvl): 0 for lvl in Level}
    files = []
    for result in report.files:
        for f in result.findings:
            by_level[str(f.level)] += 1
        files.append(
            {
                "path": result.path,
                "format": result.format,
                "stats": dict(result.stats),
                "findings": [f.to_dict() for f in result.findings],
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "speakeasy", "version": __version__},
        "files": files,
        "errors": [e.to_dict() for e in report.errors],
        "summary": {
            "files": len(report.files),
            "findings": sum(by_level.values()),
            "by_severity": by_level,
            "fail_on": fail_on,
        },
    }


def render(report: "Report", stream: TextIO | None = None, fail_on: str = "error") -> None:
    stream = stream or sys.stdout
    json.dump(to_data(report, fail_on), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def render_stream(items: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                  context: Context | None = None) -> "Tally":
    """Write the same JSON as :func:`render`, one file at a time, as files are checked.

    The output is identical to ``json.dump(to_data(...), indent=2, ensure_ascii=False)``;
    only the counts are kept in memory, so a run over thousands of files
    does not hold every finding (see :mod:`.jsonstream`).  ``context.fail_on``
    goes in the summary, and with ``context.levels`` (``--min-level``) the
    summary also says ``min_level`` and ``not_shown``.
    """
    from ..model import Tally

    context = context or Context()
    stream = out or sys.stdout
    tally = Tally()
    head = {"schema_version": SCHEMA_VERSION, "tool": {"name": "speakeasy", "version": __version__}}
    writer = JsonStream(stream)
    writer.start({**head, "files": writer.here})
    for item in items:
        if not hasattr(item, "findings"):
            tally.errors.append(item)  # type: ignore[arg-type]
            continue
        tally.add(item)
        writer.add({
            "path": item.path,
            "format": item.format,
            "stats": dict(item.stats),
            "findings": [f.to_dict() for f in item.findings],
        })
    summary = {
        "files": tally.files,
        "findings": tally.count(),
        "by_severity": {str(lvl): tally.by_level[lvl] for lvl in Level},
        "fail_on": context.fail_on,
    }
    if context.levels is not None:
        summary.update(context.levels.summary())
    writer.finish({**head, "files": writer.here, "errors": [e.to_dict() for e in tally.errors], "summary": summary})
    return tally
