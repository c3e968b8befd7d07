"""``speakeasy audit PATH``: check every document in a document store, here or on a Dask cluster."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from ..cliargs import add_follow_links, whole_number

__all__ = ["add_parser", "cmd_audit", "describe"]


_positive = whole_number(1)


def add_parser(sub: Any, add_config_options: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser(
        "audit",
        help="check every document in a store, here or on a Dask cluster, into one JSON Lines file and a summary",
        description="Check every document under PATH and write one JSON Lines file with a line for each finding "
        "(the file, rule, level, place and message) and a line for each document that could not be checked, "
        "then a summary: the worst documents first, the findings of each rule, and the spread of plain scores. "
        "Without --dask the documents are checked here (in --jobs processes). The exit code is 0 when the audit "
        "is complete, whatever it found.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="folders or files to check")
    p.add_argument("--output", "-o", metavar="FILE", default="speakeasy-audit.jsonl",
                   help="the JSON Lines file of findings (default: speakeasy-audit.jsonl; it is replaced whole "
                   "at the end). A name ending in .gz is compressed with gzip")
    p.add_argument("--summary", metavar="FILE",
                   help="the summary, as JSON (default: the output's name with .summary.json)")
    p.add_argument("--dask", metavar="SCHEDULER_ADDRESS",
                   help="check the documents on this Dask cluster, like tcp://10.0.0.5:8786 (needs "
                   "pip install 'speakeasy-lint[audit]' here and on the workers)")
    p.add_argument("--send-bytes", action="store_true",
                   help="with --dask: read each document here and send its bytes, for workers that do not see "
                   "the same files (by default each worker reads the document from the same path)")
    p.add_argument("--jobs", "-j", type=_positive, default=1, metavar="N",
                   help="without --dask: check documents in N processes here (default 1)")
    p.add_argument("--batch", type=_positive, default=8, metavar="N",
                   help="documents in each piece of work sent to a worker (default 8)")
    p.add_argument("--worst", type=whole_number(0), default=20, metavar="N",
                   help="how many of the worst documents the summary lists (default 20)")
    add_follow_links(p)
    add_config_options(p)


def _n(value: int) -> str:
    return f"{value:,}"


def _some(value: int, what: str) -> str:
    """'1 error', '2 errors'."""
    return f"{value:,} {what}" + ("" if value == 1 else "s")


def describe(summary: dict[str, Any], output: str, summary_file: str) -> str:
    """The summary in words, for people."""
    found = summary["findings"]
    lines = [(f"Checked {_some(summary['checked'], 'document')} ({_some(summary['words'], 'word')}) in "
              f"{summary.get('seconds', 0):.1f} s.")]
    if summary["could_not_check"]:
        lines.append(f"{_n(summary['could_not_check'])} could not be checked: their errors are lines in {output}.")
    lines.append(f"Found {_some(found['error'], 'error')}, {_some(found['warning'], 'warning')} and "
                 f"{_some(found['suggestion'], 'suggestion')}.")
    spread = summary["plain_score"]
    if spread["documents"]:
        lines.append(f"Plain score (0 is very hard, 100 is plain) of {_n(spread['documents'])} documents: lowest "
                     f"{spread['lowest']}, 10% at or below {spread['p10']}, median {spread['p50']}, 90% at or "
                     f"below {spread['p90']}, highest {spread['highest']}.")
    if summary["worst"]:
        lines.append("The worst documents first (most errors, then warnings, then the lowest plain score):")
        for w in summary["worst"][:10]:
            lines.append(f"  {w['file']}: {_some(w['errors'], 'error')}, {_some(w['warnings'], 'warning')}, "
                         f"plain score {w['plain_score']}")
    if summary["rules"]:
        lines.append("Findings of each rule, most first:")
        for rule, n in list(summary["rules"].items())[:10]:
            lines.append(f"  {rule}: {_n(n)}")
    lines.append(f"Every finding is in {output}, and the whole summary in {summary_file}.")
    return "\n".join(lines) + "\n"


def cmd_audit(args: argparse.Namespace) -> int:
    from ..cliargs import settings_from
    from ..errors import EXIT_OK, SpeakeasyError
    from .run import Plan, audit, summary_path

    if "-" in args.paths:
        raise SpeakeasyError("speakeasy audit checks files and folders, not standard input: use speakeasy check - .")
    if args.send_bytes and not args.dask:
        raise SpeakeasyError("--send-bytes is for --dask: without it, speakeasy reads the documents here anyway.")
    if args.dask and args.jobs > 1:
        raise SpeakeasyError("--jobs is for checking here; with --dask the cluster's workers do the work.")
    settings = settings_from(args)
    plan = Plan(tuple(args.paths), args.output, args.summary or summary_path(args.output), args.dask, args.jobs,
                args.send_bytes, args.batch, args.worst, args.follow_links, not args.no_ignore)
    shown = _Progress(sys.stderr) if _show_progress(sys.stderr) else None
    try:
        summary = audit(plan, settings, on_skip=lambda line: sys.stderr.write(f"speakeasy: {line}\n"),
                        progress=shown)
    finally:
        if shown is not None:
            shown.clear()
    sys.stdout.write(describe(summary, plan.output, plan.summary))
    return EXIT_OK


def _show_progress(stream: Any) -> bool:
    """Progress only on a terminal, and never in CI (where the log would fill with it)."""
    import os

    if os.environ.get("CI") or os.environ.get("SPEAKEASY_NO_PROGRESS"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Progress:
    """"Checked 1,200 of 300,000 documents" on one line of a terminal, at most twice a second."""

    def __init__(self, stream: Any) -> None:
        import time

        self.stream = stream
        self.clock = time.monotonic
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.last < 0.5 and done < total:
            return
        self.last = now
        self.stream.write(f"\r\x1b[KChecked {done:,} of {total:,} documents...")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
