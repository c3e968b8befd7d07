"""The interface every rule kind implements (built-in or plugin).

A *kind* is Python: how to check.  A *rule* is YAML in a pack: what to
check, with which words, thresholds and messages.  One kind serves many
rules.  To write a kind:

.. code-block:: python

    from speakeasy.kinds.base import Kind, register
    from speakeasy.schema import Field

    @register
    class ShoutingKind(Kind):
        name = "shouting"
        summary = "Flags words written in capitals."
        options = (Field("min_letters", "int", "Shortest word to flag.", default=4),)
        needs = frozenset({"sentences"})

        def check(self, analysis):
            for sentence in analysis.sentences:
                for start, end in sentence.words:
                    word = analysis.source[start:end]
                    if word.isupper() and len(word) >= self.option("min_letters"):
                        yield self.finding(analysis, start, end, match=word)

``check`` receives an :class:`speakeasy.analysis.Analysis` and yields
:class:`speakeasy.model.Finding` objects made with :meth:`Kind.finding`.
It must not change anything it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from ..model import Finding, Level
from ..schema import Field
from ..templates import fill, placeholder_names

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis
    from ..packdata import Rule


#: Everything an analysis can provide.  A kind lists what it needs so that a
#: run pays only for what its rules use.
NEEDS = frozenset({"sentences", "syllables", "pos"})


class Kind:
    """Base class for rule kinds.  Subclasses set the class attributes and ``check``."""

    #: The value of ``kind:`` in a pack, e.g. ``"sentence-length"``.
    name: ClassVar[str] = ""
    #: One line for ``speakeasy rules`` and the docs.
    summary: ClassVar[str] = ""
    #: Extra keys a rule of this kind may have (validated like all YAML).
    options: ClassVar[tuple[Field, ...]] = ()
    #: What the analysis must provide: a subset of ``NEEDS``.
    needs: ClassVar[frozenset[str]] = frozenset()
    #: True when the finding's level comes from ``thresholds`` rather than ``level``.
    uses_thresholds: ClassVar[bool] = False
    #: True for kinds that read the plain score: they run after the other
    #: rules, because the score counts the words the wordlists flag.
    uses_plain_score: ClassVar[bool] = False
    #: The kinds (by ``name``) this kind gives way to: a finding of this kind is
    #: left out where a rule of one of them has a finding on exactly the same
    #: words (an acronym kind gives way to the wordlists' ``substitution``, which
    #: already says what to write instead).
    yields_to: ClassVar[frozenset[str]] = frozenset()
    #: The default message template for rules of this kind.
    default_message: ClassVar[str] = "{match}"
    #: The ``{placeholders}`` this kind fills in a rule's ``message``.  A
    #: message that uses any other is refused when the pack loads.  None: those
    #: :meth:`finding` fills in ({match}, {value}, {threshold}) and those in
    #: ``default_message`` (a kind passes those to :meth:`finding` itself).
    placeholders: ClassVar[tuple[str, ...] | None] = None

    def __init__(self, rule: "Rule") -> None:
        self.rule = rule
        self.setup()

    # -- for subclasses ---------------------------------------------------------

    def setup(self) -> None:
        """Compile whatever the rule needs (called once per rule per run)."""

    def check(self, analysis: "Analysis") -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def required_needs(self) -> frozenset[str]:
        """What this rule needs; by default the kind's ``needs``."""
        return self.needs

    # -- helpers ------------------------------------------------------------------

    def option(self, name: str) -> Any:
        if name in self.rule.options:
            return self.rule.options[name]
        for spec in self.options:
            if spec.name == name:
                return spec.default
        raise KeyError(name)

    @classmethod
    def message_placeholders(cls, options: dict[str, Any] | None = None) -> tuple[str, ...]:
        """The placeholders a rule of this kind may use in its ``message``, given the rule's options.

        A kind whose checks fill in different placeholders (``check: link-text``
        or ``check: text-size``) overrides this.
        """
        if cls.placeholders is not None:
            return tuple(cls.placeholders)
        return tuple(dict.fromkeys(("match", "value", "threshold", *placeholder_names(cls.default_message))))

    def render(self, template: str | None = None, **values: Any) -> str:
        """The message with its ``{placeholders}`` filled in.

        Only ``{name}`` is ever filled in (see :mod:`speakeasy.templates`):
        a format, attribute or index is left as written, never run.
        """
        template = template or self.rule.message or self.default_message
        return fill(template, values)

    def finding(
        self,
        analysis: "Analysis",
        start: int,
        end: int,
        *,
        match: str | None = None,
        message: str | None = None,
        level: Level | None = None,
        suggestions: list[str] | None = None,
        value: float | None = None,
        threshold: float | None = None,
        edit: Any = None,
        origin: dict[str, Any] | None = None,
        **template_values: Any,
    ) -> Finding:
        """Make a finding for this rule at ``source[start:end]``."""
        doc = analysis.document
        if match is None:
            match = doc.source[start:end]
        if message is None:
            message = self.render(match=match, value=_fmt(value), threshold=_fmt(threshold), **template_values)
        line, column = doc.position(start)
        end_line, end_column = doc.end_position(end)
        return Finding(
            rule=self.rule.id,
            level=level if level is not None else self.rule.level,
            message=message,
            path=doc.path,
            start=start,
            end=end,
            match=match,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            suggestions=list(suggestions or []),
            location=analysis.location(start),
            value=value,
            threshold=threshold,
            edit=edit,
            origin=origin,
            extra=analysis.locator_extra(start),
        )


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}"


_REGISTRY: dict[str, type[Kind]] = {}


def register(cls: type[Kind]) -> type[Kind]:
    """Class decorator: make a kind available to packs by its ``name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    _REGISTRY[cls.name] = cls
    return cls


def registered() -> dict[str, type[Kind]]:
    """The kinds registered in this process so far (see :mod:`speakeasy.kinds.registry` for all of them)."""
    return dict(_REGISTRY)
