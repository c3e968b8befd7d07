"""``python -m speakeasy``

``python -m`` puts the current folder first on ``sys.path``, so a repository
being checked could have speakeasy import its code: a fake ``.dist-info``
folder makes a module in it look like an installed plugin, and its
``.speakeasy.yaml`` names that plugin (issue 16, S5).  The ``speakeasy``
command never has the current folder on ``sys.path``.  So the current folder
is taken off again here, before anything else is imported, unless speakeasy
itself was loaded from it (running a source checkout of speakeasy is running
that checkout's code anyway) or Python was started with ``-P``.
"""

import os
import sys


def _drop_current_folder() -> None:
    if getattr(sys.flags, "safe_path", False) or not sys.path:
        return
    first = sys.path[0]
    try:
        here = os.getcwd()
    except OSError:  # the current folder was removed
        here = None
    if first not in ("", ".") and (here is None or os.path.abspath(first) != here):
        return
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if here is not None and os.path.realpath(package_parent) == os.path.realpath(here):
        return
    del sys.path[0]


_drop_current_folder()

from .cli import main  # noqa: E402 - after the current folder is off sys.path

raise SystemExit(main())
