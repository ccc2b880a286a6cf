"""Support for the sync engine tests: the example providers, their sandbox seed, settings."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from edudex_rio.sandbox.seed import Seed
from edudex_rio.sandbox.xmlutil import local
from edudex_rio.settings import Settings, load_settings
from edudex_rio.store import Store
from edudex_rio.sync.engine import SyncResult

REPO = Path(__file__).resolve().parents[1]
CATALOG = REPO / "examples" / "catalog"
CONFIG = REPO / "examples" / "edudex-rio.toml"
DAY1 = dt.date(2026, 11, 28)
DAY2 = dt.date(2026, 11, 29)


def example_settings(tmp: Path, database_url: str, **sync: object) -> Settings:
    """The example configuration with a test database, reports under ``tmp`` and fast waits."""
    base = load_settings(CONFIG, environ={})
    data = base.model_dump()
    data["database"] = {"url": database_url}
    data["report"] = {**data["report"], "directory": tmp / "reports"}
    data["sync"] = {
        **data["sync"],
        "confirm_delays_seconds": (0.05, 0.1, 0.2),
        "retry": {"max_attempts": 4, "base_delay_seconds": 0.01, "max_delay_seconds": 0.05},
        **sync,
    }
    return Settings.model_validate(data)


def catalog(day: int) -> Path:
    return CATALOG / f"day{day}" / "json"


def example_seed() -> Seed:
    """The bundled sandbox seed for the example providers."""
    from edudex_rio.sandbox.seed import load

    return load(REPO / "examples" / "sandbox-seed.yaml")


def write_pki(folder: Path) -> dict[str, Path]:
    """Client certificate + key and the sandbox's certificate as trust, as PEM files."""
    from cryptography.hazmat.primitives import serialization

    from tests.sandbox_kit import client_key, server_keys

    folder.mkdir(parents=True, exist_ok=True)
    key = client_key()
    paths = {
        "certificate": folder / "client.pem",
        "private_key": folder / "client.key",
        "trust": folder / "rio-sandbox.pem",
    }
    paths["certificate"].write_bytes(key.certificate.public_bytes(serialization.Encoding.PEM))
    paths["private_key"].write_bytes(
        key.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths["trust"].write_bytes(server_keys().certificate.public_bytes(serialization.Encoding.PEM))
    return paths


@dataclass(frozen=True)
class OeState:
    code: str
    eigen_sleutel: str | None
    einddatum: str | None
    names: tuple[str, ...]
    """naamLang per period, with its begindatum: ``"2026-11-28 Naam"``."""


@dataclass(frozen=True)
class AoState:
    code: str
    oe: str
    aanbieder: str
    locatie: str | None
    einddatum: str | None
    cohorts: dict[str, str]
    """cohortcode → cohortstatus."""
    erkenning: str | None

    def cohort_status(self, run_id: str) -> str | None:
        """The status of the run's cohort here, whether coded ``{run id}`` or
        ``{run id}/{learning path}``."""
        for code, status in self.cohorts.items():
            if code == run_id or code.split("/", 1)[0] == run_id:
                return status
        return None


@dataclass(frozen=True)
class RioState:
    oes: dict[str, OeState]
    aos: dict[str, AoState]

    def oe_by_sleutel(self, sleutel: str) -> OeState:
        return next(o for o in self.oes.values() if o.eigen_sleutel == sleutel)

    def aos_of(self, oe_code: str) -> list[AoState]:
        return [a for a in self.aos.values() if a.oe == oe_code]

    def cohort_homes(self, run_id: str) -> list[AoState]:
        """The offerings holding the run's cohort (``{run id}`` or, per learning path,
        ``{run id}/{path}``)."""
        return [a for a in self.aos.values() if a.cohort_status(run_id) is not None]

    def normalised(self) -> dict[str, object]:
        """The state with RIO-assigned O-codes replaced by eigen sleutels (comparable across
        sandboxes that numbered differently)."""
        name = {c: (o.eigen_sleutel or c) for c, o in self.oes.items()}
        return {
            "oes": sorted((name[c], o.einddatum, o.names) for c, o in self.oes.items()),
            "aos": sorted(
                (a.code, name.get(a.oe, a.oe), a.locatie, a.einddatum, sorted(a.cohorts.items()))
                for a in self.aos.values()
            ),
        }


def _texts(element: etree._Element, name: str) -> list[str]:
    return [e.text or "" for e in element.iter() if isinstance(e.tag, str) and local(e) == name]


def rio_state(database_url: str) -> RioState:
    """What the sandbox shows now (every visible, non-deleted object)."""
    from edudex_rio.sandbox.store import Locatie, current
    from edudex_rio.sandbox.store import Store as SandboxStore

    store = SandboxStore(database_url)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    try:
        with store.session() as s:
            oes = {}
            for o in current(s, "oe", now):
                root = etree.fromstring(o.payload.encode())
                periods = [
                    f"{p.findtext('{*}begindatum')} {p.findtext('{*}naamLang')}"
                    for p in root
                    if isinstance(p.tag, str) and local(p).endswith("Periode")
                ]
                oes[o.code] = OeState(
                    code=o.code,
                    eigen_sleutel=o.eigen_sleutel,
                    einddatum=o.einddatum.isoformat() if o.einddatum else None,
                    names=tuple(periods),
                )
            places = {
                loc.code: f"{loc.postcode}|{loc.huisnummer}|{loc.toevoeging}"
                for loc in s.query(Locatie)
            }
            aos = {}
            for a in current(s, "ao", now):
                root = etree.fromstring(a.payload.encode())
                cohorts = {
                    c.findtext("{*}cohortcode") or "": c.findtext("{*}cohortstatus") or ""
                    for c in root
                    if isinstance(c.tag, str) and local(c).endswith("Cohort")
                }
                erkenning = root.find("{*}opleidingserkenningSleutel")
                aos[a.code] = AoState(
                    code=a.code,
                    oe=a.opleidingseenheid or "",
                    aanbieder=a.aanbieder or "",
                    locatie=places.get(code := root.findtext("{*}onderwijslocatiecode") or "", code)
                    or None,
                    einddatum=a.einddatum.isoformat() if a.einddatum else None,
                    cohorts=cohorts,
                    erkenning=(
                        f"{erkenning.findtext('{*}opleidingsstelsel')} "
                        f"{erkenning.findtext('{*}opleidingscode')}"
                        if erkenning is not None
                        else None
                    ),
                )
            return RioState(oes=oes, aos=aos)
    finally:
        store.dispose()


@dataclass
class Rig:
    """A state store, a RIO sandbox seeded for the example providers, and the settings."""

    settings: Settings
    store: Store
    sandbox_url: str
    port_factory: Callable[[Any], Any]

    def sync(self, day: int, today: dt.date, **options: Any) -> SyncResult:
        from edudex_rio.edudex import open_source
        from edudex_rio.sync.engine import SyncOptions, sync

        source = open_source(catalog(day))
        try:
            return sync(
                self.settings,
                store=self.store,
                source=source,
                port_factory=options.pop("port_factory", self.port_factory),
                options=SyncOptions(today=today, report_files=True, **options),
            )
        finally:
            source.close()


@contextlib.contextmanager
def rig(
    tmp: Path,
    database_url: str,
    *,
    seed: Seed | None = None,
    sandbox: dict[str, Any] | None = None,
    http: bool = False,
    **sync_settings: Any,
) -> Iterator[Rig]:
    """Store + sandbox + settings. ``http``: the sandbox listens on loopback and the client
    talks real HTTP to it; else the client hands requests to the sandbox in-process."""
    from edudex_rio.rio.client import HandlerTransport
    from edudex_rio.sandbox.core import Sandbox, SandboxConfig
    from edudex_rio.sandbox.server import running_sandbox
    from edudex_rio.store import Store
    from edudex_rio.sync.rio import client_factory
    from tests.sandbox_kit import server_keys

    tmp.mkdir(parents=True, exist_ok=True)
    settings = example_settings(tmp, database_url, **sync_settings)
    pki = write_pki(tmp / "pki")
    seed = seed or example_seed()
    with contextlib.ExitStack() as stack:
        if http:
            rio = stack.enter_context(
                running_sandbox(
                    tmp / "rio-sandbox.sqlite",
                    seed=seed,
                    config=SandboxConfig(**(sandbox or {})),
                    keys=server_keys(),
                )
            )
            rio_settings = {
                **pki,
                "beheren_url": rio.beheren_url,
                "raadplegen_url": rio.raadplegen_url,
            }
            settings = settings.model_copy(
                update={"rio": settings.rio.model_copy(update=rio_settings)}
            )
            factory = client_factory(settings)
            sandbox_url = rio.sandbox.config.database_url
        else:
            settings = settings.model_copy(update={"rio": settings.rio.model_copy(update=pki)})
            sandbox_url = f"sqlite:///{tmp / 'rio-sandbox.sqlite'}"
            box = Sandbox(
                SandboxConfig(database_url=sandbox_url, **(sandbox or {})), keys=server_keys()
            )
            box.load_seed(seed)
            stack.callback(box.close)
            factory = client_factory(settings, HandlerTransport(box.handle))
        store = Store.open(database_url)
        stack.callback(store.close)
        yield Rig(
            settings=settings,
            store=store,
            sandbox_url=sandbox_url,
            port_factory=factory,
        )


def write_config(
    tmp: Path, *, rio: dict[str, object] | None = None, retry_attempts: int = 3
) -> Path:
    """The example configuration with its own database, reports and RIO endpoint."""
    text = CONFIG.read_text(encoding="utf-8")
    text = text.replace(
        'url = "sqlite:///../var/edudex-rio.sqlite"', f'url = "sqlite:///{tmp}/s.sqlite"'
    )
    text = text.replace('path = "catalog/day1/json"', f'path = "{REPO}/examples/catalog/day1/json"')
    text = text.replace('directory = "../var/reports"', f'directory = "{tmp}/reports"')
    text = text.replace(
        "confirm_delays_seconds = [1.0, 5.0, 30.0, 120.0]", "confirm_delays_seconds = [0.05, 0.1]"
    )
    text = text.replace("max_attempts = 5", f"max_attempts = {retry_attempts}")
    text = text.replace("base_delay_seconds = 2.0", "base_delay_seconds = 0.01")
    for key, value in (rio or {}).items():
        text = text.replace(
            "require_signed_responses = true", f'require_signed_responses = true\n{key} = "{value}"'
        )
    for key in ("beheren_url", "raadplegen_url"):
        if rio and key in rio:
            text = text.replace(
                f'{key} = "http://127.0.0.1:8765', f'# {key} = "http://127.0.0.1:8765', 1
            )
    path = tmp / "edudex-rio.toml"
    path.write_text(text, encoding="utf-8")
    return path


@contextlib.contextmanager
def sandbox_with_config(tmp: Path) -> Iterator[tuple[Any, Path]]:
    """The sandbox over loopback HTTP, seeded for the example providers, and a configuration
    file that points edudex-rio at it (with a signing certificate and the sandbox as trust)."""
    from edudex_rio.sandbox.core import SandboxConfig
    from edudex_rio.sandbox.server import running_sandbox
    from tests.sandbox_kit import server_keys

    pki = write_pki(tmp / "pki")
    with running_sandbox(
        tmp / "rio.sqlite", seed=example_seed(), config=SandboxConfig(), keys=server_keys()
    ) as rio:
        config = write_config(
            tmp,
            rio={
                "beheren_url": rio.beheren_url,
                "raadplegen_url": rio.raadplegen_url,
                "certificate": pki["certificate"],
                "private_key": pki["private_key"],
                "trust": rio.trust,
            },
        )
        yield rio, config
