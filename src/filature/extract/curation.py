"""Step 3: the analyst's corrections (``curation.toml``) applied to entity drafts.

The file format and what each decision does live in ``filature.curation`` (shared with the
app); a build stores the uncurated entities and applies the file with
``filature.curation.database.derive``. This adapter applies the same rules to drafts, for
callers of ``extract_all(curation=...)``.
"""

from __future__ import annotations

from filature.curation.entries import SECTIONS, Curation, CurationError, load_curation
from filature.curation.rules import Group, curate
from filature.extract.merge import Draft

__all__ = ["SECTIONS", "Curation", "CurationError", "apply_curation", "load_curation"]


def apply_curation(drafts: list[Draft], curation: Curation) -> list[Draft]:
    """Apply every entry in file order; entries that match nothing are ignored (the entity
    may be absent from this corpus)."""
    groups = [Group(d.name, d.type, set(d.aliases), list(d.mentions)) for d in drafts]
    out = curate(groups, curation.entries, lambda m: m.raw.surface)
    return [Draft(g.name, g.type, g.aliases, g.members) for g in out]
