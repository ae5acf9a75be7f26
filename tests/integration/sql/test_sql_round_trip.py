"""A history stored and read back is the history written: dataset to database to dataset is the identity,
and the findings from the database are the findings from the file, byte for byte."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.dataset import document_from_history, dump_dataset, load_dataset, read_dataset
from psr_adapters.dataset.consistency import consistency_problems
from psr_adapters.errors import Problem
from psr_adapters.rendering.findings_json import evaluation_document
from psr_adapters.sql import import_history, load_history
from psr_adapters.sql.integrity import history_problems
from psr_core import Contribution, History, evaluate
from strategies import histories, judgement_days

from .conftest import Target, examples
from .storable import EXAMPLES, SMALL, awkward_histories, storable


def findings_json(history: History, as_of: date) -> str:
    """What ``psr check --format json`` prints for ``history``."""
    return json.dumps(evaluation_document(evaluate(history, None, as_of)), indent=2, ensure_ascii=False)


def test_the_small_dataset_reads_back_from_the_database_equal(database: Target) -> None:
    history = read_dataset(SMALL)
    import_history(history, database.engine)
    stored = load_history(database.engine)
    assert stored == history
    assert document_from_history(stored) == document_from_history(history)


def test_checking_from_the_database_gives_the_same_json_as_checking_the_file(database: Target) -> None:
    history = read_dataset(SMALL)
    import_history(history, database.engine)
    for as_of in (date(2015, 9, 1), date(2016, 1, 1), date(2017, 7, 31)):
        assert findings_json(load_history(database.engine), as_of) == findings_json(history, as_of)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.parent.name)
def test_the_examples_are_judged_alike_from_the_database_and_from_the_file(
    database: Target, example: Path
) -> None:
    history = read_dataset(example)
    import_history(history, database.engine)
    stored = load_history(database.engine)
    assert stored == history
    for as_of in (date(2015, 12, 31), date(2016, 7, 31), date(2022, 3, 31)):
        assert findings_json(stored, as_of) == findings_json(history, as_of)


def test_amounts_read_back_as_they_were_written_so_messages_quote_them_alike(database: Target) -> None:
    history = read_dataset(SMALL)
    amounts = [Decimal("15000.0"), Decimal("1E+4"), Decimal("0.10")]
    written = History(
        partnerships=history.partnerships,
        organisations=history.organisations,
        contributions=[Contribution("chorley-council", 2015, amount) for amount in amounts],
    )
    import_history(written, database.engine)
    assert [str(c.amount) for c in load_history(database.engine).contributions] == ["15000.0", "1E+4", "0.10"]


def test_generated_histories_read_back_equal_and_are_judged_alike(database: Target) -> None:
    """Dataset to database to dataset is the identity, and so are the findings (the issue's property)."""

    @examples(database.kind)
    @given(data=st.data())
    def property(data: st.DataObject) -> None:
        generated = storable(data.draw(histories()))
        text = dump_dataset(generated)
        from_file = load_dataset(text, "generated.yaml")
        import_history(from_file, database.engine, replace=True)
        stored = load_history(database.engine)
        assert dump_dataset(stored) == text
        as_of = data.draw(judgement_days(from_file))
        assert findings_json(stored, as_of) == findings_json(from_file, as_of)

    property()


def test_awkward_values_read_back_exactly(database: Target) -> None:
    """Case-variant ids, spaces inside ids, any script, microseconds and amounts like 1E+3 survive storage."""

    @examples(database.kind, scale=2)
    @given(history=awkward_histories())
    def property(history: History) -> None:
        assert history_problems(history) == []
        import_history(history, database.engine, replace=True)
        assert load_history(database.engine) == history

    property()


def test_the_database_refuses_exactly_what_a_dataset_file_may_not_say() -> None:
    """The storage checks and the dataset's consistency checks agree on generated histories."""

    @examples("sqlite", scale=5)
    @given(history=histories())
    def property(history: History) -> None:
        document = document_from_history(history)
        expected = [p for p in consistency_problems(document, Path.cwd()) if not p.path.endswith(".policy")]
        assert sorted(history_problems(history), key=str) == sorted(expected, key=str)

    property()


def test_a_problem_is_named_at_its_dataset_path() -> None:
    history = read_dataset(SMALL)
    meeting = history.meetings[0]
    broken = History(
        partnerships=history.partnerships,
        organisations=history.organisations,
        people=[p for p in history.people if p.id != "tracie-ogara"],
        groups=history.groups,
        meetings=[meeting],
    )
    assert Problem(
        "meetings[0].attendance.tracie-ogara", "no person has the id 'tracie-ogara' (see people)"
    ) in history_problems(broken)
