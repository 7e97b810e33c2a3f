"""Reading a folder: worker processes give exactly what reading file by file gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from filature.ingest import corpus
from filature.ingest.corpus import read_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for n, seed in enumerate(sorted(SEEDS.glob("*.txt")) * 4):
        (folder / f"copy{n:02d}-{seed.name}").write_bytes(seed.read_bytes())
    (folder / "latin1.txt").write_bytes("Le café de la Police nationale à Lyon.".encode("latin-1"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _read(folder: Path) -> tuple[list[object], list[object], list[str]]:
    stages: list[str] = []
    documents, files = read_corpus(folder, 10_000_000, lambda s, d, t: stages.append(f"{d}/{t}"))
    return documents, files, stages  # type: ignore[return-value]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers only start on several cores")
def test_workers_read_the_same_documents_and_fates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    serial = _read(folder)
    started: list[int] = []
    original = corpus.ProcessPoolExecutor

    def spy(*args: object, **kwargs: object) -> object:
        started.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", spy)
    assert not started  # the serial read above did not start workers
    monkeypatch.setattr(corpus, "PARALLEL_MIN_BYTES", 1)
    parallel = _read(folder)
    assert started == [1]
    assert parallel == serial
    documents, files, stages = parallel
    assert len(documents) == 21
    fates = {f.path: (f.status, f.reason) for f in files}  # type: ignore[attr-defined]
    assert fates["binary.txt"][0] == "skipped" and fates["empty.txt"][0] == "skipped"
    assert fates["latin1.txt"][0] == "warning"
    total = sum(path.stat().st_size for path in folder.iterdir())
    assert stages[0] == f"0/{total}" and stages[-1] == f"{total}/{total}"


def test_small_corpora_are_read_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("workers started for a small corpus")

    monkeypatch.setattr(corpus, "ProcessPoolExecutor", refuse)
    documents, files, _ = _read(_folder(tmp_path))
    assert len(documents) == 21 and len(files) == 23
