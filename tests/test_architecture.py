"""speakeasy's layers only point down, no modules import one another in a circle, and every package is installed.

docs/architecture.md describes the layers; pyproject.toml holds the import-linter contracts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT


def test_no_import_cycles() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_cycles.py")], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().endswith("modules.") and proc.stdout.startswith("0 import cycles"), proc.stdout


def test_the_cycle_counter_finds_a_cycle(tmp_path: Path) -> None:
    """The script must be able to fail: a circle through an import inside a function counts."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text("from .sub import b\n", encoding="utf-8")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import x\n", encoding="utf-8")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import y\n",
                              encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import import_cycles
    finally:
        sys.path.pop(0)
    known = import_cycles.modules(pkg, "pkg")
    graph = {n: import_cycles.imports_of(n, p, known) for n, p in known.items()}
    assert import_cycles.strongly_connected(graph) == [["pkg.a", "pkg.sub.b"]]
    assert graph["pkg.c"] == set()  # only for type hints: never runs
    with_hints = {n: import_cycles.imports_of(n, p, known, type_checking=True) for n, p in known.items()}
    assert with_hints["pkg.c"] == {"pkg.a"}


def test_no_module_uses_another_modules_private_names() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "private_names.py")], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "0 uses of another module's private name.", proc.stdout


def test_the_private_name_finder_finds_them(tmp_path: Path) -> None:
    """The script must be able to fail: an import of a private name, and one reached through a module."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text("_hidden = 1\n__version__ = '1'\ndef _own():\n    return _hidden\n", encoding="utf-8")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import _hidden, __version__\n", encoding="utf-8")
    (pkg / "c.py").write_text("from . import a\nimport pkg.a as aa\nx = a._hidden + aa._own() + a.__version__\n",
                              encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import private_names
    finally:
        sys.path.pop(0)
    found = [(user, what) for _, _, user, what in private_names.uses(pkg, "pkg")]
    assert sorted(found) == [("pkg.c", "pkg.a._hidden"), ("pkg.c", "pkg.a._own"), ("pkg.sub.b", "pkg.a._hidden")]


def test_layers_only_point_down() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.fail("lint-imports is not installed: pip install -e '.[test]' installs import-linter")
    proc = subprocess.run([lint, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_every_package_folder_is_installed() -> None:
    """pyproject.toml lists the packages by hand: a new folder left out breaks an installed speakeasy."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "speakeasy").rglob("__init__.py")
               if "__pycache__" not in p.parts}
    assert folders - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_the_cycle_counter_leaves_out_only_the_exceptions_pyproject_allows(tmp_path: Path) -> None:
    """An import pyproject.toml allows (``ignore_imports``, with its reason) is not counted; `--all` counts it."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import import_cycles
    finally:
        sys.path.pop(0)
    toml = tmp_path / "pyproject.toml"
    toml.write_text('[[tool.importlinter.contracts]]\nname = "x"\ntype = "layers"\nlayers = ["pkg.a", "pkg.b"]\n'
                    'ignore_imports = [\n    # why\n    "pkg.b -> pkg.a",\n]\n', encoding="utf-8")
    assert import_cycles.allowed_imports(toml) == {("pkg.b", "pkg.a")}
    assert import_cycles.allowed_imports(tmp_path / "missing.toml") == set()
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "import_cycles.py"), "--all"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    allowed = import_cycles.allowed_imports(ROOT / "pyproject.toml")
    for line in proc.stdout.splitlines():
        if " -> " in line:  # every circle left goes through an allowed import
            hops = [m.strip() for m in line.split("->")]
            assert any((a, b) in allowed for a, b in zip(hops, hops[1:])), line
