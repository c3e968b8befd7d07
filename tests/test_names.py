"""Names and titles in a document (speakeasy.names): what counts as a name, and what does not."""

from __future__ import annotations

import pytest

from speakeasy.analysis import Analysis
from speakeasy.readers import read_bytes


def names(text: str, fmt: str = "markdown") -> list[str]:
    doc = read_bytes(f"t.{'md' if fmt == 'markdown' else 'txt'}", text.encode("utf-8"), fmt)
    a = Analysis(doc)
    return [" ".join(doc.source[s:e].split()) for s, e in a.names.spans]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Report it to the Cyber Assistance Team today.", "Cyber Assistance Team"),
        ("Speak to your Clinical Commissioning Groups first.", "Clinical Commissioning Groups"),
        ("Your child may have an Education, Health and Care Plan.", "Education, Health and Care Plan"),
        ("The Air, Land and Water Research Programme ends soon.", "Air, Land and Water Research Programme"),
        ("Transforming Care moved people out of hospital.", "Transforming Care"),
        ("We joined the Academy for Justice Commissioning events.", "Academy for Justice Commissioning"),
        ("Write to the Department for Work and Pensions.", "Department for Work and Pensions"),
        ("The Cyber Assistance Team will reply.", "Cyber Assistance Team"),
        # before an acronym the first word's capital is the sentence's; the name starts at the acronym
        ("Contact NHS England about it.", "NHS England"),
    ],
)
def test_capitalised_runs_are_names(text: str, name: str) -> None:
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Assistance is available from the council.",
        "Safeguarding in Wales is the subject of this page.",
        "Gatekeeping by GPs has been criticised.",
        "We UTILISE it.",
        "Request a different format.",
        "Leverage AWS' intrusion detection to protect data.",
    ],
)
def test_a_capital_at_the_start_of_a_sentence_is_not_a_name(text: str) -> None:
    first = text.split()[0].strip(".")
    assert not any(n.split()[0] == first and len(n.split()) > 1 for n in names(text)), names(text)


def test_title_case_headings_say_nothing_through_their_capitals() -> None:
    text = "# Our Approach To Safeguarding Adults\n\nWe keep adults safe.\n"
    assert names(text) == []


def test_a_title_case_heading_keeps_names_seen_elsewhere_and_names_of_bodies() -> None:
    text = ("# How The Cyber Assistance Team Works\n\nAsk the Cyber Assistance Team for help.\n\n"
            "# Contact The Security Board\n\nWrite to us.\n")
    found = names(text)
    assert sum(1 for n in found if "Cyber Assistance Team" in n) == 2
    assert any(n.endswith("Security Board") for n in found)


def test_names_never_cross_a_line() -> None:
    assert names("We thank Shared Lives\nPlus staff for their help.", "text") == ["Shared Lives", "Plus"]
