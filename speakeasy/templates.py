"""Message templates: a rule's ``message``, with ``{placeholders}`` such as ``{match}``.

A template is text from a pack or a setting, which someone else may have
written.  It may use only the placeholders its rule fills in, each written as
a plain name in braces.  Python's own ``str.format`` does much more: a format
(``{match:>400000000}`` pads the match to 400 million characters), an
attribute (``{match.upper}``), an index (``{match[0]}``) or a conversion
(``{match!r}``).  None of these is allowed:

* :func:`template_problem` checks a template when the pack loads (and in
  ``speakeasy validate``), and says in plain words what is wrong;
* :func:`fill` is what renders a message: it only ever puts a value in for
  ``{name}``, so even a template that was never checked cannot do more.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

#: ``{{`` and ``}}`` (a brace written out) or ``{name}``.
_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with each ``{name}`` that ``values`` has replaced by its value.

    A ``{name}`` that ``values`` does not have is left as written; ``{{`` and
    ``}}`` are a single brace; anything else stays as written.
    """

    def one(m: re.Match[str]) -> str:
        text = m.group(0)
        if text == "{{":
            return "{"
        if text == "}}":
            return "}"
        name = m.group(1)
        return str(values[name]) if name in values else text

    return _FIELD.sub(one, template)


def placeholder_names(template: str) -> list[str]:
    """The names of the ``{name}`` placeholders in a template, in order, each once."""
    return list(dict.fromkeys(m.group(1) for m in _FIELD.finditer(template) if m.group(1)))


def placeholder_list(names: Iterable[str]) -> str:
    """"{match}, {use} and {why}" (or "none" for no names)."""
    shown = [f"{{{n}}}" for n in names]
    if not shown:
        return "none"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def template_problem(template: str, allowed: Iterable[str]) -> tuple[str, str] | None:
    """(what is wrong, what to do) with a message template, or None if it is fine.

    ``allowed``: the placeholders the rule fills in.
    """
    import string  # only when a pack loads: rendering does not need it

    from .hints import closest

    names = list(dict.fromkeys(allowed))
    can_use = (f"The placeholders this rule can use are {placeholder_list(names)}."
               if names else "This rule has no placeholders: write the message without { }.")
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        brace = "}" if "Single '}'" in str(exc) else "{"
        if brace == "{":
            problem = "This message has a '{' with no '}' after it."
        else:
            problem = "This message has a '}' with no '{' before it."
        return (problem, f"To show a brace in the message, write it twice: '{brace}{brace}'. {can_use}")
    for _, field, spec, conversion in parts:
        if field is None:
            continue
        written = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        shown = _short(written)
        name = re.match(r"[^.\[]*", field).group(0)  # type: ignore[union-attr]
        bare = name.strip()
        if not bare:
            return (f"This message has '{shown}', which has no name in it.",
                    (f"Write a placeholder's name in the braces, like {{{names[0]}}}. " if names else "") + can_use)
        if bare.isdigit():
            return (f"This message has '{shown}': a placeholder is a name, not a number.", can_use)
        alone = (f"Write {{{bare}}} alone. " if bare in names else "") + can_use
        if spec or "{" in field:
            return (f"This message has '{shown}': a placeholder cannot have ':' and a format after its name.",
                    alone)
        if conversion is not None:
            return (f"This message has '{shown}': a placeholder cannot have '!' after its name.", alone)
        if field != name:
            return (f"This message has '{shown}': a placeholder cannot have '.' or '[' after its name.", alone)
        if name != bare:
            return (f"This message has '{shown}', with spaces inside the braces.",
                    f"Write it without spaces: {{{bare}}}." + ("" if bare in names else f" {can_use}"))
        if name not in names:
            close = closest(name, names)
            guess = f"Did you mean {{{close}}}? " if close else ""
            return (f"This message has '{shown}', which is not a placeholder this rule fills in.",
                    guess + can_use)
    return None


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
