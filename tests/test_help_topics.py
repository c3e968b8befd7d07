"""`speakeasy help` lists the guides and `speakeasy help TOPIC` prints one; no message points at docs/ (issue 20).

That the guides are in the installed wheel, and read from there, is tested in test_packaging.py.
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.helptopics import render, title, topics

GUIDES = sorted((ROOT / "docs").glob("*.md"))


def test_every_guide_is_a_topic() -> None:
    assert list(topics()) == [p.stem for p in GUIDES]
    assert "plugins" in topics() and "configuration" in topics()


def test_help_lists_the_topics_with_their_titles(cli) -> None:
    code, out, err = cli("help")
    assert code == 0, err
    for path in GUIDES:
        assert re.search(rf"^  {re.escape(path.stem)} +{re.escape(title(path))}$", out, re.M), path.stem
    assert "speakeasy help plugins" in out


def test_help_plugins_prints_the_guide(cli) -> None:
    code, out, err = cli("help", "plugins")
    assert (code, err) == (0, "")
    assert out.startswith("# Plugins\n")
    assert "## Using a plugin" in out
    assert out == render((ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")).rstrip("\n") + "\n"
    # any case, and with .md, as people may type it
    assert cli("help", "Plugins.md")[1] == out


def test_an_unknown_topic(cli) -> None:
    code, out, err = cli("help", "plugin")
    assert code == 2 and out == ""
    assert err.startswith("speakeasy: error: there is no help topic called 'plugin'. Did you mean 'plugins'? ")
    assert "The topics are: accessibility, api," in err and err.count("\n") == 1


def test_links_become_help_topics() -> None:
    text = ("Read [the settings guide](configuration.md#parts-of-web-pages), [the web](https://example.org), "
            "[above](#top), [the README](../README.md) and ![a chart](images/report.png).")
    assert render(text) == ("Read the settings guide (speakeasy help configuration), [the web](https://example.org), "
                            "above, the README and (picture: a chart).")


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.stem)
def test_every_link_between_guides_names_a_topic(path: Path) -> None:
    shown = render(path.read_text(encoding="utf-8"))
    for name in re.findall(r"\(speakeasy help ([\w-]+)\)", shown):
        assert name in topics(), f"{path.name} links to a guide that is not there: {name}"


def test_the_guides_are_mapped_into_the_package() -> None:
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert tool["package-dir"]["speakeasy.docs"] == "docs"
    assert "speakeasy.docs" in tool["packages"]
    assert tool["package-data"]["speakeasy.docs"] == ["*.md"]


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string in the code that is not a docstring."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


#: where the code names docs/ for its own developers, not in a message: the script that writes docs/schema
DEVELOPER_ONLY = {"speakeasy/jsonschema.py"}


def test_no_message_points_at_a_docs_folder() -> None:
    """A pip user has no docs/ folder: messages say `speakeasy help TOPIC` instead."""
    found = []
    for path in sorted((ROOT / "speakeasy").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in DEVELOPER_ONLY:
            continue
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            if re.search(r"\bdocs/[\w-]+\.md\b|\bdocs/\s|\bdocs/$", text):
                found.append(f"{rel}:{line}: {text[:80]!r}")
    assert not found, "\n".join(found)


def test_the_checker_finds_such_a_message() -> None:
    tree = ast.parse('"""See docs/api.md."""\nX = "Read docs/plugins.md to find out."\n')
    assert [t for _, t in _strings(tree)] == ["Read docs/plugins.md to find out."]
