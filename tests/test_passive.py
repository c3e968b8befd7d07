"""The passive voice rule: real passives once each, not adjectives, not "get started"."""

from __future__ import annotations

import pytest

from speakeasy import check_text

RULE = "passive-voice.passive"


def passives(text: str) -> list[str]:
    return [" ".join(f.match.split()) for f in check_text(text).findings if f.rule == RULE]


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("The money will be used for transport.", "be used"),
        ("Visitors will be allowed after 6pm.", "be allowed"),
        ("Access should be limited to the staff who need it.", "be limited"),
        ("The review will be led by an independent chair.", "be led"),
        ("A plan will be prepared for each person.", "be prepared"),
        ("The amount will be determined by the assessment.", "be determined"),
        ("Your records are being reviewed.", "are being reviewed"),
        ("The report has been sent.", "been sent"),
        ("He got paid on Friday.", "got paid"),
        ("Our open data will be well documented.", "be well documented"),
        ("Attached is the form you asked for.", "Attached is"),
        ("The forms were all sent on time.", "were all sent"),
    ],
)
def test_passives_are_found(text: str, match: str) -> None:
    assert passives(text) == [match]


@pytest.mark.parametrize(
    "text",
    [
        "She is interested in the job.",
        "The office is closed on Sundays.",
        "We are committed to this work.",
        "How do I get started?",
        "You must get written consent first.",
        "Get involved in the forum.",
        "The group is made up of head teachers.",
        "Staff must be based in the UK.",
        "There is automated data collection on every server.",
        "We are pleased to help.",
        "She is used to the noise.",
        "You are supposed to sign it.",
    ],
)
def test_adjectives_and_get_phrases_are_not_passives(text: str) -> None:
    assert passives(text) == []


def test_each_passive_is_reported_once() -> None:
    assert passives("The plan is being reviewed. It was being written.") == ["is being reviewed", "was being written"]


def test_participles_sharing_one_be_are_one_passive() -> None:
    assert passives("Log data must be created and forwarded.") == ["be created and forwarded"]
    assert passives("It should be accessed, used and understood.") == ["be accessed, used and understood"]
