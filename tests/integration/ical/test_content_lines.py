"""Lines are folded at 75 octets and end with CRLF (:rfc:`5545#section-3.1`); text is escaped so that it
reads back as written (:rfc:`5545#section-3.3.11`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from ical_reading import parse, unfolded
from ical_strategies import any_histories, texts

from psr_adapters.ical import lines, render_calendar
from psr_core import CHORLEY_2015, History


def _physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


@given(any_histories())
def test_every_line_is_at_most_75_octets_ends_with_crlf_and_splits_no_character(history: History) -> None:
    data = render_calendar(history, CHORLEY_2015)
    physical = _physical_lines(data)
    for line in physical:
        assert len(line) <= 75
        assert b"\r" not in line
        assert b"\n" not in line
        line.decode("utf-8")  # a fold inside a multi-octet character would not decode
    assert unfolded(data)[0] == "BEGIN:VCALENDAR"
    assert unfolded(data)[-1] == "END:VCALENDAR"


@given(texts, st.integers(0, 80))
def test_folding_then_unfolding_gives_the_line_back(text: str, prefix: int) -> None:
    line = "X" * prefix + ":" + lines.text(text)
    folded = lines.fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


@given(texts)
def test_text_reads_back_as_written_less_control_characters(text: str) -> None:
    calendar = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:1\r\n"
        + lines.fold("SUMMARY:" + lines.text(text))
        + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert str(parse(calendar.encode()).events[0].get("SUMMARY", "")) == lines.clean(text)


def test_a_comma_semicolon_backslash_and_newline_are_escaped() -> None:
    assert lines.text("Room 1, floor 2; a\\b\nnext") == "Room 1\\, floor 2\\; a\\\\b\\nnext"
