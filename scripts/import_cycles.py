#!/usr/bin/env python3
"""Count the import cycles between speakeasy's modules, imports inside functions included.

    python scripts/import_cycles.py [--package speakeasy] [--verbose]

Every ``import`` and ``from ... import`` anywhere in a module counts: at the
top and inside a function or method, where speakeasy puts the imports it
makes only when needed. Imports under ``if TYPE_CHECKING:`` never run and
are left out, as import-linter leaves them out with
``exclude_type_checking_imports``; ``--type-checking`` counts them too. It prints each group of
modules that import one another in a circle (a strongly connected component
of the import graph) with one circle in it, and the number of groups. It
exits 0 when there are none and 1 when there are some, so CI can run it.

The imports pyproject.toml allows as exceptions (``ignore_imports`` in the
import-linter contracts, each written down with its reason) are left out, and
named on standard error; ``--all`` counts them too.

Importing ``speakeasy.readers`` also runs ``speakeasy/readers/__init__.py``,
but that is not counted as an import of the package's own modules: an
edge goes to the module named, or to the package ``__init__`` when a name
is taken from it.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules(package_dir: Path, package: str) -> dict[str, Path]:
    """Every module of the package: dotted name -> file."""
    out: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(package_dir).with_suffix("")
        parts = [package, *rel.parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def resolve(current: str, is_package: bool, level: int, module: str | None) -> str:
    """The absolute name of ``from <level dots><module> import ...`` written in ``current``."""
    if level == 0:
        return module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else ""
            if name == "TYPE_CHECKING":
                for inner in node.body:
                    out.update(id(n) for n in ast.walk(inner))
    return out


def imports_of(name: str, path: Path, known: dict[str, Path], type_checking: bool = False) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = set() if type_checking else _type_checking_only(tree)
    is_package = path.name == "__init__.py"
    out: set[str] = set()

    def add(target: str) -> None:
        # the longest known module the name starts with ("speakeasy.kinds.base.Kind" -> "speakeasy.kinds.base")
        parts = target.split(".")
        while parts:
            cand = ".".join(parts)
            if cand in known:
                if cand != name:
                    out.add(cand)
                return
            parts.pop()

    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = resolve(name, is_package, node.level, node.module)
            for alias in node.names:
                full = f"{base}.{alias.name}" if base else alias.name
                add(full if full in known else base)
    return out


def allowed_imports(pyproject: Path) -> set[tuple[str, str]]:
    """The imports the import-linter contracts in ``pyproject`` allow as exceptions: (importer, imported)."""
    import tomllib

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    out = set()
    for contract in data.get("tool", {}).get("importlinter", {}).get("contracts", []):
        for line in contract.get("ignore_imports", []):
            importer, _, imported = line.partition("->")
            out.add((importer.strip(), imported.strip()))
    return out


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, without recursion (the graph may be deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    group.append(w)
                    if w == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def a_cycle(group: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One circle through the first module of a group, found breadth first (the shortest)."""
    members = set(group)
    start = group[0]
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for child in sorted(graph[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [*reversed(path), start]
                if child not in came:
                    came[child] = node
                    nxt.append(child)
        frontier = nxt
    return group


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--package", default="speakeasy")
    ap.add_argument("--type-checking", action="store_true",
                    help="count the imports under 'if TYPE_CHECKING:' too")
    ap.add_argument("--verbose", action="store_true", help="also list each module's imports in the groups")
    ap.add_argument("--all", action="store_true", help="count the imports pyproject.toml allows as exceptions too")
    args = ap.parse_args(argv)
    known = modules(ROOT / args.package, args.package)
    graph = {name: imports_of(name, path, known, args.type_checking) for name, path in known.items()}
    if not args.all:
        for importer, imported in sorted(allowed_imports(ROOT / "pyproject.toml")):
            if imported in graph.get(importer, ()):
                graph[importer].discard(imported)
                print(f"left out, as pyproject.toml allows it: {importer} -> {imported}", file=sys.stderr)
    groups = strongly_connected(graph)
    for group in groups:
        print(f"{len(group)} modules import one another in a circle, for example:")
        print("  " + " -> ".join(a_cycle(group, graph)))
        if args.verbose:
            members = set(group)
            for m in group:
                print(f"    {m} imports {', '.join(sorted(graph[m] & members))}")
    print(f"{len(groups)} import cycles in {len(known)} modules.")
    return 1 if groups else 0


if __name__ == "__main__":
    sys.exit(main())
