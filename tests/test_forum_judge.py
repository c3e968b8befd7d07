"""Readability judged by the forum: pairs of passages from the organisation's documents, where each word is
used, and ``speakeasy forum calibrate`` fitting the plain score to the answers."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from forum_kit import Forum, send

# Short sentences or long ones, active or passive: the forum here finds passive verbs much harder than the
# shipped score does, and long sentences only a little harder.
SHORT_ACTIVE = ("We visit you at home. We ask what you need. You tell us what matters to you. We write it "
                "down with you. Then we plan your care together. You can change the plan at any time. ")
SHORT_PASSIVE = ("Your needs are assessed at home. Your answers are recorded. A plan is written. It is checked "
                 "by a manager. Changes are made when they are needed. You are told when it is done. ")
LONG_ACTIVE = ("We visit you at home and we ask you what you need, what matters to you and what you would "
               "like to change, and then we write it all down with you so that we can plan your care "
               "together and you can change the plan whenever you want to. ")
LONG_PASSIVE = ("Your needs are assessed at home and your answers are recorded, after which a plan is written "
                "and checked by a manager, and changes are made whenever they are needed, and you are told "
                "when this has been done and what has been decided. ")
STYLES = {"short active": SHORT_ACTIVE, "short passive": SHORT_PASSIVE, "long active": LONG_ACTIVE,
          "long passive": LONG_PASSIVE}
HARDNESS = {"short active": 0, "long active": 1, "short passive": 3, "long passive": 4}  # the forum's view


def documents(folder: Path) -> dict[str, str]:
    """Three versions of each style (each its own paragraph), in Markdown files."""
    folder.mkdir()
    texts: dict[str, str] = {}
    for n, town in enumerate(("Leeds", "York", "Hull")):
        lines = []
        for style, text in STYLES.items():
            para = f"In {town}, " + text[0].lower() + text[1:].strip()
            texts[para] = style
            lines.append(para)
        (folder / f"policy-{n}.md").write_text("# Care at home\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    (folder / "notes.txt").write_text("We will signpost you to other help. Ask us about a carer passport.\n",
                                      encoding="utf-8")
    return texts


@pytest.fixture
def judged(tmp_path: Path) -> Forum:
    docs = tmp_path / "documents"
    styles = documents(docs)
    forum = Forum(tmp_path, documents=docs)
    forum.styles = styles  # type: ignore[attr-defined]
    return forum


def test_a_member_judges_a_pair_and_bad_input_keeps_the_reason(judged: Forum) -> None:
    mo = judged.client("mo")
    page = mo.get("/judge").text
    assert "<h2 id=\"first-title\">Passage A</h2>" in page and "Passage B" in page
    first, second = (re.search(rf'name="{k}" value="(\d+)"', page).group(1) for k in ("first", "second"))
    r = send(mo, "/judge", {"first": first, "second": second, "reason": "The long words."})
    assert r.status_code == 400
    assert "Choose which passage is easier to read" in r.text and "The long words." in r.text
    assert 'aria-describedby="easier-error"' in r.text
    r = send(mo, "/judge", {"first": first, "second": second, "easier": "first", "reason": "Short sentences."})
    assert r.status_code == 303
    from speakeasy.forum.models import Judgement

    with judged.factory() as db:
        (j,) = db.query(Judgement).all()
        assert (j.easier, j.reason, j.judge.name) == ("first", "Short sentences.", "Mo Member")
        assert j.created is not None
    assert judged.client().post("/judge", data={}).status_code in (303, 403)  # no one logged in: nothing saved


def test_a_word_shows_where_the_documents_use_it(judged: Forum) -> None:
    page = judged.client().get("/words/social-care/signpost").text
    assert "Where it is used in our documents" in page
    assert "We will signpost you to other help." in page and "In notes.txt" in page


def _answers(forum: Forum) -> None:
    """Members judge every pair of different styles the way this forum sees them (through the page)."""
    from speakeasy.forum.models import Passage

    with forum.factory() as db:
        assert db.query(Passage).count() == 0
    forum.client("mo").get("/judge")  # the passages are read from the documents
    with forum.factory() as db:
        passages = db.query(Passage).all()
    assert len(passages) == 12
    style = {p.id: forum.styles[p.text] for p in passages}  # type: ignore[attr-defined]
    clients = [forum.client(who) for who in ("mo", "meg", "max")]
    for n, (a, b) in enumerate(itertools.combinations(sorted(style), 2)):
        ha, hb = HARDNESS[style[a]], HARDNESS[style[b]]
        easier = "same" if ha == hb else ("first" if ha < hb else "second")
        r = send(clients[n % 3], "/judge", {"first": str(a), "second": str(b), "easier": easier})
        assert r.status_code == 303


@pytest.mark.slow
def test_calibrate_fits_the_plain_score_to_the_forum(judged: Forum, tmp_path: Path, capsys: Any) -> None:
    from speakeasy.cli import main
    from speakeasy.plainscore import load_model, model, score

    _answers(judged)
    out = tmp_path / "weights.json"
    args = ["forum", "calibrate", "--no-config", "--list", str(judged.wordlist), "--data",
            str(judged.settings.data), "-o", str(out)]
    assert main(args) == 0
    said = capsys.readouterr().out
    found = re.search(r"on (\d+)% of them with the shipped weights, and on (\d+)% with weights fitted", said)
    assert found, said
    before, after = int(found.group(1)), int(found.group(2))
    assert after > before, said
    assert after >= 90
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["fitted_on"]["forum_judgements"] == 66 and data["agreement"]["after_cross_validated"] * 100 >= 90
    shipped, fitted = model(), load_model(out)  # the file as the plain_score: setting loads it
    assert fitted.weights["passive"] > shipped.weights["passive"]
    assert fitted.weights["content_zipf"] <= 0 and all(
        fitted.weights[k] >= 0 for k in fitted.weights if k not in ("content_zipf", "speaks_to_reader"))
    # the score now says what this forum finds hard: the short passive passage is harder than the long active one
    from speakeasy.analysis import text_tally

    sp, la = text_tally(SHORT_PASSIVE, chains=True), text_tally(LONG_ACTIVE, chains=True)
    assert score(sp, fitted, explain=False).score < score(la, fitted, explain=False).score
    assert score(sp, shipped, explain=False).score > score(la, shipped, explain=False).score


def test_calibrate_with_too_few_answers_says_so(judged: Forum, capsys: Any) -> None:
    from speakeasy.cli import main

    code = main(["forum", "calibrate", "--no-config", "--list", str(judged.wordlist), "--data",
                 str(judged.settings.data), "-o", str(judged.tmp / "w.json")])
    assert code == 2
    assert "calibrate needs at least 10 answers that chose one passage, and the forum has 0." in capsys.readouterr().err
    assert not (judged.tmp / "w.json").exists()


def _plain_score(doc: Path, *args: str) -> float:
    from speakeasy.cli import main

    out = doc.parent / "out.json"
    main(["check", str(doc), "--no-cache", "--format", "json", "-o", str(out), *args])
    return float(json.loads(out.read_text(encoding="utf-8"))["files"][0]["stats"]["plain_score"])


@pytest.mark.slow
def test_the_settings_can_name_the_fitted_weights_and_speakeasy_check_uses_them(
        judged: Forum, tmp_path: Path, monkeypatch: Any, capsys: Any) -> None:
    from speakeasy.cli import main

    _answers(judged)
    project = tmp_path / "project"
    project.mkdir()
    assert main(["forum", "calibrate", "--no-config", "--list", str(judged.wordlist), "--data",
                 str(judged.settings.data), "-o", str(project / "our-weights.json")]) == 0
    passive, active = project / "passive.md", project / "active.md"
    passive.write_text(SHORT_PASSIVE + "\n", encoding="utf-8")
    active.write_text(LONG_ACTIVE + "\n", encoding="utf-8")
    monkeypatch.chdir(project)
    shipped = (_plain_score(passive, "--no-config"), _plain_score(active, "--no-config"))
    (project / ".speakeasy.yaml").write_text("plain_score: our-weights.json\n", encoding="utf-8")
    fitted = (_plain_score(passive), _plain_score(active))
    assert shipped[0] > shipped[1]  # the shipped score finds the short passive passage easier
    assert fitted[0] < fitted[1]  # the forum's weights find it harder, as the forum does
    # a broken weights file: one line, exit 2
    (project / "our-weights.json").write_text("{}", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(passive), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "our-weights.json: this is not a file of the plain score's weights" in err and "Traceback" not in err


def test_the_fit_settles_when_the_judgements_can_be_split_by_a_line() -> None:
    """Plain Newton steps overshoot on judgements a line can split; the fit must still settle, signs kept."""
    import numpy as np

    from speakeasy.forum.calibrate import _scale, agreement, fit
    from speakeasy.plainscore import DIRECTION, FEATURES

    rng = np.random.default_rng(1)
    shipped = np.array([0.5 if i % 3 == 0 else 0.0 for i in range(len(FEATURES))])
    d = rng.normal(0, 20, size=(40, len(FEATURES)))  # far apart texts: large z-score differences
    truth = shipped.copy()
    truth[0] = 0.0
    truth[6] = 2.0  # the forum weighs another feature (one that makes text harder)
    y = (d @ truth > 0).astype(float)
    k = _scale(d @ shipped, y)
    assert 1e-3 <= k <= 1e3 and np.isfinite(k)
    w = fit(d, y, shipped)
    assert np.all(np.isfinite(w))
    assert all(v * DIRECTION[f] >= 0 for v, f in zip(w, FEATURES))
    assert agreement(d, y, w)[0] > agreement(d, y, shipped)[0]


def test_the_judging_page_hashes_each_passage_once_and_counts_in_the_database(judged: Forum,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import types

    from sqlalchemy import event

    from speakeasy.forum import documents, pages_judge

    calls: list[bytes] = []

    def sha256(data: bytes) -> Any:
        calls.append(data)
        return hashlib.sha256(data)

    monkeypatch.setattr(pages_judge, "hashlib", types.SimpleNamespace(sha256=sha256))
    said: list[str] = []
    engine = judged.factory.kw["bind"]
    listen = lambda conn, cursor, statement, *rest: said.append(" ".join(statement.lower().split()))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        mo = judged.client("mo")
        assert mo.get("/judge").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert len(calls) == len(documents.passages(judged.settings.documents))  # once each
    on_judgements = [s for s in said if "from judgements" in s and "judge_id" in s and "first_id" not in s]
    assert on_judgements and all("count(" in s for s in on_judgements), on_judgements
