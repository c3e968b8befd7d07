"""Wrap a greyscale page picture in a one-page PDF with no text layer.

    python3 make_scanned.py PAGE.pgm DPI OUT.pdf

PAGE.pgm is a binary PGM (P5, 8 bits), as `pdftoppm -gray` writes. The
PDF has one page the size of the picture at DPI dots per inch, and its
only content is the picture (an 8-bit DeviceGray image, FlateDecode), so
it looks like a scanned letter: no fonts, no text, no tags, no /Lang,
no title. The objects are written in a fixed order with no dates or /ID,
so the same picture always gives the same bytes.

Part of speakeasy's test fixtures; CC0 1.0. Standard library only.
"""

import sys
import zlib


def read_pgm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    magic, width, height, maxval = fields[0], int(fields[1]), int(fields[2]), int(fields[3])
    if magic != b"P5" or maxval != 255:
        raise SystemExit("%s: not an 8-bit binary PGM" % path)
    pixels = data[pos + 1 : pos + 1 + width * height]
    assert len(pixels) == width * height
    return width, height, pixels


def write_pdf(out, width, height, dpi, pixels):
    w_pt = round(width * 72 / dpi, 2)
    h_pt = round(height * 72 / dpi, 2)
    content = b"q %g 0 0 %g 0 0 cm /Im0 Do Q\n" % (w_pt, h_pt)
    image = zlib.compress(pixels, 9)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 %g %g]"
        b"/Resources<</XObject<</Im0 5 0 R>>>>/Contents 4 0 R>>" % (w_pt, h_pt),
        b"<</Length %d>>stream\n" % len(content) + content + b"\nendstream",
        b"<</Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray"
        b"/BitsPerComponent 8/Filter/FlateDecode/Length %d>>stream\n"
        % (width, height, len(image))
        + image
        + b"\nendstream",
        b"<</Producer(speakeasy make_scanned.py)>>",
    ]
    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        body += b"%010d 00000 n \n" % offset
    body += b"trailer\n<</Size %d/Root 1 0 R/Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    open(out, "wb").write(body)


if __name__ == "__main__":
    pgm, dpi, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    width, height, pixels = read_pgm(pgm)
    write_pdf(out, width, height, dpi, pixels)
