"""`edudex-rio rio …` against the RIO sandbox over real loopback HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from edudex_rio.cli import app
from tests.e2e.test_rio_client_http import pem, rio  # noqa: F401 (module-scoped fixtures)
from tests.rio_server import Server
from tests.sandbox_kit import AANBIEDER, BESTUUR, LOCATIE, OE

RUNNER = CliRunner()


def _config(folder: Path, url: str, keys: dict[str, Path]) -> Path:
    path = folder / "edudex-rio.toml"
    path.write_text(
        f"""
[rio]
beheren_url = "{url}/RIO/services/beheren4.0"
raadplegen_url = "{url}/RIO/services/raadplegen4.0"
certificate = "{keys["cert"]}"
private_key = "{keys["key"]}"
trust = "{keys["duo"]}"
timeout_seconds = 5.0

[[provider]]
org_unit_id = "test-opleider"
kvk = "12345678"
onderwijsbestuurcode = "{BESTUUR}"
onderwijsaanbiedercode = "{AANBIEDER}"
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def config(
    tmp_path_factory: pytest.TempPathFactory,
    rio: Server,  # noqa: F811
    pem: dict[str, Path],  # noqa: F811
) -> Path:
    return _config(tmp_path_factory.mktemp("cli"), rio.url, pem)


def _run(config: Path, *args: str) -> tuple[int, str]:
    result = RUNNER.invoke(app, ["rio", "--config", str(config), *args])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["onderwijsaanbieder", AANBIEDER], "onderwijsaanbieder"),
        (["opleidingseenheid", OE], "opleidingseenheid"),
        (["opleidingseenheden", BESTUUR], "paginering"),
        (["onderwijslocatie", LOCATIE], "onderwijslocatie"),
        (["aangeboden-opleidingen", "--aanbieder", AANBIEDER], "paginering"),
        (
            ["gewijzigde-aangeboden-opleidingen", AANBIEDER, "--sinds", "2020-01-01T00:00:00Z"],
            "paginering",
        ),
        (["identificatiecode", "--opleidingseenheid-sleutel", "bestaande-sleutel"], OE),
    ],
)
def test_read_commands_print_json(config: Path, args: list[str], key: str) -> None:
    code, out = _run(config, *args)
    assert code == 0, out
    data = json.loads(out)
    assert data["goedgekeurd"] is True
    assert key in out
    assert data["operation"].startswith("opvragen_")


def test_table_output(config: Path) -> None:
    code, out = _run(config, "--format", "table", "onderwijsaanbieder", AANBIEDER)
    assert code == 0, out
    assert any(line.split()[:2] == ["goedgekeurd", "ja/yes"] for line in out.splitlines())
    assert "onderwijsaanbieder.onderwijsaanbiedercode" in out


def test_rejection_exits_1_with_explained_foutmelding(config: Path) -> None:
    code, out = _run(config, "identificatiecode", "--opleidingseenheid-sleutel", "onbekend")
    assert code == 1
    melding = json.loads(out)["foutmeldingen"][0]
    assert melding["code"] == "A01161"
    assert "nog" in melding["uitleg"]
    code, out = _run(
        config, "--lang", "en", "identificatiecode", "--opleidingseenheid-sleutel", "onbekend"
    )
    assert code == 1
    assert "explanation" in json.loads(out)["foutmeldingen"][0]


def test_dry_run_prints_the_signed_request_and_sends_nothing(
    config: Path,
    rio: Server,  # noqa: F811
) -> None:
    before = len(rio.received)
    code, out = _run(config, "--dry-run", "onderwijslocatie", LOCATIE)
    assert code == 0, out
    assert "opvragen_onderwijslocatie_request" in out
    assert "wsse:Security" in out
    assert len(rio.received) == before


def test_unreachable_endpoint_exits_2(tmp_path: Path, pem: dict[str, Path]) -> None:  # noqa: F811
    config = _config(tmp_path, "http://127.0.0.1:9", pem)
    code, out = _run(config, "onderwijsaanbieder", AANBIEDER)
    assert code == 2
    assert "RioUnavailableError" in out


def test_configuration_errors_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[rio\n", encoding="utf-8")
    code, out = _run(broken, "onderwijsaanbieder", AANBIEDER)
    assert code == 2
    assert "TOML" in out
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    code, out = _run(empty, "onderwijsaanbieder", AANBIEDER)
    assert code == 2
    assert "--provider" in out


def test_invalid_code_is_refused_before_sending(config: Path) -> None:
    code, out = _run(config, "onderwijsaanbieder", "geen-code")
    assert code == 2
    assert "onderwijsaanbiedercode" in out
