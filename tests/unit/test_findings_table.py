"""The findings table's message lines: wrapped exactly as ``textwrap`` wraps them, whichever way is taken."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from psr_adapters.rendering.findings_table import wrapped

# Words, spaces, hyphens and every character textwrap treats specially, with some non-ASCII text.
_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"ab-. ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\u00a0", "\u3000", "é"]
    ),
    max_size=60,
) | st.text(max_size=60)


@given(text=_TEXT, width=st.integers(1, 70), indent=st.integers(0, 12), hyphens=st.booleans())
def test_a_message_is_wrapped_as_textwrap_wraps_it(text: str, width: int, indent: int, hyphens: bool) -> None:
    wrapper = textwrap.TextWrapper(
        width=width + indent,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_on_hyphens=hyphens,
    )
    assert wrapped(wrapper, text) == wrapper.wrap(text)


def test_a_message_that_fits_is_one_line_behind_its_indent() -> None:
    wrapper = textwrap.TextWrapper(width=60, initial_indent="    ", subsequent_indent="    ")
    message = "p0000-m000009 sent p0000-o08-deputy to p0000-g0-1996-05-09 instead"
    assert wrapped(wrapper, message[:50]) == ["    " + message[:50]]
    assert wrapped(wrapper, message) == wrapper.wrap(message)
    assert len(wrapped(wrapper, message)) == 2
