"""`speakeasy check --min-level`, `--statistics` and `--quiet`: what a writer is shown, in every format.

The document has one error (a 47-word sentence), two warnings (the test word
list's 'commence', twice) and two suggestions (passive verbs).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
"""

DOC = """\
# Visits

We will commence the visits in May.

The form will be sent to you after the visit, and then the plan will be checked.

When you ask for help we will come to your home and talk with you and your family about what you need, what you \
like to do each day, who helps you now, and how we can make each day a bit easier for all of you.

We commence again in June.
"""

FORMATS = ("human", "json", "sarif", "github", "junit")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "clean.md").write_text("We will visit you at home.\n", encoding="utf-8")
    (tmp_path / "mild.md").write_text("Your plan will be checked.\n", encoding="utf-8")
    return tmp_path


def run(cli, folder: Path, *args: str) -> tuple[int, str, str]:
    return cli("check", *args, "--no-config", "--pack", "length", "--pack", "passive-voice",
               "--wordlist", str(folder / "words.yaml"), "--hot-spots", "0", cwd=folder)


def shown_levels(fmt: str, out: str) -> list[str]:
    """The level of every finding in a report, read the way that format writes it."""
    if fmt == "human":
        # A word used again is shown once in full, then as "'commence' is used 1 more time: line 10".
        levels: list[str] = []
        for line in out.splitlines():
            m = re.match(r"\S+:\d+:\d+: (error|warning|suggestion) \[", line)
            if m:
                levels.append(m.group(1))
            more = re.match(r"\s+'[^']+' is used (\d+) more times?: ", line)
            if more:
                levels += [levels[-1]] * int(more.group(1))
        return levels
    if fmt == "json":
        return [f["severity"] for file in json.loads(out)["files"] for f in file["findings"]]
    if fmt == "sarif":
        names = {"error": "error", "warning": "warning", "note": "suggestion"}
        return [names[r["level"]] for r in json.loads(out)["runs"][0]["results"]]
    if fmt == "github":
        names = {"error": "error", "warning": "warning", "notice": "suggestion"}
        return [names[m] for m in re.findall(r"^::(error|warning|notice) ", out, re.M)]
    root = ET.fromstring(out)
    text = "\n".join((el.text or "") + "\n" + el.get("message", "") for el in root.iter()
                     if el.tag in ("failure", "system-out"))
    return re.findall(r": (error|warning|suggestion) \[", text)


def test_help_says_what_min_level_and_statistics_do(capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--min-level LEVEL show only findings at this level or above: suggestion, warning or error" in text
    assert "It changes what is shown, not the exit code" in text
    assert "--statistics instead of each finding, show how many findings each rule and each word" in text
    assert "--quiet, -q only show files with findings" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_shows_the_same_findings(cli, folder: Path, fmt: str) -> None:
    code, out, err = run(cli, folder, "doc.md", "--format", fmt)
    assert sorted(shown_levels(fmt, out)) == ["error", "suggestion", "suggestion", "warning", "warning"], out + err
    for level, expected in (("warning", ["error", "warning", "warning"]), ("error", ["error"]),
                            ("suggestion", ["error", "suggestion", "suggestion", "warning", "warning"])):
        code2, out2, err2 = run(cli, folder, "doc.md", "--format", fmt, "--min-level", level)
        assert sorted(shown_levels(fmt, out2)) == expected, (level, out2 + err2)
        assert code2 == code == 1


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "human"])
def test_with_output_file_the_file_and_the_screen_agree(cli, folder: Path, fmt: str) -> None:
    target = folder / f"report.{fmt}"
    code, out, err = run(cli, folder, "doc.md", "--format", fmt, "-o", str(target), "--min-level", "warning")
    assert code == 1, err
    assert sorted(shown_levels(fmt, target.read_text(encoding="utf-8"))) == ["error", "warning", "warning"]
    assert sorted(shown_levels("human", out)) == ["error", "warning", "warning"]
    assert "Checked 1 file: 1 error, 2 warnings. Not shown, below --min-level warning: 2 suggestions." in out


@pytest.mark.parametrize("fail_on", ["suggestion", "warning", "error", "never"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_min_level_never_changes_the_exit_code(cli, folder: Path, fail_on: str, fmt: str) -> None:
    for doc in ("doc.md", "mild.md", "clean.md"):
        base, _, _ = run(cli, folder, doc, "--format", fmt, "--fail-on", fail_on)
        for level in ("suggestion", "warning", "error"):
            code, out, err = run(cli, folder, doc, "--format", fmt, "--fail-on", fail_on, "--min-level", level)
            assert code == base, (doc, level, out, err)
    # and the exit codes themselves are the documented ones
    mild = run(cli, folder, "mild.md", "--format", fmt, "--fail-on", fail_on)[0]
    assert mild == (1 if fail_on == "suggestion" else 0)
    assert run(cli, folder, "doc.md", "--format", fmt, "--fail-on", fail_on)[0] == (0 if fail_on == "never" else 1)


def test_human_says_what_it_left_out_and_why_the_check_fails(cli, folder: Path) -> None:
    code, out, err = run(cli, folder, "doc.md", "--min-level", "error", "--fail-on", "warning")
    assert code == 1
    assert "warning [" not in out and "suggestion [" not in out
    assert "error [length.sentence]" in out
    assert "1 error; 4 more findings below error not shown." in out
    assert "Checked 1 file: 1 error. Not shown, below --min-level error: 2 warnings, 2 suggestions." in out
    assert ("The check fails on 2 warnings that --min-level error does not show (--fail-on warning). "
            "Run without --min-level to see them.") in out
    # when what is shown makes it fail anyway, or nothing hidden counts, there is no such line
    code, out, _ = run(cli, folder, "doc.md", "--min-level", "error")
    assert code == 1 and "The check fails on" not in out


def test_machine_formats_say_on_standard_error_why_the_check_fails(cli, folder: Path) -> None:
    code, out, err = run(cli, folder, "mild.md", "--format", "github", "--min-level", "warning",
                         "--fail-on", "suggestion")
    assert code == 1
    assert out == ""
    assert err == ("speakeasy: The check fails on 1 suggestion that --min-level warning does not show "
                   "(--fail-on suggestion). Run without --min-level to see them.\n")


def test_json_summary_counts_what_it_shows_and_says_what_it_left_out(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder, "doc.md", "--format", "json")
    assert "min_level" not in out and "not_shown" not in out  # no change without the option
    _, out, _ = run(cli, folder, "doc.md", "--format", "json", "--min-level", "warning")
    summary = json.loads(out)["summary"]
    assert summary["findings"] == 3
    assert summary["by_severity"] == {"suggestion": 0, "warning": 2, "error": 1}
    assert summary["min_level"] == "warning"
    assert summary["not_shown"] == {"suggestion": 2, "warning": 0, "error": 0}


def test_json_with_min_level_still_matches_the_schema(cli, folder: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from speakeasy.jsonschema import schemas

    _, out, _ = run(cli, folder, "doc.md", "mild.md", "--format", "json", "--min-level", "error")
    jsonschema.validate(json.loads(out), schemas()["report"])


def test_max_findings_counts_the_findings_not_shown(cli, folder: Path) -> None:
    code, out, _ = run(cli, folder, "doc.md", "--min-level", "error", "--max-findings", "3")
    assert code == 1
    assert "Found 5 findings, more than --max-findings 3 allows: the check fails." in out


def test_baseline_then_min_level(cli, folder: Path) -> None:
    """Findings in the baseline are gone before --min-level counts what it leaves out."""
    base = folder / "base.json"
    assert cli("baseline", "create", "doc.md", "-o", str(base), "--no-config", "--pack", "passive-voice",
               cwd=folder)[0] == 0
    code, out, _ = run(cli, folder, "doc.md", "--baseline", str(base), "--min-level", "warning")
    assert "Not shown" not in out
    assert "Checked 1 file: 1 error, 2 warnings." in out


def test_statistics_counts_by_rule_and_by_word_most_first(cli, folder: Path) -> None:
    code, out, err = run(cli, folder, "doc.md", "mild.md", "clean.md", "--statistics")
    assert code == 1, err
    assert "^" not in out and "[local.words]" not in out  # the counts take the place of the findings
    assert "Plain score" not in out
    lines = out.splitlines()
    start = lines.index("Findings by rule, most first:")
    assert lines[start + 1:start + 5] == [
        "  3  passive-voice.passive  3 suggestions",
        "  2  local.words            2 warnings",
        "  1  length.sentence        1 error",
        "",
    ]
    assert lines[start + 5:start + 7] == ["Findings by word or phrase, most first:", "  2  commence  local.words"]
    assert lines[-1] == "Checked 3 files: 1 error, 2 warnings, 3 suggestions."


def test_statistics_counts_only_what_min_level_shows(cli, folder: Path) -> None:
    code, out, _ = run(cli, folder, "doc.md", "mild.md", "--statistics", "--min-level", "warning")
    assert code == 1
    assert "passive-voice" not in out
    assert "  2  local.words      2 warnings" in out
    assert "  1  length.sentence  1 error" in out
    assert out.rstrip().endswith("Not shown, below --min-level warning: 3 suggestions.")


def test_statistics_puts_forms_of_a_word_together_and_names_phrases(cli, folder: Path) -> None:
    (folder / "forms.md").write_text("We commenced in May. We commence in June. Commencing is hard.\n"
                                     "It is important to note that we care.\n", encoding="utf-8")
    code, out, _ = cli("check", "forms.md", "--no-config", "--pack", "plain-english", "--disable",
                       "plain-english.words", "--wordlist", str(folder / "words.yaml"), "--statistics",
                       "--hot-spots", "0", cwd=folder)
    lines = out.splitlines()
    start = lines.index("Findings by word or phrase, most first:")
    assert lines[start + 1:start + 3] == [
        "  3  commence                      local.words",
        "  1  it is important to note that  plain-english.wordy-phrases",
    ]


def test_statistics_with_no_findings(cli, folder: Path) -> None:
    code, out, _ = run(cli, folder, "clean.md", "--statistics")
    assert code == 0
    assert out == "No findings to count.\n\nChecked 1 file: 0 errors, 0 warnings, 0 suggestions.\n"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "human"])
def test_statistics_with_a_machine_format_on_the_screen_is_a_clear_error(cli, folder: Path, fmt: str) -> None:
    code, out, err = run(cli, folder, "doc.md", "--statistics", "--format", fmt)
    assert code == 2
    assert out == ""
    assert err.startswith(f"speakeasy: error: --statistics shows counts for people, so it does not mix with "
                          f"--format {fmt} on the screen.")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_statistics_on_the_screen_with_a_report_in_a_file(cli, folder: Path) -> None:
    target = folder / "out.json"
    code, out, err = run(cli, folder, "doc.md", "--statistics", "--format", "json", "-o", str(target))
    assert code == 1, err
    assert len(json.loads(target.read_text(encoding="utf-8"))["files"][0]["findings"]) == 5
    assert "  2  local.words            2 warnings" in out
    assert "^" not in out


def test_statistics_say_levels_in_words_and_use_no_colour_with_no_color(cli, folder: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich would colour a pipe now...
    monkeypatch.setenv("NO_COLOR", "1")  # ...but NO_COLOR wins
    _, out, _ = run(cli, folder, "doc.md", "--statistics")
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]", out), repr(out)  # no foreground colour
    assert "1 error" in out and "2 warnings" in out and "2 suggestions" in out
    monkeypatch.delenv("NO_COLOR")
    _, coloured, _ = run(cli, folder, "doc.md", "--color", "always")
    assert re.search(r"\x1b\[[0-9;]*3[0-9]", coloured)  # the check above can fail


def test_quiet_leaves_out_files_with_nothing_to_show_scores_and_all(cli, folder: Path) -> None:
    _, loud, _ = run(cli, folder, "doc.md", "clean.md", "mild.md")
    assert "clean.md\n" in loud and "No problems found." in loud
    _, out, _ = run(cli, folder, "doc.md", "clean.md", "mild.md", "--quiet")
    assert "clean.md" not in out and "No problems found." not in out
    assert "mild.md" in out
    assert out.count("Plain score") == 2
    # with --min-level, a file whose findings are all below it has nothing to show either
    _, out, _ = run(cli, folder, "doc.md", "clean.md", "mild.md", "--quiet", "--min-level", "warning")
    assert "mild.md" not in out and "clean.md" not in out
    assert out.count("Plain score") == 1
    assert "Checked 3 files: 1 error, 2 warnings. Not shown, below --min-level warning: 3 suggestions." in out
    # the same on the screen when the report goes to a file
    _, out, _ = run(cli, folder, "doc.md", "clean.md", "mild.md", "--quiet", "--min-level", "warning",
                    "--format", "json", "-o", str(folder / "r.json"))
    assert "mild.md" not in out and "clean.md" not in out and "doc.md" in out


def test_without_quiet_a_file_with_only_hidden_findings_says_so(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder, "mild.md", "--min-level", "warning")
    assert "Nothing at warning level or above; 1 finding below it not shown." in out
    assert "No problems found." not in out


def test_a_bad_level_is_a_one_line_usage_error(cli, folder: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        run(cli, folder, "doc.md", "--min-level", "warnings")
    assert exc.value.code == 2
