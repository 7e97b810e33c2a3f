"""The dependency rules between layers, enforced on the source (like harlequin's import test)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "filature"

HEAVY = ("spacy", "textual", "thinc")
PIPELINE = ("filature.extract", "filature.build", "filature.ingest")
READERS = (*HEAVY, *PIPELINE, "filature.tui")  # export, card, dossier: read the database only

FORBIDDEN = {
    "tui": ("spacy", "filature.extract", "filature.build", "filature.ingest", "thinc"),
    "query": ("spacy", "textual", "filature.extract", "filature.build", "filature.tui"),
    "store": ("spacy", "textual", "filature.extract", "filature.tui", "thinc"),
    "ingest": ("spacy", "textual", "filature.tui", "filature.store"),
    "models": ("spacy", "textual", "filature."),
    "curation": (*READERS, "filature.query"),
    "export": READERS,
    "card": READERS,
    "dossier": READERS,
    "listing": READERS,
    "vocabulary": ("spacy", "textual", "filature.extract", "filature.query", "filature.tui"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def layer_files(layer: str) -> list[Path]:
    folder = SRC / layer
    if folder.is_dir():
        return sorted(folder.rglob("*.py"))
    return [SRC / f"{layer}.py"] if (SRC / f"{layer}.py").exists() else []


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_respect_the_dependency_rules(layer: str) -> None:
    files = layer_files(layer)
    assert files, f"layer {layer} has no source"
    offences = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in files
        for name in imported_modules(path)
        for banned in FORBIDDEN[layer]
        if name == banned.rstrip(".")
        or name.startswith(banned if banned.endswith(".") else banned + ".")
    ]
    assert offences == []


def test_the_app_process_never_loads_spacy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, filature.tui.app, filature.query, filature.cli;"
        "print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
