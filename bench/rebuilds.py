"""Incremental rebuilds at scale: on the corpus and database the build measurement left (with
its analysis cache), one document added, then removed with another, then only ``curation.toml``
changed, then only ``documents.toml``; each rebuild's time against the full build's, its
stages, and whether it loaded the language model."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

from bench.build import stage_seconds
from bench.procs import run_python
from bench.report import Figure

TARGET = 0.05
"""A one-document change rebuilds in at most this fraction of the full build's time."""


def _new_document(corpus: Path) -> Path:
    """A document no build has seen, of the median size: a median document's paragraphs in
    another order."""
    by_size = sorted(corpus.rglob("*.txt"), key=lambda p: (p.stat().st_size, p))
    median = by_size[len(by_size) // 2]
    paragraphs = median.read_text(encoding="utf-8").split("\n\n")
    random.Random(17).shuffle(paragraphs)
    target = corpus / "added" / "nouveau.txt"
    target.parent.mkdir(exist_ok=True)
    target.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return target


def _rebuild(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    run, built = run_python("bench.buildrun", str(corpus), str(db), "--workers", str(workers))
    built["wall_seconds"] = run.seconds
    built["stage_seconds"] = stage_seconds(built)
    return built


def _model_load(built: dict[str, Any]) -> str:
    """Where the model was loaded: in the build process (with its time) or in the worker
    that analysed the documents ahead (``workers.ahead``), beside the cache's reading."""
    if built["model_loaded"]:
        return f"model load {built['model_load_seconds']:.1f} s in the build process"
    return "model loaded by the worker analysing ahead, started once the new file was seen"


def _split(built: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.1f} s" for k, v in built["stage_seconds"].items())


def _copy(corpus: Path, db: Path, work: Path) -> tuple[Path, Path]:
    """A copy of the corpus, the database and its analysis cache, for the others to keep."""
    from filature.store.cache import cache_path

    shutil.copytree(corpus, work / "corpus")
    (work / "db").mkdir(parents=True)
    shutil.copyfile(db, work / "db" / db.name)
    shutil.copyfile(cache_path(db), cache_path(work / "db" / db.name))
    return work / "corpus", work / "db" / db.name


def measure_rebuilds(
    built_corpus: Path,
    built_db: Path,
    full_seconds: float,
    label: str,
    work: Path,
    workers: int = 0,
) -> tuple[list[Figure], dict[str, Any]]:
    """Rebuild after each kind of change; figures against the full build's ``full_seconds``.

    Works on a copy of the build's corpus and database (in ``work``)."""
    corpus, db = _copy(built_corpus, built_db, work)
    added_path = _new_document(corpus)
    added = _rebuild(corpus, db, workers)
    added_path.unlink()
    removed_path = sorted(corpus.rglob("*.txt"))[0]
    removed_path.unlink()
    removed = _rebuild(corpus, db, workers)
    curation = corpus / "curation.toml"
    with curation.open("a", encoding="utf-8") as handle:
        handle.write('\n[[rename]]\nname = "Interpol"\nto = "OIPC-Interpol"\n')
    curated = _rebuild(corpus, db, workers)
    first = sorted(corpus.rglob("*.txt"))[0].relative_to(corpus).as_posix()
    metadata = corpus / "documents.toml"
    with metadata.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[document]]\npath = "{first}"\nlabel = "Bench, relabelled"\n')
    relabelled = _rebuild(corpus, db, workers)
    details = {
        "full_seconds": full_seconds,
        "added": added,
        "removed": removed,
        "curation_only": curated,
        "documents_toml_only": relabelled,
    }
    figures = [
        Figure(
            "incremental.add_ratio",
            f"Rebuild after adding one document ÷ full build ({label})",
            added["build_seconds"] / full_seconds,
            "",
            target=TARGET,
            bound="max",
            note=f"{added['build_seconds']:.1f} s vs {full_seconds:.1f} s; "
            f"{added['documents_analysed']} document analysed, {added['documents_cached']} "
            f"from the cache; {_model_load(added)}; {_split(added)}",
        ),
        Figure(
            "incremental.remove_ratio",
            f"Rebuild after removing two documents ÷ full build ({label})",
            removed["build_seconds"] / full_seconds,
            "",
            target=TARGET,
            bound="max",
            note=f"{removed['build_seconds']:.1f} s; model loaded: "
            f"{removed['model_loaded']}; {_split(removed)}",
        ),
    ]
    for key, name, built in (
        ("curation", "curation.toml", curated),
        ("documents_toml", "documents.toml", relabelled),
    ):
        figures.append(
            Figure(
                f"incremental.{key}_only_analysed",
                f"Rebuild after changing only {name}: documents analysed ({label})",
                float(built["documents_analysed"]),
                "documents",
                note=f"spaCy imported: {built['spacy_loaded']}, model loaded: "
                f"{built['model_loaded']}; {built['build_seconds']:.1f} s "
                f"({built['build_seconds'] / full_seconds:.3f} of the full build); "
                f"{_split(built)}",
            )
        )
    return figures, details
