"""Spans of days on which a policy's parameters keep their values, so that what is worked out from them
can be kept (a module of its own so that a compiled build compiles it: it is asked about every finding)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .version import Policy


class SteadySpan:
    """The days on which none of the parameters ``names`` changes value, moved along with the day.

    Whatever is worked out from those parameters holds while :meth:`moved` says no, so a rule can keep it
    instead of reading the parameters again for every meeting.
    """

    __slots__ = ("names", "since", "until")

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(names)
        self.since: date = date.max  # no span yet: the first day moves it
        self.until: date | None = None

    def moved(self, policy: Policy, day: date) -> bool:
        """Whether ``day`` lies outside the span held so far; if so, the span becomes the one around it."""
        if self.since <= day and (self.until is None or day < self.until):
            return False
        self.since, self.until = policy.steady(self.names, day)
        return True
