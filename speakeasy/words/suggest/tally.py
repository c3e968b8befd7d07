"""Counting the uses of one word, acronym or phrase across documents, with where to find two examples."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# How a word was written, for telling names from words.
LOWER, NEUTRAL, MIDCAP = 0, 1, 2

#: Where a use is: (document, line, sentence start, sentence end, start, end).
Ref = tuple[int, int, int, int, int, int]


class Tally:
    """Uses of one word, acronym or phrase across the documents."""

    __slots__ = ("count", "docs", "refs", "forms", "cases", "spelled_out")

    def __init__(self) -> None:
        self.count = 0
        self.docs: list[int] = []
        self.refs: list[Ref] = []
        self.forms: Counter[str] = Counter()
        self.cases = [0, 0, 0]  # lower, neutral, capital in mid-sentence
        self.spelled_out: set[int] = set()

    def add(self, doc: int, form: str) -> int:
        """Count one use; return where its reference should go in ``refs`` (-1: not needed).

        The first use is kept, and the first use in another document (or,
        until there is one, the next use in the same document).
        """
        self.count += 1
        if not self.docs or self.docs[-1] != doc:
            self.docs.append(doc)
        self.forms[form] += 1
        refs = self.refs
        if len(refs) < 2:
            return len(refs)
        if refs[0][0] == refs[1][0] and doc != refs[0][0]:
            return 1
        return -1

    def set_ref(self, slot: int, ref: Ref) -> None:
        """Keep ``ref`` at ``slot`` (from :meth:`add`), unless it is the first one's sentence again."""
        refs = self.refs
        if slot == len(refs):
            if refs and refs[0][0] == ref[0] and refs[0][2] == ref[2]:
                return  # two uses in one sentence: wait for another sentence
            refs.append(ref)
        else:
            refs[slot] = ref

    def merge(self, other: "Tally") -> None:
        self.count += other.count
        self.docs = sorted(set(self.docs) | set(other.docs))
        self.forms.update(other.forms)
        self.cases = [a + b for a, b in zip(self.cases, other.cases)]
        self.spelled_out |= other.spelled_out
        refs = sorted(set(self.refs) | set(other.refs))
        if not refs:
            return
        first = refs[0]
        rest = [r for r in refs[1:] if (r[0], r[2]) != (first[0], first[2])]
        other_doc = [r for r in rest if r[0] != first[0]]
        self.refs = [first] + (other_doc[:1] or rest[:1])

    def term(self) -> str:
        """The most common form (ties: the first in alphabetical order)."""
        return min(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@dataclass
class State:
    """Everything counted so far."""

    words: dict[str, Tally] = field(default_factory=dict)
    acronyms: dict[str, Tally] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Tally] = field(default_factory=dict)
    #: each document's prose (Analysis.masked), for the example sentences
    texts: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
