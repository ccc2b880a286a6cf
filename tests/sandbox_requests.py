"""Valid RIO requests (payload XML) and the seed they fit, for the sandbox tests."""

from __future__ import annotations

from edudex_rio.sandbox.seed import Seed
from tests.sandbox_kit import AANBIEDER, BESTUUR, LOCATIE, OE, base_seed

AO_CODE = "7c0d9b3e-0000-4000-8000-000000000001"
#: An offering RIO already holds (of OE, eigen sleutel "bezette-sleutel").
BESTAANDE_AO = "7c0d9b3e-0000-4000-8000-0000000000aa"
OE_LATER = "1234O0002"  # begins 2026-06-01
OE_ANDER = "1234O0003"  # another programme of the same bestuur
AANBIEDER_LATER = "123A457"  # in bedrijf from 2026-06-01
VREEMDE_OIN = "00000003999999990000"


def rules_seed() -> Seed:
    return base_seed(
        aanbieders=[
            {"code": AANBIEDER, "bestuur": BESTUUR, "naam": "Opleider", "in_bedrijf": "2000-01-01"},
            {"code": AANBIEDER_LATER, "bestuur": BESTUUR, "in_bedrijf": "2026-06-01"},
        ],
        opleidingseenheden=[
            {
                "code": OE,
                "bestuur": BESTUUR,
                "naam": "Bestaande opleiding",
                "begindatum": "2010-01-01",
                "eigen_sleutel": "bestaande-sleutel",
            },
            {"code": OE_LATER, "bestuur": BESTUUR, "begindatum": "2026-06-01"},
            {"code": OE_ANDER, "bestuur": BESTUUR, "begindatum": "2010-01-01"},
        ],
        bag=[{"postcode": "6811AA", "huisnummer": 7, "toevoeging": "D", "plaatsnaam": "Arnhem"}],
        aangeboden_opleidingen=[
            {
                "code": BESTAANDE_AO,
                "aanbieder": AANBIEDER,
                "opleidingseenheidcode": OE,
                "begindatum": "2020-01-01",
                "eigen_sleutel": "bezette-sleutel",
            }
        ],
    )


def kenmerk(naam: str, waarde: str, soort: str = "Tekst") -> str:
    return (
        f"<duo:kenmerken><duo:kenmerknaam>{naam}</duo:kenmerknaam>"
        f"<duo:kenmerkwaarde{soort}>{waarde}</duo:kenmerkwaarde{soort}></duo:kenmerken>"
    )


VORM = kenmerk("opleidingsvorm", "KLASSIKAAL", "Enumeratiewaarde")
COHORT = (
    "<duo:aangebodenParticuliereOpleidingCohort><duo:cohortcode>C1</duo:cohortcode>"
    f"<duo:cohortstatus>O</duo:cohortstatus>{VORM}"
    "<duo:beginAanmeldperiode>2026-01-01</duo:beginAanmeldperiode>"
    "<duo:vastInstroommoment><duo:instroommoment>2026-09-01</duo:instroommoment>"
    "</duo:vastInstroommoment><duo:eindeAanmeldperiode>2026-08-15</duo:eindeAanmeldperiode>"
    "<duo:toestemmingVereistVoorAanmelding>NEE</duo:toestemmingVereistVoorAanmelding>"
    "<duo:einddatum>2027-06-30</duo:einddatum>"
    "<duo:prijs><duo:soort>TOTALE_VERPLICHTE_KOSTEN</duo:soort><duo:bedrag>1950.0</duo:bedrag>"
    "</duo:prijs></duo:aangebodenParticuliereOpleidingCohort>"
)
FLEX_COHORT = COHORT.replace(
    "<duo:vastInstroommoment><duo:instroommoment>2026-09-01</duo:instroommoment>"
    "</duo:vastInstroommoment>",
    "<duo:flexibeleInstroom><duo:beginInstroomperiode>2026-09-01</duo:beginInstroomperiode>"
    "<duo:eindeInstroomperiode>2027-01-01</duo:eindeInstroomperiode></duo:flexibeleInstroom>",
).replace("C1", "C2")
PERIODE = (
    "<duo:aangebodenParticuliereOpleidingPeriode><duo:begindatum>2026-01-01</duo:begindatum>"
    f"{kenmerk('website', 'https://example.nl/pm')}</duo:aangebodenParticuliereOpleidingPeriode>"
)
AO = (
    "<duo:aangebodenParticuliereOpleiding>"
    f"<duo:aangebodenOpleidingCode>{AO_CODE}</duo:aangebodenOpleidingCode>"
    f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>"
    f"<duo:onderwijslocatiecode>{LOCATIE}</duo:onderwijslocatiecode>"
    "<duo:begindatum>2026-01-01</duo:begindatum>"
    "<duo:eersteInstroomDatum>2026-02-01</duo:eersteInstroomDatum>"
    "<duo:einddatum>2028-01-01</duo:einddatum>"
    f"<duo:opleidingseenheidSleutel>{OE}</duo:opleidingseenheidSleutel>"
    f"{PERIODE}{COHORT}{FLEX_COHORT}"
    f"{kenmerk('eigenAangebodenOpleidingSleutel', 'ao-sleutel')}"
    "</duo:aangebodenParticuliereOpleiding>"
)
MBO = (
    "<duo:aangebodenMboOpleiding>"
    f"<duo:aangebodenOpleidingCode>{AO_CODE[:-1]}2</duo:aangebodenOpleidingCode>"
    f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>"
    "<duo:begindatum>2026-08-01</duo:begindatum>"
    "<duo:opleidingserkenningSleutel><duo:opleidingsstelsel>CREBO</duo:opleidingsstelsel>"
    "<duo:opleidingscode>25180</duo:opleidingscode></duo:opleidingserkenningSleutel>"
    "<duo:aangebodenMboOpleidingPeriode><duo:begindatum>2026-08-01</duo:begindatum>"
    "</duo:aangebodenMboOpleidingPeriode>"
    + COHORT.replace("ParticuliereOpleidingCohort", "MboOpleidingCohort")
    + "<duo:leertrajectMBO>BOL</duo:leertrajectMBO><duo:toelatingseisen>JA</duo:toelatingseisen>"
    "<duo:toegankelijkheid>ALL</duo:toegankelijkheid></duo:aangebodenMboOpleiding>"
)
OE_PERIODE = (
    "<duo:particuliereOpleidingPeriode><duo:begindatum>2020-01-01</duo:begindatum>"
    "<duo:naamLang>Projectmanagement</duo:naamLang><duo:studielast>84</duo:studielast>"
    "<duo:studielasteenheid>UUR</duo:studielasteenheid></duo:particuliereOpleidingPeriode>"
)
OE_NIEUW = (
    "<duo:particuliereOpleiding><duo:begindatum>2020-01-01</duo:begindatum>"
    f"{kenmerk('eigenOpleidingseenheidSleutel', 'pm-basis')}"
    f"{kenmerk('categorie', 'MANAGEMENT_EN_PROJECTMNGT', 'Enumeratiewaarde')}"
    f"{OE_PERIODE}<duo:niveau>ONBEPAALD</duo:niveau></duo:particuliereOpleiding>"
)
OE_WIJZIGING = OE_NIEUW.replace(
    "<duo:particuliereOpleiding>",
    f"<duo:particuliereOpleiding><duo:opleidingseenheidcode>{OE}</duo:opleidingseenheidcode>",
).replace("pm-basis", "bestaande-sleutel")
RIO_ID = (
    "<duo:eigenAangebodenOpleidingSleutel>bezette-sleutel</duo:eigenAangebodenOpleidingSleutel>"
)
VERWIJDER_OE = f"<duo:opleidingseenheidcode>{OE_ANDER}</duo:opleidingseenheidcode>"
