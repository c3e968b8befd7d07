"""Readability formulas agree with textstat where the two count the same."""

from __future__ import annotations

import pytest

from speakeasy.analysis import Analysis
from speakeasy.readability import Counts, scores
from speakeasy.readers import read_bytes

# Text on which textstat's crude sentence and word counting agrees with ours:
# no abbreviations, no numbers, no short sentences (textstat ignores
# sentences of two words or fewer).
SIMPLE = (
    "The council will visit your home to talk about the help you need. "
    "We will write down what matters to you and agree a plan together. "
    "Everybody deserves independence, dignity and an opportunity to participate."
)


def _ours(text: str):
    doc = read_bytes("t.txt", text.encode(), "text")
    return Analysis(doc).scores()


def test_counts_match_textstat() -> None:
    import textstat

    from speakeasy.syllables import use_offline_cmudict

    use_offline_cmudict()
    ours = _ours(SIMPLE)
    assert ours.counts.words == textstat.lexicon_count(SIMPLE)
    assert ours.counts.sentences == textstat.sentence_count(SIMPLE)
    assert ours.counts.syllables == textstat.syllable_count(SIMPLE)


@pytest.mark.parametrize(
    "ours_name, textstat_name",
    [
        ("flesch_reading_ease", "flesch_reading_ease"),
        ("flesch_kincaid_grade", "flesch_kincaid_grade"),
        ("smog", "smog_index"),
    ],
)
def test_formulas_match_textstat(ours_name: str, textstat_name: str) -> None:
    import textstat

    from speakeasy.syllables import use_offline_cmudict

    use_offline_cmudict()
    ours = _ours(SIMPLE).get(ours_name)
    theirs = getattr(textstat, textstat_name)(SIMPLE)
    assert ours == pytest.approx(theirs, abs=0.05)


def test_abbreviations_do_not_inflate_the_sentence_count() -> None:
    """textstat counts 'e.g.' as sentence breaks; we do not."""
    text = "You can get help at home, e.g. with washing, i.e. personal care, from the council team."
    assert _ours(text).counts.sentences == 1


def test_empty_text_scores_as_easy() -> None:
    sc = scores(Counts())
    assert sc.flesch_reading_ease == 100.0
    assert sc.flesch_kincaid_grade == 0.0


def test_hard_text_scores_lower_than_easy_text() -> None:
    hard = _ours(
        "Commissioning arrangements necessitate comprehensive consideration of organisational "
        "responsibilities, interdependencies and accountability mechanisms."
    )
    easy = _ours("We buy care for people who need it. We ask them if it was good.")
    assert hard.flesch_reading_ease < 0 < 60 < easy.flesch_reading_ease
    assert hard.flesch_kincaid_grade > 15 > 5 > easy.flesch_kincaid_grade


def test_complex_words_skip_names_and_suffixes() -> None:
    doc = read_bytes("t.txt", b"We met Elizabeth Anderson today. We are organising everything carefully.", "text")
    c = Analysis(doc).scores().counts
    # "Elizabeth" and "Anderson" are names; "organising" is long only by -ing
    # ("organise" has three syllables, so it still counts); "everything" counts
    assert c.polysyllables >= 4
    assert c.complex_words < c.polysyllables
