"""What a report refuses: a period that cannot be read, a partnership that is not in the source."""

from __future__ import annotations

from psr_core import PsrError


class ReportError(PsrError, ValueError):
    """A report that cannot be made as asked; the command line exits with ``exit_code`` (bad usage: 2)."""

    exit_code = 2
