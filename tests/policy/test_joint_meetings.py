"""Joint meetings of the Chorley and South Ribble partnerships, from January 2021.

The source is section 6.1 of the joint roadmap ("Future partnership development: Roadmap and next steps",
October 2020): "Each partnership board/executive comes together meeting jointly, commencing in January
2021"; "Existing chairs of each partnership share the duties and rotate between meetings"; "Vice Chairs:
Leaders of each district Council will provide the vice chair (where they are not currently chair)". It gives
no terms of reference for South Ribble's own business, so South Ribble is judged under ``south-ribble-2021``:
the joint-meeting rules alone.
"""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given

from psr_core import (
    CHORLEY_SOUTH_RIBBLE_2021,
    SOUTH_RIBBLE_2021,
    Decision,
    History,
    Item,
    evaluate,
)
from strategies.joint import joint_history, joint_series

AS_OF = date(2021, 12, 31)
VOTE = "decision.vote-eligibility"
VICE = "joint.vice-chair"
ROTATION = "joint.chair-rotation"


def under_both(history: History) -> History:
    """``history`` with Chorley under its 2021 terms and South Ribble under ``south-ribble-2021``."""
    return attrs.evolve(
        history,
        partnerships=[
            attrs.evolve(p, policy="south-ribble-2021" if p.id == "south-ribble" else p.policy)
            for p in history.partnerships
        ],
    )


def test_a_vote_at_a_joint_meeting_by_a_member_of_the_other_partnerships_group_is_eligible() -> None:
    """6.1: the boards/executives meet jointly; 1.7.5 and 1.7.6 of the Terms of Reference (2015): a vote at a
    joint meeting by a member of any of its groups is eligible, whichever partnership evaluates it."""
    history = joint_history(["alistair-bradley"], ["sr-leader"])
    (meeting,) = history.meetings
    voted = Item(
        id="1",
        title="Shared strategy",
        decision=Decision(method="vote", votes_for=("alistair-bradley", "sr-leader", "sr-chair")),
    )
    history = attrs.evolve(history, meetings=[attrs.evolve(meeting, items=(voted,))])
    assert [f for f in evaluate(history, None, AS_OF).findings if f.rule == VOTE] == []


def test_a_vote_at_a_joint_meeting_by_someone_in_neither_group_is_still_a_finding() -> None:
    """1.7.5: a vote by someone who is a member of none of the meeting's groups is not eligible."""
    history = joint_history(["alistair-bradley"], ["sr-leader"])
    (meeting,) = history.meetings
    voted = Item(id="1", decision=Decision(method="vote", votes_for=("sam-walton",)))
    history = attrs.evolve(history, meetings=[attrs.evolve(meeting, items=(voted,))])
    found = [f for f in evaluate(history, None, AS_OF).findings if f.rule == VOTE]
    assert {f.partnership for f in found} == {"chorley", "south-ribble"}
    assert {f.subject.person for f in found} == {"sam-walton"}


def test_south_ribbles_own_leader_may_be_vice_chair_when_south_ribbles_chair_is_in_the_chair() -> None:
    """6.1: "Leaders of each district Council will provide the vice chair (where they are not currently
    chair)": South Ribble's Leader is not chairing, so may be vice chair though South Ribble's (non-Leader)
    chair is in the chair."""
    history = under_both(joint_history(["sr-chair"], ["sr-leader"]))
    assert [f for f in evaluate(history, None, AS_OF).findings if f.rule == VICE] == []


def test_the_narrower_reading_of_the_vice_chair_is_a_named_parameter_off_by_default() -> None:
    """The reading "the other side's Leader" is ``vice_chair_from_other_side``, off by default."""
    assert CHORLEY_SOUTH_RIBBLE_2021.value("vice_chair_from_other_side", AS_OF) is False
    assert SOUTH_RIBBLE_2021.value("vice_chair_from_other_side", AS_OF) is False
    narrow = {
        "chorley": CHORLEY_SOUTH_RIBBLE_2021.with_parameter("vice_chair_from_other_side", True),
        "south-ribble": SOUTH_RIBBLE_2021.with_parameter("vice_chair_from_other_side", True),
    }
    history = under_both(joint_history(["sr-chair"], ["sr-leader"]))
    found = [f for f in evaluate(history, narrow, AS_OF).findings if f.rule == VICE]
    assert {f.partnership for f in found} == {"chorley", "south-ribble"}
    assert {f.interpretation["vice_chair_from_other_side"] for f in found} == {True}


def test_a_leader_in_the_chair_cannot_also_be_vice_chair() -> None:
    """6.1: "(where they are not currently chair)"."""
    history = under_both(joint_history(["alistair-bradley"], ["alistair-bradley"]))
    found = [f for f in evaluate(history, None, AS_OF).findings if f.rule == VICE]
    assert found
    assert all("is also the chair" in f.message for f in found)


def test_south_ribble_is_judged_by_the_joint_meeting_rules_alone() -> None:
    """The roadmap gives no terms of reference for South Ribble: under ``south-ribble-2021`` only the
    joint-meeting rules are in force, citing the roadmap."""
    assert set(SOUTH_RIBBLE_2021.rules) == {ROTATION, VICE}
    for terms in SOUTH_RIBBLE_2021.rules.values():
        assert terms.clause == "6.1"
        assert all("Roadmap and next steps" in c.document for c in terms.citations)


@given(joint_series)
def test_no_finding_under_south_ribble_2021_cites_the_chorley_terms_of_reference(
    series: tuple[list[str], list[str | None]],
) -> None:
    """Whatever happens at the joint meetings, South Ribble's findings rest on the roadmap alone: each is a
    joint-meeting rule citing section 6.1, never a clause of Chorley's 2015 terms."""
    chairs, vice_chairs = series
    history = under_both(joint_history(chairs, vice_chairs))
    evaluation = evaluate(history, None, AS_OF)
    assert evaluation.policies["south-ribble"] == "south-ribble-2021"
    for finding in evaluation.findings:
        if finding.partnership == "south-ribble":
            assert finding.rule in (ROTATION, VICE)
            assert finding.clause == "6.1"


@given(joint_series)
def test_the_joint_rules_agree_across_the_two_partnerships_whatever_their_policies(
    series: tuple[list[str], list[str | None]],
) -> None:
    """6.1: joint meetings are judged across both partnerships even when their policies differ: Chorley
    (under its 2021 terms) and South Ribble (under ``south-ribble-2021``) flag the same joint meetings."""
    chairs, vice_chairs = series
    evaluation = evaluate(under_both(joint_history(chairs, vice_chairs)), None, AS_OF)
    for rule in (ROTATION, VICE):
        flagged = {
            p: {f.subject.meeting for f in evaluation.findings if f.rule == rule and f.partnership == p}
            for p in ("chorley", "south-ribble")
        }
        assert flagged["chorley"] == flagged["south-ribble"]


def test_the_example_holds_the_roadmaps_dated_joint_board_meetings() -> None:
    """The roadmap dates the joint board meetings 16 March, 13 July and 14 September 2021; its "Provisional
    Date 25th May 2021 for initial workshop on Action Plan" is a workshop, not a joint board meeting."""
    from pathlib import Path

    import yaml

    example = Path(__file__).resolve().parents[2] / "examples" / "joint-2021" / "joint.yaml"
    document = yaml.safe_load(example.read_text(encoding="utf-8"))
    days = sorted(str(m["start"])[:10] for m in document["meetings"])
    assert days == ["2021-03-16", "2021-07-13", "2021-09-14"]
    policies = {p["id"]: p["policy"] for p in document["partnerships"]}
    assert policies == {"chorley": "chorley-south-ribble-2021", "south-ribble": "south-ribble-2021"}
