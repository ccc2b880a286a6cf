"""Pre-send validation: DUO's XSD plus the documented Teksttype conditions it cannot express."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from edudex_rio.rio import model as m
from edudex_rio.rio import xsd
from edudex_rio.rio.messages import build_request

DOCUMENT = m.Bedrijfsdocument.nieuw(
    verzendende_instantie="00000003123456780000", now=datetime(2026, 3, 1, tzinfo=UTC)
)


def _request(naam: str) -> m.AanleverenOpleidingseenheid:
    return m.AanleverenOpleidingseenheid(
        opleidingseenheid=m.ParticuliereOpleiding(
            begindatum=date(2026, 1, 1),
            perioden=(m.ParticuliereOpleidingPeriode(begindatum=date(2026, 1, 1), naam_lang=naam),),
        )
    )


def test_teksttype_elements_come_from_the_xsd() -> None:
    names = xsd.teksttype_elements("beheren")
    assert {"naamLang", "naamKort", "plaatsnaam"} <= names
    assert "omschrijving" not in names  # VrijeTekstType: newlines allowed


@pytest.mark.parametrize(
    "naam", ["Cursus  Python", " Cursus", "Cursus ", "Cursus\nPython", "Cursus\tPython"]
)
def test_teksttype_violations_are_refused_before_sending(naam: str) -> None:
    with pytest.raises(xsd.XsdValidationError) as caught:
        build_request(_request(naam), DOCUMENT)
    assert "naamLang" in str(caught.value)
    assert "Teksttype" in str(caught.value)


def test_clean_text_passes() -> None:
    payload = build_request(_request("Cursus Python voor analisten"), DOCUMENT)
    assert payload.findtext(".//{*}naamLang") == "Cursus Python voor analisten"


def test_xsd_failure_names_element_and_rule() -> None:
    with pytest.raises(xsd.XsdValidationError) as caught:
        build_request(_request("x" * 300), DOCUMENT)
    assert caught.value.element == "aanleveren_opleidingseenheid_request"
    assert "naamLang" in str(caught.value)
    assert caught.value.issues
