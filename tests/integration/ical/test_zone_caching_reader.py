"""A reader that keeps time zones by name (vobject) places meetings right in every calendar it reads.

vobject keeps the first VTIMEZONE it reads for a TZID and uses it for every later calendar with that TZID.
A VTIMEZONE that listed only the changes of its own events' years (2015 and 2016 for the Chorley example)
would then put a summer 2021 meeting of the joint partnership an hour late. psr's VTIMEZONE repeats the
zone's rule yearly (:rfc:`5545#section-3.6.5` RRULE), so the one read first is right for 2021 too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject

from psr_adapters.dataset import read_dataset
from psr_adapters.ical import render_calendar
from psr_adapters.policy_file import resolve_policy

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def fresh_zone_cache() -> Iterator[dict[str, Any]]:
    """vobject's process-wide map of TZID to time zone, without Europe/London, restored afterwards."""
    cache: dict[str, Any] = vars(vobject.icalendar)["__tzidMap"]
    saved = dict(cache)
    cache.pop("Europe/London", None)
    yield cache
    cache.clear()
    cache.update(saved)


def _feed(name: str) -> str:
    """The calendar of every meeting of an example, each partnership under its own policy."""
    history = read_dataset(EXAMPLES / name)
    policies = {p.id: resolve_policy(p.policy) for p in history.partnerships}
    return render_calendar(history, policies).decode("utf-8")


def _starts(text: str) -> dict[str, datetime]:
    calendar = vobject.readOne(text)
    return {
        str(event.uid.value): event.dtstart.value
        for event in calendar.vevent_list
        if isinstance(event.dtstart.value, datetime)
    }


def test_a_2021_meeting_is_at_the_right_hour_after_a_2016_calendar_was_read_first(
    fresh_zone_cache: dict[str, Any],
) -> None:
    earlier = _starts(_feed("chorley/chorley.yaml"))
    assert "Europe/London" in fresh_zone_cache  # the 2015-2016 calendar's zone is the one kept
    later = _starts(_feed("joint-2021/joint.yaml"))
    summer = [start for start in later.values() if start.month in (6, 7, 8)]
    assert summer, "the joint example has meetings in the summer of 2021"
    for start in [*earlier.values(), *later.values()]:
        wall_clock = start.replace(tzinfo=None)
        assert start.astimezone(UTC) == wall_clock.replace(tzinfo=LONDON).astimezone(UTC), start
