"""A Word file's styles: what each paragraph style makes of its paragraphs (heading level, list,
justified, run properties), following ``w:basedOn`` and the document defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .names import Names, is_on

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)


@dataclass(slots=True)
class _Style:
    id: str
    name: str | None
    type: str
    based: str | None
    outline: int | None
    num: str | None
    jc: str | None
    rpr: dict[str, Any]


@dataclass(slots=True)
class ParaStyle:
    name: str | None
    level: int  # 0: not a heading
    listed: bool
    justified: bool
    rpr: dict[str, Any]  # document defaults + the style chain
    props: tuple  # run props of a run without its own
    size: float | None


_DEFAULT_SIZE = 10.0  # what Word shows when no size is given anywhere


class Styles:
    def __init__(self, root: Any, n: Names) -> None:
        self.n = n
        self.by_id: dict[str, _Style] = {}
        self.defaults: dict[str, Any] = {}
        self.default_jc: str | None = None
        self.default_para: str | None = None
        self._para: dict[str | None, ParaStyle] = {}
        self._char: dict[str | None, dict[str, Any]] = {}
        if root is None:
            return
        for el in root:
            if el.tag == n.style:
                sid = el.get(n.styleId) or ""
                typ = el.get(n.type) or "paragraph"
                name = based = jc = num = None
                outline = None
                rpr: dict[str, Any] = {}
                for c in el:
                    t = c.tag
                    if t == n.name:
                        name = c.get(n.val)
                    elif t == n.basedOn:
                        based = c.get(n.val)
                    elif t == n.rPr:
                        rpr = read_rpr(c, n)
                    elif t == n.pPr:
                        for d in c:
                            if d.tag == n.outlineLvl:
                                try:
                                    outline = int(d.get(n.val) or "")
                                except ValueError:
                                    pass
                            elif d.tag == n.numPr:
                                nid = d.find(n.numId)
                                num = nid.get(n.val) if nid is not None else num
                            elif d.tag == n.jc:
                                jc = d.get(n.val)
                self.by_id[sid] = _Style(sid, name, typ, based, outline, num, jc, rpr)
                if typ == "paragraph" and el.get(n.default) in ("1", "true", "on") and self.default_para is None:
                    self.default_para = sid
            elif el.tag == n.docDefaults:
                for d in el.iter(n.rPrDefault, n.pPrDefault):
                    if d.tag == n.rPrDefault:
                        r = d.find(n.rPr)
                        if r is not None:
                            self.defaults = read_rpr(r, n)
                    else:
                        p = d.find(n.pPr)
                        jc = p.find(n.jc) if p is not None else None
                        if jc is not None:
                            self.default_jc = jc.get(n.val)

    def chain(self, sid: str | None) -> list[_Style]:
        """The style and the styles it is based on, nearest first."""
        out: list[_Style] = []
        seen: set[str] = set()
        while sid and sid not in seen and len(out) < 64:
            seen.add(sid)
            st = self.by_id.get(sid)
            if st is None:
                break
            out.append(st)
            sid = st.based
        return out

    def para(self, sid: str | None) -> ParaStyle:
        found = self._para.get(sid)
        if found is not None:
            return found
        chain = self.chain(sid)
        if not chain:  # no style, or one the styles part does not define: Word uses the default
            chain = self.chain(self.default_para)
        level = 0
        for st in chain:
            if st.outline is not None:
                level = st.outline + 1 if 0 <= st.outline <= 8 else 0
                break
            found_level = _is_heading_name(st.id) or _is_heading_name(st.name)
            if found_level:
                level = found_level
                break
        else:
            if sid and sid not in self.by_id:
                level = _is_heading_name(sid)  # "Heading1" with no styles part
        listed = False
        for st in chain:
            if st.num is not None:
                listed = st.num not in ("0", "")
                break
        jc = next((st.jc for st in chain if st.jc), self.default_jc)
        rpr = dict(self.defaults)
        for st in reversed(chain):
            rpr.update(st.rpr)
        name = (chain[0].name or chain[0].id) if chain else sid
        props = run_props(rpr, False)
        found = ParaStyle(name, level, listed, jc in ("both", "distribute"), rpr, props, props[3])
        self._para[sid] = found
        return found

    def char(self, sid: str | None) -> dict[str, Any]:
        found = self._char.get(sid)
        if found is None:
            found = {}
            for st in reversed(self.chain(sid)):
                found.update(st.rpr)
            self._char[sid] = found
        return found


def _is_heading_name(name: str | None) -> int:
    if not name:
        return 0
    m = _HEADING_NAME.match(name.strip())
    if m:
        return int(m.group(1))
    return 1 if name.strip().lower() == "title" else 0


def read_rpr(rpr: Any, n: Names) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in rpr:
        t = c.tag
        if t == n.i:
            out["i"] = is_on(c, n.val)
        elif t == n.u:
            v = c.get(n.val)
            out["u"] = v is None or v.strip().lower() != "none"
        elif t == n.caps:
            out["caps"] = is_on(c, n.val)
        elif t == n.sz:
            size = _half_points(c.get(n.val))
            if size is not None:
                out["sz"] = size
        elif t == n.vanish:
            out["vanish"] = is_on(c, n.val)
        elif t == n.rStyle:
            out["rStyle"] = c.get(n.val)
    return out


def run_props(rpr: dict[str, Any], link: bool) -> tuple:
    """(italic, underline, caps, size_pt, in a hyperlink): what run features compare."""
    return (rpr.get("i", False), rpr.get("u", False), rpr.get("caps", False), rpr.get("sz", _DEFAULT_SIZE), link)


def _half_points(v: str | None) -> float | None:
    if not v:
        return None
    v = v.strip()
    try:
        if v.endswith("pt"):
            return float(v[:-2])
        return int(v) / 2
    except ValueError:
        return None
