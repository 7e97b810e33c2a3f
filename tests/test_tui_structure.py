"""The app's modules import one another one way: no cycle, no import inside a function, and
only the app (which owns it) and the help's key map name the main screen.

Helpers and widgets tell a screen what happened by posting messages (``Curator.Changed``,
``EntityList.Chosen``...), which the screen handles; they never hold it or reach into it.
Imports under ``if TYPE_CHECKING:`` count like the others: screens and widgets reach the app
through the ``Explorer`` Protocol (``tui/explorer.py``), which imports no screen and not the app.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
TUI = SRC / "filature" / "tui"
MAIN = "filature.tui.screens.main"
OWNERS = {"filature.tui.workbench", "filature.tui.app", "filature.tui.keymap", MAIN}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tui_imports(path: Path) -> list[tuple[str, bool]]:
    """(module of filature.tui imported, imported inside a function) for every import,
    those under ``if TYPE_CHECKING:`` included (they are not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    top |= {
        id(inner)
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in node.body
    }
    found = []
    for node in ast.walk(tree):
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


def test_the_app_is_reached_through_the_explorer_protocol() -> None:
    """No module but the app's own entry points imports the app, and the Protocol that types
    ``self.app`` imports no screen, widget or helper that could lead back to it."""
    importers = {
        module_name(path)
        for path in TUI.rglob("*.py")
        for name, _ in tui_imports(path)
        if name == "filature.tui.app"
    }
    assert importers <= {"filature.tui.__main__"}
    explorer = {name for name, _ in tui_imports(TUI / "explorer.py")}
    assert not {
        n for n in explorer if n.startswith(("filature.tui.screens", "filature.tui.widgets"))
    }
    assert "filature.tui.app" not in explorer
    assert not any("filature_app" in p.read_text(encoding="utf-8") for p in TUI.rglob("*.py"))
