"""What every psr command shares: library errors as exit statuses, and dates written YYYY-MM-DD."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, TypeVar

import click

from ..collector import collector_paused as collector_paused  # what the commands pause the collector with

F = TypeVar("F", bound=Callable[..., Any])

INTERNAL_ERROR = 3
"""Exit status for a fault in psr itself (0: no breach, 1: a breach, 2: bad input or usage)."""


def reports_errors(command: F) -> F:
    """Turn the library's errors into a message on stderr and the exit status they carry (2 by default)."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except Exception as error:
            # Imported here, not when the command line starts: psr --help needs no part of the core.
            from psr_core import PsrError

            if isinstance(error, PsrError):
                if "json" in (kwargs.get("output"), kwargs.get("output_format")):
                    click.echo(error_json(error), err=True)
                else:
                    click.echo(f"psr: {error}", err=True)
                sys.exit(getattr(error, "exit_code", 2))
            if isinstance(error, (click.exceptions.Exit, click.ClickException)):
                raise
            # A fault in psr itself must not look like "a breach was found" (exit 1).
            click.echo("psr: internal error (please report it with the traceback below)", err=True)
            click.echo(traceback.format_exc(), err=True)
            sys.exit(INTERNAL_ERROR)

    return run  # type: ignore[return-value]


YEARS = range(1900, 2200)
"""The years a date may fall in, on the command line as in a dataset file."""


def error_json(error: Exception) -> str:
    """An error as one line of JSON, for a command asked for ``--format json``: ``{"error": {...}}`` with
    the message, the exit status, and for a bad file its name and every problem with its path."""
    found: dict[str, Any] = {
        "kind": type(error).__name__,
        "message": str(error),
        "exit_status": getattr(error, "exit_code", 2),
    }
    source, problems = getattr(error, "source", None), getattr(error, "problems", None)
    if isinstance(source, str):
        found["source"] = source
    if isinstance(problems, tuple):
        found["problems"] = [{"path": p.path, "message": p.message} for p in problems]
    return json.dumps({"error": found}, ensure_ascii=False)


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """An option's value as a date written YYYY-MM-DD, in the years 1900 to 2199."""
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"expected a date written YYYY-MM-DD, like 2016-01-01; found {value!r}"
        ) from None
    if day.year not in YEARS:
        raise click.BadParameter(f"expected a date in the years 1900 to 2199; found {value!r}")
    return day
