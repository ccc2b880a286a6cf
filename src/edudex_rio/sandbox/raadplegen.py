"""The Raadplegen (read) operations, answering from what is visible at the request's moment."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime

from lxml import etree
from sqlalchemy import select

from edudex_rio.sandbox.context import Context
from edudex_rio.sandbox.readform import ao_read, bedrijfsdocument, el, oe_read
from edudex_rio.sandbox.rules import Fout, fout
from edudex_rio.sandbox.seed import normalise_toevoeging
from edudex_rio.sandbox.store import Aanbieder, Bestuur, Locatie, Mutatie, RioObject, current
from edudex_rio.sandbox.xmlutil import RAADPLEGEN, child, children, local, text

__all__ = ["HANDLERS"]

R = RAADPLEGEN


def _answer(
    ctx: Context,
    fouten: Sequence[Fout] = (),
    *,
    after: Sequence[etree._Element] = (),
    before: Sequence[etree._Element] = (),
) -> etree._Element:
    return bedrijfsdocument(
        R,
        ctx.operation,
        ctx.request,
        duo_oin=ctx.duo_oin,
        goedgekeurd=not fouten,
        fouten=fouten,
        after=after,
        before=before,
    )


def _page(ctx: Context, items: Sequence[object]) -> tuple[int, int, list[int]]:
    pagina = int(text(ctx.request, "pagina") or "0")
    pages = max(1, math.ceil(len(items) / ctx.page_size))
    start = pagina * ctx.page_size
    return pagina, pages, list(range(start, min(start + ctx.page_size, len(items))))


def _paginering(pagina: int, pages: int, total: int) -> etree._Element:
    p = el(R, "paginering")
    p.append(el(R, "pagina", str(pagina)))
    p.append(el(R, "aantalPaginas", str(pages)))
    p.append(el(R, "aantalResultaten", str(total)))
    return p


def _oe(o: RioObject) -> etree._Element:
    return oe_read(o.payload, code=o.code, eigenaar=o.bestuur)


def _ao(o: RioObject) -> etree._Element:
    return ao_read(o.payload, opleidingseenheidcode=o.opleidingseenheid or "")


def opvragen_rioIdentificatiecode(ctx: Context) -> etree._Element:
    vraag = next(c for c in children(ctx.request) if local(c) not in _HEADER)
    naam, waarde = local(vraag), text(vraag) or ""
    found: etree._Element | None = None
    if naam == "eigenAangebodenOpleidingSleutel":
        code = ctx.world.ao_met_eigen_sleutel(waarde)
        found = el(R, "aangebodenOpleidingCode", code) if code else None
    elif naam == "eigenOpleidingseenheidSleutel":
        code = ctx.world.oe_met_eigen_sleutel(waarde)
        found = el(R, "opleidingseenheidcode", code) if code else None
    elif naam == "eigenOnderwijsaanbiederSleutel":
        row = ctx.session.scalars(
            select(Aanbieder).where(Aanbieder.eigen_sleutel == waarde)
        ).first()
        found = el(R, "onderwijsaanbiedercode", row.code) if row else None
    elif naam == "aanduidingAdres":
        loc = ctx.session.scalars(
            select(Locatie).where(
                Locatie.postcode == text(vraag, "postcode"),
                Locatie.huisnummer == int(text(vraag, "huisnummer") or "0"),
                Locatie.toevoeging
                == normalise_toevoeging(text(vraag, "huisnummertoevoeging") or ""),
                Locatie.visible_from <= ctx.now.replace(tzinfo=None),
            )
        ).first()
        found = el(R, "onderwijslocatiecode", loc.code) if loc else None
        waarde = " ".join(t for c in children(vraag) if (t := text(c)))
    if found is None:
        tekst = "De externe identificatie komt niet voor in RIO"
        return _answer(ctx, [fout("A01161", (naam, waarde), tekst=tekst)])
    return _answer(ctx, after=[found])


_HEADER = {
    "identificatiecodeBedrijfsdocument",
    "verzendendeInstantie",
    "ontvangendeInstantie",
    "datumTijdBedrijfsdocument",
}


def opvragen_opleidingseenheid(ctx: Context) -> etree._Element:
    code = text(ctx.request, "opleidingseenheidcode") or ""
    found = current(ctx.session, "oe", ctx.now, code=code)
    if not found:
        return _answer(ctx, [fout("A01070", ("opleidingseenheidcode", code))])
    return _answer(ctx, after=[_oe(found[0])])


def opvragen_aangebodenOpleiding(ctx: Context) -> etree._Element:
    code = (text(ctx.request, "aangebodenOpleidingCode") or "").lower()
    found = current(ctx.session, "ao", ctx.now, code=code)
    if not found:
        tekst = "De aangeboden opleiding komt niet voor in RIO"
        return _answer(ctx, [fout("A01020", ("aangebodenOpleidingCode", code), tekst=tekst)])
    return _answer(ctx, after=[_ao(found[0])])


def opvragen_opleidingseenhedenVanOrganisatie(ctx: Context) -> etree._Element:
    bestuur = text(ctx.request, "onderwijsbestuurcode") or ""
    items = current(ctx.session, "oe", ctx.now, bestuur=bestuur)
    pagina, pages, idx = _page(ctx, items)
    return _answer(
        ctx, after=[*(_oe(items[i]) for i in idx), _paginering(pagina, pages, len(items))]
    )


def _active(o: RioObject, peildatum: date | None) -> bool:
    if peildatum is None:
        return True
    begin = o.begindatum or date.min
    return begin <= peildatum and (o.einddatum is None or peildatum < o.einddatum)


def opvragen_aangebodenOpleidingenVanOrganisatie(ctx: Context) -> etree._Element:
    aanbieder = text(ctx.request, "onderwijsaanbiedercode")
    locatie = text(ctx.request, "onderwijslocatiecode")
    peil = text(ctx.request, "peildatum")
    peildatum = date.fromisoformat(peil) if peil else None
    items = [
        o
        for o in (current(ctx.session, "ao", ctx.now, aanbieder=aanbieder) if aanbieder else [])
        if _active(o, peildatum) and (locatie is None or f">{locatie}<" in o.payload)
    ]
    pagina, pages, idx = _page(ctx, items)
    before = [el(R, "peildatum", peil)] if peil else []
    answer = _answer(
        ctx, after=[*(_ao(items[i]) for i in idx), _paginering(pagina, pages, len(items))]
    )
    if before:
        child(answer, "requestGoedgekeurd").addnext(before[0])  # type: ignore[union-attr]
    return answer


def opvragen_gewijzigdeAangebodenOpleidingen(ctx: Context) -> etree._Element:
    since = datetime.fromisoformat(
        (text(ctx.request, "peildatumtijdMutaties") or "").replace("Z", "+00:00")
    )
    aanbieder = text(ctx.request, "onderwijsaanbiederCode") or ""
    rows = ctx.session.scalars(
        select(Mutatie)
        .where(
            Mutatie.aanbieder == aanbieder,
            Mutatie.at >= since.astimezone(ctx.now.tzinfo).replace(tzinfo=None),
            Mutatie.at <= ctx.now.replace(tzinfo=None),
        )
        .order_by(Mutatie.id)
    )
    latest: dict[str, str] = {}
    for m in rows:
        latest.pop(m.code, None)
        latest[m.code] = m.soort
    items = list(latest.items())
    pagina, pages, idx = _page(ctx, items)
    result = []
    for i in idx:
        g = el(R, "gewijzigde_AangebodenOpleiding")
        g.append(el(R, "aangebodenOpleidingCode", items[i][0]))
        g.append(el(R, "soortWijziging", items[i][1]))
        result.append(g)
    return _answer(ctx, before=[_paginering(pagina, pages, len(items))], after=result)


def opvragen_onderwijsaanbieder(ctx: Context) -> etree._Element:
    code = text(ctx.request, "onderwijsaanbiedercode") or ""
    row = ctx.session.get(Aanbieder, code)
    if row is None:
        tekst = "De onderwijsaanbieder komt niet voor in RIO"
        return _answer(ctx, [fout("N09440", ("onderwijsaanbiedercode", code), tekst=tekst)])
    bestuur = ctx.session.get(Bestuur, row.bestuur)
    a = el(R, "onderwijsaanbieder")
    a.append(el(R, "onderwijsaanbiedercode", row.code))
    a.append(el(R, "inBedrijfdatum", row.in_bedrijf.isoformat()))
    if row.uit_bedrijf:
        a.append(el(R, "uitBedrijfdatum", row.uit_bedrijf.isoformat()))
    periode = el(R, "onderwijsaanbiederPeriode")
    periode.append(el(R, "begindatum", row.in_bedrijf.isoformat()))
    periode.append(el(R, "naam", row.naam[:80] or row.code))
    a.append(periode)
    relatie = el(R, "juridischeRelatie")
    relatie.append(el(R, "instellingserkenningscode", _erkenningscode(row)))
    relatie.append(el(R, "erkenner", "HANDELSREGISTER"))
    relatie.append(el(R, "begindatum", row.in_bedrijf.isoformat()))
    a.append(relatie)
    if row.eigen_sleutel:
        k = el(R, "kenmerken")
        k.append(el(R, "kenmerknaam", "eigenOnderwijsaanbiederSleutel"))
        k.append(el(R, "kenmerkwaardeTekst", row.eigen_sleutel))
        a.append(k)
    bb = el(R, "bijbehorendOnderwijsbestuur")
    bb.append(el(R, "onderwijsbestuurcode", row.bestuur))
    bb.append(el(R, "organisatierelatieBegindatum", row.in_bedrijf.isoformat()))
    bp = el(R, "onderwijsbestuurPeriode")
    bp.append(el(R, "begindatum", (bestuur.in_bedrijf if bestuur else row.in_bedrijf).isoformat()))
    bp.append(el(R, "naam", (bestuur.naam if bestuur else row.bestuur)[:80]))
    bb.append(bp)
    a.append(bb)
    return _answer(ctx, after=[a])


def _erkenningscode(row: Aanbieder) -> str:
    return f"KVK{row.kvk}" if row.kvk else row.code


def opvragen_onderwijslocatie(ctx: Context) -> etree._Element:
    code = (
        text(ctx.request, "onderwijslocatieCode") or text(ctx.request, "onderwijslocatiecode") or ""
    )
    loc = ctx.session.get(Locatie, code)
    if loc is None or loc.visible_from > ctx.now.replace(tzinfo=None):
        tekst = "De onderwijslocatie komt niet voor in RIO"
        return _answer(ctx, [fout("A01060", ("onderwijslocatiecode", code), tekst=tekst)])
    out = el(R, "onderwijslocatie")
    out.append(el(R, "onderwijslocatiecode", loc.code))
    if loc.postcode:
        out.append(el(R, "postcode", loc.postcode))
        out.append(el(R, "huisnummer", str(loc.huisnummer)))
        if loc.toevoeging:
            out.append(el(R, "huisnummertoevoeging", loc.toevoeging))
    if loc.bag_id:
        out.append(el(R, "bagID", loc.bag_id))
    if loc.plaatsnaam:
        out.append(el(R, "plaatsnaam", loc.plaatsnaam.upper()[:40]))
    return _answer(ctx, after=[out])


def _type(soort: str) -> str:
    return soort.upper()


def opvragen_opleidingsrelatiesBijOpleidingseenheid(ctx: Context) -> etree._Element:
    code = text(ctx.request, "opleidingseenheidcode") or ""
    found = current(ctx.session, "oe", ctx.now, code=code)
    if not found:
        return _answer(ctx, [fout("A01070", ("opleidingseenheidcode", code))])
    oe = found[0]
    out = el(R, "samenhangOpleidingseenheid")
    out.append(el(R, "opleidingseenheidcode", code))
    out.append(el(R, "opleidingseenheidtype", _type(oe.soort)))
    if oe.eigen_sleutel:
        out.append(el(R, "eigenOpleidingseenheidSleutel", oe.eigen_sleutel))
    for r in current(ctx.session, "relatie", ctx.now):
        if code not in (r.opleidingseenheid, r.eigen_sleutel):
            continue
        other_code = r.eigen_sleutel if r.opleidingseenheid == code else r.opleidingseenheid
        other = current(ctx.session, "oe", ctx.now, code=other_code or "")
        g = el(R, "gerelateerdeOpleidingseenheid")
        g.append(el(R, "opleidingseenheidcode", other_code))
        if other and other[0].eigen_sleutel:
            g.append(el(R, "eigenOpleidingseenheidSleutel", other[0].eigen_sleutel))
        g.append(el(R, "opleidingseenheidtype", _type(other[0].soort) if other else "HOOPLEIDING"))
        g.append(el(R, "opleidingsrelatiesoort", "VARIANT_VAN"))
        g.append(el(R, "opleidingsrelatieBegindatum", (r.begindatum or date.min).isoformat()))
        if r.einddatum:
            g.append(el(R, "opleidingsrelatieEinddatum", r.einddatum.isoformat()))
        out.append(g)
    return _answer(ctx, after=[out])


HANDLERS: dict[str, Callable[[Context], etree._Element]] = {
    "opvragen_rioIdentificatiecode": opvragen_rioIdentificatiecode,
    "opvragen_opleidingseenheid": opvragen_opleidingseenheid,
    "opvragen_aangebodenOpleiding": opvragen_aangebodenOpleiding,
    "opvragen_opleidingseenhedenVanOrganisatie": opvragen_opleidingseenhedenVanOrganisatie,
    "opvragen_aangebodenOpleidingenVanOrganisatie": opvragen_aangebodenOpleidingenVanOrganisatie,
    "opvragen_gewijzigdeAangebodenOpleidingen": opvragen_gewijzigdeAangebodenOpleidingen,
    "opvragen_onderwijsaanbieder": opvragen_onderwijsaanbieder,
    "opvragen_onderwijslocatie": opvragen_onderwijslocatie,
    "opvragen_opleidingsrelatiesBijOpleidingseenheid": (
        opvragen_opleidingsrelatiesBijOpleidingseenheid
    ),
}
