"""Counting a sentence for the plain score: which tokens are words, how common and hard they are, nouns made from verbs, passives and noun chains."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Sequence

from ..lexicon import dale_chall_easy_words, is_participle_by_form, parts_of_speech, stop_words, word_zipf
from ..syllables import syllables
from ..worddifficulty import HARD
from ..worddifficulty import difficulty as word_difficulty
from .scoring import model
from .tally import COMMON_ZIPF, LONG_SENTENCE, NOUNS_FROM_VERBS_FILE, RARE_ZIPF, READER_WORDS, ZIPF_BINS, Tally


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
    spread: bool | None = None,
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
    ``spread`` says the same of the spread of how common the words are (the
    Zipf bins and the word types); None: as the model weighs it, or as
    ``chains`` when that is given.

    ``tags()`` gives the universal part of speech of each of ``words``.  It
    is asked only when the sentence has a noun made from a verb that can be
    a verb too ("reference"); without it, speakeasy's tagger tags ``words``.
    """
    if spread is None:
        # the fitting script (chains=True) measures everything; otherwise as the model weighs them
        spread = spread_weighed() if chains is None else chains
    if chains is None:
        chains = chains_weighed()
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
    from ..tagger import load

    return [u for u, _ in load().tag(list(words))]


def _part_is_verbish(low: str) -> bool:
    """-ing and -ly words read as verbs and adverbs inside a phrase, not as parts of a noun chain."""
    return low.endswith("ly") or (low.endswith("ing") and len(low) > 5)


# -- the score ------------------------------------------------------------------------------
