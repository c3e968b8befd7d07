"""The word-difficulty table (speakeasy.worddifficulty, speakeasy/data/word_difficulty/)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from speakeasy import worddifficulty as wd

DATA = ROOT / "speakeasy" / "data" / "word_difficulty"


def test_every_word_has_a_number_on_the_cefr_scale() -> None:
    for word in ("the", "cat", "house", "implementation", "reablement", "zzzqx", "person-centred", "don't"):
        assert 1.0 <= wd.difficulty(word) <= 6.0, word


def test_words_in_the_table_come_from_the_table_and_others_from_the_model() -> None:
    table = wd.table()
    assert len(table) > 5000
    assert "house" in table and wd.difficulty("house") == table["house"]
    assert "reablement" not in table
    assert wd.difficulty("reablement") == round(wd.predicted("reablement"), 2)


@pytest.mark.parametrize(("easy", "hard"), [
    ("house", "dwelling"), ("help", "assistance"), ("start", "commence"), ("school", "curriculum"),
    ("buy", "procure"), ("about", "approximately"), ("use", "utilisation"), ("mother", "matriarch"),
])
def test_a_plain_word_is_easier_than_its_hard_twin(easy: str, hard: str) -> None:
    assert wd.difficulty(easy) < wd.difficulty(hard)


def test_a_rarer_word_is_never_easier_by_the_model() -> None:
    m = wd.model()
    weights = dict(zip(m["features"], m["weights"]))
    assert weights["zipf"] <= 0 and weights["below_3"] >= 0 and weights["below_4_5"] >= 0
    assert weights["letters"] >= 0 and weights["syllables"] >= 0


def test_hard_words_are_the_ones_at_b2_and_above() -> None:
    assert wd.difficulty("implementation") >= wd.HARD > wd.difficulty("house")


def test_the_files_name_their_sources_and_licence_and_no_forbidden_norms() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    licence = (DATA / "LICENSE").read_text(encoding="utf-8")
    for source in ("CEFR-SP", "OneStopEnglish", "wordfreq"):
        assert source in readme and source in licence
    assert "CC BY-SA 4.0" in licence and "CC BY-SA 3.0" in licence
    about = json.loads((DATA / "model.json").read_text(encoding="utf-8"))["about"]
    assert not re.search(r"Glasgow|Kuperman|Brysbaert|SUBTLEX|CLEAR|SCoRE|NC", about)
    script = (ROOT / "benchmarks" / "readability" / "word_difficulty.py").read_text(encoding="utf-8")
    assert not re.search(r"datasets\.(clear|pairs)\(|\"SCoRE\"|asset", script)


def test_the_table_holds_only_words_and_numbers() -> None:
    for line in (DATA / "table.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        word, value = line.split("\t")
        assert word == word.lower() and word.replace("'", "").replace("-", "").isalpha(), line
        assert 1.0 <= float(value) <= 6.0
