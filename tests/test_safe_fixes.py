"""Fixes that never change the meaning: which fixes `speakeasy fix` makes by itself, and which wait for a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy import check_text
from speakeasy.articles import indefinite_article
from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset
from speakeasy.schema import DataErrors
from speakeasy.fix import fix_file
from speakeasy.packs import load_wordlist

ROOT = Path(__file__).resolve().parent.parent

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: utilise
    use: use
    why: Formal.
    fix: safe
  - term: ongoing
    use: continuing
    why: Vague.
    fix: safe
  - term: purchase
    use: buy
    why: Formal.
    as: verb
    fix: safe
  - term: facilitate
    use: help
    why: Formal.
"""


def fixed(tmp_path: Path, text: str, words: str | None = WORDS) -> str:
    """The text after `speakeasy fix` (default packs, plus ``words`` if given)."""
    doc = tmp_path / "policy.md"
    doc.write_text(text, encoding="utf-8")
    settings: dict = {}
    if words is not None:
        wl = tmp_path / "words.yaml"
        wl.write_text(words, encoding="utf-8")
        settings = {"packs": [], "extra_wordlists": [str(wl)]}
    result = fix_file(str(doc), build_ruleset(resolve(settings, no_config=True, cwd=tmp_path)), write=False)
    return (result.data or text.encode("utf-8")).decode("utf-8")


# -- the examples: the shipped lists never make these changes by themselves ------------------


@pytest.mark.parametrize(
    "text",
    [
        "It is therefore important that you report it.\n",
        "Read the requirements or obligations in the contract.\n",
        "Report it to the Cyber Assistance Team.\n",
        "Ask for assistance if you need it.\n",
        "We did an initial check of the system.\n",
    ],
)
def test_the_shipped_lists_leave_these_alone(tmp_path: Path, text: str) -> None:
    assert fixed(tmp_path, text, words=None) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will utilise the rota in order to plan visits.\n", "We will use the rota to plan visits.\n"),
        ("Prior to the meeting, read the notes.\n", "Before the meeting, read the notes.\n"),
        ("We meet on a monthly basis.\n", "We meet monthly.\n"),
    ],
)
def test_the_shipped_safe_fixes_are_made(tmp_path: Path, text: str, expected: str) -> None:
    assert fixed(tmp_path, text, words=None) == expected


def test_the_shipped_lists_mark_only_one_word_swaps_safe() -> None:
    for name in ("plain-english", "social-care", "mild-formal-words"):
        for entry in load_wordlist(ROOT / "wordlists" / f"{name}.yaml").entries:
            if entry.safe_fix:
                assert len(entry.alternatives()) == 1, entry.term
                assert not entry.when and not entry.unless, entry.term
    shipped = {e.term for e in load_wordlist(ROOT / "wordlists" / "plain-english.yaml").entries if e.safe_fix}
    assert {"utilise", "in order to", "prior to"} <= shipped
    assert not {"therefore", "requirement", "assistance", "initial", "ensure", "assist"} & shipped


# -- when a fix waits for a person ----------------------------------------------------------------------


def test_only_entries_marked_safe_are_applied(tmp_path: Path) -> None:
    assert fixed(tmp_path, "We utilise it and facilitate visits.\n") == "We use it and facilitate visits.\n"


def test_a_heading_or_a_link_is_not_changed_by_itself(tmp_path: Path) -> None:
    text = "# How we utilise the rota\n\nRead [how we utilise it](https://example.org). We utilise it.\n"
    assert fixed(tmp_path, text) == "# How we utilise the rota\n\nRead [how we utilise it](https://example.org). We use it.\n"


def test_the_edit_of_a_heading_or_link_is_still_offered_to_a_person() -> None:
    found = [f for f in check_text("# How we utilise the rota\n\nRead [how we utilise it](https://x.org).\n").findings
             if f.rule == "plain-english.words"]
    assert [(f.edit.replacement, f.edit.safe) for f in found] == [("use", False), ("use", False)]


def test_a_or_an_before_the_word_is_kept_right(tmp_path: Path) -> None:
    # 'an ongoing review' would become 'an continuing review': the change takes in the article, and waits
    assert fixed(tmp_path, "This is an ongoing review. It is ongoing.\n") == \
        "This is an ongoing review. It is continuing.\n"
    doc = tmp_path / "a.md"
    doc.write_text("This is an ongoing review.\n", encoding="utf-8")
    wl = tmp_path / "words.yaml"
    wl.write_text(WORDS, encoding="utf-8")
    rs = build_ruleset(resolve({"packs": [], "extra_wordlists": [str(wl)]}, no_config=True, cwd=tmp_path))
    from speakeasy.engine import lint_document
    from speakeasy.readers import read_path

    (finding,) = [f for f in lint_document(read_path(str(doc)), rs).findings if f.match == "an ongoing"]
    assert finding.edit is not None and not finding.edit.safe
    assert doc.read_text()[finding.edit.start:finding.edit.end] == "an ongoing"
    assert finding.edit.replacement == "a continuing"
    assert (finding.start, finding.end) == (finding.edit.start, finding.edit.end)
    assert finding.suggestions == ["a continuing"] and "'a continuing'" in finding.message


def test_the_part_of_speech_must_fit(tmp_path: Path) -> None:
    # 'purchase' as a noun is not flagged at all (as: verb); as a verb it is fixed
    assert fixed(tmp_path, "Keep the receipt for your purchase. You can purchase it online.\n") == \
        "Keep the receipt for your purchase. You can buy it online.\n"


def test_the_plain_word_takes_the_form_of_the_one_it_replaces(tmp_path: Path) -> None:
    assert fixed(tmp_path, "We utilised it, and she utilises it.\n") == "We used it, and she uses it.\n"


@pytest.mark.parametrize(
    ("word", "article"),
    [("first", "a"), ("hour", "an"), ("user", "a"), ("extra", "an"), ("one-off", "a"), ("MP", "an"),
     ("GP", "a"), ("honest", "an"), ("European", "a"), ("older people", "an"), ("8-week", "an")],
)
def test_a_or_an_goes_by_the_first_sound(word: str, article: str) -> None:
    assert indefinite_article(word) == article


# -- what a forum member writes ------------------------------------------------------------------------


def test_fix_safe_needs_exactly_one_alternative(tmp_path: Path) -> None:
    wl = tmp_path / "words.yaml"
    wl.write_text("title: T\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: [start, begin]\n"
                  "    why: Formal.\n    fix: safe\n", encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_wordlist(wl)
    message = str(err.value)
    assert "fix: safe" in message and "exactly one plain alternative" in message and "words.yaml" in message


def test_fix_must_be_safe_or_ask(tmp_path: Path) -> None:
    wl = tmp_path / "words.yaml"
    wl.write_text("title: T\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: start\n"
                  "    why: Formal.\n    fix: automatic\n", encoding="utf-8")
    with pytest.raises(DataErrors) as err:
        load_wordlist(wl)
    message = str(err.value)
    assert "safe" in message and "ask" in message


def test_fix_ask_is_the_default() -> None:
    wl = load_wordlist(ROOT / "wordlists" / "plain-english.yaml")
    commence = next(e for e in wl.entries if e.term == "assistance")
    assert commence.fix == "ask" and not commence.safe_fix


def test_each_suggestion_brings_its_own_article() -> None:
    found = [f for f in check_text("We ran an initial test.\n").findings if f.rule == "plain-english.words"]
    assert [(f.match, f.suggestions) for f in found] == [("an initial", ["a first"])]
    found = [f for f in check_text("An initial test ran.\n").findings if f.rule == "plain-english.words"]
    assert [(f.match, f.suggestions) for f in found] == [("An initial", ["A first"])]


CARE = ("# Your care and support\n\nYou can ask the council for a needs assessment at any time. "
        "We will review your care plan with your carer. The care plan is ready. Our care plan is new. "
        "Your care and support, and your carer's support, matter to social care staff.\n")


def test_a_plain_phrase_that_brings_its_own_article_replaces_the_one_written() -> None:
    """'a needs assessment' -> 'a talk about what help you need', never 'an a talk ...'."""
    found = {f.match: f.suggestions for f in check_text(CARE).findings if f.rule == "social-care.jargon"}
    assert found["a needs assessment"] == ["a talk about what help you need", "a check on what support you need"]
    assert found["your care plan"] == ["your written plan of your care", "your plan"]
    assert found["The care plan"] == ["The written plan of your care", "Your plan"]
    assert found["Our care plan"] == ["Our written plan of your care", "Our plan"]  # whose it is stays


def test_a_plain_phrase_that_cannot_follow_the_drops_it() -> None:
    """'the best interests' -> 'what is best for the person', never 'the what is best ...'."""
    text = ("# Decisions about your care and support\n\nWe act in the best interests of people who use care and "
            "support services, with their carers and social care staff.\n")
    found = {f.match: f.suggestions for f in check_text(text).findings if f.rule == "social-care.jargon"}
    assert found["the best interests"] == ["what is best for the person", "the best choice for the person"]


def test_a_slip_in_the_text_is_not_carried_into_the_fix(tmp_path: Path) -> None:
    # 'must utilised' is wrong already; 'must used' would keep it wrong, so a person decides
    assert fixed(tmp_path, "Keys must utilised safely. We utilised keys.\n") == \
        "Keys must utilised safely. We used keys.\n"


# -- explained once ----------------------------------------------------------------------------------

EXPLAINED_WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: reablement
    use: [help to do things for yourself again, getting back on your feet]
    why: Most people do not know the word.
    explained_ok: true
"""


def explained_findings(tmp_path: Path, text: str, name: str = "policy.md") -> list[str]:
    from speakeasy.engine import lint_document
    from speakeasy.readers import read_path

    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    wl = tmp_path / "words.yaml"
    wl.write_text(EXPLAINED_WORDS, encoding="utf-8")
    rs = build_ruleset(resolve({"packs": [], "extra_wordlists": [str(wl)]}, no_config=True, cwd=tmp_path))
    return [f.match for f in lint_document(read_path(str(doc)), rs).findings]


@pytest.mark.parametrize(
    "first",
    [
        "Reablement (help to do things for yourself again) lasts six weeks.",
        "Reablement means help to do things for yourself again.",
        "Reablement, which means help to do things for yourself again, is free.",
        "We call it [reablement](glossary.md#reablement).",
        "We call it [reablement](https://example.org/words-we-use).",
        "We call it [reablement](https://example.org/help#reablement).",
    ],
)
def test_an_explanation_at_first_use_silences_the_later_uses(tmp_path: Path, first: str) -> None:
    text = f"{first}\n\nAfter reablement, we review. Reablement is free.\n"
    assert explained_findings(tmp_path, text) == []


def test_a_link_elsewhere_does_not_explain_the_word(tmp_path: Path) -> None:
    text = "Read [reablement](https://example.org/news). After reablement, we review.\n"
    assert explained_findings(tmp_path, text) == ["reablement", "reablement"]


def test_an_explanation_after_the_first_use_leaves_that_use_flagged(tmp_path: Path) -> None:
    text = "Reablement is free.\n\nReablement (help to do things for yourself again) lasts six weeks. Reablement ends.\n"
    assert explained_findings(tmp_path, text) == ["Reablement"]


def test_a_web_page_link_to_a_glossary_explains_the_word(tmp_path: Path) -> None:
    html = ("<!doctype html><html lang='en'><head><title>T</title></head><body><main>"
            "<p>We offer <a href='/glossary#reablement'>reablement</a>.</p><p>Reablement is free.</p></main></body></html>")
    assert explained_findings(tmp_path, html, "page.html") == []
