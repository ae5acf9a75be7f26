"""Casework in SQL: responses and the minutes' new details are stored and read back, the schema of the
previous release upgrades with its records kept, responses are only ever appended, and ``psr respond``
records one on each database."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import Engine, inspect

from psr_adapters.cli.app import psr
from psr_adapters.dataset import read_dataset
from psr_adapters.sql import (
    RecordNotFoundError,
    UnstorableHistoryError,
    import_history,
    load_history,
    schema_head,
    upgrade,
)
from psr_adapters.sql.migrations import alembic_config, current_revision
from psr_adapters.sql.responses import append_response, stored_responses
from psr_core import Attendance, Declaration, FindingStatus, History, Response, ResponseAction, evaluate

from .conftest import Target
from .storable import SMALL

AS_OF = date(2015, 10, 1)
PREVIOUS = "0002"
"""The schema revision before casework."""


def small() -> History:
    return read_dataset(SMALL)


def with_casework(history: History) -> History:
    """The small dataset with every new detail: responses, ``took_part``, an accepted exceptional reason
    and a meeting's url."""
    meetings = list(history.meetings)
    first, second, third = meetings
    item = second.items[0]
    declaration = attrs.evolve(item.declarations[0], took_part=False)
    second = attrs.evolve(
        second,
        url="https://chorley.example/exec/2015-08-11",
        items=[attrs.evolve(item, declarations=[declaration, Declaration("gary-hall", "personal")])],
    )
    accepted = [
        attrs.evolve(a, exceptional_accepted_by="alistair-bradley", exceptional_accepted_on=date(2015, 9, 20))
        if a.exceptional
        else a
        for a in third.attendance
    ]
    third = attrs.evolve(third, attendance=accepted)
    breach = next(f for f in evaluate(history, None, AS_OF).findings if f.severity.value == "breach")
    responses = [
        Response(breach.id, "acknowledged", "gary-hall", date(2015, 9, 20), "on the next agenda"),
        Response(breach.id, "waived", "alistair-bradley", date(2015, 9, 20)),
        Response("a-finding-since-corrected", "resolved", "gary-hall", date(2015, 9, 1)),
    ]
    return attrs.evolve(history, meetings=[first, second, third], responses=responses)


def test_responses_and_the_new_details_of_the_minutes_read_back_equal(database: Target) -> None:
    history = with_casework(small())
    import_history(history, database.engine)
    stored = load_history(database.engine)
    assert stored == history
    assert stored.meetings[1].items[0].declarations[0].took_part is False
    assert stored.meetings[1].items[0].declarations[1].took_part is None
    tracie = next(entry for entry in stored.meetings[2].attendance if entry.person == "tracie-ogara")
    assert tracie == Attendance(
        "tracie-ogara",
        "absent",
        exceptional="hospital admission",
        exceptional_accepted_by="alistair-bradley",
        exceptional_accepted_on=date(2015, 9, 20),
    )


def test_the_findings_from_the_database_carry_the_same_casework_as_from_the_history(database: Target) -> None:
    history = with_casework(small())
    import_history(history, database.engine)
    from_file = evaluate(history, None, AS_OF)
    from_database = evaluate(load_history(database.engine), None, AS_OF)
    assert from_database.casework == from_file.casework
    assert [f.id for f in from_database.findings] == [f.id for f in from_file.findings]
    assert len(from_database.casework.unmatched) == 1


def test_the_previous_schema_upgrades_with_its_records_kept(database: Target) -> None:
    history = small()
    import_history(history, database.engine)
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), PREVIOUS)
        assert current_revision(connection) == PREVIOUS
    names = set(inspect(database.engine).get_table_names())
    assert "psr_response" not in names
    assert "url" not in {c["name"] for c in inspect(database.engine).get_columns("psr_meeting")}
    assert upgrade(database.engine) == (PREVIOUS, schema_head())
    assert load_history(database.engine) == history
    breach = next(f for f in evaluate(history, None, AS_OF).findings if f.severity.value == "breach")
    append_response(database.engine, Response(breach.id, "resolved", "gary-hall", AS_OF))
    assert evaluate(load_history(database.engine), None, AS_OF).casework.status(breach) is (
        FindingStatus.RESOLVED
    )


def test_a_response_by_someone_the_database_does_not_hold_is_refused_and_nothing_is_written(
    database: Target,
) -> None:
    import_history(small(), database.engine)
    with pytest.raises(RecordNotFoundError, match="no person has the id 'nobody'"):
        append_response(database.engine, Response("some-finding", "acknowledged", "nobody", AS_OF))
    assert stored_responses(database.engine) == []


def test_two_writers_responding_to_the_same_finding_at_once_both_land_in_order(
    database: Target, fresh_engine: Callable[[], Engine]
) -> None:
    import_history(small(), database.engine)
    engines = [fresh_engine(), fresh_engine()]
    writers = {0: "alistair-bradley", 1: "gary-hall"}
    rounds = 5
    start = threading.Barrier(len(engines))
    errors: list[Exception] = []

    def respond(index: int) -> None:
        start.wait()
        try:
            for n in range(rounds):
                note = f"{writers[index]} {n}"
                append_response(engines[index], Response("f", "acknowledged", writers[index], AS_OF, note))
        except Exception as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=respond, args=(i,)) for i in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    stored = stored_responses(database.engine)
    assert len(stored) == rounds * len(writers)
    for person in writers.values():
        mine = [r.note for r in stored if r.by == person]
        assert mine == [f"{person} {n}" for n in range(rounds)]
    assert load_history(database.engine).responses == tuple(stored)


# -- psr respond ------------------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(psr, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check(target: Target, *more: str) -> tuple[int, list[dict[str, Any]]]:
    """The exit status of ``psr check --db`` as of :data:`AS_OF` (unless ``more`` says), and its findings."""
    code, out, _err = run(
        "check", "--db", target.url, "--as-of", AS_OF.isoformat(), "--format", "json", *more
    )
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return code, findings


def test_a_programme_officer_responds_and_the_next_check_follows(database: Target) -> None:
    import_history(small(), database.engine)
    code, findings = check(database)
    assert code == 1
    breaches = [f for f in findings if f["severity"] == "breach"]
    assert breaches
    assert {f["status"] for f in findings} == {"open"}
    for breach in breaches:
        code, out, err = run(
            "respond", breach["id"], "--action", "explanation-requested", "--by", "alistair-bradley",
            "--on", "2015-09-20", "--note", "letter sent", "--db", database.url,
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert breach["id"] in out
    code, findings = check(database)
    assert code == 1  # acknowledged breaches still count
    acknowledged = [f for f in findings if f["severity"] == "breach"]
    assert {f["status"] for f in acknowledged} == {"acknowledged"}
    assert acknowledged[0]["responses"] == [
        {
            "finding": acknowledged[0]["id"],
            "action": "explanation-requested",
            "by": "alistair-bradley",
            "on": "2015-09-20",
            "note": "letter sent",
        }
    ]
    for breach in breaches:
        run(
            "respond", breach["id"], "--action", "resolved", "--by", "gary-hall", "--on", "2015-09-30",
            "--db", database.url,
        )  # fmt: skip
    code, findings = check(database)
    assert code == 0
    assert {f["status"] for f in findings if f["severity"] == "breach"} == {"resolved"}
    code, only_open = check(database, "--status", "open")
    assert code == 0  # the filter shows less; the exit status still counts every breach
    assert only_open
    assert {f["status"] for f in only_open} == {"open"}
    assert all(f["severity"] != "breach" for f in only_open)
    code, _findings = check(database, "--as-of", "2015-09-25")
    assert code == 1  # the resolutions came later


@pytest.mark.parametrize(
    ("finding", "action", "by", "on", "says"),
    [
        (
            "not-a-finding",
            "acknowledged",
            "gary-hall",
            "2015-10-01",
            "no finding with the id 'not-a-finding'",
        ),
        (None, "acknowledged", "nobody", "2015-10-01", "no person has the id 'nobody'"),
        (None, "forgiven", "gary-hall", "2015-10-01", "'forgiven' is not one of"),
        (None, "acknowledged", "gary-hall", "2015-06-01", "is raised as of 2015-06-01"),
    ],
    ids=["unknown finding", "unknown person", "unknown action", "not raised that day"],
)
def test_psr_respond_writes_nothing_and_exits_2_for_what_it_cannot_record(
    database: Target, finding: str | None, action: str, by: str, on: str, says: str
) -> None:
    import_history(small(), database.engine)
    raised = evaluate(small(), None, AS_OF).findings[0].id
    code, _out, err = run(
        "respond", finding or raised, "--action", action, "--by", by, "--on", on, "--db", database.url
    )
    assert code == 2
    assert says in err
    assert stored_responses(database.engine) == []


def test_every_action_of_the_contract_is_accepted() -> None:
    code, out, _err = run("respond", "--help")
    assert code == 0
    for action in ResponseAction:
        assert action.value in out


def test_a_history_naming_unknown_people_in_its_casework_is_refused_at_their_paths(database: Target) -> None:
    history = with_casework(small())
    meetings = list(history.meetings)
    third = meetings[2]
    meetings[2] = attrs.evolve(
        third,
        attendance=[
            attrs.evolve(a, exceptional_accepted_by="nobody") if a.exceptional else a
            for a in third.attendance
        ],
    )
    responses = [*history.responses, Response("f", "waived", "no-one", AS_OF)]
    broken = attrs.evolve(history, meetings=meetings, responses=responses)
    with pytest.raises(UnstorableHistoryError) as refused:
        import_history(broken, database.engine)
    assert {problem.path for problem in refused.value.problems} == {
        "meetings[2].attendance.tracie-ogara.exceptional.accepted_by",
        "responses[3].by",
    }
    assert load_history(database.engine) == History()
