"""A local EDU-DEX: serves a folder catalogue with the Data API's shapes and bearer auth,
and the same catalogue as an XML feed (``directory.xml`` per provider, closed with ``key``).

For tests, demos and providers trying the product without EDU-DEX access::

    edudex-rio edudex serve examples/catalog/day1/json --port 8765 --token-file token.txt

Data API (under ``/data/v1``): ``GET /suppliers``, ``/suppliers/{o}``,
``/suppliers/{o}/metadata``, ``/suppliers/{o}/programs``, ``/suppliers/{o}/programs/{p}``,
``POST /programs/bulk`` (≤100), catalog ``…/changes`` (empty). XML feed: ``GET
/feeds/directory.xml`` (root, one ``subDirectory`` per provider), ``/feeds/{o}/directory.xml``,
``/feeds/{o}/institute.xml``, ``/feeds/{o}/programs/{n}.xml``.

``app.state.faults`` (a list of HTTP statuses) makes the next requests fail, for retry tests;
``app.state.calls`` records (method, raw path as sent) of every request and
``app.state.bulk_sizes`` the size of every bulk request.
"""

from __future__ import annotations

import datetime as dt
import hmac
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Body, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from lxml import etree

from edudex_rio.edudex.folder import METADATA_NAMES, FolderSource
from edudex_rio.edudex.reader import load_document
from edudex_rio.edudex.xmlformat import DIRECTORY_NS, document_to_xml

__all__ = ["LocalApi", "create_app", "running"]

_PREFIX = "/data/v1"


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"status": status, "error": message}, status_code=status)


class _Catalogue:
    """The folder catalogue as the API sees it (JSON shapes, mtime as lastChange)."""

    def __init__(self, root: Path) -> None:
        self.source = FolderSource(root, mode="production")

    def metadata(self, org: str) -> dict[str, Any] | None:
        base = self.source.root / org
        for name in METADATA_NAMES:
            if (base / name).is_file():
                _, doc = load_document((base / name).read_bytes())
                return dict(doc)
        return None

    def programs(self, org: str) -> list[tuple[dict[str, Any], Path, str]]:
        """(item, file, lastChange) for every programme file of ``org``."""
        out = []
        for listing in self.source.list_programs(org):
            path = self.source.path_of(listing.key)
            if path is None:  # pragma: no cover - listed keys always have a file
                continue
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            item = {
                "orgUnitId": listing.key.org_unit_id,
                "programId": listing.key.program_id,
                "clientId": listing.key.client_id,
                "lastChange": f"{stamp:%Y-%m-%dT%H:%M:%S}.{stamp.microsecond:06d}Z",
            }
            out.append((item, path, listing.last_change or ""))
        return out


def create_app(
    root: Path | str, *, token: str, feed_key: str | None = None, faults: list[int] | None = None
) -> FastAPI:
    """The local EDU-DEX app serving the folder catalogue at ``root``."""
    cat = _Catalogue(Path(root))
    app = FastAPI(title="local EDU-DEX Data API", docs_url=None, redoc_url=None)
    app.state.faults = faults if faults is not None else []
    app.state.requests = 0
    app.state.calls = []
    app.state.bulk_sizes = []
    expected = f"Bearer {token}".encode()

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        app.state.requests += 1
        raw = request.scope.get("raw_path") or request.url.path.encode()
        app.state.calls.append((request.method, raw.decode("ascii", "replace")))
        if app.state.faults:
            status = app.state.faults.pop(0)
            headers = {"Retry-After": "0"} if status == 429 else {}
            return JSONResponse({"status": status, "error": "injected"}, status, headers=headers)
        path = request.url.path
        if path.startswith(_PREFIX):
            given = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(given, expected):
                return _error(401, "invalid or missing bearer token")
        elif (
            path.startswith("/feeds/")
            and feed_key is not None
            and not hmac.compare_digest(request.query_params.get("key", ""), feed_key)
        ):
            return _error(403, "invalid feed key")
        result: Response = await call_next(request)
        return result

    def known(org: str) -> bool:
        return org in cat.source.list_providers()

    @app.get(f"{_PREFIX}/suppliers")
    def suppliers() -> dict[str, Any]:
        out = []
        for org in cat.source.list_providers():
            meta = cat.metadata(org) or {}
            out.append(
                {
                    "id": org,
                    "name": meta.get("instituteName", {"nl": org}),
                    "lastMetadataChange": meta.get("lastEdited", "2026-01-01T00:00:00Z"),
                }
            )
        return {"suppliers": out}

    @app.get(f"{_PREFIX}/suppliers/{{org}}")
    def supplier(org: str) -> Any:
        if not known(org):
            return _error(404, f"supplier {org} not found")
        meta = cat.metadata(org) or {}
        return {
            "id": org,
            "name": meta.get("instituteName", {"nl": org}),
            "lastMetadataChange": meta.get("lastEdited", "2026-01-01T00:00:00Z"),
        }

    @app.get(f"{_PREFIX}/suppliers/{{org}}/metadata")
    def metadata(org: str) -> Any:
        meta = cat.metadata(org) if known(org) else None
        return meta if meta is not None else _error(404, f"no metadata for {org}")

    @app.get(f"{_PREFIX}/suppliers/{{org}}/programs")
    def programs(org: str) -> Any:
        if not known(org):
            return _error(404, f"supplier {org} not found")
        return {"items": [item for item, _, _ in cat.programs(org)]}

    @app.get(f"{_PREFIX}/suppliers/{{org}}/programs/{{program_id:path}}")
    def program_variants(org: str, program_id: str) -> Any:
        if not known(org):
            return _error(404, f"supplier {org} not found")
        items = [i for i, _, _ in cat.programs(org) if i["programId"] == program_id]
        return {"items": items} if items else _error(404, f"program {program_id} not found")

    @app.post(f"{_PREFIX}/programs/bulk")
    def bulk(body: dict[str, Any] = Body(...)) -> Any:  # noqa: B008
        wanted = body.get("programs")
        if not isinstance(wanted, list):
            return _error(400, "programs must be a list")
        if len(wanted) > 100:
            return _error(400, "at most 100 programs per call")
        app.state.bulk_sizes.append(len(wanted))
        out = []
        files: dict[str, dict[tuple[object, object], Path]] = {}  # per org, listed once
        for w in wanted:
            org, pid, client = w.get("orgUnitId"), w.get("programId"), w.get("clientId")
            hit = None
            if isinstance(org, str) and known(org):
                if org not in files:
                    files[org] = {
                        (i["programId"], i["clientId"]): p for i, p, _ in cat.programs(org)
                    }
                hit = files[org].get((pid, client))
            base = {"orgUnitId": org, "programId": pid, "clientId": client}
            if hit is None:
                out.append({**base, "error": "program not found", "data": None})
                continue
            try:
                _, doc = load_document(hit.read_bytes())
                out.append({**base, "error": None, "data": doc})
            except Exception as exc:
                out.append({**base, "error": f"unreadable: {exc}", "data": None})
        return {"programs": out}

    @app.get(f"{_PREFIX}/organizations/{{org}}/{{kind}}/{{catalog}}/changes")
    def changes(org: str, kind: str, catalog: str, changesSince: str = "") -> Any:
        return []

    # -- XML feed -------------------------------------------------------------------------

    def xml(data: bytes) -> Response:
        return Response(data, media_type="application/xml")

    @app.get("/feeds/directory.xml")
    def root_directory() -> Response:
        d = _directory_root(None)
        for org in cat.source.list_providers():
            sub = etree.SubElement(d, f"{{{DIRECTORY_NS}}}subDirectory")
            _text(sub, "orgUnitId", org)
            _text(sub, "directoryUrl", f"{org}/directory.xml")
        return xml(etree.tostring(d, xml_declaration=True, encoding="UTF-8"))

    @app.get("/feeds/{org}/directory.xml")
    def directory(org: str) -> Response:
        if not known(org):
            return _error(404, "unknown provider")
        d = _directory_root(org)
        if cat.metadata(org) is not None:
            inst = etree.SubElement(d, f"{{{DIRECTORY_NS}}}instituteDataResource")
            _text(inst, "resourceUrl", "institute.xml")
        for n, (item, _, _) in enumerate(cat.programs(org)):
            res = etree.SubElement(d, f"{{{DIRECTORY_NS}}}programResource")
            if item["clientId"] != "public":
                _text(res, "clientId", item["clientId"])
            _text(res, "lastEdited", item["lastChange"])
            _text(res, "programId", item["programId"])
            _text(res, "resourceUrl", f"programs/{n}.xml")
        return xml(etree.tostring(d, xml_declaration=True, encoding="UTF-8"))

    @app.get("/feeds/{org}/institute.xml")
    def institute(org: str) -> Response:
        meta = cat.metadata(org) if known(org) else None
        if meta is None:
            return _error(404, "no metadata")
        return xml(document_to_xml(meta, kind="institute"))

    @app.get("/feeds/{org}/programs/{n}.xml")
    def program_xml(org: str, n: int) -> Response:
        progs = cat.programs(org) if known(org) else []
        if not 0 <= n < len(progs):
            return _error(404, "no such program")
        path = progs[n][1]
        if path.suffix == ".xml":
            return xml(path.read_bytes())
        _, doc = load_document(path.read_bytes())
        return xml(document_to_xml(doc, kind="program"))

    return app


def _directory_root(org: str | None) -> etree._Element:
    d = etree.Element(f"{{{DIRECTORY_NS}}}edudexDirectory", nsmap={None: DIRECTORY_NS})  # type: ignore[dict-item]
    _text(d, "editor", "feedbeheer@example.invalid")
    _text(d, "generator", "edudex-rio local EDU-DEX")
    _text(d, "version", "1.8")
    _text(d, "orgUnitId", org or "edudex-rio-local")
    return d


def _text(parent: etree._Element, name: str, value: str) -> None:
    etree.SubElement(parent, f"{{{DIRECTORY_NS}}}{name}").text = value


@dataclass(frozen=True, kw_only=True)
class LocalApi:
    """A running local EDU-DEX on loopback."""

    app: FastAPI
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Data API base URL (``…/data/v1/``)."""
        return f"{self.origin}{_PREFIX}/"

    @property
    def feed_url(self) -> str:
        """Root ``directory.xml`` of the XML feed."""
        return f"{self.origin}/feeds/directory.xml"


@contextmanager
def running(
    root: Path | str, *, token: str, feed_key: str | None = None, host: str = "127.0.0.1"
) -> Iterator[LocalApi]:
    """Run the local EDU-DEX with uvicorn in a thread on a free loopback port."""
    import uvicorn

    app = create_app(root, token=token, feed_key=feed_key)
    with socket.socket() as probe:
        probe.bind((host, 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="local-edudex", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("local EDU-DEX did not start")
        time.sleep(0.02)
    try:
        yield LocalApi(app=app, host=host, port=port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
