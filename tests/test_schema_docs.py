"""The JSON Schemas in docs/schema/ are up to date and agree with the loader.

* the files on disk are exactly what `speakeasy.jsonschema.schemas()` builds;
* every shipped pack, wordlist and profile is valid under them;
* the bad fixtures with a schema problem are refused by both the loader and
  the JSON Schema, and the other bad fixtures show what only the loader checks;
* the fixtures that use every optional field are accepted by both;
* changing any one field of those fixtures to a wrong (or right) value gets
  the same answer from both.
"""

from __future__ import annotations

import copy
import re
import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from speakeasy.config import load_profile
from speakeasy.jsonschema import schemas
from speakeasy.packs import builtin_pack_paths, builtin_wordlists_dir, load_pack, load_wordlist, profile_paths
from speakeasy.schema import DataErrors

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "schema"
BAD = Path(__file__).parent / "data" / "bad_yaml"
GOOD = BAD / "good"
REGENERATE = "Run `python -m speakeasy.jsonschema docs/schema` and commit the result."


def plain(data: Any) -> Any:
    """YAML data as JSON sees it: dates become text like 2026-03-14."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, (dt.date, dt.datetime)):
        return data.isoformat()
    return data


def validator(which: str) -> Draft202012Validator:
    schema = json.loads((DOCS / f"{which}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def json_problems(which: str, path: Path) -> list[str]:
    data = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [e.message for e in validator(which).iter_errors(data)]


def loader_accepts(which: str, path: Path) -> bool:
    load: Callable[[Path], Any] = load_pack if which == "pack" else load_wordlist
    try:
        load(path)
    except DataErrors:
        return False
    return True


# --- (a) the files on disk are up to date --------------------------------------------------------


def test_schema_files_are_up_to_date() -> None:
    built = schemas()
    on_disk = sorted(p.name for p in DOCS.glob("*.schema.json"))
    assert on_disk == sorted(f"{name}.schema.json" for name in built), REGENERATE
    for name, data in built.items():
        text = (DOCS / f"{name}.schema.json").read_text(encoding="utf-8")
        expected = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        assert text == expected, f"docs/schema/{name}.schema.json is out of date. {REGENERATE}"


@pytest.mark.parametrize("name", sorted(schemas()))
def test_schema_files_are_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(json.loads((DOCS / f"{name}.schema.json").read_text(encoding="utf-8")))


def test_cli_prints_the_same_schema(cli) -> None:
    for which in ("pack", "wordlist", "config", "report"):
        code, out, _ = cli("schema", which)
        assert code == 0
        assert json.loads(out) == json.loads((DOCS / f"{which}.schema.json").read_text(encoding="utf-8"))


# --- (b) shipped files are valid ---------------------------------------------------------------

SHIPPED = (
    [("pack", p) for p in builtin_pack_paths()]
    # files starting with '_' are notes for maintainers, not wordlists
    + [("wordlist", p) for p in sorted(builtin_wordlists_dir().glob("[!_]*.yaml"))]
    + [("profile", p) for p in profile_paths().values()]
)


@pytest.mark.parametrize(("which", "path"), SHIPPED, ids=[f"{w}:{p.name}" for w, p in SHIPPED])
def test_shipped_files_are_valid(which: str, path: Path) -> None:
    assert json_problems(which, path) == []
    if which == "profile":
        load_profile(path.stem)
    else:
        assert loader_accepts(which, path)


# --- (c) both refuse the bad fixtures with a schema problem ------------------------------------

SCHEMA_PROBLEMS = [
    ("wordlist", "unknown-key.yaml"),
    ("wordlist", "wrong-type-list-for-text.yaml"),
    ("wordlist", "missing-why.yaml"),
    ("wordlist", "bad-date.yaml"),
    ("wordlist", "bad-level.yaml"),
    ("wordlist", "bad-status.yaml"),
    ("wordlist", "empty-term.yaml"),
    ("wordlist", "several-problems.yaml"),
    ("pack", "unknown-kind.yaml"),
    ("pack", "unknown-key.yaml"),
    ("pack", "wrong-type.yaml"),
    ("pack", "missing-why.yaml"),
    ("pack", "bad-level.yaml"),
    ("pack", "bad-regex.yaml"),
    ("pack", "several-problems.yaml"),
]

#: Problems only the loader can see: JSON Schema accepts these files.
LOADER_ONLY = [
    ("wordlist", "duplicate-key.yaml"),  # YAML readers keep the last value
    ("wordlist", "own-alternative.yaml"),  # compares two fields
    ("pack", "missing-wordlist.yaml"),  # looks for a file
]

#: Not YAML that a JSON tool can read at all (or, for the tag, not safe to build).
UNREADABLE = ["tab-indent.yaml", "missing-colon.yaml", "unclosed-quote.yaml", "unclosed-bracket.yaml",
              "python-tag.yaml"]


def _folder(which: str) -> Path:
    return BAD / ("packs" if which == "pack" else "wordlists")


@pytest.mark.parametrize(("which", "name"), SCHEMA_PROBLEMS, ids=[f"{w}:{n}" for w, n in SCHEMA_PROBLEMS])
def test_both_refuse_schema_problems(which: str, name: str) -> None:
    path = _folder(which) / name
    assert not loader_accepts(which, path)
    assert json_problems(which, path), f"the JSON Schema accepts {name}, but the loader refuses it"


@pytest.mark.parametrize(("which", "name"), LOADER_ONLY, ids=[f"{w}:{n}" for w, n in LOADER_ONLY])
def test_problems_only_the_loader_sees(which: str, name: str) -> None:
    path = _folder(which) / name
    assert not loader_accepts(which, path)
    assert json_problems(which, path) == []


@pytest.mark.parametrize("name", UNREADABLE)
def test_unreadable_yaml_is_refused_by_a_safe_reader_too(name: str) -> None:
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load((BAD / "wordlists" / name).read_text(encoding="utf-8"))


def test_every_bad_fixture_is_listed() -> None:
    listed = {(w, n) for w, n in SCHEMA_PROBLEMS + LOADER_ONLY} | {("wordlist", n) for n in UNREADABLE}
    listed |= {("pack", "python-tag.yaml"), ("pack", "uses-bad-wordlist.yaml")}
    found = {("pack", p.name) for p in (BAD / "packs").glob("*.yaml")}
    found |= {("wordlist", p.name) for p in (BAD / "wordlists").glob("*.yaml")}
    assert found == listed


# --- (d) both accept the fixtures that use every optional field ---------------------------------


@pytest.mark.parametrize(("which", "name"), [("pack", "full-pack.yaml"), ("wordlist", "full-wordlist.yaml")])
def test_both_accept_every_optional_field(which: str, name: str) -> None:
    path = GOOD / name
    assert loader_accepts(which, path)
    assert json_problems(which, path) == []


@pytest.mark.parametrize(("which", "name"), [("pack", "full-pack.yaml"), ("wordlist", "full-wordlist.yaml")])
def test_the_full_fixtures_use_every_field(which: str, name: str) -> None:
    """Every property the JSON Schema lists is used somewhere in the fixture."""
    data = yaml.safe_load((GOOD / name).read_text(encoding="utf-8"))
    schema = schemas()[which]

    def missing(schema: dict[str, Any], items: list[Any], where: str) -> list[str]:
        out = []
        for key, sub in schema.get("properties", {}).items():
            values = [i[key] for i in items if isinstance(i, dict) and key in i]
            if not values and key != "kind":
                out.append(f"{where}.{key}")
            if sub.get("type") == "object" and "properties" in sub:
                out += missing(sub, values, f"{where}.{key}")
            if sub.get("type") == "array" and "properties" in sub.get("items", {}):
                out += missing(sub["items"], [v for vs in values for v in vs], f"{where}.{key}")
        return out

    gaps = missing({k: v for k, v in schema.items() if k != "$defs"} | {"properties": {
        k: v for k, v in schema["properties"].items() if k != "rules"}}, [data], name)
    if which == "pack":
        for variant in schema["properties"]["rules"]["items"]["oneOf"]:
            kind = variant["properties"]["kind"]["const"]
            rules = [r for r in data["rules"] if r["kind"] == kind]
            gaps += missing(variant, rules, f"rules[{kind}]")
        # the shared rule fields need only be used by one rule of any kind
        shared = {"level", "message", "fix_safety", "link", "enabled"}
        gaps = [g for g in gaps if g.rsplit(".", 1)[1] not in shared
                or not any(g.rsplit(".", 1)[1] in r for r in data["rules"])]
    assert gaps == []


# --- the loader and the JSON Schema give the same answer for each changed field -----------------

#: Values to try in every field: wrong ones and right ones of each type.
VALUES: list[Any] = [
    None, "", "   ", "text", "  padded text  ", 7, 1.5, -1, True, [], ["a"], [1], [None], {}, {"a": 1},
    {"warning": 5}, {"warning": "x"}, dt.date(2026, 3, 14), "2026-03-14", "2026-02-30", "March 2026",
    "(bad", "agreed", "aproved", "warning", "warn", "paragraph", ["paragraph"], "flesch_reading_ease", "document",
]
DELETE = "<deleted>"

try:
    _Loader: Any = yaml.CSafeLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover
    _Loader, _Dumper = yaml.SafeLoader, yaml.SafeDumper


def _get(data: Any, path: list[Any]) -> Any:
    for step in path:
        data = data[step]
    return data


def _disagreements(tmp_path: Path, which: str, data: dict[str, Any], path: list[Any], key: str,
                   skip: Callable[[Any], bool] = lambda value: False) -> list[str]:
    """Change `key` to each value in turn; list where the loader and the JSON Schema disagree."""
    check = validator(which)
    out = []
    for number, value in enumerate(VALUES + [DELETE]):
        if skip(value):
            continue
        changed = copy.deepcopy(data)
        mapping = _get(changed, path)
        if value == DELETE:
            if key not in mapping:
                continue
            del mapping[key]
        else:
            mapping[key] = value
        text = yaml.dump(changed, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        f = tmp_path / f"{number}.yaml"  # a new name each time: the loader caches by file
        f.write_text(text, encoding="utf-8")
        loader = loader_accepts(which, f)
        problems = [e.message for e in check.iter_errors(plain(yaml.load(text, Loader=_Loader)))]
        if loader == bool(problems):
            out.append(f"{key} = {value!r}: the loader {'accepts' if loader else 'refuses'} it, "
                       f"the JSON Schema {'refuses' if problems else 'accepts'} it {problems[:1]}")
    return out


def _keys(data: dict[str, Any], places: list[tuple[str, list[Any]]]) -> list[tuple[str, list[Any], str]]:
    return [(label, path, key) for label, path in places for key in list(_get(data, path)) + ["unknown_key"]
            if key != "kind"]


WORDLIST_DATA = yaml.safe_load((GOOD / "full-wordlist.yaml").read_text(encoding="utf-8"))
WORDLIST_KEYS = _keys(WORDLIST_DATA, [("top", []), ("source", ["sources", 0]), ("defaults", ["defaults"]),
                                      ("entry", ["words", 1])])


@pytest.mark.parametrize(("label", "path", "key"), WORDLIST_KEYS, ids=[f"{c[0]}.{c[2]}" for c in WORDLIST_KEYS])
def test_wordlist_loader_and_json_schema_agree(tmp_path: Path, label: str, path: list[Any], key: str) -> None:
    assert _disagreements(tmp_path, "wordlist", WORDLIST_DATA, path, key) == []


def _pack_with(rule: dict[str, Any] | None) -> dict[str, Any]:
    """The full pack with only one of its rules (or only its first), to keep the test quick."""
    data = yaml.safe_load((GOOD / "full-pack.yaml").read_text(encoding="utf-8"))
    rules = data["rules"]
    data["rules"] = [copy.deepcopy(rule or rules[0])]
    return data


PACK_RULES = yaml.safe_load((GOOD / "full-pack.yaml").read_text(encoding="utf-8"))["rules"]
PACK_KEYS = _keys(_pack_with(None), [("top", []), ("source", ["sources", 0]), ("example", ["rules", 0, "example"])])
PACK_KEYS += [(f"rule[{r['kind']}]", ["rules", 0], key) for r in PACK_RULES if r["kind"] != "substitution"
              for key in list(r) + ["unknown_key"] if key != "kind"]


def _kind_only(kind: str, key: str) -> Callable[[Any], bool]:
    """Values that only the kind's own `validate_options` refuses: the JSON Schema does not repeat those."""
    def skip(value: Any) -> bool:
        if kind == "existence" and key in ("phrases", "patterns"):
            # an existence rule needs phrases or patterns, with something in them
            return value in (None, [], "", "   ", [None], DELETE, {})
        if key == "thresholds":
            # the order of the thresholds (a reading ease of 30 is worse than 50)
            return value in ({}, {"warning": 5})
        if kind == "readability" and key == "metric":
            # changing the metric turns the order of the thresholds round
            return True
        return False
    return skip


@pytest.mark.parametrize(("label", "path", "key"), PACK_KEYS, ids=[f"{c[0]}.{c[2]}" for c in PACK_KEYS])
def test_pack_loader_and_json_schema_agree(tmp_path: Path, label: str, path: list[Any], key: str) -> None:
    kind = label[5:-1] if label.startswith("rule[") else ""
    rule = next((r for r in PACK_RULES if r["kind"] == kind), None)
    data = _pack_with(rule)
    assert _disagreements(tmp_path, "pack", data, path, key, _kind_only(kind, key)) == []


# --- the guides: docs/rule-packs.md and docs/wordlists.md ----------------------------------------

GUIDES = [ROOT / "docs" / "rule-packs.md", ROOT / "docs" / "wordlists.md"]


def _blocks(doc: Path, language: str) -> list[str]:
    """The fenced code blocks of one language in a Markdown file."""
    text = doc.read_text(encoding="utf-8")
    return [m.group(1) for m in re.finditer(r"^```" + language + r"\n(.*?)^```$", text, re.S | re.M)]


def test_the_kinds_in_the_guide_are_up_to_date() -> None:
    from speakeasy.jsonschema import KINDS_END, KINDS_START, kinds_markdown

    text = GUIDES[0].read_text(encoding="utf-8")
    section = text[text.index(KINDS_START) + len(KINDS_START): text.index(KINDS_END)]
    assert section == "\n\n" + kinds_markdown() + "\n", f"docs/rule-packs.md is out of date. {REGENERATE}"


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """Every YAML example in the guides that starts with `# folder/name.yaml`, written out."""
    for doc in GUIDES:
        for block in _blocks(doc, "yaml"):
            first = block.splitlines()[0]
            m = re.fullmatch(r"# ((?:rules|wordlists)/[\w-]+\.yaml)", first)
            if m:
                (tmp_path / m.group(1)).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / m.group(1)).write_text(block, encoding="utf-8")
    return tmp_path


def test_the_examples_in_the_guides_load(examples: Path) -> None:
    wordlists = sorted((examples / "wordlists").glob("*.yaml"))
    packs = sorted((examples / "rules").glob("*.yaml"))
    assert [p.name for p in wordlists] == ["our-words.yaml"]
    assert [p.name for p in packs] == ["our-rules.yaml"]
    for path in wordlists:
        assert loader_accepts("wordlist", path) and json_problems("wordlist", path) == []
    for path in packs:
        assert loader_accepts("pack", path) and json_problems("pack", path) == []
    # and the pack's own examples hold
    from speakeasy.testing import check_rule_examples

    for rule in load_pack(packs[0]).rules:
        assert check_rule_examples(rule) == []


def test_what_the_wordlist_guide_says_about_unless_and_explained_ok(cli, examples: Path) -> None:
    doc = examples / "policy.md"

    def flagged(text: str) -> list[str]:
        doc.write_text(text + "\n", encoding="utf-8")
        code, out, _ = cli("check", "--no-config", "--pack", str(examples / "rules" / "our-rules.yaml"),
                           "--format", "json", str(doc), cwd=examples)
        return [f["match"] for f in json.loads(out)["files"][0]["findings"]]

    assert flagged("Your placement starts on Monday.") == ["placement"]
    assert flagged("The student's placement starts on Monday.") == []
    for explained in ("reablement (help to get back on your feet)",
                      "reablement, which means help to do things for yourself again",
                      "the word 'reablement'"):
        assert flagged(f"We offer {explained}. Reablement is free.") == [], explained
    # a use before the explanation is still flagged
    assert flagged("Reablement is free. We offer reablement (help to get back on your feet).") == ["Reablement"]


#: Every message quoted in docs/wordlists.md, and a file that gives it.
ENTRY = "title: T\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: start\n"
DOC_MESSAGES = {
    "`uze` is not a key speakeasy knows in a wordlist entry. Did you mean `use`?": "unknown-key.yaml",
    "This wordlist entry has no `why`. Add `why:` with why the word is a problem, in plain words.":
        "missing-why.yaml",
    "`term` is empty. Write something after the colon.": "empty-term.yaml",
    "`why` should be text, but it is a list. Write the text on the same line as `why`, after the colon.":
        "wrong-type-list-for-text.yaml",
    "'Commence' is the same as the term, so it is not a plain alternative. Give a different, plainer word.":
        "own-alternative.yaml",
    "'Commence' is in this wordlist twice. The first is on line 4. Keep one entry. "
    "Move anything you need from this one into the first, then delete this one. "
    "If the two are for different parts of speech, say which in `as:` in both.":
        ENTRY + "    why: W.\n  - term: Commence\n    use: begin\n    why: W.\n",
    "This wordlist entry has `use` twice. The first is on line 5. Keep one of them.": "duplicate-key.yaml",
    "`agreed` should be a date like 2026-03-14, but it is the text 'March 2026'. "
    "Write the year, then the month, then the day, with '-' between them.": "bad-date.yaml",
    "`status` cannot be 'aproved'. Use agreed, proposed or retired. Did you mean 'agreed'?": "bad-status.yaml",
    "`level` cannot be 'warn'. Use suggestion, warning or error. Did you mean 'warning'?": "bad-level.yaml",
    "This line starts with a tab. Use spaces to indent, not tabs.": "tab-indent.yaml",
    "This line has no colon after `use`. Write it like this: use: start": "missing-colon.yaml",
    'This text starts with a quote mark but has no closing quote mark. Add " at the end of the text.':
        "unclosed-quote.yaml",
    "There is more text after the closing quote mark. "
    "Put the whole text in quotes, like this: why: \"'Commence' is formal.\"": ENTRY + "    why: 'Commence' is formal.\n",
    "This text has a colon and a space (': ') in it. "
    "Put the whole text in quotes, like this: why: \"Note: it is formal.\"": ENTRY + "    why: Note: it is formal.\n",
    "This list in square brackets [ ] has no closing ']'. Add ']' at the end of the list. "
    "Put items that have commas in quotes.": "unclosed-bracket.yaml",
    "This line starts further to the right than the line above it. "
    "Move `why:` to the left, to line up with the line above.": ENTRY + "     why: It is formal.\n",
    "speakeasy does not allow '!!python/object/apply:os.system'. It never runs code or builds objects from a file. "
    "Remove the part that starts with '!'. If the text starts with '!', put it in quotes.": "python-tag.yaml",
}


def test_the_messages_in_the_wordlist_guide_are_real(tmp_path: Path) -> None:
    section = GUIDES[1].read_text(encoding="utf-8").split("## What the messages mean", 1)[1].split("\n## ", 1)[0]
    quoted = [block.strip() for block in re.findall(r"^```text\n(.*?)^```$", section, re.S | re.M)]
    assert sorted(quoted) == sorted(DOC_MESSAGES)
    for number, (text, source) in enumerate(DOC_MESSAGES.items()):
        if source.endswith(".yaml"):
            path = BAD / "wordlists" / source
        else:
            path = tmp_path / f"{number}.yaml"
            path.write_text(source, encoding="utf-8")
        with pytest.raises(DataErrors) as exc:
            load_wordlist(path)
        got = [e.problem + (" " + e.hint if e.hint else "") for e in exc.value.errors]
        assert got == [text]


def test_the_example_output_in_the_wordlist_guide_is_real(cli, tmp_path: Path) -> None:
    """The example of `speakeasy validate` output is exactly what it prints."""
    shown = next(b for b in _blocks(GUIDES[1], "text") if b.startswith("speakeasy: error:"))
    (tmp_path / "wordlists").mkdir()
    (tmp_path / "wordlists" / "our-words.yaml").write_text(
        (BAD / "wordlists" / "unknown-key.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli("validate", "wordlists/our-words.yaml", cwd=tmp_path)
    assert code == 2
    assert err == shown


def test_the_example_output_in_the_pack_guide_is_real(cli, tmp_path: Path) -> None:
    shown = next(b for b in _blocks(GUIDES[0], "text") if b.startswith("speakeasy: error:"))
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "our-rules.yaml").write_text(
        (BAD / "packs" / "unknown-kind.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = cli("validate", "rules/our-rules.yaml", cwd=tmp_path)
    assert code == 2
    assert err.startswith(shown)
