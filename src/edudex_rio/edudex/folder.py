"""Folder source: a directory per provider holding JSON and/or XML documents.

Layout (the example catalogue in ``examples/catalog/`` follows it)::

    <root>/<orgUnitId>/metadata.json      supplier metadata (or metadata.xml / institute.xml)
    <root>/<orgUnitId>/**/*.json|*.xml    one programme document per file (any names)
    <root>/<orgUnitId>/directory.xml      optional XML-feed directory (ignored here)

A programme's identity comes from its content, never from the file name (a ``programId``
may contain ``/``). The change marker is a SHA-256 of the file. A file that cannot be
read at all is listed under its path so that it is reported, not silently dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from edudex_rio.edudex import xmlformat, xmlsafe
from edudex_rio.edudex.errors import EdudexNotFound, UnsafeDocument
from edudex_rio.edudex.model import ProgramKey, Provider
from edudex_rio.edudex.reader import (
    ReadResult,
    detect_format,
    load_document,
    read_program,
    read_provider,
)
from edudex_rio.edudex.source import ProgramListing
from edudex_rio.edudex.validation import Issue, Mode

__all__ = ["METADATA_NAMES", "FolderSource"]

METADATA_NAMES = ("metadata.json", "metadata.xml", "institute.json", "institute.xml")
_SKIP = {*METADATA_NAMES, "directory.xml"}


class FolderSource:
    """Reads ``<root>/<orgUnitId>/`` directories. Implements :class:`EdudexSource`."""

    def __init__(
        self,
        root: Path | str,
        *,
        mode: Mode = "production",
        max_bytes: int = xmlsafe.DEFAULT_MAX_BYTES,
    ) -> None:
        self.root = Path(root)
        self.mode: Mode = mode
        self.max_bytes = max_bytes
        self._files: dict[ProgramKey, list[Path]] = {}
        if not self.root.is_dir():
            raise EdudexNotFound(f"catalogue folder not found: {self.root}")

    def close(self) -> None:
        """Nothing to release."""

    def list_providers(self) -> tuple[str, ...]:
        return tuple(
            sorted(p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))
        )

    def _dir(self, org_unit_id: str) -> Path:
        path = self.root / org_unit_id
        if "/" in org_unit_id or org_unit_id.startswith(".") or not path.is_dir():
            raise EdudexNotFound(f"provider {org_unit_id!r} not found in {self.root}")
        return path

    def fetch_provider(self, org_unit_id: str) -> Provider:
        base = self._dir(org_unit_id)
        for name in METADATA_NAMES:
            path = base / name
            if path.is_file():
                provider, _ = read_provider(
                    path.read_bytes(), mode=self.mode, origin=str(path), max_bytes=self.max_bytes
                )
                return provider
        raise EdudexNotFound(f"no supplier metadata (metadata.json) in {base}")

    def program_files(self, org_unit_id: str) -> list[Path]:
        base = self._dir(org_unit_id)
        return sorted(
            p
            for p in base.rglob("*")
            if p.is_file() and p.suffix in (".json", ".xml") and p.name not in _SKIP
        )

    def list_programs(self, org_unit_id: str) -> tuple[ProgramListing, ...]:
        listings: dict[ProgramKey, ProgramListing] = {}
        for path in self.program_files(org_unit_id):
            data = path.read_bytes()
            key = _key_of_file(data, path, org_unit_id, self.max_bytes)
            self._files.setdefault(key, [])
            if path not in self._files[key]:
                self._files[key].append(path)
            if key not in listings:
                listings[key] = ProgramListing(
                    key=key, last_change=hashlib.sha256(data).hexdigest()
                )
        return tuple(listings.values())

    def path_of(self, key: ProgramKey) -> Path | None:
        """The file holding ``key`` (after :meth:`list_programs`)."""
        paths = self._files.get(key)
        return paths[0] if paths else None

    def fetch_programs(self, keys: Sequence[ProgramKey]) -> Iterator[ReadResult]:
        for key in keys:
            if key not in self._files:
                self.list_programs(key.org_unit_id)
            paths = self._files.get(key)
            if not paths:
                yield ReadResult(origin=str(key), key=key, program=None, issues=(_gone(key),))
                continue
            path = paths[0]
            result = read_program(
                path.read_bytes(),
                mode=self.mode,
                origin=str(path),
                max_bytes=self.max_bytes,
                client_id=None if key.client_id == "public" else key.client_id,
            )
            if result.key != key:
                issues = result.issues
                if result.key is not None:
                    issues = (*issues, _mismatch(key, result.key))
                result = ReadResult(origin=result.origin, key=key, program=None, issues=issues)
            if len(paths) > 1:
                extra = Issue(
                    path="",
                    level="warning",
                    code="duplicate",
                    message_nl=f"zelfde programma ook in {', '.join(map(str, paths[1:]))}",
                    message_en=f"same programme also in {', '.join(map(str, paths[1:]))}",
                )
                result = ReadResult(
                    origin=result.origin,
                    key=result.key,
                    program=result.program,
                    issues=(*result.issues, extra),
                )
            yield result


def _gone(key: ProgramKey) -> Issue:
    return Issue(
        path="",
        level="error",
        code="not-found",
        message_nl=f"programma {key} niet gevonden",
        message_en=f"programme {key} not found",
    )


def _mismatch(expected: ProgramKey, found: ProgramKey) -> Issue:
    return Issue(
        path="programClassification.orgUnitId",
        level="error",
        code="wrong-provider",
        message_nl=f"programma hoort bij {found.org_unit_id}, verwacht {expected.org_unit_id}",
        message_en=f"programme belongs to {found.org_unit_id}, expected {expected.org_unit_id}",
    )


def _xml_ids(data: bytes, path: Path, max_bytes: int) -> dict[str, Any] | None:
    """``programId`` and ``clientId/orgUnitId`` of a programme XML, without converting the
    whole document (listing a big folder must stay cheap)."""
    root = xmlsafe.parse_xml(data, max_bytes=max_bytes, name=str(path))
    if xmlformat.kind_of(root) != "program":
        return None
    found: dict[str, Any] = {}
    for child in root:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name in ("programClassification", "clientId"):
            for sub in child:
                if isinstance(sub.tag, str) and etree.QName(sub).localname in (
                    "programId",
                    "orgUnitId",
                ):
                    found.setdefault(name, {})[etree.QName(sub).localname] = (
                        sub.text or ""
                    ).strip()
    return found


def _key_of_file(data: bytes, path: Path, org_unit_id: str, max_bytes: int) -> ProgramKey:
    doc: Any
    try:
        if detect_format(data) == "xml":
            doc = _xml_ids(data, path, max_bytes)
        else:
            _, doc = load_document(data, max_bytes=max_bytes, name=str(path))
    except UnsafeDocument:
        doc = None
    if isinstance(doc, dict):
        cls = doc.get("programClassification")
        client = doc.get("clientId")
        if isinstance(cls, dict) and isinstance(cls.get("programId"), str):
            client_id = "public"
            if isinstance(client, dict) and isinstance(client.get("orgUnitId"), str):
                client_id = client["orgUnitId"]
            return ProgramKey(
                org_unit_id=org_unit_id,
                program_id=cls["programId"],
                client_id=client_id,
            )
    # unreadable: list it under its file name so that it is reported
    return ProgramKey(org_unit_id=org_unit_id, program_id=f"file:{path.name}")
