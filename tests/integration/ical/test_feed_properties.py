"""Properties of every feed over generated histories: UIDs unique and stable, the same bytes for
the same input, SEQUENCE never decreasing when a meeting changes, cancelled meetings kept, and a person's
feed holding exactly the meetings of the groups they sat on that day."""

from __future__ import annotations

from datetime import timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from ical_reading import blocks, events, meeting_uid, sequences
from ical_strategies import any_histories, texts

from psr_adapters.ical import render_calendar, revisions_from_calendar
from psr_adapters.ical.events import uid
from psr_core import CHORLEY_2015, History, Meeting, MeetingStatus


def _previous(data: bytes) -> dict[str, object]:
    return dict(revisions_from_calendar(data, "previous.ics"))


@given(any_histories())
def test_the_same_history_gives_the_same_bytes(history: History) -> None:
    assert render_calendar(history, CHORLEY_2015) == render_calendar(history, CHORLEY_2015)


@given(any_histories(), st.randoms(use_true_random=False))
def test_the_order_meetings_are_stored_in_does_not_change_the_calendar(
    history: History, random: object
) -> None:
    shuffled = list(history.meetings)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert render_calendar(attrs.evolve(history, meetings=shuffled), CHORLEY_2015) == render_calendar(
        history, CHORLEY_2015
    )


@given(any_histories())
def test_uids_are_unique_and_the_same_in_every_feed(history: History) -> None:
    everything = blocks(render_calendar(history, CHORLEY_2015))  # blocks() fails on a repeated UID
    assert len(everything) == 2 * len(history.meetings)
    for group in history.groups:
        feed = blocks(render_calendar(history, CHORLEY_2015, group=group.id))
        assert {meeting_uid(m) for m in history.meetings if group.id in m.groups} <= set(feed)
        for key, event in feed.items():
            assert event == everything[key]


@given(any_histories())
def test_a_calendar_rendered_against_itself_is_unchanged(history: History) -> None:
    first = render_calendar(history, CHORLEY_2015)
    assert (
        render_calendar(history, CHORLEY_2015, previous=revisions_from_calendar(first, "feed.ics")) == first
    )


@given(any_histories())
def test_cancelled_meetings_stay_in_the_feed_marked_cancelled(history: History) -> None:
    found = events(render_calendar(history, CHORLEY_2015))
    for meeting in history.meetings:
        if meeting.status is MeetingStatus.CANCELLED:
            assert found[meeting_uid(meeting)]["STATUS"] == "CANCELLED"
            assert found[uid("agenda-deadline", meeting.id, "psr")]["STATUS"] == "CANCELLED"


@given(any_histories())
def test_a_persons_feed_holds_exactly_their_groups_meetings_while_they_were_members(history: History) -> None:
    for person in history.people:
        feed = blocks(render_calendar(history, CHORLEY_2015, person=person.id))
        seats = [s for s in history.memberships if s.person == person.id]
        expected = {
            meeting_uid(m)
            for m in history.meetings
            if any(s.group in m.groups and s.covers(m.day) for s in seats)
        }
        assert {key for key in feed if key.startswith("meeting-")} == expected


# -- SEQUENCE -------------------------------------------------------------------------------------------

CHANGES = ("move", "lengthen", "relocate", "restatus", "rechair", "retitle-nothing")


@st.composite
def edits(draw: st.DrawFn, meeting: Meeting) -> tuple[str, Meeting]:
    """One change to a meeting: of its time, place or status (a new revision), or of its chair (not one)."""
    kind = draw(st.sampled_from(CHANGES))
    if kind == "move":
        return kind, attrs.evolve(
            meeting, start=meeting.start + timedelta(minutes=draw(st.integers(1, 60 * 24 * 40)))
        )
    if kind == "lengthen":
        end = (meeting.end or meeting.start) + timedelta(minutes=draw(st.integers(1, 120)))
        return kind, attrs.evolve(meeting, end=end)
    if kind == "relocate":
        return kind, attrs.evolve(meeting, location=draw(texts.filter(lambda t: t != meeting.location)))
    if kind == "restatus":
        status = draw(st.sampled_from([s for s in MeetingStatus if s is not meeting.status]))
        return kind, attrs.evolve(meeting, status=status)
    if kind == "rechair":
        return kind, attrs.evolve(meeting, chair=None if meeting.chair else (meeting.vice_chair or None))
    return kind, meeting


@settings(deadline=None)
@given(any_histories(max_meetings=4), st.data())
def test_sequence_never_decreases_and_rises_when_time_place_or_status_changes(
    history: History, data: st.DataObject
) -> None:
    published = render_calendar(history, CHORLEY_2015)
    for _ in range(data.draw(st.integers(1, 3))):
        if not history.meetings:
            return
        index = data.draw(st.integers(0, len(history.meetings) - 1))
        before = history.meetings[index]
        kind, after = data.draw(edits(before))
        meetings = list(history.meetings)
        meetings[index] = after
        history = attrs.evolve(history, meetings=meetings)
        republished = render_calendar(
            history, CHORLEY_2015, previous=revisions_from_calendar(published, "feed")
        )
        old, new = sequences(published), sequences(republished)
        assert all(new[key] >= old[key] for key in old if key in new)
        key = meeting_uid(after)
        changed = _significant(before, after)
        assert new[key] == old[key] + (1 if changed else 0), kind
        published = republished


def _significant(before: Meeting, after: Meeting) -> bool:
    """Whether what a client sees of the event's time, place or status changed (to the second)."""

    def seen(m: Meeting) -> tuple[object, ...]:
        start = m.start.replace(microsecond=0)
        end = m.end.replace(microsecond=0) if m.end is not None and m.end > m.start else None
        from psr_adapters.ical.lines import clean

        return (
            start,
            end,
            clean(m.location) if m.location is not None else "",
            m.status,
        )

    return seen(before) != seen(after)
