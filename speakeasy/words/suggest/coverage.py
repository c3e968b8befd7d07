"""What the rule set covers already, so ``words suggest`` leaves it out: every wordlist's terms, the keep
list, and the acronyms the acronym rules allow or know."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from .thresholds import EVERYDAY_ACRONYMS

if TYPE_CHECKING:  # pragma: no cover
    from ...ruleset import RuleSet


def covered_terms(ruleset: "RuleSet", keep: Iterable[str]) -> list[str]:
    """Every term of every wordlist in the rule set (all statuses, rules on or off), and the keep list."""
    terms: set[str] = set()
    seen: set[int] = set()
    for rule in ruleset.rules:
        for wordlist in rule.wordlists:
            if id(wordlist) in seen:
                continue
            seen.add(id(wordlist))
            terms.update(entry.term for entry in wordlist.entries)
    terms.update(str(k) for k in keep)
    return sorted(t for t in terms if t.strip())


@lru_cache(maxsize=8)
def covered_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every form of every term (inflections, spellings), as speakeasy matches them."""
    from ...matching import compile_forms, expand_terms

    forms = [form for per_term in expand_terms(list(terms)) for form, _tag in per_term]
    return compile_forms(forms)


def acronym_lists(ruleset: "RuleSet") -> tuple[set[str], set[str]]:
    """Acronyms to leave out (everyday ones, allowed ones), and ones known to be acronyms."""
    allow = set(EVERYDAY_ACRONYMS)
    known: set[str] = set()
    for rule in ruleset.rules:
        if rule.kind != "acronym":
            continue
        allow.update(str(a).upper() for a in rule.options.get("allow") or ())
        known.update(str(k).upper() for k in (rule.options.get("known") or {}))
    return allow, known
