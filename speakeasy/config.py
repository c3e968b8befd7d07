"""Configuration: built-in defaults < profile < file < command line.

The file is ``.speakeasy.yaml`` (or ``.speakeasy.yml``), or a
``[tool.speakeasy]`` table in ``pyproject.toml``, found from the current
folder upwards (the nearest wins; in one folder ``.speakeasy.yaml`` wins over
``pyproject.toml``).  ``speakeasy config --show`` prints the merged values
and where each came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError, UserDataError
from .hints import closest, did_you_mean
from .paths import display_path
from .readers import LANDMARKS
from .schema import DataErrors, Field, Schema, Validator

CONFIG_NAMES = (".speakeasy.yaml", ".speakeasy.yml")
FAIL_ON = ("suggestion", "warning", "error", "never")

CONFIG = Schema(
    "the configuration",
    (
        Field("packs", "texts", "Rule packs to use: `default` for the shipped ones, pack names, or paths to .yaml files."),
        Field("profile", "text", "A profile with its own thresholds, like `easy-read`."),
        Field("rules", "any-mapping",
              "Changes to rules, by id, pack or glob: `off`, a level, or settings such as `thresholds`."),
        Field("wordlists", "texts", "Your organisation's own wordlists (paths to .yaml files)."),
        Field("keep", "texts", "Words your organisation has decided to keep: never flagged."),
        Field("ignore", "texts", "Files and folders not to check, as globs like `drafts/**`."),
        Field("language_model", "text", "An installed trained spaCy pipeline to use, like `en_core_web_sm`."),
        Field("include_proposed", "bool", "true to use words the forum has proposed but not yet agreed."),
        Field("include_comments", "bool", "true to check the comments in Word, OpenDocument and PDF files too."),
        Field("include_landmarks", "texts",
              "Parts of web pages to check as well as the main content: `header` and `footer` (the site's), "
              "`nav` (menus) and `aside` (side panels).", choices=LANDMARKS,
              synonyms=(("menu", "nav"), ("menus", "nav"), ("navigation", "nav"), ("banner", "header"),
                        ("contentinfo", "footer"), ("sidebar", "aside"), ("complementary", "aside"))),
        Field("fail_on", "text", "The level that makes the check fail.", choices=FAIL_ON),
        Field("keymap", "any-mapping",
              "Keys for `speakeasy review`, by the id shown in its help screen, like `review.skip: x`."),
        Field("forum", "any-mapping",
              "Settings of `speakeasy forum`: `database` (a database URL), `documents` (a folder of your "
              "documents), `data` (where it keeps its database and key) and `name` (the forum's name)."),
        Field("plain_score", "text",
              "A file of the plain score's weights, written by `speakeasy forum calibrate` from your forum's "
              "judgements, so that the score reflects what your forum finds hard."),
        Field("plugins", "texts",
              "Plugins to use, by the name `speakeasy plugins` shows (the name you install, like "
              "`speakeasy-email-reader`). Installed plugins that are not named here are not used."),
    ),
    doc="speakeasy's configuration (.speakeasy.yaml, or [tool.speakeasy] in pyproject.toml).",
)

DEFAULTS: dict[str, Any] = {
    "packs": ["default"],
    "profile": None,
    "rules": {},
    "wordlists": [],
    "keep": [],
    "ignore": [],
    "language_model": None,
    "include_proposed": False,
    "include_comments": False,
    "include_landmarks": [],
    "fail_on": "error",
    "keymap": {},
    "plugins": [],
    "plain_score": None,
    "forum": {},
}

PROFILE = Schema(
    "a profile",
    (
        Field("id", "text", "The profile's name.", required=True),
        Field("title", "text", "A short title.", required=True),
        Field("description", "text", "Who the profile is for."),
        Field("rules", "any-mapping", "Changes to rules, as in the configuration.", required=True),
    ),
    doc="A named set of rule changes, such as stricter thresholds for Easy Read.",
)


@dataclass
class Override:
    """One change to the rules, from a profile, a file or the command line."""

    selector: str
    value: Any
    origin: str
    #: (path, line, column) of the value, for error messages
    where: tuple[str, int | None, int | None] = ("", None, None)
    source: str | None = None


@dataclass
class Settings:
    values: dict[str, Any]
    origins: dict[str, str]
    root: Path
    config_path: Path | None = None
    overrides: list[Override] = field(default_factory=list)
    #: where relative paths in each key are resolved from
    bases: dict[str, Path] = field(default_factory=dict)
    #: the folders the configuration file may name files in (see speakeasy.confine), and the keys whose value
    #: came from that file: a rule pack named there may name wordlists only in these folders
    repository: tuple[Path, ...] = ()
    from_file: frozenset[str] = frozenset()

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def base(self, key: str) -> Path:
        return self.bases.get(key, self.root)


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from ``start`` upwards."""
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in [folder, *folder.parents]:
        for name in CONFIG_NAMES:
            p = candidate / name
            if p.exists():  # a named pipe or a folder by this name is refused when read, not passed over
                return p
        py = candidate / "pyproject.toml"
        if py.is_file() and _has_tool_table(py):
            return py
    return None


def _has_tool_table(path: Path) -> bool:
    from .errors import InputError
    from .paths import read_file

    try:
        text = read_file(path).decode("utf-8")  # a regular file only: a named pipe would wait for ever
    except (InputError, UnicodeDecodeError):
        return False
    return "[tool.speakeasy" in text


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    import tomllib

    from .errors import InputError
    from .packs import not_read
    from .paths import read_file

    shown = display_path(path)
    try:
        text = read_file(path, shown, "configuration file").decode("utf-8")
    except InputError as exc:
        raise not_read(exc) from None
    except UnicodeDecodeError as exc:
        raise UserDataError(shown, f"speakeasy could not read this file ({exc}).") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserDataError(shown, f"This file is not valid TOML: {exc}.", source=text) from None
    table = data.get("tool", {}).get("speakeasy", {})
    if not isinstance(table, dict):
        raise UserDataError(shown, "[tool.speakeasy] should be a table of settings.", source=text)
    return table, text


def _toml_line(text: str, key: str) -> int | None:
    """The line of ``key =`` inside the [tool.speakeasy] part of a pyproject.toml."""
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        s = line.strip()
        if s.startswith("["):
            inside = s.startswith("[tool.speakeasy")
            if inside and s.strip("[]").strip() == f"tool.speakeasy.{key}":
                return number
            continue
        if inside and (s.startswith(f"{key} ") or s.startswith(f"{key}=") or s.startswith(f'"{key}"')):
            return number
    return None


def load_file(path: Path) -> tuple[dict[str, Any], dict[str, tuple[int | None, int | None]], str]:
    """Read and validate one configuration file.

    Returns (values, positions of each key and each `rules` selector, text).
    """
    shown = display_path(path)
    if path.name == "pyproject.toml":
        table, text = _read_toml(path)
        v = Validator(shown, text)
        positions: dict[str, tuple[int | None, int | None]] = {}
        out: dict[str, Any] = {}
        for key, value in table.items():
            line = _toml_line(text, key)
            positions[key] = (line, None)
            spec = CONFIG.field(key)
            if spec is None:
                hint = did_you_mean(closest(key, CONFIG.names()), f"The keys you can use are: {', '.join(CONFIG.names())}.",
                                    quote="`")
                v.errors.append(UserDataError(shown, f"`{key}` is not a setting speakeasy knows.", line, None, hint,
                                              source=text))
                continue
            node = yaml.compose(yaml.safe_dump(value), Loader=yaml.SafeLoader)
            tmp = Validator(shown, "")
            checked = tmp.value(node, spec, "the configuration")
            for e in tmp.errors:  # the positions are in the dumped YAML: use the TOML line instead
                v.errors.append(UserDataError(shown, e.problem, line, None, e.hint, source=text))
            if not tmp.errors and checked is not _invalid():
                out[key] = checked
                if key == "plugins":
                    v.errors.extend(_unknown_plugins(checked, shown, text, [(line, None)] * len(checked)))
            if key == "rules" and isinstance(value, dict):
                for sel in value:
                    positions[f"rules:{sel}"] = (_toml_line(text, "rules"), None)
        if v.errors:
            raise DataErrors(v.errors)
        return out, positions, text
    from .confine import compose as compose_file
    from .confine import refuse_foreign
    from .packs import read_yaml_text

    text = read_yaml_text(path, "configuration file")
    node = compose_file(text, shown, path)
    if path.name not in CONFIG_NAMES:  # named with --config: it may be any file, so quote none of one that is not ours
        refuse_foreign(shown, node, CONFIG.names(), "a speakeasy configuration file",
                       "Check the name: settings are in .speakeasy.yaml, or under [tool.speakeasy] in pyproject.toml.")
    if node is None:
        return {}, {}, text
    v = Validator(shown, text)
    data = v.mapping(node, CONFIG)
    if not v.errors and data.get("plugins"):
        loc = data["__pos__"].get("plugins")
        where = [loc.item(i) if loc else (None, None) for i in range(len(data["plugins"]))]
        v.errors.extend(_unknown_plugins(data["plugins"], shown, text, where))
    if v.errors:
        raise DataErrors(v.errors)
    positions = {k: (loc.line, loc.column) for k, loc in data.get("__pos__", {}).items()}
    # positions of each selector under `rules`
    if isinstance(node, yaml.MappingNode):
        for k, val in node.value:
            if getattr(k, "value", None) == "rules" and isinstance(val, yaml.MappingNode):
                for sk, sv in val.value:
                    positions[f"rules:{sk.value}"] = (sv.start_mark.line + 1, sv.start_mark.column + 1)
    return {k: val for k, val in data.items() if not k.startswith("__")}, positions, text


def _unknown_plugins(names: list[str], shown: str, text: str,
                     where: list[tuple[int | None, int | None]]) -> list[UserDataError]:
    """A problem for each name in `plugins` that no installed plugin has (nothing is imported)."""
    from .plugins import canonical, discover, unknown_message

    installed = discover()
    out = []
    for name, (line, column) in zip(names, where):
        if canonical(name) in installed:
            continue
        shown_names = [p.name for p in installed.values()]
        # "shouty" is close to "speakeasy-shouty": compare without the usual prefix too
        short = {key.removeprefix("speakeasy-"): key for key in installed}
        guess = closest(canonical(name).removeprefix("speakeasy-"), short)
        hint = did_you_mean(guess, "Install it with pip, or run `speakeasy plugins` to see the names.", quote="`",
                            shown=installed[short[guess]].name if guess else None)
        message = unknown_message(name, shown_names)
        out.append(UserDataError(shown, message[0].upper() + message[1:], line, column, hint, source=text))
    return out


def _invalid() -> Any:
    from .schema.scalars import INVALID

    return INVALID


def load_profile(name: str) -> tuple[dict[str, Any], dict[str, tuple[int | None, int | None]], str, str]:
    from .confine import looks_like_path
    from .packs import profile_paths, read_yaml_text

    profiles = profile_paths()
    path = profiles.get(name)
    if path is None:
        p = Path(name)
        if p.suffix in (".yaml", ".yml") and p.is_file():
            path = p
        elif looks_like_path(name) and p.exists() and not p.is_file():
            path = p  # a named pipe, a device or a folder: read_yaml_text says which
    if path is None:
        hint = did_you_mean(closest(name, profiles, cutoff=0.5), f"The profiles are: {', '.join(profiles) or 'none'}.")
        raise ConfigError(f"There is no profile called '{name}'. {hint}")
    from .confine import compose as compose_file
    from .confine import refuse_foreign

    shown = display_path(path)
    text = read_yaml_text(path, "profile")
    node = compose_file(text, shown, path)
    refuse_foreign(shown, node, PROFILE.names(), "a profile", "Start from a copy of a shipped profile. It begins "
                   "with `id:`.")
    v = Validator(shown, text)
    data = v.mapping(node, PROFILE) if node is not None else {}
    if v.errors:
        raise DataErrors(v.errors)
    positions: dict[str, tuple[int | None, int | None]] = {}
    if isinstance(node, yaml.MappingNode):
        for k, val in node.value:
            if getattr(k, "value", None) == "rules" and isinstance(val, yaml.MappingNode):
                for sk, sv in val.value:
                    positions[f"rules:{sk.value}"] = (sv.start_mark.line + 1, sv.start_mark.column + 1)
    return data.get("rules", {}), positions, text, shown


def resolve(
    cli: dict[str, Any] | None = None,
    config_file: Path | None = None,
    no_config: bool = False,
    cwd: Path | None = None,
) -> Settings:
    """Merge defaults, profile, file and command line into :class:`Settings`.

    ``cli`` holds only what the user typed: keys of :data:`DEFAULTS`, plus
    ``disable``/``enable`` (lists of selectors) and ``extra_wordlists``.
    """
    cli = dict(cli or {})
    cwd = cwd or Path.cwd()
    values = {k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v) for k, v in DEFAULTS.items()}
    origins = {k: "built-in default" for k in DEFAULTS}
    overrides: list[Override] = []
    bases: dict[str, Path] = {}

    path = None
    if not no_config:
        if config_file is not None:
            path = Path(config_file)
            if not path.exists():  # one that is there but is not a regular file is refused when read
                raise ConfigError(f"{config_file}: this configuration file does not exist.")
        else:
            path = find_config(cwd)
    file_values: dict[str, Any] = {}
    positions: dict[str, tuple[int | None, int | None]] = {}
    text = None
    if path is not None:
        file_values, positions, text = load_file(path)
    shown = display_path(path) if path else ""
    root = path.resolve().parent if path else cwd
    repository: tuple[Path, ...] = ()
    if path is not None:
        from .confine import repository_roots

        repository = repository_roots(path)
        _refuse_outside(file_values, positions, repository, root, cwd, cli, shown)

    # profile first (file or command line chooses it), then the file, then the command line
    profile = cli.get("profile") or file_values.get("profile")
    if profile:
        prules, ppos, ptext, pshown = load_profile(profile)
        values["profile"] = profile
        origins["profile"] = "command line (--profile)" if cli.get("profile") else _origin(shown, positions, "profile")
        for sel, val in prules.items():
            line, col = ppos.get(f"rules:{sel}", (None, None))
            overrides.append(Override(sel, val, f"profile {profile}", (pshown, line, col), ptext))

    for key, value in file_values.items():
        if key == "profile":
            continue
        if key == "rules":
            for sel, val in value.items():
                line, col = positions.get(f"rules:{sel}", (None, None))
                overrides.append(Override(str(sel), val, _origin(shown, positions, f"rules:{sel}"),
                                          (shown, line, col), text))
            values["rules"] = value
            origins["rules"] = _origin(shown, positions, "rules")
            continue
        values[key] = value
        origins[key] = _origin(shown, positions, key)
        bases[key] = root

    for key in ("packs", "keep", "ignore", "language_model", "include_proposed", "include_comments",
                "include_landmarks", "fail_on"):
        if cli.get(key) is not None and (cli.get(key) != [] or key == "packs"):
            if key in ("keep", "ignore") and values.get(key):
                values[key] = list(values[key]) + list(cli[key])
            else:
                values[key] = cli[key]
            origins[key] = f"command line (--{key.replace('_', '-')})"
            bases[key] = cwd
    if cli.get("extra_wordlists"):
        values["wordlists"] = list(values["wordlists"]) + [str(Path(cwd, w)) for w in cli["extra_wordlists"]]
        origins["wordlists"] = (origins["wordlists"] + " and " if values["wordlists"] != cli["extra_wordlists"] and
                                origins["wordlists"] != "built-in default" else "") + "command line (--wordlist)"
    if isinstance(cli.get("rules"), dict):
        # Changes to rules given by a program (``check_text(text, rules={...})``), after the file's.
        for sel, val in cli["rules"].items():
            overrides.append(Override(str(sel), val, "settings given by the program", ("settings", None, None)))
        values["rules"] = {**values["rules"], **cli["rules"]}
        origins["rules"] = "settings given by the program"
    for sel in cli.get("disable") or []:
        overrides.append(Override(sel, "off", "command line (--disable)", ("command line", None, None)))
    for sel in cli.get("enable") or []:
        overrides.append(Override(sel, "on", "command line (--enable)", ("command line", None, None)))
    if values["fail_on"] not in FAIL_ON:
        raise ConfigError(f"--fail-on cannot be '{values['fail_on']}'. Use one of: {', '.join(FAIL_ON)}.")
    from_file = frozenset(k for k, origin in origins.items() if shown and origin.startswith(shown)) if path else frozenset()
    return Settings(values, origins, root, path, overrides, bases, repository, from_file)


#: The settings that name files, and the command-line option that names them instead.
_PATH_SETTINGS = {"wordlists": "--wordlist", "packs": "--pack", "profile": "--profile",
                  "language_model": "--language-model"}


def _refuse_outside(file_values: dict[str, Any], positions: dict[str, tuple[int | None, int | None]],
                    repository: tuple[Path, ...], root: Path, cwd: Path, cli: dict[str, Any], shown: str) -> None:
    """Every file or folder the configuration file names must be inside the repository (issue 16, S3).

    Paths are resolved as they are when used: wordlists and packs from the file's folder, a profile and a
    language model from the current folder.  Settings the command line replaces are not checked.
    """
    from .confine import inside, looks_like_path, outside_message
    from .schema import DataErrors

    problems = []
    for key, flag in _PATH_SETTINGS.items():
        value = file_values.get(key)
        if not value or (key != "wordlists" and cli.get(key)):
            continue
        names = [value] if isinstance(value, str) else list(value)
        for name in names:
            if not isinstance(name, str) or (key != "wordlists" and not looks_like_path(name)):
                continue
            p = Path(name).expanduser() if key == "language_model" else Path(name)
            base = root if key in ("wordlists", "packs") else cwd
            p = p if p.is_absolute() else base / p
            if not inside(p, repository):
                line, column = positions.get(key, (None, None))
                problem, hint = outside_message(key, name, repository, flag, link=inside(p.parent, repository))
                problems.append(UserDataError(shown, problem, line, column, hint))
    if problems:
        raise DataErrors(problems)


def _origin(shown: str, positions: dict[str, tuple[int | None, int | None]], key: str) -> str:
    line = positions.get(key, (None, None))[0]
    return f"{shown}, line {line}" if line else shown
