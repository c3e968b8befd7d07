"""What the review screen and the word editor (``speakeasy words edit``) share: the high-contrast theme, and
the dialogs that ask a question, show the keys or pick a file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.theme import Theme
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

HIGH_CONTRAST = Theme(
    name="speakeasy-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff5f5f",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    dark=True,
)


class TextScreen(ModalScreen[str | None]):
    """Ask for a line of text (a replacement, or a reason)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="review.cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            yield Label("Enter to confirm, Escape to cancel.", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuitScreen(ModalScreen[str]):
    """Unsaved changes: save, discard or stay."""

    BINDINGS = [
        Binding("y", "answer('save')", "Save and quit", id="review.quit-save"),
        Binding("n", "answer('discard')", "Quit without saving", id="review.quit-discard"),
        Binding("escape,c", "answer('cancel')", "Cancel", id="review.quit-cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="quit-dialog"):
            yield Label("You have unsaved changes. Save them before you quit?", id="quit-question")
            yield Label("y: save and quit   n: quit without saving   Escape: keep working", classes="hint")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


class ChangedScreen(ModalScreen[bool]):
    """The file changed on disk since it was opened: save over it, or not."""

    BINDINGS = [
        Binding("y", "answer(True)", "Save anyway", id="review.changed-save"),
        Binding("n,escape", "answer(False)", "Do not save", id="review.changed-cancel"),
    ]

    def __init__(self, what: str, copy: bool = False) -> None:
        super().__init__()
        self.what = what
        self.copy = copy

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="changed-dialog"):
            yield Label(self.what, id="changed-what")
            if self.copy:
                yield Label("The file itself is not changed. Your copy is made from the file as you opened it, "
                            "so it will not have the other changes.", id="changed-question")
            else:
                yield Label("Save your review over it? speakeasy keeps the text that is there now first: "
                            "in git, or in a .bak copy next to the file.", id="changed-question")
            yield Label("y: save anyway   n or Escape: do not save, keep working", classes="hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class SaveWordScreen(ModalScreen[str | None]):
    """Word files: save a clean copy or a copy with tracked changes."""

    BINDINGS = [
        Binding("c", "answer('clean')", "Clean copy", id="review.save-clean"),
        Binding("t", "answer('suggestions')", "Tracked changes", id="review.save-suggestions"),
        Binding("escape", "answer(None)", "Cancel", id="review.save-cancel"),
    ]

    def __init__(self, clean: str, suggestions: str) -> None:
        super().__init__()
        self.clean = clean
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-dialog"):
            yield Label("How do you want to save this Word file? The original is not changed.",
                        id="save-question")
            # Text, not markup: a file name may hold [brackets]
            yield Label(Text(f"c: a clean copy, with the changes made: {Path(self.clean).name}"), classes="hint")
            yield Label(Text(f"t: a copy with each change as a tracked change and a comment: "
                             f"{Path(self.suggestions).name}"), classes="hint")
            with Horizontal(id="save-buttons"):
                yield Button("Clean copy (c)", id="clean", variant="primary")
                yield Button("Tracked changes (t)", id="suggestions")
            yield Label("Escape: keep working without saving", classes="hint")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)


class ApplyAllScreen(ModalScreen[bool]):
    """Before changing every place of one term: each place before and after, then yes or no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Change them all", id="review.apply-all-yes"),
        Binding("escape,n", "answer(False)", "Cancel", id="review.apply-all-cancel"),
    ]

    def __init__(self, question: str, places: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.question = question
        self.places = places

    def compose(self) -> ComposeResult:
        text = Text()
        for n, (where, before, after) in enumerate(self.places, 1):
            text.append(f"{n}. {where}\n", style="bold")
            text.append(f"   before: {before}\n")
            text.append(f"   after:  {after}\n")
        # Text, not markup: the words shown may hold [brackets] of their own
        with Vertical(classes="dialog", id="apply-all-dialog"):
            yield Static(Text(self.question), id="apply-all-question")
            with VerticalScroll(id="apply-all-places"):
                yield Static(text, id="apply-all-preview")
            yield Static(Text("The changed words are in [brackets]. Nothing changes until you press y. "
                              "Up and down arrows scroll."), classes="hint")
            with Horizontal(id="apply-all-buttons"):
                yield Button("Change them all (y)", id="yes", variant="primary")
                yield Button("Cancel (n or Escape)", id="no")

    def on_mount(self) -> None:
        self.query_one("#apply-all-places").focus()  # the arrow keys scroll the places; y and n answer

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class HelpScreen(ModalScreen[None]):
    """Every key and what it does (with the keymap applied).

    Other screens of speakeasy reuse it with their own ``TITLE``, ``NOTES``,
    ``ROW`` layout and close key.
    """

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="review.help-close")]
    TITLE = "Keys in speakeasy review"
    NOTES = ""
    ROW = "{keys:>14}  "
    #: The keys in a column of their own, and long descriptions wrapped beside them.
    HANGING = True

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        if self.HANGING:
            yield from self._compose_columns()
            return
        text = Text(self.TITLE + "\n\n", style="bold")
        for keys, what in self.rows:
            text.append(self.ROW.format(keys=keys), style="bold")
            text.append(what + "\n")
        text.append(self.NOTES + "\nPress Escape to close.")
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(text, id="help-text")

    def plain_text(self) -> str:
        """The help as plain lines: the title, each key and what it does, and the notes."""
        rows = "".join(self.ROW.format(keys=keys) + what + "\n" for keys, what in self.rows)
        return f"{self.TITLE}\n\n{rows}{self.NOTES}\nPress Escape to close."

    def _compose_columns(self) -> ComposeResult:
        """The keys in one column and what they do in the next, each wrapped within its own column."""
        from rich.console import Group
        from rich.table import Table

        grid = Table.grid(padding=(0, 2))
        grid.add_column(justify="right", no_wrap=True, style="bold", width=max((len(k) for k, _ in self.rows),
                                                                               default=1))
        grid.add_column(ratio=1)
        for keys, what in self.rows:
            grid.add_row(keys, what)
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Group(Text(self.TITLE + "\n", style="bold"), grid,
                               Text(self.NOTES + "\nPress Escape to close.")), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)


class PickerScreen(ModalScreen[str | None]):
    """Choose a file of a folder, with its number of findings."""

    BINDINGS = [Binding("escape,q", "cancel", "Quit", id="review.picker-quit")]

    def __init__(self, rows: list[tuple[str, int | str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker"):
            yield Label("Choose a file to review (Enter). Escape quits.")
            yield OptionList(*[Option(f"{count:>4}  {path}", id=path) for path, count in self.rows], id="files")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

