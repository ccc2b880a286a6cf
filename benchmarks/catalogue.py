"""Seeded, deterministic generator of a large, realistic Dutch EDU-DEX catalogue.

    .venv/bin/python -m benchmarks.catalogue OUT --providers 1000 --programmes 50000

writes, in the layout :class:`edudex_rio.edudex.folder.FolderSource` reads::

    OUT/day1/<orgUnitId>/metadata.json            supplier metadata (KvK, locations)
    OUT/day1/<orgUnitId>/programs/pNNNNN.json     one programme per file
    OUT/day2/...                                  the next day, with ``change_share`` changed
    OUT/seed.json                                 sandbox seed (besturen, aanbieders, OINs,
                                                  erkenningen, O-codes, BAG addresses)
    OUT/providers.json                            the providers' settings (KvK, RIO codes)
    OUT/manifest.json                             sizes and the day-2 changes made

Everything is invented but shaped like the real thing: Dutch provider and programme names,
themes, addresses from the sandbox's BAG sample (so RIO can place every location), prices
with every VAT variant EDU-DEX allows (``VATCode`` alone, ``VATPercentage``, ``amountVAT``),
run schedules, fully online and blended programmes, multi-location programmes, NLQF, CREBO
(BOL+BBL) and O-code programmes, ``rio/stap``, programmes not for RIO and client variants.

The same ``seed`` and sizes give byte-identical output. Providers are generated one at a
time (each from its own random stream), so memory stays flat and the first ``k`` providers
of a catalogue are the same whatever its total size.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from edudex_rio.sandbox.seed import sample_bag_csv

__all__ = [
    "DAY1",
    "DAY2",
    "Change",
    "GeneratedProvider",
    "Spec",
    "generate",
    "main",
]

Doc = dict[str, Any]

#: The two days of the catalogue (a Saturday and the Sunday after).
DAY1 = dt.date(2026, 11, 28)
DAY2 = DAY1 + dt.timedelta(days=1)

#: Runs per programme, cycled and shuffled per provider (mean 5.1, 1 in 10 without runs).
RUN_PATTERN = (0, 2, 3, 4, 5, 6, 6, 7, 8, 10)

# --- vocabulary ---------------------------------------------------------------------------
_PREFIXES = (
    "Academie",
    "Opleidingscentrum",
    "Instituut",
    "Trainingsbureau",
    "Kenniscentrum",
    "Leerhuis",
    "Vakschool",
    "Studiecentrum",
)
_REGIONS = (
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Randstad",
    "Twente",
    "Brabant",
    "Limburg",
    "Friesland",
    "Zeeland",
    "Gelderland",
    "Holland",
    "Veluwe",
    "Achterhoek",
)
#: theme → (provider domain word, programme topics)
_THEMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "automation and it": (
        "ICT",
        (
            "Python voor data-analyse",
            "Cloud security",
            "Netwerkbeheer",
            "Softwaretesten (ISTQB)",
            "Linux systeembeheer",
            "Power BI",
            "Excel gevorderd",
            "Azure fundamentals",
        ),
    ),
    "care and personal care": (
        "Zorg",
        (
            "Medicatie toedienen",
            "Dementiezorg",
            "Palliatieve zorg",
            "Wondzorg",
            "Helpende zorg & welzijn",
            "Verzorgende-IG",
        ),
    ),
    "management": (
        "Management",
        (
            "Leidinggeven aan teams",
            "Strategisch management",
            "Operationeel management",
            "Middenmanagement",
        ),
    ),
    "quality and project management": (
        "Projectmanagement",
        ("Projectmanagement basis", "PRINCE2 Foundation", "Lean Six Sigma Green Belt", "Scrum"),
    ),
    "finance": (
        "Financiën",
        ("Boekhouden (PDB)", "Salarisadministratie", "Financieel management", "Fiscaal recht"),
    ),
    "languages": (
        "Talen",
        ("Nederlands als tweede taal B1", "Zakelijk Engels", "Duits voor de zorg", "Spaans A2"),
    ),
    "health and safety": (
        "Veiligheid",
        ("BHV basis", "VCA VOL", "EHBO", "Preventiemedewerker", "Heftruckchauffeur"),
    ),
    "communication": (
        "Communicatie",
        ("Zakelijk schrijven", "Presenteren met impact", "Klantgericht communiceren"),
    ),
    "leadership": (
        "Leiderschap",
        ("Persoonlijk leiderschap", "Coachend leidinggeven", "Situationeel leiderschap"),
    ),
    "sales": ("Sales", ("Verkooptechnieken", "Accountmanagement", "Onderhandelen")),
    "law": ("Recht", ("Arbeidsrecht", "Privacy en AVG", "Contractenrecht")),
    "procurement and logistics": (
        "Logistiek",
        ("Inkoopmanagement (NEVI)", "Supply chain basis", "Magazijnbeheer"),
    ),
    "human resources": ("HRM", ("HRM basis", "Recruitment", "Verzuimbegeleiding")),
    "tourism, recreation and hospitality": (
        "Horeca",
        ("Sociale hygiëne", "Barista", "Gastvrijheid in de praktijk"),
    ),
}
_THEME_NAMES = tuple(_THEMES)
_LEVELS = ("basis", "gevorderd", "praktijk", "masterclass", "intensief", "verdieping", "module 1")
_LEVELS_EN = {
    "basis": "fundamentals",
    "gevorderd": "advanced",
    "praktijk": "in practice",
    "masterclass": "masterclass",
    "intensief": "intensive",
    "verdieping": "in depth",
    "module 1": "module 1",
}
_DEGREES = ("certificate", "certificate of participation", "diploma", "none", "module certificate")
_FORMS = ("part-time", "full-time", "evening education")
_MODES = ("classroom teaching", "workshop", "training", "group assignment", "lecture")
_CREBO = (("25491", "Verzorgende-IG"), ("25498", "Helpende zorg & welzijn"), ("25180", "Kok"))
_NLQF = (("12-345", "4"), ("23-456", "5"), ("34-567", "4+"), ("45-678", "6"))

# change kinds of day 2, with their weights
_CHANGES: tuple[tuple[str, int], ...] = (
    ("move", 3),
    ("cancel", 3),
    ("new_run", 3),
    ("rename", 2),
    ("price", 2),
    ("close", 2),
    ("remove", 1),
)


@dataclass(frozen=True)
class Spec:
    """What to generate."""

    providers: int = 1000
    programmes: int = 50_000
    seed: int = 20261128
    change_share: float = 0.02
    """Share of RIO-bound programmes changed on day 2."""


@dataclass(frozen=True)
class Change:
    org_unit_id: str
    program_id: str
    kind: str
    detail: str = ""


@dataclass
class GeneratedProvider:
    org_unit_id: str
    name: str
    kvk: str
    onderwijsbestuurcode: str
    onderwijsaanbiedercode: str
    programmes: int = 0
    runs: int = 0
    rio_programmes: int = 0
    ocodes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Addr:
    postcode: str
    huisnummer: int
    toevoeging: str
    straat: str
    plaats: str

    def edudex(self, loc_id: str, label: str) -> Doc:
        return {
            "locationName": {"nl": label},
            "address": f"{self.straat} {self.huisnummer}{self.toevoeging}",
            "zipcode": f"{self.postcode[:4]} {self.postcode[4:]}",
            "city": self.plaats,
            "country": "nl",
            "id": loc_id,
        }


def bag_addresses() -> tuple[_Addr, ...]:
    """The sandbox's bundled BAG sample: every address the catalogue uses is in it."""
    rows = csv.DictReader(sample_bag_csv().splitlines())
    return tuple(
        _Addr(
            r["postcode"],
            int(r["huisnummer"]),
            (r.get("toevoeging") or "").strip(),
            r["straat"],
            r["plaatsnaam"],
        )
        for r in rows
    )


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _provider_sizes(spec: Spec) -> list[int]:
    """Programme counts per provider: skewed (a few big providers), summing to the total."""
    rng = random.Random(f"{spec.seed}/sizes")
    weights = [rng.lognormvariate(0.0, 0.8) for _ in range(spec.providers)]
    total = sum(weights)
    sizes = [max(1, int(w / total * spec.programmes)) for w in weights]
    diff = spec.programmes - sum(sizes)
    order = sorted(range(spec.providers), key=lambda i: -weights[i])
    i = 0
    while diff != 0:
        j = order[i % len(order)]
        if diff > 0:
            sizes[j] += 1
            diff -= 1
        elif sizes[j] > 1:
            sizes[j] -= 1
            diff += 1
        i += 1
    return sizes


class _ProviderGen:
    """Generates one provider's metadata and programmes (day 1) and its day-2 variant."""

    def __init__(self, spec: Spec, index: int, size: int, addrs: tuple[_Addr, ...]) -> None:
        self.rng = random.Random(f"{spec.seed}/provider/{index}")
        self.spec = spec
        self.index = index
        self.size = size
        rng = self.rng
        self.theme = rng.choice(_THEME_NAMES)
        domain = _THEMES[self.theme][0]
        prefix = rng.choice(_PREFIXES)
        region = rng.choice(_REGIONS)
        self.name = f"{prefix} {domain} {region}"
        slug = f"{prefix}-{domain}-{region}".lower()
        slug = slug.replace("ë", "e").replace("ï", "i").replace(" ", "-")
        self.org = f"{slug}-{index:04d}"
        self.code = f"{index:04d}"
        hundreds, units = divmod(index, 1000)
        self.info = GeneratedProvider(
            org_unit_id=self.org,
            name=self.name,
            kvk=f"{30_000_000 + index * 37:08d}",
            onderwijsbestuurcode=f"{500 + hundreds:03d}B{units:03d}",
            onderwijsaanbiedercode=f"{500 + hundreds:03d}A{units:03d}",
        )
        n_locations = rng.choice((1, 1, 2, 2, 3, 4))
        picked = rng.sample(addrs, n_locations)
        self.locations = [
            (f"loc{k}", a, f"{self.name.split()[0]} {a.plaats}") for k, a in enumerate(picked)
        ]
        self.vat_style = rng.choice(("exempt", "exempt", "exempt", "vat21", "amountvat", "none"))
        self.changes: list[Change] = []

    # --- metadata ---------------------------------------------------------------------
    def metadata(self) -> Doc:
        return {
            "editor": f"feedbeheer@{self.org}.example",
            "format": "EDU-DEX 1.0",
            "generator": "edudex-rio benchmark catalogue",
            "lastEdited": "2026-11-01T09:00:00Z",
            "orgUnitId": self.org,
            "includeInCatalog": ["rio"],
            "instituteKvK": self.info.kvk,
            "instituteName": {"nl": self.name},
            "accreditation": ["CRKBO"] if self.vat_style == "exempt" else ["NRTO"],
            "instituteLocation": [
                {
                    "id": loc_id,
                    "name": {"nl": label},
                    "address": [
                        {
                            "addressType": "visitation",
                            "street": a.straat,
                            "house_number": f"{a.huisnummer}{a.toevoeging}",
                            "zipcode": f"{a.postcode[:4]} {a.postcode[4:]}",
                            "city": a.plaats,
                            "country": "nl",
                        }
                    ],
                }
                for loc_id, a, label in self.locations
            ],
            "contactData": [
                {
                    "contactName": "Klantenservice",
                    "role": "informatie",
                    "email": f"info@{self.org}.example",
                }
            ],
            "webLink": {"nl": f"https://www.{self.org}.example"},
        }

    # --- programmes -------------------------------------------------------------------
    def programmes(self) -> Iterator[Doc]:
        rng = self.rng
        counts = [RUN_PATTERN[k % len(RUN_PATTERN)] for k in range(self.size)]
        rng.shuffle(counts)
        for n in range(self.size):
            yield self._programme(n, counts[n])

    def _cost(self, cid: str, ctype: str, amount: Decimal, *, required: bool = True) -> Doc:
        out: Doc = {
            "id": cid,
            "costType": ctype,
            "amount": _money(amount),
            "currency": "EUR",
            "amountIsFinal": True,
            "isRequiredCost": required,
        }
        style = self.vat_style if ctype in ("tuition fee", "registration fee") else "mixed"
        if style == "exempt":
            out["VATCode"] = 1
            if self.rng.random() < 0.3:
                out["amountVAT"] = "0.00"
        elif style == "vat21":
            out["VATCode"] = 5
            out["VATPercentage"] = 21
        elif style == "amountvat":
            out["amountVAT"] = _money(amount * Decimal("0.21"))
            out["VATPercentage"] = 21
        elif style == "mixed":
            pick = self.rng.random()
            if ctype in ("lunch", "study material"):
                if pick < 0.5:
                    out["VATPercentage"] = 9
                else:
                    out["VATCode"] = 3
                    out["amountVAT"] = _money(amount * Decimal("0.09"))
            elif pick < 0.7:
                out["VATCode"] = 4
        return out

    def _costs(self, prefix: str, tuition: Decimal) -> list[Doc]:
        rng = self.rng
        out = [self._cost(f"{prefix}-lesgeld", "tuition fee", tuition)]
        if rng.random() < 0.4:
            out.append(
                self._cost(f"{prefix}-boeken", "study material", Decimal(rng.randint(3, 40) * 5))
            )
        if rng.random() < 0.3:
            out.append(
                self._cost(f"{prefix}-examen", "examination", Decimal(rng.randint(8, 50) * 5))
            )
        if rng.random() < 0.2:
            out.append(self._cost(f"{prefix}-lunch", "lunch", Decimal(rng.randint(2, 12) * 10)))
        if rng.random() < 0.1:
            out.append(self._cost(f"{prefix}-excursie", "excursions", Decimal(60), required=False))
        return out

    def _run(
        self,
        run_id: str,
        start: dt.date,
        days: int,
        where: tuple[str, _Addr, str] | None,
        form: str | None,
        tuition: Decimal | None,
    ) -> Doc:
        rng = self.rng
        status = (
            "application opened" if start > DAY1 + dt.timedelta(days=7) else "application closed"
        )
        if start > DAY1 and rng.random() < 0.08:
            status = "application closed"
        run: Doc = {
            "id": run_id,
            "status": status,
            "startDate": {
                "date": start.isoformat(),
                "isFinal": start < DAY1 + dt.timedelta(days=240),
            },
            "endDate": {"date": (start + dt.timedelta(days=days)).isoformat(), "isFinal": True},
        }
        if start > DAY1 + dt.timedelta(days=21) and rng.random() < 0.6:
            run["applicationDeadline"] = (start - dt.timedelta(days=14)).isoformat()
        if where is None:
            run["fullyOnline"] = True
            run["programForm"] = form or "virtual classroom"
        else:
            loc_id, addr, label = where
            run["location"] = addr.edudex(loc_id, label)
        if rng.random() < 0.6:
            run["maxNumberOfParticipants"] = rng.choice((8, 10, 12, 14, 16, 20, 24))
        if tuition is not None:
            run["cost"] = self._costs(run_id.lower(), tuition)
        return run

    def _programme(self, n: int, n_runs: int) -> Doc:
        rng = self.rng
        theme = self.theme if rng.random() < 0.8 else rng.choice(_THEME_NAMES)
        topic = rng.choice(_THEMES[theme][1])
        level = rng.choice(_LEVELS)
        program_id = f"P{self.code}-{n:05d}"
        if rng.random() < 0.05:
            program_id = f"{topic[:20]} {level}/{n} (2027)"
        kind = rng.choices(("particulier", "nlqf", "crebo", "ocode"), (86, 4, 6, 4))[0]
        if n_runs == 0 and kind == "crebo":
            kind = "particulier"
        online = rng.choices(("no", "fully", "blended"), (70, 15, 15))[0]
        if kind == "crebo":
            online = "no"
        catalog = rng.choices(
            (["rio"], ["rio/stap"], ["rio", "rio/stap"], ["leerrijk"]), (60, 25, 11, 4)
        )[0]
        weeks = rng.choice((1, 2, 6, 8, 12, 26, 40))
        tuition = Decimal(rng.randint(9, 120) * 25 - rng.choice((0, 0, 5, 1)))
        name = f"{topic} {level}"
        doc: Doc = {
            "editor": f"feedbeheer@{self.org}.example",
            "expires": "2027-12-31",
            "format": "EDU-DEX 1.0",
            "generator": "edudex-rio benchmark catalogue",
            "lastEdited": "2026-11-27T18:00:00Z",
            "inPublication": True,
            "includeInCatalog": list(catalog),
        }
        cls: Doc = {
            "orgUnitId": self.org,
            "programId": program_id,
            "programType": "regular" if kind == "crebo" else "training",
            "programLevel": "mbo niveau 3" if kind == "crebo" else "none",
            "degree": "mbo niveau 3" if kind == "crebo" else rng.choice(_DEGREES),
            "programForm": ["e-learning"] if online == "fully" else [rng.choice(_FORMS)],
            "programDuration": {"years": 3} if kind == "crebo" else {"weeks": weeks},
            "theme": [theme] if rng.random() < 0.8 else [theme, rng.choice(_THEME_NAMES)],
        }
        if kind == "crebo":
            cls["programForm"] = ["full-time", "dual"]
        if online == "fully":
            cls["fullyOnline"] = True
        if rng.random() < 0.3:
            cls["programUUID"] = str(_uuid(rng))
        doc["programClassification"] = cls
        descriptions: Doc = {
            "programName": {"nl": name},
            "programSummaryText": {
                "nl": f"{topic} ({level}) bij {self.name}: praktijkgericht, in kleine groepen."
            },
            "programDescriptionText": {
                "nl": f"In deze opleiding {topic.lower()} leer je in {weeks} weken alles wat je "
                "nodig hebt in de praktijk, met opdrachten uit je eigen werk."
            },
            "webLink": {"nl": f"https://www.{self.org}.example/{_slug(program_id)}"},
        }
        if rng.random() < 0.4:
            descriptions["programName"]["en"] = f"{topic} {_LEVELS_EN[level]}"
        doc["programDescriptions"] = descriptions
        doc["programAdmission"] = {
            "applicationOpen": True,
            "applicationType": "individual",
            "paymentDue": "up-front",
            "startDateDetermination": "fixed starting date" if n_runs else "direct start",
        }
        doc["programContacts"] = {
            "contactData": [
                {
                    "contactName": "Studieadvies",
                    "role": "informatie",
                    "email": f"info@{self.org}.example",
                }
            ]
        }
        curriculum: Doc = {
            "instructionLanguage": [{"languageCode": "nl", "percentage": 100}],
            "studyLoad": {"program": weeks * rng.choice((4, 6, 8))},
        }
        if online != "fully":
            curriculum["instructionMode"] = [rng.choice(_MODES)]
        if rng.random() < 0.05:
            curriculum["instructionLanguage"] = [
                {"languageCode": "nl", "percentage": 50},
                {"languageCode": "en", "percentage": 50},
            ]
        doc["programCurriculum"] = curriculum
        # runs
        n_locs = len(self.locations)
        uses = self.locations[: rng.randint(1, n_locs)] if online != "fully" else []
        runs_at_run_level = rng.random() < 0.3
        schedule: Doc = {}
        if not runs_at_run_level or n_runs == 0:
            schedule["genericProgramRun"] = {"cost": self._costs(f"p{self.code}-{n:05d}", tuition)}
        runs = []
        first = DAY1 + dt.timedelta(days=rng.randint(-90, 60))
        step = rng.choice((14, 28, 42, 61, 91))
        for k in range(n_runs):
            start = first + dt.timedelta(days=step * k)
            where: tuple[str, _Addr, str] | None
            if online == "fully" or (online == "blended" and k % 3 == 2):
                where = None
            else:
                where = uses[k % len(uses)]
            runs.append(
                self._run(
                    f"R{self.code}-{n:05d}-{k:02d}",
                    start,
                    7 * weeks if kind != "crebo" else 1000,
                    where,
                    None,
                    tuition if runs_at_run_level else None,
                )
            )
        if runs:
            schedule["programRun"] = runs
        places = sorted({a.plaats for _, a, _ in uses}) + (["Online"] if online != "no" else [])
        cls["programLocation"] = [{"description": p} for p in places]
        doc["programSchedule"] = schedule
        if kind == "crebo":
            code, crebo_name = rng.choice(_CREBO)
            paths = ("BOL", "BBL") if rng.random() < 0.7 else (rng.choice(("BOL", "BBL")),)
            doc["programExternalAcknowledgements"] = {
                "creboRegistration": [
                    {"creboCode": code, "creboName": {"nl": crebo_name}, "learningPath": p}
                    for p in paths
                ]
            }
        elif kind == "nlqf":
            reg, level_ = rng.choice(_NLQF)
            doc["programExternalAcknowledgements"] = {
                "nlqfRegistration": [
                    {
                        "nlqfLevel": level_,
                        "eqfLevel": level_.rstrip("+"),
                        "nlqfRegisterCode": reg,
                    }
                ]
            }
        elif kind == "ocode":
            hundreds, units = divmod(self.index, 1000)
            ocode = f"{5000 + hundreds}O{units:03d}{len(self.info.ocodes) % 10}"
            self.info.ocodes.append(ocode)
            doc["programExternalAcknowledgements"] = {"rioRegistration": ocode}
        if rng.random() < 0.02 and catalog != ["leerrijk"]:
            # a client-specific variant follows this programme in the same file set
            doc["_client_variant"] = True
        return doc

    # --- day 2 ------------------------------------------------------------------------
    def day2(self, doc: Doc) -> Doc | None:
        """The programme on day 2: unchanged, changed, or ``None`` (removed)."""
        rng = random.Random(
            f"{self.spec.seed}/day2/{doc['programClassification']['programId']}/{self.org}"
        )
        if "rio" not in str(doc["includeInCatalog"]) or rng.random() >= self.spec.change_share:
            return doc
        runs: list[Doc] = doc["programSchedule"].get("programRun", [])
        future = [r for r in runs if r["startDate"]["date"] > DAY2.isoformat()]
        kinds = [k for k, _ in _CHANGES]
        weights = [w for _, w in _CHANGES]
        for _ in range(10):
            kind = rng.choices(kinds, weights)[0]
            if kind in ("cancel", "close") and not future:
                continue
            if kind == "move" and (
                len(self.locations) < 2 or not any("location" in r for r in future)
            ):
                continue
            if kind == "new_run" and not runs:
                continue
            break
        else:
            kind = "rename"
        program_id = doc["programClassification"]["programId"]
        new: Doc = json.loads(json.dumps(doc))
        new["lastEdited"] = "2026-11-28T18:00:00Z"
        new_runs: list[Doc] = new["programSchedule"].get("programRun", [])
        detail = ""
        if kind == "remove":
            self.changes.append(Change(self.org, program_id, kind))
            return None
        if kind == "rename":
            new["programDescriptions"]["programName"]["nl"] += " (vernieuwd)"
        elif kind == "price":
            costs = new["programSchedule"].get("genericProgramRun", {}).get("cost") or [
                c for r in new_runs for c in r.get("cost", [])
            ]
            for c in costs:
                if c["costType"] == "tuition fee":
                    c["amount"] = _money(Decimal(c["amount"]) + Decimal(100))
                    c.pop("amountVAT", None)
        elif kind in ("cancel", "close", "move"):
            candidates = [r for r in new_runs if r["startDate"]["date"] > DAY2.isoformat()]
            if kind == "move":
                candidates = [r for r in candidates if "location" in r]
            run = rng.choice(candidates)
            detail = run["id"]
            if kind == "cancel":
                run["status"] = "canceled"
            elif kind == "close":
                if run["status"] == "application closed":
                    run["maxNumberOfParticipants"] = 4
                run["status"] = "application closed"
            else:
                here = run["location"]["id"]
                there = next(x for x in self.locations if x[0] != here)
                run["location"] = there[1].edudex(there[0], there[2])
        elif kind == "new_run":
            last = new_runs[-1]
            start = max(dt.date.fromisoformat(last["startDate"]["date"]), DAY2) + dt.timedelta(
                days=35
            )
            end = dt.date.fromisoformat(last["endDate"]["date"]) - dt.date.fromisoformat(
                last["startDate"]["date"]
            )
            added = json.loads(json.dumps(last))
            added["id"] = f"{last['id'][:-3]}-N{len(new_runs):02d}"
            added["status"] = "application opened"
            added["startDate"] = {"date": start.isoformat(), "isFinal": True}
            added["endDate"] = {"date": (start + end).isoformat(), "isFinal": True}
            added.pop("applicationDeadline", None)
            for c in added.get("cost", []):
                c["id"] = f"{added['id'].lower()}-{c['id'].rsplit('-', 1)[-1]}"
            new_runs.append(added)
            detail = added["id"]
        self.changes.append(Change(self.org, program_id, kind, detail))
        return new


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)[:60]


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _dump(path: Path, doc: Doc) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _client_variant(doc: Doc) -> Doc:
    variant: Doc = json.loads(json.dumps(doc))
    variant["clientId"] = {"orgUnitId": "gemeente-utrecht", "clientOffer": "discount"}
    return variant


@dataclass
class Generated:
    """What :func:`generate` wrote."""

    spec: Spec
    providers: list[GeneratedProvider]
    changes: list[Change]
    documents: int
    runs: int
    rio_programmes: int

    def summary(self) -> dict[str, Any]:
        return {
            "spec": asdict(self.spec),
            "providers": len(self.providers),
            "programme_documents": self.documents,
            "runs": self.runs,
            "rio_programmes": self.rio_programmes,
            "changes": len(self.changes),
            "changes_by_kind": dict(sorted(Counter(c.kind for c in self.changes).items())),
        }


def generate(out: Path, spec: Spec = Spec(), *, day2: bool = True) -> Generated:
    """Write day 1 (and day 2), the sandbox seed and the manifest under ``out``."""
    if out.exists():
        shutil.rmtree(out)
    addrs = bag_addresses()
    sizes = _provider_sizes(spec)
    providers: list[GeneratedProvider] = []
    changes: list[Change] = []
    documents = runs = rio = 0
    for index, size in enumerate(sizes):
        gen = _ProviderGen(spec, index, size, addrs)
        days = [out / "day1" / gen.org] + ([out / "day2" / gen.org] if day2 else [])
        for d in days:
            (d / "programs").mkdir(parents=True)
            _dump(d / "metadata.json", gen.metadata())
        for n, doc in enumerate(gen.programmes()):
            variant = doc.pop("_client_variant", False)
            docs = [doc, _client_variant(doc)] if variant else [doc]
            for v, d1 in enumerate(docs):
                name = f"p{n:05d}{'-client' if v else ''}.json"
                _dump(days[0] / "programs" / name, d1)
                documents += 1
                gen.info.programmes += 1
                n_runs = len(d1["programSchedule"].get("programRun", []))
                runs += n_runs
                gen.info.runs += n_runs
                if v == 0 and "rio" in str(d1["includeInCatalog"]):
                    rio += 1
                    gen.info.rio_programmes += 1
                if day2:
                    d2 = gen.day2(d1) if v == 0 else d1
                    if d2 is not None:
                        _dump(days[1] / "programs" / name, d2)
        providers.append(gen.info)
        changes.extend(gen.changes)
    result = Generated(spec, providers, changes, documents, runs, rio)
    _dump(out / "seed.json", seed_document(providers))
    (out / "providers.json").write_text(
        json.dumps([asdict(p) for p in providers], indent=1) + "\n", encoding="utf-8"
    )
    _dump(
        out / "manifest.json",
        {**result.summary(), "change_list": [asdict(c) for c in changes]},
    )
    return result


def seed_document(providers: list[GeneratedProvider]) -> Doc:
    """The sandbox seed (``edudex-rio sandbox serve --seed``) matching the catalogue."""
    erkenningen = [{"stelsel": "CREBO", "code": code, "naam": naam} for code, naam in _CREBO] + [
        {"stelsel": "NLQF", "code": code, "naam": f"NLQF {code}"} for code, _ in _NLQF
    ]
    return {
        "besturen": [
            {
                "code": p.onderwijsbestuurcode,
                "naam": p.name,
                "kvk": p.kvk,
                "oins": [f"00000003{p.kvk}0000"],
            }
            for p in providers
        ],
        "aanbieders": [
            {
                "code": p.onderwijsaanbiedercode,
                "bestuur": p.onderwijsbestuurcode,
                "naam": p.name,
                "kvk": p.kvk,
            }
            for p in providers
        ],
        "erkenningen": erkenningen,
        "opleidingseenheden": [
            {
                "code": code,
                "bestuur": p.onderwijsbestuurcode,
                "naam": f"Bestaande opleiding {code}",
                "begindatum": "2020-01-01",
            }
            for p in providers
            for code in sorted(set(p.ocodes))
        ],
        "bag_sample": True,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--providers", type=int, default=Spec.providers)
    parser.add_argument("--programmes", type=int, default=Spec.programmes)
    parser.add_argument("--seed", type=int, default=Spec.seed)
    parser.add_argument("--change-share", type=float, default=Spec.change_share)
    args = parser.parse_args(argv)
    spec = Spec(args.providers, args.programmes, args.seed, args.change_share)
    result = generate(args.out, spec)
    print(json.dumps(result.summary(), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
