"""XML feed source: a provider's ``directory.xml`` and the programme XML it points to.

``directory.xml`` (namespace ``…/edudex/directory``) holds ``orgUnitId``,
``programResource`` (``programId``, ``clientId?``, ``lastEdited?``, ``resourceUrl``),
``subDirectory`` (``orgUnitId``, ``directoryUrl``; followed recursively, cycles and depth
bounded) and ``instituteDataResource``. Relative URLs resolve against the directory's
URL. A closed feed takes a secret ``key`` query parameter on every URL; it is never
logged or reported. Locations may be ``http(s)://`` URLs or local paths.
Every document is parsed by :mod:`edudex_rio.edudex.xmlsafe`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx
from lxml import etree

from edudex_rio.edudex import xmlsafe
from edudex_rio.edudex.errors import EdudexError, EdudexNotFound, EdudexUnavailable, UnsafeDocument
from edudex_rio.edudex.model import PUBLIC, ProgramKey, Provider
from edudex_rio.edudex.reader import ReadResult, read_program, read_provider
from edudex_rio.edudex.source import ProgramListing
from edudex_rio.edudex.validation import Issue, Mode

__all__ = ["FeedSource", "Resource"]

log = logging.getLogger(__name__)
_MAX_DEPTH = 8
_KEY_PARAM = re.compile(r"([?&]key=)[^&\s\"]*")


class _RedactFeedKey(logging.Filter):
    """httpx logs request URLs at INFO; a closed feed's ``key`` must not reach the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _KEY_PARAM.sub(r"\1***", str(a)) if "key=" in str(a) else a for a in record.args
            )
        if isinstance(record.msg, str) and "key=" in record.msg:
            record.msg = _KEY_PARAM.sub(r"\1***", record.msg)
        return True


_redactor = _RedactFeedKey()
for _name in ("httpx", "httpcore"):
    if _redactor not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_redactor)


@dataclass(frozen=True, kw_only=True)
class Resource:
    """One ``programResource`` of a directory."""

    key: ProgramKey
    url: str
    last_edited: str | None = None


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(el: etree._Element, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


class FeedSource:
    """:class:`EdudexSource` over an XML feed rooted at one ``directory.xml``."""

    def __init__(
        self,
        directory_url: str | Path,
        *,
        key: str | None = None,
        mode: Mode = "production",
        client: httpx.Client | None = None,
        max_bytes: int = xmlsafe.DEFAULT_MAX_BYTES,
        timeout: float = 30.0,
    ) -> None:
        self.directory_url = str(directory_url)
        self._key = key
        self.mode: Mode = mode
        self.max_bytes = max_bytes
        self._own_client = client is None
        self._http = client or httpx.Client(timeout=timeout, follow_redirects=True)
        self._resources: dict[str, list[Resource]] | None = None
        self._institutes: dict[str, str] = {}

    def close(self) -> None:
        if self._own_client:
            self._http.close()

    # -- fetching -----------------------------------------------------------------------

    def _with_key(self, url: str) -> str:
        if not self._key:
            return url
        parts = urlsplit(url)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "key"]
        query.append(("key", self._key))
        return urlunsplit(parts._replace(query=urlencode(query)))

    def _fetch(self, url: str) -> bytes:
        """The bytes at ``url`` (http(s) or a local path), at most ``max_bytes``."""
        if not url.startswith(("http://", "https://")):
            path = Path(url.removeprefix("file://"))
            if not path.is_file():
                raise EdudexNotFound(f"feed document not found: {url}")
            if path.stat().st_size > self.max_bytes:
                raise UnsafeDocument(
                    f"{url}: bestand te groot / file too large (> {self.max_bytes} bytes)"
                )
            return path.read_bytes()
        try:
            with self._http.stream("GET", self._with_key(url)) as response:
                if response.status_code == 404:
                    raise EdudexNotFound(f"feed document not found: {url} (HTTP 404)")
                if response.status_code == 429 or response.status_code >= 500:
                    raise EdudexUnavailable(
                        f"feed host answered HTTP {response.status_code}: {url}"
                    )
                if response.status_code >= 300:
                    raise EdudexError(f"feed host answered HTTP {response.status_code}: {url}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise UnsafeDocument(
                            f"{url}: bestand te groot / file too large (> {self.max_bytes} bytes)"
                        )
                    chunks.append(chunk)
                return b"".join(chunks)
        except httpx.HTTPError as exc:
            raise EdudexUnavailable(f"feed host unreachable: {url}: {type(exc).__name__}") from exc

    # -- directory ----------------------------------------------------------------------

    def _load(self) -> dict[str, list[Resource]]:
        if self._resources is None:
            found: dict[str, list[Resource]] = {}
            self._walk(self.directory_url, found, set(), 0)
            self._resources = found
        return self._resources

    def _walk(self, url: str, found: dict[str, list[Resource]], seen: set[str], depth: int) -> None:
        if url in seen or depth > _MAX_DEPTH:
            return
        seen.add(url)
        root = xmlsafe.parse_xml(self._fetch(url), max_bytes=self.max_bytes, name=url)
        if _local(root.tag) != "edudexDirectory":
            raise EdudexError(f"{url}: not an edudexDirectory (root <{_local(root.tag)}>)")
        org = _child_text(root, "orgUnitId") or ""
        found.setdefault(org, [])
        for child in root:
            name = _local(child.tag)
            if name == "programResource":
                program_id = _child_text(child, "programId")
                resource = _child_text(child, "resourceUrl")
                if not program_id or not resource:
                    log.warning("%s: programResource without programId/resourceUrl skipped", url)
                    continue
                found[org].append(
                    Resource(
                        key=ProgramKey(
                            org_unit_id=org,
                            program_id=program_id,
                            client_id=_child_text(child, "clientId") or PUBLIC,
                        ),
                        url=urljoin(url, resource),
                        last_edited=_child_text(child, "lastEdited"),
                    )
                )
            elif name == "subDirectory":
                sub = _child_text(child, "directoryUrl")
                if sub:
                    self._walk(urljoin(url, sub), found, seen, depth + 1)
            elif name == "instituteDataResource":
                target = _child_text(child, "resourceUrl") or (child.text or "").strip()
                if target:
                    self._institutes[org] = urljoin(url, target)

    # -- EdudexSource -------------------------------------------------------------------

    def list_providers(self) -> tuple[str, ...]:
        found = self._load()
        return tuple(sorted(o for o in found if o and (found[o] or o in self._institutes)))

    def fetch_provider(self, org_unit_id: str) -> Provider:
        self._load()
        url = self._institutes.get(org_unit_id)
        if url is None:
            raise EdudexNotFound(f"feed has no instituteDataResource for {org_unit_id!r}")
        provider, _ = read_provider(
            self._fetch(url), fmt="xml", mode=self.mode, origin=url, max_bytes=self.max_bytes
        )
        return provider

    def list_programs(self, org_unit_id: str) -> tuple[ProgramListing, ...]:
        resources = self._load().get(org_unit_id)
        if resources is None:
            raise EdudexNotFound(f"provider {org_unit_id!r} not in feed {self.directory_url}")
        return tuple(ProgramListing(key=r.key, last_change=r.last_edited) for r in resources)

    def fetch_programs(self, keys: Sequence[ProgramKey]) -> Iterator[ReadResult]:
        by_key = {r.key: r for rs in self._load().values() for r in rs}
        for key in keys:
            resource = by_key.get(key)
            if resource is None:
                yield _failed(key, str(key), "not-found", "niet in de feed", "not in the feed")
                continue
            try:
                data = self._fetch(resource.url)
            except UnsafeDocument as exc:
                yield _failed(key, resource.url, "unreadable", str(exc), str(exc))
                continue
            except (EdudexError, EdudexUnavailable) as exc:
                yield _failed(key, resource.url, "unavailable", str(exc), str(exc))
                continue
            result = read_program(
                data,
                fmt="xml",
                mode=self.mode,
                origin=resource.url,
                max_bytes=self.max_bytes,
                client_id=None if key.client_id == PUBLIC else key.client_id,
            )
            if result.ok and result.key != key:
                text = f"directory says {key}, document says {result.key}"
                yield _failed(key, resource.url, "wrong-program", text, text)
                continue
            # an unreadable document names no programme: it is the one the directory named
            yield result if result.key is not None else replace(result, key=key)


def _failed(key: ProgramKey, origin: str, code: str, nl: str, en: str) -> ReadResult:
    issue = Issue(path="", level="error", code=code, message_nl=nl, message_en=en)
    return ReadResult(origin=origin, key=key, program=None, issues=(issue,))
