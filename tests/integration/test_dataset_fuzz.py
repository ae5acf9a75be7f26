"""Fuzzing the reader: random documents and random mutations of a valid one either load or raise
the library's own DatasetError, never anything else."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.dataset import DatasetError, check_document, dump_dataset, load_dataset

SMALL = Path(__file__).parent.parent / "data" / "small.yaml"
VALID: dict[str, Any] = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
VALID = json.loads(json.dumps(VALID, default=str))  # dates as text, as the strict reader keeps them

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2015-02-30", "2015-07-14T25:00", "held", "present", "exec", "Europe/London", ""]),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def loads_or_refuses(document: Any) -> None:
    try:
        check_document(document, "fuzz.yaml")
    except DatasetError as error:
        assert error.problems
        assert str(error).startswith("fuzz.yaml: ")


@given(json_values)
def test_any_document_loads_or_is_refused_with_a_dataset_error(document: Any) -> None:
    loads_or_refuses(document)


@given(st.dictionaries(st.sampled_from(sorted(VALID)), json_values, max_size=6))
def test_any_top_level_sections_load_or_are_refused(sections: dict[str, Any]) -> None:
    loads_or_refuses({"format": "psr/1", **sections})


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*prefix, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*prefix, index)))
    return found


PATHS = [path for path in _paths(VALID) if path]


@given(st.sampled_from(PATHS), json_values, st.sampled_from(["replace", "delete", "add"]))
def test_a_mutated_valid_dataset_loads_or_is_refused(path: tuple[Any, ...], value: Any, how: str) -> None:
    document = copy.deepcopy(VALID)
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "replace":
        parent[last] = value
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[f"extra-{last}"] = value
    else:
        parent.append(value)
    loads_or_refuses(document)


@given(st.text(max_size=200))
def test_any_text_loads_or_is_refused(text: str) -> None:
    for source in ("fuzz.yaml", "fuzz.json"):
        try:
            load_dataset(text, source)
        except DatasetError as error:
            assert error.problems


def test_the_valid_document_itself_loads_and_round_trips() -> None:
    history = check_document(VALID, "valid.yaml")
    assert load_dataset(dump_dataset(history), "again.yaml") == history
