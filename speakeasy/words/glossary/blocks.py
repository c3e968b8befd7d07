"""The jargon buster as blocks (headings, paragraphs, bullet lists, words), the same for every format.

Each format only decides how to write a block, so the three formats always
say the same thing.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Iterator, Union

from ...packs import Source
from .content import PROPOSED_LABEL, Glossary, Word

CREDITS_HEADING = "Who made this list"
CREDITS_ANCHOR = "who-made-this-list"

#: Plain names for the licence codes the shipped lists use.
LICENCE_NAMES = {
    "OGL-3.0": "Open Government Licence v3.0",
    "OGL-UK-3.0": "Open Government Licence v3.0",
    "CC0-1.0": "Creative Commons Zero 1.0, public domain",
    "CC-BY-4.0": "Creative Commons Attribution 4.0",
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0",
    "MIT": "MIT licence",
}

#: The credit line the Open Government Licence asks for, used when a source
#: under it does not give its own.
OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


@dataclass(frozen=True)
class Heading:
    level: int  # 1 is the title, 2 a letter or a part, 3 a word or a list
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph: (text, bold) parts, shown with a space between them."""

    parts: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Jump:
    """Links to the letters and the credits (not in Word, which has its Navigation Pane)."""

    links: tuple[tuple[str, str], ...]  # (text, anchor)


@dataclass(frozen=True)
class Back:
    """A link back to the list of letters, after each letter (HTML only)."""


Block = Union[Heading, Para, Bullets, Jump, Back, Word]


def _plain(text: str) -> Para:
    return Para(((text, False),))


def _lead(label: str, text: str) -> Para:
    return Para(((label, True), (text, False)))


def document_blocks(glossary: Glossary, fmt: str) -> Iterator[Block]:
    yield Heading(1, glossary.title)
    yield from _introduction(glossary, fmt)
    if glossary.letters and fmt != "docx":
        links = tuple((letter.heading, letter.anchor) for letter in glossary.letters)
        yield Jump(links + ((CREDITS_HEADING, CREDITS_ANCHOR),))
    for letter in glossary.letters:
        yield Heading(2, letter.heading, letter.anchor)
        yield from letter.words
        yield Back()
    yield from _credits(glossary)


def _introduction(glossary: Glossary, fmt: str) -> Iterator[Para]:
    words = glossary.words
    yield _plain(
        "This is a jargon buster. It lists words that can make documents hard to understand. "
        "For each word, it tells you what to say instead, and why."
    )
    if not words:
        yield _plain(f"It has no words yet. This version is from {_day(glossary.made)}.")
        return
    if fmt == "docx":
        how = "Each letter is a heading, so you can use the Navigation Pane in Word to go straight to a letter."
    else:
        how = "Use the letters below to go straight to a letter."
    yield _plain(f"The words are in A to Z order. {how}")
    about = f"It has {_count(len(words), 'word')}. This version is from {_day(glossary.made)}."
    proposed = sum(w.proposed for w in words)
    if proposed:
        has, they = ("has", "It is") if proposed == 1 else ("have", "They are")
        about += (
            f" {_count(proposed, 'word')} {has} the label '{PROPOSED_LABEL}'. {they} still waiting for a decision."
        )
    yield _plain(about)
    yield _plain(f"At the end, '{CREDITS_HEADING}' says who wrote and agreed the words, and where they came from.")


def _credits(glossary: Glossary) -> Iterator[Block]:
    yield Heading(2, CREDITS_HEADING, CREDITS_ANCHOR)
    yield _plain(
        "If you copy or share this document, please keep this part with it. "
        "It says who to thank for the words, and the licences some sources ask us to show."
    )
    for wordlist, count in zip(glossary.wordlists, glossary.words_per_list):
        yield Heading(3, wordlist.title)
        if wordlist.description:
            yield _plain(wordlist.description)
        facts = []
        if wordlist.maintained_by:
            facts.append(f"Looked after by: {wordlist.maintained_by}")
        if wordlist.co_produced_by:
            facts.append(f"Made together with: {_and(wordlist.co_produced_by)}")
        facts.append(f"Licence: {_licence(wordlist.licence)}")
        facts.append(f"Words from this list in this document: {count}")
        yield Bullets(tuple(facts))
        if wordlist.sources:
            yield _plain("The words in this list came from:")
            yield Bullets(tuple(_source(source) for source in wordlist.sources))
    for heading, tally in (("Who agreed the words", glossary.agreed_by()), ("Who added the words", glossary.added_by())):
        if tally:
            yield Heading(3, heading)
            yield Bullets(tuple(f"{name}: {_count(n, 'word')}" for name, n in tally))


def _source(source: Source) -> str:
    """One source in a sentence or two: name, licence, credit line and address."""
    text = _sentence(source.name)
    if source.licence:
        text += f" Licence: {_licence(source.licence)}."
    attribution = source.attribution
    if not attribution and source.licence and "OGL" in source.licence.upper():
        attribution = OGL_ATTRIBUTION
    if attribution:
        text += " " + _sentence(attribution)
    if source.url:
        text += f" Web address: {source.url}"
    return text


def _licence(code: str) -> str:
    """A licence code in words: "OGL-3.0" -> "Open Government Licence v3.0 (OGL-3.0)"."""
    parts = re.split(r"\s+(AND|OR)\s+", code.strip())
    words = []
    for part in parts:
        if part in ("AND", "OR"):
            words.append(part.lower())
        elif part in LICENCE_NAMES:
            words.append(f"{LICENCE_NAMES[part]} ({part})")
        else:
            words.append(part)
    return " ".join(words)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]



def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _day(day: _dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def one_line(text: str) -> str:
    """Text on one line: line breaks in the YAML would break Markdown blocks."""
    return " ".join(text.split())


def flat(blocks: list[Block]) -> Iterator[Block]:
    """The blocks with each word spelt out as a heading and paragraphs."""
    for block in blocks:
        if isinstance(block, Word):
            yield from _word_blocks(block)
        else:
            yield block


def _word_blocks(word: Word) -> Iterator[Block]:
    """A word as plain blocks, for the formats without a definition list."""
    entry = word.entry
    yield Heading(3, word.heading)
    items = word.say_instead()
    if len(items) == 1:
        yield _lead("Say instead:", items[0])
    else:
        yield Para((("Say instead:", True),))
        yield Bullets(tuple(items))
    yield _lead("Why:", entry.why)
    if word.credit:
        yield _lead("Credit:", word.credit)
