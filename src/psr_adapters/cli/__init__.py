"""The ``psr`` command line."""

from __future__ import annotations

import gc
import os
import sys

from .app import psr

LEAVING_AT_ONCE = frozenset({"check", "diff", "validate"})
"""Commands that read a whole history, judge it, print, and end (no connection, no server, no file being
written once they finish). Such a process runs without the cyclic garbage collector: the history and the
findings hold no reference cycles, and a collection when reading or judging ends would walk every object
made so far (about half a second on a million attendance records) to find nothing. When one is done, the
process ends without handing every object back one by one (the operating system takes the memory back
whole)."""


def main() -> None:
    """Entry point of the ``psr`` command."""
    if _command(sys.argv[1:]) in LEAVING_AT_ONCE:
        gc.disable()
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
