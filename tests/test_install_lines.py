"""The docs install only what the project owns.

`pip install speakeasy` once installed an unrelated program with its own `speakeasy` command
(issue 20), so every `pip install` in README.md, docs/ and the plugins' READMEs must name the
distribution in pyproject.toml (with its extras), a plugin in plugins/, or a path.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")), *sorted(ROOT.glob("plugins/*/README.md"))]
#: pip options that take a value (the value is not a package)
VALUED = {"-r", "--requirement", "-c", "--constraint", "-t", "--target", "-i", "--index-url",
          "--extra-index-url", "-f", "--find-links", "--prefix", "--root", "--python", "--platform",
          "--config-settings", "-C", "--src", "--upgrade-strategy", "--report", "--progress-bar"}
PIP_INSTALL = re.compile(r"\bpip3?\s+install\b(?P<rest>[^\n]*)")


def _name(pyproject: Path) -> str:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["name"]


def owned_names() -> set[str]:
    """The distribution and every plugin in plugins/, as pip compares names."""
    names = {_name(ROOT / "pyproject.toml")}
    names |= {_name(p) for p in ROOT.glob("plugins/*/pyproject.toml")}
    return {canonicalize_name(n) for n in names}


def install_lines(text: str) -> list[str]:
    """What follows each `pip install` in the text, up to the end of its command."""
    out = []
    for m in PIP_INSTALL.finditer(text):
        rest = re.split(r"&&|;|\|\||\||`", m.group("rest"))[0]
        out.append(rest.split(" #")[0].strip())
    return out


def is_path(arg: str) -> bool:
    base = arg.split("[", 1)[0]
    return base in (".", "..") or base.startswith(("./", "../", "/", "~")) or "/" in base


def foreign(args: str, owned: set[str]) -> list[str]:
    """The arguments of one `pip install` that name a package the project does not own."""
    words = shlex.split(args)
    bad: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in VALUED:
            skip = True
            continue
        if word.startswith("-"):  # -e, -q, --no-deps, --option=value
            continue
        if is_path(word):
            continue
        try:
            name = canonicalize_name(Requirement(word).name)
        except InvalidRequirement:
            bad.append(word)
            continue
        if name not in owned:
            bad.append(word)
    return bad


def test_the_distribution_name_is_not_the_unrelated_speakeasy() -> None:
    # 'speakeasy' on the package index is a metrics aggregation server; the command stays speakeasy
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["name"] == "speakeasy-lint"
    assert data["project"]["scripts"]["speakeasy"] == "speakeasy.cli:main"
    for plugin in ROOT.glob("plugins/*/pyproject.toml"):
        deps = tomllib.loads(plugin.read_text(encoding="utf-8"))["project"]["dependencies"]
        names = {canonicalize_name(Requirement(d).name) for d in deps}
        assert "speakeasy" not in names and "speakeasy-lint" in names, plugin


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_docs_install_only_what_the_project_owns(doc: Path) -> None:
    owned = owned_names()
    bad = {args: foreign(args, owned) for args in install_lines(doc.read_text(encoding="utf-8"))}
    assert not {k: v for k, v in bad.items() if v}, f"{doc.name} installs names the project does not own"


def test_the_docs_do_install_speakeasy_lint_somewhere() -> None:
    lines = [a for d in DOCS for a in install_lines(d.read_text(encoding="utf-8"))]
    assert any("speakeasy-lint" in a for a in lines)


@pytest.mark.parametrize(("args", "bad"), [
    ("speakeasy", ["speakeasy"]),
    ("speakeasy-lint", []),
    ("'speakeasy-lint[audit]'", []),
    ("Speakeasy_Lint>=0.1", []),
    ("-e '.[test]'", []),
    (".", []),
    ("--no-build-isolation --no-deps -e plugins/speakeasy-email-reader", []),
    ("speakeasy-email-reader", []),
    ("-r requirements.txt requests", ["requests"]),
    ("speakeasy-lint speakeasy2", ["speakeasy2"]),
])
def test_the_checker_itself(args: str, bad: list[str]) -> None:
    assert foreign(args, owned_names()) == bad


def test_lines_are_found_in_shell_and_yaml() -> None:
    text = ("python3 -m venv .venv && . .venv/bin/activate && pip install . && speakeasy check x.md\n"
            "      - run: pip install speakeasy   # a comment\n"
            "Run `pip install speakeasy-lint` first.\n")
    assert install_lines(text) == [".", "speakeasy", "speakeasy-lint"]
