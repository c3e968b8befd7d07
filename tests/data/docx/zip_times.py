"""Set every entry's timestamp in zip files to 2024-04-01 00:00:00, in place.

LibreOffice stamps each zip entry with the time of the conversion, so two
builds of the same source differ only in those bytes. This rewrites the
DOS time and date fields of every local header and central-directory
record and touches nothing else: entry order, compression, the
compressed bytes, CRCs, flags and data descriptors stay exactly as
LibreOffice wrote them.

    python3 zip_times.py FILE.docx [FILE.odt ...]

Part of speakeasy's test fixtures; CC0 1.0. Standard library only.
"""

import struct
import sys

DOS_TIME = 0  # 00:00:00
DOS_DATE = ((2024 - 1980) << 9) | (4 << 5) | 1  # 2024-04-01

EOCD_SIG = b"PK\x05\x06"
CDH_SIG = b"PK\x01\x02"
LFH_SIG = b"PK\x03\x04"


def fix(path):
    data = bytearray(open(path, "rb").read())
    eocd = data.rfind(EOCD_SIG)
    if eocd < 0:
        raise SystemExit("%s: not a zip (no end of central directory)" % path)
    (entries, cd_size, cd_offset) = struct.unpack_from("<HII", data, eocd + 10)
    pos = cd_offset
    for _ in range(entries):
        if data[pos:pos + 4] != CDH_SIG:
            raise SystemExit("%s: bad central directory at %d" % (path, pos))
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        local = struct.unpack_from("<I", data, pos + 42)[0]
        extra = bytes(data[pos + 46 + name_len:pos + 46 + name_len + extra_len])
        if b"UT" in extra[:2]:
            raise SystemExit("%s: extended timestamp fields are not handled" % path)
        struct.pack_into("<HH", data, pos + 12, DOS_TIME, DOS_DATE)
        if data[local:local + 4] != LFH_SIG:
            raise SystemExit("%s: bad local header at %d" % (path, local))
        struct.pack_into("<HH", data, local + 10, DOS_TIME, DOS_DATE)
        pos += 46 + name_len + extra_len + comment_len
    open(path, "wb").write(bytes(data))


if __name__ == "__main__":
    for p in sys.argv[1:]:
        fix(p)
