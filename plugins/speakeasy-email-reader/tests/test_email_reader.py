"""Tests of the e-mail reader, with speakeasy's public test helpers and the real `speakeasy` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from speakeasy.errors import InputError
from speakeasy.testing import lint_source, use_plugins

PLUGIN = "speakeasy-email-reader"

MAIL = (
    "From: Sam <sam@example.org>\n"
    "To: Team <team@example.org>\n"
    "Subject: We will commence the review\n"
    "Date: Mon, 2 Mar 2026 10:00:00 +0000\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "Hello all,\n"
    "\n"
    "We will facilitate a meeting to discuss the review.\n"
    "\n"
    "On Fri, Kim wrote:\n"
    "> Please utilise the new form.\n"
    "> It is in the shared folder.\n"
    "\n"
    "Thanks,\n"
    "Sam\n"
    "-- \n"
    "Sam, the team that will commence things\n"
)


@pytest.fixture(autouse=True)
def _plugin():
    use_plugins(PLUGIN)
    yield
    use_plugins()


def where(result, word):
    doc = result.document
    return [(f.match, f.line, f.column) for f in result.findings if f.match.lower() == word]


def test_subject_and_body_are_checked_with_exact_positions():
    result = lint_source(MAIL, "note.eml", plugins=[PLUGIN])
    assert result.document.format == "email"
    assert result.document.source == MAIL
    assert where(result, "commence") == [("commence", 3, 18)]  # in the subject, not the signature
    assert where(result, "facilitate") == [("facilitate", 9, 9)]
    for f in result.findings:
        assert MAIL[f.start:f.end] == f.match


def test_headers_quoted_replies_and_signature_are_not_checked():
    doc = lint_source(MAIL, "note.eml", plugins=[PLUGIN]).document
    checked = " ".join(b.text for b in doc.blocks)
    assert "utilise" not in checked and "wrote" not in checked
    assert "example.org" not in checked and "Date" not in checked
    assert "the team that will" not in checked
    assert "Hello all" in checked and "We will commence the review" in checked


def test_windows_line_endings_keep_positions():
    mail = MAIL.replace("\n", "\r\n")
    result = lint_source(mail, "note.eml", plugins=[PLUGIN])
    assert where(result, "facilitate") == [("facilitate", 9, 9)]


def test_multipart_uses_the_plain_text_part():
    mail = (
        "Subject: Hello\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="XX"\n'
        "\n"
        "--XX\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "Please utilise the form.\n"
        "--XX\n"
        "Content-Type: text/html; charset=utf-8\n"
        "\n"
        "<p>We will commence soon.</p>\n"
        "--XX--\n"
    )
    result = lint_source(mail, "multi.eml", plugins=[PLUGIN])
    assert where(result, "utilise") == [("utilise", 8, 8)]
    assert where(result, "commence") == []


def test_quoted_printable_codes_are_hidden():
    mail = ("Subject: Hi\nContent-Transfer-Encoding: quoted-printable\n\n"
            "We will facilitate a caf=C3=A9 meeting.\n")
    result = lint_source(mail, "qp.eml", plugins=[PLUGIN])
    assert where(result, "facilitate") == [("facilitate", 4, 9)]
    assert "=C3" not in result.document.blocks[-1].text


def test_base64_text_is_a_read_error():
    mail = "Subject: Hi\nContent-Transfer-Encoding: base64\n\nV2Ugd2lsbCBjb21tZW5jZS4=\n"
    with pytest.raises(InputError, match="base64"):
        lint_source(mail, "b64.eml", plugins=[PLUGIN])


def _cli(tmp_path, *args, config="plugins: [speakeasy-email-reader]\n"):
    (tmp_path / ".speakeasy.yaml").write_text(config)
    env = dict(os.environ, SPEAKEASY_CACHE_DIR=str(tmp_path / "cache"), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_speakeasy_command_reads_eml_files_with_the_plugin(tmp_path):
    (tmp_path / "mail").mkdir()
    (tmp_path / "mail" / "note.eml").write_text(MAIL)
    (tmp_path / "mail" / "b64.eml").write_text("Subject: Hi\nContent-Transfer-Encoding: base64\n\nV2U=\n")
    proc = _cli(tmp_path, "check", "mail", "--format", "json", "--no-cache")
    assert proc.returncode == 2  # one e-mail could not be read; the other was checked
    assert "b64.eml: the text of this e-mail is in base64" in proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert [f["path"] for f in files] == ["mail/note.eml"]
    assert ("commence", 3, 18) in [(f["match"], f["line"], f["column"]) for f in files[0]["findings"]]


def test_without_the_plugin_eml_files_are_not_read(tmp_path):
    (tmp_path / "note.eml").write_text(MAIL)
    proc = _cli(tmp_path, "check", "note.eml", config="fail_on: error\n")
    assert proc.returncode == 2
    assert "cannot read this kind of file" in proc.stderr
