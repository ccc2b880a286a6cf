"""Free text cleaned to RIO's ``Teksttype``.

Teksttype (an ``xsd:token``) forbids line feeds, carriage returns, tabs, leading and trailing
spaces and double spaces. Descriptions must be plain text (RIO rejects HTML). Over-long text is
cut at a word boundary to the XSD maximum, never failed.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Final

from edudex_rio.mapping.limits import max_length

__all__ = ["clean_text", "strip_html"]

_BLOCK_TAGS: Final = re.compile(r"<\s*(br|/p|/div|/li|/h[1-6]|/tr)\b[^>]*>", re.IGNORECASE)
_DROP: Final = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG: Final = re.compile(r"<[^>]*>")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_html(value: str) -> str:
    """The text of an HTML fragment: scripts and tags removed, entities decoded."""
    if "<" not in value and "&" not in value:
        return value
    text = _DROP.sub(" ", value)
    text = _BLOCK_TAGS.sub(" ", text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    # A single word longer than the limit is cut hard rather than dropped.
    cut = head[:space] if space > 0 else text[:limit]
    return cut.rstrip(" ,;:-")[:limit] or text[:limit]


def clean_text(
    value: str | None, field: str | None = None, *, limit: int | None = None
) -> str | None:
    """``value`` as valid RIO Teksttype for ``field`` (or ``limit``), or ``None`` when empty."""
    if value is None:
        return None
    bound = limit if limit is not None else (max_length(field) if field else None)
    return _clean(value, bound)


@functools.lru_cache(maxsize=512)
def _clean(value: str, bound: int | None) -> str | None:
    # Cached, small and bounded (descriptions can be long): a programme's texts are cleaned for
    # its opleidingseenheid and again for each of its offerings, right after each other.
    text = strip_html(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    text = " ".join(text.split())
    if not text:
        return None
    return _cut(text, bound) if bound is not None else text
