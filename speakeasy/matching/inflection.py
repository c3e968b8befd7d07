"""lemminflect, remembered, and its model of the words it does not know, run on many words at once.

A long list asks lemminflect about the same words many times (every term's
last word, every alternative for every form).  Each of its answers is a deep
copy of its table, so the answers are remembered here, and a lower-case word
is looked up in lemminflect's tables directly (the same answer, without the
copies).  The answers are shared: callers must not change them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from .basics import MODALS, VERB_TAGS


def lemminflect_version() -> str:
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


def dictionary_lemmas() -> list[str] | None:
    """The lower-case words lemminflect's dictionary (and its overrides) inflects, or None if its tables
    cannot be reached."""
    tables = _lemminflect_tables()
    if tables is None:
        return None
    return sorted(lemma for lemma in set(tables[0]) | set(tables[1]) if lemma == lemma.lower())


@lru_cache(maxsize=200_000)
def all_inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
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
def inflection_for(lemma: str, tag: str) -> tuple[str, ...]:
    """``lemminflect.getInflection(lemma, tag=tag)``, remembered."""
    from lemminflect import getInflection as get

    return tuple(get(lemma, tag=tag))


@lru_cache(maxsize=200_000)
def all_lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """``lemminflect.getAllLemmas(word, upos)``, remembered (do not change the answer)."""
    from lemminflect import getAllLemmas as get

    return get(word, upos)


def word_inflections(word: str, want_verb: bool, want_noun: bool) -> dict[str, set[str]]:
    """tag -> forms of a single word (letters only)."""
    out: dict[str, set[str]] = {}
    low = word.lower()
    if low in MODALS:
        return out
    known = all_inflections(low)
    if want_verb:
        verb = all_inflections(low, upos="VERB") or (
            _oov_inflections(low, upos="VERB") if not known and not low.endswith(("ing", "ed")) else {}
        )
        if "VBD" in verb and "VBN" not in verb:
            verb = dict(verb, VBN=verb["VBD"])  # the dictionary leaves out a past participle like the past tense
        for tag in VERB_TAGS:
            for form in verb.get(tag, ()):
                out.setdefault(tag, set()).add(form)
    if want_noun:
        # A word the dictionary knows only as a verb ("utilise") has no plural.
        noun = all_inflections(low, upos="NOUN") or (
            _oov_inflections(low, upos="NOUN") if not known else {}
        )
        for form in noun.get("NNS", ()):
            if form != low:
                out.setdefault("NNS", set()).add(form)
    return out
