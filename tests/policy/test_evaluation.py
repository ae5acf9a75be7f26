"""What holds of every evaluation, whatever the clause: the findings and the contract (CONTRACT §3, §4).

Evaluation is pure and deterministic, blind to the order of the facts and to anything dated after the day
it judges; every finding cites the clause and carries the severity CONTRACT §4 gives its rule, names the
subjects the contract lists, and says which readings of ambiguous text it used; a rule switched off takes
exactly its own findings with it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from psr_core import (
    CHORLEY_2015,
    RULES,
    Contribution,
    Decision,
    DecisionMethod,
    Finding,
    History,
    Item,
    Meeting,
    Membership,
    Organisation,
    PartnerStatus,
    Person,
    Policy,
    Report,
    ReportKind,
    Role,
    Severity,
    evaluate,
)
from strategies import histories, judgement_days
from strategies.chorley import (
    CHIEF_OFFICERS,
    FULL_PARTNERS,
    OPERATIONAL_MANAGERS,
    STARTED,
    absent,
    annual_review,
    chorley,
    contribution,
    deputised,
    full_structure,
    held,
    monthly,
    run_history,
    scrutiny_report,
    seat,
)

BREACH, ACTION, INFO = Severity.BREACH, Severity.ACTION, Severity.INFO

CONTRACT_4 = {
    "composition.executive": ("1.2.1, 1.3.1", BREACH, {"organisation"}),
    "composition.implementation": ("1.3.1", BREACH, {"organisation"}),
    "composition.board": ("1.5.2", BREACH, {"organisation"}),
    "composition.advocates": ("1.4.9, 1.4.10", ACTION, {"partnership"}),
    "composition.role": ("1.2.1", BREACH, {"person", "group"}),
    "commitment.contribution": ("1.3.1", BREACH, {"organisation"}),
    "meeting.frequency": ("1.2.1", BREACH, {"group"}),
    "meeting.agenda-notice": ("1.7.1", BREACH, {"meeting"}),
    "meeting.attendance-recorded": ("1.7.7", BREACH, {"meeting"}),
    "meeting.chair": ("1.2.1, 1.7.2", BREACH, {"meeting"}),
    "attendance.written-explanation": ("1.7.3", ACTION, {"person", "group", "meeting"}),
    "attendance.deemed-resignation": ("1.7.3", ACTION, {"person", "group", "meeting"}),
    "attendance.deputy": ("1.4.8", INFO, {"person", "meeting"}),
    "interest.prejudicial-participation": ("1.7.6", BREACH, {"person", "meeting", "item"}),
    "decision.vote-eligibility": ("1.7.5, 1.7.6", BREACH, {"person", "meeting", "item"}),
    "admission.new-partner": ("1.7.4", BREACH, {"organisation"}),
    "reporting.scrutiny": ("1.5.3", BREACH, {"partnership"}),
    "review.annual": ("closing line", ACTION, {"partnership"}),
}
"""CONTRACT §4, the table: each rule id of ``chorley-2015`` with its clause, severity and subject kinds."""

DEEMED_RESIGNATION = "attendance.deemed-resignation"

MEETING_RULES = {
    "meeting.agenda-notice",
    "meeting.attendance-recorded",
    "meeting.chair",
    "attendance.written-explanation",
    DEEMED_RESIGNATION,
    "attendance.deputy",
    "interest.prejudicial-participation",
    "decision.vote-eligibility",
}
"""The rules that judge a held meeting from its own minutes and the seats held that day."""

T = TypeVar("T")


def judged(history: History, day: date, policy: Policy | None = CHORLEY_2015) -> tuple[Finding, ...]:
    return evaluate(history, policy, day).findings


# -- The contract's table -------------------------------------------------------------------------------


def test_the_default_policy_adopts_exactly_the_eighteen_rules_of_the_contract() -> None:
    assert sorted(CHORLEY_2015.rules) == sorted(CONTRACT_4)


@pytest.mark.parametrize("rule", sorted(CONTRACT_4))
def test_each_rule_cites_its_clause_and_quotes_the_text(rule: str) -> None:
    clause, severity, _subject = CONTRACT_4[rule]
    terms = CHORLEY_2015.terms(rule)
    assert terms.clause == clause
    assert terms.severity is severity
    assert all(citation.text for citation in terms.citations)
    cited = {citation.clause for citation in terms.citations}
    assert cited <= set(clause.split(", "))


@given(history=histories(), data=st.data())
def test_every_finding_has_the_clause_severity_and_subject_of_contract_section_4(
    history: History, data: st.DataObject
) -> None:
    """CONTRACT §4: "Severity is ``breach`` unless the table says otherwise. ``subject`` holds at least the
    keys in the third column." The clause is the one the table gives the rule."""
    for finding in judged(history, data.draw(judgement_days(history))):
        clause, severity, subject = CONTRACT_4[finding.rule]
        assert finding.clause == clause
        assert finding.severity is severity
        assert subject <= set(finding.subject.as_dict())
        assert (finding.partnership, finding.policy) == ("chorley", "chorley-2015")


READING_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "apologies_count_as_missed": st.booleans(),
    "deputy_counts_as_missed": st.booleans(),
    "exceptional_reason_skips": st.booleans(),
    "unrecorded_attendance": st.sampled_from(["skip", "missed", "attended"]),
    "deemed_resignation_ends_membership": st.booleans(),
    "abstention_counts_as_voting": st.booleans(),
    "deputies_may_vote": st.booleans(),
    "board_statuses": st.sampled_from([["full"], ["full", "affiliated"]]),
    "deciding_tiers": st.sampled_from([["board"], ["executive"], ["board", "executive"]]),
    "partnership_decision_methods": st.sampled_from(
        [["vote"], ["vote", "chair"], ["vote", "chair", "consensus"]]
    ),
    "vice_chair_from_other_side": st.booleans(),
}
"""Every reading of ambiguous text the default policy names, with the values each may take."""

READINGS = st.fixed_dictionaries(READING_VALUES)


def read_as(readings: dict[str, Any]) -> Policy:
    policy = CHORLEY_2015
    for name, value in readings.items():
        policy = policy.with_parameter(name, value)
    return policy


def test_the_readings_varied_here_are_every_interpretation_of_the_policy() -> None:
    interpretations = {name for name, p in CHORLEY_2015.parameters.items() if p.interpretation}
    assert interpretations == set(READING_VALUES)


@given(history=histories(), data=st.data(), readings=READINGS)
def test_every_finding_says_which_readings_of_ambiguous_text_it_used(
    history: History, data: st.DataObject, readings: dict[str, Any]
) -> None:
    """seeds/README: "Where the text is ambiguous (does an apology count as a missed meeting? does a
    deputy?), the library does not guess silently: the choice is a named policy parameter with a documented
    default, and every finding that depends on it says which reading it used." A finding's interpretation
    lists exactly the interpretation parameters its rule reads, with the values in force."""
    policy = read_as(readings)
    for finding in judged(history, data.draw(judgement_days(history)), policy):
        uses = {name for name in RULES[finding.rule].uses if policy.parameter(name).interpretation}
        assert finding.interpretation == {name: readings[name] for name in uses}


# -- Purity ---------------------------------------------------------------------------------------------


@given(history=histories(), data=st.data())
def test_evaluation_is_deterministic(history: History, data: st.DataObject) -> None:
    """CONTRACT §3: "``--as-of DATE`` evaluates the history as it stood at the end of that day": the same
    history on the same day gives the same evaluation, every time."""
    day = data.draw(judgement_days(history))
    assert evaluate(history, None, day) == evaluate(history, None, day)


def mixed(values: Iterable[T], rnd: random.Random) -> tuple[T, ...]:
    shuffled = list(values)
    rnd.shuffle(shuffled)
    return tuple(shuffled)


def shuffled(history: History, rnd: random.Random) -> History:
    """``history`` with every tuple in it shuffled, down to the votes on an item and a person's offices."""

    def decision(found: Decision | None) -> Decision | None:
        if found is None:
            return None
        return attrs.evolve(
            found,
            votes_for=mixed(found.votes_for, rnd),
            votes_against=mixed(found.votes_against, rnd),
            abstentions=mixed(found.abstentions, rnd),
        )

    def item(found: Item) -> Item:
        return attrs.evolve(
            found, declarations=mixed(found.declarations, rnd), decision=decision(found.decision)
        )

    def meeting(found: Meeting) -> Meeting:
        return attrs.evolve(
            found,
            groups=mixed(found.groups, rnd),
            attendance=mixed(found.attendance, rnd),
            items=mixed(map(item, found.items), rnd),
        )

    return History(
        partnerships=mixed(history.partnerships, rnd),
        organisations=mixed(history.organisations, rnd),
        people=mixed((attrs.evolve(p, offices=mixed(p.offices, rnd)) for p in history.people), rnd),
        groups=mixed(history.groups, rnd),
        memberships=mixed(history.memberships, rnd),
        meetings=mixed(map(meeting, history.meetings), rnd),
        contributions=mixed(history.contributions, rnd),
        reports=mixed(history.reports, rnd),
    )


@given(history=histories(), data=st.data(), rnd=st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_the_order_of_the_facts(
    history: History, data: st.DataObject, rnd: random.Random
) -> None:
    """``evaluate``: "Pure and deterministic: the same arguments give the same findings, in the same order,
    whatever the order of the facts in the history." The minutes are a record of facts, not a sequence:
    1.7.7 "A full record of those present at the meeting, of apologies of absence and non-attendance"."""
    day = data.draw(judgement_days(history))
    assert judged(shuffled(history, rnd), day) == judged(history, day)


def test_a_joint_meeting_is_judged_the_same_whichever_group_its_minutes_list_first() -> None:
    members = [
        seat("allan-jones", "exec", Role.ADVOCATE),
        seat("allan-jones", "ig", Role.OPERATIONAL_MANAGER),
    ]
    minutes = {"allan-jones": deputised("allan-jones", "gary-hall")}
    joint = held(("exec", "ig"), date(2015, 7, 14), minutes, chair="gary-hall")
    listed_the_other_way = attrs.evolve(joint, groups=("ig", "exec"))
    day = date(2015, 7, 31)
    assert judged(chorley(memberships=members, meetings=[listed_the_other_way]), day) == judged(
        chorley(memberships=members, meetings=[joint]), day
    )


def test_a_deputy_sent_by_two_members_is_judged_the_same_whichever_the_minutes_list_first() -> None:
    members = [seat("gary-hall", "exec"), seat("allan-jones", "exec", Role.ADVOCATE)]
    minutes = {
        "gary-hall": deputised("gary-hall", "hayley-hughes"),
        "allan-jones": deputised("allan-jones", "hayley-hughes"),
    }
    vote = Item(id="4", decision=Decision(DecisionMethod.VOTE, votes_for=["hayley-hughes"]))
    meeting = held("exec", date(2015, 7, 14), minutes, items=[vote])
    listed_the_other_way = attrs.evolve(meeting, attendance=meeting.attendance[::-1])
    day = date(2015, 7, 31)
    assert judged(chorley(memberships=members, meetings=[listed_the_other_way]), day) == judged(
        chorley(memberships=members, meetings=[meeting]), day
    )


@st.composite
def later_facts(draw: st.DrawFn, history: History, day: date) -> History:
    """``history`` with facts added that are all dated after ``day``: meetings of every group with every
    member absent and an outsider voting, a new seat, a new partner, reports, a contribution for a later
    year, an end to a seat that was open, and the admission (agreement, induction) of a partner that had
    joined without it."""
    after = day + timedelta(days=draw(st.integers(1, 120)))
    admitted = [
        attrs.evolve(o, agreed_by_chair="alistair-bradley", agreed_on=after, inducted_on=after)
        if o.joined is not None and (o.agreed_by_chair, o.agreed_on, o.inducted_on) == (None, None, None)
        else o
        for o in history.organisations
    ]
    seats = list(history.memberships)
    open_seats = [i for i, m in enumerate(seats) if m.end is None]
    if open_seats:
        chosen = draw(st.sampled_from(open_seats))
        seats[chosen] = attrs.evolve(seats[chosen], end=max(after, seats[chosen].start))
    later_meetings = [
        held(
            group.id,
            after + timedelta(days=n),
            {m.person: "absent" for m in history.memberships if m.group == group.id},
            chair=None,
            agenda=None,
            items=[Item(id="1", decision=Decision(DecisionMethod.VOTE, votes_for=["late-comer"]))],
            meeting_id=f"later-{group.id}",
        )
        for n, group in enumerate(history.groups)
    ]
    year = day.year if day < date(day.year, 4, 1) else day.year + 1
    return attrs.evolve(
        history,
        organisations=[
            *admitted,
            Organisation(
                id="late-partner",
                name="A later partner",
                partnership="chorley",
                status=PartnerStatus.FULL,
                joined=after,
            ),
        ],
        people=[*history.people, Person(id="late-comer", name="A late comer", organisation="late-partner")],
        memberships=[
            *seats,
            Membership(person="late-comer", group="exec", role=Role.CHIEF_OFFICER, start=after),
        ],
        meetings=[*history.meetings, *later_meetings],
        contributions=[
            *history.contributions,
            Contribution(organisation="chorley-council", year=year, amount=99),
        ],
        reports=[
            *history.reports,
            Report(partnership="chorley", kind=ReportKind.SCRUTINY, date=after),
            Report(partnership="chorley", kind=ReportKind.ANNUAL_REVIEW, date=after),
        ],
    )


@given(history=histories(), data=st.data())
def test_evaluating_as_of_a_day_never_sees_later_facts(history: History, data: st.DataObject) -> None:
    """CONTRACT §3: "``--as-of DATE`` evaluates the history as it stood at the end of that day." Adding
    facts dated after that day changes nothing."""
    day = data.draw(judgement_days(history))
    assert judged(data.draw(later_facts(history, day)), day) == judged(history, day)


@given(history=histories(), data=st.data())
def test_what_the_minutes_of_a_meeting_show_is_settled_once_it_is_over(
    history: History, data: st.DataObject
) -> None:
    """1.7.7: "A full record of those present at the meeting, of apologies of absence and non-attendance
    shall be recorded in the minutes". What the rules find in a held meeting's record on its day, they find
    again on any later day: later facts do not rewrite it."""
    day = data.draw(judgement_days(history))
    later = day + timedelta(days=data.draw(st.integers(0, 400)))
    then = [f for f in judged(history, day) if f.rule in MEETING_RULES]
    now = [f for f in judged(history, later) if f.rule in MEETING_RULES and f.date <= day]
    assert now == then


@given(history=histories(), data=st.data())
def test_no_finding_is_dated_after_the_day_the_history_is_judged_on(
    history: History, data: st.DataObject
) -> None:
    """CONTRACT §3: "``date``: the day the finding arose. ``--as-of DATE`` evaluates the history as it
    stood at the end of that day." """
    day = data.draw(judgement_days(history))
    evaluation = evaluate(history, None, day)
    assert all(finding.date <= day for finding in evaluation.findings)
    assert list(evaluation.findings) == sorted(evaluation.findings, key=Finding.sort_key)
    assert evaluation.has_breach == any(f.severity is Severity.BREACH for f in evaluation.findings)


def test_before_the_partnership_starts_there_is_nothing_to_find() -> None:
    assert judged(chorley(memberships=full_structure()), STARTED - timedelta(days=1)) == ()


# -- Switching rules off --------------------------------------------------------------------------------


@given(
    history=histories(),
    data=st.data(),
    rule=st.sampled_from(sorted(set(CONTRACT_4) - {DEEMED_RESIGNATION})),
)
def test_switching_a_rule_off_removes_exactly_its_findings(
    history: History, data: st.DataObject, rule: str
) -> None:
    """A policy version adopts the rules it has (STYLE practice 3: "Every rule has a required citation
    (document, clause, quoted text) and an id from the contract"); switching one off leaves every other
    rule's findings as they were."""
    day = data.draw(judgement_days(history))
    everything = judged(history, day)
    assert judged(history, day, CHORLEY_2015.without_rules(rule)) == tuple(
        f for f in everything if f.rule != rule
    )


@given(history=histories(), data=st.data())
def test_switching_deemed_resignation_off_keeps_every_seat_it_would_have_ended(
    history: History, data: st.DataObject
) -> None:
    """1.7.3: "Unless there are exceptional reasons, missing 3 consecutive meetings will be considered as
    resignation from the partnership". The resignation ends the member's seat that day (CONTRACT §4), and
    a seat that ends changes what other rules find: the member is no longer expected at meetings
    (attendance, votes, deputies), the organisation may have lost its representative (composition), and the
    member's later misses no longer run on. So switching the rule off does not merely remove its findings:
    it is exactly the policy in which a deemed resignation ends no seat, without the rule's own findings."""
    day = data.draw(judgement_days(history))
    seats_kept = CHORLEY_2015.with_parameter("deemed_resignation_ends_membership", False)
    expected = tuple(f for f in judged(history, day, seats_kept) if f.rule != DEEMED_RESIGNATION)
    assert judged(history, day, CHORLEY_2015.without_rules(DEEMED_RESIGNATION)) == expected


def test_without_deemed_resignation_tracie_ogara_is_still_expected_after_her_third_miss() -> None:
    history = run_history([absent("tracie-ogara")] * 3 + [None])
    day = date(2015, 12, 31)
    resigned = evaluate(history, CHORLEY_2015, day)
    kept = evaluate(history, CHORLEY_2015.without_rules(DEEMED_RESIGNATION), day)
    assert resigned.of_rule("meeting.attendance-recorded") == ()
    assert [f.subject.meeting for f in kept.of_rule("meeting.attendance-recorded")] == ["exec-2015-10-14"]
    vacant = {f.subject.organisation for f in resigned.of_rule("composition.executive")}
    still_seated = {f.subject.organisation for f in kept.of_rule("composition.executive")}
    assert vacant - still_seated == {"constabulary"}


# -- The generated histories give every property work to do --------------------------------------------


@pytest.mark.parametrize("rule", sorted(CONTRACT_4))
def test_generated_histories_reach_every_rule(rule: str) -> None:
    def fires(example: tuple[History, date]) -> bool:
        history, day = example
        return any(f.rule == rule for f in judged(history, day))

    judged_histories = histories().flatmap(lambda h: st.tuples(st.just(h), judgement_days(h)))
    find(
        judged_histories, fires, settings=settings(max_examples=1000, phases=[Phase.generate], database=None)
    )


# -- A year of the partnership as the seeds describe it -------------------------------------------------


def test_a_year_kept_to_the_terms_of_reference_leaves_only_the_third_sector_advocate_to_confirm() -> None:
    seats = full_structure()
    executive = [*CHIEF_OFFICERS.values(), "allan-jones", "martin-cox"]
    board = [m.person for m in seats if m.group == "board"]
    meetings = [
        *(held("exec", day, dict.fromkeys(executive, "present")) for day in monthly(date(2015, 7, 14), 12)),
        *(
            held("ig", day, dict.fromkeys(OPERATIONAL_MANAGERS.values(), "present"))
            for day in monthly(date(2015, 7, 21), 12)
        ),
        *(
            held("board", day, dict.fromkeys(board, "present"))
            for day in (date(2015, 12, 8), date(2016, 6, 7))
        ),
    ]
    history = chorley(
        memberships=seats,
        meetings=meetings,
        contributions=[contribution(organisation, 2015, 15_000) for organisation in FULL_PARTNERS],
        reports=[
            *(scrutiny_report(day) for day in (date(2015, 6, 30), date(2015, 9, 30), date(2015, 12, 15))),
            *(scrutiny_report(day) for day in (date(2016, 3, 31), date(2016, 6, 28))),
            annual_review(date(2016, 6, 14)),
        ],
    )
    (finding,) = judged(history, date(2016, 6, 30))
    assert finding.rule == "composition.advocates"
    assert finding.evidence["advocate"] == "third-sector"
