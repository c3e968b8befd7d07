"""speakeasy's findings as the Language Server Protocol has them: diagnostics, code actions and hover text.

Each function takes a :class:`~speakeasy.lsp.checking.Checked` (the text as
it was checked, and its findings) and a :class:`~speakeasy.lsp.positions.LineIndex`
of that same text, so every range is where the finding's words are in the
editor, in the code units the client and server agreed on.

What a quick fix may do follows ``speakeasy review`` and ``speakeasy fix``:

* it replaces exactly the finding's words by one of its plain alternatives,
  and only when the text there is still the words that were flagged;
* it is *preferred* (the one an editor may apply by itself, say on save) only
  when ``speakeasy fix`` would apply it without asking: the finding's fix is
  safe (see :func:`speakeasy.writers.common.safe_edits`) and the file is one
  that speakeasy fixes in its own text (Markdown or plain text);
* a long sentence gets none: a person splits it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..model import Finding, Level

if TYPE_CHECKING:  # pragma: no cover
    from .checking import Checked
    from .positions import LineIndex

__all__ = ["Choice", "FIX_ALL", "choices", "code_actions", "diagnostics", "hover_text", "lsp_range"]

SOURCE = "speakeasy"
#: The code action kind of "put in every safe plain word" (an editor may run it on save).
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.speakeasy"
_SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.SUGGESTION: types.DiagnosticSeverity.Information,
}
#: Findings about a whole sentence: a person rewrites it (as in speakeasy.tui.session).
_LONG_SENTENCE_RULES = ("length.sentence",)
#: The formats speakeasy fixes in the file's own text (speakeasy.readers.capabilities: fix="text").
_FIXED_IN_TEXT = ("markdown", "text")


def lsp_range(index: "LineIndex", start: int, end: int) -> types.Range:
    (l1, c1), (l2, c2) = index.position(start), index.position(end)
    return types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2))


def diagnostics(checked: "Checked", index: "LineIndex") -> list[types.Diagnostic]:
    """One diagnostic for each finding; one for settings that could not be used."""
    if checked.error:
        return [types.Diagnostic(range=lsp_range(index, 0, index.ends[0]), message=checked.error,
                                 severity=types.DiagnosticSeverity.Error, source=SOURCE, code="speakeasy.settings")]
    return [diagnostic(f, index) for f in checked.findings]


def diagnostic(f: Finding, index: "LineIndex") -> types.Diagnostic:
    return types.Diagnostic(range=lsp_range(index, f.start, f.end), message=f.message, severity=_SEVERITY[f.level],
                            source=SOURCE, code=f.rule)


@dataclass(frozen=True)
class Choice:
    """One plain alternative to put in place of a finding's words."""

    replacement: str
    #: what goes in the text (the replacement, with ``&`` and ``<`` written as HTML wants them in a web page)
    new_text: str
    #: speakeasy fix would put it in without asking
    safe: bool


def choices(checked: "Checked", f: Finding) -> list[Choice]:
    """The plain alternatives that may replace a finding's words, in the finding's order.

    None for a long sentence, for a finding with no alternatives, and where
    the text is not exactly the flagged words (a web page may write them
    with an entity or a tag inside).
    """
    if not f.suggestions or f.rule in _LONG_SENTENCE_RULES or "split_after" in (f.extra or {}):
        return []
    if f.end <= f.start or checked.text[f.start:f.end] != f.match:
        return []
    fixable = checked.format in _FIXED_IN_TEXT
    out = []
    for s in f.suggestions:
        edit = f.edit
        safe = (fixable and edit is not None and edit.safe and edit.replacement == s
                and (edit.start, edit.end) == (f.start, f.end))
        new_text = html.escape(s, quote=False) if checked.format == "html" else s
        out.append(Choice(s, new_text, safe))
    return out


def code_actions(checked: "Checked", index: "LineIndex", uri: str, version: int | None, wanted: types.Range,
                 only: list[str] | None, versioned: bool) -> list[types.CodeAction]:
    """The quick fixes for the findings in ``wanted``, and "put in every safe plain word" for the file."""
    start = index.offset(wanted.start.line, wanted.start.character)
    end = index.offset(wanted.end.line, wanted.end.character)
    out: list[types.CodeAction] = []

    def allowed(kind: str) -> bool:
        return not only or any(kind == k or kind.startswith(k + ".") for k in only)

    if allowed(types.CodeActionKind.QuickFix.value):
        for f in checked.findings:
            if not (f.start <= end and start <= f.end):
                continue
            word = " ".join(f.match.split())
            for c in choices(checked, f):
                title = f"Use '{c.replacement}' for '{word}'" + ("" if c.safe else " (check it still means the same)")
                out.append(types.CodeAction(
                    title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic(f, index)],
                    is_preferred=c.safe,
                    edit=_workspace_edit(uri, version, versioned, [_text_edit(index, f.start, f.end, c.new_text)])))
    if allowed(FIX_ALL):
        safe = _every_safe_fix(checked)
        if safe:
            edits = [_text_edit(index, f.start, f.end, c.new_text) for f, c in safe]
            n = len(safe)
            out.append(types.CodeAction(
                title=f"Put in the safe plain words ({n} {'place' if n == 1 else 'places'}), as speakeasy fix does",
                kind=FIX_ALL, edit=_workspace_edit(uri, version, versioned, edits)))
    return out


def _every_safe_fix(checked: "Checked") -> list[tuple[Finding, Choice]]:
    """The fixes speakeasy fix would apply (no two overlapping), as choices."""
    from ..writers.common import safe_edits

    chosen, _ = safe_edits(checked.findings)
    out = []
    for _, f in chosen:
        for c in choices(checked, f):
            if c.safe:
                out.append((f, c))
                break
    return out


def _text_edit(index: "LineIndex", start: int, end: int, new_text: str) -> types.TextEdit:
    return types.TextEdit(range=lsp_range(index, start, end), new_text=new_text)


def _workspace_edit(uri: str, version: int | None, versioned: bool, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    """The edits, tied to the version of the text they were worked out on when the client can check it."""
    if versioned and version is not None:
        doc = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=doc, edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def hover_text(checked: "Checked", offset: int, markdown: bool) -> str | None:
    """What the findings at ``offset`` are, why, and who agreed the words; None when there is none."""
    here = [f for f in checked.findings if f.start <= offset < f.end or f.start == f.end == offset]
    if not here:
        return None
    parts = [_explain(checked, f, markdown) for f in here]
    return ("\n\n---\n\n" if markdown else "\n\n").join(parts)


def _explain(checked: "Checked", f: Finding, markdown: bool) -> str:
    esc = _escape if markdown else (lambda s: s)
    bold = (lambda s: f"**{s}**") if markdown else (lambda s: s)
    origin: dict[str, Any] = f.origin or {}
    lines = [f"{bold(esc(f.message))}", f"{esc(str(f.level).capitalize())} from speakeasy rule {esc(f.rule)}."]
    if f.suggestions and f.rule not in _LONG_SENTENCE_RULES:
        lines.append("Plain words: " + esc("; ".join(f.suggestions)) + ".")
    rule = checked.ruleset.get(f.rule) if checked.ruleset is not None else None
    why = origin.get("why") or (rule.why if rule is not None else "")
    if why:
        lines.append(f"Why: {esc(' '.join(str(why).split()))}")
    lines += [esc(line) for line in provenance(origin)]
    return ("\n\n" if markdown else "\n").join(lines)


def provenance(origin: dict[str, Any]) -> list[str]:
    """Who agreed a word and where it is written down, from a finding's wordlist entry, in sentences."""
    if not origin.get("term"):
        return []
    out = []
    credit = origin.get("credit")
    status = origin.get("status")
    if credit:
        out.append(f"Who agreed it: {credit[:1].upper() + credit[1:]}"
                   + (f" (status: {status})." if status and status != "agreed" else "."))
    elif status:
        out.append(f"Status: {status}.")
    if origin.get("added_by") and "added by" not in str(credit or ""):
        when = f" on {origin['added']}" if origin.get("added") else ""
        out.append(f"Added by {origin['added_by']}{when}.")
    if origin.get("review_by"):
        out.append(f"To be looked at again by {origin['review_by']}.")
    where = origin.get("wordlist")
    if where:
        place = origin.get("file")
        if place and origin.get("line"):
            place = f"{place}, line {origin['line']}"
        out.append(f"Word list: {where}" + (f" ({place})." if place else "."))
    if origin.get("overrides"):
        out.append(f"This entry is your own: it takes the place of the entry in speakeasy's "
                   f"'{origin['overrides']}' list.")
    if origin.get("source"):
        licence = f", licence {origin['licence']}" if origin.get("licence") else ""
        out.append(f"Source: {origin['source']}{licence}.")
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _escape(text: str) -> str:
    """Text shown as Markdown exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", text)
