"""Choosing what ``words suggest`` shortlists from what was counted: rare, formal and compound words,
acronyms and noun phrases, each with its reasons and its rank."""

from __future__ import annotations

import math

from ...lexicon import parts_of_speech, zipf
from .results import Example, Suggestion
from .tally import State, Tally
from .text import lemmas_of, noun_lemma, trim_sentence
from .thresholds import (
    ADJECTIVE_ENDINGS,
    CONNECTORS,
    FORMAL_ZIPF,
    GENERIC_ADJECTIVE_ZIPF,
    LATINATE_ENDINGS,
    MIN_REPEATS,
    MIN_SYLLABLES,
    PHRASE_ZIPF,
    RARE_ZIPF,
    REASON_COMPOUND,
    REASON_FORMAL,
    REASON_PHRASE,
    REASON_RARE,
)


def word_suggestions(
    words: dict[str, Tally], min_count: int
) -> tuple[list[tuple[float, Suggestion, Tally]], dict[str, str], set[str]]:
    """Rare, long formal and compound words.

    Also returns each word key's group (forms of one word merged) and the
    groups that are suggested, for leaving phrases with those words out.
    """
    from ...matching import normalise
    from ...syllables import syllables

    # Forms of one word are counted together when both are in the documents.
    parent: dict[str, str] = {}
    for key in sorted(words):
        tally = words[key]
        form = tally.term()
        if not form.endswith(("s", "d", "g")) or zipf(form) >= FORMAL_ZIPF:
            continue
        for lemma in lemmas_of(form):
            target = normalise(lemma)
            if target != key and target in words:
                parent[key] = target
                break

    def root(key: str) -> str:
        seen = {key}
        while key in parent and parent[key] not in seen:
            key = parent[key]
            seen.add(key)
        return key

    groups: dict[str, Tally] = {}
    group_of: dict[str, str] = {}
    for key in sorted(words):
        r = root(key)
        group_of[key] = r
        if r in groups:
            groups[r].merge(words[key])
        else:
            merged = Tally()
            merged.merge(words[key])
            groups[r] = merged

    out: list[tuple[float, Suggestion, Tally]] = []
    suggested: set[str] = set()
    for key, tally in groups.items():
        if tally.count < min_count:
            continue
        lower, _neutral, midcap = tally.cases
        if lower == 0 and midcap > 0:
            continue  # only ever capitalised in mid-sentence: a name
        term = tally.term()
        z = max(zipf(form) for form in tally.forms)
        if z >= PHRASE_ZIPF:
            continue
        reasons = []
        if z < RARE_ZIPF:
            reasons.append(REASON_RARE)
        if z < FORMAL_ZIPF and term.endswith(LATINATE_ENDINGS) and syllables(term) >= MIN_SYLLABLES:
            reasons.append(REASON_FORMAL)
        if "-" in term and tally.count >= MIN_REPEATS and z < PHRASE_ZIPF and not reasons:
            reasons.append(REASON_COMPOUND)
        if not reasons:
            continue
        suggested.add(key)
        out.append((_score(z, tally), Suggestion(term, reasons, tally.count, len(tally.docs), z, []), tally))
    return out, group_of, suggested


def acronym_suggestions(acronyms: dict[str, Tally], min_count: int) -> list[tuple[float, Suggestion, Tally]]:
    out = []
    for tally in acronyms.values():
        if tally.count < min_count:
            continue
        term = tally.term()
        z = zipf(term.lower())
        docs = len(tally.docs)
        spelled = len(tally.spelled_out)
        if spelled == 0:
            reason = "acronym, never spelled out"
        elif spelled == docs:
            reason = "acronym, spelled out"
        else:
            reason = f"acronym, spelled out in {spelled} of {docs} documents"
        # wordfreq cannot tell the acronym SEND from the word "send": for
        # ranking, an acronym is at least as rare as a rare word.
        rank_zipf = min(z, RARE_ZIPF) - (1.0 if spelled == 0 else 0.0)
        out.append((_score(rank_zipf, tally), Suggestion(term, [reason], tally.count, docs, z, []), tally))
    return out


def _noun_phrase(words: list[str]) -> bool:
    """Can these words be a noun phrase, going by the parts of speech each word can have?"""
    content = [w for w in words if w not in CONNECTORS]
    *modifiers, head = content
    pos = parts_of_speech(head)
    if pos and not pos & {"NOUN", "PROPN"}:
        return False
    if not pos and head.endswith(ADJECTIVE_ENDINGS):
        return False  # an unknown word that looks like an adjective ("inaccessible")
    for word in modifiers:
        pos = parts_of_speech(word)
        if pos and not pos & {"NOUN", "ADJ", "PROPN"} and not (word.endswith("ed") and "VERB" in pos):
            return False
        if pos == {"ADJ"} and zipf(word) >= GENERIC_ADJECTIVE_ZIPF:
            return False  # "different format", "new system": a description, not a name for something
    return True


def phrase_suggestions(
    phrases: dict[tuple[str, ...], Tally], min_count: int, suggested_words: set[str], group_of: dict[str, str]
) -> list[tuple[float, Suggestion, Tally]]:
    from ...matching import normalise

    # Plurals together: "care package" and "care packages".
    grouped: dict[tuple[str, ...], Tally] = {}
    for key in sorted(phrases):
        tally = phrases[key]
        last = tally.term().split(" ")[-1]
        gkey = key[:-1] + (normalise(noun_lemma(last)),)
        if gkey in grouped:
            grouped[gkey].merge(tally)
        else:
            merged = Tally()
            merged.merge(tally)
            grouped[gkey] = merged

    need = max(MIN_REPEATS, min_count)
    candidates: dict[tuple[str, ...], tuple[float, Tally, str]] = {}
    for key, tally in grouped.items():
        if tally.count < need:
            continue
        term = tally.term()
        words = term.split(" ")
        content = [w for w in words if w not in CONNECTORS]
        if any(group_of.get(normalise(w), normalise(w)) in suggested_words for w in content):
            continue  # the word is suggested on its own: the forum's decision on it covers the phrase
        if not _noun_phrase(words):
            continue
        z = zipf(" ".join(content))
        if z >= PHRASE_ZIPF and len(content) < 3:
            continue
        candidates[key] = (z, tally, term)

    # A phrase whose every use is inside a longer suggested phrase is left out.
    absorbed: set[tuple[str, ...]] = set()
    for key, (_z, tally, _term) in candidates.items():
        n = len(key)
        for size in range(2, n):
            for i in range(n - size + 1):
                sub = key[i : i + size]
                other = candidates.get(sub)
                if other is not None and other[1].count <= tally.count:
                    absorbed.add(sub)

    out = []
    for key, (z, tally, term) in candidates.items():
        if key in absorbed:
            continue
        out.append((_score(z, tally), Suggestion(term, [REASON_PHRASE], tally.count, len(tally.docs), z, []), tally))
    return out


def _score(z: float, tally: Tally) -> float:
    """Rarity (7 - Zipf) times the square root of uses times documents."""
    return (7.0 - z) * math.sqrt(tally.count * len(tally.docs))


def examples_of(state: State, tally: Tally) -> list[Example]:
    out = []
    for di, line, s_start, s_end, start, end in tally.refs[:2]:
        sentence = trim_sentence(state.texts[di], s_start, s_end, start, end)
        out.append(Example(state.paths[di], line, sentence))
    return out
