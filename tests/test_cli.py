"""The speakeasy command: check, rules, explain, config; output and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

CLEAN = "We will visit you at home.\n"
JARGON = "We will signpost you to other services.\n"
LONG = (
    "If you think that someone you know is being abused or neglected you should contact the council as soon as "
    "you can and if you think they are in danger right now you should call 999 and ask for the police to come.\n"
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(cli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", CLEAN)
    code, out, err = cli("check", str(f), "--no-config")
    assert code == 0, out + err
    assert "No problems found." in out
    assert "Checked 1 file: 0 errors, 0 warnings, 0 suggestions." in out


def test_warnings_do_not_fail_by_default(cli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", JARGON)
    code, out, _ = cli("check", str(f), "--no-config")
    assert code == 0
    assert "warning [social-care.jargon] 'signpost' is jargon." in out


@pytest.mark.parametrize("fail_on, code", [("warning", 1), ("suggestion", 1), ("error", 0), ("never", 0)])
def test_fail_on(cli, tmp_path: Path, fail_on: str, code: int) -> None:
    f = write(tmp_path / "a.md", JARGON)
    assert cli("check", str(f), "--no-config", "--fail-on", fail_on)[0] == code


def test_error_level_fails(cli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", LONG)
    code, out, _ = cli("check", str(f), "--no-config")
    assert code == 1
    assert "error [length.sentence] This sentence has 43 words. Aim for 35 or fewer" in out


def test_human_output_marks_the_words_without_colour(cli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", "# Help\n\nWe will signpost you.\n")
    code, out, _ = cli("check", str(f), "--no-config")
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if "[social-care.jargon]" in line)
    assert lines[i].startswith(f"{f}:3:9: warning [social-care.jargon]")
    assert lines[i + 1] == "      3 | We will signpost you."
    assert lines[i + 2] == "                  ^^^^^^^^"
    assert lines[i + 3].strip().startswith("Try one of: tell you where to get help;")
    assert "\x1b[" not in out  # NO_COLOR is set by the test fixture


def test_colour_when_asked(cli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", JARGON)
    _, out, _ = cli("check", str(f), "--no-config", "--color", "always")
    assert "\x1b[" in out


def test_escape_codes_in_a_document_never_reach_the_terminal(cli, tmp_path: Path) -> None:
    """A planted escape code (here one that sets the terminal's title) is shown, one character for one."""
    f = write(tmp_path / "a.md", "# Help\n\nWe will \x1b]0;owned\x07signpost\tyou.\n")
    for colour in ("never", "always"):
        _, out, _ = cli("check", str(f), "--no-config", "--color", colour)
        assert "\x07" not in out and "\x1b]" not in out and "\t" not in out
        assert "We will \ufffd]0;owned\ufffdsignpost you." in re.sub(r"\x1b\[[0-9;]*m", "", out)
    plain = out if colour == "never" else re.sub(r"\x1b\[[0-9;]*m", "", out)
    lines = plain.splitlines()
    i = next(n for n, line in enumerate(lines) if "owned" in line and "|" in line)
    assert lines[i + 1].index("^") == lines[i].index("signpost")  # the marks still line up


def test_json_output_matches_the_documented_schema(cli, tmp_path: Path) -> None:
    import jsonschema

    f = write(tmp_path / "a.md", "# Who\n\n" + JARGON + "\n" + LONG)
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01binary")
    code, out, err = cli("check", str(f), str(bad), "--no-config", "--format", "json")
    data = json.loads(out)
    schema = json.loads((ROOT / "docs" / "schema" / "report.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert code == 2  # one file could not be read
    assert data["schema_version"] == "1.0"
    (file,) = data["files"]
    assert file["path"] == str(f)
    assert set(file["stats"]) >= {"words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade", "smog",
                                  "gunning_fog"}
    jargon = next(x for x in file["findings"] if x["rule"] == "social-care.jargon")
    assert jargon["match"] == "signpost"
    assert (jargon["line"], jargon["column"], jargon["end_line"], jargon["end_column"]) == (3, 9, 3, 16)
    assert jargon["suggestions"][0] == "tell you where to get help"
    assert jargon["location"] == "under 'Who', paragraph 1"
    assert jargon["severity"] == "warning"
    long = next(x for x in file["findings"] if x["rule"] == "length.sentence")
    assert (long["value"], long["threshold"]) == (43, 35)
    assert data["errors"] == [
        {"path": str(bad), "code": "binary",
         "message": f"{bad}: this is not a text file (it looks like a binary file), so it was not checked."}
    ]
    assert f"speakeasy: error: {bad}: this is not a text file" in err


def test_folders_are_checked_recursively_skipping_hidden_ones(cli, tmp_path: Path) -> None:
    write(tmp_path / "docs" / "a.md", JARGON)
    write(tmp_path / "docs" / "deep" / "b.txt", JARGON)
    write(tmp_path / "docs" / ".git" / "c.md", JARGON)
    write(tmp_path / "docs" / ".hidden.md", JARGON)
    write(tmp_path / "docs" / "picture.png", "not text")
    code, out, _ = cli("check", str(tmp_path / "docs"), "--no-config", "--format", "json")
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(out)["files"]]
    assert paths == ["docs/a.md", "docs/deep/b.txt"]


def test_standard_input(cli) -> None:
    code, out, _ = cli("check", "-", "--no-config", "--format", "json", stdin=JARGON.encode())
    data = json.loads(out)
    assert data["files"][0]["path"] == "<stdin>"
    assert data["files"][0]["findings"][0]["match"] == "signpost"


def test_standard_input_with_a_name(cli) -> None:
    text = b"Use `signpost` here.\n\n```\nsignpost\n```\n"
    code, out, _ = cli("check", "-", "--stdin-filename", "policy.md", "--no-config", "--format", "json", stdin=text)
    data = json.loads(out)
    assert data["files"][0]["path"] == "policy.md"
    assert data["files"][0]["format"] == "markdown"
    assert data["files"][0]["findings"] == []


def test_missing_file_is_exit_2_and_others_still_checked(cli, tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", JARGON)
    code, out, err = cli("check", str(tmp_path / "nope.md"), str(f), "--no-config")
    assert code == 2
    assert "'signpost' is jargon" in out
    assert f"speakeasy: error: {tmp_path / 'nope.md'}: this file or folder does not exist." in err
    assert "Traceback" not in out + err


def test_no_paths_is_a_usage_error(cli) -> None:
    code, out, err = cli("check")
    assert code == 2
    assert err.startswith("speakeasy: error: give at least one file or folder to check")


def test_unknown_option_is_a_usage_error(cli) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("check", "--frobnicate")
    assert exc.value.code == 2


def test_rules_lists_active_rules(cli) -> None:
    code, out, _ = cli("rules", "--no-config")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("plain-english.words"))
    assert "warning" in line and "plain-english" in line
    assert "length.sentence" in out and "error" in out
    code, out, _ = cli("rules", "--no-config", "--disable", "passive-voice")
    assert "passive-voice.passive" not in out
    code, out, _ = cli("rules", "--no-config", "--disable", "passive-voice", "--all")
    assert "passive-voice.passive" in out and "(off)" in out
    code, out, _ = cli("rules", "--no-config", "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    assert "social-care.jargon" in ids


def test_explain(cli) -> None:
    code, out, _ = cli("explain", "plain-english.words", "--no-config")
    assert code == 0
    assert out.startswith("plain-english.words  (warning, kind: substitution)")
    assert "Why it matters:" in out
    assert "Instead of this:\n    We will commence the review in May." in out
    assert "Write this:\n    We will start the review in May." in out
    assert "Where its words came from:" in out
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in out
    assert "plainlanguage.gov" in out


def test_explain_says_where_a_list_with_a_topic_looks(cli, tmp_path: Path) -> None:
    code, out, _ = cli("explain", "social-care.jargon", "--no-config")
    assert code == 0
    where = out.split("Where it looks:\n", 1)[1].split("\n\n", 1)[0]
    assert "about care and support" in where and "flagged only in the parts" in where
    assert "Where it looks:" not in cli("explain", "plain-english.words", "--no-config")[1]
    (tmp_path / ".speakeasy.yaml").write_text("rules:\n  social-care.jargon:\n    everywhere: true\n")
    code, out, _ = cli("explain", "social-care.jargon", cwd=tmp_path)
    assert "your settings say to flag them in every part" in " ".join(out.split())


def test_explain_unknown_rule(cli) -> None:
    code, _, err = cli("explain", "plain-english.wrds", "--no-config")
    assert code == 2
    assert "there is no rule called 'plain-english.wrds'. Did you mean 'plain-english.words'?" in err


def test_bad_config_is_exit_2_with_the_line(cli, tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "rules:\n  passive-vioce: off\n")
    f = write(tmp_path / "a.md", CLEAN)
    code, out, err = cli("check", str(f), cwd=tmp_path)
    assert code == 2
    assert err.splitlines()[0] == (
        "speakeasy: error: .speakeasy.yaml:2:18: 'passive-vioce' does not name any rule. Did you mean 'passive-voice'?"
    )
    assert "> 2 |   passive-vioce: off" in err


CRASHING_KIND = '''
from speakeasy.kinds.base import Kind, register

@register
class Crash(Kind):
    name = "crash-test"
    summary = "Always fails."
    def check(self, analysis):
        raise ValueError("boom")
'''

CRASH_PACK = """\
id: crashy
title: Crash
version: 1.0.0
description: A pack whose rule always crashes.
licence: CC0-1.0
rules:
  - id: boom
    kind: crash-test
    level: warning
    summary: Crashes.
    why: To test crash handling.
    example: {bad: x, good: y}
"""


def test_a_crashing_rule_is_an_internal_error_finding_and_the_run_goes_on(cli, tmp_path: Path) -> None:
    import importlib.util

    mod = write(tmp_path / "crashkind.py", CRASHING_KIND)
    spec = importlib.util.spec_from_file_location("crashkind", mod)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        pack = write(tmp_path / "crashy.yaml", CRASH_PACK)
        f = write(tmp_path / "a.md", JARGON)
        code, out, _ = cli("check", str(f), "--no-config", "--pack", "default", "--pack", str(pack),
                           "--format", "json")
        assert code == 3
        found = json.loads(out)["files"][0]["findings"]
        rules = [x["rule"] for x in found]
        assert "social-care.jargon" in rules  # the other rules still ran
        crash = next(x for x in found if x["rule"] == "speakeasy.internal-error")
        assert crash["message"].startswith("The rule 'crashy.boom' stopped with an error (ValueError: boom")
        assert "Please report this" in crash["message"]
    finally:
        from speakeasy.kinds import base

        base._REGISTRY.pop("crash-test", None)


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    f = write(tmp_path / "a.md", JARGON)
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "speakeasy", "check", str(f), "--no-config"],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "'signpost' is jargon" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "speakeasy", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.startswith("speakeasy ")


def test_bundled_example_runs(cli) -> None:
    code, out, _ = cli("check", str(ROOT / "examples" / "care-at-home-policy.md"), "--no-config")
    assert code == 1  # the example has one sentence over 35 words, on purpose
    assert "'domiciliary care' is jargon" in out


@pytest.mark.parametrize("files", [0, 1, 3])
def test_streamed_json_is_the_same_as_the_whole_report(tmp_path: Path, files: int) -> None:
    import io

    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset
    from speakeasy.runner import iter_results, lint_paths
    from speakeasy.reporters import json as json_reporter

    paths = [str(write(tmp_path / f"d{i}.md", JARGON + LONG)) for i in range(files)]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00a")
    paths.append(str(bad))
    rs = build_ruleset(resolve(no_config=True))
    whole = io.StringIO()
    json_reporter.render(lint_paths(paths, rs), whole)
    streamed = io.StringIO()
    tally = json_reporter.render_stream(iter_results(paths, rs), streamed)
    assert streamed.getvalue() == whole.getvalue()
    assert json.loads(streamed.getvalue())["summary"]["files"] == files == tally.files
    assert len(tally.errors) == 1


def test_empty_folder_says_there_was_nothing_to_check(cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, _ = cli("check", str(tmp_path / "empty"), "--no-config")
    assert code == 0
    assert ("speakeasy found no files it can check (.docx, .htm, .html, .markdown, .md, .mdown, .mkd, .odp, .odt, "
            ".pdf, .pptx, .text, .txt) in the paths given.") in " ".join(out.split())


def test_check_honours_the_project_ignore_file(cli, tmp_path: Path) -> None:
    """Decisions made in `speakeasy review` for files without comments hold in `speakeasy check` too."""
    write(tmp_path / ".speakeasy.yaml", "fail_on: warning\n")
    f = write(tmp_path / "notes.txt", "We will signpost you.\n\nWe signpost people here too.\n")
    write(tmp_path / ".speakeasy-ignore.yaml",
          "- file: notes.txt\n  rule: social-care.jargon\n  match: signpost\n"
          "  context: We will signpost you.\n  reason: the forum kept this word\n")
    code, out, _ = cli("check", str(f), "--format", "json", cwd=tmp_path)
    found = [(x["rule"], x["line"]) for x in json.loads(out)["files"][0]["findings"]]
    assert found == [("social-care.jargon", 3)]
    write(tmp_path / ".speakeasy-ignore.yaml", "- file: notes.txt\n  rule: social-care.jargon\n")
    code, out, _ = cli("check", str(f), "--format", "json", cwd=tmp_path)
    assert json.loads(out)["files"][0]["findings"] == []
    assert code == 0


def test_changed_since_checks_only_changed_files(cli, tmp_path: Path) -> None:
    import shutil as _shutil

    if _shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*a: str) -> None:
        subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True,
                       env=dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_SYSTEM="/dev/null"))

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    write(tmp_path / "old.md", JARGON)
    write(tmp_path / "edited.md", CLEAN)
    git("add", "-A")
    git("commit", "-qm", "first")
    write(tmp_path / "edited.md", JARGON)
    write(tmp_path / "new.md", JARGON)
    code, out, err = cli("check", str(tmp_path), "--no-config", "--changed-since", "HEAD", "--format", "json",
                         cwd=tmp_path)
    assert code == 0, err
    assert sorted(Path(f["path"]).name for f in json.loads(out)["files"]) == ["edited.md", "new.md"]
    code, _, err = cli("check", str(tmp_path), "--no-config", "--changed-since", "no-such-ref", cwd=tmp_path)
    assert code == 2
    assert "--changed-since no-such-ref: git could not compare with 'no-such-ref'" in err


def test_baseline_reports_only_new_findings(cli, tmp_path: Path) -> None:
    doc = write(tmp_path / "policy.md", "# Help for carers\n\nWe will signpost you.\n\nWe offer carers respite.\n")
    base = tmp_path / "baseline.json"
    code, out, err = cli("baseline", "create", str(doc), "-o", str(base), "--no-config", cwd=tmp_path)
    assert code == 0, err
    assert out.startswith("Recorded 2 findings in 1 file to")
    data = json.loads(base.read_text())
    assert data["speakeasy_baseline"] == "1" and data["findings"] == 2
    # edits elsewhere move the old findings, and add one new one
    write(doc, "# Help for carers\n\nA new first paragraph.\n\nWe will signpost you.\n\nWe offer carers respite.\n\n"
               "We will signpost your family too.\n")
    code, out, _ = cli("check", str(doc), "--no-config", "--baseline", str(base), "--format", "json",
                       "--fail-on", "warning", cwd=tmp_path)
    found = [(f["match"], f["line"]) for f in json.loads(out)["files"][0]["findings"]]
    assert found == [("signpost", 9)]
    assert code == 1
    code, out, _ = cli("check", str(doc), "--no-config", "--baseline", str(tmp_path / "nope.json"), cwd=tmp_path)
    assert code == 2


def test_baseline_counts_repeats(cli, tmp_path: Path) -> None:
    doc = write(tmp_path / "a.md", "We will signpost you.\n")
    base = tmp_path / "b.json"
    cli("baseline", "create", str(doc), "-o", str(base), "--no-config", cwd=tmp_path)
    write(doc, "We will signpost you.\n\nWe will signpost you.\n")  # the same words again: one is new
    code, out, _ = cli("check", str(doc), "--no-config", "--baseline", str(base), "--format", "json", cwd=tmp_path)
    assert [f["line"] for f in json.loads(out)["files"][0]["findings"]] == [3]


def test_jobs_give_the_same_results_in_the_same_order(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speakeasy import runner

    monkeypatch.setattr(runner, "BYTES_PER_WORKER", 1)  # small files: use the workers all the same
    calls = []
    real = runner._parallel
    monkeypatch.setattr(runner, "_parallel", lambda *a, **k: calls.append(1) or real(*a, **k))
    folder = tmp_path / "docs"
    for i in range(12):
        write(folder / f"d{i:02}.md", JARGON * (i % 3 + 1) + LONG)
    (folder / "bad.md").write_bytes(b"\x00binary")
    code1, out1, _ = cli("check", str(folder), "--no-config", "--format", "json", "--jobs", "1", "--no-cache")
    code2, out2, _ = cli("check", str(folder), "--no-config", "--format", "json", "--jobs", "2", "--no-cache")
    assert out1 == out2
    assert code1 == code2 == 2  # one file could not be read
    assert [Path(f["path"]).name for f in json.loads(out2)["files"]] == [f"d{i:02}.md" for i in range(12)]
    assert calls == [1]


def _worker_ruleset_id() -> int:
    from speakeasy import runner

    return id(runner._WORKER_RULESET)


def test_forked_workers_take_the_main_process_rule_set_as_it_is() -> None:
    """A forked worker has the main process's memory: its rule set is used, not built again."""
    import multiprocessing

    from speakeasy import runner
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    assert "fork" in multiprocessing.get_all_start_methods()  # (Linux, where the project runs)
    settings = resolve(no_config=True)
    ruleset = build_ruleset(settings)
    pool = runner._pool(settings, 1, ruleset)
    try:
        assert pool.submit(_worker_ruleset_id).result(timeout=120) == id(ruleset)
    finally:
        pool.shutdown()
    pool = runner._pool(settings, 1)  # without one, the worker builds its own
    try:
        assert pool.submit(_worker_ruleset_id).result(timeout=120) != id(ruleset)
    finally:
        pool.shutdown()


def test_a_little_text_is_checked_in_one_process(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting a process costs more than checking a few small files."""
    from speakeasy import runner

    monkeypatch.setattr(runner, "_parallel", lambda *a, **k: pytest.fail("started worker processes"))
    for i in range(12):
        write(tmp_path / f"d{i:02}.md", JARGON)
    code, _, _ = cli("check", str(tmp_path), "--no-config", "--jobs", "2", "--no-cache")
    assert code == 0


def test_progress_is_shown_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from speakeasy.cli import lint as cli_module

    out = io.StringIO()
    assert list(cli_module.progress(iter(["a", "b", "c"]), 3, out)) == ["a", "b", "c"]
    text = out.getvalue()
    assert "Checking file 2 of 3..." in text and "Checking file 3 of 3..." in text
    assert text.endswith("\r\x1b[K")  # cleared at the end
    assert not cli_module._show_progress(io.StringIO())  # not a terminal

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    assert cli_module._show_progress(Tty())
    monkeypatch.setenv("CI", "true")
    assert not cli_module._show_progress(Tty())


def test_with_progress_shown_the_folder_is_walked_once(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from speakeasy import runner
    from speakeasy.cli import lint as cli_module

    for i in range(cli_module.PROGRESS_FROM):
        write(tmp_path / f"d{i:02}.md", JARGON)
    walks = []
    real = runner.collect_files
    monkeypatch.setattr(runner, "collect_files", lambda *a, **k: walks.append(a) or real(*a, **k))
    monkeypatch.setattr(cli_module, "_show_progress", lambda stream: True)
    code, out, err = cli("check", str(tmp_path), "--no-config", "--jobs", "1", "--no-cache")
    n = cli_module.PROGRESS_FROM
    assert code == 0 and f"Checking file {n} of {n}..." in err
    assert len(walks) == 1


def test_cache_skips_unchanged_files_and_misses_on_any_change(cli, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from speakeasy import engine

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    doc = write(tmp_path / "a.md", JARGON + "\n" + LONG)
    wl = write(tmp_path / "ours.yaml", "title: Ours\nlicence: CC0-1.0\nwords:\n"
                                       "  - term: visit\n    use: see\n    why: Test.\n")
    args = ("check", str(doc), "--no-config", "--wordlist", str(wl), "--format", "json")
    code, cold, _ = cli(*args)
    real = engine.lint_document
    calls = []
    monkeypatch.setattr(engine, "lint_document", lambda *a, **k: calls.append(1) or real(*a, **k))
    code, warm, _ = cli(*args)
    assert warm == cold and calls == []  # served from the cache
    code, _, _ = cli(*args, "--no-cache")
    assert calls == [1]
    write(doc, JARGON)  # the file changed
    cli(*args)
    assert calls == [1, 1]
    wl.write_text(wl.read_text().replace("use: see", "use: go to see"))  # the words changed
    cli(*args)
    assert calls == [1, 1, 1]
    cli(*args)
    assert calls == [1, 1, 1]  # and now that is cached too


def test_the_collector_is_settled_once_a_second_file_comes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of many files tunes Python's collector after the first (runner.settle_gc); a run of one does not."""
    import gc

    from speakeasy import runner

    before = gc.get_threshold()
    monkeypatch.setattr(runner, "_gc_settled", False)
    gc.unfreeze()  # (a check run in this process before may have settled it already)
    gc.set_threshold(700, 10, 10)  # Python's own
    try:
        items = runner.settling(iter(["first", "second", "third"]))  # type: ignore[arg-type]
        assert next(items) == "first"
        assert gc.get_threshold() == (700, 10, 10) and gc.get_freeze_count() == 0  # one file: left as it is
        assert list(items) == ["second", "third"]
        assert gc.get_threshold()[0] == runner.GC_YOUNG_THRESHOLD and gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        runner.settle_gc()  # once a process
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
