"""The judged findings and the precision script (benchmarks/precision.py) stay sound.

The figures themselves come from running the script, not from tests; these
tests check that the judged data means what it says and that the script runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from conftest import ROOT

DATA = ROOT.parent / "shared" / "data"
FOLDER = ROOT / "benchmarks" / "precision"
CATEGORIES = {
    "useful": {"ok"},
    "debatable": {"mild", "poor-suggestion", "needed-term"},
    "wrong": {"pos", "name", "sense", "needed-term", "boundary", "grammar", "quoted", "not-acronym", "spelled-out",
              "mild"},
}

sys.path.insert(0, str(ROOT / "benchmarks"))
import precision  # noqa: E402


def labels() -> list[dict]:
    return [json.loads(line) for line in (FOLDER / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_every_judged_finding_has_a_label_a_reason_and_a_split() -> None:
    items = labels()
    assert len(items) >= 200
    for item in items:
        assert item["label"] in CATEGORIES, item
        assert item["category"] in CATEGORIES[item["label"]] or item["category"] == "ok", item
        assert item["reason"].strip(), item
        assert item["split"] == precision.split_of(*item["file"].split("/", 1)), item
        assert item["rule"] in precision.JUDGED, item
    counts = Counter(i["label"] for i in items if i["rule"] in precision.JARGON)
    assert all(counts[k] for k in ("useful", "debatable", "wrong")), counts
    # one judgement a finding: a place judged again only when it offers other plain words
    keys = Counter((i["file"], i["rule"], i["start"], i["end"], tuple(i.get("suggestions") or ())) for i in items)
    assert max(keys.values()) == 1


def test_the_passive_gold_marks_words_that_are_in_their_sentence() -> None:
    gold = [json.loads(line) for line in (FOLDER / "passive-gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(gold) >= 400
    for g in gold:
        for p in g["passives"]:
            assert p["phrase"] in g["text"], g
            assert p["phrase"].lower().endswith(p["participle"].lower()), g


@pytest.mark.skipif(not (DATA / "govuk-content-snapshots").is_dir(), reason="the shared data folder is not here")
def test_judged_findings_point_at_their_words_in_the_documents() -> None:
    from speakeasy.readers import read_path

    folders = {c: DATA / folder for c, (folder, _) in precision.CORPORA.items()}
    news = precision.ose_documents(DATA)  # the news articles: plain text, read as given
    sources: dict[str, str] = {}
    for item in labels():
        corpus, name = item["file"].split("/", 1)
        if item["file"] not in sources:
            sources[item["file"]] = news[name] if corpus == "ose" else read_path(folders[corpus] / name).source
        text = sources[item["file"]][item["start"]:item["end"]]
        assert " ".join(text.split()) == item["match"], item


@pytest.mark.skipif(not (DATA / precision.OSE[0] / precision.OSE[1]).is_file(), reason="the OneStopEnglish corpus is not here")
def test_the_fresh2_split_is_the_listed_news_articles_at_the_advanced_level() -> None:
    from speakeasy.readers import read_bytes

    articles = precision.fresh2_articles()
    assert len(articles) == len(set(articles)) >= 50
    news = {n: t for n, t in precision.ose_documents(DATA).items() if n[:-len(".txt")] in set(articles)}
    assert sorted(news) == sorted(f"{a}.txt" for a in articles)
    assert all(precision.split_of("ose", name) == "fresh2" for name in news)
    # speakeasy reads each text as given, so the places in the labels are places in the text
    for name, text in list(news.items())[:5]:
        assert read_bytes(name, text.encode("utf-8"), "text").source == text


@pytest.mark.skipif(not (DATA / precision.OSE[0] / precision.OSE[1]).is_file(), reason="the OneStopEnglish corpus is not here")
def test_the_fresh3_split_is_the_other_news_articles_after_fresh2_in_the_same_order() -> None:
    import json
    import random

    fresh2, fresh3 = precision.fresh2_articles(), precision.fresh3_articles()
    assert len(fresh3) == len(set(fresh3)) >= 50 and not set(fresh2) & set(fresh3)
    path = DATA / precision.OSE[0] / precision.OSE[1]
    names = sorted({json.loads(line)["article"].strip() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip() and json.loads(line)["level"] == precision.OSE_LEVEL})
    random.Random(14).shuffle(names)
    assert names == [*fresh2, *fresh3]  # fresh2 is the start of the shuffled order, fresh3 the rest of it
    news = precision.ose_documents(DATA)
    assert sorted(news) == sorted(f"{a}.txt" for a in (*fresh2, *fresh3))
    assert {precision.split_of("ose", f"{a}.txt") for a in fresh3} == {"fresh3"}
    assert {precision.split_of("ose", f"{a}.txt") for a in fresh2} == {"fresh2"}


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "govuk-content-snapshots").is_dir(), reason="the shared data folder is not here")
def test_the_precision_script_prints_its_tables() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "precision.py"), "--split", "dev"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    for heading in ("### Precision (dev documents)", "### Findings per 1,000 words", "### Recall of real jargon",
                    "### Passive voice (dev documents)"):
        assert heading in out
    row = next(line for line in out.splitlines() if line.startswith("| jargon (both lists) |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert int(cells[1]) > 0 and int(cells[2]) > 0 and cells[3].endswith("%")


def test_recall_counts_a_finding_that_covers_the_judged_words() -> None:
    judged = [
        {"file": "a.md", "start": 10, "end": 19, "label": "useful", "rule": "plain-english.words", "split": "dev",
         "match": "committed", "sentence": "we are committed to it"},
        {"file": "a.md", "start": 40, "end": 47, "label": "useful", "rule": "plain-english.words", "split": "dev",
         "match": "request", "sentence": "request approval"},
    ]
    summary = {"jargon_places": {("a.md", 10, 22), ("b.md", 40, 47)}, "not_useful_places": set()}
    # "committed to" covers the judged "committed"; the same span in another file does not count
    assert precision.recall(summary, precision.Labels(judged), None) == (1, 2)
    summary["not_useful_places"] = {("a.md", 10, 22)}  # a finding judged not useful does not find it
    assert precision.recall(summary, precision.Labels(judged), None) == (0, 2)
