"""The state store: SQLAlchemy models, Alembic migrations and the repository API.

The engine uses :class:`Store` and the records in :mod:`edudex_rio.store.records`; SQLAlchemy
models and sessions stay inside this package.
"""

from __future__ import annotations

from edudex_rio.store._base import stand_hash
from edudex_rio.store.outbox import OperationStatus
from edudex_rio.store.repository import Store

__all__ = ["OperationStatus", "Store", "stand_hash"]
