"""Validation against the official JSON schema: path, what is wrong, what is allowed, in
Dutch and English; production mode downgrades unknown fields and values to warnings."""

from __future__ import annotations

from typing import Any

import pytest

from edudex_rio.edudex import read_program, read_provider
from edudex_rio.edudex.errors import DocumentRejected
from edudex_rio.edudex.validation import Issue, format_path, validate_document
from tests.unit.test_edudex_kit import metadata, minimal_program


def _issues(doc: Any, mode: str = "strict") -> tuple[Issue, ...]:
    return validate_document(doc, mode=mode)  # type: ignore[arg-type]


def _run(doc: dict[str, Any]) -> dict[str, Any]:
    run: dict[str, Any] = doc["programSchedule"]["programRun"][0]
    return run


def test_valid_document_has_no_issues() -> None:
    assert _issues(minimal_program()) == ()


def test_format_path() -> None:
    assert format_path(["programSchedule", "programRun", 1, "status"]) == (
        "programSchedule.programRun[1].status"
    )
    assert format_path([]) == ""
    # names that would make a path ambiguous are quoted
    assert format_path(["a", "x.y", 0, "my field", ""]) == 'a["x.y"][0]["my field"][""]'


def test_missing_required_field_names_the_field() -> None:
    doc = minimal_program()
    del _run(doc)["status"]
    (issue,) = _issues(doc)
    assert issue.path == "programSchedule.programRun[0].status"
    assert issue.code == "required"
    assert issue.text("nl") == "programSchedule.programRun[0].status: verplicht veld ontbreekt"
    assert issue.text("en") == "programSchedule.programRun[0].status: required field is missing"


def test_unknown_enum_value_says_what_is_allowed() -> None:
    doc = minimal_program()
    _run(doc)["status"] = "cancelled"  # EDU-DEX spells it with one l
    (issue,) = _issues(doc)
    assert issue.path == "programSchedule.programRun[0].status"
    assert issue.code == "enum"
    assert issue.found == '"cancelled"'
    assert issue.allowed is not None
    assert '"canceled"' in issue.allowed
    assert issue.text("nl").startswith(
        'programSchedule.programRun[0].status: onbekende waarde "cancelled" (toegestaan: '
    )
    assert "unknown value" in issue.text("en")


@pytest.mark.parametrize(
    ("edit", "path", "code", "allowed_part"),
    [
        (
            lambda d: _run(d)["cost"][0].update(amount="495,00"),
            "programSchedule.programRun[0].cost[0].amount",
            "pattern",
            "two decimals",
        ),
        (
            lambda d: _run(d)["cost"][0].update(currency="eur"),
            "programSchedule.programRun[0].cost[0].currency",
            "pattern",
            "EUR",
        ),
        (
            lambda d: d["programClassification"].update(programDuration={"days": 2, "hours": 3}),
            "programClassification.programDuration",
            "one-of",
            "days",
        ),
        (
            lambda d: _run(d)["startDate"].update(date="2027-02-30"),
            "programSchedule.programRun[0].startDate.date",
            "format",
            "YYYY-MM-DD",
        ),
        (
            lambda d: d["programClassification"].update(programId="x" * 65),
            "programClassification.programId",
            "maxLength",
            "64",
        ),
        (
            lambda d: d["programClassification"].update(programLocation=[]),
            "programClassification.programLocation",
            "minItems",
            "1",
        ),
        (
            lambda d: d.setdefault("programExternalAcknowledgements", {}).update(
                rioRegistration="1234o5678"
            ),
            "programExternalAcknowledgements.rioRegistration",
            "pattern",
            "1234O5678",
        ),
        (
            lambda d: d["programAdmission"].update(maxNumberOfParticipants="twaalf"),
            "programAdmission.maxNumberOfParticipants",
            "type",
            "integer",
        ),
    ],
    ids=["amount", "currency", "duration", "date", "long-id", "no-location", "ocode", "type"],
)
def test_errors_name_path_and_allowed_form(
    edit: Any, path: str, code: str, allowed_part: str
) -> None:
    doc = minimal_program()
    edit(doc)
    issues = [i for i in _issues(doc) if i.level == "error"]
    assert [(i.path, i.code) for i in issues] == [(path, code)]
    (issue,) = issues
    assert issue.allowed is not None
    assert allowed_part in issue.allowed
    assert issue.text("nl").startswith(f"{path}: ")
    assert issue.text("en").startswith(f"{path}: ")
    assert issue.message_nl != issue.message_en
    # the same error in production mode: still an error (only unknowns are tolerated)
    assert [i.level for i in _issues(doc, "production") if i.path == path] == ["error"]


def test_course_day_time_out_of_range_is_a_format_error_not_a_crash() -> None:
    """Regression: ``25:00`` passed the time check and then crashed the normaliser."""
    doc = minimal_program()
    _run(doc)["courseDay"] = [{"id": "d1", "date": "2027-03-01", "startTime": "25:00:00"}]
    result = read_program(doc, mode="strict")
    assert not result.ok
    assert [(i.path, i.code) for i in result.errors] == [
        ("programSchedule.programRun[0].courseDay[0].startTime", "format")
    ]


def test_unknown_field_lists_the_known_ones() -> None:
    doc = minimal_program()
    doc["programClassification"]["programType2"] = "training"
    (issue,) = _issues(doc)
    assert issue.path == "programClassification.programType2"
    assert issue.code == "unknown-field"
    assert issue.allowed is not None
    assert "programType" in issue.allowed


def test_production_mode_warns_on_unknown_fields_and_values_and_keeps_them() -> None:
    doc = minimal_program()
    doc["nieuwVeld"] = {"iets": 1}
    doc["programClassification"]["programType"] = "hackathon"
    _run(doc)["cost"][0]["costType"] = "parking"
    strict = read_program(doc, mode="strict")
    assert not strict.ok
    assert {i.code for i in strict.errors} == {"unknown-field", "enum"}
    result = read_program(doc, mode="production")
    assert result.ok
    assert result.errors == ()
    assert sorted(i.path for i in result.warnings) == [
        "nieuwVeld",
        "programClassification.programType",
        "programSchedule.programRun[0].cost[0].costType",
    ]
    assert result.program is not None
    assert result.program.program_type == "hackathon"  # kept verbatim for the mapping table
    assert result.program.runs[0].costs[0].cost_type == "parking"
    assert True


def test_errors_come_before_warnings() -> None:
    doc = minimal_program()
    doc["aaa"] = 1
    del doc["editor"]
    levels = [i.level for i in _issues(doc, "production")]
    assert levels == ["error", "warning"]


def test_root_that_is_not_an_object() -> None:
    (issue,) = _issues(["not", "a", "programme"])
    assert issue.path == ""
    assert issue.code == "type"
    assert issue.text("en").startswith("(document): ")
    assert issue.text("nl").startswith("(document): verkeerd soort waarde")


def test_client_variant_key_comes_from_the_document() -> None:
    result = read_program(minimal_program(client="gemeente-x"), mode="strict")
    assert result.program is not None
    assert result.key is not None
    assert result.key.client_id == "gemeente-x"
    assert not result.program.is_public


def test_rejected_programme_still_reports_its_key() -> None:
    doc = minimal_program("ODD / id?")
    del doc["programAdmission"]
    result = read_program(doc, mode="strict")
    assert not result.ok
    assert result.key is not None
    assert result.key.program_id == "ODD / id?"


def test_provider_metadata_validates_and_rejects_with_paths() -> None:
    provider, issues = read_provider(metadata(), mode="strict")
    assert issues == ()
    assert provider.kvk == "12345678"
    assert provider.oin == "00000003123456780000"
    bad = metadata(kvk="1234")
    with pytest.raises(DocumentRejected) as caught:
        read_provider(bad, mode="strict", origin="voorbeeld/metadata")
    assert [i.path for i in caught.value.issues] == ["instituteKvK"]
    assert "instituteKvK" in str(caught.value)
