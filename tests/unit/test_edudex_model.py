"""The normalised model and the Data API client against the documented response shapes
(the shared synthetic samples, served by an httpx mock transport)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest

from edudex_rio.edudex import ApiSource, DataApiClient, SecretToken, read_incremental, read_program
from edudex_rio.edudex.model import LocalizedText, Location, ProgramKey
from tests.unit.test_edudex_kit import SAMPLES, TOKEN, minimal_program


def _sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text("utf-8"))


def _samples_transport(seen: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = request.url.path
        if path.endswith("/suppliers"):
            return httpx.Response(200, json=_sample("synthetic-suppliers-list-response.json"))
        if path.endswith("/metadata"):
            return httpx.Response(200, json=_sample("synthetic-supplier-metadata.json"))
        if path.endswith("/programs") and request.method == "GET":
            return httpx.Response(
                200, json=_sample("synthetic-supplier-programs-list-response.json")
            )
        if path.endswith("/programs/bulk"):
            return httpx.Response(200, json=_sample("synthetic-programs-bulk-response.json"))
        if path.endswith("/changes"):
            return httpx.Response(200, json=_sample("synthetic-catalog-changes-response.json"))
        return httpx.Response(404, json={"status": 404, "error": "not found"})

    return httpx.MockTransport(handler)


def test_api_source_reads_the_documented_response_shapes() -> None:
    seen: list[httpx.Request] = []
    client = DataApiClient(
        SecretToken(TOKEN),
        base_url="https://api.example/data/v1",
        transport=_samples_transport(seen),
    )
    source = ApiSource(client, mode="strict")
    assert source.list_providers() == ("voorbeeldopleider",)
    provider = source.fetch_provider("voorbeeldopleider")
    assert provider.selected_for_rio
    result = read_incremental(source, "voorbeeldopleider")
    # the client variant is skipped; the public ones are fetched in one bulk call
    (bulk,) = [r for r in seen if r.url.path.endswith("/bulk")]
    body = json.loads(bulk.content)
    assert body == {
        "programs": [
            {"orgUnitId": "voorbeeldopleider", "programId": "PRJM-2026", "clientId": "public"},
            {"orgUnitId": "voorbeeldopleider", "programId": "EXCEL-ONLINE", "clientId": "public"},
        ]
    }
    assert bulk.headers["authorization"] == f"Bearer {TOKEN}"
    assert [r.ok for r in result.changed] == [True, True]
    changes = client.catalog_changes("org", "cat", "2026-01-01T00:00:00Z")
    assert [c["status"] for c in changes] == ["active", "inactive", "removed"]
    assert seen[-1].url.params["changesSince"] == "2026-01-01T00:00:00Z"
    # a failed item of the bulk answer becomes a reported result for that key
    missing = ProgramKey(org_unit_id="voorbeeldopleider", program_id="BESTAAT-NIET")
    (failed,) = source.fetch_programs([missing])
    assert failed.key == missing
    assert "Program not found" in failed.issues[0].text("nl")
    client.close()


# --- the model ------------------------------------------------------------------------------


def test_localized_text_prefers_dutch_then_first_language() -> None:
    text = LocalizedText.of({"en": "Name", "nl": "Naam"})
    assert text == LocalizedText.of({"nl": "Naam", "en": "Name"})
    assert text.preferred() == "Naam"
    assert text.preferred("en") == "Name"
    assert LocalizedText.of({"fr": "Nom", "de": "Name"}).preferred() == "Name"  # first by code
    assert text.get("de") is None
    assert dict(text) == {"en": "Name", "nl": "Naam"}


def test_normalisation_of_costs_dates_and_registrations() -> None:
    doc = minimal_program()
    run = doc["programSchedule"]["programRun"][0]
    run["cost"].append(
        {
            "id": "c2",
            "costType": "lunch",
            "amount": "+12.50",
            "currency": "EUR",
            "amountIsFinal": False,
            "isRequiredCost": False,
            "amountVAT": "1.13",
            "VATPercentage": 9,
            "VATCountry": "nl",
            "amountValidFrom": "2027-01-01",
            "period": "day",
            "payableBy": "group",
        }
    )
    run["applicationDeadline"] = "2027-02-15"
    run["courseDay"] = [
        {
            "id": "d:1",
            "date": "2027-03-01",
            "startTime": "09:30:00",
            "endTime": "16:30:00",
            "location": {"address": "Weena 505", "zipcode": "3013 AL", "city": "Rotterdam"},
        },
    ]
    doc["lastEdited"] = "2026-11-27T18:00:00+01:00"
    doc["programExternalAcknowledgements"] = {
        "creboRegistration": [
            {
                "creboCode": "25491",
                "learningPath": "BBL",
                "continuousLearningLine": False,
                "accessible": "open",
            }
        ],
        "nlqfRegistration": [{"nlqfLevel": "4+", "eqfLevel": "4", "nlqfRegisterCode": "45-678"}],
        "rioRegistration": "1234O5678",
    }
    p = read_program(doc, mode="strict").program
    assert p is not None
    assert p.last_edited == dt.datetime(2026, 11, 27, 17, 0, tzinfo=dt.UTC)
    r = p.runs[0]
    assert r.application_deadline == dt.date(2027, 2, 15)
    lunch = r.costs[1]
    assert lunch.amount == Decimal("12.50")
    assert lunch.amount_vat == Decimal("1.13")
    assert (lunch.vat_percentage, lunch.vat_code, lunch.vat_country) == (9, None, "nl")
    assert (lunch.valid_from, lunch.period, lunch.payable_by) == (
        dt.date(2027, 1, 1),
        "day",
        "group",
    )
    assert not lunch.is_required
    assert not lunch.amount_is_final
    assert r.course_days[0].end_time == dt.time(16, 30)
    assert [loc.city for loc in r.locations] == ["Utrecht", "Rotterdam"]
    crebo = p.crebo_registrations[0]
    assert (crebo.learning_path, crebo.continuous_learning_line, crebo.accessible) == (
        "BBL",
        False,
        "open",
    )
    assert p.learning_paths == ("BBL",)
    assert p.nlqf_registrations[0].nlqf_level == "4+"
    assert p.rio_registration == "1234O5678"


def test_absent_optionals_are_none_and_absent_arrays_empty() -> None:
    doc = minimal_program()
    doc["programSchedule"] = {}
    p = read_program(doc, mode="strict").program
    assert p is not None
    assert p.runs == ()
    assert p.costs == ()
    assert p.study_load is None
    assert p.rio_registration is None
    assert p.program_uuid is None
    assert p.expires is None
    assert p.web_link is None
    assert p.themes == ()
    assert p.selected_for_rio
    assert not p.is_stap


@pytest.mark.parametrize(
    ("address", "zipcode", "expected"),
    [("Weena 505", "3013 AL", True), ("Weena 505", None, False), (None, "3013 AL", False)],
)
def test_location_has_address_needs_street_and_postcode(
    address: str | None, zipcode: str | None, expected: bool
) -> None:
    assert Location(address=address, zipcode=zipcode).has_address is expected
