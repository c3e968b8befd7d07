"""Quotations: words in quotation marks within a block, and quotations over several paragraphs."""

from __future__ import annotations

import re

from ..model import Block

#: Words in quotation marks, within one block (see :meth:`speakeasy.analysis.Analysis.quoted`). Curly and angle marks
#: open and close differently, so a pair of them can be long (a quoted paragraph); straight marks
#: are the same at both ends, so a pair of them is trusted only when short; a lone "'" only for a
#: few words, and only when it stands apart from the words around it ("don't", "the carers' forum").
_QUOTATION = re.compile(
    r"‘[^‘’\n]{1,600}’(?![a-z])|“[^“”\n]{1,2000}”|«[^«»\n]{1,2000}»|\"[^\"\n]{1,600}\"|(?<![\w'])'[^'\n]{1,160}'(?![\w'])"
)
#: The marks that open and close a quotation and cannot be anything else.
_OPEN_MARKS = "“«"
_CLOSE_MARKS = "”»"
_LONE_MARK = re.compile("[“«”»]")


def quotation_spans(text: str) -> tuple[list[tuple[int, int]], int, int]:
    """The quotations in one block's text: (pairs of marks, an opening left open, a closing never opened).

    The pairs include a curly or angle opening mark closed on a later line of
    the block, with other opening marks between (the lines of a quotation
    over several paragraphs, see below, in a text with a paragraph a line).
    A quotation that runs over several paragraphs opens each of them with a
    mark and closes only the last ("As a first step ...” after “We ask ...
    in the paragraph before), as English typesetting does. So the second
    value is where a curly or angle opening mark with no closing mark after
    it starts (or -1), and the third is just after a closing mark that
    comes before any opening one (or -1). :meth:`speakeasy.analysis.Analysis.quoted` decides
    with the blocks around whether they are quotations.
    """
    spans = [(m.start(), m.end()) for m in _QUOTATION.finditer(text)]
    pairs = len(spans)
    open_at = close_at = -1
    k = 0  # the first pair that ends after the mark looked at (marks come in order, so this only moves on)
    for m in _LONE_MARK.finditer(text):
        i = m.start()
        while k < pairs and spans[k][1] <= i:
            k += 1
        if k < pairs and spans[k][0] <= i:
            # One of a pair.  A pair that closes after an opening mark left open is the last line
            # of a quotation over several lines: it closes the whole quotation.
            if open_at >= 0 and i == spans[k][1] - 1 and m.group() in _CLOSE_MARKS:
                spans.append((open_at, i + 1))
                open_at = -1
            continue
        if m.group() in _OPEN_MARKS:
            if open_at < 0:
                open_at = i
        elif open_at >= 0:
            # Closes the one opened before it: a quotation over several lines of one block (a plain
            # text with one paragraph a line), each line opened with a mark and only the last closed.
            spans.append((open_at, i + 1))
            open_at = -1
        elif close_at < 0:
            close_at = i + 1
    if text.lstrip().startswith('"') and text.count('"') % 2 == 1 and open_at < 0:
        open_at = len(text) - len(text.lstrip())  # a straight mark opens the block and is never closed
    if len(spans) > pairs:
        spans.sort()
    return spans, open_at, close_at


def block_quotations(blocks: list[Block], bi: int) -> tuple[list[int], list[tuple[int, int]]]:
    """The quotations of block ``bi`` as (starts, spans) in the source.

    Besides the pairs of marks: an opening mark never closed in the
    block quotes the rest of it, and a closing mark never opened quotes
    the block up to it when the block before left a quotation open (a
    quotation over several paragraphs, see :func:`quotation_spans`).
    """
    block = blocks[bi]
    pairs, open_at, close_at = quotation_spans(block.text)
    spans = [(block.start + a, block.start + b) for a, b in pairs]
    if close_at >= 0 and bi > 0 and blocks[bi - 1].kind is block.kind:
        if quotation_spans(blocks[bi - 1].text)[1] >= 0:
            spans.append((block.start, block.start + close_at))
    if open_at >= 0:
        spans.append((block.start + open_at, block.start + len(block.text)))
    spans.sort()
    kept: list[tuple[int, int]] = []
    for a, b in spans:  # never overlapping: a pair inside the open part is already quoted
        if kept and a < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], b))
        else:
            kept.append((a, b))
    return [a for a, _ in kept], kept
