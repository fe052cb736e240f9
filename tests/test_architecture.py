"""The shape of the code: the project's own modules import each other in one direction.

The import graph is read from the source (every `import`, including those inside
functions: a lazy import is still a dependency), so a cycle or an import against the
layer order fails here before it confuses a reader or an import at start-up.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("landerd_portal", "partners", "programme", "themes", "learning_history")

# Lowest first: a module may import modules of its own layer or of the layers before it,
# never of a later one. Models are the exception: every app's models may be named by any
# module (they refer to each other by "app.Model" strings, so they carry no order).
LAYERS = (
    "landerd_portal",
    "partners",
    "programme.phases",
    "programme.din",
    "themes",
    "learning_history",
    "programme.meetings",
    "programme.reports",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that module `name` imports (anywhere in its body)."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` names a module; `from module import thing` not.
            targets = [f"{base}.{alias.name}" for alias in node.names]
            targets = [t if t in known else base for t in targets]
        else:
            continue
        found.update(target for target in targets if target in known and target != name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {name: imported_modules(name, path, known) for name, path in modules.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as a list of modules (first repeated at the end), or None."""
    visiting, done = [], set()

    def visit(module):
        if module in visiting:
            return [*visiting[visiting.index(module) :], module]
        if module in done:
            return None
        visiting.append(module)
        for imported in sorted(graph[module]):
            cycle = visit(imported)
            if cycle:
                return cycle
        visiting.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def layer_of(module: str) -> int | None:
    matches = [
        index
        for index, layer in enumerate(LAYERS)
        if module == layer or module.startswith(layer + ".")
    ]
    return max(matches, key=lambda index: len(LAYERS[index])) if matches else None


def is_models_module(module: str) -> bool:
    return module.split(".")[-1] == "models"


def test_the_project_has_no_import_cycles():
    assert find_cycle(import_graph()) is None


def test_modules_import_only_their_own_layer_or_lower_ones():
    upward = []
    for module, imported in import_graph().items():
        own = layer_of(module)
        if own is None:
            continue  # project-level glue: seeding, admin, urls, the app's rules
        for target in imported:
            target_layer = layer_of(target)
            if target_layer is not None and target_layer > own and not is_models_module(target):
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_services_never_import_task_modules():
    """Tasks call services; services enqueue tasks by name (see enqueue_on_commit)."""
    graph = import_graph()
    offending = [
        f"{module} -> {target}"
        for module, imported in graph.items()
        if module.endswith("services")
        for target in imported
        if target.endswith("tasks")
    ]
    assert offending == []


def test_documents_never_query_the_database():
    """The documents layer turns data handed to it into files; it reads no models."""
    graph = import_graph()
    documents = [name for name in graph if ".documents" in name]
    assert documents, "the documents layer has moved; update this test"
    offending = [
        f"{module} -> {target}"
        for module in documents
        for target in graph[module]
        if is_models_module(target) or target.endswith("selectors")
    ]
    assert offending == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"a"}}, ["a", "a"]),
    ],
)
def test_find_cycle_finds_what_it_should(graph, expected):
    assert find_cycle(graph) == expected
