"""`speakeasy fix --diff` shows the changes and writes nothing; `fix` never writes a file it does not change.

Word and OpenDocument files are the LibreOffice fixtures in tests/data/docx
(see its README): policy-features has 'facilitate' and 'commence', simple has
nothing to fix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset
from speakeasy.fix import fix_file, render_diff
from speakeasy.readers import read_path

FIXTURES = ROOT / "tests" / "data" / "docx"

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
    fix: safe
  - term: facilitate
    use: help
    why: Formal.
    fix: safe
  - term: reablement
    use: [help to get back on your feet, short-term help]
    why: Jargon.
"""

DOC = "# Plan\n\nWe will commence soon.\nWe offer reablement.\n\nWe facilitate visits.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "words.yaml").write_text(WORDS, encoding="utf-8")
    return tmp_path


def fix(cli, folder: Path, *args: str) -> tuple[int, str, str]:
    return cli("fix", *args, "--no-config", "--pack", "length", "--wordlist", str(folder / "words.yaml"), cwd=folder)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the folder: its bytes and when it was last changed."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def test_markdown_diff_is_a_unified_diff_and_nothing_is_written(cli, folder: Path) -> None:
    (folder / "plan.md").write_text(DOC, encoding="utf-8")
    before = snapshot(folder)
    code, out, err = fix(cli, folder, "plan.md", "--diff")
    assert code == 0, err
    assert out == (
        "--- plan.md\n"
        "+++ plan.md\n"
        "@@ -1,6 +1,6 @@\n"
        " # Plan\n"
        " \n"
        "-We will commence soon.\n"
        "+We will start soon.\n"
        " We offer reablement.\n"
        " \n"
        "-We facilitate visits.\n"
        "+We help visits.\n"
    )
    # the words for people go to standard error, so the diff can be saved and applied
    assert "plan.md: would fix 2 words" in err
    assert "plan.md: 1 more needs a person to choose the words. To go through them, run: speakeasy review plan.md" in err
    assert "Would change 1 of 1 file. --diff writes nothing." in err
    assert snapshot(folder) == before


def test_the_diff_applies_to_what_fix_writes(cli, folder: Path) -> None:
    if shutil.which("patch") is None:
        pytest.skip("needs the patch program")
    text = "Intro.\r\n\r\nWe commence today.\r\nWe facilitate it, and we commence again"  # CRLF, no newline at the end
    (folder / "a.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    code, diff, err = fix(cli, folder, "a.md", "--diff")
    assert code == 0, err
    assert diff.endswith("\n\\ No newline at end of file\n")
    copy = folder / "copy"
    copy.mkdir()
    shutil.copy(folder / "a.md", copy / "a.md")
    subprocess.run(["patch", "-p0", "--binary", "-s"], input=diff.encode("utf-8"), cwd=copy, check=True, timeout=60)
    assert fix(cli, folder, "a.md")[0] == 0
    assert (copy / "a.md").read_bytes() == (folder / "a.fixed.md").read_bytes()
    assert (folder / "a.fixed.md").read_bytes() == (
        b"\xef\xbb\xbfIntro.\r\n\r\nWe start today.\r\nWe help it, and we start again")


@pytest.mark.parametrize("name", ["policy-features.docx", "policy-features.odt"])
def test_word_and_opendocument_diff_shows_each_paragraph_before_and_after(cli, folder: Path, name: str) -> None:
    shutil.copy(FIXTURES / name, folder / name)
    before = snapshot(folder)
    code, out, err = fix(cli, folder, name, "--diff")
    assert out == (
        f"{name}, under 'Purpose of this policy', paragraph 1:\n"
        "  before: This policy explains how we facilitate support for service users who receive domiciliary care "
        "at home.\n"
        "  after:  This policy explains how we help support for service users who receive domiciliary care at home.\n"
        "\n"
        f"{name}, under 'Purpose of this policy', paragraph 2:\n"
        "  before: Staff will commence each visit by reading the care plan with the person.\n"
        "  after:  Staff will start each visit by reading the care plan with the person.\n"
        "\n"
    ), err
    assert snapshot(folder) == before
    # the same exit code as fix itself (the 41-word sentence is still an error)
    assert code == fix(cli, folder, name)[0] == 1
    # what --diff said is what fix wrote
    fixed = read_path(folder / name.replace(".", ".fixed.")).source
    assert "This policy explains how we help support for service users" in fixed
    assert "Staff will start each visit" in fixed


def test_diff_of_suggestions_shows_the_text_with_the_changes_accepted(cli, folder: Path) -> None:
    shutil.copy(FIXTURES / "policy-features.docx", folder / "p.docx")
    before = snapshot(folder)
    code, out, _ = fix(cli, folder, "p.docx", "--diff", "--as-suggestions")
    assert "  after:  Staff will start each visit by reading the care plan with the person.\n" in out
    assert snapshot(folder) == before


@pytest.mark.parametrize("name", ["simple.docx", "simple.odt", "clean.md"])
@pytest.mark.parametrize("how", [[], ["--in-place"], ["--diff"]])
def test_a_file_with_nothing_to_change_is_never_written(cli, folder: Path, name: str, how: list[str]) -> None:
    if name == "clean.md":
        (folder / name).write_text("Friends and family can visit any day.\n", encoding="utf-8")
    else:
        shutil.copy(FIXTURES / name, folder / name)
    before = snapshot(folder)
    code, out, err = fix(cli, folder, name, *how)
    assert code == 0, err
    assert snapshot(folder) == before  # no NAME.fixed.EXT, no .bak, the file itself untouched
    if how == ["--diff"]:
        assert out == "" and "Would change 0 of 1 file." in err
    else:
        assert out == "Changed 0 of 1 file. Files with nothing to change were not written.\n"


def test_output_file_is_not_written_when_nothing_changes(cli, folder: Path) -> None:
    shutil.copy(FIXTURES / "simple.docx", folder / "simple.docx")
    code, _, _ = fix(cli, folder, "simple.docx", "-o", str(folder / "out.docx"))
    assert code == 0
    assert not (folder / "out.docx").exists()


def test_a_folder_diff_covers_each_changed_file(cli, folder: Path) -> None:
    docs = folder / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("We commence.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Nothing here.\n", encoding="utf-8")
    shutil.copy(FIXTURES / "policy-features.odt", docs / "c.odt")
    before = snapshot(docs)
    code, out, err = fix(cli, folder, "docs", "--diff")
    assert snapshot(docs) == before
    assert f"--- {Path('docs') / 'a.md'}\n+++ {Path('docs') / 'a.md'}\n" in out
    assert "-We commence.\n+We start.\n" in out
    assert "b.txt" not in out
    assert "c.odt, under 'Purpose of this policy', paragraph 2:\n" in out
    assert "Would change 2 of 3 files. --diff writes nothing." in err


@pytest.mark.parametrize("other", [["--in-place"], ["-o", "x.md"]])
def test_diff_does_not_mix_with_writing_options(cli, folder: Path, other: list[str]) -> None:
    (folder / "plan.md").write_text(DOC, encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(SystemExit) as exc:
        fix(cli, folder, "plan.md", "--diff", *other)
    assert exc.value.code == 2
    assert snapshot(folder) == before


def test_diff_on_files_it_cannot_fix_is_a_clear_error(cli, folder: Path) -> None:
    pdf = ROOT / "tests" / "data" / "pdf" / "headings-skip.tagged.pdf"
    shutil.copy(pdf, folder / "p.pdf")
    (folder / "p.html").write_text("<html lang='en'><body><main><p>We commence.</p></main></body></html>",
                                   encoding="utf-8")
    before = snapshot(folder)
    code, out, err = fix(cli, folder, "p.pdf", "p.html", "--diff")
    assert code == 2
    assert out == ""
    assert "speakeasy: error: p.pdf: speakeasy cannot change a PDF file." in err
    assert "speakeasy: error: p.html: speakeasy cannot fix html files yet." in err
    assert "Traceback" not in err
    assert snapshot(folder) == before


def test_diff_exit_code_is_the_one_fix_gives(cli, folder: Path) -> None:
    (folder / "plan.md").write_text(DOC, encoding="utf-8")
    for fail_on, expected in (("warning", 1), ("error", 0)):
        assert fix(cli, folder, "plan.md", "--diff", "--fail-on", fail_on)[0] == expected  # reablement is left
    (folder / "plan.md").write_text("We commence soon.\n", encoding="utf-8")
    assert fix(cli, folder, "plan.md", "--diff", "--fail-on", "warning")[0] == 0  # nothing would be left


def test_fix_file_without_writing(folder: Path) -> None:
    rs = build_ruleset(resolve({"packs": [], "extra_wordlists": [str(folder / "words.yaml")]}, no_config=True,
                               cwd=folder))
    src = folder / "p.docx"
    shutil.copy(FIXTURES / "policy-features.docx", src)
    result = fix_file(str(src), rs, write=False)
    assert not result.written and result.data is not None
    assert not Path(result.output).exists()
    assert "before: Staff will commence each visit" in render_diff(result)
    assert {(f.match, f.edit.replacement) for f in result.applied if f.edit} == {("commence", "start"),
                                                                                 ("facilitate", "help")}
    written = fix_file(str(src), rs)
    assert written.written and Path(written.output).read_bytes() == result.data
    os.remove(written.output)
    shutil.copy(FIXTURES / "simple.docx", src)
    unchanged = fix_file(str(src), rs)
    assert not unchanged.written and unchanged.data is None and render_diff(unchanged) == ""
    assert not Path(unchanged.output).exists()
