"""The data of loaded rule packs and wordlists: what :mod:`speakeasy.packs` makes from the YAML.

Plain data with no loading in it, so that the rule kinds, the cache and the
``words`` commands can use it without importing the loader (and the loader's
own imports).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from .model import Level

__all__ = ["Entry", "Pack", "Rule", "Source", "Topic", "Wordlist", "clash"]



@dataclass(frozen=True)
class Source:
    name: str
    url: str | None = None
    licence: str | None = None
    attribution: str | None = None
    notes: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Source":
        return cls(
            name=data.get("name", ""),
            url=data.get("url"),
            licence=data.get("licence"),
            attribution=data.get("attribution"),
            notes=data.get("notes"),
        )


@dataclass(eq=False)
class Entry:
    """One word or phrase to avoid, with its plain alternatives and provenance."""

    term: str
    use: list[str]
    why: str
    unless: list[str] = field(default_factory=list)
    #: The parts of speech the term is jargon as (``as:``); empty: any.
    parts: tuple[str, ...] = ()
    #: Alternatives for each part of speech, when the list gives them that way (``use: {noun: ..., verb: ...}``).
    use_as: dict[str, list[str]] = field(default_factory=dict)
    #: Words one of which must be near the term (``when:``).
    when: list[str] = field(default_factory=list)
    #: How near ``when`` and ``unless`` words must be: sentence, paragraph, section or document.
    within: str = "sentence"
    #: Flagged whatever its list's topic (``everywhere: true``).
    everywhere: bool = False
    explained_ok: bool = False
    #: "safe": `speakeasy fix` may apply the plain word by itself; "ask": a person decides.
    fix: str = "ask"
    examples: list[str] = field(default_factory=list)
    #: Sentences where the term is fine: speakeasy's tests check that this entry flags none of them.
    fine_examples: list[str] = field(default_factory=list)
    notes: str | None = None
    source: str | None = None
    licence: str | None = None
    added_by: str | None = None
    agreed: _dt.date | None = None
    agreed_by: str | None = None
    status: str = "agreed"
    review_by: _dt.date | None = None
    #: When the word was added to its list (``added:``).
    added: _dt.date | None = None
    #: The id of the shipped list whose entry for this term this one takes the place of (``overrides:``).
    overrides: str | None = None
    #: When, by whom and why the word was retired (``retired:``, ``retired_by:``, ``retired_why:``).
    retired: _dt.date | None = None
    retired_by: str | None = None
    retired_why: str | None = None
    line: int = 0
    column: int = 0
    wordlist: "Wordlist | None" = None

    @property
    def safe_fix(self) -> bool:
        """The entry says its fix is safe (``fix: safe``).

        Whether one finding's fix is applied without asking also depends on
        the place: see :mod:`speakeasy.kinds.substitution`.
        """
        return self.fix == "safe"

    def alternatives(self, part: str | None = None) -> list[str]:
        """The plain words for the term used as ``part`` (noun, verb...), or all of them."""
        if part and part in self.use_as:
            return self.use_as[part]
        return self.use

    def credit(self) -> str:
        """Who agreed the alternative, in words: "agreed by the Changes Forum, March 2026"."""
        parts = []
        if self.agreed_by:
            parts.append(f"agreed by {self.agreed_by}")
        elif self.agreed:
            parts.append("agreed")
        if self.agreed:
            parts.append(self.agreed.strftime("%B %Y") if parts else self.agreed.strftime("agreed %B %Y"))
        text = ", ".join(parts)
        if not text and self.added_by:
            text = f"added by {self.added_by}"
        if not text and self.source:
            text = f"from {self.source}"
        return text

    def origin(self) -> dict[str, Any]:
        data: dict[str, Any] = {"term": self.term}
        if self.wordlist is not None:
            data["wordlist"] = self.wordlist.id
            data["file"] = self.wordlist.path
            data["line"] = self.line
        for key in ("source", "licence", "added_by", "agreed_by", "status", "overrides"):
            value = getattr(self, key)
            if value:
                data[key] = value
        for key in ("agreed", "review_by", "added"):
            value = getattr(self, key)
            if value:
                data[key] = value.isoformat()
        credit = self.credit()
        if credit:
            data["credit"] = credit
        return data


def clash(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two entries for one term, with parts of speech ``a`` and ``b``, are for the same use (the
    loader's rule, and the one by which your own entry takes the place of a shipped one).

    They are not only when each says its parts of speech and they share none.
    """
    a, b = tuple(a), tuple(b)
    return not a or not b or bool(set(a) & set(b))


@dataclass(eq=False)
class Wordlist:
    id: str
    path: str
    title: str
    licence: str
    entries: list[Entry]
    description: str | None = None
    sources: list[Source] = field(default_factory=list)
    maintained_by: str | None = None
    co_produced_by: list[str] = field(default_factory=list)
    level: str | None = None
    #: What the list is about ("care and support"), and the words that show it; None: any text.
    topic: "Topic | None" = None


@dataclass(frozen=True)
class Topic:
    """What a wordlist is about: its words are only flagged in parts of a document about this."""

    about: str
    words: tuple[str, ...]


@dataclass(eq=False)
class Rule:
    """One configured rule.  ``id`` is ``pack.rule``, e.g. ``plain-english.words``."""

    id: str
    pack: str
    kind: str
    level: Level
    summary: str
    why: str
    example_bad: str
    example_good: str
    message: str | None = None
    fix_safety: str | None = None
    link: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    wordlists: list[Wordlist] = field(default_factory=list)
    enabled: bool = True
    path: str = ""
    line: int = 0
    # What the project's settings give every rule (speakeasy.ruleset.build_ruleset sets these):
    #: words the project keeps (``keep:``): never flagged
    keep: tuple[str, ...] = ()
    #: use the words the forum has proposed but not yet agreed too (``include_proposed:``)
    include_proposed: bool = False
    #: the spaCy pipeline ``language_model`` names; None for the blank English one
    language_model: str | None = None
    #: where a change in the settings set each of the rule's pattern options ("file:line"), so
    #: that a pattern that runs out of time names the place it was written
    set_in: dict[str, str] = field(default_factory=dict)

    def copy(self, **changes: Any) -> "Rule":
        from dataclasses import replace

        new = replace(self, **changes)
        new.options = dict(new.options)
        new.set_in = dict(new.set_in)
        return new


@dataclass(eq=False)
class Pack:
    id: str
    title: str
    version: str
    description: str
    licence: str
    rules: list[Rule]
    path: str
    sources: list[Source] = field(default_factory=list)
    co_produced_by: list[str] = field(default_factory=list)
    default: bool = True
