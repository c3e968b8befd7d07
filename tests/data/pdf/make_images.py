"""Print the two small PNG pictures used in long-policy.fodt, as base64.

    python3 make_images.py

The output was pasted into long-policy.fodt (office:binary-data), so the
build does not run this: it is here to show where the pictures came from.

* house: 48x48, a green house (roof and walls) with a white door on white.
  It has alternative text in long-policy.fodt.
* dots: 48x16, three orange dots on white. It has no alternative text.

Part of speakeasy's test fixtures; CC0 1.0. Standard library only.
"""

import base64
import struct
import zlib

WHITE = (255, 255, 255)
GREEN = (46, 125, 50)
ORANGE = (230, 120, 20)


def png(width, height, pixel):
    """A non-interlaced 8-bit RGB PNG; pixel(x, y) gives an (r, g, b)."""
    raw = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def house(x, y):
    if 6 <= y < 22 and abs(x - 23.5) <= (y - 6) * 1.2 + 1:  # roof
        return GREEN
    if 22 <= y < 42 and 10 <= x < 38:  # walls, with a door
        return WHITE if (20 <= x < 28 and y >= 30) else GREEN
    return WHITE


def dots(x, y):
    for cx in (8, 24, 40):
        if (x - cx + 0.5) ** 2 + (y - 7.5) ** 2 <= 36:
            return ORANGE
    return WHITE


if __name__ == "__main__":
    for name, data in (("house", png(48, 48, house)), ("dots", png(48, 16, dots))):
        print("%s (%d bytes):" % (name, len(data)))
        print(base64.b64encode(data).decode("ascii"))
