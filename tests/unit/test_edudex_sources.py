"""Sources without a network: folder source, local XML feed with subDirectory recursion,
incremental reading, retry policy, token and feed-key handling, open_source, CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from lxml import etree
from pydantic import SecretStr
from typer.testing import CliRunner

from edudex_rio.cli import app as root_app
from edudex_rio.edudex import (
    ApiSource,
    FeedSource,
    FolderSource,
    ProgramListing,
    ReadResult,
    SecretToken,
    load_token,
    open_source,
    read_incremental,
    read_program,
)
from edudex_rio.edudex.api import RetryPolicy, as_token
from edudex_rio.edudex.errors import EdudexAuthError, EdudexError, EdudexNotFound
from edudex_rio.edudex.model import Program, ProgramKey, Provider
from edudex_rio.edudex.xmlformat import DIRECTORY_NS, document_to_xml
from edudex_rio.settings import load_settings
from tests.unit.test_edudex_kit import CATALOG, TOKEN, metadata, minimal_program, write_json

LEIDERSCHAP = "Leiderschap & coaching: module 1/2 #voorjaar (2026)?"


# --- folder source --------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write_json(tmp_path / "acme" / "metadata.json", metadata("acme"))
    write_json(tmp_path / "acme" / "programs" / "a.json", minimal_program("A/1 ?", "acme"))
    (tmp_path / "acme" / "programs" / "b.xml").write_bytes(
        document_to_xml(minimal_program("B", "acme"))
    )
    broken = minimal_program("KAPOT", "acme")
    broken["programSchedule"]["programRun"][0]["status"] = "vol"
    write_json(tmp_path / "acme" / "programs" / "kapot.json", broken)
    (tmp_path / "acme" / "programs" / "onleesbaar.json").write_text("{niet af")
    write_json(tmp_path / "acme" / "programs" / "ander.json", minimal_program("X", "ander"))
    return tmp_path


def test_folder_reads_json_and_xml_and_reports_broken_files(folder: Path) -> None:
    source = FolderSource(folder, mode="strict")
    assert source.list_providers() == ("acme",)
    assert source.fetch_provider("acme").kvk == "12345678"
    listing = source.list_programs("acme")
    keys = [item.key for item in listing]
    assert {k.program_id for k in keys} == {"A/1 ?", "B", "KAPOT", "X", "file:onleesbaar.json"}
    assert all(item.last_change and len(item.last_change) == 64 for item in listing)
    results = {r.key.program_id: r for r in source.fetch_programs(keys) if r.key}
    assert {k for k, r in results.items() if r.ok} == {"A/1 ?", "B"}
    assert results["KAPOT"].errors[0].path == "programSchedule.programRun[0].status"
    assert results["file:onleesbaar.json"].errors[0].code == "unreadable"
    (wrong,) = results["X"].errors
    assert wrong.code == "wrong-provider"
    assert "ander" in wrong.text("nl")


def test_folder_duplicate_programme_is_a_warning(folder: Path) -> None:
    write_json(folder / "acme" / "kopie.json", minimal_program("B", "acme"))
    source = FolderSource(folder, mode="strict")
    key = ProgramKey(org_unit_id="acme", program_id="B")
    source.list_programs("acme")
    (result,) = source.fetch_programs([key])
    assert result.ok
    assert [i.code for i in result.warnings] == ["duplicate"]


def test_folder_unknown_provider_and_missing_folder(folder: Path) -> None:
    source = FolderSource(folder)
    with pytest.raises(EdudexNotFound):
        source.list_programs("../etc")
    with pytest.raises(EdudexNotFound):
        source.fetch_provider("niemand")
    with pytest.raises(EdudexNotFound):
        FolderSource(folder / "bestaat-niet")


def test_folder_size_limit_reports_and_continues(folder: Path) -> None:
    source = FolderSource(folder, mode="strict", max_bytes=1500)
    big = minimal_program("GROOT", "acme")
    big["programDescriptions"]["programDescriptionHtml"] = {"nl": "x" * 5000}
    write_json(folder / "acme" / "groot.json", big)
    results = list(source.fetch_programs([i.key for i in source.list_programs("acme")]))
    assert any(r.ok for r in results)
    assert any("too large" in i.text("en") for r in results for i in r.issues)


# --- local feed: subDirectory recursion -------------------------------------------------------


def _directory(
    path: Path,
    org: str,
    *,
    programs: Sequence[tuple[str, str]] = (),
    subdirs: Sequence[tuple[str, str]] = (),
    institute: str | None = None,
) -> None:
    root = etree.Element(f"{{{DIRECTORY_NS}}}edudexDirectory", nsmap={None: DIRECTORY_NS})

    def add(parent: etree._Element, name: str, text: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{DIRECTORY_NS}}}{name}")
        el.text = text
        return el

    add(root, "orgUnitId", org)
    for sub_org, url in subdirs:  # programResource before subDirectory: order is free
        sub = etree.SubElement(root, f"{{{DIRECTORY_NS}}}subDirectory")
        add(sub, "orgUnitId", sub_org)
        add(sub, "directoryUrl", url)
    for program_id, url in programs:
        res = etree.SubElement(root, f"{{{DIRECTORY_NS}}}programResource")
        add(res, "resourceUrl", url)
        add(res, "programId", program_id)
    if institute:
        inst = etree.SubElement(root, f"{{{DIRECTORY_NS}}}instituteDataResource")
        add(inst, "resourceUrl", institute)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_feed_recurses_into_nested_subdirectories_and_survives_cycles(tmp_path: Path) -> None:
    _directory(tmp_path / "directory.xml", "root", subdirs=[("mid", "mid/directory.xml")])
    _directory(
        tmp_path / "mid" / "directory.xml",
        "mid",
        subdirs=[("leaf", "../leaf/dir.xml"), ("root", "../directory.xml")],
    )
    _directory(
        tmp_path / "leaf" / "dir.xml", "leaf", programs=[("L-1", "p/1.xml")], institute="inst.xml"
    )
    (tmp_path / "leaf" / "p").mkdir()
    (tmp_path / "leaf" / "p" / "1.xml").write_bytes(document_to_xml(minimal_program("L-1", "leaf")))
    (tmp_path / "leaf" / "inst.xml").write_bytes(
        document_to_xml(metadata("leaf"), kind="institute")
    )
    feed = FeedSource(tmp_path / "directory.xml", mode="strict")
    assert feed.list_providers() == ("leaf",)
    assert feed.fetch_provider("leaf").org_unit_id == "leaf"
    (listing,) = feed.list_programs("leaf")
    (result,) = feed.fetch_programs([listing.key])
    assert result.ok
    with pytest.raises(EdudexNotFound):
        feed.fetch_provider("mid")


def test_feed_document_that_names_another_programme_is_refused(tmp_path: Path) -> None:
    _directory(tmp_path / "directory.xml", "acme", programs=[("A", "a.xml"), ("WEG", "weg.xml")])
    (tmp_path / "a.xml").write_bytes(document_to_xml(minimal_program("NIET-A", "acme")))
    feed = FeedSource(tmp_path / "directory.xml")
    keys = [i.key for i in feed.list_programs("acme")]
    wrong, missing = feed.fetch_programs(keys)
    assert wrong.errors[0].code == "wrong-program"
    assert missing.key == keys[1]
    assert "not found" in missing.errors[0].text("en")


def test_feed_root_must_be_a_directory(tmp_path: Path) -> None:
    (tmp_path / "directory.xml").write_bytes(document_to_xml(minimal_program()))
    with pytest.raises(EdudexError, match="edudexDirectory"):
        FeedSource(tmp_path / "directory.xml").list_providers()


# --- incremental reading ----------------------------------------------------------------------


class _Fake:
    """An in-memory source that counts what it is asked to fetch."""

    def __init__(self, markers: dict[str, str | None]) -> None:
        self.markers = markers
        self.fetched: list[ProgramKey] = []

    def list_providers(self) -> tuple[str, ...]:
        return ("o",)

    def fetch_provider(self, org_unit_id: str) -> Provider:  # pragma: no cover - unused
        raise NotImplementedError

    def list_programs(self, org_unit_id: str) -> tuple[ProgramListing, ...]:
        return tuple(
            ProgramListing(
                key=ProgramKey(
                    org_unit_id="o",
                    program_id=p.split("@")[0],
                    client_id=([*p.split("@"), "public"])[1],
                ),
                last_change=m,
            )
            for p, m in self.markers.items()
        )

    def fetch_programs(self, keys: Sequence[ProgramKey]) -> Iterator[ReadResult]:
        for key in keys:
            self.fetched.append(key)
            yield read_program(minimal_program(key.program_id, "o"))

    def close(self) -> None:
        pass


def _k(pid: str, client: str = "public") -> ProgramKey:
    return ProgramKey(org_unit_id="o", program_id=pid, client_id=client)


def test_incremental_fetches_new_changed_and_unknown_markers_only() -> None:
    src = _Fake({"A": "1", "B": "1", "C": None, "A@klant": "1"})
    first = read_incremental(src, "o")
    assert [k.program_id for k in src.fetched] == ["A", "B", "C"]  # client variant skipped
    assert first.markers == {_k("A"): "1", _k("B"): "1", _k("C"): None}
    src.fetched.clear()
    src.markers = {"A": "2", "B": "1", "C": None, "D": "1"}
    second = read_incremental(src, "o", {**first.markers, _k("WEG"): "1", _k("X", "klant"): "1"})
    assert [k.program_id for k in src.fetched] == ["A", "C", "D"]
    assert second.unchanged == (_k("B"),)
    assert second.gone == (_k("WEG"),)  # the client variant is never reported for RIO
    assert second.failed == ()
    assert len(second.programs) == 3
    everything = read_incremental(src, "o", first.markers, public_only=False)
    assert everything.gone == ()


# --- retry policy, tokens, settings ---------------------------------------------------------


def test_retry_policy_is_pure_and_bounded() -> None:
    policy = RetryPolicy(max_attempts=5, base_delay=0.5, max_delay=3.0)
    assert [policy.delay(n, status=503) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, None]
    assert policy.delay(1, status=None) == 0.5  # network error
    assert policy.delay(1, status=400) is None
    assert policy.delay(1, status=404) is None
    assert policy.delay(1, status=429, retry_after="2") == 2.0
    assert policy.delay(1, status=429, retry_after="99") == 3.0
    assert policy.delay(1, status=429, retry_after="Wed, 21 Oct 2026 07:28:00 GMT") == 0.5


def test_tokens_from_file_or_environment_and_masked(tmp_path: Path) -> None:
    file = tmp_path / "token.txt"
    file.write_text(TOKEN + "\n")
    assert load_token(file, environ={}).reveal() == TOKEN
    assert load_token(environ={"EDUDEX_RIO_EDUDEX_TOKEN_FILE": str(file)}).reveal() == TOKEN
    assert load_token(environ={"EDUDEX_RIO_EDUDEX_TOKEN": TOKEN}).reveal() == TOKEN
    assert load_token(environ={"EDUDEX_RIO_EDUDEX__TOKEN": TOKEN}).reveal() == TOKEN  # settings
    assert load_token(environ={"EDUDEX_RIO_EDUDEX__TOKEN_FILE": str(file)}).reveal() == TOKEN
    with pytest.raises(EdudexAuthError, match="no EDU-DEX token"):
        load_token(environ={})
    with pytest.raises(EdudexAuthError, match="secret-token:"):
        SecretToken("Bearer abc")
    with pytest.raises(EdudexAuthError, match="cannot read"):
        load_token(tmp_path / "weg.txt", environ={})
    token = SecretToken(TOKEN)
    assert TOKEN not in repr(token)
    assert TOKEN not in str(token)
    assert TOKEN not in f"{token}"
    assert as_token(TOKEN).reveal() == TOKEN
    assert as_token(SecretStr(TOKEN)).reveal() == TOKEN
    assert as_token(token) is token


def test_feed_key_and_token_in_settings(tmp_path: Path) -> None:
    (tmp_path / "feed.key").write_text("sleutel-uit-bestand\n")
    config = tmp_path / "edudex-rio.toml"
    config.write_text('[edudex]\nsource = "xml"\nfeed_key_file = "feed.key"\n')
    settings = load_settings(config, environ={})
    secret = settings.edudex.feed_secret()
    assert secret is not None
    assert secret.get_secret_value() == "sleutel-uit-bestand"
    from_env = load_settings(config, environ={"EDUDEX_RIO_EDUDEX__FEED_KEY": "uit-env"})
    assert from_env.edudex.feed_secret().get_secret_value() == "uit-env"  # type: ignore[union-attr]
    assert "uit-env" not in repr(from_env)
    assert load_settings(environ={}).edudex.feed_secret() is None


def test_open_source_dispatch(tmp_path: Path) -> None:
    day1 = CATALOG / "day1"
    assert isinstance(open_source(day1 / "json"), FolderSource)
    assert isinstance(open_source(f"folder:{day1 / 'json'}"), FolderSource)
    feed = open_source(day1 / "xml" / "directory.xml", feed_key=SecretStr("k"))
    assert isinstance(feed, FeedSource)
    assert feed._with_key("https://x.example/d.xml?a=1") == "https://x.example/d.xml?a=1&key=k"
    api = open_source("https://api.edudex.example/data/v1/", token=TOKEN)
    assert isinstance(api, ApiSource)
    api.close()
    assert isinstance(open_source("api:http://127.0.0.1:9/", token=SecretStr(TOKEN)), ApiSource)
    with pytest.raises(EdudexAuthError):
        open_source("https://api.edudex.example/data/v1/", token_file=tmp_path / "geen")


# --- CLI ------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_validate_catalogue_and_broken_file_in_both_languages(folder: Path) -> None:
    ok = runner.invoke(root_app, ["edudex", "validate", str(CATALOG / "day1" / "json")])
    assert ok.exit_code == 0, ok.output
    assert "0 afgekeurd" in ok.output
    kapot = str(folder / "acme" / "programs" / "kapot.json")
    nl = runner.invoke(root_app, ["edudex", "validate", kapot])
    assert nl.exit_code == 1
    assert 'fout: programSchedule.programRun[0].status: onbekende waarde "vol"' in nl.output
    en = runner.invoke(root_app, ["edudex", "validate", "--lang", "en", kapot])
    assert 'programSchedule.programRun[0].status: unknown value "vol"' in en.output
    prod = runner.invoke(root_app, ["edudex", "validate", "--production", kapot])
    assert prod.exit_code == 0
    assert "waarschuwing" in prod.output


def test_cli_list_and_show_odd_programme() -> None:
    listed = runner.invoke(
        root_app, ["edudex", "list", str(CATALOG / "day1" / "xml" / "directory.xml")]
    )
    assert listed.exit_code == 0, listed.output
    assert LEIDERSCHAP in listed.output
    assert "[client gemeente-utrecht]" in listed.output
    shown = runner.invoke(
        root_app, ["edudex", "show", str(CATALOG / "day1" / "json"), "kompasacademie", LEIDERSCHAP]
    )
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["program_id"] == LEIDERSCHAP
    assert data["runs"][0]["start"]["is_final"] is False
    missing = runner.invoke(
        root_app, ["edudex", "show", str(CATALOG / "day1" / "json"), "kompasacademie", "GEEN"]
    )
    assert missing.exit_code == 1


def test_programs_are_frozen_values(folder: Path) -> None:
    program = read_program(minimal_program()).program
    assert isinstance(program, Program)
    with pytest.raises(AttributeError):
        program.program_id = "x"  # type: ignore[misc]
    assert hash(program.key) == hash(ProgramKey(org_unit_id="voorbeeld", program_id="CURSUS-1"))
