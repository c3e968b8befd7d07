"""``speakeasy words``: add, check, import, export and stats, in-process and through the CLI.

Every message a forum member can see is asserted word for word, and each
one is checked with speakeasy's own default packs (leaving out the words
in quotes, which are the member's own).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from speakeasy.packs import builtin_wordlists_dir, load_wordlist
from speakeasy.schema import DataErrors
from speakeasy.words import COLUMNS
from speakeasy.words.spreadsheet import export_csv, import_csv
from speakeasy.words.store import EditError, WordlistFile

OURS = """\
# Our words: agreed at the Changes Forum.
# Keep this list A to Z.

title: Our words
licence: CC-BY-4.0
maintained_by: The Changes Forum
defaults:
  agreed_by: the Changes Forum
  status: agreed
words:
  # Added after the March meeting.
  - term: care bundle
    use: the help you get
    why: It sounds like a parcel,
      not a person.   # wrapped on purpose
    examples:
      - Your care bundle starts on Monday.
    added_by: Ali
    agreed: 2026-03-14

  - term: hippotherapy
    use:
      - horse riding
      - riding
    why: "Say what happens: it is riding."
    examples:
      - We offer hippotherapy every week.
    added_by: Sam Jones
"""


@pytest.fixture
def plain(default_ruleset):
    """assert that a message passes speakeasy's default packs (quoted words are the user's own)."""
    from speakeasy.engine import lint_text
    from speakeasy.model import Level

    def _check(message: str) -> None:
        text = re.sub(r"'[^'\n]*'|`[^`\n]*`", "it", message)
        text = re.sub(r"\S+\.(yaml|csv)\b", "the file", text)
        bad = [f for f in lint_text(text, default_ruleset, "message.txt", "text").findings
               if f.level >= Level.WARNING]
        assert bad == [], f"{message!r}: " + "; ".join(f.message for f in bad)

    return _check


@pytest.fixture
def ours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "ours.yaml"
    p.write_text(OURS, encoding="utf-8")
    return p


def _added_lines(before: str, after: str) -> list[str]:
    """The lines of ``after`` not in ``before``, checking everything else is untouched and in order."""
    import difflib

    sm = difflib.SequenceMatcher(a=before.splitlines(True), b=after.splitlines(True), autojunk=False)
    added = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        assert op in ("equal", "insert"), (op, before.splitlines(True)[i1:i2])
        if op == "insert":
            added += after.splitlines(True)[j1:j2]
    return added


# ---------------------------------------------------------------------------
# The store: edits touch only their own lines


def test_add_puts_the_entry_in_a_to_z_place_and_changes_nothing_else(ours: Path) -> None:
    wf = WordlistFile.open(ours)
    wf.add({"term": "fun day", "use": ["day centre"], "why": "Say where people go.",
            "added_by": "Kim", "examples": ["We run the fun day: in town."]})
    assert wf.save()
    text = ours.read_text()
    assert _added_lines(OURS, text) == [
        "  - term: fun day\n",
        "    use: day centre\n",
        "    why: Say where people go.\n",
        "    examples:\n",
        '      - "We run the fun day: in town."\n',
        "    added_by: Kim\n",
        "\n",
    ]
    terms = [e.term for e in load_wordlist(ours).entries]
    assert terms == ["care bundle", "fun day", "hippotherapy"]
    assert "    why: It sounds like a parcel,\n      not a person.   # wrapped on purpose\n" in text


def test_add_at_the_start_goes_above_the_comments_of_the_first_entry(ours: Path) -> None:
    wf = WordlistFile.open(ours)
    wf.add({"term": "acuity", "use": ["how ill someone is"], "why": "A hospital word."})
    wf.save()
    text = ours.read_text()
    assert "words:\n  - term: acuity\n    use: how ill someone is\n    why: A hospital word.\n\n" \
           "  # Added after the March meeting.\n  - term: care bundle\n" in text


def test_add_at_the_end_and_to_an_empty_list(tmp_path: Path) -> None:
    p = tmp_path / "empty.yaml"
    p.write_text("title: Empty\nlicence: CC0-1.0\nwords: []  # none yet\n")
    wf = WordlistFile.open(p)
    wf.add({"term": "zebra", "use": ["horse"], "why": "Test."})
    wf.add({"term": "aardvark", "use": ["animal"], "why": "Test."})
    wf.add({"term": "zoo", "use": ["park"], "why": "Test."})
    wf.save()
    assert p.read_text() == (
        "title: Empty\nlicence: CC0-1.0\nwords:\n"
        "  - term: aardvark\n    use: animal\n    why: Test.\n\n"
        "  - term: zebra\n    use: horse\n    why: Test.\n\n"
        "  - term: zoo\n    use: park\n    why: Test.\n"
    )


def test_the_files_own_layout_and_line_breaks_are_kept(tmp_path: Path) -> None:
    p = tmp_path / "crlf.yaml"
    original = ("title: Tight\r\nlicence: CC0-1.0\r\nwords:\r\n- term: beta\r\n  use: [b]\r\n  why: B.\r\n"
                "- term: delta\r\n  use: d\r\n  why: D.\r\n")
    p.write_bytes(original.encode())
    wf = WordlistFile.open(p)
    wf.add({"term": "charlie", "use": ["g", "gg"], "why": "G."})
    wf.save()
    assert p.read_bytes().decode() == (
        "title: Tight\r\nlicence: CC0-1.0\r\nwords:\r\n- term: beta\r\n  use: [b]\r\n  why: B.\r\n"
        "- term: charlie\r\n  use:\r\n    - g\r\n    - gg\r\n  why: G.\r\n"
        "- term: delta\r\n  use: d\r\n  why: D.\r\n"
    )


def test_update_changes_adds_and_removes_keys_in_place(ours: Path) -> None:
    wf = WordlistFile.open(ours)
    wf.update("hippotherapy", {"use": ["horse riding"], "notes": "Forum, April", "added_by": None})
    wf.save()
    text = ours.read_text()
    assert ("  - term: hippotherapy\n    use: horse riding\n    why: \"Say what happens: it is riding.\"\n"
            "    examples:\n      - We offer hippotherapy every week.\n    notes: Forum, April\n") in text
    assert "Sam Jones" not in text
    assert text.startswith(OURS[:OURS.index("  - term: hippotherapy")])  # the rest is untouched


def test_an_edit_that_would_break_the_list_is_not_saved(ours: Path) -> None:
    wf = WordlistFile.open(ours)
    wf.update("care bundle", {"use": ["care bundle"]})
    with pytest.raises(DataErrors) as exc:
        wf.save()
    assert exc.value.errors[0].problem == "'care bundle' is the same as the term, so it is not a plain alternative."
    assert ours.read_text() == OURS


def test_adding_a_term_twice_is_refused(ours: Path) -> None:
    wf = WordlistFile.open(ours)
    with pytest.raises(EditError) as exc:
        wf.add({"term": "Care-Bundle", "use": ["help"], "why": "x"})
    assert str(exc.value) == f"'care bundle' is already in {ours} on line 12. Change that entry instead of adding another."


def test_sort_moves_whole_entries_with_their_comments(tmp_path: Path) -> None:
    p = tmp_path / "unsorted.yaml"
    p.write_text("title: T\nlicence: CC0-1.0\nwords:\n"
                 "  # about zebra\n  - term: zebra\n    use: horse\n    why: Z.\n\n"
                 "  - term: apple\n    use: fruit  # yum\n    why: A.\n\n"
                 "  # about mango\n  - term: mango\n    use: fruit\n    why: M.\n")
    wf = WordlistFile.open(p)
    assert wf.sort() and wf.save()
    assert p.read_text() == ("title: T\nlicence: CC0-1.0\nwords:\n"
                             "  - term: apple\n    use: fruit  # yum\n    why: A.\n\n"
                             "  # about mango\n  - term: mango\n    use: fruit\n    why: M.\n\n"
                             "  # about zebra\n  - term: zebra\n    use: horse\n    why: Z.\n")
    assert not WordlistFile.open(p).sort()


# ---------------------------------------------------------------------------
# words add


def test_words_add_makes_a_new_list_and_proposes_the_word(cli, tmp_path: Path, plain) -> None:
    code, out, err = cli("words", "add", "hippotherapy", "--use", "horse riding", "--why", "Say what happens.",
                         "--by", "Sam Jones", "--list", "new.yaml", "--no-config", cwd=tmp_path)
    assert code == 0, err
    assert out == (
        "Made a new wordlist, new.yaml, with the licence CC-BY-4.0. Change `licence:` at the top if your group "
        "chose another.\n"
        "Added 'hippotherapy' to new.yaml on line 9 as proposed. speakeasy uses it only with --include-proposed "
        "until the forum agrees it. To try it now: speakeasy check YOUR-DOCUMENT --wordlist new.yaml "
        "--include-proposed\n"
    )
    for line in out.splitlines():
        plain(line)
    entry = load_wordlist(tmp_path / "new.yaml").entries[0]
    assert (entry.term, entry.use, entry.added_by, entry.status) == ("hippotherapy", ["horse riding"], "Sam Jones",
                                                                    "proposed")
    # The forum can see straight away what the proposed word would catch.
    doc = tmp_path / "doc.md"
    doc.write_text("We offer hippotherapy on Fridays.\n")
    _, out, _ = cli("check", str(doc), "--no-config", "--wordlist", "new.yaml", cwd=tmp_path)
    assert "hippotherapy" not in out
    _, out, _ = cli("check", str(doc), "--no-config", "--wordlist", "new.yaml", "--include-proposed", cwd=tmp_path)
    assert "doc.md:1:10: warning [local.new] Use 'horse riding' instead of 'hippotherapy'." in out


def test_words_add_with_agreed_records_who_and_when(cli, ours: Path, plain) -> None:
    code, out, err = cli("words", "add", "fun day", "--use", "day centre", "--use", "things to do",
                         "--why", "Say where people go.", "--by", "Kim", "--agreed", "2026-03-14",
                         "--example", "We run the fun day.", "--list", "ours.yaml", "--no-config")
    assert code == 0, err
    assert out == "Added 'fun day' to ours.yaml on line 21.\n"
    entry = next(e for e in load_wordlist(ours).entries if e.term == "fun day")
    assert entry.status == "agreed" and entry.credit() == "agreed by the Changes Forum, March 2026"
    assert entry.added_by == "Kim" and entry.use == ["day centre", "things to do"]
    assert "status" not in ours.read_text().split("fun day")[1].split("hippotherapy")[0]


@pytest.mark.parametrize("args, message", [
    (["hippotherapy", "--use", "riding", "--why", "x", "--by", "Kim"],
     "speakeasy: error: 'hippotherapy' is already in ours.yaml on line 21. Change that entry instead of adding "
     "another.\n"),
    (["signposting", "--use", "telling you where to get help", "--why", "x", "--by", "Kim"],
     "speakeasy: error: 'signposting' is a form of 'signpost', which is in speakeasy's 'social-care' list (line "
     "{line}). To use your own words for it, add 'signpost' with --override.\n"),
    (["signpost", "--use", "telling you where to get help", "--why", "x", "--by", "Kim"],
     "speakeasy: error: 'signpost' is already in speakeasy's 'social-care' list (line {line}). To use your own "
     "words for it instead, for your organisation, add --override.\n"),
    (["community connector", "--use", "a break", "--why", "x", "--by", "Kim", "--agreed", "March 2026"],
     "speakeasy: error: --agreed should be a date like 2026-03-14, not 'March 2026'. Write the year, then the "
     "month, then the day, with '-' between them.\n"),
    (["  ", "--use", "a break", "--why", "x", "--by", "Kim"],
     "speakeasy: error: the term is empty. Give the word or phrase to avoid.\n"),
    (["community connector", "--use", " ", "--why", "x", "--by", "Kim"],
     "speakeasy: error: --use is empty. Give a plainer word or phrase.\n"),
])
def test_words_add_errors(cli, ours: Path, args: list[str], message: str, plain) -> None:
    before = ours.read_text()
    line = next(e.line for e in load_wordlist(builtin_wordlists_dir() / "social-care.yaml").entries
                if e.term == "signpost")
    code, out, err = cli("words", "add", *args, "--list", "ours.yaml", "--no-config")
    assert code == 2
    assert err == message.format(line=line)
    plain(err.removeprefix("speakeasy: error: "))
    assert ours.read_text() == before


def test_words_add_without_a_list_says_how_to_choose_one(cli, tmp_path: Path) -> None:
    code, _, err = cli("words", "add", "x", "--use", "y", "--why", "z", "--by", "Kim", "--no-config", cwd=tmp_path)
    assert code == 2
    assert err == ("speakeasy: error: say which wordlist to use with --list FILE, for example --list our-words.yaml. "
                   "speakeasy makes the file if it does not exist yet.\n")


def test_words_add_uses_the_one_list_in_the_configuration(cli, ours: Path) -> None:
    (ours.parent / ".speakeasy.yaml").write_text("wordlists: [ours.yaml]\n")
    code, out, err = cli("words", "add", "community connector", "--use", "a break", "--why", "It is a formal word.",
                         "--by", "Kim", "--agreed", "2026-04-01")
    assert code == 0, err
    assert out == "Added 'community connector' to ours.yaml on line 21.\n"


# ---------------------------------------------------------------------------
# words check


BAD_DATA = """\
title: Our words
licence: CC-BY-4.0
words:
  - term: zebra crossing
    use: crossing
    why: Test.
    examples:
      - Use the zebra crossing.

  - term: signposting
    use: telling you where to get help
    why: People do not know it.
    examples:
      - We do signposting.

  - term: horse therapy
    use: commence riding
    why: Say what it is.
    examples:
      - We like horses.
"""


def test_words_check_explains_each_data_problem(cli, tmp_path: Path, plain) -> None:
    (tmp_path / "ours.yaml").write_text(BAD_DATA)
    sc = {e.term: e.line for e in load_wordlist(builtin_wordlists_dir() / "social-care.yaml").entries}
    pe = {e.term: e.line for e in load_wordlist(builtin_wordlists_dir() / "plain-english.yaml").entries}
    code, out, err = cli("words", "check", "ours.yaml", "--no-config", cwd=tmp_path)
    assert code == 1
    headlines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert headlines == [
        f"speakeasy: error: ours.yaml:10:5: 'signposting' is already covered by 'signpost' in speakeasy's "
        f"'social-care' list (line {sc['signpost']}). Keep the word in one list only, or speakeasy flags it twice.",
        "speakeasy: error: ours.yaml:10:5: 'signposting' should come before 'zebra crossing' (line 4): the words are "
        "kept in A to Z order. Run `speakeasy words check --fix-order ours.yaml` to sort the whole list.",
        f"speakeasy: error: ours.yaml:17:10: The alternative 'commence riding' for 'horse therapy' is not plain "
        f"enough: 'commence' in it is itself listed as jargon in speakeasy's 'plain-english' list (line "
        f"{pe['commence']}). Give an alternative that is plainer than the word it replaces.",
        "speakeasy: error: ours.yaml:20:9: The example for 'horse therapy' does not use it, so speakeasy does not "
        "flag it. Change the example so it has the words 'horse therapy' in it, or take it out.",
    ]
    assert err.endswith("Found 4 problems in 1 file.\n")
    assert "  > 17 |     use: commence riding\n" in err
    for line in headlines:
        plain(line.split(": ", 3)[-1])


def test_words_check_fix_order_sorts_then_checks(cli, tmp_path: Path) -> None:
    p = tmp_path / "ours.yaml"
    p.write_text(BAD_DATA)
    code, out, err = cli("words", "check", "ours.yaml", "--fix-order", "--no-config", cwd=tmp_path)
    assert out.startswith("Sorted ours.yaml A to Z.\n")
    assert [e.term for e in load_wordlist(p).entries] == ["horse therapy", "signposting", "zebra crossing"]
    assert "should come before" not in err and code == 1


def test_words_check_all_good(cli, ours: Path) -> None:
    code, out, err = cli("words", "check", "ours.yaml", "--no-config")
    assert (code, out, err) == (0, "All good: checked 1 file.\n", "")


def test_words_check_with_no_files_checks_the_lists_in_use(cli, tmp_path: Path) -> None:
    code, out, err = cli("words", "check", "--no-config", cwd=tmp_path)
    assert (code, err) == (0, "")
    assert out == "All good: checked 3 files.\n"  # plain English, its mild words, social care


@pytest.mark.parametrize("text, headline", [
    ("title: T\nlicence: CC0-1.0\nwords:\n  - term: x\n\tuse: y\n    why: z\n",
     "bad.yaml:5:1: This line starts with a tab. Use spaces to indent, not tabs."),
    ("title: T\nlicence: CC0-1.0\nwords:\n  - term: x\n    use y\n    why: z\n",
     "bad.yaml:5:5: This line has no colon after `use`. Write it like this: use: y"),
    ("title: T\nlicence: CC0-1.0\nwords:\n  - term: x\n    use: y\n    why:\n      - z\n",
     "bad.yaml:7:7: `why` should be text, but it is a list. Write the text on the same line as `why`, after the "
     "colon."),
    ("title: T\nlicence: CC0-1.0\nwords:\n  - term: x\n    use: y\n",
     "bad.yaml:4:5: This wordlist entry has no `why`. Add `why:` with why the word is a problem, in plain words."),
])
def test_words_check_yaml_mistakes(cli, tmp_path: Path, text: str, headline: str, plain) -> None:
    (tmp_path / "bad.yaml").write_text(text)
    code, out, err = cli("words", "check", "bad.yaml", "--no-config", cwd=tmp_path)
    assert code == 2
    assert err.splitlines()[0] == "speakeasy: error: " + headline
    assert err.endswith("Found 1 problem in 1 file.\n")
    plain(headline.split(": ", 1)[1])


def test_words_check_checks_packs_too(cli, tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("id: ours\ntitle: Ours\nrules:\n  - id: x\n    kynd: existence\n")
    code, _, err = cli("words", "check", "pack.yaml", "--no-config", cwd=tmp_path)
    assert code == 2
    assert "speakeasy: error: pack.yaml:4:5: This rule has no `kind`. Add `kind:` with what sort of check this is." in err
    assert "speakeasy: error: pack.yaml:5:5: `kynd` is not a key speakeasy knows in a rule. Did you mean `kind`?" in err


# ---------------------------------------------------------------------------
# words export / import


@pytest.mark.parametrize("name", ["plain-english", "social-care"])
def test_export_then_import_gives_back_the_same_file_byte_for_byte(cli, tmp_path: Path, name: str) -> None:
    src = builtin_wordlists_dir() / f"{name}.yaml"
    p = tmp_path / f"{name}.yaml"
    p.write_bytes(src.read_bytes())
    code, out, _ = cli("words", "export", "words.csv", "--list", p.name, "--no-config", cwd=tmp_path)
    assert code == 0
    n = len(load_wordlist(p).entries)
    assert out == f"Saved {n} words from {p.name} to words.csv.\n"
    data = (tmp_path / "words.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + b",".join(c.encode() for c in COLUMNS) + b"\r\n")
    code, out, _ = cli("words", "import", "words.csv", "--list", p.name, "--no-config", cwd=tmp_path)
    assert code == 0
    assert out == f"0 words added, 0 changed, {n} the same. {p.name} is already up to date.\n"
    assert p.read_bytes() == src.read_bytes()


def test_export_then_import_of_our_list_is_byte_for_byte(ours: Path) -> None:
    csv_path = ours.parent / "ours.csv"
    csv_path.write_text(export_csv(load_wordlist(ours)), encoding="utf-8")
    report = import_csv(csv_path, WordlistFile.open(ours))
    assert [r.action for r in report.rows] == ["unchanged", "unchanged"] and not report.written
    assert ours.read_text() == OURS


def _write_csv(path: Path, rows: list[dict[str, str]], columns=COLUMNS) -> Path:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(columns))
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in columns})
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_import_adds_and_changes_row_by_row(cli, ours: Path, plain) -> None:
    rows = [dict(zip(COLUMNS, r)) for r in csv.reader(io.StringIO(export_csv(load_wordlist(ours))))][1:]
    rows[1]["use"] = "horse riding; riding lessons"
    rows.append({"term": "community connector", "use": "a short break", "why": "It is a formal word.", "added_by": "Kim",
                 "agreed": "01/04/2026"})
    _write_csv(ours.parent / "in.csv", rows)
    code, out, err = cli("words", "import", "in.csv", "--list", "ours.yaml", "--no-config")
    assert code == 0, err
    assert out == ("Row 3 'hippotherapy': changed use.\n"
                   "Row 4 'community connector': added.\n"
                   "1 word added, 1 changed, 1 the same. Saved ours.yaml.\n")
    for line in out.splitlines():
        plain(line)
    wl = load_wordlist(ours)
    hippo = next(e for e in wl.entries if e.term == "hippotherapy")
    assert hippo.use == ["horse riding", "riding lessons"]
    respite = next(e for e in wl.entries if e.term == "community connector")
    assert str(respite.agreed) == "2026-04-01" and respite.status == "agreed"
    text = ours.read_text()
    assert "    use:\n      - horse riding\n      - riding lessons\n    why:" in text
    assert ("    agreed: 2026-03-14\n\n  - term: community connector\n    use: a short break\n"
            "    why: It is a formal word.\n    added_by: Kim\n    agreed: 2026-04-01\n\n  - term: hippotherapy\n") in text
    assert text.startswith(OURS[:OURS.index("\n  - term: hippotherapy")])


@pytest.mark.parametrize("rows, expected", [
    ([{"term": "", "use": "x", "why": "y"}], "Row 2: not imported, because the term is empty.\n"),
    ([{"term": "community connector", "use": "a break", "why": "y", "agreed": "March 2026"}],
     "Row 2 'community connector': not imported, because 'agreed' should be a date like 2026-03-14, not 'March 2026'. "
     "Write the year, then the month, then the day, with '-' between them.\n"),
    ([{"term": "community connector", "use": "a break", "why": "y"}, {"term": "Community connector", "use": "a rest", "why": "y"}],
     "Row 2 'community connector': added.\nRow 3 'Community connector': not imported, because 'Community connector' is also on row 2.\n"),
    ([{"term": "community connector", "use": "", "why": "y"}],
     "Row 2 'community connector': not imported, because 'use' is empty, and a new word needs it.\n"),
    ([{"term": "community connector", "use": "a break", "why": "y", "status": "approved"}],
     "Row 2 'community connector': not imported, because 'status' should be agreed, proposed or retired, but it is "
     "'approved'. Did you mean 'agreed'?\n"),
])
def test_import_rejects_bad_rows_and_saves_nothing(cli, ours: Path, rows, expected: str, plain) -> None:
    _write_csv(ours.parent / "in.csv", rows)
    code, out, _ = cli("words", "import", "in.csv", "--list", "ours.yaml", "--no-config")
    assert code == 1
    assert out.startswith(expected)
    assert out.splitlines()[-1].endswith("not imported. Nothing was saved: fix the rows above and import again.")
    assert ours.read_text() == OURS
    for line in out.splitlines():
        plain(line)


@pytest.mark.parametrize("content, message", [
    ("term,use\nrespite,a break\n",
     "in.csv: the spreadsheet has no 'why' column. The first row must name the columns, and term, use and why are "
     "needed."),
    ("term,use,whyy\nrespite,a break,y\n", "in.csv: the column 'whyy' is not one speakeasy knows. Did you mean 'why'?"),
    ("term;use;why\nrespite;a break;y\n",
     "in.csv: the columns are separated by ';', not ','. Save the spreadsheet again, with commas between the "
     "columns."),
    ("", "in.csv: the spreadsheet is empty. The first row must name the columns. term, use and why are needed. "
         "The others are: " + ", ".join(COLUMNS[3:]) + "."),
])
def test_import_refuses_a_spreadsheet_it_cannot_read(cli, ours: Path, content: str, message: str, plain) -> None:
    (ours.parent / "in.csv").write_text(content)
    code, out, err = cli("words", "import", "in.csv", "--list", "ours.yaml", "--no-config")
    assert code == 2
    assert err == f"speakeasy: error: {message}\n"
    assert ours.read_text() == OURS
    plain(message.split(": ", 1)[1])


def test_import_refuses_a_spreadsheet_not_saved_as_utf8(cli, ours: Path) -> None:
    (ours.parent / "in.csv").write_bytes("term,use,why\ncaf\xe9,x,y\n".encode("latin-1"))
    code, _, err = cli("words", "import", "in.csv", "--list", "ours.yaml", "--no-config")
    assert code == 2
    assert err == ("speakeasy: error: in.csv: this spreadsheet is not saved as UTF-8 text. Save it again: in Excel, "
                   "choose 'CSV UTF-8'; in LibreOffice Calc, choose the character set 'Unicode (UTF-8)'.\n")


def test_import_dry_run_saves_nothing(cli, ours: Path) -> None:
    _write_csv(ours.parent / "in.csv", [{"term": "community connector", "use": "a break", "why": "y"}])
    code, out, _ = cli("words", "import", "in.csv", "--list", "ours.yaml", "--dry-run", "--no-config")
    assert code == 0
    assert out == "Row 2 'community connector': added.\n1 word added, 0 changed, 0 the same. Nothing was saved (--dry-run).\n"
    assert ours.read_text() == OURS


def test_an_empty_cell_removes_the_entrys_own_value_but_not_a_default(ours: Path) -> None:
    rows = [dict(zip(COLUMNS, r)) for r in csv.reader(io.StringIO(export_csv(load_wordlist(ours))))][1:]
    rows[0]["added_by"] = ""  # Ali: written on the entry, so removed
    rows[0]["agreed_by"] = ""  # from the defaults: stays
    report = import_csv(_write_csv(ours.parent / "in.csv", rows), WordlistFile.open(ours))
    assert [(r.action, r.detail) for r in report.rows] == [("changed", "added_by"), ("unchanged", "")]
    wl = load_wordlist(ours)
    assert wl.entries[0].added_by is None and wl.entries[0].agreed_by == "the Changes Forum"


# ---------------------------------------------------------------------------
# words stats


def test_words_stats(cli, ours: Path) -> None:
    code, out, _ = cli("words", "stats", "--list", "ours.yaml", "--no-config")
    assert code == 0
    assert out == ("Our words (ours.yaml): 2 words.\n"
                   "  Status: 2 agreed.\n"
                   "  With example sentences: 2 of 2.\n"
                   "  Added by: Ali (1); Sam Jones (1).\n"
                   "  Agreed by: the Changes Forum (2).\n")
    code, out, _ = cli("words", "stats", "--list", "ours.yaml", "--format", "json", "--no-config")
    import json

    data = json.loads(out)["lists"][0]
    assert data["entries"] == 2 and data["status"] == {"agreed": 2} and data["with_examples"] == 2


def test_words_stats_of_the_lists_in_use(cli, tmp_path: Path) -> None:
    code, out, _ = cli("words", "stats", "--no-config", cwd=tmp_path)
    assert code == 0
    assert re.search(r"^Plain English words \(.*plain-english\.yaml\): \d+ words\.$", out, re.M)
    assert re.search(r"^Social care jargon \(.*social-care\.yaml\): \d+ words\.$", out, re.M)
    assert re.search(r"^In all: \d+ words in 3 lists\.$", out, re.M)


def test_words_without_an_action(cli) -> None:
    code, _, err = cli("words")
    assert code == 2
    assert err == ("speakeasy: error: say what to do with the words, for example: speakeasy words add, speakeasy "
                   "words check. See: speakeasy words --help\n")


@pytest.mark.slow
def test_words_through_the_real_command(tmp_path: Path) -> None:
    p = tmp_path / "ours.yaml"
    p.write_text(OURS)
    proc = subprocess.run([sys.executable, "-m", "speakeasy", "words", "add", "community connector", "--use", "a break",
                           "--why", "It is formal.", "--by", "Kim", "--list", str(p), "--no-config"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"Added 'community connector' to {p} on line ")
    proc = subprocess.run([sys.executable, "-m", "speakeasy", "words", "check", str(p), "--no-config"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == "All good: checked 1 file.\n"


# ---------------------------------------------------------------------------
# words glossary (the documents themselves are tested in test_words_glossary.py)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_words_glossary_saves_a_jargon_buster(cli, ours: Path, fmt: str) -> None:
    code, out, err = cli("words", "glossary", "--format", fmt, "--list", "ours.yaml", "--no-config")
    assert code == 0, err
    assert out == f"Saved the jargon buster to jargon-buster.{fmt}.\n"
    saved = ours.parent / f"jargon-buster.{fmt}"
    data = saved.read_bytes()
    if fmt == "docx":
        import docx

        text = "\n".join(p.text for p in docx.Document(str(saved)).paragraphs)
    else:
        text = data.decode("utf-8")
    assert "hippotherapy" in text and "Agreed by the Changes Forum, March 2026" in text
    import os

    umask = os.umask(0)
    os.umask(umask)
    assert saved.stat().st_mode & 0o777 == 0o666 & ~umask  # shareable, not private like a temporary file


def test_words_glossary_shows_proposed_words_only_when_asked(cli, tmp_path: Path) -> None:
    cli("words", "add", "hippotherapy", "--use", "horse riding", "--why", "Say what happens.", "--by", "Sam",
        "--list", "new.yaml", "--no-config", cwd=tmp_path)
    cli("words", "glossary", "--format", "md", "--list", "new.yaml", "-o", "a.md", "--no-config")
    assert "hippotherapy" not in (tmp_path / "a.md").read_text()
    cli("words", "glossary", "--format", "md", "--list", "new.yaml", "-o", "b.md", "--include-proposed",
        "--no-config")
    assert "hippotherapy (proposed, not yet agreed)" in (tmp_path / "b.md").read_text()


# ---------------------------------------------------------------------------
# words suggest (the scan itself is tested in test_words_suggest.py)


def test_words_suggest_then_fill_in_then_import(cli, tmp_path: Path, plain) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "# Plan\n\nWe will complete a DPIA for the deconditioning programme.\n\n"
        "The deconditioning risk is high. The DPIA is due in May.\n")
    code, out, err = cli("words", "suggest", "docs", "--csv", "new.csv", "--no-config", cwd=tmp_path)
    assert code == 0, err
    assert out.startswith("Checked 1 file. 2 words and phrases may be jargon and are not in any word list yet.\n")
    assert "1. DPIA: acronym, never spelled out. Used 2 times in 1 document.\n" in out
    assert out.endswith("Saved 2 words to new.csv. Fill in 'use' and 'why', then: speakeasy words import new.csv "
                        "--list YOUR-LIST.yaml\n")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "new.csv").read_text(encoding="utf-8-sig"))))
    assert [r["term"] for r in rows] == ["DPIA", "deconditioning"]
    assert all(r["use"] == "" and r["why"] == "" and r["status"] == "proposed" for r in rows)
    # The forum fills in one of them and imports the sheet.
    rows[1].update(use="losing strength", why="Say what happens to the body.", added_by="Kim")
    _write_csv(tmp_path / "new.csv", rows, columns=list(rows[0]))
    code, out, err = cli("words", "import", "new.csv", "--list", "ours.yaml", "--no-config", cwd=tmp_path)
    assert code == 0, err
    assert out == ("Row 2 'DPIA': left out, because 'use' and 'why' are empty. Fill them in to add the word.\n"
                   "Row 3 'deconditioning': added.\n"
                   "1 word added, 0 changed, 0 the same, 1 left out. Saved ours.yaml.\n")
    for line in out.splitlines():
        plain(line)
    entry = load_wordlist(tmp_path / "ours.yaml").entries[0]
    assert (entry.term, entry.status, entry.use) == ("deconditioning", "proposed", ["losing strength"])
    assert entry.notes.startswith("Suggested by speakeasy: rare in everyday English.")


def test_words_suggest_reports_a_file_it_cannot_read(cli, tmp_path: Path) -> None:
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    (tmp_path / "ok.md").write_text("We will help you.\n")
    code, out, err = cli("words", "suggest", str(tmp_path), "--no-config", cwd=tmp_path)
    assert code == 2
    assert err.startswith("speakeasy: error: ") and "bad.docx" in err
    assert out.startswith("Checked 1 file.")


def test_words_edit_refuses_a_broken_list_before_opening(cli, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("title: T\nlicence: CC0-1.0\nwords:\n  - term: x\n    uze: y\n    why: z\n")
    code, out, err = cli("words", "edit", "--list", "bad.yaml", "--high-contrast", "--no-config", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err.startswith("speakeasy: error: bad.yaml:5:5: `uze` is not a key speakeasy knows in a wordlist entry. "
                          "Did you mean `use`?\n")
