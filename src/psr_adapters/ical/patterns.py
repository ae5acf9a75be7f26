"""Days of the month a group meets on: "second Tuesday", "last Friday" (the nth weekday of the month)."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date

import attrs

from .errors import CalendarError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
}
ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_WORDS = re.compile(r"^\s*(\S+)\s+(\S+?)(?:\s+of\s+(?:the|each|every)\s+month)?\s*$", re.IGNORECASE)


@attrs.frozen
class MonthlyDay:
    """The ``nth`` ``weekday`` of a month: ``nth`` 1 to 4, or -1 for the last; ``weekday`` 0 is Monday."""

    nth: int = attrs.field(validator=attrs.validators.in_((1, 2, 3, 4, -1)))
    weekday: int = attrs.field(validator=attrs.validators.in_(range(7)))

    @classmethod
    def parse(cls, text: str) -> MonthlyDay:
        """``second Tuesday``, ``2nd tue``, ``last Friday of the month``."""
        match = _WORDS.match(text)
        nth = ORDINALS.get(match.group(1).lower()) if match else None
        day = match.group(2).lower() if match else ""
        weekday = next((i for i, name in enumerate(WEEKDAYS) if len(day) >= 3 and name.startswith(day)), None)
        if nth is None or weekday is None:
            raise CalendarError(
                f"expected a day of the month like 'second Tuesday' or 'last Friday' (first, second, third, "
                f"fourth or last, then a weekday); found {text!r}"
            )
        return cls(nth, weekday)

    @classmethod
    def of(cls, day: date) -> MonthlyDay:
        """The pattern ``day`` follows: a fifth weekday is the month's last."""
        nth = (day.day - 1) // 7 + 1
        return cls(-1 if nth == 5 else nth, day.weekday())

    def in_month(self, year: int, month: int) -> date:
        """This pattern's day in the given month."""
        weeks = calendar.monthcalendar(year, month)
        days = [week[self.weekday] for week in weeks if week[self.weekday]]
        return date(year, month, days[self.nth - 1] if self.nth > 0 else days[-1])

    def __str__(self) -> str:
        return f"{ORDINAL_NAMES[self.nth]} {WEEKDAYS[self.weekday].capitalize()}"


def usual_day(days: Iterable[date]) -> MonthlyDay | None:
    """The pattern most of ``days`` follow (the later one on a tie), or ``None`` when there are none."""
    ordered = sorted(days)
    counts = Counter(MonthlyDay.of(day) for day in ordered)
    if not counts:
        return None
    latest = {MonthlyDay.of(day): index for index, day in enumerate(ordered)}
    return max(counts, key=lambda pattern: (counts[pattern], latest[pattern]))
