"""Hypothesis strategies in the partnership's own words (STYLE practice 9).

- :mod:`.parties`: :func:`partnerships`, :func:`organisations`, :func:`memberships`;
- :mod:`.minutes`: :func:`attendance_entries`, :func:`attendance_runs`, :func:`items`, :func:`meetings`;
- :mod:`.histories`: :func:`histories`, a whole coherent partnership history, and :func:`judgement_days`;
- :mod:`.chorley`: the partnership as the seeds describe it (real names), and builders for worked examples.

Every strategy makes valid values (the model's validators would refuse anything else) and keeps them small,
so that a property runs a hundred examples in well under a second or two.
"""

from .histories import SPAN, histories, judgement_days
from .minutes import attendance_entries, attendance_runs, items, meetings
from .parties import memberships, organisations, partnerships

__all__ = [
    "SPAN",
    "attendance_entries",
    "attendance_runs",
    "histories",
    "items",
    "judgement_days",
    "meetings",
    "memberships",
    "organisations",
    "partnerships",
]
