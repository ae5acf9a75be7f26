"""The attendance engine: who a group expects at a meeting, how each line of the minutes counts, and the runs
of consecutive misses that clause 1.7.3 of the Terms of Reference (2015) counts.

One implementation for every path: the evaluation (:mod:`psr_core.evaluation`), the incremental ledger
(:mod:`psr_core.incremental`), the attendance statistics (:mod:`psr_core.statistics`) and the durable_rules
adapter all count attendance here; the rules in :mod:`psr_core.rules.attendance` only word what it found.
"""

from .readings import DEEMED_RESIGNATION, READ, READINGS, WRITTEN_EXPLANATION, Outcome, Readings, readings_for
from .record import AttendanceRecord, entry_of
from .runs import AttendanceRuns, Roster, RunState, Threshold
from .seats import counts_on, expected_at, voters_at

__all__ = [
    "DEEMED_RESIGNATION",
    "READ",
    "READINGS",
    "WRITTEN_EXPLANATION",
    "AttendanceRecord",
    "AttendanceRuns",
    "Outcome",
    "Readings",
    "Roster",
    "RunState",
    "Threshold",
    "counts_on",
    "entry_of",
    "expected_at",
    "readings_for",
    "voters_at",
]
