"""Every case in tests/rule_cases/<rule id>.yaml, run by one test (like sqlfluff's std_rule_cases).

A case is a short document and what one rule must flag in it: the words, in
order, and where it matters their suggestions, level, safe fix or message.
The file format is described for forum members in tests/rule_cases/README.md.

Each case is checked with the public API, ``speakeasy.check_text``, with the
default configuration plus the case's settings, so a case sees what a user
would see (every other rule runs too, and only the file's rule is compared).

Rules that only look at binary documents (Word, OpenDocument, PDF) cannot be
written as a text case: :data:`BINARY_ONLY` names the test file that covers
each of them.  Every built-in rule has a case file or is in that list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from speakeasy import Settings, check_text
from speakeasy.hints import closest, did_you_mean
from speakeasy.model import Finding

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "rule_cases"

#: format -> the file name the text is checked as
FORMATS = {"markdown": "case.md", "text": "case.txt", "html": "case.html"}
FILE_KEYS = ("rule", "settings", "cases")
CASE_KEYS = ("name", "text", "format", "settings", "flags")
FLAG_KEYS = ("words", "starts_with", "suggestions", "level", "fix", "message")
LEVELS = ("suggestion", "warning", "error")
#: the settings check_text takes
SETTINGS = tuple(Settings.names())

#: Rules that look only at what Word, OpenDocument, PDF and slide files have (images, tables,
#: styles, text size, tags): a Markdown, text or HTML case cannot show them.  Each names
#: the test file that covers it instead.
BINARY_ONLY = {
    "accessibility.image-alt-text": "tests/test_accessibility.py",
    "accessibility.table-header": "tests/test_accessibility.py",
    "accessibility.heading-levels": "tests/test_accessibility.py",
    "accessibility.empty-heading": "tests/test_accessibility.py",
    "accessibility.link-text": "tests/test_accessibility.py",
    "accessibility.capitals": "tests/test_accessibility.py",
    "accessibility.italics": "tests/test_accessibility.py",
    "accessibility.underline": "tests/test_accessibility.py",
    "accessibility.text-size": "tests/test_accessibility.py",
    "accessibility.justified": "tests/test_accessibility.py",
    "pdf-accessibility.scanned": "tests/test_reader_pdf.py",
    "pdf-accessibility.tagged": "tests/test_reader_pdf.py",
    "pdf-accessibility.title": "tests/test_reader_pdf.py",
    "pdf-accessibility.language": "tests/test_reader_pdf.py",
    "pdf-accessibility.image-alt": "tests/test_reader_pdf.py",
    "slides-accessibility.image-alt-text": "tests/test_slides_accessibility.py",
    "slides-accessibility.slide-title": "tests/test_slides_accessibility.py",
    "slides-accessibility.reading-order": "tests/test_slides_accessibility.py",
    "slides-accessibility.table-header": "tests/test_slides_accessibility.py",
    "slides-accessibility.link-text": "tests/test_slides_accessibility.py",
}

#: The fewest cases a file may have, and it must have both kinds.
MIN_CASES = 4


# ---------------------------------------------------------------------------
# loading


@dataclass
class Case:
    path: Path
    rule: str
    name: str
    line: int
    text: str = ""
    format: str = "markdown"
    settings: dict[str, Any] = field(default_factory=dict)
    flags: list[dict[str, Any]] = field(default_factory=list)
    #: what is wrong with how the case is written (the test fails with these)
    problems: list[str] = field(default_factory=list)
    #: the file's name as shown in messages
    shown: str = ""

    @property
    def where(self) -> str:
        return f"{self.shown}:{self.line}, case '{self.name}'"


def _unknown(key: str, allowed: tuple[str, ...], what: str) -> str:
    hint = did_you_mean(closest(key, allowed), quote="`")
    listed = ", ".join(f"`{k}`" for k in allowed)
    return f"{what} has `{key}`, which is not one of {listed}." + (f" {hint}" if hint else "")


def _flag(item: Any, number: int, written: str) -> tuple[dict[str, Any], list[str]]:
    """One entry of ``flags``: the words alone, or a mapping of details (``written``: as typed)."""
    where = f"flag {number}"
    if isinstance(item, (int, float, bool)) or item is None:
        return {}, [f"{where} is read as {item!r}, not as words. Put it in quotes, like \"{written}\"."]
    if isinstance(item, str):
        return {"words": item}, []
    if not isinstance(item, dict):
        return {}, [f"{where} should be the words flagged, or details under `words:`."]
    problems = [_unknown(str(k), FLAG_KEYS, where) for k in item if k not in FLAG_KEYS]
    if ("words" in item) == ("starts_with" in item):
        problems.append(f"{where} needs `words` or `starts_with` (one of them).")
    for key in ("words", "starts_with", "message"):
        if key in item and not isinstance(item[key], str):
            problems.append(f"{where}: `{key}` should be words in quotes, not {item[key]!r}.")
    if "suggestions" in item and not (isinstance(item["suggestions"], list)
                                      and all(isinstance(s, str) for s in item["suggestions"])):
        problems.append(f"{where}: `suggestions` should be a list of words, like [start, begin].")
    if "level" in item and item["level"] not in LEVELS:
        problems.append(f"{where}: `level` is {item['level']!r}; it should be one of {', '.join(LEVELS)}.")
    if "fix" in item and not (item["fix"] is False or isinstance(item["fix"], str)):
        problems.append(f"{where}: `fix` should be the words put in, or false for no fix.")
    return item, problems


def _settings(value: Any, where: str) -> tuple[dict[str, Any], list[str]]:
    if value is None:
        return {}, []
    if not isinstance(value, dict):
        return {}, [f"{where}: `settings` should be settings like `keep: [commence]`, not {value!r}."]
    return dict(value), [_unknown(str(k), SETTINGS, f"{where}: `settings`") for k in value if k not in SETTINGS]


def _value(mapping: Any, key: str) -> Any:
    """The node under ``key`` in a composed YAML mapping, or None."""
    return next((v for k, v in getattr(mapping, "value", []) if getattr(k, "value", None) == key), None)


def load_file(path: Path, root: Path = ROOT) -> list[Case]:
    """The cases of one file; a file that cannot be read gives one case holding the problem."""
    shown = path.relative_to(root).as_posix()

    def broken(problem: str, line: int = 1) -> list[Case]:
        return [Case(path, path.stem, "(the whole file)", line, problems=[problem], shown=shown)]

    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return broken(f"{shown} is not valid YAML: {exc}")
    if not isinstance(data, dict):
        return broken(f"{shown} should start with `rule:` and have `cases:`.")
    file_problems = [_unknown(str(k), FILE_KEYS, str(shown)) for k in data if k not in FILE_KEYS]
    if data.get("rule") != path.stem:
        file_problems.append(f"{shown} says `rule: {data.get('rule')}`; the file's name says {path.stem}.")
    common, problems = _settings(data.get("settings"), str(shown))
    file_problems += problems
    items = data.get("cases")
    if not isinstance(items, list) or not items:
        return broken(" ".join(file_problems + [f"{shown} has no `cases:` list."]))
    if file_problems:
        return broken(" ".join(file_problems))
    case_nodes = _value(node, "cases").value

    cases: list[Case] = []
    seen: set[str] = set()
    for number, (item, item_node) in enumerate(zip(items, case_nodes), 1):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            cases.append(Case(path, path.stem, f"case {number}", line, shown=shown,
                              problems=[f"{shown}:{line}: case {number} should have `name`, `text` and `flags`."]))
            continue
        # the name as written: YAML reads a name like `off` or `yes` as true or false
        name = getattr(_value(item_node, "name"), "value", None)
        name = name if isinstance(name, str) and name else f"case {number}"
        case = Case(path, path.stem, name, line, shown=shown)
        where = case.where
        case.problems += [_unknown(str(k), CASE_KEYS, where) for k in item if k not in CASE_KEYS]
        for key in ("name", "text", "flags"):
            if key not in item:
                case.problems.append(f"{where} has no `{key}`.")
        if name in seen:
            case.problems.append(f"{where}: another case in this file has the same name.")
        seen.add(name)
        if not isinstance(item.get("text", ""), str):
            case.problems.append(f"{where}: `text` should be words, not {item['text']!r}. Put it in quotes.")
        case.text = str(item.get("text", ""))
        case.format = item.get("format", "markdown")
        if not isinstance(case.format, str) or case.format not in FORMATS:
            case.problems.append(f"{where}: `format` is {case.format!r}; it should be one of {', '.join(FORMATS)}.")
        own, problems = _settings(item.get("settings"), where)
        case.problems += problems
        case.settings = {**common, **own}
        flags = item.get("flags", [])
        if not isinstance(flags, list):
            case.problems.append(f"{where}: `flags` should be a list, like [commence], or [] for nothing.")
            flags = []
        flag_nodes = getattr(_value(item_node, "flags"), "value", [])
        for n, flag in enumerate(flags, 1):
            written = getattr(flag_nodes[n - 1], "value", "") if n <= len(flag_nodes) else ""
            parsed, problems = _flag(flag, n, written if isinstance(written, str) else "")
            case.flags.append(parsed)
            case.problems += [f"{where}: {p}" for p in problems]
        cases.append(case)
    return cases


def all_cases() -> list[Case]:
    return [case for path in sorted(CASES.glob("*.yaml")) for case in load_file(path)]


ALL_CASES = all_cases()


# ---------------------------------------------------------------------------
# running


def _same(text: str) -> str:
    """Line breaks and runs of spaces count as one space."""
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=None)
def _rule_is_on(rule: str, settings: Settings) -> bool:
    """Is ``rule`` on with these settings (as check_text builds its rule set)?"""
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    found = build_ruleset(resolve(settings.as_config(), no_config=True)).get(rule)
    return found is not None and found.enabled


def _shown(findings: list[Finding]) -> str:
    return "[" + ", ".join(repr(_same(f.match)) for f in findings) + "]" if findings else "nothing"


def _expected(flags: list[dict[str, Any]]) -> str:
    if not flags:
        return "nothing"
    return "[" + ", ".join(repr(f["words"]) if "words" in f else f"(starting) {f['starts_with']!r}"
                           for f in flags) + "]"


def _differences(flag: dict[str, Any], found: Finding) -> list[str]:
    out = []
    if "suggestions" in flag and list(found.suggestions) != flag["suggestions"]:
        out.append(f"suggestions: expected {flag['suggestions']}, found {list(found.suggestions)}")
    if "level" in flag and str(found.level) != flag["level"]:
        out.append(f"level: expected {flag['level']}, found {found.level}")
    if "fix" in flag:
        safe = found.edit.replacement if found.edit is not None and found.edit.safe else False
        if safe != flag["fix"]:
            shown = "no safe fix" if safe is False else repr(safe)
            wanted = "no safe fix" if flag["fix"] is False else repr(flag["fix"])
            out.append(f"fix: expected {wanted}, found {shown}")
    if "message" in flag and _same(flag["message"]) not in _same(found.message):
        out.append(f"message: expected it to contain {flag['message']!r}, found {found.message!r}")
    return out


def _matches(flag: dict[str, Any], found: Finding) -> bool:
    if "words" in flag:
        return _same(found.match) == _same(flag["words"])
    return _same(found.match).startswith(_same(flag["starts_with"]))


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: f"{c.rule}: {c.name}")
def test_rule_case(case: Case) -> None:
    if case.problems:
        pytest.fail("This case is not written the right way (see tests/rule_cases/README.md):\n  "
                    + "\n  ".join(case.problems), pytrace=False)
    try:
        settings = Settings(**case.settings)
    except TypeError as exc:
        pytest.fail(f"{case.where}: {exc}", pytrace=False)
    if not _rule_is_on(case.rule, settings):
        pytest.fail(f"{case.where}: the rule {case.rule} is off with these settings ({case.settings}), "
                    f"so the case shows nothing. Switch it on, like `enable: [{case.rule}]`.", pytrace=False)
    result = check_text(case.text, path=FORMATS[case.format], format=case.format, settings=settings)
    found = sorted((f for f in result.findings if f.rule == case.rule), key=lambda f: (f.start, f.end))
    if len(found) != len(case.flags) or not all(_matches(w, f) for w, f in zip(case.flags, found)):
        pytest.fail(f"{case.where}:\n  expected {case.rule} to flag: {_expected(case.flags)}\n"
                    f"  it flagged: {_shown(found)}", pytrace=False)
    wrong = [f"flag {n} ({_same(f.match)!r}): {d}"
             for n, (w, f) in enumerate(zip(case.flags, found), 1) for d in _differences(w, f)]
    if wrong:
        pytest.fail(f"{case.where}:\n  " + "\n  ".join(wrong), pytrace=False)


# ---------------------------------------------------------------------------
# every rule has cases


def _builtin_rules() -> list[str]:
    from speakeasy.packs import builtin_pack_paths, load_pack

    return [rule.id for path in builtin_pack_paths() for rule in load_pack(path).rules]


def test_every_builtin_rule_has_cases_or_is_covered_elsewhere() -> None:
    files = {p.stem for p in CASES.glob("*.yaml")}
    rules = _builtin_rules()
    missing = [r for r in rules if r not in files and r not in BINARY_ONLY]
    assert not missing, (
        f"These rules have no cases: {', '.join(missing)}. Add tests/rule_cases/<rule>.yaml for each "
        f"(see tests/rule_cases/README.md), or, if the rule can only be shown in a Word, OpenDocument or PDF "
        f"file, add it to BINARY_ONLY in {Path(__file__).name} with the test file that covers it.")
    strays = sorted(files - set(rules))
    assert not strays, f"These case files are not named after a built-in rule: {', '.join(strays)}."
    both = sorted(files & set(BINARY_ONLY))
    assert not both, f"These rules have case files, so take them out of BINARY_ONLY: {', '.join(both)}."


@pytest.mark.parametrize("rule", sorted(BINARY_ONLY))
def test_a_rule_without_cases_is_covered_by_its_test_file(rule: str) -> None:
    path = ROOT / BINARY_ONLY[rule]
    assert rule in _builtin_rules(), f"{rule} is in BINARY_ONLY but is not a built-in rule any more."
    assert path.is_file(), f"{rule}: {BINARY_ONLY[rule]}, the test file said to cover it, is not there."
    text = path.read_text(encoding="utf-8")
    check = rule.split(".", 1)[1]
    assert rule in text or f'"{check}"' in text, f"{rule}: {BINARY_ONLY[rule]} never names it ({rule} or \"{check}\")."


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_file_has_enough_cases_of_both_kinds(path: Path) -> None:
    cases = load_file(path)
    assert cases[0].name != "(the whole file)", cases[0].problems[0]
    flagging = [c for c in cases if c.flags]
    clean = [c for c in cases if not c.flags and not c.problems]
    assert len(cases) >= MIN_CASES, f"{path.name} has {len(cases)} cases; write at least {MIN_CASES}."
    assert flagging, f"{path.name} has no case where the rule flags something."
    assert clean, f"{path.name} has no case where the rule must flag nothing (`flags: []`)."


def test_the_loader_explains_a_badly_written_case(tmp_path: Path) -> None:
    folder = tmp_path / "tests" / "rule_cases"
    folder.mkdir(parents=True)
    path = folder / "plain-english.words.yaml"
    path.write_text(
        "rule: plain-english.words\n"
        "cases:\n"
        "  - name: one\n"
        "    text: We will commence.\n"
        "    flag: [commence]\n"
        "  - name: two\n"
        "    text: We will commence.\n"
        "    format: word\n"
        "    settings: {kepe: [commence]}\n"
        "    flags: [no, {words: commence, levle: warning}]\n",
        encoding="utf-8")
    one, two = load_file(path, root=tmp_path)
    where = "tests/rule_cases/plain-english.words.yaml:3, case 'one'"
    assert one.problems == [
        f"{where} has `flag`, which is not one of `name`, `text`, `format`, `settings`, `flags`. Did you mean `flags`?",
        f"{where} has no `flags`.",
    ]
    where = "tests/rule_cases/plain-english.words.yaml:6, case 'two'"
    assert two.problems == [
        f"{where}: `format` is 'word'; it should be one of markdown, text, html.",
        f"{where}: `settings` has `kepe`, which is not one of " + ", ".join(f"`{k}`" for k in SETTINGS)
        + ". Did you mean `keep`?",
        f"{where}: flag 1 is read as False, not as words. Put it in quotes, like \"no\".",
        f"{where}: flag 2 has `levle`, which is not one of `words`, `starts_with`, `suggestions`, `level`, `fix`, "
        "`message`. Did you mean `level`?",
    ]


def test_a_case_for_a_rule_that_is_off_fails(tmp_path: Path) -> None:
    folder = tmp_path / "tests" / "rule_cases"
    folder.mkdir(parents=True)
    path = folder / "plain-english.mild-words.yaml"
    path.write_text("rule: plain-english.mild-words\ncases:\n  - name: off\n    text: The centre is currently closed.\n"
                    "    flags: []\n", encoding="utf-8")
    (case,) = load_file(path, root=tmp_path)
    with pytest.raises(pytest.fail.Exception) as failed:
        test_rule_case(case)
    assert str(failed.value) == (
        "tests/rule_cases/plain-english.mild-words.yaml:3, case 'off': the rule plain-english.mild-words is off with "
        "these settings ({}), so the case shows nothing. Switch it on, like `enable: [plain-english.mild-words]`.")


def test_a_wrong_case_fails_and_says_what_it_expected_and_found(tmp_path: Path) -> None:
    folder = tmp_path / "tests" / "rule_cases"
    folder.mkdir(parents=True)
    path = folder / "plain-english.words.yaml"
    path.write_text(
        "rule: plain-english.words\n"
        "cases:\n"
        "  - name: wrong words\n"
        "    text: We will commence and utilise.\n"
        "    flags: [commence]\n"
        "  - name: wrong details\n"
        "    text: We will utilise it.\n"
        "    flags: [{words: utilise, suggestions: [employ], fix: false, level: error}]\n",
        encoding="utf-8")
    words, details = load_file(path, root=tmp_path)
    with pytest.raises(pytest.fail.Exception) as failed:
        test_rule_case(words)
    assert str(failed.value) == (
        "tests/rule_cases/plain-english.words.yaml:3, case 'wrong words':\n"
        "  expected plain-english.words to flag: ['commence']\n"
        "  it flagged: ['commence', 'utilise']")
    with pytest.raises(pytest.fail.Exception) as failed:
        test_rule_case(details)
    assert str(failed.value) == (
        "tests/rule_cases/plain-english.words.yaml:6, case 'wrong details':\n"
        "  flag 1 ('utilise'): suggestions: expected ['employ'], found ['use']\n"
        "  flag 1 ('utilise'): level: expected error, found warning\n"
        "  flag 1 ('utilise'): fix: expected no safe fix, found 'use'")
