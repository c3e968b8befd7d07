"""The commands that check documents: ``check``, ``report``, ``fix``, ``baseline`` and ``review``."""

from __future__ import annotations

import argparse
import io
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..cliargs import settings_from as _settings
from ..errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, InputError, SpeakeasyError, error_text
from .output import AtomicOutput, HeldOutput

__all__ = ["PROGRESS_FROM", "cmd_baseline", "cmd_check", "cmd_fix", "cmd_report", "cmd_review", "progress"]


def _skipped(line: str) -> None:
    """Say that a document was left out (a link out of the folder being checked): one line on standard error."""
    sys.stderr.write(f"speakeasy: {line}\n")


def _read_error(e: Any) -> str:
    """The line on standard error for a file that could not be read (a ReadError)."""
    return error_text(e.message, e.path)


#: Show progress for runs of at least this many files.
PROGRESS_FROM = 20


def _show_progress(stream: Any) -> bool:
    """Progress only on a terminal, and never in CI (where the log would fill with it)."""
    if os.environ.get("CI") or os.environ.get("SPEAKEASY_NO_PROGRESS"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def progress(results: Any, total: int, stream: Any) -> Any:
    """Show "Checking file 12 of 500" on one line of ``stream`` while results come.

    The line is cleared before each result is handed on, so it never mixes
    with the report, and again at the end.
    """
    done = 0
    clear = "\r\x1b[K"
    try:
        for item in results:
            done += 1
            stream.write(clear)
            stream.flush()
            yield item
            stream.write(f"{clear}Checking file {min(done + 1, total)} of {total}...")
            stream.flush()
    finally:
        stream.write(clear)
        stream.flush()


def _run(args: argparse.Namespace, settings: Any, ruleset: Any) -> Any:
    """Lint ``args.paths`` (``-`` is standard input) as the run options ask (``--jobs``, ``--changed-since``...): results as they come."""
    from ..cache import enabled as cache_enabled
    from ..runner import iter_results

    stdin = sys.stdin.buffer.read() if "-" in args.paths else None
    only = None
    if args.changed_since:
        from ..runner import changed_since

        only = changed_since(args.changed_since)
    jobs = args.jobs if args.jobs else (os.cpu_count() or 1)
    collected = None
    if _show_progress(sys.stderr):  # the files are counted first, for the progress line
        from ..runner import collect_files

        collected = collect_files(args.paths, settings, args.follow_links, _skipped, ignore_files=not args.no_ignore)
    results = iter_results(args.paths, ruleset, stdin=stdin, stdin_filename=args.stdin_filename, only=only,
                           jobs=max(jobs, 1), use_cache=cache_enabled(settings, args.no_cache),
                           follow_links=args.follow_links, on_skip=_skipped, ignore_files=not args.no_ignore,
                           collected=collected)
    if collected is not None and len(collected[0]) >= PROGRESS_FROM:
        results = progress(results, len(collected[0]), sys.stderr)
    from ..runner import settling

    return settling(results)  # (this process checks the files: once there are two, see settle_gc)


def cmd_check(args: argparse.Namespace) -> int:
    from ..ruleset import build_ruleset
    from ..levels import LevelFilter
    from ..model import Level
    from ..reporters import Context, get

    fmt = get(args.format)
    if not args.paths:
        raise SpeakeasyError("give at least one file or folder to check (or - for standard input).")
    if args.statistics and not fmt.for_people and not args.output:
        raise SpeakeasyError(f"--statistics shows counts for people, so it does not mix with --format {args.format} "
                             "on the screen. Use --format human, or add --output FILE to write the report to a "
                             "file and see the counts on the screen.")
    settings = _settings(args)
    ruleset = build_ruleset(settings)
    fail_on = settings["fail_on"]
    levels = LevelFilter(Level.parse(args.min_level) if args.min_level else None)
    # What the formats may need; `levels` is given only with --min-level, so counts say what it left out.
    context = Context(ruleset=ruleset, fail_on=fail_on, levels=levels if args.min_level else None, color=args.color,
                      quiet=args.quiet, hot_spots=args.hot_spots, every_use=args.every_use, flesch=args.flesch,
                      statistics=args.statistics)
    output = AtomicOutput(args.output) if args.output else None  # fails early if FILE cannot be written
    # Output for programs on standard output is held back and written whole at the end: a run that
    # stops half way (a bug, Ctrl-C) never leaves half a JSON document for another program to read.
    held = HeldOutput() if output is None and not fmt.for_people else None
    try:
        results = _run(args, settings, ruleset)
        if args.baseline:
            from .. import baseline

            results = baseline.only_new(results, baseline.load(args.baseline))
        results = levels.wrap(results)
        stream = output.stream if output is not None else held if held is not None else sys.stdout
        echo = None
        if not fmt.for_people and output is not None:  # the results for people still go on the screen
            from ..reporters.human import Echo

            echo = Echo(context)
            results = echo.wrap(results)
        if fmt.for_people and output is not None:
            context = replace(context, color="never")  # a file gets no colour codes
        shown_tally = fmt.load()(results, stream, context)
        too_many = _too_many(levels.all, args.max_findings)
        if fmt.for_people:
            if too_many:
                stream.write(too_many + "\n")
        elif echo is not None:
            echo.finish(shown_tally, too_many)
        else:
            for e in levels.all.errors:
                sys.stderr.write(_read_error(e))
            if levels.failing_note(fail_on):
                sys.stderr.write(f"speakeasy: {levels.failing_note(fail_on)}\n")
            if too_many:
                sys.stderr.write(f"speakeasy: {too_many}\n")
        if output is not None:
            output.commit()
        if held is not None:
            held.release(sys.stdout)
    finally:
        if output is not None:
            output.discard()
        if held is not None:
            held.close()
    # The exit code counts every finding, shown or not (see speakeasy/levels.py).
    tally = levels.all
    if tally.internal_errors:
        return EXIT_INTERNAL
    if tally.errors:
        return EXIT_USAGE
    if fail_on != "never" and tally.count(Level.parse(fail_on)):
        return EXIT_FINDINGS
    if too_many:
        return EXIT_FINDINGS
    return EXIT_OK


def _too_many(tally: Any, limit: int | None) -> str:
    """The line that says --max-findings was passed, or ''."""
    if limit is None:
        return ""
    total = tally.count()
    if total <= limit:
        return ""
    return (f"Found {total} finding{'s' if total != 1 else ''}, more than --max-findings {limit} allows: "
            "the check fails.")


def _report_time() -> Any:
    """Now, or SOURCE_DATE_EPOCH (UTC) when it is set, for pages that are the same in every build."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now().astimezone()


def cmd_report(args: argparse.Namespace) -> int:
    from ..ruleset import build_ruleset
    from ..io.atomic import write_atomically
    from ..reporters import Context, get

    target = args.output
    if os.path.isdir(target):
        raise SpeakeasyError(f"{target}: is a folder; give a file name for --output.")
    folder = os.path.dirname(os.path.abspath(target))
    if os.path.isdir(folder) and not os.access(folder, os.W_OK):
        raise SpeakeasyError(f"{target}: cannot write the report here (the folder is read-only).")
    settings = _settings(args)
    ruleset = build_ruleset(settings)
    page = io.StringIO()
    tally = get("html").load()(_run(args, settings, ruleset), page,
                               Context(ruleset=ruleset, title=args.title, generated=_report_time()))
    for e in tally.errors:
        sys.stderr.write(_read_error(e))
    try:
        write_atomically(target, page.getvalue().encode("utf-8", errors="replace"))
    except OSError as exc:
        raise SpeakeasyError(f"{target}: cannot write the report ({exc.strerror or exc}).") from None
    files = f"{tally.files} {'file' if tally.files == 1 else 'files'}"
    sys.stdout.write(f"Wrote the report on {files} to {target}.\n")
    if tally.internal_errors:
        return EXIT_INTERNAL
    return EXIT_USAGE if tally.errors else EXIT_OK


def cmd_fix(args: argparse.Namespace) -> int:
    from ..engine import lint_document
    from ..ruleset import build_ruleset
    from ..runner import collect_files
    from ..fix import fix_file, render_diff
    from ..model import Level
    from ..readers import capabilities

    settings = _settings(args)
    ruleset = build_ruleset(settings)
    files, missing = collect_files(args.paths, settings, args.follow_links, _skipped, not args.no_ignore)
    if args.output and len(files) != 1:
        raise SpeakeasyError("--output works with exactly one file; use --in-place for several.")
    problems = list(missing)
    changed = 0
    remaining = 0
    fail_on = settings["fail_on"]
    # With --diff the diffs go to standard output, alone, so they can be saved and applied;
    # the words for people go to standard error.
    say = sys.stderr if args.diff else sys.stdout
    for path in files:
        try:
            result = fix_file(path, ruleset, in_place=args.in_place, output=args.output,
                              as_suggestions=args.as_suggestions, backup=not args.no_backup, write=not args.diff)
        except InputError as exc:
            from ..model import ReadError

            problems.append(ReadError(exc.path, exc.message, exc.code))
            continue
        except OSError as exc:  # a fault of the file system that nothing above turned into words
            from ..errors import write_reason
            from ..model import ReadError

            problems.append(ReadError(path, f"{path}: speakeasy could not fix this file ({write_reason(exc)}). "
                                      "It is as it was.", "write-error"))
            continue
        if result.applied:
            changed += 1
            what = "suggested" if args.as_suggestions else "fixed"
            words = f"{len(result.applied)} {'word' if len(result.applied) == 1 else 'words'}"
            if args.diff:
                sys.stdout.write(render_diff(result))
                sys.stdout.flush()
                say.write(f"{path}: would fix {words}\n")
            else:
                say.write(f"{path}: {what} {words}, written to {result.output}\n")
                caps = capabilities(path=path)
                line_numbers = caps is None or caps.line_numbers  # Word, OpenDocument: where, in words
                for f in result.applied:
                    assert f.edit is not None
                    where = f"{f.line}:{f.column}" if line_numbers else f.location
                    say.write(f"  {where}: '{f.match}' -> '{f.edit.replacement}'\n")
                if result.kept is not None:
                    say.write(result.kept.message(path) + "\n")
        if result.held_back:
            n = len(result.held_back)
            say.write(f"{path}: {n} more {'needs' if n == 1 else 'need'} a person to choose the words. "
                      f"To go through them, run: speakeasy review {path}\n")
        if fail_on != "never":
            from ..readers import read_bytes, read_path

            try:
                after = lint_document(read_bytes(path, result.data) if result.data is not None else read_path(path),
                                      ruleset)
                remaining += sum(1 for f in after.findings if f.level >= Level.parse(fail_on))
            except InputError:
                pass
    for e in problems:
        sys.stderr.write(_read_error(e))
    n_files = f"{len(files)} {'file' if len(files) == 1 else 'files'}"
    if args.diff:
        say.write(f"Would change {changed} of {n_files}. --diff writes nothing.\n")
    else:
        failed = len(problems) - len(missing)
        unchanged = " Files with nothing to change were not written." if changed + failed < len(files) else ""
        could_not = f" {failed} could not be fixed: see below." if failed else ""
        say.write(f"Changed {changed} of {n_files}.{could_not}{unchanged}\n")
    if problems:
        return EXIT_USAGE
    return EXIT_FINDINGS if remaining else EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    from .. import baseline
    from ..ruleset import build_ruleset
    from ..runner import iter_results
    from ..model import ReadError

    ruleset = build_ruleset(_settings(args))
    errors: list[ReadError] = []

    def results():  # type: ignore[no-untyped-def]
        for item in iter_results(args.paths, ruleset):
            if isinstance(item, ReadError):
                errors.append(item)
            yield item

    data = baseline.create(results())
    for e in errors:
        sys.stderr.write(_read_error(e))
    if errors:
        return EXIT_USAGE
    try:
        baseline.write(data, args.output)
    except OSError as exc:
        from ..errors import write_reason

        raise SpeakeasyError(f"{args.output}: cannot write the baseline ({write_reason(exc)}).") from None
    sys.stdout.write(f"Recorded {data['findings']} {'finding' if data['findings'] == 1 else 'findings'} "
                     f"in {len(data['files'])} {'file' if len(data['files']) == 1 else 'files'} to {args.output}.\n")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    if not Path(args.path).exists():
        raise SpeakeasyError(f"{args.path}: this file or folder does not exist.")
    settings = _settings(args)
    from ..tui import run  # imports textual only now

    keymap = {str(k): str(v) for k, v in (settings["keymap"] or {}).items()}
    return run(args.path, settings, high_contrast=args.high_contrast, keymap=keymap)
