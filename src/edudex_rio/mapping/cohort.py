"""A ``programRun`` → an ``aangebodenParticuliereOpleidingCohort`` (DESIGN §2, "Cohort")."""

from __future__ import annotations

import datetime as dt
from typing import Final

from edudex_rio.edudex.model import Program, ProgramRun
from edudex_rio.mapping import keys
from edudex_rio.mapping.prijs import cohort_prices
from edudex_rio.mapping.stand import Cohort
from edudex_rio.mapping.table import MappingTable, UnmappedValue

__all__ = ["DEELNEMERSPLAATSEN_MAX", "build_cohort", "opleidingsvorm"]

#: Kenmerk ``deelnemersplaatsen`` range (RIO ``Getal`` 1..32000).
DEELNEMERSPLAATSEN_MAX: Final = 32000
_ONE_DAY: Final = dt.timedelta(days=1)
_ONLINE: Final = "ONLINE"
_BLENDED: Final = "KLASSIKAAL_EN_ONLINE"


def is_online(program: Program, run: ProgramRun | None) -> bool:
    """The run (or, when it says nothing, the programme) is fully online."""
    if run is not None and run.fully_online is not None:
        return run.fully_online
    return bool(program.fully_online)


def opleidingsvorm(program: Program, run: ProgramRun | None, table: MappingTable) -> str:
    """Kenmerk ``opleidingsvorm``: fully online → ``ONLINE``; else the run's form; else the
    programme's instruction modes (classroom and online together → ``KLASSIKAAL_EN_ONLINE``);
    else the programme's first form."""
    if is_online(program, run):
        return _ONLINE
    if run is not None and run.program_form is not None:
        value = table.lookup("programForm", run.program_form)
        if value is not None:
            return value
    modes: list[str] = []
    for mode in program.instruction_modes:
        value = table.lookup("instructionMode", mode)
        if value is not None and value not in modes:
            modes.append(value)
    if set(modes) >= {"KLASSIKAAL", _ONLINE}:
        return _BLENDED
    if modes:
        return modes[0]
    for form in program.program_forms:
        value = table.lookup("programForm", form)
        if value is not None:
            return value
    raise UnmappedValue(
        table="programForm",
        field="programClassification.programForm",
        value=",".join(program.program_forms) or "(leeg)",
    )


def build_cohort(
    program: Program,
    run: ProgramRun,
    *,
    table: MappingTable,
    first_published: dt.date,
    cohortcode: str | None = None,
) -> Cohort:
    """The cohort of one run. ``first_published`` is the day the run first went to RIO (today
    for a new run): ``beginAanmeldperiode`` stays there, unless the application deadline lies
    earlier, then it is the day before the deadline. ``cohortcode`` defaults to the run's own
    (see :func:`edudex_rio.mapping.keys.cohortcode`)."""
    status = table.lookup("runStatus", run.status)
    if status is None:  # a status mapped to "nothing" cannot make a cohort
        raise UnmappedValue(table="runStatus", field="programRun.status", value=run.status)
    deadline = run.application_deadline
    begin = first_published
    if deadline is not None and deadline <= begin:
        begin = deadline - _ONE_DAY
    places = run.max_participants or program.max_participants
    prices = cohort_prices(run.costs, program.costs, stap=program.is_stap, table=table)
    return Cohort(
        cohortcode=cohortcode or keys.cohortcode(run.id),
        run_id=run.id,
        cohortstatus=status,
        opleidingsvorm=opleidingsvorm(program, run, table),
        deelnemersplaatsen=min(places, DEELNEMERSPLAATSEN_MAX) if places and places > 0 else None,
        begin_aanmeldperiode=begin,
        instroommoment=run.start_date,
        einde_aanmeldperiode=deadline,
        einddatum=run.end_date + _ONE_DAY,
        prijzen=prices,
    )
