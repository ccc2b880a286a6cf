"""The stand's records as JSON and back: how the store keeps exactly what was last sent.

Dates are ISO strings, amounts decimal strings, tuples lists; the decoding is the exact inverse
(``decode_*(encode(x)) == x``), so a stand read back from the store compares equal to the stand
that was sent, and an unchanged catalogue plans nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from edudex_rio.mapping.adres import Adres
from edudex_rio.mapping.keys import Kind
from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    AangebodenOpleidingPeriode,
    Cohort,
    Onderwijslocatie,
    Opleidingseenheid,
    OpleidingseenheidPeriode,
    Opleidingserkenning,
)

__all__ = [
    "decode_aangeboden",
    "decode_locatie",
    "decode_opleidingseenheid",
    "encode_aangeboden",
    "encode_locatie",
    "encode_opleidingseenheid",
]

Json = dict[str, Any]


def _d(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _req_date(value: Any) -> dt.date:
    return dt.date.fromisoformat(str(value))


def encode_locatie(loc: Onderwijslocatie) -> Json:
    return {
        "key": loc.key,
        "postcode": loc.adres.postcode,
        "huisnummer": loc.adres.huisnummer,
        "toevoeging": loc.adres.toevoeging,
        "label": loc.label,
        "code": loc.code,
    }


def decode_locatie(data: Json) -> Onderwijslocatie:
    return Onderwijslocatie(
        key=data["key"],
        adres=Adres(
            postcode=data["postcode"],
            huisnummer=int(data["huisnummer"]),
            toevoeging=data.get("toevoeging"),
        ),
        label=data["label"],
        code=data.get("code"),
    )


def _oe_periode(p: OpleidingseenheidPeriode) -> Json:
    return {
        "begindatum": _d(p.begindatum),
        "naam_lang": p.naam_lang,
        "internationale_naam": p.internationale_naam,
        "omschrijving": p.omschrijving,
        "studielast": p.studielast,
        "studielasteenheid": p.studielasteenheid,
    }


def encode_opleidingseenheid(oe: Opleidingseenheid) -> Json:
    return {
        "eigen_sleutel": oe.eigen_sleutel,
        "programma": oe.programma,
        "code": oe.code,
        "begindatum": _d(oe.begindatum),
        "einddatum": _d(oe.einddatum),
        "categorieen": list(oe.categorieen),
        "perioden": [_oe_periode(p) for p in oe.perioden],
        "waardedocumentsoort": oe.waardedocumentsoort,
        "niveau": oe.niveau,
        "eqf": oe.eqf,
        "nlqf": oe.nlqf,
    }


def decode_opleidingseenheid(data: Json) -> Opleidingseenheid:
    return Opleidingseenheid(
        eigen_sleutel=data["eigen_sleutel"],
        programma=data["programma"],
        code=data.get("code"),
        begindatum=_req_date(data["begindatum"]),
        einddatum=_date(data.get("einddatum")),
        categorieen=tuple(data.get("categorieen", ())),
        perioden=tuple(
            OpleidingseenheidPeriode(
                begindatum=_req_date(p["begindatum"]),
                naam_lang=p["naam_lang"],
                internationale_naam=p.get("internationale_naam"),
                omschrijving=p.get("omschrijving"),
                studielast=p.get("studielast"),
                studielasteenheid=p.get("studielasteenheid"),
            )
            for p in data["perioden"]
        ),
        waardedocumentsoort=data.get("waardedocumentsoort"),
        niveau=data.get("niveau", "ONBEPAALD"),
        eqf=data.get("eqf"),
        nlqf=data.get("nlqf"),
    )


def _cohort(c: Cohort) -> Json:
    return {
        "cohortcode": c.cohortcode,
        "run_id": c.run_id,
        "cohortstatus": c.cohortstatus,
        "opleidingsvorm": c.opleidingsvorm,
        "deelnemersplaatsen": c.deelnemersplaatsen,
        "begin_aanmeldperiode": _d(c.begin_aanmeldperiode),
        "instroommoment": _d(c.instroommoment),
        "einde_aanmeldperiode": _d(c.einde_aanmeldperiode),
        "toestemming_vereist": c.toestemming_vereist,
        "einddatum": _d(c.einddatum),
        "prijzen": [[soort, str(bedrag)] for soort, bedrag in c.prijzen],
    }


def _decode_cohort(c: Json) -> Cohort:
    return Cohort(
        cohortcode=c["cohortcode"],
        run_id=c["run_id"],
        cohortstatus=c["cohortstatus"],
        opleidingsvorm=c["opleidingsvorm"],
        deelnemersplaatsen=c.get("deelnemersplaatsen"),
        begin_aanmeldperiode=_req_date(c["begin_aanmeldperiode"]),
        instroommoment=_req_date(c["instroommoment"]),
        einde_aanmeldperiode=_date(c.get("einde_aanmeldperiode")),
        toestemming_vereist=c.get("toestemming_vereist", "NEE"),
        einddatum=_date(c.get("einddatum")),
        prijzen=tuple((str(s), Decimal(str(b))) for s, b in c.get("prijzen", ())),
    )


def encode_aangeboden(ao: AangebodenOpleiding) -> Json:
    erkenning = None
    if ao.erkenning is not None:
        erkenning = {
            "opleidingsstelsel": ao.erkenning.opleidingsstelsel,
            "opleidingscode": ao.erkenning.opleidingscode,
        }
    return {
        "code": ao.code,
        "kind": ao.kind,
        "programma": ao.programma,
        "onderwijsaanbiedercode": ao.onderwijsaanbiedercode,
        "oe_sleutel": ao.oe_sleutel,
        "opleidingseenheidcode": ao.opleidingseenheidcode,
        "erkenning": erkenning,
        "location_key": ao.location_key,
        "location_label": ao.location_label,
        "leertraject": ao.leertraject,
        "stap": ao.stap,
        "begindatum": _d(ao.begindatum),
        "eerste_instroomdatum": _d(ao.eerste_instroomdatum),
        "einddatum": _d(ao.einddatum),
        "afwijkende_opleidingsduur": (
            list(ao.afwijkende_opleidingsduur) if ao.afwijkende_opleidingsduur else None
        ),
        "voertaal": ao.voertaal,
        "perioden": [
            {
                "begindatum": _d(p.begindatum),
                "eigen_naam": p.eigen_naam,
                "eigen_naam_internationaal": p.eigen_naam_internationaal,
                "eigen_omschrijving": p.eigen_omschrijving,
                "website": p.website,
            }
            for p in ao.perioden
        ],
        "cohorten": [_cohort(c) for c in ao.cohorten],
    }


def decode_aangeboden(data: Json) -> AangebodenOpleiding:
    erkenning = data.get("erkenning")
    duur = data.get("afwijkende_opleidingsduur")
    return AangebodenOpleiding(
        code=data["code"],
        kind=cast(Kind, data["kind"]),
        programma=data["programma"],
        onderwijsaanbiedercode=data["onderwijsaanbiedercode"],
        oe_sleutel=data.get("oe_sleutel"),
        opleidingseenheidcode=data.get("opleidingseenheidcode"),
        erkenning=(
            Opleidingserkenning(
                opleidingsstelsel=erkenning["opleidingsstelsel"],
                opleidingscode=erkenning["opleidingscode"],
            )
            if erkenning
            else None
        ),
        location_key=data["location_key"],
        location_label=data["location_label"],
        leertraject=data.get("leertraject"),
        stap=bool(data.get("stap", False)),
        begindatum=_req_date(data["begindatum"]),
        eerste_instroomdatum=_date(data.get("eerste_instroomdatum")),
        einddatum=_date(data.get("einddatum")),
        afwijkende_opleidingsduur=(str(duur[0]), int(duur[1])) if duur else None,
        voertaal=data.get("voertaal"),
        perioden=tuple(
            AangebodenOpleidingPeriode(
                begindatum=_req_date(p["begindatum"]),
                eigen_naam=p.get("eigen_naam"),
                eigen_naam_internationaal=p.get("eigen_naam_internationaal"),
                eigen_omschrijving=p.get("eigen_omschrijving"),
                website=p.get("website"),
            )
            for p in data["perioden"]
        ),
        cohorten=tuple(_decode_cohort(c) for c in data.get("cohorten", ())),
    )
