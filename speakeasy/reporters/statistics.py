"""``speakeasy check --statistics``: how many findings each rule and each word made.

Like ruff's ``--statistics``, the counts take the place of the list of
findings.  Two tables in plain text, most frequent first (ties in
alphabetical order):

* by rule: the count, the rule and its levels in words ("1 error, 2 warnings");
* by word or phrase: the count, the word (as the word list spells it, so
  "utilises" and "utilised" count as "utilise") and the rules that flagged it.

Only findings about a word or phrase have one: words from a word list,
phrases from a list in a rule pack (``existence``) and acronyms.  Long
sentences, passive verbs and readability are counted by rule only.

Nothing is said by colour alone: levels are written out in words.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from ..model import Finding, Level
from .repeats import Terms

if TYPE_CHECKING:  # pragma: no cover
    from ..model import FileResult


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class Statistics:
    """Counts of the findings shown, by rule and by word or phrase."""

    def __init__(self, ruleset: Any = None) -> None:
        self.terms = Terms(ruleset)
        self.by_rule: Counter[str] = Counter()
        self.levels: dict[str, Counter[Level]] = {}
        self.by_term: Counter[str] = Counter()
        self.term_names: dict[str, str] = {}
        self.term_rules: dict[str, set[str]] = {}
        self.files = 0

    def term(self, f: Finding) -> str | None:
        """The word or phrase a finding is about, or None (see :class:`~speakeasy.reporters.repeats.Terms`)."""
        return self.terms.term(f)

    def add(self, result: "FileResult") -> None:
        self.files += 1
        for f in result.findings:
            self.by_rule[f.rule] += 1
            self.levels.setdefault(f.rule, Counter())[f.level] += 1
            term = self.term(f)
            if term is None:
                continue
            key = term.casefold()
            self.by_term[key] += 1
            self.term_names.setdefault(key, term)
            self.term_rules.setdefault(key, set()).add(f.rule)

    def lines(self) -> list[str]:
        """The tables, as lines of plain text."""
        if not self.by_rule:
            return ["No findings to count."]
        rules = sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        width = len(str(rules[0][1]))
        rwidth = max(len(r) for r, _ in rules)
        out = ["Findings by rule, most first:"]
        for rule, n in rules:
            levels = ", ".join(_plural(self.levels[rule][lvl], str(lvl))
                               for lvl in sorted(Level, reverse=True) if self.levels[rule][lvl])
            out.append(f"  {n:>{width}}  {rule:<{rwidth}}  {levels}")
        if self.by_term:
            terms = sorted(self.by_term.items(), key=lambda kv: (-kv[1], kv[0]))
            twidth = max(len(self.term_names[k]) for k, _ in terms)
            width = len(str(terms[0][1]))
            out += ["", "Findings by word or phrase, most first:"]
            for key, n in terms:
                out.append(f"  {n:>{width}}  {self.term_names[key]:<{twidth}}  "
                           f"{', '.join(sorted(self.term_rules[key]))}")
        return out
