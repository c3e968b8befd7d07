"""The plain score: how easy a text is to read, from 0 (very hard) to 100.

Flesch-style formulas count only syllables and sentence length.  Readers of
policy text also trip over rare words, jargon, long strings of nouns and
passive verbs, so the plain score looks at what a reader feels:

* **sentence length** (the natural log of the mean words a sentence, and the
  share of sentences over :data:`LONG_SENTENCE` words);
* **word length**: syllables and letters a word, and the share of words of
  3 syllables or more;
* **how common the words are** in everyday English: the mean Zipf value of
  the content words (``wordfreq``, offline), the share of words outside the
  3,000 most used (Zipf below :data:`COMMON_ZIPF`) and the share of rare
  words (Zipf below :data:`RARE_ZIPF`); and how the values spread: the 10th
  and 25th percentiles and the median, the shares below 3.5, 4 and 5, and
  the mean over word types (each different word once);
* **how hard the words are** by speakeasy's word-difficulty table
  (:mod:`speakeasy.worddifficulty`): the mean over the content words and the
  share of hard words;
* **words not on the Dale-Chall list** of easy words (textstat's own list,
  read at run time);
* postcodes, reference codes, numbers, e-mail and web addresses are not
  words (:func:`not_a_word`): they are left out of every count;
* **jargon**: words the active wordlists flag count as rare, hard words off
  the easy list, however common they are ("care package" is two everyday
  words and still jargon);
* **nouns made from verbs** ("implementation", "consideration"), from a list
  made with speakeasy's tagger and a verb lexicon (not by ending alone:
  "security", "department" and "information" are not on it);
* **passive verbs** ("will be sent"), found as the passive-voice rule finds them;
* **noun chains**: three or more nouns and adjectives in a row with no little
  word between them ("care package review process");
* **speaking to the reader**: the share of words that are "you", "your", "we",
  "our" or "us", which plain-language guidance asks for (this one makes text easier).

Each feature is turned into a z-score against a reference corpus and the
z-scores are weighted and added up.  The weights, the reference means and
the scale come from ``speakeasy/data/plain_score.json``, which
``benchmarks/readability/fit.py`` writes from openly licensed data only
(OneStopEnglish, CC BY-SA 4.0, and CEFR-SP Wiki-Auto train, CC BY-SA 3.0,
with a pairwise loss and signs fixed by reasoning); that script says how
each number was chosen.

The result is put on the scale people know from Flesch reading ease (its
mean and spread on the reference corpus), so 60 and over is plain English,
kept within 0 and 100 by a gentle curve (:func:`squash`), and a UK reading age is derived from it the way Flesch's own table relates
scores to school years.  Everything here is additive: a paragraph's tally is
the sum of its sentences', a document's the sum of its paragraphs', so each
level is scored with the same formula.
"""

from __future__ import annotations

import json
from pathlib import Path
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, Sequence

from .lexicon import dale_chall_easy_words, is_participle_by_form, parts_of_speech, stop_words, word_zipf
from .syllables import syllables
from .worddifficulty import HARD
from .worddifficulty import difficulty as word_difficulty

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


def _fold(text: str) -> str:
    """How a word or phrase is counted: in lower case, but for words in capitals ("Reablement" is "reablement")."""
    if text.islower():
        return text
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in text.split())


# -- words --------------------------------------------------------------------------------


def zipf(word: str) -> float:
    """How common ``word`` is in everyday English (Zipf, 0 when never seen)."""
    return word_zipf(word.lower().replace("\u2019", "'"))


#: What marks a token as a code or an address, not a word: a digit ("SW1A", "ASC/2024/0173",
#: "4B"), an "@" (an e-mail address) or the start of a web address.
_CODE = re.compile(r"\d|@|://|^www\.", re.IGNORECASE)
#: A part of a slash-joined token that is a word ("and/or", "he/she", "Yes/No").
_SLASH_WORD = re.compile(r"[^\W\d_]*[^\W\dA-Z_][^\W\d_]*")


def not_a_word(word: str) -> bool:
    """Is this token a postcode, a reference code, a number, an e-mail or a web address?

    Readers do not read these as words, and wordfreq has never seen them, so
    counted as words they would be rare words: an address paragraph got a
    reading age of 21.  They are left out of the plain score altogether (as
    numbers always were): not words, not syllables, not rare.  A token with
    a digit, an "@" or "://", one that starts with "www.", and a slash-joined
    code in capitals ("HR/FOI") are codes; "and/or" is two words.
    """
    if _CODE.search(word):
        return True
    if "/" in word:
        return not all(_SLASH_WORD.fullmatch(part) for part in word.split("/") if part)
    return False


@lru_cache(maxsize=131072)
def _token(word: str) -> tuple[Any, ...] | None:
    """A word as the score counts it, or None for a word with no letters.

    (lower case, zipf, stop word, syllables, noun made from a verb, past participle, letters,
    word difficulty, on the Dale-Chall list, a "you" or "we" word)
    """
    if not any(c.isalpha() for c in word) or not_a_word(word):
        return None
    low = word.lower().replace("\u2019", "'").strip("'")
    return (low, *_word(low), low in READER_WORDS)


#: The features that need :attr:`Tally.zipf_bins` and :attr:`Tally.types`.
SPREAD = ("zipf_p10", "zipf_p25", "zipf_median", "type_zipf")


def spread_weighed() -> bool:
    """Does the model weigh the Zipf percentiles or the mean over types?  (If not, nothing keeps the bins.)"""
    return any(model().weights.get(k, 0.0) != 0.0 for k in SPREAD)


def chains_weighed() -> bool:
    """Does the model give noun chains a weight?  (If not, nothing needs to measure them.)"""
    return model().weights.get("noun_chains", 0.0) != 0.0


@lru_cache(maxsize=1)
def nouns_from_verbs() -> dict[str, bool]:
    """The nouns made from verbs: word -> True when it can be a verb too (its sentence is tagged to tell)."""
    text = resources.files("speakeasy.data").joinpath(NOUNS_FROM_VERBS_FILE).read_text("utf-8")
    out: dict[str, bool] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, mark = line.partition(" ")
            out[word] = mark == "*"
    return out


#: What :func:`_word` says of a word: not a noun made from a verb, one, or one only when tagged as a noun.
NOT_NOMINAL, NOMINAL, NOMINAL_IF_NOUN = 0, 1, 2


def nominal_kind(low: str) -> int:
    """Is ``low`` a noun made from a verb ("assessments" as "assessment")?  See :data:`NOT_NOMINAL`."""
    table = nouns_from_verbs()
    verbish = table.get(low)
    if verbish is None and low.endswith("s"):
        verbish = table.get(low[:-1])
    if verbish is None:
        return NOT_NOMINAL
    return NOMINAL_IF_NOUN if verbish else NOMINAL


@lru_cache(maxsize=65536)
def _word(low: str) -> tuple[float, bool, int, int, bool, int, float, bool]:
    """(zipf, stop word, syllables, noun made from a verb (see :func:`nominal_kind`), past participle,
    letters, word difficulty, on textstat's Dale-Chall list of easy words)."""
    z = word_zipf(low)
    stop = low in stop_words()
    nominal = NOT_NOMINAL if stop else nominal_kind(low)
    easy = dale_chall_easy_words()
    on_list = low in easy or (low.endswith("s") and low[:-1] in easy) or (low.endswith("'s") and low[:-2] in easy)
    letters = sum(1 for c in low if c.isalpha())
    return (z, stop, syllables(low), nominal, is_participle_by_form(low), letters, word_difficulty(low), on_list)


@lru_cache(maxsize=65536)
def _noun_or_adjective(low: str) -> tuple[bool, bool]:
    """(can be a noun, can be a noun or an adjective); a word lemminflect does not know counts as a noun."""
    pos = parts_of_speech(low)
    noun = "NOUN" in pos or "PROPN" in pos or not pos
    return noun, noun or "ADJ" in pos




_BE = frozenset("am is are was were be been being get gets got gotten getting isn't aren't wasn't weren't".split())
_ADVERBS = frozenset(
    "not also never always often usually sometimes then now still already just only rarely normally "
    "generally currently being been regularly fully properly clearly automatically".split()
)


def sentence_tally(
    words: Sequence[str],
    gaps: Sequence[bool] | None = None,
    jargon: Sequence[str | None] | None = None,
    chains: bool | None = None,
    tags: Callable[[], Sequence[str]] | None = None,
) -> Tally:
    """Count one sentence.

    ``words`` are the reader's words in order (speakeasy's word pattern, so
    "don't" and "person-centred" are one word each).  ``gaps[i]`` is True
    when only spaces come between word ``i`` and word ``i + 1`` (no
    punctuation), which noun chains need; without it, every gap counts as a
    space.  ``jargon[i]`` is the wordlist term that word ``i`` is part of,
    or None.

    Noun chains need each word's parts of speech from lemminflect, whose
    lexicon takes about a second to load.  ``chains=None`` measures them only
    when the model gives them a weight (the shipped one does not: see
    ``benchmarks/readability/README.md``), so a check does not pay for a
    number that changes nothing; the fitting script passes ``chains=True``.

    ``tags()`` gives the universal part of speech of each of ``words``.  It
    is asked only when the sentence has a noun made from a verb that can be
    a verb too ("reference"); without it, speakeasy's tagger tags ``words``.
    """
    if chains is None:
        chains = chains_weighed()
        spread = spread_weighed()
    else:
        spread = chains  # the fitting script (chains=True) measures everything
    t = Tally(sentences=1)
    # (word as written, then what _token gives) for each word with letters
    infos: list[tuple[Any, ...]] = []
    # Words that are not letters (numbers) are dropped; their positions in
    # ``gaps`` and ``jargon`` follow the words given, so ``kept`` maps them across.
    kept: list[int] = []
    for i, w in enumerate(words):
        known = _token(w)
        if known is not None:
            kept.append(i)
            infos.append((w, *known))
    n = len(infos)
    lows = [info[1] for info in infos]
    t.words = n
    t.longest = n
    t.long_sentences = 1 if n > LONG_SENTENCE else 0
    if not n:
        return t
    jargon_of = [jargon[i] for i in kept] if jargon is not None else None
    terms: dict[str, int] = {}
    # Counted in local names (this loop runs for every word of every document).
    syllables = reader = content = uncommon = rare = nominal_count = jargon_tokens = 0
    letters = polys = hard = not_easy = below35 = below4 = below5 = 0
    content_zipf = difficulty = 0.0
    rare_words, nominal_words, bins, types = t.rare_words, t.nominal_words, t.zipf_bins, t.types
    hard_words = t.hard_words
    pos: Sequence[str] | None = None  # the parts of speech of ``words``, when a word needs them
    for k, (w, low, z, stop, syl, nominal, _part, n_letters, diff, on_list, reader_word) in enumerate(infos):
        syllables += syl
        letters += n_letters
        if syl > 2:
            polys += 1
        if reader_word:
            reader += 1
        term = jargon_of[k] if jargon_of is not None else None
        if term is not None:
            # jargon counts as a rare, hard word that is not on the list of easy words
            rare += 1
            uncommon += 1
            jargon_tokens += 1
            content += 1
            zj = min(z, RARE_ZIPF - 0.5)
            content_zipf += zj
            below35 += 1
            below4 += 1
            below5 += 1
            if spread:
                b = int(zj * ZIPF_BINS)
                bins[b] = bins.get(b, 0) + 1
                types[low] = zj
            difficulty += max(diff, HARD)
            hard += 1
            not_easy += 1
            # a term of several words is one use: count it at its first word
            if k == 0 or jargon_of[k - 1] != term:  # type: ignore[index]
                terms[term] = terms.get(term, 0) + 1
            continue
        if stop:
            continue
        # A capitalised word inside the sentence is most likely a name:
        # readers know names without knowing how often they are written.
        if k > 0 and w[:1].isupper() and not w.isupper():
            continue
        content += 1
        zc = min(z, 7.0)
        content_zipf += zc
        if zc < 5.0:
            below5 += 1
            if zc < 4.0:
                below4 += 1
                if zc < 3.5:
                    below35 += 1
        if spread:
            b = int(zc * ZIPF_BINS)
            bins[b] = bins.get(b, 0) + 1
            types[low] = zc
        difficulty += diff
        if diff >= HARD:
            hard += 1
        if not on_list:
            not_easy += 1
        if z < COMMON_ZIPF:
            uncommon += 1
            if z < RARE_ZIPF:
                rare += 1
                key = _fold(w)
                rare_words[key] = rare_words.get(key, 0) + 1
        if nominal and nominal == NOMINAL_IF_NOUN:
            if pos is None:
                pos = _parts_of_speech(words, tags)
            if pos[kept[k]] != "NOUN":
                nominal = NOT_NOMINAL
        if nominal:
            nominal_count += 1
            nominal_words[low] = nominal_words.get(low, 0) + 1
        elif diff >= HARD and z >= RARE_ZIPF:
            # a hard word that is not rare (a rare word is named as one) nor a noun made from a verb
            key = _fold(w)
            hard_words[key] = hard_words.get(key, 0) + 1
    t.syllables, t.reader_words, t.content, t.content_zipf = syllables, reader, content, content_zipf
    t.uncommon, t.rare, t.nominal, t.jargon_tokens = uncommon, rare, nominal_count, jargon_tokens
    t.letters, t.polysyllables, t.difficulty, t.hard, t.not_easy = letters, polys, difficulty, hard, not_easy
    t.below_3_5, t.below_4, t.below_5 = below35, below4, below5
    t.jargon = len(terms)
    t.jargon_words = terms
    # Passive verbs: a form of "be" or "get", up to two adverbs, a past participle.
    for k in range(n):
        if lows[k] not in _BE:
            continue
        j = k + 1
        while j < n and j - k <= 2 and (lows[j] in _ADVERBS or (lows[j].endswith("ly") and len(lows[j]) > 4)):
            j += 1
        if j < n and infos[j][6]:
            t.passive += 1
            verb = _fold(" ".join(x[0] for x in infos[k:j + 1]))
            t.passives[verb] = t.passives.get(verb, 0) + 1
    # Noun chains: 3 or more words in a row, no punctuation between them, none
    # a little word, each able to be a noun or an adjective, at least two nouns.
    run: list[int] = []

    def close() -> None:
        if len(run) >= 3 and sum(1 for i in run if _noun_or_adjective(infos[i][1])[0]) >= 2:
            t.chains += 1
            chain = _fold(" ".join(infos[i][0] for i in run))
            t.chain_texts[chain] = t.chain_texts.get(chain, 0) + 1

    spaced = [gaps[i] if gaps is not None and i < len(gaps) else True for i in kept] if chains else []
    for k in range(n if chains else 0):
        stop = infos[k][3]
        link = not stop and not _part_is_verbish(infos[k][1]) and _noun_or_adjective(infos[k][1])[1]
        if link and (not run or spaced[run[-1]]):
            run.append(k)
        else:
            close()
            run = [k] if link else []
    close()
    return t


def _parts_of_speech(words: Sequence[str], tags: Callable[[], Sequence[str]] | None) -> Sequence[str]:
    """The universal part of speech of each word: from ``tags``, or speakeasy's tagger."""
    if tags is not None:
        return tags()
    from .tagger import load

    return [u for u, _ in load().tag(list(words))]


def _part_is_verbish(low: str) -> bool:
    """-ing and -ly words read as verbs and adverbs inside a phrase, not as parts of a noun chain."""
    return low.endswith("ly") or (low.endswith("ing") and len(low) > 5)


# -- the score ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Model:
    """The numbers the score uses (see ``speakeasy/data/plain_score.json``)."""

    weights: dict[str, float]
    means: dict[str, float]
    spreads: dict[str, float]
    centre: float
    scale: float
    bend: float
    age_at_100: float
    age_per_point: float
    youngest: int
    oldest: int


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files("speakeasy.data").joinpath("plain_score.json").read_text("utf-8"))
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        means={k: float(v) for k, v in data["means"].items()},
        spreads={k: float(v) for k, v in data["spreads"].items()},
        centre=float(data["scale"]["centre"]),
        scale=float(data["scale"]["points_per_unit"]),
        bend=float(data["scale"]["bend"]),
        age_at_100=float(data["reading_age"]["age_at_100"]),
        age_per_point=float(data["reading_age"]["years_per_point"]),
        youngest=int(data["reading_age"]["youngest"]),
        oldest=int(data["reading_age"]["oldest"]),
    )


def load_model(path: str | Path) -> Model:
    """The plain score's numbers from a weights file (``plain_score`` in the settings), checked.

    Raises :class:`~speakeasy.errors.ConfigError` with a plain message when the file cannot be used.
    """
    from .errors import ConfigError

    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is not a weights file (JSON)"
        raise ConfigError(f"{p}: speakeasy cannot read the plain score's weights here: {reason}. "
                          "Make the file with speakeasy forum calibrate.") from None
    shipped = model()
    try:
        made = Model(
            weights={k: float(data["weights"][k]) for k in FEATURES},
            means={k: float(data["means"][k]) for k in FEATURES},
            spreads={k: float(data["spreads"][k]) or 1.0 for k in FEATURES},
            centre=float(data["scale"]["centre"]), scale=float(data["scale"]["points_per_unit"]),
            bend=float(data["scale"]["bend"]),
            age_at_100=shipped.age_at_100, age_per_point=shipped.age_per_point,
            youngest=shipped.youngest, oldest=shipped.oldest,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ConfigError(f"{p}: this is not a file of the plain score's weights, or it is from another "
                          "version of speakeasy. Make it again with speakeasy forum calibrate.") from None
    if any(made.weights[k] != 0.0 for k in FEATURES if shipped.weights.get(k, 0.0) == 0.0):
        raise ConfigError(f"{p}: this file weighs a feature that speakeasy's score does not count. Make it "
                          "again with speakeasy forum calibrate.")
    return made


def contributions(t: Tally, m: Model | None = None) -> dict[str, float]:
    """How much each feature makes the text harder (positive) or easier than the reference."""
    m = m or model()
    x = t.features()
    return {k: m.weights.get(k, 0.0) * (x[k] - m.means[k]) / m.spreads[k] for k in FEATURES}


def difficulty(t: Tally, m: Model | None = None) -> float:
    """The weighted sum of z-scores: 0 is the reference corpus's average, higher is harder."""
    return sum(contributions(t, m).values())


def raw_score(t: Tally, m: Model | None = None) -> float:
    """The weighted sum on the Flesch reading ease scale, before it is kept within 0 to 100."""
    m = m or model()
    return m.centre - m.scale * difficulty(t, m)


def squash(raw: float, m: Model | None = None) -> float:
    """Keep a raw score within 0 to 100 without cutting it off.

    A logistic curve with a slope of 1 at 50: in the middle of the scale the
    plain score moves as the raw score does, and at the ends it bends, so
    two very easy (or very hard) sentences still come out in the right order
    instead of both at 100 (or 0).
    """
    m = m or model()
    x = (raw - 50.0) / m.bend
    if x < -50:
        return 0.0
    return 100.0 / (1.0 + math.exp(-x))


def reading_age_for(score: float, m: Model | None = None) -> int:
    m = m or model()
    age = m.age_at_100 + m.age_per_point * (100.0 - score)
    return int(min(max(round(age), m.youngest), m.oldest))


@dataclass(frozen=True, slots=True)
class PlainScore:
    score: float
    reading_age: int
    words: int
    sentences: int
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"plain_score": round(self.score, 1), "reading_age": self.reading_age, "words": self.words,
                "sentences": self.sentences, "reasons": list(self.reasons)}


def score(t: Tally, m: Model | None = None, explain: bool = True) -> PlainScore:
    """Score a tally: 0 to 100, with a reading age and (``explain``) the reasons it is hard."""
    m = m or model()
    if t.words == 0:
        return PlainScore(100.0, m.youngest, 0, t.sentences, ())
    value = squash(raw_score(t, m), m)
    why = tuple(reasons(t, m)) if explain else ()
    return PlainScore(value, reading_age_for(value, m), t.words, t.sentences, why)


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _named(noun: str, words: dict[str, int], plural: str | None = None) -> str:
    """'2 rare words: 'reablement' (3 times), 'promulgated'': the count is the number of different words.

    The words used most come first (in the order they first come when used as
    often), each with how often it is used when more than once.  After
    :data:`SHOWN` of them, "and N others" says how many more there are, so
    the count always matches what is named.
    """
    n = len(words)
    head = f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
    ranked = sorted(words.items(), key=lambda kv: -kv[1])
    shown = ranked[:SHOWN] if n > SHOWN + 1 else ranked  # never "and 1 other": name it
    text = ", ".join(f"'{w}'" + (f" ({_times(k)})" if k > 1 else "") for w, k in shown)
    rest = n - len(shown)
    if rest:
        text += f" and {rest} others"
    return f"{head}: {text}"


def reasons(t: Tally, m: Model | None = None, limit: int = 3) -> list[str]:
    """What makes this text hard, in plain words, the biggest reason first.

    Only things that make it harder than the reference text are named, so an
    easy paragraph has no reasons.
    """
    m = m or model()
    c = contributions(t, m)
    groups: list[tuple[float, str]] = []
    sents = max(t.sentences, 1)
    word_weight = sum(c[k] for k in WORD_FEATURES)
    if t.jargon:
        # Jargon goes before the other word reasons: the writer can change it
        # (the word lists give the plain words), so it is the first thing to name.
        groups.append((word_weight + 1.0, _named("jargon word", t.jargon_words)))
    rare = t.rare - t.jargon_tokens > 0 and bool(t.rare_words)
    if rare:
        groups.append((word_weight, _named("rare word", t.rare_words)))
    elif t.hard_words:
        # hard words by the word-difficulty table, when there are no rare words to name
        groups.append((word_weight, _named("hard word", t.hard_words)))
    elif word_weight > 0 and t.words and not t.jargon:
        share = round(100 * t.uncommon / t.words)
        groups.append((word_weight, f"{share}% of the words are not everyday words"))
    length_weight = c["log_words_per_sentence"] + c["long_sentences"]
    if t.sentences == 1:
        groups.append((length_weight, f"a {t.longest}-word sentence"))
    elif t.longest > LONG_SENTENCE:
        groups.append((length_weight, f"a {t.longest}-word sentence"))
    else:
        groups.append((length_weight, f"sentences of {round(t.words / sents)} words on average"))
    if t.passive:
        groups.append((c["passive"], _named("passive verb", t.passives)))
    if t.chains:
        groups.append((c["noun_chains"], _named("string of nouns", t.chain_texts, "strings of nouns")))
    if t.nominal:
        groups.append((c["nominal"], _named("noun made from a verb", t.nominal_words, "nouns made from verbs")))
    groups = [g for g in groups if g[0] > 0.05]
    groups.sort(key=lambda g: -g[0])
    return [text for _, text in groups[:limit]]


