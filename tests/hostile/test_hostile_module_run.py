"""``python -m speakeasy`` in a hostile repository does not import the repository's code (issue 16, S5).

``python -m`` puts the current folder first on ``sys.path``.  A repository
holding a fake ``.dist-info`` folder (so it looks like an installed plugin),
the plugin's module, and ``plugins: [that plugin]`` in its ``.speakeasy.yaml``
made ``python -m speakeasy check`` import and run the repository's code.  The
``speakeasy`` command never did: its ``sys.path`` starts with the folder of the
command itself.  Both must now behave the same way: the plugin is not
installed, so exit 2 with one line, and the code never runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CONSOLE = Path(sys.executable).with_name("speakeasy")


@pytest.fixture()
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    repo.mkdir()
    marker = tmp_path / "code-ran"
    (repo / "evil_plugin.py").write_text(
        f"import pathlib\npathlib.Path({str(marker)!r}).write_text('ran')\n"
        "from speakeasy.kinds.base import Kind\n"
        "class Evil(Kind):\n    name = 'evil'\n"
    )
    info = repo / "speakeasy_evil-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: speakeasy-evil\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[speakeasy.kinds]\nevil = evil_plugin:Evil\n")
    (repo / ".speakeasy.yaml").write_text("plugins: [speakeasy-evil]\n")
    (repo / "policy.md").write_text("We will see you.\n")
    return repo, marker


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEAKEASY_") and k != "PYTHONPATH"}
    env["SPEAKEASY_CACHE_DIR"] = ""
    env["NO_COLOR"] = "1"
    env.pop("PYTHONSAFEPATH", None)
    return subprocess.run([*command, "check", "policy.md"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("how", ["python -m speakeasy", "speakeasy"])
def test_the_repositorys_code_does_not_run(hostile: tuple[Path, Path], how: str) -> None:
    repo, marker = hostile
    if how == "speakeasy" and not CONSOLE.exists():
        pytest.skip("the speakeasy command is not installed next to this Python")
    command = [sys.executable, "-m", "speakeasy"] if how.startswith("python") else [str(CONSOLE)]
    proc = run(command, repo)
    assert not marker.exists(), f"{how} ran the repository's code"
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert "speakeasy-evil" in lines[0] and "no plugin" in lines[0].lower(), proc.stderr
