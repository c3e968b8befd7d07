"""What every part of the matching shares: the tags it makes, the marks between the parts of a form, and lookup keys."""

from __future__ import annotations

import re

#: Inflection tags we generate, and what they mean for a suggestion.
VERB_TAGS = ("VBZ", "VBD", "VBN", "VBG")
NOUN_TAGS = ("NNS",)
MODALS = frozenset("shall should will would may might can could must ought".split())

# Characters that separate the parts of a term in the trie.
SEP_OPTIONAL = "\x00"  # hyphen, space(s) or nothing: co-production / co production / coproduction
SEP_REQUIRED = "\x01"  # hyphen or space(s): take into account / take-into-account
APOSTROPHE = "\x02"

HYPHENS = "\\-\u2010\u2011\u2012\u2013"
_NORM_DROP = re.compile(r"[\s" + HYPHENS + r"]+")
OTHER_APOSTROPHES = re.compile(r"[’‘`´]")


def normalise(text: str) -> str:
    """The lookup key for a matched text: lower case, no separators, straight apostrophes."""
    return _NORM_DROP.sub("", OTHER_APOSTROPHES.sub("'", text.casefold()))
