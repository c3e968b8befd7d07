"""Findings people can trust: every example of wrong findings from real text, with the right outcome.

Each example comes from a real GOV.UK page, a Ministry of Justice policy or a
social care document, where speakeasy used to get it wrong: the wrong part of
speech, a word inside a name, the wrong sense, a match across two blocks, or a
suggestion in the wrong form.  They run with the shipped rule packs, as a
writer would.
"""

from __future__ import annotations

import pytest

from speakeasy import check_text

JARGON = ("plain-english.words", "social-care.jargon")


def jargon(text: str, fmt: str = "markdown") -> list[tuple[str, list[str]]]:
    """(matched words, suggestions) of the wordlist findings in ``text``."""
    result = check_text(text, format=fmt)
    return [(" ".join(f.match.split()), f.suggestions) for f in result.findings if f.rule in JARGON]


def flagged(text: str, fmt: str = "markdown") -> list[str]:
    return [m.lower() for m, _ in jargon(text, fmt)]


# -- part of speech -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Keep your SSH private key safe.", "key"),
        ("Copy the files to the hard drive.", "drive"),
        ("We will check the quality of land and water.", "land"),
        ("We will monitor progress every month.", "progress"),
        ("This shows how committed we are to the work.", "committed"),
        ("We will deal with the remaining challenges next year.", "remaining"),
        ("Apply for an environmental permit.", "permit"),
        ("Send us a request for your records.", "request"),
        ("Your computer's operating system must be up to date.", "operating"),
    ],
)
def test_a_word_used_as_another_part_of_speech_is_not_flagged(text: str, word: str) -> None:
    assert word not in flagged(text)


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [
        ("She made a pledge to help.", "pledge", "promise"),
        ("These changes will impact families on low incomes.", "impact", "affect"),
        ("We will progress the plans for a new day centre.", "progress", "work on"),
        ("The council will commit to reviewing every direct payment.", "commit", "plan to"),
        ("We hope to land extra funding for the carers centre.", "land", "get"),
        ("We cannot permit visitors after 9pm.", "permit", "let"),
        ("Carers are a key part of our strategy.", "a key", "an important"),
        ("You can request a copy of your records.", "request", "ask for"),
    ],
)
def test_the_part_of_speech_the_entry_means_is_flagged_with_its_own_words(text: str, word: str,
                                                                         suggestion: str) -> None:
    found = dict((m.lower(), s) for m, s in jargon(text))
    assert word in found
    assert suggestion in found[word]


@pytest.mark.parametrize(
    ("text", "word", "suggestion", "wrong"),
    [
        ("We met our stakeholders in May.", "stakeholders", "people involved", "peoples involved"),
        # "the care and support you get" brings its own article: "Our" stays, "the" goes
        ("Our care packages are reviewed each year.", "our care packages", "Our care and support you get",
         "Our the care and support you get"),
    ],
)
def test_a_suggestion_takes_the_number_of_the_word_it_replaces(text: str, word: str, suggestion: str | None,
                                                                wrong: str | None) -> None:
    found = dict((m.lower(), s) for m, s in jargon(text))
    assert word in found
    if suggestion:
        assert suggestion in found[word]
    if wrong:
        assert wrong not in found[word]
    for s in found[word]:
        assert not s.lower().startswith(("peoples", "fasts")), s


def test_the_noun_impact_is_never_given_a_verb() -> None:
    """'this work's impact' got 'affect'. The noun is only a little formal: with the mild words on, it gets 'effect'."""
    text = "We need to know this work's impact."
    assert flagged(text) == []
    result = check_text(text, rules={"plain-english.mild-words": "suggestion"})
    assert [(f.match, f.suggestions) for f in result.findings if f.rule == "plain-english.mild-words"] == [
        ("impact", ["effect"])]


def test_quick_wins_are_not_fasts() -> None:
    found = dict((m.lower(), s) for m, s in jargon("The plan lists some quick wins for this year."))
    assert "quick wins" in found
    assert all(not s.startswith("fast") or not s.split()[0].endswith("s") for s in found["quick wins"])
    assert any(s.split()[-1].endswith("s") for s in found["quick wins"])


def test_a_past_tense_gets_a_past_tense() -> None:
    found = dict((m.lower(), s) for m, s in jargon("We utilised the funds. The funds were utilised well."))
    assert found["utilised"] == ["used"]


# -- names and titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Speak to your local Clinical Commissioning Groups about funding.",
        "Shared Lives Plus supports carers across the UK.",
        "The Transforming Care programme moved people out of hospital.",
        "Your child may have an Education, Health and Care Plan.",
        "Report it to the Cyber Assistance Team straight away.",
        "Bring your Biometric Residence Permit to the interview.",
        "The Air, Land and Water Research Programme ends in 2016.",
        "We completed a Data Protection Impact Assessment for the system.",
        "Read the Minimum User Clearance Requirements Guide first.",
    ],
)
def test_words_inside_names_and_titles_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_a_capital_at_the_start_of_a_sentence_does_not_make_a_name() -> None:
    assert "assistance" in flagged("Assistance is available from the council.")
    assert "commence" in flagged("# Commence the review\n\nCommence the review in May.\n")


def test_names_can_be_explained_once_when_asked() -> None:
    text = "Report it to the Cyber Assistance Team. The Cyber Assistance Team will reply.\n"
    result = check_text(text, rules={"plain-english.words": {"names": "explain"}})
    found = [f for f in result.findings if f.rule == "plain-english.words"]
    assert [(f.match, str(f.level)) for f in found] == [("Cyber Assistance Team", "suggestion")]
    assert "say in plain words what it is" in found[0].message
    assert found[0].edit is None


# -- senses and context -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We fund science and technology providers across the country.",
        "Identity Providers check who you are when you sign in.",
        "This file may not be suitable for users of assistive technology. Request a different format.",
        "The agenda for the board meeting is below. Item 3 on the agenda is the budget.",
        "# Fostering in England 1 April 2013 to 31 March 2014\n\n"
        "The number of children in foster care rose again this year.\n",
        "We need more foster care for teenagers.",
        "Use the key safe by the front door.",
        "Any driver who takes drugs and then drives will lose their licence.",
    ],
)
def test_other_senses_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_the_social_care_list_speaks_in_text_about_care() -> None:
    care = ("# Help at home\n\nYour care provider will visit each week. Carers and social workers plan "
            "your care and support with you.\n")
    assert "provider" in flagged(care)
    other = "# Our suppliers\n\nEvery cloud provider must meet our security standard.\n"
    assert "provider" not in flagged(other)


def test_the_social_care_list_can_be_made_to_apply_everywhere() -> None:
    text = "# Our suppliers\n\nEvery placement must meet our standard. We review each placement.\n"
    assert "placement" not in [m.lower() for m, _ in jargon(text)]
    result = check_text(text, rules={"social-care.jargon": {"everywhere": True}})
    assert "placement" in [f.match.lower() for f in result.findings if f.rule == "social-care.jargon"]


def test_words_jargon_in_any_text_are_flagged_outside_care_too() -> None:
    assert "stakeholders" in flagged("# Our suppliers\n\nWe met our stakeholders in May.\n")


def test_assistive_technology_has_a_plain_alternative_that_fits() -> None:
    text = ("# Care at home\n\nAssistive technology can help people who need care and support stay "
            "independent. Ask your social worker or carer about it.\n")
    found = dict((m.lower(), s) for m, s in jargon(text))
    assert "assistive technology" in found
    assert not any(s == "equipment that helps you at home" for s in found["assistive technology"])


# -- blocks -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("# About your care\n\nPlan your visit today.\n", "markdown"),
        ("# About your care\nPlan your visit today.\n", "markdown"),
        ("About your care\n===\nPlan your visit.\n", "markdown"),
        ("ABOUT YOUR CARE\nPlan your visit today.\n", "text"),
        ("<h2>About your care</h2><p>Plan your visit today.</p>", "html"),
        ("| About your care |\n|---|\n| Plan your visit |\n", "markdown"),
    ],
)
def test_no_match_crosses_from_one_block_into_the_next(text: str, fmt: str) -> None:
    assert "care plan" not in [" ".join(m.split()).lower() for m, _ in jargon(text, fmt)]


# -- quotations -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Read the ‘Allocate key personnel’ section in the sponsor guidance.",
        "The law calls this a “deprivation of liberty” in some cases.",
        '> It is subject only, at most, to the requirement to attribute and sharealike.\n',
    ],
)
def test_words_in_a_quotation_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


LONG_QUOTE = ("“Although there are no legal issues whatsoever regarding the sale of the paintings, the gallery "
              "convinced its sellers to withdraw them, and we will commence a review of how this happened "
              "before the next auction,” the spokesperson said.")


def test_a_long_quotation_in_curly_marks_is_not_flagged() -> None:
    assert flagged(LONG_QUOTE) == []
    assert flagged(LONG_QUOTE + " We will commence the work.") == ["commence"]


def test_a_quotation_over_several_paragraphs_is_not_flagged() -> None:
    """English typesetting opens each paragraph of a long quotation with a mark and closes only the last."""
    text = ("The chief executive said: “We will commence the review this month.\n\n"
            "“We will utilise every idea that people give us.\n\n"
            "“And we will facilitate meetings in every town.”\n\n"
            "The council will commence the work in May.\n")
    assert flagged(text) == ["commence"]  # only the writer's own words, after the quotation


def test_a_closing_mark_with_no_quotation_before_it_quotes_nothing() -> None:
    assert flagged("We will commence the review.\n\nWe will utilise the ideas.” he said.\n") == ["commence", "utilise"]


def test_apostrophes_do_not_make_a_quotation() -> None:
    assert flagged("Don't commence the carers' review until it's agreed.") == ["commence"]


def test_a_list_of_dated_titles_is_left_alone() -> None:
    text = ("# Events\n\n- Seminar: commissioning to transform rehabilitation (17 June 2014) 18 June 2014\n"
            "- Seminar: sharing information to transform public services (3 Dec 2014, London) 1 November 2014\n\n"
            "We will transform day services.\n")
    assert flagged(text) == ["transform"]


def test_the_title_of_an_attached_file_is_left_alone() -> None:
    """GOV.UK shows an attached document as a heading, then its kind and size: the heading is its title."""
    text = ("## Identifying effective marketing methods to engage potential adopters\n\nPDF, 726KB, 25 pages\n\n"
            "## Application for an initial grant of leave\n\nMS Word Document, 55.5KB\n\n"
            "## Identifying the risks\n\nWe will utilise the rota.\n")
    assert flagged(text) == ["identifying", "utilise"]


def test_a_name_spelled_out_before_its_acronym_in_a_heading_is_left_alone() -> None:
    text = "# Email Security\n\n## DomainKeys Identified Mail (DKIM)\n\nSet up DKIM.\n\n## Identified Risks\n\nNone.\n"
    assert flagged(text) == ["identified"]


@pytest.mark.parametrize(
    "text",
    [
        "You cannot take illegal drugs and drive.",
        "Everyone that drives must know about the new changes to the law.",
        "# Public approval for driving limits for 16 drugs\n\nThe limits start in March.\n",
        "I was pleased to see on the agenda a discussion about legal education.",
        "We are doing our part, and we are committed to this.",
        "You can find the entry requirements on the college website.",
    ],
)
def test_more_everyday_senses_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_drive_as_a_metaphor_is_still_flagged() -> None:
    assert flagged("This funding will drive growth and drive down costs.") == ["drive", "drive"]


def test_a_quotation_over_several_lines_of_one_block_is_not_flagged() -> None:
    """A plain text with a paragraph a line: each line of the quotation opens with a mark, the last closes."""
    text = ("The manager said: “We will commence the review this month.\n"
            "“Going forward, we will utilise every idea that people give us.\n"
            "“And we will facilitate meetings in every town.”\n"
            "The council will commence the work in May.\n")
    assert flagged(text, fmt="text") == ["commence"]


def test_an_opening_mark_never_closed_still_quotes_only_its_own_block() -> None:
    text = "He said: “We will commence the review.\n\nWe will utilise the ideas.\n"
    assert flagged(text) == ["utilise"]


@pytest.mark.parametrize("text", ["Success has helped the movement become self- sufficient.",
                                  "John Lewis had a lower- key presence in stores this year."])
def test_the_end_of_a_word_broken_at_its_hyphen_is_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_a_dash_between_spaces_does_not_hide_the_word_after_it() -> None:
    assert flagged("We have a plan - sufficient for now.") == ["sufficient"]


def test_a_participle_joined_to_a_describing_word_before_a_noun_describes_it() -> None:
    """'determined' here means 'set on it' (a describing word), not 'decided'."""
    text = "Protect it against determined and highly capable threat actors."
    assert flagged(text) == []
    assert flagged("We determined and published the fees in May.") == ["determined"]


@pytest.mark.parametrize(
    "text",
    [
        "The Intellectual Property Office became the operating name of The Patent Office in 2007.",
        "Delivered on: 22 May 2012",
        "Speaker's notes, may differ from delivered version",
        "On 25 April, a magnitude 7.8 earthquake struck Nepal.",
        "This is one of the regulatory objectives in the Legal Services Act 2007.",
        "If the tamper evident seals are broken, report it.",
        "UK government deploys Chinook helicopters to Nepal",
        "Log the request response code.",
        "Note: a bastion server is a specially strengthened system.",
        "He is the most performed playwright in the world.",
        "Google is promoting its Play Store.",
        "After leaving frontline politics in 1999, he spoke out on HIV.",
        "Reporters were embedded on all three visits.",
        "Air India will introduce yoga for trainee pilots.",
        "The astronaut felt awe after his capsule landed back on Earth.",
        "A portion of loose tea weighs around 3g.",
        "The couriers deliver packages to her door.",
    ],
)
def test_senses_found_on_real_pages_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_outcomes_of_inspections_are_results_not_jargon() -> None:
    text = "# Children's social care\n\nCare and support for carers.\n\n- children’s services inspections and outcomes\n"
    assert "outcomes" not in flagged(text)


def test_a_describing_word_used_as_a_noun_is_flagged_only_as_a_noun() -> None:
    """'the elderly' is a group of people; in 'the elderly Kenyans' it only describes them."""
    text = "Lawyers for the elderly Kenyans spoke. The centre gives meals to the elderly."
    found = [f for f in check_text(text).findings if f.rule in JARGON]
    assert [(f.match, f.suggestions) for f in found] == [("the elderly", ["older people"])]
    assert found[0].start > text.index("centre")


def test_the_short_form_of_a_name_named_before_is_left_alone() -> None:
    text = ("Figures come from the Smoking Toolkit Study. Professor West collates the figures for the Toolkit.\n\n"
            "We made a Toolkit for carers.\n")
    found = [f for f in check_text(text).findings if f.rule in JARGON]
    assert [f.match for f in found] == ["Toolkit"]
    assert found[0].start > text.index("We made")
    # "the" at the end of a wrapped line is still "the"; a name only named later does not count
    assert flagged("Figures come from the Smoking Toolkit Study. West collates them for the\nToolkit.\n") == []
    assert flagged("West collates the figures for the Toolkit. They come from the Smoking Toolkit Study.\n") == \
        ["toolkit"]
    # asked to explain names: the name is explained once, where it is written in full
    result = check_text("Figures come from the Smoking Toolkit Study. West collates them for the Toolkit.\n",
                        rules={"social-care.jargon": {"names": "explain"}})
    assert [f.match for f in result.findings if f.rule in JARGON] == ["Smoking Toolkit Study"]


def test_commissioning_evidence_is_asking_for_it() -> None:
    assert flagged("We stopped commissioning unnecessary evidence.") == []
