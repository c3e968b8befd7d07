"""Every rule's examples are tests: the bad one is flagged, the good one is not.

Every wordlist entry's examples must be flagged by that entry.  This is the
same check plugin authors get from :mod:`speakeasy.testing`.
"""

from __future__ import annotations

import pytest

from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset
from speakeasy.packs import builtin_pack_paths, builtin_wordlists_dir, load_pack, load_wordlist
from speakeasy.testing import check_rule_examples, entry_example_problems

RULESET = build_ruleset(resolve({"packs": ["default"]}, no_config=True))
RULES = [r for r in RULESET.rules]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule) -> None:
    problems = check_rule_examples(rule)
    assert problems == []


def test_every_shipped_pack_is_in_use() -> None:
    ids = {r.pack for r in RULES}
    assert ids == {load_pack(p).id for p in builtin_pack_paths()}


WORDLISTS = sorted(p for p in builtin_wordlists_dir().glob("*.yaml") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", WORDLISTS, ids=[p.stem for p in WORDLISTS])
def test_wordlist_examples_trigger_their_own_entry(path) -> None:
    wl = load_wordlist(path)
    problems = entry_example_problems(wl)
    assert problems == [], "\n".join(problems)


def test_a_rule_whose_example_is_not_flagged_is_reported() -> None:
    rule = RULESET.get("plain-english.words").copy(example_bad="We will start the review.")
    assert check_rule_examples(rule) == [
        "plain-english.words: the bad example is not flagged by the rule: 'We will start the review.'"
    ]
