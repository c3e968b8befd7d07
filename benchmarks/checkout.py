"""speakeasy's entry points in whichever checkout a benchmark measures.

``--before COMMIT`` measures an older checkout, which may keep them elsewhere:
before issue 17 split the engine, ``speakeasy.engine`` built the rule set and
ran many files; since, ``speakeasy.ruleset`` and ``speakeasy.runner`` do.
"""

from __future__ import annotations

from typing import Any, Callable


def speakeasy_api() -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """(build_ruleset, lint_paths, iter_results) from the speakeasy on the path."""
    import speakeasy.engine as engine

    if hasattr(engine, "lint_paths"):  # a checkout from before issue 17
        return engine.build_ruleset, engine.lint_paths, engine.iter_results
    from speakeasy.ruleset import build_ruleset
    from speakeasy.runner import iter_results, lint_paths

    return build_ruleset, lint_paths, iter_results
