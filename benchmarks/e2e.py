"""End-to-end scenarios: the sync engine against the RIO sandbox over loopback HTTP.

    .venv/bin/python -m benchmarks.e2e CATALOGUE [--visibility-delay 0.5]

On a generated catalogue (``benchmarks.catalogue``): the sandbox is seeded with its seed and
served by a plain HTTP server on 127.0.0.1 that counts every SOAP request by operation; the
engine syncs with a SQLite state store, the real RioClient (signing, XSD checks) and the
folder source. Scenarios, in order, on one sandbox and one store:

1. ``first``     — day 1 into an empty RIO (first full sync);
2. ``unchanged`` — day 1 again (nothing changed: the physical minimum is zero writes);
3. ``day2``      — day 2, with the generator's share of changes.

For each: wall time, SOAP writes and reads (counted at the HTTP server, i.e. what DUO would
see), the RIO objects that changed (computed independently with the pure mapping: OEs and AOs
whose desired content differs), and what the *naive* pattern of existing connectors — for every
object on every run: resolve its code, write it, poll until it is visible — costs on the same
workload, counted from the same desired stands (one poll per object: its lower bound).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from lxml import etree

from benchmarks.catalogue import DAY1, DAY2
from benchmarks.stages import changed_objects, load_providers, map_plan, read_provider
from edudex_rio.edudex.folder import FolderSource
from edudex_rio.mapping import RioStand
from edudex_rio.sandbox import wssec
from edudex_rio.sandbox.core import Sandbox, SandboxConfig
from edudex_rio.sandbox.seed import Seed
from edudex_rio.settings import DUO_OIN, Settings
from edudex_rio.store import Store
from edudex_rio.sync.engine import SyncOptions, SyncResult, sync
from edudex_rio.sync.rio import client_factory

__all__ = ["main", "run"]

_SOAP_BODY = "{http://schemas.xmlsoap.org/soap/envelope/}Body"


@dataclass
class Counts:
    """SOAP requests seen by the server, per service and operation."""

    writes: Counter[str] = field(default_factory=Counter)
    reads: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, body: bytes) -> None:
        operation = _operation(body)
        with self.lock:
            (self.writes if "beheren" in path else self.reads)[operation] += 1

    def reject(self, path: str, answer: bytes) -> None:
        """Count a ``requestGoedgekeurd=false`` answer by its foutcodes."""
        if b"requestGoedgekeurd>false<" not in answer:
            return
        codes = re.findall(rb"foutcode>([A-Z0-9]+)<", answer) or [b"?"]
        with self.lock:
            for code in codes:
                kind = "write" if "beheren" in path else "read"
                self.rejected[f"{kind} {code.decode()}"] += 1

    def take(self) -> tuple[Counter[str], Counter[str], Counter[str]]:
        with self.lock:
            out = (self.writes, self.reads, self.rejected)
            self.writes, self.reads, self.rejected = Counter(), Counter(), Counter()
        return out


def _operation(body: bytes) -> str:
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return "?"
    soap_body = root.find(_SOAP_BODY)
    if soap_body is None or len(soap_body) == 0:
        return "?"
    return etree.QName(soap_body[0]).localname


@dataclass(frozen=True)
class _Rio:
    beheren_url: str
    raadplegen_url: str
    trust: Path
    counts: Counts


@contextlib.contextmanager
def serve_sandbox(work: Path, seed: Seed, visibility_delay: float) -> Iterator[_Rio]:
    """The bundled RIO sandbox on a free loopback port, counting every request."""
    keys = wssec.generate_key_pair(common_name="rio-sandbox.local", oin=DUO_OIN)
    trust = work / "rio-sandbox.pem"
    trust.write_bytes(keys.certificate.public_bytes(serialization.Encoding.PEM))
    sandbox = Sandbox(
        SandboxConfig(
            database_url=f"sqlite:///{work / 'rio-sandbox.sqlite'}",
            visibility_delay=visibility_delay,
        ),
        keys=keys,
    )
    sandbox.load_seed(seed)
    counts = Counts()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            counts.add(self.path, body)
            answer = sandbox.handle(self.path, body, dict(self.headers.items()))
            counts.reject(self.path, answer.body)
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
        yield _Rio(f"{base}/beheren4.0", f"{base}/raadplegen4.0", trust, counts)
    finally:
        server.shutdown()
        server.server_close()
        sandbox.close()


def _client_keys(work: Path) -> tuple[Path, Path]:
    pair = wssec.generate_key_pair(common_name="edudex-rio-bench", oin="00000003000000000000")
    cert, key = work / "client.pem", work / "client.key"
    pair.write_pem(cert, key)
    return cert, key


def _settings(work: Path, rio: _Rio, providers: list[dict[str, Any]], concurrency: int) -> Settings:
    cert, key = _client_keys(work)
    return Settings.model_validate(
        {
            "database": {"url": f"sqlite:///{work / 'edudex-rio.sqlite'}"},
            "rio": {
                "beheren_url": rio.beheren_url,
                "raadplegen_url": rio.raadplegen_url,
                "certificate": cert,
                "private_key": key,
                "trust": rio.trust,
            },
            "sync": {
                "concurrency": concurrency,
                "confirm_delays_seconds": (0.25, 0.5, 1.0, 2.0, 4.0),
                "retry": {"max_attempts": 4, "base_delay_seconds": 0.1, "max_delay_seconds": 1.0},
            },
            "report": {"directory": work / "reports"},
            "provider": [
                {
                    "org_unit_id": p["org_unit_id"],
                    "name": p["name"],
                    "kvk": p["kvk"],
                    "onderwijsbestuurcode": p["onderwijsbestuurcode"],
                    "onderwijsaanbiedercode": p["onderwijsaanbiedercode"],
                }
                for p in providers
            ],
        }
    )


@dataclass
class _Workload:
    """The desired stands of every provider on day 1 and day 2 (pure mapping)."""

    day1: dict[str, RioStand]
    day2: dict[str, RioStand]
    programmes: int
    runs: int

    @staticmethod
    def of(catalogue: Path, providers: list[dict[str, Any]]) -> _Workload:
        s1, s2 = FolderSource(catalogue / "day1"), FolderSource(catalogue / "day2")
        day1: dict[str, RioStand] = {}
        day2: dict[str, RioStand] = {}
        programmes = runs = 0
        for p in providers:
            org, code = p["org_unit_id"], p["onderwijsaanbiedercode"]
            r1 = read_provider(s1, org)
            programmes += len(r1.programs)
            runs += sum(len(x.runs) for x in r1.programs)
            day1[org], _, _ = map_plan(r1.programs, code, DAY1)
            day2[org], _, _ = map_plan(read_provider(s2, org).programs, code, DAY2, day1[org])
        return _Workload(day1, day2, programmes, runs)

    @staticmethod
    def objects(stands: dict[str, RioStand]) -> dict[str, int]:
        return {
            "opleidingseenheden": sum(len(s.opleidingseenheden) for s in stands.values()),
            "aangeboden_opleidingen": sum(len(s.aangeboden) for s in stands.values()),
            "locaties": sum(len(s.locaties) for s in stands.values()),
        }


def _naive(objects: dict[str, int]) -> dict[str, int]:
    """Resolve + write + poll every object (and resolve every location) on every run."""
    rio_objects = objects["opleidingseenheden"] + objects["aangeboden_opleidingen"]
    return {
        "writes": rio_objects,
        "reads": 2 * rio_objects + objects["locaties"],
    }


def _scenario(
    name: str,
    settings: Settings,
    store: Store,
    catalogue: Path,
    today: dt.date,
    rio: _Rio,
    changed: dict[str, int],
    desired: dict[str, int],
) -> dict[str, Any]:
    rio.counts.take()
    source = FolderSource(catalogue)
    t0 = time.perf_counter()
    result: SyncResult = sync(
        settings,
        store=store,
        source=source,
        port_factory=client_factory(settings),
        options=SyncOptions(today=today, report_files=False),
    )
    wall = time.perf_counter() - t0
    writes, reads, rejected = rio.counts.take()
    n_writes, n_reads = sum(writes.values()), sum(reads.values())
    n_changed = sum(changed.values())
    failed = [p.org_unit_id for p in result.providers if p.status != "succeeded"]
    return {
        "scenario": name,
        "wall_seconds": round(wall, 1),
        "providers_failed": failed,
        "writes": n_writes,
        "reads": n_reads,
        "writes_by_operation": dict(sorted(writes.items())),
        "reads_by_operation": dict(sorted(reads.items())),
        "engine_writes": result.writes,
        "rejections_by_foutcode": dict(sorted(rejected.items())),
        "changed_rio_objects": n_changed,
        "changed_detail": changed,
        "writes_per_changed_object": round(n_writes / n_changed, 3) if n_changed else None,
        "reads_per_confirmed_object": round(n_reads / n_writes, 3) if n_writes else None,
        "naive": _naive(desired),
    }


def run(
    catalogue: Path,
    *,
    work: Path | None = None,
    visibility_delay: float = 0.5,
    concurrency: int = 4,
) -> dict[str, Any]:
    work = work or Path(tempfile.mkdtemp(prefix="edudex-rio-bench-"))
    if work.exists():
        shutil.rmtree(work)  # a first sync starts from an empty RIO and an empty state store
    work.mkdir(parents=True)
    providers = load_providers(catalogue)
    t0 = time.perf_counter()
    load = _Workload.of(catalogue, providers)
    pure_seconds = time.perf_counter() - t0
    seed = Seed.model_validate(json.loads((catalogue / "seed.json").read_text()))
    empty = {org: RioStand() for org in load.day1}
    first = {k: 0 for k in ("locaties", "opleidingseenheden", "aangeboden_opleidingen")}
    for org in load.day1:
        for k, v in changed_objects(empty[org], load.day1[org]).items():
            first[k] += v
    d2 = {k: 0 for k in first}
    for org in load.day1:
        for k, v in changed_objects(load.day1[org], load.day2[org]).items():
            d2[k] += v
    none = {k: 0 for k in first}
    objects1, objects2 = _Workload.objects(load.day1), _Workload.objects(load.day2)
    out: dict[str, Any] = {
        "providers": len(providers),
        "programmes": load.programmes,
        "runs": load.runs,
        "desired_objects_day1": objects1,
        "visibility_delay_seconds": visibility_delay,
        "concurrency": concurrency,
        "pure_workload_seconds": round(pure_seconds, 1),
        "scenarios": [],
    }
    with serve_sandbox(work, seed, visibility_delay) as rio:
        settings = _settings(work, rio, providers, concurrency)
        store = Store.open(settings.database.url)
        try:
            for name, day, today, changed, desired in (
                ("first", "day1", DAY1, first, objects1),
                ("unchanged", "day1", DAY1, none, objects1),
                ("day2", "day2", DAY2, d2, objects2),
            ):
                res = _scenario(
                    name, settings, store, catalogue / day, today, rio, changed, desired
                )
                print(json.dumps(res), file=sys.stderr)
                out["scenarios"].append(res)
        finally:
            store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--visibility-delay", type=float, default=0.5)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    result = run(
        args.catalogue,
        work=args.work,
        visibility_delay=args.visibility_delay,
        concurrency=args.concurrency,
    )
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
