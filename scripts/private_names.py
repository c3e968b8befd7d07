#!/usr/bin/env python3
"""List the places where a speakeasy module uses another module's private name.

    python scripts/private_names.py [--package speakeasy]

A private name starts with one underscore (``_helper``; ``__all__`` and other
dunder names are public). A module uses another's private name when it

* imports it: ``from .readers import _table`` (at the top or inside a
  function), or
* reaches it through the module: ``from . import readers`` or
  ``import speakeasy.readers as readers``, then ``readers._table``.

A private name reached through a full dotted path without an alias
(``import speakeasy.readers`` then ``speakeasy.readers._table``) is not
seen: speakeasy's modules import one another by relative names.

A module may use its own private names, of course. The script prints each
place as ``file:line: module uses other.module._name`` and exits 1 if there
are any, 0 if there are none, so CI can run it (tests/test_architecture.py
does). Issue 17: "No module imports another module's _private name."
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_cycles import ROOT, resolve, modules  # noqa: E402  (the same reading of the package)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def uses(package_dir: Path, package: str) -> list[tuple[Path, int, str, str]]:
    """(file, line, the module that uses it, what it uses) for every private name used across modules."""
    found: list[tuple[Path, int, str, str]] = []
    mods = modules(package_dir, package)
    for name, path in mods.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        bound: dict[str, str] = {}  # a local name -> the speakeasy module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = resolve(name, is_package, node.level, node.module)
                if not source.startswith(package):
                    continue
                for alias in node.names:
                    full = f"{source}.{alias.name}"
                    if full in mods:  # a module: "from . import readers"
                        bound[alias.asname or alias.name] = full
                    elif _private(alias.name) and source != name:
                        found.append((path, node.lineno, name, full))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in mods and alias.asname:
                        bound[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                    and node.value.id in bound and bound[node.value.id] != name):
                found.append((path, node.lineno, name, f"{bound[node.value.id]}.{node.attr}"))
    return sorted(set(found))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", default="speakeasy")
    args = ap.parse_args(argv)
    places = uses(ROOT / args.package, args.package)
    for path, line, user, what in places:
        print(f"{path.relative_to(ROOT)}:{line}: {user} uses {what}")
    print(f"{len(places)} uses of another module's private name.")
    return 1 if places else 0


if __name__ == "__main__":
    sys.exit(main())
