"""EDU-DEX Data API v1 client (httpx) and the source built on it.

* bearer token ``secret-token:…`` from a file or an environment variable; it lives in a
  :class:`SecretToken` whose ``repr``/``str`` are masked and is never logged;
* every path segment is percent-encoded (a ``programId`` may hold ``/ ? # &`` and spaces);
* ``POST /programs/bulk`` in batches of at most 100;
* timeouts; retries with exponential backoff (honouring ``Retry-After``) on 429, 5xx and
  network errors, decided by the pure :class:`RetryPolicy`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

import httpx
from pydantic import SecretStr

from edudex_rio.edudex.errors import (
    EdudexAuthError,
    EdudexHttpError,
    EdudexNotFound,
    EdudexUnavailable,
)
from edudex_rio.edudex.model import PUBLIC, ProgramKey, Provider
from edudex_rio.edudex.reader import ReadResult, read_program, read_provider
from edudex_rio.edudex.source import ProgramListing, batched
from edudex_rio.edudex.validation import Issue, Mode

__all__ = [
    "BULK_LIMIT",
    "DEFAULT_BASE_URL",
    "TOKEN_ENV",
    "TOKEN_FILE_ENV",
    "ApiSource",
    "DataApiClient",
    "RetryPolicy",
    "SecretToken",
    "as_token",
    "load_token",
]

log = logging.getLogger(__name__)

DEFAULT_BASE_URL: Final = "https://api.edudex.nl/data/v1/"
BULK_LIMIT: Final = 100
#: 10 s to connect, 60 s per read (a provider's full programme list can be large).
DEFAULT_TIMEOUT: Final = httpx.Timeout(60.0, connect=10.0)
TOKEN_ENV: Final = "EDUDEX_RIO_EDUDEX_TOKEN"  # noqa: S105 - a variable name
TOKEN_FILE_ENV: Final = "EDUDEX_RIO_EDUDEX_TOKEN_FILE"  # noqa: S105 - a variable name
TOKEN_PREFIX: Final = "secret-token:"  # noqa: S105 - a prefix
#: The same, spelled as :mod:`edudex_rio.settings` reads them (``[edudex] token``/``token_file``).
SETTINGS_TOKEN_ENV: Final = "EDUDEX_RIO_EDUDEX__TOKEN"  # noqa: S105 - a variable name
SETTINGS_TOKEN_FILE_ENV: Final = "EDUDEX_RIO_EDUDEX__TOKEN_FILE"  # noqa: S105 - a variable name


class SecretToken:
    """A bearer token that does not show itself in logs, reprs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        value = value.strip()
        if not value.startswith(TOKEN_PREFIX) or len(value) <= len(TOKEN_PREFIX):
            raise EdudexAuthError(
                "EDU-DEX-token moet beginnen met 'secret-token:' / "
                "the EDU-DEX token must start with 'secret-token:'"
            )
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "SecretToken('secret-token:***')"

    __str__ = __repr__


def as_token(value: SecretToken | str | SecretStr) -> SecretToken:
    """A :class:`SecretToken` from a token, a plain string or a pydantic ``SecretStr``
    (what :class:`edudex_rio.settings.EdudexSettings.bearer_token` returns)."""
    if isinstance(value, SecretToken):
        return value
    if isinstance(value, SecretStr):
        return SecretToken(value.get_secret_value())
    return SecretToken(value)


def load_token(
    token_file: Path | str | None = None, *, environ: Mapping[str, str] | None = None
) -> SecretToken:
    """The token from ``token_file``, else the file named by ``$EDUDEX_RIO_EDUDEX_TOKEN_FILE``,
    else ``$EDUDEX_RIO_EDUDEX_TOKEN``. The settings spellings (``EDUDEX_RIO_EDUDEX__TOKEN_FILE``,
    ``EDUDEX_RIO_EDUDEX__TOKEN``, double underscore) are accepted as well."""
    env = os.environ if environ is None else environ
    path = token_file or env.get(TOKEN_FILE_ENV) or env.get(SETTINGS_TOKEN_FILE_ENV)
    if path:
        try:
            return SecretToken(Path(path).read_text("utf-8"))
        except OSError as exc:
            raise EdudexAuthError(f"cannot read EDU-DEX token file {path}: {exc.strerror}") from exc
    value = env.get(TOKEN_ENV) or env.get(SETTINGS_TOKEN_ENV)
    if value:
        return SecretToken(value)
    raise EdudexAuthError(
        f"geen EDU-DEX-token: zet {TOKEN_ENV} of {TOKEN_FILE_ENV} / "
        f"no EDU-DEX token: set {TOKEN_ENV} or {TOKEN_FILE_ENV}"
    )


@dataclass(frozen=True, kw_only=True)
class RetryPolicy:
    """When to try again. Pure: :meth:`delay` returns seconds to wait, or ``None`` to give up."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    retry_statuses: frozenset[int] = field(
        default_factory=lambda: frozenset({429, 500, 502, 503, 504})
    )

    def delay(
        self, attempt: int, *, status: int | None, retry_after: str | None = None
    ) -> float | None:
        """``attempt`` counts from 1; ``status`` ``None`` means a network error."""
        if attempt >= self.max_attempts:
            return None
        if status is not None and status not in self.retry_statuses:
            return None
        if retry_after is not None:
            try:
                return min(max(float(retry_after), 0.0), self.max_delay)
            except ValueError:
                pass
        return float(min(self.base_delay * 2 ** (attempt - 1), self.max_delay))


def _segment(value: str) -> str:
    return quote(value, safe="")


class DataApiClient:
    """Thin typed access to the Data API endpoints the product needs."""

    def __init__(
        self,
        token: SecretToken,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            headers={"Authorization": f"Bearer {token.reveal()}", "Accept": "application/json"},
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DataApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport with retries -----------------------------------------------------------

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                wait = self._retry.delay(attempt, status=None)
                if wait is None:
                    raise EdudexUnavailable(
                        f"EDU-DEX {method} {path}: {type(exc).__name__}"
                    ) from exc
                log.info(
                    "EDU-DEX %s %s: %s, retry in %.1fs", method, path, type(exc).__name__, wait
                )
                self._sleep(wait)
                continue
            status = response.status_code
            if status < 300:
                return response.json() if response.content else None
            wait = self._retry.delay(
                attempt, status=status, retry_after=response.headers.get("Retry-After")
            )
            if wait is not None:
                log.info("EDU-DEX %s %s: HTTP %d, retry in %.1fs", method, path, status, wait)
                self._sleep(wait)
                continue
            self._raise(method, path, response)

    @staticmethod
    def _raise(method: str, path: str, response: httpx.Response) -> None:
        status = response.status_code
        detail = ""
        try:
            body = response.json()
            if isinstance(body, dict) and body.get("error"):
                detail = f": {str(body['error'])[:300]}"
        except ValueError:
            pass
        what = f"EDU-DEX {method} {path}: HTTP {status}{detail}"
        if status in (401, 403):
            raise EdudexAuthError(what)
        if status == 404:
            raise EdudexNotFound(what)
        if status == 429 or status >= 500:
            raise EdudexUnavailable(what)
        raise EdudexHttpError(what, status=status)

    # -- endpoints ----------------------------------------------------------------------

    def list_suppliers(self) -> list[dict[str, Any]]:
        """``GET /suppliers``."""
        return list(self._request("GET", "suppliers").get("suppliers", []))

    def get_supplier(self, org_unit_id: str) -> dict[str, Any]:
        """``GET /suppliers/{orgUnitId}``."""
        return dict(self._request("GET", f"suppliers/{_segment(org_unit_id)}"))

    def get_metadata(self, org_unit_id: str) -> dict[str, Any]:
        """``GET /suppliers/{orgUnitId}/metadata`` (institute document)."""
        return dict(self._request("GET", f"suppliers/{_segment(org_unit_id)}/metadata"))

    def list_programs(self, org_unit_id: str) -> list[dict[str, Any]]:
        """``GET /suppliers/{orgUnitId}/programs``: ``items`` with ``lastChange``."""
        body = self._request("GET", f"suppliers/{_segment(org_unit_id)}/programs")
        return list(body.get("items", []))

    def list_program_variants(self, org_unit_id: str, program_id: str) -> list[dict[str, Any]]:
        """``GET /suppliers/{orgUnitId}/programs/{programId}``: the variants of one programme."""
        path = f"suppliers/{_segment(org_unit_id)}/programs/{_segment(program_id)}"
        return list(self._request("GET", path).get("items", []))

    def bulk(self, keys: Sequence[ProgramKey]) -> Iterator[dict[str, Any]]:
        """``POST /programs/bulk`` in batches of at most :data:`BULK_LIMIT`."""
        for batch in batched(keys, BULK_LIMIT):
            body = {
                "programs": [
                    {"orgUnitId": k.org_unit_id, "programId": k.program_id, "clientId": k.client_id}
                    for k in batch
                ]
            }
            yield from self._request("POST", "programs/bulk", json=body).get("programs", [])

    def catalog_changes(
        self, org_unit_id: str, catalog_id: str, since: str, *, dynamic: bool = False
    ) -> list[dict[str, Any]]:
        """``GET /organizations/{o}/{static|dynamic}catalogs/{id}/changes?changesSince=``."""
        kind = "dynamiccatalogs" if dynamic else "staticcatalogs"
        path = f"organizations/{_segment(org_unit_id)}/{kind}/{_segment(catalog_id)}/changes"
        return list(self._request("GET", path, params={"changesSince": since}))


class ApiSource:
    """:class:`EdudexSource` over the Data API."""

    def __init__(self, client: DataApiClient, *, mode: Mode = "production") -> None:
        self.client = client
        self.mode: Mode = mode

    @classmethod
    def open(
        cls,
        *,
        base_url: str = DEFAULT_BASE_URL,
        token: SecretToken | str | SecretStr | None = None,
        token_file: Path | str | None = None,
        mode: Mode = "production",
        **client_kwargs: Any,
    ) -> ApiSource:
        """Open the Data API with ``token`` (any form, see :func:`as_token`), else the token
        from ``token_file`` or the environment (:func:`load_token`)."""
        secret = as_token(token) if token is not None else load_token(token_file)
        return cls(DataApiClient(secret, base_url=base_url, **client_kwargs), mode=mode)

    def close(self) -> None:
        self.client.close()

    def list_providers(self) -> tuple[str, ...]:
        return tuple(str(s["id"]) for s in self.client.list_suppliers())

    def fetch_provider(self, org_unit_id: str) -> Provider:
        provider, _ = read_provider(
            self.client.get_metadata(org_unit_id), mode=self.mode, origin=f"{org_unit_id}/metadata"
        )
        return provider

    def list_programs(self, org_unit_id: str) -> tuple[ProgramListing, ...]:
        return tuple(
            ProgramListing(
                key=ProgramKey(
                    org_unit_id=str(item["orgUnitId"]),
                    program_id=str(item["programId"]),
                    client_id=str(item.get("clientId") or PUBLIC),
                ),
                last_change=str(item["lastChange"]) if item.get("lastChange") else None,
            )
            for item in self.client.list_programs(org_unit_id)
        )

    def fetch_programs(self, keys: Sequence[ProgramKey]) -> Iterator[ReadResult]:
        for batch in batched(keys, BULK_LIMIT):
            answers: dict[ProgramKey, dict[str, Any]] = {}
            for item in self.client.bulk(batch):
                key = ProgramKey(
                    org_unit_id=str(item.get("orgUnitId")),
                    program_id=str(item.get("programId")),
                    client_id=str(item.get("clientId") or PUBLIC),
                )
                answers[key] = item
            for key in batch:
                yield self._result(key, answers.get(key))

    def _result(self, key: ProgramKey, item: dict[str, Any] | None) -> ReadResult:
        origin = str(key)
        if item is None or (item.get("data") is None and not item.get("error")):
            return ReadResult(
                origin=origin,
                key=key,
                program=None,
                issues=(
                    _issue(
                        "not-found", "niet teruggegeven door EDU-DEX", "not returned by EDU-DEX"
                    ),
                ),
            )
        if item.get("error"):
            text = str(item["error"])[:300]
            return ReadResult(
                origin=origin,
                key=key,
                program=None,
                issues=(_issue("edudex-error", f"EDU-DEX meldt: {text}", f"EDU-DEX says: {text}"),),
            )
        data = item["data"]
        if not isinstance(data, dict):
            return ReadResult(
                origin=origin,
                key=key,
                program=None,
                issues=(_issue("type", "programma is geen object", "program is not an object"),),
            )
        result = read_program(
            data,
            mode=self.mode,
            origin=origin,
            client_id=None if key.client_id == PUBLIC else key.client_id,
        )
        # a body too broken to name its programme is the one that was asked for
        return result if result.key is not None else replace(result, key=key)


def _issue(code: str, nl: str, en: str) -> Issue:
    return Issue(path="", level="error", code=code, message_nl=nl, message_en=en)
