"""One number for readability (issue 15): the plain score.

Each file's line in the report for people gives the plain score and its
reading age, not Flesch beside it (the two disagree, and a writer cannot
tell which one matters).  Flesch stays in the JSON output and behind
``--flesch``.  A readability rule uses the plain score unless it names
another score, so a gate on Flesch is still one setting away.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "care-at-home-policy.md"


def summary(out: str) -> str:
    (line,) = [line for line in out.splitlines() if re.match(r"  \d+ words, \d+ sentences\. ", line)]
    return line


def test_each_file_shows_the_plain_score_and_not_flesch(cli) -> None:
    _, out, err = cli("check", str(EXAMPLE), "--no-config")
    line = summary(out)
    assert re.search(r"Plain score \d+ out of 100 \((very easy|easy|fairly easy|plain English|fairly hard|hard|"
                     r"very hard)\), reading age \d+\. ", line), line
    assert "Flesch" not in out and "grade" not in out, out


def test_flesch_is_one_option_away(cli) -> None:
    _, out, _ = cli("check", str(EXAMPLE), "--no-config", "--flesch")
    line = summary(out)
    # after the plain score, so the plain score still comes first
    assert re.search(r"Plain score \d+ out of 100 .*, reading age \d+\. Flesch reading ease -?\d+, grade \d+\.\d\. ",
                     line), line


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_the_screen_with_a_report_in_a_file_shows_one_score_too(cli, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    _, out, _ = cli("check", str(EXAMPLE), "--no-config", "--format", fmt, "-o", str(target))
    line = summary(out)
    assert "Plain score" in line and "reading age" in line
    assert "Flesch" not in out
    # the same hot spots as --format human
    assert "Hot spots, the 3 hardest paragraphs" in out
    _, out, _ = cli("check", str(EXAMPLE), "--no-config", "--format", fmt, "-o", str(target), "--flesch")
    assert "Flesch reading ease" in summary(out)


def test_json_keeps_every_score(cli) -> None:
    _, out, _ = cli("check", str(EXAMPLE), "--no-config", "--format", "json")
    stats = json.loads(out)["files"][0]["stats"]
    for key in ("plain_score", "reading_age", "flesch_reading_ease", "flesch_kincaid_grade", "smog", "gunning_fog"):
        assert isinstance(stats[key], (int, float)), key


PACK = """\
id: ours
title: Our gate
version: 1.0.0
description: A readability gate.
licence: CC0-1.0
rules:
  - id: gate
    kind: readability
    thresholds: {THRESHOLDS}
    min_words: 20
    summary: S.
    why: W.
    example:
      bad: B.
      good: G.
"""


def _gate(cli, tmp_path: Path, thresholds: str, *args: str) -> tuple[int, str, str]:
    (tmp_path / "ours.yaml").write_text(PACK.replace("{THRESHOLDS}", thresholds), encoding="utf-8")
    return cli("check", str(EXAMPLE), "--no-config", "--pack", str(tmp_path / "ours.yaml"), "--hot-spots", "0",
               "--no-cache", *args, cwd=tmp_path)


def test_a_readability_rule_without_a_metric_uses_the_plain_score(cli, tmp_path: Path) -> None:
    # with the word lists, whose jargon the plain score counts
    # (the example, full of jargon, scores 13 with the word lists since the plain score's second version)
    code, out, err = _gate(cli, tmp_path, "{warning: 70, error: 10}", "--pack", "social-care", "--pack",
                           "plain-english")
    assert code == 0, err
    (finding,) = [line for line in out.splitlines() if "[ours.gate]" in line]
    assert "warning [ours.gate] The document's plain score is " in finding
    assert "aim for at least 70. What makes it hard: " in finding
    # the gate and the file's line say the same number
    gate = re.search(r"plain score is (\d+);", finding).group(1)
    assert f"Plain score {gate} out of 100" in summary(out)


def test_the_order_of_the_thresholds_follows_the_plain_score(cli, tmp_path: Path) -> None:
    """A lower plain score is harder, so an error must be below a warning: a clear error, not a traceback."""
    code, out, err = _gate(cli, tmp_path, "{warning: 30, error: 50}")
    assert code == 2
    assert "Traceback" not in err and err.startswith("speakeasy: error: ")
    assert "thresholds" in err


def test_a_flesch_gate_is_still_there(cli, tmp_path: Path) -> None:
    (tmp_path / ".speakeasy.yaml").write_text(
        "rules:\n  readability.document:\n    metric: flesch_reading_ease\n    thresholds: {warning: 60}\n",
        encoding="utf-8")
    code, out, _ = cli("check", str(EXAMPLE), "--hot-spots", "0", "--no-cache", cwd=tmp_path)
    (finding,) = [line for line in out.splitlines() if "[readability.document]" in line]
    assert "The document's Flesch reading ease is " in finding and "aim for at least 60" in finding
    # the plain score gate, set the same way
    (tmp_path / ".speakeasy.yaml").write_text(
        "rules:\n  readability.document:\n    metric: plain_score\n    thresholds: {error: 50}\n", encoding="utf-8")
    code, out, _ = cli("check", str(EXAMPLE), "--hot-spots", "0", "--no-cache", cwd=tmp_path)
    (finding,) = [line for line in out.splitlines() if "[readability.document]" in line]
    assert "error [readability.document] The document's plain score is " in finding
    assert code == 1

def test_the_gate_and_the_file_line_say_the_same_number(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's line shows the score to 0.1 (as in the JSON output), rounded: 35.46 is 35.5, so 36."""
    from speakeasy.analysis import Analysis
    from speakeasy.plainscore import PlainScore

    real = Analysis.plain_document

    def near_a_half(self):  # type: ignore[no-untyped-def]
        got = real(self)
        return PlainScore(35.46, got.reading_age, got.words, got.sentences, got.reasons)

    monkeypatch.setattr(Analysis, "plain_document", near_a_half)
    (tmp_path / ".speakeasy.yaml").write_text(
        "rules:\n  readability.document:\n    metric: plain_score\n    thresholds: {error: 50}\n", encoding="utf-8")
    _, out, _ = cli("check", str(EXAMPLE), "--hot-spots", "0", "--no-cache", cwd=tmp_path)
    (finding,) = [line for line in out.splitlines() if "[readability.document]" in line]
    assert "The document's plain score is 36; " in finding
    assert "Plain score 36 out of 100" in summary(out)


def test_the_document_gate_uses_the_plain_score(cli, tmp_path: Path) -> None:
    code, out, _ = cli("check", str(EXAMPLE), "--no-config", "--hot-spots", "0", "--no-cache", cwd=tmp_path)
    (finding,) = [line for line in out.splitlines() if "[readability.document]" in line]
    # the example, full of jargon, is very hard (13): below the error limit of 30
    assert "error [readability.document] The document's plain score is " in finding
    assert "aim for at least 30" in finding
    gate = re.search(r"plain score is (\d+);", finding).group(1)
    assert f"Plain score {gate} out of 100" in summary(out)
    _, out, _ = cli("explain", "readability.document")
    assert "Flags a document whose plain score is below 50" in out and "Flesch" in out
