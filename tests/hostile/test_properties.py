"""Property tests for every reader and for YAML packs and wordlists (issue 16, "Keep it tested").

Hypothesis makes documents and lists, some sensible and many not, with a
fixed seed and a bounded number of examples so CI stays quick.  For each:

* no traceback: a document is read, or refused with speakeasy's own error
  (:class:`speakeasy.errors.SpeakeasyError`, one line naming the file);
* for text formats (Markdown, plain text, HTML), every finding's offsets point
  at its words in the original text;
* for Word, OpenDocument and PDF files, every finding's offsets point at its
  words in the text the reader made;
* a pack or wordlist is loaded, or refused with a plain error
  (:class:`speakeasy.errors.ConfigError`), never another exception.

(The Markdown and text readers have their own, larger property tests in
tests/test_reader_markdown.py and tests/test_reader_text.py.)
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speakeasy.errors import ConfigError, SpeakeasyError

DATA = Path(__file__).resolve().parent.parent / "data"

#: Bounded, repeatable runs: the same examples every time, quick enough for CI.
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Words that the default packs flag, so that findings (and their offsets) are tested, not only reading.
JARGON = ["utilise", "facilitate", "signposting", "in order to", "prior to", "stakeholders", "co-production",
          "NHS", "ASAP", "is being reviewed", "was sent", "an initial", "key", "Cyber Assistance Team"]


@pytest.fixture(scope="module")
def ruleset():
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    return build_ruleset(resolve(no_config=True))


def lint_bytes(ruleset, name: str, data: bytes):
    """Read and lint a document; None when speakeasy refused it with its own error."""
    from speakeasy.engine import lint_document
    from speakeasy.readers import read_bytes

    try:
        doc = read_bytes(name, data)
    except SpeakeasyError as exc:
        assert name in str(exc) and "\n" not in str(exc).strip(), str(exc)
        return None
    return lint_document(doc, ruleset)


def assert_offsets(result, source: str) -> None:
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(source), f
        assert " ".join(f.match.split()) == " ".join(source[f.start:f.end].split()), (f.match, source[f.start:f.end])


# -- HTML -----------------------------------------------------------------------------------------------

_TAGS = ["p", "div", "span", "h1", "h2", "h3", "ul", "ol", "li", "table", "tr", "td", "th", "b", "i", "a",
         "main", "nav", "header", "footer", "section", "blockquote", "pre", "code", "br", "img", "script",
         "style", "noscript", "template", "svg", "title", "head", "body", "html"]


@st.composite
def html_documents(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.integers(0, 9))
        tag = draw(st.sampled_from(_TAGS))
        if kind <= 2:
            attrs = draw(st.sampled_from(["", ' class="x"', ' href="https://example.org/a?b=1&c=2"', ' lang="en"',
                                          ' alt="a picture"', " hidden", ' aria-hidden="true"', ' id="1"']))
            parts.append(f"<{tag}{attrs}>")
        elif kind == 3:
            parts.append(f"</{tag}>")
        elif kind == 4:
            parts.append(draw(st.sampled_from(["&amp;", "&nbsp;", "&#8217;", "&#x1F600;", "&bogus;", "&", "<!-- c -->",
                                               "<!doctype html>", "<![CDATA[x]]>", "<", ">", "\u00a0", "\r\n"])))
        elif kind <= 6:
            parts.append(draw(st.sampled_from(JARGON)))
        else:
            parts.append(draw(st.text(alphabet="abc XYZ.,;:!?'\"()-\n\té😀", max_size=30)))
    return "".join(parts)


@PROPERTY
@given(html_documents())
def test_property_html_is_read_and_offsets_point_at_the_words(ruleset, src: str) -> None:
    result = lint_bytes(ruleset, "page.html", src.encode("utf-8"))
    if result is not None:
        assert_offsets(result, result.document.source)
        # the HTML reader keeps the page itself as its source, so offsets point into the original text
        assert result.document.source == src.replace("\r\n", "\n") or result.document.source == src


# -- Word and OpenDocument: real files, mutated ----------------------------------------------------------

_TEXT_NODE = re.compile(r"<(?:w:t|text:p|text:span|text:h)(?:\s[^>]*)?>")


def _mutate_zip(original: bytes, member: str, edits: list[tuple[float, str]], drop: bool,
                in_text: bool = False) -> bytes:
    """The zip with text put into ``member`` at the given relative places (or the member dropped).

    ``in_text``: each insertion goes just inside the text node nearest its place, so the XML stays
    well formed and the document is read (with the words in it), rather than refused.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == member:
                if drop:
                    continue
                text = data.decode("utf-8", "replace")
                nodes = [m.end() for m in _TEXT_NODE.finditer(text)] if in_text else []
                for where, insert in sorted(edits, reverse=True):
                    at = int(where * len(text))
                    if in_text:
                        if not nodes:
                            break
                        at = nodes[min(int(where * len(nodes)), len(nodes) - 1)]
                        insert = " " + insert.replace("&", "&amp;").replace("<", "&lt;").replace("\x00", "") + " "
                    text = text[:at] + insert + text[at:]
                    if in_text:
                        nodes = [m.end() for m in _TEXT_NODE.finditer(text)]
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


_XML_BITS = ["<w:p>", "</w:p>", "<w:r><w:t>", "</w:t></w:r>", "<w:t>We will utilise it.</w:t>", "<text:p>",
             "</text:p>", "<text:p>We will facilitate visits.</text:p>", "&amp;", "&lt;", "<", ">", "\"", "\x00",
             "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "<w:hyperlink>", "</w:hyperlink>", "é😀"]


@pytest.mark.parametrize(("fixture", "member"), [("simple.docx", "word/document.xml"),
                                                 ("policy-features.odt", "content.xml")])
@PROPERTY
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_XML_BITS + JARGON)), max_size=6),
       drop=st.booleans())
def test_property_mutated_office_files_are_read_or_refused_in_one_line(ruleset, fixture: str, member: str,
                                                                       edits, drop: bool) -> None:
    original = (DATA / "docx" / fixture).read_bytes()
    data = _mutate_zip(original, member, edits, drop and len(edits) % 3 == 0)
    result = lint_bytes(ruleset, fixture, data)
    if result is not None:
        assert_offsets(result, result.document.source)


@pytest.mark.parametrize(("fixture", "member"), [("simple.docx", "word/document.xml"),
                                                 ("policy-features.odt", "content.xml")])
@PROPERTY
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(JARGON + ["é😀", "&", "<", "\t", "  "])),
                      min_size=1, max_size=8))
def test_property_words_put_into_office_files_are_found_where_they_are(ruleset, fixture: str, member: str,
                                                                        edits) -> None:
    original = (DATA / "docx" / fixture).read_bytes()
    result = lint_bytes(ruleset, fixture, _mutate_zip(original, member, edits, False, in_text=True))
    assert result is not None, "well-formed text put into a document must be read"
    assert_offsets(result, result.document.source)
    if any(word in ("utilise", "facilitate") for _, word in edits):
        assert any(f.match.lower() in ("utilise", "facilitate") for f in result.findings)


@PROPERTY
@given(cut=st.integers(0, 4000), junk=st.binary(max_size=64))
def test_property_damaged_office_bytes_are_refused_in_one_line(ruleset, cut: int, junk: bytes) -> None:
    original = (DATA / "docx" / "simple.docx").read_bytes()
    at = cut % len(original)
    data = original[:at] + junk + original[at + len(junk):]
    result = lint_bytes(ruleset, "simple.docx", data)
    if result is not None:
        assert_offsets(result, result.document.source)


# -- PDF: damaged bytes --------------------------------------------------------------------------------

@PROPERTY
@given(cut=st.integers(0, 100_000), junk=st.binary(min_size=1, max_size=32), truncate=st.booleans())
def test_property_damaged_pdfs_are_read_or_refused_in_one_line(ruleset, cut: int, junk: bytes,
                                                               truncate: bool) -> None:
    original = (DATA / "pdf" / "headings-skip.tagged.pdf").read_bytes()
    at = cut % len(original)
    data = original[:at] if truncate else original[:at] + junk + original[at + len(junk):]
    result = lint_bytes(ruleset, "doc.pdf", data)
    if result is not None:
        assert_offsets(result, result.document.source)


# -- YAML packs and wordlists --------------------------------------------------------------------------

_YAML_LINES = [
    "title: Test words", "licence: CC0-1.0", "words:", "  - term: commence", "    use: start", "    use: [start, begin]",
    "    use: {noun: effect, verb: affect}", "    why: Formal.", "    as: verb", "    as: [noun, teapot]",
    "    when: [we]", "    unless: [meeting]", "    within: paragraph", "    within: galaxy", "    fix: safe",
    "    fix: maybe", "    everywhere: yes", "    explained_ok: 3", "    examples: [We will commence.]",
    "    examples: We will not.", "    agreed: 2026-13-45", "    status: retired", "  - term:", "  - 7",
    "  -", "topic: {about: care, words: [carer]}", "topic: care", "defaults: {agreed_by: the forum}",
    "words: {}", "words: []", "&a [*a, *a]", "!!python/object:os.system ls", "key: !!binary aGk=", "\t- tab",
    "'unclosed", "{", "- [", "…", "\x00", "use: *anchor", "? complex key", "%YAML 1.1", "---", "...",
]

_PACK_LINES = [
    "id: test", "title: Test", "version: 1.0.0", "licence: CC0-1.0", "rules:", "  - id: one", "    kind: existence",
    "    kind: teapot", "    level: warning", "    level: loud", "    tokens: [utilise]", "    tokens: utilise",
    "    pattern: '(a+)+$'", "    pattern: '['", "    message: \"'{match}' is formal.\"",
    "    message: '{match:>999999}'", "    message: '{match.__class__}'", "    summary: A rule.", "    why: Because.",
    "    example: {bad: We utilise it., good: We use it.}", "    example: nothing", "    scope: sentence",
    "    max: -1", "    max: lots", "  - id: One", "  - id: one",
]


@PROPERTY
@given(lines=st.lists(st.sampled_from(_YAML_LINES), min_size=1, max_size=14))
def test_property_wordlists_load_or_are_refused_plainly(tmp_path_factory, lines: list[str]) -> None:
    from speakeasy.packs import load_wordlist

    path = tmp_path_factory.mktemp("wl") / "words.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    try:
        load_wordlist(path)
    except ConfigError as exc:
        assert str(exc).strip(), "an error must say what is wrong"


@PROPERTY
@given(lines=st.lists(st.sampled_from(_PACK_LINES + _YAML_LINES[-20:]), min_size=1, max_size=16))
def test_property_packs_load_or_are_refused_plainly(tmp_path_factory, lines: list[str]) -> None:
    from speakeasy.packs import load_pack

    path = tmp_path_factory.mktemp("pack") / "pack.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    try:
        load_pack(path)
    except ConfigError as exc:
        assert str(exc).strip(), "an error must say what is wrong"
