"""One registry of output formats (speakeasy/reporters/__init__.py): one render signature, and `--format` from it."""

from __future__ import annotations

import inspect
import io
from pathlib import Path

import pytest

from speakeasy import reporters
from speakeasy.reporters import Context, OutputFormat


def test_every_format_has_the_one_render_signature() -> None:
    assert list(reporters.formats()) == ["human", "json", "sarif", "github", "junit", "html"]
    for fmt in reporters.formats().values():
        params = list(inspect.signature(fmt.load()).parameters)
        assert params == ["items", "out", "context"], fmt.name


def test_check_offers_the_registered_formats(capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--format {human,json,sarif,github,junit}" in text  # html has a command of its own: speakeasy report
    assert "sarif (SARIF 2.1.0, for GitHub code scanning)" in text


def test_a_format_registered_as_a_plugin_would_is_offered_and_used(
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reporters, "_FORMATS", dict(reporters._FORMATS))
    reporters.register(OutputFormat("annotations", "like github", "speakeasy.reporters.github:render_stream"))
    doc = tmp_path / "a.md"
    doc.write_text("We will commence the visit.\n", encoding="utf-8")
    code, out, _ = cli("check", str(doc), "--no-config", "--format", "annotations", "--no-cache")
    code2, out2, _ = cli("check", str(doc), "--no-config", "--format", "github", "--no-cache")
    assert (code, out) == (code2, out2) and out.startswith("::")
    with pytest.raises(ValueError, match="already"):
        reporters.register(OutputFormat("json", "again", "speakeasy.reporters.json:render_stream"))


def test_every_format_renders_with_only_the_default_context(lint) -> None:
    result = lint("We will commence the visit.\n")
    for fmt in reporters.formats().values():
        out = io.StringIO()
        tally = fmt.load()(iter([result]), out, Context(errors=io.StringIO()))
        assert tally.files == 1 and out.getvalue(), fmt.name
        assert fmt.load()(iter([result]), io.StringIO()).files == 1, fmt.name  # context may be left out


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="there are: human, json"):
        reporters.get("yaml")
