"""The quick ways of reading a big wordlist give exactly what the slow ways give (issue 16, large wordlists).

Speed itself is measured by ``benchmarks/big_wordlist.py``, not here.  These tests check that each
shortcut changes nothing: the same word forms, the same data, the same errors.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from speakeasy import matching, packs
from speakeasy.errors import UserDataError
from speakeasy.matching import forms as matching_forms
from speakeasy.matching import inflection
from speakeasy.packs import builtin_wordlists_dir, parse_wordlist_text, wordlist_cache, wordlists
from speakeasy.schema import DataErrors, reading, validator
from wordlist_kit import folded


def _made_up_words(n: int, seed: int = 16) -> list[str]:
    """Words lemminflect does not know, with the endings that decide how a word is inflected."""
    rng = random.Random(seed)
    endings = ["", "e", "y", "ie", "ee", "s", "sh", "ch", "x", "z", "us", "um", "on", "is", "ex", "a", "ma",
               "en", "ise", "ate", "ify", "or", "ic", "it", "ot", "ap"]
    out = set()
    while len(out) < n:
        stem = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 9)))
        out.add(stem + rng.choice(endings))
    return sorted(out)


def test_batched_styles_are_lemminflects_own():
    from lemminflect import getAllInflectionsOOV

    words = [w for w in _made_up_words(1500) if not inflection.all_inflections(w)]
    for upos in ("VERB", "NOUN"):
        styles = inflection._oov_styles(words, upos)
        assert sum(s is not None for s in styles) > len(words) * 0.9  # (the matrix answered nearly all)
        for word, style in zip(words, styles):
            if style is not None:
                assert inflection._oov_from_style(word, upos, style) == getAllInflectionsOOV(word, upos), word


def test_expanding_with_primed_answers_gives_the_same_forms(monkeypatch):
    words = _made_up_words(400, seed=3)
    terms = words[:250] + [f"{a} {b}" for a, b in zip(words[250:325], words[325:400])] + ["take into account"]
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    inflection._OOV.clear()
    slow = [matching_forms._expand(t, True) for t in terms]  # one word at a time, as before
    inflection._OOV.clear()
    matching.prime_oov(matching_forms._unknown_words(terms))
    assert len(inflection._OOV) > 100
    fast = matching.expand_terms(terms)
    assert fast == slow


def _without_fast_path(monkeypatch):
    monkeypatch.setattr(validator._FastMapping, "read", lambda self, node: None)


def _entries(wordlist):
    return [{k: v for k, v in vars(e).items() if k != "wordlist"} for e in wordlist.entries]


BIG_ENOUGH = """title: Test
licence: CC0-1.0
defaults:
  agreed_by: The forum
words:
  - term: commence
    use: start
    why: "'Commence' is formal."
  - term: care package
    use: [help you get, support]
    why: It is jargon.
    as: noun
    when: [care]
  - term: 'impact'
    use:
      noun: effect
      verb: affect
    why: Two meanings.
  - term: utilise
    use: use
    why: Formal.
    status: proposed
    agreed: 2026-03-14
    everywhere: true
  - term: signpost
    use: tell you where to get help
    why: Jargon.
    unless: [road]
    within: paragraph
    fix: ask
"""


@pytest.mark.parametrize("name", sorted(p.name for p in builtin_wordlists_dir().glob("*.yaml")) + ["inline"])
def test_quick_reading_gives_the_same_entries(name, monkeypatch, tmp_path):
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    if name == "inline":
        path = tmp_path / "t.yaml"
        path.write_text(BIG_ENOUGH, encoding="utf-8")
    else:
        path = builtin_wordlists_dir() / name
    fast = wordlists.parse_wordlist(path)
    _without_fast_path(monkeypatch)
    slow = wordlists.parse_wordlist(path)
    assert _entries(fast) == _entries(slow)
    assert len(fast.entries) == len(slow.entries) > 0


BAD_LISTS = [
    "  - term: begin\n    use: start\n    why: Formal.\n  - term: begin\n    use: start\n    why: Again.\n",
    "  - term: begin\n    use: begin\n    why: Same.\n",
    "  - term: begin\n    use: start\n",
    "  - term: begin\n    uze: start\n    why: Typo.\n",
    "  - term: begin\n    use: start\n    why: ''\n",
    "  - term: begin\n    use: start\n    why: x\n    status: aproved\n",
    "  - term: begin\n    use: start\n    why: x\n    as: [nown]\n",
    "  - term: begin\n    use: start\n    why: x\n    agreed: March 2026\n",
    "  - term: yes\n    use: start\n    why: x\n",
    "  - term: begin\n    use: []\n    why: x\n",
    "  - term: begin\n    use: start\n    why: x\n    when: begin\n",
    "  - - term: begin\n",
    "  - term: begin\n    use: start\n    why: x\n    term: again\n",
]


@pytest.mark.parametrize("words", BAD_LISTS)
def test_quick_reading_gives_the_same_errors(words, monkeypatch):
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    text = "title: T\nlicence: CC0-1.0\nwords:\n  - term: fine\n    use: good\n    why: ok\n" + words

    def errors():
        try:
            loaded = wordlists.parse_wordlist(Path("t.yaml"), text)
        except DataErrors as exc:
            return [e.render() for e in exc.errors]
        return _entries(loaded)  # ("yes" is read as the text it is written as)

    fast = errors()
    _without_fast_path(monkeypatch)
    assert errors() == fast


def test_checked_text_comes_from_the_cache_and_errors_never_do(monkeypatch, tmp_path):
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    first = parse_wordlist_text("t.yaml", BIG_ENOUGH)
    assert list((tmp_path / "cache").glob("wordlist-*"))
    again = parse_wordlist_text("t.yaml", BIG_ENOUGH)
    assert _entries(again) == _entries(first) and again.path == first.path
    bad = BIG_ENOUGH.replace("why: Formal.", "why: ''")
    for _ in range(2):
        with pytest.raises(DataErrors) as caught:
            parse_wordlist_text("t.yaml", bad)
        assert "`why` is empty" in caught.value.errors[0].render()


def test_excerpts_quote_their_own_source():
    a = UserDataError("a.yaml", "Bad.", 2, 1, source="one\ntwo\nthree\n")
    b = UserDataError("b.yaml", "Bad.", 2, 1, source="uno\ndos\ntres\n")
    assert "> 2 | two" in a.render() and "> 2 | dos" in b.render() and "> 2 | two" in a.render()


def test_an_added_word_is_checked_before_it_is_written(tmp_path, monkeypatch):
    from speakeasy.words.store import WordlistFile

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "ours.yaml"
    path.write_text(BIG_ENOUGH, encoding="utf-8")
    wf = WordlistFile.open(path)
    assert wf.wordlist().entries[0].term == "commence"
    wf.add({"term": "facilitate", "use": ["help"], "why": "Formal."})
    assert "facilitate" in [e.term for e in wf.wordlist().entries]
    wf.add({"term": "zzz", "use": ["zzz"], "why": "Same as the term."})
    with pytest.raises(DataErrors):
        wf.save()
    assert "zzz" not in path.read_text(encoding="utf-8")


def _spans(wf):
    return [(e.term, e.status, e.line, e.lead, e.start, e.end, {k: vars(v) for k, v in e.keys.items()}, e.values)
            for e in wf.entries]


COMMENTED = """# Our words
title: Test
licence: CC0-1.0
defaults:
  status: agreed
words:
  # the first
  - term: begin
    use: start
    why: Formal.  # a note

  - term: commence
    use:
      - start
      - begin
    why: >
      Formal, and
      long.

  # about impact
  - term: impact
    use:
      noun: effect
      verb: affect
    why: Two meanings.
"""


@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("text", [BIG_ENOUGH, COMMENTED, COMMENTED.replace("\n\n", "\n")])
@pytest.mark.parametrize("term", ["aardvark", "care plan", "dog", "zebra", "Impacted"])
def test_an_added_word_goes_where_reading_the_whole_list_again_puts_it(text, term, crlf, tmp_path, monkeypatch):
    from speakeasy.words.store import WordlistFile

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / "ours.yaml"
    path.write_bytes(text.encode("utf-8"))
    wf = WordlistFile.open(path)
    span = wf.add({"term": term, "use": ["a plain word", "another"], "why": "It is: hard.", "as": ["noun"],
                   "when": ["care"]})
    assert wf._added is not None  # (the quick way was taken)
    again = WordlistFile(path, wf.text)
    assert _spans(wf) == _spans(again)
    assert span.line == next(e.line for e in again.entries if e.term == term)
    assert wf.save()
    assert path.read_bytes().decode("utf-8") == wf.text
    assert term in [e.term for e in packs.parse_wordlist_text(path, wf.text, cache=False).entries]


def test_a_bad_added_word_is_found_by_the_whole_check(tmp_path, monkeypatch):
    from speakeasy.words.store import WordlistFile

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    path = tmp_path / "ours.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    wf = WordlistFile.open(path)
    wf.add({"term": "facilitate", "use": ["facilitate"], "why": "Formal."})
    assert wf._added is not None
    with pytest.raises(DataErrors) as caught:
        wf.save()
    assert "is the same as the term" in caught.value.errors[0].render()
    assert "ours.yaml:" in caught.value.errors[0].render()
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_many_objects_made_with_the_collector_paused_are_left_out_of_later_collections():
    import gc

    from speakeasy.io import diskcache

    assert gc.isenabled()
    before = gc.get_freeze_count()
    try:
        with diskcache.paused_gc():
            small = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() == before
        with diskcache.paused_gc():
            with diskcache.paused_gc():
                big = [[i] for i in range(diskcache.FREEZE_AFTER * 2)]
            assert not gc.isenabled()  # (the outer block still runs without it)
        assert gc.isenabled() and gc.get_freeze_count() >= before + len(big)
        assert len(small) == 1000
    finally:
        gc.unfreeze()


def test_the_items_of_a_text_are_those_whose_forms_are_in_it():
    words = _made_up_words(300, seed=5)
    forms = [[w, w + "s", f"{w}\x00{v}"] for w, v in zip(words, reversed(words))] + [["care\x01plan", "don\x02t"]]
    fs = matching.FormSet(forms)
    rng = random.Random(7)
    texts = ["", "Care-plan and don’t", " ".join(rng.sample(words, 5)), "x" * 300, " ".join(words[:80])]
    texts += ["".join(rng.choice("abcdefghij -'") for _ in range(n)) for n in (5, 50, 500, 5000)]
    for text in texts:
        flat = matching.squash(text)
        slow = tuple(i for i, fl in enumerate(fs.squashed) if any(f in flat for f in fl))
        assert fs._chosen(flat) == slow, text[:40]
        assert fs.might_match(text) == bool(slow)
        assert [m.span() for m in fs.for_text(text).finditer(matching.lower_same_length(text))] == \
               [m.span() for m in fs.full().finditer(matching.lower_same_length(text))]
        fs._full = None


def test_words_check_finds_the_same_without_checking_texts_with_no_listed_word(monkeypatch, tmp_path):
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset
    from speakeasy.words import lint

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    others = [packs.load_wordlist(p) for p in sorted(builtin_wordlists_dir().glob("*.yaml"))]
    matcher = lint._Matcher([lint._word_rule(lint._bare(others))], build_ruleset(resolve(no_config=True)).settings)
    texts = [e.term for wl in others for e in wl.entries[:40]] + ["zebra", "a zebra crossing", "commencing",
                                                                 "Care-Package", "utilisation", "e.g. this"]
    quick = {t: matcher.findings(t) for t in texts}
    assert any(quick.values()) and not all(quick.values())
    assert matcher._nothing_to_find("zebra") and not matcher._nothing_to_find("e.g. this")
    monkeypatch.setattr(lint._Matcher, "_nothing_to_find", lambda self, text: False)
    matcher._seen.clear()
    assert {t: matcher.findings(t) for t in texts} == quick


def test_remembered_tags_are_the_safe_loaders_own():
    import yaml

    text = ("a: yes\nb: 'yes'\nc: 2026-03-14\nd: 1.5\ne: ~\nf: word\ng: yes\nh: [no, 'no', null, 0x1F, .inf]\n"
            "i: 2026-03-14\nj: word\n")
    for _ in range(2):  # (the second time from what was remembered)
        assert yaml.compose(text, Loader=reading.Loader) is not None
        assert yaml.load(text, Loader=reading.Loader) == yaml.load(text, Loader=yaml.SafeLoader)


def test_a_long_lists_inflected_alternatives_come_back_the_same_from_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    cases = [(("use", "make use of"), matching.expand_terms(["utilise"])[0]),
             (("care agency", "a place to live"), matching.expand_terms(["care provider"])[0]),
             (("start",), [("commence", "")])]
    first = [matching.inflect_all(alts, forms) for alts, forms in cases]
    assert first == [matching_forms._inflect_all(alts, forms) for alts, forms in cases]
    assert first[0]["VBD"] == {"use": "used", "make use of": "made use of"}

    def boom(*args):
        raise AssertionError("not from the cache")

    monkeypatch.setattr(matching_forms, "_inflect_all", boom)
    assert [matching.inflect_all(alts, forms) for alts, forms in cases] == first


def test_a_copy_of_a_checked_list_comes_from_the_cache_with_its_own_name(monkeypatch, tmp_path):
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ours.yaml").write_text(BIG_ENOUGH, encoding="utf-8")
    (tmp_path / "copy.yaml").write_text(BIG_ENOUGH, encoding="utf-8")
    first = packs.load_wordlist(tmp_path / "ours.yaml")
    monkeypatch.setattr(wordlist_cache, "parse_wordlist", lambda *args: pytest.fail("not from the cache"))
    copy = packs.load_wordlist(tmp_path / "copy.yaml")
    assert (copy.id, copy.path, first.id, first.path) == ("copy", "copy.yaml", "ours", "ours.yaml")
    assert copy.entries[0].origin()["file"] == "copy.yaml"
    assert _entries(copy) == _entries(first)
    text = parse_wordlist_text(tmp_path / "sub" / "third.yaml", BIG_ENOUGH)
    assert (text.id, text.path) == ("third", "sub/third.yaml")


def test_storing_a_list_leaves_nothing_in_cycles(monkeypatch, tmp_path):
    import gc

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    lines = ["title: T", "licence: CC0-1.0", "words:"]
    lines += [f"  - term: zz{w}\n    use: plain\n    why: Hard." for w in _made_up_words(200, seed=9)]
    path = tmp_path / "many.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        wordlist = packs.load_wordlist(path)  # (parsed, stored, and read back to check what was stored)
        assert len(wordlist.entries) == 200 and wordlist.entries[0].wordlist is wordlist
        assert list((tmp_path / "cache").glob("wordlist-*"))
        assert gc.collect() < 200  # (the copy read back was 1,400 objects in cycles)
    finally:
        gc.enable()


# ---------------------------------------------------------------------------
# A long list's forms, worked out only for the entries a text may hold


def test_every_form_of_a_term_holds_one_of_its_keys(monkeypatch):
    """The index may name too many terms for a text, never too few: each form holds a key of its term."""
    from wordfreq import top_n_list

    from speakeasy.matching.candidates import irregular_words, term_keys

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    irregular = irregular_words()
    assert irregular is not None and "went" in irregular["go"] and "mice" in irregular["mouse"]
    common = [w for w in top_n_list("en", 6000) if w.isalpha()]
    made_up = _made_up_words(1500, seed=7)
    odd = ["go", "be", "mouse", "child", "person", "die", "lie", "analysis", "criterion", "index", "formula",
           "take", "buy", "think", "ox", "foot", "organise", "utilise", "co-production", "self-isolate"]
    rng = random.Random(3)
    phrases = [f"{rng.choice(common)} {rng.choice(common + made_up)}" for _ in range(1500)]
    phrases += [f"{a} into {b}" for a, b in zip(odd, reversed(odd))] + ["take into account", "look after",
                                                                          "make use of", "don't know", "o'clock"]
    terms = sorted(set(common + made_up + odd + phrases))
    checked = 0
    for term, forms in zip(terms, matching.expand_terms(terms)):
        keys = term_keys(term, irregular)
        if keys is None:
            continue
        for form, _ in forms:
            assert any(key in folded(form) for key in keys), (term, form, keys)
            checked += 1
    assert checked > 25_000


def _texts_for(entries, n, seed):
    """Short texts made of forms of the entries' terms (and other words), as a document might hold them."""
    rng = random.Random(seed)
    all_forms = matching.expand_terms([e.term for e in entries])
    words = "the team will help you at home and we can talk about what you need".split()
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(3, 30)):
            parts.extend(rng.sample(words, 3))
            form = rng.choice(rng.choice(all_forms))[0]
            form = form.replace(matching.SEP_OPTIONAL, rng.choice([" ", "-", ""])).replace(matching.SEP_REQUIRED, " ")
            parts.append(form.replace(matching.APOSTROPHE, "'"))
        texts.append(" ".join(parts).capitalize() + ".")
    return texts


def _hits(matcher, text):
    low = matching.lower_same_length(text)
    return [(m.span(), matcher.lookup.get(matching.normalise(m.group()))) for m in matcher.forms.for_text(text).finditer(low)]


def test_a_long_list_expanded_for_each_text_finds_what_it_all_does(monkeypatch):
    from wordfreq import top_n_list

    from speakeasy.kinds.entry_matcher import Matcher
    from speakeasy.packdata import Entry

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    entries = [e for p in sorted(builtin_wordlists_dir().glob("*.yaml")) for e in packs.load_wordlist(p).entries]
    words = [w for w in top_n_list("en", 3000) if w.isalpha()]
    # the same term twice (as two parts of speech), terms whose forms are other terms' ("use", "uses")
    entries += [Entry(term=w, use=["plain"], why="Test.", parts=(part,)) for w in words[:1500:3]
                for part in ("noun", "verb")]
    entries += [Entry(term=w, use=["plain"], why="Test.") for w in words[1:1500:3]]
    entries += [Entry(term=f"{a} {b}", use=["plain"], why="Test.", when=[c]) for a, b, c in
                zip(words[1500:2000], words[2000:2500], words[2500:3000])]
    texts = _texts_for(entries, 8, seed=5)
    eager = Matcher(entries)
    assert isinstance(eager.forms, matching.FormSet)
    monkeypatch.setattr(matching_forms, "EAGER_INFLECTIONS", 100)
    monkeypatch.setattr(Matcher, "MAX_ROUNDS", 10_000)
    late = Matcher(entries)
    assert not late.lookup  # (nothing worked out yet)
    for text in texts:
        got = _hits(late, text)
        assert got == _hits(eager, text) and got
    assert 0 < len(late._forms) < len(entries) * 0.3
    texts += _texts_for(entries, 30, seed=6) + [Path("examples/care-at-home-policy.md").read_text(encoding="utf-8")]
    for text in texts[8:]:
        assert _hits(late, text) == _hits(eager, text)
    hit = {i for text in texts for _, found in _hits(late, text) if found for i in found.entries}
    assert [late.inflected[i] for i in sorted(hit)] == [eager.inflected[i] for i in sorted(hit)]
    assert [late.near_words(i) for i in sorted(hit)] == [eager.near_words(i) for i in sorted(hit)]
    # after a few texts, or for a long one, the whole list is worked out: the same as all at once
    monkeypatch.setattr(Matcher, "MAX_ROUNDS", 2)
    again = Matcher(entries)
    for text in texts[:5]:
        assert _hits(again, text) == _hits(eager, text)
    assert again.lookup == eager.lookup and len(again._forms) == len(entries)


# ---------------------------------------------------------------------------
# words check of a long list


def test_one_pattern_for_many_tiny_texts_finds_what_each_text_s_own_pattern_finds(monkeypatch):
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    entries = [e for p in sorted(builtin_wordlists_dir().glob("*.yaml")) for e in packs.load_wordlist(p).entries]
    forms = [[f for f, _ in got] for got in matching.expand_terms([e.term for e in entries])]
    texts = [alt for e in entries for alt in e.use] + [e.term for e in entries] + ["utilised the care packages"]
    alone = matching.FormSet(forms)
    ready = matching.FormSet(forms)
    monkeypatch.setattr(matching.FormSet, "EXPECT_BATCH", 40)
    ready.expect(texts)
    assert len(set(map(id, ready._subsets.values()))) < len(ready._subsets) / 10  # (one pattern for many texts)
    found = 0
    for text in texts:
        low = matching.lower_same_length(text)
        want = [m.span() for m in alone.for_text(text).finditer(low)]
        assert [m.span() for m in ready.for_text(text).finditer(low)] == want, text
        found += bool(want)
    assert found > 100


def test_words_check_reads_the_places_of_entries_only_when_it_needs_them(monkeypatch, tmp_path, capsys):
    from speakeasy.cli import main
    from speakeasy.words import store

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(store, "_KEEP_TERMS", 3)
    words = sorted(_made_up_words(30, seed=11))
    text = "title: T\nlicence: CC0-1.0\nwords:\n" + "".join(
        f"  - term: zz{w}\n    use: plain\n    why: Hard.\n" for w in words)
    unsorted = text.replace("term: zz" + words[3], "term: zzzzzz")
    for body, in_order in ((text, True), (unsorted, False)):
        path = tmp_path / "t.yaml"
        path.write_text(body, encoding="utf-8")
        parsed = store.WordlistFile.open(path)
        assert not parsed._parsed
        assert parsed.is_sorted() is in_order and parsed._parsed  # (read, and its terms kept)
        again = store.WordlistFile.open(path)
        assert again.is_sorted() is in_order and not again._parsed  # (from the kept terms)
        assert again.entries[3].term.startswith("zz") and again._parsed  # (read when asked for)
        capsys.readouterr()
        main(["words", "check", "--no-config", str(path)])
        assert ("should come before" in capsys.readouterr().err) is not in_order


def test_a_long_list_whose_forms_are_all_in_the_cache_reads_them(monkeypatch, tmp_path):
    """A new text's entries are not worked out when the disk cache has every entry's forms: reading them is quicker."""
    from speakeasy.kinds.entry_matcher import Matcher

    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    entries = [e for p in sorted(builtin_wordlists_dir().glob("*.yaml")) for e in packs.load_wordlist(p).entries]
    texts = _texts_for(entries, 3, seed=8)
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(matching_forms, "EAGER_INFLECTIONS", 100)
    first = Matcher(entries)
    hits = _hits(first, texts[0])
    assert first._index is not None  # (only what the text may hold was worked out, and kept)
    again = Matcher(entries)
    assert _hits(again, texts[0]) == hits and again._index is not None
    monkeypatch.setattr(matching_forms, "EAGER_INFLECTIONS", 5000)
    eager = Matcher(entries)  # (which keeps every entry's forms in the cache)
    assert _hits(eager, texts[0]) == hits
    monkeypatch.setattr(matching_forms, "EAGER_INFLECTIONS", 100)
    late = Matcher(entries)
    monkeypatch.setattr(matching_forms, "_expand", None)  # (nothing may be worked out from here on)
    assert _hits(late, texts[1]) == _hits(eager, texts[1])  # (the whole list, from the cache)
    assert late._index is None and late.lookup == eager.lookup
