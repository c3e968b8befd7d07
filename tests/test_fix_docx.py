"""`speakeasy fix` on Word files: formatting kept, nothing outside a finding changes, suggestions as tracked changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from speakeasy.fix import fix_file

docx = pytest.importorskip("docx")

WORDS = """\
title: Test words
licence: CC0-1.0
agreed_by: the Changes Forum
words:
  - term: commence
    use: start
    why: Formal.
    fix: safe
    agreed_by: the Changes Forum
    agreed: 2026-03-14
  - term: facilitate
    use: help
    why: Formal.
    fix: safe
  - term: reablement
    use: [help to get back on your feet, short-term help]
    why: Jargon.
"""


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS.replace("agreed_by: the Changes Forum\nwords", "words"))


def make_doc(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("Who does what", 1)
    p = d.add_paragraph("We will ")
    r = p.add_run("commence")
    r.bold = True
    p.add_run(" the review and ")
    p.add_run("fa")
    r2 = p.add_run("cilitate")
    r2.italic = True
    p.add_run(" what we learn.")
    d.add_paragraph("Reablement is offered. Nothing to fix here.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "We commence in May"
    t.cell(0, 1).text = "Untouched cell"
    d.sections[0].header.paragraphs[0].text = "Header: we commence"
    d.save(path)
    return path


def runs(path: Path) -> list[list[tuple[str, bool | None, bool | None]]]:
    d = docx.Document(path)
    out = [[(r.text, r.bold, r.italic) for r in p.runs] for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                out.extend([[(r.text, r.bold, r.italic) for r in p.runs] for p in c.paragraphs])
    out.extend([[(r.text, r.bold, r.italic) for r in p.runs] for p in d.sections[0].header.paragraphs])
    return out


def test_clean_fix_keeps_formatting_and_touches_nothing_else(tmp_path: Path, ruleset) -> None:
    src = make_doc(tmp_path / "policy.docx")
    before_bytes = src.read_bytes()
    result = fix_file(str(src), ruleset)
    assert result.output == str(tmp_path / "policy.fixed.docx")
    assert src.read_bytes() == before_bytes  # the original is never changed
    assert sorted((f.match, f.edit.replacement) for f in result.applied) == [
        ("commence", "start"), ("commence", "start"), ("commence", "start"), ("facilitate", "help")]
    assert [f.match for f in result.held_back] == ["Reablement"]
    before, after = runs(src), runs(Path(result.output))
    # the bold word stays bold; the split word goes into its first run; other runs unchanged
    assert after[1] == [("We will ", None, None), ("start", True, None), (" the review and ", None, None),
                        ("help", None, None), ("", None, True), (" what we learn.", None, None)]
    assert after[2] == before[2]  # nothing to fix: identical
    assert after[3] == [("We start in May", None, None)] and after[4] == before[4]
    assert after[-1] == [("Header: we start", None, None)]
    # every part of the package that had nothing to fix is byte for byte the same
    old, new = zipfile.ZipFile(src), zipfile.ZipFile(result.output)
    assert old.namelist() == new.namelist()
    changed = {n for n in old.namelist() if old.read(n) != new.read(n)}
    headers = {n for n in changed if n.startswith("word/header")}
    assert changed == {"word/document.xml"} | headers and len(headers) == 1


def test_in_place_is_atomic_and_keeps_a_backup(tmp_path: Path, ruleset) -> None:
    src = make_doc(tmp_path / "policy.docx")
    original = src.read_bytes()
    result = fix_file(str(src), ruleset, in_place=True)
    assert result.output == str(src)
    assert Path(str(src) + ".bak").read_bytes() == original
    assert "We will start the review" in "\n".join(p.text for p in docx.Document(src).paragraphs)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".speakeasy-")]


def test_suggestions_are_tracked_changes_with_comments(tmp_path: Path, ruleset) -> None:
    src = make_doc(tmp_path / "policy.docx")
    result = fix_file(str(src), ruleset, as_suggestions=True)
    z = zipfile.ZipFile(result.output)
    xml = z.read("word/document.xml").decode("utf-8")
    assert xml.count('w:author="speakeasy"') >= 2 * 3
    assert "<w:delText>commence</w:delText>" in xml and "<w:t>start</w:t>" in xml
    assert "<w:delText>fa</w:delText>" in xml and "<w:delText>cilitate</w:delText>" in xml
    comments = z.read("word/comments.xml").decode("utf-8")
    assert "speakeasy suggests 'start' instead of 'commence'." in comments
    assert "The plain words were agreed by the Changes Forum, March 2026." in comments
    assert 'PartName="/word/comments.xml"' in z.read("[Content_Types].xml").decode("utf-8")
    rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "relationships/comments" in rels
    # the text with every change accepted is the fixed text
    from speakeasy.readers import read_path

    assert "We will start the review and help what we learn." in read_path(result.output).source


SOFFICE = shutil.which("soffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suggest", [False, True])
def test_libreoffice_opens_the_result(tmp_path: Path, ruleset, suggest: bool) -> None:
    src = make_doc(tmp_path / "policy.docx")
    result = fix_file(str(src), ruleset, as_suggestions=suggest)
    out = tmp_path / "out"
    for fmt in ("txt", "fodt"):
        proc = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                               fmt, "--outdir", str(out), result.output], capture_output=True, text=True, timeout=180)
        assert proc.returncode == 0, proc.stderr
    stem = Path(result.output).stem
    text = (out / f"{stem}.txt").read_text(encoding="utf-8-sig")
    flat = (out / f"{stem}.fodt").read_text(encoding="utf-8")
    if suggest:
        # LibreOffice sees real tracked changes by speakeasy, and the comments
        assert flat.count("<text:changed-region") >= 6
        assert "<dc:creator>speakeasy</dc:creator>" in flat
        assert "<office:annotation" in flat
    else:
        assert "We will start the review and help what we learn." in text
        assert "<text:changed-region" not in flat


def test_fixing_a_libreoffice_document_changes_only_the_flagged_words(tmp_path: Path, ruleset) -> None:
    """On a real word processor's file: every run keeps its formatting; only runs with fixed words change."""
    from lxml import etree

    from conftest import ROOT

    src = tmp_path / "policy-features.docx"
    shutil.copy(ROOT / "tests" / "data" / "docx" / "policy-features.docx", src)
    result = fix_file(str(src), ruleset)
    fixed = {(f.match, f.edit.replacement) for f in result.applied}
    assert ("commence", "start") in fixed and ("facilitate", "help") in fixed
    old, new = zipfile.ZipFile(src), zipfile.ZipFile(result.output)
    assert old.namelist() == new.namelist()
    changed = {n for n in old.namelist() if old.read(n) != new.read(n)}
    assert changed <= {"word/document.xml", "word/footnotes.xml", "word/endnotes.xml"} | {
        n for n in old.namelist() if n.startswith(("word/header", "word/footer"))}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for name in changed:
        a_runs = list(etree.fromstring(old.read(name)).iter(f"{w}r"))
        b_runs = list(etree.fromstring(new.read(name)).iter(f"{w}r"))
        assert len(a_runs) == len(b_runs), name  # a clean fix never adds or removes runs
        for ra, rb in zip(a_runs, b_runs):
            pa, pb = ra.find(f"{w}rPr"), rb.find(f"{w}rPr")
            assert (None if pa is None else etree.tostring(pa)) == (None if pb is None else etree.tostring(pb))
            ta = "".join(t.text or "" for t in ra.iter(f"{w}t"))
            tb = "".join(t.text or "" for t in rb.iter(f"{w}t"))
            if ta != tb:
                # only a piece of a fixed word was taken out, and only its replacement (or nothing) put in
                head = len(os.path.commonprefix([ta, tb]))
                tail = len(os.path.commonprefix([ta[head:][::-1], tb[head:][::-1]]))
                removed, added = ta[head : len(ta) - tail], tb[head : len(tb) - tail]
                assert any(removed.lower() in m.lower() and added in ("", r, r.capitalize()) for m, r in fixed), (
                    ta, tb)


def test_fixing_an_opendocument_file(tmp_path: Path, ruleset) -> None:
    """OpenDocument files are fixed the same way (clean copies; tracked changes are Word only)."""
    from conftest import ROOT
    from speakeasy.errors import InputError
    from speakeasy.readers import read_path

    src = tmp_path / "policy-features.odt"
    shutil.copy(ROOT / "tests" / "data" / "docx" / "policy-features.odt", src)
    before = read_path(str(src)).source
    result = fix_file(str(src), ruleset)
    assert result.output == str(tmp_path / "policy-features.fixed.odt")
    after = read_path(result.output).source
    assert "commence" in before and "commence" not in after.lower()
    assert "facilitate" in before and "facilitate" not in after.lower()
    # only the fixed words changed, line (paragraph) by line
    fixed = {(f.match.lower(), f.edit.replacement.lower()) for f in result.applied}
    assert len(after.splitlines()) == len(before.splitlines())
    for a, b in zip(before.splitlines(), after.splitlines()):
        expected = a.lower()
        for old_word, new_word in fixed:
            expected = expected.replace(old_word, new_word)
        assert b.lower() == expected
    old, new = zipfile.ZipFile(src), zipfile.ZipFile(result.output)
    assert old.namelist() == new.namelist() and new.namelist()[0] == "mimetype"
    assert new.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    assert {n for n in old.namelist() if old.read(n) != new.read(n)} <= {"content.xml", "styles.xml"}
    with pytest.raises(InputError, match="Word files"):
        fix_file(str(src), ruleset, as_suggestions=True)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_a_fixed_opendocument_file(tmp_path: Path, ruleset) -> None:
    from conftest import ROOT

    src = tmp_path / "policy-features.odt"
    shutil.copy(ROOT / "tests" / "data" / "docx" / "policy-features.odt", src)
    result = fix_file(str(src), ruleset)
    proc = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                           "txt", "--outdir", str(tmp_path / "out"), result.output], capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "out" / "policy-features.fixed.txt").read_text(encoding="utf-8-sig")
    assert "commence" not in text.lower() and "start" in text
