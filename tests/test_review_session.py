"""The editing model behind `speakeasy review`, without textual."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset
from speakeasy.tui.saving import add_keep_words
from speakeasy.tui.session import ReviewSession

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
    agreed_by: the Changes Forum
    agreed: 2026-03-14
  - term: reablement
    use: [help to get back on your feet, short-term help]
    why: Jargon.
  - term: utilise
    use: use
    why: Formal.
"""

TEXT = "# Plan\n\nWe will commence soon.\nWe utilise the reablement team.\n"


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS)


@pytest.fixture
def md(tmp_path: Path) -> Path:
    p = tmp_path / "policy.md"
    p.write_text(TEXT, encoding="utf-8")
    return p


def matches(s: ReviewSession) -> list[str]:
    return [f.match for f in s.findings]


def test_apply_undo_and_save(md: Path, ruleset) -> None:
    s = ReviewSession(str(md), ruleset)
    assert matches(s) == ["commence", "utilise", "reablement"]
    s.apply(s.findings[0], "start")
    s.apply(s.findings[1], s.findings[1].suggestions[1])
    assert s.text == "# Plan\n\nWe will start soon.\nWe utilise the short-term help team.\n"
    assert matches(s) == ["utilise"]
    assert s.dirty
    assert md.read_text(encoding="utf-8") == TEXT  # nothing written before save
    assert s.undo() is not None and s.undo() is not None
    assert s.undo() is None
    assert s.text == TEXT and not s.dirty
    s.apply(s.findings[0], "begin")
    assert s.save() == [str(md)]
    assert md.read_text(encoding="utf-8") == TEXT.replace("commence", "begin")
    assert not s.dirty


def test_skip_is_undone_and_moves_with_edits(md: Path, ruleset) -> None:
    s = ReviewSession(str(md), ruleset)
    s.skip(s.findings[1])  # utilise
    assert matches(s) == ["commence", "reablement"]
    s.apply(s.findings[0], "get going")  # the text before the skipped word grows
    assert matches(s) == ["reablement"]
    s.undo()
    s.undo()
    assert matches(s) == ["commence", "utilise", "reablement"]


def test_ignore_and_disable_in_markdown_write_comments(md: Path, ruleset) -> None:
    s = ReviewSession(str(md), ruleset)
    s.ignore(s.findings[1], "the team's -- name")
    assert "<!-- speakeasy-disable-next-line local.words -- the team's - name -->\nWe utilise" in s.text
    assert matches(s) == ["commence"]
    s.disable(s.findings[0])
    assert s.text.startswith("<!-- speakeasy-disable local.words -->\n\n# Plan")
    assert matches(s) == []
    s.undo()
    s.undo()
    assert s.text == TEXT


def test_keep_goes_to_the_config_on_save(md: Path, ruleset, tmp_path: Path) -> None:
    s = ReviewSession(str(md), ruleset)
    s.keep(s.findings[2])
    assert matches(s) == ["commence", "utilise"]
    assert not (tmp_path / ".speakeasy.yaml").exists()
    written = s.save()
    assert str(tmp_path / ".speakeasy.yaml") in written
    assert yaml.safe_load((tmp_path / ".speakeasy.yaml").read_text())["keep"] == ["reablement"]
    assert md.read_text(encoding="utf-8") == TEXT  # the document did not change


@pytest.mark.parametrize("before, after", [
    ("# mine\nkeep: [YAML, JSON]  # ok\nignore: []\n", "# mine\nkeep: [YAML, JSON, reablement, \"yes\"]  # ok\nignore: []\n"),
    ("keep:\n  - YAML\n  - JSON\nfail_on: warning\n", "keep:\n  - YAML\n  - JSON\n  - reablement\n  - \"yes\"\nfail_on: warning\n"),
    ("fail_on: warning", "fail_on: warning\nkeep:\n  - reablement\n  - \"yes\"\n"),
    ("keep: []\n", "keep: [reablement, \"yes\"]\n"),
])
def test_keep_words_keep_the_rest_of_the_file(tmp_path: Path, before: str, after: str) -> None:
    p = tmp_path / ".speakeasy.yaml"
    p.write_text(before, encoding="utf-8")
    add_keep_words(p, ["reablement", "yes"])
    assert p.read_text(encoding="utf-8") == after


def test_text_files_use_the_ignore_file(tmp_path: Path, ruleset) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("We commence now.\nWe commence later.\n", encoding="utf-8")
    s = ReviewSession(str(p), ruleset)
    s.ignore(s.findings[0], "a quote")
    assert [f.line for f in s.findings] == [2]
    s.save()
    entries = yaml.safe_load((tmp_path / ".speakeasy-ignore.yaml").read_text())
    assert entries == [{"file": "notes.txt", "rule": "local.words", "match": "commence",
                        "context": "We commence now.", "reason": "a quote"}]
    again = ReviewSession(str(p), ruleset)  # a new session honours the file
    assert [f.line for f in again.findings] == [2]
    again.disable(again.findings[0])
    assert again.findings == []
    assert p.read_text(encoding="utf-8") == "We commence now.\nWe commence later.\n"


def test_long_sentences_are_not_changed(tmp_path: Path) -> None:
    p = tmp_path / "long.md"
    p.write_text("We " + "really " * 50 + "mean it.\n", encoding="utf-8")
    s = ReviewSession(str(p), build_ruleset(resolve(no_config=True, cwd=tmp_path)))
    long = [f for f in s.findings if s.is_long_sentence(f)]
    assert long and long[0].value and long[0].threshold
    from speakeasy.errors import SpeakeasyError

    with pytest.raises(SpeakeasyError):
        s.apply(long[0], "x")
    sc = s.scores(long[0])
    assert sc.document and sc.paragraph


def test_bom_is_kept(tmp_path: Path, ruleset) -> None:
    p = tmp_path / "b.md"
    p.write_bytes("\ufeffWe commence.\r\n".encode("utf-8"))
    s = ReviewSession(str(p), ruleset)
    s.apply(s.findings[0], "start")
    s.save()
    assert p.read_bytes() == "\ufeffWe start.\r\n".encode("utf-8")


def test_docx_save_keeps_bold(tmp_path: Path, ruleset) -> None:
    docx = pytest.importorskip("docx")
    path = tmp_path / "policy.docx"
    d = docx.Document()
    p = d.add_paragraph("We will ")
    r = p.add_run("commence")
    r.bold = True
    p.add_run(" the review and offer reablement.")
    d.save(str(path))
    before = path.read_bytes()
    s = ReviewSession(str(path), ruleset)
    assert matches(s) == ["commence", "reablement"]
    s.apply(s.findings[0], "start")
    assert matches(s) == ["reablement"]
    s.apply(s.findings[0], "short-term help")
    assert "We will start the review and offer short-term help." in s.text
    assert not (tmp_path / "policy.fixed.docx").exists()
    assert s.save() == [str(tmp_path / "policy.fixed.docx")]
    assert path.read_bytes() == before
    out = docx.Document(str(tmp_path / "policy.fixed.docx"))
    runs = [(r.text, r.bold) for r in out.paragraphs[0].runs]
    assert runs == [("We will ", None), ("start", True), (" the review and offer short-term help.", None)]


def _word_file(docx, path: Path) -> bytes:
    d = docx.Document()
    p = d.add_paragraph("We will ")
    r = p.add_run("commence")
    r.bold = True
    p.add_run(" the review and offer reablement.")
    d.save(str(path))
    return path.read_bytes()


def test_docx_save_as_tracked_changes(tmp_path: Path, ruleset) -> None:
    docx = pytest.importorskip("docx")
    import zipfile

    from lxml import etree

    path = tmp_path / "policy.docx"
    before = _word_file(docx, path)
    s = ReviewSession(str(path), ruleset)
    s.apply(s.findings[0], "start")
    s.apply(s.findings[0], "done by hand", typed=True)  # typed: still a tracked change with a comment
    target = tmp_path / "policy.suggestions.docx"
    assert s.output_path_for(as_suggestions=True) == str(target)
    assert s.save(as_suggestions=True) == [str(target)]
    assert not s.dirty
    assert path.read_bytes() == before
    assert not (tmp_path / "policy.fixed.docx").exists()

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(target) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        comments = etree.fromstring(z.read("word/comments.xml"))
        assert "word/comments.xml" in z.read("[Content_Types].xml").decode()
        assert "comments.xml" in z.read("word/_rels/document.xml.rels").decode()
    dels = list(body.iter(f"{w}del"))
    inss = list(body.iter(f"{w}ins"))
    assert len(dels) == 2 and len(inss) == 2
    assert {e.get(f"{w}author") for e in dels + inss} == {"speakeasy"}
    assert sorted("".join(t.text for t in d.iter(f"{w}delText")) for d in dels) == ["commence", "reablement"]
    assert sorted("".join(t.text for t in i.iter(f"{w}t")) for i in inss) == ["done by hand", "start"]
    # the inserted word keeps the bold of the word it replaces
    start_run = next(i for i in inss if "start" in "".join(t.text for t in i.iter(f"{w}t"))).find(f"{w}r")
    assert start_run.find(f"{w}rPr/{w}b") is not None
    texts = ["".join(t.text for t in c.iter(f"{w}t")) for c in comments.iter(f"{w}comment")]
    assert len(texts) == 2 and all(c.get(f"{w}author") == "speakeasy" for c in comments.iter(f"{w}comment"))
    assert any("speakeasy suggests 'start' instead of 'commence'." in t and "Formal." in t for t in texts)
    assert len(list(body.iter(f"{w}commentReference"))) == 2
    docx.Document(str(target))  # still a Word file python-docx opens


def test_docx_save_clean_then_tracked_changes(tmp_path: Path, ruleset) -> None:
    docx = pytest.importorskip("docx")
    path = tmp_path / "policy.docx"
    _word_file(docx, path)
    s = ReviewSession(str(path), ruleset)
    s.apply(s.findings[0], "start")
    assert s.save() == [str(tmp_path / "policy.fixed.docx")]
    runs = [(r.text, r.bold) for r in docx.Document(str(tmp_path / "policy.fixed.docx")).paragraphs[0].runs]
    assert runs == [("We will ", None), ("start", True), (" the review and offer reablement.", None)]
    # nothing new chosen, but the other kind of copy does not exist yet: it is written
    assert s.save(as_suggestions=True) == [str(tmp_path / "policy.suggestions.docx")]
    assert s.save(as_suggestions=True) == []
    assert b"w:del " in zipfile_member(tmp_path / "policy.suggestions.docx", "word/document.xml")


def zipfile_member(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read(name)


def test_opendocument_files_are_reviewed_and_saved_as_a_clean_copy(tmp_path: Path, ruleset) -> None:
    import shutil

    from conftest import ROOT
    from speakeasy.readers import read_path

    path = tmp_path / "policy.odt"
    shutil.copy(ROOT / "tests" / "data" / "docx" / "policy-features.odt", path)
    before = path.read_bytes()
    s = ReviewSession(str(path), ruleset)
    assert not s.can_suggest
    first = next(f for f in s.findings if f.match.lower() == "commence")
    s.apply(first, "start")
    assert s.save() == [str(tmp_path / "policy.fixed.odt")]
    assert path.read_bytes() == before  # the original is never changed
    saved = read_path(str(tmp_path / "policy.fixed.odt")).source
    assert "Staff will start each visit" in saved


def test_a_web_page_is_read_only(tmp_path: Path, ruleset) -> None:
    from speakeasy.errors import SpeakeasyError

    page = tmp_path / "page.html"
    src = "<html><body><main><p>We will <b>commence</b>\n soon.</p><p>We utilise it.</p></main></body></html>\n"
    page.write_text(src, encoding="utf-8")
    s = ReviewSession(str(page), ruleset)
    assert s.read_only and s.cannot_write == "speakeasy cannot write changes to web pages."
    assert matches(s) == ["commence", "utilise"]
    # the text shown: the blocks in their places, markup hidden, as long as the file
    assert len(s.view_text) == len(src)
    assert [" ".join(s.view_text[a:b].split()) for a, b in s.view] == ["We will commence soon.", "We utilise it."]
    assert all(s.in_view(f) for f in s.findings)
    with pytest.raises(SpeakeasyError, match="^speakeasy cannot write changes to web pages. Change the file"):
        s.apply(s.findings[0], "start")
    s.skip(s.findings[0])
    assert matches(s) == ["utilise"] and s.text == src
    s.undo()
    assert matches(s) == ["commence", "utilise"]
    s.ignore(s.findings[1], "a quote")
    assert s.save() == [str(tmp_path / ".speakeasy-ignore.yaml")]
    assert page.read_text(encoding="utf-8") == src
    # the markdown and other writable formats are not read only
    md = tmp_path / "p.md"
    md.write_text(TEXT, encoding="utf-8")
    assert not ReviewSession(str(md), ruleset).read_only and ReviewSession(str(md), ruleset).view is None
