"""Mapping rules of DESIGN §2 on small hand-written programmes, asserting the exact RIO objects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

import pytest

from edudex_rio.edudex.model import (
    CreboRegistration,
    InstructionLanguage,
    LocalizedText,
    Location,
    NlqfRegistration,
    StudyLoad,
)
from edudex_rio.mapping import (
    AangebodenOpleiding,
    AangebodenOpleidingPeriode,
    Cohort,
    History,
    Onderwijslocatie,
    Opleidingseenheid,
    OpleidingseenheidPeriode,
    Opleidingserkenning,
    map_provider,
)
from edudex_rio.mapping.adres import Adres
from edudex_rio.mapping.keys import NS
from tests.unit.mapplan_factories import SETTINGS, TODAY, ZWOLLE, cost, program, run

SLEUTEL = str(uuid.uuid5(NS, "acme/P1"))
UTRECHT_KEY = "3511ED|12|A"


def _code(kind: str, location: str, path: str = "-") -> str:
    return str(uuid.uuid5(NS, f"{SLEUTEL}/{kind}/{location}/{path}"))


def _one(programs: list, **kw: object):  # type: ignore[no-untyped-def]
    return map_provider(programs, settings=kw.pop("settings", SETTINGS), today=TODAY, **kw)  # type: ignore[arg-type]


def test_particuliere_opleiding_exactly() -> None:
    p = program(
        name={"nl": "Projectmanagement <b>basis</b>", "en": "Project management"},
        themes=("management", "quality and project management", "law"),
        runs=(
            run(
                "4711",
                application_deadline=dt.date(2026, 8, 15),
                max_participants=12,
                costs=(cost("1000.00", vat_percentage=21), cost("50.00", "lunch")),
            ),
        ),
        web_link=LocalizedText.of({"nl": "https://acme.nl/pm"}),
    )
    result = _one([p])
    assert result.problems == ()
    assert dict(result.stand.opleidingseenheden) == {
        SLEUTEL: Opleidingseenheid(
            eigen_sleutel=SLEUTEL,
            programma="acme/P1",
            begindatum=TODAY,
            categorieen=("MANAGEMENT_EN_PROJECTMNGT", "RECHT"),
            perioden=(
                OpleidingseenheidPeriode(
                    begindatum=TODAY,
                    naam_lang="Projectmanagement basis",
                    internationale_naam="Project management",
                    omschrijving="Korte samenvatting.",
                    studielast=40,
                    studielasteenheid="UUR",
                ),
            ),
            waardedocumentsoort="CERTIFICAAT",
            niveau="ONBEPAALD",
        )
    }
    code = _code("particulier", UTRECHT_KEY)
    assert dict(result.stand.aangeboden) == {
        code: AangebodenOpleiding(
            code=code,
            kind="particulier",
            programma="acme/P1",
            onderwijsaanbiedercode="110A133",
            oe_sleutel=SLEUTEL,
            location_key=UTRECHT_KEY,
            location_label="Utrecht",
            begindatum=TODAY,
            eerste_instroomdatum=dt.date(2026, 9, 1),
            afwijkende_opleidingsduur=("M", 3),
            voertaal="NLD",
            perioden=(
                AangebodenOpleidingPeriode(
                    begindatum=TODAY,
                    eigen_naam="Projectmanagement basis",
                    eigen_naam_internationaal="Project management",
                    eigen_omschrijving="Korte samenvatting.",
                    website="https://acme.nl/pm",
                ),
            ),
            cohorten=(
                Cohort(
                    cohortcode="4711",
                    run_id="4711",
                    cohortstatus="O",
                    opleidingsvorm="KLASSIKAAL",
                    deelnemersplaatsen=12,
                    begin_aanmeldperiode=TODAY,
                    instroommoment=dt.date(2026, 9, 1),
                    einde_aanmeldperiode=dt.date(2026, 8, 15),
                    einddatum=dt.date(2026, 12, 16),
                    prijzen=(("TOTALE_VERPLICHTE_KOSTEN", Decimal("1260.00")),),
                ),
            ),
        )
    }
    assert dict(result.stand.locaties) == {
        UTRECHT_KEY: Onderwijslocatie(
            key=UTRECHT_KEY,
            adres=Adres(postcode="3511ED", huisnummer=12, toevoeging="A"),
            label="Utrecht",
        )
    }


def test_program_uuid_is_the_eigen_sleutel() -> None:
    given = uuid.UUID("0f1e2d3c-4b5a-4968-8776-655443322110")
    result = _one([program(program_uuid=given, runs=(run(),))])
    assert list(result.stand.opleidingseenheden) == [str(given)]
    (ao,) = result.stand.aangeboden.values()
    assert ao.oe_sleutel == str(given)
    assert ao.code == str(uuid.uuid5(NS, f"{given}/particulier/{UTRECHT_KEY}/-"))


def test_o_code_links_offerings_to_the_existing_programme_without_an_oe() -> None:
    result = _one([program(rio_registration="1234O5678", runs=(run(),))])
    assert dict(result.stand.opleidingseenheden) == {}
    (ao,) = result.stand.aangeboden.values()
    assert (ao.kind, ao.opleidingseenheidcode, ao.oe_sleutel, ao.erkenning) == (
        "ocode",
        "1234O5678",
        None,
        None,
    )
    assert ao.code == _code("ocode", UTRECHT_KEY)


def test_nlqf_registration_refers_to_the_recognised_programme() -> None:
    reg = NlqfRegistration(nlqf_level="4+", eqf_level="4", register_code="12-345")
    result = _one([program(nlqf_registrations=(reg,), runs=(run(),))])
    assert dict(result.stand.opleidingseenheden) == {}
    (ao,) = result.stand.aangeboden.values()
    assert ao.kind == "nlqf"
    assert ao.erkenning == Opleidingserkenning(opleidingsstelsel="NLQF", opleidingscode="12-345")
    assert ao.code == _code("nlqf", UTRECHT_KEY)


def test_crebo_programme_gets_an_offering_per_location_and_learning_path() -> None:
    regs = (
        CreboRegistration(crebo_code="25604", learning_path="BOL"),
        CreboRegistration(crebo_code="25604", learning_path="BBL"),
    )
    p = program(crebo_registrations=regs, runs=(run("R1"), run("R2", location=ZWOLLE)))
    result = _one([p])
    aos = result.stand.aangeboden
    assert len(aos) == 4
    for path in ("BOL", "BBL"):
        ao = aos[_code("crebo", UTRECHT_KEY, path)]
        assert ao.leertraject == path
        assert ao.erkenning == Opleidingserkenning(
            opleidingsstelsel="CREBO", opleidingscode="25604"
        )
        # one run sits in each path's offering: its cohort code is unique per offering (N11421)
        assert ao.cohortcodes == {f"R1/{path}"}
        assert [c.run_id for c in ao.cohorten] == ["R1"]
        assert aos[_code("crebo", "8011WX|1|", path)].cohortcodes == {f"R2/{path}"}


def test_kind_order_ocode_then_crebo_then_nlqf_then_particulier() -> None:
    nlqf = (NlqfRegistration(nlqf_level="5", eqf_level="5", register_code="12-345"),)
    crebo = (CreboRegistration(crebo_code="25604"),)
    programs = [
        program(
            "A", rio_registration="1234O5678", crebo_registrations=crebo, nlqf_registrations=nlqf
        ),
        program("B", crebo_registrations=crebo, nlqf_registrations=nlqf),
        program("C", nlqf_registrations=nlqf),
        program("D"),
    ]
    kinds = {ao.programma: ao.kind for ao in _one(programs).stand.aangeboden.values()}
    assert kinds == {
        "acme/A": "ocode",
        "acme/B": "crebo",
        "acme/C": "nlqf",
        "acme/D": "particulier",
    }


def test_online_and_location_less_runs_share_one_offering_without_location() -> None:
    p = program(
        runs=(
            run("R1", location=None),
            run("R2", fully_online=True),
            run("R3", location=Location(city="Online", name=LocalizedText.of({"nl": "Online"}))),
            run("R4"),
        )
    )
    aos = _one([p]).stand.aangeboden
    online = aos[_code("particulier", "online")]
    assert online.cohortcodes == {"R1", "R2", "R3"}
    assert online.location_key == "online"
    assert {c.cohortcode: c.opleidingsvorm for c in online.cohorten}["R2"] == "ONLINE"
    assert aos[_code("particulier", UTRECHT_KEY)].cohortcodes == {"R4"}


def test_an_unparseable_address_leaves_out_the_run_and_never_falls_back_to_online() -> None:
    bad = Location(address="Kerkstraat", zipcode="3511AB", city="Utrecht")
    result = _one([program(runs=(run("R1", location=bad), run("R2")))])
    assert [(p.code, p.run_id, p.left_out) for p in result.problems] == [("ADRES", "R1", "run")]
    assert "huisnummer" in result.problems[0].nl
    assert set(result.stand.aangeboden) == {_code("particulier", UTRECHT_KEY)}


def test_an_address_rio_cannot_place_is_reported_and_left_out() -> None:
    history = History(rejected_locations={UTRECHT_KEY: "Adres komt niet voor in de BAG"})
    result = _one([program(runs=(run("R1"), run("R2", location=ZWOLLE)))], history=history)
    assert [(p.code, p.run_id) for p in result.problems] == [("A01010", "R1")]
    assert [ao.location_key for ao in result.stand.aangeboden.values()] == ["8011WX|1|"]


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param({"client_id": "bigclient"}, id="client-specific-variant"),
        pytest.param({"catalog": ("leerrijk",)}, id="not-selected-for-rio"),
        pytest.param({"expires": dt.date(2026, 3, 1)}, id="expired"),
    ],
)
def test_programmes_not_for_rio_never_reach_it(variant: dict[str, object]) -> None:
    result = _one([program(runs=(run(),), **variant)])
    assert result.stand.aangeboden == {}
    assert result.stand.opleidingseenheden == {}


def test_provider_opted_out_sends_nothing_new() -> None:
    settings = dataclasses.replace(SETTINGS, opted_in=False)
    assert _one([program(runs=(run(),))], settings=settings).stand.aangeboden == {}


def test_unmapped_value_leaves_out_that_programme_and_the_others_proceed() -> None:
    bad = program(
        "BAD",
        instruction_languages=(InstructionLanguage(language_code="fy", percentage=100),),
        runs=(run("X1"),),
    )
    result = _one([bad, program("GOOD", runs=(run("X2"),))])
    assert {ao.programma for ao in result.stand.aangeboden.values()} == {"acme/GOOD"}
    (problem,) = result.problems
    assert (problem.programma, problem.code, problem.left_out) == (
        "acme/BAD",
        "UNMAPPED",
        "programme",
    )
    assert "mapping.language" in problem.nl


def test_provider_override_maps_a_value_the_defaults_do_not_know() -> None:
    bad = program(instruction_languages=(InstructionLanguage(language_code="fy", percentage=90),))
    settings = dataclasses.replace(SETTINGS, overrides={"language": {"fy": "NLD"}})
    (ao,) = _one([bad], settings=settings).stand.aangeboden.values()
    assert ao.voertaal == "NLD"


def test_texts_fall_back_and_are_cleaned() -> None:
    p = program(
        name={"de": "Projektleitung", "fr": "Gestion"},
        summaries=LocalizedText.of({"nl": "   "}),
        descriptions=LocalizedText.of({"en": "<p>Plan &amp; do</p>"}),
    )
    (oe,) = _one([p]).stand.opleidingseenheden.values()
    assert oe.perioden[0].naam_lang == "Projektleitung"
    assert oe.perioden[0].internationale_naam is None
    assert oe.perioden[0].omschrijving == "Plan & do"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({"fully_online": True}, "ONLINE", id="fully-online"),
        pytest.param({"instruction_modes": ("lecture",)}, "LEZING", id="instruction-mode"),
        pytest.param(
            {"instruction_modes": ("classroom teaching", "webinar")},
            "KLASSIKAAL_EN_ONLINE",
            id="classroom-and-online",
        ),
        pytest.param({"instruction_modes": ("thesis",)}, "KLASSIKAAL", id="form-fallback"),
        pytest.param({"program_forms": ("e-learning",)}, "ONLINE", id="programme-form"),
    ],
)
def test_opleidingsvorm(changes: dict[str, object], expected: str) -> None:
    (ao,) = _one([program(runs=(run(location=None),), **changes)]).stand.aangeboden.values()
    assert ao.cohorten[0].opleidingsvorm == expected


def test_run_form_beats_programme_modes() -> None:
    p = program(instruction_modes=("lecture",), runs=(run(program_form="e-learning"),))
    (ao,) = _one([p]).stand.aangeboden.values()
    assert ao.cohorten[0].opleidingsvorm == "ONLINE"


def test_voertaal_is_the_main_instruction_language() -> None:
    langs = (
        InstructionLanguage(language_code="nl", percentage=30),
        InstructionLanguage(language_code="en", percentage=70),
    )
    (ao,) = _one([program(instruction_languages=langs)]).stand.aangeboden.values()
    assert ao.voertaal == "ENG"


def test_cohort_dates_status_and_deadline_before_today() -> None:
    runs = (
        run("R1", status="application closed", application_deadline=dt.date(2026, 2, 1)),
        run("R2", status="canceled"),
    )
    (ao,) = _one([program(runs=runs)]).stand.aangeboden.values()
    (cohort,) = ao.cohorten
    assert cohort.cohortstatus == "G"
    assert cohort.begin_aanmeldperiode == dt.date(2026, 1, 31)
    assert cohort.einde_aanmeldperiode == dt.date(2026, 2, 1)
    assert cohort.einddatum == dt.date(2026, 12, 16)


def test_stap_programme_gets_the_eligible_total() -> None:
    p = program(
        catalog=("rio/stap",),
        costs=(cost("1000.00", vat_code=4), cost("100.00", "accommodation")),
        runs=(run(),),
    )
    (ao,) = _one([p]).stand.aangeboden.values()
    assert ao.stap
    assert ao.cohorten[0].prijzen == (
        ("TOTAAL_STAP_SUBSIDIEERBAAR", Decimal("1210.00")),
        ("TOTALE_VERPLICHTE_KOSTEN", Decimal("1310.00")),
    )


def test_nlqf_and_eqf_only_where_configured() -> None:
    reg = NlqfRegistration(nlqf_level="4+", eqf_level="4", register_code="")
    p = program(nlqf_registrations=(reg,))
    (plain,) = _one([p]).stand.opleidingseenheden.values()
    assert (plain.nlqf, plain.eqf) == (None, None)
    configured = dataclasses.replace(SETTINGS, send_nlqf_eqf=True)
    (oe,) = _one([p], settings=configured).stand.opleidingseenheden.values()
    assert (oe.nlqf, oe.eqf) == ("4p", "4")


def test_programme_without_start_moments_is_published_without_cohorts() -> None:
    result = _one([program(generic_location=ZWOLLE), program("P2")])
    by_programme = {ao.programma: ao for ao in result.stand.aangeboden.values()}
    assert by_programme["acme/P1"].location_key == "8011WX|1|"
    assert by_programme["acme/P1"].cohorten == ()
    assert by_programme["acme/P2"].location_key == "online"
    assert by_programme["acme/P2"].eerste_instroomdatum is None


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        pytest.param(
            {"runs": (run(start=dt.date(2026, 9, 1), end=dt.date(2026, 8, 1)),)},
            "N11040",
            id="run-ends-before-it-starts",
        ),
        pytest.param({"study_load": StudyLoad(program_hours=123456)}, "DK0004", id="study-load"),
        pytest.param({"name": "   "}, "DK0004", id="no-name"),
        pytest.param({"offered_until": dt.date(2024, 12, 31)}, "DK0004", id="offered-until"),
        pytest.param(
            {
                "nlqf_registrations": (
                    NlqfRegistration(nlqf_level="5", eqf_level="5", register_code="1234-56789"),
                )
            },
            "DK0004",
            id="register-code-over-8",
        ),
    ],
)
def test_local_rule_check_reports_the_rio_code_and_leaves_the_programme_out(
    changes: dict[str, object], code: str
) -> None:
    result = _one([program(**changes), program("OK")])
    assert {p.code for p in result.problems} == {code}
    assert {p.programma for p in result.problems} == {"acme/P1"}
    assert {ao.programma for ao in result.stand.aangeboden.values()} == {"acme/OK"}


def test_cohort_code_shared_by_two_programmes_is_refused_n11421() -> None:
    result = _one([program("A", runs=(run("SAME"),)), program("B", runs=(run("SAME"),))])
    assert [(p.programma, p.code) for p in result.problems] == [("acme/B", "N11421")]
    assert {ao.programma for ao in result.stand.aangeboden.values()} == {"acme/A"}


def test_offered_until_becomes_laatste_instroomdatum() -> None:
    result = _one([program(offered_until=dt.date(2027, 6, 30), runs=(run(),))])
    [ao] = result.stand.aangeboden.values()
    assert ao.laatste_instroomdatum == dt.date(2027, 6, 30)
    assert _one([program(runs=(run(),))]).stand.aangeboden[ao.code].laatste_instroomdatum is None
