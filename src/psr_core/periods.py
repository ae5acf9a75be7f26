"""Calendar arithmetic the terms of reference rely on: months, quarters, financial years."""

from __future__ import annotations

from datetime import date, timedelta


def month_index(day: date) -> int:
    """Months since year 0, so that consecutive calendar months differ by one."""
    return day.year * 12 + (day.month - 1)


def first_of_month(index: int) -> date:
    """The first day of the month with :func:`month_index` ``index``."""
    return date(index // 12, index % 12 + 1, 1)


def last_of_month(index: int) -> date:
    return first_of_month(index + 1) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to a shorter month's end (31 Jan + 1: 28/29 Feb)."""
    index = month_index(day) + months
    return min(first_of_month(index).replace(day=1) + timedelta(days=day.day - 1), last_of_month(index))


def financial_year_of(day: date) -> int:
    """The financial year (starting 1 April) that ``day`` falls in, named by the year it starts in."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_end(year: int) -> date:
    """The last day of the financial year starting 1 April ``year``."""
    return date(year + 1, 3, 31)


def period_of(day: date, months: int) -> int:
    """The index of the ``months``-long calendar period containing ``day`` (quarters for 3: Jan-Mar, ...)."""
    return month_index(day) // months


def period_bounds(index: int, months: int) -> tuple[date, date]:
    """The first and last day of calendar period ``index`` of ``months`` months."""
    return first_of_month(index * months), last_of_month(index * months + months - 1)


def period_label(index: int, months: int) -> str:
    """A readable name for a period: ``2015Q3`` for quarters, ``2015-07..2015-12`` otherwise."""
    start, end = period_bounds(index, months)
    if months == 3:
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}..{end:%Y-%m}"
