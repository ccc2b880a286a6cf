from __future__ import annotations

import re

import pytest

from edudex_rio.errors import TerminalError, TransientError
from edudex_rio.rio import foutcodes
from edudex_rio.rio.faults import (
    SoapFault,
    TerminalRejectionError,
    TerminalSoapFaultError,
    TransientRejectionError,
    TransientSoapFaultError,
    fault_error,
    rejection_error,
)
from edudex_rio.rio.model import Foutmelding, Sleutelgegeven
from tests.conftest import SHARED

_CODE = re.compile(
    r"\b(A0\d{4}|AUT\d{3}|INT\d{3}|K0\d{4}|N\d{5}|P0\d{4}|J0\d{4}|MTM\d{3}|DK\d{4}|EK\d{4})\b"
)


def test_every_code_in_the_notes_and_traffic_is_catalogued() -> None:
    notes = (SHARED / "RIO-NOTES.md").read_text()
    traffic = (SHARED / "rio-traffic" / "README.md").read_text()
    mentioned = set(_CODE.findall(notes)) | set(_CODE.findall(traffic))
    assert mentioned, "no codes found: wrong SHARED?"
    missing = sorted(code for code in mentioned if not foutcodes.describe(code).known)
    assert missing == []


def test_every_entry_is_complete() -> None:
    for entry in foutcodes.CATALOGUE.values():
        for text in (entry.meaning_nl, entry.meaning_en, entry.advice_nl, entry.advice_en):
            assert text.strip(), entry.code
        assert entry.meaning_nl != entry.meaning_en, entry.code


@pytest.mark.parametrize(
    ("code", "retryable"),
    [
        ("DK0051", True),  # service unavailable
        ("DK0004", False),  # not XSD conform
        ("EK0031", False),  # signature
        ("INT500", True),
        ("A01070", True),  # OE not visible yet: RIO is asynchronous
        ("P01810", True),  # dependants not yet deleted (the mapper keeps it retryable)
        ("A01161", True),
        # a location code RIO assigned a moment ago is not visible yet: retry (the SURF mapper
        # lists A01060 as unrecoverable; we deviate, see docs/rio-wire.md)
        ("A01060", True),
        # the SURF mapper's "unrecoverable" set
        ("AUT401", False),
        ("A01160", False),
        ("K01010", False),
        ("P01081", False),
        ("P01430", False),
        ("N11020", False),
        ("N11030", False),
    ],
)
def test_retry_classification(code: str, retryable: bool) -> None:
    assert foutcodes.describe(code).retryable is retryable


def test_unknown_codes_get_a_generic_entry() -> None:
    unknown = foutcodes.describe(" x12345 ")
    assert unknown.known is False
    assert unknown.code == "X12345"
    assert unknown.retryable is False
    assert "Onbekende" in unknown.meaning_nl
    assert foutcodes.describe("INT999").retryable is True
    assert foutcodes.describe("DK0099").layer is foutcodes.Layer.FAULT
    assert foutcodes.describe("").known is False


def test_text_in_both_languages() -> None:
    entry = foutcodes.describe("a01070")
    assert entry.text("nl").startswith("A01070: De opleidingseenheid")
    assert entry.text("en").startswith("A01070: The programme")


def test_fault_errors_carry_their_code_and_retry_class() -> None:
    unavailable = fault_error(
        SoapFault.from_fault(faultcode="soap:Server.DK0051", faultstring="time-out")
    )
    assert isinstance(unavailable, TransientSoapFaultError)
    assert isinstance(unavailable, TransientError)
    assert unavailable.code == "DK0051"
    invalid = fault_error(SoapFault.from_fault(faultcode="Client", faultstring="EK0031 invalid"))
    assert isinstance(invalid, TerminalSoapFaultError)
    assert isinstance(invalid, TerminalError)
    assert invalid.code == "EK0031"
    generic_server = fault_error(SoapFault.from_fault(faultcode="Server", faultstring="oops"))
    assert isinstance(generic_server, TransientError)
    assert generic_server.code is None


def test_rejections_are_terminal_when_any_code_is() -> None:
    wait = [Foutmelding(code="P01810", tekst="eerst verwijderen")]
    assert isinstance(
        rejection_error("verwijderen_opleidingseenheid", wait), TransientRejectionError
    )
    mixed = [
        *wait,
        Foutmelding(
            code="AUT401",
            tekst="niet geautoriseerd",
            sleutelgegevens=(Sleutelgegeven(naam="onderwijsaanbiedercode", waarde="110A133"),),
        ),
    ]
    error = rejection_error("verwijderen_opleidingseenheid", mixed)
    assert isinstance(error, TerminalRejectionError)
    assert error.codes == ("P01810", "AUT401")
    assert "AUT401" in str(error)
    assert isinstance(rejection_error("x", []), TransientRejectionError)
