"""``words check``: check wordlists the way codespell checks its dictionaries.

Beyond what the loader checks (the shape of the file, spelling of keys,
dates, a term listed twice in one list for the same part of speech), a list
is checked as data:

* a term that is also in another list in use (or is a form of one, like
  ``signposting`` and ``signpost``), for the same part of speech (an entry
  for "impact" as a verb does not repeat one for "impact" as a noun);
* an alternative that is itself a listed term, or that speakeasy's other
  rules flag: an alternative must be plainer than the word it replaces;
* an example sentence that its own entry does not flag (saying why when the
  entry tells: no ``when`` word in it, an ``unless`` word in it, or the term
  used as another part of speech);
* a word in both ``when`` and ``unless`` of one entry (the term could then
  never be flagged near it);
* ``within`` without ``when`` or ``unless``, where it has nothing to say how
  near;
* entries out of A-to-Z order (``--fix-order`` sorts them).

A list's ``topic`` is left out of these checks: a term, an alternative or an
example on its own is not about any topic.

Every problem has the file, the line and column, what is wrong and what to
do, in plain English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..errors import UsageError, UserDataError
from ..matching import normalise
from ..model import Finding, Level
from ..packs import Entry, Rule, Wordlist
from ..schema import DataErrors
from .store import EntrySpan, WordlistFile
from .values import WITHIN_DEFAULT, as_words, clash


class DataProblem(UserDataError):
    """A list that loads, but has a problem with its words (not with the shape of the file)."""

    data_problem = True


@dataclass
class CheckResult:
    problems: list[UserDataError] = field(default_factory=list)
    checked: int = 0
    sorted_files: list[str] = field(default_factory=list)


def _word_rule(wordlists: list[Wordlist], rule_id: str = "words.check") -> Rule:
    """A rule with the words of ``wordlists``, proposed ones too, whatever their lists' topics."""
    rule = Rule(
        id=rule_id, pack="words", kind="substitution", level=Level.WARNING, summary="", why="",
        example_bad="", example_good="", options={"wordlists": [w.path for w in wordlists], "everywhere": True},
        wordlists=list(wordlists), include_proposed=True,
    )
    return rule


def _bare(wordlists: list[Wordlist]) -> list[Wordlist]:
    """The lists with each entry flagged wherever its term is: no part of speech, ``when`` or ``unless``.

    To find a term another list has, the term on its own is checked: it has no
    sentence around it to tag or to have ``when`` words in.  Which part of
    speech each entry is for is compared afterwards (:func:`covering`).
    """
    out = []
    for wl in wordlists:
        copy = replace(wl, entries=[])
        copy.entries = [replace(e, parts=(), use_as={}, when=[], unless=[]) for e in wl.entries]
        out.append(copy)
    return out


def covering(matcher: "_Matcher", term: str, parts: tuple[str, ...],
             lists: list[Wordlist]) -> tuple[dict, Entry | None] | None:  # type: ignore[type-arg]
    """The finding (its origin) and the entry of ``lists`` that already flags ``term`` used as ``parts``, or None.

    ``matcher`` holds :func:`_bare` copies of ``lists``.  An entry for "impact"
    as a noun does not cover "impact" as a verb.
    """
    for f in matcher.findings(term):
        if not _covers(f, term):
            continue
        o = f.origin or {}
        same = [e for wl in lists if wl.path == o.get("file") for e in wl.entries
                if normalise(e.term) == normalise(str(o.get("term", ""))) and e.status != "retired"]
        hit = next((e for e in same if clash(e.parts, parts)), None)
        if hit is not None:
            return {**o, "line": hit.line}, hit
        if not same:
            return o, None
    return None


class _Matcher:
    """Runs a set of rules on short texts (terms, alternatives, examples)."""

    def __init__(self, rules: list[Rule], settings) -> None:  # type: ignore[no-untyped-def]
        from ..ruleset import RuleSet
        from ..registry import registry

        self.ruleset = RuleSet([], [], settings)
        for rule in rules:
            r = rule.copy(enabled=True)
            self.ruleset.rules.append(r)
            self.ruleset.kinds.append(registry()[r.kind](r))
        #: The findings for each text checked so far: a long list gives the same plain words again and again.
        self._seen: dict[str, list[Finding]] = {}

    def findings(self, text: str) -> list[Finding]:
        from ..engine import lint_text
        from ..model import INTERNAL_RULE

        got = self._seen.get(text)
        if got is None:
            if len(self._seen) > 100_000:
                self._seen.clear()
            if self._nothing_to_find(text):
                got = self._seen[text] = []
            else:
                # a rule that stopped with an error says nothing about the words; (the counts and
                # scores of a text are not needed: only its findings)
                found = lint_text(text, self.ruleset, "words-check.txt", "text", with_stats=False).findings
                got = self._seen[text] = [f for f in found if f.rule != INTERNAL_RULE]
        return list(got)

    def expect(self, texts: list[str]) -> None:
        """Get the wordlist rules ready to check each of many short texts (see ``FormSet.expect``)."""
        texts = [t for t in dict.fromkeys(texts) if t not in self._seen]
        for kind in self.ruleset.kinds:
            matcher = getattr(kind, "matcher", None)
            if matcher is not None and kind.rule.kind == "substitution":
                matcher.forms.expect(texts)

    def _nothing_to_find(self, text: str) -> bool:
        """Whether the rules cannot find anything in ``text``, without checking it: they are all wordlists'
        (a finding is always a match of a form of a word), and no form of their words is in the text, a plain
        one of letters, spaces, hyphens and apostrophes that nothing masks.  (A list of 50,000 words is
        checked term by term against the other lists: most terms are in none.)"""
        if not _PLAIN_WORDS.fullmatch(text):
            return False
        for kind in self.ruleset.kinds:
            if kind.rule.kind != "substitution":
                return False
            matcher = getattr(kind, "matcher", False)
            if matcher is False or (matcher is not None and matcher.forms.might_match(text)):
                return False
        return True


_PLAIN_WORDS = re.compile(r"[A-Za-z][A-Za-z' -]*")


@lru_cache(maxsize=4)
def _lines(text: str) -> list[str]:
    """``text.splitlines()``, kept: a list of 50,000 words may have hundreds of problems to place."""
    return text.splitlines()


def _excerpt_line(text: str, entry_line: int, needle: str) -> tuple[int, int]:
    """The line and column of ``needle`` at or after an entry's first line."""
    lines = _lines(text)
    probe = needle[:40]
    for i in range(max(entry_line - 1, 0), len(lines)):
        col = lines[i].find(probe)
        if col >= 0:
            return i + 1, col + 1
        if i > entry_line and lines[i].lstrip().startswith("- term:"):
            break
    return entry_line, 1


def where(origin: dict) -> str:  # type: ignore[type-arg]
    """Where a wordlist entry is, in words: "wordlists/ours.yaml (line 4)" or "speakeasy's 'social-care' list (line 4)"."""
    from ..packs import builtin_wordlists_dir

    file = str(origin.get("file", ""))
    try:
        shipped = Path(file).resolve().parent == builtin_wordlists_dir().resolve()
    except OSError:
        shipped = False
    name = f"speakeasy's '{Path(file).stem}' list" if shipped else file
    return f"{name} (line {origin.get('line')})"


def _covers(f: Finding, text: str) -> bool:
    return f.start == 0 and f.end >= len(text.rstrip(".")) and f.origin is not None


def check_lists(paths: list[Path], in_use: list[Wordlist], settings, fix_order: bool = False,
                packs: Iterable[Path] = ()) -> CheckResult:  # type: ignore[no-untyped-def]
    """Check wordlist files (and pack files) against each other and the lists in use."""
    from ..ruleset import build_ruleset
    from ..packs import load_pack

    result = CheckResult()
    for pack in packs:
        try:
            load_pack(pack)
        except DataErrors as exc:
            result.problems.extend(exc.errors)
        result.checked += 1
    loaded: list[tuple[WordlistFile, Wordlist]] = []
    for path in paths:
        result.checked += 1
        try:
            wf = WordlistFile.open(path)
        except DataErrors as exc:
            result.problems.extend(exc.errors)
            continue
        if fix_order and wf.sort():
            wf.save()
            result.sorted_files.append(str(path))
        loaded.append((wf, wf.wordlist()))
    if not loaded:
        return result
    checked_paths = {Path(w.path).resolve() for _, w in loaded}
    others = [w for w in in_use if Path(w.path).resolve() not in checked_paths]
    everything = [w for _, w in loaded] + others
    base = build_ruleset(settings)
    flaggers = [r for r in base.rules if r.kind in ("substitution", "existence") and not r.wordlists]
    alt_matcher = _Matcher([_word_rule(everything)] + flaggers, base.settings)
    alt_matcher.expect([alt for _, wl in loaded for e in wl.entries if e.status != "retired" for alt in e.use])
    for index, (wf, wl) in enumerate(loaded):
        shown, text = wl.path, wf.text
        earlier = [w for _, w in loaded[:index]] + others
        dup_matcher = _Matcher([_word_rule(_bare(earlier))], base.settings) if earlier else None
        if dup_matcher is not None:
            dup_matcher.expect([e.term for e in wl.entries if e.status != "retired"])
        spans = _SpansByLine(wf)
        for entry in wl.entries:
            if entry.status == "retired":
                continue
            _check_entry(entry, shown, text, dup_matcher, earlier, alt_matcher, result)
            _check_context(entry, spans, shown, wf, result)
            if entry.overrides:
                _check_overrides(entry, spans.get(entry.line), shown, wf, in_use, result)
        own = None  # (made when an entry has examples: for a long list it takes a second)
        for entry in wl.entries:
            if entry.status == "retired":
                continue
            for example in entry.examples:
                if own is None:
                    own = _Matcher([_word_rule([wl])], base.settings)
                found = own.findings(example)
                if not any(f.origin and f.origin.get("term") == entry.term and f.origin.get("line") == entry.line
                           for f in found):
                    line, col = _excerpt_line(text, entry.line, example)
                    problem, hint = _why_not_flagged(entry, example)
                    result.problems.append(DataProblem(shown, problem, line, col, hint, source=text))
        if not wf.is_sorted():
            prev = wf.entries[0]
            for span in wf.entries[1:]:
                if span.term.casefold() < prev.term.casefold():
                    col = span.keys["term"].start - span.start + 1 if "term" in span.keys else 1
                    result.problems.append(DataProblem(
                        shown, f"'{span.term}' should come before '{prev.term}' (line {prev.line}): "
                        "the words are kept in A to Z order.", span.line, col,
                        f"Run `speakeasy words check --fix-order {shown}` to sort the whole list.",
                        source=text))
                    break
                prev = span
    order = {p: i for i, p in enumerate([w.path for _, w in loaded])}
    result.problems.sort(key=lambda e: (order.get(e.path, -1), e.line or 0, e.column or 0))
    return result


def _check_entry(entry: Entry, shown: str, text: str, dup_matcher: "_Matcher | None", earlier: list[Wordlist],
                 alt_matcher: _Matcher, result: CheckResult) -> None:
    if dup_matcher is not None:
        found = covering(dup_matcher, entry.term, entry.parts, earlier)
        if found is not None and entry.overrides and found[0].get("wordlist") == entry.overrides \
                and normalise(str(found[0].get("term", ""))) == normalise(entry.term):
            found = None  # it takes the place of that entry, on purpose (`overrides:`)
        if found is not None:
            o, other = found
            same = normalise(str(o.get("term", ""))) == normalise(entry.term)
            theirs = f" ({as_words(other.parts)})" if other is not None and other.parts else ""
            what = "is also" if same else f"is already covered by '{o.get('term')}'{theirs}"
            name = f"'{entry.term}'" + (f" ({as_words(entry.parts)})" if entry.parts else "")
            result.problems.append(DataProblem(
                shown, f"{name} {what} in {where(o)}.",
                entry.line, entry.column,
                "Keep the word in one list only, or speakeasy flags it twice.", source=text))
    for alt in entry.use:
        found = [f for f in alt_matcher.findings(alt)
                 if not (f.origin and normalise(str(f.origin.get("term", ""))) == normalise(entry.term))]
        if not found:
            continue
        f = found[0]
        line, col = _excerpt_line(text, entry.line, alt)
        if f.origin:
            why = f"'{f.match}' in it is itself listed as jargon in {where(f.origin)}"
        else:
            why = f"speakeasy flags '{f.match}' in it ({f.rule})"
        result.problems.append(DataProblem(
            shown, f"The alternative '{alt}' for '{entry.term}' is not plain enough: {why}.", line, col,
            "Give an alternative that is plainer than the word it replaces.", source=text))


def _word_in(words: list[str], text: str) -> str | None:
    """The first of ``words`` in ``text`` (as whole words, with simple endings like -s and -ing), or None."""
    low = " ".join(text.lower().split())
    for word in words:
        pattern = re.escape(" ".join(word.lower().split())).replace(r"\ ", r"[\s-]+")
        if re.search(r"(?<![\w-])" + pattern + r"(?:s|es|ed|ing|'s|’s)?(?![\w])", low):
            return word
    return None


def _why_not_flagged(entry: Entry, example: str) -> tuple[str, str]:
    """Why an example is not flagged by its entry, and what to do, as near as the words of the entry tell."""
    term = entry.term
    if entry.when and _word_in(entry.when, example) is None:
        return (f"The example for '{term}' has none of its `when` words, so speakeasy does not flag it.",
                f"Add one of them to the example ({', '.join(entry.when)}), or take the example out.")
    unless = _word_in(entry.unless, example)
    if unless is not None:
        return (f"The example for '{term}' has '{unless}', one of its `unless` words, so speakeasy does not "
                "flag it.", f"Take '{unless}' out of the example, or take the example out.")
    if entry.parts and _word_in([term], example) is not None:
        parts = as_words(entry.parts)
        return (f"The example for '{term}' does not use it {parts}, so speakeasy does not flag it.",
                f"Change the example so it uses '{term}' {parts}, or take it out.")
    return (f"The example for '{term}' does not use it, so speakeasy does not flag it.",
            f"Change the example so it has the words '{term}' in it, or take it out.")


def _key_line(wf: WordlistFile, span: "EntrySpan | None", key: str, needle: str | None = None) -> tuple[int, int]:
    """The line and column of a key of an entry (or of ``needle`` in its value)."""
    if span is None or key not in span.keys:
        return (span.line, 1) if span is not None else (1, 1)
    at = span.keys[key]
    if needle is not None:
        found = wf.text.find(needle, at.start, at.end + 1)
        if found >= 0:
            line_start = wf.text.rfind("\n", 0, found) + 1
            return wf.text.count("\n", 0, found) + 1, found - line_start + 1
    return wf.text.count("\n", 0, at.start) + 1, at.start - at.line_start + 1


class _SpansByLine:
    """Each entry's place in a list's file, by the line it starts on; read when first asked for (for a list
    of 50,000 words, reading them takes seconds, and only the entries with a problem need theirs)."""

    def __init__(self, wf: WordlistFile) -> None:
        self._wf = wf
        self._by_line: "dict[int, EntrySpan] | None" = None

    def get(self, line: int) -> "EntrySpan | None":
        if self._by_line is None:
            self._by_line = {span.line: span for span in self._wf.entries}
        return self._by_line.get(line)


def _check_context(entry: Entry, spans: _SpansByLine, shown: str, wf: WordlistFile,
                   result: CheckResult) -> None:
    """``when``, ``unless`` and ``within`` that cannot work as meant."""
    unless = {normalise(w): w for w in entry.unless}
    for word in entry.when:
        if normalise(word) in unless:
            line, col = _key_line(wf, spans.get(entry.line), "unless", unless[normalise(word)])
            result.problems.append(DataProblem(
                shown, f"'{word}' is in both `when` and `unless` of '{entry.term}', so the term is never flagged "
                "when it is near that word.", line, col,
                "Keep the word in one of them: in `when` if it shows the term is jargon, in `unless` if it shows "
                "the term is fine.", source=wf.text))
    if entry.within == WITHIN_DEFAULT or entry.when or entry.unless:
        return
    span = spans.get(entry.line)
    if span is not None and "within" in span.keys:
        line, col = _key_line(wf, span, "within")
        result.problems.append(DataProblem(
            shown, f"'{entry.term}' has `within: {entry.within}`, but no `when` or `unless` words, so "
            "`within` does nothing.", line, col,
            "Add the `when` or `unless` words it is for, or take out `within`.", source=wf.text))


def _check_overrides(entry: Entry, span: "EntrySpan | None", shown: str, wf: WordlistFile, in_use: list[Wordlist],
                     result: CheckResult) -> None:
    """``overrides:`` names a list in use that has the term (for the same part of speech)."""
    from ..hints import closest, did_you_mean
    from ..packs import load_wordlist

    named = str(entry.overrides)
    lists = {w.id: w for w in in_use if Path(w.path).resolve() != Path(wf.path).resolve()}
    line, col = _key_line(wf, span, "overrides")
    if named not in lists:
        hint = did_you_mean(closest(named, list(lists), cutoff=0.6),
                            "Write the name of the list the word is in, like social-care, or take out `overrides`.")
        result.problems.append(DataProblem(
            shown, f"'{entry.term}' says it takes the place of a word in '{named}', but no list in use has that "
            "name.", line, col, hint, source=wf.text))
        return
    full = load_wordlist(lists[named].path)  # with every entry: the lists in use leave out the ones overridden
    if not any(normalise(e.term) == normalise(entry.term) and clash(e.parts, entry.parts) for e in full.entries):
        result.problems.append(DataProblem(
            shown, f"'{entry.term}' says it takes the place of a word in '{named}', but that list does not have "
            f"'{entry.term}'.", line, col,
            "Take out `overrides`, or check the spelling of the term.", source=wf.text))


# -- the lists in use, and a term another of them flags -------------------------------------------


def lists_in_use(settings: Any, names: list[str] | None = None) -> list[Any]:
    """The wordlists named (files, or the names of lists speakeasy or an enabled plugin ships), else every list in use."""
    from .. import plugins
    from ..ruleset import build_ruleset
    from ..packs import load_wordlist, no_wordlist_hint, resolve_wordlist, wordlist_folders

    if names:
        plugins.activate(settings.values.get("plugins") or [])  # their wordlists can be named too
        out = []
        for name in names:
            path = resolve_wordlist(name, Path.cwd(), wordlist_folders())
            if path is None:
                raise UsageError(f"{name}: there is no wordlist with this name or file name. "
                                 + no_wordlist_hint(name))
            out.append(load_wordlist(path))
        return out
    ruleset = build_ruleset(settings)
    seen: dict[str, Any] = {}
    for rule in ruleset.rules:
        for wl in rule.wordlists:
            seen.setdefault(str(Path(wl.path).resolve()), wl)
    return list(seen.values())


def listed_elsewhere(term: str, path: Path, settings: Any, parts: tuple[str, ...] = ()) -> tuple[dict, Entry | None] | None:  # type: ignore[type-arg]
    """The entry of another list in use that already flags ``term`` (for the same part of speech), or None:
    its origin (file, line, term, wordlist) and the entry."""
    others = [w for w in lists_in_use(settings) if Path(w.path).resolve() != path.resolve()]
    if not others:
        return None
    from ..ruleset import build_ruleset

    matcher = _Matcher([_word_rule(_bare(others))], build_ruleset(settings).settings)
    return covering(matcher, term, tuple(parts), others)


def refuse_if_listed_elsewhere(term: str, path: Path, settings: Any, parts: tuple[str, ...] = ()) -> None:
    """A term another list in use already flags (for the same part of speech) would be flagged twice."""
    found = listed_elsewhere(term, path, settings, parts)
    if found is not None:
        raise UsageError(twice_message(term, *found))


def twice_message(term: str, o: dict, other: Entry | None) -> str:  # type: ignore[type-arg]
    """"'x' is already in speakeasy's 'social-care' list (line 4), as 'x'. speakeasy would flag it twice. ..."."""
    shown = f"'{o.get('term')}'" + (f" ({as_words(other.parts)})" if other is not None and other.parts else "")
    return (f"'{term}' is already in {where(o)}, as {shown}. "
            "speakeasy would flag it twice. Change that entry instead.")
