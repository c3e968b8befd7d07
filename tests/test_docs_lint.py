"""speakeasy's own README and docs must pass speakeasy's default packs (no errors).

This is also what `.ci/run` checks before the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

DOCS = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))


@pytest.mark.parametrize("path", DOCS, ids=[p.relative_to(ROOT).as_posix() for p in DOCS])
def test_docs_have_no_errors(path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = cli("check", str(path.relative_to(ROOT)), "--fail-on", "error", cwd=ROOT)
    assert code == 0, out + err


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in text.split("```sh\n")[1:3]]
    assert "pip install ." in blocks[0] and "speakeasy check examples/" in blocks[0]
    assert "pip install -e '.[test]'" in blocks[1] and "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, ".ci/run must run exactly the README's test command"
