"""The JSON reports are made with ``json.dumps(indent=2)``, a piece at a time (speakeasy/reporters/jsonstream.py)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from speakeasy.reporters import jsonstream as _jsonstream

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text()
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4)
                    | st.dictionaries(st.integers(), inner, max_size=2), max_leaves=30)


def _indented(data, level: int) -> str:  # type: ignore[no-untyped-def]
    """What the stream writes for ``data`` with its lines after the first indented by ``level`` spaces."""
    parts: list[str] = []
    _jsonstream._encode(data, "\n" + " " * level, parts)
    return "".join(parts)


def _reference(value, level: int) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + " " * level)


@settings(max_examples=300, deadline=None)
@given(data, st.integers(min_value=0, max_value=6))
def test_the_same_text_as_json_dumps(value, level: int) -> None:
    assert _indented(value, level) == _reference(value, level)


def test_the_same_text_on_a_real_report(lint) -> None:
    result = lint("We will signpost you. Staff will commence the visit, and the form will be sent.\n\n"
                  "# Title\n\nThe CQC said \"no\" \u2014 caf\u00e9 \\ tab\there.\n")
    data = {"path": result.path, "format": result.format, "stats": dict(result.stats),
            "findings": [f.to_dict() for f in result.findings]}
    assert data["findings"]
    assert _indented(data, 4) == _reference(data, 4)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), scalars, max_size=3), st.lists(data, max_size=4),
       st.dictionaries(st.text(max_size=6), data, max_size=3), st.integers(min_value=0, max_value=2))
def test_a_streamed_list_is_written_as_json_dumps_writes_it(before, items, after, depth: int) -> None:
    """JsonStream writes the long list an item at a time, and the whole is json.dumps's text, however deep the list."""
    import io

    from speakeasy.reporters.jsonstream import JsonStream

    def nest(document: dict, level: int) -> dict:
        return document if level == 0 else {"runs": [nest(document, level - 1)]}

    out = io.StringIO()
    stream = JsonStream(out)
    before = {k: v for k, v in before.items() if k not in after}
    stream.start(nest({**before, "list": stream.here}, depth))
    for item in items:
        stream.add(item)
    stream.finish(nest({**before, "list": stream.here, **{k: v for k, v in after.items() if k != "list"}}, depth))
    whole = nest({**before, "list": items, **{k: v for k, v in after.items() if k != "list"}}, depth)
    assert out.getvalue() == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"


def test_a_long_item_is_written_in_pieces_with_the_same_text() -> None:
    """One file's findings are written as they are made: never the whole text of a long file at once."""
    import io

    from speakeasy.reporters import jsonstream

    item = {"path": "long.md", "findings": [{"rule": "r", "message": f"finding {i} \u2014 caf\u00e9", "line": i}
                                            for i in range(3 * jsonstream._PIECES)]}
    writes: list[str] = []

    class Out(io.StringIO):
        def write(self, text: str) -> int:
            writes.append(text)
            return super().write(text)

    out = Out()
    writer = jsonstream.JsonStream(out)
    writer.start({"files": writer.here})
    writer.add(item)
    writer.add({"path": "short.md", "findings": []})
    writer.finish({"files": writer.here, "summary": {"files": 2}})
    assert out.getvalue() == json.dumps({"files": [item, {"path": "short.md", "findings": []}],
                                         "summary": {"files": 2}}, indent=2, ensure_ascii=False) + "\n"
    assert len(writes) > 10
    assert max(map(len, writes)) < len(out.getvalue()) / 5
