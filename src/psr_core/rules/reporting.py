"""Accountability: quarterly scrutiny reports (clause 1.5.3) and the annual review (closing line)."""

from __future__ import annotations

from datetime import date, timedelta

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Report, ReportKind
from ..periods import add_months, period_bounds, period_label, period_of
from .base import REPORTS, Rule, finds, register


def _period_ends_next(assessment: Assessment, periods: ScrutinyPeriods) -> date | None:
    """The last day of the next period to complete with no scrutiny report dated inside it so far: on it,
    that period is judged. A period that has its report completes without a finding; the one after it is
    judged by its own end at the latest (a report that comes in before is a change the rule is asked again
    for)."""
    months = periods.months
    period = period_of(assessment.as_of, months)
    last = period_bounds(period, months)[1]
    if last <= assessment.as_of:
        period += 1
        last = period_bounds(period, months)[1]
    return period_bounds(period + 1, months)[1] if periods.reported(period) else last


SCRUTINY = finds(
    "reporting.scrutiny",
    "A completed quarter with no scrutiny report dated inside it.",
    uses=("scrutiny_months",),
)


class ScrutinyPeriods:
    """The scrutiny rule's state: the periods a scrutiny report is dated in, and what it judged of each
    completed period since the partnership's start. A completed period's judgement holds until a report
    dated inside it comes in, so each period is judged once as the days go by."""

    __slots__ = ("_judged", "_last", "_period", "_reported", "_seen", "months")

    def __init__(self, assessment: Assessment) -> None:
        self.months = int(assessment.value("scrutiny_months", assessment.partnership.started))
        self._seen = 0
        """How many of the partnership's reports are in ``_reported``."""
        self._reported: set[int] = set()
        self._judged: dict[int, Finding] = {}
        """The completed periods with no report, each with its finding, in order."""
        self._period = period_of(assessment.partnership.started, self.months)
        """The next period to judge, and its last day."""
        self._last = period_bounds(self._period, self.months)[1]

    def judged(self, assessment: Assessment) -> list[Finding]:
        """A finding for each period completed by the as-of day with no scrutiny report dated inside it."""
        reports = assessment.reports()
        if len(reports) != self._seen:
            self._count(reports)
        months = self.months
        while self._last <= assessment.as_of:
            period = self._period
            if period not in self._reported:
                self._judged[period] = _unreported(assessment, period, months)
            self._period = period + 1
            self._last = period_bounds(period + 1, months)[1]
        return list(self._judged.values())

    def reported(self, period: int) -> bool:
        """Whether a scrutiny report counted so far is dated inside ``period``."""
        return period in self._reported

    def _count(self, reports: list[Report]) -> None:
        """Note the periods of the reports not yet counted; a period already judged is judged again."""
        for report in reports[self._seen :]:
            if report.kind is ReportKind.SCRUTINY:
                period = period_of(report.date, self.months)
                self._reported.add(period)
                self._judged.pop(period, None)
        self._seen = len(reports)


def _unreported(assessment: Assessment, period: int, months: int) -> Finding:
    first, last = period_bounds(period, months)
    return SCRUTINY(
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


def scrutiny(assessment: Assessment, periods: ScrutinyPeriods) -> list[Finding]:
    """Each completed period with no scrutiny report dated inside it."""
    return periods.judged(assessment)


register(
    Rule(
        SCRUTINY,
        begin=ScrutinyPeriods,
        close=scrutiny,
        holds_until=_period_ends_next,
        changes_with=frozenset({REPORTS}),
    )
)


class AnnualReviews:
    """The annual review rule's state: the days of the partnership's annual reviews, what it judged of each
    stretch a review closed (from the start or one review to the next), and the finding of the stretch still
    open, kept while no review closes it. Only a report that comes in makes it read the reports again, and
    only a new review makes it judge the stretches again: from the first one the new review changed."""

    __slots__ = ("_closed", "_open", "_reviews", "_seen")

    def __init__(self, _assessment: Assessment) -> None:
        self._seen = 0
        """How many of the partnership's reports have been read."""
        self._reviews: list[date] = []
        self._closed: list[Finding | None] = []
        """For each review, in order, the finding of the stretch it closed (``None``: on time)."""
        self._open: tuple[date, Finding] | None = None
        """The finding of the stretch since the last review, with the day it starts from."""

    def reviews(self, assessment: Assessment) -> list[date]:
        """The days of the annual reviews so far, earliest first."""
        reports = assessment.reports()
        if len(reports) != self._seen:
            self._seen = len(reports)
            reviews = sorted(r.date for r in reports if r.kind is ReportKind.ANNUAL_REVIEW)
            if reviews != self._reviews:
                same = 0
                for before, now in zip(self._reviews, reviews, strict=False):
                    if before != now:
                        break
                    same += 1
                del self._closed[same:]
                for at in range(same, len(reviews)):
                    self._closed.append(_stretch(assessment, reviews[:at], reviews[at]))
                self._reviews = reviews
                self._open = None
        return self._reviews

    def judged(self, assessment: Assessment) -> list[Finding]:
        """A finding for each stretch with no review within ``review_months``, the open one included."""
        reviews = self.reviews(assessment)
        found = [finding for finding in self._closed if finding is not None]
        last = reviews[-1] if reviews else assessment.partnership.started
        kept = self._open
        if kept is not None and kept[0] == last:
            found.append(kept[1])
            return found
        overdue = _stretch(assessment, reviews, None)
        if overdue is not None:
            self._open = (last, overdue)
            found.append(overdue)
        return found


def _stretch(assessment: Assessment, before: list[date], review: date | None) -> Finding | None:
    """The finding, if any, that the stretch after the reviews ``before`` (from the partnership's start if
    none) went past its due day: until ``review``, or, with ``None``, until the as-of day."""
    if before:
        last, label = before[-1], "its last annual review"
    else:
        last, label = assessment.partnership.started, "the partnership's start"
    due = add_months(last, int(assessment.value("review_months", last)))
    reached = review if review is not None else assessment.as_of
    if reached <= due:
        return None
    return ANNUAL(
        assessment,
        due + timedelta(days=1),
        Subject(partnership=assessment.partnership.id),
        f"The partnership has not reviewed its performance and effectiveness since {label} on "
        f"{last.isoformat()}; a review was due by {due.isoformat()}",
        {
            "last": last.isoformat(),
            "due": due.isoformat(),
            "next_review": review.isoformat() if review is not None else None,
        },
    )


def _review_falls_due(assessment: Assessment, reviews: AnnualReviews) -> date | None:
    """The day after the next review is due, unless it is overdue already."""
    held = reviews.reviews(assessment)
    last = held[-1] if held else assessment.partnership.started
    due = add_months(last, int(assessment.value("review_months", last)))
    return due + timedelta(days=1) if assessment.as_of <= due else None


ANNUAL = finds(
    "review.annual",
    "More than a year since the start or the last annual review.",
    uses=("review_months",),
)


def annual_review(assessment: Assessment, reviews: AnnualReviews) -> list[Finding]:
    """Each stretch from the start or an annual review with no review within ``review_months``."""
    return reviews.judged(assessment)


register(
    Rule(
        ANNUAL,
        begin=AnnualReviews,
        close=annual_review,
        holds_until=_review_falls_due,
        changes_with=frozenset({REPORTS}),
    )
)
