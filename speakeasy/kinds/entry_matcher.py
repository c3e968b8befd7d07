"""The forms of a set of wordlist entries in one pattern, and what each form can be (for :mod:`.substitution`)."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from ..io.diskcache import paused_gc
from ..matching import forms as _forms_module
from ..matching import (
    FormSet, LazyList, compile_forms, expand_entries, expand_terms, flat_form, inflect_all, normalise, squash,
)
from ..matching.forms import cached_forms
from ..matching.candidates import TermIndex, irregular_words
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
        self._alternatives = [tuple(e.use) for e in entries]
        #: The forms of each entry's term worked out so far (all of them, unless the list is long).
        self._forms: dict[int, list[tuple[str, str]]] = {}
        #: Each normalised form: the entries it is a form of, in order, with the tags of each such form.
        self._claims: dict[str, list[tuple[int, str]]] = {}
        self.lookup: dict[str, _Form] = {}
        #: Each entry's alternatives inflected for each form of its term; for a long list, worked out
        #: only for the entries a text uses (see speakeasy.matching.EAGER_INFLECTIONS).
        self.inflected: "list[dict[str, dict[str, str]]] | LazyList"
        #: Where each entry came from, with its reason (worked out for the entries a text uses).
        self.origins = LazyList(len(entries), lambda i: entries[i].origin() | {"why": entries[i].why})
        #: Each entry's forms as words with spaces ("take into account"), to tell which `when` and
        #: `unless` phrases hold the term itself (worked out for the entries that have such words).
        self.plain_forms = LazyList(len(entries), lambda i: {_spaced(f) for f, _ in self._forms_of(i)})
        self._near: dict[int, tuple[list[str], list[str], list[str], list[str]]] = {}
        #: The `when`, `unless` and topic words of the entries expanded so far, in all their forms.
        self.word_forms: dict[str, list[str]] = {}
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
        self._flat: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._index: TermIndex | None = None
        self._rounds = 0
        #: (a long list grows as texts need it: one text at a time, if several threads check with it)
        self._growing = threading.Lock()
        irregular = irregular_words() if len(entries) > _forms_module.EAGER_INFLECTIONS else None
        if irregular is not None:
            # A long list: only the entries a text may hold are expanded, when it is checked (see _cover).
            self.inflected = LazyList(len(entries), lambda i: inflect_all(self._alternatives[i], self._forms_of(i)))
            self._index = TermIndex([e.term for e in entries], irregular)
            self.forms = _GrowingForms(self)
            return
        expanded = expand_entries([(e.term, alts) for e, alts in zip(entries, self._alternatives)])
        if expanded and expanded[0][1] is None:
            self.inflected = LazyList(len(entries), lambda i: inflect_all(self._alternatives[i], self._forms_of(i)))
        else:
            self.inflected = [inflected for _, inflected in expanded]  # type: ignore[misc]
        self._add({i: forms for i, (forms, _) in enumerate(expanded)})
        self._claims = {}  # (only a long list, expanded bit by bit, needs them again)
        self.forms = FormSet([[f for f, _ in self._forms[i]] for i in range(len(entries))])

    def _forms_of(self, index: int) -> list[tuple[str, str]]:
        """The forms of one entry's term (expanded now if a text has not needed them yet)."""
        got = self._forms.get(index)
        if got is None:
            got = expand_terms([self.entries[index].term])[0]
            with self._growing:
                if self._index is not None and index not in self._forms:
                    self._add({index: got})  # (as if a text had needed it: more entries change nothing)
        return got

    def _add(self, new: dict[int, list[tuple[str, str]]]) -> None:
        """Put the forms of more entries in :attr:`lookup`, as if all had been put in in order.

        A form belongs to the first entry with it, and to the later ones for the same term (as a
        different part of speech); an entry's tags come from the first of its forms with that key.
        """
        entries = self.entries
        touched = set()
        for i in sorted(new):
            forms = new[i]
            self._forms[i] = forms
            for form, tags in forms:
                key = normalise(form.replace("\x00", "").replace("\x01", "").replace("\x02", "'"))
                claims = self._claims.get(key)
                if claims is None:
                    self._claims[key] = [(i, tags)]
                else:
                    claims.append((i, tags))
                touched.add(key)
        for key in touched:
            claims = self._claims[key]
            if len(claims) == 1:
                self.lookup[key] = _Form((claims[0][0],), tuple(sorted(set(claims[0][1].split()))))
                continue
            claims.sort(key=lambda claim: claim[0])  # (stable: an entry's own forms stay in their order)
            chosen: list[int] = []
            tags_of: set[str] = set()
            for i, tags in claims:
                if i not in chosen and (not chosen or _same_term(entries[chosen[0]], entries[i])):
                    chosen.append(i)
                    tags_of.update(tags.split())
            self.lookup[key] = _Form(tuple(chosen), tuple(sorted(tags_of)))
        near = sorted(({w for i in new for w in entries[i].when + entries[i].unless}
                       | {w for i in new if entries[i].wordlist is not None and entries[i].wordlist.topic
                          for w in entries[i].wordlist.topic.words}) - self.word_forms.keys())
        # The `when`, `unless` and topic words, in all their forms: "student" finds "students",
        # "adopt" finds "adopted", "looked after" finds "looked-after", and "car" does not find
        # "caring".  Worked out with the terms' forms and kept in the same disk cache.
        if near:
            self.word_forms.update(zip(near, ([f for f, _ in group] for group in expand_terms(near))))

    #: A long list is expanded for at most this many texts, one after another; then all of it is.
    MAX_ROUNDS = 8

    def _cover(self, text: str) -> None:
        """Expand the entries ``text`` may hold a form of (all of them for a long text, or a long run)."""
        if self._index is None:
            return
        with self._growing:
            self._grow_for(text)

    def _grow_for(self, text: str) -> None:
        index = self._index
        if index is None:
            return
        if len(text) > FormSet.SMALL_TEXT or self._rounds >= self.MAX_ROUNDS:
            self._expand_all()
            return
        done = self._forms
        new = {i for i in index.candidates(squash(text)) if i not in done}
        if not new:
            return
        if len(new) + len(self._forms) > len(self.entries) * FormSet.SHARE:
            self._expand_all()
            return
        self._rounds += 1
        order = sorted(new)
        terms = [self.entries[i].term for i in order]
        found = cached_forms(terms)  # (the same text checked before)
        if found is None and self._all_from_cache():
            return  # (every entry's forms were in the disk cache: quicker than working these out)
        with paused_gc():
            self._add(dict(zip(order, found if found is not None else expand_terms(terms))))
            self.forms.inner = FormSet([[f for f, _ in self._forms[i]] for i in sorted(self._forms)])

    def _all_from_cache(self) -> bool:
        """Put in the forms of every entry, if the disk cache has them (a run that checked a long text, or
        many, worked them all out): reading them takes less than working out a few hundred.  False if not."""
        forms = cached_forms([e.term for e in self.entries])
        if forms is None:
            return False
        self._expand_all(forms)
        return True

    def _expand_all(self, forms: "list[list[tuple[str, str]]] | None" = None) -> None:
        """Work out the forms of every entry, as for a short list (for a long text, or many texts)."""
        with paused_gc():
            if forms is None:
                forms = expand_terms([e.term for e in self.entries])
            self._add({i: got for i, got in enumerate(forms) if i not in self._forms})
            self.forms.inner = FormSet([[f for f, _ in self._forms[i]] for i in range(len(self.entries))])
        self._claims = {}
        self._index = None  # (last: until now, another thread's text waits for this one)

    def pattern(self, words: list[str]) -> re.Pattern[str]:
        """One pattern for ``words`` in all their forms, as whole words, in lower-case text."""
        key = tuple(words)
        pat = self._patterns.get(key)
        if pat is None:
            pat = self._patterns[key] = compile_forms(self._word_forms_of(key))
        return pat

    def flat_forms(self, words: list[str]) -> tuple[str, ...]:
        """The forms of :meth:`pattern` as :func:`~speakeasy.matching.flatten` leaves the text they match:
        where none of them is in a flattened text, the pattern finds nothing, and need not be compiled."""
        key = tuple(words)
        got = self._flat.get(key)
        if got is None:
            got = self._flat[key] = tuple(sorted({flat_form(f) for f in self._word_forms_of(key)}))
        return got

    def _word_forms_of(self, words: tuple[str, ...]) -> list[str]:
        """All the forms of ``words``, for :meth:`pattern` and :meth:`flat_forms` alike (not kept: most lists
        of words are only ever flattened)."""
        return [f for w in words for f in self.word_forms.get(w) or expand_terms([w])[0]]

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


class _GrowingForms:
    """A long list's :class:`FormSet`, of the entries expanded so far: each text asks the matcher to expand
    the entries it may hold first (:meth:`Matcher._cover`)."""

    def __init__(self, matcher: Matcher) -> None:
        self._matcher = matcher
        self.inner = FormSet([])
        #: Texts whose entries are expanded already (by :meth:`expect`).
        self._covered: set[str] = set()

    def for_text(self, text: str) -> re.Pattern[str]:
        if text not in self._covered:
            self._matcher._cover(text)
        return self.inner.for_text(text)

    def might_match(self, text: str) -> bool:
        if text not in self._covered:
            self._matcher._cover(text)
        return self.inner.might_match(text)

    def expect(self, texts: list[str]) -> None:
        """:meth:`FormSet.expect`, once the entries all of the texts may hold are expanded."""
        self._matcher._cover("\n".join(texts))  # (a text's entries are among those of all of them)
        self._covered.update(texts)
        self.inner.expect(texts)


def _spaced(form: str) -> str:
    """A form or phrase as lower-case words with single spaces: "co\x00production" -> "co production"."""
    return " ".join(re.split(r"[\s\x00\x01\-]+", form.replace("\x02", "'").lower())).strip()


def _same_term(a: Entry, b: Entry) -> bool:
    return normalise(a.term) == normalise(b.term)


@lru_cache(maxsize=32)
def matcher_for(entries: tuple[Entry, ...]) -> Matcher:
    return Matcher(list(entries))
