"""The project ignore file, ``.speakeasy-ignore.yaml``, for formats without in-document comments.

``speakeasy review`` writes it when a writer ignores a finding (``i``) or
turns a rule off for a file (``d``) in a plain text, Word or OpenDocument
file.  It sits next to the configuration file (or in the folder speakeasy
runs from) and is a YAML list of entries::

    - file: policies/care-at-home.docx      # relative to the ignore file's folder
      rule: social-care.jargon
      match: signpost                       # left out: the rule is off for the whole file
      context: We will signpost you to other services.   # the line (paragraph) it was in
      reason: the forum kept this word

``speakeasy check`` honours it too, so a decision made in the review
screen holds in CI.  A damaged file is ignored with a warning, never a crash.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .model import Document, Finding
from .paths import read_file

IGNORE_FILE = ".speakeasy-ignore.yaml"


def load(root: Path) -> list[dict[str, Any]]:
    path = root / IGNORE_FILE
    if not path.exists():
        return []
    try:
        # a regular file only: a named pipe would wait for ever, and a device like /dev/zero never ends
        data = yaml.safe_load(read_file(path, str(path), "ignore file").decode("utf-8")) or []
    except InputError as exc:
        sys.stderr.write(f"speakeasy: warning: {exc} Its entries were not used.\n")
        return []
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        sys.stderr.write(f"speakeasy: warning: {path}: this ignore file could not be read ({exc.__class__.__name__}); "
                         "it was not used.\n")
        return []
    if not isinstance(data, list):
        return []
    return [e for e in data if isinstance(e, dict) and e.get("file") and e.get("rule")]


def _rel(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(path).resolve().as_posix()


def suppressed(finding: Finding, doc: Document, entries: list[dict[str, Any]], root: Path) -> bool:
    """Does an ignore entry cover this finding?"""
    rel = _rel(doc.path, root)
    word = " ".join(finding.match.split()).lower()
    for e in entries:
        if e.get("file") != rel or e.get("rule") != finding.rule:
            continue
        if "match" not in e:
            return True
        if " ".join(str(e["match"]).split()).lower() != word:
            continue
        if "context" in e and finding.line:
            if doc.line_text(finding.line).strip() != str(e["context"]).strip():
                continue
        return True
    return False
