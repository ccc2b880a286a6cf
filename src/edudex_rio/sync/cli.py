"""Top-level job commands: ``sync``, ``report``, ``delete``, ``reconcile``, ``demo``.

Exit status: 0 when the run itself worked (rejected programmes are the provider's to fix and are
in its report), 1 when a provider's run failed (catalogue unreadable, RIO unreachable), 2 for a
configuration error.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from edudex_rio.edudex import FeedSource, open_source
from edudex_rio.edudex.source import EdudexSource
from edudex_rio.errors import EdudexRioError
from edudex_rio.report import Report, Signal
from edudex_rio.report.render import to_csv, to_html
from edudex_rio.report.texts import Language
from edudex_rio.settings import ConfigError, Settings, load_settings
from edudex_rio.store import Store
from edudex_rio.store import records as r

__all__ = ["register"]

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="TOML configuration (else EDUDEX_RIO_CONFIG)."),
]
ProviderOpt = Annotated[
    list[str] | None,
    typer.Option("--provider", "-p", help="Only this provider (orgUnitId); repeatable."),
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Language of the report: nl or en.")]


def _settings(config: Path | None) -> Settings:
    try:
        return load_settings(config)
    except ConfigError as exc:
        typer.echo(f"configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _language(settings: Settings, lang: str | None) -> Language:
    value = lang or settings.report.language
    if value not in ("nl", "en"):
        raise typer.BadParameter("--lang must be nl or en")
    return "en" if value == "en" else "nl"


def open_catalogue(settings: Settings, spec: str | None = None) -> EdudexSource:
    """The EDU-DEX source the configuration names (or ``spec``, as ``edudex list`` takes it)."""
    if spec:
        return open_source(spec)
    e = settings.edudex
    if e.source == "folder":
        if e.path is None:
            raise ConfigError("edudex.path is required for source = folder")
        return open_source(f"folder:{e.path}")
    if e.source == "xml":
        key = e.feed_secret()
        return FeedSource(
            str(e.path) if e.path else e.base_url, key=key.get_secret_value() if key else None
        )
    from edudex_rio.edudex import ApiSource

    token = e.bearer_token()
    return ApiSource.open(
        base_url=e.base_url,
        token=token.get_secret_value() if token else None,
    )


def _logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )


def register(app: typer.Typer) -> None:
    """Add the job commands to the root app."""
    app.command("sync")(sync_command)
    app.command("report")(report_command)
    app.command("delete")(delete_command)
    app.command("reconcile")(reconcile_command)
    app.command("demo")(demo_command)
    app.add_typer(worker_app, name="worker")


def sync_command(
    config: ConfigOpt = None,
    provider: ProviderOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the plan with reasons; send nothing.")
    ] = False,
    xml: Annotated[
        Path | None,
        typer.Option("--xml", help="Write every RIO request (its XML payload) into this folder."),
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", help="Read the catalogue as of this day (YYYY-MM-DD).")
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--source", help="Catalogue to read instead of the configured one."),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Bring RIO to the state the providers' EDU-DEX catalogues ask for, and report."""
    from edudex_rio.sync.engine import SyncOptions, sync
    from edudex_rio.sync.progress import progress_for
    from edudex_rio.sync.rio import client_factory, dumping

    settings = _settings(config)
    language = _language(settings, lang)
    day = dt.date.fromisoformat(today) if today else None
    console = Console(stderr=True)
    if not console.is_terminal:
        _logging()
    try:
        catalogue = open_catalogue(settings, source)
        store = Store.open(settings.database.url)
    except (EdudexRioError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    factory = client_factory(settings)
    if xml is not None and not dry_run:
        factory = dumping(factory, xml)

    try:
        with progress_for(console) as progress:
            result = sync(
                settings,
                store=store,
                source=catalogue,
                port_factory=factory,
                options=SyncOptions(
                    only=tuple(provider or ()),
                    dry_run=dry_run,
                    today=day,
                    progress=progress,
                    xml_dir=xml if dry_run else None,
                ),
            )
    except ConfigError as exc:
        typer.echo(f"configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        catalogue.close()
        store.close()
    from edudex_rio.sync.demo import print_report

    for p in result.providers:
        if dry_run:
            typer.echo(f"\n== Plan for {p.name} ({p.org_unit_id}): {len(p.plan)} operation(s)")
            for op in p.plan:
                reason = op.reason.nl if language == "nl" else op.reason.en
                typer.echo(f"  {type(op).__name__:<26} {reason}")
        else:
            print_report(p.report, typer.echo, language)
    raise typer.Exit(0 if result.ok else 1)


def report_command(
    config: ConfigOpt = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="text, csv or html.")] = "text",
    run: Annotated[int | None, typer.Option("--run", help="This sync run's report.")] = None,
) -> None:
    """Show the latest verwerkingsverslag of each provider (or of one run)."""
    from edudex_rio.sync.demo import print_report

    settings = _settings(config)
    language = _language(settings, lang)
    store = Store.open(settings.database.url)
    try:
        providers = [
            p for p in store.providers() if not provider or p.org_unit_id in (provider or [])
        ]
        for p in providers:
            header = None
            if run is not None:
                header = store.report_for_run(run)
                if header is not None and header.provider_id != p.id:
                    continue
            else:
                header = store.latest_report(p.id)
            if header is None:
                continue
            sync_run = store.sync_run(header.sync_run_id)
            report = Report(
                provider=p.name,
                org_unit_id=p.org_unit_id,
                sync_run_id=header.sync_run_id,
                created_at=header.created_at,
                signals=tuple(Signal.from_stored(s) for s in store.report_signals(header.id)),
                dry_run=sync_run.dry_run,
            )
            if fmt == "csv":
                typer.echo(to_csv(report, language), nl=False)
            elif fmt == "html":
                typer.echo(to_html(report, language))
            else:
                print_report(report, typer.echo, language)
    finally:
        store.close()


def delete_command(
    provider: Annotated[str, typer.Option("--provider", "-p", help="The provider (orgUnitId).")],
    config: ConfigOpt = None,
    offering: Annotated[
        list[str] | None,
        typer.Option("--offering", help="aangebodenOpleidingCode to delete; repeatable."),
    ] = None,
    programme: Annotated[
        list[str] | None,
        typer.Option(
            "--programme", help="programId or O-code: delete its offerings and programme."
        ),
    ] = None,
    sheet: Annotated[
        Path | None, typer.Option("--sheet", help="Excel sheet of deletion instructions.")
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why (for the report).")] = "",
) -> None:
    """Record deletion instructions; the next sync carries them out in RIO's order
    (offerings, then the programme once RIO shows them gone) and reports them."""
    from edudex_rio.sync.deletion_sheet import SheetError, read_deletion_sheet

    settings = _settings(config)
    settings.provider_by_id(provider)
    instructions: list[r.NewDeletionInstruction] = []
    for code in offering or ():
        instructions.append(
            r.NewDeletionInstruction(
                target=r.DeletionTarget.AANGEBODEN_OPLEIDING,
                code=code.lower(),
                reason=reason,
                source="cli",
            )
        )
    for item in programme or ():
        is_code = len(item) == 9 and item[4] == "O" and item.replace("O", "").isdigit()
        instructions.append(
            r.NewDeletionInstruction(
                target=r.DeletionTarget.OPLEIDINGSEENHEID,
                code=item if is_code else "",
                program_id=None if is_code else item,
                reason=reason,
                source="cli",
            )
        )
    if sheet is not None:
        try:
            parsed = read_deletion_sheet(sheet)
        except SheetError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        for problem in parsed.problems:
            typer.echo(f"rij {problem.row}: {problem.nl}", err=True)
        instructions += parsed.instructions
    if not instructions:
        typer.echo("nothing to delete: give --offering, --programme or --sheet", err=True)
        raise typer.Exit(2)
    store = Store.open(settings.database.url)
    try:
        now = dt.datetime.now(dt.UTC)
        p = settings.provider_by_id(provider)
        row = store.provider(provider) or store.upsert_provider(
            org_unit_id=provider,
            name=p.name or provider,
            enabled=p.enabled,
            settings=p.model_dump(mode="json"),
            now=now,
        )
        added = store.add_deletion_instructions(row.id, instructions, now=now)
    finally:
        store.close()
    typer.echo(f"{len(added)} deletion instruction(s) recorded; the next sync carries them out.")


def reconcile_command(
    config: ConfigOpt = None,
    provider: ProviderOpt = None,
    lang: LangOpt = None,
) -> None:
    """Compare what RIO holds for each provider with what edudex-rio sent (read-only): objects
    gone from RIO, edits made elsewhere, records from other channels."""
    from edudex_rio.sync.reconcile import reconcile
    from edudex_rio.sync.rio import client_factory

    settings = _settings(config)
    language = _language(settings, lang)
    try:
        providers = settings.providers(tuple(provider or ()))
    except ConfigError as exc:
        typer.echo(f"configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc
    store = Store.open(settings.database.url)
    factory = client_factory(settings)
    failed = False
    try:
        for p in providers:
            port = factory(p)
            try:
                drift = reconcile(store, p, port)
            except EdudexRioError as exc:
                typer.echo(f"{p.org_unit_id}: RIO could not be read: {exc}", err=True)
                failed = True
                continue
            finally:
                close = getattr(port, "close", None)
                if callable(close):
                    close()
            typer.echo(
                f"== {p.name or p.org_unit_id} ({p.org_unit_id}): {len(drift)} difference(s)"
            )
            for d in drift:
                typer.echo(f"  {d.kind:<8} {d.nl if language == 'nl' else d.en}")
    finally:
        store.close()
    raise typer.Exit(1 if failed else 0)


def demo_command(
    workdir: Annotated[
        Path | None, typer.Option("--workdir", help="Keep the demo's files here.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="nl or en.")] = "nl",
) -> None:
    """Run the main job on SQLite + the bundled RIO sandbox + the example catalogue
    (day 1, then day 2) and print what each provider is told."""
    from edudex_rio.sync.demo import run_demo

    raise typer.Exit(run_demo(workdir, out=typer.echo, language="en" if lang == "en" else "nl"))


worker_app = typer.Typer(
    help="Run the job queue: a daily schedule and scale-out over several workers (PostgreSQL).",
    invoke_without_command=True,
)


@worker_app.callback()
def worker_command(
    ctx: typer.Context,
    config: ConfigOpt = None,
    concurrency: Annotated[
        int | None,
        typer.Option("--concurrency", help="Jobs at once (else \\[worker] concurrency)."),
    ] = None,
) -> None:
    """Run a worker: it takes provider jobs from the queue and queues the daily run."""
    if ctx.invoked_subcommand is not None:
        return
    from edudex_rio.sync.worker import build_worker, run_worker

    settings = _settings(config)
    _logging()
    try:
        worker = build_worker(settings)
    except ConfigError as exc:
        typer.echo(f"configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc
    run_worker(worker, concurrency=concurrency or settings.worker.concurrency)


@worker_app.command("enqueue")
def worker_enqueue_command(config: ConfigOpt = None, provider: ProviderOpt = None) -> None:
    """Queue a sync job for each enabled provider (or ``--provider``); a provider that already
    has a job waiting is skipped."""
    from edudex_rio.sync.worker import build_worker, ensure_schema

    settings = _settings(config)
    try:
        worker = build_worker(settings)
        providers = settings.providers(tuple(provider or ()))
    except ConfigError as exc:
        typer.echo(f"configuration error: {exc}", err=True)
        raise typer.Exit(2) from exc
    with worker.app.open():
        ensure_schema(worker)
        for p in providers:
            job = worker.enqueue(p.org_unit_id)
            if job is None:
                typer.echo(f"{p.org_unit_id}: already queued")
            else:
                typer.echo(f"{p.org_unit_id}: job {job}")
