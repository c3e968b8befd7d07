"""Your organisation's own entry for a word a shipped list has: ``overrides:``, and ``words retire``.

speakeasy ships lists of words (social care jargon, formal English).  An
organisation may disagree with a shipped entry: it wants other plain words, a
reason in its own words, or not to flag the word at all.  It does not edit the
shipped list (an upgrade would undo that); it adds an entry to its own list
with ``overrides: social-care``, the id of the shipped list.  When checking,
the local entry wins: the shipped entry for that term (and the same part of
speech) is left out (:func:`speakeasy.ruleset.overriding_entries`).

Every such entry says who added it and when (``added_by``, ``added``), and
who agreed it (``agreed_by``, ``agreed``), as every entry may.
"""

from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..matching import normalise
from ..packdata import Entry
from .values import as_words, clash, format_use


def is_shipped(origin: dict[str, Any], settings: Any) -> bool:
    """Whether the list an entry is in is one speakeasy (or a plugin) ships, not one of your own."""
    from .lookup import own_paths

    try:
        return Path(str(origin.get("file", ""))).resolve() not in own_paths(settings)
    except OSError:
        return False


def ask(term: str, origin: dict[str, Any], entry: Entry | None) -> bool | None:
    """Ask whether to use your words instead of a shipped entry: the answer, or None without a person at a
    terminal to ask."""
    from .lint import where

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    theirs = f", with the plain words {format_use(entry.use, entry.use_as)}" if entry is not None else ""
    sys.stdout.write(f"'{term}' is already in {where(origin)}{theirs}. Use your words instead, for your "
                     "organisation? Type y for yes or n for no, then press Enter: ")
    sys.stdout.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")


@dataclass
class Shipped:
    """A shipped entry a spreadsheet row may take the place of."""

    list_id: str
    path: str
    entry: Entry


def shipped_terms(settings: Any, target: Path) -> dict[str, list[Shipped]]:
    """Every form of every term of the shipped lists in use (keyed as the matcher sees it)."""
    from .lookup import every_list, term_index

    try:
        target_key = target.resolve()
    except OSError:
        target_key = target
    lists = [(wl, own) for wl, own in every_list(settings) if not own and Path(wl.path).resolve() != target_key]
    out: dict[str, list[Shipped]] = {}
    for key, found in term_index(lists).items():
        kept = [Shipped(x.wordlist.id, x.wordlist.path, x.entry) for x in found if x.entry.status != "retired"]
        if kept:
            out[key] = kept
    return out


def shipped_clash(shipped: dict[str, list[Shipped]], term: str, parts: tuple[str, ...]) -> Shipped | None:
    """The shipped entry that already flags ``term`` used as ``parts``, or None."""
    for s in shipped.get(normalise(term), []):
        if clash(s.entry.parts, parts):
            return s
    return None


def retire(term: str, path: Path, settings: Any, why: str, by: str | None, parts: tuple[str, ...],
           title: str) -> str:
    """Retire a word in your list (or add a shipped word to it as retired).  Returns what was done, in words."""
    from ..schema import DataErrors
    from .lookup import every_list, find, own_paths
    from .store import AmbiguousTerm, EditError, WordlistFile

    created = not path.exists()
    wf = WordlistFile.create(path, title) if created else WordlistFile.open(path)
    today = _dt.date.today()
    history = {"status": "retired", "retired": today, "retired_by": by, "retired_why": why}
    own = [h for h in find(term, [(wf.wordlist(), True)]) if not parts or clash(h.entry.parts, parts)] \
        if wf.entries else []
    exact = [h for h in own if h.exact] or own
    note = ""
    try:
        if exact:
            name = exact[0].entry.term
            span = wf.find(name, include_retired=True, parts=parts or None)
            if span is None:
                raise UsageError(f"'{term}' is not in {path}{' ' + as_words(parts) if parts else ''}.")
            if span.status == "retired":
                raise UsageError(f"'{span.term}' is already retired in {path} (line {span.line}).")
            span = wf.update(span, history)
            done = f"Retired '{span.term}' in {path} (line {span.line})"
        else:
            hits = [h for h in find(term, [(wl, o) for wl, o in every_list(settings) if not o])
                    if h.entry.status != "retired" and (not parts or clash(h.entry.parts, parts))]
            hits = [h for h in hits if h.exact] or hits
            if not hits:
                raise UsageError(f"'{term}' is not in {path} or in any wordlist in use, so there is nothing to "
                                 "retire. To look for it: speakeasy words show " + term)
            if len(hits) > 1:
                which = " and ".join(f"{as_words(h.entry.parts) or 'for any use'} in {h.list_name}" for h in hits)
                raise UsageError(f"'{term}' is in more than one shipped entry: {which}. Say which with --as.")
            hit = hits[0]
            e = hit.entry
            values: dict[str, Any] = {
                "term": e.term, "use": e.use_as or list(e.use), "why": e.why,
                "as": list(e.parts) if e.parts and tuple(e.use_as) != e.parts else None,
                "added_by": by, "added": today, "overrides": hit.wordlist.id, **history,
            }
            span = wf.add({k: v for k, v in values.items() if v not in (None, "", [], {})})
            form = "" if hit.exact else f" ('{term}' is a form of it)"
            done = (f"'{e.term}'{form} is in {hit.list_name}. Added it to {path} (line {span.line}) as retired, "
                    "in place of that entry")
        wf.save()
    except AmbiguousTerm as exc:
        raise UsageError(f"{exc} Say which with --as.") from None
    except EditError as exc:
        raise UsageError(str(exc)) from None
    except DataErrors as exc:
        first = exc.errors[0]
        raise UsageError(f"{path}: {getattr(first, 'problem', str(first))}") from None
    if path.resolve() not in own_paths(settings):
        note = (f" Your settings do not use {path} yet: add it to `wordlists:` in .speakeasy.yaml, or check with "
                f"--wordlist {path}.")
    made = (f"Made a new wordlist, {path}, with the licence CC-BY-4.0. Change `licence:` at the top if your group "
            "chose another.\n") if created else ""
    return f"{made}{done}: speakeasy no longer flags it. The entry stays in the list for the record.{note}\n"
