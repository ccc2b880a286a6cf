"""Errors of the EDU-DEX sources.

EdudexRioError
├── TransientError
│   └── EdudexUnavailable        network trouble, timeouts, HTTP 429/5xx after retries
└── TerminalError
    └── EdudexError              root of the terminal EDU-DEX errors
        ├── EdudexAuthError      the token is missing, malformed or refused (401/403)
        ├── EdudexNotFound       provider or resource does not exist (404)
        ├── EdudexHttpError      any other unexpected HTTP answer
        ├── DocumentRejected     a document failed validation; carries its issues
        └── UnsafeDocument       hostile or oversized input (DTD, entities, size)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edudex_rio.errors import TerminalError, TransientError

if TYPE_CHECKING:
    from edudex_rio.edudex.validation import Issue

__all__ = [
    "DocumentRejected",
    "EdudexAuthError",
    "EdudexError",
    "EdudexHttpError",
    "EdudexNotFound",
    "EdudexUnavailable",
    "UnsafeDocument",
]


class EdudexUnavailable(TransientError):
    """EDU-DEX (or a feed host) could not be reached or answered 429/5xx: try again later."""


class EdudexError(TerminalError):
    """A terminal problem reading EDU-DEX data."""


class EdudexAuthError(EdudexError):
    """The bearer token is missing, malformed or refused."""


class EdudexNotFound(EdudexError):
    """The provider, programme or feed resource does not exist."""


class EdudexHttpError(EdudexError):
    """An unexpected HTTP answer (not 2xx, not retried)."""

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class DocumentRejected(EdudexError):
    """A document does not validate; ``issues`` says where and why."""

    def __init__(self, message: str, *, issues: tuple[Issue, ...]) -> None:
        super().__init__(message)
        self.issues = issues


class UnsafeDocument(EdudexError):
    """Input refused before parsing: a DTD, an entity declaration, or too many bytes."""
