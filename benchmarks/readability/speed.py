"""How much the plain score costs a word.

    python benchmarks/readability/speed.py [--corpus ../shared/data/govuk-content-snapshots] [--repeat 5]

Reads every Markdown file of the corpus, splits it into sentences once, and
then times only the plain score: the tally of every sentence, the paragraphs'
and the document's scores with their reasons.  The tagger's work for the
nouns made from verbs that can be verbs too is counted (each round starts
with no sentence tagged).  Two figures, in microseconds a word:

* **first round**: every cache of words empty (the first document a process checks);
* **later rounds**: the words already seen (what a long document or a big run costs), the least of the rounds;
* **counting the sentences**: of that, the sentences' tallies alone (no tagging: the tags are kept from the rounds before).

Run it in two checkouts (``PYTHONPATH=...``) to see what a change costs.
CPU time of this process (other work on the machine counts less than in wall-clock time).
Numbers go in benchmarks/readability/README.md; no test times anything.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "data" / "govuk-content-snapshots"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from speakeasy import plainscore
    from speakeasy.analysis import Analysis
    from speakeasy.readers import read_bytes

    files = sorted(args.corpus.glob("*.md"))
    analyses = [Analysis(read_bytes(str(p), p.read_bytes(), "markdown")) for p in files]
    words = sum(len(s.texts) for a in analyses for s in a.sentences)
    # load the data files before timing (a check loads them once per process)
    plainscore.model()
    plainscore.sentence_tally(["The", "implementation", "reference"])

    def one_round() -> float:
        for a in analyses:
            a._tallies.clear()
            a._block_tallies.clear()
            a._tagged.clear()
            a._plain_blocks = None
            a._plain_doc = None
        start = time.process_time()
        for a in analyses:
            a.plain_blocks()
            a.plain_document()
        return time.process_time() - start

    for cached in (plainscore.counting._token, plainscore.counting._word):
        cached.cache_clear()
    try:
        from speakeasy.worddifficulty import difficulty
    except ImportError:  # a checkout from before the word-difficulty table
        pass
    else:
        getattr(difficulty, "cache_clear", lambda: None)()  # cached in some checkouts
    first = one_round()
    later = min(one_round() for _ in range(args.repeat))

    def tallies_only() -> float:
        # the sentences' counts alone, without the paragraphs' scores and reasons
        sentences = [(a, s) for a in analyses for s in a.sentences]
        start = time.process_time()
        for a, s in sentences:
            a.sentence_tally(s, chains=False)
        return time.process_time() - start

    counting = min(tallies_only() for _ in range(args.repeat))
    print(f"{len(files)} files, {words:,} words")
    print(f"first round:  {first / words * 1e6:.2f} µs a word")
    print(f"later rounds: {later / words * 1e6:.2f} µs a word")
    print(f"of which counting the sentences: {counting / words * 1e6:.2f} µs a word")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
