"""`speakeasy fix` and `speakeasy review` on slides: the words change in their runs, and nothing else does."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from slides_support import A, pptx_bytes, sp

from speakeasy.fix import fix_file, render_diff
from speakeasy.readers import read_path
from speakeasy.testing import assert_reader_contract
from speakeasy.tui.session import ReviewSession

DATA = ROOT / "tests" / "data" / "slides"
WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
    fix: safe
  - term: utilise
    use: use
    why: Formal.
    fix: safe
  - term: signpost
    use: [tell you where to get help, point you to other help]
    why: Jargon.
"""
SOFFICE = shutil.which("soffice")
#: LibreOffice with Impress (the writer-only package cannot open slides)
IMPRESS = SOFFICE is not None and (Path(SOFFICE).resolve().parent.parent / "share/registry/impress.xcd").exists()


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS)


@pytest.fixture(params=["talk.pptx", "talk.odp"])
def deck(request, tmp_path: Path) -> Path:
    path = tmp_path / request.param
    shutil.copyfile(DATA / request.param, path)
    return path


def texts(path: Path) -> list[str]:
    return [b.text for b in read_path(path).blocks]


def test_fix_changes_the_words_and_nothing_else(deck: Path, ruleset) -> None:
    before = texts(deck)
    original = deck.read_bytes()
    result = fix_file(str(deck), ruleset)
    assert [f.match for f in result.applied] == ["commence", "utilise"]
    assert [f.match for f in result.held_back] == ["signpost"]  # two alternatives: a person chooses
    assert deck.read_bytes() == original
    fixed = Path(result.output)
    assert fixed.name == deck.stem + ".fixed" + deck.suffix
    after = texts(fixed)
    assert after[1:3] == ["We will start your reablement soon.", "Please use the form to tell us."]
    assert after[:1] + after[3:] == before[:1] + before[3:]
    assert_reader_contract(read_path(fixed))
    # one part changed; every other member is the same, byte for byte
    with zipfile.ZipFile(deck) as old, zipfile.ZipFile(fixed) as new:
        assert old.namelist() == new.namelist()
        changed = [i.filename for i in new.infolist() if i.CRC != old.getinfo(i.filename).CRC]
    assert changed == (["ppt/slides/slide1.xml"] if deck.suffix == ".pptx" else ["content.xml"])


def test_fix_keeps_the_bold_run_of_a_pptx(tmp_path: Path, ruleset) -> None:
    path = tmp_path / "talk.pptx"
    shutil.copyfile(DATA / "talk.pptx", path)
    result = fix_file(str(path), ruleset)
    slide = etree.fromstring(zipfile.ZipFile(result.output).read("ppt/slides/slide1.xml"))
    paragraph = slide.findall(f".//{{{A}}}p")[2]
    runs = [(r.find(f"{{{A}}}t").text, r.find(f"{{{A}}}rPr").get("b")) for r in paragraph.findall(f"{{{A}}}r")]
    assert runs == [("Please ", "1"), ("use the form to tell us.", "0")]
    # DrawingML text takes no xml:space: PowerPoint refuses attributes its schema does not know
    assert b"xml:space" not in zipfile.ZipFile(result.output).read("ppt/slides/slide1.xml")


def test_a_word_split_across_runs_goes_into_the_run_where_it_starts(tmp_path: Path, ruleset) -> None:
    split = ('<a:p><a:r><a:rPr b="1"/><a:t>We util</a:t></a:r><a:r><a:rPr i="1"/><a:t>ise the form.</a:t></a:r>'
             "</a:p>")
    path = tmp_path / "deck.pptx"
    path.write_bytes(pptx_bytes([sp("Forms", ph="title") + sp(split)]))
    result = fix_file(str(path), ruleset)
    assert [f.match for f in result.applied] == ["utilise"]
    slide = etree.fromstring(zipfile.ZipFile(result.output).read("ppt/slides/slide1.xml"))
    runs = [(dict(r.find(f"{{{A}}}rPr").attrib), r.find(f"{{{A}}}t").text) for r in slide.iter(f"{{{A}}}r")
            if r.find(f"{{{A}}}rPr") is not None]
    assert runs == [({"b": "1"}, "We use"), ({"i": "1"}, " the form.")]


def test_fix_leaves_words_over_a_line_break_to_a_person(tmp_path: Path, make_ruleset) -> None:
    rules = make_ruleset("title: Test words\nlicence: CC0-1.0\nwords:\n"
                         "  - term: commence soon\n    use: start now\n    why: Formal.\n    fix: safe\n")
    broken = "<a:p><a:r><a:t>We will commence</a:t></a:r><a:br/><a:r><a:t>soon, or later.</a:t></a:r></a:p>"
    path = tmp_path / "deck.pptx"
    path.write_bytes(pptx_bytes([sp("Visits", ph="title") + sp(broken)]))
    result = fix_file(str(path), rules)
    assert result.applied == [] and result.data is None
    assert [" ".join(f.match.split()) for f in result.held_back] == ["commence soon"]
    assert not Path(result.output).exists()


def test_fix_diff_shows_each_slide_paragraph_before_and_after(deck: Path, ruleset) -> None:
    result = fix_file(str(deck), ruleset, write=False)
    assert not Path(result.output).exists()
    diff = render_diff(result)
    assert f"{deck}, slide 1, text:\n  before: We will commence your reablement soon.\n" \
           f"  after:  We will start your reablement soon.\n" in diff


def test_review_saves_a_slide_deck_in_its_runs(deck: Path, ruleset) -> None:
    before = deck.read_bytes()
    s = ReviewSession(str(deck), ruleset)
    assert [f.match for f in s.findings] == ["commence", "utilise", "signpost"]
    s.apply(s.findings[2], "point you to other help")
    s.apply(s.findings[0], "start")
    assert s.save() == [str(deck.with_name(deck.stem + ".fixed" + deck.suffix))]
    assert deck.read_bytes() == before
    after = texts(deck.with_name(deck.stem + ".fixed" + deck.suffix))
    assert after[1:4] == ["We will start your reablement soon.", "Please utilise the form to tell us.",
                          "Say that we will point you to other help people to other services."]


@pytest.mark.slow
@pytest.mark.skipif(not IMPRESS, reason="LibreOffice Impress is not installed")
def test_libreoffice_opens_a_fixed_deck(deck: Path, ruleset, tmp_path: Path) -> None:
    """The fixed file opens in LibreOffice Impress: made into a PDF, it has the new words and the old ones."""
    result = fix_file(str(deck), ruleset)
    out = tmp_path / "pdf"
    proc = subprocess.run([str(SOFFICE), "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(out), result.output],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = out / (Path(result.output).stem + ".pdf")
    words = " ".join(read_path(pdf).source.split())
    for line in ("We will start your reablement soon.", "Please use the form to tell us.", "Who to call",
                 "Text in a nested group.", "First we phone you."):
        assert line in words, (line, words[:2000])
    assert "commence" not in words and "utilise" not in words


def test_a_fixed_pptx_opens_in_python_pptx(tmp_path: Path, ruleset) -> None:
    """Another program that reads PowerPoint files finds the fixed words, with the bold run kept."""
    pptx = pytest.importorskip("pptx")
    path = tmp_path / "talk.pptx"
    shutil.copyfile(DATA / "talk.pptx", path)
    result = fix_file(str(path), ruleset)
    deck = pptx.Presentation(result.output)
    body = [p for shape in deck.slides[0].shapes if shape.has_text_frame for p in shape.text_frame.paragraphs]
    assert [p.text for p in body] == ["Short breaks for carers", "We will start your reablement soon.",
                                      "Please use the form to tell us."]
    assert [(r.text, r.font.bold) for r in body[2].runs] == [("Please ", True), ("use the form to tell us.", False)]
    assert deck.slides[0].notes_slide.notes_text_frame.text == "Say that we will signpost people to other services."


def test_speakeasy_fix_on_the_command_line_says_where_on_the_slides(tmp_path: Path, cli) -> None:
    shutil.copyfile(DATA / "talk.pptx", tmp_path / "talk.pptx")
    code, out, err = cli("fix", "talk.pptx", "--no-config", cwd=tmp_path)
    assert code == 0, err
    assert "talk.pptx: fixed 1 word, written to talk.fixed.pptx" in out
    assert "  slide 1, text: 'utilise' -> 'use'" in out
