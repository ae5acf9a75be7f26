"""Reports people read: the quarterly scrutiny report (clause 1.5.3) and attendance statistics.

>>> document = build_report(history, "chorley", None, Period.of_quarter("2015Q4"))   # doctest: +SKIP
>>> html = render_html(document)                                                     # doctest: +SKIP

:func:`build_report` gathers the period's meetings, the attendance matrix and statistics, the findings,
the contributions and the declarations as one JSON-ready document; :func:`render_html` draws it as one
self-contained page. :func:`statistics_table` prints the statistics for a terminal.
"""

from __future__ import annotations

from .document import FORMAT, build_report
from .errors import ReportError
from .html import render_html
from .period import Period
from .terminal import statistics_table

__all__ = ["FORMAT", "Period", "ReportError", "build_report", "render_html", "statistics_table"]
