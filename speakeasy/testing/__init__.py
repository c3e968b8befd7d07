"""Test helpers for rule and wordlist authors (public, used by speakeasy's own tests).

.. code-block:: python

    from speakeasy.testing import check_rule_examples, entry_example_problems

    def test_my_pack():
        for rule in load_pack("rules/ours.yaml").rules:
            assert check_rule_examples(rule) == []

Plugin authors (see docs/plugins.md) have ``use_plugins``,
``plugin_rules``, ``check_plugin_examples`` and ``lint_source``, and
reader authors ``assert_reader_contract``.

Rule examples about what a Word file or a PDF has (images, tables, tags) are
written in a tiny markup: ``build_docx`` and ``build_pdf``
(:mod:`speakeasy.testing.documents`) make real files from it, and
``build_example`` chooses between them.
"""

from __future__ import annotations

from typing import Any

from ..model import Document, Finding
from ..packs import Entry, Rule, Wordlist
from .documents import EXAMPLE_BUILDERS, build_docx, build_pdf
from .slides import build_pptx

__all__ = [
    "EXAMPLE_BUILDERS", "assert_reader_contract", "build_docx", "build_example", "build_pdf", "build_pptx",
    "check_plugin_examples",
    "check_rule_examples", "entry_example_problems", "example_format", "findings_for", "lint_source", "plugin_rules",
    "reader_contract_problems", "use_plugins",
]


def _ruleset_for(rule: Rule, settings: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    from ..config import resolve
    from ..ruleset import RuleSet
    from ..registry import registry

    s = resolve(dict(settings or {}, packs=[]), no_config=True)
    r = rule.copy(enabled=True)
    rs = RuleSet([r], [], s)
    rs.kinds.append(registry()[r.kind](r))
    return rs


def findings_for(rule: Rule, text: str, format: str = "markdown") -> list[Finding]:
    """Run one rule on a text and return its findings.

    When the rule's examples are written in another format (``"docx"`` for
    the Word accessibility checks, ``"pdf"``...: see :func:`example_format`),
    ``text`` is that format's example markup, made into a file of that
    format (:func:`build_example`) and read as such a file would be.
    """
    from ..engine import lint_document, lint_text
    from ..readers import read_bytes
    from ..registry import registry

    fmt = example_format(rule)
    if fmt:
        # a plugin's kind may build its own example files
        own = getattr(registry().get(rule.kind), "build_example", None)
        data = own(text) if own is not None else build_example(fmt, text)
        result = lint_document(read_bytes(f"example.{fmt}", data), _ruleset_for(rule))
    else:
        result = lint_text(text, _ruleset_for(rule), "example.md", format)
    return [f for f in result.findings if f.rule == rule.id]


def example_format(rule: Rule) -> str | None:
    """The format a rule's examples are written in, or None for Markdown text.

    A kind says so with a class method ``example_format_for(options)`` (the
    accessibility kinds: ``"docx"``, ``"html"`` or ``"pdf"``, from the files
    the rule checks), or with an ``example_format`` class attribute.
    """
    from ..registry import registry

    kind = registry().get(rule.kind)
    ask = getattr(kind, "example_format_for", None)
    if ask is not None:
        return ask(rule.options)  # type: ignore[no-any-return]
    return getattr(kind, "example_format", None)


def build_example(fmt: str, text: str) -> bytes:
    """The bytes of a ``fmt`` file (``"docx"``, ``"html"``, ``"pdf"`` or ``"pptx"``) made from a rule example's markup."""
    try:
        build = EXAMPLE_BUILDERS[fmt]
    except KeyError:
        raise ValueError(f"speakeasy cannot build a {fmt} file from an example; it can build "
                         f"{', '.join(sorted(EXAMPLE_BUILDERS))}") from None
    return build(text)


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
    from .. import plugins

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
    from ..packs import load_pack

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
    from ..config import resolve
    from ..engine import lint_document
    from ..ruleset import build_ruleset
    from ..readers import read_bytes

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
    from ..packs import Rule as _Rule

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


def reader_contract_problems(document: Document, *, character_references: bool = False) -> list[str]:
    """What breaks the reader's promise in ``document`` (an empty list when nothing does).

    See :func:`assert_reader_contract`, which fails with these.
    """
    import html
    import re

    reference = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
    source = document.source
    problems: list[str] = []
    previous_end = 0
    for i, block in enumerate(document.blocks):
        name = f"block {i} ({block.text[:40]!r}, offsets {block.start} to {block.end})"
        if block.index != i:
            problems.append(f"{name} has index {block.index}; blocks are numbered 0, 1, 2 ... in order.")
        if not block.text.strip():
            problems.append(f"{name} has no words. Leave out blocks with nothing to check.")
            continue
        if block.text != block.text.strip():
            problems.append(f"{name} starts or ends with a space or line break; a block starts and ends at words.")
        if block.start < previous_end:
            problems.append(f"{name} starts before the block above it ends (at {previous_end}): blocks overlap "
                            "or are out of order.")
        if block.start < 0 or block.end > len(source):
            problems.append(f"{name} is not inside the source, which has {len(source)} characters.")
            continue
        for k, (shown, real) in enumerate(zip(block.text, source[block.start:block.end])):
            offset = block.start + k
            if (shown == "\n") != (real == "\n"):
                problems.append(f"{name}: at offset {offset} the block has {shown!r} and the source has {real!r}; "
                                "keep every line break, and add none.")
                break  # the first wrong character of a block is enough
            if not (shown.isspace() or shown == real):
                ref = reference.match(source, offset) if character_references else None
                if ref is None or html.unescape(ref.group(0)) != shown:
                    problems.append(f"{name}: at offset {offset} the block has {shown!r} but the source has "
                                    f"{real!r}. Copy each character from the source, or hide it with a space.")
                    break
        previous_end = block.end
    return problems


def assert_reader_contract(document: Document, *, character_references: bool = False) -> None:
    """Fail (``AssertionError``) unless a reader's document keeps the reader's promise.

    The promise, which every reader keeps so that line and column numbers,
    fixes and suppressions point at the right place in the file:

    * the blocks come in order, numbered 0, 1, 2 ... (``block.index``), and
      do not overlap;
    * each block has words, and starts and ends at them (no spaces or line
      breaks at either end);
    * each block's ``text`` lines up with ``document.source`` from
      ``block.start``, character for character.  A character the rules must
      not see (markup, code, a web address) is a space in the text; a line
      break is a line break in both.

    ``character_references=True`` allows the one exception of the Markdown
    and web page readers: a reference such as ``&amp;`` shows the character
    it stands for in its first place (then spaces).

    Call it in a reader's tests, on the document ``parse`` returns, for every
    kind of file the reader takes::

        from speakeasy.testing import assert_reader_contract

        def test_blocks_line_up():
            assert_reader_contract(parse("note.eml", MAIL))
    """
    problems = reader_contract_problems(document, character_references=character_references)
    if problems:
        raise AssertionError(f"The reader's document for {document.path} does not line up with its source:\n  "
                             + "\n  ".join(problems))
