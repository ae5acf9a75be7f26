"""The application's view of the database: one copy of the history held in memory and kept current, and
what is derived from it (dataset documents, findings, calendars).

Keeping it current costs one cheap question per request, "which revision is the database at?"
(:mod:`psr_adapters.sql.revisions`), asked at most every ``cache_seconds``, and asked in the same query as
the request's token check (:data:`SEEN`) when there is one. When a write (through this
server, another worker, or another machine) moved the revision on, only the meetings it changed are read
and put in place; an import or a change to anything but meetings reads the whole history again. One
request at a time brings the view up to date: the others wait for it and use what it read, so a busy
server never reads the history twice at once.

Findings are kept in :class:`~psr_core.Ledger`\\ s, one per as-of day and policy asked for (at most
:data:`LEDGER_LIMIT`): a new meeting is stepped into each ledger that can see it, and a changed meeting
drops only the ledgers whose day it reaches. Answers built from the history (a page of records, a
calendar, a findings document) are kept until the revision moves on.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from datetime import UTC, date
from typing import Any, TypeVar

import attrs
from sqlalchemy import Engine

from psr_core import Evaluation, History, Ledger, Meeting, Policy

from ..dataset import document_from_history, meeting_document
from ..ical import build_calendar
from ..ical.events import CalendarEvent, uid
from ..policy_file import resolve_policy
from ..sql import Recorder, RecordNotFoundError, create_database_engine, database_url, revisions
from ..sql.access import Access
from ..sql.engine import connected, reading, require_existing_file, translated
from ..sql.repository import Repository
from .settings import Settings

T = TypeVar("T")
DERIVED_LIMIT = 512
"""How many derived answers (findings documents, calendars) are kept before the oldest are dropped."""
LEDGER_LIMIT = 4
"""How many ledgers (as-of day and policy) are kept current; each holds its findings, not the history."""
SEEN: ContextVar[int | None] = ContextVar("psr_seen_revision", default=None)
"""The revision the database was at when this request's token was checked (in the same query,
:meth:`~psr_adapters.sql.access.Access.check`): a held history at that revision or later is current for
the request, and no second question is asked."""


class Store:
    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = (
            engine
            if engine is not None
            else create_database_engine(database_url(settings.database), pre_ping=False)
        )
        self._owned = engine is None
        require_existing_file(self.engine)
        self.access = Access(self.engine)
        self.recorder = Recorder(self.engine)
        self._lock = threading.Lock()  # guards the state below; held only briefly, never during I/O
        self._refreshing = threading.Lock()  # one refresh (database reads, ledger builds) at a time
        self._documenting = threading.Lock()  # one dataset document made at a time
        self._history: History | None = None
        self._index: dict[str, int] = {}
        self._revision = -1
        self._checked = float("-inf")
        self._document: dict[str, Any] | None = None
        self._revisions: dict[str, revisions.MeetingRevision] = {}
        self._ledgers: OrderedDict[tuple[date, str | None], Ledger] = OrderedDict()
        self._derived: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.loads = 0
        """How many times the whole history was read (for the benchmarks and tests)."""

    def close(self) -> None:
        if self._owned:
            self.engine.dispose()

    def changed(self) -> None:
        """A write went through this server: the next request asks the database for its revision."""
        with self._lock:
            self._checked = float("-inf")

    # -- the history ------------------------------------------------------------------------------------

    def history(self) -> tuple[int, History]:
        """The history and the revision it is at, as current as the last check (``cache_seconds``)."""
        asked = time.monotonic()
        seen = SEEN.get()
        with self._lock:
            if self._history is not None and (
                asked - self._checked < self.settings.cache_seconds
                or (seen is not None and seen <= self._revision)
            ):
                return self._revision, self._history
        with self._refreshing:
            with self._lock:
                # A refresh that began after this request arrived saw every write committed before it.
                if self._history is not None and self._checked >= asked:
                    return self._revision, self._history
            self._refresh()
            with self._lock:
                assert self._history is not None
                return self._revision, self._history

    def _refresh(self) -> None:
        started = time.monotonic()
        if self._history is None:
            self._load()
        else:
            with (
                connected(self.engine) as c,
                translated(self.recorder.name, "reading the revision"),
                reading(c).begin(),
            ):
                changes = revisions.since(c, self._revision)
            if changes.meetings is None:
                self._load()
            elif changes.meetings:
                try:
                    recorded = [self.recorder.meeting(meeting_id) for meeting_id in changes.meetings]
                except RecordNotFoundError:
                    self._load()
                else:
                    with (
                        connected(self.engine) as c,
                        translated(self.recorder.name, "reading the meetings' revisions"),
                        reading(c).begin(),
                    ):
                        changed = revisions.meeting_revisions(c, changes.meetings)
                    with self._lock:
                        self._revisions.update(changed)
                    self._apply(changes.revision, [r.value for r in recorded])
        with self._lock:
            self._checked = started

    def _load(self) -> None:
        """Read the whole history (the revision first: a write landing between is read again later)."""
        with (
            connected(self.engine) as c,
            translated(self.recorder.name, "reading the revision"),
            reading(c).begin(),
        ):
            revision = revisions.current(c)
        history = Repository(self.engine).load()
        with (
            connected(self.engine) as c,
            translated(self.recorder.name, "reading the meetings' revisions"),
            reading(c).begin(),
        ):
            meeting_revisions = revisions.meeting_revisions(c)
        with self._lock:
            self._history = history
            self._revisions = meeting_revisions
            self._index = {meeting.id: i for i, meeting in enumerate(history.meetings)}
            self._revision = revision
            self._document = None
            self._ledgers.clear()
            self._derived.clear()
            self.loads += 1

    def _apply(self, revision: int, meetings: Iterable[Meeting]) -> None:
        """Put changed and new meetings in place, in the history, its document and the ledgers.

        Called with the refresh lock held. The ledgers are taken out while they are stepped on (a meeting
        recorded out of order makes one evaluate afresh, which takes a while), so that readers never see
        one half-way: a reader wanting one waits for the refresh instead.
        """
        with self._lock:
            assert self._history is not None
            held = list(self._history.meetings)
            documents = self._document.setdefault("meetings", []) if self._document is not None else None
            ledgers = dict(self._ledgers)
            self._ledgers.clear()
            new: list[Meeting] = []
            for meeting in meetings:
                at = self._index.get(meeting.id)
                if at is None:
                    self._index[meeting.id] = len(held)
                    held.append(meeting)
                    new.append(meeting)
                    if documents is not None:
                        documents.append(meeting_document(meeting))
                else:
                    reaches = min(held[at].day, meeting.day)
                    held[at] = meeting
                    if documents is not None:
                        documents[at] = meeting_document(meeting)
                    ledgers = {key: ledger for key, ledger in ledgers.items() if key[0] < reaches}
            self._history = attrs.evolve(self._history, meetings=held)
            self._revision = revision
            self._derived.clear()
        for (day, _policy), ledger in ledgers.items():
            for meeting in new:
                if meeting.day <= day:
                    ledger.record(meeting, day)
        with self._lock:
            self._ledgers.update(ledgers)

    # -- what is derived from it ------------------------------------------------------------------------

    def derived(self, key: tuple[Any, ...], make: Callable[[History], T]) -> T:
        """``make(history)``, computed once per revision of the history."""
        revision, history = self.history()
        full = (revision, *key)
        with self._lock:
            if full in self._derived:
                found: T = self._derived[full]
                return found
        value = make(history)
        with self._lock:
            if revision == self._revision:
                if len(self._derived) >= DERIVED_LIMIT:
                    self._derived.popitem(last=False)
                self._derived[full] = value
        return value

    def document(self) -> dict[str, Any]:
        """The history as a ``psr/1`` document: each record as a dataset file writes it."""
        _revision, history = self.history()
        with self._lock:
            if self._document is not None and self._history is history:
                return self._document
        with self._documenting:  # one copy made at a time: the others wait for it and use it
            with self._lock:
                if self._document is not None and self._history is history:
                    return self._document
            document = document_from_history(history)
            with self._lock:
                if self._history is history:
                    self._document = document
            return document

    def policies(self, history: History) -> dict[str, Policy]:
        return {p.id: resolve_policy(p.policy, self.settings.policy_base) for p in history.partnerships}

    def evaluation(self, as_of: date, policy: Policy | None) -> Evaluation:
        """The findings as of ``as_of``, from a ledger kept current write by write."""
        self.history()
        key = (as_of, policy.id if policy is not None else None)
        with self._lock:
            ledger = self._ledgers.get(key)
            if ledger is not None:
                self._ledgers.move_to_end(key)
                return ledger.evaluation()
        with self._refreshing:  # one ledger built at a time; the others wait and find it made
            with self._lock:
                ledger = self._ledgers.get(key)
                if ledger is not None:
                    return ledger.evaluation()
                history = self._history
                assert history is not None
            made = Ledger(history, policy if policy is not None else self.policies(history), as_of)
            with self._lock:
                if self._history is history:
                    if len(self._ledgers) >= LEDGER_LIMIT:
                        self._ledgers.popitem(last=False)
                    self._ledgers[key] = made
                return made.evaluation()

    def calendar(self, person: str | None, group: str | None, partnership: str | None = None) -> bytes:
        """The calendar of a person, a group or a partnership, with each meeting's revision as the database
        keeps it (:mod:`psr_adapters.sql.revisions`): SEQUENCE (:rfc:`5545#section-3.8.7.4`) counts the
        changes of its time, place or status, so that a calendar program replaces the event it holds, and
        DTSTAMP and LAST-MODIFIED are when the last of them was made. A meeting unchanged since it was
        recorded keeps the stamp taken from its data (:mod:`psr_adapters.ical.events`)."""

        def make(history: History) -> bytes:
            domain = self.settings.uid_domain
            calendar = build_calendar(
                history,
                self.policies(history),
                partnership=partnership,
                person=person,
                group=group,
                uid_domain=domain,
            )
            with self._lock:
                held = dict(self._revisions)
            kept = {
                uid(kind, meeting_id, domain): revision
                for meeting_id, revision in held.items()
                for kind in ("meeting", "agenda-deadline")
            }
            events = tuple(_revised(e, kept.get(e.uid)) for e in calendar.events)
            return attrs.evolve(calendar, events=events).to_ical()

        return self.derived(("calendar", person, group, partnership), make)


def _revised(event: CalendarEvent, revision: revisions.MeetingRevision | None) -> CalendarEvent:
    if revision is None:
        return attrs.evolve(event, modified=event.stamp)
    if revision.revised is None:
        return attrs.evolve(event, sequence=revision.sequence, modified=event.stamp)
    moment = revision.revised.replace(tzinfo=UTC)
    return attrs.evolve(event, sequence=revision.sequence, stamp=moment, modified=moment)
