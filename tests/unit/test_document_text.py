"""A file's text is the same whether it is read whole or, when large, decoded from a memory map."""

from __future__ import annotations

from pathlib import Path

import pytest

from psr_adapters.documents import read_document
from psr_adapters.errors import DatasetError

LARGE = 2 << 20  # past the size from which a file is memory-mapped


@pytest.mark.parametrize("padding", [10, LARGE])
def test_a_byte_order_mark_is_dropped_at_any_size(tmp_path: Path, padding: int) -> None:
    path = tmp_path / "history.json"
    path.write_bytes(b'\xef\xbb\xbf{"format": "psr/1", "note": "' + b"a" * padding + b'"}')
    assert read_document(path, DatasetError) == {"format": "psr/1", "note": "a" * padding}


@pytest.mark.parametrize("padding", [10, LARGE])
def test_a_byte_that_is_not_utf8_is_named_by_its_place_at_any_size(tmp_path: Path, padding: int) -> None:
    path = tmp_path / "history.json"
    path.write_bytes(b'{"note": "' + b"a" * padding + b'\xff"}')
    with pytest.raises(DatasetError, match=rf"not UTF-8 text \(byte {10 + padding}\)"):
        read_document(path, DatasetError)


def test_an_empty_file_is_not_valid_json(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    path.write_bytes(b"")
    with pytest.raises(DatasetError, match="not valid JSON"):
        read_document(path, DatasetError)
