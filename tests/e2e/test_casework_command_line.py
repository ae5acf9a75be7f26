"""``psr check`` shows casework: every finding's id and status, with ``--status`` to filter what is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from psr_adapters.cli import psr

SMALL = str(Path(__file__).parent.parent / "data" / "small.yaml")
ID = re.compile(r"^[A-Za-z0-9._~-]{1,64}$")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(psr, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_json(*more: str) -> tuple[int, dict[str, object]]:
    code, out, _err = run("check", SMALL, "--as-of", "2015-10-01", "--format", "json", *more)
    document: dict[str, object] = json.loads(out)
    return code, document


def test_every_finding_carries_a_url_safe_id_its_status_and_its_responses() -> None:
    code, document = check_json()
    assert code == 1
    findings = document["findings"]
    assert isinstance(findings, list)
    assert findings
    for finding in findings:
        assert ID.match(finding["id"]), finding["id"]
        assert finding["status"] == "open"  # the small dataset records no responses
        assert finding["responses"] == []
    assert document["unmatched_responses"] == []


def test_a_finding_keeps_its_id_when_checked_on_a_later_day() -> None:
    _code, early = check_json("--as-of", "2015-09-01")
    _code, late = check_json("--as-of", "2016-07-31")

    def identity(finding: dict[str, Any]) -> str:
        # composition.advocates raises one finding per vacant role about the same partnership and day
        facet = finding["evidence"].get("advocate") if finding["rule"] == "composition.advocates" else None
        return json.dumps([*(finding[key] for key in ("rule", "partnership", "date", "subject")), facet])

    ids: dict[str, set[str]] = {}
    for finding in late["findings"]:  # type: ignore[attr-defined]
        ids.setdefault(identity(finding), set()).add(finding["id"])
    kept = [f for f in early["findings"] if identity(f) in ids]  # type: ignore[attr-defined]
    assert kept  # most of September's findings still stand in July
    for finding in kept:
        assert ids[identity(finding)] == {finding["id"]}


def test_the_table_shows_each_findings_id_and_status() -> None:
    _code, document = check_json()
    code, out, _err = run("check", SMALL, "--as-of", "2015-10-01")
    assert code == 1
    assert "STATUS" in out.splitlines()[0].split()
    for finding in document["findings"]:  # type: ignore[attr-defined]
        assert f"id {finding['id']}" in out
    assert "open" in out.splitlines()[2].split()


@pytest.mark.parametrize(
    "given", [["--status", "open"], ["--status", "open,waived"], ["--status", "waived", "--status", "open"]]
)
def test_status_filters_the_findings_shown_and_keeps_the_exit_status(given: list[str]) -> None:
    _code, everything = check_json()
    code, shown = check_json(*given)
    assert code == 1
    assert shown["findings"] == everything["findings"]


def test_a_status_with_no_findings_shows_none_but_the_exit_status_still_counts_open_breaches() -> None:
    code, shown = check_json("--status", "resolved")
    assert code == 1
    assert shown["findings"] == []


def test_an_unknown_status_is_a_usage_error() -> None:
    code, _out, err = run("check", SMALL, "--status", "closed")
    assert code == 2
    assert "open, acknowledged, resolved, waived" in err


@pytest.mark.parametrize("day", ["1899-12-31", "2200-01-01", "9999-12-31"])
def test_an_as_of_day_outside_the_years_1900_to_2199_is_a_usage_error(day: str) -> None:
    code, out, err = run("check", SMALL, "--as-of", day)
    assert code == 2
    assert out == ""
    assert "years 1900 to 2199" in err


def test_a_response_dated_outside_the_years_1900_to_2199_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = run(
        "respond", "x", "--action", "waived", "--by", "gary-hall", "--on", "9999-12-31",
        "--db", str(tmp_path / "psr.db"),
    )  # fmt: skip
    assert code == 2
    assert "years 1900 to 2199" in err
    assert not (tmp_path / "psr.db").exists()
