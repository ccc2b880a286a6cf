"""`edudex-rio sandbox ...` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["app"]

app = typer.Typer(help="sandbox commands.", no_args_is_help=True)


@app.callback()
def _sandbox() -> None:
    """A local RIO that speaks RIO V4 SOAP and answers with DUO's codes."""


@app.command("serve")
def serve_command(
    db: Annotated[Path, typer.Option(help="SQLite file holding the sandbox's state.")] = Path(
        "rio-sandbox.sqlite"
    ),
    seed: Annotated[
        Path | None, typer.Option(help="YAML/JSON seed (besturen, aanbieders, BAG, …).")
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on (loopback).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8765,
    delay: Annotated[
        float, typer.Option(help="Seconds before accepted writes become readable.")
    ] = 0.0,
    fault_rate: Annotated[float, typer.Option(help="Fraction answered with Server.DK0051.")] = 0.0,
    unavailable_rate: Annotated[float, typer.Option(help="Fraction answered HTTP 503.")] = 0.0,
    stall_rate: Annotated[float, typer.Option(help="Fraction of answers held back.")] = 0.0,
    stall_seconds: Annotated[float, typer.Option(help="How long a stalled answer waits.")] = 30.0,
    fault_seed: Annotated[int, typer.Option(help="Seed of the fault generator.")] = 0,
    page_size: Annotated[int, typer.Option(help="Results per page in paged reads.")] = 20,
    tls_cert: Annotated[Path | None, typer.Option(help="Server certificate (PEM).")] = None,
    tls_key: Annotated[Path | None, typer.Option(help="Server key (PEM).")] = None,
    client_ca: Annotated[
        Path | None, typer.Option(help="Require client certificates issued by this CA (PEM).")
    ] = None,
) -> None:
    """Run the RIO sandbox on http(s)://HOST:PORT/RIO/services/{beheren,raadplegen}4.0."""
    from edudex_rio.sandbox import seed as seeds
    from edudex_rio.sandbox.core import SandboxConfig
    from edudex_rio.sandbox.server import TlsConfig, serve

    if (tls_cert is None) != (tls_key is None):
        raise typer.BadParameter("--tls-cert and --tls-key go together")
    if client_ca is not None and tls_cert is None:
        raise typer.BadParameter("--client-ca needs --tls-cert and --tls-key")
    tls = (
        TlsConfig(certificate=tls_cert, key=tls_key, client_ca=client_ca)
        if tls_cert is not None and tls_key is not None
        else None
    )
    config = SandboxConfig(
        visibility_delay=delay,
        fault_rate=fault_rate,
        unavailable_rate=unavailable_rate,
        stall_rate=stall_rate,
        stall_seconds=stall_seconds,
        fault_seed=fault_seed,
        page_size=page_size,
    )
    db = db.resolve()
    serve(
        db,
        seed=seeds.load(seed) if seed is not None else None,
        config=config,
        host=host,
        port=port,
        tls=tls,
    )


@app.command("check-seed")
def check_seed(seed: Annotated[Path, typer.Argument(help="YAML/JSON seed file.")]) -> None:
    """Validate a seed file and print what it holds."""
    from edudex_rio.sandbox import seed as seeds

    data = seeds.load(seed)
    for name in (
        "besturen",
        "aanbieders",
        "autorisaties",
        "erkenningen",
        "opleidingseenheden",
        "aangeboden_opleidingen",
        "locaties",
        "bag",
    ):
        typer.echo(f"{name}: {len(getattr(data, name))}")
