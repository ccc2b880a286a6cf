from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from edudex_rio.store import Store, migrate
from edudex_rio.store.engine import make_engine
from edudex_rio.store.models import Base
from tests.sync_support import postgres_database, store_url

__all__ = ["postgres_database", "store_url"]

TABLES = {
    "providers",
    "sync_runs",
    "programmes",
    "rio_objects",
    "locations",
    "program_runs",
    "operations",
    "reports",
    "report_signals",
    "deletion_instructions",
    "alembic_version",
}


def test_open_migrates_a_fresh_database_to_head(store_url: str) -> None:
    store = Store.open(store_url)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert set(inspect(store.engine).get_table_names()) >= TABLES
    finally:
        store.close()


def test_migrations_match_the_models(store_url: str) -> None:
    """An Alembic autogenerate against the migrated database finds nothing to add."""
    engine = make_engine(store_url)
    try:
        migrate.upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
    finally:
        engine.dispose()


def test_upgrade_is_idempotent_and_downgrade_reverses_it(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        migrate.upgrade(engine)
        migrate.upgrade(engine)  # second start: no-op
        migrate.downgrade(engine)
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(engine)
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"], ids=["bare", "memory"])
def test_in_memory_sqlite_works(url: str) -> None:
    store = Store.open(url)
    try:
        assert store.providers() == []
    finally:
        store.close()
