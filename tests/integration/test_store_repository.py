from __future__ import annotations

import datetime as dt
import threading

import pytest

from edudex_rio.store import OperationStatus, Store, stand_hash
from edudex_rio.store.outbox import IllegalTransition
from edudex_rio.store.records import (
    DeletionStatus,
    DeletionTarget,
    Location,
    LocationStatus,
    NewDeletionInstruction,
    NewOperation,
    ObjectState,
    ProgramRun,
    StoredSignal,
    SyncRunStatus,
)
from tests.sync_support import NOW, postgres_database, store, store_url

__all__ = ["postgres_database", "store", "store_url"]

LATER = NOW + dt.timedelta(hours=1)


def _provider(store: Store, org: str = "acme") -> int:
    return store.upsert_provider(
        org_unit_id=org, name=org.title(), enabled=True, settings={"kvk": "12345678"}, now=NOW
    ).id


def _oe_op(key: str = "k1", name: str = "Cursus") -> NewOperation:
    return NewOperation(
        operation="aanleveren_opleidingseenheid",
        object_kind="opleidingseenheid",
        object_key=key,
        program_id="p1",
        payload={"stand": {"naamLang": name, "eigenOpleidingseenheidSleutel": key}},
        reason="new programme",
    )


def test_provider_upsert_is_idempotent_and_updates(store: Store) -> None:
    first = _provider(store)
    again = store.upsert_provider(
        org_unit_id="acme", name="Acme BV", enabled=False, settings={}, now=LATER
    )
    assert again.id == first
    assert again.name == "Acme BV"
    assert again.enabled is False
    assert [p.org_unit_id for p in store.providers()] == ["acme"]
    assert store.provider("nope") is None


def test_sync_runs_start_and_finish(store: Store) -> None:
    pid = _provider(store)
    run = store.start_sync_run(pid, now=NOW, dry_run=True)
    assert run.status is SyncRunStatus.RUNNING
    assert run.started_at == NOW
    done = store.finish_sync_run(
        run.id, status=SyncRunStatus.SUCCEEDED, now=LATER, summary={"n": 1}
    )
    assert done.finished_at == LATER
    assert done.summary == {"n": 1}
    assert done.dry_run is True
    assert [r.id for r in store.sync_runs(pid)] == [run.id]


def test_naive_datetimes_are_refused(store: Store) -> None:
    pid = _provider(store)
    with pytest.raises(Exception, match="naive datetime"):
        store.start_sync_run(pid, now=dt.datetime(2026, 1, 1))


def test_snapshots_track_seen_and_removed_programmes(store: Store) -> None:
    pid = _provider(store)
    store.record_snapshots(pid, [("p1", "", "h1", NOW), ("p2", "", "h2", None)], now=NOW)
    store.record_snapshots(pid, [("p1", "", "h1b", LATER)], now=LATER)
    snaps = store.snapshots(pid)
    assert snaps["p1", ""].content_hash == "h1b"
    assert snaps["p1", ""].first_seen_at == NOW
    assert snaps["p1", ""].removed_at is None
    assert snaps["p2", ""].removed_at == LATER
    # a programme that comes back is no longer removed
    store.record_snapshots(pid, [("p2", "", "h2", None)], now=LATER, complete=False)
    snaps = store.snapshots(pid)
    assert snaps["p2", ""].removed_at is None
    assert snaps["p1", ""].removed_at is None  # not complete: p1 not marked removed


def test_outbox_records_intent_then_outcome_and_the_stand(store: Store) -> None:
    pid = _provider(store)
    run = store.start_sync_run(pid, now=NOW)
    [op] = store.enqueue(pid, run.id, [_oe_op()], now=NOW)
    assert op.status is OperationStatus.PLANNED
    assert store.rio_objects(pid) == []  # nothing sent: no stand yet
    sending = store.begin_attempt(op.id, now=NOW)
    assert sending.status is OperationStatus.SENDING
    assert sending.attempts == 1
    accepted = store.record_accepted(op.id, now=NOW, code="1234O5678")
    assert accepted.result == {"code": "1234O5678"}
    [obj] = store.rio_objects(pid)
    assert obj.code == "1234O5678"
    assert obj.state is ObjectState.ACCEPTED
    assert obj.stand == {"naamLang": "Cursus", "eigenOpleidingseenheidSleutel": "k1"}
    assert obj.stand_hash == stand_hash(obj.stand)
    assert [o.id for o in store.unconfirmed_operations(pid)] == [op.id]
    store.confirm(op.id, now=LATER)
    obj2 = store.rio_object(pid, "opleidingseenheid", "k1")
    assert obj2 is not None
    assert obj2.state is ObjectState.CONFIRMED
    assert obj2.confirmed_at == LATER
    assert store.unconfirmed_operations(pid) == []
    assert store.active_operations(pid) == []


def test_a_later_stand_replaces_the_earlier_and_keeps_the_code(store: Store) -> None:
    pid = _provider(store)
    [a] = store.enqueue(pid, None, [_oe_op(name="Oud")], now=NOW)
    store.begin_attempt(a.id, now=NOW)
    store.record_accepted(a.id, now=NOW, code="1234O5678")
    [b] = store.enqueue(pid, None, [_oe_op(name="Nieuw")], now=LATER)
    assert b.seq == a.seq + 1
    store.begin_attempt(b.id, now=LATER)
    store.record_accepted(b.id, now=LATER)
    obj = store.rio_object(pid, "opleidingseenheid", "k1")
    assert obj is not None
    assert obj.code == "1234O5678"
    assert obj.stand["naamLang"] == "Nieuw"


def test_deletion_marks_object_and_hides_it_once_confirmed(store: Store) -> None:
    pid = _provider(store)
    [a] = store.enqueue(pid, None, [_oe_op()], now=NOW)
    store.begin_attempt(a.id, now=NOW)
    store.record_accepted(a.id, now=NOW, code="1O1")
    [d] = store.enqueue(
        pid,
        None,
        [
            NewOperation(
                operation="verwijderen_opleidingseenheid",
                object_kind="opleidingseenheid",
                object_key="k1",
                payload={"opleidingseenheidcode": "1O1"},
            )
        ],
        now=NOW,
    )
    store.begin_attempt(d.id, now=NOW)
    store.record_accepted(d.id, now=NOW, deleted=True)
    [obj] = store.rio_objects(pid)
    assert obj.state is ObjectState.DELETE_ACCEPTED
    assert obj.stand["naamLang"] == "Cursus"  # the last stand stays for the record
    store.confirm(d.id, now=LATER)
    assert store.rio_objects(pid) == []
    [gone] = store.rio_objects(pid, include_deleted=True)
    assert gone.state is ObjectState.DELETED


def test_retry_then_failure_and_rejection(store: Store) -> None:
    pid = _provider(store)
    a, b = store.enqueue(pid, None, [_oe_op("k1"), _oe_op("k2")], now=NOW)
    store.begin_attempt(a.id, now=NOW)
    waiting = store.record_retry(
        a.id, now=NOW, retry_at=LATER, error_code="DK0051", error_text="unavailable"
    )
    assert waiting.status is OperationStatus.RETRY_WAIT
    assert waiting.next_attempt_at == LATER
    again = store.begin_attempt(a.id, now=LATER)
    assert again.attempts == 2
    assert again.next_attempt_at is None
    failed = store.record_failure(
        a.id, now=LATER, status=OperationStatus.FAILED, error_code="DK0051", error_text="x"
    )
    assert failed.status is OperationStatus.FAILED
    store.begin_attempt(b.id, now=NOW)
    rejected = store.record_failure(
        b.id, now=NOW, status=OperationStatus.REJECTED, error_code="N11410", error_text="y"
    )
    assert rejected.error_code == "N11410"
    assert store.rio_objects(pid) == []  # nothing accepted, no stand recorded


def test_illegal_transition_raises_and_changes_nothing(store: Store) -> None:
    pid = _provider(store)
    [a] = store.enqueue(pid, None, [_oe_op()], now=NOW)
    with pytest.raises(IllegalTransition):
        store.record_accepted(a.id, now=NOW)  # planned → accepted skips sending
    assert store.operation(a.id).status is OperationStatus.PLANNED
    assert store.rio_objects(pid) == []
    store.cancel([a.id], now=NOW, reason="superseded")
    with pytest.raises(IllegalTransition):
        store.begin_attempt(a.id, now=NOW)
    assert store.operation(a.id).status is OperationStatus.CANCELLED


def test_crash_between_send_and_outcome_is_visible_for_resume(store: Store) -> None:
    """A process killed after begin_attempt leaves the operation in 'sending'; a new Store on
    the same database sees it as active and may send it again."""
    pid = _provider(store)
    ops = store.enqueue(pid, None, [_oe_op("k1"), _oe_op("k2")], now=NOW)
    store.begin_attempt(ops[0].id, now=NOW)
    reopened = Store.open(str(store.engine.url.render_as_string(hide_password=False)))
    try:
        active = reopened.active_operations(pid)
        assert [(o.object_key, o.status) for o in active] == [
            ("k1", OperationStatus.SENDING),
            ("k2", OperationStatus.PLANNED),
        ]
        resumed = reopened.begin_attempt(ops[0].id, now=LATER)
        assert resumed.attempts == 2
    finally:
        reopened.close()


def test_program_runs_keep_their_first_published_date(store: Store) -> None:
    pid = _provider(store)
    day1, day2 = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    store.record_program_runs(
        pid,
        [
            ProgramRun(
                run_id="r1",
                program_id="p1",
                cohortcode="r1",
                first_published=day1,
                aangeboden_opleiding_code="ao-1",
            )
        ],
        now=NOW,
    )
    store.record_program_runs(
        pid,
        [
            ProgramRun(
                run_id="r1",
                program_id="p1",
                cohortcode="r1",
                first_published=day2,
                aangeboden_opleiding_code="ao-2",
            )
        ],
        now=LATER,
    )
    run = store.program_runs(pid)["r1"]
    assert run.first_published == day1
    assert run.aangeboden_opleiding_code == "ao-2"


def test_locations_upsert(store: Store) -> None:
    pid = _provider(store)
    loc = Location(
        location_key="1234AB|1|",
        address={"postcode": "1234AB", "huisnummer": 1},
        onderwijslocatiecode=None,
        status=LocationStatus.NOT_FOUND,
        checked_at=NOW,
    )
    store.record_location(pid, loc)
    store.record_location(
        pid,
        Location(
            location_key="1234AB|1|",
            address=loc.address,
            onderwijslocatiecode="123X456",
            status=LocationStatus.REGISTERED,
            checked_at=LATER,
        ),
    )
    got = store.locations(pid)["1234AB|1|"]
    assert got.onderwijslocatiecode == "123X456"
    assert got.status is LocationStatus.REGISTERED


def test_reports_are_stored_per_run_and_replaced(store: Store) -> None:
    pid = _provider(store)
    run = store.start_sync_run(pid, now=NOW)
    sig = StoredSignal(
        level="FOUT", subject="opleiding", code="x", program_id="p1", params={"value": "ü"}
    )
    header = store.save_report(run.id, pid, [sig, sig], now=NOW)
    assert len(store.report_signals(header.id)) == 2
    again = store.save_report(run.id, pid, [sig], now=LATER)
    assert again.id == header.id
    assert store.report_signals(header.id) == [sig]
    assert store.latest_report(pid) == again
    store.mark_report_mailed(header.id, now=LATER)
    got = store.report_for_run(run.id)
    assert got is not None
    assert got.mailed_at == LATER


def test_deletion_instructions(store: Store) -> None:
    pid = _provider(store)
    [i] = store.add_deletion_instructions(
        pid,
        [
            NewDeletionInstruction(
                target=DeletionTarget.OPLEIDINGSEENHEID,
                code="1O1",
                source="sheet.xlsx",
                reason="dubbel",
            )
        ],
        now=NOW,
    )
    assert i.status is DeletionStatus.PENDING
    store.set_deletion_status(i.id, DeletionStatus.DONE, now=LATER)
    assert store.deletion_instructions(pid, status=DeletionStatus.PENDING) == []
    [done] = store.deletion_instructions(pid)
    assert done.done_at == LATER


def test_parallel_providers_write_without_losing_anything(store: Store) -> None:
    providers = [_provider(store, f"org{i}") for i in range(4)]
    errors: list[BaseException] = []

    def work(pid: int) -> None:
        try:
            for n in range(15):
                [op] = store.enqueue(pid, None, [_oe_op(f"k{n}")], now=NOW)
                store.begin_attempt(op.id, now=NOW)
                store.record_accepted(op.id, now=NOW, code=f"{pid}O{n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in providers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for pid in providers:
        ops = store.operations(pid)
        assert [o.seq for o in ops] == list(range(1, 16))
        assert len(store.rio_objects(pid)) == 15


def test_latest_outcome_per_object_among_given_statuses(store: Store) -> None:
    pid = _provider(store)
    first, other = store.enqueue(pid, None, [_oe_op("k1"), _oe_op("k2")], now=NOW)
    for op in (first, other):
        store.begin_attempt(op.id, now=NOW)
    store.record_failure(
        first.id, now=NOW, status=OperationStatus.REJECTED, error_code="N1", error_text="no"
    )
    store.record_accepted(other.id, now=NOW, code="1234O5678")
    (again,) = store.enqueue(pid, None, [_oe_op("k1", "Cursus 2")], now=LATER)
    store.begin_attempt(again.id, now=LATER)  # still sending: not a finished outcome
    finished = (OperationStatus.ACCEPTED, OperationStatus.REJECTED)
    latest = store.latest_outcomes(pid, finished)
    assert latest[("opleidingseenheid", "k1")].id == first.id
    assert latest[("opleidingseenheid", "k1")].status is OperationStatus.REJECTED
    assert latest[("opleidingseenheid", "k2")].status is OperationStatus.ACCEPTED
    store.record_accepted(again.id, now=LATER, code="1234O0001")
    assert store.latest_outcomes(pid, finished)[("opleidingseenheid", "k1")].id == again.id
