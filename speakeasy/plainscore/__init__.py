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

The modules: :mod:`.tally` (what is counted, and the features), :mod:`.counting`
(counting a sentence) and :mod:`.scoring` (the fitted model, the score, the reading
age and the reasons).  Every public name is here too.
"""

from __future__ import annotations

from .tally import (  # noqa: F401
    COMMON_ZIPF,
    DIRECTION,
    EASIER,
    FEATURES,
    LONG_SENTENCE,
    NOUNS_FROM_VERBS_FILE,
    RARE_ZIPF,
    READER_WORDS,
    SHOWN,
    Tally,
    WORD_FEATURES,
    ZIPF_BINS,
    compact,
    tally,
)
from .counting import (  # noqa: F401
    NOMINAL,
    NOMINAL_IF_NOUN,
    NOT_NOMINAL,
    SPREAD,
    chains_weighed,
    nominal_kind,
    not_a_word,
    nouns_from_verbs,
    sentence_tally,
    spread_weighed,
    zipf,
)
from .scoring import (  # noqa: F401
    Model,
    PlainScore,
    contributions,
    difficulty,
    load_model,
    model,
    raw_score,
    reading_age_for,
    reasons,
    score,
    squash,
)
