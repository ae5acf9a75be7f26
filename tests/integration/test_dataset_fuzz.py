"""Fuzzing the reader: random documents and random mutations of a valid one either load or raise
the library's own DatasetError, never anything else."""

from __future__ import annotations

import copy
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from psr_adapters.dataset import DatasetError, check_document, dump_dataset, load_dataset, read_dataset
from psr_adapters.dataset.reading import read_document
from psr_adapters.dataset.schema import SCHEMA
from psr_adapters.dataset.structure import FORMATS

SMALL = Path(__file__).parent.parent / "data" / "small.yaml"
VALID: dict[str, Any] = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
VALID = json.loads(json.dumps(VALID, default=str))  # dates as text, as the strict reader keeps them
# The additions to the format, so that mutations reach them too.
VALID["meetings"][0]["url"] = "https://chorley.gov.uk/meetings/exec-2015-07-14"
VALID["meetings"][1]["items"][0]["declarations"][0]["took_part"] = False
VALID["meetings"][2]["attendance"]["tracie-ogara"]["exceptional"] = {
    "reason": "hospital admission",
    "accepted_by": "alistair-bradley",
    "accepted_on": "2015-09-20",
}
VALID["responses"] = [
    {
        "finding": "attendance.deemed-resignation.0a1b",
        "action": "waived",
        "by": "gary-hall",
        "on": "2015-10-01",
    }
]

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
MEETING_PATHS = [path for path in PATHS if path[0] == "meetings" and len(path) > 2]


def mutated(path: tuple[Any, ...], value: Any, how: str) -> Any:
    """The valid document with the value at ``path`` replaced, deleted, or given a sibling."""
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
    return document


@given(st.sampled_from(PATHS), json_values, st.sampled_from(["replace", "delete", "add"]))
def test_a_mutated_valid_dataset_loads_or_is_refused(path: tuple[Any, ...], value: Any, how: str) -> None:
    loads_or_refuses(mutated(path, value, how))


def _outcome(read: Any) -> Any:
    try:
        return read()
    except DatasetError as error:
        return error.problems


@given(st.sampled_from(PATHS), json_values, st.sampled_from(["replace", "delete", "add"]))
def test_a_document_read_from_text_gives_what_the_same_document_given_parsed_gives(
    path: tuple[Any, ...], value: Any, how: str
) -> None:
    # Reading from text lets the parsed meetings go as they are read; a document handed in is left alone.
    document = mutated(path, value, how)
    assume(_finite(document))  # JSON has no infinity or NaN
    text = json.dumps(document)
    given_parsed = _outcome(lambda: check_document(document, "fuzz.json"))
    assert json.dumps(document) == text
    assert _outcome(lambda: load_dataset(text, "fuzz.json")) == given_parsed


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


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(child) for child in value.values())
    if isinstance(value, list):
        return all(_finite(child) for child in value)
    return True


SCHEMA_CHECK = Draft202012Validator(SCHEMA, format_checker=FORMATS)


@given(st.sampled_from(PATHS), json_values, st.sampled_from(["replace", "delete", "add"]))
def test_the_published_schema_and_the_reader_agree_on_the_structure(
    path: tuple[Any, ...], value: Any, how: str
) -> None:
    """The JSON Schema the HTTP API publishes accepts a document exactly when the reader finds nothing wrong
    with its records taken one by one (references aside, which a schema cannot say)."""
    document = copy.deepcopy(VALID)
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    if how == "replace":
        parent[path[-1]] = value
    elif how == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[f"extra-{path[-1]}"] = value
    else:
        parent.append(value)
    assume(_finite(document))
    _history, walk = read_document(document, None, references=False)
    structural = [p for p in walk.problems if p not in walk.consistency]
    schema_errors = list(SCHEMA_CHECK.iter_errors(document))
    assert (not structural) == (not schema_errors), (structural, [e.message for e in schema_errors])


YAML_PIECES = [
    "format: psr/1\n",
    "people:\n",
    "  - ",
    "{id: a, name: A}",
    "&x ",
    "*x",
    "&y [*x, *x, *x]",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "\n",
    "<<: *x",
    "!!python/object/apply:os.system [ls]",
    "!!binary aGk=",
    "!!set {a}",
    "9" * 30,
    "0x" + "f" * 20,
    "2015-02-30",
    "1899-12-31",
    ".nan",
    "- ",
    '"\\ud800"',
    '"a\\tb"',
    "\ufeff",
    "\x00",
]


@given(st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join))
def test_any_yaml_built_from_hostile_pieces_loads_or_is_refused(text: str) -> None:
    try:
        load_dataset(text, "pieces.yaml")
    except DatasetError as error:
        assert error.problems
        assert str(error).startswith("pieces.yaml: ")


@given(st.binary(max_size=300), st.sampled_from(["fuzz.yaml", "fuzz.json"]))
def test_any_bytes_in_a_file_load_or_are_refused(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            read_dataset(path)
        except DatasetError as error:
            assert error.problems
            assert str(error).startswith(f"{path}: ")


def _read_both_ways(document: Any) -> None:
    quick_history, quick_walk = read_document(document, None)
    careful_history, careful_walk = read_document(document, None, quick=False)
    assert quick_history == careful_history
    assert quick_walk.problems == careful_walk.problems


@given(st.sampled_from(MEETING_PATHS), json_values, st.sampled_from(["replace", "delete", "add"]))
def test_the_quick_way_through_a_meeting_accepts_only_what_the_careful_way_accepts(
    path: tuple[Any, ...], value: Any, how: str
) -> None:
    """A meeting read the quick way gives the same history and the same problems as read field by field."""
    document = copy.deepcopy(VALID)
    parent: Any = document
    for step in path[:-1]:
        parent = parent[step]
    if how == "replace":
        parent[path[-1]] = value
    elif how == "delete":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[f"extra-{path[-1]}"] = value
    else:
        parent.append(value)
    _read_both_ways(document)


@given(st.sampled_from(MEETING_PATHS), st.sampled_from(MEETING_PATHS))
def test_moving_a_part_of_a_meeting_elsewhere_reads_the_same_both_ways(
    source: tuple[Any, ...], target: tuple[Any, ...]
) -> None:
    document = copy.deepcopy(VALID)
    moved: Any = document
    for step in source:
        moved = moved[step]
    parent: Any = document
    for step in target[:-1]:
        parent = parent[step]
    parent[target[-1]] = copy.deepcopy(moved)
    _read_both_ways(document)
