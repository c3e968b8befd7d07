"""Edit a wordlist file in place, changing only the lines that must change.

Forum members write comments in their lists, wrap long text, and lay entries
out their own way.  A YAML library that loads a file and dumps it again would
re-wrap text and change indentation.  So this module works like pre-commit's
``autoupdate``: it parses the file with the (safe) YAML parser to find where
each entry and each of its keys starts and ends, then splices new text into
those places.  Every byte outside the entries being added or changed stays
exactly as it was, comments included.

New text is written in the file's own layout (the indentation of its
entries and lists; a blank line between entries if the file has them) and in
the house style of the shipped lists (a single alternative on the ``use:``
line, several as a list; double quotes only where YAML needs them).

Every edit is checked before anything is written: the new text is loaded
with the same strict loader as ``speakeasy check``, and the file is only
replaced (atomically) when it loads and has the values that were asked for.

The places of the entries are read in :mod:`speakeasy.words.spans`, and new
text is written in :mod:`speakeasy.words.rendering`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from ..errors import UserDataError
from ..io.atomic import write_atomically
from ..io.diskcache import load as _load
from ..io.diskcache import paused_gc
from ..io.diskcache import store as _store
from ..matching import normalise
from ..packs import Wordlist, parse_wordlist_text, read_yaml_text
from ..schema import DataErrors, compose
from .rendering import (  # noqa: F401 - (LIST_KEYS and ONE_LINE_KEYS are found here too, as before)
    KEY_ORDER,
    LIST_KEYS,
    ONE_LINE_KEYS,
    Layout,
    as_text,
    as_written,
    render_entry,
    render_key,
    render_scalar,
)
from .spans import EntrySpan, content_end, line_end, line_starts, read_entries, shift
from .values import as_words, clash, parts_of

#: The safe YAML loader, in C when PyYAML has it (the same data as ``yaml.safe_load``, faster).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: For a list of at least this many entries, the terms as written (in the order of the file) are kept in the
#: disk cache, by the text: ``words check`` of the same text tells whether the list is in A to Z order from
#: them, without reading the places of its entries (seconds for 50,000 words).
_KEEP_TERMS = 1000


def _terms_key(text: str) -> str:
    import hashlib

    from ..version import __version__

    return "terms-" + hashlib.sha256(f"{__version__}|1|".encode() + text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _encode_terms(terms: list) -> list:
    return terms


def _decode_terms(value: Any) -> list:
    from ..cachefile import check

    check(type(value) is list)
    "".join(value)  # (a TypeError unless each is a text)
    return value


class EditError(Exception):
    """An edit that cannot be made, with a plain-English message."""


class AmbiguousTerm(EditError):
    """A term that is in the list more than once (for different parts of speech), asked for without saying which.

    ``entries`` are the entries it could be; the message names their parts and lines.
    """

    def __init__(self, message: str, entries: list["EntrySpan"]) -> None:
        super().__init__(message)
        self.entries = entries


class WordlistFile:
    """A wordlist file's text, with the place of every entry.  Edit, then :meth:`save`."""

    def __init__(self, path: str | os.PathLike[str], text: str, exists: bool = True) -> None:
        self.path = Path(path)
        self.text = text
        self.original = text if exists else None
        self.exists = exists
        #: (a text, the list it loads as): the last text checked, so it is not checked again.
        self._checked: tuple[str, Wordlist] | None = None
        #: ((the text and list before), the index of the entry :meth:`_splice` added, its text), or None.
        self._added: tuple[tuple[str, Wordlist], int, str] | None = None
        self._parsed = False  # (the places of the entries are read when first asked for: see __getattr__)

    #: What :meth:`_parse` works out: read when one of them is first asked for.  ``words check`` of a list
    #: of 50,000 words needs them only for the few entries it has something to say about.
    _PARSED = frozenset({"newline", "_starts", "entries", "words_node", "words_key", "_defaults_text", "_defaults",
                         "layout", "_block_list"})

    def __getattr__(self, name: str) -> Any:
        if name in WordlistFile._PARSED and not self.__dict__.get("_parsed", True):
            self._parse()
            return getattr(self, name)
        raise AttributeError(name)

    # -- reading ---------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> "WordlistFile":
        """Open an existing list.  Raises :class:`DataErrors` when it does not load."""
        p = Path(path)
        try:
            text = read_yaml_text(p, "wordlist")
        except UserDataError as exc:
            raise DataErrors([exc]) from None
        wordlist = parse_wordlist_text(p, text)  # every problem is reported before anything is edited
        wf = cls(p, text)
        wf._checked = (text, wordlist)
        return wf

    @classmethod
    def create(cls, path: str | os.PathLike[str], title: str, licence: str = "CC-BY-4.0",
               maintained_by: str | None = None, description: str | None = None) -> "WordlistFile":
        """A new, empty list (written on :meth:`save`)."""
        lines = [
            f"# {title}: words that shut people out, and what to say instead.",
            "#",
            "# Add words with: speakeasy words add TERM --use PLAIN --why REASON --by NAME --list "
            + Path(path).name,
            "# Check the list with: speakeasy words check " + Path(path).name,
            "",
            f"title: {render_scalar(title)}",
        ]
        if description:
            lines.append(f"description: {render_scalar(description)}")
        lines.append(f"licence: {render_scalar(licence)}")
        if maintained_by:
            lines.append(f"maintained_by: {render_scalar(maintained_by)}")
        lines.append("words: []")
        return cls(path, "\n".join(lines) + "\n", exists=False)

    def _parse(self) -> None:
        self._parsed = True
        text = self.text
        self.newline = "\r\n" if "\r\n" in text else "\n"
        starts = line_starts(text)
        self._starts = starts
        with paused_gc():  # (a long list is a million YAML nodes: see speakeasy.io.diskcache.paused_gc)
            self._parse_text(text, starts)
        if len(self.entries) >= _KEEP_TERMS:
            _store(_terms_key(text), [e.term for e in self.entries], _encode_terms, _decode_terms)

    def _parse_text(self, text: str, starts: list[int]) -> None:
        node = compose(text, str(self.path))
        self.entries: list[EntrySpan] = []
        self.words_node: yaml.Node | None = None
        self.words_key: yaml.Node | None = None
        self._defaults_text: str | None = None
        self._defaults: dict[str, Any] | None = None
        self.layout = Layout()
        self._block_list = False
        if not isinstance(node, yaml.MappingNode):
            return
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "words":
                self.words_key, self.words_node = key, value
            if isinstance(key, yaml.ScalarNode) and key.value == "defaults":
                # the `defaults:` part alone, to read without loading the whole list again
                end = value.end_mark
                self._defaults_text = text[starts[key.start_mark.line] + key.start_mark.column:
                                           starts[end.line] + end.column if end.line < len(starts) else len(text)]
        if not isinstance(self.words_node, yaml.SequenceNode):
            return
        # (entries in a block list, each a block of `key: value` lines: see _splice)
        self._block_list = self.words_node.flow_style is not True and all(
            type(item) is yaml.MappingNode and item.flow_style is not True for item in self.words_node.value)
        self.entries, gaps, item_cols = read_entries(self.words_node.value, text, starts)
        if self.entries:
            # The entries' places are all kept above; the node tree of a long list is hundreds of MB.
            self.words_node = None
            first = self.entries[0]
            dash_col = text.find("-", first.start) - first.start
            key_col = first.keys["term"].start - first.start if "term" in first.keys else dash_col + 2
            self.layout = Layout(dash=max(dash_col, 0), key=key_col,
                                 item=item_cols[0] if item_cols else key_col + 2,
                                 blank_between=(sum(gaps) * 2 >= len(gaps)) if gaps else True)
        else:
            col = self.words_key.start_mark.column if self.words_key is not None else 0
            self.layout = Layout(dash=col + 2, key=col + 4, item=col + 6)

    def wordlist(self) -> Wordlist:
        """The list as speakeasy reads it.  Raises :class:`DataErrors`."""
        checked = self._checked
        if checked is not None and (checked[0] is self.text or checked[0] == self.text):
            return checked[1]  # (read once: a list of 50,000 words takes seconds to check)
        wordlist = parse_wordlist_text(self.path, self.text)
        self._checked = (self.text, wordlist)
        return wordlist

    def find_all(self, term: str, include_retired: bool = False) -> list[EntrySpan]:
        """Every entry for ``term`` (as the matcher sees it: "Care-package" is "care package"), in file order."""
        key = normalise(term)
        return [e for e in self.entries
                if normalise(e.term) == key and (include_retired or e.status != "retired")]

    def find(self, term: str, include_retired: bool = False,
             parts: "str | tuple[str, ...] | list[str] | None" = None) -> EntrySpan | None:
        """The entry for ``term``, or None.

        A term may have an entry for each part of speech ("impact" as a noun and
        as a verb): ``parts`` says which (an entry with the same parts, else one
        that covers them).  An entry in use comes before a retired one.  Raises
        :class:`AmbiguousTerm` when the term has more than one entry and
        ``parts`` does not tell them apart.
        """
        found = self.find_all(term, include_retired)
        if isinstance(parts, str):
            parts = (parts,)
        if parts:
            wanted = set(parts)
            exact = [e for e in found if set(e.parts) == wanted]
            found = exact or [e for e in found if clash(e.parts, tuple(wanted))]
        if not found:
            return None
        pool = [e for e in found if e.status != "retired"] or found
        if len(pool) == 1:
            return pool[0]
        raise AmbiguousTerm(self.ambiguous_message(pool), pool)

    def ambiguous_message(self, entries: list[EntrySpan]) -> str:
        """"'impact' is in ours.yaml more than once: as a noun (line 4) and as a verb (line 9)."."""
        names = [e.describe() + (", retired" if e.status == "retired" else "") for e in entries]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"'{entries[0].term}' is in {self.path} more than once: {listed}."

    def is_sorted(self) -> bool:
        written = None
        if not self._parsed and len(self.text) > _KEEP_TERMS * 20:
            written = _load(_terms_key(self.text), _decode_terms)  # (kept when this text was last read)
        terms = [t.casefold() for t in (written if written is not None else (e.term for e in self.entries))]
        return terms == sorted(terms)

    # -- editing ---------------------------------------------------------

    def _set_text(self, text: str) -> None:
        self.text = text
        self._added = None
        self._parse()

    def _nl(self, fragment: str) -> str:
        """New text with the file's own line breaks."""
        return fragment.replace("\n", self.newline) if self.newline != "\n" else fragment

    def add(self, values: dict[str, Any]) -> EntrySpan:
        """Add an entry in A-to-Z place.  ``values`` maps keys to values (lists for lists).

        A term may be added again for another part of speech (``as``): "impact"
        as a verb next to "impact" as a noun.  An entry that would be the same
        as one already there is refused with :class:`EditError`.
        """
        term = str(values.get("term", "")).strip()
        if not term:
            raise EditError("The term is empty. Give the word or phrase to avoid.")
        parts = parts_of(values)
        same = [e for e in self.find_all(term, include_retired=True) if clash(e.parts, parts)]
        simple = [e for e in same if e.status == "retired" or (not e.parts and not parts)]
        if simple:
            existing = simple[0]
            raise EditError(
                f"'{existing.term}' is already in {self.path} on line {existing.line}"
                + (" (retired)." if existing.status == "retired" else ".")
                + " Change that entry instead of adding another."
            )
        clean = {k: v for k, v in values.items() if v not in (None, "", [], {})}
        if same:
            # The same term for a part of speech it already has: say it as the loader does.  The loader
            # lets an entry in use and a proposal for one term be side by side; `add` never does, so the
            # new entry is tried with the status of the one already there.
            existing = same[0]
            before = self.text
            probe = dict(clean, status=existing.status or self._default_status())
            self._set_text(self._inserted(self._nl(render_entry(probe, self.layout)), term)[0])
            problem = self._clash_problem(term)
            self._set_text(before)
            shared = [p for p in parts if p in existing.parts] or list(existing.parts or parts)
            raise EditError(problem or f"'{existing.term}' {as_words(shared)} is already in {self.path} on line "
                                       f"{existing.line}. Change that entry instead of adding another.")
        entry_text = self._nl(render_entry(clean, self.layout))
        if self._splice(entry_text, term, clean):
            return self.entries[self._added[1]]
        text, index = self._inserted(entry_text, term)
        self._set_text(text)
        return self.entries[index]

    def _insertion(self, entry_text: str, term: str) -> tuple[int, str, int, int]:
        """Where a new entry goes in A-to-Z place: (offset, the text put there, where the entry starts in
        that text, the entry's index).  Offset -1: the list has no entries yet."""
        after = next((e for e in self.entries if e.term.casefold() > term.casefold()), None)
        index = self.entries.index(after) if after is not None else len(self.entries)
        sep = self._nl("\n\n" if self.layout.blank_between else "\n")
        if after is not None:
            return after.lead, entry_text + sep, 0, index
        if self.entries:
            return self.entries[-1].end, sep + entry_text, len(sep), index
        return -1, "", 0, index

    def _inserted(self, entry_text: str, term: str) -> tuple[str, int]:
        """The text with a new entry in A-to-Z place, and the entry's index."""
        pos, inserted, _, index = self._insertion(entry_text, term)
        if pos < 0:
            return self._first_entry(entry_text), index
        return self.text[:pos] + inserted + self.text[pos:], index

    def _splice(self, entry_text: str, term: str, values: dict[str, Any]) -> bool:
        """Add an entry without reading the whole list again: False when that cannot be done safely.

        A list of 50,000 words takes seconds to read.  When the list loaded (it was checked when it was
        opened) and its entries are a plain block list, each starting with '-' in the same column, the new
        entry goes in between two of them (or after the last) as a block of its own lines, and nothing
        else changes meaning: the places of the entries after it move by its length, and the new entry's
        own place comes from reading it alone.  :meth:`save` then checks the new entry alone (see
        :meth:`_check_added`).
        """
        checked = self._checked
        if (checked is None or not (checked[0] is self.text or checked[0] == self.text) or not self.entries
                or not self._block_list or self._added is not None):
            return False
        dash = " " * self.layout.dash + "-"
        text = self.text
        after_dash = (" ", "\r", "\n")
        if not all(text.startswith(dash, e.start) and text[e.start + len(dash):e.start + len(dash) + 1] in after_dash
                   for e in self.entries):
            return False
        if not entry_text.startswith(dash + " ") or "\t" in entry_text:
            return False
        pos, inserted, offset, index = self._insertion(entry_text, term)
        if pos < 0:
            return False
        nl = self.newline
        mini = WordlistFile(self.path, "words:" + nl + entry_text + nl, exists=False)
        if len(mini.entries) != 1 or mini.entries[0].term != str(values.get("term", "")).strip():
            return False
        new_text = text[:pos] + inserted + text[pos:]
        at = pos + offset  # where the new entry starts
        span = mini.entries[0]
        shift(span, at - len("words:" + nl), new_text.count("\n", 0, at) - 1)
        moved, lines = len(inserted), inserted.count("\n")
        for e in self.entries[index:]:
            shift(e, moved, lines)
        self.entries.insert(index, span)
        self.text = new_text
        self._starts = line_starts(new_text)
        self._added = (checked, index, entry_text)
        return True

    def _check_added(self) -> bool:
        """Whether the entry :meth:`_splice` added loads, as the loader reads it with this list's defaults.

        The rest of the list loaded when it was opened, and :meth:`add` refused a term it already has, so
        the new list loads when the entry does.  False: check the whole list (which says what is wrong,
        with its own lines).
        """
        if self._added is None:
            return False
        _, index, entry_text = self._added
        nl = self.newline
        head = f"title: x{nl}licence: x{nl}"
        if self._defaults_text is not None:
            head += self._defaults_text.rstrip() + nl
        try:
            alone = parse_wordlist_text(self.path, head + "words:" + nl + entry_text + nl, cache=False)
        except DataErrors:
            return False
        span = self.entries[index]
        return len(alone.entries) == 1 and normalise(alone.entries[0].term) == normalise(span.term)

    def defaults(self) -> dict[str, Any]:
        """The list's ``defaults``, as YAML reads them (empty when there are none)."""
        if self._defaults is None:
            data: Any = None
            if self._defaults_text is not None:
                try:
                    data = yaml.load(self._defaults_text, Loader=_LOADER)
                except yaml.YAMLError:
                    data = None
            defaults = data.get("defaults") if isinstance(data, dict) else None
            self._defaults = dict(defaults) if isinstance(defaults, dict) else {}
        return self._defaults

    def _default_status(self) -> str:
        """The status the list's ``defaults`` give (agreed when they give none)."""
        status = self.defaults().get("status")
        return str(status) if status else "agreed"

    default_status = _default_status

    def _clash_problem(self, term: str) -> str | None:
        """The loader's message about ``term`` being in the list twice, if it finds that."""
        try:
            self.wordlist()
        except DataErrors as exc:
            lines = set()
            for e in self.find_all(term, include_retired=True):
                span = e.keys.get("term")
                lines.add(self.text.count("\n", 0, span.start) + 1 if span else e.line)
            for error in exc.errors:
                if error.line in lines:
                    return f"{error.problem} {error.hint}" if error.hint else error.problem
        return None

    def _first_entry(self, entry_text: str) -> str:
        """The text with ``words:`` holding only this entry (the list was empty)."""
        text = self.text
        if self.words_key is None:
            body = text if text.endswith("\n") or not text else text + "\n"
            return body + self._nl("words:\n") + entry_text + self.newline
        k = self.words_key
        start = self._starts[k.start_mark.line] + k.start_mark.column
        assert self.words_node is not None
        end = line_end(text, content_end(self.words_node, text, self._starts))
        return text[:start] + self._nl("words:\n") + entry_text + text[end:]

    def update(self, which: "str | EntrySpan", changes: dict[str, Any],
               parts: "str | tuple[str, ...] | list[str] | None" = None) -> EntrySpan:
        """Set (or with ``None``, remove) keys of an entry: ``which`` is one of :attr:`entries`, or a term.

        For a term with an entry for each part of speech, ``parts`` says which
        (see :meth:`find`; :class:`AmbiguousTerm` if it is not clear).
        """
        if isinstance(which, EntrySpan):
            index = next((i for i, e in enumerate(self.entries) if e is which), None)
            if index is None:
                raise EditError(f"'{which.term}' is no longer where it was in {self.path}.")
        else:
            entry = self.find(which, include_retired=True, parts=parts)
            if entry is None:
                raise EditError(f"'{which}' is not in {self.path}.")
            index = self.entries.index(entry)
        for key, value in changes.items():
            self._update_key(self.entries[index], key, value)  # positions move after each edit
        return self.entries[index]

    def _update_key(self, entry: EntrySpan, key: str, value: Any) -> None:
        text = self.text
        span = entry.keys.get(key)
        if value is None or value == "" or value == [] or value == {}:
            if span is None:
                return
            if span.first:
                raise EditError(f"The first line of the entry for '{entry.term}' cannot be removed.")
            end = span.end + len(self.newline) if span.end < len(text) else span.end
            self._set_text(text[:span.line_start] + text[end:])
            return
        rendered = self._nl(render_key(key, value, self.layout))
        if span is not None:
            if as_written(key, entry.values.get(key)) == as_written(key, as_text(value)):
                return  # the same already: leave the line as it is
            self._set_text(text[:span.start] + rendered + text[span.end:])
            return
        # A new key: after the nearest key that comes before it in the usual order.
        order = {k: i for i, k in enumerate(KEY_ORDER)}
        rank = order.get(key, len(order))
        before = [k for k in entry.keys if order.get(k, len(order)) <= rank]
        anchor = entry.keys[before[-1]] if before else list(entry.keys.values())[-1]
        pos = anchor.end
        self._set_text(text[:pos] + self.newline + " " * self.layout.key + rendered + text[pos:])

    def sort(self) -> bool:
        """Put the entries in A-to-Z order by term; returns whether anything moved."""
        if self.is_sorted() or not self.entries:
            return False
        text = self.text
        chunks = [text[e.lead:e.end] for e in self.entries]
        gaps = [text[a.end:b.lead] for a, b in zip(self.entries, self.entries[1:])]
        order = sorted(range(len(chunks)), key=lambda i: (self.entries[i].term.casefold(), i))
        body = chunks[order[0]]
        for gap, i in zip(gaps, order[1:]):
            body += gap + chunks[i]
        self._set_text(text[:self.entries[0].lead] + body + text[self.entries[-1].end:])
        return True

    # -- writing ---------------------------------------------------------

    def changed(self) -> bool:
        return self.text != self.original

    def save(self) -> bool:
        """Check the new text loads, then replace the file atomically.  Returns whether it wrote."""
        if not self.changed():
            return False
        if not self._check_added():
            self.wordlist()  # raises DataErrors: nothing is written
        self._added = None
        write_atomically(str(self.path), self.text.encode("utf-8"))
        self.original = self.text
        self.exists = True
        return True
