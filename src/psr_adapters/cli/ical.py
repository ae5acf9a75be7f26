"""``psr ical`` and ``psr schedule``: calendars of meetings and agenda deadlines, and planned meetings.

Both read a dataset file or a database (``--db``, or the environment variable ``PSR_DB``), one or the
other; they are registered on the ``psr`` group in :mod:`.app`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .common import iso_date, reports_errors
from .completion import ids_of
from .sources import read_history

if TYPE_CHECKING:
    from psr_core import History, Policy

    from ..ical import MonthlyDay

# The calendar code (psr_adapters.ical) is imported inside each command, so that the commands that do not
# write calendars do not load it.

F = TypeVar("F", bound=Callable[..., Any])

SOURCE_HELP = (
    "Read the history from this database instead of a DATASET file: a URL (postgresql://user@host/db, "
    "mariadb://user@host/db, sqlite:///FILE) or a SQLite file name.  [default with no DATASET: $PSR_DB, "
    "else psr.db in the working directory]"
)


def database_option(command: F) -> F:
    """``--db URL``: the database to read the history from, when no DATASET is given."""
    return click.option("--db", "database", metavar="URL", envvar="PSR_DB", help=SOURCE_HELP)(command)


def _history(dataset: Path | None, database: str | None) -> tuple[History, Path]:
    """The history from DATASET or ``--db`` (exactly one), and the folder its policy files are named from."""
    history, base, _source = read_history(dataset, database)
    return history, base


def _policies(history: History, chosen: str | None, base: Path) -> dict[str, Policy]:
    from ..policy_file import resolve_policy

    if chosen is not None:
        policy = resolve_policy(chosen)
        return {p.id: policy for p in history.partnerships}
    return {p.id: resolve_policy(p.policy, base) for p in history.partnerships}


def _write(target: Path | None, data: bytes) -> None:
    """``data`` to ``target`` whole or not at all, or to standard output."""
    from ..files import write_whole
    from ..ical import CalendarError

    if target is None:
        click.echo(data, nl=False)
        return
    try:
        write_whole(target, data)
    except OSError as exc:
        raise CalendarError(f"{target}: cannot be written ({exc.strerror})") from None


def _read_previous(path: Path) -> bytes:
    from ..ical import CalendarError

    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CalendarError(
            f"{path}: no such file; --previous names the calendar published before (leave it out the first "
            "time a calendar is published)"
        ) from None
    except OSError as exc:
        raise CalendarError(f"{path}: cannot be read ({exc.strerror})") from None


@click.command()
@click.argument("dataset", required=False, type=click.Path(dir_okay=False, path_type=Path))
@database_option
@click.option(
    "--partnership",
    metavar="ID",
    shell_complete=ids_of("partnership"),
    help="Only the meetings of this partnership.",
)
@click.option(
    "--group", metavar="ID", shell_complete=ids_of("group"), help="Only the meetings of this group."
)
@click.option(
    "--person",
    metavar="ID",
    shell_complete=ids_of("person"),
    help="Only the meetings of groups the person sat on that day.",
)
@click.option(
    "--policy", "policy_ref", metavar="ID|FILE", help="Take agenda notice from this policy for all."
)
@click.option(
    "--previous",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The calendar published last time: an event whose time, place or status changed gets its SEQUENCE "
    "plus one, the others keep theirs.",
)
@click.option(
    "--uid-domain",
    metavar="DOMAIN",
    default="psr",
    show_default=True,
    help="The right-hand side of every UID; choose it once and keep it.",
)
@click.option(
    "--default-length",
    metavar="MINUTES",
    type=click.IntRange(min=1),
    default=120,
    show_default=True,
    help="How long a meeting with no recorded end is shown as lasting.",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the calendar to FILE (whole or not at all) [standard output].",
)
@reports_errors
def ical(
    dataset: Path | None,
    database: str | None,
    partnership: str | None,
    group: str | None,
    person: str | None,
    policy_ref: str | None,
    previous: Path | None,
    uid_domain: str,
    default_length: int,
    output: Path | None,
) -> None:
    """Write an RFC 5545 calendar of the meetings and agenda deadlines in DATASET (or --db).

    Every meeting when no filter is given; --partnership, --group and --person narrow it (and combine).
    Unchanged data gives byte-identical output. Pass the calendar published last time as --previous so
    that SEQUENCE rises for meetings that moved, changed place or were cancelled.
    """
    from ..ical import render_calendar, revisions_from_calendar

    history, base = _history(dataset, database)
    policies = _policies(history, policy_ref, base)
    before = (
        revisions_from_calendar(_read_previous(previous), str(previous)) if previous is not None else None
    )
    data = render_calendar(
        history,
        policies,
        partnership=partnership,
        group=group,
        person=person,
        previous=before,
        uid_domain=uid_domain,
        default_length=timedelta(minutes=default_length),
    )
    _write(output, data)
    if output is not None:
        events = data.count(b"BEGIN:VEVENT")
        click.echo(f"psr: wrote {output}: {events} events", err=True)


def _clock(_ctx: click.Context, _param: click.Parameter, value: str | None) -> time | None:
    if value is None:
        return None
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a time written HH:MM, like 10:00; found {value!r}") from None


def _month_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> MonthlyDay | None:
    from ..ical import CalendarError, MonthlyDay

    if value is None:
        return None
    try:
        return MonthlyDay.parse(value)
    except CalendarError as exc:
        raise click.BadParameter(str(exc)) from None


def _dates(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[date, ...]:
    return tuple(d for d in (iso_date(ctx, param, v) for v in values) if d is not None)


@click.command()
@click.argument("dataset", required=False, type=click.Path(dir_okay=False, path_type=Path))
@database_option
@click.option(
    "--group",
    metavar="ID",
    required=True,
    shell_complete=ids_of("group"),
    help="The group to plan meetings for.",
)
@click.option("--from", "start", metavar="DATE", required=True, callback=iso_date, help="First day to plan.")
@click.option("--to", "end", metavar="DATE", required=True, callback=iso_date, help="Last day to plan.")
@click.option(
    "--on",
    "day",
    metavar="DAY",
    callback=_month_day,
    help="The day of the month, like 'second Tuesday' [the group's usual day, else the second Tuesday].",
)
@click.option("--at", metavar="HH:MM", callback=_clock, help="Start time [the group's usual, else 10:00].")
@click.option(
    "--minutes", type=click.IntRange(min=1), help="How long meetings last [the group's usual, else 120]."
)
@click.option("--location", metavar="TEXT", help="Where [the group's usual place, else none].")
@click.option(
    "--avoid", metavar="DATE", multiple=True, callback=_dates, help="A day not to use (repeatable)."
)
@click.option("--policy", "policy_ref", metavar="ID|FILE", help="Take the cadence from this policy.")
@click.option(
    "--format", "output_format", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True
)
@click.option("-o", "--output", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def schedule(
    dataset: Path | None,
    database: str | None,
    group: str,
    start: date,
    end: date,
    day: MonthlyDay | None,
    at: time | None,
    minutes: int | None,
    location: str | None,
    avoid: tuple[date, ...],
    policy_ref: str | None,
    output_format: str,
    output: Path | None,
) -> None:
    """Propose meetings of a group from --from to --to that keep its tier's cadence, as dataset entries.

    Reads the history from DATASET or --db. Never on a day another meeting of the partnership takes or one
    given with --avoid. Each entry comes with its agenda deadline.
    """
    from ..ical import CalendarError, plan_document, plan_yaml, propose_meetings

    history, base = _history(dataset, database)
    policies = _policies(history, policy_ref, base)
    owner = next((g.partnership for g in history.groups if g.id == group), None)
    if owner is None:
        from ..errors import unknown_id

        raise CalendarError(unknown_id("group", group, (g.id for g in history.groups)))
    plan = propose_meetings(
        history,
        policies[owner],
        group=group,
        start=start,
        end=end,
        day=day,
        at=at,
        length=timedelta(minutes=minutes) if minutes is not None else None,
        location=location,
        avoid=avoid,
    )
    if output_format == "json":
        text = json.dumps(plan_document(plan), indent=2, ensure_ascii=False) + "\n"
    else:
        text = plan_yaml(plan)
    _write(output, text.encode("utf-8"))
    late = sum(p.late for p in plan.proposals)
    if late:
        click.echo(f"psr: {late} proposed meeting(s) fall later than the cadence allows", err=True)


__all__ = ["ical", "schedule"]
