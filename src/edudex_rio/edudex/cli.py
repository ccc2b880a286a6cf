"""`edudex-rio edudex ...` commands: validate documents, list and show a source, serve a
folder catalogue as a local EDU-DEX."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer

from edudex_rio.edudex import open_source
from edudex_rio.edudex.errors import EdudexError, UnsafeDocument
from edudex_rio.edudex.folder import METADATA_NAMES
from edudex_rio.edudex.model import LocalizedText, ProgramKey
from edudex_rio.edudex.reader import read_program, read_provider
from edudex_rio.edudex.source import EdudexSource
from edudex_rio.edudex.validation import Mode
from edudex_rio.errors import EdudexRioError

__all__ = ["app"]

app = typer.Typer(
    help="Read EDU-DEX catalogues (Data API, XML feed, folder).", no_args_is_help=True
)

SourceArg = Annotated[
    str,
    typer.Argument(
        help="Folder, feed directory.xml (path or URL), or Data API URL "
        "(prefix folder:/feed:/api: to be explicit)."
    ),
]
TokenOpt = Annotated[
    Path | None, typer.Option("--token-file", help="File holding the secret-token:… bearer token.")
]
FeedKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--feed-key",
        envvar=["EDUDEX_RIO_FEED_KEY", "EDUDEX_RIO_EDUDEX__FEED_KEY"],
        help="Secret key of a closed XML feed.",
        show_default=False,
    ),
]
LangOpt = Annotated[str, typer.Option("--lang", help="Language of messages: nl or en.")]


def _mode(production: bool) -> Mode:
    return "production" if production else "strict"


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to check.")],
    production: Annotated[
        bool, typer.Option("--production", help="Unknown fields/values are warnings.")
    ] = False,
    lang: LangOpt = "nl",
) -> None:
    """Validate programme and metadata documents (JSON or XML) against the EDU-DEX schema."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix in (".json", ".xml") and p.is_file())
            )
        else:
            files.append(path)
    bad = 0
    for file in files:
        if file.name == "directory.xml":
            continue
        data = file.read_bytes()
        if file.name in METADATA_NAMES:
            try:
                _, issues = read_provider(data, mode=_mode(production), origin=str(file))
                ok = True
            except (EdudexError, UnsafeDocument) as exc:
                issues = getattr(exc, "issues", ())
                ok = False
                if not issues:
                    typer.echo(f"FOUT {file}: {exc}" if lang == "nl" else f"ERROR {file}: {exc}")
        else:
            result = read_program(data, mode=_mode(production), origin=str(file))
            issues, ok = result.issues, result.ok
        bad += not ok
        status = ("OK  " if ok else "FOUT") if lang == "nl" else ("OK   " if ok else "ERROR")
        typer.echo(f"{status} {file}")
        for issue in issues:
            label = {"error": "fout", "warning": "waarschuwing"} if lang == "nl" else {}
            typer.echo(f"    {label.get(issue.level, issue.level)}: {issue.text(lang)}")
    summary = (
        f"{len(files) - bad} goed, {bad} afgekeurd"
        if lang == "nl"
        else f"{len(files) - bad} valid, {bad} rejected"
    )
    typer.echo(summary)
    if bad:
        raise typer.Exit(1)


def _open(source: str, token_file: Path | None, feed_key: str | None, strict: bool) -> EdudexSource:
    try:
        return open_source(
            source,
            token_file=token_file,
            feed_key=feed_key,
            mode="strict" if strict else "production",
        )
    except EdudexRioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command("list")
def list_(
    source: SourceArg,
    provider: Annotated[
        list[str] | None, typer.Option("--provider", "-p", help="orgUnitId (repeatable).")
    ] = None,
    token_file: TokenOpt = None,
    feed_key: FeedKeyOpt = None,
) -> None:
    """List providers and their programmes (all variants) with their change markers."""
    src = _open(source, token_file, feed_key, strict=False)
    try:
        for org in provider or src.list_providers():
            typer.echo(org)
            for item in src.list_programs(org):
                variant = "" if item.key.is_public else f"  [client {item.key.client_id}]"
                typer.echo(f"  {item.key.program_id}{variant}  {item.last_change or '-'}")
    except EdudexRioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        src.close()


def _plain(value: Any) -> Any:
    if isinstance(value, LocalizedText):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "extra"
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time | Decimal | uuid.UUID):
        return str(value)
    return value


@app.command()
def show(
    source: SourceArg,
    org_unit_id: Annotated[str, typer.Argument(help="Provider orgUnitId.")],
    program_id: Annotated[str, typer.Argument(help="programId (quote it).")],
    client_id: Annotated[str, typer.Option("--client", help="clientId.")] = "public",
    token_file: TokenOpt = None,
    feed_key: FeedKeyOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Strict validation.")] = False,
    lang: LangOpt = "nl",
) -> None:
    """Show one programme as the normalised model (JSON), or why it cannot be read."""
    src = _open(source, token_file, feed_key, strict)
    try:
        src.list_programs(org_unit_id)
        key = ProgramKey(org_unit_id=org_unit_id, program_id=program_id, client_id=client_id)
        (result,) = list(src.fetch_programs([key]))
    except EdudexRioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        src.close()
    for issue in result.issues:
        typer.echo(f"{issue.level}: {issue.text(lang)}", err=True)
    if result.program is None:
        raise typer.Exit(1)
    typer.echo(json.dumps(_plain(result.program), ensure_ascii=False, indent=2))


@app.command()
def serve(
    root: Annotated[Path, typer.Argument(help="Folder catalogue to serve.")],
    host: str = "127.0.0.1",
    port: int = 8765,
    token_file: TokenOpt = None,
    feed_key: FeedKeyOpt = None,
) -> None:
    """Serve a folder catalogue as a local EDU-DEX Data API and XML feed."""
    import uvicorn

    from edudex_rio.edudex.api import load_token
    from edudex_rio.edudex.localapi import create_app

    token = load_token(token_file)
    typer.echo(f"local EDU-DEX on http://{host}:{port}/data/v1/ and /feeds/directory.xml")
    uvicorn.run(create_app(root, token=token.reveal(), feed_key=feed_key), host=host, port=port)
