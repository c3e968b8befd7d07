"""Check every PDF in this folder and print the table that README.md shows.

    python3 check.py        (needs pypdf; uses pdfminer.six if installed)

build.sh runs it last. It stops with an AssertionError if a file is not
what README.md says it is (tagged or not, page count, /Lang, title, line-end
hyphens, no text in the scan, the passwords, ...), and prints one
Markdown table row per file. Run it from any folder.

Part of speakeasy's test fixtures; CC0 1.0.
"""

import glob
import os

import pypdf
from pypdf.errors import PdfReadError

try:
    from pdfminer.high_level import extract_text as pdfminer_text
except ImportError:  # pragma: no cover
    pdfminer_text = None

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["simple", "policy-features", "suppression", "headings-skip", "long-policy", "two-columns"]
HEADER = "Riverside Council – Carers support policy"


def struct_elements(reader):
    """Every structure element dictionary, in document order (depth first)."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")

    def walk(node):
        kids = node.get("/K")
        kids = [] if kids is None else kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object()
            if isinstance(kid, dict) and "/S" in kid:
                yield kid
                yield from walk(kid)

    if root is not None:
        yield from walk(root.get_object())


def facts(path):
    """What pypdf (and pdfminer.six) make of one file."""
    name = os.path.basename(path)
    row = {"file": name, "bytes": os.path.getsize(path)}
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            row["encrypted"] = "yes"
            row["empty password"] = reader.decrypt("").name
            if row["empty password"] == "NOT_DECRYPTED":
                # Go on with the password, to fill in the rest of the row.
                row["secret"] = reader.decrypt("secret").name
        else:
            row["encrypted"] = "no"
        root = reader.trailer["/Root"]
        row["pages"] = len(reader.pages)
        mark = root.get("/MarkInfo")
        row["tagged"] = "/StructTreeRoot" in root and bool(mark and mark.get("/Marked"))
        row["markinfo"] = "/MarkInfo" in root
        row["lang"] = root.get("/Lang")
        info = reader.metadata or {}
        row["title"] = info.get("/Title")
        row["xmp"] = "/Metadata" in root
        row["text"] = [page.extract_text() for page in reader.pages]
        row["reader"] = reader
    except Exception as exc:  # the broken inputs
        row["error"] = "%s: %s" % (type(exc).__name__, str(exc)[:60])
    if pdfminer_text is not None:
        try:
            row["pdfminer"] = pdfminer_text(path)
        except Exception as exc:
            row["pdfminer error"] = type(exc).__name__
    return row


def check(rows):
    by = {r["file"]: r for r in rows}
    for name in SOURCES:
        t, u = by[name + ".tagged.pdf"], by[name + ".untagged.pdf"]
        assert t["tagged"] and not u["tagged"] and not u["markinfo"], name
        assert t["lang"] == u["lang"] == "en-GB", name
        assert t["pages"] == u["pages"], name
    assert by["simple.tagged.pdf"]["title"] == "Visiting hours"

    # long-policy: 5 pages, running header and "Page N of M" on each,
    # automatic hyphenation at line ends, "signpost-" / "ing" across a break.
    for variant in ("tagged", "untagged"):
        lp = by["long-policy.%s.pdf" % variant]
        assert lp["pages"] >= 4 and lp["title"] == "Carers support policy"
        for number, text in enumerate(lp["text"], 1):
            assert text.startswith(HEADER), (variant, number)
            assert text.rstrip().endswith("Page %d of %d" % (number, lp["pages"])), (variant, number)
        lines = [l.rstrip() for text in lp["text"] for l in text.splitlines()]
        hyphened = [l for l in lines if l.endswith("-")]
        assert len(hyphened) >= 10, hyphened
        assert any(l.endswith("signpost-") for l in lines)
    elements = list(struct_elements(by["long-policy.tagged.pdf"]["reader"]))
    kinds = [str(e["/S"]) for e in elements]
    for kind in ("/Title", "/H1", "/H2", "/L", "/LI", "/LBody", "/Table", "/TH", "/TD", "/Figure", "/Note"):
        assert kind in kinds, kind
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert [("/Alt" in f) for f in figures] == [True, False], figures
    shy = [e for e in elements if e.get("/ActualText") == "\u00ad"]
    assert len(shy) >= 10, len(shy)

    # Two columns: reading order 1, 2, 3, 4 with pypdf's default extraction.
    text = by["two-columns.tagged.pdf"]["text"][0]
    steps = [text.index("Step %d." % n) for n in (1, 2, 3, 4)]
    assert steps == sorted(steps) and by["two-columns.tagged.pdf"]["pages"] == 1

    # The pictures pasted into long-policy.fodt are make_images.py's.
    import base64, sys
    sys.path.insert(0, HERE)
    import make_images as mi
    fodt = open(os.path.join(HERE, "long-policy.fodt"), encoding="utf-8").read()
    for data in (mi.png(48, 48, mi.house), mi.png(48, 16, mi.dots)):
        assert base64.b64encode(data).decode("ascii") in fodt

    nt = by["no-title-no-lang.tagged.pdf"]
    assert nt["tagged"] and nt["lang"] is None and nt["title"] is None and not nt["xmp"]

    sc = by["scanned.pdf"]
    assert sc["pages"] == 1 and sc["text"] == [""] and not sc["tagged"] and sc["lang"] is None
    if "pdfminer" in sc:
        assert sc["pdfminer"].strip() == ""

    enc = by["encrypted.pdf"]
    assert enc["encrypted"] == "yes" and enc["empty password"] == "NOT_DECRYPTED"
    reader = pypdf.PdfReader(os.path.join(HERE, "encrypted.pdf"))
    assert reader.decrypt("secret").name != "NOT_DECRYPTED"
    simple = by["simple.untagged.pdf"]["text"]
    assert [p.extract_text() for p in reader.pages] == simple

    own = by["owner-only.pdf"]
    assert own["encrypted"] == "yes" and own["empty password"] == "USER_PASSWORD"
    assert own["text"] == simple
    reader = pypdf.PdfReader(os.path.join(HERE, "owner-only.pdf"))
    assert reader.decrypt("speakeasy-owner").name == "OWNER_PASSWORD"
    assert not reader.user_access_permissions & pypdf.constants.UserAccessPermissions.EXTRACT

    for name in ("not-a-pdf.pdf", "empty.pdf"):
        assert "error" in by[name], name
    try:
        pypdf.PdfReader(os.path.join(HERE, "damaged.pdf"), strict=True)
    except PdfReadError:
        pass
    else:
        raise AssertionError("damaged.pdf opened in strict mode")


def cell(row):
    if "error" in row:
        opened = "no: `%s`" % row["error"].split(":")[0]
        return [opened, "", "", "", "", "", ""]
    chars = sum(len(t) for t in row["text"])
    miner = row.get("pdfminer")
    miner = "error: `%s`" % row["pdfminer error"] if "pdfminer error" in row else (
        "n/a" if miner is None else str(len(miner.strip())))
    enc = row["encrypted"]
    if enc == "yes":
        enc = "yes; empty password: %s" % row["empty password"]
        if "secret" in row:
            enc += "; `secret`: %s (rest of row)" % row["secret"]
    return [
        "yes",
        enc,
        str(row["pages"]),
        "yes" if row["tagged"] else "no",
        "`%s`" % row["lang"] if row["lang"] else "none",
        row["title"] or "none",
        "%d / %s" % (chars, miner),
    ]


def main():
    paths = sorted(glob.glob(os.path.join(HERE, "*.pdf")))
    rows = [facts(p) for p in paths]
    check(rows)
    print("| file | bytes | pypdf opens | encrypted | pages | tagged | /Lang | title | text chars (pypdf / pdfminer) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print("| `%s` | %s | %s |" % (row["file"], format(row["bytes"], ","), " | ".join(cell(row))))
    print("all checks passed")


if __name__ == "__main__":
    main()
