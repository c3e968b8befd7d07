"""``speakeasy words``: the ``fix`` key (safe: ``speakeasy fix`` may put the plain word in by itself; ask).

``fix`` is handled like ``within`` and ``everywhere``: ``words add --fix``,
a ``fix`` column in the spreadsheets, and a "Fix by itself" list in the
form.  ask is the default and is never written to a file.  ``fix: safe``
needs exactly one plain word (one for each part of speech), the loader's
rule: every command says so in one plain line, and writes nothing.  The key
keeps its place (after ``everywhere`` and ``explained_ok``), and a round trip
changes no other entry's text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytest.importorskip("textual")  # the form's tests; the form module imports textual

from speakeasy.packs import FIX_CHOICES, load_wordlist, parse_wordlist_text  # noqa: E402
from speakeasy.schema import DataErrors  # noqa: E402
from speakeasy.words import COLUMNS  # noqa: E402
from speakeasy.words.spreadsheet import export_csv, export_rows, import_csv  # noqa: E402
from speakeasy.words.store import KEY_ORDER, WordlistFile  # noqa: E402
from speakeasy.words.values import fix_problem, parse_fix  # noqa: E402

FORMAL = """\
# Formal words: a test list.
title: Formal words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: "'Commence' is a formal word."
    explained_ok: true
    examples:
      - We will commence the visit.

  - term: prior to
    use: before
    why: Say before.
    fix: safe
    added_by: Sam

  - term: reside
    use:
      - live
      - stay
    why: A formal word.
    fix: ask
    status: proposed

  - term: utilise
    use: use
    why: A long word for use.
    everywhere: true
    fix: safe
    examples:
      - We utilise the form.
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
def formal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    p = tmp_path / "formal.yaml"
    p.write_text(FORMAL, encoding="utf-8")
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


def _by_term(path: Path) -> dict[str, object]:
    return {e.term: e for e in load_wordlist(path).entries}


# ---------------------------------------------------------------------------
# One value, and the loader's rule


def test_parse_fix() -> None:
    assert parse_fix("safe") == "safe"
    assert parse_fix(" Safe ") == "safe"
    assert parse_fix("ASK") == "ask"
    assert parse_fix("") is None and parse_fix(None) is None
    with pytest.raises(ValueError, match=r"^'fix' should be safe or ask, but it is 'sfe'\. Did you mean 'safe'\?$"):
        parse_fix("sfe")
    with pytest.raises(ValueError, match=r"^'fix' should be safe or ask, but it is 'sometimes'\.$"):
        parse_fix("sometimes")


@pytest.mark.parametrize("use", [
    "start",
    ["start"],
    ["start", "begin"],
    {"noun": ["effect"], "verb": ["affect"]},
    {"noun": "effect", "verb": ["affect", "change"]},
    {"verb": ["affect", "change"]},
])
def test_fix_problem_is_the_loaders_rule(use) -> None:  # type: ignore[no-untyped-def]
    """fix_problem refuses exactly what the loader refuses, no more and no less."""
    if isinstance(use, dict):
        lines = "".join(f"      {p}: [{', '.join([w] if isinstance(w, str) else w)}]\n" for p, w in use.items())
        use_text = "    use:\n" + lines
    else:
        use_text = f"    use: [{', '.join([use] if isinstance(use, str) else use)}]\n"
    text = f"title: T\nlicence: CC0-1.0\nwords:\n  - term: commence\n{use_text}    why: W.\n    fix: safe\n"
    try:
        parse_wordlist_text(Path("t.yaml"), text)
        loads = True
    except DataErrors:
        loads = False
    assert (fix_problem(use, "safe") is None) == loads
    assert fix_problem(use, "ask") is None and fix_problem(use, None) is None


def test_fix_problem_says_why() -> None:
    assert fix_problem(["a break", "a rest"], "safe") == "needs exactly one plain alternative, but this entry has 2."
    assert fix_problem({"noun": ["effect"], "verb": ["affect", "change"]}, "safe") == (
        "needs exactly one plain alternative for each part of speech, but the verb has more than one.")


# ---------------------------------------------------------------------------
# The store: where the key goes, and a round trip


def test_fix_comes_after_explained_ok_and_everywhere_in_the_key_order() -> None:
    order = list(KEY_ORDER)
    assert order.index("everywhere") < order.index("fix")
    assert order.index("explained_ok") < order.index("fix") < order.index("examples")
    assert list(COLUMNS).index("everywhere") + 1 == list(COLUMNS).index("fix")


def test_setting_fix_puts_the_line_in_its_place_and_changes_nothing_else(formal: Path) -> None:
    wf = WordlistFile.open(formal)
    wf.update("commence", {"fix": "safe"})
    wf.save()
    assert formal.read_text() == FORMAL.replace(
        "    explained_ok: true\n    examples:\n      - We will commence",
        "    explained_ok: true\n    fix: safe\n    examples:\n      - We will commence")
    assert _by_term(formal)["commence"].fix == "safe"
    # and taking it out again gives back the file
    wf = WordlistFile.open(formal)
    wf.update("commence", {"fix": None})
    wf.save()
    assert formal.read_text() == FORMAL


# ---------------------------------------------------------------------------
# words add


def test_words_add_fix_safe_writes_it_in_its_place(cli, formal: Path) -> None:
    code, out, err = cli("words", "add", "sunset", "--use", "end", "--why", "Say what happens.", "--by", "Kim",
                         "--everywhere", "--explained-ok", "--fix", "Safe", "--example", "The scheme will sunset.",
                         "--list", "formal.yaml", "--no-config")
    assert code == 0, err
    assert out.startswith("Added 'sunset' to formal.yaml on line 26 as proposed.")
    new = ("  - term: sunset\n    use: end\n    why: Say what happens.\n    everywhere: true\n"
           "    explained_ok: true\n    fix: safe\n    examples:\n      - The scheme will sunset.\n"
           "    added_by: Kim\n    status: proposed\n\n")
    # the new entry, in A to Z place, and every other line as it was
    assert formal.read_text() == FORMAL.replace("  - term: utilise\n", new + "  - term: utilise\n")
    assert _by_term(formal)["sunset"].fix == "safe"


def test_words_add_fix_safe_with_one_word_for_each_part_of_speech(cli, formal: Path) -> None:
    code, _, err = cli("words", "add", "sunset", "--use", "verb: end", "--use", "noun: end date", "--why", "W.",
                       "--by", "Kim", "--fix", "safe", "--list", "formal.yaml", "--no-config")
    assert code == 0, err
    entry = _by_term(formal)["sunset"]
    assert entry.fix == "safe" and entry.use_as == {"verb": ["end"], "noun": ["end date"]}


def test_words_add_fix_ask_is_never_written(cli, formal: Path) -> None:
    code, _, err = cli("words", "add", "sunset", "--use", "end", "--use", "stop", "--why", "W.", "--by", "Kim",
                       "--fix", "ask", "--list", "formal.yaml", "--no-config")
    assert code == 0, err
    text = formal.read_text()
    assert "  - term: sunset\n    use:\n      - end\n      - stop\n    why: W.\n    added_by: Kim\n" in text
    assert text.count("fix:") == FORMAL.count("fix:")
    assert _by_term(formal)["sunset"].fix == "ask"


@pytest.mark.parametrize("args, message", [
    (["--use", "end", "--use", "stop", "--fix", "safe"],
     "--fix safe needs exactly one plain alternative, but this entry has 2. Give one plain word in --use, or leave "
     "out --fix safe, so that a person chooses in speakeasy review."),
    (["--use", "end; stop; close", "--fix", "safe"],
     "--fix safe needs exactly one plain alternative, but this entry has 3. Give one plain word in --use, or leave "
     "out --fix safe, so that a person chooses in speakeasy review."),
    (["--use", "noun: end date", "--use", "verb: end; stop", "--fix", "safe"],
     "--fix safe needs exactly one plain alternative for each part of speech, but the verb has more than one. Give "
     "one plain word for each part of speech in --use, or leave out --fix safe, so that a person chooses in "
     "speakeasy review."),
    (["--use", "end", "--fix", "sfe"], "--fix should be safe or ask, but it is 'sfe'. Did you mean 'safe'?"),
    (["--use", "end", "--fix", "always"], "--fix should be safe or ask, but it is 'always'. Did you mean 'safe'?"),
])
def test_words_add_fix_mistakes_are_one_plain_line(cli, formal: Path, args: list[str], message: str,
                                                   plain) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("words", "add", "sunset", *args, "--why", "W.", "--by", "Kim", "--list", "formal.yaml",
                         "--no-config")
    assert (code, out) == (2, "")
    assert err == f"speakeasy: error: {message}\n"  # one line, no traceback
    assert formal.read_text() == FORMAL
    plain(message)


def test_words_add_help_explains_fix(capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.cli import main

    with pytest.raises(SystemExit):
        main(["words", "add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--fix safe|ask safe: speakeasy fix may put the plain word in by itself." in text
    assert "ask (the default): a person decides in speakeasy review" in text


# ---------------------------------------------------------------------------
# Spreadsheets


def test_export_has_a_fix_column_empty_for_ask(formal: Path) -> None:
    rows = export_rows(load_wordlist(formal))
    assert [(r["term"], r["fix"]) for r in rows] == [
        ("commence", ""), ("prior to", "safe"), ("reside", ""), ("utilise", "safe")]
    header = export_csv(load_wordlist(formal)).splitlines()[0]
    assert ",explained_ok,everywhere,fix,notes," in header


def test_export_then_import_with_fix_is_byte_for_byte(cli, formal: Path) -> None:
    code, out, err = cli("words", "export", "f.csv", "--list", "formal.yaml", "--no-config")
    assert (code, err) == (0, ""), err
    code, out, err = cli("words", "import", "f.csv", "--list", "formal.yaml", "--no-config")
    assert (code, err) == (0, ""), err
    assert out == "0 words added, 0 changed, 4 the same. formal.yaml is already up to date.\n"
    assert formal.read_text() == FORMAL  # `fix: ask` on reside stays as it was written


def test_import_sets_and_clears_fix_and_never_writes_ask(cli, formal: Path, plain) -> None:
    rows = _rows(export_csv(load_wordlist(formal)))
    rows[0]["fix"] = "Safe"  # commence: set
    rows[1]["fix"] = ""  # prior to: back to the default
    rows[3]["fix"] = "ask"  # utilise: ask is the default, so the line goes
    rows.append({"term": "sunset", "use": "end", "why": "Say what happens.", "fix": "safe", "everywhere": "yes"})
    rows.append({"term": "cease", "use": "end; stop", "why": "Formal.", "fix": "ask"})
    _write_csv(formal.parent / "in.csv", rows)
    code, out, err = cli("words", "import", "in.csv", "--list", "formal.yaml", "--no-config")
    assert code == 0, err
    assert out == ("Row 2 'commence': changed fix.\n"
                   "Row 3 'prior to': changed fix.\n"
                   "Row 5 'utilise': changed fix.\n"
                   "Row 6 'sunset': added.\n"
                   "Row 7 'cease': added.\n"
                   "2 words added, 3 changed, 1 the same. Saved formal.yaml.\n")
    for line in out.splitlines():
        plain(line)
    text = formal.read_text()
    assert "    explained_ok: true\n    fix: safe\n    examples:\n      - We will commence" in text
    assert "    why: Say before.\n    added_by: Sam\n" in text
    assert "    everywhere: true\n    examples:\n      - We utilise the form.\n" in text
    assert "  - term: sunset\n    use: end\n    why: Say what happens.\n    everywhere: true\n    fix: safe\n" in text
    assert "  - term: cease\n    use:\n      - end\n      - stop\n    why: Formal.\n\n" in text
    assert "fix: ask" in text and text.count("fix: ask") == 1  # only reside's, written by hand, untouched
    by = _by_term(formal)
    assert [(t, by[t].fix) for t in ("commence", "prior to", "reside", "sunset", "cease", "utilise")] == [
        ("commence", "safe"), ("prior to", "ask"), ("reside", "ask"), ("sunset", "safe"), ("cease", "ask"),
        ("utilise", "ask")]


@pytest.mark.parametrize("rows, columns, expected", [
    ([{"term": "sunset", "use": "end", "why": "y", "fix": "maybe"}], COLUMNS,
     "Row 2 'sunset': not imported, because 'fix' should be safe or ask, but it is 'maybe'.\n"),
    ([{"term": "sunset", "use": "end", "why": "y", "fix": "automatic"}], COLUMNS,
     "Row 2 'sunset': not imported, because 'fix' should be safe or ask, but it is 'automatic'. "
     "Did you mean 'safe'?\n"),
    ([{"term": "commence", "use": "start", "why": "'Commence' is a formal word."},
      {"term": "sunset", "use": "end; stop", "why": "y", "fix": "safe"}], COLUMNS,
     "Row 3 'sunset': not imported, because 'fix' is safe. A safe fix needs exactly one plain alternative, but this "
     "entry has 2. Keep one plain word in 'use', or make the 'fix' cell empty, so that a person chooses in "
     "speakeasy review.\n"),
    ([{"term": "reside", "use": "live; stay", "why": "A formal word.", "fix": "safe"}], COLUMNS,
     "Row 2 'reside': not imported, because 'fix' is safe. A safe fix needs exactly one plain alternative, but this "
     "entry has 2. Keep one plain word in 'use', or make the 'fix' cell empty, so that a person chooses in "
     "speakeasy review.\n"),
    ([{"term": "sunset", "use": "noun: end date; verb: end; stop", "why": "y", "fix": "safe"}], COLUMNS,
     "Row 2 'sunset' (as a noun or a verb): not imported, because 'fix' is safe. A safe fix needs exactly one plain "
     "alternative for each part of speech, but the verb has more than one. Keep one plain word for each part of "
     "speech in 'use', or make the 'fix' cell empty, so that a person chooses in speakeasy review.\n"),
    # no fix column: the entry's own `fix: safe` counts
    ([{"term": "utilise", "use": "use; make use of", "why": "A long word for use."}], ("term", "use", "why"),
     "Row 2 'utilise': not imported, because 'fix' is safe in the list. A safe fix needs exactly one plain "
     "alternative, but this entry has 2. Keep one plain word in 'use', or add a 'fix' column and leave this row's cell empty, "
     "so that a person chooses in speakeasy review.\n"),
])
def test_import_rows_with_a_fix_that_cannot_be_used(cli, formal: Path, rows, columns, expected: str,
                                                    plain) -> None:  # type: ignore[no-untyped-def]
    _write_csv(formal.parent / "in.csv", rows, columns)
    code, out, _ = cli("words", "import", "in.csv", "--list", "formal.yaml", "--no-config")
    assert code == 1
    assert expected in out
    assert out.splitlines()[-1].endswith("not imported. Nothing was saved: fix the rows above and import again.")
    assert formal.read_text() == FORMAL
    for line in out.splitlines():
        plain(line)


def test_import_two_words_for_a_safe_entry_and_ask_in_one_row_is_fine(formal: Path) -> None:
    csv_path = _write_csv(formal.parent / "in.csv", [
        {"term": "utilise", "use": "use; make use of", "why": "A long word for use.", "fix": "", "everywhere": "true",
         "examples": "We utilise the form."},
    ])
    report = import_csv(csv_path, WordlistFile.open(formal))
    assert [(r.row, r.action, r.detail) for r in report.rows] == [(2, "changed", "fix, use")]
    entry = _by_term(formal)["utilise"]
    assert (entry.use, entry.fix) == (["use", "make use of"], "ask")


# ---------------------------------------------------------------------------
# The form (its model; the screen is tested below)


def test_form_values_and_parse_form_carry_fix(formal: Path) -> None:
    from speakeasy.words.edit.editor import WordlistEditor
    from speakeasy.words.edit.form import FIELD, FIELDS, FIX_WORDS, blank_form, form_values, parse_form

    assert set(FIX_WORDS) == set(FIX_CHOICES)
    keys = [f.key for f in FIELDS]
    assert keys.index("fix") == keys.index("explained_ok") + 1 and keys.index("fix") == keys.index("everywhere") + 2
    assert FIELD["fix"].label == "Fix by itself"
    assert FIELD["fix"].help == ("speakeasy may put the plain word in without asking; only for words with one "
                                 "meaning and one plain word")
    editor = WordlistEditor(formal)
    by = {e.term: e for e in editor.entries}
    assert form_values(by["prior to"])["fix"] == "safe"
    assert form_values(by["reside"])["fix"] == "ask"
    assert form_values(by["commence"])["fix"] == "ask"
    assert blank_form()["fix"] == "ask"
    assert parse_form({**blank_form(), "fix": ""})["fix"] == "ask"
    assert "fix" not in editor.from_defaults(by["prior to"])


def test_form_model_refuses_safe_with_two_words_and_writes_nothing(formal: Path, plain) -> None:
    from speakeasy.words.edit.editor import WordlistEditor
    from speakeasy.words.edit.form import NotSaved, blank_form, form_values

    editor = WordlistEditor(formal)
    by = {e.term: e for e in editor.entries}
    # an entry with two plain words set to safe: the message is about the Fix by itself box
    shown = form_values(by["reside"])
    with pytest.raises(NotSaved) as info:
        editor.save(by["reside"], shown, {**shown, "fix": "safe"})
    message = str(info.value)
    assert message == ("'Fix by itself' is safe. A safe fix needs exactly one plain alternative, but this entry has 2. "
                       "Keep one plain word in 'Use instead', or choose ask, so that a person chooses in speakeasy "
                       "review.")
    assert info.value.key == "fix"
    plain(message)
    # a safe entry given a second plain word: the message goes to Use instead
    shown = form_values(by["prior to"])
    with pytest.raises(NotSaved) as info:
        editor.save(by["prior to"], shown, {**shown, "use": "before; ahead of"})
    assert info.value.key == "use"
    # a new entry
    new = {**blank_form(added_by="Kim"), "term": "sunset", "use": "noun: end date; verb: end; stop", "why": "W.",
           "fix": "safe"}
    with pytest.raises(NotSaved, match="for each part of speech, but the verb has more than one"):
        editor.save(None, blank_form(), new)
    assert formal.read_text() == FORMAL


def test_form_model_saves_safe_and_ask_without_touching_other_lines(formal: Path) -> None:
    from speakeasy.words.edit.editor import WordlistEditor
    from speakeasy.words.edit.form import blank_form, form_values

    editor = WordlistEditor(formal)
    by = {e.term: e for e in editor.entries}
    shown = form_values(by["commence"])
    saved = editor.save(by["commence"], shown, {**shown, "fix": "safe"})
    assert saved.message == "Saved 'commence' in formal.yaml: changed fix by itself."
    after_safe = FORMAL.replace("    explained_ok: true\n    examples:\n      - We will commence",
                                "    explained_ok: true\n    fix: safe\n    examples:\n      - We will commence")
    assert formal.read_text() == after_safe
    # back to ask: the line goes, and `fix: ask` is not written
    by = {e.term: e for e in editor.entries}
    shown = form_values(by["commence"])
    editor.save(by["commence"], shown, {**shown, "fix": "ask"})
    assert formal.read_text() == FORMAL
    # a new entry with ask (the default) has no fix line; one with safe has it after everywhere
    editor.save(None, blank_form(), {**blank_form(added_by="Kim"), "term": "sunset", "use": "end; stop",
                                     "why": "W."})
    editor.save(None, blank_form(), {**blank_form(added_by="Kim"), "term": "terminate", "use": "end",
                                     "why": "W.", "everywhere": True, "fix": "safe"})
    text = formal.read_text()
    assert "  - term: sunset\n    use:\n      - end\n      - stop\n    why: W.\n    added_by: Kim\n" in text
    assert ("  - term: terminate\n    use: end\n    why: W.\n    everywhere: true\n    fix: safe\n"
            "    added_by: Kim\n") in text
    assert _by_term(formal)["terminate"].fix == "safe"


# ---------------------------------------------------------------------------
# The form on screen


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_the_fix_box_has_a_label_says_its_choices_in_words_and_saves(formal: Path) -> None:
    from textual.widgets import Select

    from speakeasy.words.edit.app import WordsEditApp
    from speakeasy.words.edit.editor import WordlistEditor

    app = WordsEditApp(WordlistEditor(formal))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert str(app.query_one("#label-fix").render()) == (
            "Fix by itself: speakeasy may put the plain word in without asking; only for words with one meaning and "
            "one plain word")
        box = app.query_one("#field-fix", Select)
        assert box.value == "ask"  # commence
        assert str(box.query_one("SelectCurrent #label").render()) == (
            "ask: a person decides in speakeasy review (the default)")
        # in the Tab order after Fine once explained, and the line at the bottom says where the focus is
        chain = [w.id for w in app.screen.focus_chain]
        assert chain.index("field-fix") == chain.index("field-explained_ok") + 1
        box.focus()
        await pilot.pause()
        assert str(app.query_one("#where").render()) == (
            "Fix by itself: speakeasy may put the plain word in without asking; only for words with one meaning and "
            "one plain word. Box 10 of 20.")
        # choose safe with the keyboard: Enter opens the list, Down and Enter choose
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert box.value == "safe"
        assert str(box.query_one("SelectCurrent #label").render()) == (
            "safe: speakeasy fix puts the plain word in by itself")
        await pilot.press("ctrl+s")
        assert app.last_message == "Saved 'commence' in formal.yaml: changed fix by itself."
        # the next entry shows its own choice
        await pilot.press("ctrl+down")
        assert app.current.term == "prior to" and box.value == "safe"
    assert formal.read_text() == FORMAL.replace(
        "    explained_ok: true\n    examples:\n      - We will commence",
        "    explained_ok: true\n    fix: safe\n    examples:\n      - We will commence")


@pytest.mark.anyio
async def test_the_form_does_not_save_safe_with_two_words(formal: Path) -> None:
    from textual.widgets import Select

    from speakeasy.words.edit.app import WordsEditApp
    from speakeasy.words.edit.editor import WordlistEditor

    app = WordsEditApp(WordlistEditor(formal))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        app.query_one("#field-term").value = "sunset"
        app.query_one("#field-use").value = "end; stop"
        app.query_one("#field-why").value = "Say what happens."
        app.query_one("#field-added_by").value = "Kim"
        app.query_one("#field-fix", Select).value = "safe"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.last_message == (
            "Not saved: 'Fix by itself' is safe. A safe fix needs exactly one plain alternative, but this entry has 2. "
            "Keep one plain word in 'Use instead', or choose ask, so that a person chooses in speakeasy review.")
        assert app.focused is app.query_one("#field-fix")  # the form goes to the box with the problem
        assert app.current is None and app.query_one("#field-use").value == "end; stop"  # nothing typed is lost
    assert formal.read_text() == FORMAL
