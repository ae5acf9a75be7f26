"""Policy versions and policy files (issue 3): the same history under other terms of reference.

Seed 004 (March 2015 review) and seed 001 (the 2021 roadmap with South Ribble) give two more versions; a
partnership's own terms are a policy file extending one of them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.policy_file import policy_from_document
from psr_core import (
    CHORLEY_2015,
    CHORLEY_2015_REVIEW,
    CHORLEY_SOUTH_RIBBLE_2021,
    Attendance,
    Evaluation,
    Group,
    History,
    Meeting,
    Membership,
    Organisation,
    Partnership,
    Person,
    built_in_policies,
    compare,
    evaluate,
)
from strategies import histories, judgement_days

ATTENDANCE_RULES = ("attendance.written-explanation", "attendance.deemed-resignation")


def without_policy_id(evaluation: Evaluation) -> list[object]:
    return [attrs.evolve(f, policy="") for f in evaluation.findings]


def test_there_are_three_built_in_versions_each_citing_its_source() -> None:
    versions = {policy.id: policy for policy in built_in_policies()}
    assert set(versions) == {"chorley-2015", "chorley-2015-review", "chorley-south-ribble-2021"}
    assert "seed 004" in versions["chorley-2015-review"].document
    assert "seed 001" in versions["chorley-south-ribble-2021"].document


def test_the_2021_version_quotes_the_roadmap_on_rotating_chairs_and_vice_chairs() -> None:
    texts = [c.text for terms in CHORLEY_SOUTH_RIBBLE_2021.rules.values() for c in terms.citations]
    assert any("rotate between meetings" in text for text in texts)
    assert any("Leaders of each district Council will provide the vice chair" in text for text in texts)


def test_under_the_review_the_executive_is_chaired_independently_and_the_board_bimonthly() -> None:
    assert CHORLEY_2015_REVIEW.value("chair_rule", date(2015, 7, 1))["executive"] == "independent"
    assert CHORLEY_2015.value("chair_rule", date(2015, 7, 1))["executive"] == "district-council-leader"
    assert CHORLEY_2015_REVIEW.value("cadence_months", date(2015, 7, 1))["board"] == 2


@given(histories(), st.data())
def test_a_policy_file_that_extends_a_version_and_changes_nothing_gives_identical_findings(
    history: History, data: st.DataObject
) -> None:
    """A policy file "can start from a built-in version (extends: chorley-2015)": if it changes nothing,
    nothing changes but the policy's name."""
    as_of = data.draw(judgement_days(history))
    same = policy_from_document({"format": "psr-policy/1", "id": "unchanged", "extends": "chorley-2015"}, "f")
    assert without_policy_id(evaluate(history, same, as_of)) == without_policy_id(
        evaluate(history, CHORLEY_2015, as_of)
    )


@given(histories(), st.data(), st.integers(1, 3))
def test_raising_a_threshold_never_flags_more_runs(history: History, data: st.DataObject, rise: int) -> None:
    """1.7.3: "Should any member miss 2 consecutive meetings ... missing 3 consecutive meetings will be
    considered as resignation". Asking for more misses never flags more runs of any member in any group.

    Deemed resignations are kept from ending memberships on both sides: a member who is not deemed to
    have resigned stays a member and may miss later meetings, which is a new run, not a flagged old one.
    """
    as_of = data.draw(judgement_days(history))
    base = CHORLEY_2015.with_parameter("deemed_resignation_ends_membership", False)
    name = data.draw(st.sampled_from(["written_explanation_after", "deemed_resignation_after"]))
    raised = base.with_parameter(name, int(base.value(name, as_of)) + rise)

    def flagged(policy_findings: Evaluation) -> Counter[tuple[str, str | None, str | None]]:
        return Counter(
            (f.rule, f.subject.person, f.subject.group)
            for f in policy_findings.findings
            if f.rule in ATTENDANCE_RULES
        )

    before, after = flagged(evaluate(history, base, as_of)), flagged(evaluate(history, raised, as_of))
    assert all(after[key] <= before[key] for key in after)


@given(histories(), st.data())
def test_diff_of_a_policy_with_itself_is_empty(history: History, data: st.DataObject) -> None:
    as_of = data.draw(judgement_days(history))
    evaluation = evaluate(history, CHORLEY_2015_REVIEW, as_of)
    assert compare(evaluation, evaluation).unchanged


@given(histories(), st.data())
def test_diff_accounts_for_every_finding_of_both_policies(history: History, data: st.DataObject) -> None:
    as_of = data.draw(judgement_days(history))
    before, after = evaluate(history, CHORLEY_2015, as_of), evaluate(history, CHORLEY_2015_REVIEW, as_of)
    comparison = compare(before, after)
    assert len(after.findings) == len(before.findings) + len(comparison.appeared) - len(
        comparison.disappeared
    )
    assert len(before.findings) >= len(comparison.disappeared) + len(comparison.changed)


# -- joint meetings (seed 001) ---------------------------------------------------------------------------

CHORLEY = Partnership(
    id="chorley",
    name="Chorley PSR",
    policy="chorley-south-ribble-2021",
    timezone="Europe/London",
    started=date(2015, 6, 16),
    district_council="chorley-council",
)
SOUTH_RIBBLE = Partnership(
    id="south-ribble",
    name="South Ribble Partnership",
    policy="chorley-south-ribble-2021",
    timezone="Europe/London",
    started=date(2015, 4, 1),
    district_council="south-ribble-council",
)
JOINT_PEOPLE = (
    Person(
        id="alistair-bradley",
        name="Alistair Bradley",
        organisation="chorley-council",
        offices=("council-leader",),
    ),
    Person(
        id="sr-leader",
        name="South Ribble Leader",
        organisation="south-ribble-council",
        offices=("council-leader",),
    ),
    Person(id="sr-chair", name="South Ribble Chair"),
    Person(id="gary-hall", name="Gary Hall", organisation="chorley-council"),
)
CHAIR_OF = {"alistair-bradley": "chorley", "sr-chair": "south-ribble"}
LEADER_OF = {"chorley": "alistair-bradley", "south-ribble": "sr-leader"}


def joint_history(chairs: list[str], vice_chairs: list[str | None]) -> History:
    meetings = [
        Meeting(
            id=f"joint-{index:02d}",
            groups=("chorley-exec", "sr-board"),
            start=datetime(2021, 1 + index, 16, 14),
            status="held",
            chair=chair,
            vice_chair=vice,
            agenda_published=date(2021, 1 + index, 9),
            attendance=[
                Attendance(p, "present") for p in ("alistair-bradley", "gary-hall", "sr-chair", "sr-leader")
            ],
        )
        for index, (chair, vice) in enumerate(zip(chairs, vice_chairs, strict=True))
    ]
    return History(
        partnerships=[CHORLEY, SOUTH_RIBBLE],
        organisations=[
            Organisation(id="chorley-council", name="Chorley Council", partnership="chorley", status="full"),
            Organisation(
                id="south-ribble-council", name="South Ribble BC", partnership="south-ribble", status="full"
            ),
        ],
        people=JOINT_PEOPLE,
        groups=[
            Group(id="chorley-exec", partnership="chorley", tier="executive"),
            Group(id="sr-board", partnership="south-ribble", tier="board", chair="sr-chair"),
        ],
        memberships=[
            Membership("alistair-bradley", "chorley-exec", "chief-officer", date(2015, 6, 16)),
            Membership("gary-hall", "chorley-exec", "chief-officer", date(2015, 6, 16)),
            Membership("sr-chair", "sr-board", "independent-chair", date(2019, 5, 1)),
            Membership("sr-leader", "sr-board", "accountable-representative", date(2019, 5, 1)),
        ],
        meetings=meetings,
    )


joint_series = st.integers(1, 10).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(sorted(CHAIR_OF)), min_size=n, max_size=n),
        st.lists(
            st.sampled_from([None, "alistair-bradley", "sr-leader", "gary-hall", "sr-chair"]),
            min_size=n,
            max_size=n,
        ),
    )
)


@given(joint_series)
def test_the_joint_rules_hold_for_any_sequence_of_joint_meetings(
    series: tuple[list[str], list[str | None]],
) -> None:
    """Seed 001, 6.1: "Existing chairs of each partnership share the duties and rotate between meetings";
    "Leaders of each district Council will provide the vice chair (where they are not currently chair)".

    Each partnership's evaluation flags exactly the meetings chaired for the same partnership as the one
    before, and exactly those whose vice chair is not the Leader of the other partnership's council.
    """
    chairs, vice_chairs = series
    history = joint_history(chairs, vice_chairs)
    evaluation = evaluate(history, None, date(2021, 12, 31))
    for partnership in ("chorley", "south-ribble"):
        rotation = {
            f.subject.meeting
            for f in evaluation.findings
            if f.rule == "joint.chair-rotation" and f.partnership == partnership
        }
        vice = {
            f.subject.meeting
            for f in evaluation.findings
            if f.rule == "joint.vice-chair" and f.partnership == partnership
        }
        assert rotation == {
            f"joint-{i:02d}" for i in range(1, len(chairs)) if CHAIR_OF[chairs[i]] == CHAIR_OF[chairs[i - 1]]
        }
        other = {"chorley": "south-ribble", "south-ribble": "chorley"}
        assert vice == {
            f"joint-{i:02d}"
            for i in range(len(chairs))
            if vice_chairs[i] != LEADER_OF[other[CHAIR_OF[chairs[i]]]]
        }
        assert not [f for f in evaluation.findings if f.rule == "meeting.chair"]


def test_joint_rules_do_not_look_back_before_january_2021() -> None:
    history = joint_history(["sr-chair", "sr-chair"], [None, None])
    early = attrs.evolve(
        history, meetings=[attrs.evolve(m, start=m.start.replace(year=2020)) for m in history.meetings]
    )
    findings = evaluate(early, None, date(2020, 12, 31)).findings
    assert not [f for f in findings if f.rule.startswith("joint.")]


def decided_at(group: str) -> list[object]:
    from strategies.chorley import chorley, held, item

    day = date(2015, 9, 8)
    history = chorley(meetings=[held(group, day, items=[item("4", votes_for=["alistair-bradley"])])])
    return [
        f for f in evaluate(history, CHORLEY_2015_REVIEW, day).findings if f.rule == "decision.decision-maker"
    ]


def test_under_the_review_a_decision_taken_at_the_executive_is_not_the_boards() -> None:
    """Seed 004, Governance 2: "Decision making needs to be clearly defined at one level"; the Board's
    role: "To collectively be the decision makers"."""
    assert len(decided_at("exec")) == 1


def test_under_the_review_a_decision_taken_at_the_board_is_in_order() -> None:
    assert decided_at("board") == []


def test_the_2015_terms_have_no_single_deciding_tier() -> None:
    assert "decision.decision-maker" not in CHORLEY_2015.rules
