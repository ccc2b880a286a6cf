"""EDU-DEX sources (Data API, XML feed, folder) read into one validated model.

Public surface:

* :mod:`edudex_rio.edudex.model` — the normalised records (``Program``, ``ProgramRun``,
  ``Location``, ``Cost``, ``Provider``, …);
* :class:`~edudex_rio.edudex.source.EdudexSource` — the source interface, and
  :func:`~edudex_rio.edudex.source.read_incremental` for "what changed since last time";
* :func:`open_source` — open a folder, an XML feed or the Data API from one string;
* :func:`~edudex_rio.edudex.reader.read_program` — read one document (JSON or XML).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from edudex_rio.edudex.api import ApiSource, DataApiClient, SecretToken, load_token
from edudex_rio.edudex.feed import FeedSource
from edudex_rio.edudex.folder import FolderSource
from edudex_rio.edudex.reader import ReadResult, read_program, read_provider
from edudex_rio.edudex.source import EdudexSource, ProgramListing, ProviderRead, read_incremental
from edudex_rio.edudex.validation import Issue, Mode

__all__ = [
    "ApiSource",
    "DataApiClient",
    "EdudexSource",
    "FeedSource",
    "FolderSource",
    "Issue",
    "ProgramListing",
    "ProviderRead",
    "ReadResult",
    "SecretToken",
    "load_token",
    "open_source",
    "read_incremental",
    "read_program",
    "read_provider",
]


def open_source(
    spec: str | Path,
    *,
    mode: Mode = "production",
    token: SecretToken | str | SecretStr | None = None,
    token_file: Path | str | None = None,
    feed_key: str | SecretStr | None = None,
) -> EdudexSource:
    """Open a source from one string.

    * ``folder:PATH`` or an existing directory → :class:`FolderSource`;
    * ``feed:URL-OR-PATH`` or anything ending in ``.xml`` → :class:`FeedSource`
      (``feed_key`` is the closed feed's secret ``key``, e.g.
      :meth:`edudex_rio.settings.EdudexSettings.feed_secret`);
    * ``api:URL`` or another ``http(s)://`` URL → :class:`ApiSource` (token from
      ``token``/``token_file``/environment, see :func:`load_token`).
    """
    text = str(spec)
    if isinstance(feed_key, SecretStr):
        feed_key = feed_key.get_secret_value()
    if text.startswith("folder:"):
        return FolderSource(text.removeprefix("folder:"), mode=mode)
    if text.startswith("feed:"):
        return FeedSource(text.removeprefix("feed:"), key=feed_key, mode=mode)
    if text.startswith("api:"):
        return ApiSource.open(
            base_url=text.removeprefix("api:"), token=token, token_file=token_file, mode=mode
        )
    if Path(text).is_dir():
        return FolderSource(text, mode=mode)
    if text.split("?", 1)[0].endswith(".xml"):
        return FeedSource(text, key=feed_key, mode=mode)
    if text.startswith(("http://", "https://")):
        return ApiSource.open(base_url=text, token=token, token_file=token_file, mode=mode)
    return FolderSource(text, mode=mode)
