"""``readability``: whole-document and per-paragraph scores against thresholds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from ..model import BlockKind, Finding
from ..readability import METRICS, PLAIN_METRICS, describe, higher_is_harder
from ..schema import Field
from .base import Kind, register
from .length import level_for, validate_thresholds

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis, Sentence
    from ..plainscore import PlainScore


#: The score a readability rule uses when it does not name one: the plain score, the one
#: number speakeasy shows for each file (docs/plain-score.md).
DEFAULT_METRIC = "plain_score"


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("..." if len(parts) > words else "")


@register
class Readability(Kind):
    name = "readability"
    summary = ("Scores the document or each paragraph against limits you set: speakeasy's plain score (the "
               "default) or reading age, or an older formula (Flesch, Flesch-Kincaid, SMOG, Gunning fog).")
    uses_thresholds = True
    uses_plain_score = True
    needs = frozenset({"sentences", "syllables"})
    options = (
        Field("metric", "text", "Which score to use. The plain score is the one speakeasy shows for each file.",
              choices=tuple(METRICS), default=DEFAULT_METRIC),
        Field("scope", "text", "Score the whole document, or each paragraph.", choices=("document", "paragraph"),
              default="document"),
        Field("thresholds", "any-mapping",
              "The score per level. For the plain score and reading ease, findings are for scores below it; for a "
              "reading age or a grade, above it.",
              required=True),
        Field("min_words", "int", "Skip text shorter than this (scores of short text are not reliable).",
              default=40, minimum=0),
    )
    default_message = (
        "{label} is {value}; aim for {direction} {threshold}. The hardest sentences: {hardest}."
    )
    #: For the plain score and reading age, which can say what makes the text hard.
    plain_message = "{label} is {value}; aim for {direction} {threshold}. What makes it hard: {reasons}."
    placeholders = ("label", "value", "threshold", "direction", "hardest", "reasons", "metric")

    @classmethod
    def validate_options(cls, options: dict[str, Any]) -> list[tuple[str, str, str | None]]:
        metric = options.get("metric", DEFAULT_METRIC)
        worse_high = higher_is_harder(metric) if metric in METRICS else True
        return validate_thresholds(options, higher_is_worse=worse_high)

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        metric = self.option("metric")
        thresholds = self.option("thresholds")
        harder_high = higher_is_harder(metric)
        min_words = self.option("min_words")
        plain = metric in PLAIN_METRICS
        if self.option("scope") == "document":
            sc = analysis.scores()
            if sc.counts.words < min_words:
                return
            ps = analysis.plain_document() if plain else None
            value = _plain_value(ps, metric) if ps is not None else sc.get(metric)
            hit = level_for(value, thresholds, higher_is_worse=harder_high)
            if hit is None:
                return
            hardest = analysis.hardest_sentences(analysis.sentences)
            if not hardest:
                return
            f = self._finding(analysis, hardest, value, hit, metric, harder_high, whole=True,
                              reasons=ps.reasons if ps is not None else ())
            f.location = "the whole document"
            yield f
            return
        plain_blocks = analysis.plain_blocks() if plain else None
        for st in analysis.block_stats():
            block = analysis.blocks[st.block]
            if block.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL) or st.counts.words < min_words:
                continue
            ps = plain_blocks[st.block] if plain_blocks is not None else None
            if plain and ps is None:
                continue
            value = _plain_value(ps, metric) if ps is not None else st.scores.get(metric)
            hit = level_for(value, thresholds, higher_is_worse=harder_high)
            if hit is None:
                continue
            sents = analysis.block_sentences(st.block)
            hardest = analysis.hardest_sentences(sents, 1)
            yield self._finding(analysis, hardest, value, hit, metric, harder_high, whole=False,
                                span=(sents[0].start, sents[-1].end), reasons=ps.reasons if ps is not None else ())

    def _finding(
        self,
        analysis: "Analysis",
        hardest: list["Sentence"],
        value: float,
        hit: tuple[Any, float],
        metric: str,
        harder_high: bool,
        whole: bool,
        span: tuple[int, int] | None = None,
        reasons: tuple[str, ...] = (),
    ) -> Finding:
        level, limit = hit
        doc = analysis.document
        quotes = []
        for sent in hardest:
            line, _ = doc.position(sent.start)
            quotes.append(f"'{_short(analysis.text(sent.start, sent.end))}' (line {line}, {sent.word_count} words)")
        start, end = span if span else (hardest[0].start, hardest[0].end)
        label = describe(metric)
        label = f"The document's {label}" if whole else f"This paragraph's {label}"
        template = None
        if metric in PLAIN_METRICS and not self.rule.message:
            template = self.plain_message if reasons else self.default_message
        message = self.render(
            template,
            label=label,
            # rounded as the file's summary line rounds its plain score (to 0.1, then to a whole number),
            # so the two never say different numbers
            value=f"{round(value, 1):.0f}" if abs(value) >= 10 else f"{value:.1f}",
            threshold=f"{limit:g}",
            direction="at most" if harder_high else "at least",
            hardest="; ".join(quotes),
            reasons="; ".join(reasons),
            metric=metric,
        )
        f = self.finding(analysis, start, end, message=message, level=level, value=round(value, 1),
                         threshold=limit)
        f.extra["metric"] = metric
        if metric in PLAIN_METRICS:
            f.extra["reasons"] = list(reasons)
        f.extra["hardest_sentences"] = [
            {"text": analysis.text(s.start, s.end), "line": doc.position(s.start)[0], "words": s.word_count}
            for s in hardest
        ]
        return f


def _plain_value(ps: "PlainScore", metric: str) -> float:
    return float(ps.reading_age) if metric == "reading_age" else ps.score
