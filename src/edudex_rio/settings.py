"""Configuration: one TOML file plus ``EDUDEX_RIO_*`` environment overrides.

The file comes from ``--config`` or ``EDUDEX_RIO_CONFIG``; without one the embedded defaults
apply (a SQLite file under ``./var``). Any scalar key can be overridden from the environment as
``EDUDEX_RIO_<SECTION>__<KEY>`` (double underscore between levels), e.g.
``EDUDEX_RIO_DATABASE__URL`` or ``EDUDEX_RIO_RIO__REQUIRE_SIGNED_RESPONSES=false``.

Secrets never live in the file itself: the EDU-DEX token and the private key's password are read
from a file path or from the environment (``EDUDEX_RIO_EDUDEX__TOKEN``,
``EDUDEX_RIO_RIO__PRIVATE_KEY_PASSWORD``) and are held as :class:`pydantic.SecretStr`, which
prints as ``**********`` so a logged or reported settings object reveals nothing.

Build one :class:`Settings` at each edge (CLI callback, web startup, worker main) with
:func:`load_settings` and pass it explicitly.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from edudex_rio.errors import TerminalError

__all__ = [
    "DUO_OIN",
    "ENV_PREFIX",
    "ConfigError",
    "DatabaseSettings",
    "EdudexSettings",
    "ProviderSettings",
    "ReportSettings",
    "RetrySettings",
    "RioSettings",
    "Settings",
    "SyncSettings",
    "load_settings",
    "provider_oin",
]

ENV_PREFIX = "EDUDEX_RIO_"
#: DUO's OIN, the recipient of every RIO message.
DUO_OIN = "00000001800866472000"
DEFAULT_DATABASE_URL = "sqlite:///var/edudex-rio.sqlite"

_KVK = re.compile(r"^\d{8}$")


class ConfigError(TerminalError):
    """The configuration file or environment is invalid; the message says where."""


def provider_oin(kvk: str) -> str:
    """The OIN of a provider: ``00000003`` + its 8-digit KvK number + ``0000``."""
    if not _KVK.match(kvk):
        raise ValueError(f"KvK number must be 8 digits, got {kvk!r}")
    return f"00000003{kvk}0000"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    url: str = DEFAULT_DATABASE_URL
    """SQLAlchemy URL of the state store: SQLite file by default, ``postgresql+psycopg://…``
    in production."""


class EdudexSettings(_Section):
    source: Literal["api", "xml", "folder"] = "folder"
    """Where catalogues come from: the Data API, XML feeds or a local folder."""
    base_url: str = "https://api.edudex.nl/data/v1/"
    """Data API root (``api``) or feed root holding ``directory.xml`` (``xml``)."""
    token_file: Path | None = None
    """File holding the Data API bearer token (``secret-token:…``)."""
    token: SecretStr | None = None
    """The token itself; only from the environment (``EDUDEX_RIO_EDUDEX__TOKEN``)."""
    path: Path | None = None
    """Folder of programme documents (``folder``)."""

    def bearer_token(self) -> SecretStr | None:
        """The Data API token from the environment, else read from ``token_file``."""
        if self.token is not None:
            return self.token
        if self.token_file is None:
            return None
        try:
            return SecretStr(self.token_file.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise ConfigError(f"cannot read edudex.token_file {self.token_file}: {exc}") from exc

    feed_key_file: Path | None = None
    """File holding the secret ``key`` parameter of a closed XML feed (``xml``)."""
    feed_key: SecretStr | None = None
    """The closed feed's ``key`` itself; only from the environment
    (``EDUDEX_RIO_EDUDEX__FEED_KEY``)."""

    def feed_secret(self) -> SecretStr | None:
        """The XML feed ``key`` from the environment, else read from ``feed_key_file``."""
        if self.feed_key is not None:
            return self.feed_key
        if self.feed_key_file is None:
            return None
        try:
            return SecretStr(self.feed_key_file.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise ConfigError(
                f"cannot read edudex.feed_key_file {self.feed_key_file}: {exc}"
            ) from exc


class RioSettings(_Section):
    beheren_url: str = "http://127.0.0.1:8765/RIO/services/beheren4.0"
    """Endpoint of ``DUO_RIO_Beheren_OnderwijsOrganisatie_V4`` (writes)."""
    raadplegen_url: str = "http://127.0.0.1:8765/RIO/services/raadplegen4.0"
    """Endpoint of ``DUO_RIO_Raadplegen_OnderwijsOrganisatie_V4`` (reads)."""
    certificate: Path | None = None
    """The intermediary's PKIoverheid certificate (PEM or PKCS#12), for TLS and signing."""
    private_key: Path | None = None
    """Its private key (PEM); not needed when ``certificate`` is a PKCS#12 bundle."""
    private_key_password: SecretStr | None = None
    """Password of the key or bundle; only from the environment."""
    trust: Path | None = None
    """CA bundle for DUO's TLS certificate and for DUO's response signatures."""
    require_signed_responses: bool = True
    """Reject RIO responses without a valid WS-Security signature."""
    recipient_oin: str = DUO_OIN
    """OIN of the receiving party (DUO)."""
    timeout_seconds: float = 60.0
    """HTTP timeout per request."""


class RetrySettings(_Section):
    max_attempts: int = Field(default=5, ge=1)
    """Attempts per operation, including the first."""
    base_delay_seconds: float = Field(default=2.0, ge=0)
    """Delay before the first retry; doubles per attempt."""
    max_delay_seconds: float = Field(default=300.0, ge=0)
    """Upper bound of one delay."""


class SyncSettings(_Section):
    concurrency: int = Field(default=4, ge=1)
    """Providers synced at the same time (each provider strictly in order)."""
    retry: RetrySettings = RetrySettings()
    """Backoff for transient errors."""
    confirm_delays_seconds: tuple[float, ...] = (1.0, 5.0, 30.0, 120.0)
    """Waits between confirmation reads; after the last the object stays 'accepted' and the
    next run confirms it."""


class ReportSettings(_Section):
    directory: Path = Path("var/reports")
    """Where the verwerkingsverslagen (CSV, XLSX, HTML) are written."""
    language: Literal["nl", "en"] = "nl"
    """Language of explanations."""
    smtp_host: str | None = None
    """SMTP server for mailing reports; no mail when unset."""
    smtp_port: int = 25
    smtp_starttls: bool = False
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    """Only from the environment (``EDUDEX_RIO_REPORT__SMTP_PASSWORD``)."""
    mail_from: str = "edudex-rio@localhost"


class ProviderSettings(_Section):
    org_unit_id: str
    """EDU-DEX supplier id (``orgUnitId``)."""
    name: str = ""
    """Display name in reports."""
    kvk: str
    """KvK number (8 digits); the provider's OIN derives from it."""
    onderwijsbestuurcode: str
    """RIO code of the provider's onderwijsbestuur (e.g. ``100B490``)."""
    onderwijsaanbiedercode: str
    """RIO code of the provider's onderwijsaanbieder (e.g. ``110A133``)."""
    enabled: bool = True
    """Opted in: sync this provider."""
    email: str | None = None
    """Where the verwerkingsverslag goes (optional)."""
    mapping: dict[str, dict[str, str]] = Field(default_factory=dict)
    """Mapping-table overrides: table name → {EDU-DEX value: RIO value}."""
    send_nlqf: bool = False
    """Send nlqf/eqf on particuliere opleidingen (RIO ignores them since 2025-11-01)."""

    @field_validator("kvk")
    @classmethod
    def _kvk_digits(cls, value: str) -> str:
        if not _KVK.match(value):
            raise ValueError("must be 8 digits")
        return value

    @property
    def oin(self) -> str:
        """``00000003`` + KvK + ``0000``."""
        return provider_oin(self.kvk)


class WorkerSettings(_Section):
    queue_url: str | None = None
    """PostgreSQL URL of the job queue (``edudex-rio worker``); else ``[database] url`` when
    that is PostgreSQL."""
    cron: str = "0 3 * * *"
    """When the daily run queues one job per enabled provider (cron, UTC)."""
    concurrency: int = Field(default=2, ge=1)
    """Jobs one worker runs at the same time."""
    retry_attempts: int = Field(default=3, ge=0)
    """Retries of a provider's job whose run itself failed (catalogue or RIO unreachable)."""
    retry_wait_seconds: int = Field(default=900, ge=0)
    """Wait before such a retry."""


class Settings(_Section):
    database: DatabaseSettings = DatabaseSettings()
    edudex: EdudexSettings = EdudexSettings()
    rio: RioSettings = RioSettings()
    sync: SyncSettings = SyncSettings()
    report: ReportSettings = ReportSettings()
    provider: tuple[ProviderSettings, ...] = ()
    """The ``[[provider]]`` tables."""
    worker: WorkerSettings = WorkerSettings()
    """The job queue and daily schedule of ``edudex-rio worker``."""

    @field_validator("provider")
    @classmethod
    def _unique_providers(cls, value: tuple[ProviderSettings, ...]) -> tuple[ProviderSettings, ...]:
        seen: set[str] = set()
        for p in value:
            if p.org_unit_id in seen:
                raise ValueError(f"org_unit_id {p.org_unit_id!r} appears twice")
            seen.add(p.org_unit_id)
        return value

    def providers(self, only: tuple[str, ...] | list[str] = ()) -> tuple[ProviderSettings, ...]:
        """Enabled providers, optionally only those named (by org_unit_id)."""
        known = {p.org_unit_id for p in self.provider}
        missing = [o for o in only if o not in known]
        if missing:
            raise ConfigError(f"unknown provider(s): {', '.join(missing)}")
        return tuple(p for p in self.provider if p.enabled and (not only or p.org_unit_id in only))

    def provider_by_id(self, org_unit_id: str) -> ProviderSettings:
        for p in self.provider:
            if p.org_unit_id == org_unit_id:
                return p
        raise ConfigError(f"unknown provider: {org_unit_id}")


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    """``EDUDEX_RIO_A__B=v`` → ``{"a": {"b": "v"}}`` (``EDUDEX_RIO_CONFIG`` excluded)."""
    tree: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == ENV_PREFIX + "CONFIG":
            continue
        parts = name[len(ENV_PREFIX) :].lower().split("__")
        if len(parts) < 2 or not all(parts):
            continue  # e.g. EDUDEX_RIO_SHARED, EDUDEX_RIO_TEST_POSTGRES_URL: not ours
        node = tree
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return tree


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve_paths(data: dict[str, Any], base: Path) -> None:
    """Relative file paths in the TOML file are relative to the file itself."""
    for section, keys in (
        ("edudex", ("token_file", "path", "feed_key_file")),
        ("rio", ("certificate", "private_key", "trust")),
        ("report", ("directory",)),
    ):
        node = data.get(section)
        if not isinstance(node, dict):
            continue
        for key in keys:
            value = node.get(key)
            if isinstance(value, str) and value and not Path(value).is_absolute():
                node[key] = str(base / value)
    db = data.get("database")
    if isinstance(db, dict):
        url = db.get("url")
        prefix = "sqlite:///"
        if isinstance(url, str) and url.startswith(prefix) and not url.startswith(prefix + "/"):
            rest = url[len(prefix) :]
            if rest and rest != ":memory:":
                db["url"] = prefix + str(base / rest)


def load_settings(
    path: Path | str | None = None, *, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read the TOML file (``path``, else ``EDUDEX_RIO_CONFIG``, else none) and apply the
    environment overrides. Raises :class:`ConfigError` with a readable message."""
    env = os.environ if environ is None else environ
    if path is None and env.get(ENV_PREFIX + "CONFIG"):
        path = env[ENV_PREFIX + "CONFIG"]
    data: dict[str, Any] = {}
    if path is not None:
        file = Path(path)
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read configuration {file}: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"configuration {file} is not valid TOML: {exc}") from exc
        _resolve_paths(data, file.resolve().parent)
    data = _merge(data, _env_overrides(env))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid configuration: {problems}") from exc
