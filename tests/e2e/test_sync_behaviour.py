"""Sync behaviour beyond the happy path: crashes, RIO's rejections, deletion instructions, dry
runs, injected faults with asynchronous visibility."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest

from edudex_rio.rio import model as m
from edudex_rio.sandbox.seed import Seed
from edudex_rio.store import OperationStatus
from edudex_rio.store import records as r
from tests.engine_kit import DAY1, DAY2, example_seed, rig, rio_state
from tests.integration.test_report_mail import smtp as smtp_server
from tests.sync_support import postgres_database, store_url

KA = "kompasacademie"
TIO = "taalinstituut-oost"
#: The providers these tests sync: every kind of write, an address RIO cannot place.
SOME = (KA, TIO)


_REFERENCES: dict[tuple[str, ...], dict[str, object]] = {}


def reference(tmp: Path, providers: tuple[str, ...]) -> dict[str, object]:
    """The RIO state after an uninterrupted day 1 + day 2 of ``providers`` (computed once)."""
    if providers not in _REFERENCES:
        with rig(tmp / "reference", f"sqlite:///{tmp / 'reference.sqlite'}") as the_rig:
            assert the_rig.sync(1, DAY1, only=providers).ok
            assert the_rig.sync(2, DAY2, only=providers).ok
            _REFERENCES[providers] = rio_state(the_rig.sandbox_url).normalised()
    return _REFERENCES[providers]


class Crash(Exception):
    """The process dies: nothing after this point runs (not an edudex-rio error)."""


class CrashingPort:
    """Passes requests on until the ``at``-th write, then crashes before or after sending it."""

    def __init__(self, inner: Any, at: int, *, after_send: bool) -> None:
        self.inner, self.at, self.after_send, self.writes = inner, at, after_send, 0

    def send(self, request: m.Request) -> m.Response:
        if request.operation.startswith("opvragen_"):
            return self.inner.send(request)  # type: ignore[no-any-return]
        self.writes += 1
        if self.writes == self.at and not self.after_send:
            raise Crash(request.operation)
        response = self.inner.send(request)
        if self.writes == self.at:
            raise Crash(request.operation)
        return response  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("at", "after_send"),
    [(4, True), (5, False), (7, True), (10, False)],
    ids=["oe-created-code-lost", "before-oe", "mid-offerings", "late"],
)
def test_crash_mid_run_recovers_without_duplicates(
    tmp_path: Path, at: int, after_send: bool
) -> None:
    with rig(tmp_path, f"sqlite:///{tmp_path / 'state.sqlite'}") as the_rig:
        crashing = lambda p: CrashingPort(the_rig.port_factory(p), at, after_send=after_send)  # noqa: E731
        first = the_rig.sync(1, DAY1, port_factory=crashing, only=(KA,))
        assert not first.ok  # the provider that crashed reports a failed run
        assert the_rig.sync(1, DAY1, only=(KA,)).ok
        assert the_rig.sync(2, DAY2, only=(KA,)).ok
        state = rio_state(the_rig.sandbox_url)
        sleutels = [o.eigen_sleutel for o in state.oes.values() if o.eigen_sleutel]
        assert len(sleutels) == len(set(sleutels)), "an opleidingseenheid was created twice"
        assert state.normalised() == reference(tmp_path, (KA,))
        for provider in the_rig.store.providers():
            assert not the_rig.store.active_operations(provider.id)


def test_rejected_programme_does_not_block_others_nor_is_resent(
    tmp_path: Path, store_url: str
) -> None:
    settings_seed: dict[str, Any] = {}
    data = example_seed().model_dump()
    data["erkenningen"] = [e for e in data["erkenningen"] if e["stelsel"] != "NLQF"]
    settings_seed["seed"] = Seed.model_validate(data)
    with rig(tmp_path / "run", store_url, **settings_seed) as the_rig:
        result = the_rig.sync(1, DAY1, only=("zorgcollege-noord",))
        assert result.ok  # a rejected programme is the provider's to fix, not a failed run
        (provider,) = result.providers
        state = rio_state(the_rig.sandbox_url)
        assert not state.cohort_homes("ZCN-PO-2026-10")  # NLQF programme rejected by RIO
        assert len(state.cohort_homes("ZCN-VIG-2027-02-ZWO")) == 2  # the CREBO one went in
        rejected = [s for s in provider.report.signals if s.code == "rio.rejected"]
        assert rejected
        assert rejected[0].program_id == "PRAKTIJKOPLEIDER-ZORG"
        assert rejected[0].rio_code
        again = the_rig.sync(1, DAY1, only=("zorgcollege-noord",))
        assert again.writes == 0
        codes = {s.code for s in again.providers[0].report.signals}
        assert "rio.still_rejected" in codes
        # a retryable code would be sent again; a changed programme too (next day: new price)
        changed = the_rig.sync(2, DAY2, only=("zorgcollege-noord",))
        assert changed.ok
        ops = the_rig.store.operations(
            provider_id=the_rig.store.provider("zorgcollege-noord").id,  # type: ignore[union-attr]
            sync_run_id=changed.providers[0].sync_run_id,
        )
        assert any(
            o.program_id == "zorgcollege-noord/PRAKTIJKOPLEIDER-ZORG"
            and o.status is OperationStatus.REJECTED
            for o in ops
        )


def test_dry_run_sends_nothing(tmp_path: Path) -> None:
    def no_rio(_: object) -> object:
        raise AssertionError("a dry run must not talk to RIO")

    with rig(tmp_path, f"sqlite:///{tmp_path / 's.sqlite'}") as the_rig:
        result = the_rig.sync(1, DAY1, dry_run=True, port_factory=no_rio, only=SOME)
        assert result.ok
        assert result.writes == 0
        for p in result.providers:
            assert len(p.plan) > 0
            planned = [s for s in p.report.signals if s.code == "dry_run.operation"]
            assert planned
            assert all(s.params["reason_nl"] for s in planned)
        assert rio_state(the_rig.sandbox_url).aos == {}
        for provider in the_rig.store.providers():
            assert not the_rig.store.operations(provider.id)


def test_deletion_instructions_are_carried_out_in_rios_order(
    tmp_path: Path, store_url: str
) -> None:
    with rig(tmp_path, store_url) as the_rig:
        assert the_rig.sync(1, DAY1, only=(KA,)).ok
        store = the_rig.store
        provider = store.provider(KA)
        assert provider is not None
        objects = store.rio_objects(provider.id)
        amsterdam = next(
            o.key
            for o in objects
            if o.program_id == f"{KA}/PM-BASIS" and o.stand.get("location_label") == "Amsterdam"
        )
        leiderschap = next(
            o
            for o in objects
            if o.kind == "opleidingseenheid" and "Leiderschap" in (o.program_id or "")
        )
        store.add_deletion_instructions(
            provider.id,
            [
                r.NewDeletionInstruction(
                    target=r.DeletionTarget.AANGEBODEN_OPLEIDING, code=amsterdam, source="test"
                ),
                r.NewDeletionInstruction(
                    target=r.DeletionTarget.OPLEIDINGSEENHEID,
                    code=leiderschap.code or "",
                    source="test",
                ),
                r.NewDeletionInstruction(
                    target=r.DeletionTarget.AANGEBODEN_OPLEIDING,
                    code="00000000-0000-0000-0000-000000000000",
                    source="test",
                ),
            ],
            now=dt.datetime.now(dt.UTC),
        )
        before = rio_state(the_rig.sandbox_url)
        assert amsterdam in before.aos
        assert leiderschap.code in before.oes
        result = the_rig.sync(1, DAY1, only=(KA,))
        assert result.ok
        after = rio_state(the_rig.sandbox_url)
        assert amsterdam not in after.aos
        assert leiderschap.code not in after.oes
        assert not after.aos_of(leiderschap.code or "")
        statuses = [i.status for i in store.deletion_instructions(provider.id)]
        assert statuses == [r.DeletionStatus.DONE, r.DeletionStatus.DONE, r.DeletionStatus.FAILED]
        codes = [s.code for s in result.providers[0].report.signals]
        assert "offering.deleted" in codes
        assert "programme.deleted" in codes
        assert "deletion.invalid" in codes
        # the instructions stay in force: nothing comes back, nothing is sent
        again = the_rig.sync(1, DAY1, only=(KA,))
        assert again.writes == 0
        assert rio_state(the_rig.sandbox_url).normalised() == after.normalised()


def test_faults_and_slow_visibility_converge(tmp_path: Path) -> None:
    """10 % faults, 5 % HTTP 503 and a visibility delay: every run either succeeds or leaves
    what failed for the next run, and the runs converge to the uninterrupted state."""
    with rig(
        tmp_path,
        f"sqlite:///{tmp_path / 's.sqlite'}",
        sandbox={
            "fault_rate": 0.1,
            "unavailable_rate": 0.05,
            "visibility_delay": 0.15,
            "fault_seed": 7,
        },
        confirm_delays_seconds=(0.05, 0.1, 0.2, 0.4),
    ) as the_rig:
        for day, today in ((1, DAY1), (2, DAY2)):
            for _ in range(3):
                result = the_rig.sync(day, today, only=SOME)
                if result.ok:
                    break
            assert result.ok, [(p.org_unit_id, p.error) for p in result.providers]
            if day == 1:
                tio = next(p for p in result.providers if p.org_unit_id == TIO)
                assert any(
                    s.code == "location.not_found" and s.program_id == "NT2-B1"
                    for s in tio.report.signals
                )
        time.sleep(0.2)
        assert rio_state(the_rig.sandbox_url).normalised() == reference(tmp_path, SOME)


smtp = smtp_server
_FIXTURES = (postgres_database, store_url)  # used by name


def test_report_is_mailed_to_the_provider(tmp_path: Path, smtp: tuple[Any, int]) -> None:
    inbox, port = smtp
    with rig(tmp_path, f"sqlite:///{tmp_path / 's.sqlite'}") as the_rig:
        s = the_rig.settings
        providers = tuple(
            p.model_copy(update={"email": "rio@taalinstituut.example"})
            if p.org_unit_id == TIO
            else p
            for p in s.provider
        )
        the_rig.settings = s.model_copy(
            update={
                "provider": providers,
                "report": s.report.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": port}),
            }
        )
        result = the_rig.sync(1, DAY1, only=(TIO,))
        assert result.ok
        ((_sender, recipients, content),) = inbox.messages
        assert recipients == ["rio@taalinstituut.example"]
        assert b"Verwerkingsverslag RIO Taalinstituut Oost: 1 fout(en)" in content
        provider = the_rig.store.provider(TIO)
        assert provider is not None
        header = the_rig.store.latest_report(provider.id)
        assert header is not None
        assert header.mailed_at is not None


def test_provider_that_opts_out_is_closed_in_rio(tmp_path: Path) -> None:
    with rig(tmp_path, f"sqlite:///{tmp_path / 's.sqlite'}") as the_rig:
        assert the_rig.sync(1, DAY1, only=(TIO,)).ok
        s = the_rig.settings
        the_rig.settings = s.model_copy(
            update={
                "provider": tuple(
                    p.model_copy(update={"enabled": False}) if p.org_unit_id == TIO else p
                    for p in s.provider
                )
            }
        )
        result = the_rig.sync(1, DAY1, only=(TIO,))
        assert result.ok
        assert result.writes > 0
        state = rio_state(the_rig.sandbox_url)
        mine = [a for a in state.aos.values() if a.aanbieder == "204A104"]
        assert mine
        assert all(a.einddatum is not None for a in mine)
        assert all(not a.cohorts for a in mine)  # none had started
        assert all(state.oes[a.oe].einddatum is not None for a in mine)
        assert the_rig.sync(1, DAY1, only=(TIO,)).writes == 0  # closed stays closed


def test_a_lost_store_adopts_what_rio_holds_instead_of_creating_twice(tmp_path: Path) -> None:
    from edudex_rio.store import Store

    with rig(tmp_path, f"sqlite:///{tmp_path / 'first.sqlite'}") as the_rig:
        assert the_rig.sync(1, DAY1, only=(KA,)).ok
        before = rio_state(the_rig.sandbox_url)
        the_rig.store.close()
        the_rig.store = Store.open(f"sqlite:///{tmp_path / 'second.sqlite'}")  # the store is lost
        again = the_rig.sync(1, DAY1, only=(KA,))
        assert again.ok
        after = rio_state(the_rig.sandbox_url)
        assert set(after.oes) == set(before.oes)  # no opleidingseenheid created twice
        assert after.normalised() == before.normalised()
        codes = [s.code for s in again.providers[0].report.signals]
        assert "programme.created" not in codes
        the_rig.store.close()
