"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning reads.

The rules come from the rule set and are written first; each result is
written as soon as its file is checked, so only counts are kept in memory.

* Text formats (Markdown, plain text) get a ``region`` with the line and
  columns.  SARIF's ``endColumn`` is exclusive, so it is speakeasy's
  ``end_column + 1``.  A finding with exactly one safe replacement gets a
  ``fixes`` entry.
* Word and OpenDocument files have no lines a person can follow: their
  results name only the file, with a ``logicalLocations`` entry that says
  where the words are ("under 'Who does what', paragraph 2").
* Files that could not be read are ``toolExecutionNotifications`` of the
  run's invocation, and make ``executionSuccessful`` false.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterable, TextIO
from urllib.parse import quote

from ..version import __version__
from ..model import Finding, Level, ReadError
from ..readers import has_line_numbers
from . import Context
from .jsonstream import JsonStream

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FileResult, Tally

    from ..ruleset import RuleSet
SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Level.SUGGESTION: "note", Level.WARNING: "warning", Level.ERROR: "error"}


def artifact_uri(path: str) -> str:
    """A relative URI with forward slashes (or a file: URI for a path outside the working folder)."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError):
            return p.as_uri()
    text = p.as_posix() if os.sep == "/" else str(PurePosixPath(*p.parts))
    while text.startswith("./"):
        text = text[2:]
    return quote(text, safe="/-._~")


def rule_descriptors(ruleset: "RuleSet | None") -> list[dict[str, Any]]:
    from ..model import DIRECTIVE_RULE, INTERNAL_RULE

    out: list[dict[str, Any]] = []
    for r in ruleset.active if ruleset is not None else []:
        d: dict[str, Any] = {"id": r.id, "shortDescription": {"text": r.summary or r.id}}
        if r.why:
            d["fullDescription"] = {"text": " ".join(r.why.split())}
        d["defaultConfiguration"] = {"level": LEVELS[r.level]}
        if r.link:
            d["helpUri"] = r.link
        d["properties"] = {"pack": r.pack, "kind": r.kind}
        out.append(d)
    out.append({"id": DIRECTIVE_RULE, "shortDescription": {"text": "A speakeasy comment in the document is not right."},
                "defaultConfiguration": {"level": "warning"}})
    out.append({"id": INTERNAL_RULE, "shortDescription": {"text": "speakeasy could not finish checking (a bug)."},
                "defaultConfiguration": {"level": "error"}})
    return out


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    region = {"startLine": max(line, 1), "startColumn": max(column, 1)}
    if end_line:
        region["endLine"] = max(end_line, region["startLine"])
        region["endColumn"] = max(end_column, 0) + 1  # SARIF's end column is exclusive
    return region


def result_data(result: "FileResult", f: Finding, index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(f.path or result.path)
    data: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        data["ruleIndex"] = index[f.rule]
    data["level"] = LEVELS[f.level]
    data["message"] = {"text": f.message}
    no_lines = not has_line_numbers(result.format)
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    location: dict[str, Any] = {"physicalLocation": physical}
    if no_lines:
        where = f.location or "the document"
        location["logicalLocations"] = [{"name": where, "fullyQualifiedName": where, "kind": "element"}]
    elif f.line > 0:
        physical["region"] = _region(f.line, f.column, f.end_line, f.end_column)
    data["locations"] = [location]
    if f.edit is not None and not no_lines and f.line > 0:
        doc = result.document
        if doc is not None:
            line, col = doc.position(f.edit.start)
            end_line, end_col = doc.end_position(f.edit.end) if f.edit.end > f.edit.start else (line, col - 1)
            deleted = _region(line, col, end_line, end_col)
        else:
            deleted = _region(f.line, f.column, f.end_line, f.end_column)
        data["fixes"] = [{
            "description": {"text": f"Use '{f.edit.replacement}'."},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{"deletedRegion": deleted, "insertedContent": {"text": f.edit.replacement}}],
            }],
        }]
    props: dict[str, Any] = {}
    if f.value is not None:
        props["value"] = f.value
    if f.threshold is not None:
        props["threshold"] = f.threshold
    if f.suggestions:
        props["suggestions"] = list(f.suggestions)
    if no_lines and f.extra.get("locator"):
        props["locator"] = f.extra["locator"]
    if props:
        data["properties"] = props
    return data


def _notification(e: ReadError) -> dict[str, Any]:
    message = e.message if e.message.startswith(e.path) else f"{e.path}: {e.message}"
    return {
        "level": "error",
        "message": {"text": message},
        "descriptor": {"id": e.code},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(e.path)}}}],
    }


def render_stream(items: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                  context: Context | None = None) -> "Tally":
    """Write one SARIF log with one run, a result at a time; return the tally.

    ``context.ruleset``: the rules, written first (with none, only speakeasy's own two).
    """
    from ..model import Tally

    context = context or Context()
    stream = out or sys.stdout
    tally = Tally()
    rules = rule_descriptors(context.ruleset)
    index = {r["id"]: i for i, r in enumerate(rules)}
    tool = {"driver": {"name": "speakeasy", "version": __version__, "semanticVersion": __version__, "rules": rules}}
    writer = JsonStream(stream)

    def log(run: dict[str, Any]) -> dict[str, Any]:
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    run: dict[str, Any] = {"tool": tool, "columnKind": "unicodeCodePoints", "results": writer.here}
    writer.start(log(run))
    for item in items:
        if isinstance(item, ReadError):
            tally.errors.append(item)
            continue
        tally.add(item)
        for f in item.findings:
            writer.add(result_data(item, f, index))
    invocation: dict[str, Any] = {"executionSuccessful": not tally.errors and not tally.internal_errors}
    if tally.errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in tally.errors]
    writer.finish(log({**run, "invocations": [invocation]}))
    return tally
