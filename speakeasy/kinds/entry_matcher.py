"""The forms of a set of wordlist entries in one pattern, and what each form can be (for :mod:`.substitution`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..io.diskcache import paused_gc
from ..matching import FormSet, LazyList, compile_forms, expand_entries, expand_terms, inflect_all, normalise
from ..packdata import Entry


@dataclass(frozen=True)
class _Form:
    """What a matched form can be: the entries with this term, and the Penn tags of the form."""

    entries: tuple[int, ...]
    tags: tuple[str, ...]


class Matcher:
    """All forms of a set of entries, compiled into one pattern.

    The forms of each term, and each entry's alternatives inflected for each
    form ("use" -> "used" for "utilised"), are worked out once and kept in
    the disk cache (:func:`speakeasy.matching.expand_entries`), so lemminflect
    is only loaded when a wordlist changes.  Entries for the same term as
    different parts of speech share their forms.
    """

    def __init__(self, entries: list[Entry]) -> None:
        with paused_gc():  # (a long list makes a million objects that live on: see paused_gc)
            self._build(entries)

    def _build(self, entries: list[Entry]) -> None:
        self.entries = entries
        alternatives = [tuple(e.use) for e in entries]
        expanded = expand_entries([(e.term, alts) for e, alts in zip(entries, alternatives)])
        forms_of = [forms for forms, _ in expanded]
        lookup: dict[str, tuple[list[int], set[str]]] = {}
        #: Each entry's alternatives inflected for each form of its term; for a long list, worked out
        #: only for the entries a text uses (see speakeasy.matching.EAGER_INFLECTIONS).
        self.inflected: "list[dict[str, dict[str, str]]] | LazyList"
        if expanded and expanded[0][1] is None:
            self.inflected = LazyList(len(entries), lambda i: inflect_all(alternatives[i], forms_of[i]))
        else:
            self.inflected = [inflected for _, inflected in expanded]  # type: ignore[misc]
        #: Where each entry came from, with its reason (worked out for the entries a text uses).
        self.origins = LazyList(len(entries), lambda i: entries[i].origin() | {"why": entries[i].why})
        for i, (entry, forms) in enumerate(zip(entries, forms_of)):
            for form, tags in forms:
                key = normalise(form.replace("\x00", "").replace("\x01", "").replace("\x02", "'"))
                got = lookup.setdefault(key, ([], set()))
                if i not in got[0] and (not got[0] or _same_term(entries[got[0][0]], entry)):
                    got[0].append(i)
                    got[1].update(tags.split())
        self.lookup = {k: _Form(tuple(v[0]), tuple(sorted(v[1]))) for k, v in lookup.items()}
        self.forms = FormSet([[f for f, _ in forms] for forms in forms_of])
        #: Each entry's forms as words with spaces ("take into account"), to tell which `when` and
        #: `unless` phrases hold the term itself (worked out for the entries that have such words).
        self.plain_forms = LazyList(len(entries), lambda i: {_spaced(f) for f, _ in forms_of[i]})
        self._near: dict[int, tuple[list[str], list[str], list[str], list[str]]] = {}
        # The `when`, `unless` and topic words, in all their forms: "student" finds "students",
        # "adopt" finds "adopted", "looked after" finds "looked-after", and "car" does not find
        # "caring".  Worked out with the terms' forms and kept in the same disk cache.
        near = sorted({w for e in entries for w in e.when + e.unless}
                      | {w for e in entries if e.wordlist is not None and e.wordlist.topic
                         for w in e.wordlist.topic.words})
        self.word_forms = dict(zip(near, ([f for f, _ in group] for group in expand_terms(near)))) if near else {}
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def pattern(self, words: list[str]) -> re.Pattern[str]:
        """One pattern for ``words`` in all their forms, as whole words, in lower-case text."""
        key = tuple(words)
        pat = self._patterns.get(key)
        if pat is None:
            forms = [f for w in words for f in self.word_forms.get(w) or expand_terms([w])[0]]
            pat = self._patterns[key] = compile_forms(forms)
        return pat

    def near_words(self, index: int) -> tuple[list[str], list[str], list[str], list[str]]:
        """An entry's `when` and `unless` words, each split in two: phrases that hold the term
        itself ("foster care" for "foster"), which count only where they are the match's own
        words, and the others, which count anywhere near."""
        got = self._near.get(index)
        if got is None:
            entry = self.entries[index]
            forms = self.plain_forms[index]

            def holds(word: str) -> bool:
                text = " " + _spaced(word.lower()) + " "
                return any(f" {f} " in text for f in forms)

            got = self._near[index] = (
                [w for w in entry.when if holds(w)], [w for w in entry.when if not holds(w)],
                [w for w in entry.unless if holds(w)], [w for w in entry.unless if not holds(w)],
            )
        return got


def _spaced(form: str) -> str:
    """A form or phrase as lower-case words with single spaces: "co\x00production" -> "co production"."""
    return " ".join(re.split(r"[\s\x00\x01\-]+", form.replace("\x02", "'").lower())).strip()


def _same_term(a: Entry, b: Entry) -> bool:
    return normalise(a.term) == normalise(b.term)


@lru_cache(maxsize=32)
def matcher_for(entries: tuple[Entry, ...]) -> Matcher:
    return Matcher(list(entries))
