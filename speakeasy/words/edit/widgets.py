"""The controls and dialogs of the ``speakeasy words edit`` form: a tick box that says yes or no, the list of entries, the question about unsaved changes, and the help."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Offset
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, OptionList
from textual.widgets.option_list import Option

from ...packs import Entry
from ...tui.screens import HelpScreen
from .form import entry_label


class TextCheckbox(Checkbox):
    """A checkbox that shows X only when ticked (not by colour alone) and says yes or no in words."""

    def __init__(self, label: str, value: bool = False, **kwargs: Any) -> None:
        self.base_label = label
        super().__init__(self._words(label, value), value, **kwargs)

    @staticmethod
    def _words(label: str, value: bool) -> str:
        return f"{label}: {'yes' if value else 'no'}"

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.assemble("[", ("X" if self.value else " ", style), "]")

    def watch_value(self) -> None:
        super().watch_value()
        self.label = self._words(self.base_label, self.value)


class EntryList(OptionList):
    """The entries, A to Z, each as its term and status in words.

    The highlighted entry starts with ``>`` (not only another colour), and
    while the list has the focus the terminal's cursor sits on it, so screen
    readers that follow the cursor read it out.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entries: list[Entry] = []
        self._by_option: dict[int, Entry] = {}
        self._marked: int | None = None

    def _prompt(self, index: int) -> str:
        return ("> " if index == self._marked else "  ") + entry_label(self.entries[index])

    def show(self, entries: list[Entry], highlighted: int | None) -> None:
        self.entries = list(entries)
        self._marked = highlighted
        options = [Option(self._prompt(i)) for i in range(len(self.entries))]
        self._by_option = {id(o): e for o, e in zip(options, self.entries)}
        self.set_options(options)
        self.highlighted = highlighted

    def entry_for(self, option: Option) -> Entry | None:
        """The entry of an option of the list as it is now (None for an option of an older list)."""
        return self._by_option.get(id(option))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted != self._marked:
            old, self._marked = self._marked, highlighted
            for i in (old, highlighted):
                if i is not None and 0 <= i < min(len(self.entries), self.option_count):
                    self.replace_option_prompt_at_index(i, self._prompt(i))
        self.call_after_refresh(self.place_cursor)

    def on_focus(self) -> None:
        self.call_after_refresh(self.place_cursor)

    def place_cursor(self) -> None:
        if not self.has_focus or self.highlighted is None:
            return
        region = self.content_region
        y = region.y + self.highlighted - round(self.scroll_offset.y)
        if region.y <= y < region.bottom:
            self.app.cursor_position = Offset(region.x, y)


class UnsavedScreen(ModalScreen[str]):
    """Unsaved changes: save, don't save, or keep working."""

    BINDINGS = [
        Binding("y", "answer('save')", "Save", id="words-edit.unsaved-save"),
        Binding("n", "answer('discard')", "Don't save", id="words-edit.unsaved-discard"),
        Binding("escape", "answer('cancel')", "Keep working", id="words-edit.unsaved-cancel"),
    ]

    def __init__(self, question: str, then: str) -> None:
        super().__init__()
        self.question = question
        self.then = then

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unsaved-dialog"):
            yield Label(self.question, id="unsaved-question")
            yield Label(f"y: save, then {self.then}.  n: {self.then} without saving.  Escape: keep working.",
                        classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Save (y)", id="save", variant="primary")
                yield Button("Don't save (n)", id="discard")
                yield Button("Keep working (Escape)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class EditHelpScreen(HelpScreen, inherit_bindings=False):
    """Every key and what it does, and how to retire a word."""

    BINDINGS = [Binding("escape,f1,q", "close", "Close", id="words-edit.help-close")]
    TITLE = "Keys in speakeasy words edit"
    ROW = "{keys}: "
    HANGING = False
    NOTES = (
        "\nTab and Shift+Tab: the next or previous box. Enter in a one-line box: the next box.\n"
        "In Examples, Enter starts a new line; Tab goes on to the next box.\n"
        "In the list: Up and Down choose an entry, Enter goes to its form.\n"
        "In the search box: Enter goes to the first entry found, Escape clears the search.\n"
        "\nUse instead, As, When and Unless: put ; between the words, like: start; begin\n"
        "Use instead for each part of speech: start with the part, like: noun: effect; verb: affect; change\n"
        "As: noun, verb, adjective or adverb. Leave it empty if the word is jargon as any of them. "
        "A word can have an entry for each part of speech: choose New entry and give the same term.\n"
        "When: the word is only jargon when one of these words is near. How near says what near means.\n"
        "Fix by itself: choose safe only for a word with one meaning and one plain word. speakeasy fix then "
        "puts the plain word in without asking. With ask (the default), a person decides in speakeasy review.\n"
        "Examples: one sentence on each line.\n"
        "Dates: the year, the month and the day, like 2026-03-14.\n"
        "\nThere is no delete. To stop using a word, set Status to retired and save: speakeasy keeps it "
        "for the record but never uses it. To take a word out for good, delete it in the file.\n"
        "\nA new word is proposed until the forum agrees it, unless you give the date it was agreed.\n"
        "Everything here can also be done without this form: speakeasy words add, speakeasy words import, "
        "or by editing the file. Check the list with: speakeasy words check\n"
    )
