"""The error the calendar adapter raises: a request it cannot turn into a calendar or a schedule."""

from __future__ import annotations

from psr_core import PsrError


class CalendarError(PsrError, ValueError):
    """An unknown group, person or partnership, an unreadable previous calendar, or a schedule that cannot
    be made; ``exit_code`` is the command line's exit status for it (docs/reference/command-line.md: 2 for
    bad input)."""

    exit_code = 2
