# ruff: noqa: E501
"""The error catalogue: every RIO foutcode we know and every Digikoppeling/Edukoppeling fault code.

``describe(code)`` returns a ``Foutcode`` with its meaning and advice in Dutch and English and
whether a retry can help. Retry is judged by what the code means, informed by the SURF mapper's
production experience (RIO-NOTES §6.5): RIO applies writes asynchronously, so "does not exist
(yet)" and "delete the dependants first" codes can clear up by themselves; validation and
authorisation codes cannot. Unknown codes get a generic entry (retryable only for an unknown
``INT`` or ``DK005x`` server code).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["CATALOGUE", "Foutcode", "Layer", "describe"]


class Layer(enum.Enum):
    FAULT = "fault"  # SOAP Fault: nothing was processed (DK…/EK…)
    FOUTMELDING = "foutmelding"  # functional rejection inside a normal answer


@dataclass(frozen=True, kw_only=True)
class Foutcode:
    code: str
    layer: Layer
    retryable: bool
    meaning_nl: str
    meaning_en: str
    advice_nl: str
    advice_en: str
    known: bool = True

    def text(self, language: str = "nl") -> str:
        """One line for a report: code, meaning and advice in ``nl`` or ``en``."""
        if language == "en":
            return f"{self.code}: {self.meaning_en} {self.advice_en}"
        return f"{self.code}: {self.meaning_nl} {self.advice_nl}"


_F, _M = Layer.FAULT, Layer.FOUTMELDING
_TECH_NL = "Dit is een technische fout in de koppeling; wij lossen dit op, u hoeft niets te doen."
_TECH_EN = "This is a technical error in the connection; we fix it, no action is needed from you."
_DATA_NL = "Pas de gegevens in EDU-DEX aan; de volgende synchronisatie stuurt ze opnieuw."
_DATA_EN = "Correct the data in EDU-DEX; the next synchronisation sends it again."
_WAIT_NL = "RIO verwerkt wijzigingen met vertraging; wij proberen het automatisch opnieuw."
_WAIT_EN = "RIO applies changes with a delay; we retry automatically."
_DUO_NL = "Neem contact op met DUO (RIO-beheer) om dit te laten regelen."
_DUO_EN = "Contact DUO (RIO administration) to have this arranged."

# fmt: off
# code, layer, retryable, meaning nl, meaning en, advice nl, advice en
_ROWS: tuple[tuple[str, Layer, bool, str, str, str, str], ...] = (
    # Digikoppeling / Edukoppeling SOAP faults
    ("DK0001", _F, False, "Ongeldig SOAP-bericht (envelop).", "Invalid SOAP message (envelope).", _TECH_NL, _TECH_EN),
    ("DK0002", _F, False, "Niet geautoriseerd voor deze dienst.", "Not authorised for this service.", "Controleer of DUO het certificaat en de OIN voor RIO heeft aangemeld. " + _DUO_NL, "Check that DUO has registered the certificate and OIN for RIO. " + _DUO_EN),
    ("DK0003", _F, False, "Ongeldige SOAPAction.", "Invalid SOAPAction.", _TECH_NL, _TECH_EN),
    ("DK0004", _F, False, "Bericht voldoet niet aan het XSD-schema.", "Message does not conform to the XSD schema.", "De details noemen het veld; meestal een ongeldige waarde uit EDU-DEX. " + _DATA_NL, "The details name the field; usually an invalid value from EDU-DEX. " + _DATA_EN),
    ("DK0005", _F, False, "WS-Addressing To ontbreekt.", "WS-Addressing To is missing.", _TECH_NL, _TECH_EN),
    ("DK0006", _F, False, "WS-Addressing Action ontbreekt.", "WS-Addressing Action is missing.", _TECH_NL, _TECH_EN),
    ("DK0007", _F, False, "WS-Addressing MessageID ontbreekt.", "WS-Addressing MessageID is missing.", _TECH_NL, _TECH_EN),
    ("DK0008", _F, False, "WS-Addressing RelatesTo ontbreekt.", "WS-Addressing RelatesTo is missing.", _TECH_NL, _TECH_EN),
    ("DK0009", _F, False, "Bericht is niet in UTF-8 gecodeerd.", "Message is not UTF-8 encoded.", _TECH_NL, _TECH_EN),
    ("DK0010", _F, False, "Fout in overige headers.", "Error in other headers.", _TECH_NL, _TECH_EN),
    ("DK0011", _F, False, "Ongeldige waarde in een WS-Addressing header.", "Invalid value in a WS-Addressing header.", _TECH_NL, _TECH_EN),
    ("DK0050", _F, False, "Verwerkingsfout bij de dienst (vaak een ongeldige waarde uit een waardenlijst).", "Processing error in the service (often an invalid code-list value).", "De foutmelding noemt de waarde; controleer die in EDU-DEX of in de vertaaltabel. " + _DATA_NL, "The message names the value; check it in EDU-DEX or in the mapping table. " + _DATA_EN),
    ("DK0051", _F, True, "Dienst niet beschikbaar of time-out.", "Service unavailable or timed out.", "RIO is tijdelijk niet bereikbaar; wij proberen het later opnieuw.", "RIO is temporarily unavailable; we retry later."),
    ("EK0020", _F, False, "WS-Addressing From ontbreekt.", "WS-Addressing From is missing.", _TECH_NL, _TECH_EN),
    ("EK0021", _F, False, "From bevat geen geldige OIN.", "From does not hold a valid OIN.", "Controleer de OIN (00000003 + KvK-nummer + 0000) in uw instellingen.", "Check the OIN (00000003 + KvK number + 0000) in your settings."),
    ("EK0022", _F, False, "To bevat geen geldige OIN.", "To does not hold a valid OIN.", _TECH_NL, _TECH_EN),
    ("EK0023", _F, False, "MessageID is geen UUID.", "MessageID is not a UUID.", _TECH_NL, _TECH_EN),
    ("EK0030", _F, False, "OIN in het TLS-certificaat ontbreekt of is ongeldig.", "OIN in the TLS certificate is missing or invalid.", "Gebruik een PKIoverheid-certificaat met de juiste OIN. " + _DUO_NL, "Use a PKIoverheid certificate carrying the right OIN. " + _DUO_EN),
    ("EK0031", _F, False, "Handtekening (WS-Security) ontbreekt of is ongeldig.", "WS-Security signature missing or invalid.", "Controleer certificaat en sleutel in de instellingen. " + _TECH_NL, "Check certificate and key in the settings. " + _TECH_EN),
    # Existence (A…)
    ("A01010", _M, False, "Het adres komt niet voor in de BAG.", "The address is not in the BAG (address register).", "Controleer postcode en huisnummer van de lesplaats in EDU-DEX.", "Check postcode and house number of the teaching location in EDU-DEX."),
    ("A01011", _M, False, "De plaatsnaam is niet eenduidig.", "The place name is ambiguous.", "Vul postcode en huisnummer van de lesplaats in.", "Give postcode and house number of the teaching location."),
    ("A01020", _M, True, "De aangeboden opleiding komt (nog) niet voor in RIO.", "The offering does not exist in RIO (yet).", _WAIT_NL, _WAIT_EN),
    ("A01030", _M, False, "Het onderwijsbestuur komt niet voor in RIO.", "The governing board does not exist in RIO.", "Controleer de onderwijsbestuurcode in uw instellingen.", "Check the onderwijsbestuurcode in your settings."),
    ("A01031", _M, False, "Het onderwijsbestuur is niet geldig in de periode.", "The governing board is not valid in that period.", _DUO_NL, _DUO_EN),
    ("A01040", _M, False, "De onderwijslocatie komt niet voor in RIO.", "The teaching location does not exist in RIO.", "Controleer het adres van de lesplaats.", "Check the address of the teaching location."),
    ("A01060", _M, True, "De onderwijslocatiecode komt (nog) niet voor in RIO.", "The location code does not exist in RIO (yet).", "Een net aangemelde lesplaats is pas na verwerking door RIO bruikbaar; " + _WAIT_NL + " Blijft dit terugkomen, controleer dan het adres van de lesplaats.", "A newly registered teaching location can be used only once RIO has processed it; " + _WAIT_EN + " If this keeps coming back, check the address of the teaching location."),
    ("A01070", _M, True, "De opleidingseenheid komt (nog) niet voor in RIO.", "The programme (opleidingseenheid) does not exist in RIO (yet).", _WAIT_NL, _WAIT_EN),
    ("A01072", _M, True, "De gerelateerde opleidingseenheid komt (nog) niet voor in RIO.", "The related programme does not exist in RIO (yet).", _WAIT_NL, _WAIT_EN),
    ("A01080", _M, False, "De opleidingserkenning (stelsel en code) bestaat niet.", "The recognition (system and code) does not exist.", "Controleer het NLQF- of CREBO-nummer in EDU-DEX.", "Check the NLQF or CREBO number in EDU-DEX."),
    ("A01081", _M, False, "De opleidingserkenning hoort niet bij uw onderwijsbestuur.", "The recognition does not belong to your board.", "Controleer het NLQF- of CREBO-nummer in EDU-DEX. " + _DUO_NL, "Check the NLQF or CREBO number in EDU-DEX. " + _DUO_EN),
    ("A01090", _M, False, "De VO-vakerkenning bestaat niet.", "The VO subject recognition does not exist.", _DATA_NL, _DATA_EN),
    ("A01110", _M, False, "De onderwijsaanbieder komt niet voor in RIO.", "The provider (onderwijsaanbieder) does not exist in RIO.", "Controleer de onderwijsaanbiedercode in uw instellingen.", "Check the onderwijsaanbiedercode in your settings."),
    ("A01130", _M, True, "Het onderwijslocatiegebruik komt (nog) niet voor in RIO.", "The location use does not exist in RIO (yet).", _WAIT_NL, _WAIT_EN),
    ("A01160", _M, False, "De eigen sleutel (externe identificatie) is niet uniek.", "The own key (external identification) is not unique.", "Er staat al een record met deze sleutel in RIO, mogelijk door een andere leverancier. " + _DUO_NL, "RIO already holds a record with this key, possibly from another supplier. " + _DUO_EN),
    ("A01161", _M, True, "De eigen sleutel (externe identificatie) komt (nog) niet voor in RIO.", "The own key (external identification) does not exist in RIO (yet).", "Normaal bij een nieuwe opleiding; " + _WAIT_NL, "Normal for a new programme; " + _WAIT_EN),
    ("A02011", _M, False, "Een erkende opleidingseenheid mag niet gewijzigd worden.", "A recognised programme may not be changed.", "Wijzig erkende opleidingen via DUO, niet via EDU-DEX.", "Change recognised programmes through DUO, not through EDU-DEX."),
    ("A09999", _M, True, "De eigen sleutel komt niet voor in RIO (variant van A01161).", "The own key does not exist in RIO (variant of A01161).", _WAIT_NL, _WAIT_EN),
    # Authorisation / internal
    ("AUT401", _M, False, "Niet geautoriseerd voor dit object (aanbieder, bestuur of opleiding).", "Not authorised for this object (provider, board or programme).", "Laat DUO onze koppeling machtigen voor uw organisatie, of controleer de codes in uw instellingen. " + _DUO_NL, "Have DUO authorise our connection for your organisation, or check the codes in your settings. " + _DUO_EN),
    ("INT500", _M, True, "Interne fout bij RIO (een onderdeel was niet bereikbaar).", "Internal RIO error (a component was unreachable).", "Tijdelijke storing bij DUO; wij proberen het later opnieuw.", "Temporary failure at DUO; we retry later."),
    ("MTM001", _M, True, "Interne BAG-melding (blokkeert niet).", "Internal BAG signal (not blocking).", "Geen actie nodig.", "No action needed."),
    # Juridische relaties
    ("J06010", _M, False, "Ongeldige juridische relatie (periode).", "Invalid legal relation (period).", _DUO_NL, _DUO_EN),
    ("J06020", _M, False, "Ongeldige juridische relatie (soort).", "Invalid legal relation (type).", _DUO_NL, _DUO_EN),
    ("J06410", _M, False, "Juridische relatie buiten de looptijd.", "Legal relation outside the lifespan.", _DUO_NL, _DUO_EN),
    # Kenmerken
    ("K01010", _M, False, "Een verplicht kenmerk ontbreekt of komt te weinig voor (bijv. opleidingsvorm).", "A required attribute is missing or too rare (e.g. opleidingsvorm).", "Vul de opleidingsvorm/lesvorm in EDU-DEX in of pas de vertaaltabel aan.", "Fill in the programme form/instruction mode in EDU-DEX or adjust the mapping table."),
    ("K01020", _M, False, "Een kenmerk komt te vaak voor.", "An attribute occurs too often.", _TECH_NL, _TECH_EN),
    ("K01030", _M, False, "Kenmerk niet toegestaan voor dit soort opleiding.", "Attribute not allowed for this kind of programme.", _TECH_NL, _TECH_EN),
    ("K01040", _M, False, "Dubbele kenmerkwaarde.", "Duplicate attribute value.", _DATA_NL, _DATA_EN),
    ("K01050", _M, False, "Onbekende kenmerkwaarde.", "Unknown attribute value.", "Controleer de waarde (bijv. thema, taal, vorm) in EDU-DEX of de vertaaltabel.", "Check the value (e.g. theme, language, form) in EDU-DEX or the mapping table."),
    ("K01051", _M, False, "Kenmerkwaarde niet geldig op die datum.", "Attribute value not valid on that date.", _DATA_NL, _DATA_EN),
    ("K01060", _M, False, "Verkeerd type kenmerkwaarde.", "Wrong attribute value type.", _TECH_NL, _TECH_EN),
    # Organisation and offerings (N…)
    ("N01010", _M, False, "Ongeldige periode van het locatiegebruik.", "Invalid period of the location use.", _TECH_NL, _TECH_EN),
    ("N01020", _M, False, "Deze combinatie van bestuur en locatie bestaat al.", "This board and location combination already exists.", "Wij zoeken de bestaande locatiecode op; " + _WAIT_NL, "We look up the existing location code; " + _WAIT_EN),
    ("N01410", _M, False, "Locatiegebruik buiten de looptijd van het bestuur.", "Location use outside the board's lifespan.", _DUO_NL, _DUO_EN),
    ("N01420", _M, False, "Nieuwe locatie en nieuw gebruik moeten samen worden aangeleverd.", "A new location and its use must be delivered together.", _TECH_NL, _TECH_EN),
    ("N02010", _M, False, "Ongeldige gegevens van de onderwijslocatie.", "Invalid teaching location data.", "Controleer het adres van de lesplaats.", "Check the address of the teaching location."),
    ("N02020", _M, False, "Ongeldige gegevens van de onderwijslocatie.", "Invalid teaching location data.", "Controleer het adres van de lesplaats.", "Check the address of the teaching location."),
    ("N02030", _M, False, "Ongeldige gegevens van de onderwijslocatie.", "Invalid teaching location data.", "Controleer het adres van de lesplaats.", "Check the address of the teaching location."),
    ("N02040", _M, False, "Ongeldige gegevens van de onderwijslocatie.", "Invalid teaching location data.", "Controleer het adres van de lesplaats.", "Check the address of the teaching location."),
    ("N03010", _M, False, "Huisnummertoevoeging langer dan 6 tekens.", "House number addition longer than 6 characters.", "Kort de toevoeging van het adres in EDU-DEX in.", "Shorten the house number addition in EDU-DEX."),
    ("N04010", _M, False, "Ongeldige periode van de onderwijsaanbieder.", "Invalid provider period.", _DUO_NL, _DUO_EN),
    ("N04410", _M, False, "Aanbieder buiten de looptijd van het bestuur.", "Provider outside the board's lifespan.", _DUO_NL, _DUO_EN),
    ("N04420", _M, False, "Ongeldige relatie van de aanbieder.", "Invalid provider relation.", _DUO_NL, _DUO_EN),
    ("N04430", _M, False, "Aangeboden opleidingen vallen buiten de periode van de aanbieder.", "Offerings fall outside the provider's period.", _DUO_NL, _DUO_EN),
    ("N04810", _M, True, "Eerst contactadressen, relaties en aangeboden opleidingen verwijderen.", "Delete addresses, relations and offerings first.", _WAIT_NL, _WAIT_EN),
    ("N04820", _M, False, "De aanbieder wordt nog gebruikt in BRON.", "The provider is still referenced in BRON.", _DUO_NL, _DUO_EN),
    ("N05010", _M, False, "Perioden van de aanbieder zijn ongeldig.", "Provider periods are invalid.", _DUO_NL, _DUO_EN),
    ("N05060", _M, False, "Perioden van de aanbieder zijn ongeldig.", "Provider periods are invalid.", _DUO_NL, _DUO_EN),
    ("N09010", _M, False, "Einddatum van de aangeboden opleiding ligt niet na de begindatum.", "The offering's end date is not after its start date.", "Controleer de data van de startmomenten in EDU-DEX.", "Check the dates of the start moments in EDU-DEX."),
    ("N09030", _M, False, "Ongeldige leertrajectcode.", "Invalid learning path.", _DATA_NL, _DATA_EN),
    ("N09050", _M, False, "Ongeldige eenheid van opleidingsduur.", "Invalid unit of programme duration.", "Controleer de duur van de opleiding in EDU-DEX.", "Check the programme duration in EDU-DEX."),
    ("N09060", _M, False, "Ongeldig MBO-niveau.", "Invalid MBO level.", _DATA_NL, _DATA_EN),
    ("N09070", _M, False, "Ongeldige toelatingseisen.", "Invalid admission requirements.", _DATA_NL, _DATA_EN),
    ("N09080", _M, False, "Ongeldige toegankelijkheid.", "Invalid accessibility value.", _DATA_NL, _DATA_EN),
    ("N09090", _M, False, "Eerste instroomdatum ligt niet voor de einddatum.", "First intake date is not before the end date.", "Controleer de data van de startmomenten in EDU-DEX.", "Check the dates of the start moments in EDU-DEX."),
    ("N09410", _M, True, "Aangeboden opleiding valt buiten de looptijd van de opleiding.", "The offering lies outside the programme's lifespan.", _WAIT_NL, _WAIT_EN),
    ("N09430", _M, False, "Aangeboden opleiding valt buiten de looptijd van de aanbieder.", "The offering lies outside the provider's lifespan.", _DUO_NL, _DUO_EN),
    ("N09440", _M, False, "De onderwijsaanbiedercode bestaat niet of is geen aanbieder.", "The provider code does not exist or is not a provider.", "Controleer de onderwijsaanbiedercode in uw instellingen.", "Check the onderwijsaanbiedercode in your settings."),
    ("N09450", _M, False, "Opleiding en aanbieder van een aangeboden opleiding kunnen niet wijzigen.", "An offering's programme and provider cannot change.", _TECH_NL, _TECH_EN),
    ("N10010", _M, False, "Einddatum van een periode ligt niet na de begindatum.", "A period's end date is not after its start.", _TECH_NL, _TECH_EN),
    ("N10020", _M, False, "Periode valt buiten de looptijd van de aangeboden opleiding.", "A period lies outside the offering's lifespan.", _TECH_NL, _TECH_EN),
    ("N10030", _M, False, "Soort periode past niet bij de aangeboden opleiding.", "Period kind does not match the offering.", _TECH_NL, _TECH_EN),
    ("N10040", _M, False, "Perioden overlappen of sluiten niet aan.", "Periods overlap or are not contiguous.", _TECH_NL, _TECH_EN),
    ("N10050", _M, False, "Perioden beginnen/eindigen niet met de aangeboden opleiding.", "Periods do not start/end with the offering.", _TECH_NL, _TECH_EN),
    ("N10060", _M, False, "Samenwerkende aanbieder meer dan eens in een periode.", "Partner provider more than once in a period.", _DATA_NL, _DATA_EN),
    ("N10410", _M, False, "Samenwerkende onderwijsaanbiedercode bestaat niet.", "Partner provider code does not exist.", _DATA_NL, _DATA_EN),
    ("N11020", _M, False, "Einde aanmeldperiode ligt niet na het begin ervan.", "End of application period is not after its start.", "Controleer de aanmelddeadline van het startmoment in EDU-DEX.", "Check the application deadline of the start moment in EDU-DEX."),
    ("N11030", _M, False, "Einde instroomperiode ligt niet na het begin ervan.", "End of intake period is not after its start.", "Controleer de data van het startmoment in EDU-DEX.", "Check the dates of the start moment in EDU-DEX."),
    ("N11040", _M, False, "Einddatum van het startmoment ligt niet na de start.", "The start moment's end date is not after its start.", "Controleer begin- en einddatum van het startmoment in EDU-DEX.", "Check start and end date of the start moment in EDU-DEX."),
    ("N11410", _M, False, "Aanmeldperiode eindigt na de aangeboden opleiding.", "Application period ends after the offering.", _TECH_NL, _TECH_EN),
    ("N11420", _M, False, "Cohortcode is niet uniek binnen de aangeboden opleiding.", "Cohort code not unique within the offering.", "Twee startmomenten hebben dezelfde id in EDU-DEX; maak ze uniek.", "Two start moments share one id in EDU-DEX; make them unique."),
    ("N11421", _M, True, "Cohortcode is niet uniek over de STAP-startmomenten van de aanbieder.", "Cohort code not unique over the provider's STAP start moments.", "Gebeurt bij verhuizen van een startmoment; " + _WAIT_NL, "Happens while a start moment moves; " + _WAIT_EN),
    ("N11430", _M, False, "Instroomperiode eindigt na de aangeboden opleiding.", "Intake period ends after the offering.", _TECH_NL, _TECH_EN),
    ("N11440", _M, False, "Ongeldige cohortstatus.", "Invalid cohort status.", _TECH_NL, _TECH_EN),
    ("N11450", _M, False, "Ongeldige waarde voor toestemming vereist voor aanmelding.", "Invalid 'consent required for application' value.", _TECH_NL, _TECH_EN),
    ("N11460", _M, False, "Instroommoment ligt na de einddatum van de aangeboden opleiding.", "Intake moment lies after the offering's end.", _TECH_NL, _TECH_EN),
    # Opleidingseenheid and relations (P…)
    ("P01010", _M, False, "Einddatum van de opleiding ligt niet na de begindatum.", "The programme's end date is not after its start.", _DATA_NL, _DATA_EN),
    ("P01020", _M, False, "Ongeldige herkomst van de opleiding.", "Invalid programme origin.", _TECH_NL, _TECH_EN),
    ("P01040", _M, False, "Ongeldig niveau.", "Invalid level.", "Controleer het niveau (NLQF/EQF) in EDU-DEX.", "Check the level (NLQF/EQF) in EDU-DEX."),
    ("P01060", _M, False, "Ongeldige waardedocumentsoort.", "Invalid kind of diploma/certificate.", "Controleer het soort diploma of certificaat (degree) in EDU-DEX of de vertaaltabel.", "Check the degree in EDU-DEX or the mapping table."),
    ("P01070", _M, False, "Een niveau komt meer dan eens voor.", "A level occurs more than once.", _DATA_NL, _DATA_EN),
    ("P01080", _M, False, "Overlappende opleiding met dezelfde code en herkomst.", "Overlapping programme with the same code and origin.", _TECH_NL, _TECH_EN),
    ("P01081", _M, False, "Er bestaat al een opleiding met dezelfde eigen sleutel.", "A programme with the same own key already exists.", "De opleiding staat al in RIO; wij koppelen haar. Blijft dit terugkomen, " + _DUO_NL[0].lower() + _DUO_NL[1:], "The programme is already in RIO; we link it. If this keeps happening, " + _DUO_EN[0].lower() + _DUO_EN[1:]),
    ("P01410", _M, True, "Aangeboden opleidingen vallen buiten de looptijd van de opleiding.", "Offerings fall outside the programme's lifespan.", "Eerst worden de aangeboden opleidingen beëindigd; " + _WAIT_NL, "The offerings are ended first; " + _WAIT_EN),
    ("P01420", _M, False, "Opleidingserkenning valt buiten de periode van de opleiding.", "Recognition outside the programme's period.", _DUO_NL, _DUO_EN),
    ("P01430", _M, False, "Opleidingsrelaties vallen buiten de periode van de opleiding.", "Programme relations outside the programme's period.", _DUO_NL, _DUO_EN),
    ("P01440", _M, False, "Structuur valt buiten de periode van de opleiding.", "Structure outside the programme's period.", _DUO_NL, _DUO_EN),
    ("P01810", _M, True, "Eerst erkenningen, relaties en aangeboden opleidingen verwijderen.", "Delete recognitions, relations and offerings first.", _WAIT_NL, _WAIT_EN),
    ("P02010", _M, False, "Ongeldige data van een periode van de opleiding.", "Invalid dates of a programme period.", _TECH_NL, _TECH_EN),
    ("P02020", _M, False, "Periode valt buiten de looptijd van de opleiding.", "Period outside the programme's lifespan.", _TECH_NL, _TECH_EN),
    ("P02030", _M, False, "Soort periode past niet bij de opleiding.", "Period kind does not match the programme.", _TECH_NL, _TECH_EN),
    ("P02040", _M, False, "Ongeldige studielasteenheid.", "Invalid study load unit.", _TECH_NL, _TECH_EN),
    ("P02041", _M, False, "Geen studielast toegestaan voor deze soort HO-opleiding.", "No study load allowed for this HO kind.", _TECH_NL, _TECH_EN),
    ("P02060", _M, False, "Ongeldige waardedocumentsoort in de periode.", "Invalid diploma kind in the period.", _DATA_NL, _DATA_EN),
    ("P02070", _M, False, "Perioden van de opleiding overlappen of sluiten niet aan.", "Programme periods overlap or are not contiguous.", _TECH_NL, _TECH_EN),
    ("P02080", _M, False, "Perioden beginnen/eindigen niet met de opleiding.", "Periods do not start/end with the programme.", _TECH_NL, _TECH_EN),
    ("P04010", _M, False, "Ongeldige opleidingsrelatie.", "Invalid programme relation.", _TECH_NL, _TECH_EN),
    ("P04020", _M, False, "Ongeldige opleidingsrelatie.", "Invalid programme relation.", _TECH_NL, _TECH_EN),
    ("P04030", _M, False, "Ongeldige opleidingsrelatie.", "Invalid programme relation.", _TECH_NL, _TECH_EN),
    ("P04040", _M, False, "Ongeldige opleidingsrelatie.", "Invalid programme relation.", _TECH_NL, _TECH_EN),
    ("P04050", _M, False, "Ongeldige opleidingsrelatie.", "Invalid programme relation.", _TECH_NL, _TECH_EN),
    ("P04410", _M, False, "Opleidingsrelatie valt buiten de looptijd.", "Programme relation outside the lifespan.", _TECH_NL, _TECH_EN),
)
# fmt: on

CATALOGUE: dict[str, Foutcode] = {
    row[0]: Foutcode(
        code=row[0],
        layer=row[1],
        retryable=row[2],
        meaning_nl=row[3],
        meaning_en=row[4],
        advice_nl=row[5],
        advice_en=row[6],
    )
    for row in _ROWS
}


def describe(code: str) -> Foutcode:
    """The catalogue entry for ``code`` (case and spaces ignored), or a generic one."""
    key = code.strip().upper()
    if key in CATALOGUE:
        return CATALOGUE[key]
    layer = _F if key.startswith(("DK", "EK")) else _M
    retryable = key.startswith(("INT", "DK005"))
    return Foutcode(
        code=key or "?",
        layer=layer,
        retryable=retryable,
        meaning_nl="Onbekende foutcode van RIO.",
        meaning_en="Unknown RIO error code.",
        advice_nl=_WAIT_NL if retryable else "Wij onderzoeken deze melding. " + _DATA_NL,
        advice_en=_WAIT_EN if retryable else "We look into this message. " + _DATA_EN,
        known=False,
    )
