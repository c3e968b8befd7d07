"""The ``speakeasy words ...`` commands: add, show, retire, check, import, export, glossary, suggest, stats, edit."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any, Callable

from ..errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, error_text
from ..schema import DataErrors
from .lint import lists_in_use

LIST_HELP = "the wordlist file to use (default: your one wordlist in the configuration)"


def add_parser(sub: Any, add_config_options: Callable[[argparse.ArgumentParser], None]) -> None:
    words = sub.add_parser(
        "words", help="add, check, import, export and publish jargon wordlists",
        description="Work on wordlists without editing them by hand. Every change keeps the file's comments "
        "and layout, and is checked before it is saved.")
    wsub = words.add_subparsers(dest="words_command", metavar="ACTION", parser_class=type(words))

    add = wsub.add_parser("add", help="add a word and its plain alternatives to a wordlist",
                          description="Add a word to a wordlist, in A to Z order. Without --agreed, the word "
                          "is proposed: it is used only with --include-proposed until the forum agrees it. "
                          "The list file is made if it does not exist yet.")
    add.add_argument("term", metavar="TERM", help="the word or phrase to avoid")
    add.add_argument("--use", action="append", required=True, metavar="PLAIN",
                     help="a plainer word or phrase to use instead; repeat for more, or put ; between them. "
                     "For each part of speech, start with the part: --use 'noun: effect' --use 'verb: affect; change'")
    add.add_argument("--why", required=True, metavar="TEXT", help="why the word is a problem, in plain words")
    add.add_argument("--by", dest="added_by", required=True, metavar="NAME", help="who is adding the word")
    add.add_argument("--agreed", metavar="DATE", help="the date the forum agreed it, like 2026-03-14")
    add.add_argument("--agreed-by", metavar="GROUP", help="the forum or group that agreed it")
    add.add_argument("--as", dest="parts", action="append", default=[], metavar="PART",
                     help="the part of speech the term is jargon as: noun, verb, adjective or adverb; repeat, "
                     "or put commas between them (default: any). A term can be in a list once for each part "
                     "of speech")
    add.add_argument("--when", action="append", default=[], metavar="WORD",
                     help="a word that must be near the term for it to be flagged; repeat for more")
    add.add_argument("--unless", action="append", default=[], metavar="WORD",
                     help="a word that makes the term fine when it is near; repeat for more")
    add.add_argument("--within", metavar="HOW_NEAR",
                     help="how near the --when and --unless words must be: sentence (the default), paragraph, "
                     "section or document")
    add.add_argument("--everywhere", action="store_true",
                     help="the word is jargon in any text, even if the list has a topic")
    add.add_argument("--example", action="append", default=[], metavar="SENTENCE",
                     help="a sentence that uses the word; repeat for more")
    add.add_argument("--explained-ok", action="store_true", help="the word is fine once the document explains it")
    add.add_argument("--fix", metavar="safe|ask",
                     help="safe: speakeasy fix may put the plain word in by itself. Only for a word with one "
                     "meaning and one plain word (one --use). ask (the default): a person decides in "
                     "speakeasy review")
    add.add_argument("--notes", metavar="TEXT", help="anything else the forum wants to write down")
    add.add_argument("--source", metavar="TEXT", help="where the word came from")
    add.add_argument("--licence", metavar="CODE", help="the licence of the source, like CC-BY-4.0")
    add.add_argument("--review-by", metavar="DATE", help="when to look at the word again, like 2027-03-14")
    add.add_argument("--list", metavar="FILE", help=LIST_HELP)
    add.add_argument("--title", metavar="TITLE", help="the title of a new list (default: from the file name)")
    add.add_argument("--override", action="store_true",
                     help="the word is in a list speakeasy ships: use your words, reason and status for it "
                     "instead, for your organisation. Without this, speakeasy asks (when you type the command "
                     "yourself)")
    add_config_options(add)

    show = wsub.add_parser("show", help="show every list that has a word, with its plain words and who agreed it",
                           description="Show every wordlist in use that has a word (or a form of it): the plain "
                           "words, the reason, examples, status, and who added and agreed it. Exit code 1 when "
                           "no list has it.")
    show.add_argument("term", metavar="TERM", help="the word or phrase, in any form: signposting finds signpost")
    show.add_argument("--list", metavar="FILE", help="a wordlist to look in too")
    add_config_options(show)

    ret = wsub.add_parser("retire", help="stop flagging a word, and keep it in the list for the record",
                          description="Retire a word: speakeasy no longer flags it, and the entry stays in the "
                          "list, with when, who and why. A word from a list speakeasy ships is added to your "
                          "list as retired, so it is no longer flagged for your organisation.")
    ret.add_argument("term", metavar="TERM", help="the word or phrase to retire")
    ret.add_argument("--why", required=True, metavar="TEXT", help="why the word is no longer flagged, in plain words")
    ret.add_argument("--by", dest="retired_by", metavar="NAME", help="who is retiring the word")
    ret.add_argument("--as", dest="parts", action="append", default=[], metavar="PART",
                     help="which entry, when the term has one for each part of speech: noun, verb, adjective or adverb")
    ret.add_argument("--list", metavar="FILE", help=LIST_HELP)
    add_config_options(ret)

    check = wsub.add_parser("check", help="check wordlists and rule packs for mistakes",
                            description="Check wordlists (and rule packs) for mistakes: the shape of the file, "
                            "words listed twice, alternatives that are not plain, examples that are not "
                            "flagged, and A to Z order. With no files, checks the lists in use.")
    check.add_argument("files", nargs="*", metavar="FILE")
    check.add_argument("--fix-order", action="store_true", help="sort each list A to Z by term")
    add_config_options(check)

    imp = wsub.add_parser("import", help="add and change words from a spreadsheet (CSV)",
                          description="Add and change words from a CSV spreadsheet with the columns term, use, "
                          "why and any of: as, when, unless, within, added_by, agreed, source, licence, agreed_by, "
                          "status, review_by, explained_ok, everywhere, fix, notes, examples, fine_examples. Put "
                          "';' between several words in a cell: 'a break; a rest'. For words for each part of "
                          "speech, start with the part: 'noun: effect; verb: affect; change'. 'as' is noun, verb, "
                          "adjective or adverb; a term can have a row for each. 'fix' is safe, or empty for ask. "
                          "If any row is wrong, nothing is saved.")
    imp.add_argument("csv", metavar="FILE.csv")
    imp.add_argument("--list", metavar="FILE", help=LIST_HELP)
    imp.add_argument("--dry-run", action="store_true", help="say what would change, but save nothing")
    imp.add_argument("--override", action="store_true",
                     help="for a word already in a list speakeasy ships, use the row's words instead, for your "
                     "organisation (without this, such a row is not imported, unless its 'overrides' cell names "
                     "the list)")
    add_config_options(imp)

    exp = wsub.add_parser("export", help="save a wordlist as a spreadsheet (CSV)",
                          description="Save a wordlist as a CSV spreadsheet, one row for each word, to open "
                          "in Excel or LibreOffice Calc. Use - to print it.")
    exp.add_argument("csv", metavar="FILE.csv")
    exp.add_argument("--list", metavar="FILE", help=LIST_HELP)
    add_config_options(exp)

    glo = wsub.add_parser("glossary", help="publish wordlists as a jargon buster (Markdown, web page or Word)",
                          description="Make a jargon buster from the lists in use (or --list): each word, "
                          "what to say instead and why, with credits to the people and groups who agreed it.")
    glo.add_argument("--format", choices=("md", "html", "docx"), default="html")
    glo.add_argument("--large-print", action="store_true", help="large text (18 point and more)")
    glo.add_argument("--list", action="append", default=[], metavar="FILE",
                     help="a wordlist to publish; repeat for more (default: every list in use)")
    glo.add_argument("--title", metavar="TITLE", help="the title of the document")
    glo.add_argument("-o", "--output", metavar="FILE",
                     help="where to save it (default: jargon-buster.md, .html or .docx)")
    add_config_options(glo)

    sug = wsub.add_parser("suggest", help="find words in documents that may be jargon and are in no list yet",
                          description="Find words in documents that may be jargon and are not in any wordlist "
                          "yet, for the forum to look at: rare words, long formal words, acronyms and "
                          "repeated phrases, each with counts and example sentences.")
    sug.add_argument("paths", nargs="+", metavar="PATH")
    sug.add_argument("--csv", metavar="FILE", help="also save them as a spreadsheet to import (use left empty)")
    sug.add_argument("--limit", type=int, default=50, metavar="N", help="show at most N words (default 50)")
    sug.add_argument("--min-count", type=int, default=1, metavar="N", help="only words used at least N times")
    add_config_options(sug)

    st = wsub.add_parser("stats", help="count the words in each list, per contributor and status",
                         description="Count the words in each wordlist: per status, per contributor, per group, "
                         "and how many have example sentences.")
    st.add_argument("--list", action="append", default=[], metavar="FILE",
                    help="a wordlist to count; repeat for more (default: every list in use)")
    st.add_argument("--format", choices=("human", "json"), default="human")
    add_config_options(st)

    ed = wsub.add_parser("edit", help="browse, search, add and edit words in a form on screen",
                         description="Browse, search, add and edit the words of a wordlist in a form. "
                         "Everything it does can also be done with the other words commands.")
    ed.add_argument("--list", metavar="FILE", help=LIST_HELP)
    ed.add_argument("--high-contrast", action="store_true", help="use the high-contrast colours")
    add_config_options(ed)


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..cliargs import settings_from as settings

    return settings(args)


def _date(option: str, value: str | None) -> _dt.date | None:
    """A date option: 2026-03-14, or in the UK order 14/03/2026 (see :mod:`.dates`)."""
    from .dates import DateError, read_date

    if value is None:
        return None
    try:
        return read_date(option, value)
    except DateError as exc:
        raise UsageError(f"{exc}.") from None


def _user_lists(settings: Any) -> list[Path]:
    from ..packs import builtin_wordlists_dir

    shipped = builtin_wordlists_dir().resolve()
    out = []
    for name in settings["wordlists"] or []:
        p = Path(str(name))
        if p.suffix in (".yaml", ".yml") and p.resolve().parent != shipped:
            out.append(p)
    return out


def target_list(args: argparse.Namespace, settings: Any) -> Path:
    """The one wordlist a command edits: --list, else the only list in the configuration."""
    if getattr(args, "list", None):
        return Path(args.list)
    mine = _user_lists(settings)
    if len(mine) == 1:
        return mine[0]
    if not mine:
        raise UsageError("say which wordlist to use with --list FILE, for example --list our-words.yaml. "
                         "speakeasy makes the file if it does not exist yet.")
    raise UsageError("your configuration has more than one wordlist (" + ", ".join(str(p) for p in mine)
                     + "). Say which one to use with --list FILE.")


def _title_from(path: Path) -> str:
    words = path.stem.replace("-", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else "Our words"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# ---------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    from .store import EditError, WordlistFile
    from .values import FIX_DEFAULT, as_words, fix_problem, parse_fix, parse_parts, parse_use, parse_within

    settings = _settings(args)
    path = target_list(args, settings)
    term = args.term.strip()
    uses = [u.strip() for u in args.use if u.strip()]
    if not term:
        raise UsageError("the term is empty. Give the word or phrase to avoid.")
    if not uses:
        raise UsageError("--use is empty. Give a plainer word or phrase.")
    if not args.why.strip():
        raise UsageError("--why is empty. Say why the word is a problem, in plain words.")
    if not args.added_by.strip():
        raise UsageError("--by is empty. Give your name, or the name of your group.")
    try:
        # as in a spreadsheet cell: `--use 'a break; a rest'`, and `--use 'noun: effect' --use 'verb: affect'`
        # for the words for each part of speech
        use = parse_use("; ".join(uses))
        parts = parse_parts(args.parts)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not use:
        raise UsageError("--use is empty. Give a plainer word or phrase.")
    try:
        within = parse_within(args.within)
    except ValueError as exc:
        raise UsageError(str(exc).replace("'within'", "--within", 1)) from None
    when = [w.strip() for w in args.when if w.strip()]
    unless = [w.strip() for w in args.unless if w.strip()]
    if within and not (when or unless):
        raise UsageError("--within says how near the --when and --unless words must be, so give --when or "
                         "--unless too.")
    if isinstance(use, dict) and parts:
        missing = [p for p in use if p not in parts]
        if missing:
            raise UsageError(f"--use gives words for the term as {as_words(missing[:1])[3:]}, but --as does not "
                             f"say {missing[0]}. Add --as {missing[0]}, or take out the {missing[0]} words.")
    try:
        fix = parse_fix(args.fix)
    except ValueError as exc:
        raise UsageError(str(exc).replace("'fix'", "--fix", 1)) from None
    reason = fix_problem(use, fix)
    if reason is not None:
        each = " for each part of speech" if isinstance(use, dict) else ""
        raise UsageError(f"--fix safe {reason} Give one plain word{each} in --use, or leave out --fix safe, so "
                         "that a person chooses in speakeasy review.")
    agreed = _date("--agreed", args.agreed)
    review_by = _date("--review-by", args.review_by)
    created = not path.exists()
    wf = WordlistFile.create(path, args.title or _title_from(path)) if created else WordlistFile.open(path)
    entry_parts = tuple(parts) or (tuple(use) if isinstance(use, dict) else ())
    from .values import clash

    mine = any(clash(e.parts, entry_parts) for e in wf.find_all(term, include_retired=True))
    overrides = _override_or_refuse(term, path, settings, entry_parts, args.override, mine)
    default_status = wf.default_status()
    status = "agreed" if agreed else "proposed"
    values: dict[str, Any] = {
        "term": term, "use": use, "why": args.why.strip(),
        "as": None if isinstance(use, dict) and tuple(parts) == tuple(use) else parts,
        "when": when, "unless": unless, "within": None if within == "sentence" else within,
        "everywhere": True if args.everywhere else None,
        "explained_ok": True if args.explained_ok else None,
        "fix": None if fix in (None, FIX_DEFAULT) else fix,  # ask is the default: never written
        "examples": args.example, "notes": args.notes, "source": args.source, "licence": args.licence,
        "added_by": args.added_by.strip(), "agreed": agreed, "agreed_by": args.agreed_by,
        "status": None if status == default_status else status, "review_by": review_by,
    }
    if overrides:
        values["added"] = _dt.date.today()
        values["overrides"] = overrides
    try:
        entry = wf.add(values)
        wf.save()
    except EditError as exc:
        raise UsageError(str(exc)) from None
    where = f"{path} on line {entry.line}"
    name = f"'{term}'" + (f" ({as_words(entry_parts)})" if entry_parts else "")
    if created:
        sys.stdout.write(f"Made a new wordlist, {path}, with the licence CC-BY-4.0. "
                         "Change `licence:` at the top if your group chose another.\n")
    if overrides:
        sys.stdout.write(f"Added {name} to {where}, in place of the entry in speakeasy's '{overrides}' list.\n")
    if status == "agreed":
        if not overrides:
            sys.stdout.write(f"Added {name} to {where}.\n")
    elif overrides:
        sys.stdout.write(f"It is proposed: speakeasy uses the shipped entry until the forum agrees yours. To try "
                         f"yours now: speakeasy check YOUR-DOCUMENT --wordlist {path} --include-proposed\n")
    else:
        sys.stdout.write(f"Added {name} to {where} as proposed. speakeasy uses it only with "
                         "--include-proposed until the forum agrees it. To try it now: "
                         f"speakeasy check YOUR-DOCUMENT --wordlist {path} --include-proposed\n")
    return EXIT_OK


def _override_or_refuse(term: str, path: Path, settings: Any, parts: tuple[str, ...], override: bool,
                        in_target: bool = False) -> str | None:
    """The shipped list a new entry takes the place of, or None when no other list has the term.

    A term in a list speakeasy ships may be given your own words (``--override``, or yes when asked).
    A term in another list of your own, or a form of a shipped term, is refused: it would be flagged twice.
    """
    from .lint import listed_elsewhere, twice_message, where
    from .override import ask, is_shipped

    found = listed_elsewhere(term, path, settings, parts)
    if found is None:
        return None
    origin, entry = found
    if not is_shipped(origin, settings) or entry is None:
        raise UsageError(twice_message(term, origin, entry))
    if in_target:
        return None  # the target list has the term already (its own entry for it): adding is refused with its line
    from ..matching import normalise

    if normalise(str(origin.get("term", ""))) != normalise(term):
        raise UsageError(f"'{term}' is a form of '{origin.get('term')}', which is in {where(origin)}. To use your "
                         f"own words for it, add '{origin.get('term')}' with --override.")
    answer = True if override else ask(term, origin, entry)
    if answer:
        return str(origin.get("wordlist") or Path(str(origin.get("file", ""))).stem)
    if answer is False:
        raise Declined(f"Nothing was added to {path}.")
    raise UsageError(f"'{term}' is already in {where(origin)}. To use your own words for it instead, for your "
                     "organisation, add --override.")


class Declined(Exception):
    """The person said no when asked: nothing was changed (exit code 1)."""


def cmd_show(args: argparse.Namespace) -> int:
    from .show import look_up, render_show

    settings = _settings(args)
    term = " ".join(args.term.split())
    if not term:
        raise UsageError("the term is empty. Give the word or phrase to look for.")
    extra = [Path(args.list)] if args.list else []
    if args.list and not Path(args.list).is_file():
        raise UsageError(f"{args.list}: there is no wordlist file with this name. Check the name and the folder.")
    look = look_up(term, settings, extra)
    if not look.hits:
        sys.stdout.write(f"'{term}' is not in any wordlist in use. To add it: speakeasy words add '{term}' "
                         "--use PLAIN --why REASON --by NAME\n")
        return EXIT_FINDINGS
    sys.stdout.write(render_show(look))
    return EXIT_OK


def cmd_retire(args: argparse.Namespace) -> int:
    from .override import retire
    from .values import parse_parts

    settings = _settings(args)
    path = target_list(args, settings)
    term = " ".join(args.term.split())
    why = " ".join(args.why.split())
    if not term:
        raise UsageError("the term is empty. Give the word or phrase to retire.")
    if not why:
        raise UsageError("--why is empty. Say why the word is no longer flagged, in plain words.")
    try:
        parts = parse_parts(args.parts)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(retire(term, path, settings, why, (args.retired_by or "").strip() or None, tuple(parts),
                            title=_title_from(path)))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from ..cliargs import is_pack as _is_pack
    from .lint import check_lists

    settings = _settings(args)
    in_use = lists_in_use(settings)
    files = [Path(f) for f in args.files] or [Path(w.path) for w in in_use]
    packs = [f for f in files if _is_pack(f)]
    lists = [f for f in files if f not in packs]
    try:
        result = check_lists(lists, in_use, settings, fix_order=args.fix_order, packs=packs)
    except DataErrors as exc:
        result = None
        problems = exc.errors
    else:
        problems = result.problems
    if result is not None:
        for f in result.sorted_files:
            sys.stdout.write(f"Sorted {f} A to Z.\n")
    for e in problems:
        sys.stderr.write(error_text(e.render(), getattr(e, "path", None)))
    checked = result.checked if result is not None else len(files)
    if problems:
        sys.stderr.write(f"Found {_plural(len(problems), 'problem')} in {_plural(checked, 'file')}.\n")
        return EXIT_USAGE if _any_load_error(problems) else EXIT_FINDINGS
    sys.stdout.write(f"All good: checked {_plural(checked, 'file')}.\n")
    return EXIT_OK


def _any_load_error(problems: list[Any]) -> bool:
    """Whether a problem stopped a file from loading (so it is not only a data problem)."""
    return any(not getattr(p, "data_problem", False) for p in problems)


def cmd_import(args: argparse.Namespace) -> int:
    from .override import shipped_terms
    from .spreadsheet import SpreadsheetError, import_csv
    from .store import WordlistFile

    settings = _settings(args)
    path = target_list(args, settings)
    wf = WordlistFile.open(path) if path.exists() else WordlistFile.create(path, _title_from(path))
    try:
        report = import_csv(Path(args.csv), wf, dry_run=args.dry_run, shipped=shipped_terms(settings, path),
                            override=args.override)
    except SpreadsheetError as exc:
        raise UsageError(str(exc)) from None
    for r in report.rows:
        where = f"Row {r.row}" if r.row else "The list"
        name = f" {r.name}" if r.name else ""
        if r.action == "added":
            sys.stdout.write(f"{where}{name}: added.\n")
        elif r.action == "changed":
            sys.stdout.write(f"{where}{name}: changed {r.detail}.\n")
        elif r.action == "skipped":
            sys.stdout.write(f"{where}{name}: left out, because {r.detail}. Fill them in to add the word.\n")
        elif r.action == "rejected":
            end = "" if r.detail.endswith((".", "?", "!")) else "."
            sys.stdout.write(f"{where}{name}: not imported, because {r.detail}{end}\n")
    added, changed, same = report.count("added"), report.count("changed"), report.count("unchanged")
    summary = f"{_plural(added, 'word')} added, {changed} changed, {same} the same"
    if report.count("skipped"):
        summary += f", {report.count('skipped')} left out"
    if report.rejected:
        sys.stdout.write(f"{summary}, {len(report.rejected)} not imported. Nothing was saved: fix the rows "
                         "above and import again.\n")
        return EXIT_FINDINGS
    if args.dry_run:
        sys.stdout.write(f"{summary}. Nothing was saved (--dry-run).\n")
    elif report.written:
        sys.stdout.write(f"{summary}. Saved {path}.\n")
    else:
        sys.stdout.write(f"{summary}. {path} is already up to date.\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ..packs import load_wordlist
    from .spreadsheet import SpreadsheetError, export_csv
    from ..io.atomic import write_atomically

    settings = _settings(args)
    path = target_list(args, settings)
    wordlist = load_wordlist(path)
    try:
        text = export_csv(wordlist)
    except SpreadsheetError as exc:
        raise UsageError(f"{path}: {exc}") from None
    if args.csv == "-":
        sys.stdout.write(text)
        return EXIT_OK
    write_atomically(args.csv, ("\ufeff" + text).encode("utf-8"))
    sys.stdout.write(f"Saved {_plural(len(wordlist.entries), 'word')} from {path} to {args.csv}.\n")
    return EXIT_OK


def cmd_glossary(args: argparse.Namespace) -> int:
    from . import glossary

    settings = _settings(args)
    lists = lists_in_use(settings, args.list)
    data = glossary.render(lists, args.format, large_print=args.large_print, title=args.title,
                           include_proposed=bool(settings["include_proposed"]))
    out = Path(args.output or glossary.default_filename(args.format))
    from ..io.atomic import write_atomically

    write_atomically(str(out), data)
    sys.stdout.write(f"Saved the jargon buster to {out}.\n")
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    from . import suggest
    from .spreadsheet import csv_text
    from ..io.atomic import write_atomically

    settings = _settings(args)
    if args.limit < 1 or args.min_count < 1:
        raise UsageError("--limit and --min-count must be 1 or more.")
    result = suggest.scan(args.paths, settings, min_count=args.min_count, limit=args.limit)
    for e in result.errors:
        sys.stderr.write(error_text(e.message, e.path))
    sys.stdout.write(suggest.render_text(result.suggestions, result.files_checked))
    if args.csv:
        write_atomically(args.csv, ("\ufeff" + csv_text(suggest.csv_rows(result.suggestions))).encode("utf-8"))
        sys.stdout.write(f"Saved {_plural(len(result.suggestions), 'word')} to {args.csv}. Fill in 'use' and "
                         f"'why', then: speakeasy words import {args.csv} --list YOUR-LIST.yaml\n")
    return EXIT_USAGE if result.errors else EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .stats import render_text, stats

    settings = _settings(args)
    results = stats(lists_in_use(settings, args.list))
    if args.format == "json":
        json.dump({"lists": [s.as_dict() for s in results]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(results))
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    settings = _settings(args)
    path = target_list(args, settings)
    from .edit import run

    return run(path, settings, high_contrast=args.high_contrast)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add,
    "show": cmd_show,
    "retire": cmd_retire,
    "check": cmd_check,
    "import": cmd_import,
    "export": cmd_export,
    "glossary": cmd_glossary,
    "suggest": cmd_suggest,
    "stats": cmd_stats,
    "edit": cmd_edit,
}


def run(args: argparse.Namespace) -> int:
    if not getattr(args, "words_command", None):
        raise UsageError("say what to do with the words, for example: speakeasy words add, "
                         "speakeasy words check. See: speakeasy words --help")
    try:
        return COMMANDS[args.words_command](args)
    except Declined as exc:
        sys.stdout.write(f"{exc}\n")
        return EXIT_FINDINGS
