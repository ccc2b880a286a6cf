"""Building blocks of the mapping: stable keys, Teksttype cleaning, addresses, VAT and prices."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from edudex_rio.mapping import keys
from edudex_rio.mapping.adres import Adres, AdresFout, parse_adres, parse_postcode
from edudex_rio.mapping.limits import max_length
from edudex_rio.mapping.prijs import amount_incl_vat, cohort_prices
from edudex_rio.mapping.table import UnmappedValue, default_table
from edudex_rio.mapping.text import clean_text, strip_html
from tests.unit.mapplan_factories import cost

NS = uuid.UUID("7e20c8d6-c557-485f-905b-c1f052292222")


def test_namespace_is_the_one_in_the_readme() -> None:
    assert keys.NS == NS


def test_eigen_sleutel_is_program_uuid_when_present() -> None:
    given = "0F1E2D3C-4B5A-4968-8776-655443322110"
    assert keys.eigen_opleidingseenheid_sleutel("acme", "P1", given) == given.lower()


def test_eigen_sleutel_is_uuid5_of_org_and_program_otherwise() -> None:
    assert keys.eigen_opleidingseenheid_sleutel("acme", "P 1/x") == str(
        uuid.uuid5(NS, "acme/P 1/x")
    )


def test_aangeboden_code_depends_on_kind_location_and_learning_path() -> None:
    sleutel = str(uuid.uuid5(NS, "acme/P1"))
    code = keys.aangeboden_opleiding_code(sleutel, "particulier", "3511ED|12|A")
    assert code == str(uuid.uuid5(NS, f"{sleutel}/particulier/3511ED|12|A/-"))
    assert keys.aangeboden_opleiding_code(sleutel, "crebo", "online", "BOL") == str(
        uuid.uuid5(NS, f"{sleutel}/crebo/online/BOL")
    )
    assert code != keys.aangeboden_opleiding_code(sleutel, "nlqf", "3511ED|12|A")


@pytest.mark.parametrize(
    ("run_id", "expected"),
    [
        pytest.param("4711", "4711", id="short-id-kept"),
        pytest.param("x" * 60, "x" * 60, id="exactly-60-kept"),
        pytest.param("y" * 61, str(uuid.uuid5(NS, "y" * 61)), id="61-becomes-uuid5"),
    ],
)
def test_cohortcode(run_id: str, expected: str) -> None:
    assert keys.cohortcode(run_id) == expected


def test_cohortcode_in_a_crebo_offering_split_per_learning_path() -> None:
    assert keys.cohortcode("4711", "BOL") == "4711/BOL"
    assert keys.cohortcode("4711", None) == "4711"
    assert keys.cohortcode("z" * 57, "BBL") == str(uuid.uuid5(NS, "z" * 57 + "/BBL"))


def test_maxima_are_read_from_the_xsd() -> None:
    assert max_length("naamLang") == 225
    assert max_length("naamKort") == 40
    assert max_length("omschrijving") == 3000
    assert max_length("kenmerkwaardeTekst") == 1000
    assert max_length("cohortcode") == 60
    assert max_length("huisnummertoevoeging") == 6
    assert max_length("opleidingscode") == 8


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("  Project\tmanagement \n basis ", "Project management basis", id="spaces"),
        pytest.param("<p>Leer <b>plannen</b></p><p>en&nbsp;meer &amp; zo</p>", None, id="html"),
        pytest.param("<script>x()</script>Tekst", "Tekst", id="script-dropped"),
        pytest.param("   ", None, id="empty-is-none"),
        pytest.param("a\x00b", "a b", id="control-chars"),
    ],
)
def test_clean_text(raw: str, expected: str | None) -> None:
    if raw.startswith("<p>"):
        assert clean_text(raw, "omschrijving") == "Leer plannen en meer & zo"
    else:
        assert clean_text(raw, "naamLang") == expected


def test_clean_text_cuts_at_a_word_boundary_to_the_xsd_maximum() -> None:
    text = "woord " * 100
    cut = clean_text(text, "naamLang")
    assert cut is not None
    assert len(cut) <= 225
    assert cut.endswith("woord")
    assert "  " not in cut
    assert clean_text("x" * 300, "naamKort") == "x" * 40


def test_strip_html_leaves_plain_text_alone() -> None:
    assert strip_html("Gewoon 5 < 6 niet") == "Gewoon 5 < 6 niet"


@pytest.mark.parametrize(
    ("address", "zipcode", "expected"),
    [
        ("Kerkstraat 12a", "3511 ab", Adres(postcode="3511AB", huisnummer=12, toevoeging="A")),
        ("Kerkstraat 12 A", "3511AB", Adres(postcode="3511AB", huisnummer=12, toevoeging="A")),
        ("Laan 7-3", " 1234 AB ", Adres(postcode="1234AB", huisnummer=7, toevoeging="3")),
        ("Hoofdweg 101 hs", "1234AB", Adres(postcode="1234AB", huisnummer=101, toevoeging="HS")),
        ("Plein 1940-1945 5", "1234AB", Adres(postcode="1234AB", huisnummer=5)),
        (
            "2e Jan Steenstraat 3 III",
            "1234AB",
            Adres(postcode="1234AB", huisnummer=3, toevoeging="III"),
        ),
        ("Straat 1, 3511 AB Utrecht", None, Adres(postcode="3511AB", huisnummer=1)),
    ],
)
def test_parse_adres(address: str, zipcode: str | None, expected: Adres) -> None:
    assert parse_adres(address, zipcode) == expected


def test_location_key() -> None:
    assert Adres(postcode="3511AB", huisnummer=12, toevoeging="A").key == "3511AB|12|A"
    assert Adres(postcode="3511AB", huisnummer=12).key == "3511AB|12|"


@pytest.mark.parametrize(
    ("address", "zipcode", "country", "word"),
    [
        ("Kerkstraat", "3511AB", None, "huisnummer"),
        ("Kerkstraat 1", "0511AB", None, "postcode"),
        ("Postbus 100", "3511AB", None, "postbus"),
        ("Kerkstraat 1", "3511AB", "Belgium", "buitenland"),
        ("Kerkstraat 1 abcd-efgh", "3511AB", None, "huisnummer"),
    ],
)
def test_parse_adres_reports_what_it_cannot_parse(
    address: str, zipcode: str, country: str | None, word: str
) -> None:
    result = parse_adres(address, zipcode, country)
    assert isinstance(result, AdresFout)
    assert word in result.nl
    assert result.en


def test_parse_postcode() -> None:
    assert parse_postcode("3511 ab") == "3511AB"
    assert parse_postcode("35111") is None


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({"amount_vat": Decimal("50.00")}, "1050.00", id="amountVAT-first"),
        pytest.param({"amount_vat": Decimal("1"), "vat_percentage": 21}, "1001.00", id="vat-wins"),
        pytest.param({"vat_percentage": 9}, "1090.00", id="percentage"),
        pytest.param({"vat_percentage": 21, "vat_code": 1}, "1210.00", id="percentage-over-code"),
        pytest.param({"vat_code": 1}, "1000.00", id="code-1"),
        pytest.param({"vat_code": 2}, "1000.00", id="code-2"),
        pytest.param({"vat_code": 3}, "1090.00", id="code-3"),
        pytest.param({"vat_code": 4}, "1210.00", id="code-4"),
        pytest.param({"vat_code": 5}, "1210.00", id="code-5"),
        pytest.param({}, "1000.00", id="no-vat-info"),
    ],
)
def test_amount_incl_vat(kwargs: dict[str, object], expected: str) -> None:
    assert amount_incl_vat(cost("1000.00", **kwargs)) == Decimal(expected)


def test_prices_count_required_run_costs_only() -> None:
    table = default_table()
    run_costs = [
        cost("1000.00", vat_percentage=21),
        cost("100.00", "lunch", vat_code=3),
        cost("500.00", "excursions", required=False),
    ]
    generic = [cost("9999.00")]
    assert cohort_prices(run_costs, generic, stap=False, table=table) == (
        ("TOTALE_VERPLICHTE_KOSTEN", Decimal("1319.00")),
    )


def test_prices_fall_back_to_generic_costs_and_add_stap_total() -> None:
    table = default_table()
    generic = [
        cost("1000.00", vat_code=5),
        cost("200.00", "registration fee"),
        cost("80.00", "lunch"),
        cost("50.00", "study material", vat_percentage=9),
    ]
    assert cohort_prices([], generic, stap=True, table=table) == (
        ("TOTAAL_STAP_SUBSIDIEERBAAR", Decimal("1464.50")),
        ("TOTALE_VERPLICHTE_KOSTEN", Decimal("1544.50")),
    )


def test_no_required_costs_means_no_price() -> None:
    assert cohort_prices([cost(required=False)], [], stap=True, table=default_table()) == ()


def test_foreign_currency_is_an_error_not_a_guess() -> None:
    with pytest.raises(UnmappedValue) as caught:
        cohort_prices([cost(currency="USD")], [], stap=False, table=default_table())
    assert "USD" in caught.value.nl
