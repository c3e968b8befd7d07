"""A word used again in the same document: the first use in full, then one line (issue 15).

"'commence' is used 5 more times: lines 4, 5, 6 and others".  The machine
formats keep every use; ``--every-use`` shows each in full; passive verbs
and long sentences are never put together.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speakeasy.model import Finding, Level
from speakeasy.reporters.repeats import Shown, Terms, group, repeats_line

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
  - term: co-production
    use: working together
    why: Jargon.
"""

# 'commence' in four forms and three cases: lines 1, 3, 5 (3 times), 9 and 11, 7 uses; 'co-production' once.
DOC = """\
We commence the visits in May.

We commenced in June and then we went on to the next house on the road.

Commencing is hard, and we Commence again when we commence once more.

The co-production group met. Your letter will be sent to you soon.

We COMMENCE the work. Your letter will be sent to you soon.

We will commence.

Please do not hesitate to call. Please Do Not Hesitate to write.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def run(cli, folder: Path, *args: str, doc: str = "doc.md") -> tuple[int, str, str]:
    return cli("check", doc, "--no-config", "--pack", "passive-voice", "--pack", "plain-english",
               "--disable", "plain-english.words", "--disable", "plain-english.mild-words",
               "--wordlist", str(folder / "words.yaml"), "--hot-spots", "0", *args, cwd=folder)


def full(out: str, rule: str, word: str = "") -> list[str]:
    """The lines that start a finding in full, for one rule (and a word in its message)."""
    return [line for line in out.splitlines() if re.match(rf"\S+:\d+:\d+: \w+ \[{re.escape(rule)}\]", line)
            and word.lower() in line.lower()]


def test_the_first_use_is_shown_in_full_then_one_line_for_the_rest(cli, folder: Path) -> None:
    code, out, err = run(cli, folder)
    assert code == 0, err
    (first,) = full(out, "local.words", "commence")
    assert first.startswith("doc.md:1:4: warning [local.words] ")
    lines = out.splitlines()
    at = lines.index(first)
    # the line with the ^ marks and the plain words come first, then the repeats line
    assert lines[at + 1].strip().startswith("1 | We commence the visits in May.")
    assert set(lines[at + 2].strip()) == {"^"}
    assert lines[at + 3].strip() == "Use: start"
    # forms, capitals and a second use on the same line are all the same word
    assert lines[at + 4] == "        'commence' is used 6 more times: lines 3, 5 (3 times), 9 and others"
    # the counts still count every use
    assert "0 errors, 8 warnings, 4 suggestions." in out
    assert "Checked 1 file: 0 errors, 8 warnings, 4 suggestions." in out


def test_a_word_used_twice_says_one_more_time_and_its_line(cli, folder: Path) -> None:
    (folder / "two.md").write_text("We commence today.\n\nWe commence again.\n", encoding="utf-8")
    _, out, _ = run(cli, folder, doc="two.md")
    assert len(full(out, "local.words")) == 1
    assert "        'commence' is used 1 more time: line 3" in out.splitlines()


def test_a_word_used_once_has_no_repeats_line(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder)
    (first,) = full(out, "local.words", "co-production")
    lines = out.splitlines()
    after = lines[lines.index(first) + 4]
    assert after.startswith("doc.md:7:") and "is used" not in out.split(first)[1].split("doc.md:13")[0]


def test_phrases_from_a_rule_pack_are_put_together_in_any_case(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder)
    (first,) = full(out, "plain-english.wordy-phrases")
    assert first.startswith("doc.md:13:1: ")
    assert "        'please do not hesitate to' is used 1 more time: line 13" in out.splitlines()


def test_passive_verbs_and_long_sentences_are_each_shown(cli, folder: Path) -> None:
    """Each is about a different sentence, so the same words are not the same finding."""
    _, out, _ = run(cli, folder)
    passives = full(out, "passive-voice.passive")
    assert [p.split(":")[1] for p in passives] == ["7", "9"]
    assert "'be sent' is used" not in out
    (folder / "long.md").write_text(("We went to the house and then we went to the shop and then we went to the "
                                     "park and then we went home again to rest.\n\n") * 2, encoding="utf-8")
    code, out, _ = cli("check", "long.md", "--no-config", "--pack", "length", "--hot-spots", "0", cwd=folder)
    assert len(full(out, "length.sentence")) == 2
    assert " more time" not in out


def test_every_use_shows_each_in_full(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder, "--every-use")
    assert len(full(out, "local.words", "commenc")) == 7
    assert len(full(out, "plain-english.wordy-phrases")) == 2
    assert " more time" not in out


def _uses(fmt: str, text: str) -> int:
    """How many 'commence' findings a machine format has."""
    if fmt == "json":
        return sum(1 for file in json.loads(text)["files"] for f in file["findings"] if f["rule"] == "local.words"
                   and f["match"].lower().startswith("commenc"))
    if fmt == "sarif":
        return sum(1 for r in json.loads(text)["runs"][0]["results"] if r["ruleId"] == "local.words"
                   and "commenc" in r["message"]["text"].lower())
    if fmt == "github":
        return len(re.findall(r"^::warning .*local\.words.*commenc", text, re.M | re.I))
    root = ET.fromstring(text)
    return sum(1 for el in root.iter() if el.tag in ("failure", "system-out") for line in (el.text or "").splitlines()
               if "[local.words]" in line and "commenc" in line.lower())


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_machine_formats_keep_every_use(cli, folder: Path, fmt: str) -> None:
    _, out, err = run(cli, folder, "--format", fmt)
    assert _uses(fmt, out) == 7, out + err
    # and with the report in a file, the screen shows each word once and the file has every use
    target = folder / f"report.{fmt}"
    _, screen, _ = run(cli, folder, "--format", fmt, "-o", str(target))
    assert _uses(fmt, target.read_text(encoding="utf-8")) == 7
    assert len(full(screen, "local.words", "commence")) == 1
    assert "'commence' is used 6 more times: lines 3, 5 (3 times), 9 and others" in screen


def test_min_level_hides_a_word_and_its_repeats_line_together(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder, "--min-level", "warning")
    assert "'commence' is used 6 more times" in out
    assert "hesitate" not in out and "passive-voice" not in out
    _, out, _ = run(cli, folder, "--min-level", "error")
    assert "commence" not in out
    assert "Nothing at error level or above; 12 findings below it not shown." in out


def test_statistics_count_every_use(cli, folder: Path) -> None:
    _, out, _ = run(cli, folder, "--statistics")
    assert re.search(r"^  8  local\.words +8 warnings$", out, re.M)
    assert re.search(r"^  7  commence +local\.words$", out, re.M)
    assert " more time" not in out


def test_two_entries_with_one_term_are_two_words() -> None:
    """The same term in two entries (one as a noun, one as a verb) or two rules gives different advice."""
    def finding(rule: str, line: int, origin_line: int, match: str = "impact") -> Finding:
        return Finding(rule, Level.WARNING, "m", "a.md", 0, 1, match, line=line,
                       origin={"term": "impact", "file": "w.yaml", "line": origin_line, "wordlist": "w"})

    fs = [finding("a.words", 1, 10), finding("a.words", 2, 20), finding("b.words", 3, 10),
          finding("a.words", 4, 10, "Impacts")]
    shown = group(fs, Terms())
    assert [(s.finding.line, [f.line for f in s.later]) for s in shown] == [(1, [4]), (2, []), (3, [])]
    assert repeats_line(shown[0]) == "'impact' is used 1 more time: line 4"


def test_in_a_word_file_the_places_are_said_in_words() -> None:
    later = [Finding("a.words", Level.WARNING, "m", "a.docx", 0, 1, "x", line=n, location=where)
             for n, where in ((3, "under 'Fees', paragraph 1"), (3, "under 'Fees', paragraph 1"),
                              (5, "under 'Fees', paragraph 3"), (8, "under 'Help', paragraph 1"),
                              (9, "under 'Help', paragraph 2"))]
    shown = Shown(later[0], "commence", later)
    assert repeats_line(shown, line_numbers=False) == (
        "'commence' is used 5 more times: under 'Fees', paragraph 1 (twice); under 'Fees', paragraph 3; "
        "under 'Help', paragraph 1; and others")


def test_a_word_file_end_to_end(cli, tmp_path: Path) -> None:
    from test_reader_docx_support import docx_bytes, p

    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    body = (p("Visits", style="Heading1") + p("We commence the visits in May.")
            + p("We commence again in June.") + p("Fees", style="Heading1") + p("We will commence soon."))
    (tmp_path / "doc.docx").write_bytes(docx_bytes(body))
    _, out, err = cli("check", "doc.docx", "--no-config", "--pack", "length", "--wordlist",
                      str(tmp_path / "words.yaml"), "--hot-spots", "0", cwd=tmp_path)
    assert len(full_docx := [line for line in out.splitlines() if "[local.words]" in line]) == 1, out + err
    assert "under 'Visits', paragraph 1" in full_docx[0]
    assert ("        'commence' is used 2 more times: under 'Visits', paragraph 2; under 'Fees', paragraph 1"
            in out.splitlines())


def test_the_lines_read_as_a_list() -> None:
    def at(*lines: int) -> Shown:
        later = [Finding("a.words", Level.WARNING, "m", "a.md", 0, 1, "x", line=n) for n in lines]
        return Shown(later[0], "commence", later)

    assert repeats_line(at(4)) == "'commence' is used 1 more time: line 4"
    assert repeats_line(at(4, 4)) == "'commence' is used 2 more times: line 4 (twice)"
    assert repeats_line(at(4, 9)) == "'commence' is used 2 more times: lines 4 and 9"
    assert repeats_line(at(4, 9, 9, 9, 12)) == "'commence' is used 5 more times: lines 4, 9 (3 times) and 12"
    assert repeats_line(at(4, 9, 12, 20)) == "'commence' is used 4 more times: lines 4, 9, 12 and others"
    assert repeats_line(Shown(at(4).finding, "commence")) == ""


def test_a_word_used_as_another_part_of_speech_is_not_folded_into_the_first(tmp_path) -> None:
    """An entry with plain words for each part of speech: the noun and the verb are each shown in full."""
    from speakeasy import check_text
    from speakeasy.reporters.repeats import Terms, group

    wl = tmp_path / "words.yaml"
    wl.write_text("title: T\nlicence: CC0-1.0\nwords:\n  - term: impact\n    use:\n      noun: effect\n"
                  "      verb: affect\n    why: Vague.\n", encoding="utf-8")
    text = ("These changes will impact families. The impact on families is large. "
            "Cuts will impact carers. The impact on carers is large.\n")
    result = check_text(text, packs=[], extra_wordlists=[str(wl)])
    found = [f for f in result.findings if f.match.lower() == "impact"]
    assert [f.suggestions for f in found] == [["affect"], ["effect"], ["affect"], ["effect"]]
    shown = group(found, Terms())
    assert [(s.finding.suggestions, len(s.later)) for s in shown] == [(["affect"], 1), (["effect"], 1)]
