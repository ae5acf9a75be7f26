"""The annual contribution of full partners (clause 1.3.1, full partner commitment 3)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Contribution, ContributionKind, Organisation, PartnerStatus, amount_number
from ..periods import financial_year_end, financial_year_of
from .base import CONTRIBUTIONS, ORGANISATIONS, Rule, earliest, finds, parameters_hold_until, register


def _year_ends_next(assessment: Assessment, _years: ContributionYears) -> date | None:
    """The next financial year to complete, or the contributing statuses to change."""
    end = financial_year_end(financial_year_of(assessment.as_of))
    if end <= assessment.as_of:
        end = financial_year_end(financial_year_of(assessment.as_of) + 1)
    return earliest(end, parameters_hold_until(assessment, ("contributing_statuses",)))


CONTRIBUTION = finds(
    "commitment.contribution",
    "A full partner whose contributions for a completed financial year fall outside the band.",
    uses=("contribution_band", "contributing_statuses"),
)


class _Years:
    """One organisation's completed financial years, judged one by one as each completes."""

    __slots__ = ("findings", "organisation", "seen", "totals", "year", "year_end")

    def __init__(self, organisation: Organisation, first: int) -> None:
        self.organisation = organisation
        self.seen = 0
        """How many of the organisation's contributions are in ``totals``."""
        self.totals: dict[int, dict[ContributionKind, Decimal]] = {}
        self.findings: list[Finding] = []
        self.year = first
        """The next financial year to judge, and its last day."""
        self.year_end = financial_year_end(first)

    def count(self, contributions: list[Contribution]) -> None:
        """Add the contributions not yet counted; a year already judged that one is for is judged again."""
        for contribution in contributions[self.seen :]:
            by_kind = self.totals.setdefault(contribution.year, {})
            by_kind[contribution.kind] = by_kind.get(contribution.kind, Decimal(0)) + contribution.amount
            if contribution.year < self.year:
                self.year, self.year_end = contribution.year, financial_year_end(contribution.year)
                self.findings = [f for f in self.findings if f.evidence["financial_year"] < self.year]
        self.seen = len(contributions)


class ContributionYears:
    """The contribution rule's state: what it judged of each organisation's completed financial years. A
    completed year's judgement holds until a contribution for it is counted or the organisation changes
    (joins, is agreed or inducted), so each year is judged once as the days go by."""

    __slots__ = ("_bands", "_order", "_organisations", "_statuses")

    def __init__(self, _assessment: Assessment) -> None:
        self._organisations: dict[str, _Years] = {}
        self._bands: dict[date, tuple[Decimal, Decimal]] = {}
        """The band in force on the last day of each financial year judged."""
        self._statuses: tuple[object, frozenset[PartnerStatus]] = (None, frozenset())
        """The contributing statuses as last read, with the value they were read from."""
        self._order: list[str] = []
        """The partnership's organisations by id (organisations are added, never taken away)."""

    def contributing(self, assessment: Assessment) -> Iterator[Organisation]:
        """The partnership's organisations whose status contributes on the as-of day, by id."""
        value = assessment.value("contributing_statuses", assessment.as_of)
        if value is not self._statuses[0]:
            self._statuses = (value, assessment.statuses("contributing_statuses"))
        statuses = self._statuses[1]
        organisations = assessment.organisations
        if len(self._order) != len(organisations):
            self._order = sorted(organisations)
        for organisation_id in self._order:
            organisation = organisations[organisation_id]
            if organisation.status in statuses:
                yield organisation

    def band(self, assessment: Assessment, end: date) -> tuple[Decimal, Decimal]:
        """The band in force on ``end``."""
        band = self._bands.get(end)
        if band is None:
            low, high = (Decimal(str(v)) for v in assessment.value("contribution_band", end))
            band = self._bands[end] = (low, high)
        return band

    def judged(self, assessment: Assessment, organisation: Organisation) -> list[Finding]:
        """The organisation's findings for every financial year completed by the as-of day."""
        years = self._organisations.get(organisation.id)
        if years is None or years.organisation is not organisation:
            first = financial_year_of(assessment.joined(organisation))
            years = self._organisations[organisation.id] = _Years(organisation, first)
        contributions = assessment.contributions_of(organisation.id)
        if len(contributions) != years.seen:
            years.count(contributions)
        as_of = assessment.as_of
        while years.year_end <= as_of:
            band = self.band(assessment, years.year_end)
            finding = _judge_year(
                assessment, organisation, years.year, years.totals.get(years.year, {}), band
            )
            if finding is not None:
                years.findings.append(finding)
            years.year += 1
            years.year_end = financial_year_end(years.year)
        return years.findings


def _judge_year(
    assessment: Assessment,
    organisation: Organisation,
    year: int,
    by_kind: dict[ContributionKind, Decimal],
    band: tuple[Decimal, Decimal],
) -> Finding | None:
    """A finding if the organisation's contributions for the completed financial year ``year`` fall outside
    the ``band`` in force on its last day."""
    end = financial_year_end(year)
    low, high = band
    total = sum(by_kind.values(), Decimal(0))
    if low <= total <= high:
        return None
    side = "short of" if total < low else "above"
    return CONTRIBUTION(
        assessment,
        end,
        Subject(organisation=organisation.id),
        f"{organisation.name} contributed £{total:,} for {year}-{(year + 1) % 100:02d}, "
        f"{side} the £{low:,}-£{high:,} band",
        {
            "financial_year": year,
            "from": f"{year}-04-01",
            "to": end.isoformat(),
            "total": amount_number(total),
            "cash": amount_number(by_kind.get(ContributionKind.CASH, Decimal(0))),
            "in_kind": amount_number(by_kind.get(ContributionKind.IN_KIND, Decimal(0))),
            "band": [amount_number(low), amount_number(high)],
        },
    )


def contributions(assessment: Assessment, years: ContributionYears) -> Iterator[Finding]:
    """Each full partner's completed financial years whose contributions fall outside the band."""
    for organisation in years.contributing(assessment):
        yield from years.judged(assessment, organisation)


register(
    Rule(
        CONTRIBUTION,
        begin=ContributionYears,
        close=contributions,
        holds_until=_year_ends_next,
        changes_with=frozenset({CONTRIBUTIONS, ORGANISATIONS}),
    )
)
