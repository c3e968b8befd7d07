"""The plain score's tally: what it counts for a text, and the features it turns the counts into (see :mod:`speakeasy.plainscore`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterable, Mapping



#: Zipf value below which a word is rare: about one use in a million words.
RARE_ZIPF = 3.0
#: The 3,000 most used word forms in everyday English have a Zipf value of 4.5 or more.
COMMON_ZIPF = 4.5
#: A sentence longer than this is long (the same limit as the sentence-length rule's warning).
LONG_SENTENCE = 25
#: How many different words a reason names before it says "and N others".
SHOWN = 3

#: The nouns made from verbs the score counts ("implementation", "assessment"), one a line; a word marked
#: "*" can be a verb too ("reference"), so its sentence is tagged.  Made by
#: benchmarks/readability/nouns_from_verbs.py, which says how ("security", "department" and
#: "information" are not on it).
NOUNS_FROM_VERBS_FILE = "nouns_from_verbs.txt"

FEATURES = ("log_words_per_sentence", "long_sentences", "syllables_per_word", "content_zipf",
            "uncommon", "rare", "nominal", "passive", "noun_chains", "speaks_to_reader",
            # the spread of how common the content words are
            "zipf_p10", "zipf_p25", "zipf_median", "below_3_5", "below_4", "below_5", "type_zipf",
            # the word-difficulty table (speakeasy.worddifficulty)
            "word_difficulty", "hard_words",
            # word length, and textstat's Dale-Chall list of easy words
            "letters_per_word", "polysyllables", "not_dale_chall")
#: The features about words (the rest are about sentences, verbs and the reader): a reason names the
#: rare words, or says how many words are not everyday words, when these make a text hard.
WORD_FEATURES = ("syllables_per_word", "content_zipf", "uncommon", "rare", "zipf_p10", "zipf_p25",
                 "zipf_median", "below_3_5", "below_4", "below_5", "type_zipf", "word_difficulty", "hard_words",
                 "letters_per_word", "polysyllables", "not_dale_chall")
#: Zipf values are counted in bins of a tenth, for the percentiles and the shares below the cut-offs.
ZIPF_BINS = 10
#: "you" and "we": text that speaks to its reader.
READER_WORDS = frozenset("you your yours yourself yourselves we our ours ourselves us".split())

#: +1: a higher value makes text harder; -1: easier.  Chosen by reasoning, not fitted: more common
#: words (a higher Zipf value, at any point of the spread) and speaking to the reader make text easier;
#: everything else (longer sentences and words, rarer and harder words, nouns made from verbs,
#: passive verbs, noun chains, words not on the Dale-Chall list) makes it harder.  The fit
#: (benchmarks/readability/fit.py) and the forum's calibration keep every weight to its sign.
EASIER = ("content_zipf", "speaks_to_reader", "zipf_p10", "zipf_p25", "zipf_median", "type_zipf")
DIRECTION = {k: (-1.0 if k in EASIER else 1.0) for k in FEATURES}


@dataclass(slots=True)
class Tally:
    """Counts for a stretch of text: add tallies to score a longer stretch."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    content: int = 0
    content_zipf: float = 0.0
    uncommon: int = 0
    rare: int = 0
    #: jargon terms, and the words in them (each counts as a rare word)
    jargon: int = 0
    jargon_tokens: int = 0
    nominal: int = 0
    passive: int = 0
    chains: int = 0
    long_sentences: int = 0
    longest: int = 0
    reader_words: int = 0
    letters: int = 0
    #: words of 3 syllables or more
    polysyllables: int = 0
    #: the content words: their word-difficulty numbers added up, how many are hard words
    #: (:data:`speakeasy.worddifficulty.HARD` and above), and how many are not on the Dale-Chall list
    difficulty: float = 0.0
    hard: int = 0
    not_easy: int = 0
    #: content words with a Zipf value below 3.5, 4 and 5
    below_3_5: int = 0
    below_4: int = 0
    below_5: int = 0
    #: How many content words have each Zipf value (in tenths: 45 is 4.5 to 4.6), and each different
    #: content word and its Zipf value: for the percentiles and the mean over types, measured only
    #: when the model weighs them (see :func:`spread_weighed`), as they take memory.
    zipf_bins: dict[int, int] = field(default_factory=dict)
    types: dict[str, float] = field(default_factory=dict)
    #: The words behind the counts, for the reasons: each different word (in
    #: lower case, but for words in capitals) and how many times it is used,
    #: in the order they first come.  A reason counts these, so "3 nouns made
    #: from verbs" always has 3 words to name.
    rare_words: dict[str, int] = field(default_factory=dict)
    jargon_words: dict[str, int] = field(default_factory=dict)
    passives: dict[str, int] = field(default_factory=dict)
    chain_texts: dict[str, int] = field(default_factory=dict)
    nominal_words: dict[str, int] = field(default_factory=dict)
    #: hard words by the word-difficulty table that are neither rare nor nouns made from verbs
    hard_words: dict[str, int] = field(default_factory=dict)

    def add(self, other: "Tally") -> None:
        self.sentences += other.sentences
        self.words += other.words
        self.syllables += other.syllables
        self.content += other.content
        self.content_zipf += other.content_zipf
        self.uncommon += other.uncommon
        self.rare += other.rare
        self.jargon += other.jargon
        self.jargon_tokens += other.jargon_tokens
        self.nominal += other.nominal
        self.passive += other.passive
        self.chains += other.chains
        self.long_sentences += other.long_sentences
        self.reader_words += other.reader_words
        self.letters += other.letters
        self.polysyllables += other.polysyllables
        self.difficulty += other.difficulty
        self.hard += other.hard
        self.not_easy += other.not_easy
        self.below_3_5 += other.below_3_5
        self.below_4 += other.below_4
        self.below_5 += other.below_5
        if other.zipf_bins:
            _merge(self.zipf_bins, other.zipf_bins)  # type: ignore[arg-type]
        if other.types:
            self.types.update(other.types)
        if other.longest > self.longest:
            self.longest = other.longest
        # the words: most sentences have none of some kinds, so test before merging
        if other.rare_words:
            _merge(self.rare_words, other.rare_words)
        if other.jargon_words:
            _merge(self.jargon_words, other.jargon_words)
        if other.passives:
            _merge(self.passives, other.passives)
        if other.chain_texts:
            _merge(self.chain_texts, other.chain_texts)
        if other.nominal_words:
            _merge(self.nominal_words, other.nominal_words)
        if other.hard_words:
            _merge(self.hard_words, other.hard_words)

    def features(self) -> dict[str, float]:
        """The numbers the score weighs (see the module docstring)."""
        words = max(self.words, 1)
        sents = max(self.sentences, 1)
        return {
            "log_words_per_sentence": math.log(max(self.words / sents, 1.0)),
            "long_sentences": self.long_sentences / sents,
            "syllables_per_word": self.syllables / words,
            # No content words at all ("It is."): as easy as the most common words.
            "content_zipf": self.content_zipf / self.content if self.content else 7.0,
            "uncommon": self.uncommon / words,
            "rare": self.rare / words,
            "nominal": self.nominal / words,
            "passive": self.passive / sents,
            "noun_chains": self.chains / sents,
            "speaks_to_reader": self.reader_words / words,
            "zipf_p10": self._percentile(0.10),
            "zipf_p25": self._percentile(0.25),
            "zipf_median": self._percentile(0.50),
            "below_3_5": self.below_3_5 / self.content if self.content else 0.0,
            "below_4": self.below_4 / self.content if self.content else 0.0,
            "below_5": self.below_5 / self.content if self.content else 0.0,
            "type_zipf": math.fsum(self.types.values()) / len(self.types) if self.types else 7.0,
            # No content words: as easy as the easiest words, none hard, all on the list.
            "word_difficulty": self.difficulty / self.content if self.content else 1.0,
            "hard_words": self.hard / self.content if self.content else 0.0,
            "letters_per_word": self.letters / words,
            "polysyllables": self.polysyllables / words,
            "not_dale_chall": self.not_easy / self.content if self.content else 0.0,
        }

    def _percentile(self, q: float) -> float:
        """The Zipf value below which a share ``q`` of the content words fall (7 when there are none)."""
        n = sum(self.zipf_bins.values())
        if not n:
            return 7.0
        need = q * n
        seen = 0
        for b in sorted(self.zipf_bins):
            k = self.zipf_bins[b]
            if seen + k >= need:
                # within the bin, as if its words were spread evenly over it
                return (b + (need - seen) / k) / ZIPF_BINS
            seen += k
        return 7.0


#: The one empty mapping that :func:`compact` gives a tally in place of each of its empty dicts (read only).
_EMPTY: Mapping[Any, Any] = MappingProxyType({})
_DICTS = ("zipf_bins", "types", "rare_words", "jargon_words", "passives", "chain_texts", "nominal_words",
          "hard_words")


def compact(t: Tally) -> Tally:
    """``t``, each of its empty dicts swapped for one shared empty mapping, which cannot be changed.

    For a tally that is kept and only read or added to others (a sentence's,
    kept for the rules and the report): a long document keeps one for each
    sentence, and most of their eight dicts are empty.
    """
    for name in _DICTS:
        if not getattr(t, name):
            setattr(t, name, _EMPTY)
    return t


def tally(parts: Iterable["Tally"]) -> Tally:
    out = Tally()
    for p in parts:
        out.add(p)
    return out


def _merge(mine: dict[Any, int], theirs: dict[Any, int]) -> None:
    for w, n in theirs.items():
        mine[w] = mine.get(w, 0) + n
