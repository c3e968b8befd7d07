"""What the PowerPoint and Impress readers share: where a shape is, and each slide's features.

A :class:`SlideRecord` collects one slide as it is read: its title, and
its shapes in reading order with their boxes.  :meth:`SlideRecord.finish`
records the ``slide`` feature, which the ``slide-title`` and
``reading-order`` checks read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..office.common import Builder

#: How many characters of a shape's text its record keeps (enough to name it in a message).
TEXT_CHARS = 60

#: File names given as alt text are no alt text: PowerPoint and LibreOffice put the file's name there.
_FILE_NAME = re.compile(r"^[^\s/\\]+\.(?:png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp)$", re.IGNORECASE)


def alt_text(*candidates: str | None) -> str | None:
    """The first real alt text of ``candidates``: not empty, and not just the picture's file name."""
    for text in candidates:
        text = " ".join((text or "").split())
        if text and not _FILE_NAME.match(text):
            return text
    return None


@dataclass(frozen=True, slots=True)
class Box:
    """Where a shape is on its slide, in points from the top left corner."""

    left: float
    top: float
    right: float
    bottom: float

    def as_data(self) -> list[float]:
        return [round(self.left, 1), round(self.top, 1), round(self.right, 1), round(self.bottom, 1)]


@dataclass
class SlideRecord:
    """One slide as it is read (see the module notes)."""

    number: int
    hidden: bool = False
    title: str | None = None
    has_title_shape: bool = False
    shapes: list[dict[str, Any]] = field(default_factory=list)
    start: int = 0
    first_block: int = 0
    first_feature: int = 0

    def shape(self, name: str | None, role: str, text: str, box: Box | None) -> None:
        """A shape with text (or a picture), in reading order."""
        text = " ".join(text.split())
        if role == "title":
            self.has_title_shape = True
            if text and self.title is None:
                self.title = text
        if not text and role != "picture":
            return
        short = text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 3] + "..."
        self.shapes.append({"name": name or "", "role": role, "text": short,
                            "box": box.as_data() if box is not None else None})

    def finish(self, out: Builder) -> None:
        """Record the ``slide`` feature, on the slide's first line (or where the next block starts).

        Its ``location`` is "slide 4"; every block and feature of the slide gets ``slide``.
        """
        blocks = out.blocks[self.first_block:]
        for block in blocks:
            if block.locator is not None:
                block.locator.setdefault("slide", self.number)
        for feature in out.features[self.first_feature:]:
            feature.data.setdefault("slide", self.number)
        end = blocks[0].end if blocks else self.start
        out.feature("slide", self.start, end, {"title": self.title, "title_shape": self.has_title_shape,
                                               "hidden": self.hidden, "shapes": self.shapes},
                    where(self.number, f"slide {self.number}"), placed=False)


def where(number: int, label: str, part: str = "slide") -> dict[str, Any]:
    """The locator keys every feature of a slide has."""
    return {"part": part, "part_label": label, "slide": number}
