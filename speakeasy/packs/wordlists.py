"""A wordlist's YAML checked and made into a :class:`~speakeasy.packdata.Wordlist`, each problem in plain words."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import UserDataError
from ..matching import normalise as _normalise
from ..packdata import Entry, Source, Topic, Wordlist
from ..schema import DataErrors, Validator
from ..schema.reading import node_kind
from .reading import read_node
from .schemas import WORDLIST


def parse_wordlist(path: Path, text: str | None = None) -> Wordlist:
    shown, text, node = read_node(path, text, tuple(WORDLIST.names()), "a wordlist")
    v = Validator(shown, text)
    if node is None:
        v.errors.append(UserDataError(shown, "This wordlist is empty.", 1, 1, "Start from a copy of a shipped wordlist."))
        raise DataErrors(v.errors)
    if not isinstance(node, yaml.MappingNode):
        v.errors.append(UserDataError(
            shown, f"A wordlist should be a set of `key: value` lines, but this is {node_kind(node)}.",
            node.start_mark.line + 1, node.start_mark.column + 1,
            "Start from a copy of a shipped wordlist. It begins with `title:`.", source=text,
        ))
        raise DataErrors(v.errors)
    data = v.mapping(node, WORDLIST)
    del node  # what follows needs only the data (the node tree of a long list is about 170 MB)
    defaults = {k: val for k, val in data.get("defaults", {}).items() if not k.startswith("__")}
    wordlist = Wordlist(
        id=path.stem,
        path=shown,
        title=data.get("title", path.stem),
        licence=data.get("licence", ""),
        entries=[],
        description=data.get("description"),
        sources=[Source.from_data(s) for s in data.get("sources", [])],
        maintained_by=data.get("maintained_by"),
        co_produced_by=list(data.get("co_produced_by", [])),
        level=data.get("level"),
    )
    topic = data.get("topic")
    if topic and topic.get("about") and topic.get("words"):
        wordlist.topic = Topic(topic["about"], tuple(topic["words"]))
    terms: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
    for item in data.get("words", []):
        if "term" not in item or "use" not in item or "why" not in item:
            continue  # already reported
        values = dict(defaults)
        values.update({k: val for k, val in item.items() if not k.startswith("__")})
        use = values["use"]
        use_as: dict[str, list[str]] = {}
        if isinstance(use, dict):
            use_as = {part: list(alts) for part, alts in use.items()}
            use = list(dict.fromkeys(alt for alts in use_as.values() for alt in alts))
        parts = tuple(dict.fromkeys(values.get("as") or use_as))
        entry = Entry(
            term=values["term"],
            use=list(use),
            why=values["why"],
            unless=list(values.get("unless", [])),
            parts=parts,
            use_as=use_as,
            when=list(values.get("when", [])),
            within=values.get("within", "sentence"),
            everywhere=bool(values.get("everywhere", False)),
            explained_ok=bool(values.get("explained_ok", False)),
            fix=values.get("fix") or "ask",
            examples=list(values.get("examples", [])),
            fine_examples=list(values.get("fine_examples", [])),
            notes=values.get("notes"),
            source=values.get("source"),
            licence=values.get("licence"),
            added_by=values.get("added_by"),
            agreed=values.get("agreed"),
            agreed_by=values.get("agreed_by"),
            status=values.get("status", "agreed"),
            review_by=values.get("review_by"),
            added=values.get("added"),
            overrides=values.get("overrides"),
            retired=values.get("retired"),
            retired_by=values.get("retired_by"),
            retired_why=values.get("retired_why"),
            line=item["__line__"],
            column=item["__column__"],
            wordlist=wordlist,
        )
        problem = entry_problem(entry)
        if problem:
            message, hint, index, key_name = problem
            pos = item["__pos__"].get(key_name)
            line, column = pos.item(index) if pos else (entry.line, entry.column)
            v.errors.append(UserDataError(shown, message, line, column, hint, source=text))
            continue
        # The same term twice: the second would never be used.  A retired
        # entry may stay next to the one that replaced it, and one term may
        # have an entry for each part of speech ("impact" as a noun and as a verb).
        key = (_same(entry.term), entry.status)
        term_pos = item["__pos__"].get("term")
        line, column = (term_pos.line, term_pos.column) if term_pos else (entry.line, entry.column)
        if "as" in item.get("__bad__", ()) or item.get("as") == []:
            continue  # already reported; which entry it clashes with depends on what `as` was meant to say
        clash = _same_term_clash(terms.get(key, []), entry.parts) if entry.status != "retired" else None
        if clash is not None:
            first, shared = clash
            if shared:
                message = (f"'{entry.term}' as a {' and '.join(shared)} is in this wordlist twice. "
                           f"The first is on line {first}.")
                hint = "Keep one entry for each part of speech. Change `as:` in one of them, or delete one."
            else:
                message = f"'{entry.term}' is in this wordlist twice. The first is on line {first}."
                hint = ("Keep one entry. Move anything you need from this one into the first, then delete this one. "
                        "If the two are for different parts of speech, say which in `as:` in both.")
            v.errors.append(UserDataError(shown, message, line, column, hint, source=text))
            continue
        terms.setdefault(key, []).append((line, entry.parts))
        wordlist.entries.append(entry)
    if v.errors:
        raise DataErrors(v.errors)
    return wordlist


@lru_cache(maxsize=65_536)
def _same(text: str) -> str:
    """What the matcher sees: "Care-package" and "care package" are the same.  (Remembered: a long list
    gives the same few thousand plain words again and again.)"""
    return _normalise(text)


def _same_term_clash(earlier: list[tuple[int, tuple[str, ...]]],
                     parts: tuple[str, ...]) -> tuple[int, list[str]] | None:
    """Does an entry clash with earlier entries for the same term?  (line of the first, the shared parts).

    Two entries for one term are fine when each says its part of speech and they share none.
    """
    for line, other in earlier:
        if not parts or not other:
            return line, []
        shared = [p for p in parts if p in other]
        if shared:
            return line, shared
    return None


def entry_problem(entry: Entry) -> tuple[str, str, int, str] | None:
    """A problem with an entry as a whole: (message, hint, index of the bad item, its key)."""
    term = _same(entry.term)
    for index, alt in enumerate(entry.use):
        if _same(alt) == term:
            return (
                f"'{alt}' is the same as the term, so it is not a plain alternative.",
                "Give a different, plainer word.",
                index,
                "use",
            )
    if entry.use_as and entry.parts != tuple(entry.use_as):
        missing = [p for p in entry.use_as if p not in entry.parts]
        if missing:
            return (
                f"`use` gives words for the term as a {missing[0]}, but `as` does not list {missing[0]}.",
                f"Add {missing[0]} to `as`, or take the {missing[0]} words out of `use`.",
                0,
                "as",
            )
    if entry.fix == "safe":
        many = [part for part, alts in entry.use_as.items() if len(alts) > 1] if entry.use_as else (
            ["all"] if len(entry.use) > 1 else [])
        if many:
            return (
                "`fix: safe` needs exactly one plain alternative"
                + (f" for each part of speech, but the {many[0]} has more than one." if entry.use_as
                   else f", but this entry has {len(entry.use)}."),
                "Keep one alternative, or change `fix` to ask, so that a person chooses in speakeasy review.",
                0,
                "fix",
            )
    for index, word in enumerate(entry.when):
        if _same(word) == term:
            return (
                f"'{word}' in `when` is the term itself, so it would always be near.",
                "List other words that show the term is used in the sense you mean.",
                index,
                "when",
            )
    for index, word in enumerate(entry.unless):
        if _same(word) == term:
            return (
                f"'{word}' in `unless` is the term itself, so the term would never be flagged.",
                "List other words that show the term is fine, or delete the entry.",
                index,
                "unless",
            )
    return None
