"""The public Python API (docs/api.md): check_text, check_paths and lint, their settings, and the examples."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import pickle
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import speakeasy
from conftest import ROOT
from speakeasy import Settings, check_paths, check_text, lint
from speakeasy.errors import ConfigError, InputError

TEXT = "# Plan\n\nWe will commence the review in order to utilise the data.\n"


# ---------------------------------------------------------------------------
# The examples in docs/api.md


def _examples() -> list[tuple[int, str, str | None]]:
    """(line, code, the output shown under it or None) for each Python example in docs/api.md."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = [(text[: m.start()].count("\n") + 1, m.group(1), m.group(2))
              for m in re.finditer(r"^```(\w*)\n(.*?)^```\n", text, re.S | re.M)]
    out = []
    for i, (line, lang, body) in enumerate(blocks):
        if lang == "python":
            shown = blocks[i + 1][2] if i + 1 < len(blocks) and blocks[i + 1][1] == "text" else None
            out.append((line, body, shown))
    return out


EXAMPLES = _examples()


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 5 and all(shown is not None for _, _, shown in EXAMPLES)


@pytest.mark.parametrize(("line", "code", "shown"), EXAMPLES, ids=[f"docs/api.md:{e[0]}" for e in EXAMPLES])
def test_the_examples_in_the_docs_run(line: int, code: str, shown: str | None, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, f"docs/api.md:{line}", "exec"), {"__name__": "docs_api_example"})
    if shown is not None:
        assert out.getvalue() == shown


# ---------------------------------------------------------------------------
# Settings


def test_an_unknown_keyword_is_an_error_that_names_it_and_the_settings() -> None:
    with pytest.raises(TypeError) as exc:
        check_text(TEXT, foo=1)
    message = str(exc.value)
    assert message.startswith("check_text() has no setting called 'foo'. The settings are: packs, profile, rules,")
    assert all(name in message for name in Settings.names())
    with pytest.raises(TypeError, match=r"check_paths\(\) has no setting called 'kep'. Did you mean 'keep'\?"):
        check_paths(["."], kep=["commence"])
    with pytest.raises(TypeError, match="Did you mean 'extra_wordlists'"):
        check_text(TEXT, wordlists=["ours.yaml"])  # a key of the settings file that was ignored here


def test_rules_are_used_and_checked() -> None:
    assert any(f.match == "commence" for f in check_text(TEXT).findings)
    assert not [f for f in check_text(TEXT, rules={"plain-english.words": "off"}).findings
                if f.rule == "plain-english.words"]
    with pytest.raises(TypeError, match="The setting rules should be a dict"):
        check_text(TEXT, rules=["plain-english.words"])
    with pytest.raises(ConfigError, match="'plain-english.wrds' does not name any rule"):
        check_text(TEXT, rules={"plain-english.wrds": "off"})


def test_settings_and_keywords_together() -> None:
    ours = Settings(keep=["commence"], rules={"plain-english.words": "error"})
    assert ours.keep == ("commence",) and Settings(keep="commence").keep == ("commence",)
    found = check_text(TEXT, settings=ours).findings
    assert "commence" not in [f.match for f in found]
    assert {f.level.name for f in found if f.rule == "plain-english.words"} == {"ERROR"}
    found = check_text(TEXT, settings=ours, keep=["utilise"]).findings  # keywords win
    assert "commence" in [f.match for f in found] and "utilise" not in [f.match for f in found]
    assert check_text(TEXT, packs=[]).findings == []
    with pytest.raises(TypeError, match=r"takes settings=speakeasy.Settings\(...\)"):
        check_text(TEXT, settings={"keep": ["commence"]})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="The setting include_proposed should be True or False"):
        Settings(include_proposed="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Each item of the setting keep should be text"):
        Settings(keep=["a", 1])  # type: ignore[list-item]


def test_check_paths_takes_one_path_or_many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    one = check_paths("a.md")
    many = check_paths([Path("a.md")], keep=["utilise"])
    assert [r.path for r in one.files] == [r.path for r in many.files] == ["a.md"]
    assert "utilise" in [f.match for f in one.files[0].findings]
    assert "utilise" not in [f.match for f in many.files[0].findings]


def test_the_public_names() -> None:
    assert set(speakeasy.__all__) >= {"check_text", "check_paths", "lint", "Settings", "Finding", "__version__"}


# ---------------------------------------------------------------------------
# lint: pure, and everything pickles


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


def test_lint_gives_what_check_text_gives() -> None:
    found = lint(TEXT.encode(), "plan.md")
    assert [(f.rule, f.start, f.message) for f in found] == [
        (f.rule, f.start, f.message) for f in check_text(TEXT, path="plan.md").findings]
    assert all(f.path == "plan.md" for f in found)
    assert [f.match for f in lint(b"We will commence it.\n", "notes.unknown")] == ["commence"]  # read as text


def test_lint_inputs_and_outputs_pickle() -> None:
    settings = Settings(keep=("van",), rules={"plain-english.words": {"level": "error"}}, include_comments=True)
    assert _round_trip(settings) == settings
    data, name = TEXT.encode(), "plan.md"
    found = lint(data, name, settings)
    assert found and _round_trip(found) == found
    assert lint(_round_trip(data), _round_trip(name), _round_trip(settings)) == found  # type: ignore[arg-type]


def test_lint_errors_pickle() -> None:
    with pytest.raises(InputError) as exc:
        lint(b"PK\x03\x04 not really a Word file", "report.docx")
    again = _round_trip(exc.value)
    assert isinstance(again, InputError) and (again.path, again.code, str(again)) == (
        exc.value.path, exc.value.code, str(exc.value))
    with pytest.raises(ConfigError) as bad:
        lint(b"text", "a.md", Settings(rules={"nothing.here": "off"}))
    assert _round_trip(bad.value).render() == bad.value.render()  # type: ignore[attr-defined]


def test_lint_reads_no_settings_or_ignore_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".speakeasy.yaml").write_text("keep: [commence]\n", encoding="utf-8")
    (tmp_path / ".speakeasy-ignore.yaml").write_text(
        "- file: plan.md\n  rule: plain-english.words\n  match: utilise\n", encoding="utf-8")
    assert "utilise" not in [f.match for f in check_text(TEXT, path="plan.md").findings]  # the ignore file works
    found = [f.match for f in lint(TEXT.encode(), "plan.md")]
    assert "commence" in found and "utilise" in found


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_lint_runs_in_a_process_pool(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} here")
    docs = {"a.md": b"We will utilise the van.\n", "b.txt": b"We will commence it.\n", "c.html": b"<p>In order to go.</p>"}
    settings = Settings(keep=("van",))
    names = list(docs)
    here = [lint(docs[n], n, settings) for n in names]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context(method)) as pool:
        there = list(pool.map(lint, [docs[n] for n in names], names, [settings] * len(names)))
    assert there == here and all(here)


def test_check_text_reads_a_web_page_with_the_landmarks_asked_for() -> None:
    """include_landmarks works for text given to check_text, as it does for files."""
    from speakeasy import check_text

    page = ("<html lang='en'><body><header><p>We will commence soon.</p></header>"
            "<main><h1>Care</h1><p>We will utilise it.</p></main></body></html>")

    def words(**kw):  # type: ignore[no-untyped-def]
        return [f.match for f in check_text(page, path="page.html", format="html", **kw).findings
                if f.rule == "plain-english.words"]

    assert words() == ["utilise"]
    assert words(include_landmarks=["header"]) == ["commence", "utilise"]
