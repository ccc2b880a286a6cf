"""Top-level job commands: ``sync``, ``reconcile``, ``delete``, ``worker``, ``demo``."""

from __future__ import annotations

import typer

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the job commands to the root app."""
