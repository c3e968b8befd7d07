#!/usr/bin/env bash
# Rebuild every fixture in this folder from the hand-written .fodt sources.
#
# Needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui,
# which also brings python3-uno) and a Python 3 for the stdlib helpers.
# CI does not run this: the outputs are committed. See README.md.
#
#   bash tests/data/docx/build.sh
#
# Environment: SOFFICE (default soffice), PYTHON (default python3, for
# zip_times.py and make_bad_inputs.py), UNO_PYTHON (default
# /usr/bin/python3, the Python that has the uno module, for lo_encrypt.py).
#
# Part of speakeasy's test fixtures; CC0 1.0.
set -euo pipefail

cd "$(dirname "$0")"
SOFFICE=${SOFFICE:-soffice}
PYTHON=${PYTHON:-python3}
UNO_PYTHON=${UNO_PYTHON:-/usr/bin/python3}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A throwaway profile: does not touch (or clash with) a running LibreOffice.
lo() {
    "$SOFFICE" "-env:UserInstallation=file://$WORK/profile" --headless \
        --norestore "$@" 2>&1 | grep -v 'javaldx' || true
}

"$SOFFICE" --version

SOURCES=(policy-features simple suppression headings-skip)

# .docx with the "MS Word 2007 XML" filter: what File > Save As >
# "Word 2007-365 (.docx)" writes, and the closest to Word's own XML
# (w:jc="left", w:ind/@w:left). A bare `--convert-to docx` picks the
# "Office Open XML Text" filter instead; see policy-features.iso29500.docx.
for name in "${SOURCES[@]}"; do
    lo --convert-to 'docx:MS Word 2007 XML' --outdir "$WORK/out" "$name.fodt"
    lo --convert-to odt --outdir "$WORK/out" "$name.fodt"
    test -s "$WORK/out/$name.docx" && test -s "$WORK/out/$name.odt"
    mv "$WORK/out/$name.docx" "$WORK/out/$name.odt" .
done

# The same main document through the "Office Open XML Text" filter
# (ISO/IEC 29500 transitional values: w:jc="start", w:ind/@w:start, ...).
lo --convert-to 'docx:Office Open XML Text' --outdir "$WORK/iso" policy-features.fodt
mv "$WORK/iso/policy-features.docx" policy-features.iso29500.docx

# A real Word 97-2003 binary file (OLE2 / CFB) made by LibreOffice.
lo --convert-to doc --outdir "$WORK/out" simple.fodt
mv "$WORK/out/simple.doc" old-format.doc

# Password "secret"; ECMA-376 Standard Encryption in an OLE2 container.
# The salt and key are random, so this file differs on every build.
"$UNO_PYTHON" lo_encrypt.py simple.fodt encrypted.docx secret

# LibreOffice stamps zip entries with the build time: pin them so a
# rebuild with the same LibreOffice gives the same bytes.
for name in "${SOURCES[@]}"; do
    "$PYTHON" zip_times.py "$name.docx" "$name.odt"
done
"$PYTHON" zip_times.py policy-features.iso29500.docx

# The text LibreOffice reads back from each .docx (UTF-8, LF, no BOM),
# for round-trip tests.
for name in "${SOURCES[@]}"; do
    lo --convert-to 'txt:Text (encoded):UTF8,LF,,,false' --outdir "$WORK/txt" "$name.docx"
    mv "$WORK/txt/$name.txt" "$name.expected.txt"
done
# The ISO variant must read back to the same text.
lo --convert-to 'txt:Text (encoded):UTF8,LF,,,false' --outdir "$WORK/isotxt" policy-features.iso29500.docx
cmp "$WORK/isotxt/policy-features.iso29500.txt" policy-features.expected.txt

# The hand-made bad inputs (after zip_times.py: they copy simple.docx and
# set their own timestamps).
"$PYTHON" make_bad_inputs.py

ls -l
du -sh .
