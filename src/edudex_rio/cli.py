"""The ``edudex-rio`` command line: one root app, one sub-app per part of the product."""

from __future__ import annotations

import typer

from edudex_rio import __version__
from edudex_rio.edudex import cli as edudex_cli
from edudex_rio.rio import cli as rio_cli
from edudex_rio.sandbox import cli as sandbox_cli
from edudex_rio.sync import cli as sync_cli

__all__ = ["app", "main"]

app = typer.Typer(
    name="edudex-rio",
    help="Keeps DUO's register RIO filled from EDU-DEX course catalogues.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(rio_cli.app, name="rio")
app.add_typer(sandbox_cli.app, name="sandbox")
app.add_typer(edudex_cli.app, name="edudex")
sync_cli.register(app)


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


def main() -> None:
    app()
