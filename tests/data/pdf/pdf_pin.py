"""Make LibreOffice's PDFs the same on every build, in place.

LibreOffice 7.4 writes the time of the export into each PDF, and ignores
SOURCE_DATE_EPOCH. Three things change from one build to the next:

* /CreationDate in the document information dictionary, for example
  (D:20240401090000Z'): the date and time become 2024-04-01 00:00:00, and
  LibreOffice's own suffix (Z') is kept;
* the two halves of the trailer /ID (LibreOffice writes the same 16 bytes
  twice), and
* /DocChecksum in the trailer (an MD5 that LibreOffice adds; it is not in
  the PDF standard).

Each is rewritten with the same number of bytes, so the cross-reference
offsets stay right and no other byte changes. The new /ID and
/DocChecksum are the MD5 of the file with the date pinned and both
fields set to zeros: the same content always gives the same values.

With --drop-lang, every /Lang(...) entry is also overwritten with spaces.
LibreOffice always writes the catalog's /Lang, even when the document has
no language (it uses its own locale, en-US here); no-title-no-lang.tagged.pdf
needs a PDF without one.

    python3 pdf_pin.py [--drop-lang] FILE.pdf [FILE.pdf ...]

Part of speakeasy's test fixtures; CC0 1.0. Standard library only.
"""

import hashlib
import re
import sys

DATE = re.compile(rb"/CreationDate\(D:(\d{14})")
ID = re.compile(rb"/ID \[ <([0-9A-F]{32})>\s*<([0-9A-F]{32})> \]")
CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")
LANG = re.compile(rb"/Lang\([^)]*\)")


def patch(data, match, group, new):
    start, end = match.span(group)
    assert len(new) == end - start
    data[start:end] = new


def pin(path, drop_lang=False):
    data = bytearray(open(path, "rb").read())
    if not data.startswith(b"%PDF-"):
        raise SystemExit("%s: not a PDF" % path)
    dates = list(DATE.finditer(data))
    ids = list(ID.finditer(data))
    sums = list(CHECKSUM.finditer(data))
    if len(dates) != 1 or len(ids) != 1 or len(sums) > 1:
        raise SystemExit(
            "%s: expected 1 /CreationDate and 1 /ID, found %d and %d"
            % (path, len(dates), len(ids))
        )
    patch(data, dates[0], 1, b"20240401000000")
    if drop_lang:
        langs = list(LANG.finditer(data))
        if not langs:
            raise SystemExit("%s: no /Lang to drop" % path)
        for m in langs:
            patch(data, m, 0, b" " * (m.end() - m.start()))
    zero = b"0" * 32
    patch(data, ids[0], 1, zero)
    patch(data, ids[0], 2, zero)
    for m in sums:
        patch(data, m, 1, zero)
    digest = hashlib.md5(bytes(data)).hexdigest().upper().encode("ascii")
    patch(data, ids[0], 1, digest)
    patch(data, ids[0], 2, digest)
    for m in sums:
        patch(data, m, 1, digest)
    open(path, "wb").write(data)


if __name__ == "__main__":
    args = sys.argv[1:]
    drop = "--drop-lang" in args
    for name in args:
        if name != "--drop-lang":
            pin(name, drop)
