"""RIO's rules for opleidingseenheden, deletions and relations (RIO-NOTES §5.2–5.3), pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from edudex_rio.sandbox import kenmerken
from edudex_rio.sandbox.model import Opleidingseenheid
from edudex_rio.sandbox.rules import Fout, World, fout, kenmerk_fouten, periode_fouten

__all__ = [
    "check_opleidingseenheid",
    "check_opleidingsrelatie",
    "check_verwijderen_aangeboden_opleiding",
    "check_verwijderen_opleidingseenheid",
    "eigenaar_voor",
]

_TEKST = {
    "A02011": "Een erkende opleidingseenheid mag niet worden gewijzigd",
    "P01010": "Einddatum moet na de begindatum liggen",
    "P01040": "Niveau is geen geldige waarde",
    "P01060": "Waardedocumentsoort is geen geldige waarde",
    "P01081": "Er bestaat al een opleidingseenheid met dezelfde eigenOpleidingseenheidSleutel",
    "P01410": "Aangeboden opleidingen vallen niet meer binnen de looptijd van de opleidingseenheid",
    "P01810": "Er zijn nog gegevens die naar deze opleidingseenheid verwijzen",
    "P02010": "Einddatum van de periode moet na de begindatum liggen",
    "P02020": "De periode valt niet binnen de looptijd van de opleidingseenheid",
    "P02030": "De specialisatie van de periode wijkt af van de opleidingseenheid",
    "P02040": "Studielasteenheid is geen geldige waarde",
    "P02070": "Perioden overlappen of sluiten niet op elkaar aan",
    "P02080": "Er moet een periode beginnen op de begindatum van de opleidingseenheid",
    "A01020": "De aangeboden opleiding komt niet voor in RIO",
}


def _fout(code: str, *keys: tuple[str, str]) -> Fout:
    return fout(code, *keys, tekst=_TEKST.get(code))


def eigenaar_voor(sender: str, besturen: Sequence[str], world: World) -> str | None:
    """The bestuur that owns a new opleidingseenheid: the first one ``sender`` may act for."""
    for bestuur in besturen:
        if world.geautoriseerd(sender, bestuur):
            return bestuur
    return None


def check_opleidingseenheid(
    oe: Opleidingseenheid, world: World, *, sender: str, eigenaar: str | None, today: date
) -> list[Fout]:
    """Rule violations of a delivered opleidingseenheid (create when ``oe.code`` is None)."""
    key = ("opleidingseenheidcode", oe.code or "-")
    if oe.code is not None:
        bestaand = world.opleidingseenheid(oe.code)
        if bestaand is None:
            return [_fout("A01070", key)]
        if bestaand.bestuur is not None and not world.geautoriseerd(sender, bestaand.bestuur):
            return [_fout("AUT401", key)]
        if bestaand.erkend:
            return [_fout("A02011", key)]
    elif eigenaar is None:
        return [_fout("AUT401", ("verzendendeInstantie", sender))]
    out = kenmerk_fouten(oe.kenmerken, element=oe.soort, today=today)
    for p in oe.perioden:
        out += kenmerk_fouten(p.kenmerken, element=p.soort, today=today)
    if oe.einddatum is not None and oe.einddatum <= oe.begindatum:
        out.append(_fout("P01010", key))
    if oe.niveau is not None and not kenmerken.in_codelist("Niveaucode", oe.niveau):
        out.append(_fout("P01040", ("niveau", oe.niveau)))
    soort_wd = oe.waardedocumentsoort
    if soort_wd is not None and not kenmerken.in_codelist("SoortWaardedocument", soort_wd):
        out.append(_fout("P01060", ("waardedocumentsoort", soort_wd)))
    sleutel = oe.eigen_sleutel
    if sleutel is not None:
        owner = world.oe_met_eigen_sleutel(sleutel)
        if owner is not None and owner != oe.code:
            out.append(_fout("P01081", ("eigenOpleidingseenheidSleutel", sleutel)))
    for eenheid in oe.studielasteenheden:
        if not kenmerken.in_codelist("StudielastEenheid", eenheid):
            out.append(_fout("P02040", ("studielasteenheid", eenheid)))
    out += [
        _fout(f.code, *f.sleutels)
        for f in periode_fouten(
            oe.perioden,
            soort=oe.soort,
            begindatum=oe.begindatum,
            einddatum=oe.einddatum,
            codes=("P02010", "P02020", "P02030", "P02070", "P02080"),
        )
    ]
    if oe.code is not None:
        for ao in world.aos_van_oe(oe.code):
            start = ao.eerste_instroomdatum or ao.begindatum
            ends_late = oe.einddatum is not None and (
                ao.einddatum is None or ao.einddatum > oe.einddatum
            )
            if start < oe.begindatum or ends_late:
                out.append(_fout("P01410", key, ("aangebodenOpleidingCode", ao.code)))
    return out


def check_verwijderen_opleidingseenheid(
    code: str, world: World, *, sender: str, relaties: int
) -> list[Fout]:
    key = ("opleidingseenheidcode", code)
    oe = world.opleidingseenheid(code)
    if oe is None:
        return [_fout("A01070", key)]
    if oe.bestuur is not None and not world.geautoriseerd(sender, oe.bestuur):
        return [_fout("AUT401", key)]
    if oe.erkend:
        return [_fout("A02011", key)]
    if world.aos_van_oe(code) or relaties:
        return [_fout("P01810", key)]
    return []


def check_verwijderen_aangeboden_opleiding(code: str, world: World, *, sender: str) -> list[Fout]:
    key = ("aangebodenOpleidingCode", code)
    ao = world.aangeboden_opleiding(code)
    if ao is None:
        return [_fout("A01020", key)]
    aanbieder = world.aanbieder(ao.aanbiedercode)
    if aanbieder is None or not world.geautoriseerd(sender, aanbieder.bestuur):
        return [_fout("AUT401", key)]
    return []


def check_opleidingsrelatie(codes: Sequence[str], world: World, *, sender: str) -> list[Fout]:
    out: list[Fout] = []
    for code in codes:
        oe = world.opleidingseenheid(code)
        if oe is None:
            out.append(_fout("A01070", ("opleidingseenheidcode", code)))
    if out:
        return out
    owned = [world.opleidingseenheid(c) for c in codes]
    if not any(
        o is not None and (o.bestuur is None or world.geautoriseerd(sender, o.bestuur))
        for o in owned
    ):
        return [_fout("AUT401", ("opleidingseenheidcode", codes[0]))]
    return []
