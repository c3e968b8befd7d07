"""Tests of the plugin, with speakeasy's public test helpers and the real `speakeasy` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from speakeasy.testing import check_plugin_examples, findings_for, lint_source, plugin_rules, use_plugins
from speakeasy_easyread_numbers import numbers

PLUGIN = "speakeasy-easyread-numbers"


@pytest.fixture(autouse=True)
def _plugin():
    use_plugins(PLUGIN)
    yield
    use_plugins()  # switch plugins off again


def test_rule_examples_are_right():
    assert check_plugin_examples(PLUGIN) == []


def test_the_pack_has_the_rule():
    assert [r.id for r in plugin_rules(PLUGIN)] == ["easyread-numbers.figures"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty", [("twenty", 20)]),
        ("Twenty-one people", [("Twenty-one", 21)]),
        ("two hundred and five", [("two hundred and five", 205)]),
        ("three thousand four hundred", [("three thousand four hundred", 3400)]),
        ("one or two", [("one", 1), ("two", 2)]),
        ("two three", [("two", 2), ("three", 3)]),
        ("bread and butter", []),
        ("someone often", []),
    ],
)
def test_numbers(text, expected):
    assert [(text[s:e], v) for s, e, v in numbers(text)] == expected


def test_findings_suggest_the_figures():
    rule = plugin_rules(PLUGIN)[0]
    found = findings_for(rule, "We meet twenty-one times a year, for two hours.")
    assert [(f.match, f.suggestions) for f in found] == [("twenty-one", ["21"]), ("two", ["2"])]
    assert found[0].message == "Write 'twenty-one' as '21'. Easy Read uses figures for numbers."
    assert (found[0].line, found[0].column) == (1, 9)


def test_one_as_a_pronoun_is_not_flagged():
    rule = plugin_rules(PLUGIN)[0]
    assert findings_for(rule, "No one will be left out. We help one another. Choose the one you like.") == []
    assert [f.match for f in findings_for(rule, "You get one meal.")] == ["one"]


def test_settings_allow_and_min_value():
    rule = plugin_rules(PLUGIN)[0]
    rule.options["allow"] = ["one"]
    rule.options["min_value"] = 3
    assert [f.match for f in findings_for(rule, "One person, two people, ten people.")] == ["ten"]


def test_lint_source_with_the_default_packs_and_the_plugin():
    result = lint_source("We will commence in twenty days.\n", "plan.md", plugins=[PLUGIN])
    rules = {f.rule for f in result.findings}
    assert "easyread-numbers.figures" in rules
    assert any(r.startswith("plain-english") for r in rules)


def _cli(tmp_path, *args, config="plugins: [speakeasy-easyread-numbers]\n"):
    (tmp_path / ".speakeasy.yaml").write_text(config)
    env = dict(os.environ, SPEAKEASY_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_speakeasy_command_uses_the_plugin(tmp_path):
    (tmp_path / "easy.md").write_text("You can have twenty hours of support.\n")
    proc = _cli(tmp_path, "check", "easy.md", "--format", "json", "--fail-on", "warning")
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["match"], f["line"], f["column"]) for f in findings] == [
        ("easyread-numbers.figures", "twenty", 1, 14)
    ]
    listed = _cli(tmp_path, "plugins", "--format", "json")
    mine = [p for p in json.loads(listed.stdout)["plugins"] if p["name"] == PLUGIN]
    assert mine and mine[0]["enabled"] is True and mine[0]["provides"] == ["kind number-words", "packs"]


def test_the_speakeasy_command_without_the_plugin_enabled(tmp_path):
    (tmp_path / "easy.md").write_text("You can have twenty hours of support.\n")
    proc = _cli(tmp_path, "check", "easy.md", "--format", "json", "--fail-on", "warning", config="fail_on: error\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["files"][0]["findings"] == []


# The wordlist the plugin ships, for the user's own packs

OUR_PACK = """\
id: ours
title: Our Easy Read rules
version: 1.0.0
description: Our own rules.
licence: MIT
rules:
  - id: number-phrases
    kind: substitution
    level: warning
    wordlists: [number-phrases]
    summary: Flags words that hide a number.
    why: Easy Read uses figures.
    example:
      bad: We will call you in a fortnight.
      good: We will call you in 2 weeks.
"""


def test_the_wordlist_is_right(tmp_path):
    from speakeasy.words.lint import check_lists
    from speakeasy.config import resolve

    loaded = use_plugins(PLUGIN)
    [folder] = loaded.wordlist_dirs
    path = folder / "number-phrases.yaml"
    result = check_lists([path], [], resolve(no_config=True))
    assert result.problems == [] and result.checked == 1


def test_your_own_pack_can_use_the_plugins_wordlist(tmp_path):
    (tmp_path / "ours.yaml").write_text(OUR_PACK)
    (tmp_path / "easy.md").write_text("We will call you in a fortnight.\n")
    config = "plugins: [speakeasy-easyread-numbers]\npacks: [default, ours.yaml]\n"
    proc = _cli(tmp_path, "check", "easy.md", "--format", "json", "--fail-on", "never", config=config)
    assert proc.returncode == 0, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["match"], f["suggestions"]) for f in findings if f["rule"].startswith("ours.")] == [
        ("ours.number-phrases", "fortnight", ["2 weeks"])
    ]
    assert _cli(tmp_path, "validate", "ours.yaml", config=config).returncode == 0
    stats = _cli(tmp_path, "words", "stats", "--list", "number-phrases", "--format", "json", config=config)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["lists"][0]["title"] == "Number phrases in Easy Read"


def test_without_the_plugin_the_wordlist_is_not_found_and_the_message_says_why(tmp_path):
    (tmp_path / "ours.yaml").write_text(OUR_PACK)
    (tmp_path / "easy.md").write_text("We will call you in a fortnight.\n")
    proc = _cli(tmp_path, "check", "easy.md", config="packs: [default, ours.yaml]\n")
    assert proc.returncode == 2
    assert ("ours.yaml:10:17: There is no wordlist called 'number-phrases'. The plugin "
            "'speakeasy-easyread-numbers' has a wordlist called 'number-phrases', but your settings do not use "
            "that plugin. Add 'speakeasy-easyread-numbers' to `plugins:` in your settings.") in proc.stderr
