"""speakeasy.schema.check_value checks a Python value (a change to a rule) as a YAML file's value is checked.

Changes to rules used to be written out as YAML and read again to be checked; now the Python value is
checked as it is.  The old way is kept here as the oracle: for every value YAML can hold, both give the
same value and the same messages.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset
from speakeasy.schema import DataErrors, Field, Schema, Validator, check_value

_INNER = Schema("a thing", (Field("name", "text", "The name.", required=True),
                            Field("count", "int", "A count.", minimum=1)))
SPECS = [Field("x", t, "Doc.") for t in ("text", "texts", "text-or-texts", "bool", "int", "number", "date", "regex",
                                          "regexes", "any-mapping", "level")]
SPECS += [Field("x", "text", "Doc.", choices=("agreed", "proposed")), Field("x", "int", "Doc.", minimum=3),
          Field("x", "text-or-texts", "Doc.", required=True), Field("x", "text", "Doc.", required=True),
          Field("x", "mapping", "Doc.", schema=_INNER), Field("x", "mappings", "Doc.", schema=_INNER),
          Field("x", "alternatives", "Doc.", choices=("noun", "verb"))]

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates()
            | st.datetimes() | st.sampled_from(["warning", "agreed", "yes", "no", "2026-03-14", "2026-3-1", "a(", " ",
                                                "name", "count", "noun", "[x", "1.0", "1e17"]))
_KEYS = st.text(max_size=5) | st.integers() | st.booleans() | st.sampled_from(["name", "count", "noun", "verb", "nmae"])
VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
                      max_leaves=6)


def through_yaml(value: object, spec: Field) -> tuple[object, list[tuple[str, str | None]]]:
    """The old way: write the value as YAML, read it again, check the node."""
    v = Validator("", "")
    got = v.value(yaml.compose(yaml.safe_dump(value), Loader=yaml.SafeLoader), spec, "the rule")
    return got, [(e.problem, e.hint) for e in v.errors]


def _without_positions(x: object) -> object:
    if isinstance(x, dict):
        return {k: _without_positions(v) for k, v in x.items() if k not in ("__pos__", "__line__", "__column__")}
    if isinstance(x, list):
        return [_without_positions(i) for i in x]
    return x


def _same(a: object, b: object) -> bool:
    return a == b or (a != a and b != b)  # nan


@settings(max_examples=400, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
@given(VALUES, st.sampled_from(SPECS))
def test_the_same_as_through_yaml(value: object, spec: Field) -> None:
    old, old_problems = through_yaml(value, spec)
    new, problems = check_value(value, spec)
    assert problems == old_problems
    if not problems:
        assert repr(_without_positions(new)) == repr(_without_positions(old)) or _same(new, old)


@pytest.mark.parametrize(("value", "spec", "problem"), [
    (["a", "b"], Field("message", "text", "The message."),
     ("`message` should be text, but it is a list.", "Write the text on the same line as `message`, after the colon.")),
    ([], Field("message", "text", "The message."),
     ("`message` should be text, but it is a list.",
      "Square brackets [ ] make a list. Put the whole text in quotes instead.")),
    ("often", Field("enabled", "bool", "On or off."), ("`enabled` should be true or false, but it is the text 'often'.", None)),
    (1e17, Field("enabled", "bool", "On or off."), ("`enabled` should be true or false, but it is the number 1.0e+17.", None)),
    ("warn", Field("level", "level", "The level."),
     ("`level` cannot be 'warn'. Use suggestion, warning or error.", "Did you mean 'warning'?")),
    (2, Field("max", "int", "The most.", minimum=5), ("`max` must be at least 5, but it is 2.", None)),
])
def test_messages(value: object, spec: Field, problem: tuple[str, str | None]) -> None:
    assert check_value(value, spec)[1] == [problem]


def test_values_yaml_cannot_write_are_checked_too() -> None:
    """A tuple is a list; a set is named as what it is (writing either as YAML used to fail with a traceback)."""
    assert check_value(("a", "b"), Field("keep", "texts", "Words.")) == (["a", "b"], [])
    assert check_value({"b": (1, dt.date(2026, 3, 14))}, Field("m", "any-mapping", "Free.")) == (
        {"b": [1, dt.date(2026, 3, 14)]}, [])
    assert check_value({"a"}, Field("keep", "texts", "Words."))[1] == [
        ("`keep` should be a list, but it is a Python set.", "Start each item on its own line with '- '.")]


def test_a_change_given_by_a_program_is_checked_without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """build_ruleset never writes a change out as YAML: it checks the values, with the usual message."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("yaml.safe_dump was called")

    monkeypatch.setattr(yaml, "safe_dump", refuse)
    monkeypatch.setattr(yaml, "dump", refuse)
    ok = build_ruleset(resolve({"rules": {"length.sentence": {"level": "error", "enabled": True}}},
                               no_config=True))
    assert ok.get("length.sentence").level.name == "ERROR"  # type: ignore[union-attr]
    with pytest.raises(DataErrors) as exc:
        build_ruleset(resolve({"rules": {"length.sentence": {"enabled": "often"}}}, no_config=True))
    assert exc.value.errors[0].problem == "`enabled` should be true or false, but it is the text 'often'."
