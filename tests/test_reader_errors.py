"""Files that cannot be read: a clear one-line reason per file, and the run goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy.errors import InputError
from speakeasy.readers import decode, read_bytes, read_path

GOOD = "We will commence the plan.\n"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {
        "good.md": GOOD.encode("utf-8"),
        "binary.md": b"PK\x03\x04\x14\x00\x00\x00\x08\x00commence",
        "late-nul.md": b"We commence.\n" * 1000 + b"\x00\n",
        "latin1.md": "Caf\u00e9 policy\nWe commence.\n".encode("latin-1"),
        "cp1252.txt": "Line one\n\u201cQuoted\u201d words\n".encode("cp1252"),
        "utf16.md": "We commence the plan.\n".encode("utf-16"),  # with a byte-order mark
        "utf16le.txt": "We commence the plan.\n".encode("utf-16-le"),  # without one
        "utf32.md": "We commence.\n".encode("utf-32"),
        "empty.md": b"",
        "bom-only.md": b"\xef\xbb\xbf",
        "notes.docx": b"PK\x03\x04",
        "notes.rtf": b"{\\rtf1 We commence.}",
        "notes": b"We commence.\n",
    }
    out = {}
    for name, data in made.items():
        p = tmp_path / name
        p.write_bytes(data)
        out[name] = p
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "plain-folder").mkdir()
    out["folder.md"] = tmp_path / "folder.md"
    out["plain-folder"] = tmp_path / "plain-folder"
    out["missing.md"] = tmp_path / "missing.md"
    out["missing.xyz"] = tmp_path / "missing.xyz"
    return out


def reason(path: Path) -> tuple[str, str, str]:
    with pytest.raises(InputError) as info:
        read_path(path)
    exc = info.value
    assert exc.path == str(path)
    assert exc.message == f"{path}: {exc.reason}"
    assert "\n" not in exc.message
    return exc.code, exc.reason, exc.message


# ---------------------------------------------------------------------------
# read_path


def test_good_file_reads(files: dict[str, Path]) -> None:
    doc = read_path(files["good.md"])
    assert doc.format == "markdown"
    assert doc.source == GOOD
    assert [b.text for b in doc.blocks] == ["We will commence the plan."]


@pytest.mark.parametrize("name", ["binary.md", "late-nul.md"])
def test_binary_file(files: dict[str, Path], name: str) -> None:
    assert reason(files[name])[:2] == (
        "binary",
        "this is not a text file (it looks like a binary file), so it was not checked.",
    )


def test_latin1_file_names_the_line_and_byte(files: dict[str, Path]) -> None:
    assert reason(files["latin1.md"])[:2] == (
        "encoding",
        "this file is not UTF-8 text (line 1 has the byte 0xe9). Save it again as UTF-8 and try again.",
    )


def test_windows_1252_file(files: dict[str, Path]) -> None:
    code, why, _ = reason(files["cp1252.txt"])
    assert code == "encoding"
    assert why.startswith("this file is not UTF-8 text (line 2 has the byte 0x93).")


@pytest.mark.parametrize("name", ["utf16.md", "utf16le.txt"])
def test_utf16_file(files: dict[str, Path], name: str) -> None:
    assert reason(files[name])[:2] == (
        "encoding",
        "this file is saved as UTF-16 text; speakeasy reads UTF-8. Save it again as UTF-8.",
    )


def test_utf32_file(files: dict[str, Path]) -> None:
    assert reason(files["utf32.md"])[:2] == (
        "encoding",
        "this file is saved as UTF-32 text; speakeasy reads UTF-8. Save it again as UTF-8.",
    )


@pytest.mark.parametrize("name", ["empty.md", "bom-only.md"])
def test_empty_file_is_not_an_error(files: dict[str, Path], name: str) -> None:
    doc = read_path(files[name])
    assert doc.source == ""
    assert doc.blocks == []


@pytest.mark.parametrize("name", ["folder.md", "plain-folder"])
def test_folder_where_a_file_is_expected(files: dict[str, Path], name: str) -> None:
    assert reason(files[name])[:2] == ("not-a-file", "this is a folder, not a file.")


@pytest.mark.parametrize("name", ["missing.md", "missing.xyz"])
def test_missing_file(files: dict[str, Path], name: str) -> None:
    # a missing file is reported as missing, whatever its suffix
    assert reason(files[name])[:2] == ("not-found", "this file does not exist.")


@pytest.mark.parametrize("name", ["notes.rtf", "notes"])
def test_unsupported_suffix(files: dict[str, Path], name: str) -> None:
    assert reason(files[name])[:2] == (
        "unsupported",
        "speakeasy cannot read this kind of file. "
        "It reads: .docx, .htm, .html, .markdown, .md, .mdown, .mkd, .odp, .odt, .pdf, .pptx, .text, .txt.",
    )


def test_read_bytes_with_an_unknown_format() -> None:
    with pytest.raises(InputError) as info:
        read_bytes("input.rtf", b"text")
    assert info.value.code == "unsupported"


def test_bom_and_crlf_are_accepted() -> None:
    assert decode("x.md", b"\xef\xbb\xbfWe commence.\r\n") == "We commence.\r\n"


def test_utf8_text_with_a_few_nul_free_control_characters_is_text() -> None:
    assert decode("x.txt", b"Page one\x0cPage two\x1b.\n") == "Page one\x0cPage two\x1b.\n"


# ---------------------------------------------------------------------------
# through the command line: exit 2, one line on stderr per bad file, the good file still checked


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("binary.md", "this is not a text file (it looks like a binary file), so it was not checked."),
        ("latin1.md", "this file is not UTF-8 text (line 1 has the byte 0xe9)."),
        ("utf16.md", "this file is saved as UTF-16 text; speakeasy reads UTF-8."),
        ("utf16le.txt", "this file is saved as UTF-16 text; speakeasy reads UTF-8."),
        ("missing.md", "does not exist."),
        ("notes.rtf", "speakeasy cannot read this kind of file."),
    ],
)
@pytest.mark.parametrize("output", ["human", "json"])
def test_cli_reports_the_bad_file_and_checks_the_good_one(
    cli, files: dict[str, Path], name: str, why: str, output: str
) -> None:
    bad, good = files[name], files["good.md"]
    code, out, err = cli("check", "--no-config", "--format", output, str(bad), str(good))
    assert code == 2
    assert "Traceback" not in out + err
    error_lines = [line for line in err.splitlines() if str(bad) in line]
    assert len(error_lines) == 1, err
    assert why in error_lines[0]
    assert error_lines[0].startswith("speakeasy: error:")
    # the good file was still checked, and its finding printed on standard output
    assert str(good) in out
    assert "commence" in out
    assert str(bad) not in out or output == "json"


def test_cli_several_bad_files_each_get_their_line(cli, files: dict[str, Path]) -> None:
    names = ["binary.md", "latin1.md", "utf16.md", "notes.rtf", "missing.md"]
    code, out, err = cli("check", "--no-config", *(str(files[n]) for n in names), str(files["good.md"]))
    assert code == 2
    assert "Traceback" not in out + err
    for n in names:
        assert sum(1 for line in err.splitlines() if str(files[n]) in line) == 1, (n, err)
    assert "plain-english.words" in out


def test_cli_empty_file_is_checked_without_error(cli, files: dict[str, Path]) -> None:
    code, out, err = cli("check", "--no-config", str(files["empty.md"]), str(files["good.md"]))
    assert code == 0
    assert err == ""
    assert str(files["empty.md"]) in out and "0 words" in out


def test_cli_bad_file_inside_a_folder_is_named(cli, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a-good.md").write_text(GOOD, encoding="utf-8")
    (folder / "b-latin1.txt").write_bytes("Caf\u00e9\n".encode("latin-1"))
    code, out, err = cli("check", "--no-config", str(folder))
    assert code == 2
    assert "Traceback" not in out + err
    (line,) = [line for line in err.splitlines() if "b-latin1.txt" in line]
    assert "not UTF-8 text" in line
    assert "a-good.md" in out and "commence" in out


def test_cli_windows_file_with_bom_has_the_same_positions(cli, tmp_path: Path) -> None:
    lf = tmp_path / "lf.md"
    crlf = tmp_path / "crlf.md"
    text = "# Title\n\nFirst line.\nWe commence café 😀 and signpost.\n"
    lf.write_bytes(text.encode("utf-8"))
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    _, out_lf, _ = cli("check", "--no-config", "--format", "json", str(lf))
    _, out_crlf, _ = cli("check", "--no-config", "--format", "json", str(crlf))
    import json

    def places(out: str) -> list[tuple]:
        data = json.loads(out)
        found = [f for file in data["files"] for f in file["findings"]]
        return [(f["rule"], f["line"], f["column"], f["end_line"], f["end_column"], f["match"]) for f in found]

    assert places(out_lf) == places(out_crlf)
    assert ("plain-english.words", 4, 4, 4, 11, "commence") in places(out_lf)
    assert ("social-care.jargon", 4, 24, 4, 31, "signpost") in places(out_lf)
