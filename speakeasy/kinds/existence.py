"""``existence``: phrases to avoid that have no single replacement.

Words in quotation marks, or in a quote block, are someone else's words (or
the title of something), which the writer cannot change, so they are left
alone unless the rule says ``in_quotations: true``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..matching import FormSet, expand_terms, normalise
from ..model import Finding
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis


@register
class Existence(Kind):
    name = "existence"
    summary = "Flags phrases to avoid that have no single plain replacement."
    options = (
        Field("phrases", "texts", "Words or phrases to flag (any case, with their inflections)."),
        Field("patterns", "regexes", "Regular expressions to flag (matched ignoring case)."),
        Field("inflect", "bool", "false to match the phrases only as written.", default=True),
        Field("in_quotations", "bool", "true to flag the phrases in quotations too (someone else's words).",
              default=False),
    )
    default_message = "Avoid '{match}'."
    placeholders = ("match",)

    def setup(self) -> None:
        keep = {normalise(k) for k in self.rule.keep}
        phrases = [p for p in self.option("phrases") or [] if normalise(p) not in keep]
        self.keep = keep
        self.phrase_forms = None
        if phrases:
            groups = expand_terms(phrases, inflect=self.option("inflect"))
            self.phrase_forms = FormSet([[f for f, _ in group] for group in groups])
        self.patterns = []
        patterns = self.option("patterns") or []
        if patterns:
            # Matched with a time limit: a pattern from a pack or a setting can take for ever on some text.
            from ..patterns import UserPattern

            # where the patterns were written: the pack, or the settings that changed the rule
            where = self.rule.set_in.get("patterns") or (
                f"{self.rule.path}:{self.rule.line}" if self.rule.path else "")
            self.patterns = [UserPattern(p, ignore_case=True, rule=self.rule.id, where=where) for p in patterns]

    @classmethod
    def validate_options(cls, options: dict) -> list[tuple[str, str, str | None]]:
        if not options.get("phrases") and not options.get("patterns"):
            return [("An existence rule needs `phrases` or `patterns`.", "phrases",
                     "Add `phrases:` with a list of words to flag.")]
        return []

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        masked = analysis.masked
        seen: set[tuple[int, int]] = set()
        matches = []
        if self.phrase_forms is not None:
            pattern = self.phrase_forms.for_text(masked)
            matches.extend(m.span() for m in pattern.finditer(analysis.masked_lower))
        for pat in self.patterns:
            matches.extend((s, e) for s, e in pat.spans(masked, analysis.document.path) if e > s)
        in_quotations = self.option("in_quotations")
        for start, end in sorted(matches):
            text = masked[start:end]
            if "\x1f" in text or (start, end) in seen or normalise(text) in self.keep:
                continue
            seen.add((start, end))
            if not in_quotations and analysis.quoted(start, end):
                continue
            yield self.finding(analysis, start, end, match=analysis.source[start:end],
                               message=self.render(match=" ".join(text.split())))
