"""Where a command reads its history from: a DATASET file, or ``--db URL`` (docs/reference/command-line.md).

Exactly one is used. With neither, the history is read from ``--db``'s default: ``$PSR_DB``, else the
SQLite file ``psr.db`` in the working directory, so a new user needs no server.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from .db import history_from_database

if TYPE_CHECKING:
    from psr_core import History, Policy


def read_history(dataset: Path | None, database: str | None) -> tuple[History, Path, str]:
    """The history, the folder its policy files are named from, and how to name the source in messages."""
    from ..dataset import read_dataset

    context = click.get_current_context()
    if dataset is not None:
        if context.get_parameter_source("database") is ParameterSource.COMMANDLINE:
            raise click.UsageError("give a DATASET file or --db URL, not both")
        return read_dataset(dataset), dataset.parent, str(dataset)
    return history_from_database(database), Path.cwd(), database or "the default database (psr.db)"


def policies_for(history: History, chosen: str | None, base: Path) -> Policy | dict[str, Policy]:
    """The policy given on the command line for every partnership, else each partnership's own."""
    from psr_core import check_named_chairs

    from ..policy_file import resolve_policy

    policies: Policy | dict[str, Policy]
    if chosen is not None:
        policies = resolve_policy(chosen)
    else:
        policies = {p.id: resolve_policy(p.policy, base) for p in history.partnerships}
    check_named_chairs(history, policies)
    return policies
