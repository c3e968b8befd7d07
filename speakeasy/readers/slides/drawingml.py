"""DrawingML for the PowerPoint reader: finding elements by their local names, and where a shape is.

PowerPoint files come in two namespaces (transitional and strict), so
elements are found by their local names.  Where a shape is on its slide is
its ``a:xfrm`` (offset and size, in EMU); a group's children are placed in
the group's own coordinates (``a:chOff``, ``a:chExt``), which a
:data:`Transform` turns into the slide's.
"""

from __future__ import annotations

from typing import Any

from .shapes import Box

__all__ = ["EMU_PER_POINT", "IDENTITY", "Transform", "box", "child", "group_transform", "is_on", "local", "number",
           "path"]

#: One point is 12,700 EMU (English Metric Units).
EMU_PER_POINT = 12700.0

#: (scale x, scale y, shift x, shift y): slide EMU = scale * shape EMU + shift.
Transform = tuple[float, float, float, float]
IDENTITY: Transform = (1.0, 1.0, 0.0, 0.0)


def local(tag: Any) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(el: Any, name: str) -> Any:
    """The first child called ``name`` (any namespace), or None."""
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def path(el: Any, *names: str) -> Any:
    """Down a path of child names from ``el``; None as soon as one is missing."""
    for name in names:
        if el is None:
            return None
        el = child(el, name)
    return el


def number(v: str | None) -> float | None:
    try:
        return float(v) if v is not None else None
    except ValueError:
        return None


def is_on(v: str | None) -> bool:
    return (v or "").lower() in ("1", "true", "on")


def box(xfrm: Any, tf: Transform) -> Box | None:
    """Where an ``a:xfrm`` puts a shape on the slide, in points (None when it does not say)."""
    off, ext = path(xfrm, "off"), path(xfrm, "ext")
    if off is None or ext is None:
        return None
    x, y, cx, cy = (number(off.get("x")), number(off.get("y")), number(ext.get("cx")), number(ext.get("cy")))
    if x is None or y is None or cx is None or cy is None:
        return None
    sx, sy, dx, dy = tf
    left, top = sx * x + dx, sy * y + dy
    return Box(left / EMU_PER_POINT, top / EMU_PER_POINT, (left + sx * cx) / EMU_PER_POINT,
               (top + sy * cy) / EMU_PER_POINT)


def group_transform(group: Any, tf: Transform) -> Transform:
    """Slide coordinates of the group's children (their own space: ``a:chOff``, ``a:chExt``)."""
    xfrm = path(group, "grpSpPr", "xfrm")
    vals = [number(el.get(k)) if el is not None else None
            for el, k in ((path(xfrm, "off"), "x"), (path(xfrm, "off"), "y"), (path(xfrm, "ext"), "cx"),
                          (path(xfrm, "ext"), "cy"), (path(xfrm, "chOff"), "x"), (path(xfrm, "chOff"), "y"),
                          (path(xfrm, "chExt"), "cx"), (path(xfrm, "chExt"), "cy"))]
    if any(v is None for v in vals):
        return tf
    x, y, cx, cy, chx, chy, chcx, chcy = (float(v) for v in vals)  # type: ignore[arg-type]
    kx = cx / chcx if chcx else 1.0
    ky = cy / chcy if chcy else 1.0
    sx, sy, dx, dy = tf
    # child -> group: x*kx + (x0 - chx*kx); then group -> slide with tf
    return (sx * kx, sy * ky, sx * (x - chx * kx) + dx, sy * (y - chy * ky) + dy)
