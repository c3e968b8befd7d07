"""Every change `speakeasy fix` makes to real policies, and how many keep the meaning.

    python benchmarks/fixes.py                  # the table, from this checkout's fixes and the judged list
    python benchmarks/fixes.py --list FILE      # every change, with its paragraph before and after (JSON lines)
    python benchmarks/fixes.py --sample 100     # pick the changes to judge (a fixed seed), as JSON lines
    python benchmarks/fixes.py --corpus govuk   # the same for the 56 GOV.UK pages (Markdown)

`speakeasy fix` is run on each Word file of ``moj-security-policy-docx`` in
the shared data folder with the default settings, writing nothing
(``write=False``, as ``fix --diff`` does).  Each change is the words a safe
fix replaced and what it put in.  People judged a random sample of them
(``benchmarks/fixes/judged.jsonl``): does the sentence keep its meaning, and
is it still good English?  See ``benchmarks/fixes/README.md``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from checkout import speakeasy_api  # noqa: E402  (benchmarks/checkout.py: entry points of any checkout)

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data"
JUDGED = ROOT / "benchmarks" / "fixes" / "judged.jsonl"
SEED = 15
#: The judgements: the change keeps the meaning and the grammar, or it does not.
LABELS = ("keeps", "changes-meaning", "breaks-grammar")


CORPORA = {"moj": ("moj-security-policy-docx", "*.docx"), "govuk": ("govuk-content-snapshots", "*.md")}


def changes(data: Path, corpus: str = "moj") -> list[dict]:
    """Every change the fixer makes to the documents of ``corpus``, in file order."""
    from speakeasy.config import resolve
    build_ruleset = speakeasy_api()[0]
    from speakeasy.fix import fix_file
    from speakeasy.readers import read_path

    ruleset = build_ruleset(resolve({}, no_config=True, cwd=ROOT))
    out: list[dict] = []
    folder, pattern = CORPORA[corpus]
    for path in sorted((data / folder).glob(pattern)):
        if path.name.upper().startswith(("SOURCE", "README", "LICENSE")):
            continue
        result = fix_file(str(path), ruleset, write=False)
        if not result.applied:
            continue
        doc = read_path(str(path))
        source = doc.source
        for f in result.applied:
            e = f.edit
            if e is None:
                continue
            block = doc.block_at(e.start)
            if block is None or source[e.start:e.end] != f.match and e.start == f.start:
                continue  # a change of a later round, in text the first round changed (none so far)
            lo, hi = block.start, block.end
            text = source[lo:hi]
            after = text[:e.start - lo] + e.replacement + text[e.end - lo:]
            out.append({
                "file": f"{corpus}/{path.name}" if corpus != "moj" else path.name, "start": e.start, "end": e.end, "rule": f.rule,
                "before": source[e.start:e.end], "after": e.replacement, "location": f.location or "",
                "paragraph_before": " ".join(text.split()), "paragraph_after": " ".join(after.split()),
            })
    return out


def key(change: dict) -> tuple:
    return (change["file"], change["start"], change["end"], change["before"], change["after"])


def load_judged(path: Path) -> dict[tuple, dict]:
    judged: dict[tuple, dict] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                judged[key(item)] = item
    return judged


def table(found: list[dict], judged: dict[tuple, dict], corpus: str = "moj") -> str:
    what = {"moj": "MoJ policies", "govuk": "GOV.UK pages"}[corpus]
    lines = [f"`speakeasy fix` on the {len({c['file'] for c in found})} {what} it changes: "
             f"{len(found)} changes.", ""]
    lines += ["| words replaced | by | changes |", "|---|---|---:|"]
    pairs = Counter((c["before"].lower(), c["after"].lower()) for c in found)
    for (before, after), n in pairs.most_common():
        lines.append(f"| {before} | {after} | {n} |")
    lines.append("")
    labelled = [judged[key(c)] for c in found if key(c) in judged]
    counts = Counter(item["label"] for item in labelled)
    keeps = counts.get("keeps", 0)
    share = f"{100 * keeps / len(labelled):.0f}%" if labelled else "-"
    lines.append(f"Judged: {len(labelled)} of the {len(found)} changes. "
                 f"Keep the meaning and the grammar: {keeps} ({share}); "
                 f"change the meaning: {counts.get('changes-meaning', 0)}; "
                 f"break the grammar: {counts.get('breaks-grammar', 0)}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="moj",
                    help="the MoJ policies (Word files, the default) or the GOV.UK pages (Markdown)")
    ap.add_argument("--judged", type=Path, default=JUDGED, help="the judged changes (JSON lines)")
    ap.add_argument("--list", type=Path, metavar="FILE", help="write every change to FILE (JSON lines)")
    ap.add_argument("--sample", type=int, metavar="N", help="print N changes picked at random (seed 15) to judge")
    args = ap.parse_args(argv)
    folder = args.data / CORPORA[args.corpus][0]
    if not folder.is_dir():
        print(f"fixes.py: {folder} is not there. Use --data to say where the shared data folder is.",
              file=sys.stderr)
        return 2
    found = changes(args.data, args.corpus)
    if args.list:
        args.list.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in found), encoding="utf-8")
    if args.sample:
        pick = random.Random(SEED).sample(found, min(args.sample, len(found)))
        for c in sorted(pick, key=lambda c: (c["file"], c["start"])):
            print(json.dumps(c, ensure_ascii=False))
        return 0
    print(table(found, load_judged(args.judged), args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
