"""The ``speakeasy`` command: its parser and :func:`main`.

The commands are in :mod:`.lint` (``check``, ``report``, ``fix``,
``baseline``, ``review``) and :mod:`.info` (``rules``, ``explain``,
``config``, ``validate``, ``cache``, ``plugins``, ``schema``);
``speakeasy words`` is :mod:`speakeasy.words.cli`.  Where a report is
written (a file that appears whole, standard output held back until the run
is complete) is :mod:`.output`.

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
import os
import sys
from typing import Any, Sequence

from ..cliargs import add_follow_links, whole_number
from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, SpeakeasyError, error_text
from ..reporters import check_formats
from ..version import __version__
from .info import cmd_cache, cmd_config, cmd_explain, cmd_help, cmd_plugins, cmd_rules, cmd_schema, cmd_validate
from .lint import cmd_baseline, cmd_check, cmd_fix, cmd_report, cmd_review

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
        sys.stderr.write(error_text(message))
        raise SystemExit(EXIT_USAGE)

    def format_help(self) -> str:
        if callable(self.description):
            self.description = self.description()
        return super().format_help()


def _read_suffixes(can_fix: bool | None = None) -> list[str]:
    """The file endings speakeasy's own readers read; with ``can_fix``, only those whose files can (or cannot) be changed."""
    from ..readers import builtin_suffixes, capabilities

    out = []
    for suffix in builtin_suffixes():
        caps = capabilities(path="document" + suffix)
        if can_fix is None or (caps is not None and caps.can_fix == can_fix):
            out.append(suffix)
    return out


def formats_read() -> str:
    """Every format speakeasy's own readers read, with its file endings: 'docx (.docx), html (.htm, .html), ...'."""
    from ..readers import format_for

    endings: dict[str, list[str]] = {}
    for suffix in _read_suffixes():
        endings.setdefault(format_for("document" + suffix) or suffix, []).append(suffix)
    return ", ".join(f"{name} ({', '.join(found)})" for name, found in sorted(endings.items()))


def _check_description() -> str:
    return (f"Check documents and folders. speakeasy reads {formats_read()}, and the formats of the plugins in "
            "use (speakeasy plugins lists them). Use - to read standard input.")


def _review_description() -> str:
    from ..readers import capabilities

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
    from ..config import CONFIG
    from ..readers import LANDMARKS
    from ..schema.words import guess_choice

    names = [n.strip().lower() for n in value.split(",") if n.strip()]
    for name in names:
        if name not in LANDMARKS:
            guess = guess_choice(name, CONFIG.field("include_landmarks"))  # type: ignore[arg-type]
            hint = f" Did you mean '{guess}'?" if guess else ""
            raise argparse.ArgumentTypeError(
                f"'{name}' is not a part of a web page speakeasy knows. Use header, footer, nav or aside.{hint}")
    if not names:
        raise argparse.ArgumentTypeError("name one or more of header, footer, nav and aside")
    return names


_count = whole_number(0)


def _add_run_options(p: argparse.ArgumentParser) -> None:
    """How to find and lint the files: shared by check and report."""
    p.add_argument("--jobs", "-j", type=_count, metavar="N", default=None,
                   help="lint files in N processes (default: one per CPU); results keep the same order")
    p.add_argument("--no-cache", action="store_true",
                   help="lint every file again, even if it has not changed since the last run")
    p.add_argument("--changed-since", metavar="REF",
                   help="check only files changed since this git ref (a branch, tag or commit), new files included")
    p.add_argument("--stdin-filename", metavar="NAME", help="the name (and so the format) of standard input")
    add_follow_links(p)


def _choices(names: Any, last: str = "or") -> str:
    """'a, b or c'."""
    names = list(names)
    return ", ".join(names[:-1]) + f" {last} " + names[-1] if len(names) > 1 else "".join(names)


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
    add_follow_links(fix)
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

    explain = sub.add_parser("explain", help="explain a rule, or why a word is flagged",
                             description="Explain a rule: what, why, examples, sources. Or give a word: which "
                             "list flags it, why, and who agreed it.")
    explain.add_argument("rule", metavar="RULE|TERM", help="a rule id, like plain-english.words, or a word, like respite")
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

    from ..words.cli import add_parser as add_words_parser

    add_words_parser(sub, _add_config_options)
    from ..forum.cli import add_parser as add_forum_parser

    add_forum_parser(sub, _add_config_options)

    from ..audit.cli import add_parser as add_audit_parser

    add_audit_parser(sub, _add_config_options)

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

    lsp = sub.add_parser("lsp", help="run the language server, so editors show findings as you type",
                         description="Run speakeasy's language server (the Language Server Protocol) over standard "
                         "input and output, for an editor to start. It needs pygls: pip install "
                         "'speakeasy-lint[lsp]'. Your editor starts it: 'speakeasy help editors' shows how to set up "
                         "VS Code, Neovim, Emacs and Helix.")
    lsp.add_argument("--stdio", action="store_true", help="talk over standard input and output (the only way, "
                     "and the default; some editors pass it)")

    schema = sub.add_parser("schema", help="print the JSON Schema of packs, wordlists, configuration or output")
    schema.add_argument("which", choices=("pack", "wordlist", "config", "profile", "report"))

    guide = sub.add_parser("help", help="read a guide, like 'speakeasy help plugins'; list them with 'speakeasy help'",
                           description="Show one of speakeasy's guides, or list them. They come with speakeasy, so "
                           "they need no internet connection. For a command's options, use speakeasy COMMAND --help.")
    guide.add_argument("topic", nargs="?", metavar="TOPIC", help="the guide to show, like plugins or configuration")
    return parser


def _print_error(exc: SpeakeasyError) -> None:
    """One line per problem, starting `speakeasy: error:`, then its excerpt if any."""
    from ..schema import DataErrors

    problems = exc.errors if isinstance(exc, DataErrors) and exc.errors else [exc]
    for problem in problems:
        sys.stderr.write(error_text(problem.render(), getattr(problem, "path", None)))
    if len(problems) > 1:
        sys.stderr.write(f"Found {len(problems)} problems.\n")


def main(argv: Sequence[str] | None = None) -> int:
    from ..lexicon import import_lemminflect_without_spacy

    import_lemminflect_without_spacy()  # lemminflect would import spaCy only to hook into it (about a second)
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
        from ..errors import write_reason

        try:  # what is left in the buffer goes nowhere, so Python's last flush at exit cannot fail again
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass
        try:
            sys.stderr.write(error_text(f"could not write the output ({write_reason(exc)})."))
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


def cmd_words(args: argparse.Namespace) -> int:
    from ..words.cli import run

    return run(args)


def cmd_lsp(args: argparse.Namespace) -> int:
    from ..lsp import run

    return run()


def cmd_forum(args: argparse.Namespace) -> int:
    from ..forum.cli import run

    return run(args)


def cmd_audit(args: argparse.Namespace) -> int:
    from ..audit.cli import cmd_audit as run

    return run(args)


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
    "forum": cmd_forum,
    "plugins": cmd_plugins,
    "lsp": cmd_lsp,
    "help": cmd_help,
    "audit": cmd_audit,
}
