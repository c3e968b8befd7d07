"""The spaCy candidate for speakeasy's tagger: train it and tag with it.

speakeasy ships its own averaged-perceptron tagger (``speakeasy/tagger.py``),
chosen over this one by the measurements in ``benchmarks/tagger.md``. This
script keeps the spaCy candidate reproducible, so the comparison can be run
again (``benchmarks/tagger.py`` measures both).

It trains a blank English pipeline (``tok2vec`` + ``tagger``, spaCy's
"efficiency" CPU settings, no pretrained vectors, nothing downloaded) on the
train split of the UD English Web Treebank, choosing the best step on dev.
The tagger predicts one label per word, ``UPOS|XPOS`` (``NOUN|NN``), so both
tags come from one model, like the perceptron.

    python benchmarks/tagger_spacy.py --data ../shared/data/ud-english-ewt
    python benchmarks/tagger_spacy.py --size large   # a larger network
    python benchmarks/tagger_spacy.py --extra-forms  # with the perceptron's extra training forms

The model goes to ``benchmarks/out/tagger_spacy/model-best`` (or
``tagger_spacy_large``), which is not committed.
The treebank's ``.spacy`` copies go to a temporary folder and are deleted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from train_tagger import SEED, augment, read_conllu  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud-english-ewt"
DEFAULT_OUT = ROOT / "benchmarks" / "out" / "tagger_spacy"

# spaCy's own "efficiency" CPU config for a tagger (`spacy init config
# --pipeline tagger --optimize efficiency`), with the training limits written
# out.  No vectors: include_static_vectors = false.
CONFIG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "en"
pipeline = ["tok2vec", "tagger"]
batch_size = 1000

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
gold_preproc = false
limit = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0
gold_preproc = false
limit = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
gpu_allocator = ${system.gpu_allocator}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 0
max_steps = 20000
eval_frequency = 200
frozen_components = []
annotating_components = []

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 1e-08
learn_rate = 0.001

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.score_weights]
tag_acc = 1.0

[initialize]
vectors = null

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [5000, 1000, 2500, 2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"
label_smoothing = 0.05

[components.tagger.model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"
"""


def to_docbin(conllu: Path, out: Path, extra_forms: bool = False) -> int:
    """Write a split as a .spacy file; each word's tag is ``UPOS|XPOS``.

    With ``extra_forms``, the sentences the perceptron sees again (Title
    Case, ALL CAPS, no full stop, British spelling) are added, as in
    ``scripts/train_tagger.py``.
    """
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("en").vocab
    db = DocBin(attrs=["TAG"])
    n = 0
    sents = read_conllu(conllu)
    if extra_forms:
        sents = sents + augment(sents, SEED)
    for words, upos, xpos, spaces in sents:
        doc = Doc(vocab, words=words, spaces=spaces, tags=[f"{u}|{x}" for u, x in zip(upos, xpos)])
        db.add(doc)
        n += len(words)
    db.to_disk(out)
    return n


# A larger network, to see what spaCy gains from more width and bigger
# embedding tables (``--size large``).
LARGE = {
    "rows = [5000, 1000, 2500, 2500]": "rows = [10000, 2000, 5000, 5000]",
    "width = 96": "width = 192",
}


def config_text(size: str) -> str:
    text = CONFIG
    if size == "large":
        for old, new in LARGE.items():
            assert old in text
            text = text.replace(old, new)
    return text


def train(data: Path, out: Path, size: str = "small", extra_forms: bool = False) -> float:
    """Train the spaCy tagger; return the seconds taken (converting included)."""
    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tagger_spacy_") as tmp:
        tmpdir = Path(tmp)
        to_docbin(data / "en_ewt-ud-train.conllu", tmpdir / "train.spacy", extra_forms)
        to_docbin(data / "en_ewt-ud-dev.conllu", tmpdir / "dev.spacy")
        cfg = tmpdir / "config.cfg"
        cfg.write_text(config_text(size), encoding="utf-8")
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
        subprocess.run(
            [sys.executable, "-m", "spacy", "train", str(cfg), "--output", str(out),
             "--paths.train", str(tmpdir / "train.spacy"), "--paths.dev", str(tmpdir / "dev.spacy"),
             "--gpu-id", "-1"],
            check=True, env=env,
        )
    return time.perf_counter() - t0


class SpacyTagger:
    """The trained spaCy pipeline behind the same ``tag(words)`` call as speakeasy's tagger."""

    def __init__(self, path: Path) -> None:
        import spacy

        self.nlp = spacy.load(path)
        self.tagger = self.nlp.get_pipe("tagger")
        self.tok2vec = self.nlp.get_pipe("tok2vec")

    def tag(self, words: list[str]) -> list[tuple[str, str]]:
        from spacy.tokens import Doc

        if not words:
            return []
        doc = Doc(self.nlp.vocab, words=list(words))
        doc = self.tagger(self.tok2vec(doc))
        out = []
        for t in doc:
            u, _, x = t.tag_.partition("|")
            out.append((u, x))
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the UD English EWT folder")
    ap.add_argument("--out", type=Path, default=None,
                    help="where spaCy writes model-best and model-last (default: benchmarks/out/tagger_spacy[_large])")
    ap.add_argument("--size", choices=("small", "large"), default="small",
                    help="small: spaCy's efficiency settings (width 96); large: width 192, embedding tables twice as big")
    ap.add_argument("--extra-forms", action="store_true",
                    help="train on the same extra forms as the perceptron (Title Case, ALL CAPS, British spelling)")
    args = ap.parse_args(argv)
    if args.out is None:
        name = "tagger_spacy" + ("_large" if args.size == "large" else "") + ("_extra" if args.extra_forms else "")
        args.out = DEFAULT_OUT.with_name(name)
    seconds = train(args.data, args.out, args.size, args.extra_forms)
    print(f"spaCy tagger trained in {seconds:.0f} s; model in {args.out / 'model-best'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
