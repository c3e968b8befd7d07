"""Output for people: grouped by file, each finding with its line marked.

Meaning is never carried by colour alone: every finding names its level in
words, and the flagged words are underlined with ``^`` characters on the line
below.  Colour is added on a terminal unless ``NO_COLOR`` is set or
``--color never`` is given (see :mod:`speakeasy.reporters.ansi`).  Lines are
written as plain strings: a formatting library costs far more a finding than
the rules that make it.

A word used again in the same file is shown in full once, then in one line
("'co-production' is used 50 more times: lines 12, 19, 40 and others"; see
:mod:`speakeasy.reporters.repeats`).  Each file ends with one readability
number, the plain score, and its reading age.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable, Iterator, TextIO

from ..model import Finding, Level, ReadError
from ..readers import has_line_numbers
from . import Context
from .ansi import Painter
from .repeats import Terms, group, repeats_line

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FileResult, Tally
    from ..levels import LevelFilter
    from .statistics import Statistics

LEVEL_STYLE = {Level.ERROR: "bold red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
MAX_WIDTH = 100


def ease_words(score: float) -> str:
    """A score on the Flesch reading ease scale (Flesch, or the plain score) in words, as the scale is usually described."""
    if score >= 90:
        return "very easy"
    if score >= 80:
        return "easy"
    if score >= 70:
        return "fairly easy"
    if score >= 60:
        return "plain English"
    if score >= 50:
        return "fairly hard"
    if score >= 30:
        return "hard"
    return "very hard"


#: A paragraph is a hot spot when its plain score is below this (not plain English)...
HOT_SPOT_BELOW = 60.0
#: ... and it has at least this many words (the scores of a few words say little).
HOT_SPOT_WORDS = 20


def hot_spots(stats: dict, count: int = 3) -> list[dict]:
    """The hardest paragraphs of a document: lowest plain score first, at most ``count``."""
    paras = [p for p in stats.get("paragraph_scores") or []
             if p["words"] >= HOT_SPOT_WORDS and p["plain_score"] < HOT_SPOT_BELOW]
    return sorted(paras, key=lambda p: (p["plain_score"], p["line"]))[:count]


def hot_spot_lines(stats: dict, count: int = 3, line_numbers: bool = True) -> list[str]:
    """Lines for the hardest paragraphs ("hot spots"), or none.

    ``line_numbers=False`` (Word, OpenDocument, PDF) leaves out line numbers, which mean nothing there.
    """
    spots = hot_spots(stats, count) if count > 0 else []
    if not spots:
        return []
    head = "the hardest paragraph" if len(spots) == 1 else f"the {len(spots)} hardest paragraphs"
    lines = [f"  Hot spots, {head} (plain score out of 100; higher is easier):"]
    for p in spots:
        why = "; ".join(p["reasons"]) if p["reasons"] else "many long or uncommon words"
        where = f"line {p['line']}, {p['location']}" if line_numbers else p["location"]
        lines.append(f"    {where}: plain score {p['plain_score']:.0f}, "
                     f"reading age {p['reading_age']}. {why[:1].upper() + why[1:]}.")
    return lines


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def counts_text(findings: list[Finding]) -> str:
    return counts_text_by(tally_of(findings))


def _excerpt(result: "FileResult", f: Finding) -> tuple[str, int, int, int] | None:
    """(line text, line number, first marked column, last marked column), 1-based columns."""
    doc = result.document
    if doc is None or f.line <= 0:
        return None
    if f.start == f.end and not has_line_numbers(result.format):
        return None  # about the whole file, or a picture: its location says where, and there are no words to show
    text = doc.line_text(f.line)
    first = f.column
    last = f.end_column if f.end_line == f.line else len(text)
    last = max(first, min(last, len(text)))
    return text, f.line, first, last


def render_finding(console: Painter, result: "FileResult", f: Finding) -> None:
    style = LEVEL_STYLE[f.level]
    if not has_line_numbers(result.format):
        # Word and OpenDocument files have no line numbers a person can follow:
        # say where the words are instead ("under 'Who does what', paragraph 2").
        where = f"{f.path} ({f.location}): "
    else:
        where = f"{f.path}:{f.line}:{f.column}: "
    console.line((where, "bold"), (str(f.level), style), (f" [{f.rule}] ", "dim"), (f.message, ""))
    ex = _excerpt(result, f)
    if ex is not None:
        line_text, number, first, last = ex
        # keep long lines readable: show a window around the mark
        start = 0
        if len(line_text) > MAX_WIDTH:
            start = max(0, min(first - 1 - 30, len(line_text) - MAX_WIDTH))
        shown = line_text[start : start + MAX_WIDTH]
        prefix_cut = "..." if start > 0 else ""
        suffix_cut = "..." if start + MAX_WIDTH < len(line_text) else ""
        gutter = "        | " if not has_line_numbers(result.format) else f"  {number:>5} | "
        a = max(first - 1 - start, 0)
        b = max(min(last - start, len(shown)), a + 1)
        console.line((gutter, "dim"), (prefix_cut + shown[:a], ""), (shown[a:b], style + " underline"),
                     (shown[b:] + suffix_cut, ""))
        marks = " " * (len(gutter) + len(prefix_cut) + a) + "^" * max(b - a, 1)
        if f.end_line > f.line:
            marks += " (continues)"
        console.text(marks, style)
    if f.suggestions:
        label = "Use" if len(f.suggestions) == 1 else "Try one of"
        use = f"        {label}: " + "; ".join(f.suggestions)
        if f.origin and f.origin.get("credit"):
            console.line((use, "green"), (f"  ({f.origin['credit']})", "dim"))
        else:
            console.text(use, "green")
    split = f.extra.get("split_after") if f.extra else None
    if split:
        console.text("        You could split it after: " + " / ".join(split), "dim")


def file_summary(result: "FileResult", levels: "LevelFilter | None" = None, flesch: bool = False) -> str:
    """A file's last line: its size, its plain score and how many findings it has.

    One score: the plain score and the reading age that comes from it.
    ``flesch`` (``--flesch``) adds the Flesch reading ease and grade, which
    are always in the JSON output.
    """
    st = result.stats
    summary = f"  {plural(st['words'], 'word')}, {plural(st['sentences'], 'sentence')}. "
    if "plain_score" in st and st["words"]:
        summary += (f"Plain score {st['plain_score']:.0f} out of 100 ({ease_words(st['plain_score'])}), "
                    f"reading age {st['reading_age']}. ")
    if flesch and "flesch_reading_ease" in st:
        summary += (
            f"Flesch reading ease {st['flesch_reading_ease']:.0f}, "
            f"grade {st['flesch_kincaid_grade']:.1f}. "
        )
    return summary + findings_text(result, levels)


def render_file(console: Painter, result: "FileResult", levels: "LevelFilter | None" = None, hardest: int = 3,
                terms: "Terms | None" = None, every_use: bool = False, flesch: bool = False) -> None:
    """One file: its findings, its hot spots and its summary line.

    A word used again in the same file is shown in full the first time, then
    in one line that says how many more times and where (see
    :mod:`speakeasy.reporters.repeats`); ``every_use`` shows each use in full.
    """
    line_numbers = has_line_numbers(result.format)
    console.text(result.path, "bold underline")
    if every_use:
        for f in result.findings:
            render_finding(console, result, f)
    else:
        for shown in group(result.findings, terms if terms is not None else Terms()):
            render_finding(console, result, shown.finding)
            more = repeats_line(shown, line_numbers)
            if more:
                console.text("        " + more)
    for line in hot_spot_lines(result.stats, hardest, line_numbers=line_numbers):
        console.text(line)
    console.text(file_summary(result, levels, flesch), "dim")
    console.text("")


def findings_text(result: "FileResult", levels: "LevelFilter | None" = None) -> str:
    """'1 error, 2 warnings, 0 suggestions.', 'No problems found.', or with --min-level what it left out."""
    at_least = levels.min_level if levels is not None else None
    hidden = levels.hidden_in(result.path) if levels is not None else 0
    if not hidden:
        if not result.findings:
            return "No problems found."
        return f"{counts_text_by(tally_of(result.findings), at_least)}."
    assert at_least is not None
    if not result.findings:
        return f"Nothing at {at_least} level or above; {plural(hidden, 'finding')} below it not shown."
    return f"{counts_text_by(tally_of(result.findings), at_least)}; {plural(hidden, 'more finding')} below {at_least} not shown."


def total_lines(tally: "Tally", fail_on: str, levels: "LevelFilter | None" = None) -> list[str]:
    """The lines after every file: what was checked and found, and what --min-level left out."""
    at_least = levels.min_level if levels is not None else None
    total = f"Checked {plural(tally.files, 'file')}: {counts_text_by(tally.by_level, at_least)}."
    if tally.errors:
        total += f" {plural(len(tally.errors), 'file')} could not be checked."
    if levels is not None and levels.hidden_text():
        total += " " + levels.hidden_text()
    lines = [total]
    if levels is not None and levels.failing_note(fail_on):
        lines.append(levels.failing_note(fail_on))
    return lines


def render_stream(items: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                  context: Context | None = None) -> "Tally":
    """Print each file's findings as soon as it is checked; return the tally.

    After a file's findings come its ``context.hot_spots`` hot spots: the
    paragraphs with the lowest plain score, with the reasons (0 leaves them out).

    ``context.levels`` (``--min-level``): the filter the results came through,
    so the counts can say what it left out.  ``context.statistics``
    (``--statistics``): count the findings by rule and by word and print the
    counts instead of each finding.  With ``context.quiet``, a file with no
    findings to show is left out, scores and all.  ``context.errors``: where
    files that could not be read are named (standard error if not given).
    ``every_use`` and ``flesch``: see :func:`render_file`.
    """
    from ..model import Tally

    context = context or Context()
    stream = out or sys.stdout
    console = Painter(stream, context.color)
    errors_console = Painter(context.errors or sys.stderr, context.color)
    statistics = _statistics(context)
    terms = Terms(context.ruleset)
    tally = Tally()
    for item in items:
        if isinstance(item, ReadError):
            tally.errors.append(item)
            render_error(errors_console, item)
            errors_console.flush()
            continue
        result = item
        tally.add(result)
        if statistics is not None:
            statistics.add(result)
            continue
        if context.quiet and not result.findings:
            continue
        render_file(console, result, context.levels, context.hot_spots, terms, context.every_use, context.flesch)
        console.flush()
    if statistics is not None and (tally.files or not tally.errors):
        _print_statistics(console, statistics)
    lines = total_lines(tally, context.fail_on, context.levels)
    if tally.files == 0 and not tally.errors:
        from ..readers import supported_suffixes

        lines = [f"speakeasy found no files it can check ({', '.join(supported_suffixes())}) in the paths given."]
    for line in lines:
        console.text(line, "bold")
    console.flush()
    return tally


def _statistics(context: Context) -> "Statistics | None":
    if not context.statistics:
        return None
    from .statistics import Statistics

    return Statistics(context.ruleset)


def _print_statistics(console: Painter, statistics: "Statistics") -> None:
    for line in statistics.lines():
        console.text(line, "bold" if line.endswith(":") else "")
    console.text("")


class Echo:
    """The results for people on the screen while another format goes to a file (``--output FILE``).

    Each file is shown as ``--format human`` shows it (see :func:`render_file`),
    with the ``context``'s colour, levels, hot spots and so on; files that
    could not be read are named on standard error.  :meth:`wrap` passes the
    results on unchanged, and :meth:`finish` prints the totals.
    """

    def __init__(self, context: Context) -> None:
        self.context = context
        self.console = Painter(sys.stdout, context.color)
        self.errors = Painter(sys.stderr, context.color)
        self.statistics = _statistics(context)
        self.terms = Terms(context.ruleset)

    def wrap(self, items: Iterable["FileResult | ReadError"]) -> Iterator["FileResult | ReadError"]:
        c = self.context
        for item in items:
            if isinstance(item, ReadError):
                render_error(self.errors, item)
                self.errors.flush()
            elif self.statistics is not None:
                self.statistics.add(item)
            elif not (c.quiet and not item.findings):
                render_file(self.console, item, c.levels, c.hot_spots, self.terms, c.every_use, c.flesch)
                self.console.flush()
            yield item

    def finish(self, tally: "Tally", too_many: str = "") -> None:
        """The totals (and the counts, with ``--statistics``), then ``too_many`` if it says anything."""
        if self.statistics is not None and (tally.files or not tally.errors):
            _print_statistics(self.console, self.statistics)
        for line in total_lines(tally, self.context.fail_on, self.context.levels):
            self.console.text(line, "bold")
        if too_many:
            self.console.text(too_many, "bold")
        self.console.flush()


def tally_of(findings: list[Finding]) -> dict[Level, int]:
    by = {lvl: 0 for lvl in Level}
    for f in findings:
        by[f.level] += 1
    return by


def counts_text_by(by: dict[Level, int], at_least: Level | None = None) -> str:
    """'1 error, 2 warnings, 0 suggestions'; with ``at_least``, only the levels at or above it."""
    return ", ".join(plural(by[lvl], str(lvl)) for lvl in sorted(Level, reverse=True)
                     if at_least is None or lvl >= at_least)


def render_error(console: Painter, e: ReadError) -> None:
    """``speakeasy: error: FILE: message``, the one form of every error line (:func:`speakeasy.errors.error_text`)."""
    from ..errors import ERROR_PREFIX, error_text

    console.line((ERROR_PREFIX, "bold red"), (error_text(e.message, e.path)[len(ERROR_PREFIX):].rstrip("\n"), ""))
