"""speakeasy never uses the network: a whole run with sockets blocked works.

spaCy's blank pipeline, textstat (whose syllable counter would download the
CMU dictionary through nltk), lemminflect and the readers must all work from
data installed with speakeasy.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT

RUNNER = textwrap.dedent(
    """
    import socket, sys
    attempts = []
    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access is blocked in this test")
    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    from speakeasy.cli import main
    code = main(sys.argv[1:])
    import textstat  # imported by the run; must not have tried to download anything
    sys.stderr.write("ATTEMPTS=%d\\n" % len(attempts))
    lexicon = sys.modules.get("speakeasy.lexicon")
    sys.stderr.write("WORDFREQ=%d\\n" % (lexicon is not None and lexicon.frequencies.cache_info().currsize > 0))
    sys.stderr.write("TAGGER=%d\\n" % ("speakeasy.tagger" in sys.modules))
    sys.exit(code)
    """
)


def run_offline(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``speakeasy ARGS`` in a fresh process with every network call refused and empty caches.

    Its standard error ends with ``ATTEMPTS=N`` (network calls tried) and
    ``WORDFREQ=1`` when wordfreq's word frequencies were loaded.
    """
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    nltk_data = tmp_path / "empty-nltk-data"
    nltk_data.mkdir(exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "NLTK_DATA": str(nltk_data),
        "SPEAKEASY_CACHE_DIR": str(tmp_path / "cache"),  # cold cache: lemminflect runs too
        "NO_COLOR": "1",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run([sys.executable, str(runner), *args],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)


def test_a_full_check_runs_with_the_network_blocked(tmp_path: Path) -> None:
    example = ROOT / "examples" / "care-at-home-policy.md"
    proc = run_offline(["check", str(example), "--no-config", "--format", "json"], tmp_path)
    assert proc.returncode == 1, proc.stderr  # the example has an error-level finding on purpose
    assert "ATTEMPTS=0" in proc.stderr
    data = json.loads(proc.stdout)
    stats = data["files"][0]["stats"]
    assert stats["words"] > 100
    assert 0 < stats["flesch_reading_ease"] < 100


def test_the_tagger_runs_with_the_network_blocked(tmp_path: Path) -> None:
    """speakeasy's own tagger is data in the package: telling a verb from a noun downloads nothing."""
    doc = tmp_path / "plan.md"
    doc.write_text("We will progress the plans. We made good progress. The money will be used for rent.\n",
                   encoding="utf-8")
    proc = run_offline(["check", str(doc), "--no-config", "--format", "json"], tmp_path)
    assert "ATTEMPTS=0" in proc.stderr and "TAGGER=1" in proc.stderr, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [f["match"] for f in findings if f["rule"] == "plain-english.words"] == ["progress"]
    assert [f["match"] for f in findings if f["rule"] == "passive-voice.passive"] == ["be used"]
