"""Judging meetings as they are recorded: store a meeting, and learn at once what it gives rise to.

>>> with JudgedRecorder("postgresql://psr@db.example/psr", as_of=date(2016, 8, 9)) as judge:  # doctest: +SKIP
...     for finding in judge.record_meeting(meeting):
...         print(finding.rule, finding.message)

The stored history is read once, and a :class:`~psr_core.Ledger` keeps its findings current meeting by
meeting, so recording a meeting does not read the whole history again nor evaluate it afresh.
"""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from psr_core import Evaluation, Finding, Ledger, Meeting, PolicyChoice

from .engine import Database, connected, reading, translated
from .recording import Recorder
from .repository import load_history
from .tables import MeetingRow


class JudgedRecorder:
    """Records a meeting and judges it at once: the findings it gives rise to are those
    :func:`psr_core.evaluate` adds when the stored history is evaluated with it.

    Give it an engine (the caller keeps it) or a URL (it opens an engine and :meth:`close` disposes of it;
    use it as a context manager). ``policy`` is as for ``evaluate``: ``None`` judges each partnership by the
    built-in version it names. ``as_of`` is the day to judge on; recording a meeting moves it on to the
    meeting's day when that is later.

    Other writers (a :class:`Recorder` in another process, say) may record meetings in the same database
    meanwhile. After storing a meeting it counts the meetings stored: if there are others than the ones it
    knows and this one, it reads the history again, so its answer is right whoever recorded the meetings.
    Other writers' changes to anything but new meetings (attendance or items of a meeting already
    recorded, a meeting's details, memberships, people, contributions, reports) are not counted, and are
    seen only after :meth:`reload`: call it when you know of such changes, or before relying on
    :meth:`evaluation` for a decision.

    One call at a time: calls from several threads wait for each other.
    """

    def __init__(self, database: Database = None, *, as_of: date, policy: PolicyChoice = None) -> None:
        # The recorder opens (or is given) the engine, and disposes of it on close if it opened it.
        self._recorder = Recorder(database)
        self.engine = self._recorder.engine
        self.name = self._recorder.name
        self.policy = policy
        self._lock = threading.Lock()
        self._earlier_rebuilds = 0
        self._stale = False
        try:
            self._ledger = self._load(as_of)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._recorder.close()

    def __enter__(self) -> JudgedRecorder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def as_of(self) -> date:
        """The day the findings are judged on."""
        return self._ledger.as_of

    @property
    def rebuilds(self) -> int:
        """How many times the history was evaluated afresh: 1 when it was read, and one more each time the
        ledger could not step a meeting on (see :class:`~psr_core.Ledger`) or the history was read again."""
        return self._earlier_rebuilds + self._ledger.rebuilds

    def record_meeting(self, meeting: Meeting, as_of: date | None = None) -> tuple[Finding, ...]:
        """Store ``meeting`` (one transaction, as :meth:`Recorder.add_meeting`) and return the findings that
        are new as of the later of the current day, the meeting's day and ``as_of``, in the order
        :func:`~psr_core.evaluate` lists them.

        If the meeting cannot be stored (recorded already, an unknown group or person, a value the database
        refuses) the error propagates and nothing changes, here or in the database. If the database cannot
        be read just after the meeting is stored (the connection lost), the error propagates too, though the
        meeting is stored: the history is read again on the next call, and what the meeting gave rise to is
        in :meth:`evaluation` but in no call's result.
        """
        with self._lock:
            if self._stale:
                self._reload()
            self._recorder.add_meeting(meeting)
            self._stale = True  # until the ledger has the meeting too
            later = max(self.as_of, meeting.day, as_of or self.as_of)
            try:
                if self._stored_meetings() == len(self._ledger.meetings) + 1 and self._knows(meeting):
                    found = self._ledger.record(meeting, later)
                else:  # another writer was here meanwhile: the stored history is the answer
                    before = {finding.identity() for finding in self._ledger.evaluation().findings}
                    self._reload(later)
                    found = tuple(f for f in self._ledger.evaluation().findings if f.identity() not in before)
            except Exception as error:
                error.add_note(f"meeting {meeting.id} is stored; the history will be read again to judge it")
                raise
            self._stale = False
            return found

    def evaluation(self) -> Evaluation:
        """Every finding now, as :func:`~psr_core.evaluate` gives them for the history stored when the last
        meeting was recorded (or at the last :meth:`reload`)."""
        with self._lock:
            if self._stale:
                self._reload()
            return self._ledger.evaluation()

    def reload(self) -> None:
        """Read the whole history again, to take in what other writers changed besides adding meetings."""
        with self._lock:
            self._reload()

    # -- helpers ----------------------------------------------------------------------------------------

    def _load(self, as_of: date) -> Ledger:
        history = load_history(self.engine)
        self._groups = frozenset(group.id for group in history.groups)
        return Ledger(history, self.policy, as_of)

    def _reload(self, as_of: date | None = None) -> None:
        ledger = self._load(as_of or self.as_of)
        self._earlier_rebuilds += self._ledger.rebuilds
        self._ledger = ledger
        self._stale = False

    def _knows(self, meeting: Meeting) -> bool:
        """Whether the ledger knows every group of ``meeting`` (another writer may have added one)."""
        return all(group in self._groups for group in meeting.groups)

    def _stored_meetings(self) -> int:
        with (
            connected(self.engine) as connection,
            translated(self.name, "counting the meetings stored"),
            reading(connection).begin(),
        ):
            return int(connection.execute(select(func.count()).select_from(MeetingRow)).scalar_one())
