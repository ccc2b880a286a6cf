"""EDU-DEX feed XML ↔ the JSON document shape, driven by the official JSON schema.

EDU-DEX's XSDs are not available to us; the XML feed uses the same element vocabulary as
the JSON schema, with these encodings (EDUDEX-NOTES §4):

* localised text: one element per language with ``xml:lang``
  (``<programName xml:lang="nl">…</programName>``), lists repeat the element per item;
* arrays: the element repeats;
* ``programDuration``: text plus ``unit`` (``year|month|week|day|hour``);
* ``studyLoad``: text plus ``period`` (``program|week``), repeated per period;
* ``startDate`` / ``endDate``: text plus ``isFinal``;
* ``programClassification/programLocation``: text (the description) plus optional ``id``;
* booleans ``true|false|1|0``; currency in any case.

Reading never depends on element order. Whatever the reader cannot place is passed
through unchanged, so JSON-schema validation reports it with its path. The writer emits
children in alphabetical order (the order of the EDU-DEX XSDs as far as known).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Final, Literal, cast

from lxml import etree

from edudex_rio.edudex.validation import Kind, schema

__all__ = [
    "DIRECTORY_NS",
    "INSTITUTE_NS",
    "PROGRAM_NS",
    "ROOTS",
    "document_to_xml",
    "element_to_document",
    "kind_of",
]

PROGRAM_NS: Final = "http://studieData.nl/schema/edudex/program"
INSTITUTE_NS: Final = "http://studieData.nl/schema/edudex/institute"
DIRECTORY_NS: Final = "http://studieData.nl/schema/edudex/directory"
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
_XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
ROOTS: Final[dict[str, Kind]] = {"program": "program", "instituteData": "institute"}
_NS: Final[dict[Kind, str]] = {"program": PROGRAM_NS, "institute": INSTITUTE_NS}
_UNIT_TO_JSON: Final = {
    "year": "years",
    "month": "months",
    "week": "weeks",
    "day": "days",
    "hour": "hours",
}
_UNIT_TO_XML: Final = {v: k for k, v in _UNIT_TO_JSON.items()}

_Node = Mapping[str, Any]
_Shape = Literal[
    "localized",
    "duration",
    "studyload",
    "datefinal",
    "proglocation",
    "free",
    "object",
    "array",
    "scalar",
]


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def kind_of(root: etree._Element) -> Kind | None:
    """``program`` or ``institute`` for a feed document root, else ``None``."""
    return ROOTS.get(_local(root.tag))


class _Schema:
    def __init__(self, kind: Kind) -> None:
        self.root = schema(kind)
        self.defs: Mapping[str, _Node] = (
            self.root.get("$defs") or self.root.get("definitions") or {}
        )
        # the schema is cached for the process, so its nodes' ids are stable keys
        self._shapes: dict[tuple[int, str], _Shape] = {}

    @classmethod
    @cache
    def of(cls, kind: Kind) -> _Schema:
        return cls(kind)

    def resolve(self, node: _Node | None) -> _Node | None:
        seen = 0
        while node is not None and seen < 20:
            seen += 1
            if "$ref" in node:
                node = self.defs.get(str(node["$ref"]).rsplit("/", 1)[-1])
            elif "allOf" in node and len(node["allOf"]) == 1:
                node = node["allOf"][0]
            else:
                return node
        return node

    def prop(self, node: _Node | None, name: str) -> _Node | None:
        node = self.resolve(node)
        if node is None:
            return None
        props = node.get("properties") or {}
        if name in props:
            return self.resolve(props[name])
        for sub in (node.get("patternProperties") or {}).values():
            return self.resolve(sub)
        return None

    def shape(self, node: _Node | None, name: str) -> _Shape:
        key = (id(node), name)
        found = self._shapes.get(key)
        if found is None:
            found = self._shapes[key] = self._shape(node, name)
        return found

    def _shape(self, node: _Node | None, name: str) -> _Shape:
        node = self.resolve(node)
        if node is None:
            return "free"
        props = node.get("properties") or {}
        if node.get("patternProperties") and set(node["patternProperties"]) == {"^[a-z][a-z]$"}:
            return "localized"
        if "oneOf" in node and all("required" in alt for alt in node["oneOf"]):
            return "duration"
        if name == "studyLoad":
            return "studyload"
        if set(props) == {"date", "isFinal"}:
            return "datefinal"
        if set(props) == {"description", "id"}:
            return "proglocation"
        if node.get("type") == "array":
            return "array"
        if node.get("type") == "object":
            return "free" if not props else "object"
        return "scalar"


def _text(el: etree._Element) -> str:
    return (el.text or "").strip()


def _scalar(node: _Node | None, text: str) -> Any:
    kinds: list[str] = []
    if node is not None:
        if "oneOf" in node:
            kinds = [str(alt.get("type")) for alt in node["oneOf"]]
        else:
            kinds = [str(node.get("type"))]
    if "null" in kinds and text == "":
        return None
    if "boolean" in kinds:
        low = text.lower()
        if low in ("true", "1"):
            return True
        if low in ("false", "0"):
            return False
        return text
    if "integer" in kinds or "number" in kinds:
        try:
            return int(text)
        except ValueError:
            pass
        if "number" in kinds:
            try:
                return float(text)
            except ValueError:
                pass
        return text
    return text


def _free(el: etree._Element) -> Any:
    children = [c for c in el if isinstance(c.tag, str)]
    if not children:
        return _text(el)
    out: dict[str, Any] = {}
    for child in children:
        name = _local(child.tag)
        value = _free(child)
        if name in out:
            prev = out[name]
            out[name] = [*prev, value] if isinstance(prev, list) else [prev, value]
        else:
            out[name] = value
    return out


def element_to_document(root: etree._Element, kind: Kind) -> dict[str, Any]:
    """Turn a feed document (``program`` or ``instituteData`` root) into the JSON shape."""
    sch = _Schema.of(kind)
    decoded = _object(sch, sch.resolve(sch.root), root)
    return decoded if isinstance(decoded, dict) else {}


def _object(sch: _Schema, node: _Node | None, el: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for attr, value in el.attrib.items():
        attr = str(attr)
        name = _local(attr)
        value = str(value)
        if attr == XML_LANG or etree.QName(attr).namespace == _XSI:
            continue
        out[name] = _scalar(sch.prop(node, name), value.strip())
    groups: dict[str, list[etree._Element]] = {}
    for child in el:
        if isinstance(child.tag, str):
            groups.setdefault(_local(child.tag), []).append(child)
    for name, elements in groups.items():
        out[name] = _value(sch, sch.prop(node, name), name, elements)
    return out


def _value(sch: _Schema, node: _Node | None, name: str, elements: list[etree._Element]) -> Any:
    shape = sch.shape(node, name)
    if shape == "array":
        item = sch.resolve(cast(_Node, node).get("items"))
        return [_single(sch, item, name, e) for e in elements]
    if shape == "localized":
        return _localized(sch, node, elements)
    if shape == "studyload":
        if any(len(e) for e in elements):
            return _single(sch, node, name, elements[0]) if len(elements) == 1 else []
        load: dict[str, Any] = {}
        for e in elements:
            load[e.get("period", "program")] = _scalar({"type": "integer"}, _text(e))
        return load
    if len(elements) > 1:
        return [_single(sch, node, name, e) for e in elements]
    return _single(sch, node, name, elements[0])


def _localized(sch: _Schema, node: _Node | None, elements: list[etree._Element]) -> Any:
    values = sch.prop(node, "nl")
    is_list = values is not None and values.get("type") == "array"
    out: dict[str, Any] = {}
    for e in elements:
        lang = e.get(XML_LANG) or e.get("lang") or "nl"
        if is_list:
            out.setdefault(lang, []).append(_text(e))
        elif len(e):
            out[lang] = _free(e)
        else:
            out[lang] = _text(e)
    return out


def _single(sch: _Schema, node: _Node | None, name: str, el: etree._Element) -> Any:
    shape = sch.shape(node, name)
    has_children = any(isinstance(c.tag, str) for c in el)
    if shape == "localized":
        return _localized(sch, node, [el])
    if shape == "duration" and not has_children:
        unit = el.get("unit", "")
        return {_UNIT_TO_JSON.get(unit, unit): _scalar({"type": "integer"}, _text(el))}
    if shape == "datefinal" and not has_children:
        out: dict[str, Any] = {"date": _text(el)}
        if el.get("isFinal") is not None:
            out["isFinal"] = _scalar({"type": "boolean"}, el.get("isFinal", "").strip())
        return out
    if shape == "proglocation" and not has_children:
        loc: dict[str, Any] = {"description": _text(el)}
        if el.get("id"):
            loc["id"] = el.get("id")
        return loc
    if shape == "free":
        return _free(el)
    if shape in ("object", "studyload", "duration", "datefinal", "proglocation") or has_children:
        return _object(sch, node, el)
    if name == "currency":
        return _text(el).upper()
    return _scalar(node, _text(el))


# --- writer ----------------------------------------------------------------------------


def document_to_xml(
    document: Mapping[str, Any],
    *,
    kind: Kind = "program",
    booleans: Literal["word", "digit"] = "word",
    reverse: bool = False,
) -> bytes:
    """Write a JSON-shaped document as feed XML (UTF-8, with declaration).

    ``booleans="digit"`` writes ``1``/``0``; ``reverse`` writes children in reverse
    alphabetical order (readers must not care; tests use it).
    """
    sch = _Schema.of(kind)
    ns = _NS[kind]
    root_name = "program" if kind == "program" else "instituteData"
    root = etree.Element(f"{{{ns}}}{root_name}", nsmap={None: ns})  # type: ignore[dict-item]
    w = _Writer(sch, ns, booleans, reverse)
    w.fill(root, sch.resolve(sch.root), document)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


class _Writer:
    def __init__(self, sch: _Schema, ns: str, booleans: str, reverse: bool) -> None:
        self.sch, self.ns, self.booleans, self.reverse = sch, ns, booleans, reverse

    def _el(self, parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{self.ns}}}{name}")

    def _scalar(self, value: Any) -> str:
        if isinstance(value, bool):
            if self.booleans == "digit":
                return "1" if value else "0"
            return "true" if value else "false"
        return "" if value is None else str(value)

    def fill(self, el: etree._Element, node: _Node | None, doc: Mapping[str, Any]) -> None:
        for name in sorted(doc, reverse=self.reverse):
            if name == "$schema":
                continue
            self.put(el, self.sch.prop(node, name), name, doc[name])

    def put(self, parent: etree._Element, node: _Node | None, name: str, value: Any) -> None:
        shape = self.sch.shape(node, name)
        if shape == "localized" and isinstance(value, Mapping):
            for lang in sorted(value):
                items = value[lang] if isinstance(value[lang], list) else [value[lang]]
                for item in items:
                    e = self._el(parent, name)
                    e.set(XML_LANG, lang)
                    e.text = self._scalar(item)
            return
        if shape == "studyload" and isinstance(value, Mapping):
            for period in sorted(value):
                e = self._el(parent, name)
                e.set("period", period)
                e.text = self._scalar(value[period])
            return
        if isinstance(value, list):
            item = self.sch.resolve(node.get("items")) if node else None
            for v in value:
                self.put(parent, item, name, v)
            return
        e = self._el(parent, name)
        if shape == "duration" and isinstance(value, Mapping) and len(value) == 1:
            ((unit, amount),) = value.items()
            e.set("unit", _UNIT_TO_XML.get(str(unit), str(unit)))
            e.text = self._scalar(amount)
        elif shape == "datefinal" and isinstance(value, Mapping):
            e.set("isFinal", self._scalar(value.get("isFinal")) or "")
            e.text = self._scalar(value.get("date"))
        elif shape == "proglocation" and isinstance(value, Mapping):
            if "id" in value:
                e.set("id", str(value["id"]))
            e.text = self._scalar(value.get("description"))
        elif isinstance(value, Mapping):
            self.fill(e, node, value)
        else:
            e.text = self._scalar(value)
