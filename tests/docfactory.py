"""Documents for tests: texts written as real files and read by the real ingest layer, or
made directly from their passages for the store and read-model tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from filature.ingest.document import load_document
from filature.ingest.read import read_source
from filature.models import Document, Extraction, Passage, SourceText, Zone

Extract = Callable[[str], Extraction]
"""The ``extract`` fixture (conftest.py): the extraction of a one-document corpus of a text."""


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    """Write each ``name -> text`` into ``folder`` (made if absent), in UTF-8: the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def write_documents(folder: Path, texts: dict[str, str]) -> list[Document]:
    """Write each ``name -> text`` into ``folder`` and load it as a Document, in order."""
    write_corpus(folder, texts)
    documents = []
    for name in texts:
        source = read_source(folder / name, folder)
        assert isinstance(source, SourceText)
        documents.append(load_document(source))
    return documents


def document_of(
    path: str, title: str, parts: Sequence[tuple[Zone, str]], height: int = 1
) -> Document:
    """A Document of ``(zone, text)`` passages separated by a blank line, each passage
    ``height`` lines tall (no file read)."""
    passages, offset, line = [], 0, 1
    for seq, (zone, text) in enumerate(parts):
        end_line = line + height - 1
        passages.append(Passage(seq, offset, offset + len(text), line, end_line, zone, text))
        offset += len(text) + 2
        line += height + 1
    body = "\n\n".join(text for _, text in parts)
    return Document(path, title, "0" * 64, "utf-8", body, tuple(passages))


def form_spans(text: str, forms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Every occurrence of ``forms`` in ``text`` as ``(start, end, form)``, longest forms first,
    none overlapping one already taken."""
    taken: list[tuple[int, int, str]] = []
    for form in sorted(forms, key=len, reverse=True):
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if all(end <= a or start >= b for a, b, _ in taken):
                taken.append((start, end, form))
            start = text.find(form, end)
    return taken
