"""speakeasy audit: a document store checked here or on a real Dask cluster, with the same results (issue 20)."""

from __future__ import annotations

import json
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.audit.engines import _windowed
from speakeasy.audit.summary import percentile
from speakeasy.audit.work import Job, Outcome
from speakeasy.cli import main
from speakeasy.testing import build_docx, build_pdf

EXAMPLE = (ROOT / "examples" / "care-at-home-policy.md").read_text(encoding="utf-8")

SENTENCES = [
    "We will commence the review in order to utilise the data.",
    "Your care package will be reviewed by the multi-disciplinary team prior to discharge.",
    "We will signpost you to other services where appropriate.",
    "You can ask us for help at any time.",
    "The provider is responsible for ensuring that the service user receives reablement in a timely manner.",
    "We write to you within ten days.",
    "Staff should facilitate co-production with carers and service users at every stage of the process "
    "so that the outcomes that matter to people are captured, recorded, monitored and reviewed regularly by "
    "the team in accordance with the policy.",
    "Tell us if something is wrong.",
    "The CQC inspects the service.",
]


def _store(root: Path, n: int = 300, seed: int = 20) -> Path:
    """``n`` documents made from the shipped example and varied sentences, in four formats, plus broken ones."""
    rng = random.Random(seed)
    paragraphs = [p for p in EXAMPLE.split("\n\n") if p.strip()]
    folder = root / "store"
    for i in range(n):
        sub = folder / f"team-{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        body = [rng.choice(paragraphs) for _ in range(rng.randint(1, 4))]
        body += [" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(0, 3))]
        kind = i % 10
        if kind < 5:
            (sub / f"doc-{i}.md").write_text(f"# Policy {i}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        elif kind < 8:
            plain = [p.replace("#", "").replace("- ", "") for p in body]
            (sub / f"doc-{i}.txt").write_text("\n\n".join(plain) + "\n", encoding="utf-8")
        elif kind < 9:
            html = "".join(f"<p>{p.replace('#', '').replace('<', '')}</p>" for p in body)
            (sub / f"doc-{i}.html").write_text(f"<html lang='en'><body><main><h1>Policy {i}</h1>{html}</main>"
                                               "</body></html>", encoding="utf-8")
        else:
            lines = [f"# Policy {i}"] + [" ".join(p.replace("#", "").split()) for p in body]
            (sub / f"doc-{i}.docx").write_bytes(build_docx("\n".join(lines)))
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "damaged.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait, we will commence.\n".encode("latin-1"))
    return folder


def _audit(tmp: Path, name: str, *extra: str, store: Path) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    out = tmp / f"{name}.jsonl"
    code = main(["audit", str(store), "-o", str(out), "--no-config", *extra])
    assert code == 0
    summary = json.loads((tmp / f"{name}.summary.json").read_text(encoding="utf-8"))
    return sorted(out.read_text(encoding="utf-8").splitlines()), summary


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _store(tmp_path_factory.mktemp("audit"))


@pytest.fixture(scope="module")
def serial(store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict]:  # type: ignore[type-arg]
    return _audit(tmp_path_factory.mktemp("serial"), "serial", store=store)


@pytest.mark.slow
def test_serial_audit_writes_a_line_per_finding_and_error(serial: tuple[list[str], dict]) -> None:  # type: ignore[type-arg]
    lines, summary = serial
    rows = [json.loads(line) for line in lines]
    findings = [r for r in rows if "rule" in r]
    errors = [r for r in rows if "error" in r]
    assert summary["documents"] == 303 and summary["checked"] == 301
    # the damaged Word file and the text that is not UTF-8 could not be checked: each is a line, with its reason
    assert sorted((Path(e["file"]).name, e["code"]) for e in errors) == [("damaged.docx", "damaged"),
                                                                         ("latin1.txt", "encoding")]
    assert all(e["error"].startswith(e["file"] + ": ") for e in errors)
    assert summary["could_not_check"] == 2
    assert summary["could_not_check_by_reason"] == {"damaged": 1, "encoding": 1}
    assert summary["without_words"] == 1  # empty.md
    # every finding has its file and what check --format json gives a finding (its severity, place and message)
    assert findings and all({"file", "rule", "severity", "line", "column", "offset", "location", "message"} <= set(f)
                            for f in findings)
    assert {Path(f["file"]).suffix for f in findings} == {".md", ".txt", ".html", ".docx"}
    # the summary's counts are the lines' counts
    per_rule: dict[str, int] = {}
    for f in findings:
        per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
    assert summary["rules"] == per_rule
    assert list(summary["rules"].values()) == sorted(summary["rules"].values(), reverse=True)
    assert sum(summary["findings"].values()) == len(findings)
    assert summary["findings"]["error"] == sum(f["severity"] == "error" for f in findings)


@pytest.mark.slow
def test_the_worst_documents_come_first(serial: tuple[list[str], dict]) -> None:  # type: ignore[type-arg]
    lines, summary = serial
    rows = [json.loads(line) for line in lines if '"rule"' in line]
    errors: dict[str, int] = {}
    for r in rows:
        errors[r["file"]] = errors.get(r["file"], 0) + (r["severity"] == "error")
    worst = summary["worst"]
    assert len(worst) == 20
    keys = [(w["errors"], w["warnings"], -w["plain_score"]) for w in worst]
    assert keys == sorted(keys, reverse=True)
    assert worst[0]["errors"] == max(errors.values())
    assert all(errors[w["file"]] == w["errors"] for w in worst)


@pytest.mark.slow
def test_the_plain_score_spread(store: Path, serial: tuple[list[str], dict]) -> None:  # type: ignore[type-arg]
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset
    from speakeasy.runner import lint_paths

    found = lint_paths([str(store)], build_ruleset(resolve(no_config=True)), keep_documents=False)
    scores = sorted(r.stats["plain_score"] for r in found.files if r.stats.get("words"))
    spread = serial[1]["plain_score"]
    assert spread["documents"] == len(scores) == 300
    assert spread["lowest"] == round(scores[0], 1) and spread["highest"] == round(scores[-1], 1)
    quartiles = statistics.quantiles(scores, n=4, method="inclusive")
    assert (spread["p25"], spread["p50"], spread["p75"]) == tuple(round(q, 1) for q in quartiles)
    assert spread["mean"] == round(statistics.fmean(scores), 1)


def test_percentile() -> None:
    assert percentile([10.0], 90) == 10.0
    assert percentile([0.0, 10.0], 50) == 5.0
    data = sorted(random.Random(1).uniform(0, 100) for _ in range(101))
    deciles = statistics.quantiles(data, n=10, method="inclusive")
    assert [round(percentile(data, p), 9) for p in range(10, 100, 10)] == [round(d, 9) for d in deciles]


@pytest.mark.slow
def test_a_dask_cluster_of_two_workers_gives_the_serial_results(
        store: Path, serial: tuple[list[str], dict], tmp_path: Path,  # type: ignore[type-arg]
        capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed")  # in the test extra: CI always has it
    import speakeasy

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None, silence_logs=logging.ERROR) as cluster:
        with distributed.Client(cluster) as client:
            # speakeasy.lint itself runs on a worker process: the function, the settings and the findings pickle
            settings = speakeasy.Settings(keep=("van",))
            data = b"We will utilise the van in order to commence.\n"
            there = client.submit(speakeasy.lint, data, "plan.md", settings).result()
            assert there == speakeasy.lint(data, "plan.md", settings) and there
            assert set(client.run(os.getpid)) and os.getpid() not in client.run(os.getpid).values()
        # workers with another speakeasy would give other results: refused before any work, in one line
        from speakeasy import version

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(version, "__version__", "0.0.1")
            assert main(["audit", str(store), "-o", str(tmp_path / "other.jsonl"), "--dask",
                         cluster.scheduler_address]) == 2
            assert not (tmp_path / "other.jsonl").exists()
        err = capsys.readouterr().err
        assert err.startswith(f"speakeasy: error: --dask {cluster.scheduler_address}: the workers have speakeasy ")
        assert "and this computer has 0.0.1. Install the same version everywhere" in err and err.count("\n") == 1
        started = time.perf_counter()
        on_dask = _audit(tmp_path, "dask", "--dask", cluster.scheduler_address, store=store)
        took = time.perf_counter() - started
        sent = _audit(tmp_path, "sent", "--dask", cluster.scheduler_address, "--send-bytes", "--batch", "5",
                      store=store)
    assert on_dask == serial
    assert sent == serial
    assert took < 120


@pytest.mark.slow
def test_local_processes_give_the_serial_results(store: Path, serial: tuple[list[str], dict],
                                                 tmp_path: Path) -> None:  # type: ignore[type-arg]
    assert _audit(tmp_path, "jobs", "--jobs", "2", "--batch", "3", store=store) == serial


def test_without_dask_the_option_says_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("We will commence.\n", encoding="utf-8")
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from speakeasy.cli import main\n"
            "sys.exit(main(['audit', 'a.md', '--dask', 'tcp://127.0.0.1:8786']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 2
    assert proc.stderr == ("speakeasy: error: --dask needs Dask, which is not installed. Install it with: "
                           "pip install 'speakeasy-lint[audit]'\n")
    assert not (tmp_path / "speakeasy-audit.jsonl").exists()


def test_a_bad_scheduler_address_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "a.md").write_text("We will commence.\n", encoding="utf-8")
    assert main(["audit", str(tmp_path / "a.md"), "-o", str(tmp_path / "o.jsonl"), "--dask", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("speakeasy: error: --dask nowhere: could not reach the Dask scheduler") and err.count("\n") == 1
    assert not (tmp_path / "o.jsonl").exists()


@pytest.mark.slow
def test_a_cluster_without_workers_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    from speakeasy.audit import engines

    monkeypatch.setattr(engines, "WAIT_FOR_WORKERS", 1)
    (tmp_path / "a.md").write_text("We will commence.\n", encoding="utf-8")
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        assert main(["audit", str(tmp_path / "a.md"), "-o", str(tmp_path / "o.jsonl"), "--dask",
                     cluster.scheduler_address]) == 2
    err = capsys.readouterr().err
    assert err == (f"speakeasy: error: --dask {cluster.scheduler_address}: the scheduler had no workers after 1 "
                   f"seconds. Start some with: dask worker {cluster.scheduler_address}\n")


def test_options_that_do_not_go_together(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(tmp_path), "--send-bytes"]) == 2
    assert main(["audit", str(tmp_path), "--dask", "tcp://x:1", "--jobs", "2"]) == 2
    assert main(["audit", "-"]) == 2
    assert capsys.readouterr().err.count("speakeasy: error:") == 3


@pytest.mark.slow
def test_a_missing_path_is_a_line_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("We will commence.\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    (tmp_path / "notes.xyz").write_text("We will commence.\n", encoding="utf-8")
    assert main(["audit", str(tmp_path / "a.md"), str(tmp_path / "gone.md"), str(tmp_path / "notes.xyz"),
                 "-o", str(out), "--no-config"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r.get("code") for r in rows if "error" in r) == ["not-found", "unsupported"]
    assert [r["match"] for r in rows if "rule" in r] == ["commence"]


# ---------------------------------------------------------------------------
# The window: few batches in flight, and a batch that fails is split, never fatal


def _fake_run(batches: list[list[Job]], window: int, bad: set[str],
              contagious: bool = False) -> tuple[list[Outcome], int]:
    """The window with a fake pool; a batch with a ``bad`` document fails (``contagious``: and so do the others
    in flight with it, as when a document kills the process pool)."""
    flight: list[list[Job]] = []
    most = 0
    broken = False

    def submit(batch: list[Job]) -> None:
        nonlocal most
        flight.append(batch)
        most = max(most, len(flight))

    def wait_one() -> tuple[list[Job], list[Job]]:
        nonlocal broken
        if contagious and any(job.name in bad for b in flight for job in b):
            broken = True
        batch = flight.pop(0)
        return batch, batch

    def result(batch: list[Job]) -> list[Outcome]:
        nonlocal broken
        if any(job.name in bad for job in batch) or broken:
            broken = bool(flight) and broken
            raise RuntimeError("worker died")
        return [Outcome(job.name, (job.name,)) for job in batch]

    return list(_windowed(iter(batches), window, submit, wait_one, result)), most


def test_only_a_window_of_batches_is_in_flight() -> None:
    batches = [[Job(f"{b}-{i}") for i in range(4)] for b in range(100)]
    outcomes, most = _fake_run(batches, 6, set())
    assert most == 6 and len(outcomes) == 400 and len({o.name for o in outcomes}) == 400


@pytest.mark.parametrize("contagious", [False, True])
def test_a_failing_batch_is_split_and_only_its_bad_document_fails(contagious: bool) -> None:
    batches = [[Job(f"{b}-{i}") for i in range(4)] for b in range(5)]
    outcomes, _ = _fake_run(batches, 3, {"3-2"}, contagious)
    assert sorted(o.name for o in outcomes) == sorted(f"{b}-{i}" for b in range(5) for i in range(4))
    failed = [o for o in outcomes if o.error]
    assert [(o.name, o.error) for o in failed] == [("3-2", "worker-failed")]
    assert "worker died" in json.loads(failed[0].lines[0])["error"]


@pytest.mark.slow
def test_a_document_that_kills_its_worker_process_is_one_error_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real process pool: a worker that dies (as the out-of-memory killer does it) costs only its document."""
    import multiprocessing

    from speakeasy.audit import work
    from speakeasy.audit.engines import on_processes
    from speakeasy.config import resolve

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the worker inherits the deadly check only when it is forked")
    real = work.check_one

    def deadly(job: Job, box: work.SettingsBox) -> Outcome:
        if job.name == "kill.md":
            os._exit(9)
        return real(job, box)

    monkeypatch.setattr(work, "check_one", deadly)
    names = [f"doc-{i}.md" for i in range(11)] + ["kill.md"] + [f"doc-{i}.md" for i in range(11, 20)]
    jobs = [Job(n, data=b"We will commence the review.\n") for n in names]
    batches = [jobs[i:i + 4] for i in range(0, len(jobs), 4)]
    outcomes = list(on_processes(iter(batches), work.box_settings(resolve(no_config=True)), 2, 4))
    assert sorted(o.name for o in outcomes) == sorted(names)
    assert [o.name for o in outcomes if o.error] == ["kill.md"]
    assert all(json.loads(o.lines[0])["match"] == "commence" for o in outcomes if not o.error)


# ---------------------------------------------------------------------------
# PDF reading is the extra `pdf`


@pytest.mark.slow
def test_a_pdf_without_pdfminer_is_one_line_saying_what_to_install(tmp_path: Path) -> None:
    (tmp_path / "policy.pdf").write_bytes(build_pdf("# Policy\nWe will commence the review."))
    code = ("import sys; sys.modules['pdfminer'] = None\n"
            "from speakeasy.cli import main\n"
            "sys.exit(main(['check', 'policy.pdf', '--no-config', '--no-cache']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "error: " in proc.stderr
    assert proc.stderr.endswith("policy.pdf: reading PDF files needs pdfminer.six, which is not installed. "
                                "Install it with: pip install 'speakeasy-lint[pdf]'\n")
    # with pdfminer.six (the test extra) the same file is read
    here = subprocess.run([sys.executable, "-m", "speakeasy", "check", "policy.pdf", "--no-config", "--no-cache",
                           "--format", "json"], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert here.returncode in (0, 1) and "commence" in here.stdout


def test_the_summary_for_people_is_plain_english() -> None:
    from speakeasy import check_text
    from speakeasy.audit.cli import describe
    from speakeasy.audit.summary import Summary

    summary = Summary(worst=3)
    summary.add(Outcome("a.md", ("x",), 120, 35.5, (1, 4, 2), (("length.sentence", 2),)))
    summary.add(Outcome("b.md", ("x",), 80, 70.0, (0, 1, 0), (("plain-english.words", 1),)))
    summary.add(Outcome("c.docx", ("x",), error="damaged"))
    text = describe(dict(summary.as_dict(), seconds=1.5), "audit.jsonl", "audit.summary.json")
    assert "Checked 2 documents (200 words) in 1.5 s." in text
    assert "a.md: 2 errors, 4 warnings, plain score 35.5" in text and "b.md: 0 errors, 1 warning," in text
    # each line is a message of its own
    found = check_text(text.replace("\n", "\n\n"), path="summary.txt", format="text").findings
    assert [f.message for f in found if str(f.level) == "error"] == []


def test_what_crosses_to_a_worker_pickles() -> None:
    import pickle

    import speakeasy
    from speakeasy.audit.work import audit_batch, box_settings, check_one
    from speakeasy.config import resolve

    assert pickle.loads(pickle.dumps(speakeasy.lint)) is speakeasy.lint
    assert pickle.loads(pickle.dumps(audit_batch)) is audit_batch
    box = box_settings(resolve(no_config=True))
    again = pickle.loads(pickle.dumps(box))
    assert again.key == box.key and box_settings(again.settings).key == box.key  # the same key on every worker
    job = Job("plan.md", data=b"We will commence the review.\n")
    assert pickle.loads(pickle.dumps(job)) == job
    outcome = check_one(job, box)
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert [json.loads(line)["match"] for line in outcome.lines] == ["commence"]


def test_an_output_ending_in_gz_is_compressed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import gzip

    (tmp_path / "a.md").write_text("We will commence the review.\n", encoding="utf-8")
    out = tmp_path / "june.jsonl.gz"
    assert main(["audit", str(tmp_path / "a.md"), "-o", str(out), "--no-config"]) == 0
    rows = [json.loads(line) for line in gzip.decompress(out.read_bytes()).decode("utf-8").splitlines()]
    assert [r["match"] for r in rows] == ["commence"]
    summary = json.loads((tmp_path / "june.summary.json").read_text(encoding="utf-8"))
    assert summary["findings"]["warning"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".speakeasy-")] == []  # no temporary file left
    assert "june.summary.json" in capsys.readouterr().out


def test_a_check_imports_neither_dask_nor_pdfminer(tmp_path: Path) -> None:
    """The extras load only when they are used: `speakeasy check` of a Markdown file (the parser knows `audit`)."""
    (tmp_path / "a.md").write_text("We will commence.\n", encoding="utf-8")
    code = ("import sys\n"
            "from speakeasy.cli import main\n"
            "main(['check', 'a.md', '--no-config', '--no-cache'])\n"
            "print('heavy:', sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pdfminer'}))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert "commence" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "heavy: []"


def test_progress(tmp_path: Path) -> None:
    """The audit says how far it has got: one line, at most twice a second, cleared at the end."""
    from speakeasy.audit.cli import _Progress
    from speakeasy.audit.run import Plan, audit
    from speakeasy.config import resolve

    for i in range(3):
        (tmp_path / f"{i}.md").write_text("We will commence.\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    plan = Plan((str(tmp_path),), str(tmp_path / "o.jsonl"), str(tmp_path / "o.summary.json"))
    audit(plan, resolve(no_config=True), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]

    class Screen:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

        def flush(self) -> None:
            pass

    screen = Screen()
    shown = _Progress(screen)
    for done, total in calls:
        shown(done, total)
    shown.clear()
    assert "Checked 1 of 3 documents..." in screen.text and "Checked 3 of 3 documents..." in screen.text
    assert "Checked 2 of 3" not in screen.text  # at most twice a second, but always the last
    assert screen.text.endswith("\r\x1b[K")


def test_ignore_files_are_respected_unless_no_ignore(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (store / "build").mkdir(parents=True)
    (store / "a.md").write_text("We will commence.\n", encoding="utf-8")
    (store / "build" / "copy.md").write_text("We will commence.\n", encoding="utf-8")
    (store / "draft.md").write_text("We will commence.\n", encoding="utf-8")
    (store / ".ignore").write_text("draft.md\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["audit", str(store), "-o", str(out), "--no-config"]) == 0
    assert sorted(Path(json.loads(line)["file"]).name for line in out.read_text(encoding="utf-8").splitlines()) == [
        "a.md"]
    assert main(["audit", str(store), "-o", str(out), "--no-config", "--no-ignore"]) == 0
    assert sorted(Path(json.loads(line)["file"]).name for line in out.read_text(encoding="utf-8").splitlines()) == [
        "a.md", "copy.md", "draft.md"]


def test_findings_the_team_ignored_are_left_out_as_check_leaves_them_out(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The review screen's ignore file (.speakeasy-ignore.yaml) holds in an audit as in check."""
    store = tmp_path / "store"
    store.mkdir()
    (store / "a.md").write_text("We will commence the review and utilise the plan.\n", encoding="utf-8")
    (tmp_path / ".speakeasy-ignore.yaml").write_text(
        "- file: store/a.md\n  rule: plain-english.words\n  match: commence\n"
        "  context: We will commence the review and utilise the plan.\n  reason: the forum kept this word\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "o.jsonl"
    assert main(["audit", "store", "-o", str(out), "--no-config"]) == 0
    audited = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [f["match"].lower() for f in audited if f["rule"] == "plain-english.words"] == ["utilise"]


def test_a_document_that_cannot_be_read_here_is_a_line_when_bytes_are_sent(tmp_path: Path) -> None:
    """With --send-bytes the documents are read where the audit runs: one that cannot be is a line there too."""
    from speakeasy.audit.run import Plan, audit
    from speakeasy.config import resolve

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("We will commence.\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")  # reading it would wait for ever: it is never opened
    out = tmp_path / "o.jsonl"
    plan = Plan((str(tmp_path),), str(out), str(tmp_path / "o.summary.json"), send_bytes=True, batch=1)
    summary = audit(plan, resolve(no_config=True))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["file"]).name for r in rows) == ["a.md", "b.md", "pipe.md"]
    errors = [r for r in rows if "error" in r]
    assert [r["code"] for r in errors] == ["not-a-file"]
    assert errors[0]["error"].startswith(str(tmp_path / "pipe.md") + ": ") and "not a regular file" in errors[0]["error"]
    assert summary["documents"] == 3 and summary["could_not_check"] == 1


def test_a_serial_audit_leaves_plugin_messages_on_for_later_runs(tmp_path: Path) -> None:
    """The audit quiets plugin problems while it builds its rule set; a later check in the process still hears them."""
    from speakeasy import plugins

    (tmp_path / "a.md").write_text("We will utilise it.\n", encoding="utf-8")
    before = plugins.QUIET
    assert main(["audit", str(tmp_path / "a.md"), "--no-config", "-o", str(tmp_path / "out.jsonl")]) == 0
    assert plugins.QUIET is before
