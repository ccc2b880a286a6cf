"""Cohort prices: ``TOTALE_VERPLICHTE_KOSTEN``; for ``rio/stap`` ``TOTAAL_STAP_SUBSIDIEERBAAR``.

A run's own costs count; a run without costs takes the programme's generic costs. Only required
costs (``isRequiredCost``) count, each including VAT: ``amountVAT`` when given, else
``VATPercentage``, else ``VATCode`` (1, 2 → 0 %; 3 → 9 %; 4, 5 → 21 %); with no VAT information
the amount is taken as given. Which cost types are STAP-eligible is the ``costType`` table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from edudex_rio.edudex.model import Cost
from edudex_rio.mapping.table import MappingTable, UnmappedValue

__all__ = [
    "STAP_SUBSIDIEERBAAR",
    "VAT_BY_CODE",
    "VERPLICHTE_KOSTEN",
    "amount_incl_vat",
    "cohort_prices",
]

VERPLICHTE_KOSTEN: Final = "TOTALE_VERPLICHTE_KOSTEN"
STAP_SUBSIDIEERBAAR: Final = "TOTAAL_STAP_SUBSIDIEERBAAR"
#: ``VATCode`` → VAT percentage (EDU-DEX edudox labels).
VAT_BY_CODE: Final[dict[int, int]] = {1: 0, 2: 0, 3: 9, 4: 21, 5: 21}
_CENT: Final = Decimal("0.01")
_ZERO: Final = Decimal("0.00")
_CURRENCY: Final = "EUR"


def amount_incl_vat(cost: Cost) -> Decimal:
    """One cost including VAT, rounded to cents."""
    if cost.amount_vat is not None:
        total = cost.amount + cost.amount_vat
    elif cost.vat_percentage is not None:
        total = cost.amount * (100 + cost.vat_percentage) / 100
    elif cost.vat_code is not None and cost.vat_code in VAT_BY_CODE:
        total = cost.amount * (100 + VAT_BY_CODE[cost.vat_code]) / 100
    else:
        total = cost.amount
    return total.quantize(_CENT, rounding=ROUND_HALF_UP)


def cohort_prices(
    run_costs: Sequence[Cost],
    generic_costs: Sequence[Cost],
    *,
    stap: bool,
    table: MappingTable,
) -> tuple[tuple[str, Decimal], ...]:
    """The ``prijs`` entries of a cohort as ``(soort, bedrag)``, sorted by soort.

    Raises :class:`UnmappedValue` for an unknown cost type or a currency other than euro.
    """
    costs = run_costs if run_costs else generic_costs
    required = [c for c in costs if c.is_required]
    if not required:
        return ()
    total = eligible = _ZERO
    for cost in required:
        if cost.currency.upper() != _CURRENCY:
            raise UnmappedValue(table="currency", field="cost.currency", value=cost.currency)
        amount = amount_incl_vat(cost)
        total += amount
        if table.lookup("costType", cost.cost_type) == "STAP":
            eligible += amount
    if stap:  # sorted by soort: TOTAAL_STAP_… < TOTALE_…
        return ((STAP_SUBSIDIEERBAAR, eligible), (VERPLICHTE_KOSTEN, total))
    return ((VERPLICHTE_KOSTEN, total),)
