"""Hostile files: every sample in tests/data/hostile is refused with exit 2 and a message naming the file,
by ``psr validate``, ``psr check`` and ``psr db import`` alike, and never with a traceback.

The samples are small on disk; some would be huge in memory if they were read naively (a "billion laughs"
of YAML aliases, records repeated by aliases, nesting thousands deep, an integer of 5,000 digits). The
bombs also run as a separate process under a time limit, so that a regression fails the test instead
of stalling the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from psr_adapters.cli import psr
from psr_adapters.documents import load_yaml, strict_loader

HOSTILE = Path(__file__).parent.parent.parent / "data" / "hostile"
SAMPLES = sorted(HOSTILE.iterdir())
BOMBS = [
    "billion-laughs.yaml",
    "record-bomb.yaml",
    "valid-shape-bomb.yaml",
    "deep-nesting.json",
    "deep-nesting.yaml",
    "huge-integer.json",
]


def test_there_are_samples_of_every_kind() -> None:
    names = {sample.name for sample in SAMPLES}
    assert set(BOMBS) <= names
    assert {"binary.yaml", "utf-16.json", "latin-1.yaml", "python-tag.yaml", "duplicate-keys.json"} <= names


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(psr, list(args), catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_validate_refuses_a_hostile_file_with_exit_2_and_a_message_naming_it(sample: Path) -> None:
    code, output = run("validate", str(sample))
    assert code == 2, output
    assert f"{sample}: " in output
    assert "Traceback" not in output


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_check_refuses_a_hostile_file_with_exit_2_and_a_message_naming_it(sample: Path) -> None:
    code, output = run("check", str(sample), "--as-of", "2016-01-01", "--format", "json")
    assert code == 2, output
    assert f"{sample}: " in output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    "name", ["billion-laughs.yaml", "record-bomb.yaml", "nul-in-id.json", "year-9999.yaml"]
)
def test_db_import_refuses_a_hostile_file_and_writes_nothing(name: str, tmp_path: Path) -> None:
    database = tmp_path / "psr.db"
    code, output = run("db", "import", str(HOSTILE / name), "--db", f"sqlite:///{database}")
    assert code == 2, output
    assert f"{HOSTILE / name}: " in output
    assert not database.exists() or database.stat().st_size == 0 or _holds_no_people(database)


def _holds_no_people(database: Path) -> bool:
    import sqlite3

    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
        return "people" not in tables or connection.execute("select count(*) from people").fetchone()[0] == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_is_refused_by_a_separate_process_within_its_time_limit(name: str) -> None:
    """A guard against hanging, not a speed figure: the limit is far above what the refusal takes."""
    finished = subprocess.run(
        [sys.executable, "-m", "psr_adapters", "validate", str(HOSTILE / name)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2, finished.stderr
    assert str(HOSTILE / name) in finished.stderr


YAML_SAMPLES = [sample for sample in SAMPLES if sample.suffix == ".yaml"]


@pytest.mark.parametrize("base", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
@pytest.mark.parametrize("sample", YAML_SAMPLES, ids=[sample.name for sample in YAML_SAMPLES])
def test_both_yaml_parsers_refuse_or_read_a_sample_the_same_way(sample: Path, base: type[Any]) -> None:
    """libyaml where PyYAML has it, PyYAML's own parser otherwise: a sample refused by the one is refused
    by the other, and one both read (to be refused by the format checks) reads the same."""
    text = sample.read_bytes().decode("utf-8", errors="replace")
    outcomes = []
    for loader in (strict_loader(base), strict_loader(yaml.SafeLoader)):
        try:
            outcomes.append(("read", load_yaml(text, loader)))
        except (yaml.YAMLError, RecursionError):
            outcomes.append(("refused", None))
    assert outcomes[0] == outcomes[1]
