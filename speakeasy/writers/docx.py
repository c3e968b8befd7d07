"""Fixing Word (and OpenDocument and PowerPoint) files without losing their formatting.

The Word reader (:mod:`speakeasy.readers.docx`) maps every character of
every block back to the ``w:t`` element it came from.  A fix changes only
those elements:

* **clean fix** (``speakeasy fix policy.docx``): the replacement goes into the
  run where the flagged words start (so a bold word stays bold), and the rest
  of the flagged characters are removed from the other runs they were in.
  Text outside a finding is never moved between runs.  PowerPoint (``a:t``)
  and OpenDocument text and presentations are fixed the same way.
* **suggestions** (``--as-suggestions``): each fix becomes a real tracked
  change (a deletion and an insertion by the author "speakeasy"), with a
  Word comment saying why and who agreed the plain words.  The writer
  accepts or rejects each one in Word or LibreOffice.

Only the XML parts that changed are written again; every other part of the
package is copied byte for byte: its compressed bytes, a chunk at a time,
after the reader's checks (:meth:`~speakeasy.readers.ooxml_safe.Package.copy_member`),
so a large member the reader never needed is never unpacked or held whole.
Parts the writer reads again (``[Content_Types].xml``, relationships) go
through the reader's checks too.  The file is written atomically.

:func:`apply_to_runs` makes the changes, for ``speakeasy fix``
(:func:`fix_docx`) and for saving in ``speakeasy review`` alike.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from ..errors import InputError
from .common import FixResult, safe_edits, write_fixed
from ..model import Document, Edit, Finding
from ..readers.ooxml_safe import Package

if TYPE_CHECKING:  # pragma: no cover
    from ..ruleset import RuleSet
    from ..readers.office.common import Native

__all__ = ["RunEdit", "RunsResult", "apply_to_runs", "fix_docx", "runs_of"]

AUTHOR = "speakeasy"
XML_NS = "http://www.w3.org/XML/1998/namespace"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "http://purl.oclc.org/ooxml/wordprocessingml/main":
        "http://purl.oclc.org/ooxml/officeDocument/relationships/comments",
}
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


class RunEdit(NamedTuple):
    """One replacement to make in a Word or OpenDocument package's runs.

    * ``edit``: where (source offsets, as the reader read the file) and the
      replacement;
    * ``match``: the words the runs must hold there (white space made single),
      else the edit is left alone: the file is not what was read, so do not guess;
    * ``finding``: what the comment on a tracked change says why from (used
      only with ``as_suggestions``).
    """

    edit: Edit
    match: str
    finding: Finding | None = None


@dataclass
class RunsResult:
    """What :func:`apply_to_runs` did.

    ``data`` is the new package (the original bytes when nothing changed).
    ``applied`` and ``left`` (the edits that could not be made) are in the
    order they were tried: last in the document first.
    """

    data: bytes
    applied: list[RunEdit] = field(default_factory=list)
    left: list[RunEdit] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply_to_runs(native: "Native", edits: Iterable[RunEdit], as_suggestions: bool = False) -> RunsResult:
    """Make chosen replacements in the runs of the package ``native`` was read from (see the module notes).

    This is the one loop behind ``speakeasy fix`` (:func:`fix_docx`) and saving
    a Word or OpenDocument file in ``speakeasy review``.  ``native`` is the
    ``Document.native`` of a Word or OpenDocument file, and is changed in place.
    With ``as_suggestions`` (Word only), each replacement is a tracked change
    by "speakeasy" with a comment.  An edit is left when it covers a tab or a
    line break, when the runs do not hold its ``match``, or (as suggestions)
    when its words are not plain text in a run or are inside a tracked change
    already.  Nothing is written to disk: the caller writes ``data``.
    """
    # Last first, so offsets inside an element stay right for the earlier ones.
    ordered = sorted(edits, key=lambda e: e.edit.start, reverse=True)
    if as_suggestions and not _tracked_changes(native):
        raise ValueError("tracked changes can be written to Word files (.docx) only")
    if as_suggestions and any(e.finding is None for e in ordered):
        raise ValueError("a tracked change needs the finding its comment explains")
    result = RunsResult(native.data)
    changed_parts: set[str] = set()
    writer = _Suggestions(native, native.namespace) if as_suggestions else None
    for run_edit in ordered:
        edit = run_edit.edit
        spans = native.spans(edit.start, edit.end)
        if not spans or any(not piece.replaceable for _, piece, _, _ in spans) or (
            writer is not None and any(piece.slot != "text" for _, piece, _, _ in spans)
        ):
            result.left.append(run_edit)  # a tab or a line break inside: leave it to a person
            continue
        covered = "".join(_slot_text(piece)[a:b] for _, piece, a, b in spans)
        if " ".join(covered.split()) != " ".join(run_edit.match.split()):
            result.left.append(run_edit)  # the runs do not hold what was read: do not guess
            continue
        part = native.blocks[spans[0][0]].xml_part
        if writer is not None:
            assert run_edit.finding is not None  # checked above
            if not writer.suggest(spans, edit, run_edit.finding, part):
                result.left.append(run_edit)
                continue
        else:
            _replace(spans, edit.replacement)
        changed_parts.add(part)
        result.applied.append(run_edit)
    if changed_parts:
        extra = writer.finish(changed_parts) if writer is not None else {}
        result.data = _repackage(native, changed_parts, extra)
    return result


def fix_docx(path: str, ruleset: "RuleSet", target: str, as_suggestions: bool = False,
             backup: bool = False, write: bool = True) -> FixResult:
    """Apply the safe fixes to a Word file and write it to ``target``.

    Nothing is written when no fix applies, or when ``write`` is false.
    """
    from ..engine import lint_document
    from ..readers import read_path

    doc = read_path(path)
    native = runs_of(doc, path)
    if as_suggestions and not _tracked_changes(native):
        raise InputError(path, "--as-suggestions works with Word files (.docx) only.", "unsupported")
    findings = lint_document(doc, ruleset).findings
    chosen, held = safe_edits(findings)
    result = FixResult(path, target, held_back=list(held), original=native.data)
    runs = apply_to_runs(native, [RunEdit(edit, finding.match, finding) for edit, finding in chosen],
                         as_suggestions=as_suggestions)
    result.held_back.extend(run_edit.finding for run_edit in runs.left if run_edit.finding is not None)
    result.applied = [run_edit.finding for run_edit in reversed(runs.applied) if run_edit.finding is not None]
    if result.applied:
        result.data = runs.data
        if write:
            write_fixed(result, runs.data, backup)
    return result


def runs_of(doc: Document, path: str) -> "Native":
    """The runs map of a document read from a package whose reader fixes in runs (Word, OpenDocument).

    Raises :class:`InputError` for any other document: its text cannot be mapped back to runs.
    """
    from ..readers import FIX_RUNS, capabilities

    native = doc.native
    caps = capabilities(getattr(native, "format", None) or "") if native is not None else None
    if caps is None or caps.fix != FIX_RUNS:
        raise InputError(path, "speakeasy could not map this file's text back to Word runs.", "unsupported")
    return native


def _tracked_changes(native: "Native") -> bool:
    """Can the package ``native`` was read from hold tracked changes and comments? (Word only.)"""
    from ..readers import capabilities

    caps = capabilities(native.format)
    return caps is not None and caps.tracked_changes


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(f"{{{XML_NS}}}space", "preserve")


def _slot_text(piece: Any) -> str:
    """The text a piece's characters live in: the element's own text, or its tail (OpenDocument)."""
    return (piece.element.tail if piece.slot == "tail" else piece.element.text) or ""


def _replace(spans: list[tuple[int, Any, int, int]], replacement: str) -> None:
    """The replacement goes where the match starts; the rest of the match is removed."""
    first = True
    for _, piece, a, b in spans:
        el = piece.element
        text = _slot_text(piece)
        new = text[:a] + (replacement if first else "") + text[b:]
        if piece.slot == "tail":
            el.tail = new
        elif el.tag.endswith("}t") and "wordprocessingml" in el.tag:
            _set_text(el, new)  # Word: keep leading and trailing spaces with xml:space
        else:
            el.text = new
        first = False


class _Suggestions:
    """Tracked changes (w:del + w:ins by "speakeasy") with a comment on each."""

    def __init__(self, native: Any, w: str) -> None:
        self.native = native
        self.w = w
        self.date = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = self._max_id() + 1
        self.comments: list[tuple[int, str]] = []
        existing = native.parts.get("word/comments.xml")
        self.next_comment = 0
        if existing is not None:
            ids = [int(c.get(self.q("id"))) for c in existing.iter(self.q("comment")) if c.get(self.q("id"), "").isdigit()]
            self.next_comment = max(ids, default=-1) + 1

    def q(self, tag: str) -> str:
        return f"{{{self.w}}}{tag}"

    def _max_id(self) -> int:
        best = 0
        attr = self.q("id")
        for root in self.native.parts.values():
            for el in root.iter(self.q("ins"), self.q("del"), self.q("commentRangeStart"), self.q("bookmarkStart")):
                v = el.get(attr, "")
                if v.isdigit():
                    best = max(best, int(v))
        return best

    def _new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def _split(self, t: Any, a: int, b: int) -> tuple[Any, Any]:
        """Split the run holding ``t`` so that ``t.text[a:b]`` is a run of its own.

        Returns (the run with the middle part, the run's parent).  The other
        parts stay in runs with the same properties, in the same order.
        """
        r = t.getparent()
        parent = r.getparent()
        text = t.text or ""
        idx = list(r).index(t)
        rpr = r.find(self.q("rPr"))
        pos = parent.index(r)

        def run_with(children: list[Any]) -> Any:
            new = copy.deepcopy(r)
            for child in list(new):
                if child.tag != self.q("rPr"):
                    new.remove(child)
            for child in children:
                new.append(child)
            return new

        before_children = [copy.deepcopy(c) for c in list(r)[:idx] if c is not rpr]
        after_children = [copy.deepcopy(c) for c in list(r)[idx + 1 :]]
        pieces = []
        if a > 0 or before_children:
            t_before = copy.deepcopy(t)
            _set_text(t_before, text[:a])
            pieces.append(run_with(before_children + ([t_before] if a > 0 else [])))
        t_mid = copy.deepcopy(t)
        _set_text(t_mid, text[a:b])
        middle = run_with([t_mid])
        pieces.append(middle)
        if b < len(text) or after_children:
            t_after = copy.deepcopy(t)
            _set_text(t_after, text[b:])
            pieces.append(run_with(([t_after] if b < len(text) else []) + after_children))
        parent.remove(r)
        for k, piece in enumerate(pieces):
            parent.insert(pos + k, piece)
        return middle, parent

    def suggest(self, spans: list[tuple[int, Any, int, int]], edit: Edit, finding: Finding, part: str) -> bool:
        for _, piece, _, _ in spans:
            r = piece.element.getparent()
            if r is None or r.tag != self.q("r") or r.getparent() is None:
                return False
            if r.getparent().tag in (self.q("ins"), self.q("del")):
                return False  # already a tracked change: leave it to a person
        runs = []
        for _, piece, a, b in spans:
            middle, parent = self._split(piece.element, a, b)
            runs.append((middle, parent))
        first_run = runs[0][0]
        # the deletions
        for middle, parent in runs:
            t = middle.find(self.q("t"))
            t.tag = self.q("delText")
            d = parent.makeelement(self.q("del"), {self.q("id"): self._new_id(), self.q("author"): AUTHOR,
                                                   self.q("date"): self.date})
            pos = parent.index(middle)
            parent.remove(middle)
            d.append(middle)
            parent.insert(pos, d)
        # the insertion, right after the first deletion, in the first run's formatting
        first_del = first_run.getparent()
        parent = first_del.getparent()
        ins = parent.makeelement(self.q("ins"), {self.q("id"): self._new_id(), self.q("author"): AUTHOR,
                                                 self.q("date"): self.date})
        new_run = copy.deepcopy(first_run)
        for child in list(new_run):
            if child.tag != self.q("rPr"):
                new_run.remove(child)
        t = new_run.makeelement(self.q("t"), {})
        _set_text(t, edit.replacement)
        new_run.append(t)
        ins.append(new_run)
        # after the last deletion when it is beside the first; otherwise after the first
        last_del = runs[-1][0].getparent()
        anchor = last_del if last_del.getparent() is parent else first_del
        parent.insert(parent.index(anchor) + 1, ins)
        # a comment on the change, in the main document only (Word has no comments in headers or notes)
        if part == _main_part(self.native):
            cid = str(self.next_comment)
            self.next_comment += 1
            start = parent.makeelement(self.q("commentRangeStart"), {self.q("id"): cid})
            parent.insert(parent.index(first_del), start)
            end = parent.makeelement(self.q("commentRangeEnd"), {self.q("id"): cid})
            parent.insert(parent.index(ins) + 1, end)
            ref_run = parent.makeelement(self.q("r"), {})
            ref = ref_run.makeelement(self.q("commentReference"), {self.q("id"): cid})
            ref_run.append(ref)
            parent.insert(parent.index(end) + 1, ref_run)
            self.comments.append((int(cid), _comment_text(finding, edit)))
        return True

    def finish(self, changed_parts: set[str]) -> dict[str, bytes]:
        """Write the comments part (new or extended); return extra or replaced zip members."""
        if not self.comments:
            return {}
        from lxml import etree

        w = self.w
        extra: dict[str, bytes] = {}
        root = self.native.parts.get("word/comments.xml")
        new_part = root is None
        if new_part:
            root = etree.Element(self.q("comments"), nsmap={"w": w})
        for cid, text in self.comments:
            c = etree.SubElement(root, self.q("comment"), {self.q("id"): str(cid), self.q("author"): AUTHOR,
                                                          self.q("date"): self.date, self.q("initials"): "SE"})
            for para in text.split("\n"):
                p = etree.SubElement(c, self.q("p"))
                r = etree.SubElement(p, self.q("r"))
                t = etree.SubElement(r, self.q("t"))
                _set_text(t, para)
        self.native.parts["word/comments.xml"] = root
        changed_parts.add("word/comments.xml")
        if new_part:
            extra.update(self._register_comments_part())
        return extra

    def _register_comments_part(self) -> dict[str, bytes]:
        """Add the comments part to [Content_Types].xml and the main part's relationships."""
        from lxml import etree

        out: dict[str, bytes] = {}
        pkg = _package(self.native)
        ct = copy.deepcopy(pkg.xml("[Content_Types].xml"))
        if not any(o.get("PartName") == "/word/comments.xml" for o in ct.iter(f"{{{CT_NS}}}Override")):
            etree.SubElement(ct, f"{{{CT_NS}}}Override", {"PartName": "/word/comments.xml", "ContentType": COMMENTS_TYPE})
        out["[Content_Types].xml"] = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
        main = _main_part(self.native)
        folder, _, name = main.rpartition("/")
        rels_name = f"{folder}/_rels/{name}.rels"
        if pkg.has(rels_name):
            rels = copy.deepcopy(pkg.xml(rels_name))
        else:
            rels = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
        used = {r.get("Id") for r in rels}
        n = 1
        while f"rIdSpeakeasy{n}" in used:
            n += 1
        etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", {
            "Id": f"rIdSpeakeasy{n}", "Type": COMMENTS_REL.get(self.w, COMMENTS_REL[next(iter(COMMENTS_REL))]),
            "Target": "comments.xml"})
        out[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        return out


def _main_part(native: Any) -> str:
    for name in native.parts:
        if name.endswith("document.xml") and name.startswith("word/"):
            return name
    return "word/document.xml"


def _comment_text(finding: Finding, edit: Edit) -> str:
    origin = finding.origin or {}
    lines = [f"speakeasy suggests '{edit.replacement}' instead of '{' '.join(finding.match.split())}'."]
    if origin.get("why"):
        lines.append(origin["why"])
    credit = origin.get("credit")
    if credit:
        lines.append(f"The plain words were {credit}.")
    lines.append(f"Rule: {finding.rule}.")
    return "\n".join(lines)


def _package(native: Any) -> Package:
    """The source file as a :class:`Package`, with the reader's checks and limits."""
    from ..readers import FIX_RUNS, capabilities

    caps = capabilities(native.format)
    return Package(native.path, native.data, native.format if caps is not None and caps.fix == FIX_RUNS else "docx")


def _repackage(native: Any, changed: set[str], extra: dict[str, bytes]) -> bytes:
    """A new zip: changed parts written again, every other member copied byte for byte (see the module notes)."""
    from lxml import etree

    pkg = _package(native)
    out = io.BytesIO()
    written = set()
    with zipfile.ZipFile(out, "w") as dst:
        for info in pkg.zip.infolist():
            name = info.filename
            if name in extra:
                dst.writestr(info, extra[name])
            elif name in changed and name in native.parts:
                dst.writestr(info, etree.tostring(native.parts[name], xml_declaration=True, encoding="UTF-8",
                                                  standalone=True))
            else:
                pkg.copy_member(info, dst)
            written.add(name)
        for name in sorted((changed | set(extra)) - written):
            data = extra.get(name)
            if data is None:
                data = etree.tostring(native.parts[name], xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
