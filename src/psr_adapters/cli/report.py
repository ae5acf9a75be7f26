"""``psr report`` and ``psr stats``: the quarterly scrutiny report (clause 1.5.3) and attendance statistics.

Both are plain click commands; ``cli/app.py`` registers them on the ``psr`` group.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import iso_date, reports_errors
from .completion import ids_of
from .db import db_option
from .progress import Progress
from .sources import policies_for, read_history

if TYPE_CHECKING:
    from psr_core import History, Partnership

# The report code (psr_adapters.report) is imported inside each command, so that the commands that make no
# report do not load it.

SOURCE = click.Path(dir_okay=False, path_type=Path)


def _write_report(path: Path, text: str) -> None:
    """Write the report whole or not at all."""
    from ..files import write_whole
    from ..report import ReportError

    try:
        write_whole(path, text)
    except OSError as error:
        raise ReportError(f"cannot write {path}: {error.strerror or error}") from None


@click.command()
@click.argument("source", type=SOURCE, required=False)
@db_option
@click.option(
    "--partnership",
    "partnership",
    metavar="ID",
    required=True,
    shell_complete=ids_of("partnership"),
    help="The partnership to report on.",
)
@click.option(
    "--quarter",
    metavar="QUARTER",
    help="A financial-year quarter such as 2015/16-Q4 (January to March 2016), or a calendar quarter such as 2016Q1.",
)
@click.option("--from", "start", metavar="DATE", callback=iso_date, help="First day of the period.")
@click.option("--to", "end", metavar="DATE", callback=iso_date, help="Last day of the period.")
@click.option(
    "--policy", "policy_ref", metavar="ID|FILE", help="Judge under this policy [the partnership's own]."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE [standard output]."
)
@click.option(
    "--format", "output_format", type=click.Choice(["html", "json"]), default="html", show_default=True
)
@reports_errors
def report(
    source: Path | None,
    database: str | None,
    partnership: str,
    quarter: str | None,
    start: date | None,
    end: date | None,
    policy_ref: str | None,
    output: Path | None,
    output_format: str,
) -> None:
    """The scrutiny report of a partnership for a quarter (--quarter) or any period (--from and --to).

    The history is read from the dataset file SOURCE, or with no SOURCE from the database (--db). One
    self-contained HTML page (or, with --format json, the same data as JSON): the period's meetings and
    their agenda notice, the attendance matrix and statistics, the findings by severity with their clauses,
    the full partners' contributions against the policy's band, and the declarations of interest.
    """
    from ..report import Period, build_report, render_html

    period = Period.from_options(quarter, start, end)
    progress = Progress()
    progress("reading the history")
    history, base, _label = read_history(source, database)
    policy = policies_for(history, policy_ref, base)
    progress(f"evaluating {partnership} for {period.label}")
    # The page names its source without a local path (or a database URL, which may hold a password).
    shown = source.name if source is not None else "the psr database"
    document = build_report(history, partnership, policy, period, source=shown, made=date.today())
    progress("rendering")
    if output_format == "json":
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_html(document)
    progress.done()
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_report(output, text)
        click.echo(f"{output}: {document['title'].lower()} for {partnership}, {period.label}", err=True)


def _partnership_of(history: History, partnership: str | None, group: str | None) -> Partnership:
    """The partnership asked for, else the one the group belongs to, else the only one in the history."""
    from ..report import ReportError

    chosen = partnership
    if chosen is None and group is not None:
        chosen = next((g.partnership for g in history.groups if g.id == group), None)
    if chosen is None:
        if len(history.partnerships) == 1:
            return history.partnerships[0]
        ids = ", ".join(sorted(p.id for p in history.partnerships)) or "none"
        raise ReportError(f"the source holds several partnerships; choose one with --partnership ({ids})")
    for candidate in history.partnerships:
        if candidate.id == chosen:
            return candidate
    from ..errors import unknown_id

    raise ReportError(unknown_id("partnership", chosen, (p.id for p in history.partnerships)))


def _last_meeting(history: History, partnership: Partnership) -> date:
    """The day of the partnership's last meeting in the history (its start when it has none): statistics
    of a history describe the history, whatever day they are printed on."""
    own = {g.id for g in history.groups if g.partnership == partnership.id}
    days = [m.day for m in history.meetings if own.intersection(m.groups)]
    return max(days, default=partnership.started)


def _check_choice(kind: str, value: str | None, known: set[str], where: str) -> None:
    from ..report import ReportError

    if value is not None and value not in known:
        from ..errors import unknown_id

        raise ReportError(unknown_id(kind, value, known, where))


@click.command()
@click.argument("source", type=SOURCE, required=False)
@db_option
@click.option(
    "--partnership",
    metavar="ID",
    shell_complete=ids_of("partnership"),
    help="The partnership [the group's, or the only one].",
)
@click.option(
    "--group", "group", metavar="ID", shell_complete=ids_of("group"), help="Only this group's members."
)
@click.option("--person", "person", metavar="ID", shell_complete=ids_of("person"), help="Only this person.")
@click.option("--quarter", metavar="QUARTER", help="A quarter: 2015/16-Q4 (financial year) or 2016Q1.")
@click.option(
    "--from", "start", metavar="DATE", callback=iso_date, help="First day [the partnership's start]."
)
@click.option(
    "--to", "end", metavar="DATE", callback=iso_date, help="Last day [the partnership's last meeting]."
)
@click.option("--policy", "policy_ref", metavar="ID|FILE", help="Count misses under this policy's readings.")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@reports_errors
def stats(
    source: Path | None,
    database: str | None,
    partnership: str | None,
    group: str | None,
    person: str | None,
    quarter: str | None,
    start: date | None,
    end: date | None,
    policy_ref: str | None,
    output_format: str,
) -> None:
    """Attendance statistics per member per group: expected, present, apologies, absent, deputised,
    excused, and the current run of consecutive counted misses; then each organisation's representation.

    The history is read from the dataset file SOURCE, or with no SOURCE from the database (--db)."""
    from psr_core.statistics import attendance_statistics

    from ..report import Period, ReportError, statistics_table
    from ..report.attendance import member_figures, representation_document
    from ..report.casework import casework_counts, casework_document
    from ..report.names import Names

    history, base, _label = read_history(source, database)
    chosen = _partnership_of(history, partnership, group)
    if quarter is not None or (start is not None and end is not None):
        period = Period.from_options(quarter, start, end)
    else:
        period = Period.of_days(start or chosen.started, end or _last_meeting(history, chosen))
    _check_choice("group", group, {g.id for g in history.groups if g.partnership == chosen.id}, chosen.id)
    _check_choice("person", person, {p.id for p in history.people}, "the history")
    if period.end < chosen.started:
        raise ReportError(
            f"partnership {chosen.id} started on {chosen.started.isoformat()}, after {period.label}"
        )
    policy = policies_for(history, policy_ref, base)
    statistics = attendance_statistics(history, chosen.id, policy, period.start, period.end)
    casework = casework_counts(history, chosen.id, policy, period.start, period.end)
    if output_format == "table":
        table = statistics_table(statistics, history, group=group, person=person, casework=casework)
        click.echo(table, nl=False)
        return
    names = Names(history)
    statuses = {o.id: o.status.value for o in history.organisations if o.partnership == chosen.id}
    document: dict[str, Any] = {
        "partnership": chosen.id,
        "policy": statistics.policy,
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "members": [
            {
                "person": names.person(m.person),
                "group": names.group(m.group),
                "organisation": names.organisation(m.organisation),
                **member_figures(m),
            }
            for m in statistics.members
            if (group is None or m.group == group) and (person is None or m.person == person)
        ],
        "representation": representation_document(statistics, statuses, names) if person is None else [],
        "casework": casework_document(casework, names),
    }
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


__all__ = ["report", "stats"]
