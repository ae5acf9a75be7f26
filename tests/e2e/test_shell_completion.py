"""Shell completion as a user gets it: commands, options, and the ids of the dataset named so far."""

from __future__ import annotations

from pathlib import Path

from click.shell_completion import ShellComplete

from psr_adapters.cli import psr

CHORLEY = str(Path(__file__).resolve().parents[2] / "examples" / "chorley" / "chorley.yaml")


def completions(args: list[str], incomplete: str) -> list[str]:
    return [
        item.value
        for item in ShellComplete(psr, {}, "psr", "_PSR_COMPLETE").get_completions(args, incomplete)
    ]


def test_commands_complete() -> None:
    assert {"check", "ical", "report", "stats", "validate"} <= set(completions([], ""))


def test_group_ids_complete_from_the_dataset_named_before() -> None:
    assert completions(["ical", CHORLEY, "--group"], "") == ["board", "exec", "ig"]
    assert completions(["schedule", CHORLEY, "--group"], "e") == ["exec"]
    assert completions(["stats", CHORLEY, "--group"], "i") == ["ig"]


def test_person_and_partnership_ids_complete_too() -> None:
    assert "tracie-ogara" in completions(["ical", CHORLEY, "--person"], "tra")
    assert completions(["report", CHORLEY, "--partnership"], "") == ["chorley"]


def test_without_a_readable_dataset_ids_complete_to_nothing(tmp_path: Path) -> None:
    assert completions(["ical", str(tmp_path / "missing.yaml"), "--group"], "") == []
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: psr/1\npartnerships: 3\n", encoding="utf-8")
    assert completions(["ical", str(bad), "--group"], "") == []
