"""`speakeasy words edit`: the form driven with Pilot, and its model on its own.

Every save must leave the file as `words add` / `words import` would: only the
lines of the changed keys (or the new entry) differ, comments and wrapped
lines stay as they were, and nothing is written when the form is wrong.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("textual")
pytestmark = pytest.mark.anyio

from textual.widgets import Button, Select, TextArea  # noqa: E402

from speakeasy.packs import load_wordlist  # noqa: E402
from speakeasy.schema import DataErrors  # noqa: E402
from speakeasy.words.edit import run  # noqa: E402
from speakeasy.words.edit.app import WordsEditApp  # noqa: E402
from speakeasy.words.edit.editor import WordlistEditor  # noqa: E402
from speakeasy.words.edit.form import NotSaved, form_values, matches, parse_form  # noqa: E402
from speakeasy.words.edit.widgets import EditHelpScreen, EntryList, TextCheckbox, UnsavedScreen  # noqa: E402

WORDS = """\
# Our words: a test list.
title: Our words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: "'Commence' is a formal word. Most people say 'start'."
    agreed_by: The Changes Forum
    agreed: 2026-03-14

  # placement: from the March meeting
  - term: placement
    use:
      - care home
      - place to live
    why: "'Placement' makes a person sound like an object,
      and people do not know what it means."
    status: proposed
    added_by: Sam

  - term: reablement
    use: help to get back on your feet
    why: Most people do not know what 'reablement' means.
    explained_ok: true
"""

SIZE = (100, 30)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def wl(tmp_path: Path) -> Path:
    p = tmp_path / "our-words.yaml"
    p.write_text(WORDS, encoding="utf-8")
    return p


def app_for(path: Path, **kwargs) -> WordsEditApp:  # type: ignore[no-untyped-def]
    return WordsEditApp(WordlistEditor(path), **kwargs)


def labels(app: WordsEditApp) -> list[str]:
    entries = app.query_one("#entries", EntryList)
    return [str(entries.get_option_at_index(i).prompt) for i in range(entries.option_count)]


def field(app: WordsEditApp, key: str):  # type: ignore[no-untyped-def]
    return app.query_one(f"#field-{key}")


def status_line(app: WordsEditApp) -> str:
    return str(app.query_one("#status").render())


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    """(old, new) pairs of the lines that differ, for two texts with the same number of lines."""
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), (a, b)
    return [(x, y) for x, y in zip(a, b) if x != y]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*["space" if ch == " " else ch for ch in text])


# -- browsing and searching -----------------------------------------------------------------


async def test_list_shows_entries_a_to_z_with_status_in_words(wl: Path) -> None:
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert labels(app) == ["> commence — agreed", "  placement — proposed", "  reablement — agreed"]
        assert app.current is not None and app.current.term == "commence"
        assert field(app, "term").value == "commence"
        assert field(app, "use").value == "start"
        assert field(app, "agreed").value == "2026-03-14"
        assert field(app, "status").value == "agreed"
        credit = str(app.query_one("#credit").render())
        assert credit == "Credit: agreed by The Changes Forum, March 2026."
        assert status_line(app) == "our-words.yaml: 3 entries | showing 'commence'"
        assert app.focused is app.query_one("#entries")
        assert "List of entries, A to Z: 3 shown." in str(app.query_one("#where").render())
        # Tab goes through the screen in order: search, list, the boxes as in the file, the buttons
        assert [w.id for w in app.screen.focus_chain] == [
            "search", "entries", "field-term", "field-use", "field-why", "field-as", "field-when", "field-unless",
            "field-within", "field-everywhere", "field-explained_ok", "field-fix", "field-examples",
            "field-fine_examples", "field-notes", "field-source", "field-licence", "field-added_by", "field-agreed",
            "field-agreed_by", "field-status", "field-review_by", "save-button", "new-button", "help-button"]
        # down moves through the list, and the form follows; '>' marks the entry, not only colour
        await pilot.press("down")
        assert app.current.term == "placement"
        assert labels(app)[:2] == ["  commence — agreed", "> placement — proposed"]
        assert field(app, "use").value == "care home; place to live"
        assert field(app, "why").value == ("'Placement' makes a person sound like an object, "
                                           "and people do not know what it means.")
        assert field(app, "status").value == "proposed"
        assert str(app.query_one("#credit").render()) == "Credit: added by Sam."
        # a ticked box shows X and says yes in words
        await pilot.press("down")
        box = app.query_one("#field-explained_ok", TextCheckbox)
        assert box.value is True and "[X]" in str(box.render()) and "Fine once explained: yes" in str(box.render())
        # Enter goes to the form; the line at the bottom says where the focus is
        await pilot.press("enter")
        assert app.focused is field(app, "term")
        assert str(app.query_one("#where").render()) == "Term: the word or phrase to avoid. Box 1 of 20."


@pytest.mark.slow
async def test_search_filters_by_term_alternatives_or_why_as_you_type(wl: Path) -> None:
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        assert app.focused is app.query_one("#search")
        await type_text(pilot, "home")  # in placement's alternatives
        assert labels(app) == ["  placement — proposed"]
        assert "1 found for 'home'" in status_line(app)
        assert app.current.term == "commence"  # searching does not change the form
        await pilot.press("escape")  # clears the search
        assert len(labels(app)) == 3
        await type_text(pilot, "FORMAL")  # in commence's reason, any case
        assert labels(app) == ["> commence — agreed"]
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "feet")
        assert labels(app) == ["  reablement — agreed"]
        await pilot.press("enter")  # to the list, on the first entry found
        assert app.focused is app.query_one("#entries")
        assert app.current.term == "reablement"
        await pilot.press("ctrl+f", "ctrl+a", "ctrl+k")
        await type_text(pilot, "zzz")
        assert labels(app) == []
        assert "none found for 'zzz'" in status_line(app)


def test_matches_term_alternatives_and_why(wl: Path) -> None:
    entries = {e.term: e for e in WordlistEditor(wl).entries}
    assert matches(entries["placement"], "PLACE  to")
    assert matches(entries["commence"], "formal")
    assert not matches(entries["commence"], "Sam")  # added_by is not searched
    assert matches(entries["commence"], "")


# -- saving an existing entry ---------------------------------------------------------------


@pytest.mark.slow
async def test_change_why_changes_only_that_line(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        why = field(app, "why")
        why.focus()
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "It is a formal word.")
        assert "unsaved changes" in status_line(app)
        await pilot.press("ctrl+s")
        assert app.last_message == "Saved 'commence' in our-words.yaml: changed why."
        assert "unsaved changes" not in status_line(app)
        assert app.current is not None and app.current.term == "commence"  # still selected
        assert labels(app)[0] == "> commence — agreed"
        assert field(app, "why").value == "It is a formal word."
    after = wl.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        ("    why: \"'Commence' is a formal word. Most people say 'start'.\"", "    why: It is a formal word."),
    ]


async def test_change_a_wrapped_why_and_retire(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8").splitlines()
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+down")  # next entry: placement
        assert app.current.term == "placement"
        field(app, "why").value = "It makes a person sound like an object."
        app.query_one("#field-status", Select).value = "retired"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.last_message == "Saved 'placement' in our-words.yaml: changed why and status."
        assert labels(app)[1] == "> placement — retired"
    after = wl.read_text(encoding="utf-8").splitlines()
    start = before.index("    why: \"'Placement' makes a person sound like an object,")
    # the two lines of the wrapped text became one; the status line changed; nothing else
    assert after[:start] == before[:start]
    assert after[start] == "    why: It makes a person sound like an object."
    assert after[start + 1] == "    status: retired"
    assert after[start + 2:] == before[start + 3:]
    assert load_wordlist(wl).entries[1].status == "retired"


async def test_empty_use_is_refused_and_nothing_is_written(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "why").value = "Changed, but not saved."
        field(app, "use").value = " ; "
        await pilot.press("ctrl+s")
        assert app.last_message == "Not saved: 'Use instead' is empty. Give a plainer word or phrase."
        assert str(app.query_one("#message").render()) == app.last_message
        assert app.focused is field(app, "use")  # the form goes to the box with the problem
        assert str(app.query_one("#where").render()).startswith("Use instead: ")
        # its label is in reverse video, which shows without colour too (NO_COLOR is set for the tests)
        assert app.no_color
        await pilot.pause()
        assert "reverse" in str(app.query_one("#label-use").styles.text_style)
        assert "reverse" not in str(app.query_one("#label-why").styles.text_style)
        # the form stays as typed
        assert field(app, "why").value == "Changed, but not saved."
        assert field(app, "use").value == " ; "
        assert "unsaved changes" in status_line(app)
        field(app, "use").value = "start"
        field(app, "why").value = " "
        await pilot.press("ctrl+s")
        assert app.last_message == "Not saved: 'Why' is empty. Say why the word is a problem, in plain words."
    assert wl.read_text(encoding="utf-8") == before


async def test_bad_date_message(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "agreed").value = "March 2026"
        await pilot.press("ctrl+s")
        assert app.last_message == ("Not saved: 'Agreed on' should be a date like 2026-03-14, not 'March 2026'. "
                                    "Write the year, then the month, then the day, with '-' between them.")
        assert app.focused is field(app, "agreed")
        field(app, "agreed").value = "2026-02-30"
        await pilot.press("ctrl+s")
        assert app.last_message.startswith("Not saved: the 'Agreed on' date '2026-02-30' is not a real date")
        assert field(app, "agreed").value == "2026-02-30"
    assert wl.read_text(encoding="utf-8") == before


async def test_a_problem_found_by_the_loader_is_shown_plainly(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "use").value = "start; Commence"
        await pilot.press("ctrl+s")
        assert app.last_message == ("Not saved: 'Commence' is the same as the term, so it is not a plain "
                                    "alternative. Give a different, plainer word.")
        assert field(app, "use").value == "start; Commence"
        assert app.focused is field(app, "use")  # the loader's line is in the use box
        field(app, "use").value = "start"
        field(app, "term").value = "Placement"  # renamed onto another entry
        await pilot.press("ctrl+s")
        assert app.last_message == ("Not saved: 'placement' is already in our-words.yaml on line 12. "
                                    "Change that entry instead of renaming this one.")
        assert field(app, "term").value == "Placement"
    assert wl.read_text(encoding="utf-8") == before


async def test_values_from_the_defaults_are_labelled_and_stay(tmp_path: Path) -> None:
    p = tmp_path / "forum.yaml"
    p.write_text(WORDS.replace("licence: CC0-1.0\n", "licence: CC0-1.0\ndefaults:\n  agreed_by: The Forum\n"),
                 encoding="utf-8")
    before = p.read_text(encoding="utf-8")
    app = app_for(p)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # placement: agreed_by comes from the defaults
        assert field(app, "agreed_by").value == "The Forum"
        assert str(app.query_one("#label-agreed_by").render()).endswith("(from the list's defaults)")
        assert not str(app.query_one("#label-added_by").render()).endswith("(from the list's defaults)")
        field(app, "agreed_by").value = ""
        await pilot.press("ctrl+s")
        assert app.last_message == ("Nothing to save: 'placement' is the same as in the file. Agreed by comes "
                                    "from the list's defaults, so it stays. To change it, change the defaults at "
                                    "the top of the file.")
        assert field(app, "agreed_by").value == "The Forum"
    assert p.read_text(encoding="utf-8") == before


# -- adding ------------------------------------------------------------------------------------


@pytest.mark.slow
async def test_add_a_new_entry_in_a_to_z_place(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8").splitlines()
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        assert app.current is None and app.focused is field(app, "term")
        assert str(app.query_one("#form-title").render()) == "New entry, not saved yet"
        assert field(app, "status").value == "proposed"
        await type_text(pilot, "maximise")
        await pilot.press("tab")
        assert app.focused is field(app, "use")
        await type_text(pilot, "make the most of;increase")
        await pilot.press("enter")  # Enter goes to the next box too
        assert app.focused is field(app, "why")
        field(app, "why").value = "It is a formal word."
        field(app, "added_by").value = "Priya"
        app.query_one("#field-examples", TextArea).load_text("We will maximise your income.\n")
        await pilot.press("ctrl+s")
        assert app.last_message == ("Added 'maximise' to our-words.yaml on line 11 as proposed. speakeasy uses "
                                    "it only with --include-proposed until the forum agrees it.")
        assert app.current is not None and app.current.term == "maximise"
        assert labels(app) == ["  commence — agreed", "> maximise — proposed", "  placement — proposed",
                               "  reablement — agreed"]
        # a second one, with the date it was agreed: agreed, like `words add --agreed`
        await pilot.press("ctrl+n")
        assert field(app, "added_by").value == "Priya"  # remembered
        field(app, "term").value = "signpost"
        field(app, "use").value = "tell you where to get help"
        field(app, "why").value = "Jargon."
        field(app, "agreed").value = "2026-04-01"
        await pilot.press("ctrl+s")
        assert app.last_message == "Added 'signpost' to our-words.yaml on line 36 as agreed."
    after = wl.read_text(encoding="utf-8").splitlines()
    new = [
        "  - term: maximise",
        "    use:",
        "      - make the most of",
        "      - increase",
        "    why: It is a formal word.",
        "    examples:",
        "      - We will maximise your income.",
        "    added_by: Priya",
        "    status: proposed",
        "",
    ]
    at = before.index("  # placement: from the March meeting")
    assert after[:at + len(new)] == before[:at] + new
    assert after[at + len(new):at + len(new) + len(before) - at] == before[at:]
    assert after[len(before) + len(new):] == [
        "",
        "  - term: signpost",
        "    use: tell you where to get help",
        "    why: Jargon.",
        "    added_by: Priya",
        "    agreed: 2026-04-01",
    ]
    entries = {e.term: e for e in load_wordlist(wl).entries}
    assert entries["maximise"].status == "proposed" and entries["maximise"].added_by == "Priya"
    assert entries["signpost"].status == "agreed" and entries["signpost"].agreed == dt.date(2026, 4, 1)


async def test_a_new_entry_needs_term_use_why_and_who(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+s")
        assert app.last_message == "Not saved: the term is empty. Give the word or phrase to avoid."
        field(app, "term").value = "utilise"
        await pilot.press("ctrl+s")
        assert app.last_message == "Not saved: 'Use instead' is empty. Give a plainer word or phrase."
        field(app, "use").value = "use"
        await pilot.press("ctrl+s")
        assert app.last_message == "Not saved: 'Why' is empty. Say why the word is a problem, in plain words."
        field(app, "why").value = "Formal."
        await pilot.press("ctrl+s")
        assert app.last_message == "Not saved: 'Added by' is empty. Give your name, or the name of your group."
        field(app, "term").value = "Commence"
        field(app, "added_by").value = "Jo"
        await pilot.press("ctrl+s")
        assert app.last_message == ("Not saved: 'commence' is already in our-words.yaml on line 5. "
                                    "Change that entry instead of adding another.")
        assert app.current is None and field(app, "term").value == "Commence"
    assert wl.read_text(encoding="utf-8") == before


@pytest.mark.slow
async def test_search_for_a_missing_word_then_add_it(wl: Path) -> None:
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f")
        await type_text(pilot, "care package")
        await pilot.press("enter")
        assert app.last_message == "Nothing found. Press Ctrl+N to add it as a new entry."
        await pilot.press("ctrl+n")
        assert field(app, "term").value == "care package"
        assert not app.dirty  # only the search text: quitting would lose nothing


async def test_a_new_list_is_made_on_the_first_save(tmp_path: Path) -> None:
    path = tmp_path / "our-words.yaml"
    app = app_for(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert labels(app) == [] and app.current is None
        assert app.focused is field(app, "term")
        assert app.last_message == ("our-words.yaml does not exist yet. Fill in the form and save: speakeasy "
                                    "makes the file with your first word.")
        assert not path.exists()
        field(app, "term").value = "commence"
        field(app, "use").value = "start"
        field(app, "why").value = "Formal."
        field(app, "added_by").value = "Sam"
        await pilot.press("ctrl+s")
        assert app.last_message.startswith("Made a new wordlist, our-words.yaml, with the licence CC-BY-4.0.")
        assert labels(app) == ["> commence — proposed"]
    wordlist = load_wordlist(path)
    assert wordlist.title == "Our words"
    assert [(e.term, e.use, e.status, e.added_by) for e in wordlist.entries] == [
        ("commence", ["start"], "proposed", "Sam")]


async def test_a_word_another_list_in_use_flags_is_refused(tmp_path: Path) -> None:
    from speakeasy.config import resolve

    path = tmp_path / "ours.yaml"
    settings = resolve(no_config=True, cwd=tmp_path)  # the shipped lists are in use
    app = WordsEditApp(WordlistEditor(path, settings))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "term").value = "commence"
        field(app, "use").value = "start"
        field(app, "why").value = "Formal."
        field(app, "added_by").value = "Sam"
        await pilot.press("ctrl+s")
        assert app.last_message.startswith("Not saved: 'commence' is already in ")
        assert app.last_message.endswith(". To use your own words for it instead, run: speakeasy words add "
                                         "'commence' --override --list ours.yaml")
    assert not path.exists()


# -- unsaved changes, quitting, help and keys ---------------------------------------------------


async def test_quit_with_unsaved_changes_asks_first(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "notes").value = "Talk about this in May."
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedScreen)
        question = str(app.screen.query_one("#unsaved-question").render())
        assert question == "You have unsaved changes to 'commence'. Save them first?"
        assert app.focused is app.screen.query_one("#save", Button)
        await pilot.press("escape")  # keep working
        assert not isinstance(app.screen, UnsavedScreen)
        assert app.return_value is None
        assert field(app, "notes").value == "Talk about this in May."
        await pilot.press("ctrl+q", "n")  # quit without saving
        await pilot.pause()
        assert app.return_value == 0
    assert wl.read_text(encoding="utf-8") == before


async def test_quit_and_save(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "notes").value = "Talk about this in May."
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert app.return_value == 0
    after = wl.read_text(encoding="utf-8")
    lines = before.splitlines()
    at = lines.index("    why: \"'Commence' is a formal word. Most people say 'start'.\"") + 1
    assert after.splitlines() == lines[:at] + ["    notes: Talk about this in May."] + lines[at:]
    # with nothing to save, quit does not ask
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_value == 0


@pytest.mark.slow
async def test_moving_to_another_entry_with_unsaved_changes_asks(wl: Path) -> None:
    before = wl.read_text(encoding="utf-8")
    app = app_for(wl)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field(app, "why").value = "Typed, not saved."
        await pilot.press("ctrl+down")
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")
        assert app.current.term == "commence" and field(app, "why").value == "Typed, not saved."
        app.query_one("#entries").focus()
        await pilot.press("down")  # the list asks too, and puts its highlight back
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.current.term == "commence" and labels(app)[0] == "> commence — agreed"
        await pilot.press("ctrl+down", "n")  # don't save
        await pilot.pause()
        assert app.current.term == "placement" and not app.dirty
    assert wl.read_text(encoding="utf-8") == before


@pytest.mark.slow
async def test_help_lists_the_keys_and_how_to_retire(wl: Path) -> None:
    app = app_for(wl, keymap={"words-edit.save": "f2"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.query_one("#save-button", Button).label) == "Save (F2)"
        await pilot.press("f1")
        assert isinstance(app.screen, EditHelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for line in ("F2: Save this entry to the file", "Ctrl+N: Start a new, empty entry",
                     "Ctrl+F: Go to the search box", "Ctrl+Down or F5: Show the next entry",
                     "Ctrl+Up or F4: Show the previous entry", "F1: Show every key",
                     "Ctrl+Q: Quit (asks first if there are unsaved changes)",
                     "There is no delete. To stop using a word, set Status to retired"):
            assert line in text
        await pilot.press("ctrl+n")  # the form's keys wait while a dialog is open
        assert app.current is not None
        await pilot.press("escape")
        assert not isinstance(app.screen, EditHelpScreen)
        app.query_one("#help-button").focus()  # the buttons do what the keys do, for people who use Tab
        await pilot.press("enter")
        assert isinstance(app.screen, EditHelpScreen)
        await pilot.press("escape")
        field(app, "notes").value = "Saved with the key from the keymap."
        await pilot.press("f2")
        assert app.last_message == "Saved 'commence' in our-words.yaml: changed notes."
        await pilot.press("ctrl+t")
        assert app.theme == "speakeasy-high-contrast"


# -- the model without the screen -----------------------------------------------------------


def test_parse_form_lists_lines_and_dates() -> None:
    raw = {"term": " care  package ", "use": "support; ; help with daily life ", "why": "Jargon.",
           "as": "", "when": "", "unless": "", "within": "sentence", "everywhere": False, "explained_ok": True,
           "examples": "First one.\n\n  Second one. \n",
           "notes": "", "source": "", "licence": "", "added_by": "Sam", "agreed": "2026-03-14",
           "agreed_by": "", "status": "agreed", "review_by": ""}
    values = parse_form(raw)
    assert values["term"] == "care package"
    assert values["use"] == ["support", "help with daily life"]
    assert values["unless"] == [] and values["notes"] is None
    assert values["examples"] == ["First one.", "Second one."]
    assert values["agreed"] == dt.date(2026, 3, 14) and values["review_by"] is None
    # the UK order and the month in words, as words add --agreed and words import take (was refused)
    assert parse_form({**raw, "review_by": "14/03/2027"})["review_by"] == dt.date(2027, 3, 14)
    assert parse_form({**raw, "agreed": "10 March 2026"})["agreed"] == dt.date(2026, 3, 10)
    with pytest.raises(NotSaved, match="the 'Review by' date '03/14/2027' has the month first"):
        parse_form({**raw, "review_by": "03/14/2027"})
    with pytest.raises(NotSaved, match="'Review by' should be a date like 2026-03-14, not 'March 2027'"):
        parse_form({**raw, "review_by": "March 2027"})


def test_run_refuses_a_list_that_does_not_load(tmp_path: Path) -> None:
    p = tmp_path / "broken.yaml"
    p.write_text("title: Broken\nlicence: CC0-1.0\nwords:\n  - term: x\n    uze: y\n    why: z\n", encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        run(p, None)  # before any screen opens
    assert "`uze` is not a key speakeasy knows" in info.value.errors[0].problem


# -- parts of speech, when, how near and everywhere -------------------------------------------------

POS_WORDS = """\
title: Our words
licence: CC0-1.0
words:
  - term: table
    use: put forward
    why: "'Table' means opposite things in the UK and the US."
    as: verb

  - term: table
    use: chart
    why: A list of figures is clearer.
    as: noun
    when:
      - figures
"""


@pytest.fixture
def pos(tmp_path: Path) -> Path:
    p = tmp_path / "our-words.yaml"
    p.write_text(POS_WORDS, encoding="utf-8")
    return p


async def test_a_term_with_an_entry_for_each_part_of_speech(pos: Path) -> None:
    before = pos.read_text(encoding="utf-8")
    app = app_for(pos)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # the list tells the two apart in words
        assert labels(app) == ["> table (as a verb) — agreed", "  table (as a noun) — agreed"]
        assert field(app, "as").value == "verb" and field(app, "when").value == ""
        assert field(app, "within").value == "sentence"
        await pilot.press("down")
        assert app.current.parts == ("noun",)
        assert field(app, "as").value == "noun" and field(app, "when").value == "figures"
        assert field(app, "use").value == "chart"
        assert str(app.query_one("#form-title").render()) == "Entry 'table', line 9 of our-words.yaml"
        # a change to one of them changes that one only
        field(app, "why").value = "Say chart or list."
        await pilot.press("ctrl+s")
        assert app.last_message == "Saved 'table' in our-words.yaml: changed why."
        assert labels(app) == ["  table (as a verb) — agreed", "> table (as a noun) — agreed"]
    assert changed_lines(before, pos.read_text(encoding="utf-8")) == [
        ("    why: A list of figures is clearer.", "    why: Say chart or list."),
    ]


@pytest.mark.slow
async def test_the_new_boxes_have_labels_and_say_where_the_focus_is(pos: Path) -> None:
    app = app_for(pos)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.query_one("#label-as").render()) == (
            "As: the part of speech the term is jargon as: noun, verb, adjective or adverb, with ; between them. "
            "Leave it empty for any. A term can have an entry for each part of speech")
        assert str(app.query_one("#label-when").render()).startswith("When: words that must be near the term")
        assert str(app.query_one("#label-within").render()) == (
            "How near: how near the When and Unless words must be")
        assert str(app.query_one("#label-use").render()) == (
            "Use instead: plainer words or phrases, with ; between them. For each part of speech, start with the "
            "part, like: noun: effect; verb: affect; change")
        field(app, "as").focus()
        await pilot.pause()
        assert str(app.query_one("#where").render()).endswith("Box 4 of 20.")
        await pilot.press("tab", "tab", "tab")
        assert app.focused is field(app, "within")
        assert str(app.query_one("#where").render()) == (
            "How near: how near the When and Unless words must be. Box 7 of 20.")
        within = app.query_one("#field-within", Select)
        assert str(within.query_one("SelectCurrent #label").render()) == "sentence: in the same sentence (the default)"
        await pilot.press("tab")
        box = app.query_one("#field-everywhere", TextCheckbox)
        assert app.focused is box and "Jargon everywhere: no" in str(box.render())
        await pilot.press("space")  # a tick shows X and says yes in words
        assert box.value is True and "[X]" in str(box.render()) and "Jargon everywhere: yes" in str(box.render())


async def test_add_with_words_for_each_part_when_how_near_and_everywhere(pos: Path) -> None:
    before = pos.read_text(encoding="utf-8").splitlines()
    app = app_for(pos)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        field(app, "term").value = "sunset"
        field(app, "use").value = "verb: end; stop; noun: end date"
        field(app, "why").value = "Say what happens."
        field(app, "when").value = "scheme; grant"
        app.query_one("#field-within", Select).value = "paragraph"
        app.query_one("#field-everywhere", TextCheckbox).value = True
        field(app, "added_by").value = "Priya"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.last_message == ("Added 'sunset' (as a verb or a noun) to our-words.yaml on line 4 as proposed. "
                                    "speakeasy uses it only with --include-proposed until the forum agrees it.")
        assert labels(app)[0] == "> sunset (as a verb or a noun) — proposed"
        assert field(app, "use").value == "verb: end; stop; noun: end date"
        assert field(app, "as").value == "verb; noun"  # from the parts in 'Use instead'
    after = pos.read_text(encoding="utf-8").splitlines()
    assert after[3:22] == [
        "  - term: sunset",
        "    use:",
        "      verb:",
        "        - end",
        "        - stop",
        "      noun: end date",
        "    why: Say what happens.",
        "    when:",
        "      - scheme",
        "      - grant",
        "    within: paragraph",
        "    everywhere: true",
        "    added_by: Priya",
        "    status: proposed",
        "",
        "  - term: table",
        "    use: put forward",
        '    why: "\'Table\' means opposite things in the UK and the US."',
        "    as: verb",
    ]
    assert after[:3] == before[:3] and after[18:] == before[3:]
    entry = load_wordlist(pos).entries[0]
    assert entry.use_as == {"verb": ["end", "stop"], "noun": ["end date"]} and entry.everywhere


async def test_add_the_same_term_as_another_part_of_speech_and_a_clash(pos: Path) -> None:
    app = app_for(pos)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        field(app, "term").value = "table"
        field(app, "use").value = "set out"
        field(app, "why").value = "x"
        field(app, "as").value = "Adjective"
        field(app, "added_by").value = "Sam"
        await pilot.press("ctrl+s")
        assert app.last_message.startswith("Added 'table' (as an adjective) to our-words.yaml on line 16 as proposed.")
        assert [label[2:] for label in labels(app)] == [
            "table (as a verb) — agreed", "table (as a noun) — agreed", "table (as an adjective) — proposed"]
        await pilot.press("ctrl+n")
        field(app, "term").value = "Table"
        field(app, "use").value = "set out"
        field(app, "why").value = "x"
        field(app, "as").value = "noun; adverb"
        await pilot.press("ctrl+s")
        assert app.last_message == ("Not saved: 'Table' as a noun is in this wordlist twice. The first is on line 9. "
                                    "Keep one entry for each part of speech. Change `as:` in one of them, or delete "
                                    "one.")
        assert app.current is None and field(app, "as").value == "noun; adverb"
    assert len(load_wordlist(pos).entries) == 3


@pytest.mark.parametrize("changes, message, box", [
    ({"as": "verbb"}, "Not saved: in 'As', 'verbb' is not a part of speech speakeasy knows. Use noun, verb, "
                      "adjective or adverb. Did you mean 'verb'?", "as"),
    ({"use": "chart; noun: graph"}, "Not saved: in 'Use instead', 'chart' comes before any part of speech. Start "
                                    "with the part, like: noun: chart", "use"),
    ({"use": "noun: chart; verb: set out"}, "Not saved: 'Use instead' gives words for the term as a verb, but 'As' "
                                            "does not say verb. Add verb to 'As', or take out the verb words.", "as"),
    ({"when": "", "within": "paragraph"}, "Not saved: 'How near' says how near the When and Unless words must be, "
                                          "so fill in When or Unless too, or choose sentence.", "within"),
])
async def test_mistakes_in_the_new_boxes_are_not_saved(pos: Path, changes: dict, message: str, box: str) -> None:
    before = pos.read_text(encoding="utf-8")
    app = app_for(pos)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # table as a noun
        for key, value in changes.items():
            if key == "within":
                app.query_one("#field-within", Select).value = value
            else:
                field(app, key).value = value
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.last_message == message
        assert app.focused is field(app, box)  # the form goes to the box with the problem
    assert pos.read_text(encoding="utf-8") == before


async def test_change_as_when_and_how_near_of_an_entry(pos: Path) -> None:
    before = pos.read_text(encoding="utf-8").splitlines()
    app = app_for(pos)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")
        field(app, "as").value = "noun; adjective"
        field(app, "when").value = "figures; numbers"
        app.query_one("#field-within", Select).value = "section"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.last_message == "Saved 'table' in our-words.yaml: changed as, when and how near."
        assert labels(app)[1] == "> table (as a noun or an adjective) — agreed"
        # back to the default: the line goes
        app.query_one("#field-within", Select).value = "sentence"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.last_message == "Saved 'table' in our-words.yaml: changed how near."
    after = pos.read_text(encoding="utf-8").splitlines()
    assert after[:11] == before[:11]
    assert after[11:] == ["    as:", "      - noun", "      - adjective", "    when:", "      - figures",
                          "      - numbers"]


def test_form_values_of_words_for_each_part_and_what_comes_from_the_defaults(tmp_path: Path) -> None:
    p = tmp_path / "forum.yaml"
    p.write_text("title: T\nlicence: CC0-1.0\ndefaults:\n  agreed_by: The Forum\nwords:\n"
                 "  - term: task\n    use:\n      noun: job\n      verb: [ask, set]\n    why: Plain.\n")
    editor = WordlistEditor(p)
    entry = editor.entries[0]
    raw = form_values(entry)
    assert (raw["use"], raw["as"], raw["within"], raw["everywhere"]) == ("noun: job; verb: ask; set", "noun; verb",
                                                                        "sentence", False)
    # 'As' and 'How near' are not from the defaults: only the keys `defaults` can give are
    assert editor.from_defaults(entry) == {"agreed_by"}
    assert parse_form(raw)["use"] == {"noun": ["job"], "verb": ["ask", "set"]}
    # clearing 'As' when 'Use instead' gives the parts changes nothing: the parts come from there
    saved = editor.save(entry, raw, {**raw, "as": ""})
    assert saved.message == "Nothing to save: 'task' is the same as in the file."
