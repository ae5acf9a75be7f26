"""The additions to psr/1: ``took_part`` (clause 1.7.6), an exceptional reason with who accepted it and
when (clause 1.7.3), a meeting's ``url``, and ``responses`` (casework); each read, checked and written
back, and older files still valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from psr_adapters.dataset import DatasetError, document_from_history, dump_dataset, load_dataset, read_dataset
from psr_core import ResponseAction
from psr_core.attendance import AttendanceRecord

SMALL = Path(__file__).parent.parent.parent / "data" / "small.yaml"

ADDITIONS = {
    'tracie-ogara: {status: absent, exceptional: "hospital admission"}': (
        "tracie-ogara: {status: absent, exceptional: {reason: hospital admission, "
        "accepted_by: alistair-bradley, accepted_on: 2015-09-20}}"
    ),
    "withdrew: false}": "withdrew: false, took_part: false}",
    "    location: Chorley Town Hall\n": (
        "    location: Chorley Town Hall\n    url: https://chorley.gov.uk/meetings/exec-2015-07-14\n"
    ),
}
RESPONSES = """responses:
  - finding: attendance.deemed-resignation.0a1b2c
    action: explanation-requested
    by: alistair-bradley
    on: 2015-09-20
    note: letter sent
  - {finding: attendance.deemed-resignation.0a1b2c, action: resolved, by: gary-hall, on: 2015-10-01}
"""


def extended() -> str:
    text = SMALL.read_text(encoding="utf-8")
    for before, after in ADDITIONS.items():
        assert before in text
        text = text.replace(before, after, 1)
    return text + RESPONSES


def test_the_small_dataset_without_the_additions_is_still_valid() -> None:
    history = read_dataset(SMALL)
    assert history.responses == ()
    assert all(meeting.url is None for meeting in history.meetings)
    line = AttendanceRecord(history.meetings[2]).entries.get("tracie-ogara")
    assert line is not None
    assert line.exceptional == "hospital admission"


def test_every_addition_is_read() -> None:
    history = load_dataset(extended(), "extended.yaml")
    first, second, third = history.meetings
    assert first.url == "https://chorley.gov.uk/meetings/exec-2015-07-14"
    assert second.items[0].declarations[0].took_part is False
    line = AttendanceRecord(third).entries.get("tracie-ogara")
    assert line is not None
    assert (line.exceptional, line.exceptional_accepted_by, line.exceptional_accepted_on) == (
        "hospital admission",
        "alistair-bradley",
        date(2015, 9, 20),
    )
    assert [(r.action, r.by, r.on, r.note) for r in history.responses] == [
        (ResponseAction.EXPLANATION_REQUESTED, "alistair-bradley", date(2015, 9, 20), "letter sent"),
        (ResponseAction.RESOLVED, "gary-hall", date(2015, 10, 1), None),
    ]


@pytest.mark.parametrize("as_json", [False, True])
def test_every_addition_is_written_back_and_reads_back_equal(as_json: bool) -> None:
    history = load_dataset(extended(), "extended.yaml")
    text = dump_dataset(history, as_json=as_json)
    assert load_dataset(text, "again.json" if as_json else "again.yaml") == history


def test_the_writer_keeps_the_files_forms() -> None:
    document = document_from_history(load_dataset(extended(), "extended.yaml"))
    assert list(document)[-1] == "responses"
    assert document["responses"][1] == {
        "finding": "attendance.deemed-resignation.0a1b2c",
        "action": "resolved",
        "by": "gary-hall",
        "on": "2015-10-01",
    }
    assert document["meetings"][2]["attendance"]["tracie-ogara"]["exceptional"] == {
        "reason": "hospital admission",
        "accepted_by": "alistair-bradley",
        "accepted_on": "2015-09-20",
    }
    assert document["meetings"][1]["items"][0]["declarations"][0]["took_part"] is False
    plain = document_from_history(read_dataset(SMALL))
    assert plain["meetings"][2]["attendance"]["tracie-ogara"]["exceptional"] == "hospital admission"
    assert "took_part" not in plain["meetings"][1]["items"][0]["declarations"][0]
    assert "responses" not in plain


BAD_ADDITIONS = [
    pytest.param(
        ("action: resolved", "action: forgotten"),
        "responses[1].action",
        "expected one of acknowledged, explanation-requested",
        id="unknown action",
    ),
    pytest.param(
        ("by: gary-hall, on: 2015-10-01", "by: nobody, on: 2015-10-01"),
        "responses[1].by",
        "no person has the id 'nobody'",
        id="unknown responder",
    ),
    pytest.param(
        ("on: 2015-10-01", "on: 2015-10-32"),
        "responses[1].on",
        "not a valid date",
        id="impossible response date",
    ),
    pytest.param(
        ("on: 2015-10-01", "on: 2315-10-01"),
        "responses[1].on",
        "outside the years 1900 to 2199",
        id="far date",
    ),
    pytest.param(
        ("finding: attendance.deemed-resignation.0a1b2c, action: resolved", "finding: a b, action: resolved"),
        "responses[1].finding",
        "expected a finding id",
        id="finding id with a space",
    ),
    pytest.param(
        ("on: 2015-10-01}", "on: 2015-10-01, colour: red}"),
        "responses[1].colour",
        "unknown key 'colour'",
        id="unknown key in a response",
    ),
    pytest.param(
        ("accepted_by: alistair-bradley", "accepted_by: someone-else"),
        "meetings[2].attendance.tracie-ogara.exceptional.accepted_by",
        "no person has the id 'someone-else'",
        id="unknown acceptor",
    ),
    pytest.param(
        ("{reason: hospital admission, ", "{"),
        "meetings[2].attendance.tracie-ogara.exceptional",
        "missing the required key 'reason'",
        id="acceptance without a reason",
    ),
    pytest.param(
        ("accepted_on: 2015-09-20", "accepted_on: soon"),
        "meetings[2].attendance.tracie-ogara.exceptional.accepted_on",
        "not a valid date",
        id="acceptance date",
    ),
    pytest.param(
        ("took_part: false", "took_part: no"),
        "meetings[1].items[0].declarations[0].took_part",
        "expected true or false",
        id="took_part not a boolean",
    ),
    pytest.param(
        ("url: https://chorley.gov.uk/meetings/exec-2015-07-14", "url: javascript:alert(1)"),
        "meetings[0].url",
        "expected a web address",
        id="url not a web address",
    ),
]


@pytest.mark.parametrize(("change", "path", "words"), BAD_ADDITIONS)
def test_a_bad_addition_is_refused_naming_its_path(change: tuple[str, str], path: str, words: str) -> None:
    before, after = change
    text = extended()
    assert before in text
    with pytest.raises(DatasetError) as raised:
        load_dataset(text.replace(before, after, 1), "bad.yaml")
    assert any(p.path == path and words in p.message for p in raised.value.problems), raised.value.problems
