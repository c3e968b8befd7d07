"""Test helpers for rule and wordlist authors (public, used by speakeasy's own tests).

.. code-block:: python

    from speakeasy.testing import check_rule_examples, entry_example_problems

    def test_my_pack():
        for rule in load_pack("rules/ours.yaml").rules:
            assert check_rule_examples(rule) == []

Plugin authors (see docs/plugins.md) have ``use_plugins``,
``plugin_rules``, ``check_plugin_examples`` and ``lint_source``.
"""

from __future__ import annotations

from typing import Any

from .model import Finding
from .packs import Entry, Rule, Wordlist


def _ruleset_for(rule: Rule, settings: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    from .config import resolve
    from .ruleset import RuleSet
    from .registry import registry

    s = resolve(dict(settings or {}, packs=[]), no_config=True)
    r = rule.copy(enabled=True)
    rs = RuleSet([r], [], s)
    rs.kinds.append(registry()[r.kind](r))
    return rs


def findings_for(rule: Rule, text: str, format: str = "markdown") -> list[Finding]:
    """Run one rule on a text and return its findings.

    When the rule's kind has an ``example_format`` (``"docx"`` for the
    accessibility checks), ``text`` is the kind's example markup: the kind's
    ``build_example`` turns it into a file of that format, which is read as
    such a file would be.
    """
    from .engine import lint_document, lint_text
    from .registry import registry
    from .readers import read_bytes

    kind = registry().get(rule.kind)
    example_format = getattr(kind, "example_format", None)
    if example_format:
        doc = read_bytes(f"example.{example_format}", kind.build_example(text))  # type: ignore[union-attr]
        result = lint_document(doc, _ruleset_for(rule))
    else:
        result = lint_text(text, _ruleset_for(rule), "example.md", format)
    return [f for f in result.findings if f.rule == rule.id]


def check_rule_examples(rule: Rule) -> list[str]:
    """Problems with a rule's documented examples (an empty list when they are right)."""
    problems = []
    if not findings_for(rule, rule.example_bad):
        problems.append(f"{rule.id}: the bad example is not flagged by the rule: '{rule.example_bad}'")
    good = findings_for(rule, rule.example_good)
    if good:
        problems.append(
            f"{rule.id}: the good example is flagged by the rule: '{rule.example_good}' ({good[0].message})"
        )
    return problems


def use_plugins(*names: str) -> Any:
    """Load plugins by name, as ``plugins: [...]`` in a configuration does; fail if one cannot be loaded.

    Returns what they provide (:class:`speakeasy.plugins.Loaded`).  Later runs
    in the same process use them until another call (``use_plugins()``
    switches them all off).
    """
    from . import plugins

    installed = plugins.discover()
    missing = [n for n in names if plugins.canonical(n) not in installed]
    if missing:
        raise AssertionError(plugins.unknown_message(missing[0], (p.name for p in installed.values())))
    loaded = plugins.activate(names, report=False)
    if loaded.problems:
        raise AssertionError("\n".join(loaded.problems))
    return loaded


def plugin_rules(name: str) -> list[Rule]:
    """Every rule in the packs a plugin ships (through ``speakeasy.packs``), with the plugin loaded."""
    from .packs import load_pack

    loaded = use_plugins(name)
    rules: list[Rule] = []
    for folder in loaded.pack_dirs:
        for path in sorted(folder.glob("*.yaml")):
            rules.extend(load_pack(path, loaded.wordlist_dirs).rules)
    return rules


def check_plugin_examples(name: str) -> list[str]:
    """Problems with the examples of every rule a plugin ships, checked as the built-in ones are."""
    rules = plugin_rules(name)
    if not rules:
        return [f"the plugin '{name}' ships no rules"]
    return [problem for rule in rules for problem in check_rule_examples(rule)]


def lint_source(text: str, path: str, *, plugins: tuple[str, ...] | list[str] = (),
                packs: tuple[str, ...] | list[str] = ("default",), settings: dict[str, Any] | None = None) -> Any:
    """Lint ``text`` as if it were the file ``path`` (its suffix chooses the reader, plugins' too).

    Returns a :class:`speakeasy.model.FileResult`: ``.document`` is what
    the reader made, ``.findings`` what the rules found.  No configuration
    file is read; ``settings`` are extra configuration keys.
    """
    from .config import resolve
    from .engine import lint_document
    from .ruleset import build_ruleset
    from .readers import read_bytes

    s = resolve(dict(settings or {}, packs=list(packs)), no_config=True)
    s.values["plugins"] = list(plugins)
    ruleset = build_ruleset(s)
    doc = read_bytes(path, text.encode("utf-8"))
    return lint_document(doc, ruleset)


def entry_example_problems(wordlist: Wordlist) -> list[str]:
    """Examples in a wordlist that are not flagged by their own entry, and fine examples that are.

    An example shows the entry, not the list's topic: examples are checked as
    if they were about the list's topic (``everywhere``), so a short sentence
    need not name it.  ``when``, ``unless``, ``as`` and names still count.
    """
    from .packs import Rule as _Rule

    rule = _Rule(
        id=f"wordlist.{wordlist.id}",
        pack="wordlist",
        kind="substitution",
        level=__import__("speakeasy.model", fromlist=["Level"]).Level.WARNING,
        summary="",
        why="",
        example_bad="",
        example_good="",
        options={"wordlists": [wordlist.path], "everywhere": True},
        wordlists=[wordlist],
        include_proposed=True,
    )
    problems = []
    for entry in wordlist.entries:
        if entry.status == "retired":
            continue
        for example in entry.examples:
            found = findings_for(rule, example, "text")
            if not any(_is_entry(f, entry) for f in found):
                problems.append(
                    f"{wordlist.path}:{entry.line}: the example for '{entry.term}' is not flagged by it: '{example}'"
                )
        for example in entry.fine_examples:
            found = findings_for(rule, example, "text")
            if any(_is_entry(f, entry) for f in found):
                problems.append(
                    f"{wordlist.path}:{entry.line}: the fine example for '{entry.term}' is flagged by it: '{example}'"
                )
    return problems


def _is_entry(finding: Finding, entry: Entry) -> bool:
    """Did this entry make the finding?  (One term may have an entry for each part of speech.)"""
    origin = finding.origin or {}
    if origin.get("term") != entry.term:
        return False
    return "line" not in origin or not entry.line or origin["line"] == entry.line
