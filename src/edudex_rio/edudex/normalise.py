"""JSON-shaped EDU-DEX documents (already validated) → the normalised model.

The XML reader first turns a feed document into the same JSON shape, so this is the one
place where EDU-DEX data becomes :mod:`edudex_rio.edudex.model` records. The functions
are pure. They expect a document without schema *errors*; in production mode a document
may still carry unknown fields (ignored) and unknown enumeration values (kept verbatim).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

from edudex_rio.edudex.model import (
    PUBLIC,
    Address,
    Cost,
    CourseDay,
    CreboRegistration,
    Duration,
    DurationUnit,
    InstructionLanguage,
    LocalizedText,
    Location,
    NlqfRegistration,
    Program,
    ProgramDate,
    ProgramLocationRef,
    ProgramRun,
    Provider,
    ProviderLocation,
    StudyLoad,
)

__all__ = ["program_from_document", "provider_from_document"]

_Doc = Mapping[str, Any]
_UNITS: tuple[DurationUnit, ...] = ("years", "months", "weeks", "days", "hours")


def _obj(doc: _Doc, name: str) -> _Doc:
    value = doc.get(name)
    return cast(_Doc, value) if isinstance(value, Mapping) else {}


def _list(doc: _Doc, name: str) -> Sequence[Any]:
    value = doc.get(name)
    return cast(Sequence[Any], value) if isinstance(value, list) else ()


def _str(doc: _Doc, name: str) -> str | None:
    value = doc.get(name)
    return value if isinstance(value, str) and value != "" else None


def _int(doc: _Doc, name: str) -> int | None:
    value = doc.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bool(doc: _Doc, name: str) -> bool | None:
    value = doc.get(name)
    return value if isinstance(value, bool) else None


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _datetime(value: object) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(value).replace("z", "Z").replace("t", "T"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _time(value: object) -> dt.time | None:
    return dt.time.fromisoformat(value) if isinstance(value, str) and value else None


def _money(value: object) -> Decimal | None:
    return Decimal(value) if isinstance(value, str) and value else None


def _uuid(value: object) -> uuid.UUID | None:
    return uuid.UUID(value) if isinstance(value, str) and value else None


def _text(value: object) -> LocalizedText | None:
    if not isinstance(value, Mapping):
        return None
    pairs = {str(k): str(v) for k, v in value.items() if isinstance(v, str)}
    return LocalizedText.of(pairs) if pairs else None


def _required_text(value: object) -> LocalizedText:
    return _text(value) or LocalizedText(values=(("nl", ""),))


def _strings(values: Sequence[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


def location(doc: _Doc) -> Location:
    return Location(
        id=_str(doc, "id"),
        name=_text(doc.get("locationName")),
        address=_str(doc, "address"),
        zipcode=_str(doc, "zipcode"),
        city=_str(doc, "city"),
        country=_str(doc, "country"),
        geo_code=_str(doc, "geoCode"),
    )


def _optional_location(doc: _Doc, name: str) -> Location | None:
    value = doc.get(name)
    return location(value) if isinstance(value, Mapping) else None


def cost(doc: _Doc) -> Cost:
    return Cost(
        id=str(doc["id"]),
        cost_type=str(doc["costType"]),
        amount=Decimal(str(doc["amount"])),
        currency=str(doc["currency"]).upper(),
        amount_is_final=bool(doc["amountIsFinal"]),
        is_required=bool(doc["isRequiredCost"]),
        amount_vat=_money(doc.get("amountVAT")),
        vat_percentage=_int(doc, "VATPercentage"),
        vat_code=_int(doc, "VATCode"),
        vat_country=_str(doc, "VATCountry"),
        vat_exempt_amount=_money(doc.get("VATExemptAmount")),
        vat_exempt_amount_vat=_money(doc.get("VATExemptAmountVAT")),
        valid_from=_date(doc.get("amountValidFrom")),
        valid_until=_date(doc.get("amountValidUntil")),
        period=_str(doc, "period"),
        payable_by=_str(doc, "payableBy"),
    )


def _costs(doc: _Doc) -> tuple[Cost, ...]:
    return tuple(cost(c) for c in _list(doc, "cost"))


def _program_date(doc: _Doc) -> ProgramDate:
    return ProgramDate(date=dt.date.fromisoformat(str(doc["date"])), is_final=bool(doc["isFinal"]))


def run(doc: _Doc) -> ProgramRun:
    return ProgramRun(
        id=str(doc["id"]),
        status=str(doc["status"]),
        start=_program_date(_obj(doc, "startDate")),
        end=_program_date(_obj(doc, "endDate")),
        application_deadline=_date(doc.get("applicationDeadline")),
        location=_optional_location(doc, "location"),
        fully_online=_bool(doc, "fullyOnline"),
        open_to=_str(doc, "openTo"),
        program_form=_str(doc, "programForm"),
        min_participants=_int(doc, "minNumberOfParticipants"),
        max_participants=_int(doc, "maxNumberOfParticipants"),
        number_of_contact_sessions=_int(doc, "numberOfContactSessions"),
        costs=_costs(doc),
        course_days=tuple(
            CourseDay(
                id=str(day["id"]),
                date=dt.date.fromisoformat(str(day["date"])),
                start_time=_time(day.get("startTime")),
                end_time=_time(day.get("endTime")),
                name=_text(day.get("name")),
                location=_optional_location(day, "location"),
                costs=_costs(day),
            )
            for day in _list(doc, "courseDay")
        ),
    )


def _duration(doc: _Doc) -> Duration:
    for unit in _UNITS:
        amount = _int(doc, unit)
        if amount is not None:
            return Duration(amount=amount, unit=unit)
    raise ValueError("programDuration has no unit")


def _study_load(doc: _Doc) -> StudyLoad | None:
    if not doc:
        return None
    return StudyLoad(program_hours=_int(doc, "program"), week_hours=_int(doc, "week"))


def program_from_document(doc: _Doc, *, client_id: str | None = None) -> Program:
    """Normalise one program document (JSON shape, schema-valid)."""
    cls = _obj(doc, "programClassification")
    desc = _obj(doc, "programDescriptions")
    adm = _obj(doc, "programAdmission")
    cur = _obj(doc, "programCurriculum")
    ack = _obj(doc, "programExternalAcknowledgements")
    sched = _obj(doc, "programSchedule")
    generic = _obj(sched, "genericProgramRun")
    client = _obj(doc, "clientId")
    expires = doc.get("expires")
    return Program(
        org_unit_id=str(cls["orgUnitId"]),
        program_id=str(cls["programId"]),
        client_id=client_id or _str(client, "orgUnitId") or PUBLIC,
        client_offer=_str(client, "clientOffer"),
        program_uuid=_uuid(cls.get("programUUID")),
        super_program_id=_str(cls, "superProgramId"),
        super_program_uuid=_uuid(cls.get("superProgramUUID")),
        editor=str(doc["editor"]),
        format=str(doc["format"]),
        generator=str(doc["generator"]),
        last_edited=_datetime(doc["lastEdited"]),
        expires=_date(expires),
        in_publication=_bool(doc, "inPublication"),
        include_in_catalog=_strings(_list(doc, "includeInCatalog")),
        program_type=str(cls["programType"]),
        program_level=str(cls["programLevel"]),
        degree=str(cls["degree"]),
        program_forms=_strings(_list(cls, "programForm")),
        duration=_duration(_obj(cls, "programDuration")),
        program_locations=tuple(
            ProgramLocationRef(description=str(p["description"]), id=_str(p, "id"))
            for p in _list(cls, "programLocation")
        ),
        themes=_strings(_list(cls, "theme")),
        fully_online=_bool(cls, "fullyOnline"),
        offered_since=_date(cls.get("offeredSince")),
        offered_until=_date(cls.get("offeredUntil")),
        croho_code=_str(cls, "crohoCode"),
        crebo_code=_str(cls, "creboCode"),
        names=_required_text(desc.get("programName")),
        summaries=_required_text(desc.get("programSummaryText")),
        descriptions=_required_text(desc.get("programDescriptionText")),
        summary_html=_text(desc.get("programSummaryHtml")),
        description_html=_text(desc.get("programDescriptionHtml")),
        web_link=_text(desc.get("webLink")),
        application_open=bool(adm["applicationOpen"]),
        application_type=str(adm["applicationType"]),
        payment_due=str(adm["paymentDue"]),
        start_date_determination=str(adm["startDateDetermination"]),
        required_levels=_strings(_list(adm, "requiredLevel")),
        min_participants=_int(adm, "minNumberOfParticipants"),
        max_participants=_int(adm, "maxNumberOfParticipants"),
        instruction_modes=_strings(_list(cur, "instructionMode")),
        instruction_languages=tuple(
            InstructionLanguage(
                language_code=str(lang["languageCode"]), percentage=int(lang["percentage"])
            )
            for lang in _list(cur, "instructionLanguage")
        ),
        study_load=_study_load(_obj(cur, "studyLoad")),
        rio_registration=_str(ack, "rioRegistration"),
        nlqf_registrations=tuple(
            NlqfRegistration(
                nlqf_level=str(r["nlqfLevel"]),
                eqf_level=str(r["eqfLevel"]),
                register_code=str(r["nlqfRegisterCode"]),
            )
            for r in _list(ack, "nlqfRegistration")
        ),
        crebo_registrations=tuple(
            CreboRegistration(
                crebo_code=str(r["creboCode"]),
                crebo_name=_text(r.get("creboName")),
                learning_path=_str(r, "learningPath"),
                accessible=_str(r, "accessible"),
                admission_requirements=_bool(r, "admissionRequirements"),
                continuous_learning_line=_bool(r, "continuousLearningLine"),
            )
            for r in _list(ack, "creboRegistration")
        ),
        accreditations=tuple(str(a["organization"]) for a in _list(ack, "accreditation")),
        costs=_costs(generic),
        generic_location=_optional_location(generic, "location"),
        runs=tuple(run(r) for r in _list(sched, "programRun")),
    )


def provider_from_document(doc: _Doc) -> Provider:
    """Normalise supplier metadata (institute document, JSON shape, schema-valid)."""
    expires = doc.get("expires")
    last_edited = doc.get("lastEdited")
    return Provider(
        org_unit_id=str(doc["orgUnitId"]),
        name=_required_text(doc.get("instituteName")),
        kvk=_str(doc, "instituteKvK"),
        include_in_catalog=_strings(_list(doc, "includeInCatalog")),
        locations=tuple(
            ProviderLocation(
                id=str(loc["id"]),
                name=_text(loc.get("name")),
                addresses=tuple(
                    Address(
                        address_type=_str(a, "addressType"),
                        street=_str(a, "street"),
                        house_number=_str(a, "house_number"),
                        zipcode=_str(a, "zipcode"),
                        city=_str(a, "city"),
                        country=str(a.get("country") or "nl"),
                        geo_code=_str(a, "geoCode"),
                    )
                    for a in _list(loc, "address")
                ),
            )
            for loc in _list(doc, "instituteLocation")
        ),
        accreditations=_strings(_list(doc, "accreditation")),
        web_link=_text(doc.get("webLink")),
        editor=_str(doc, "editor"),
        last_edited=_datetime(last_edited) if last_edited else None,
        expires=_date(expires),
        contact_emails=tuple(str(c["email"]) for c in _list(doc, "contactData") if "email" in c),
    )
