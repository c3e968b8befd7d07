"""The rule set: load the packs, apply the changes to rules, compile a kind for each rule that is on.

Changes come from a profile, the settings file, the command line or a
program (``check_text(text, rules={...})``).  Each is checked as the Python
value it is (:func:`speakeasy.schema.check_value`), with the same plain
messages a YAML file gets, pointing at the line the change came from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Override, Settings
from .directives import selector_matches
from .errors import ConfigError, UserDataError
from .hints import closest, did_you_mean
from .kinds.base import Kind
from .model import DIRECTIVE_RULE, INTERNAL_RULE, Level
from .packs import Pack, Rule, builtin_pack_paths, builtin_rules_dir, load_pack, load_wordlist
from .registry import registry
from .schema import DataErrors, Field, check_value

__all__ = ["RuleSet", "build_ruleset"]


@dataclass
class RuleSet:
    """Every known rule (on or off) and the kinds compiled for the ones that are on."""

    rules: list[Rule]
    packs: list[Pack]
    settings: Settings
    kinds: list[Kind] = field(default_factory=list)
    #: (name, version) of the plugins in use (see speakeasy.plugins)
    plugins: list[tuple[str, str]] = field(default_factory=list)
    #: a digest of the plugins' code (see speakeasy.plugins.Loaded.code_stamp), for the cache key
    plugin_code: str = ""
    #: entries of the project's .speakeasy-ignore.yaml (see speakeasy.ignorefile)
    ignore_entries: list[dict[str, Any]] = field(default_factory=list)
    ignore_root: Path = field(default_factory=Path.cwd)
    #: the plain score's numbers from the setting ``plain_score`` (None: the shipped ones)
    score_model: Any = None

    @property
    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def get(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    def needs(self) -> frozenset[str]:
        out: set[str] = set()
        for k in self.kinds:
            out |= k.required_needs()
        return frozenset(out)

    def known_ids(self) -> list[str]:
        return [r.id for r in self.rules] + [DIRECTIVE_RULE, INTERNAL_RULE]


def _pack_paths(settings: Settings) -> list[Path]:
    out: list[Path] = []
    from .confine import looks_like_path
    from .plugins import pack_paths as plugin_pack_paths

    base = settings.base("packs")
    shipped = {p.stem: p for p in builtin_pack_paths()}
    for stem, p in plugin_pack_paths().items():  # the packs of the enabled plugins count as shipped ones
        shipped.setdefault(stem, p)
    for name in settings["packs"]:
        if name == "default":
            if not shipped:
                raise ConfigError(
                    f"speakeasy found no rule packs in {builtin_rules_dir()}. Reinstall speakeasy."
                )
            for p in shipped.values():
                try:
                    if load_pack(p).default:
                        out.append(p)
                except DataErrors:
                    out.append(p)  # reported when loaded below
            continue
        if name in shipped:
            out.append(shipped[name])
            continue
        p = Path(name)
        p = p if p.is_absolute() else base / p
        if looks_like_path(name) and p.exists() and not p.is_file():
            out.append(p)  # a named pipe, a device or a folder: load_pack says which, and reads none of it
            continue
        if p.suffix not in (".yaml", ".yml") or not p.is_file():
            hint = did_you_mean(closest(name, shipped, cutoff=0.5), f"The shipped packs are: {', '.join(shipped)}.")
            raise ConfigError(f"There is no rule pack called '{name}' (it is not a shipped pack or a .yaml file). {hint}")
        out.append(p)
    seen = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _local_rule(path: str) -> Rule:
    wl = load_wordlist(path)
    first = wl.entries[0] if wl.entries else None
    bad = (first.examples[0] if first and first.examples else f"We will use {first.term}." if first else "")
    good = f"We will use {first.use[0]}." if first else ""
    level = Level.parse(wl.level) if wl.level else Level.WARNING
    return Rule(
        id=f"local.{wl.id}",
        pack="local",
        kind="substitution",
        level=level,
        summary=f"Words from your wordlist '{wl.title}'.",
        why=wl.description or "Your organisation has agreed plainer words for these.",
        example_bad=bad,
        example_good=good,
        options={"wordlists": [wl.path]},
        wordlists=[wl],
        path=wl.path,
        line=1,
    )


def build_ruleset(settings: Settings) -> RuleSet:
    """Load the packs, apply profile, file and command-line changes, compile the kinds."""
    from . import plugins

    loaded = plugins.activate(settings.values.get("plugins") or [])
    if settings.values.get("language_model"):
        _check_language_model(settings)
    errors: list[UserDataError] = []
    packs: list[Pack] = []
    # a pack the repository's settings name may use wordlists only in the repository (see speakeasy.confine)
    confine = settings.repository if "packs" in settings.from_file else ()
    shipped = {p.resolve() for p in [*builtin_pack_paths(), *plugins.pack_paths().values()]} if confine else set()
    for path in _pack_paths(settings):
        try:
            packs.append(load_pack(path, loaded.wordlist_dirs, () if path.resolve() in shipped else confine))
        except DataErrors as exc:
            errors.extend(exc.errors)
    rules: list[Rule] = []
    for pack in packs:
        for rule in pack.rules:
            rules.append(rule.copy())
    wl_base = settings.base("wordlists")
    for w in settings["wordlists"]:
        p = Path(w) if Path(w).is_absolute() else wl_base / w
        try:
            rules.append(_local_rule(str(p)))
        except DataErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise DataErrors(errors)

    # Duplicate rule ids across packs are an error (two packs with the same id).
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            raise ConfigError(
                f"Two rules are called '{r.id}': one in {seen[r.id].path} and one in {r.path}. "
                "Give one of the packs a different `id`."
            )
        seen[r.id] = r

    kinds = registry()
    problems: list[UserDataError] = []
    for ov in settings.overrides:
        matched = [r for r in rules if selector_matches(ov.selector, r.id)]
        if not matched:
            problems.append(_unknown_selector(ov, [r.id for r in rules]))
            continue
        for rule in matched:
            problem = _apply(rule, ov, kinds)
            if problem is not None:
                problems.append(problem)
                break
    if problems:
        raise DataErrors(problems)

    for rule in rules:
        rule.keep = tuple(settings["keep"])
        rule.include_proposed = bool(settings["include_proposed"])
        rule.language_model = settings["language_model"]
    _apply_local_overrides(rules, bool(settings["include_proposed"]))
    ruleset = RuleSet(rules, packs, settings, plugins=list(loaded.plugins),
                      plugin_code=loaded.code_stamp() if loaded.plugins else "")
    from . import ignorefile

    ruleset.ignore_root = settings.config_path.resolve().parent if settings.config_path else Path(settings.root)
    ruleset.ignore_entries = ignorefile.load(ruleset.ignore_root)
    if settings["plain_score"]:
        from .plainscore import load_model

        ruleset.score_model = load_model(settings.base("plain_score") / str(settings["plain_score"]))
    for rule in ruleset.active:
        ruleset.kinds.append(kinds[rule.kind](rule))
    return ruleset


def overriding_entries(rules: list[Rule], include_proposed: bool) -> dict[tuple[str, str], list[Any]]:
    """The entries of your own wordlists that take the place of a shipped list's entry (``overrides:``).

    Keyed by (the shipped list's id, the term as the matcher sees it).  A proposed entry counts only with
    ``include_proposed``: until the forum agrees it, the shipped entry is used.  A retired one counts: the
    word is no longer flagged.
    """
    from .matching import normalise

    out: dict[tuple[str, str], list[Any]] = {}
    for rule in rules:
        if rule.pack != "local":
            continue
        for wl in rule.wordlists:
            for e in wl.entries:
                if e.overrides and (e.status != "proposed" or include_proposed):
                    out.setdefault((str(e.overrides), normalise(e.term)), []).append(e)
    return out


def _apply_local_overrides(rules: list[Rule], include_proposed: bool) -> None:
    """Leave out of the shipped rules each entry your own wordlist overrides: the local entry wins.

    The shipped lists are shared (they are cached), so each rule gets copies without those entries.
    """
    from dataclasses import replace

    from .matching import normalise
    from .packdata import clash

    local = overriding_entries(rules, include_proposed)
    if not local:
        return
    for rule in rules:
        if rule.pack == "local" or not rule.wordlists:
            continue
        lists = []
        for wl in rule.wordlists:
            def overridden(e: Any, wl: Any = wl) -> bool:
                mine = local.get((wl.id, normalise(e.term)), [])
                return any(clash(m.parts, e.parts) for m in mine)

            kept = [e for e in wl.entries if not overridden(e)]
            lists.append(wl if len(kept) == len(wl.entries) else replace(wl, entries=kept))
        rule.wordlists = lists


def _check_language_model(settings: Settings) -> None:
    """Load the pipeline named by ``language_model``: one that is not installed, or not a spaCy pipeline,
    is a mistake in the settings (exit code 2, one line that starts with the file and line that name it),
    found before any file is read."""
    from .analysis import load_pipeline

    name = settings["language_model"]
    origin = str(settings.origins.get("language_model") or "")
    at = re.fullmatch(r"(.*), line (\d+)", origin)
    where = (f"{at.group(1)}:{at.group(2)}: " if at else
             "" if not origin or origin.startswith(("command line", "built-in")) else f"{origin}: ")
    try:
        if not _may_be_pipeline(name):
            raise _NotPipeline(f"the package '{name}' has no meta.json")
        load_pipeline(name)
    except ConfigError as exc:
        raise ConfigError(where + exc.message) from None
    except Exception as exc:  # noqa: BLE001 - e.g. an installed package that is not a spaCy pipeline
        detail = " ".join(str(exc).split())[:200]
        detail = detail if isinstance(exc, _NotPipeline) else f"{type(exc).__name__}: {detail}"
        raise ConfigError(
            f"{where}The language model '{name}' named in your configuration could not be loaded: it is not a "
            f"spaCy pipeline ({detail}). Name an installed "
            "spaCy pipeline, or remove `language_model` to use the built-in blank English pipeline."
        ) from None


class _NotPipeline(Exception):
    """The package a ``language_model`` names is not a spaCy pipeline."""


def _may_be_pipeline(name: str) -> bool:
    """False for an installed package that is surely not a spaCy pipeline, found without importing it.

    spaCy imports the package a name gives and calls its ``load()``; a
    repository's settings must not make speakeasy import any package it likes.
    A pipeline package has a ``meta.json`` beside its ``__init__.py``.
    """
    import importlib.util

    if os.path.isdir(name) or not name.isidentifier():
        return True  # a folder (spaCy reads its config.cfg), or not a package name: spaCy says what is wrong
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return True
    if spec is None:
        return True  # not installed: load_pipeline says so
    return any(os.path.isfile(os.path.join(folder, "meta.json")) for folder in spec.submodule_search_locations or ())


def _unknown_selector(ov: Override, ids: list[str]) -> UserDataError:
    candidates = sorted(set(ids) | {i.split(".")[0] for i in ids})
    hint = did_you_mean(closest(ov.selector, candidates, cutoff=0.5), "Run `speakeasy rules` to see the rule ids.")
    path, line, col = ov.where
    return UserDataError(path or "configuration", f"'{ov.selector}' does not name any rule.", line, col, hint,
                         source=ov.source)


_SWITCHES = {"off": False, "false": False, "no": False, "on": True, "true": True, "yes": True}


def _apply(rule: Rule, ov: Override, kinds: dict[str, type[Kind]]) -> UserDataError | None:
    path, line, col = ov.where
    value = ov.value

    def problem(message: str, hint: str | None = None) -> UserDataError:
        return UserDataError(path or "configuration", message, line, col, hint, source=ov.source)

    if isinstance(value, bool):
        rule.enabled = value
        return None
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _SWITCHES:
            rule.enabled = _SWITCHES[low]
            return None
        try:
            rule.level = Level.parse(low)
            rule.enabled = True
            return None
        except ValueError:
            return problem(
                f"'{value}' is not a way to change the rule '{ov.selector}'.",
                "Use off, on, a level (suggestion, warning, error), or settings such as `level:` and `thresholds:`.",
            )
    if not isinstance(value, dict):
        return problem(f"The change to '{ov.selector}' should be off, on, a level, or a set of settings.")
    kind = kinds[rule.kind]
    allowed = {"level": Field("level", "level", "The level."), "enabled": Field("enabled", "bool", "On or off."),
               "message": Field("message", "text", "The message.")}
    allowed.update({o.name: o for o in kind.options})
    for key, val in value.items():
        spec = allowed.get(key)
        if spec is None:
            hint = did_you_mean(closest(str(key), allowed, cutoff=0.6),
                                f"The settings for '{rule.id}' are: {', '.join(allowed)}.", quote="`")
            return problem(f"`{key}` is not a setting of the rule '{rule.id}'.", hint)
        checked, problems = check_value(val, spec)  # the value as given: never written out as YAML and read again
        if problems:
            return problem(*problems[0])
        if key == "level":
            rule.level = Level.parse(checked)
        elif key == "enabled":
            rule.enabled = checked
        elif key == "message":
            from .packs import message_problem

            bad = message_problem(checked, kind, {**rule.options, **{k: v for k, v in value.items() if k != key}})
            if bad is not None:
                return problem(f"{bad[0][:-1]} (in the change to '{rule.id}').", bad[1])
            rule.message = checked
        elif spec.type == "any-mapping" and isinstance(rule.options.get(key), dict):
            merged = dict(rule.options[key])
            merged.update(checked)
            rule.options[key] = merged
        else:
            rule.options[key] = checked
        if spec.type in ("regex", "regexes") and path:
            # so that a pattern that runs out of time names the file it came from
            rule.set_in[key] = f"{path}:{line}" if line else path
    check = getattr(kind, "validate_options", None)
    if check is not None:
        for message, _key, hint in check(rule.options):
            return problem(f"{message} (in the change to '{rule.id}')", hint)
    if "thresholds" in value and "level" not in value and kind.uses_thresholds:
        levels = [Level.parse(k) for k in rule.options.get("thresholds", {})]
        if levels:
            rule.level = max(levels)
    if "enabled" not in value:
        rule.enabled = True
    return None
