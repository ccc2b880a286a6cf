"""Reasons in words (Dutch and English) for the operations of a plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields

from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    Cohort,
    Onderwijslocatie,
    Opleidingseenheid,
)
from edudex_rio.planning.operations import Reason

__all__ = [
    "aangeboden_reason",
    "join",
    "kind_label",
    "location_reason",
    "opleidingseenheid_reason",
]

_KIND_NL = {
    "particulier": "particuliere opleiding",
    "nlqf": "NLQF-erkende opleiding",
    "crebo": "CREBO-opleiding",
    "ocode": "bestaande RIO-opleiding",
}
_KIND_EN = {
    "particulier": "private programme",
    "nlqf": "NLQF-recognised programme",
    "crebo": "CREBO programme",
    "ocode": "existing RIO programme",
}


def kind_label(kind: str, language: str = "nl") -> str:
    """The programme type in words (``ocode`` → "bestaande RIO-opleiding")."""
    return (_KIND_EN if language == "en" else _KIND_NL).get(kind, kind)


_COHORT_FIELDS = {
    "cohortstatus": ("status", "status"),
    "opleidingsvorm": ("opleidingsvorm", "form"),
    "deelnemersplaatsen": ("deelnemersplaatsen", "places"),
    "begin_aanmeldperiode": ("begin aanmelding", "application start"),
    "instroommoment": ("startdatum", "start date"),
    "einde_aanmeldperiode": ("einde aanmelding", "application deadline"),
    "einddatum": ("einddatum", "end date"),
    "prijzen": ("prijs", "price"),
}


def join(parts: Sequence[Reason]) -> Reason:
    return Reason(nl="; ".join(p.nl for p in parts), en="; ".join(p.en for p in parts))


def location_reason(locatie: Onderwijslocatie) -> Reason:
    a = locatie.adres
    where = f"{a.postcode} {a.huisnummer}{' ' + a.toevoeging if a.toevoeging else ''}"
    return Reason(
        nl=f"nieuwe onderwijslocatie {locatie.label} ({where})",
        en=f"new teaching location {locatie.label} ({where})",
    )


def _changed(a: object, b: object, names: Sequence[str]) -> list[str]:
    return [n for n in names if getattr(a, n) != getattr(b, n)]


def opleidingseenheid_reason(desired: Opleidingseenheid, last: Opleidingseenheid | None) -> Reason:
    naam = desired.naam
    if last is None:
        return Reason(nl=f"nieuwe opleiding {naam!r}", en=f"new programme {naam!r}")
    parts: list[Reason] = []
    if desired.einddatum is not None and desired.einddatum != last.einddatum:
        parts.append(
            Reason(
                nl=f"opleiding {naam!r} sluit per {desired.einddatum}: geen aanbod meer",
                en=f"programme {naam!r} closes on {desired.einddatum}: nothing offered any more",
            )
        )
    elif desired.einddatum is None and last.einddatum is not None:
        parts.append(Reason(nl=f"opleiding {naam!r} heropend", en=f"programme {naam!r} reopened"))
    if len(desired.perioden) > len(last.perioden):
        begin = desired.perioden[-1].begindatum
        parts.append(
            Reason(
                nl=f"naam, omschrijving of studielast gewijzigd: nieuwe periode vanaf {begin}",
                en=f"name, description or study load changed: new period from {begin}",
            )
        )
    elif desired.perioden != last.perioden:
        parts.append(Reason(nl="periodegegevens gewijzigd", en="period details changed"))
    other = _changed(
        desired, last, ("begindatum", "categorieen", "waardedocumentsoort", "nlqf", "eqf")
    )
    if other:
        parts.append(Reason(nl=f"gewijzigd: {', '.join(other)}", en=f"changed: {', '.join(other)}"))
    return join(parts) if parts else Reason(nl="bijgewerkt", en="updated")


def _cohort_change(new: Cohort, old: Cohort) -> Reason | None:
    changed = [k for k in _COHORT_FIELDS if getattr(new, k) != getattr(old, k)]
    if not changed:
        return None
    nl = ", ".join(_COHORT_FIELDS[k][0] for k in changed)
    en = ", ".join(_COHORT_FIELDS[k][1] for k in changed)
    return Reason(nl=f"run {new.run_id} gewijzigd: {nl}", en=f"run {new.run_id} changed: {en}")


def aangeboden_reason(
    desired: AangebodenOpleiding,
    last: AangebodenOpleiding | None,
    *,
    elsewhere: Mapping[str, str],
    previous_kind: str | None = None,
) -> Reason:
    """Why the stand of ``desired`` is sent. ``elsewhere`` maps cohort codes that move between
    offerings to the label of the other location (where they come from or go to)."""
    here = desired.location_label
    parts: list[Reason] = []
    if last is None:
        if previous_kind is not None and previous_kind != desired.kind:
            parts.append(
                Reason(
                    nl=f"opleidingstype gewijzigd van {_KIND_NL[previous_kind]} naar "
                    f"{_KIND_NL[desired.kind]}: nieuw aanbod in {here}",
                    en=f"programme type changed from {_KIND_EN[previous_kind]} to "
                    f"{_KIND_EN[desired.kind]}: new offering in {here}",
                )
            )
        else:
            parts.append(Reason(nl=f"nieuw aanbod in {here}", en=f"new offering in {here}"))
    old = {c.cohortcode: c for c in last.cohorten} if last is not None else {}
    new = {c.cohortcode: c for c in desired.cohorten}
    for code, cohort in new.items():
        if code in old:
            change = _cohort_change(cohort, old[code])
            if change is not None:
                parts.append(change)
        elif code in elsewhere:
            parts.append(
                Reason(
                    nl=f"run {cohort.run_id} verhuisd van {elsewhere[code]} naar {here}",
                    en=f"run {cohort.run_id} moved from {elsewhere[code]} to {here}",
                )
            )
        elif last is not None:
            parts.append(
                Reason(
                    nl=f"run {cohort.run_id} toegevoegd (start {cohort.instroommoment})",
                    en=f"run {cohort.run_id} added (starts {cohort.instroommoment})",
                )
            )
    for code, cohort in old.items():
        if code in new:
            continue
        if code in elsewhere:
            parts.append(
                Reason(
                    nl=f"run {cohort.run_id} verhuisd van {here} naar {elsewhere[code]}",
                    en=f"run {cohort.run_id} moved from {here} to {elsewhere[code]}",
                )
            )
        else:
            parts.append(
                Reason(
                    nl=f"run {cohort.run_id} vervalt (geannuleerd of uit EDU-DEX verdwenen "
                    "voor de start)",
                    en=f"run {cohort.run_id} removed (canceled or gone from EDU-DEX before "
                    "it started)",
                )
            )
    if last is not None:
        if desired.einddatum is not None and desired.einddatum != last.einddatum:
            parts.append(
                Reason(
                    nl=f"geen runs meer in {here}: aanbod sluit per {desired.einddatum}",
                    en=f"no runs left in {here}: offering closes on {desired.einddatum}",
                )
            )
        elif desired.einddatum is None and last.einddatum is not None:
            parts.append(Reason(nl=f"aanbod in {here} heropend", en=f"offering in {here} reopened"))
        if len(desired.perioden) > len(last.perioden):
            begin = desired.perioden[-1].begindatum
            parts.append(
                Reason(
                    nl=f"naam of omschrijving gewijzigd: nieuwe periode vanaf {begin}",
                    en=f"name or description changed: new period from {begin}",
                )
            )
        elif desired.perioden != last.perioden:
            parts.append(Reason(nl="periodegegevens gewijzigd", en="period details changed"))
        skip = {"cohorten", "perioden", "einddatum", "eerste_instroomdatum"}
        names = [f.name for f in fields(desired) if f.name not in skip]
        other = _changed(desired, last, names)
        if other:
            parts.append(
                Reason(nl=f"gewijzigd: {', '.join(other)}", en=f"changed: {', '.join(other)}")
            )
    return join(parts) if parts else Reason(nl="bijgewerkt", en="updated")
