"""The values of a psr/1 document and their bounds, one at a time (docs/reference/dataset-format.md)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.dataset.values import (
    MAX_DEPTH,
    RefusedValueError,
    amount,
    check_date_in_range,
    day,
    deeper_than,
    identifier,
    whole_number,
)


def _acceptable_id(text: str) -> bool:
    return (
        bool(text)
        and not text[0].isspace()
        and not text[-1].isspace()
        and not any(unicodedata.category(c) == "Cc" for c in text)
    )


@given(st.text(max_size=12))
def test_an_id_is_accepted_exactly_when_it_has_no_control_character_and_no_space_at_either_end(
    text: str,
) -> None:
    try:
        identifier(text)
    except RefusedValueError:
        assert not _acceptable_id(text)
    else:
        assert _acceptable_id(text)


@given(st.dates())
def test_a_date_is_accepted_exactly_when_its_year_is_from_1900_to_2199(when: date) -> None:
    if 1900 <= when.year <= 2199:
        assert day(when.isoformat()) == when
        assert check_date_in_range(when) == when
    else:
        with pytest.raises(RefusedValueError, match="outside the years 1900 to 2199"):
            day(when.isoformat())
        with pytest.raises(ValueError, match="1900 to 2199"):
            check_date_in_range(when)


@pytest.mark.parametrize(
    "written", ["2015-7-14", "20150714", "2015-07-14T10:00", " 2015-07-14", "2015-02-29"]
)
def test_a_date_not_written_yyyy_mm_dd_or_that_does_not_exist_is_refused(written: str) -> None:
    with pytest.raises(RefusedValueError, match="not a valid date"):
        day(written)


def test_true_is_not_a_year_and_a_year_is_a_whole_number_in_range() -> None:
    assert whole_number(2015, 1900, 2199) == 2015
    for wrong in (True, 2015.0, "2015", 1899, 2200):
        with pytest.raises(RefusedValueError):
            whole_number(wrong, 1900, 2199)


@pytest.mark.parametrize("wrong", [float("nan"), float("inf"), -1, 10**18, True, "15000"])
def test_an_amount_is_a_finite_number_from_0_with_at_most_18_digits(wrong: object) -> None:
    assert amount(10**18 - 1) == 10**18 - 1
    with pytest.raises(RefusedValueError):
        amount(wrong)


def test_nesting_is_measured_once_per_container_however_often_it_is_repeated() -> None:
    shared: list[object] = []
    for _ in range(MAX_DEPTH + 1):
        shared = [shared, shared]
    assert deeper_than(shared, MAX_DEPTH)
    assert not deeper_than([[[]]], 3)
    assert deeper_than([[[]]], 2)
