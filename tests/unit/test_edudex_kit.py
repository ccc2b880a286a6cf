"""Shared helpers of the EDU-DEX tests (no tests here): documents and paths."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from tests.conftest import REPO, SHARED

CATALOG = REPO / "examples" / "catalog"
SAMPLES = SHARED / "edudex-samples"
TOKEN = "secret-token:edudex-tests-0123456789"
FEED_KEY = "feed-key-s3cr3t-value"

Doc = dict[str, Any]

_MINIMAL: Doc = {
    "editor": "feedbeheer@voorbeeld.example",
    "format": "EDU-DEX 1.0",
    "generator": "edudex-rio tests",
    "lastEdited": "2026-11-27T18:00:00Z",
    "includeInCatalog": ["rio"],
    "programClassification": {
        "orgUnitId": "voorbeeld",
        "programId": "CURSUS-1",
        "programType": "training",
        "programLevel": "none",
        "degree": "certificate",
        "programForm": ["part-time"],
        "programDuration": {"days": 2},
        "programLocation": [{"description": "Utrecht"}],
    },
    "programDescriptions": {
        "programName": {"nl": "Cursus één"},
        "programSummaryText": {"nl": "Korte samenvatting."},
        "programDescriptionText": {"nl": "Langere beschrijving."},
    },
    "programAdmission": {
        "applicationOpen": True,
        "applicationType": "individual",
        "paymentDue": "up-front",
        "startDateDetermination": "fixed starting date",
    },
    "programContacts": {},
    "programCurriculum": {},
    "programSchedule": {
        "programRun": [
            {
                "id": "RUN-1",
                "status": "application opened",
                "startDate": {"date": "2027-03-01", "isFinal": True},
                "endDate": {"date": "2027-03-02", "isFinal": True},
                "location": {
                    "address": "Stationsplein 1",
                    "zipcode": "3511 ED",
                    "city": "Utrecht",
                    "country": "nl",
                },
                "cost": [
                    {
                        "id": "c1",
                        "costType": "tuition fee",
                        "amount": "495.00",
                        "currency": "EUR",
                        "amountIsFinal": True,
                        "isRequiredCost": True,
                        "VATCode": 1,
                    }
                ],
            }
        ]
    },
}


def minimal_program(
    program_id: str = "CURSUS-1", org: str = "voorbeeld", client: str | None = None
) -> Doc:
    """A small schema-valid programme document (a fresh copy)."""
    doc = copy.deepcopy(_MINIMAL)
    doc["programClassification"]["programId"] = program_id
    doc["programClassification"]["orgUnitId"] = org
    if client:
        doc["clientId"] = {"orgUnitId": client}
    return doc


def metadata(org: str = "voorbeeld", kvk: str = "12345678") -> Doc:
    """Schema-valid supplier metadata."""
    return {
        "editor": "feedbeheer@voorbeeld.example",
        "format": "EDU-DEX 1.0",
        "generator": "edudex-rio tests",
        "lastEdited": "2026-11-01T09:00:00Z",
        "orgUnitId": org,
        "instituteKvK": kvk,
        "includeInCatalog": ["rio"],
        "instituteName": {"nl": f"Opleider {org}"},
    }


def write_json(path: Path, doc: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return path


def catalogue_doc(day: str, org: str, slug: str) -> Doc:
    """A programme document of the example catalogue (JSON form)."""
    path = CATALOG / day / "json" / org / "programs" / f"{slug}.json"
    loaded: Doc = json.loads(path.read_text("utf-8"))
    return loaded
