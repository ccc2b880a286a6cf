"""The normalised EDU-DEX model: what the rest of the product sees of a catalogue.

Every source (Data API, XML feed, folder) is read, validated and normalised into these
frozen, keyword-only records. Nothing downstream touches raw JSON or XML.

Conventions:

* field names are snake_case renderings of the EDU-DEX element names; the enumeration
  values of the standard are kept verbatim as ``str`` (``"application opened"``,
  ``"tuition fee"``, ``"rio/stap"``), so a mapping table can key on them directly;
* arrays of the standard stay ``tuple``\\ s, in document order;
* dates are :class:`datetime.date`, moments :class:`datetime.datetime` (aware), money
  :class:`decimal.Decimal`;
* localised text is a :class:`LocalizedText` (languages sorted by code);
* an optional element that is absent is ``None`` (never ``""``), an absent array ``()``.

Names are stable: the mapping builds on them. Add fields, do not rename.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

__all__ = [
    "PUBLIC",
    "RIO_CATALOGS",
    "Address",
    "Cost",
    "CourseDay",
    "CreboRegistration",
    "Duration",
    "DurationUnit",
    "InstructionLanguage",
    "LocalizedText",
    "Location",
    "NlqfRegistration",
    "Program",
    "ProgramDate",
    "ProgramKey",
    "ProgramLocationRef",
    "ProgramRun",
    "Provider",
    "ProviderLocation",
    "StudyLoad",
]

#: The ``clientId`` of the public variant of a programme (the only one that goes to RIO).
PUBLIC: Final = "public"
#: ``includeInCatalog`` values that select a programme (or provider) for RIO.
RIO_CATALOGS: Final = frozenset({"rio", "rio/stap"})

DurationUnit = Literal["years", "months", "weeks", "days", "hours"]


@dataclass(frozen=True, kw_only=True)
class LocalizedText:
    """Text per two-letter language code, e.g. ``{"nl": "…", "en": "…"}``."""

    values: tuple[tuple[str, str], ...]
    """``(language, text)`` pairs, sorted by language code, at least one."""

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> LocalizedText:
        """Build from a mapping; languages are sorted so equal content compares equal."""
        return cls(values=tuple(sorted(mapping.items())))

    def get(self, language: str) -> str | None:
        """The text in ``language``, or ``None``."""
        for lang, text in self.values:
            if lang == language:
                return text
        return None

    def preferred(self, *languages: str) -> str:
        """The first of ``languages`` present (default ``nl``), else the first by language code."""
        for language in languages or ("nl",):
            text = self.get(language)
            if text is not None:
                return text
        return self.values[0][1]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.values)

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.values)


@dataclass(frozen=True, kw_only=True)
class ProgramKey:
    """Identity of one programme variant: (``orgUnitId``, ``programId``, ``clientId``)."""

    org_unit_id: str
    program_id: str
    client_id: str = PUBLIC

    @property
    def is_public(self) -> bool:
        return self.client_id == PUBLIC

    def __str__(self) -> str:
        return f"{self.org_unit_id}/{self.program_id}/{self.client_id}"


@dataclass(frozen=True, kw_only=True)
class Duration:
    """``programDuration``: exactly one unit and a whole amount."""

    amount: int
    unit: DurationUnit


@dataclass(frozen=True, kw_only=True)
class StudyLoad:
    """``programCurriculum.studyLoad`` in hours: for the whole programme and/or per week."""

    program_hours: int | None = None
    week_hours: int | None = None


@dataclass(frozen=True, kw_only=True)
class ProgramDate:
    """A start or end date of a run; ``is_final`` is false for an estimate."""

    date: dt.date
    is_final: bool


@dataclass(frozen=True, kw_only=True)
class Location:
    """``ProgramLocation``: where a run (or course day) takes place. Every field is optional."""

    id: str | None = None
    name: LocalizedText | None = None
    """``locationName``."""
    address: str | None = None
    """Street and house number as one free string, e.g. ``"Stationsplein 1"``."""
    zipcode: str | None = None
    city: str | None = None
    country: str | None = None
    geo_code: str | None = None

    @property
    def has_address(self) -> bool:
        return bool(self.address and self.zipcode)


@dataclass(frozen=True, kw_only=True)
class ProgramLocationRef:
    """``programClassification.programLocation``: a described place the programme is offered."""

    description: str
    id: str | None = None


@dataclass(frozen=True, kw_only=True)
class Cost:
    """``ProgramCost``: one price component. ``amount`` excludes VAT as EDU-DEX defines it."""

    id: str
    cost_type: str
    """``costType``, e.g. ``"tuition fee"``."""
    amount: Decimal
    currency: str
    """Upper case ISO 4217 (XML feeds sometimes write lower case; normalised)."""
    amount_is_final: bool
    is_required: bool
    """``isRequiredCost``."""
    amount_vat: Decimal | None = None
    vat_percentage: int | None = None
    vat_code: int | None = None
    """``VATCode`` 1..5 (1, 2 → 0 %; 3 → 9 %; 4, 5 → 21 %)."""
    vat_country: str | None = None
    vat_exempt_amount: Decimal | None = None
    vat_exempt_amount_vat: Decimal | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    period: str | None = None
    payable_by: str | None = None


@dataclass(frozen=True, kw_only=True)
class CourseDay:
    """A scheduled day of a run (``programRun.courseDay``)."""

    id: str
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    name: LocalizedText | None = None
    location: Location | None = None
    costs: tuple[Cost, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ProgramRun:
    """``programRun``: a start moment (cohort). ``id`` is unique per provider and stable."""

    id: str
    status: str
    """``application opened`` | ``application closed`` | ``canceled``."""
    start: ProgramDate
    end: ProgramDate
    application_deadline: dt.date | None = None
    location: Location | None = None
    fully_online: bool | None = None
    open_to: str | None = None
    program_form: str | None = None
    min_participants: int | None = None
    max_participants: int | None = None
    number_of_contact_sessions: int | None = None
    costs: tuple[Cost, ...] = ()
    course_days: tuple[CourseDay, ...] = ()

    @property
    def start_date(self) -> dt.date:
        return self.start.date

    @property
    def end_date(self) -> dt.date:
        return self.end.date

    @property
    def is_canceled(self) -> bool:
        return self.status == "canceled"

    @property
    def locations(self) -> tuple[Location, ...]:
        """The run's location followed by distinct other course-day locations."""
        found: list[Location] = []
        for loc in (self.location, *(d.location for d in self.course_days)):
            if loc is not None and loc not in found:
                found.append(loc)
        return tuple(found)


@dataclass(frozen=True, kw_only=True)
class InstructionLanguage:
    language_code: str
    """ISO 639-1, lower case (``nl``)."""
    percentage: int


@dataclass(frozen=True, kw_only=True)
class NlqfRegistration:
    nlqf_level: str
    """``1``..``8`` or ``4+``."""
    eqf_level: str
    register_code: str
    """``nlqfRegisterCode``, e.g. ``12-345``."""


@dataclass(frozen=True, kw_only=True)
class CreboRegistration:
    crebo_code: str
    crebo_name: LocalizedText | None = None
    learning_path: str | None = None
    """``BBL`` | ``BOL`` | ``EX`` | ``ODT`` | ``OVO``."""
    accessible: str | None = None
    admission_requirements: bool | None = None
    continuous_learning_line: bool | None = None


@dataclass(frozen=True, kw_only=True)
class Program:
    """One programme document (one variant), normalised."""

    # identity
    org_unit_id: str
    program_id: str
    client_id: str = PUBLIC
    """``public`` for the public variant, else the client's orgUnitId."""
    client_offer: str | None = None
    program_uuid: uuid.UUID | None = None
    super_program_id: str | None = None
    super_program_uuid: uuid.UUID | None = None
    # document
    editor: str
    format: str
    generator: str
    last_edited: dt.datetime
    expires: dt.date | None = None
    in_publication: bool | None = None
    include_in_catalog: tuple[str, ...] = ()
    # classification
    program_type: str
    program_level: str
    degree: str
    program_forms: tuple[str, ...]
    duration: Duration
    program_locations: tuple[ProgramLocationRef, ...]
    themes: tuple[str, ...] = ()
    fully_online: bool | None = None
    offered_since: dt.date | None = None
    offered_until: dt.date | None = None
    croho_code: str | None = None
    crebo_code: str | None = None
    # descriptions
    names: LocalizedText
    """``programName``."""
    summaries: LocalizedText
    """``programSummaryText``."""
    descriptions: LocalizedText
    """``programDescriptionText``."""
    summary_html: LocalizedText | None = None
    description_html: LocalizedText | None = None
    web_link: LocalizedText | None = None
    # admission
    application_open: bool
    application_type: str
    payment_due: str
    start_date_determination: str
    required_levels: tuple[str, ...] = ()
    min_participants: int | None = None
    max_participants: int | None = None
    # curriculum
    instruction_modes: tuple[str, ...] = ()
    instruction_languages: tuple[InstructionLanguage, ...] = ()
    study_load: StudyLoad | None = None
    # acknowledgements
    rio_registration: str | None = None
    """The O-code of an existing RIO opleidingseenheid (``1234O5678``)."""
    nlqf_registrations: tuple[NlqfRegistration, ...] = ()
    crebo_registrations: tuple[CreboRegistration, ...] = ()
    accreditations: tuple[str, ...] = ()
    """``accreditation[].organization``."""
    # schedule
    costs: tuple[Cost, ...] = ()
    """``genericProgramRun.cost``: costs that apply when a run has none of its own."""
    generic_location: Location | None = None
    """``genericProgramRun.location``."""
    runs: tuple[ProgramRun, ...] = ()
    """``programRun``: start moments (empty for a programme without start moments)."""
    extra: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    """Not part of equality: raw bits a reader could not place (unknown fields in
    production mode). Never rely on it for mapping."""

    @property
    def key(self) -> ProgramKey:
        return ProgramKey(
            org_unit_id=self.org_unit_id, program_id=self.program_id, client_id=self.client_id
        )

    @property
    def is_public(self) -> bool:
        return self.client_id == PUBLIC

    @property
    def selected_for_rio(self) -> bool:
        """``includeInCatalog`` holds ``rio`` or ``rio/stap``."""
        return not RIO_CATALOGS.isdisjoint(self.include_in_catalog)

    @property
    def is_stap(self) -> bool:
        return "rio/stap" in self.include_in_catalog

    @property
    def learning_paths(self) -> tuple[str, ...]:
        """Distinct CREBO learning paths (BOL, BBL, …) in document order."""
        seen: list[str] = []
        for reg in self.crebo_registrations:
            if reg.learning_path and reg.learning_path not in seen:
                seen.append(reg.learning_path)
        return tuple(seen)

    def run(self, run_id: str) -> ProgramRun | None:
        return next((r for r in self.runs if r.id == run_id), None)


@dataclass(frozen=True, kw_only=True)
class Address:
    """An address of a provider location (institute metadata)."""

    address_type: str | None = None
    """``postal`` | ``visitation``."""
    street: str | None = None
    house_number: str | None = None
    zipcode: str | None = None
    city: str | None = None
    country: str
    geo_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class ProviderLocation:
    id: str
    name: LocalizedText | None = None
    addresses: tuple[Address, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Provider:
    """Supplier metadata (``GET /suppliers/{orgUnitId}/metadata``, institute XML)."""

    org_unit_id: str
    name: LocalizedText
    """``instituteName``."""
    kvk: str | None = None
    """``instituteKvK``: 8 digits."""
    include_in_catalog: tuple[str, ...] = ()
    locations: tuple[ProviderLocation, ...] = ()
    accreditations: tuple[str, ...] = ()
    web_link: LocalizedText | None = None
    editor: str | None = None
    last_edited: dt.datetime | None = None
    expires: dt.date | None = None
    contact_emails: tuple[str, ...] = ()

    @property
    def selected_for_rio(self) -> bool:
        return not RIO_CATALOGS.isdisjoint(self.include_in_catalog)

    @property
    def oin(self) -> str | None:
        """The provider's OIN (``00000003`` + KvK + ``0000``), when the KvK is known."""
        return f"00000003{self.kvk}0000" if self.kvk else None
