"""Find a term in the wordlists, in any of its forms, and tell your own lists from the shipped ones.

``words show``, ``words retire``, ``words add`` (to offer to override a shipped
word) and ``speakeasy explain TERM`` all find a word the same way: "signposting"
finds the entry for "signpost", and "signpost" finds an entry for
"signposting".  The forms are speakeasy's own (:func:`speakeasy.matching.expand_terms`,
from lemminflect): the same forms ``speakeasy check`` flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..matching import SEP_OPTIONAL, SEP_REQUIRED, expand_terms, normalise
from ..packdata import Entry, Wordlist, clash


@dataclass
class Hit:
    """One entry that has the term: ``exact`` when its term is the one asked for, not another form of it."""

    wordlist: Wordlist
    entry: Entry
    exact: bool
    own: bool  # in one of your own lists (not shipped with speakeasy or a plugin)

    @property
    def list_name(self) -> str:
        """"your list ours.yaml" or "speakeasy's 'social-care' list"."""
        return f"your list {self.wordlist.path}" if self.own else f"speakeasy's '{self.wordlist.id}' list"


def _keys(forms: Iterable[tuple[str, str]]) -> set[str]:
    return {normalise(f.replace(SEP_OPTIONAL, " ").replace(SEP_REQUIRED, " ")) for f, _ in forms}


def own_paths(settings: Any) -> set[Path]:
    """Your own wordlists: the ones your settings name (``wordlists:``), resolved."""
    from ..packs import builtin_wordlists_dir

    shipped = builtin_wordlists_dir().resolve()
    out = set()
    for name in settings["wordlists"] or []:
        p = Path(str(name))
        if not p.is_absolute():
            p = settings.base("wordlists") / p
        if p.suffix in (".yaml", ".yml") and p.resolve().parent != shipped:
            out.add(p.resolve())
    return out


def every_list(settings: Any, extra: Iterable[Path] = (), ruleset: Any = None) -> list[tuple[Wordlist, bool]]:
    """Every list in use, each with all its entries (also the ones your lists override), and whether it is
    your own.  ``extra``: lists to look in too (the one ``--list`` names), counted as your own."""
    from ..packs import load_wordlist
    from ..ruleset import build_ruleset

    ruleset = ruleset if ruleset is not None else build_ruleset(settings)
    extras = [Path(p) for p in extra]
    mine = own_paths(settings) | {p.resolve() for p in extras}
    out: list[tuple[Wordlist, bool]] = []
    seen: set[Path] = set()
    paths = [Path(wl.path) for rule in ruleset.rules for wl in rule.wordlists] + extras
    for path in paths:
        key = path.resolve()
        if key in seen or not path.exists():
            continue
        seen.add(key)
        out.append((load_wordlist(path), key in mine))
    return out


@dataclass(frozen=True)
class Indexed:
    """One entry of one list, as :func:`term_index` files it; ``order``: its place in the lists given."""

    order: int
    wordlist: Wordlist
    own: bool
    entry: Entry


def term_index(lists: list[tuple[Wordlist, bool]]) -> dict[str, list[Indexed]]:
    """Every entry of ``lists`` (retired and proposed ones too) under its term and every form of it,
    normalised as the matcher sees them; each key's entries in the order of ``lists``."""
    candidates = [(wl, own, e) for wl, own in lists for e in wl.entries]
    terms = sorted({e.term for _, _, e in candidates})
    forms = dict(zip(terms, expand_terms(terms))) if terms else {}
    out: dict[str, list[Indexed]] = {}
    for i, (wl, own, e) in enumerate(candidates):
        for key in _keys(forms.get(e.term, ())) | {normalise(e.term)}:
            out.setdefault(key, []).append(Indexed(i, wl, own, e))
    return out


def find(term: str, lists: list[tuple[Wordlist, bool]]) -> list[Hit]:
    """Every entry of ``lists`` for ``term`` or a form of it (retired and proposed ones too), own lists first."""
    want = normalise(" ".join(term.split()))
    if not want:
        return []
    index = term_index(lists)
    found = {x.order: x for x in index.get(want, ())}
    for key in _keys(expand_terms([term])[0]):  # an entry whose term is a form of the one asked for
        found.update({x.order: x for x in index.get(key, ()) if normalise(x.entry.term) == key})
    hits = [Hit(x.wordlist, x.entry, normalise(x.entry.term) == want, x.own) for _, x in sorted(found.items())]
    hits.sort(key=lambda h: (not h.own, not h.exact))
    return hits


def overridden_by(hit: Hit, hits: list[Hit]) -> list[Hit]:
    """The entries of your own lists that take the place of a shipped entry (``overrides:`` its list)."""
    if hit.own:
        return []
    return [h for h in hits if h.own and h.entry.overrides == hit.wordlist.id
            and normalise(h.entry.term) == normalise(hit.entry.term)
            and clash(h.entry.parts, hit.entry.parts)]
