"""Shared test fixtures."""

from __future__ import annotations

import inspect

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Keep speakeasy's disk cache inside the test run, never in the user's home."""
    old = os.environ.get("SPEAKEASY_CACHE_DIR")
    os.environ["SPEAKEASY_CACHE_DIR"] = str(tmp_path_factory.mktemp("speakeasy-cache"))
    yield
    if old is None:
        os.environ.pop("SPEAKEASY_CACHE_DIR", None)
    else:
        os.environ["SPEAKEASY_CACHE_DIR"] = old


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour codes in captured output, whatever the developer's terminal does."""
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def default_ruleset():
    """The shipped packs with the built-in defaults (no configuration file)."""
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    return build_ruleset(resolve(no_config=True))


@pytest.fixture
def make_ruleset(tmp_path: Path):
    """make_ruleset(words) -> the rule set of one test wordlist alone, for fix and review tests.

    ``words`` is the text of a wordlist: it is written to ``tmp_path/words.yaml``
    and used with no shipped packs, as ``--pack`` nothing ``--wordlist words.yaml``
    would.  ``settings`` are more settings, as :func:`speakeasy.config.resolve`
    takes them.  No configuration file is read.
    """
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    def _make(words: str, **settings):  # type: ignore[no-untyped-def]
        wordlist = tmp_path / "words.yaml"
        wordlist.write_text(words, encoding="utf-8")
        return build_ruleset(resolve({"packs": [], "extra_wordlists": [str(wordlist)], **settings},
                                     no_config=True, cwd=tmp_path))

    return _make


@pytest.fixture
def lint(default_ruleset):
    """lint(text, format="markdown") -> FileResult with the default rules."""
    from speakeasy.engine import lint_text

    def _lint(text: str, format: str = "markdown", path: str = "doc.md"):
        return lint_text(text, default_ruleset, path, format)

    return _lint


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """cli(*args, cwd=None, stdin=None) -> (exit code, stdout, stderr), run in-process."""
    import io
    import sys

    from speakeasy.cli import main

    def _run(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> tuple[int, str, str]:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


_HOSTILE = Path(__file__).resolve().parent / "hostile"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The hostile suite (tests/hostile, issue 16) is all ``slow``.

    Each of its tests builds a hostile file and runs speakeasy on it in a child process, timing it and
    measuring its memory: seconds each, about 6 minutes in all here. The quick command
    (``pytest -m "not slow"``) leaves it out; the README's full command and CI run it.

    So are the tests that drive the ``words edit`` form with Textual's pilot (the async tests of
    ``tests/test_words_edit.py``): about a second each, 23 s in all, which put the quick command over
    3 minutes on 2 cores. That file's tests of the form's model, without a screen, stay quick.
    """
    for item in items:
        path = Path(str(item.path)).resolve()
        if _HOSTILE in path.parents:
            item.add_marker(pytest.mark.slow)
        elif path.name == "test_words_edit.py" and inspect.iscoroutinefunction(getattr(item, "function", None)):
            item.add_marker(pytest.mark.slow)
