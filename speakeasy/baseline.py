"""Baselines: record today's findings, then fail only on new ones.

``speakeasy baseline create PATH... -o speakeasy-baseline.json`` records a
fingerprint for every finding; ``speakeasy check --baseline FILE`` reports
and fails only on findings that are not in it.  It works on any CI host: the
baseline is a plain JSON file kept in the repository.

A fingerprint does not use line numbers, so it survives edits elsewhere in
the file.  It is made from the file's path, the rule, the matched words and
the words around them (up to four on each side, in the same block), all in
lower case with spaces collapsed.  When the same words are flagged several
times with the same surroundings, the baseline counts them, so a new copy
of an old problem is still reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from .version import __version__
from .errors import InputError, UsageError
from .model import Document, Finding, ReadError
from .paths import read_file

VERSION = "1"
_WORD = re.compile(r"[^\W_](?:[^\s]*[^\W_])?")
CONTEXT_WORDS = 4


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _rel(path: str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def fingerprint(finding: Finding, doc: Document | None) -> str:
    """A stable fingerprint for a finding: path, rule, words and the words around them."""
    before = after = ""
    if doc is not None and finding.end > finding.start:
        block = doc.block_at(finding.start)
        if block is not None:
            text = block.text
            a, b = finding.start - block.start, finding.end - block.start
            before = " ".join(_WORD.findall(text[:a])[-CONTEXT_WORDS:])
            after = " ".join(_WORD.findall(text[b:])[:CONTEXT_WORDS])
    words = finding.match if finding.match else finding.message
    key = "\x1f".join((_rel(finding.path), finding.rule, _norm(words), _norm(before), _norm(after)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def create(items: Iterable[Any]) -> dict[str, Any]:
    """A baseline from lint results (FileResult objects; read errors are skipped)."""
    files: dict[str, dict[str, int]] = {}
    total = 0
    for item in items:
        if isinstance(item, ReadError):
            continue
        counts = Counter(fingerprint(f, item.document) for f in item.findings)
        if counts:
            files[_rel(item.path)] = dict(sorted(counts.items()))
            total += sum(counts.values())
    return {
        "speakeasy_baseline": VERSION,
        "tool": {"name": "speakeasy", "version": __version__},
        "findings": total,
        "files": dict(sorted(files.items())),
    }


def load(path: str) -> dict[str, Counter[str]]:
    try:
        # a regular file only: a named pipe would wait for ever, and /dev/zero never ends
        data = json.loads(read_file(path, str(path), "baseline file").decode("utf-8"))
    except InputError as exc:
        if exc.code == "not-found" and not os.path.islink(path):
            raise UsageError(f"{path}: this baseline file does not exist. Make one with `speakeasy baseline create`."
                             ) from None
        raise UsageError(str(exc)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: this is not a speakeasy baseline file ({exc.__class__.__name__}).") from None
    if not isinstance(data, dict) or data.get("speakeasy_baseline") != VERSION or not isinstance(data.get("files"), dict):
        raise UsageError(f"{path}: this is not a speakeasy baseline file (version {VERSION}). "
                         "Make a new one with `speakeasy baseline create`.")
    return {name: Counter({k: int(v) for k, v in fps.items()}) for name, fps in data["files"].items()
            if isinstance(fps, dict)}


def only_new(items: Iterable[Any], baseline: dict[str, Counter[str]]) -> Iterator[Any]:
    """Lint results without the findings recorded in the baseline."""
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        known = Counter(baseline.get(_rel(item.path), Counter()))
        kept = []
        for f in item.findings:
            fp = fingerprint(f, item.document)
            if known[fp] > 0:
                known[fp] -= 1
                continue
            kept.append(f)
        item.findings = kept
        yield item


def write(data: dict[str, Any], target: str) -> None:
    from .io.atomic import write_atomically

    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise UsageError(f"{target}: the folder for the baseline file does not exist.")
    write_atomically(target, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
