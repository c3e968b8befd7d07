"""The pages of a PDF as laid out: lines of letters with their place, size and tags, pictures and comments.

pdfminer.six draws each page through a device that records every letter's
marked-content id and artifact flag and counts what the page draws against
the limits (:mod:`speakeasy.readers.pdf.budget`).  The lines come in the
order the page draws them.  Lines near the top or bottom that repeat on
most pages are running headers and footers (:func:`running_lines`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .objects import name_of, resolve, text_of

if TYPE_CHECKING:
    from . import Limits

#: Where running headers and footers are looked for: this share of the page at the top and at the bottom.
_EDGE = 0.12
#: Bullets, including the private-use code points of the Symbol and Wingdings fonts Word uses.
BULLETS = "•●◦▪■□‣⁃○–-*·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf0a8"
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


# -- one letter and one line -----------------------------------------------------------------


@dataclass(slots=True)
class Line:
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
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    images: list[dict[str, Any]] = field(default_factory=list)
    #: (x1, y0, y1) of each list bullet drawn on a line of its own
    bullets: list[tuple[float, float, float]] = field(default_factory=list)
    #: (x, y, text) of each comment (a note annotation) on the page
    comments: list[tuple[float, float, str]] = field(default_factory=list)


# -- pages ----------------------------------------------------------------------------------------


class PageReader:
    """One device and interpreter for all the pages of a PDF, so its fonts are read once, not on every page."""

    def __init__(self, budget: Any, limits: Limits) -> None:
        from pdfminer.pdfinterp import PDFResourceManager

        from .budget import interpreter_class

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

    from .budget import OverLimit

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
        def __init__(self, rsrcmgr: Any, budget: Any, limits: Limits) -> None:
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
            props = resolve(props)
            if isinstance(props, dict) and isinstance(resolve(props.get("MCID")), int):
                mcid = resolve(props["MCID"])
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


def read_page(reader: PageReader, page: Any, number: int) -> Page:
    from pdfminer.layout import LTAnno, LTChar, LTContainer, LTImage, LTTextLine

    layout = reader.layout(page)
    x0, y0, x1, y1 = page.mediabox if page.mediabox else (0, 0, 612, 792)
    out = Page(number, abs(x1 - x0), abs(y1 - y0))
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


def _attach_hyphens(lines: list[Line]) -> list[Line]:
    """Put a line-end hyphen drawn on its own (as LibreOffice does) back at the end of its line."""
    kept: list[Line] = []
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


def _add_line(out: Page, line: Any, counter: list[int], base_y: float, LTChar: Any,
              LTAnno: Any) -> None:
    letters = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    if not letters:
        return
    sizes = Counter(round(c.size, 1) for c in letters)
    size = sizes.most_common(1)[0][0]
    if all(c.get_text() in BULLETS for c in letters):
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
    out.lines.append(Line(
        out.number, counter[0], line.x0, line.y0 - base_y, line.x1, line.y1 - base_y, chars,
        size, bold >= 0.8 * len(letters), min(getattr(c, "seq", 0) for c in letters),
    ))


_BOLD = re.compile(r"bold|black|heavy|semibold", re.IGNORECASE)


def _comments(page: Any, base_y: float) -> list[tuple[float, float, str]]:
    """The comments on a page (annotations with text, other than links and form fields), where they point."""
    out = []
    annots = resolve(getattr(page, "annots", None))
    for annot in annots if isinstance(annots, list) else []:
        annot = resolve(annot)
        if not isinstance(annot, dict) or name_of(annot.get("Subtype")) in ("Link", "Widget", "Popup"):
            continue
        text = text_of(annot.get("Contents"))
        rect = resolve(annot.get("Rect"))
        if text and isinstance(rect, list) and len(rect) == 4:
            try:
                x0, y0, x1, y1 = (float(resolve(v)) for v in rect)
            except (TypeError, ValueError):
                continue
            out.append((min(x0, x1), (y0 + y1) / 2 - base_y, text))
    return out


def has_big_image(page: Page) -> bool:
    area = page.width * page.height or 1.0
    for im in page.images:
        x0, y0, x1, y1 = im["bbox"]
        if abs(x1 - x0) * abs(y1 - y0) >= 0.25 * area:
            return True
    return False


# -- running headers and footers ------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def running_lines(pages: list[Page]) -> set[tuple[int, int]]:
    """(page, line id) of the lines that are running headers, footers or page numbers."""
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    edge_lines: list[tuple[Line, str]] = []
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
