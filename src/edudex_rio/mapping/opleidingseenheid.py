"""A programme → its ``particuliereOpleiding`` (kind ``particulier`` only; DESIGN §2, "OE")."""

from __future__ import annotations

import datetime as dt

from edudex_rio.edudex.model import Program
from edudex_rio.mapping import keys
from edudex_rio.mapping.config import MappingSettings
from edudex_rio.mapping.stand import Opleidingseenheid, OpleidingseenheidPeriode
from edudex_rio.mapping.table import MappingTable
from edudex_rio.mapping.text import clean_text

__all__ = [
    "CATEGORIE_MAX",
    "categorieen",
    "eigen_sleutel",
    "fresh_opleidingseenheid",
    "kind_of",
    "omschrijving",
    "opleidingseenheid_periode",
    "programma",
]

#: Kenmerk ``categorie`` occurs at most three times.
CATEGORIE_MAX = 3


def kind_of(program: Program) -> keys.Kind:
    """``ocode`` → ``crebo`` → ``nlqf`` (with a register code) → ``particulier``, in that order."""
    if program.rio_registration:
        return "ocode"
    if program.crebo_registrations:
        return "crebo"
    if any(reg.register_code for reg in program.nlqf_registrations):
        return "nlqf"
    return "particulier"


def eigen_sleutel(program: Program) -> str:
    return keys.eigen_opleidingseenheid_sleutel(
        program.org_unit_id,
        program.program_id,
        str(program.program_uuid) if program.program_uuid else None,
    )


def omschrijving(program: Program, field: str) -> str | None:
    """``programSummaryText``, else ``programDescriptionText`` (Dutch first), cleaned."""
    for texts in (program.summaries, program.descriptions):
        text = clean_text(texts.preferred("nl"), field)
        if text:
            return text
    return None


def opleidingseenheid_periode(program: Program, begindatum: dt.date) -> OpleidingseenheidPeriode:
    """The period content as EDU-DEX says it today."""
    name = clean_text(program.names.preferred("nl"), "naamLang") or ""
    hours = program.study_load.program_hours if program.study_load else None
    return OpleidingseenheidPeriode(
        begindatum=begindatum,
        naam_lang=name,
        internationale_naam=clean_text(program.names.get("en"), "internationaleNaam"),
        omschrijving=omschrijving(program, "omschrijving"),
        studielast=hours,
        studielasteenheid="UUR" if hours is not None else None,
    )


def categorieen(program: Program, table: MappingTable) -> tuple[str, ...]:
    """Kenmerk ``categorie`` from the themes: distinct, in document order, at most three."""
    found: list[str] = []
    for theme in program.themes:
        value = table.lookup("theme", theme)
        if value is not None and value not in found:
            found.append(value)
    return tuple(found[:CATEGORIE_MAX])


def fresh_opleidingseenheid(
    program: Program,
    table: MappingTable,
    settings: MappingSettings,
    today: dt.date,
    sleutel: str | None = None,
) -> Opleidingseenheid:
    """The opleidingseenheid as EDU-DEX describes it today, before history is applied:
    it begins today with one period."""
    nlqf = eqf = None
    if settings.send_nlqf_eqf and program.nlqf_registrations:
        registration = program.nlqf_registrations[0]
        nlqf = table.lookup("nlqfLevel", registration.nlqf_level)
        eqf = table.lookup("eqfLevel", registration.eqf_level)
    return Opleidingseenheid(
        eigen_sleutel=sleutel or eigen_sleutel(program),
        programma=programma(program),
        begindatum=today,
        categorieen=categorieen(program, table),
        perioden=(opleidingseenheid_periode(program, today),),
        waardedocumentsoort=table.lookup("degree", program.degree),
        nlqf=nlqf,
        eqf=eqf,
    )


def programma(program: Program) -> str:
    """``orgUnitId/programId``: how a programme is named in the stand and in reports."""
    return f"{program.org_unit_id}/{program.program_id}"
