"""The package's folders are layers (README.md, "The package"): each imports only from those above."""

from __future__ import annotations

import ast

from tests.support.paths import REPO

PACKAGE = REPO / "hooks" / "mammogram_callbacks"
# Top to bottom, as the README's table lists them.
LAYERS = [
    "core",
    "data",
    "markdown",
    "checks",
    "render",
    "project",
    "translation_state",
    "exchange",
    "publish",
    "markdown_extension",
    "build",
    "cli",
]


def _imports(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("mammogram_callbacks.")
        ):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("mammogram_callbacks.")}
    return found


def _layer(module_path: str) -> str:
    return module_path.split(".")[1] if module_path.count(".") else module_path


def test_every_module_belongs_to_a_layer():
    layers = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in PACKAGE.rglob("*.py")}
    assert layers - {"__init__"} == set(LAYERS)


def test_no_layer_imports_from_a_layer_below_it():
    upward = []
    for path in PACKAGE.rglob("*.py"):
        here = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if here == "__init__":
            continue
        for module in _imports(path):
            there = _layer(module)
            if LAYERS.index(there) > LAYERS.index(here):
                upward.append(f"{path.relative_to(REPO)} ({here}) imports {module} ({there})")
    assert upward == []
