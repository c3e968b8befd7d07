"""The plain score (speakeasy.plainscore): counting, adding up, scoring, reasons, and the engine's use of it."""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from speakeasy import plainscore
from speakeasy.analysis import WORD, Analysis, text_tally
from speakeasy.model import BlockKind
from speakeasy.plainscore import (
    RARE_ZIPF,
    Tally,
    contributions,
    model,
    raw_score,
    reading_age_for,
    reasons,
    score,
    sentence_tally,
    squash,
    tally,
    zipf,
)
from speakeasy.readers import read_bytes

EASY = "We buy care for people who need it. We ask people what they want."
# The bad example of the readability rules: long nominalised words, rare words, jargon.
BAD = yaml.safe_load((ROOT / "rules" / "readability.yaml").read_text(encoding="utf-8"))["rules"][1]["example"]["bad"]
# One long sentence with rare words and passive verbs, each of them above the reference corpus.
HARD_SENTENCE = (
    "The interdependencies of the reablement arrangements will be carefully reviewed and the documentation is "
    "subsequently verified by the multidisciplinary commissioning panel before the accountability framework is "
    "finally promulgated across the organisation and its subsidiaries."
)


def words(text: str) -> list[str]:
    """The reader's words, as speakeasy finds them."""
    return [m.group() for m in WORD.finditer(text)]


def analyse(text: str, path: str = "doc.md", fmt: str = "markdown") -> Analysis:
    return Analysis(read_bytes(path, text.encode("utf-8"), fmt))


# -- sentence_tally -----------------------------------------------------------------------


def test_sentence_tally_counts_words_syllables_and_sentences() -> None:
    t = sentence_tally(words("We buy care for people who need it."))
    assert (t.sentences, t.words, t.longest, t.long_sentences) == (1, 8, 8, 0)
    assert t.syllables == 9  # peo-ple is the only word of two
    assert t.rare == 0 and t.rare_words == {}


def test_numbers_are_not_words() -> None:
    t = sentence_tally(words("We reply within 28 days."))
    assert t.words == 4


@pytest.mark.parametrize("code", ["SW1A", "2AA", "LS1", "4B", "ASC/2024/0173", "HR/FOI/22-0087", "HR/FOI",
                                  "adultcare@leeds.gov.uk", "www.leeds.gov.uk", "https://www.devon.gov.uk/foi"])
def test_codes_and_addresses_are_not_words(code: str) -> None:
    t = sentence_tally(["Quote", code, "when", "you", "write"])
    assert t.words == 4 and t.rare == 0 and t.rare_words == {}
    assert plainscore.not_a_word(code)


@pytest.mark.parametrize("word", ["and/or", "he/she", "Yes/No", "co-operate", "reablement"])
def test_words_with_slashes_and_hyphens_are_still_words(word: str) -> None:
    assert not plainscore.not_a_word(word)
    assert sentence_tally(["Quote", word]).words == 2


ADDRESS = ("Customer Services\nWestgate House\nSW1A 2AA\nTel 020 7946 0018\nFax 020 7946 0019\n"
           "DX 12345 Westminster\nRef: HR/FOI/22-0087")


def test_an_address_paragraph_is_not_hard() -> None:
    # Postcodes, phone numbers and reference codes were rare words: this scored 21 with a reading age of 21.
    t = text_tally(ADDRESS)
    got = score(t)
    assert t.rare_words == {}
    assert got.reading_age <= 15 and got.score >= 50, got
    assert not any("rare word" in r for r in got.reasons)
    contact = score(text_tally("Contact: J Smith, Room 4B, County Hall, EX2 4QD, 01392 383000, foi@devon.gov.uk, "
                               "https://www.devon.gov.uk/foi"))
    assert contact.reading_age <= 14 and not any("rare" in r for r in contact.reasons), contact


def test_nouns_made_from_verbs_are_counted() -> None:
    t = text_tally("The implementation of the assessments needs careful consideration before approval.")
    assert t.nominal_words == {"implementation": 1, "assessments": 1, "consideration": 1, "approval": 1}


@pytest.mark.parametrize("word", ["security", "department", "information", "government", "station", "passion",
                                  "hospital", "central"])
def test_words_that_only_end_like_nouns_made_from_verbs_are_not_counted(word: str) -> None:
    # "security" comes from an adjective; "department" and "information" are far more common than
    # "depart" and "inform"; "station" and "passion" are not made from "state" and "pass".
    assert plainscore.nominal_kind(word) == plainscore.NOT_NOMINAL
    assert text_tally(f"The {word} holds the new records for the team.").nominal == 0


def test_a_noun_that_can_be_a_verb_counts_only_where_the_tagger_reads_a_noun() -> None:
    assert plainscore.nominal_kind("reference") == plainscore.NOMINAL_IF_NOUN
    assert text_tally("Please reference the leaflet in your letter.").nominal_words == {}
    assert text_tally("The reference is in your letter.").nominal_words == {"reference": 1}
    # called without the analysis, the score tags the words itself
    assert sentence_tally(words("The reference is in your letter")).nominal_words == {"reference": 1}
    assert sentence_tally(words("Please reference the leaflet")).nominal_words == {}


def test_a_sentence_without_such_a_noun_is_never_tagged() -> None:
    asked = []
    t = sentence_tally(words("The implementation needs consideration"), tags=lambda: asked.append(1) or [])
    assert t.nominal == 2 and asked == []


def test_the_spread_of_how_common_the_words_are() -> None:
    # content words: "people" (Zipf about 6), "care" (5.5), "reablement" (0), "package" (4.4)
    # the percentiles and the mean over types are measured when the model weighs them, or for the fit
    t = sentence_tally(words("People need care and reablement as a package"), chains=True)
    x = t.features()
    assert t.content == 5 and sum(t.zipf_bins.values()) == 5
    assert x["zipf_p10"] < 1.0 < x["zipf_median"]
    assert x["below_3_5"] == pytest.approx(1 / 5) and x["below_5"] == pytest.approx(2 / 5)
    assert x["type_zipf"] == pytest.approx(sum(t.types.values()) / len(t.types))
    # the mean over types counts a word used twice once; the mean over words twice
    twice = sentence_tally(words("Reablement needs reablement staff"), chains=True)
    assert len(twice.types) == 3 and twice.content == 4
    assert twice.features()["type_zipf"] > twice.features()["content_zipf"]


def test_percentiles_and_shares_add_up_across_sentences() -> None:
    a = sentence_tally(words("People need care"), chains=True)
    b = sentence_tally(words("Reablement packages are commissioned"), chains=True)
    both = tally([a, b])
    assert sum(both.zipf_bins.values()) == a.content + b.content
    assert both.features()["below_4"] == pytest.approx(
        (a.features()["below_4"] * a.content + b.features()["below_4"] * b.content) / (a.content + b.content))


def test_the_spread_is_not_kept_when_the_model_does_not_weigh_it() -> None:
    # the shipped model gives the percentiles and the mean over types no weight: no bins, no types
    assert not plainscore.spread_weighed()
    t = sentence_tally(words("People need care and reablement as a package"))
    assert t.zipf_bins == {} and t.types == {}
    full = sentence_tally(words("People need care and reablement as a package"), chains=True)
    assert t.features()["below_4"] == full.features()["below_4"] == pytest.approx(1 / 5)  # "reablement"
    assert score(t).score == score(full).score


def test_word_difficulty_hard_words_letters_and_long_words() -> None:
    from speakeasy.worddifficulty import HARD, difficulty

    t = sentence_tally(words("We ask what you want and commission interdisciplinary reablement"))
    x = t.features()
    content = ["ask", "want", "commission", "interdisciplinary", "reablement"]
    assert t.content == len(content)
    assert x["word_difficulty"] == pytest.approx(sum(difficulty(w) for w in content) / len(content))
    assert t.hard == sum(1 for w in content if difficulty(w) >= HARD) >= 2
    assert x["letters_per_word"] == pytest.approx(sum(len(w) for w in words(
        "We ask what you want and commission interdisciplinary reablement")) / 9)
    assert t.polysyllables == 3  # com-mis-sion, in-ter-dis-ci-pli-nar-y, re-a-ble-ment


def test_words_not_on_textstats_dale_chall_list() -> None:
    from textstat.backend.utils import get_lang_easy_words

    easy = get_lang_easy_words("en")
    t = sentence_tally(words("People need help with reablement and commissioning"))
    content = ["people", "need", "help", "reablement", "commissioning"]
    assert t.not_easy == sum(1 for w in content if w not in easy) == 2
    # read from textstat at run time: the same list, not a copy
    from speakeasy.lexicon import dale_chall_easy_words

    assert dale_chall_easy_words() == frozenset(easy)
    assert not list((ROOT / "speakeasy").rglob("easy_words*"))


def test_jargon_counts_as_a_rare_hard_word_in_every_word_measure() -> None:
    plain = sentence_tally(["We", "buy", "a", "care", "package"])
    jargon = sentence_tally(["We", "buy", "a", "care", "package"], jargon=[None, None, None, "care package",
                                                                             "care package"])
    # content words: "buy", "care", "package"; the two words of the term are rare and hard
    assert jargon.hard == 2 and jargon.not_easy == 2 and jargon.features()["below_3_5"] == pytest.approx(2 / 3)
    assert jargon.features()["word_difficulty"] > plain.features()["word_difficulty"]


def test_a_long_sentence_is_counted_as_long() -> None:
    t = sentence_tally(["We"] + ["visit"] * 24 + ["today"])  # 26 words
    assert (t.words, t.long_sentences, t.longest) == (26, 1, 26)
    assert sentence_tally(["We"] + ["visit"] * 23 + ["today"]).long_sentences == 0  # 25 words is not long


@pytest.mark.parametrize("name", ["Hamilton", "Thistlethwaite"])
def test_a_name_inside_a_sentence_is_not_a_rare_word(name: str) -> None:
    # Both would count: Hamilton is outside the most used words, Thistlethwaite is rare.
    assert zipf(name) < plainscore.COMMON_ZIPF
    named = sentence_tally(words(f"We met {name} at the station today."))
    assert named.uncommon == 0 and named.rare == 0 and named.rare_words == {}
    # The same word in lower case is counted: the test is not passing by accident.
    plain = sentence_tally(words(f"We met {name.lower()} at the station today."))
    assert plain.uncommon == 1
    assert plain.content == named.content + 1


def test_rare_words_are_counted_and_kept_as_examples() -> None:
    assert zipf("reablement") < RARE_ZIPF and zipf("interdependencies") < RARE_ZIPF
    t = sentence_tally(words("Reablement helps with the interdependencies of daily life."))
    assert t.rare == 2
    # the first word of a sentence is no name; words are counted in lower case
    assert t.rare_words == {"reablement": 1, "interdependencies": 1}
    assert t.uncommon >= 2


def test_every_different_word_is_kept_with_how_often_it_is_used() -> None:
    rare = ["reablement", "interdependencies", "promulgated", "signposting", "okonkwo", "abernethy",
            "thistlethwaite", "reablement"]
    t = sentence_tally(["we", *rare])
    assert t.rare == len(rare)
    assert list(t.rare_words) == rare[:7]
    assert t.rare_words["reablement"] == 2 and sum(t.rare_words.values()) == len(rare)


def test_jargon_counts_as_rare_even_when_the_words_are_common() -> None:
    ws = words("Your care package starts today.")
    plain = sentence_tally(ws)
    assert plain.rare == 0 and plain.jargon == 0
    assert zipf("care") > plainscore.COMMON_ZIPF  # an everyday word...
    jargon = sentence_tally(ws, jargon=[None, "care package", "care package", None, None])
    # ...counts as rare inside a wordlist term
    assert (jargon.rare, jargon.uncommon, jargon.jargon_tokens, jargon.jargon) == (2, 2, 2, 1)
    assert jargon.jargon_words == {"care package": 1}
    assert jargon.rare_words == {}  # jargon is named as jargon, not as a rare word
    assert jargon.words == plain.words and jargon.syllables == plain.syllables
    assert score(jargon).score < score(plain).score


def test_jargon_positions_follow_the_words_given_when_numbers_are_dropped() -> None:
    ws = words("From 2024 your care package changes.")
    assert ws == ["From", "2024", "your", "care", "package", "changes"]
    t = sentence_tally(ws, jargon=[None, None, None, "care package", "care package", None])
    assert (t.words, t.jargon_tokens, t.jargon_words) == (5, 2, {"care package": 1})


@pytest.mark.parametrize(
    "text, passive",
    [
        ("Your letter will be sent today.", "be sent"),
        ("Your plan is carefully reviewed by the team.", "is carefully reviewed"),
        ("The form was sent to you.", "was sent"),
    ],
)
def test_passive_verbs_are_found(text: str, passive: str) -> None:
    t = sentence_tally(words(text))
    assert t.passive == 1
    assert t.passives == {passive: 1}


def test_a_passive_verb_used_twice_is_one_verb_used_twice() -> None:
    t = sentence_tally(words("The form is sent to you and the letter is sent to your doctor."))
    assert (t.passive, t.passives) == (2, {"is sent": 2})
    (reason,) = [r for r in reasons(t, limit=10) if "passive" in r]
    assert reason == "1 passive verb: 'is sent' (twice)"


@pytest.mark.parametrize("text", ["We are pleased to help you.", "We will send your letter today.",
                                  "The team is kind and the room is warm."])
def test_active_verbs_are_not_passive(text: str) -> None:
    t = sentence_tally(words(text))
    assert (t.passive, t.passives) == (0, {})


def test_noun_chains_are_found() -> None:
    t = sentence_tally(words("The care package review process is new."), chains=True)
    assert t.chains == 1
    assert t.chain_texts == {"care package review process": 1}


def test_punctuation_breaks_a_noun_chain() -> None:
    ws = words("The care package, review process is new.")
    assert ws == words("The care package review process is new.")  # only the gaps differ
    gaps = [True] * (len(ws) - 1)
    gaps[ws.index("package")] = False  # a comma after "package"
    assert sentence_tally(ws, gaps, chains=True).chains == 0
    assert sentence_tally(ws, chains=True).chains == 1  # without gaps, every gap is a space
    # The same through a document: speakeasy works the gaps out from the text.
    assert text_tally("The care package, review process is new.", chains=True).chains == 0
    assert text_tally("The care package review process is new.", chains=True).chains == 1


def test_noun_chains_are_not_measured_when_they_have_no_weight() -> None:
    """The shipped weights give noun chains none, so a check does not load lemminflect for them."""
    import subprocess
    import sys

    code = ("import sys; from speakeasy.analysis import text_tally; from speakeasy.plainscore import model; "
            "assert model().weights['noun_chains'] == 0; "
            "t = text_tally('The care package review process is new.'); "
            "print(t.chains, 'lemminflect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False"]


def test_a_little_word_breaks_a_noun_chain() -> None:
    t = sentence_tally(words("The care package for the review process is new."), chains=True)
    assert (t.chains, t.chain_texts) == (0, {})


def test_speaking_to_the_reader_is_counted() -> None:
    t = sentence_tally(words("You and your family tell us what we should do for you."))
    assert t.reader_words == 5  # You, your, us, we, you
    assert sentence_tally(words("The family tells the council what it should do.")).reader_words == 0
    assert t.features()["speaks_to_reader"] == pytest.approx(5 / 12)


def test_a_sentence_without_letters_has_no_words() -> None:
    t = sentence_tally(["2024", "12"])
    assert (t.sentences, t.words, t.syllables) == (1, 0, 0)
    assert score(t).score == 100.0


# -- adding up ------------------------------------------------------------------------------


def test_tallies_add_up() -> None:
    a = sentence_tally(words("Your care package will be sent by the reablement team."))
    b = sentence_tally(words(HARD_SENTENCE))
    total = Tally()
    total.add(a)
    total.add(b)
    for name in ("sentences", "words", "syllables", "content", "uncommon", "rare", "nominal", "passive",
                 "chains", "long_sentences", "reader_words"):
        assert getattr(total, name) == getattr(a, name) + getattr(b, name), name
    assert total.content_zipf == pytest.approx(a.content_zipf + b.content_zipf)
    assert total.longest == max(a.longest, b.longest) == b.longest
    # the words: each once, in the order they first come, with how often they are used
    assert list(total.rare_words) == ["reablement", "interdependencies", "promulgated"]
    assert list(total.passives) == ["be sent", "be carefully reviewed", "is subsequently verified",
                                    "is finally promulgated"]
    assert sum(total.passives.values()) == total.passive
    assert tally([a, b]) == total


def test_a_paragraph_tally_is_the_sum_of_its_sentences() -> None:
    sentences = [EASY.split(". ")[0] + ".", "Your care package will be sent by the reablement team.", HARD_SENTENCE,
                 "Thank you for telling us what you think."]
    whole = text_tally(" ".join(sentences))
    parts = [text_tally(s) for s in sentences]
    assert whole.sentences == 4
    assert whole == tally(parts)
    assert whole.features() == pytest.approx(tally(parts).features())
    assert score(whole) == score(tally(parts))


MARKDOWN = """\
# Buying care for you

We buy care for people who need it.
We ask people what they want.

Commissioning arrangements necessitate comprehensive consideration of organisational responsibilities,
interdependencies and accountability mechanisms. Your care package will be sent to the reablement team.

## What happens next

- We’ll call you within two days.
- We will write to you.

Thank you for reading this.
"""


def test_a_document_is_the_sum_of_its_blocks_without_headings() -> None:
    a = analyse(MARKDOWN)
    kinds = [b.kind for b in a.blocks]
    assert BlockKind.HEADING in kinds
    body = [bi for bi, b in enumerate(a.blocks) if b.kind is not BlockKind.HEADING]
    for bi in body:
        assert a.block_tally(bi) == tally(a.sentence_tally(s) for s in a.block_sentences(bi))
    summed = tally(a.block_tally(bi) for bi in body)
    doc = a.plain_document()
    assert doc == score(summed)
    heading_words = sum(len(words(a.text(b.start, b.end))) for b in a.blocks if b.kind is BlockKind.HEADING)
    assert heading_words == 7
    assert doc.words == a.scores().counts.words - heading_words
    # The headings are not scored on their own either.
    blocks = a.plain_blocks()
    assert [bi for bi, ps in enumerate(blocks) if ps is not None] == body
    assert sum(ps.words for ps in blocks if ps is not None) == doc.words


def test_document_and_paragraph_scores_count_the_jargon_spans() -> None:
    text = "Your care package is ready. We will call you today."
    a = analyse(text, "t.txt", "text")
    before = a.plain_document()
    b = analyse(text, "t.txt", "text")
    start = text.index("care package")
    b.jargon_spans = [(start, start + len("care package"), "care package")]
    after = b.plain_document()
    assert after.score < before.score
    (sent, _) = b.sentences
    t = b.sentence_tally(sent)
    assert (t.jargon, t.jargon_tokens, t.jargon_words) == (1, 2, {"care package": 1})
    assert any(r.startswith("1 jargon word: 'care package'") for r in after.reasons)


# -- the score ---------------------------------------------------------------------------------


def test_no_words_scores_100() -> None:
    ps = score(Tally())
    assert (ps.score, ps.words, ps.reasons) == (100.0, 0, ())
    assert ps.reading_age == model().youngest
    assert analyse("").plain_document().score == 100.0


def test_squash_is_increasing_within_0_and_100_with_a_slope_of_1_at_50() -> None:
    xs = [x / 2 for x in range(-1000, 1201)]  # raw scores from -500 to 600
    ys = [squash(x) for x in xs]
    assert all(0.0 < y < 100.0 for y in ys)
    assert all(b > a for a, b in zip(ys, ys[1:]))
    assert squash(50.0) == pytest.approx(50.0)
    h = 1e-4
    assert (squash(50 + h) - squash(50 - h)) / (2 * h) == pytest.approx(1.0, abs=1e-3)
    # symmetric about 50
    assert squash(80.0) - 50 == pytest.approx(50 - squash(20.0))
    # in the middle of the scale the score moves as the raw score does
    assert squash(60.0) == pytest.approx(60.0, abs=0.5)


def test_reading_age_goes_down_as_the_score_goes_up() -> None:
    m = model()
    ages = [reading_age_for(s / 10) for s in range(0, 1001)]
    assert all(b <= a for a, b in zip(ages, ages[1:]))
    assert ages[0] == m.oldest > ages[500] > ages[-1] == m.youngest
    assert all(m.youngest <= a <= m.oldest for a in ages)
    assert reading_age_for(-50.0) == m.oldest and reading_age_for(150.0) == m.youngest


def test_score_and_reading_age_agree() -> None:
    for text in (EASY, BAD, HARD_SENTENCE):
        ps = score(text_tally(text))
        assert ps.reading_age == reading_age_for(ps.score)
        assert ps.score == pytest.approx(squash(raw_score(text_tally(text))))


def test_easy_text_scores_higher_than_jargon() -> None:
    easy = score(text_tally(EASY))
    bad = score(text_tally(BAD))
    assert easy.score >= 80 > 30 >= bad.score
    assert easy.reading_age < bad.reading_age
    assert easy.reading_age <= 11 and bad.reading_age >= 18
    good = yaml.safe_load((ROOT / "rules" / "readability.yaml").read_text(encoding="utf-8"))["rules"][1]
    assert score(text_tally(good["example"]["good"])).score >= 60


# From plainlanguage.gov's before-and-after examples (CC0).
PAIRS = [
    ("The application must be completed by the applicant and received by the financial office by June 1st.",
     "We must receive your application by June 1st."),
    ("This form will be used by Federal agencies to obtain applicant information in order to determine "
     "eligibility for the programme.",
     "We use this form to find out if you can get help from the programme."),
]


@pytest.mark.parametrize("before, after", PAIRS)
def test_the_plain_version_of_a_before_and_after_pair_scores_higher(before: str, after: str) -> None:
    b, a = score(text_tally(before)), score(text_tally(after))
    assert a.score > b.score + 10
    assert a.reading_age < b.reading_age


def test_features_of_an_empty_tally_are_finite() -> None:
    f = Tally().features()
    assert all(math.isfinite(v) for v in f.values())
    assert set(f) == set(plainscore.FEATURES) == set(model().weights)


# -- reasons ----------------------------------------------------------------------------------------


def test_easy_text_has_no_reasons() -> None:
    assert reasons(text_tally(EASY)) == []
    assert score(text_tally(EASY)).reasons == ()


def test_hard_text_names_its_reasons_biggest_first() -> None:
    t = text_tally(HARD_SENTENCE)
    got = reasons(t)
    assert got == [
        "3 rare words: 'interdependencies', 'reablement', 'promulgated'",
        f"a {t.words}-word sentence",
        "3 passive verbs: 'be carefully reviewed', 'is subsequently verified', 'is finally promulgated'",
    ]
    assert t.words > plainscore.LONG_SENTENCE
    # In order of weight: the weights are the feature contributions of each group.
    c = contributions(t)
    weight = {
        "rare": sum(c[k] for k in plainscore.WORD_FEATURES),
        "sentence": c["log_words_per_sentence"] + c["long_sentences"],
        "passive": c["passive"],
        "nouns made": c["nominal"],
    }
    every = reasons(t, limit=10)
    assert len(every) > 3 and every[:3] == got  # at most three by default
    # the rare words are named; the hard words that are not rare are not named as well
    assert t.hard_words and not any("hard word" in r for r in every)
    ws = [next(v for k, v in weight.items() if k in r) for r in every]
    assert ws == sorted(ws, reverse=True)
    assert all(w > 0 for w in ws)
    assert score(t).reasons == tuple(got)


def test_hard_words_are_named_and_counted_as_they_are_named() -> None:
    # no rare words here, so the hard words (by the word-difficulty table) are named
    t = text_tally("The assessment of your circumstances will subsequently determine the eligibility outcome.")
    named = [r for r in reasons(t, limit=10) if "hard word" in r]
    assert named, reasons(t, limit=10)
    n = int(named[0].split()[0])
    assert n == len(t.hard_words)
    # nouns made from verbs and rare words are named as those, not again as hard words
    assert not set(t.hard_words) & (set(t.nominal_words) | set(t.rare_words))


def test_reasons_name_jargon_in_quotes() -> None:
    ws = words("Your care package is sent to the reablement team for a carers assessment.")
    jargon = [None] * len(ws)
    for i, w in enumerate(ws):
        if w in ("care", "package"):
            jargon[i] = "care package"
        elif w == "reablement":
            jargon[i] = "reablement"
    t = sentence_tally(ws, jargon=jargon)
    got = reasons(t)
    assert got[0] == "2 jargon words: 'care package', 'reablement'"


def test_reasons_of_several_sentences_give_the_average_or_the_longest() -> None:
    t = text_tally("Commissioning arrangements necessitate consideration. Implementation requires partnership "
                   "approaches. Evaluation methodologies facilitate improvement.")
    got = reasons(t, limit=10)
    assert not any(r.startswith("a ") and r.endswith("-word sentence") for r in got)
    # a long sentence and a short one (the mean of 24 words counts against the text): the longest is named
    long = text_tally(HARD_SENTENCE + " We agree with every part of this and will act on it soon.")
    assert long.longest > 25
    assert f"a {long.longest}-word sentence" in reasons(long, limit=10)


def test_a_word_used_three_times_is_one_word_used_three_times() -> None:
    t = text_tally("We studied the interdependencies. The interdependencies are many and the "
                   "interdependencies are odd.")
    (rare,) = [r for r in reasons(t, limit=10) if "rare word" in r]
    assert rare == "1 rare word: 'interdependencies' (3 times)"
    # four words are all named; from five, "and N others" says how many are not
    t = sentence_tally(["we", "reablement", "interdependencies", "promulgated", "signposting"])
    (rare,) = [r for r in reasons(t, limit=10) if "rare word" in r]
    assert rare == "4 rare words: 'reablement', 'interdependencies', 'promulgated', 'signposting'"
    t = sentence_tally(["we", "reablement", "interdependencies", "promulgated", "signposting", "okonkwo"])
    (rare,) = [r for r in reasons(t, limit=10) if "rare word" in r]
    assert rare == "5 rare words: 'reablement', 'interdependencies', 'promulgated' and 2 others"


# -- the engine ---------------------------------------------------------------------------------------

REPORT_SCHEMA = ROOT / "docs" / "schema" / "report.schema.json"


def check_json(cli, path: Path, *args: str) -> dict:
    code, out, err = cli("check", str(path), "--format", "json", "--no-cache", *args)
    assert code in (0, 1), err
    return json.loads(out)


def test_check_reports_the_plain_score_of_the_document_and_each_paragraph(cli, tmp_path: Path) -> None:
    import jsonschema

    f = tmp_path / "policy.md"
    f.write_text(MARKDOWN, encoding="utf-8")
    data = check_json(cli, f, "--no-config")
    jsonschema.validate(data, json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))
    stats = data["files"][0]["stats"]
    assert 0 <= stats["plain_score"] <= 100
    assert isinstance(stats["reading_age"], int)
    paras = stats["paragraph_scores"]
    item_keys = set(json.loads(REPORT_SCHEMA.read_text())["properties"]["files"]["items"]["properties"]["stats"]
                    ["properties"]["paragraph_scores"]["items"]["required"])
    assert all(set(p) == item_keys for p in paras)
    # headings are not listed; the paragraphs and list items are, in order
    assert [p["kind"] for p in paras] == ["paragraph", "paragraph", "list_item", "list_item", "paragraph"]
    assert [(p["line"], p["end_line"]) for p in paras] == [(3, 4), (6, 7), (11, 11), (12, 12), (14, 14)]
    source = f.read_text(encoding="utf-8")
    lines = source.splitlines()
    texts = [source[p["offset"]:p["end_offset"]] for p in paras]
    assert texts == [
        "We buy care for people who need it.\nWe ask people what they want.",
        lines[5] + "\n" + lines[6],
        "We’ll call you within two days.",
        "We will write to you.",
        "Thank you for reading this.",
    ]
    for p, text in zip(paras, texts):
        assert lines[p["line"] - 1].endswith(text.splitlines()[0])
        assert p["words"] == len(words(text))
        assert p["location"]
    assert paras[0]["location"] == "under 'Buying care for you', paragraph 1"
    # one score a sentence
    assert [p["sentences"] for p in paras] == [2, 2, 1, 1, 1]
    assert [len(p["sentence_scores"]) for p in paras] == [2, 2, 1, 1, 1]
    assert all(0 <= s <= 100 for p in paras for s in p["sentence_scores"])
    # a paragraph of one sentence scores as that sentence does (the report reuses the paragraph's score)
    assert [p["sentence_scores"] for p in paras[2:]] == [[p["plain_score"]] for p in paras[2:]]
    assert len({p["plain_score"] for p in paras[2:]}) == 3  # three sentences, three scores: each its own
    easy, hard = paras[0], paras[1]
    assert hard["plain_score"] < 40 < 80 < easy["plain_score"]
    assert hard["sentence_scores"][0] < hard["sentence_scores"][1]  # the first sentence is the hard one
    assert easy["reasons"] == [] and hard["reasons"]
    assert hard["reading_age"] > easy["reading_age"]
    # the document is all the paragraphs together
    assert sum(p["words"] for p in paras) == stats["words"] - 7  # the headings have 7 words
    assert min(p["plain_score"] for p in paras) < stats["plain_score"] < max(p["plain_score"] for p in paras)


# About care (the social care list speaks only in text about care and support).
JARGON_PARAGRAPH = "We will signpost carers to reablement. Your care package is looked at by the team every year.\n"


def _paragraph(cli, path: Path, *args: str) -> dict:
    (p,) = check_json(cli, path, *args)["files"][0]["stats"]["paragraph_scores"]
    return p


def test_jargon_from_the_wordlists_lowers_the_score(cli, tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text(JARGON_PARAGRAPH, encoding="utf-8")
    with_jargon = _paragraph(cli, f, "--no-config")
    without = _paragraph(cli, f, "--no-config", "--disable", "social-care")
    assert with_jargon["plain_score"] < without["plain_score"]
    assert with_jargon["reasons"][0] == "3 jargon words: 'signpost', 'reablement', 'care package'"
    assert not any("jargon" in r for r in without["reasons"])
    # The same with a configuration file that turns the word rules off.
    (tmp_path / ".speakeasy.yaml").write_text("rules:\n  social-care: off\n  plain-english: off\n", encoding="utf-8")
    code, out, err = cli("check", str(f), "--format", "json", "--no-cache", cwd=tmp_path)
    assert code in (0, 1), err
    (from_file,) = json.loads(out)["files"][0]["stats"]["paragraph_scores"]
    assert from_file["plain_score"] == without["plain_score"]


def test_a_disable_comment_means_the_words_are_not_jargon(cli, tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text(JARGON_PARAGRAPH, encoding="utf-8")
    quoted = tmp_path / "quoted.md"
    quoted.write_text("<!-- speakeasy-disable social-care -- we name the jargon on purpose -->\n\n" + JARGON_PARAGRAPH
                      + "\n<!-- speakeasy-enable social-care -->\n", encoding="utf-8")
    flagged = _paragraph(cli, plain, "--no-config")
    allowed = _paragraph(cli, quoted, "--no-config")
    off = _paragraph(cli, plain, "--no-config", "--disable", "social-care")
    assert allowed["plain_score"] == off["plain_score"] > flagged["plain_score"]
    assert allowed["reasons"] == off["reasons"]
    # and a comment for another rule changes nothing
    other = tmp_path / "other.md"
    other.write_text("<!-- speakeasy-disable passive-voice -->\n\n" + JARGON_PARAGRAPH, encoding="utf-8")
    assert _paragraph(cli, other, "--no-config")["plain_score"] == flagged["plain_score"]


# -- the readability rule ----------------------------------------------------------------------------

HARD_PARAGRAPH = (BAD.strip() + " ") * 2
EASY_PARAGRAPH = (EASY + " ") * 5


def _ruleset(tmp_path: Path, config: str):
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    (tmp_path / ".speakeasy.yaml").write_text(config, encoding="utf-8")
    return build_ruleset(resolve(cwd=tmp_path))


def shown(value: float) -> str:
    """A value as messages show it: whole numbers from 10, one decimal below."""
    return f"{value:.0f}" if abs(value) >= 10 else f"{value:.1f}"


def _readability(result) -> list:
    return [f for f in result.findings if f.rule == "readability.paragraph"]


def test_the_paragraph_rule_flags_a_hard_paragraph_and_says_why(lint) -> None:
    result = lint(EASY_PARAGRAPH + "\n\n" + HARD_PARAGRAPH + "\n")
    (f,) = _readability(result)
    assert f.line == 3
    assert f.extra["metric"] == "plain_score"
    ps = result.stats["paragraph_scores"][1]
    assert f.value == ps["plain_score"] < 30
    assert f.threshold == 30
    assert f.message == (f"This paragraph's plain score is {shown(f.value)}; aim for at least 30. "
                         f"What makes it hard: {'; '.join(ps['reasons'])}.")
    assert f.extra["reasons"] == ps["reasons"]
    assert any("jargon word" in r for r in f.extra["reasons"])  # the default wordlists count
    assert not _readability(lint(EASY_PARAGRAPH))


def test_reading_age_thresholds_flag_higher_ages(tmp_path: Path) -> None:
    from speakeasy.engine import lint_text

    text = EASY_PARAGRAPH + "\n\n" + HARD_PARAGRAPH + "\n"
    rule = "rules:\n  readability.paragraph:\n    metric: reading_age\n"
    rs = _ruleset(tmp_path, rule + "    thresholds: {warning: 14}\n")
    result = lint_text(text, rs, "doc.md", "markdown")
    (f,) = _readability(result)
    age = result.stats["paragraph_scores"][1]["reading_age"]
    assert f.value == age > 14
    assert f.extra["metric"] == "reading_age"
    assert f.message.startswith(f"This paragraph's reading age is {age}; aim for at most 14. What makes it hard: ")
    # an age equal to the limit is fine, one year less is not
    at = _ruleset(tmp_path, rule + f"    thresholds: {{warning: {age}}}\n")
    assert not _readability(lint_text(text, at, "doc.md", "markdown"))
    below = _ruleset(tmp_path, rule + f"    thresholds: {{warning: {age - 1}, error: {age + 5}}}\n")
    (f,) = _readability(lint_text(text, below, "doc.md", "markdown"))
    assert f.threshold == age - 1 and f.level.name == "WARNING"


def test_a_custom_message_still_works(tmp_path: Path) -> None:
    from speakeasy.engine import lint_text

    rs = _ruleset(tmp_path, "rules:\n  readability.paragraph:\n"
                            "    message: 'Plain score {value}, below {threshold}. Rewrite it.'\n")
    (f,) = _readability(lint_text(HARD_PARAGRAPH, rs, "doc.md", "markdown"))
    assert f.message == f"Plain score {shown(f.value)}, below 30. Rewrite it."
    assert f.extra["reasons"]


# -- the cache -------------------------------------------------------------------------------------------


def test_refitting_the_plain_score_misses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speakeasy import cache

    real = Path(cache.__file__).resolve().parent
    copy = tmp_path / "speakeasy"
    (copy / "data").mkdir(parents=True)
    shutil.copy2(real / "cache.py", copy / "cache.py")
    shutil.copytree(real / "plainscore", copy / "plainscore")
    numbers = copy / "data" / "plain_score.json"
    shutil.copy2(real / "data" / "plain_score.json", numbers)
    (copy / "data" / "word_difficulty").mkdir()
    table = copy / "data" / "word_difficulty" / "table.tsv"
    shutil.copy2(real / "data" / "word_difficulty" / "table.tsv", table)
    monkeypatch.setattr(cache, "__file__", str(copy / "cache.py"))
    before = cache.code_stamp()
    assert cache.code_stamp() == before
    data = json.loads(numbers.read_text(encoding="utf-8"))
    data["weights"]["passive"] = 0.5
    numbers.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    st = numbers.stat()
    os.utime(numbers, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert cache.code_stamp() != before
    # so does the word-difficulty table
    stamped = cache.code_stamp()
    table.write_text(table.read_text(encoding="utf-8") + "zzzz\t6.00\n", encoding="utf-8")
    assert cache.code_stamp() != stamped
    # other data files are not code
    other = tmp_path / "speakeasy" / "data" / "notes.txt"
    after = cache.code_stamp()
    other.write_text("x", encoding="utf-8")
    assert cache.code_stamp() == after


# -- offline -------------------------------------------------------------------------------------------------


def test_the_plain_score_works_with_the_network_blocked(tmp_path: Path) -> None:
    from test_offline import run_offline

    doc = tmp_path / "doc.md"
    doc.write_text(MARKDOWN, encoding="utf-8")
    proc = run_offline(["check", str(doc), "--no-config", "--format", "json"], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "ATTEMPTS=0" in proc.stderr
    assert "WORDFREQ=1" in proc.stderr  # the word frequencies were loaded
    stats = json.loads(proc.stdout)["files"][0]["stats"]
    assert 0 < stats["plain_score"] < 100
    assert re.fullmatch(r"\d+", str(stats["reading_age"]))
    assert len(stats["paragraph_scores"]) == 5


def test_a_check_keeps_the_spread_of_word_frequencies_when_the_model_weighs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spread (Zipf bins, word types) is kept on the check path whenever the model weighs it, noun chains or not."""
    import speakeasy.plainscore as ps
    from speakeasy.analysis import Analysis
    from speakeasy.analysis.counting import tally_sentence
    from speakeasy.readers import read_bytes

    doc = read_bytes("a.md", b"We will utilise the reablement service every week.\n", "markdown")
    analysis = Analysis(doc)
    sent = analysis.sentences[0]
    for module in (ps, ps.counting):
        monkeypatch.setattr(module, "chains_weighed", lambda: False)
        monkeypatch.setattr(module, "spread_weighed", lambda: True)
    kept = tally_sentence(analysis, sent)
    assert kept.zipf_bins and kept.types
    assert kept.features()["zipf_p10"] == ps.sentence_tally(sent.texts, chains=False, spread=True).features()["zipf_p10"]
    for module in (ps, ps.counting):
        monkeypatch.setattr(module, "spread_weighed", lambda: False)
    assert not tally_sentence(analysis, sent).zipf_bins
