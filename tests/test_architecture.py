"""The layout is the architecture: each layer imports only the layers below it, and no module
imports itself back through others (counting imports inside functions too)."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("etl", "publish", "dashboard")

ALLOWED = {
    "etl": set(),
    "dashboard.model": {"etl"},
    "dashboard.charts": {"etl", "dashboard.model"},
    "dashboard.web": {"dashboard.model"},
    "dashboard.site": {"etl", "dashboard.model", "dashboard.charts", "dashboard.web"},
    "publish": {"etl", "dashboard.model"},
    "dashboard.exports": {
        "etl",
        "publish",
        "dashboard.model",
        "dashboard.charts",
        "dashboard.web",
    },
}
"""What each layer may import besides itself."""
TOP = {"dashboard", "dashboard.app", "dashboard.__main__", "dashboard.serving", "publish.site"}
"""The app, its entry points, serving and the site bake (which asks the app for each file) sit
on top of every layer and may import any."""


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            name = ".".join(path.relative_to(REPO).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


def _imports() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def _layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "dashboard" and len(parts) > 2:
        return ".".join(parts[:2])
    return parts[0] if parts[0] != "dashboard" else module


def test_no_module_imports_itself_back_through_others():
    graph = _imports()
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for module, targets in _imports().items():
        layer = _layer(module)
        if layer in TOP or module in TOP:
            continue
        assert layer in ALLOWED, f"{module}: a layer the rules do not name; add it to ALLOWED"
        for target in targets:
            other = _layer(target)
            if other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []
