"""Checking one open document for the language server, with the rule set kept loaded.

This module knows nothing of pygls or of the protocol: it takes a document's
text and where it is, and gives back the findings with the text they were
found in.  The settings are found as ``speakeasy check`` finds them, but from
the document's own folder upwards (or from the workspace folder, for a
document that is not saved yet): the nearest ``.speakeasy.yaml``,
``.speakeasy.yml`` or ``pyproject.toml`` with ``[tool.speakeasy]``.

Building a rule set takes far longer than checking a page, so each one is
kept, by settings file.  It is built again only when that file, the
wordlists it names or the ignore file beside it have changed on disk.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SpeakeasyError

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Finding
    from ..ruleset import RuleSet

__all__ = ["Checked", "Checker", "format_of", "serve_many_checks"]

log = logging.getLogger(__name__)

#: The formats the language server checks: those whose findings are at places in the text itself.
TEXT_FORMATS = ("markdown", "text", "html")
#: What editors call these formats (the LSP's language identifiers).
_LANGUAGES = {"markdown": "markdown", "plaintext": "text", "text": "text", "html": "html"}
#: A text to check once at start, so that the first real check finds everything loaded.
_WARM_UP = ("# Warm up\n\nWe will commence the assessment and progress your care plan, "
            "and the CQC will liaise with you.\n")


def format_of(language_id: str | None, path: str | None) -> str | None:
    """The format to read a document as, from the editor's language or the file's name; None: not ours."""
    fmt = _LANGUAGES.get((language_id or "").lower())
    if fmt is None and path:
        from ..readers import format_for

        fmt = format_for(path)
    return fmt if fmt in TEXT_FORMATS else None


@dataclass
class Checked:
    """One check of one document: the text checked and what was found in it."""

    text: str
    format: str
    findings: "list[Finding]" = field(default_factory=list)
    ruleset: "RuleSet | None" = None
    #: the settings could not be used: why, in one line (the findings are then empty)
    error: str | None = None
    #: the settings file used, if any
    config: Path | None = None


@dataclass
class _Kept:
    ruleset: "RuleSet"
    stamp: tuple[tuple[str, int, int], ...]


class Checker:
    """Checks documents; keeps one rule set for each settings file."""

    def __init__(self, root: Path | None = None) -> None:
        #: the workspace folder: where to look for settings for a document that has no folder of its own
        self.root = root
        self._kept: dict[str, _Kept] = {}

    def folder_of(self, path: str | None) -> Path:
        if path:
            folder = Path(path).parent
            if folder.is_dir():
                return folder
        return self.root or Path.cwd()

    def ruleset_for(self, path: str | None) -> "tuple[RuleSet, Path | None]":
        """The rule set for a document at ``path`` (None: not saved yet), built again only when its files change."""
        from ..config import find_config

        folder = self.folder_of(path)
        config = find_config(folder)
        key = str(config) if config is not None else f"no settings file:{folder.resolve()}"
        kept = self._kept.get(key)
        if kept is not None and kept.stamp == _stamp(_watched(kept.ruleset, config)):
            return kept.ruleset, config
        from ..config import resolve
        from ..ruleset import build_ruleset

        ruleset = build_ruleset(resolve({}, config_file=config, cwd=folder))
        if len(self._kept) >= 16:
            self._kept.clear()
        self._kept[key] = _Kept(ruleset, _stamp(_watched(ruleset, config)))
        return ruleset, config

    def check(self, path: str | None, text: str, fmt: str) -> Checked:
        """Check ``text``, the document at ``path`` as it is in the editor (which may not be saved)."""
        from ..engine import lint_text

        try:
            ruleset, config = self.ruleset_for(path)
            if path and ruleset.settings["ignore"] and _left_out(path, ruleset):
                return Checked(text, fmt, [], ruleset, config=config)  # as speakeasy check leaves it out
            body, shift = (text[1:], 1) if text.startswith("\ufeff") else (text, 0)
            result = lint_text(body, ruleset, path or "untitled", fmt, with_stats=False)  # the findings are enough
        except SpeakeasyError as exc:  # the settings, a pack or a word list: what is wrong, in one line
            return Checked(text, fmt, error=_one_line(exc))
        except Exception as exc:  # noqa: BLE001 - a bug: say so in the editor, keep serving, log the details
            log.exception("speakeasy went wrong checking %s", path or "a new document")
            return Checked(text, fmt, error=f"speakeasy went wrong checking this document ({type(exc).__name__}: "
                           f"{exc}). This is a bug in speakeasy: please report it, with the editor's log of "
                           "the server.")
        findings = result.findings
        if shift:  # the reader left out the byte-order mark: put the offsets back where the editor has them
            findings = [_shifted(f, shift) for f in findings]
        return Checked(text, fmt, findings, ruleset, config=config)

    def warm_up(self) -> None:
        """Load the rule set, the tagger and the word tables now, not on the first real check."""
        try:
            self.check(str(self.root / "warm-up.md") if self.root else None, _WARM_UP, "markdown")
        except Exception:  # noqa: BLE001 - a failure here shows again, with its reason, on the first real check
            log.exception("speakeasy could not load its rules at start")


def serve_many_checks(checker: Checker) -> None:
    """Make this process quick at checking the same documents again and again (the language server's).

    * The tagger keeps the tags of the sentences it has tagged: after a
      change, nearly every sentence of a document is as it was.
    * What the check at start loaded (the rules, the word lists, the tagger)
      stays for as long as the process runs, so Python's garbage collector
      is told not to look through it again after every check (``gc.freeze``).
    """
    import gc

    from ..tagger import load as load_tagger

    load_tagger().keep_tags()
    checker.warm_up()
    gc.collect()
    gc.freeze()


def _left_out(path: str, ruleset: "RuleSet") -> bool:
    """The settings' ``ignore`` globs leave this file out of ``speakeasy check``."""
    from ..runner import collect_files

    files, errors = collect_files([path], ruleset.settings, follow_links=True)
    return not files and not errors  # a file not saved yet (not on disk) is checked


def _watched(ruleset: "RuleSet", config: Path | None) -> list[Path]:
    """The files whose change means the rule set must be built again."""
    from ..ignorefile import IGNORE_FILE

    settings = ruleset.settings
    # every pack and word list the rule set was built from (packs in folders, and the lists packs name, too)
    files = {Path(rule.path) for rule in ruleset.rules if rule.path}
    files |= {Path(wl.path) for rule in ruleset.rules for wl in rule.wordlists if wl.path}
    if settings["plain_score"]:  # the weights `speakeasy forum calibrate` writes
        files.add(settings.base("plain_score") / str(settings["plain_score"]))
    files.add(ruleset.ignore_root / IGNORE_FILE)
    if config is not None:
        files.add(config)
    return sorted(files)


def _stamp(files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for f in files:
        try:
            st = os.stat(f)
            out.append((str(f), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(f), -1, -1))
    return tuple(out)


def _one_line(exc: SpeakeasyError) -> str:
    from ..schema import DataErrors

    problems = exc.errors if isinstance(exc, DataErrors) and exc.errors else [exc]
    first = (problems[0].render().splitlines() or [""])[0]
    more = ""
    if len(problems) > 1:
        more = f" (and {len(problems) - 1} more problems: run `speakeasy validate` to see them all)"
    return first + more


def _shifted(f: "Finding", by: int) -> "Finding":
    from dataclasses import replace

    edit = f.edit
    if edit is not None:
        edit = replace(edit, start=edit.start + by, end=edit.end + by)
    return replace(f, start=f.start + by, end=f.end + by, edit=edit)
