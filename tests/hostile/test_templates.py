"""Hostile message templates in packs and settings (issue 16, S7).

A rule's `message` is a closed set of placeholders, each a plain `{name}`.
`{match:>400000000}` made a 400 MB report and took 2.5 GB; `{match.nope}`
exited 3; `speakeasy validate` said "All good" to both.  Now each is refused
when the pack loads (exit code 2, one error line that names the placeholder,
the ones allowed, the file and the line), and the renderer never formats more
than `{name}` whatever it is given.  Each case is built here, in the test.
"""

from __future__ import annotations

from _peak import run_measured  # noqa: E402  (tests/hostile/_peak.py: a child run, its time and its own memory)

import os
import time
from pathlib import Path

import pytest

from speakeasy.kinds import document, pdf, web
from speakeasy.registry import builtin_registry
from speakeasy.packs import builtin_pack_paths, load_pack
from speakeasy.schema import DataErrors
from speakeasy.templates import fill, placeholder_names, template_problem

#: What a refused pack may take, start-up included.
SECONDS = 20
#: Peak memory of one run, in MB.
PEAK_MB = 400


def pack(message: str, kind: str = "existence", extra: str = "    phrases: [kindly]\n") -> str:
    quoted = "'" + message.replace("'", "''") + "'"
    return (
        "id: hostile\n"
        "title: Hostile messages\n"
        "version: 1.0.0\n"
        "description: Messages that must not do more than fill in placeholders.\n"
        "licence: CC0-1.0\n"
        "rules:\n"
        "  - id: message\n"
        f"    kind: {kind}\n"
        "    level: warning\n"
        f"{extra}"
        f"    message: {quoted}\n"
        "    summary: Flags a word.\n"
        "    why: To test speakeasy.\n"
        "    example:\n"
        "      bad: kindly call\n"
        "      good: please call\n"
    )


def run(args: list[str], cwd: Path, limit: float = SECONDS) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MB) of `python -m speakeasy ARGS`, killed after ``limit`` s.

    Output goes to files, not pipes, and is read back only up to 1 MB.
    """
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    r = run_measured(args, cwd, env, limit, read_limit=1_000_000)
    size = (cwd / ".out").stat().st_size + (cwd / ".err").stat().st_size
    assert size < 1_000_000, f"speakeasy wrote {size:,} bytes"
    return r.code, r.out, r.err, r.seconds, r.peak_mb


def one_error(err: str) -> str:
    assert "Traceback" not in err and "internal error" not in err, err[:2000]
    lines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert len(lines) == 1, err[:2000]
    return lines[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "doc.md").write_text("Kindly call us.\n", encoding="utf-8")
    return tmp_path


# -- the two cases in the issue, through the command line ---------------------------------------------

ISSUE = [
    pytest.param("{match:>400000000}",
                 "This message has '{match:>400000000}': a placeholder cannot have ':' and a format after its name. "
                 "Write {match} alone. The placeholders this rule can use are {match}.", id="format-spec"),
    pytest.param("Avoid {match.nope}.",
                 "This message has '{match.nope}': a placeholder cannot have '.' or '[' after its name. "
                 "Write {match} alone. The placeholders this rule can use are {match}.", id="attribute"),
]


@pytest.mark.parametrize(("message", "text"), ISSUE)
@pytest.mark.parametrize("command", ["validate", "check"])
def test_refused_with_exit_2_and_one_line(repo: Path, command: str, message: str, text: str) -> None:
    (repo / "pack.yaml").write_text(pack(message), encoding="utf-8")
    args = ["validate", "pack.yaml"] if command == "validate" else [
        "check", "--no-config", "--pack", "pack.yaml", "doc.md"]
    code, out, err, seconds, peak = run(args, repo)
    assert code == 2, err[:2000]
    assert one_error(err) == f"speakeasy: error: pack.yaml:11:14: {text}"
    assert "All good" not in out
    assert seconds < SECONDS and peak < PEAK_MB


@pytest.mark.parametrize(("message", "text"), ISSUE)
def test_refused_in_a_repository_config(repo: Path, message: str, text: str) -> None:
    """A repository's settings that change a shipped rule's message are checked the same way."""
    (repo / ".speakeasy.yaml").write_text(
        f"rules:\n  plain-english.wordy-phrases:\n    message: '{message}'\n", encoding="utf-8")
    for args in (["validate"], ["check", "doc.md"]):
        code, out, err, seconds, peak = run(args, repo)
        assert code == 2, err[:2000]
        problem, _, hint = text.partition(" Write")
        assert one_error(err) == (f"speakeasy: error: .speakeasy.yaml:3:5: {problem[:-1]} "
                                  f"(in the change to 'plain-english.wordy-phrases'). Write{hint}")
        assert seconds < SECONDS and peak < PEAK_MB


# -- every other way out of `{name}` ------------------------------------------------------------------

CASES = [
    ("{match!r}", "This message has '{match!r}': a placeholder cannot have '!' after its name. "
                  "Write {match} alone. The placeholders this rule can use are {match}."),
    ("{match[0]}", "This message has '{match[0]}': a placeholder cannot have '.' or '[' after its name. "
                   "Write {match} alone. The placeholders this rule can use are {match}."),
    ("{match.__class__.__init__.__globals__}",
     "This message has '{match.__class__.__init__.__globals__}': a placeholder cannot have '.' or '[' "
     "after its name. Write {match} alone. The placeholders this rule can use are {match}."),
    ("{matc}", "This message has '{matc}', which is not a placeholder this rule fills in. Did you mean {match}? "
               "The placeholders this rule can use are {match}."),
    ("Use {use}.", "This message has '{use}', which is not a placeholder this rule fills in. "
                   "The placeholders this rule can use are {match}."),
    ("{}", "This message has '{}', which has no name in it. Write a placeholder's name in the braces, like "
           "{match}. The placeholders this rule can use are {match}."),
    ("{0}", "This message has '{0}': a placeholder is a name, not a number. "
            "The placeholders this rule can use are {match}."),
    ("{ match }", "This message has '{ match }', with spaces inside the braces. Write it without spaces: {match}."),
    ("Avoid {match", "This message has a '{' with no '}' after it. To show a brace in the message, write it "
                     "twice: '{{'. The placeholders this rule can use are {match}."),
    ("Avoid match}", "This message has a '}' with no '{' before it. To show a brace in the message, write it "
                     "twice: '}}'. The placeholders this rule can use are {match}."),
    ("{match:{match}}", "This message has '{match:{match}}': a placeholder cannot have ':' and a format after "
                        "its name. Write {match} alone. The placeholders this rule can use are {match}."),
]


@pytest.mark.parametrize(("message", "text"), CASES, ids=[c[0] for c in CASES])
def test_refused_when_the_pack_loads(tmp_path: Path, message: str, text: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(pack(message), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_pack(path)
    [e] = exc.value.errors
    assert (e.line, e.column) == (11, 14)
    assert f"{e.problem} {e.hint}" == text


def test_the_placeholders_are_those_of_the_kind(tmp_path: Path) -> None:
    """{use} is a substitution rule's; a readability rule has {label}, but no {match}."""
    path = tmp_path / "pack.yaml"
    path.write_text(pack("Use {use} for '{match}' ({term}: {why}, {credit}).", "substitution",
                         "    wordlists: [plain-english]\n"), encoding="utf-8")
    load_pack(path)
    path.write_text(pack("{label} is {value}.", "readability", "    thresholds: {warning: 50}\n"), encoding="utf-8")
    load_pack(path)
    path.write_text(pack("'{match}' is hard.", "readability", "    thresholds: {warning: 50}\n"), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_pack(path)
    assert exc.value.errors[0].problem == "This message has '{match}', which is not a placeholder this rule fills in."
    assert exc.value.errors[0].hint == (
        "The placeholders this rule can use are {label}, {value}, {threshold}, {direction}, {hardest}, {reasons} "
        "and {metric}.")


def test_a_check_with_no_placeholders_says_so(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(pack("No alt text: {name}.", "web-feature", "    check: image-alt\n"), encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        load_pack(path)
    assert exc.value.errors[0].hint == "This rule has no placeholders: write the message without { }."


def test_braces_written_twice_are_fine() -> None:
    assert template_problem("Avoid '{match}' {{like this}}.", ["match"]) is None
    assert fill("Avoid '{match}' {{like this}}.", {"match": "x"}) == "Avoid 'x' {like this}."


# -- the renderer never does more than fill in {name} ---------------------------------------------------


@pytest.mark.parametrize("template", ["{match:>400000000}", "{match.nope}", "{match[0]}", "{match!r}",
                                      "{match.__class__}", "{0}", "{}", "{match"])
def test_the_renderer_leaves_anything_else_as_written(template: str) -> None:
    """Even a template that was never checked (set by a plugin's code) cannot pad, look up or crash."""
    from speakeasy.kinds.existence import Existence
    from speakeasy.packs import Rule

    rule = Rule(id="x.y", pack="x", kind="existence", level=None, summary="", why="",  # type: ignore[arg-type]
                example_bad="", example_good="", message=template, options={"phrases": ["kindly"]})
    kind = Existence(rule)
    start = time.monotonic()
    assert kind.render(match="kindly") == template
    assert time.monotonic() - start < 1


# -- what speakeasy ships passes its own check ----------------------------------------------------------


def test_every_shipped_message_passes() -> None:
    rules = [rule for path in builtin_pack_paths() for rule in load_pack(path).rules]
    assert sum(1 for rule in rules if rule.message) >= 4


#: The message keys of each check, where they differ from the check's name.
_CHECK_OF = {"heading-levels-first": "heading-levels", "capitals-format": "capitals", "link-text-url": "link-text",
             "scanned-pages": "scanned"}


@pytest.mark.parametrize("module", [document, web, pdf], ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_each_checks_own_messages_use_only_its_placeholders(module) -> None:
    for key, message in module.MESSAGES.items():
        check = _CHECK_OF.get(key, key)
        assert set(placeholder_names(message)) <= set(module.PLACEHOLDERS[check]), key


def test_every_kinds_default_message_uses_only_its_placeholders() -> None:
    for name, kind in builtin_registry().items():
        if kind.name in ("document-feature", "web-feature", "pdf-feature"):
            continue  # each check has its own messages (above)
        assert template_problem(kind.default_message, kind.message_placeholders({})) is None, name


def test_the_rule_packs_guide_lists_each_kinds_placeholders() -> None:
    """docs/rule-packs.md, 'Placeholders in messages', says what the code allows, kind by kind."""
    root = Path(__file__).resolve().parents[2]
    text = (root / "docs" / "rule-packs.md").read_text(encoding="utf-8")
    section = text.split("## Placeholders in messages", 1)[1].split("\n## ", 1)[0]
    bullets = [" ".join(b.split()) for b in section.split("\n- ")[1:]]
    features = {"document-feature": document, "web-feature": web, "pdf-feature": pdf}
    for name, kind in builtin_registry().items():
        [bullet] = [b for b in bullets if f"`{name}`" in b.split(":", 1)[0]]
        if name in features:
            names = {n for names in features[name].PLACEHOLDERS.values() for n in names}
        else:
            names = set(kind.message_placeholders({}))
        listed = set(placeholder_names(bullet.split(":", 1)[1]))
        assert listed == names, name
