"""The dossier: a one-page report on an entity, in Markdown or standalone HTML.

Name, type, aliases and counts; the analyst's notes on the entity, its relations and the
excerpts naming it (``notes.toml``); its timeline (dated relations by year, cited); stated
relations grouped by type, each with its evidence quoted and cited (document title, path,
lines); co-occurrences apart; the key passages. Document text
is data: HTML escapes everything, Markdown escapes every character that could make markup and
keeps each quote on one line inside its block quote.
"""

from __future__ import annotations

import html
import re
import sqlite3
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from filature import __version__
from filature.card import Card, card_of, describe_counts
from filature.export.files import ExportProblem, write_file
from filature.problems import CurationError
from filature.query.notes import notes_of_entity
from filature.query.records import clean, read_relations
from filature.query.timeline import timeline
from filature.query.types import Evidence, Excerpt, Relation
from filature.query.views import NoteRecord, Timeline
from filature.text import counted, norm_key

DossierFormat = Literal["md", "html"]
DOSSIER_DIR = Path("exports/dossiers")
MAX_QUOTES = 5
_MARKUPS: dict[str, dict[str, str]] = tomllib.loads(
    Path(__file__).with_name("dossier.toml").read_text(encoding="utf-8")
)
"""The parts of the dossier in each markup (``dossier.toml``)."""
# Inline markup characters; block markup cannot start since data never begins a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&|~$^!#])")


@dataclass(frozen=True)
class Section:
    """One group of stated relations: its label and, per relation, a line and its citations."""

    label: str
    items: tuple[tuple[str, tuple[Evidence, ...], int], ...]


def _sections(card: Card, relations: list[Relation]) -> list[Section]:
    by_id = {r.id: r for r in relations}
    sections = []
    for group in card.relations:
        items = []
        for rel in group.relations:
            details = ", ".join(p for p in (rel.role, rel.date) if p)
            line = f"{rel.counterpart_name} ({rel.counterpart_type})"
            record = by_id[rel.id]
            extra = [details] if details else []
            if record.amount is not None:
                extra.append(f"{record.amount:g} {record.currency or ''}".strip())
            if record.agreement is not None:
                extra.append(f"agreement: {record.agreement.name}")
            if extra:
                line += " — " + ", ".join(extra)
            items.append((line, record.evidence, len(record.evidence)))
        sections.append(Section(group.label, tuple(items)))
    return sections


def md_escape(text: str) -> str:
    """Text as inert Markdown on one line: every markup character backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _note_quote(note: NoteRecord) -> Evidence | Excerpt | None:
    if note.excerpt is not None:
        return note.excerpt
    if note.relation is not None and note.relation.evidence:
        return note.relation.evidence[0]
    return None


def _quoted(item: Evidence | Excerpt) -> str:
    if isinstance(item, Evidence):
        return item.quote
    start, end = item.spans[0] if item.spans else (0, len(item.text))
    return item.text[start:end]


_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em}
blockquote{margin:.4em 0 .8em 1em;padding-left:.8em;border-left:3px solid #bbb}
cite{display:block;color:#555;font-size:.9em}.meta{color:#555}h3{margin-bottom:.3em}"""


class _Writer:
    """The parts of a dossier in one markup (``dossier.toml``), values escaped for it."""

    def __init__(self, fmt: DossierFormat) -> None:
        self.parts = _MARKUPS[fmt]
        self.escape: Callable[[str], str] = md_escape if fmt == "md" else html.escape

    def __call__(self, part: str, **values: str) -> Iterator[str]:
        """The part written with ``values`` (already escaped), or nothing if the markup
        lacks it."""
        template = self.parts.get(part)
        if template is not None:
            yield template.format(**values)

    def cited(self, item: Evidence | Excerpt) -> str:
        """The item's citation, every part escaped (the title as the markup sets it)."""
        e = self.escape
        title = self.parts["cite_title"].format(title=e(item.document_title))
        return item.reference(title, e(item.document_path), e(item.document_label or ""))


def _notes(notes: list[NoteRecord], w: _Writer) -> Iterator[str]:
    e = w.escape
    yield from w("notes")
    for note in notes:
        text = f" — {e(note.note)}" if note.note else ""
        yield from w("note", kind=e(note.kind), label=e(note.label), text=text)
        quote = _note_quote(note)
        if quote is not None:
            yield from w("note_quote", quote=e(_quoted(quote)), cite=w.cited(quote))
        yield from w("note_end")
    yield from w("notes_end")


def _dated_line(entry_date: str, relation: Relation) -> str:
    """One line of the timeline: the date as given, the relation, its role and amount."""
    bits = [f"{relation.source.name} {relation.label} {relation.target.name}"]
    if relation.role:
        bits.append(relation.role)
    if relation.amount is not None:
        bits.append(f"{relation.amount:g} {relation.currency or ''}".strip())
    return f"{entry_date} — " + ", ".join(bits)


def _timeline(dated: Timeline, w: _Writer) -> Iterator[str]:
    e = w.escape
    yield from w("timeline")
    for year in dated.years:
        yield from w("timeline_year", year=str(year.year))
        for entry in year.entries:
            line = e(_dated_line(entry.date.text, entry.relation))
            evidence = entry.relation.evidence
            if evidence:
                yield from w("dated_cited", line=line, cite=w.cited(evidence[0]))
            else:
                yield from w("dated", line=line)
        yield from w("timeline_year_end")
    if dated.undated:
        yield from w("undated", undated=counted(dated.undated, "stated relation"))


def _outline(
    card: Card,
    sections: list[Section],
    built: str,
    notes: list[NoteRecord],
    dated: Timeline,
    w: _Writer,
) -> Iterator[str]:
    """The dossier, part by part, in the writer's markup."""
    e, entity = w.escape, card.entity
    yield from w("head", name=e(entity.name), css=_CSS)
    yield from w("title", name=e(entity.name))
    yield from w("meta", type=e(entity.type), counts=e(describe_counts(card)))
    if entity.aliases:
        yield from w("aliases", aliases=e(", ".join(entity.aliases)))
    if notes:
        yield from _notes(notes, w)
    if dated.years:
        yield from _timeline(dated, w)
    yield from w("stated")
    if not sections:
        yield from w("no_sections")
    for section in sections:
        yield from w("section", label=e(section.label))
        for line, citations, total in section.items:
            yield from w("item", line=e(line))
            for c in citations[:MAX_QUOTES]:
                yield from w("citation", quote=e(c.quote), cite=w.cited(c))
            if total > MAX_QUOTES:
                yield from w("more", more=counted(total - MAX_QUOTES, "more passage"))
            if not citations:
                yield from w("no_citation")
            yield from w("item_end")
        yield from w("section_end")
    if card.mentioned_with:
        yield from w("mentioned")
        for r in card.mentioned_with:
            passages = counted(r.weight, "passage")
            name, rtype = e(r.counterpart_name), e(r.counterpart_type)
            yield from w("counterpart", name=name, type=rtype, passages=passages)
        yield from w("mentioned_end")
    yield from w("passages")
    for ex in card.excerpts:
        yield from w("excerpt", text=e(ex.text), cite=w.cited(ex))
    yield from w("footer", version=e(__version__), built=e(built))


def dossier(conn: sqlite3.Connection, entity_id: int, fmt: DossierFormat = "md") -> str:
    """The dossier of one entity as Markdown (``md``) or a standalone HTML page (``html``).

    Raises ``query.resolve.EntityNotFound`` for an unknown id, ExportProblem for an unknown format.
    """
    if fmt not in ("md", "html"):
        raise ExportProblem(f"Unknown dossier format {fmt!r}.", "use md or html")
    card = card_of(conn, entity_id, excerpts=5)
    relations = read_relations(conn, entity_id, cooccurrence=False)
    sections = _sections(card, relations)
    row = conn.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone()
    built = clean(row[0]) if row else "at an unknown time"
    try:
        notes = notes_of_entity(conn, entity_id)
    except CurationError as exc:
        raise ExportProblem(f"{exc}; the dossier was not written.", exc.fix) from exc
    dated = timeline(conn, entity_id)
    return "\n".join(_outline(card, sections, built, notes, dated, _Writer(fmt))) + "\n"


def default_dossier_path(name: str, fmt: DossierFormat, entity_id: int) -> Path:
    """``exports/dossiers/<name folded to a slug>.<md|html>``."""
    slug = "-".join(norm_key(name).split())[:80].strip("-") or f"entity-{entity_id}"
    return DOSSIER_DIR / f"{slug}.{fmt}"


def write_dossier(
    conn: sqlite3.Connection, entity_id: int, fmt: DossierFormat = "md", out: Path | None = None
) -> Path:
    """Write the dossier atomically to ``out`` (default: ``default_dossier_path``)."""
    text = dossier(conn, entity_id, fmt)
    if out is None:
        (name,) = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
        out = default_dossier_path(str(name), fmt, entity_id)

    def write(handle: TextIO) -> None:
        handle.write(text)

    return write_file(out, write)
