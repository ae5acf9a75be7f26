"""The closing line of the terms of reference: "The partnership will review its performance and
effectiveness annually."

The rule: ``review.annual``, more than a year since the start or the last annual review.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from psr_core import Finding, Severity
from strategies.chorley import CHORLEY, STARTED, annual_review, chorley, findings_of, scrutiny_report

REVIEW = "review.annual"


def review_findings(*reviews: date, as_of: date) -> tuple[Finding, ...]:
    return findings_of(REVIEW, chorley(reports=[annual_review(day) for day in reviews]), as_of)


def test_a_review_on_the_first_anniversary_of_the_start_is_in_time() -> None:
    assert review_findings(date(2016, 6, 16), as_of=date(2016, 12, 31)) == ()


def test_a_review_a_year_and_a_day_after_the_start_is_late() -> None:
    (finding,) = review_findings(date(2016, 6, 17), as_of=date(2016, 12, 31))
    assert finding.clause == "closing line"
    assert finding.severity is Severity.ACTION
    assert finding.subject.as_dict() == {"partnership": CHORLEY.id}
    assert finding.date == date(2016, 6, 17)
    assert finding.evidence == {"last": "2015-06-16", "due": "2016-06-16", "next_review": "2016-06-17"}


def test_with_no_review_the_partnership_is_overdue_from_the_day_after_the_anniversary() -> None:
    assert review_findings(as_of=date(2016, 6, 16)) == ()
    (finding,) = review_findings(as_of=date(2016, 6, 17))
    assert finding.evidence["next_review"] is None
    assert finding.date == date(2016, 6, 17)


def test_an_overdue_review_is_one_finding_however_long_it_stays_overdue() -> None:
    assert len(review_findings(as_of=date(2018, 1, 1))) == 1


def test_the_next_review_is_due_a_year_after_the_last() -> None:
    assert review_findings(date(2016, 5, 3), as_of=date(2017, 5, 3)) == ()
    (finding,) = review_findings(date(2016, 5, 3), as_of=date(2017, 5, 4))
    assert finding.evidence["last"] == "2016-05-03"


def test_a_report_to_scrutiny_is_not_an_annual_review() -> None:
    history = chorley(reports=[scrutiny_report(date(2016, 3, 31))])
    assert len(findings_of(REVIEW, history, date(2016, 6, 17))) == 1


def a_year_after(day: date) -> date:
    """The same day a year later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 2, 28)


def test_a_year_after_the_twenty_ninth_of_february_ends_on_the_twenty_eighth() -> None:
    late = chorley(reports=[annual_review(date(2016, 2, 29)), annual_review(date(2017, 3, 1))])
    (finding,) = findings_of(REVIEW, late, date(2017, 6, 1))
    assert finding.evidence["due"] == "2017-02-28"


@given(
    reviews=st.lists(st.dates(STARTED, date(2018, 6, 30)), max_size=4),
    as_of=st.dates(STARTED, date(2018, 12, 31)),
)
def test_the_partnership_reviews_its_performance_and_effectiveness_annually(
    reviews: list[date], as_of: date
) -> None:
    """Closing line: "The partnership will review its performance and effectiveness annually." More than a
    year after the start, or after the last review, without a review is a finding, once for each gap."""
    expected, last = [], STARTED
    for review in sorted(day for day in reviews if day <= as_of):
        if review > a_year_after(last):
            expected.append(a_year_after(last) + timedelta(days=1))
        last = review
    if as_of > a_year_after(last):
        expected.append(a_year_after(last) + timedelta(days=1))
    assert sorted(f.date for f in review_findings(*reviews, as_of=as_of)) == expected
