"""PDF reader: the text of a published PDF, in reading order, as blocks.

A PDF has no paragraphs, only letters drawn at places on pages, so this
reader rebuilds the blocks a person sees:

* **Tagged PDFs** (made with "tagged PDF" or "accessible PDF" switched on)
  carry a structure tree: headings, paragraphs, lists, tables and figures,
  in reading order, pointing at the marked text on each page.  When a PDF
  has one, the blocks follow it exactly: its headings are headings, its
  table cells are table cells, and the letters a PDF marks as *artifacts*
  (running headers, footers, page numbers) are left out.
* **Untagged PDFs**: the lines that pdfminer.six's layout analysis finds,
  in the order the page draws them, are grouped into paragraphs by their
  spacing, indents and sentence ends.  The PDF's bookmarks name the
  headings; without one, bigger letters (or a short bold line) make a
  heading.  Bullets drawn apart from their text make list items.

Text outside the tree of a tagged PDF (rare) is added after it, read as
for an untagged PDF.  Comments: one that starts ``speakeasy: ignore`` turns
rules off for its paragraph (as in Word); with ``include_comments`` the
others are blocks after the text.

Both ways, words broken across a line end with a hyphen are joined again
("assess-" + "ment" is "assessment"), keeping the hyphen of a real compound
("multi-" + "disciplinary" is "multi-disciplinary"); and lines near the top
or bottom of a page that repeat on most pages (running headers and footers,
"Page 3 of 12") are dropped.

Like the Word reader, this reader makes its own ``Document.source``: one
line per block, in reading order.  Each block's locator gives its page and
its number on that page (``{"page": 4, "paragraph": 2}``), so findings say
"page 4, paragraph 2".

The reader records what the PDF accessibility rules need as features:
``pdf-document`` (pages, tagged, title, language, the pages with no text
but an image, as a scan has) and ``pdf-image`` (each figure of a tagged
PDF, with its alternative text).

Limits keep a run bounded in time and memory, whatever the file asks
pdfminer.six to do (see :mod:`speakeasy.readers.pdf.budget` for how):
at most :data:`MAX_PAGES` pages, :data:`MAX_SECONDS` seconds of reading,
:data:`MAX_STREAM_BYTES` bytes unpacked from all the PDF's streams
together (page content, Form XObjects, fonts, ToUnicode maps, metadata,
object streams: whatever their filters), :data:`MAX_OPERATORS` operators
in its content, :data:`MAX_LETTERS` letters, and :data:`MAX_PAGE_ITEMS`
letters and pictures on one page.  Each has an environment variable that
raises it (:data:`SETTINGS`), named in the message when a PDF goes over it.
Objects that refer to each other in a loop are a damaged PDF.  A PDF that
is encrypted with a password, damaged or over a limit gets one
:class:`~speakeasy.errors.InputError`, never a traceback.

Why pdfminer.six and not pypdf: both find the same words in our
measurements (``benchmarks/pdf_extract.py``), but pdfminer.six gives each
letter's position, size and font and the marked-content tags around it,
which reading order, headings, running headers and tagged structure need.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import Any, Iterator

from ...errors import InputError
from ...model import Document, Feature
from .blocks import Draft, build_document, comment_blocks, comment_directives
from .layout import PageReader, has_big_image, read_page, running_lines
from .objects import document_info, is_marked, resolve, struct_root
from .tagged import tagged_blocks
from .untagged import outline_headings, untagged_blocks

#: The most pages read; a longer PDF is refused with a clear message.
MAX_PAGES = 2000
#: The most seconds spent reading one PDF.
MAX_SECONDS = 30.0
#: The most bytes all the streams of one PDF may unpack to, together (a "zip bomb" guard).
MAX_STREAM_BYTES = 256 * 1024 * 1024
#: The most operators in the content of one PDF (its pages and the Form XObjects they draw).
MAX_OPERATORS = 2_000_000
#: The most letters drawn in one PDF.
MAX_LETTERS = 4_000_000
#: The most letters and pictures drawn on one page.
MAX_PAGE_ITEMS = 200_000

#: The environment variable that raises each limit (a number: pages, seconds, megabytes, operators, letters).
SETTINGS = {
    "pages": "SPEAKEASY_PDF_MAX_PAGES",
    "seconds": "SPEAKEASY_PDF_MAX_SECONDS",
    "unpacked": "SPEAKEASY_PDF_MAX_MB",
    "operators": "SPEAKEASY_PDF_MAX_OPERATORS",
    "letters": "SPEAKEASY_PDF_MAX_LETTERS",
    "page_items": "SPEAKEASY_PDF_MAX_PAGE_ITEMS",
}


@dataclass(frozen=True)
class Limits:
    """The limits for one PDF: the module's defaults, or the environment variables of :data:`SETTINGS`."""

    pages: int
    seconds: float
    unpacked: int
    operators: int
    letters: int
    page_items: int

    @classmethod
    def now(cls, path: str) -> "Limits":
        import os

        def number(what: str, default: float) -> float:
            name = SETTINGS[what]
            raw = os.environ.get(name, "").strip()
            if not raw:
                return default
            try:
                value = float(raw.replace("_", "").replace(",", ""))
            except ValueError:
                value = -1.0
            if not value > 0 or value == float("inf"):
                raise InputError(path, f"{name} is '{raw[:40]}', but it must be a number above 0, so this PDF "
                                 "was not checked.", "setting")
            return value

        return cls(
            pages=int(number("pages", MAX_PAGES)),
            seconds=number("seconds", MAX_SECONDS),
            unpacked=int(number("unpacked", MAX_STREAM_BYTES / 2**20) * 2**20),
            operators=int(number("operators", MAX_OPERATORS)),
            letters=int(number("letters", MAX_LETTERS)),
            page_items=int(number("page_items", MAX_PAGE_ITEMS)),
        )

    def message(self, what: str) -> str:
        """The one line for a PDF over the limit ``what``: the limit, and the setting that raises it."""
        raise_it = f"To check it anyway, set the environment variable {SETTINGS[what]} higher than " \
                   f"{self.shown(what)}."
        if what == "seconds":
            return (f"this PDF took more than {self.seconds:g} seconds to read, so it was not checked. Check it in "
                    f"parts, or check the document it was made from. {raise_it}")
        if what == "unpacked":
            return (f"this PDF unpacks to more than {self.unpacked / 2**20:g} MB, so it was not checked. The file "
                    f"may be damaged or made to harm. {raise_it}")
        if what == "operators":
            return (f"this PDF has more than {self.operators:,} drawing operators, so it was not checked. The file "
                    f"may be damaged or made to harm. {raise_it}")
        if what == "letters":
            return (f"this PDF has more than {self.letters:,} letters, so it was not checked. Check it in parts. "
                    f"{raise_it}")
        return (f"a page of this PDF draws more than {self.page_items:,} letters and pictures, so it was not "
                f"checked. The file may be damaged or made to harm. {raise_it}")

    def shown(self, what: str) -> str:
        value = {"pages": self.pages, "seconds": self.seconds, "unpacked": self.unpacked / 2**20,
                 "operators": self.operators, "letters": self.letters, "page_items": self.page_items}[what]
        return f"{value:g}" if isinstance(value, float) else str(value)


#: What speakeasy says about a PDF when pdfminer.six, the optional extra `pdf`, is not installed.
NEEDS_EXTRA = ("reading PDF files needs pdfminer.six, which is not installed. Install it with: "
               "pip install 'speakeasy-lint[pdf]'")


def parse(path: str, data: bytes, include_comments: bool = False, **_: Any) -> Document:
    """Read a PDF's bytes.  Raises :class:`InputError` with a one-line reason for any PDF it cannot read."""
    try:
        import pdfminer  # noqa: F401  (the optional extra `pdf`; the package alone imports nothing heavy)
    except ImportError:
        raise InputError(path, NEEDS_EXTRA, "needs-extra") from None
    if not data.strip():
        raise InputError(path, "this PDF file is empty.", "damaged")
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise InputError(path, "this is not a PDF file (it does not start with %PDF), so it was not checked.",
                         "damaged")
    from .budget import Budget, DamagedContent, OverLimit, ReferenceLoop, active

    limits = Limits.now(path)
    with _quiet():
        try:
            with active(Budget(limits.seconds, limits.unpacked, limits.operators)):
                return _parse(path, data, include_comments, limits)
        except InputError:
            raise
        except OverLimit as over:
            raise InputError(path, limits.message(over.what), "too-large") from None
        except (RecursionError, ReferenceLoop):
            raise InputError(path, "this PDF is damaged (its objects refer to each other in a loop).",
                             "damaged") from None
        except DamagedContent:
            raise InputError(path, f"this PDF is damaged (a page's content has a list of more than "
                             f"{_max_list():,} values).", "damaged") from None
        except MemoryError:
            raise InputError(path, "this PDF is too big to read in the memory this computer has.",
                             "too-large") from None
        except Exception as exc:  # noqa: BLE001 - any other failure of a damaged file gets one line
            from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

            if isinstance(exc, PDFPasswordIncorrect):
                raise InputError(
                    path,
                    "this PDF is locked with a password, so it could not be read. Check the document it was "
                    "made from, or save the PDF again without a password.",
                    "encrypted",
                ) from None
            if isinstance(exc, PDFEncryptionError):
                raise InputError(path, f"this PDF is encrypted in a way speakeasy cannot read ({exc}).",
                                 "encrypted") from None
            detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
            raise InputError(path, f"this PDF is damaged and could not be read ({detail}).", "damaged") from None


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """pdfminer.six logs warnings about small faults of a PDF; they are not the user's business."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _max_list() -> int:
    from .budget import MAX_LIST

    return MAX_LIST


def _parse(path: str, data: bytes, include_comments: bool, limits: Limits) -> Document:
    import io

    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .budget import current, document_class

    budget = current()
    assert budget is not None
    parser = PDFParser(io.BytesIO(data))
    pdf = document_class()(parser, password="")
    catalog = resolve(pdf.catalog) or {}
    pages_obj = []
    count = 0
    for page in PDFPage.create_pages(pdf):
        count += 1
        if count <= limits.pages:
            pages_obj.append(page)  # past the limit, only counted: a page tree can be long
        budget.tick()
    if count > limits.pages:
        raise InputError(
            path,
            f"this PDF has {count:,} pages; speakeasy reads up to {limits.pages:,}. Check it in parts, or set the "
            f"environment variable {SETTINGS['pages']} higher than {limits.pages}.",
            "too-large",
        )
    page_numbers = {p.pageid: i + 1 for i, p in enumerate(pages_obj)}
    reader = PageReader(budget, limits)
    pages = [read_page(reader, p, i + 1) for i, p in enumerate(pages_obj)]

    running = running_lines(pages)
    struct = struct_root(catalog)
    info = document_info(pdf, catalog)
    figures: list[dict[str, Any]] = []
    drafts: list[Draft] = []
    tagged_text = False
    if struct is not None:
        drafts, figures, used = tagged_blocks(struct, pages, page_numbers, running)
        tagged_text = bool(used)
        if tagged_text:
            drafts.extend(untagged_blocks(pages, running, skip_marked=used))
    if not tagged_text:
        drafts = untagged_blocks(pages, running)
        outline_headings(pdf, drafts)
    if include_comments:
        drafts.extend(comment_blocks(pages))
    doc = build_document(path, drafts)

    text_pages = {ln.page for p in pages for ln in p.lines if ln.text.strip()}
    image_only = [p.number for p in pages if p.number not in text_pages and has_big_image(p)]
    doc.features.append(Feature("pdf-document", 0, 0, {
        "pages": len(pages),
        "tagged": struct is not None and is_marked(catalog),
        "has_structure": struct is not None,
        "title": info.get("title") or "",
        "lang": info.get("lang") or "",
        "image_only_pages": image_only,
        "text_pages": len(text_pages),
        "producer": info.get("producer") or "",
    }))
    starts = {id(d): b.start for d, b in zip(drafts, doc.blocks)}
    comment_directives(doc, drafts, pages)
    for fig in figures:
        anchor = fig.pop("_after", None)
        offset = starts.get(id(anchor), 0) if anchor is not None else 0
        doc.features.append(Feature("pdf-image", offset, offset, fig))
    return doc
