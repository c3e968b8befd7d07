"""Blocks of a tagged PDF, in the order of its structure tree: headings, paragraphs, list items, table cells, figures.

The tree points at the marked text on each page; letters the PDF marks as
artifacts (running headers, footers, page numbers) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from ...model import BlockKind
from .blocks import Draft
from .layout import Page
from .objects import name_of, resolve, text_of

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


def tagged_blocks(
    root: dict[str, Any], pages: list[Page], page_numbers: dict[int, int], running: set[tuple[int, int]],
) -> tuple[list[Draft], list[dict[str, Any]], set[tuple[int, int]]]:
    """Blocks in the order of the structure tree; the figures; the (page, marked-content id) pairs used."""
    return _Tree(root, pages, page_numbers, running).read()


#: Structure types that group other elements (they have no text of their own).
_GROUPS = {"Document", "Part", "Art", "Sect", "Div", "NonStruct", "Private", "L", "Table", "TR", "THead", "TBody",
           "TFoot", "TOC", "DocumentFragment", "Aside", "Form"}
#: The deepest structure tree followed (a damaged PDF's tree may loop).
_MAX_DEPTH = 100


class _Tree:
    """Walks a tagged PDF's structure tree, making one draft block for each block element."""

    def __init__(self, root: dict[str, Any], pages: list[Page], page_numbers: dict[int, int],
                 running: set[tuple[int, int]]) -> None:
        self.root = root
        self.page_numbers = page_numbers
        role_map = resolve(root.get("RoleMap"))
        self.role_map = role_map if isinstance(role_map, dict) else {}
        self.drafts: list[Draft] = []
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

    def read(self) -> tuple[list[Draft], list[dict[str, Any]], set[tuple[int, int]]]:
        self.walk(self.root, 1, None, None, 0)
        return self.drafts, self.figures, self.used

    def type_of(self, elem: dict[str, Any]) -> str:
        s = name_of(elem.get("S"))
        if s == "Title":  # a standard type in PDF 2.0 (LibreOffice maps its Title style to P)
            return s
        for _ in range(5):  # a role map may map to another mapped name
            mapped = self.role_map.get(s)
            if mapped is None or name_of(mapped) == s:
                break
            s = name_of(mapped)
        return s

    def page_of(self, elem: dict[str, Any], inherited: int) -> int:
        objid = getattr(elem.get("Pg"), "objid", None)
        return self.page_numbers.get(objid, inherited) if objid is not None else inherited

    def kids(self, elem: dict[str, Any], page: int) -> Iterator[tuple[str, Any, int]]:
        """("mcid", (page, id), page) or ("elem", element, page) for each child, skipping loops and links."""
        kids = resolve(elem.get("K"))
        for ref in kids if isinstance(kids, list) else [kids]:
            kid = resolve(ref)
            if isinstance(kid, int) and not isinstance(kid, bool):
                yield "mcid", (page, kid), page
            elif isinstance(kid, dict):
                kind = name_of(kid.get("Type"))
                if kind == "MCR":
                    mcid = resolve(kid.get("MCID"))
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
            return [(text_of(elem.get("ActualText")), first)]
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
                "alt": text_of(alt) if alt is not None else None,
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
            draft = Draft(use, first[0], pieces)
            if use is BlockKind.HEADING:
                draft.level = int(s[1]) if len(s) == 2 and s[1].isdigit() else 1
            if use is BlockKind.TABLE_CELL and table is not None:
                draft.locator = {"table": table["table"], "row": table["row"], "column": table["column"]}
            self.drafts.append(draft)
        for child, at in nested:
            self.walk(child, at, context, table, depth + 1)
