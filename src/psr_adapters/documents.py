"""Reading YAML and JSON documents strictly: no duplicate keys, no implicit timestamps, clear errors.

Dates stay strings after parsing (``2015-07-14`` bare or quoted in YAML is the same), so that the format
checks see exactly what the file says, whatever the syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import DocumentError, Problem


class _StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that keeps timestamps as text, reads only true/false as booleans, and refuses a
    key given twice."""


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 booleans only: `on`, `off`, `yes` and `no` stay text (a rule section's `off:`, a person `no`).
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"a mapping key must be plain text, found {type(key).__name__}",
                key_node.start_mark,
            )
        key = str(key) if not isinstance(key, str) else key
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is given twice", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise ValueError(f"the key {key!r} is given twice")
        mapping[key] = value
    return mapping


def parse_text(text: str, source: str, error: Callable[[str, list[Problem]], DocumentError]) -> Any:
    """Parse ``text`` as JSON when ``source`` ends in ``.json``, else as YAML (a superset of JSON)."""
    if source.lower().endswith(".json"):
        try:
            return json.loads(text, object_pairs_hook=_json_object)
        except json.JSONDecodeError as exc:
            raise error(
                source,
                [Problem("", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")],
            ) from None
        except ValueError as exc:
            raise error(source, [Problem("", f"not valid JSON: {exc}")]) from None
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "invalid syntax"
        raise error(source, [Problem("", f"not valid YAML: {what}{where}")]) from None
    except yaml.YAMLError as exc:
        raise error(source, [Problem("", f"not valid YAML: {exc}")]) from None


def read_document(path: str | Path, error: Callable[[str, list[Problem]], DocumentError]) -> Any:
    """Read and parse the file at ``path``; a missing or unreadable file is a :class:`DocumentError`."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(source, [Problem("", "no such file")]) from None
    except IsADirectoryError:
        raise error(source, [Problem("", "this is a folder, not a file")]) from None
    except UnicodeDecodeError as exc:
        raise error(source, [Problem("", f"not UTF-8 text (byte {exc.start})")]) from None
    except OSError as exc:
        raise error(source, [Problem("", f"cannot be read: {exc.strerror}")]) from None
    return parse_text(text, source, error)


def dump_yaml(document: Any) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def dump_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
