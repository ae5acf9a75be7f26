"""Reading YAML and JSON documents strictly and safely: clear errors, bounded work, whatever the file holds.

Dates stay strings after parsing (``2015-07-14`` bare or quoted in YAML is the same), so that the format
checks see exactly what the file says, whatever the syntax. A hostile file is refused with a
:class:`~psr_adapters.errors.DocumentError` before it costs much time or memory (docs/reference/
dataset-format.md, "Limits"): a key given twice, a YAML tag other than the plain ones, a YAML merge key,
an integer of more than 18 digits, nesting the parsers cannot follow, and YAML aliases that would expand
the document far beyond its own size. The YAML parser is libyaml's where it is installed.
"""

from __future__ import annotations

import codecs
import json
import mmap
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import DocumentError, Problem

MAX_DIGITS = 18
"""An integer has at most 18 digits (so that it fits a 64-bit database column)."""
MAX_DEPTH = 64
ALIAS_FACTOR = 10
ALIAS_ALLOWANCE = 10_000
"""A YAML document whose aliases expand it to more than ten times its own nodes, plus 10,000, is refused."""

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s,\[\]{}]", re.MULTILINE)
"""What could be an alias (``*name`` where a value may start); quoted text may match too, harmlessly."""
_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}


class _RefusedYAMLError(yaml.MarkedYAMLError):
    """A YAML document that is well formed but refused (a tag, a merge key, a huge integer, a bomb)."""


def _bounded(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases would expand it far beyond its own size, or nest it too deep.

    Each distinct node is visited once; its expanded size is the sum of its children's, so an alias
    costs one addition however large the part it repeats.
    """
    sizes: dict[int, int] = {}
    depth: dict[int, int] = {id(root): 1}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in sizes and not done:
            continue
        children = _children(node)
        if not done:
            if depth[key] > MAX_DEPTH:
                raise _RefusedYAMLError(
                    None, None, f"nested more than {MAX_DEPTH} levels deep", node.start_mark
                )
            stack.append((node, True))
            for child in children:
                if id(child) not in sizes:
                    depth[id(child)] = max(depth.get(id(child), 0), depth[key] + 1)
                    stack.append((child, False))
            continue
        sizes[key] = 1 + sum(sizes.get(id(child), 1) for child in children)
    limit = ALIAS_FACTOR * len(sizes) + ALIAS_ALLOWANCE
    if sizes[id(root)] > limit:
        raise _RefusedYAMLError(
            None,
            None,
            f"its aliases expand it to {sizes[id(root)]:,} values, more than ten times the {len(sizes):,} "
            f"it writes out; psr refuses such a document (a 'billion laughs' bomb)",
            root.start_mark,
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == f"{_TAG}merge":
            raise _RefusedYAMLError(
                None, None, "a merge key (<<) is not part of psr/1; write the keys out", key_node.start_mark
            )
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise _RefusedYAMLError(
                None,
                None,
                f"a mapping key must be plain text, found {type(key).__name__}",
                key_node.start_mark,
            )
        key = str(key) if not isinstance(key, str) else key
        if key in mapping:
            raise _RefusedYAMLError(None, None, f"the key {key!r} is given twice", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    written = str(node.value).lstrip("+-").replace("_", "")
    if len(written) > MAX_DIGITS + 2:  # room for a 0x, 0o or 0b prefix
        raise _RefusedYAMLError(None, None, f"an integer of more than {MAX_DIGITS} digits", node.start_mark)
    value: int = yaml.SafeLoader.construct_yaml_int(loader, node)
    if abs(value) >= 10**MAX_DIGITS:
        raise _RefusedYAMLError(None, None, f"an integer of more than {MAX_DIGITS} digits", node.start_mark)
    return value


def _unknown_tag(_loader: Any, node: yaml.Node) -> Any:
    raise _RefusedYAMLError(
        None,
        None,
        f"the tag {node.tag} is not allowed in psr/1 (only plain values, lists and mappings)",
        node.start_mark,
    )


def strict_loader(base: type[Any]) -> type[Any]:
    """A safe YAML loader over ``base`` (libyaml's ``CSafeLoader`` or PyYAML's own ``SafeLoader``) that keeps
    timestamps as text, reads only true/false as booleans, knows only the plain tags, and refuses a key
    given twice, a merge key, an integer of more than 18 digits, and aliases that expand the document far
    beyond its own size (when ``check_aliases`` is set)."""

    class Loader(base):  # type: ignore[misc]
        check_aliases = False

        def get_single_data(self) -> Any:
            node = self.get_single_node()
            if node is None:
                return None
            if self.check_aliases:
                _bounded(node)
            return self.construct_document(node)

    dropped = {f"{_TAG}timestamp", f"{_TAG}bool"}
    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    # YAML 1.2 booleans only: `on`, `off`, `yes` and `no` stay text (a rule section's `off:`, a person `no`).
    Loader.add_implicit_resolver(
        f"{_TAG}bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    Loader.yaml_constructors = {
        tag: constructor
        for tag, constructor in yaml.SafeLoader.yaml_constructors.items()
        if tag in _ALLOWED_TAGS
    }
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    Loader.add_constructor(f"{_TAG}int", _construct_int)
    Loader.add_constructor(None, _unknown_tag)
    return Loader


_StrictLoader = strict_loader(_BASE)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} is given twice")
            seen.add(key)
    return mapping


def _json_int(written: str) -> int:
    if len(written.lstrip("-")) > MAX_DIGITS:
        raise ValueError(f"an integer of more than {MAX_DIGITS} digits")
    return int(written)


def _json_constant(written: str) -> Any:
    raise ValueError(f"{written} is not a JSON number")


def _where(text: str, position: int) -> str:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return f" at line {line}, column {column}"


def _json_problem(text: str, exc: ValueError) -> str:
    """The problem ``json`` found, with its place where it gave none (a hook's refusal)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    message = str(exc)
    if "more than" in message:
        long_number = re.search(rf"-?\d{{{MAX_DIGITS + 1},}}", text)
        if long_number is not None:
            return f"not valid JSON: {message}{_where(text, long_number.start())}"
    if "is not a JSON number" in message:
        constant = re.search(r"NaN|-?Infinity", text)
        if constant is not None:
            return f"not valid JSON: {message}{_where(text, constant.start())}"
    return f"not valid JSON: {message}"


def parse_text(text: str, source: str, error: Callable[[str, list[Problem]], DocumentError]) -> Any:
    """Parse ``text`` as JSON when ``source`` ends in ``.json``, else as YAML (a superset of JSON)."""
    if source.lower().endswith(".json"):
        try:
            return json.loads(
                text, object_pairs_hook=_json_object, parse_int=_json_int, parse_constant=_json_constant
            )
        except ValueError as exc:
            raise error(source, [Problem("", _json_problem(text, exc))]) from None
        except RecursionError:
            raise error(
                source, [Problem("", f"not valid JSON: nested more than {MAX_DEPTH} levels deep")]
            ) from None
    try:
        return load_yaml(text, _StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        what = exc.problem or exc.context or "invalid syntax"
        raise error(source, [Problem("", f"not valid YAML: {what}{where}")]) from None
    except yaml.YAMLError as exc:
        raise error(source, [Problem("", f"not valid YAML: {exc}")]) from None
    except RecursionError:
        raise error(
            source, [Problem("", f"not valid YAML: nested more than {MAX_DEPTH} levels deep")]
        ) from None


def load_yaml(text: str, loader_class: type[Any]) -> Any:
    """The document in ``text``, read with a loader class made by :func:`strict_loader`; a
    :class:`yaml.YAMLError` (or a :class:`RecursionError` on nesting the parser cannot follow) otherwise."""
    loader = loader_class(text)  # PyYAML's own reader refuses some characters here already
    # Aliases need anchors; the expansion is measured only where the text could hold both.
    loader.check_aliases = "&" in text and _ALIAS.search(text) is not None
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def read_document(path: str | Path, error: Callable[[str, list[Problem]], DocumentError]) -> Any:
    """Read and parse the file at ``path``; a missing or unreadable file is a :class:`DocumentError`."""
    source = str(path)
    try:
        text = _text_of(Path(path))
    except FileNotFoundError:
        raise error(source, [Problem("", "no such file")]) from None
    except IsADirectoryError:
        raise error(source, [Problem("", "this is a folder, not a file")]) from None
    except UnicodeDecodeError as exc:
        raise error(
            source, [Problem("", f"not UTF-8 text (byte {exc.start}); save the file as UTF-8")]
        ) from None
    except OSError as exc:
        raise error(source, [Problem("", f"cannot be read: {exc.strerror}")]) from None
    return parse_text(text, source, error)


_MAPPED = 1 << 20
"""From this size on, a file is decoded straight from the operating system's copy of it (memory-mapped)."""


def _text_of(path: Path) -> str:
    """The UTF-8 text of the file at ``path``. A large regular file is decoded from a memory map, so that
    it is not first copied whole into a bytes object (a large file is then held once, as text, while it is
    parsed); anything else is read, then decoded."""
    with path.open("rb") as stream:
        if os.fstat(stream.fileno()).st_size < _MAPPED:  # the file opened, not the path looked up again
            return stream.read().decode("utf-8-sig")
        try:
            mapped = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):  # not a file that can be mapped (emptied meanwhile, a special file)
            return stream.read().decode("utf-8-sig")
        with mapped:
            return codecs.decode(mapped, "utf-8-sig")


def dump_yaml(document: Any) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def dump_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
