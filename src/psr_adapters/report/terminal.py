"""Attendance statistics as aligned columns for a terminal (``psr stats``)."""

from __future__ import annotations

from collections.abc import Sequence

from psr_core import History
from psr_core.statistics import AttendanceStatistics, MemberStatistics

from .attendance import TIER_ORDER
from .casework import COUNTED, CaseworkCounts
from .html import percent

_COLUMNS = ("MEMBER", "GROUP", "EXPECTED", "PRESENT", "APOLOGIES", "ABSENT", "DEPUTY", "EXCUSED")
_MORE = ("UNRECORDED", "RATE", "RUN")


def _row(member: MemberStatistics, people: dict[str, str]) -> tuple[str, ...]:
    run = str(member.current_run)
    if member.resigned_on is not None:
        run += f" (resigned {member.resigned_on.isoformat()})"
    return (
        people.get(member.person, member.person),
        member.group,
        str(member.expected),
        str(member.present),
        str(member.apologies),
        str(member.absent),
        str(member.deputised),
        str(member.excused),
        str(member.unrecorded),
        percent(member.present / member.expected if member.expected else None),
        run,
    )


def _columns(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: range) -> list[str]:
    """Aligned lines: a header, a rule, and the rows; the ``numeric`` columns aligned right."""
    widths = [max([len(head[i]), *(len(row[i]) for row in rows)]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(head), "-" * len(line(head)), *(line(row) for row in rows)]


def statistics_table(
    statistics: AttendanceStatistics,
    history: History,
    *,
    group: str | None = None,
    person: str | None = None,
    casework: CaseworkCounts | None = None,
) -> str:
    """Each member's statistics, one line per member per group, then each organisation's representation.

    ``group`` and ``person`` keep only that group's or that person's lines (representation is left out when
    a person is chosen: it is about organisations). ``casework``, if given, adds what was done about
    attendance in the period: explanations requested and received, resignations confirmed.
    """
    people = {p.id: p.name for p in history.people}
    order = {g.group: (TIER_ORDER.index(g.tier), g.group) for g in statistics.groups}
    members = sorted(
        (
            member
            for member in statistics.members
            if (group is None or member.group == group) and (person is None or member.person == person)
        ),
        key=lambda member: order[member.group],
    )
    lines = [
        f"Attendance of {statistics.partnership} from {statistics.start.isoformat()} to "
        f"{statistics.end.isoformat()} under {statistics.policy}",
        "",
    ]
    if members:
        lines.extend(_columns((*_COLUMNS, *_MORE), [_row(m, people) for m in members], numeric=range(2, 10)))
    else:
        lines.append("No member was expected at a held meeting in this period.")
    excused = [(member, cell) for member in members for cell in member.cells if cell.exceptional is not None]
    if excused:
        lines.extend(
            ["", "Exceptional reasons (clause 1.7.3), with who accepted each where the minutes say:"]
        )
        for member, cell in excused:
            accepted = (
                f"accepted by {people.get(cell.accepted_by, cell.accepted_by)}"
                + (f" on {cell.accepted_on.isoformat()}" if cell.accepted_on else "")
                if cell.accepted_by
                else "who accepted it is not recorded"
            )
            who = people.get(member.person, member.person)
            lines.append(f"  {who} ({member.group}) at {cell.meeting}: {cell.exceptional}; {accepted}")
    if person is None:
        lines.extend(["", *_representation(statistics, history, group)])
    if casework is not None:
        lines.extend(["", *_casework(casework, people, group, person)])
    return "\n".join(lines) + "\n"


def _casework(
    counts: CaseworkCounts, people: dict[str, str], group: str | None, person: str | None
) -> list[str]:
    """The totals in words, then each member's counts (``group`` and ``person`` keep theirs only)."""
    requested, received, confirmed = (counts.totals[action] for action in COUNTED)
    lines = [
        f"Casework on attendance (clause 1.7.3) from {counts.start.isoformat()} to {counts.end.isoformat()}: "
        f"{requested} written explanation{'s' if requested != 1 else ''} requested, {received} received, "
        f"{confirmed} resignation{'s' if confirmed != 1 else ''} confirmed"
    ]
    rows = [
        (people.get(who, who), where, *(str(counted[action]) for action in COUNTED))
        for (who, where), counted in sorted(counts.members.items())
        if (group is None or where == group) and (person is None or who == person)
    ]
    if rows:
        head = ("MEMBER", "GROUP", "REQUESTED", "RECEIVED", "CONFIRMED")
        lines.extend(["", *_columns(head, rows, numeric=range(2, 5))])
    return lines


def _representation(statistics: AttendanceStatistics, history: History, group: str | None) -> list[str]:
    organisations = {o.id: o.name for o in history.organisations}
    tier = next((g.tier for g in statistics.groups if g.group == group), None) if group else None
    tiers = [
        t for t in TIER_ORDER if any(e.tier is t for e in statistics.representation) and tier in (None, t)
    ]
    if not tiers:
        return ["No tier met in this period."]
    cells: dict[str, dict[str, str]] = {}
    for entry in statistics.representation:
        if entry.tier not in tiers:
            continue
        text = f"{entry.represented}/{entry.meetings} {percent(entry.share)}" if entry.seated else "no seat"
        cells.setdefault(entry.organisation, {})[entry.tier.value] = text
    head = ("ORGANISATION", *(t.value.upper() for t in tiers))
    rows = [
        (organisations.get(org, org), *(row.get(t.value, "-") for t in tiers))
        for org, row in sorted(cells.items(), key=lambda item: organisations.get(item[0], item[0]).casefold())
    ]
    return [
        "Representation: held meetings at which the organisation was present in person or by deputy",
        "",
        *_columns(head, rows, numeric=range(1, len(head))),
    ]
