"""Reading and writing psr/1 files for real: YAML and JSON, round trips, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from psr_adapters.dataset import (
    DatasetError,
    check_date_in_range,
    document_from_history,
    dump_dataset,
    load_dataset,
    read_dataset,
    write_dataset,
)
from psr_core import AttendanceStatus

DATA = Path(__file__).parent.parent / "data"
SMALL = DATA / "small.yaml"


def small_text() -> str:
    return SMALL.read_text(encoding="utf-8")


def test_the_small_dataset_reads_into_a_history() -> None:
    history = read_dataset(SMALL)
    assert [p.id for p in history.partnerships] == ["chorley"]
    meeting = history.meetings[1]
    assert meeting.start == datetime(2015, 8, 11, 10, 0)
    assert {e.person: e.status for e in meeting.attendance}["tracie-ogara"] is AttendanceStatus.ABSENT
    deputy = next(e for e in meeting.attendance if e.person == "allan-jones")
    assert deputy.deputy == "gary-hall"
    assert meeting.items[0].decision is not None
    assert meeting.items[0].decision.votes_for == ("alistair-bradley", "gary-hall")


def test_a_time_with_an_offset_becomes_wall_clock_time_in_the_partnerships_zone() -> None:
    history = read_dataset(SMALL)
    assert history.meetings[2].start == datetime(2015, 9, 8, 10, 0)


def test_the_same_document_as_json_reads_the_same(tmp_path: Path) -> None:
    document = yaml.safe_load(small_text())
    as_json = tmp_path / "small.json"
    as_json.write_text(json.dumps(document, default=str), encoding="utf-8")
    assert read_dataset(as_json) == read_dataset(SMALL)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_written_dataset_reads_back_equal(tmp_path: Path, suffix: str) -> None:
    history = read_dataset(SMALL)
    target = tmp_path / f"copy{suffix}"
    write_dataset(history, target)
    assert read_dataset(target) == history


def test_writing_puts_the_contracts_keys_in_order() -> None:
    document = document_from_history(read_dataset(SMALL))
    assert list(document)[:3] == ["format", "partnerships", "organisations"]
    assert document["memberships"][0]["from"] == "2015-06-16"
    assert document["meetings"][1]["attendance"]["allan-jones"] == {"status": "deputy", "deputy": "gary-hall"}


def test_bare_and_quoted_dates_in_yaml_read_the_same() -> None:
    quoted = small_text().replace("started: 2015-06-16", "started: '2015-06-16'")
    assert load_dataset(quoted, "q.yaml") == load_dataset(small_text(), "b.yaml")


def test_an_integer_item_id_reads_as_text() -> None:
    history = load_dataset(small_text().replace('id: "4"', "id: 4"), "i.yaml")
    assert history.meetings[1].items[0].id == "4"


BAD_INPUT = [
    pytest.param(
        ("kind: cash}", "kind: cash, colour: red}"),
        "contributions[0].colour",
        "unknown key 'colour'",
        id="unknown key",
    ),
    pytest.param(
        ("amount: 15000", "amount: lots"), "contributions[0].amount", "expected a number", id="wrong type"
    ),
    pytest.param(
        ("agenda_published: 2015-07-08", "agenda_published: 2015-02-30"),
        "meetings[0].agenda_published",
        "not a valid date",
        id="impossible date",
    ),
    pytest.param(
        ("timezone: Europe/London", "timezone: Europe/Chorley"),
        "partnerships[0].timezone",
        "IANA time zone",
        id="unknown time zone",
    ),
    pytest.param(
        ("{person: tracie-ogara, group: exec,", "{person: tracie-ogara, group: execs,"),
        "memberships[1].group",
        "no group has the id 'execs'",
        id="dangling reference",
    ),
    pytest.param(
        ("{id: gary-hall, name: Gary Hall,", "{id: alistair-bradley, name: Gary Hall,"),
        "people[1].id",
        "already used by people[0]",
        id="duplicate id",
    ),
    pytest.param(
        ("format: psr/1", "format: psr/2"), "format", "expected 'psr/1'", id="unknown format version"
    ),
    pytest.param(
        ("tracie-ogara: apologies", "tracie-ogara: late"),
        "meetings[0].attendance.tracie-ogara",
        "expected one of present, apologies, absent, deputy",
        id="unknown attendance status",
    ),
    pytest.param(
        ("status: held\n    chair: gary-hall", "status: held\n    chair: nobody"),
        "meetings[2].chair",
        "no person has the id 'nobody'",
        id="dangling chair",
    ),
    pytest.param(
        ("for: [alistair-bradley, gary-hall], against: []", "for: [gary-hall], against: [gary-hall]"),
        "meetings[1].items[0].decision.against[0]",
        "already voted 'for'",
        id="double vote",
    ),
    pytest.param(
        ("tracie-ogara: absent", "tracie-ogara: {status: absent, deputy: gary-hall}"),
        "meetings[1].attendance.tracie-ogara.deputy",
        "use status: deputy",
        id="deputy without status",
    ),
    pytest.param(
        ("policy: chorley-2015", "policy: chorley-1999"),
        "partnerships[0].policy",
        "neither a built-in policy",
        id="unknown policy",
    ),
    pytest.param(
        ("start: 2015-07-14T10:00\n", "start: 2015-07-14T10:00\n    start: 2015-07-15T10:00\n"),
        "",
        "given twice",
        id="duplicate key",
    ),
    pytest.param(("groups: [exec]", "groups: [exec"), "", "not valid YAML", id="broken yaml"),
]


@pytest.mark.parametrize(("change", "path", "words"), BAD_INPUT)
def test_bad_input_is_refused_with_its_path_and_what_was_expected(
    change: tuple[str, str], path: str, words: str
) -> None:
    before, after = change
    assert before in small_text()
    with pytest.raises(DatasetError) as raised:
        load_dataset(small_text().replace(before, after, 1), "bad.yaml")
    error = raised.value
    assert error.source == "bad.yaml"
    assert any(p.path == path and words in p.message for p in error.problems), error.problems
    assert str(error).startswith("bad.yaml: ")


def test_every_problem_is_reported_at_once() -> None:
    text = small_text().replace("status: full", "status: fuul").replace("tier: executive", "tier: exec")
    with pytest.raises(DatasetError) as raised:
        load_dataset(text, "two.yaml")
    assert {p.path for p in raised.value.problems} == {"organisations[0].status", "groups[0].tier"}


def test_a_missing_file_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        read_dataset(tmp_path / "absent.yaml")


def test_a_dataset_error_is_also_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"bad\.json"):
        load_dataset("{", "bad.json")


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "kept.yaml"
    target.write_text("old contents", encoding="utf-8")
    history = read_dataset(SMALL)
    with pytest.raises(OSError, match="No such file"):
        write_dataset(history, tmp_path / "no-such-folder" / "new.yaml")
    assert target.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.yaml"]


def test_dumped_text_is_yaml_unless_json_is_asked_for() -> None:
    history = read_dataset(SMALL)
    assert dump_dataset(history).startswith("format: psr/1")
    assert json.loads(dump_dataset(history, as_json=True))["format"] == "psr/1"
    assert load_dataset(dump_dataset(history, as_json=True), "x.json") == history


def test_contribution_years_and_report_dates_survive_the_round_trip() -> None:
    history = read_dataset(SMALL)
    again = load_dataset(dump_dataset(history), "again.yaml")
    assert again.contributions[0].year == 2015
    assert again.reports[0].date == date(2015, 9, 30)


def test_a_dangling_reference_is_reported_in_the_same_run_as_a_format_problem() -> None:
    text = (
        small_text()
        .replace("status: full", "status: fuul")
        .replace("group: exec, role: advocate", "group: execs, role: advocate")
    )
    with pytest.raises(DatasetError) as raised:
        load_dataset(text, "both.yaml")
    assert [p.path for p in raised.value.problems] == ["memberships[2].group", "organisations[0].status"]


def test_each_missing_key_is_reported_once() -> None:
    text = small_text().replace(
        "  - {id: exec, partnership: chorley, tier: executive}", "  - {name: Executive}"
    )
    with pytest.raises(DatasetError) as raised:
        load_dataset(text, "missing.yaml")
    group_problems = [str(p) for p in raised.value.problems if p.path == "groups[0]"]
    assert group_problems == [
        "groups[0]: missing the required key 'id'",
        "groups[0]: missing the required key 'partnership'",
        "groups[0]: missing the required key 'tier'",
    ]
    assert len(raised.value.problems) == len(set(raised.value.problems))


BOUNDS = [
    pytest.param(
        ("id: gary-hall,", 'id: "gary-hall ",'), "people[1].id", "no space at either end", id="trailing space"
    ),
    pytest.param(
        ("id: gary-hall,", 'id: "gary\\thall",'), "people[1].id", "no control character", id="tab in an id"
    ),
    pytest.param(
        ("id: gary-hall,", 'id: "gary\\x85hall",'), "people[1].id", "no control character", id="C1 control"
    ),
    pytest.param(
        ("started: 2015-06-16", "started: 1899-12-31"),
        "partnerships[0].started",
        "outside the years",
        id="1899",
    ),
    pytest.param(
        ("start: 2015-07-14T10:00\n", "start: 2200-01-01T10:00\n"),
        "meetings[0].start",
        "outside the years",
        id="2200",
    ),
    pytest.param(
        ("year: 2015", "year: 2200"), "contributions[0].year", "from 1900 to 2199", id="financial year"
    ),
    pytest.param(
        ("amount: 15000", "amount: 1000000000000000000.5"),
        "contributions[0].amount",
        "at most 18 digits",
        id="amount of 19 digits",
    ),
]


@pytest.mark.parametrize(("change", "path", "words"), BOUNDS)
def test_values_out_of_bounds_are_refused(change: tuple[str, str], path: str, words: str) -> None:
    before, after = change
    assert before in small_text()
    with pytest.raises(DatasetError) as raised:
        load_dataset(small_text().replace(before, after, 1), "bounds.yaml")
    assert any(p.path.startswith(path) and words in p.message for p in raised.value.problems), (
        raised.value.problems
    )


def test_a_value_nested_past_the_limit_is_refused_as_too_deep() -> None:
    deep = "[" * 70 + "]" * 70
    with pytest.raises(DatasetError) as raised:
        load_dataset(small_text().replace("name: Gary Hall,", f"name: {deep},", 1), "deep.yaml")
    assert [str(p) for p in raised.value.problems] == ["people[1].name: nested more than 64 levels deep"]


def test_the_date_bound_is_public_for_the_command_line() -> None:
    assert check_date_in_range(date(2199, 12, 31)) == date(2199, 12, 31)
    with pytest.raises(ValueError, match="outside the years 1900 to 2199"):
        check_date_in_range(date(9999, 12, 31))


def test_an_unknown_key_at_the_top_is_named_by_itself() -> None:
    with pytest.raises(DatasetError) as raised:
        load_dataset("format: psr/1\nmeetngs: []\n", "top.yaml")
    assert [p.path for p in raised.value.problems] == ["meetngs"]


def test_a_section_that_is_not_a_list_is_reported_once_not_at_every_reference() -> None:
    text = small_text().replace("people:\n", "people: Alistair Bradley and others\nnot_people:\n", 1)
    with pytest.raises(DatasetError) as raised:
        load_dataset(text, "people.yaml")
    assert [p.path for p in raised.value.problems] == ["not_people", "people"]
