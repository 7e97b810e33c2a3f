"""The analyst's curation: the file (read, check, append, remove), what each decision does,
and applying the file to a database. Imported by the build and the app alike: never spaCy,
Textual or ``filature.extract``."""

from filature.curation.edit import append_entry, entry_text, remove_entry, toml_string
from filature.curation.entries import (
    SECTIONS,
    Curation,
    CurationError,
    Entry,
    load_curation,
    parse_curation,
)

__all__ = [
    "SECTIONS",
    "Curation",
    "CurationError",
    "Entry",
    "append_entry",
    "entry_text",
    "load_curation",
    "parse_curation",
    "remove_entry",
    "toml_string",
]
