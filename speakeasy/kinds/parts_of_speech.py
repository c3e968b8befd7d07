"""The part of speech a match is used as, and which inflection its form is, from the tagger's tags."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Tagged

#: The universal tags (see :mod:`speakeasy.tagger`) that count as each part of speech an entry can name.
PART_TAGS = {
    "noun": frozenset({"NOUN", "PROPN"}),
    "verb": frozenset({"VERB"}),
    "adjective": frozenset({"ADJ"}),
    "adverb": frozenset({"ADV"}),
}
#: Words before a participle that make it describe the noun after it ("the remaining challenges").
_BEFORE_ATTRIBUTIVE = frozenset({"DET", "ADJ", "NUM", "PRON", "ADP", "CCONJ", "PUNCT"})


def is_part(part: str, tokens: Sequence["Tagged"], inside: Sequence["Tagged"]) -> bool:
    """Is the match used as ``part``?  A noun's head is its last word; a verb's, adjective's or adverb's, its first.

    A participle between a determiner (or adjective) and a noun describes the
    noun, so it counts as an adjective, not a verb: "the remaining
    challenges", "a committed team".
    """
    head = inside[-1] if part == "noun" else inside[0]
    attributive = _attributive(tokens, head)
    if part == "verb":
        return head.pos in PART_TAGS["verb"] and not attributive
    if part == "adjective":
        return head.pos in PART_TAGS["adjective"] or attributive
    if part == "noun" and head.pos in ("ADJ", "ADV"):  # the tagger reads a final "elderly" as an adverb
        return _adjective_as_noun(tokens, head)
    return head.pos in PART_TAGS[part]


def _adjective_as_noun(tokens: Sequence["Tagged"], head: "Tagged") -> bool:
    """A describing word used as a noun after "the" ("help for the elderly"), not before one ("the elderly Kenyans")."""
    if not head.text.islower():
        return False  # "where the Objective is not met": a capital says it is the name of something
    i = _index_of(tokens, head)
    if i == 0 or tokens[i - 1].text.lower() != "the":
        return False
    return i + 1 >= len(tokens) or tokens[i + 1].pos not in ("NOUN", "PROPN", "ADJ", "NUM")


def _attributive(tokens: Sequence["Tagged"], head: "Tagged") -> bool:
    """Is a -ing or -ed word describing the noun after it ("the remaining challenges")?

    It may be joined to a describing word that stands before the noun:
    "determined and highly capable attackers".
    """
    if head.tag not in ("VBG", "VBN") or head.pos not in ("VERB", "ADJ"):
        return False
    i = _index_of(tokens, head)
    j = i + 1
    if j < len(tokens) and tokens[j].text.lower() in ("and", "or"):
        j += 1
        while j < len(tokens) and tokens[j].pos == "ADV":
            j += 1
        if j >= len(tokens) or tokens[j].pos != "ADJ":
            return False
        while j < len(tokens) and tokens[j].pos == "ADJ":
            j += 1
    if j >= len(tokens) or tokens[j].pos not in ("NOUN", "PROPN"):
        return False
    return i == 0 or tokens[i - 1].pos in _BEFORE_ATTRIBUTIVE


def _index_of(tokens: Sequence["Tagged"], token: "Tagged") -> int:
    """``tokens.index(token)``, found by halving in a long sentence: tokens are in order and do not overlap."""
    if len(tokens) < 64 or hasattr(tokens, "starts"):  # (TaggedWords finds it by the words' places, untagged)
        return tokens.index(token)
    i = bisect.bisect_left(tokens, token.start, key=lambda t: t.start)
    while i < len(tokens) and tokens[i].start == token.start:
        if tokens[i] == token:
            return i
        i += 1
    return tokens.index(token)


def form_tag(tags: tuple[str, ...], inside: Sequence["Tagged"], part: str | None) -> str:
    """Which inflection the matched form is: "" (the base form), or one Penn tag.

    A form that can be two things ("wins": VBZ or NNS; "utilised": VBD or
    VBN) is settled by the part of speech the entry means, else by the tagger.
    """
    if not tags:
        return ""
    if len(tags) == 1:
        return tags[0]
    if part == "noun" and "NNS" in tags:
        return "NNS"
    verbs = [t for t in tags if t.startswith("V")]
    if part == "verb" and len(verbs) == 1:
        return verbs[0]
    if inside:
        tagged = inside[-1].tag if "NNS" in tags else inside[0].tag
        if tagged in tags:
            return tagged
        if tagged.startswith("NN") and "NNS" in tags:
            return "NNS"
        if tagged.startswith("VB") and verbs:
            return verbs[0]
    return "NNS" if "NNS" in tags and part != "verb" else tags[0]
