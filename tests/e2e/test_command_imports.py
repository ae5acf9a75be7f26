"""A command imports only what it uses: checking a file loads no database, web or calendar library.

Measured on the real command in a fresh interpreter with ``python -X importtime``, which lists every
module the process imports; how long they take is for ``benchmarks/run.py``, not for a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHORLEY = str(ROOT / "examples" / "chorley" / "chorley.yaml")
# jsonschema is in the http extra only (the dataset reader does not use it), so no base command may import it.
NOT_FOR_CHECKING = {
    "sqlalchemy",
    "alembic",
    "icalendar",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "jsonschema",
}


def imported_roots(*args: str) -> set[str]:
    """The top-level packages ``psr ARGS`` imports."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "psr_adapters", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    names = (line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "import time:" in line)
    return {name.split(".")[0] for name in names if name and name != "package"}


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("check", CHORLEY, "--as-of", "2016-07-31"),
        ("check", CHORLEY, "--as-of", "2016-07-31", "--format", "json"),
        ("validate", CHORLEY),
        ("policy", "list"),
    ],
)
def test_a_command_on_a_file_imports_no_database_web_or_calendar_library(args: tuple[str, ...]) -> None:
    roots = imported_roots(*args)
    assert "psr_core" in roots or args == ("--help",)
    assert roots & NOT_FOR_CHECKING == set()


def test_help_loads_only_the_command_line() -> None:
    roots = imported_roots("--help")
    assert roots & {"psr_core", "yaml", "orjson", *NOT_FOR_CHECKING} == set()


def test_writing_a_calendar_imports_no_database_or_web_library() -> None:
    roots = imported_roots("ical", CHORLEY, "--group", "exec")
    assert roots & {"sqlalchemy", "alembic", "fastapi", "starlette", "uvicorn", "jsonschema"} == set()
