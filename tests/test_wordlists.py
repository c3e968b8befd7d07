"""The shipped wordlists are data, and are linted like code (as codespell lints its dictionaries)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy.matching import normalise
from speakeasy.packs import builtin_wordlists_dir, load_wordlist

PATHS = sorted(p for p in builtin_wordlists_dir().glob("*.yaml") if not p.name.startswith("_"))
LISTS = {p.stem: load_wordlist(p) for p in PATHS}
ALL_TERMS = {normalise(e.term): (name, e.term) for name, wl in LISTS.items() for e in wl.entries}


def test_the_shipped_lists_are_there() -> None:
    assert set(LISTS) >= {"plain-english", "social-care"}
    assert len(LISTS["social-care"].entries) >= 150
    assert len(LISTS["plain-english"].entries) >= 150


@pytest.mark.parametrize("name", sorted(LISTS))
def test_sorted_by_term(name: str) -> None:
    terms = [e.term for e in LISTS[name].entries]
    assert terms == sorted(terms, key=str.casefold), "Sort the entries by term, A to Z, ignoring case."


def _clash(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two entries for one term clash unless each names its part of speech and they share none."""
    return not a or not b or bool(set(a) & set(b))


@pytest.mark.parametrize("name", sorted(LISTS))
def test_no_duplicates_within_a_list(name: str) -> None:
    seen: dict[str, list[tuple[str, ...]]] = {}
    for e in LISTS[name].entries:
        key = normalise(e.term)
        assert not any(_clash(parts, e.parts) for parts in seen.get(key, [])), f"'{e.term}' is listed twice"
        seen.setdefault(key, []).append(e.parts)


def test_no_term_in_two_lists() -> None:
    """A term may be in two lists only for different parts of speech ('impact' the verb and the noun)."""
    seen: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, wl in LISTS.items():
        for e in wl.entries:
            key = normalise(e.term)
            for other, parts in seen.get(key, []):
                assert other == name or not _clash(parts, e.parts), f"'{e.term}' is in both {other} and {name}"
            seen.setdefault(key, []).append((name, e.parts))


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_entry_is_complete(name: str) -> None:
    for e in LISTS[name].entries:
        assert e.why and e.use, e.term
        assert e.source and e.licence, f"'{e.term}' needs a source and a licence"
        assert e.examples, f"'{e.term}' needs an example sentence"
        for alt in e.use:
            assert alt == alt.strip() and "  " not in alt, f"stray spaces in '{alt}' ({e.term})"
            assert normalise(alt) != normalise(e.term), f"'{e.term}' is its own alternative"


def test_no_alternative_is_itself_a_listed_term() -> None:
    """A plain alternative that is itself jargon would loop (codespell's rule)."""
    loops = []
    for name, wl in LISTS.items():
        for e in wl.entries:
            for alt in e.use:
                hit = ALL_TERMS.get(normalise(alt))
                if hit:
                    loops.append(f"{name}: '{e.term}' suggests '{alt}', which is listed in {hit[0]}")
    assert loops == []


def test_no_alternative_is_flagged_by_the_wordlists(lint) -> None:
    """Alternatives must be plainer than the term: the wordlists must not flag them."""
    flagged = []
    for name, wl in LISTS.items():
        for e in wl.entries:
            for alt in e.use:
                found = [f for f in lint(alt, "text").findings if f.rule.endswith((".words", ".jargon"))]
                if found:
                    flagged.append(f"{name}: '{e.term}' suggests '{alt}', but '{found[0].match}' is flagged")
    assert flagged == [], "\n".join(flagged)


def test_no_non_commercial_licences() -> None:
    for name, wl in LISTS.items():
        licences = {wl.licence} | {s.licence or "" for s in wl.sources} | {e.licence or "" for e in wl.entries}
        for lic in licences:
            assert "NC" not in lic.upper().replace("NCE", ""), f"{name} uses a non-commercial licence: {lic}"


def test_licences_and_attribution_are_in_the_acknowledgements() -> None:
    text = (Path(__file__).resolve().parent.parent / "ACKNOWLEDGEMENTS.md").read_text(encoding="utf-8")
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in text
    assert "plainlanguage.gov" in text
    assert "Carnegie Mellon University" in text
