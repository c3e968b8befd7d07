"""Which words in capitals are acronyms: not a code, a title, an honour or a placeholder, and not a word in capitals.

The notes in :mod:`speakeasy.kinds.acronym` say what is left out and why.
``speakeasy words suggest`` uses these tests too.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

#: Capitals that may be an acronym, with a plural "s" after them (group 2).
# The check on the character before sits after the first capital, so the
# pattern starts with a plain set of letters, which `re` can skip to quickly.
ACRONYM = re.compile(r"([A-Z](?<![\w&.-][A-Z])[A-Za-z0-9&]*[A-Z0-9])(s?)(?![\w&]|-[A-Za-z]|\.[A-Za-z])")
#: A Roman number (II, XIV), which is not an acronym.
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")

# -- things in capitals that are not acronyms ------------------------------------------------

#: A space within a line.
SPACE = "[ \t\u00a0]"
# The code a word is part of: letters, digits and the marks that join them.
_CHUNK_BEFORE = re.compile(r"[\w/&.:-]*$")
_CHUNK_AFTER = re.compile(r"[\w/&.:-]*")
# A number after the letters: a code number (DIN 66399, NAA 15/28, IIS 4.0).
_NUMBER_AFTER = re.compile(SPACE + r"+(\d[\d/.:-]*\d|\d)(?![\w/])")
# A year or a year range: "DPA 2018" and "DWP 2023/24" are acronyms with a date.
_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?")
_REF_BEFORE = re.compile(r"\bRef(?:erence)?\.?:" + SPACE + r"*[\w/.-]*$", re.IGNORECASE)
_OUTWARD_CODE_BEFORE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?" + SPACE + "+$")
_PO_BOX = re.compile(SPACE + r"+box\b", re.IGNORECASE)
# Chemical formulas with their small number set apart, as text copied from a page often has it:
# "CO 2 emissions", "NO 2", "CH 4".
_FORMULA_HEADS = frozenset({"CO", "NO", "SO", "CH", "NH", "NOX"})
_FORMULA_NUMBER = re.compile(SPACE + r"?[2-4](?![\w.,/:-]\w)")
_PLACEHOLDER = re.compile(r"[XYZ]+")
_DATE_PART = re.compile(r"[DMYHS]{1,4}")
_IN_PLACEHOLDER = re.compile(r"<[A-Z ,_-]*$")
# A word then capitals: a product name (OpenLDAP, WebSEAL), not letters to spell out.
_PRODUCT = re.compile(r"[A-Z][a-z]{2,}[A-Z]")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]*\.?" + SPACE + r"+[A-Z][a-z][\w'’-]*" + SPACE + r"*,?" + SPACE + "+$")
_HONOUR_BEFORE = re.compile(r"\b([A-Za-z]+)" + SPACE + r"*,?" + SPACE + "+$")

#: Honours and degrees that people write after their names.
POST_NOMINALS = frozenset({
    "BEM", "MBE", "OBE", "CBE", "KBE", "DBE", "GBE", "CB", "KCB", "DCB", "GCB", "CMG", "KCMG", "DCMG", "GCMG",
    "CVO", "LVO", "MVO", "KCVO", "DCVO", "GCVO", "OM", "CH", "KG", "KT", "QPM", "KPM", "QFSM", "KFSM",
    "QC", "KC", "DL", "JP", "MSP", "MLA", "MEP", "MS", "PC",
    "FRS", "FREng", "FRSE", "FBA", "FMedSci", "FRSA", "FRCP", "FRCS", "FRCGP", "FRCPsych", "FRCN", "FCA", "ACA",
    "PhD", "DPhil", "MD", "BSc", "MSc", "BA", "MA", "LLB", "LLM", "MBA", "MPhil", "DSc", "RN", "RGN",
})
_POST_NOMINALS_UPPER = frozenset(p.upper() for p in POST_NOMINALS)

#: The legal form of a company or a club, written after its name ("Total SA", "Chelsea FC").
LEGAL_FORMS = frozenset({"SA", "AG", "NV", "BV", "SE", "SPA", "AB", "ASA", "PLC", "LLP", "LLC", "INC", "LTD",
                         "GMBH", "FC", "AFC"})
#: ... or before it ("FC Barcelona", "AFC Wimbledon").
_CLUB_FORMS = frozenset({"FC", "AFC", "CF"})
_COMPANY_BEFORE = re.compile(r"\b(?!(?:The|A|An|Our|Your|Their|Its|His|Her|My|This|That|These|Those|Each|Every|Any|No)\b)"
                             r"[A-Z][\w&'’.-]*" + SPACE + "+$")
_NAME_AFTER = re.compile(SPACE + r"+[A-Z][a-z]")


def is_acronym(word: str) -> bool:
    capitals = sum(1 for c in word if c.isupper())
    if capitals < 2:
        return False
    lowers = sum(1 for c in word if c.islower())
    # "DoLS", "DToC", "PhD" have some lower case letters; "McDonald" is a name.
    if lowers > capitals or word[1:].islower():
        return False
    return not ROMAN.match(word)


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
    if upper in LEGAL_FORMS and _COMPANY_BEFORE.search(before):
        return True  # "Total SA", "Chelsea FC": part of the name
    if upper in _CLUB_FORMS and _NAME_AFTER.match(text, end):
        return True  # "FC Barcelona"
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
_WORD_BEFORE = re.compile(r"([A-Za-z'’]+)" + SPACE + "+$")
_WORD_AFTER = re.compile(SPACE + r"+([A-Za-z'’]+)")


def is_word_in_capitals(word: str) -> bool:
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

    See the notes in :mod:`speakeasy.kinds.acronym`: long words said as words are words; short
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
