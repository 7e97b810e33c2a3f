"""The layers run one way: what each top-level module or package of filature may import.

Allow-lists, checked on the source (every import statement, including those inside functions):
an import of filature or of a third-party library that a unit's list does not name fails the
test. The standard library is always allowed. Every unit sits in one layer of ``LAYERS`` and may
import only units of lower layers; the README's development section draws the same layers.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "filature"

BASE = {"models", "text", "cite", "errors", "problems", "tomlfile", "vocabulary"}
# A unit's allowed imports: filature units ("store", or one module: "store.cache") and
# third-party distributions' top-level modules. "filature" alone is the package's __version__.
ALLOWED: dict[str, set[str]] = {
    "__init__": set(),
    "__main__": {"cli", "starting", "interrupts"},
    "models": set(),
    "text": set(),
    "cite": set(),
    "errors": set(),
    "problems": set(),
    "tomlfile": {"problems"},
    "vocabulary": {"models"},
    "workers": {"models", "errors", "extract", "memory", "orphans", "spacy", "distributed"},
    "listing": {*BASE, "query", "rich"},
    "memory": set(),
    "orphans": set(),
    "interrupts": set(),
    "starting": set(),
    "ingest": {*BASE, "orphans", "pypdfium2", "trafilatura", "lxml"},
    "extract": {
        *BASE,
        "ingest",
        "memory",
        "interrupts",  # Ctrl-C held back while the model loads
        "store.cache",
        "spacy",
        "srsly",  # spaCy's own serialiser: the model's lemmatizer tables
        "rapidfuzz",
        "pycountry",
        "babel",
    },
    "store": {*BASE, "filature"},
    "curation": {*BASE, "store.connect", "store.schema"},
    "notes": {*BASE, "store.connect", "store.schema", "curation"},
    "query": {*BASE, "notes.entries", "notes.match", "rapidfuzz", "numpy"},
    "export": {*BASE, "filature", "query", "networkx"},
    "card": {*BASE, "query", "export", "rich"},
    "dossier": {*BASE, "filature", "query", "export", "card"},
    "build": {*BASE, "filature", "ingest", "extract", "store", "curation", "memory", "workers"},
    "progress": {*BASE, "build", "rich"},
    "summary": {*BASE, "build", "query", "rich"},
    "tui": {
        *BASE,
        "filature",
        "query",
        "memory",  # the heap freed by building the fuzzy index given back
        "curation",
        "notes",
        "store.connect",
        "dossier",
        "export.views",
        "export.files",
        "export",
        "textual",
        "rich",
    },
    "cli": {
        *BASE,
        "filature",
        "starting",
        "interrupts",
        "build",
        "ingest.documents_file",
        "ingest.formats.pdf_ocr",
        "store",
        "curation",
        "notes",
        "query",
        "card",
        "listing",
        "dossier",
        "export",
        "progress",
        "summary",
        "tui",
        "typer",
        "rich",
    },
}

# Bottom up: a unit imports only units of lower layers ("filature" alone is "__init__").
LAYERS: list[set[str]] = [
    {
        *("__init__", "models", "text", "cite", "errors", "problems"),
        *("memory", "orphans", "interrupts", "starting"),
    },
    {"vocabulary", "tomlfile"},  # the relation vocabulary; the analyst's TOML files read one way
    {"ingest", "store"},  # files -> documents; the database (imports no other layer)
    {"extract", "curation"},  # documents -> entities and relations; the analyst's decisions
    {"notes", "workers"},  # the analyst's notes; the analysis in worker processes
    {"query", "build"},  # the read model; ingest -> extract -> store -> curation-derive
    {"export", "progress"},  # formatters over the read model; the build's progress
    {"card", "listing", "summary"},
    {"dossier"},
    {"tui"},  # the app never imports extract, ingest, build or spaCy
    {"cli"},
    {"__main__"},
]
README = Path(__file__).resolve().parents[1] / "README.md"


def unit_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def imports_of(path: Path) -> list[str]:
    """Every module ``path`` imports (``filature.x.y`` kept whole, others by top-level name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import"
            assert node.module is not None
            names += [_imported(node.module, alias.name) for alias in node.names]
    return names


def _imported(module: str, name: str) -> str:
    """What ``from module import name`` imports: a filature submodule of that name (``from
    filature import tomlfile`` is ``filature.tomlfile``), else ``module`` itself."""
    path = SRC.joinpath(*module.split(".")[1:], name)
    is_submodule = path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()
    return f"{module}.{name}" if module.split(".")[0] == "filature" and is_submodule else module


def allowed(unit: str, name: str) -> bool:
    top = name.split(".")[0]
    if top in sys.stdlib_module_names or top == "__future__":
        return True
    if top != "filature":
        return top in ALLOWED[unit]
    if name == "filature":
        return "filature" in ALLOWED[unit]
    inner = name.removeprefix("filature.")
    if inner.split(".")[0] == unit:
        return True
    return any(inner == a or inner.startswith(a + ".") for a in ALLOWED[unit])


def test_every_unit_has_an_allow_list() -> None:
    units = {unit_of(p) for p in SRC.rglob("*.py")}
    assert units == set(ALLOWED)


def test_every_unit_sits_in_one_layer() -> None:
    """A new top-level module or package fails here until it is given a layer."""
    units = {unit_of(p) for p in SRC.rglob("*.py")}
    placed = [unit for layer in LAYERS for unit in layer]
    assert sorted(placed) == sorted(units), set(placed) ^ units


def layer_breaks(allowed: dict[str, set[str]], layers: list[set[str]]) -> list[str]:
    """Every allowed filature import of a unit that is not in a lower layer than the unit."""
    level = {unit: n for n, layer in enumerate(layers) for unit in layer}
    level["filature"] = level["__init__"]
    return [
        f"{unit} (layer {level[unit]}) may import {name} (layer {level[other]})"
        for unit, allow in allowed.items()
        for name in sorted(allow)
        if (other := name.split(".")[0]) in level and level[other] >= level[unit]
    ]


def test_each_unit_may_import_only_lower_layers() -> None:
    assert layer_breaks(ALLOWED, LAYERS) == []
    upward = {**ALLOWED, "store": {*ALLOWED["store"], "curation.database"}}
    assert layer_breaks(upward, LAYERS) == [
        "store (layer 2) may import curation.database (layer 3)"
    ]


def test_the_readme_draws_these_layers() -> None:
    """The development section's drawing: one line a layer, top down, its units first."""
    section = README.read_text(encoding="utf-8").split("## Development", 1)[1]
    drawing = section.split("```", 2)[1].strip().splitlines()
    drawn = [set(line.split("  ", 1)[0].replace(" ", "").split(",")) for line in drawing]
    assert drawn == [layer - {"__init__"} for layer in reversed(LAYERS)]


@pytest.mark.parametrize("unit", sorted(ALLOWED))
def test_layer_imports_respect_the_allow_lists(unit: str) -> None:
    files = sorted((SRC / unit).rglob("*.py")) if (SRC / unit).is_dir() else [SRC / f"{unit}.py"]
    offences = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in files
        for name in imports_of(path)
        if not allowed(unit, name)
    ]
    assert offences == []


def test_the_lists_keep_the_layers_one_way() -> None:
    """No unit may import a unit that may import it back (directly), and the store, query and
    the app never reach the pipeline's upper steps."""
    for unit, allow in ALLOWED.items():
        for other in {a.split(".")[0] for a in allow} & set(ALLOWED):
            back = {a.split(".")[0] for a in ALLOWED[other]}
            assert unit not in back or other == "filature", (unit, other)
    assert not {"curation", "extract", "ingest", "build"} & ALLOWED["store"]
    assert not {"extract", "ingest", "build", "spacy"} & ALLOWED["tui"]
    assert not {"extract", "ingest", "build", "store", "textual", "spacy"} & ALLOWED["query"]
    assert not {a for a in ALLOWED["query"] if a.split(".")[0] in ("notes", "curation")} - {
        "notes.entries",
        "notes.match",
    }, "the read model reads notes, never writes them"


def test_the_app_process_never_loads_spacy() -> None:
    import subprocess

    code = (
        "import sys, filature.tui.app, filature.query, filature.cli;"
        "print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
