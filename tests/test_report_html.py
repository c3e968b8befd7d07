"""`speakeasy report`: one self-contained, accessible HTML page (speakeasy.reporters.html).

Most tests build a FileResult by hand (a real Document read from Markdown,
findings at known offsets, stats with the plain-score keys), so they check
exactly what the page does with each piece.  End-to-end tests run the real
command.  The browser tests load the page in headless Chromium, take a
screenshot and run axe-core on it; they are skipped when Chromium or axe-core
is missing (.ci/run installs both).
"""

from __future__ import annotations

import datetime
import html
import json
import os
import re
import shutil
import struct
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from speakeasy.model import FileResult
from speakeasy.model import Finding, Level, ReadError
from speakeasy.readers import read_bytes
from speakeasy.reporters.html import render
from speakeasy.reporters.html.basics import plain_reading_age

WHEN = datetime.datetime(2026, 3, 14, 9, 30)

POLICY = """\
# Care at home

We will facilitate your care package. Call us if you need help.

## Who does what

Prior to the commencement of any service, a needs assessment will be undertaken by a practitioner \
in order to ascertain eligibility.

- We visit you.
- We write it down.
"""


# -- a page parsed ---------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr", "area", "base", "col", "embed", "track",
        "line", "rect", "path", "circle"}  # the SVG ones are written self-closing (<line/>)


class Page(HTMLParser):
    """A parsed page: its tags in order, the visible text of each element (by tag and by id), and a
    check that every tag is closed in order.  Text only for screen readers (class "vh") is left out."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = text
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.stack: list[tuple[str, dict[str, str], list[str]]] = []
        self.hidden = 0
        self.by_id: dict[str, str] = {}
        self.texts: dict[str, list[str]] = {}
        self.feed(text)
        self.close()
        assert not self.stack, f"tags left open: {[t for t, _, _ in self.stack]}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag not in VOID:
            self.stack.append((tag, a, []))
            if "vh" in a.get("class", "").split():
                self.hidden += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, attrs, parts = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if "vh" in attrs.get("class", "").split():
            self.hidden -= 1
        text = " ".join("".join(parts).split())
        self.texts.setdefault(tag, []).append(text)
        if "id" in attrs:
            self.by_id[attrs["id"]] = text
        if self.stack:
            self.stack[-1][2].append("".join(parts))

    def handle_data(self, data: str) -> None:
        if self.stack and not self.hidden:
            self.stack[-1][2].append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


# -- results made by hand --------------------------------------------------------------------------


def finding(source: str, words: str, rule: str = "plain-english.words", level: Level = Level.WARNING,
            message: str | None = None, suggestions: list[str] | None = None, nth: int = 0,
            **extra: Any) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = source.index(words, start + 1)
    return Finding(rule=rule, level=level, message=message or f"Use a plainer word than '{words}'.",
                   path="policy.md", start=start, end=start + len(words), match=words,
                   suggestions=list(suggestions or []), **extra)


def scores_for(doc: Any) -> list[dict[str, Any]]:
    """paragraph_scores as the engine gives them, with made-up numbers (the first is the hardest)."""
    out = []
    ages = [19, 21, 9, 10]
    n = 0
    for bi, b in enumerate(doc.blocks):
        if b.kind.value == "heading" or not b.text.strip():
            continue
        age = ages[n % len(ages)]
        out.append({
            "block": bi, "kind": b.kind.value, "line": doc.position(b.start)[0],
            "end_line": doc.position(b.end - 1)[0], "offset": b.start, "end_offset": b.end,
            "location": f"under '{b.section}', paragraph {n + 1}", "words": len(b.text.split()),
            "sentences": max(b.text.count("."), 1), "plain_score": round(100 - age * 4.1, 1), "reading_age": age,
            "reasons": ["2 jargon words: facilitate, care package", "a 24-word sentence"] if age > 15 else [],
        })
        n += 1
    return out


def result_for(text: str = POLICY, findings: list[Finding] | None = None, path: str = "policy.md",
               stats: dict[str, Any] | None = None, fmt: str = "markdown") -> FileResult:
    doc = read_bytes(path, text.encode("utf-8"), fmt)
    st = {"words": 42, "sentences": 5, "paragraphs": 4, "syllables": 70, "flesch_reading_ease": 48.3,
          "flesch_kincaid_grade": 11.2, "smog": 12.0, "gunning_fog": 13.1, "plain_score": 41.5, "reading_age": 16,
          "paragraph_scores": scores_for(doc)}
    st.update(stats or {})
    return FileResult(path, fmt, sorted(findings or [], key=Finding.sort_key), st, doc)


def policy_findings() -> list[Finding]:
    long_sentence = POLICY[POLICY.index("Prior to"):POLICY.index("eligibility.") + len("eligibility.")]
    return [
        finding(POLICY, "facilitate", suggestions=["help", "run"], origin={"why": "It is vague.", "credit": "the Forum"}),
        finding(POLICY, "care package", rule="social-care.jargon", message="'care package' is jargon.",
                suggestions=["the help you get"]),
        finding(POLICY, "Prior to", suggestions=["Before"]),
        finding(POLICY, long_sentence, rule="length.sentence", level=Level.ERROR,
                message="This sentence has 26 words. Aim for 25 or fewer."),
        finding(POLICY, "be undertaken", rule="passive-voice.passive", level=Level.SUGGESTION,
                message="'be undertaken' is passive."),
        finding(POLICY, "in order to", suggestions=["to"]),
    ]


@pytest.fixture
def page_text() -> str:
    return render([result_for(findings=policy_findings())], generated=WHEN)


# -- the page --------------------------------------------------------------------------------------


def test_page_is_one_accessible_document(page_text: str) -> None:
    assert page_text.startswith("<!DOCTYPE html>\n")
    page = Page(page_text)
    assert page.all("html") == [{"lang": "en-GB"}]
    assert page.texts["title"][0] == "Plain English report: policy.md"
    assert page.all("meta", charset="utf-8")
    # landmarks: one of each, in order, and everything else inside them
    order = [t for t, _ in page.tags if t in ("header", "nav", "main", "footer")]
    assert order == ["header", "nav", "main", "footer"]
    body = re.search(r"<body>\n(.*)</body>", page_text, re.S).group(1)  # type: ignore[union-attr]
    outside = re.sub(r"<(header|nav|main|footer)\b.*?</\1>\n", "", body, flags=re.S)
    assert outside == '<a class="skip-link" href="#main">Skip to the report</a>\n'
    assert page.all("main") == [{"id": "main", "tabindex": "-1"}]
    # headings start at 1 and never skip a level
    levels = [int(t[1]) for t, _ in page.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    # the document's own headings sit under "The text" (h3): # becomes h4, ## becomes h5
    assert page.texts["h4"] == ["Care at home"] and page.texts["h5"] == ["Who does what"]


def test_every_link_goes_somewhere_on_the_page(page_text: str) -> None:
    page = Page(page_text)
    ids = [a["id"] for _, a in page.tags if "id" in a]
    assert len(ids) == len(set(ids)), "ids are unique"
    for a in page.all("a"):
        assert a["href"].startswith("#") and a["href"][1:] in ids, a
    for _, a in page.tags:
        for key in ("aria-labelledby", "aria-describedby"):
            for ref in a.get(key, "").split():
                assert ref in ids, (key, ref)


def test_contents_lists_each_document_and_the_files_not_read() -> None:
    results = [result_for(path="a.md", findings=[finding(POLICY, "facilitate")]), result_for(path="b.md")]
    errors = [ReadError("c.docx", "c.docx: this file is damaged and cannot be opened.", "damaged")]
    page = Page(render(results, errors))
    nav = re.search(r"<nav .*?</nav>", page.source, re.S).group(0)  # type: ignore[union-attr]
    assert re.findall(r'href="#([^"]+)"', nav) == ["d1", "d2", "unread"]
    assert page.by_id["d1-h"] == "a.md" and page.by_id["d2-h"] == "b.md"
    assert "a.md: plain score 41.5, reading age 16, 1 finding (1 warning)" in page.texts["li"]
    assert "b.md: plain score 41.5, reading age 16, no findings" in page.texts["li"]
    assert "c.docx: this file is damaged and cannot be opened." in page.texts["li"]
    assert page.by_id["unread"] == "Files that could not be read"
    assert page.texts["title"][0] == "Plain English report"
    assert "checked 2 documents. 1 file could not be read." in page.source


def test_the_page_needs_nothing_from_outside(page_text: str) -> None:
    results = [result_for(text=POLICY + "\nRead [our page](https://example.org/x) or <img src='http://x/y.png'>.\n")]
    for text in (page_text, render(results)):
        assert not re.search(r"""\b(src|href|xlink:href|action|data)\s*=\s*["']?\s*(https?:|//|file:)""", text, re.I)
        assert all(h.startswith("#") for h in re.findall(r'\bhref="([^"]*)"', text))
        for tag in ("<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url("):
            assert tag not in text.lower()
    # the only outside name is the SVG namespace, which is never fetched
    assert re.findall(r"https?://[^\s\"'<]+", page_text) == ["http://www.w3.org/2000/svg"]


def test_summary_shows_the_document_figures(page_text: str) -> None:
    page = Page(page_text)
    dts, dds = page.texts["dt"], page.texts["dd"]
    figures = dict(zip(dts, dds))
    assert figures == {
        "Plain score": "41.5 out of 100: not yet plain English",
        "Reading age": "16 years",
        "Words": "42",
        "Sentences": "5",
        "Paragraphs": "4",
    }
    assert "Most people aged 16 and over can read this." in page.texts["p"]


def test_findings_counted_by_rule_and_level(page_text: str) -> None:
    table = re.search(r'<table id="d1-rules">.*?</table>', page_text, re.S).group(0)  # type: ignore[union-attr]
    rows = re.findall(r"<tr>(.*?)</tr>", table)
    cells = [[" ".join(html.unescape(re.sub("<[^>]+>", " ", c)).split())
              for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r)] for r in rows]
    assert cells == [
        ["Rule", "Errors", "Warnings", "Suggestions", "All"],
        ["plain-english.words", "0", "3", "0", "3"],
        ["length.sentence", "1", "0", "0", "1"],
        ["passive-voice.passive", "0", "0", "1", "1"],
        ["social-care.jargon", "0", "1", "0", "1"],
        ["All rules", "1", "4", "1", "6"],
    ]
    assert '<th scope="col">Rule</th>' in table and '<th scope="row">All rules</th>' in table
    assert "<caption>Findings by rule and level</caption>" in table


def test_rule_summaries_come_from_the_ruleset(default_ruleset: Any) -> None:
    text = render([result_for(findings=policy_findings())], ruleset=default_ruleset)
    summary = default_ruleset.get("plain-english.words").summary
    assert f'<code>plain-english.words</code><br><span class="muted">{html.escape(summary, quote=False)}</span>' in text


def test_a_clean_document_says_so() -> None:
    page = Page(render([result_for()]))
    assert "speakeasy found no problems in this document." in page.texts["p"]
    assert "<mark" not in page.source and 'class="ref"' not in page.source


# -- the chart and its table -----------------------------------------------------------------------


def chart_of(text: str, d: str = "d1") -> str:
    return re.search(rf'<figure aria-labelledby="{d}-fig">.*?</figure>', text, re.S).group(0)  # type: ignore[union-attr]


def test_chart_has_a_text_alternative(page_text: str) -> None:
    page = Page(page_text)
    svg = page.all("svg")[0]
    assert svg["role"] == "img"
    chart = chart_of(page_text)
    title_id, desc_id = svg["aria-labelledby"].split()
    assert page.by_id[title_id] == "The reading age of each paragraph of policy.md"
    assert page.by_id[desc_id] == (
        "A bar chart with one bar for each of the 4 paragraphs, in the order they come. A taller bar is harder "
        "to read. The hardest is paragraph 2, reading age 21. The easiest is paragraph 3, reading age 9. "
        f"A dashed line marks reading age {plain_reading_age()}, where plain English ends. 3 of the 4 paragraphs "
        "are harder than plain English. The table after the chart has the same numbers.")
    assert chart.index("<title") < chart.index("<desc") < chart.index("<rect")
    assert page.by_id["d1-fig"] == (
        "Reading age of each paragraph, in order. A taller bar is harder to read. Bars above the dashed line are "
        "harder than plain English. 3 of the 4 paragraphs are. The table below has the same numbers.")
    # the dashed line is at the top of plain English, and the chart says so in words too
    assert chart.count('<line class="aim"') == 2
    assert f"Dashed line: plain English, up to reading age {plain_reading_age()}</text>" in chart
    # one colour for every bar: no meaning in colour
    assert set(re.findall(r'<rect class="([^"]+)"', chart)) == {"bar"}
    assert "fill=" not in chart and "style=" not in chart


def test_chart_and_table_have_the_same_numbers_as_the_stats(page_text: str) -> None:
    result = result_for(findings=policy_findings())
    scores = result.stats["paragraph_scores"]
    chart = chart_of(page_text)
    bars = re.findall(r"<title>Paragraph (\d+): reading age (\d+)</title>", chart)
    assert bars == [(str(i), str(p["reading_age"])) for i, p in enumerate(scores, 1)]
    # taller bar, higher reading age
    heights = [float(h) for h in re.findall(r'<rect class="bar"[^>]* height="([\d.]+)"', chart)]
    assert sorted(range(4), key=heights.__getitem__) == sorted(range(4), key=lambda i: scores[i]["reading_age"])
    table = re.search(r'<table id="d1-table">.*?</table>', page_text, re.S).group(0)  # type: ignore[union-attr]
    assert "<caption>" in table
    head = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    assert head == ["Paragraph", "Where", "Words", "Sentences", "Plain score", "Reading age", "Why it is hard"]
    rows = re.findall(r'<tr><th scope="row"><a href="#d1-p(\d+)">(\d+)</a></th>(.*?)</tr>', table)
    assert len(rows) == len(scores)
    for (anchor, number, cells), p in zip(rows, scores):
        values = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", cells)]
        where = f"line {p['line']}" if p["line"] == p["end_line"] else f"lines {p['line']} to {p['end_line']}"
        assert values == [where, str(p["words"]), str(p["sentences"]), f"{p['plain_score']:.1f}",
                          str(p["reading_age"]), "; ".join(p["reasons"]) or "None"]
        assert anchor == number
    # each row links to its paragraph in the text
    page = Page(page_text)
    assert page.by_id["d1-p1"].startswith("We will facilitate")
    assert page.by_id["d1-p3"] == "We visit you."


def test_chart_for_a_long_document_stays_readable() -> None:
    doc = "\n\n".join(f"Paragraph number {i} is here." for i in range(1, 1001)) + "\n"
    text = render([result_for(text=doc)])
    chart = chart_of(text)
    assert chart.count('<rect class="bar"') == 1000
    labels = re.findall(r'text-anchor="middle">(\d+)</text>', chart)
    assert labels == ["1", "100", "200", "300", "400", "500", "600", "700", "800", "900", "1000"]
    assert 'viewBox="0 0 720 320"' in chart


def test_no_paragraph_scores_no_chart() -> None:
    """Results from before the plain score (or a document with no words) still make a page."""
    r = result_for()
    for key in ("plain_score", "reading_age", "paragraph_scores"):
        del r.stats[key]
    page = Page(render([r]))
    assert "There are no paragraphs with words to score." in page.texts["p"]
    assert "<svg" not in page.source and "Plain score" not in page.texts["dt"]
    assert "We will facilitate your care package." in page.source


# -- the text with its findings --------------------------------------------------------------------


def refs_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a class="ref" id="d1-r(\d+)"', text)]


def test_each_finding_is_marked_and_explained_next_to_it(page_text: str) -> None:
    page = Page(page_text)
    findings = policy_findings()
    # numbered in the order their [n] links come in the text
    assert refs_in(page_text) == list(range(1, len(findings) + 1))
    notes = {int(k[len("d1-n"):]): v for k, v in page.by_id.items() if k.startswith("d1-n")}
    assert sorted(notes) == list(range(1, len(findings) + 1))
    marked = page.texts["mark"]
    assert marked == ["facilitate", "care package", "Prior to", "be undertaken", "in order to"]
    words = {1: "facilitate", 2: "care package", 3: "Prior to", 4: "be undertaken", 5: "in order to", 6: "sentence"}
    for n, f in zip(words, [findings[i] for i in (0, 1, 2, 4, 5, 3)]):
        note = notes[n]
        assert note.startswith(f"[{n}]"), note
        assert f.message in note and {"warning": "Warning:", "error": "Error:", "suggestion": "Suggestion:"}[
            str(f.level)] in note
        for s in f.suggestions:
            assert f"“{s}”" in note or s in note
        assert f.rule in note
    assert "Plain words: help, run." in notes[1] and "Why: It is vague." in notes[1] and "the Forum" in notes[1]
    assert "Plain words: the help you get." in notes[2] and "Plain word: Before." in notes[3]
    # the text link and the note link to each other
    for n in notes:
        assert f'<a class="ref" id="d1-r{n}" href="#d1-n{n}">' in page_text
        assert f'<li id="d1-n{n}"><a class="ref" href="#d1-r{n}">' in page_text
    # the notes come straight after their paragraph, before the next one
    after = page_text.index('<p id="d1-p1">')
    assert after < page_text.index('id="d1-n1"') < page_text.index('id="d1-n2"') < page_text.index('<h5>')


def test_marks_do_not_need_colour(page_text: str) -> None:
    css = re.search(r"<style>(.*?)</style>", page_text, re.S).group(1)  # type: ignore[union-attr]
    rules = dict(re.findall(r"^([^{}@\n]+?)\s*\{([^}]*)\}", css, re.M))
    assert "underline" in rules["mark"]  # underlined as well as highlighted
    assert "double" in rules["mark.twice"]
    assert "dotted" in rules[".long"]
    # every finding has a visible number in brackets in the text, and marks are only ever around words
    assert refs_in(page_text) == list(range(1, 7))
    assert all(m.strip() for m in Page(page_text).texts["mark"])
    # a finding on a whole sentence is in visible brackets, and its note names the level in words
    sentence = re.search(r'<span class="bracket" aria-hidden="true">\[</span>(.*?)'
                         r'<span class="bracket" aria-hidden="true">\]</span><a class="ref" id="d1-r6"', page_text, re.S)
    assert sentence and "Prior to" in sentence.group(1) and "eligibility." in sentence.group(1)
    assert "[6] Error: This sentence has 26 words." in Page(page_text).by_id["d1-n6"]
    assert "How to read this report" in page_text and "underlined and followed by a number in brackets" in page_text


def test_findings_that_overlap_nest_properly() -> None:
    text = "Please commence the commencement of the service procurement process now.\n"
    fs = [
        finding(text, "commence the commencement", rule="a.phrase"),
        finding(text, "commence"),
        finding(text, "commencement"),
        finding(text, "the commencement of", rule="b.phrase"),
        finding(text, "service procurement process", rule="c.chain"),
        finding(text, "procurement"),
    ]
    page_text = render([result_for(text=text, findings=fs, stats={"paragraph_scores": []})])
    page = Page(page_text)  # tags balance
    assert refs_in(page_text) == [1, 2, 3, 4, 5, 6]
    assert len([k for k in page.by_id if k.startswith("d1-n")]) == 6
    assert "<mark class=\"twice\">" in page_text  # where two findings cover the same words
    para = next(p for p in page.texts["p"] if p.startswith("Please"))
    assert re.sub(r"\s*\[\d\]", "", para) == "Please commence the commencement of the service procurement process now."


def test_findings_outside_the_text_are_listed_after_it() -> None:
    f = Finding(rule="accessibility.image-alt-text", level=Level.WARNING, message="An image has no alt text.",
                path="policy.md", start=10_000, end=10_000, match="", location="image 1")
    g = finding(POLICY, "facilitate")
    page = Page(render([result_for(findings=[f, g])]))
    assert page.by_id["d1-other"] == "Other findings"
    assert page.by_id["d1-n2"] == "[2] Warning: An image has no alt text. (rule accessibility.image-alt-text) Where: image 1."
    assert page.by_id["d1-n1"].startswith("[1] Warning: Use a plainer word than 'facilitate'.")


def test_a_finding_at_the_end_of_a_paragraph_and_one_with_no_words() -> None:
    text = "We will help.\n\nNext one.\n"
    fs = [finding(text, "help."), Finding(rule="x.y", level=Level.SUGGESTION, message="Here.", path="p.md",
                                          start=text.index("Next"), end=text.index("Next"), match="")]
    page_text = render([result_for(text=text, findings=fs)])
    page = Page(page_text)
    assert page.texts["mark"] == ["help."]
    assert refs_in(page_text) == [1, 2]
    assert '<a class="ref" id="d1-r2" href="#d1-n2"><span class="vh">finding </span>[2]</a>Next one.' in page_text


def test_document_text_is_escaped() -> None:
    text = ('# Fish & <chips>\n\nSay <script>alert("x")</script> & "hi" with a\x0b tab \'ok\'.\n\n'
            "Some <b>bold</b> words & more.\n")
    bad = Finding(rule="x.<y>", level=Level.WARNING, message="Don't <b>shout</b> & \"more\"", path="<p>.md",
                  start=text.index("script>alert"), end=text.index("script>alert") + 6, match="script",
                  suggestions=["<i>nice</i>"], origin={"why": "<u>why</u>", "credit": "<s>us</s>"})
    page_text = render([result_for(text=text, findings=[bad], path='<p onclick="x">.md', fmt="text")],
                       title="<T> & co")
    lowered = page_text.lower()
    for raw in ("<script", "<b>", "<i>", "<u>", "<s>", "<chips>", "<p onclick", "<t>", "<y>", "\x0b"):
        assert raw not in lowered, raw
    page = Page(page_text)
    assert page.texts["title"][0] == "<T> & co"
    assert page.by_id["d1-h"] == '<p onclick="x">.md'
    note = page.by_id["d1-n1"]
    assert 'Don\'t <b>shout</b> & "more"' in note and "<i>nice</i>" in note and "<u>why</u>" in note
    assert "<s>us</s>" in note and "x.<y>" in note
    assert "# Fish &amp; &lt;chips&gt;" in page_text
    assert '&lt;<mark>script</mark><a class="ref"' in page_text
    assert "alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;hi&quot; with a  tab 'ok'." in page_text


def test_lists_tables_and_headings_keep_their_shape() -> None:
    text = ("# Top\n\n### Skipped a level\n\n- one\n- two\n\n| Visit | Time |\n|---|---|\n| Morning | 7am |\n\n"
            "> A quote.\n")
    page = Page(render([result_for(text=text, findings=[finding(text, "Morning")])]))
    assert page.texts["h4"] == ["Top"] and page.texts["h5"] == ["Skipped a level"]  # never skips a level
    assert ["one", "two"] == [t for t in page.texts["li"] if t in ("one", "two")]
    assert page.all("th", scope="col") and "Visit" in page.texts["th"] and "Time" in page.texts["th"]
    assert "Morning[1]" in page.texts["td"]
    assert page.texts["caption"][-1] == "Table 1 in the document"
    assert page.texts["blockquote"] == ["A quote."]


def test_a_table_cell_with_two_paragraphs() -> None:
    """Word tables can hold several paragraphs in a cell: each keeps its own link target from the table."""
    from speakeasy.model import Block, BlockKind, Document

    texts = ["Visit", "Time", "Morning", "Come early.", "We facilitate it."]
    cells = [(1, 1), (1, 2), (2, 1), (2, 2), (2, 2)]
    source = "\n".join(texts) + "\n"
    blocks, at = [], 0
    for i, (text, (row, col)) in enumerate(zip(texts, cells)):
        blocks.append(Block(text, at, BlockKind.TABLE_CELL, i, locator={"table": "1", "row": row, "column": col}))
        at += len(text) + 1
    doc = Document("t.docx", source, "docx", blocks)
    r = FileResult("t.docx", "docx", [finding(source, "facilitate")], {"paragraph_scores": scores_for(doc)}, doc)
    page_text = render([r])
    page = Page(page_text)
    assert page.texts["th"][-2:] == ["Visit", "Time"]
    assert page.texts["td"][-2:] == ["Morning", "Come early.We facilitate[1] it."]
    assert page.by_id["d1-p4"] == "Come early." and page.by_id["d1-p5"] == "We facilitate[1] it."
    assert '<td><span id="d1-p4">Come early.</span><br><span id="d1-p5">' in page_text
    assert page.by_id["d1-n1"].startswith("[1] Warning:")


def test_large_document_is_quick() -> None:
    """Linear work: 4,000 paragraphs with 16,000 findings take well under a few seconds."""
    para = "We will facilitate the care package in order to commence support.\n\n"
    text = para * 4000
    fs = []
    for word in ("facilitate", "care package", "in order to", "commence"):
        at = -1
        while True:
            at = text.find(word, at + 1)
            if at == -1:
                break
            fs.append(Finding(rule="plain-english.words", level=Level.WARNING, message="Plainer.", path="big.md",
                              start=at, end=at + len(word), match=word, suggestions=["x"]))
    r = result_for(text=text, findings=fs)
    began = time.perf_counter()
    page_text = render([r])
    took = time.perf_counter() - began
    assert page_text.count("<mark>") == 16_000
    assert took < 8, f"{took:.1f} s"


def test_generated_time_and_version_are_shown(page_text: str) -> None:
    from speakeasy import __version__

    assert f"speakeasy {__version__} checked 1 document on 14 March 2026 at 09:30." in page_text
    assert "on 14 March" not in render([result_for()])  # no date asked for: the same page every time


# -- the command -----------------------------------------------------------------------------------


def test_report_command_end_to_end(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, stdout, stderr = cli("report", str(ROOT / "examples" / "care-at-home-policy.md"), "-o", str(out),
                               "--no-config", "--no-cache", cwd=tmp_path)
    assert code == 0, stderr
    assert stdout == f"Wrote the report on 1 file to {out}.\n" and stderr == ""
    page = Page(out.read_text(encoding="utf-8"))
    assert page.texts["title"][0] == f"Plain English report: {ROOT / 'examples' / 'care-at-home-policy.md'}"
    assert "Most people aged" in page.source  # the plain score's keys are in the stats
    assert len(page.all("rect", **{"class": "bar"})) >= 5
    assert "“tell you where to get help”" in page.source or "<q>tell you where to get help</q>" in page.source
    assert "<mark>signpost</mark>" in page.source


def test_report_on_a_word_file(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, stdout, stderr = cli("report", str(ROOT / "tests" / "data" / "docx" / "policy-features.docx"), "-o",
                               str(out), "--no-config", "--no-cache", cwd=tmp_path)
    assert code == 0, stderr
    page = Page(out.read_text(encoding="utf-8"))
    assert "Home Care Support Policy" in page.texts["h4"]
    assert "<mark>facilitate</mark>" in page.source
    assert "First-page header:" in page.source
    assert any(t.startswith("Visit") for t in page.texts["th"])
    # Word files have no line numbers a person can follow: the table says where instead
    assert "<td>under 'Purpose of this policy', paragraph 1</td>" in page.source


def test_unreadable_file_is_listed_and_exits_2(cli: Any, tmp_path: Path) -> None:
    good = tmp_path / "good.md"
    good.write_text("We will help you.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    code, stdout, stderr = cli("report", str(good), str(tmp_path / "missing.md"),
                               str(ROOT / "tests" / "data" / "docx" / "not-a-zip.docx"), "-o", str(out),
                               "--no-config", "--no-cache", cwd=tmp_path)
    assert code == 2
    lines = stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("speakeasy: error: ") for line in lines), stderr
    assert "missing.md" in lines[0] and "not-a-zip.docx" in lines[1]
    assert stdout == f"Wrote the report on 1 file to {out}.\n"
    page = Page(out.read_text(encoding="utf-8"))
    assert page.by_id["unread"] == "Files that could not be read"
    assert any("missing.md" in t for t in page.texts["li"]) and any("not-a-zip.docx" in t for t in page.texts["li"])


def test_report_is_written_atomically(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speakeasy.reporters import html as html_reporter

    doc = tmp_path / "p.md"
    doc.write_text("We will help you.\n", encoding="utf-8")
    out = tmp_path / "r.html"
    out.write_text("the old report", encoding="utf-8")
    os.chmod(out, 0o644)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(html_reporter, "render_stream", broken)
    code, _, stderr = cli("report", str(doc), "-o", str(out), "--no-config", "--no-cache", cwd=tmp_path)
    assert code == 3 and "boom" in stderr
    assert out.read_text(encoding="utf-8") == "the old report"
    monkeypatch.undo()
    code, _, _ = cli("report", str(doc), "-o", str(out), "--no-config", "--no-cache", cwd=tmp_path)
    assert code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(out).st_mode & 0o777 == 0o644  # the file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md", "r.html"]  # no temporary files left


def test_report_default_name_folder_and_stdin(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773480600")  # 14 March 2026, 09:30 UTC
    code, stdout, _ = cli("report", "-", "--stdin-filename", "note.md", "--no-config", "--no-cache", cwd=tmp_path,
                          stdin=b"We will facilitate it.\n")
    assert code == 0 and stdout == "Wrote the report on 1 file to speakeasy-report.html.\n"
    text = (tmp_path / "speakeasy-report.html").read_text(encoding="utf-8")
    assert "on 14 March 2026 at 09:30." in text and "<mark>facilitate</mark>" in text
    code, _, stderr = cli("report", "-", "-o", str(tmp_path), "--no-config", cwd=tmp_path, stdin=b"x\n")
    assert code == 2 and stderr == f"speakeasy: error: {tmp_path}: is a folder; give a file name for --output.\n"


def test_check_still_takes_the_shared_options(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "p.md"
    doc.write_text("We will facilitate it.\n", encoding="utf-8")
    code, out, _ = cli("check", str(doc), "--no-config", "--jobs", "1", "--no-cache", "--format", "json", cwd=tmp_path)
    assert code == 0 and json.loads(out)["files"][0]["findings"]


# -- in a real browser -----------------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (.ci/run installs the Debian package 'chromium')")


def _axe() -> Path:
    path = Path(os.environ.get("SPEAKEASY_AXE_JS") or ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js")
    if not path.is_file():
        pytest.skip(f"axe-core is not installed at {path} (.ci/run installs it with npm; or set SPEAKEASY_AXE_JS)")
    return path


def _browser(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_axe(page: Path, tmp_path: Path, *flags: str) -> list[dict[str, Any]]:
    """axe-core's violations for a page, as loaded by headless Chromium."""
    axe = _axe().read_text(encoding="utf-8")
    runner = (
        "<script>" + axe.replace("</script", "<\\/script") + "</script>\n<script>\n"
        "function speakeasyDone(data) { var pre = document.createElement('pre'); pre.id = 'axe-results';\n"
        "  pre.textContent = JSON.stringify(data); document.body.appendChild(pre); }\n"
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(AXE_TAGS)}}}, resultTypes: ['violations']}})\n"
        "  .then(function (r) { speakeasyDone(r.violations); })\n"
        "  .catch(function (e) { speakeasyDone({error: String(e)}); });\n</script>\n"
    )
    checked = tmp_path / (page.stem + ".axe.html")
    checked.write_text(page.read_text(encoding="utf-8").replace("</body>", runner + "</body>"), encoding="utf-8")
    proc = _browser(*flags, "--virtual-time-budget=20000", "--dump-dom", checked.as_uri(), profile=tmp_path / "profile")
    found = re.search(r'<pre id="axe-results">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"axe-core did not finish (exit {proc.returncode}): {proc.stderr[-2000:]}"
    data = json.loads(html.unescape(found.group(1)))
    assert not isinstance(data, dict), f"axe-core failed: {data}"
    return data


def readable(violations: list[dict[str, Any]]) -> str:
    out = []
    for v in violations:
        out.append(f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"][:5]:
            out.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(out)


@pytest.fixture(scope="module")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from speakeasy.cli import main

    folder = tmp_path_factory.mktemp("report")
    out = folder / "report.html"
    docs = [ROOT / "examples" / "care-at-home-policy.md", ROOT / "tests" / "data" / "docx" / "policy-features.docx",
            folder / "missing.md"]
    assert main(["report", *map(str, docs), "-o", str(out), "--no-config", "--no-cache", "--jobs", "1"]) == 2
    return out


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_accessibility_problems(example_report: Path, tmp_path: Path, scheme: str) -> None:
    flags = ("--force-dark-mode",) if scheme == "dark" else ()
    violations = run_axe(example_report, tmp_path, *flags)
    assert violations == [], "axe-core found accessibility problems:\n" + readable(violations)


def test_axe_would_see_a_problem(tmp_path: Path) -> None:
    """The check itself works: a page with a low-contrast line and an image without alt text fails."""
    page = tmp_path / "bad.html"
    page.write_text(render([result_for()]).replace(
        '<main id="main" tabindex="-1">',
        '<main id="main" tabindex="-1"><p style="color:#bbb">faint</p><img src="data:,">'), encoding="utf-8")
    ids = {v["id"] for v in run_axe(page, tmp_path)}
    assert {"color-contrast", "image-alt"} <= ids


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshot(example_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    proc = _browser(f"--screenshot={shot}", "--window-size=1280,2400", example_report.as_uri(),
                    profile=tmp_path / "profile")
    assert shot.is_file(), proc.stderr[-2000:]
    assert png_size(shot) == (1280, 2400)
    assert shot.stat().st_size > 50_000  # text, tables and a chart; a blank page is a few kB


def test_docs_screenshot_is_a_small_png() -> None:
    shot = ROOT / "docs" / "images" / "report.png"
    width, height = png_size(shot)
    assert width == 1280 and height <= 3200
    assert shot.stat().st_size < 300_000
    doc = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    alt = re.search(r"!\[([^\]]+)\]\(images/report\.png\)", doc)
    assert alt and len(alt.group(1)) > 100  # says what the picture shows, not just "screenshot"
