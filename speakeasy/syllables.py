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

import os
import re
import sys
import threading
from collections.abc import Iterator, Mapping
from functools import lru_cache

__all__ = ["OfflineCmudict", "cmudict_offline", "dictionary_syllables", "syllables", "use_offline_cmudict"]

_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cmudict")
_TABLE_PATH = os.path.join(_DATA_DIR, "syllable_table.txt")
_DICT_PATH = os.path.join(_DATA_DIR, "cmudict.dict")
_TABLE_FORMAT = "format 1."
_PYPHEN_LANG = "en_US"  # textstat's default language; its Pyphen for English
_CACHE_SIZE = 1 << 17  # distinct input strings remembered by syllables()


class SyllableDataError(RuntimeError):
    """The shipped syllable data is missing, stale or inconsistent."""


# --------------------------------------------------------------------------
# The sorted table, searched in place.
# --------------------------------------------------------------------------


class _Table:
    """``syllable_table.txt`` held as one string: sorted ``WORD N OFFSET`` lines."""

    __slots__ = ("text", "body", "entries", "source_bytes", "source_sha256")

    def __init__(self, path: str) -> None:
        try:
            with open(path, encoding="ascii") as handle:
                text = handle.read()
        except OSError as exc:
            raise SyllableDataError(
                f"speakeasy's syllable table is missing ({path}); "
                "rebuild it with scripts/build_syllable_table.py"
            ) from exc
        if not text.startswith("#") or _TABLE_FORMAT not in text[: text.find("\n")]:
            raise SyllableDataError(
                f"{path} is not a speakeasy syllable table ({_TABLE_FORMAT!r}); "
                "rebuild it with scripts/build_syllable_table.py"
            )
        header: dict[str, str] = {}
        pos = 0
        while text.startswith("#", pos):
            end = text.index("\n", pos)
            key, sep, value = text[pos + 1 : end].partition(":")
            if sep:
                header[key.strip()] = value.strip()
            pos = end + 1
        self.text = text
        self.body = pos  # offset of the first data line
        try:
            self.entries = int(header["entries"])
            self.source_bytes = int(header["source-bytes"])
            self.source_sha256 = header["source-sha256"]
        except (KeyError, ValueError) as exc:
            raise SyllableDataError(f"{path}: damaged header ({exc})") from exc

    def find(self, word: str) -> str | None:
        """Return the table line for ``word`` (exact, lower-case) or None.

        Binary search over character positions: each probe moves to the start
        of the line containing the midpoint and compares that line's word.
        Every ``lo`` is a line start preceded by a newline, so the ``rfind``
        below always finds one.
        """
        if not word or " " in word or "\n" in word:
            return None
        text = self.text
        lo, hi = self.body, len(text)
        while lo < hi:
            mid = (lo + hi) // 2
            start = text.rfind("\n", lo - 1, mid) + 1
            end = text.find("\n", start)
            key = text[start : text.find(" ", start, end)]
            if key < word:
                lo = end + 1
            elif key > word:
                hi = start
            else:
                return text[start:end]
        return None

    def words(self) -> Iterator[str]:
        text = self.text
        pos, stop = self.body, len(text)
        while pos < stop:
            end = text.find("\n", pos)
            yield text[pos : text.find(" ", pos, end)]
            pos = end + 1


_table: _Table | None = None


def _get_table() -> _Table:
    global _table
    table = _table
    if table is None:
        # Two threads may both load it; they build equal objects and the
        # assignment is atomic, so no lock is needed.
        table = _table = _Table(_TABLE_PATH)
    return table


#: After this many look-ups a run is a long one: read the whole table into a
#: dict once (about 0.1 s) instead of binary-searching it for every new word.
_SEARCHES_BEFORE_DICT = 4000
_searches = 0
_counts: dict[str, int] | None = None


def _load_counts(table: _Table) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in table.text[table.body :].splitlines():
        word, number, _ = line.split(" ", 2)
        counts[word] = int(number)
    return counts


def _cmu_count(word: str) -> int | None:
    """Syllables in CMU's first pronunciation of ``word``, or None if absent."""
    global _searches, _counts
    if _counts is not None:
        return _counts.get(word)
    _searches += 1
    if _searches > _SEARCHES_BEFORE_DICT:
        _counts = _load_counts(_get_table())
        return _counts.get(word)
    line = _get_table().find(word)
    if line is None:
        return None
    return int(line.split(" ", 2)[1])


def dictionary_syllables(word: str) -> int | None:
    """Syllables of ``word`` in the CMU dictionary, or None when it is not there.

    Other rules use this to tell an English word in capitals ("NOTE") from an
    acronym ("CQC").
    """
    return _cmu_count(word.lower())


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

_pyphen = None


def _preload_pyphen_patterns() -> None:
    """Give Pyphen its parsed English patterns from speakeasy's disk cache.

    Parsing ``hyph_en_US.dic`` takes about 0.1 s, a tenth of the time to
    check one small file.  The parsed patterns are cached (keyed by the
    dictionary file's content and pyphen's version) and put where Pyphen
    looks first, its ``hdcache``.  If anything about pyphen differs from
    what we expect, Pyphen simply parses the file itself.
    """
    try:
        import hashlib

        import pyphen

        from .io.diskcache import load as _cache_load
        from .io.diskcache import store as _cache_store

        path = pyphen.LANGUAGES[pyphen.language_fallback(_PYPHEN_LANG)]
        if path in pyphen.hdcache:
            return
        data = path.read_bytes()
        version = getattr(pyphen, "VERSION", getattr(pyphen, "__version__", "?"))
        key = "pyphen-" + hashlib.sha256(data + f"|{version}".encode()).hexdigest()[:32]
        cached = _cache_load(key, _decode_hyphdict)  # plain data, never a pickle (see speakeasy.cachefile)
        if isinstance(cached, pyphen.HyphDict):
            pyphen.hdcache[path] = cached
            return
        hd = pyphen.HyphDict(path)
        pyphen.hdcache[path] = hd
        _cache_store(key, hd, _encode_hyphdict, _decode_hyphdict)
    except Exception:  # noqa: BLE001 - an optimisation only; Pyphen will parse the file
        return


def _encode_hyphdict(hd: object) -> list:
    """Pyphen's parsed patterns as plain data: [patterns, starts, values as digit strings].

    Only the attributes Pyphen 0.x sets are kept; anything else (alternative hyphenations, new attributes)
    raises, and the patterns are parsed each time instead of cached.
    """
    attrs = vars(hd)
    if set(attrs) != {"patterns", "cache", "maxlen"}:
        raise TypeError("pyphen.HyphDict has changed")
    keys, starts, values = [], [], []
    for pattern, (start, digits) in attrs["patterns"].items():
        if not all(type(d) is int and 0 <= d <= 9 for d in digits):
            raise TypeError("not a plain pattern")
        keys.append(pattern)
        starts.append(start)
        values.append("".join(map(str, digits)))
    return [keys, starts, values]


def _decode_hyphdict(value: object) -> object:
    import pyphen

    from .cachefile import check

    check(type(value) is list and len(value) == 3)
    keys, starts, values = value
    check(type(keys) is list and type(starts) is list and type(values) is list
          and len(keys) == len(starts) == len(values) > 0)
    "".join(keys), "".join(values), bytes(starts)  # TypeError or ValueError unless strings, and small numbers
    known = {digits: tuple(map(int, digits)) for digits in set(values)}
    check(all(digits.isdigit() and digits.isascii() for digits in known))
    patterns = {key: (start, known[digits]) for key, start, digits in zip(keys, starts, values)}
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hd.patterns = patterns
    hd.cache = {}
    hd.maxlen = max(len(key) for key in patterns)
    return hd


def _pyphen_positions(word: str) -> list[int]:
    global _pyphen
    if _pyphen is None:
        _preload_pyphen_patterns()
        from pyphen import Pyphen  # the same patterns, and the same object, textstat's count_syllables uses

        _pyphen = Pyphen(lang=_PYPHEN_LANG)
    return _pyphen.positions(word)


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
# The dictionary in textstat's shape.
# --------------------------------------------------------------------------

_dict_text: str | None = None


def _get_dict_text(table: _Table) -> str:
    global _dict_text
    text = _dict_text
    if text is None:
        try:
            with open(_DICT_PATH, encoding="ascii") as handle:
                text = handle.read()
        except OSError as exc:
            raise SyllableDataError(f"the CMU dictionary is missing ({_DICT_PATH})") from exc
        if len(text) != table.source_bytes:
            raise SyllableDataError(
                f"{_DICT_PATH} ({len(text)} bytes) does not match syllable_table.txt "
                f"(built from {table.source_bytes} bytes); rebuild the table with "
                "scripts/build_syllable_table.py"
            )
        _dict_text = text
    return text


class OfflineCmudict(Mapping[str, "list[list[str]]"]):
    """Read-only ``word -> [[phone, ...], ...]`` view of the shipped CMUdict.

    Same shape as ``nltk.corpus.cmudict.dict()``: pronunciations in file
    order (``word``, ``word(2)``, ...), comments dropped. Entries are read
    from ``cmudict.dict`` on first access and then kept; treat the returned
    lists as read-only. Iteration is in sorted order.
    """

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[str, list[list[str]]] = {}

    def __getitem__(self, word: str) -> list[list[str]]:
        try:
            return self._cache[word]
        except (KeyError, TypeError):
            pass
        if not isinstance(word, str):
            raise KeyError(word)
        table = _get_table()
        line = table.find(word)
        if line is None:
            raise KeyError(word)
        offset = int(line.rsplit(" ", 1)[1])
        pronunciations = self._read(_get_dict_text(table), word, offset)
        self._cache[word] = pronunciations
        return pronunciations

    @staticmethod
    def _read(text: str, word: str, offset: int) -> list[list[str]]:
        variant = word + "("
        pronunciations: list[list[str]] = []
        pos = offset
        while pos < len(text):
            end = text.find("\n", pos)
            name, _, phones = text[pos:end].partition(" ")
            if name != word and not (
                pronunciations and name.startswith(variant) and name.endswith(")")
            ):
                break
            pronunciations.append(phones.split("#", 1)[0].split())
            pos = end + 1
        if not pronunciations:
            raise SyllableDataError(
                f"cmudict.dict has no entry for {word!r} at byte {offset}; "
                "rebuild syllable_table.txt with scripts/build_syllable_table.py"
            )
        return pronunciations

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and _get_table().find(word) is not None

    def __len__(self) -> int:
        return _get_table().entries

    def __iter__(self) -> Iterator[str]:
        return _get_table().words()

    def __repr__(self) -> str:
        return f"<OfflineCmudict: {_DICT_PATH}>"


_OFFLINE = OfflineCmudict()


def cmudict_offline() -> Mapping[str, list[list[str]]]:
    """Return the shipped CMU dictionary (one shared, lazily read instance)."""
    return _OFFLINE


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
        return _OFFLINE
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
