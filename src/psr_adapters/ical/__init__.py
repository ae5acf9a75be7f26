"""iCalendar feeds of a partnership's meetings and agenda deadlines (docs/reference/command-line.md, ``psr ical``).

>>> calendar = render_calendar(history, policies, group="exec")                      # doctest: +SKIP
>>> render_calendar(history, policies, group="exec", previous=revisions_from_calendar(calendar, "feed.ics"))
...                                                                                   # doctest: +SKIP
>>> plan = propose_meetings(history, policy, group="exec", start=date(2016, 1, 1), end=date(2016, 12, 31))
...                                                                                   # doctest: +SKIP
>>> print(plan_yaml(plan))                                                            # doctest: +SKIP

Calendars follow :rfc:`5545` with the subscription properties of :rfc:`7986`; how each property is derived
from the data is set out in :mod:`.events`, :mod:`.revisions` and :mod:`.deadlines`; how meetings are
planned, in :mod:`.schedule`. The modules, one job each: :mod:`.lines` (content lines), :mod:`.timezones`
(VTIMEZONE), :mod:`.scope` (whose meetings), :mod:`.deadlines`, :mod:`.events`, :mod:`.revisions`
(SEQUENCE), :mod:`.calendar` (the whole calendar), :mod:`.patterns` and :mod:`.schedule` (planning), and
:mod:`.plan_text` (a plan as dataset entries).
"""

from __future__ import annotations

from .calendar import DEFAULT_DOMAIN, DEFAULT_REFRESH, MeetingCalendar, build_calendar, render_calendar
from .deadlines import AgendaDeadline, agenda_deadline
from .errors import CalendarError
from .events import DEFAULT_MEETING_LENGTH, CalendarEvent
from .patterns import MonthlyDay
from .plan_text import plan_document, plan_yaml
from .revisions import Revision, revisions_from_calendar
from .schedule import Plan, Proposal, propose_meetings

__all__ = [
    "DEFAULT_DOMAIN",
    "DEFAULT_MEETING_LENGTH",
    "DEFAULT_REFRESH",
    "AgendaDeadline",
    "CalendarError",
    "CalendarEvent",
    "MeetingCalendar",
    "MonthlyDay",
    "Plan",
    "Proposal",
    "Revision",
    "agenda_deadline",
    "build_calendar",
    "plan_document",
    "plan_yaml",
    "propose_meetings",
    "render_calendar",
    "revisions_from_calendar",
]
