"""Build a benchmark corpus from English Debian documentation packages.

    python benchmarks/debian_corpus.py /tmp/debian-corpus
    python benchmarks/bench.py --corpus /tmp/debian-corpus

It fetches each package with ``apt-get download``, unpacks it with
``dpkg-deb -x`` into a temporary folder, and turns its English HTML pages into
Markdown-ish prose with the standard library's ``html.parser``. Scripts,
styles, navigation, tables of contents and code blocks are dropped. Inline code
is kept in backticks. Paragraphs seen before (anywhere in the corpus) are
dropped, and so are blocks of fewer than three words or mostly symbols.

The prose is cut, in order, into ``--files`` Markdown files of about equal size
(``--words`` caps the total). ``SOURCES.md`` in the output folder lists each
package, its version, its download address, the sha256 of the .deb and the
licence stated in ``/usr/share/doc/<package>/copyright``.

Nothing is random: the same packages give the same files. Nothing is stored in
the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

_HAS_WORD = re.compile(r"[^\W_]")


def count_words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter or digit (as bench.py counts them)."""
    return sum(1 for tok in text.split() if _HAS_WORD.search(tok))


@dataclass(frozen=True)
class Package:
    name: str
    include: tuple[str, ...]  # globs inside the unpacked package
    exclude: tuple[str, ...] = ()  # file names to leave out (indexes, single-page duplicates)
    licence_note: str = ""  # for a copyright file without a machine-readable License: field


PACKAGES: tuple[Package, ...] = (
    Package("debian-reference-en", ("usr/share/debian-reference/*.en.html",), ("index.en.html",)),
    Package("debian-handbook", ("usr/share/doc/debian-handbook/html/en-US/*.html",), ("index.html",)),
    Package("developers-reference", ("usr/share/developers-reference/*.html",),
            ("index.html", "search.html", "developers-reference.html")),
    Package("harden-doc", ("usr/share/doc/harden-doc/html/en-US/*.html",), ("index.html",)),
    Package("maint-guide", ("usr/share/doc/maint-guide/html/*.en.html",), ("index.en.html",)),
    Package("debian-faq", ("usr/share/doc/debian/FAQ/*.en.html",), ("index.en.html",),
            licence_note="Copyright (C) 1996-2003 Software in the Public Interest; verbatim and modified "
                         "copies allowed if the permission notice is kept (see the copyright file)"),
    Package("debmake-doc", ("usr/share/doc/debmake-doc/html/*.en.html",), ("index.en.html",)),
    Package("debian-policy", ("usr/share/doc/debian-policy/policy.html/*.html",),
            ("index.html", "search.html", "genindex.html", "ap-license.html")),
    Package("installation-guide-amd64", ("usr/share/doc/installation-guide-amd64/en/*.html",), ("index.html",),
            licence_note="GPL-2 (stated in the copyright file's prose)"),
)


# ---------------------------------------------------------------------------
# HTML to Markdown-ish blocks

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "wbr"}
_SKIP_TAGS = {"script", "style", "head", "nav", "pre", "noscript", "svg", "button", "form", "select", "textarea"}
_SKIP_CLASSES = {
    "navheader", "navfooter", "toc", "related", "sphinxsidebar", "footer", "docnav", "breadcrumbs",
    "headerlink", "list-of-tables", "list-of-examples", "list-of-figures", "index", "screen",
    "programlisting", "highlight", "literal-block", "synopsis", "indexterm", "language_switcher_placeholder",
    "footnotes", "revhistory", "legalnotice", "authorgroup", "author", "copyright",
}
_BLOCK = {"p", "div", "li", "dt", "dd", "blockquote", "section", "article", "ul", "ol", "dl", "body",
          "td", "th", "tr", "table", "caption", "figure", "figcaption", "br", "hr", "main", "aside"}
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_INLINE_CODE = {"code", "tt", "kbd", "samp"}
_ADMONITIONS = {"Note", "Tip", "Caution", "Warning", "Important"}  # DocBook draws these as two-row tables


class _Blocks(HTMLParser):
    """Collects ``(kind, text)`` blocks: kind is heading, para, list or table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, starts a skipped region)
        self.skip = 0
        self.buf: list[str] = []
        self.heading = 0
        self.list_kind: list[str] = []
        self.in_li = 0
        self.code = 0
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None

    # -- helpers
    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        text = text.replace("``", "")
        self.buf = []
        if not text:
            return
        if self.heading:
            self.blocks.append(("heading", "#" * min(self.heading, 6) + " " + text))
        elif self.in_li:
            marker = "1." if self.list_kind and self.list_kind[-1] == "ol" else "-"
            self.blocks.append(("list", f"{marker} {text}"))
        else:
            self.blocks.append(("para", text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set()
        for k, v in attrs:
            if k in ("class", "role", "id") and v:
                classes.update(v.split())
        skipping = tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES) or "navigation" in classes
        if tag not in _VOID:
            self.stack.append((tag, skipping))
        if skipping:
            self.skip += 1
        if self.skip or tag in _VOID and tag not in ("br", "hr"):
            return
        if self.table is not None:
            if tag == "tr":
                self.table.append([])
            elif tag in ("td", "th"):
                self.cell = []
            elif tag in _INLINE_CODE:
                self.code += 1
                (self.cell if self.cell is not None else self.buf).append("`")
            return
        if tag == "table":
            self._flush()
            self.table = []
            return
        if tag in _HEADINGS:
            self._flush()
            self.heading = _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self._flush()
            self.list_kind.append(tag)
        elif tag == "li":
            self._flush()
            self.in_li += 1
        elif tag in _BLOCK:
            self._flush()
        elif tag in _INLINE_CODE:
            self.code += 1
            self.buf.append("`")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            t, skipping = self.stack.pop()
            if skipping:
                self.skip -= 1
            elif not self.skip:
                self._close(t)
            if t == tag:
                break

    def _close(self, tag: str) -> None:
        if self.table is not None:
            if tag in ("td", "th") and self.cell is not None and self.table:
                cell = re.sub(r"\s+", " ", "".join(self.cell)).strip().replace("|", "\\|")
                self.table[-1].append(cell)
                self.cell = None
            elif tag in _INLINE_CODE:
                self.code = max(0, self.code - 1)
                (self.cell if self.cell is not None else self.buf).append("`")
            elif tag == "table":
                self._emit_table()
            return
        if tag in _HEADINGS:
            self._flush()
            self.heading = 0
        elif tag in ("ul", "ol"):
            self._flush()
            if self.list_kind:
                self.list_kind.pop()
        elif tag == "li":
            self._flush()
            self.in_li = max(0, self.in_li - 1)
        elif tag in _BLOCK:
            self._flush()
        elif tag in _INLINE_CODE:
            self.code = max(0, self.code - 1)
            self.buf.append("`")

    def _emit_table(self) -> None:
        rows = [r for r in (self.table or []) if any(c for c in r)]
        self.table = None
        self.cell = None
        if len(rows) < 2:
            return
        width = max(len(r) for r in rows)
        head = [c for c in rows[0] if c]
        if len(rows) == 2 and len(head) == 1 and head[0] in _ADMONITIONS:
            body = " ".join(c for c in rows[1] if c)
            self.blocks.append(("para", f"**{head[0]}:** {body}"))
            return
        if width < 2:
            return
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        self.blocks.append(("table", "\n".join(lines)))

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.table is not None:
            if self.cell is not None:
                self.cell.append(data)
            return
        self.buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(text: str) -> list[tuple[str, str]]:
    p = _Blocks()
    p.feed(text)
    p.close()
    return p.blocks


# ---------------------------------------------------------------------------
# Cleaning

_EMPTY_CODE = re.compile(r"`\s*`")
_SPACE_IN_CODE = re.compile(r"`\s*([^`]*?)\s*`")


def clean_block(kind: str, text: str) -> str | None:
    """The block as it goes into the corpus, or None to drop it."""
    text = html.unescape(text).replace("\u00a0", " ").replace("\u200b", "")
    if kind != "table":
        text = _EMPTY_CODE.sub("", text)
        text = _SPACE_IN_CODE.sub(r"`\1`", text)
        text = re.sub(r" +", " ", text).strip()
        if text.count("`") % 2:
            text = text.replace("`", "")
    words = text.split()
    if kind == "heading":
        title = re.sub(r"^#+ ", "", text)
        title = re.sub(r"^(\d+(\.\d+)*\.?|[A-Z]\.\d+(\.\d+)*\.?|Chapter \d+\.?)\s+", "", title)
        if count_words(title) < 1 or not re.search(r"[A-Za-z]{2}", title):
            return None
        return text[: len(text) - len(re.sub(r"^#+ ", "", text))] + title
    n = count_words(text)
    if n < 3:
        return None
    if kind != "table":
        alpha = sum(1 for w in words if re.fullmatch(r"[A-Za-z][A-Za-z'’.,;:!?()\"-]*", w))
        if alpha / len(words) < 0.6:  # mostly commands, paths or numbers
            return None
    return text


def package_blocks(root: Path, pkg: Package) -> tuple[list[tuple[str, str]], list[str]]:
    files: list[Path] = []
    for pattern in pkg.include:
        files += [f for f in root.glob(pattern) if f.name not in pkg.exclude]
    files = sorted(set(files))
    blocks = []
    for f in files:
        blocks += html_blocks(f.read_text(encoding="utf-8", errors="replace"))
    return blocks, [str(f.relative_to(root)) for f in files]


# ---------------------------------------------------------------------------
# Packages and licences


def fetch(pkg: str, dest: Path, debs: Path | None) -> Path:
    """The .deb for ``pkg``: from ``debs`` if it is there, else ``apt-get download`` into ``dest``."""
    if debs:
        found = sorted(debs.glob(f"{pkg}_*.deb"))
        if found:
            return found[-1]
    subprocess.run(["apt-get", "download", pkg], cwd=dest, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    found = sorted(dest.glob(f"{pkg}_*.deb"))
    if not found:
        raise SystemExit(f"debian_corpus.py: apt-get download {pkg} gave no .deb")
    if debs:
        debs.mkdir(parents=True, exist_ok=True)
        shutil.copy2(found[-1], debs / found[-1].name)
    return found[-1]


def download_uri(pkg: str) -> str:
    proc = subprocess.run(["apt-get", "download", "--print-uris", pkg], capture_output=True, text=True,
                          cwd=tempfile.gettempdir())
    m = re.search(r"'([^']+)'", proc.stdout)
    return m.group(1) if m else "(apt-get download --print-uris gave no address)"


def licence(copyright_text: str, note: str) -> str:
    """The License: of the ``Files: *`` paragraph of a machine-readable copyright file."""
    for para in re.split(r"\n\s*\n", copyright_text):
        if re.search(r"^Files:\s*\*\s*$", para, re.M) or re.search(r"^Files:\s*\n\s+\*\s*$", para, re.M):
            m = re.search(r"^License:\s*(.+)$", para, re.M)
            if m:
                return m.group(1).strip()
    return note or "see the copyright file"


# ---------------------------------------------------------------------------
# Writing the corpus


def split_files(blocks: list[tuple[str, str]], n_files: int) -> list[list[str]]:
    """Cut the blocks, in order, into ``n_files`` groups of about equal word counts."""
    total = sum(count_words(t) for _, t in blocks)
    groups: list[list[str]] = [[] for _ in range(n_files)]
    last_heading = "# Debian documentation"
    done = 0
    i = 0
    for kind, text in blocks:
        wc = count_words(text)
        while i < n_files - 1 and done >= total * (i + 1) / n_files:
            i += 1
        if not groups[i] and kind != "heading":
            groups[i].append(last_heading)
        if kind == "heading":
            last_heading = "# " + text.lstrip("#").strip()
            if not groups[i]:
                text = last_heading
        groups[i].append(text)
        done += wc
    return groups


def build(out: Path, n_files: int, max_words: int, debs: Path | None, packages=PACKAGES) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    for old in list(out.glob("debian-*.md")) + [out / "SOURCES.md"]:
        if old.exists():
            old.unlink()
    seen: set[str] = set()
    corpus: list[tuple[str, str]] = []
    sources = []
    total = 0
    with tempfile.TemporaryDirectory(prefix="debian-corpus-") as tmp:
        for pkg in packages:
            dl = Path(tmp, "dl")
            dl.mkdir(exist_ok=True)
            deb = fetch(pkg.name, dl, debs)
            root = Path(tmp, pkg.name)
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
            fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Version", "Homepage"],
                                    capture_output=True, text=True, check=True).stdout
            version = re.search(r"^Version:\s*(.+)$", fields, re.M)
            homepage = re.search(r"^Homepage:\s*(.+)$", fields, re.M)
            cfile = root / "usr/share/doc" / pkg.name / "copyright"
            ctext = cfile.read_text(encoding="utf-8", errors="replace") if cfile.exists() else ""
            blocks, files = package_blocks(root, pkg)
            kept = 0
            for kind, text in blocks:
                if total >= max_words:
                    break
                cleaned = clean_block(kind, text)
                if cleaned is None:
                    continue
                key = re.sub(r"\W+", " ", cleaned.lower()).strip()
                if kind != "heading":
                    if key in seen:
                        continue
                    seen.add(key)
                wc = count_words(cleaned)
                corpus.append((kind, cleaned))
                kept += wc
                total += wc
            sources.append({
                "package": pkg.name,
                "version": version.group(1).strip() if version else "?",
                "deb": deb.name,
                "sha256": hashlib.sha256(deb.read_bytes()).hexdigest(),
                "uri": download_uri(pkg.name),
                "homepage": homepage.group(1).strip() if homepage else "",
                "licence": licence(ctext, pkg.licence_note),
                "copyright": f"/usr/share/doc/{pkg.name}/copyright",
                "html_files": len(files),
                "words": kept,
            })
    # Drop a heading directly followed by another heading of the same or a higher level, or at the end.
    tidy: list[tuple[str, str]] = []
    for kind, text in corpus:
        if tidy and tidy[-1][0] == "heading" and kind == "heading":
            prev_level = len(tidy[-1][1]) - len(tidy[-1][1].lstrip("#"))
            level = len(text) - len(text.lstrip("#"))
            if level <= prev_level:
                tidy.pop()
        tidy.append((kind, text))
    while tidy and tidy[-1][0] == "heading":
        tidy.pop()
    groups = split_files(tidy, n_files)
    digest = hashlib.sha256()
    words = 0
    for i, parts in enumerate(groups):
        name = f"debian-{i + 1:04d}.md"
        content = "\n\n".join(parts) + "\n"
        (out / name).write_text(content, encoding="utf-8")
        digest.update(name.encode() + b"\0" + content.encode("utf-8") + b"\0")
        words += count_words(content)
    write_sources(out / "SOURCES.md", sources, n_files, words, digest.hexdigest())
    return {"files": n_files, "words": words, "sha256": digest.hexdigest(), "sources": sources}


def write_sources(path: Path, sources: list[dict], n_files: int, words: int, sha: str) -> None:
    lines = [
        "# Sources of this corpus",
        "",
        f"Built by `benchmarks/debian_corpus.py` from English Debian documentation packages: "
        f"{n_files} files, {words:,} words, sha256 `{sha[:16]}`.",
        "Each package was fetched with `apt-get download` and unpacked with `dpkg-deb -x`.",
        "Its HTML pages were turned into plain Markdown. Code, navigation and repeated paragraphs were dropped.",
        "",
        "| package | version | words used | licence (from its copyright file) |",
        "|---|---|---|---|",
    ]
    for s in sources:
        lines.append(f"| {s['package']} | {s['version']} | {s['words']:,} | {s['licence']} |")
    lines.append("")
    for s in sources:
        lines += [
            f"## {s['package']} {s['version']}",
            "",
            f"- Downloaded from: {s['uri']}",
            f"- Package file: `{s['deb']}` (sha256 `{s['sha256']}`)",
        ]
        if s["homepage"]:
            lines.append(f"- Homepage: {s['homepage']}")
        lines += [
            f"- Licence: {s['licence']}, as stated in `{s['copyright']}` inside the package.",
            f"- HTML pages read: {s['html_files']}; words used: {s['words']:,}.",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="the folder to write the corpus into")
    p.add_argument("--files", type=int, default=100, help="number of Markdown files (default 100)")
    p.add_argument("--words", type=int, default=1_200_000, help="at most this many words (default 1,200,000)")
    p.add_argument("--debs", type=Path,
                   help="a folder of .deb files to reuse; missing ones are downloaded and saved there")
    p.add_argument("--packages", help="comma-separated package names (default: all the built-in ones)")
    opts = p.parse_args(argv)
    packages = PACKAGES
    if opts.packages:
        wanted = opts.packages.split(",")
        unknown = set(wanted) - {pk.name for pk in PACKAGES}
        if unknown:
            p.error(f"unknown package(s): {', '.join(sorted(unknown))}")
        packages = tuple(pk for pk in PACKAGES if pk.name in wanted)
    res = build(opts.out, max(1, opts.files), opts.words, opts.debs, packages)
    for s in res["sources"]:
        print(f"{s['package']:22} {s['version']:16} {s['words']:>9,} words  {s['licence']}")
    print(f"{res['files']} files, {res['words']:,} words in {opts.out} (sha256 {res['sha256'][:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
