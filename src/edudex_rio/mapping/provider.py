"""``map_provider``: a provider's programmes + settings + history → the desired RIO stand.

Pure: no I/O, no clock (``today`` is passed in). The steps:

1. select: the public variant, ``includeInCatalog`` with ``rio`` or ``rio/stap``, not expired,
   provider opted in, no deletion instruction;
2. map each programme fresh (kind, opleidingseenheid, offerings per location/learning path,
   cohorts); an unmapped value rejects the programme, an unplaceable run only that run;
3. apply history (first-sent dates, periods, started cohorts) and check RIO's rules locally;
   a programme that breaks one is reported and left out: its RIO objects stay as last sent;
4. close what EDU-DEX no longer yields (offerings, then opleidingseenheden we created); leave
   out what a deletion instruction names, so that the plan deletes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from edudex_rio.edudex.model import Program
from edudex_rio.mapping.aangeboden_opleiding import FreshOfferings, fresh_offerings
from edudex_rio.mapping.checks import Violation, check_aangeboden, check_opleidingseenheid
from edudex_rio.mapping.config import DeletionInstruction, History, MappingSettings
from edudex_rio.mapping.historie import (
    close_aangeboden,
    close_opleidingseenheid,
    merge_aangeboden,
    merge_opleidingseenheid,
)
from edudex_rio.mapping.keys import Kind
from edudex_rio.mapping.opleidingseenheid import (
    eigen_sleutel,
    fresh_opleidingseenheid,
    kind_of,
    programma,
)
from edudex_rio.mapping.problems import Problem
from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    Onderwijslocatie,
    Opleidingseenheid,
    RioStand,
)
from edudex_rio.mapping.table import MappingTable, UnmappedValue, default_table

__all__ = ["MapResult", "map_provider", "selected"]


@dataclass(frozen=True, kw_only=True, slots=True)
class MapResult:
    """The desired stand of one provider and the problems found on the way."""

    stand: RioStand
    problems: tuple[Problem, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class _Fresh:
    program: Program
    kind: Kind
    offerings: FreshOfferings
    oe: Opleidingseenheid | None


def selected(program: Program, settings: MappingSettings, today: dt.date) -> bool:
    """The programme goes to RIO: public variant, selected for RIO, not expired, opted in."""
    return (
        settings.opted_in
        and program.is_public
        and program.selected_for_rio
        and (program.expires is None or program.expires >= today)
    )


def _reject(name: str, violations: Iterable[Violation], *, kept: bool) -> list[Problem]:
    suffix_nl = "; wat RIO al heeft blijft ongewijzigd" if kept else ""
    suffix_en = "; what RIO already has stays unchanged" if kept else ""
    return [
        Problem(
            programma=name,
            code=v.code,
            nl=f"opleiding niet naar RIO gestuurd: {v.nl}{suffix_nl}",
            en=f"programme not sent to RIO: {v.en}{suffix_en}",
            left_out="programme",
        )
        for v in violations
    ]


def _map_fresh(
    program: Program,
    *,
    settings: MappingSettings,
    table: MappingTable,
    history: History,
    first_published: dict[str, dt.date],
    today: dt.date,
) -> _Fresh:
    kind = kind_of(program)
    sleutel = eigen_sleutel(program)
    offerings = fresh_offerings(
        program,
        kind=kind,
        settings=settings,
        table=table,
        today=today,
        first_published=first_published,
        rejected_locations=history.rejected_locations,
        sleutel=sleutel,
    )
    oe = None
    if kind == "particulier":
        oe = fresh_opleidingseenheid(program, table, settings, today, sleutel)
    return _Fresh(program=program, kind=kind, offerings=offerings, oe=oe)


def map_provider(
    programs: Iterable[Program],
    *,
    settings: MappingSettings,
    today: dt.date,
    history: History | None = None,
    deletions: Iterable[DeletionInstruction] = (),
) -> MapResult:
    """The desired RIO stand of one provider. Raises :class:`~edudex_rio.mapping.table.
    InvalidMapping` when the provider's mapping overrides name values outside RIO's lists."""
    history = history if history is not None else History()
    previous = history.stand
    table = default_table().with_overrides(settings.overrides)
    gone_programmes = {d.programma for d in deletions if d.aangeboden_code is None}
    gone_offerings = {d.aangeboden_code for d in deletions if d.aangeboden_code is not None}
    first_published = {
        c.cohortcode: c.begin_aanmeldperiode
        for ao in previous.aangeboden.values()
        for c in ao.cohorten
    }
    problems: list[Problem] = []
    rejected: set[str] = set()
    fresh: dict[str, _Fresh] = {}
    for program in programs:
        name = programma(program)
        if name in fresh or name in gone_programmes or not selected(program, settings, today):
            continue
        try:
            fresh[name] = _map_fresh(
                program,
                settings=settings,
                table=table,
                history=history,
                first_published=first_published,
                today=today,
            )
        except UnmappedValue as exc:
            rejected.add(name)
            problems += _reject(name, [Violation(code="UNMAPPED", nl=exc.nl, en=exc.en)], kept=True)
    fresh_codes = frozenset(
        c.cohortcode for f in fresh.values() for ao in f.offerings.aangeboden for c in ao.cohorten
    )

    locaties: dict[str, Onderwijslocatie] = dict(previous.locaties)
    oes: dict[str, Opleidingseenheid] = {}
    aos: dict[str, AangebodenOpleiding] = {}
    cohort_owner: dict[str, str] = {}
    for name, item in fresh.items():
        problems += item.offerings.problems
        merged = [
            merge_aangeboden(
                ao, previous.aangeboden.get(ao.code), fresh_codes=fresh_codes, today=today
            )
            for ao in item.offerings.aangeboden
            if ao.code not in gone_offerings
        ]
        oe = None
        if item.oe is not None:
            oe = merge_opleidingseenheid(
                item.oe,
                previous.opleidingseenheden.get(item.oe.eigen_sleutel),
                offerings=merged,
                today=today,
            )
        violations = check_opleidingseenheid(oe) if oe is not None else []
        for ao in merged:
            violations += check_aangeboden(ao, oe)
            for code in ao.cohortcodes:
                owner = cohort_owner.get(code)
                if owner is not None and owner != name:
                    violations.append(
                        Violation(
                            code="N11421",
                            nl=f"cohortcode {code} wordt ook gebruikt door opleiding {owner}",
                            en=f"cohort code {code} is also used by programme {owner}",
                        )
                    )
        if violations:
            rejected.add(name)
            problems += _reject(name, violations, kept=True)
            continue
        for ao in merged:
            aos[ao.code] = ao
            cohort_owner.update(dict.fromkeys(ao.cohortcodes, name))
        if oe is not None:
            oes[oe.eigen_sleutel] = oe
        for key, locatie in item.offerings.locaties.items():
            locaties.setdefault(key, locatie)

    accepted_codes = frozenset(cohort_owner)
    for code, ao in previous.aangeboden.items():
        if code in aos or code in gone_offerings or ao.programma in gone_programmes:
            continue
        if ao.programma in rejected:
            aos[code] = ao
        else:
            aos[code] = close_aangeboden(ao, fresh_codes=accepted_codes, today=today)
    for sleutel, oe in previous.opleidingseenheden.items():
        if sleutel in oes or oe.programma in gone_programmes:
            continue
        if oe.programma in rejected:
            oes[sleutel] = oe
            continue
        under = [ao for ao in aos.values() if ao.oe_sleutel == sleutel]
        oes[sleutel] = close_opleidingseenheid(oe, offerings=under, today=today) or oe

    stand = RioStand(
        locaties=dict(sorted(locaties.items())),
        opleidingseenheden=dict(sorted(oes.items())),
        aangeboden=dict(sorted(aos.items())),
    )
    return MapResult(stand=stand, problems=tuple(problems))
