"""Wordlist matching: inflections, variants, case, unless, explained_ok, keep, status."""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy.config import resolve
from speakeasy.engine import lint_text
from speakeasy.ruleset import build_ruleset

WORDLIST = """\
title: Test words
licence: CC0-1.0
words:
  - term: co-production
    use: working together
    why: Not everyone knows it.
    agreed_by: the Changes Forum
    agreed: 2026-03-14

  - term: foster
    use: encourage
    why: Foster means something else to children in care.
    unless: [child, children, carer, carers]

  - term: reablement
    use:
      - help to do things for yourself again
      - getting back on your feet
    why: Most people do not know the word.
    explained_ok: true

  - term: stakeholder
    use: people with an interest
    why: Vague.

  - term: take into account
    use: consider
    why: Wordy.

  - term: utilise
    use: use
    why: Formal.
    fix: safe

  - term: wibble
    use: wobble
    why: A test word the forum has not agreed yet.
    status: proposed

  - term: wobbly
    use: shaky
    why: Kept for the record.
    status: retired
"""


@pytest.fixture
def run(tmp_path: Path):
    wl = tmp_path / "test-words.yaml"
    wl.write_text(WORDLIST, encoding="utf-8")

    def _run(text: str, **cli):
        cli.setdefault("packs", [])
        cli["extra_wordlists"] = [str(wl)]
        rs = build_ruleset(resolve(cli, no_config=True, cwd=tmp_path))
        return lint_text(text, rs, "t.md", "markdown").findings

    return _run


def matches(findings) -> list[str]:
    return [f.match for f in findings]


@pytest.mark.parametrize("form", ["utilise", "utilises", "utilised", "utilising", "utilize", "utilized"])
def test_every_inflection_and_us_spelling_is_caught(run, form: str) -> None:
    assert matches(run(f"We {form} it.")) == [form]


def test_a_capital_at_the_start_of_a_sentence_is_still_caught(run) -> None:
    assert matches(run("Utilising it helps. It helps. UTILISE it.")) == ["Utilising", "UTILISE"]


def test_plurals_and_phrases(run) -> None:
    found = run("Stakeholders met. The stakeholder agreed. We took into account your views.")
    assert matches(found) == ["Stakeholders", "stakeholder", "took into account"]


@pytest.mark.parametrize("variant", ["co-production", "co production", "coproduction", "Co-Production", "co-\nproduction"])
def test_hyphen_space_and_closed_variants(run, variant: str) -> None:
    assert matches(run(f"We believe in {variant} here.")) == [variant]


def test_words_inside_other_words_are_not_caught(run) -> None:
    assert run("The reutilised parts and the stakeholders' meetings.") != []  # stakeholders' is a word
    assert matches(run("Our fosterage scheme and nonstakeholder views.")) == []


def test_suggestion_keeps_case_and_inflection(run) -> None:
    found = run("Utilised well. We UTILISE it. We were utilising them. We took into account the cost.")
    assert [f.suggestions for f in found] == [["Used"], ["USE"], ["using"], ["considered"]]
    assert found[0].message == "Use 'Used' instead of 'Utilised'."


def test_phrase_split_over_lines_in_markdown(run) -> None:
    found = run("We will take\ninto account what you say.")
    assert len(found) == 1
    assert (found[0].line, found[0].column, found[0].end_line, found[0].end_column) == (1, 9, 2, 12)


def test_unless_words_in_the_same_sentence_stop_a_match(run) -> None:
    assert matches(run("We foster good relations.")) == ["foster"]
    assert matches(run("We foster children who need a home.")) == []
    assert matches(run("Foster carers get support. We foster good relations.")) == ["foster"]


def test_explained_ok_terms_are_fine_once_explained(run) -> None:
    text = (
        "Reablement is useful. "
        "Reablement (help to do things for yourself again) lasts six weeks. "
        "After reablement, we review."
    )
    found = run(text)
    assert matches(found) == ["Reablement"]
    assert found[0].column == 1


def test_keep_list_stops_a_word(run) -> None:
    assert matches(run("Stakeholders met.", keep=["stakeholder"])) == []


def test_status_proposed_and_retired(run) -> None:
    assert matches(run("A wibble and a wobbly chair.")) == []
    assert matches(run("A wibble and a wobbly chair.", include_proposed=True)) == ["wibble"]


def test_safe_fix_only_when_the_entry_says_so(run) -> None:
    found = {f.match: f for f in run("We utilise reablement. We foster trust.")}
    assert found["utilise"].edit is not None and found["utilise"].edit.safe  # fix: safe
    assert found["utilise"].edit.replacement == "use"
    assert found["reablement"].edit is None  # several alternatives: the writer chooses
    assert found["foster"].edit is not None and not found["foster"].edit.safe  # no `fix: safe`: a person decides


def test_provenance_is_attached(run) -> None:
    (f,) = run("We value co-production.")
    assert f.origin["agreed_by"] == "the Changes Forum"
    assert f.origin["agreed"] == "2026-03-14"
    assert f.origin["credit"] == "agreed by the Changes Forum, March 2026"
    assert f.origin["wordlist"] == "test-words"


def test_code_and_urls_are_never_flagged(run) -> None:
    text = "Run `utilise` now. See https://example.org/utilise and <https://x.org/stakeholder>.\n\n```\nutilise\n```\n"
    assert matches(run(text)) == []


def test_shipped_list_catches_social_care_jargon(lint) -> None:
    found = lint("We will signpost you. Service users get domiciliary care and respite.")
    rules = {(f.rule, f.match) for f in found.findings}
    assert ("social-care.jargon", "signpost") in rules
    assert ("social-care.jargon", "Service users") in rules
    assert ("social-care.jargon", "domiciliary care") in rules
    assert ("social-care.jargon", "respite") in rules


def test_emphasis_inside_a_word_keeps_it_one_word(run) -> None:
    assert matches(run("We un**utilise**d it. We re*utilise*d it.")) == []
    assert matches(run("We **utilise** it.")) == ["utilise"]
