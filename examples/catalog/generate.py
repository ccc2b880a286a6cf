"""Generate the example EDU-DEX catalogue (day1 and day2, JSON and XML).

    .venv/bin/python examples/catalog/generate.py

All providers, people, KvK numbers and prices are invented. Addresses come from the small
fixed set in ``bag-addresses.csv`` (so a RIO sandbox can be seeded with them), except one
deliberately unknown address (``Nergensweg 999``) that RIO cannot place.
The XML form is written from the JSON with :func:`edudex_rio.edudex.xmlformat.document_to_xml`,
varying the style per provider (``1``/``0`` booleans, reversed element order, lower-case
currency) so readers are exercised on every variant.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

from lxml import etree

from edudex_rio.edudex.xmlformat import DIRECTORY_NS, document_to_xml

HERE = Path(__file__).resolve().parent
Doc = dict[str, Any]

# --- addresses (see bag-addresses.csv) ----------------------------------------------------
ADDR = {
    "utrecht": {"address": "Stationsplein 1", "zipcode": "3511 ED", "city": "Utrecht"},
    "utrecht2": {"address": "Catharijnesingel 59", "zipcode": "3511 GG", "city": "Utrecht"},
    "amsterdam": {"address": "Piet Heinkade 5", "zipcode": "1019 BR", "city": "Amsterdam"},
    "rotterdam": {"address": "Weena 505", "zipcode": "3013 AL", "city": "Rotterdam"},
    "denhaag": {"address": "Koningin Julianaplein 10", "zipcode": "2595 AA", "city": "'s-Gravenhage"},
    "eindhoven": {"address": "Vestdijk 30A", "zipcode": "5611 CC", "city": "Eindhoven"},
    "groningen": {"address": "Oude Boteringestraat 44", "zipcode": "9712 GM", "city": "Groningen"},
    "zwolle": {"address": "Lübeckplein 14-2", "zipcode": "8017 JZ", "city": "Zwolle"},
    "arnhem": {"address": "Jansbuitensingel 7 D", "zipcode": "6811 AA", "city": "Arnhem"},
    "nowhere": {"address": "Nergensweg 999", "zipcode": "9999 ZZ", "city": "Nergenshuizen"},
}


def loc(key: str, name: str, loc_id: str | None = None) -> Doc:
    out: Doc = {"locationName": {"nl": name}, **ADDR[key], "country": "nl"}
    if loc_id:
        out["id"] = loc_id
    return out


def cost(
    cid: str, ctype: str, amount: str, *, required: bool = True, final: bool = True, **vat: Any
) -> Doc:
    out: Doc = {
        "id": cid,
        "costType": ctype,
        "amount": amount,
        "currency": "EUR",
        "amountIsFinal": final,
        "isRequiredCost": required,
    }
    out.update(vat)
    return out


def run(
    rid: str,
    start: str,
    end: str,
    *,
    status: str = "application opened",
    location: Doc | None = None,
    online: bool | None = None,
    final: bool = True,
    deadline: str | None = None,
    max_participants: int | None = None,
    costs: list[Doc] | None = None,
    form: str | None = None,
) -> Doc:
    out: Doc = {
        "id": rid,
        "status": status,
        "startDate": {"date": start, "isFinal": final},
        "endDate": {"date": end, "isFinal": final},
    }
    if deadline:
        out["applicationDeadline"] = deadline
    if location:
        out["location"] = location
    if online is not None:
        out["fullyOnline"] = online
    if max_participants is not None:
        out["maxNumberOfParticipants"] = max_participants
    if costs:
        out["cost"] = costs
    if form:
        out["programForm"] = form
    return out


def program(
    org: str,
    pid: str,
    name: dict[str, str],
    *,
    summary: str,
    description: str,
    catalogs: list[str],
    ptype: str = "training",
    level: str = "post-hbo",
    degree: str = "certificate",
    forms: list[str] | None = None,
    duration: dict[str, int] | None = None,
    locations: list[str] | None = None,
    themes: list[str] | None = None,
    modes: list[str] | None = None,
    languages: list[tuple[str, int]] | None = None,
    study_load: dict[str, int] | None = None,
    runs: list[Doc] | None = None,
    generic_costs: list[Doc] | None = None,
    start_determination: str = "fixed starting date",
    uuid: str | None = None,
    acknowledgements: Doc | None = None,
    fully_online: bool | None = None,
    client: str | None = None,
    web: str | None = None,
) -> Doc:
    classification: Doc = {
        "orgUnitId": org,
        "programId": pid,
        "programType": ptype,
        "programLevel": level,
        "degree": degree,
        "programForm": forms or ["part-time"],
        "programDuration": duration or {"months": 3},
        "programLocation": [{"description": d} for d in (locations or ["Utrecht"])],
    }
    if uuid:
        classification["programUUID"] = uuid
    if themes:
        classification["theme"] = themes
    if fully_online is not None:
        classification["fullyOnline"] = fully_online
    curriculum: Doc = {}
    if languages:
        curriculum["instructionLanguage"] = [
            {"languageCode": c, "percentage": p} for c, p in languages
        ]
    if modes:
        curriculum["instructionMode"] = modes
    if study_load:
        curriculum["studyLoad"] = study_load
    descriptions: Doc = {
        "programName": name,
        "programSummaryText": {"nl": summary},
        "programDescriptionText": {"nl": description},
    }
    if web:
        descriptions["webLink"] = {"nl": web}
    schedule: Doc = {}
    if generic_costs:
        schedule["genericProgramRun"] = {"cost": generic_costs}
    if runs:
        schedule["programRun"] = runs
    doc: Doc = {
        "editor": f"feedbeheer@{org}.example",
        "expires": "2027-12-31",
        "format": "EDU-DEX 1.0",
        "generator": "edudex-rio example catalogue",
        "lastEdited": "2026-11-27T18:00:00Z",
        "inPublication": True,
        "includeInCatalog": catalogs,
        "programClassification": classification,
        "programDescriptions": descriptions,
        "programAdmission": {
            "applicationOpen": True,
            "applicationType": "individual",
            "paymentDue": "up-front",
            "startDateDetermination": start_determination,
        },
        "programContacts": {
            "contactData": [
                {"contactName": "Studieadvies", "role": "informatie", "email": f"info@{org}.example"}
            ]
        },
        "programCurriculum": curriculum,
        "programSchedule": schedule,
    }
    if acknowledgements:
        doc["programExternalAcknowledgements"] = acknowledgements
    if client:
        doc["clientId"] = {"orgUnitId": client, "clientOffer": "discount"}
    return doc


def metadata(org: str, name: str, kvk: str, locations: list[tuple[str, str, str]]) -> Doc:
    addr = []
    for loc_id, loc_name, key in locations:
        a = ADDR[key]
        street, number = a["address"].rsplit(" ", 1) if " " in a["address"] else (a["address"], "")
        if a["address"] == "Jansbuitensingel 7 D":
            street, number = "Jansbuitensingel", "7 D"
        addr.append(
            {
                "id": loc_id,
                "name": {"nl": loc_name},
                "address": [
                    {
                        "addressType": "visitation",
                        "street": street,
                        "house_number": number,
                        "zipcode": a["zipcode"],
                        "city": a["city"],
                        "country": "nl",
                    }
                ],
            }
        )
    return {
        "editor": f"feedbeheer@{org}.example",
        "format": "EDU-DEX 1.0",
        "generator": "edudex-rio example catalogue",
        "lastEdited": "2026-11-01T09:00:00Z",
        "orgUnitId": org,
        "includeInCatalog": ["rio"],
        "instituteKvK": kvk,
        "instituteName": {"nl": name},
        "accreditation": ["CRKBO", "NRTO"],
        "instituteLocation": addr,
        "contactData": [{"contactName": "Servicedesk", "email": f"info@{org}.example", "role": "informatie"}],
        "webLink": {"nl": f"https://www.{org}.example"},
    }


# --- day 1 --------------------------------------------------------------------------------

LEIDERSCHAP_ID = "Leiderschap & coaching: module 1/2 #voorjaar (2026)?"
LONG_ID = "DATA-ANALYSE.python_VOOR-professionals-2026-2027-{blended}-v.1.0"  # 64 chars


def kompas() -> tuple[Doc, list[Doc]]:
    org = "kompasacademie"
    meta = metadata(org, "Kompas Academie B.V.", "81234567",
                    [("utr", "Kompas Utrecht", "utrecht"), ("ams", "Kompas Amsterdam", "amsterdam"),
                     ("rdam", "Kompas Rotterdam", "rotterdam")])
    tuition = lambda rid, amount="1895.00": cost(f"{rid}-lesgeld", "tuition fee", amount,  # noqa: E731
                                                 amountVAT="0.00", VATCode=1)
    lunch = lambda rid: cost(f"{rid}-lunch", "lunch", "90.00", amountVAT="8.10", VATPercentage=9)  # noqa: E731
    pm = program(
        org, "PM-BASIS", {"nl": "Projectmanagement basis", "en": "Project management fundamentals"},
        summary="Leer projecten plannen, sturen en afronden volgens een beproefde methode.",
        description="In twaalf weken leer je de basis van projectmatig werken: scope, planning, "
        "risico's, stakeholders en rapportage. Met praktijkopdrachten uit je eigen organisatie.",
        catalogs=["rio/stap"], uuid="6f2b9c1e-3d4a-4b5c-8e7f-1a2b3c4d5e6f",
        themes=["quality and project management"], modes=["classroom teaching", "group assignment"],
        languages=[("nl", 100)], study_load={"program": 84, "week": 7},
        duration={"weeks": 12}, locations=["Utrecht", "Amsterdam", "Rotterdam"],
        web="https://www.kompasacademie.example/projectmanagement-basis",
        runs=[
            run("KA-PM-2026-09-UTR", "2026-09-14", "2026-12-07", status="application closed",
                location=loc("utrecht", "Kompas Utrecht", "utr"), max_participants=14,
                costs=[tuition("KA-PM-2026-09-UTR", "1795.00"), lunch("KA-PM-2026-09-UTR")]),
            run("KA-PM-2027-02-UTR", "2027-02-08", "2027-05-03", deadline="2027-01-25",
                location=loc("utrecht", "Kompas Utrecht", "utr"), max_participants=14,
                costs=[tuition("KA-PM-2027-02-UTR"), lunch("KA-PM-2027-02-UTR")]),
            run("KA-PM-2027-02-AMS", "2027-02-10", "2027-05-05", deadline="2027-01-27",
                location=loc("amsterdam", "Kompas Amsterdam", "ams"), max_participants=16,
                costs=[tuition("KA-PM-2027-02-AMS"), lunch("KA-PM-2027-02-AMS")]),
            run("KA-PM-2027-03-RDAM", "2027-03-01", "2027-05-24",
                location=loc("rotterdam", "Kompas Rotterdam", "rdam"), max_participants=12,
                costs=[tuition("KA-PM-2027-03-RDAM"), lunch("KA-PM-2027-03-RDAM")]),
            run("KA-PM-2027-04-AMS", "2027-04-12", "2027-07-05", status="canceled",
                location=loc("amsterdam", "Kompas Amsterdam", "ams")),
        ],
    )
    pm_client = copy.deepcopy(pm)
    pm_client["clientId"] = {"orgUnitId": "gemeente-utrecht", "clientOffer": "discount"}
    pm_client["programDescriptions"]["programName"] = {"nl": "Projectmanagement basis (gemeente)"}
    leider = program(
        org, LEIDERSCHAP_ID, {"nl": "Leiderschap & coaching — module 1"},
        summary="Ontdek je eigen stijl van leidinggeven en coachen.",
        description="Tweedaagse module over situationeel leiderschap, feedback geven en "
        "coachende gesprekken. Tweede module volgt in het najaar.",
        catalogs=["rio"], ptype="workshop", themes=["leadership", "coaching"],
        duration={"days": 2}, locations=["Utrecht"], study_load={"program": 16},
        generic_costs=[cost("leider-lesgeld", "tuition fee", "1150.00", VATCode=1),
                       cost("leider-arrangement", "location", "175.00", VATCode=5)],
        runs=[
            run("KA-LC-2027-03", "2027-03-18", "2027-03-19", final=False,
                location=loc("utrecht2", "Kompas Catharijnesingel")),
            run("KA-LC-2027-05", "2027-05-20", "2027-05-21", final=False,
                location=loc("utrecht2", "Kompas Catharijnesingel")),
        ],
    )
    excel = program(
        org, "EXCEL-ONLINE-ZELFSTUDIE", {"nl": "Excel in de praktijk (online zelfstudie)"},
        summary="Online zelfstudie op eigen tempo, direct te starten.",
        description="Twaalf lessen met video's en oefenbestanden: formules, draaitabellen en grafieken.",
        catalogs=["rio"], ptype="self study", level="none", degree="certificate of participation",
        forms=["e-learning"], duration={"hours": 12}, locations=["Online"], fully_online=True,
        start_determination="direct start", study_load={"program": 12},
        generic_costs=[cost("excel-licentie", "tuition fee", "149.00", VATCode=5, VATPercentage=21)],
    )
    leerrijk = program(
        org, "TIMEMANAGEMENT-RIJK", {"nl": "Timemanagement voor rijksambtenaren"},
        summary="Alleen voor LeerRijk.", description="Incompany-training, niet voor RIO.",
        catalogs=["leerrijk"], ptype="training", duration={"days": 1},
        generic_costs=[cost("tm-lesgeld", "tuition fee", "395.00", VATCode=1)],
    )
    return meta, [pm, pm_client, leider, excel, leerrijk]


def zorgcollege() -> tuple[Doc, list[Doc]]:
    org = "zorgcollege-noord"
    meta = metadata(org, "Zorgcollege Noord", "72345678",
                    [("gron", "Locatie Groningen", "groningen"), ("zwol", "Locatie Zwolle", "zwolle")])
    vig = program(
        org, "VIG-25491", {"nl": "Verzorgende-IG (mbo niveau 3)"},
        summary="Mbo-opleiding tot verzorgende individuele gezondheidszorg, BOL en BBL.",
        description="Je leert zorg verlenen aan cliënten in de ouderenzorg, gehandicaptenzorg "
        "en thuiszorg. In de BBL-variant werk en leer je tegelijk.",
        catalogs=["rio"], ptype="regular", level="mbo niveau 3", degree="mbo niveau 3",
        forms=["full-time", "dual"], duration={"years": 3}, locations=["Groningen", "Zwolle"],
        themes=["care and personal care"], languages=[("nl", 100)], study_load={"program": 4800},
        acknowledgements={"creboRegistration": [
            {"creboCode": "25491", "creboName": {"nl": "Verzorgende-IG"}, "learningPath": "BOL"},
            {"creboCode": "25491", "creboName": {"nl": "Verzorgende-IG"}, "learningPath": "BBL",
             "continuousLearningLine": False},
        ]},
        generic_costs=[
            cost("vig-lesgeld", "tuition fee", "1337.00", VATCode=2, period="year"),
            cost("vig-boeken", "study material", "420.00", VATCode=3, amountVAT="37.80"),
            cost("vig-excursie", "excursions", "60.00", required=False, VATCode=4),
        ],
        runs=[
            run("ZCN-VIG-2026-09-GRO", "2026-09-01", "2029-07-15", status="application closed",
                location=loc("groningen", "Locatie Groningen", "gron"), max_participants=24),
            run("ZCN-VIG-2027-02-GRO", "2027-02-01", "2030-01-31", deadline="2027-01-15",
                location=loc("groningen", "Locatie Groningen", "gron"), max_participants=24),
            run("ZCN-VIG-2027-02-ZWO", "2027-02-01", "2030-01-31", deadline="2027-01-15",
                location=loc("zwolle", "Locatie Zwolle", "zwol"), max_participants=20),
        ],
    )
    praktijk = program(
        org, "PRAKTIJKOPLEIDER-ZORG", {"nl": "Praktijkopleider in de zorg", "en": "Workplace trainer in care"},
        summary="NLQF-erkende opleiding voor begeleiders van leerlingen in de zorg.",
        description="Je leert leerlingen en nieuwe collega's begeleiden, beoordelen en "
        "opleiden op de werkvloer.",
        catalogs=["rio/stap"], level="mbo+", degree="certificate", duration={"months": 6},
        locations=["Zwolle"], themes=["training and education"], study_load={"program": 160, "week": 6},
        acknowledgements={"nlqfRegistration": [
            {"nlqfLevel": "4+", "eqfLevel": "4", "nlqfRegisterCode": "45-678"}]},
        generic_costs=[cost("po-lesgeld", "tuition fee", "2150.00", VATCode=1),
                       cost("po-certificaat", "certificate", "75.00", VATCode=1),
                       cost("po-lunch", "lunch", "110.00", VATPercentage=9)],
        runs=[
            run("ZCN-PO-2026-10", "2026-10-05", "2027-03-29",
                location=loc("zwolle", "Locatie Zwolle", "zwol"), status="application closed"),
            run("ZCN-PO-2027-04", "2027-04-12", "2027-10-04",
                location=loc("zwolle", "Locatie Zwolle", "zwol")),
        ],
    )
    return meta, [vig, praktijk]


def digitaal() -> tuple[Doc, list[Doc]]:
    org = "digitaal-leren"
    meta = metadata(org, "Digitaal Leren Nederland B.V.", "69876543",
                    [("dh", "Leslocatie Den Haag", "denhaag")])
    data = program(
        org, LONG_ID, {"nl": "Data-analyse met Python voor professionals", "en": "Data analysis with Python"},
        summary="Van spreadsheet naar Python: data inlezen, opschonen, analyseren en visualiseren.",
        description="Blended programma met live online lessen (virtual classroom) en opdrachten. "
        "Je werkt met pandas, Jupyter en echte datasets uit je eigen vakgebied.",
        catalogs=["rio/stap"], forms=["virtual classroom"], duration={"weeks": 10},
        locations=["Online"], themes=["automation and it"], modes=["virtual classroom", "self study"],
        languages=[("nl", 80), ("en", 20)], study_load={"program": 60, "week": 6}, fully_online=True,
        runs=[
            run("DLN-PY-2026-11", "2026-11-02", "2027-01-11", online=True, status="application closed",
                costs=[cost("py-2611-lesgeld", "tuition fee", "1250.00", amountVAT="262.50",
                            VATPercentage=21)]),
            run("DLN-PY-2027-01", "2027-01-18", "2027-03-29", online=True, deadline="2027-01-11",
                costs=[cost("py-2701-lesgeld", "tuition fee", "1250.00", amountVAT="262.50",
                            VATPercentage=21),
                       cost("py-2701-examen", "examination", "95.00", VATCode=4)]),
            run("DLN-PY-2027-03", "2027-03-15", "2027-05-24", online=True),
        ],
    )
    iso = program(
        org, "ISO27001-FOUNDATION", {"nl": "Informatiebeveiliging ISO 27001 Foundation"},
        summary="Basiskennis van informatiebeveiliging volgens ISO/IEC 27001, met examen.",
        description="Driedaagse training met officieel examen. Geschikt voor iedereen die "
        "betrokken is bij een ISMS.",
        catalogs=["rio/stap"], duration={"days": 3}, locations=["Den Haag", "Online"],
        themes=["automation and it"], acknowledgements={"rioRegistration": "2468O1357"},
        study_load={"program": 24},
        generic_costs=[cost("iso-lesgeld", "tuition fee", "1195.00", VATCode=5),
                       cost("iso-examen", "examination", "245.00", VATCode=5)],
        runs=[
            run("DLN-ISO-2027-01-DH", "2027-01-26", "2027-01-28", deadline="2027-01-12",
                location=loc("denhaag", "Leslocatie Den Haag", "dh")),
            run("DLN-ISO-2027-02-ONL", "2027-02-16", "2027-02-18", online=True, form="virtual classroom"),
        ],
    )
    return meta, [data, iso]


def taalinstituut() -> tuple[Doc, list[Doc]]:
    org = "taalinstituut-oost"
    meta = metadata(org, "Taalinstituut Oost", "60123456",
                    [("ehv", "Taalhuis Eindhoven", "eindhoven"), ("arn", "Taalhuis Arnhem", "arnhem")])
    nt2 = program(
        org, "NT2-B1", {"nl": "Nederlands als tweede taal B1", "en": "Dutch as a second language B1"},
        summary="Intensieve cursus Nederlands op B1-niveau, met staatsexamentraining.",
        description="Twintig lessen spreken, schrijven, lezen en luisteren in kleine groepen.",
        catalogs=["rio"], ptype="training", level="none", degree="certificate",
        forms=["evening education"], duration={"weeks": 20}, locations=["Eindhoven", "Arnhem"],
        themes=["languages"], languages=[("nl", 70), ("en", 30)], study_load={"week": 4},
        generic_costs=[cost("nt2-lesgeld", "tuition fee", "895.00", VATCode=4, VATPercentage=21),
                       cost("nt2-inschrijving", "registration fee", "35.00", VATCode=4),
                       # no VAT information at all: the amount is taken as given
                       cost("nt2-lesboek", "study material", "45.00")],
        runs=[
            run("TIO-NT2-2027-01-EHV", "2027-01-11", "2027-05-31", location=loc("eindhoven", "Taalhuis Eindhoven", "ehv")),
            run("TIO-NT2-2027-01-ARN", "2027-01-12", "2027-06-01", location=loc("arnhem", "Taalhuis Arnhem", "arn")),
            run("TIO-NT2-2027-01-XXX", "2027-01-13", "2027-06-02",
                location=loc("nowhere", "Dependance Nergenshuizen")),
        ],
    )
    conv = program(
        org, "CONVERSATIE-ENGELS", {"nl": "Conversatie Engels", "en": "English conversation"},
        summary="Oefen je spreekvaardigheid in het Engels.", description="Tien avonden conversatie.",
        catalogs=["rio"], ptype="training", level="none", degree="none",
        forms=["evening education"], duration={"weeks": 10}, locations=["Arnhem"],
        languages=[("en", 100)], start_determination="agreed starting date",
        generic_costs=[cost("conv-lesgeld", "tuition fee", "425.00", VATCode=4)],
    )
    return meta, [nt2, conv]


def day1() -> dict[str, tuple[Doc, list[Doc]]]:
    return {m["orgUnitId"]: (m, p) for m, p in (kompas(), zorgcollege(), digitaal(), taalinstituut())}


# --- day 2: changes, moves, cancellations, removals -----------------------------------------


def _find(programs: list[Doc], pid: str, client: str | None = None) -> Doc:
    for p in programs:
        if p["programClassification"]["programId"] == pid and (p.get("clientId") or {}).get("orgUnitId") == client:
            return p
    raise KeyError(pid)


def _run(p: Doc, rid: str) -> Doc:
    return next(r for r in p["programSchedule"]["programRun"] if r["id"] == rid)


def day2() -> dict[str, tuple[Doc, list[Doc]]]:
    cat = copy.deepcopy(day1())
    for _, programs in cat.values():
        for p in programs:
            p["lastEdited"] = "2026-11-28T18:00:00Z"
    # kompas: a run moves Amsterdam → Rotterdam; a run is cancelled; a new run; name change
    _, ka = cat["kompasacademie"]
    pm = _find(ka, "PM-BASIS")
    _run(pm, "KA-PM-2027-02-AMS")["location"] = loc("rotterdam", "Kompas Rotterdam", "rdam")
    _run(pm, "KA-PM-2027-03-RDAM")["status"] = "canceled"
    pm["programDescriptions"]["programName"]["nl"] = "Projectmanagement basis (vernieuwd)"
    pm["programCurriculum"]["studyLoad"] = {"program": 90, "week": 7}
    pm["programSchedule"]["programRun"].append(
        run("KA-PM-2027-06-UTR", "2027-06-07", "2027-08-30", location=loc("utrecht", "Kompas Utrecht", "utr"),
            max_participants=14,
            costs=[cost("KA-PM-2027-06-UTR-lesgeld", "tuition fee", "1945.00", amountVAT="0.00", VATCode=1)]))
    # leiderschap: the estimated date becomes final; the May run vanishes (before it started)
    leider = _find(ka, LEIDERSCHAP_ID)
    r = _run(leider, "KA-LC-2027-03")
    r["startDate"]["isFinal"] = r["endDate"]["isFinal"] = True
    leider["programSchedule"]["programRun"] = [r]
    # the online Excel course is removed from EDU-DEX
    ka.remove(_find(ka, "EXCEL-ONLINE-ZELFSTUDIE"))
    # zorgcollege: runs close; a started run vanishes (RIO keeps it); NLQF → also CREBO? no: price
    _, zc = cat["zorgcollege-noord"]
    vig = _find(zc, "VIG-25491")
    _run(vig, "ZCN-VIG-2027-02-ZWO")["status"] = "application closed"
    vig["programSchedule"]["programRun"] = [
        x for x in vig["programSchedule"]["programRun"] if x["id"] != "ZCN-VIG-2026-09-GRO"
    ]
    po = _find(zc, "PRAKTIJKOPLEIDER-ZORG")
    po["programSchedule"]["genericProgramRun"]["cost"][0]["amount"] = "2250.00"
    # digitaal-leren: the O-code is dropped (type change ocode → particulier); a new online run
    _, dl = cat["digitaal-leren"]
    iso = _find(dl, "ISO27001-FOUNDATION")
    del iso["programExternalAcknowledgements"]
    data = _find(dl, LONG_ID)
    _run(data, "DLN-PY-2027-03")["status"] = "canceled"
    # taalinstituut: conversation course deselected for RIO; a new programme appears
    _, ti = cat["taalinstituut-oost"]
    _find(ti, "CONVERSATIE-ENGELS")["includeInCatalog"] = []
    ti.append(program(
        "taalinstituut-oost", "NT2-B2", {"nl": "Nederlands als tweede taal B2"},
        summary="Vervolg op B1: staatsexamen programma II.", description="Vijfentwintig lessen.",
        catalogs=["rio"], level="none", degree="certificate", forms=["evening education"],
        duration={"weeks": 25}, locations=["Eindhoven"], languages=[("nl", 100)],
        generic_costs=[cost("nt2b2-lesgeld", "tuition fee", "1095.00", VATCode=4, VATPercentage=21)],
        runs=[run("TIO-NT2B2-2027-09-EHV", "2027-09-06", "2028-02-28",
                  location=loc("eindhoven", "Taalhuis Eindhoven", "ehv"))],
    ))
    return cat


# --- writing ---------------------------------------------------------------------------------

XML_STYLE = {  # provider → (booleans, reverse order, lower-case currency)
    "kompasacademie": ("word", False, False),
    "zorgcollege-noord": ("digit", True, True),
    "digitaal-leren": ("digit", False, False),
    "taalinstituut-oost": ("word", True, True),
}


def slug(program_doc: Doc) -> str:
    pid = program_doc["programClassification"]["programId"]
    client = (program_doc.get("clientId") or {}).get("orgUnitId")
    base = re.sub(r"[^A-Za-z0-9]+", "-", pid).strip("-").lower()
    return f"{base}--{client}" if client else base


def _d(parent: etree._Element, name: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{DIRECTORY_NS}}}{name}")
    el.text = text
    return el


def directory_xml(org: str | None, resources: list[tuple[Doc, str]], subdirs: list[str]) -> bytes:
    root = etree.Element(f"{{{DIRECTORY_NS}}}edudexDirectory", nsmap={None: DIRECTORY_NS})
    _d(root, "editor", f"feedbeheer@{org or 'voorbeeld'}.example")
    _d(root, "generator", "edudex-rio example catalogue")
    _d(root, "version", "1.8")
    if org:
        inst = etree.SubElement(root, f"{{{DIRECTORY_NS}}}instituteDataResource")
        _d(inst, "resourceUrl", "institute.xml")
    _d(root, "orgUnitId", org or "voorbeeldcatalogus")
    for sub in subdirs:
        s = etree.SubElement(root, f"{{{DIRECTORY_NS}}}subDirectory")
        _d(s, "orgUnitId", sub)
        _d(s, "directoryUrl", f"{sub}/directory.xml")
    for doc, name in resources:
        r = etree.SubElement(root, f"{{{DIRECTORY_NS}}}programResource")
        client = (doc.get("clientId") or {}).get("orgUnitId")
        if client:
            _d(r, "clientId", client)
        _d(r, "lastEdited", doc["lastEdited"])
        _d(r, "programId", doc["programClassification"]["programId"])
        _d(r, "resourceUrl", f"programs/{name}.xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(day: str, cat: dict[str, tuple[Doc, list[Doc]]]) -> None:
    base = HERE / day
    shutil.rmtree(base, ignore_errors=True)
    for org, (meta, programs) in cat.items():
        jdir, xdir = base / "json" / org, base / "xml" / org
        (jdir / "programs").mkdir(parents=True)
        (xdir / "programs").mkdir(parents=True)
        (jdir / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        booleans, reverse, lower = XML_STYLE[org]
        (xdir / "institute.xml").write_bytes(document_to_xml(meta, kind="institute"))
        resources = []
        for p in programs:
            name = slug(p)
            (jdir / "programs" / f"{name}.json").write_text(
                json.dumps(p, ensure_ascii=False, indent=2) + "\n"
            )
            xml = document_to_xml(p, kind="program", booleans=booleans, reverse=reverse)  # type: ignore[arg-type]
            if lower:
                xml = xml.replace(b"<currency>EUR</currency>", b"<currency>eur</currency>")
            (xdir / "programs" / f"{name}.xml").write_bytes(xml)
            resources.append((p, name))
        (xdir / "directory.xml").write_bytes(directory_xml(org, resources, []))
    (base / "xml" / "directory.xml").write_bytes(directory_xml(None, [], sorted(cat)))


if __name__ == "__main__":
    write("day1", day1())
    write("day2", day2())
    print("written", HERE / "day1", HERE / "day2")
