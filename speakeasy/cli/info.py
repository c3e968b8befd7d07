"""The commands that show what speakeasy knows: ``rules``, ``explain``, ``config``, ``validate``, ``cache``, ``plugins``, ``schema`` and ``help``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..cliargs import is_pack as _is_pack, settings_from as _settings
from ..errors import EXIT_OK, EXIT_USAGE, InputError, SpeakeasyError, error_text

__all__ = ["cmd_cache", "cmd_config", "cmd_explain", "cmd_help", "cmd_plugins", "cmd_rules", "cmd_schema", "cmd_validate"]


def cmd_rules(args: argparse.Namespace) -> int:
    from ..ruleset import build_ruleset

    ruleset = build_ruleset(_settings(args))
    rules = ruleset.rules if args.all else ruleset.active
    if args.format == "json":
        import json

        data = [
            {"id": r.id, "pack": r.pack, "kind": r.kind, "level": str(r.level), "enabled": r.enabled,
             "summary": r.summary}
            for r in rules
        ]
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=10)
    lwidth = max((len(str(r.level)) for r in rules), default=7)
    for r in rules:
        state = "" if r.enabled else "  (off)"
        sys.stdout.write(f"{r.id:<{width}}  {str(r.level):<{lwidth}}  {r.pack:<14}  {r.summary}{state}\n")
    sys.stdout.write(f"\n{len(rules)} rules. Run `speakeasy explain RULE` to read about one.\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    import textwrap

    from ..hints import closest, did_you_mean
    from ..ruleset import build_ruleset

    settings = _settings(args)
    ruleset = build_ruleset(settings)
    rule = ruleset.get(args.rule)
    if rule is None:
        from ..words.show import look_up, render_explain

        look = look_up(args.rule, settings, ruleset=ruleset)  # a word, in any form: which list flags it, why, who agreed it
        if look.hits:
            sys.stdout.write(render_explain(look))
            return EXIT_OK
        ids = [r.id for r in ruleset.rules]
        hint = did_you_mean(closest(args.rule, ids, cutoff=0.4), "Run `speakeasy rules` to see the rule ids.")
        if "." not in args.rule:
            raise SpeakeasyError(f"'{args.rule}' is not a rule, and no wordlist in use has it. {hint}")
        raise SpeakeasyError(f"there is no rule called '{args.rule}'. {hint}")
    pack = next((p for p in ruleset.packs if p.id == rule.pack), None)

    def para(text: str, indent: str = "  ") -> str:
        return textwrap.fill(" ".join(text.split()), width=78, initial_indent=indent, subsequent_indent=indent)

    out = [f"{rule.id}  ({rule.level}, kind: {rule.kind}{'' if rule.enabled else ', switched off'})", ""]
    out += [para(rule.summary), "", "Why it matters:", para(rule.why), ""]
    def example(text: str) -> str:
        # keep the lines of multi-line examples (tables, headings); wrap prose
        if "\n" in text.strip():
            return "\n".join("    " + line for line in text.strip().splitlines())
        return para(text, "    ")

    out += ["Instead of this:", example(rule.example_bad), "", "Write this:", example(rule.example_good), ""]
    if rule.fix_safety:
        out += ["Fixes:", para(rule.fix_safety), ""]
    thresholds = rule.options.get("thresholds")
    if thresholds:
        out += ["Thresholds: " + ", ".join(f"{k} {v}" for k, v in thresholds.items()), ""]
    topics = [wl for wl in rule.wordlists if wl.topic is not None]
    if topics:
        out.append("Where it looks:")
        for wl in topics:
            assert wl.topic is not None
            everywhere = sum(1 for e in wl.entries if e.everywhere and e.status == "agreed")
            if rule.options.get("everywhere"):
                text = (f"The words of '{wl.title}' are about {wl.topic.about}, but your settings say to flag them "
                        "in every part of a document.")
            else:
                text = (f"The words of '{wl.title}' are about {wl.topic.about}. They are flagged only in the parts "
                        f"of a document about that: sections with words like "
                        f"{', '.join(repr(w) for w in wl.topic.words[:4])}. {everywhere} of them are jargon in any "
                        "text, and are flagged everywhere. To flag them all everywhere, set `everywhere: true` for "
                        "this rule in your settings.")
            out.append(para(text))
        out.append("")
    out.append("Where its words came from:")
    if rule.wordlists:
        for wl in rule.wordlists:
            agreed = sum(1 for e in wl.entries if e.status == "agreed")
            out.append(f"  - {wl.title} ({wl.path}): {agreed} words, licence {wl.licence}")
            for s in wl.sources:
                credit = f"{s.name}" + (f", {s.licence}" if s.licence else "") + (f", {s.url}" if s.url else "")
                out.append(f"      {credit}")
                if s.attribution:
                    out.append(f"      {s.attribution}")
            if wl.maintained_by:
                out.append(f"      Looked after by {wl.maintained_by}.")
    if pack is not None:
        out.append(f"  - the pack '{pack.title}' ({pack.path}), version {pack.version}, licence {pack.licence}")
        for s in pack.sources:
            out.append(f"      {s.name}" + (f", {s.licence}" if s.licence else "") + (f", {s.url}" if s.url else ""))
        if pack.co_produced_by:
            out.append(f"      Co-produced by {', '.join(pack.co_produced_by)}.")
    if rule.link:
        out += ["", f"Read more: {rule.link}"]
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.format == "json":
        import json

        data = {
            "config_file": str(settings.config_path) if settings.config_path else None,
            "settings": {k: {"value": _jsonable(v), "from": settings.origins.get(k, "")} for k, v in settings.values.items()},
            "rule_changes": [{"rule": o.selector, "change": _jsonable(_switch(o.value)), "from": o.origin}
                             for o in settings.overrides],
        }
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    out = []
    from ..paths import display_path

    where = display_path(settings.config_path) if settings.config_path else "none found (using the defaults)"
    out.append(f"Configuration file: {where}")
    out.append("")
    width = max(len(k) for k in settings.values)
    for key, value in settings.values.items():
        if key == "rules":
            continue
        out.append(f"{key:<{width}}  {_show(value):<30}  from {settings.origins.get(key, '')}")
    out.append("")
    if settings.overrides:
        out.append("Changes to rules, in the order they apply:")
        for o in settings.overrides:
            out.append(f"  {o.selector}: {_show(_switch(o.value))}  (from {o.origin})")
    else:
        out.append("Changes to rules: none")
    sys.stdout.write("\n".join(out) + "\n")
    return EXIT_OK


def _switch(value: Any) -> Any:
    """YAML reads `off` as false: show rule switches as people wrote them."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return value


def _jsonable(value: Any) -> Any:
    import datetime

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime.date, Path)):
        return str(value)
    return value


def _show(value: Any) -> str:
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items())
    return str(value)


def cmd_validate(args: argparse.Namespace) -> int:
    from ..packs import load_pack, load_wordlist, not_read
    from ..paths import regular_file
    from ..schema import DataErrors

    errors = []
    checked = 0
    if args.files:
        from .. import plugins

        # a pack may use the kinds and wordlists of the plugins the settings name
        plugins.activate(_settings(args).values.get("plugins") or [])
        for f in args.files:
            p = Path(f)
            try:
                regular_file(p)  # a named pipe, a device or a folder is neither a pack nor a wordlist
            except InputError as exc:
                errors.append(not_read(exc))
                continue
            try:
                if _is_pack(p):
                    load_pack(p)
                else:
                    load_wordlist(p)
                checked += 1
            except DataErrors as exc:
                errors.extend(exc.errors)
    else:
        from ..ruleset import build_ruleset

        try:
            ruleset = build_ruleset(_settings(args))
            checked = len(ruleset.packs) + sum(len(r.wordlists) for r in ruleset.rules)
        except DataErrors as exc:
            errors.extend(exc.errors)
    for e in errors:
        sys.stderr.write(error_text(e.render(), getattr(e, "path", None)))
    if errors:
        sys.stderr.write(f"Found {len(errors)} problem{'s' if len(errors) != 1 else ''}.\n")
        return EXIT_USAGE
    sys.stdout.write(f"All good: checked {checked} file{'s' if checked != 1 else ''}.\n")
    return EXIT_OK


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def cmd_cache(args: argparse.Namespace) -> int:
    from .. import cache

    where = cache.info()
    if where.folder is None:
        sys.stdout.write("The cache is turned off (SPEAKEASY_CACHE_DIR is empty).\n")
        return EXIT_OK
    if args.action == "clear":
        n = cache.clear()
        sys.stdout.write(f"Removed {n} file{'s' if n != 1 else ''} from {where.folder}.\n")
        return EXIT_OK
    if args.action == "prune":
        n = cache.prune()
        after = cache.info()
        sys.stdout.write(f"Removed {n} file{'s' if n != 1 else ''}; the cache now holds "
                         f"{_megabytes(after.size)} (limit {_megabytes(cache.max_bytes())}).\n")
        return EXIT_OK
    sys.stdout.write(
        f"Folder: {where.folder}\n"
        f"Results of files: {where.results}\n"
        f"Other entries (word forms, wordlists): {where.other}\n"
        f"Size: {_megabytes(where.size)} (limit {_megabytes(cache.max_bytes())}, "
        "set with SPEAKEASY_CACHE_MAX_MB)\n"
    )
    return EXIT_OK


def cmd_plugins(args: argparse.Namespace) -> int:
    from ..plugins import canonical, discover

    settings = _settings(args)
    enabled = {canonical(n) for n in settings["plugins"] or []}
    found = discover()
    rows = [{"name": p.name, "version": p.version, "provides": p.provides, "enabled": key in enabled,
             "entry_points": [{"group": ep.group, "name": ep.name, "value": ep.value} for ep in p.entry_points]}
            for key, p in found.items()]
    if args.format == "json":
        import json

        json.dump({"plugins": rows}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        sys.stdout.write("No plugins are installed. To find out about them, run speakeasy help plugins.\n")
        return EXIT_OK
    width = max(len(r["name"]) for r in rows)
    vwidth = max(len(r["version"]) for r in rows)
    for r in rows:
        state = "in use" if r["enabled"] else "not in use"
        sys.stdout.write(f"{r['name']:<{width}}  {r['version']:<{vwidth}}  {state:<10}  {', '.join(r['provides'])}\n")
    used = sum(1 for r in rows if r["enabled"])
    sys.stdout.write(f"\n{len(rows)} {'plugin' if len(rows) == 1 else 'plugins'} installed, {used} in use. "
                     "To use one, add its name to `plugins:` in .speakeasy.yaml.\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from ..jsonschema import schemas

    json.dump(schemas()[args.which], sys.stdout, indent=2)
    sys.stdout.write("\n")
    return EXIT_OK


def cmd_help(args: argparse.Namespace) -> int:
    from ..helptopics import read_topic, title, topics

    if args.topic:
        sys.stdout.write(read_topic(args.topic).rstrip("\n") + "\n")
        return EXIT_OK
    found = topics()
    if not found:
        raise SpeakeasyError("speakeasy's guides are missing: reinstall speakeasy.")
    width = max(map(len, found))
    sys.stdout.write("speakeasy's guides. Read one with speakeasy help TOPIC, like speakeasy help plugins.\n\n")
    for name, path in found.items():
        sys.stdout.write(f"  {name:<{width}}  {title(path)}\n")
    sys.stdout.write("\nFor a command's options, use speakeasy COMMAND --help.\n")
    return EXIT_OK
