"""A `when` or `unless` pattern is compiled only where one of its words may be near (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speakeasy.config import resolve
from speakeasy.engine import lint_text
from speakeasy.kinds import entry_matcher
from speakeasy.matching import APOSTROPHE, SEP_OPTIONAL, SEP_REQUIRED, compile_forms, flat_form, flatten, may_match
from speakeasy.ruleset import build_ruleset

WORDLIST = """\
title: Test words
licence: CC0-1.0
words:
  - term: foster
    use: encourage
    why: Foster means something else to children in care.
    unless: [child, children, foster care]

  - term: placement
    use: place
    why: A test word that needs its words near.
    when: [school, college]
    within: paragraph
"""


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wl = tmp_path / "test-words.yaml"
    wl.write_text(WORDLIST, encoding="utf-8")
    entry_matcher.matcher_for.cache_clear()  # (a new matcher: none of its patterns compiled yet)
    compiled: list[list[str]] = []
    real = entry_matcher.compile_forms

    def counting(forms: list[str]):  # type: ignore[no-untyped-def]
        compiled.append(list(forms))
        return real(forms)

    monkeypatch.setattr(entry_matcher, "compile_forms", counting)

    def _run(text: str) -> tuple[list[str], list[list[str]]]:
        rs = build_ruleset(resolve({"packs": [], "extra_wordlists": [str(wl)]}, no_config=True, cwd=tmp_path))
        compiled.clear()
        return [f.match for f in lint_text(text, rs, "t.md", "markdown").findings], list(compiled)

    yield _run
    entry_matcher.matcher_for.cache_clear()


def _has(compiled: list[list[str]], form: str) -> bool:
    return any(form in forms for forms in compiled)


def test_unless_words_not_in_the_text_are_not_compiled(run) -> None:
    found, compiled = run("We foster good relations.")
    assert found == ["foster"]
    assert not _has(compiled, "children") and not _has(compiled, "foster\x01care")


def test_unless_words_in_the_text_still_stop_a_match(run) -> None:
    assert run("We foster children who need a home.")[0] == []
    assert run("We foster-children who need a home.")[0] == []
    assert run("Foster care is hard. We foster good relations.")[0] == ["foster"]
    assert run("Foster-care is hard.")[0] == []


def test_when_words_must_still_be_near(run) -> None:
    assert run("The placement starts soon.") == ([], [])
    assert run("The placement starts soon.\n\nThe school is near.")[0] == []  # another paragraph
    assert run("The placement at the school starts soon.")[0] == ["placement"]
    assert run("The placement at the Colleges starts soon.")[0] == ["placement"]


# -- the test that makes skipping safe: a pattern that matches a text has a flat form in it ----------

_LETTERS = "abcİ"
_TEXT = st.text(alphabet=_LETTERS + "ABC '’‘`-\u2010\u2013\n\t\x1f*", max_size=24)
_LETTER = st.sampled_from(_LETTERS)
#: A form starts and ends with a letter, as every form of a word does.
_FORM = st.builds(lambda a, mid, b: a + mid + b, _LETTER,
                  st.text(alphabet=_LETTERS + SEP_OPTIONAL + SEP_REQUIRED + APOSTROPHE + " -’", max_size=5), _LETTER)


@settings(max_examples=400, deadline=None)
@given(forms=st.lists(_FORM, min_size=1, max_size=4), text=_TEXT)
def test_a_pattern_never_matches_where_no_flat_form_is(forms: list[str], text: str) -> None:
    pattern = compile_forms(forms)
    flat = [flat_form(f) for f in forms]
    for piece in (text, text.lower()):
        if pattern.search(piece) is not None:
            assert may_match(flat, flatten(piece)), (forms, piece)


@pytest.mark.parametrize("text", ["co-production", "co production", "co\u2010\nproduction", "coproduction"])
def test_the_separators_of_a_form_are_flattened_away(text: str) -> None:
    forms = [f"co{SEP_OPTIONAL}production"]
    assert compile_forms(forms).search(text)
    assert may_match([flat_form(f) for f in forms], flatten(text))
    assert not may_match([flat_form(f) for f in forms], flatten("co-operation and production"))


def test_curly_apostrophes_are_flattened_like_the_forms() -> None:
    forms = [f"don{APOSTROPHE}t"]
    for text in ("don't", "don’t", "don‘t"):
        assert compile_forms(forms).search(text)
        assert may_match([flat_form(f) for f in forms], flatten(text))


def test_each_scope_is_looked_through_once_for_each_list_of_words(run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence full of terms asks about the same `unless` words for each of them: the scope is looked
    through once, or the time grows with the square of the sentence's length (tests/hostile)."""
    from speakeasy.analysis import core

    looked: list[int] = []
    real = core.may_match

    def counting(forms, flat):  # type: ignore[no-untyped-def]
        looked.append(len(flat))
        return real(forms, flat)

    monkeypatch.setattr(core, "may_match", counting)
    for n in (10, 40):
        looked.clear()
        found, _ = run("Then " + ", ".join(["we foster talent"] * n) + ".")
        assert found.count("foster") == n
        assert len(looked) == 1, f"{len(looked)} looks through the sentence for {n} terms"
