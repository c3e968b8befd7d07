"""Fast matching of many words and phrases, with their inflections and spellings.

A wordlist term such as "utilise" or "co-production" is expanded into every
form a writer might use:

* inflections, from lemminflect: utilise, utilises, utilised, utilising;
  stakeholder, stakeholders; take into account, took into account...
* US spellings of UK -ise words: utilize, utilized...
* hyphen, space and closed forms: co-production, co production, coproduction.

All forms of all terms become one regular expression built from a trie, so
the text is scanned once (one pass, whatever the number of terms), and
each match is looked up in a dictionary by its normalised form.

Expanding inflections needs lemminflect, whose data takes a few tenths of a
second to load, so expansions are cached on disk (see :mod:`speakeasy.io.diskcache`).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .io.diskcache import paused_gc
from .io.diskcache import load as _cache_load
from .io.diskcache import store as _cache_store

#: Inflection tags we generate, and what they mean for a suggestion.
VERB_TAGS = ("VBZ", "VBD", "VBN", "VBG")
NOUN_TAGS = ("NNS",)
_MODALS = frozenset("shall should will would may might can could must ought".split())

# Characters that separate the parts of a term in the trie.
SEP_OPTIONAL = "\x00"  # hyphen, space(s) or nothing: co-production / co production / coproduction
SEP_REQUIRED = "\x01"  # hyphen or space(s): take into account / take-into-account
APOSTROPHE = "\x02"

_HYPHENS = "\\-\u2010\u2011\u2012\u2013"
_NORM_DROP = re.compile(r"[\s" + _HYPHENS + r"]+")
_APOS = re.compile(r"[’‘`´]")


def normalise(text: str) -> str:
    """The lookup key for a matched text: lower case, no separators, straight apostrophes."""
    return _NORM_DROP.sub("", _APOS.sub("'", text.casefold()))


def _decode_forms(value: Any) -> list[list[tuple[str, str]]]:
    from .cachefile import unpack_pair_lists

    return unpack_pair_lists(value)


def _encode_forms(value: list) -> list:
    from .cachefile import pack_pair_lists

    return pack_pair_lists(value)


def _decode_entries(value: Any) -> list[tuple[list[tuple[str, str]], dict[str, dict[str, str]]]]:
    from itertools import chain

    from .cachefile import check, unpack_pair_lists

    check(type(value) is list and len(value) == 2 and type(value[1]) is list)
    forms, inflected = unpack_pair_lists(value[0]), value[1]
    check(len(forms) == len(inflected) and set(map(type, inflected)) <= {dict})
    alternatives = list(chain.from_iterable(map(dict.values, inflected)))  # {alternative: inflected} maps
    check(set(map(type, alternatives)) <= {dict})
    "".join(chain.from_iterable(map(dict.values, alternatives)))  # TypeError unless all strings
    return list(zip(forms, inflected))


def _encode_entries(value: list) -> list:
    from .cachefile import pack_pair_lists

    return [pack_pair_lists([forms for forms, _ in value]), [inflected for _, inflected in value]]


_CACHE_VERSION = "6"


def expand_terms(terms: list[str], inflect: bool = True) -> list[list[tuple[str, str]]]:
    """For each term, every (form, tags) a writer might use.  Cached on disk.

    ``tags`` is "" for the base form, or the Penn tags (VBZ, VBD, VBN, VBG,
    NNS) the form can be, separated by spaces: "wins" is "VBZ NNS" (a verb or
    a plural noun), "utilised" is "VBD VBN".  A suggestion is put in the same
    form.  Forms use :data:`SEP_OPTIONAL` / :data:`SEP_REQUIRED` between parts.
    """
    digest = hashlib.sha256(
        ("\n".join(terms) + f"|{inflect}|{_CACHE_VERSION}|{_lemminflect_version()}").encode("utf-8")
    ).hexdigest()[:32]
    key = f"forms-{digest}"
    with paused_gc():
        cached = _cache_load(key, _decode_forms)
        if cached is not None and len(cached) == len(terms):
            return cached
        if inflect and len(terms) > 50:
            prime_oov(_unknown_words(terms))
        result = [_expand(term, inflect) for term in terms]
        _cache_store(key, result, _encode_forms, _decode_forms)
    return result


def _unknown_words(terms: Iterable[str]) -> set[str]:
    """The words of ``terms`` that :func:`_expand` will ask lemminflect to inflect without its dictionary."""
    out = set()
    for term in terms:
        words, _ = _split_parts(term.lower())
        if not all(w.replace("'", "").isalpha() for w in words):
            continue
        for word in {words[0], words[-1]} if len(words) > 1 else {words[0]}:
            low = word.lower()
            if low not in _MODALS and not _all_inflections(low):
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
        (repr(entries) + f"|{_CACHE_VERSION}|{_lemminflect_version()}").encode("utf-8")
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
        (repr((alternatives, tags)) + f"|{_CACHE_VERSION}|{_lemminflect_version()}").encode("utf-8", "surrogatepass")
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
    from .cachefile import check

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


def _lemminflect_version() -> str:
    """lemminflect's version, for cache keys, without importing it.

    ``importlib.metadata`` costs about 20 ms to import; the name of the
    installed package's ``dist-info`` folder says the same.
    """
    import importlib.util

    try:
        spec = importlib.util.find_spec("lemminflect")
    except (ImportError, ValueError):  # pragma: no cover
        return "?"
    if spec is None or not spec.origin:
        return "?"
    site = Path(spec.origin).parent.parent
    found = sorted(p.name for p in site.glob("lemminflect-*.dist-info"))
    return found[-1] if found else "?"


# ---------------------------------------------------------------------------
# lemminflect, remembered
#
# A long list asks lemminflect about the same words many times (every term's
# last word, every alternative for every form).  Each of its answers is a deep
# copy of its table, so the answers are remembered here, and a lower-case word
# is looked up in lemminflect's tables directly (the same answer, without the
# copies).  The answers are shared: callers must not change them.


@lru_cache(maxsize=1)
def _lemminflect_tables() -> tuple[dict, dict, Callable[[str], Any], tuple[str, ...]] | None:
    """lemminflect's inflection table and overrides, or None if they cannot be reached (then the public API is used)."""
    try:
        from lemminflect.core.Inflections import Inflections
        from lemminflect.core.LexicalUtils import uposToTags

        infl = Inflections()
        table, overrides = infl._getInflDict(), infl._getOverridesDict()
        upos_types = tuple(Inflections.DICT_UPOS_TYPES)
    except Exception:  # noqa: BLE001 - another version of lemminflect: use its public functions
        return None
    if not isinstance(table, dict) or not isinstance(overrides, dict):
        return None
    return table, overrides, uposToTags, upos_types


@lru_cache(maxsize=200_000)
def _all_inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllInflections(lemma, upos)``, remembered (do not change the answer)."""
    tables = _lemminflect_tables()
    if tables is None or lemma != lemma.lower() or upos == "PROPN":
        from lemminflect import getAllInflections as get

        return get(lemma, upos)
    table, overrides, upos_to_tags, upos_types = tables
    if upos is not None and upos not in upos_types:
        return {}
    forms = dict(table.get(lemma, {}))
    forms.update(overrides.get(lemma, {}))
    wanted = upos_to_tags(upos) if upos is not None else None
    return {tag: (tuple(w.lower() for w in words) if isinstance(words, (list, tuple)) else words.lower())
            for tag, words in forms.items() if wanted is None or tag in wanted}


#: lemminflect's answers for words it does not know, by (word, upos): see :func:`_oov_inflections`.
_OOV: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}


def _oov_inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllInflectionsOOV(lemma, upos)``, remembered (do not change the answer).

    :func:`prime_oov` works out many at once, which is much faster than one at a time.
    """
    key = (lemma, upos)
    got = _OOV.get(key)
    if got is None:
        from lemminflect import getAllInflectionsOOV as get

        got = get(lemma, upos)
        if len(_OOV) < 400_000:
            _OOV[key] = got
    return got


#: How close the two most likely styles may be before a word is asked of lemminflect itself, one at a time
#: (a matrix product adds in another order than one vector at a time, so its last bits may differ).
_STYLE_MARGIN = 1e-3


def _style_model() -> Any:
    """lemminflect's numpy model of how words it does not know are inflected, or None if it is not one."""
    try:
        from lemminflect.core.Inflections import Inflections
        from lemminflect.kmodels.KInfer import KInferWithNumpy

        model = Inflections()._getInflStyleModel()
        kinfer = model.kinfer
        layers = kinfer.config["layers"]
    except Exception:  # noqa: BLE001 - another version of lemminflect: ask it one word at a time
        return None
    if not isinstance(kinfer, KInferWithNumpy) or layers[0].get("class_name") != "InputLayer":
        return None
    for layer in layers[1:]:
        if layer.get("class_name") not in ("Flatten", "Dense"):
            return None
        if layer.get("class_name") == "Dense" and layer["config"].get("activation") not in ("relu", "softmax"):
            return None
    return kinfer


def _oov_styles(words: list[str], upos: str) -> list[str | None]:
    """lemminflect's style ('reg', 'regd', 'glreg'...) for each word, as ``getStyle`` gives it, in one pass.

    The words go through lemminflect's own network as one matrix (see ``KInferWithNumpy.run``).  A word
    whose two most likely styles are nearly equal is None: ask lemminflect about it on its own.
    """
    import numpy as np
    from lemminflect.kmodels.ModelInflInData import ModelInflInData

    kinfer = _style_model()
    category = {"VERB": 1, "NOUN": 0, "PROPN": 0, "ADJ": 2, "ADV": 3}.get(upos)
    if kinfer is None or category is None or not words:
        return [None] * len(words)
    steps, letters = ModelInflInData.WVEC_LEN, ModelInflInData.MAX_LETTER_IDX
    shape = kinfer.config["layers"][0]["config"]["batch_input_shape"]
    if tuple(shape[1:]) != (steps, letters):
        return [None] * len(words)
    x = np.zeros((len(words), steps, letters), dtype="float32")
    x[:, 0, category] = 1
    rows, cols, hots = [], [], []
    for n, word in enumerate(words):
        # as ModelInflInData.wordToVec: the last letter first, at most 8 of them; a-z, else 1
        for i, letter in enumerate(reversed(word.lower())):
            if i >= steps - 1:
                break
            val = ord(letter)
            rows.append(n)
            cols.append(i + 1)
            hots.append(val - 95 if 97 <= val <= 122 else 1)
    x[rows, cols, hots] = 1
    out = x.reshape(len(words), -1)
    wnum = 0
    for layer in kinfer.config["layers"][1:]:
        if layer["class_name"] == "Dense":
            out = np.dot(out, kinfer.weights[wnum]) + kinfer.weights[wnum + 1]
            wnum += 2
            if layer["config"]["activation"] == "relu":
                out = out * (out > 0)
    # (softmax keeps the order of the outputs: the largest is the same before and after it)
    top2 = np.sort(out, axis=1)[:, -2:] if out.shape[1] > 1 else np.concatenate([out, out - 1], axis=1)
    best = np.argmax(out, axis=1)
    names = kinfer.getOutputEnum()
    return [names[b] if top2[n, 1] - top2[n, 0] > _STYLE_MARGIN else None for n, b in enumerate(best.tolist())]


def _oov_from_style(lemma: str, upos: str, style: str | None) -> dict[str, tuple[str, ...]]:
    """What ``lemminflect.getAllInflectionsOOV(lemma, upos)`` gives for a verb or noun of this style."""
    from lemminflect.core.InflectionRules import InflectionRules
    from lemminflect.core.LexicalUtils import applyCapsStyleToDict, getCapsStyle

    caps = getCapsStyle(lemma)  # (always lower here: prime_oov asks about lower-case words)
    if upos == "VERB":
        verbs = InflectionRules.buildRegVerb(lemma) if style == "reg" else InflectionRules.buildDoubledVerb(lemma)
        forms = {"VB": (lemma,), "VBZ": (verbs[0],), "VBN": (verbs[1],), "VBD": (verbs[1],), "VBG": (verbs[2],)}
    else:
        nouns = InflectionRules.buildRegNoun(lemma) if style == "reg" else InflectionRules.buildGrecNoun(lemma)
        forms = {"NN": (lemma,), "NNS": (nouns[0],)}
    if caps == "lower" and all(w.islower() for words in forms.values() for w in words):
        return forms  # (what applyCapsStyleToDict gives for a lower-case word, without the copies)
    return applyCapsStyleToDict(forms, caps)


#: How many words go through lemminflect's network at once (see :func:`prime_oov`).
_OOV_BATCH = 2048


def prime_oov(words: Iterable[str], upos: tuple[str, ...] = ("VERB", "NOUN")) -> None:
    """Work out lemminflect's inflections of many words it does not know at once (see :func:`_oov_inflections`).

    One at a time, lemminflect runs its network for each word (about 80 microseconds); a list of 50,000
    words has tens of thousands it does not know.  Run together as one matrix, they take a fraction of
    that, with the same answers: the forms are built by lemminflect's own rules from the same style.
    """
    for part in upos:
        todo = sorted({w for w in words if (w, part) not in _OOV and w.isalpha() and w.isascii()})
        if len(todo) < 20:
            continue  # (not worth a matrix)
        try:
            # (a few thousand at a time: the whole list at once takes 100 MB of matrices for a moment)
            styles = [style for at in range(0, len(todo), _OOV_BATCH)
                      for style in _oov_styles(todo[at:at + _OOV_BATCH], part)]
        except Exception:  # noqa: BLE001 - then lemminflect answers one word at a time, as before
            return
        for word, style in zip(todo, styles):
            if style is not None and len(_OOV) < 400_000:
                _OOV[(word, part)] = _oov_from_style(word, part, style)


@lru_cache(maxsize=200_000)
def _inflection(lemma: str, tag: str) -> tuple[str, ...]:
    """``lemminflect.getInflection(lemma, tag=tag)``, remembered."""
    from lemminflect import getInflection as get

    return tuple(get(lemma, tag=tag))


@lru_cache(maxsize=200_000)
def _all_lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word, upos)``, remembered (do not change the answer)."""
    from lemminflect import getAllLemmas as get

    return get(word, upos)


def _inflections(word: str, want_verb: bool, want_noun: bool) -> dict[str, set[str]]:
    """tag -> forms of a single word (letters only)."""
    out: dict[str, set[str]] = {}
    low = word.lower()
    if low in _MODALS:
        return out
    known = _all_inflections(low)
    if want_verb:
        verb = _all_inflections(low, upos="VERB") or (
            _oov_inflections(low, upos="VERB") if not known and not low.endswith(("ing", "ed")) else {}
        )
        if "VBD" in verb and "VBN" not in verb:
            verb = dict(verb, VBN=verb["VBD"])  # the dictionary leaves out a past participle like the past tense
        for tag in VERB_TAGS:
            for form in verb.get(tag, ()):
                out.setdefault(tag, set()).add(form)
    if want_noun:
        # A word the dictionary knows only as a verb ("utilise") has no plural.
        noun = _all_inflections(low, upos="NOUN") or (
            _oov_inflections(low, upos="NOUN") if not known else {}
        )
        for form in noun.get("NNS", ()):
            if form != low:
                out.setdefault("NNS", set()).add(form)
    return out


def _looks_like_verb(word: str) -> bool:
    return word.endswith(("ise", "ize", "ate", "ify", "en")) and len(word) > 4


def _us_spellings(form: str) -> set[str]:
    out = set()
    for uk, us in (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"), ("ise", "ize")):
        if uk in form:
            out.add(form.replace(uk, us))
    return out


def _split_parts(term: str) -> tuple[list[str], list[str]]:
    """Words and the separators between them ("-" or " ")."""
    pieces = re.split(r"(\s+|[" + _HYPHENS + r"])", term.strip())
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


_FUNCTION_WORDS = frozenset(
    "a an the into in on up out of to with for about down over forward back off away through upon "
    "under across along around by from that this these those it".split()
)
_LIGHT_VERBS = frozenset("make take give have get carry put set come go do keep bring".split())


def _verb_like(words: list[str]) -> bool:
    """Is a phrase led by a verb ("take into account", "make use of")?"""
    first = words[0]
    if first in _MODALS:
        return False
    known = _all_inflections(first)
    is_verb = any(t.startswith("V") for t in known)
    if not is_verb:
        return False
    is_noun = "NN" in known or "NNS" in known
    return not is_noun or first in _LIGHT_VERBS or words[1] in _FUNCTION_WORDS


def _expand(term: str, inflect: bool) -> list[tuple[str, str]]:
    words, seps = _split_parts(term.lower())
    base = _join(words, seps)
    forms: dict[str, set[str]] = {base: set()}
    if inflect and all(w.replace("'", "").isalpha() for w in words):
        if len(words) > 1 and _verb_like(words):
            # The first word as a verb: take into account -> took into account
            for tag, variants in _inflections(words[0], want_verb=True, want_noun=False).items():
                for v in variants:
                    forms.setdefault(_join([v] + words[1:], seps), set()).add(tag)
        if words[-1] not in _FUNCTION_WORDS:
            # The last word as a noun or a verb: care package -> care packages,
            # means test -> means tested, utilise -> utilises, utilised.
            for tag, variants in _inflections(words[-1], want_verb=True, want_noun=True).items():
                for v in variants:
                    forms.setdefault(_join(words[:-1] + [v], seps), set()).add(tag)
    # The base form is the base form ("fit" is not also a past tense of "fit").
    forms[base] = set()
    for form, tags in list(forms.items()):
        for us in _us_spellings(form):
            forms.setdefault(us, set()).update(tags)
    order = {t: i for i, t in enumerate(VERB_TAGS + NOUN_TAGS)}
    return sorted((form, " ".join(sorted(tags, key=order.__getitem__))) for form, tags in forms.items())


@lru_cache(maxsize=200_000)
def inflect_alternative(alternative: str, tag: str) -> str:
    """Put a plain alternative in the same form as the word it replaces.

    "use" for "utilised" (VBD) -> "used"; "work with" for "collaborating"
    (VBG) -> "working with".  Plurals are only made for one-word
    alternatives ("people with an interest" stays as it is).
    """
    if not tag:
        return alternative
    words = alternative.split(" ")
    try:
        import lemminflect  # noqa: F401
    except ImportError:  # pragma: no cover
        return alternative
    if tag in VERB_TAGS:
        head = words[0]
        if not head.isalpha() or head.lower() in _MODALS:
            return alternative
        if not _all_inflections(head.lower(), upos="VERB"):
            return alternative  # "the point at which..." is not a verb phrase
        forms = _inflection(head.lower(), tag=tag)
        if forms:
            words[0] = _same_case(head, _UK_PARTICIPLES.get(forms[0], forms[0]))
        return " ".join(words)
    if tag == "NNS":
        return plural_alternative(alternative)
    return alternative


#: Words after which a noun phrase's head has come: "a place to live", "money you owe", "people involved".
_AFTER_HEAD = frozenset(
    "of for to that who which with in on at from about by where when than like so you your we our they "
    "their it its he she his her them us".split()
)
#: Words that start a clause or a description, not a noun phrase: such alternatives stay as they are.
_NOT_NOUN_PHRASE = frozenset(
    "what how when where why who whom whose which whether if someone something somebody anyone anything "
    "everyone everything nobody nothing you we they it he she i this that these those to not".split()
)
#: Words that end a phrasal verb: "carry out", "set up", "work on", "look after".
_PARTICLES = frozenset("out up off on in down over back away through after about along around into with".split())
#: Past participles in US English that UK readers do not use.
_UK_PARTICIPLES = {"gotten": "got"}
#: Nouns that are already plural, or have no plural a reader would use.
_NO_PLURAL = frozenset(
    "people staff children police cattle money equipment information advice help support care news "
    "furniture research evidence feedback".split()
)


def plural_alternative(alternative: str) -> str:
    """An alternative in the plural, for a plural term: "care agency" -> "care agencies".

    The head of the noun phrase is the last word before the words that
    describe it ("a place to live" -> "places to live", "money you owe" and
    "people involved" stay as they are).  Alternatives that are not noun
    phrases ("what you want to achieve", "someone to speak up for you"), and
    heads that are already plural or have no plural, stay as they are.
    """
    words = alternative.split(" ")
    if not words or not all(words):
        return alternative
    low = [w.lower() for w in words]
    if low[0] in _NOT_NOUN_PHRASE:
        return alternative
    if len(words) > 1 and low[-1] in _PARTICLES:
        return alternative  # a verb with its particle ("carry out", "work on"): not a noun phrase
    drop_article = low[0] in ("a", "an", "one")
    start = 1 if drop_article else 0
    if start >= len(words):
        return alternative
    head = len(words) - 1
    for i in range(start + 1, len(words)):
        w = low[i]
        if w in _AFTER_HEAD or (w.endswith(("ed", "ing")) and len(w) > 4 and i > start):
            head = i - 1
            break
    word = words[head]
    if not word.isalpha() or low[head] in _NO_PLURAL or _is_plural(low[head]):
        return alternative if not drop_article else alternative
    try:
        import lemminflect  # noqa: F401
    except ImportError:  # pragma: no cover
        return alternative
    known = _all_inflections(low[head])
    if known and "NN" not in known and "NNS" not in known:
        return alternative  # not a noun: "help to get back on your feet"
    forms = _inflection(low[head], tag="NNS")
    plural = _PLURALS.get(low[head]) or (forms[0] if forms else "")
    if not plural or plural == low[head]:
        return alternative
    out = words[start:]
    out[head - start] = _same_case(word, plural)
    # "a young person who has left care" -> "young people who have left care"
    rel = head - start + 1
    if rel + 1 < len(out) and out[rel].lower() in ("who", "that", "which"):
        out[rel + 1] = _plural_verb(out[rel + 1])
    if drop_article and words[0][:1].isupper():
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


#: Plurals a reader uses where the dictionary gives another ("persons").
_PLURALS = {"person": "people", "child": "children", "staff member": "staff"}
_PLURAL_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't",
                 "hasn't": "haven't", "doesn't": "don't"}


def _plural_verb(verb: str) -> str:
    """The verb after "who" or "that", for a plural: "has" -> "have", "pays" -> "pay"."""
    low = verb.lower()
    if low in _PLURAL_VERBS:
        return _same_case(verb, _PLURAL_VERBS[low])
    if not low.endswith("s") or not low.isalpha():
        return verb
    from lemminflect import getLemma

    base = getLemma(low, upos="VERB")
    if base and base[0] != low and _all_inflections(base[0], upos="VERB").get("VBZ", ("",))[0] == low:
        return _same_case(verb, base[0])
    return verb


def _is_plural(word: str) -> bool:
    """Is a noun already plural ("results", "people")?"""
    lemmas = _all_lemmas(word, upos="NOUN")
    return bool(lemmas) and word not in lemmas.get("NOUN", (word,))


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def match_case(matched: str, suggestion: str) -> str:
    """A suggestion in the case of the text it replaces: Commence -> Start, COMMENCE -> START."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


# ---------------------------------------------------------------------------
# The trie regex


#: Whitespace between the words of a phrase.  Not the characters that mask
#: markup and the gaps between blocks (``\x1c``-``\x1f``, which Python counts
#: as whitespace): a phrase never runs from a heading into the paragraph after it.
_SPACE = r"[^\S\x1c-\x1f]+"


def _fragment(ch: str) -> str:
    if ch == SEP_OPTIONAL:
        return r"(?:[ \t]*[" + _HYPHENS + r"][ \t]*\n?[ \t]*|" + _SPACE + ")?"
    if ch == SEP_REQUIRED:
        return r"(?:[ \t]*[" + _HYPHENS + r"][ \t]*\n?[ \t]*|" + _SPACE + ")"
    if ch == APOSTROPHE:
        return "['’‘]"
    return re.escape(ch)


def _trie(forms: Iterable[str]) -> dict:
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _build(node: dict) -> str:
    end = "" in node
    branches = [(_fragment(ch) + _build(child)) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    if len(branches) == 1 and not end:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if end else body


def trie_pattern(forms: Iterable[str]) -> str:
    """A regular expression matching any of ``forms``, built as a trie.

    Python's ``re`` tries alternatives one after another; sharing prefixes
    means only one branch is tried per character, so a list of thousands of
    forms costs about as much to scan as one.
    """
    return _build(_trie(forms))


def compile_forms(forms: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all forms, matching whole words only, in LOWER-CASE text.

    Use it on :func:`lower_same_length` text.  The check that a match starts a
    word (no letter or hyphen before it) sits inside each first-level branch,
    after the first letter, so the pattern starts with a plain choice of
    letters: ``re`` then skips quickly to places that start with one of them,
    about twice as fast as a pattern that starts with the check.
    """
    trie = _trie(forms)
    if not trie:
        return re.compile(r"(?!x)x")
    # A letter, a hyphen, or "*" (emphasis inside a word: "un**commence**d"
    # is one word) before or after a form means it is part of a longer word.
    before = r"[\w*" + _HYPHENS + r"]"
    top = []
    for ch, child in sorted(trie.items()):
        if ch == "":
            continue
        first = _fragment(ch)
        rest = _build(child)
        if "" in child and rest:
            rest = f"(?:{rest})?" if not rest.endswith("?") else rest
        top.append(f"{first}(?<!{before}{first})" + rest)
    return re.compile("(?:" + "|".join(top) + r")(?![\w*]|[" + _HYPHENS + r"]\w)")


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every character at its offset.

    A few characters lower-case to two ("İ"); those are left as they are, so
    offsets found in the lower-case text are offsets in the original.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# ---------------------------------------------------------------------------
# Compiling only what a text needs

_SQUASH = re.compile(r"[\s" + _HYPHENS + r"\x1f]+")


def squash(text: str) -> str:
    """Lower case, with spaces and hyphens removed: the text every form is looked for in."""
    return _SQUASH.sub("", _APOS.sub("'", text.lower()))


def _squashed_form(form: str) -> str:
    return form.replace(SEP_OPTIONAL, "").replace(SEP_REQUIRED, "").replace(APOSTROPHE, "'")


class FormSet:
    """The forms of many items (terms or phrases), compiled into one pattern.

    Compiling a pattern for hundreds of terms takes a tenth of a second or
    more, which matters when a writer checks one small file.  So for a small
    text, only the items with a form that occurs in the text (a fast
    substring test on the text without spaces or hyphens) are compiled
    (memoised); a large text gets the full pattern, compiled once.

    A form can only match where its letters are in the text, in order, once
    spaces and hyphens are taken out, so the pattern of those items finds what
    the full pattern finds.  For a short text, the items are found by looking up
    each piece of the text of a length some form has (:meth:`_chosen`), not by
    testing each item's forms: a list of 50,000 words has 200,000 forms.
    """

    SMALL_TEXT = 50_000  # characters
    SHARE = 0.3  # above this share of items, compile them all
    #: A text this short always gets the pattern of its own items (``words check`` checks each
    #: term and alternative of a long list on its own: compiling the full pattern takes seconds).
    TINY_TEXT = 200

    def __init__(self, forms_per_item: list[list[str]]) -> None:
        self.forms = forms_per_item
        self._squashed: list[list[str]] | None = None
        self._index: dict[str, list[int]] | None = None
        self._lengths: list[int] = []
        self._count = 0
        self._full: re.Pattern[str] | None = None
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._texts = 0

    @property
    def squashed(self) -> list[list[str]]:
        """Each item's forms as :func:`squash` writes them (without spaces, hyphens and marks)."""
        if self._squashed is None:
            self._squashed = [sorted({_squashed_form(f) for f in forms}) for forms in self.forms]
        return self._squashed

    def _chosen(self, flat: str) -> tuple[int, ...]:
        """The items with a form in ``flat`` (a :func:`squash` text), in order."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, forms in enumerate(self.squashed):
                for f in forms:
                    got = index.setdefault(f, [])
                    if not got or got[-1] != i:
                        got.append(i)
            self._index = index
            self._lengths = sorted({len(f) for f in index if f})
            self._count = sum(map(len, self.squashed))
        if len(flat) * len(self._lengths) > self._count:
            # a long text: testing each form costs less than looking up each piece of the text
            return tuple(i for i, forms in enumerate(self.squashed) if any(f in flat for f in forms))
        index, found = self._index, set()
        if "" in index:
            found.update(index[""])
        n = len(flat)
        for length in self._lengths:
            if length > n:
                break
            for start in range(n - length + 1):
                got = index.get(flat[start:start + length])
                if got is not None:
                    found.update(got)
        return tuple(sorted(found))

    def might_match(self, text: str) -> bool:
        """Whether a form of some item may be in ``text``: False means the pattern finds nothing in it."""
        return bool(self._chosen(squash(text)))

    def full(self) -> re.Pattern[str]:
        if self._full is None:
            with paused_gc():  # (compiling a pattern for a long list makes many objects: see paused_gc)
                self._full = compile_forms([f for forms in self.forms for f in forms])
        return self._full

    #: After this many small texts, a run is clearly a long one: compile everything once.
    MAX_SUBSETS = 3

    def for_text(self, text: str) -> re.Pattern[str]:
        tiny = len(text) <= self.TINY_TEXT
        if self._full is not None or (not tiny and (len(text) > self.SMALL_TEXT or self._texts >= self.MAX_SUBSETS)):
            return self.full()
        if not tiny:
            self._texts += 1
        chosen = self._chosen(squash(text))
        if len(chosen) > len(self.forms) * self.SHARE:
            return self.full()
        pattern = self._subsets.get(chosen)
        if pattern is None:
            if len(self._subsets) > 4096:
                self._subsets.clear()
            pattern = compile_forms([f for i in chosen for f in self.forms[i]])
            self._subsets[chosen] = pattern
        return pattern
