"""Slides: PowerPoint ``.pptx`` (:mod:`.pptx`, with :mod:`.drawingml`) and LibreOffice Impress ``.odp`` (:mod:`.odp`).

Both readers read a presentation the way a screen reader goes through it:
slide by slide, and on each slide its shapes in their reading order (the
order they are kept in the file, which PowerPoint's Reading Order pane and
LibreOffice's Navigator show), groups shape by shape, then the slide's
speaker notes.  Each paragraph of text is one block:

* the slide's title (a title placeholder) is a ``HEADING`` of level 1, at
  "slide 4, title";
* other text (body placeholders, text boxes, shapes with text, shapes in
  groups) is a ``PARAGRAPH`` at "slide 4, text";
* table cells are ``TABLE_CELL`` blocks at "slide 4, table 1, row 2, column 1";
* speaker notes are ``PARAGRAPH`` blocks at "slide 4, notes".

Slide numbers, dates and slide images on the notes page are not read: they
are made by the program, not written by a person.

Every block's locator has ``part`` ("slide" or "notes"), ``part_label``
("slide 4, title"), ``slide`` (its number), ``shape`` (the shape's name),
``xml_part`` and ``paragraph`` as the Word reader's do, so a finding's
location reads "slide 4, notes".

Features (for the ``slides`` checks of ``accessibility``):

* ``slide``: one for each slide: ``slide`` (number), ``title`` (its text, or
  None), ``title_shape`` (it has a title placeholder, empty or not),
  ``hidden``, and ``shapes``: the shapes with text or pictures in
  reading order, each with its ``name``, ``role`` ("title", "text",
  "table", "picture"), the first words of its ``text``, and its ``box``
  (left, top, right, bottom in points) when the file says where it is;
* ``slide-image``: a picture (or chart, or diagram) with its ``alt`` text,
  ``name``, ``decorative`` and ``slide``;
* ``slide-table``: ``rows``, ``columns``, ``header_row`` and ``table``;
* ``slide-link``: a link's ``text`` and ``url``, over the link's words.

``Document.native`` is a :class:`~speakeasy.readers.office.common.Native`,
so ``speakeasy fix`` and ``speakeasy review`` change the words in their runs
(:func:`speakeasy.writers.docx.apply_to_runs`), keeping the formatting.  The
packages are opened with the same limits and checks as Word files
(:mod:`speakeasy.readers.ooxml_safe`).
"""
