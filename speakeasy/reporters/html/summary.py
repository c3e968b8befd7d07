"""A document's summary in the HTML report: its figures, its findings by rule, and how hard each paragraph
is, as a bar chart (SVG, with a text alternative) and a table with the same numbers."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ...model import Finding, Level
from ...readers import has_line_numbers
from ..human import plural
from .basics import LEVEL_WORD, LEVELS, PLAIN_FROM, esc, plain_reading_age

if TYPE_CHECKING:  # pragma: no cover
    from ...model import FileResult


def summary_html(d: str, result: "FileResult", counts: dict[Level, int], summaries: dict[str, str]) -> str:
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
    head = "".join(f'<th scope="col" class="n">{LEVEL_WORD[lvl]}s</th>' for lvl in LEVELS)
    out = [f'<div class="wide"><table id="{d}-rules">\n<caption>Findings by rule and level</caption>\n'
           f'<thead><tr><th scope="col">Rule</th>{head}<th scope="col" class="n">All</th></tr></thead>\n<tbody>\n']
    for rule in order:
        c = by_rule[rule]
        about = summaries.get(rule)
        name = f"<code>{esc(rule)}</code>" + (f'<br><span class="muted">{esc(about)}</span>' if about else "")
        cells = "".join(f'<td class="n">{c[lvl]}</td>' for lvl in LEVELS)
        out.append(f'<tr><th scope="row">{name}</th>{cells}<td class="n">{sum(c.values())}</td></tr>\n')
    cells = "".join(f'<td class="n">{counts[lvl]}</td>' for lvl in LEVELS)
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


def difficulty_html(d: str, result: "FileResult", scores: list[dict[str, Any]]) -> str:
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
