"""Web pages (``.html``, ``.htm``), read with Python's own HTML tokenizer.

Only the main content is linted: the ``<main>`` element (or an element with
``role="main"``) when the page has one, else the ``<body>`` (or, for a page
without a ``<body>`` tag, everything outside ``<head>``).  Inside it, these
are never linted: ``script``, ``style``, ``template``, ``noscript``,
``svg``, ``math``, ``iframe``, ``select``, elements with the ``search``
role, and elements marked ``hidden`` or ``aria-hidden="true"``.

The landmarks -- ``nav`` (or ``role="navigation"``), ``aside`` (or
``role="complementary"``), and the page's ``header`` and ``footer`` (those
not inside an ``article``, ``aside``, ``main``, ``nav`` or ``section``, or
with ``role="banner"`` or ``role="contentinfo"``) -- are the site's
furniture and are not linted either, unless ``ReadOptions.include_landmarks``
names them.  A landmark that is named is linted wherever it is on the page,
inside ``<main>`` or not; the innermost landmark decides, so ``nav`` named
and ``header`` not checks a menu inside the site header, and nothing else of
the header.  Its blocks' locators say so (``part``: ``header``, ``footer``,
``nav`` or ``aside``; ``part_label``: "site header"...), and their section
is the nearest heading inside the landmark, not the page's heading before it.

Headings (``h1``-``h6``), paragraphs, list items, table cells, block
quotes, figure captions and the terms and descriptions of definition lists
are blocks.  Links, emphasis and other inline elements are part of their
block's text.  ``<code>``, ``<kbd>``, ``<samp>`` and ``<pre>`` are not
prose.

Why :mod:`html.parser` and not lxml: lxml gives an element's line but not
its column, and its tree has already decoded character references, so
exact positions would have to be guessed back.  ``HTMLParser`` reports each
tag, piece of text, comment and character reference in source order with
its line and column, and ``convert_charrefs=False`` keeps references as
their own events.  It builds no tree, so the few rules that close elements
without an end tag (``<p>``, ``<li>``, ``<td>``...) are applied here.

Every block's text has exactly the length of its source range: tags,
comments, code and web addresses are replaced by spaces (line breaks are
kept), and a character reference such as ``&amp;`` shows the character it
stands for in its first place, then spaces -- as the Markdown reader does.

Encoding: UTF-8 (with or without a byte-order mark).  A page that is not
UTF-8 is read in the encoding its ``<meta charset>`` names; a page that is
valid UTF-8 is read as UTF-8 whatever it declares (a mislabelled
declaration is more common than a file that happens to be valid UTF-8).

Features recorded for the ``web-feature`` rules (see
:mod:`speakeasy.kinds.web`): ``web-page`` (lang), ``web-image`` (alt, src),
``web-link`` (text, url) and ``web-heading`` (level, text), each at its
element's start tag.
"""

from __future__ import annotations

import bisect
import codecs
import html as _html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Iterable

from .. import directives as _directives
from ..errors import InputError
from ..model import Block, BlockKind, Directive, Document, Feature
from .markdown import spans_text

if TYPE_CHECKING:  # pragma: no cover
    from . import ReadOptions

#: Elements whose content is never linted (and never recorded as features).
_SKIP = frozenset((
    "script", "style", "template", "noscript", "svg", "math", "iframe", "object",
    "select", "head", "title", "button", "canvas", "audio", "video", "datalist", "textarea",
))
#: Roles whose content is never linted (a search form is not prose).
_SKIP_ROLES = frozenset(("search",))
#: Roles of the landmarks: the site's furniture, linted only when asked (ReadOptions.include_landmarks).
_LANDMARK_ROLES = {"banner": "header", "contentinfo": "footer", "navigation": "nav", "complementary": "aside"}
#: How a location names a block in each landmark.
LANDMARK_LABELS = {"header": "site header", "footer": "site footer", "nav": "menu", "aside": "side panel"}
#: Inline elements whose text is code, not prose: masked, but part of the block.
_CODE = frozenset(("code", "kbd", "samp", "var"))
#: Elements that end the block before them and start a new one.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "head", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "center",
    "title",
)) | _SKIP
#: Elements that have no end tag.
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
))
#: Start tags that close an open <p> (HTML's "closes a p element" list).
_CLOSES_P = frozenset((
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
))
#: Start tag -> (open elements it closes, elements that stop the search).
_IMPLIED_END = {
    "li": (("li",), ("ul", "ol", "menu")),
    "dt": (("dt", "dd"), ("dl",)),
    "dd": (("dt", "dd"), ("dl",)),
    "td": (("td", "th"), ("tr", "table")),
    "th": (("td", "th"), ("tr", "table")),
    "tr": (("tr", "td", "th"), ("table", "tbody", "thead", "tfoot")),
    "tbody": (("tbody", "thead", "tfoot", "tr", "td", "th"), ("table",)),
    "thead": (("tbody", "thead", "tfoot", "tr", "td", "th"), ("table",)),
    "tfoot": (("tbody", "thead", "tfoot", "tr", "td", "th"), ("table",)),
    "option": (("option",), ("select", "datalist")),
}
#: Header and footer are the page's banner and footer unless inside one of these.
_SECTIONING = frozenset(("article", "aside", "main", "nav", "section"))
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {"li": BlockKind.LIST_ITEM, "td": BlockKind.TABLE_CELL, "th": BlockKind.TABLE_CELL,
               "blockquote": BlockKind.BLOCKQUOTE}

#: How much of a link's text is kept (in characters, before spaces are collapsed): far more than
#: a vague link text ("click here") has.  Links inside links (not valid HTML) each hold the
#: text of the ones inside them, so without a limit, 20,000 of them would hold 20,000 copies.
LINK_TEXT_MAX = 1000

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _Events(HTMLParser):
    """Records every token as (start offset, kind, value) in source order."""

    def __init__(self, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.events: list[tuple[int, str, Any]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self._at(), "start", (tag, attrs, self.get_starttag_text() or "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((self._at(), "start", (tag, attrs, self.get_starttag_text() or "")))
        if tag not in _VOID:
            self.events.append((self._at(), "end", tag))

    def handle_endtag(self, tag: str) -> None:
        self.events.append((self._at(), "end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append((self._at(), "data", data))

    def handle_entityref(self, name: str) -> None:
        self.events.append((self._at(), "ref", name))

    def handle_charref(self, name: str) -> None:
        self.events.append((self._at(), "ref", name))

    def handle_comment(self, data: str) -> None:
        self.events.append((self._at(), "comment", data))

    def handle_decl(self, decl: str) -> None:
        self.events.append((self._at(), "decl", decl))

    def handle_pi(self, data: str) -> None:
        self.events.append((self._at(), "other", data))

    def unknown_decl(self, data: str) -> None:
        self.events.append((self._at(), "other", data))


def decode_html(path: str, data: bytes) -> str:
    """The page's text: UTF-8 if it is UTF-8, else the encoding its ``<meta charset>`` names."""
    from . import decode

    try:
        return decode(path, data)
    except InputError as exc:
        if exc.code != "encoding" or data.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            raise
        m = _META_CHARSET.search(data[:4096])
        if m is None:
            raise
        name = m.group(1).decode("ascii").lower()
        if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
            name = "cp1252"  # as browsers read them
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            raise InputError(
                path,
                f"this page says its encoding is '{name}', which speakeasy does not know. "
                "Save it again as UTF-8.",
                "encoding",
            ) from None
        if codec.startswith("utf"):
            raise
        try:
            return data.decode(codec)
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            raise InputError(
                path,
                f"this page is not {name} text, as it says it is (line {line} has the byte "
                f"0x{data[err.start]:02x}). Save it again as UTF-8.",
                "encoding",
            ) from None


class _Open:
    __slots__ = ("tag", "skip", "main", "code", "table", "landmark", "section")

    def __init__(self, tag: str, skip: bool, main: bool, code: bool, landmark: str | None = None) -> None:
        self.tag = tag
        self.skip = skip
        self.main = main
        self.code = code
        self.table: list[int] | None = None  # for <table>: [row, column]
        #: "header", "footer", "nav" or "aside" for a landmark, else None
        self.landmark = landmark
        #: for a landmark: the section (heading) before it, given back at its end
        self.section: str | None = None


def parse(path: str, data: bytes, options: ReadOptions | None = None) -> Document:
    """Read a web page from its bytes (of the options, only ``include_landmarks`` matters here)."""
    source = decode_html(path, data)
    return parse_text(path, source, options.include_landmarks if options is not None else ())


def _landmark(tag: str, role: str, in_sectioning: bool) -> str | None:
    """The landmark an element is, if it is one: its role, else its tag.

    ``in_sectioning``: is an ``article``, ``aside``, ``main``, ``nav`` or ``section`` open?
    """
    if role in _LANDMARK_ROLES:
        return _LANDMARK_ROLES[role]
    if role == "main":
        return None
    if tag in ("nav", "aside"):
        return tag
    if tag in ("header", "footer") and not in_sectioning:
        return tag
    return None


def parse_text(path: str, source: str, landmarks: Iterable[str] = ()) -> Document:
    """Read a web page from its text; ``landmarks``: the landmarks to lint as well (see the module's notes)."""
    included = frozenset(landmarks)
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", source))
    tokens = _Events(line_starts)
    try:
        tokens.feed(source)
        tokens.close()
    except Exception as exc:  # the tokenizer gives up on some broken markup
        raise InputError(path, f"this web page could not be read ({exc}).", "read-error") from None
    events = tokens.events
    n = len(events)
    ends = [events[i + 1][0] if i + 1 < n else len(source) for i in range(n)]

    has_main = any(
        kind == "start" and (value[0] == "main" or _attr(value[1], "role") == "main")
        for _, kind, value in events
    )
    has_page = any(
        (kind == "start" and value[0] == "html") or (kind == "decl" and value.lower().startswith("doctype"))
        for _, kind, value in events
    )

    blocks: list[Block] = []
    features: list[Feature] = []
    found_directives: list[Directive] = []
    problems: list[Any] = []
    # The open elements.  Every question about them is answered from the
    # indexes below, never by walking the stack: 20,000 nested <div>s, or
    # table rows without end tags (each <tr> stays open), make it deep.
    stack: list[_Open] = []
    at_tag: dict[str, list[int]] = {}  # tag -> the places on the stack of the open elements with that tag
    landmarks: list[int] = []  # places of the open landmarks
    blockish: list[int] = []  # places of the open elements in _BLOCK
    kinds: list[int] = []  # places of the open headings and containers (_CONTAINERS)
    open_count = {"skip": 0, "main": 0, "code": 0}
    spans: list[tuple[int, int, str | None]] = []  # prose of the block being read
    block_kind: list[Any] = [None, 0, {}]  # kind, heading level, locator
    section: list[str | None] = [None]
    tables: list[_Open] = []
    table_count = 0
    links: list[dict[str, Any]] = []
    # The prose seen while a link is open, shared by the open links: each link's text is the
    # pieces from where it starts (each piece cut to LINK_TEXT_MAX), with the sum of their lengths.
    link_pieces: list[str] = []
    link_lengths: list[int] = [0]
    headings: list[dict[str, Any]] = []
    lang_feature: Feature | None = None

    def push(o: _Open) -> None:
        k = len(stack)
        stack.append(o)
        at_tag.setdefault(o.tag, []).append(k)
        if o.landmark is not None:
            landmarks.append(k)
        if o.tag in _BLOCK:
            blockish.append(k)
        if o.tag in _HEADINGS or o.tag in _CONTAINERS:
            kinds.append(k)
        if o.skip:
            open_count["skip"] += 1
        if o.main:
            open_count["main"] += 1
        if o.code:
            open_count["code"] += 1

    def pop() -> _Open:
        o = stack.pop()
        at_tag[o.tag].pop()
        if o.landmark is not None:
            landmarks.pop()
        if o.tag in _BLOCK:
            blockish.pop()
        if o.tag in _HEADINGS or o.tag in _CONTAINERS:
            kinds.pop()
        if o.skip:
            open_count["skip"] -= 1
        if o.main:
            open_count["main"] -= 1
        if o.code:
            open_count["code"] -= 1
        return o

    def innermost(tags: Iterable[str]) -> int:
        """The place on the stack of the innermost open element with one of these tags, or -1."""
        best = -1
        for t in tags:
            places = at_tag.get(t)
            if places and places[-1] > best:
                best = places[-1]
        return best

    def is_open(tag: str) -> bool:
        return bool(at_tag.get(tag))

    def landmark() -> _Open | None:
        """The innermost open landmark."""
        return stack[landmarks[-1]] if landmarks else None

    def skipped() -> bool:
        if open_count["skip"]:
            return True
        lm = landmark()
        return lm is not None and lm.landmark not in included

    def in_content() -> bool:
        if has_main and not open_count["main"]:
            # a landmark that was asked for counts wherever it is (the site header is outside <main>)
            lm = landmark()
            return lm is not None and lm.landmark in included and not is_open("head")
        return not is_open("head")

    def flush() -> None:
        got = spans_text(source, spans)
        spans.clear()
        if got is None:
            return
        start, stripped = got
        kind, level, locator = block_kind
        blocks.append(Block(text=stripped, start=start, kind=kind, index=len(blocks), heading_level=level,
                            section=section[0], locator=locator))
        if kind is BlockKind.HEADING:
            section[0] = " ".join(stripped.split())

    def start_block_kind() -> None:
        """The kind of the block whose first prose character has just been seen."""
        lm = landmark()
        part: dict[str, Any] = {}
        if lm is not None and lm.landmark is not None:
            part = {"part": lm.landmark, "part_label": LANDMARK_LABELS[lm.landmark]}
        if kinds:  # the innermost heading or container
            o = stack[kinds[-1]]
            if o.tag in _HEADINGS:
                block_kind[:] = [BlockKind.HEADING, _HEADINGS[o.tag], dict(part)]
                return
            found = _CONTAINERS[o.tag]
            if found is not None:
                locator: dict[str, Any] = dict(part)
                if found is BlockKind.TABLE_CELL and tables and tables[-1].table is not None:
                    locator.update({"table": tables[-1].table[2], "row": tables[-1].table[0],
                                    "column": tables[-1].table[1]})
                block_kind[:] = [found, 0, locator]
                return
        block_kind[:] = [BlockKind.PARAGRAPH, 0, dict(part)]

    def prose(a: int, b: int, shown: str | None, decoded: str) -> None:
        if not spans:
            if not decoded.strip():
                return
            start_block_kind()
        spans.append((a, b, shown))
        if links:
            piece = decoded if len(decoded) <= LINK_TEXT_MAX else decoded[:LINK_TEXT_MAX]
            link_pieces.append(piece)
            link_lengths.append(link_lengths[-1] + len(piece))
        for h in headings:
            h["text"].append(decoded)

    def close_to(index: int) -> None:
        """Close the open elements from ``index`` up."""
        while len(stack) > index:
            o = pop()
            end_element(o)

    def end_element(o: _Open) -> None:
        if o.tag in _BLOCK or o.tag in _HEADINGS or o.landmark is not None:
            flush()
        if o.landmark is not None:
            section[0] = o.section  # the heading before the landmark is the section again
        if o.table is not None and tables and tables[-1] is o:
            tables.pop()
        if o.tag == "a" and links:
            link = links.pop()
            if link["feature"]:
                first = link["text"]
                # the pieces that start within LINK_TEXT_MAX characters of the link's start
                upto = bisect.bisect_left(link_lengths, link_lengths[first] + LINK_TEXT_MAX, first, len(link_pieces))
                text = "".join(link_pieces[first:max(upto, first)])
                features.append(Feature("web-link", link["start"], link_end[0],
                                        {"text": " ".join(text.split()),
                                         "url": link["url"], "label": link["label"]}))
            if not links:
                link_pieces.clear()
                del link_lengths[1:]
        if o.tag in _HEADINGS and headings:
            h = headings.pop()
            if h["feature"]:
                features.append(Feature("web-heading", h["start"], h["end"],
                                        {"level": _HEADINGS[o.tag], "text": " ".join("".join(h["text"]).split())}))

    link_end = [0]
    for i, (at, kind, value) in enumerate(events):
        end = ends[i]
        link_end[0] = end
        if kind == "data":
            if skipped() or not in_content() or open_count["code"]:
                continue
            prose(at, at + len(value), None, value)
        elif kind == "ref":
            raw = source[at:end]
            if skipped() or not in_content() or open_count["code"]:
                continue
            decoded = _html.unescape(raw)
            if decoded == raw:
                prose(at, end, None, raw)
            elif len(decoded) == 1:
                prose(at, end, decoded + " " * (len(raw) - 1), decoded)
            else:
                prose(at, end, " " * len(raw), decoded)
        elif kind == "comment":
            if "speakeasy" in value.lower():
                found = _directives.parse_comment(source[at:end], at, end, source)
                if found is not None:
                    (found_directives if isinstance(found, Directive) else problems).append(found)
        elif kind == "start":
            tag, attrs, tag_text = value
            tag_end = at + len(tag_text)
            if tag == "html" and lang_feature is None:
                lang_feature = Feature("web-page", at, tag_end, {"lang": (_attr(attrs, "lang") or "").strip()})
            # elements closed by this one without an end tag
            # (each of these closes the innermost element it finds, stopping where the loop over
            # the stack from the top would; the indexes find that element without the loop)
            if tag in _CLOSES_P and blockish and stack[blockish[-1]].tag == "p":
                # the innermost block element is an open <p> ("p" is in _BLOCK, so nothing stops before it)
                close_to(blockish[-1])
            implied = _IMPLIED_END.get(tag)
            if implied is not None:
                closes, stops = implied
                k = innermost(closes + stops)
                if k >= 0 and stack[k].tag in closes:
                    close_to(k)
            if tag in _HEADINGS:  # a heading inside a heading is a mistake: close the first
                k = innermost(_HEADINGS)
                if k >= 0:
                    close_to(k)
            if tag in _BLOCK or tag in _HEADINGS:
                flush()
            role = (_attr(attrs, "role") or "").strip().lower()
            hidden = _has(attrs, "hidden") or (_attr(attrs, "aria-hidden") or "").strip().lower() == "true"
            skip = tag in _SKIP or role in _SKIP_ROLES or hidden
            mark = None if tag in _VOID else _landmark(tag, role, any(is_open(t) for t in _SECTIONING))
            main = tag == "main" or role == "main"
            if tag == "img" and in_content() and not skipped() and not skip:
                alt = _attr(attrs, "alt")
                features.append(Feature("web-image", at, tag_end,
                                        {"alt": alt, "src": _attr(attrs, "src") or "",
                                         "has_alt": _has(attrs, "alt"),
                                         "decorative": role in ("presentation", "none")}))
            if tag in _VOID:
                continue
            o = _Open(tag, skip, main, tag in _CODE or tag == "pre", mark)
            if mark is not None:
                if tag not in _BLOCK:  # role="navigation" on a <span>: still a block of its own
                    flush()
                o.section, section[0] = section[0], None
            if tag == "table":
                table_count += 1
                o.table = [0, 0, table_count]
                tables.append(o)
            elif tag == "tr" and tables and tables[-1].table is not None:
                tables[-1].table[0] += 1
                tables[-1].table[1] = 0
            elif tag in ("td", "th") and tables and tables[-1].table is not None:
                t = tables[-1].table
                if t[0] == 0:
                    t[0] = 1
                t[1] += 1
            push(o)
            live = in_content() and not skipped()
            if tag == "a":
                label = (_attr(attrs, "aria-label") or "").strip()
                links.append({"start": at, "url": _attr(attrs, "href") or "", "text": len(link_pieces), "label": label,
                              "feature": live and _has(attrs, "href")})
            elif tag in _HEADINGS:
                headings.append({"start": at, "end": tag_end, "text": [],
                                 "feature": live})
        elif kind == "end":
            tag = value
            # the innermost open element with this tag, or any heading for a heading's end tag (<h2>...</h3>)
            k = innermost(_HEADINGS) if tag in _HEADINGS else innermost((tag,))
            if k >= 0:
                close_to(k)
            elif tag in ("p", "br"):  # </p> with no <p>, </br>: a break
                flush()
    close_to(0)
    flush()
    if lang_feature is not None or has_page:
        features.insert(0, lang_feature or Feature("web-page", 0, 0, {"lang": ""}))
    features.sort(key=lambda f: f.start)
    return Document(
        path=path,
        source=source,
        format="html",
        blocks=blocks,
        directives=found_directives,
        directive_problems=problems,
        features=features,
    )


def _attr(attrs: list[tuple[str, str | None]], name: str) -> str | None:
    for k, v in attrs:
        if k == name:
            return v if v is not None else ""
    return None


def _has(attrs: list[tuple[str, str | None]], name: str) -> bool:
    return any(k == name for k, _ in attrs)
