"""The period a report covers: a quarter of a financial year (``2015/16-Q4``, shown ``Q4 2015/16``), a
calendar quarter (``2016Q1``) or any range of days.

Councils write quarters by financial year, which starts on 1 April (as in clause 1.3.1 of the Terms of
Reference (2015): contributions are counted per financial year): Q1 is April to June, Q4 January to March
of the next calendar year. A calendar quarter (January to March is Q1) is still accepted.
"""

from __future__ import annotations

import re
from datetime import date

import attrs

from psr_core.periods import period_bounds

from .errors import ReportError

_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_FINANCIAL = re.compile(r"^(?:(\d{4})/(\d{2})-?[Qq]([1-4])|[Qq]([1-4])\s+(\d{4})/(\d{2}))$")
FINANCIAL_YEAR_START = 4
"""The month a financial year starts in: April (clause 1.3.1 counts contributions by financial year)."""
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
        """A quarter of a financial year written ``2015/16-Q4`` (or ``Q4 2015/16``, as it is shown), or a
        calendar quarter written ``YYYYQn`` (January-March is Q1)."""
        financial = _FINANCIAL.match(text.strip())
        if financial is not None:
            return cls._financial(text, *(g for g in financial.groups() if g is not None))
        match = _QUARTER.match(text.strip())
        if match is None:
            raise ReportError(
                "a quarter is written like 2016Q1 (a calendar quarter: January to March is Q1) or like "
                f"2015/16-Q4 (a financial year's, from 1 April: Q4 is January to March 2016); found {text!r}"
            )
        year, number = int(match.group(1)), int(match.group(2))
        start, end = period_bounds(year * 4 + number - 1, 3)
        return cls(start, end, f"{year}Q{number}", quarter=True)

    @classmethod
    def _financial(cls, text: str, *parts: str) -> Period:
        if len(parts[0]) == 1:  # Q4 2015/16
            number, year, next_year = int(parts[0]), int(parts[1]), int(parts[2])
        else:  # 2015/16-Q4
            year, next_year, number = int(parts[0]), int(parts[1]), int(parts[2])
        if next_year != (year + 1) % 100:
            raise ReportError(
                f"a financial year runs from 1 April to 31 March of the next year, like 2015/16; found {text!r}"
            )
        # April starts the second calendar quarter, so a financial quarter is a calendar quarter.
        start, end = period_bounds(year * 4 + (FINANCIAL_YEAR_START - 1) // 3 + number - 1, 3)
        return cls(start, end, f"Q{number} {year}/{next_year:02d}", quarter=True)

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
