"""Hostile PowerPoint and Impress files: the Word reader's limits hold for slides too.

The slide readers open their packages with the same
:class:`~speakeasy.readers.ooxml_safe.Package` as the Word and OpenDocument
readers, so the same checks apply: parts compressed like a zip bomb (alone
or together), XML with declarations, more XML or more text than one file
may hold, and, for ``fix``, members the reader never read.  Each case is
built here and run as ``python -m speakeasy``, timed, with its peak memory
measured (see test_hostile_office.py).
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from slides_support import odp_bytes, pptx_bytes, slide_xml, sp
from test_hostile_office import add_member_streamed, prose, refused, run

BOMB = ("this file is too large to read safely (its parts are compressed more than 100 times together, like a "
        "zip bomb); speakeasy did not read it. If it is a real document, remove large embedded content or split it.")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_many_slides_each_under_the_part_check_are_refused_together(tmp_path: Path) -> None:
    """120 slides of 2 MB of runs each (each compressed about 1000 times): a few hundred KB on disk."""
    run_xml = "<a:r><a:t>a</a:t></a:r>"
    filler = "<a:p>" + run_xml * ((2 * 1024 * 1024 - 8192) // len(run_xml)) + "</a:p>"
    slides = [sp(filler) for _ in range(120)]
    path = write(tmp_path / "bomb.pptx", pptx_bytes(slides))
    assert path.stat().st_size < 2_000_000
    assert refused(tmp_path, ["check", "--no-config", path.name]) == f"error: {path.name}: {BOMB}"


def test_a_slide_with_an_entity_declaration_is_refused(tmp_path: Path) -> None:
    evil = ('<?xml version="1.0"?><!DOCTYPE p:sld [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            + slide_xml(sp("&x;")).split("?>", 1)[1])
    path = write(tmp_path / "evil.pptx", pptx_bytes([""], raw_slides={1: evil}))
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert line == (f"error: {path.name}: this file contains XML declarations (a DOCTYPE or ENTITY in "
                    "ppt/slides/slide1.xml) that speakeasy refuses to read for safety; open it in PowerPoint or "
                    "LibreOffice and save it again.")


def test_an_odp_with_an_entity_declaration_is_refused(tmp_path: Path) -> None:
    content = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
               '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    path = write(tmp_path / "evil.odp", odp_bytes("", content=content))
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert "(a DOCTYPE or ENTITY in content.xml) that speakeasy refuses to read for safety; open it in " \
           "LibreOffice and save it again." in line, line


def test_slides_of_honest_text_count_together_against_the_xml_limit(tmp_path: Path) -> None:
    rng = random.Random(20)
    slides = ["".join(sp(prose(rng, 20)) for _ in range(300)) for _ in range(6)]
    path = write(tmp_path / "long.pptx", pptx_bytes(slides))
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_XML_MB": "0.5"})
    assert line.startswith(f"error: {path.name}: this file has too much to check: its XML parts, up to "
                           "ppt/slides/slide"), line
    assert line.endswith("set the environment variable SPEAKEASY_MAX_XML_MB to raise the limit."), line
    code, out, err, *_ = run(["check", "--no-config", path.name], tmp_path, {"SPEAKEASY_MAX_XML_MB": "2"})
    assert code in (0, 1), err[:2000]


def test_more_slide_paragraphs_than_the_limit_are_refused(tmp_path: Path) -> None:
    slides = ["".join(sp(f"Point {i}.") for i in range(50)) for _ in range(4)]
    path = write(tmp_path / "many.pptx", pptx_bytes(slides))
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_PARAGRAPHS": "120"})
    assert "more than 120 paragraphs and table cells" in line and "SPEAKEASY_MAX_PARAGRAPHS" in line, line


def test_odp_paragraph_limit(tmp_path: Path) -> None:
    frames = "".join(f"<draw:custom-shape><text:p>Point {i}.</text:p></draw:custom-shape>" for i in range(200))
    path = write(tmp_path / "many.odp", odp_bytes(f"<draw:page>{frames}</draw:page>"))
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_PARAGRAPHS": "100"})
    assert "more than 100 paragraphs and table cells" in line, line


def test_groups_nested_too_deeply_are_one_clear_error(tmp_path: Path) -> None:
    group = ('<p:grpSp><p:nvGrpSpPr><p:cNvPr id="9" name="G"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
             "<p:grpSpPr/>")
    deep = group * 3000 + sp("Deep.") + "</p:grpSp>" * 3000
    path = write(tmp_path / "deep.pptx", pptx_bytes([deep]))
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert line.startswith(f"error: {path.name}: this PowerPoint .pptx file is damaged ("), line


def test_fix_refuses_an_unused_zip_bomb_member_of_a_pptx(tmp_path: Path) -> None:
    path = write(tmp_path / "talk.pptx", pptx_bytes([sp("Forms", ph="title") + sp("We will utilise the form.")]))
    add_member_streamed(path, "ppt/media/unused.bin", 512 * 1024 * 1024)
    line = refused(tmp_path, ["fix", "--no-config", path.name])
    assert line == (f"error: {path.name}: this file is too large to read safely (ppt/media/unused.bin is "
                    "compressed more than 100 times, like a zip bomb); speakeasy did not read it. If it is a real "
                    "document, remove large embedded content or split it.")
    assert not (tmp_path / "talk.fixed.pptx").exists()


def test_fix_of_an_odp_copies_the_members_it_does_not_change(tmp_path: Path) -> None:
    path = write(tmp_path / "talk.odp", odp_bytes(
        "<draw:page><draw:custom-shape><text:p>We will utilise the form.</text:p></draw:custom-shape></draw:page>"))
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("Pictures/logo.png", bytes(range(256)) * 64)
    code, out, err, *_ = run(["fix", "--no-config", path.name], tmp_path)
    assert code in (0, 1), err[:2000]
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(tmp_path / "talk.fixed.odp") as new:
        assert old.read("Pictures/logo.png") == new.read("Pictures/logo.png")
        assert b"We will use the form." in new.read("content.xml")
        assert new.namelist()[0] == "mimetype"

