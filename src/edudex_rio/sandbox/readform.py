"""Turn stored write-form objects into the Raadplegen read form, and build response payloads.

The read form differs from the write form (RIO-NOTES §7 pitfall 4): it lives in the
Raadplegen namespace, an opleidingseenheid gains ``herkomstOpleiding`` and an
``eigenaar`` kenmerk per period, an offering names its ``opleidingseenheidcode`` instead
of ``opleidingseenheidSleutel``, and a cohort lists ``einddatum`` before ``bedrijfsopleiding``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence

from lxml import etree

from edudex_rio.sandbox.rules import Fout
from edudex_rio.sandbox.xmlutil import RAADPLEGEN, child, children, local, parse, text

__all__ = [
    "ao_read",
    "bedrijfsdocument",
    "el",
    "oe_read",
    "sleutelwaarde",
]


def el(ns: str, name: str, value: str | None = None) -> etree._Element:
    """An element in ``ns`` (payload prefix ``ns2`` like DUO), optionally with text."""
    out = etree.Element(f"{{{ns}}}{name}", nsmap={"ns2": ns})
    if value is not None:
        out.text = value
    return out


def sleutelwaarde(value: str) -> str:
    """DUO cuts key values longer than 25 characters to ``first11...last11``."""
    return value if len(value) <= 25 else f"{value[:11]}...{value[-11:]}"


def bedrijfsdocument(
    ns: str,
    operation: str,
    request: etree._Element,
    *,
    duo_oin: str,
    before: Sequence[etree._Element] = (),
    goedgekeurd: bool,
    fouten: Iterable[Fout] = (),
    after: Sequence[etree._Element] = (),
    code_first: Sequence[etree._Element] = (),
) -> etree._Element:
    """A ``<operation>_response``: echoed Bedrijfsdocument header, result, foutmeldingen."""
    resp = el(ns, f"{operation}_response")
    resp.append(
        el(
            ns,
            "identificatiecodeBedrijfsdocument",
            text(request, "identificatiecodeBedrijfsdocument"),
        )
    )
    resp.append(el(ns, "verzendendeInstantie", duo_oin))
    resp.append(el(ns, "ontvangendeInstantie", text(request, "verzendendeInstantie")))
    resp.append(el(ns, "datumTijdBedrijfsdocument", text(request, "datumTijdBedrijfsdocument")))
    for item in before:
        resp.append(item)
    resp.append(el(ns, "requestGoedgekeurd", "true" if goedgekeurd else "false"))
    for item in code_first:
        resp.append(item)
    for f in list(fouten)[:99]:
        melding = el(ns, "foutmelding")
        melding.append(el(ns, "foutcode", f.code))
        melding.append(el(ns, "fouttekst", f.tekst[:200]))
        sleutels = f.sleutels or (("melding", "-"),)
        for naam, waarde in sleutels[:5]:
            sg = el(ns, "sleutelgegeven")
            sg.append(el(ns, "sleutelnaam", sleutelwaarde(naam)))
            sg.append(el(ns, "sleutelwaarde", sleutelwaarde(waarde)))
            melding.append(sg)
        resp.append(melding)
    for item in after:
        resp.append(item)
    return resp


def _renamed(src: etree._Element) -> etree._Element:
    out = copy.deepcopy(src)
    for node in out.iter():
        if isinstance(node.tag, str):
            node.tag = f"{{{RAADPLEGEN}}}{local(node)}"
    return out


def _kenmerk(naam: str, waarde: str) -> etree._Element:
    k = el(RAADPLEGEN, "kenmerken")
    k.append(el(RAADPLEGEN, "kenmerknaam", naam))
    k.append(el(RAADPLEGEN, "kenmerkwaardeTekst", waarde))
    return k


_PERIOD_HEAD = {
    "begindatum",
    "naamLang",
    "naamKort",
    "internationaleNaam",
    "omschrijving",
    "kenmerken",
}


def _period(src: etree._Element, eigenaar: str | None) -> etree._Element:
    out = _renamed(src)
    if eigenaar:
        head = [c for c in children(out) if local(c) in _PERIOD_HEAD]
        head[-1].addnext(_kenmerk("eigenaar", eigenaar))
    return out


def oe_read(
    payload: str, *, code: str, eigenaar: str | None, herkomst: str = "INSTELLING"
) -> etree._Element:
    """The Raadplegen form of a stored opleidingseenheid."""
    src = parse(payload.encode())
    out = el(RAADPLEGEN, local(src))
    out.append(el(RAADPLEGEN, "opleidingseenheidcode", code))
    out.append(el(RAADPLEGEN, "herkomstOpleiding", herkomst))
    rest = [c for c in children(src) if local(c) not in {"opleidingseenheidcode"}]
    for c in rest:
        if local(c) in {"begindatum", "einddatum"}:
            out.append(_renamed(c))
    for c in rest:
        if local(c).endswith("Periode"):
            out.append(_period(c, eigenaar))
    for c in rest:
        if local(c) == "kenmerken":
            out.append(_renamed(c))
    for c in rest:
        if local(c) not in {"begindatum", "einddatum", "kenmerken"} and not local(c).endswith(
            "Periode"
        ):
            out.append(_renamed(c))
    etree.cleanup_namespaces(out)
    return out


def _cohort(src: etree._Element) -> etree._Element:
    out = _renamed(src)
    einde = child(out, "einddatum")
    bedrijf = child(out, "bedrijfsopleiding")
    if einde is not None and bedrijf is not None:
        bedrijf.addprevious(einde)
    return out


_AO_HEAD = ("aangebodenOpleidingCode", "onderwijsaanbiedercode")
_AO_DATES = ("onderwijslocatiecode", "begindatum", "eersteInstroomDatum", "einddatum")


def ao_read(payload: str, *, opleidingseenheidcode: str) -> etree._Element:
    """The Raadplegen form of a stored aangeboden opleiding."""
    src = parse(payload.encode())
    out = el(RAADPLEGEN, local(src))
    by_name = {local(c): c for c in children(src)}
    for name in _AO_HEAD:
        out.append(_renamed(by_name[name]))
    out.append(el(RAADPLEGEN, "opleidingseenheidcode", opleidingseenheidcode))
    for name in _AO_DATES:
        if name in by_name:
            out.append(_renamed(by_name[name]))
    if "opleidingserkenningSleutel" in by_name:
        out.append(_renamed(by_name["opleidingserkenningSleutel"]))
    skip = {*_AO_HEAD, *_AO_DATES, "opleidingserkenningSleutel", "opleidingseenheidSleutel"}
    skip |= {"voVakerkenningSleutel"}
    for c in children(src):
        name = local(c)
        if name in skip:
            continue
        out.append(_cohort(c) if name.endswith("Cohort") else _renamed(c))
    etree.cleanup_namespaces(out)
    return out
