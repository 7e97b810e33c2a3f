"""The dossier: a one-page report on an entity, in Markdown or standalone HTML.

Name, type, aliases and counts; the analyst's notes on the entity, its relations and the
excerpts naming it (``notes.toml``); its timeline (dated relations by year, cited); stated
relations grouped by type, each with its evidence quoted
and cited (document title, path, lines); co-occurrences apart; the key passages. Document text
is data: HTML escapes everything, Markdown escapes every character that could make markup and
keeps each quote on one line inside its block quote.
"""

from __future__ import annotations

import html
import re
import sqlite3
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
from filature.query.types import Evidence, Excerpt, NoteRecord, Relation, Timeline
from filature.text import norm_key

DossierFormat = Literal["md", "html"]
DOSSIER_DIR = Path("exports/dossiers")
MAX_QUOTES = 5
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


def _cited(item: Evidence | Excerpt, e: Callable[[str], str], italic: bool = False) -> str:
    """The item's citation with every part escaped by ``e`` (the title in italics)."""
    title = e(item.document_title)
    label = e(item.document_label or "")
    return item.reference(f"*{title}*" if italic else title, e(item.document_path), label)


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


def _md_notes(notes: list[NoteRecord]) -> Iterator[str]:
    e = md_escape
    yield "## Notes\n"
    for note in notes:
        yield f"- ★ **{e(note.kind)}: {e(note.label)}**" + (
            f" — {e(note.note)}" if note.note else ""
        )
        quote = _note_quote(note)
        if quote is not None:
            yield f"  > « {e(_quoted(quote))} »  "
            yield f"  > — {_cited(quote, e, italic=True)}"
    yield ""


def _html_notes(notes: list[NoteRecord]) -> Iterator[str]:
    e = html.escape
    yield "<h2>Notes</h2><ul>"
    for note in notes:
        text = f" — {e(note.note)}" if note.note else ""
        yield f"<li>★ <strong>{e(note.kind)}: {e(note.label)}</strong>{text}"
        quote = _note_quote(note)
        if quote is not None:
            yield f"<blockquote>« {e(_quoted(quote))} »<cite>{_cited(quote, e)}</cite></blockquote>"
        yield "</li>"
    yield "</ul>"


def _dated_line(entry_date: str, relation: Relation) -> str:
    """One line of the timeline: the date as given, the relation, its role and amount."""
    bits = [f"{relation.source.name} {relation.label} {relation.target.name}"]
    if relation.role:
        bits.append(relation.role)
    if relation.amount is not None:
        bits.append(f"{relation.amount:g} {relation.currency or ''}".strip())
    return f"{entry_date} — " + ", ".join(bits)


def _md_timeline(line: Timeline) -> Iterator[str]:
    e = md_escape
    yield "## Timeline\n"
    for year in line.years:
        yield f"### {year.year}\n"
        for entry in year.entries:
            yield f"- {e(_dated_line(entry.date.text, entry.relation))}"
            if entry.relation.evidence:
                yield f"  — {_cited(entry.relation.evidence[0], e, italic=True)}"
        yield ""
    if line.undated:
        yield f"*{line.undated} stated relation{'s' if line.undated != 1 else ''} undated.*\n"


def _html_timeline(line: Timeline) -> Iterator[str]:
    e = html.escape
    yield "<h2>Timeline</h2>"
    for year in line.years:
        yield f"<h3>{year.year}</h3><ul>"
        for entry in year.entries:
            cite = (
                f" <cite>{_cited(entry.relation.evidence[0], e)}</cite>"
                if entry.relation.evidence
                else ""
            )
            yield f"<li>{e(_dated_line(entry.date.text, entry.relation))}{cite}</li>"
        yield "</ul>"
    if line.undated:
        plural = "s" if line.undated != 1 else ""
        yield f"<p><em>{line.undated} stated relation{plural} undated.</em></p>"


def _markdown(
    card: Card, sections: list[Section], built: str, notes: list[NoteRecord], dated: Timeline
) -> Iterator[str]:
    e = md_escape
    yield f"# {e(card.name)}\n"
    yield f"*{e(card.type)}* · {e(describe_counts(card))}\n"
    if card.aliases:
        yield f"**Also named:** {e(', '.join(card.aliases))}\n"
    if notes:
        yield from _md_notes(notes)
    if dated.years:
        yield from _md_timeline(dated)
    yield "## Stated relations\n"
    if not sections:
        yield "*None found in the documents.*\n"
    for section in sections:
        yield f"### {e(section.label)}\n"
        for line, citations, total in section.items:
            yield f"- **{e(line)}**"
            for c in citations[:MAX_QUOTES]:
                yield f"  > « {e(c.quote)} »  "
                yield f"  > — {_cited(c, e, italic=True)}"
                yield "  >"
            if total > MAX_QUOTES:
                yield f"  *… and {total - MAX_QUOTES} more passages.*"
            if not citations:
                yield "  *No quoted evidence.*"
            yield ""
    if card.mentioned_with:
        yield "## Mentioned with (co-occurrence, not a stated relation)\n"
        for r in card.mentioned_with:
            yield (
                f"- {e(r.counterpart_name)} ({e(r.counterpart_type)}): named together in "
                f"{r.weight} passage{'s' if r.weight != 1 else ''}"
            )
        yield ""
    yield "## Key passages\n"
    for ex in card.excerpts:
        yield f"> « {e(ex.text)} »  "
        yield f"> — {_cited(ex, e, italic=True)}\n"
    yield "---\n"
    yield (
        f"*Dossier by filature {e(__version__)} from a database built {e(built)}. Quotes are "
        "exact spans of the cleaned documents; lines refer to the original files.*\n"
    )


_CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em}
blockquote{margin:.4em 0 .8em 1em;padding-left:.8em;border-left:3px solid #bbb}
cite{display:block;color:#555;font-size:.9em}.meta{color:#555}h3{margin-bottom:.3em}"""


def _html(
    card: Card, sections: list[Section], built: str, notes: list[NoteRecord], dated: Timeline
) -> Iterator[str]:
    e = html.escape
    csp = "default-src 'none'; style-src 'unsafe-inline'"
    yield "<!DOCTYPE html>"
    yield '<html lang="fr"><head><meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    yield f"<title>{e(card.name)}</title><style>{_CSS}</style></head><body>"
    yield f"<h1>{e(card.name)}</h1>"
    yield f'<p class="meta"><em>{e(card.type)}</em> · {e(describe_counts(card))}</p>'
    if card.aliases:
        yield f"<p><strong>Also named:</strong> {e(', '.join(card.aliases))}</p>"
    if notes:
        yield from _html_notes(notes)
    if dated.years:
        yield from _html_timeline(dated)
    yield "<h2>Stated relations</h2>"
    if not sections:
        yield "<p><em>None found in the documents.</em></p>"
    for section in sections:
        yield f"<h3>{e(section.label)}</h3><ul>"
        for line, citations, total in section.items:
            yield f"<li><strong>{e(line)}</strong>"
            for c in citations[:MAX_QUOTES]:
                yield f"<blockquote>« {e(c.quote)} »"
                yield (f"<cite>{_cited(c, e)}</cite></blockquote>")
            if total > MAX_QUOTES:
                yield f"<p><em>… and {total - MAX_QUOTES} more passages.</em></p>"
            if not citations:
                yield "<p><em>No quoted evidence.</em></p>"
            yield "</li>"
        yield "</ul>"
    if card.mentioned_with:
        yield "<h2>Mentioned with (co-occurrence, not a stated relation)</h2><ul>"
        for r in card.mentioned_with:
            plural = "s" if r.weight != 1 else ""
            yield (
                f"<li>{e(r.counterpart_name)} ({e(r.counterpart_type)}): named together in "
                f"{r.weight} passage{plural}</li>"
            )
        yield "</ul>"
    yield "<h2>Key passages</h2>"
    for ex in card.excerpts:
        yield f"<blockquote>« {e(ex.text)} »"
        yield f"<cite>{_cited(ex, e)}</cite>"
        yield "</blockquote>"
    yield (
        f'<hr><p class="meta">Dossier by filature {e(__version__)} from a database built '
        f"{e(built)}. Quotes are exact spans of the cleaned documents; lines refer to the "
        "original files.</p></body></html>"
    )


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
    render = _markdown if fmt == "md" else _html
    line = timeline(conn, entity_id)
    return "\n".join(render(card, sections, built, notes, line)) + "\n"


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
