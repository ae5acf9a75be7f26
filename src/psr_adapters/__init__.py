"""psr_adapters: everything that touches the outside world.

Findings as data, for a host application (``docs/how-to/embed-psr.md``):

>>> from psr_adapters import findings_document                                          # doctest: +SKIP
>>> document = findings_document(evaluate(history, None, date(2016, 7, 31)))            # doctest: +SKIP
>>> json.dumps(document)  # the document of psr check --format json                     # doctest: +SKIP

The names below are loaded when first used, so that importing a part of psr_adapters (the command line
does, to print its help) does not import the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .rendering.findings_json import findings_document, findings_json, write_findings_json

__all__ = ["findings_document", "findings_json", "write_findings_json"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from .rendering import findings_json as rendering

        return getattr(rendering, name)
    raise AttributeError(f"module 'psr_adapters' has no attribute {name!r}")
