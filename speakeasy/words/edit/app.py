"""The ``speakeasy words edit`` application: it shows the form model (:class:`~.editor.WordlistEditor`) and turns keys into steps."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TextArea,
)

from ...packs import STATUS_CHOICES, WITHIN_CHOICES, Entry
from ...schema import DataErrors
from ...tui.screens import HIGH_CONTRAST
from ..values import FIX_DEFAULT, WITHIN_DEFAULT
from .editor import WordlistEditor
from .form import (
    CHOICE_DEFAULTS,
    FIELD,
    FIELDS,
    FIX_WORDS,
    STATUS_WORDS,
    WITHIN_WORDS,
    NotSaved,
    blank_form,
    first_problem,
    form_values,
    parse_form,
    same_form,
)
from .widgets import EditHelpScreen, EntryList, TextCheckbox, UnsavedScreen


def _key_name(keys: str) -> str:
    """``ctrl+down,f5`` -> ``Ctrl+Down or F5``."""
    out = []
    for key in keys.split(","):
        parts = [p.strip() for p in key.split("+")]
        out.append("+".join(p.upper() if len(p) <= 3 and p[:1] == "f" and p[1:].isdigit() else p.capitalize()
                            for p in parts))
    return " or ".join(out)


class WordsEditApp(App[int]):
    """The form.  The model is :class:`WordlistEditor`; this class only shows it and turns keys into steps."""

    CSS_PATH = "edit.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "speakeasy words edit"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="words-edit.save", tooltip="Save this entry to the file"),
        Binding("ctrl+n", "new", "New entry", id="words-edit.new", tooltip="Start a new, empty entry"),
        Binding("ctrl+f", "search", "Search", id="words-edit.search", tooltip="Go to the search box"),
        Binding("ctrl+down,f5", "next", "Next", id="words-edit.next", tooltip="Show the next entry in the list"),
        Binding("ctrl+up,f4", "previous", "Previous", id="words-edit.previous",
                tooltip="Show the previous entry in the list"),
        Binding("f1", "help", "Help", id="words-edit.help", tooltip="Show every key"),
        Binding("ctrl+t", "toggle_contrast", "High contrast", id="words-edit.contrast", show=False,
                tooltip="Switch high contrast colours on or off"),
        Binding("ctrl+q", "quit_edit", "Quit", id="words-edit.quit", priority=True,
                tooltip="Quit (asks first if there are unsaved changes)"),
    ]
    #: actions that do nothing while a dialog is open
    MAIN_ONLY = frozenset({"save", "new", "search", "next", "previous", "help", "quit_edit"})

    def __init__(self, editor: WordlistEditor, *, high_contrast: bool = False,
                 keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.editor = editor
        self.high_contrast = high_contrast
        self.keymap_overrides = dict(keymap or {})
        #: the entry in the form; None for a new entry
        self.current: Entry | None = None
        #: the form as it was shown (to know what changed)
        self.baseline: dict[str, Any] = blank_form()
        #: the entries the list shows (after the search)
        self.found: list[Entry] = []
        #: the last message, as shown in the message line (tests read it)
        self.last_message = ""
        self.last_added_by = ""

    # -- building the screen ------------------------------------------------------------

    def keys_for(self, ident: str) -> str:
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == ident)
        return _key_name(self.keymap_overrides.get(ident, binding.key))

    def compose(self) -> ComposeResult:
        yield Static("", id="status")
        with Horizontal(id="main"):
            with Vertical(id="browse"):
                with Vertical(classes="field", id="box-search"):
                    yield Label(f"Search terms, alternatives and reasons ({self.keys_for('words-edit.search')}):",
                                id="search-label", classes="label")
                    yield Input(placeholder="type to find", id="search")
                with Vertical(classes="field", id="box-entries"):
                    yield Label("Entries, A to Z:", id="entries-label", classes="label")
                    yield EntryList(id="entries")
            with VerticalScroll(id="form", can_focus=False):  # no stop without a label: Tab goes to the boxes
                yield Static("", id="form-title")
                for f in FIELDS:
                    with Vertical(classes="field", id=f"box-{f.key}"):
                        yield Label(f"{f.label}: {f.help}", id=f"label-{f.key}", classes="label")
                        if f.kind == "bool":
                            yield TextCheckbox(f.label, id=f"field-{f.key}")
                        elif f.kind == "lines":
                            yield TextArea(id=f"field-{f.key}", soft_wrap=True, tab_behavior="focus",
                                           show_line_numbers=False)
                        elif f.kind == "status":
                            yield Select([(STATUS_WORDS[s], s) for s in STATUS_CHOICES], allow_blank=False,
                                         value="agreed", id=f"field-{f.key}")
                        elif f.kind == "within":
                            yield Select([(WITHIN_WORDS[w], w) for w in WITHIN_CHOICES], allow_blank=False,
                                         value=WITHIN_DEFAULT, id=f"field-{f.key}")
                        elif f.kind == "fix":  # the default first, as in How near
                            yield Select([(FIX_WORDS[c], c) for c in FIX_WORDS], allow_blank=False,
                                         value=FIX_DEFAULT, id=f"field-{f.key}")
                        else:
                            yield Input(id=f"field-{f.key}")
                yield Static("", id="credit")
                with Horizontal(classes="buttons"):
                    yield Button(f"Save ({self.keys_for('words-edit.save')})", id="save-button",
                                 variant="primary")
                    yield Button(f"New entry ({self.keys_for('words-edit.new')})", id="new-button")
                    yield Button(f"Help ({self.keys_for('words-edit.help')})", id="help-button")
        yield Static("", id="message")
        yield Static("", id="where")
        yield Footer()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.high_contrast:
            self.theme = HIGH_CONTRAST.name
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        if self.editor.entries:
            self._load(self.editor.entries[0])
            self.query_one("#entries", EntryList).focus()
        else:
            self._load(None)
            self.query_one("#field-term", Input).focus()
            if not self.editor.path.exists():
                self.say(f"{self.editor.name} does not exist yet. Fill in the form and save: speakeasy makes "
                         "the file with your first word.")
            else:
                self.say(f"{self.editor.name} has no words yet. Fill in the form and save to add the first one.")

    # -- what is shown ------------------------------------------------------------------

    def say(self, text: str, error: bool = False) -> None:
        """Show a message in words in the message line (it stays until the next one).

        A problem is also shown as a notification, to catch the eye; it starts
        with "Not saved:", so it does not rely on its colour either.
        """
        self.last_message = text
        self.query_one("#message", Static).update(Text(text))
        if error:
            self.notify(text, severity="error", timeout=8)

    def raw_form(self) -> dict[str, Any]:
        raw: dict[str, Any] = {}
        for f in FIELDS:
            w = self.query_one(f"#field-{f.key}")
            if isinstance(w, TextArea):
                raw[f.key] = w.text
            elif isinstance(w, (Checkbox, Select)):
                raw[f.key] = w.value
            else:
                raw[f.key] = w.value  # type: ignore[attr-defined]
        return raw

    def set_form(self, raw: dict[str, Any]) -> None:
        for f in FIELDS:
            w = self.query_one(f"#field-{f.key}")
            value = raw.get(f.key)
            if isinstance(w, TextArea):
                w.load_text(str(value or ""))
            elif isinstance(w, Checkbox):
                w.value = bool(value)
            elif isinstance(w, Select):
                w.value = value or CHOICE_DEFAULTS[f.kind]
            else:
                w.value = str(value or "")  # type: ignore[attr-defined]
                w.cursor_position = 0  # type: ignore[attr-defined]  # show the start of a long text

    @property
    def dirty(self) -> bool:
        return not same_form(self.raw_form(), self.baseline)

    def _load(self, entry: Entry | None) -> None:
        """Show ``entry`` in the form (None: a new, empty entry)."""
        self.current = entry
        self.set_form(form_values(entry) if entry is not None else blank_form(added_by=self.last_added_by))
        self.baseline = self.raw_form() if entry is not None else blank_form(added_by=self.last_added_by)
        defaults = self.editor.from_defaults(entry) if entry is not None else set()
        for f in FIELDS:
            text = f"{f.label}: {f.help}" + (" (from the list's defaults)" if f.key in defaults else "")
            self.query_one(f"#label-{f.key}", Label).update(text)
        title = self.query_one("#form-title", Static)
        credit = self.query_one("#credit", Static)
        if entry is None:
            title.update(Text("New entry, not saved yet", style="bold"))
            credit.update(Text("Credit: shown once the entry is saved."))
        else:
            title.update(Text(f"Entry '{entry.term}', line {entry.line} of {self.editor.name}", style="bold"))
            who = entry.credit()
            credit.update(Text(f"Credit: {who}." if who else "Credit: none yet. Add who added or agreed it."))
        self.refresh_list()
        self.show_status()

    def refresh_list(self) -> None:
        query = self.query_one("#search", Input).value
        self.found = self.editor.search(query)
        index = self._index_of(self.current)
        self.query_one("#entries", EntryList).show(self.found, index)

    def _index_of(self, entry: Entry | None) -> int | None:
        if entry is None:
            return None
        for i, e in enumerate(self.found):
            if e is entry:
                return i
        return None

    def show_status(self) -> None:
        total = len(self.editor.entries)
        parts = [f"{self.editor.name}: {total} entr{'y' if total == 1 else 'ies'}"]
        query = " ".join(self.query_one("#search", Input).value.split())
        if query:
            found = len(self.found)
            parts.append(f"{found} found for '{query}'" if found else f"none found for '{query}'")
        if self.current is not None:
            parts.append(f"showing '{self.current.term}'")
        else:
            parts.append("new entry")
        if self.dirty:
            parts.append("unsaved changes")
        self.query_one("#status", Static).update(Text(" | ".join(parts)))

    def _describe_focus(self, widget: Widget) -> str:
        wid = widget.id or ""
        if wid == "search":
            return "Search box: type to find entries by term, alternatives or reason."
        if wid == "entries":
            return (f"List of entries, A to Z: {len(self.found)} shown. Up and Down to choose, "
                    "Enter to edit.")
        if wid.startswith("field-"):
            f = FIELD[wid[len("field-"):]]
            n = FIELDS.index(f) + 1
            return f"{f.label}: {f.help}. Box {n} of {len(FIELDS)}."
        if isinstance(widget, Button):
            return f"Button: {widget.label}."
        return ""

    def on_descendant_focus(self, event: Any) -> None:
        text = self._describe_focus(event.widget)
        if text and self.screen is self.screen_stack[0]:
            self.query_one("#where", Static).update(Text(text))

    # -- changes and navigation ---------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _changed(self, event: Any) -> None:
        control = getattr(event, "control", None) or getattr(event, "text_area", None)
        if control is not None and control.id == "search":
            self.refresh_list()
        self.show_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.MAIN_ONLY and len(self.screen_stack) > 1:
            return False
        return True

    def _then(self, go: Any, what: str) -> None:
        """Run ``go`` now, or after asking what to do with unsaved changes."""
        if not self.dirty:
            go()
            return
        name = f"'{self.current.term}'" if self.current is not None else "the new entry"

        def answered(answer: str | None) -> None:
            if answer == "save":
                if self._save():
                    go()
            elif answer == "discard":
                go()
            else:
                self.refresh_list()  # put the highlight back on the entry in the form
                self.show_status()

        self.push_screen(UnsavedScreen(f"You have unsaved changes to {name}. Save them first?", what), answered)

    def go_to(self, entry: Entry | None, focus: str | None = None) -> None:
        key = (entry.term, entry.line) if entry is not None else None

        def go() -> None:
            target = None
            if key is not None:  # the list may have been read again by a save
                target = next((e for e in self.editor.entries if (e.term, e.line) == key), None) or \
                    self.editor.find(key[0])
            self._load(target)
            if focus:
                self.query_one(focus).focus()

        self._then(go, "show the other entry" if entry is not None else "start a new entry")

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.query_one("#entries", EntryList).entry_for(event.option)
        if entry is not None and entry is not self.current:
            self.go_to(entry)

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.query_one("#entries", EntryList).entry_for(event.option)
        if entry is not None and entry is self.current:
            self.query_one("#field-term", Input).focus()
        elif entry is not None:
            self.go_to(entry, focus="#field-term")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            if self.found:
                entries = self.query_one("#entries", EntryList)
                entries.focus()
                if self.current not in self.found:
                    entries.highlighted = 0
            else:
                self.say(f"Nothing found. Press {self.keys_for('words-edit.new')} to add it as a new entry.")
            return
        self.screen.focus_next()

    def on_key(self, event: Any) -> None:
        if event.key == "escape" and self.focused is not None and self.focused.id == "search":
            self.query_one("#search", Input).value = ""
            event.stop()

    @on(Button.Pressed, "#save-button")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#new-button")
    def _new_pressed(self) -> None:
        self.action_new()

    @on(Button.Pressed, "#help-button")
    def _help_pressed(self) -> None:
        self.action_help()

    # -- actions --------------------------------------------------------------------------

    def _save(self) -> bool:
        raw = self.raw_form()
        try:
            saved = self.editor.save(self.current, self.baseline, raw)
        except NotSaved as exc:
            self.say(f"Not saved: {exc}", error=True)
            self.show_status()
            if exc.key:  # go to the box with the problem
                self.query_one(f"#field-{exc.key}").focus()
            return False
        except DataErrors as exc:  # the file on disk no longer loads
            self.say(f"Not saved: {first_problem(exc)}", error=True)
            self.show_status()
            return False
        if self.current is None:
            self.last_added_by = parse_form(raw)["added_by"] or ""
        entry = self.editor.find(saved.term, saved.line)
        self._load(entry)
        self.say(saved.message)
        return True

    def action_save(self) -> None:
        self._save()

    def action_new(self) -> None:
        query = " ".join(self.query_one("#search", Input).value.split())
        found = bool(self.found)

        def go() -> None:
            self._load(None)
            if query and not found:  # searched for a word that is not there: start with it
                self.query_one("#field-term", Input).value = query
                self.baseline["term"] = query
            self.query_one("#field-term", Input).focus()
            self.show_status()

        self._then(go, "start a new entry")

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def _step(self, delta: int) -> None:
        if not self.found:
            self.say("No entries to show." if not self.editor.entries else "No entries found for this search.")
            return
        index = self._index_of(self.current)
        if index is None:
            index = 0 if delta > 0 else len(self.found) - 1
        else:
            index += delta
        if not 0 <= index < len(self.found):
            self.say("This is the last entry." if delta > 0 else "This is the first entry.")
            return
        self.go_to(self.found[index])

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def help_rows(self) -> list[tuple[str, str]]:
        return [(self.keys_for(b.id), b.tooltip or b.description)
                for b in self.BINDINGS if isinstance(b, Binding) and b.id]

    def action_help(self) -> None:
        self.push_screen(EditHelpScreen(self.help_rows()))

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def action_quit_edit(self) -> None:
        if len(self.screen_stack) > 1:
            return
        self._then(lambda: self.exit(0), "quit")
