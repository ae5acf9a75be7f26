"""Embedding psr from Python: build a small history in code, evaluate it, print the findings.

    python examples/embed.py

A host application builds :class:`psr_core.History` from its own records (no files involved) and calls
:func:`psr_core.evaluate`, a pure function of the history, the policy and the day.

The history here has only an Executive with two members, so besides Tracie O'Gara's three misses and a
short agenda notice, psr reports the seats, advocates and scrutiny reports the record lacks.
"""

from __future__ import annotations

from datetime import date, datetime

from psr_core import (
    Attendance,
    AttendanceStatus,
    Group,
    History,
    Meeting,
    Membership,
    Organisation,
    Partnership,
    Person,
    evaluate,
)

START = date(2015, 6, 16)


def exec_meeting(day: date, agenda: date, tracie: str) -> Meeting:
    """A meeting of the Executive chaired by the Leader, with Tracie O'Gara's attendance as given."""
    return Meeting(
        id=f"exec-{day.isoformat()}",
        groups=["exec"],
        start=datetime.combine(day, datetime.min.time()).replace(hour=10),
        status="held",
        chair="alistair-bradley",
        agenda_published=agenda,
        attendance=[
            Attendance("alistair-bradley", "present"),
            Attendance("tracie-ogara", AttendanceStatus(tracie)),
        ],
    )


history = History(
    partnerships=[
        Partnership(
            id="chorley",
            name="Chorley Public Service Reform Partnership",
            policy="chorley-2015",
            timezone="Europe/London",
            started=START,
            district_council="chorley-council",
        )
    ],
    organisations=[
        Organisation("chorley-council", "Chorley Council", "chorley", "full"),
        Organisation("constabulary", "Lancashire Constabulary", "chorley", "affiliated"),
    ],
    people=[
        Person("alistair-bradley", "Alistair Bradley", "chorley-council", offices=["council-leader"]),
        Person("tracie-ogara", "Tracie O'Gara", "constabulary"),
    ],
    groups=[Group("exec", "chorley", "executive")],
    memberships=[
        Membership("alistair-bradley", "exec", "chief-officer", START),
        Membership("tracie-ogara", "exec", "chief-officer", START),
    ],
    meetings=[
        exec_meeting(date(2015, 7, 14), agenda=date(2015, 7, 7), tracie="apologies"),
        exec_meeting(date(2015, 8, 11), agenda=date(2015, 8, 7), tracie="absent"),  # 4 days' notice
        exec_meeting(date(2015, 9, 8), agenda=date(2015, 9, 1), tracie="apologies"),
    ],
)


def main() -> None:
    # None: judge each partnership by its own policy (here chorley-2015).
    evaluation = evaluate(history, None, date(2015, 9, 30))
    for finding in evaluation.findings:
        print(f"{finding.date}  {finding.rule} [{finding.clause}] {finding.severity}")
        print(f"    {finding.message}")
    print(f"{len(evaluation.findings)} findings; any breach: {evaluation.has_breach}")


if __name__ == "__main__":
    main()
