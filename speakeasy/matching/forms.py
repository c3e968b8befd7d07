"""A term expanded into every form a writer might use, and a list's entries with their inflected alternatives.

Both are kept in the disk cache (see :mod:`speakeasy.io.diskcache`), so a
warm run never loads lemminflect.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Callable, Iterable, Iterator

from ..io.diskcache import load as _cache_load
from ..io.diskcache import paused_gc
from ..io.diskcache import store as _cache_store
from .alternatives import inflect_alternative
from .basics import APOSTROPHE, HYPHENS, MODALS, NOUN_TAGS, SEP_OPTIONAL, SEP_REQUIRED, VERB_TAGS
from .inflection import all_inflections, lemminflect_version, prime_oov, word_inflections


def _decode_forms(value: Any) -> list[list[tuple[str, str]]]:
    from ..cachefile import unpack_pair_lists

    return unpack_pair_lists(value)


def _encode_forms(value: list) -> list:
    from ..cachefile import pack_pair_lists

    return pack_pair_lists(value)


def _decode_entries(value: Any) -> list[tuple[list[tuple[str, str]], dict[str, dict[str, str]]]]:
    from itertools import chain

    from ..cachefile import check, unpack_pair_lists

    check(type(value) is list and len(value) == 2 and type(value[1]) is list)
    forms, inflected = unpack_pair_lists(value[0]), value[1]
    check(len(forms) == len(inflected) and set(map(type, inflected)) <= {dict})
    alternatives = list(chain.from_iterable(map(dict.values, inflected)))  # {alternative: inflected} maps
    check(set(map(type, alternatives)) <= {dict})
    "".join(chain.from_iterable(map(dict.values, alternatives)))  # TypeError unless all strings
    return list(zip(forms, inflected))


def _encode_entries(value: list) -> list:
    from ..cachefile import pack_pair_lists

    return [pack_pair_lists([forms for forms, _ in value]), [inflected for _, inflected in value]]


#: Part of the key of every entry this module keeps in the disk cache: bump it when a form changes.
CACHE_VERSION = "6"


def expand_terms(terms: list[str], inflect: bool = True) -> list[list[tuple[str, str]]]:
    """For each term, every (form, tags) a writer might use.  Cached on disk.

    ``tags`` is "" for the base form, or the Penn tags (VBZ, VBD, VBN, VBG,
    NNS) the form can be, separated by spaces: "wins" is "VBZ NNS" (a verb or
    a plural noun), "utilised" is "VBD VBN".  A suggestion is put in the same
    form.  Forms use :data:`SEP_OPTIONAL` / :data:`SEP_REQUIRED` between parts.
    """
    key = _forms_key(terms, inflect)
    with paused_gc():
        cached = _cache_load(key, _decode_forms)
        if cached is not None and len(cached) == len(terms):
            return cached
        if inflect and len(terms) > 50:
            prime_oov(_unknown_words(terms))
        result = [_expand(term, inflect) for term in terms]
        _cache_store(key, result, _encode_forms, _decode_forms)
    return result


def cached_forms(terms: list[str]) -> list[list[tuple[str, str]]] | None:
    """What :func:`expand_terms` gives for ``terms``, if the disk cache has it; None (nothing is worked out)."""
    with paused_gc():
        cached = _cache_load(_forms_key(terms, True), _decode_forms)
    return cached if cached is not None and len(cached) == len(terms) else None


def _forms_key(terms: list[str], inflect: bool) -> str:
    digest = hashlib.sha256(
        ("\n".join(terms) + f"|{inflect}|{CACHE_VERSION}|{lemminflect_version()}").encode("utf-8")
    ).hexdigest()[:32]
    return f"forms-{digest}"


def _unknown_words(terms: Iterable[str]) -> set[str]:
    """The words of ``terms`` that :func:`_expand` will ask lemminflect to inflect without its dictionary."""
    out = set()
    for term in terms:
        words, _ = _split_parts(term.lower())
        if not all(w.replace("'", "").isalpha() for w in words):
            continue
        for word in {words[0], words[-1]} if len(words) > 1 else {words[0]}:
            low = word.lower()
            if low not in MODALS and not all_inflections(low):
                out.add(low)
    return out


#: Up to this many entries, each entry's alternatives are inflected for each form of its term when the
#: list is first used, and kept in the disk cache, so a warm run never loads lemminflect (which takes a
#: second or more to load).  A longer list would pay for hundreds of thousands of inflections it mostly
#: never uses, so its alternatives are inflected when a match needs them (see :class:`LazyList`).
EAGER_INFLECTIONS = 5_000


def expand_entries(
    entries: list[tuple[str, tuple[str, ...]]],
) -> list[tuple[list[tuple[str, str]], "dict[str, dict[str, str]] | None"]]:
    """For each (term, alternatives): its forms, and each alternative inflected for each tag.

    The second item maps a tag to {alternative: inflected alternative}:
    ``{"VBD": {"use": "used"}, "NNS": {...}}``.  Cached on disk with the
    forms, so a warm run never loads lemminflect.

    For more than :data:`EAGER_INFLECTIONS` entries, the second item is None:
    only the forms are worked out (and cached); :func:`inflect_all` gives the
    same maps when they are asked for (see :class:`LazyList`).
    """
    if len(entries) > EAGER_INFLECTIONS:
        return [(forms, None) for forms in expand_terms([term for term, _ in entries])]
    digest = hashlib.sha256(
        (repr(entries) + f"|{CACHE_VERSION}|{lemminflect_version()}").encode("utf-8")
    ).hexdigest()[:32]
    key = f"entries-{digest}"
    with paused_gc():
        cached = _cache_load(key, _decode_entries)
        if cached is not None and len(cached) == len(entries):
            return cached
        forms_per_term = expand_terms([term for term, _ in entries])
        result = []
        for (term, alternatives), forms in zip(entries, forms_per_term):
            result.append((forms, _inflect_all(alternatives, forms)))
        _cache_store(key, result, _encode_entries, _decode_entries)
    return result


def _inflect_all(alternatives: Iterable[str], forms: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """{tag: {alternative: inflected alternative}} for each tag of ``forms`` (see :func:`expand_entries`)."""
    tags = {tag for _, tagged in forms for tag in tagged.split()}
    alternatives = tuple(alternatives)
    return {tag: {alt: inflect_alternative(alt, tag) for alt in alternatives} for tag in sorted(tags)}


def inflect_all(alternatives: Iterable[str], forms: list[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """:func:`_inflect_all` for one entry of a long list, when a text uses it; kept in the disk cache.

    A long list's alternatives are inflected only for the entries a text uses (see
    :data:`EAGER_INFLECTIONS`); that loads lemminflect's tables (half a second or more).  The answers
    for one entry are kept, so checking the same document again does not load them.
    """
    alternatives = tuple(alternatives)
    tags = sorted({tag for _, tagged in forms for tag in tagged.split()})
    if not tags:
        return {}
    digest = hashlib.sha256(
        (repr((alternatives, tags)) + f"|{CACHE_VERSION}|{lemminflect_version()}").encode("utf-8", "surrogatepass")
    ).hexdigest()[:32]
    key = f"inflected-{digest}"
    cached = _cache_load(key, _decode_inflected)
    if cached is not None and sorted(cached) == tags and all(set(cached[t]) == set(alternatives) for t in tags):
        return cached
    result = _inflect_all(alternatives, forms)
    _cache_store(key, result, _encode_inflected, _decode_inflected)
    return result


def _encode_inflected(value: dict) -> dict:
    return value


def _decode_inflected(value: Any) -> dict[str, dict[str, str]]:
    from ..cachefile import check

    check(type(value) is dict and set(map(type, value.values())) <= {dict})
    for inner in value.values():
        check(set(map(type, inner)) <= {str} and set(map(type, inner.values())) <= {str})
    return value


class LazyList:
    """A list whose items are worked out when first asked for (``make(index)``), then kept.

    A list of 50,000 entries needs only the few a text uses: each entry's inflected
    alternatives (:func:`inflect_all`), where it came from, its forms as words.
    """

    def __init__(self, length: int, make: Callable[[int], Any]) -> None:
        self._length = length
        self._make = make
        self._done: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> Any:
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        try:
            return self._done[index]
        except KeyError:
            got = self._done[index] = self._make(index)
            return got

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(self._length))


def _us_spellings(form: str) -> set[str]:
    out = set()
    for uk, us in (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize")):
        if uk in form:
            out.add(form.replace(uk, us))
    return out


def _split_parts(term: str) -> tuple[list[str], list[str]]:
    """Words and the separators between them ("-" or " ")."""
    pieces = re.split(r"(\s+|[" + HYPHENS + r"])", term.strip())
    words = pieces[0::2]
    seps = ["-" if s.strip() else " " for s in pieces[1::2]]
    return words, seps


def _join(words: list[str], seps: list[str]) -> str:
    out = [words[0]]
    loose = len(words) <= 2
    for sep, word in zip(seps, words[1:]):
        if sep == "-" or loose:
            out.append(SEP_OPTIONAL)
        else:
            out.append(SEP_REQUIRED)
        out.append(word)
    return "".join(out).replace("'", APOSTROPHE).replace("’", APOSTROPHE)


#: Words a phrase may end in that are never inflected ("take into account"; "look after").
FUNCTION_WORDS = frozenset(
    "a an the into in on up out of to with for about down over forward back off away through upon "
    "under across along around by from that this these those it".split()
)
_LIGHT_VERBS = frozenset("make take give have get carry put set come go do keep bring".split())


def _verb_like(words: list[str]) -> bool:
    """Is a phrase led by a verb ("take into account", "make use of")?"""
    first = words[0]
    if first in MODALS:
        return False
    known = all_inflections(first)
    is_verb = any(t.startswith("V") for t in known)
    if not is_verb:
        return False
    is_noun = "NN" in known or "NNS" in known
    return not is_noun or first in _LIGHT_VERBS or words[1] in FUNCTION_WORDS


def _expand(term: str, inflect: bool) -> list[tuple[str, str]]:
    words, seps = _split_parts(term.lower())
    base = _join(words, seps)
    forms: dict[str, set[str]] = {base: set()}
    if inflect and all(w.replace("'", "").isalpha() for w in words):
        if len(words) > 1 and _verb_like(words):
            # The first word as a verb: take into account -> took into account
            for tag, variants in word_inflections(words[0], want_verb=True, want_noun=False).items():
                for v in variants:
                    forms.setdefault(_join([v] + words[1:], seps), set()).add(tag)
        if words[-1] not in FUNCTION_WORDS:
            # The last word as a noun or a verb: care package -> care packages,
            # means test -> means tested, utilise -> utilises, utilised.
            for tag, variants in word_inflections(words[-1], want_verb=True, want_noun=True).items():
                for v in variants:
                    forms.setdefault(_join(words[:-1] + [v], seps), set()).add(tag)
    # The base form is the base form ("fit" is not also a past tense of "fit").
    forms[base] = set()
    for form, tags in list(forms.items()):
        for us in _us_spellings(form):
            forms.setdefault(us, set()).update(tags)
    order = {t: i for i, t in enumerate(VERB_TAGS + NOUN_TAGS)}
    return sorted((form, " ".join(sorted(tags, key=order.__getitem__))) for form, tags in forms.items())
