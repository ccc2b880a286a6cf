"""What an operation handler gets: the request, the sender, the clock and the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from edudex_rio.sandbox.store import Aanbieder, Counter, Locatie, RioObject, StoreWorld

__all__ = ["Context", "issue_code"]

#: (prefix base, letter, digits) per issued identifier kind, in RIO's formats.
_FORMATS = {
    "oe": (9000, "O", 4),
    "locatie": (900, "X", 3),
    "aanbieder": (900, "A", 3),
}


def issue_code(s: Session, kind: str) -> str:
    """The next free code of ``kind`` (``\\d{4}O\\d{4}``, ``\\d{3}X\\d{3}``, ``\\d{3}A\\d{3}``)."""
    base, letter, digits = _FORMATS[kind]
    counter = s.get(Counter, kind)
    if counter is None:
        counter = Counter(name=kind, value=0)
        s.add(counter)
    while True:
        counter.value += 1
        n = counter.value
        code = f"{base + n // 10**digits:0{digits}d}{letter}{n % 10**digits:0{digits}d}"
        if not _taken(s, kind, code):
            return code


def _taken(s: Session, kind: str, code: str) -> bool:
    if kind == "locatie":
        return s.get(Locatie, code) is not None
    if kind == "aanbieder":
        return s.get(Aanbieder, code) is not None
    return s.scalar(select(RioObject.id).where(RioObject.code == code).limit(1)) is not None


@dataclass(frozen=True, kw_only=True)
class Context:
    """One request being handled."""

    request: etree._Element
    operation: str
    sender: str
    now: datetime
    visible_from: datetime
    session: Session
    world: StoreWorld
    duo_oin: str
    page_size: int
