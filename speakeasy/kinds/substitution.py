"""``substitution``: words and phrases from wordlists, each with plain alternatives."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..matching import FormSet, expand_entries, match_case, normalise
from ..model import Edit, Finding
from ..packs import Entry
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

#: After a term, these show the writer is explaining it: "reablement (help to ...)".
_EXPLAINED_AFTER = re.compile(
    r"""\s*(?:\(|,?\s*(?:which|that|this)\s+means\b|\s*means\b|\s*is\s+when\b|\s*[:–—]\s|\s+-\s)""",
    re.IGNORECASE,
)
_EXPLAINED_BEFORE = re.compile(r"""(?:called|known\s+as|named|term|word)\s*["'“‘]?\s*$""", re.IGNORECASE)


def quoted_list(items: list[str]) -> str:
    """'a', 'b' or 'c'"""
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class Matcher:
    """All forms of a set of entries, compiled into one pattern.

    The forms of each term, and each entry's alternatives inflected for each
    form ("use" -> "used" for "utilised"), are worked out once and kept in
    the disk cache (:func:`speakeasy.matching.expand_entries`), so lemminflect
    is only loaded when a wordlist changes.
    """

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        expanded = expand_entries([(e.term, tuple(e.use)) for e in entries])
        self.lookup: dict[str, tuple[Entry, str]] = {}
        self.inflected: list[dict[str, list[str]]] = []
        self.origins: list[dict] = []
        for i, (entry, (forms, inflected)) in enumerate(zip(entries, expanded)):
            self.inflected.append(inflected)
            self.origins.append(entry.origin() | {"why": entry.why})
            for form, tag in forms:
                key = normalise(form.replace("\x00", "").replace("\x01", "").replace("\x02", "'"))
                if key not in self.lookup:
                    self.lookup[key] = (i, tag)  # type: ignore[assignment]
        self.forms = FormSet([[f for f, _ in forms] for forms, _ in expanded])


@lru_cache(maxsize=32)
def _matcher(entries: tuple[Entry, ...]) -> Matcher:
    return Matcher(list(entries))


@register
class Substitution(Kind):
    name = "substitution"
    summary = "Flags words and phrases from wordlists and offers their plain alternatives."
    options = (
        Field("wordlists", "texts", "The wordlists to use: names of files in the wordlists folder, or paths.",
              required=True),
    )
    default_message = "Use {use} instead of '{match}'."

    def setup(self) -> None:
        keep = {normalise(k) for k in self.rule.settings.get("keep", ())}
        include_proposed = bool(self.rule.settings.get("include_proposed", False))
        statuses = {"agreed", "proposed"} if include_proposed else {"agreed"}
        entries = []
        for wordlist in self.rule.wordlists:
            for entry in wordlist.entries:
                if entry.status not in statuses:
                    continue
                if normalise(entry.term) in keep:
                    continue
                entries.append(entry)
        self.keep = keep
        self.matcher = _matcher(tuple(entries)) if entries else None
        self._unless: dict[int, re.Pattern[str]] = {}
        self._memo: dict[tuple[int, str, str], tuple[list[str], str]] = {}

    def required_needs(self) -> frozenset[str]:
        if self.matcher and any(e.unless for e in self.matcher.entries):
            return frozenset({"sentences"})
        return frozenset()

    def _unless_pattern(self, entry: Entry) -> re.Pattern[str]:
        pat = self._unless.get(id(entry))
        if pat is None:
            words = sorted({normalise(u) for u in entry.unless} | {u.lower() for u in entry.unless}, key=len,
                           reverse=True)
            alternation = "|".join(re.escape(w) + r"(?:s|es|ed|ing)?" for w in words)
            pat = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)", re.IGNORECASE)
            self._unless[id(entry)] = pat
        return pat

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        if self.matcher is None:
            return
        masked = analysis.masked
        lookup = self.matcher.lookup
        explained: set[int] = set()
        for m in self.matcher.forms.for_text(masked).finditer(analysis.masked_lower):
            text = masked[m.start() : m.end()]
            key = normalise(text)
            hit = lookup.get(key)
            if hit is None:
                continue
            if key in self.keep:
                continue
            index, tag = hit
            entry = self.matcher.entries[index]
            start, end = m.span()
            if entry.unless:
                sent = analysis.sentence_at(start)
                context = analysis.text(sent.start, sent.end) if sent else analysis.text(
                    max(0, start - 200), min(len(masked), end + 200))
                context = context.replace(" ".join(text.split()), " ")
                if self._unless_pattern(entry).search(context):
                    continue
            if entry.explained_ok:
                if id(entry) in explained:
                    continue
                if _EXPLAINED_AFTER.match(masked, end) or _EXPLAINED_BEFORE.search(masked, max(0, start - 20), start):
                    explained.add(id(entry))
                    continue
            origin = self.matcher.origins[index]
            # The same words come back again and again in a document: work
            # out their suggestions and message once.
            memo_key = (index, tag, text)
            memo = self._memo.get(memo_key)
            if memo is None:
                alternatives = self.matcher.inflected[index].get(tag) or entry.use
                if entry.term.islower() or entry.term[:1].islower():
                    suggestions = [match_case(text, alt) for alt in alternatives]
                else:  # an acronym or a name: the alternatives are written as they should be
                    suggestions = list(alternatives)
                display = " ".join(text.split())
                message = self.render(
                    match=display,
                    term=entry.term,
                    use=quoted_list(suggestions),
                    why=entry.why,
                    credit=origin.get("credit", ""),
                )
                if len(self._memo) > 4096:
                    self._memo.clear()
                memo = self._memo[memo_key] = (suggestions, message)
            suggestions, message = memo
            suggestions = list(suggestions)
            edit = None
            if len(suggestions) == 1:
                edit = Edit(start, end, suggestions[0], safe=entry.safe_fix)
            yield self.finding(
                analysis,
                start,
                end,
                match=text,
                message=message,
                suggestions=suggestions,
                edit=edit,
                origin=origin,
            )
