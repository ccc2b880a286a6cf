"""The stand rendered into the wire layer's types (:mod:`edudex_rio.rio.model`, write form).

The stand refers to an offering's opleidingseenheid by our own key and to its location by
location key; here those references become the codes RIO gave (O-code, onderwijslocatiecode),
taken from the stand the executor keeps up to date. A reference RIO has not resolved yet raises
:class:`UnresolvedCode`: the plan's ``Await`` operations exist so that this does not happen.
"""

from __future__ import annotations

from edudex_rio.errors import TransientError
from edudex_rio.mapping.keys import ONLINE
from edudex_rio.mapping.stand import (
    AangebodenOpleiding,
    Cohort,
    Onderwijslocatie,
    Opleidingseenheid,
    RioStand,
)
from edudex_rio.rio import model

__all__ = [
    "UnresolvedCode",
    "render_aangeboden",
    "render_adres",
    "render_cohort",
    "render_opleidingseenheid",
]


class UnresolvedCode(TransientError):
    """A code RIO assigns (O-code, onderwijslocatiecode) is not known yet; try again later."""


def render_opleidingseenheid(oe: Opleidingseenheid) -> model.ParticuliereOpleiding:
    """The ``particuliereOpleiding`` to send (without code when it is to be created)."""
    return model.ParticuliereOpleiding(
        opleidingseenheidcode=oe.code,
        begindatum=oe.begindatum,
        einddatum=oe.einddatum,
        eigen_opleidingseenheid_sleutel=oe.eigen_sleutel,
        categorieen=oe.categorieen,
        perioden=tuple(
            model.ParticuliereOpleidingPeriode(
                begindatum=p.begindatum,
                naam_lang=p.naam_lang,
                internationale_naam=p.internationale_naam,
                omschrijving=p.omschrijving,
                studielast=p.studielast,
                studielasteenheid=p.studielasteenheid,
            )
            for p in oe.perioden
        ),
        waardedocumentsoort=oe.waardedocumentsoort,
        niveau=oe.niveau,
        eqf=oe.eqf,
        nlqf=oe.nlqf,
    )


def render_cohort(cohort: Cohort) -> model.AangebodenOpleidingCohort:
    return model.AangebodenOpleidingCohort(
        cohortcode=cohort.cohortcode,
        cohortstatus=cohort.cohortstatus,
        opleidingsvorm=cohort.opleidingsvorm,
        deelnemersplaatsen=cohort.deelnemersplaatsen,
        begin_aanmeldperiode=cohort.begin_aanmeldperiode,
        instroom=model.VastInstroommoment(instroommoment=cohort.instroommoment),
        einde_aanmeldperiode=cohort.einde_aanmeldperiode,
        toestemming_vereist_voor_aanmelding=cohort.toestemming_vereist,
        einddatum=cohort.einddatum,
        prijzen=tuple(model.Prijs(soort=s, bedrag=b) for s, b in cohort.prijzen),
    )


def _opleidingseenheid_sleutel(ao: AangebodenOpleiding, stand: RioStand) -> str | None:
    if ao.opleidingseenheidcode is not None:
        return ao.opleidingseenheidcode
    if ao.oe_sleutel is None:
        return None
    oe = stand.opleidingseenheden.get(ao.oe_sleutel)
    if oe is None or oe.code is None:
        raise UnresolvedCode(
            f"opleidingseenheid {ao.oe_sleutel} of offering {ao.code} has no O-code yet"
        )
    return oe.code


def _locatiecode(ao: AangebodenOpleiding, stand: RioStand) -> str | None:
    if ao.location_key == ONLINE:
        return None
    locatie = stand.locaties.get(ao.location_key)
    if locatie is None or locatie.code is None:
        raise UnresolvedCode(f"location {ao.location_key} of offering {ao.code} has no code yet")
    return locatie.code


def render_aangeboden(
    ao: AangebodenOpleiding, stand: RioStand
) -> model.AangebodenParticuliereOpleiding:
    """The offering's full stand to send; codes RIO assigned are looked up in ``stand``."""
    erkenning = None
    if ao.erkenning is not None:
        erkenning = model.OpleidingserkenningSleutel(
            opleidingsstelsel=ao.erkenning.opleidingsstelsel,
            opleidingscode=ao.erkenning.opleidingscode,
        )
    duur = None
    if ao.afwijkende_opleidingsduur is not None:
        eenheid, omvang = ao.afwijkende_opleidingsduur
        duur = model.AfwijkendeOpleidingsduur(eenheid=eenheid, omvang=omvang)
    return model.AangebodenParticuliereOpleiding(
        aangeboden_opleiding_code=ao.code,
        onderwijsaanbiedercode=ao.onderwijsaanbiedercode,
        onderwijslocatiecode=_locatiecode(ao, stand),
        begindatum=ao.begindatum,
        eerste_instroomdatum=ao.eerste_instroomdatum,
        einddatum=ao.einddatum,
        opleidingseenheid_sleutel=_opleidingseenheid_sleutel(ao, stand),
        opleidingserkenning_sleutel=erkenning,
        perioden=tuple(
            model.AangebodenOpleidingPeriode(
                begindatum=p.begindatum,
                eigen_naam_aangeboden_opleiding=p.eigen_naam,
                eigen_naam_internationaal=p.eigen_naam_internationaal,
                eigen_omschrijving=p.eigen_omschrijving,
                website=p.website,
            )
            for p in ao.perioden
        ),
        cohorten=tuple(render_cohort(c) for c in ao.cohorten),
        afwijkende_opleidingsduur=duur,
        eigen_aangeboden_opleiding_sleutel=ao.code,
        laatste_instroomdatum=ao.laatste_instroomdatum,
        voertaal=ao.voertaal,
    )


def render_adres(locatie: Onderwijslocatie) -> model.AanduidingAdres:
    """The ``aanduidingAdres`` to look a location up by, or to register its use with."""
    return model.AanduidingAdres(
        postcode=locatie.adres.postcode,
        huisnummer=locatie.adres.huisnummer,
        huisnummertoevoeging=locatie.adres.toevoeging,
    )
