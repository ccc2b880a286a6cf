"""Helpers for the sandbox tests: build signed DUO-style requests and read the answers."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from edudex_rio.rio import envelope as rio_envelope
from edudex_rio.rio.keys import SigningKey
from edudex_rio.rio.signing import Signature
from edudex_rio.sandbox import wssec
from edudex_rio.sandbox.core import Sandbox, SandboxConfig
from edudex_rio.sandbox.seed import Seed
from edudex_rio.sandbox.xmlutil import BEHEREN, RAADPLEGEN, child, children, local, parse, text

SENDER = "00000003123456780000"
BESTUUR = "123B456"
AANBIEDER = "123A456"
OE = "1234O5678"
LOCATIE = "123X456"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@functools.cache
def client_key() -> SigningKey:
    pair = wssec.generate_key_pair(common_name="client.test", oin=SENDER)
    return SigningKey(private_key=pair.key, certificate=pair.certificate)


@functools.cache
def server_keys() -> wssec.KeyPair:
    return wssec.generate_key_pair(common_name="rio-sandbox.test", oin="00000001800866472000")


def base_seed(**extra: object) -> Seed:
    data: dict[str, object] = {
        "besturen": [
            {"code": BESTUUR, "naam": "Test Bestuur", "kvk": "12345678", "oins": [SENDER]}
        ],
        "aanbieders": [
            {
                "code": AANBIEDER,
                "bestuur": BESTUUR,
                "naam": "Test Opleider",
                "kvk": "12345678",
                "in_bedrijf": "2000-01-01",
            }
        ],
        "opleidingseenheden": [
            {
                "code": OE,
                "bestuur": BESTUUR,
                "naam": "Bestaande opleiding",
                "begindatum": "2010-01-01",
                "eigen_sleutel": "bestaande-sleutel",
            }
        ],
        "locaties": [
            {"code": LOCATIE, "postcode": "9722TB", "huisnummer": 12, "plaatsnaam": "GRONINGEN"}
        ],
        "erkenningen": [
            {
                "stelsel": "CREBO",
                "code": "25180",
                "naam": "Kok",
                "opleidingseenheidcode": "1000O0001",
            },
            {"stelsel": "NLQF", "code": "NLQF00123", "naam": "NLQF opleiding"},
        ],
        "bag_sample": True,
    }
    data.update(extra)
    return Seed.model_validate(data)


def make_sandbox(
    tmp_path: object | None = None, *, seed: Seed | None = None, **config: object
) -> Sandbox:
    url = "sqlite://" if tmp_path is None else f"sqlite:///{tmp_path}/sandbox.db"
    clock_holder = {"now": NOW}
    sandbox = Sandbox(
        SandboxConfig(database_url=url, **config),  # type: ignore[arg-type]
        clock=lambda: clock_holder["now"],
        keys=server_keys(),
    )
    sandbox.clock_holder = clock_holder  # type: ignore[attr-defined]
    sandbox.load_seed(seed or base_seed())
    return sandbox


def payload(operation: str, inner: str, *, service: str = "beheren", sender: str = SENDER) -> bytes:
    ns = BEHEREN if service == "beheren" else RAADPLEGEN
    return (
        f'<duo:{operation}_request xmlns:duo="{ns}">'
        f"<duo:identificatiecodeBedrijfsdocument>{uuid.uuid4()}</duo:identificatiecodeBedrijfsdocument>"
        f"<duo:verzendendeInstantie>{sender}</duo:verzendendeInstantie>"
        "<duo:ontvangendeInstantie>00000001800866472000</duo:ontvangendeInstantie>"
        "<duo:datumTijdBedrijfsdocument>2026-03-01T12:00:00.000Z</duo:datumTijdBedrijfsdocument>"
        f"{inner}</duo:{operation}_request>"
    ).encode()


def signed(
    operation: str,
    inner: str,
    *,
    service: str = "beheren",
    sender: str = SENDER,
    now: datetime = NOW,
    sign: bool = True,
) -> bytes:
    svc = rio_envelope.Service.BEHEREN if service == "beheren" else rio_envelope.Service.RAADPLEGEN
    env = rio_envelope.build_envelope(
        payload(operation, inner, service=service, sender=sender),
        service=svc,
        operation=operation,
        sender_oin=sender,
    )
    if sign:
        env = Signature(client_key()).apply(env, now=now)
    return rio_envelope.serialize(env)


@dataclass
class Answer:
    status: int
    root: etree._Element | None
    payload: etree._Element | None
    fault_code: str | None

    @property
    def goedgekeurd(self) -> bool:
        return self.payload is not None and text(self.payload, "requestGoedgekeurd") == "true"

    @property
    def foutcodes(self) -> list[str]:
        if self.payload is None:
            return []
        return [text(f, "foutcode") or "" for f in children(self.payload, "foutmelding")]

    def find(self, name: str) -> str | None:
        assert self.payload is not None
        for el in self.payload.iter():
            if isinstance(el.tag, str) and local(el) == name:
                return text(el)
        return None


def read_answer(status: int, body: bytes) -> Answer:
    if not body.startswith(b"<?xml"):
        return Answer(status, None, None, None)
    root = parse(body)
    soap_body = child(root, "Body")
    assert soap_body is not None
    inner = children(soap_body)[0]
    if local(inner) == "Fault":
        return Answer(status, root, None, (text(inner, "faultcode") or "").split(":")[-1])
    return Answer(status, root, inner, None)


def call(
    sandbox: Sandbox,
    operation: str,
    inner: str,
    *,
    service: str = "beheren",
    sender: str = SENDER,
    raw: bytes | None = None,
    action: str | None = None,
) -> Answer:
    body = raw if raw is not None else signed(operation, inner, service=service, sender=sender)
    contract = f"http://duo.nl/contract/DUO_RIO_{service.capitalize()}_OnderwijsOrganisatie_V4"
    response = sandbox.handle(
        f"/RIO/services/{service}4.0",
        body,
        {"SOAPAction": action if action is not None else f"{contract}/{operation}"},
    )
    return read_answer(response.status, response.body)
