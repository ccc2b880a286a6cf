"""The Beheren (write) operations: check, then store a new version visible after the delay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from lxml import etree
from sqlalchemy import select

from edudex_rio.sandbox import model, rules, rules_oe, seed
from edudex_rio.sandbox.context import Context, issue_code
from edudex_rio.sandbox.readform import bedrijfsdocument, el
from edudex_rio.sandbox.rules import Fout, fout
from edudex_rio.sandbox.store import (
    Aanbieder,
    BagAdres,
    Bestuur,
    Locatie,
    Mutatie,
    RioObject,
    current,
)
from edudex_rio.sandbox.xmlutil import BEHEREN, child, children, local, text

__all__ = ["HANDLERS"]

_HEADER = {
    "identificatiecodeBedrijfsdocument",
    "verzendendeInstantie",
    "ontvangendeInstantie",
    "datumTijdBedrijfsdocument",
}


def _object(request: etree._Element) -> etree._Element:
    return next(c for c in children(request) if local(c) not in _HEADER)


def _payload(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


def _answer(
    ctx: Context,
    fouten: list[Fout],
    *,
    code_first: list[etree._Element] | None = None,
    after: list[etree._Element] | None = None,
) -> etree._Element:
    return bedrijfsdocument(
        BEHEREN,
        ctx.operation,
        ctx.request,
        duo_oin=ctx.duo_oin,
        goedgekeurd=not fouten,
        fouten=fouten,
        code_first=code_first or [],
        after=after or [],
    )


def _store(ctx: Context, **values: object) -> None:
    ctx.session.add(RioObject(visible_from=ctx.visible_from.replace(tzinfo=None), **values))
    ctx.session.flush()


def aanleveren_opleidingseenheid(ctx: Context) -> etree._Element:
    element = _object(ctx.request)
    oe = model.parse_opleidingseenheid(element)
    bestaand = ctx.world.opleidingseenheid(oe.code) if oe.code else None
    eigenaar = (
        bestaand.bestuur
        if bestaand is not None
        else rules_oe.eigenaar_voor(ctx.sender, ctx.world.besturen_van(ctx.sender), ctx.world)
    )
    fouten = rules_oe.check_opleidingseenheid(
        oe, ctx.world, sender=ctx.sender, eigenaar=eigenaar, today=ctx.now.date()
    )
    if fouten:
        return _answer(ctx, fouten)
    code = oe.code or issue_code(ctx.session, "oe")
    code_el = child(element, "opleidingseenheidcode")
    if code_el is not None:
        element.remove(code_el)
    _store(
        ctx,
        kind="oe",
        code=code,
        soort=oe.soort,
        bestuur=eigenaar,
        eigen_sleutel=oe.eigen_sleutel,
        begindatum=oe.begindatum,
        einddatum=oe.einddatum,
        payload=_payload(element),
    )
    return _answer(ctx, [], code_first=[el(BEHEREN, "opleidingseenheidcode", code)])


def aanleveren_aangebodenOpleiding(ctx: Context) -> etree._Element:
    element = _object(ctx.request)
    ao = model.parse_aangeboden_opleiding(element)
    fouten = rules.check_aangeboden_opleiding(
        ao, ctx.world, sender=ctx.sender, today=ctx.now.date()
    )
    if fouten:
        return _answer(ctx, fouten)
    oe_code = ao.opleidingseenheidcode
    if oe_code is None and ao.erkenning is not None:
        erkenning = ctx.world.erkenning(*ao.erkenning)
        oe_code = erkenning.opleidingseenheidcode if erkenning else None
    bestond = ctx.session.scalar(
        select(RioObject.id).where(RioObject.kind == "ao", RioObject.code == ao.code).limit(1)
    )
    _store(
        ctx,
        kind="ao",
        code=ao.code,
        soort=ao.soort,
        aanbieder=ao.aanbiedercode,
        opleidingseenheid=oe_code,
        eigen_sleutel=ao.eigen_sleutel,
        begindatum=ao.begindatum,
        eerste_instroomdatum=ao.eerste_instroomdatum,
        einddatum=ao.einddatum,
        payload=_payload(element),
    )
    soort = "WIJZIGING" if bestond else "TOEVOEGING"
    _mutatie(ctx, ao.aanbiedercode, ao.code, soort)
    return _answer(ctx, [])


def _mutatie(ctx: Context, aanbieder: str, code: str, soort: str) -> None:
    ctx.session.add(
        Mutatie(
            aanbieder=aanbieder, code=code, soort=soort, at=ctx.visible_from.replace(tzinfo=None)
        )
    )


def verwijderen_aangebodenOpleiding(ctx: Context) -> etree._Element:
    code = (text(ctx.request, "aangebodenOpleidingCode") or "").lower()
    fouten = rules_oe.check_verwijderen_aangeboden_opleiding(code, ctx.world, sender=ctx.sender)
    if fouten:
        return _answer(ctx, fouten)
    ao = ctx.world.aangeboden_opleiding(code)
    aanbieder = ao.aanbiedercode if ao else ""
    _store(ctx, kind="ao", code=code, deleted=True, aanbieder=aanbieder)
    _mutatie(ctx, aanbieder, code, "VERWIJDERING")
    return _answer(ctx, [])


def _relaties(ctx: Context, code: str) -> list[RioObject]:
    return [
        r
        for r in current(ctx.session, "relatie", ctx.now)
        if code in (r.opleidingseenheid, r.eigen_sleutel)
    ]


def verwijderen_opleidingseenheid(ctx: Context) -> etree._Element:
    code = text(ctx.request, "opleidingseenheidcode") or ""
    fouten = rules_oe.check_verwijderen_opleidingseenheid(
        code, ctx.world, sender=ctx.sender, relaties=len(_relaties(ctx, code))
    )
    if not fouten:
        _store(ctx, kind="oe", code=code, deleted=True)
    return _answer(ctx, fouten)


def aanleveren_opleidingsrelatie(ctx: Context) -> etree._Element:
    relatie = _object(ctx.request)
    codes = [text(c) or "" for c in children(relatie, "opleidingseenheidcode")]
    fouten = rules_oe.check_opleidingsrelatie(codes, ctx.world, sender=ctx.sender)
    if not fouten:
        begin = date.fromisoformat(text(relatie, "begindatum") or "")
        einde = text(relatie, "einddatum")
        _store(
            ctx,
            kind="relatie",
            code=f"{codes[0]}|{codes[1]}|{begin.isoformat()}",
            opleidingseenheid=codes[0],
            eigen_sleutel=codes[1],
            begindatum=begin,
            einddatum=date.fromisoformat(einde) if einde else None,
        )
    return _answer(ctx, fouten)


def verwijderen_opleidingsrelatie(ctx: Context) -> etree._Element:
    codes = [text(c) or "" for c in children(ctx.request, "opleidingseenheidcode")]
    begin = text(ctx.request, "begindatum") or ""
    fouten = rules_oe.check_opleidingsrelatie(codes, ctx.world, sender=ctx.sender)
    if not fouten:
        for a, b in ((codes[0], codes[1]), (codes[1], codes[0])):
            key = f"{a}|{b}|{begin}"
            if current(ctx.session, "relatie", ctx.now, code=key):
                _store(ctx, kind="relatie", code=key, deleted=True)
    return _answer(ctx, fouten)


def aanleveren_onderwijslocatiegebruik(ctx: Context) -> etree._Element:
    gebruik = _object(ctx.request)
    bestuur = text(gebruik, "onderwijsbestuurcode") or ""
    begin = date.fromisoformat(text(gebruik, "inBedrijfdatum") or "")
    einde_text = text(gebruik, "uitBedrijfdatum")
    einde = date.fromisoformat(einde_text) if einde_text else None
    key = ("onderwijsbestuurcode", bestuur)
    if ctx.session.get(Bestuur, bestuur) is None:
        return _answer(
            ctx, [fout("A01040", key, tekst="Het onderwijsbestuur komt niet voor in RIO")]
        )
    if not ctx.world.geautoriseerd(ctx.sender, bestuur):
        return _answer(ctx, [fout("AUT401", key)])
    fouten: list[Fout] = []
    if einde is not None and einde <= begin:
        fouten.append(
            fout("N01010", key, tekst="Uit-bedrijfdatum moet na de in-bedrijfdatum liggen")
        )
    locatiecode, more = _locatie(ctx, gebruik)
    fouten += more
    if fouten or locatiecode is None:
        return _answer(ctx, fouten)
    _store(
        ctx,
        kind="olg",
        code=f"{bestuur}|{locatiecode}",
        bestuur=bestuur,
        begindatum=begin,
        einddatum=einde,
        payload=_payload(gebruik),
    )
    return _answer(ctx, [], after=[el(BEHEREN, "onderwijslocatiecode", locatiecode)])


def _locatie(ctx: Context, gebruik: etree._Element) -> tuple[str | None, list[Fout]]:
    """Resolve or register the location of a gebruik (BAG check for addresses)."""
    s = ctx.session
    bestaand = text(gebruik, "onderwijslocatieCode")
    if bestaand is not None:
        if not ctx.world.locatie_bestaat(bestaand):
            return None, [fout("A01060", ("onderwijslocatiecode", bestaand))]
        return bestaand, []
    visible = ctx.visible_from.replace(tzinfo=None)
    adres = child(gebruik, "aanduidingAdres")
    if adres is not None:
        postcode = text(adres, "postcode") or ""
        nummer = int(text(adres, "huisnummer") or "0")
        toevoeging = seed.normalise_toevoeging(text(adres, "huisnummertoevoeging") or "")
        bag = s.get(BagAdres, (postcode, nummer, toevoeging))
        if bag is None:
            adres_key = ("adres", f"{postcode} {nummer}{toevoeging}")
            return None, [fout("A01010", adres_key, tekst="Het adres komt niet voor in de BAG")]
        found = s.scalars(
            select(Locatie).where(
                Locatie.postcode == postcode,
                Locatie.huisnummer == nummer,
                Locatie.toevoeging == toevoeging,
            )
        ).first()
        if found is not None:
            return found.code, []
        code = issue_code(s, "locatie")
        s.add(
            Locatie(
                code=code,
                postcode=postcode,
                huisnummer=nummer,
                toevoeging=toevoeging,
                plaatsnaam=bag.plaatsnaam,
                bag_id=bag.bag_id,
                visible_from=visible,
            )
        )
        return code, []
    plaats = (
        text(gebruik, "plaatsnaam")
        if child(gebruik, "aanduidingPlaats") is None
        else text(child(gebruik, "aanduidingPlaats"), "plaatsnaam")
    )
    code = issue_code(s, "locatie")
    s.add(Locatie(code=code, plaatsnaam=plaats, visible_from=visible))
    return code, []


def verwijderen_onderwijslocatiegebruik(ctx: Context) -> etree._Element:
    bestuur = text(ctx.request, "onderwijsbestuurcode") or ""
    locatie = text(ctx.request, "onderwijslocatiecode") or ""
    key = f"{bestuur}|{locatie}"
    if not current(ctx.session, "olg", ctx.now, code=key):
        tekst = "Het onderwijslocatiegebruik komt niet voor in RIO"
        return _answer(ctx, [fout("A01130", ("onderwijslocatiecode", locatie), tekst=tekst)])
    if not ctx.world.geautoriseerd(ctx.sender, bestuur):
        return _answer(ctx, [fout("AUT401", ("onderwijsbestuurcode", bestuur))])
    _store(ctx, kind="olg", code=key, deleted=True, bestuur=bestuur)
    return _answer(ctx, [])


def aanleveren_onderwijsaanbieder(ctx: Context) -> etree._Element:
    bestuur = text(ctx.request, "onderwijsbestuurcode") or ""
    if not ctx.world.geautoriseerd(ctx.sender, bestuur):
        return _answer(ctx, [fout("AUT401", ("onderwijsbestuurcode", bestuur))])
    wanted = {"nieuweOnderwijsaanbieder", "onderwijsaanbieder"}
    data = next(c for c in children(ctx.request) if local(c) in wanted)
    code = text(data, "onderwijsaanbiedercode")
    row = ctx.session.get(Aanbieder, code) if code else None
    if code and row is None:
        tekst = "De onderwijsaanbieder komt niet voor in RIO"
        return _answer(ctx, [fout("N09440", ("onderwijsaanbiedercode", code), tekst=tekst)])
    periode = child(data, "onderwijsaanbiederPeriode")
    naam = text(periode, "naam") or ""
    begin = date.fromisoformat(text(data, "inBedrijfdatum") or "")
    einde_text = text(data, "uitBedrijfdatum")
    if row is None:
        code = issue_code(ctx.session, "aanbieder")
        row = Aanbieder(code=code, bestuur=bestuur, naam=naam, in_bedrijf=begin)
        ctx.session.add(row)
    row.naam, row.in_bedrijf = naam, begin
    row.uit_bedrijf = date.fromisoformat(einde_text) if einde_text else None
    return _answer(ctx, [], after=[el(BEHEREN, "onderwijsaanbiedercode", row.code)])


def verwijderen_onderwijsaanbieder(ctx: Context) -> etree._Element:
    code = text(ctx.request, "onderwijsaanbiedercode") or ""
    row = ctx.session.get(Aanbieder, code)
    key = ("onderwijsaanbiedercode", code)
    if row is None:
        return _answer(
            ctx, [fout("N09440", key, tekst="De onderwijsaanbieder komt niet voor in RIO")]
        )
    if not ctx.world.geautoriseerd(ctx.sender, row.bestuur):
        return _answer(ctx, [fout("AUT401", key)])
    if current(ctx.session, "ao", ctx.now, aanbieder=code):
        tekst = "Er zijn nog aangeboden opleidingen van deze onderwijsaanbieder"
        return _answer(ctx, [fout("N04810", key, tekst=tekst)])
    ctx.session.delete(row)
    return _answer(ctx, [])


HANDLERS: dict[str, Callable[[Context], etree._Element]] = {
    "aanleveren_opleidingseenheid": aanleveren_opleidingseenheid,
    "verwijderen_opleidingseenheid": verwijderen_opleidingseenheid,
    "aanleveren_aangebodenOpleiding": aanleveren_aangebodenOpleiding,
    "verwijderen_aangebodenOpleiding": verwijderen_aangebodenOpleiding,
    "aanleveren_opleidingsrelatie": aanleveren_opleidingsrelatie,
    "verwijderen_opleidingsrelatie": verwijderen_opleidingsrelatie,
    "aanleveren_onderwijslocatiegebruik": aanleveren_onderwijslocatiegebruik,
    "verwijderen_onderwijslocatiegebruik": verwijderen_onderwijslocatiegebruik,
    "aanleveren_onderwijsaanbieder": aanleveren_onderwijsaanbieder,
    "verwijderen_onderwijsaanbieder": verwijderen_onderwijsaanbieder,
}
