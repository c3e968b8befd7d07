"""Machine-readable output: ``--format json``.

The schema is versioned (``schema_version``) and documented in
``docs/json-output.md``, with a JSON Schema in ``docs/schema/report.schema.json``.
Fields are only ever added within a major version; a change that removes or
renames a field bumps the major version.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..model import Level

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Report

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
