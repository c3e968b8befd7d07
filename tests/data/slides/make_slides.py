"""Make the slide fixtures of this folder: a deck built with python-pptx, saved again by LibreOffice.

Run it from the top of the repository (it needs python-pptx and LibreOffice's soffice)::

    python tests/data/slides/make_slides.py

It writes ``talk.pptx`` and ``talk.odp`` here: python-pptx builds ``source.pptx`` (in a
temporary folder), then ``soffice --headless --convert-to odp`` makes ``talk.odp`` from it and
``soffice --headless --convert-to pptx`` makes ``talk.pptx`` from that ``talk.odp``, so the bytes
of both files are LibreOffice's own.  See README.md for what each slide holds.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def build_source(path: Path) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    from speakeasy.testing.images import png as _png

    prs = Presentation()
    # 1: a title, body text with a bold run, speaker notes
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Short breaks for carers"
    body = s.placeholders[1].text_frame
    body.text = "We will commence your reablement soon."
    p = body.add_paragraph()
    bold = p.add_run()
    bold.text = "Please "
    bold.font.bold = True
    p.add_run().text = "utilise the form to tell us."
    s.notes_slide.notes_text_frame.text = "Say that we will signpost people to other services."
    # 2: a title, a table, a picture with alt text
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Who to call"
    table = s.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(6), Inches(1.5)).table
    for (r, c), text in {(0, 0): "Team", (0, 1): "Phone", (1, 0): "Reablement team", (1, 1): "0300 123 4567"}.items():
        table.cell(r, c).text = text
    pic = s.shapes.add_picture(io.BytesIO(_png(16)), Inches(7), Inches(5))
    pic._element.nvPicPr.cNvPr.set("descr", "A map of the county")
    # 3: no title; a group with a group in it; a picture whose only alt text is its file name
    s = prs.slides.add_slide(prs.slide_layouts[6])
    group = s.shapes.add_group_shape()
    group.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text_frame.text = "Text in a group."
    inner = group.shapes.add_group_shape()
    inner.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1)).text_frame.text = (
        "Text in a nested group.")
    s.shapes.add_picture(io.BytesIO(_png(16)), Inches(5), Inches(3))
    # 4: the title is read last, after a text box below it
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "Opening hours"
    s.shapes.add_textbox(Inches(1), Inches(4), Inches(6), Inches(1)).text_frame.text = "Ring us on weekdays."
    tree = s.shapes._spTree
    tree.append(s.shapes.title._element)  # move the title to the end of the reading order
    # 5: the title first, then a text box low on the slide, then one above it
    s = prs.slides.add_slide(prs.slide_layouts[5])
    s.shapes.title.text = "What happens next"
    s.shapes.add_textbox(Inches(1), Inches(5), Inches(6), Inches(1)).text_frame.text = "Then we visit you."
    s.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1)).text_frame.text = "First we phone you."
    prs.save(str(path))


def convert(soffice: str, src: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=300)
    return outdir / (src.stem + "." + fmt)


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("make_slides.py needs LibreOffice (soffice)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src = work / "talk.pptx"
        build_source(src)
        odp = convert(soffice, src, "odp", work / "odp", work / "profile")
        pptx = convert(soffice, odp, "pptx", work / "pptx", work / "profile")
        shutil.copyfile(odp, HERE / "talk.odp")
        shutil.copyfile(pptx, HERE / "talk.pptx")
    print("wrote talk.pptx and talk.odp")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
