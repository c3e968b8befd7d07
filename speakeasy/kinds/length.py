"""``sentence-length`` and ``paragraph-length``: thresholds in words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from ..model import BlockKind, Finding, Level
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis, Sentence

BLOCK_KINDS = tuple(k.value for k in BlockKind)

#: Where a long sentence could be split: after these words or marks.
_SPLIT_AFTER = re.compile(r"[;:]|\b(?:and|but|or|so|because|which|who|although|while|whereas|however)\b",
                          re.IGNORECASE)


def validate_thresholds(options: dict[str, Any], higher_is_worse: bool = True) -> list[tuple[str, str, str | None]]:
    """Check a ``thresholds`` mapping: level names, numbers, and their order."""
    problems: list[tuple[str, str, str | None]] = []
    thresholds = options.get("thresholds")
    if thresholds is None:
        return problems
    order = []
    for key, value in thresholds.items():
        if key not in ("suggestion", "warning", "error"):
            problems.append((f"`thresholds` has '{key}', which is not a level.", "thresholds",
                             "Use suggestion, warning or error."))
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append((f"The {key} threshold should be a number, but it is '{value}'.", "thresholds", None))
            continue
        order.append((Level.parse(key), value))
    order.sort()
    for (la, va), (lb, vb) in zip(order, order[1:]):
        # equal is fine: the more serious level wins (a gate: `error: 50` with the warning also at 50)
        wrong = vb < va if higher_is_worse else vb > va
        if wrong:
            relation = "higher" if higher_is_worse else "lower"
            problems.append((f"The {lb} threshold ({vb}) should be {relation} than the {la} threshold ({va}).",
                             "thresholds", "A more serious level needs a more extreme number."))
    return problems


def level_for(value: float, thresholds: dict[str, float], higher_is_worse: bool = True) -> tuple[Level, float] | None:
    """The most serious level whose threshold ``value`` goes past, with that threshold."""
    best: tuple[Level, float] | None = None
    for name, limit in thresholds.items():
        over = value > limit if higher_is_worse else value < limit
        if over:
            lvl = Level.parse(name)
            if best is None or lvl > best[0]:
                best = (lvl, limit)
    return best


def split_points(analysis: "Analysis", sentence: "Sentence") -> list[str]:
    """Words after which a long sentence could be split, as short quotes."""
    text = analysis.source[sentence.start : sentence.end]
    masked = analysis.masked[sentence.start : sentence.end]
    out = []
    for m in _SPLIT_AFTER.finditer(masked):
        if m.start() < 20 or len(masked) - m.end() < 20:
            continue
        before = " ".join(text[max(0, m.start() - 25) : m.start()].split()[-3:])
        out.append(f"...{before} {m.group(0)}...")
    return out[:3]


@register
class SentenceLength(Kind):
    name = "sentence-length"
    summary = "Flags sentences with more words than the limits you set."
    uses_thresholds = True
    needs = frozenset({"sentences"})
    options = (
        Field("thresholds", "any-mapping", "Words allowed per level, like `warning: 25` and `error: 35`.",
              required=True),
        Field("blocks", "texts", f"Which blocks to check: {', '.join(BLOCK_KINDS)}.",
              default=["paragraph", "list_item", "blockquote", "table_cell", "footnote"], choices=BLOCK_KINDS),
    )
    default_message = "This sentence has {value} words. Aim for {threshold} or fewer: split it into shorter sentences."

    @classmethod
    def validate_options(cls, options: dict[str, Any]) -> list[tuple[str, str, str | None]]:
        problems = validate_thresholds(options)
        for b in options.get("blocks") or []:
            if b not in BLOCK_KINDS:
                problems.append((f"`blocks` has '{b}', which is not a kind of block.", "blocks",
                                 f"Use: {', '.join(BLOCK_KINDS)}."))
        return problems

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        thresholds = self.option("thresholds")
        allowed = set(self.option("blocks"))
        blocks = analysis.blocks
        for sent in analysis.sentences:
            if blocks[sent.block].kind.value not in allowed:
                continue
            hit = level_for(sent.word_count, thresholds)
            if hit is None:
                continue
            level, limit = hit
            yield self.finding(
                analysis,
                sent.start,
                sent.end,
                level=level,
                value=sent.word_count,
                threshold=limit,
                extra_split=split_points(analysis, sent),
            )

    def finding(self, analysis: "Analysis", start: int, end: int, **kw: Any) -> Finding:  # type: ignore[override]
        split = kw.pop("extra_split", None)
        f = super().finding(analysis, start, end, **kw)
        if split:
            f.extra["split_after"] = split
        return f


@register
class ParagraphLength(Kind):
    name = "paragraph-length"
    summary = "Flags paragraphs with more words than the limits you set."
    uses_thresholds = True
    needs = frozenset({"sentences"})
    options = (
        Field("thresholds", "any-mapping", "Words allowed per level, like `warning: 100`.", required=True),
        Field("blocks", "texts", f"Which blocks to check: {', '.join(BLOCK_KINDS)}.",
              default=["paragraph", "list_item", "blockquote", "footnote"], choices=BLOCK_KINDS),
    )
    default_message = "This paragraph has {value} words. Aim for {threshold} or fewer: break it up."

    validate_options = SentenceLength.validate_options

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        thresholds = self.option("thresholds")
        allowed = set(self.option("blocks"))
        for bi, block in enumerate(analysis.blocks):
            if block.kind.value not in allowed:
                continue
            sents = analysis.block_sentences(bi)
            words = sum(s.word_count for s in sents)
            hit = level_for(words, thresholds)
            if hit is None or not sents:
                continue
            level, limit = hit
            yield self.finding(analysis, sents[0].start, sents[-1].end, level=level, value=words, threshold=limit)
