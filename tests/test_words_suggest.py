"""``speakeasy words suggest``: words in documents that may be jargon and are in no wordlist yet."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset
from speakeasy.model import ReadError
from speakeasy.packs import load_wordlist
from speakeasy.words import COLUMNS
from speakeasy.words.suggest import csv_rows, render_text, scan, suggest
from speakeasy.words.suggest.results import Example, Suggestion
from speakeasy.words.suggest.thresholds import EXAMPLE_WIDTH

POLICY = """\
# Going home from hospital

Deconditioning is when your body gets weaker after a long stay in bed.
Our staff check for deconditioning every day.
We will write a DPIA before we share your records.
Care and support planning starts the week you get home.
Your care and support planning meeting is at home, with Mrs Oyelaran.
The helpline offers signposting to local groups.
The higher fee disincentivised families from asking for help.
We take a recovery-focused approach. Every recovery-focused plan is yours.
Proportionality matters to us, and so does accountability.
"""

LEAFLET = """\
Deconditioning can happen quickly.
A data protection impact assessment (DPIA) says how we keep your records safe.
We keep all DPIAs for six years.
Care and support planning is done with you, not to you.
"""


@pytest.fixture(scope="module")
def settings():
    return resolve(no_config=True)


@pytest.fixture(scope="module")
def ruleset(settings):
    return build_ruleset(settings)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(POLICY, encoding="utf-8")
    (folder / "b.md").write_text(LEAFLET, encoding="utf-8")
    return folder


def by_term(suggestions: list[Suggestion]) -> dict[str, Suggestion]:
    return {s.term: s for s in suggestions}


def test_planted_words_are_found_with_reasons_counts_and_documents(docs, settings, ruleset) -> None:
    found, errors = suggest([str(docs)], settings, ruleset=ruleset, limit=None)
    assert errors == []
    terms = by_term(found)

    word = terms["deconditioning"]
    assert word.reasons == ["rare in everyday English"]
    assert (word.count, word.documents) == (3, 2)
    assert word.zipf < 3.0

    phrase = terms["care and support planning"]
    assert phrase.reasons == ["repeated phrase"]
    assert (phrase.count, phrase.documents) == (3, 2)

    acronym = terms["DPIA"]  # "DPIAs" counted with "DPIA"; spelled out in b.md only
    assert acronym.reasons == ["acronym, spelled out in 1 of 2 documents"]
    assert (acronym.count, acronym.documents) == (3, 2)

    assert terms["recovery-focused"].reasons == ["repeated compound word"]
    assert terms["recovery-focused"].count == 2
    assert terms["proportionality"].reasons == ["rare in everyday English", "long formal word"]
    assert terms["accountability"].reasons == ["long formal word"]


def test_parts_of_a_suggested_phrase_are_not_suggested_again(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "a.md").write_text(
        "Your discharge summary letter comes by post.\nKeep the discharge summary letter safe.\n", encoding="utf-8"
    )
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert terms["discharge summary letter"].count == 2
    # Every use of these is inside the longer phrase.
    assert "discharge summary" not in terms
    assert "summary letter" not in terms

    (tmp_path / "b.md").write_text("Ask for a discharge summary.\n", encoding="utf-8")
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert terms["discharge summary"].count == 3  # now also used on its own
    assert terms["discharge summary letter"].count == 2
    assert "summary letter" not in terms


def test_two_things_joined_by_and_are_not_a_phrase(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "a.md").write_text(
        "Staff and contractors lock the door.\nAll staff and contractors wear badges.\n"
        "Care and support planning starts soon. We explain care and support planning.\n",
        encoding="utf-8",
    )
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert "staff and contractors" not in terms
    assert "care and support planning" in terms  # "and" inside a phrase, before the shared word


def test_words_in_the_shipped_wordlists_are_not_suggested(docs, settings, ruleset) -> None:
    listed = {e.term for e in load_wordlist(ROOT / "wordlists" / "social-care.yaml").entries}
    assert "signpost" in listed and "signposting" not in listed
    assert "disincentivise" in {e.term for e in load_wordlist(ROOT / "wordlists" / "plain-english.yaml").entries}

    terms = by_term(suggest([str(docs)], settings, ruleset=ruleset, limit=None)[0])
    assert "signposting" not in terms  # an inflection of "signpost"
    assert "disincentivised" not in terms  # an inflection of "disincentivise"
    assert "signpost" not in terms


def test_without_wordlists_the_listed_words_would_be_suggested(docs) -> None:
    """The control for the test above: the words are only left out because a list has them."""
    bare = resolve({"packs": []}, no_config=True)
    terms = by_term(suggest([str(docs)], bare, limit=None)[0])
    assert "signposting" in terms
    assert "disincentivised" in terms


def test_the_keep_list_is_respected(docs) -> None:
    keep = resolve({"keep": ["deconditioning", "DPIA"]}, no_config=True)
    terms = by_term(suggest([str(docs)], keep, limit=None)[0])
    assert "deconditioning" not in terms
    assert "DPIA" not in terms
    assert "care and support planning" in terms


def test_a_proposed_entry_in_a_user_wordlist_suppresses_the_term(docs, tmp_path: Path) -> None:
    wordlist = tmp_path / "ours.yaml"
    wordlist.write_text(
        textwrap.dedent(
            """\
            title: Our words
            licence: CC0-1.0
            words:
              - term: decondition
                use: [get weaker]
                why: Say what happens to the body.
                status: proposed
              - term: care and support planning
                use: [planning your support]
                why: Say what you will do together.
                status: retired
            """
        ),
        encoding="utf-8",
    )
    settings = resolve({"extra_wordlists": [str(wordlist)]}, no_config=True, cwd=tmp_path)
    assert settings["include_proposed"] is False  # not checked for, but still "in a list"
    terms = by_term(suggest([str(docs)], settings, limit=None)[0])
    assert "deconditioning" not in terms  # an inflection of the proposed "decondition"
    assert "care and support planning" not in terms  # retired entries count too
    assert "DPIA" in terms


def test_names_capitalised_mid_sentence_are_not_suggested(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "names.md").write_text(
        "We met Mrs Oyelaran at home. Oyelaran is a name.\nWe found a quendle in the garden.\n",
        encoding="utf-8",
    )
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert "oyelaran" not in terms and "Oyelaran" not in terms
    assert "quendle" in terms  # the same rarity, written in lower case: a word


def test_examples_come_from_two_documents_when_possible(docs, settings, ruleset) -> None:
    terms = by_term(suggest([str(docs)], settings, ruleset=ruleset, limit=None)[0])
    examples = terms["deconditioning"].examples
    # a.md uses the word twice before b.md uses it: the second example still comes from b.md.
    assert [Path(e.path).name for e in examples] == ["a.md", "b.md"]
    assert [e.line for e in examples] == [3, 1]
    assert examples[0].sentence == "Deconditioning is when your body gets weaker after a long stay in bed."
    assert examples[1].sentence == "Deconditioning can happen quickly."
    # Used in one document only: both examples from it, two different uses.
    compound = terms["recovery-focused"].examples
    assert [(Path(e.path).name, e.line) for e in compound] == [("a.md", 10), ("a.md", 10)]
    assert compound[0].sentence != compound[1].sentence


def test_common_describing_words_make_no_phrase(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "a.md").write_text(
        "Ask for a different format. We send a different format by post.\n"
        "Do not use removable media. Lock removable media away.\n",
        encoding="utf-8",
    )
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert "different format" not in terms
    assert terms["removable media"].reasons == ["repeated phrase"]


def test_two_uses_in_one_sentence_give_one_example(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "a.md").write_text(
        "We found a quendle and then another quendle.\nLater there was a quendle in the shed.\n", encoding="utf-8"
    )
    found = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])["quendle"]
    assert found.count == 3
    assert [e.line for e in found.examples] == [1, 2]


def test_a_phrase_with_a_suggested_word_is_not_suggested_again(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "a.md").write_text("We do quendle checks daily.\nThe quendle checks take an hour.\n", encoding="utf-8")
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert terms["quendle"].count == 2
    assert "quendle checks" not in terms
    assert "quendle check" not in terms


def test_long_sentences_are_trimmed_around_the_word(tmp_path: Path, settings, ruleset) -> None:
    filler = "and then we talked about the garden, the weather, the buses and the shops "
    text = "We spoke " + filler * 2 + "before the quendle came up, " + filler * 2 + "all afternoon.\n"
    (tmp_path / "long.md").write_text(text, encoding="utf-8")
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    sentence = terms["quendle"].examples[0].sentence
    assert "quendle" in sentence
    assert sentence.startswith("…") and sentence.endswith("…")
    assert len(sentence) <= EXAMPLE_WIDTH + 2
    assert "  " not in sentence


def test_csv_rows_have_every_column_and_leave_use_and_why_empty(docs, settings, ruleset) -> None:
    found = suggest([str(docs)], settings, ruleset=ruleset, limit=None)[0]
    rows = csv_rows(found)
    assert len(rows) == len(found)
    for row, s in zip(rows, found):
        assert tuple(row) == COLUMNS
        assert row["term"] == s.term
        assert row["use"] == "" and row["why"] == ""
        assert row["status"] == "proposed"
    row = rows[[s.term for s in found].index("deconditioning")]
    assert "rare in everyday English" in row["notes"]
    assert "Used 3 times in 2 documents." in row["notes"]


def test_render_text_exact() -> None:
    suggestions = [
        Suggestion("reablement", ["rare in everyday English"], 4, 2, 0.0, [
            Example("policy.md", 3, "Reablement is free for up to six weeks."),
            Example("other.md", 7, "…ask us about reablement."),
        ]),
        Suggestion("DPIA", ["acronym, never spelled out"], 1, 1, 0.0, [Example("policy.md", 5, "We write a DPIA.")]),
    ]
    assert render_text(suggestions, 2) == (
        "Checked 2 files. 2 words and phrases may be jargon and are not in any word list yet.\n"
        "\n"
        "1. reablement: rare in everyday English. Used 4 times in 2 documents.\n"
        '   "Reablement is free for up to six weeks." (policy.md, line 3)\n'
        '   "…ask us about reablement." (other.md, line 7)\n'
        "\n"
        "2. DPIA: acronym, never spelled out. Used once in 1 document.\n"
        '   "We write a DPIA." (policy.md, line 5)\n'
    )
    assert render_text([], 1) == (
        "Checked 1 file. speakeasy found no words that may be jargon and are not in a word list yet.\n"
    )


def test_render_text_of_a_small_scan(tmp_path: Path, settings, ruleset, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "policy.md").write_text(
        "# Home\n\nDeconditioning is common after a fall.\nWe check for deconditioning at home.\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = scan(["policy.md"], settings, ruleset=ruleset)
    assert result.files_checked == 1
    assert render_text(result.suggestions, result.files_checked) == (
        "Checked 1 file. 1 word or phrase may be jargon and is not in any word list yet.\n"
        "\n"
        "1. deconditioning: rare in everyday English. Used 2 times in 1 document.\n"
        '   "Deconditioning is common after a fall." (policy.md, line 3)\n'
        '   "We check for deconditioning at home." (policy.md, line 4)\n'
    )


def test_an_unreadable_file_is_reported_and_the_rest_are_scanned(docs, settings, ruleset) -> None:
    (docs / "broken.md").write_bytes(b"Caf\xe9 quendle\n")
    missing = str(docs / "missing.md")
    found, errors = suggest([str(docs), missing], settings, ruleset=ruleset, limit=None)
    assert all(isinstance(e, ReadError) for e in errors)
    assert sorted((Path(e.path).name, e.code) for e in errors) == [("broken.md", "encoding"), ("missing.md", "not-found")]
    terms = by_term(found)
    assert terms["deconditioning"].documents == 2
    assert "quendle" not in terms


def test_ranking_is_stable_and_ties_go_by_term(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "ties.md").write_text(
        "We found a zorblax and a quendle.\nThe Quiet Zone Exchange (QZX) is open.\n", encoding="utf-8"
    )
    first = suggest([str(tmp_path)], settings, ruleset=ruleset)[0]
    again = suggest([str(tmp_path)], settings, ruleset=ruleset)[0]
    # Each is unknown to wordfreq and used once in one document: the same score.
    assert {(s.zipf, s.count, s.documents) for s in first} == {(0.0, 1, 1)}
    assert [s.term for s in first] == ["quendle", "QZX", "zorblax"]
    assert first == again


def test_ranking_puts_widely_used_rare_words_first(docs, settings, ruleset) -> None:
    found = suggest([str(docs)], settings, ruleset=ruleset, limit=None)[0]
    terms = [s.term for s in found]
    assert terms.index("deconditioning") < terms.index("proportionality")  # 3 uses in 2 documents vs 1 in 1


def test_min_count_and_limit(docs, settings, ruleset) -> None:
    everything = suggest([str(docs)], settings, ruleset=ruleset, limit=None)[0]
    assert any(s.count == 1 for s in everything)
    repeated = suggest([str(docs)], settings, ruleset=ruleset, min_count=2, limit=None)[0]
    assert repeated and all(s.count >= 2 for s in repeated)
    top = suggest([str(docs)], settings, ruleset=ruleset, limit=2)[0]
    assert top == everything[:2]


def test_numbers_addresses_and_everyday_words_are_left_out(tmp_path: Path, settings, ruleset) -> None:
    (tmp_path / "misc.md").write_text(
        "Write to help@quendlemail.example or see www.zorblaxhelp.example or #quendlechat today.\n"
        "Call 0300 123 4567 or read section 2FA of the Kettlewick99 guide.\n"
        "You can make a cup of tea in the kitchen with a kettle.\n",
        encoding="utf-8",
    )
    terms = by_term(suggest([str(tmp_path)], settings, ruleset=ruleset, limit=None)[0])
    assert not {"quendlemail", "zorblaxhelp", "quendlechat", "example", "FA", "kettlewick99", "kettle", "kitchen"} & set(
        terms
    )


@pytest.mark.slow
def test_no_network_is_used(docs, tmp_path: Path) -> None:
    from test_offline import run_offline

    proc = run_offline(["words", "suggest", str(docs), "--no-config", "--limit", "100"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "ATTEMPTS=0" in proc.stderr
    assert "WORDFREQ=1" in proc.stderr  # the frequencies came from wordfreq's own data
    for term in ("deconditioning", "DPIA", "care and support planning"):
        assert f". {term}: " in proc.stdout
