"""Policy versions and policy files (issue 3): the same history under other terms of reference.

Seed 004 (March 2015 review) and seed 001 (the 2021 roadmap with South Ribble) give two more versions; a
partnership's own terms are a policy file extending one of them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.policy_file import policy_from_document
from psr_core import (
    CHORLEY_2015,
    CHORLEY_2015_REVIEW,
    CHORLEY_SOUTH_RIBBLE_2021,
    Decision,
    Evaluation,
    Finding,
    History,
    Item,
    built_in_policies,
    compare,
    evaluate,
)
from strategies import histories, judgement_days
from strategies.chorley import chorley, held, item
from strategies.joint import CHAIR_OF, LEADER_OF, joint_history, joint_series

ATTENDANCE_RULES = ("attendance.written-explanation", "attendance.deemed-resignation")


def without_policy_id(evaluation: Evaluation) -> list[object]:
    return [attrs.evolve(f, policy="") for f in evaluation.findings]


def test_there_are_four_built_in_versions_each_citing_its_source() -> None:
    versions = {policy.id: policy for policy in built_in_policies()}
    assert set(versions) == {
        "chorley-2015",
        "chorley-2015-review",
        "chorley-south-ribble-2021",
        "south-ribble-2021",
    }
    assert "Review and Proposals for the future (March 2015)" in versions["chorley-2015-review"].document
    assert "Roadmap and next steps" in versions["chorley-south-ribble-2021"].document
    assert "Roadmap and next steps" in versions["south-ribble-2021"].document


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


@given(joint_series)
def test_the_joint_rules_hold_for_any_sequence_of_joint_meetings(
    series: tuple[list[str], list[str | None]],
) -> None:
    """Seed 001, 6.1: "Existing chairs of each partnership share the duties and rotate between meetings";
    "Leaders of each district Council will provide the vice chair (where they are not currently chair)".

    Each partnership's evaluation flags exactly the meetings chaired for the same partnership as the one
    before, and exactly those whose vice chair is not the Leader of one of the two district councils, or is
    the meeting's chair.
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
        leaders = set(LEADER_OF.values())
        assert vice == {
            f"joint-{i:02d}"
            for i in range(len(chairs))
            if vice_chairs[i] not in leaders or vice_chairs[i] == chairs[i]
        }
        assert not [f for f in evaluation.findings if f.rule == "meeting.chair"]


def test_joint_rules_do_not_look_back_before_january_2021() -> None:
    history = joint_history(["sr-chair", "sr-chair"], [None, None])
    early = attrs.evolve(
        history, meetings=[attrs.evolve(m, start=m.start.replace(year=2020)) for m in history.meetings]
    )
    findings = evaluate(early, None, date(2020, 12, 31)).findings
    assert not [f for f in findings if f.rule.startswith("joint.")]


def decided_at(group: str) -> list[Finding]:
    day = date(2015, 9, 8)
    history = chorley(meetings=[held(group, day, items=[item("4", votes_for=["alistair-bradley"])])])
    return [
        f for f in evaluate(history, CHORLEY_2015_REVIEW, day).findings if f.rule == "decision.decision-maker"
    ]


def test_under_the_review_a_decision_may_be_taken_at_the_board_or_the_executive() -> None:
    """Review (March 2015), Governance 2: "Decision making could take place at the Board or Executive level,
    dependant on how the partnership is organised": by default both are accepted."""
    assert decided_at("exec") == []
    assert CHORLEY_2015_REVIEW.parameter("deciding_tiers").interpretation


def test_under_the_review_a_vote_taken_at_the_implementation_group_is_not_a_partnership_decision() -> None:
    """Review, Governance 2: "Decision making needs to be clearly defined at one level"."""
    (finding,) = decided_at("ig")
    assert finding.interpretation == {
        "deciding_tiers": ["board", "executive"],
        "partnership_decision_methods": ["vote", "chair"],
    }


def test_a_policy_choosing_the_board_alone_flags_a_decision_at_the_executive() -> None:
    """The Board's role in the review: "To collectively be the decision makers"."""
    board_only = CHORLEY_2015_REVIEW.with_parameter("deciding_tiers", ["board"])
    day = date(2015, 9, 8)
    history = chorley(meetings=[held("exec", day, items=[item("4", votes_for=["alistair-bradley"])])])
    found = [f for f in evaluate(history, board_only, day).findings if f.rule == "decision.decision-maker"]
    assert len(found) == 1


def test_an_implementation_groups_consensus_on_its_own_work_is_not_a_partnership_decision() -> None:
    """What counts as a partnership decision is a named reading: by default a vote or the chair's decision,
    not a group's consensus on its own delivery work."""
    day = date(2015, 9, 8)
    consensus = Item(id="5", title="Delivery plan", decision=Decision(method="consensus"))
    history = chorley(meetings=[held("ig", day, items=[consensus])])
    found = [
        f for f in evaluate(history, CHORLEY_2015_REVIEW, day).findings if f.rule == "decision.decision-maker"
    ]
    assert found == []
    counting = CHORLEY_2015_REVIEW.with_parameter(
        "partnership_decision_methods", ["vote", "chair", "consensus"]
    )
    assert [
        f.rule for f in evaluate(history, counting, day).findings if f.rule == "decision.decision-maker"
    ] == ["decision.decision-maker"]


def test_under_the_review_a_decision_taken_at_the_board_is_in_order() -> None:
    assert decided_at("board") == []


def test_the_2015_terms_have_no_single_deciding_tier() -> None:
    assert "decision.decision-maker" not in CHORLEY_2015.rules
