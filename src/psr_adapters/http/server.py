"""Running the application under uvicorn: more than one worker, quiet access logs, and connections that
cannot be held open for nothing.

- ``psr serve --workers N`` starts N processes, each building the application from the environment
  (:func:`application`); each keeps its own copy of the history current by the database's revision
  (:mod:`psr_adapters.http.store`), so a write through one is seen by the others on their next request.
- The access log never shows a calendar feed's secret: ``/v1/calendars/psrf_....ics`` is logged as
  ``/v1/calendars/[secret].ics`` (:class:`RedactFeeds`).
- A connection that does not send a complete request head within ``idle_seconds`` of opening, or of its
  last answer, is closed (:class:`GuardedH11Protocol`); a body that does not arrive within
  ``body_seconds`` is answered 408 (:func:`psr_adapters.http.writing.read_json`).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import re
from typing import Any

from fastapi import FastAPI
from uvicorn.config import LOGGING_CONFIG
from uvicorn.protocols.http.h11_impl import H11Protocol

from .app import create_app
from .settings import Settings

FEED_PATH = re.compile(r"(/v1/calendars/)[^/\s?\"]+?(\.ics)")


class RedactFeeds(logging.Filter):
    """Replace the secret of every calendar feed URL in a log record with ``[secret]``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                FEED_PATH.sub(r"\1[secret]\2", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = FEED_PATH.sub(r"\1[secret]\2", record.msg)
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging configuration, with feed secrets taken out of the access log."""
    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_feeds"] = {"()": f"{__name__}.RedactFeeds"}
    config["handlers"]["access"]["filters"] = ["redact_feeds"]
    config["handlers"]["default"]["filters"] = ["redact_feeds"]
    return config


class GuardedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection that opens (or finishes an answer) and then sends
    no complete request head within ``timeout_keep_alive`` seconds, even if it trickles bytes."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        waiting_for = self.cycle
        self._deadline = self.loop.call_later(self.timeout_keep_alive, self._expire, waiting_for)

    def _expire(self, waiting_for: object) -> None:
        idle = self.cycle is waiting_for and (self.cycle is None or self.cycle.response_complete)
        if idle and not self.transport.is_closing():
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)


def application() -> FastAPI:
    """The application for one worker of ``psr serve --workers N``, from the environment it was given."""
    return create_app(Settings.from_environment(os.environ))
