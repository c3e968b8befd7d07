"""One wordlist as the form of ``speakeasy words edit`` sees it: its entries A to Z, search, and saving.

A save opens the file from disk again and changes it through
:class:`~speakeasy.words.store.WordlistFile`, as ``words add`` does.  No textual here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...errors import SpeakeasyError
from ...matching import normalise
from ...packs import STATUS_CHOICES, Entry
from ...schema import DataErrors
from ..store import EditError, WordlistFile
from ..values import FIX_DEFAULT, WITHIN_DEFAULT, as_words, clash, fix_problem
from .form import (
    DEFAULT_KEYS,
    FIELD,
    FIELDS,
    NotSaved,
    Saved,
    first_problem,
    form_values,
    matches,
    parse_form,
    pick,
    title_from,
)


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
        return pick(self.entries, term, line)

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
            raise NotSaved(first_problem(exc).replace(str(self.path), self.name)) from None
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
            raise NotSaved(first_problem(exc).replace(str(self.path), self.name), _key_at(wf, line)) from None

    def _refuse_if_listed_elsewhere(self, term: str, parts: tuple[str, ...] = ()) -> None:
        if self.settings is None:
            return
        from ...errors import UsageError
        from ..lint import listed_elsewhere, twice_message, where
        from ..override import is_shipped

        found = listed_elsewhere(term, self.path, self.settings, parts)
        if found is None:
            return
        origin, entry = found
        if is_shipped(origin, self.settings):
            raise UsageError(self.shipped_word_message(term, origin, where(origin)))
        raise UsageError(twice_message(term, origin, entry))

    def shipped_word_message(self, term: str, origin: dict[str, Any], listed: str) -> str:
        """What to say when ``term`` is a word speakeasy ships: the form cannot change a shipped list,
        but ``words add --override`` gives the organisation its own entry."""
        return (f"'{term}' is already in {listed}. To use your own words for it instead, run: "
                f"speakeasy words add '{origin.get('term')}' --override --list {self.name}")

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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text
