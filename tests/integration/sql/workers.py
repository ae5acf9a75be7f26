"""Work for other processes in the concurrency tests: importable on its own, so a spawned process is quick."""

from __future__ import annotations

from typing import Any

LANDED, CONFLICT = 0, 3


def record_attendance(
    url: str, meeting_id: str, person: str, status: str, version: int | None, start: Any
) -> None:
    """Record (or change, from ``version``) one attendance entry, once every writer is ready; the exit
    status says how it went."""
    from psr_adapters.sql import ConflictError, Recorder
    from psr_core import Attendance, AttendanceStatus

    with Recorder(url) as recorder:
        recorder.engine.connect().close()  # connect before the start, so that the writers really race
        start.wait()
        try:
            recorder.record_attendance(
                meeting_id, Attendance(person, AttendanceStatus(status)), version=version
            )
        except ConflictError:
            raise SystemExit(CONFLICT) from None
    raise SystemExit(LANDED)
