"""Sentences and words, split and counted the way a reader would."""

from __future__ import annotations

import pytest

from speakeasy.analysis import Analysis, words_in
from speakeasy.readers import read_bytes


def sentences(text: str, fmt: str = "text") -> list[str]:
    doc = read_bytes("t.txt" if fmt == "text" else "t.md", text.encode(), fmt)
    a = Analysis(doc)
    return [" ".join(text[s.start : s.end].split()) for s in a.sentences]


def word_count(text: str) -> int:
    return len(words_in(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations that come before something never end a sentence
        ("Contact Dr. Smith or Mr. Jones today. Then wait.", ["Contact Dr. Smith or Mr. Jones today.", "Then wait."]),
        ("Bring proof, e.g. a letter. We keep it.", ["Bring proof, e.g. a letter.", "We keep it."]),
        ("Bring proof, i.e. a passport. We keep it.", ["Bring proof, i.e. a passport.", "We keep it."]),
        ("Use form No. 5 for this. Send it back.", ["Use form No. 5 for this.", "Send it back."]),
        ("See para. 4 and Fig. 2 below. Thanks.", ["See para. 4 and Fig. 2 below.", "Thanks."]),
        # etc. ends a sentence only when a capital follows
        ("We help with cooking, cleaning etc. The council pays.",
         ["We help with cooking, cleaning etc.", "The council pays."]),
        ("We help with cooking etc. and cleaning.", ["We help with cooking etc. and cleaning."]),
        # decimals and numbered clauses are one word, not a sentence break
        ("It costs £5.50 an hour. See section 3.2.1 for more.", ["It costs £5.50 an hour.", "See section 3.2.1 for more."]),
        ("Read clause 3.2.1. It explains the fee.", ["Read clause 3.2.1.", "It explains the fee."]),
        # ellipses
        ("It helps... but not always. Ask us.", ["It helps... but not always.", "Ask us."]),
        ("Wait… Then call us.", ["Wait…", "Then call us."]),
        # questions, exclamations and quotes
        ('"Is it free?" she asked. It is.', ['"Is it free?" she asked.', "It is."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        # a digit after a full stop starts a sentence
        ("Prices rose in 2024. 25 people came.", ["Prices rose in 2024.", "25 people came."]),
        # initials
        ("A book by J. K. Rowling is here. We read it.", ["A book by J. K. Rowling is here.", "We read it."]),
        ("Ask Mr J. Smith today.", ["Ask Mr J. Smith today."]),
        ("We chose Plan B. Next we act.", ["We chose Plan B.", "Next we act."]),
        # lower case after a full stop: the same sentence
        ("Visits are at 10 a.m. and 2 p.m. daily.", ["Visits are at 10 a.m. and 2 p.m. daily."]),
        # brackets
        ("Call us (we are open 9 to 5). We will help.", ["Call us (we are open 9 to 5).", "We will help."]),
        # a full stop after a closing quote or bracket ends the sentence, even after an abbreviation
        ('Short forms such as "e.g.". Use them rarely.', ['Short forms such as "e.g.".', "Use them rarely."]),
        ("Use short forms (e.g.). Then stop.", ["Use short forms (e.g.).", "Then stop."]),
        ("See the list (etc.) and then more.", ["See the list (etc.) and then more."]),
    ],
)
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_one_sentence_per_line_with_lower_case_starts() -> None:
    text = "We read the file.\nspeakeasy then splits it.\nWe help with cooking etc.\nand cleaning.\n"
    assert sentences(text) == ["We read the file.", "speakeasy then splits it.", "We help with cooking etc. and cleaning."]


def test_names_that_start_in_lower_case_start_a_sentence() -> None:
    assert sentences("We use it. spaCy splits words.") == ["We use it.", "spaCy splits words."]


def test_list_items_without_full_stops_are_separate_sentences() -> None:
    text = "We will:\n\n- visit you at home\n- tell you who is coming\n- call if we are late\n"
    assert sentences(text) == ["We will:", "visit you at home", "tell you who is coming", "call if we are late"]


def test_markdown_list_items_and_headings_do_not_merge() -> None:
    text = "# Who we are\nWe run care at home\n\n* visit you\n* help you wash\n\n| Day | Time |\n|---|---|\n| Monday | 9am |\n"
    assert sentences(text, "markdown") == [
        "Who we are", "We run care at home", "visit you", "help you wash", "Day", "Time", "Monday", "9am",
    ]


def test_sentence_across_soft_line_breaks_is_one_sentence() -> None:
    text = "We will visit you\nat home every week.\nThen we write to you.\n"
    assert sentences(text) == ["We will visit you at home every week.", "Then we write to you."]


@pytest.mark.parametrize(
    "text, count",
    [
        ("co-production", 1),
        ("Co-production works.", 2),
        ("don't stop", 2),
        ("It's £5.50 per hour.", 4),
        ("See 3.2.1 and 4.5", 4),
        ("In 2024 we saw 1,000 people", 6),
        ("Yes — no — maybe", 3),
        ("(CQC), A&E and the NHS.", 5),
        ("...", 0),
        ("", 0),
        ("and/or", 1),
        ("e.g. this", 2),
        ("Wales: Dŵr Cymru", 3),
    ],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


def test_word_spans_trim_surrounding_punctuation() -> None:
    text = "(CQC), “quoted”."
    spans = words_in(text)
    assert [text[s:e] for s, e in spans] == ["CQC", "quoted"]


def test_sentence_word_counts_use_reader_words() -> None:
    doc = read_bytes("t.txt", b"Co-production means people who use services, carers and staff work together.", "text")
    a = Analysis(doc)
    assert [s.word_count for s in a.sentences] == [11]


def test_sentence_offsets_point_into_source() -> None:
    src = "# Title\n\nFirst one. Second *one* here.\n"
    doc = read_bytes("t.md", src.encode(), "markdown")
    a = Analysis(doc)
    assert [src[s.start : s.end] for s in a.sentences] == ["Title", "First one.", "Second *one* here."]


def test_location_names_section_and_paragraph() -> None:
    src = "# Intro\n\nOne.\n\n## Who does what\n\nFirst.\n\nSecond.\n\n| A | B |\n|---|---|\n| x | y |\n"
    doc = read_bytes("t.md", src.encode(), "markdown")
    a = Analysis(doc)
    assert a.location(src.index("Second")) == "under 'Who does what', paragraph 2"
    assert a.location(src.index("Who")) == "heading 'Who does what'"
    assert a.location(src.index("y |")) == "under 'Who does what', table 1, row 2, column 2"


def test_readability_stats_are_computed() -> None:
    doc = read_bytes("t.txt", b"The cat sat on the mat. The dog ate the bone.", "text")
    a = Analysis(doc)
    sc = a.scores()
    assert sc.counts.words == 11
    assert sc.counts.sentences == 2
    assert sc.counts.syllables == 11
    # 206.835 - 1.015 * 5.5 - 84.6 * 1
    assert sc.flesch_reading_ease == pytest.approx(116.65, abs=0.01)


def test_trained_pipeline_that_is_not_installed_is_a_clear_error() -> None:
    from speakeasy.analysis import load_pipeline
    from speakeasy.errors import ConfigError

    with pytest.raises(ConfigError, match="'en_no_such_model' named in your configuration is not installed"):
        load_pipeline("en_no_such_model")


def test_tokens_are_the_same_whatever_the_batches(monkeypatch) -> None:
    """Blocks are tokenised a batch at a time (for memory): each block's tokens are those of one batch of all."""
    from speakeasy.analysis import sentences as S

    text = "".join(f"# Part {i}\n\nThe plan (e.g. this one) ends here.  Next, we go on.\nAnd then? Yes! Mr. J. Smith said so.\n\n"
                   f"- item {i}. Another\n- \"Quoted.\" Then more.\n\n" for i in range(40))
    doc = read_bytes("t.md", text.encode(), "markdown")
    wanted = S.blocks_to_split(doc.blocks)
    assert len(wanted) > 40
    monkeypatch.setattr(S, "TOKENISE_AT_ONCE", 10 ** 12)
    whole = S.tokens_of_blocks(None, doc.blocks, wanted)
    for size in (1, 50, 500):
        monkeypatch.setattr(S, "TOKENISE_AT_ONCE", size)
        assert S.tokens_of_blocks(None, doc.blocks, wanted) == whole
    assert any(toks[-1][2] == 2 for toks in whole.values())  # a block's last token: a line break after it


def test_a_sentences_words_share_one_string_for_each_different_word() -> None:
    doc = read_bytes("t.md", b"The care plan. The care team. The plan.\n\nThe end.\n", "markdown")
    sents = Analysis(doc).sentences
    firsts = [s.texts[0] for s in sents]
    assert firsts == ["The"] * 4
    assert all(w is firsts[0] for w in firsts)


def test_what_the_rules_read_is_let_go_and_worked_out_again() -> None:
    doc = read_bytes("t.md", b"# Care\n\nThe Care Quality Commission visits. \"We said so.\" They came.\n", "markdown")
    a = Analysis(doc)
    names, scope = a.names.spans, a.scope_text(doc.blocks[1].start, "paragraph")
    quoted = a.quoted(doc.blocks[1].start + 45, doc.blocks[1].start + 47)
    tagged = a.tagged(a.sentences[1])
    a.let_go()
    assert a._names is None and not a._scopes and not a._tagged
    assert a.names.spans == names and a.scope_text(doc.blocks[1].start, "paragraph") == scope
    assert a.quoted(doc.blocks[1].start + 45, doc.blocks[1].start + 47) == quoted and a.tagged(a.sentences[1]) == tagged


def test_a_one_sentence_block_is_tallied_once() -> None:
    from speakeasy.plainscore import tally

    doc = read_bytes("t.md", b"One sentence here.\n\nTwo here. And a second one.\n", "markdown")
    a = Analysis(doc)
    assert a.block_tally(0) is a.sentence_tally(a.block_sentences(0)[0])
    assert a.block_tally(0) == tally([a.sentence_tally(a.block_sentences(0)[0])])
    assert a.block_tally(1) == tally(a.sentence_tally(s) for s in a.block_sentences(1))


def test_the_blocks_readability_counts_are_let_go_once_the_documents_scores_are_made() -> None:
    doc = read_bytes("t.md", b"One sentence here.\n\nTwo here. And a second one.\n", "markdown")
    a = Analysis(doc)
    a.let_go()
    assert a._block_stats is None
    stats = a.block_stats()
    a.let_go()
    assert a._block_stats is stats  # the document's scores are not made yet: kept
    scores = a.scores()
    a.let_go()
    assert a._block_stats is None and a.scores() is scores
    assert [st.counts for st in a.block_stats()] == [st.counts for st in stats]


def test_the_plain_scores_of_the_blocks_are_given_once_and_their_tallies_let_go() -> None:
    doc = read_bytes("t.md", b"# Care\n\nOne sentence here.\n\nTwo here. And a second, longer one for you.\n",
                     "markdown")
    a = Analysis(doc)
    blocks = a.plain_blocks()
    sentence_scores = {bi: [round(a.plain_sentence(s, explain=False).score, 1) for s in a.block_sentences(bi)]
                       for bi, ps in enumerate(blocks) if ps is not None}
    blocks = list(blocks)  # plain_blocks_once empties the list plain_blocks gave
    got = list(a.plain_blocks_once())
    assert [(bi, ps) for bi, ps, _ in got] == [(bi, ps) for bi, ps in enumerate(blocks) if ps is not None]
    assert {bi: scores for bi, _, scores in got} == sentence_scores
    assert not a._tallies and not a._block_tallies and a._plain_blocks is None
    assert a.plain_blocks() == [None, *(ps for _, ps, _ in got)]  # worked out again, the same


def test_a_blocks_readability_scores_are_worked_out_from_its_counts_when_asked_for() -> None:
    from speakeasy.analysis import BlockStats
    from speakeasy.readability import scores

    doc = read_bytes("t.md", b"One sentence here.\n\nTwo here. And a second, longer one.\n", "markdown")
    stats = Analysis(doc).block_stats()
    assert [st.scores for st in stats] == [scores(st.counts) for st in stats]
    assert "scores" not in BlockStats.__slots__  # not kept for each block


def test_the_plain_scores_are_made_in_one_pass_that_keeps_no_tallies() -> None:
    """The same numbers as adding up the kept tallies of each sentence and block, without keeping them."""
    from speakeasy.model import BlockKind
    from speakeasy.plainscore import score, tally

    doc = read_bytes("t.md", b"# Care plans\n\nWe will utilise the care package. It is reviewed yearly.\n\n"
                     b"- You can ask us.\n\n| Cell one | Cell two words |\n|---|---|\n| a | b |\n\nThe end.\n",
                     "markdown")
    jargon = [(doc.source.index("care package"), doc.source.index("care package") + 12, "care package")]
    one_pass, kept = Analysis(doc, jargon_spans=jargon), Analysis(doc, jargon_spans=jargon)
    assert one_pass.plain_document() == score(tally(
        kept.block_tally(bi) for bi, b in enumerate(doc.blocks) if b.kind is not BlockKind.HEADING))
    assert one_pass.plain_blocks() == [
        None if b.kind is BlockKind.HEADING or not kept.block_sentences(bi) or not kept.block_tally(bi).words
        else score(kept.block_tally(bi)) for bi, b in enumerate(doc.blocks)]
    assert not one_pass._tallies and not one_pass._block_tallies
    assert {bi: s for bi, _, s in one_pass.plain_blocks_once()} == {
        bi: [round(kept.plain_sentence(s, explain=False).score, 1) for s in kept.block_sentences(bi)]
        for bi, ps in enumerate(kept.plain_blocks()) if ps is not None}
