"""Configuration: discovery, precedence, rule changes, keep, ignore, profiles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speakeasy.config import find_config, resolve
from speakeasy.engine import lint_text
from speakeasy.ruleset import build_ruleset
from speakeasy.runner import collect_files
from speakeasy.errors import ConfigError
from speakeasy.model import Level
from speakeasy.schema import DataErrors


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_config_is_found_from_the_current_folder_upwards(tmp_path: Path) -> None:
    cfg = write(tmp_path / ".speakeasy.yaml", "fail_on: warning\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == cfg
    assert resolve(cwd=deep)["fail_on"] == "warning"


def test_nearest_config_wins(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "fail_on: warning\n")
    inner = write(tmp_path / "sub" / ".speakeasy.yaml", "fail_on: suggestion\n")
    assert find_config(tmp_path / "sub") == inner


def test_pyproject_tool_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.speakeasy]\nfail_on = "warning"\nkeep = ["safeguarding"]\n')
    s = resolve(cwd=tmp_path)
    assert s["fail_on"] == "warning"
    assert s["keep"] == ["safeguarding"]
    assert s.origins["fail_on"] == "pyproject.toml, line 5" or s.origins["fail_on"].endswith("pyproject.toml, line 5")


def test_pyproject_without_tool_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(tmp_path) is None or find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_yaml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.speakeasy]\nfail_on = "warning"\n')
    write(tmp_path / ".speakeasy.yaml", "fail_on: suggestion\n")
    assert resolve(cwd=tmp_path)["fail_on"] == "suggestion"


def test_precedence_defaults_file_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".speakeasy.yaml", "fail_on: warning\nkeep: [respite]\n")
    monkeypatch.chdir(tmp_path)
    s = resolve({"fail_on": "suggestion"}, cwd=tmp_path)
    assert s["fail_on"] == "suggestion"
    assert s.origins["fail_on"] == "command line (--fail-on)"
    assert s.origins["keep"] == ".speakeasy.yaml, line 2"
    assert s.origins["language_model"] == "built-in default"


def test_rule_changes_by_id_prefix_and_glob(tmp_path: Path) -> None:
    write(
        tmp_path / ".speakeasy.yaml",
        "rules:\n"
        "  passive-voice: off\n"
        "  'plain-english.*': error\n"
        "  length.sentence:\n"
        "    thresholds: {warning: 20}\n",
    )
    rs = build_ruleset(resolve(cwd=tmp_path))
    assert not rs.get("passive-voice.passive").enabled
    assert rs.get("plain-english.words").level is Level.ERROR
    assert rs.get("plain-english.wordy-phrases").level is Level.ERROR
    assert rs.get("length.sentence").options["thresholds"] == {"warning": 20, "error": 35}


def test_unknown_rule_in_config_is_an_error_with_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".speakeasy.yaml", "rules:\n  pasive-voice: off\n")
    with pytest.raises(DataErrors) as exc:
        build_ruleset(resolve(cwd=tmp_path))
    text = exc.value.render()
    assert text.startswith(".speakeasy.yaml:2:17: 'pasive-voice' does not name any rule. Did you mean 'passive-voice'?")


def test_unknown_rule_setting_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "rules:\n  length.sentence:\n    treshold: 20\n")
    with pytest.raises(DataErrors) as exc:
        build_ruleset(resolve(cwd=tmp_path))
    assert "`treshold` is not a setting of the rule 'length.sentence'. Did you mean `thresholds`?" in exc.value.render()


def test_thresholds_in_the_wrong_order_are_an_error(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "rules:\n  length.sentence:\n    thresholds: {warning: 40}\n")
    with pytest.raises(DataErrors) as exc:
        build_ruleset(resolve(cwd=tmp_path))
    assert "The error threshold (35) should be higher than the warning threshold (40)" in exc.value.render()


def test_unknown_config_key_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / ".speakeasy.yaml", "fail_om: warning\n")
    with pytest.raises(DataErrors) as exc:
        resolve(cwd=tmp_path)
    assert exc.value.render().startswith(
        ".speakeasy.yaml:1:1: `fail_om` is not a key speakeasy knows in the configuration. Did you mean `fail_on`?"
    )


def test_bad_fail_on_value(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "fail_on: errors\n")
    with pytest.raises(DataErrors) as exc:
        resolve(cwd=tmp_path)
    assert "Did you mean 'error'?" in exc.value.render()


def test_unknown_pack_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="There is no rule pack called 'plain-englsh'.*Did you mean 'plain-english'"):
        build_ruleset(resolve({"packs": ["plain-englsh"]}, no_config=True))


def test_choosing_packs(tmp_path: Path) -> None:
    rs = build_ruleset(resolve({"packs": ["length"]}, no_config=True))
    assert [r.id for r in rs.rules] == ["length.sentence", "length.paragraph"]


def test_organisation_wordlist_from_config(tmp_path: Path) -> None:
    write(
        tmp_path / "ours.yaml",
        "title: Our words\nlicence: CC0-1.0\nlevel: error\nwords:\n"
        "  - term: widget\n    use: tool\n    why: Nobody says widget.\n",
    )
    write(tmp_path / ".speakeasy.yaml", "wordlists: [ours.yaml]\n")
    rs = build_ruleset(resolve(cwd=tmp_path))
    rule = rs.get("local.ours")
    assert rule is not None and rule.level is Level.ERROR
    found = lint_text("A widget.", rs).findings
    assert [(f.rule, f.match, f.suggestions) for f in found] == [("local.ours", "widget", ["tool"])]


def test_keep_list_in_config(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "keep: [respite, CQC]\n")
    rs = build_ruleset(resolve(cwd=tmp_path))
    found = lint_text("We offer respite. The CQC visits.", rs).findings
    assert [f.match for f in found] == []


def test_ignore_globs(tmp_path: Path) -> None:
    for name in ("a.md", "drafts/b.md", "drafts/deep/c.md", "notes/old.txt", ".hidden/d.md", "x.rtf"):
        write(tmp_path / name, "Text.\n")
    write(tmp_path / ".speakeasy.yaml", "ignore: ['drafts/**', '*.txt']\n")
    s = resolve(cwd=tmp_path)
    files, errors = collect_files([str(tmp_path)], s)
    assert sorted(Path(f).relative_to(tmp_path).as_posix() for f in files) == ["a.md"]
    assert errors == []


def test_easy_read_profile(tmp_path: Path) -> None:
    rs = build_ruleset(resolve({"profile": "easy-read"}, no_config=True))
    assert rs.get("length.sentence").options["thresholds"] == {"warning": 15, "error": 20}
    assert rs.get("passive-voice.passive").level is Level.WARNING
    text = "We will come to your house on Monday morning to talk with you about the help you want."
    found = lint_text(text, rs).findings
    assert [f.rule for f in found if f.rule.startswith("length")] == ["length.sentence"]


def test_profile_then_file_then_command_line(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "profile: easy-read\nrules:\n  length.sentence:\n    thresholds: {warning: 12}\n")
    rs = build_ruleset(resolve({"disable": ["length.paragraph"]}, cwd=tmp_path))
    assert rs.get("length.sentence").options["thresholds"] == {"warning": 12, "error": 20}
    assert not rs.get("length.paragraph").enabled


def test_unknown_profile() -> None:
    with pytest.raises(ConfigError, match="There is no profile called 'easyread'. Did you mean 'easy-read'"):
        resolve({"profile": "easyread"}, no_config=True)


def test_config_show(cli, tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "fail_on: warning\nrules:\n  passive-voice: off\n")
    code, out, err = cli("config", "--show", "--fail-on", "suggestion", cwd=tmp_path)
    assert code == 0, err
    assert "Configuration file: .speakeasy.yaml" in out
    assert "fail_on" in out and "suggestion" in out and "from command line (--fail-on)" in out
    assert "passive-voice: off  (from .speakeasy.yaml, line 3)" in out
    code, out, _ = cli("config", "--show", "--format", "json", "--fail-on", "suggestion", cwd=tmp_path)
    data = json.loads(out)
    assert data["settings"]["fail_on"] == {"value": "suggestion", "from": "command line (--fail-on)"}
    assert data["rule_changes"] == [{"rule": "passive-voice", "change": "off", "from": ".speakeasy.yaml, line 3"}]


def test_keymap_for_the_review_screen(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "keymap:\n  review.skip: x\n")
    s = resolve(cwd=tmp_path)
    assert s["keymap"] == {"review.skip": "x"}
    assert s.origins["keymap"].endswith(".speakeasy.yaml, line 2")


def test_readability_gates(tmp_path: Path) -> None:
    """docs/ci.md: a readability rule set to `error` at a limit fails the check."""
    write(tmp_path / ".speakeasy.yaml",
          "rules:\n  readability.document:\n    thresholds: {error: 50}\n"
          "  readability.paragraph:\n    thresholds: {error: 20}\n")
    rs = build_ruleset(resolve(cwd=tmp_path))
    assert rs.get("readability.document").options["thresholds"] == {"warning": 50, "error": 50}
    text = ("Commissioning arrangements necessitate comprehensive consideration of organisational "
            "responsibilities, interdependencies and accountability mechanisms across the partnership. ") * 3
    found = {(f.rule, f.level) for f in lint_text(text, rs).findings if f.rule.startswith("readability")}
    assert found == {("readability.document", Level.ERROR), ("readability.paragraph", Level.ERROR)}


def test_include_landmarks_setting(tmp_path: Path) -> None:
    write(tmp_path / ".speakeasy.yaml", "include_landmarks: [footer, nav]\n")
    s = resolve(cwd=tmp_path)
    assert s["include_landmarks"] == ["footer", "nav"]
    assert s.origins["include_landmarks"].endswith(".speakeasy.yaml, line 1")
    # the command line replaces the file's list
    s = resolve({"include_landmarks": ["header"]}, cwd=tmp_path)
    assert s["include_landmarks"] == ["header"]
    assert s.origins["include_landmarks"] == "command line (--include-landmarks)"
    assert resolve(no_config=True)["include_landmarks"] == []


@pytest.mark.parametrize(("text", "where", "hint"), [
    ("fail_on: warning\ninclude_landmarks: [header, fotter]\n", ":2:29:", "Did you mean 'footer'?"),
    ("include_landmarks:\n  - menu\n", ":2:5:", "Did you mean 'nav'?"),
])
def test_unknown_landmark_is_an_error_with_its_line(tmp_path: Path, text: str, where: str, hint: str) -> None:
    write(tmp_path / ".speakeasy.yaml", text)
    with pytest.raises(DataErrors) as exc:
        resolve(cwd=tmp_path)
    first = exc.value.render().splitlines()[0]
    assert where in first
    assert "`include_landmarks` cannot be" in first and "Use header, footer, nav or aside." in first
    assert first.endswith(hint)


def test_unknown_landmark_in_pyproject_gives_the_line(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.speakeasy]\nfail_on = "warning"\ninclude_landmarks = ["sidebar"]\n')
    with pytest.raises(DataErrors) as exc:
        resolve(cwd=tmp_path)
    assert exc.value.render().splitlines()[0].endswith(
        "pyproject.toml:3: `include_landmarks` cannot be 'sidebar'. Use header, footer, nav or aside. "
        "Did you mean 'aside'?")


def test_include_landmarks_on_the_command_line(cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli("config", "--show", "--no-config", "--format", "json",
                         "--include-landmarks", "footer, nav", "--include-landmarks", "nav")
    assert code == 0, err
    assert json.loads(out)["settings"]["include_landmarks"] == {
        "value": ["footer", "nav"], "from": "command line (--include-landmarks)"}
    with pytest.raises(SystemExit) as stop:
        cli("check", "--no-config", "--include-landmarks", "footer,hedaer", str(tmp_path))
    assert stop.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "speakeasy: error: argument --include-landmarks: 'hedaer' is not a part of a web page speakeasy knows. "
        "Use header, footer, nav or aside. Did you mean 'header'?")
