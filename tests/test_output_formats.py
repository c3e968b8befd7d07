"""Output for CI: --format sarif, github and junit, --output FILE and --max-findings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT

SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"
DOCX = ROOT / "tests" / "data" / "docx" / "policy-features.docx"
WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with a wordlist (commence -> start) and a document using it."""
    write(tmp_path / "words.yaml", WORDS)
    write(tmp_path / "docs" / "a.md", "# Plan\n\nWe will commence work soon.\n")
    return tmp_path


def words_args() -> list[str]:
    return ["--no-config", "--pack", "length", "--wordlist", "words.yaml"]


def validate_sarif(data: dict) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)


# ---------------------------------------------------------------------------
# SARIF


def test_sarif_text_is_valid_with_region_and_fix(cli, project: Path) -> None:
    code, out, err = cli("check", "docs/a.md", "--format", "sarif", *words_args(), cwd=project)
    assert code == 0, err
    data = json.loads(out)
    validate_sarif(data)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "speakeasy"
    rules = driver["rules"]
    [result] = run["results"]
    assert result["ruleId"] == "local.words"
    rule = rules[result["ruleIndex"]]
    assert rule["id"] == "local.words"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert result["level"] == "warning"
    assert result["message"]["text"] == "Use 'start' instead of 'commence'."
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "docs/a.md"
    # "commence" is line 3, columns 9 to 16; SARIF's end column is exclusive
    region = {"startLine": 3, "startColumn": 9, "endLine": 3, "endColumn": 17}
    assert physical["region"] == region
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "docs/a.md"
    assert change["replacements"] == [{"deletedRegion": region, "insertedContent": {"text": "start"}}]
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_levels_and_properties(cli, tmp_path: Path) -> None:
    long = " ".join(["word"] * 40) + ".\n"
    write(tmp_path / "a.md", long)
    code, out, _ = cli("check", "a.md", "--no-config", "--format", "sarif", cwd=tmp_path)
    assert code == 1
    data = json.loads(out)
    validate_sarif(data)
    [result] = [r for r in data["runs"][0]["results"] if r["ruleId"] == "length.sentence"]
    assert result["level"] == "error"
    assert result["properties"]["value"] == 40
    assert result["properties"]["threshold"] == 35
    levels = {r["defaultConfiguration"]["level"] for r in data["runs"][0]["tool"]["driver"]["rules"]}
    assert levels <= {"note", "warning", "error"} and "note" in levels


def test_sarif_docx_uses_logical_locations(cli) -> None:
    code, out, err = cli("check", str(DOCX.relative_to(ROOT)), "--no-config", "--format", "sarif", cwd=ROOT)
    assert code in (0, 1), err
    data = json.loads(out)
    validate_sarif(data)
    results = data["runs"][0]["results"]
    assert results
    for r in results:
        [loc] = r["locations"]
        assert loc["physicalLocation"] == {"artifactLocation": {"uri": "tests/data/docx/policy-features.docx"}}
        [logical] = loc["logicalLocations"]
        assert logical["kind"] == "element" and logical["name"] == logical["fullyQualifiedName"]
        assert "fixes" not in r
    assert any("paragraph" in r["locations"][0]["logicalLocations"][0]["name"] for r in results)


def test_sarif_unreadable_file_is_a_notification(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", "We will visit you.\n")
    code, out, err = cli("check", "a.md", "missing.md", "--no-config", "--format", "sarif", cwd=tmp_path)
    assert code == 2
    data = json.loads(out)
    validate_sarif(data)
    [inv] = data["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is False
    [note] = inv["toolExecutionNotifications"]
    assert note["level"] == "error" and "missing.md" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"
    assert "missing.md" in err


def test_sarif_uri_is_relative_with_forward_slashes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speakeasy.reporters.sarif import artifact_uri

    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "docs" / "my file.md")) == "docs/my%20file.md"
    assert artifact_uri("./docs/a.md") == "docs/a.md"


# ---------------------------------------------------------------------------
# GitHub annotations


def test_github_annotation_for_a_finding(cli, project: Path) -> None:
    code, out, _ = cli("check", "docs/a.md", "--format", "github", *words_args(), cwd=project)
    assert code == 0
    assert out == ("::warning file=docs/a.md,line=3,col=9,endLine=3,endColumn=16,title=local.words"
                   "::Use 'start' instead of 'commence'.\n")


def test_github_escaping() -> None:
    from speakeasy.reporters.github import command, escape_data, escape_property

    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert (command("warning", {"file": "docs/a,b:c.md", "line": 2, "title": "x.y"}, "50% of\nit: yes, no")
            == "::warning file=docs/a%2Cb%3Ac.md,line=2,title=x.y::50%25 of%0Ait: yes, no")


def test_github_escaping_from_the_command(cli, tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", WORDS)
    write(tmp_path / "100%, a:b.md", "We commence.\n")
    code, out, _ = cli("check", "100%, a:b.md", *words_args(), "--format", "github", "--fail-on", "warning",
                       cwd=tmp_path)
    assert code == 1
    assert out == ("::warning file=100%25%2C a%3Ab.md,line=1,col=4,endLine=1,endColumn=11,"
                   "title=local.words::Use 'start' instead of 'commence'.\n")


def test_github_levels_docx_and_unreadable(cli, tmp_path: Path) -> None:
    write(tmp_path / "a.md", " ".join(["word"] * 40) + ".\n")
    code, out, err = cli("check", "a.md", "missing.md", str(DOCX), "--no-config", "--format", "github",
                         cwd=tmp_path)
    assert code == 2
    lines = out.splitlines()
    assert "::error file=missing.md::missing.md: this file or folder does not exist." in lines
    assert any(line.startswith("::error file=a.md,line=1,col=1,") and "title=length.sentence::" in line
               for line in lines)
    docx = [line for line in lines if "policy-features.docx" in line]
    assert docx and all(",line=" not in line for line in docx)
    assert any("::under 'Purpose of this policy'%2C paragraph" not in line and "::under 'Purpose of this policy', "
               "paragraph 1: " in line for line in docx)
    assert "missing.md" in err


# ---------------------------------------------------------------------------
# JUnit


def test_junit_counts_and_failures(cli, tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", WORDS)
    write(tmp_path / "bad.md", "We commence <soon> & \"now\".\n")
    write(tmp_path / "good.md", "We will visit you.\n")
    code, out, err = cli("check", "bad.md", "good.md", "missing.md", *words_args(), "--format", "junit",
                         "--fail-on", "warning", cwd=tmp_path)
    assert code == 2, err
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root
    assert suite.tag == "testsuite" and suite.get("name") == "speakeasy"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {c.get("classname"): c for c in suite.iter("testcase")}
    assert set(cases) == {"bad.md", "good.md", "missing.md"}
    failure = cases["bad.md"].find("failure")
    assert failure is not None
    assert failure.get("message") == "1 finding at or above warning"
    assert failure.text == "bad.md:1:4: warning [local.words] Use 'start' instead of 'commence'.\n"
    assert list(cases["good.md"]) == []
    error = cases["missing.md"].find("error")
    assert error is not None and "does not exist" in error.get("message", "")


def test_junit_findings_below_fail_on_are_not_failures(cli, project: Path) -> None:
    code, out, _ = cli("check", "docs/a.md", *words_args(), "--format", "junit", cwd=project)
    assert code == 0
    suite = ET.fromstring(out)[0]
    assert suite.get("failures") == "0"
    case = suite.find("testcase")
    assert case is not None and case.find("failure") is None
    assert "commence" in (case.findtext("system-out") or "")


def test_junit_escapes_awkward_text() -> None:
    from speakeasy.model import FileResult
    from speakeasy.model import Finding, Level
    from speakeasy.reporters.junit import render_stream

    import io

    f = Finding(rule="x.y", level=Level.ERROR, message="a < b & \"c\" ]]> \x0b\u00e9", path="p&<.md", start=0,
                end=1, match="a", line=1, column=1, end_line=1, end_column=1)
    out = io.StringIO()
    render_stream(iter([FileResult("p&<.md", "markdown", [f], {})]), out)
    root = ET.fromstring(out.getvalue().encode("utf-8"))
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("classname") == "p&<.md"
    assert case.findtext("failure") == "p&<.md:1:1: error [x.y] a < b & \"c\" ]]> \ufffd\u00e9\n"


# ---------------------------------------------------------------------------
# --output and --max-findings


@pytest.mark.parametrize("fmt", ["sarif", "json", "github", "junit"])
def test_output_writes_the_file_and_still_prints_the_summary(cli, project: Path, fmt: str) -> None:
    code, out, err = cli("check", "docs/a.md", *words_args(), "--format", fmt, "-o", "report.out", cwd=project)
    assert code == 0, err
    report = (project / "report.out").read_text(encoding="utf-8")
    assert "commence" in report
    assert "warning [local.words] Use 'start' instead of 'commence'." in out
    assert "Checked 1 file: 0 errors, 1 warning, 0 suggestions." in out
    assert not list(project.glob(".speakeasy-*"))  # no temporary file left behind
    if fmt == "sarif":
        validate_sarif(json.loads(report))


def test_output_with_human_format_goes_only_to_the_file(cli, project: Path) -> None:
    code, out, _ = cli("check", "docs/a.md", *words_args(), "--color", "always", "--output", "report.txt",
                       cwd=project)
    assert code == 0
    assert out == ""
    report = (project / "report.txt").read_text(encoding="utf-8")
    assert "Checked 1 file: 0 errors, 1 warning, 0 suggestions." in report
    assert "\x1b[" not in report


def test_output_replaces_an_existing_file(cli, project: Path) -> None:
    write(project / "report.sarif", "old")
    cli("check", "docs/a.md", *words_args(), "--format", "sarif", "-o", "report.sarif", cwd=project)
    assert json.loads((project / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_to_a_missing_folder_is_a_usage_error(cli, project: Path) -> None:
    code, _, err = cli("check", "docs/a.md", "--no-config", "-o", "nowhere/report.sarif", "--format", "sarif",
                       cwd=project)
    assert code == 2
    assert "speakeasy: error: nowhere/report.sarif: cannot write the report here" in err


def test_max_findings(cli, tmp_path: Path) -> None:
    write(tmp_path / "words.yaml", WORDS)
    write(tmp_path / "a.md", "We commence. They commence.\n")
    args = ["check", "a.md", *words_args()]
    assert cli(*args, "--max-findings", "2", cwd=tmp_path)[0] == 0
    code, out, _ = cli(*args, "--max-findings", "1", cwd=tmp_path)
    assert code == 1
    lines = out.splitlines()
    assert lines[-2] == "Checked 1 file: 0 errors, 2 warnings, 0 suggestions."
    assert lines[-1] == "Found 2 findings, more than --max-findings 1 allows: the check fails."
    code, out, err = cli(*args, "--max-findings", "0", "--format", "json", cwd=tmp_path)
    assert code == 1
    json.loads(out)  # standard output stays machine-readable
    assert "more than --max-findings 0 allows" in err
    code, out, _ = cli(*args, "--max-findings", "1", "--format", "sarif", "-o", "r.sarif", cwd=tmp_path)
    assert code == 1 and "more than --max-findings 1 allows" in out


def test_max_findings_must_be_a_count(cli, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("check", "a.md", "--max-findings", "-1", cwd=tmp_path)
    assert exc.value.code == 2


def test_cli_import_stays_light() -> None:
    import subprocess
    import sys

    code = ("import sys, speakeasy.cli\n"
            "print(sorted(m for m in sys.modules if m.startswith('speakeasy.reporters.') or m == 'xml.etree'))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_ease_words_follow_fleschs_own_bands() -> None:
    from speakeasy.reporters.human import ease_words

    assert [ease_words(s) for s in (95, 85, 75, 65, 55, 40, 10)] == [
        "very easy", "easy", "fairly easy", "plain English", "fairly hard", "hard", "very hard"]


def test_held_output_longer_than_what_is_kept_in_memory_comes_out_whole() -> None:
    """A long file's report goes to a temporary file after HELD_IN_MEMORY characters (issue 18), and comes out the same."""
    import io

    from speakeasy.cli.output import HELD_IN_MEMORY, HeldOutput

    held = HeldOutput()
    piece = "caf\u00e9 \u2014 finding text\n" * 1000
    for _ in range(HELD_IN_MEMORY // len(piece) + 50):
        held.write(piece)
    assert held._buffer._rolled  # no longer in memory
    out = io.StringIO()
    held.release(out)
    held.close()
    assert out.getvalue() == piece * (HELD_IN_MEMORY // len(piece) + 50)
