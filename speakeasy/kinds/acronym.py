"""``acronym``: an acronym used before it is spelled out (CQC, SEND, EHCP).

An acronym counts as spelled out where it appears in brackets after the
words ("Care Quality Commission (CQC)"), or is followed by the words in
brackets ("CQC (Care Quality Commission)"), or is explained with "means"
or a colon ("CQC: the Care Quality Commission").  Only the first use
before it is spelled out is reported, once per acronym.  Acronyms everyone
knows (NHS, UK, GP...) are on an allow-list that each organisation can
extend (``allow`` in the rule, or ``keep`` in the configuration).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..model import BlockKind, Finding
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

# The check on the character before sits after the first capital, so the
# pattern starts with a plain set of letters, which `re` can skip to quickly.
_ACRONYM = re.compile(r"([A-Z](?<![\w&.-][A-Z])[A-Za-z0-9&]*[A-Z0-9])(s?)(?![\w&]|-[A-Za-z]|\.[A-Za-z])")
_ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_DEFINED_AFTER = re.compile(r"\s*(?:\(\s*[^()]*?[a-z][^()]*\)|:\s+\S|\s+means\b|\s+stands\s+for\b|\s+[–—-]\s+\S)")
_IN_BRACKETS = re.compile(r"\(\s*$")


def is_acronym(word: str) -> bool:
    capitals = sum(1 for c in word if c.isupper())
    if capitals < 2:
        return False
    lowers = sum(1 for c in word if c.islower())
    # "DoLS", "DToC", "PhD" have some lower case letters; "McDonald" is a name.
    if lowers > capitals or word[1:].islower():
        return False
    return not _ROMAN.match(word)


def _word_in_capitals(word: str) -> bool:
    """"NOTE", "IMPORTANT", "ACKNOWLEDGEMENTS" are words, not acronyms.

    A word in the CMU dictionary with far fewer syllables than letters is read
    as a word; acronyms read letter by letter ("HTML", "PDF") have about one
    syllable a letter.
    """
    from ..syllables import dictionary_syllables

    if not word.isupper() or len(word) < 4:
        return False
    count = dictionary_syllables(word)
    return count is not None and count * 2 < len(word)


@register
class Acronym(Kind):
    name = "acronym"
    summary = "Flags acronyms used before they are spelled out."
    needs = frozenset({"sentences"})
    options = (
        Field("allow", "texts", "Acronyms everyone knows, which never need spelling out."),
        Field("known", "any-mapping", "What acronyms stand for, to suggest the words in full (`CQC: Care Quality Commission`)."),
    )
    default_message = "Spell out '{acronym}' the first time you use it{example}, or use plain words instead."

    def setup(self) -> None:
        allow = set(self.option("allow") or [])
        allow |= {k for k in self.rule.settings.get("keep", ()) if k.isupper() or k[:2].isupper()}
        self.allow = {a.upper() for a in allow}
        self.known = {str(k).upper(): str(v) for k, v in (self.option("known") or {}).items()}

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        masked = analysis.masked
        first_use: dict[str, tuple[int, int, str]] = {}
        defined: set[str] = set()
        blocks = analysis.blocks
        for m in _ACRONYM.finditer(masked):
            word = m.group(1)
            if not is_acronym(word):
                continue
            key = word.upper()
            if key in self.allow or key in defined:
                continue
            if key not in self.known and _word_in_capitals(word):
                continue
            start, end = m.span(1)
            if self._shouting(analysis, start):
                continue
            if _DEFINED_AFTER.match(masked, m.end()) or _IN_BRACKETS.search(masked, max(0, start - 3), start):
                defined.add(key)
                continue
            bi = analysis.block_index(start)
            if bi is not None and blocks[bi].kind is BlockKind.HEADING:
                # A heading may use an acronym the paragraph under it explains;
                # only report it if it is never explained.
                first_use.setdefault(key, (start, end, word))
                continue
            if key not in first_use or first_use[key][0] > start:
                first_use[key] = (start, end, word)
        for key, (start, end, word) in sorted(first_use.items(), key=lambda kv: kv[1][0]):
            if key in defined and self._defined_before_body_use(analysis, key, start):
                continue
            expansion = self.known.get(key)
            example = f", like this: '{expansion} ({word})'" if expansion else ""
            yield self.finding(
                analysis,
                start,
                end,
                match=word,
                message=self.render(acronym=word, match=word, example=example, expansion=expansion or ""),
                suggestions=[f"{expansion} ({word})"] if expansion else [],
            )

    def _defined_before_body_use(self, analysis: "Analysis", key: str, heading_use: int) -> bool:
        """A heading used the acronym first, and the body spelled it out later: fine."""
        bi = analysis.block_index(heading_use)
        return bi is not None and analysis.blocks[bi].kind is BlockKind.HEADING

    def _shouting(self, analysis: "Analysis", offset: int) -> bool:
        """Text written in capitals ("PLEASE NOTE") is not full of acronyms."""
        sent = analysis.sentence_at(offset)
        if sent is None or sent.word_count < 3:
            return False
        upper = sum(1 for w in sent.texts if w.isupper())
        return upper / sent.word_count > 0.6
