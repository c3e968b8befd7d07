"""The work of an audit on one worker: check a batch of documents, and give back small, plain results.

Everything here crosses processes and machines by pickle: a :class:`Job`
(a document's name, and its path on a shared disk or its bytes), the
resolved :class:`~speakeasy.config.Settings`, and an :class:`Outcome` (the
document's findings already as JSON lines, and the few numbers the summary
needs).  A worker builds the rule set once per settings and keeps it.

A document that cannot be read, or that makes speakeasy fail, is an outcome
with an error line, never an exception: one bad file never stops an audit.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Settings
    from ..model import FileResult
    from ..ruleset import RuleSet

__all__ = ["Job", "Outcome", "SettingsBox", "audit_batch", "box_settings", "error_outcome"]

#: What a worker that reads paths says when a document is not there: the workers may not share the disk.
NOT_SHARED = (" (read on a worker: if the workers do not see the same files as this computer, "
              "use --send-bytes)")


@dataclass(frozen=True)
class Job:
    """One document to check: ``name`` is shown in the output; ``data`` is its bytes, or None to read ``path``."""

    name: str
    path: str | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class Outcome:
    """What one document gave: its JSON lines (one per finding, or one error line) and its numbers."""

    name: str
    lines: tuple[str, ...]
    words: int = 0
    plain_score: float | None = None
    #: findings at each level: suggestion, warning, error
    levels: tuple[int, int, int] = (0, 0, 0)
    #: (rule, findings) for each rule that found something
    rules: tuple[tuple[str, int], ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class SettingsBox:
    """The resolved settings, with a key that names them (a worker builds one rule set per key)."""

    key: str
    settings: Settings


def box_settings(settings: Settings) -> SettingsBox:
    return SettingsBox(hashlib.sha256(pickle.dumps(settings)).hexdigest(), settings)


#: Rule sets built in this process, by settings key.
_RULESETS: dict[str, RuleSet] = {}


def _ruleset(box: SettingsBox) -> RuleSet:
    ruleset = _RULESETS.get(box.key)
    if ruleset is None:
        from .. import plugins
        from ..ruleset import build_ruleset

        if len(_RULESETS) >= 4:
            _RULESETS.clear()
        # the process that started the audit has shown any plugin problems already; quiet only while
        # building, so a serial audit (in the same process) leaves later runs as they were
        quiet, plugins.QUIET = plugins.QUIET, True
        try:
            ruleset = _RULESETS[box.key] = build_ruleset(box.settings)
        finally:
            plugins.QUIET = quiet
    return ruleset


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def error_outcome(name: str, message: str, code: str) -> Outcome:
    """The outcome of a document that could not be checked: one line with the error."""
    return Outcome(name, (_dumps({"file": name, "error": message, "code": code}),), error=code)


def _finding_line(name: str, f: Any) -> str:
    """A finding as ``check --format json`` writes it (``Finding.to_dict``), with its file, but not where its
    wordlist entry came from (the same for every use of a word, and most of a line's size)."""
    data = f.to_dict()
    data.pop("origin", None)
    return _dumps({"file": name, **data})


def _outcome(name: str, result: FileResult) -> Outcome:
    levels = [0, 0, 0]
    rules: dict[str, int] = {}
    for f in result.findings:
        levels[min(max(int(f.level) - 1, 0), 2)] += 1
        rules[f.rule] = rules.get(f.rule, 0) + 1
    words = int(result.stats.get("words") or 0)
    score = result.stats.get("plain_score")
    return Outcome(name, tuple(_finding_line(name, f) for f in result.findings), words,
                   float(score) if score is not None and words else None, (levels[0], levels[1], levels[2]),
                   tuple(sorted(rules.items())))


def check_one(job: Job, box: SettingsBox) -> Outcome:
    """Check one document (read from its path here, or from the bytes sent)."""
    from .. import engine, readers
    from ..errors import InputError
    from ..paths import read_file, regular_file

    ruleset = _ruleset(box)
    try:
        if job.data is not None:
            data = job.data
        else:
            regular_file(job.path or job.name, job.name)
            data = read_file(job.path or job.name, job.name)
        doc = readers.read_bytes(job.name, data,  # a file speakeasy does not read is an error line, as in check
                                 options=readers.ReadOptions.from_settings(ruleset.settings))
        result = engine.lint_document(doc, ruleset)
    except InputError as exc:
        message = exc.message if exc.message.startswith(job.name) else f"{job.name}: {exc.message}"
        if exc.code == "not-found" and job.data is None:
            message += NOT_SHARED
        return error_outcome(job.name, message, exc.code)
    except Exception as exc:  # noqa: BLE001 - one document that makes speakeasy fail must not stop the audit
        return error_outcome(job.name, f"{job.name}: speakeasy failed on this document ({type(exc).__name__}: "
                             f"{exc}). This is a bug in speakeasy: please report it.", "internal-error")
    return _outcome(job.name, result)


def audit_batch(jobs: list[Job], box: SettingsBox) -> list[Outcome]:
    """Check a batch of documents: one outcome for each, in order.  This is the task a worker runs."""
    return [check_one(job, box) for job in jobs]
