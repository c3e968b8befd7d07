"""Measure PDF text extraction against the documents the PDFs were made from.

Issue 8 asks for the PDF library to be chosen "by measured quality on real
files".  This script turns real policy documents (the MoJ .docx files in
``../shared/data/moj-security-policy-docx``, MIT licence; or any folder of
.docx/.odt given with ``--docs``) into PDFs with LibreOffice, tagged and
untagged, and reads each PDF in four ways:

* ``pypdf``: ``PdfReader(...).pages[i].extract_text()``;
* ``pypdf-layout``: the same with ``extraction_mode="layout"``;
* ``pdfminer``: pdfminer.six's text boxes (``extract_pages`` with ``LAParams()``);
* ``speakeasy``: speakeasy's PDF reader (pdfminer.six, the structure tree of
  tagged PDFs, running headers dropped, hyphens mended).

The truth is the text speakeasy's Word reader finds in the source document.
For each way it prints:

* **words found**: the share of the source's words (in order: a longest
  matching of the two word sequences) found in the PDF text;
* **words extra**: the share of the PDF text's words that are not in the
  source in that order (page numbers, running headers, words out of order);
* **headings**: the share of the source's headings that are headings in
  speakeasy's blocks (only speakeasy's reader has headings);
* **time**: the seconds each way took, and as a ratio to pypdf in the same run.

Nothing is downloaded.  Needs LibreOffice (``soffice``) to make the PDFs.

    python benchmarks/pdf_extract.py [--docs DIR] [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO.parent / "shared" / "data" / "moj-security-policy-docx"
TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")

sys.path.insert(0, str(REPO))


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def make_pdfs(sources: list[Path], out: Path) -> None:
    for name, fmt in (("tagged", TAGGED), ("untagged", "pdf")):
        (out / name).mkdir(parents=True, exist_ok=True)
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out / name),
                        *map(str, sources)], check=True, capture_output=True, timeout=1800)


def by_pypdf(pdf: Path, mode: str = "plain") -> str:
    import pypdf

    return "\n".join(p.extract_text(extraction_mode=mode) for p in pypdf.PdfReader(pdf).pages)


def by_pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    return "\n".join(el.get_text() for page in extract_pages(pdf, laparams=LAParams())
                     for el in page if isinstance(el, LTTextContainer))


def by_speakeasy(pdf: Path) -> str:
    from speakeasy.readers import read_path

    return "\n".join(b.text for b in read_path(pdf).blocks)


WAYS = {
    "pypdf": by_pypdf,
    "pypdf-layout": lambda p: by_pypdf(p, "layout"),
    "pdfminer": by_pdfminer,
    "speakeasy": by_speakeasy,
}


def matched(truth: list[str], found: list[str]) -> int:
    sm = difflib.SequenceMatcher(None, truth, found, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks())


def headings_found(source: Path, pdf: Path) -> tuple[int, int]:
    from speakeasy.model import BlockKind
    from speakeasy.readers import read_path

    want = [" ".join(words(b.text)) for b in read_path(source).blocks if b.kind is BlockKind.HEADING]
    got = {" ".join(words(b.text)) for b in read_path(pdf).blocks if b.kind is BlockKind.HEADING}
    return sum(1 for w in want if w in got), len(want)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=Path, default=DOCS, help="a folder of .docx or .odt files")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N documents (0: all)")
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None:
        print("pdf_extract: LibreOffice (soffice) is needed to make the PDFs.", file=sys.stderr)
        return 2
    sources = sorted([*args.docs.glob("*.docx"), *args.docs.glob("*.odt")])
    if args.limit:
        sources = sources[: args.limit]
    if not sources:
        print(f"pdf_extract: no .docx or .odt files in {args.docs}", file=sys.stderr)
        return 2
    from speakeasy.readers import read_path

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        make_pdfs(sources, out)
        truths = {s.stem: words("\n".join(b.text for b in read_path(s).blocks)) for s in sources}
        for kind in ("tagged", "untagged"):
            for way, fn in WAYS.items():
                found = extra = total = total_found = 0
                seconds = 0.0
                heads = [0, 0]
                for s in sources:
                    pdf = out / kind / (s.stem + ".pdf")
                    if not pdf.exists():
                        continue
                    t0 = time.perf_counter()
                    got = words(fn(pdf))
                    seconds += time.perf_counter() - t0
                    m = matched(truths[s.stem], got)
                    found += m
                    total += len(truths[s.stem])
                    extra += len(got) - m
                    total_found += len(got)
                    if way == "speakeasy":
                        h, n = headings_found(s, pdf)
                        heads[0] += h
                        heads[1] += n
                results[f"{kind} {way}"] = {
                    "words_found": found / max(total, 1),
                    "words_extra": extra / max(total_found, 1),
                    "headings": heads[0] / heads[1] if heads[1] else float("nan"),
                    "seconds": seconds,
                }
    print(f"{len(sources)} documents from {args.docs}\n")
    print(f"{'PDF and way':<26} {'words found':>11} {'words extra':>11} {'headings':>9} {'seconds':>8} {'× pypdf':>8}")
    for key, r in results.items():
        base = results[key.split()[0] + " pypdf"]["seconds"] or 1.0
        heads = "" if r["headings"] != r["headings"] else f"{r['headings']:.1%}"
        print(f"{key:<26} {r['words_found']:>11.2%} {r['words_extra']:>11.2%} {heads:>9} "
              f"{r['seconds']:>8.2f} {r['seconds'] / base:>8.2f}")
    if args.json:
        args.json.write_text(json.dumps({"documents": len(sources), "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
