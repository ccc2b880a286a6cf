"""`edudex-rio rio ...`: ask RIO (the configured Raadplegen endpoint) and print the answer.

Every command sends one ``opvragen_*`` request as a configured provider (its OIN is the sender)
and prints the typed answer as JSON (default) or a table. ``--dry-run`` prints the signed
request instead of sending it. Exit codes: 0 approved, 1 RIO rejected the request
(``requestGoedgekeurd=false``; the foutmeldingen are printed with their meaning and advice),
2 configuration, transport, SOAP Fault or signature error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Literal

import typer

from edudex_rio.errors import EdudexRioError
from edudex_rio.rio import model as m
from edudex_rio.rio import output
from edudex_rio.rio.client import RioClient
from edudex_rio.settings import ConfigError, Settings, load_settings

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_REJECTED", "app"]

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    help="Read from RIO: opvragen_* operations against the configured endpoint.",
    no_args_is_help=True,
)

Format = Literal["json", "table"]
_state: dict[str, object] = {}


@app.callback()
def _options(
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="TOML settings (else EDUDEX_RIO_CONFIG)."),
    ] = None,
    provider: Annotated[
        str | None,
        typer.Option(help="org_unit_id of the provider to ask as (its OIN is the sender)."),
    ] = None,
    oin: Annotated[str | None, typer.Option(help="Sender OIN (overrides --provider).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "json",
    language: Annotated[
        str | None, typer.Option("--lang", help="nl or en for explanations.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the signed request; send nothing.")
    ] = False,
) -> None:
    """Common options: which settings, as which provider, how to print."""
    _state.update(
        config=config, provider=provider, oin=oin, format=format, language=language, dry=dry_run
    )


def _sender(settings: Settings) -> str:
    if _state.get("oin"):
        return str(_state["oin"])
    wanted = _state.get("provider")
    providers = settings.provider
    if wanted:
        found = [p for p in providers if p.org_unit_id == wanted]
        if not found:
            raise ConfigError(f"unknown provider {wanted!r}")
        return found[0].oin
    if len(providers) == 1:
        return providers[0].oin
    raise ConfigError("give --provider or --oin: the sender OIN is ambiguous")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _run(request: m.Request) -> None:
    """Send ``request`` (or print it for a dry run), print the answer, exit with its status."""
    format = str(_state.get("format") or "json")
    if format not in ("json", "table"):
        raise _fail(f"--format must be json or table, not {format!r}")
    try:
        config = _state.get("config")
        settings = load_settings(config if isinstance(config, Path) else None)
        language_option = _state.get("language") or settings.report.language
        language: output.Language = "en" if language_option == "en" else "nl"
        with RioClient.from_settings(settings.rio, sender_oin=_sender(settings)) as client:
            if _state.get("dry"):
                typer.echo(client.prepare(request).decode("utf-8"))
                raise typer.Exit(EXIT_OK)
            response = client.send(request)
    except EdudexRioError as exc:
        raise _fail(f"{type(exc).__name__}: {exc}") from None
    data = output.to_data(response, language)
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(output.table(data))
    raise typer.Exit(EXIT_OK if response.goedgekeurd else EXIT_REJECTED)


def _command(name: str, help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return app.command(name, help=help)


@_command("onderwijsaanbieder", "opvragen_onderwijsaanbieder: a provider by its code.")
def onderwijsaanbieder(code: Annotated[str, typer.Argument(help="e.g. 110A133")]) -> None:
    _run(m.OpvragenOnderwijsaanbieder(onderwijsaanbiedercode=code))


@_command("onderwijslocatie", "opvragen_onderwijslocatie: a teaching location by its code.")
def onderwijslocatie(code: Annotated[str, typer.Argument(help="e.g. 123X456")]) -> None:
    _run(m.OpvragenOnderwijslocatie(onderwijslocatiecode=code))


@_command("opleidingseenheid", "opvragen_opleidingseenheid: a programme by its code.")
def opleidingseenheid(code: Annotated[str, typer.Argument(help="e.g. 1234O5678")]) -> None:
    _run(m.OpvragenOpleidingseenheid(opleidingseenheidcode=code))


@_command(
    "opleidingseenheden",
    "opvragen_opleidingseenhedenVanOrganisatie: one page of a board's programmes.",
)
def opleidingseenheden(
    bestuur: Annotated[str, typer.Argument(help="onderwijsbestuurcode, e.g. 100B490")],
    pagina: Annotated[int, typer.Option(min=0, help="0-based page.")] = 0,
) -> None:
    _run(m.OpvragenOpleidingseenhedenVanOrganisatie(onderwijsbestuurcode=bestuur, pagina=pagina))


@_command("aangeboden-opleiding", "opvragen_aangebodenOpleiding: an offering by its code.")
def aangeboden_opleiding(code: Annotated[str, typer.Argument(help="the offering's UUID")]) -> None:
    _run(m.OpvragenAangebodenOpleiding(aangeboden_opleiding_code=code))


@_command(
    "aangeboden-opleidingen",
    "opvragen_aangebodenOpleidingenVanOrganisatie: one page of a provider's offerings.",
)
def aangeboden_opleidingen(
    aanbieder: Annotated[str | None, typer.Option(help="onderwijsaanbiedercode")] = None,
    vestiging: Annotated[str | None, typer.Option(help="erkendeVestigingCode")] = None,
    locatie: Annotated[str | None, typer.Option(help="onderwijslocatiecode")] = None,
    peildatum: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    pagina: Annotated[int, typer.Option(min=0, help="0-based page.")] = 0,
) -> None:
    _run(
        m.OpvragenAangebodenOpleidingenVanOrganisatie(
            onderwijsaanbiedercode=aanbieder,
            erkende_vestiging_code=vestiging,
            onderwijslocatiecode=locatie,
            peildatum=_date(peildatum),
            pagina=pagina,
        )
    )


@_command(
    "gewijzigde-aangeboden-opleidingen",
    "opvragen_gewijzigdeAangebodenOpleidingen: a provider's offerings changed since a moment.",
)
def gewijzigde(
    aanbieder: Annotated[str, typer.Argument(help="onderwijsaanbiedercode")],
    sinds: Annotated[str, typer.Option(help="ISO date-time, e.g. 2026-01-01T00:00:00+01:00")],
    pagina: Annotated[int, typer.Option(min=0, help="0-based page.")] = 0,
) -> None:
    try:
        moment = datetime.fromisoformat(sinds)
    except ValueError:
        raise _fail(f"--sinds is not an ISO date-time: {sinds!r}") from None
    _run(
        m.OpvragenGewijzigdeAangebodenOpleidingen(
            peildatumtijd_mutaties=moment, onderwijsaanbiedercode=aanbieder, pagina=pagina
        )
    )


@_command(
    "opleidingsrelaties",
    "opvragen_opleidingsrelatiesBijOpleidingseenheid: the relations of a programme.",
)
def opleidingsrelaties(code: Annotated[str, typer.Argument(help="opleidingseenheidcode")]) -> None:
    _run(m.OpvragenOpleidingsrelatiesBijOpleidingseenheid(opleidingseenheidcode=code))


@_command(
    "identificatiecode",
    "opvragen_rioIdentificatiecode: the RIO code of an eigen sleutel or an address.",
)
def identificatiecode(
    opleidingseenheid: Annotated[
        str | None,
        typer.Option("--opleidingseenheid-sleutel", help="eigenOpleidingseenheidSleutel"),
    ] = None,
    aangeboden: Annotated[
        str | None,
        typer.Option("--aangeboden-opleiding-sleutel", help="eigenAangebodenOpleidingSleutel"),
    ] = None,
    aanbieder: Annotated[
        str | None,
        typer.Option("--onderwijsaanbieder-sleutel", help="eigenOnderwijsaanbiederSleutel"),
    ] = None,
    postcode: Annotated[str | None, typer.Option(help="with --huisnummer: an address")] = None,
    huisnummer: Annotated[int | None, typer.Option()] = None,
    toevoeging: Annotated[str | None, typer.Option()] = None,
) -> None:
    adres = None
    if postcode is not None or huisnummer is not None:
        if postcode is None or huisnummer is None:
            raise _fail("--postcode and --huisnummer go together")
        adres = m.AanduidingAdres(
            postcode=postcode.replace(" ", "").upper(),
            huisnummer=huisnummer,
            huisnummertoevoeging=toevoeging,
        )
    if not (opleidingseenheid or aangeboden or aanbieder or adres):
        raise _fail("give one eigen sleutel or an address")
    _run(
        m.OpvragenRioIdentificatiecode(
            eigen_opleidingseenheid_sleutel=opleidingseenheid,
            eigen_aangeboden_opleiding_sleutel=aangeboden,
            eigen_onderwijsaanbieder_sleutel=aanbieder,
            aanduiding_adres=adres,
        )
    )


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"not a date (YYYY-MM-DD): {text!r}") from None
