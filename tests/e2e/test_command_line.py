"""The psr command as a user runs it: exit codes, JSON to the letter of docs/reference/command-line.md, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from psr_adapters.cli import psr

DATA = Path(__file__).parent.parent / "data"
SMALL = str(DATA / "small.yaml")
FINDING_KEYS = [
    "rule",
    "partnership",
    "policy",
    "clause",
    "severity",
    "date",
    "subject",
    "message",
    "evidence",
    "interpretation",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(psr, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_validate_confirms_a_valid_dataset() -> None:
    code, out, _ = run("validate", SMALL)
    assert code == 0
    assert "valid psr/1 dataset" in out


def test_validate_lists_every_problem_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        Path(SMALL)
        .read_text(encoding="utf-8")
        .replace("status: full", "status: fuul")
        .replace("tier: executive", "tier: exe"),
        encoding="utf-8",
    )
    code, out, err = run("validate", str(bad))
    assert code == 2
    assert out == ""
    assert "organisations[0].status" in err
    assert "groups[0].tier" in err
    assert "Traceback" not in err


def test_check_as_json_follows_the_contract() -> None:
    code, out, _ = run("check", SMALL, "--as-of", "2015-10-01", "--format", "json")
    document = json.loads(out)
    assert document["as_of"] == "2015-10-01"
    assert document["findings"], "the small dataset has findings"
    for finding in document["findings"]:
        assert list(finding)[: len(FINDING_KEYS)] == FINDING_KEYS
        assert finding["severity"] in ("breach", "action", "info")
    assert code == 1  # the small dataset has breaches


def test_the_exceptional_reason_stops_tracie_ogaras_run_short_of_resignation() -> None:
    _, out, _ = run("check", SMALL, "--as-of", "2015-10-01", "--format", "json")
    rules = {(f["rule"], f["subject"].get("person")) for f in json.loads(out)["findings"]}
    assert ("attendance.written-explanation", "tracie-ogara") in rules
    assert ("attendance.deemed-resignation", "tracie-ogara") not in rules


def test_check_exits_0_when_nothing_is_a_breach() -> None:
    code, out, _ = run("check", SMALL, "--as-of", "2015-06-01", "--format", "json")
    assert json.loads(out)["findings"] == []  # the partnership had not started
    assert code == 0


def test_check_prints_a_table_with_a_summary() -> None:
    code, out, _ = run("check", SMALL, "--as-of", "2015-10-01")
    assert code == 1
    assert out.splitlines()[0].split()[:4] == ["DATE", "SEVERITY", "RULE", "CLAUSE"]
    assert "as of 2015-10-01" in out.splitlines()[-1]


def test_an_earlier_as_of_sees_fewer_findings() -> None:
    _, early, _ = run("check", SMALL, "--as-of", "2015-08-01", "--format", "json")
    _, late, _ = run("check", SMALL, "--as-of", "2015-10-01", "--format", "json")
    assert len(json.loads(early)["findings"]) < len(json.loads(late)["findings"])


def test_a_bad_as_of_date_is_a_usage_error() -> None:
    code, _, err = run("check", SMALL, "--as-of", "2015-13-01")
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_a_missing_dataset_exits_2_with_its_name() -> None:
    code, _, err = run("check", "no-such-file.yaml")
    assert code == 2
    assert "no-such-file.yaml" in err
    assert "no such file" in err


def test_a_policy_file_changes_the_reading_and_the_interpretation_says_so(tmp_path: Path) -> None:
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text(
        "format: psr-policy/1\nid: chorley-lenient\nextends: chorley-2015\n"
        "parameters:\n  apologies_count_as_missed: false\n",
        encoding="utf-8",
    )
    _, out, _ = run("check", SMALL, "--as-of", "2015-10-01", "--format", "json", "--policy", str(lenient))
    findings = json.loads(out)["findings"]
    assert {f["policy"] for f in findings} == {"chorley-lenient"}
    # Tracie O'Gara's apologies in July no longer count, so August alone is no run of two.
    assert not [f for f in findings if f["rule"] == "attendance.written-explanation"]
    _, out, _ = run("check", SMALL, "--as-of", "2015-10-01", "--format", "json")
    default = [f for f in json.loads(out)["findings"] if f["rule"] == "attendance.written-explanation"]
    assert [f["interpretation"]["apologies_count_as_missed"] for f in default] == [True]


def test_a_broken_policy_file_exits_2_with_its_path(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: psr-policy/1\nid: x\nextends: chorley-2015\nparameters:\n  agenda_notice_days: soon\n",
        encoding="utf-8",
    )
    code, _, err = run("check", SMALL, "--policy", str(broken))
    assert code == 2
    assert "parameters.agenda_notice_days" in err
    assert "a whole number" in err


def test_an_unknown_policy_exits_2_naming_the_known_ones() -> None:
    code, _, err = run("check", SMALL, "--policy", "chorley-1999")
    assert code == 2
    assert "chorley-2015" in err


def test_policy_list_names_the_built_in_versions() -> None:
    code, out, _ = run("policy", "list")
    assert code == 0
    assert out.startswith("chorley-2015\t")


def test_policy_show_quotes_each_rules_clause() -> None:
    code, out, _ = run("policy", "show", "chorley-2015")
    assert code == 0
    assert "attendance.deemed-resignation  [clause 1.7.3, action]" in out
    assert "missing 3 consecutive" in out


def test_policy_show_as_json_lists_all_eighteen_rules() -> None:
    _, out, _ = run("policy", "show", "chorley-2015", "--format", "json")
    document = json.loads(out)
    assert len(document["rules"]) == 18
    assert document["parameters"]["agenda_notice_days"]["values"] == [{"since": "2015-06-16", "value": 5}]


@pytest.mark.slow
def test_the_installed_command_runs_and_keeps_quiet_on_stderr_when_piped() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "psr_adapters", "check", SMALL, "--as-of", "2015-10-01", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert json.loads(result.stdout)["as_of"] == "2015-10-01"


def test_an_implementation_group_without_its_named_chair_is_bad_input(tmp_path: Path) -> None:
    """Table 1.2.1 of the Terms of Reference (2015) names the Implementation Group's chair ("Steve
    Winterson"): under chorley-2015 a group of that tier with no ``chair`` is bad input for both
    ``psr validate`` and ``psr check``, which exit 2 naming the group."""
    import yaml

    document = yaml.safe_load(Path(SMALL).read_text(encoding="utf-8"))
    groups = [g for g in document["groups"] if g["tier"] == "implementation"]
    if not groups:
        document["groups"].append(
            {"id": "ig", "partnership": document["partnerships"][0]["id"], "tier": "implementation"}
        )
    for group in document["groups"]:
        if group["tier"] == "implementation":
            group.pop("chair", None)
    unnamed = tmp_path / "unnamed.yaml"
    unnamed.write_text(yaml.safe_dump(document), encoding="utf-8")
    for command in (("validate", str(unnamed)), ("check", str(unnamed), "--as-of", "2016-01-01")):
        code, _out, err = run(*command)
        assert code == 2, command
        group_id = next(g["id"] for g in document["groups"] if g["tier"] == "implementation")
        assert f"group {group_id} (implementation) names no chair" in err
