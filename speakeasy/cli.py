"""The ``speakeasy`` command.

Results go to standard output; problems with the run (a file that could not
be read, a bad configuration) go to standard error.  Exit codes:

* 0 - nothing at or above ``--fail-on`` (default: error) was found
* 1 - something at or above ``--fail-on`` was found, or more findings than
  ``--max-findings`` allows
* 2 - a usage, configuration or input error
* 3 - an internal error (a bug: please report it)
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Sequence

from .cliargs import is_pack as _is_pack, settings_from as _settings
from .reporters import check_formats
from .version import __version__
from .errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, InputError, SpeakeasyError

FAIL_ON = ("suggestion", "warning", "error", "never")
LEVEL_NAMES = ("suggestion", "warning", "error")


class _Parser(argparse.ArgumentParser):
    """argparse, with plain-English errors and exit code 2.

    A ``description`` may be a function, called only when the help is shown:
    the formats speakeasy reads come from the readers, which are not imported
    to run a command that does not read documents.
    """

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"speakeasy: error: {message}\n")
        raise SystemExit(EXIT_USAGE)

    def format_help(self) -> str:
        if callable(self.description):
            self.description = self.description()
        return super().format_help()


def _read_suffixes(can_fix: bool | None = None) -> list[str]:
    """The file endings speakeasy's own readers read; with ``can_fix``, only those whose files can (or cannot) be changed."""
    from .readers import builtin_suffixes, capabilities

    out = []
    for suffix in builtin_suffixes():
        caps = capabilities(path="document" + suffix)
        if can_fix is None or (caps is not None and caps.can_fix == can_fix):
            out.append(suffix)
    return out


def _check_description() -> str:
    return (f"Check documents ({', '.join(_read_suffixes())}, and those that plugins in use read) and folders. "
            "Use - to read standard input.")


def _review_description() -> str:
    from .readers import capabilities

    read_only = _choices(dict.fromkeys(capabilities(path="document" + s).files_named  # type: ignore[union-attr]
                                       for s in _read_suffixes(can_fix=False)), "and")
    return (f"Review a document ({', '.join(_read_suffixes(can_fix=True))}) like a spell-checker: choose a plain "
            f"alternative, edit, skip, ignore or keep each finding, then save. "
            f"{read_only[:1].upper() + read_only[1:]} open read only, and so do files that plugins read unless "
            "the plugin says they can be changed: speakeasy shows the findings and their plain alternatives, but "
            "cannot change the file. With a folder, choose a file first. Press ? in the review for the keys.")


def _add_config_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("configuration")
    g.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching for one")
    g.add_argument("--no-config", action="store_true", help="ignore configuration files; use the defaults")
    g.add_argument("--profile", metavar="NAME", help="use a profile, such as easy-read")
    g.add_argument("--pack", dest="packs", action="append", metavar="PACK",
                   help="use this rule pack (a shipped pack's name or a .yaml file); repeat for more")
    g.add_argument("--disable", action="append", metavar="RULE", default=[],
                   help="turn off a rule, a pack or a glob like 'passive-voice.*'; repeat for more")
    g.add_argument("--enable", action="append", metavar="RULE", default=[],
                   help="turn on a rule that is off; repeat for more")
    g.add_argument("--wordlist", dest="extra_wordlists", action="append", metavar="FILE", default=[],
                   help="also use this wordlist for this run; repeat for more")
    g.add_argument("--keep", action="append", metavar="WORD", default=[],
                   help="never flag this word; repeat for more")
    g.add_argument("--include-proposed", action="store_true", default=None,
                   help="also use words the forum has proposed but not yet agreed")
    g.add_argument("--include-comments", action="store_true", default=None,
                   help="also check comments in Word, OpenDocument and PDF files")
    g.add_argument("--include-landmarks", type=_landmarks, action="append", metavar="NAMES",
                   help="web pages: also check these parts, like 'header,footer' (header, footer, nav, aside)")
    g.add_argument("--language-model", metavar="NAME", help="an installed trained spaCy pipeline to use")
    g.add_argument("--fail-on", choices=FAIL_ON, help="the level that makes the check fail (default: error)")


def _landmarks(value: str) -> list[str]:
    """'header, nav' -> ["header", "nav"], each one a landmark speakeasy knows."""
    from .config import CONFIG
    from .readers import LANDMARKS
    from .schema import _guess

    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    for name in names:
        if name not in LANDMARKS:
            guess = _guess(name, CONFIG.field("include_landmarks"))  # type: ignore[arg-type]
            hint = f" Did you mean '{guess}'?" if guess else ""
            raise argparse.ArgumentTypeError(
                f"'{name}' is not a part of a web page speakeasy knows. Use header, footer, nav or aside.{hint}")
    if not names:
        raise argparse.ArgumentTypeError("name one or more of header, footer, nav and aside")
    return names


def _count(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number of 0 or more")
    return n


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """How to find and lint the files: shared by check and report."""
    p.add_argument("--jobs", "-j", type=_count, metavar="N", default=None,
                   help="lint files in N processes (default: one per CPU); results keep the same order")
    p.add_argument("--no-cache", action="store_true",
                   help="lint every file again, even if it has not changed since the last run")
    p.add_argument("--changed-since", metavar="REF",
                   help="check only files changed since this git ref (a branch, tag or commit), new files included")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name (and so the format) of standard input")
    _add_follow_links(p)


def _add_follow_links(p: argparse.ArgumentParser) -> None:
    p.add_argument("--follow-links", action="store_true",
                   help="also read documents that are links to files outside the folder being checked, and "
                   "look in linked folders (without it, such links are left out, with a line saying so)")


def _choices(names: Any, last: str = "or") -> str:
    """'a, b or c'."""
    names = list(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1] if len(names) > 1 else "".join(names)


def _skipped(line: str) -> None:
    """Say that a document was left out (a link out of the folder being checked): one line on standard error."""
    sys.stderr.write(f"speakeasy: {line}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="speakeasy",
        description="A plain-language linter for policy documents.",
        epilog="Exit codes: 0 nothing to fail on, 1 findings at or above --fail-on, 2 usage or input error, "
        "3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"speakeasy {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="check documents and report what is hard to read",
                           description=_check_description)
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check; - for standard input")
    formats = check_formats()
    for_people = [n for n, f in formats.items() if f.for_people]
    check.add_argument("--format", choices=tuple(formats), default="human",
                       help="how to show the results: " + _choices(f"{n} ({f.help})" if f.help else n
                                                                   for n, f in formats.items()))
    check.add_argument("--output", "-o", metavar="FILE",
                       help="write the report to FILE instead of standard output (the file is replaced whole "
                       f"at the end). With {_choices((n for n in formats if n not in for_people), 'or')}, the "
                       "results for people are still shown on the screen; with "
                       f"{_choices(for_people, 'or')}, they go only to FILE, without colour")
    check.add_argument("--max-findings", type=_count, metavar="N",
                       help="also fail (exit 1) when there are more than N findings of any level")
    _add_run_options(check)
    check.add_argument("--baseline", metavar="FILE",
                       help="report and fail only on findings that are not in this baseline "
                       "(made with `speakeasy baseline create`)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in human output (NO_COLOR is respected)")
    check.add_argument("--quiet", "-q", action="store_true",
                       help="only show files with findings: a file with nothing to show is left out, "
                       "with its scores")
    check.add_argument("--min-level", choices=LEVEL_NAMES, metavar="LEVEL",
                       help="show only findings at this level or above: suggestion, warning or error. It works "
                       "the same in every --format. It changes what is shown, not the exit code: findings that "
                       "are not shown still count for --fail-on and --max-findings, and speakeasy says so when "
                       "they make the check fail")
    check.add_argument("--statistics", action="store_true",
                       help="instead of each finding, show how many findings each rule and each word or phrase "
                       "made, most first. For --format human, or with --output FILE (the counts then go on "
                       "the screen)")
    check.add_argument("--hot-spots", type=_count, default=3, metavar="N",
                       help="after each file's findings, show its N hardest paragraphs (plain score below 60, "
                       "20 words or more) and what makes them hard; 0 to leave them out (default 3)")
    check.add_argument("--every-use", action="store_true",
                       help="show every use of a word in full. Without it, a word used again in the same file "
                       "is shown in full the first time, then in one line that says how many more times and "
                       "on which lines. The other formats always list every use")
    check.add_argument("--flesch", action="store_true",
                       help="also show each file's Flesch reading ease and Flesch-Kincaid grade beside the plain "
                       "score (they are always in the JSON output)")
    _add_config_options(check)

    report = sub.add_parser(
        "report",
        help="write one HTML page about documents, to read in a browser or keep from a CI run",
        description="Check documents and write one self-contained, accessible HTML page: a summary of each "
        "document, a chart of how hard each paragraph is, and the text with every finding marked and its "
        "plain words next to it. The page needs no internet connection.",
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check; - for standard input")
    report.add_argument("--output", "-o", metavar="FILE", default="speakeasy-report.html",
                        help="where to write the page (default: speakeasy-report.html; the file is replaced "
                        "whole at the end)")
    report.add_argument("--title", metavar="TEXT",
                        help="the page's title (default: 'Plain English report', and the file's name for one file)")
    _add_run_options(report)
    _add_config_options(report)

    fix = sub.add_parser(
        "fix",
        help="apply the safe fixes (one plain alternative, agreed for every context)",
        description="Apply the safe fixes: words with exactly one plain alternative and no `unless`. "
        "By default writes NAME.fixed.EXT next to each file. A file with nothing to change is not written.",
    )
    fix.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to fix")
    where = fix.add_mutually_exclusive_group()
    where.add_argument("--in-place", action="store_true",
                       help="change the files themselves. The old text is kept: in git when the file is as it "
                       "was last committed, otherwise in a copy next to it, NAME.bak")
    where.add_argument("--output", "-o", metavar="FILE", help="write the fixed file here (one input file only)")
    where.add_argument("--diff", action="store_true",
                       help="show what would change and write nothing: a unified diff for Markdown and text "
                       "files; for Word and OpenDocument files, each changed paragraph before and after. The "
                       "exit code is the one fix would give")
    fix.add_argument("--no-backup", action="store_true",
                     help="with --in-place, do not keep the old text (for pre-commit hooks, where git keeps it)")
    fix.add_argument("--as-suggestions", action="store_true",
                     help="Word files: write the changes as tracked changes with comments, to accept or reject in Word")
    fix.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    _add_follow_links(fix)
    _add_config_options(fix)

    base = sub.add_parser(
        "baseline",
        help="record today's findings, so that checks fail only on new ones",
        description="speakeasy baseline create PATH... -o FILE records a fingerprint for every finding "
        "(rule, words and the words around them; not line numbers). Then `speakeasy check --baseline FILE` "
        "reports only findings that are not in it.",
    )
    base.add_argument("action", choices=("create",), help="create: write a new baseline")
    base.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    base.add_argument("--output", "-o", metavar="FILE", required=True, help="where to write the baseline")
    _add_config_options(base)

    rules = sub.add_parser("rules", help="list the rules in use", description="List every active rule.")
    rules.add_argument("--all", action="store_true", help="also list rules that are switched off")
    rules.add_argument("--format", choices=("human", "json"), default="human")
    _add_config_options(rules)

    explain = sub.add_parser("explain", help="explain a rule", description="Explain a rule: what, why, examples, sources.")
    explain.add_argument("rule", metavar="RULE", help="a rule id, like plain-english.words")
    _add_config_options(explain)

    config = sub.add_parser("config", help="show the configuration", description="Show the merged configuration.")
    config.add_argument("--show", action="store_true", help="print every setting and where it came from (the default)")
    config.add_argument("--format", choices=("human", "json"), default="human")
    _add_config_options(config)

    validate = sub.add_parser("validate", help="check rule packs and wordlists for mistakes",
                              description="Check rule packs and wordlists. With no files, checks the ones in use.")
    validate.add_argument("files", nargs="*", metavar="FILE")
    _add_config_options(validate)

    review = sub.add_parser("review", help="go through a document finding by finding and choose the plain words",
                            description=_review_description)
    review.add_argument("path", metavar="PATH", help="a file or folder to review")
    review.add_argument("--high-contrast", action="store_true", help="use the high-contrast colours")
    _add_config_options(review)

    from .words.cli import add_parser as add_words_parser

    add_words_parser(sub, _add_config_options)

    cache = sub.add_parser("cache", help="show or empty the results cache",
                           description="Show where the results cache is and how big it is (info), remove the "
                           "entries used longest ago until it is under its size limit (prune), or empty it "
                           "(clear). The cache only saves time: emptying it never changes a result.")
    cache.add_argument("action", nargs="?", choices=("info", "prune", "clear"), default="info",
                       help="what to do (default: info)")

    plugins = sub.add_parser(
        "plugins", help="list the installed plugins and whether they are in use",
        description="List the installed plugins: the name to put in `plugins:` in .speakeasy.yaml, what each "
        "provides (rule kinds, readers, rule packs), its version, and whether your configuration uses it. "
        "Plugins that are not in use are not loaded.",
    )
    plugins.add_argument("--format", choices=("human", "json"), default="human")
    _add_config_options(plugins)

    schema = sub.add_parser("schema", help="print the JSON Schema of packs, wordlists, configuration or output")
    schema.add_argument("which", choices=("pack", "wordlist", "config", "profile", "report"))
    return parser


def _print_error(exc: SpeakeasyError) -> None:
    """One line per problem, starting `speakeasy: error:`, then its excerpt if any."""
    from .schema import DataErrors

    problems = exc.errors if isinstance(exc, DataErrors) and exc.errors else [exc]
    for problem in problems:
        lines = problem.render().splitlines() or [""]
        sys.stderr.write(f"speakeasy: error: {lines[0]}\n")
        for line in lines[1:]:
            sys.stderr.write(line + "\n")
    if len(problems) > 1:
        sys.stderr.write(f"Found {len(problems)} problems.\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return _COMMANDS[args.command](args)
    except SpeakeasyError as exc:
        _print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("speakeasy: stopped.\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `speakeasy check . | head`
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:  # pragma: no cover
            pass
        return EXIT_OK
    except OSError as exc:
        if exc.errno not in _FULL:
            return _internal_error(exc)
        # standard output (or standard error) goes to a file on a disk that is full
        from .errors import write_reason

        try:  # what is left in the buffer goes nowhere, so Python's last flush at exit cannot fail again
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass
        try:
            sys.stderr.write(f"speakeasy: error: could not write the output ({write_reason(exc)}).\n")
        except OSError:
            pass
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a bare traceback
        return _internal_error(exc)


#: errno values that mean a write found no room: a full disk, a full quota, ``ulimit -f``
_FULL = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, name)}


def _internal_error(exc: BaseException) -> int:
    import traceback

    sys.stderr.write(
        f"speakeasy: internal error: {type(exc).__name__}: {exc}\n"
        f"This is a bug in speakeasy {__version__}. Please report it, with the details below.\n"
    )
    traceback.print_exception(exc, file=sys.stderr)
    return EXIT_INTERNAL


# ---------------------------------------------------------------------------
# Commands


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
    """Lint ``args.paths`` (``-`` is standard input) as `_add_run_options` asks: results as they come."""
    from .cache import enabled as cache_enabled
    from .engine import iter_results

    stdin = sys.stdin.buffer.read() if "-" in args.paths else None
    only = None
    if args.changed_since:
        from .engine import changed_since

        only = changed_since(args.changed_since)
    jobs = args.jobs if args.jobs else (os.cpu_count() or 1)
    results = iter_results(args.paths, ruleset, stdin=stdin, stdin_filename=args.stdin_filename, only=only,
                           jobs=max(jobs, 1), use_cache=cache_enabled(settings, args.no_cache),
                           follow_links=args.follow_links, on_skip=_skipped)
    if _show_progress(sys.stderr):
        from .engine import collect_files

        total = len(collect_files(args.paths, settings, args.follow_links)[0])
        if total >= PROGRESS_FROM:
            results = progress(results, total, sys.stderr)
    return results


def cmd_check(args: argparse.Namespace) -> int:
    from .engine import build_ruleset
    from .levels import LevelFilter
    from .model import Level
    from .reporters import Context, get

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
    output = _AtomicOutput(args.output) if args.output else None  # fails early if FILE cannot be written
    # Output for programs on standard output is held back and written whole at the end: a run that
    # stops half way (a bug, Ctrl-C) never leaves half a JSON document for another program to read.
    held = _HeldOutput() if output is None and not fmt.for_people else None
    try:
        results = _run(args, settings, ruleset)
        if args.baseline:
            from . import baseline

            results = baseline.only_new(results, baseline.load(args.baseline))
        results = levels.wrap(results)
        stream = output.stream if output is not None else held if held is not None else sys.stdout
        echo = None
        if not fmt.for_people and output is not None:  # the results for people still go on the screen
            from .reporters.human import Echo

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
                sys.stderr.write(f"speakeasy: error: "
                                 f"{e.message if e.message.startswith(e.path) else e.path + ': ' + e.message}\n")
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


def _cannot_write(target: str, exc: OSError) -> SpeakeasyError:
    from .errors import write_reason

    return SpeakeasyError(f"{target}: cannot write the report ({write_reason(exc)}). "
                          "speakeasy wrote no report, and left any older one as it was.")


class _GuardedText(io.TextIOWrapper):
    """A text file whose write errors (a full disk) are a one-line :class:`SpeakeasyError` naming ``target``."""

    target = ""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None


class _AtomicOutput:
    """A report file written to a temporary file next to it, then renamed over it.

    The file appears whole or not at all: when anything fails (a full disk,
    ``ulimit -f``, an error in the run), the temporary file is removed and
    the target is left as it was.
    """

    def __init__(self, target: str) -> None:
        import tempfile

        self.target = target
        folder = os.path.dirname(os.path.abspath(target))
        if os.path.isdir(target):
            raise SpeakeasyError(f"{target}: is a folder; give a file name for --output.")
        try:
            fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=".speakeasy-", suffix=".tmp")
        except OSError as exc:
            raise SpeakeasyError(f"{target}: cannot write the report here ({exc.strerror or exc}).") from None
        self.stream = _GuardedText(io.BufferedWriter(io.FileIO(fd, "w")), encoding="utf-8", newline="\n")
        self.stream.target = target
        self.done = False

    def commit(self) -> None:
        from .io.atomic import umask

        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.tmp, 0o666 & ~umask())
            os.replace(self.tmp, self.target)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None
        self.done = True

    def discard(self) -> None:
        if self.done:
            return
        try:
            self.stream.close()
        except (OSError, SpeakeasyError):
            pass  # the data that would not fit is thrown away with the file
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


class _HeldOutput:
    """Machine-readable output kept until the run is complete, then written to standard output at once.

    Up to :data:`HELD_IN_MEMORY` characters stay in memory; more go to an
    unnamed temporary file, which the system removes however speakeasy ends.
    """

    def __init__(self) -> None:
        import tempfile

        self._buffer = tempfile.SpooledTemporaryFile(max_size=HELD_IN_MEMORY, mode="w+", encoding="utf-8",
                                                     newline="\n")

    def write(self, text: str) -> int:
        try:
            return self._buffer.write(text)
        except OSError as exc:
            from .errors import write_reason

            raise SpeakeasyError(f"could not keep the output while the run went on ({write_reason(exc)}), so "
                                 "none was written.") from None

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def release(self, out: Any) -> None:
        import shutil

        self._buffer.seek(0)
        shutil.copyfileobj(self._buffer, out)
        out.flush()

    def close(self) -> None:
        try:
            self._buffer.close()
        except OSError:
            pass


#: Characters of machine-readable output held in memory before the rest goes to a temporary file.
HELD_IN_MEMORY = 32 * 1024 * 1024


def _report_time() -> Any:
    """Now, or SOURCE_DATE_EPOCH (UTC) when it is set, for pages that are the same in every build."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return datetime.datetime.now().astimezone()


def cmd_report(args: argparse.Namespace) -> int:
    from .engine import build_ruleset
    from .io.atomic import write_atomically
    from .reporters import Context, get

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
        sys.stderr.write(f"speakeasy: error: {e.message if e.message.startswith(e.path) else e.path + ': ' + e.message}\n")
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
    from .engine import build_ruleset, collect_files, lint_document
    from .errors import InputError
    from .fix import fix_file, render_diff
    from .model import Level
    from .readers import capabilities

    settings = _settings(args)
    ruleset = build_ruleset(settings)
    files, missing = collect_files(args.paths, settings, args.follow_links, _skipped)
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
            from .model import ReadError

            problems.append(ReadError(exc.path, exc.message, exc.code))
            continue
        except OSError as exc:  # a fault of the file system that nothing above turned into words
            from .errors import write_reason
            from .model import ReadError

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
            from .readers import read_bytes, read_path

            try:
                after = lint_document(read_bytes(path, result.data) if result.data is not None else read_path(path),
                                      ruleset)
                remaining += sum(1 for f in after.findings if f.level >= Level.parse(fail_on))
            except InputError:
                pass
    for e in problems:
        sys.stderr.write(f"speakeasy: error: {e.message if e.message.startswith(e.path) else e.path + ': ' + e.message}\n")
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
    from . import baseline
    from .engine import build_ruleset, iter_results
    from .model import ReadError

    ruleset = build_ruleset(_settings(args))
    errors: list[ReadError] = []

    def results():  # type: ignore[no-untyped-def]
        for item in iter_results(args.paths, ruleset):
            if isinstance(item, ReadError):
                errors.append(item)
            yield item

    data = baseline.create(results())
    for e in errors:
        sys.stderr.write(f"speakeasy: error: {e.message if e.message.startswith(e.path) else e.path + ': ' + e.message}\n")
    if errors:
        return EXIT_USAGE
    try:
        baseline.write(data, args.output)
    except OSError as exc:
        from .errors import write_reason

        raise SpeakeasyError(f"{args.output}: cannot write the baseline ({write_reason(exc)}).") from None
    sys.stdout.write(f"Recorded {data['findings']} {'finding' if data['findings'] == 1 else 'findings'} "
                     f"in {len(data['files'])} {'file' if len(data['files']) == 1 else 'files'} to {args.output}.\n")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from .engine import build_ruleset

    ruleset = build_ruleset(_settings(args))
    rules = ruleset.rules if args.all else ruleset.active
    if args.format == "json":
        import json

        data = [
            {"id": r.id, "pack": r.pack, "kind": r.kind, "level": str(r.level), "enabled": r.enabled,
             "summary": r.summary}
            for r in rules
        ]
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=10)
    lwidth = max((len(str(r.level)) for r in rules), default=7)
    for r in rules:
        state = "" if r.enabled else "  (off)"
        sys.stdout.write(f"{r.id:<{width}}  {str(r.level):<{lwidth}}  {r.pack:<14}  {r.summary}{state}\n")
    sys.stdout.write(f"\n{len(rules)} rules. Run `speakeasy explain RULE` to read about one.\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    import difflib
    import textwrap

    from .engine import build_ruleset

    ruleset = build_ruleset(_settings(args))
    rule = ruleset.get(args.rule)
    if rule is None:
        ids = [r.id for r in ruleset.rules]
        close = difflib.get_close_matches(args.rule, ids, n=1, cutoff=0.4)
        hint = f" Did you mean '{close[0]}'?" if close else " Run `speakeasy rules` to see the rule ids."
        raise SpeakeasyError(f"there is no rule called '{args.rule}'.{hint}")
    pack = next((p for p in ruleset.packs if p.id == rule.pack), None)

    def para(text: str, indent: str = "  ") -> str:
        return textwrap.fill(" ".join(text.split()), width=78, initial_indent=indent, subsequent_indent=indent)

    out = [f"{rule.id}  ({rule.level}, kind: {rule.kind}{'' if rule.enabled else ', switched off'})", ""]
    out += [para(rule.summary), "", "Why it matters:", para(rule.why), ""]
    def example(text: str) -> str:
        # keep the lines of multi-line examples (tables, headings); wrap prose
        if "\n" in text.strip():
            return "\n".join("    " + line for line in text.strip().splitlines())
        return para(text, "    ")

    out += ["Instead of this:", example(rule.example_bad), "", "Write this:", example(rule.example_good), ""]
    if rule.fix_safety:
        out += ["Fixes:", para(rule.fix_safety), ""]
    thresholds = rule.options.get("thresholds")
    if thresholds:
        out += ["Thresholds: " + ", ".join(f"{k} {v}" for k, v in thresholds.items()), ""]
    topics = [wl for wl in rule.wordlists if wl.topic is not None]
    if topics:
        out.append("Where it looks:")
        for wl in topics:
            assert wl.topic is not None
            everywhere = sum(1 for e in wl.entries if e.everywhere and e.status == "agreed")
            if rule.options.get("everywhere"):
                text = (f"The words of '{wl.title}' are about {wl.topic.about}, but your settings say to flag them "
                        "in every part of a document.")
            else:
                text = (f"The words of '{wl.title}' are about {wl.topic.about}. They are flagged only in the parts "
                        f"of a document about that: sections with words like "
                        f"{', '.join(repr(w) for w in wl.topic.words[:4])}. {everywhere} of them are jargon in any "
                        "text, and are flagged everywhere. To flag them all everywhere, set `everywhere: true` for "
                        "this rule in your settings.")
            out.append(para(text))
        out.append("")
    out.append("Where its words came from:")
    if rule.wordlists:
        for wl in rule.wordlists:
            agreed = sum(1 for e in wl.entries if e.status == "agreed")
            out.append(f"  - {wl.title} ({wl.path}): {agreed} words, licence {wl.licence}")
            for s in wl.sources:
                credit = f"{s.name}" + (f", {s.licence}" if s.licence else "") + (f", {s.url}" if s.url else "")
                out.append(f"      {credit}")
                if s.attribution:
                    out.append(f"      {s.attribution}")
            if wl.maintained_by:
                out.append(f"      Looked after by {wl.maintained_by}.")
    if pack is not None:
        out.append(f"  - the pack '{pack.title}' ({pack.path}), version {pack.version}, licence {pack.licence}")
        for s in pack.sources:
            out.append(f"      {s.name}" + (f", {s.licence}" if s.licence else "") + (f", {s.url}" if s.url else ""))
        if pack.co_produced_by:
            out.append(f"      Co-produced by {', '.join(pack.co_produced_by)}.")
    if rule.link:
        out += ["", f"Read more: {rule.link}"]
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.format == "json":
        import json

        data = {
            "config_file": str(settings.config_path) if settings.config_path else None,
            "settings": {k: {"value": _jsonable(v), "from": settings.origins.get(k, "")} for k, v in settings.values.items()},
            "rule_changes": [{"rule": o.selector, "change": _jsonable(_switch(o.value)), "from": o.origin}
                             for o in settings.overrides],
        }
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    out = []
    from .paths import display_path

    where = display_path(settings.config_path) if settings.config_path else "none found (using the defaults)"
    out.append(f"Configuration file: {where}")
    out.append("")
    width = max(len(k) for k in settings.values)
    for key, value in settings.values.items():
        if key == "rules":
            continue
        out.append(f"{key:<{width}}  {_show(value):<30}  from {settings.origins.get(key, '')}")
    out.append("")
    if settings.overrides:
        out.append("Changes to rules, in the order they apply:")
        for o in settings.overrides:
            out.append(f"  {o.selector}: {_show(_switch(o.value))}  (from {o.origin})")
    else:
        out.append("Changes to rules: none")
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _switch(value: Any) -> Any:
    """YAML reads `off` as false: show rule switches as people wrote them."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return value


def _jsonable(value: Any) -> Any:
    import datetime

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, Path)):
        return str(value)
    return value


def _show(value: Any) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)


def cmd_validate(args: argparse.Namespace) -> int:
    from .packs import load_pack, load_wordlist, not_read
    from .paths import regular_file
    from .schema import DataErrors

    errors = []
    checked = 0
    if args.files:
        from . import plugins

        # a pack may use the kinds and wordlists of the plugins the settings name
        plugins.activate(_settings(args).values.get("plugins") or [])
        for f in args.files:
            p = Path(f)
            try:
                regular_file(p)  # a named pipe, a device or a folder is neither a pack nor a wordlist
            except InputError as exc:
                errors.append(not_read(exc))
                continue
            try:
                if _is_pack(p):
                    load_pack(p)
                else:
                    load_wordlist(p)
                checked += 1
            except DataErrors as exc:
                errors.extend(exc.errors)
    else:
        from .engine import build_ruleset

        try:
            ruleset = build_ruleset(_settings(args))
            checked = len(ruleset.packs) + sum(len(r.wordlists) for r in ruleset.rules)
        except DataErrors as exc:
            errors.extend(exc.errors)
    for e in errors:
        text = e.render().splitlines()
        sys.stderr.write(f"speakeasy: error: {text[0]}\n" + "".join(line + "\n" for line in text[1:]))
    if errors:
        sys.stderr.write(f"Found {len(errors)} problem{'s' if len(errors) != 1 else ''}.\n")
        return EXIT_USAGE
    sys.stdout.write(f"All good: checked {checked} file{'s' if checked != 1 else ''}.\n")
    return EXIT_OK





def cmd_review(args: argparse.Namespace) -> int:
    if not Path(args.path).exists():
        raise SpeakeasyError(f"{args.path}: this file or folder does not exist.")
    settings = _settings(args)
    from .tui import run  # imports textual only now

    keymap = {str(k): str(v) for k, v in (settings["keymap"] or {}).items()}
    return run(args.path, settings, high_contrast=args.high_contrast, keymap=keymap)


def cmd_words(args: argparse.Namespace) -> int:
    from .words.cli import run

    return run(args)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def cmd_cache(args: argparse.Namespace) -> int:
    from . import cache

    where = cache.info()
    if where.folder is None:
        sys.stdout.write("The cache is turned off (SPEAKEASY_CACHE_DIR is empty).\n")
        return EXIT_OK
    if args.action == "clear":
        n = cache.clear()
        sys.stdout.write(f"Removed {n} file{'s' if n != 1 else ''} from {where.folder}.\n")
        return EXIT_OK
    if args.action == "prune":
        n = cache.prune()
        after = cache.info()
        sys.stdout.write(f"Removed {n} file{'s' if n != 1 else ''}; the cache now holds "
                         f"{_megabytes(after.size)} (limit {_megabytes(cache.max_bytes())}).\n")
        return EXIT_OK
    sys.stdout.write(
        f"Folder: {where.folder}\n"
        f"Results of files: {where.results}\n"
        f"Other entries (word forms, wordlists): {where.other}\n"
        f"Size: {_megabytes(where.size)} (limit {_megabytes(cache.max_bytes())}, "
        "set with SPEAKEASY_CACHE_MAX_MB)\n"
    )
    return EXIT_OK


def cmd_plugins(args: argparse.Namespace) -> int:
    from .plugins import canonical, discover

    settings = _settings(args)
    enabled = {canonical(n) for n in settings["plugins"] or []}
    found = discover()
    rows = [{"name": p.name, "version": p.version, "provides": p.provides, "enabled": key in enabled,
             "entry_points": [{"group": ep.group, "name": ep.name, "value": ep.value} for ep in p.entry_points]}
            for key, p in found.items()]
    if args.format == "json":
        import json

        json.dump({"plugins": rows}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        sys.stdout.write("No plugins are installed. Read docs/plugins.md to find out about them.\n")
        return EXIT_OK
    width = max(len(r["name"]) for r in rows)
    vwidth = max(len(r["version"]) for r in rows)
    for r in rows:
        state = "in use" if r["enabled"] else "not in use"
        sys.stdout.write(f"{r['name']:<{width}}  {r['version']:<{vwidth}}  {state:<10}  {', '.join(r['provides'])}\n")
    used = sum(1 for r in rows if r["enabled"])
    sys.stdout.write(f"\n{len(rows)} {'plugin' if len(rows) == 1 else 'plugins'} installed, {used} in use. "
                     "To use one, add its name to `plugins:` in .speakeasy.yaml.\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .jsonschema import schemas

    json.dump(schemas()[args.which], sys.stdout, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


_COMMANDS = {
    "check": cmd_check,
    "report": cmd_report,
    "fix": cmd_fix,
    "baseline": cmd_baseline,
    "review": cmd_review,
    "rules": cmd_rules,
    "explain": cmd_explain,
    "config": cmd_config,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "cache": cmd_cache,
    "words": cmd_words,
    "plugins": cmd_plugins,
}
