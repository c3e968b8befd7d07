"""Syllable counts for readability scores, fully offline.

speakeasy's readability scores (Flesch reading ease and friends) need
syllable counts. textstat counts them with the CMU Pronouncing Dictionary,
which it fetches through nltk -- and downloads from the internet if it is
missing. That fails without a network, and importing nltk costs about 0.3 s.
This module ships the dictionary inside speakeasy instead
(``speakeasy/data/cmudict/``, BSD-style licence, copied verbatim) and:

* :func:`syllables` counts one word from the shipped data directly, with the
  same rules as textstat (CMU first pronunciation, else Pyphen);
* :func:`cmudict_offline` exposes the shipped dictionary in the shape textstat
  expects (``word -> [[phone, ...], ...]``);
* :func:`use_offline_cmudict` points textstat at it, so ``textstat.*`` never
  calls ``nltk.download``.

The dictionary is read in :mod:`speakeasy.cmudict`, and Pyphen's patterns
are loaded (through the disk cache) in :mod:`speakeasy.hyphenation`; this
module counts with them and makes textstat use them.

Speed. Parsing the 135k-line ``cmudict.dict`` takes ~0.45 s, so lookups go
through ``syllable_table.txt``, a sorted ``WORD SYLLABLES OFFSET`` table
derived from it by ``scripts/build_syllable_table.py``. We read that file
into one string on first use (~2 ms) and binary-search it in place: no
per-word parsing or indexing at start-up. ``OFFSET`` points back into the
verbatim ``cmudict.dict`` so full pronunciations are read only for the words
textstat actually asks about. Results of :func:`syllables` are cached per
input string, because prose repeats words.

Word rules of :func:`syllables` (case-insensitive):

* no letters and no digits (``""``, ``"—"``, ``"..."``) -> 0;
* the word as given (lower-cased, curly apostrophes made straight) is looked
  up first, so ``"don't"``, ``"'cause"``, ``"a.m."`` and CMU's own hyphenated
  entries (``"able-bodied"``) use their dictionary pronunciation;
* then with surrounding punctuation stripped (``"(hello),"`` -> ``hello``);
* otherwise words joined by hyphens, dashes, slashes or whitespace count as
  the sum of their parts (``"co-production"`` = co + production = 4,
  ``"and/or"`` = 2);
* words not in the dictionary fall back to textstat's own rule:
  punctuation removed the way textstat removes it, then
  ``len(pyphen.positions(word)) + 1`` with Pyphen's ``en_US`` patterns, the
  ones textstat uses. Pyphen is used directly: counting never imports textstat.

Numbers written in digits use that same fallback, as textstat does: Pyphen's
English patterns never split digits, so ``"2024"``, ``"1,000"``, ``"£5.50"``
and ``"3rd"`` each count as 1 syllable. We keep this deliberately: it keeps
our per-word counts equal to the totals textstat uses in its formulas, and
plain-language style guides (GOV.UK among them) tell writers to use numerals
because readers take them in at a glance -- spelling them out for counting
("two thousand and twenty-four", 7 syllables) would penalise good practice.

CMU lists a few interjections with no vowel phone (``hmm``, ``shh``,
``mm``): they count 0, exactly as in textstat.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Mapping
from functools import lru_cache

from .cmudict import (  # noqa: F401 - (OfflineCmudict and dictionary_syllables are found here too, as before)
    OfflineCmudict,
    SyllableDataError,
    cmudict_offline,
    dictionary_syllables,
)
from .cmudict import cmu_count as _cmu_count
from .hyphenation import pyphen_positions as _pyphen_positions

__all__ = ["OfflineCmudict", "cmudict_offline", "dictionary_syllables", "syllables", "use_offline_cmudict"]

_CACHE_SIZE = 1 << 17  # distinct input strings remembered by syllables()


# --------------------------------------------------------------------------
# syllables()
# --------------------------------------------------------------------------

# Curly and other apostrophe look-alikes found in prose -> ASCII apostrophe.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_HAS_ALNUM = re.compile(r"[^\W_]")  # a letter or a digit, any script
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")  # punctuation around a word
# Hyphen-minus, Unicode hyphens and dashes (U+2010-2015), minus sign, slash.
_JOINERS = re.compile(r"[\s\-\u2010-\u2015\u2212/]+")
# textstat's remove_punctuation(text, rm_apostrophe=False), which its
# count_syllables applies before looking a word up: drop apostrophes that do
# not start a contraction ending, then everything but \w, whitespace and '.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")


def _count_simple(word: str) -> int:
    """Count a lower-cased word that is not split further."""
    if not _HAS_ALNUM.search(word):
        return 0
    count = _cmu_count(word)
    if count is not None:
        return count
    core = _EDGE_PUNCT.sub("", word)
    if core != word:
        count = _cmu_count(core)
        if count is not None:
            return count
    return _fallback(core)


def _fallback(word: str) -> int:
    """textstat's treatment of a word: its punctuation removal, CMU, Pyphen."""
    stripped = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", word))
    if not stripped:
        return 0
    if stripped != word:
        count = _cmu_count(stripped)
        if count is not None:
            return count
    return len(_pyphen_positions(stripped)) + 1


@lru_cache(maxsize=_CACHE_SIZE)
def syllables(word: str) -> int:
    """Return the number of syllables in ``word`` (see the module docstring).

    >>> syllables("Beautiful"), syllables("co-production"), syllables("—")
    (3, 4, 0)
    """
    word = word.lower().translate(_APOSTROPHES)
    if not _HAS_ALNUM.search(word):
        return 0
    count = _cmu_count(word)  # as given: "don't", "a.m.", "able-bodied"
    if count is not None:
        return count
    core = _EDGE_PUNCT.sub("", word)
    if core != word:
        count = _cmu_count(core)
        if count is not None:
            return count
    parts = [part for part in _JOINERS.split(core) if part]
    if len(parts) > 1:
        return sum(_count_simple(part) for part in parts)
    return _fallback(core)


# --------------------------------------------------------------------------

# --------------------------------------------------------------------------
# Making textstat use it.
# --------------------------------------------------------------------------


class _LazyNltkFinder:
    """One-shot meta-path finder that gives ``import nltk`` a lazy module.

    Why: ``import textstat`` runs ``import nltk`` (in
    ``textstat/backend/utils/_get_cmudict.py``), which executes all of nltk
    -- about 0.3 s, half of speakeasy's start-up budget -- although with the
    offline dictionary textstat never uses it. We want the standard library's
    ``importlib.util.LazyLoader`` (the "Implementing lazy imports" recipe in
    the importlib docs): the module object exists, and nltk's code runs only
    if someone touches one of its attributes.

    The recipe's usual form -- create the lazy module and put it in
    ``sys.modules`` before ``import textstat`` -- does not work before Python
    3.14: when ``import nltk`` finds a module already in ``sys.modules`` it
    reads ``module.__spec__`` to check it is initialised, and on a lazy
    module any attribute read triggers the real load (CPython issue
    gh-127036). So the recipe runs inside the import system instead: this
    finder answers only the first lookup of ``nltk``, wraps the real loader
    in ``LazyLoader``, and removes itself. Later ``import nltk`` statements
    in other code (on Python < 3.14) or any attribute access load nltk for
    real, which is what such code wants.

    textstat declares nltk as a dependency, so it is always installed when
    textstat is; if it were not, ``find_spec`` returns None and the import
    fails with the usual ModuleNotFoundError.
    """

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001
        if fullname != "nltk":
            return None
        self.remove()
        import importlib.util

        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return None
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec

    def remove(self) -> None:
        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass


_textstat_lock = threading.RLock()


def _import_textstat():
    """Import textstat without executing nltk (if nltk is not loaded yet)."""
    textstat = sys.modules.get("textstat")
    if textstat is not None:
        return textstat
    with _textstat_lock:
        finder = None
        if "nltk" not in sys.modules:
            finder = _LazyNltkFinder()
            sys.meta_path.insert(0, finder)
        try:
            import textstat
        except ModuleNotFoundError as exc:
            if exc.name != "nltk":
                raise
            raise ModuleNotFoundError(
                "textstat imports nltk (a declared dependency of textstat), so nltk "
                "must be installed, although speakeasy never loads it; reinstall textstat",
                name="nltk",
            ) from exc
        finally:
            if finder is not None:
                finder.remove()
    return textstat


def _offline_get_cmudict(lang: str) -> Mapping[str, list[list[str]]] | None:
    """Replacement for textstat's ``get_cmudict``: English only, as there."""
    if lang.split("_")[0] == "en":  # textstat's get_lang_root
        return cmudict_offline()
    return None


_patched = False

_PATCH_TARGETS = (
    # Where textstat 0.7.x defines get_cmudict, and where count_syllables
    # uses it (bound by ``from ..utils._get_cmudict import get_cmudict``).
    "textstat.backend.utils._get_cmudict",
    "textstat.backend.counts._count_syllables",
)


def _unsupported(reason: str) -> SyllableDataError:
    import importlib.metadata

    try:
        version = importlib.metadata.version("textstat")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        version = "unknown"
    return SyllableDataError(
        f"speakeasy cannot make textstat {version} use its offline CMU dictionary: "
        f"{reason}. Without this textstat would try to download 'cmudict' via nltk. "
        "speakeasy.syllables.use_offline_cmudict() supports textstat 0.7.x; "
        "update it for this textstat version."
    )


def use_offline_cmudict() -> None:
    """Make textstat look words up in :func:`cmudict_offline`, never nltk.

    Idempotent and thread-safe. Raises :class:`SyllableDataError` (a
    RuntimeError) if textstat's internals are not where expected, rather than
    leaving textstat free to call ``nltk.download``.
    """
    global _patched
    if _patched:
        return
    with _textstat_lock:
        if _patched:
            return
        import importlib

        _import_textstat()
        modules = []
        for name in _PATCH_TARGETS:
            try:
                module = importlib.import_module(name)
            except ImportError as exc:
                raise _unsupported(f"module {name} is missing") from exc
            if not callable(getattr(module, "get_cmudict", None)):
                raise _unsupported(f"{name}.get_cmudict is missing")
            modules.append(module)
        definer, user = modules
        original = definer.get_cmudict
        count_syllables = getattr(user, "count_syllables", None)
        function = count_syllables
        while hasattr(function, "__wrapped__"):  # through textstat's lru_cache
            function = function.__wrapped__
        code = getattr(function, "__code__", None)
        if code is None or "get_cmudict" not in code.co_names:
            raise _unsupported("count_syllables no longer calls get_cmudict")

        # Patch the definition, the user, and any other textstat module that
        # imported the original by name (e.g. the textstat.backend.utils
        # package re-exports it).
        for name, module in list(sys.modules.items()):
            if (name == "textstat" or name.startswith("textstat.")) and getattr(
                module, "get_cmudict", None
            ) in (original, _offline_get_cmudict):
                module.get_cmudict = _offline_get_cmudict
        if user.get_cmudict is not _offline_get_cmudict:  # pragma: no cover
            raise _unsupported("patching count_syllables.get_cmudict had no effect")

        # Forget counts textstat cached before the patch (it caches
        # count_syllables per text).
        cache_clear = getattr(count_syllables, "cache_clear", None)
        if cache_clear is not None:
            cache_clear()
        _patched = True
