"""A writer's own trained spaCy pipeline, named in the settings, gives the parts of speech instead of speakeasy's tagger.

The pipeline here is made in the test, offline: a blank English pipeline with
an attribute ruler that tags "progress" as a verb after "good" (which no real
tagger would), so the test can tell whose tags speakeasy used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy import check_text


@pytest.fixture(scope="module")
def odd_pipeline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "good"}, {"LOWER": "progress"}]], {"POS": "VERB", "TAG": "VB"}, index=1)
    ruler.add([[{"LOWER": "will"}, {"LOWER": "progress"}]], {"TAG": "NN"}, index=1)  # Penn tag only
    path = tmp_path_factory.mktemp("pipeline") / "odd"
    nlp.to_disk(path)
    return path


def progress(text: str, **config: object) -> list[str]:
    return [f.match for f in check_text(text, **config).findings
            if f.rule == "plain-english.words" and f.match.lower() == "progress"]


def test_speakeasy_uses_its_own_tagger_by_default() -> None:
    assert progress("We made good progress. We will progress the plans.") == ["progress"]


def test_a_named_pipeline_gives_the_parts_of_speech(odd_pipeline: Path) -> None:
    text = "We made good progress. We will progress the plans."
    # the pipeline says the first is a verb and the second (by its Penn tag alone) a noun
    found = check_text(text, language_model=str(odd_pipeline)).findings
    hits = [f for f in found if f.rule == "plain-english.words" and f.match == "progress"]
    assert [text[f.start - 5:f.start].strip() for f in hits] == ["good"]


def test_a_pipeline_that_is_not_installed_is_a_plain_error(cli, tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text("We will progress the plans.\n", encoding="utf-8")
    code, out, err = cli("check", str(doc), "--no-config", "--language-model", str(tmp_path / "missing"))
    assert code == 2
    assert err.strip().startswith("speakeasy: error: The language model")
    assert "is not installed" in err and "Traceback" not in err
