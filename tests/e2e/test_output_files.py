"""Files written with ``-o`` honour the umask, keep an existing file's mode, and are written whole or not at
all: a web server can read a published ``exec.ics`` or ``report.html``."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from psr_adapters.cli import psr
from psr_adapters.files import write_whole

CHORLEY = str(Path(__file__).resolve().parents[2] / "examples" / "chorley" / "chorley.yaml")
COMMANDS = {
    "ical": ["ical", CHORLEY, "--group", "exec"],
    "report": ["report", CHORLEY, "--partnership", "chorley", "--quarter", "2016Q1"],
}


@pytest.fixture
def umask() -> Iterator[None]:
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_output_file_gets_the_mode_the_umask_allows(
    tmp_path: Path, command: str, mask: int, expected: int
) -> None:
    target = tmp_path / "out"
    os.umask(mask)
    result = CliRunner().invoke(psr, [*COMMANDS[command], "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _mode(target) == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_existing_output_file_keeps_its_mode(tmp_path: Path, command: str) -> None:
    target = tmp_path / "out"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    os.umask(0o077)
    result = CliRunner().invoke(psr, [*COMMANDS[command], "-o", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert _mode(target) == 0o640
    assert target.read_text(encoding="utf-8") != "old"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"old")

    def full_disk(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_whole(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
