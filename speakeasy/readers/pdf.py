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
pdfminer.six to do (see :mod:`speakeasy.readers.pdf_limits` for how):
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
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

from ..directives import comment_directive, is_speakeasy_comment
from ..errors import InputError
from ..model import Block, BlockKind, Directive, Document, Feature
from .markdown import URL

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

#: Where running headers and footers are looked for: this share of the page at the top and at the bottom.
_EDGE = 0.12
#: A heading's letters are at least this much bigger than the body text.
_HEADING_RATIO = 1.15
#: Bullets, including the private-use code points of the Symbol and Wingdings fonts Word uses.
_BULLETS = "•●◦▪■□‣⁃○–-*·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf0a8"
_LIST_START = re.compile(r"^(?:[" + re.escape(_BULLETS) + r"]|\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.)])\s+")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_NOTE_LABEL = re.compile(r"^(?:\d{1,3}|[*\u2020\u2021])(?=[A-Z][a-z])")
_WORD_END = re.compile(r"([A-Za-z]+)$")
_WORD_START = re.compile(r"^([a-z][A-Za-z]*)")

#: Prefixes written with a hyphen in compounds (multi-agency, non-urgent, self-assessment).
_HYPHEN_PREFIXES = frozenset(
    "multi non self well cross anti semi ex quasi pseudo mid all half inter-agency".split()
)

#: Structure types (after role mapping) that are blocks of text of their own.
_BLOCK_TYPES = {
    "P": BlockKind.PARAGRAPH, "H": BlockKind.HEADING, "H1": BlockKind.HEADING, "H2": BlockKind.HEADING,
    "H3": BlockKind.HEADING, "H4": BlockKind.HEADING, "H5": BlockKind.HEADING, "H6": BlockKind.HEADING,
    "Title": BlockKind.HEADING, "LI": BlockKind.LIST_ITEM, "LBody": BlockKind.LIST_ITEM,
    "TD": BlockKind.TABLE_CELL, "TH": BlockKind.TABLE_CELL, "Caption": BlockKind.PARAGRAPH,
    "BlockQuote": BlockKind.BLOCKQUOTE, "Note": BlockKind.FOOTNOTE, "FENote": BlockKind.FOOTNOTE,
    "TOCI": BlockKind.OTHER, "BibEntry": BlockKind.PARAGRAPH, "Index": BlockKind.OTHER,
}
#: Kinds of block that set the kind of the paragraphs inside them.
_CONTEXT_KINDS = (BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE, BlockKind.BLOCKQUOTE)


@dataclass(frozen=True)
class _Limits:
    """The limits for one PDF: the module's defaults, or the environment variables of :data:`SETTINGS`."""

    pages: int
    seconds: float
    unpacked: int
    operators: int
    letters: int
    page_items: int

    @classmethod
    def now(cls, path: str) -> "_Limits":
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


# -- one letter and one line -----------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    """One line of text as laid out on a page."""

    page: int
    id: int
    x0: float
    y0: float
    x1: float
    y1: float
    #: (text, marked-content id or None, artifact) for each letter or inserted space, in order
    chars: list[tuple[str, int | None, bool]]
    size: float
    bold: bool
    #: where the line's first letter comes in the page's content (the order it was drawn in)
    seq: int = 0

    @property
    def text(self) -> str:
        return "".join(c for c, _, _ in self.chars)

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    #: (x1, y0, y1) of each list bullet drawn on a line of its own
    bullets: list[tuple[float, float, float]] = field(default_factory=list)
    #: (x, y, text) of each comment (a note annotation) on the page
    comments: list[tuple[float, float, str]] = field(default_factory=list)


# -- entry point --------------------------------------------------------------------------------


def parse(path: str, data: bytes, include_comments: bool = False, **_: Any) -> Document:
    """Read a PDF's bytes.  Raises :class:`InputError` with a one-line reason for any PDF it cannot read."""
    if not data.strip():
        raise InputError(path, "this PDF file is empty.", "damaged")
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise InputError(path, "this is not a PDF file (it does not start with %PDF), so it was not checked.",
                         "damaged")
    from .pdf_limits import Budget, DamagedContent, OverLimit, ReferenceLoop, active

    limits = _Limits.now(path)
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
    from .pdf_limits import MAX_LIST

    return MAX_LIST


def _parse(path: str, data: bytes, include_comments: bool, limits: _Limits) -> Document:
    import io

    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from .pdf_limits import current, document_class

    budget = current()
    assert budget is not None
    parser = PDFParser(io.BytesIO(data))
    pdf = document_class()(parser, password="")
    catalog = _resolve(pdf.catalog) or {}
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
    reader = _Reader(budget, limits)
    pages = [_read_page(reader, p, i + 1) for i, p in enumerate(pages_obj)]

    running = _running_lines(pages)
    struct = _struct_root(catalog)
    info = _info(pdf, catalog)
    figures: list[dict[str, Any]] = []
    drafts: list[_Draft] = []
    tagged_text = False
    if struct is not None:
        drafts, figures, used = _tagged_blocks(struct, pages, page_numbers, running)
        tagged_text = bool(used)
        if tagged_text:
            drafts.extend(_untagged_blocks(pages, running, skip_marked=used))
    if not tagged_text:
        drafts = _untagged_blocks(pages, running)
        _outline_headings(pdf, drafts)
    if include_comments:
        drafts.extend(_comment_blocks(pages))
    doc = _document(path, drafts)

    text_pages = {ln.page for p in pages for ln in p.lines if ln.text.strip()}
    image_only = [p.number for p in pages if p.number not in text_pages and _has_big_image(p)]
    doc.features.append(Feature("pdf-document", 0, 0, {
        "pages": len(pages),
        "tagged": struct is not None and _marked(catalog),
        "has_structure": struct is not None,
        "title": info.get("title") or "",
        "lang": info.get("lang") or "",
        "image_only_pages": image_only,
        "text_pages": len(text_pages),
        "producer": info.get("producer") or "",
    }))
    starts = {id(d): b.start for d, b in zip(drafts, doc.blocks)}
    _comment_directives(doc, drafts, pages)
    for fig in figures:
        anchor = fig.pop("_after", None)
        offset = starts.get(id(anchor), 0) if anchor is not None else 0
        doc.features.append(Feature("pdf-image", offset, offset, fig))
    return doc


# -- pages ----------------------------------------------------------------------------------------


class _Reader:
    """One device and interpreter for all the pages of a PDF, so its fonts are read once, not on every page."""

    def __init__(self, budget: Any, limits: _Limits) -> None:
        from pdfminer.pdfinterp import PDFResourceManager

        from .pdf_limits import interpreter_class

        self.device = _device_class()(PDFResourceManager(caching=True), budget, limits)
        self.interpreter = interpreter_class()(self.device.rsrcmgr, self.device)
        self.budget = budget

    def layout(self, page: Any) -> Any:
        """pdfminer.six's layout of one page, each letter and image marked with its tag."""
        self.budget.check_time()
        self.device.tags = []
        self.device.page_items = 0
        self.interpreter.process_page(page)
        return self.device.get_result()


@lru_cache(maxsize=1)
def _device_class() -> type:
    """The pdfminer.six device that records the marked-content id and artifact flag of every letter and image.

    It keeps no lines, rectangles or curves (nothing here reads them, and a page of a million strokes
    would otherwise hold a million objects), counts what each page draws against the limits, and
    groups letters into lines only: pdfminer.six's grouping of lines into boxes is not used (lines
    are put in the order the page draws them), so it is skipped.

    Made on first use, so that importing this module does not import pdfminer.six.
    """
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTLayoutContainer

    from .pdf_limits import OverLimit

    def lines_only(container: Any, laparams: Any) -> None:
        """``LTLayoutContainer.analyze`` without the text boxes: the letters become lines, figures alike."""
        letters, others = [], []
        for obj in container:
            (letters if isinstance(obj, LTChar) else others).append(obj)
        for obj in others:
            if isinstance(obj, LTLayoutContainer):
                lines_only(obj, laparams)
            else:
                obj.analyze(laparams)
        if letters:
            container._objs = list(container.group_objects(laparams, letters)) + others

    class Device(PDFPageAggregator):
        def __init__(self, rsrcmgr: Any, budget: Any, limits: _Limits) -> None:
            super().__init__(rsrcmgr, laparams=LAParams(all_texts=True, boxes_flow=None))
            self.budget = budget
            self.limits = limits
            self.tags: list[tuple[int | None, bool]] = []
            self.count = 0
            self.page_items = 0

        def end_page(self, page: Any) -> None:
            lines_only(self.cur_item, self.laparams)
            self.pageno += 1
            self.receive_layout(self.cur_item)

        def begin_tag(self, tag: Any, props: Any = None) -> None:
            mcid, artifact = self.tags[-1] if self.tags else (None, False)
            props = _resolve(props)
            if isinstance(props, dict) and isinstance(_resolve(props.get("MCID")), int):
                mcid = _resolve(props["MCID"])
            name = getattr(tag, "name", "")
            self.tags.append((mcid, artifact or name == "Artifact"))

        def end_tag(self) -> None:
            if self.tags:
                self.tags.pop()

        def _mark(self, item: Any) -> None:
            item.mcid, item.artifact = self.tags[-1] if self.tags else (None, False)
            item.seq = self.count

        def _item(self) -> None:
            self.page_items += 1
            if self.page_items > self.limits.page_items:
                raise OverLimit("page_items")

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            width = super().render_char(*args, **kwargs)
            self.count += 1
            self._mark(self.cur_item._objs[-1])
            self._item()
            if self.count > self.limits.letters:
                raise OverLimit("letters")
            if not self.count % 512:
                self.budget.check_time()
            return width

        def render_image(self, name: str, stream: Any) -> None:
            super().render_image(name, stream)
            self._mark(self.cur_item._objs[-1])
            self._item()

        def begin_figure(self, name: str, bbox: Any, matrix: Any) -> None:
            self._item()
            super().begin_figure(name, bbox, matrix)

        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            """Lines, rectangles and curves: not kept (see the class's note)."""

    return Device


def _read_page(reader: _Reader, page: Any, number: int) -> _Page:
    from pdfminer.layout import LTAnno, LTChar, LTContainer, LTImage, LTTextLine

    layout = reader.layout(page)
    x0, y0, x1, y1 = page.mediabox if page.mediabox else (0, 0, 612, 792)
    out = _Page(number, abs(x1 - x0), abs(y1 - y0))
    out_y0 = min(y0, y1)
    out.comments = _comments(page, out_y0)
    counter = [0]

    def walk(item: Any) -> None:
        if isinstance(item, LTTextLine):
            _add_line(out, item, counter, out_y0, LTChar, LTAnno)
            return
        if isinstance(item, LTImage):
            out.images.append({"bbox": item.bbox, "mcid": getattr(item, "mcid", None),
                               "artifact": getattr(item, "artifact", False)})
            return
        if isinstance(item, LTContainer):  # text boxes, figures (form XObjects), the page
            for child in item:
                walk(child)

    for item in layout:
        walk(item)
    # The order the page draws its text in is the order it was written in, for PDFs made by word
    # processors; it beats ordering by position for tables and columns (measured with
    # benchmarks/pdf_extract.py).
    out.lines.sort(key=lambda ln: (ln.seq, -ln.y1, ln.x0))
    out.lines = _attach_hyphens(out.lines)
    return out


def _attach_hyphens(lines: list[_Line]) -> list[_Line]:
    """Put a line-end hyphen drawn on its own (as LibreOffice does) back at the end of its line."""
    kept: list[_Line] = []
    for ln in lines:
        if kept and ln.text.strip() in ("-", "\u2010", "\u00ad"):
            prev = kept[-1]
            overlap = min(prev.y1, ln.y1) - max(prev.y0, ln.y0)
            if overlap >= 0.5 * min(prev.height, ln.height) and ln.x0 >= prev.x1 - 1:
                prev.chars.extend(ln.chars)
                prev.x1 = max(prev.x1, ln.x1)
                continue
        kept.append(ln)
    return kept


def _add_line(out: _Page, line: Any, counter: list[int], base_y: float, LTChar: Any,
              LTAnno: Any) -> None:
    letters = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    if not letters:
        return
    sizes = Counter(round(c.size, 1) for c in letters)
    size = sizes.most_common(1)[0][0]
    if all(c.get_text() in _BULLETS for c in letters):
        # Bullets drawn apart from their text: remember where, to mark the lines they belong to.
        out.bullets.extend((c.x1, c.y0 - base_y, c.y1 - base_y) for c in letters)
        return
    chars: list[tuple[str, int | None, bool]] = []
    last: tuple[int | None, bool] = (None, False)
    items = list(line)
    for i, c in enumerate(items):
        if isinstance(c, LTChar):
            last = (getattr(c, "mcid", None), getattr(c, "artifact", False))
            text = c.get_text()
            if text.isdigit() and c.size < 0.8 * size and (
                c.y0 > line.y0 + 0.15 * size or (i + 1 < len(items) and items[i + 1].get_text().isalpha())
            ):
                continue  # a small raised number, or one stuck to a word: a note mark, not a word
            chars.append((text, *last))
        elif isinstance(c, LTAnno) and c.get_text() != "\n":
            chars.append((c.get_text(), *last))
    bold = sum(1 for c in letters if _BOLD.search(c.fontname))
    counter[0] += 1
    out.lines.append(_Line(
        out.number, counter[0], line.x0, line.y0 - base_y, line.x1, line.y1 - base_y, chars,
        size, bold >= 0.8 * len(letters), min(getattr(c, "seq", 0) for c in letters),
    ))


_BOLD = re.compile(r"bold|black|heavy|semibold", re.IGNORECASE)


def _comments(page: Any, base_y: float) -> list[tuple[float, float, str]]:
    """The comments on a page (annotations with text, other than links and form fields), where they point."""
    out = []
    annots = _resolve(getattr(page, "annots", None))
    for annot in annots if isinstance(annots, list) else []:
        annot = _resolve(annot)
        if not isinstance(annot, dict) or _name(annot.get("Subtype")) in ("Link", "Widget", "Popup"):
            continue
        text = _text(annot.get("Contents"))
        rect = _resolve(annot.get("Rect"))
        if text and isinstance(rect, list) and len(rect) == 4:
            try:
                x0, y0, x1, y1 = (float(_resolve(v)) for v in rect)
            except (TypeError, ValueError):
                continue
            out.append((min(x0, x1), (y0 + y1) / 2 - base_y, text))
    return out


def _comment_blocks(pages: list[_Page]) -> list[_Draft]:
    """The comments, as blocks after the text (``include_comments``); speakeasy's own comments are not prose."""
    drafts = []
    for p in pages:
        for _, _, text in p.comments:
            if not is_speakeasy_comment(text):
                number = len(drafts) + 1
                drafts.append(_Draft(BlockKind.OTHER, p.number, [(text, (p.number, -number))],
                                     locator={"part": "comment", "part_label": f"comment {number}"}))
    return drafts


def _comment_directives(doc: Document, drafts: list[_Draft], pages: list[_Page]) -> None:
    """A comment saying ``speakeasy: ignore RULE -- reason`` switches the rule off for its paragraph.

    A PDF keeps only where a comment points, not which words it covers, so it covers the whole
    block its point is in (the nearest line of the page).
    """
    owner: dict[tuple[int, int], int] = {}
    for i, d in enumerate(drafts):
        for _, line in d.pieces:
            owner.setdefault(line, i)
    for p in pages:
        for x, y, text in p.comments:
            lines = [ln for ln in p.lines if (p.number, ln.id) in owner]
            if not lines:
                continue
            near = min(lines, key=lambda ln: (0 if ln.y0 <= y <= ln.y1 else min(abs(y - ln.y0), abs(y - ln.y1)),
                                              0 if ln.x0 - 2 <= x <= ln.x1 + 2 else 1))
            block = doc.blocks[owner[(p.number, near.id)]]
            found = comment_directive(text, block.start, block.end)
            if isinstance(found, Directive):
                doc.directives.append(found)
            elif found is not None:
                doc.directive_problems.append(found)


def _has_big_image(page: _Page) -> bool:
    area = page.width * page.height or 1.0
    for im in page.images:
        x0, y0, x1, y1 = im["bbox"]
        if abs(x1 - x0) * abs(y1 - y0) >= 0.25 * area:
            return True
    return False


# -- running headers and footers ------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_lines(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, line id) of the lines that are running headers, footers or page numbers."""
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    edge_lines: list[tuple[_Line, str]] = []
    for p in pages:
        for ln in p.lines:
            if ln.y0 >= p.height * (1 - _EDGE):
                zone = "top"
            elif ln.y1 <= p.height * _EDGE:
                zone = "bottom"
            else:
                continue
            edge_lines.append((ln, zone))
            seen[(zone, _norm(ln.text))].add(p.number)
    need = max(2, (len(pages) + 1) // 2)
    running = set()
    for ln, zone in edge_lines:
        text = " ".join(ln.text.split())
        if _PAGE_NUMBER.match(text) or (len(pages) >= 2 and len(seen[(zone, _norm(text))]) >= need):
            running.add((ln.page, ln.id))
    return running


# -- blocks ---------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A block before it has its place in the source."""

    kind: BlockKind
    page: int
    #: pieces of text, each with the line it came from
    pieces: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    level: int = 0
    locator: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    #: for an untagged PDF's heading, what made it one: "size" (big letters) or "bold" (a short bold line)
    guess: str = ""


def _document(path: str, drafts: list[_Draft]) -> Document:
    words = Counter(w.lower() for d in drafts for text, _ in d.pieces for w in re.findall(r"[A-Za-z-]+", text))
    kept = []
    for d in drafts:
        d.text = _join(d.pieces, words)
        if d.kind is BlockKind.LIST_ITEM:
            d.text = _LIST_START.sub("", d.text, count=1) if _LIST_START.match(d.text) else d.text
        d.text = " ".join(d.text.split())
        # Web and e-mail addresses are not words, as in the other readers: spaces of the same length.
        d.text = URL.sub(lambda m: " " * len(m.group(0)), d.text).strip()
        note = _NOTE_LABEL.match(d.text)
        if note:  # "1Section 10 of the Care Act...": a footnote's number, stuck to its first word
            d.text = d.text[note.end():]
            d.kind = BlockKind.FOOTNOTE if d.kind is BlockKind.PARAGRAPH else d.kind
        if d.text:
            kept.append(d)
    drafts[:] = kept
    blocks: list[Block] = []
    lines: list[str] = []
    offset = 0
    section: str | None = None
    per_page: Counter[int] = Counter()
    for i, d in enumerate(drafts):
        if d.kind is BlockKind.HEADING:
            section = d.text
            number = 0
        else:
            per_page[d.page] += 1
            number = per_page[d.page]
        locator = {"page": d.page, **({"paragraph": number} if number else {}), **d.locator}
        blocks.append(Block(d.text, offset, d.kind, i, d.level if d.kind is BlockKind.HEADING else 0,
                            section if d.kind is not BlockKind.HEADING else None, locator))
        lines.append(d.text)
        offset += len(d.text) + 1
    return Document(path=path, source="\n".join(lines) + ("\n" if lines else ""), format="pdf", blocks=blocks)


def _join(pieces: list[tuple[str, tuple[int, int]]], words: Counter[str]) -> str:
    """Join pieces of text; a piece from a new line starts after a space, or mends a hyphenated word."""
    out = ""
    previous_line: tuple[int, int] | None = None
    for text, line in pieces:
        if previous_line is not None and line != previous_line and out:
            out = _mend(out, text, words)
            if out.endswith("\x00"):
                out = out[:-1]
            elif not out.endswith(" ") and not text.startswith(" "):
                out += " "
        out += text
        previous_line = line
    return out.replace("\u00ad", "")


def _mend(before: str, after: str, words: Counter[str]) -> str:
    """Text before a line break, with a line-end hyphen removed (and a NUL mark) when the word was only broken.

    The hyphen may have a space before it: PDF writers often draw it apart from the word.
    """
    stripped = before.rstrip()
    if stripped.endswith("\u00ad"):  # a soft hyphen (from a tagged PDF's ActualText): always a broken word
        return stripped[:-1].rstrip() + "\x00"
    if not stripped.endswith(("-", "\u2010")):
        return before
    word = stripped[:-1].rstrip()
    left = _WORD_END.search(word)
    right = _WORD_START.match(after.lstrip())
    if not left or not right:
        return stripped + ("\x00" if stripped[:-1] == word else "")  # "3-", or "-" before a capital: keep it
    a, b = left.group(1), right.group(1)
    if _hyphen_is_broken_word(a, b, words):
        return word + "\x00"
    return word + "-\x00"


def _hyphen_is_broken_word(a: str, b: str, words: Counter[str]) -> bool:
    """Is "a-" at a line end and "b" on the next line one word broken in two (not a compound)?"""
    from ..lexicon import word_zipf

    def zipf(word: str) -> float:
        return word_zipf(word.lower().replace("\u2019", "'"))

    joined, compound = (a + b).lower(), f"{a}-{b}".lower()
    if words[joined] != words[compound]:
        return words[joined] > words[compound]  # the document's own spelling elsewhere
    if a.lower() in _HYPHEN_PREFIXES and zipf(b) >= 3:
        return False
    if zipf(joined) >= 2.5:
        return True
    return not (zipf(a) >= 3 and zipf(b) >= 3)


# -- untagged PDFs --------------------------------------------------------------------------------


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[ln.size] += len(ln.chars)
    return sizes.most_common(1)[0][0] if sizes else 12.0


def _untagged_blocks(pages: list[_Page], running: set[tuple[int, int]],
                     skip_marked: set[tuple[int, int]] | None = None) -> list[_Draft]:
    """Blocks from the layout: lines grouped into paragraphs, headings by size or bold."""
    body = _body_size(pages)
    heading_sizes = sorted({ln.size for p in pages for ln in p.lines if ln.size >= body * _HEADING_RATIO},
                           reverse=True)
    drafts: list[_Draft] = []
    current: _Draft | None = None
    prev: _Line | None = None
    for p in pages:
        for ln in p.lines:
            if (p.number, ln.id) in running:
                continue
            chars = [c for c in ln.chars
                     if not c[2] and (skip_marked is None or c[1] is None or (p.number, c[1]) not in skip_marked)]
            if not "".join(c for c, _, _ in chars).strip():
                continue
            if len(chars) != len(ln.chars):
                ln = _Line(ln.page, ln.id, ln.x0, ln.y0, ln.x1, ln.y1, chars, ln.size, ln.bold, ln.seq)
            text = ln.text.strip()
            kind, level = _line_kind(ln, text, body, heading_sizes)
            if kind is BlockKind.PARAGRAPH and _has_bullet(p, ln):
                kind = BlockKind.LIST_ITEM
            if current is None or _starts_block(prev, ln, kind, current, text):
                current = _Draft(kind, p.number, level=level,
                                 guess=("size" if ln.size >= body * _HEADING_RATIO else "bold")
                                 if kind is BlockKind.HEADING else "")
                drafts.append(current)
            current.pieces.append((ln.text, (p.number, ln.id)))
            prev = ln
    return drafts


def _outline_headings(pdf: Any, drafts: list[_Draft]) -> None:
    """Make the blocks that are the PDF's bookmarks (its outline) headings of the bookmarks' levels.

    Word processors write a document's headings as bookmarks even when the PDF is not tagged, so
    the outline is a better guide to the headings than the look of the letters.  Bookmarks are in
    reading order; each is matched with the next block of the same words (one that looks like a
    heading first, so a table cell with a heading's words is left alone).  Short bold lines that
    are not bookmarks are then not headings.
    """
    try:
        outline = [(max(1, min(6, int(level))), " ".join(_text(title).lower().split()))
                   for level, title, *_ in pdf.get_outlines()]
    except Exception as exc:  # noqa: BLE001 - no outline, or a damaged one: keep the headings found by their look
        from .pdf_limits import OverLimit, ReferenceLoop

        if isinstance(exc, (OverLimit, ReferenceLoop)):
            raise
        return
    if not outline:
        return
    texts = [" ".join("".join(t for t, _ in d.pieces).lower().split()) for d in drafts]
    matched: set[int] = set()
    after = 0
    for level, title in outline:
        found = [i for i in range(after, len(drafts)) if texts[i] == title]
        if not found:
            continue
        i = next((i for i in found if drafts[i].kind is BlockKind.HEADING), found[0])
        drafts[i].kind, drafts[i].level = BlockKind.HEADING, level
        matched.add(i)
        after = i + 1
    for i, d in enumerate(drafts):
        if d.kind is BlockKind.HEADING and d.guess == "bold" and i not in matched:
            d.kind, d.level = BlockKind.PARAGRAPH, 0


def _line_kind(ln: _Line, text: str, body: float, heading_sizes: list[float]) -> tuple[BlockKind, int]:
    if ln.size >= body * _HEADING_RATIO and len(text) <= 200:
        return BlockKind.HEADING, min(6, heading_sizes.index(ln.size) + 1 if ln.size in heading_sizes else 1)
    if ln.bold and len(text.split()) <= 12 and not text.endswith((".", ",", ";")):
        return BlockKind.HEADING, min(6, len(heading_sizes) + 1)
    if _LIST_START.match(text):
        return BlockKind.LIST_ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _has_bullet(page: _Page, ln: _Line) -> bool:
    """Is there a bullet just left of the line's first letter, drawn on its own?"""
    middle = (ln.y0 + ln.y1) / 2
    return any(y0 <= middle <= y1 and 0 <= ln.x0 - x1 <= 4 * ln.size for x1, y0, y1 in page.bullets)


def _starts_block(prev: _Line | None, ln: _Line, kind: BlockKind, current: _Draft, text: str) -> bool:
    """Does a line start a new block, or go on with the one before?"""
    if prev is None:
        return True
    previous_text = prev.text.rstrip()
    ends_sentence = previous_text.endswith((".", "!", "?", ":"))
    if prev.page != ln.page:
        # A paragraph that goes on over a page break: no full stop before, a small letter after.
        return not (kind is current.kind is BlockKind.PARAGRAPH and not ends_sentence and text[:1].islower())
    if kind is BlockKind.LIST_ITEM:
        return True  # each bullet starts a list item
    if min(prev.x1, ln.x1) - max(prev.x0, ln.x0) <= 0:
        return True  # side by side: another column or table cell
    if (kind is BlockKind.HEADING) != (current.kind is BlockKind.HEADING):
        return True
    if kind is BlockKind.HEADING:
        return abs(prev.size - ln.size) > 0.5 or prev.y0 - ln.y1 > max(prev.height, ln.height)
    if current.kind is BlockKind.LIST_ITEM and ln.x0 < prev.x0 - ln.size / 2:
        return True  # back at the margin after a list
    if ln.y1 > prev.y0 + 0.5 * ln.height:
        return True  # not below the line before
    if prev.y0 - ln.y1 > 0.7 * max(prev.height, ln.height):
        return True  # a gap between paragraphs
    if ends_sentence and ln.x0 > prev.x0 + ln.size:
        return True  # an indented first line
    # A short line that ends a sentence ends its paragraph.
    return ends_sentence and prev.x1 < ln.x1 - 0.15 * max(ln.x1 - ln.x0, 1)


# -- tagged PDFs ----------------------------------------------------------------------------------


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _name(obj: Any) -> str:
    obj = _resolve(obj)
    return str(getattr(obj, "name", obj or ""))


def _text(obj: Any) -> str:
    from pdfminer.utils import decode_text

    obj = _resolve(obj)
    if isinstance(obj, bytes):
        return decode_text(obj).strip()
    if isinstance(obj, str):
        return obj.strip()
    return ""


def _struct_root(catalog: dict[str, Any]) -> dict[str, Any] | None:
    root = _resolve(catalog.get("StructTreeRoot"))
    return root if isinstance(root, dict) else None


def _marked(catalog: dict[str, Any]) -> bool:
    mark = _resolve(catalog.get("MarkInfo"))
    return isinstance(mark, dict) and bool(_resolve(mark.get("Marked")))


def _info(pdf: Any, catalog: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {"lang": _text(catalog.get("Lang"))}
    for info in pdf.info or []:
        info = _resolve(info)
        if isinstance(info, dict):
            out["title"] = out.get("title") or _text(info.get("Title"))
            out["producer"] = out.get("producer") or _text(info.get("Producer"))
    if not out.get("title"):
        meta = _resolve(catalog.get("Metadata"))
        if meta is not None and hasattr(meta, "get_data"):
            xmp = meta.get_data()[:1_000_000].decode("utf-8", "replace")
            m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.DOTALL)
            if m:
                out["title"] = re.sub(r"<[^>]+>", "", m.group(1)).strip()
    return out


def _tagged_blocks(
    root: dict[str, Any], pages: list[_Page], page_numbers: dict[int, int], running: set[tuple[int, int]],
) -> tuple[list[_Draft], list[dict[str, Any]], set[tuple[int, int]]]:
    """Blocks in the order of the structure tree; the figures; the (page, marked-content id) pairs used."""
    return _Tree(root, pages, page_numbers, running).read()


#: Structure types that group other elements (they have no text of their own).
_GROUPS = {"Document", "Part", "Art", "Sect", "Div", "NonStruct", "Private", "L", "Table", "TR", "THead", "TBody",
           "TFoot", "TOC", "DocumentFragment", "Aside", "Form"}
#: The deepest structure tree followed (a damaged PDF's tree may loop).
_MAX_DEPTH = 100


class _Tree:
    """Walks a tagged PDF's structure tree, making one draft block for each block element."""

    def __init__(self, root: dict[str, Any], pages: list[_Page], page_numbers: dict[int, int],
                 running: set[tuple[int, int]]) -> None:
        self.root = root
        self.page_numbers = page_numbers
        role_map = _resolve(root.get("RoleMap"))
        self.role_map = role_map if isinstance(role_map, dict) else {}
        self.drafts: list[_Draft] = []
        self.figures: list[dict[str, Any]] = []
        self.used: set[tuple[int, int]] = set()
        self.visited: set[int] = set()
        self.tables = 0
        # (page, mcid) -> pieces of text with their line, in layout order
        self.marked: dict[tuple[int, int], list[tuple[str, tuple[int, int]]]] = defaultdict(list)
        for p in pages:
            for ln in p.lines:
                if (p.number, ln.id) in running:
                    continue
                key: int | None = None
                run: list[str] = []
                for text, mcid, artifact in [*ln.chars, ("", None, True)]:
                    this = None if artifact else mcid
                    if this != key or artifact:
                        if key is not None and run:
                            self.marked[(p.number, key)].append(("".join(run), (p.number, ln.id)))
                        key, run = this, []
                    run.append(text)

    def read(self) -> tuple[list[_Draft], list[dict[str, Any]], set[tuple[int, int]]]:
        self.walk(self.root, 1, None, None, 0)
        return self.drafts, self.figures, self.used

    def type_of(self, elem: dict[str, Any]) -> str:
        s = _name(elem.get("S"))
        if s == "Title":  # a standard type in PDF 2.0 (LibreOffice maps its Title style to P)
            return s
        for _ in range(5):  # a role map may map to another mapped name
            mapped = self.role_map.get(s)
            if mapped is None or _name(mapped) == s:
                break
            s = _name(mapped)
        return s

    def page_of(self, elem: dict[str, Any], inherited: int) -> int:
        objid = getattr(elem.get("Pg"), "objid", None)
        return self.page_numbers.get(objid, inherited) if objid is not None else inherited

    def kids(self, elem: dict[str, Any], page: int) -> Iterator[tuple[str, Any, int]]:
        """("mcid", (page, id), page) or ("elem", element, page) for each child, skipping loops and links."""
        kids = _resolve(elem.get("K"))
        for ref in kids if isinstance(kids, list) else [kids]:
            kid = _resolve(ref)
            if isinstance(kid, int) and not isinstance(kid, bool):
                yield "mcid", (page, kid), page
            elif isinstance(kid, dict):
                kind = _name(kid.get("Type"))
                if kind == "MCR":
                    mcid = _resolve(kid.get("MCID"))
                    if isinstance(mcid, int):
                        at = self.page_of(kid, page)
                        yield "mcid", (at, mcid), at
                elif kind != "OBJR" and "S" in kid:
                    ident = getattr(ref, "objid", None) or id(kid)
                    if ident in self.visited:
                        continue
                    self.visited.add(ident)
                    yield "elem", kid, self.page_of(kid, page)

    def take(self, key: tuple[int, int]) -> list[tuple[str, tuple[int, int]]]:
        if key in self.used:
            return []
        self.used.add(key)
        return self.marked.get(key, [])

    def all_keys(self, elem: dict[str, Any], page: int, depth: int) -> list[tuple[int, int]]:
        keys: list[tuple[int, int]] = []
        if depth > _MAX_DEPTH:
            return keys
        for what, kid, at in self.kids(elem, page):
            if what == "mcid":
                keys.append(kid)
            else:
                keys.extend(self.all_keys(kid, at, depth + 1))
        return keys

    def inline(self, elem: dict[str, Any], page: int, depth: int,
               nested: list[tuple[dict[str, Any], int]]) -> list[tuple[str, tuple[int, int]]]:
        """The text of an element and its inline children; its block children go to ``nested``."""
        if depth > _MAX_DEPTH:
            return []
        if elem.get("ActualText") is not None:
            keys = self.all_keys(elem, page, depth)
            first = next((self.marked[k][0][1] for k in keys if self.marked.get(k)), (page, -1))
            for k in keys:
                self.take(k)
            return [(_text(elem.get("ActualText")), first)]
        out: list[tuple[str, tuple[int, int]]] = []
        for what, kid, at in self.kids(elem, page):
            if what == "mcid":
                out.extend(self.take(kid))
                continue
            s = self.type_of(kid)
            if s in ("Artifact", "Lbl"):  # list bullets and numbers are not words
                for k in self.all_keys(kid, at, depth + 1):
                    self.take(k)
            elif s in ("Figure", "Formula") or s in _BLOCK_TYPES or s in _GROUPS:
                nested.append((kid, at))
            else:  # Span, Link, Reference, Quote, Code, Em, Strong and other inline elements
                out.extend(self.inline(kid, at, depth + 1, nested))
        return out

    def walk(self, elem: dict[str, Any], page: int, context: BlockKind | None,
             table: dict[str, int] | None, depth: int) -> None:
        if depth > _MAX_DEPTH:
            return
        s = self.type_of(elem)
        if s in ("Figure", "Formula"):
            alt = elem.get("Alt")
            for k in self.all_keys(elem, page, depth):
                self.take(k)
            self.figures.append({
                "page": page,
                "type": s,
                "alt": _text(alt) if alt is not None else None,
                "has_alt": alt is not None or elem.get("ActualText") is not None,
                "_after": self.drafts[-1] if self.drafts else None,
            })
            return
        if s == "Table":
            self.tables += 1
            table = {"table": self.tables, "row": 0, "column": 0}
        elif s == "TR" and table is not None:
            table["row"] += 1
            table["column"] = 0
        elif s in ("TD", "TH") and table is not None:
            table["column"] += 1
        kind = _BLOCK_TYPES.get(s)
        if kind in _CONTEXT_KINDS:
            context = kind
        nested: list[tuple[dict[str, Any], int]] = []
        pieces = self.inline(elem, page, depth, nested)
        if "".join(t for t, _ in pieces).strip():
            use = kind or BlockKind.PARAGRAPH
            if use is not BlockKind.HEADING and context is not None:
                use = context
            first = next((line for _, line in pieces if line[1] >= 0), (page, 0))
            draft = _Draft(use, first[0], pieces)
            if use is BlockKind.HEADING:
                draft.level = int(s[1]) if len(s) == 2 and s[1].isdigit() else 1
            if use is BlockKind.TABLE_CELL and table is not None:
                draft.locator = {"table": table["table"], "row": table["row"], "column": table["column"]}
            self.drafts.append(draft)
        for child, at in nested:
            self.walk(child, at, context, table, depth + 1)
