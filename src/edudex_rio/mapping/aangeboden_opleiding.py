"""A programme → its ``aangebodenParticuliereOpleiding``\\ s, one per teaching location (and, for
MBO programmes, per learning path), each with the cohorts of the runs at that location
(DESIGN §2, "AO" and "Cohort").

Runs without a location, or fully online, share one offering without ``onderwijslocatiecode``.
A run whose address cannot be parsed, or that RIO could not place (not in the BAG), is reported
and left out: it never falls back to the offering without location. A programme without start
moments is published with offerings without cohorts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from edudex_rio.edudex.model import Location, Program, ProgramRun
from edudex_rio.mapping import keys
from edudex_rio.mapping.adres import Adres, AdresFout, parse_adres
from edudex_rio.mapping.cohort import build_cohort, is_online
from edudex_rio.mapping.config import MappingSettings
from edudex_rio.mapping.limits import max_length
from edudex_rio.mapping.opleidingseenheid import eigen_sleutel, omschrijving, programma
from edudex_rio.mapping.problems import Problem
from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    AangebodenOpleidingPeriode,
    Onderwijslocatie,
    Opleidingserkenning,
)
from edudex_rio.mapping.table import MappingTable
from edudex_rio.mapping.text import clean_text

__all__ = ["FreshOfferings", "aangeboden_periode", "fresh_offerings"]


@dataclass(frozen=True, kw_only=True, slots=True)
class _Place:
    key: str
    label: str
    adres: Adres | None = None


@dataclass(kw_only=True, slots=True)
class FreshOfferings:
    """The offerings of one programme as EDU-DEX describes them today (before history)."""

    aangeboden: list[AangebodenOpleiding] = field(default_factory=list)
    locaties: dict[str, Onderwijslocatie] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _label(location: Location, adres: Adres) -> str:
    if location.city:
        return location.city.strip()
    if location.name is not None:
        return location.name.preferred("nl")
    return f"{location.address or ''} {adres.postcode}".strip()


def _has_address(location: Location | None) -> bool:
    return location is not None and bool(location.address or location.zipcode)


def _place(
    program: Program,
    run: ProgramRun | None,
    location: Location | None,
    rejected: Mapping[str, str],
) -> _Place | Problem:
    """Where a run (or a programme without runs) is taught, or why it cannot be placed."""
    if is_online(program, run) or location is None or not _has_address(location):
        return _Place(key=keys.ONLINE, label="online")
    parsed = parse_adres(location.address, location.zipcode, location.country)
    where = ", ".join(p for p in (location.address, location.zipcode, location.city) if p)
    if isinstance(parsed, AdresFout):
        return Problem(
            programma=programma(program),
            run_id=run.id if run else None,
            code="ADRES",
            nl=f"adres {where!r} niet te gebruiken: {parsed.nl}",
            en=f"address {where!r} unusable: {parsed.en}",
            left_out="run",
        )
    if parsed.key in rejected:
        return Problem(
            programma=programma(program),
            run_id=run.id if run else None,
            code="A01010",
            nl=f"RIO kan adres {where!r} niet plaatsen (niet in de BAG): {rejected[parsed.key]}",
            en=f"RIO cannot place address {where!r} (not in the BAG): {rejected[parsed.key]}",
            left_out="run",
        )
    return _Place(key=parsed.key, label=_label(location, parsed), adres=parsed)


def aangeboden_periode(program: Program, begindatum: dt.date) -> AangebodenOpleidingPeriode:
    """The offering's period content as EDU-DEX says it today."""
    website = program.web_link.preferred("nl").strip() if program.web_link else None
    if website and (len(website) > max_length("kenmerkwaardeTekst") or " " in website):
        website = None
    return AangebodenOpleidingPeriode(
        begindatum=begindatum,
        eigen_naam=clean_text(program.names.preferred("nl"), "eigenNaamAangebodenOpleiding"),
        eigen_naam_internationaal=clean_text(program.names.get("en"), "eigenNaamInternationaal"),
        eigen_omschrijving=omschrijving(program, "eigenOmschrijving"),
        website=website or None,
    )


def _reference(
    program: Program, kind: keys.Kind, sleutel: str
) -> tuple[str | None, str | None, Opleidingserkenning | None]:
    """``(oe_sleutel, opleidingseenheidcode, erkenning)`` of the offerings of this kind."""
    if kind == "ocode":
        return None, program.rio_registration, None
    if kind == "crebo":
        code = program.crebo_registrations[0].crebo_code
        return None, None, Opleidingserkenning(opleidingsstelsel="CREBO", opleidingscode=code)
    if kind == "nlqf":
        register = next(r.register_code for r in program.nlqf_registrations if r.register_code)
        return None, None, Opleidingserkenning(opleidingsstelsel="NLQF", opleidingscode=register)
    return sleutel, None, None


def _learning_paths(
    program: Program, kind: keys.Kind, table: MappingTable
) -> tuple[str | None, ...]:
    if kind != "crebo":
        return (None,)
    code = program.crebo_registrations[0].crebo_code
    paths: list[str | None] = []
    for registration in program.crebo_registrations:
        if registration.crebo_code == code and registration.learning_path:
            path = table.lookup("learningPath", registration.learning_path)
            if path not in paths:
                paths.append(path)
    return tuple(paths) or (None,)


def _voertaal(program: Program, table: MappingTable) -> str | None:
    if not program.instruction_languages:
        return None
    main = max(program.instruction_languages, key=lambda lang: lang.percentage)
    return table.lookup("language", main.language_code)


def fresh_offerings(
    program: Program,
    *,
    kind: keys.Kind,
    settings: MappingSettings,
    table: MappingTable,
    today: dt.date,
    first_published: Mapping[str, dt.date],
    rejected_locations: Mapping[str, str],
    sleutel: str | None = None,
) -> FreshOfferings:
    """Offerings, locations and run-level problems of one programme. ``first_published`` maps
    cohort codes to the ``beginAanmeldperiode`` they were first sent with."""
    out = FreshOfferings()
    groups: dict[str, tuple[_Place, list[ProgramRun]]] = {}
    active = [run for run in program.runs if not run.is_canceled]
    for run in active:
        place = _place(program, run, run.location, rejected_locations)
        if isinstance(place, Problem):
            out.problems.append(place)
            continue
        groups.setdefault(place.key, (place, []))[1].append(run)
    if not active:  # a programme without (live) start moments: offerings without cohorts,
        # where its canceled runs were taught (so RIO keeps the offering it has), else at the
        # programme's generic location, else online
        wheres: list[tuple[ProgramRun | None, Location | None]] = [
            (r, r.location) for r in program.runs
        ] or [(None, program.generic_location)]
        for where_run, location in wheres:
            place = _place(program, where_run, location, rejected_locations)
            if isinstance(place, Problem):
                out.problems.append(place)
            else:
                groups.setdefault(place.key, (place, []))
    sleutel = sleutel or eigen_sleutel(program)
    oe_sleutel, oe_code, erkenning = _reference(program, kind, sleutel)
    duration = program.duration
    unit = table.lookup("durationUnit", duration.unit)
    afwijkend = (unit, duration.amount) if unit is not None and duration.amount > 0 else None
    voertaal = _voertaal(program, table)
    periode = aangeboden_periode(program, today)
    paths = _learning_paths(program, kind, table)
    for place, runs in groups.values():
        if place.adres is not None:
            out.locaties[place.key] = Onderwijslocatie(
                key=place.key, adres=place.adres, label=place.label
            )
        for path in paths:
            cohorts = []
            for run in runs:
                code = keys.cohortcode(run.id, path)
                cohorts.append(
                    build_cohort(
                        program,
                        run,
                        table=table,
                        first_published=first_published.get(code, today),
                        cohortcode=code,
                    )
                )
            ordered = tuple(sorted(cohorts, key=lambda c: c.cohortcode))
            out.aangeboden.append(
                AangebodenOpleiding(
                    code=keys.aangeboden_opleiding_code(sleutel, kind, place.key, path),
                    kind=kind,
                    programma=programma(program),
                    onderwijsaanbiedercode=settings.onderwijsaanbiedercode,
                    oe_sleutel=oe_sleutel,
                    opleidingseenheidcode=oe_code,
                    erkenning=erkenning,
                    location_key=place.key,
                    location_label=place.label,
                    leertraject=path,
                    stap=program.is_stap,
                    begindatum=today,
                    eerste_instroomdatum=min((c.instroommoment for c in ordered), default=None),
                    laatste_instroomdatum=program.offered_until,
                    afwijkende_opleidingsduur=afwijkend,
                    voertaal=voertaal,
                    perioden=(periode,),
                    cohorten=ordered,
                )
            )
    return out
