"""Words in a sentence's text for ``words suggest``: tokens, base forms, acronyms, example sentences trimmed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...kinds.capitals import is_acronym
from .thresholds import EXAMPLE_BEFORE, EXAMPLE_WIDTH

#: Whitespace-separated chunks; a chunk that is not prose is skipped whole.
_CHUNK = re.compile(r"\S+")
#: Web and e-mail addresses, file names and paths, "e.g.": not prose.
_NOT_PROSE = re.compile(r"://|@|^#|^[(\[\"'“‘]?www\.|[^\W_]\.[^\W\d_]|\\|/[^/]*/")
#: A word inside a chunk: starts with a letter, ends with a letter or digit,
#: may hold hyphens, apostrophes and "&" ("co-located", "don't", "A&E").
_WORD = re.compile(r"(?<!\w)[^\W\d_](?:[\w'’&-]*[^\W_])?")
POSSESSIVE = re.compile(r"['’]s$")
#: Words with digits ("Covid-19", "3rd") or underscores (names in code) are left out.
DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
#: After one of these, a capital letter starts a new part of a sentence.
STARTERS = frozenset(":•·▪–—")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    joined: bool  # only whitespace since the previous word


def words_of(text: str, base: int) -> list[Token]:
    """The words of a sentence's text, with offsets shifted by ``base``."""
    out: list[Token] = []
    prev_end = -1
    broken = True
    for chunk in _CHUNK.finditer(text):
        c = chunk.group()
        if _NOT_PROSE.search(c):
            broken = True
            continue
        offset = chunk.start()
        for m in _WORD.finditer(c):
            s, e = offset + m.start(), offset + m.end()
            joined = not broken and prev_end >= 0 and text[prev_end:s].isspace()
            out.append(Token(base + s, base + e, m.group(), joined))
            prev_end = e
            broken = False
    return out


@lru_cache(maxsize=100_000)
def lemmas_of(word: str) -> tuple[str, ...]:
    """Base forms of ``word`` (noun first), from lemminflect's lexicon or its rules."""
    from lemminflect import getAllLemmas, getAllLemmasOOV

    found = getAllLemmas(word)
    out: list[str] = []
    for upos in ("NOUN", "VERB", "ADJ"):
        out.extend(found.get(upos, ()))
    if not found:
        for upos in ("NOUN", "VERB"):
            out.extend(getAllLemmasOOV(word, upos).get(upos, ()))
    return tuple(dict.fromkeys(x for x in out if x != word))


def noun_lemma(word: str) -> str:
    """A plural noun's singular ("packages" -> "package"); other words as they are."""
    if not word.endswith("s") or "-" in word:
        return word
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word).get("NOUN")
    return nouns[0] if nouns else word


def acronym_core(word: str) -> str | None:
    """The acronym in ``word`` ("EHCPs" -> "EHCP"), or None if it is not one."""
    if word.islower() or word[1:].islower():
        return None
    core = word[:-1] if len(word) > 2 and word.endswith("s") and word[-2].isupper() else word
    capitals = sum(1 for c in core if c.isupper())
    if not 2 <= capitals <= 6 or len(core) > 8:
        return None
    if not all(c.isalpha() or c in "&-" for c in core) or not is_acronym(core):
        return None
    return core


def trim_sentence(text: str, start: int, end: int, match_start: int, match_end: int) -> str:
    """The sentence ``text[start:end]``, whitespace collapsed, trimmed around the match."""

    def collapse(s: str) -> str:
        return " ".join(s.split()) + (" " if s[-1:].isspace() else "")

    whole = " ".join(text[start:end].split())
    before = collapse(text[start:match_start]).lstrip()
    at = len(before)
    length = len(" ".join(text[match_start:match_end].split()))
    if len(whole) <= EXAMPLE_WIDTH:
        return whole
    left = max(0, at - EXAMPLE_BEFORE)
    if left > 0:
        space = whole.find(" ", left)
        left = space + 1 if 0 <= space < at else left
    right = min(len(whole), max(left + EXAMPLE_WIDTH, at + length))
    if right < len(whole):
        space = whole.rfind(" ", at + length, right + 1)
        right = space if space > 0 else right
    return ("…" if left > 0 else "") + whole[left:right].strip() + ("…" if right < len(whole) else "")
