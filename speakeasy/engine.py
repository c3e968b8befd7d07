"""The engine: check one document with every rule that is on, and collect the findings.

:func:`lint_document` runs each rule's kind on the document's analysis, the
rules that read the plain score last, then applies the document's speakeasy
comments and the project's ignore file, and drops repeats.  One crashing rule
never stops a run: it becomes a ``speakeasy.internal-error`` finding naming
the rule, and the other rules still run.  The rule set comes from
:mod:`speakeasy.ruleset`; finding files, running many and the cache are
:mod:`speakeasy.runner`'s.
"""

from __future__ import annotations

import fnmatch
import re
import traceback
from pathlib import Path
from typing import Any

from .version import __version__
from .analysis import Analysis
from .articles import DETERMINER_AT_START
from .directives import Suppressions
from .errors import ConfigError
from .hints import closest, did_you_mean
from .kinds.base import Kind
from .model import DIRECTIVE_RULE, INTERNAL_RULE, Document, FileResult, Finding, Level
from .packs import Rule
from .ruleset import RuleSet

# The result types live in speakeasy.model, the rule set in speakeasy.ruleset, and finding and running
# many files in speakeasy.runner (issue 17): import them from there.
__all__ = ["lint_document", "lint_text", "paragraph_scores", "stats"]

# ---------------------------------------------------------------------------
# Running


def lint_document(doc: Document, ruleset: RuleSet, with_stats: bool = True) -> FileResult:
    """Run every active rule on one document.

    ``with_stats=False`` leaves out the counts and scores (``FileResult.stats``
    is then empty), for a caller that needs only the findings: the language
    server, checking again after each change.
    """
    analysis = Analysis(doc, ruleset.settings["language_model"], ruleset.needs(),
                        score_model=getattr(ruleset, "score_model", None))
    sup = Suppressions(doc.directives) if doc.directives else None
    # Rules that read the plain score run last, on an analysis that knows the words the
    # wordlist rules flagged: the score counts them as jargon.
    findings = _run([k for k in ruleset.kinds if not k.uses_plain_score], analysis)
    analysis = analysis.with_jargon_spans(_jargon_spans(findings, sup))
    findings += _run([k for k in ruleset.kinds if k.uses_plain_score], analysis)
    findings.extend(_directive_findings(analysis, ruleset))
    if sup is not None:
        findings = [f for f in findings if f.rule == DIRECTIVE_RULE or not sup.suppressed(f.rule, f.start)]
    if ruleset.ignore_entries:
        from .ignorefile import suppressed

        root = ruleset.ignore_root
        findings = [f for f in findings if not suppressed(f, doc, ruleset.ignore_entries, root)]
    findings = _dedupe(findings, ruleset)
    findings.sort(key=Finding.sort_key)
    analysis.let_go()  # the rules have run: what only they read goes before the report's numbers are made
    return FileResult(doc.path, doc.format, findings, stats(analysis) if with_stats else {}, doc)


def _run(kinds: list[Kind], analysis: Analysis) -> list[Finding]:
    """The findings of each kind in turn; a kind that fails gives an internal-error finding instead."""
    findings: list[Finding] = []
    for kind in kinds:
        try:
            findings.extend(kind.check(analysis))
        except ConfigError:
            raise  # a mistake in a pack or a setting (a pattern that ran out of time): exit code 2
        except Exception as exc:  # noqa: BLE001 - one bad rule must not stop the run
            findings.append(_internal_error(analysis, kind.rule, exc))
    return findings


def _jargon_spans(findings: list[Finding], sup: Suppressions | None) -> list[tuple[int, int, str]]:
    """Where the wordlists found jargon (not where a comment switched the rule off), sorted.

    Each with the wordlist's term, so the forms of one word ("service users",
    "Service user") count as one word in the plain score's reasons.
    """
    out = set()
    for f in findings:
        if not (f.origin and f.origin.get("wordlist") and f.end > f.start):
            continue
        if sup is not None and sup.suppressed(f.rule, f.start):
            continue
        term = str(f.origin.get("term") or " ".join(f.match.split()))
        out.add((f.start + _taken_in(f.match, term), f.end, term))
    return sorted(out)


def _taken_in(match: str, term: str) -> int:
    """How many characters at the start of ``match`` are a word before the term, not the term itself."""
    m = DETERMINER_AT_START.match(match)
    if m is None or term.lower().startswith(m.group().lower().rstrip()):
        return 0
    return m.end()


def stats(analysis: Analysis) -> dict[str, Any]:
    sc = analysis.scores()
    out: dict[str, Any] = {
        "words": sc.counts.words,
        "sentences": sc.counts.sentences,
        "paragraphs": sum(1 for b in analysis.blocks if b.kind.value != "heading"),
        "syllables": sc.counts.syllables,
    }
    out.update(sc.as_dict())
    plain = analysis.plain_document()
    out["plain_score"] = round(plain.score, 1)
    out["reading_age"] = plain.reading_age
    out["paragraph_scores"] = paragraph_scores(analysis)
    return out


def paragraph_scores(analysis: Analysis) -> list[dict[str, Any]]:
    """The plain score of every block with words but headings, in document order."""
    doc = analysis.document
    out = []
    for bi, ps in enumerate(analysis.plain_blocks()):
        if ps is None:
            continue
        block = doc.blocks[bi]
        sents = analysis.block_sentences(bi)
        start, end = sents[0].start, sents[-1].end
        out.append({
            "block": bi,
            "kind": block.kind.value,
            "line": doc.position(start)[0],
            "end_line": doc.position(max(end - 1, start))[0],
            "offset": start,
            "end_offset": end,
            "location": analysis.location(start),
            **ps.as_dict(),
            # A block of one sentence (most are) has that sentence's tally, so its score is the sentence's.
            "sentence_scores": [round(ps.score, 1)] if len(sents) == 1 else [
                round(analysis.plain_sentence(s, explain=False).score, 1) for s in sents],
        })
    return out


def _internal_error(analysis: Analysis, rule: Rule, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    start = analysis.blocks[0].start if analysis.blocks else 0
    line, column = analysis.document.position(start)
    from .plugins import kind_owner

    owner = kind_owner(rule.kind)
    if owner:
        message = (
            f"The rule '{rule.id}' (kind '{rule.kind}', from the plugin '{owner}') stopped with an error "
            f"({type(exc).__name__}: {exc}{at}). The other rules still ran. "
            f"Please report this to the plugin's authors, with its version and speakeasy {__version__}."
        )
    else:
        message = (
            f"The rule '{rule.id}' stopped with an error ({type(exc).__name__}: {exc}{at}). "
            f"The other rules still ran. Please report this to the speakeasy team, with speakeasy {__version__}."
        )
    return Finding(
        rule=INTERNAL_RULE,
        level=Level.ERROR,
        message=message,
        path=analysis.document.path,
        start=start,
        end=start,
        match="",
        line=line,
        column=column,
        end_line=line,
        end_column=column,
        location="the whole document",
        extra={"failed_rule": rule.id, **({"plugin": owner} if owner else {})},
    )


def _directive_findings(analysis: Analysis, ruleset: RuleSet) -> list[Finding]:
    doc = analysis.document
    out = []
    known = ruleset.known_ids()
    packs = {i.split(".")[0] for i in known}

    def make(start: int, end: int, message: str) -> Finding:
        line, column = doc.position(start)
        end_line, end_column = doc.end_position(end)
        return Finding(
            rule=DIRECTIVE_RULE, level=Level.WARNING, message=message, path=doc.path, start=start, end=end,
            match=doc.source[start:end], line=line, column=column, end_line=end_line, end_column=end_column,
            location=analysis.location(start),
        )

    for p in doc.directive_problems:
        out.append(make(p.start, p.end, p.message))
    for d in doc.directives:
        for sel in d.rules:
            if any(ch in sel for ch in "*?[") or sel in ("all",):
                if any(fnmatch.fnmatchcase(i, sel) for i in known) or sel == "all":
                    continue
            elif sel in known or sel in packs:
                continue
            hint = " " + did_you_mean(closest(sel, known + sorted(packs), cutoff=0.5),
                                      "Run `speakeasy rules` to see the rule ids.")
            out.append(make(d.start, d.end, f"'{sel}' in this speakeasy comment is not a rule speakeasy knows.{hint}"))
    return out


def _dedupe(findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """Drop repeats; and a finding of a kind that yields to another kind with a finding that covers its words
    (see :attr:`speakeasy.kinds.base.Kind.yields_to`): "CQC" gives way to "The CQC" -> "The care inspector"."""
    import bisect
    from itertools import accumulate

    kind_of = {k.rule.id: k for k in ruleset.kinds}
    wanted = {name for k in ruleset.kinds for name in k.yields_to}
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        k = kind_of.get(f.rule)
        if k is not None and k.name in wanted:
            spans.setdefault(k.name, []).append((f.start, f.end))
    # for each kind: the starts in order, and the furthest end of any span starting there or before
    covers = {name: ([a for a, _ in got], list(accumulate((b for _, b in got), max)))
              for name, got in ((n, sorted(v)) for n, v in spans.items())}

    def covered(name: str, start: int, end: int) -> bool:
        got = covers.get(name)
        if got is None:
            return False
        i = bisect.bisect_right(got[0], start) - 1
        return i >= 0 and got[1][i] >= end

    seen = set()
    out = []
    for f in findings:
        k = kind_of.get(f.rule)
        if k is not None and any(covered(name, f.start, f.end) for name in k.yields_to):
            continue
        key = (f.rule, f.start, f.end, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def lint_text(text: str, ruleset: RuleSet, path: str = "<text>", format: str = "markdown",
              with_stats: bool = True) -> FileResult:
    """Lint a string (handy for tests and plugins), read with the rule set's read options.

    The settings' ``include_landmarks`` (web pages) and ``include_comments``
    apply, as they do to files. A lone surrogate (half of a UTF-16 pair, like
    ``"\\ud800"``) cannot be UTF-8, so it is checked as U+FFFD, the
    replacement character: one character for one, so every offset still
    points into ``text``.
    """
    from .readers import ReadOptions, read_bytes

    data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    return lint_document(read_bytes(path, data, format, options=ReadOptions.from_settings(ruleset.settings)), ruleset,
                         with_stats)


_SURROGATE = re.compile("[\ud800-\udfff]")
