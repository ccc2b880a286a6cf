from __future__ import annotations

from pathlib import Path

import pytest

from edudex_rio.settings import ConfigError, Settings, load_settings, provider_oin

TOML = """
[database]
url = "sqlite:///state/db.sqlite"

[edudex]
source = "api"
base_url = "https://api.edudex.nl/data/v1/"
token_file = "secrets/edudex-token"

[rio]
beheren_url = "https://vt-webservice.duo.nl:6977/RIO/services/beheren4.0"
raadplegen_url = "https://vt-webservice.duo.nl:6977/RIO/services/raadplegen4.0"
certificate = "/etc/edudex-rio/cert.pem"
private_key = "keys/key.pem"
trust = "/etc/edudex-rio/ca.pem"

[[provider]]
org_unit_id = "acme"
name = "Acme Opleidingen"
kvk = "12345678"
onderwijsbestuurcode = "100B490"
onderwijsaanbiedercode = "110A133"

[provider.mapping.degree]
"certificate" = "CERTIFICAAT"

[[provider]]
org_unit_id = "beta"
kvk = "87654321"
onderwijsbestuurcode = "101B111"
onderwijsaanbiedercode = "111A222"
enabled = false
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "edudex-rio.toml"
    path.write_text(TOML, encoding="utf-8")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "edudex-token").write_text("secret-token:abc\n", encoding="utf-8")
    return path


def test_file_is_read_with_paths_relative_to_it(config: Path) -> None:
    s = load_settings(config, environ={})
    assert s.edudex.source == "api"
    assert s.database.url == f"sqlite:///{config.parent}/state/db.sqlite"
    assert s.rio.private_key == config.parent / "keys" / "key.pem"
    assert s.rio.certificate == Path("/etc/edudex-rio/cert.pem")
    assert s.rio.require_signed_responses is True
    assert [p.org_unit_id for p in s.provider] == ["acme", "beta"]
    assert s.provider[0].mapping == {"degree": {"certificate": "CERTIFICAAT"}}
    token = s.edudex.bearer_token()
    assert token is not None
    assert token.get_secret_value() == "secret-token:abc"


def test_config_path_from_environment_and_overrides(config: Path) -> None:
    env = {
        "EDUDEX_RIO_CONFIG": str(config),
        "EDUDEX_RIO_DATABASE__URL": "postgresql+psycopg://u@db/x",
        "EDUDEX_RIO_RIO__REQUIRE_SIGNED_RESPONSES": "false",
        "EDUDEX_RIO_SYNC__RETRY__MAX_ATTEMPTS": "9",
        "EDUDEX_RIO_SHARED": "/ignored",  # not a settings key: no double underscore
    }
    s = load_settings(environ=env)
    assert s.database.url == "postgresql+psycopg://u@db/x"
    assert s.rio.require_signed_responses is False
    assert s.sync.retry.max_attempts == 9


def test_secrets_from_environment_never_print(config: Path) -> None:
    env = {"EDUDEX_RIO_EDUDEX__TOKEN": "secret-token:from-env"}
    s = load_settings(config, environ=env)
    token = s.edudex.bearer_token()
    assert token is not None
    assert token.get_secret_value() == "secret-token:from-env"
    assert "from-env" not in repr(s)
    assert "from-env" not in str(s.model_dump())
    assert "from-env" not in s.model_dump_json()


def test_defaults_without_file_use_sqlite_under_var() -> None:
    s = load_settings(environ={})
    assert s.database.url == "sqlite:///var/edudex-rio.sqlite"
    assert s.provider == ()


def test_provider_oin_derives_from_kvk(config: Path) -> None:
    s = load_settings(config, environ={})
    assert s.provider[0].oin == "00000003123456780000"
    assert provider_oin("87654321") == "00000003876543210000"
    with pytest.raises(ValueError, match="8 digits"):
        provider_oin("1234")


def test_providers_selects_enabled_and_named(config: Path) -> None:
    s = load_settings(config, environ={})
    assert [p.org_unit_id for p in s.providers()] == ["acme"]
    assert s.providers(["beta"]) == ()
    with pytest.raises(ConfigError, match="unknown provider"):
        s.providers(["nope"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[database\nurl=1", "not valid TOML"),
        ("[edudex]\nsource = 'ftp'", "edudex.source"),
        ("[rio]\nunknown_key = 1", "rio.unknown_key"),
        (
            "[[provider]]\norg_unit_id='a'\nkvk='12'\nonderwijsbestuurcode='1'\n"
            "onderwijsaanbiedercode='2'",
            "provider.0.kvk",
        ),
        (
            "[[provider]]\norg_unit_id='a'\nkvk='12345678'\nonderwijsbestuurcode='1'\n"
            "onderwijsaanbiedercode='2'\n[[provider]]\norg_unit_id='a'\nkvk='12345678'\n"
            "onderwijsbestuurcode='1'\nonderwijsaanbiedercode='2'",
            "appears twice",
        ),
    ],
    ids=["bad-toml", "bad-source", "unknown-key", "short-kvk", "duplicate-provider"],
)
def test_invalid_configuration_gives_a_readable_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(path, environ={})


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "absent.toml", environ={})


def test_settings_are_immutable() -> None:
    s = Settings()
    with pytest.raises(Exception, match="frozen"):
        s.database.url = "x"  # type: ignore[misc]
