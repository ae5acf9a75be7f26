"""What ``pip install psr`` gives a new user (docs/how-to/install.md): the main job, no database or web stack.

The slow test builds the wheel, installs it into a fresh virtual environment with pip (which resolves the
base dependencies from the index or pip's cache) and runs the commands there as a user would. The quick
tests make the optional parts look absent in this environment and check the message that names the extra.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from psr_adapters import extras
from psr_adapters.cli import psr

ROOT = Path(__file__).resolve().parents[2]
CHORLEY = ROOT / "examples" / "chorley" / "chorley.yaml"
HEAVY = {
    "sqlalchemy",
    "alembic",
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic",
    "psycopg",
    "pymysql",
    "jsonschema",
}


def _without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` look uninstalled to the check for extras."""
    real = extras.installed

    def installed(name: str) -> bool:
        return name not in modules and real(name)

    monkeypatch.setattr(extras, "installed", installed)


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["db", "upgrade"], "sql"),
        (["db", "import", str(CHORLEY)], "sql"),
        (["db", "export"], "sql"),
        (["check", "--as-of", "2016-07-31"], "sql"),
        (["ical", "--group", "exec"], "sql"),
        (["token", "create", "--scope", "read"], "sql"),
        (["serve"], "http"),
        (["feed", "create", "--group", "exec"], "http"),
    ],
)
def test_a_command_whose_extra_is_missing_exits_2_with_the_line_that_installs_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: list[str], extra: str
) -> None:
    _without(monkeypatch, "sqlalchemy", "fastapi")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(psr, args, catch_exceptions=False, env={"PSR_DB": None})
    assert result.exit_code == 2, result.output
    assert f"pip install 'psr[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "psr.db").exists()


def test_the_token_scopes_the_command_offers_are_the_stored_scopes() -> None:
    from psr_adapters.cli.serve import SCOPES
    from psr_adapters.sql.access import Scope

    assert tuple(s.value for s in Scope) == SCOPES


def test_every_extra_in_the_package_metadata_is_one_the_commands_can_name() -> None:
    from importlib.metadata import metadata

    declared = set(metadata("psr").get_all("Provides-Extra") or [])
    assert set(extras.EXTRAS) <= declared
    assert declared - set(extras.EXTRAS) == {"all", "dev"}


def _run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, env=env, check=False
    )


@pytest.mark.slow
def test_a_fresh_environment_gets_the_main_job_and_no_database_or_web_stack(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PSR_COMPILE", "PSR_DB", "VIRTUAL_ENV")}
    built = _run(
        sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "wheels", ROOT, env=env,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "wheels").glob("psr-*.whl")
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    python, command = venv / "bin" / "python", venv / "bin" / "psr"
    installed = _run(python, "-m", "pip", "install", "-q", wheel, env=env)
    assert installed.returncode == 0, installed.stderr

    listed = _run(python, "-m", "pip", "list", "--format", "json", env=env)
    names = {d["name"].lower().replace("_", "-") for d in json.loads(listed.stdout)}
    pulled = names - {"pip", "setuptools", "wheel"}
    assert {"psr", "attrs", "click", "icalendar", "jinja2", "pyyaml"} <= pulled
    assert not pulled & HEAVY
    assert len(pulled) <= 12, sorted(pulled)

    validated = _run(command, "validate", CHORLEY, env=env)
    assert validated.returncode == 0, validated.stderr
    checked = _run(command, "check", CHORLEY, "--as-of", "2016-07-31", "--format", "json", env=env)
    assert checked.returncode == 1, checked.stderr
    assert json.loads(checked.stdout)["findings"]
    calendar = _run(command, "ical", CHORLEY, "--group", "exec", env=env)
    assert calendar.returncode == 0, calendar.stderr
    assert calendar.stdout.startswith("BEGIN:VCALENDAR")

    stored = _run(command, "db", "import", CHORLEY, "--db", tmp_path / "h.db", env=env)
    assert stored.returncode == 2
    assert "pip install 'psr[sql]'" in stored.stderr
    assert not (tmp_path / "h.db").exists()
    served = _run(command, "serve", env=env)
    assert served.returncode == 2
    assert "pip install 'psr[http]'" in served.stderr
