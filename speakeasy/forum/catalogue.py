"""Every wordlist the forum shows, read through speakeasy's own wordlist loader, and searched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..packdata import Entry, Wordlist
from ..packs import builtin_wordlists_dir, load_wordlist
from ..schema import DataErrors
from ..words.edit.form import matches, pick


@dataclass
class ListView:
    """One wordlist as the forum shows it: its id in links, and whether the forum publishes to it."""

    key: str
    path: Path
    wordlist: Wordlist | None
    ours: bool
    problem: str | None = None

    @property
    def title(self) -> str:
        return self.wordlist.title if self.wordlist else self.path.stem

    @property
    def entries(self) -> list[Entry]:
        return sorted(self.wordlist.entries, key=lambda e: (e.term.casefold(), e.line)) if self.wordlist else []


def shipped_lists() -> list[Path]:
    return sorted(builtin_wordlists_dir().glob("*.yaml"))


def load(paths: list[Path], ours: Path) -> list[ListView]:
    """The lists in ``paths`` and ``ours`` (the organisation's own, which may not exist yet).

    Each is read again when its file has changed.
    """
    seen: dict[Path, ListView] = {}
    for path in [ours, *paths]:
        real = path.resolve()
        if real in seen:
            continue
        key = path.stem if path.stem not in {v.key for v in seen.values()} else f"{path.stem}-{len(seen)}"
        view = ListView(key, path, None, real == ours.resolve())
        if path.exists():
            try:
                view.wordlist = load_wordlist(path)
            except DataErrors as exc:
                first = exc.errors[0] if exc.errors else None
                view.problem = str(first) if first else "This wordlist does not load."
        seen[real] = view
    return list(seen.values())


def search(lists: list[ListView], query: str) -> list[tuple[ListView, Entry]]:
    """Every entry whose term, plain words or reason has the search text, A to Z."""
    found = [(view, e) for view in lists for e in view.entries if matches(e, query)]
    return sorted(found, key=lambda pair: (pair[1].term.casefold(), pair[0].key))


def find(lists: list[ListView], key: str, term: str, line: int | None = None) -> tuple[ListView, Entry] | None:
    for view in lists:
        if view.key != key:
            continue
        entry = pick(view.entries, term, line)
        if entry is not None:
            return view, entry
    return None
