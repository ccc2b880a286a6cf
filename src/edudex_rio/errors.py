"""The one error hierarchy of edudex-rio.

    EdudexRioError
    ├── TransientError      a retry later can help (timeouts, HTTP 5xx, RIO busy)
    └── TerminalError       retrying the same request gives the same answer

Every module raises subclasses of one of the two markers, so the executor decides
retry-or-not from the class alone, never from message text. Library exceptions are
translated in one place per edge with ``raise ... from exc``.
"""

from __future__ import annotations

__all__ = ["EdudexRioError", "TerminalError", "TransientError"]


class EdudexRioError(Exception):
    """Root of every error edudex-rio raises on purpose."""


class TransientError(EdudexRioError):
    """The same request may succeed later: retry with backoff."""


class TerminalError(EdudexRioError):
    """The same request will fail again: report it, do not retry."""
