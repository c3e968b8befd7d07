"""An organisation's own entry for a shipped word, ``words show``, ``words retire``, ``explain TERM``, and
dates from UK spreadsheets.

Every message a forum member sees is asserted word for word and checked with
speakeasy's own default packs (the words in quotes are the member's own).
"""

from __future__ import annotations

import datetime as dt
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speakeasy.packs import builtin_wordlists_dir, load_wordlist

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today().isoformat()
README_ADD = ["words", "add", "respite", "--use", "a break", "--why", "It is a formal word.", "--by", "Sam",
              "--list", "ours.yaml"]

OURS = """\
# Our words: agreed at the Changes Forum.

title: Our words
licence: CC-BY-4.0
words:
  # Kept since the March meeting.
  - term: hippotherapy
    use: horse riding
    why: "Say what happens: it is riding."   # our words
    added_by: Sam Jones
"""


def shipped_line(term: str) -> int:
    return next(e.line for e in load_wordlist(builtin_wordlists_dir() / "social-care.yaml").entries
                if e.term == term)


@pytest.fixture
def plain(default_ruleset):
    """assert that a message passes speakeasy's default packs (quoted words are the user's own)."""
    from speakeasy.engine import lint_text
    from speakeasy.model import Level

    def _check(message: str) -> None:
        text = re.sub(r"'[^'\n]*'|`[^`\n]*`", "it", message)
        text = re.sub(r"\S+\.(yaml|csv|md)\b", "the file", text)
        text = re.sub(r"--[a-z-]+", "the option", text)
        bad = [f for f in lint_text(text, default_ruleset, "message.txt", "text").findings
               if f.level >= Level.WARNING]
        assert bad == [], f"{message!r}: " + "; ".join(f.message for f in bad)

    return _check


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text("Carers can book up to four weeks of respite a year. Our carers like respite.\n",
                                     encoding="utf-8")
    return tmp_path


def findings(cli, *extra: str) -> list[tuple[str, str]]:
    import json

    code, out, err = cli("check", "doc.md", "--no-config", "--format", "json", *extra)
    assert code in (0, 1), err
    return sorted({(f["rule"], f["match"]) for file in json.loads(out)["files"] for f in file["findings"]
                   if f["match"].lower() == "respite"})


# -- words add: the README's own example ---------------------------------------------------------


def test_readme_example_without_override_says_what_to_do(cli, folder: Path, plain) -> None:
    assert " ".join(README_ADD[:2]) in (ROOT / "README.md").read_text(encoding="utf-8")
    code, out, err = cli(*README_ADD, "--no-config")
    assert code == 2 and out == ""
    assert err == (f"speakeasy: error: 'respite' is already in speakeasy's 'social-care' list (line "
                   f"{shipped_line('respite')}). To use your own words for it instead, for your organisation, "
                   "add --override.\n")
    plain(err)
    assert not (folder / "ours.yaml").exists()


def test_the_readme_example_works_as_written(cli, folder: Path) -> None:
    line = next(line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("speakeasy words add respite "))
    import shlex

    code, out, err = cli(*shlex.split(line)[1:], "--no-config")
    assert code == 0, err
    assert "overrides: social-care" in (folder / "ours.yaml").read_text(encoding="utf-8")


def test_readme_example_with_override_records_who_when_and_the_list(cli, folder: Path, plain) -> None:
    code, out, err = cli(*README_ADD, "--override", "--agreed", "10/03/2026", "--agreed-by", "the Changes Forum",
                         "--no-config")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == "Added 'respite' to ours.yaml on line 9, in place of the entry in speakeasy's 'social-care' list."
    for line in lines[1:]:
        plain(line)
    text = (folder / "ours.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - term: respite\n    use: a break\n    why: It is a formal word.\n    added_by: Sam\n"
        "    agreed: 2026-03-10\n    agreed_by: the Changes Forum\n"
        f"    added: {TODAY}\n    overrides: social-care\n")
    # the local entry wins: the shipped entry no longer flags the word, ours does
    assert findings(cli) == [("social-care.jargon", "respite")]
    assert findings(cli, "--wordlist", "ours.yaml") == [("local.ours", "respite")]
    import json

    code, out, err = cli("check", "doc.md", "--no-config", "--format", "json", "--wordlist", "ours.yaml")
    origin = json.loads(out)["files"][0]["findings"][0]["origin"]
    assert (origin["overrides"], origin["added"], origin["agreed_by"]) == ("social-care", TODAY, "the Changes Forum")
    # and `words check` does not call it a word in two lists
    code, out, err = cli("words", "check", "ours.yaml", "--no-config")
    assert (code, out, err) == (0, "All good: checked 1 file.\n", "")


def test_a_proposed_override_waits_for_the_forum(cli, folder: Path, plain) -> None:
    code, out, err = cli(*README_ADD, "--override", "--no-config")
    assert code == 0, err
    assert out.splitlines()[-1] == ("It is proposed: speakeasy uses the shipped entry until the forum agrees yours. "
                                    "To try yours now: speakeasy check YOUR-DOCUMENT --wordlist ours.yaml "
                                    "--include-proposed")
    plain(out.splitlines()[-1])
    assert findings(cli, "--wordlist", "ours.yaml") == [("social-care.jargon", "respite")]
    assert findings(cli, "--wordlist", "ours.yaml", "--include-proposed") == [("local.ours", "respite")]


def test_a_form_of_a_shipped_word_is_refused_with_the_word_to_use(cli, folder: Path, plain) -> None:
    code, out, err = cli("words", "add", "respites", "--use", "breaks", "--why", "x", "--by", "Sam",
                         "--list", "ours.yaml", "--override", "--no-config")
    assert code == 2
    assert err == (f"speakeasy: error: 'respites' is a form of 'respite', which is in speakeasy's 'social-care' "
                   f"list (line {shipped_line('respite')}). To use your own words for it, add 'respite' with "
                   "--override.\n")
    plain(err)


def _run_at_a_terminal(cwd: Path, args: list[str], answer: bytes) -> tuple[int, str]:
    """Run speakeasy with a real terminal (a pseudo-terminal), answer its question, return (code, what it showed)."""
    main, child = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "speakeasy", *args], stdin=child, stdout=child, stderr=child,
                            cwd=cwd, env=env, close_fds=True)
    os.close(child)
    shown = b""
    answered = False
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        if not answered and b"press Enter:" in shown:
            os.write(main, answer)
            answered = True
        if proc.poll() is not None and not ready:
            break
    code = proc.wait(timeout=30)
    os.close(main)
    return code, shown.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.slow
def test_at_a_terminal_words_add_asks_and_yes_overrides(tmp_path: Path, plain) -> None:
    code, shown = _run_at_a_terminal(tmp_path, [*README_ADD, "--no-config"], b"y\n")
    question = (f"'respite' is already in speakeasy's 'social-care' list (line {shipped_line('respite')}), with the "
                "plain words a short break; a break for carers; time off from caring. Use your words instead, for "
                "your organisation? Type y for yes or n for no, then press Enter: ")
    assert question in shown, shown
    plain(question)
    assert code == 0, shown
    assert "in place of the entry in speakeasy's 'social-care' list" in shown
    assert "overrides: social-care" in (tmp_path / "ours.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_at_a_terminal_no_changes_nothing(tmp_path: Path) -> None:
    code, shown = _run_at_a_terminal(tmp_path, [*README_ADD, "--no-config"], b"n\n")
    assert code == 1, shown
    assert shown.endswith("Nothing was added to ours.yaml.\n")
    assert not (tmp_path / "ours.yaml").exists()


# -- words retire ------------------------------------------------------------------------------


def test_retire_an_own_word_keeps_comments_and_layout(cli, folder: Path, plain) -> None:
    (folder / "ours.yaml").write_text(OURS, encoding="utf-8")
    code, out, err = cli("words", "retire", "hippotherapies", "--why", "People here know it.", "--by", "Kim",
                         "--list", "ours.yaml", "--no-config")
    assert code == 0, err
    assert out == ("Retired 'hippotherapy' in ours.yaml (line 7): speakeasy no longer flags it. The entry stays in "
                   "the list for the record. Your settings do not use ours.yaml yet: add it to `wordlists:` in "
                   ".speakeasy.yaml, or check with --wordlist ours.yaml.\n")
    plain(out)
    assert (folder / "ours.yaml").read_text(encoding="utf-8") == OURS + (
        f"    status: retired\n    retired: {TODAY}\n    retired_by: Kim\n    retired_why: People here know it.\n")
    entry = load_wordlist(folder / "ours.yaml").entries[0]
    assert (entry.status, entry.retired_by, entry.retired_why) == ("retired", "Kim", "People here know it.")
    code, out, err = cli("words", "retire", "hippotherapy", "--why", "again", "--list", "ours.yaml", "--no-config")
    assert (code, err) == (2, "speakeasy: error: 'hippotherapy' is already retired in ours.yaml (line 7).\n")


def test_retire_a_shipped_word_adds_it_as_retired_and_it_is_no_longer_flagged(cli, folder: Path, plain) -> None:
    (folder / "ours.yaml").write_text(OURS, encoding="utf-8")
    (folder / ".speakeasy.yaml").write_text("wordlists: [ours.yaml]\n", encoding="utf-8")
    assert findings(cli)[0][0] == "social-care.jargon"
    code, out, err = cli("words", "retire", "respite", "--why", "Our forum keeps this word.", "--by", "Kim")
    assert code == 0, err
    assert out == ("'respite' is in speakeasy's 'social-care' list. Added it to ours.yaml (line 12) as retired, in "
                   "place of that entry: speakeasy no longer flags it. The entry stays in the list for the record.\n")
    plain(out)
    text = (folder / "ours.yaml").read_text(encoding="utf-8")
    assert text.startswith(OURS)
    assert "    overrides: social-care\n    retired: " in text
    import json

    code, out, err = cli("check", "doc.md", "--format", "json")
    assert code == 0 and [f for file in json.loads(out)["files"] for f in file["findings"]
                          if f["match"] == "respite"] == []
    # the shipped entry and ours are both shown
    code, out, err = cli("explain", "respite")
    assert code == 0, err
    assert out.splitlines()[0] == "speakeasy does not flag 'respite' with the settings in use."
    assert "'respite' in your list ours.yaml, line 12:" in out
    assert f"'respite' in speakeasy's 'social-care' list, line {shipped_line('respite')}:" in out
    assert "  Your list ours.yaml (line 12) takes its place, so speakeasy uses your entry instead." in out
    assert f"  Status: retired on {dt.date.today().day} " in out
    for line in out.splitlines():
        plain(line)


def test_retire_a_word_no_list_has(cli, folder: Path, plain) -> None:
    code, out, err = cli("words", "retire", "flibbertigibbet", "--why", "x", "--list", "ours.yaml", "--no-config")
    assert code == 2
    assert err == ("speakeasy: error: 'flibbertigibbet' is not in ours.yaml or in any wordlist in use, so there is "
                   "nothing to retire. To look for it: speakeasy words show flibbertigibbet\n")
    plain(err)


# -- words show and explain TERM ---------------------------------------------------------------


def test_words_show_finds_a_word_by_its_forms(cli, folder: Path, plain) -> None:
    code, out, err = cli("words", "show", "signposting", "--no-config")
    assert code == 0, err
    line = shipped_line("signpost")
    assert out.splitlines()[:5] == [
        "'signposting' is in 1 list.",
        "",
        "'signposting' is a form of 'signpost'.",
        f"'signpost' in speakeasy's 'social-care' list, line {line}:",
        "  Use instead: tell you where to get help; point you to other help; give you details of other services",
    ]
    assert "  Status: agreed." in out and "  Example: " in out
    assert "  Who: Added by speakeasy contributors; agreed by speakeasy maintainers on " in out
    code, out, err = cli("words", "show", "flibbertigibbet", "--no-config")
    assert code == 1
    assert out == ("'flibbertigibbet' is not in any wordlist in use. To add it: speakeasy words add "
                   "'flibbertigibbet' --use PLAIN --why REASON --by NAME\n")
    plain(out)


def test_explain_says_when_and_where_a_word_is_flagged(cli, folder: Path, plain) -> None:
    code, out, err = cli("explain", "placements", "--no-config")
    assert code == 0, err
    assert out.splitlines()[0] == ("speakeasy flags 'placements' (a form of 'placement') with speakeasy's "
                                   "'social-care' list, in the rule 'social-care.jargon'.")
    assert "\n  Not flagged near: student, students, " in out
    assert "\n  Where: only in parts of a document about care and support.\n" in out
    plain("Where: only in parts of a document about care and support.")


def test_words_show_and_explain_show_both_entries_when_overridden(cli, folder: Path) -> None:
    code, out, err = cli(*README_ADD, "--override", "--agreed", "2026-03-10", "--agreed-by", "the Changes Forum",
                         "--no-config")
    assert code == 0, err
    code, out, err = cli("words", "show", "respite", "--list", "ours.yaml", "--no-config")
    assert code == 0, err
    assert out.splitlines()[:8] == [
        "'respite' is in 2 lists.",
        "",
        "'respite' in your list ours.yaml, line 9:",
        "  Use instead: a break",
        "  Why: It is a formal word.",
        "  Status: agreed.",
        f"  Who: Added by Sam on {dt.date.today().day} {dt.date.today():%B %Y}; agreed by the Changes Forum on "
        "10 March 2026.",
        "  It takes the place of the entry in speakeasy's 'social-care' list, for your organisation.",
    ]
    code, out, err = cli("explain", "respites", "--no-config", "--wordlist", "ours.yaml")
    assert code == 0, err
    assert out.splitlines()[0] == ("speakeasy flags 'respites' (a form of 'respite') with your list ours.yaml, in "
                                   "the rule 'local.ours'.")
    assert out.index("in your list ours.yaml") < out.index("in speakeasy's 'social-care' list")
    assert "Why: Many people do not know this word." in out and "Why: It is a formal word." in out


def test_explain_still_explains_rules_and_says_when_nothing_has_the_word(cli, folder: Path, plain) -> None:
    code, out, err = cli("explain", "social-care.jargon", "--no-config")
    assert code == 0 and out.startswith("social-care.jargon")
    code, out, err = cli("explain", "flibbertigibbet", "--no-config")
    assert code == 2
    assert err.startswith("speakeasy: error: 'flibbertigibbet' is not a rule, and no wordlist in use has it.")


# -- words import: refuse or override, never twice ---------------------------------------------


def _sheet(folder: Path, text: str) -> Path:
    p = folder / "words.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_import_refuses_a_shipped_word_and_saves_nothing(cli, folder: Path, plain) -> None:
    (folder / "ours.yaml").write_text(OURS, encoding="utf-8")
    _sheet(folder, "term,use,why\nrespite,a break,It is formal.\nfun day,day out,Say where.\n")
    code, out, err = cli("words", "import", "words.csv", "--list", "ours.yaml", "--no-config")
    assert code == 1, err
    line = shipped_line("respite")
    assert out.splitlines() == [
        f"Row 2 'respite': not imported, because 'respite' is already in speakeasy's 'social-care' list (line "
        f"{line}). To use your own words for it instead, import again with --override, or write social-care in "
        "the row's 'overrides' cell.",
        "Row 3 'fun day': added.",
        "1 word added, 0 changed, 0 the same, 1 not imported. Nothing was saved: fix the rows above and import again.",
    ]
    plain(out.splitlines()[0])
    assert (folder / "ours.yaml").read_text(encoding="utf-8") == OURS


@pytest.mark.parametrize("how", [["--override"], []])
def test_import_overrides_a_shipped_word_once(cli, folder: Path, how: list[str]) -> None:
    (folder / "ours.yaml").write_text(OURS, encoding="utf-8")
    cell = "" if how else "social-care"
    _sheet(folder, f"term,use,why,overrides\nrespite,a break,It is formal.,{cell}\n")
    code, out, err = cli("words", "import", "words.csv", "--list", "ours.yaml", "--no-config", *how)
    assert code == 0, out + err
    assert out.splitlines()[0] == "Row 2 'respite': added."
    wl = load_wordlist(folder / "ours.yaml")
    respite = [e for e in wl.entries if e.term == "respite"]
    assert len(respite) == 1 and respite[0].overrides == "social-care" and respite[0].added == dt.date.today()
    # importing again changes nothing: the entry is matched, not added twice
    code, out, err = cli("words", "import", "words.csv", "--list", "ours.yaml", "--no-config", *how)
    assert (code, out) == (0, "0 words added, 0 changed, 1 the same. ours.yaml is already up to date.\n")
    assert len([e for e in load_wordlist(folder / "ours.yaml").entries if e.term == "respite"]) == 1


# -- dates from UK spreadsheets --------------------------------------------------------------


def test_uk_dates_are_read_day_first(cli, folder: Path) -> None:
    _sheet(folder, "term,use,why,agreed,review_by\nfun day,day out,Say where.,10/03/2026,1/4/2027 00:00\n")
    code, out, err = cli("words", "import", "words.csv", "--list", "new.yaml", "--no-config")
    assert code == 0, out + err
    entry = load_wordlist(folder / "new.yaml").entries[0]
    assert (entry.agreed, entry.review_by) == (dt.date(2026, 3, 10), dt.date(2027, 4, 1))


@pytest.mark.parametrize("cell, reason", [
    ("31/02/2026", "the 'agreed' date '31/02/2026' is not a real date: February 2026 has no day 31."),
    ("03/14/2026", "the 'agreed' date '03/14/2026' has the month first, as in the US: there is no month 14. Write "
                   "the day first, like 14/03/2026, or write 2026-03-14."),
    ("10/03/26", "the 'agreed' date '10/03/26' has a year of two figures. Write the year in full, like 10/03/2026."),
    ("March 2026", "'agreed' should be a date like 2026-03-14, not 'March 2026'. Write the year, then the month, "
     "then the day, with '-' between them."),
])
def test_impossible_dates_name_the_row(cli, folder: Path, cell: str, reason: str, plain) -> None:
    _sheet(folder, f"term,use,why,agreed\nfun day,day out,Say where.,{cell}\n")
    code, out, err = cli("words", "import", "words.csv", "--list", "new.yaml", "--no-config")
    assert code == 1
    assert out.splitlines()[0] == f"Row 2 'fun day': not imported, because {reason}"
    plain(out.splitlines()[0])
    assert not (folder / "new.yaml").exists()


def test_dates_that_read_both_ways_are_refused_when_another_row_has_the_month_first(cli, folder: Path, plain) -> None:
    _sheet(folder, "term,use,why,agreed\nfun day,day out,Say where.,10/03/2026\n"
                   "care bundle,the help you get,Say what.,03/14/2026\nday care,a day centre,Say where.,13/03/2026\n")
    code, out, err = cli("words", "import", "words.csv", "--list", "new.yaml", "--no-config")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == ("Row 2 'fun day': not imported, because the 'agreed' date '10/03/2026' could be 10 March or "
                        "3 October, as row 3 has the month first. Write every date in one order, like 2026-03-14.")
    assert lines[1].startswith("Row 3 'care bundle': not imported, because the 'agreed' date '03/14/2026' has the "
                               "month first")
    assert lines[2] == "Row 4 'day care': added."
    plain(lines[0])


def test_words_add_reads_a_uk_date_and_refuses_an_impossible_one(cli, folder: Path, plain) -> None:
    code, out, err = cli("words", "add", "fun day", "--use", "day out", "--why", "Say where.", "--by", "Kim",
                         "--agreed", "29/02/2027", "--list", "new.yaml", "--no-config")
    assert code == 2
    assert err == ("speakeasy: error: the --agreed date '29/02/2027' is not a real date: February 2027 has no day 29.\n")
    plain(err)


@pytest.mark.parametrize("text, date", [
    ("10/03/2026", dt.date(2026, 3, 10)), ("1/4/2027", dt.date(2027, 4, 1)), ("10.03.2026", dt.date(2026, 3, 10)),
    ("10-03-2026", dt.date(2026, 3, 10)), ("2026-03-10", dt.date(2026, 3, 10)), ("10 March 2026", dt.date(2026, 3, 10)),
    ("10 Mar 2026", dt.date(2026, 3, 10)), ("10/03/2026 00:00:00", dt.date(2026, 3, 10)),
    ("29/02/2028", dt.date(2028, 2, 29)),
])
def test_dates_speakeasy_reads(text: str, date: dt.date) -> None:
    from speakeasy.words.dates import parse_date

    assert parse_date(text) == date


@pytest.mark.parametrize("text, message", [
    ("02/30/2026", "'02/30/2026' is not a real date, day first or month first. Write a date like 14/03/2026"),
    ("12/31/2026", "'12/31/2026' has the month first, as in the US: there is no month 31. Write the day first, "
                   "like 31/12/2026, or write 2026-12-31"),
    ("2026-02-29", "'2026-02-29' is not a real date: February 2026 has no day 29"),
    ("00/00/0000", "'00/00/0000' has the year 0, which cannot be right. Write a date like 14/03/2026"),
    ("10 Marchh 2026", "'10 Marchh 2026' is not a date speakeasy can read. Write it like 14/03/2026 or 2026-03-14"),
])
def test_dates_speakeasy_refuses_with_a_plain_reason(text: str, message: str, plain) -> None:
    from speakeasy.words.dates import DateError, parse_date

    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message
    plain(str(caught.value) + ".")


def test_words_check_finds_an_overrides_that_names_no_list_or_no_such_word(cli, folder: Path, plain) -> None:
    (folder / "bad.yaml").write_text(
        "title: Bad\nlicence: CC0-1.0\nwords:\n"
        "  - term: flibber\n    use: thing\n    why: Odd word.\n    overrides: social-care\n\n"
        "  - term: respite\n    use: a break\n    why: Formal.\n    overrides: social-caer\n", encoding="utf-8")
    code, out, err = cli("words", "check", "bad.yaml", "--no-config")
    assert code == 1
    firsts = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert firsts == [
        "speakeasy: error: bad.yaml:7:5: 'flibber' says it takes the place of a word in 'social-care', but that list "
        "does not have 'flibber'. Take out `overrides`, or check the spelling of the term.",
        f"speakeasy: error: bad.yaml:9:5: 'respite' is also in speakeasy's 'social-care' list (line "
        f"{shipped_line('respite')}). Keep the word in one list only, or speakeasy flags it twice.",
        "speakeasy: error: bad.yaml:12:5: 'respite' says it takes the place of a word in 'social-caer', but no list "
        "in use has that name. Did you mean 'social-care'?",
    ]
    plain(firsts[0].split(": ", 3)[3])
    plain(firsts[2].split(": ", 3)[3])
