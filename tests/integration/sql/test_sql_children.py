"""Child rows read in any order come back by parent, each parent's in position order (then by key)."""

from __future__ import annotations

from psr_adapters.sql.mapping import children


def test_rows_stored_in_order_are_taken_as_they_come() -> None:
    rows = [("m1", 0, "a"), ("m1", 1, "b"), ("m2", 0, "c")]
    assert children(rows) == {"m1": [("m1", 0, "a"), ("m1", 1, "b")], "m2": [("m2", 0, "c")]}


def test_a_parent_whose_rows_come_apart_or_out_of_order_is_sorted_by_position_then_key() -> None:
    rows = [("m1", 2, "c"), ("m2", 0, "x"), ("m1", 0, "b"), ("m1", 0, "a"), ("m2", 1, "y")]
    assert children(rows) == {
        "m1": [("m1", 0, "a"), ("m1", 0, "b"), ("m1", 2, "c")],
        "m2": [("m2", 0, "x"), ("m2", 1, "y")],
    }


def test_votes_go_by_meeting_and_item() -> None:
    rows = [("m1", "i1", 1, "b", "for"), ("m1", "i2", 0, "c", "for"), ("m1", "i1", 0, "a", "against")]
    assert children(rows, 2) == {
        ("m1", "i1"): [("m1", "i1", 0, "a", "against"), ("m1", "i1", 1, "b", "for")],
        ("m1", "i2"): [("m1", "i2", 0, "c", "for")],
    }


def test_positions_of_different_kinds_sort_as_sqlite_sorts_them() -> None:
    """Only a SQLite database edited by hand holds text where a position belongs."""
    rows = [("m1", "first", "a"), ("m1", 1, "b"), ("m1", None, "c")]
    assert [row[2] for row in children(rows)["m1"]] == ["c", "b", "a"]
