#!/usr/bin/env bash
# Rebuild every PDF fixture in this folder (and long-policy.docx/.odt).
#
# Needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui),
# the British English hyphenation patterns (apt-get install hyphen-en-gb:
# without them LibreOffice breaks no words, and check.py fails), pdftoppm
# (apt-get install poppler-utils, for scanned.pdf) and a Python 3 with
# pypdf (for make_bad_inputs.py and check.py; the project's dev
# environment has it). CI does not run this: the outputs are committed.
# See README.md.
#
#   bash tests/data/pdf/build.sh
#
# Environment: SOFFICE (default soffice), PYTHON (default python3; must
# have pypdf), PDFTOPPM (default pdftoppm).
#
# Part of speakeasy's test fixtures; CC0 1.0.
set -euo pipefail

cd "$(dirname "$0")"
SOFFICE=${SOFFICE:-soffice}
PYTHON=${PYTHON:-python3}
PDFTOPPM=${PDFTOPPM:-pdftoppm}
DOCX=../docx

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A throwaway profile: does not touch (or clash with) a running LibreOffice.
lo() {
    "$SOFFICE" "-env:UserInstallation=file://$WORK/profile" --headless \
        --norestore "$@" 2>&1 | grep -v 'javaldx' || true
}
TAGGED='pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'

"$SOFFICE" --version
test -e /usr/share/hyphen/hyph_en_GB.dic || echo "warning: no hyph_en_GB.dic: install hyphen-en-gb" >&2

# Tagged and untagged PDFs: the four .docx fixtures' sources (read from
# ../docx, not copied), and this folder's long-policy and two-columns.
SOURCES=("$DOCX/simple.fodt" "$DOCX/policy-features.fodt" "$DOCX/suppression.fodt"
         "$DOCX/headings-skip.fodt" long-policy.fodt two-columns.fodt)
lo --convert-to "$TAGGED" --outdir "$WORK/tagged" "${SOURCES[@]}"
lo --convert-to pdf --outdir "$WORK/untagged" "${SOURCES[@]}"
for src in "${SOURCES[@]}"; do
    name=$(basename "$src" .fodt)
    mv "$WORK/tagged/$name.pdf" "$name.tagged.pdf"
    mv "$WORK/untagged/$name.pdf" "$name.untagged.pdf"
done

# long-policy as Word (the "MS Word 2007 XML" filter, as ../docx uses) and
# OpenDocument, with the zip entry times pinned by ../docx/zip_times.py.
lo --convert-to 'docx:MS Word 2007 XML' --outdir "$WORK/out" long-policy.fodt
lo --convert-to odt --outdir "$WORK/out" long-policy.fodt
mv "$WORK/out/long-policy.docx" "$WORK/out/long-policy.odt" .
"$PYTHON" "$DOCX/zip_times.py" long-policy.docx long-policy.odt

# No title and no language: LibreOffice writes /Lang(en-US) anyway (its
# own locale), so pdf_pin.py --drop-lang blanks it out below.
lo --convert-to "$TAGGED" --outdir "$WORK/nt" no-title-no-lang.fodt
mv "$WORK/nt/no-title-no-lang.pdf" no-title-no-lang.tagged.pdf

# A "scan": the page as a 150 dpi grey picture, and nothing else.
lo --convert-to pdf --outdir "$WORK/scan" scanned.fodt
"$PDFTOPPM" -gray -r 150 -singlefile "$WORK/scan/scanned.pdf" "$WORK/scan/page"
"$PYTHON" make_scanned.py "$WORK/scan/page.pgm" 150 scanned.pdf

# LibreOffice stamps each PDF with the export time: pin the date, /ID and
# /DocChecksum so a rebuild with the same LibreOffice gives the same bytes.
"$PYTHON" pdf_pin.py ./*.tagged.pdf ./*.untagged.pdf
"$PYTHON" pdf_pin.py --drop-lang no-title-no-lang.tagged.pdf

# Encrypted and broken files, made from simple.untagged.pdf.
"$PYTHON" make_bad_inputs.py

# Check every file and print the table that README.md shows.
"$PYTHON" check.py

ls -l
du -sh .
