"""``speakeasy words edit``: browse, search, add and edit the words of one wordlist in a form.

For forum members who prefer a form to a text editor.  Nothing here is
new: the form is a client of :class:`~speakeasy.words.store.WordlistFile`,
like ``words add`` and ``words import``.  A save opens the file from disk
again, changes only the keys the person changed (``update``) or adds the new
entry in A-to-Z place (``add``), and writes it with ``save()``: the strict
loader checks the new text first, the file is replaced atomically, and every
other line stays exactly as it was.

The module has two halves:

* :class:`WordlistEditor` and the functions above it hold the form model:
  reading an entry into form values, checking them, and saving.  They do not
  use textual (though importing this module does: ``words edit`` imports it
  only when it runs), and the tests call them directly too.
* :class:`WordsEditApp` shows the model.  Everything works with the keyboard
  alone, in the order of the screen: search, list, then the boxes in the
  order a wordlist file has its keys, then the buttons.

Choices for people who use screen readers or cannot tell colours apart:

* Every control has its label on the line above it, saying what to write.
  The line at the bottom says in words which box has the focus ("Why: ...
  Box 3 of 14."), and the line above it what the last save did ("Saved ...",
  "Not saved: ..."); a problem also moves the focus to the box it is in.
* ``Use instead``, ``As``, ``When`` and ``Unless`` are one-line boxes with
  ``;`` between the words, not multi-line boxes.  A screen reader reads a
  one-line box in one go, and Enter and Tab do the same there as in the
  other one-line boxes; it is also the rule of the ``words import``
  spreadsheets, and so is the way to give plain words for each part of
  speech: ``noun: effect; verb: affect; change``.  Example sentences may
  have ``;`` in them, so they are one on each line, as in the spreadsheets;
  that box is the only one where Enter starts a new line, and its label says
  so.
* ``How near``, ``Fix by itself`` and ``Status`` are lists to choose from,
  each choice in words ("safe: speakeasy fix puts the plain word in by
  itself").  ``Fix by itself`` is a list, not a tick box, because its two
  choices are both answers (ask or safe), and the list says what each does.
* Nothing is shown by colour alone: the highlighted entry starts with ``>``,
  the box with the focus has a bar down its left side and its label in
  reverse video, a ticked box shows ``[X]`` and says yes, and the status line
  says "unsaved changes".  With ``NO_COLOR`` set, Textual draws in one colour
  and all of these still show.
* Keys are Ctrl and function keys, so typing in a box never sets one off.
  The Save, New entry and Help buttons at the end of the form do the same as
  the keys, for people who move with Tab.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Offset
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from ..errors import SpeakeasyError
from ..matching import normalise
from ..packs import DEFAULTS, STATUS_CHOICES, WITHIN_CHOICES, Entry
from ..schema import DataErrors
from ..tui.app import HIGH_CONTRAST, HelpScreen
from .store import EditError, WordlistFile
from .values import (FIX_DEFAULT, LIST_SEP, WITHIN_DEFAULT, as_words, clash, fix_problem,  # noqa: F401
                     format_list, format_use, parse_parts, parse_use, split)

# ---------------------------------------------------------------------------
# The form model (no textual)


@dataclass(frozen=True)
class FormField:
    key: str  # the key in the wordlist file
    label: str  # what the form calls it (also in messages)
    help: str  # said after the label
    #: "text", "list" (';' between), "use" (a list, or a list for each part of speech), "parts" (noun, verb...),
    #: "lines" (one per line), "date", "status", "within", "fix" or "bool"
    kind: str


#: The form's fields, in the order they are written in a wordlist file.
FIELDS: tuple[FormField, ...] = (
    FormField("term", "Term", "the word or phrase to avoid", "text"),
    FormField("use", "Use instead", "plainer words or phrases, with ; between them. For each part of speech, "
              "start with the part, like: noun: effect; verb: affect; change", "use"),
    FormField("why", "Why", "why the word is a problem, in plain words", "text"),
    FormField("as", "As", "the part of speech the term is jargon as: noun, verb, adjective or adverb, with ; "
              "between them. Leave it empty for any. A term can have an entry for each part of speech", "parts"),
    FormField("when", "When", "words that must be near the term for it to be jargon, with ; between them. "
              "Leave it empty to flag the term anywhere", "list"),
    FormField("unless", "Unless", "words that make the term fine when they are near it, with ; between them",
              "list"),
    FormField("within", "How near", "how near the When and Unless words must be", "within"),
    FormField("everywhere", "Jargon everywhere", "the word is jargon in any text, even if the list has a topic",
              "bool"),
    FormField("explained_ok", "Fine once explained", "the word is fine once the document explains it", "bool"),
    FormField("fix", "Fix by itself", "speakeasy may put the plain word in without asking; only for words with "
              "one meaning and one plain word", "fix"),
    FormField("examples", "Examples", "sentences that use the word, one on each line", "lines"),
    FormField("fine_examples", "Fine examples",
              "sentences where the word is fine and must not be flagged, one on each line", "lines"),
    FormField("notes", "Notes", "anything else the forum wants to write down", "text"),
    FormField("source", "Source", "where the word came from", "text"),
    FormField("licence", "Licence", "the licence of the source, like CC-BY-4.0", "text"),
    FormField("added_by", "Added by", "who added the word", "text"),
    FormField("agreed", "Agreed on", "the date the forum agreed it, like 2026-03-14", "date"),
    FormField("agreed_by", "Agreed by", "the forum or group that agreed it", "text"),
    FormField("status", "Status", "agreed, proposed or retired. To stop using a word, choose retired", "status"),
    FormField("review_by", "Review by", "when to look at the word again, like 2027-03-14", "date"),
)
FIELD = {f.key: f for f in FIELDS}

STATUS_WORDS = {
    "agreed": "agreed: in use",
    "proposed": "proposed: waiting for the forum to agree it",
    "retired": "retired: kept for the record, never used",
}

WITHIN_WORDS = {
    "sentence": "sentence: in the same sentence (the default)",
    "paragraph": "paragraph: in the same paragraph",
    "section": "section: under the same heading",
    "document": "document: anywhere in the document",
}
FIX_WORDS = {
    "ask": "ask: a person decides in speakeasy review (the default)",
    "safe": "safe: speakeasy fix puts the plain word in by itself",
}
#: What a list box shows when nothing else is chosen.
CHOICE_DEFAULTS = {"status": "agreed", "within": WITHIN_DEFAULT, "fix": FIX_DEFAULT}
#: The keys a list's ``defaults`` can give.
DEFAULT_KEYS = frozenset(f.name for f in DEFAULTS.fields)


class NotSaved(Exception):
    """The form could not be saved; the message says why, in plain words.  Nothing was written.

    ``key`` names the box with the problem, when there is one, so the form can go to it.
    """

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass
class Saved:
    term: str
    line: int
    message: str


def title_from(path: Path) -> str:
    """The title of a new list, from its file name (as ``words add`` makes it)."""
    words = path.stem.replace("-", " ").replace("_", " ").strip()
    return (words[:1].upper() + words[1:]) if words else "Our words"


def entry_label(entry: Entry) -> str:
    """How the list shows an entry: the term, its part of speech if it has one, and its status in words."""
    parts = f" ({as_words(entry.parts)})" if entry.parts else ""
    return f"{entry.term}{parts} — {entry.status}"


def matches(entry: Entry, query: str) -> bool:
    """Whether an entry's term, alternatives or reason contain the search text."""
    q = " ".join(query.casefold().split())
    if not q:
        return True
    return any(q in " ".join(text.casefold().split()) for text in (entry.term, entry.why, *entry.use))


def blank_form(status: str = "proposed", added_by: str = "") -> dict[str, Any]:
    """The form of a new entry."""
    raw: dict[str, Any] = {f.key: "" for f in FIELDS}
    raw["explained_ok"] = False
    raw["everywhere"] = False
    raw["within"] = WITHIN_DEFAULT
    raw["fix"] = FIX_DEFAULT
    raw["status"] = status
    raw["added_by"] = added_by
    return raw


def form_values(entry: Entry) -> dict[str, Any]:
    """An entry as the form shows it (its own values and those from the list's defaults)."""
    raw: dict[str, Any] = {}
    for f in FIELDS:
        value = getattr(entry, "parts" if f.key == "as" else f.key)
        if f.kind == "use":
            raw[f.key] = format_use(entry.use, entry.use_as)
        elif f.kind in ("list", "parts"):
            raw[f.key] = format_list(value)
        elif f.kind == "lines":
            raw[f.key] = "\n".join(value)
        elif f.kind == "bool":
            raw[f.key] = bool(value)
        elif f.kind == "date":
            raw[f.key] = value.isoformat() if value else ""
        elif f.kind in CHOICE_DEFAULTS:
            raw[f.key] = value or CHOICE_DEFAULTS[f.kind]
        else:
            raw[f.key] = value or ""
    return raw


def same_form(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two forms say the same (spaces at the ends of a box do not count)."""
    def norm(v: Any) -> Any:
        return v.strip() if isinstance(v, str) else v

    return all(norm(a.get(f.key)) == norm(b.get(f.key)) for f in FIELDS)


def _date(f: FormField, text: str) -> _dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            return _dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise NotSaved(f"'{f.label}' should be a date like 2026-03-14, not '{text}'. "
                   "Write the year, then the month, then the day, with '-' between them.", f.key)


def parse_form(raw: dict[str, Any]) -> dict[str, Any]:
    """The form's values as a wordlist holds them: texts, lists, dates, true/false.

    An empty box is ``None`` (an empty list for lists).  ``Use instead`` is a
    list, or a dict of lists for each part of speech.  Raises :class:`NotSaved`
    for a date that is not written like 2026-03-14, a part of speech
    speakeasy does not know, or plain words for each part that are not
    written as ``noun: effect; verb: affect``.
    """
    out: dict[str, Any] = {}
    for f in FIELDS:
        value = raw.get(f.key)
        if f.kind == "list":
            out[f.key] = split(str(value or ""))
        elif f.kind == "use":
            try:
                out[f.key] = parse_use(str(value or ""))
            except ValueError as exc:
                raise NotSaved(_box_message(str(exc), f), f.key) from None
        elif f.kind == "parts":
            try:
                out[f.key] = parse_parts(split(str(value or "")))
            except ValueError as exc:
                raise NotSaved(f"in '{f.label}', {exc}", f.key) from None
        elif f.kind == "lines":
            out[f.key] = [line.strip() for line in str(value or "").splitlines() if line.strip()]
        elif f.kind == "bool":
            out[f.key] = bool(value)
        elif f.kind == "date":
            out[f.key] = _date(f, str(value or ""))
        elif f.kind == "status":
            out[f.key] = str(value or "") or None
        elif f.kind == "within":
            out[f.key] = str(value or "") or WITHIN_DEFAULT
        elif f.kind == "fix":
            out[f.key] = str(value or "") or FIX_DEFAULT
        else:
            out[f.key] = " ".join(str(value or "").split()) or None
    return out


def _box_message(text: str, f: FormField) -> str:
    """A message about the ``use`` value, said about the box: "in 'use'," -> "in 'Use instead',"."""
    return text.replace("'use'", f"'{f.label}'")


def _required(values: dict[str, Any], new: bool) -> None:
    """The checks of ``words add``: a term, a plainer word and a reason (and, for a new word, who adds it)."""
    if not values["term"]:
        raise NotSaved("the term is empty. Give the word or phrase to avoid.", "term")
    if not values["use"]:
        raise NotSaved("'Use instead' is empty. Give a plainer word or phrase.", "use")
    if not values["why"]:
        raise NotSaved("'Why' is empty. Say why the word is a problem, in plain words.", "why")
    if new and not values["added_by"]:
        raise NotSaved("'Added by' is empty. Give your name, or the name of your group.", "added_by")


def _problem(exc: Exception) -> str:
    """The first problem of a failed edit, in plain words, with its hint."""
    if isinstance(exc, DataErrors) and exc.errors:
        first = exc.errors[0]
        text = getattr(first, "problem", None) or str(first)
        hint = getattr(first, "hint", None)
        return f"{text} {hint}" if hint else text
    if isinstance(exc, SpeakeasyError):
        return exc.message
    return str(exc)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


class WordlistEditor:
    """One wordlist, as the form sees it: its entries A to Z, search, and saving.

    ``settings`` (optional) are the configuration in use: with them, a new word
    that another list in use already flags is refused, as ``words add`` does.
    """

    def __init__(self, path: str | Path, settings: Any = None) -> None:
        self.path = Path(path)
        self.settings = settings
        self.entries: list[Entry] = []
        #: line of an entry -> the keys the entry gives itself (the others come from the list's defaults)
        self.own_keys: dict[int, set[str]] = {}
        self.default_status = "agreed"
        self.reload()

    @property
    def name(self) -> str:
        return self.path.name

    def reload(self) -> None:
        """Read the list again.  Raises :class:`DataErrors` when it does not load."""
        if not self.path.exists():
            self.entries, self.own_keys = [], {}
            return
        wf = WordlistFile.open(self.path)
        self._read(wf)

    def _read(self, wf: WordlistFile) -> None:
        wordlist = wf.wordlist()
        self.entries = sorted(wordlist.entries, key=lambda e: (e.term.casefold(), e.line))
        self.own_keys = {span.line: set(span.keys) for span in wf.entries}
        self.default_status = _default_status(wf)

    def search(self, query: str) -> list[Entry]:
        return [e for e in self.entries if matches(e, query)]

    def find(self, term: str, line: int | None = None) -> Entry | None:
        """The entry for ``term`` (on ``line``, when the term is there twice)."""
        same = [e for e in self.entries if normalise(e.term) == normalise(term)]
        if line is not None:
            for e in same:
                if e.line == line:
                    return e
        active = [e for e in same if e.status != "retired"]
        return (active or same or [None])[0]

    def from_defaults(self, entry: Entry) -> set[str]:
        """The keys whose value the entry takes from the list's ``defaults``."""
        own = self.own_keys.get(entry.line, set())
        return {f.key for f in FIELDS if f.key in DEFAULT_KEYS and f.key not in own
                and form_values(entry)[f.key] not in ("", False)
                and not (f.key == "status" and entry.status == "agreed" and self.default_status == "agreed")}

    # -- saving -----------------------------------------------------------------

    def save(self, entry: Entry | None, shown: dict[str, Any], raw: dict[str, Any]) -> Saved:
        """Save the form: ``entry`` is the entry shown (None for a new one), ``shown`` the form as it was shown.

        Raises :class:`NotSaved` with a plain message; then nothing is written.
        """
        values = parse_form(raw)
        _required(values, new=entry is None)
        before = parse_form(shown) if entry is not None else None
        if values["within"] != WITHIN_DEFAULT and not values["when"] and not values["unless"] and (
                before is None or any(before[k] != values[k] for k in ("within", "when", "unless"))):
            raise NotSaved(f"'{FIELD['within'].label}' says how near the When and Unless words must be, so fill "
                           "in When or Unless too, or choose sentence.", "within")
        if isinstance(values["use"], dict) and values["as"]:
            missing = [p for p in values["use"] if p not in values["as"]]
            if missing:
                raise NotSaved(f"'Use instead' gives words for the term as {as_words(missing[:1])[3:]}, but 'As' "
                               f"does not say {missing[0]}. Add {missing[0]} to 'As', or take out the "
                               f"{missing[0]} words.", "as")
        reason = fix_problem(values["use"], values["fix"])  # the loader's rule, said about the boxes
        if reason is not None:
            each = " for each part of speech" if isinstance(values["use"], dict) else ""
            # the box just changed: a new entry, or Fix by itself set to safe; else Use instead got more words
            box = "fix" if before is None or before["fix"] != values["fix"] else "use"
            raise NotSaved(f"'{FIELD['fix'].label}' is safe. A safe fix {reason} Keep one plain word{each} "
                           f"in '{FIELD['use'].label}', or choose ask, so that a person chooses in speakeasy "
                           "review.", box)
        try:
            if entry is None:
                return self._add(values)
            assert before is not None
            return self._update(entry, before, values)
        except (DataErrors, EditError, SpeakeasyError) as exc:
            raise NotSaved(_problem(exc).replace(str(self.path), self.name)) from None
        except OSError as exc:
            raise NotSaved(f"speakeasy could not write {self.path} ({exc.strerror or exc}).") from None

    def _open(self) -> tuple[WordlistFile, bool]:
        """The list as it is on disk now (someone may have changed it since it was shown)."""
        if self.path.exists():
            return WordlistFile.open(self.path), False
        return WordlistFile.create(self.path, title_from(self.path)), True

    def _write(self, wf: WordlistFile) -> None:
        """Save; a problem the loader finds names the box it is in, so the form can go there."""
        try:
            wf.save()
        except DataErrors as exc:
            line = exc.errors[0].line if exc.errors else None
            raise NotSaved(_problem(exc).replace(str(self.path), self.name), _key_at(wf, line)) from None

    def _refuse_if_listed_elsewhere(self, term: str, parts: tuple[str, ...] = ()) -> None:
        if self.settings is None:
            return
        from .lint import refuse_if_listed_elsewhere

        refuse_if_listed_elsewhere(term, self.path, self.settings, parts)

    def _add(self, values: dict[str, Any]) -> Saved:
        wf, created = self._open()
        term = values["term"]
        self._refuse_if_listed_elsewhere(term, _parts(values))
        status = values["status"] or "proposed"
        if status == "proposed" and values["agreed"]:
            status = "agreed"  # as `words add --agreed`
        default_status = _default_status(wf)
        new = dict(values)
        new["status"] = None if status == default_status else status
        for key in ("explained_ok", "everywhere"):
            if not new[key]:
                new.pop(key)
        if new["within"] == WITHIN_DEFAULT:
            new.pop("within")
        if new["fix"] == FIX_DEFAULT:
            new.pop("fix")  # the default: never written
        if isinstance(new["use"], dict) and tuple(new["as"]) == tuple(new["use"]):
            new.pop("as")  # the parts of `use` say it
        span = wf.add(new)
        self._write(wf)
        self._read(wf)
        where = f"{self.name} on line {span.line}"
        name = f"'{term}'" + (f" ({as_words(span.parts)})" if span.parts else "")
        made = (f"Made a new wordlist, {self.name}, with the licence CC-BY-4.0. Change licence: at the top "
                "if your group chose another. ") if created else ""
        if status == "proposed":
            text = (f"{made}Added {name} to {where} as proposed. speakeasy uses it only with "
                    "--include-proposed until the forum agrees it.")
        else:
            text = f"{made}Added {name} to {where} as {status}."
        return Saved(span.term, span.line, text)

    def _update(self, entry: Entry, before: dict[str, Any], after: dict[str, Any]) -> Saved:
        changed = [f.key for f in FIELDS if before[f.key] != after[f.key]]
        if not changed:
            return Saved(entry.term, entry.line, f"Nothing to save: '{entry.term}' is the same as in the file.")
        wf, _ = self._open()
        spans = wf.find_all(entry.term, include_retired=True)
        if not spans:
            raise NotSaved(f"'{entry.term}' is no longer in {self.name}. Someone may have changed the file. "
                           "Copy what you need, then make it again as a new entry.")
        if len(spans) > 1:
            # one entry for each part of speech ("impact" as a noun and as a verb): the one shown
            default = _default_status(wf)
            same = [s for s in spans if set(s.parts) == set(entry.parts)]
            same = [s for s in same if (s.status or default) == entry.status] if len(same) > 1 else same
            if len(same) > 1:
                same = [s for s in same if s.line == entry.line]
            if len(same) != 1:
                raise NotSaved(wf.ambiguous_message(spans).replace(str(wf.path), self.name).rstrip(".")
                               + ", so speakeasy cannot tell which one to change. Change it in the file.")
            spans = same
        span = spans[0]
        new_parts = _parts(after)
        if "term" in changed and normalise(after["term"]) != normalise(entry.term):
            other = next((e for e in wf.find_all(after["term"], include_retired=True)
                          if clash(e.parts, new_parts)), None)
            if other is not None:
                raise NotSaved(f"'{other.term}' is already in {self.name} on line {other.line}. "
                               "Change that entry instead of renaming this one.", "term")
            self._refuse_if_listed_elsewhere(after["term"], new_parts)
        was_sorted = wf.is_sorted()
        changes: dict[str, Any] = {}
        kept: list[str] = []
        for key in changed:
            value = after[key]
            if key == "within" and value == WITHIN_DEFAULT:
                value = None  # the default: no need to write it
            if key == "fix" and value == FIX_DEFAULT:
                value = None  # the default: the line goes, and ask is never written
            if key == "as" and isinstance(after["use"], dict) and tuple(value) == tuple(after["use"]):
                value = None  # the parts of `use` say it
            if value in (None, [], False):
                if key not in span.keys:
                    if key in DEFAULT_KEYS:
                        kept.append(FIELD[key].label)  # it comes from the list's defaults
                    continue
                value = None
            changes[key] = value
        if changes:
            # the term last, so the other keys are found under the old term
            ordered = {k: v for k, v in changes.items() if k != "term"}
            if "term" in changes:
                ordered["term"] = changes["term"]
            span = wf.update(span, ordered)
            self._write(wf)
            self._read(wf)
        names = [FIELD[k].label for k in changed if k in changes]
        text = (f"Saved '{span.term}' in {self.name}: changed {_lower_first(_and(names))}." if names
                else f"Nothing to save: '{entry.term}' is the same as in the file.")
        if kept:
            text += (f" {_and(kept)} {'comes' if len(kept) == 1 else 'come'} from the list's defaults, so "
                     f"{'it stays' if len(kept) == 1 else 'they stay'}. To change "
                     f"{'it' if len(kept) == 1 else 'them'}, change the defaults at the top of the file.")
        if was_sorted and not wf.is_sorted():
            text += (" The list is no longer in A to Z order. To sort it: "
                     f"speakeasy words check --fix-order {self.name}")
        return Saved(span.term, span.line, text)


def _parts(values: dict[str, Any]) -> tuple[str, ...]:
    """The parts of speech of parsed form values: ``As``, else the parts in ``Use instead``."""
    if values.get("as"):
        return tuple(values["as"])
    return tuple(values["use"]) if isinstance(values.get("use"), dict) else ()


def _key_at(wf: WordlistFile, line: int | None) -> str | None:
    """The key of the form whose lines in ``wf.text`` include ``line`` (1-based)."""
    if line is None:
        return None
    for span in wf.entries:
        for key, where in span.keys.items():
            first = wf.text.count("\n", 0, where.start) + 1
            last = wf.text.count("\n", 0, where.end) + 1
            if first <= line <= last and key in FIELD:
                return key
    return None


def _and(items: list[str]) -> str:
    """"a", "b" and "c"; the names after the first start with a small letter."""
    items = [i if n == 0 else _lower_first(i) for n, i in enumerate(items)]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _default_status(wf: "WordlistFile") -> str:
    """The status the list's ``defaults`` give (agreed when they give none)."""
    status = wf.defaults().get("status")
    return str(status) if status in STATUS_CHOICES else "agreed"


def run(path: Path, settings: Any = None, *, high_contrast: bool = False,
        keymap: dict[str, str] | None = None) -> int:
    """Open the form on the wordlist at ``path`` (made on the first save if it does not exist).

    A list that does not load raises :class:`DataErrors` before the screen
    opens, so the problems are printed like those of ``words check``.
    """
    editor = WordlistEditor(path, settings)
    if keymap is None and settings is not None:
        try:
            keymap = {str(k): str(v) for k, v in (settings["keymap"] or {}).items()}
        except (KeyError, TypeError):
            keymap = None
    app = WordsEditApp(editor, high_contrast=high_contrast, keymap=keymap)
    result = app.run()
    return int(result or 0)


# ---------------------------------------------------------------------------
# The application

def _key_name(keys: str) -> str:
    """``ctrl+down,f5`` -> ``Ctrl+Down or F5``."""
    out = []
    for key in keys.split(","):
        parts = [p.strip() for p in key.split("+")]
        out.append("+".join(p.upper() if len(p) <= 3 and p[:1] == "f" and p[1:].isdigit() else p.capitalize()
                            for p in parts))
    return " or ".join(out)


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
            self.say(f"Not saved: {_problem(exc)}", error=True)
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
