"""The HTTP API's settings: built once at the entry point (``psr serve``) and passed in, never read at import.

:meth:`Settings.from_environment` reads ``PSR_DB``, ``PSR_BASE_URL``, ``PSR_MAX_BODY_BYTES``,
``PSR_MAX_PAGE_SIZE``, ``PSR_CACHE_SECONDS``, ``PSR_BODY_SECONDS``, ``PSR_DOCS`` and ``PSR_UID_DOMAIN`` from
the mapping it is given; options on the command line override them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs


@attrs.frozen
class Settings:
    """What the application needs to know about its surroundings.

        ``database`` is what a user types for ``--db`` (``None``: ``psr.db`` in the working directory).
        ``base_url`` prefixes calendar subscription URLs. ``cache_seconds`` is how long the held history is
        used before the database is asked for its revision again (0: at every request; the question is one
        small read). ``body_seconds`` is how long a request body may take to arrive (else 408). ``docs``
        serves the interactive pages at ``/docs`` and ``/redoc``; they load their scripts from a public CDN,
        so they are off unless asked for. ``uid_domain`` ends the UID of every event in a served calendar
    (``meeting-exec-2015-07-14@psr.example.org``): set it to a domain the host owns, as :rfc:`5545#section-3.8.4.7`
    advises. ``policy_base`` is the folder a partnership's policy file is named
        from.
    """

    database: str | None = None
    base_url: str = "http://127.0.0.1:8000"
    max_body_bytes: int = attrs.field(default=65_536, validator=attrs.validators.gt(0))
    max_page_size: int = attrs.field(default=500, validator=attrs.validators.gt(0))
    default_page_size: int = attrs.field(default=100, validator=attrs.validators.gt(0))
    cache_seconds: float = attrs.field(default=0.0, validator=attrs.validators.ge(0))
    body_seconds: float = attrs.field(default=10.0, validator=attrs.validators.gt(0))
    docs: bool = False
    uid_domain: str = "psr"
    policy_base: Path = attrs.field(factory=Path.cwd)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str], **given: Any) -> Settings:
        """Settings from ``environ`` (the process environment, passed in), overridden by ``given``."""
        found: dict[str, Any] = {}
        for name, key, kind in (
            ("database", "PSR_DB", str),
            ("base_url", "PSR_BASE_URL", str),
            ("max_body_bytes", "PSR_MAX_BODY_BYTES", int),
            ("max_page_size", "PSR_MAX_PAGE_SIZE", int),
            ("cache_seconds", "PSR_CACHE_SECONDS", float),
            ("body_seconds", "PSR_BODY_SECONDS", float),
            ("docs", "PSR_DOCS", _flag),
            ("uid_domain", "PSR_UID_DOMAIN", str),
        ):
            if environ.get(key):
                try:
                    found[name] = kind(environ[key])
                except ValueError:
                    raise ValueError(f"{key}: expected {kind.__name__}, found {environ[key]!r}") from None
        found.update({name: value for name, value in given.items() if value is not None})
        return cls(**found)

    def to_environment(self) -> dict[str, str]:
        """The environment that makes :meth:`from_environment` build these settings again (for workers)."""
        found = {
            "PSR_BASE_URL": self.base_url,
            "PSR_MAX_BODY_BYTES": str(self.max_body_bytes),
            "PSR_MAX_PAGE_SIZE": str(self.max_page_size),
            "PSR_CACHE_SECONDS": str(self.cache_seconds),
            "PSR_BODY_SECONDS": str(self.body_seconds),
            "PSR_DOCS": "1" if self.docs else "0",
            "PSR_UID_DOMAIN": self.uid_domain,
        }
        if self.database is not None:
            found["PSR_DB"] = self.database
        return found

    def feed_url(self, secret: str) -> str:
        return f"{self.base_url.rstrip('/')}/v1/calendars/{secret}.ics"


def _flag(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)
