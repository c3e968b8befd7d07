"""In-document suppressions, written as HTML comments in Markdown::

    <!-- speakeasy-disable plain-english.words -- quoting the law -->
    <!-- speakeasy-enable plain-english.words -->
    <!-- speakeasy-disable-next-line social-care -- the forum kept this word -->

A rule can be named by its id, its pack (a prefix) or a glob
(``plain-english.*``); several are separated by commas.  Without a rule, every
rule is switched off.  The reason after `` -- `` is optional but recommended.
A comment that starts with ``speakeasy`` but cannot be understood is itself
reported (rule ``speakeasy.directive``), so a typo never silently
switches a rule off, or fails to.
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from typing import Iterable

from .model import Directive, DirectiveProblem

ACTIONS = ("disable", "enable", "disable-next-line")

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"^\s*speakeasy(?P<sep>[-:\s]?)(?P<rest>.*)$", re.S | re.I)
_RULE_LIST = re.compile(r"^[A-Za-z0-9_.*?\[\]-]+(?:\s*,\s*[A-Za-z0-9_.*?\[\]-]+)*$")


def parse_comment(comment: str, start: int, end: int, source: str) -> Directive | DirectiveProblem | None:
    """Parse one HTML comment (with its ``<!--``/``-->``).  None if not ours."""
    m = _COMMENT.fullmatch(comment.strip())
    if not m:
        return None
    body = m.group(1)
    d = _DIRECTIVE.match(body)
    if not d:
        return None
    rest = d.group("rest").strip()
    if d.group("sep") != "-":
        return DirectiveProblem(
            "This speakeasy comment is not written the right way. "
            "Write it like <!-- speakeasy-disable RULE -- reason -->.",
            start,
            end,
        )
    reason = None
    if " --" in rest or rest.startswith("--"):
        rest, _, reason = rest.partition("--")
        reason = reason.strip() or None
        rest = rest.strip()
    words = rest.split(None, 1)  # the rules may follow a space, a tab or a line break
    action = words[0].lower() if words else ""
    rules_text = words[1].strip() if len(words) > 1 else ""
    if action not in ACTIONS:
        from .hints import closest, did_you_mean

        guess = closest(action, ACTIONS, cutoff=0.5)
        hint = did_you_mean(guess, "Use disable, enable or disable-next-line.", shown=f"speakeasy-{guess}")
        return DirectiveProblem(f"'speakeasy-{action}' is not something speakeasy understands. {hint}", start, end)
    rules: tuple[str, ...] = ()
    if rules_text:
        if not _RULE_LIST.match(rules_text):
            return DirectiveProblem(
                f"speakeasy could not read the rule names '{rules_text}'. "
                "Separate rule names with commas, and put the reason after ' -- '.",
                start,
                end,
            )
        rules = tuple(r.strip() for r in rules_text.split(",") if r.strip())
    applies_from = applies_to = 0
    if action == "disable-next-line":
        # The next line that has something on it.
        nl = source.find("\n", end)
        pos = len(source) if nl == -1 else nl + 1
        while pos < len(source):
            line_end = source.find("\n", pos)
            line_end = len(source) if line_end == -1 else line_end
            if source[pos:line_end].strip():
                applies_from, applies_to = pos, line_end
                break
            pos = line_end + 1
        else:
            return DirectiveProblem("'speakeasy-disable-next-line' has no line after it to apply to.", start, end)
    return Directive(action, rules, reason, start, end, applies_from, applies_to)


def find_in_html(html: str, offset: int, source: str) -> Iterable[Directive | DirectiveProblem]:
    """Directives in a piece of HTML that starts at ``offset`` in the source."""
    for m in _COMMENT.finditer(html):
        parsed = parse_comment(m.group(0), offset + m.start(), offset + m.end(), source)
        if parsed is not None:
            yield parsed


def selector_matches(selector: str, rule_id: str) -> bool:
    """Does a rule selector (id, pack prefix or glob) name this rule?"""
    if selector in ("all", "*"):
        return True
    if any(ch in selector for ch in "*?["):
        return fnmatch.fnmatchcase(rule_id, selector)
    return rule_id == selector or rule_id.startswith(selector + ".")


class Suppressions:
    """Answers: is rule R switched off at offset X?

    ``disable`` and ``enable`` comments are read in order: for each rule, the
    last one before the offset that names it (by id, pack or glob; or every
    rule, when it names none) decides.  So ``disable`` followed by
    ``enable plain-english.words`` switches that one rule back on and leaves
    the others off, and ``disable plain-english`` followed by
    ``enable plain-english.words`` switches the pack's other rules off still.
    ``disable-next-line`` covers the next line with something on it, and
    ``range`` (from a comment in a Word file) covers the text it is anchored on.
    """

    def __init__(self, directives: list[Directive]) -> None:
        self.lines: list[tuple[int, int, tuple[str, ...]]] = []
        self.toggles: list[tuple[int, bool, tuple[str, ...]]] = []  # (offset, switched off?, rules)
        for d in sorted(directives, key=lambda d: d.start):
            if d.action in ("disable-next-line", "range"):
                # "range": a Word comment `speakeasy: ignore RULE -- reason`
                # anchored on some text covers exactly that text.
                self.lines.append((d.applies_from, d.applies_to, d.rules))
            elif d.action in ("disable", "enable"):
                self.toggles.append((d.start, d.action == "disable", d.rules))
        self._per_rule: dict[str, tuple[list[int], list[bool]]] = {}

    def _timeline(self, rule_id: str) -> tuple[list[int], list[bool]]:
        found = self._per_rule.get(rule_id)
        if found is None:
            offsets: list[int] = []
            states: list[bool] = []
            for at, off, rules in self.toggles:
                if not rules or any(selector_matches(s, rule_id) for s in rules):
                    offsets.append(at)
                    states.append(off)
            found = self._per_rule[rule_id] = (offsets, states)
        return found

    def suppressed(self, rule_id: str, start: int) -> bool:
        for begin, stop, rules in self.lines:
            if begin <= start < stop and (not rules or any(selector_matches(s, rule_id) for s in rules)):
                return True
        if not self.toggles:
            return False
        offsets, states = self._timeline(rule_id)
        i = bisect.bisect_right(offsets, start) - 1
        return i >= 0 and states[i]


# -- comments in Word, OpenDocument and PDF files: "speakeasy: ignore RULE -- reason" ------------

_COMMENT_START = re.compile(r"^\s*speakeasy\b", re.I)
_COMMENT_DIRECTIVE = re.compile(r"^\s*speakeasy\s*[:\-]?\s*(?P<rest>.*)$", re.I | re.S)
_HOW = "Write it like 'speakeasy: ignore RULE -- reason'."


def is_speakeasy_comment(text: str) -> bool:
    """Does a word processor's comment speak to speakeasy (start with "speakeasy")?"""
    return bool(_COMMENT_START.match(text))


def comment_directive(text: str, start: int, end: int) -> Directive | DirectiveProblem | None:
    """Read one Word comment (or OpenDocument annotation, or PDF note) that covers source ``[start, end)``.

    ``speakeasy: ignore plain-english.words -- quoting the law`` switches
    the named rules (ids, packs or globs, separated by commas; none means
    every rule) off for the commented text: a :class:`Directive` with action
    ``"range"``.  A comment that starts with "speakeasy" but cannot be read
    is a :class:`DirectiveProblem`; any other comment is None.
    """
    if not is_speakeasy_comment(text):
        return None
    m = _COMMENT_DIRECTIVE.match(text)
    rest = (m.group("rest") if m else "").strip()
    reason = None
    if " --" in rest or rest.startswith("--"):
        rest, _, reason = rest.partition("--")
        reason = " ".join(reason.split()) or None
        rest = rest.strip()
    words = rest.split(None, 1)
    action = words[0].lower().rstrip(":") if words else ""
    if action != "ignore":
        if action in ("disable", "enable", "disable-next-line", "ignore-next-line", "off"):
            message = f"'speakeasy: {action}' does not work in a comment. {_HOW}"
        elif action:
            message = f"'speakeasy: {action}' is not something speakeasy understands. {_HOW}"
        else:
            message = f"This speakeasy comment does not say what to do. {_HOW}"
        return DirectiveProblem(message, start, end)
    rules_text = words[1].strip() if len(words) > 1 else ""
    rules: tuple[str, ...] = ()
    if rules_text:
        if not _RULE_LIST.match(rules_text):
            return DirectiveProblem(
                f"speakeasy could not read the rule names '{rules_text}'. "
                "Separate rule names with commas, and put the reason after ' -- '.",
                start, end,
            )
        rules = tuple(r.strip() for r in rules_text.split(",") if r.strip())
    return Directive("range", rules, reason, start, start, start, end)
