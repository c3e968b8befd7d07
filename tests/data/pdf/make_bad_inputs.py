"""Make the password-protected and broken PDFs from simple.untagged.pdf.

    python3 make_bad_inputs.py        (needs pypdf 5 or later)

Run from this folder after simple.untagged.pdf is built. It writes:

* encrypted.pdf: needs the password "secret" to open (user and owner
  password both "secret"; AES-256, the standard security handler
  revision 6, which current Acrobat writes). The key and the IVs are
  random, so this file differs on every build.
* owner-only.pdf: opens without a password (the user password is empty)
  but has an owner password ("speakeasy-owner") and permissions that
  forbid copying text (bit 5 cleared); printing and text extraction for
  accessibility (bit 10) are allowed. RC4 128-bit (revision 3), so pypdf
  can open it without the cryptography package, and the output is the
  same on every build (RC4 has no random salt, and the /ID is fixed
  below).
* damaged.pdf: the first half of simple.untagged.pdf, cut off.
* not-a-pdf.pdf: plain UTF-8 text with a .pdf name.
* empty.pdf: zero bytes.

Part of speakeasy's test fixtures; CC0 1.0.
"""

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions as P
from pypdf.generic import ArrayObject

SOURCE = "simple.untagged.pdf"


def encrypted(out, **kwargs):
    writer = PdfWriter(clone_from=PdfReader(SOURCE))
    writer.encrypt(**kwargs)
    # pypdf keeps the first half of the source's /ID and makes the second
    # half random. Use the first half twice, so that the RC4 file is the
    # same on every build (this sets a private attribute of pypdf 7).
    writer._ID = ArrayObject((writer._ID[0], writer._ID[0]))
    with open(out, "wb") as f:
        writer.write(f)


def main():
    encrypted("encrypted.pdf", user_password="secret", algorithm="AES-256")
    no_copy = P.PRINT | P.MODIFY | P.ADD_OR_MODIFY | P.R7 | P.R8
    no_copy |= P.FILL_FORM_FIELDS | P.EXTRACT_TEXT_AND_GRAPHICS
    no_copy |= P.ASSEMBLE_DOC | P.PRINT_TO_REPRESENTATION
    for bit in range(13, 33):  # reserved bits: must be 1
        no_copy |= 1 << (bit - 1)
    encrypted(
        "owner-only.pdf",
        user_password="",
        owner_password="speakeasy-owner",
        permissions_flag=no_copy,
        algorithm="RC4-128",
    )

    data = open(SOURCE, "rb").read()
    with open("damaged.pdf", "wb") as f:
        f.write(data[: len(data) // 2])

    with open("not-a-pdf.pdf", "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "This is a plain text file with a .pdf name. It is not a PDF.\n"
            "We will visit you at home.\n"
        )
    open("empty.pdf", "wb").close()


if __name__ == "__main__":
    main()
