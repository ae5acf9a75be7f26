"""With ``--format json``, an error is JSON too: a program reading psr's output reads its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from psr_adapters.cli import psr

DATA = Path(__file__).parent.parent / "data"
CHORLEY = Path(__file__).resolve().parents[2] / "examples" / "chorley" / "chorley.yaml"


def _bad_dataset(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("status: full", "status: fuul").replace("tier: executive", "tier: exe"), "utf-8"
    )
    return bad


def test_a_bad_dataset_is_reported_as_json_with_every_problem_and_its_path(tmp_path: Path) -> None:
    bad = _bad_dataset(tmp_path)
    result = CliRunner().invoke(psr, ["check", str(bad), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    error = json.loads(result.stderr)["error"]
    assert error["exit_status"] == 2
    assert error["source"] == str(bad)
    paths = {problem["path"] for problem in error["problems"]}
    assert {"organisations[0].status", "groups[0].tier"} <= paths


@pytest.mark.parametrize(
    "args",
    [
        ["stats", str(CHORLEY), "--group", "nope", "--format", "json"],
        ["report", str(CHORLEY), "--partnership", "nope", "--quarter", "2016Q1", "--format", "json"],
        ["policy", "show", "no-such-policy", "--format", "json"],
    ],
)
def test_other_commands_asked_for_json_report_errors_as_json(args: list[str]) -> None:
    result = CliRunner().invoke(psr, args, catch_exceptions=False)
    assert result.exit_code == 2
    error = json.loads(result.stderr)["error"]
    assert "nope" in error["message"] or "no-such-policy" in error["message"]


def test_the_table_format_keeps_the_message_for_people(tmp_path: Path) -> None:
    result = CliRunner().invoke(psr, ["check", str(_bad_dataset(tmp_path))], catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("psr: ")
