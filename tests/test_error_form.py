"""Every error line has one form: `speakeasy: error: FILE: message` (issue 20).

FILE may carry a line and column (`rules/ours.yaml:3:4`); an error about no file (a mistake in the
command) is `speakeasy: error: message`.  Lines after the first are the excerpt of the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speakeasy.errors import error_text

FORM = re.compile(r"^speakeasy: error: (?P<file>[^:\s]+?)(?::\d+(?::\d+)?)?: \S")


def error_lines(err: str) -> list[str]:
    """The lines that say what is wrong (not the excerpts under them, the usage or the count)."""
    return [line for line in err.splitlines()
            if line and not line.startswith((" ", "usage:", "Found ")) and "|" not in line[:12]]


def assert_one_form(err: str, file: str) -> None:
    lines = error_lines(err)
    assert lines, err
    for line in lines:
        m = FORM.match(line)
        assert m is not None, line
        assert m.group("file") == file, line


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ok.md").write_text("We will visit you at home.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["human", "json", "sarif"])
def test_a_missing_file(cli, place: Path, fmt: str) -> None:
    code, out, err = cli("check", "nothere.md", "ok.md", "--no-config", "--format", fmt)
    assert code == 2
    assert err.splitlines()[0] == "speakeasy: error: nothere.md: this file or folder does not exist."
    assert_one_form(err, "nothere.md")


def test_a_file_that_cannot_be_read(cli, place: Path) -> None:
    (place / "utf16.md").write_bytes("We commence.".encode("utf-16"))
    code, out, err = cli("check", "utf16.md", "--no-config")
    assert code == 2
    assert_one_form(err, "utf16.md")


@pytest.mark.parametrize("command", [
    ["check", "ok.md", "--no-config", "--pack", "bad.yaml"],
    ["check", "ok.md", "--no-config", "--wordlist", "bad.yaml"],
    ["validate", "bad.yaml", "--no-config"],
    ["words", "check", "bad.yaml", "--no-config"],
])
def test_a_bad_yaml_pack_or_wordlist(cli, place: Path, command: list[str]) -> None:
    (place / "bad.yaml").write_text("rules:\n  - id: x\n   kind: [\n", encoding="utf-8")
    code, out, err = cli(*command)
    assert code == 2
    assert err.startswith("speakeasy: error: bad.yaml:3:4: ")
    assert "> 3 |    kind: [" in err  # the excerpt follows, on lines of its own
    assert_one_form(err, "bad.yaml")


@pytest.mark.parametrize(("text", "says"), [
    ("fail_on: sometimes\n", "`fail_on` cannot be 'sometimes'"),
    ("fail_on: [\n", ""),
    ("nonsense: 1\n", "`nonsense` is not a key speakeasy knows"),
])
def test_a_bad_configuration_file(cli, place: Path, text: str, says: str) -> None:
    (place / ".speakeasy.yaml").write_text(text, encoding="utf-8")
    code, out, err = cli("check", "ok.md")
    assert code == 2
    assert says in err
    assert_one_form(err, ".speakeasy.yaml")
    code, out, err = cli("check", "ok.md", "--config", "missing.yaml")
    assert code == 2
    assert_one_form(err, "missing.yaml")


def test_an_error_about_no_file(cli, place: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["check", "--bogus"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == "speakeasy: error: unrecognized arguments: --bogus"
    code, out, err = cli("check", "--no-config")
    assert (code, err) == (2, "speakeasy: error: give at least one file or folder to check (or - for standard input).\n")


def test_error_text() -> None:
    assert error_text("this file or folder does not exist.", "a.md") == \
        "speakeasy: error: a.md: this file or folder does not exist.\n"
    # the path is not said twice, and a line and column stay with it
    assert error_text("a.md: too big.", "a.md") == "speakeasy: error: a.md: too big.\n"
    assert error_text("a.yaml:3:4: bad line.\n  > 3 | x: [", "a.yaml") == \
        "speakeasy: error: a.yaml:3:4: bad line.\n  > 3 | x: [\n"
    assert error_text("give a file.") == "speakeasy: error: give a file.\n"
    # a file whose name starts like another's is still named
    assert error_text("a.md.bak: gone.", "a.md") == "speakeasy: error: a.md: a.md.bak: gone.\n"
