"""Parts of speech for the words of a sentence: speakeasy's own tagger, or a trained spaCy pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from ..model import Block

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..tagger import Tagging


class Tagged(NamedTuple):
    """A token with its part of speech: offsets in the source, the universal tag and the Penn tag."""

    start: int
    end: int
    text: str
    pos: str  # NOUN, VERB, ADJ, PROPN... (Universal Dependencies)
    tag: str  # NN, NNS, VBD, VBN, JJ... (Penn Treebank)


#: The universal tag of a Penn tag, for a trained pipeline that gives only Penn tags (by the first 3, or 2, letters).
_UPOS_OF_PENN = {
    "NNP": "PROPN", "NN": "NOUN", "VB": "VERB", "MD": "AUX", "JJ": "ADJ", "RB": "ADV", "WRB": "ADV", "IN": "ADP",
    "DT": "DET", "PDT": "DET", "PRP": "PRON", "WP": "PRON", "WDT": "PRON", "CD": "NUM", "CC": "CCONJ", "TO": "PART",
    "RP": "ADP", "UH": "INTJ", "POS": "PART", "EX": "PRON", "FW": "X", "SYM": "SYM",
}


def tag_span(block: Block, a: int, b: int, doc: "Doc | None" = None) -> "Sequence[Tagged]":
    """The words of ``block.text[a:b]`` with their parts of speech, at their offsets in the source.

    ``doc`` is the block's ``Doc`` from a trained spaCy pipeline, whose tags
    are used; without one, speakeasy's own tagger (:mod:`speakeasy.tagger`)
    tags them, each word only when it is first read (see :class:`TaggedWords`).
    """
    if doc is not None:
        return [Tagged(block.start + t.idx, block.start + t.idx + len(t.text), t.text,
                       t.pos_ or _UPOS_OF_PENN.get(t.tag_[:3], _UPOS_OF_PENN.get(t.tag_[:2], "X")), t.tag_)
                for t in doc if a <= t.idx < b and not t.is_space]
    from ..tagger import load as load_tagger
    from ..tokenizer import tokenize  # spaCy's English tokenizer, without importing spaCy

    toks = [t for t in tokenize(block.text[a:b]) if not t.is_space]
    base = block.start + a
    starts = [base + t.idx for t in toks]
    texts = [t.text for t in toks]
    return TaggedWords(starts, texts, load_tagger().tagging(texts) if toks else None)


class TaggedWords(Sequence[Tagged]):
    """The tagged words of one sentence, tagged from the left only as far as they are read.

    The tagger reads left to right, so the tags of the words up to one do not
    depend on the tags after it: a rule that asks about a word near the start
    of a long sentence does not pay for the rest. Reads as a list of
    :class:`Tagged`; ``starts`` are the words' offsets, known without tagging.
    """

    __slots__ = ("starts", "_texts", "_tagging", "_out")

    def __init__(self, starts: list[int], texts: list[str], tagging: "Tagging | None") -> None:
        self.starts = starts
        self._texts = texts
        self._tagging = tagging
        self._out: list[Tagged] = []

    def __len__(self) -> int:
        return len(self.starts)

    def _upto(self, n: int) -> None:
        out = self._out
        tagging = self._tagging
        starts, texts = self.starts, self._texts
        assert tagging is not None
        for i in range(len(out), n):
            pos, tag = tagging.pair(i)
            out.append(Tagged(starts[i], starts[i] + len(texts[i]), texts[i], pos, tag))
        if len(out) == len(starts):
            self._tagging = None  # all tagged: let go of the tagger's working state

    @overload
    def __getitem__(self, i: int) -> Tagged: ...

    @overload
    def __getitem__(self, i: slice) -> list[Tagged]: ...

    def __getitem__(self, i: Any) -> Any:
        n = len(self.starts)
        if isinstance(i, slice):
            last = max(range(n)[i], default=-1)
            if last >= len(self._out):
                self._upto(last + 1)
            return self._out[i]
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("tagged word index out of range")
        if i >= len(self._out):
            self._upto(i + 1)
        return self._out[i]

    def index(self, token: Any, start: int = 0, stop: int | None = None) -> int:
        """Where ``token`` is, found by its offset (words do not overlap), tagging no further than it."""
        import bisect

        if isinstance(token, Tagged):
            i = bisect.bisect_left(self.starts, token.start, start, len(self.starts) if stop is None else stop)
            while i < len(self.starts) and self.starts[i] == token.start:
                if self[i] == token:
                    return i
                i += 1
        raise ValueError(f"{token!r} is not in the sentence")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (TaggedWords, list, tuple)):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TaggedWords({list(self)!r})"
