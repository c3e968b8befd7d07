"""``speakeasy lsp``: a Language Server Protocol server, so editors show speakeasy's findings as you type.

* :mod:`.positions`: character offsets to and from LSP positions (UTF-16 by default);
* :mod:`.checking`: checking one open document, with the rule set kept loaded;
* :mod:`.convert`: findings as diagnostics, code actions and hover text;
* :mod:`.server`: the pygls server that ties them to the editor.

It needs pygls, an optional extra: ``pip install 'speakeasy-lint[lsp]'``.
Only :mod:`speakeasy.cli` imports this package (see docs/editors.md and
docs/architecture.md).
"""

from __future__ import annotations

import sys

from ..errors import EXIT_OK, EXIT_USAGE

__all__ = ["INSTALL", "run"]

INSTALL = "pip install 'speakeasy-lint[lsp]'"


def run() -> int:
    """Run the server over standard input and output; exit code 2, with one line, when pygls is missing."""
    try:
        import lsprotocol.types  # noqa: F401
        import pygls.lsp.server  # noqa: F401
    except ImportError as exc:
        from ..errors import error_text

        missing = getattr(exc, "name", None) or "pygls"
        sys.stderr.write(error_text(f"the language server needs pygls, which is not installed "
                                    f"(could not import {missing}). Install it with: {INSTALL}"))
        return EXIT_USAGE
    from .server import serve

    serve()
    return EXIT_OK
