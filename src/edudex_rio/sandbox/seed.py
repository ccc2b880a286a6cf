"""Seeding: what RIO already knows before anyone talks to the sandbox.

A seed is a YAML or JSON document (see the README of the sandbox, ``edudex-rio sandbox
serve --seed FILE``)::

    besturen:      [{code: 100B490, naam: ..., kvk: "12345678", oins: ["000000031234567800000"]}]
    aanbieders:    [{code: 110A133, bestuur: 100B490, naam: ..., kvk: ..., in_bedrijf: 2020-01-01}]
    autorisaties:  [{oin: ..., besturen: [100B490]}]
    erkenningen:   [{stelsel: CREBO, code: "25180", naam: Kok, opleidingseenheidcode: 1000O0001}]
    opleidingseenheden: [{code: 1007O5629, bestuur: 100B490, naam: ..., begindatum: 2015-01-01}]
    locaties:      [{code: 107X215, postcode: 9722TB, huisnummer: 12, plaatsnaam: GRONINGEN}]
    bag:           [{postcode: 9722TB, huisnummer: 12, straat: Kempkensberg, plaatsnaam: Groningen}]
    bag_csv: addresses.csv      # relative to the seed file
    bag_sample: true            # load the bundled sample of BAG addresses
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from importlib import resources
from pathlib import Path

import yaml
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from edudex_rio.sandbox.context import issue_code
from edudex_rio.sandbox.store import (
    Aanbieder,
    Autorisatie,
    BagAdres,
    Bestuur,
    Erkenning,
    Locatie,
    RioObject,
)
from edudex_rio.sandbox.xmlutil import BEHEREN

__all__ = ["Seed", "apply", "bag_rows", "load", "normalise_toevoeging", "sample_bag_csv"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SeedBestuur(_Model):
    code: str = Field(pattern=r"^\d{3}B\d{3}$")
    naam: str = ""
    kvk: str | None = None
    in_bedrijf: date = date(2000, 1, 1)
    uit_bedrijf: date | None = None
    oins: list[str] = []


class SeedAanbieder(_Model):
    code: str = Field(pattern=r"^\d{3}A\d{3}$")
    bestuur: str
    naam: str = ""
    kvk: str | None = None
    in_bedrijf: date = date(2000, 1, 1)
    uit_bedrijf: date | None = None
    eigen_sleutel: str | None = None


class SeedAutorisatie(_Model):
    oin: str
    besturen: list[str]


class SeedErkenning(_Model):
    stelsel: str
    code: str
    naam: str = ""
    opleidingseenheidcode: str | None = None
    besturen: list[str] = []
    begindatum: date = date(2000, 1, 1)


class SeedOpleidingseenheid(_Model):
    code: str = Field(pattern=r"^\d{4}O\d{4}$")
    soort: str = "particuliereOpleiding"
    bestuur: str | None = None
    naam: str = "Opleiding"
    begindatum: date = date(2000, 1, 1)
    einddatum: date | None = None
    eigen_sleutel: str | None = None
    erkend: bool = False


class SeedAangebodenOpleiding(_Model):
    code: str
    aanbieder: str
    opleidingseenheidcode: str
    begindatum: date = date(2000, 1, 1)
    einddatum: date | None = None
    locatiecode: str | None = None
    eigen_sleutel: str | None = None
    naam: str | None = None


class SeedLocatie(_Model):
    code: str = Field(pattern=r"^\d{3}X\d{3}$")
    postcode: str | None = None
    huisnummer: int | None = None
    toevoeging: str = ""
    plaatsnaam: str | None = None


class SeedAdres(_Model):
    postcode: str = Field(pattern=r"^[1-9][0-9]{3}[A-Z]{2}$")
    huisnummer: int
    toevoeging: str = ""
    straat: str = ""
    plaatsnaam: str = ""
    bag_id: str | None = None


class Seed(_Model):
    """Everything a sandbox can be seeded with."""

    besturen: list[SeedBestuur] = []
    aanbieders: list[SeedAanbieder] = []
    autorisaties: list[SeedAutorisatie] = []
    erkenningen: list[SeedErkenning] = []
    opleidingseenheden: list[SeedOpleidingseenheid] = []
    aangeboden_opleidingen: list[SeedAangebodenOpleiding] = []
    locaties: list[SeedLocatie] = []
    bag: list[SeedAdres] = []
    bag_csv: str | None = None
    bag_sample: bool = False


def load(path: Path) -> Seed:
    """Read a seed from a ``.yaml``/``.yml`` or ``.json`` file; a BAG CSV is read beside it."""
    raw_text = path.read_text(encoding="utf-8")
    raw = json.loads(raw_text) if path.suffix == ".json" else yaml.safe_load(raw_text)
    data = Seed.model_validate(raw or {})
    if data.bag_csv:
        extra = bag_rows((path.parent / data.bag_csv).read_text(encoding="utf-8"))
        data = data.model_copy(update={"bag": [*data.bag, *extra], "bag_csv": None})
    return data


def normalise_toevoeging(value: str) -> str:
    """BAG huisletter + huisnummertoevoeging as one comparable string (``"7 d-"`` → ``"D"``)."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


def bag_rows(text: str) -> list[SeedAdres]:
    """Addresses from CSV with a header naming postcode, huisnummer and optionally huisletter,
    toevoeging, straat, plaatsnaam (or plaats) and bag_id — the sandbox's own sample and the
    example catalogue's ``bag-addresses.csv`` both read."""
    rows = csv.DictReader(io.StringIO(text))
    return [
        SeedAdres(
            postcode=r["postcode"].replace(" ", "").upper(),
            huisnummer=int(r["huisnummer"]),
            toevoeging=normalise_toevoeging(
                (r.get("huisletter") or "") + (r.get("toevoeging") or "")
            ),
            straat=r.get("straat") or "",
            plaatsnaam=r.get("plaatsnaam") or r.get("plaats") or "",
            bag_id=r.get("bag_id") or None,
        )
        for r in rows
    ]


def sample_bag_csv() -> str:
    """The bundled sample of BAG addresses (CSV)."""
    ref = resources.files("edudex_rio.sandbox").joinpath("data", "bag-sample.csv")
    return ref.read_text(encoding="utf-8")


def _oe_payload(o: SeedOpleidingseenheid) -> str:
    def sub(parent: etree._Element, name: str, value: str | None = None) -> etree._Element:
        e = etree.SubElement(parent, f"{{{BEHEREN}}}{name}")
        e.text = value
        return e

    root = etree.Element(f"{{{BEHEREN}}}{o.soort}", nsmap={"duo": BEHEREN})
    sub(root, "begindatum", o.begindatum.isoformat())
    if o.einddatum:
        sub(root, "einddatum", o.einddatum.isoformat())
    kenmerken = [("eigenOpleidingseenheidSleutel", o.eigen_sleutel, "Tekst")]
    if o.soort == "hoOpleiding":
        kenmerken.append(("soort", "OPLEIDING", "Enumeratiewaarde"))
    for naam, waarde, soort in kenmerken:
        if waarde:
            k = sub(root, "kenmerken")
            sub(k, "kenmerknaam", naam)
            sub(k, f"kenmerkwaarde{soort}", waarde)
    periode = sub(root, f"{o.soort}Periode")
    sub(periode, "begindatum", o.begindatum.isoformat())
    sub(periode, "naamLang", o.naam)
    if o.soort == "hoOpleiding":
        sub(root, "waardedocumentsoort", "DIPLOMA")
        sub(root, "niveau", "HBO-BA")
    elif o.soort == "particuliereOpleiding":
        sub(root, "niveau", "ONBEPAALD")
    return etree.tostring(root, encoding="unicode")


def _ao_payload(a: SeedAangebodenOpleiding) -> str:
    def sub(parent: etree._Element, name: str, value: str | None = None) -> etree._Element:
        e = etree.SubElement(parent, f"{{{BEHEREN}}}{name}")
        e.text = value
        return e

    root = etree.Element(f"{{{BEHEREN}}}aangebodenParticuliereOpleiding", nsmap={"duo": BEHEREN})
    sub(root, "aangebodenOpleidingCode", a.code)
    sub(root, "onderwijsaanbiedercode", a.aanbieder)
    if a.locatiecode:
        sub(root, "onderwijslocatiecode", a.locatiecode)
    sub(root, "begindatum", a.begindatum.isoformat())
    if a.einddatum:
        sub(root, "einddatum", a.einddatum.isoformat())
    sub(root, "opleidingseenheidSleutel", a.opleidingseenheidcode)
    periode = sub(root, "aangebodenParticuliereOpleidingPeriode")
    sub(periode, "begindatum", a.begindatum.isoformat())
    if a.naam:
        sub(periode, "eigenNaamAangebodenOpleiding", a.naam)
    if a.eigen_sleutel:
        k = sub(root, "kenmerken")
        sub(k, "kenmerknaam", "eigenAangebodenOpleidingSleutel")
        sub(k, "kenmerkwaardeTekst", a.eigen_sleutel)
    return etree.tostring(root, encoding="unicode")


def _exists(s: Session, kind: str, code: str) -> bool:
    found = s.scalar(
        select(RioObject.id).where(RioObject.kind == kind, RioObject.code == code).limit(1)
    )
    return found is not None


def apply(s: Session, data: Seed) -> None:
    """Write ``data`` into the sandbox database. Seeding again is harmless: organisations,
    recognitions and addresses are replaced, objects RIO already holds (by code) are kept."""
    epoch = datetime(1900, 1, 1)
    for b in data.besturen:
        s.merge(
            Bestuur(
                code=b.code,
                naam=b.naam,
                kvk=b.kvk,
                in_bedrijf=b.in_bedrijf,
                uit_bedrijf=b.uit_bedrijf,
            )
        )
        for i, oin in enumerate(b.oins):
            s.merge(Autorisatie(oin=oin, bestuur=b.code, volgorde=i))
    for a in data.autorisaties:
        for i, bestuur in enumerate(a.besturen):
            s.merge(Autorisatie(oin=a.oin, bestuur=bestuur, volgorde=100 + i))
    for a2 in data.aanbieders:
        s.merge(
            Aanbieder(
                code=a2.code,
                bestuur=a2.bestuur,
                naam=a2.naam,
                kvk=a2.kvk,
                in_bedrijf=a2.in_bedrijf,
                uit_bedrijf=a2.uit_bedrijf,
                eigen_sleutel=a2.eigen_sleutel,
            )
        )
    oes = list(data.opleidingseenheden)
    for e in data.erkenningen:
        known = s.get(Erkenning, (e.stelsel, e.code))
        code = e.opleidingseenheidcode or (
            known.opleidingseenheidcode if known else issue_code(s, "oe")
        )
        s.merge(
            Erkenning(
                stelsel=e.stelsel,
                code=e.code,
                opleidingseenheidcode=code,
                besturen=",".join(e.besturen),
            )
        )
        if not any(o.code == code for o in oes):
            oes.append(
                SeedOpleidingseenheid(
                    code=code,
                    naam=e.naam or f"{e.stelsel} {e.code}",
                    begindatum=e.begindatum,
                    erkend=True,
                )
            )
    for o in oes:
        if _exists(s, "oe", o.code):
            continue
        s.add(
            RioObject(
                kind="oe",
                code=o.code,
                visible_from=epoch,
                soort=o.soort,
                bestuur=o.bestuur,
                eigen_sleutel=o.eigen_sleutel,
                begindatum=o.begindatum,
                einddatum=o.einddatum,
                erkend=o.erkend,
                payload=_oe_payload(o),
            )
        )
    for a3 in data.aangeboden_opleidingen:
        if _exists(s, "ao", a3.code.lower()):
            continue
        s.add(
            RioObject(
                kind="ao",
                code=a3.code.lower(),
                visible_from=epoch,
                soort="aangebodenParticuliereOpleiding",
                aanbieder=a3.aanbieder,
                opleidingseenheid=a3.opleidingseenheidcode,
                eigen_sleutel=a3.eigen_sleutel,
                begindatum=a3.begindatum,
                einddatum=a3.einddatum,
                payload=_ao_payload(a3),
            )
        )
    for loc in data.locaties:
        s.merge(
            Locatie(
                code=loc.code,
                postcode=loc.postcode,
                huisnummer=loc.huisnummer,
                toevoeging=loc.toevoeging,
                plaatsnaam=loc.plaatsnaam,
                visible_from=epoch,
            )
        )
    adressen = list(data.bag) + (bag_rows(sample_bag_csv()) if data.bag_sample else [])
    for adr in adressen:
        s.merge(
            BagAdres(
                postcode=adr.postcode,
                huisnummer=adr.huisnummer,
                toevoeging=normalise_toevoeging(adr.toevoeging),
                straat=adr.straat,
                plaatsnaam=adr.plaatsnaam,
                bag_id=adr.bag_id,
            )
        )
