"""Property tests of map + plan over a few days of random small catalogues of one provider.

Each example is a sequence of daily catalogues (programmes of every kind, runs that move,
vanish, start, get canceled; names with HTML and over-long text; deletion instructions), synced
day by day: map → plan → RIO takes the plan. On every day:

* planning a stand against itself yields nothing, and syncing the same input again (that day or
  the next) sends nothing;
* applying the plan to the last-sent stand yields the desired stand;
* the plan keeps RIO's ordering rules at every intermediate step (locations and a visible
  opleidingseenheid before its offerings, A01070; a cohort code never in two offerings, and a
  move's removal confirmed before the addition, N11421; offerings end before their
  opleidingseenheid, P01410/N09410; deletions last, offerings gone before their OE, P01810);
* a cohort that started is never dropped, except by a deletion instruction;
* every desired object, rendered by the wire layer, validates against DUO's XSD.

Examples: 100 with a fixed seed by default (part of the suite); ``MAPPLAN_EXAMPLES=N`` runs N
random examples instead (a long hunt).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edudex_rio.edudex.model import (
    CreboRegistration,
    LocalizedText,
    Location,
    NlqfRegistration,
    Program,
    ProgramDate,
    ProgramRun,
    StudyLoad,
)
from edudex_rio.mapping import DeletionInstruction, History, MappingSettings, RioStand
from edudex_rio.mapping.checks import check_aangeboden, check_opleidingseenheid
from edudex_rio.mapping.wire import render_aangeboden, render_adres, render_opleidingseenheid
from edudex_rio.planning import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Plan,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
    apply,
    plan,
)
from edudex_rio.rio import model_messages as msg
from edudex_rio.rio.messages import build_request
from edudex_rio.rio.model_common import Bedrijfsdocument
from edudex_rio.rio.model_organisatie import Onderwijslocatiegebruik
from tests.unit.mapplan_factories import (
    SETTINGS,
    TODAY,
    UTRECHT,
    ZWOLLE,
    cost,
    program,
    rio_accepts,
    sync_day,
)

_HUNT = os.environ.get("MAPPLAN_EXAMPLES")
PROPERTY_SETTINGS = settings(
    max_examples=int(_HUNT) if _HUNT else 100,
    derandomize=not _HUNT,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

AMSTERDAM = Location(address="Herengracht 420-3", zipcode="1017 BZ", city="Amsterdam")
NOWHERE = Location(address="Dorpsstraat 9", zipcode="9999 ZZ", city="Nergens")
"""An address RIO cannot place (see ``REJECTED``): its runs are left out."""
REJECTED = {"9999ZZ|9|": "adres niet gevonden in de BAG"}
LOCATIONS = (UTRECHT, ZWOLLE, AMSTERDAM, NOWHERE, None)
PHASES = (
    "locaties",
    "opleidingseenheden",
    "vertrek",
    "aangeboden",
    "sluiten_aangeboden",
    "sluiten_opleidingseenheden",
    "verwijderen",
)
NAMES = (
    "Projectmanagement",
    "Projectmanagement  <b>basis</b>\n",
    "Lean Six Sigma Green Belt",
    "Verandermanagement " * 20,
)
DOCUMENT = Bedrijfsdocument(
    identificatiecode="00000000-0000-4000-8000-000000000000",
    verzendende_instantie="00000001800866472000",
    datum_tijd=dt.datetime(2026, 3, 2, 6, tzinfo=dt.UTC),
)


@st.composite
def runs(draw: st.DrawFn, pid: str, today: dt.date) -> tuple[ProgramRun, ...]:
    out = []
    numbers = draw(st.lists(st.integers(1, 5), min_size=1, max_size=4, unique=True))
    for n in numbers:
        start = today + dt.timedelta(days=draw(st.integers(-90, 200)))
        end = start + dt.timedelta(days=draw(st.integers(0, 150)))
        before = draw(st.none() | st.integers(0, 30))
        deadline = None if before is None else start - dt.timedelta(days=before)
        run_id = f"{pid}-r{n}" if n < 5 else f"{pid}-" + "x" * 70
        out.append(
            ProgramRun(
                id=run_id,
                status=draw(
                    st.sampled_from(("application opened", "application closed", "canceled"))
                ),
                start=_date(start),
                end=_date(end),
                application_deadline=deadline,
                location=draw(st.sampled_from(LOCATIONS)),
                fully_online=draw(st.sampled_from((None, None, None, None, True))),
                max_participants=draw(st.none() | st.integers(0, 40000)),
                costs=draw(st.sampled_from(((), (cost("1000.00", vat_percentage=21),)))),
            )
        )
    return tuple(out)


def _date(value: dt.date) -> ProgramDate:
    return ProgramDate(date=value, is_final=True)


@st.composite
def kinds(draw: st.DrawFn) -> dict[str, Any]:
    """The registrations that make a programme particulier, NLQF, CREBO or O-code."""
    kind = draw(st.sampled_from(("particulier", "particulier", "nlqf", "crebo", "ocode")))
    extra: dict[str, Any] = {
        # a level without a register code: stays particulier, nlqf/eqf sent where configured
        "nlqf_registrations": (NlqfRegistration(nlqf_level="4+", eqf_level="4", register_code=""),),
        "crebo_registrations": (),
        "rio_registration": None,
    }
    if kind == "nlqf":
        extra["nlqf_registrations"] = (
            NlqfRegistration(nlqf_level="4+", eqf_level="4", register_code="12-345"),
        )
    elif kind == "crebo":
        paths = draw(st.sampled_from((("BOL",), ("BOL", "BBL"), (None,))))
        extra["crebo_registrations"] = tuple(
            CreboRegistration(crebo_code="25604", learning_path=p) for p in paths
        )
    elif kind == "ocode":
        extra["rio_registration"] = "1234O5678"
    return extra


@st.composite
def programmes(draw: st.DrawFn, today: dt.date) -> list[Program]:
    out = []
    for pid in draw(
        st.lists(st.sampled_from(("P1", "P2", "P3")), min_size=1, max_size=3, unique=True)
    ):
        extra = draw(kinds())
        out.append(
            program(
                pid,
                runs=draw(runs(pid, today)),
                name=draw(st.sampled_from(NAMES)),
                catalog=draw(st.sampled_from((("rio",), ("rio",), ("rio/stap",), ("edudex",)))),
                summaries=LocalizedText.of({"nl": draw(st.sampled_from(("Kort.", "<p>x</p>")))}),
                study_load=draw(st.sampled_from((StudyLoad(program_hours=40), None))),
                generic_location=draw(st.sampled_from(LOCATIONS)),
                offered_until=draw(st.sampled_from((None, dt.date(2027, 12, 31)))),
                expires=draw(st.sampled_from((None, None, today + dt.timedelta(days=10)))),
                program_uuid=draw(
                    st.sampled_from((None, None, uuid.uuid5(uuid.NAMESPACE_URL, pid)))
                ),
                **extra,
            )
        )
    return out


@st.composite
def changed_run(draw: st.DrawFn, run: ProgramRun) -> list[ProgramRun]:
    """A run the next day: unchanged, moved, canceled, closed, re-dated or gone."""
    change = draw(st.sampled_from(("same", "move", "move", "cancel", "close", "date", "gone")))
    if change == "gone":
        return []
    if change == "move":
        return [
            dataclasses.replace(run, location=draw(st.sampled_from(LOCATIONS)), fully_online=None)
        ]
    if change == "cancel":
        return [dataclasses.replace(run, status="canceled")]
    if change == "close":
        return [dataclasses.replace(run, status="application closed")]
    if change == "date":
        start = run.start_date + dt.timedelta(days=draw(st.integers(-20, 20)))
        return [dataclasses.replace(run, start=_date(start), end=_date(start))]
    return [run]


@st.composite
def changed_programme(draw: st.DrawFn, p: Program, today: dt.date) -> list[Program]:
    """A programme the next day: runs changed one by one, maybe new runs, a new name, a new
    type, deselected, or gone."""
    change = draw(st.sampled_from(("runs", "runs", "runs", "name", "type", "deselect", "gone")))
    if change == "gone":
        return []
    if change == "deselect":
        return [dataclasses.replace(p, include_in_catalog=("edudex",))]
    if change == "name":
        return [
            dataclasses.replace(p, names=LocalizedText.of({"nl": draw(st.sampled_from(NAMES))}))
        ]
    if change == "type":
        return [dataclasses.replace(p, **draw(kinds()))]
    kept = [r for run in p.runs for r in draw(changed_run(run))]
    known = {r.id for r in kept}
    added = [r for r in draw(runs(p.program_id, today)) if r.id not in known]
    return [dataclasses.replace(p, runs=(*kept, *added))]


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[dt.date, list[Program], MappingSettings, list[Any]]]:
    days = []
    today = TODAY
    catalogue: list[Program] = []
    for day in range(draw(st.integers(2, 4))):
        today += dt.timedelta(days=draw(st.sampled_from((0, 1, 1, 7, 60, 200))))
        if day == 0 or draw(st.integers(0, 4)) == 0:
            catalogue = draw(programmes(today))
        else:
            catalogue = [q for p in catalogue for q in draw(changed_programme(p, today))]
        settings_ = draw(st.sampled_from((SETTINGS,) * 4 + (_WITH_NLQF, _OPTED_OUT)))
        deletions = [
            DeletionInstruction(programma=f"acme/{p}")
            for p in draw(st.sampled_from(((),) * 7 + (("P1",), ("P2",), ("P1", "P3"))))
        ]
        days.append((today, catalogue, settings_, deletions))
    return days


_OPTED_OUT = dataclasses.replace(SETTINGS, opted_in=False)
_WITH_NLQF = dataclasses.replace(SETTINGS, send_nlqf_eqf=True)


def _check_order(last: RioStand, operations: Plan, desired: RioStand) -> None:
    """Carry the plan out step by step on ``last`` and check RIO's rules at every step."""
    state = last
    phase_at = 0
    created: set[str] = {s for s, oe in desired.opleidingseenheden.items() if oe.code is None}
    visible: set[str] = set(last.opleidingseenheden) - created
    unconfirmed: set[str] = set()  # offerings written since the last Await for offerings
    leaving: dict[str, str] = {}  # cohort code → the offering whose write removed it, unconfirmed
    deleted_unconfirmed: set[str] = set()
    for op in operations:
        index = PHASES.index(op.phase)
        assert index >= phase_at, f"{op.phase} after {PHASES[phase_at]}"
        phase_at = index
        match op:
            case Await(target="opleidingseenheid_zichtbaar", keys=keys):
                visible |= set(keys)
            case Await(target="aangeboden_verwerkt", keys=keys):
                unconfirmed -= set(keys)
                leaving = {c: a for c, a in leaving.items() if a not in keys}
            case Await(target="aangeboden_verwijderd"):
                deleted_unconfirmed.clear()
            case RegisterLocation():
                pass
            case UpsertAangebodenOpleiding(aangeboden=ao):
                if ao.oe_sleutel is not None:
                    assert ao.oe_sleutel in state.opleidingseenheden, "A01070"
                    assert ao.oe_sleutel in visible, "A01070: OE not yet visible"
                    oe = state.opleidingseenheden[ao.oe_sleutel]
                    if oe.einddatum is not None:
                        assert ao.einddatum is not None, "N09410"
                        assert ao.einddatum <= oe.einddatum, "N09410"
                if ao.location_key != "online":
                    assert ao.location_key in state.locaties
                for other in state.aangeboden.values():
                    if other.code != ao.code:
                        shared = other.cohortcodes & ao.cohortcodes
                        assert not shared, f"N11421: {shared} still in {other.location_label}"
                before = state.aangeboden.get(ao.code)
                had = before.cohortcodes if before is not None else frozenset()
                joining = (ao.cohortcodes - had) & leaving.keys()
                assert not joining, f"N11421: removal of {joining} not yet confirmed"
                leaving.update(dict.fromkeys(had - ao.cohortcodes, ao.code))
                unconfirmed.add(ao.code)
            case UpsertOpleidingseenheid(opleidingseenheid=oe):
                if oe.einddatum is not None:
                    for ao in state.aangeboden.values():
                        if ao.oe_sleutel == oe.eigen_sleutel:
                            assert ao.einddatum is not None, "P01410"
                            assert ao.einddatum <= oe.einddatum, "P01410"
                            assert ao.code not in unconfirmed, "P01410: AO closing unconfirmed"
            case DeleteAangebodenOpleiding(code=code):
                deleted_unconfirmed.add(code)
            case DeleteOpleidingseenheid(eigen_sleutel=sleutel):
                for ao in state.aangeboden.values():
                    assert ao.oe_sleutel != sleutel, "P01810: offerings left"
                assert not deleted_unconfirmed, "P01810: offering deletions unconfirmed"
        state = apply(state, [op])
    assert state == desired


def _started_cohorts_stay(
    last: RioStand, desired: RioStand, today: dt.date, deletions: list[DeletionInstruction]
) -> None:
    gone = {d.programma for d in deletions}
    present = {c for ao in desired.aangeboden.values() for c in ao.cohortcodes}
    for ao in last.aangeboden.values():
        if ao.programma in gone:
            continue
        for cohort in ao.cohorten:
            if cohort.started(today):
                assert cohort.cohortcode in present, f"started cohort {cohort.cohortcode} dropped"


def _validates(desired: RioStand) -> None:
    rendered = rio_accepts(desired)
    for oe in desired.opleidingseenheden.values():
        assert check_opleidingseenheid(oe) == []
        build_request(
            msg.AanleverenOpleidingseenheid(opleidingseenheid=render_opleidingseenheid(oe)),
            DOCUMENT,
        )
    for ao in desired.aangeboden.values():
        oe = desired.opleidingseenheden.get(ao.oe_sleutel or "")
        assert check_aangeboden(ao, oe) == []
        build_request(
            msg.AanleverenAangebodenOpleiding(aangeboden_opleiding=render_aangeboden(ao, rendered)),
            DOCUMENT,
        )
    for locatie in desired.locaties.values():
        gebruik = Onderwijslocatiegebruik(
            onderwijsbestuurcode="100B490",
            in_bedrijfdatum=TODAY,
            aanduiding=render_adres(locatie),
        )
        build_request(
            msg.AanleverenOnderwijslocatiegebruik(onderwijslocatiegebruik=gebruik), DOCUMENT
        )


@PROPERTY_SETTINGS
@given(histories())
def test_map_and_plan_properties(days: list[Any]) -> None:
    history = History(rejected_locations=REJECTED)
    for today, catalogue, settings_, deletions in days:
        last = history.stand
        result, operations, after = sync_day(
            catalogue, today, history, settings=settings_, deletions=deletions
        )
        desired = result.stand
        now = dt.datetime.combine(today, dt.time(6), dt.UTC)
        assert not plan(desired, desired, now)
        assert not plan(last, last, now)
        assert apply(last, operations) == desired
        _check_order(last, operations, desired)
        _started_cohorts_stay(last, desired, today, deletions)
        _validates(desired)
        # the same input again on the same day: nothing is sent
        _, again, _ = sync_day(catalogue, today, after, settings=settings_, deletions=deletions)
        assert not again, [op.reason.en for op in again]
        # ... and the next day too, unless a programme expires overnight
        tomorrow = today + dt.timedelta(days=1)
        if not any(p.expires == today for p in catalogue):
            _, later, _ = sync_day(
                catalogue, tomorrow, after, settings=settings_, deletions=deletions
            )
            assert not later, [op.reason.en for op in later]
        history = after
