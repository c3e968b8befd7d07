"""``words check``: check wordlists the way codespell checks its dictionaries.

Beyond what the loader checks (the shape of the file, spelling of keys,
dates, a term listed twice in one list), a list is checked as data:

* a term that is also in another list in use (or is a form of one, like
  ``signposting`` and ``signpost``);
* an alternative that is itself a listed term, or that speakeasy's other
  rules flag: an alternative must be plainer than the word it replaces;
* an example sentence that its own entry does not flag;
* entries out of A-to-Z order (``--fix-order`` sorts them).

Every problem has the file, the line and column, what is wrong and what to
do, in plain English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import UserDataError
from ..matching import normalise
from ..model import Finding, Level
from ..packs import Entry, Rule, Wordlist
from ..schema import DataErrors
from .store import WordlistFile


class DataProblem(UserDataError):
    """A list that loads, but has a problem with its words (not with the shape of the file)."""

    data_problem = True


@dataclass
class CheckResult:
    problems: list[UserDataError] = field(default_factory=list)
    checked: int = 0
    sorted_files: list[str] = field(default_factory=list)


def _word_rule(wordlists: list[Wordlist], rule_id: str = "words.check") -> Rule:
    rule = Rule(
        id=rule_id, pack="words", kind="substitution", level=Level.WARNING, summary="", why="",
        example_bad="", example_good="", options={"wordlists": [w.path for w in wordlists]},
        wordlists=list(wordlists),
    )
    rule.settings["include_proposed"] = True
    return rule


class _Matcher:
    """Runs a set of rules on short texts (terms, alternatives, examples)."""

    def __init__(self, rules: list[Rule], settings) -> None:  # type: ignore[no-untyped-def]
        from ..engine import RuleSet
        from ..kinds.base import registry

        self.ruleset = RuleSet([], [], settings)
        for rule in rules:
            r = rule.copy(enabled=True)
            r.settings.setdefault("keep", ())
            self.ruleset.rules.append(r)
            self.ruleset.kinds.append(registry()[r.kind](r))

    def findings(self, text: str) -> list[Finding]:
        from ..engine import lint_text

        return lint_text(text, self.ruleset, "words-check.txt", "text").findings


def _excerpt_line(text: str, entry_line: int, needle: str) -> tuple[int, int]:
    """The line and column of ``needle`` at or after an entry's first line."""
    lines = text.splitlines()
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
    from ..engine import build_ruleset
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
    for index, (wf, wl) in enumerate(loaded):
        shown, text = wl.path, wf.text
        earlier = [w for _, w in loaded[:index]] + others
        dup_matcher = _Matcher([_word_rule(earlier)], base.settings) if earlier else None
        for entry in wl.entries:
            if entry.status == "retired":
                continue
            _check_entry(entry, shown, text, dup_matcher, alt_matcher, result)
        own = _Matcher([_word_rule([wl])], base.settings)
        for entry in wl.entries:
            if entry.status == "retired":
                continue
            for example in entry.examples:
                found = own.findings(example)
                if not any(f.origin and f.origin.get("term") == entry.term for f in found):
                    line, col = _excerpt_line(text, entry.line, example)
                    result.problems.append(DataProblem(
                        shown, f"The example for '{entry.term}' does not use it, so speakeasy does not flag it.",
                        line, col, f"Change the example so it has the words '{entry.term}' in it, or take it out.",
                        source=text))
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


def _check_entry(entry: Entry, shown: str, text: str, dup_matcher: "_Matcher | None",
                 alt_matcher: _Matcher, result: CheckResult) -> None:
    if dup_matcher is not None:
        for f in dup_matcher.findings(entry.term):
            if _covers(f, entry.term):
                o = f.origin or {}
                same = normalise(str(o.get("term", ""))) == normalise(entry.term)
                what = "is also" if same else f"is already covered by '{o.get('term')}'"
                result.problems.append(DataProblem(
                    shown, f"'{entry.term}' {what} in {where(o)}.",
                    entry.line, entry.column,
                    "Keep the word in one list only, or speakeasy flags it twice.", source=text))
                break
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
