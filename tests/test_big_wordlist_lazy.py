"""A long list expanded only for the entries a text may hold finds exactly what the whole list expanded finds
(issue 16, large wordlists): checked end to end with ``lint_text``, on a made-up list of over 5,000 entries
and texts full of the forms of its terms, written every way a document writes them."""

from __future__ import annotations

import random
import string
import threading
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speakeasy import matching
from speakeasy.matching import forms as matching_forms
from speakeasy.matching import trie
from speakeasy.packs import builtin_wordlists_dir
from wordlist_kit import folded

IRREGULAR = ("go be have do take give buy think bring teach catch seek fight run swim begin write ride drive eat "
             "fall feel find fly forget freeze lie lay leave lose mean meet pay say see sell send shake sing sit "
             "sleep speak spend stand steal strike swear tear tell throw wake wear win mouse child person ox foot "
             "tooth goose woman man die dye analysis criterion index formula curriculum alumnus crisis phenomenon "
             "datum thesis matrix appendix stimulus radius cactus leaf knife life wife half").split()
ENDING_Y = ("apply comply supply rely carry marry study worry hurry deny try identify clarify modify notify qualify "
            "satisfy specify verify policy agency body city party family duty enquiry query delivery strategy "
            "money key survey").split()
ENDING_ISE = ("organise prioritise utilise realise recognise maximise minimise finalise optimise summarise emphasise "
              "authorise categorise customise familiarise harmonise mobilise normalise penalise personalise "
              "publicise rationalise scrutinise specialise standardise stabilise subsidise sympathise visualise "
              "organisation prioritisation utilisation realisation analyse paralyse catalyse").split()
SPECIAL = ["co-production", "self-isolate", "follow-up", "well-being", "long-term", "step-down", "after-care",
           "children's services", "don't know", "o'clock", "can't", "people's lives", "carer's assessment",
           "NHS Trust", "Care Act", "Local Authority", "Direct Payment", "Section 117", "A&E", "24/7", "e.g.",
           "take into account", "look after", "make use of", "carry out", "set up", "go into", "bring about",
           "in accordance with", "with regard to", "prior to", "in respect of", "going forward", "touch base",
           "Looked-After Child", "hard-to-reach", "one-to-one", "X-ray", "T-shirt", "McDonald's", "Mother's Day",
           "IT", "ID", "OK", "Wi-Fi", "e-mail", "café", "naïve", "rôle"]
PLAIN = ["help", "use", "plain word", "start", "make", "say", "get"]


def _made_up(rng: random.Random, n: int) -> list[str]:
    endings = ["", "e", "y", "ie", "ee", "s", "sh", "ch", "x", "z", "us", "um", "on", "is", "ex", "a", "ma", "en",
               "ise", "ize", "ate", "ify", "or", "ic", "it", "ot", "ap", "sis", "men", "ing", "ed"]
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 8))) + rng.choice(endings))
    return sorted(out)


def _big_list(n: int = 5_200, seed: int = 16) -> dict:
    """A wordlist of ``n`` entries: the shipped lists' (with their `as`, `when` and `unless`), irregular words,
    "-y" and "-ise" words, phrases, hyphens, apostrophes, capitals, the same term as noun and verb, made-up
    words, and common words, with a topic most entries are flagged outside of."""
    from wordfreq import top_n_list

    rng = random.Random(seed)
    words: list[dict] = []
    seen: dict[str, set[str]] = {}

    def add(entry: dict) -> None:
        norm = "".join(entry["term"].casefold().replace("-", " ").split())
        part = entry.get("as", "")
        part = ",".join(part) if isinstance(part, list) else part
        got = seen.setdefault(norm, set())
        uses = entry["use"] if isinstance(entry["use"], list) else [entry["use"]]
        if got and ("" in got or part in ("", *got) or "," in part or any("," in g for g in got)):
            return
        if any(str(u).casefold() == entry["term"].casefold() for u in uses):
            return
        got.add(part)
        words.append(entry)

    def simple(term: str, **more) -> dict:
        return {"term": term, "use": [rng.choice(PLAIN)], "why": "Test.", **more}

    topic = None
    keep = ("term", "use", "why", "as", "when", "unless", "within", "everywhere", "explained_ok", "fix")
    for path in sorted(builtin_wordlists_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        topic = topic or data.get("topic")
        for entry in data["words"]:
            add({k: v for k, v in entry.items() if k in keep})
    for word in IRREGULAR + ENDING_Y + ENDING_ISE + SPECIAL:
        add(simple(word))
    for word in IRREGULAR[:20] + ENDING_Y[:10]:
        add(simple(word + " up"))
        add(simple("the " + word))
    common = [w for w in top_n_list("en", 8000) if w.isalpha() and len(w) > 1]
    for word in common[:600:4]:
        add(simple(word, **{"as": "noun"}))
        add(simple(word, **{"as": "verb", "use": ["do"]}))
    made_up = _made_up(rng, 1200)
    for i, word in enumerate(made_up):
        add(simple((word, word, word.capitalize(), word.upper())[i % 4]))
    pool = common[:3000] + IRREGULAR + ENDING_Y + ENDING_ISE + made_up[:300]
    while len(words) < n:
        r = rng.random()
        if r < 0.45:
            term = rng.choice(common)
        elif r < 0.75:
            term = f"{rng.choice(pool)} {rng.choice(pool)}"
        elif r < 0.82:
            term = f"{rng.choice(pool)}-{rng.choice(pool)}"
        elif r < 0.87:
            term = f"{rng.choice(pool)}'s {rng.choice(pool)}"
        elif r < 0.92:
            term = f"{rng.choice(IRREGULAR + ENDING_Y + ENDING_ISE)} {rng.choice(['into', 'out', 'up', 'of'])} " \
                   f"{rng.choice(pool)}"
        else:
            term = " ".join(rng.choice(pool) for _ in range(3))
        if rng.random() < 0.1:
            term = term.title()
        more: dict = {}
        q = rng.random()
        if q < 0.05:
            more["when"] = [rng.choice(pool), f"{rng.choice(pool)} {rng.choice(pool)}"]
        elif q < 0.1:
            more["unless"] = [rng.choice(pool)]
            if rng.random() < 0.5:
                more["within"] = "paragraph"
        elif q < 0.15:
            more["as"] = rng.choice(["noun", "verb", ["noun", "verb"]])
        add(simple(term, **more))
    words = words[:n]
    for i, entry in enumerate(words):
        if i % 3:
            entry["everywhere"] = True
    return {"title": "Big test list", "licence": "CC0-1.0", "defaults": {"agreed_by": "The forum"},
            "topic": topic, "words": words}


class _Both:
    """One rule set on a long list, checked with the matcher as it is (lazy) and with every entry expanded."""

    def __init__(self, folder: Path) -> None:
        from speakeasy.config import resolve
        from speakeasy.kinds import entry_matcher
        from speakeasy.ruleset import build_ruleset

        path = folder / "big.yaml"
        path.write_text(yaml.safe_dump(_big_list(), sort_keys=False, allow_unicode=True), encoding="utf-8")
        self.ruleset = build_ruleset(resolve({"packs": [], "extra_wordlists": [str(path)]}, no_config=True,
                                             cwd=folder))
        self.kind = next(k for k in self.ruleset.kinds if getattr(k, "matcher", None) is not None)
        self.entries = list(self.kind.matcher.entries)
        assert len(self.entries) > matching_forms.EAGER_INFLECTIONS
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(entry_matcher, "irregular_words", lambda: None)  # (then every entry is expanded)
            self.full = entry_matcher.Matcher(self.entries)
        assert self.full._index is None
        self.forms = [self.full._forms[i] for i in range(len(self.entries))]

    def lazy(self):
        from speakeasy.kinds.entry_matcher import Matcher

        matcher = Matcher(self.entries)
        assert matcher._index is not None and not matcher.lookup
        return matcher

    def findings(self, text: str, matcher) -> list[tuple]:
        from speakeasy.engine import lint_text

        self.kind.matcher = matcher
        return [(f.rule, f.start, f.end, f.match, f.message, tuple(f.suggestions), repr(f.edit), repr(f.origin))
                for f in lint_text(text, self.ruleset, "doc.md", "markdown").findings]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        # (no disk cache: with every entry's forms in it, the lazy matcher would read them all at once)
        mp.setenv("SPEAKEASY_CACHE_DIR", "")
        yield _Both(tmp_path_factory.mktemp("big-list"))


FILLER = "the team will help you at home and we can talk about what you need care carer".split()


@st.composite
def _written(draw, both: _Both) -> str:
    """A form of a term as a document may write it."""
    forms = both.forms[draw(st.integers(0, len(both.forms) - 1))]
    form = forms[draw(st.integers(0, len(forms) - 1))][0]
    form = form.replace(matching.SEP_OPTIONAL, draw(st.sampled_from([" ", "-", "", "\n", "-\n", " - ", "\u2011"])))
    form = form.replace(matching.SEP_REQUIRED, draw(st.sampled_from([" ", "-", "\n", "  "])))
    form = form.replace(matching.APOSTROPHE, draw(st.sampled_from(["'", "’", "‘"])))
    form = draw(st.sampled_from([str.lower, str.title, str.upper, str.capitalize]))(form)
    before = draw(st.sampled_from(["", "", "", "non-", "pre-", "re", "un", "“", "**"]))
    after = draw(st.sampled_from(["", "", "", "'s", "’s", "s'", "-based", "-\nled", "s", "ed", "ing", "ly", "**",
                                  "”", "."]))
    return before + form + after


@st.composite
def _document(draw, both: _Both) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 10))):
        parts.append(" ".join(draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=3))))
        parts.append(draw(_written(both)))
        parts.append(draw(st.sampled_from([" ", " ", ", ", ". ", ".\n\n", "\n", "\n\n# ", "\n\n> ", "\n\n* "])))
    return "".join(parts).strip().capitalize() + "."


def test_a_long_list_finds_in_every_text_what_the_whole_list_expanded_finds(both):
    """Texts hold forms of the list's terms in Title Case, capitals, with possessives, hyphens, curly
    apostrophes and line breaks; each is checked with a new lazy matcher and with the whole list."""
    found = []

    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(_document(both), min_size=1, max_size=3))
    def check(texts: list[str]) -> None:
        lazy = both.lazy()
        for text in texts:
            got = both.findings(text, lazy)
            assert got == both.findings(text, both.full), text
            found.append(len(got))
        assert len(lazy._forms) < len(both.entries) * 0.3 or lazy._index is None

    check()
    assert sum(found) > 40  # (most texts hold a finding: the test would find no difference in texts without)


def test_a_long_list_grows_text_by_text_to_the_whole_list_and_finds_the_same(both):
    """One lazy matcher for many texts, one after another: each text's findings are the whole list's, while it
    grows and once it has expanded every entry (after Matcher.MAX_ROUNDS texts)."""
    rng = random.Random(19)
    lazy = both.lazy()
    texts = []
    for _ in range(12):
        parts = []
        for _ in range(rng.randint(3, 12)):
            parts.extend(rng.sample(FILLER, 2))
            form = rng.choice(rng.choice(both.forms))[0]
            parts.append(form.replace(matching.SEP_OPTIONAL, "-").replace(matching.SEP_REQUIRED, " ")
                         .replace(matching.APOSTROPHE, "’").title())
        texts.append(" ".join(parts) + ".")
    grown = []
    for text in texts:
        assert both.findings(text, lazy) == both.findings(text, both.full), text
        grown.append(lazy._index is None)
    assert grown[0] is False and grown[-1] is True
    assert lazy.lookup == both.full.lookup


def test_a_text_matched_while_another_thread_indexes_the_same_forms_finds_its_items(monkeypatch):
    """A long list makes a new FormSet for each text it grows for, shared by the threads that check with it:
    one thread indexing its forms must not let another see the index without the lengths of its pieces
    (the other found no item in its text, and a tiny text's answer was kept)."""
    words = _made_up(random.Random(4), 300)
    forms = matching.FormSet([[w, w + "s"] for w in words])
    indexing = threading.Event()
    asked = threading.Event()
    builder: threading.Thread | None = None

    def slow_sorted(items, *args, **kwargs):
        out = sorted(items, *args, **kwargs)
        if threading.current_thread() is builder and out and isinstance(out[0], int) and not indexing.is_set():
            indexing.set()  # (the builder is working out the lengths of the pieces it indexed)
            asked.wait(5)
        return out

    monkeypatch.setattr(trie, "sorted", slow_sorted, raising=False)
    builder = threading.Thread(target=forms.might_match, args=("nothing listed here",))
    builder.start()
    indexing.wait(5)
    try:
        text = f"We {words[7]} today."
        assert forms.might_match(text)
        assert forms._chosen(matching.squash(text)) == (7,)
    finally:
        asked.set()
        builder.join()
    assert forms._chosen(matching.squash(text)) == (7,)


def test_a_term_written_with_a_backtick_for_its_apostrophe_is_found_in_every_text(monkeypatch):
    """A text is looked at with its backticks read as apostrophes (``squash``), so a term's forms must be
    too: else a small text's own pattern, and a long list's index, left out a term the whole pattern finds."""
    from speakeasy.kinds.entry_matcher import Matcher
    from speakeasy.packdata import Entry

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    text = "We don`t know, and rock`n`roll is loud."
    low = matching.lower_same_length(text)
    forms = matching.FormSet([["don`t"], ["rock`n`roll"], ["cat"]])
    assert [m.group() for m in forms.full().finditer(low)] == ["don`t", "rock`n`roll"]
    assert [m.group() for m in forms.for_text(text).finditer(low)] == ["don`t", "rock`n`roll"]
    words = _made_up(random.Random(5), 300)
    entries = [Entry(term=w, use=["plain"], why="Test.") for w in words]
    entries += [Entry(term="don`t", use=["do not"], why="Test."), Entry(term="Rock`n`roll", use=["rock"], why="Test.")]
    monkeypatch.setattr(matching_forms, "EAGER_INFLECTIONS", 100)
    lazy = Matcher(entries)
    assert lazy._index is not None
    found = [m.group() for m in lazy.forms.for_text(text).finditer(low)]
    assert found == ["don`t", "rock`n`roll"]
    assert [lazy.lookup[matching.normalise(f)].entries for f in found] == [(300,), (301,)]


def test_a_form_lemminflect_gives_with_a_hyphen_is_found_in_a_small_text_and_by_a_long_lists_index(monkeypatch):
    """lemminflect's dictionary gives a few forms with a hyphen or a space ("login" -> "logs-in", "babysit" ->
    "baby-sits"): a small text's own pattern, and a long list's index, must look for them as a text is read
    (without its hyphens), as the whole pattern finds them."""
    from speakeasy.kinds.entry_matcher import Matcher
    from speakeasy.packdata import Entry

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    text = "She logs-in each day, then baby-sits."
    low = matching.lower_same_length(text)
    terms = ["login", "babysit"]
    forms = matching.FormSet([[f for f, _ in got] for got in matching.expand_terms(terms)])
    assert [m.group() for m in forms.full().finditer(low)] == ["logs-in", "baby-sits"]
    assert [m.group() for m in forms.for_text(text).finditer(low)] == ["logs-in", "baby-sits"]
    words = _made_up(random.Random(6), 300)
    entries = [Entry(term=w, use=["plain"], why="Test.") for w in words + terms]
    monkeypatch.setattr(matching_forms, "EAGER_INFLECTIONS", 100)
    lazy = Matcher(entries)
    assert lazy._index is not None
    found = [m.group() for m in lazy.forms.for_text(text).finditer(low)]
    assert found == ["logs-in", "baby-sits"]
    assert [lazy.lookup[matching.normalise(f)].entries for f in found] == [(300,), (301,)]


def test_every_form_of_every_irregular_word_holds_one_of_its_keys_as_a_text_is_read(monkeypatch):
    """Each word lemminflect's dictionary inflects other than its rules (with a hyphen or a space in some), alone
    and as the end of a phrase: every form, read as a text is (squashed), holds one of the term's keys."""
    from speakeasy.matching.candidates import irregular_words, term_keys

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    irregular = irregular_words()
    assert irregular is not None
    terms = sorted(irregular) + [f"the {w}" for w in sorted(irregular)[::7]]
    checked = 0
    for term, forms in zip(terms, matching.expand_terms(terms)):
        keys = term_keys(term, irregular)
        if keys is None:
            continue
        for form, _ in forms:
            assert any(key in folded(form) for key in keys), (term, form, keys)
            checked += 1
    assert checked > 2000
