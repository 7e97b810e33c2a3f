"""Incremental rebuilds of the seeds: nothing changed, then one document changed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bench.procs import ROOT, run_child, run_python
from bench.report import Figure

CHANGE = (
    "\n\nLe ministère de la Sécurité publique a signé à Pékin, le 3 mars 2024, un accord de "
    "coopération avec le Bureau central national d'Interpol de Rome.\n"
)


def copy_seeds(seeds: Path, folder: Path) -> list[Path]:
    """Copy the seed documents (and curation file) into ``folder``; returns the documents."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for path in sorted(seeds.iterdir()):
        if path.is_file():
            target = folder / path.name
            shutil.copyfile(path, target)
            if path.suffix in {".txt", ".md"}:
                documents.append(target)
    return documents


def passage_count(path: Path, root: Path) -> int:
    """Passages the build makes of one document (read and split as the build does)."""
    from filature.build import DEFAULT_MAX_BYTES
    from filature.ingest.document import load_document
    from filature.ingest.read import read_source
    from filature.models import SourceText

    source = read_source(path, root, DEFAULT_MAX_BYTES)
    return len(load_document(source).passages) if isinstance(source, SourceText) else 0


def measure_incremental(seeds: Path, work: Path) -> tuple[list[Figure], dict[str, Any]]:
    """Cold build, unchanged rebuild (instrumented and as the real command), one-change rebuild."""
    source = work / "seeds"
    db = work / "db" / "filature.db"
    documents = copy_seeds(seeds, source)
    _, cold = run_python("bench.buildrun", str(source), str(db))
    run, same = run_python("bench.buildrun", str(source), str(db))
    same["wall_seconds"] = run.seconds
    command = [str(ROOT / ".venv" / "bin" / "filature"), "build", str(source), "--db", str(db)]
    cli = run_child(command)
    if cli.returncode != 0:
        raise RuntimeError(f"filature build exited with {cli.returncode}: {cli.stderr[-500:]}")
    changed_doc = min(documents, key=lambda p: p.stat().st_size)
    with changed_doc.open("a", encoding="utf-8") as handle:
        handle.write(CHANGE)
    _, changed = run_python("bench.buildrun", str(source), str(db))
    changed_passages = passage_count(changed_doc, source)
    details = {
        "cold": cold,
        "unchanged": same,
        "unchanged_cli_seconds": cli.seconds,
        "changed": changed,
        "changed_document": changed_doc.name,
        "changed_document_passages": changed_passages,
    }
    total = cold["nlp_texts"]
    figures = [
        Figure(
            "incremental.cold",
            "Seeds build from scratch (build() time)",
            cold["build_seconds"],
            "s",
            note=f"{cold['documents']} documents, {cold['passages']} passages, "
            f"{cold['nlp_texts']} texts through spaCy",
        ),
        Figure(
            "incremental.unchanged_cli",
            "Rebuild, nothing changed (`filature build`)",
            cli.seconds,
            "s",
            target=1.5,
            bound="max",
            note="wall time of the real command, process start to exit",
        ),
        Figure(
            "incremental.unchanged_build",
            "Rebuild, nothing changed (build() time)",
            same["build_seconds"],
            "s",
            target=1.5,
            bound="max",
            note=f"{same['nlp_texts']} of {total} passages through spaCy; "
            f"spaCy imported: {same['spacy_loaded']}; process {run.seconds:.1f} s",
        ),
        Figure(
            "incremental.changed_nlp",
            "Rebuild, one document changed: passages through spaCy",
            changed["nlp_texts"],
            "passages",
            target=max(1, changed_passages),
            bound="max",
            note=f"{changed_doc.name} ({changed_passages} passages) changed; the target is its "
            f"passage count; {changed['nlp_texts']} of {changed['passages']} passages were "
            f"analysed; build() {changed['build_seconds']:.1f} s",
        ),
    ]
    return figures, details
