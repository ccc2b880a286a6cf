"""Carrying out a plan for one provider, strictly in order, through the outbox.

Every write is recorded as an intent (``planned``) before anything is sent, marked ``sending``
(committed) before the request leaves, and its outcome after: RIO's codes and the object's new
last-sent stand are stored in the same transaction as ``accepted``. Retryable errors (the wire
layer's classification) are retried with backoff, others never. A failed write of a programme
skips the programme's later writes in this run (its RIO objects stay as last sent); the other
programmes proceed. ``Await`` barriers wait, through batched reads, until RIO shows what the
next writes build on.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from edudex_rio.errors import EdudexRioError, TerminalError
from edudex_rio.mapping.stand import RioStand
from edudex_rio.mapping.wire import (
    UnresolvedCode,
    render_aangeboden,
    render_adres,
    render_opleidingseenheid,
)
from edudex_rio.planning import (
    Await,
    DeleteAangebodenOpleiding,
    DeleteOpleidingseenheid,
    Operation,
    RegisterLocation,
    UpsertAangebodenOpleiding,
    UpsertOpleidingseenheid,
    apply,
)
from edudex_rio.rio import model as m
from edudex_rio.rio.faults import RioRejectedError, SoapFaultError
from edudex_rio.settings import ProviderSettings
from edudex_rio.store import OperationStatus, Store
from edudex_rio.store import records as r
from edudex_rio.sync.codec import encode_aangeboden, encode_locatie, encode_opleidingseenheid
from edudex_rio.sync.confirm import Confirmer
from edudex_rio.sync.retry import RetryAt, RetryPolicy
from edudex_rio.sync.rio import RioPort, call, resolve

__all__ = [
    "KIND_AO",
    "KIND_LOCATIE",
    "KIND_OE",
    "Executor",
    "Outcome",
    "OutcomeStatus",
    "object_of",
    "rio_operation",
]

log = logging.getLogger(__name__)
T = TypeVar("T")

KIND_LOCATIE = "onderwijslocatie"
KIND_OE = "opleidingseenheid"
KIND_AO = "aangeboden_opleiding"

OutcomeStatus = Literal[
    "accepted",  # RIO accepted the write (and, for barriers, showed it)
    "rejected",  # RIO said no (terminal)
    "failed",  # gave up after retries, or could not be sent
    "skipped",  # not sent: an earlier step of the programme failed
    "still_rejected",  # not sent again: rejected before and the programme is unchanged
    "unconfirmed",  # a barrier: RIO did not show the writes in time
]


@dataclass(frozen=True, kw_only=True, slots=True)
class Outcome:
    op: Operation
    status: OutcomeStatus
    code: str | None = None
    """RIO's code: the O-code of a created opleidingseenheid, a location's code."""
    foutmeldingen: tuple[m.Foutmelding, ...] = ()
    error: str | None = None
    missing: tuple[str, ...] = ()
    """Barrier: keys RIO did not show in time."""


def object_of(op: Operation) -> tuple[str, str, str | None]:
    """(object kind, key, programma) of a write."""
    match op:
        case RegisterLocation(locatie=loc):
            return KIND_LOCATIE, loc.key, None
        case UpsertOpleidingseenheid(opleidingseenheid=oe):
            return KIND_OE, oe.eigen_sleutel, oe.programma
        case UpsertAangebodenOpleiding(aangeboden=ao):
            return KIND_AO, ao.code, ao.programma
        case DeleteAangebodenOpleiding(code=code, programma=programma):
            return KIND_AO, code, programma
        case DeleteOpleidingseenheid(eigen_sleutel=sleutel, programma=programma):
            return KIND_OE, sleutel, programma
    raise TypeError(f"not a write: {op!r}")


def rio_operation(op: Operation) -> str:
    match op:
        case RegisterLocation():
            return "aanleveren_onderwijslocatiegebruik"
        case UpsertOpleidingseenheid():
            return "aanleveren_opleidingseenheid"
        case UpsertAangebodenOpleiding():
            return "aanleveren_aangebodenOpleiding"
        case DeleteAangebodenOpleiding():
            return "verwijderen_aangebodenOpleiding"
        case DeleteOpleidingseenheid():
            return "verwijderen_opleidingseenheid"
    raise TypeError(f"not a write: {op!r}")


def _payload(op: Operation, programme_hash: str | None) -> dict[str, Any]:
    match op:
        case RegisterLocation(locatie=loc):
            return {"stand": encode_locatie(loc)}
        case UpsertOpleidingseenheid(opleidingseenheid=oe):
            return {
                "stand": encode_opleidingseenheid(oe),
                "create": oe.code is None,
                "programme_hash": programme_hash,
            }
        case UpsertAangebodenOpleiding(aangeboden=ao):
            return {"stand": encode_aangeboden(ao), "programme_hash": programme_hash}
        case DeleteAangebodenOpleiding(code=code):
            return {"code": code}
        case DeleteOpleidingseenheid(code=code):
            return {"code": code}
    raise TypeError(f"not a write: {op!r}")


class _Failed(Exception):
    def __init__(self, status: OutcomeStatus, error: BaseException | str) -> None:
        super().__init__(str(error))
        self.status = status
        self.foutmeldingen = error.foutmeldingen if isinstance(error, RioRejectedError) else ()


@dataclass(kw_only=True)
class Executor:
    """Runs operations of one provider; keeps the stand as RIO has it after each write."""

    store: Store
    provider: ProviderSettings
    provider_id: int
    sync_run_id: int
    port: RioPort
    confirmer: Confirmer
    policy: RetryPolicy
    clock: Callable[[], dt.datetime]
    sleep: Callable[[float], None]
    today: dt.date
    stand: RioStand
    """The last-sent stand, updated as writes are accepted."""
    programme_hashes: dict[str, str] = field(default_factory=dict)
    on_progress: Callable[[], None] = lambda: None
    started: dt.datetime = field(init=False)
    blocked: set[str] = field(default_factory=set)
    """Programmes whose later writes are skipped in this run."""
    accepted: dict[str, int] = field(default_factory=dict)
    """Key of an object written in this run → the outbox operation id."""
    registered: dict[str, m.AanduidingAdres] = field(default_factory=dict)
    """Locations whose use was registered in this run (RIO shows them asynchronously)."""
    unseen_locations: set[str] = field(default_factory=set)
    """Registered locations RIO did not show in time: offerings there wait for the next run."""

    def __post_init__(self) -> None:
        self.started = self.clock()

    # -- entry point ------------------------------------------------------------------------

    def run(self, ops: Sequence[Operation]) -> list[Outcome]:
        writes = [op for op in ops if not isinstance(op, Await)]
        rejected_before = self._rejected_before()
        intents = [
            r.NewOperation(
                operation=rio_operation(op),
                object_kind=object_of(op)[0],
                object_key=object_of(op)[1],
                program_id=object_of(op)[2],
                payload=_payload(op, self.programme_hashes.get(object_of(op)[2] or "")),
                reason=op.reason.nl,
            )
            for op in writes
        ]
        recorded = iter(
            self.store.enqueue(self.provider_id, self.sync_run_id, intents, now=self.clock())
        )
        outcomes: list[Outcome] = []
        for op in ops:
            if isinstance(op, Await):
                outcomes.append(self._await(op))
            else:
                outcomes.append(self._write(op, next(recorded), rejected_before))
            self.on_progress()
        return outcomes

    # -- writes -----------------------------------------------------------------------------

    def _rejected_before(self) -> dict[tuple[str, str], r.Operation]:
        """Objects whose latest finished write was a terminal rejection."""
        finished = (
            OperationStatus.ACCEPTED,
            OperationStatus.CONFIRMED,
            OperationStatus.REJECTED,
        )
        latest = self.store.latest_outcomes(self.provider_id, finished)
        return {k: v for k, v in latest.items() if v.status is OperationStatus.REJECTED}

    def _write(
        self,
        op: Operation,
        rec: r.Operation,
        rejected_before: dict[tuple[str, str], r.Operation],
    ) -> Outcome:
        kind, key, programma = object_of(op)
        if programma is not None and programma in self.blocked:
            self.store.cancel([rec.id], now=self.clock(), reason="an earlier step failed")
            return Outcome(op=op, status="skipped")
        earlier = rejected_before.get((kind, key))
        current_hash = self.programme_hashes.get(programma or "")
        if (
            earlier is not None
            and current_hash is not None
            and earlier.payload.get("programme_hash") == current_hash
        ):
            self.store.cancel(
                [rec.id], now=self.clock(), reason="rejected before; programme unchanged"
            )
            if programma is not None:
                self.blocked.add(programma)
            return Outcome(
                op=op,
                status="still_rejected",
                error=earlier.error_text,
                foutmeldingen=tuple(
                    m.Foutmelding(code=c, tekst=earlier.error_text or "")
                    for c in (earlier.error_code or "").split(",")
                    if c
                ),
            )
        try:
            outcome = self._send(op, rec)
        except _Failed as failure:
            if programma is not None:
                self.blocked.add(programma)
            return Outcome(
                op=op,
                status=failure.status,
                foutmeldingen=failure.foutmeldingen,
                error=str(failure),
            )
        self.accepted[key] = rec.id
        return outcome

    def _send(self, op: Operation, rec: r.Operation) -> Outcome:
        match op:
            case RegisterLocation(locatie=loc):
                code = self._attempts(rec, lambda: self._location_code(op))
                placed = replace(loc, code=code)
                self._accept(
                    rec, code=code, stand=encode_locatie(placed), op=replace(op, locatie=placed)
                )
                self.store.record_location(
                    self.provider_id,
                    r.Location(
                        location_key=loc.key,
                        address=encode_locatie(placed),
                        onderwijslocatiecode=code,
                        status=r.LocationStatus.RESOLVED,
                        checked_at=self.clock(),
                    ),
                )
                return Outcome(op=op, status="accepted", code=code)
            case UpsertOpleidingseenheid(opleidingseenheid=oe):
                request = m.AanleverenOpleidingseenheid(
                    opleidingseenheid=render_opleidingseenheid(oe)
                )
                tries: list[int] = []

                def create_or_update() -> str | None:
                    tries.append(1)
                    if oe.code is None and len(tries) > 1:
                        # an earlier attempt may have reached RIO (time-out): never create twice
                        found = resolve(
                            self.port,
                            m.OpvragenRioIdentificatiecode(
                                eigen_opleidingseenheid_sleutel=oe.eigen_sleutel
                            ),
                        )
                        if found is not None:
                            return found
                    answer = call(self.port, request)
                    assert isinstance(answer, m.AanleverenOpleidingseenheidResponse)
                    return oe.code or answer.opleidingseenheidcode

                oe_code = self._attempts(rec, create_or_update)
                if oe_code is None:
                    self.store.record_failure(
                        rec.id,
                        now=self.clock(),
                        status=OperationStatus.FAILED,
                        error_code=None,
                        error_text="RIO gave no opleidingseenheidcode",
                    )
                    raise _Failed("failed", "RIO gave no opleidingseenheidcode")
                sent = replace(oe, code=oe_code)
                self._accept(
                    rec,
                    code=oe_code,
                    stand=encode_opleidingseenheid(sent),
                    op=replace(op, opleidingseenheid=sent),
                )
                return Outcome(op=op, status="accepted", code=oe_code)
            case UpsertAangebodenOpleiding(aangeboden=ao):
                if ao.location_key in self.unseen_locations:
                    self.store.cancel([rec.id], now=self.clock(), reason="location not visible yet")
                    raise _Failed("skipped", f"RIO does not show location {ao.location_key} yet")
                try:
                    rendered = render_aangeboden(ao, self.stand)
                except UnresolvedCode as exc:
                    self.store.cancel([rec.id], now=self.clock(), reason=str(exc))
                    raise _Failed("skipped", exc) from exc
                ao_request = m.AanleverenAangebodenOpleiding(aangeboden_opleiding=rendered)
                self._attempts(rec, lambda: call(self.port, ao_request))
                self._accept(rec, code=ao.code, stand=encode_aangeboden(ao), op=op)
                return Outcome(op=op, status="accepted", code=ao.code)
            case DeleteAangebodenOpleiding(code=code):
                delete = m.VerwijderenAangebodenOpleiding(aangeboden_opleiding_code=code)
                self._attempts(rec, lambda: call(self.port, delete))
                self._accept(rec, code=code, deleted=True, op=op)
                return Outcome(op=op, status="accepted", code=code)
            case DeleteOpleidingseenheid(code=code):
                if code is None:
                    self.store.cancel([rec.id], now=self.clock(), reason="no O-code")
                    raise _Failed("skipped", "the opleidingseenheid has no O-code")
                remove = m.VerwijderenOpleidingseenheid(opleidingseenheidcode=code)
                self._attempts(rec, lambda: call(self.port, remove))
                self._accept(rec, code=code, deleted=True, op=op)
                return Outcome(op=op, status="accepted", code=code)
        raise TypeError(f"not a write: {op!r}")

    def _location_code(self, op: RegisterLocation) -> str:
        adres = render_adres(op.locatie)
        code = resolve(self.port, m.OpvragenRioIdentificatiecode(aanduiding_adres=adres))
        if code is not None:
            return code
        response = call(
            self.port,
            m.AanleverenOnderwijslocatiegebruik(
                onderwijslocatiegebruik=m.Onderwijslocatiegebruik(
                    onderwijsbestuurcode=self.provider.onderwijsbestuurcode,
                    in_bedrijfdatum=self.today,
                    aanduiding=adres,
                )
            ),
        )
        assert isinstance(response, m.AanleverenOnderwijslocatiegebruikResponse)
        if not response.onderwijslocatiecode:
            raise _Failed("failed", "RIO gave no onderwijslocatiecode")
        self.registered[op.locatie.key] = adres
        return response.onderwijslocatiecode

    def _accept(
        self,
        rec: r.Operation,
        *,
        op: Operation,
        code: str | None,
        stand: dict[str, Any] | None = None,
        deleted: bool = False,
    ) -> None:
        self.store.record_accepted(
            rec.id, now=self.clock(), code=code, stand=stand, deleted=deleted
        )
        self.stand = apply(self.stand, [op])

    def _attempts(self, rec: r.Operation, send: Callable[[], T]) -> T:
        attempts = 0
        while True:
            self.store.begin_attempt(rec.id, now=self.clock())
            attempts += 1
            try:
                return send()
            except _Failed as failure:
                self.store.record_failure(
                    rec.id,
                    now=self.clock(),
                    status=OperationStatus.FAILED,
                    error_code=None,
                    error_text=str(failure),
                )
                raise
            except EdudexRioError as exc:
                decision = self.policy.decide(error=exc, attempts=attempts, now=self.clock())
                codes = ",".join(exc.codes) if isinstance(exc, RioRejectedError) else None
                code = codes or getattr(exc, "code", None)
                if isinstance(decision, RetryAt):
                    log.info(
                        "retrying %s in %.1fs: %s",
                        rec.operation,
                        decision.delay.total_seconds(),
                        exc,
                    )
                    self.store.record_retry(
                        rec.id,
                        now=self.clock(),
                        retry_at=decision.at,
                        error_code=code,
                        error_text=str(exc),
                    )
                    self.sleep(decision.delay.total_seconds())
                    continue
                status = (
                    OperationStatus.REJECTED
                    if isinstance(exc, TerminalError)
                    and isinstance(exc, RioRejectedError | SoapFaultError)
                    else OperationStatus.FAILED
                )
                self.store.record_failure(
                    rec.id, now=self.clock(), status=status, error_code=code, error_text=str(exc)
                )
                raise _Failed(
                    "rejected" if status is OperationStatus.REJECTED else "failed", exc
                ) from exc

    def wait_for_locations(self) -> set[str]:
        """Wait until RIO resolves every location registered in this run (by address)."""
        pending = dict(self.registered)
        for delay in (0.0, *self.confirmer.delays):
            if delay:
                self.sleep(delay)
            for key, adres in list(pending.items()):
                if self._visible(adres):
                    del pending[key]
            if not pending:
                break
        self.registered.clear()
        self.unseen_locations |= set(pending)
        return set(pending)

    def _visible(self, adres: m.AanduidingAdres) -> bool:
        request = m.OpvragenRioIdentificatiecode(aanduiding_adres=adres)

        def read() -> str | None:
            return resolve(self.port, request)

        return self.confirmer.retrying(read) is not None

    # -- barriers ---------------------------------------------------------------------------

    def _await(self, op: Await) -> Outcome:
        keys = [k for k in op.keys if k in self.accepted]
        if not keys:
            return Outcome(op=op, status="accepted")
        match op.target:
            case "opleidingseenheid_zichtbaar":
                missing = self.confirmer.wait(oes=keys, since=self.started)
            case "aangeboden_verwerkt":
                missing = self.confirmer.wait(aos=keys, since=self.started)
            case "aangeboden_verwijderd":
                missing = self.confirmer.wait(aos_gone=keys, since=self.started)
        now = self.clock()
        for key in keys:
            if key not in missing:
                operation = self.store.operation(self.accepted[key])
                if operation.status is OperationStatus.ACCEPTED:
                    self.store.confirm(operation.id, now=now)
        if not missing:
            return Outcome(op=op, status="accepted")
        for key in missing:
            self.blocked |= self._programmes_of(key)
        return Outcome(op=op, status="unconfirmed", missing=tuple(sorted(missing)))

    def _programmes_of(self, key: str) -> set[str]:
        found = {oe.programma for s, oe in self.stand.opleidingseenheden.items() if s == key}
        found |= {ao.programma for c, ao in self.stand.aangeboden.items() if c == key}
        return found
