"""The ``psr`` command: the composition root that reads files, evaluates, and renders.

The commands and their options are described in ``docs/reference/command-line.md``.

Each command imports the library code it uses when it runs, so that ``psr --help`` loads only click and
the command definitions, and no command loads a part of psr (or a library) that it does not use.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path

import click

from .common import INTERNAL_ERROR, collector_paused, iso_date, reports_errors
from .db import db, db_option
from .ical import ical, schedule
from .progress import Progress
from .report import report, stats
from .respond import respond, status_option
from .serve import feed, serve, token
from .sources import policies_for, read_history


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="psr")
def psr() -> None:
    """Governance as code: check a partnership's history against its terms of reference."""


@psr.command()
@click.argument("dataset", type=click.Path(dir_okay=False, path_type=Path))
@reports_errors
def validate(dataset: Path) -> None:
    """Check DATASET against the psr/1 format; list every problem (exit 2) or confirm it (exit 0)."""
    from ..dataset import read_dataset

    history = read_dataset(dataset)
    policies_for(history, None, dataset.parent)  # policy files named by the dataset are read too
    click.echo(
        f"{dataset}: valid psr/1 dataset: {len(history.partnerships)} partnership(s), "
        f"{len(history.organisations)} organisation(s), {len(history.people)} people, "
        f"{len(history.meetings)} meeting(s)"
    )
    sys.exit(0)  # here, while the history is held: the process ends without freeing it (cli.main)


@psr.command()
@click.argument("dataset", required=False, type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.option("--policy", "policy_ref", metavar="ID|FILE", help="Judge every partnership under this policy.")
@click.option(
    "--as-of",
    metavar="DATE",
    callback=iso_date,
    help="Evaluate the history as it stood at the end of this day [today].",
)
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@status_option
@reports_errors
def check(
    dataset: Path | None,
    database: str | None,
    policy_ref: str | None,
    as_of: date | None,
    output: str,
    statuses: tuple[str, ...],
) -> None:
    """Evaluate the rules on DATASET, or on the history in --db. Exit 0 with no open or acknowledged
    breach, 1 with one, 2 on bad input."""
    from psr_core import FindingStatus, evaluate

    from ..casework import with_statuses
    from ..rendering.findings_json import write_findings_json
    from ..rendering.findings_table import write_findings_table

    progress = Progress()
    progress(f"reading {dataset or database or 'psr.db'}")
    history, base, _source = read_history(dataset, database)
    policy = policies_for(history, policy_ref, base)
    day = as_of if as_of is not None else date.today()
    step = progress.steps(len(history.partnerships), "partnership", f"judging as of {day.isoformat()}")
    # The collector stays paused while the findings are written too: encoding them allocates as much as
    # judging does, and each full collection would walk the whole history again.
    with collector_paused():
        evaluation = evaluate(history, policy, day, on_progress=step)
        progress.done()
        shown = with_statuses(evaluation, tuple(FindingStatus(s) for s in statuses))
        sys.stdout.flush()
        stream = sys.stdout.buffer  # bytes straight to standard output, without a copy as text
        if output == "json":
            write_findings_json(shown, stream)
        else:
            write_findings_table(shown, stream, width=shutil.get_terminal_size((100, 24)).columns)
        stream.flush()
    sys.exit(1 if evaluation.has_breach else 0)


@psr.command()
@click.argument("dataset", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--policy", "policy_ref", metavar="ID|FILE", required=True, help="The policy to try.")
@click.option(
    "--against", "against_ref", metavar="ID|FILE", required=True, help="The policy to compare with."
)
@click.option(
    "--as-of", metavar="DATE", callback=iso_date, help="Evaluate as of the end of this day [today]."
)
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True)
@reports_errors
def diff(dataset: Path, policy_ref: str, against_ref: str, as_of: date | None, output: str) -> None:
    """Show the findings that appear, disappear or change on DATASET between two policies.

    Exit 0 when the findings are the same, 1 when they differ, 2 on bad input.
    """
    from psr_core import evaluate
    from psr_core.comparison import compare

    from ..dataset import read_dataset
    from ..policy_file import resolve_policy
    from ..rendering.comparison import comparison_document, comparison_table

    history = read_dataset(dataset)
    after, before = resolve_policy(policy_ref), resolve_policy(against_ref)
    day = as_of if as_of is not None else date.today()
    with collector_paused():
        comparison = compare(evaluate(history, before, day), evaluate(history, after, day), (before, after))
    if output == "json":
        document = comparison_document(comparison, before.id, after.id, day.isoformat())
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        width = shutil.get_terminal_size((100, 24)).columns
        click.echo(comparison_table(comparison, before.id, after.id, width), nl=False)
    sys.exit(0 if comparison.unchanged else 1)


@psr.group()
def policy() -> None:
    """The terms-of-reference versions psr knows."""


@policy.command("list")
def policy_list() -> None:
    """List the built-in policy versions: id, in force from, title, source document (tab-separated)."""
    from psr_core import built_in_policies

    for version in built_in_policies():
        click.echo(f"{version.id}\t{version.effective_from.isoformat()}\t{version.title}\t{version.document}")


@policy.command("show")
@click.argument("policy_ref", metavar="ID|FILE")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
@reports_errors
def policy_show(policy_ref: str, output: str) -> None:
    """Show a policy: each rule with its clause, quoted text and parameters."""
    from ..policy_file import resolve_policy
    from ..rendering.policy_text import policy_document, policy_text

    version = resolve_policy(policy_ref)
    if output == "json":
        click.echo(json.dumps(policy_document(version), indent=2, ensure_ascii=False))
    else:
        click.echo(policy_text(version, width=shutil.get_terminal_size((100, 24)).columns), nl=False)


for command in (db, ical, schedule, report, stats, serve, token, feed, respond):
    psr.add_command(command)

__all__ = ["INTERNAL_ERROR", "iso_date", "psr", "reports_errors"]
