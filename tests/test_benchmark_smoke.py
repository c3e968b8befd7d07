"""The benchmark script runs (a tiny corpus): figures come from `python benchmarks/bench.py`, not from tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DATA = ROOT.parent / "shared" / "data"


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "govuk-content-snapshots").is_dir(), reason="the shared data folder is not here")
def test_benchmark_quick_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--words", "5000", "--files", "5",
         "--startup-runs", "1", "--no-memory", "--no-proselint", "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    assert data["throughput"]["speakeasy"]["words_per_second"] > 0
    assert data["throughput"]["tokenizer"]["words_per_second"] > 0


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "govuk-content-snapshots").is_dir(), reason="the shared data folder is not here")
def test_whole_run_benchmark_quick_run(tmp_path: Path) -> None:
    """`benchmarks/whole_run.py` times whole commands: every row has a time, and every goal is judged."""
    out = tmp_path / "whole.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "whole_run.py"), "--quick", "--no-proselint", "--json", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    rows = data["rows"]
    for name in ("corpus_human", "corpus_json", "corpus_default_jobs", "long_file", "one_line", "docx"):
        assert rows[name]["seconds"] > 0 and rows[name]["peak_mib"] > 0, name
        assert rows[name]["output_bytes"] > 0, name  # speakeasy wrote its findings
    assert rows["corpus_human"]["words"] >= 5000
    assert len(data["goals"]) == 6  # proselint's goal is left out without proselint
    assert all(isinstance(g["met"], bool) and g["measured"] for g in data["goals"])
    assert "| goal | measured | met? |" in proc.stdout


def test_whole_run_stops_on_a_failing_command() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import whole_run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    with pytest.raises(SystemExit, match="failed with exit 3"):
        whole_run.run([sys.executable, "-c", "import sys; sys.exit(3)"], {}, None)
    got = whole_run.run([sys.executable, "-c", "print('x' * 100000)"], dict(__import__("os").environ), None)
    assert got["output_bytes"] == 100001 and got["exit"] == 0


def test_whole_runs_proselint_has_no_limit_on_findings(tmp_path: Path) -> None:
    """proselint stops at 1,000 findings by default: the baseline must read the whole long file."""
    pytest.importorskip("proselint")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import whole_run
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    doc = tmp_path / "long.md"
    doc.write_text("It was very unique.\n\n" * 1500, encoding="utf-8")
    cmd = whole_run.proselint_command()
    assert cmd is not None
    proc = subprocess.run([*cmd, str(doc)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.count("long.md:") >= 1500
