"""One self-contained, accessible HTML page for a run: ``speakeasy report``.

For each document the page has a summary, a bar chart of how hard each
paragraph is (with the same numbers in a table), and the text with every
finding marked and explained next to it.  There are no scripts and no other
files: the styles and the chart are inside the page, so it works offline, as
a CI artefact, in print and with a screen reader.

Meaning is never carried by colour alone.  Marked words are underlined and
followed by a numbered link like ``[3]`` to their note, and the note names
the level in words.  A long finding (a sentence, a paragraph) is also put in
square brackets.  The chart has a text alternative, and a table with the
same numbers follows it.

Each document is turned into HTML as soon as it is checked, and only the
HTML is kept, so memory does not grow with the number of documents.  The
work for a document grows with its size (findings are matched to paragraphs
with a binary search), so a 100-page policy is fine.

This module makes the page and its contents list; each document's summary
and chart come from :mod:`~speakeasy.reporters.html.summary`, its marked text
from :mod:`~speakeasy.reporters.html.text`, and the styles from
:mod:`~speakeasy.reporters.html.style`.
"""

from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, TextIO

from ...model import Level, ReadError
from ...version import __version__
from .. import Context
from ..human import plural
from .basics import LEVEL_WORD, LEVELS, PLAIN_FROM, esc
from .style import CSS
from .summary import difficulty_html, summary_html
from .text import text_html

if TYPE_CHECKING:  # pragma: no cover
    from ...model import FileResult, Tally
    from ...ruleset import RuleSet


@dataclass
class _Doc:
    """What the contents list needs to know about a document, once its section is made."""

    anchor: str
    path: str
    plain_score: float | None
    reading_age: int | None
    counts: dict[Level, int]


@dataclass
class HtmlReport:
    """Build the page one result at a time: :meth:`add` each result, then :meth:`html`.

    ``ruleset``: if given, each rule in the findings table gets its one-line
    summary.  ``generated``: the date and time shown at the top (none if not
    given, so the page is the same for the same input).
    """

    title: str | None = None
    generated: _dt.datetime | None = None
    ruleset: "RuleSet | None" = None
    sections: list[str] = field(default_factory=list)
    docs: list[_Doc] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    summaries: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.summaries = {r.id: r.summary for r in self.ruleset.rules} if self.ruleset is not None else {}

    def add(self, item: "FileResult | ReadError") -> None:
        if isinstance(item, ReadError):
            self.errors.append(item)
            return
        section, doc = _document(len(self.docs) + 1, item, self.summaries)
        self.sections.append(section)
        self.docs.append(doc)

    def html(self) -> str:
        title = self.title or _default_title(self.docs)
        out = [
            "<!DOCTYPE html>\n",
            '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="generator" content="speakeasy ', esc(__version__), '">\n',
            "<title>", esc(title), "</title>\n<style>\n", CSS, "</style>\n</head>\n<body>\n",
            '<a class="skip-link" href="#main">Skip to the report</a>\n',
            "<header>\n<h1>", esc(title), "</h1>\n<p>", esc(_intro(self.docs, self.errors, self.generated)),
            "</p>\n</header>\n",
            _contents(self.docs, self.errors),
            '<main id="main" tabindex="-1">\n',
            _how_to_read(bool(self.docs)),
        ]
        out.extend(self.sections)
        if self.errors:
            out.append(_errors(self.errors))
        out.append("</main>\n<footer>\n<p class=\"muted\">Made by speakeasy " + esc(__version__)
                   + ", a plain-language checker.</p>\n</footer>\n</body>\n</html>\n")
        return "".join(out)


def render(results: Iterable["FileResult"], errors: Iterable[ReadError] = (), *, title: str | None = None,
           generated: _dt.datetime | None = None, ruleset: "RuleSet | None" = None) -> str:
    """The whole page for these results, and the files that could not be read."""
    report = HtmlReport(title=title, generated=generated, ruleset=ruleset)
    for e in errors:
        report.add(e)
    for r in results:
        report.add(r)
    return report.html()


def render_stream(items: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                  context: Context | None = None) -> "Tally":
    """Write the page for results as they come from :func:`speakeasy.runner.iter_results`; return the tally.

    Each document becomes HTML as it comes, and the page is written to
    ``out`` at the end (its contents list comes first).  ``context.title``,
    ``context.generated`` and ``context.ruleset``: see :class:`HtmlReport`.
    """
    from ...model import Tally

    context = context or Context()
    tally = Tally()
    report = HtmlReport(title=context.title, generated=context.generated, ruleset=context.ruleset)
    for item in items:
        if isinstance(item, ReadError):
            tally.errors.append(item)
        else:
            tally.add(item)
            if item.document is not None:
                item.document.native = None  # Word's XML is not needed here: let it go early
        report.add(item)
    (out or sys.stdout).write(report.html())
    return tally


def _default_title(docs: list[_Doc]) -> str:
    if len(docs) == 1:
        return f"Plain English report: {docs[0].path}"
    return "Plain English report"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _when(moment: _dt.datetime) -> str:
    """"14 March 2026 at 09:30", whatever the computer's language."""
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year} at {moment:%H:%M}"


def _intro(docs: list[_Doc], errors: list[ReadError], generated: _dt.datetime | None) -> str:
    text = f"speakeasy {__version__} checked {plural(len(docs), 'document')}"
    if generated is not None:
        text += f" on {_when(generated)}"
    text += "."
    if errors:
        text += f" {plural(len(errors), 'file')} could not be read."
    return text


def _counts_words(counts: dict[Level, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "no findings"
    parts = [plural(counts[lvl], LEVEL_WORD[lvl].lower()) for lvl in LEVELS if counts[lvl]]
    return f"{plural(total, 'finding')} ({', '.join(parts)})"


def _contents(docs: list[_Doc], errors: list[ReadError]) -> str:
    if not docs and not errors:
        return ""
    items = []
    for d in docs:
        facts = []
        if d.plain_score is not None:
            facts.append(f"plain score {d.plain_score:.1f}")
        if d.reading_age is not None:
            facts.append(f"reading age {d.reading_age}")
        facts.append(_counts_words(d.counts))
        items.append(f'<li><a href="#{d.anchor}">{esc(d.path)}</a>: {esc(", ".join(facts))}</li>')
    if errors:
        items.append(f'<li><a href="#unread">Files that could not be read</a>: {len(errors)}</li>')
    return ('<nav aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>\n'
            + "\n".join(items) + "\n</ol>\n</nav>\n")


def _how_to_read(any_docs: bool) -> str:
    if not any_docs:
        return "<p>speakeasy found no files it can check in the paths given.</p>\n"
    return (
        '<section aria-labelledby="how">\n<h2 id="how">How to read this report</h2>\n'
        "<p>Each document has a summary, a chart of how hard each paragraph is, and its text.</p>\n"
        "<p>In the text, marked words are underlined and followed by a number in brackets, like "
        "<strong>[1]</strong>. The note with that number comes straight after the paragraph. "
        "It says what the problem is and gives plainer words to use. "
        "A problem with a whole sentence or paragraph is put in square brackets as well.</p>\n"
        f"<p>The plain score goes from 0 to 100. Higher is easier, and {PLAIN_FROM} or more is plain English. "
        "The reading age is the age from which most people can read the text.</p>\n</section>\n"
    )


def _errors(errors: list[ReadError]) -> str:
    items = []
    for e in errors:
        msg = e.message[len(e.path):].lstrip(": ") if e.message.startswith(e.path) else e.message
        items.append(f"<li><strong>{esc(e.path)}</strong>: {esc(msg)}</li>")
    return ('<section aria-labelledby="unread">\n<h2 id="unread">Files that could not be read</h2>\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</section>\n")


def _document(n: int, result: "FileResult", summaries: dict[str, str]) -> tuple[str, _Doc]:
    d = f"d{n}"
    st = result.stats
    counts = {lvl: 0 for lvl in Level}
    for f in result.findings:
        counts[f.level] += 1
    scores = list(st.get("paragraph_scores") or [])
    plain = st.get("plain_score")
    age = st.get("reading_age")
    out = [f'<section id="{d}" aria-labelledby="{d}-h">\n<h2 id="{d}-h">{esc(result.path)}</h2>\n']
    out.append(summary_html(d, result, counts, summaries))
    out.append(difficulty_html(d, result, scores))
    out.append(text_html(d, result, scores))
    out.append("</section>\n")
    return "".join(out), _Doc(d, result.path, plain, age, counts)
