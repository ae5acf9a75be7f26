"""The application's view of the database: the history, read at most every ``cache_seconds``, and what is
derived from it (dataset documents, findings, calendars), kept until the history is read again.

Writes through this server call :meth:`Store.changed`, so its own readers see them at once; another
process writing to the same database is seen within ``cache_seconds``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Engine

from psr_core import Evaluation, History, Policy, evaluate

from ..dataset import document_from_history
from ..ical import render_calendar
from ..policy_file import resolve_policy
from ..sql import Recorder, create_database_engine, database_url
from ..sql.access import Access
from ..sql.engine import require_existing_file
from ..sql.repository import Repository
from .settings import Settings

T = TypeVar("T")
DERIVED_LIMIT = 512
"""How many derived values (findings, calendars) are kept per history before the oldest are dropped."""


class Store:
    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = (
            engine if engine is not None else create_database_engine(database_url(settings.database))
        )
        self._owned = engine is None
        require_existing_file(self.engine)
        self.access = Access(self.engine)
        self.recorder = Recorder(self.engine)
        self._lock = threading.Lock()
        self._history: History | None = None
        self._read_at = 0.0
        self._generation = 0
        self._writes = 0
        self._derived: dict[tuple[Any, ...], Any] = {}

    def close(self) -> None:
        if self._owned:
            self.engine.dispose()

    def changed(self) -> None:
        """Forget the history: the next reader reads the database again."""
        with self._lock:
            self._history = None
            self._writes += 1

    def history(self) -> tuple[int, History]:
        """The history and its generation (a number that changes whenever it is read again)."""
        with self._lock:
            fresh = time.monotonic() - self._read_at < self.settings.cache_seconds
            if self._history is not None and fresh:
                return self._generation, self._history
            writes = self._writes
        history = Repository(self.engine).load()
        with self._lock:
            self._generation += 1
            if writes != self._writes:  # a write landed while reading: do not keep what may predate it
                return self._generation, history
            self._history, self._read_at = history, time.monotonic()
            self._derived.clear()
            return self._generation, history

    def derived(self, key: tuple[Any, ...], make: Callable[[History], T]) -> T:
        """``make(history)``, computed once per history read."""
        generation, history = self.history()
        full = (generation, *key)
        with self._lock:
            if full in self._derived:
                found: T = self._derived[full]
                return found
        value = make(history)
        with self._lock:
            if len(self._derived) >= DERIVED_LIMIT:
                self._derived.pop(next(iter(self._derived)))
            self._derived[full] = value
        return value

    def document(self) -> dict[str, Any]:
        """The history as a ``psr/1`` document: each record as a dataset file writes it."""
        return self.derived(("document",), document_from_history)

    def policies(self, history: History) -> dict[str, Policy]:
        return {p.id: resolve_policy(p.policy, self.settings.policy_base) for p in history.partnerships}

    def evaluation(self, as_of: date, policy: Policy | None) -> Evaluation:
        def make(history: History) -> Evaluation:
            return evaluate(history, policy if policy is not None else self.policies(history), as_of)

        return self.derived(("evaluation", as_of, policy.id if policy else None), make)

    def calendar(self, person: str | None, group: str | None) -> bytes:
        def make(history: History) -> bytes:
            return render_calendar(history, self.policies(history), person=person, group=group)

        return self.derived(("calendar", person, group), make)
