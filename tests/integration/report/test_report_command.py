"""``psr report`` and ``psr stats`` as a user runs them: files written whole, JSON of the same data, clear
errors with exit status 2."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from psr_adapters.cli.report import report, stats
from psr_adapters.dataset import read_dataset
from psr_adapters.report import Period, ReportError, build_report
from psr_adapters.sql import import_history
from psr_adapters.sql.responses import append_response
from psr_core import Response, ResponseAction, evaluate

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "chorley" / "chorley.yaml"
SMALL = str(ROOT / "tests" / "data" / "small.yaml")
SOURCE = str(EXAMPLE) if EXAMPLE.exists() else SMALL


def run(command: object, *args: str) -> Result:
    return CliRunner().invoke(command, list(args), catch_exceptions=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["2015/16-Q4", "2015/16Q4", "2015/16-q4", "Q4 2015/16"])
def test_a_financial_year_quarter_starts_on_1_april_and_is_shown_as_councils_write_it(written: str) -> None:
    assert Period.of_quarter(written) == Period(
        date(2016, 1, 1), date(2016, 3, 31), "Q4 2015/16", quarter=True
    )
    assert Period.of_quarter("2015/16-Q1").start == date(2015, 4, 1)
    assert Period.of_quarter("1999/00-Q3").end == date(1999, 12, 31)


@pytest.mark.parametrize("written", ["2015/17-Q1", "2015/16-Q5", "Q1 2016"])
def test_a_financial_year_quarter_that_cannot_be_read_is_refused(written: str) -> None:
    with pytest.raises(ReportError, match="like 2015/16"):
        Period.of_quarter(written)


def test_the_report_of_a_financial_quarter_is_titled_with_it() -> None:
    result = run(report, SOURCE, "--partnership", "chorley", "--quarter", "2015/16-Q4", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["period"]["label"] == "Q4 2015/16"
    assert (document["period"]["from"], document["period"]["to"]) == ("2016-01-01", "2016-03-31")


def test_the_report_names_its_source_file_without_a_local_path(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run(report, SOURCE, "--partnership", "chorley", "--quarter", "2015Q4", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert f"Source: {Path(SOURCE).name}." in page
    assert str(Path(SOURCE).parent) not in page
    if str(EXAMPLE) == SOURCE:
        assert "tracie-ogara missed" not in page
        assert "Tracie O&#39;Gara missed 3 consecutive meetings of" in page


def test_stats_run_to_the_last_meeting_of_the_history_by_default() -> None:
    result = run(stats, SMALL, "--format", "json")
    assert result.exit_code == 0, result.stderr
    last = max(m.day for m in read_dataset(SMALL).meetings)
    assert json.loads(result.stdout)["to"] == last.isoformat()


def test_a_quarter_is_a_calendar_quarter() -> None:
    assert Period.of_quarter("2016Q1") == Period(date(2016, 1, 1), date(2016, 3, 31), "2016Q1", quarter=True)
    assert Period.of_quarter("2015q4").end == date(2015, 12, 31)
    assert Period.of_quarter("2016Q1").describe() == "1 January to 31 March 2016"
    assert (
        Period.of_days(date(2015, 12, 1), date(2016, 1, 31)).describe()
        == "1 December 2015 to 31 January 2016"
    )


@pytest.mark.parametrize(
    ("quarter", "start", "end", "message"),
    [
        ("2016Q5", None, None, "written like 2016Q1"),
        ("Q1 2016", None, None, "written like 2016Q1"),
        ("2016Q1", date(2016, 1, 1), None, "not both"),
        (None, date(2016, 1, 1), None, "give the period"),
        (None, date(2016, 3, 1), date(2016, 1, 1), "is before --from"),
    ],
)
def test_a_period_that_cannot_be_read_is_refused(
    quarter: str | None, start: date | None, end: date | None, message: str
) -> None:
    with pytest.raises(ReportError, match=message):
        Period.from_options(quarter, start, end)


def test_report_writes_the_page_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run(report, SOURCE, "--partnership", "chorley", "--quarter", "2015Q3", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Quarterly scrutiny report" in page
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"], "no temporary file is left behind"


def test_report_as_json_is_the_same_data_as_the_page() -> None:
    result = run(
        report,
        SOURCE,
        "--partnership",
        "chorley",
        "--from",
        "2015-07-01",
        "--to",
        "2016-06-30",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    expected = build_report(
        read_dataset(SOURCE),
        "chorley",
        None,
        Period.of_days(date(2015, 7, 1), date(2016, 6, 30)),
        source=Path(SOURCE).name,
        made=date.today(),
    )
    assert document == json.loads(json.dumps(expected))
    assert document["format"] == "psr-report/1"
    assert document["title"] == "Scrutiny report"
    assert list(document) == [
        "format",
        "title",
        "source",
        "made",
        "psr_version",
        "partnership",
        "policy",
        "period",
        "as_of",
        "summary",
        "meetings",
        "attendance",
        "tiers",
        "representation",
        "findings",
        "casework",
        "contributions",
        "declarations",
    ]


def test_report_prints_to_standard_output_without_o() -> None:
    result = run(report, SMALL, "--partnership", "chorley", "--quarter", "2015Q3")
    assert result.exit_code == 0
    assert "<h1>Chorley Public Service Reform Partnership</h1>" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--partnership", "preston", "--quarter", "2015Q3"],
            "no partnership 'preston' in the history; the partnerships are: chorley",
        ),
        (["--partnership", "chorley", "--quarter", "2015-Q3"], "written like 2016Q1"),
        (["--partnership", "chorley", "--quarter", "2014Q4"], "after the period 2014Q4 ends"),
        (["--partnership", "chorley"], "give the period"),
        (["--partnership", "chorley", "--from", "2015-13-01", "--to", "2016-01-01"], "YYYY-MM-DD"),
    ],
)
def test_report_refuses_what_it_cannot_do_with_exit_status_2(
    args: list[str], message: str, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    result = run(report, SMALL, *args, "-o", str(target))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists(), "nothing is written"


def test_report_names_a_bad_dataset_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        Path(SMALL).read_text(encoding="utf-8").replace("tier: executive", "tier: exe"), encoding="utf-8"
    )
    result = run(report, str(bad), "--partnership", "chorley", "--quarter", "2015Q3")
    assert result.exit_code == 2
    assert "groups[0].tier" in result.stderr


def test_report_cannot_write_to_a_missing_folder(tmp_path: Path) -> None:
    result = run(
        report,
        SMALL,
        "--partnership",
        "chorley",
        "--quarter",
        "2015Q3",
        "-o",
        str(tmp_path / "no" / "r.html"),
    )
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_stats_prints_a_table_of_every_member() -> None:
    result = run(stats, SMALL, "--to", "2015-09-30")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Attendance of chorley from 2015-06-16 to 2015-09-30 under chorley-2015"
    header = lines[2].split()
    assert header == [
        "MEMBER",
        "GROUP",
        "EXPECTED",
        "PRESENT",
        "APOLOGIES",
        "ABSENT",
        "DEPUTY",
        "EXCUSED",
        "UNRECORDED",
        "RATE",
        "RUN",
    ]
    tracie = next(line for line in lines if line.startswith("Tracie O'Gara"))
    assert tracie.split()[3:] == ["3", "0", "1", "1", "0", "1", "0", "0%", "2"]
    assert "Representation" in result.stdout


def test_stats_for_one_person_and_one_group() -> None:
    result = run(stats, SOURCE, "--person", "tracie-ogara", "--to", "2016-07-31")
    assert result.exit_code == 0
    rows = result.stdout.split("\n\n")[1].splitlines()[2:]
    assert len(rows) == 1
    assert "Representation" not in result.stdout
    grouped = run(stats, SOURCE, "--group", "exec", "--quarter", "2015Q4")
    assert grouped.exit_code == 0
    table = grouped.stdout.split("\n\n")[1].splitlines()
    members = table[2:]
    assert len(members) == 15, "the Executive's members in 2015Q4, Tracie O'Gara included"
    assert all(" exec " in line for line in members)
    assert "EXECUTIVE" in grouped.stdout
    assert "IMPLEMENTATION" not in grouped.stdout, "representation only for the group's tier"


def test_stats_as_json() -> None:
    result = run(stats, SMALL, "--quarter", "2015Q3", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    tracie = next(m for m in document["members"] if m["person"]["id"] == "tracie-ogara")
    assert tracie["expected"] == 3
    assert tracie["current_run"] == 2
    assert tracie["run"] == ["exec-2015-07-14", "exec-2015-08-11"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "nope"], "no group 'nope' in chorley; the groups are: exec"),
        (["--person", "nobody"], "no person 'nobody'"),
        (["--partnership", "preston"], "no partnership 'preston'"),
        (["--quarter", "2014Q1"], "started on 2015-06-16, after 2014Q1"),
    ],
)
def test_stats_refuses_unknown_ids_with_exit_status_2(args: list[str], message: str) -> None:
    result = run(stats, SMALL, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_report_and_stats_read_a_history_from_the_database(tmp_path: Path) -> None:
    database = str(tmp_path / "history.db")
    import_history(read_dataset(SMALL), database)
    from_file = run(report, SMALL, "--partnership", "chorley", "--quarter", "2015Q3", "--format", "json")
    from_database = run(
        report, "--db", database, "--partnership", "chorley", "--quarter", "2015Q3", "--format", "json"
    )
    assert from_database.exit_code == 0, from_database.stderr
    file_document, database_document = json.loads(from_file.stdout), json.loads(from_database.stdout)
    assert database_document["source"] == "the psr database"
    assert file_document["source"] == "small.yaml"
    del file_document["source"], database_document["source"]
    assert database_document == file_document
    table = run(stats, "--db", database, "--quarter", "2015Q3")
    assert table.exit_code == 0
    assert table.stdout == run(stats, SMALL, "--quarter", "2015Q3").stdout


def test_a_dataset_file_and_a_database_together_are_refused(tmp_path: Path) -> None:
    result = run(
        report, SMALL, "--db", str(tmp_path / "x.db"), "--partnership", "chorley", "--quarter", "2015Q3"
    )
    assert result.exit_code == 2
    assert "not both" in result.stderr


def test_stats_counts_explanations_requested_and_received_and_resignations_confirmed(tmp_path: Path) -> None:
    database = str(tmp_path / "history.db")
    history = read_dataset(SMALL)
    import_history(history, database)
    (run_of_two,) = evaluate(history, None, date(2015, 9, 30)).of_rule("attendance.written-explanation")
    for action, on in (
        ("explanation-requested", date(2015, 8, 20)),
        ("explanation-received", date(2015, 9, 2)),
        ("explanation-requested", date(2015, 10, 5)),  # after the quarter: not counted
    ):
        append_response(database, Response(run_of_two.id, ResponseAction(action), "alistair-bradley", on))
    append_response(
        database, Response("not-a-finding", "resignation-confirmed", "gary-hall", date(2015, 9, 1))
    )
    table = run(stats, "--db", database, "--quarter", "2015Q3")
    assert table.exit_code == 0
    assert (
        "from 2015-07-01 to 2015-09-30: 1 written explanation requested, 1 received, 0 resignations confirmed"
        in table.stdout
    )
    tracie = next(line for line in table.stdout.splitlines()[-3:] if line.startswith("Tracie O'Gara"))
    assert tracie.split()[-4:] == ["exec", "1", "1", "0"]
    document = json.loads(run(stats, "--db", database, "--quarter", "2015Q3", "--format", "json").stdout)
    assert document["casework"]["totals"] == {
        "explanation-requested": 1,
        "explanation-received": 1,
        "resignation-confirmed": 0,
    }
    (member,) = document["casework"]["members"]
    assert (member["person"]["id"], member["group"]["id"], member["explanation-received"]) == (
        "tracie-ogara",
        "exec",
        1,
    )


def test_stats_and_the_report_show_who_accepted_an_exceptional_reason(tmp_path: Path) -> None:
    """1.7.3: "Unless there are exceptional reasons ...": John Buck's apologies of 8 December 2015 (Storm
    Desmond) were accepted by the chair, Alistair Bradley, that day; the statistics and the quarterly report
    both say so, by name."""
    result = run(stats, str(EXAMPLE), "--group", "exec", "--from", "2015-10-01", "--to", "2015-12-31")
    assert result.exit_code == 0, result.stderr
    assert "John Buck (exec) at exec-2015-12-08: Storm Desmond" in result.stdout
    assert "accepted by Councillor Alistair Bradley on 2015-12-08" in result.stdout
    target = tmp_path / "report.html"
    result = run(report, str(EXAMPLE), "--partnership", "chorley", "--quarter", "2015Q4", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    page = " ".join(target.read_text(encoding="utf-8").split())
    assert "accepted by Councillor Alistair Bradley" in page
