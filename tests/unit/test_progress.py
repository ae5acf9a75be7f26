"""Progress on a terminal: a bar with the count, the percentage and the time left; nothing when piped."""

from __future__ import annotations

import io

from psr_adapters.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_known_amount_of_work_shows_a_bar_with_count_percentage_and_time_left() -> None:
    screen = Terminal()
    progress = Progress(screen)
    step = progress.steps(4, "partnership", "judging")
    for name in ("chorley", "preston", "south-ribble", "wyre"):
        step(f"{name}: 12 meetings")
    shown = screen.getvalue()
    assert "judging" in shown
    assert "3/4" in shown
    assert "75%" in shown
    assert "<" in shown  # tqdm's elapsed<remaining
    assert "south-ribble: 12 meetings" in shown
    progress.done()
    assert screen.getvalue().endswith("\r"), "the line is cleared afterwards"


def test_nothing_is_written_when_the_output_is_not_a_terminal() -> None:
    piped = io.StringIO()
    progress = Progress(piped)
    progress("reading")
    step = progress.steps(3, "partnership", "judging")
    step("chorley")
    progress.done()
    assert piped.getvalue() == ""
