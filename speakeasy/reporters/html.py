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
"""

from __future__ import annotations

import bisect
import datetime as _dt
import html
import math
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Sequence, TextIO

from ..version import __version__
from ..model import Block, BlockKind, Finding, Level, ReadError
from ..readers import has_line_numbers
from . import Context
from .human import plural

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FileResult, Tally

#: A finding with more words than this (a long sentence, a hard paragraph) is
    from ..ruleset import RuleSet
#: put in square brackets, not highlighted, so the words inside stay readable.
LONG_WORDS = 8
#: Plain score: this and over is plain English (see speakeasy.plainscore).
PLAIN_FROM = 60

_LEVEL_WORD = {Level.ERROR: "Error", Level.WARNING: "Warning", Level.SUGGESTION: "Suggestion"}
_LEVELS = (Level.ERROR, Level.WARNING, Level.SUGGESTION)
_KIND_WORD = {"paragraph": "paragraph", "list_item": "list item", "list-item": "list item",
              "table_cell": "table cell", "table-cell": "table cell", "blockquote": "quotation",
              "footnote": "note", "other": "paragraph", "heading": "heading"}

# Characters a page must not contain (C0 controls but tab and line breaks): shown as spaces.
_CONTROLS = {c: " " for c in range(32) if c not in (9, 10, 13)}
_CONTROLS[127] = " "


def esc(text: str) -> str:
    """Text made safe to put in an HTML page, between tags or in a double-quoted attribute."""
    return html.escape(text.translate(_CONTROLS), quote=False).replace('"', "&quot;")


# ---------------------------------------------------------------------------
# The page


_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

CSS = """\
:root { color-scheme: light dark; --text: #0b0c0c; --muted: #484949; --bg: #ffffff; --panel: #f3f2f1;
  --line: #505a5f; --link: #1d4f91; --visited: #4c2c92; --focus: #ffdd00; --mark: #fff2a8;
  --bar: #1d70b8; --grid: #b1b4b6; }
@media (prefers-color-scheme: dark) {
  :root { --text: #f3f2f1; --muted: #c8cacb; --bg: #0b0c0c; --panel: #1e1f20; --line: #b1b4b6;
    --link: #8fc1ff; --visited: #d3b8ff; --mark: #574a00; --bar: #6fa8dc; --grid: #505a5f; }
}
html { font-size: 112.5%; }
body { margin: 0; color: var(--text); background: var(--bg); font-family: @FONTS@; line-height: 1.5; }
header, nav, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.5em; }
h2 { font-size: 1.6rem; }
main > section > h2 { border-top: 3px solid var(--text); padding-top: 0.5em; overflow-wrap: anywhere; }
h3 { font-size: 1.3rem; }
h4, h5, h6 { font-size: 1.1rem; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: var(--visited); }
a:focus, a:focus-visible { outline: 3px solid var(--text); outline-offset: 0; background: var(--focus);
  color: #0b0c0c; text-decoration: none; }
:target { outline: 3px dashed var(--text); outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { position: static; display: inline-block; padding: 0.5rem; }
.vh { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.muted { color: var(--muted); }
th .muted { font-weight: normal; }
code { font-family: ui-monospace, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dl.figures div { display: contents; }
dl.figures dt { font-weight: bold; }
dl.figures dd { margin: 0; }
table { border-collapse: collapse; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.wide { overflow-x: auto; }
figure { margin: 0 0 1rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 50rem; color: var(--text); }
svg .bar { fill: var(--bar); }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .axis { stroke: var(--text); stroke-width: 1.5; }
svg .aim { stroke: var(--text); stroke-width: 2.5; stroke-dasharray: 8 5; }
svg text { fill: currentColor; font-family: @FONTS@; font-size: 15px; }
.doc-text { border-left: 4px solid var(--line); padding-left: 1rem; }
.doc-text p, .doc-text li, .doc-text blockquote { overflow-wrap: anywhere; }
.doc-text blockquote { margin-left: 1rem; padding-left: 1rem; border-left: 2px solid var(--line); }
.part { font-weight: bold; }
mark { background: var(--mark); color: inherit; text-decoration: underline 2px solid;
  text-underline-offset: 0.2em; text-decoration-skip-ink: none; }
mark.twice { text-decoration-style: double; text-decoration-thickness: 3px; }
.long { border-bottom: 2px dotted var(--text); }
.bracket { font-weight: bold; }
a.ref { font-weight: bold; margin-left: 0.1em; white-space: nowrap; }
ul.notes { list-style: none; margin: 0.25rem 0 1.25rem; padding: 0.5rem 0.75rem; background: var(--panel);
  border-left: 4px solid var(--line); }
ul.notes li { margin: 0.25rem 0; }
ul.notes li + li { border-top: 1px solid var(--grid); padding-top: 0.25rem; }
.use q { font-weight: bold; }
@media print {
  html { font-size: 11pt; }
  header, nav, main, footer { max-width: none; }
  .skip-link, nav { display: none; }
  a { color: inherit; }
  :root { --bg: #ffffff; --text: #000000; --panel: #ffffff; --mark: #ffffff; }
  mark { text-decoration-thickness: 2px; }
  h2, h3, h4, h5, h6 { break-after: avoid; }
  ul.notes li, tr, figure { break-inside: avoid; }
  main > section { break-before: page; }
}
""".replace("@FONTS@", _FONTS)


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
    from ..model import Tally

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
    parts = [plural(counts[lvl], _LEVEL_WORD[lvl].lower()) for lvl in _LEVELS if counts[lvl]]
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


# ---------------------------------------------------------------------------
# One document


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
    out.append(_summary(d, result, counts, summaries))
    out.append(_difficulty(d, result, scores))
    out.append(_text(d, result, scores))
    out.append("</section>\n")
    return "".join(out), _Doc(d, result.path, plain, age, counts)


def _summary(d: str, result: "FileResult", counts: dict[Level, int], summaries: dict[str, str]) -> str:
    st = result.stats
    out = [f'<h3 id="{d}-summary">Summary</h3>\n']
    age = st.get("reading_age")
    if age is not None:
        out.append(f"<p>Most people aged {int(age)} and over can read this.</p>\n")
    rows: list[tuple[str, str]] = []
    plain = st.get("plain_score")
    if plain is not None:
        verdict = "plain English" if plain >= PLAIN_FROM else "not yet plain English"
        rows.append(("Plain score", f"{plain:.1f} out of 100: {verdict}"))
    if age is not None:
        rows.append(("Reading age", f"{int(age)} years"))
    # One number for readability: the plain score. Flesch is in the JSON output (and `check --flesch`).
    for key, label in (("words", "Words"), ("sentences", "Sentences"), ("paragraphs", "Paragraphs")):
        if key in st:
            rows.append((label, f"{st[key]:,}"))
    out.append('<dl class="figures">\n')
    out.extend(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>\n" for k, v in rows)
    out.append("</dl>\n")
    out.append(_rule_table(d, result.findings, counts, summaries))
    return "".join(out)


def _rule_table(d: str, findings: list[Finding], counts: dict[Level, int], summaries: dict[str, str]) -> str:
    if not findings:
        return "<p>speakeasy found no problems in this document.</p>\n"
    by_rule: dict[str, dict[Level, int]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, {lvl: 0 for lvl in Level})[f.level] += 1
    order = sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r))
    head = "".join(f'<th scope="col" class="n">{_LEVEL_WORD[lvl]}s</th>' for lvl in _LEVELS)
    out = [f'<div class="wide"><table id="{d}-rules">\n<caption>Findings by rule and level</caption>\n'
           f'<thead><tr><th scope="col">Rule</th>{head}<th scope="col" class="n">All</th></tr></thead>\n<tbody>\n']
    for rule in order:
        c = by_rule[rule]
        about = summaries.get(rule)
        name = f"<code>{esc(rule)}</code>" + (f'<br><span class="muted">{esc(about)}</span>' if about else "")
        cells = "".join(f'<td class="n">{c[lvl]}</td>' for lvl in _LEVELS)
        out.append(f'<tr><th scope="row">{name}</th>{cells}<td class="n">{sum(c.values())}</td></tr>\n')
    cells = "".join(f'<td class="n">{counts[lvl]}</td>' for lvl in _LEVELS)
    out.append(f'<tr><th scope="row">All rules</th>{cells}<td class="n">{sum(counts.values())}</td></tr>\n')
    out.append("</tbody>\n</table></div>\n")
    return "".join(out)


def _where(result: "FileResult", p: dict[str, Any]) -> str:
    if not has_line_numbers(result.format):
        return str(p.get("location") or "")
    line, end = p.get("line"), p.get("end_line")
    if line is None:
        return str(p.get("location") or "")
    if end and end != line:
        return f"lines {line} to {end}"
    return f"line {line}"


def _difficulty(d: str, result: "FileResult", scores: list[dict[str, Any]]) -> str:
    out = [f'<h3 id="{d}-chart">How hard each paragraph is</h3>\n']
    if not scores:
        out.append("<p>There are no paragraphs with words to score.</p>\n")
        return "".join(out)
    out.append(_chart(d, result.path, scores))
    out.append(f'<div class="wide"><table id="{d}-table">\n<caption>The reading age and plain score of each '
               "paragraph, in order</caption>\n<thead><tr>"
               '<th scope="col">Paragraph</th><th scope="col">Where</th><th scope="col" class="n">Words</th>'
               '<th scope="col" class="n">Sentences</th><th scope="col" class="n">Plain score</th>'
               '<th scope="col" class="n">Reading age</th><th scope="col">Why it is hard</th></tr></thead>\n<tbody>\n')
    for i, p in enumerate(scores, 1):
        reasons = "; ".join(str(r) for r in p.get("reasons") or []) or "None"
        out.append(
            f'<tr><th scope="row"><a href="#{d}-p{i}">{i}</a></th><td>{esc(_where(result, p))}</td>'
            f'<td class="n">{int(p.get("words", 0))}</td><td class="n">{int(p.get("sentences", 0))}</td>'
            f'<td class="n">{float(p.get("plain_score", 0)):.1f}</td><td class="n">{int(p.get("reading_age", 0))}</td>'
            f"<td>{esc(reasons)}</td></tr>\n"
        )
    out.append("</tbody>\n</table></div>\n")
    return "".join(out)


def plain_reading_age() -> int:
    """The reading age of a plain score of :data:`PLAIN_FROM`: the top of plain English."""
    from ..plainscore import reading_age_for

    return reading_age_for(PLAIN_FROM)


def _nice_step(n: int, most: int = 12) -> int:
    """A step for axis labels 1, 1+step...: 1, 2, 5, 10, 20, 50... so at most ``most`` labels."""
    step = 1
    while n / step > most:
        for k in (2, 5, 10):
            if n / (step * k) <= most or k == 10:
                step *= k
                break
    return step


def _chart(d: str, path: str, scores: list[dict[str, Any]]) -> str:
    """An SVG bar chart of the reading age of each paragraph, with a text alternative."""
    ages = [int(p.get("reading_age", 0)) for p in scores]
    n = len(ages)
    width, height = 720, 320
    left, right, top, bottom = 56, 12, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    top_age = max(20, 5 * math.ceil(max(ages) / 5))
    slot = plot_w / n
    gap = slot * 0.2 if slot >= 4 else 0.0
    hardest = max(range(n), key=lambda i: (ages[i], -i))
    easiest = min(range(n), key=lambda i: (ages[i], i))
    aim = plain_reading_age()
    hard = sum(1 for p in scores if float(p.get("plain_score", 0)) < PLAIN_FROM)
    title = f"The reading age of each paragraph of {path}"
    desc = (f"A bar chart with one bar for each of the {plural(n, 'paragraph')}, in the order they come. "
            "A taller bar is harder to read. ")
    if n > 1:
        desc += (f"The hardest is paragraph {hardest + 1}, reading age {ages[hardest]}. "
                 f"The easiest is paragraph {easiest + 1}, reading age {ages[easiest]}. ")
    else:
        desc += f"Its reading age is {ages[0]}. "
    desc += (f"A dashed line marks reading age {aim}, where plain English ends. "
             f"{hard} of the {n} {'paragraph is' if n == 1 else 'paragraphs are'} harder than plain English. "
             "The table after the chart has the same numbers.")
    out = [
        f'<figure aria-labelledby="{d}-fig">\n',
        f'<svg role="img" aria-labelledby="{d}-svg-t {d}-svg-d" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">\n',
        f'<title id="{d}-svg-t">{esc(title)}</title>\n<desc id="{d}-svg-d">{esc(desc)}</desc>\n',
    ]
    for age in range(0, top_age + 1, 5):
        y = top + plot_h * (1 - age / top_age)
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
                   f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{age}</text>\n')
    for i, age in enumerate(ages):
        h = plot_h * age / top_age
        x = left + i * slot + gap / 2
        out.append(f'<rect class="bar" x="{x:.2f}" y="{top + plot_h - h:.2f}" width="{max(slot - gap, 0.5):.2f}" '
                   f'height="{h:.2f}"><title>Paragraph {i + 1}: reading age {age}</title></rect>\n')
    y = top + plot_h * (1 - aim / top_age)
    out.append(f'<line class="aim" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>\n'
               f'<line class="aim" x1="{left}" y1="16" x2="{left + 40}" y2="16"/>'
               f'<text x="{left + 48}" y="21">Dashed line: plain English, up to reading age {aim}</text>\n')
    step = _nice_step(n)
    for i in [0, *range(step - 1, n, step)] if step > 1 else range(n):
        x = left + (i + 0.5) * slot
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{i + 1}</text>\n')
    out.append(
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>\n'
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>\n'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 10}" text-anchor="middle">Paragraph</text>\n'
        f'<text transform="translate(16 {top + plot_h / 2:.1f}) rotate(-90)" text-anchor="middle">'
        "Reading age (years)</text>\n</svg>\n"
        f'<figcaption id="{d}-fig">Reading age of each paragraph, in order. A taller bar is harder to read. '
        f"Bars above the dashed line are harder than plain English. {hard} of the {plural(n, 'paragraph')} "
        f"{'is' if hard == 1 else 'are'}. The table below has the same numbers.</figcaption>\n</figure>\n"
    )
    return "".join(out)


# ---------------------------------------------------------------------------
# The text with its findings


@dataclass(slots=True)
class _Mark:
    number: int
    start: int  # offsets into the block's text
    end: int
    long: bool
    finding: Finding


def _place(blocks: Sequence[Block], findings: list[Finding]) -> tuple[list[list[_Mark]], list[Finding]]:
    """Each block's marks, numbered in the order their [n] links come in the text, and the findings
    that are in no block (about the whole file, or in something that is not text)."""
    starts = [b.start for b in blocks]
    placed: list[tuple[int, int, int, int, Finding]] = []  # block, end, -start, order, finding
    loose: list[Finding] = []
    for order, f in enumerate(findings):
        end = max(f.end, f.start)
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0 or f.start > blocks[i].end or (f.start == blocks[i].end and end > f.start):
            # in the gap before a block (markup, a list marker): the block where it goes on
            if i + 1 < len(blocks) and end > blocks[i + 1].start:
                i += 1
            else:
                loose.append(f)
                continue
        b = blocks[i]
        a = max(f.start, b.start) - b.start
        e = max(min(end, b.end) - b.start, a)
        placed.append((i, e, -a, order, f))
    placed.sort(key=lambda t: t[:4])
    marks: list[list[_Mark]] = [[] for _ in blocks]
    for number, (i, e, neg_a, _, f) in enumerate(placed, 1):
        marks[i].append(_Mark(number, -neg_a, e, len(f.match.split()) > LONG_WORDS, f))
    return marks, loose


def _marked(d: str, text: str, marks: list[_Mark]) -> str:
    """The block's text with its findings marked: <mark> for words, [brackets] for long stretches."""
    if not marks:
        return esc(text)
    ends: dict[int, list[_Mark]] = {}
    opens: dict[int, list[_Mark]] = {}
    points = {0, len(text)}
    for m in marks:
        ends.setdefault(m.end, []).append(m)
        if m.end > m.start:
            opens.setdefault(m.start, []).append(m)
        points.add(m.start)
        points.add(m.end)
    order = sorted(points)
    out = []
    short = long = 0
    for k, p in enumerate(order):
        for m in sorted(ends.get(p, ()), key=lambda m: m.number):  # inner ones first: they were numbered first
            if m.end > m.start:
                if m.long:
                    long -= 1
                    out.append('<span class="bracket" aria-hidden="true">]</span>')
                else:
                    short -= 1
            out.append(f'<a class="ref" id="{d}-r{m.number}" href="#{d}-n{m.number}">'
                       f'<span class="vh">finding </span>[{m.number}]</a>')
        for m in sorted(opens.get(p, ()), key=lambda m: -m.end):  # outer ones first
            if m.long:
                long += 1
                out.append('<span class="bracket" aria-hidden="true">[</span>')
            else:
                short += 1
        if k + 1 == len(order):
            break
        piece = esc(text[p:order[k + 1]])
        if short:
            piece = (f'<mark class="twice">{piece}</mark>' if short > 1 else f"<mark>{piece}</mark>")
        if long:
            piece = f'<span class="long">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _quote(words: str) -> str:
    return "'" + " ".join(words.split()) + "'"


def _note(d: str, m: _Mark, in_text: bool = True) -> str:
    """The note for a finding: its number (a link back to it in the text), level, message and plain words."""
    f = m.finding
    if in_text:
        back = (f'<a class="ref" href="#{d}-r{m.number}"><span class="vh">Back to the text at finding </span>'
                f"[{m.number}]</a>")
    else:
        back = f'<span class="ref">[{m.number}]</span>'
    parts = [f'<li id="{d}-n{m.number}">{back} '
             f"<strong>{_LEVEL_WORD.get(f.level, str(f.level).title())}:</strong> {esc(f.message)}"]
    said = " ".join(f.match.split())
    if said and len(said) <= 80 and said.lower() not in " ".join(f.message.split()).lower():
        parts.append(f" <span class=\"muted\">(on the words {esc(_quote(said))})</span>")
    if f.suggestions:
        label = "Plain word" if len(f.suggestions) == 1 and len(f.suggestions[0].split()) == 1 else "Plain words"
        alts = ", ".join(f"<q>{esc(s)}</q>" for s in f.suggestions)
        parts.append(f' <span class="use">{label}: {alts}.</span>')
    why = (f.origin or {}).get("why")
    if why:
        parts.append(f" Why: {esc(str(why))}")
    split = (f.extra or {}).get("split_after")
    if split:
        parts.append(" You could split it after: " + esc(" / ".join(str(s) for s in split)) + ".")
    credit = (f.origin or {}).get("credit")
    extra = f"rule <code>{esc(f.rule)}</code>" + (f", {esc(str(credit))}" if credit else "")
    parts.append(f' <span class="muted">({extra})</span></li>')
    return "".join(parts)


def _para_note(d: str, number: int, p: dict[str, Any]) -> str:
    kind = _KIND_WORD.get(str(p.get("kind", "paragraph")), "paragraph")
    what = "" if kind == "paragraph" else f" ({esc(kind)})"
    reasons = "; ".join(str(r) for r in p.get("reasons") or [])
    return (f'<li><strong>Paragraph {number}</strong>{what}: reading age {int(p.get("reading_age", 0))}, '
            f'plain score {float(p.get("plain_score", 0)):.1f}. Why it is hard: {esc(reasons)}.</li>')


@dataclass
class _Unit:
    """Blocks shown together: one paragraph or heading, a list, or a table."""

    kind: str  # "block", "list", "table"
    blocks: list[int]


def _units(blocks: Sequence[Block]) -> list[_Unit]:
    units: list[_Unit] = []
    for i, b in enumerate(blocks):
        last = units[-1] if units else None
        if b.kind is BlockKind.LIST_ITEM:
            if last is not None and last.kind == "list":
                last.blocks.append(i)
            else:
                units.append(_Unit("list", [i]))
        elif b.kind is BlockKind.TABLE_CELL and "row" in (b.locator or {}):
            table = (b.locator or {}).get("table")
            if (last is not None and last.kind == "table"
                    and (blocks[last.blocks[0]].locator or {}).get("table") == table):
                last.blocks.append(i)
            else:
                units.append(_Unit("table", [i]))
        else:
            units.append(_Unit("block", [i]))
    return units


def _heading_levels(blocks: Sequence[Block], base: int) -> dict[int, int]:
    """HTML heading levels for the document's headings: from ``base``, never skipping a level."""
    stack: list[int] = []
    out = {}
    for i, b in enumerate(blocks):
        if b.kind is not BlockKind.HEADING:
            continue
        level = b.heading_level or 1
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        out[i] = min(base + len(stack) - 1, 6)
    return out


def _part(b: Block) -> str:
    loc = b.locator or {}
    if loc.get("part") in (None, "body"):
        return ""
    label = str(loc.get("part_label") or loc["part"])
    return f'<span class="part">{esc(label[:1].upper() + label[1:])}:</span> '


def _text(d: str, result: "FileResult", scores: list[dict[str, Any]]) -> str:
    out = [f'<h3 id="{d}-text">The text, with findings marked</h3>\n']
    doc = result.document
    if doc is None or not doc.blocks:
        loose = list(result.findings)
        if doc is None:
            out.append("<p>The text of this document is not available.</p>\n")
        else:
            out.append("<p>This document has no text.</p>\n")
        if loose:
            out.append(_loose(d, loose, 1))
        return "".join(out)
    blocks = doc.blocks
    marks, loose = _place(blocks, result.findings)
    number_of = {int(p["block"]): (i, p) for i, p in enumerate(scores, 1) if "block" in p}
    levels = _heading_levels(blocks, 4)
    out.append('<div class="doc-text">\n')

    def anchor(i: int) -> str:
        got = number_of.get(i)
        return f' id="{d}-p{got[0]}"' if got else ""

    def body(i: int) -> str:
        return _part(blocks[i]) + _marked(d, blocks[i].text, marks[i])

    for unit in _units(blocks):
        notes: list[str] = []
        for i in unit.blocks:
            got = number_of.get(i)
            if got and got[1].get("reasons") and float(got[1].get("plain_score", 0)) < PLAIN_FROM:
                notes.append(_para_note(d, got[0], got[1]))
            notes.extend(_note(d, m) for m in marks[i])
        if unit.kind == "list":
            items = [f"<li{anchor(i)}>{body(i)}</li>" for i in unit.blocks
                     if blocks[i].text.strip() or marks[i]]
            if items:
                out.append("<ul>\n" + "\n".join(items) + "\n</ul>\n")
        elif unit.kind == "table":
            out.append(_table(unit.blocks, blocks, anchor, body))
        else:
            i = unit.blocks[0]
            b = blocks[i]
            if not b.text.strip() and not marks[i]:
                continue
            if b.kind is BlockKind.HEADING:
                h = levels[i]
                out.append(f"<h{h}{anchor(i)}>{body(i)}</h{h}>\n")
            elif b.kind is BlockKind.BLOCKQUOTE:
                out.append(f"<blockquote{anchor(i)}><p>{body(i)}</p></blockquote>\n")
            else:
                out.append(f"<p{anchor(i)}>{body(i)}</p>\n")
        if notes:
            out.append('<ul class="notes">\n' + "\n".join(notes) + "\n</ul>\n")
    out.append("</div>\n")
    if loose:
        first = 1 + sum(len(m) for m in marks)
        out.append(_loose(d, loose, first))
    return "".join(out)


def _table(indexes: list[int], blocks: Sequence[Block], anchor: Any, body: Any) -> str:
    rows: dict[Any, dict[Any, list[int]]] = {}
    for i in indexes:
        loc = blocks[i].locator or {}
        rows.setdefault(loc.get("row"), {}).setdefault(loc.get("column"), []).append(i)
    header = len(rows) > 1
    table = (blocks[indexes[0]].locator or {}).get("table", "")
    out = [f"<table>\n<caption>Table {esc(str(table))} in the document</caption>\n"]
    for r, (_, cells) in enumerate(rows.items()):
        tag = "th" if header and r == 0 else "td"
        scope = ' scope="col"' if tag == "th" else ""
        tds = []
        for parts in cells.values():
            if len(parts) == 1:
                tds.append(f"<{tag}{scope}{anchor(parts[0])}>{body(parts[0])}</{tag}>")
            else:  # several paragraphs in one cell: each keeps its own link target
                inner = "<br>".join(f"<span{anchor(i)}>{body(i)}</span>" for i in parts)
                tds.append(f"<{tag}{scope}>{inner}</{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>\n")
    out.append("</table>\n")
    return "".join(out)


def _loose(d: str, findings: list[Finding], first: int) -> str:
    items = []
    for k, f in enumerate(findings, first):
        where = f.location or (f"line {f.line}" if f.line else "")
        note = _note(d, _Mark(k, 0, 0, False, f), in_text=False)
        if where:
            note = note.replace("</li>", f' <span class="muted">Where: {esc(where)}.</span></li>')
        items.append(note)
    return (f'<h3 id="{d}-other">Other findings</h3>\n<p>These findings are not about words in the text.</p>\n'
            '<ul class="notes">\n' + "\n".join(items) + "\n</ul>\n")
