"""Finding ids: what lets the partnership's casework name a finding from one run to the next.

Every finding carries an id that is the same for the same rule, partnership, day and subject in every run
and under any later as-of day on which the finding still stands, that differs when any of those differ,
and that stands in a URL path as it is: at most 64 characters of ``A-Z a-z 0-9 . _ ~ -``.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from psr_core import Finding, History, Subject, evaluate, finding_id
from strategies import histories, judgement_days
from strategies.chorley import chorley, full_structure

URL_SAFE = re.compile(r"[A-Za-z0-9._~-]{1,64}")


def identity(finding: Finding) -> tuple[object, ...]:
    """Rule, partnership, day and subject; and the facet that tells apart one rule's findings about one
    subject on one day (the vacant advocate roles of ``composition.advocates``)."""
    return (finding.rule, finding.partnership, finding.date, finding.subject, finding.facet)


@st.composite
def judged(draw: st.DrawFn) -> tuple[History, date]:
    history = draw(histories())
    return history, draw(judgement_days(history))


@given(judged())
def test_every_finding_id_stands_in_a_url_path_as_it_is(case: tuple[History, date]) -> None:
    history, as_of = case
    for finding in evaluate(history, None, as_of).findings:
        assert URL_SAFE.fullmatch(finding.id), finding.id


@given(judged())
def test_findings_that_differ_in_rule_partnership_day_or_subject_have_different_ids(
    case: tuple[History, date],
) -> None:
    history, as_of = case
    ids: dict[str, tuple[object, ...]] = {}
    for finding in evaluate(history, None, as_of).findings:
        assert ids.setdefault(finding.id, identity(finding)) == identity(finding)


@given(judged(), st.integers(min_value=1, max_value=400))
def test_a_finding_keeps_its_id_on_every_later_day_it_still_stands(
    case: tuple[History, date], later: int
) -> None:
    history, as_of = case
    now = {identity(f): f.id for f in evaluate(history, None, as_of).findings}
    then = evaluate(history, None, as_of + timedelta(days=later)).findings
    for finding in then:
        if identity(finding) in now:
            assert finding.id == now[identity(finding)]


@given(judged())
def test_finding_ids_are_unique_within_an_evaluation(case: tuple[History, date]) -> None:
    history, as_of = case
    found = evaluate(history, None, as_of).findings
    counts = Counter(f.id for f in found)
    assert [key for key, n in counts.items() if n > 1] == []


def test_two_vacant_advocate_roles_are_two_findings_with_two_ids() -> None:
    """1.4.9 and 1.4.10: with neither the community nor the third sector advocate seated, two findings,
    about the same partnership on the same day, told apart by the role (the finding's facet)."""
    seats = [m for m in full_structure() if m.person != "martin-cox"]
    found = evaluate(chorley(memberships=seats), None, date(2016, 1, 1)).of_rule("composition.advocates")
    assert len(found) == 2
    assert found[0].id != found[1].id


WORDS = st.text(max_size=120)
IDS = st.one_of(st.none(), WORDS)


@given(
    rule=WORDS,
    partnership=WORDS,
    day=st.dates(date(1900, 1, 1), date(2199, 12, 31)),
    subject=st.builds(Subject, IDS, IDS, IDS, IDS, IDS, IDS),
)
def test_any_rule_and_subject_give_an_id_of_at_most_64_url_safe_characters(
    rule: str, partnership: str, day: date, subject: Subject
) -> None:
    made = finding_id(rule, partnership, day, subject)
    assert URL_SAFE.fullmatch(made), made
    assert made == finding_id(rule, partnership, day, subject)


@given(
    first=st.tuples(WORDS, WORDS, st.dates(), st.builds(Subject, IDS, IDS, IDS, IDS, IDS, IDS)),
    second=st.tuples(WORDS, WORDS, st.dates(), st.builds(Subject, IDS, IDS, IDS, IDS, IDS, IDS)),
)
def test_different_rules_partnerships_days_or_subjects_give_different_ids(
    first: tuple[str, str, date, Subject], second: tuple[str, str, date, Subject]
) -> None:
    if first != second:
        assert finding_id(*first) != finding_id(*second)
