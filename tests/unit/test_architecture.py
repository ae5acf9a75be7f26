"""The core is pure: psr_core imports the standard library and attrs only (STYLE practice 1).

import-linter checks the same in the test command; this test also catches a library the linter's
contract does not list, by allowing only what the core may use.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from psr_core import built_in_policies

CORE = Path(__file__).resolve().parents[2] / "src" / "psr_core"
ALLOWED = {"attrs", "psr_core"}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_the_core_imports_only_the_standard_library_and_attrs() -> None:
    offending = {
        str(path.relative_to(CORE)): sorted(
            root
            for root in imported_roots(path)
            if root not in ALLOWED and root not in sys.stdlib_module_names
        )
        for path in sorted(CORE.rglob("*.py"))
    }
    assert {name: roots for name, roots in offending.items() if roots} == {}


def test_the_core_does_no_io_and_reads_no_clock() -> None:
    forbidden = ("open(", "date.today(", "datetime.now(", "os.environ", "zoneinfo", "Path(")
    found = {
        str(path.relative_to(CORE)): [word for word in forbidden if word in path.read_text(encoding="utf-8")]
        for path in sorted(CORE.rglob("*.py"))
    }
    assert {name: words for name, words in found.items() if words} == {}


def test_the_policy_reference_in_docs_is_up_to_date() -> None:
    scripts = Path(__file__).resolve().parents[2] / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        import policy_reference
    finally:
        sys.path.remove(str(scripts))
    for policy in built_in_policies():
        path = policy_reference.OUT / f"{policy.id}.md"
        assert path.read_text(encoding="utf-8") == policy_reference.policy_markdown(policy), (
            f"{path} is out of date: run python scripts/policy_reference.py"
        )
    assert policy_reference.COVERAGE.read_text(encoding="utf-8") == policy_reference.coverage_markdown(), (
        f"{policy_reference.COVERAGE} is out of date: run python scripts/policy_reference.py"
    )


def test_no_module_of_src_takes_part_in_an_import_cycle() -> None:
    """Every module can be read on its own terms: nothing in src/ imports, directly or through others, a
    module that imports it back (lazy and type-only imports included)."""
    import grimp

    graph = grimp.build_graph("psr_core", "psr_adapters")
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module) & graph.modules):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    assert cycles == []


def test_every_public_name_of_the_core_is_there() -> None:
    """The facade (``psr_core.__all__``) names only what ``psr_core`` holds."""
    import psr_core

    assert [name for name in psr_core.__all__ if not hasattr(psr_core, name)] == []


def test_comments_cite_what_a_reader_of_the_repository_can_open() -> None:
    """Docstrings and comments cite a clause with its source document's name, or a docs page: never the
    contract's sections, an issue number or a seed file, which are not in the repository."""
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"CONTRACT §|\(issue \d+|[Ss]eed 00\d|shared/seeds")
    offending = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("src", "tests", "benchmarks", "scripts", "examples")
        for path in sorted((root / folder).rglob("*.py"))
        if path != Path(__file__).resolve()  # this test names what it looks for
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offending == []


def test_every_public_name_of_the_core_says_what_it_is() -> None:
    """The API reference (docs/reference/api.md) is generated from the docstrings: each public class and
    function of ``psr_core`` has one."""
    import psr_core

    bare = [
        name
        for name in psr_core.__all__
        if callable(value := getattr(psr_core, name)) and not (value.__doc__ or "").strip()
    ]
    assert bare == []
