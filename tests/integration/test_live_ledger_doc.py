"""The example of docs/how-to/live-ledger.md runs as written: a ledger fed the Chorley example meeting by
meeting, then moved on, finds what ``evaluate`` finds."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "how-to" / "live-ledger.md"


def test_the_live_ledger_example_runs_and_agrees_with_evaluate(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    example, _tuning = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(compile(example, str(PAGE), "exec"), namespace)  # its last line asserts the agreement
    assert "attendance.deemed-resignation" in capsys.readouterr().out
    assert namespace["ledger"].as_of == date(2016, 12, 31)  # type: ignore[attr-defined]
