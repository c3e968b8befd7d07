"""The CMU Pronouncing Dictionary, shipped inside speakeasy and read offline.

The dictionary is ``speakeasy/data/cmudict/cmudict.dict`` (BSD-style
licence, copied verbatim).  Parsing its 135k lines takes ~0.45 s, so
look-ups go through ``syllable_table.txt``, a sorted
``WORD SYLLABLES OFFSET`` table derived from it by
``scripts/build_syllable_table.py``.  We read that file into one string on
first use (~2 ms) and binary-search it in place: no per-word parsing or
indexing at start-up.  ``OFFSET`` points back into the verbatim
``cmudict.dict`` so full pronunciations are read only for the words
textstat actually asks about.

* :func:`cmu_count`: the syllables of a word's first pronunciation;
* :func:`dictionary_syllables`: whether a word is in the dictionary, and its syllables;
* :func:`cmudict_offline`: the dictionary in the shape textstat expects
  (``word -> [[phone, ...], ...]``).

:mod:`speakeasy.syllables` counts syllables with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

_DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cmudict")
_TABLE_PATH = os.path.join(_DATA_DIR, "syllable_table.txt")
_DICT_PATH = os.path.join(_DATA_DIR, "cmudict.dict")
_TABLE_FORMAT = "format 1."


class SyllableDataError(RuntimeError):
    """The shipped syllable data is missing, stale or inconsistent."""


# --------------------------------------------------------------------------
# The sorted table, searched in place.
# --------------------------------------------------------------------------


class Table:
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


_table: Table | None = None


def get_table() -> Table:
    global _table
    table = _table
    if table is None:
        # Two threads may both load it; they build equal objects and the
        # assignment is atomic, so no lock is needed.
        table = _table = Table(_TABLE_PATH)
    return table


#: After this many look-ups a run is a long one: read the whole table into a
#: dict once (about 0.1 s) instead of binary-searching it for every new word.
_SEARCHES_BEFORE_DICT = 4000
_searches = 0
_counts: dict[str, int] | None = None


def _load_counts(table: Table) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in table.text[table.body :].splitlines():
        word, number, _ = line.split(" ", 2)
        counts[word] = int(number)
    return counts


def cmu_count(word: str) -> int | None:
    """Syllables in CMU's first pronunciation of ``word``, or None if absent."""
    global _searches, _counts
    if _counts is not None:
        return _counts.get(word)
    _searches += 1
    if _searches > _SEARCHES_BEFORE_DICT:
        _counts = _load_counts(get_table())
        return _counts.get(word)
    line = get_table().find(word)
    if line is None:
        return None
    return int(line.split(" ", 2)[1])


def dictionary_syllables(word: str) -> int | None:
    """Syllables of ``word`` in the CMU dictionary, or None when it is not there.

    Other rules use this to tell an English word in capitals ("NOTE") from an
    acronym ("CQC").
    """
    return cmu_count(word.lower())


_dict_text: str | None = None


def _get_dict_text(table: Table) -> str:
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
        table = get_table()
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
        return isinstance(word, str) and get_table().find(word) is not None

    def __len__(self) -> int:
        return get_table().entries

    def __iter__(self) -> Iterator[str]:
        return get_table().words()

    def __repr__(self) -> str:
        return f"<OfflineCmudict: {_DICT_PATH}>"


_OFFLINE = OfflineCmudict()


def cmudict_offline() -> Mapping[str, list[list[str]]]:
    """Return the shipped CMU dictionary (one shared, lazily read instance)."""
    return _OFFLINE
