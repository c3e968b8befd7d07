"""The editing model behind ``speakeasy review`` (no textual here: it is tested on its own).

A :class:`ReviewSession` holds one document being reviewed:

* the current text (Markdown and plain text: the file's text; Word: the
  text speakeasy read, one line per paragraph, for showing and scoring),
* the findings of the latest lint of that text, less the ones skipped, kept
  or ignored in this session,
* everything chosen so far, as a list of states, so :meth:`undo` can go back
  step by step to the exact original.

Nothing is written until :meth:`save`:

* Markdown and text files are written again atomically (byte-order mark
  kept), after the old text is kept (:mod:`speakeasy.backups`): git's last
  commit when it holds that text, otherwise a copy next to the file,
  ``NAME.bak`` (never over another file).  :attr:`ReviewSession.backup_note`
  says which, in words.  A symbolic link is refused, never written through.
* Word files: the chosen replacements are applied to the runs, as
  ``speakeasy fix`` does (a bold word stays bold), and the original is
  untouched.  The user chooses on save between a clean copy, written next to
  the file as ``NAME.fixed.docx``, and a copy with tracked changes,
  ``NAME.suggestions.docx``: each replacement a real tracked change (a
  deletion and an insertion by "speakeasy") with a Word comment saying why,
  as ``speakeasy fix --as-suggestions`` writes them.
* ``k`` (keep a word for the whole project) appends the word to ``keep:`` in
  the configuration file in use (``.speakeasy.yaml``), or creates one.
* ``i`` (ignore here) and ``d`` (turn a rule off for this file) in Markdown
  write speakeasy comments into the text (``<!-- speakeasy-disable-next-line
  RULE -- reason -->`` on the line before; ``<!-- speakeasy-disable RULE -->``
  at the top).  Other formats have no comments speakeasy reads, so these go
  to a project ignore file, :data:`IGNORE_FILE`, next to the configuration:
  a YAML list of entries ``{file, rule, match, context, reason}`` (``match``
  and ``context`` are left out when the whole rule is off for the file).
  ``speakeasy review`` and ``speakeasy check`` both honour that file
  (:mod:`speakeasy.ignorefile`).

How a file is written is its reader's to say (:func:`speakeasy.readers.capabilities`).
Files speakeasy cannot write (web pages, PDF files, and the formats of plugin
readers such as e-mails) open **read only** (:attr:`ReviewSession.read_only`): the
findings, their plain alternatives, skip, ignore, keep and turning a rule
off all work (the last three are saved to the ignore file and the
configuration, never to the document), but :meth:`ReviewSession.apply`
refuses with :attr:`ReviewSession.cannot_write`.  The screen shows the
blocks speakeasy read (:attr:`ReviewSession.view`), not the file's markup.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import InputError, SpeakeasyError
from ..backups import refuse_links, write_in_place
from ..io.atomic import write_atomically
from ..model import Finding
from ..paths import read_file
from .saving import add_ignore_entries, add_keep_words, save_docx
from .state import Scores, State, Step, edited, line_around, preview_words

if TYPE_CHECKING:  # pragma: no cover
    from ..ruleset import RuleSet

IGNORE_FILE = ".speakeasy-ignore.yaml"
CONFIG_FILE = ".speakeasy.yaml"
LONG_SENTENCE_RULES = ("length.sentence",)



class ReviewSession:
    """One document under review.  See the module docstring."""

    def __init__(self, path: str, ruleset: "RuleSet") -> None:
        from ..readers import ReadOptions, capabilities, read_bytes, read_file, supported_suffixes

        self.path = str(path)
        self.ruleset = ruleset
        caps = capabilities(path=self.path)
        if caps is None:
            raise InputError(self.path, "speakeasy cannot review this kind of file. "
                             f"It reads: {', '.join(supported_suffixes())}.", "unsupported")
        #: what the reader says can be done with the file (:class:`speakeasy.readers.Capabilities`)
        self.capabilities = caps
        self.format = caps.format
        #: speakeasy cannot write this format: findings can be skipped, ignored and kept, not changed
        self.read_only = not caps.can_fix
        raw = read_file(self.path)  # a regular file only: a named pipe would wait for ever
        #: the file as it was read, and as this session last wrote it (None before the first save)
        self.raw = raw
        self._written: bytes | None = None
        #: after saving a Markdown or text file: where its old text is, in one line
        self.backup_note = ""
        self._kept_note = ""
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        options = ReadOptions.from_settings(ruleset.settings)
        if not self.read_only:
            # Word comments stay out: saving maps the changes back to the file as read without them
            options = dataclasses.replace(options, include_comments=False)
        self.options = options
        self._view_text: str | None = None
        doc = read_bytes(self.path, raw, options=options)  # the very bytes kept in self.raw
        self.original = doc.source
        self.state = State(doc.source)
        self.saved_state = self.state
        self.history: list[Step] = []
        self._docx_findings: list[Finding] = []
        self.ignore_entries = self._load_ignore_file()
        self.findings: list[Finding] = []
        self.stats: dict[str, Any] = {}
        self.document = doc
        self.all_findings: list[Finding] = []
        self._relint(doc)

    # -- where things are written ---------------------------------------------------------

    @property
    def comments_in_text(self) -> bool:
        """Do ignoring and turning a rule off write speakeasy comments into the text? (Markdown only.)"""
        return self.capabilities.comments_in_text

    @property
    def edits_runs(self) -> bool:
        """A package format (Word or OpenDocument): edits go back into its runs on save, in a copy."""
        from ..readers import FIX_RUNS

        return self.capabilities.fix == FIX_RUNS

    @property
    def can_suggest(self) -> bool:
        """Can saving write tracked changes? (Word only.)"""
        return self.capabilities.tracked_changes

    @property
    def cannot_write(self) -> str:
        """Read-only files: why nothing can be changed, in one short sentence."""
        return self.capabilities.cannot_write

    @property
    def how_to_change(self) -> str:
        """Read-only files: what to do instead, in one short sentence."""
        return self.capabilities.how_to_change

    @property
    def view(self) -> list[tuple[int, int]] | None:
        """Read-only files: the ranges of :attr:`view_text` to show (the blocks speakeasy read).

        None for the other files: show the whole text.
        """
        if not self.read_only:
            return None
        return [(b.start, b.end) for b in self.document.blocks]

    def in_view(self, finding: Finding) -> bool:
        """Is the finding inside the text shown? (Read-only files: not when it is at markup, like an <img> tag.)"""
        view = self.view
        return view is None or any(a <= finding.start and finding.end <= b for a, b in view)

    @property
    def view_text(self) -> str:
        """The text to show, as long as the file's text, so findings' offsets work in it.

        Read-only files: each block's text in its place (markup and code hidden by
        spaces) and spaces elsewhere.  Other files: the text itself.
        """
        if not self.read_only:
            return self.state.text
        if self._view_text is None:  # the text of a read-only file never changes: made once
            chars = [" "] * len(self.state.text)
            for b in self.document.blocks:
                chars[b.start:b.end] = b.text
            self._view_text = "".join(chars)
        return self._view_text

    @property
    def project_root(self) -> Path:
        cfg = self.ruleset.settings.config_path
        return cfg.resolve().parent if cfg is not None else Path(self.ruleset.settings.root)

    @property
    def config_target(self) -> Path:
        """The ``.speakeasy.yaml`` that ``k`` adds words to (it may not exist yet)."""
        cfg = self.ruleset.settings.config_path
        if cfg is not None and cfg.name in (".speakeasy.yaml", ".speakeasy.yml"):
            return cfg
        return self.project_root / CONFIG_FILE

    @property
    def ignore_path(self) -> Path:
        return self.project_root / IGNORE_FILE

    @property
    def output_path(self) -> str:
        """Where :meth:`save` writes the document (Word: the clean copy)."""
        return self.output_path_for(as_suggestions=False)

    def output_path_for(self, as_suggestions: bool = False) -> str:
        """Where the document goes: Word files get ``NAME.fixed.docx`` or ``NAME.suggestions.docx``."""
        if self.edits_runs:
            p = Path(self.path)
            kind = ".suggestions" if as_suggestions else ".fixed"
            return str(p.with_name(p.stem + kind + p.suffix))
        return self.path

    def _rel(self) -> str:
        try:
            return Path(self.path).resolve().relative_to(self.project_root.resolve()).as_posix()
        except ValueError:
            return Path(self.path).resolve().as_posix()

    def _load_ignore_file(self) -> list[dict[str, Any]]:
        p = self.ignore_path
        if not p.exists():
            return []
        try:
            # a regular file only: a named pipe would wait for ever (speakeasy check warns about it)
            data = yaml.safe_load(read_file(p, str(p), "ignore file").decode("utf-8")) or []
        except (InputError, UnicodeDecodeError, yaml.YAMLError):
            return []
        return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []

    # -- linting --------------------------------------------------------------------------

    def _relint(self, doc: Any = None) -> None:
        from ..engine import lint_document
        from ..readers import read_bytes

        if self.read_only:
            if doc is not None:  # the text never changes: the first lint is the only one
                result = lint_document(doc, self.ruleset)
                self.stats = result.stats
                self.document = doc
                self.all_findings = result.findings
        elif self.edits_runs:
            if doc is not None:  # the first read: the findings stay those of the file as read
                self._docx_findings = lint_document(doc, self.ruleset).findings
            text_doc = read_bytes(self.path + ".txt", self.state.text.encode("utf-8"), "text")
            result = lint_document(text_doc, self.ruleset)
            self.stats = result.stats
            self.document = text_doc
            self.all_findings = self._docx_view()
        else:
            doc = read_bytes(self.path, self.state.text.encode("utf-8"), self.format)
            result = lint_document(doc, self.ruleset)
            self.stats = result.stats
            self.document = doc
            self.all_findings = result.findings
        self.findings = [f for f in self.all_findings if not self._hidden(f)]

    def _docx_view(self) -> list[Finding]:
        """The Word findings not yet replaced, with offsets moved to the current text."""
        out = []
        edits = sorted(self.state.docx_edits)
        for f in self._docx_findings:
            if any(a < f.end and f.start < b for a, b, _, _ in edits):
                continue
            delta = sum(len(r) - (b - a) for a, b, r, _ in edits if b <= f.start)
            g = dataclasses.replace(f, start=f.start + delta, end=f.end + delta, extra=dict(f.extra))
            g.extra["original_span"] = (f.start, f.end)
            out.append(g)
        return out

    def _line_of(self, offset: int) -> str:
        return line_around(self.state.text, offset)

    def _hidden(self, f: Finding) -> bool:
        if (f.rule, f.start, f.end) in self.state.skipped:
            return True
        word = " ".join(f.match.split()).lower()
        if word and word in {k.lower() for k in self.state.keep}:
            return True
        rel = self._rel()
        for e in [*self.ignore_entries, *self.state.ignores]:
            if e.get("file") != rel or e.get("rule") != f.rule:
                continue
            if "match" not in e:
                return True  # the rule is off for the whole file
            if " ".join(str(e["match"]).split()).lower() == word and (
                "context" not in e or e["context"] == self._line_of(f.start)
            ):
                return True
        return False

    # -- scores ---------------------------------------------------------------------------

    def scores(self, finding: Finding | None = None) -> Scores:
        """Readability of the whole document, and of the paragraph holding ``finding``."""
        from ..analysis import Analysis

        keys = ("plain_score", "reading_age")
        out = Scores({k: self.stats[k] for k in keys if k in self.stats})
        if finding is not None:
            block = self.document.block_at(finding.start)
            if block is not None:
                analysis = Analysis(self.document, self.ruleset.settings["language_model"], frozenset({"sentences"}))
                plain = analysis.plain_blocks()[self.document.blocks.index(block)]
                if plain is not None:
                    out.paragraph = {"plain_score": round(plain.score, 1), "reading_age": plain.reading_age}
        return out

    # -- steps ----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self.state.text

    @property
    def dirty(self) -> bool:
        return self.state != self.saved_state

    def can_undo(self) -> bool:
        return bool(self.history)

    def _push(self, label: str, new: State) -> None:
        self.history.append(Step(label, self.state))
        self.state = new
        self._relint()

    def _edit_state(self, a: int, b: int, replacement: str, base: State | None = None, **changes: Any) -> State:
        """The state after replacing ``text[a:b]``, with skipped places moved along."""
        return edited(self.state if base is None else base, a, b, replacement, **changes)

    @staticmethod
    def is_long_sentence(f: Finding) -> bool:
        return f.rule in LONG_SENTENCE_RULES or "split_after" in (f.extra or {})

    def apply(self, finding: Finding, replacement: str, typed: bool = False) -> None:
        """Replace the finding's words by ``replacement`` (one of its suggestions, or ``typed`` by hand).

        A long sentence is only ever changed by hand (``typed``): speakeasy has no fix for it.
        """
        if self.read_only:
            raise SpeakeasyError(f"{self.cannot_write} {self.how_to_change}")
        if self.is_long_sentence(finding) and not typed:
            raise SpeakeasyError("A long sentence needs a person to split it; speakeasy does not change it.")
        if self.edits_runs:
            start, end = finding.extra.get("original_span", (finding.start, finding.end))
            new = self._edit_state(finding.start, finding.end, replacement,
                                   docx_edits=self.state.docx_edits + ((start, end, replacement, finding.match),))
        else:
            new = self._edit_state(finding.start, finding.end, replacement)
        self._push(f"'{finding.match}' -> '{replacement}'", new)

    @staticmethod
    def term_of(finding: Finding) -> tuple[str, str, str, Any] | None:
        """The rule and wordlist entry behind a finding (None when it did not come from a word list)."""
        origin = finding.origin or {}
        term = origin.get("term")
        if not term:
            return None
        return (finding.rule, str(term), str(origin.get("wordlist", origin.get("file", ""))), origin.get("line"))

    def same_term(self, finding: Finding) -> list[Finding]:
        """Every finding still to review of the same rule and word list entry as ``finding`` that has one
        plain alternative to put in (its edit), in the order of the text, without overlaps.

        Each keeps its own replacement, in the case and form of its own place
        ("Utilise" gets "Use", "utilised" gets "used").  Empty for a finding
        with no edit, and for read-only files.
        """
        key = self.term_of(finding)
        if key is None or finding.edit is None or self.read_only:
            return []
        out: list[Finding] = []
        last_end = -1
        for f in sorted(self.findings, key=lambda f: (f.start, f.end)):
            if f.edit is None or self.term_of(f) != key or self.is_long_sentence(f) or f.start < last_end:
                continue
            if self.state.text[f.start:f.end] != f.match:
                continue  # the text there is not what was flagged: leave it to a person
            out.append(f)
            last_end = f.end
        return out

    def preview(self, finding: Finding, width: int = 70) -> tuple[str, str, str]:
        """(where, before, after): the words around ``finding`` before and after its edit, changed words in [brackets]."""
        before, after = preview_words(self.state.text, finding, width)
        if not self.capabilities.line_numbers:  # the lines of the text shown are not the file's: say where in words
            where = finding.location or f"paragraph {finding.line}"
        else:
            where = f"line {finding.line}"
        return where, before, after

    def apply_all(self, findings: list[Finding]) -> int:
        """Put each finding's own plain alternative in its place, as one step (one undo); returns how many.

        Only findings with an edit, whose words are still in the text, and
        that do not overlap one another are changed.
        """
        if self.read_only:
            raise SpeakeasyError(f"{self.cannot_write} {self.how_to_change}")
        chosen: list[Finding] = []
        last_end = -1
        for f in sorted(findings, key=lambda f: (f.start, f.end)):
            if f.edit is None or self.is_long_sentence(f) or f.start < last_end:
                continue
            if self.state.text[f.start:f.end] != f.match:
                continue
            chosen.append(f)
            last_end = f.end
        if not chosen:
            raise SpeakeasyError("There is nothing here speakeasy can change for you.")
        state = self.state
        for f in reversed(chosen):  # last first, so the earlier places stay where they are
            assert f.edit is not None
            replacement = f.edit.replacement
            if self.edits_runs:
                start, end = f.extra.get("original_span", (f.start, f.end))
                state = self._edit_state(f.start, f.end, replacement, base=state,
                                         docx_edits=state.docx_edits + ((start, end, replacement, f.match),))
            else:
                state = self._edit_state(f.start, f.end, replacement, base=state)
        first = chosen[0]
        assert first.edit is not None
        word = " ".join(first.match.split())
        self._push(f"'{word}' -> '{first.edit.replacement}' in {len(chosen)} places", state)
        return len(chosen)

    def skip(self, finding: Finding) -> None:
        """Leave this finding as it is for this session (nothing is written)."""
        self._push(f"skip '{finding.match}'",
                   dataclasses.replace(self.state, skipped=self.state.skipped | {(finding.rule, finding.start, finding.end)}))

    def keep(self, finding: Finding) -> None:
        """Keep this word for the whole project: added to ``keep:`` on save."""
        word = " ".join(finding.match.split())
        if not word or self.is_long_sentence(finding):
            raise SpeakeasyError("Only a word or phrase can be kept, not a whole sentence.")
        self._push(f"keep '{word}'", dataclasses.replace(self.state, keep=self.state.keep + (word,)))

    def ignore(self, finding: Finding, reason: str = "") -> None:
        """Ignore this finding here, with a reason."""
        reason = " ".join(reason.split()).replace("--", "-")
        if self.comments_in_text:
            text = self.state.text
            a = text.rfind("\n", 0, finding.start) + 1
            indent = re.match(r"[ \t]*", text[a:]).group(0)  # type: ignore[union-attr]
            newline = "\r\n" if "\r\n" in text else "\n"
            comment = f"{indent}<!-- speakeasy-disable-next-line {finding.rule}{' -- ' + reason if reason else ''} -->"
            self._push(f"ignore '{finding.match}'", self._edit_state(a, a, comment + newline))
            return
        entry = {"file": self._rel(), "rule": finding.rule, "match": " ".join(finding.match.split()),
                 "context": self._line_of(finding.start)}
        if reason:
            entry["reason"] = reason
        self._push(f"ignore '{finding.match}'", dataclasses.replace(self.state, ignores=self.state.ignores + (entry,)))

    def disable(self, finding: Finding) -> None:
        """Turn the finding's rule off for this file."""
        if self.comments_in_text:
            text = self.state.text
            at = 0
            front = re.match(r"---\r?\n.*?\r?\n---\r?\n", text, re.S)
            if front:
                at = front.end()
            newline = "\r\n" if "\r\n" in text else "\n"
            line = f"<!-- speakeasy-disable {finding.rule} -->{newline}{newline}"
            self._push(f"turn off {finding.rule}", self._edit_state(at, at, line))
            return
        entry = {"file": self._rel(), "rule": finding.rule}
        self._push(f"turn off {finding.rule}", dataclasses.replace(self.state, ignores=self.state.ignores + (entry,)))

    def undo(self) -> str | None:
        """Undo the last step; returns what it was, or None when there is nothing to undo."""
        if not self.history:
            return None
        step = self.history.pop()
        self.state = step.before
        self._relint()
        return step.label

    # -- saving ---------------------------------------------------------------------------

    def changed_on_disk(self) -> str:
        """'' when the file holds what this session read (or last saved); otherwise what happened, in words.

        Someone may have saved the file in another editor while it was open
        here.  Saving would then replace their text (kept first as a backup,
        as always), so :class:`~speakeasy.tui.app.ReviewApp` asks before it
        saves.  A Word or OpenDocument file is never replaced, but its copy is
        made from the file as it was opened, without the new changes.
        """
        from ..readers import read_file

        if self.read_only:
            return ""
        try:
            on_disk = read_file(self.path)
        except InputError as exc:
            if exc.code == "not-found":
                return f"{self.path} has been moved or deleted since you opened it."
            return ""  # saving says what is wrong
        expected = self._written if self._written is not None else self.raw
        if on_disk == expected:
            return ""
        return f"{self.path} has changed since you opened it: it was saved in another program."

    def save(self, as_suggestions: bool = False) -> list[str]:
        """Write everything chosen; returns the paths written.

        ``as_suggestions`` (Word only): write ``NAME.suggestions.docx``, each
        chosen replacement a tracked change by "speakeasy" with a comment,
        instead of the clean copy ``NAME.fixed.docx``.
        """
        written: list[str] = []
        saved = self.saved_state
        if self.edits_runs:
            target = self.output_path_for(as_suggestions)
            if self.state.docx_edits != saved.docx_edits or not Path(target).exists():
                findings = {(f.start, f.end): f for f in self._docx_findings}
                save_docx(self.path, list(self.state.docx_edits), target, as_suggestions=as_suggestions,
                          findings=findings, data=self.raw)
                written.append(target)
        elif self.state.text != saved.text:
            data = self.state.text.encode("utf-8")
            if self.bom:
                data = b"\xef\xbb\xbf" + data
            self.backup_note = self._write_document(data)
            written.append(self.path)
        new_words = [w for w in self.state.keep if w not in saved.keep]
        if new_words:
            add_keep_words(self.config_target, new_words)
            written.append(str(self.config_target))
        new_ignores = [e for e in self.state.ignores if e not in saved.ignores]
        if new_ignores:
            add_ignore_entries(self.ignore_path, new_ignores)
            self.ignore_entries.extend(new_ignores)
            written.append(str(self.ignore_path))
        self.saved_state = self.state
        return written

    def _write_document(self, data: bytes) -> str:
        """Write the Markdown or text file, keeping its old text first; returns where that is, in words.

        The old text is kept when the file holds text this session did not
        write (as opened, or changed by someone else meanwhile).  When it holds
        exactly what this session saved last, the text from before the review
        is kept already (the note says where, as before), and the file
        is written again without another copy.
        """
        from ..readers import read_file

        refuse_links(self.path)
        try:
            on_disk: bytes | None = read_file(self.path)  # a named pipe put in its place is not waited on
        except InputError as exc:
            if exc.code != "not-found":
                raise
            on_disk = None
        if on_disk is not None and on_disk == self._written and self._kept_note:
            write_atomically(self.path, data, like=self.path)
            note = self._kept_note
        else:
            kept = write_in_place(self.path, data)
            note = self._kept_note = kept.message(self.path) if kept is not None else ""
            if on_disk is not None and on_disk != self.raw and on_disk != self._written:
                note = f"{self.path} had changed since you opened it. {note}"
        self._written = data
        return note
