"""Loading rule packs is strict, safe and explains every problem in plain English.

Each file in tests/data/bad_yaml/packs/ has one problem (several-problems.yaml
has four).  The tests check the exact words, the file, line and column, and
the excerpt, through `load_pack`, `speakeasy validate` and `speakeasy check --pack`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from speakeasy.errors import UserDataError
from speakeasy.packs import builtin_pack_paths, load_pack
from speakeasy.schema import DataErrors

BAD = Path(__file__).parent / "data" / "bad_yaml"
GOOD = BAD / "good"

CASES = [
    ("unknown-kind.yaml", 8, 11,
     "There is no rule kind called 'substitutoin'. Did you mean 'substitution'?"),
    ("bad-regex.yaml", 12, 9,
     "The pattern '(please|kindly' in `patterns` does not work: a '(' has no ')' to close it (at character 1). "
     "Check the brackets and backslashes. Put the pattern in single quotes."),
    ("missing-wordlist.yaml", 10, 32,
     "There is no wordlist called 'our-words'. "
     "Check the name. It is the file name in the wordlists folder, without '.yaml'."),
    ("bad-level.yaml", 9, 12,
     "`level` cannot be 'warn'. Use suggestion, warning or error. Did you mean 'warning'?"),
    ("missing-why.yaml", 7, 5,
     "This rule has no `why`. Add `why:` with why it matters, in plain words."),
    ("unknown-key.yaml", 11, 5,
     "`summery` is not a key speakeasy knows in a rule. Did you mean `summary`?"),
    ("wrong-type.yaml", 11, 14,
     "`summary` should be text, but it is a list. Square brackets [ ] make a list. Put the whole text in quotes instead."),
    ("python-tag.yaml", 10, 14,
     "speakeasy does not allow '!!python/object/apply:os.system'. It never runs code or builds objects from a file. "
     "Remove the part that starts with '!'. If the text starts with '!', put it in quotes."),
]

SEVERAL = [
    (8, 11, "There is no rule kind called 'substitutoin'. Did you mean 'substitution'?"),
    (18, 12, "`level` cannot be 'warn'. Use suggestion, warning or error. Did you mean 'warning'?"),
    (25, 5, "This rule has no `why`. Add `why:` with why it matters, in plain words."),
    (28, 16, "The pattern '(please|kindly' in `patterns` does not work: a '(' has no ')' to close it "
             "(at character 1). "
             "Check the brackets and backslashes. Put the pattern in single quotes."),
]


def message(e: UserDataError) -> str:
    return e.problem + (" " + e.hint if e.hint else "")


def check_excerpt(rendered: str, source_file: Path, line: int, column: int) -> None:
    """The excerpt quotes the bad line, marks it with '>', and puts '^ here' right under the column."""
    source = source_file.read_text(encoding="utf-8").splitlines()
    rows = rendered.splitlines()
    marked = [i for i, row in enumerate(rows) if row.startswith("  > ")]
    assert len(marked) == 1, rendered
    i = marked[0]
    gutter, _, quoted = rows[i].partition(" |")
    assert gutter.split() == [">", str(line)]
    assert quoted == " " + source[line - 1]
    bar = rows[i].index("|")
    assert rows[i + 1] == " " * bar + "| " + " " * (column - 1) + "^ here"


@pytest.fixture
def in_bad(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(BAD)
    return BAD


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    d = tmp_path / "policy.md"
    d.write_text("# Our policy\n\nWe will commence the review soon.\n")
    return d


@pytest.mark.parametrize(("name", "line", "column", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_pack_through_the_api(in_bad: Path, name: str, line: int, column: int, text: str) -> None:
    with pytest.raises(DataErrors) as exc:
        load_pack(f"packs/{name}")
    errors = exc.value.errors
    assert len(errors) == 1, [e.message for e in errors]
    e = errors[0]
    assert message(e) == text
    assert (e.path, e.line, e.column) == (f"packs/{name}", line, column)
    assert e.message == f"packs/{name}:{line}:{column}: {text}"
    check_excerpt(e.render(), BAD / "packs" / name, line, column)


@pytest.mark.parametrize(("name", "line", "column", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_pack_through_validate(cli, in_bad: Path, name: str, line: int, column: int, text: str) -> None:
    code, out, err = cli("validate", f"packs/{name}", cwd=in_bad)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f"speakeasy: error: packs/{name}:{line}:{column}: {text}"
    check_excerpt("\n".join(lines[1:-1]), BAD / "packs" / name, line, column)
    assert lines[-1] == "Found 1 problem."
    assert "Traceback" not in err


@pytest.mark.parametrize(("name", "line", "column", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_pack_through_check(cli, in_bad: Path, doc: Path, name: str, line: int, column: int, text: str) -> None:
    code, out, err = cli("check", "--no-config", "--pack", f"packs/{name}", str(doc), cwd=in_bad)
    assert code == 2
    assert out == ""
    assert err.splitlines()[0] == f"speakeasy: error: packs/{name}:{line}:{column}: {text}"
    assert "Traceback" not in err and "internal error" not in err


def test_several_problems_are_all_reported_in_line_order(in_bad: Path) -> None:
    with pytest.raises(DataErrors) as exc:
        load_pack("packs/several-problems.yaml")
    assert [(e.line, e.column, message(e)) for e in exc.value.errors] == SEVERAL


def test_several_problems_through_validate(cli, in_bad: Path) -> None:
    code, _, err = cli("validate", "packs/several-problems.yaml", cwd=in_bad)
    assert code == 2
    headlines = [line for line in err.splitlines() if line.startswith("speakeasy: error: ")]
    assert headlines == [
        f"speakeasy: error: packs/several-problems.yaml:{line}:{column}: {text}" for line, column, text in SEVERAL
    ]
    assert err.splitlines()[-1] == "Found 4 problems."


def test_several_problems_through_check(cli, in_bad: Path, doc: Path) -> None:
    code, out, err = cli("check", "--no-config", "--pack", "packs/several-problems.yaml", str(doc), cwd=in_bad)
    assert code == 2 and out == ""
    for line, column, text in SEVERAL:
        assert f"packs/several-problems.yaml:{line}:{column}: {text}" in err
    assert "Traceback" not in err


def test_a_problem_in_a_wordlist_the_pack_uses_names_the_wordlist(cli, in_bad: Path) -> None:
    with pytest.raises(DataErrors) as exc:
        load_pack("packs/uses-bad-wordlist.yaml")
    [e] = exc.value.errors
    assert (e.path, e.line, e.column) == ("wordlists/bad-status.yaml", 7, 13)
    code, _, err = cli("validate", "packs/uses-bad-wordlist.yaml", cwd=in_bad)
    assert code == 2
    assert err.splitlines()[0] == (
        "speakeasy: error: wordlists/bad-status.yaml:7:13: "
        "`status` cannot be 'aproved'. Use agreed, proposed or retired. Did you mean 'agreed'?"
    )


def test_python_tag_is_refused_and_never_run(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, doc: Path) -> None:
    shutil.copy(BAD / "packs" / "python-tag.yaml", tmp_path / "python-tag.yaml")
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "speakeasy-hacked.txt"
    with pytest.raises(DataErrors):
        load_pack("python-tag.yaml")
    assert cli("validate", "python-tag.yaml", cwd=tmp_path)[0] == 2
    assert cli("check", "--no-config", "--pack", "python-tag.yaml", str(doc), cwd=tmp_path)[0] == 2
    assert not marker.exists()


def test_the_full_pack_loads_with_every_field() -> None:
    pack = load_pack(GOOD / "full-pack.yaml")
    assert pack.id == "everything" and pack.default is False
    assert pack.sources[0].notes == "Written for the tests."
    ids = [r.id for r in pack.rules]
    assert ids == ["everything.acronyms", "everything.padding", "everything.sentences", "everything.paragraphs",
                   "everything.passive", "everything.reading-ease", "everything.words", "everything.formatting",
                   "everything.web-links", "everything.pdf-title", "everything.alt-text"]
    from speakeasy.registry import registry

    assert {r.kind for r in pack.rules} == set(registry()), "add a rule of the new kind to full-pack.yaml"
    rules = {r.id.split(".")[1]: r for r in pack.rules}
    assert rules["padding"].options == {"phrases": ["please note that"], "patterns": [r"\bkindly\b"],
                                        "inflect": False, "in_quotations": True}
    assert rules["paragraphs"].options["blocks"] == ["paragraph"]  # one text where a list belongs
    assert rules["paragraphs"].enabled is False
    assert str(rules["sentences"].level) == "error"  # from the highest threshold
    assert rules["acronyms"].link == "https://example.org/acronyms"
    assert [w.title for w in rules["words"].wordlists] == ["Every field"]


def test_every_option_a_kind_declares_is_in_the_full_pack() -> None:
    """So the schema tests, which use this pack, cover every option."""
    import yaml

    from speakeasy.registry import registry

    data = yaml.safe_load((GOOD / "full-pack.yaml").read_text())
    used = {(r["kind"], key) for r in data["rules"] for key in r}
    for name, kind in registry().items():
        for option in kind.options:
            assert (name, option.name) in used, f"full-pack.yaml has no `{option.name}` for kind {name}"


def test_shipped_packs_load() -> None:
    for path in builtin_pack_paths():
        assert load_pack(path).rules, path


# --- smaller cases, written inline -----------------------------------------------------------

HEAD = "id: t\ntitle: T\nversion: 1.0.0\ndescription: D.\nlicence: CC0-1.0\nrules:\n"
RULE = ("  - id: padding\n    kind: existence\n    level: warning\n    phrases: [please note that]\n"
        "    summary: S.\n    why: W.\n    example:\n      bad: Please note that we are closed.\n"
        "      good: We are closed.\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD.replace("version: 1.0.0\n", "") + RULE,
         [(1, 1, "This rule pack has no `version`. Add `version:` with the pack's version, like 1.0.0.")]),
        (HEAD + RULE + RULE,
         [(16, 5, "Two rules in this pack have the id 'padding'. The first is on line 7. Give each rule its own id.")]),
        (HEAD + RULE.replace("    level: warning\n", ""),
         [(7, 5, "The rule 'padding' has no `level`. Add a line `level: warning` (or suggestion, or error).")]),
        (HEAD + RULE.replace("    kind: existence\n", ""),
         [(7, 5, "This rule has no `kind`. Add `kind:` with what sort of check this is.")]),
        # an unknown kind does not hide the other problems of the rule
        (HEAD + RULE.replace("existence", "existance").replace("    why: W.\n", ""),
         [(7, 5, "This rule has no `why`. Add `why:` with why it matters, in plain words."),
          (8, 11, "There is no rule kind called 'existance'. Did you mean 'existence'?")]),
        (HEAD + RULE.replace("      good: We are closed.\n", ""),
         [(14, 7, "This rule's example has no `good`. Add `good:` with text the rule must not flag.")]),
        (HEAD + RULE.replace("    phrases: [please note that]\n", ""),
         [(7, 5, "An existence rule needs `phrases` or `patterns`. Add `phrases:` with a list of words to flag.")]),
        (HEAD.replace("rules:\n", "rules: none\n"),
         [(6, 8, "`rules` should be a list of rules, but it is the text 'none'. "
                 "Start each rule on its own line with '- '.")]),
        (HEAD + "  - just text\n",
         [(7, 5, "A rule should be a set of `key: value` lines, but this is the text 'just text'.")]),
        (HEAD.replace("rules:\n", ""),
         [(1, 1, "This rule pack has no `rules`. Add `rules:` with a list of rules under it.")]),
        ("", [(1, 1, "This rule pack is empty. Start from a copy of a shipped rule pack.")]),
    ],
)
def test_small_problems(tmp_path: Path, text: str, expected: list[tuple[int, int, str]]) -> None:
    f = tmp_path / "pack.yaml"
    f.write_text(text)
    with pytest.raises(DataErrors) as exc:
        load_pack(f)
    assert [(e.line, e.column, message(e)) for e in exc.value.errors] == expected


def test_a_pack_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataErrors) as exc:
        load_pack("nope.yaml")
    assert exc.value.errors[0].message == "nope.yaml: This rule pack does not exist. Check the name and the folder."


def test_rule_ids_are_pack_dot_rule() -> None:
    for path in builtin_pack_paths():
        pack = load_pack(path)
        for rule in pack.rules:
            assert rule.id.startswith(pack.id + ".") and rule.pack == pack.id


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    """The cache notices a change even when the size stays the same."""
    import os

    f = tmp_path / "pack.yaml"
    f.write_text(HEAD + RULE)
    assert load_pack(f).rules[0].level.name == "WARNING"
    before = f.stat().st_mtime_ns
    f.write_text(HEAD + RULE.replace("level: warning", "level: error  "))
    # a save a millisecond later (set by hand: some file systems keep coarse times)
    os.utime(f, ns=(before + 1_000_000, before + 1_000_000))
    assert load_pack(f).rules[0].level.name == "ERROR"
