"""``speakeasy words``: parts of speech (``as``), ``when``, ``within``, ``everywhere`` and ``topic``.

A term may be in a list once for each part of speech ("table" as a noun is
fine; as a verb it is jargon), ``use`` may give plain words for each part
of speech, and an entry may say which words must be near (``when``), how
near (``within``), and that it is jargon whatever the list's ``topic``
(``everywhere``).  The store, the spreadsheets, ``words add`` and
``words check`` must all handle these the way a forum member expects.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from speakeasy.packs import load_wordlist
from speakeasy.schema import DataErrors
from speakeasy.words import COLUMNS
from speakeasy.words.spreadsheet import export_csv, export_rows, import_csv
from speakeasy.words.store import AmbiguousTerm, EditError, WordlistFile
from speakeasy.words.values import (
    as_words,
    clash,
    format_use,
    parse_parts,
    parse_use,
    parse_within,
)

MEETING = """\
# Meeting words: office talk to avoid.
title: Meeting words
licence: CC0-1.0
topic:
  about: meetings
  words:
    - meeting
    - minutes
words:
  - term: action
    use: do
    why: "'Action' as a verb is office talk."
    as: verb

  - term: table
    use: put forward
    why: "'Table' means opposite things in the UK and the US."
    as: verb
    added_by: Ali

  - term: table
    use: chart
    why: A list of figures is clearer.
    as: noun
    when:
      - figures
      - numbers
    unless:
      - dinner
    within: paragraph

  - term: task
    use:
      noun: job
      verb:
        - ask
        - set
    why: Plain words are clearer.
    everywhere: true
    status: proposed
"""


@pytest.fixture
def plain(default_ruleset):  # type: ignore[no-untyped-def]
    """assert that a message passes speakeasy's default packs (quoted words are the user's own)."""
    import re

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
def meeting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "meeting.yaml"
    p.write_text(MEETING, encoding="utf-8")
    return p


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _write_csv(path: Path, rows: list[dict[str, str]], columns=COLUMNS) -> Path:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(columns))
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in columns})
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# One line of values: the rules the spreadsheet, the form and `words add` share


def test_parse_use_a_list_or_a_list_for_each_part() -> None:
    assert parse_use("a break; ; a rest ") == ["a break", "a rest"]
    assert parse_use("noun: effect; Verb: affect; change") == {"noun": ["effect"], "verb": ["affect", "change"]}
    assert parse_use("adjective:big;adverb : a lot") == {"adjective": ["big"], "adverb": ["a lot"]}
    assert parse_use("") == []
    assert format_use(["effect", "affect", "change"], {"noun": ["effect"], "verb": ["affect", "change"]}) == \
        "noun: effect; verb: affect; change"
    assert format_use(["a break", "a rest"]) == "a break; a rest"


@pytest.mark.parametrize("text, message", [
    ("effect; verb: affect", "in 'use', 'effect' comes before any part of speech. Start with the part, like: "
                             "noun: effect"),
    ("verb: affect; verb: change", "'use' gives the words for 'verb' twice. Put all the words for a verb after "
                                   "one 'verb:', like: verb: one; two"),
    ("noun: effect; verb:", "'use' has no words after 'verb:'. Write the plain words for the term as a verb, or "
                            "take out 'verb:'."),
])
def test_parse_use_mistakes(text: str, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_use(text)
    assert str(exc.value) == message


def test_parse_parts_and_within() -> None:
    assert parse_parts(["Verb", "noun, verb; adjective"]) == ["verb", "noun", "adjective"]
    assert parse_parts(None) == [] and parse_parts("") == []
    with pytest.raises(ValueError) as exc:
        parse_parts("verbs")
    assert str(exc.value) == ("'verbs' is not a part of speech speakeasy knows. Use noun, verb, adjective or "
                              "adverb. Did you mean 'verb'?")
    with pytest.raises(ValueError) as exc:
        parse_parts("doing word")
    assert str(exc.value).endswith("Did you mean 'verb'?")
    with pytest.raises(ValueError) as exc:
        parse_parts("pronoun")
    assert str(exc.value) == ("'pronoun' is not a part of speech speakeasy knows. Use noun, verb, adjective or "
                              "adverb. Did you mean 'noun'?")
    assert parse_within(" Paragraph ") == "paragraph" and parse_within("") is None
    with pytest.raises(ValueError) as exc:
        parse_within("whole document")
    assert str(exc.value) == ("'within' should be sentence, paragraph, section or document, but it is "
                              "'whole document'. Did you mean 'document'?")


def test_words_for_parts_and_the_loaders_rule_for_two_entries() -> None:
    assert as_words(["verb"]) == "as a verb"
    assert as_words(["noun", "adjective"]) == "as a noun or an adjective"
    assert as_words(["noun", "verb", "adverb"]) == "as a noun, a verb or an adverb"
    assert as_words([]) == ""
    assert not clash(["noun"], ["verb"])
    assert clash(["noun", "verb"], ["verb"])
    assert clash([], ["verb"]) and clash(["noun"], [])


# ---------------------------------------------------------------------------
# The store


def test_add_the_same_term_for_another_part_of_speech(meeting: Path) -> None:
    wf = WordlistFile.open(meeting)
    span = wf.add({"term": "action", "use": ["plan"], "why": "'An action' is office talk.", "as": ["noun"]})
    assert (span.term, span.parts, span.line) == ("action", ("noun",), 15)
    assert wf.save()
    text = meeting.read_text()
    assert ("    as: verb\n\n"
            "  - term: action\n    use: plan\n    why: \"'An action' is office talk.\"\n    as: noun\n\n"
            "  - term: table\n") in text
    entries = [(e.term, e.parts) for e in load_wordlist(meeting).entries]
    assert entries[:2] == [("action", ("verb",)), ("action", ("noun",))]


def test_adding_a_part_of_speech_the_term_has_gives_the_loaders_message(meeting: Path) -> None:
    wf = WordlistFile.open(meeting)
    with pytest.raises(EditError) as exc:
        wf.add({"term": "Table", "use": ["set out"], "why": "x", "as": ["adjective", "verb"]})
    assert str(exc.value) == ("'Table' as a verb is in this wordlist twice. The first is on line 15. Keep one "
                              "entry for each part of speech. Change `as:` in one of them, or delete one.")
    with pytest.raises(EditError) as exc:
        wf.add({"term": "action", "use": ["doing"], "why": "x"})
    assert str(exc.value) == ("'action' is in this wordlist twice. The first is on line 10. Keep one entry. "
                              "Move anything you need from this one into the first, then delete this one. If the "
                              "two are for different parts of speech, say which in `as:` in both.")
    assert not wf.changed()  # nothing was added
    # The same term for a part it already has, but with another status: the loader allows a proposal next
    # to an entry in use, `add` does not, and says so in the loader's words.
    with pytest.raises(EditError) as exc:
        wf.add({"term": "task", "use": ["chore"], "why": "x", "as": ["noun"], "status": "agreed"})
    assert str(exc.value) == ("'task' as a noun is in this wordlist twice. The first is on line 32. Keep one entry "
                              "for each part of speech. Change `as:` in one of them, or delete one.")
    assert not wf.changed()


def test_find_and_update_a_term_with_an_entry_for_each_part(meeting: Path) -> None:
    wf = WordlistFile.open(meeting)
    with pytest.raises(AmbiguousTerm) as exc:
        wf.find("table")
    assert str(exc.value) == f"'table' is in {meeting} more than once: as a verb (line 15) and as a noun (line 21)."
    assert [e.line for e in exc.value.entries] == [15, 21]
    assert wf.find("Table", parts="noun").line == 21
    assert wf.find("table", parts=("verb",)).line == 15
    assert wf.find("table", parts="adverb") is None
    assert wf.find("task", parts="verb").line == 32  # its parts come from `use`
    assert wf.find("action", parts="noun") is None
    with pytest.raises(AmbiguousTerm):
        wf.update("table", {"notes": "x"})
    wf.update("table", {"use": ["graph", "chart"], "within": None}, parts="noun")
    wf.save()
    text = meeting.read_text()
    assert ("  - term: table\n    use:\n      - graph\n      - chart\n    why: A list of figures is clearer.\n"
            "    as: noun\n    when:\n") in text
    assert "within" not in text
    assert "    use: put forward\n" in text


def test_use_for_each_part_is_written_in_the_files_layout_and_read_back(meeting: Path) -> None:
    wf = WordlistFile.open(meeting)
    span = wf.find("action")
    wf.update(span, {"use": {"verb": ["do", "carry out"], "noun": "step"}, "as": None})
    wf.save()
    text = meeting.read_text()
    assert ("  - term: action\n    use:\n      verb:\n        - do\n        - carry out\n      noun: step\n"
            "    why: \"'Action' as a verb is office talk.\"\n\n") in text
    entry = load_wordlist(meeting).entries[0]
    assert entry.use_as == {"verb": ["do", "carry out"], "noun": ["step"]} and entry.parts == ("verb", "noun")
    # The same value again leaves the lines as they are; a list of one goes back on one line.
    wf = WordlistFile.open(meeting)
    wf.update(wf.find("action", parts="verb"), {"use": {"verb": ["do", "carry out"], "noun": ["step"]}})
    assert not wf.changed()
    wf.update(wf.find("action", parts="verb"), {"use": ["do"], "as": ["verb"]})
    wf.save()
    assert meeting.read_text() == MEETING


def test_a_compact_layout_gets_a_mapping_it_can_read(tmp_path: Path) -> None:
    p = tmp_path / "tight.yaml"
    p.write_text("title: T\nlicence: CC0-1.0\nwords:\n- term: beta\n  use:\n  - b\n  - bb\n  why: B.\n")
    wf = WordlistFile.open(p)
    wf.add({"term": "alpha", "use": {"noun": ["a", "aa"], "verb": "ab"}, "why": "A."})
    wf.save()
    assert p.read_text() == ("title: T\nlicence: CC0-1.0\nwords:\n- term: alpha\n  use:\n    noun:\n    - a\n"
                             "    - aa\n    verb: ab\n  why: A.\n\n- term: beta\n  use:\n  - b\n  - bb\n  why: B.\n")
    assert load_wordlist(p).entries[0].use_as == {"noun": ["a", "aa"], "verb": ["ab"]}


# ---------------------------------------------------------------------------
# The spreadsheet


def test_export_writes_the_new_columns_a_forum_member_can_read(meeting: Path) -> None:
    rows = export_rows(load_wordlist(meeting))
    assert [(r["term"], r["use"], r["as"], r["when"], r["unless"], r["within"], r["everywhere"]) for r in rows] == [
        ("action", "do", "verb", "", "", "", ""),
        ("table", "put forward", "verb", "", "", "", ""),
        ("table", "chart", "noun", "figures; numbers", "dinner", "paragraph", ""),
        ("task", "noun: job; verb: ask; set", "noun; verb", "", "", "", "true"),
    ]
    header = export_csv(load_wordlist(meeting)).splitlines()[0]
    assert header == ",".join(COLUMNS)
    assert header.startswith("term,use,why,as,when,unless,within,")
    assert "everywhere" in COLUMNS


def test_export_then_import_with_the_new_keys_is_byte_for_byte(cli, meeting: Path) -> None:
    text = MEETING.replace("    within: paragraph\n", "    within: paragraph\n\n  - term: table\n    use: desk\n"
                           "    why: Old.\n    status: retired\n")
    text = text.replace("    as: verb\n    added_by: Ali\n", "    as: verb\n    within: sentence\n"
                        "    when: [motion]\n    added_by: Ali\n")
    # a proposal next to the entry in use, for the same part of speech (the loader allows it)
    text = text.replace("    as: verb\n\n", "    as: verb\n\n  - term: action\n    use: carry out\n"
                        "    why: A proposal.\n    as: verb\n    status: proposed\n\n", 1)
    meeting.write_text(text)
    load_wordlist(meeting)  # it loads
    code, out, err = cli("words", "export", "m.csv", "--list", "meeting.yaml", "--no-config")
    assert (code, err) == (0, ""), err
    assert out == "Saved 6 words from meeting.yaml to m.csv.\n"
    code, out, err = cli("words", "import", "m.csv", "--list", "meeting.yaml", "--no-config")
    assert (code, err) == (0, ""), err
    assert out == "0 words added, 0 changed, 6 the same. meeting.yaml is already up to date.\n"
    assert meeting.read_text() == text


def test_import_changes_each_entry_of_a_term_by_its_part_of_speech(cli, meeting: Path, plain) -> None:
    rows = _rows(export_csv(load_wordlist(meeting)))
    rows[1]["use"] = "put forward; suggest"  # table as a verb
    rows[2]["when"] = "figures"  # table as a noun
    rows[2]["within"] = ""  # back to the default
    rows[3]["use"] = "noun: job; verb: ask; set; give"  # task
    rows[3]["everywhere"] = ""
    rows.append({"term": "action", "use": "step", "why": "'An action' is office talk.", "as": "Noun"})
    rows.append({"term": "sunset", "use": "verb: end; stop", "why": "Say what happens.", "within": "paragraph",
                 "when": "scheme", "everywhere": "yes"})
    _write_csv(meeting.parent / "in.csv", rows)
    code, out, err = cli("words", "import", "in.csv", "--list", "meeting.yaml", "--no-config")
    assert code == 0, err
    assert out == ("Row 3 'table' (as a verb): changed use.\n"
                   "Row 4 'table' (as a noun): changed when, within.\n"
                   "Row 5 'task' (as a noun or a verb): changed everywhere, use.\n"
                   "Row 6 'action' (as a noun): added.\n"
                   "Row 7 'sunset' (as a verb): added.\n"
                   "2 words added, 3 changed, 1 the same. Saved meeting.yaml.\n")
    for line in out.splitlines():
        plain(line)
    text = meeting.read_text()
    assert ("    as: noun\n    when:\n      - figures\n    unless:\n      - dinner\n\n  - term: task\n    use:\n"
            "      noun: job\n      verb:\n        - ask\n        - set\n        - give\n"
            "    why: Plain words are clearer.\n    status: proposed\n") in text
    assert ("    as: verb\n\n  - term: action\n    use: step\n    why: \"'An action' is office talk.\"\n"
            "    as: noun\n\n  - term: sunset\n    use:\n      verb:\n        - end\n        - stop\n"
            "    why: Say what happens.\n    when:\n      - scheme\n    within: paragraph\n    everywhere: true\n\n"
            "  - term: table\n") in text
    by = {(e.term, e.parts): e for e in load_wordlist(meeting).entries}
    assert by[("table", ("verb",))].use == ["put forward", "suggest"]
    assert by[("table", ("noun",))].within == "sentence"
    assert by[("action", ("noun",))].use == ["step"]
    assert not by[("task", ("noun", "verb"))].everywhere


@pytest.mark.parametrize("rows, columns, expected", [
    ([{"term": "table", "use": "chart", "why": "y"}], ("term", "use", "why"),
     "Row 2 'table': not imported, because 'table' is in the list more than once: as a verb (line 15) and as a "
     "noun (line 21). To say which one, add an 'as' column, with noun or verb in this row.\n"),
    ([{"term": "table", "use": "chart", "why": "y"}], COLUMNS,
     "Row 2 'table': not imported, because 'table' is in the list more than once: as a verb (line 15) and as a "
     "noun (line 21). To say which one, fill in its 'as' cell with noun or verb.\n"),
    ([{"term": "table", "use": "chart", "why": "y", "as": "verbs"}], COLUMNS,
     "Row 2 'table': not imported, because the 'as' cell says 'verbs' is not a part of speech speakeasy knows. "
     "Use noun, verb, adjective or adverb. Did you mean 'verb'?\n"),
    ([{"term": "table", "use": "chart", "why": "y", "as": "noun", "within": "page"}], COLUMNS,
     "Row 2 'table': not imported, because 'within' should be sentence, paragraph, section or document, but it "
     "is 'page'. Did you mean 'document'?\n"),
    ([{"term": "table", "use": "verb: put forward; noun: chart", "why": "y", "as": "verb"}], COLUMNS,
     "Row 2 'table': not imported, because 'use' gives words for the term as a noun, but 'as' does not list noun. "
     "Add noun to 'as', or take the noun words out of 'use'.\n"),
    ([{"term": "table", "use": "chart; noun: graph", "why": "y", "as": "noun"}], COLUMNS,
     "Row 2 'table': not imported, because in 'use', 'chart' comes before any part of speech. Start with the "
     "part, like: noun: chart.\n"),
    ([{"term": "sunset", "use": "end", "why": "y", "as": "verb"},
      {"term": "Sunset", "use": "stop", "why": "y", "as": "verb; noun"}], COLUMNS,
     "Row 2 'sunset' (as a verb): added.\nRow 3 'Sunset' (as a verb or a noun): not imported, because 'Sunset' is "
     "also on row 2.\n"),
    ([{"term": "table", "use": "set out", "why": "y", "as": "adjective"},
      {"term": "table", "use": "chart", "why": "y", "as": "noun; adjective"}], COLUMNS,
     "Row 2 'table' (as an adjective): added.\nRow 3 'table' (as a noun or an adjective): not imported, because "
     "'table' is also on row 2.\n"),
])
def test_import_rows_that_cannot_be_used(cli, meeting: Path, rows, columns, expected: str, plain) -> None:
    _write_csv(meeting.parent / "in.csv", rows, columns)
    code, out, _ = cli("words", "import", "in.csv", "--list", "meeting.yaml", "--no-config")
    assert code == 1
    assert out.startswith(expected)
    assert out.splitlines()[-1].endswith("not imported. Nothing was saved: fix the rows above and import again.")
    assert meeting.read_text() == MEETING
    for line in out.splitlines():
        plain(line)


def test_import_a_row_for_a_new_part_of_a_term_with_one_entry(meeting: Path) -> None:
    """With one entry for a term, a row with another part of speech is a new entry; the same part changes it."""
    wf = WordlistFile.open(meeting)
    csv_path = _write_csv(meeting.parent / "in.csv", [
        {"term": "action", "use": "step", "why": "Office talk.", "as": "noun"},
        {"term": "action", "use": "do; carry out", "why": "'Action' as a verb is office talk.", "as": "verb"},
    ])
    report = import_csv(csv_path, wf)
    assert [(r.action, r.detail, r.parts) for r in report.rows] == [("added", "", ("noun",)),
                                                                   ("changed", "use", ("verb",))]
    assert report.written
    entries = [(e.term, e.parts, e.use) for e in load_wordlist(meeting).entries if e.term == "action"]
    assert entries == [("action", ("verb",), ["do", "carry out"]), ("action", ("noun",), ["step"])]


def test_import_changes_the_parts_of_a_term_with_one_entry(meeting: Path) -> None:
    csv_path = _write_csv(meeting.parent / "in.csv", [
        {"term": "action", "use": "do", "why": "'Action' as a verb is office talk.", "as": "verb; noun"},
    ])
    report = import_csv(csv_path, WordlistFile.open(meeting))
    assert [(r.row, r.action, r.detail) for r in report.rows] == [(2, "changed", "as")]
    assert "    as:\n      - verb\n      - noun\n\n  - term: table\n" in meeting.read_text()


# ---------------------------------------------------------------------------
# words add


def test_words_add_a_term_again_as_another_part_of_speech(cli, meeting: Path, plain) -> None:
    code, out, err = cli("words", "add", "action", "--use", "step", "--why", "'An action' is office talk.",
                         "--by", "Kim", "--as", "noun", "--agreed", "2026-03-14", "--list", "meeting.yaml",
                         "--no-config")
    assert code == 0, err
    assert out == "Added 'action' (as a noun) to meeting.yaml on line 15.\n"
    plain(out)
    entries = [(e.term, e.parts) for e in load_wordlist(meeting).entries]
    assert entries[:2] == [("action", ("verb",)), ("action", ("noun",))]


def test_words_add_with_use_for_each_part_when_within_and_everywhere(cli, meeting: Path) -> None:
    code, out, err = cli("words", "add", "sunset", "--use", "verb: end", "--use", "stop", "--use", "noun: end date",
                         "--why", "Say what happens.", "--by", "Kim", "--when", "scheme", "--when", "grant",
                         "--unless", "evening", "--within", "Paragraph", "--everywhere", "--list", "meeting.yaml",
                         "--no-config")
    assert code == 0, err
    assert out.startswith("Added 'sunset' (as a verb or a noun) to meeting.yaml on line 15 as proposed.")
    assert ("    as: verb\n\n  - term: sunset\n    use:\n      verb:\n        - end\n        - stop\n"
            "      noun: end date\n    why: Say what happens.\n    when:\n      - scheme\n      - grant\n"
            "    unless:\n      - evening\n"
            "    within: paragraph\n    everywhere: true\n    added_by: Kim\n    status: proposed\n\n"
            "  - term: table\n") in meeting.read_text()
    entry = next(e for e in load_wordlist(meeting).entries if e.term == "sunset")
    assert entry.use_as == {"verb": ["end", "stop"], "noun": ["end date"]}
    assert (entry.when, entry.within, entry.everywhere) == (["scheme", "grant"], "paragraph", True)


def test_words_add_as_with_a_list_of_parts(cli, meeting: Path) -> None:
    code, out, err = cli("words", "add", "sunset", "--use", "end", "--why", "Say what happens.", "--by", "Kim",
                         "--as", "verb, noun", "--as", "adjective", "--agreed", "2026-01-01",
                         "--list", "meeting.yaml", "--no-config")
    assert code == 0, err
    assert out == "Added 'sunset' (as a verb, a noun or an adjective) to meeting.yaml on line 15.\n"
    assert "    as:\n      - verb\n      - noun\n      - adjective\n" in meeting.read_text()


@pytest.mark.parametrize("args, message", [
    (["table", "--use", "set out", "--why", "x", "--by", "Kim", "--as", "verb"],
     "'table' as a verb is in this wordlist twice. The first is on line 15. Keep one entry for each part of "
     "speech. Change `as:` in one of them, or delete one."),
    (["action", "--use", "doing", "--why", "x", "--by", "Kim"],
     "'action' is in this wordlist twice. The first is on line 10. Keep one entry. Move anything you need from "
     "this one into the first, then delete this one. If the two are for different parts of speech, say which in "
     "`as:` in both."),
    (["sunset", "--use", "end", "--why", "x", "--by", "Kim", "--as", "verbb"],
     "'verbb' is not a part of speech speakeasy knows. Use noun, verb, adjective or adverb. Did you mean 'verb'?"),
    (["sunset", "--use", "end", "--why", "x", "--by", "Kim", "--within", "paragraph"],
     "--within says how near the --when and --unless words must be, so give --when or --unless too."),
    (["sunset", "--use", "end", "--why", "x", "--by", "Kim", "--when", "scheme", "--within", "page"],
     "--within should be sentence, paragraph, section or document, but it is 'page'. Did you mean 'document'?"),
    (["sunset", "--use", "noun: end date", "--use", "verb: end", "--why", "x", "--by", "Kim", "--as", "verb"],
     "--use gives words for the term as a noun, but --as does not say noun. Add --as noun, or take out the noun "
     "words."),
    (["sunset", "--use", "end", "--use", "verb: stop", "--why", "x", "--by", "Kim"],
     "in 'use', 'end' comes before any part of speech. Start with the part, like: noun: end"),
])
def test_words_add_errors_with_parts(cli, meeting: Path, args: list[str], message: str, plain) -> None:
    code, out, err = cli("words", "add", *args, "--list", "meeting.yaml", "--no-config")
    assert (code, out) == (2, "")
    assert err == f"speakeasy: error: {message}\n"
    assert meeting.read_text() == MEETING
    plain(message)


def test_words_add_compares_parts_with_the_other_lists_in_use(cli, meeting: Path) -> None:
    """A term another list has for another part of speech is not a repeat; for the same part it is."""
    (meeting.parent / "ours.yaml").write_text("title: Ours\nlicence: CC0-1.0\nwords: []\n")
    (meeting.parent / ".speakeasy.yaml").write_text("wordlists: [meeting.yaml, ours.yaml]\n")
    code, out, err = cli("words", "add", "table", "--use", "board", "--why", "x", "--by", "Kim", "--as", "adjective",
                         "--list", "ours.yaml")
    assert code == 0, err
    code, out, err = cli("words", "add", "tables", "--use", "charts", "--why", "x", "--by", "Kim", "--as", "noun",
                         "--list", "ours.yaml")
    assert code == 2
    assert err == ("speakeasy: error: 'tables' is already in meeting.yaml (line 21), as 'table' (as a noun). "
                   "speakeasy would flag it twice. Change that entry instead.\n")
    code, out, err = cli("words", "add", "actions", "--use", "steps", "--why", "x", "--by", "Kim",
                         "--list", "ours.yaml")
    assert code == 2
    assert err == ("speakeasy: error: 'actions' is already in meeting.yaml (line 10), as 'action' (as a verb). "
                   "speakeasy would flag it twice. Change that entry instead.\n")
    # the entry with `when` words is found too: on its own, a term has no words near it
    code, out, err = cli("words", "add", "table", "--use", "chart", "--why", "x", "--by", "Kim",
                         "--list", "ours.yaml")
    assert code == 2 and "as 'table' (as a verb)" in err


# ---------------------------------------------------------------------------
# words check


def test_words_check_accepts_the_new_keys_and_a_term_for_each_part(cli, meeting: Path) -> None:
    code, out, err = cli("words", "check", "meeting.yaml", "--no-config")
    assert (code, out, err) == (0, "All good: checked 1 file.\n", "")


def test_words_check_when_and_unless_and_within(cli, meeting: Path, plain) -> None:
    text = MEETING.replace("    unless:\n      - dinner\n", "    unless:\n      - dinner\n      - Numbers\n")
    text = text.replace("    as: verb\n    added_by: Ali\n", "    as: verb\n    within: section\n    added_by: Ali\n")
    meeting.write_text(text)
    code, out, err = cli("words", "check", "meeting.yaml", "--no-config")
    assert code == 1
    headlines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert headlines == [
        "speakeasy: error: meeting.yaml:19:5: 'table' has `within: section`, but no `when` or `unless` words, so "
        "`within` does nothing. Add the `when` or `unless` words it is for, or take out `within`.",
        "speakeasy: error: meeting.yaml:31:9: 'numbers' is in both `when` and `unless` of 'table', so the term is "
        "never flagged when it is near that word. Keep the word in one of them: in `when` if it shows the term is "
        "jargon, in `unless` if it shows the term is fine.",
    ]
    assert "  > 31 |       - Numbers\n" in err
    assert err.endswith("Found 2 problems in 1 file.\n")
    for line in headlines:
        plain(line.split(": ", 3)[-1])


def test_words_check_compares_parts_with_other_lists(cli, meeting: Path) -> None:
    (meeting.parent / "ours.yaml").write_text(
        "title: Ours\nlicence: CC0-1.0\nwords:\n"
        "  - term: actions\n    use: steps\n    why: Office talk.\n    as: noun\n\n"
        "  - term: table\n    use: chart\n    why: x\n    as: noun\n"
    )
    (meeting.parent / ".speakeasy.yaml").write_text("wordlists: [meeting.yaml, ours.yaml]\n")
    code, out, err = cli("words", "check", "meeting.yaml", "ours.yaml")
    assert code == 1
    headlines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    # 'actions' as a noun is not 'action' as a verb; 'table' as a noun is in both lists
    assert headlines == ["speakeasy: error: ours.yaml:9:5: 'table' (as a noun) is also in meeting.yaml (line 21). "
                         "Keep the word in one list only, or speakeasy flags it twice."]


def test_a_list_with_the_new_keys_loads_after_each_command(meeting: Path) -> None:
    """The fixture itself: every key the words commands write, and a topic."""
    wl = load_wordlist(meeting)
    assert wl.topic is not None and wl.topic.about == "meetings"
    assert [(e.term, e.parts) for e in wl.entries] == [("action", ("verb",)), ("table", ("verb",)),
                                                       ("table", ("noun",)), ("task", ("noun", "verb"))]
    with pytest.raises(DataErrors):
        WordlistFile(meeting, MEETING.replace("as: noun\n", "as: verb\n")).wordlist()


def test_words_check_says_why_an_example_is_not_flagged(cli, meeting: Path, plain) -> None:
    """Each example is checked against its own entry: its part of speech, its `when` and `unless` words.

    The list's topic is left out: an example sentence on its own is about no topic.
    """
    text = MEETING.replace("    as: verb\n    added_by: Ali\n", "    as: verb\n    added_by: Ali\n    examples:\n"
                           "      - We will table the motion at the next meeting.\n"
                           "      - The table shows the figures for May.\n")
    text = text.replace("    within: paragraph\n", "    within: paragraph\n    examples:\n"
                        "      - The table shows the numbers for May.\n"
                        "      - The table shows the rooms for May.\n"
                        "      - The figures for the dinner table are ready.\n")
    meeting.write_text(text)
    code, out, err = cli("words", "check", "meeting.yaml", "--no-config")
    assert code == 1
    headlines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert headlines == [
        "speakeasy: error: meeting.yaml:22:9: The example for 'table' does not use it as a verb, so speakeasy does "
        "not flag it. Change the example so it uses 'table' as a verb, or take it out.",
        "speakeasy: error: meeting.yaml:36:9: The example for 'table' has none of its `when` words, so speakeasy "
        "does not flag it. Add one of them to the example (figures, numbers), or take the example out.",
        "speakeasy: error: meeting.yaml:37:9: The example for 'table' has 'dinner', one of its `unless` words, so "
        "speakeasy does not flag it. Take 'dinner' out of the example, or take the example out.",
    ]
    for line in headlines:
        plain(line.split(": ", 3)[-1])


def test_words_add_use_with_semicolons_as_in_a_spreadsheet_cell(cli, meeting: Path) -> None:
    code, out, err = cli("words", "add", "sunset", "--use", "end; stop", "--use", "close", "--why", "x", "--by", "Kim",
                         "--list", "meeting.yaml", "--no-config")
    assert code == 0, err
    assert next(e for e in load_wordlist(meeting).entries if e.term == "sunset").use == ["end", "stop", "close"]
    code, out, err = cli("words", "add", "sunrise", "--use", " ; ", "--why", "x", "--by", "Kim",
                         "--list", "meeting.yaml", "--no-config")
    assert (code, err) == (2, "speakeasy: error: --use is empty. Give a plainer word or phrase.\n")


def test_fine_examples_go_out_to_the_spreadsheet_and_back(cli, meeting: Path) -> None:
    text = MEETING.replace("    within: paragraph\n", "    within: paragraph\n    fine_examples:\n"
                           "      - We sat at the dinner table.\n      - The table was set for two.\n")
    meeting.write_text(text)
    assert load_wordlist(meeting).entries[2].fine_examples == ["We sat at the dinner table.", "The table was set for two."]
    assert cli("words", "export", "m.csv", "--list", "meeting.yaml", "--no-config")[0] == 0
    rows = _rows((meeting.parent / "m.csv").read_text(encoding="utf-8-sig"))
    assert rows[2]["fine_examples"] == "We sat at the dinner table.\nThe table was set for two."
    code, out, err = cli("words", "import", "m.csv", "--list", "meeting.yaml", "--no-config")
    assert (code, err) == (0, ""), err
    assert meeting.read_text() == text
    rows[2]["fine_examples"] = "We sat at the dinner table."
    _write_csv(meeting.parent / "m.csv", rows)
    code, out, err = cli("words", "import", "m.csv", "--list", "meeting.yaml", "--no-config")
    assert (code, err) == (0, ""), err
    assert load_wordlist(meeting).entries[2].fine_examples == ["We sat at the dinner table."]
