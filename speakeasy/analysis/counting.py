"""Counting for the scores.

Sentences, words, syllables and long words for the readability formulas,
and the plain score's tally of one sentence (:mod:`speakeasy.plainscore`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..readability import Counts, Scores

if TYPE_CHECKING:  # pragma: no cover
    from ..plainscore import Tally
    from .core import Analysis
    from .sentences import Sentence


@dataclass(slots=True)
class BlockStats:
    """What the readability formulas count in one block, and (worked out when asked for) their scores."""

    block: int
    counts: Counts

    @property
    def scores(self) -> Scores:
        """The formulas' scores of the block: not kept, as a long document has tens of thousands of blocks."""
        from ..readability import scores

        return scores(self.counts)


def count(sentences: list["Sentence"]) -> Counts:
    """What the readability formulas count in these sentences: words, syllables, long and complex words."""
    from ..syllables import syllables

    c = Counts()
    if not sentences:
        return c
    if len(sentences) == 1:
        words = sentences[0].texts
    else:
        words = [w for sent in sentences for w in sent.texts]
    counts = list(map(syllables, words))  # syllables() is cached: prose repeats words
    c.sentences = len(sentences)
    c.words = len(words)
    c.syllables = sum(counts)
    firsts = set()
    i = 0
    for sent in sentences:
        firsts.add(i)
        i += len(sent.texts)
    polys = [i for i, n in enumerate(counts) if n > 2]
    c.polysyllables = len(polys)
    for i in polys:
        word = words[i]
        if (i in firsts or not word[0].isupper()) and "-" not in word and not _long_by_suffix(word.lower()):
            c.complex_words += 1
    return c


def tally_sentence(analysis: "Analysis", sent: "Sentence", chains: bool | None = None) -> "Tally":
    """The plain score's counts for one sentence of ``analysis`` (see :mod:`speakeasy.plainscore`).

    ``chains`` says whether noun chains are measured; None: as the plain score's model says.
    """
    import bisect

    from ..plainscore import chains_weighed, compact, sentence_tally, spread_weighed

    # The words' places in the text are worked out only when needed: for the gaps between
    # words (noun chains only) and for jargon in the sentence.
    measure_chains = chains_weighed() if chains is None else chains
    gaps: list[bool] | None = None
    words: list[tuple[int, int]] | None = None
    if measure_chains:
        spans = words = sent.spans()
        text = analysis.masked
        gaps = [text[a_end:b_start].isspace() for (_, a_end), (b_start, _) in zip(spans, spans[1:])]
    jargon: list[str | None] | None = None
    js = analysis.jargon_spans
    if js:
        i = bisect.bisect_left(js, (sent.start, -1, ""))
        if i > 0 and js[i - 1][1] > sent.start:
            i -= 1
        inside = []
        while i < len(js) and js[i][0] < sent.end:
            inside.append(js[i])
            i += 1
        if inside:
            jargon = _jargon_of_words(words if words is not None else sent.spans(), inside)
    spread = spread_weighed() if chains is None else chains
    return compact(sentence_tally(sent.texts, gaps, jargon, measure_chains, lambda: _word_tags(analysis, sent),
                                  spread))


def _word_tags(analysis: "Analysis", sent: "Sentence") -> "Sequence[str]":
    """The universal part of speech of each word of ``sent`` (the tagger's token that starts where the word does).

    The tags come from :meth:`Analysis.tagged`, so a sentence a rule has
    tagged is not tagged again.  A word the tagger split differently gets "X".
    Each word's tag is looked up when it is read: the score asks only about a
    few words, and the tagger then tags the sentence only that far.
    """
    return _WordTags(analysis, sent)


class _WordTags(Sequence[str]):
    """The universal part of speech of each word of a sentence, looked up when read (see :func:`_word_tags`)."""

    def __init__(self, analysis: "Analysis", sent: "Sentence") -> None:
        self._analysis = analysis
        self._sent = sent
        self._spans = sent.spans()

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, k: Any) -> Any:
        if isinstance(k, slice):
            return [self[j] for j in range(len(self._spans))[k]]
        start = self._spans[k][0]
        analysis, sent = self._analysis, self._sent
        tokens = analysis.tagged(sent)
        i = analysis.tagged_index(sent, start)
        return tokens[i].pos if i < len(tokens) and tokens[i].start == start else "X"


def _jargon_of_words(words: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str | None]:
    """For each word, the term of the first span (in ``spans``' order) that overlaps it, or None.

    ``words`` are in order and do not overlap; ``spans`` are sorted.  One
    pass over both, not every span for every word (a sentence made of
    jargon has as many spans as words): a span that ends before a word
    ends before every later word too, so it is dropped for good, and a heap
    gives the first of the spans left that start before the word ends.
    """
    import heapq

    out: list[str | None] = []
    heap: list[int] = []  # indices of spans that start before the current word ends
    nxt = 0
    n = len(spans)
    for ws, we in words:
        while nxt < n and spans[nxt][0] < we:
            heapq.heappush(heap, nxt)
            nxt += 1
        while heap and spans[heap[0]][1] <= ws:
            heapq.heappop(heap)
        out.append(spans[heap[0]][2] if heap else None)
    return out


@lru_cache(maxsize=65536)
def _long_by_suffix(low: str) -> bool:
    """Is a word long only because of -es, -ed or -ing ("organising" -> "organise" is still long)?"""
    from ..syllables import syllables

    return low.endswith(("es", "ed", "ing")) and syllables(_strip_suffix(low)) < 3


def _strip_suffix(word: str) -> str:
    for suffix in ("ing", "ed", "es"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word
