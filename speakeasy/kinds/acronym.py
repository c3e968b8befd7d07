"""``acronym``: an acronym used before it is spelled out (CQC, SEND, EHCP).

Spelled out
    An acronym counts as spelled out where it appears in brackets after the
    words ("Care Quality Commission (CQC)"), or is followed by the words in
    brackets ("CQC (Care Quality Commission)"), or is explained with "means"
    or a colon ("CQC: the Care Quality Commission").  It also counts as
    spelled out when the words it stands for come earlier in the document,
    with or without brackets: "Contact the Environment Agency ... the EA will
    reply", or a page headed "Department for Transport" that then says "DfT".
    The words match when their first letters spell the acronym, in order,
    with little words (of, for, and, the, &) skipped or counted (see
    :func:`spelled_out_before`).  Only the first use before it is
    spelled out is reported, once per acronym.

Known to everyone
    Acronyms everyone knows (NHS, UK, GP...) are on an allow-list that each
    organisation can extend (``allow`` in the rule, or ``keep`` in the
    configuration).

Not acronyms
    Some words in capitals are not acronyms, and are never reported:

    * codes with digits: postcodes (SW1A 2AA, NG1), CO2, ISO27017, RFC5936;
      the letters of a postcode typed with the letter O ("SW1H OET");
    * reference codes: letters joined to numbers by "/" or "-" (BIS/14/656,
      DFE-00129-2015), three or more short parts joined by "/", one of them a
      single letter (DVSA/NS/B/Sy),
      letters followed by a code number (DIN 66399, ISBN 9781409841647,
      NAA 15/28, but not a year: "DPA 2018" is still an acronym), and the
      code after "Ref:";
    * "PO Box", and "HM" (His or Her Majesty's: HM Treasury, HM Courts);
    * honours and degrees after a person's name (Jane Smith MBE, FRS, PhD);
    * placeholders: DD/MM/YYYY, XYZ, "<ORGANISATION SHORTNAME>";
    * product names made of a word and capitals (OpenLDAP, WebSEAL);
    * words in capitals (see :func:`word_in_capitals`).

Words that are also acronyms
    IT, US, AIDS, NICE and SEND are real acronyms that are also English
    words.  Context decides:

    * a long word in capitals that is said as a word ("NOTE", "DENY",
      "AIDS") is read as a word;
    * a short everyday word in capitals ("DO", "OR", "GET", "IT", "US") is
      read as a word only next to other words in capitals ("DO NOT",
      "TOP SECRET", "HTTP GET"), joined to one by "/" ("AND/OR"), or on a
      line that is all in capitals ("DO", "DON'T").  In ordinary prose ("the
      IT team", "the US") it is read as an acronym;
    * acronyms in ``known`` (SEND, NICE) are always acronyms, never words.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..model import BlockKind, Finding
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

# The check on the character before sits after the first capital, so the
# pattern starts with a plain set of letters, which `re` can skip to quickly.
_ACRONYM = re.compile(r"([A-Z](?<![\w&.-][A-Z])[A-Za-z0-9&]*[A-Z0-9])(s?)(?![\w&]|-[A-Za-z]|\.[A-Za-z])")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_DEFINED_AFTER = re.compile(
    r"\s*(?:\(\s*[^()]*?[a-z][^()]*\)|\[\s*[^\[\]]*?[a-z][^\[\]]*\]|:\s+\S|\s+means\b|\s+stands\s+for\b|\s+[–—-]\s+\S)")
_IN_BRACKETS = re.compile(r"\(\s*$")

# -- things in capitals that are not acronyms ------------------------------------------------

_SPACE = "[ \t\u00a0]"
# The code a word is part of: letters, digits and the marks that join them.
_CHUNK_BEFORE = re.compile(r"[\w/&.:-]*$")
_CHUNK_AFTER = re.compile(r"[\w/&.:-]*")
# A number after the letters: a code number (DIN 66399, NAA 15/28, IIS 4.0).
_NUMBER_AFTER = re.compile(_SPACE + r"+(\d[\d/.:-]*\d|\d)(?![\w/])")
# A year or a year range: "DPA 2018" and "DWP 2023/24" are acronyms with a date.
_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?")
_REF_BEFORE = re.compile(r"\bRef(?:erence)?\.?:" + _SPACE + r"*[\w/.-]*$", re.IGNORECASE)
_OUTWARD_CODE_BEFORE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?" + _SPACE + "+$")
_PO_BOX = re.compile(_SPACE + r"+box\b", re.IGNORECASE)
# Chemical formulas with their small number set apart, as text copied from a page often has it:
# "CO 2 emissions", "NO 2", "CH 4".
_FORMULA_HEADS = frozenset({"CO", "NO", "SO", "CH", "NH", "NOX"})
_FORMULA_NUMBER = re.compile(_SPACE + r"?[2-4](?![\w.,/:-]\w)")
_PLACEHOLDER = re.compile(r"[XYZ]+")
_DATE_PART = re.compile(r"[DMYHS]{1,4}")
_IN_PLACEHOLDER = re.compile(r"<[A-Z ,_-]*$")
# A word then capitals: a product name (OpenLDAP, WebSEAL), not letters to spell out.
_PRODUCT = re.compile(r"[A-Z][a-z]{2,}[A-Z]")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]*\.?" + _SPACE + r"+[A-Z][a-z][\w'’-]*" + _SPACE + r"*,?" + _SPACE + "+$")
_HONOUR_BEFORE = re.compile(r"\b([A-Za-z]+)" + _SPACE + r"*,?" + _SPACE + "+$")

#: Honours and degrees that people write after their names.
POST_NOMINALS = frozenset({
    "BEM", "MBE", "OBE", "CBE", "KBE", "DBE", "GBE", "CB", "KCB", "DCB", "GCB", "CMG", "KCMG", "DCMG", "GCMG",
    "CVO", "LVO", "MVO", "KCVO", "DCVO", "GCVO", "OM", "CH", "KG", "KT", "QPM", "KPM", "QFSM", "KFSM",
    "QC", "KC", "DL", "JP", "MSP", "MLA", "MEP", "MS", "PC",
    "FRS", "FREng", "FRSE", "FBA", "FMedSci", "FRSA", "FRCP", "FRCS", "FRCGP", "FRCPsych", "FRCN", "FCA", "ACA",
    "PhD", "DPhil", "MD", "BSc", "MSc", "BA", "MA", "LLB", "LLM", "MBA", "MPhil", "DSc", "RN", "RGN",
})
_POST_NOMINALS_UPPER = frozenset(p.upper() for p in POST_NOMINALS)


def is_acronym(word: str) -> bool:
    capitals = sum(1 for c in word if c.isupper())
    if capitals < 2:
        return False
    lowers = sum(1 for c in word if c.islower())
    # "DoLS", "DToC", "PhD" have some lower case letters; "McDonald" is a name.
    if lowers > capitals or word[1:].islower():
        return False
    return not _ROMAN.match(word)


_CHUNK_SEPARATOR = re.compile(r"[/:-]")


class Tails:
    """The rest of the code an acronym is part of ("BIS/14/656"), worked out once for a run of such codes.

    :func:`not_an_acronym` reads the code from the acronym to its end.  A
    run of thousands of acronyms joined by "/" would be read again, to its
    end, for each of them.  This reads a run once, and keeps, for each of
    its parts, what :func:`not_an_acronym` asks about all the parts after
    it: how many there are, and whether any is a number, all are parts of a
    date, all are short, any is one letter.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._run: tuple | None = None

    def after(self, end: int) -> tuple[bool, str, tuple[int, bool, bool, bool, bool], int]:
        """(is any code left after ``end``, the first part of it, what the parts after that one are, its "/"s).

        The code after ``end`` is ``_CHUNK_AFTER`` there, without the
        ".:-/" that :func:`not_an_acronym` strips from its end.
        """
        text = self.text
        run = self._run
        if run is None or not run[0] <= end <= run[1]:
            stop = _CHUNK_AFTER.match(text, end).end()
            kept = end + len(text[end:stop].rstrip(".:-/"))
            seps = [m.start() for m in _CHUNK_SEPARATOR.finditer(text, end, kept)]
            slashes = [i for i in seps if text[i] == "/"]
            bounds = [end] + [i + 1 for i in seps]
            ends = seps + [kept]
            n = len(bounds)
            # suffix sums over the parts k.. (empty parts do not count)
            count = [0] * (n + 1)
            digit = [False] * (n + 1)
            date = [True] * (n + 1)
            short = [True] * (n + 1)
            letter = [False] * (n + 1)
            for k in range(n - 1, -1, -1):
                part = text[bounds[k]:ends[k]]
                count[k], digit[k], date[k], short[k], letter[k] = (
                    count[k + 1], digit[k + 1], date[k + 1], short[k + 1], letter[k + 1])
                if part:
                    count[k] += 1
                    digit[k] = digit[k] or part.isdigit()
                    date[k] = date[k] and _DATE_PART.fullmatch(part) is not None
                    short[k] = short[k] and len(part) <= 4
                    letter[k] = letter[k] or len(part) == 1
            run = self._run = (end, stop, kept, seps, slashes, (count, digit, date, short, letter))
        _, _, kept, seps, slashes, (count, digit, date, short, letter) = run
        if end >= kept:
            return False, "", (0, False, True, True, False), 0
        j = bisect.bisect_left(seps, end)  # the first separator at or after ``end``
        first = text[end:seps[j] if j < len(seps) else kept]
        k = j + 1 if j < len(seps) else len(count) - 1
        return (True, first, (count[k], digit[k], date[k], short[k], letter[k]),
                len(slashes) - bisect.bisect_left(slashes, end))


def _in_a_code(head: str, word: str, tails: Tails, end: int) -> bool:
    """The code test of :func:`not_an_acronym`, with the part after the word from ``tails``: the same answer."""
    head = head.lstrip(".:-/")
    left, first, (count, digit, date, short, letter), slashes = tails.after(end)
    if not head and not left:
        return False  # the code is the word alone
    head_parts = _CHUNK_SEPARATOR.split(head)
    parts = [p for p in head_parts[:-1] if p] + [head_parts[-1] + word + first]
    if len(parts) + count <= 1:
        return False
    if any(p.isdigit() for p in parts) or digit:
        return True
    if date and all(_DATE_PART.fullmatch(p) for p in parts):
        return True
    return (head.count("/") + slashes >= 2 and short and all(len(p) <= 4 for p in parts)
            and (letter or any(len(p) == 1 for p in parts)))


def not_an_acronym(text: str, start: int, end: int, tails: Tails | None = None) -> bool:
    """True when the capitals at ``text[start:end]`` are a code, a title, an honour or a placeholder.

    ``end`` is the end of the whole match (a plural "s" included).  With
    ``tails`` (made for the same text), a long run of codes is read once.
    """
    word = text[start:end]
    if any(c.isdigit() for c in word):
        return True  # codes with digits: postcodes, CO2, ISO27017
    upper = word.upper()
    if upper == "HM":
        return True  # His or Her Majesty's: HM Treasury, HM The Queen
    if upper == "PO" and _PO_BOX.match(text, end):
        return True
    if upper in _FORMULA_HEADS and _FORMULA_NUMBER.match(text, end):
        return True
    if _PRODUCT.match(word) or _PLACEHOLDER.fullmatch(word):
        return True
    # The line's start matters only within the 80 characters before: look no further back
    # (a long line full of acronyms would be read again for each of them).
    lo = max(0, start - 80)
    line_start = max(text.rfind("\n", lo, start), text.rfind("\x1f", lo, start)) + 1
    before = text[max(line_start, lo):start]
    if _REF_BEFORE.search(before) or _IN_PLACEHOLDER.search(before):
        return True
    if len(word) == 3 and word[0] == "O" and _OUTWARD_CODE_BEFORE.search(before):
        return True  # the end of a postcode typed with an O: "SW1H OET"
    # The code the word is part of: "BIS/14/656", "DVSA/NS/B/Sy", "DD/MM/YYYY".
    head = _CHUNK_BEFORE.search(before).group()
    if tails is not None and tails.text is text:
        if _in_a_code(head, word, tails, end):
            return True
    else:
        tail = _CHUNK_AFTER.match(text, end).group()
        chunk = (head + word + tail).strip(".:-/")
        if chunk != word:
            parts = [p for p in re.split(r"[/:-]", chunk) if p]
            if len(parts) > 1:
                if any(p.isdigit() for p in parts):
                    return True
                if all(_DATE_PART.fullmatch(p) for p in parts):
                    return True
                if chunk.count("/") >= 2 and all(len(p) <= 4 for p in parts) and any(len(p) == 1 for p in parts):
                    return True
    number = _NUMBER_AFTER.match(text, end)
    if number is not None:
        n = number.group(1)
        digits = sum(1 for c in n if c.isdigit())
        if not _YEAR.fullmatch(n) and (not n.isdigit() or digits >= 3):
            return True  # DIN 66399, ISBN 9781409841647, NAA 15/28 (but "DPA 2018" is an acronym)
    if upper in _POST_NOMINALS_UPPER and _after_a_name(before):
        return True
    return False


def _after_a_name(before: str) -> bool:
    """The text before ends with a name ("Jane Smith MBE", "Dr Sam Patel PhD") or another honour ("CBE, FRS").

    A name is two words with capitals, so "Every RN must..." is not after a name.
    """
    m = _HONOUR_BEFORE.search(before)
    if m is not None and m.group(1).upper() in _POST_NOMINALS_UPPER:
        return True
    return _NAME_BEFORE.search(before) is not None


# -- words in capitals ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _said_as_word(word: str) -> tuple[int | None, float]:
    """(syllables in the CMU dictionary or None, how common the word is in everyday English)."""
    from ..lexicon import zipf
    from ..syllables import dictionary_syllables

    return dictionary_syllables(word), zipf(word.lower())


#: How common a word must be (wordfreq's Zipf scale) to count as everyday English.
_EVERYDAY = 4.0
_EVERYDAY_SHORT = 4.5
_CAPITALS_WORD = re.compile(r"[A-Z][A-Z'’]+")
_CAPITALS_BEFORE = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]+$")
_WORD_BEFORE = re.compile(r"([A-Za-z'’]+)" + _SPACE + "+$")
_WORD_AFTER = re.compile(_SPACE + r"+([A-Za-z'’]+)")


def _word_in_capitals(word: str) -> bool:
    """"NOTE", "IMPORTANT", "ACKNOWLEDGEMENTS" are words, not acronyms.

    A word in the CMU dictionary with far fewer syllables than letters is read
    as a word; acronyms read letter by letter ("HTML", "PDF") have about one
    syllable a letter.  (``speakeasy words suggest`` uses this too.)
    """
    from ..syllables import dictionary_syllables

    if not word.isupper() or len(word) < 4:
        return False
    count = dictionary_syllables(word)
    return count is not None and count * 2 < len(word)


def _long_word(word: str) -> bool:
    """A word of 4 letters or more said as a word, not letter by letter: "NOTE", "IMPORTANT", "DENY".

    It is in the CMU dictionary with fewer syllables than letters, and either
    has far fewer syllables than letters ("NOTE") or is everyday English
    ("DENY").  Acronyms read letter by letter ("HTML") have about one
    syllable a letter.
    """
    count, zipf = _said_as_word(word)
    if count is None or count >= len(word):
        return False
    return count * 2 < len(word) or zipf >= _EVERYDAY


def _joined_word(word: str) -> bool:
    """A long word in capitals ending in an everyday word: "NXDOMAIN", "SHORTNAME"."""
    if len(word) < 7:
        return False
    for cut in range(1, len(word) - 3):
        tail = word[cut:]
        count, zipf = _said_as_word(tail)
        if count is not None and count < len(tail) - 1 and zipf >= _EVERYDAY:
            return True
    return False


def _short_everyday_word(word: str) -> bool:
    """"DO", "OR", "GET", "TOP", "NOT": a common English word, said as a word."""
    count, zipf = _said_as_word(word)
    return count is not None and count < len(word) and zipf >= _EVERYDAY_SHORT


class Lines:
    """Where the lines of a text start and end (a block's end counts as a line's end), found by halving.

    :func:`word_in_capitals` asks whether a whole line is in capitals for
    every short word in capitals: with this, a line is read once, not once
    for each such word on it.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("[\n\x1f]", text)]
        self._no_lower: dict[tuple[int, int], bool] = {}

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The line around ``text[start:end]``: from after the last break before ``start`` to the first at or after ``end``."""
        breaks = self.breaks
        i = bisect.bisect_left(breaks, start)
        j = bisect.bisect_left(breaks, end)
        return (breaks[i - 1] + 1 if i else 0), (breaks[j] if j < len(breaks) else len(self.text))

    def no_lower(self, start: int, end: int) -> bool:
        """Has the line around ``text[start:end]`` no lower-case letter?"""
        key = self.bounds(start, end)
        got = self._no_lower.get(key)
        if got is None:
            got = self._no_lower[key] = not any(c.islower() for c in self.text[key[0]:key[1]])
        return got


def word_in_capitals(text: str, start: int, end: int, lines: Lines | None = None) -> bool:
    """True when the capitals at ``text[start:end]`` are an English word, not an acronym.

    See the module's notes: long words said as words are words; short
    everyday words are words only next to other capitals, joined to them by
    "/", or on a line all in capitals.
    """
    word = text[start:end]
    if not word.isupper():
        return False
    if end < len(text) and text[end] in "'’" and word.endswith("N") and text[end + 1 : end + 2] in ("T", "t"):
        return True  # DON'T, CAN'T
    if len(word) >= 4:
        return _long_word(word) or _joined_word(word)
    if not _short_everyday_word(word):
        return False
    # Joined by "/" to a word in capitals: AND/OR.
    if start > 0 and text[start - 1] == "/" and _CAPITALS_BEFORE.search(text, max(0, start - 20), start - 1):
        return True
    if text[end : end + 1] == "/" and _CAPITALS_WORD.match(text, end + 1):
        return True
    # Next to a word in capitals: DO NOT, TOP SECRET, HTTP GET.
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is not None and _CAPITALS_WORD.fullmatch(before.group(1)):
        return True
    after = _WORD_AFTER.match(text, end)
    if after is not None and _CAPITALS_WORD.fullmatch(after.group(1)):
        return True
    # A line all in capitals: "DO", "DON'T".
    if lines is not None and lines.text is text:
        return lines.no_lower(start, end)
    line_start = max(text.rfind("\n", 0, start), text.rfind("\x1f", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find("\x1f", end)) if i >= 0]
    line = text[line_start : min(ends) if ends else len(text)]
    return not any(c.islower() for c in line)


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
_TITLE_WORD_BEFORE = re.compile(r"[^\W\d_][\w,;)]*" + _SPACE + r"+[A-Z][a-z]+(?:['’][a-z]+)?" + _SPACE + "+$")

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

    The letters are ASCII (from :data:`_ACRONYM`).  Every way of reading the
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


# -- the rule ---------------------------------------------------------------------------------------


@register
class Acronym(Kind):
    name = "acronym"
    summary = "Flags acronyms used before they are spelled out."
    needs = frozenset({"sentences"})
    #: a wordlist that flags the same words already says what to write instead
    yields_to = frozenset({"substitution"})
    options = (
        Field("allow", "texts", "Acronyms everyone knows, which never need spelling out."),
        Field("known", "any-mapping", "What acronyms stand for, to suggest the words in full (`CQC: Care Quality Commission`)."),
    )
    default_message = "Spell out '{acronym}' the first time you use it{example}, or use plain words instead."
    placeholders = ("acronym", "match", "example", "expansion")

    def setup(self) -> None:
        allow = set(self.option("allow") or [])
        allow |= {k for k in self.rule.keep if is_acronym(k) or k[:2].isupper()}
        self.allow = {a.upper() for a in allow}
        self.known = {str(k).upper(): str(v) for k, v in (self.option("known") or {}).items()}

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        masked = analysis.masked
        first_use: dict[str, tuple[int, int, str]] = {}
        defined: set[str] = set()
        blocks = analysis.blocks
        lines = Lines(masked)
        tails = Tails(masked)
        shouting: dict[int, bool] = {}  # sentence start -> written in capitals?
        for m in _ACRONYM.finditer(masked):
            word = m.group(1)
            if not is_acronym(word):
                continue
            key = word.upper()
            if key in self.allow or key in defined:
                continue
            start, end = m.span(1)
            if not_an_acronym(masked, start, m.end(), tails):
                continue
            if key not in self.known and word_in_capitals(masked, start, end, lines):
                continue
            if self._shouting(analysis, start, shouting):
                continue
            if _DEFINED_AFTER.match(masked, m.end()) or _IN_BRACKETS.search(masked, max(0, start - 3), start):
                defined.add(key)
                continue
            bi = analysis.block_index(start)
            if bi is not None and blocks[bi].kind is BlockKind.HEADING:
                # A heading may use an acronym the paragraph under it explains;
                # only report it if it is never explained.
                first_use.setdefault(key, (start, end, word))
                continue
            if key not in first_use or first_use[key][0] > start:
                first_use[key] = (start, end, word)
        first_words = FirstWords(masked)
        for key, (start, end, word) in sorted(first_use.items(), key=lambda kv: kv[1][0]):
            if key in defined and self._defined_before_body_use(analysis, key, start):
                continue
            if spelled_out_before(masked, word, start, first_words):
                continue
            expansion = self.known.get(key)
            example = f", like this: '{expansion} ({word})'" if expansion else ""
            yield self.finding(
                analysis,
                start,
                end,
                match=word,
                message=self.render(acronym=word, match=word, example=example, expansion=expansion or ""),
                suggestions=[f"{expansion} ({word})"] if expansion else [],
            )

    def _defined_before_body_use(self, analysis: "Analysis", key: str, heading_use: int) -> bool:
        """A heading used the acronym first, and the body spelled it out later: fine."""
        bi = analysis.block_index(heading_use)
        return bi is not None and analysis.blocks[bi].kind is BlockKind.HEADING

    def _shouting(self, analysis: "Analysis", offset: int, memo: dict[int, bool] | None = None) -> bool:
        """Text written in capitals ("PLEASE NOTE") is not full of acronyms.

        ``memo`` keeps the answer for each sentence: a sentence full of
        acronyms is counted once, not once for each of them.
        """
        sent = analysis.sentence_at(offset)
        if sent is None or sent.word_count < 3:
            return False
        if memo is not None and sent.start in memo:
            return memo[sent.start]
        upper = sum(1 for w in sent.texts if w.isupper())
        got = upper / sent.word_count > 0.6
        if memo is not None:
            memo[sent.start] = got
        return got
