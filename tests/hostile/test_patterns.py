"""Hostile patterns in packs and settings (issue 16, S6): never hang, never a traceback.

Each case is built here, in the test.  A pattern that takes for ever on some
text must stop within a time bound, with exit code 2 and one error line that
quotes it; a pattern that cannot be compiled safely must be refused when the
pack loads (and by `speakeasy validate`), quoting the pattern.  The commands
run in a separate process, so that a hang is a failure, not a stuck test run;
each measures its time and its peak memory.
"""

from __future__ import annotations

from _peak import run_measured  # noqa: E402  (tests/hostile/_peak.py: a child run, its time and its own memory)

import os
import time
from pathlib import Path

import pytest

from speakeasy.packs import load_pack
from speakeasy.patterns import MAX_COUNT, MAX_DEPTH, MAX_LENGTH, MAX_SIZE, TIME_LIMIT, pattern_problem
from speakeasy.schema import DataErrors

#: What `speakeasy check` may take: start-up (spaCy, about 2 s here, more on a busy machine) and the time limit.
CHECK_SECONDS = 30 + TIME_LIMIT
#: What loading a pack and refusing it may take.
LOAD_SECONDS = 20
#: Peak memory of one run, in MB (a normal check of a small file takes about 250 MB).
PEAK_MB = 700

SLOW_TEXT = "a" * 40 + "b\n"


def pack(patterns: list[str]) -> str:
    items = "".join(f"      - '{p}'\n" for p in patterns)
    return (
        "id: hostile\n"
        "title: Hostile patterns\n"
        "version: 1.0.0\n"
        "description: Patterns that must not hang speakeasy.\n"
        "licence: CC0-1.0\n"
        "rules:\n"
        "  - id: pattern\n"
        "    kind: existence\n"
        "    level: warning\n"
        "    patterns:\n"
        f"{items}"
        "    summary: Flags a pattern.\n"
        "    why: To test speakeasy.\n"
        "    example:\n"
        "      bad: kindly call\n"
        "      good: please call\n"
    )


def run(args: list[str], cwd: Path, limit: float) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MB) of `python -m speakeasy ARGS`, killed after ``limit`` s."""
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    r = run_measured(args, cwd, env, limit, errors="strict")
    return r.code, r.out, r.err, r.seconds, r.peak_mb


def one_error(err: str) -> str:
    """The one `speakeasy: error:` line, checking there is exactly one and no traceback."""
    assert "Traceback" not in err and "internal error" not in err, err[:2000]
    lines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert len(lines) == 1, err[:2000]
    return lines[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "doc.md").write_text(SLOW_TEXT, encoding="utf-8")
    return tmp_path


# -- patterns that take for ever on some text -------------------------------------------------------


def test_nested_repeat_in_a_pack_does_not_hang(repo: Path) -> None:
    """`(a+)+$` on 'a'*40+'b' never finished; now it finishes (the regex module is quick on this one)."""
    (repo / "pack.yaml").write_text(pack(["(a+)+$"]), encoding="utf-8")
    code, out, err, seconds, peak = run(["check", "--no-config", "--pack", "pack.yaml", "doc.md"], repo,
                                        CHECK_SECONDS)
    assert "Traceback" not in err
    # A clean result, or stopped by the time limit: either way, never a hang.
    if code == 2:
        assert "'(a+)+$'" in one_error(err)
    else:
        assert code == 0, err
    assert seconds < CHECK_SECONDS and peak < PEAK_MB


@pytest.mark.parametrize("pattern", ["(a|a)*$", "(a|aa)+$", "(?:a|a)*c|(?:a|a)*!"])
def test_a_pattern_that_runs_out_of_time_stops_the_run(repo: Path, pattern: str) -> None:
    """No check of a pattern's shape catches these; the time limit does."""
    assert pattern_problem(pattern) is None  # it loads: it is the text that makes it slow
    (repo / "pack.yaml").write_text(pack([pattern]), encoding="utf-8")
    code, out, err, seconds, peak = run(["check", "--no-config", "--pack", "pack.yaml", "doc.md"], repo,
                                        CHECK_SECONDS)
    assert code == 2, err
    line = one_error(err)
    assert line.startswith("speakeasy: error: pack.yaml:7: ")
    assert f"The pattern '{pattern}' in the rule 'hostile.pattern' took more than {TIME_LIMIT:g} seconds " \
           "on doc.md, so speakeasy stopped." in line
    assert out == ""
    assert seconds < CHECK_SECONDS and peak < PEAK_MB


def test_a_repository_config_that_changes_a_shipped_rule_cannot_hang_it(repo: Path) -> None:
    """The pattern comes from the repository being checked: the error names its settings file."""
    (repo / ".speakeasy.yaml").write_text(
        "rules:\n  plain-english.wordy-phrases:\n    patterns: ['(a|a)*$']\n", encoding="utf-8")
    code, out, err, seconds, peak = run(["check", "doc.md"], repo, CHECK_SECONDS)
    assert code == 2, err
    line = one_error(err)
    assert line.startswith("speakeasy: error: .speakeasy.yaml:3: The pattern '(a|a)*$' in the rule "
                           "'plain-english.wordy-phrases' took more than")
    assert seconds < CHECK_SECONDS and peak < PEAK_MB


# -- patterns that cannot be compiled safely: refused when the pack loads ---------------------------

COUNT = f"a number in {{ }} is over {MAX_COUNT:,}"
SIZE = f"counting every repeat, it is over {MAX_SIZE:,} characters long"
DEPTH = f"it has more than {MAX_DEPTH} brackets inside each other"

REFUSED = [
    # re: OverflowError; the regex module would write the 'a' out 4 billion times
    pytest.param("a{4294967296}", COUNT, id="count-overflow"),
    pytest.param("a{0,4294967295}", COUNT, id="count-max"),
    pytest.param("a{10001}", COUNT, id="count-too-big"),
    # the regex module writes out the repeats when it compiles: 10^9 'a's, which no time limit stops
    pytest.param("(?:(?:a{1000}){1000}){1000}", SIZE, id="counts-multiply"),
    pytest.param("(?:a{100}){1001}", SIZE, id="counts-multiply-just-over"),
    # re: RecursionError
    pytest.param("(" * 3000 + "a" + ")" * 3000, DEPTH, id="3000-nested-groups"),
    pytest.param("(?:" * 3000 + "a" + ")" * 3000, DEPTH, id="3000-nested-non-capturing-groups"),
    # compiling takes about a second for 200,000 characters
    pytest.param("x" * 200_000, f"it is over {MAX_LENGTH:,} characters long", id="200000-characters"),
    # what the regex module reads differently from Python's own re: refused, not silently changed
    pytest.param("(?:kindly){e<=1}", "'{' starts fuzzy matching, which speakeasy does not do (at character 11)",
                 id="fuzzy"),
    pytest.param("[[:upper:]]{4,}", "'[:' in [ ] starts a class like [[:alpha:]], which speakeasy does not read "
                 "(at character 2)", id="posix-class"),
]


@pytest.mark.parametrize(("pattern", "problem"), REFUSED)
def test_refused_when_the_pack_loads(tmp_path: Path, pattern: str, problem: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(pack([pattern]), encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(DataErrors) as exc:
        load_pack(path)
    assert time.monotonic() - start < LOAD_SECONDS
    [e] = exc.value.errors
    assert (e.line, e.column) == (11, 9)
    quoted = pattern if len(pattern) <= 60 else pattern[:57] + "..."
    assert e.problem.startswith(f"The pattern '{quoted}'")
    assert f"in `patterns` does not work: {problem}" in e.problem


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize(("pattern", "problem"), [REFUSED[0], REFUSED[3], REFUSED[5]])
def test_refused_with_exit_2_and_one_line(repo: Path, command: str, pattern: str, problem: str) -> None:
    (repo / "pack.yaml").write_text(pack([pattern]), encoding="utf-8")
    args = ["validate", "pack.yaml"] if command == "validate" else [
        "check", "--no-config", "--pack", "pack.yaml", "doc.md"]
    code, out, err, seconds, peak = run(args, repo, LOAD_SECONDS)
    assert code == 2, err
    line = one_error(err)
    assert line.startswith("speakeasy: error: pack.yaml:11:9: The pattern '" + pattern[:20])
    assert problem in line
    assert "All good" not in out
    assert seconds < LOAD_SECONDS and peak < PEAK_MB


def test_refused_in_a_repository_config(repo: Path) -> None:
    (repo / ".speakeasy.yaml").write_text(
        "rules:\n  plain-english.wordy-phrases:\n    patterns: ['a{4294967296}']\n", encoding="utf-8")
    for args in (["validate"], ["check", "doc.md"]):
        code, out, err, seconds, peak = run(args, repo, LOAD_SECONDS)
        assert code == 2, err
        line = one_error(err)
        assert line.startswith("speakeasy: error: .speakeasy.yaml:3:5: The pattern 'a{4294967296}' in `patterns` "
                               f"does not work: {COUNT}. Use a smaller number")
        assert seconds < LOAD_SECONDS and peak < PEAK_MB


def test_the_limits_are_where_they_say() -> None:
    assert pattern_problem("a{%d}" % MAX_COUNT) is None
    assert pattern_problem("a{%d}" % (MAX_COUNT + 1)) == COUNT
    assert pattern_problem("a{%d,}" % MAX_COUNT) is None
    assert pattern_problem(r"\w{3,%d}" % MAX_COUNT) is None  # a range past the smallest count is not written out
    assert pattern_problem("(?:ab){%d}" % (MAX_SIZE // 2)) == COUNT
    assert pattern_problem("(?:a{100}){1000}") is None
    assert pattern_problem("(?:a{100}){1001}") == SIZE
    assert pattern_problem("(?:ab{100}){990}") is None
    assert pattern_problem("(?:ab{100}){991}") == SIZE
    deep = "(" * MAX_DEPTH + "a" + ")" * MAX_DEPTH
    assert pattern_problem(deep) is None
    assert pattern_problem("(" + deep + ")") == DEPTH
    assert pattern_problem(r"\(" * 500 + "[(]" * 500) is None  # brackets that are characters do not count
    assert pattern_problem("x" * MAX_LENGTH) is None
    assert pattern_problem("x" * (MAX_LENGTH + 1)) is not None
    # braces and colons that are only characters
    for pattern in (r"a\{e<=1}", "[{e}]", r"\[[:a]", "{match}", r"\{error}", "[[]x"):
        assert pattern_problem(pattern) is None, pattern
    # the regex module reads these as fuzzy matching; Python's re, as the text
    for pattern in ("{error}", "a{2i+1d<=3}", "(?:ab){ 1<=e<=2 }"):
        assert pattern_problem(pattern).startswith("'{' starts fuzzy matching"), pattern


# -- ordinary patterns keep working -----------------------------------------------------------------


ORDINARY = [r"\bkindly\b", r"\b[A-Z]{4,}\b", r"(?:please|kindly) (?:note|be advised)", r"\d{1,3}(?:,\d{3})+",
            r"(?<!not )\bfeel free\b", r"\b(\w+) \1\b", r"[\w.+-]+@[\w-]+\.[\w.]+", r"(?i:URGENT)"]


@pytest.mark.parametrize("pattern", ORDINARY)
def test_ordinary_patterns_load(pattern: str) -> None:
    assert pattern_problem(pattern) is None


def test_ordinary_patterns_find_what_they_found_before(tmp_path: Path) -> None:
    """The same findings as when the existence kind matched with Python's own `re`, ignoring case."""
    import re

    from speakeasy.config import resolve
    from speakeasy.engine import lint_text

    from speakeasy.ruleset import build_ruleset
    class WithRe:
        def __init__(self, pattern: str) -> None:
            self.compiled = re.compile(pattern, re.IGNORECASE)

        def spans(self, text: str, document: str = "") -> list[tuple[int, int]]:
            return [m.span() for m in self.compiled.finditer(text)]

    path = tmp_path / "pack.yaml"
    path.write_text(pack(ORDINARY), encoding="utf-8")
    text = ("Please note: KINDLY call us. We PLEASE be advised that 1,000,000 people feel free to email "
            "a.b@example.org, not feel free. The the form is URGENT. Ünïcode ÉCOLE straße STRASSE.\n")
    ruleset = build_ruleset(resolve({"packs": [str(path)]}, no_config=True, cwd=tmp_path))
    [kind] = [k for k in ruleset.kinds if k.rule.id == "hostile.pattern"]

    def found() -> list[tuple[int, int, str]]:
        return [(f.start, f.end, f.message) for f in lint_text(text, ruleset, "doc.md").findings
                if f.rule == "hostile.pattern"]

    now = found()
    kind.patterns = [WithRe(p) for p in ORDINARY]
    assert now == found()
    assert len(now) >= 10
