"""The built-in rule kinds: length, readability, passive voice, acronyms, existence."""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy.config import resolve
from speakeasy.engine import lint_text
from speakeasy.ruleset import build_ruleset
from speakeasy.model import Level


def found(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


# -- sentence and paragraph length ------------------------------------------------------


def sentence_of(n: int) -> str:
    words = ["We"] + ["visit"] * (n - 2) + ["today."]
    return " ".join(words)


@pytest.mark.parametrize("n, level", [(25, None), (26, Level.WARNING), (35, Level.WARNING), (36, Level.ERROR)])
def test_sentence_length_thresholds(lint, n: int, level: Level | None) -> None:
    fs = found(lint(sentence_of(n)), "length.sentence")
    if level is None:
        assert fs == []
    else:
        (f,) = fs
        assert f.level is level
        assert f.value == n
        assert f.threshold == (25 if level is Level.WARNING else 35)
        assert f.message == (
            f"This sentence has {n} words. Aim for {int(f.threshold)} or fewer: split it into shorter sentences."
        )


def test_long_sentence_suggests_where_to_split(lint) -> None:
    text = (
        "We will visit you at home to talk about the help you need, and we will write down what matters "
        "to you, which helps us agree a plan with you and your family."
    )
    (f,) = found(lint(text), "length.sentence")
    assert f.extra["split_after"][0].endswith(" and...")


def test_headings_are_not_checked_for_sentence_length(lint) -> None:
    assert found(lint("# " + sentence_of(40)[:-1] + "\n"), "length.sentence") == []


def test_paragraph_length(lint) -> None:
    para = " ".join(["We visit people at home every week."] * 15)  # 105 words
    (f,) = found(lint(para), "length.paragraph")
    assert (f.value, f.threshold, f.level) == (105, 100, Level.WARNING)
    assert f.message == "This paragraph has 105 words. Aim for 100 or fewer: break it up."


def test_easy_read_profile_is_stricter() -> None:
    rs = build_ruleset(resolve({"profile": "easy-read"}, no_config=True))
    (f,) = found(lint_text(sentence_of(17), rs), "length.sentence")
    assert (f.level, f.threshold) == (Level.WARNING, 15)


# -- readability --------------------------------------------------------------------------

HARD = (
    "Commissioning arrangements necessitate comprehensive consideration of organisational responsibilities, "
    "interdependencies and accountability mechanisms. Implementation requires collaborative partnership "
    "approaches incorporating multidisciplinary representation. Evaluation methodologies will facilitate "
    "continuous improvement across organisational boundaries and integrated commissioning frameworks."
)


def test_document_readability_names_the_hardest_sentences(lint) -> None:
    (f,) = found(lint(HARD + " " + HARD), "readability.document")
    assert f.level is Level.ERROR
    assert f.location == "the whole document"
    assert f.message.startswith("The document's plain score is ")
    assert "aim for at least 30" in f.message
    assert "What makes it hard: " in f.message and f.extra["reasons"]
    assert f.extra["metric"] == "plain_score"
    assert len(f.extra["hardest_sentences"]) == 3
    assert f.value < 30 and f.threshold == 30


def test_paragraph_readability(lint) -> None:
    easy = "We buy care for people who need it. We ask people what they want. " * 4
    result = lint(easy + "\n\n" + HARD + " " + HARD + "\n")
    fs = found(result, "readability.paragraph")
    assert [f.line for f in fs] == [3]
    assert fs[0].message.startswith("This paragraph's plain score is ")
    assert "What makes it hard: " in fs[0].message
    assert fs[0].extra["metric"] == "plain_score" and fs[0].extra["reasons"]


def test_short_text_is_not_scored(lint) -> None:
    assert found(lint("Commissioning arrangements necessitate consideration."), "readability.document") == []


# -- passive voice ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, match",
    [
        ("Your plan will be reviewed every year.", "be reviewed"),
        ("The form was sent to you.", "was sent"),
        ("You are not required to pay.", "are not required"),
        ("The money was quickly paid back.", "was quickly paid"),
        ("Mistakes were made.", "were made"),
        ("The letter has been written.", "been written"),
        ("He got paid on Friday.", "got paid"),
    ],
)
def test_passive_voice_is_found(lint, text: str, match: str) -> None:
    assert [f.match for f in found(lint(text), "passive-voice.passive")] == [match]


@pytest.mark.parametrize(
    "text",
    [
        "We will review your plan every year.",
        "We are pleased to help.",
        "She is interested in the job.",
        "The need is great.",
        "This is a red bed.",
        "We were there.",
    ],
)
def test_active_voice_is_not_flagged(lint, text: str) -> None:
    assert found(lint(text), "passive-voice.passive") == []


def test_passive_allow_list(tmp_path: Path) -> None:
    (tmp_path / ".speakeasy.yaml").write_text(
        "rules:\n  passive-voice.passive:\n    allow: ['is required']\n", encoding="utf-8"
    )
    rs = build_ruleset(resolve(cwd=tmp_path))
    assert found(lint_text("A licence is required.", rs), "passive-voice.passive") == []


# -- acronyms ---------------------------------------------------------------------------------------


def test_acronym_used_before_it_is_spelled_out(lint) -> None:
    (f,) = found(lint("The ABC visits. The Association of Busy Councils (ABC) is new. The ABC again."),
                 "acronyms.undefined")
    assert (f.match, f.column) == ("ABC", 5)
    assert f.message == "Spell out 'ABC' the first time you use it, or use plain words instead."


def test_acronym_spelled_out_first_is_fine(lint) -> None:
    assert found(lint("The Association of Busy Councils (ABC) is new. The ABC visits."), "acronyms.undefined") == []
    assert found(lint("The ABC (Association of Busy Councils) is new. The ABC visits."), "acronyms.undefined") == []


def test_known_acronyms_get_their_spelling_out(lint) -> None:
    (f,) = found(lint("Ask your SENCO for help."), "acronyms.undefined")
    assert f.suggestions == ["special educational needs coordinator (SENCO)"]


def test_acronyms_everyone_knows_and_words_in_capitals(lint) -> None:
    text = "Ask your GP or the NHS in the UK. PLEASE NOTE the IMPORTANT change. See GOV.UK for more."
    assert found(lint(text), "acronyms.undefined") == []


def test_each_acronym_is_reported_once(lint) -> None:
    assert len(found(lint("The ABC met. The ABC agreed. The ABC left."), "acronyms.undefined")) == 1


def test_roman_numerals_and_shouting_are_not_acronyms(lint) -> None:
    assert found(lint("See part II and part IV."), "acronyms.undefined") == []
    assert found(lint("DO NOT SHARE THIS FORM WITH ANYONE ELSE."), "acronyms.undefined") == []


# -- existence ----------------------------------------------------------------------------------------


def test_wordy_phrases(lint) -> None:
    (f,) = found(lint("Please do not hesitate to contact us."), "plain-english.wordy-phrases")
    assert f.level is Level.SUGGESTION
    assert f.message == "'Please do not hesitate to' adds words but not meaning. Leave it out, or say it more simply."


def test_wordy_phrases_in_someone_elses_words_are_left_alone(lint) -> None:
    text = ('"As a society, we are prepared to take action to increase organ donation," said the minister. '
            "We will take action to increase it too.")
    (f,) = found(lint(text), "plain-english.wordy-phrases")
    assert f.match == "take action to" and f.start > text.index("minister")


def test_existence_rule_can_flag_quotations_too(tmp_path: Path) -> None:
    pack = tmp_path / "padding.yaml"
    pack.write_text(
        "id: padding\ntitle: Padding\nversion: 1.0.0\ndescription: Padding.\nlicence: CC0-1.0\nrules:\n"
        "  - id: kindly\n    kind: existence\n    level: warning\n    phrases: [kindly]\n    in_quotations: true\n"
        "    summary: Flags padding.\n    why: Padding hides the point.\n"
        "    example: {bad: 'Kindly reply.', good: 'Please reply.'}\n",
        encoding="utf-8",
    )
    rs = build_ruleset(resolve({"packs": [str(pack)]}, no_config=True))
    assert [f.match for f in lint_text('She wrote "kindly reply".', rs).findings] == ["kindly"]


def test_existence_patterns(tmp_path: Path) -> None:
    pack = tmp_path / "dates.yaml"
    pack.write_text(
        "id: dates\ntitle: Dates\nversion: 1.0.0\ndescription: Dates.\nlicence: CC0-1.0\nrules:\n"
        "  - id: numeric\n    kind: existence\n    level: warning\n"
        "    patterns: ['\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b']\n"
        "    message: \"Write the date '{match}' in words, like 5 March 2026.\"\n"
        "    summary: Flags dates in numbers.\n    why: 5/3/26 means different things to different people.\n"
        "    example: {bad: 'Come on 5/3/26.', good: 'Come on 5 March 2026.'}\n",
        encoding="utf-8",
    )
    rs = build_ruleset(resolve({"packs": [str(pack)]}, no_config=True))
    (f,) = lint_text("Come on 5/3/26 at noon.", rs).findings
    assert f.message == "Write the date '5/3/26' in words, like 5 March 2026."


# -- messages practise what they preach --------------------------------------------------------


def test_messages_pass_speakeasy_own_packs(lint, default_ruleset) -> None:
    """Every message a rule shows, minus the words it quotes, is plain English."""
    import re

    from speakeasy.testing import findings_for

    messages = set()
    for rule in default_ruleset.rules:
        for f in findings_for(rule, rule.example_bad):
            messages.add(f.message)
    assert len(messages) >= 8
    problems = []
    for message in sorted(messages):
        unquoted = re.sub(r"(?<![A-Za-z])'.*?'(?![A-Za-z])", "it", message)
        for f in lint(unquoted, "text").findings:
            if f.level >= Level.WARNING and not f.rule.startswith("readability"):
                problems.append(f"{message!r}: {f.rule} {f.message}")
    assert problems == []


def test_a_trained_pipeline_is_used_when_configured(tmp_path: Path) -> None:
    """A pipeline that tags words (here a tiny stand-in saved to disk) replaces the heuristic."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "pleased"}]], {"TAG": "VBN"})  # the stand-in says: a participle
    ruler.add([[{"LOWER": "reviewed"}]], {"TAG": "JJ"})  # ... and: an adjective
    nlp.to_disk(tmp_path / "pipeline")
    rs = build_ruleset(resolve({"language_model": str(tmp_path / "pipeline")}, no_config=True))
    text = "We are pleased to help. Your plan will be reviewed."
    assert [f.match for f in found(lint_text(text, rs), "passive-voice.passive")] == ["are pleased"]
    plain = build_ruleset(resolve(no_config=True))
    assert [f.match for f in found(lint_text(text, plain), "passive-voice.passive")] == ["be reviewed"]
