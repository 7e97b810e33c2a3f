"""The layers run one way: what each top-level module or package of filature may import.

Allow-lists, checked on the source (every import statement, including those inside functions):
an import of filature or of a third-party library that a unit's list does not name fails the
test. The standard library is always allowed. The layers, bottom up:

    models, text, cite, errors, problems, memory, starting   no filature imports
    vocabulary      the relation vocabulary (imports models only)
    tomlfile        the analyst's TOML files read one way (imports problems only)
    ingest          files -> documents
    store           the database: schema, atomic writer, read-only opening (imports no layer)
    extract         documents -> entities and relations (spaCy only here; caches in store.cache)
    curation        the analyst's decisions, derived into the store's curated tables
    notes           the analyst's notes (notes.toml): read, match, and write under curation's lock
    query           the read model (reads the store's tables)
    export, card, listing, dossier                         formatters over the read model
    build           ingest -> extract -> store -> curation-derive (workers: the analysis
                    in worker processes)
    tui, cli        on top (the app never imports extract, ingest or build)
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
    "__main__": {"cli", "starting"},
    "models": set(),
    "text": set(),
    "cite": set(),
    "errors": set(),
    "problems": set(),
    "tomlfile": {"problems"},
    "vocabulary": {"models"},
    "workers": {"models", "errors", "extract", "memory", "spacy", "distributed"},
    "listing": {*BASE, "query", "rich"},
    "memory": set(),
    "starting": set(),
    "ingest": {*BASE, "pypdfium2", "trafilatura", "lxml"},
    "extract": {
        *BASE,
        "ingest",
        "memory",
        "store.cache",
        "spacy",
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
            names.append(node.module)
    return names


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
