"""The partnership's words: each literal type the model's fields accept is exactly its enumeration's words,
so that a word typed in code is checked by mypy and read from a file by the enumeration alike."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from psr_core.model import vocabulary

ENUMS = [
    name
    for name, value in vars(vocabulary).items()
    if isinstance(value, type)
    and issubclass(value, vocabulary.Vocabulary)
    and value is not vocabulary.Vocabulary
]


@pytest.mark.parametrize("name", ENUMS)
def test_each_word_type_lists_exactly_the_words_of_its_vocabulary(name: str) -> None:
    enum = getattr(vocabulary, name)
    words = getattr(vocabulary, f"{name}Word", None)
    if name == "UnrecordedAttendance":  # a policy parameter's values, not a field of the model
        assert words is None
        return
    assert words is not None, f"{name} has no literal type {name}Word"
    assert set(typing.get_args(words)) == {member.value for member in enum}


@pytest.mark.parametrize("name", [n for n in ENUMS if n != "UnrecordedAttendance"])
def test_each_converter_reads_a_word_and_keeps_a_member(name: str) -> None:
    enum = getattr(vocabulary, name)
    convert = getattr(
        vocabulary, "as_" + "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
    )
    for member in enum:
        assert convert(member.value) is member
        assert convert(member) is member
    with pytest.raises(ValueError, match="is not a valid"):
        convert("not-a-word")


@pytest.mark.slow
def test_a_misspelt_word_fails_the_type_check(tmp_path: Path) -> None:
    """A word of the model typed wrong in code is caught before it runs: mypy refuses it."""
    from mypy import api

    code = tmp_path / "misspelt.py"
    code.write_text(
        "from psr_core import Attendance\nAttendance('tracie-ogara', 'presnt')\n", encoding="utf-8"
    )
    right = tmp_path / "right.py"
    right.write_text(
        "from psr_core import Attendance\nAttendance('tracie-ogara', 'present')\n", encoding="utf-8"
    )
    out, _err, status = api.run(["--strict", "--no-incremental", str(code)])
    assert status == 1
    assert "presnt" in out
    out, _err, status = api.run(["--strict", "--no-incremental", str(right)])
    assert status == 0, out


def test_the_command_lines_words_are_the_cores() -> None:
    """``psr check --status`` and ``psr respond --action`` list their words without importing the core."""
    from psr_adapters.cli.respond import ACTIONS, STATUSES

    assert tuple(status.value for status in vocabulary.FindingStatus) == STATUSES
    assert tuple(action.value for action in vocabulary.ResponseAction) == ACTIONS
