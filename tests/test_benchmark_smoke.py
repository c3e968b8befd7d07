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
