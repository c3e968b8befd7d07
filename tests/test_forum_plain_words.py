"""Every page of the forum passes speakeasy's own default packs: the pages' text is checked by speakeasy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from forum_kit import Forum, forum  # noqa: F401
from forum_pages import every_page


@pytest.mark.slow
def test_every_page_passes_speakeasys_own_checks(forum: Forum, tmp_path: Path, capsys: Any) -> None:
    from speakeasy.cli import main

    folder = tmp_path / "pages"
    folder.mkdir()
    names = []
    for n, (name, page) in enumerate(every_page(forum)):
        assert "<main" in page, name
        # the word being proposed, and words quoted from the shipped lists, are shown on purpose
        page = page.replace("<main", "<main data-page=\"%s\"" % name, 1)
        (folder / f"{n:02d}.html").write_text(page, encoding="utf-8")
        names.append(name)
    code = main(["check", str(folder), "--no-config", "--no-cache", "--jobs", "1", "--min-level", "warning",
                 "--include-landmarks", "header,footer,nav", "--fail-on", "warning"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert len(names) >= 25
