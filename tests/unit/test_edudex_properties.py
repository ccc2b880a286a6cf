"""Property tests: generated schema-valid documents read into equal models from JSON and XML;
generated schema-breaking documents (JSON and XML) never crash the reader, and every
rejection names a path that points into the document."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from edudex_rio.edudex import read_program
from edudex_rio.edudex.validation import schema, validate_document
from edudex_rio.edudex.xmlformat import PROGRAM_NS, document_to_xml
from tests.unit.test_edudex_kit import catalogue_doc, minimal_program

DEFS: dict[str, Any] = dict(schema("program")["$defs"])
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _enum(name: str) -> list[Any]:
    node = DEFS[name]
    values = node.get("enum") or node["items"]["enum"]
    return list(values)


def _pattern(name: str) -> str:
    return str(DEFS[name]["pattern"])


# --- strategies for schema-valid documents -----------------------------------------------

# XML can carry neither control characters nor surrogates; XML text is trimmed on reading,
# so generated text has no surrounding white space (documented in docs/edudex.md).
_chars = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
text = st.text(_chars, min_size=1, max_size=40).map(str.strip).filter(bool)
langs = st.sampled_from(["nl", "en", "de", "fr"])
localized = st.dictionaries(langs, text, min_size=1, max_size=3)
money = st.from_regex(r"\A[-+]?[0-9]{1,6}(\.[0-9]{2})?\Z")
dates = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)


def _ident(pattern: str) -> st.SearchStrategy[str]:
    return (
        st.from_regex(pattern.replace("^", r"\A").replace("$", r"\Z").replace("]+", "]{1,64}"))
        .map(str.strip)
        .filter(lambda s: 0 < len(s) <= 64)
    )


program_ids = _ident(_pattern("programIdType"))
run_ids = _ident(_pattern("programRunIdType"))


@st.composite
def costs(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": draw(_ident(_pattern("foreignIdType"))),
        "costType": draw(st.sampled_from(_enum("ProgramCostType"))),
        "amount": draw(money),
        "currency": draw(st.from_regex(r"\A[A-Z]{3}\Z")),
        "amountIsFinal": draw(st.booleans()),
        "isRequiredCost": draw(st.booleans()),
    }
    if draw(st.booleans()):
        out["VATCode"] = draw(st.integers(1, 5))
    if draw(st.booleans()):
        out["VATPercentage"] = draw(st.integers(0, 100))
    if draw(st.booleans()):
        out["amountVAT"] = draw(money)
    return out


@st.composite
def locations(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("address", "zipcode", "city", "country"):
        if draw(st.booleans()):
            out[name] = draw(text)
    if draw(st.booleans()):
        out["locationName"] = draw(st.dictionaries(langs, text, min_size=1, max_size=2))
    return out


@st.composite
def runs(draw: st.DrawFn, run_id: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": run_id,
        "status": draw(st.sampled_from(_enum("ProgramProgramSchedule_programRun_status"))),
        "startDate": {"date": draw(dates), "isFinal": draw(st.booleans())},
        "endDate": {"date": draw(dates), "isFinal": draw(st.booleans())},
    }
    if draw(st.booleans()):
        out["location"] = draw(locations())
    if draw(st.booleans()):
        out["fullyOnline"] = draw(st.booleans())
    if draw(st.booleans()):
        out["maxNumberOfParticipants"] = draw(st.integers(0, 10_000))
    if draw(st.booleans()):
        out["cost"] = draw(st.lists(costs(), max_size=3))
    return out


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = minimal_program(draw(program_ids), org=draw(_ident(r"^[a-z0-9_.-]+$")))
    cls = doc["programClassification"]
    cls["programType"] = (
        draw(st.sampled_from(_enum("ProgramProgramType")))
        if ("ProgramProgramType" in DEFS)
        else cls["programType"]
    )
    cls["degree"] = draw(st.sampled_from(_enum("ProgramDegree")))
    cls["programForm"] = draw(
        st.lists(st.sampled_from(_enum("ProgramProgramForm")), min_size=1, max_size=3)
    )
    unit = draw(st.sampled_from(["years", "months", "weeks", "days", "hours"]))
    cls["programDuration"] = {unit: draw(st.integers(0, 10_000))}
    cls["programLocation"] = [
        {"description": d} for d in draw(st.lists(text, min_size=1, max_size=3))
    ]
    doc["includeInCatalog"] = draw(
        st.lists(st.sampled_from(["leerrijk", "bloomville", "rio", "rio/stap"]), unique=True)
    )
    desc = doc["programDescriptions"]
    desc["programName"] = draw(localized)
    desc["programSummaryText"] = draw(localized)
    cur = doc["programCurriculum"]
    if draw(st.booleans()):
        cur["studyLoad"] = draw(
            st.fixed_dictionaries(
                {}, optional={"program": st.integers(1, 9999), "week": st.integers(1, 99)}
            ).filter(bool)
        )
    if draw(st.booleans()):
        cur["instructionLanguage"] = [
            {"languageCode": lang, "percentage": draw(st.integers(0, 100))}
            for lang in draw(st.lists(langs, unique=True, min_size=1, max_size=2))
        ]
    ack: dict[str, Any] = {}
    if draw(st.booleans()):
        ack["rioRegistration"] = draw(st.from_regex(r"\A\d{4}O\d{4}\Z"))
    if draw(st.booleans()):
        ack["creboRegistration"] = [
            {"creboCode": draw(st.from_regex(r"\A\d{5}\Z")), "learningPath": path}
            for path in draw(st.lists(st.sampled_from(["BOL", "BBL", "EX"]), unique=True))
        ]
    if ack:
        doc["programExternalAcknowledgements"] = ack
    ids = draw(st.lists(run_ids, unique=True, max_size=4))
    doc["programSchedule"] = {"programRun": [draw(runs(i)) for i in ids]} if ids else {}
    if draw(st.booleans()):
        doc["programSchedule"]["genericProgramRun"] = {"cost": draw(st.lists(costs(), max_size=2))}
    return doc


@settings(SETTINGS, max_examples=40)
@given(valid_documents(), st.sampled_from(["word", "digit"]), st.booleans())
def test_valid_documents_read_equal_from_json_and_xml(
    doc: dict[str, Any], booleans: str, reverse: bool
) -> None:
    assert validate_document(doc) == ()
    from_json = read_program(json.dumps(doc).encode(), mode="strict")
    assert from_json.issues == ()
    assert from_json.program is not None
    xml = document_to_xml(doc, booleans=booleans, reverse=reverse)  # type: ignore[arg-type]
    from_xml = read_program(xml, mode="strict")
    assert from_xml.issues == ()
    assert from_xml.program == from_json.program
    assert from_json.program.key.program_id == doc["programClassification"]["programId"]
    assert len(from_json.program.runs) == len(doc["programSchedule"].get("programRun", []))


# --- schema-breaking documents -------------------------------------------------------------

_PATH_PART = re.compile(r'\[("(?:[^"\\]|\\.)*")\]|\[(\d+)\]|\.?([^.\[\]"]+)')


def _parts(path: str) -> list[str | int]:
    out: list[str | int] = []
    pos = 0
    while pos < len(path):
        m = _PATH_PART.match(path, pos)
        assert m is not None, f"unparseable path {path!r} at {pos}"
        quoted, index, name = m.groups()
        out.append(json.loads(quoted) if quoted else int(index) if index else name)
        pos = m.end()
    return out


def _points_into(doc: Any, path: str) -> bool:
    """``path`` walks ``doc``; only its last step may be missing (a required field)."""
    parts = _parts(path)
    node = doc
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        if isinstance(part, int):
            if not isinstance(node, list) or part >= len(node):
                return False
            node = node[part]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return last and isinstance(node, dict)
    return True


def _locations(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every (container path) in ``doc``: where a mutation can strike."""
    out = [prefix]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _locations(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _locations(v, (*prefix, i))
    return out


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)

BASES = [
    minimal_program(),
    catalogue_doc("day1", "kompasacademie", "pm-basis"),
    catalogue_doc("day1", "zorgcollege-noord", "vig-25491"),
]


@st.composite
def broken_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(_locations(doc)[1:]))
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        key = where[-1]
        action = draw(st.sampled_from(["delete", "replace", "add", "string"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(json_values)
        elif action == "string":
            parent[key] = draw(st.text(max_size=70))
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
    return doc


@SETTINGS
@given(broken_documents(), st.sampled_from(["strict", "production"]))
def test_broken_json_documents_never_crash_and_every_rejection_names_a_path(
    doc: dict[str, Any], mode: str
) -> None:
    result = read_program(json.dumps(doc).encode(), mode=mode)  # type: ignore[arg-type]
    assert result.ok == (result.errors == ())
    for issue in result.issues:
        assert issue.path, issue  # the root stays an object, so something in it is named
        assert _points_into(doc, issue.path), (issue.path, issue)
        assert issue.text("nl").startswith(issue.path + ": ")
        assert issue.text("en").startswith(issue.path + ": ")
        assert issue.message_nl
        assert issue.message_en
    if result.ok:
        assert result.program is not None


def _xml_locations(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str) and el is not root]


@st.composite
def broken_xml(draw: st.DrawFn) -> bytes:
    doc = draw(st.sampled_from(BASES))
    root = etree.fromstring(document_to_xml(doc, booleans=draw(st.sampled_from(["word", "digit"]))))
    for _ in range(draw(st.integers(1, 3))):
        elements = _xml_locations(root)
        if not elements:
            break
        el = draw(st.sampled_from(elements))
        action = draw(st.sampled_from(["delete", "text", "duplicate", "add", "attr", "nest"]))
        if action == "delete":
            el.getparent().remove(el)  # type: ignore[union-attr]
        elif action == "text":
            el.text = draw(st.text(_chars, max_size=30))
        elif action == "duplicate":
            el.addnext(copy.deepcopy(el))
        elif action == "add":
            name = draw(st.from_regex(r"\A[a-zA-Z][a-zA-Z0-9]{0,10}\Z"))
            etree.SubElement(el.getparent(), f"{{{PROGRAM_NS}}}{name}").text = "x"  # type: ignore[arg-type]
        elif action == "attr":
            el.set(
                draw(st.sampled_from(["unit", "isFinal", "period", "id", "lang"])),
                draw(st.text(_chars, max_size=8)),
            )
        else:
            etree.SubElement(el, f"{{{PROGRAM_NS}}}{el.tag.split('}')[-1]}").text = "1"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@SETTINGS
@given(broken_xml(), st.sampled_from(["strict", "production"]))
def test_broken_xml_documents_never_crash_and_every_rejection_names_a_path(
    data: bytes, mode: str
) -> None:
    result = read_program(data, mode=mode)  # type: ignore[arg-type]
    assert result.ok == (result.errors == ())
    for issue in result.errors:
        assert issue.path, issue
        assert issue.text("nl").startswith(issue.path + ": ")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_never_crash_the_reader(data: bytes) -> None:
    result = read_program(data)
    if not result.ok:
        assert result.errors
    for prefix in (b"<", b"<program>"):
        read_program(prefix + data)  # must simply not raise
