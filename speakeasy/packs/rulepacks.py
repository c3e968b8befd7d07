"""Loading rule packs: each rule checked against its kind's settings, and the wordlists it names loaded."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import UserDataError
from ..hints import closest, did_you_mean
from ..model import Level
from ..packdata import Pack, Rule, Source
from ..schema import DataErrors, Schema, Validator
from ..schema.reading import node_kind
from .finding import no_wordlist_hint, resolve_wordlist, wordlist_folders
from .reading import display, read_node
from .schemas import PACK, RULE, RULE_FIELDS
from .wordlist_cache import load_wordlist


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    from ..confine import inside

    return inside(path, roots)


@lru_cache(maxsize=64)
def _load_pack_cached(path: str, mtime: int, size: int, search: tuple[str, ...], cwd: str,
                      plugin_kinds: tuple[str, ...] = (), confine: tuple[str, ...] = ()) -> Pack:
    return _parse_pack(Path(path), [Path(s) for s in search], tuple(Path(c) for c in confine))


def load_pack(path: str | os.PathLike[str], wordlist_dirs: list[Path] | None = None,
              confine: tuple[Path, ...] = ()) -> Pack:
    """Load and validate one rule pack and the wordlists it names.

    ``wordlist_dirs``: the enabled plugins' wordlist folders (default: those of
    the plugins in use, :func:`speakeasy.plugins.active`); see :func:`wordlist_folders`.
    ``confine``: for a pack a repository's settings name, the repository's folders
    (see :mod:`speakeasy.confine`): the pack may use wordlists only there, or shipped
    or plugin ones.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DataErrors(
            [UserDataError(display(p), "This rule pack does not exist.", hint="Check the name and the folder.")]
        ) from None
    dirs = wordlist_folders(p, wordlist_dirs)
    from ..plugins import active

    # the kinds of the enabled plugins are part of the key: a pack may use them
    plugin_kinds = tuple(sorted(active().kinds))
    allowed = (*confine, *dirs[1:]) if confine else ()  # dirs[0] is the folder next to the pack's: not trusted
    return _load_pack_cached(str(p.resolve()), st.st_mtime_ns, st.st_size, tuple(str(d) for d in dirs), os.getcwd(),
                             plugin_kinds, tuple(str(d) for d in allowed))


def _parse_pack(path: Path, wordlist_dirs: list[Path], confine: tuple[Path, ...] = ()) -> Pack:
    from ..registry import registry

    kinds = registry()
    shown, text, node = read_node(path, None, (*PACK.names(), "rules"), "a rule pack")
    v = Validator(shown, text)
    if node is None:
        raise DataErrors([UserDataError(shown, "This rule pack is empty.", 1, 1,
                                        "Start from a copy of a shipped rule pack.")])
    # The rules are validated one by one below, because each kind has its own keys.
    rules_node = None
    if isinstance(node, yaml.MappingNode):
        for k, val in node.value:
            if getattr(k, "value", None) == "rules":
                rules_node = val
    top = Schema(PACK.what, tuple(f for f in PACK.fields if f.name != "rules"), PACK.doc, open=True)
    data = v.mapping(node, top, extra_check=lambda key, value: key == "rules")
    if isinstance(node, yaml.MappingNode) and rules_node is None:
        v.error(node, "This rule pack has no `rules`.", "Add `rules:` with a list of rules under it.")
    data.pop("rules", None)
    pack_id = data.get("id", path.stem)
    pack = Pack(
        id=pack_id,
        title=data.get("title", ""),
        version=str(data.get("version", "")),
        description=data.get("description", ""),
        licence=data.get("licence", ""),
        rules=[],
        path=shown,
        sources=[Source.from_data(s) for s in data.get("sources", [])],
        co_produced_by=list(data.get("co_produced_by", [])),
        default=bool(data.get("default", True)),
    )
    if rules_node is not None and not isinstance(rules_node, yaml.SequenceNode):
        v.error(rules_node, f"`rules` should be a list of rules, but it is {node_kind(rules_node)}.",
                "Start each rule on its own line with '- '.")
    elif rules_node is not None:
        seen: dict[str, int] = {}
        for number, rule_node in enumerate(rules_node.value, start=1):
            rule = _parse_rule(v, rule_node, number, pack, kinds, path, wordlist_dirs, confine)
            if rule is None:
                continue
            if rule.id in seen:
                v.error(rule_node, f"Two rules in this pack have the id '{rule.id.split('.', 1)[1]}'. "
                                   f"The first is on line {seen[rule.id]}.",
                        "Give each rule its own id.")
                continue
            seen[rule.id] = rule.line
            pack.rules.append(rule)
    if v.errors:
        raise DataErrors(v.errors)
    return pack


def _parse_rule(
    v: Validator,
    node: yaml.Node,
    number: int,
    pack: Pack,
    kinds: dict[str, Any],
    path: Path,
    wordlist_dirs: list[Path],
    confine: tuple[Path, ...] = (),
) -> Rule | None:
    where = f"number {number} in `rules`"
    if not isinstance(node, yaml.MappingNode):
        v.mapping(node, RULE, where)  # reports the problem
        return None
    kind_name = None
    kind_node = None
    for k, val in node.value:
        if getattr(k, "value", None) == "kind" and isinstance(val, yaml.ScalarNode):
            kind_name, kind_node = str(val.value), val
    kind_cls = kinds.get(kind_name) if kind_name else None
    if kind_cls is None:
        # Without a known kind the rule's own keys cannot be checked, but the
        # keys every rule has can: report those problems too.
        if kind_name:
            hint = did_you_mean(closest(kind_name, kinds, cutoff=0.5), f"The kinds are: {', '.join(sorted(kinds))}.")
            v.error(kind_node, f"There is no rule kind called '{kind_name}'.", hint)
        else:
            # `kynd: existence`: the missing `kind` is probably a misspelt key.
            known = {f.name for f in RULE.fields}
            for k, _ in node.value:
                name = str(getattr(k, "value", ""))
                if name not in known and closest(name, ["kind"]):
                    v.error(k, f"`{name}` is not a key speakeasy knows in a rule.", did_you_mean("kind", quote="`"))
        v.mapping(node, RULE, where, extra_check=lambda key, value: True)
        return None
    options = kind_cls.options
    schema = Schema(RULE.what, RULE_FIELDS + tuple(options), RULE.doc)
    before = len(v.errors)
    data = v.mapping(node, schema, where)
    if len(v.errors) > before:
        return None
    level_text = data.get("level")
    if level_text is None:
        if not kind_cls.uses_thresholds:
            v.error(node, f"The rule '{data['id']}' has no `level`.",
                    "Add a line `level: warning` (or suggestion, or error).")
            return None
        thresholds = data.get("thresholds") or {}
        levels = [Level.parse(k) for k in thresholds if k in ("suggestion", "warning", "error")]
        level = max(levels) if levels else Level.WARNING
    else:
        level = Level.parse(level_text)
    opts = {o.name: data[o.name] for o in options if o.name in data}
    rule = Rule(
        id=f"{pack.id}.{data['id']}",
        pack=pack.id,
        kind=kind_cls.name,
        level=level,
        summary=data["summary"],
        why=data["why"],
        example_bad=data["example"]["bad"],
        example_good=data["example"]["good"],
        message=data.get("message"),
        fix_safety=data.get("fix_safety"),
        link=data.get("link"),
        options=opts,
        enabled=data.get("enabled", True),
        path=pack.path,
        line=data["__line__"],
    )
    # The message may use only the placeholders the kind fills in, each a plain {name}.
    if rule.message:
        problem = message_problem(rule.message, kind_cls, opts)
        if problem is not None:
            pos = data["__pos__"].get("message")
            v.errors.append(UserDataError(v.path, problem[0], pos.line if pos else rule.line,
                                          pos.column if pos else data["__column__"], problem[1], source=v.source))
    # Resolve wordlists named by the rule.
    names = opts.get("wordlists") or []
    if names:
        pos = data["__pos__"].get("wordlists")
        for index, name in enumerate(names):
            found = resolve_wordlist(name, path.parent, wordlist_dirs)
            if found is not None and confine and not _inside(found, confine):
                line, column = pos.item(index) if pos else (rule.line, data["__column__"])
                v.errors.append(UserDataError(
                    v.path, f"The wordlist '{name}' is outside this repository ({confine[0]}).", line, column,
                    "A rule pack your settings name may use shipped wordlists and wordlists in the repository. "
                    "To use another, name it on the command line with --wordlist.", source=v.source))
                continue
            if found is None:
                line, column = pos.item(index) if pos else (rule.line, data["__column__"])
                v.errors.append(
                    UserDataError(
                        v.path,
                        f"There is no wordlist called '{name}'.",
                        line,
                        column,
                        no_wordlist_hint(name),
                        source=v.source,
                    )
                )
                continue
            try:
                rule.wordlists.append(load_wordlist(found))
            except DataErrors as exc:
                v.errors.extend(exc.errors)
    # Let the kind check its own options (e.g. threshold names).
    check = getattr(kind_cls, "validate_options", None)
    if check is not None:
        for message, key, hint in check(opts):
            pos = data["__pos__"].get(key)
            v.errors.append(
                UserDataError(v.path, message, pos.line if pos else rule.line,
                              pos.column if pos else data["__column__"], hint, source=v.source)
            )
    return rule


def message_problem(message: str, kind_cls: Any, options: dict[str, Any]) -> tuple[str, str] | None:
    """(what is wrong, what to do) with a rule's ``message``, or None if it is fine.

    A message may use only the placeholders the rule's kind fills in, each
    written as a plain ``{name}`` (see :mod:`speakeasy.templates`).
    """
    from ..templates import template_problem

    return template_problem(message, kind_cls.message_placeholders(options))
