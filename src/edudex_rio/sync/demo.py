"""``edudex-rio demo``: the main job end to end on the embedded default, in well under a minute.

SQLite state store in a work folder, the bundled RIO sandbox over real loopback HTTP, seeded for
the example providers, and the example catalogue: day 1, then day 2. Prints each provider's
verwerkingsverslag in plain words.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from edudex_rio.edudex import open_source
from edudex_rio.report import Level, Report
from edudex_rio.report.texts import Language, explain, level_label
from edudex_rio.sandbox.seed import Seed
from edudex_rio.settings import DUO_OIN, Settings, load_settings
from edudex_rio.store import Store
from edudex_rio.sync.engine import SyncOptions, SyncResult, sync
from edudex_rio.sync.rio import client_factory

__all__ = [
    "DAY1",
    "DAY2",
    "LoopbackRio",
    "examples_dir",
    "print_report",
    "run_demo",
    "running_sandbox",
    "seed_for",
]

#: The days the example catalogue was published (its lastEdited stamps).
DAY1 = dt.date(2026, 11, 28)
DAY2 = dt.date(2026, 11, 29)

_EXTRA_SEED: dict[str, Any] = {
    # what RIO knows already that the example catalogue refers to
    "erkenningen": [
        {"stelsel": "CREBO", "code": "25491", "naam": "Verzorgende IG"},
        {"stelsel": "NLQF", "code": "45-678", "naam": "Praktijkopleider zorg (NLQF 4+)"},
    ],
    "opleidingseenheden": [
        {
            "code": "2468O1357",
            "bestuur": "203B103",
            "naam": "ISO 27001 Foundation",
            "begindatum": "2020-01-01",
        }
    ],
}


def examples_dir() -> Path:
    """``examples/`` of the checkout edudex-rio runs from."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "examples" / "edudex-rio.toml"
        if candidate.is_file():
            return candidate.parent
    raise FileNotFoundError("examples/edudex-rio.toml not found beside the installed package")


def _bag(path: Path) -> list[dict[str, Any]]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return [
        {
            "postcode": row["postcode"].replace(" ", "").upper(),
            "huisnummer": int(row["huisnummer"]),
            "toevoeging": ((row.get("huisletter") or "") + (row.get("toevoeging") or "")).upper(),
            "straat": row.get("straat") or "",
            "plaatsnaam": row.get("plaats") or "",
        }
        for row in rows
    ]


def seed_for(settings: Settings, bag_csv: Path) -> Seed:
    """A sandbox seed that knows the configured providers (bestuur, aanbieder, OIN), the
    addresses of the catalogue, and the recognised programmes it refers to."""
    data: dict[str, Any] = {
        "besturen": [
            {
                "code": p.onderwijsbestuurcode,
                "naam": p.name or p.org_unit_id,
                "kvk": p.kvk,
                "oins": [p.oin],
            }
            for p in settings.provider
        ],
        "aanbieders": [
            {
                "code": p.onderwijsaanbiedercode,
                "bestuur": p.onderwijsbestuurcode,
                "naam": p.name or p.org_unit_id,
                "kvk": p.kvk,
            }
            for p in settings.provider
        ],
        "bag": _bag(bag_csv),
        **_EXTRA_SEED,
    }
    known = {p.onderwijsbestuurcode for p in settings.provider}
    data["opleidingseenheden"] = [o for o in data["opleidingseenheden"] if o["bestuur"] in known]
    return Seed.model_validate(data)


def print_report(report: Report, out: Callable[[str], None], language: Language = "nl") -> None:
    """A provider's report in plain words: errors first, then warnings, then what was done."""
    title = "Verwerkingsverslag" if language == "nl" else "Processing report"
    out(f"\n== {title}: {report.provider} ({report.org_unit_id}) ==")
    order = {Level.FOUT: 0, Level.WAARSCHUWING: 1, Level.INFO: 2}
    for signal in sorted(report.signals, key=lambda s: order[s.level]):
        text, action = explain(signal, language)
        where = " · ".join(v for v in (signal.program_id, signal.run_id, signal.rio_code) if v)
        line = f"  {level_label(signal.level, language):<12} {text}"
        if where:
            line += f"  [{where}]"
        out(line)
        if signal.level is not Level.INFO:
            out(f"  {'':<12} → {action}")


def _write_keys(folder: Path) -> tuple[Path, Path]:
    from edudex_rio.sandbox import wssec

    pair = wssec.generate_key_pair(common_name="edudex-rio-demo", oin="00000003000000000000")
    cert, key = folder / "client.pem", folder / "client.key"
    cert.write_bytes(pair.certificate.public_bytes(serialization.Encoding.PEM))
    key.write_bytes(
        pair.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key.chmod(0o600)
    return cert, key


@dataclass(frozen=True)
class LoopbackRio:
    """A sandbox served over HTTP on loopback: its URLs, its certificate, its database."""

    beheren_url: str
    raadplegen_url: str
    trust: Path
    database_url: str


@contextlib.contextmanager
def running_sandbox(
    work: Path, seed: Seed, *, keys: Any = None, **config: Any
) -> Iterator[LoopbackRio]:
    """The bundled RIO sandbox on a free loopback port, over real HTTP."""
    from edudex_rio.sandbox import wssec
    from edudex_rio.sandbox.core import Sandbox, SandboxConfig

    keys = keys or wssec.generate_key_pair(common_name="rio-sandbox.local", oin=DUO_OIN)
    trust = work / "rio-sandbox.pem"
    trust.write_bytes(keys.certificate.public_bytes(serialization.Encoding.PEM))
    database_url = f"sqlite:///{work / 'rio-sandbox.sqlite'}"
    sandbox = Sandbox(SandboxConfig(database_url=database_url, **config), keys=keys)
    sandbox.load_seed(seed)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            answer = sandbox.handle(self.path, body, dict(self.headers.items()))
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/RIO/services"
    try:
        yield LoopbackRio(
            beheren_url=f"{base}/beheren4.0",
            raadplegen_url=f"{base}/raadplegen4.0",
            trust=trust,
            database_url=database_url,
        )
    finally:
        server.shutdown()
        server.server_close()
        sandbox.close()


def _summary(result: SyncResult, label: str, seconds: float) -> str:
    parts = [f"{p.org_unit_id}: {p.writes}" for p in result.providers]
    return f"{label}: {result.writes} writes to RIO in {seconds:.1f}s ({', '.join(parts)})"


def run_demo(
    workdir: Path | None = None,
    *,
    out: Callable[[str], None] = print,
    language: Language = "nl",
) -> int:
    """Run the demo; return the exit status (0 when both days ran without a failure)."""
    started = time.monotonic()
    examples = examples_dir()
    work = workdir or Path(tempfile.mkdtemp(prefix="edudex-rio-demo-"))
    work.mkdir(parents=True, exist_ok=True)
    base = load_settings(examples / "edudex-rio.toml", environ={})
    cert, key = _write_keys(work)
    seed = seed_for(base, examples / "catalog" / "bag-addresses.csv")
    out(f"edudex-rio demo — work folder {work}")
    with running_sandbox(work, seed) as rio:
        out(f"RIO sandbox listening at {rio.beheren_url.rsplit('/RIO', 1)[0]}")
        data = base.model_dump()
        data["database"] = {"url": f"sqlite:///{work / 'edudex-rio.sqlite'}"}
        data["report"] = {**data["report"], "directory": work / "reports", "language": language}
        data["rio"] = {
            **data["rio"],
            "beheren_url": rio.beheren_url,
            "raadplegen_url": rio.raadplegen_url,
            "certificate": cert,
            "private_key": key,
            "trust": rio.trust,
        }
        data["sync"] = {**data["sync"], "confirm_delays_seconds": (0.2, 0.5, 1.0, 2.0)}
        settings = Settings.model_validate(data)
        store = Store.open(settings.database.url)
        status = 0
        try:
            for day, today in ((1, DAY1), (2, DAY2)):
                catalogue = examples / "catalog" / f"day{day}" / "json"
                out(f"\n### Day {day} ({today}): syncing {catalogue.relative_to(examples.parent)}")
                t0 = time.monotonic()
                source = open_source(catalogue)
                try:
                    result = sync(
                        settings,
                        store=store,
                        source=source,
                        port_factory=client_factory(settings),
                        options=SyncOptions(today=today),
                    )
                finally:
                    source.close()
                for provider in result.providers:
                    print_report(provider.report, out, language)
                out("\n" + _summary(result, f"Day {day}", time.monotonic() - t0))
                if not result.ok:
                    status = 1
            out(f"\nReports (CSV, XLSX, HTML) in {settings.report.directory}")
        finally:
            store.close()
    out(f"Demo finished in {time.monotonic() - started:.1f}s.")
    return status
