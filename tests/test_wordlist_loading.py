"""Loading wordlists is strict, safe and explains every problem in plain English.

Each file in tests/data/bad_yaml/wordlists/ has one problem (or, for
several-problems.yaml, three).  The tests check the exact words of each
message, the file, line and column, and that the excerpt marks the right
line, through the Python API and through `speakeasy validate`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from speakeasy.errors import UserDataError
from speakeasy.packs import load_wordlist
from speakeasy.schema import DataErrors

BAD = Path(__file__).parent / "data" / "bad_yaml"
GOOD = BAD / "good"

# (file, line, column, the whole message: the problem and what to do)
CASES = [
    ("unknown-key.yaml", 5, 5,
     "`uze` is not a key speakeasy knows in a wordlist entry. Did you mean `use`?"),
    ("wrong-type-list-for-text.yaml", 7, 7,
     "`why` should be text, but it is a list. Write the text on the same line as `why`, after the colon."),
    ("missing-why.yaml", 4, 5,
     "This wordlist entry has no `why`. Add `why:` with why the word is a problem, in plain words."),
    ("tab-indent.yaml", 5, 1,
     "This line starts with a tab. Use spaces to indent, not tabs."),
    ("missing-colon.yaml", 5, 5,
     "This line has no colon after `use`. Write it like this: use: start"),
    ("duplicate-key.yaml", 7, 5,
     "This wordlist entry has `use` twice. The first is on line 5. Keep one of them."),
    ("bad-date.yaml", 7, 13,
     "`agreed` should be a date like 2026-03-14, but it is the text 'March 2026'. "
     "Write the year, then the month, then the day, with '-' between them."),
    ("bad-level.yaml", 3, 8,
     "`level` cannot be 'warn'. Use suggestion, warning or error. Did you mean 'warning'?"),
    ("bad-status.yaml", 7, 13,
     "`status` cannot be 'aproved'. Use agreed, proposed or retired. Did you mean 'agreed'?"),
    ("empty-term.yaml", 4, 10,
     "`term` is empty. Write something after the colon."),
    ("own-alternative.yaml", 7, 9,
     "'Commence' is the same as the term, so it is not a plain alternative. Give a different, plainer word."),
    ("unclosed-quote.yaml", 6, 10,
     'This text starts with a quote mark but has no closing quote mark. Add " at the end of the text.'),
    ("unclosed-bracket.yaml", 5, 10,
     "This list in square brackets [ ] has no closing ']'. Add ']' at the end of the list. "
     "Put items that have commas in quotes."),
    ("python-tag.yaml", 5, 10,
     "speakeasy does not allow '!!python/object/apply:os.system'. It never runs code or builds objects from a file. "
     "Remove the part that starts with '!'. If the text starts with '!', put it in quotes."),
]


def message(e: UserDataError) -> str:
    return e.problem + (" " + e.hint if e.hint else "")


@pytest.fixture
def in_bad(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tests/data/bad_yaml so paths in messages are short and stable."""
    monkeypatch.chdir(BAD)
    return BAD


def check_excerpt(rendered: str, source_file: Path, line: int, column: int) -> None:
    """The excerpt quotes the bad line, marks it with '>', and puts '^ here' right under the column."""
    source = source_file.read_text(encoding="utf-8").splitlines()
    rows = rendered.splitlines()
    marked = [i for i, row in enumerate(rows) if row.startswith("  > ")]
    assert len(marked) == 1, rendered
    i = marked[0]
    gutter, _, quoted = rows[i].partition(" |")
    assert gutter.split() == [">", str(line)]
    assert quoted == (" " + source[line - 1] if source[line - 1] else "")
    lead = "".join(ch if ch == "\t" else " " for ch in source[line - 1][: column - 1])
    bar = rows[i].index("|")
    assert rows[i + 1] == " " * bar + "| " + lead + "^ here"
    # the line before is quoted too, for context
    if line > 1:
        assert rows[i - 1].rstrip().endswith(f"{line - 1} |" + (f" {source[line - 2]}" if source[line - 2] else ""))


@pytest.mark.parametrize(("name", "line", "column", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_wordlist_through_the_api(in_bad: Path, name: str, line: int, column: int, text: str) -> None:
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f"wordlists/{name}")
    errors = exc.value.errors
    assert len(errors) == 1, [e.message for e in errors]
    e = errors[0]
    assert message(e) == text
    assert (e.path, e.line, e.column) == (f"wordlists/{name}", line, column)
    assert e.message == f"wordlists/{name}:{line}:{column}: {text}"
    check_excerpt(e.render(), BAD / "wordlists" / name, line, column)


@pytest.mark.parametrize(("name", "line", "column", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_wordlist_through_validate(cli, in_bad: Path, name: str, line: int, column: int, text: str) -> None:
    code, out, err = cli("validate", f"wordlists/{name}", cwd=in_bad)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"speakeasy: error: wordlists/{name}:{line}:{column}: {text}"
    check_excerpt("\n".join(lines[1:-1]), BAD / "wordlists" / name, line, column)
    assert lines[-1] == "Found 1 problem."
    assert "Traceback" not in err


def test_python_tag_is_refused_and_never_run(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tag that would run a shell command with an unsafe loader is refused; nothing runs."""
    shutil.copy(BAD / "wordlists" / "python-tag.yaml", tmp_path / "python-tag.yaml")
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "speakeasy-hacked.txt"
    # the fixture really is dangerous: the safe loader refuses to build it
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load((tmp_path / "python-tag.yaml").read_text())
    with pytest.raises(DataErrors) as exc:
        load_wordlist("python-tag.yaml")
    assert "!!python/object/apply:os.system" in exc.value.errors[0].problem
    code, _, err = cli("validate", "python-tag.yaml", cwd=tmp_path)
    assert code == 2 and "Traceback" not in err
    assert not marker.exists()


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("why: !!python/name:os.system\n",
         "speakeasy does not allow '!!python/name:os.system'. It never runs code or builds objects from a file."),
        ("why: !!binary aGVsbG8=\n", "speakeasy does not allow '!!binary'. It never runs code or builds objects from a file."),
        ("why: !mine text\n", "speakeasy does not allow '!mine'. It never runs code or builds objects from a file."),
    ],
)
def test_other_tags_are_refused(tmp_path: Path, body: str, text: str) -> None:
    f = tmp_path / "tagged.yaml"
    f.write_text("title: T\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: start\n    " + body)
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    assert exc.value.errors[0].problem == text
    assert exc.value.errors[0].line == 6


def test_aliases_are_refused(tmp_path: Path) -> None:
    """`*name` repeats part of a file: refused, so a file cannot blow up to billions of values."""
    f = tmp_path / "alias.yaml"
    f.write_text("title: &t Words\nlicence: CC0-1.0\ndescription: *t\nwords: []\n")
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    e = exc.value.errors[0]
    assert (e.line, e.column) == (3, 14)
    assert message(e) == (
        "A value cannot start with '*' ('*t' repeats another part of the file). "
        "Write the value out in full, or put the whole text in quotes."
    )


def test_several_problems_are_all_reported_in_line_order(in_bad: Path) -> None:
    with pytest.raises(DataErrors) as exc:
        load_wordlist("wordlists/several-problems.yaml")
    got = [(e.line, e.column, message(e)) for e in exc.value.errors]
    assert got == [
        (5, 5, "`uze` is not a key speakeasy knows in a wordlist entry. Did you mean `use`?"),
        (11, 13, "`status` cannot be 'aproved'. Use agreed, proposed or retired. Did you mean 'agreed'?"),
        (16, 13, "`agreed` should be a date like 2026-03-14, but it is the text 'March 2026'. "
                 "Write the year, then the month, then the day, with '-' between them."),
    ]


def test_several_problems_through_validate(cli, in_bad: Path) -> None:
    code, _, err = cli("validate", "wordlists/several-problems.yaml", cwd=in_bad)
    assert code == 2
    headlines = [line for line in err.splitlines() if line.startswith("speakeasy: error: ")]
    assert [h.split(": ")[2] for h in headlines] == [
        "wordlists/several-problems.yaml:5:5",
        "wordlists/several-problems.yaml:11:13",
        "wordlists/several-problems.yaml:16:13",
    ]
    assert err.splitlines()[-1] == "Found 3 problems."


def test_a_typo_is_not_also_reported_as_a_missing_key(in_bad: Path) -> None:
    """`uze:` gets "Did you mean `use`?" only, not also "has no `use`"."""
    with pytest.raises(DataErrors) as exc:
        load_wordlist("wordlists/unknown-key.yaml")
    assert len(exc.value.errors) == 1


def test_text_where_a_list_belongs_is_fine_for_use() -> None:
    wl = load_wordlist(GOOD / "full-wordlist.yaml")
    by_term = {e.term: e for e in wl.entries}
    assert by_term["commence"].use == ["start"]
    assert by_term["placement"].use == ["care home", "place to live"]


def test_every_field_is_read() -> None:
    import datetime as dt

    wl = load_wordlist(GOOD / "full-wordlist.yaml")
    assert wl.title == "Every field" and wl.level == "warning"
    assert wl.co_produced_by == ["The Changes Forum", "speakeasy contributors"]
    assert wl.sources[0].attribution == "Words by the speakeasy contributors."
    e = next(e for e in wl.entries if e.term == "placement")
    assert e.unless == ["student", "work", "school"]
    assert e.explained_ok is True
    assert e.agreed == dt.date(2026, 5, 1) and e.review_by == dt.date(2027, 5, 1)
    assert e.notes == "Fine when it is about students."
    # the defaults fill in what an entry does not say
    c = next(e for e in wl.entries if e.term == "commence")
    assert (c.added_by, c.agreed, c.status) == ("Sam", dt.date(2026, 3, 14), "agreed")
    assert {e.term: e.status for e in wl.entries}["client"] == "retired"


# --- smaller cases, written inline -----------------------------------------------------------

ENTRY = "title: T\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: start\n"


@pytest.mark.parametrize(
    ("extra", "line", "column", "text"),
    [
        # an impossible date used to crash with a traceback
        ("    why: It is formal.\n    agreed: 2026-02-30\n", 7, 13,
         "`agreed` is not a real date: 2026-02-30. Check the month and the day."),
        ("    why: It is formal.\n    agreed: 2026-03-14 10:00:00\n", 7, 13,
         "`agreed` should be a date without a time, like 2026-03-14. Remove the time."),
        # `=` used to crash with a traceback; it is just text
        ("    why: =\n    explained_ok: maybe\n", 7, 19,
         "`explained_ok` should be true or false, but it is the text 'maybe'."),
        ("    why: 'Commence' is formal.\n", 6, 10,
         "There is more text after the closing quote mark. "
         "Put the whole text in quotes, like this: why: \"'Commence' is formal.\""),
        ("    why: 'It's formal.'\n", 6, 10,
         "There is more text after the closing quote mark. Put the whole text in quotes, like this: why: \"It's formal.\""),
        ("    why: Note: it is formal.\n", 6, 14,
         "This text has a colon and a space (': ') in it. "
         "Put the whole text in quotes, like this: why: \"Note: it is formal.\""),
        ("     why: It is formal.\n", 6, 9,
         "This line starts further to the right than the line above it. "
         "Move `why:` to the left, to line up with the line above."),
        ("    why: `commence` is formal.\n", 6, 10,
         "A value cannot start with '`'. Put the whole text in quotes, like this: why: \"`commence` is formal.\""),
        ("    why: & is formal.\n", 6, 10,
         "A value cannot start with '&'. Put the whole text in quotes, like this: why: \"& is formal.\""),
        ('    why: "Commence" is formal.\n', 6, 10,
         "There is more text after the closing quote mark. "
         "Put the whole text in quotes, like this: why: '\"Commence\" is formal.'"),
        ("    why: | It is formal.\n", 6, 12,
         "speakeasy could not read this line. "
         "If it is text, put the whole text in quotes, like this: why: \"| It is formal.\""),
        ("    why: It is formal.\n    unless:\n", 7, 12,
         "`unless` is empty. Write something after the colon, or remove the line."),
        ("    why: It is formal.\n    examples: {a: b}\n", 7, 15,
         "`examples` should be a list, but it is a set of `key: value` lines. Start each item on its own line with '- '."),
        ("    why: [It is formal]\n", 6, 10,
         "`why` should be text, but it is a list. Square brackets [ ] make a list. Put the whole text in quotes instead."),
        ("    why: It is formal.\n---\ntitle: U\n", 7, 1,
         "This file has a second part, after a line with '---'. A file can only have one part: remove this '---' line."),
        ("    why: It is formal.\n  - term: Commence\n    use: begin\n    why: Again.\n", 7, 11,
         "'Commence' is in this wordlist twice. The first is on line 4. "
         "Keep one entry. Move anything you need from this one into the first, then delete this one. "
         "If the two are for different parts of speech, say which in `as:` in both."),
        ("    why: It is formal.\n    as: verb\n  - term: Commence\n    as: [noun, verb]\n    use: begin\n"
         "    why: Again.\n", 8, 11,
         "'Commence' as a verb is in this wordlist twice. The first is on line 4. "
         "Keep one entry for each part of speech. Change `as:` in one of them, or delete one."),
        ("    why: It is formal.\n    as: doing word\n", 7, 9,
         "`as` cannot be 'doing word'. Use noun, verb, adjective or adverb. Did you mean 'verb'?"),
        ("    why: It is formal.\n    within: page\n", 7, 13,
         "`within` cannot be 'page'. Use sentence, paragraph, section or document. Did you mean 'document'?"),
        ("    why: It is formal.\n    unless: [commence]\n", 7, 14,
         "'commence' in `unless` is the term itself, so the term would never be flagged. "
         "List other words that show the term is fine, or delete the entry."),
    ],
)
def test_small_problems(tmp_path: Path, extra: str, line: int, column: int, text: str) -> None:
    f = tmp_path / "words.yaml"
    f.write_text(ENTRY + extra)
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    assert [(e.line, e.column, message(e)) for e in exc.value.errors] == [(line, column, text)]


HEAD = "title: T\nlicence: CC0-1.0\nwords:\n  - term: impact\n    why: It is vague.\n"


@pytest.mark.parametrize(
    ("extra", "line", "column", "text"),
    [
        ("    use: {noun: effect, thing: result}\n", 6, 25,
         "'thing' under `use` is not a part of speech speakeasy knows. Use noun, verb, adjective or adverb. "
         "Did you mean 'noun'?"),
        ("    use: {noun: effect, noun: result}\n", 6, 25, "`use` has 'noun' twice. Keep one of them."),
        ("    use: {verb: affect}\n    as: noun\n", 7, 9,
         "`use` gives words for the term as a verb, but `as` does not list verb. "
         "Add verb to `as`, or take the verb words out of `use`."),
        ("    use:\n      verb:\n", 7, 12, "`use: verb` is empty. Write something after the colon."),
    ],
)
def test_problems_with_words_for_each_part_of_speech(tmp_path: Path, extra: str, line: int, column: int,
                                                       text: str) -> None:
    f = tmp_path / "words.yaml"
    f.write_text(HEAD + extra)
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    assert [(e.line, e.column, message(e)) for e in exc.value.errors] == [(line, column, text)]


def test_words_for_each_part_of_speech_load(tmp_path: Path) -> None:
    f = tmp_path / "words.yaml"
    f.write_text(HEAD + "    use:\n      noun: effect\n      verb: [affect, change]\n"
                 "    when: [budget]\n    within: paragraph\n    everywhere: true\n"
                 "  - term: drive\n    as: Verb\n    use: lead to\n    why: Buzzword.\n"
                 "  - term: drive\n    as: noun\n    use: push\n    why: Buzzword.\n")
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    assert [message(e) for e in exc.value.errors] == [
        "`as` cannot be 'Verb'. Use noun, verb, adjective or adverb. Did you mean 'verb'?"]
    f.write_text(f.read_text().replace("as: Verb", "as: verb"))
    impact, drive_verb, drive_noun = load_wordlist(f).entries
    assert impact.use == ["effect", "affect", "change"]
    assert impact.use_as == {"noun": ["effect"], "verb": ["affect", "change"]}
    assert impact.parts == ("noun", "verb")
    assert impact.alternatives("verb") == ["affect", "change"] and impact.alternatives(None) == impact.use
    assert (impact.when, impact.within, impact.everywhere) == (["budget"], "paragraph", True)
    assert (drive_verb.parts, drive_noun.parts) == (("verb",), ("noun",))


def test_a_list_topic_loads(tmp_path: Path) -> None:
    f = tmp_path / "words.yaml"
    f.write_text("title: T\nlicence: CC0-1.0\ntopic:\n  about: care and support\n  words: [carer, care home]\n"
                 "words:\n  - term: provider\n    use: care agency\n    why: Vague.\n")
    wl = load_wordlist(f)
    assert wl.topic is not None and (wl.topic.about, wl.topic.words) == ("care and support", ("carer", "care home"))
    f.write_text(f.read_text().replace("  about: care and support\n", ""))
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    assert [message(e) for e in exc.value.errors] == [
        "This topic has no `about`. Add `about:` with what the list is about, in a few words, like `care and support`."]


def test_quoted_date_and_folded_text_are_fine(tmp_path: Path) -> None:
    import datetime as dt

    f = tmp_path / "words.yaml"
    f.write_text(ENTRY + '    why: >\n      It is formal.\n    agreed: "2026-03-14"\n')
    e = load_wordlist(f).entries[0]
    assert e.why == "It is formal."
    assert e.agreed == dt.date(2026, 3, 14)


def test_a_retired_entry_may_share_its_term(tmp_path: Path) -> None:
    f = tmp_path / "words.yaml"
    f.write_text(ENTRY + "    why: It is formal.\n  - term: commence\n    use: begin\n    why: Old.\n    status: retired\n")
    assert [e.status for e in load_wordlist(f).entries] == ["agreed", "retired"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "This wordlist is empty."),
        ("- phrase: be advised\n", "A wordlist should be a set of `key: value` lines, but this is a list."),
    ],
)
def test_empty_or_wrong_shape(tmp_path: Path, text: str, problem: str) -> None:
    f = tmp_path / "words.yaml"
    f.write_text(text)
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    assert exc.value.errors[0].problem == problem
    assert exc.value.errors[0].hint.startswith("Start from a copy of a shipped wordlist.")


def test_a_wordlist_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as exc:
        load_wordlist("nope.yaml")
    assert exc.value.errors[0].message == "nope.yaml: This wordlist does not exist. Check the name and the folder."


def test_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "words.yaml"
    f.write_bytes(ENTRY.encode() + "    why: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataErrors) as exc:
        load_wordlist(f)
    e = exc.value.errors[0]
    assert e.line == 6 and e.problem == "This file is not saved as UTF-8 text."


def test_shipped_wordlists_load() -> None:
    from speakeasy.packs import builtin_wordlists_dir

    for path in sorted(builtin_wordlists_dir().glob("[!_]*.yaml")):
        assert load_wordlist(path).entries, path


def test_check_with_a_bad_wordlist_exits_2(cli, in_bad: Path, tmp_path: Path) -> None:
    doc = tmp_path / "policy.md"
    doc.write_text("We will commence soon.\n")
    code, out, err = cli("check", "--no-config", "--wordlist", "wordlists/bad-status.yaml", str(doc), cwd=in_bad)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == (
        "speakeasy: error: wordlists/bad-status.yaml:7:13: "
        "`status` cannot be 'aproved'. Use agreed, proposed or retired. Did you mean 'agreed'?"
    )
    assert "Traceback" not in err
