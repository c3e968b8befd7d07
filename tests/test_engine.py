"""The engine checks one document: kinds say what they give way to, and nothing passes through side channels."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import ClassVar

from speakeasy.analysis import Analysis
from speakeasy.config import resolve
from speakeasy.engine import lint_text
from speakeasy.kinds.base import Kind
from speakeasy.model import Level
from speakeasy.packs import Rule
from speakeasy.readers import read_bytes
from speakeasy.ruleset import RuleSet, build_ruleset


class _Capitals(Kind):
    name = "test-capitals"
    summary = "Flags words in capitals."

    def check(self, analysis):  # type: ignore[no-untyped-def]
        for m in re.finditer(r"\b[A-Z]{3,}\b", analysis.source):
            yield self.finding(analysis, m.start(), m.end())


class _Listed(Kind):
    name = "test-listed"
    summary = "Flags the words of a list."

    def check(self, analysis):  # type: ignore[no-untyped-def]
        for m in re.finditer(r"\bNHS\b", analysis.source):
            yield self.finding(analysis, m.start(), m.end())


class _PoliteCapitals(_Capitals):
    name = "test-polite-capitals"
    yields_to = frozenset({"test-listed"})


def _ruleset(*kinds: type[Kind]) -> RuleSet:
    rules = [Rule(id=f"test.{k.name}", pack="test", kind=k.name, level=Level.WARNING, summary="", why="",
                  example_bad="", example_good="") for k in kinds]
    rs = RuleSet(rules, [], resolve({"packs": []}, no_config=True))
    rs.kinds.extend(k(r) for k, r in zip(kinds, rules))
    return rs


def _found(rs: RuleSet, text: str) -> list[tuple[str, str]]:
    return sorted((f.rule, f.match) for f in lint_text(text, rs).findings)


TEXT = "We wrote to the NHS and the DWP.\n"


def test_a_kind_gives_way_to_the_kinds_it_yields_to() -> None:
    assert _found(_ruleset(_Capitals, _Listed), TEXT) == [
        ("test.test-capitals", "DWP"), ("test.test-capitals", "NHS"), ("test.test-listed", "NHS")]
    assert _found(_ruleset(_PoliteCapitals, _Listed), TEXT) == [
        ("test.test-listed", "NHS"), ("test.test-polite-capitals", "DWP")]


def test_the_acronym_kind_yields_to_the_wordlists() -> None:
    from speakeasy.registry import registry

    assert registry()["acronym"].yields_to == frozenset({"substitution"})
    assert all(not k.yields_to for name, k in registry().items() if name != "acronym")


def test_project_settings_are_fields_of_each_rule() -> None:
    """keep, include_proposed and language_model reach the kinds as typed fields, not through a dict."""
    assert "settings" not in {f.name for f in fields(Rule)}
    rs = build_ruleset(resolve({"keep": ["utilise"], "include_proposed": True}, no_config=True))
    for rule in rs.rules:
        assert rule.keep == ("utilise",) and rule.include_proposed is True and rule.language_model is None
    assert not [f for f in lint_text("We will utilise the van.\n", rs).findings if f.match == "utilise"]


def test_jargon_spans_are_given_not_changed() -> None:
    """The plain score's jargon comes with a new analysis; the first one is left as it was, and what it
    worked out (the sentences) is not worked out again."""
    doc = read_bytes("a.md", b"We will utilise the van. It is red.\n", "markdown")
    first = Analysis(doc)
    sentences = first.sentences
    before = first.plain_document().score
    # "van" as jargon: an everyday word that counts as a rare one ("utilise" is rare and hard already)
    second = first.with_jargon_spans([(20, 23, "van")])
    assert first.jargon_spans == [] and second.jargon_spans == [(20, 23, "van")]
    assert second.sentences is sentences
    assert first.plain_document().score == before
    assert second.plain_document().score != before
    assert Analysis(doc, jargon_spans=[(20, 23, "van")]).plain_document().score == second.plain_document().score


CQC = ("# Care at home\n\nThe CQC inspects every care home and home care service. Your care package and your "
       "care and support plan are checked by social care staff, and your carer can ask about support.\n")


def test_a_finding_that_takes_in_the_word_before_still_covers_the_acronym() -> None:
    """'The CQC' -> 'The care inspector' covers 'CQC': the acronym rule gives way, as it does to 'CQC' alone."""
    found = [(f.rule, f.match) for f in lint_text(CQC, build_ruleset(resolve(no_config=True))).findings
             if "CQC" in f.match]
    assert found == [("social-care.jargon", "The CQC")]


def test_the_plain_score_counts_the_term_not_the_word_taken_in_before_it() -> None:
    from speakeasy.engine import _jargon_spans

    result = lint_text(CQC, build_ruleset(resolve(no_config=True)))
    taken = [f for f in result.findings if f.match == "The CQC"]
    spans = _jargon_spans(taken, None)
    assert [(CQC[a:b], term) for a, b, term in spans] == [("CQC", "CQC")]


class _AsksForNames(Kind):
    name = "test-asks-for-names"
    summary = "Reads the names and the parts of speech, as the wordlist kinds do."

    def check(self, analysis):  # type: ignore[no-untyped-def]
        assert analysis.names is not None and analysis.tagged(analysis.sentences[0])
        return iter(())


class _ReadsPlainScore(Kind):
    name = "test-reads-plain-score"
    summary = "Notes what the analysis still holds when the rules that read the plain score run."
    uses_plain_score = True
    held: ClassVar[list[tuple[bool, bool]]] = []

    def check(self, analysis):  # type: ignore[no-untyped-def]
        _ReadsPlainScore.held.append((analysis._names is not None, bool(analysis._tagged)))
        analysis.plain_document()
        return iter(())


def test_what_only_the_first_rules_read_is_let_go_before_the_plain_score_rules_run() -> None:
    """Names and tags (tens of megabytes in a long document) are not held while the plain score's tallies are made."""
    _ReadsPlainScore.held = []
    result = lint_text("The Care Quality Commission visits. It was inspected.\n",
                       _ruleset(_AsksForNames, _ReadsPlainScore))
    assert _ReadsPlainScore.held == [(False, False)]
    assert result.stats["plain_score"] == lint_text("The Care Quality Commission visits. It was inspected.\n",
                                                    _ruleset(_ReadsPlainScore)).stats["plain_score"]
