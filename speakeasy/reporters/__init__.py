"""Output formats: one registry, and one ``render`` signature for every format.

Each format is an :class:`OutputFormat`: its name (``--format NAME``), one
line for ``--help``, and where its render function is, as
``"module:function"`` (like an entry point's value).  The module is
imported only when the format is used, so ``speakeasy --help`` imports no
reporter.  The built-in formats are registered below with :func:`register`,
as another package's format would be; ``speakeasy check --format`` offers
every registered format whose ``check`` is true.

Every render function has the same signature (:class:`Render`)::

    render_stream(results, out, context) -> Tally

``results`` are the :class:`~speakeasy.model.FileResult` and
:class:`~speakeasy.model.ReadError` items of a run, as
:func:`speakeasy.runner.iter_results` yields them; each is written to the
text stream ``out`` as it comes, so a run over thousands of files does not
keep every finding.  ``context`` (:class:`Context`) carries what some formats
need besides the results: the rule set, the ``--fail-on`` level, the
``--min-level`` filter, colour, the page's title and time...  The returned
:class:`~speakeasy.model.Tally` counts what was written, for the exit code.

The built-in formats:

* ``human`` (:mod:`.human`): for people, grouped by file;
* ``json`` (:mod:`.json`): a versioned schema, documented in ``docs/json-output.md``;
* ``sarif`` (:mod:`.sarif`): SARIF 2.1.0, for GitHub code scanning;
* ``github`` (:mod:`.github`): GitHub Actions annotations;
* ``junit`` (:mod:`.junit`): JUnit XML, for GitLab and other CI;
* ``html`` (:mod:`.html`): one self-contained page, written by ``speakeasy report``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Protocol, TextIO

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    from ..model import Tally
    from ..ruleset import RuleSet
    from ..levels import LevelFilter
    from ..model import FileResult, ReadError

__all__ = ["Context", "OutputFormat", "Render", "check_formats", "formats", "get", "register"]


@dataclass(frozen=True)
class Context:
    """What a format may need besides the results.  Each format reads the fields it needs; all have defaults."""

    #: the rules in use: SARIF and HTML describe them; ``human`` tells which findings are about a word
    ruleset: "RuleSet | None" = None
    #: ``--fail-on``: JSON's summary, JUnit's failures and the note ``human`` ends with
    fail_on: str = "error"
    #: ``--min-level``: the filter the results came through, so the counts can say what it left out (None: all shown)
    levels: "LevelFilter | None" = None
    #: ``human``: ``auto``, ``always`` or ``never``; ``NO_COLOR`` is respected
    color: str = "auto"
    #: ``human``, ``--quiet``: leave out files with nothing to show
    quiet: bool = False
    #: ``human``, ``--hot-spots``: show this many of each file's hardest paragraphs
    hot_spots: int = 3
    #: ``human``, ``--every-use``: show every use of a word in full
    every_use: bool = False
    #: ``human``, ``--flesch``: also show the Flesch reading ease and grade
    flesch: bool = False
    #: ``human``, ``--statistics``: counts by rule and by word instead of each finding
    statistics: bool = False
    #: ``human``: where files that could not be read are named (None: standard error)
    errors: TextIO | None = None
    #: ``html``: the page's title (None: one made from the files' names)
    title: str | None = None
    #: ``html``: the date and time shown on the page (None: none, so the same input makes the same page)
    generated: "datetime.datetime | None" = None


class Render(Protocol):
    """The one signature of every format's render function."""

    def __call__(self, results: Iterable["FileResult | ReadError"], out: TextIO | None = None,
                 context: Context | None = None) -> "Tally": ...


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name, its line in ``--help``, and where its render function is."""

    name: str
    #: what it is, for ``--help``: "SARIF 2.1.0, for GitHub code scanning"
    help: str
    #: the render function, as ``"module:function"``; imported when the format is first used
    render: str
    #: output for people, shown on the screen as it comes; the other formats are for programs: speakeasy
    #: holds them back until they are whole, and still shows the results for people on the screen when
    #: they go to a file (``--output``)
    for_people: bool = False
    #: offered by ``speakeasy check --format``; False for a format with a command of its own (``html``)
    check: bool = True

    def load(self) -> Render:
        """The render function (imports its module)."""
        module, _, name = self.render.partition(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


_FORMATS: dict[str, OutputFormat] = {}


def register(fmt: OutputFormat) -> OutputFormat:
    """Add an output format.  A name can be registered once."""
    if fmt.name in _FORMATS:
        raise ValueError(f"there is already an output format called '{fmt.name}'")
    if ":" not in fmt.render:
        raise ValueError(f"the output format '{fmt.name}' must name its render function as 'module:function'")
    _FORMATS[fmt.name] = fmt
    return fmt


def formats() -> dict[str, OutputFormat]:
    """Every registered format by name, in the order they were registered."""
    return dict(_FORMATS)


def check_formats() -> dict[str, OutputFormat]:
    """The formats ``speakeasy check --format`` offers."""
    return {name: fmt for name, fmt in _FORMATS.items() if fmt.check}


def get(name: str) -> OutputFormat:
    """The format called ``name``; a KeyError names the ones there are."""
    try:
        return _FORMATS[name]
    except KeyError:
        raise KeyError(f"there is no output format called '{name}'; there are: {', '.join(_FORMATS)}") from None


for _fmt in (
    OutputFormat("human", "the default", f"{__name__}.human:render_stream", for_people=True),
    OutputFormat("json", "versioned, described in speakeasy help json-output", f"{__name__}.json:render_stream"),
    OutputFormat("sarif", "SARIF 2.1.0, for GitHub code scanning", f"{__name__}.sarif:render_stream"),
    OutputFormat("github", "GitHub Actions annotations", f"{__name__}.github:render_stream"),
    OutputFormat("junit", "JUnit XML, for GitLab", f"{__name__}.junit:render_stream"),
    OutputFormat("html", "one self-contained page to read in a browser", f"{__name__}.html:render_stream",
                 check=False),
):
    register(_fmt)
del _fmt
