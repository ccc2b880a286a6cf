"""Every request DUO accepted in the recorded traffic is accepted by the sandbox.

For each genuine recorded request with ``requestGoedgekeurd=true`` the seed is derived from
the request itself (and, for look-ups, from DUO's answer): the bestuur and aanbieders it
names, the sender OIN authorised for them, the programmes, offerings, locations and
recognitions it refers to. The sandbox's clock is set to the request's own timestamp, so
the original signatures (by SURF's certificate) verify as they did at DUO.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from edudex_rio.sandbox import schema
from edudex_rio.sandbox.core import Sandbox, SandboxConfig
from edudex_rio.sandbox.seed import Seed
from edudex_rio.sandbox.xmlutil import child, children, local, parse, text
from tests.conftest import SHARED
from tests.sandbox_kit import Answer, read_answer, server_keys

TRAFFIC = SHARED / "rio-traffic"


def _accepted() -> list[dict[str, Any]]:
    if not (TRAFFIC / "index.json").is_file():
        return []
    seen: set[str] = set()
    out = []
    for pair in json.loads((TRAFFIC / "index.json").read_text()):
        if not pair["request_goedgekeurd"] or pair["modified_after_signing"]["request"]:
            continue
        if pair["sha256"]["request"] in seen:
            continue
        seen.add(pair["sha256"]["request"])
        out.append(pair)
    return out


PAIRS = _accepted()


def _refused() -> list[dict[str, Any]]:
    """Unique genuine requests DUO refused, each with an answer nobody edited afterwards."""
    if not (TRAFFIC / "index.json").is_file():
        return []
    chosen: dict[str, dict[str, Any]] = {}
    for pair in json.loads((TRAFFIC / "index.json").read_text()):
        if pair["request_goedgekeurd"] is not False or pair["modified_after_signing"]["request"]:
            continue
        if pair["modified_after_signing"]["response"]:
            continue
        chosen.setdefault(pair["sha256"]["request"], pair)
    return list(chosen.values())


REFUSED = _refused()


def _values(root: Any, *names: str) -> list[str]:
    return [
        text(e) or ""
        for e in root.iter()
        if isinstance(e.tag, str) and local(e) in names and text(e)
    ]


def derive_seed(request: Any, response: Any, sender: str, *, accepted: bool = True) -> Seed:
    """The objects a recorded request refers to, as a seed. For a request DUO refused
    (``accepted=False``) the programmes and offerings it names are left out: RIO did not
    know them, which is why it refused."""
    body = children(child(request, "Body"))[0]
    answer = children(child(response, "Body"))[0]
    operation = local(body).removesuffix("_request")
    besturen = _values(body, "onderwijsbestuurcode", "onderwijsbestuurCode") or ["100B490"]
    bestuur = besturen[0]
    aanbieders = sorted(set(_values(body, "onderwijsaanbiedercode", "onderwijsaanbiederCode")))
    aanbieders = aanbieders or ["110A133"]
    oes = (
        set(_values(body, "opleidingseenheidSleutel", "opleidingseenheidcode"))
        if accepted
        else set()
    )
    locaties = set(_values(body, "onderwijslocatiecode", "onderwijslocatieCode"))
    aos: dict[str, str | None] = {}
    oe_sleutels: dict[str, str] = {}
    if accepted and operation in {
        "verwijderen_aangebodenOpleiding",
        "opvragen_aangebodenOpleiding",
    }:
        aos.update(dict.fromkeys(_values(body, "aangebodenOpleidingCode")))
    if operation == "opvragen_rioIdentificatiecode":
        for ao_code in _values(answer, "aangebodenOpleidingCode"):
            aos[ao_code] = _values(body, "eigenAangebodenOpleidingSleutel")[0]
        for oe_code in _values(answer, "opleidingseenheidcode"):
            oe_sleutels[oe_code] = _values(body, "eigenOpleidingseenheidSleutel")[0]
    erkenningen = []
    for sleutel in body.iter("{*}opleidingserkenningSleutel"):
        erkenningen.append(
            {"stelsel": text(sleutel, "opleidingsstelsel"), "code": text(sleutel, "opleidingscode")}
        )
    host_oe = "1900O0001"
    all_oes = oes | set(oe_sleutels) | ({host_oe} if aos else set())
    return Seed.model_validate(
        {
            "besturen": [{"code": bestuur, "oins": [sender], "in_bedrijf": "1900-01-01"}],
            "aanbieders": [
                {"code": a, "bestuur": bestuur, "in_bedrijf": "1900-01-01"} for a in aanbieders
            ],
            "opleidingseenheden": [
                {
                    "code": c,
                    "bestuur": bestuur,
                    "begindatum": "1900-01-01",
                    "soort": "hoOpleiding",
                    "eigen_sleutel": oe_sleutels.get(c),
                }
                for c in sorted(all_oes)
            ],
            "aangeboden_opleidingen": [
                {
                    "code": c,
                    "aanbieder": aanbieders[0],
                    "opleidingseenheidcode": host_oe,
                    "begindatum": "2000-01-01",
                    "eigen_sleutel": s,
                }
                for c, s in aos.items()
            ],
            "locaties": [{"code": c} for c in sorted(locaties)],
            "erkenningen": erkenningen,
        }
    )


@pytest.fixture(scope="module")
def replay() -> Iterator[tuple[Sandbox, dict[str, datetime]]]:
    """One sandbox for every pair (emptied in between); its clock is set per request."""
    clock: dict[str, datetime] = {}
    sandbox = Sandbox(
        SandboxConfig(database_url="sqlite://"), clock=lambda: clock["now"], keys=server_keys()
    )
    yield sandbox, clock
    sandbox.close()


def _replay(
    replay: tuple[Sandbox, dict[str, datetime]], pair: dict[str, Any]
) -> tuple[bytes, Answer]:
    """Seed the sandbox from a recorded pair, send the recorded request at its recorded time."""
    sandbox, clock = replay
    raw = (TRAFFIC / pair["file_request"]).read_bytes()
    request = parse(raw)
    response = parse((TRAFFIC / pair["file_response"]).read_bytes())
    from_el = child(child(request, "Header"), "From")
    sender = (text(from_el, "Address") or "").split("oin=")[-1]
    clock["now"] = datetime.fromisoformat(pair["recorded_at"].replace("Z", "+00:00"))
    sandbox.store.clear()
    accepted = bool(pair["request_goedgekeurd"])
    sandbox.load_seed(derive_seed(request, response, sender, accepted=accepted))
    path = "/RIO/services/" + pair["endpoint"].rsplit("/", 1)[-1]
    answer_http = sandbox.handle(path, raw, {"SOAPAction": pair["soap_action"]})
    answer = read_answer(answer_http.status, answer_http.body)
    if answer.payload is not None:
        service = "beheren" if "beheren" in path else "raadplegen"
        assert schema.validate(service, answer.payload) == []
    return answer_http.body, answer


@pytest.mark.skipif(not PAIRS, reason="recorded traffic not available")
@pytest.mark.parametrize(
    "pair",
    PAIRS,
    ids=[p["file_request"].split("__")[1] + "@" + p["file_request"].split("__")[0] for p in PAIRS],
)
def test_recorded_accepted_request_is_accepted(
    replay: tuple[Sandbox, dict[str, datetime]], pair: dict[str, Any]
) -> None:
    body, answer = _replay(replay, pair)
    assert answer.fault_code is None, body[-1500:]
    assert answer.goedgekeurd, (answer.foutcodes, body[-1500:])


@pytest.mark.parametrize(
    "pair",
    REFUSED,
    ids=[
        p["file_request"].split("__")[1] + "@" + p["file_request"].split("__")[0] for p in REFUSED
    ],
)
def test_recorded_refusal_gets_duos_codes(
    replay: tuple[Sandbox, dict[str, datetime]], pair: dict[str, Any]
) -> None:
    body, answer = _replay(replay, pair)
    assert answer.fault_code is None, body[-1500:]
    assert not answer.goedgekeurd
    assert answer.foutcodes == pair["foutcodes"]


def test_traffic_was_found() -> None:
    assert Path(TRAFFIC).is_dir()
    assert len(PAIRS) > 500
    assert len(REFUSED) > 190
