"""How hard a word is to read: the word-difficulty table.

Each word has a number on the CEFR scale that English teachers use, from 1
(A1, the first words a learner meets) to 6 (C2, mastery): about the level of
a sentence made of words like it.  The numbers were learned from texts that
teachers placed at a level (CEFR-SP Wiki-Auto train, OneStopEnglish) and
from how common words are (wordfreq); ``benchmarks/readability/word_difficulty.py``
makes them and says how, and ``speakeasy/data/word_difficulty/`` holds them
with the licence and attribution of every input.

The table (``table.tsv``) holds the words seen in that data.  Every other
word gets its number from a small model on the word itself (how common it
is, its length, its syllables, its ending and its start), the same model
the table was built on (``model.json``), worked out here when a word is first
asked for and then cached.  So every word wordfreq knows has a number, and
so does every word it does not.

Nothing here imports anything of speakeasy's above the bottom layer.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from .lexicon import word_zipf
from .syllables import syllables

__all__ = ["ENDINGS", "STARTS", "HARD", "difficulty", "word_features", "FEATURE_NAMES", "table", "model"]

#: Word endings the model looks at (longest first where one holds another).
ENDINGS: tuple[str, ...] = (
    "ization", "isation", "ation", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ancy", "ency",
    "ous", "ive", "ical", "ic", "al", "able", "ible", "ism", "ist", "ise", "ize", "ify", "ly", "ing", "ed",
    "er", "est", "ure", "ship", "hood", "ary", "ory", "ant", "ent", "ate", "ful", "less", "s",
)
#: Word starts the model looks at.
STARTS: tuple[str, ...] = ("un", "re", "dis", "in", "im", "pre", "con", "com", "ex", "sub", "inter", "over",
                           "under", "mis", "non", "de", "trans", "multi")
#: A word at this level or above is a hard word (B2 and above: the level of a sentence an average
#: adult reader finds hard; plain-language guidance aims at B1).
HARD = 4.0

FEATURE_NAMES: tuple[str, ...] = (
    "zipf", "below_3", "below_4_5", "unknown", "letters", "syllables",
    *(f"ends_{e}" for e in ENDINGS), *(f"starts_{s}" for s in STARTS), "hyphen", "apostrophe",
)


def word_features(low: str) -> list[float]:
    """The model's numbers for one lower-case word, in :data:`FEATURE_NAMES` order."""
    z = min(word_zipf(low), 7.0)
    letters = sum(1 for c in low if c.isalpha())
    out = [z, max(0.0, 3.0 - z), max(0.0, 4.5 - z), 1.0 if z == 0.0 else 0.0,
           min(letters, 20) / 5.0, min(syllables(low), 8)]
    ending = next((e for e in ENDINGS if low.endswith(e) and len(low) > len(e) + 2), None)
    out += [1.0 if e == ending else 0.0 for e in ENDINGS]
    start = max((s for s in STARTS if low.startswith(s) and len(low) > len(s) + 3), key=len, default=None)
    out += [1.0 if s == start else 0.0 for s in STARTS]
    out += [1.0 if "-" in low else 0.0, 1.0 if "'" in low else 0.0]
    return out


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The model's weights (``model.json``)."""
    text = resources.files("speakeasy.data").joinpath("word_difficulty", "model.json").read_text("utf-8")
    data = json.loads(text)
    if list(data["features"]) != list(FEATURE_NAMES):
        raise ValueError("speakeasy/data/word_difficulty/model.json does not match speakeasy.worddifficulty")
    return data


@lru_cache(maxsize=1)
def table() -> dict[str, float]:
    """The words seen in the data and their numbers (``table.tsv``)."""
    text = resources.files("speakeasy.data").joinpath("word_difficulty", "table.tsv").read_text("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, value = line.partition("\t")
            out[word] = float(value)
    return out


def predicted(low: str) -> float:
    """The model's number for a word, from the word alone."""
    m = model()
    x = word_features(low)
    value = m["intercept"] + math.fsum(w * v for w, v in zip(m["weights"], x))
    return min(max(value, 1.0), 6.0)


def difficulty(low: str) -> float:
    """How hard a lower-case word is: 1 (A1) to 6 (C2).  From the table, else from the model.

    Not cached here: the plain score asks once for each word and keeps the answer with the word's
    other features (``speakeasy.plainscore.counting``).
    """
    got = table().get(low)
    if got is None:
        got = round(predicted(low), 2)
    return got
