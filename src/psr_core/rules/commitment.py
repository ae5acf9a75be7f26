"""The annual contribution of full partners (clause 1.3.1, full partner commitment 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import Contribution, ContributionKind, Organisation, amount_number
from ..periods import financial_year_end, financial_year_of
from .base import CONTRIBUTIONS, ORGANISATIONS, Rule, earliest, finds, parameters_hold_until, register


def _year_ends_next(assessment: Assessment, years: ContributionYears) -> date | None:
    """The end of the next financial year whose completing gives a contributing organisation a finding on
    what it has counted so far, or the contributing statuses to change. A year that completes within the
    band changes nothing; the one after it is judged again by its own end at the latest (a contribution
    for it that comes in before is a change the rule is asked again for)."""
    return earliest(years.changes_on, parameters_hold_until(assessment, ("contributing_statuses",)))


CONTRIBUTION = finds(
    "commitment.contribution",
    "A full partner whose contributions for a completed financial year fall outside the band.",
    uses=("contribution_band", "contributing_statuses"),
)


class _Years:
    """One organisation's completed financial years, judged one by one as each completes."""

    __slots__ = ("changes_on", "findings", "organisation", "seen", "totals", "within", "year", "year_end")

    def __init__(self, organisation: Organisation, first: int) -> None:
        self.organisation = organisation
        self.seen = 0
        """How many of the organisation's contributions are in ``totals``."""
        self.totals: dict[int, dict[ContributionKind, Decimal]] = {}
        self.findings: list[Finding] = []
        self.year = first
        """The next financial year to judge, and its last day."""
        self.year_end = financial_year_end(first)
        self.within: bool | None = None
        """Whether the contributions counted so far for the year to judge fall within the band in force on
        its last day (``None``: not looked at since the year or its contributions changed)."""
        self.changes_on = self.year_end
        """The first day its findings may differ on what is counted: the end of the year to judge unless
        its contributions so far fall within the band, else the end of the year after."""

    def count(self, contributions: list[Contribution]) -> None:
        """Add the contributions not yet counted; a year already judged that one is for is judged again."""
        for contribution in contributions[self.seen :]:
            by_kind = self.totals.setdefault(contribution.year, {})
            by_kind[contribution.kind] = by_kind.get(contribution.kind, Decimal(0)) + contribution.amount
            if contribution.year <= self.year:
                self.within = None
            if contribution.year < self.year:
                self.year, self.year_end = contribution.year, financial_year_end(contribution.year)
                self.findings = [f for f in self.findings if f.evidence["financial_year"] < self.year]
        self.seen = len(contributions)


class ContributionYears:
    """The contribution rule's state: what it judged of each organisation's completed financial years. A
    completed year's judgement holds until a contribution for it is counted or the organisation changes
    (joins, is agreed or inducted), so each year is judged once as the days go by."""

    __slots__ = ("_bands", "_contributing", "_organisations", "_read", "changes_on")

    def __init__(self, _assessment: Assessment) -> None:
        self._organisations: dict[str, _Years] = {}
        self._bands: dict[date, tuple[Decimal, Decimal]] = {}
        """The band in force on the last day of each financial year judged."""
        self._read: tuple[object, int] = (None, -1)
        """The contributing statuses' value and the count of organisations the assessment had taken in
        when ``_contributing`` was worked out."""
        self._contributing: list[Organisation] = []
        self.changes_on: date | None = None
        """The earliest ``changes_on`` of the organisations judged when last asked (see ``judged``)."""

    def contributing(self, assessment: Assessment) -> list[Organisation]:
        """The partnership's organisations whose status contributes on the as-of day, by id."""
        value = assessment.value("contributing_statuses", assessment.as_of)
        read_value, taken_in = self._read
        if value is not read_value or taken_in != assessment.organisations_taken_in:
            statuses = assessment.statuses("contributing_statuses")
            organisations = assessment.organisations
            self._contributing = [
                organisations[organisation_id]
                for organisation_id in sorted(organisations)
                if organisations[organisation_id].status in statuses
            ]
            self._read = (value, assessment.organisations_taken_in)
        return self._contributing

    def band(self, assessment: Assessment, end: date) -> tuple[Decimal, Decimal]:
        """The band in force on ``end``."""
        band = self._bands.get(end)
        if band is None:
            low, high = (Decimal(str(v)) for v in assessment.value("contribution_band", end))
            band = self._bands[end] = (low, high)
        return band

    def _look_at(self, assessment: Assessment, years: _Years) -> bool:
        """Whether the year to judge, as counted so far, falls within the band (``_Years.within``)."""
        within = years.within
        if within is None:
            total = _total(years.totals.get(years.year, {}))
            within = years.within = _within(total, self.band(assessment, years.year_end))
            years.changes_on = financial_year_end(years.year + 1) if within else years.year_end
        return within

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
            if not self._look_at(assessment, years):
                band = self.band(assessment, years.year_end)
                finding = _judge_year(
                    assessment, organisation, years.year, years.totals.get(years.year, {}), band
                )
                if finding is not None:
                    years.findings.append(finding)
            years.year += 1
            years.year_end = financial_year_end(years.year)
            years.within = None
        self._look_at(assessment, years)
        return years.findings

    def all_judged(self, assessment: Assessment) -> list[Finding]:
        """Every contributing organisation's findings for the financial years completed by the as-of day,
        noting the first day on which one of them may differ on what is counted (``changes_on``)."""
        found: list[Finding] = []
        changes_on: date | None = None
        for organisation in self.contributing(assessment):
            found.extend(self.judged(assessment, organisation))
            day = self._organisations[organisation.id].changes_on
            if changes_on is None or day < changes_on:
                changes_on = day
        self.changes_on = changes_on
        return found


def _total(by_kind: dict[ContributionKind, Decimal]) -> Decimal:
    return sum(by_kind.values(), Decimal(0))


def _within(total: Decimal, band: tuple[Decimal, Decimal]) -> bool:
    """Whether a financial year's contributions ``total`` fall inside the ``band``, its ends included."""
    low, high = band
    return low <= total <= high


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
    total = _total(by_kind)
    if _within(total, band):
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


def contributions(assessment: Assessment, years: ContributionYears) -> list[Finding]:
    """Each full partner's completed financial years whose contributions fall outside the band."""
    return years.all_judged(assessment)


def _counts_from_year_end(kind: str, fact: object) -> date | None:
    """A contribution changes what the rule finds from the last day of the financial year it is for (only
    that year's judgement reads it); an organisation's change, at once."""
    return financial_year_end(fact.year) if kind == CONTRIBUTIONS and isinstance(fact, Contribution) else None


register(
    Rule(
        CONTRIBUTION,
        begin=ContributionYears,
        close=contributions,
        holds_until=_year_ends_next,
        changes_with=frozenset({CONTRIBUTIONS, ORGANISATIONS}),
        counts_from=_counts_from_year_end,
    )
)
