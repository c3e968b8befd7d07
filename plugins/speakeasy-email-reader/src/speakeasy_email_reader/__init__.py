"""A reader for plain e-mail files (``.eml``), given to speakeasy through ``speakeasy.readers``.

What is checked: the subject, and the plain text of the message.  What is
not: the other headers, quoted replies (lines starting with ``>``, and the
"On ... wrote:" line above them), the signature (after a line ``-- ``), and
attachments.  Every position is exact in the ``.eml`` file itself: the parts
that are not checked are replaced by spaces (line breaks are kept), and the
rest is split into paragraphs by speakeasy's plain-text reader.

E-mails whose text is in base64 cannot be checked (there is no text to point
at in the file).  In quoted-printable text, the ``=`` codes are hidden.
"""

from __future__ import annotations

import email
import email.policy
import re

from speakeasy.errors import InputError
from speakeasy.model import Document
from speakeasy.readers import Reader
from speakeasy.readers import text as text_reader

__version__ = "0.1.0"

_HEADER_END = re.compile(r"\r?\n\r?\n")
_SUBJECT = re.compile(r"^Subject:[ \t]*", re.IGNORECASE | re.MULTILINE)
_WROTE = re.compile(r"\bwrote:\s*$")
_QP_CODE = re.compile(r"=(?:[0-9A-Fa-f]{2}|\r?\n)")


def _blank(text: str) -> str:
    """Spaces for every character but line breaks."""
    return re.sub(r"[^\r\n]", " ", text)


def parse(path: str, text: str) -> Document:
    split = _HEADER_END.search(text)
    header_end = split.start() if split else len(text)
    body_start = split.end() if split else len(text)
    keep = [False] * len(text)

    # The subject, with its folded lines, unless it is encoded (=?utf-8?...?=).
    m = _SUBJECT.search(text, 0, header_end)
    if m:
        end = m.end()
        while True:
            nl = text.find("\n", end)
            if nl == -1 or nl >= header_end or text[nl + 1:nl + 2] not in (" ", "\t"):
                end = header_end if nl == -1 or nl >= header_end else nl
                break
            end = nl + 1
        if "=?" not in text[m.end():end]:
            for i in range(m.end(), end):
                keep[i] = True

    # The plain text part of the message.
    message = email.message_from_string(text, policy=email.policy.compat32)
    part = _plain_part(message)
    if part is None:
        raise InputError(path, "this e-mail has no plain text to check (it may be HTML only).", "email-no-text")
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding == "base64":
        raise InputError(path, "the text of this e-mail is in base64, so it cannot be checked. "
                         "Save the e-mail again as plain text.", "email-encoded")
    raw = part.get_payload()
    start = text.find(raw, body_start) if raw else -1
    if start == -1:
        raise InputError(path, "speakeasy could not find the text of this e-mail in the file.", "email-no-text")
    _keep_body(text, start, start + len(raw), keep)

    masked = "".join(ch if k or ch in "\r\n" else " " for ch, k in zip(text, keep))
    if encoding == "quoted-printable":
        masked = _QP_CODE.sub(lambda c: _blank(c.group(0)), masked)
    doc = text_reader.parse(path, masked)
    doc.source = text
    doc.format = "email"
    return doc


def _plain_part(message: email.message.Message) -> email.message.Message | None:
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() == "text/plain" and part.get_content_disposition() != "attachment":
            return part
    return None


def _keep_body(text: str, start: int, end: int, keep: list[bool]) -> None:
    """Mark the lines of the body to check: not quoted, not the "wrote:" line, not the signature."""
    lines = []
    pos = start
    for line in text[start:end].split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    for index, (pos, line) in enumerate(lines):
        content = line.rstrip("\r")
        if content == "-- ":
            break  # the signature
        if content.lstrip().startswith(">"):
            continue
        if _WROTE.search(content) and _next_is_quote(lines, index):
            continue
        for i in range(pos, min(pos + len(content), end)):
            keep[i] = True


def _next_is_quote(lines: list[tuple[int, str]], index: int) -> bool:
    for _, line in lines[index + 1:]:
        if line.strip():
            return line.lstrip().startswith(">")
    return False


reader = Reader("email", (".eml",), parse)
