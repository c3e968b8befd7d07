"""A document's text in the HTML report, with every finding marked where it is and explained in a note
after its paragraph; findings that are in no paragraph come at the end."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from ...model import Block, BlockKind, Finding
from .basics import LEVEL_WORD, LONG_WORDS, PLAIN_FROM, esc

if TYPE_CHECKING:  # pragma: no cover
    from ...model import FileResult

_KIND_WORD = {"paragraph": "paragraph", "list_item": "list item", "list-item": "list item",
              "table_cell": "table cell", "table-cell": "table cell", "blockquote": "quotation",
              "footnote": "note", "other": "paragraph", "heading": "heading"}


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
             f"<strong>{LEVEL_WORD.get(f.level, str(f.level).title())}:</strong> {esc(f.message)}"]
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


def text_html(d: str, result: "FileResult", scores: list[dict[str, Any]]) -> str:
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
