"""The annual contribution of full partners (clause 1.3.1, full partner commitment 3)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from ..assessment import Assessment
from ..findings import Finding, Subject
from ..model import ContributionKind, amount_number
from ..periods import financial_year_end, financial_year_of
from .base import CONTRIBUTIONS, ORGANISATIONS, earliest, finds, parameters_hold_until, rule


def _year_ends_next(assessment: Assessment) -> date | None:
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


@rule(
    CONTRIBUTION,
    holds_until=_year_ends_next,
    changes_with=frozenset({CONTRIBUTIONS, ORGANISATIONS}),
)
def contributions(assessment: Assessment) -> Iterator[Finding]:
    totals: defaultdict[tuple[str, int], dict[ContributionKind, Decimal]] = defaultdict(dict)
    for contribution in (c for o in assessment.organisations for c in assessment.contributions_of(o)):
        by_kind = totals[(contribution.organisation, contribution.year)]
        by_kind[contribution.kind] = by_kind.get(contribution.kind, Decimal(0)) + contribution.amount
    statuses = assessment.statuses("contributing_statuses")
    for organisation in sorted(assessment.organisations.values(), key=lambda o: o.id):
        if organisation.status not in statuses:
            continue
        year = financial_year_of(assessment.joined(organisation))
        while financial_year_end(year) <= assessment.as_of:
            end = financial_year_end(year)
            low, high = (Decimal(str(v)) for v in assessment.value("contribution_band", end))
            by_kind = totals.get((organisation.id, year), {})
            total = sum(by_kind.values(), Decimal(0))
            if not low <= total <= high:
                side = "short of" if total < low else "above"
                yield CONTRIBUTION(
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
            year += 1
