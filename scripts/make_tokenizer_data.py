"""Copy spaCy's English tokenizer rules into speakeasy/data/tokenizer_en.json.

One command makes the file again (run it when spaCy changes its rules):

    python scripts/make_tokenizer_data.py

speakeasy splits text into words with :mod:`speakeasy.tokenizer`, a port of
spaCy's tokenizer to plain Python, so that checking a document does not
import spaCy (about a second on its own). The port reads the rules from this
file: the patterns for prefixes, suffixes, infixes and web addresses, and
the special cases ("don't" is "do" + "n't", "e.g." stays whole). The rules
are spaCy's, under its MIT licence, which the file carries.
``tests/test_tokenizer.py`` checks that the file is still what this script
makes from the spaCy installed, and that the port splits text as spaCy does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "speakeasy" / "data" / "tokenizer_en.json"

LICENCE = """The MIT License (MIT)

Copyright (C) 2016-2024 ExplosionAI GmbH, 2016 spaCy GmbH, 2015 Matthew Honnibal

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
IN THE SOFTWARE."""


def rules_of_spacy() -> dict:
    """The English tokenizer's rules, from the spaCy installed, as plain data."""
    import spacy
    from spacy.attrs import ORTH

    tokenizer = spacy.blank("en").tokenizer

    def pattern(method) -> str | None:  # type: ignore[no-untyped-def]
        if method is None:
            return None
        compiled = method.__self__
        return compiled.pattern

    for name in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        method = getattr(tokenizer, name)
        if method is not None and method.__self__.flags != 32:  # re.UNICODE only: the port compiles them so
            raise SystemExit(f"spaCy's {name} has flags {method.__self__.flags}; the port expects re.UNICODE only")
    if tokenizer.token_match is not None:
        raise SystemExit("spaCy's English tokenizer now has a token_match; the port does not read one")
    special = {}
    for string, pieces in sorted(tokenizer.rules.items()):
        special[string] = [piece[ORTH] for piece in pieces]
    return {
        "about": "spaCy's English tokenizer rules, made by scripts/make_tokenizer_data.py; see speakeasy/tokenizer.py.",
        "source": f"spaCy {spacy.__version__}, spacy.blank('en').tokenizer (https://github.com/explosion/spaCy)",
        "licence": LICENCE,
        "spacy_version": spacy.__version__,
        "faster_heuristics": bool(tokenizer.faster_heuristics),
        "prefix": pattern(tokenizer.prefix_search),
        "suffix": pattern(tokenizer.suffix_search),
        "infix": pattern(tokenizer.infix_finditer),
        "url": pattern(tokenizer.url_match),
        "special": special,
    }


def render(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the rules")
    args = ap.parse_args(argv)
    data = rules_of_spacy()
    args.out.write_text(render(data), encoding="utf-8")
    print(f"wrote {args.out}: {len(data['special'])} special cases from spaCy {data['spacy_version']}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
