"""The job commands as a user runs them: ``sync`` (dry run, real, failing), ``report``,
``delete``, with a TOML configuration; exit status 0 / 1 / 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from openpyxl import Workbook
from typer.testing import CliRunner

from edudex_rio.cli import app
from edudex_rio.rio import model as m
from edudex_rio.settings import load_settings
from edudex_rio.sync.rio import client_factory
from tests.engine_kit import sandbox_with_config, write_config

TIO = "taalinstituut-oost"


def test_dry_run_prints_the_plan_and_writes_its_xml(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    xml = tmp_path / "xml"
    result = CliRunner().invoke(
        app,
        [
            "sync",
            "--config",
            str(config),
            "--dry-run",
            "--today",
            "2026-11-28",
            "--xml",
            str(xml),
            "-p",
            TIO,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Plan for Taalinstituut Oost" in result.output
    assert "UpsertOpleidingseenheid" in result.output
    files = sorted((xml / TIO).glob("*.xml"))
    assert files
    names = {etree.parse(str(f)).getroot().tag.split("}")[1] for f in files}
    assert "aanleveren_opleidingseenheid_request" in names


def test_sync_report_delete_against_the_sandbox(tmp_path: Path) -> None:
    with sandbox_with_config(tmp_path) as (rio, config):
        runner = CliRunner()
        first = runner.invoke(app, ["sync", "-c", str(config), "-p", TIO, "--today", "2026-11-28"])
        assert first.exit_code == 0, first.output
        assert "Nederlands als tweede taal B1" in first.output
        assert "Basisregistratie Adressen" in first.output  # the unplaceable address, in Dutch
        report = runner.invoke(app, ["report", "-c", str(config), "-p", TIO, "--lang", "en"])
        assert report.exit_code == 0
        assert "Dutch address register" in report.output
        csv = runner.invoke(app, ["report", "-c", str(config), "--format", "csv"])
        assert csv.output.startswith("Niveau;Onderwerp")
        offerings = [o for o in rio.objects("ao") if o.aanbieder == "204A104"]
        assert offerings
        sheet = tmp_path / "delete.xlsx"
        wb = Workbook()
        wb.active.append(["soort", "code"])
        wb.active.append(["aanbod", offerings[0].code])
        wb.save(sheet)
        deleted = runner.invoke(
            app, ["delete", "-c", str(config), "-p", TIO, "--sheet", str(sheet)]
        )
        assert deleted.exit_code == 0, deleted.output
        assert "1 deletion instruction(s) recorded" in deleted.output
        again = runner.invoke(app, ["sync", "-c", str(config), "-p", TIO, "--today", "2026-11-28"])
        assert again.exit_code == 0, again.output
        assert "op uw verzoek uit RIO verwijderd" in again.output
        assert offerings[0].code not in {o.code for o in rio.objects("ao")}
        clean = runner.invoke(app, ["reconcile", "-c", str(config), "-p", TIO])
        assert clean.exit_code == 0, clean.output
        assert "0 difference(s)" in clean.output
        settings = load_settings(config)
        client = client_factory(settings)(settings.provider_by_id(TIO))
        elsewhere = offerings[1].code  # deleted in RIO by someone else
        assert client.send(m.VerwijderenAangebodenOpleiding(aangeboden_opleiding_code=elsewhere))
        client.close()  # type: ignore[attr-defined]
        drift = runner.invoke(app, ["reconcile", "-c", str(config), "-p", TIO, "--lang", "en"])
        assert drift.exit_code == 0
        assert f"offering {elsewhere} was sent by edudex-rio but RIO does not show it" in (
            drift.output
        )


def test_exit_status_one_when_rio_cannot_be_reached(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        rio={
            "beheren_url": "http://127.0.0.1:9/RIO/services/beheren4.0",
            "raadplegen_url": "http://127.0.0.1:9/RIO/services/raadplegen4.0",
        },
        retry_attempts=1,
    )
    result = CliRunner().invoke(
        app, ["sync", "-c", str(config), "-p", TIO, "--today", "2026-11-28"]
    )
    assert result.exit_code == 1
    assert "RIO kon niet worden bereikt" in result.output


@pytest.mark.parametrize("args", [["sync", "-p", "nobody"], ["report", "--lang", "fr"]])
def test_exit_status_two_for_configuration_errors(tmp_path: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "-c", str(write_config(tmp_path))])
    assert result.exit_code == 2
