"""The form of ``speakeasy words edit``: its boxes, an entry as the form shows it, and the form's values as a wordlist holds them.

No textual here: the tests call these functions directly.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import SpeakeasyError
from ...matching import normalise
from ...packs import DEFAULTS, Entry
from ...schema import DataErrors
from ..values import (
    FIX_DEFAULT,
    WITHIN_DEFAULT,
    as_words,
    format_list,
    format_use,
    parse_parts,
    parse_use,
    split,
)


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
    """A date box: 2026-03-14, 14/03/2026 or 14 March 2026, as ``words add --agreed`` takes (see :mod:`..dates`)."""
    from ..dates import DateError, read_date

    if not text.strip():
        return None
    try:
        return read_date(f"'{f.label}'", text)
    except DateError as exc:
        raise NotSaved(f"{exc}.", f.key) from None


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



def first_problem(exc: Exception) -> str:
    """The first problem of a failed edit, in plain words, with its hint."""
    if isinstance(exc, DataErrors) and exc.errors:
        first = exc.errors[0]
        text = getattr(first, "problem", None) or str(first)
        hint = getattr(first, "hint", None)
        return f"{text} {hint}" if hint else text
    if isinstance(exc, SpeakeasyError):
        return exc.message
    return str(exc)




def pick(entries: list[Entry], term: str, line: int | None = None) -> Entry | None:
    """The entry for ``term``: the one on ``line`` when given, else the first that is not retired, else the first."""
    same = [e for e in entries if normalise(e.term) == normalise(term)]
    if line is not None:
        for e in same:
            if e.line == line:
                return e
    active = [e for e in same if e.status != "retired"]
    return (active or same or [None])[0]
