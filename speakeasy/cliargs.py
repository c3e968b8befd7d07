"""What the command line says, as settings: shared by ``speakeasy`` and ``speakeasy words``.

:mod:`speakeasy.cli` and :mod:`speakeasy.words.cli` both turn parsed
arguments into :class:`speakeasy.config.Settings` here, so neither imports
the other's module.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["add_follow_links", "cli_config", "is_pack", "settings_from", "whole_number"]


def whole_number(least: int):  # type: ignore[no-untyped-def]
    """An argparse type: a whole number of ``least`` or more ("--jobs 2"), or a plain error."""
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = least - 1
        if n < least:
            raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of {least} or more")
        return n

    return parse


def add_follow_links(p: argparse.ArgumentParser) -> None:
    """--follow-links and --no-ignore: how to find the files in folders (check, report, fix and audit)."""
    p.add_argument("--follow-links", action="store_true",
                   help="also read documents that are links to files outside the folder being checked, and "
                   "look in linked folders (without it, such links are left out, with a line saying so)")
    p.add_argument("--no-ignore", action="store_true",
                   help="in folders, also check what .gitignore and .ignore files leave out, and build and "
                   "environment folders (build, dist, *.egg-info, venv, node_modules...), as ripgrep does. "
                   "Hidden files and folders are still left out. Files and folders named on the command line are "
                   "checked either way")


def cli_config(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("profile", "packs", "language_model", "include_proposed", "include_comments"):
        value = getattr(args, key, None)
        if value is not None:
            out[key] = value
    landmarks = getattr(args, "include_landmarks", None)
    if landmarks:
        out["include_landmarks"] = list(dict.fromkeys(n for names in landmarks for n in names))
    out["keep"] = list(getattr(args, "keep", []) or [])
    out["disable"] = list(getattr(args, "disable", []) or [])
    out["enable"] = list(getattr(args, "enable", []) or [])
    out["extra_wordlists"] = list(getattr(args, "extra_wordlists", []) or [])
    if getattr(args, "fail_on", None):
        out["fail_on"] = args.fail_on
    return out


def settings_from(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from .config import resolve

    return resolve(cli_config(args), Path(args.config) if args.config else None, bool(args.no_config))


def is_pack(path: Path) -> bool:
    """A pack has `rules:` at the top level; a wordlist has `words:`."""
    from .paths import read_file

    try:
        text = read_file(path).decode("utf-8", errors="replace")  # a regular file only: a pipe would wait for ever
    except InputError:  # not a regular file, or not there: loading it as a wordlist says why
        return False
    for line in text.splitlines():
        if line.startswith("rules:"):
            return True
        if line.startswith("words:"):
            return False
    return path.parent.name == "rules"
