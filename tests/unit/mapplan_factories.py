"""Factories for small hand-written EDU-DEX programmes (tests of mapping and planning)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from edudex_rio.edudex.model import (
    Cost,
    CreboRegistration,
    Duration,
    InstructionLanguage,
    LocalizedText,
    Location,
    NlqfRegistration,
    Program,
    ProgramDate,
    ProgramLocationRef,
    ProgramRun,
    StudyLoad,
)
from edudex_rio.mapping import History, MappingSettings, MapResult, RioStand, map_provider
from edudex_rio.planning import Plan, apply, plan

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)
SETTINGS = MappingSettings(onderwijsaanbiedercode="110A133")

UTRECHT = Location(address="Stationsplein 12a", zipcode="3511 ED", city="Utrecht")
ZWOLLE = Location(address="Oude Vismarkt 1", zipcode="8011 WX", city="Zwolle")


def cost(
    amount: str = "1000.00",
    cost_type: str = "tuition fee",
    *,
    required: bool = True,
    **kw: Any,
) -> Cost:
    return Cost(
        id=f"c-{cost_type}-{amount}",
        cost_type=cost_type,
        amount=Decimal(amount),
        currency=kw.pop("currency", "EUR"),
        amount_is_final=True,
        is_required=required,
        **kw,
    )


def run(
    run_id: str = "4711",
    start: dt.date = dt.date(2026, 9, 1),
    end: dt.date = dt.date(2026, 12, 15),
    *,
    location: Location | None = UTRECHT,
    status: str = "application opened",
    **kw: Any,
) -> ProgramRun:
    return ProgramRun(
        id=run_id,
        status=status,
        start=ProgramDate(date=start, is_final=True),
        end=ProgramDate(date=end, is_final=True),
        location=location,
        **kw,
    )


def program(
    program_id: str = "P1",
    *,
    runs: tuple[ProgramRun, ...] = (),
    name: str | dict[str, str] = "Projectmanagement",
    catalog: tuple[str, ...] = ("rio",),
    **kw: Any,
) -> Program:
    names = name if isinstance(name, dict) else {"nl": name}
    values: dict[str, Any] = {
        "org_unit_id": "acme",
        "program_id": program_id,
        "editor": "editor@example.nl",
        "format": "EDU-DEX 1.0",
        "generator": "tests",
        "last_edited": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        "include_in_catalog": catalog,
        "program_type": "training",
        "program_level": "none",
        "degree": "certificate",
        "program_forms": ("part-time",),
        "duration": Duration(amount=3, unit="months"),
        "program_locations": (ProgramLocationRef(description="Utrecht"),),
        "themes": ("management",),
        "names": LocalizedText.of(names),
        "summaries": LocalizedText.of({"nl": "Korte samenvatting."}),
        "descriptions": LocalizedText.of({"nl": "Lange beschrijving."}),
        "application_open": True,
        "application_type": "individual",
        "payment_due": "up-front",
        "start_date_determination": "fixed starting date",
        "instruction_languages": (InstructionLanguage(language_code="nl", percentage=100),),
        "study_load": StudyLoad(program_hours=40),
        "runs": runs,
    }
    values.update(kw)
    return Program(**values)


def rio_accepts(stand: RioStand) -> RioStand:
    """``stand`` as the executor records it once RIO has processed it: every opleidingseenheid
    and location carries the code RIO gave (deterministic stand-ins here)."""
    oes = {
        key: oe if oe.code else dataclasses.replace(oe, code=f"1{i:03d}O{i:04d}")
        for i, (key, oe) in enumerate(stand.opleidingseenheden.items())
    }
    locaties = {
        key: loc if loc.code else dataclasses.replace(loc, code=f"{100 + i}X{100 + i}")
        for i, (key, loc) in enumerate(stand.locaties.items())
    }
    return RioStand(locaties=locaties, opleidingseenheden=oes, aangeboden=stand.aangeboden)


def sync_day(
    programs: list[Program], today: dt.date, history: History, **kw: Any
) -> tuple[MapResult, Plan, History]:
    """One daily run: map against the history, plan, and the history after RIO took the plan."""
    settings = kw.pop("settings", SETTINGS)
    result = map_provider(programs, settings=settings, today=today, history=history, **kw)
    now = dt.datetime.combine(today, dt.time(6), dt.UTC)
    operations = plan(result.stand, history.stand, now)
    after = History(
        stand=rio_accepts(apply(history.stand, operations)),
        rejected_locations=history.rejected_locations,
    )
    return result, operations, after


__all__ = [
    "NOW",
    "SETTINGS",
    "TODAY",
    "UTRECHT",
    "ZWOLLE",
    "CreboRegistration",
    "NlqfRegistration",
    "cost",
    "program",
    "rio_accepts",
    "run",
    "sync_day",
]
