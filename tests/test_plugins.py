"""Plugins: found by their entry points, used only when the configuration names them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from speakeasy import plugins
from speakeasy.cli import main
from speakeasy.config import resolve
from speakeasy.schema import DataErrors

KIND = '''
from speakeasy.kinds.base import Kind


class ShoutingKind(Kind):
    name = "shouting"
    summary = "Flags words in capitals."

    def check(self, analysis):
        import re
        for m in re.finditer(r"\\b[A-Z]{4,}\\b", analysis.source):
            yield self.finding(analysis, m.start(), m.end())


NOT_A_KIND = "just some text"


class CrashingKind(Kind):
    name = "crashing"
    summary = "Always fails."

    def check(self, analysis):
        raise RuntimeError("boom")
'''

READER = '''
from speakeasy.errors import InputError
from speakeasy.model import Block, Document
from speakeasy.readers import Reader


def parse(path, text):
    if "CRASH" in text:
        raise ValueError("cannot cope")
    if "REFUSE" in text:
        raise InputError(path, "this note is refused.", "refused")
    return Document(path=path, source=text, format="note", blocks=[Block(text=text.strip(), start=0)] if text.strip() else [])


reader = Reader("note", (".note",), parse)
'''

PACK = '''\
id: shouty
title: Shouty
version: 1.0.0
description: Capitals.
licence: MIT
rules:
  - id: caps
    kind: shouting
    level: warning
    message: "Write '{match}' in lower case."
    summary: Flags capitals.
    why: Capitals are hard to read.
    example:
      bad: Please READ this.
      good: Please read this.
'''


def make_dist(site: Path, dist: str, version: str, module: str, entry_points: dict[str, list[str]],
              files: dict[str, str]) -> None:
    """A tiny installed distribution: a module and a .dist-info folder with entry points."""
    for rel, text in files.items():
        p = site / module / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    eps = "".join(f"[{group}]\n" + "".join(line + "\n" for line in lines) + "\n" for group, lines in entry_points.items())
    (info / "entry_points.txt").write_text(eps, encoding="utf-8")


def shouty(site: Path, version: str = "1.0.0", kind_ep: str = "fake_shouty.kinds:ShoutingKind",
           more_kinds: tuple[str, ...] = ()) -> None:
    make_dist(site, "speakeasy-shouty", version, "fake_shouty",
              {"speakeasy.kinds": [f"shouting = {kind_ep}", *more_kinds], "speakeasy.packs": ["shouty = fake_shouty.data"]},
              {"__init__.py": "", "kinds.py": KIND, "data/__init__.py": "", "data/rules/shouty.yaml": PACK})


def notes(site: Path) -> None:
    make_dist(site, "speakeasy-notes", "0.2.0", "fake_notes", {"speakeasy.readers": ["note = fake_notes:reader"]},
              {"__init__.py": READER})


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    plugins.reset()
    yield folder
    plugins.reset()
    for name in list(sys.modules):
        if name.startswith(("fake_shouty", "fake_notes", "fake_broken")):
            del sys.modules[name]


@pytest.fixture
def project(tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    return folder


def config(folder: Path, text: str) -> None:
    (folder / ".speakeasy.yaml").write_text(textwrap.dedent(text), encoding="utf-8")


def run_cli(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site), SPEAKEASY_CACHE_DIR=str(cwd.parent / "cache"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


# ---------------------------------------------------------------------------
# Discovery and configuration


def test_discovery_lists_installed_plugins_without_importing_them(site):
    shouty(site)
    notes(site)
    found = plugins.discover()
    assert {"speakeasy-shouty", "speakeasy-notes"} <= set(found)  # (the dev venv may have the example plugins too)
    assert found["speakeasy-shouty"].version == "1.0.0"
    assert found["speakeasy-shouty"].provides == ["kind shouting", "packs"]
    assert found["speakeasy-notes"].provides == ["reader note"]
    assert "fake_shouty" not in sys.modules and "fake_notes" not in sys.modules


def test_an_installed_plugin_that_is_not_enabled_is_not_imported(site, project, capsys):
    shouty(site)
    notes(site)
    (project / "a.md").write_text("Please READ this.\n")
    assert main(["check", "a.md", "--no-cache"]) == 0
    assert "fake_shouty" not in sys.modules and "fake_notes" not in sys.modules
    assert "shouty.caps" not in capsys.readouterr().out


def test_an_enabled_plugin_gives_its_kind_and_pack(site, project, capsys):
    shouty(site)
    config(project, "plugins: [speakeasy-shouty]\n")
    (project / "a.md").write_text("Please READ this.\n")
    assert main(["check", "a.md", "--no-cache", "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out
    assert "shouty.caps" in out and "Write 'READ' in lower case." in out
    assert "fake_shouty" in sys.modules


def test_plugin_names_compare_like_pip(site, project, capsys):
    shouty(site)
    config(project, "plugins: [Speakeasy_Shouty]\n")
    assert main(["rules"]) == 0
    assert "shouty.caps" in capsys.readouterr().out


def test_an_unknown_plugin_name_is_an_error_with_its_line(site, project, capsys):
    shouty(site)
    config(project, "fail_on: warning\nplugins:\n  - speakeasy-shouty\n  - speakeasy-nope\n")
    assert main(["check", "x.md"]) == 2
    err = capsys.readouterr().err
    assert ".speakeasy.yaml:4:5: No plugin called 'speakeasy-nope' is installed; installed: " in err
    headline = next(line for line in err.splitlines() if "speakeasy-nope" in line)
    assert "speakeasy-shouty" in headline.split("installed: ", 1)[1]


def test_an_unknown_plugin_in_pyproject_is_an_error_with_its_line(site, project, capsys):
    shouty(site)
    (project / "pyproject.toml").write_text('[tool.speakeasy]\nfail_on = "warning"\nplugins = ["shoutyy"]\n')
    with pytest.raises(DataErrors) as info:
        resolve()
    problem = info.value.errors[0]
    assert problem.line == 3 and "No plugin called 'shoutyy' is installed; installed: " in problem.problem
    assert "speakeasy-shouty" in problem.problem and problem.hint == "Did you mean `speakeasy-shouty`?"


def test_plugins_must_be_a_list(site, project):
    config(project, "plugins: {a: 1}\n")
    with pytest.raises(DataErrors) as info:
        resolve()
    assert "plugins" in str(info.value.errors[0])


# ---------------------------------------------------------------------------
# Failures


def test_a_plugin_that_fails_to_import_is_reported_and_the_run_goes_on(site, project, capsys):
    shouty(site)
    make_dist(site, "speakeasy-broken", "3.1.4", "fake_broken", {"speakeasy.kinds": ["bad = fake_broken:Kind"]},
              {"__init__.py": "import no_such_module_here\n"})
    config(project, "plugins: [speakeasy-broken, speakeasy-shouty]\n")
    (project / "a.md").write_text("Please READ this.\n")
    assert main(["check", "a.md", "--no-cache", "--fail-on", "warning"]) == 1
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if "speakeasy-broken" in line]
    assert len(lines) == 1
    assert "the plugin 'speakeasy-broken' 3.1.4 could not be loaded" in lines[0]
    assert "ModuleNotFoundError" in lines[0] and "no_such_module_here" in lines[0]
    assert "shouty.caps" in captured.out  # the other plugin and the built-in rules still ran


def test_a_kind_entry_point_of_the_wrong_type_is_reported(site, project, capsys):
    shouty(site, kind_ep="fake_shouty.kinds:NOT_A_KIND")
    config(project, "plugins: [speakeasy-shouty]\n")
    (project / "a.md").write_text("Please READ this.\n")
    assert main(["check", "a.md", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "the plugin 'speakeasy-shouty' 1.0.0 could not be loaded" in err
    assert "not a subclass of speakeasy.kinds.base.Kind" in err


def test_a_crashing_kind_becomes_an_internal_error_naming_the_plugin(site, project, capsys):
    shouty(site, more_kinds=("crashing = fake_shouty.kinds:CrashingKind",))
    pack = site / "fake_shouty" / "data" / "rules" / "crash.yaml"
    pack.write_text(PACK.replace("id: shouty", "id: crash").replace("kind: shouting", "kind: crashing")
                    .replace("bad: Please READ this.", "bad: x").replace("good: Please read this.", "good: y"))
    config(project, "plugins: [speakeasy-shouty]\n")
    (project / "a.md").write_text("Please READ this.\n")
    assert main(["check", "a.md", "--no-cache", "--format", "json"]) == 3
    data = json.loads(capsys.readouterr().out)
    findings = data["files"][0]["findings"]
    internal = [f for f in findings if f["rule"] == "speakeasy.internal-error"]
    assert len(internal) == 1
    assert "from the plugin 'speakeasy-shouty 1.0.0'" in internal[0]["message"]
    assert "RuntimeError: boom" in internal[0]["message"]
    assert any(f["rule"] == "shouty.caps" for f in findings)  # the other rules still ran


def test_a_crashing_reader_is_a_read_error_naming_the_plugin(site, project, capsys):
    notes(site)
    config(project, "plugins: [speakeasy-notes]\n")
    (project / "a.note").write_text("CRASH\n")
    (project / "b.note").write_text("We will commence soon.\n")
    assert main(["check", ".", "--no-cache"]) == 2
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if "a.note" in line]
    assert len(errors) == 1
    assert "the plugin 'speakeasy-notes 0.2.0' could not read this file (ValueError: cannot cope)" in errors[0]
    assert "b.note" in captured.out and "commence" in captured.out  # the other file was checked


def test_a_reader_refusing_a_file_is_an_ordinary_read_error(site, project, capsys):
    notes(site)
    config(project, "plugins: [speakeasy-notes]\n")
    (project / "a.note").write_text("REFUSE\n")
    assert main(["check", "a.note", "--no-cache"]) == 2
    assert "a.note: this note is refused." in capsys.readouterr().err


def test_a_reader_is_only_used_when_enabled(site, project, capsys):
    notes(site)
    (project / "a.note").write_text("We will commence soon.\n")
    assert main(["check", "a.note", "--no-cache"]) == 2
    assert "cannot read this kind of file" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# The plugins command


def test_plugins_command_human_and_json(site, project):
    shouty(site)
    notes(site)
    config(project, "plugins: [speakeasy-notes]\n")
    human = run_cli(site, project, "plugins")
    assert human.returncode == 0, human.stderr
    lines = human.stdout.splitlines()
    notes_line = next(line for line in lines if line.startswith("speakeasy-notes"))
    shouty_line = next(line for line in lines if line.startswith("speakeasy-shouty"))
    assert "0.2.0" in notes_line and "in use" in notes_line and "reader note" in notes_line
    assert "1.0.0" in shouty_line and "not in use" in shouty_line and "kind shouting, packs" in shouty_line
    assert "plugins installed, 1 in use." in human.stdout  # (the dev venv may have the example plugins too)
    data = json.loads(run_cli(site, project, "plugins", "--format", "json").stdout)
    by_name = {p["name"]: p for p in data["plugins"]}
    assert by_name["speakeasy-notes"]["enabled"] is True
    assert by_name["speakeasy-shouty"] == {
        "name": "speakeasy-shouty", "version": "1.0.0", "provides": ["kind shouting", "packs"], "enabled": False,
        "entry_points": [{"group": "speakeasy.kinds", "name": "shouting", "value": "fake_shouty.kinds:ShoutingKind"},
                         {"group": "speakeasy.packs", "name": "shouty", "value": "fake_shouty.data"}],
    }


def test_plugins_command_does_not_import_plugins(site, project, capsys):
    shouty(site)
    config(project, "plugins: [speakeasy-shouty]\n")
    assert main(["plugins"]) == 0
    assert "fake_shouty" not in sys.modules


# ---------------------------------------------------------------------------
# Cache and parallel runs


def test_cache_key_changes_with_the_plugins_and_their_versions(site, project):
    from speakeasy.cache import ruleset_key
    from speakeasy.ruleset import build_ruleset

    shouty(site)
    without = ruleset_key(build_ruleset(resolve()))
    config(project, "plugins: [speakeasy-shouty]\n")
    with_one = ruleset_key(build_ruleset(resolve()))
    assert with_one != without
    # the same plugin, a new version
    for old in site.glob("speakeasy_shouty-*.dist-info"):
        import shutil

        shutil.rmtree(old)
    shouty(site, version="1.1.0")
    plugins.reset()
    assert ruleset_key(build_ruleset(resolve())) not in (with_one, without)


def test_cache_key_changes_when_a_plugins_code_changes_but_not_its_version(site, project):
    """A plugin installed with `pip install -e` keeps its version while its author edits it."""
    import os

    from speakeasy.cache import ruleset_key
    from speakeasy.ruleset import build_ruleset

    shouty(site)
    config(project, "plugins: [speakeasy-shouty]\n")
    first = ruleset_key(build_ruleset(resolve()))
    assert ruleset_key(build_ruleset(resolve())) == first  # nothing changed: the same key
    code = site / "fake_shouty" / "kinds.py"
    code.write_text(code.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    stat = code.stat()
    os.utime(code, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert ruleset_key(build_ruleset(resolve())) != first


def test_parallel_workers_load_the_same_plugins(site, project, monkeypatch):
    from speakeasy import runner

    shouty(site)
    config(project, "plugins: [speakeasy-shouty]\n")
    settings = resolve()
    # a worker starts with no plugins loaded (as with the spawn start method)
    plugins.reset()
    monkeypatch.setattr(runner, "_WORKER_RULESET", None)
    runner._worker_init(settings)
    assert "shouty.caps" in [r.id for r in runner._WORKER_RULESET.active]
    assert plugins.active().plugins == [("speakeasy-shouty", "1.0.0")]
    monkeypatch.setattr(plugins, "QUIET", False)


@pytest.mark.slow
def test_jobs_2_uses_plugins(site, project):
    shouty(site)
    notes(site)
    config(project, "plugins: [speakeasy-shouty, speakeasy-notes]\n")
    padding = "This is a plain sentence about the day centre. " * 2200  # 100 kB: enough text for two workers
    for i in range(8):
        (project / f"f{i}.note").write_text(f"Please READ note {i}.\n\n{padding}\n")
    proc = run_cli(site, project, "check", ".", "--jobs", "2", "--no-cache", "--format", "json",
                   "--fail-on", "never")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert len(data["files"]) == 8
    for f in data["files"]:
        assert [x["match"] for x in f["findings"] if x["rule"] == "shouty.caps"] == ["READ"]


# ---------------------------------------------------------------------------
# A plugin's wordlists in the user's own packs

WORDLIST = '''\
title: Shouty words
licence: MIT
words:
  - term: SHOUT
    use: say
    why: "'SHOUT' is in capitals."
    examples:
      - Please SHOUT less.
'''

#: a plugin list with the name of a shipped one: it must not take the shipped one's place
FAKE_PLAIN_ENGLISH = WORDLIST.replace("Shouty words", "Not speakeasy's plain English")

OUR_PACK = '''\
id: ours
title: Our rules
version: 1.0.0
description: Our own rules.
licence: MIT
rules:
  - id: shouts
    kind: substitution
    level: warning
    wordlists: [shouty-words]
    summary: Flags shouting words.
    why: They are loud.
    example:
      bad: Please SHOUT less.
      good: Please say less.
'''


def shouty_with_words(site: Path, packs_ep: str = "fake_shouty.data") -> None:
    make_dist(site, "speakeasy-shouty", "1.0.0", "fake_shouty",
              {"speakeasy.kinds": ["shouting = fake_shouty.kinds:ShoutingKind"], "speakeasy.packs": [f"shouty = {packs_ep}"]},
              {"__init__.py": "", "kinds.py": KIND, "data/__init__.py": "def folder():\n    import os\n    return os.path.dirname(__file__)\n",
               "data/rules/shouty.yaml": PACK, "data/wordlists/shouty-words.yaml": WORDLIST,
               "data/wordlists/plain-english.yaml": FAKE_PLAIN_ENGLISH})


def test_a_users_pack_can_use_a_wordlist_of_an_enabled_plugin(site, project, capsys):
    shouty_with_words(site)
    (project / "ours.yaml").write_text(OUR_PACK)
    config(project, "plugins: [speakeasy-shouty]\npacks: [default, ours.yaml]\n")
    (project / "a.md").write_text("Please SHOUT less. We will commence now.\n")
    assert main(["check", "a.md", "--no-cache", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert [(f["rule"], f["match"]) for f in found if f["rule"] == "ours.shouts"] == [("ours.shouts", "SHOUT")]
    # speakeasy's own plain-english list is still the one the shipped pack uses
    assert [f["match"] for f in found if f["rule"] == "plain-english.words"] == ["commence"]
    assert main(["rules"]) == 0 and "ours.shouts" in capsys.readouterr().out
    assert main(["validate", "ours.yaml"]) == 0
    assert main(["validate"]) == 0
    assert main(["words", "check", "ours.yaml"]) == 0
    capsys.readouterr()
    assert main(["words", "stats", "--list", "shouty-words", "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["lists"]
    assert listed["title"] == "Shouty words"
    assert main(["words", "stats", "--list", "plain-english", "--format", "json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)["lists"]
    assert listed["title"] == "Plain English words"


@pytest.mark.parametrize("args", [["check", "a.md"], ["rules"], ["validate", "ours.yaml"], ["validate"],
                                  ["words", "check", "ours.yaml"]])
def test_a_wordlist_of_a_plugin_not_in_use_is_not_found_and_the_message_names_the_plugin(site, project, capsys, args):
    shouty_with_words(site)
    (project / "ours.yaml").write_text(OUR_PACK)
    config(project, "packs: [default, ours.yaml]\n")
    (project / "a.md").write_text("Please SHOUT less.\n")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "ours.yaml:10:17: There is no wordlist called 'shouty-words'. The plugin 'speakeasy-shouty' has a wordlist " \
           "called 'shouty-words', but your settings do not use that plugin. Add 'speakeasy-shouty' to `plugins:` " \
           "in your settings." in err
    assert "fake_shouty" not in sys.modules  # found on disk: the plugin's code did not run


def test_words_list_of_a_plugin_not_in_use_names_the_plugin(site, project, capsys):
    shouty_with_words(site)
    assert main(["words", "stats", "--list", "shouty-words"]) == 2
    err = capsys.readouterr().err
    assert "shouty-words: there is no wordlist with this name or file name. The plugin 'speakeasy-shouty'" in err
    assert "fake_shouty" not in sys.modules


def test_an_unknown_wordlist_that_no_plugin_has_gets_the_usual_hint(site, project, capsys):
    shouty_with_words(site)
    (project / "ours.yaml").write_text(OUR_PACK.replace("shouty-words", "shoutie-words"))
    assert main(["validate", "ours.yaml"]) == 2
    err = capsys.readouterr().err
    assert "There is no wordlist called 'shoutie-words'. Check the name." in err
    assert "plugin" not in err


def test_a_plugin_whose_folder_comes_from_a_function_is_not_run_to_look_for_wordlists(site, project, capsys):
    shouty_with_words(site, packs_ep="fake_shouty.data:folder")
    (project / "ours.yaml").write_text(OUR_PACK)
    assert main(["validate", "ours.yaml"]) == 2
    assert "Check the name." in capsys.readouterr().err
    assert "fake_shouty" not in sys.modules
    # enabled, the function gives the folder, and its wordlists are found
    config(project, "plugins: [speakeasy-shouty]\n")
    assert main(["validate", "ours.yaml"]) == 0
