"""The period a report covers: a calendar quarter (``2016Q1``) or any range of days."""

from __future__ import annotations

import re
from datetime import date

import attrs

from psr_core.periods import period_bounds

from .errors import ReportError

_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@attrs.frozen
class Period:
    """The days from ``start`` to ``end`` inclusive; ``label`` names it (``2016Q1``, or the two dates)."""

    start: date
    end: date
    label: str
    quarter: bool = False

    @classmethod
    def of_quarter(cls, text: str) -> Period:
        """The calendar quarter written ``YYYYQn`` (January-March is Q1), as clause 1.5.3's reports use."""
        match = _QUARTER.match(text.strip())
        if match is None:
            raise ReportError(f"a quarter is written like 2016Q1 (year, Q, 1 to 4); found {text!r}")
        year, number = int(match.group(1)), int(match.group(2))
        start, end = period_bounds(year * 4 + number - 1, 3)
        return cls(start, end, f"{year}Q{number}", quarter=True)

    @classmethod
    def of_days(cls, start: date, end: date) -> Period:
        if end < start:
            raise ReportError(
                f"--to ({end.isoformat()}) is before --from ({start.isoformat()}); give --from first"
            )
        return cls(start, end, f"{start.isoformat()} to {end.isoformat()}")

    @classmethod
    def from_options(cls, quarter: str | None, start: date | None, end: date | None) -> Period:
        """The period chosen on the command line: ``--quarter``, or both ``--from`` and ``--to``."""
        if quarter is not None:
            if start is not None or end is not None:
                raise ReportError("give either --quarter or --from and --to, not both")
            return cls.of_quarter(quarter)
        if start is None or end is None:
            raise ReportError("give the period: --quarter 2016Q1, or --from DATE and --to DATE")
        return cls.of_days(start, end)

    def describe(self) -> str:
        """The period in words: ``1 January to 31 March 2016``."""
        first = f"{self.start.day} {_MONTHS[self.start.month - 1]}"
        if self.start.year != self.end.year:
            first += f" {self.start.year}"
        return f"{first} to {self.end.day} {_MONTHS[self.end.month - 1]} {self.end.year}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end
