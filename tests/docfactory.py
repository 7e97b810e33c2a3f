"""Documents for extraction tests: texts written as real files and read by the real ingest layer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from filature.ingest.document import load_document
from filature.ingest.read import read_source
from filature.models import Document, Extraction, SourceText

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
