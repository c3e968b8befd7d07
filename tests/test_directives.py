"""In-document suppressions in Markdown."""

from __future__ import annotations


def rules_found(result) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in result.findings]


def test_disable_and_enable_a_rule(lint) -> None:
    text = (
        "We commence today.\n\n"
        "<!-- speakeasy-disable plain-english.words -- quoting the law -->\n\n"
        "We commence today.\n\n"
        "<!-- speakeasy-enable plain-english.words -->\n\n"
        "We commence today.\n"
    )
    assert rules_found(lint(text)) == [("plain-english.words", 1), ("plain-english.words", 9)]


def test_disable_without_enable_lasts_to_the_end(lint) -> None:
    text = "<!-- speakeasy-disable plain-english -->\n\nWe commence today. We signpost you.\n"
    assert rules_found(lint(text)) == [("social-care.jargon", 3)]


def test_disable_all_rules(lint) -> None:
    text = "<!-- speakeasy-disable -->\n\nWe commence today. We signpost you.\n"
    assert rules_found(lint(text)) == []


def test_glob_and_several_rules(lint) -> None:
    text = "<!-- speakeasy-disable plain-*, social-care.jargon -->\nWe commence today. We signpost you.\n"
    assert rules_found(lint(text)) == []


def test_disable_next_line(lint) -> None:
    text = (
        "<!-- speakeasy-disable-next-line social-care -- the forum kept this word -->\n"
        "We signpost you.\n"
        "We signpost you.\n"
    )
    assert rules_found(lint(text)) == [("social-care.jargon", 3)]


def test_disable_next_line_skips_blank_lines(lint) -> None:
    text = "<!-- speakeasy-disable-next-line social-care -->\n\nWe signpost you.\n\nWe signpost you.\n"
    assert rules_found(lint(text)) == [("social-care.jargon", 5)]


def test_inline_directive_inside_a_paragraph(lint) -> None:
    text = "We commence today. <!-- speakeasy-disable plain-english.words -->We commence again.\n"
    assert rules_found(lint(text)) == [("plain-english.words", 1)]


def test_malformed_directive_is_a_finding(lint) -> None:
    result = lint("<!-- speakeasy-disabel plain-english.words -->\n\nWe commence today.\n")
    found = [(f.rule, f.line, f.message) for f in result.findings]
    assert found[0] == (
        "speakeasy.directive",
        1,
        "'speakeasy-disabel' is not something speakeasy understands. Did you mean 'speakeasy-disable'?",
    )
    # the typo did not switch anything off
    assert ("plain-english.words", 3) in [(f.rule, f.line) for f in result.findings]


def test_directive_with_unknown_rule_is_a_finding(lint) -> None:
    result = lint("<!-- speakeasy-disable plain-english.wrods -->\n\nWe commence today.\n")
    messages = [f.message for f in result.findings if f.rule == "speakeasy.directive"]
    assert messages == [
        "'plain-english.wrods' in this speakeasy comment is not a rule speakeasy knows. "
        "Did you mean 'plain-english.words'?"
    ]


def test_directive_without_a_dash(lint) -> None:
    result = lint("<!-- speakeasy disable plain-english.words -->\n\nText.\n")
    assert [f.rule for f in result.findings] == ["speakeasy.directive"]
    assert "Write it like <!-- speakeasy-disable RULE -- reason -->" in result.findings[0].message


def test_other_html_comments_are_ignored(lint) -> None:
    result = lint("<!-- a note for editors -->\n\nWe commence today.\n")
    assert [f.rule for f in result.findings] == ["plain-english.words"]


def test_directive_problems_are_not_suppressed_by_disable_all(lint) -> None:
    result = lint("<!-- speakeasy-disable -->\n<!-- speakeasy-enabel -->\n")
    assert [f.rule for f in result.findings] == ["speakeasy.directive"]


def test_range_directives_cover_exactly_their_text() -> None:
    """Word comments become `range` directives: a finding inside the range is silenced, one outside is not."""
    from speakeasy.directives import Suppressions
    from speakeasy.model import Directive

    sup = Suppressions([Directive("range", ("social-care",), "kept", 10, 10, 10, 20)])
    assert sup.suppressed("social-care.jargon", 12)
    assert not sup.suppressed("social-care.jargon", 25)
    assert not sup.suppressed("plain-english.words", 12)
