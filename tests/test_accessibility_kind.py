"""The one accessibility kind (``accessibility``) over one vocabulary of checks, and its old names.

``document-feature``, ``web-feature`` and ``pdf-feature`` are the same kind
on one family of files, with the check names packs used before; the packs
that ship use them, and tests/test_accessibility.py, tests/test_reader_pdf.py
and tests/rule_cases/web-accessibility.* test what they find.  This file
tests the vocabulary, the new kind, and that each old name finds exactly
what ``accessibility`` finds.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.config import resolve
from speakeasy.engine import lint_document
from speakeasy.kinds.accessibility import ALIASES, Accessibility
from speakeasy.kinds.features import CHECKS, FAMILIES
from speakeasy.model import Document, Level
from speakeasy.packs import Rule, load_pack
from speakeasy.readers import read_bytes, read_path
from speakeasy.registry import registry
from speakeasy.ruleset import RuleSet
from speakeasy.schema import DataErrors
from speakeasy.testing import build_docx, build_pdf, check_rule_examples, example_format, findings_for

PACKS = {path.stem: load_pack(path) for path in (ROOT / "rules").glob("*accessibility.yaml")}
FILES = [
    ROOT / "tests" / "data" / "docx" / "policy-features.docx",
    ROOT / "tests" / "data" / "docx" / "policy-features.odt",
    ROOT / "tests" / "data" / "docx" / "headings-skip.docx",
    ROOT / "tests" / "data" / "html" / "govuk-page.html",
    ROOT / "tests" / "data" / "pdf" / "policy-features.tagged.pdf",
    ROOT / "tests" / "data" / "pdf" / "no-title-no-lang.tagged.pdf",
    ROOT / "tests" / "data" / "pdf" / "scanned.pdf",
]


def pack_text(rule: str) -> str:
    return ("id: ours\ntitle: Ours\nversion: 1.0.0\ndescription: A test pack.\nlicence: CC0-1.0\nrules:\n"
            + "\n".join("    " + line if i else "  - " + line for i, line in enumerate(rule.strip().splitlines()))
            + "\n")


def rule_of(tmp_path: Path, rule: str) -> Rule:
    path = tmp_path / "ours.yaml"
    path.write_text(pack_text(rule), encoding="utf-8")
    [r] = load_pack(path).rules
    return r


def rule(check: str, **options: object) -> Rule:
    return Rule(id=f"ours.{check}", pack="ours", kind="accessibility", level=Level.WARNING, summary="", why="",
                example_bad="", example_good="", options={"check": check, **options})


def ruleset(r: Rule) -> RuleSet:
    """The rule set of one rule alone."""
    rs = RuleSet([r], [], resolve({"packs": []}, no_config=True))
    rs.kinds.append(registry()[r.kind](r))
    return rs


@cache
def document(path: Path) -> Document:
    return read_path(path)


def findings(r: Rule, path: Path) -> list[tuple[int, int, str, str, object]]:
    result = lint_document(document(path), ruleset(r))
    return [(f.start, f.end, f.location, f.message, f.extra.get("feature")) for f in result.findings]


# -- the vocabulary ---------------------------------------------------------------------------------


def test_every_check_runs_on_some_files_and_reads_features() -> None:
    for name, check in CHECKS.items():
        assert check.variants, name
        assert list(check.variants) == [f for f in FAMILIES if f in check.variants], name
        for family, variant in check.variants.items():
            assert variant.check == name and variant.family == family and variant.reads
            assert name in variant.messages or any(k.startswith(name) for k in variant.messages)


def test_the_vocabulary_has_one_name_for_each_check() -> None:
    assert {name: check.families() for name, check in CHECKS.items()} == {
        "image-alt-text": ("office", "web", "pdf", "slides"),
        "table-header": ("office", "slides"),
        "heading-levels": ("office", "web"),
        "empty-heading": ("office",),
        "link-text": ("office", "web", "slides"),
        "capitals": ("office",),
        "italics": ("office",),
        "underline": ("office",),
        "text-size": ("office",),
        "justified": ("office",),
        "language": ("web", "pdf"),
        "title": ("pdf",),
        "tagged": ("pdf",),
        "scanned": ("pdf",),
        "slide-title": ("slides",),
        "reading-order": ("slides",),
    }


def test_each_old_name_is_the_kind_on_one_family() -> None:
    kinds = registry()
    for name, (family, names) in ALIASES.items():
        kind = kinds[name]
        assert issubclass(kind, Accessibility) and kind.families == (family,)
        [check] = [o for o in kind.options if o.name == "check"]
        assert check.choices == tuple(names)
        for old, new in names.items():
            assert family in CHECKS[new].variants, (name, old)
    assert ALIASES["web-feature"][1]["image-alt"] == ALIASES["pdf-feature"][1]["image-alt"] == "image-alt-text"
    assert ALIASES["web-feature"][1]["page-language"] == "language"


# -- old names find exactly what the kind finds ------------------------------------------------------


@pytest.mark.parametrize("pack", sorted(p for p in PACKS if p != "slides-accessibility"))  # no old names there
def test_each_shipped_rule_finds_what_the_kind_finds_on_its_family(pack: str) -> None:
    found = 0
    for old in PACKS[pack].rules:
        family, names = ALIASES[old.kind]
        new = rule(names[old.options["check"]], formats=[family],
                   **{k: v for k, v in old.options.items() if k != "check"}).copy(id=old.id, level=old.level)
        for path in FILES:
            before = findings(old, path)
            assert findings(new, path) == before, (old.id, path.name)
            found += len(before)
    assert found >= 5


def test_a_check_runs_on_every_family_it_knows() -> None:
    r = rule("image-alt-text")
    docx = read_bytes("a.docx", build_docx("Our logo: <img>"))
    pdf = read_bytes("a.pdf", build_pdf("We help.\n<img>"))
    html = read_bytes("a.html", b'<html lang="en"><body><p>Our logo.</p><img src="logo.png"></body></html>')
    messages = [f.message for doc in (docx, html, pdf) for f in lint_document(doc, ruleset(r)).findings]
    assert [m.split(".")[0].split(",")[0] for m in messages] == [
        "The image 'Picture 1' has no alt text", "This image has no alt attribute", "The picture on page 1 has no alt text"]
    only_web = rule("image-alt-text", formats=["web"])
    assert [len(lint_document(doc, ruleset(only_web)).findings) for doc in (docx, html, pdf)] == [0, 1, 0]


def test_language_on_web_pages_and_pdfs() -> None:
    r = rule("language")
    html = read_bytes("a.html", b"<!doctype html><html><body><h1>Care</h1><p>We help.</p></body></html>")
    pdf = read_bytes("a.pdf", build_pdf('<pdf title="Care" tagged>\nWe help.'))
    found = [f.location for doc in (html, pdf) for f in lint_document(doc, ruleset(r)).findings]
    assert len(found) == 2 and found[1] == "the whole PDF"


# -- rules of the kind in a pack ---------------------------------------------------------------------

RULE = """
id: alt-text
kind: accessibility
check: {check}
level: warning
{more}summary: Flags images with no alt text.
why: Screen readers read out the alt text of an image.
example:
  bad: "Our logo: <img>"
  good: 'Our logo: <img alt="A blue square">'
"""


def test_a_rule_of_the_kind_loads_and_its_examples_are_word_files(tmp_path: Path) -> None:
    r = rule_of(tmp_path, RULE.format(check="image-alt-text", more=""))
    assert r.kind == "accessibility"
    assert example_format(r) == "docx"
    assert check_rule_examples(r) == []
    assert findings_for(r, r.example_bad)[0].path == "example.docx"


def test_the_examples_are_written_for_the_first_format(tmp_path: Path) -> None:
    r = rule_of(tmp_path, RULE.format(check="image-alt-text", more="formats: [pdf, web]\n"))
    assert example_format(r) == "html"
    assert findings_for(r, '<p>Our logo.</p><img src="logo.png">')[0].path == "example.html"


def test_a_format_the_check_does_not_know_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataErrors) as exc:
        rule_of(tmp_path, RULE.format(check="table-header", more="formats: [office, web]\n"))
    [error] = exc.value.errors
    assert error.problem == ("The check 'table-header' has nothing to look at in web pages: it checks Word and "
                             "OpenDocument files and slides.")
    assert error.hint == "Take web out of `formats`."


def test_an_old_check_name_is_not_a_check_of_the_kind_but_is_suggested(tmp_path: Path) -> None:
    with pytest.raises(DataErrors) as exc:
        rule_of(tmp_path, RULE.format(check="image-alt", more=""))
    [error] = exc.value.errors
    assert "image-alt-text" in (error.hint or "")


def test_a_message_may_use_what_every_format_it_checks_fills_in(tmp_path: Path) -> None:
    assert Accessibility.message_placeholders({"check": "link-text"}) == ("match",)
    assert Accessibility.message_placeholders({"check": "link-text", "formats": ["office"]}) == ("match", "url")
    assert Accessibility.message_placeholders({"check": "image-alt-text"}) == ()
    assert Accessibility.message_placeholders({"check": "image-alt-text", "formats": ["pdf"]}) == ("page",)
    assert registry()["web-feature"].message_placeholders({"check": "image-alt"}) == ()
    assert registry()["pdf-feature"].message_placeholders({"check": "image-alt"}) == ("page",)
    assert registry()["document-feature"].message_placeholders({"check": "link-text"}) == ("match", "url")
    with pytest.raises(DataErrors):
        rule_of(tmp_path, RULE.format(check="link-text", more="message: \"'{match}' goes to {url}.\"\n"))
    r = rule_of(tmp_path, RULE.format(check="link-text", more="formats: [office]\nmessage: \"'{match}' goes to {url}.\"\n"))
    assert [f.message for f in findings_for(r, "See [here](https://example.org/a).")] == [
        "'here' goes to https://example.org/a."]
