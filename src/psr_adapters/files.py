"""Writing an output file whole or not at all: a temporary file beside it, then a rename.

The file gets the permissions any program's new file gets: ``0666`` less the user's umask (so with the
usual umask of ``022`` a web server can read a published ``exec.ics`` or ``report.html``), and a file that
is already there keeps its own mode.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

NEW_FILE_MODE = 0o666
"""The mode a new file is created with, before the umask takes its bits away (as ``open()`` does)."""


def _existing_mode(target: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return None


def write_whole(target: Path, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``target`` so that a reader sees the old file or the new one, never
    part of either; a failure leaves no temporary file behind and raises the ``OSError``.

    A new file's mode is :data:`NEW_FILE_MODE` less the umask; an existing file's mode is kept.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    keep = _existing_mode(target)
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    # os.open applies the umask to NEW_FILE_MODE, as creating the file in place would.
    handle = os.open(
        temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), NEW_FILE_MODE
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        if keep is not None:
            os.chmod(temporary, keep)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
