"""What a jargon buster holds, before it is written in a format: its words, A to Z by letter, and who made them.

:func:`build` picks, merges and sorts the words of the wordlists
(see :func:`speakeasy.words.glossary.render`).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from ...matching import normalise
from ...packs import PARTS_OF_SPEECH, Entry, Wordlist
from ..values import as_words, clash

#: The label of a proposed word, next to its term.
PROPOSED_LABEL = "proposed, not yet agreed"

#: The heading for terms that do not start with a letter from A to Z.
OTHER_HEADING = "Numbers and symbols"


@dataclass(frozen=True)
class Word:
    """One word as the glossary shows it."""

    entry: Entry
    #: Who agreed (or suggested) it, ready to show: "Agreed by the Changes Forum, March 2026".
    credit: str

    @property
    def proposed(self) -> bool:
        return self.entry.status == "proposed"

    @property
    def heading(self) -> str:
        """The term, with its part of speech when it has one and the proposed label when it is not agreed yet.

        "impact (as a verb)", "impact (as a verb, proposed, not yet agreed)".
        """
        labels = [as_words(self.entry.parts)] if self.entry.parts else []
        if self.proposed:
            labels.append(PROPOSED_LABEL)
        return f"{self.entry.term} ({', '.join(labels)})" if labels else self.entry.term

    def say_instead(self) -> list[str]:
        """The plain words, one item each; for each part of speech, one item each part: "As a verb: affect or change".

        A word whose plain words are all for one part of speech lists the words:
        its heading says the part already.
        """
        use_as = self.entry.use_as
        if len(use_as) > 1:
            return [f"{as_words([part]).capitalize()}: {_or(words)}" for part, words in use_as.items()]
        return list(self.entry.use)


@dataclass(frozen=True)
class Letter:
    """The words that start with one letter."""

    heading: str
    anchor: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Glossary:
    """Everything a jargon buster shows, before it is written in a format."""

    title: str
    made: _dt.date
    letters: tuple[Letter, ...]
    wordlists: tuple[Wordlist, ...]
    #: How many of the shown words came from each list, in the order of ``wordlists``.
    words_per_list: tuple[int, ...]

    @property
    def words(self) -> list[Word]:
        return [word for letter in self.letters for word in letter.words]

    def agreed_by(self) -> list[tuple[str, int]]:
        """Each group that agreed shown words, with how many: most first."""
        return _tally(w.entry.agreed_by for w in self.words if not w.proposed)

    def added_by(self) -> list[tuple[str, int]]:
        """Each person or group that added shown words, with how many: most first."""
        return _tally(w.entry.added_by for w in self.words)


def build(
    wordlists: Iterable[Wordlist],
    *,
    title: str | None = None,
    include_proposed: bool = False,
    date: _dt.date | None = None,
) -> Glossary:
    """Pick, merge and sort the words of ``wordlists`` (see :func:`render`)."""
    lists = tuple({id(w): w for w in wordlists}.values())
    shown = ("agreed", "proposed") if include_proposed else ("agreed",)
    seen: dict[str, list[tuple[str, ...]]] = {}
    words: list[Word] = []
    per_list: list[int] = []
    for wordlist in lists:
        count = 0
        # Within one list an agreed entry beats a proposal for the same term.
        entries = sorted((e for e in wordlist.entries if e.status in shown), key=lambda e: e.status != "agreed")
        for entry in entries:
            # One entry for each use of a term: "impact" as a noun and as a verb are both shown.
            key = normalise(entry.term)
            if any(clash(parts, entry.parts) for parts in seen.get(key, [])):
                continue
            seen.setdefault(key, []).append(entry.parts)
            words.append(Word(entry, _credit(entry)))
            count += 1
        per_list.append(count)
    words.sort(key=_sort_key)
    letters: list[Letter] = []
    for word in words:
        heading = _letter(word.entry.term)
        if letters and letters[-1].heading == heading:
            letters[-1] = Letter(heading, letters[-1].anchor, letters[-1].words + (word,))
        else:
            letters.append(Letter(heading, _anchor(heading), (word,)))
    if title is None:
        title = f"Jargon buster: {lists[0].title}" if len(lists) == 1 else "Jargon buster"
    return Glossary(
        title=title,
        made=date or _dt.date.today(),
        letters=tuple(letters),
        wordlists=lists,
        words_per_list=tuple(per_list),
    )


def _credit(entry: Entry) -> str:
    """Who agreed the word, capitalised for display.

    A proposed entry may carry ``agreed_by`` from the list's defaults; saying
    "Agreed by" next to "not yet agreed" would mislead, so it names who
    suggested it instead.
    """
    if entry.status == "proposed":
        return f"Suggested by {entry.added_by}" if entry.added_by else ""
    text = entry.credit()
    return text[:1].upper() + text[1:]


def fold(text: str) -> str:
    """Text for A to Z order: no accents, case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter(term: str) -> str:
    """The letter heading a term goes under: "A" to "Z", or :data:`OTHER_HEADING`."""
    first = fold(term.strip())[:1].upper()
    return first if "A" <= first <= "Z" and first.isascii() else OTHER_HEADING


def _sort_key(word: Word) -> tuple[bool, str, str, tuple[int, ...]]:
    term = word.entry.term
    parts = tuple(PARTS_OF_SPEECH.index(p) for p in word.entry.parts if p in PARTS_OF_SPEECH)
    return (_letter(term) != OTHER_HEADING, fold(term), term, parts)


def _anchor(heading: str) -> str:
    """The link target of a heading, as GitHub makes it: "Who made this list" -> "who-made-this-list"."""
    return re.sub(r"[^a-z0-9-]", "", heading.lower().replace(" ", "-"))


def _tally(names: Iterable[str | None]) -> list[tuple[str, int]]:
    counts = Counter(name for name in names if name)
    return sorted(counts.items(), key=lambda item: (-item[1], fold(item[0])))


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]

