"""speakeasy.hints: one "Did you mean ...?" for every unknown name."""

from __future__ import annotations

from speakeasy.hints import closest, did_you_mean


def test_closest_finds_the_name_meant() -> None:
    assert closest("wordlist", ["wordlists", "packs", "profile"]) == "wordlists"
    assert closest("zzz", ["wordlists", "packs"]) is None


def test_a_synonym_gives_its_choice() -> None:
    assert closest("aproved", ["agreed", "proposed"], synonyms={"approved": "agreed"}) == "agreed"


def test_loose_accepts_another_case_or_underscores() -> None:
    assert closest("Include_Comments", ["include-comments", "profile"], cutoff=0.95) is None
    assert closest("Include_Comments", ["include-comments", "profile"], cutoff=0.95, loose=True) == "include-comments"


def test_the_cutoff_decides_how_close() -> None:
    assert closest("prof", ["profile"], cutoff=0.9) is None
    assert closest("prof", ["profile"], cutoff=0.5) == "profile"


def test_the_words_of_the_hint() -> None:
    assert did_you_mean("agreed") == "Did you mean 'agreed'?"
    assert did_you_mean("kind", quote="`") == "Did you mean `kind`?"
    assert did_you_mean("disable", shown="speakeasy-disable") == "Did you mean 'speakeasy-disable'?"
    assert did_you_mean(None, "Run `speakeasy rules` to see the rule ids.") == "Run `speakeasy rules` to see the rule ids."
    assert did_you_mean(None) is None
