"""The PDF's own objects, read safely: references resolved, names and text strings, the catalog's parts.

pdfminer.six is imported on first use, so that importing the reader does not import it.
"""

from __future__ import annotations

import re
from typing import Any


def resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def name_of(obj: Any) -> str:
    obj = resolve(obj)
    return str(getattr(obj, "name", obj or ""))


def text_of(obj: Any) -> str:
    from pdfminer.utils import decode_text

    obj = resolve(obj)
    if isinstance(obj, bytes):
        return decode_text(obj).strip()
    if isinstance(obj, str):
        return obj.strip()
    return ""


def struct_root(catalog: dict[str, Any]) -> dict[str, Any] | None:
    root = resolve(catalog.get("StructTreeRoot"))
    return root if isinstance(root, dict) else None


def is_marked(catalog: dict[str, Any]) -> bool:
    mark = resolve(catalog.get("MarkInfo"))
    return isinstance(mark, dict) and bool(resolve(mark.get("Marked")))


def document_info(pdf: Any, catalog: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {"lang": text_of(catalog.get("Lang"))}
    for info in pdf.info or []:
        info = resolve(info)
        if isinstance(info, dict):
            out["title"] = out.get("title") or text_of(info.get("Title"))
            out["producer"] = out.get("producer") or text_of(info.get("Producer"))
    if not out.get("title"):
        meta = resolve(catalog.get("Metadata"))
        if meta is not None and hasattr(meta, "get_data"):
            xmp = meta.get_data()[:1_000_000].decode("utf-8", "replace")
            m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.DOTALL)
            if m:
                out["title"] = re.sub(r"<[^>]+>", "", m.group(1)).strip()
    return out
