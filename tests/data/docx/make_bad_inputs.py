"""Make the bad-input .docx fixtures from simple.docx (run after LibreOffice).

    python3 make_bad_inputs.py

Writes, in this folder:
  not-a-zip.docx         plain UTF-8 text with a .docx name
  damaged.docx           the first half of simple.docx (cut mid-file: no
                         central directory)
  xxe.docx               simple.docx with a DOCTYPE declaring an external
                         entity (file:///etc/passwd) used as &xxe; in a w:t
  zip-bomb.docx          simple.docx with word/document.xml replaced by
                         ZIP_BOMB_SIZE (1,500,000,000) bytes of well-formed
                         XML, one paragraph of "Ok. Ok. Ok. ...", deflated
                         to about 1.5 MB; streamed, never held in memory
  missing-document.docx  [Content_Types].xml, _rels/.rels and docProps/ of
                         simple.docx, but no word/ part at all

old-format.doc and encrypted.docx come from LibreOffice (see build.sh).
Deterministic: fixed timestamps, entries in a fixed order.

Part of speakeasy's test fixtures; CC0 1.0. Standard library only.
"""

import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SIMPLE = os.path.join(HERE, "simple.docx")
STAMP = (2024, 4, 1, 0, 0, 0)

# The uncompressed size of word/document.xml in zip-bomb.docx, exactly.
ZIP_BOMB_SIZE = 1_500_000_000

BOMB_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
    b'wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b'<w:t xml:space="preserve">'
)
BOMB_TAIL = b"</w:t></w:r></w:p></w:body></w:document>"
# One paragraph of "Ok. Ok. Ok. ...": a 4-byte period lets deflate use
# distance-4 matches, which carry no extra bits, so it packs about 1000:1
# (a longer, more varied repeat only gets about 340:1). Spaces pad the
# total to exactly ZIP_BOMB_SIZE.
BOMB_UNIT = b"Ok. "
BOMB_PAD = b" "

XXE_DOCTYPE = (
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
)


def path(name):
    return os.path.join(HERE, name)


def entry(name, compress=zipfile.ZIP_DEFLATED):
    info = zipfile.ZipInfo(name, date_time=STAMP)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    return info


def copy_parts(src, dst, skip=(), replace=None):
    """Copy src's entries into dst in order, skipping or replacing some."""
    replace = replace or {}
    for item in src.infolist():
        if item.filename in skip:
            continue
        data = replace.get(item.filename)
        if data is None:
            data = src.read(item.filename)
        dst.writestr(entry(item.filename, item.compress_type), data)


def not_a_zip():
    with open(path("not-a-zip.docx"), "w", encoding="utf-8", newline="\n") as f:
        f.write("This is a plain text file with a .docx name. It is not a "
                "Word document.\nWe will visit you at home.\n")


def damaged():
    data = open(SIMPLE, "rb").read()
    open(path("damaged.docx"), "wb").write(data[: len(data) // 2])


def xxe():
    with zipfile.ZipFile(SIMPLE) as src:
        doc = src.read("word/document.xml")
        decl_end = doc.index(b"?>") + 2
        assert doc.count(b"Visiting hours</w:t>") == 1
        doc = (doc[:decl_end] + XXE_DOCTYPE + doc[decl_end:]).replace(
            b"Visiting hours</w:t>", b"Visiting hours &xxe;</w:t>")
        with zipfile.ZipFile(path("xxe.docx"), "w") as dst:
            copy_parts(src, dst, replace={"word/document.xml": doc})


def zip_bomb():
    body = ZIP_BOMB_SIZE - len(BOMB_HEAD) - len(BOMB_TAIL)
    units, pad = divmod(body, len(BOMB_UNIT))
    chunk_units = 1 << 18  # 1 MiB blocks
    block = BOMB_UNIT * chunk_units
    with zipfile.ZipFile(SIMPLE) as src, zipfile.ZipFile(
            path("zip-bomb.docx"), "w", compresslevel=9) as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(entry(item.filename, item.compress_type),
                             src.read(item.filename))
                continue
            # Streamed: at most one block is in memory at a time.
            with dst.open(entry("word/document.xml"), "w") as out:
                out.write(BOMB_HEAD)
                full, rest = divmod(units, chunk_units)
                for _ in range(full):
                    out.write(block)
                out.write(BOMB_UNIT * rest)
                out.write(BOMB_PAD * pad)
                out.write(BOMB_TAIL)
    with zipfile.ZipFile(path("zip-bomb.docx")) as z:
        size = z.getinfo("word/document.xml").file_size
        assert size == ZIP_BOMB_SIZE, size


def missing_document():
    with zipfile.ZipFile(SIMPLE) as src, zipfile.ZipFile(
            path("missing-document.docx"), "w") as dst:
        copy_parts(src, dst, skip=[n for n in src.namelist()
                                   if n.startswith("word/")])


if __name__ == "__main__":
    not_a_zip()
    damaged()
    xxe()
    zip_bomb()
    missing_document()
