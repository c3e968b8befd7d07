"""The ``speakeasy review`` application (Textual).

The editing itself lives in :mod:`speakeasy.tui.session`; this module only
shows it and turns keys into session steps.  What is shown, as rich text,
is worked out in :mod:`speakeasy.tui.view`.  Every key binding has an id
(``review.next``, ``review.alternative-1``...), so it can be moved with
``ReviewApp(keymap={"review.skip": "x"})``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from ..errors import InputError, SpeakeasyError
from ..model import Finding
from .screens import (
    HIGH_CONTRAST,
    ApplyAllScreen,
    ChangedScreen,
    HelpScreen,
    PickerScreen,
    QuitScreen,
    SaveWordScreen,
    TextScreen,
)
from .session import ReviewSession
from .view import (  # noqa: F401 - (LEVEL_STYLE and is_word are found here too, as before)
    LEVEL_FILTERS,
    LEVEL_STYLE,
    detail_text,
    document_paragraphs,
    is_word,
    option_text,
    status_line,
)

#: What a key does, in more words than the footer has room for (the ? help).
HELP_TEXT = {
    "review.skip": "Skip: leave this one for now. Nothing is saved, and it comes back next time.",
    "review.ignore": "Ignore: leave the words as they are in this place, and say why. Your reason is saved, "
                     "so it is not flagged here again.",
    "review.keep": "Keep for project: your project keeps this word. When you save, it is added to keep: in "
                   "your settings, and it is not flagged in any file.",
}

class ReviewApp(App[int]):
    """Review one document (or choose one from a folder), finding by finding."""

    CSS_PATH = "speakeasy.tcss"
    ENABLE_COMMAND_PALETTE = False
    TITLE = "speakeasy review"
    BINDINGS = [
        Binding("n,down", "next", "Next", id="review.next"),
        Binding("p,up", "previous", "Previous", id="review.previous", show=False),
        *[
            Binding(str(i), f"alternative({i})", "Use" if i == 1 else f"Use alternative {i}", id=f"review.alternative-{i}",
                    show=i == 1, key_display="1-9" if i == 1 else None)
            for i in range(1, 10)
        ],
        Binding("a", "apply_all", "Use in all places", id="review.apply-all", show=False),
        Binding("e", "edit", "Edit", id="review.edit"),
        Binding("s", "skip", "Skip", id="review.skip"),
        Binding("i", "ignore", "Ignore", id="review.ignore"),
        Binding("k", "keep", "Keep for project", id="review.keep", show=False),
        Binding("d", "disable", "Turn rule off in this file", id="review.disable", show=False),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("w", "save", "Save", id="review.save"),
        Binding("q", "quit_review", "Quit", id="review.quit"),
        Binding("question_mark", "help", "Help", id="review.help"),
        Binding("f", "filter_level", "Filter level", id="review.filter-level", show=False),
        Binding("r", "filter_rule", "Filter rule", id="review.filter-rule", show=False),
        Binding("t", "toggle_contrast", "High contrast", id="review.contrast", show=False),
    ]

    def __init__(self, path: str, settings: Any = None, *, ruleset: Any = None, high_contrast: bool = False,
                 keymap: dict[str, str] | None = None, follow: bool = True) -> None:
        super().__init__()
        #: scroll the document to the current finding (snapshot tests turn it off for steady pictures)
        self.follow = follow
        self.path = str(path)
        self.settings = settings
        self.ruleset = ruleset
        self.high_contrast = high_contrast
        self.keymap_overrides = dict(keymap or {})
        #: the paragraph waiting to be scrolled into view after the next refresh (tests wait for it)
        self.pending_scroll: Any = None
        #: how many times the document has been drawn (tests wait for the first time)
        self.document_shown = 0
        self.session: ReviewSession | None = None
        self.shown: list[Finding] = []
        self.index = 0
        self.level_filter = 0
        self.rule_filter: str | None = None
        self.anchors: list[int] = []
        self.load_error: str | None = None

    # -- building the screen --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("speakeasy review", id="status")
        yield Static("", id="read-only")
        yield LoadingIndicator(id="loading")
        with Vertical(id="main"):
            yield VerticalScroll(id="doc")
            with Horizontal(id="bottom"):
                yield OptionList(id="findings")
                with VerticalScroll(id="detail-box"):
                    yield Static("", id="detail")
            yield Static("", id="keys-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.high_contrast:
            self.theme = HIGH_CONTRAST.name
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        self.query_one("#main").display = False
        self.query_one("#read-only").display = False
        # Nothing on the main screen takes the keys: they all go to the review bindings.
        for selector in ("#findings", "#doc", "#detail-box"):
            self.query_one(selector).can_focus = False
        self.load(self.path)

    def _ruleset(self) -> Any:
        if self.ruleset is None:
            from ..config import resolve
            from ..ruleset import build_ruleset

            self.ruleset = build_ruleset(self.settings if self.settings is not None else resolve())
        return self.ruleset

    @work(thread=True, exclusive=True, group="load")
    def load(self, path: str) -> None:
        """Read and lint in a thread; the loading indicator shows meanwhile."""
        try:
            ruleset = self._ruleset()
            if Path(path).is_dir():
                rows = folder_rows(path, ruleset)
                self.call_from_thread(self._pick, rows)
                return
            session = ReviewSession(path, ruleset)
        except InputError as exc:
            self.call_from_thread(self._failed, exc.reason)  # the path is in the line already
            return
        except SpeakeasyError as exc:
            self.call_from_thread(self._failed, str(exc))
            return
        self.call_from_thread(self._loaded, session)

    def _failed(self, message: str) -> None:
        self.load_error = message
        self.query_one("#loading").display = False
        self.query_one("#status", Static).update(Text(f"speakeasy could not open {self.path}: {message}"))
        self.notify(message, severity="error")

    def _pick(self, rows: list[tuple[str, int | str]]) -> None:
        self.query_one("#loading").display = False
        if not rows:
            self._failed("there are no files speakeasy can review in this folder.")
            return

        def chosen(path: str | None) -> None:
            if path is None:
                self.exit(0)
                return
            self.query_one("#loading").display = True
            self.load(path)

        self.push_screen(PickerScreen(rows), chosen)

    def _loaded(self, session: ReviewSession) -> None:
        self.session = session
        self.path = session.path
        self.query_one("#loading").display = False
        self.query_one("#main").display = True
        note = self.query_one("#read-only", Static)
        note.display = session.read_only
        if session.read_only:
            # said in words, not only by colour or by keys that do nothing
            note.update(Text(f"Read only: {session.cannot_write} You can skip, ignore or keep findings."))
        self.index = 0
        self.query_one("#keys-hint", Static).update(Text(self.keys_hint()))
        self.refresh_view()

    def _key(self, ident: str) -> str:
        """The key that does a binding now (the keymap may have moved it)."""
        if ident in self.keymap_overrides:
            return self.keymap_overrides[ident].split(",")[0]
        return next((b.key.split(",")[0] for b in self.BINDINGS if isinstance(b, Binding) and b.id == ident), "")

    def keys_hint(self) -> str:
        """One line that says what skip, ignore and keep do: on screen, so no one has to guess."""
        return (f"{self._key('review.skip')}: skip for now.  {self._key('review.ignore')}: ignore here, say why.  "
                f"{self._key('review.keep')}: keep the word everywhere.")

    # -- what is shown --------------------------------------------------------------------

    @property
    def current(self) -> Finding | None:
        if 0 <= self.index < len(self.shown):
            return self.shown[self.index]
        return None

    def _filtered(self) -> list[Finding]:
        assert self.session is not None
        level = LEVEL_FILTERS[self.level_filter][1]
        return [f for f in self.session.findings
                if (level is None or f.level >= level) and (self.rule_filter is None or f.rule == self.rule_filter)]

    def refresh_view(self, anchor: int | None = None) -> None:
        """Show the session again; select the first finding at or after ``anchor``."""
        if self.session is None:
            return
        self.shown = self._filtered()
        if anchor is not None:
            self.index = next((i for i, f in enumerate(self.shown) if f.start >= anchor), len(self.shown) - 1)
        self.index = max(0, min(self.index, len(self.shown) - 1))
        findings = self.query_one("#findings", OptionList)
        findings.clear_options()
        findings.add_options([self._option(f) for f in self.shown])
        if self.shown:
            findings.highlighted = self.index
        self._show_document()
        self._show_detail()
        self._show_status()

    def _option(self, f: Finding) -> Option:
        return Option(option_text(f, self.session))

    def _show_status(self) -> None:
        s = self.session
        assert s is not None
        line = status_line(s, self.current, self.index, self.shown, self.level_filter, self.rule_filter)
        self.query_one("#status", Static).update(Text(line))

    def _show_document(self) -> None:
        s = self.session
        assert s is not None
        doc = self.query_one("#doc", VerticalScroll)
        doc.remove_children()
        widgets = []
        target = None
        for rendered, here in document_paragraphs(s, self.shown, self.current):
            w = Static(rendered, classes="para")
            if here:
                target = w
            widgets.append(w)
        doc.mount_all(widgets)
        self.document_shown += 1
        if target is not None and self.follow:
            self.pending_scroll = target
            self.call_after_refresh(self._scroll_to, doc, target)

    def _scroll_to(self, doc: Any, target: Any) -> None:
        """Bring the current finding's paragraph to the top (after layout, so sizes are known)."""
        doc.scroll_to_widget(target, animate=False, top=True)
        if self.pending_scroll is target:
            self.pending_scroll = None

    def _show_detail(self) -> None:
        s = self.session
        assert s is not None
        self.query_one("#detail", Static).update(detail_text(s, self.current, self._key_for))

    # -- actions --------------------------------------------------------------------------

    def _step(self, do: Any, anchor: int | None = None) -> None:
        """Run one session step; keep where we were for undo."""
        cur = self.current
        if self.session is None or cur is None:
            return
        try:
            do(cur)
        except SpeakeasyError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.anchors.append(cur.start)
        self.refresh_view(anchor=cur.start if anchor is None else anchor)

    def action_next(self) -> None:
        if self.shown and self.index < len(self.shown) - 1:
            self.index += 1
            self.refresh_view()

    def action_previous(self) -> None:
        if self.shown and self.index > 0:
            self.index -= 1
            self.refresh_view()

    def _refuse_if_read_only(self) -> bool:
        """Read-only files: say why nothing can be changed (instead of doing nothing)."""
        if self.session is not None and self.session.read_only:
            self.notify(f"{self.session.cannot_write} {self.session.how_to_change}",
                        title="Not changed", severity="warning")
            return True
        return False

    def action_alternative(self, number: int) -> None:
        cur = self.current
        if cur is None or self.session is None or self._refuse_if_read_only():
            return
        if ReviewSession.is_long_sentence(cur) or number > len(cur.suggestions):
            self.notify(f"There is no alternative {number} here.", severity="warning")
            return
        self._step(lambda f: self.session.apply(f, f.suggestions[number - 1]))  # type: ignore[union-attr]

    def _key_for(self, ident: str) -> str:
        """The key bound to a binding id now (the keymap may have moved it)."""
        keys = [k for k, a in self.active_bindings.items() if a.binding.id == ident]
        return keys[0] if keys else "a"

    def action_apply_all(self) -> None:
        """Every place of the current term: show each change, then make them all if the person says yes."""
        cur = self.current
        s = self.session
        if cur is None or s is None or self._refuse_if_read_only():
            return
        same = s.same_term(cur)
        if len(same) < 2:
            word = " ".join(cur.match.split())
            if cur.edit is None:
                why = (f"'{word}' has more than one plain alternative: choose one with its number key."
                       if cur.suggestions else f"speakeasy has no plain alternative to put in for '{word}'.")
            else:
                why = f"'{word}' is the only place left with this word. Press 1 to use '{cur.edit.replacement}'."
            self.notify(why, title="Not changed", severity="warning")
            return
        assert cur.edit is not None
        word = " ".join(cur.match.split())
        question = f"Change '{word}' in all {len(same)} places? Each place keeps its own form and capital letters."
        places = [s.preview(f, width=48) for f in same]

        def answered(yes: bool | None) -> None:
            if yes:
                count = len(same)
                self._step(lambda f: s.apply_all(same))
                self.notify(f"Changed {count} places. Press u to undo them all.")

        self.push_screen(ApplyAllScreen(question, places), answered)

    def action_edit(self) -> None:
        cur = self.current
        if cur is None or self._refuse_if_read_only():
            return
        value = cur.suggestions[0] if cur.suggestions else cur.match

        def done(answer: str | None) -> None:
            if answer is not None:
                self._step(lambda f: self.session.apply(f, answer, typed=True))  # type: ignore[union-attr]

        self.push_screen(TextScreen(f"Replace '{' '.join(cur.match.split())[:60]}' with:", value), done)

    def action_skip(self) -> None:
        self._step(lambda f: self.session.skip(f))  # type: ignore[union-attr]

    def action_ignore(self) -> None:
        if self.current is None:
            return

        def done(reason: str | None) -> None:
            if reason is not None:
                self._step(lambda f: self.session.ignore(f, reason))  # type: ignore[union-attr]

        self.push_screen(TextScreen("Why ignore it here? (a short reason)", "", "for example: a quote"), done)

    def action_keep(self) -> None:
        self._step(lambda f: self.session.keep(f))  # type: ignore[union-attr]

    def action_disable(self) -> None:
        self._step(lambda f: self.session.disable(f), anchor=0)  # type: ignore[union-attr]

    def action_undo(self) -> None:
        if self.session is None:
            return
        label = self.session.undo()
        if label is None:
            self.notify("Nothing to undo.")
            return
        anchor = self.anchors.pop() if self.anchors else 0
        self.notify(f"Undone: {label}")
        self.refresh_view(anchor=anchor)

    def action_save(self) -> None:
        self._save_then()

    def _save_then(self, then: Any = None) -> None:
        """Save (a Word file: ask first, clean copy or tracked changes), then call ``then`` if it worked.

        When the file changed on disk since it was opened, ask first whether
        to save over it (:meth:`ReviewSession.changed_on_disk`).
        """
        s = self.session
        if s is None:
            return
        changed = s.changed_on_disk()
        if not changed:
            self._save_unchanged(then)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save_unchanged(then)
            else:
                self.notify("Not saved. Your review is still here.", severity="warning")

        self.push_screen(ChangedScreen(changed, copy=s.edits_runs), answered)

    def _save_unchanged(self, then: Any = None) -> None:
        s = self.session
        assert s is not None
        if not s.can_suggest:  # Markdown, text, OpenDocument: one way to save
            if self._save(False) and then is not None:
                then()
            return

        def chosen(answer: str | None) -> None:
            if answer in ("clean", "suggestions") and self._save(answer == "suggestions") and then is not None:
                then()

        self.push_screen(SaveWordScreen(s.output_path_for(False), s.output_path_for(True)), chosen)

    def _save(self, as_suggestions: bool) -> bool:
        assert self.session is not None
        try:
            written = self.session.save(as_suggestions=as_suggestions)
        except SpeakeasyError as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return False
        except OSError as exc:  # a full disk, a read-only folder: in words, and the review stays open
            from ..errors import write_reason

            self.notify(f"Not saved: {write_reason(exc)}.", severity="error")
            return False
        message = "Saved " + ", ".join(written) + "." if written else "Nothing to save."
        if written and self.session.backup_note and self.session.path in written:
            message += " " + self.session.backup_note
        self.notify(message)
        self._show_status()
        return True

    def action_quit_review(self) -> None:
        if self.session is None or not self.session.dirty:
            self.exit(0)
            return

        def saved() -> None:
            if not self.session.dirty:  # type: ignore[union-attr]
                self.exit(0)

        def answered(answer: str | None) -> None:
            if answer == "save":
                self._save_then(saved)
            elif answer == "discard":
                self.exit(0)

        self.push_screen(QuitScreen(), answered)

    def action_help(self) -> None:
        rows: list[tuple[str, str]] = []
        seen = set()
        for key, active in self.active_bindings.items():
            b = active.binding
            ident = b.id or b.action
            if not ident.startswith("review.") or ident in seen or ident.startswith("review.alternative-") and ident != "review.alternative-1":
                continue
            seen.add(ident)
            keys = [k for k, a in self.active_bindings.items() if (a.binding.id or a.binding.action) == ident]
            shown = ", ".join("?" if k == "question_mark" else k for k in keys)
            what = HELP_TEXT.get(ident, b.description)
            if ident == "review.alternative-1":
                shown, what = "1-9", "Use that plain alternative"
            rows.append((shown, what))
        self.push_screen(HelpScreen(rows))

    def action_filter_level(self) -> None:
        self.level_filter = (self.level_filter + 1) % len(LEVEL_FILTERS)
        self.index = 0
        self.refresh_view()

    def action_filter_rule(self) -> None:
        if self.session is None:
            return
        rules = sorted({f.rule for f in self.session.findings})
        order = [None, *rules]
        at = order.index(self.rule_filter) if self.rule_filter in order else 0
        self.rule_filter = order[(at + 1) % len(order)]
        self.index = 0
        self.refresh_view()

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    @on(OptionList.OptionSelected, "#findings")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.index = event.option_index
        self.refresh_view()


def folder_rows(folder: str, ruleset: Any) -> list[tuple[str, int | str]]:
    """The files of a folder speakeasy can review, with their number of findings."""
    from ..engine import lint_document
    from ..runner import collect_files
    from ..readers import ReadOptions, format_for, read_path

    files, _ = collect_files([folder], ruleset.settings)
    options = ReadOptions.from_settings(ruleset.settings)
    rows: list[tuple[str, int | str]] = []
    for f in files:
        if format_for(f) is None:
            continue
        try:
            rows.append((f, len(lint_document(read_path(f, options=options), ruleset).findings)))
        except InputError:
            rows.append((f, "?"))
    return rows
