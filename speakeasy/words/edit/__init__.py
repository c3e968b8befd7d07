"""``speakeasy words edit``: browse, search, add and edit the words of one wordlist in a form.

For forum members who prefer a form to a text editor.  Nothing here is
new: the form is a client of :class:`~speakeasy.words.store.WordlistFile`,
like ``words add`` and ``words import``.  A save opens the file from disk
again, changes only the keys the person changed (``update``) or adds the new
entry in A-to-Z place (``add``), and writes it with ``save()``: the strict
loader checks the new text first, the file is replaced atomically, and every
other line stays exactly as it was.

The package has two halves:

* The form model: ``form.py`` reads an entry into form values and checks
  them, and :class:`~.editor.WordlistEditor` in ``editor.py`` saves them.
  They do not use textual, and neither does importing this package
  (:func:`run` imports the screen), so the forum's web pages use them too.
* :class:`~.app.WordsEditApp` in ``app.py`` shows the model, with the
  controls and dialogs of ``widgets.py``.  Everything works with the keyboard
  alone, in the order of the screen: search, list, then the boxes in the
  order a wordlist file has its keys, then the buttons.

Choices for people who use screen readers or cannot tell colours apart:

* Every control has its label on the line above it, saying what to write.
  The line at the bottom says in words which box has the focus ("Why: ...
  Box 3 of 14."), and the line above it what the last save did ("Saved ...",
  "Not saved: ..."); a problem also moves the focus to the box it is in.
* ``Use instead``, ``As``, ``When`` and ``Unless`` are one-line boxes with
  ``;`` between the words, not multi-line boxes.  A screen reader reads a
  one-line box in one go, and Enter and Tab do the same there as in the
  other one-line boxes; it is also the rule of the ``words import``
  spreadsheets, and so is the way to give plain words for each part of
  speech: ``noun: effect; verb: affect; change``.  Example sentences may
  have ``;`` in them, so they are one on each line, as in the spreadsheets;
  that box is the only one where Enter starts a new line, and its label says
  so.
* ``How near``, ``Fix by itself`` and ``Status`` are lists to choose from,
  each choice in words ("safe: speakeasy fix puts the plain word in by
  itself").  ``Fix by itself`` is a list, not a tick box, because its two
  choices are both answers (ask or safe), and the list says what each does.
* Nothing is shown by colour alone: the highlighted entry starts with ``>``,
  the box with the focus has a bar down its left side and its label in
  reverse video, a ticked box shows ``[X]`` and says yes, and the status line
  says "unsaved changes".  With ``NO_COLOR`` set, Textual draws in one colour
  and all of these still show.
* Keys are Ctrl and function keys, so typing in a box never sets one off.
  The Save, New entry and Help buttons at the end of the form do the same as
  the keys, for people who move with Tab.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .editor import WordlistEditor


def run(path: Path, settings: Any = None, *, high_contrast: bool = False,
        keymap: dict[str, str] | None = None) -> int:
    """Open the form on the wordlist at ``path`` (made on the first save if it does not exist).

    A list that does not load raises :class:`DataErrors` before the screen
    opens, so the problems are printed like those of ``words check``.
    """
    from .app import WordsEditApp

    editor = WordlistEditor(path, settings)
    if keymap is None and settings is not None:
        try:
            keymap = {str(k): str(v) for k, v in (settings["keymap"] or {}).items()}
        except (KeyError, TypeError):
            keymap = None
    app = WordsEditApp(editor, high_contrast=high_contrast, keymap=keymap)
    result = app.run()
    return int(result or 0)
