"""The Word reader: a .docx file's parts in reading order (headers, body, notes, comments, footers), their
paragraphs and tables made into blocks and features (see :mod:`speakeasy.readers.docx`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from ...errors import InputError
from ...model import BlockKind, Document
from ..office.common import (
    Builder,
    Ctx,
    Emitted,
    Native,
    Para,
    Tables,
    add_comment_directive,
    block_kind_and_locator,
    int_or,
)
from ..ooxml_safe import Package
from .names import MC_ALT, MC_CHOICE, NAMES, W_TRANSITIONAL, Names, is_on, namespace_of
from .runs import Field, Runs
from .styles import Styles

_HEADER_KINDS = (("first", "first-page "), ("default", ""), ("even", "even-page "))
_SKIP_NOTES = {"separator", "continuationSeparator", "continuationNotice"}


class DocxReader(Runs):
    def __init__(self, path: str, data: bytes, include_comments: bool) -> None:
        self.path = path
        self.pkg = Package(path, data, "docx")
        self.include_comments = include_comments
        self.out = Builder(path, self.pkg.limits)
        self.fields: list[Field] = []
        self.hidden = 0  # fields in their instruction part: nothing shown
        self.note_refs: dict[str, list[tuple[str, str | None]]] = {"footnote": [], "endnote": []}
        self.comments: dict[str, dict[str, Any]] = {}
        self.comment_order: list[str] = []
        self.text_boxes = 0
        self._pindex: dict[str, dict[Any, int]] = {}
        self.rels: dict[str, Any] = {}
        self.n: Names = NAMES[W_TRANSITIONAL]
        self.styles: Styles

    # -- parts ----------------------------------------------------------------------

    def main_part(self) -> str:
        pkg = self.pkg
        if pkg.has("mimetype") and not pkg.has("word/document.xml"):
            try:
                mime = pkg.read("mimetype")[:100].decode("ascii", "replace")
            except InputError:
                mime = ""
            if "opendocument" in mime:
                raise pkg.error(
                    "this is an OpenDocument file, not a Word .docx file; rename it to end in .odt and try again.",
                    "not-docx",
                )
        for rel in pkg.rels("").values() if pkg.has("_rels/.rels") else ():
            if rel.type.endswith("/officeDocument") and not rel.external and pkg.has(rel.target):
                return pkg.find(rel.target) or rel.target
        if pkg.has("word/document.xml"):
            return pkg.find("word/document.xml") or "word/document.xml"
        raise pkg.damaged("word/document.xml is missing")

    def part(self, name: str) -> Any:
        root = self.pkg.xml(name)
        return root

    def related(self, part: str, suffix: str) -> str | None:
        for rel in self.rels_of(part).values():
            if rel.type.endswith(suffix) and not rel.external and self.pkg.has(rel.target):
                return self.pkg.find(rel.target)
        return None

    def rels_of(self, part: str) -> dict[str, Any]:
        found = self.rels.get(part)
        if found is None:
            found = self.rels[part] = self.pkg.rels(part)
        return found

    def use(self, root: Any) -> None:
        """Switch to the namespace (transitional or strict) a part is written in."""
        ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        self.n = NAMES.get(ns, self.n)

    def paragraph_index(self, xml_part: str, p: Any) -> int:
        index = self._pindex.get(xml_part)
        if index is None:
            root = self.pkg.parsed[xml_part]
            index = self._pindex[xml_part] = {el: i for i, el in enumerate(root.iter(self.n.p))}
        return index.get(p, -1)

    # -- the whole document --------------------------------------------------------------

    def read(self) -> Document:
        main = self.main_part()
        root = self.part(main)
        self.use(root)
        n = self.n
        if root.tag != n.document:
            raise self.pkg.damaged(f"{main} is not a Word document part")
        body = root.find(n.body)
        styles_part = self.related(main, "/styles")
        styles_root = None
        if styles_part:
            styles_root = self.part(styles_part)
        self.styles = Styles(styles_root, NAMES.get(namespace_of(styles_root), n) if styles_root is not None else n)
        self.use(root)

        sections = []
        if body is not None:
            for sect in body.iter(n.sectPr):
                parent = sect.getparent()
                if parent is not None and parent.tag in (n.pPr, n.body):
                    sections.append(sect)
        headers = self.header_parts(main, sections, "header")
        footers = self.header_parts(main, sections, "footer")

        for xml_part, label in headers:
            self.read_part(xml_part, "header", label)
        self.use(root)
        if body is not None:
            self.reset_fields()
            ctx = Ctx("body", "body", main, Tables(), body=True, fixed_section=False)
            self.blocks(body, ctx)
        for kind in ("footnote", "endnote"):
            self.read_notes(main, kind)
        self.read_comments(main)
        for xml_part, label in footers:
            self.read_part(xml_part, "footer", label)

        native = Native(self.path, "docx", self.pkg.data, self.pkg.parsed, [], n.ns)
        return self.out.document(self.path, "docx", native)

    def header_parts(self, main: str, sections: list[Any], what: str) -> list[tuple[str, str]]:
        n = self.n
        ref_tag = n.headerReference if what == "header" else n.footerReference
        rels = self.rels_of(main)
        seen: set[str] = set()
        out: list[tuple[str, str]] = []
        for number, sect in enumerate(sections, 1):
            refs = {}
            for ref in sect.iter(ref_tag):
                refs.setdefault(ref.get(n.type) or "default", ref.get(n.rid) or ref.get(n.rid_other))
            title_page = sect.find(n.titlePg)
            shown = {"default"}
            if title_page is not None and is_on(title_page, n.val):
                shown.add("first")
            if self.even_and_odd(main):
                shown.add("even")
            for typ, words in _HEADER_KINDS:
                if typ not in shown:
                    continue  # Word does not show it: no different first page / odd and even pages
                rid = refs.get(typ)
                rel = rels.get(rid) if rid else None
                if rel is None or rel.external or not self.pkg.has(rel.target):
                    continue
                target = self.pkg.find(rel.target) or rel.target
                if target in seen:
                    continue
                seen.add(target)
                label = f"{words}{what}" + (f" (section {number})" if number > 1 else "")
                out.append((target, label))
        return out

    def even_and_odd(self, main: str) -> bool:
        """Does the document show different headers on even pages (``w:evenAndOddHeaders``)?"""
        found = self.rels.get("\x00even")
        if found is None:
            found = False
            settings = self.related(main, "/settings")
            if settings is not None:
                root = self.part(settings)
                n = NAMES.get(namespace_of(root), self.n)
                flag = root.find(n.evenAndOddHeaders)
                found = flag is not None and is_on(flag, n.val)
            self.rels["\x00even"] = found
        return bool(found)

    def read_part(self, xml_part: str, part: str, label: str) -> None:
        root = self.part(xml_part)
        self.use(root)
        self.reset_fields()
        ctx = Ctx(part, label, xml_part, Tables())
        self.blocks(root, ctx)

    def read_notes(self, main: str, kind: str) -> None:
        refs = self.note_refs[kind]
        if not refs:
            return
        xml_part = self.related(main, "/footnotes" if kind == "footnote" else "/endnotes")
        if xml_part is None:
            return
        root = self.part(xml_part)
        self.use(root)
        n = self.n
        tag = n.footnote if kind == "footnote" else n.endnote
        notes = {el.get(n.id): el for el in root if el.tag == tag and (el.get(n.type) or "normal") not in _SKIP_NOTES}
        tables = Tables()
        number = 0
        for note_id, section in refs:
            el = notes.get(note_id)
            if el is None:
                continue
            number += 1
            self.reset_fields()
            ctx = Ctx(kind, f"{kind} {number}", xml_part, tables, note=True, section=section)
            self.blocks(el, ctx)

    def read_comments(self, main: str) -> None:
        xml_part = self.related(main, "/comments")
        if xml_part is None:
            return
        root = self.part(xml_part)
        self.use(root)
        n = self.n
        elements = [el for el in root if el.tag == n.comment]
        by_id = {el.get(n.id): el for el in elements}
        out = self.out
        # directives: every comment, included or not
        for cid, el in by_id.items():
            add_comment_directive(out, _plain_text(el, n), self.comments.get(cid, {}))
        if not self.include_comments:
            return
        order = [c for c in self.comment_order if c in by_id]
        order += [c for c in by_id if c not in set(order)]
        tables = Tables()
        for number, cid in enumerate(order, 1):
            self.reset_fields()
            section = self.comments.get(cid, {}).get("section")
            ctx = Ctx("comment", f"comment {number}", xml_part, tables, section=section)
            self.blocks(by_id[cid], ctx)

    # -- block level ----------------------------------------------------------------------

    def blocks(self, container: Any, ctx: Ctx) -> None:
        n = self.n
        for child in container:
            tag = child.tag
            if tag == n.p:
                self.paragraph(child, ctx)
            elif tag == n.tbl:
                self.table(child, ctx)
            elif tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    self.blocks(content, ctx)
            elif tag in (n.customXml, n.ins, n.moveTo, n.smartTag):
                self.blocks(child, ctx)
            elif tag == MC_ALT:
                choice = child.find(MC_CHOICE)
                if choice is not None:
                    self.blocks(choice, ctx)
            elif tag == n.commentRangeStart:
                self.comment_at(child.get(n.id), "start", self.out.pos, ctx)
            elif tag == n.commentRangeEnd:
                self.comment_at(child.get(n.id), "end", self.out.pos, ctx)
            # w:del / w:moveFrom (deleted), sectPr, bookmarks, proofing marks: nothing to read

    def comment_at(self, cid: str | None, what: str, pos: Any, ctx: Ctx) -> None:
        if cid is None:
            return
        entry = self.comments.get(cid)
        if entry is None:
            entry = self.comments[cid] = {}
            self.comment_order.append(cid)
        if what == "start":
            entry.setdefault("start", pos)
            entry.setdefault("section", self.section_for(ctx))
        elif what == "end":
            entry["end"] = pos
        else:
            entry.setdefault("ref", pos)
            entry.setdefault("section", self.section_for(ctx))

    def section_for(self, ctx: Ctx) -> str | None:
        return ctx.section if ctx.fixed_section else self.out.section

    def table(self, tbl: Any, ctx: Ctx) -> None:
        n = self.n
        number = ctx.tables.next()
        nested = Tables(prefix=number)
        out = self.out
        first = len(out.blocks)
        start = out.pos
        first_p = next(tbl.iter(n.p), None)
        where = {"part": ctx.part, "part_label": ctx.label, "xml_part": ctx.xml_part,
                 "paragraph": self.paragraph_index(ctx.xml_part, first_p) if first_p is not None else None,
                 "section": self.section_for(ctx)}
        grid = tbl.find(n.tblGrid)
        columns = sum(1 for c in grid if c.tag == n.gridCol) if grid is not None else 0
        rows = 0
        header_row = False
        for tr in self.children(tbl, n.tr):
            trpr = tr.find(n.trPr)
            if trpr is not None and trpr.find(n.del_) is not None:
                continue  # a deleted row (tracked change): gone once accepted
            rows += 1
            col = 1
            if trpr is not None:
                before = trpr.find(n.gridBefore)
                if before is not None:
                    col += int_or(before.get(n.val), 0)
                if rows == 1:
                    head = trpr.find(n.tblHeader)
                    header_row = head is not None and is_on(head, n.val)
            for tc in self.children(tr, n.tc):
                tcpr = tc.find(n.tcPr)
                span = 1
                skip = False
                if tcpr is not None:
                    gs = tcpr.find(n.gridSpan)
                    if gs is not None:
                        span = max(int_or(gs.get(n.val), 1), 1)
                    vm = tcpr.find(n.vMerge)
                    if vm is not None and (vm.get(n.val) or "continue") != "restart":
                        skip = True
                    if tcpr.find(n.cellDel) is not None:
                        skip = True
                if not skip:
                    self.blocks(tc, replace(ctx, cell=(number, rows, col), tables=nested, body=False))
                col += span
            columns = max(columns, col - 1)
        end = out.blocks[-1].end if len(out.blocks) > first else start
        out.feature("table", start, end, {"rows": rows, "columns": columns, "header_row": header_row,
                                          "table": number}, where, len(out.blocks) > first)

    def children(self, parent: Any, tag: str) -> Iterable[Any]:
        """The ``tag`` children of a table or row (``w:tr`` or ``w:tc``), also inside content controls,
        custom XML and tracked insertions or moves."""
        n = self.n
        for child in parent:
            if child.tag == tag:
                yield child
            elif child.tag == n.sdt:
                content = child.find(n.sdtContent)
                if content is not None:
                    yield from self.children(content, tag)
            elif child.tag in (n.customXml, n.ins, n.moveTo):
                yield from self.children(child, tag)

    # -- paragraphs ------------------------------------------------------------------------

    def paragraph(self, p: Any, ctx: Ctx) -> None:
        n = self.n
        style_id = None
        direct_outline = None
        direct_list = None
        direct_jc = None
        ppr = p.find(n.pPr)
        if ppr is not None:
            for c in ppr:
                t = c.tag
                if t == n.pStyle:
                    style_id = c.get(n.val)
                elif t == n.outlineLvl:
                    try:
                        direct_outline = int(c.get(n.val) or "")
                    except ValueError:
                        pass
                elif t == n.numPr:
                    nid = c.find(n.numId)
                    direct_list = nid is None or (nid.get(n.val) or "0") != "0"
                elif t == n.jc:
                    direct_jc = c.get(n.val)
        style = self.styles.para(style_id)
        if direct_outline is not None:
            level = direct_outline + 1 if 0 <= direct_outline <= 8 else 0
        else:
            level = style.level
        listed = style.listed if direct_list is None else direct_list
        justified = style.justified if direct_jc is None else direct_jc in ("both", "distribute")

        para = Para()
        self.inline(p, para, style, ctx)

        out = self.out
        kind, locator = block_kind_and_locator(ctx, level, listed, self.paragraph_index(ctx.xml_part, p))
        section = self.section_for(ctx)
        where = {**locator, "section": section}
        done = out.emit(para, kind, level if kind is BlockKind.HEADING else 0, section, locator, ctx.xml_part, p)
        if level:
            out.feature("heading", done.start, done.start + done.length,
                        {"level": level, "text": " ".join(done.text.split()), "style": style.name},
                        where, done.block is not None)
            if ctx.body and ctx.cell is None and done.block is not None:
                out.section = " ".join(done.text.split())
        out.paragraph_features(para, done, style.size, justified, style.name, where)
        self.marks(para, done, ctx)
        for box in para.boxes:
            self.text_boxes += 1
            label = f"text box {self.text_boxes}"
            box_ctx = Ctx("text box", label, ctx.xml_part, Tables(), note=ctx.note, section=ctx.section,
                           fixed_section=ctx.fixed_section)
            self.blocks(box, box_ctx)

    def marks(self, para: Para, done: Emitted, ctx: Ctx) -> None:
        for raw, what, payload in para.marks:
            at = done.to_source(raw)
            if what in ("footnote", "endnote"):
                refs = self.note_refs[what]
                if all(r[0] != payload for r in refs):
                    refs.append((payload, self.section_for(ctx)))
            elif what == "ref":
                self.comment_at(payload, "ref", (done.start, done.start + done.length), ctx)
            else:
                self.comment_at(payload, what, at, ctx)


def _plain_text(el: Any, n: Names) -> str:
    """The text of a comment: its w:t, without deleted text; paragraphs and tabs as spaces."""
    parts: list[str] = []
    skip = {n.del_, n.moveFrom, n.instrText, n.delText}

    def walk(node: Any) -> None:
        for c in node:
            t = c.tag
            if t in skip:
                continue
            if t == n.t:
                parts.append(c.text or "")
            elif t in (n.tab, n.br, n.cr):
                parts.append(" ")
            elif t == n.p:
                walk(c)
                parts.append(" ")
            elif isinstance(t, str):
                walk(c)

    walk(el)
    return " ".join("".join(parts).split())
