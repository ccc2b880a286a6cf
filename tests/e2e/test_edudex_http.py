"""The Data API client and the XML feed reader over real HTTP, against the local EDU-DEX
(``edudex_rio.edudex.localapi``) served by uvicorn on loopback."""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from edudex_rio.edudex import (
    ApiSource,
    DataApiClient,
    FeedSource,
    FolderSource,
    SecretToken,
    read_incremental,
)
from edudex_rio.edudex.api import RetryPolicy
from edudex_rio.edudex.errors import EdudexAuthError, EdudexError, EdudexNotFound, EdudexUnavailable
from edudex_rio.edudex.localapi import LocalApi, running
from edudex_rio.edudex.model import ProgramKey
from tests.unit.test_edudex_kit import (
    CATALOG,
    FEED_KEY,
    TOKEN,
    metadata,
    minimal_program,
    write_json,
)
from tests.unit.test_edudex_xml import BOMB, XXE

LEIDERSCHAP = "Leiderschap & coaching: module 1/2 #voorjaar (2026)?"
BULK_ORG = "grootaanbieder"
BULK_COUNT = 230


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("edudex-http")
    shutil.copytree(CATALOG / "day1" / "json", base, dirs_exist_ok=True)
    # a big provider: more than two bulk batches, odd ids
    write_json(base / BULK_ORG / "metadata.json", metadata(BULK_ORG, "11111111"))
    for n in range(BULK_COUNT):
        pid = f"CURSUS {n:03d} / deel #1?" if n % 50 == 0 else f"CURSUS-{n:03d}"
        write_json(base / BULK_ORG / "programs" / f"{n}.json", minimal_program(pid, BULK_ORG))
    # hostile and broken documents beside a good one
    evil = base / "vijandig"
    write_json(evil / "metadata.json", metadata("vijandig", "22222222"))
    write_json(evil / "programs" / "goed.json", minimal_program("GOED", "vijandig"))
    broken = minimal_program("KAPOT", "vijandig")
    del broken["programAdmission"]
    write_json(evil / "programs" / "kapot.json", broken)
    (evil / "programs" / "xxe.xml").write_bytes(XXE)
    (evil / "programs" / "bom.xml").write_bytes(BOMB)
    big = minimal_program("GROOT", "vijandig")
    big["programDescriptions"]["programDescriptionHtml"] = {"nl": "<p>lang</p> " * 20_000}
    write_json(evil / "programs" / "groot.json", big)
    # a provider that changes during the incremental test (only that test touches it)
    write_json(base / "wisselaar" / "metadata.json", metadata("wisselaar", "33333333"))
    for n in range(3):
        write_json(
            base / "wisselaar" / "programs" / f"{n}.json", minimal_program(f"W-{n}", "wisselaar")
        )
    return base


@pytest.fixture(scope="module")
def api(root: Path) -> Iterator[LocalApi]:
    with running(root, token=TOKEN, feed_key=FEED_KEY) as server:
        yield server


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(api: LocalApi, sleeps: list[float]) -> Iterator[DataApiClient]:
    api.app.state.faults.clear()
    with DataApiClient(SecretToken(TOKEN), base_url=api.base_url, sleep=sleeps.append) as c:
        yield c


@pytest.fixture
def source(client: DataApiClient) -> ApiSource:
    return ApiSource(client, mode="strict")


# --- Data API -------------------------------------------------------------------------------


def test_suppliers_metadata_and_programme_lists(client: DataApiClient, source: ApiSource) -> None:
    orgs = {s["id"] for s in client.list_suppliers()}
    assert {"kompasacademie", "zorgcollege-noord", BULK_ORG, "vijandig"} <= orgs
    assert client.get_supplier("kompasacademie")["id"] == "kompasacademie"
    provider = source.fetch_provider("zorgcollege-noord")
    assert provider.kvk == "72345678"
    listing = source.list_programs("kompasacademie")
    assert all(item.last_change for item in listing)
    assert {item.key.client_id for item in listing} == {"public", "gemeente-utrecht"}
    with pytest.raises(EdudexNotFound):
        source.list_programs("bestaat-niet")


def test_api_reads_the_catalogue_like_the_folder(source: ApiSource, root: Path) -> None:
    folder = FolderSource(root, mode="strict")
    for org in ("kompasacademie", "zorgcollege-noord", "digitaal-leren", "taalinstituut-oost"):
        keys = [item.key for item in source.list_programs(org)]
        over_http = {r.key: r.program for r in source.fetch_programs(keys)}
        local = {r.key: r.program for r in folder.fetch_programs(keys)}
        assert None not in over_http.values()
        assert over_http == local


def test_bulk_goes_in_batches_of_at_most_100(api: LocalApi, source: ApiSource) -> None:
    keys = [item.key for item in source.list_programs(BULK_ORG)]
    assert len(keys) == BULK_COUNT
    api.app.state.bulk_sizes.clear()
    results = list(source.fetch_programs(keys))
    assert api.app.state.bulk_sizes == [100, 100, 30]
    assert [r.key for r in results] == keys  # one result per key, in order
    assert all(r.ok for r in results)
    odd = {r.program.program_id for r in results if r.program and " " in r.program.program_id}
    assert odd == {f"CURSUS {n:03d} / deel #1?" for n in range(0, BULK_COUNT, 50)}


def test_odd_program_ids_are_url_encoded_path_segments(
    api: LocalApi, client: DataApiClient
) -> None:
    api.app.state.calls.clear()
    items = client.list_program_variants("kompasacademie", LEIDERSCHAP)
    assert [i["programId"] for i in items] == [LEIDERSCHAP]
    ((method, path),) = api.app.state.calls
    assert method == "GET"
    encoded = "Leiderschap%20%26%20coaching%3A%20module%201%2F2%20%23voorjaar%20%282026%29%3F"
    assert path == f"/data/v1/suppliers/kompasacademie/programs/{encoded}"
    (odd,) = client.list_program_variants(BULK_ORG, "CURSUS 050 / deel #1?")
    assert odd["programId"] == "CURSUS 050 / deel #1?"


def test_bearer_token_is_required_and_never_logged(
    api: LocalApi, client: DataApiClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.list_programs("kompasacademie")
    wrong = DataApiClient(SecretToken("secret-token:wrong"), base_url=api.base_url)
    with pytest.raises(EdudexAuthError) as caught:
        wrong.list_suppliers()
    wrong.close()
    assert "401" in str(caught.value)
    secret = TOKEN.removeprefix("secret-token:")
    assert secret not in caplog.text
    assert secret not in str(caught.value)
    assert secret not in repr(SecretToken(TOKEN))
    assert "HTTP Request" in caplog.text  # httpx did log the requests, without the token


def test_429_and_5xx_are_retried_with_backoff(
    api: LocalApi, client: DataApiClient, sleeps: list[float]
) -> None:
    api.app.state.faults.extend([503, 429, 500])
    assert client.list_suppliers()
    assert sleeps == [0.5, 0.0, 2.0]  # exponential, Retry-After: 0 honoured


def test_retries_give_up_as_unavailable(
    api: LocalApi, client: DataApiClient, sleeps: list[float]
) -> None:
    api.app.state.faults.extend([502] * 4)
    with pytest.raises(EdudexUnavailable, match="502"):
        client.list_suppliers()
    assert len(sleeps) == 3
    api.app.state.faults.extend([404])
    with pytest.raises(EdudexNotFound):  # not retried
        client.list_suppliers()
    assert len(sleeps) == 3


def test_network_errors_are_retried_then_unavailable(sleeps: list[float]) -> None:
    policy = RetryPolicy(max_attempts=2, base_delay=0.01)
    with (
        DataApiClient(
            SecretToken(TOKEN),
            base_url="http://127.0.0.1:9/data/v1/",
            retry=policy,
            sleep=sleeps.append,
        ) as dead,
        pytest.raises(EdudexUnavailable, match="ConnectError"),
    ):
        dead.list_suppliers()
    assert sleeps == [0.01]


def test_broken_and_hostile_programmes_are_reported_and_skipped(source: ApiSource) -> None:
    keys = [item.key for item in source.list_programs("vijandig")]
    results = {r.key.program_id: r for r in source.fetch_programs(keys) if r.key}
    assert results["GOED"].ok
    assert results["GROOT"].ok  # no size limit on API bodies beyond the transport's
    kapot = results["KAPOT"]
    assert not kapot.ok
    assert [i.path for i in kapot.errors] == ["programAdmission"]
    for name in ("file:xxe.xml", "file:bom.xml"):
        assert not results[name].ok
        assert "DOCTYPE" in results[name].issues[0].text("en")


def test_incremental_reads_only_changes_and_reports_gone(
    api: LocalApi, source: ApiSource, root: Path
) -> None:
    first = read_incremental(source, "wisselaar")
    assert sorted(r.key.program_id for r in first.changed if r.key) == ["W-0", "W-1", "W-2"]
    assert first.gone == ()
    api.app.state.bulk_sizes.clear()
    again = read_incremental(source, "wisselaar", first.markers)
    assert again.changed == ()
    assert len(again.unchanged) == 3
    assert api.app.state.bulk_sizes == []  # nothing fetched
    changed = minimal_program("W-1", "wisselaar")
    changed["programDescriptions"]["programName"] = {"nl": "Nieuwe naam"}
    path = write_json(root / "wisselaar" / "programs" / "1.json", changed)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    (root / "wisselaar" / "programs" / "2.json").unlink()
    third = read_incremental(source, "wisselaar", again.markers)
    assert [r.program.names.preferred() for r in third.changed if r.program] == ["Nieuwe naam"]
    assert third.gone == (ProgramKey(org_unit_id="wisselaar", program_id="W-2"),)
    assert third.unchanged == (ProgramKey(org_unit_id="wisselaar", program_id="W-0"),)
    assert api.app.state.bulk_sizes == [1]


def test_a_programme_gone_between_list_and_fetch_is_reported(source: ApiSource) -> None:
    ghost = ProgramKey(org_unit_id="kompasacademie", program_id="VERDWENEN")
    (result,) = source.fetch_programs([ghost])
    assert not result.ok
    assert result.key == ghost
    assert "not found" in result.issues[0].text("en")


def test_catalog_changes_endpoint(client: DataApiClient) -> None:
    assert client.catalog_changes("kompasacademie", "cat-1", "2026-11-01T00:00:00Z") == []


# --- XML feed -------------------------------------------------------------------------------


@pytest.fixture
def feed(api: LocalApi) -> Iterator[FeedSource]:
    api.app.state.faults.clear()
    source = FeedSource(api.feed_url, key=FEED_KEY, mode="strict", max_bytes=100_000)
    yield source
    source.close()


def test_feed_follows_subdirectories_and_reads_like_the_folder(
    feed: FeedSource, root: Path
) -> None:
    assert {"kompasacademie", "zorgcollege-noord", BULK_ORG, "vijandig"} <= set(
        feed.list_providers()
    )
    folder = FolderSource(root, mode="strict")
    for org in ("kompasacademie", "zorgcollege-noord"):
        assert feed.fetch_provider(org) == folder.fetch_provider(org)
        keys = [item.key for item in feed.list_programs(org)]
        assert {str(k) for k in keys} == {str(i.key) for i in folder.list_programs(org)}
        over_http = {r.key: r.program for r in feed.fetch_programs(keys)}
        assert None not in over_http.values()
        assert over_http == {r.key: r.program for r in folder.fetch_programs(keys)}


def test_feed_key_is_sent_on_every_request_and_never_logged(
    api: LocalApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = FeedSource(api.feed_url, key="verkeerde-sleutel")
    with pytest.raises(EdudexError, match="403") as caught:
        wrong.list_providers()
    wrong.close()
    assert "verkeerde-sleutel" not in str(caught.value)
    keyless = FeedSource(api.feed_url)
    with pytest.raises(EdudexError, match="403"):
        keyless.list_providers()
    keyless.close()
    good = FeedSource(api.feed_url, key=FEED_KEY)
    keys = [i.key for i in good.list_programs("digitaal-leren")]
    assert all(r.ok for r in good.fetch_programs(keys))
    good.close()
    assert "key=***" in caplog.text  # httpx logged the URLs, redacted
    assert FEED_KEY not in caplog.text
    assert "verkeerde-sleutel" not in caplog.text


def test_hostile_and_oversized_xml_over_http_are_refused_others_read(feed: FeedSource) -> None:
    keys = [item.key for item in feed.list_programs("vijandig")]
    results = {r.key.program_id: r for r in feed.fetch_programs(keys) if r.key}
    assert results["GOED"].ok
    for name in ("file:xxe.xml", "file:bom.xml"):
        (issue,) = results[name].issues
        assert issue.code == "unreadable"
        assert "DOCTYPE" in issue.text("en")
    (too_big,) = results["GROOT"].issues
    assert too_big.code == "unreadable"
    assert "too large" in too_big.text("en")
    assert [i.path for i in results["KAPOT"].errors] == ["programAdmission"]


def test_feed_host_errors(api: LocalApi, feed: FeedSource) -> None:
    api.app.state.faults.append(503)
    with pytest.raises(EdudexUnavailable, match="503"):
        feed.list_providers()
    assert feed.list_providers()  # not cached as failed: the next call reads again
    with pytest.raises(EdudexNotFound):
        feed.list_programs("bestaat-niet")


def test_program_xml_of_the_feed_is_served_from_json(api: LocalApi) -> None:
    import httpx

    response = httpx.get(
        f"{api.origin}/feeds/kompasacademie/directory.xml", params={"key": FEED_KEY}
    )
    assert response.status_code == 200
    assert b"<programResource>" in response.content
    assert json.dumps(LEIDERSCHAP, ensure_ascii=False)[1:-1].replace("&", "&amp;").encode() in (
        response.content
    )


def test_local_api_refuses_bulk_over_100_and_missing_token(api: LocalApi) -> None:
    import httpx

    many = {
        "programs": [
            {"orgUnitId": BULK_ORG, "programId": str(n), "clientId": "public"} for n in range(101)
        ]
    }
    headers = {"Authorization": f"Bearer {TOKEN}"}
    answer = httpx.post(f"{api.base_url}programs/bulk", json=many, headers=headers)
    assert answer.status_code == 400
    assert "100" in answer.json()["error"]
    assert httpx.get(f"{api.base_url}suppliers").status_code == 401
