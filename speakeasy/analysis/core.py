"""The analysis of one document: everything the rules may ask about it, worked out once, when first asked for.

The work is done by the other modules of :mod:`speakeasy.analysis`; this
one keeps what they found.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from ..matching.trie import flatten, may_match
from ..model import Block, BlockKind, Document, paragraph_numbers
from ..readability import Counts, Scores, scores
from .counting import BlockStats, count, tally_sentence
from .locations import block_location
from .quotes import block_quotations
from .sentences import Sentence, blocks_to_split, load_pipeline, split_blocks, tokens_of_blocks, tokens_of_docs
from .tags import Tagged, TaggedWords, tag_span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..names import Names
    from ..plainscore import Model, PlainScore, Tally


class Analysis:
    """Everything the rules may ask about one document, computed once, lazily."""

    def __init__(self, document: Document, model: str | None = None, needs: frozenset[str] = frozenset(),
                 jargon_spans: Iterable[tuple[int, int, str]] = (), score_model: "Model | None" = None) -> None:
        self.document = document
        #: the plain score's numbers (None: the shipped ones; see the setting ``plain_score``)
        self.score_model = score_model
        self.source = document.source
        self.model = model
        self.needs = needs
        self._sentences: list[Sentence] | None = None
        self._block_sentences: list[list[Sentence]] | None = None
        self._spacy_docs: list["Doc"] | None = None
        self._sentence_starts: list[int] = []
        self._block_stats: list[BlockStats] | None = None
        self._doc_scores: Scores | None = None
        self._masked: str | None = None
        self._masked_lower: str | None = None
        self._locations: dict[int, str] = {}
        self._block_starts = [b.start for b in document.blocks]
        self._section_paragraph = self._number_paragraphs()
        #: (start, end, term) of the words the active wordlists flag, sorted:
        #: the plain score counts them as rare words.  Given when the analysis
        #: is made: the engine makes one with them (:meth:`with_jargon_spans`)
        #: after the word rules have run, for the rules that read the plain score.
        self.jargon_spans: list[tuple[int, int, str]] = sorted(jargon_spans)
        self._tallies: dict[int, "Tally"] = {}
        self._block_tallies: dict[int, "Tally"] = {}
        self._plain_blocks: list["PlainScore | None"] | None = None
        self._plain_doc: "PlainScore | None" = None
        #: the rounded scores of the sentences of each block :meth:`plain_blocks` scores (see :meth:`_score_blocks`)
        self._sentence_scores: dict[int, list[float]] = {}
        self._names: "Names | None" = None
        self._sections: list[int] | None = None
        self._tagged: dict[int, "Sequence[Tagged]"] = {}
        self._scopes: dict[tuple[str, int], str] = {}
        self._quotes: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        self._scope_hits: dict[tuple[tuple[str, int], re.Pattern[str]], bool] = {}
        self._scope_flats: dict[tuple[str, int], str] = {}
        self._scope_may: dict[tuple[tuple[str, int], tuple[str, ...]], bool] = {}
        self._has_heading: bool | None = None
        self._tagged_starts: dict[int, list[int]] = {}
        self._links: "tuple[list[int], list[Any], bool] | None" = None

    def with_jargon_spans(self, spans: Iterable[tuple[int, int, str]]) -> "Analysis":
        """The same analysis, with the words the wordlists flag: ``spans`` are (start, end, term).

        Everything worked out so far (sentences, parts of speech, locations) is
        kept, and is not worked out again; only the plain scores, which count
        those words, start afresh.  This analysis is left as it was.
        """
        new = copy.copy(self)
        new.jargon_spans = sorted(spans)
        new._tallies, new._block_tallies, new._plain_blocks, new._plain_doc = {}, {}, None, None
        new._sentence_scores = {}
        return new

    # -- text -------------------------------------------------------------------------

    @property
    def blocks(self) -> list[Block]:
        return self.document.blocks

    @property
    def masked(self) -> str:
        """The whole document with everything outside prose blocks replaced.

        Characters outside blocks become ``\\x1f`` (so no match can run from
        one block into the next); inside blocks, the block text.  Same length
        as the source, so offsets are shared.
        """
        if self._masked is None:
            parts = []
            pos = 0
            for b in self.document.blocks:
                if b.start > pos:
                    parts.append("\x1f" * (b.start - pos))
                parts.append(b.text)
                pos = b.end
            if pos < len(self.source):
                parts.append("\x1f" * (len(self.source) - pos))
            self._masked = "".join(parts)
        return self._masked

    @property
    def masked_lower(self) -> str:
        """:attr:`masked` in lower case, every character at its offset (for word matching)."""
        if self._masked_lower is None:
            from ..matching import lower_same_length

            self._masked_lower = lower_same_length(self.masked)
        return self._masked_lower

    def text(self, start: int, end: int) -> str:
        """The prose between two offsets, with markup masked, whitespace collapsed."""
        return " ".join(self.masked[start:end].replace("\x1f", " ").split())

    # -- sentences ----------------------------------------------------------------

    def _tokenize(self) -> list["Doc"]:
        """One spaCy ``Doc`` per block, made only when someone asks for them."""
        if self._spacy_docs is None:
            nlp = load_pipeline(self.model)
            texts = [b.text for b in self.document.blocks]
            if self.model and ("pos" in self.needs or self.has_pos):
                self._spacy_docs = list(nlp.pipe(texts, batch_size=64))
            else:
                self._spacy_docs = list(nlp.tokenizer.pipe(texts, batch_size=256))
        return self._spacy_docs

    def spacy_doc(self, block: int) -> "Doc":
        """The spaCy ``Doc`` of one block (offsets relative to the block)."""
        return self._tokenize()[block]

    @property
    def has_pos(self) -> bool:
        """True when a trained pipeline (with components) is in use."""
        if not self.model:
            return False
        nlp = load_pipeline(self.model)
        return bool(nlp.pipe_names)

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._split()
        assert self._sentences is not None
        return self._sentences

    def block_sentences(self, block: int) -> list[Sentence]:
        if self._block_sentences is None:
            self._split()
        assert self._block_sentences is not None
        return self._block_sentences[block]

    def _block_tokens(self, wanted: list[int]) -> dict[int, list[tuple[int, int, int]]]:
        """(start, length, space after) of every token of the ``wanted`` blocks (see :func:`tokens_of_blocks`).

        The ``Doc`` of each block is used when there is one already, or when a
        trained pipeline will tag them anyway.
        """
        if not wanted:
            return {}
        if self._spacy_docs is not None or (self.model and "pos" in self.needs):
            return tokens_of_docs(self._tokenize(), self.document.blocks, wanted)
        return tokens_of_blocks(self.model, self.document.blocks, wanted)

    def _split(self) -> None:
        blocks = self.document.blocks
        self._sentences, self._block_sentences = split_blocks(blocks, self._block_tokens(blocks_to_split(blocks)))
        self._sentence_starts = [x.start for x in self._sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        import bisect

        sents = self.sentences
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and sents[i].start <= offset < sents[i].end:
            return sents[i]
        return None

    def word_text(self, span: tuple[int, int]) -> str:
        return self.source[span[0] : span[1]]

    # -- names, sections and parts of speech ------------------------------------------------

    @property
    def names(self) -> "Names":
        """The names and titles in the document (see :mod:`speakeasy.names`), found when first asked for."""
        if self._names is None:
            from ..names import find_names

            self._names = find_names(self.document.blocks, self._sentence_starts if self._sentences is not None
                                     else [x.start for x in self.sentences])
        return self._names

    def quoted(self, start: int, end: int) -> bool:
        """Is ``start:end`` inside a quotation: a quote block, or words in quotation marks?

        Quotation marks count in pairs within one block: ‘…’, “…”, «…», "…",
        and '…' when the marks stand apart from the words around them (so
        "don't" and "the carers' forum" are not quotations).  A quotation
        over several paragraphs counts too (see :meth:`_quotations`).  A
        quotation is someone else's words, or the title of something, which
        the writer cannot change.
        """
        bi = self.block_index(start)
        if bi is None:
            return False
        block = self.document.blocks[bi]
        if block.kind is BlockKind.BLOCKQUOTE:
            return True
        starts, spans = self._quotations(bi)
        # Quotations do not overlap, so only the last one that starts before ``start`` can hold it.
        import bisect

        i = bisect.bisect_left(starts, start) - 1
        return i >= 0 and end < spans[i][1]

    def _quotations(self, bi: int) -> tuple[list[int], list[tuple[int, int]]]:
        """The quotations of block ``bi`` as (starts, spans) in the source (see :func:`block_quotations`)."""
        got = self._quotes.get(bi)
        if got is None:
            got = self._quotes[bi] = block_quotations(self.document.blocks, bi)
        return got

    def section_of(self, block: int) -> int:
        """The number of the section a block is in: a heading starts a new one (0 is before the first)."""
        if self._sections is None:
            out = []
            n = 0
            for b in self.document.blocks:
                if b.kind is BlockKind.HEADING:
                    n += 1
                out.append(n)
            self._sections = out
        return self._sections[block]

    def scope_text(self, offset: int, within: str) -> str:
        """The lower-case prose around ``offset``: its sentence, paragraph, section or the whole document.

        A heading's paragraph is the heading and the block after it, since a
        heading says little on its own.  Whitespace is collapsed, markup masked.
        """
        got = self._scope(offset, within)
        return "" if got is None else got[1]

    def scope_search(self, offset: int, within: str, pattern: "re.Pattern[str]") -> bool:
        """Does ``pattern`` match somewhere in :meth:`scope_text` of ``offset``?

        Worked out once for each scope and pattern: a sentence (or a section)
        full of wordlist terms with ``when`` or ``unless`` words would
        otherwise be searched again for each of them.
        """
        got = self._scope(offset, within)
        if got is None:
            return pattern.search("") is not None
        key, text = got
        hit = self._scope_hits.get((key, pattern))
        if hit is None:
            hit = self._scope_hits[(key, pattern)] = pattern.search(text) is not None
        return hit

    def scope_may_hold(self, offset: int, within: str, flat_forms: tuple[str, ...]) -> bool:
        """False when none of ``flat_forms`` (see :func:`speakeasy.matching.may_match`) is in the scope of
        ``offset``: then no pattern of theirs can match there.  True outside every block.

        Worked out once for each scope and each set of forms: a sentence full of terms asks about the
        same words again for each of them, and looking through the whole scope each time would make
        the time grow with the square of its length.
        """
        got = self._scope(offset, within)
        if got is None:
            return True
        key, text = got
        memo = (key, flat_forms)
        hit = self._scope_may.get(memo)
        if hit is None:
            flat = self._scope_flats.get(key)
            if flat is None:
                flat = self._scope_flats[key] = flatten(text)
            hit = self._scope_may[memo] = may_match(flat_forms, flat)
        return hit

    def _scope(self, offset: int, within: str) -> tuple[tuple[str, int], str] | None:
        """(a key for the scope, its text) for :meth:`scope_text`; None outside every block."""
        bi = self.block_index(offset)
        if bi is None:
            return None
        blocks = self.document.blocks
        if within == "sentence":
            sent = self.sentence_at(offset)
            if sent is None:
                key = ("block", bi)
                got = self._scopes.get(key)
                if got is None:
                    b = blocks[bi]
                    got = self._scopes[key] = self.text(b.start, b.end).lower()
                return key, got
            key = ("sentence", sent.start)
            got = self._scopes.get(key)
            if got is None:
                got = self._scopes[key] = self.text(sent.start, sent.end).lower()
            return key, got
        if within == "paragraph":
            key = ("paragraph", bi)
        elif within == "section":
            key = ("section", self.section_of(bi))
        else:
            key = ("document", 0)
        got = self._scopes.get(key)
        if got is not None:
            return key, got
        # The blocks are looked for only the first time: a section of many
        # blocks is walked once, not once for each word in it.
        if within == "paragraph":
            first = last = bi
            if blocks[bi].kind is BlockKind.HEADING and bi + 1 < len(blocks):
                last = bi + 1
        elif within == "section":
            section = key[1]
            first = bi
            while first > 0 and self.section_of(first - 1) == section:
                first -= 1
            last = bi
            while last + 1 < len(blocks) and self.section_of(last + 1) == section:
                last += 1
        else:
            first, last = 0, len(blocks) - 1
        got = self._scopes[key] = "\n".join(
            " ".join(blocks[i].text.split()) for i in range(first, last + 1)).lower()
        return key, got

    def tagged(self, sent: Sentence) -> "Sequence[Tagged]":
        """The words of a sentence with their parts of speech, tagged when first asked for.

        speakeasy's own tagger (:mod:`speakeasy.tagger`) tags them, or the
        trained spaCy pipeline the settings name (``language_model``).  Only
        the sentences a rule asks about are tagged, and with speakeasy's own
        tagger, only as far into the sentence as the rules read
        (:class:`~speakeasy.analysis.tags.TaggedWords`).
        """
        got = self._tagged.get(sent.start)
        if got is not None:
            return got
        block = self.document.blocks[sent.block]
        a, b = sent.start - block.start, sent.end - block.start
        out = tag_span(block, a, b, self.spacy_doc(sent.block) if self.has_pos else None)
        self._tagged[sent.start] = out
        return out

    def links(self) -> "tuple[list[int], list[Any], bool]":
        """The document's links (``hyperlink`` and ``web-link`` features) sorted by start: (starts, links, apart).

        ``apart`` is True when no two links overlap (links inside links are
        not valid HTML), so the one link that can hold an offset is the last
        that starts at or before it.
        """
        if self._links is None:
            found = sorted((f for f in self.document.features if f.kind in ("hyperlink", "web-link")),
                           key=lambda f: f.start)
            apart = all(b.start >= a.end for a, b in zip(found, found[1:]))
            self._links = ([f.start for f in found], found, apart)
        return self._links

    def tagged_index(self, sent: Sentence, start: int) -> int:
        """Where the first token of :meth:`tagged` that starts at or after ``start`` is (found by halving)."""
        import bisect

        starts = self._tagged_starts.get(sent.start)
        if starts is None:
            tokens = self.tagged(sent)
            # (the words' places are known before their tags: see TaggedWords)
            starts = tokens.starts if isinstance(tokens, TaggedWords) else [t.start for t in tokens]
            self._tagged_starts[sent.start] = starts
        return bisect.bisect_left(starts, start)

    def let_go(self, counts: bool = True) -> None:
        """Let go of what only the rules ask for (names, scopes, parts of speech, quotations), once they have run.

        All of it is worked out again if asked for.  The report's numbers
        (:func:`speakeasy.engine.stats`) need none of it, and a long
        document's names and tags take as much memory as its report.  The
        readability counts of each block go too (unless ``counts`` is
        false), once the document's scores (which :meth:`scores` keeps) are
        made from them.  The engine lets go once before the rules that read
        the plain score (``counts=False``: they read the counts), and once
        after every rule.
        """
        if counts and self._doc_scores is not None:
            self._block_stats = None
        self._names = None
        self._scopes, self._scope_hits, self._quotes = {}, {}, {}
        self._scope_flats, self._scope_may = {}, {}
        self._tagged, self._tagged_starts = {}, {}
        self._masked_lower = None
        self._links = None

    # -- readability --------------------------------------------------------------------

    def block_stats(self) -> list[BlockStats]:
        if self._block_stats is None:
            stats = []
            for bi in range(len(self.document.blocks)):
                counts = count(self.block_sentences(bi))
                stats.append(BlockStats(bi, counts))
            self._block_stats = stats
        return self._block_stats

    def scores(self) -> Scores:
        """Whole-document readability (headings and table cells included)."""
        if self._doc_scores is None:
            total = Counts()
            for st in self.block_stats():
                total.add(st.counts)
            self._doc_scores = scores(total)
        return self._doc_scores

    def hardest_sentences(self, sentences: list[Sentence], count: int = 3) -> list[Sentence]:
        """The sentences that pull the score down most: long and full of long words."""
        from ..syllables import syllables

        def weight(sent: Sentence) -> float:
            syl = sum(map(syllables, sent.texts))
            return sent.word_count * 1.015 + 84.6 * syl / max(sent.word_count, 1)

        return sorted(sentences, key=weight, reverse=True)[:count]

    # -- the plain score ------------------------------------------------------------------

    def sentence_tally(self, sent: Sentence, chains: bool | None = None) -> "Tally":
        """The plain score's counts for one sentence (see :mod:`speakeasy.plainscore`)."""
        got = self._tallies.get(sent.start) if chains is None else None
        if got is not None:
            return got
        t = tally_sentence(self, sent, chains)
        if chains is None:
            self._tallies[sent.start] = t
        return t

    def block_tally(self, block: int) -> "Tally":
        got = self._block_tallies.get(block)
        if got is None:
            from ..plainscore import compact, tally

            sents = self.block_sentences(block)
            # A block of one sentence (most are) adds up to that sentence's tally: kept once, not twice.
            got = self._block_tallies[block] = self.sentence_tally(sents[0]) if len(sents) == 1 else compact(
                tally(self.sentence_tally(s) for s in sents))
        return got

    def plain_blocks(self) -> list["PlainScore | None"]:
        """The plain score of each block with words; None for headings and blocks without words."""
        if self._plain_blocks is None:
            self._score_blocks()
        assert self._plain_blocks is not None
        return self._plain_blocks

    def plain_document(self) -> "PlainScore":
        """The plain score of the whole document (headings left out)."""
        if self._plain_doc is None:
            self._score_blocks()
        assert self._plain_doc is not None
        return self._plain_doc

    def _score_blocks(self) -> None:
        """Work out :meth:`plain_blocks`, :meth:`plain_document` and the sentence scores of each scored block.

        In one pass over the blocks, keeping no tallies: each block's tally
        is added to the document's and let go (a long document would
        otherwise hold one for each sentence and block).  The numbers are
        those of :meth:`block_tally` and :meth:`plain_sentence`, added up in
        the same order.
        """
        from ..plainscore import compact, score, tally

        model = self.score_model
        total = tally(())
        out: list["PlainScore | None"] = []
        sentence_scores: dict[int, list[float]] = {}
        for bi, b in enumerate(self.document.blocks):
            if b.kind is BlockKind.HEADING:
                out.append(None)
                continue
            sents = self.block_sentences(bi)
            tallies = []
            for sent in sents:
                t = self._tallies.get(sent.start)
                tallies.append(t if t is not None else tally_sentence(self, sent))
            bt = self._block_tallies.get(bi)
            if bt is None:
                bt = tallies[0] if len(tallies) == 1 else compact(tally(tallies))
            total.add(bt)
            ps = score(bt, model) if sents and bt.words else None
            out.append(ps)
            if ps is not None:
                sentence_scores[bi] = [round(score(t, model, explain=False).score, 1) for t in tallies]
        if self._plain_blocks is None:
            self._plain_blocks = out
        if self._plain_doc is None:
            self._plain_doc = score(total, model)
        self._sentence_scores = sentence_scores

    def plain_blocks_once(self) -> Iterator[tuple[int, "PlainScore", list[float]]]:
        """(block, its plain score, its sentences' scores rounded to 0.1) for each block :meth:`plain_blocks` scores.

        The analysis lets go of each block's scores once they are given:
        the report's paragraph scores (:func:`speakeasy.engine.stats`) then
        take their place, not memory of their own beside them.  So the list
        :meth:`plain_blocks` gave is emptied as this goes (each entry becomes
        None); anything asked for afterwards is worked out again.
        """
        blocks = self.plain_blocks()
        self._plain_blocks = None
        kept, self._sentence_scores = self._sentence_scores, {}
        for bi, ps in enumerate(blocks):
            if ps is None:
                continue
            blocks[bi] = None
            scores = kept.pop(bi, None)
            if scores is None:
                scores = [round(self.plain_sentence(s, explain=False).score, 1) for s in self.block_sentences(bi)]
            for s in self.block_sentences(bi):
                self._tallies.pop(s.start, None)
            self._block_tallies.pop(bi, None)
            yield bi, ps, scores

    def plain_sentence(self, sent: Sentence, explain: bool = True) -> "PlainScore":
        """One sentence's plain score (``explain=False``: without the reasons, which take longer)."""
        from ..plainscore import score

        return score(self.sentence_tally(sent), self.score_model, explain=explain)

    # -- locations ------------------------------------------------------------------------

    def _number_paragraphs(self) -> list[int]:
        return paragraph_numbers(self.document.blocks)

    def block_index(self, offset: int) -> int | None:
        import bisect

        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i < 0:
            return None
        return i

    def location(self, offset: int) -> str:
        """Where an offset is, in words a person can follow without line numbers."""
        bi = self.block_index(offset)
        if bi is None:
            return "at the start of the document"
        if bi in self._locations:
            return self._locations[bi]
        desc = self._locations[bi] = block_location(self.document.blocks[bi], self._section_paragraph[bi],
                                                    self._any_heading)
        return desc

    def _any_heading(self) -> bool:
        """Does the document have a heading?  Worked out once, not for every block: a long text before any heading."""
        if self._has_heading is None:
            self._has_heading = any(x.kind is BlockKind.HEADING for x in self.document.blocks)
        return self._has_heading

    def locator_extra(self, offset: int) -> dict[str, Any]:
        """Machine-readable location fields for formats without line numbers."""
        bi = self.block_index(offset)
        if bi is None:
            return {}
        loc = self.document.blocks[bi].locator
        if not loc:
            return {}
        return {"locator": dict(loc)}

    def iter_words(self) -> Iterator[tuple[int, int]]:
        for sent in self.sentences:
            yield from sent.words


def text_tally(text: str, chains: bool | None = None) -> "Tally":
    """The plain score's tally of plain text (for tests and evaluation), with speakeasy's own sentence split."""
    from ..plainscore import tally
    from ..readers.text import parse

    analysis = Analysis(parse("text.txt", text))
    return tally(analysis.sentence_tally(s, chains=chains) for s in analysis.sentences)
