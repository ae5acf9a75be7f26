"""``psr db``: a history in SQL (docs/reference/command-line.md): ``upgrade``, ``import`` and ``export``.

``--db`` takes a database URL (``postgresql://user@host/db``, ``mariadb://root@host/db``,
``sqlite:///history.db``) or a SQLite file name, and defaults to ``psr.db`` in the working directory (or
the environment variable ``PSR_DB``), so a new user needs no server. :func:`db_option` and
:func:`history_from_database` are what ``psr check --db`` (and later ``psr ical --db``) use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .common import reports_errors
from .progress import Progress

if TYPE_CHECKING:
    from psr_core import History

# Each command imports what it uses when it runs (psr_adapters.sql needs the sql extra), so that psr --help
# and the commands that need no database load none of it.

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = (
    "The database: a URL (postgresql://user@host/db, mariadb://user@host/db, sqlite:///FILE) or a SQLite "
    "file name.  [default: psr.db in the working directory, or $PSR_DB]"
)


def db_option(command: F) -> F:
    """The ``--db URL`` option, defaulting to ``$PSR_DB`` and then to ``psr.db`` in the working directory."""
    return click.option("--db", "database", metavar="URL", envvar="PSR_DB", default=None, help=DB_HELP)(
        command
    )


def history_from_database(database: str | None) -> History:
    """The history stored in ``database`` (``None``: the default SQLite file), for ``psr check --db``."""
    from ..extras import require_extra

    require_extra("sql", "reading a history from a database (--db)")
    from ..sql import load_history

    return load_history(database)


@click.group("db")
def db() -> None:
    """Store a history in SQL: SQLite by default, PostgreSQL or MariaDB by URL."""


@db.command("upgrade")
@db_option
@reports_errors
def upgrade_command(database: str | None) -> None:
    """Bring the database to the current schema (creating the tables in an empty one)."""
    from ..extras import require_extra

    require_extra("sql", "psr db upgrade")
    from ..sql import upgrade

    before, after = upgrade(database)
    where = _shown(database)
    if before == after:
        click.echo(f"{where}: the schema is current (version {after}); nothing to do")
    else:
        click.echo(f"{where}: upgraded the schema from version {before or 'none'} to {after}")


@db.command("import")
@click.argument("dataset", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the history the database holds (in the same transaction) instead of refusing.",
)
@reports_errors
def import_command(dataset: Path, database: str | None, replace: bool) -> None:
    """Write DATASET into the database in one transaction: all of it, or nothing.

    An empty database gets the current schema first. A database that already holds a history is
    refused, unless --replace is given.
    """
    from ..dataset import read_dataset
    from ..extras import require_extra

    require_extra("sql", "psr db import")
    from ..sql import import_history

    history = read_dataset(dataset)
    progress = Progress()
    try:
        summary = import_history(history, database, replace=replace, on_progress=progress)
    finally:
        progress.done()
    click.echo(str(summary))


@db.command("export")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["yaml", "json"]),
    default=None,
    help="The document's syntax.  [default: json for a FILE ending in .json, else yaml]",
)
@reports_errors
def export_command(database: str | None, output: Path | None, output_format: str | None) -> None:
    """Write the stored history as a psr/1 dataset, to standard output or to FILE."""
    from ..dataset import dump_dataset
    from ..extras import require_extra

    require_extra("sql", "psr db export")
    from ..sql import load_history

    history = load_history(database)
    as_json = output_format == "json" or (
        output_format is None and output is not None and output.suffix.lower() == ".json"
    )
    text = dump_dataset(history, as_json=as_json)
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_whole(output, text)


def _shown(database: str | None) -> str:
    from ..sql import database_url, describe

    return describe(database_url(database))


def _write_whole(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` whole or not at all."""
    from ..files import write_whole

    try:
        write_whole(target, text)
    except OSError as error:
        raise click.FileError(str(target), hint=error.strerror) from None


__all__ = ["db", "db_option", "history_from_database"]
