"""speakeasy's Python API: check text, files and folders from a program (docs/api.md).

* :func:`check_text` checks a string with the built-in settings;
* :func:`check_paths` checks files and folders with the settings file found
  from the current folder, as ``speakeasy check`` does;
* :func:`lint` checks the bytes of one file and returns its findings.  It
  reads no settings file, writes nothing, and everything it takes and gives
  pickles, so it can run in another process or on another machine.

Each takes a :class:`Settings`, or the same settings as keyword arguments.  A
keyword that is not a setting is a ``TypeError`` that names it.  Importing
this module is cheap: the engine loads on the first check.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from .model import FileResult, Finding, Report
    from .ruleset import RuleSet

__all__ = ["Settings", "check_paths", "check_text", "lint"]

#: The settings that are lists (a single text is taken as a list of one, as in a settings file).
_LISTS = ("packs", "keep", "ignore", "extra_wordlists", "enable", "disable", "include_landmarks")
_TEXTS = ("profile", "language_model", "fail_on")
_SWITCHES = ("include_proposed", "include_comments")


@dataclass(frozen=True)
class Settings:
    """The settings a program may give, as the settings file and the command line do.

    A setting left as it is (None, or empty) changes nothing: the settings file
    (for :func:`check_paths`) or the built-in default decides.  Lists may be
    given as lists or tuples; they are kept as tuples.
    """

    #: Rule packs to use: ``"default"`` for the shipped ones, pack names, or paths to .yaml files.
    #: None: the settings file's, or the default ones; ``()``: no packs.
    packs: tuple[str, ...] | None = None
    #: A profile with its own thresholds, like ``"easy-read"``.
    profile: str | None = None
    #: Changes to rules, by id, pack or glob: ``"off"``, a level, or settings such as ``{"thresholds": ...}``.
    rules: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: Words your organisation has decided to keep: never flagged.
    keep: tuple[str, ...] = ()
    #: Files and folders not to check, as globs like ``"drafts/**"`` (for :func:`check_paths`).
    ignore: tuple[str, ...] = ()
    #: Your own wordlists (paths to .yaml files), added to the settings file's.
    extra_wordlists: tuple[str, ...] = ()
    #: Rules to switch on, or off, by id, pack or glob.
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    #: An installed trained spaCy pipeline to use, like ``"en_core_web_sm"``.
    language_model: str | None = None
    #: True to use words the forum has proposed but not yet agreed.
    include_proposed: bool | None = None
    #: True to check the comments in Word, OpenDocument and PDF files too.
    include_comments: bool | None = None
    #: Parts of web pages to check as well as the main content: ``header``, ``footer``, ``nav``, ``aside``.
    include_landmarks: tuple[str, ...] = ()
    #: The level that makes a check fail: suggestion, warning, error or never.
    fail_on: str | None = None

    def __post_init__(self) -> None:
        for name in _LISTS:
            value = getattr(self, name)
            if value is None and name == "packs":
                continue
            object.__setattr__(self, name, _texts(name, value))
        for name in _TEXTS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, (str, os.PathLike)):
                raise TypeError(f"The setting {name} should be text, not {_what(value)}.")
            if value is not None:
                object.__setattr__(self, name, os.fspath(value))
        for name in _SWITCHES:
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise TypeError(f"The setting {name} should be True or False, not {_what(value)}.")
        if not isinstance(self.rules, Mapping):
            raise TypeError(f"The setting rules should be a dict of rule ids and changes, like "
                            f"{{'plain-english.words': 'off'}}, not {_what(self.rules)}.")
        object.__setattr__(self, "rules", dict(self.rules))

    @classmethod
    def names(cls) -> list[str]:
        """The names of the settings, in order."""
        return [f.name for f in fields(cls)]

    def as_config(self) -> dict[str, Any]:
        """The settings that were given, as :func:`speakeasy.config.resolve` takes them."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "packs" and value is not None:
                out["packs"] = list(value)
            elif isinstance(value, tuple) and value:
                out[f.name] = list(value)
            elif isinstance(value, dict) and value:
                out[f.name] = dict(value)
            elif value is not None and not isinstance(value, (tuple, dict)):
                out[f.name] = value
        return out


def _what(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _texts(name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, (str, os.PathLike)):
        return (os.fspath(value),)
    if not isinstance(value, (list, tuple)):
        raise TypeError(f"The setting {name} should be a list of texts, not {_what(value)}.")
    for item in value:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"Each item of the setting {name} should be text, not {_what(item)}.")
    return tuple(os.fspath(item) for item in value)


def _settings(function: str, settings: Settings | None, keywords: dict[str, Any]) -> Settings:
    """``settings`` with ``keywords`` on top; a keyword that is not a setting is a TypeError naming it."""
    from .hints import closest, did_you_mean

    if settings is not None and not isinstance(settings, Settings):
        raise TypeError(f"{function}() takes settings=speakeasy.Settings(...), not {_what(settings)}. "
                        f"To give the settings one by one, write them as keywords: {function}(..., keep=['word']).")
    valid = Settings.names()
    for name in keywords:
        if name not in valid:
            hint = did_you_mean(closest(name, valid, loose=True))
            raise TypeError(f"{function}() has no setting called '{name}'." + (f" {hint}" if hint else "")
                            + f" The settings are: {', '.join(valid)}.")
    base = settings if settings is not None else Settings()
    return replace(base, **keywords) if keywords else base


def check_text(text: str, path: str = "<text>", format: str = "markdown", settings: Settings | None = None,
               **keywords: Any) -> "FileResult":
    """Check a string with the built-in settings (no settings file is read), changed by ``settings``.

    ``path`` is the name shown in findings; ``format`` is how to read the text:
    ``markdown``, ``text`` or ``html``.  Returns a
    :class:`~speakeasy.model.FileResult`: ``.findings``, ``.stats`` and ``.document``.
    """
    from .config import resolve
    from .engine import lint_text
    from .ruleset import build_ruleset

    if not isinstance(text, str):
        raise TypeError(f"check_text() checks text (a str), not {_what(text)}. For bytes, use speakeasy.lint().")
    chosen = _settings("check_text", settings, keywords)
    ruleset = build_ruleset(resolve(chosen.as_config(), no_config=True))
    return lint_text(text, ruleset, os.fspath(path), format)


def check_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], settings: Settings | None = None,
                **keywords: Any) -> "Report":
    """Check files and folders with the settings file found from the current folder, changed by ``settings``.

    ``paths`` is one path or a list of them; folders are checked with all the
    files in them that speakeasy can read.  Returns a
    :class:`~speakeasy.model.Report`: ``.files`` (one result for each file)
    and ``.errors`` (the files that could not be read).
    """
    from .config import resolve
    from .ruleset import build_ruleset
    from .runner import lint_paths

    chosen = _settings("check_paths", settings, keywords)
    names = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(p) for p in paths]
    return lint_paths(names, build_ruleset(resolve(chosen.as_config())))


def lint(data: bytes, filename: str, settings: Settings | None = None) -> "list[Finding]":
    """The findings for one file's bytes, read as ``filename``'s extension says (as text when it says nothing).

    Pure: it reads no settings file and no ignore file and writes nothing, so
    the same bytes, name and settings give the same findings anywhere (give
    wordlists and packs as absolute paths).  Everything it takes and gives
    pickles.  A file that cannot be read raises :class:`~speakeasy.errors.InputError`;
    settings that are wrong raise a :class:`~speakeasy.errors.ConfigError`.
    """
    from .engine import lint_document
    from .readers import ReadOptions, format_for, read_bytes

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"lint() checks bytes, not {_what(data)}. For text, use text.encode('utf-8').")
    chosen = _settings("lint", settings, {})
    ruleset = _ruleset_for(chosen)
    doc = read_bytes(filename, bytes(data), format_for(filename) or "text",
                     options=ReadOptions.from_settings(ruleset.settings))
    return list(lint_document(doc, ruleset).findings)


#: Rule sets already built in this process, by settings: building one takes far longer than
#: checking a page, and a process that runs lint() for many files uses the same settings.
_RULESETS: dict[tuple[str, str], "RuleSet"] = {}


def _ruleset_for(settings: Settings) -> "RuleSet":
    from .config import resolve
    from .ruleset import build_ruleset

    key = (repr(sorted(settings.as_config().items())), os.getcwd())  # relative paths depend on the folder
    ruleset = _RULESETS.get(key)
    if ruleset is None:
        if len(_RULESETS) >= 8:
            _RULESETS.clear()
        ruleset = build_ruleset(resolve(settings.as_config(), no_config=True))
        ruleset.ignore_entries = []  # the current folder's .speakeasy-ignore.yaml is not lint()'s input
        ruleset = _RULESETS[key] = ruleset
    return ruleset
