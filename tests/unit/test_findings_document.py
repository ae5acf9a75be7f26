"""Findings as data from Python: the document of ``psr check --format json``, one call away."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import psr_adapters
from psr_adapters.dataset import read_dataset
from psr_adapters.rendering import findings_json as rendering
from psr_core import History, evaluate
from strategies import histories, judgement_days

CHORLEY = Path(__file__).resolve().parents[2] / "examples" / "chorley" / "chorley.yaml"


def test_findings_document_is_plain_data_that_json_dumps_takes() -> None:
    evaluation = evaluate(read_dataset(CHORLEY), None, date(2016, 7, 31))
    document = psr_adapters.findings_document(evaluation)
    assert json.loads(json.dumps(document)) == document
    assert document["as_of"] == "2016-07-31"
    assert [f["rule"] for f in document["findings"]] == [f.rule for f in evaluation.findings]
    assert json.loads(psr_adapters.findings_json(evaluation)) == document


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = psr_adapters.no_such_name


@given(data=st.data(), history=histories(), chunk=st.integers(1, 4))
def test_the_streamed_json_is_byte_for_byte_what_json_dumps_writes(
    data: st.DataObject, history: History, chunk: int
) -> None:
    """Encoded a few findings at a time (to cross chunk boundaries), the text is exactly the standard
    library's ``json.dumps(document, indent=2, ensure_ascii=False)`` with a final newline."""
    evaluation = evaluate(history, None, data.draw(judgement_days(history)))
    expected = json.dumps(rendering.evaluation_document(evaluation), indent=2, ensure_ascii=False) + "\n"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rendering, "CHUNK", chunk)
        stream = io.BytesIO()
        rendering.write_findings_json(evaluation, stream)
        assert stream.getvalue().decode("utf-8") == expected
        assert rendering.findings_json(evaluation) == expected


def test_a_document_with_no_findings_is_written_as_json_dumps_writes_it() -> None:
    evaluation = evaluate(read_dataset(CHORLEY), None, date(2015, 6, 16))
    document = rendering.evaluation_document(evaluation)
    assert rendering.findings_json(evaluation) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
