"""Plain-language explanations of every signal, in Dutch (the provider's language) and English.

Each entry has an explanation and what the provider should do. Templates take the signal's
``params`` (``{name}``); a missing parameter renders as ``?`` rather than failing, because one
incomplete signal must never stop a report.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any, Literal

from edudex_rio.report.model import Level, Signal, Subject

__all__ = [
    "HEADERS",
    "Language",
    "Text",
    "explain",
    "known_codes",
    "level_label",
    "subject_label",
]

Language = Literal["nl", "en"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Text:
    nl: str
    nl_action: str
    en: str
    en_action: str


_NOTHING = ("Niets.", "Nothing.")

_CATALOGUE: dict[str, Text] = {
    # -- what was done (INFO) ----------------------------------------------------------------
    "programme.created": Text(
        nl="De opleiding '{name}' is in RIO aangemaakt{code_phrase}.",
        nl_action=_NOTHING[0],
        en="The programme '{name}' was created in RIO{code_phrase}.",
        en_action=_NOTHING[1],
    ),
    "programme.updated": Text(
        nl="De gegevens van opleiding '{name}' zijn in RIO bijgewerkt ({what}).",
        nl_action=_NOTHING[0],
        en="The details of programme '{name}' were updated in RIO ({what}).",
        en_action=_NOTHING[1],
    ),
    "programme.closed": Text(
        nl="De opleiding '{name}' staat niet meer (voor RIO) in uw EDU-DEX-catalogus. Toekomstige "
        "startmomenten zijn uit RIO gehaald; afgelopen startmomenten blijven bewaard.",
        nl_action="Niets, als dit de bedoeling is. Anders: zet de opleiding weer in uw catalogus "
        "met includeInCatalog 'rio'.",
        en="The programme '{name}' is no longer (for RIO) in your EDU-DEX catalogue. Future "
        "start moments were removed from RIO; past ones are kept.",
        en_action="Nothing, if intended. Otherwise put the programme back in your catalogue "
        "with includeInCatalog 'rio'.",
    ),
    "programme.type_changed": Text(
        nl="Het soort opleiding van '{name}' is veranderd ({old} → {new}). Het aanbod is onder "
        "het nieuwe soort opnieuw aangemaakt; het oude aanbod is afgesloten.",
        nl_action=_NOTHING[0],
        en="The kind of programme '{name}' changed ({old} → {new}). Its offerings were created "
        "again under the new kind; the old offerings were closed.",
        en_action=_NOTHING[1],
    ),
    "offering.created": Text(
        nl="Aanbod van '{name}' op locatie {location} is in RIO aangemaakt.",
        nl_action=_NOTHING[0],
        en="An offering of '{name}' at {location} was created in RIO.",
        en_action=_NOTHING[1],
    ),
    "offering.updated": Text(
        nl="Aanbod van '{name}' op locatie {location} is in RIO bijgewerkt ({what}).",
        nl_action=_NOTHING[0],
        en="The offering of '{name}' at {location} was updated in RIO ({what}).",
        en_action=_NOTHING[1],
    ),
    "offering.closed": Text(
        nl="Aanbod van '{name}' op locatie {location} heeft geen startmomenten meer en is "
        "afgesloten per {date}.",
        nl_action="Niets. Komen er weer startmomenten op deze locatie, dan wordt het aanbod "
        "vanzelf heropend.",
        en="The offering of '{name}' at {location} has no start moments left and was closed "
        "as of {date}.",
        en_action="Nothing. If start moments return at this location the offering reopens.",
    ),
    "offering.deleted": Text(
        nl="Aanbod {code} is op uw verzoek uit RIO verwijderd.",
        nl_action=_NOTHING[0],
        en="Offering {code} was deleted from RIO at your request.",
        en_action=_NOTHING[1],
    ),
    "programme.deleted": Text(
        nl="Opleiding {code} is op uw verzoek uit RIO verwijderd.",
        nl_action=_NOTHING[0],
        en="Programme {code} was deleted from RIO at your request.",
        en_action=_NOTHING[1],
    ),
    "run.added": Text(
        nl="Startmoment {run} ({date}) is aan RIO doorgegeven.",
        nl_action=_NOTHING[0],
        en="Start moment {run} ({date}) was sent to RIO.",
        en_action=_NOTHING[1],
    ),
    "run.removed": Text(
        nl="Startmoment {run} ({date}) is uit RIO gehaald ({why}).",
        nl_action=_NOTHING[0],
        en="Start moment {run} ({date}) was removed from RIO ({why}).",
        en_action=_NOTHING[1],
    ),
    "run.moved": Text(
        nl="Startmoment {run} is verplaatst van {old} naar {new}.",
        nl_action=_NOTHING[0],
        en="Start moment {run} moved from {old} to {new}.",
        en_action=_NOTHING[1],
    ),
    "run.kept": Text(
        nl="Startmoment {run} ({date}) staat niet meer in EDU-DEX, maar is al begonnen of "
        "voorbij. Het blijft in RIO staan zoals het was, voor de geschiedenis.",
        nl_action=_NOTHING[0],
        en="Start moment {run} ({date}) is no longer in EDU-DEX but has started or ended. It "
        "stays in RIO as it was, for the record.",
        en_action=_NOTHING[1],
    ),
    "location.registered": Text(
        nl="Het adres {location} is in RIO als onderwijslocatie van u vastgelegd ({code}).",
        nl_action=_NOTHING[0],
        en="The address {location} was registered in RIO as your teaching location ({code}).",
        en_action=_NOTHING[1],
    ),
    "provider.unchanged": Text(
        nl="Er is niets veranderd sinds de vorige verwerking; er is niets naar RIO gestuurd.",
        nl_action=_NOTHING[0],
        en="Nothing changed since the previous run; nothing was sent to RIO.",
        en_action=_NOTHING[1],
    ),
    "provider.summary": Text(
        nl="{programmes} opleidingen gelezen, {writes} wijzigingen naar RIO gestuurd, "
        "{errors} fouten.",
        nl_action=_NOTHING[0],
        en="{programmes} programmes read, {writes} changes sent to RIO, {errors} errors.",
        en_action=_NOTHING[1],
    ),
    "dry_run.operation": Text(
        nl="Proefdraaien: zou '{operation}' sturen voor {object} — {reason}.",
        nl_action="Niets; er is niets verstuurd.",
        en="Dry run: would send '{operation}' for {object} — {reason}.",
        en_action="Nothing; nothing was sent.",
    ),
    # -- things that need attention ----------------------------------------------------------
    "rio.unconfirmed": Text(
        nl="RIO heeft de wijziging aan {object} aangenomen maar nog niet verwerkt. RIO verwerkt "
        "wijzigingen soms pas na uren.",
        nl_action="Niets; de volgende verwerking controleert het opnieuw.",
        en="RIO accepted the change to {object} but has not processed it yet. RIO sometimes "
        "takes hours.",
        en_action="Nothing; the next run checks again.",
    ),
    "programme.unmapped_value": Text(
        nl="De opleiding '{name}' is niet naar RIO gestuurd: de waarde '{value}' in het veld "
        "{field} heeft geen RIO-tegenhanger.",
        nl_action="Kies in EDU-DEX een andere waarde voor {field}, of vraag uw beheerder deze "
        "waarde in de vertaaltabel op te nemen.",
        en="The programme '{name}' was not sent to RIO: the value '{value}' in field {field} "
        "has no RIO equivalent.",
        en_action="Choose another value for {field} in EDU-DEX, or ask your administrator to "
        "add it to the mapping table.",
    ),
    "programme.invalid": Text(
        nl="De opleiding '{name}' is niet naar RIO gestuurd: de gegevens in EDU-DEX kloppen niet "
        "({problem}).",
        nl_action="Verbeter de opleiding in EDU-DEX; de volgende verwerking probeert het opnieuw.",
        en="The programme '{name}' was not sent to RIO: its EDU-DEX data is invalid ({problem}).",
        en_action="Correct the programme in EDU-DEX; the next run tries again.",
    ),
    "location.not_found": Text(
        nl="Het adres {location} is niet te vinden in de Basisregistratie Adressen (BAG). "
        "Startmomenten op dit adres zijn niet naar RIO gestuurd.",
        nl_action="Controleer postcode en huisnummer van de locatie in EDU-DEX.",
        en="The address {location} is not in the Dutch address register (BAG). Start moments "
        "at this address were not sent to RIO.",
        en_action="Check the location's postcode and house number in EDU-DEX.",
    ),
    "rio.rejected": Text(
        nl="RIO heeft de wijziging aan {object} geweigerd: {text}",
        nl_action="Pas de gegevens in EDU-DEX aan volgens de melding van RIO; lukt dat niet, "
        "neem dan contact op met uw beheerder en noem de RIO-code.",
        en="RIO rejected the change to {object}: {text}",
        en_action="Correct the data in EDU-DEX as RIO's message says; if that does not help, "
        "contact your administrator quoting the RIO code.",
    ),
    "rio.failed": Text(
        nl="De wijziging aan {object} kon niet bij RIO worden afgeleverd ({text}).",
        nl_action="Niets; de volgende verwerking probeert het opnieuw.",
        en="The change to {object} could not be delivered to RIO ({text}).",
        en_action="Nothing; the next run tries again.",
    ),
    "rio.skipped": Text(
        nl="De wijziging aan {object} is niet verstuurd omdat een eerdere stap mislukte.",
        nl_action="Zie de fout hierboven; de volgende verwerking probeert het opnieuw.",
        en="The change to {object} was not sent because an earlier step failed.",
        en_action="See the error above; the next run tries again.",
    ),
    "source.unavailable": Text(
        nl="Uw EDU-DEX-catalogus kon niet worden gelezen ({text}). Er is niets naar RIO gestuurd.",
        nl_action="Niets; de volgende verwerking probeert het opnieuw. Blijft dit gebeuren, "
        "controleer dan uw EDU-DEX-koppeling.",
        en="Your EDU-DEX catalogue could not be read ({text}). Nothing was sent to RIO.",
        en_action="Nothing; the next run tries again. If this persists, check your EDU-DEX "
        "connection.",
    ),
    "programme.left_out": Text(
        nl="{text}.",
        nl_action="Verbeter de opleiding in EDU-DEX; de volgende verwerking probeert het opnieuw.",
        en="{text}.",
        en_action="Correct the programme in EDU-DEX; the next run tries again.",
    ),
    "run.left_out": Text(
        nl="Startmoment {run} is niet naar RIO gestuurd: {text}.",
        nl_action="Verbeter het startmoment in EDU-DEX; de volgende verwerking probeert het "
        "opnieuw.",
        en="Start moment {run} was not sent to RIO: {text}.",
        en_action="Correct the start moment in EDU-DEX; the next run tries again.",
    ),
    "rio.still_rejected": Text(
        nl="RIO heeft de wijziging aan {object} eerder geweigerd ({text}). De opleiding is "
        "sindsdien niet veranderd, dus is de wijziging niet opnieuw gestuurd.",
        nl_action="Pas de opleiding in EDU-DEX aan volgens de melding van RIO; daarna wordt de "
        "wijziging opnieuw gestuurd.",
        en="RIO rejected the change to {object} before ({text}). The programme has not changed "
        "since, so the change was not sent again.",
        en_action="Correct the programme in EDU-DEX as RIO's message says; the change is then "
        "sent again.",
    ),
    "rio.unavailable": Text(
        nl="RIO kon niet worden bereikt of gaf geen bruikbaar antwoord ({text}). Wat hierboven "
        "niet als verstuurd staat, is niet naar RIO gestuurd.",
        nl_action="Niets; de volgende verwerking probeert het opnieuw.",
        en="RIO could not be reached or gave no usable answer ({text}). What is not listed as "
        "sent above was not sent to RIO.",
        en_action="Nothing; the next run tries again.",
    ),
    "provider.failed": Text(
        nl="De verwerking is afgebroken door een fout: {text}.",
        nl_action="Niets; de volgende verwerking probeert het opnieuw. Blijft dit gebeuren, neem "
        "dan contact op met uw beheerder.",
        en="The run was aborted by an error: {text}.",
        en_action="Nothing; the next run tries again. If this persists, contact your "
        "administrator.",
    ),
    "deletion.invalid": Text(
        nl="Verwijderopdracht in rij {row} is niet uitgevoerd: {problem}.",
        nl_action="Verbeter de rij in het Excel-bestand en lever het opnieuw aan.",
        en="Deletion instruction in row {row} was not carried out: {problem}.",
        en_action="Correct the row in the Excel sheet and submit it again.",
    ),
}

_FALLBACK = Text(
    nl="{text}",
    nl_action="Neem contact op met uw beheerder als dit onduidelijk is.",
    en="{text}",
    en_action="Contact your administrator if this is unclear.",
)

_LEVELS = {Level.INFO: "INFO", Level.WAARSCHUWING: "WARNING", Level.FOUT: "ERROR"}
_SUBJECTS = {
    Subject.OPLEIDER: "provider",
    Subject.OPLEIDING: "programme",
    Subject.STARTMOMENT: "start moment",
    Subject.LOCATIE: "location",
}

#: Column titles of the report, in order.
HEADERS: dict[Language, tuple[str, ...]] = {
    "nl": (
        "Niveau",
        "Onderwerp",
        "programId",
        "aangebodenOpleidingCode",
        "Startmoment",
        "Locatie",
        "RIO-code",
        "Toelichting",
        "Wat te doen",
    ),
    "en": (
        "Level",
        "Subject",
        "programId",
        "aangebodenOpleidingCode",
        "Start moment",
        "Location",
        "RIO code",
        "Explanation",
        "What to do",
    ),
}


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict[str, Any], language: Language = "nl") -> str:
    values = _Lenient({k: "" if v is None else str(v) for k, v in params.items()})
    for key in list(values):  # ``name_nl`` / ``name_en``: the value of ``name`` per language
        if key.endswith("_" + language):
            values[key.removesuffix("_" + language)] = values[key]
    # only plain {name} fields: no attribute or index access from templates or data
    out = []
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(values[name])
    return "".join(out)


def explain(signal: Signal, language: Language = "nl") -> tuple[str, str]:
    """(explanation, what to do) of a signal in ``language``."""
    text = _CATALOGUE.get(signal.code, _FALLBACK)
    params = dict(signal.params)
    code = params.get("code")
    params.setdefault("code_phrase_nl", f" met code {code}" if code else "")
    params.setdefault("code_phrase_en", f" with code {code}" if code else "")
    no_location = "without location" if language == "en" else "zonder locatie"
    params.setdefault("location", signal.location or no_location)
    params.setdefault("run", signal.run_id or "?")
    params.setdefault("text", params.get(f"text_{language}", signal.code))
    if language == "en":
        return _fill(text.en, params, "en"), _fill(text.en_action, params, "en")
    return _fill(text.nl, params, "nl"), _fill(text.nl_action, params, "nl")


def level_label(level: Level, language: Language = "nl") -> str:
    return level.value if language == "nl" else _LEVELS[level]


def subject_label(subject: Subject, language: Language = "nl") -> str:
    return subject.value if language == "nl" else _SUBJECTS[subject]


def known_codes() -> frozenset[str]:
    return frozenset(_CATALOGUE)
