"""Sentences and words: where each sentence of a block ends, and the words a reader counts.

The rules a sentence ends by are in :mod:`speakeasy.analysis`.  spaCy's
tokeniser gives the tokens (a blank English pipeline unless the settings
name a trained one); where a sentence ends is decided here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..errors import ConfigError
from ..model import Block, BlockKind

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..tokenizer import Token

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

    def spans(self) -> list[tuple[int, int]]:
        """:attr:`words`, without keeping them when no one has asked for :attr:`words` yet.

        For a pass over every sentence (the plain score's) that needs each
        sentence's words once: a long document would otherwise keep two
        offsets for each of its words.
        """
        if self._words is not None:
            return self._words
        base = self._base
        return [(m.start() + base, m.end() + base) for m in WORD.finditer(self._text, self.start - base, self.end - base)]

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, block={self.block}, words={len(self.texts)})"



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
        # A mark of its own after a closing quote or bracket ends the sentence, whatever came before
        # it: 'such as "e.g.". Next', '(e.g.). Next'.
        closed = any(text[tokens[k][0]] in _CLOSERS for k in range(i + 1, j)) and all(
            ch in _TERMINAL_CHARS for ch in text[tokens[j - 1][0] : tokens[j - 1][0] + tokens[j - 1][1]])
        if not closed and not _ends_sentence(text, tokens, i, tt):
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


def blocks_to_split(blocks: list[Block]) -> list[int]:
    """The blocks where a sentence could end before the block does: only they need tokens.

    A heading, a list item or a one-sentence paragraph is one sentence as it
    stands.
    """
    return [
        bi for bi, b in enumerate(blocks)
        if _MAYBE_SPLIT.search(b.text) and not (
            b.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL) and not any(c in b.text for c in ".!?…")
        )
    ]


def tokens_of_docs(docs: list["Doc"], blocks: list[Block],
                   wanted: list[int]) -> dict[int, list[tuple[int, int, int]]]:
    """(start, length, space after) of every token of the ``wanted`` blocks, from each block's own ``Doc``."""
    return {bi: reader_tokens(spacy_tokens(docs[bi]), blocks[bi].text, [0])[0] for bi in wanted}


def spacy_tokens(doc: "Doc") -> "list[Token]":
    """The tokens of a spaCy ``Doc`` as :mod:`speakeasy.tokenizer` gives them (a user's trained pipeline)."""
    from ..tokenizer import Token

    return [Token(t.idx, t.text, bool(t.whitespace_)) for t in doc]


#: About how many characters of blocks :func:`tokens_of_blocks` tokenises in one go.
TOKENISE_AT_ONCE = 100_000


def tokens_of_blocks(model: str | None, blocks: list[Block],
                     wanted: list[int]) -> dict[int, list[tuple[int, int, int]]]:
    """(start, length, space after) of every token of the ``wanted`` blocks.

    Offsets are within each block.  The blank pipeline tokenises the
    wanted blocks a batch at a time (about :data:`TOKENISE_AT_ONCE`
    characters), joined by blank lines, which no token crosses, and the
    tokens are shared out: one ``Doc`` for many blocks costs much less than
    one per paragraph, and a batch's tokens are let go before the next
    batch, so a long document never has all its token objects at once.
    Each batch but the last ends with the blank line that joins it to the
    next, so every block's last token is marked as it would be in one
    ``Doc`` of them all.  The space flag is 2 when a line break follows the token.
    """
    sep = "\n\n"
    out: dict[int, list[tuple[int, int, int]]] = {}
    batch: list[int] = []
    size = 0
    for k, bi in enumerate(wanted):
        batch.append(bi)
        size += len(blocks[bi].text) + len(sep)
        if size >= TOKENISE_AT_ONCE or k == len(wanted) - 1:
            _tokens_of_batch(model, blocks, batch, k < len(wanted) - 1, out)
            batch, size = [], 0
    return out


def _tokens_of_batch(model: str | None, blocks: list[Block], batch: list[int], more: bool,
                     out: dict[int, list[tuple[int, int, int]]]) -> None:
    """The tokens of the blocks ``batch`` into ``out`` (``more``: other blocks follow, after a blank line)."""
    sep = "\n\n"
    starts = []
    pos = 0
    for bi in batch:
        starts.append(pos)
        pos += len(blocks[bi].text) + len(sep)
    joined = sep.join(blocks[bi].text for bi in batch) + (sep if more else "")
    if not model:
        from ..tokenizer import tokenize  # spaCy's English tokenizer, without importing spaCy

        shared = reader_tokens(tokenize(joined), joined, starts)
    else:
        shared = reader_tokens(spacy_tokens(load_pipeline(model).tokenizer(joined)), joined, starts)
    out.update(zip(batch, shared))


def split_blocks(blocks: list[Block], tokens_of: dict[int, list[tuple[int, int, int]]],
                 ) -> tuple[list[Sentence], list[list[Sentence]]]:
    """The sentences of the document in order, and those of each block.

    ``tokens_of`` has the tokens of the blocks that may hold more than one
    sentence (:func:`blocks_to_split`); any other block with words is one
    sentence.
    """
    out: list[Sentence] = []
    per_block: list[list[Sentence]] = []
    findall = WORD.findall
    # One string for each different word: prose repeats its words, and a long
    # document would otherwise hold a string for every word it has.
    shared: dict[str, str] = {}
    one = shared.setdefault
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
            texts = [one(w, w) for w in findall(text, s, e)]
            if not texts:
                continue
            sent = Sentence(base + s, base + e, bi, texts, len(out), text, base)
            out.append(sent)
            mine.append(sent)
        per_block.append(mine)
    return out, per_block


def reader_tokens(tokens: "Iterable[Token]", text: str, starts: list[int]) -> list[list[tuple[int, int, int]]]:
    """The tokens a reader sees, as (start, length, space after), shared out by ``starts``.

    ``tokens`` are those of :mod:`speakeasy.tokenizer` (see :func:`spacy_tokens` for a
    spaCy ``Doc``). ``starts`` are the offsets in ``text`` where each block begins
    (blocks are separated by whitespace, which no token crosses); offsets returned
    are relative to each block's start.  Whitespace tokens (line breaks inside a
    block) are dropped; the token before one is marked as followed by a space (1)
    or by a line break (2).
    """
    import bisect

    kept: list[list[int]] = []
    previous_space = True
    for start, token, whitespace in tokens:  # (Token's fields: idx, text, whitespace)
        if token.isspace():  # Token.is_space
            if not previous_space and kept:
                kept[-1][2] = 2 if "\n" in token else 1
            previous_space = True
            continue
        kept.append([start, len(token), 1 if whitespace else 0])
        previous_space = False
    idx = [k[0] for k in kept]
    bounds = [bisect.bisect_left(idx, s) for s in [*starts, len(text) + 1]]
    out = []
    for b, base in enumerate(starts):
        out.append([(i - base, n, sp) for i, n, sp in kept[bounds[b]:bounds[b + 1]]])
    return out
