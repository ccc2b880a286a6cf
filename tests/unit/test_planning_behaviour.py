"""The behaviour-over-time table of DESIGN §2, row by row, on small hand-written programmes.

Each case runs the daily job on one or more earlier days (map → plan → RIO takes the plan) and
then asserts the exact operations of the last day: their type, phase and the objects they carry
(kind, location, learning path, cohort codes, einddatum), plus a reason in words. Some cases also
assert exact objects of the desired stand (a started cohort kept exactly as last sent, …).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from edudex_rio.edudex.model import Program
from edudex_rio.mapping import DeletionInstruction, History, MappingSettings, MapResult, keys
from edudex_rio.planning import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    Plan,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
)
from tests.unit.mapplan_factories import (
    SETTINGS,
    TODAY,
    UTRECHT,
    ZWOLLE,
    CreboRegistration,
    NlqfRegistration,
    cost,
    program,
    run,
    sync_day,
)

D1 = TODAY
D2 = TODAY + dt.timedelta(days=1)
D3 = TODAY + dt.timedelta(days=2)
U = "3511ED|12|A"
Z = "8011WX|1|"
STARTED = dt.date(2026, 3, 1)
"""A start date before D1: the run has started on every day of these cases."""
END_4711 = dt.date(2026, 12, 16)
"""The (exclusive) einddatum of a run with the factory's default end date."""
NLQF = (NlqfRegistration(nlqf_level="5", eqf_level="5", register_code="12-345"),)
CREBO = (
    CreboRegistration(crebo_code="25604", learning_path="BOL"),
    CreboRegistration(crebo_code="25604", learning_path="BBL"),
)
OCODE = "1234O5678"
ZWOLLE_AO = keys.aangeboden_opleiding_code(
    keys.eigen_opleidingseenheid_sleutel("acme", "P1"), "particulier", "8011WX|1|"
)

Summary = tuple[Any, ...]


def summary(op: Operation) -> Summary:
    """The exact content of one operation that the behaviour table speaks about."""
    match op:
        case RegisterLocation(locatie=locatie):
            return ("locatie", locatie.key)
        case UpsertOpleidingseenheid(opleidingseenheid=oe, phase=phase):
            action = "create" if op.create else "update"
            return ("oe", phase, action, oe.einddatum, len(oe.perioden))
        case UpsertAangebodenOpleiding(aangeboden=ao, phase=phase):
            codes = tuple(sorted(ao.cohortcodes))
            return ("ao", phase, ao.kind, ao.location_key, ao.leertraject, codes, ao.einddatum)
        case Await(target=target, keys=keys, phase=phase):
            return ("await", phase, target, len(keys))
        case DeleteAangebodenOpleiding(programma=programma):
            return ("delete-ao", programma)
        case DeleteOpleidingseenheid(programma=programma):
            return ("delete-oe", programma)
    raise AssertionError(op)


def normalised(items: list[Summary]) -> list[Summary]:
    """Runs of operations of the same type and phase sorted (their order among themselves is
    by code, which is a UUID); everything else stays in plan order."""
    out: list[Summary] = []
    for _, group in itertools.groupby(items, key=lambda s: (s[0], s[1] if len(s) > 1 else "")):
        out += sorted(group, key=repr)
    return out


@dataclass(frozen=True, kw_only=True)
class Day:
    programs: list[Program]
    today: dt.date
    settings: MappingSettings = SETTINGS
    deletions: tuple[DeletionInstruction, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Case:
    row: str
    days: list[Day]
    ops: list[Summary]
    reason: str = ""
    """A phrase one of the last day's reasons (English) contains."""
    check: Callable[[MapResult, History], None] | None = field(default=None)
    """Extra assertions on the last day's mapping result and the history before it."""


def P(*runs: Any, **kw: Any) -> Program:
    return program(runs=tuple(runs), **kw)


def R(run_id: str, **kw: Any) -> Any:
    return run(run_id, **kw)


def two(before: list[Program], after: list[Program], **kw: Any) -> list[Day]:
    return [Day(programs=before, today=D1), Day(programs=after, today=D2, **kw)]


def _kept_exactly(result: MapResult, history: History) -> None:
    [last] = history.stand.aangeboden.values()
    [now] = result.stand.aangeboden.values()
    assert last.cohort("4711") is not None
    assert now.cohort("4711") == last.cohort("4711")


def _stap_prices(result: MapResult, history: History) -> None:
    [ao] = result.stand.aangeboden.values()
    assert [soort for soort, _ in ao.cohorten[0].prijzen] == [
        "TOTAAL_STAP_SUBSIDIEERBAAR",
        "TOTALE_VERPLICHTE_KOSTEN",
    ]


def _periods_kept(result: MapResult, history: History) -> None:
    [last] = history.stand.opleidingseenheden.values()
    [now] = result.stand.opleidingseenheden.values()
    assert now.perioden[0] == last.perioden[0]
    assert now.perioden[1].begindatum == D2
    assert now.begindatum == last.begindatum == D1


def _one_period_replaced(result: MapResult, history: History) -> None:
    [now] = result.stand.opleidingseenheden.values()
    assert [(p.begindatum, p.naam_lang) for p in now.perioden] == [(D1, "Nieuwe naam")]


def _begin_aanmeld_stable(result: MapResult, history: History) -> None:
    [ao] = result.stand.aangeboden.values()
    assert ao.cohorten[0].begin_aanmeldperiode == D1
    assert ao.begindatum == D1


NEW = [("locatie", U), ("oe", "opleidingseenheden", "create", None, 1)]
AWAIT_OE = ("await", "opleidingseenheden", "opleidingseenheid_zichtbaar", 1)
VERTREK = ("await", "vertrek", "aangeboden_verwerkt", 1)
CLOSE_WAIT = ("await", "sluiten_aangeboden", "aangeboden_verwerkt", 1)

CASES = [
    # --- new programme: create OE, wait until RIO shows it, then its AOs ----------------------
    Case(
        row="new/particulier",
        days=[Day(programs=[P(R("4711"))], today=D1)],
        ops=[*NEW, AWAIT_OE, ("ao", "aangeboden", "particulier", U, None, ("4711",), None)],
        reason="new programme 'Projectmanagement'",
    ),
    Case(
        row="new/two-locations",
        days=[Day(programs=[P(R("4711"), R("4712", location=ZWOLLE))], today=D1)],
        ops=[
            ("locatie", U),
            ("locatie", Z),
            ("oe", "opleidingseenheden", "create", None, 1),
            AWAIT_OE,
            ("ao", "aangeboden", "particulier", U, None, ("4711",), None),
            ("ao", "aangeboden", "particulier", Z, None, ("4712",), None),
        ],
        reason="new offering in Zwolle",
    ),
    Case(
        row="new/o-code-no-oe",
        days=[Day(programs=[P(R("4711"), rio_registration=OCODE)], today=D1)],
        ops=[("locatie", U), ("ao", "aangeboden", "ocode", U, None, ("4711",), None)],
    ),
    Case(
        row="new/nlqf",
        days=[Day(programs=[P(R("4711"), nlqf_registrations=NLQF)], today=D1)],
        ops=[("locatie", U), ("ao", "aangeboden", "nlqf", U, None, ("4711",), None)],
    ),
    Case(
        row="new/crebo-per-learning-path",
        days=[Day(programs=[P(R("4711"), crebo_registrations=CREBO)], today=D1)],
        ops=[
            ("locatie", U),
            ("ao", "aangeboden", "crebo", U, "BBL", ("4711/BBL",), None),
            ("ao", "aangeboden", "crebo", U, "BOL", ("4711/BOL",), None),
        ],
    ),
    Case(
        row="new/online-without-location",
        days=[Day(programs=[P(R("4711", location=None), R("4712", fully_online=True))], today=D1)],
        ops=[
            ("oe", "opleidingseenheden", "create", None, 1),
            AWAIT_OE,
            ("ao", "aangeboden", "particulier", "online", None, ("4711", "4712"), None),
        ],
    ),
    Case(
        row="new/stap",
        days=[
            Day(programs=[P(R("4711", costs=(cost("900.00"),)), catalog=("rio/stap",))], today=D1)
        ],
        ops=[*NEW, AWAIT_OE, ("ao", "aangeboden", "particulier", U, None, ("4711",), None)],
        check=_stap_prices,
    ),
    # --- a run moves: removal from the old AO sent and confirmed first ------------------------
    Case(
        row="move/to-a-new-location",
        days=two([P(R("4711"))], [P(R("4711", location=ZWOLLE))]),
        ops=[
            ("locatie", Z),
            ("ao", "vertrek", "particulier", U, None, (), D2),
            VERTREK,
            ("ao", "aangeboden", "particulier", Z, None, ("4711",), None),
        ],
        reason="run 4711 moved from Utrecht to Zwolle",
    ),
    Case(
        row="move/to-an-existing-offering",
        days=two(
            [P(R("4711"), R("4712", location=ZWOLLE))],
            [P(R("4711", location=ZWOLLE), R("4712", location=ZWOLLE))],
        ),
        ops=[
            ("ao", "vertrek", "particulier", U, None, (), D2),
            VERTREK,
            ("ao", "aangeboden", "particulier", Z, None, ("4711", "4712"), None),
        ],
        reason="run 4711 moved from Utrecht to Zwolle",
    ),
    Case(
        row="move/old-offering-keeps-its-other-runs",
        days=two([P(R("4711"), R("4712"))], [P(R("4711", location=ZWOLLE), R("4712"))]),
        ops=[
            ("locatie", Z),
            ("ao", "vertrek", "particulier", U, None, ("4712",), None),
            VERTREK,
            ("ao", "aangeboden", "particulier", Z, None, ("4711",), None),
        ],
    ),
    Case(
        row="move/two-runs-swap-locations",
        days=two(
            [P(R("4711"), R("4712", location=ZWOLLE))],
            [P(R("4711", location=ZWOLLE), R("4712"))],
        ),
        # both offerings first lose their leaving run, then (after RIO confirmed) get the new one
        ops=[
            ("ao", "vertrek", "particulier", U, None, (), None),
            ("ao", "vertrek", "particulier", Z, None, (), None),
            ("await", "vertrek", "aangeboden_verwerkt", 2),
            ("ao", "aangeboden", "particulier", U, None, ("4712",), None),
            ("ao", "aangeboden", "particulier", Z, None, ("4711",), None),
        ],
        reason="run 4712 moved from Zwolle to Utrecht",
    ),
    Case(
        row="move/to-online",
        days=two([P(R("4711"))], [P(R("4711", fully_online=True))]),
        ops=[
            ("ao", "vertrek", "particulier", U, None, (), D2),
            VERTREK,
            ("ao", "aangeboden", "particulier", "online", None, ("4711",), None),
        ],
        reason="run 4711 moved from Utrecht to online",
    ),
    Case(
        row="move/crebo-both-learning-paths",
        days=two(
            [P(R("4711"), crebo_registrations=CREBO)],
            [P(R("4711", location=ZWOLLE), crebo_registrations=CREBO)],
        ),
        ops=[
            ("locatie", Z),
            ("ao", "vertrek", "crebo", U, "BBL", (), D2),
            ("ao", "vertrek", "crebo", U, "BOL", (), D2),
            ("await", "vertrek", "aangeboden_verwerkt", 2),
            ("ao", "aangeboden", "crebo", Z, "BBL", ("4711/BBL",), None),
            ("ao", "aangeboden", "crebo", Z, "BOL", ("4711/BOL",), None),
        ],
    ),
    # --- a run canceled or vanished before it started leaves the stand -----------------------
    Case(
        row="gone-before-start/canceled",
        days=two([P(R("4711"), R("4712"))], [P(R("4711", status="canceled"), R("4712"))]),
        ops=[("ao", "aangeboden", "particulier", U, None, ("4712",), None)],
        reason="run 4711 removed (canceled or gone from EDU-DEX before it started)",
    ),
    Case(
        row="gone-before-start/vanished",
        days=two([P(R("4711"), R("4712"))], [P(R("4712"))]),
        ops=[("ao", "aangeboden", "particulier", U, None, ("4712",), None)],
        reason="run 4711 removed",
    ),
    Case(
        row="gone-before-start/status-closed-stays",
        days=two([P(R("4711"))], [P(R("4711", status="application closed"))]),
        ops=[("ao", "aangeboden", "particulier", U, None, ("4711",), None)],
        reason="run 4711 changed: status",
    ),
    # --- a run that started or ended vanishes: kept exactly as last sent ----------------------
    Case(
        row="started/vanished-is-kept",
        days=two([P(R("4711", start=STARTED), R("4712"))], [P(R("4712"))]),
        ops=[],
    ),
    Case(
        row="started/ended-vanished-is-kept",
        days=two(
            [P(R("4711", start=dt.date(2025, 9, 1), end=dt.date(2026, 1, 31)), R("4712"))],
            [P(R("4712"))],
        ),
        ops=[],
    ),
    Case(
        row="started/canceled-is-kept",
        days=two([P(R("4711", start=STARTED))], [P(R("4711", start=STARTED, status="canceled"))]),
        ops=[],
        check=_kept_exactly,
    ),
    Case(
        row="started/starting-today-is-kept",
        days=two([P(R("4711", start=D2), R("4712"))], [P(R("4712"))]),
        ops=[],
    ),
    Case(
        row="started/kept-exactly-while-others-change",
        days=two(
            [P(R("4711", start=STARTED, max_participants=10))],
            [P(R("4712"))],
        ),
        ops=[("ao", "aangeboden", "particulier", U, None, ("4711", "4712"), None)],
        reason="run 4712 added",
        check=_kept_exactly,
    ),
    # --- a location has no runs left: its AO ends after its last cohort; reopens ---------------
    Case(
        row="empty-location/closes",
        days=two([P(R("4711"), R("4712", location=ZWOLLE))], [P(R("4712", location=ZWOLLE))]),
        ops=[("ao", "sluiten_aangeboden", "particulier", U, None, (), D2)],
        reason="no runs left in Utrecht: offering closes on 2026-03-03",
    ),
    Case(
        row="empty-location/ends-after-its-started-cohort",
        days=two(
            [P(R("4711", start=STARTED), R("4712", location=ZWOLLE))],
            [P(R("4712", location=ZWOLLE))],
        ),
        ops=[
            ("ao", "sluiten_aangeboden", "particulier", U, None, ("4711",), dt.date(2026, 12, 16))
        ],
    ),
    Case(
        row="empty-location/reopens-when-runs-return",
        days=[
            Day(programs=[P(R("4711"), R("4712", location=ZWOLLE))], today=D1),
            Day(programs=[P(R("4712", location=ZWOLLE))], today=D2),
            Day(programs=[P(R("4713"), R("4712", location=ZWOLLE))], today=D3),
        ],
        ops=[("ao", "aangeboden", "particulier", U, None, ("4713",), None)],
        reason="offering in Utrecht reopened",
    ),
    # --- programme removed, deselected, expired, opted out: future leaves, past stays ---------
    Case(
        row="programme-gone/removed",
        days=two([P(R("4711", start=STARTED), R("4712"))], []),
        ops=[
            ("ao", "sluiten_aangeboden", "particulier", U, None, ("4711",), dt.date(2026, 12, 16)),
            CLOSE_WAIT,
            ("oe", "sluiten_opleidingseenheden", "update", dt.date(2026, 12, 16), 1),
        ],
        reason="programme 'Projectmanagement' closes on 2026-12-16",
    ),
    Case(
        row="programme-gone/deselected",
        days=two([P(R("4711"))], [P(R("4711"), catalog=("edudex",))]),
        ops=[
            ("ao", "sluiten_aangeboden", "particulier", U, None, (), D2),
            CLOSE_WAIT,
            ("oe", "sluiten_opleidingseenheden", "update", D2, 1),
        ],
    ),
    Case(
        row="programme-gone/expired",
        days=two([P(R("4711"), expires=D1)], [P(R("4711"), expires=D1)]),
        ops=[
            ("ao", "sluiten_aangeboden", "particulier", U, None, (), D2),
            CLOSE_WAIT,
            ("oe", "sluiten_opleidingseenheden", "update", D2, 1),
        ],
    ),
    Case(
        row="programme-gone/provider-opts-out",
        days=two(
            [P(R("4711", start=STARTED), R("4712"))],
            [P(R("4711", start=STARTED), R("4712"))],
            settings=MappingSettings(onderwijsaanbiedercode="110A133", opted_in=False),
        ),
        ops=[
            ("ao", "sluiten_aangeboden", "particulier", U, None, ("4711",), dt.date(2026, 12, 16)),
            CLOSE_WAIT,
            ("oe", "sluiten_opleidingseenheden", "update", dt.date(2026, 12, 16), 1),
        ],
    ),
    Case(
        row="programme-gone/o-code-only-offerings-close",
        days=two([P(R("4711"), rio_registration=OCODE)], []),
        ops=[("ao", "sluiten_aangeboden", "ocode", U, None, (), D2)],
    ),
    Case(
        row="programme-gone/client-variant-never-reaches-rio",
        days=[Day(programs=[P(R("4711"), client_id="client-42")], today=D1)],
        ops=[],
    ),
    # --- programme type changes: new AOs under the new type, old ones lose future, close -------
    Case(
        row="type/particulier-to-nlqf",
        days=two([P(R("4711"))], [P(R("4711"), nlqf_registrations=NLQF)]),
        ops=[
            ("ao", "vertrek", "particulier", U, None, (), D2),
            VERTREK,
            ("ao", "aangeboden", "nlqf", U, None, ("4711",), None),
            CLOSE_WAIT,
            ("oe", "sluiten_opleidingseenheden", "update", D2, 1),
        ],
        reason="run 4711 moved from Utrecht [particulier] to Utrecht",
    ),
    Case(
        row="type/nlqf-to-crebo",
        days=two(
            [P(R("4711"), nlqf_registrations=NLQF)],
            [P(R("4711"), nlqf_registrations=NLQF, crebo_registrations=CREBO[:1])],
        ),
        # the CREBO cohort code is "4711/BOL": no cohort moves, the old offering just closes
        ops=[
            ("ao", "aangeboden", "crebo", U, "BOL", ("4711/BOL",), None),
            ("ao", "sluiten_aangeboden", "nlqf", U, None, (), D2),
        ],
        reason="programme type changed from NLQF-recognised programme to CREBO programme",
    ),
    Case(
        row="type/crebo-to-o-code",
        days=two(
            [P(R("4711"), crebo_registrations=CREBO[:1])],
            [P(R("4711"), crebo_registrations=CREBO[:1], rio_registration=OCODE)],
        ),
        ops=[
            ("ao", "aangeboden", "ocode", U, None, ("4711",), None),
            ("ao", "sluiten_aangeboden", "crebo", U, "BOL", (), D2),
        ],
    ),
    Case(
        row="type/o-code-to-particulier",
        days=two([P(R("4711"), rio_registration=OCODE)], [P(R("4711"))]),
        ops=[
            ("oe", "opleidingseenheden", "create", None, 1),
            AWAIT_OE,
            ("ao", "vertrek", "ocode", U, None, (), D2),
            VERTREK,
            ("ao", "aangeboden", "particulier", U, None, ("4711",), None),
        ],
    ),
    Case(
        row="type/started-cohort-stays-in-the-old-offering",
        days=two([P(R("4711", start=STARTED))], [P(R("4712"), nlqf_registrations=NLQF)]),
        ops=[
            ("ao", "aangeboden", "nlqf", U, None, ("4712",), None),
            ("ao", "sluiten_aangeboden", "particulier", U, None, ("4711",), dt.date(2026, 12, 16)),
            CLOSE_WAIT,
            ("oe", "sluiten_opleidingseenheden", "update", dt.date(2026, 12, 16), 1),
        ],
    ),
    # --- name, description or study load changes: a new period from that day -----------------
    Case(
        row="period/name",
        days=two([P(R("4711"))], [P(R("4711"), name="Nieuwe naam")]),
        ops=[
            ("oe", "opleidingseenheden", "update", None, 2),
            ("ao", "aangeboden", "particulier", U, None, ("4711",), None),
        ],
        reason="new period from 2026-03-03",
        check=_periods_kept,
    ),
    Case(
        row="period/description",
        days=two([P(R("4711"))], [P(R("4711"), summaries=P().descriptions)]),
        ops=[
            ("oe", "opleidingseenheden", "update", None, 2),
            ("ao", "aangeboden", "particulier", U, None, ("4711",), None),
        ],
        check=_periods_kept,
    ),
    Case(
        row="period/study-load-oe-only",
        days=two([P(R("4711"))], [P(R("4711"), study_load=None)]),
        ops=[("oe", "opleidingseenheden", "update", None, 2)],
        reason="name, description or study load changed",
        check=_periods_kept,
    ),
    Case(
        row="period/same-day-change-replaces",
        days=[
            Day(programs=[P(R("4711"))], today=D1),
            Day(programs=[P(R("4711"), name="Nieuwe naam")], today=D1),
        ],
        ops=[
            ("oe", "opleidingseenheden", "update", None, 1),
            ("ao", "aangeboden", "particulier", U, None, ("4711",), None),
        ],
        check=_one_period_replaced,
    ),
    # --- programme without start moments: AOs without cohorts ---------------------------------
    Case(
        row="no-runs/published-at-its-generic-location",
        days=[Day(programs=[P(generic_location=ZWOLLE)], today=D1)],
        ops=[
            ("locatie", Z),
            ("oe", "opleidingseenheden", "create", None, 1),
            AWAIT_OE,
            ("ao", "aangeboden", "particulier", Z, None, (), None),
        ],
    ),
    Case(
        row="no-runs/last-run-canceled-keeps-the-offering",
        days=two(
            [P(R("4711"), generic_location=UTRECHT)],
            [P(R("4711", status="canceled"), generic_location=UTRECHT)],
        ),
        ops=[("ao", "aangeboden", "particulier", U, None, (), None)],
    ),
    # --- explicit deletion instruction: AOs deleted, then the OE once RIO shows them gone -----
    Case(
        row="delete/programme",
        days=two(
            [P(R("4711"), R("4712", location=ZWOLLE))],
            [P(R("4711"), R("4712", location=ZWOLLE))],
            deletions=(DeletionInstruction(programma="acme/P1"),),
        ),
        ops=[
            ("delete-ao", "acme/P1"),
            ("delete-ao", "acme/P1"),
            ("await", "verwijderen", "aangeboden_verwijderd", 2),
            ("delete-oe", "acme/P1"),
        ],
        reason="deletion instruction: programme 'Projectmanagement' is deleted from RIO",
    ),
    Case(
        row="delete/one-offering",
        days=two(
            [P(R("4711"), R("4712", location=ZWOLLE))],
            [P(R("4711"), R("4712", location=ZWOLLE))],
            deletions=(DeletionInstruction(programma="acme/P1", aangeboden_code=ZWOLLE_AO),),
        ),
        ops=[("delete-ao", "acme/P1")],
        reason="deletion instruction: offering in Zwolle is deleted from RIO",
    ),
    Case(
        row="delete/started-cohorts-go-too",
        days=two(
            [P(R("4711", start=STARTED))],
            [],
            deletions=(DeletionInstruction(programma="acme/P1"),),
        ),
        ops=[
            ("delete-ao", "acme/P1"),
            ("await", "verwijderen", "aangeboden_verwijderd", 1),
            ("delete-oe", "acme/P1"),
        ],
    ),
    Case(
        row="delete/o-code-offerings-only",
        days=two(
            [P(R("4711"), rio_registration=OCODE)],
            [P(R("4711"), rio_registration=OCODE)],
            deletions=(DeletionInstruction(programma="acme/P1"),),
        ),
        ops=[("delete-ao", "acme/P1")],
    ),
    # --- nothing changed: nothing is sent -----------------------------------------------------
    Case(
        row="unchanged/same-day",
        days=[Day(programs=[P(R("4711"))], today=D1), Day(programs=[P(R("4711"))], today=D1)],
        ops=[],
    ),
    Case(
        row="unchanged/next-day-keeps-first-sent-dates",
        days=two([P(R("4711"))], [P(R("4711"))]),
        ops=[],
        check=_begin_aanmeld_stable,
    ),
    Case(
        row="unchanged/closed-offering-not-resent",
        days=[
            Day(programs=[P(R("4711"), R("4712", location=ZWOLLE))], today=D1),
            Day(programs=[P(R("4712", location=ZWOLLE))], today=D2),
            Day(programs=[P(R("4712", location=ZWOLLE))], today=D3),
        ],
        ops=[],
    ),
    Case(
        row="unchanged/removed-programme-not-resent",
        days=[
            Day(programs=[P(R("4711"))], today=D1),
            Day(programs=[], today=D2),
            Day(programs=[], today=D3),
        ],
        ops=[],
    ),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.row) for c in CASES])
def test_behaviour_over_time(case: Case) -> None:
    history = History()
    before = history
    result: MapResult | None = None
    operations = Plan()
    for day in case.days:
        before = history
        result, operations, history = sync_day(
            day.programs,
            day.today,
            history,
            settings=day.settings,
            deletions=day.deletions,
        )
    assert result is not None
    assert result.problems == ()
    assert normalised([summary(op) for op in operations]) == normalised(case.ops)
    if case.reason:
        assert any(case.reason in op.reason.en for op in operations), [
            op.reason.en for op in operations
        ]
    for op in operations:
        assert op.reason.nl
        assert op.reason.en
    if case.check is not None:
        case.check(result, before)


def test_every_row_of_the_table_has_cases() -> None:
    rows = {c.row.split("/")[0] for c in CASES}
    assert rows == {
        "new",
        "move",
        "gone-before-start",
        "started",
        "empty-location",
        "programme-gone",
        "type",
        "period",
        "no-runs",
        "delete",
        "unchanged",
    }
    assert len(CASES) >= 34
