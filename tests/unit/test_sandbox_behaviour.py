"""What the sandbox does with accepted writes: codes in RIO's formats, full-state semantics,
the visibility delay, the change feed and paging, BAG checks, fault injection, and the
in-process ``SandboxTransport``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest

from edudex_rio.rio.faults import RioTimeoutError, RioUnavailableError, SoapFaultError
from edudex_rio.rio.transport import SoapRequest
from edudex_rio.sandbox.core import Sandbox
from edudex_rio.sandbox.transport import SandboxTransport
from tests.sandbox_kit import AANBIEDER, BESTUUR, NOW, Answer, call, make_sandbox, signed
from tests.sandbox_requests import AO, AO_CODE, COHORT, FLEX_COHORT, MBO, OE_NIEUW, rules_seed

R = "raadplegen"


def _read_ao(box: Sandbox, code: str = AO_CODE) -> Answer:
    inner = f"<duo:aangebodenOpleidingCode>{code}</duo:aangebodenOpleidingCode>"
    return call(box, "opvragen_aangebodenOpleiding", inner, service=R)


def _later(box: Sandbox, seconds: float) -> None:
    box.clock_holder["now"] += timedelta(seconds=seconds)  # type: ignore[attr-defined]


def _cohorts(answer: Answer) -> list[str]:
    assert answer.payload is not None
    return [
        e.text or ""
        for e in answer.payload.iter()
        if isinstance(e.tag, str) and e.tag.endswith("}cohortcode")
    ]


def test_an_accepted_offering_is_readable_only_after_the_visibility_delay() -> None:
    box = make_sandbox(seed=rules_seed(), visibility_delay=30.0)
    try:
        assert call(box, "aanleveren_aangebodenOpleiding", AO).goedgekeurd
        hidden = _read_ao(box)
        assert hidden.foutcodes == ["A01020"]
        _later(box, 29)
        assert _read_ao(box).foutcodes == ["A01020"]
        _later(box, 2)
        shown = _read_ao(box)
        assert shown.goedgekeurd
        assert shown.find("aangebodenOpleidingCode") == AO_CODE
        assert sorted(_cohorts(shown)) == ["C1", "C2"]
    finally:
        box.close()


@pytest.fixture
def box() -> Iterator[Sandbox]:
    sandbox = make_sandbox(seed=rules_seed())
    yield sandbox
    sandbox.close()


def test_full_state_a_delivered_offering_replaces_the_stored_one(box: Sandbox) -> None:
    assert call(box, "aanleveren_aangebodenOpleiding", AO).goedgekeurd
    assert sorted(_cohorts(_read_ao(box))) == ["C1", "C2"]
    without_c2 = AO.replace(FLEX_COHORT, "").replace("2028-01-01", "2028-06-30")
    assert call(box, "aanleveren_aangebodenOpleiding", without_c2).goedgekeurd
    again = _read_ao(box)
    assert _cohorts(again) == ["C1"]
    assert again.find("einddatum") in {"2028-06-30", "2027-06-30"}


def test_change_feed_lists_new_and_changed_offerings_and_pages(box: Sandbox) -> None:
    box.config = type(box.config)(**{**box.config.__dict__, "page_size": 1})
    for n in range(3):
        body = AO.replace(AO_CODE, AO_CODE[:-1] + str(n + 3)).replace("ao-sleutel", f"s{n}")
        assert call(box, "aanleveren_aangebodenOpleiding", body).goedgekeurd
    assert call(
        box,
        "aanleveren_aangebodenOpleiding",
        AO.replace(AO_CODE, AO_CODE[:-1] + "3").replace("ao-sleutel", "s0").replace(COHORT, ""),
    ).goedgekeurd
    seen: dict[str, str] = {}
    for pagina in range(3):
        answer = call(
            box,
            "opvragen_gewijzigdeAangebodenOpleidingen",
            "<duo:peildatumtijdMutaties>2026-01-01T00:00:00.000Z</duo:peildatumtijdMutaties>"
            f"<duo:onderwijsaanbiederCode>{AANBIEDER}</duo:onderwijsaanbiederCode>"
            f"<duo:pagina>{pagina}</duo:pagina>",
            service=R,
        )
        assert answer.goedgekeurd
        assert answer.find("aantalPaginas") == "3"
        assert answer.find("aantalResultaten") == "3"
        seen[answer.find("aangebodenOpleidingCode") or ""] = answer.find("soortWijziging") or ""
    assert seen[AO_CODE[:-1] + "3"] == "WIJZIGING"
    assert seen[AO_CODE[:-1] + "4"] == "TOEVOEGING"


def test_codes_are_issued_in_rios_formats_and_mbo_offerings_link_via_the_recognition(
    box: Sandbox,
) -> None:
    created = call(box, "aanleveren_opleidingseenheid", OE_NIEUW)
    assert created.goedgekeurd
    assert re.fullmatch(r"\d{4}O\d{4}", created.find("opleidingseenheidcode") or "")
    gebruik = (
        "<duo:onderwijslocatiegebruik>"
        f"<duo:onderwijsbestuurcode>{BESTUUR}</duo:onderwijsbestuurcode>"
        "<duo:inBedrijfdatum>2026-01-01</duo:inBedrijfdatum>"
        "<duo:aanduidingAdres><duo:postcode>{pc}</duo:postcode>"
        "<duo:huisnummer>{nr}</duo:huisnummer></duo:aanduidingAdres>"
        "</duo:onderwijslocatiegebruik>"
    )
    placed = call(box, "aanleveren_onderwijslocatiegebruik", gebruik.format(pc="9722TB", nr=12))
    assert placed.goedgekeurd
    assert re.fullmatch(r"\d{3}X\d{3}", placed.find("onderwijslocatiecode") or "")
    nowhere = call(box, "aanleveren_onderwijslocatiegebruik", gebruik.format(pc="9999ZZ", nr=999))
    assert nowhere.foutcodes == ["A01010"]
    assert call(box, "aanleveren_aangebodenOpleiding", MBO).goedgekeurd
    mbo = _read_ao(box, AO_CODE[:-1] + "2")
    assert mbo.find("opleidingseenheidcode") == "1000O0001"  # the CREBO recognition's programme


def _injected(**config: object) -> Sandbox:
    return make_sandbox(**config)


def _draws(box: Sandbox, n: int) -> list[str]:
    out = []
    for _ in range(n):
        inner = f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>"
        body = signed("opvragen_onderwijsaanbieder", inner, service=R)
        action = "http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4/opvragen_onderwijsaanbieder"
        r = box.handle("/RIO/services/raadplegen4.0", body, {"SOAPAction": action})
        out.append(
            "503"
            if r.status == 503
            else ("DK0051" if b"DK0051" in r.body else ("stall" if r.stall_seconds else "ok"))
        )
    return out


def test_fault_injection_is_seeded_and_reproducible() -> None:
    config = {
        "fault_rate": 0.2,
        "unavailable_rate": 0.1,
        "stall_rate": 0.1,
        "stall_seconds": 0.05,
        "fault_seed": 7,
    }
    first, second = _injected(**config), _injected(**config)
    try:
        a, b = _draws(first, 60), _draws(second, 60)
    finally:
        first.close()
        second.close()
    assert a == b
    assert {"503", "DK0051", "stall", "ok"} <= set(a)
    assert 4 <= a.count("DK0051") <= 24


def test_a_sandbox_transport_raises_the_typed_errors_of_the_http_transport(box: Sandbox) -> None:
    action = "http://duo.nl/contract/DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4/opvragen_onderwijsaanbieder"
    inner = f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>"
    url = "http://sandbox.invalid/RIO/services/raadplegen4.0"

    def request() -> SoapRequest:
        return SoapRequest(
            url=url, action=action, content=signed("opvragen_onderwijsaanbieder", inner, service=R)
        )

    ok = SandboxTransport(box).send(request())
    assert ok.status_code == 200
    assert b"requestGoedgekeurd>true<" in ok.content
    with pytest.raises(SoapFaultError) as fault:
        SandboxTransport(box).send(SoapRequest(url=url, action=action + "X", content=b"<x/>"))
    assert "DK0001" in str(fault.value) or "DK0003" in str(fault.value)
    for config, error in (
        ({"fault_rate": 1.0}, SoapFaultError),
        ({"unavailable_rate": 1.0}, RioUnavailableError),
        ({"stall_rate": 1.0, "stall_seconds": 60.0}, RioTimeoutError),
    ):
        injected = make_sandbox(**config)
        try:
            with pytest.raises(error):
                SandboxTransport(injected, read_timeout=0.01).send(request())
        finally:
            injected.close()


def test_the_clock_in_the_kit_is_the_sandboxes(box: Sandbox) -> None:
    assert box.clock() == NOW


def test_reads_by_organisation_filter_by_location_and_date_and_page(box: Sandbox) -> None:
    for n, locatie in enumerate(("123X456", "123X456", None)):
        body = AO.replace(AO_CODE, AO_CODE[:-1] + str(n + 5)).replace("ao-sleutel", f"o{n}")
        if locatie is None:
            body = body.replace("<duo:onderwijslocatiecode>123X456</duo:onderwijslocatiecode>", "")
        if n == 1:
            body = body.replace("begindatum>2026-01-01<", "begindatum>2027-01-01<")
            body = body.replace("Datum>2026-02-01<", "Datum>2027-02-01<")
        assert call(box, "aanleveren_aangebodenOpleiding", body).goedgekeurd

    def codes(extra: str) -> list[str]:
        answer = call(
            box,
            "opvragen_aangebodenOpleidingenVanOrganisatie",
            f"<duo:onderwijsaanbiedercode>{AANBIEDER}</duo:onderwijsaanbiedercode>{extra}"
            "<duo:pagina>0</duo:pagina>",
            service=R,
        )
        assert answer.goedgekeurd
        assert answer.payload is not None
        return sorted(
            e.text or ""
            for e in answer.payload.iter()
            if isinstance(e.tag, str) and e.tag.endswith("}aangebodenOpleidingCode")
        )

    everything = codes("")
    assert len(everything) == 4  # three new ones and the seeded one
    at_location = codes("<duo:onderwijslocatiecode>123X456</duo:onderwijslocatiecode>")
    assert at_location == [AO_CODE[:-1] + "5", AO_CODE[:-1] + "6"]
    in_2026 = codes("<duo:peildatum>2026-06-01</duo:peildatum>")
    assert AO_CODE[:-1] + "6" not in in_2026
    assert AO_CODE[:-1] + "5" in in_2026
    oes = call(
        box,
        "opvragen_opleidingseenhedenVanOrganisatie",
        f"<duo:onderwijsbestuurcode>{BESTUUR}</duo:onderwijsbestuurcode><duo:pagina>0</duo:pagina>",
        service=R,
    )
    assert oes.find("aantalResultaten") == "3"


def test_a_location_is_found_by_its_address_with_or_without_a_spaced_toevoeging(
    box: Sandbox,
) -> None:
    gebruik = (
        "<duo:onderwijslocatiegebruik>"
        f"<duo:onderwijsbestuurcode>{BESTUUR}</duo:onderwijsbestuurcode>"
        "<duo:inBedrijfdatum>2026-01-01</duo:inBedrijfdatum>"
        "<duo:aanduidingAdres><duo:postcode>6811AA</duo:postcode><duo:huisnummer>7</duo:huisnummer>"
        "<duo:huisnummertoevoeging>d</duo:huisnummertoevoeging></duo:aanduidingAdres>"
        "</duo:onderwijslocatiegebruik>"
    )
    placed = call(box, "aanleveren_onderwijslocatiegebruik", gebruik)
    assert placed.goedgekeurd, placed.foutcodes
    found = call(
        box,
        "opvragen_rioIdentificatiecode",
        "<duo:aanduidingAdres><duo:postcode>6811AA</duo:postcode><duo:huisnummer>7</duo:huisnummer>"
        "<duo:huisnummertoevoeging>D</duo:huisnummertoevoeging></duo:aanduidingAdres>",
        service=R,
    )
    assert found.find("onderwijslocatiecode") == placed.find("onderwijslocatiecode")
