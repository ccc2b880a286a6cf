"""The example catalogue, day 1 then day 2, synced into the RIO sandbox over real HTTP: every row
of DESIGN §2's behaviour table observed in what RIO shows, object by object; then an unchanged
re-run that needs no writes and no reads. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from edudex_rio.store import Store
from edudex_rio.store import records as r
from edudex_rio.sync.engine import SyncResult
from tests.engine_kit import DAY1, DAY2, Rig, RioState, rig, rio_state
from tests.sync_support import BACKENDS, postgres_database  # noqa: F401


@dataclass
class Journey:
    rig: Rig
    day1: SyncResult
    state1: RioState
    day2: SyncResult
    state2: RioState
    rerun: SyncResult
    state3: RioState

    @property
    def store(self) -> Store:
        return self.rig.store

    def objects(self, org: str, programme: str, kind: str) -> list[r.RioObject]:
        provider = self.store.provider(org)
        assert provider is not None
        return [
            o
            for o in self.store.rio_objects(provider.id, kind=kind, include_deleted=True)
            if o.program_id == f"{org}/{programme}"
        ]

    def oe_code(self, org: str, programme: str) -> str:
        (oe,) = self.objects(org, programme, "opleidingseenheid")
        assert oe.code is not None
        return oe.code

    def ao(self, state: RioState, org: str, programme: str, label: str) -> list[str]:
        """Codes of the programme's offerings at ``label`` (a location name or ``online``)."""
        return [
            o.key
            for o in self.objects(org, programme, "aangeboden_opleiding")
            if o.stand.get("location_label") == label and o.key in state.aos
        ]


@pytest.fixture(scope="module", params=BACKENDS)
def journey(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Journey]:
    tmp = tmp_path_factory.mktemp("journey")
    url = (
        f"sqlite:///{tmp / 'state.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_database")
    )
    with rig(tmp, url, http=True) as the_rig:
        day1 = the_rig.sync(1, DAY1)
        state1 = rio_state(the_rig.sandbox_url)
        day2 = the_rig.sync(2, DAY2)
        state2 = rio_state(the_rig.sandbox_url)
        rerun = the_rig.sync(2, DAY2)
        state3 = rio_state(the_rig.sandbox_url)
        yield Journey(the_rig, day1, state1, day2, state2, rerun, state3)


KA, ZCN, DLN, TIO = "kompasacademie", "zorgcollege-noord", "digitaal-leren", "taalinstituut-oost"


def test_every_provider_run_succeeds_and_writes(journey: Journey) -> None:
    for result in (journey.day1, journey.day2, journey.rerun):
        assert result.ok, [(p.org_unit_id, p.error) for p in result.providers]
    assert journey.day1.writes > 20
    assert journey.day2.writes > 5


def test_new_programme_creates_opleidingseenheid_then_offerings(journey: Journey) -> None:
    s = journey.state1
    code = journey.oe_code(KA, "PM-BASIS")
    oe = s.oes[code]
    assert oe.names == ("2026-11-28 Projectmanagement basis",) or oe.names[-1].endswith(
        "Projectmanagement basis"
    )
    offerings = s.aos_of(code)
    assert len(offerings) == 3  # Utrecht, Amsterdam, Rotterdam
    assert all(a.locatie for a in offerings)
    assert {c for a in offerings for c in a.cohorts} >= {
        "KA-PM-2027-02-UTR",
        "KA-PM-2027-02-AMS",
        "KA-PM-2027-03-RDAM",
    }
    # one opleidingseenheid per programme: no duplicates
    sleutels = [o.eigen_sleutel for o in s.oes.values() if o.eigen_sleutel]
    assert len(sleutels) == len(set(sleutels))


def test_client_variant_and_unselected_programmes_never_reach_rio(journey: Journey) -> None:
    provider = journey.store.provider(KA)
    assert provider is not None
    programmes = {o.program_id for o in journey.store.rio_objects(provider.id)}
    assert f"{KA}/TIMEMANAGEMENT-RIJK" not in programmes
    assert all("gemeente-utrecht" not in (p or "") for p in programmes)


def test_run_moves_to_another_location(journey: Journey) -> None:
    homes = journey.state2.cohort_homes("KA-PM-2027-02-AMS")
    assert [h.code for h in homes] == journey.ao(journey.state2, KA, "PM-BASIS", "Rotterdam")
    (amsterdam,) = journey.ao(journey.state2, KA, "PM-BASIS", "Amsterdam")
    assert "KA-PM-2027-02-AMS" not in journey.state2.aos[amsterdam].cohorts


def test_cancelled_or_vanished_runs_before_start_leave(journey: Journey) -> None:
    assert journey.state1.cohort_homes("KA-PM-2027-03-RDAM")
    assert journey.state1.cohort_homes("KA-LC-2027-05")
    assert not journey.state2.cohort_homes("KA-PM-2027-03-RDAM")
    assert not journey.state2.cohort_homes("KA-LC-2027-05")
    assert not journey.state2.cohort_homes("DLN-PY-2027-03")


def test_started_run_that_vanishes_is_kept(journey: Journey) -> None:
    before = journey.state1.cohort_homes("ZCN-VIG-2026-09-GRO")
    after = journey.state2.cohort_homes("ZCN-VIG-2026-09-GRO")
    assert len(before) == 2  # BOL and BBL offering in Groningen
    assert {a.code for a in after} == {a.code for a in before}
    kept = [
        (s.run_id, s.params["date"])
        for p in journey.day2.providers
        for s in p.report.signals
        if s.code == "run.kept"
    ]
    assert kept == [("ZCN-VIG-2026-09-GRO", "2026-09-01")]  # told once, on the day it vanished
    assert not [
        s for p in journey.rerun.providers for s in p.report.signals if s.code == "run.kept"
    ]


def test_location_without_runs_gets_einddatum(journey: Journey) -> None:
    (amsterdam,) = journey.ao(journey.state2, KA, "PM-BASIS", "Amsterdam")
    assert journey.state1.aos[amsterdam].einddatum is None
    assert journey.state2.aos[amsterdam].einddatum is not None
    assert journey.state2.aos[amsterdam].cohorts == {}


@pytest.mark.parametrize(
    ("org", "programme"),
    [(KA, "EXCEL-ONLINE-ZELFSTUDIE"), (TIO, "CONVERSATIE-ENGELS")],
    ids=["removed", "deselected"],
)
def test_removed_or_deselected_programme_closes(journey: Journey, org: str, programme: str) -> None:
    code = journey.oe_code(org, programme)
    assert journey.state1.oes[code].einddatum is None
    assert journey.state2.oes[code].einddatum is not None
    offerings = journey.state2.aos_of(code)
    assert offerings
    assert all(a.einddatum is not None for a in offerings)
    assert all(a.einddatum <= journey.state2.oes[code].einddatum for a in offerings)  # type: ignore[operator]


def test_programme_without_start_moments_is_published(journey: Journey) -> None:
    code = journey.oe_code(TIO, "CONVERSATIE-ENGELS")
    (offering,) = journey.state1.aos_of(code)
    assert offering.cohorts == {}
    assert offering.locatie is None  # online: no onderwijslocatiecode


def test_type_change_makes_new_offerings_and_closes_old(journey: Journey) -> None:
    old = journey.state1.aos_of("2468O1357")
    assert len(old) == 2
    assert all(a.einddatum is None for a in old)
    new_oe = journey.oe_code(DLN, "ISO27001-FOUNDATION")
    new = journey.state2.aos_of(new_oe)
    assert len(new) == 2
    assert {c for a in new for c in a.cohorts} == {"DLN-ISO-2027-01-DH", "DLN-ISO-2027-02-ONL"}
    for a in journey.state2.aos_of("2468O1357"):
        assert a.einddatum is not None
        assert a.cohorts == {}


def test_name_and_study_load_change_opens_a_new_period(journey: Journey) -> None:
    code = journey.oe_code(KA, "PM-BASIS")
    names = journey.state2.oes[code].names
    assert len(names) == 2
    assert names[0] == journey.state1.oes[code].names[0]
    assert names[1].startswith(DAY2.isoformat())


def test_status_and_price_changes(journey: Journey) -> None:
    homes = journey.state2.cohort_homes("ZCN-VIG-2027-02-ZWO")
    assert homes
    assert all(h.cohort_status("ZCN-VIG-2027-02-ZWO") == "G" for h in homes)
    assert all(
        h.cohort_status("ZCN-VIG-2027-02-ZWO") == "O"
        for h in journey.state1.cohort_homes("ZCN-VIG-2027-02-ZWO")
    )


def test_recognised_programmes_refer_to_their_erkenning(journey: Journey) -> None:
    erkenningen = {a.erkenning for a in journey.state1.aos.values() if a.erkenning}
    assert erkenningen == {"CREBO 25491", "NLQF 45-678"}
    assert len([a for a in journey.state1.aos.values() if a.erkenning == "CREBO 25491"]) == 4


def test_address_rio_cannot_place_is_reported_and_left_out(journey: Journey) -> None:
    assert not journey.state1.cohort_homes("TIO-NT2-2027-01-XXX")
    report = next(p.report for p in journey.day1.providers if p.org_unit_id == TIO)
    codes = [(s.code, s.run_id) for s in report.signals]
    assert ("location.not_found", "TIO-NT2-2027-01-XXX") in codes


def test_unchanged_rerun_sends_and_reads_nothing(journey: Journey) -> None:
    assert journey.rerun.writes == 0
    assert all(p.object_reads == 0 and p.listing_reads == 0 for p in journey.rerun.providers)
    assert journey.state3.normalised() == journey.state2.normalised()
    for p in journey.rerun.providers:
        assert not [s for s in p.report.signals if s.code.startswith("rio.")]


def test_report_speaks_dutch_with_english_available(journey: Journey) -> None:
    from edudex_rio.report.render import to_csv

    report = next(p.report for p in journey.day2.providers if p.org_unit_id == KA)
    nl = to_csv(report, "nl")
    en = to_csv(report, "en")
    assert "verplaatst van Amsterdam naar Rotterdam" in nl
    assert "moved from Amsterdam to Rotterdam" in en
    assert Path(journey.day2.providers[0].files["html"]).is_file()


def test_type_change_in_place_names_both_types(journey: Journey) -> None:
    from edudex_rio.report.texts import explain

    (report,) = [p.report for p in journey.day2.providers if p.org_unit_id == DLN]
    moved = [s for s in report.signals if s.code == "run.moved"]
    assert moved
    nl = {explain(s, "nl")[0] for s in moved}
    en = {explain(s, "en")[0] for s in moved}
    assert all("(bestaande RIO-opleiding) naar" in t for t in nl), nl
    assert all("(existing RIO programme) to" in t and "(private programme)" in t for t in en), en
