"""The report writes findings in people's names, not ids: a committee reads names."""

from __future__ import annotations

from datetime import date

from psr_adapters.report.names import Names
from psr_core import Finding, Group, History, Partnership, Person, Severity, Subject, Tier

HISTORY = History(
    partnerships=[Partnership("chorley", "Chorley Public Service Reform Partnership", "chorley-2015",
                              "Europe/London", date(2015, 6, 16))],
    people=[Person("tracie-ogara", "Chief Inspector Tracie O'Gara"), Person("tracie", "Tracie Smith"),
            Person("gary-hall", "Gary Hall")],
    groups=[Group("exec", "chorley", Tier.EXECUTIVE, name="Executive")],
)  # fmt: skip


def _finding(message: str, evidence: dict[str, object] | None = None) -> Finding:
    return Finding(
        rule="attendance.deemed-resignation",
        partnership="chorley",
        policy="chorley-2015",
        clause="1.7.3",
        severity=Severity.ACTION,
        date=date(2015, 10, 13),
        subject=Subject(person="tracie-ogara", group="exec", meeting="exec-2015-10-13"),
        message=message,
        evidence=evidence or {},
    )


def test_the_people_and_groups_a_finding_is_about_are_named() -> None:
    finding = _finding("tracie-ogara missed 3 consecutive meetings of exec (exec-2015-10-13)")
    assert Names(HISTORY).in_names(finding) == (
        "Chief Inspector Tracie O'Gara missed 3 consecutive meetings of Executive (exec-2015-10-13)"
    )


def test_an_id_inside_a_longer_id_is_left_alone() -> None:
    finding = _finding("tracie-ogara and tracie met at exec-2015-10-13", {"deputy": "tracie"})
    assert Names(HISTORY).in_names(finding) == (
        "Chief Inspector Tracie O'Gara and Tracie Smith met at exec-2015-10-13"
    )


def test_only_ids_the_finding_names_are_replaced() -> None:
    finding = _finding("gary-hall was not asked")
    assert Names(HISTORY).in_names(finding) == "gary-hall was not asked"
