"""speakeasy.tokenizer: spaCy's English tokenizer in plain Python, which must split text as spaCy does."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.tokenizer import RULES_FILE, tokenize

SHARED = ROOT.parent / "shared" / "data"

#: Text that exercises every rule: special cases, prefixes, suffixes, infixes, web addresses, whitespace.
TRICKY = [
    "", " ", "  ", "\n", "\n\n", " leading", "trailing ", "two  spaces", "a\tb", "x \n y", "end.\n",
    "We don't use e.g. jargon.", "(e.g. this)", "i.e.)", "e.g.,", "a.m. and p.m.", "It's 9am.", "cannot", "Can't",
    "U.K.", "Dr. Smith", "Mr Jones's", "5km", "£5.50", "10%", "hello:)", ":)", "“Quote,” he said.", "‘Single’",
    "rock'n'roll", "co-production", "and/or", "10-12", "C++", "...", "Wait…", "See https://www.gov.uk/x?y=1.",
    "info@example.com", "www.gov.uk/help", "[link](https://example.com)", "guidelines]({{", "{:", "O'Neill",
    "y'all", "gonna", "ain't", "’s", "We’re", "don’t", "children’s", "3rd", "2014/15", "1,000,000", "#tag", "@name",
    "Hello!!!", "What?!", "--", "—dash—", "(a)", "(iv)", "No.", "no. 5", "St. Paul's", "vs.", "etc.)",
    "ÉCOLE", "naïve café", "İstanbul", "ß", "ﬁrst", "emoji 😀 here", "tab\tafter", "\u00a0nbsp\u00a0",
]


@lru_cache(maxsize=1)
def _spacy_tokenizer():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank("en").tokenizer


def spacy_tokens(text: str) -> list[tuple[int, str, bool]]:
    return [(t.idx, t.text, bool(t.whitespace_)) for t in _spacy_tokenizer()(text)]


def ported(text: str) -> list[tuple[int, str, bool]]:
    return [(t.idx, t.text, t.whitespace) for t in tokenize(text)]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_is_split_as_spacy_splits_it(text: str) -> None:
    assert ported(text) == spacy_tokens(text)


def test_the_rules_are_what_the_script_makes_from_the_spacy_installed() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import make_tokenizer_data
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    shipped = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    assert shipped == json.loads(make_tokenizer_data.render(make_tokenizer_data.rules_of_spacy())), \
        "spaCy's rules changed: run python scripts/make_tokenizer_data.py"
    assert "MIT License" in shipped["licence"] and "ExplosionAI" in shipped["licence"]


def test_the_documents_in_the_tests_are_split_as_spacy_splits_them() -> None:
    from speakeasy.readers import read_path

    paths = sorted(p for p in (ROOT / "tests" / "data").rglob("*")
                   if p.suffix in (".md", ".txt", ".html", ".docx", ".odt") and p.is_file())
    paths += sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
    checked = 0
    for path in paths:
        try:
            document = read_path(str(path))
        except Exception:  # noqa: BLE001 - the broken fixtures are broken on purpose
            continue
        for block in document.blocks:
            assert ported(block.text) == spacy_tokens(block.text), (path, block.text[:80])
            checked += 1
    assert checked > 500


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "govuk-content-snapshots").is_dir(), reason="the shared data folder is not here")
def test_real_documents_are_split_as_spacy_splits_them() -> None:
    """The GOV.UK pages, the Ministry of Justice policies and the treebank's test sentences: every token the same."""
    from speakeasy.readers import read_path

    texts: list[str] = []
    for path in sorted((SHARED / "govuk-content-snapshots").glob("*.md")):
        texts += [b.text for b in read_path(str(path)).blocks]
    for path in sorted((SHARED / "moj-security-policy-docx").glob("*.docx"))[:40]:
        texts += [b.text for b in read_path(str(path)).blocks]
    treebank = SHARED / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    if treebank.is_file():
        texts += [line[9:].rstrip("\n") for line in treebank.read_text(encoding="utf-8").splitlines(True)
                  if line.startswith("# text = ")]
    assert len(texts) > 5000
    different = [t[:80] for t in texts if ported(t) != spacy_tokens(t)]
    assert different == []


def test_checking_a_document_does_not_import_spacy(tmp_path: Path) -> None:
    """Not even the first time, when the wordlists' forms are made (lemminflect would import spaCy to hook into it)."""
    import os

    doc = tmp_path / "doc.md"
    doc.write_text("# Help at home\n\nWe will commence your care package in May. You can utilise the service "
                   "at any time, e.g. at night. Dr. Smith said: \u201cIt\u2019s the right time.\u201d\n", encoding="utf-8")
    code = ("import sys\nfrom speakeasy.cli import main\n"
            "try:\n    main(['check', sys.argv[1], '--no-config', '--format', 'json', *sys.argv[2:]])\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write('SPACY=%d' % ('spacy' in sys.modules))\n")
    env = dict(os.environ, SPEAKEASY_CACHE_DIR=str(tmp_path / "cache"))
    # the second run reads the wordlists' forms from the cache, but not its results (--no-cache): it splits
    # the text into sentences again
    runs = [subprocess.run([sys.executable, "-c", code, str(doc), *more], capture_output=True, text=True, timeout=120,
                           env=env) for more in ([], ["--no-cache"])]
    assert "SPACY=0" in runs[0].stderr, runs[0].stderr[-2000:]  # a new, empty cache
    assert "SPACY=0" in runs[1].stderr, runs[1].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout
    findings = json.loads(runs[1].stdout)["files"][0]["findings"]
    assert {f["match"] for f in findings} >= {"commence", "utilise"}


def test_a_run_longer_than_any_word_is_one_token() -> None:
    """spaCy's time on a run of brackets grows with its square; the port takes such a run whole."""
    from speakeasy.tokenizer import LONGEST_SPLIT

    run = ")" * (LONGEST_SPLIT + 1)
    assert ported(f"We {run} go.") == [(0, "We", True), (3, run, True), (4 + len(run), "go", False),
                                       (6 + len(run), ".", False)]
    short = ")" * 5
    assert ported(f"We {short} go.") == spacy_tokens(f"We {short} go.")
