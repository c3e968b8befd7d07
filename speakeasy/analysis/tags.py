"""Parts of speech for the words of a sentence: speakeasy's own tagger, or a trained spaCy pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..model import Block

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


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


def tag_span(block: Block, a: int, b: int, doc: "Doc | None" = None) -> list[Tagged]:
    """The words of ``block.text[a:b]`` with their parts of speech, at their offsets in the source.

    ``doc`` is the block's ``Doc`` from a trained spaCy pipeline, whose tags
    are used; without one, speakeasy's own tagger (:mod:`speakeasy.tagger`)
    tags them.
    """
    if doc is not None:
        return [Tagged(block.start + t.idx, block.start + t.idx + len(t.text), t.text,
                       t.pos_ or _UPOS_OF_PENN.get(t.tag_[:3], _UPOS_OF_PENN.get(t.tag_[:2], "X")), t.tag_)
                for t in doc if a <= t.idx < b and not t.is_space]
    from ..tagger import load as load_tagger
    from ..tokenizer import tokenize  # spaCy's English tokenizer, without importing spaCy

    toks = [t for t in tokenize(block.text[a:b]) if not t.is_space]
    tags = load_tagger().tag([t.text for t in toks]) if toks else []
    base = block.start + a
    return [Tagged(base + t.idx, base + t.idx + len(t.text), t.text, pos, tag)
            for t, (pos, tag) in zip(toks, tags)]
