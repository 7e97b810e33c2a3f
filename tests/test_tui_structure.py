"""The app's modules import one another one way: no cycle, no import inside a function, and
only the app (which owns it) and the help's key map name the main screen.

Helpers and widgets tell a screen what happened by posting messages (``Curator.Changed``,
``EntityList.Chosen``...), which the screen handles; they never hold it or reach into it.
Imports under ``if TYPE_CHECKING:`` are for annotations only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
TUI = SRC / "filature" / "tui"
MAIN = "filature.tui.screens.main"
OWNERS = {"filature.tui.app", "filature.tui.keymap", MAIN}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def typing_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:``."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }


def tui_imports(path: Path) -> list[tuple[str, bool]]:
    """(module of filature.tui imported, imported inside a function) for every runtime import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = typing_only(tree)
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        found += [(n, id(node) not in top) for n in names if n.startswith("filature.tui")]
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in TUI.rglob("*.py")}
    return {name: {n for n, _ in tui_imports(p)} & set(modules) for name, p in modules.items()}


def test_no_import_inside_a_function() -> None:
    local = [
        f"{module_name(p)} imports {name} in a function"
        for p in sorted(TUI.rglob("*.py"))
        for name, inside in tui_imports(p)
        if inside
    ]
    assert local == []


def test_no_import_cycle() -> None:
    edges = graph()
    cycles = []
    for start in edges:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in edges.get(node, ()):
                if nxt == start:
                    cycles.append(" -> ".join([*path, nxt]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert cycles == []


def test_only_the_owner_names_the_main_screen() -> None:
    """Curator and the other helpers never hold the main screen (not even for annotations)."""
    names = []
    for path in sorted(TUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == MAIN:
                names.append(module_name(path))
    assert set(names) <= OWNERS and "filature.tui.app" in names
