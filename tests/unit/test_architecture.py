"""The core is pure: psr_core imports the standard library and attrs only (STYLE practice 1).

import-linter checks the same in the test command; this test also catches a library the linter's
contract does not list, by allowing only what the core may use.
"""

from __future__ import annotations

import ast
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
