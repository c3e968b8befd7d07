"""Which terms of a long list a text may hold, without working out their forms.

A list of 50,000 terms has about 150,000 forms, and working them out takes
seconds (lemminflect's tables, its network for the words it does not know,
then Python for each term).  A small document holds forms of a few hundred
of them at most.  This index tells which, from the terms alone, so that only
those are expanded (see :class:`speakeasy.kinds.entry_matcher.Matcher`).

It may name a term that the text turns out not to hold, but never leaves out
one that it holds.  Every form of a term (see ``forms._expand``) is the term
with its first or its last word inflected, and perhaps spelt the US way:

* lemminflect's rules for the words it does not know keep all of a word but
  at most its last two letters, as its ending says ("analysis" -> "analyses",
  "die" -> "dying", "try" -> "tried", "stop" -> "stopped");
* the words its dictionary knows that do not (``go`` -> ``went``, ``mouse`` ->
  ``mice``) are listed from the dictionary itself (:func:`irregular_words`), and
  their forms are looked for as they are (read as a text is: "logs-in" as "logsin");
* a US spelling only turns an "s" into a "z": both are read as "s" (:func:`fold`).

So each term has a few *keys*, pieces that every one of its forms holds (once
spaces and hyphens are taken out, as :func:`speakeasy.matching.squash` does),
and a text may hold the term only if it holds one of its keys.
"""

from __future__ import annotations

import re
from typing import Any

from ..io.diskcache import load as _cache_load
from ..io.diskcache import store as _cache_store
from .basics import HYPHENS, MODALS
from .forms import CACHE_VERSION, FUNCTION_WORDS
from .inflection import all_inflections, dictionary_lemmas, lemminflect_version
from .trie import add_pieces, squash

#: The endings of which lemminflect's rules (``InflectionRules``) change two letters ("analysis" ->
#: "analyses", "die" -> "dying", "index" -> "indices"), and one ("try" -> "tries", "make" -> "making",
#: "formula" -> "formulae", "box" -> "boxes" as a Latin noun "boces"); other words only gain letters.
_CHANGE_TWO = ("ie", "us", "um", "on", "sis", "men", "ex")
_CHANGE_ONE = ("y", "e", "a", "is", "x")

_FOLD = str.maketrans("z", "s")
_PARTS = re.compile(r"(\s+|[" + HYPHENS + r"])")


def fold(text: str) -> str:
    """A squashed text with every "z" read as "s": "utilized" and "utilised" are the same."""
    return text.translate(_FOLD)


def _stem(word: str) -> str:
    """What every form lemminflect's rules make of ``word`` starts with."""
    if word.endswith(_CHANGE_TWO):
        return word[:-2]
    if word.endswith(_CHANGE_ONE):
        return word[:-1]
    return word


def irregular_words() -> "dict[str, list[str] | None] | None":
    """The words lemminflect's dictionary inflects other than its rules would (see :func:`_stem`), with
    those forms (None for a word with a form that is not plain ASCII).  None when its tables cannot be
    read (then every term is expanded).  Kept in the disk cache, so a warm run does not load lemminflect.
    """
    key = f"irregular-{CACHE_VERSION}-2-{lemminflect_version()}".replace("/", "-")
    cached = _cache_load(key, _decode_irregular)
    if cached is not None:
        return cached
    lemmas = dictionary_lemmas()
    if lemmas is None:
        return None
    out: dict[str, list[str] | None] = {}
    for lemma in lemmas:  # (lemminflect is only asked about lower-case words)
        if lemma in MODALS:
            continue
        stem = _stem(lemma)
        # every form word_inflections can take from the dictionary: each tag's answers, as it reads them
        odd = sorted({form for forms in all_inflections.__wrapped__(lemma).values() for form in forms
                      if not form.startswith(stem)})
        if odd:
            out[lemma] = odd if all(f.isascii() for f in odd) else None
    _cache_store(key, out, _encode_irregular, _decode_irregular)
    return out


def _encode_irregular(value: dict) -> dict:
    return value


def _decode_irregular(value: Any) -> "dict[str, list[str] | None]":
    from ..cachefile import check

    check(type(value) is dict)
    for forms in value.values():
        check(forms is None or (type(forms) is list and all(type(f) is str for f in forms)))
    return value


def term_keys(term: str, irregular: "dict[str, list[str] | None]") -> tuple[str, ...] | None:
    """Pieces of text (folded) of which every form of ``term`` holds one; None: look for it in every text."""
    low = term.lower()
    if not low.isascii():
        return None  # (casefold and lower differ beyond ASCII: keep it simple and always expand it)
    # a backtick is read as an apostrophe in a text (see speakeasy.matching.squash): in the keys too
    low = low.replace("`", "'")
    if low.isalpha():  # one word (most terms): a quicker way to the same keys
        odd = irregular.get(low, ())
        if odd is None:
            return None
        if low in FUNCTION_WORDS:
            return (fold(low),)
        return tuple(dict.fromkeys([fold(_stem(low))] + [fold(squash(f)) for f in odd]))
    words = _PARTS.split(low.strip())[0::2]  # (as forms._split_parts splits it)
    whole = fold("".join(words))
    if not all(w.replace("'", "").isalpha() for w in words):
        return (whole,)  # never inflected: the term itself (and its US spelling)
    first, last = words[0], words[-1]
    if (first in irregular and irregular[first] is None) or (last in irregular and irregular[last] is None):
        return None
    keys = []
    if last in FUNCTION_WORDS:
        keys.append(whole)  # the last word stays as it is
    else:
        odd = irregular.get(last)
        if len(words) == 1:
            keys.append(fold(_stem(last)))
            keys.extend(fold(squash(f)) for f in odd or ())  # ("logs-in": as a text is read)
        elif odd:
            keys.append(fold("".join(words[:-1])))
        else:
            keys.append(fold("".join(words[:-1]) + _stem(last)))
    if len(words) > 1:
        keys.append(fold("".join(words[1:])))  # the first word inflected (a verb: "took into account")
    return tuple(dict.fromkeys(keys))


class TermIndex:
    """The terms of a long list by their keys (see :func:`term_keys`)."""

    def __init__(self, terms: list[str], irregular: "dict[str, list[str] | None]") -> None:
        self.size = len(terms)
        self._always: list[int] = []
        index: dict[str, list[int]] = {}
        for i, term in enumerate(terms):
            low = term.lower()
            if low.isalpha() and low.isascii() and low not in irregular and low not in FUNCTION_WORDS:
                keys: tuple[str, ...] | None = (_stem(low).translate(_FOLD),)  # (term_keys, quicker: most terms)
            else:
                keys = term_keys(term, irregular)
            if keys is None or "" in keys:
                self._always.append(i)
                continue
            for key in keys:
                got = index.get(key)
                if got is None:
                    index[key] = [i]
                elif got[-1] != i:
                    got.append(i)
        self._index = index
        self._lengths = sorted({len(k) for k in index})

    def candidates(self, flat: str) -> set[int]:
        """The terms that ``flat`` (a :func:`speakeasy.matching.squash` text) may hold a form of."""
        flat = fold(flat)
        found = set(self._always)
        add_pieces(self._index, self._lengths, flat, found)
        return found
