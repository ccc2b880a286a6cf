"""Feed XML: the encodings of EDUDEX-NOTES §4, order independence, and hostile input."""

from __future__ import annotations

import pytest
from lxml import etree

from edudex_rio.edudex import read_program
from edudex_rio.edudex.errors import UnsafeDocument
from edudex_rio.edudex.xmlformat import PROGRAM_NS, document_to_xml
from edudex_rio.edudex.xmlsafe import parse_xml
from tests.unit.test_edudex_kit import minimal_program

NS = {"p": PROGRAM_NS}


def _xml(doc: dict[str, object] | None = None, **kw: object) -> bytes:
    return document_to_xml(doc or minimal_program(), **kw)  # type: ignore[arg-type]


def _edit(
    xml: bytes,
    xpath: str,
    *,
    text: str | None = None,
    attrib: dict[str, str] | None = None,
    remove: bool = False,
    add: tuple[str, str] | None = None,
) -> bytes:
    root = etree.fromstring(xml)
    for el in root.xpath(xpath, namespaces=NS):
        if remove:
            el.getparent().remove(el)
            continue
        if text is not None:
            el.text = text
        for k, v in (attrib or {}).items():
            if v == "":
                el.attrib.pop(k, None)
            else:
                el.set(k, v)
        if add:
            etree.SubElement(el, f"{{{PROGRAM_NS}}}{add[0]}").text = add[1]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("true", ["true", "1", " TRUE "])
def test_booleans_accept_words_and_digits(true: str) -> None:
    xml = _edit(_xml(), "//p:applicationOpen", text=true)
    result = read_program(xml, mode="strict")
    assert result.program is not None
    assert result.program.application_open is True
    zero = _edit(_xml(), "//p:startDate", attrib={"isFinal": "0"})
    run = read_program(zero, mode="strict").program
    assert run is not None
    assert run.runs[0].start.is_final is False


def test_a_boolean_that_is_no_boolean_is_rejected_with_its_path() -> None:
    result = read_program(_edit(_xml(), "//p:applicationOpen", text="ja"), mode="strict")
    assert not result.ok
    assert [i.path for i in result.errors] == ["programAdmission.applicationOpen"]
    assert "true/false" in result.errors[0].text("nl")


def test_element_order_does_not_matter() -> None:
    forward = read_program(_xml(booleans="word"), mode="strict").program
    backward = read_program(_xml(booleans="digit", reverse=True), mode="strict").program
    assert forward is not None
    assert forward == backward


def test_localised_text_languages_and_missing_lang_defaults_to_dutch() -> None:
    doc = minimal_program()
    doc["programDescriptions"]["programName"] = {"nl": "Naam", "en": "Name", "de": "Name DE"}
    program = read_program(_xml(doc), mode="strict").program
    assert program is not None
    assert program.names.languages == ("de", "en", "nl")
    xml = _edit(
        _xml(), "//p:programSummaryText", attrib={"{http://www.w3.org/XML/1998/namespace}lang": ""}
    )
    bare = read_program(xml, mode="strict").program
    assert bare is not None
    assert bare.summaries.get("nl") == "Korte samenvatting."


def test_cdata_text_is_read() -> None:
    xml = _xml().replace(
        b'<programSummaryText xml:lang="nl">Korte samenvatting.</programSummaryText>',
        b'<programSummaryText xml:lang="nl"><![CDATA[Korte <b>samenvatting</b> & meer]]>'
        b"</programSummaryText>",
    )
    program = read_program(xml, mode="strict").program
    assert program is not None
    assert program.summaries.get("nl") == "Korte <b>samenvatting</b> & meer"


@pytest.mark.parametrize(
    ("unit", "json_unit"), [("year", "years"), ("week", "weeks"), ("hour", "hours")]
)
def test_duration_unit_attribute(unit: str, json_unit: str) -> None:
    xml = _edit(_xml(), "//p:programDuration", text="7", attrib={"unit": unit})
    program = read_program(xml, mode="strict").program
    assert program is not None
    assert (program.duration.amount, program.duration.unit) == (7, json_unit)


def test_unknown_duration_unit_is_rejected_at_the_duration() -> None:
    xml = _edit(_xml(), "//p:programDuration", attrib={"unit": "fortnight"})
    result = read_program(xml, mode="strict")
    assert not result.ok
    assert {i.path for i in result.errors} == {"programClassification.programDuration"}


def test_study_load_period_attribute_repeats_per_period() -> None:
    doc = minimal_program()
    doc["programCurriculum"]["studyLoad"] = {"program": 84, "week": 7}
    xml = _xml(doc)
    assert b'<studyLoad period="week">7</studyLoad>' in xml
    program = read_program(xml, mode="strict").program
    assert program is not None
    assert program.study_load is not None
    assert (program.study_load.program_hours, program.study_load.week_hours) == (84, 7)


def test_lower_case_currency_is_normalised_and_money_is_decimal() -> None:
    xml = _xml().replace(b"<currency>EUR</currency>", b"<currency>eur</currency>")
    program = read_program(xml, mode="strict").program
    assert program is not None
    cost = program.runs[0].costs[0]
    assert cost.currency == "EUR"
    assert str(cost.amount) == "495.00"


def test_program_location_text_with_id_attribute() -> None:
    doc = minimal_program()
    doc["programClassification"]["programLocation"] = [
        {"description": "Utrecht", "id": "utr"},
        {"description": "Online"},
    ]
    program = read_program(_xml(doc), mode="strict").program
    assert program is not None
    assert [(p.description, p.id) for p in program.program_locations] == [
        ("Utrecht", "utr"),
        ("Online", None),
    ]


def test_unknown_element_is_an_error_in_strict_and_a_warning_in_production() -> None:
    xml = _edit(_xml(), "//p:programRun", add=("nieuwVeld2027", "x"))
    strict = read_program(xml, mode="strict")
    assert not strict.ok
    assert [i.path for i in strict.errors] == ["programSchedule.programRun[0].nieuwVeld2027"]
    production = read_program(xml, mode="production")
    assert production.ok
    assert [(i.level, i.code) for i in production.issues] == [("warning", "unknown-field")]


def test_a_document_without_namespace_is_read_too() -> None:
    xml = _xml().replace(f' xmlns="{PROGRAM_NS}"'.encode(), b"")
    assert read_program(xml, mode="strict").ok


def test_an_institute_document_is_not_a_programme() -> None:
    from tests.unit.test_edudex_kit import metadata

    result = read_program(document_to_xml(metadata(), kind="institute"), mode="strict")
    assert not result.ok
    assert result.errors[0].code == "wrong-document"


def test_unknown_root_element_is_refused() -> None:
    result = read_program(b"<catalogus><x/></catalogus>", mode="strict")
    assert not result.ok
    assert result.errors[0].code == "unreadable"
    assert "catalogus" in result.errors[0].text("en")


# --- hostile XML ----------------------------------------------------------------------------

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE program [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<program xmlns="http://studieData.nl/schema/edudex/program"><editor>&xxe;</editor></program>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<program xmlns="http://studieData.nl/schema/edudex/program"><editor>&lol3;</editor></program>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!-- harmless comment first -->
<!DOCTYPE program [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<program/>"""


@pytest.mark.parametrize("data", [XXE, BOMB, PARAMETER_ENTITY], ids=["xxe", "bomb", "param"])
def test_dtds_and_entities_are_refused_with_a_clear_error(data: bytes) -> None:
    with pytest.raises(UnsafeDocument, match="DOCTYPE"):
        parse_xml(data)
    result = read_program(data, mode="production", origin="feed/evil.xml")
    assert not result.ok
    (issue,) = result.issues
    assert issue.code == "unreadable"
    assert "niet toegestaan" in issue.text("nl")
    assert "not allowed" in issue.text("en")
    assert "root:" not in issue.message_en  # nothing of /etc/passwd


def test_utf16_doctype_is_refused() -> None:
    with pytest.raises(UnsafeDocument, match="DOCTYPE"):
        parse_xml(
            XXE.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"')
            .decode()
            .encode("utf-16")
        )


def test_oversized_document_is_refused_before_parsing() -> None:
    data = _xml()
    with pytest.raises(UnsafeDocument, match="too large"):
        parse_xml(data, max_bytes=len(data) - 1)
    result = read_program(data, max_bytes=100)
    assert not result.ok
    assert "te groot" in result.issues[0].text("nl")
    json_result = read_program(b'{"a": "' + b"x" * 200 + b'"}', max_bytes=100)
    assert "too large" in json_result.issues[0].text("en")


def test_malformed_xml_and_json_are_reported_not_raised() -> None:
    for data in (b"<program><unclosed></program>", b"{not json", b"\xff\xfe\x00garbage"):
        result = read_program(data)
        assert not result.ok
        assert result.issues[0].code == "unreadable"


def test_html_doctype_inside_cdata_is_not_mistaken_for_a_dtd() -> None:
    """Regression: the DTD scan used to look at the whole file and refused valid
    programmes whose HTML description (in CDATA) starts with ``<!DOCTYPE html>``."""
    doc = minimal_program()
    doc["programDescriptions"]["programDescriptionHtml"] = {"nl": "PLACEHOLDER"}
    xml = _xml(doc).replace(
        b"PLACEHOLDER", b"<![CDATA[<!DOCTYPE html><html><body><p>Hallo</p></body></html>]]>"
    )
    result = read_program(xml, mode="strict")
    assert result.ok, result.issues
    assert result.program is not None
    assert result.program.description_html is not None
    assert result.program.description_html.get(
        "nl",
    ).startswith("<!DOCTYPE html>")  # type: ignore[union-attr]


def test_comments_and_processing_instructions_are_dropped() -> None:
    xml = _xml().replace(b"<editor>", b"<!-- opmerking --><?pi data?><editor>")
    assert read_program(xml, mode="strict").ok
