"""Shell completion of ids: ``psr ical chorley.yaml --group <TAB>`` offers the groups of that file.

click completes commands, options and choices by itself (``docs/how-to/install.md`` shows how to switch it
on); these callbacks add the ids a dataset holds. A file that cannot be read completes to nothing: the
command itself will say what is wrong when it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from click.shell_completion import CompletionItem

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _ids(ctx: click.Context, kind: str) -> list[tuple[str, str]]:
    """The ``(id, name)`` of each ``kind`` in the dataset named on the command line so far."""
    named = ctx.params.get("dataset") or ctx.params.get("source")
    if named is None:
        # While an option still waits for its value, click leaves the words it has not parsed in args.
        named = next((word for word in ctx.args if not word.startswith("-")), None)
    if not isinstance(named, str | Path) or not Path(named).is_file():
        return []
    from psr_core import PsrError

    from ..dataset import read_dataset

    try:
        history = read_dataset(Path(named))
    except (PsrError, OSError):
        return []
    if kind == "group":
        return [(g.id, g.name or "") for g in history.groups]
    if kind == "person":
        return [(p.id, p.name) for p in history.people]
    return [(p.id, p.name) for p in history.partnerships]


def ids_of(kind: str) -> Completer:
    """A completion callback offering the ids of ``kind`` (group, person, partnership) that start with
    what has been typed, each with its name as help."""

    def complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        return [
            CompletionItem(key, help=name or None)
            for key, name in sorted(_ids(ctx, kind))
            if key.startswith(incomplete)
        ]

    return complete
