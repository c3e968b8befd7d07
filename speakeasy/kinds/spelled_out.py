"""Spelled out before: the words an acronym stands for, earlier in the document, with or without brackets.

"Contact the Environment Agency ... the EA will reply": see
:func:`spelled_out_before`, and the notes in :mod:`speakeasy.kinds.acronym`.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator

from .capitals import SPACE

#: Spelled out right after: "CQC (Care Quality Commission)", "CQC: the ...", "CQC means ...".
DEFINED_AFTER = re.compile(
    r"\s*(?:\(\s*[^()]*?[a-z][^()]*\)|\[\s*[^\[\]]*?[a-z][^\[\]]*\]|:\s+\S|\s+means\b|\s+stands\s+for\b|\s+[–—-]\s+\S)")
#: Spelled out right before, in brackets: "Care Quality Commission (CQC)".
IN_BRACKETS = re.compile(r"\(\s*$")

# -- spelled out without brackets -----------------------------------------------------------------

#: Little words that a run of words may skip ("Department for Transport" is DfT).
CONNECTORS = ("of", "for", "and", "the", "in", "on", "to", "at", "by", "with", "a", "an")
#: Words that do not start the words of an acronym in lower case ("must also consider" is not MAC).
_STOPWORDS = (
    "i", "we", "you", "he", "she", "it", "they", "us", "them", "our", "your", "its", "their", "this", "that",
    "these", "those", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done",
    "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not",
    "no", "or", "but", "if", "so", "as", "also", "any", "all", "some", "each", "every", "such", "there",
    "here", "then", "than", "when", "where", "which", "who", "what", "how", "why", "from", "into", "about",
)
_LITTLE = frozenset(CONNECTORS + _STOPWORDS)
_CAPITALS_ONLY = re.compile(r"[A-Z][A-Z0-9&]+")
#: Words in lower case count only this close before the acronym (about three lines).
_PLAIN_WINDOW = 300
#: Two letters match many pairs of words by chance ("Internet Tools" is not IT), so for
#: acronyms of two capitals the words count only this close before (about a page).
_SHORT_WINDOW = 3000
# A word with a capital just before the run, inside a sentence: the run is the end of a longer name.
_TITLE_WORD_BEFORE = re.compile(r"[^\W\d_][\w,;)]*" + SPACE + r"+[A-Z][a-z]+(?:['’][a-z]+)?" + SPACE + "+$")

# A run of words is matched one word at a time, in Python, with the small patterns
# below, each tried at one place with ``pattern.match(text, pos, before)``.  (One
# pattern for the whole run, built for each acronym, needed the list of little words
# again for every letter; compiling those took longer than all the rest of the check.)
# Each piece can go on to the next only one way (a word runs to its end, a gap to the
# next word, and at most one little word fits a place), so following every place the
# next word may start, as _run_from does, finds exactly the runs such a pattern would.

#: The rest of a word after its first letter: letters and digits, with apostrophes
#: inside ("Commissioner's").  It always runs to the end of the word.
_REST = r"[^\W_]*(?:['’][^\W_]+)*"
_WORD_REST = re.compile(_REST)
#: Between two words: spaces, line breaks, commas or dashes, perhaps after an
#: apostrophe ("Users' Group").
_GAP = re.compile(r"['’]?[ \t\n\u00a0,–-]+")
#: The little words a name may skip, in any case ("Department for Transport")...
_NAME_SKIP = re.compile(r"(?:(?i:" + "|".join(CONNECTORS) + r")\b|&)")
#: ...and the only ones words in lower case may skip: "users to reasonably identify" is not URI.
_PLAIN_SKIP = re.compile(r"(?:(?:and|of|for)\b|&)")
#: A little word, in any case: it never gives a capital of the acronym as a word
#: of the run ("must also consider" is not MAC), except as in :data:`_LITTLE_GIVES`.
_LITTLE_WORD = re.compile(r"(?i:" + "|".join(CONNECTORS + _STOPWORDS) + r")\b")
#: In a name, a connector may give a capital that is not the last: "Freedom of Information" is FOI.
_LITTLE_GIVES = {
    letter: re.compile(r"(?i:" + "|".join(c for c in CONNECTORS if c[0] == letter) + r")\b")
    for letter in {c[0] for c in CONNECTORS}
}
#: A word in capitals is an acronym itself, never one of the words.
_CAPITALS_AT = re.compile(r"[A-Z][A-Z0-9&]+(?![\w'’])")
#: The end of the run: no more of the word follows.
_RUN_END = re.compile(r"(?![\w'’])")


class FirstWords:
    """The words in a text that may start a name, for each first letter, found once.

    :func:`spelled_out_before` looks for a name from the start of the
    document for every acronym of three capitals or more.  Scanning the
    whole text again for each (a document with thousands of acronyms) took
    time that grew with the square of its length; with this, each letter's
    words are found once, and each acronym only follows the runs from the
    words that start with its own first letter.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    def words(self, letter: str) -> tuple[list[int], list[tuple[int, int]]]:
        """(starts, (start, end) of each word) for the words that may start a name with ``letter``."""
        got = self._words.get(letter)
        if got is None:
            # Words that can never start a run (little words, words in capitals) are left out
            # here, once.  A word with an apostrophe is always kept: it is the only kind that
            # can run on past an acronym ("Smith'CQC"), and is matched again, cut, there.
            spans = [m.span() for m in _first_words(letter, True).finditer(self.text)
                     if "'" in m.group() or "’" in m.group()
                     or (m.group().lower() not in _LITTLE and not _CAPITALS_ONLY.fullmatch(m.group()))]
            got = self._words[letter] = ([a for a, _ in spans], spans)
        return got


def spelled_out_before(text: str, acronym: str, before: int, first_words: FirstWords | None = None) -> bool:
    """True when the words ``acronym`` stands for come in ``text`` before offset ``before``.

    The first letters of a run of words spell the acronym, in order,
    ignoring case for the letters but not for the words:

    * as a name, each word that gives a capital starts with a capital
      ("Environment Agency" for EA, "Department for Transport" for DfT);
    * in plain words, for acronyms of 3 capitals or more, the words may be
      in lower case ("Domain name service" for DNS), but little words such
      as "must", "also", "the" never give a letter, and only "and", "of",
      "for" and "&" may be skipped.

    See :func:`_run_from` for the words in between.  The run must start the
    name: "Data Protection Impact Assessment" does not spell out PIA.  Two
    letters match many pairs of words by chance, so for them the name must
    come in the 3,000 characters before (about a page); words in lower case
    must come in the 300 characters before.

    Only ``text[:before]`` is searched.
    """
    letters = _letters(acronym)
    if letters is None:
        return False
    # Two letters match many pairs of words by chance; a small letter that is a word of its own
    # ("o" in PoW, "prisoners of war") makes three.
    short = len(letters) < 3
    pos = max(0, before - _SHORT_WINDOW) if short else 0
    if first_words is not None and first_words.text is text:
        if _search_run_indexed(letters, first_words, pos, before):
            return True
    elif _search_run(letters, True, text, pos, before):
        return True
    return not short and _search_run(letters, False, text, max(0, before - _PLAIN_WINDOW), before)


@lru_cache(maxsize=1024)
def _letters(acronym: str) -> str | None:
    """The letters of ``acronym`` that words must give, or None if it cannot be spelled out.

    Digits and "&" give no word.  It needs two capitals or more, and must
    start and end with a capital: lower-case letters ("f" in DfT) may be left
    out, so they cannot mark where the run starts or ends.
    """
    letters = "".join(c for c in acronym if c.isalpha())
    capitals = sum(1 for c in letters if c.isupper())
    if capitals < 2 or not letters[0].isupper() or not letters[-1].isupper():
        return None
    return letters


@lru_cache(maxsize=128)
def _first_words(letter: str, name: bool) -> re.Pattern[str]:
    """The words that may start a run: they start with ``letter`` (a capital in a name), at the start of a word."""
    c = re.escape(letter)
    first = c if name else "[" + c + c.lower() + "]"
    return re.compile(first + r"(?<![\w'’&]" + first + ")" + _REST)


def _search_run(letters: str, name: bool, text: str, pos: int, before: int) -> bool:
    """A run of words in ``text[pos:before]`` that spells ``letters`` and starts a name.

    The first word is not a little word or a word in capitals ("in the" is not
    IT), and has no capitalised word just before it in the same sentence:
    "Data Protection Impact Assessment" does not spell out PIA.
    """
    for m in _first_words(letters[0], name).finditer(text, pos, before):
        first = m.group()
        if (first.lower() not in _LITTLE and not _CAPITALS_ONLY.fullmatch(first)
                and _run_from(text, m.end(), letters[1:], name, before)
                and not _TITLE_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())):
            return True
    return False


def _search_run_indexed(letters: str, first_words: FirstWords, pos: int, before: int) -> bool:
    """:func:`_search_run` for a name, from the words :class:`FirstWords` found: the same answer.

    A word found in the whole text that starts in ``[pos, before)`` is the
    word a search of that part finds, unless it runs on past ``before``
    (only "Smith'" just before the acronym can): that one is matched again
    within the bounds.
    """
    text = first_words.text
    starts, spans = first_words.words(letters[0])
    pattern = _first_words(letters[0], True)
    for k in range(bisect.bisect_left(starts, pos), bisect.bisect_left(starts, before)):
        a, b = spans[k]
        if b > before:
            m = pattern.match(text, a, before)
            if m is None:
                continue
            a, b = m.span()
        first = text[a:b]
        if (first.lower() not in _LITTLE and not _CAPITALS_ONLY.fullmatch(first)
                and _run_from(text, b, letters[1:], True, before)
                and not _TITLE_WORD_BEFORE.search(text, max(0, a - 40), a)):
            return True
    return False


def _run_from(text: str, pos: int, letters: str, name: bool, before: int) -> bool:
    """The words after the first one, from ``pos``, give ``letters`` and the run ends there.

    Each capital is the first letter of the next word, in order, ignoring case
    in plain words.  That word is not a little word ("of", "must") and not a
    word in capitals.  Little words may be skipped before it: in a name "of",
    "for", "and", "the", "in", "on", "to", "at", "by", "with", "a", "an" and
    "&", in any case; in plain words only "and", "of", "for" and "&".  In a
    name, a connector may itself give a capital that is not the last ("Freedom
    of Information" for FOI).

    A lower-case letter ("f" in DfT, "o" in MoJ) may be left out, or come
    from the next word in either case, little or not ("Department for
    Transport"), again perhaps after skipped little words.

    The letters are ASCII (from :data:`speakeasy.kinds.capitals.ACRONYM`).  Every way of reading the
    words is tried: ``ends`` holds where the words read so far may end.
    """
    skip = _NAME_SKIP if name else _PLAIN_SKIP
    last = len(letters) - 1
    ends = {pos}
    for i, letter in enumerate(letters):
        lower = letter.islower()
        little = _LITTLE_GIVES.get(letter.lower()) if name and not lower and i < last else None
        found = set(ends) if lower else set()
        for p in ends:
            for q in _next_words(text, p, before, skip):
                end = _word_giving(text, q, before, letter, name, little)
                if end is not None:
                    found.add(end)
        if not found:
            return False
        ends = found
    return any(_RUN_END.match(text, p, before) for p in ends)


def _next_words(text: str, pos: int, before: int, skip: re.Pattern[str]) -> Iterator[int]:
    """Where the next word may start after ``pos``: after the gap, and after each little word skipped."""
    gap = _GAP.match(text, pos, before)
    while gap is not None:
        yield gap.end()
        little = skip.match(text, gap.end(), before)
        if little is None:
            return
        gap = _GAP.match(text, little.end(), before)


def _word_giving(text: str, pos: int, before: int, letter: str, name: bool,
                 little: re.Pattern[str] | None) -> int | None:
    """The end of the word at ``pos`` if it gives ``letter`` (see :func:`_run_from`), else None."""
    if pos >= before:
        return None
    c = text[pos]
    if letter.islower():
        if c != letter and c != letter.upper():
            return None
    else:
        if little is not None:
            m = little.match(text, pos, before)
            if m is not None:
                return m.end()
        if (c != letter and (name or c != letter.lower())) or _LITTLE_WORD.match(text, pos, before) \
                or _CAPITALS_AT.match(text, pos, before):
            return None
    return _WORD_REST.match(text, pos + 1, before).end()
