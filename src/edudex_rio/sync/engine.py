"""The sync job: fetch → map → plan → execute → confirm → record → report, per provider.

Providers run in parallel (a bounded thread pool), each provider strictly in order. A provider's
broken programme is reported and left out; a provider whose run fails (its catalogue cannot be
read, RIO cannot be reached) never stops the others. The run as a whole fails only when a
provider's run failed, never for rejected programmes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Protocol

from edudex_rio.edudex.model import Program
from edudex_rio.edudex.reader import ReadResult
from edudex_rio.edudex.source import EdudexSource
from edudex_rio.errors import EdudexRioError
from edudex_rio.mapping import MappingSettings, RioStand, map_provider
from edudex_rio.mapping.keys import cohortcode
from edudex_rio.mapping.opleidingseenheid import programma
from edudex_rio.planning import Plan, RegisterLocation, plan
from edudex_rio.report import Level, Report, Signal, Subject
from edudex_rio.report.files import write_report
from edudex_rio.rio import xsd
from edudex_rio.settings import ProviderSettings, Settings
from edudex_rio.store import OperationStatus, Store
from edudex_rio.store import records as r
from edudex_rio.sync import signals as sig
from edudex_rio.sync.codec import encode_opleidingseenheid
from edudex_rio.sync.confirm import Confirmer
from edudex_rio.sync.execute import KIND_AO, KIND_LOCATIE, KIND_OE, Executor, Outcome
from edudex_rio.sync.retry import RetryPolicy
from edudex_rio.sync.rio import CountingPort, RioPort, resolve
from edudex_rio.sync.state import deletion_instructions, load_history

__all__ = [
    "PortFactory",
    "Progress",
    "ProviderResult",
    "SyncOptions",
    "SyncResult",
    "programme_hash",
    "sync",
    "sync_provider",
]

log = logging.getLogger(__name__)

PortFactory = Callable[[ProviderSettings], RioPort]


class Progress(Protocol):
    """Where a run reports how far it is (rich bars on a terminal, log lines otherwise)."""

    def start(self, provider: str, total: int) -> None: ...
    def advance(self, provider: str) -> None: ...
    def finish(self, provider: str, summary: str) -> None: ...


class _NoProgress:
    def start(self, provider: str, total: int) -> None:
        pass

    def advance(self, provider: str) -> None:
        pass

    def finish(self, provider: str, summary: str) -> None:
        pass


@dataclass(frozen=True, kw_only=True)
class SyncOptions:
    only: tuple[str, ...] = ()
    dry_run: bool = False
    today: dt.date | None = None
    """The day the catalogue is read as of (default: today in UTC)."""
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    sleep: Callable[[float], None] = time.sleep
    progress: Progress = field(default_factory=_NoProgress)
    report_files: bool = True
    xml_dir: Path | None = None
    """Dry run: write the XML payload of every planned write here (one folder per provider)."""


@dataclass(frozen=True, kw_only=True)
class ProviderResult:
    org_unit_id: str
    name: str
    sync_run_id: int
    status: Literal["succeeded", "failed"]
    report: Report
    plan: Plan
    writes: int = 0
    listing_reads: int = 0
    object_reads: int = 0
    error: str | None = None
    files: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class SyncResult:
    providers: tuple[ProviderResult, ...]

    @property
    def ok(self) -> bool:
        return all(p.status == "succeeded" for p in self.providers)

    @property
    def writes(self) -> int:
        return sum(p.writes for p in self.providers)


def programme_hash(program: Program, provider: ProviderSettings) -> str:
    """What must change before a rejected programme is sent again: its content or settings."""
    text = repr(program) + provider.model_dump_json(include={"mapping", "send_nlqf"})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sync(
    settings: Settings,
    *,
    store: Store,
    source: EdudexSource,
    port_factory: PortFactory,
    options: SyncOptions = SyncOptions(),
) -> SyncResult:
    """Sync every enabled provider (or ``options.only``), ``settings.sync.concurrency`` at once.

    A provider that opted out (``enabled = false``) is still synced while edudex-rio has objects
    of it in RIO: its mapping closes them (future cohorts leave, offerings and programmes end).
    """
    providers = settings.providers(options.only) + tuple(
        p
        for p in settings.provider
        if not p.enabled
        and (not options.only or p.org_unit_id in options.only)
        and _has_objects(store, p.org_unit_id)
    )
    for service in ("beheren", "raadplegen"):  # compile the XSDs once, before the threads race
        xsd.schema(service)
    with ThreadPoolExecutor(
        max_workers=max(1, min(settings.sync.concurrency, len(providers) or 1)),
        thread_name_prefix="sync",
    ) as pool:
        futures = [
            pool.submit(
                sync_provider,
                settings,
                provider,
                store=store,
                source=source,
                port_factory=port_factory,
                options=options,
            )
            for provider in providers
        ]
        return SyncResult(providers=tuple(f.result() for f in futures))


def _has_objects(store: Store, org_unit_id: str) -> bool:
    row = store.provider(org_unit_id)
    return row is not None and bool(store.rio_objects(row.id))


def _fetch(source: EdudexSource, org_unit_id: str) -> tuple[list[Program], list[ReadResult]]:
    listing = [p.key for p in source.list_programs(org_unit_id) if p.key.is_public]
    results = list(source.fetch_programs(listing)) if listing else []
    programs = [res.program for res in results if res.program is not None]
    return programs, [res for res in results if not res.ok]


def _mapping_settings(provider: ProviderSettings) -> MappingSettings:
    return MappingSettings(
        onderwijsaanbiedercode=provider.onderwijsaanbiedercode,
        opted_in=provider.enabled,
        overrides=provider.mapping,
        send_nlqf_eqf=provider.send_nlqf,
    )


@dataclass(kw_only=True)
class _Job:
    """One provider's run: the pieces every stage needs."""

    settings: Settings
    provider: ProviderSettings
    store: Store
    options: SyncOptions
    provider_id: int
    run: r.SyncRun
    port: CountingPort | None = None
    confirmer: Confirmer | None = None
    signals: list[Signal] = field(default_factory=list)
    failed: bool = False

    def now(self) -> dt.datetime:
        return self.options.clock()

    def abort(self, code: str, error: str, text: str) -> str:
        """The run failed: report why (``code`` names the explanation); return ``error``."""
        self.failed = True
        self.signals.append(
            Signal(level=Level.FOUT, subject=Subject.OPLEIDER, code=code, params={"text": text})
        )
        return error


def sync_provider(
    settings: Settings,
    provider: ProviderSettings,
    *,
    store: Store,
    source: EdudexSource,
    port_factory: PortFactory,
    options: SyncOptions = SyncOptions(),
) -> ProviderResult:
    """One provider, start to end; never raises for the provider's own problems."""
    now = options.clock()
    today = options.today or now.date()
    row = store.upsert_provider(
        org_unit_id=provider.org_unit_id,
        name=provider.name or provider.org_unit_id,
        enabled=provider.enabled,
        settings=provider.model_dump(mode="json"),
        now=now,
    )
    job = _Job(
        settings=settings,
        provider=provider,
        store=store,
        options=options,
        provider_id=row.id,
        run=store.start_sync_run(row.id, now=now, dry_run=options.dry_run),
    )
    the_plan = Plan()
    error: str | None = None
    programmes = 0
    try:
        try:
            programs, broken = _fetch(source, provider.org_unit_id)
        except Exception as exc:
            raise _SourceError(str(exc)) from exc
        programmes = len(programs) + len(broken)
        job.signals += sig.read_signals(broken)
        hashes = {programma(p): programme_hash(p, provider) for p in programs}
        if options.dry_run:
            history = load_history(store, row.id, now=now)
            deletions, _ = deletion_instructions(
                store, row.id, provider.org_unit_id, history.stand, now=now
            )
            result = map_provider(
                programs,
                settings=_mapping_settings(provider),
                today=today,
                history=history,
                deletions=deletions,
            )
            the_plan = plan(result.stand, history.stand, now)
            job.signals += sig.problem_signals(result.problems)
            job.signals += sig.dry_run_signals(the_plan, history.stand)
            if options.xml_dir is not None:
                from edudex_rio.sync.dryrun import dump_plan

                dump_plan(the_plan, options.xml_dir / provider.org_unit_id, provider, history.stand)
        else:
            the_plan = _execute(job, port_factory, programs, hashes, today)
    except _SourceError as exc:
        error = job.abort("source.unavailable", f"EDU-DEX: {exc}", str(exc))
    except EdudexRioError as exc:  # a read RIO did not answer (after retries), a bad answer
        log.warning("sync of %s stopped: %s", provider.org_unit_id, exc)
        error = job.abort("rio.unavailable", f"RIO: {exc}", str(exc))
    except Exception as exc:
        log.exception("sync of %s failed", provider.org_unit_id)
        text = f"{type(exc).__name__}: {exc}"
        error = job.abort("provider.failed", text, text)
    port = job.port
    if port is not None:
        close = getattr(port.inner, "close", None)
        if callable(close):
            close()
    writes = port.writes if port else 0
    errors = sum(1 for s in job.signals if s.level is Level.FOUT)
    job.signals.insert(0, sig.summary_signal(programmes=programmes, writes=writes, errors=errors))
    finished = options.clock()
    report = Report(
        provider=provider.name or provider.org_unit_id,
        org_unit_id=provider.org_unit_id,
        sync_run_id=job.run.id,
        created_at=finished,
        signals=tuple(job.signals),
        dry_run=options.dry_run,
    )
    header = store.save_report(job.run.id, row.id, [s.stored() for s in job.signals], now=finished)
    files: dict[str, Path] = {}
    if options.report_files:
        files = write_report(report, settings.report.directory, settings.report.language)
    if settings.report.smtp_host and provider.email and not options.dry_run:
        _mail(store, report, header.id, provider.email, settings, options)
    summary = {
        "programmes": programmes,
        "operations": len(the_plan),
        "writes": writes,
        "listing_reads": port.listing_reads if port else 0,
        "object_reads": port.object_reads if port else 0,
        "errors": errors,
        "error": error,
    }
    store.finish_sync_run(
        job.run.id,
        status=r.SyncRunStatus.FAILED if job.failed else r.SyncRunStatus.SUCCEEDED,
        now=finished,
        summary=summary,
    )
    options.progress.finish(
        provider.org_unit_id, f"{writes} writes, {errors} errors" + (f" ({error})" if error else "")
    )
    return ProviderResult(
        org_unit_id=provider.org_unit_id,
        name=provider.name or provider.org_unit_id,
        sync_run_id=job.run.id,
        status="failed" if job.failed else "succeeded",
        report=report,
        plan=the_plan,
        writes=writes,
        listing_reads=summary["listing_reads"] or 0,  # type: ignore[arg-type]
        object_reads=summary["object_reads"] or 0,  # type: ignore[arg-type]
        error=error,
        files=files,
    )


class _SourceError(Exception):
    pass


def _mail(
    store: Store,
    report: Report,
    report_id: int,
    recipient: str,
    settings: Settings,
    options: SyncOptions,
) -> None:
    from edudex_rio.report.mail import MailError, send_report

    try:
        send_report(report, recipient=recipient, settings=settings.report)
    except MailError as exc:
        log.warning("report of %s not mailed: %s", report.org_unit_id, exc)
        return
    store.mark_report_mailed(report_id, now=options.clock())


def _execute(
    job: _Job,
    port_factory: PortFactory,
    programs: Sequence[Program],
    hashes: dict[str, str],
    today: dt.date,
) -> Plan:
    store, provider, options = job.store, job.provider, job.options
    now = job.now()
    port = job.port = CountingPort(port_factory(provider))
    confirmer = job.confirmer = Confirmer(
        port=port,
        bestuur=provider.onderwijsbestuurcode,
        aanbieder=provider.onderwijsaanbiedercode,
        delays=job.settings.sync.confirm_delays_seconds,
        sleep=options.sleep,
        policy=RetryPolicy.from_settings(job.settings.sync.retry),
    )
    _recover(job)

    def mapped() -> tuple[RioStand, RioStand, Plan, list[Signal]]:
        history = load_history(store, job.provider_id, now=now)
        deletions, _ = deletion_instructions(
            store,
            job.provider_id,
            provider.org_unit_id,
            history.stand,
            now=now,
            fail=lambda ins, problem: job.signals.append(_deletion_failed(ins, problem)),
        )
        result = map_provider(
            programs,
            settings=_mapping_settings(provider),
            today=today,
            history=history,
            deletions=deletions,
        )
        return (
            history.stand,
            result.stand,
            plan(result.stand, history.stand, now),
            sig.problem_signals(result.problems),
        )

    before, desired, first, problems = mapped()
    if _adopt(job, desired, before):
        before, desired, first, problems = mapped()
    executor = Executor(
        store=store,
        provider=provider,
        provider_id=job.provider_id,
        sync_run_id=job.run.id,
        port=port,
        confirmer=confirmer,
        policy=RetryPolicy.from_settings(job.settings.sync.retry),
        clock=options.clock,
        sleep=options.sleep,
        today=today,
        stand=before,
        programme_hashes=hashes,
        on_progress=lambda: options.progress.advance(provider.org_unit_id),
    )
    locations = [op for op in first if isinstance(op, RegisterLocation)]
    options.progress.start(provider.org_unit_id, len(first))
    outcomes: list[Outcome] = executor.run(locations)
    for outcome in outcomes:
        if outcome.status == "rejected" and isinstance(outcome.op, RegisterLocation):
            _location_not_found(job, outcome)
    job.signals += sig.unconfirmed_signals(executor.wait_for_locations())
    the_plan = first
    if locations:  # the codes RIO gave (or refused) change the mapping: map and plan again
        _, _, the_plan, problems = mapped()
        the_plan = Plan(
            operations=tuple(op for op in the_plan if not isinstance(op, RegisterLocation))
        )
        options.progress.start(provider.org_unit_id, len(locations) + len(the_plan))
    outcomes += executor.run(the_plan.operations)
    job.signals += problems
    job.signals += sig.outcome_signals(outcomes, before, executor.stand, today)
    job.signals += sig.unconfirmed_signals(_confirm(job))
    job.signals += _kept_runs(job, programs, executor.stand, today)
    _finish_deletions(job)
    if any(o.status == "failed" for o in outcomes):
        job.failed = True
    return Plan(operations=tuple(o.op for o in outcomes))


def _kept_runs(
    job: _Job, programs: Sequence[Program], stand: RioStand, today: dt.date
) -> list[Signal]:
    """Runs EDU-DEX stopped listing after they started: RIO keeps them as last sent (history
    for subsidy settlement). Reported once, on the day they vanish."""
    store = job.store
    listed = {(programma(p), run.id): p for p in programs for run in p.runs}
    seen = store.program_runs(job.provider_id)
    cohorts = {
        (ao.programma, c.run_id): (ao, c) for ao in stand.aangeboden.values() for c in ao.cohorten
    }
    out: list[Signal] = []
    gone = []
    for run_id, run in seen.items():
        key = (f"{job.provider.org_unit_id}/{run.program_id}", run_id)
        if key in listed:
            continue
        gone.append(run_id)
        found = cohorts.get(key)
        if found is not None and found[1].started(today):
            ao, cohort = found
            out.append(
                Signal(
                    level=Level.INFO,
                    subject=Subject.STARTMOMENT,
                    code="run.kept",
                    program_id=run.program_id,
                    aangeboden_opleiding_code=ao.code,
                    run_id=run_id,
                    location=ao.location_label,
                    params={"date": cohort.instroommoment.isoformat()},
                )
            )
    store.forget_program_runs(job.provider_id, gone)
    store.record_program_runs(
        job.provider_id,
        [
            r.ProgramRun(
                run_id=run.id,
                program_id=p.program_id,
                cohortcode=cohortcode(run.id),
                first_published=today,
                aangeboden_opleiding_code=None,
            )
            for p in programs
            for run in p.runs
            if run.id not in seen
        ],
        now=job.now(),
    )
    return out


def _adopt(job: _Job, desired: RioStand, before: RioStand) -> bool:
    """Adopt opleidingseenheden RIO already holds under our eigen sleutel (a lost or reset
    store, a crash before the outbox existed, an earlier installation): record RIO's O-code so
    the sync updates them instead of creating duplicates. One paged listing of the bestuur, and
    only when the plan would create one."""
    new = [s for s, oe in desired.opleidingseenheden.items() if oe.code is None]
    if not new:
        return False
    assert job.confirmer is not None
    shown = job.confirmer.oes()
    adopted = False
    for sleutel in new:
        if sleutel not in shown or sleutel in before.opleidingseenheden:
            continue
        code = shown[sleutel][0]
        oe = desired.opleidingseenheden[sleutel]
        # no periods: the next plan sees a difference and sends our full content under the code
        stand = encode_opleidingseenheid(replace(oe, code=code, perioden=()))
        job.store.adopt_object(
            job.provider_id,
            kind=KIND_OE,
            key=sleutel,
            code=code,
            stand=stand,
            now=job.now(),
            program_id=oe.programma,
        )
        log.info("adopted opleidingseenheid %s (%s) from RIO", code, sleutel)
        adopted = True
    return adopted


def _location_not_found(job: _Job, outcome: Outcome) -> None:
    assert isinstance(outcome.op, RegisterLocation)
    loc = outcome.op.locatie
    message = "; ".join(f"{f.code} {f.tekst}" for f in outcome.foutmeldingen) or "A01010"
    job.store.record_location(
        job.provider_id,
        r.Location(
            location_key=loc.key,
            address={"label": loc.label, "message": message},
            onderwijslocatiecode=None,
            status=r.LocationStatus.NOT_FOUND,
            checked_at=job.now(),
        ),
    )


def _deletion_failed(ins: r.DeletionInstruction, problem: str) -> Signal:
    return Signal(
        level=Level.FOUT,
        subject=Subject.OPLEIDING,
        code="deletion.invalid",
        program_id=ins.program_id,
        params={"row": ins.id, "problem": f"{ins.code}: {problem}"},
    )


def _recover(job: _Job) -> None:
    """Pick up after a crash: writes of an earlier run that were never finished.

    A creation of an opleidingseenheid that may have reached RIO is resolved by its eigen
    sleutel first (RIO assigned an O-code we did not record); every other write is a
    full-state upsert or delete under our own code, so it is simply planned and sent again.
    """
    store, now = job.store, job.now()
    assert job.port is not None
    assert job.confirmer is not None
    for op in store.active_operations(job.provider_id):
        if op.sync_run_id == job.run.id:
            continue
        if op.status is not OperationStatus.SENDING:
            store.cancel([op.id], now=now, reason="superseded by a new run")
            continue
        if op.object_kind == KIND_OE and op.payload.get("create"):
            code = _resolve_created(job, op.object_key)
            if code is not None:
                stand = dict(op.payload["stand"]) | {"code": code}
                store.record_accepted(op.id, now=now, code=code, stand=stand)
                log.info("recovered O-code %s of %s", code, op.object_key)
                continue
        store.record_failure(
            op.id,
            now=now,
            status=OperationStatus.FAILED,
            error_code=None,
            error_text="interrupted; sent again when still needed",
        )


def _resolve_created(job: _Job, sleutel: str) -> str | None:
    assert job.port is not None
    assert job.confirmer is not None
    from edudex_rio.rio import model as m

    port, confirmer = job.port, job.confirmer
    request = m.OpvragenRioIdentificatiecode(eigen_opleidingseenheid_sleutel=sleutel)
    code = confirmer.retrying(lambda: resolve(port, request))
    delays = list(job.settings.sync.confirm_delays_seconds)
    while code is None and delays:
        job.options.sleep(delays.pop(0))
        code = confirmer.retrying(lambda: resolve(port, request))
    return code


def _confirm(job: _Job) -> set[str]:
    """Confirm every accepted write (this run's and earlier ones') through batched reads."""
    store = job.store
    assert job.confirmer is not None
    pending = store.unconfirmed_operations(job.provider_id)
    if not pending:
        return set()
    now = job.now()
    groups: dict[str, set[str]] = {"oes": set(), "oes_gone": set(), "aos": set(), "aos_gone": set()}
    by_key: dict[str, list[r.Operation]] = {}
    for op in pending:
        if op.object_kind == KIND_LOCATIE:
            store.confirm(op.id, now=now)
            continue
        deleting = op.operation.startswith("verwijderen_")
        group = ("oes" if op.object_kind == KIND_OE else "aos") + ("_gone" if deleting else "")
        groups[group].add(op.object_key)
        by_key.setdefault(op.object_key, []).append(op)
    if not by_key:
        return set()
    since = min(op.created_at for ops in by_key.values() for op in ops)
    missing = job.confirmer.wait(
        oes=groups["oes"],
        oes_gone=groups["oes_gone"],
        aos=groups["aos"],
        aos_gone=groups["aos_gone"],
        since=since,
    )
    now = job.now()
    for key, ops in by_key.items():
        if key in missing:
            continue
        for op in ops:
            store.confirm(op.id, now=now)
    return missing


def _finish_deletions(job: _Job) -> None:
    store, now = job.store, job.now()
    for ins in store.deletion_instructions(job.provider_id):
        if ins.status in (r.DeletionStatus.DONE, r.DeletionStatus.FAILED):
            continue
        kind = KIND_AO if ins.target is r.DeletionTarget.AANGEBODEN_OPLEIDING else KIND_OE
        objects = [
            o
            for o in store.rio_objects(job.provider_id, kind=kind, include_deleted=True)
            if ins.code.lower() in (o.key.lower(), (o.code or "").lower())
        ]
        if objects and all(o.state is r.ObjectState.DELETED for o in objects):
            store.set_deletion_status(ins.id, r.DeletionStatus.DONE, now=now)
        elif objects and all(
            o.state in (r.ObjectState.DELETED, r.ObjectState.DELETE_ACCEPTED) for o in objects
        ):
            store.set_deletion_status(ins.id, r.DeletionStatus.SENT, now=now)
