"""speakeasy's own copy of spaCy's English stop words, and word frequencies read from wordfreq's data file."""

from __future__ import annotations

import subprocess
import sys

from speakeasy.lexicon import STOP_WORDS_FILE, stop_words


def test_the_copy_is_still_spacys_list() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    copied = [line for line in lines if line and not line.startswith("#")]
    assert sorted(copied) == sorted(STOP_WORDS)  # when spaCy changes its list, copy it again
    assert "MIT License" in STOP_WORDS_FILE.read_text(encoding="utf-8")  # with its licence


def test_stop_words_have_both_apostrophes_and_the_pieces_of_contractions() -> None:
    words = stop_words()
    assert {"the", "of", "would", "n't", "'s", "n’t"} <= words
    assert "carer" not in words


def test_reading_the_stop_words_does_not_import_spacy() -> None:
    code = "import sys; from speakeasy.lexicon import stop_words; stop_words(); print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_word_frequencies_read_from_wordfreqs_file_are_wordfreqs_own() -> None:
    from wordfreq import get_frequency_dict

    from speakeasy.lexicon import _read_cbpack, _wordfreq_file

    ours = _read_cbpack(_wordfreq_file("large_en.msgpack.gz"))
    assert ours == get_frequency_dict("en", wordlist="best")


def test_reading_word_frequencies_does_not_import_wordfreq() -> None:
    code = ("import sys; from speakeasy.lexicon import frequencies; f = frequencies(); "
            "print('wordfreq' in sys.modules, f['the'] > f['carer'] > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


def test_an_unexpected_word_frequency_file_is_refused(tmp_path) -> None:
    import gzip

    import msgpack
    import pytest

    from speakeasy.lexicon import _read_cbpack

    path = tmp_path / "odd.msgpack.gz"
    path.write_bytes(gzip.compress(msgpack.packb([{"format": "cB", "version": 2}, ["the"]])))
    with pytest.raises(ValueError):
        _read_cbpack(path)


def test_zipf_of_a_plain_word_is_wordfreqs_own() -> None:
    import random

    from wordfreq import get_frequency_dict, zipf_frequency

    from speakeasy.lexicon import zipf

    plain = sorted(w for w in get_frequency_dict("en", wordlist="best") if w.isascii() and w.isalpha() and w.islower())
    sample = random.Random(18).sample(plain, 3000) + ["the", "carer", "reablement", "zzxqj", "a"]
    sample += ["don't", "don\u2019t", "can't", "o'clock", "rock'n'roll", "ma'am", "'tis", "don'", "we'll"]
    sample += ["r&d", "a&e", "at&t", "q&a", "xx&yy", "zzxqj&the", "&", "a&"]
    assert [zipf(w) for w in sample] == [zipf_frequency(w, "en") for w in sample]
    # anything else still goes to wordfreq itself
    assert zipf("don't") == zipf_frequency("don't", "en") and zipf("care home") == zipf_frequency("care home", "en")


def test_speakeasys_commands_import_lemminflect_without_spacy() -> None:
    code = ("import sys\nfrom speakeasy.lexicon import import_lemminflect_without_spacy\n"
            "import_lemminflect_without_spacy()\nimport lemminflect\n"
            "print('spacy' in sys.modules, lemminflect.getAllInflections('walk')['VBD'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "('walked',)"]
