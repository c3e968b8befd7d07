""""a" or "an": which one goes before a word, by its first sound.

A fix that puts a plain word after "a" or "an" must keep the article right:
"an initial assessment" becomes "a first assessment", not "an first
assessment".  The sound comes from the CMU Pronouncing Dictionary that
speakeasy ships (:mod:`speakeasy.syllables`), so "an hour", "a user" and "a
one-off" come out right; short forms in capitals are said letter by letter
("an MP", "a GP").  Words not in the dictionary fall back on their spelling.
"""

from __future__ import annotations

import re

__all__ = ["indefinite_article", "ARTICLE_BEFORE"]

#: The vowel sounds of the CMU dictionary (ARPAbet, without the stress digit).
_VOWELS = frozenset("AA AE AH AO AW AY EH ER EY IH IY OW OY UH UW".split())
#: Letters whose names start with a vowel sound: "an F", "an MP", "an S".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
#: Spellings that start with a vowel letter but a consonant sound, and the reverse.
_CONSONANT_SOUND = re.compile(r"^(?:uni(?!n)|use|usu|ura|uro|ute|eu|ewe|one\b|once|onesie|ouija)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(?:hour|honest|honou?r|heir)", re.IGNORECASE)

#: "a" or "an" as a word just before a place: its start, and the article as written.
ARTICLE_BEFORE = re.compile(r"(?<![\w'’-])(an?|An?|AN?)(\s+)$")
#: The words before a term that a plain phrase bringing its own article replaces or keeps ("a needs
#: assessment" -> "a talk about ..."; "your care plan" -> "your plan"): see speakeasy.kinds.substitution.
_DETERMINERS = "an?|the|your|our|their|his|her|its|my|this|that|these|those"
#: One of them just before an offset (search up to it): group 1 the word, group 2 the space after it.
DETERMINER_BEFORE = re.compile(rf"(?<![\w'’-])({_DETERMINERS})(\s+)$", re.IGNORECASE)
#: One of them at the start of a finding's words, with its space.
DETERMINER_AT_START = re.compile(rf"(?:{_DETERMINERS})\s+", re.IGNORECASE)


def indefinite_article(phrase: str) -> str:
    """"a" or "an" for the first word of ``phrase`` (always in lower case)."""
    word = re.match(r"[\w'’-]*", phrase.strip())
    first = word.group(0) if word else ""
    if not first:
        return "a"
    if first.isupper() and len(first) <= 5 and first.isalpha() and len(first) > 1:
        return "an" if first[0] in _VOWEL_LETTERS else "a"  # said letter by letter: "an MP", "a GP"
    if first[0].isdigit():
        return "an" if re.match(r"(?:8|11|18|8\d)(?:\D|$)", first) else "a"  # "an 8-week course"
    sound = _first_sound(first.lower().strip("'’-"))
    if sound is not None:
        return "an" if sound in _VOWELS else "a"
    if _VOWEL_SOUND.match(first):
        return "an"
    if _CONSONANT_SOUND.match(first):
        return "a"
    return "an" if first[0].lower() in "aeiou" else "a"


def _first_sound(word: str) -> str | None:
    """The first sound of ``word`` in the CMU dictionary (without stress), or None if it is not there."""
    from .syllables import OfflineCmudict

    try:
        pronunciations = OfflineCmudict()[word]
    except KeyError:
        return None
    if not pronunciations or not pronunciations[0]:
        return None
    return pronunciations[0][0].rstrip("012")
