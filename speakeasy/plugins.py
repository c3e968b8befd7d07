"""Plugins: rule kinds, readers and rule packs from other Python packages.

A plugin is an installed distribution (a package you ``pip install``) that
declares one or more Python entry points in these groups:

* ``speakeasy.kinds``: a :class:`~speakeasy.kinds.base.Kind` subclass;
* ``speakeasy.readers``: a :class:`~speakeasy.readers.Reader`;
* ``speakeasy.packs``: a folder with ``rules/*.yaml`` (rule packs) and maybe
  ``wordlists/*.yaml``, given as a package (its folder), a path, or a
  function that returns one.

A plugin's name is its **distribution name** (what you ``pip install``, like
``speakeasy-email-reader``), compared without regard to case, ``-``, ``_``
or ``.``.  A plugin runs only when the configuration names it
(``plugins: [speakeasy-email-reader]``): the others are listed from their
metadata only, and their code is never imported.

A plugin that cannot be loaded (its code fails to import, or an entry point
is not what its group needs) is left out whole, with one line on standard
error that names it and its version, and the run goes on.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

GROUPS = {
    "speakeasy.kinds": "kind",
    "speakeasy.readers": "reader",
    "speakeasy.packs": "packs",
}


def canonical(name: str) -> str:
    """The name as pip compares it: lower case, runs of ``-_.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Plugin:
    """One installed plugin, from its metadata only (nothing imported)."""

    name: str
    version: str
    entry_points: list[metadata.EntryPoint] = field(default_factory=list)

    @property
    def provides(self) -> list[str]:
        """What it provides, like ``["kind easyread-numbers", "packs"]``."""
        out = []
        for ep in self.entry_points:
            what = GROUPS[ep.group]
            out.append(what if what == "packs" else f"{what} {ep.name}")
        return out

    @property
    def label(self) -> str:
        return f"'{self.name}' {self.version}"


def discover() -> dict[str, Plugin]:
    """Every installed plugin, by canonical name, in name order.  Imports nothing."""
    found: dict[str, Plugin] = {}
    for group in GROUPS:
        for ep in metadata.entry_points(group=group):
            dist = getattr(ep, "dist", None)
            name = dist.metadata["Name"] if dist is not None else ep.name
            version = dist.version if dist is not None else "unknown"
            plugin = found.setdefault(canonical(name), Plugin(name, version))
            if not any(e.group == ep.group and e.name == ep.name for e in plugin.entry_points):
                plugin.entry_points.append(ep)
    return dict(sorted(found.items()))


def unknown_message(name: str, installed: Iterable[str]) -> str:
    names = sorted(installed)
    return (f"no plugin called '{name}' is installed; installed: "
            f"{', '.join(names) if names else 'none'}.")


# ---------------------------------------------------------------------------
# Loading the enabled ones


@dataclass
class Loaded:
    """What the enabled plugins provide, for this process."""

    #: (name, version) of every plugin that loaded, in the order named
    plugins: list[tuple[str, str]] = field(default_factory=list)
    kinds: dict[str, type] = field(default_factory=dict)
    #: kind name -> plugin label
    kind_owner: dict[str, str] = field(default_factory=dict)
    readers: list[tuple[Any, str]] = field(default_factory=list)
    #: folders of rule packs and of wordlists
    pack_dirs: list[Path] = field(default_factory=list)
    wordlist_dirs: list[Path] = field(default_factory=list)
    #: one line per plugin that could not be loaded
    problems: list[str] = field(default_factory=list)
    #: the files or folders of the plugins' code (the top package of each entry point)
    code: list[Path] = field(default_factory=list)

    def code_stamp(self) -> str:
        """Name, size and time of every file of the plugins' code and packs, so an edited plugin misses the cache.

        A plugin installed for development (``pip install -e``) keeps its version when its code changes.
        """
        from .cache import files_stamp

        files = []
        for root in set(self.code) | set(self.pack_dirs) | set(self.wordlist_dirs):
            for f in root.rglob("*") if root.is_dir() else [root]:
                if f.suffix in (".py", ".yaml", ".yml", ".json", ".txt") and "__pycache__" not in f.parts:
                    files.append(f)
        return files_stamp(set(files))


_ACTIVE = Loaded()
_ACTIVE_NAMES: tuple[str, ...] = ()
#: Problems already shown in this process (each is shown once).
_SHOWN: set[str] = set()
#: Worker processes do not repeat the problems the main process showed.
QUIET = False


def active() -> Loaded:
    """What the plugins enabled by the last :func:`activate` provide."""
    return _ACTIVE


def activate(names: Iterable[str], *, report: bool = True) -> Loaded:
    """Load the plugins named (and only those); unknown names were checked with the configuration.

    Calling it again with the same names does nothing; with other names,
    the plugins no longer named are switched off.
    """
    global _ACTIVE, _ACTIVE_NAMES
    wanted = tuple(dict.fromkeys(canonical(n) for n in names))
    if wanted == _ACTIVE_NAMES:
        return _ACTIVE
    loaded = Loaded()
    if wanted:
        installed = discover()
        for key in wanted:
            plugin = installed.get(key)
            if plugin is None:
                loaded.problems.append(f"speakeasy: warning: {unknown_message(key, (p.name for p in installed.values()))}")
                continue
            _load_one(plugin, loaded)
    _ACTIVE, _ACTIVE_NAMES = loaded, wanted
    _install_readers(loaded)
    if report and not QUIET:
        for line in loaded.problems:
            if line not in _SHOWN:
                _SHOWN.add(line)
                sys.stderr.write(line + "\n")
    return loaded


def reset() -> None:
    """Switch every plugin off (for tests)."""
    global _ACTIVE, _ACTIVE_NAMES
    _ACTIVE, _ACTIVE_NAMES = Loaded(), ()
    _install_readers(_ACTIVE)
    _SHOWN.clear()


def _load_one(plugin: Plugin, loaded: Loaded) -> None:
    """Load every entry point of one plugin, or none of them."""
    from .kinds.base import Kind
    from .kinds.builtin import builtin_registry
    from .readers import Reader, builtin_suffixes

    kinds: dict[str, type] = {}
    readers: list[Any] = []
    pack_dirs: list[Path] = []
    wordlist_dirs: list[Path] = []

    def fail(ep: metadata.EntryPoint, why: str) -> None:
        loaded.problems.append(
            f"speakeasy: warning: the plugin {plugin.label} could not be loaded, so it was left out: {why} "
            f"(entry point '{ep.name} = {ep.value}' in {ep.group})."
        )

    taken_suffixes = set(builtin_suffixes()) | {s for r, _ in loaded.readers for s in r.suffixes}
    for ep in plugin.entry_points:
        try:
            obj = ep.load()
        except Exception as exc:  # noqa: BLE001 - any failure leaves the plugin out, never the run
            return fail(ep, f"{type(exc).__name__}: {exc}")
        what = GROUPS[ep.group]
        if what == "kind":
            if not (isinstance(obj, type) and issubclass(obj, Kind)):
                return fail(ep, f"it gives {_describe(obj)}, not a subclass of speakeasy.kinds.base.Kind")
            if not obj.name:
                return fail(ep, f"the kind {obj.__name__} has no `name`")
            if obj.name in builtin_registry() or obj.name in loaded.kinds:
                return fail(ep, f"there is already a kind called '{obj.name}'")
            kinds[obj.name] = obj
        elif what == "reader":
            if callable(obj) and not isinstance(obj, Reader):
                try:
                    obj = obj()
                except Exception as exc:  # noqa: BLE001
                    return fail(ep, f"{type(exc).__name__}: {exc}")
            if not isinstance(obj, Reader):
                return fail(ep, f"it gives {_describe(obj)}, not a speakeasy.readers.Reader")
            clash = sorted(set(obj.suffixes) & taken_suffixes)
            if clash:
                return fail(ep, f"another reader already reads {', '.join(clash)} files")
            readers.append(obj)
        else:
            try:
                folder = _folder(obj)
            except Exception as exc:  # noqa: BLE001
                return fail(ep, f"{type(exc).__name__}: {exc}")
            if folder is None:
                return fail(ep, f"it gives {_describe(obj)}, not a folder that exists")
            rules = folder / "rules"
            if not rules.is_dir():
                return fail(ep, f"the folder {folder} has no `rules` folder in it")
            pack_dirs.append(rules)
            if (folder / "wordlists").is_dir():
                wordlist_dirs.append(folder / "wordlists")
    label = f"{plugin.name} {plugin.version}"
    loaded.plugins.append((plugin.name, plugin.version))
    loaded.code.extend(p for p in map(_code_of, plugin.entry_points) if p is not None)
    loaded.kinds.update(kinds)
    loaded.kind_owner.update({k: label for k in kinds})
    loaded.readers.extend((r, label) for r in readers)
    loaded.pack_dirs.extend(pack_dirs)
    loaded.wordlist_dirs.extend(wordlist_dirs)


def _code_of(ep: metadata.EntryPoint) -> Path | None:
    """The folder of the top package an entry point's module is in (or the module's file)."""
    module = sys.modules.get(ep.module.split(".")[0])
    where = getattr(module, "__file__", None)
    if not where:
        return None
    path = Path(where)
    return path.parent if path.name == "__init__.py" else path


def _describe(obj: Any) -> str:
    if isinstance(obj, type):
        return f"the class {obj.__name__}"
    return f"a {type(obj).__name__}"


def _folder(obj: Any) -> Path | None:
    """A packs entry point's folder: a package, a path, or a function returning one."""
    import types

    if callable(obj) and not isinstance(obj, (types.ModuleType, type)):
        obj = obj()
    if isinstance(obj, types.ModuleType):
        from importlib import resources

        obj = resources.files(obj.__name__)
    path = Path(str(obj))
    return path if path.is_dir() else None


def _install_readers(loaded: Loaded) -> None:
    from . import readers

    readers.set_plugin_readers(loaded.readers)


def pack_paths() -> dict[str, Path]:
    """The rule packs of the enabled plugins, by file name without ``.yaml``."""
    out: dict[str, Path] = {}
    for folder in _ACTIVE.pack_dirs:
        for p in sorted(folder.glob("*.yaml")):
            out.setdefault(p.stem, p)
    return out


def wordlist_owners(name: str) -> list[str]:
    """Installed plugins that are not in use and ship a wordlist called ``name``, by name.

    Their code is not run: a packs entry point that names a package is found
    on disk.  One that names a function cannot be looked into, and is skipped.
    """
    in_use = {canonical(n) for n, _ in _ACTIVE.plugins}
    out = []
    for key, plugin in discover().items():
        if key in in_use:
            continue
        for ep in plugin.entry_points:
            folder = _find_folder(ep) if ep.group == "speakeasy.packs" else None
            if folder is not None and any((folder / "wordlists" / f"{name}{s}").is_file() for s in (".yaml", ".yml")):
                out.append(plugin.name)
                break
    return out


def _find_folder(ep: metadata.EntryPoint) -> Path | None:
    """The folder of a packs entry point that names a package, found without importing it."""
    import importlib.util

    if ep.attr:
        return None  # a function or a value: only the plugin's code can say
    top, *rest = ep.module.split(".")
    try:
        spec = importlib.util.find_spec(top)  # for a top-level name this finds, and runs nothing
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location).joinpath(*rest)
        if folder.is_dir():
            return folder
    return None


def kind_owner(kind_name: str) -> str | None:
    """``"name version"`` of the plugin that gives a kind, or None for a built-in one."""
    return _ACTIVE.kind_owner.get(kind_name)
