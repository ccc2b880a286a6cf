"""The sandbox's persistent state: one SQLite (or any SQLAlchemy) database of its own.

RIO objects are stored as append-only *versions* of their write-form XML with the moment
they become visible (``visible_from``); a read at time *t* sees, per code, the newest
version visible at *t*. That is how accepted writes stay invisible for the configured
delay, and how a replaced offering keeps showing the old stand until the new one lands.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Integer,
    String,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from edudex_rio.sandbox.rules import AanbiederInfo, AoInfo, ErkenningInfo, OeInfo

__all__ = [
    "Aanbieder",
    "Autorisatie",
    "BagAdres",
    "Bericht",
    "Bestuur",
    "Counter",
    "Erkenning",
    "Locatie",
    "Mutatie",
    "RioObject",
    "Store",
    "StoreWorld",
]


class _Base(DeclarativeBase):
    pass


class Bestuur(_Base):
    __tablename__ = "bestuur"
    code: Mapped[str] = mapped_column(String(7), primary_key=True)
    naam: Mapped[str] = mapped_column(String(225))
    kvk: Mapped[str | None] = mapped_column(String(8))
    in_bedrijf: Mapped[date] = mapped_column(Date)
    uit_bedrijf: Mapped[date | None] = mapped_column(Date)


class Aanbieder(_Base):
    __tablename__ = "aanbieder"
    code: Mapped[str] = mapped_column(String(7), primary_key=True)
    bestuur: Mapped[str] = mapped_column(String(7), index=True)
    naam: Mapped[str] = mapped_column(String(225))
    kvk: Mapped[str | None] = mapped_column(String(8))
    in_bedrijf: Mapped[date] = mapped_column(Date)
    uit_bedrijf: Mapped[date | None] = mapped_column(Date)
    eigen_sleutel: Mapped[str | None] = mapped_column(String(60), index=True)


class Autorisatie(_Base):
    __tablename__ = "autorisatie"
    oin: Mapped[str] = mapped_column(String(20), primary_key=True)
    bestuur: Mapped[str] = mapped_column(String(7), primary_key=True)
    volgorde: Mapped[int] = mapped_column(Integer, default=0)


class Erkenning(_Base):
    __tablename__ = "erkenning"
    stelsel: Mapped[str] = mapped_column(String(30), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    opleidingseenheidcode: Mapped[str] = mapped_column(String(9))
    besturen: Mapped[str] = mapped_column(Text, default="")


class BagAdres(_Base):
    __tablename__ = "bag_adres"
    postcode: Mapped[str] = mapped_column(String(6), primary_key=True)
    huisnummer: Mapped[int] = mapped_column(Integer, primary_key=True)
    toevoeging: Mapped[str] = mapped_column(String(6), primary_key=True, default="")
    straat: Mapped[str] = mapped_column(String(80), default="")
    plaatsnaam: Mapped[str] = mapped_column(String(80), default="")
    bag_id: Mapped[str | None] = mapped_column(String(16))


class Locatie(_Base):
    __tablename__ = "locatie"
    code: Mapped[str] = mapped_column(String(7), primary_key=True)
    postcode: Mapped[str | None] = mapped_column(String(6), index=True)
    huisnummer: Mapped[int | None] = mapped_column(Integer)
    toevoeging: Mapped[str] = mapped_column(String(6), default="")
    plaatsnaam: Mapped[str | None] = mapped_column(String(80))
    bag_id: Mapped[str | None] = mapped_column(String(16))
    visible_from: Mapped[datetime] = mapped_column(DateTime)


class RioObject(_Base):
    """One version of an opleidingseenheid (oe), offering (ao), gebruik (olg) or relatie."""

    __tablename__ = "rio_object"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8), index=True)
    code: Mapped[str] = mapped_column(String(60), index=True)
    visible_from: Mapped[datetime] = mapped_column(DateTime, index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    soort: Mapped[str] = mapped_column(String(60), default="")
    bestuur: Mapped[str | None] = mapped_column(String(7), index=True)
    aanbieder: Mapped[str | None] = mapped_column(String(7), index=True)
    opleidingseenheid: Mapped[str | None] = mapped_column(String(9), index=True)
    eigen_sleutel: Mapped[str | None] = mapped_column(String(60), index=True)
    begindatum: Mapped[date | None] = mapped_column(Date)
    eerste_instroomdatum: Mapped[date | None] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date)
    erkend: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text, default="")


class Mutatie(_Base):
    __tablename__ = "mutatie"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    aanbieder: Mapped[str] = mapped_column(String(7), index=True)
    code: Mapped[str] = mapped_column(String(36))
    soort: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Bericht(_Base):
    __tablename__ = "bericht"
    identificatiecode: Mapped[str] = mapped_column(String(50), primary_key=True)
    ontvangen: Mapped[datetime] = mapped_column(DateTime)


class Counter(_Base):
    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Store:
    """Engine and sessions for one sandbox database (``sqlite:///path`` by default)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url)
        _Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    def clear(self) -> None:
        """Remove every row (tests reuse one engine and its compiled-statement cache)."""
        with self.session() as s:
            for table in reversed(_Base.metadata.sorted_tables):
                s.execute(table.delete())

    def dispose(self) -> None:
        self.engine.dispose()


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None) if moment.tzinfo else moment


def current(s: Session, kind: str, now: datetime, **where: object) -> list[RioObject]:
    """The newest visible, non-deleted version of every object of ``kind`` matching ``where``."""
    latest = (
        select(func.max(RioObject.id))
        .where(RioObject.kind == kind, RioObject.visible_from <= _naive(now))
        .group_by(RioObject.code)
    )
    query = select(RioObject).where(RioObject.id.in_(latest), RioObject.deleted.is_(False))
    for column, value in where.items():
        query = query.where(getattr(RioObject, column) == value)
    return list(s.scalars(query.order_by(RioObject.code)))


class StoreWorld:
    """:class:`~edudex_rio.sandbox.rules.World` over the database, as seen at ``now``."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.s = session
        self.now = now

    def _one(self, kind: str, code: str) -> RioObject | None:
        found = current(self.s, kind, self.now, code=code)
        return found[0] if found else None

    def aanbieder(self, code: str) -> AanbiederInfo | None:
        a = self.s.get(Aanbieder, code)
        if a is None:
            return None
        return AanbiederInfo(
            code=a.code, bestuur=a.bestuur, in_bedrijf=a.in_bedrijf, uit_bedrijf=a.uit_bedrijf
        )

    def locatie_bestaat(self, code: str) -> bool:
        loc = self.s.get(Locatie, code)
        return loc is not None and loc.visible_from <= _naive(self.now)

    def opleidingseenheid(self, code: str) -> OeInfo | None:
        o = self._one("oe", code)
        if o is None or o.begindatum is None:
            return None
        return OeInfo(
            code=o.code,
            bestuur=o.bestuur,
            soort=o.soort,
            begindatum=o.begindatum,
            einddatum=o.einddatum,
            erkend=o.erkend,
            eigen_sleutel=o.eigen_sleutel,
        )

    def erkenning(self, stelsel: str, code: str) -> ErkenningInfo | None:
        e = self.s.get(Erkenning, (stelsel, code))
        if e is None:
            return None
        return ErkenningInfo(
            stelsel=e.stelsel,
            code=e.code,
            opleidingseenheidcode=e.opleidingseenheidcode,
            besturen=tuple(b for b in e.besturen.split(",") if b),
        )

    @staticmethod
    def _ao(o: RioObject) -> AoInfo:
        return AoInfo(
            code=o.code,
            aanbiedercode=o.aanbieder or "",
            opleidingseenheidcode=o.opleidingseenheid or "",
            begindatum=o.begindatum or date.min,
            eerste_instroomdatum=o.eerste_instroomdatum,
            einddatum=o.einddatum,
        )

    def aangeboden_opleiding(self, code: str) -> AoInfo | None:
        o = self._one("ao", code)
        return self._ao(o) if o is not None else None

    def ao_met_eigen_sleutel(self, sleutel: str) -> str | None:
        found = current(self.s, "ao", self.now, eigen_sleutel=sleutel)
        return found[0].code if found else None

    def oe_met_eigen_sleutel(self, sleutel: str) -> str | None:
        found = current(self.s, "oe", self.now, eigen_sleutel=sleutel)
        return found[0].code if found else None

    def aos_van_oe(self, code: str) -> Sequence[AoInfo]:
        return [self._ao(o) for o in current(self.s, "ao", self.now, opleidingseenheid=code)]

    def geautoriseerd(self, oin: str, bestuur: str) -> bool:
        return self.s.get(Autorisatie, (oin, bestuur)) is not None

    def besturen_van(self, oin: str) -> list[str]:
        rows = self.s.scalars(
            select(Autorisatie).where(Autorisatie.oin == oin).order_by(Autorisatie.volgorde)
        )
        return [r.bestuur for r in rows]
