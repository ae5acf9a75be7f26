"""The ``psr`` command line."""

from __future__ import annotations

import os
import sys

from .app import psr

LEAVING_AT_ONCE = frozenset({"check", "diff", "validate"})
"""Commands that hold a whole history in memory and nothing else (no connection, no server, no file being
written once they finish): when one is done, the process ends without handing every object back one by one,
which on a history of a million attendance records costs a noticeable part of a second."""


def main() -> None:
    """Entry point of the ``psr`` command."""
    try:
        psr(prog_name="psr")
    except SystemExit as done:
        if _command(sys.argv[1:]) in LEAVING_AT_ONCE:
            _leave(done.code)
        raise


def _command(arguments: list[str]) -> str | None:
    """The command named on the command line: its first argument that is not an option."""
    return next((argument for argument in arguments if not argument.startswith("-")), None)


def _leave(code: object) -> None:
    """End the process with ``code`` as ``sys.exit`` would, once everything written is out, skipping the
    teardown of the objects still held (the operating system takes the memory back whole)."""
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: let the interpreter report it as it always does
        return
    os._exit(status)


__all__ = ["main", "psr"]
