"""The geometry of the report's charts, worked out here so that the templates only draw.

Each chart is inline SVG with a ``<title>`` and a ``<desc>`` that says in words what it shows, and each is
followed on the page by a table of the same figures. Fills differ in lightness and pattern as well as hue,
so the charts read in greyscale and on a black-and-white printer.
"""

from __future__ import annotations

import math
from typing import Any

import attrs

from .attendance import MARKS

WIDTH = 720

MARK_STYLE: dict[str, dict[str, str]] = {
    "present": {"letter": "P", "fill": "#dcefdc", "pattern": "", "label": "present"},
    "apologies": {"letter": "A", "fill": "#f6e3a1", "pattern": "dots", "label": "apologies"},
    "absent": {"letter": "X", "fill": "#8e2a23", "pattern": "", "label": "absent"},
    "deputy": {"letter": "D", "fill": "#b9d3ee", "pattern": "hatch", "label": "deputy"},
    "excused": {"letter": "E", "fill": "#d9d9d9", "pattern": "lines", "label": "excused"},
    "unrecorded": {"letter": "?", "fill": "#ffffff", "pattern": "cross", "label": "not recorded"},
}
"""How each mark looks in the matrix and the charts: a letter, a fill, and a pattern over the fill."""


def pounds(amount: float) -> str:
    return f"£{amount:,.0f}" if amount == int(amount) else f"£{amount:,.2f}"


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10.0 * magnitude


@attrs.frozen
class Bar:
    """One partner's row: its name, the cash and in-kind parts of its bar, and the words after it."""

    label: str
    y: float
    cash_x: float
    cash_width: float
    kind_width: float
    text_x: float
    text: str
    outside: bool


@attrs.frozen
class ContributionChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    left: float
    plot_width: float
    band_x: float
    band_width: float
    band_labels: tuple[tuple[float, str], ...]
    ticks: tuple[tuple[float, str], ...]
    bars: tuple[Bar, ...]
    top: float
    bottom: float


def contribution_chart(year: dict[str, Any], chart_id: str) -> ContributionChart:
    """Horizontal bars of each contributing partner's total (cash solid, in kind hatched) over the band."""
    low, high = (float(v) for v in year["band"])
    partners = year["partners"]
    largest = max([high * 1.2, *(float(p["total"]) * 1.08 for p in partners), 1.0])
    step = _nice_step(largest)
    scale_max = math.ceil(largest / step) * step
    left, right = 12.0, 190.0
    plot_width = WIDTH - left - right
    top, row = 44.0, 44.0

    def x(value: float) -> float:
        return round(left + value / scale_max * plot_width, 2)

    bars = []
    for index, partner in enumerate(partners):
        cash, kind, total = float(partner["cash"]), float(partner["in_kind"]), float(partner["total"])
        position = partner["position"]
        words = pounds(total)
        if kind and cash:
            words += f" ({pounds(cash)} cash, {pounds(kind)} in kind)"
        elif kind:
            words += " (in kind)"
        if position != "within":
            words += f": {position} the band"
        y = top + index * row
        bars.append(
            Bar(
                label=partner["organisation"]["name"],
                y=y,
                cash_x=left,
                cash_width=round(x(cash) - left, 2),
                kind_width=round(x(cash + kind) - x(cash), 2),
                text_x=x(total) + 6,
                text=words,
                outside=position != "within",
            )
        )
    bottom = top + max(len(partners), 1) * row
    ticks = []
    value = 0.0
    while value <= scale_max + 1e-9:
        ticks.append((x(value), pounds(value)))
        value += step
    outside = [
        f"{p['organisation']['name']} {pounds(float(p['total']))}"
        for p in partners
        if p["position"] != "within"
    ]
    state = "" if year["complete"] else " (the year is not over: figures so far)"
    description = (
        f"Bar chart of the {len(partners)} contributing partners' totals for {year['label']}{state}, cash and in "
        f"kind, against the band from {pounds(low)} to {pounds(high)} (clause 1.3.1). "
        + (f"Outside the band: {'; '.join(outside)}." if outside else "Every partner is within the band.")
    )
    return ContributionChart(
        id=chart_id,
        title=f"Contributions for {year['label']} against the {pounds(low)} to {pounds(high)} band",
        description=description,
        width=WIDTH,
        height=int(bottom + 30),
        left=left,
        plot_width=plot_width,
        band_x=x(low),
        band_width=round(x(high) - x(low), 2),
        band_labels=((x(low), pounds(low)), (x(high), pounds(high))),
        ticks=tuple(ticks),
        bars=tuple(bars),
        top=top - 10,
        bottom=bottom,
    )


@attrs.frozen
class Segment:
    mark: str
    x: float
    width: float
    count: int
    percent: str


@attrs.frozen
class GroupBar:
    label: str
    y: float
    segments: tuple[Segment, ...]
    expected: int


@attrs.frozen
class AttendanceChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    left: float
    plot_width: float
    bars: tuple[GroupBar, ...]
    legend: tuple[tuple[float, str], ...]
    legend_y: float


def attendance_chart(groups: list[dict[str, Any]], chart_id: str, period: str) -> AttendanceChart:
    """One stacked bar per group: how the expected attendances in the period divide between the marks."""
    left, row = 12.0, 50.0
    plot_width = WIDTH - 2 * left
    bars = []
    words = []
    shown = [group for group in groups if group["totals"]["expected"]]
    for index, group in enumerate(shown):
        totals = group["totals"]
        expected = totals["expected"]
        x = left
        segments = []
        parts = []
        for mark in MARKS:
            count = totals[mark.value]
            if not count:
                continue
            width = count / expected * plot_width
            percent = f"{count / expected:.0%}"
            segments.append(Segment(mark.value, round(x, 2), round(width, 2), count, percent))
            parts.append(f"{MARK_STYLE[mark.value]['label']} {count} ({percent})")
            x += width
        bars.append(GroupBar(group["group"]["name"], 24 + index * row, tuple(segments), expected))
        words.append(f"{group['group']['name']}: {expected} expected attendances, {', '.join(parts)}")
    legend_y = 24 + len(shown) * row + 8
    legend = tuple((left + index * 118.0, mark.value) for index, mark in enumerate(MARKS))
    return AttendanceChart(
        id=chart_id,
        title=f"Attendance by group, {period}",
        description="Stacked bars of expected attendances by what the minutes record. "
        + "; ".join(words)
        + ".",
        width=WIDTH,
        height=int(legend_y + 26),
        left=left,
        plot_width=plot_width,
        bars=tuple(bars),
        legend=legend,
        legend_y=legend_y,
    )
