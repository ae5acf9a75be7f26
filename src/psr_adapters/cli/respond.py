"""``psr respond``: record what the partnership did about a finding, and ``psr check --status``.

A response is appended to the history in the database, never edited or deleted: a mistake is answered by
a later response (``reopened``). See docs/explanation/casework.md.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from .common import iso_date, reports_errors
from .db import db_option

F = TypeVar("F", bound=Callable[..., Any])

STATUSES = ("open", "acknowledged", "resolved", "waived")
"""The words of ``psr_core.FindingStatus`` (a test keeps them equal), here so that the options of the
command line are made without importing the core."""

ACTIONS = (
    "acknowledged",
    "explanation-requested",
    "explanation-received",
    "resignation-confirmed",
    "resolved",
    "waived",
    "reopened",
)
"""The words of ``psr_core.ResponseAction`` (a test keeps them equal)."""


def _statuses(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """``--status open --status acknowledged`` or ``--status open,acknowledged``."""
    chosen: list[str] = []
    for value in values:
        for word in value.split(","):
            word = word.strip()
            if word not in STATUSES:
                raise click.BadParameter(f"expected one of {', '.join(STATUSES)}; found {word!r}")
            chosen.append(word)
    return tuple(dict.fromkeys(chosen))


def status_option(command: F) -> F:
    """``--status``: show only the findings with these statuses (repeat it, or give a comma list)."""
    return click.option(
        "--status",
        "statuses",
        multiple=True,
        metavar="|".join(STATUSES),
        callback=_statuses,
        help="Show only the findings with this status (repeatable, or a comma list); the exit status "
        "still counts every open or acknowledged breach.",
    )(command)


@click.command()
@click.argument("finding_id", metavar="FINDING-ID")
@click.option(
    "--action",
    required=True,
    type=click.Choice(ACTIONS),
    help="What the partnership did.",
)
@click.option("--by", "person", required=True, metavar="PERSON", help="The id of the person who did it.")
@click.option("--on", "day", metavar="DATE", callback=iso_date, help="The day it was done [today].")
@click.option("--note", metavar="TEXT", help="A note: what was sent, received or decided.")
@db_option
@reports_errors
def respond(
    finding_id: str, action: str, person: str, day: date | None, note: str | None, database: str | None
) -> None:
    """Record what the partnership did about the finding FINDING-ID (from `psr check`).

    The finding must be raised when the stored history is checked as of --on; nothing is written
    otherwise (exit 2), nor for an unknown person or action.
    """
    from ..extras import require_extra

    require_extra("sql", "psr respond")
    from psr_core import Response, ResponseAction

    from ..casework import finding_answered
    from ..sql.responses import append_response
    from .db import history_from_database
    from .sources import policies_for

    try:
        response = Response(
            finding=finding_id,
            action=ResponseAction(action),
            by=person,
            on=day if day is not None else date.today(),
            note=note or None,
        )
    except ValueError as error:
        raise click.BadParameter(str(error)) from None
    history = history_from_database(database)
    finding = finding_answered(history, policies_for(history, None, Path.cwd()), response)
    append_response(database, response)
    click.echo(
        f"recorded: {response.action.value} by {response.by} on {response.on.isoformat()} "
        f"for {finding.rule} ({finding.date.isoformat()}, {finding.partnership}); {finding.id}"
    )
