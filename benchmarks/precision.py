"""How often speakeasy's findings are right, on real documents.

Runs speakeasy with its default packs on three sets of real UK documents and
a set of news articles from the shared data folder, and compares its findings
with a list of findings that people judged (``benchmarks/precision/labels.jsonl``):

* ``govuk``: 56 GOV.UK pages (Open Government Licence v3.0);
* ``moj``: 106 Ministry of Justice security policies, as Word files (MIT, Crown copyright);
* ``macc``: a community-care charity's open data policy (CC BY-SA 4.0);
* ``ose``: news articles from the OneStopEnglish corpus, advanced level (Guardian articles rewritten by
  teachers; CC BY-SA 4.0): only the articles listed in ``benchmarks/precision/fresh2.txt`` (the split
  ``fresh2``) and ``fresh3.txt`` (the split ``fresh3``), each one plain text document (``ose/<article>.txt``).

Each of the UK documents is in one of two splits, chosen by a hash of its name:
``dev`` (two thirds) is what we look at when we change the wordlists and the
matching; ``held-out`` (one third) is only labelled and measured, so the
figures show how speakeasy does on text it was not tuned on.  A third split,
``fresh`` (the documents listed in ``benchmarks/precision/fresh.txt``), was
judged once after the held-out findings had been read (see the README).  A
fourth, ``fresh2`` (``ose`` news articles), was judged once after that, and a fifth, ``fresh3`` (more
``ose`` news articles), once after the ``fresh2`` findings had been read.

Commands::

    python benchmarks/precision.py                       # the table, for this checkout
    python benchmarks/precision.py --before 7933f06      # ... beside the figures of an older commit
    python benchmarks/precision.py --dump out.jsonl      # every finding, with its context, to label
    python benchmarks/precision.py --unlabelled          # jargon and acronym findings nobody has judged yet
    python benchmarks/precision.py --before 7933f06 --split fresh2 --unlabelled --unlabelled-before
                                                         # ... of both versions, once each, in one split

A label says whether a finding is ``useful`` (a writer should act on it),
``debatable`` (some would, some would not) or ``wrong`` (the word is not
jargon here, the suggestion would break the sentence, or it is a name), and
why.  Precision is useful findings over judged findings; "wrong" is the share
judged wrong.  Recall of real jargon is measured against the findings judged
useful at any commit: the share of them that the checkout still finds.

Labels are matched to findings by file, rule and place in the file (the
documents never change, so neither do the places), and failing that by file,
rule, the words matched and the sentence around them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

from checkout import speakeasy_api  # noqa: E402  (benchmarks/checkout.py: entry points of any checkout)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
LABELS = ROOT / "benchmarks" / "precision" / "labels.jsonl"

CORPORA = {
    "govuk": ("govuk-content-snapshots", "*.md"),
    "moj": ("moj-security-policy-docx", "*.docx"),
    "macc": ("macc-open-data-policy", "*.md"),
}
#: The rules whose findings are judged.
JUDGED = ("plain-english.words", "social-care.jargon", "acronyms.undefined", "passive-voice.passive",
          "plain-english.wordy-phrases")
JARGON = ("plain-english.words", "social-care.jargon")
MILD = "plain-english.mild-words"  # off by default; --mild switches it on, and recall counts it


FRESH = ROOT / "benchmarks" / "precision" / "fresh.txt"
FRESH2 = ROOT / "benchmarks" / "precision" / "fresh2.txt"
FRESH3 = ROOT / "benchmarks" / "precision" / "fresh3.txt"
SPLITS = ("dev", "held-out", "fresh", "fresh2", "fresh3")
#: The OneStopEnglish corpus (folder, file): one JSON object a text, with ``article``, ``level`` and ``text``.
OSE = ("onestopenglish", "ose-dev.jsonl")
OSE_LEVEL = "adv"


def _listed(path: Path) -> tuple[str, ...]:
    """The names listed in ``path``, one a line, in order (lines starting with "#" are notes)."""
    if not path.is_file():
        return ()
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def fresh_documents() -> frozenset[str]:
    """The documents of the ``fresh`` split ("moj/passwords.docx"), from ``fresh.txt``."""
    return frozenset(_listed(FRESH))


@lru_cache(maxsize=1)
def fresh2_articles() -> tuple[str, ...]:
    """The OneStopEnglish articles of the ``fresh2`` split ("Bolivia"), from ``fresh2.txt``, in its order."""
    return _listed(FRESH2)


@lru_cache(maxsize=1)
def fresh3_articles() -> tuple[str, ...]:
    """The OneStopEnglish articles of the ``fresh3`` split, from ``fresh3.txt``, in its order.

    They follow the ``fresh2`` articles in the same shuffled order (see the notes in ``fresh3.txt``).
    """
    return _listed(FRESH3)


def ose_documents(data: Path) -> dict[str, str]:
    """The chosen advanced OneStopEnglish texts, by file name ("Bolivia.txt"), each text as given.

    An article's name is stripped of spaces at its ends for the file name
    ("climate change " is "climate change.txt").
    """
    path = data / OSE[0] / OSE[1]
    wanted = set(fresh2_articles()) | set(fresh3_articles())
    if not wanted or not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        name = item["article"].strip()
        if item["level"] == OSE_LEVEL and name in wanted:
            out[f"{name}.txt"] = item["text"]
    missing = wanted - {n[:-len(".txt")] for n in out}
    if missing:
        raise SystemExit(f"{FRESH2} or {FRESH3}: these articles are not in {path}: {', '.join(sorted(missing))}")
    return out


def split_of(corpus: str, name: str) -> str:
    """``dev`` or ``held-out`` (a third of each corpus's documents, by a hash of the name), or a fresh split.

    The ``fresh`` documents (listed in ``fresh.txt``) were judged once, after
    the changes, when the first held-out figures had been read.  An ``ose``
    document (a news article) is in ``fresh3`` when ``fresh3.txt`` lists it,
    else in ``fresh2`` (``fresh2.txt``).
    """
    if corpus == "ose":
        stem = name[:-len(".txt")] if name.endswith(".txt") else name
        return "fresh3" if stem in fresh3_articles() else "fresh2"
    if f"{corpus}/{name}" in fresh_documents():
        return "fresh"
    digest = hashlib.sha256(f"{corpus}/{name}".encode("utf-8")).digest()
    return "held-out" if digest[0] % 3 == 0 else "dev"


def corpus_files(data: Path) -> list[tuple[str, Path]]:
    out = []
    for corpus, (folder, pattern) in CORPORA.items():
        for p in sorted((data / folder).glob(pattern)):
            if p.name.upper().startswith(("SOURCE", "README", "LICENSE")):
                continue
            out.append((corpus, p))
    return out


# ---------------------------------------------------------------------------
# Collecting findings (runs inside the checkout being measured)


def _context(source: str, start: int, end: int) -> tuple[str, str]:
    """The sentence around a finding (roughly), and the finding's paragraph."""
    a = max(source.rfind("\n\n", 0, start), source.rfind("\n", 0, max(0, start - 600)))
    b = source.find("\n\n", end)
    para = source[a + 1 if a >= 0 else 0: b if b >= 0 else len(source)]
    para = " ".join(para.split())
    lo = max(source.rfind(". ", 0, start), source.rfind("\n", 0, start))
    hi_candidates = [i for i in (source.find(". ", end), source.find("\n", end)) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(source)
    sentence = " ".join(source[lo + 1 if lo >= 0 else 0: hi + 1].split())
    return sentence[:600], para[:1500]


def collect(data: Path) -> dict:
    """Every finding of the default packs on the corpora, with context, and the word counts."""
    from speakeasy.config import resolve
    build_ruleset = speakeasy_api()[0]

    mild = os.environ.get("SPEAKEASY_PRECISION_MILD") == "1"
    ruleset = build_ruleset(resolve({"enable": [MILD]} if mild else None, no_config=True))
    findings = []
    words: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with tempfile.TemporaryDirectory(prefix="speakeasy-precision-ose-") as tmp:
        # The news articles go through speakeasy as .txt files, like any other document.
        texts = ose_documents(data)
        documents = list(corpus_files(data))
        for name, text in texts.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8", newline="")
            documents.append(("ose", Path(tmp) / name))
        for corpus, path in documents:
            _collect_one(corpus, path, ruleset, findings, words, texts.get(path.name) if corpus == "ose" else None)
    return {"findings": findings, "words": {c: dict(v) for c, v in words.items()},
            "ewt_passives": ewt_passives(data, ruleset)}


def _collect_one(corpus: str, path: Path, ruleset, findings: list, words: dict, text: str | None) -> None:
    """Lint one document and add its findings, with context, and its words to the lists."""
    report = speakeasy_api()[1]([str(path)], ruleset)
    for err in report.errors:
        print(f"{path}: {err}", file=sys.stderr)
    for result in report.files:
        split = split_of(corpus, path.name)
        words[corpus][split] += int(result.stats.get("words", 0))
        source = result.document.source if result.document is not None else ""
        if text is not None and source != text:
            print(f"{corpus}/{path.name}: speakeasy read the text with changes; places may not match it",
                  file=sys.stderr)
        for f in result.findings:
            sentence, para = _context(source, f.start, f.end)
            findings.append({
                "corpus": corpus,
                "file": f"{corpus}/{path.name}",
                "split": split,
                "rule": f.rule,
                "level": str(f.level),
                "start": f.start,
                "end": f.end,
                "match": " ".join(f.match.split()),
                "message": f.message,
                "suggestions": list(f.suggestions),
                "location": f.location,
                "sentence": sentence,
                "paragraph": para,
            })


def ewt_sentences(data: Path) -> list[tuple[str, list[str]]]:
    """The test sentences of the English Web Treebank, each with the participles its annotators marked passive.

    A passive is a word with an ``aux:pass`` dependent ("was *taken*").  The
    treebank is only read here, to measure; nothing of it is kept.
    """
    path = data / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    if not path.is_file():
        return []
    out = []
    text = ""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("# text = "):
            text = line[len("# text = "):]
        elif line and not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
        elif not line and rows:
            heads = {r[6] for r in rows if r[7] == "aux:pass"}
            out.append((text, [r[1].lower() for r in rows if r[0] in heads]))
            rows = []
    return out


def ewt_passives(data: Path, ruleset) -> list[list[list[str]]] | None:
    """For each treebank test sentence, the words of each passive speakeasy finds there."""
    sentences = ewt_sentences(data)
    if not sentences:
        return None
    from speakeasy.engine import lint_text

    texts = [" ".join(t.split()) for t, _ in sentences]
    source = "\n\n".join(texts) + "\n"
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 2
    result = lint_text(source, ruleset, "ewt-test.txt", "text")
    found: list[list[list[str]]] = [[] for _ in texts]
    import bisect

    for f in result.findings:
        if f.rule != "passive-voice.passive":
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        found[i].append(_words(f.match))
    return found


def collect_in(tree: Path, data: Path, mild: bool = False) -> dict:
    """:func:`collect`, run with the speakeasy of another checkout, in a fresh process and an empty cache."""
    with tempfile.TemporaryDirectory(prefix="speakeasy-precision-") as tmp:
        out = Path(tmp) / "findings.json"
        env = dict(os.environ, PYTHONPATH=str(tree), SPEAKEASY_CACHE_DIR=str(Path(tmp) / "cache"),
                   NO_COLOR="1", SPEAKEASY_PRECISION_MILD="1" if mild else "0")
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--collect-to", str(out),
                        "--data", str(data)], check=True, env=env, cwd=tmp)
        return json.loads(out.read_text(encoding="utf-8"))


def worktree(commit: str) -> Path:
    """A checkout of ``commit`` in a temporary folder (git worktree), made once and reused."""
    folder = Path(tempfile.gettempdir()) / f"speakeasy-precision-{commit}"
    if not (folder / "speakeasy").is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", str(folder), commit], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    return folder


# ---------------------------------------------------------------------------
# Labels


def sentence_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:12]


def load_labels(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("label") not in ("useful", "debatable", "wrong"):
            raise SystemExit(f"{path}:{n}: the label should be useful, debatable or wrong, not {item.get('label')!r}")
        out.append(item)
    return out


class Labels:
    """The judged findings, found again by place, or by words and sentence; and by the plain words offered.

    A judgement is about a finding as the writer saw it, plain words and all:
    when a later version offers other plain words at the same place ("effect"
    for the noun "impact", where it offered "affect"), that finding needs a
    judgement of its own, and both stay in the file.
    """

    def __init__(self, items: list[dict]) -> None:
        self.by_place: dict[tuple, dict] = {}
        self.by_text: dict[tuple, dict] = {}
        for item in items:
            said = tuple(item.get("suggestions") or ())
            self.by_place[(item["file"], item["rule"], item["start"], item["end"], said)] = item
            self.by_text[(item["file"], item["rule"], item["match"].lower(), sentence_key(item["sentence"]),
                          said)] = item
        self.items = items

    def get(self, f: dict) -> dict | None:
        said = tuple(f.get("suggestions") or ())
        hit = self.by_place.get((f["file"], f["rule"], f["start"], f["end"], said))
        if hit is None:
            hit = self.by_text.get((f["file"], f["rule"], f["match"].lower(), sentence_key(f["sentence"]), said))
        if hit is None:
            # Since issue 15 a finding takes in "a" or "an" before the words when a plain word needs
            # the other one ("an initial" -> "a first"): the same finding as without the articles.
            bare = _without_article(f)
            if bare is not None:
                return self.get(bare)
        return hit


_ARTICLE = re.compile(r"^(?:an?|An?|AN?)\s+")


def _without_article(f: dict) -> dict | None:
    """The finding without a leading "a"/"an" on its words and on each plain word, or None if it has none."""
    m = _ARTICLE.match(f["match"])
    said = f.get("suggestions") or []
    if m is None or not said or not all(_ARTICLE.match(s) for s in said):
        return None
    return dict(f, start=f["start"] + m.end(), match=f["match"][m.end():],
                suggestions=[_ARTICLE.sub("", s, count=1) for s in said])


# ---------------------------------------------------------------------------
# The table


def summarise(run: dict, labels: Labels, split: str | None) -> dict:
    rows: dict[str, Counter] = defaultdict(Counter)
    places: set[tuple] = set()
    not_useful: set[tuple] = set()
    for f in run["findings"]:
        if split and f["split"] != split:
            continue
        rule = f["rule"]
        rows[rule]["findings"] += 1
        rows[f"{f['corpus']}:all"]["findings"] += 1
        bare = _without_article(f) or f  # the place of the words themselves, without "a"/"an"
        if rule in JARGON:
            rows["jargon (both lists)"]["findings"] += 1
            places.add((f["file"], bare["start"], f["end"]))
        elif rule == MILD:
            places.add((f["file"], bare["start"], f["end"]))  # flags the words, for recall
        label = labels.get(f)
        if label is None:
            continue
        for key in (rule, "jargon (both lists)") if rule in JARGON else (rule,):
            rows[key]["judged"] += 1
            rows[key][label["label"]] += 1
        if rule in JARGON and label["label"] != "useful":
            not_useful.add((f["file"], bare["start"], f["end"]))
    words = {c: sum(v for s, v in per.items() if not split or s == split) for c, per in run["words"].items()}
    return {"rows": rows, "words": words, "jargon_places": places, "not_useful_places": not_useful}


def recall(summary: dict, labels: Labels, split: str | None) -> tuple[int, int]:
    """(useful jargon findings still found, useful jargon findings known) in the split."""
    # Real jargon is a place where some version's finding was judged useful; a version finds it when it
    # flags those words, in either list, with plain words judged useful or not judged yet.
    known = {(i["file"], i["start"], i["end"]) for i in labels.items
             if i["label"] == "useful" and i["rule"] in JARGON and (not split or i.get("split") == split)}
    found = _by_file(summary["jargon_places"] - summary["not_useful_places"])
    return sum(1 for place in known if _flagged(found, place)), len(known)


def _by_file(places: set[tuple]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for file, start, end in places:
        out[file].append((start, end))
    return out


def _flagged(found: dict[str, list[tuple[int, int]]], place: tuple) -> bool:
    """Does a finding cover the words of this place?  It may take in a word more or less
    ("committed to" where "committed" was judged), but it must be about the same words."""
    file, start, end = place
    return any(a < end and b > start for a, b in found.get(file, ()))


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


def table(runs: dict[str, dict], labels: Labels, split: str | None) -> str:
    names = list(runs)
    sums = {n: summarise(runs[n], labels, split) for n in names}
    lines = []
    title = "all documents" if not split else f"{split} documents"
    lines.append(f"### Precision ({title})")
    lines.append("")
    head = "| rule | " + " | ".join(f"{n}: findings | judged | useful | debatable | wrong" for n in names) + " |"
    lines.append(head)
    lines.append("|---|" + "---:|" * (5 * len(names)))
    for rule in ("jargon (both lists)",) + JUDGED:
        cells = []
        for n in names:
            r = sums[n]["rows"][rule]
            cells += [str(r["findings"]), str(r["judged"]), pct(r["useful"], r["judged"]),
                      pct(r["debatable"], r["judged"]), pct(r["wrong"], r["judged"])]
        lines.append(f"| {rule} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"### Findings per 1,000 words, every rule and level ({title})")
    lines.append("")
    lines.append("| documents | words | " + " | ".join(names) + " |")
    lines.append("|---|---:|" + "---:|" * len(names))
    for corpus in (*CORPORA, "ose"):
        w = sums[names[-1]]["words"].get(corpus, 0)
        if corpus == "ose" and not w:
            continue  # the news articles have a row of their own only where they are measured
        cells = [f"{1000 * sums[n]['rows'][f'{corpus}:all']['findings'] / w:.1f}" if w else "-" for n in names]
        lines.append(f"| {corpus} | {w:,} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"### Recall of real jargon ({title})")
    lines.append("")
    lines.append("Real jargon is a place where people judged a jargon finding useful, at any commit. "
                 "The table gives the share of those places that each version flags, with plain words "
                 "not judged less useful.")
    lines.append("")
    lines.append("| " + " | ".join(names) + " |")
    lines.append("|" + "---:|" * len(names))
    cells = []
    for n in names:
        got, known = recall(sums[n], labels, split)
        cells.append(f"{got} of {known} ({pct(got, known)})")
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


PASSIVE = "passive-voice.passive"


def _words(match: str) -> list[str]:
    return [w.lower().strip(".,;:!?") for w in match.split()]


def _score(found: list[list[list[str]]], gold: list[list[str]]) -> tuple[int, int, int, int]:
    """(findings right, findings, marked passives found, marked passives) over sentences.

    A finding is the words it covers; it finds every marked participle among
    them ("must be created and forwarded" finds "created" and "forwarded"), and
    it is right when it finds at least one.
    """
    right = n_found = hit = n_gold = 0
    for got, want in zip(found, gold):
        left = list(want)
        n_found += len(got)
        n_gold += len(want)
        for words in got:
            mine = [w for w in left if w in words]
            if mine:
                right += 1
                for w in mine:
                    left.remove(w)
                    hit += 1
    return right, n_found, hit, n_gold


def passive_table(runs: dict[str, dict], data: Path, split: str | None) -> str:
    """Precision and recall of the passive voice rule on the hand-marked sentences and on the treebank."""
    gold_path = LABELS.parent / "passive-gold.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = [g for g in gold if not split or g["split"] == split]
    if not gold:
        return ""
    title = "all documents" if not split else f"{split} documents"
    lines = [f"### Passive voice ({title}): every passive marked by hand in {len(gold)} sentences", ""]
    lines.append("| version | findings | marked passives | marked passives found | precision | recall |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for name, run in runs.items():
        by_file: dict[str, list[dict]] = defaultdict(list)
        for f in run["findings"]:
            if f["rule"] == PASSIVE:
                by_file[f["file"]].append(f)
        found = []
        for g in gold:
            found.append([_words(f["match"]) for f in by_file.get(g["file"], ())
                          if g["start"] <= f["start"] < g["end"]])
        want = [[p["participle"].lower() for p in g["passives"]] for g in gold]
        right, n_found, hit, n_gold = _score(found, want)
        lines.append(f"| {name} | {n_found} | {n_gold} | {hit} | {pct(right, n_found)} | {pct(hit, n_gold)} |")
    if split is None and any(run.get("ewt_passives") for run in runs.values()):
        sentences = ewt_sentences(data)
        want = [w for _, w in sentences]
        lines += ["", f"### Passive voice on the English Web Treebank's test sentences ({len(sentences):,}), "
                      "against its annotators' passives (aux:pass)", ""]
        lines.append("| version | findings | marked passives | marked passives found | precision | recall |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        for name, run in runs.items():
            if run.get("ewt_passives"):
                right, n_found, hit, n_gold = _score(run["ewt_passives"], want)
                lines.append(f"| {name} | {n_found} | {n_gold} | {hit} | {pct(right, n_found)} | {pct(hit, n_gold)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the judged findings (JSON lines)")
    ap.add_argument("--before", metavar="COMMIT", help="also measure this commit (in a git worktree), for a 'before' column")
    ap.add_argument("--tree", type=Path, help="measure the speakeasy in this folder instead of this checkout")
    ap.add_argument("--split", choices=SPLITS, help="only these documents")
    ap.add_argument("--dump", type=Path, help="write every finding of this checkout, with context, as JSON lines")
    ap.add_argument("--unlabelled", action="store_true",
                    help="list the judged rules' findings that have no label (only the --split's, if given)")
    ap.add_argument("--unlabelled-before", action="store_true",
                    help="with --unlabelled and --before: list the older commit's unlabelled findings too, "
                         "each finding once, sorted by file and place, without saying which version made it")
    ap.add_argument("--missed", action="store_true",
                    help="list the places of real jargon (judged useful at any commit) this checkout does not flag")
    ap.add_argument("--mild", action="store_true",
                    help="also measure this checkout with the mild list switched on (%s)" % MILD)
    ap.add_argument("--collect-to", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.collect_to:
        sys.path.insert(0, os.environ.get("PYTHONPATH", str(ROOT)))
        args.collect_to.write_text(json.dumps(collect(args.data)), encoding="utf-8")
        return 0
    if not (args.data / "govuk-content-snapshots").is_dir():
        print(f"The shared data folder is not at {args.data}. Give it with --data.", file=sys.stderr)
        return 2
    labels = Labels(load_labels(args.labels))
    runs: dict[str, dict] = {}
    if args.before:
        runs[f"before ({args.before})"] = collect_in(worktree(args.before), args.data)
    runs["now"] = collect_in(args.tree or ROOT, args.data)
    if args.mild:
        runs["now, mild list on"] = collect_in(args.tree or ROOT, args.data, mild=True)
    now = runs["now"]
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for f in now["findings"]:
                fh.write(json.dumps(f, ensure_ascii=False) + "\n")
    if args.unlabelled:
        missing = [f for f in now["findings"] if f["rule"] in JUDGED and labels.get(f) is None
                   and (not args.split or f["split"] == args.split)]
        if args.unlabelled_before and args.before:
            # both versions' findings, once each (a label is about a place and the plain words offered),
            # in the order of the documents, so a judge does not see which version made which
            seen: set[tuple] = set()
            both = []
            for run in runs.values():
                for f in run["findings"]:
                    key = (f["file"], f["rule"], f["start"], f["end"], tuple(f.get("suggestions") or ()))
                    if (key in seen or f["rule"] not in JUDGED or labels.get(f) is not None
                            or (args.split and f["split"] != args.split)):
                        continue
                    seen.add(key)
                    both.append(f)
            missing = sorted(both, key=lambda f: (f["file"], f["start"], f["end"], f["rule"]))
        for f in missing:
            print(json.dumps(f, ensure_ascii=False))
        print(f"{len(missing)} findings have no label.", file=sys.stderr)
        return 0
    if args.missed:
        found = summarise(now, labels, args.split)
        have = _by_file(found["jargon_places"] - found["not_useful_places"])
        seen: set[tuple] = set()
        for i in labels.items:
            place = (i["file"], i["start"], i["end"])
            if (i["label"] != "useful" or i["rule"] not in JARGON or _flagged(have, place) or place in seen
                    or (args.split and i.get("split") != args.split)):
                continue
            seen.add(place)
            print(json.dumps({"file": i["file"], "match": i["match"], "sentence": i["sentence"]}, ensure_ascii=False))
        print(f"{len(seen)} places of real jargon are not flagged.", file=sys.stderr)
        return 0
    splits = [args.split] if args.split else [None, *SPLITS]
    print("\n\n".join(filter(None, (part for s in splits
                                      for part in (table(runs, labels, s), passive_table(runs, args.data, s))))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
