"""``psr ical`` and ``psr schedule`` as a user runs them: files written whole, errors on stderr with exit
status 2, SEQUENCE carried from the calendar published before."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
import pytest
import recurring_ical_events  # the package ships no type information
from click.testing import CliRunner
from icalendar import Calendar

from psr_adapters.cli.ical import ical, schedule
from psr_adapters.dataset import read_dataset
from psr_adapters.sql import import_history

ROOT = Path(__file__).resolve().parents[2]
CHORLEY = str(ROOT / "examples" / "chorley" / "chorley.yaml")
JOINT = str(ROOT / "examples" / "joint-2021" / "joint.yaml")


def run(command: click.Command, *args: str, env: dict[str, str] | None = None) -> tuple[int, bytes, str]:
    result = CliRunner(env=env).invoke(command, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr


def read(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    return calendar


def sequences(data: bytes) -> dict[str, int]:
    return {str(e["UID"]): e.sequence for e in read(data).events}


def test_the_readme_command_writes_the_executive_calendar_that_both_readers_accept(tmp_path: Path) -> None:
    target = tmp_path / "exec.ics"
    code, out, err = run(ical, CHORLEY, "--group", "exec", "-o", str(target))
    assert code == 0
    assert out == b""
    assert f"wrote {target}" in err
    data = target.read_bytes()
    found = list(recurring_ical_events.of(read(data)).between(date(2015, 6, 1), date(2016, 8, 1)))
    assert len(found) == len(read(data).events) == 26  # 13 meetings and 13 agenda deadlines
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_without_output_the_calendar_goes_to_stdout_and_is_the_same_every_time() -> None:
    first = run(ical, CHORLEY, "--person", "gary-hall")
    second = run(ical, CHORLEY, "--person", "gary-hall")
    assert first[0] == 0
    assert first[1] == second[1]
    assert read(first[1])["X-WR-CALNAME"] == "Gary Hall: partnership meetings"


def test_a_joint_meetings_event_is_the_same_in_each_partnerships_calendar() -> None:
    _, chorley, _ = run(ical, JOINT, "--partnership", "chorley")
    _, south_ribble, _ = run(ical, JOINT, "--partnership", "south-ribble")
    assert sequences(chorley).keys() == sequences(south_ribble).keys()


def test_a_moved_meeting_gets_a_higher_sequence_when_the_last_calendar_is_passed(tmp_path: Path) -> None:
    dataset, feed = tmp_path / "chorley.yaml", tmp_path / "exec.ics"
    original = Path(CHORLEY).read_text(encoding="utf-8")
    dataset.write_text(original, encoding="utf-8")
    assert run(ical, str(dataset), "--group", "exec", "-o", str(feed))[0] == 0
    assert set(sequences(feed.read_bytes()).values()) == {0}
    dataset.write_text(
        original.replace("start: 2016-07-12T10:00", "start: 2016-07-12T09:00"), encoding="utf-8"
    )
    code, _, _ = run(ical, str(dataset), "--group", "exec", "--previous", str(feed), "-o", str(feed))
    assert code == 0
    revised = sequences(feed.read_bytes())
    assert revised.pop("meeting-exec-2016-07-12@psr") == 1
    assert set(revised.values()) == {0}
    again = run(ical, str(dataset), "--group", "exec", "--previous", str(feed))[1]
    assert again == feed.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "nope"], "no group 'nope' in the history; the groups are:"),
        (["--person", "nobody"], "no person 'nobody' in the history; the people are:"),
        (["--partnership", "elsewhere"], "no partnership 'elsewhere' in the history; the partnerships are:"),
        (["--partnership", "chorley", "--group", "sr-board"], "belongs to partnership 'south-ribble'"),
        (["--previous", "missing.ics"], "missing.ics: no such file"),
        (["--policy", "no-such-policy"], "no-such-policy"),
    ],
)
def test_a_bad_request_exits_2_with_a_message_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    target = tmp_path / "out.ics"
    code, out, err = run(ical, JOINT, *args, "-o", str(target))
    assert code == 2
    assert message in err
    assert out == b""
    assert not target.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"this is not a calendar\n",
        b"",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n",
        b"BEGIN:VEVENT\r\nEND:VEVENT\r\n",
    ],
)
def test_a_previous_file_that_is_not_a_whole_calendar_exits_2(tmp_path: Path, content: bytes) -> None:
    previous = tmp_path / "old.ics"
    previous.write_bytes(content)
    code, out, err = run(ical, CHORLEY, "--previous", str(previous))
    assert code == 2
    assert "old.ics" in err
    assert out == b""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The Chorley example stored in a SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'chorley.db'}"
    import_history(read_dataset(CHORLEY), url)
    return url


def test_the_calendar_from_the_database_is_the_calendar_from_the_file(database: str) -> None:
    from_file = run(ical, CHORLEY, "--group", "exec")
    from_database = run(ical, "--db", database, "--group", "exec")
    assert from_database == from_file
    assert run(ical, "--group", "exec", env={"PSR_DB": database}) == from_file


def test_schedule_reads_the_database_too(database: str) -> None:
    args = ("--group", "board", "--from", "2016-08-01", "--to", "2017-12-31")
    assert run(schedule, "--db", database, *args) == run(schedule, CHORLEY, *args)


def test_a_dataset_wins_over_psr_db_from_the_environment() -> None:
    assert run(ical, CHORLEY, env={"PSR_DB": "sqlite:///no/such/psr.db"})[0] == 0


def test_both_a_dataset_and_db_exits_2() -> None:
    code, out, err = run(ical, CHORLEY, "--db", "sqlite:///psr.db", env={"PSR_DB": ""})
    assert code == 2
    assert "give a DATASET file or --db URL" in err
    assert out == b""


def test_neither_reads_the_default_database_and_says_how_to_create_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/reference/command-line.md: "--db defaults to a SQLite file in the working directory"."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(ical, env={"PSR_DB": ""})
    assert code == 2
    assert "psr.db" in err
    assert "psr db import" in err
    assert out == b""
    assert list(tmp_path.iterdir()) == []


def test_a_database_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    code, _, err = run(ical, "--db", f"sqlite:///{tmp_path / 'missing.db'}")
    assert code == 2
    assert "missing.db" in err


def test_a_missing_dataset_exits_2() -> None:
    code, _, err = run(ical, "no-such-file.yaml")
    assert code == 2
    assert "no-such-file.yaml" in err


def test_schedule_proposes_dataset_entries_with_their_agenda_deadlines() -> None:
    code, out, _ = run(schedule, CHORLEY, "--group", "exec", "--from", "2016-08-01", "--to", "2016-10-31")
    assert code == 0
    text = out.decode()
    assert "meetings:\n" in text
    assert "  - id: exec-2016-08-09\n" in text
    assert (
        "# agenda out by Thursday 4 August 2016 (no less than 5 days before; chorley-2015, clause 1.7.1)"
        in text
    )


def test_schedule_as_json_avoiding_a_day(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    code, _, _ = run(
        schedule, CHORLEY, "--group", "exec", "--from", "2016-08-01", "--to", "2016-09-30",
        "--avoid", "2016-08-09", "--format", "json", "-o", str(target),
    )  # fmt: skip
    assert code == 0
    plan = json.loads(target.read_text(encoding="utf-8"))
    assert [m["start"] for m in plan["meetings"]] == ["2016-08-02T10:00", "2016-09-13T10:00"]
    assert plan["agenda_deadlines"][0] == {
        "meeting": "exec-2016-08-02",
        "date": "2016-07-28",
        "notice_days": 5,
        "policy": "chorley-2015",
        "clause": "1.7.1",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--group", "nope", "--from", "2016-08-01", "--to", "2016-09-30"],
            "no group 'nope' in the history; the groups are:",
        ),
        (
            ["--group", "exec", "--from", "2016-08-01", "--to", "2016-07-01"],
            "ends (2016-07-01) before it starts",
        ),
        (
            ["--group", "exec", "--from", "2016-08-01", "--to", "2016-09-30", "--on", "someday"],
            "second Tuesday",
        ),
        (["--group", "exec", "--from", "August", "--to", "2016-09-30"], "YYYY-MM-DD"),
    ],
)
def test_a_bad_schedule_request_exits_2(args: list[str], message: str) -> None:
    code, out, err = run(schedule, CHORLEY, *args)
    assert code == 2
    assert message in err
    assert out == b""
