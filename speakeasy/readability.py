"""Readability scores from counts speakeasy makes the way a reader would.

textstat counts sentences with a regular expression that splits "e.g." and
"3.2.1" into several sentences, so its scores for policy text are off.  We
count words and sentences ourselves (see :mod:`speakeasy.analysis`), count
syllables with textstat's method on the CMU Pronouncing Dictionary shipped
with speakeasy (:mod:`speakeasy.syllables`, no download), and apply the
published formulas, with textstat's English coefficients:

* Flesch reading ease = 206.835 - 1.015 x words per sentence - 84.6 x syllables per word
* Flesch-Kincaid grade = 0.39 x words per sentence + 11.8 x syllables per word - 15.59
* SMOG grade = 1.0430 x sqrt(polysyllables x 30 / sentences) + 3.1291
* Gunning fog = 0.4 x (words per sentence + 100 x complex words / words)

A test checks these against textstat's own functions on text where the two
count the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: name -> (label for people, True when a higher score is harder)
METRICS: dict[str, tuple[str, bool]] = {
    "flesch_reading_ease": ("Flesch reading ease", False),
    "flesch_kincaid_grade": ("Flesch-Kincaid grade", True),
    "smog": ("SMOG grade", True),
    "gunning_fog": ("Gunning fog index", True),
    # speakeasy's own (see speakeasy.plainscore): 0-100, and a UK reading age in years.
    "plain_score": ("plain score", False),
    "reading_age": ("reading age", True),
}
#: The metrics that come from the plain score, not from the formulas above.
PLAIN_METRICS = frozenset({"plain_score", "reading_age"})


@dataclass(slots=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0
    #: words of three or more syllables
    polysyllables: int = 0
    #: polysyllables that are not names and not made long by -es, -ed or -ing
    complex_words: int = 0

    def add(self, other: "Counts") -> None:
        self.words += other.words
        self.sentences += other.sentences
        self.syllables += other.syllables
        self.polysyllables += other.polysyllables
        self.complex_words += other.complex_words


@dataclass(slots=True)
class Scores:
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    smog: float
    gunning_fog: float
    counts: Counts = field(default_factory=Counts)

    def get(self, metric: str) -> float:
        return float(getattr(self, metric))

    def as_dict(self) -> dict[str, float]:
        return {name: round(self.get(name), 1) for name in METRICS if name not in PLAIN_METRICS}


def scores(counts: Counts) -> Scores:
    """Apply the formulas.  Empty text scores as easy (nothing to read)."""
    w, s = counts.words, max(counts.sentences, 1)
    if w == 0:
        return Scores(100.0, 0.0, 0.0, 0.0, counts)
    wps = w / s
    spw = counts.syllables / w
    fre = 206.835 - 1.015 * wps - 84.6 * spw
    fk = 0.39 * wps + 11.8 * spw - 15.59
    smog = 1.0430 * math.sqrt(counts.polysyllables * 30 / s) + 3.1291
    fog = 0.4 * (wps + 100 * counts.complex_words / w)
    return Scores(fre, fk, smog, fog, counts)


def describe(metric: str) -> str:
    return METRICS[metric][0]


def higher_is_harder(metric: str) -> bool:
    return METRICS[metric][1]
