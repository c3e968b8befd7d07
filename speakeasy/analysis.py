"""Sentences, words and readability for a document, the way a reader sees them.

spaCy tokenises each block with a blank English pipeline (nothing is
downloaded).  If the configuration names a trained pipeline that is
installed (``language_model: en_core_web_sm``), it is used as well, for
part-of-speech tags; speakeasy never downloads one.

Sentences are split by rules a reader would agree with:

* a sentence ends at ``.``, ``!``, ``?`` or an ellipsis when the next word
  starts with a capital letter, a digit or an opening quote;
* never after abbreviations that come before something (e.g., i.e., Dr,
  Mr, No., para.), and after ones that can end a sentence (etc., Ltd)
  only when a capital follows;
* decimals (2.5) and numbered clauses (3.2.1) are single words;
* every heading, list item and table cell is at least one sentence of its
  own, with or without a full stop.

Words are counted as a reader counts them: runs of letters and digits with
the punctuation inside them ("co-production", "don't", "3.2.1", "£5.50"
are one word each); punctuation alone is not a word.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from .errors import ConfigError
from .model import Block, BlockKind, Document, paragraph_numbers
from .readability import Counts, Scores, scores

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from .names import Names
    from .plainscore import PlainScore, Tally

#: A word: starts and ends with a letter or digit, may have punctuation inside.
WORD = re.compile(r"[^\W_](?:[^\s]*[^\W_])?")

#: Abbreviations that come before something: never the end of a sentence.
NON_FINAL = frozenset(
    """mr mrs ms mx dr prof rev revd hon sr jr st no nos e.g eg i.e ie cf vs v viz fig figs para paras
    sec secs s ss ch chap vol vols pp p art arts reg regs approx ref refs tel ext dept est
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
#: Abbreviations that may end a sentence: a capital after them starts a new one.
MAY_END = frozenset("etc ltd inc co plc a.m am p.m pm al ft uk u.k".split())

_TERMINAL_CHARS = frozenset(".!?…")
#: Words in quotation marks, within one block (see :meth:`Analysis.quoted`). Curly and angle marks
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
    comes before any opening one (or -1). :meth:`Analysis.quoted` decides
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


#: A mark that could end a sentence, followed by a space: the block may hold
#: more than one sentence, so it needs tokens.
_MAYBE_SPLIT = re.compile(r"[.!?…][\"')\]}”’»]*\s")
_CLOSERS = frozenset("\"')]}”’»")
_OPENERS = frozenset("\"'([{“‘«")


class Sentence:
    """A sentence, with offsets into the source, and its words.

    ``texts`` are the words as written; ``words`` are their (start, end)
    offsets in the source, worked out when a rule first asks for them (most
    rules only need the words, or how many there are).
    """

    __slots__ = ("start", "end", "block", "texts", "index", "_text", "_base", "_words")

    def __init__(self, start: int, end: int, block: int, texts: list[str], index: int = 0,
                 text: str = "", base: int = 0) -> None:
        self.start = start
        self.end = end
        self.block = block
        self.texts = texts
        self.index = index
        self._text = text  # the block text the sentence is in
        self._base = base  # the block's offset in the source
        self._words: list[tuple[int, int]] | None = None

    @property
    def word_count(self) -> int:
        return len(self.texts)

    @property
    def words(self) -> list[tuple[int, int]]:
        if self._words is None:
            base = self._base
            self._words = [
                (m.start() + base, m.end() + base)
                for m in WORD.finditer(self._text, self.start - base, self.end - base)
            ]
        return self._words

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, block={self.block}, words={len(self.texts)})"


class Tagged(NamedTuple):
    """A token with its part of speech: offsets in the source, the universal tag and the Penn tag."""

    start: int
    end: int
    text: str
    pos: str  # NOUN, VERB, ADJ, PROPN... (Universal Dependencies)
    tag: str  # NN, NNS, VBD, VBN, JJ... (Penn Treebank)


@dataclass(slots=True)
class BlockStats:
    block: int
    counts: Counts
    scores: Scores


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> "Language":
    """The spaCy pipeline: blank English unless an installed model is named."""
    import spacy

    if not model:
        return spacy.blank("en")
    try:
        return spacy.load(model, exclude=["ner", "textcat"])
    except OSError:
        raise ConfigError(
            f"The language model '{model}' named in your configuration is not installed. "
            f"Install it with pip, or remove `language_model` to use the built-in blank English pipeline."
        ) from None


def _starts_sentence(text: str) -> bool:
    """Does a token that follows terminal punctuation look like a new sentence?"""
    c = text[0]
    if c.isupper() or c.isdigit():
        return True
    if c in _OPENERS and len(text) > 1:
        return text[1].isupper() or text[1].isdigit()
    if c in _OPENERS:
        return True  # quote or bracket on its own: judged by the next token below
    if c.islower():
        # "spaCy", "iPhone", "eBay": a name that starts in lower case
        return any(ch.isupper() for ch in text[1:])
    return c in "•-–—*£$€#§"


def split_block(text: str, tokens: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Split one block into sentences.

    ``tokens`` are (start, length, has_space_after) triples from spaCy.
    Returns (start, end) character ranges within ``text``.
    """
    n = len(tokens)
    if n == 0:
        return []
    bounds: list[int] = []  # index of first token of each new sentence
    terminal = _TERMINAL_CHARS
    candidates = [i for i, (s, ln, _) in enumerate(tokens) if text[s + ln - 1] in terminal]
    skip_to = 0
    for i in candidates:
        if i < skip_to:
            continue
        s, ln, _ = tokens[i]
        tt = text[s : s + ln]
        # Gather following terminal marks and closing quotes/brackets that touch.
        j = i + 1
        while j < n and tokens[j - 1][2] == 0:
            nxt = text[tokens[j][0] : tokens[j][0] + tokens[j][1]]
            if nxt in _CLOSERS or all(ch in _TERMINAL_CHARS for ch in nxt):
                j += 1
            else:
                break
        if j >= n:
            break
        skip_to = j
        nxt_text = text[tokens[j][0] : tokens[j][0] + tokens[j][1]]
        if not _ends_sentence(text, tokens, i, tt):
            continue
        starts = _starts_sentence(nxt_text)
        if starts and nxt_text[0] in _OPENERS and len(nxt_text) == 1 and j + 1 < n:
            after = text[tokens[j + 1][0] : tokens[j + 1][0] + tokens[j + 1][1]]
            starts = after[:1].isupper() or after[:1].isdigit()
        if tokens[j - 1][2] == 0 and nxt_text[0].isalnum():
            starts = False  # "end.Next" with no space is not how sentences are written
        elif (
            tokens[j - 1][2] == 2
            and tt in (".", "!", "?")
            and not starts
            and not (i > 0 and text[tokens[i - 1][0] : tokens[i - 1][0] + tokens[i - 1][1]].lower() in MAY_END)
        ):
            # A full stop at the end of a line, then a word in lower case: in
            # text written one sentence per line, a new sentence ("...file.\n
            # speakeasy reads..."). Abbreviations were ruled out above.
            starts = True
        if starts:
            bounds.append(j)
    ranges = []
    first = 0
    for b in bounds + [n]:
        if b <= first:
            continue
        start = tokens[first][0]
        end = tokens[b - 1][0] + tokens[b - 1][1]
        ranges.append((start, end))
        first = b
    return ranges


def _ends_sentence(text: str, tokens: list[tuple[int, int, int]], i: int, tt: str) -> bool:
    """Is the terminal token ``tt`` at ``i`` really the end of a sentence?"""
    if tt in ("!", "?", "?!", "!?", "...", "…") or (tt and all(c in _TERMINAL_CHARS for c in tt) and tt != "."):
        return True
    if tt == ".":
        if i == 0:
            return True
        ps, pl, pspace = tokens[i - 1]
        if pspace:  # "word ." with a space: still an end
            return True
        prev = text[ps : ps + pl].lower()
        if prev in NON_FINAL:
            return False
        if len(prev) == 1 and prev.isalpha() and text[ps].isupper():
            # "J. K. Rowling" is not three sentences; "Plan B. Next" is two.
            return not _next_to_initial(text, tokens, i)
        return True
    # A token with the stop inside it: "e.g.", "etc.", "a.m.", "U.K.", "Dr."
    if tt.endswith("."):
        core = tt[:-1].lower()
        if core in NON_FINAL:
            return False
        if len(core) == 1 and core.isalpha() and tt[0].isupper():
            return not _next_to_initial(text, tokens, i)
        return True
    return True


def _is_initial(text: str, tokens: list[tuple[int, int, int]], k: int) -> bool:
    """Is token ``k`` an initial: "K." (one token), or "K" followed by "."?"""
    if k < 0 or k >= len(tokens):
        return False
    t = text[tokens[k][0] : tokens[k][0] + tokens[k][1]]
    if len(t) == 2 and t[0].isupper() and t[1] == ".":
        return True
    if len(t) == 1 and t.isupper() and k + 1 < len(tokens) and tokens[k][2] == 0:
        return text[tokens[k + 1][0] : tokens[k + 1][0] + tokens[k + 1][1]] == "."
    return False


def _next_to_initial(text: str, tokens: list[tuple[int, int, int]], i: int) -> bool:
    """The stop at ``i`` ends an initial; is there another initial just before or after?"""
    # the initial's own token: i (one token "K.") or i-1 ("K" + ".")
    own = i if text[tokens[i][0] : tokens[i][0] + tokens[i][1]] != "." else i - 1
    before = own - 1
    if before >= 0 and text[tokens[before][0] : tokens[before][0] + tokens[before][1]] == ".":
        before -= 1
    if before >= 0:
        prev = text[tokens[before][0] : tokens[before][0] + tokens[before][1]].lower().rstrip(".")
        if prev in NON_FINAL:  # "Mr J. Smith"
            return True
    return _is_initial(text, tokens, before) or _is_initial(text, tokens, i + 1)


def words_in(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Reader's words in ``text`` as (start, end) offsets shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset) for m in WORD.finditer(text)]


class Analysis:
    """Everything the rules may ask about one document, computed once, lazily."""

    def __init__(self, document: Document, model: str | None = None, needs: frozenset[str] = frozenset(),
                 jargon_spans: Iterable[tuple[int, int, str]] = ()) -> None:
        self.document = document
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
        self._names: "Names | None" = None
        self._sections: list[int] | None = None
        self._tagged: dict[int, list[Tagged]] = {}
        self._scopes: dict[tuple[str, int], str] = {}
        self._quotes: dict[int, tuple[list[int], list[tuple[int, int]]]] = {}
        self._scope_hits: dict[tuple[tuple[str, int], re.Pattern[str]], bool] = {}
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
            from .matching import lower_same_length

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
        """(start, length, space after) of every token of the ``wanted`` blocks.

        Offsets are within each block.  The blank pipeline tokenises the
        wanted blocks in one go (joined by blank lines, which no token
        crosses) and the tokens are shared out: one ``Doc`` per document
        costs much less than one per paragraph.  The space flag is 2 when a
        line break follows the token.
        """
        blocks = self.document.blocks
        if not wanted:
            return {}
        if self._spacy_docs is not None or (self.model and "pos" in self.needs):
            docs = self._tokenize()
            return {bi: _reader_tokens(docs[bi], blocks[bi].text, [0])[0] for bi in wanted}
        nlp = load_pipeline(self.model)
        sep = "\n\n"
        starts = []
        pos = 0
        for bi in wanted:
            starts.append(pos)
            pos += len(blocks[bi].text) + len(sep)
        joined = sep.join(blocks[bi].text for bi in wanted)
        shared = _reader_tokens(nlp.tokenizer(joined), joined, starts)
        return dict(zip(wanted, shared))

    def _split(self) -> None:
        blocks = self.document.blocks
        out: list[Sentence] = []
        per_block: list[list[Sentence]] = []
        word_re = WORD
        findall = word_re.findall
        # Only blocks where a sentence could end before the block does need
        # tokens: a heading, a list item or a one-sentence paragraph is one
        # sentence as it stands.
        wanted = [
            bi for bi, b in enumerate(blocks)
            if _MAYBE_SPLIT.search(b.text) and not (
                b.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL) and not any(c in b.text for c in ".!?…")
            )
        ]
        tokens_of = self._block_tokens(wanted)
        for bi, block in enumerate(blocks):
            text = block.text
            tokens = tokens_of.get(bi)
            if tokens is None:
                ranges = [(0, len(text.rstrip()))] if text.strip() else []
            elif not tokens:
                ranges = []
            else:
                ranges = split_block(text, tokens)
            mine = []
            base = block.start
            for s, e in ranges:
                texts = findall(text, s, e)
                if not texts:
                    continue
                sent = Sentence(base + s, base + e, bi, texts, len(out), text, base)
                out.append(sent)
                mine.append(sent)
            per_block.append(mine)
        self._sentences = out
        self._block_sentences = per_block
        self._sentence_starts = [x.start for x in out]

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
            from .names import find_names

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
        """The quotations of block ``bi`` as (starts, spans) in the source, found when first asked for.

        Besides the pairs of marks: an opening mark never closed in the
        block quotes the rest of it, and a closing mark never opened quotes
        the block up to it when the block before left a quotation open (a
        quotation over several paragraphs, see :func:`quotation_spans`).
        """
        got = self._quotes.get(bi)
        if got is not None:
            return got
        blocks = self.document.blocks
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
        got = self._quotes[bi] = ([a for a, _ in kept], kept)
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

    def tagged(self, sent: Sentence) -> list[Tagged]:
        """The words of a sentence with their parts of speech, tagged when first asked for.

        speakeasy's own tagger (:mod:`speakeasy.tagger`) tags them, or the
        trained spaCy pipeline the settings name (``language_model``).  Only
        the sentences a rule asks about are tagged.
        """
        got = self._tagged.get(sent.start)
        if got is not None:
            return got
        block = self.document.blocks[sent.block]
        a, b = sent.start - block.start, sent.end - block.start
        if self.has_pos:
            doc = self.spacy_doc(sent.block)
            out = [Tagged(block.start + t.idx, block.start + t.idx + len(t.text), t.text,
                          t.pos_ or _UPOS_OF_PENN.get(t.tag_[:3], _UPOS_OF_PENN.get(t.tag_[:2], "X")), t.tag_)
                   for t in doc if a <= t.idx < b and not t.is_space]
        else:
            from .tagger import load as load_tagger

            nlp = load_pipeline(None)
            toks = [t for t in nlp.tokenizer(block.text[a:b]) if not t.is_space]
            tags = load_tagger().tag([t.text for t in toks]) if toks else []
            base = block.start + a
            out = [Tagged(base + t.idx, base + t.idx + len(t.text), t.text, pos, tag)
                   for t, (pos, tag) in zip(toks, tags)]
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
            starts = self._tagged_starts[sent.start] = [t.start for t in self.tagged(sent)]
        return bisect.bisect_left(starts, start)

    # -- readability --------------------------------------------------------------------

    def _count(self, sentences: list[Sentence]) -> Counts:
        from .syllables import syllables

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

    def block_stats(self) -> list[BlockStats]:
        if self._block_stats is None:
            stats = []
            for bi in range(len(self.document.blocks)):
                counts = self._count(self.block_sentences(bi))
                stats.append(BlockStats(bi, counts, scores(counts)))
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
        from .syllables import syllables

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
        import bisect

        from .plainscore import chains_weighed, sentence_tally

        # The words' places in the text are worked out only when needed: for the gaps between
        # words (noun chains only) and for jargon in the sentence.
        measure_chains = chains_weighed() if chains is None else chains
        gaps: list[bool] | None = None
        if measure_chains:
            spans = sent.words
            text = self.masked
            gaps = [text[a_end:b_start].isspace() for (_, a_end), (b_start, _) in zip(spans, spans[1:])]
        jargon: list[str | None] | None = None
        js = self.jargon_spans
        if js:
            i = bisect.bisect_left(js, (sent.start, -1, ""))
            if i > 0 and js[i - 1][1] > sent.start:
                i -= 1
            inside = []
            while i < len(js) and js[i][0] < sent.end:
                inside.append(js[i])
                i += 1
            if inside:
                jargon = _jargon_of_words(sent.words, inside)
        t = sentence_tally(sent.texts, gaps, jargon, measure_chains)
        if chains is None:
            self._tallies[sent.start] = t
        return t

    def block_tally(self, block: int) -> "Tally":
        got = self._block_tallies.get(block)
        if got is None:
            from .plainscore import tally

            got = self._block_tallies[block] = tally(self.sentence_tally(s) for s in self.block_sentences(block))
        return got

    def plain_blocks(self) -> list["PlainScore | None"]:
        """The plain score of each block with words; None for headings and blocks without words."""
        if self._plain_blocks is None:
            from .plainscore import score

            out: list["PlainScore | None"] = []
            for bi, b in enumerate(self.document.blocks):
                if b.kind is BlockKind.HEADING or not self.block_sentences(bi):
                    out.append(None)
                    continue
                t = self.block_tally(bi)
                out.append(score(t) if t.words else None)
            self._plain_blocks = out
        return self._plain_blocks

    def plain_document(self) -> "PlainScore":
        """The plain score of the whole document (headings left out)."""
        if self._plain_doc is None:
            from .plainscore import score, tally

            self._plain_doc = score(tally(
                self.block_tally(bi) for bi, b in enumerate(self.document.blocks) if b.kind is not BlockKind.HEADING
            ))
        return self._plain_doc

    def plain_sentence(self, sent: Sentence, explain: bool = True) -> "PlainScore":
        """One sentence's plain score (``explain=False``: without the reasons, which take longer)."""
        from .plainscore import score

        return score(self.sentence_tally(sent), explain=explain)

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
        b = self.document.blocks[bi]
        loc = b.locator or {}
        if "page" in loc:  # a PDF: the page, and the block's number on the page
            desc = self._page_location(b, loc)
            self._locations[bi] = desc
            return desc
        if "part" in loc and loc.get("part") not in (None, "body"):
            # A header, a footer, a note, a text box or a comment: its own name says where.
            desc = str(loc.get("part_label") or loc["part"])
            if b.kind is BlockKind.TABLE_CELL and "row" in loc:
                desc += f", table {loc.get('table', 1)}, row {loc['row']}, column {loc.get('column', 1)}"
            if b.section:
                section = _short(b.section, 50)
                desc += f", under '{section}'"
            self._locations[bi] = desc
            return desc
        if b.kind is BlockKind.HEADING:
            text = " ".join(b.text.split())
            short = _short(text, 60)
            desc = f"heading '{short}'"
        elif b.kind is BlockKind.TABLE_CELL and "row" in loc:
            desc = f"table {loc.get('table', 1)}, row {loc['row']}, column {loc.get('column', 1)}"
        else:
            noun = {
                BlockKind.LIST_ITEM: "list item",
                BlockKind.BLOCKQUOTE: "quote",
                BlockKind.FOOTNOTE: "footnote",
            }.get(b.kind, "paragraph")
            desc = f"{noun} {self._section_paragraph[bi]}"
        if b.kind is not BlockKind.HEADING:
            if b.section:
                section = _short(b.section, 50)
                desc = f"under '{section}', {desc}"
            else:
                if self._has_heading is None:  # once, not for every block: a long text before any heading
                    self._has_heading = any(x.kind is BlockKind.HEADING for x in self.document.blocks)
                desc = f"before the first heading, {desc}" if self._has_heading else desc
        self._locations[bi] = desc
        return desc

    @staticmethod
    def _page_location(b: Block, loc: dict[str, Any]) -> str:
        """"page 4, paragraph 2, under 'Short breaks'", "page 2, table 1, row 3, column 2", "page 1, heading '...'"."""
        desc = f"page {loc['page']}"
        if loc.get("part") not in (None, "body"):  # a comment: its own name says where
            return f"{desc}, {loc.get('part_label') or loc['part']}"
        if b.kind is BlockKind.HEADING:
            text = " ".join(b.text.split())
            return f"{desc}, heading '{_short(text, 60)}'"
        if b.kind is BlockKind.TABLE_CELL and "row" in loc:
            desc += f", table {loc.get('table', 1)}, row {loc['row']}, column {loc.get('column', 1)}"
        else:
            noun = {BlockKind.LIST_ITEM: "list item", BlockKind.FOOTNOTE: "note",
                    BlockKind.BLOCKQUOTE: "quote"}.get(b.kind, "paragraph")
            desc += f", {noun} {loc.get('paragraph', 1)}"
        if b.section:
            desc += f", under '{_short(b.section, 50)}'"
        return desc

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


#: The universal tag of a Penn tag, for a trained pipeline that gives only Penn tags (by the first 3, or 2, letters).
_UPOS_OF_PENN = {
    "NNP": "PROPN", "NN": "NOUN", "VB": "VERB", "MD": "AUX", "JJ": "ADJ", "RB": "ADV", "WRB": "ADV", "IN": "ADP",
    "DT": "DET", "PDT": "DET", "PRP": "PRON", "WP": "PRON", "WDT": "PRON", "CD": "NUM", "CC": "CCONJ", "TO": "PART",
    "RP": "ADP", "UH": "INTJ", "POS": "PART", "EX": "PRON", "FW": "X", "SYM": "SYM",
}


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


def _short(text: str, most: int) -> str:
    """Text for a location: cut to ``most`` characters, with "..." when it is cut."""
    return text if len(text) <= most else text[:most - 3] + "..."


def _reader_tokens(doc: "Doc", text: str, starts: list[int]) -> list[list[tuple[int, int, int]]]:
    """The tokens a reader sees, as (start, length, space after), shared out by ``starts``.

    ``starts`` are the offsets in ``text`` where each block begins (blocks
    are separated by whitespace, which no token crosses); offsets returned
    are relative to each block's start.  Whitespace tokens (line breaks
    inside a block) are dropped; the token before one is marked as followed
    by a space (1) or by a line break (2).  Done with numpy on spaCy's token
    arrays: no Python work per token except building the result tuples.
    """
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY

    arr = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).astype(np.int64)
    if len(arr) == 0:
        return [[] for _ in starts]
    idx, length, space, is_space = arr[:, 0], arr[:, 1], arr[:, 2].copy(), arr[:, 3].astype(bool)
    ws = np.nonzero(is_space)[0]
    for k in ws.tolist():
        if k > 0 and not is_space[k - 1]:
            a = int(idx[k])
            space[k - 1] = 2 if "\n" in text[a : a + int(length[k])] else 1
    keep = ~is_space
    idx, length, space = idx[keep], length[keep], space[keep]
    bounds = np.searchsorted(idx, np.asarray(starts + [len(text) + 1], dtype=np.int64)).tolist()
    out = []
    for b, base in enumerate(starts):
        lo, hi = bounds[b], bounds[b + 1]
        out.append(list(zip((idx[lo:hi] - base).tolist(), length[lo:hi].tolist(), space[lo:hi].tolist())))
    return out


@lru_cache(maxsize=65536)
def _long_by_suffix(low: str) -> bool:
    """Is a word long only because of -es, -ed or -ing ("organising" -> "organise" is still long)?"""
    from .syllables import syllables

    return low.endswith(("es", "ed", "ing")) and syllables(_strip_suffix(low)) < 3


def _strip_suffix(word: str) -> str:
    for suffix in ("ing", "ed", "es"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def text_tally(text: str, chains: bool | None = None) -> "Tally":
    """The plain score's tally of plain text (for tests and evaluation), with speakeasy's own sentence split."""
    from .plainscore import tally
    from .readers.text import parse

    analysis = Analysis(parse("text.txt", text))
    return tally(analysis.sentence_tally(s, chains=chains) for s in analysis.sentences)
