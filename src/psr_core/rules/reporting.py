"""Accountability: quarterly scrutiny reports (clause 1.5.3) and the annual review (closing line)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import ReportKind
from ..periods import add_months, period_bounds, period_label, period_of
from .base import REPORTS, finds, rule


def _period_ends_next(assessment: Assessment) -> date | None:
    """The last day of the next period to complete: on it, that period is judged."""
    months = int(assessment.value("scrutiny_months", assessment.partnership.started))
    period = period_of(assessment.as_of, months)
    last = period_bounds(period, months)[1]
    return last if last > assessment.as_of else period_bounds(period + 1, months)[1]


SCRUTINY = finds(
    "reporting.scrutiny",
    "A completed quarter with no scrutiny report dated inside it.",
    uses=("scrutiny_months",),
)


@rule(
    SCRUTINY,
    holds_until=_period_ends_next,
    changes_with=frozenset({REPORTS}),
)
def scrutiny(assessment: Assessment) -> Iterator[Finding]:
    months = int(assessment.value("scrutiny_months", assessment.partnership.started))
    reported = {
        period_of(report.date, months)
        for report in assessment.reports()
        if report.kind is ReportKind.SCRUTINY
    }
    period = period_of(assessment.partnership.started, months)
    while True:
        first, last = period_bounds(period, months)
        if last > assessment.as_of:
            return
        if period not in reported:
            yield SCRUTINY(
                assessment,
                last,
                Subject(partnership=assessment.partnership.id),
                f"No performance report to the Overview and Scrutiny Committee is recorded for "
                f"{period_label(period, months)} ({first.isoformat()} to {last.isoformat()})",
                {
                    "period": period_label(period, months),
                    "from": first.isoformat(),
                    "to": last.isoformat(),
                },
            )
        period += 1


def _review_falls_due(assessment: Assessment) -> date | None:
    """The day after the next review is due, unless it is overdue already."""
    reviews = [r.date for r in assessment.reports() if r.kind is ReportKind.ANNUAL_REVIEW]
    last = max([assessment.partnership.started, *reviews])
    due = add_months(last, int(assessment.value("review_months", last)))
    return due + timedelta(days=1) if assessment.as_of <= due else None


ANNUAL = finds(
    "review.annual",
    "More than a year since the start or the last annual review.",
    uses=("review_months",),
)


@rule(
    ANNUAL,
    holds_until=_review_falls_due,
    changes_with=frozenset({REPORTS}),
)
def annual_review(assessment: Assessment) -> Iterator[Finding]:
    reviews = sorted(
        report.date for report in assessment.reports() if report.kind is ReportKind.ANNUAL_REVIEW
    )
    last = assessment.partnership.started
    label = "the partnership's start"
    for review in [*reviews, None]:
        due = add_months(last, int(assessment.value("review_months", last)))
        reached = review if review is not None else assessment.as_of
        if reached > due:
            overdue = due + timedelta(days=1)
            yield ANNUAL(
                assessment,
                overdue,
                Subject(partnership=assessment.partnership.id),
                f"The partnership has not reviewed its performance and effectiveness since {label} on "
                f"{last.isoformat()}; a review was due by {due.isoformat()}",
                {
                    "last": last.isoformat(),
                    "due": due.isoformat(),
                    "next_review": review.isoformat() if review is not None else None,
                },
            )
        if review is not None:
            last, label = review, "its last annual review"
