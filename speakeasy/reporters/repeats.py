"""Words used again and again in one document: show the first use, then one line for the rest.

A policy that says "co-production" 51 times would otherwise fill the screen
with 51 findings that all say the same.  The report for people shows the
first use in full, then one line::

    'co-production' is used 50 more times: lines 12, 19, 40 and others

Only the machine formats (JSON, SARIF, GitHub, JUnit) and ``--every-use``
list every use.

Two findings are uses of **the same word** when the same rule found them at
the same level, and:

* both come from the same word list entry: the same term, in any case and
  in any of its forms ("utilise", "utilised", "Utilising"); or
* for rules with a list of phrases (``existence``) or acronyms, the words
  matched are the same (phrases in any case, acronyms as written).

Findings about a sentence, a paragraph or a whole file (long sentences,
passive verbs, readability, accessibility) are never put together: each is
about a different place, with its own words to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Finding

#: Rule kinds whose findings are about a word or phrase (its ``match``) when no word list names the term.
TERM_KINDS = {"existence": True, "acronym": False}  # kind -> compare in lower case

#: How many lines (or places) a repeats line names before "and others".
SHOWN = 3


class Terms:
    """What a finding is about: a word or phrase, or nothing (a sentence, a paragraph, a file)."""

    def __init__(self, ruleset: Any = None) -> None:
        self.kinds: dict[str, str] = {}
        if ruleset is not None:
            self.kinds = {r.id: r.kind for r in ruleset.rules}

    def term(self, f: Finding) -> str | None:
        """The word or phrase a finding is about, as the word list spells it, or None."""
        if f.origin and f.origin.get("term"):
            return str(f.origin["term"])
        kind = self.kinds.get(f.rule)
        if kind in TERM_KINDS and f.match.strip():
            text = " ".join(f.match.split())
            return text.lower() if TERM_KINDS[kind] else text
        return None

    def key(self, f: Finding) -> tuple | None:
        """Findings with the same key are uses of the same word; None: a finding of its own."""
        term = self.term(f)
        if term is None:
            return None
        entry = (f.origin.get("file"), f.origin.get("line")) if f.origin and f.origin.get("term") else None
        part = f.origin.get("part") if f.origin else None  # an entry with plain words for each part of speech
        return (f.rule, f.level, entry, part, term.casefold())


@dataclass
class Shown:
    """A finding to show in full, and the later uses of the same word."""

    finding: Finding
    term: str | None = None
    later: list[Finding] = field(default_factory=list)


def group(findings: list[Finding], terms: Terms) -> list[Shown]:
    """The findings to show, in order: each word's first use carries its later uses."""
    out: list[Shown] = []
    first: dict[tuple, Shown] = {}
    for f in findings:
        key = terms.key(f)
        if key is None:
            out.append(Shown(f))
            continue
        got = first.get(key)
        if got is None:
            got = first[key] = Shown(f, terms.term(f))
            out.append(got)
        else:
            got.later.append(f)
    return out


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def repeats_line(shown: Shown, line_numbers: bool = True) -> str:
    """"'co-production' is used 50 more times: lines 12, 19, 40 and others", or '' when it is used once.

    "lines 12, 19 and 40" when those are all.  A line with more than one use
    says how many: "lines 12 (twice) and 19".

    ``line_numbers=False`` (Word, OpenDocument, PDF) names the places in
    words ("under 'Fees', paragraph 2") instead of line numbers.
    """
    later = shown.later
    if not later:
        return ""
    n = len(later)
    head = f"'{shown.term}' is used {n} more time{'' if n == 1 else 's'}"
    places: dict[Any, int] = {}
    for f in later:
        where = f.line if line_numbers else (f.location or f"line {f.line}")
        places[where] = places.get(where, 0) + 1
    named = list(places.items())[:SHOWN]
    parts = [f"{where}" + (f" ({_times(k)})" if k > 1 else "") for where, k in named]
    more = len(places) > len(named)
    if line_numbers:
        if more:
            text = ", ".join(parts) + " and others"
        else:
            text = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return f"{head}: {'line' if len(places) == 1 else 'lines'} {text}"
    return f"{head}: {'; '.join(parts)}{'; and others' if more else ''}"
