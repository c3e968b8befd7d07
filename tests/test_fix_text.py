"""`speakeasy fix` on Markdown and text: safe fixes only, nothing else touched, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from speakeasy.fix import apply_text_edits, fix_file, safe_edits
from speakeasy.model import Edit

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: commence
    use: start
    why: Formal.
    fix: safe
  - term: reablement
    use: [help to get back on your feet, short-term help]
    why: Jargon.
  - term: utilise
    use: use
    why: Formal.
    fix: safe
"""


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS)


def test_safe_fixes_are_applied_and_the_rest_is_untouched(tmp_path: Path, ruleset) -> None:
    doc = tmp_path / "policy.md"
    original = "# Plan\n\nWe will **commence** soon and Utilise `commence` code.\nReablement stays.\n"
    doc.write_text(original, encoding="utf-8")
    result = fix_file(str(doc), ruleset)
    assert result.output == str(tmp_path / "policy.fixed.md")
    assert doc.read_text(encoding="utf-8") == original  # not in place: the original is untouched
    fixed = Path(result.output).read_text(encoding="utf-8")
    assert fixed == "# Plan\n\nWe will **start** soon and Use `commence` code.\nReablement stays.\n"
    assert [f.match for f in result.held_back] == ["Reablement"]


def test_in_place_keeps_a_backup_mode_bom_and_line_endings(tmp_path: Path, ruleset) -> None:
    doc = tmp_path / "notes.txt"
    original = "\ufeffWe commence today.\r\nWe utilised it.\r\n".encode("utf-8")
    doc.write_bytes(original)
    os.chmod(doc, 0o640)
    result = fix_file(str(doc), ruleset, in_place=True)
    assert result.output == str(doc)
    assert doc.read_bytes() == "\ufeffWe start today.\r\nWe used it.\r\n".encode("utf-8")
    assert Path(str(doc) + ".bak").read_bytes() == original
    assert stat.S_IMODE(os.stat(doc).st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".speakeasy-")]  # no temporary files left


def test_nothing_to_fix_writes_nothing_in_place(tmp_path: Path, ruleset) -> None:
    doc = tmp_path / "clean.md"
    doc.write_text("We start today.\n", encoding="utf-8")
    before = doc.stat().st_mtime_ns
    result = fix_file(str(doc), ruleset, in_place=True)
    assert not result.changed
    assert doc.stat().st_mtime_ns == before
    assert not Path(str(doc) + ".bak").exists()


def test_overlapping_edits_are_not_both_applied() -> None:
    from speakeasy.model import Finding, Level

    def f(a: int, b: int, r: str) -> Finding:
        return Finding("x", Level.WARNING, "m", "p", a, b, "", edit=Edit(a, b, r, True))

    chosen, held = safe_edits([f(0, 5, "A"), f(3, 8, "B"), f(10, 12, "C")])
    assert [e.replacement for e, _ in chosen] == ["A", "C"]
    assert [x.edit.replacement for x in held] == ["B"]
    assert apply_text_edits("0123456789abcdef", [e for e, _ in chosen]) == "A56789Ccdef"


def test_fix_command(cli, tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("We commence today. We offer reablement.\n", encoding="utf-8")
    wl = tmp_path / "words.yaml"
    wl.write_text(WORDS, encoding="utf-8")
    code, out, err = cli("fix", str(doc), "--in-place", "--no-config", "--pack", "length", "--wordlist", str(wl))
    assert code == 0, err
    assert f"{doc}: fixed 1 word, written to {doc}" in out
    assert "1:4: 'commence' -> 'start'" in out
    assert f"{doc}: 1 more needs a person to choose the words. To go through them, run: speakeasy review {doc}" in out
    assert doc.read_text(encoding="utf-8") == "We start today. We offer reablement.\n"


def test_fix_output_needs_one_file(cli, tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    code, _, err = cli("fix", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(tmp_path / "c.md"),
                       "--no-config")
    assert code == 2
    assert "--output works with exactly one file" in err
