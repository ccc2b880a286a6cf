"""History applied to a fresh mapping: what RIO already has stays as first sent.

* begin dates and ``beginAanmeldperiode`` stay as first sent (moved earlier only when a cohort
  needs it);
* earlier periods stay as sent; a changed name, description or study load opens a new period
  starting today (a change on the day a period began replaces that period's content);
* a cohort that started stays in the stand, exactly as last sent, after EDU-DEX forgets it;
* an offering (or opleidingseenheid) that EDU-DEX no longer yields is closed: future cohorts
  leave, started ones stay, and it gets an ``einddatum`` after its last cohort (kept stable once
  sent, so a closed object is not resent every day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final, TypeVar

from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    AangebodenOpleidingPeriode,
    Cohort,
    Opleidingseenheid,
    OpleidingseenheidPeriode,
    evolve,
    same_except_begin,
)

__all__ = [
    "close_aangeboden",
    "close_opleidingseenheid",
    "merge_aangeboden",
    "merge_opleidingseenheid",
    "merge_periods",
]

_ONE_DAY: Final = dt.timedelta(days=1)
P = TypeVar("P", OpleidingseenheidPeriode, AangebodenOpleidingPeriode)


def merge_periods(
    previous: tuple[P, ...], current: P, *, begindatum: dt.date, today: dt.date
) -> tuple[P, ...]:
    """Earlier periods as sent, plus ``current`` from today when its content differs."""
    if not previous:
        return (evolve(current, begindatum=begindatum),)
    periods = list(previous)
    last = periods[-1]
    if not same_except_begin(current, last):
        if today > last.begindatum:
            periods.append(evolve(current, begindatum=today))
        else:
            periods[-1] = evolve(current, begindatum=last.begindatum)
    if periods[0].begindatum != begindatum:
        periods[0] = evolve(periods[0], begindatum=begindatum)
    return tuple(periods)


def _cohort_bound(cohort: Cohort) -> dt.date:
    """The first day the offering may end without cutting this cohort."""
    ends = [cohort.einddatum or cohort.instroommoment + _ONE_DAY, cohort.instroommoment + _ONE_DAY]
    if cohort.einde_aanmeldperiode is not None:
        ends.append(cohort.einde_aanmeldperiode)
    return max(ends)


def kept_cohorts(
    previous: AangebodenOpleiding | None, fresh_codes: frozenset[str], today: dt.date
) -> list[Cohort]:
    """Cohorts of ``previous`` that started and that EDU-DEX no longer yields anywhere."""
    if previous is None:
        return []
    return [c for c in previous.cohorten if c.started(today) and c.cohortcode not in fresh_codes]


def merge_aangeboden(
    fresh: AangebodenOpleiding,
    previous: AangebodenOpleiding | None,
    *,
    fresh_codes: frozenset[str],
    today: dt.date,
) -> AangebodenOpleiding:
    """A freshly mapped offering with its history applied (still open: no ``einddatum``)."""
    if previous is None and (
        fresh.eerste_instroomdatum is None or fresh.eerste_instroomdatum >= fresh.begindatum
    ):
        return fresh  # new, and no cohort before today: nothing to apply
    cohorts = sorted([*fresh.cohorten, *kept_cohorts(previous, fresh_codes, today)], key=_code)
    first = min((c.instroommoment for c in cohorts), default=None)
    begin = previous.begindatum if previous is not None else today
    if first is not None and first < begin:
        begin = first
    perioden = merge_periods(
        previous.perioden if previous is not None else (),
        fresh.perioden[-1],
        begindatum=begin,
        today=today,
    )
    return evolve(
        fresh,
        begindatum=begin,
        eerste_instroomdatum=first,
        einddatum=None,
        perioden=perioden,
        cohorten=tuple(cohorts),
    )


def merge_opleidingseenheid(
    fresh: Opleidingseenheid,
    previous: Opleidingseenheid | None,
    *,
    offerings: Iterable[AangebodenOpleiding],
    today: dt.date,
) -> Opleidingseenheid:
    """A freshly mapped opleidingseenheid with its history applied; it begins no later than
    its offerings (P01410/N09410)."""
    begin = previous.begindatum if previous is not None else today
    for offering in offerings:
        begin = min(begin, offering.begindatum)
        if offering.eerste_instroomdatum is not None:
            begin = min(begin, offering.eerste_instroomdatum)
    perioden = merge_periods(
        previous.perioden if previous is not None else (),
        fresh.perioden[-1],
        begindatum=begin,
        today=today,
    )
    return evolve(
        fresh,
        code=previous.code if previous is not None else None,
        begindatum=begin,
        einddatum=None,
        perioden=perioden,
    )


def _code(cohort: Cohort) -> str:
    return cohort.cohortcode


def close_aangeboden(
    previous: AangebodenOpleiding, *, fresh_codes: frozenset[str], today: dt.date
) -> AangebodenOpleiding:
    """Close an offering EDU-DEX no longer yields: future cohorts leave, started ones stay,
    ``einddatum`` after its last cohort (at the earliest today), stable once sent."""
    kept = kept_cohorts(previous, fresh_codes, today)
    bound = max((_cohort_bound(c) for c in kept), default=None)
    if previous.einddatum is not None and (bound is None or previous.einddatum >= bound):
        end = previous.einddatum
    else:
        end = max(today, bound) if bound is not None else today
    end = max(end, previous.begindatum + _ONE_DAY)
    perioden = tuple(p for i, p in enumerate(previous.perioden) if i == 0 or p.begindatum < end)
    return evolve(
        previous,
        einddatum=end,
        eerste_instroomdatum=min((c.instroommoment for c in kept), default=None),
        perioden=perioden,
        cohorten=tuple(sorted(kept, key=_code)),
    )


def close_opleidingseenheid(
    previous: Opleidingseenheid, *, offerings: Iterable[AangebodenOpleiding], today: dt.date
) -> Opleidingseenheid | None:
    """Close an opleidingseenheid after its offerings (P01410); ``None`` while one is still open."""
    ends: list[dt.date] = []
    for offering in offerings:
        if offering.einddatum is None:
            return None
        ends.append(offering.einddatum)
    bound = max(ends, default=None)
    if previous.einddatum is not None and (bound is None or previous.einddatum >= bound):
        end = previous.einddatum
    else:
        end = max(today, bound) if bound is not None else today
    end = max(end, previous.begindatum + _ONE_DAY)
    perioden = tuple(p for i, p in enumerate(previous.perioden) if i == 0 or p.begindatum < end)
    return evolve(previous, einddatum=end, perioden=perioden)
